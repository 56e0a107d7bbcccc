"""Papers kept beside a decision (signed scan, annexes) and a council session (minutes):
the panels their pages show, downloads and removals. The uploads re-render the pages, so
they live with them (``decisions.decision_attachment_upload``,
``council.session_attachment_upload``)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from awards import services
from awards.models import CouncilSession, Decision
from thidua.core.forms import AttachmentForm
from thidua.core.views import (
    AttachmentPanel,
    attachment_get_or_404,
    attachment_panel,
    attachment_remove_response,
    attachment_response,
)
from units.access import get_visible_or_404


def decision_papers(
    user, decision: Decision, form: AttachmentForm | None = None
) -> AttachmentPanel:
    removable = services.can_remove_decision_paper(user, decision)
    note = ""
    if decision.status != Decision.Status.DRAFT:
        note = _(
            "Tài liệu của quyết định đã ban hành được lưu cùng hồ sơ: vẫn tải lên được (bản scan "
            "có chữ ký, phụ lục), nhưng chỉ quản trị viên (Văn phòng TĐKT) mới gỡ được."
        )
    return attachment_panel(
        holder=decision,
        kinds=Decision.Paper,
        url_name="awards:decision_attachment",
        may_upload=services.can_keep_decision_papers(user, decision),
        may_remove=lambda _attachment: removable,
        form=form,
        note=note,
    )


def session_papers(
    user, session: CouncilSession, form: AttachmentForm | None = None
) -> AttachmentPanel:
    keeps = services.can_keep_session_papers(user, session)
    return attachment_panel(
        holder=session,
        kinds=CouncilSession.Paper,
        url_name="awards:session_attachment",
        may_upload=keeps,
        may_remove=lambda _attachment: keeps,
        form=form,
    )


def _decision(request: HttpRequest, pk: int) -> Decision:
    queryset = Decision.objects.select_related("issuing_unit", "handling_unit")
    return get_visible_or_404(queryset, request.user, pk=pk)


def _session(request: HttpRequest, pk: int) -> CouncilSession:
    queryset = CouncilSession.objects.select_related("council__unit")
    return get_visible_or_404(queryset, request.user, pk=pk)


@require_GET
@login_required
def decision_attachment(request: HttpRequest, pk: int, file: int) -> FileResponse:
    decision = _decision(request, pk)
    return attachment_response(attachment_get_or_404(decision, file))


@require_POST
@login_required
def decision_attachment_remove(request: HttpRequest, pk: int, file: int) -> HttpResponse:
    decision = _decision(request, pk)
    return attachment_remove_response(
        request,
        decision,
        file,
        remove=lambda paper: services.decision_attachment_remove(
            decision=decision, attachment=paper, by=request.user
        ),
        back=lambda _paper: redirect("awards:decision_detail", pk=pk),
    )


@require_GET
@login_required
def session_attachment(request: HttpRequest, pk: int, file: int) -> FileResponse:
    session = _session(request, pk)
    return attachment_response(attachment_get_or_404(session, file))


@require_POST
@login_required
def session_attachment_remove(request: HttpRequest, pk: int, file: int) -> HttpResponse:
    session = _session(request, pk)
    return attachment_remove_response(
        request,
        session,
        file,
        remove=lambda paper: services.session_attachment_remove(
            session=session, attachment=paper, by=request.user
        ),
        back=lambda _paper: redirect("awards:session_detail", pk=pk),
    )

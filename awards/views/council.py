"""Council session pages: agenda, opening and closing, secret ballots, public notice."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from awards import selectors, services
from awards.catalogue.selectors import rule_on, rules_by_award
from awards.forms import SessionVoteForm
from awards.models import Ballot, CouncilSession, Nominee, Proposal
from awards.views.attachments import session_papers
from awards.views.proposals import label_history
from awards.workflow import SESSION_WORKFLOW, councils_run_by
from thidua.core import audit
from thidua.core.forms import AttachmentForm
from thidua.core.ids import parse_id, parse_ids
from thidua.core.pagination import paginate
from thidua.core.views import as_get, report
from units.access import restrict


def _back(pk) -> HttpResponse:
    return redirect("awards:session_detail", pk=pk)


def _session(request: HttpRequest, pk: int):
    try:
        return (
            restrict(CouncilSession.objects.all(), request.user)
            .select_related("council__unit")
            .get(pk=pk)
        )
    except (CouncilSession.DoesNotExist, ValueError):
        raise Http404 from None


def _nominee_on(session, raw) -> Nominee | None:
    """A nominee of the session's agenda, or None (the caller says so)."""
    pk = parse_id(raw)
    if pk is None:
        return None
    try:
        return Nominee.objects.select_related("person", "unit", "award").get(
            pk=pk, agenda_items__session=session
        )
    except Nominee.DoesNotExist:
        return None


NOT_ON_AGENDA = gettext_lazy("Đề cử này không có trong chương trình phiên họp.")


def _managed_councils(user):
    return councils_run_by(user).select_related("unit").order_by("name")


@require_GET
@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.council_session_list(user=request.user)
    context = {"councils": _managed_councils(request.user), **paginate(request, rows)}
    return render(request, "awards/council/list.html", context)


@require_POST
@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    """Plan a session of a council of the user's unit on a dd/mm/yyyy date."""
    council = _managed_councils(request.user).filter(pk=parse_id(request.POST.get("council")) or 0)
    raw = request.POST.get("date", "").strip()
    try:
        day = datetime.datetime.strptime(raw, "%d/%m/%Y").date()
    except ValueError:
        messages.error(request, _("Ngày “%(v)s” không hợp lệ (dd/mm/yyyy).") % {"v": raw[:20]})
        return redirect("awards:sessions")
    if not council.exists():
        messages.error(request, _("Chọn Hội đồng của đơn vị bạn."))
        return redirect("awards:sessions")
    try:
        session = services.council_session_create(council=council.get(), by=request.user, date=day)
    except ValidationError as error:
        report(request, error)
        return redirect("awards:sessions")
    messages.success(request, _("Đã lập phiên họp ngày %(d)s.") % {"d": raw})
    return _back(session.pk)


@require_GET
@login_required
def session_detail(request: HttpRequest, pk: int, attachment_form=None) -> HttpResponse:
    detail = selectors.council_session_detail(user=request.user, pk=pk)
    session = detail.session
    rules = rules_by_award({item.nominee.award_id for item in detail.items})
    rows = []
    for item in detail.items:
        nominee = item.nominee
        rule = rule_on(rules, nominee.award_id, nominee.proposal.reference_date)
        rows.append(
            {
                "nominee": nominee,
                "threshold": rule.vote_threshold_percent if rule else None,
                "needs": services.threshold_text(
                    session.member_count, rule.vote_threshold_percent if rule else None
                ),
                "notice_days": rule.public_notice_days if rule else 0,
                "my_ballot": detail.my_ballots.get(nominee.pk),
                "ballots": detail.ballot_counts.get(nominee.pk, 0),
                "voters": detail.voters.get(nominee.pk, set()),
                "not_yet": detail.not_yet.get(nominee.pk, ""),
            }
        )
    candidates = (
        list(selectors.nominees_for_agenda(session=session))
        if detail.can_manage and session.status != session.Status.CLOSED
        else []
    )
    history = list(audit.history(session))
    label_history(history, SESSION_WORKFLOW)
    # After the vote: the dự thảo quyết định of each proposal on the agenda the user may draft.
    proposals = dict.fromkeys(item.nominee.proposal for item in detail.items)
    drafts = [p for p in proposals if selectors.proposal_can_draft_decision(p, request.user)]
    context = {
        "d": detail,
        "session": session,
        "rows": rows,
        "candidates": candidates,
        "history": history,
        "closed": session.status == session.Status.CLOSED,
        "early_start": early_start(session),
        "confirming": _confirming(request, detail, rows),
        "papers": session_papers(request.user, session, attachment_form),
        "decision_drafts": drafts,
    }
    return render(request, "awards/council/detail.html", context)


@require_GET
@login_required
def session_dossier(request: HttpRequest, pk: int, nominee: int) -> HttpResponse:
    """One agenda line's dossier: a fragment loaded into the session page (htmx), or a page
    of its own when opened directly."""
    dossier = selectors.session_dossier(user=request.user, pk=pk, nominee_pk=nominee)
    template = "awards/council/_dossier.html" if request.htmx else "awards/council/dossier.html"
    return render(request, template, {"dossier": dossier, "n": dossier.nominee})


@require_GET
@login_required
def session_file(request: HttpRequest, pk: int, file: int) -> FileResponse:
    """A dossier file of an agenda line, for whoever sees the session."""
    stored = selectors.session_file(user=request.user, pk=pk, file_pk=file)
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=stored.original_name, content_type=stored.content_type
    )


def _confirming(request: HttpRequest, detail, rows) -> dict | None:
    """The vote a member chose and is asked to confirm (``?confirm=<nominee>&vote=…``)."""
    nominee_pk, vote = parse_id(request.GET.get("confirm")), request.GET.get("vote", "")
    if not detail.can_vote or vote not in Ballot.Vote.values or nominee_pk is None:
        return None
    if not any(row["nominee"].pk == nominee_pk and not row["not_yet"] for row in rows):
        return None
    return {"nominee": nominee_pk, "vote": vote, "label": Ballot.Vote(vote).label}


def early_start(session) -> str:
    """Why starting now needs a confirmation (before the planned day), or ""."""
    today = timezone.localdate()
    if session.status != session.Status.PLANNED or session.date <= today:
        return ""
    return _(
        "Phiên họp dự kiến ngày %(planned)s, hôm nay là %(today)s (sớm %(days)s ngày): "
        "kiểm tra lại ngày họp trước khi bắt đầu bỏ phiếu."
    ) % {
        "planned": f"{session.date:%d/%m/%Y}",
        "today": f"{today:%d/%m/%Y}",
        "days": (session.date - today).days,
    }


@require_POST
@login_required
def session_agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    ids = parse_ids(request.POST.getlist("nominees"))
    try:
        services.session_add_to_agenda(session=session, by=request.user, nominees=ids)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Đã đưa %(n)s đề cử vào chương trình.") % {"n": len(ids)})
    return _back(pk)


@require_POST
@login_required
def session_agenda_remove(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    nominee = _nominee_on(session, request.POST.get("nominee"))
    if nominee is None:
        messages.error(request, NOT_ON_AGENDA)
        return _back(pk)
    try:
        services.session_remove_from_agenda(session=session, by=request.user, nominee=nominee)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Đã rút %(n)s khỏi chương trình.") % {"n": nominee})
    return _back(pk)


@require_POST
@login_required
def session_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Open or close; closing reports the tally and every quorum or notice problem."""
    session = _session(request, pk)
    action = request.POST.get("transition")
    try:
        if action == "open" and early_start(session) and request.POST.get("confirm_early") != "1":
            messages.error(request, early_start(session))
        elif action == "open":
            services.session_open(session=session, by=request.user)
            messages.success(request, _("Phiên họp đã bắt đầu; thành viên có thể bỏ phiếu."))
        elif action == "close":
            outcome = services.session_close(
                session=session, by=request.user, minutes=request.POST.get("minutes") or None
            )
            messages.success(request, _("Phiên họp đã kết thúc; kết quả kiểm phiếu ở dưới."))
            for message in outcome.messages:
                messages.warning(request, message)
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
    except ValidationError as error:
        report(request, error)
    return _back(pk)


@require_POST
@login_required
def session_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's own ballot, or (with ``member``) an absent member's written one."""
    session = _session(request, pk)
    form = SessionVoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn Đồng ý hoặc Không đồng ý."))
        return _back(pk)
    nominee = _nominee_on(session, form.cleaned_data["nominee"])
    if nominee is None:
        messages.error(request, NOT_ON_AGENDA)
        return _back(pk)
    member_pk = form.cleaned_data.get("member")
    if member_pk:
        member = (
            get_user_model()
            .objects.filter(pk=member_pk, council_memberships__council=session.council)
            .first()
        )
        if member is None:
            raise Http404
        extra = {"in_writing": True, "recorded_by": request.user}
    else:
        member, extra = request.user, {}
        if request.POST.get("confirm") != "1":
            # A vote asks for confirmation: back to the line with the choice to confirm.
            query = urlencode({"confirm": nominee.pk, "vote": form.cleaned_data["vote"]})
            url = reverse("awards:session_detail", kwargs={"pk": pk})
            return redirect(f"{url}?{query}#item-{nominee.pk}")
    changed = not member_pk and session.ballots.filter(nominee=nominee, member=member).exists()
    try:
        services.ballot_cast(
            session=session, nominee=nominee, member=member, vote=form.cleaned_data["vote"], **extra
        )
    except ValidationError as error:
        report(request, error)
    else:
        done = _("Đã thay đổi phiếu về %(s)s.") if changed else _("Đã ghi nhận phiếu về %(s)s.")
        messages.success(request, done % {"s": nominee.subject})
    return _back(pk)


@require_POST
@login_required
def public_notice_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Post a nominee for public comment; back to the session or the proposal it came from."""
    nominee = _visible_nominee(request, pk)
    raw = request.POST.get("start", "").strip()
    start = None
    if raw:
        try:
            start = datetime.datetime.strptime(raw, "%d/%m/%Y").date()
        except ValueError:
            messages.error(request, _("Ngày “%(v)s” không hợp lệ (dd/mm/yyyy).") % {"v": raw[:20]})
            return _return_to(request, nominee)
    try:
        notice = services.public_notice_start(
            nominee=nominee, by=request.user, start=start, channel=request.POST.get("channel", "")
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(
            request,
            _("Đã bắt đầu lấy ý kiến công khai %(s)s đến hết ngày %(end)s.")
            % {"s": nominee.subject, "end": notice.ends_on.strftime("%d/%m/%Y")},
        )
    return _return_to(request, nominee)


def _visible_nominee(request: HttpRequest, pk: int) -> Nominee:
    visible = restrict(Proposal.objects.all(), request.user).values("pk")
    try:
        return Nominee.objects.select_related("proposal", "person", "unit", "award").get(
            pk=pk, proposal__in=visible
        )
    except (Nominee.DoesNotExist, ValueError):
        raise Http404 from None


def _return_to(request: HttpRequest, nominee: Nominee) -> HttpResponse:
    session = parse_id(request.POST.get("session"))
    if session is not None:
        return _back(session)
    return redirect("awards:proposal_detail", pk=nominee.proposal_id)


@require_POST
@login_required
def session_attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A paper kept beside the session (its signed minutes): uploaded by who runs it."""
    session = _session(request, pk)
    form = AttachmentForm(request.POST, request.FILES, kinds=CouncilSession.Paper)
    if form.is_valid():
        try:
            services.session_attachment_add(session=session, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã tải lên tài liệu."))
            return _back(pk)
    messages.error(request, _("Chưa tải lên được tài liệu; xem lỗi trong biểu mẫu."))
    return session_detail(as_get(request), pk, attachment_form=form)

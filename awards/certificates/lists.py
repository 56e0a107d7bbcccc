"""Printed lists in the administrative style of the decision PDF (css/official.css and
css/proposals.css): the public-notice list of a council session's nominees (danh sách
công khai), issued by the council under its unit and signed for it by its chair."""

import datetime
from collections import Counter

from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation

from awards import documents
from awards.models import AgendaItem, CouncilSession, PublicNotice
from awards.reports import weasy
from thidua.core.documents import place_date
from units.access import restrict


def session_for_user(*, user, pk) -> CouncilSession:
    rows = restrict(CouncilSession.objects.select_related("council__unit"), user)
    try:
        return rows.get(pk=pk)
    except (CouncilSession.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def notice_rows(session: CouncilSession) -> list[dict]:
    """The session's nominees under public notice, in agenda order (three queries)."""
    items = (
        AgendaItem.objects.filter(session=session, nominee__notices__isnull=False)
        .distinct()
        .select_related("nominee__person", "nominee__unit", "nominee__award")
        .select_related("nominee__proposal__proposing_unit")
        .prefetch_related(Prefetch("nominee__notices", PublicNotice.objects.order_by("-start")))
        .order_by("order", "pk")
    )
    rows = []
    for item in items:
        n = item.nominee
        notice = n.notices.all()[0]
        rows.append(
            {
                "name": n.person.full_name if n.person else n.unit.name,
                "position": n.person.position if n.person else "",
                "unit": n.proposal.proposing_unit.name if n.person else "",
                "award": documents.award_words(n.award),
                "subject": n.award.subject,
                "span": f"{notice.start:%d/%m/%Y} – {notice.ends_on:%d/%m/%Y}",
            }
        )
    return rows


def public_notice_pdf(session: CouncilSession, today: datetime.date) -> bytes:
    with translation.override("vi"):
        unit = session.council.unit
        rows = notice_rows(session)
        subjects = Counter(row["subject"] for row in rows)
        place = unit.province.name if unit.province_id else "Hà Nội"
        html = render_to_string(
            "certificates/public_notice_pdf.html",
            {
                "session": session,
                "unit": unit,
                "rows": rows,
                "count": documents.count_words(subjects),
                "masthead": documents.Masthead(
                    issuer=session.council.name,
                    parent=unit.name,
                    number=" " * 6 + "/DS-HĐTĐKT",
                    place_date=place_date(place, today),
                ),
                "sign": documents.Signature(
                    lines=[f"TM. {session.council.name.upper()}", "CHỦ TỊCH"],
                    recipients=("Các đơn vị có cá nhân, tập thể được đề nghị", "Lưu: VT, TĐKT"),
                ),
            },
        )
    css = "".join(_read(name) for name in ("css/official.css", "css/proposals.css"))
    return weasy.render(html, css)


def _read(name: str) -> str:
    with open(finders.find(name), encoding="utf-8") as css:
        return css.read()


def minutes_context(session: CouncilSession) -> dict:
    """The council's minutes (biên bản): who sat, each nominee's tally once the session is
    closed (counts only: the ballot is secret), what passed, signed by secretary and chair."""
    items = (
        AgendaItem.objects.filter(session=session)
        .select_related("nominee__person", "nominee__unit", "nominee__award")
        .select_related("nominee__proposal__proposing_unit")
        .order_by("order", "pk")
    )
    closed = session.status == CouncilSession.Status.CLOSED
    rows, passed = [], Counter()
    for item in items:
        n = item.nominee
        ok = closed and n.result in (n.Result.PASSED, n.Result.CONFERRED)
        if ok:
            passed[n.award.subject] += 1
        rows.append(
            {
                "name": n.person.full_name if n.person else n.unit.name,
                "award": documents.award_words(n.award),
                "unit": n.proposal.proposing_unit.name,
                "agree": n.votes_agree if closed else None,
                "disagree": n.votes_disagree if closed else None,
                "result": n.get_result_display() if closed else "",
            }
        )
    members = list(session.council.memberships.select_related("user").filter(is_active=True))
    role = {m.role: m.user.get_full_name() or m.user.get_username() for m in members}
    unit = session.council.unit
    place = unit.province.name if unit.province_id else "Hà Nội"
    return {
        "session": session,
        "rows": rows,
        "closed": closed,
        "members": session.member_count or len(members),
        "passed": documents.count_words(passed) if passed else "",
        "masthead": documents.Masthead(
            issuer=session.council.name,
            parent=unit.name,
            number=" " * 6 + "/BB-HĐTĐKT",
            place_date=place_date(place, session.date),
        ),
        "secretary": role.get("secretary", ""),
        "chair": role.get("chair", ""),
    }


def minutes_pdf(session: CouncilSession) -> bytes:
    with translation.override("vi"):
        html = render_to_string("certificates/minutes_pdf.html", minutes_context(session))
    css = "".join(_read(name) for name in ("css/official.css", "css/proposals.css"))
    return weasy.render(html, css)

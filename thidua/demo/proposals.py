"""The demo's award proposals and the ministry's council, built through the services.

Thi hành án dân sự tỉnh Lào Cai proposes Bằng khen of the Minister and Chiến sĩ thi đua
ngành Tư pháp for 2026 with a full dossier and sends it to its leader, so the demo leader
finds it waiting with its eligibility verdicts (warnings to override with a reason, or not).
The Long An office of the demo staff user keeps a draft whose dossier is still incomplete.
Bộ Tư pháp has its council (the demo admin chairs it, the demo council member sits on it)
and a session planned for the year-end review.
"""

import datetime
import time
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import format_html
from weasyprint import HTML

from awards import services
from awards.catalogue.models import Authority, Award
from awards.models import CouncilMember, DossierFile, Proposal
from thidua.demo.accounts import ADMIN_USERNAME, DemoAccount
from thidua.demo.org import Org
from units.access import under
from units.models import Person, Unit

YEAR = 2026
LAO_CAI_NOMINEES = [
    (
        "bk-bo-ca-nhan",
        "Hoàn thành xuất sắc nhiệm vụ năm 2026; tổ chức thi hành dứt điểm 42 việc "
        "tồn đọng, thu hồi 3,2 tỷ đồng cho Nhà nước.",
    ),
    ("bk-bo-ca-nhan", "Chấp hành viên tiêu biểu; tỷ lệ việc thi hành xong đạt 92 %."),
    ("cstd-nganh", "Ba năm liền Chiến sĩ thi đua cơ sở; sáng kiến về số hóa hồ sơ thi hành án."),
]
K = DossierFile.Kind


def build_proposals(
    org: Org, accounts: list[DemoAccount], report: Callable[[str], None]
) -> dict[str, int]:
    started = time.perf_counter()
    users = get_user_model().objects.in_bulk([a.username for a in accounts], field_name="username")
    by_name = {a.username: a for a in accounts}
    admin, leader, staff = (
        users.get(ADMIN_USERNAME),
        users.get("leader_lao_cai"),
        users.get("staff_long_an"),
    )
    counts = {"proposals": 0, "councils": 0}
    if admin is None:
        return counts
    minister = Authority.objects.get(code="bo-truong-btp")
    if leader is not None:
        _lao_cai(leader, _unit(by_name["leader_lao_cai"]), minister)
        counts["proposals"] += 1
    if staff is not None:
        _long_an_draft(staff, _unit(by_name["staff_long_an"]), minister)
        counts["proposals"] += 1
    council_user = users.get("council_btp")
    ministry = Unit.objects.get(pk=org.ministry.unit.pk)
    council = services.council_create(
        by=admin, unit=ministry, name="Hội đồng Thi đua – Khen thưởng Bộ Tư pháp"
    )
    services.council_member_add(
        council=council, by=admin, user=admin, role=CouncilMember.Role.SECRETARY
    )
    if council_user is not None:
        services.council_member_add(council=council, by=admin, user=council_user)
    services.council_session_create(council=council, by=admin, date=datetime.date(YEAR, 12, 28))
    counts["councils"] = 1
    elapsed = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    report(
        f"  Đề nghị khen thưởng: {counts['proposals']} đề nghị năm {YEAR}, "
        f"1 Hội đồng TĐKT Bộ với 1 phiên họp ({elapsed} giây)"
    )
    return counts


def _unit(account: DemoAccount) -> Unit:
    # The org's in-memory units predate their paths (set in SQL): role checks need the rows.
    return Unit.objects.get(pk=account.node.unit.pk)


def _people(unit: Unit, count: int) -> list[Person]:
    return list(
        Person.objects.filter(under([unit.path], "unit__path")).order_by("unit__path", "code")[
            :count
        ]
    )


def _lao_cai(leader, unit: Unit, minister: Authority) -> Proposal:
    proposal = services.proposal_create(
        by=leader,
        proposing_unit=unit,
        authority=minister,
        year=YEAR,
        title=f"Đề nghị Bộ trưởng Bộ Tư pháp tặng Bằng khen, danh hiệu thi đua năm {YEAR}",
        summary="Theo kết quả bình xét của Hội đồng Thi đua – Khen thưởng cơ sở ngày 10/12.",
    )
    awards = Award.objects.in_bulk([code for code, _text in LAO_CAI_NOMINEES], field_name="code")
    people = _people(unit, len(LAO_CAI_NOMINEES))
    _upload(proposal, leader, K.SUBMISSION, "to-trinh.pdf", proposal.title)
    _upload(proposal, leader, K.MINUTES, "bien-ban-hop-hoi-dong.pdf", "Biên bản họp Hội đồng")
    for person, (code, achievement) in zip(people, LAO_CAI_NOMINEES, strict=False):
        try:
            nominee = services.nominee_add(
                proposal=proposal,
                by=leader,
                award=awards[code],
                person=person,
                achievement=achievement,
            )
        except ValidationError:
            continue
        _upload(
            proposal,
            leader,
            K.REPORT,
            f"bao-cao-thanh-tich-{person.code}.pdf",
            f"Báo cáo thành tích – {person.full_name}",
            nominee=nominee,
        )
    return services.proposal_submit(proposal=proposal, by=leader)


def _long_an_draft(staff, unit: Unit, minister: Authority) -> Proposal:
    proposal = services.proposal_create(
        by=staff,
        proposing_unit=unit,
        authority=minister,
        year=YEAR,
        title=f"Đề nghị tặng Bằng khen của Bộ trưởng Bộ Tư pháp năm {YEAR}",
        simplified=True,
    )
    award = Award.objects.get(code="bk-bo-ca-nhan")
    for person in _people(unit, 2):
        try:
            services.nominee_add(
                proposal=proposal,
                by=staff,
                award=award,
                person=person,
                achievement="Hoàn thành xuất sắc nhiệm vụ được giao năm 2026.",
            )
        except ValidationError:
            continue
    _upload(proposal, staff, K.SUBMISSION, "to-trinh.pdf", proposal.title)
    return proposal


def _upload(proposal, by, kind, name, heading, nominee=None) -> None:
    html = format_html(
        "<html><body style='font-family: Tinos'><p style='text-align:center'>"
        "<b>{}</b></p><h2 style='text-align:center'>{}</h2><p>{}</p>"
        "<p>(Tài liệu mẫu của dữ liệu demo.)</p></body></html>",
        proposal.proposing_unit.name.upper(),
        heading,
        proposal.title,
    )
    pdf = SimpleUploadedFile(name, HTML(string=html).write_pdf(), "application/pdf")
    services.dossier_upload(proposal=proposal, kind=kind, file=pdf, by=by, nominee=nominee)

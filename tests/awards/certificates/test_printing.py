"""Printing a decision's certificates: the PDF, register numbers, reprints, refusals, scope."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.certificates import services
from awards.certificates.models import Certificate, CertificatePrint, CertificateTemplate
from awards.certificates.render import authority_heading
from awards.models import Decision
from tests.awards.certificates.helpers import confer_people, make_decision, pdf_pages
from tests.factories import ConfermentFactory, UnitFactory
from thidua.core.models import AuditEntry
from units.models import Assignment

D = datetime.date


def _print(client, decision, ids=(), **data):
    url = reverse("certificates:decision_print", args=[decision.pk])
    data = {"confirm": "1", **data}
    return client.post(url, {"mode": "full", "conferment": [str(i) for i in ids], **data})


def test_the_pdf_reads_like_the_example_one_page_per_recipient(login, admin_user, decision):
    response = _print(login(admin_user), decision)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    assert len(pages) == 2
    example = next(p for p in pages if "Hương" in p)
    for line in [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LONG AN",
        "TẶNG BẰNG KHEN",
        "Bà Nguyễn Thị Thanh Hương",
        "Chấp hành viên, Phòng Thi hành án dân sự khu vực 1 – Long An",
        "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
        "Quyết định số 12/QĐ-UBND ngày 15/01/2026",
        "Long An, ngày 15 tháng 01 năm 2026",
        "CHỦ TỊCH",
        "Nguyễn Văn Út",
    ]:
        assert line in example
    assert "Phó Trưởng phòng" not in example  # her position today, not on the decision's date
    collective = next(p for p in pages if "Hương" not in p)
    assert "TẶNG DANH HIỆU TẬP THỂ LAO ĐỘNG XUẤT SẮC" in collective
    assert "Phòng Thi hành án dân sự khu vực 1 – Long An" in collective
    numbers = sorted(page.split("Số vào sổ: ")[1][:4] for page in pages)
    assert numbers == ["0001", "0002"]


def test_a_collective_appears_with_the_name_it_had_then(login, admin_user, sector, ubnd):
    old = UnitFactory(
        name="Chi cục Thi hành án dân sự huyện Cần Giuộc", parent=sector.thads_long_an
    )
    old.valid_to = D(2025, 6, 30)
    old.save()
    UnitFactory(name="Phòng Thi hành án dân sự khu vực 5", parent=sector.thads_long_an)
    decision = make_decision(sector, ubnd, day=D(2025, 3, 1))
    ConfermentFactory(decision=decision, award=ubnd.collective_award, unit=old, year=2024)
    pages = pdf_pages(_print(login(admin_user), decision).content)
    assert "Chi cục Thi hành án dân sự huyện Cần Giuộc" in pages[0]
    assert "khu vực 5" not in pages[0]


def test_ticked_recipients_only(login, admin_user, decision):
    first = decision.conferments.get(person__isnull=False)
    pages = pdf_pages(_print(login(admin_user), decision, [first.pk]).content)
    assert len(pages) == 1 and "Nguyễn Thị Thanh Hương" in pages[0]
    assert Certificate.objects.count() == 1


def test_register_numbers_run_per_authority_issuer_and_year(sector, ubnd, admin_user):
    first = make_decision(sector, ubnd, number="12/QĐ-UBND")
    second = make_decision(sector, ubnd, number="40/QĐ-UBND", day=D(2026, 3, 2))
    next_year = make_decision(sector, ubnd, number="3/QĐ-UBND", day=D(2027, 1, 10))
    other_body = make_decision(
        sector, ubnd, number="7/QĐ-UBND", issuing_unit=UnitFactory(name="UBND tỉnh Tây Ninh")
    )
    numbers = {}
    for decision, count in [(first, 3), (second, 2), (next_year, 2), (other_body, 1)]:
        people = confer_people(
            decision, ubnd.award, sector.district, [f"Người {i}" for i in range(count)]
        )
        certs = services.certificates_print(decision=decision, conferments=people, by=admin_user)
        numbers[decision.number] = [c.register_number for c in certs]
    assert numbers == {
        "12/QĐ-UBND": ["0001", "0002", "0003"],
        "40/QĐ-UBND": ["0004", "0005"],
        "3/QĐ-UBND": ["0001", "0002"],
        "7/QĐ-UBND": ["0001"],
    }


def test_numbering_continues_after_an_imported_old_register(sector, ubnd, admin_user):
    """Lines of a paper register typed in (numbers 1–3 of 2026, no counter yet): the first
    print takes 4, the next print 5 and 6, and no number is given twice."""
    old = make_decision(sector, ubnd, number="2/QĐ-UBND", day=D(2026, 1, 5))
    for number, conferment in enumerate(
        confer_people(old, ubnd.award, sector.district, ["Cũ 1", "Cũ 2", "Cũ 3"]), start=1
    ):
        Certificate.objects.create(
            conferment=conferment,
            authority=ubnd.authority,
            issuing_unit=ubnd.unit,
            year=2026,
            number=number,
        )
    first = make_decision(sector, ubnd, number="12/QĐ-UBND")
    second = make_decision(sector, ubnd, number="40/QĐ-UBND", day=D(2026, 3, 2))
    printed = [
        services.certificates_print(
            decision=decision,
            conferments=confer_people(decision, ubnd.award, sector.district, names),
            by=admin_user,
        )
        for decision, names in [(first, ["Mới 1"]), (second, ["Mới 2", "Mới 3"])]
    ]
    assert [[c.number for c in batch] for batch in printed] == [[4], [5, 6]]
    assert sorted(Certificate.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_the_register_refuses_a_number_twice(decision, admin_user):
    cert = services.certificates_print(
        decision=decision, conferments=list(decision.conferments.all()[:1]), by=admin_user
    )[0]
    other = decision.conferments.exclude(pk=cert.conferment_id).get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            conferment=other,
            authority=cert.authority,
            issuing_unit=cert.issuing_unit,
            year=cert.year,
            number=cert.number,
        )


def test_a_reprint_keeps_its_number_needs_a_reason_and_is_logged(login, leader_long_an, decision):
    client = login(leader_long_an)
    _print(client, decision)
    numbers = dict(Certificate.objects.values_list("conferment_id", "number"))

    refused = _print(client, decision)
    assert refused.status_code == 302
    page = client.get(refused.url)
    assert "ghi lý do in lại" in page.content.decode()
    assert CertificatePrint.objects.count() == 2

    again = _print(client, decision, reason="Bằng bị rách khi vận chuyển")
    assert again.status_code == 200
    assert dict(Certificate.objects.values_list("conferment_id", "number")) == numbers
    reprints = CertificatePrint.objects.filter(reprint=True)
    assert reprints.count() == 2
    assert {(p.printed_by, p.reason) for p in reprints} == {
        (leader_long_an, "Bằng bị rách khi vận chuyển")
    }
    assert "Số vào sổ: 0001" in " ".join(pdf_pages(again.content))
    audit = AuditEntry.objects.filter(action="certificates_print").order_by("pk").last()
    assert audit.comment == "In 2 bằng (0 cấp số mới, 2 in lại): Bằng bị rách khi vận chuyển"
    listing = client.get(reverse("certificates:decision", args=[decision.pk])).content.decode()
    assert "Bằng bị rách khi vận chuyển" in listing


def test_a_revoked_conferment_is_refused_with_its_reason(login, admin_user, sector, ubnd, decision):
    revoking = make_decision(sector, ubnd, number="55/QĐ-UBND", day=D(2026, 4, 1))
    withdrawn = decision.conferments.get(person__isnull=False)
    withdrawn.revoked, withdrawn.revoked_by = True, revoking
    withdrawn.save()
    client = login(admin_user)
    page = client.get(reverse("certificates:decision", args=[decision.pk])).content.decode()
    assert "Đã bị thu hồi theo Quyết định số 55/QĐ-UBND ngày 01/04/2026" in page

    response = _print(client, decision, [withdrawn.pk])
    assert response.status_code == 302
    assert not Certificate.objects.filter(conferment=withdrawn).exists()
    assert "thu hồi" in client.get(response.url).content.decode()
    # Printing "all" prints the others only.
    pages = pdf_pages(_print(client, decision).content)
    assert len(pages) == 1 and "Hương" not in pages[0]


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (Decision.Status.DRAFT, "chưa ban hành"),
        (Decision.Status.REVOKED, "đã bị hủy bỏ"),
    ],
)
def test_a_decision_not_in_force_prints_nothing(login, admin_user, sector, ubnd, status, reason):
    decision = make_decision(sector, ubnd, status=status)
    confer_people(decision, ubnd.award, sector.district, ["Trần Văn Bình"])
    client = login(admin_user)
    page = client.get(reverse("certificates:decision", args=[decision.pk])).content.decode()
    assert reason in page
    response = _print(client, decision)
    assert response.status_code == 302
    assert reason in client.get(response.url).content.decode()
    assert not Certificate.objects.exists()


def test_users_outside_the_decision_get_404(login, staff_long_an, leader_lao_cai, decision):
    for user in (staff_long_an, leader_lao_cai):
        client = login(user)
        assert client.get(reverse("certificates:decision", args=[decision.pk])).status_code == 404
        assert _print(client, decision).status_code == 404
    assert not Certificate.objects.exists()


def test_council_members_see_the_decision_but_cannot_print(login, council_member, decision):
    assert _print(login(council_member), decision).status_code == 403
    with pytest.raises(ValidationError):
        services.certificates_print(
            decision=decision, conferments=list(decision.conferments.all()), by=council_member
        )


def _count_queries(client, decision):
    with CaptureQueriesContext(connection) as queries:
        response = _print(client, decision)
    assert response.status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_recipients(login, admin_user, sector, ubnd):
    client = login(admin_user)
    small = make_decision(sector, ubnd, number="1/QĐ-UBND")
    confer_people(small, ubnd.award, sector.district, ["Lê Thị A", "Lê Thị B"])
    large = make_decision(sector, ubnd, number="2/QĐ-UBND", day=D(2027, 1, 15))
    confer_people(large, ubnd.award, sector.district, [f"Phạm Văn {i}" for i in range(25)])
    # Each is the first of its year: both start their register counter.
    assert _count_queries(client, small) == _count_queries(client, large)


def test_printing_costs_a_fixed_number_of_queries(
    django_assert_num_queries, admin_user, sector, ubnd
):
    decision = make_decision(sector, ubnd)
    people = confer_people(
        decision, ubnd.award, sector.district, [f"Võ Thị {i}" for i in range(30)]
    )
    admin_user.is_superuser = True
    # lock the decision, counter get-or-create (savepoint, insert, release), existing lines,
    # max of old numbers, lock the counter, insert lines, update counter, insert prints, audit
    # (content type cached after the first)
    with CaptureQueriesContext(connection) as first:
        services.certificates_print(decision=decision, conferments=people[:10], by=admin_user)
    with django_assert_num_queries(len(first) - 4):  # counter exists now: no create, no max
        services.certificates_print(decision=decision, conferments=people[10:], by=admin_user)


def test_blank_printing_prints_only_the_variable_text(login, admin_user, decision):
    response = _print(login(admin_user), decision, mode="blank")
    pages = pdf_pages(response.content)
    assert len(pages) == 2
    assert "Nguyễn Thị Thanh Hương" in pages[0] + pages[1]
    assert "TẶNG BẰNG KHEN" not in " ".join(pages)
    assert CertificatePrint.objects.filter(on_blank=True).count() == 2


@pytest.mark.parametrize(
    ("position", "body", "heading"),
    [
        ("Chủ tịch", "Ủy ban nhân dân tỉnh Long An", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LONG AN"),
        ("Giám đốc Sở", "Sở Tư pháp tỉnh Long An", "GIÁM ĐỐC SỞ TƯ PHÁP TỈNH LONG AN"),
        (
            "Trưởng Thi hành án dân sự tỉnh",
            "Thi hành án dân sự tỉnh Long An",
            "TRƯỞNG THI HÀNH ÁN DÂN SỰ TỈNH LONG AN",
        ),
        ("Bộ trưởng", "Bộ Tư pháp", "BỘ TRƯỞNG BỘ TƯ PHÁP"),
        ("KT. Bộ trưởng\nThứ trưởng", "Bộ Tư pháp", "BỘ TRƯỞNG BỘ TƯ PHÁP"),
    ],
)
def test_the_heading_names_the_signers_office_once(position, body, heading):

    decision = Decision(signer_position=position, issuing_unit=UnitFactory.build(name=body))
    assert authority_heading(decision) == heading


def test_a_conferment_without_a_position_shows_the_post_held_that_day(
    login, admin_user, sector, ubnd
):

    decision = make_decision(sector, ubnd, day=D(2023, 1, 10))
    (conferment,) = confer_people(decision, ubnd.award, sector.district, ["Đỗ Văn Hùng"], "")
    person = conferment.person
    person.assignments.update(end=D(2023, 6, 30), position="Thẩm tra viên")
    Assignment.objects.create(
        person=person, unit=sector.district, position="Chấp hành viên", start=D(2023, 7, 1)
    )
    (page,) = pdf_pages(_print(login(admin_user), decision).content)
    assert "Thẩm tra viên, Phòng Thi hành án dân sự khu vực 1" in page
    assert "Chấp hành viên" not in page


def test_printing_works_without_any_seeded_template(login, admin_user, decision):

    CertificateTemplate.objects.all().delete()
    client = login(admin_user)
    assert "TẶNG BẰNG KHEN" in " ".join(pdf_pages(_print(client, decision).content))
    blank = _print(client, decision, mode="blank", reason="In lại trên phôi")
    assert blank.status_code == 200


def test_a_draft_without_recipients_yet_says_why(login, admin_user, sector, ubnd):
    draft = make_decision(sector, ubnd, status=Decision.Status.DRAFT)
    page = login(admin_user).get(reverse("certificates:decision", args=[draft.pk]))
    assert "chưa ban hành: chưa in được bằng" in page.content.decode()


def test_a_first_print_shows_a_preview_and_uses_no_register_number(login, admin_user, decision):
    client = login(admin_user)
    preview = _print(client, decision, confirm="")
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Chưa cấp số vào sổ nào. Khi xác nhận, 2 bằng in lần đầu được cấp số" in page
    assert page.count("cấp khi xác nhận") == 2
    assert 'name="confirm" value="1"' in page
    trial = _print(client, decision, confirm="", preview="pdf")
    assert trial["Content-Type"] == "application/pdf"
    assert len(pdf_pages(trial.content)) == 2
    assert not Certificate.objects.exists()  # previewing assigns no number
    assert not CertificatePrint.objects.exists()
    printed = _print(client, decision)  # confirmed
    assert printed["Content-Type"] == "application/pdf"
    assert sorted(Certificate.objects.values_list("number", flat=True)) == [1, 2]


def test_a_reprint_needs_no_preview_since_it_uses_no_new_number(login, admin_user, decision):
    client = login(admin_user)
    _print(client, decision)
    again = _print(client, decision, confirm="", reason="Bằng bị hỏng")
    assert again["Content-Type"] == "application/pdf"
    assert sorted(Certificate.objects.values_list("number", flat=True)) == [1, 2]

import datetime
import re

import pytest
from django.urls import reverse

from awards.catalogue.models import Award, AwardRule, LegalDocument
from tests.factories import AwardFactory, AwardRuleFactory, LegalDocumentFactory
from tests.seeded_catalogue import seeded_catalogue

D = datetime.date
CATALOGUE = reverse("awards:catalogue")
LEGAL = reverse("awards:legal_documents")


@pytest.fixture
def seeded(db):
    seeded_catalogue()


@pytest.fixture
def client_in(staff_long_an, login, seeded):
    """Any signed-in user reads the catalogue: here a data-entry clerk of a district."""
    return login(staff_long_an)


def _detail(code: str) -> str:
    return reverse("awards:award", args=[Award.objects.get(code=code).pk])


def _award_in(response, code: str) -> Award:
    for group in response.context["groups"]:
        for kind in group.kinds:
            for _label, awards in kind.subjects:
                for award in awards:
                    if award.code == code:
                        return award
    raise AssertionError(f"{code} not listed")


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize("url", [CATALOGUE, LEGAL, "/awards/catalogue/1/"])
def test_pages_require_login(db, client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_catalogue_groups_by_authority_then_kind_then_subject(client_in):
    response = client_in.get(CATALOGUE)
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [g.authority.code for g in groups] == [
        "chu-tich-nuoc",
        "thu-tuong",
        "bo-truong-btp",
        "chu-tich-ubnd-tinh",
        "thu-truong-don-vi",
    ]
    minister = groups[2]
    assert [k.kind for k in minister.kinds] == [Award.Kind.TITLE, Award.Kind.REWARD]
    titles = {label: [a.code for a in awards] for label, awards in minister.kinds[0].subjects}
    assert titles == {"Cá nhân": ["cstd-nganh"], "Tập thể": ["tt-ldxs", "co-nganh"]}
    text = _text(response)
    assert text.index("Chủ tịch nước") < text.index("Thủ trưởng đơn vị")


@pytest.mark.parametrize(
    ("on", "shown", "hidden"),
    [
        ("15/03/2025", "Nghị định 98/2023/NĐ-CP", "152/2025/NĐ-CP"),
        ("15/03/2026", "Nghị định 152/2025/NĐ-CP", "98/2023/NĐ-CP"),
        ("2025-03-15", "Nghị định 98/2023/NĐ-CP", "152/2025/NĐ-CP"),
    ],
)
def test_catalogue_shows_the_rules_in_force_on_the_chosen_day(client_in, on, shown, hidden):
    response = client_in.get(CATALOGUE, {"on": on})
    rule = _award_in(response, "cstd-nganh").rule
    bases = {doc.number for doc in rule.legal_bases.all()}
    assert shown.split()[-1] in bases
    # The other decree may be named in a summary (what it kept), never cited as a basis.
    assert hidden not in bases
    assert shown in _text(response)
    # Links to an award keep the chosen day, so its detail highlights the same version.
    assert f"{_detail('cstd-nganh')}?on=" in response.content.decode()


def test_catalogue_flags_unverified_values(client_in):
    response = client_in.get(CATALOGUE, {"on": "15/03/2026"})
    assert _award_in(response, "tt-ldtt").rule.unverified
    assert not _award_in(response, "ldtt").rule.unverified
    assert "Chưa đối chiếu văn bản" in _text(response)


def test_a_bad_date_warns_and_shows_today(client_in):
    response = client_in.get(CATALOGUE, {"on": "31/02/2025"})
    assert response.status_code == 200
    assert "không hợp lệ" in _text(response)
    assert "(hôm nay)" in _text(response)
    assert _award_in(response, "cstd-nganh").rule == Award.objects.get(code="cstd-nganh").rule_on(
        response.context["day"]
    )


def test_a_day_before_any_rule_says_so(client_in):
    response = client_in.get(CATALOGUE, {"on": "31/12/2009"})
    assert _award_in(response, "ldtt").rule is None
    assert "Chưa có tiêu chuẩn áp dụng vào ngày này." in _text(response)


def test_inactive_awards_leave_the_catalogue_but_keep_their_page(client_in):
    Award.objects.filter(code="bk-ubnd-ca-nhan").update(is_active=False)
    response = client_in.get(CATALOGUE)
    with pytest.raises(AssertionError):
        _award_in(response, "bk-ubnd-ca-nhan")
    detail = client_in.get(_detail("bk-ubnd-ca-nhan"))
    assert "Ngừng sử dụng" in _text(detail)


def test_catalogue_queries_do_not_grow_with_the_catalogue(client_in, django_assert_num_queries):
    with django_assert_num_queries(8):  # savepoints, session, user, roles, awards, rules, bases
        client_in.get(CATALOGUE)
    law = LegalDocument.objects.get(number="06/2022/QH15")
    for n in range(5):
        rule = AwardRuleFactory(award=AwardFactory(code=f"extra-{n}", name=f"Hình thức {n}"))
        rule.legal_bases.add(law, LegalDocumentFactory())
    with django_assert_num_queries(8):
        response = client_in.get(CATALOGUE)
    assert "Hình thức 4" in _text(response)


def test_award_page_lists_every_version_with_its_bases_and_prerequisites(client_in):
    award = Award.objects.get(code="cstd-nganh")
    old = award.rule_on(D(2025, 3, 15))
    response = client_in.get(_detail("cstd-nganh"), {"on": "15/03/2025"})
    assert response.status_code == 200
    versions = response.context["award"].versions
    assert [v.effective_from for v in versions][:3] == [
        D(2025, 7, 1),
        D(2024, 2, 12),
        D(2024, 1, 1),
    ]
    assert versions[-1].effective_from == D(2010, 1, 1)
    assert [v.in_force for v in versions][:3] == [False, True, False]
    html = response.content.decode()
    assert re.search(rf'class="[^"]*rule-in-force[^"]*" id="rule-{old.pk}"', html)
    text = _text(response)
    assert "Áp dụng từ 12/02/2024 đến 30/06/2025" in text
    assert "Áp dụng từ 01/07/2025" in text
    assert "Nghị định 98/2023/NĐ-CP" in text and "Nghị định 152/2025/NĐ-CP" in text
    assert "3 lần liên tục" in text
    # Law Art. 22's own standard: mandatory under Decree 98 and 152 alike.
    assert "Bắt buộc (không đề nghị được)" in text
    assert "Cảnh báo, kèm lý do" not in text
    # A lower form (the ministry flag for the Government's) only warns.
    assert "Cảnh báo, kèm lý do" in _text(client_in.get(_detail("co-chinh-phu")))
    assert "đồng ý từ 90 % tổng số thành viên trở lên" in text
    assert text.count("Chưa đối chiếu văn bản") >= 2


def test_award_page_puts_parameters_in_words(client_in):
    text = _text(client_in.get(_detail("tt-ldxs"), {"on": "15/03/2026"}))
    assert "Mọi thành viên hoàn thành nhiệm vụ." in text
    assert "Từ 70 % thành viên trở lên đạt Lao động tiên tiến." in text
    assert "Có ít nhất 1 thành viên đạt Chiến sĩ thi đua cơ sở." in text
    # Law 2022 Art. 27 has no discipline clause; the old law's shows on older versions.
    ttxs = Award.objects.get(code="tt-ldxs")
    assert ttxs.rule_on(D(2026, 3, 15)).max_member_discipline is None
    text = _text(client_in.get(_detail("tt-ldxs"), {"on": "15/03/2019"}))
    assert "Không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên." in text
    text = _text(client_in.get(_detail("cstdcs"), {"on": "15/03/2025"}))
    assert (
        "Hoặc, thay cho sáng kiến: xếp loại chất lượng trong năm từ mức “Hoàn thành xuất sắc "
        "nhiệm vụ” trở lên." in text
    )
    text = _text(client_in.get(_detail("cstdcs"), {"on": "15/03/2020"}))
    assert "không quá 15 % số đạt Lao động tiên tiến của đơn vị" in text


def test_award_page_queries_are_constant(client_in, django_assert_num_queries):
    url = _detail("cstd-nganh")
    # One more than before the field history: the rule versions' historical rows.
    with django_assert_num_queries(11):
        client_in.get(url)
    award = Award.objects.get(code="cstd-nganh")
    AwardRule.objects.filter(award=award, effective_from=D(2025, 7, 1)).update(
        effective_to=D(2026, 12, 31)
    )
    rule = AwardRuleFactory(award=award, effective_from=D(2027, 1, 1))
    rule.legal_bases.add(*LegalDocument.objects.all())
    rule.prerequisites.create(required_award=Award.objects.get(code="cstdcs"), count=2)
    with django_assert_num_queries(11):
        response = client_in.get(url)
    assert len(response.context["award"].versions) == 8


def test_unknown_award_is_404(client_in):
    assert client_in.get(reverse("awards:award", args=[999999])).status_code == 404


def test_legal_registry_shows_spans_and_replacements(client_in, django_assert_num_queries):
    with django_assert_num_queries(8):
        response = client_in.get(LEGAL)
    assert response.status_code == 200
    text = _text(response)
    assert "Nghị định 98/2023/NĐ-CP" in text
    assert "01/01/2024 – 30/06/2025" in text
    assert "Được thay thế bởi Nghị định 152/2025/NĐ-CP" in text
    assert "Thay thế Thông tư 05/2018/TT-BTP" in text
    rows = {d.number: d for d in response.context["page_obj"]}
    assert rows["98/2023/NĐ-CP"].in_force is False
    assert rows["06/2022/QH15"].in_force is True
    assert rows["152/2025/NĐ-CP"].rule_count > 0


def test_the_award_page_names_who_may_confer_each_version(client_in):
    text = _text(client_in.get(_detail("tt-ldxs")))
    assert "Cấp có thẩm quyền tặng: Bộ trưởng Bộ Tư pháp; Chủ tịch Ủy ban nhân dân tỉnh" in text
    text = _text(client_in.get(_detail("ldtt")))
    assert "Cấp có thẩm quyền tặng: Thủ trưởng đơn vị" in text


def test_a_rule_version_edit_reads_before_and_after_on_the_award_page(client_in):
    award = Award.objects.get(code="cstd-nganh")
    rule = AwardRule.objects.filter(award=award).order_by("-effective_from").first()
    old = rule.min_service_years
    rule.min_service_years = 7
    rule.save()
    response = client_in.get(_detail("cstd-nganh"))
    newest = response.context["changes"][0]
    assert newest.object_label == f"áp dụng từ {rule.effective_from:%d/%m/%Y}"
    assert [str(change) for change in newest.changes] == [
        f"Số năm công tác tối thiểu: {old if old is not None else '—'} → 7"
    ]
    assert "Lịch sử thay đổi" in response.text

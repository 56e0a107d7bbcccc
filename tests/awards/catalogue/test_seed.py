import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from awards.catalogue.models import Authority, Award, AwardRule, LegalDocument, RulePrerequisite
from awards.catalogue.seed import seed_catalogue
from tests.factories import AwardFactory, AwardRuleFactory
from units.models import QualityRating

D = datetime.date

EXPECTED_AWARDS = {
    # code: (kind, subject, authority)
    "ldtt": ("title", "individual", "thu-truong-don-vi"),
    "cstdcs": ("title", "individual", "thu-truong-don-vi"),
    "cstd-nganh": ("title", "individual", "bo-truong-btp"),
    "cstd-toan-quoc": ("title", "individual", "thu-tuong"),
    "tt-ldtt": ("title", "collective", "thu-truong-don-vi"),
    "tt-ldxs": ("title", "collective", "bo-truong-btp"),
    "co-nganh": ("title", "collective", "bo-truong-btp"),
    "co-chinh-phu": ("title", "collective", "thu-tuong"),
    "giay-khen-ca-nhan": ("reward", "individual", "thu-truong-don-vi"),
    "giay-khen-tap-the": ("reward", "collective", "thu-truong-don-vi"),
    "bk-bo-ca-nhan": ("reward", "individual", "bo-truong-btp"),
    "bk-bo-tap-the": ("reward", "collective", "bo-truong-btp"),
    "bk-ubnd-ca-nhan": ("reward", "individual", "chu-tich-ubnd-tinh"),
    "bk-ubnd-tap-the": ("reward", "collective", "chu-tich-ubnd-tinh"),
    "bk-ttg-ca-nhan": ("reward", "individual", "thu-tuong"),
    "bk-ttg-tap-the": ("reward", "collective", "thu-tuong"),
    "hcld-3-ca-nhan": ("reward", "individual", "chu-tich-nuoc"),
    "hcld-3-tap-the": ("reward", "collective", "chu-tich-nuoc"),
    "hcld-2-ca-nhan": ("reward", "individual", "chu-tich-nuoc"),
    "hcld-2-tap-the": ("reward", "collective", "chu-tich-nuoc"),
    "hcld-1-ca-nhan": ("reward", "individual", "chu-tich-nuoc"),
    "hcld-1-tap-the": ("reward", "collective", "chu-tich-nuoc"),
    "knc-tu-phap": ("reward", "individual", "bo-truong-btp"),
}


@pytest.fixture
def seeded(db):
    seed_catalogue()


def _bases(rule):
    return set(rule.legal_bases.values_list("number", flat=True))


def test_every_award_exists_with_its_subject_and_authority(seeded):
    found = {
        code: (kind, subject, authority)
        for code, kind, subject, authority in Award.objects.values_list(
            "code", "kind", "subject", "authority__code"
        )
    }
    assert found == EXPECTED_AWARDS


def test_authorities_are_ordered_state_first_with_report_names(seeded):
    rows = list(Authority.objects.values_list("code", "report_name", "level"))
    assert rows == [
        ("chu-tich-nuoc", "Chủ tịch nước", Authority.Level.STATE),
        ("thu-tuong", "Thủ tướng Chính phủ", Authority.Level.STATE),
        ("bo-truong-btp", "Bộ Tư pháp", Authority.Level.MINISTRY_PROVINCE),
        ("chu-tich-ubnd-tinh", "Chủ tịch Ủy ban nhân dân tỉnh", Authority.Level.MINISTRY_PROVINCE),
        ("thu-truong-don-vi", "Thủ trưởng đơn vị", Authority.Level.UNIT),
    ]


def test_report_forms_group_individual_and_collective_together(seeded):
    forms = dict(Award.objects.values_list("code", "form_name"))
    assert forms["bk-bo-ca-nhan"] == forms["bk-bo-tap-the"] == "Bằng khen"
    assert forms["co-nganh"] == "Cờ thi đua ngành"
    assert forms["hcld-3-ca-nhan"] == "Huân chương Lao động hạng Ba"


def test_legal_registry_spans_and_replacements(seeded):
    """The registry since the Law of 2003; Circular 05/2018/TT-BTP issued 07/06/2018, in
    force 21/07/2018, expired 12/02/2024; Circular 14/2025/TT-BTP issued 05/09/2025, in
    force 15/09/2025."""
    docs = {d.number: d for d in LegalDocument.objects.select_related("replaced_by")}
    assert set(docs) == {
        "15/2003/QH11",
        "47/2005/QH11",
        "39/2013/QH13",
        "06/2022/QH15",
        "42/2010/NĐ-CP",
        "65/2014/NĐ-CP",
        "91/2017/NĐ-CP",
        "98/2023/NĐ-CP",
        "152/2025/NĐ-CP",
        "96/2017/NĐ-CP",
        "98/2022/NĐ-CP",
        "39/2025/NĐ-CP",
        "07/2014/TT-BNV",
        "08/2017/TT-BNV",
        "12/2019/TT-BNV",
        "01/2024/TT-BNV",
        "06/2011/TT-BTP",
        "14/2015/TT-BTP",
        "05/2018/TT-BTP",
        "06/2018/TT-BTP",
        "11/2023/TT-BTP",
        "14/2025/TT-BTP",
    }
    assert docs["06/2022/QH15"].effective_from == D(2024, 1, 1)
    assert docs["15/2003/QH11"].effective_to == D(2023, 12, 31)
    assert docs["15/2003/QH11"].replaced_by.number == "06/2022/QH15"
    assert docs["91/2017/NĐ-CP"].replaced_by.number == "98/2023/NĐ-CP"
    assert docs["98/2023/NĐ-CP"].effective_to == D(2025, 6, 30)
    assert docs["98/2023/NĐ-CP"].replaced_by.number == "152/2025/NĐ-CP"
    assert docs["152/2025/NĐ-CP"].effective_from == D(2025, 7, 1)
    assert docs["11/2023/TT-BTP"].effective_from == D(2024, 2, 12)
    # Circular 05/2018/TT-BTP: 07/06/2018, in force 21/07/2018, no longer from 12/02/2024.
    assert docs["05/2018/TT-BTP"].issued_on == D(2018, 6, 7)
    assert docs["05/2018/TT-BTP"].effective_from == D(2018, 7, 21)
    assert docs["05/2018/TT-BTP"].effective_to == D(2024, 2, 11)
    assert docs["05/2018/TT-BTP"].replaced_by.number == "11/2023/TT-BTP"
    # Circular 14/2025/TT-BTP: issued 05/09/2025, in force 15/09/2025.
    assert docs["14/2025/TT-BTP"].issued_on == D(2025, 9, 5)
    assert docs["14/2025/TT-BTP"].effective_from == D(2025, 9, 15)
    # The decrees on the Ministry's functions, one after another (the signer's power).
    assert docs["96/2017/NĐ-CP"].replaced_by.number == "98/2022/NĐ-CP"
    assert docs["98/2022/NĐ-CP"].effective_from == D(2023, 1, 1)
    assert docs["98/2022/NĐ-CP"].replaced_by.number == "39/2025/NĐ-CP"
    assert docs["39/2025/NĐ-CP"].issued_on == D(2025, 2, 26)
    assert docs["98/2022/NĐ-CP"].effective_to + datetime.timedelta(days=1) == (
        docs["39/2025/NĐ-CP"].effective_from
    )
    for doc in docs.values():
        doc.full_clean()


def test_seeding_twice_changes_nothing(seeded):
    before = {
        model: list(model.objects.order_by("pk").values())
        for model in (LegalDocument, Authority, Award, AwardRule, RulePrerequisite)
    }
    bases_before = list(AwardRule.legal_bases.through.objects.values_list("pk", flat=True))

    result = seed_catalogue()

    for key in ("legal_documents", "authorities", "awards", "rules", "prerequisites"):
        assert result[key]["created"] == result[key]["updated"] == 0, key
    assert result["awards"]["unchanged"] == len(EXPECTED_AWARDS)
    for model, rows in before.items():
        assert list(model.objects.order_by("pk").values()) == rows
    assert list(AwardRule.legal_bases.through.objects.values_list("pk", flat=True)) == bases_before


def test_seeding_restores_an_edited_value(seeded):
    Award.objects.filter(code="ldtt").update(form_name="sai")
    result = seed_catalogue()
    assert result["awards"]["updated"] == 1
    assert Award.objects.get(code="ldtt").form_name == "Lao động tiên tiến"


@pytest.mark.parametrize(
    ("day", "decree"),
    [(D(2025, 3, 15), "98/2023/NĐ-CP"), (D(2026, 3, 15), "152/2025/NĐ-CP")],
)
def test_the_rule_in_force_cites_the_decree_of_its_day(seeded, day, decree):
    rule = Award.objects.get(code="cstd-nganh").rule_on(day)
    assert _bases(rule) == {"06/2022/QH15", decree, "11/2023/TT-BTP"}


def test_no_rule_before_2010_and_knc_under_each_circular(seeded):
    award = Award.objects.get(code="knc-tu-phap")
    assert award.rule_on(D(2009, 12, 31)) is None
    assert "06/2018/TT-BTP" in _bases(award.rule_on(D(2025, 8, 28)))
    assert _bases(award.rule_on(D(2025, 9, 15))) == {"06/2022/QH15", "14/2025/TT-BTP"}
    assert award.rule_on(D(2025, 9, 15)).once_per_subject


def test_history_versions_under_the_earlier_circular(seeded):
    rule = Award.objects.get(code="cstdcs").rule_on(D(2020, 6, 1))
    assert {"05/2018/TT-BTP", "91/2017/NĐ-CP", "15/2003/QH11"} <= _bases(rule)
    assert rule.quota_percent == 15


def test_ladder_law_standards_block_and_lower_forms_warn_under_98_and_152(seeded):
    """Decree 98/2023 and 152/2025 Art. 4(1): a lower form is not required (warns), but the
    Law's own standard (Art. 22: 3 consecutive CSTĐCS for CSTĐ ngành) blocks under both."""
    award = Award.objects.get(code="cstd-nganh")
    old = award.rule_on(D(2025, 3, 15)).prerequisites.get()
    new = award.rule_on(D(2026, 3, 15)).prerequisites.get()
    assert (old.required_award.code, old.count, old.consecutive) == ("cstdcs", 3, True)
    assert old.blocking and new.blocking
    flag = Award.objects.get(code="co-chinh-phu")
    for day in (D(2025, 3, 15), D(2026, 3, 15)):
        assert not flag.rule_on(day).prerequisites.get().blocking


def test_domain_numbers_are_seeded(seeded):
    today = D(2026, 3, 15)
    rule = {code: Award.objects.get(code=code).rule_on(today) for code in EXPECTED_AWARDS}
    assert rule["ldtt"].min_rating == QualityRating.Rating.GOOD
    assert rule["cstdcs"].quota_percent is None and rule["cstdcs"].quota_base is None
    assert rule["cstdcs"].initiative_or_min_rating == QualityRating.Rating.EXCELLENT
    assert rule["cstdcs"].unverified
    assert rule["cstd-nganh"].vote_threshold_percent == 90 and rule["cstd-nganh"].unverified
    assert rule["cstd-toan-quoc"].public_notice_days == 10
    assert rule["tt-ldtt"].member_share_percent == 50 and rule["tt-ldtt"].member_share_strict
    assert rule["tt-ldxs"].member_share_percent == 70 and rule["tt-ldxs"].all_members_completed
    assert rule["tt-ldxs"].min_members_with_award.code == "cstdcs"
    assert rule["co-nganh"].per_cluster_limit == 1
    assert rule["co-chinh-phu"].vote_threshold_percent == 80
    assert rule["bk-ttg-ca-nhan"].initiatives_required == 0
    assert rule["hcld-3-ca-nhan"].public_notice_days == 10
    assert {p.required_award.code for p in rule["hcld-3-ca-nhan"].prerequisites.all()} == {
        "bk-ttg-ca-nhan",
        "cstdcs",
    }
    assert all(r.summary for r in AwardRule.objects.all())


def test_seeded_versions_never_overlap(seeded):
    for rule in AwardRule.objects.select_related("award"):
        rule.full_clean()


def test_overlapping_versions_are_refused(db):
    award = AwardFactory()
    AwardRuleFactory(award=award, effective_from=D(2024, 1, 1), effective_to=D(2025, 6, 30))
    # An explicit Decimal: the model's float default fails full_clean (reported to the lead).
    quorum = Decimal("66.67")
    overlapping = AwardRule(award=award, effective_from=D(2025, 1, 1), quorum_percent=quorum)
    with pytest.raises(ValidationError, match="trùng với phiên bản khác"):
        overlapping.full_clean()
    AwardRule(award=award, effective_from=D(2025, 7, 1), quorum_percent=quorum).full_clean()


def test_rule_on_picks_the_version_of_the_day(db):
    award = AwardFactory()
    old = AwardRuleFactory(award=award, effective_from=D(2024, 1, 1), effective_to=D(2025, 6, 30))
    new = AwardRuleFactory(award=award, effective_from=D(2025, 7, 1))
    assert award.rule_on(D(2023, 12, 31)) is None
    assert award.rule_on(D(2025, 6, 30)) == old
    assert award.rule_on(D(2025, 7, 1)) == new
    assert award.rule_on(D(2030, 1, 1)) == new


def test_a_version_closed_by_an_admin_stays_closed(seeded):
    """The admin ends the Decree 152 version and adds a newer one; reseeding keeps both."""
    award = Award.objects.get(code="ldtt")
    current = award.rule_on(D(2026, 1, 1))
    current.effective_to = D(2026, 12, 31)
    current.save()
    newer = AwardRule.objects.create(award=award, effective_from=D(2027, 1, 1))

    result = seed_catalogue()

    current.refresh_from_db()
    assert current.effective_to == D(2026, 12, 31)
    assert award.rule_on(D(2027, 6, 1)) == newer
    assert result["warnings"] == []


def test_a_seeded_version_overlapping_a_manual_one_is_skipped(db):
    award = AwardFactory(code="knc-tu-phap")
    AwardRuleFactory(award=award, effective_from=D(2025, 1, 1))

    result = seed_catalogue()

    # The manual version from 01/01/2025 overlaps the seeded ones from 01/01/2024 (to
    # 14/09/2025) and from 15/09/2025; the two earlier ones fit before it.
    assert result["rules"]["skipped"] == 2
    assert "knc-tu-phap 15/09/2025" in result["warnings"][-1]
    assert award.rules.count() == 3


def test_management_command_reports_what_it_did(db):
    out = StringIO()
    call_command("seed_catalogue", stdout=out)
    assert "Danh hiệu / hình thức khen thưởng: 23 tạo mới" in out.getvalue()
    out = StringIO()
    call_command("seed_catalogue", stdout=out)
    assert "Danh hiệu / hình thức khen thưởng: 0 tạo mới, 0 cập nhật, 23 không đổi" in (
        out.getvalue()
    )

"""The seeded catalogue covers every day since 01/01/2010 under the legal regime of its time."""

import datetime
import itertools
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from awards.catalogue.models import Award, AwardRule, LegalDocument, RulePrerequisite
from awards.catalogue.seed import seed_catalogue
from tests.factories import AuthorityFactory, AwardFactory, AwardRuleFactory
from tests.seeded_catalogue import seeded_catalogue

D = datetime.date
FIRST_DAY = D(2010, 1, 1)


@pytest.fixture
def seeded(db):
    seeded_catalogue()


def _bases(rule):
    return set(rule.legal_bases.values_list("number", flat=True))


def test_every_award_has_continuous_rules_from_2010_to_today(seeded):
    """No gap and no overlap: each version starts the day after the previous one ends."""
    today = timezone.localdate()
    awards = Award.objects.prefetch_related("rules")
    assert awards.count() == 23
    for award in awards:
        rules = sorted(award.rules.all(), key=lambda r: r.effective_from)
        assert rules[0].effective_from <= FIRST_DAY, award.code
        for before, after in itertools.pairwise(rules):
            assert before.effective_to is not None, award.code
            assert after.effective_from == before.effective_to + datetime.timedelta(days=1), (
                award.code,
                before.effective_to,
            )
        assert rules[-1].effective_to is None or rules[-1].effective_to >= today, award.code


@pytest.mark.parametrize(
    ("day", "decree"),
    [
        (D(2010, 1, 1), "42/2010/NĐ-CP"),
        (D(2012, 12, 31), "42/2010/NĐ-CP"),
        (D(2016, 12, 31), "65/2014/NĐ-CP"),
        (D(2018, 7, 23), "91/2017/NĐ-CP"),  # 21–25/07/2018 found no rule before
        (D(2019, 12, 31), "91/2017/NĐ-CP"),
        (D(2024, 12, 31), "98/2023/NĐ-CP"),
        (D(2026, 12, 31), "152/2025/NĐ-CP"),
    ],
)
def test_every_award_has_a_version_citing_the_decree_of_the_day(seeded, day, decree):
    for award in Award.objects.exclude(code="knc-tu-phap"):
        rule = award.rule_on(day)
        assert rule is not None, (award.code, day)
        assert decree in _bases(rule), (award.code, day)


def test_the_law_of_the_day_is_cited(seeded):
    cstdcs = Award.objects.get(code="cstdcs")
    assert {"15/2003/QH11", "47/2005/QH11"} <= _bases(cstdcs.rule_on(D(2012, 6, 1)))
    assert "39/2013/QH13" in _bases(cstdcs.rule_on(D(2016, 6, 1)))
    assert "06/2022/QH15" in _bases(cstdcs.rule_on(D(2024, 6, 1)))
    assert "15/2003/QH11" not in _bases(cstdcs.rule_on(D(2024, 6, 1)))


def test_a_cited_document_is_in_force_for_the_whole_version(seeded):
    """Except Decree 42/2010 for 01/01–14/04/2010 (its predecessor is not in the registry)."""
    for rule in AwardRule.objects.prefetch_related("legal_bases"):
        for doc in rule.legal_bases.all():
            start = max(rule.effective_from, D(2010, 4, 15))
            assert doc.in_force_on(start), (rule, doc)
            if rule.effective_to:
                assert doc.in_force_on(rule.effective_to), (rule, doc)


def test_every_unverified_version_says_so_in_its_summary(seeded):
    unverified = AwardRule.objects.filter(unverified=True)
    assert unverified.count() > 50
    for rule in unverified:
        assert "chưa đối chiếu văn bản" in rule.summary.lower(), rule


def test_registry_dates_not_found_in_a_source_say_so(seeded):
    for number in (
        "06/2011/TT-BTP",
        "14/2015/TT-BTP",
        "07/2014/TT-BNV",
        "01/2024/TT-BNV",
        "96/2017/NĐ-CP",
        "39/2025/NĐ-CP",
    ):
        assert "chưa đối chiếu văn bản" in LegalDocument.objects.get(number=number).title


def test_seed_catalogue_twice_changes_nothing(db):
    call_command("seed_catalogue", stdout=StringIO())
    tables = (LegalDocument, Award, AwardRule, RulePrerequisite, AwardRule.legal_bases.through)
    before = {model: list(model.objects.order_by("pk").values()) for model in tables}

    out = StringIO()
    call_command("seed_catalogue", stdout=out)

    assert "0 tạo mới, 0 cập nhật" in out.getvalue()
    assert "tạo mới" in out.getvalue()
    for model, rows in before.items():
        assert list(model.objects.order_by("pk").values()) == rows, model


def test_a_version_seeded_under_the_old_start_date_is_moved_not_duplicated(db):
    """Earlier seeds started LĐTT/CSTĐCS under Circular 05/2018/TT-BTP on 26/07/2018."""
    award = AwardFactory(code="ldtt", authority=AuthorityFactory(code="thu-truong-don-vi"))
    old = AwardRuleFactory(award=award, effective_from=D(2018, 7, 26), effective_to=D(2023, 12, 31))

    result = seed_catalogue()

    old.refresh_from_db()
    assert old.effective_from == D(2018, 7, 21)
    assert result["warnings"] == []
    assert award.rule_on(D(2018, 7, 23)) == old


def test_a_value_the_law_dropped_is_taken_back_but_an_authority_s_own_stays(seeded):
    """Earlier seeds gave CSTĐCS from 2024 a 15 % cap (Decree 91/2017 Art. 9(3)) and BK
    Thủ tướng 5 consecutive LĐTT; reseeding takes them back. A cap an authority set
    itself (20 %) is its own and stays."""
    ldtt = Award.objects.get(code="ldtt")
    cstdcs = Award.objects.get(code="cstdcs")
    rule_152 = cstdcs.rule_on(D(2026, 6, 1))
    rule_98 = cstdcs.rule_on(D(2024, 1, 15))
    AwardRule.objects.filter(pk=rule_152.pk).update(quota_percent=15, quota_base=ldtt)
    AwardRule.objects.filter(pk=rule_98.pk).update(quota_percent=20, quota_base=ldtt)
    ttg = Award.objects.get(code="bk-ttg-ca-nhan").rule_on(D(2026, 6, 1))
    RulePrerequisite.objects.create(rule=ttg, required_award=ldtt, count=5, window_years=5)

    seed_catalogue()

    rule_152.refresh_from_db()
    rule_98.refresh_from_db()
    assert (rule_152.quota_percent, rule_152.quota_base) == (None, None)
    assert (rule_98.quota_percent, rule_98.quota_base) == (20, ldtt)
    assert not ttg.prerequisites.filter(required_award=ldtt).exists()

import datetime

import pytest
from django.urls import reverse

from awards.catalogue.models import Authority, Award, AwardRule, LegalDocument
from awards.catalogue.resources import AwardResource
from awards.models import Conferment, Decision
from awards.resources import ConfermentResource
from tests.factories import ConfermentFactory, DecisionFactory, PersonFactory
from tests.seeded_catalogue import seeded_catalogue

D = datetime.date
MODELS = [
    "catalogue_legaldocument",
    "catalogue_authority",
    "catalogue_award",
    "catalogue_awardrule",
    "awards_decision",
    "awards_conferment",
]


@pytest.fixture
def seeded(db):
    seeded_catalogue()


@pytest.fixture
def records(seeded, sector, person_long_an, person_lao_cai):
    """A ministry decision giving a Bằng khen to a person and to a collective."""
    decision = DecisionFactory(
        authority=Authority.objects.get(code="bo-truong-btp"),
        issuing_unit=sector.ministry,
        number="1027/QĐ-BTP",
    )
    ConfermentFactory(
        decision=decision,
        award=Award.objects.get(code="bk-bo-ca-nhan"),
        person=person_long_an,
        unit=sector.district,
    )
    ConfermentFactory(
        decision=decision,
        award=Award.objects.get(code="bk-bo-tap-the"),
        unit=sector.thads_lao_cai,
    )
    return decision


@pytest.fixture
def admin_in(admin_user, login):
    return login(admin_user)


def _rule_post(rule: AwardRule, **overrides) -> dict:
    """The admin change form of ``rule`` as a browser would post it, with ``overrides``."""
    data = {
        "award": rule.award_id,
        "effective_from": f"{rule.effective_from:%d/%m/%Y}",
        "effective_to": f"{rule.effective_to:%d/%m/%Y}" if rule.effective_to else "",
        "legal_bases": [d.pk for d in rule.legal_bases.all()],
        "summary": rule.summary,
        "quorum_percent": str(rule.quorum_percent),
        "public_notice_days": rule.public_notice_days,
        "initiatives_required": rule.initiatives_required,
        "initiative_window_years": rule.initiative_window_years,
        "min_members_count": rule.min_members_count,
        "quota_enforcement": rule.quota_enforcement,
    }
    for name in ("vote_threshold_percent", "min_rating", "quota_percent", "quota_base"):
        value = getattr(rule, f"{name}_id" if name == "quota_base" else name)
        data[name] = "" if value is None else str(value)
    prerequisites = list(rule.prerequisites.all())
    data.update(
        {
            "prerequisites-TOTAL_FORMS": len(prerequisites),
            "prerequisites-INITIAL_FORMS": len(prerequisites),
            "prerequisites-MIN_NUM_FORMS": 0,
            "prerequisites-MAX_NUM_FORMS": 1000,
        }
    )
    for i, p in enumerate(prerequisites):
        data.update(
            {
                f"prerequisites-{i}-id": p.pk,
                f"prerequisites-{i}-rule": rule.pk,
                f"prerequisites-{i}-required_award": p.required_award_id,
                f"prerequisites-{i}-count": p.count,
                f"prerequisites-{i}-window_years": p.window_years,
            }
        )
        if p.blocking:
            data[f"prerequisites-{i}-blocking"] = "on"
        if p.consecutive:
            data[f"prerequisites-{i}-consecutive"] = "on"
    data.update(overrides)
    return data


@pytest.mark.parametrize("model", MODELS)
def test_changelists_load_for_the_admin(admin_in, records, model):
    response = admin_in.get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_change_and_add_forms_load(admin_in, records, model):
    obj = {
        "catalogue_legaldocument": LegalDocument.objects.first,
        "catalogue_authority": Authority.objects.first,
        "catalogue_award": Award.objects.first,
        "catalogue_awardrule": AwardRule.objects.first,
        "awards_decision": Decision.objects.first,
        "awards_conferment": Conferment.objects.first,
    }[model]()
    assert admin_in.get(reverse(f"admin:{model}_change", args=[obj.pk])).status_code == (200)
    assert admin_in.get(reverse(f"admin:{model}_add")).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_non_staff_users_are_sent_to_the_admin_login(staff_long_an, login, model):
    response = login(staff_long_an).get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_award_page_lists_its_rule_versions_with_links(admin_in, seeded):
    award = Award.objects.get(code="cstd-nganh")
    response = admin_in.get(reverse("admin:catalogue_award_change", args=[award.pk]))
    html = response.content.decode()
    for rule in award.rules.all():
        assert reverse("admin:catalogue_awardrule_change", args=[rule.pk]) in html
    assert "98/2023/NĐ-CP" in html and "152/2025/NĐ-CP" in html


def test_overlapping_rule_version_is_refused_in_the_admin(admin_in, seeded):
    current = Award.objects.get(code="ldtt").rule_on(D(2026, 1, 1))
    count = AwardRule.objects.count()
    response = admin_in.post(
        reverse("admin:catalogue_awardrule_change", args=[current.pk]),
        _rule_post(current, effective_from="01/01/2027", _saveasnew="1"),
    )
    assert response.status_code == 200
    assert "Khoảng thời gian áp dụng trùng với phiên bản khác" in response.content.decode()
    assert AwardRule.objects.count() == count


def test_a_ladder_of_zero_titles_is_refused_in_the_admin(admin_in, seeded):
    current = Award.objects.get(code="cstd-nganh").rule_on(D(2026, 1, 1))
    url = reverse("admin:catalogue_awardrule_change", args=[current.pk])

    response = admin_in.post(url, _rule_post(current, **{"prerequisites-0-count": 0}))

    assert response.status_code == 200
    assert "Đảm bảo giá trị này lớn hơn hoặc bằng với 1 ." in response.content.decode()
    assert [p.count for p in current.prerequisites.all()] == [3]


def test_a_new_decree_becomes_a_new_version(admin_in, seeded):
    """The README procedure: close the current version, then "save as new" from it."""
    current = Award.objects.get(code="cstd-nganh").rule_on(D(2026, 1, 1))
    url = reverse("admin:catalogue_awardrule_change", args=[current.pk])
    response = admin_in.post(url, _rule_post(current, effective_to="31/12/2026"))
    assert response.status_code == 302

    decree = LegalDocument.objects.create(
        number="999/2026/NĐ-CP",
        kind=LegalDocument.Kind.DECREE,
        title="Nghị định mới",
        issuer="Chính phủ",
        issued_on=D(2026, 11, 1),
        effective_from=D(2027, 1, 1),
    )
    current.refresh_from_db()
    response = admin_in.post(
        url,
        _rule_post(
            current,
            effective_from="01/01/2027",
            effective_to="",
            legal_bases=[decree.pk],
            vote_threshold_percent="85",
            _saveasnew="1",
        ),
    )
    assert response.status_code == 302

    award = Award.objects.get(code="cstd-nganh")
    new = award.rule_on(D(2027, 6, 1))
    assert new.pk != current.pk
    assert [d.number for d in new.legal_bases.all()] == ["999/2026/NĐ-CP"]
    assert new.vote_threshold_percent == 85
    assert [(p.required_award.code, p.count) for p in new.prerequisites.all()] == [("cstdcs", 3)]
    assert award.rule_on(D(2026, 6, 1)) == current


def test_conferment_search_ignores_diacritics(admin_in, records):
    url = reverse("admin:awards_conferment_changelist")
    for term in ("nguyen van an", "Nguyễn Văn An", "1027/QĐ-BTP"):
        response = admin_in.get(url, {"q": term})
        found = {c.person_id for c in response.context["cl"].result_list}
        assert any(found), term
    response = admin_in.get(url, {"q": "lao cai"})
    assert [c.unit.code for c in response.context["cl"].result_list] == ["thads-lao-cai"]
    response = admin_in.get(url, {"q": "khong co ai"})
    assert list(response.context["cl"].result_list) == []


def test_conferment_list_filters_by_authority_and_year(admin_in, records):
    url = reverse("admin:awards_conferment_changelist")
    authority = Authority.objects.get(code="bo-truong-btp")
    response = admin_in.get(url, {"decision__authority__id__exact": authority.pk})
    assert response.context["cl"].result_count == 2
    response = admin_in.get(url, {"year": 2019})
    assert response.context["cl"].result_count == 0
    response = admin_in.get(url, {"award": Award.objects.get(code="bk-bo-tap-the").pk})
    assert [c.unit.code for c in response.context["cl"].result_list] == ["thads-lao-cai"]


def test_decision_list_links_to_its_conferments(admin_in, records):
    html = admin_in.get(reverse("admin:awards_decision_changelist")).content.decode()
    link = reverse("admin:awards_conferment_changelist") + f"?decision__id__exact={records.pk}"
    assert link.replace("&", "&amp;") in html
    assert admin_in.get(link).context["cl"].result_count == 2


def test_rule_versions_filter_by_what_is_in_force_today(admin_in, seeded):
    url = reverse("admin:catalogue_awardrule_changelist")
    current = admin_in.get(url, {"effective": "current"}).context["cl"].result_list
    assert {r.award.code for r in current} == set(Award.objects.values_list("code", flat=True))
    assert len(current) == Award.objects.count()
    past = admin_in.get(url, {"effective": "past"}).context["cl"].result_list
    assert all(r.effective_to is not None for r in past) and len(past) > 0


def test_conferment_list_queries_do_not_grow(admin_in, records, sector, django_assert_num_queries):
    url = reverse("admin:awards_conferment_changelist")
    admin_in.get(url)  # warm the content-type cache
    with django_assert_num_queries(10):
        admin_in.get(url)
    for _ in range(10):
        ConfermentFactory(
            decision=records,
            award=Award.objects.get(code="bk-bo-ca-nhan"),
            person=PersonFactory(assigned_to=sector.thads_long_an),
            unit=sector.thads_long_an,
        )
    with django_assert_num_queries(10):
        response = admin_in.get(url)
    assert response.context["cl"].result_count == 12


def test_award_drop_downs_tell_individual_from_collective(admin_in, seeded):
    html = admin_in.get(reverse("admin:awards_conferment_add")).content.decode()
    assert "Bằng khen của Bộ trưởng Bộ Tư pháp – Cá nhân (Bộ trưởng Bộ Tư pháp)" in html
    assert "Bằng khen của Bộ trưởng Bộ Tư pháp – Tập thể (Bộ trưởng Bộ Tư pháp)" in html


def test_conferments_export_to_a_spreadsheet(admin_in, records):
    response = admin_in.post(
        reverse("admin:awards_conferment_export"),
        {"format": "0", "resource": "0", **_all_export_fields("conferment")},
    )
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert "Số quyết định" in body.splitlines()[0]
    assert "1027/QĐ-BTP" in body and "Nguyễn Văn An" in body and "Tập thể" in body


def test_award_catalogue_exports(admin_in, seeded):
    response = admin_in.post(
        reverse("admin:catalogue_award_export"),
        {"format": "0", "resource": "0", **_all_export_fields("award")},
    )
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert "cstd-nganh" in body and "bo-truong-btp" in body


def _all_export_fields(model: str) -> dict:

    resource = {"award": AwardResource, "conferment": ConfermentResource}[model]
    prefix = resource.__name__.lower()
    return {f"{prefix}_{name}": "on" for name in resource._meta.fields}

"""Verdicts follow the rules: "Kiểm tra lại", stale verdicts, the frozen voted snapshot."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import signals  # noqa: F401  (resets backends when TASKS is overridden)

from awards import services
from awards.catalogue.models import AwardRule
from awards.models import DossierFile, Job, Nominee, Proposal
from awards.services import verdicts
from tests.awards.workflow_fixtures import upload_all, vote_and_close
from tests.factories import ConfermentFactory, DecisionFactory, PersonFactory
from thidua.core.models import AuditEntry
from units.models import Discipline

D = datetime.date
V = Nominee.Verdict
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _detail(proposal):
    return reverse("awards:proposal_detail", kwargs={"pk": proposal.pk})


def _fresh(nominee) -> Nominee:
    return Nominee.objects.select_related("verdict_rule").get(pk=nominee.pk)


@pytest.fixture(name="old_year")
def old_year_fixture(sector, cast, wf_catalogue, wf_people, media_root):
    """A 2023 proposal: no rule version of the Bằng khen covers 31/12/2023 yet."""
    proposal = services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=wf_catalogue.minister,
        year=2023,
        title="Đề nghị khen thưởng năm 2023",
    )
    an = services.nominee_add(
        proposal=proposal, by=cast.staff, award=wf_catalogue.bk, person=wf_people.an
    )
    upload_all(proposal, cast.staff, [an])
    return proposal, an


def test_a_verdict_shows_when_and_under_which_rule_version_it_was_computed(
    login, drafted, cast, wf_catalogue
):
    an = _fresh(drafted.an)
    assert an.verdict_rule == wf_catalogue.bk_rule
    assert an.verdict_at is not None and not an.verdict_stale
    page = login(cast.staff).get(_detail(drafted.proposal)).content.decode()
    assert "Kiểm tra lúc" in page
    assert "theo phiên bản tiêu chuẩn áp dụng từ 01/01/2024" in page


def test_rechecking_after_the_missing_rule_version_is_added_turns_no_rule_into_a_pass(
    login, old_year, cast, wf_catalogue
):
    proposal, an = old_year
    assert an.verdict == V.NO_RULE
    files_before = list(DossierFile.objects.filter(proposal=proposal).values_list("pk", flat=True))
    # The administrator adds the version of the older regime.
    older = AwardRule.objects.create(
        award=wf_catalogue.bk, effective_from=D(2018, 7, 21), effective_to=D(2023, 12, 31)
    )
    assert _fresh(an).verdict_stale  # flagged in the same transaction
    client = login(cast.staff)
    page = client.get(_detail(proposal)).content.decode()
    assert "Cần kiểm tra lại: quy định hoặc hồ sơ đã thay đổi" in page
    response = client.post(reverse("awards:nominee_recheck", kwargs={"pk": an.pk}))
    assert response.status_code == 302
    after = _fresh(an)
    assert after.verdict == V.ELIGIBLE
    assert after.verdict_rule == older and not after.verdict_stale
    # Same nominee, same files: nothing removed, added or uploaded again.
    assert list(proposal.nominees.values_list("pk", flat=True)) == [an.pk]
    assert (
        list(DossierFile.objects.filter(proposal=proposal).values_list("pk", flat=True))
        == files_before
    )
    entry = AuditEntry.objects.filter(action="verdict_recheck").get()
    assert entry.actor == cast.staff
    assert "Chưa có tiêu chuẩn áp dụng → Đủ điều kiện" in entry.comment


def test_the_whole_proposal_is_rechecked_in_one_post(login, old_year, cast, wf_catalogue):
    proposal, an = old_year
    AwardRule.objects.create(award=wf_catalogue.bk, effective_from=D(2018, 7, 21))
    response = login(cast.staff).post(
        reverse("awards:proposal_recheck", kwargs={"pk": proposal.pk}), follow=True
    )
    assert "Đã kiểm tra lại 1 đề cử, 1 thay đổi kết quả." in response.content.decode()
    assert _fresh(an).verdict == V.ELIGIBLE


def test_a_stranger_may_not_recheck(login, old_year, cast):
    proposal, an = old_year
    before = _fresh(an).verdict_at
    client = login(cast.stranger)  # a leader of Lào Cai: does not see the proposal
    assert client.post(reverse("awards:nominee_recheck", kwargs={"pk": an.pk})).status_code == 404
    url = reverse("awards:proposal_recheck", kwargs={"pk": proposal.pk})
    assert client.post(url).status_code == 404
    assert _fresh(an).verdict_at == before


def test_a_new_conferment_marks_a_dependent_verdict_stale_and_it_is_recomputed(
    drafted, wf_catalogue, wf_people, sector, django_capture_on_commit_callbacks
):
    binh = _fresh(drafted.binh)
    assert binh.verdict == V.WARNINGS  # CSTĐ ngành: no Bằng khen of the year
    decision = DecisionFactory(
        authority=wf_catalogue.minister, issuing_unit=sector.ministry, signed_on=D(2026, 1, 5)
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ConfermentFactory(
            decision=decision,
            award=wf_catalogue.bk,
            person=wf_people.binh,
            unit=sector.district,
            year=2025,
        )
    assert _fresh(drafted.binh).verdict_stale
    assert not _fresh(drafted.an).verdict_stale  # An's verdict reads nothing of Bình's
    for callback in callbacks:
        callback()
    after = _fresh(drafted.binh)
    assert not after.verdict_stale
    assert after.verdict == V.ELIGIBLE
    assert AuditEntry.objects.filter(action="verdict_refresh").exists()


def test_a_discipline_marks_the_persons_verdict_stale(drafted, wf_people):
    Discipline.objects.create(
        person=wf_people.an, form=Discipline.Form.REPRIMAND, decided_on=D(2025, 5, 1)
    )
    assert _fresh(drafted.an).verdict_stale
    assert not _fresh(drafted.binh).verdict_stale


def test_a_rule_change_marks_the_awards_nominees_stale(drafted, wf_catalogue):
    wf_catalogue.cstd_rule.summary = "Sửa tiêu chuẩn"
    wf_catalogue.cstd_rule.save()
    assert _fresh(drafted.binh).verdict_stale
    assert not _fresh(drafted.an).verdict_stale


def test_a_large_proposal_is_rechecked_by_the_worker(
    drafted, wf_catalogue, wf_people, sector, settings, django_capture_on_commit_callbacks
):
    settings.VERDICT_INLINE_MAX = 1  # two nominees: "large"
    settings.TASKS = IMMEDIATE
    decision = DecisionFactory(authority=wf_catalogue.minister, issuing_unit=sector.ministry)
    with django_capture_on_commit_callbacks(execute=True):
        ConfermentFactory(
            decision=decision,
            award=wf_catalogue.bk,
            person=wf_people.binh,
            unit=sector.district,
            year=2025,
        )
    job = Job.objects.get(key=f"verdicts-{drafted.proposal.pk}")
    assert job.kind == "verdicts" and job.status == "done"
    assert _fresh(drafted.binh).verdict == V.ELIGIBLE
    assert not Nominee.objects.filter(verdict_stale=True).exists()


def test_a_manual_recheck_of_a_large_proposal_goes_to_the_worker(
    drafted, cast, settings, django_capture_on_commit_callbacks
):
    settings.VERDICT_INLINE_MAX = 1
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        result = services.proposal_recheck(proposal=drafted.proposal, by=cast.staff)
    assert result.job is not None and result.job.status == "queued"
    assert Job.objects.get(pk=result.job.pk).task_id  # enqueued after the commit
    assert Nominee.objects.filter(proposal=drafted.proposal, verdict_stale=True).count() == 2
    verdicts.recheck_verdicts.call(key=result.job.key, attempt=result.job.attempt)
    assert not Nominee.objects.filter(verdict_stale=True).exists()
    assert Job.objects.get(pk=result.job.pk).status == "done"


def test_after_the_vote_the_snapshot_stays_and_the_page_shows_the_difference(
    login, appraised, wf_council, wf_people, cast
):
    vote_and_close([appraised.an], wf_council, cast)
    an = _fresh(appraised.an)
    assert an.result == Nominee.Result.PASSED
    snapshot = (an.verdict, an.eligibility, an.verdict_at, an.verdict_rule_id)
    Discipline.objects.create(
        person=wf_people.an, form=Discipline.Form.WARNING, decided_on=D(2025, 5, 1)
    )
    after = _fresh(an)
    assert (after.verdict, after.eligibility, after.verdict_at, after.verdict_rule_id) == snapshot
    assert not after.verdict_stale
    with pytest.raises(Exception, match="đã có kết quả xét"):
        services.nominee_recheck(nominee=an, by=cast.office)
    page = login(cast.office).get(_detail(appraised.proposal)).content.decode()
    assert "Theo quy định hiện hành" in page
    assert "Không được đề nghị" in page
    assert "được giữ nguyên" in page


def test_the_proposal_page_queries_do_not_grow_with_nominees(
    login, appraised, wf_council, wf_catalogue, sector, cast
):
    """Before and after the vote (the page then evaluates the nominees afresh)."""
    proposal = appraised.proposal
    client = login(cast.office)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_detail(proposal)).status_code == 200
        return len(queries)

    before = count()
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.DRAFT)
    for i in range(4):
        person = PersonFactory(full_name=f"Người thêm {i}", assigned_to=sector.district)
        services.nominee_add(proposal=proposal, by=cast.staff, award=wf_catalogue.bk, person=person)
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.APPRAISED)
    assert count() == before
    nominees = list(proposal.nominees.all())
    vote_and_close(nominees, wf_council, cast)
    voted_two = count()
    for i in range(3):
        person = PersonFactory(full_name=f"Người sau {i}", assigned_to=sector.district)
        Nominee.objects.create(
            proposal=proposal,
            award=wf_catalogue.bk,
            person=person,
            result=Nominee.Result.PASSED,
        )
    assert count() == voted_two


def test_deleting_a_rule_version_marks_its_nominees_stale_and_recheck_says_no_rule(
    drafted, wf_catalogue, cast
):
    wf_catalogue.cstd_rule.delete()  # with its prerequisites (cascade)
    binh = _fresh(drafted.binh)
    assert binh.verdict_stale and binh.verdict_rule is None
    services.nominee_recheck(nominee=binh, by=cast.staff)
    assert _fresh(drafted.binh).verdict == V.NO_RULE


def test_marking_stale_is_three_queries_whatever_the_number_of_nominees(
    drafted, wf_people, django_assert_num_queries
):
    with django_assert_num_queries(3):  # the people's units, the proposals, one UPDATE
        flagged = verdicts.nominees_mark_stale(people=[wf_people.an, wf_people.binh])
    assert flagged == 2


def test_a_conferred_nominee_is_not_compared_with_today(appraised, wf_council, cast):
    """Evaluated afresh, a conferred award would only find itself: nothing to compare."""
    vote_and_close([appraised.an], wf_council, cast)
    Nominee.objects.filter(pk=appraised.an.pk).update(result=Nominee.Result.CONFERRED)
    nominees = list(appraised.proposal.nominees.all())
    assert appraised.an.pk not in services.verdict_changes(appraised.proposal, nominees)

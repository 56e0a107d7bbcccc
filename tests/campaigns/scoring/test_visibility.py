"""Who sees a scorecard and its evidence: the sheet's visibility setting, enforced by the
one scoping rule (``Scorecard.scope_q`` / ``ScoreEntry.scope_q`` through ``restrict``)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Scorecard, ScoreEntry, ScoreSheet, ScoringRound
from campaigns.scoring.services import rounds
from tests.campaigns.scoring.helpers import fill
from tests.factories import UnitRoleFactory, UserFactory
from units.access import restrict

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
C = Scorecard.Status


@pytest.fixture
def member_tuyen_quang(grouping):
    """Staff of a plain member of the grouping (neither leader unit nor panel)."""
    user = UserFactory(username="staff_tuyen_quang")
    UnitRoleFactory(user=user, unit=grouping.tuyen_quang, role="staff")
    return user


@pytest.fixture
def sent(grouping):
    """Long An and Tuyên Quang sent their year-end cards; Long An's 2.1 has evidence."""
    g = grouping
    long_an = fill(g.year_end, g.long_an, {"2.1": 30}, status=C.SUBMITTED)
    fill(g.year_end, g.tuyen_quang, status=C.SUBMITTED)
    entry = long_an.entries.get(item__code="2.1")
    entry.attachment.save("bien-ban.png", SimpleUploadedFile("bien-ban.png", PNG))
    entry.attachment_name = "bien-ban.png"
    entry.save()
    return entry


def _card(g, unit):
    return reverse("campaigns:scoring_scorecard", kwargs={"pk": g.year_end.pk, "unit_pk": unit.pk})


def _file(entry):
    return reverse("campaigns:scoring_attachment", args=[entry.pk])


def test_by_default_a_member_sees_its_own_card_not_the_others(
    grouping, sent, member_tuyen_quang, staff_long_an_province, leader_lao_cai, login
):
    g = grouping
    assert g.sheet.visibility == ScoreSheet.Visibility.OWN
    cards = restrict(Scorecard.objects.filter(round=g.year_end), member_tuyen_quang)
    assert {c.unit for c in cards} == {g.tuyen_quang}
    client = login(member_tuyen_quang)
    page = client.get(_card(g, g.long_an))
    assert page.status_code == 200 and page.context["shown"] is False
    assert "tổng điểm và xếp loại của các đơn vị được công bố khi chốt" in page.content.decode()
    assert client.get(_file(sent)).status_code == 404  # nor its evidence
    assert client.get(_card(g, g.tuyen_quang)).context["shown"] is True
    # The unit itself and the grouping's reviewer do see Long An's card and evidence.
    assert login(staff_long_an_province).get(_file(sent)).status_code == 200
    assert login(leader_lao_cai).get(_file(sent)).status_code == 200


def test_before_finalising_the_ranking_shows_a_member_its_own_line_after_it_everyones(
    grouping, sent, member_tuyen_quang, leader_lao_cai, login
):
    g = grouping
    client = login(member_tuyen_quang)
    url = reverse("campaigns:scoring_round", args=[g.year_end.pk])
    assert [r.unit for r in client.get(url).context["ranking"]] == [g.tuyen_quang]
    for card in Scorecard.objects.filter(round=g.year_end, status=C.SUBMITTED):
        Scorecard.objects.filter(pk=card.pk).update(status=C.REVIEWED)
    ScoringRound.objects.filter(pk=g.year_end.pk).update(status=ScoringRound.Status.REVIEW)
    g.year_end.refresh_from_db()
    rounds.round_transition(by=leader_lao_cai, scoring_round=g.year_end, name="finalise")
    ranking = client.get(url).context["ranking"]
    assert [(r.unit, r.grade) for r in ranking] == [(g.tuyen_quang, "A"), (g.long_an, "A")]
    # Totals and grades, not the other's card or evidence.
    assert client.get(_card(g, g.long_an)).context["shown"] is False
    assert client.get(_file(sent)).status_code == 404


def test_an_open_sheet_shows_sent_cards_and_evidence_to_every_member(
    grouping, sent, member_tuyen_quang, login
):
    g = grouping
    ScoreSheet.objects.filter(pk=g.sheet.pk).update(visibility=ScoreSheet.Visibility.OPEN)
    client = login(member_tuyen_quang)
    assert client.get(_card(g, g.long_an)).context["shown"] is True
    assert client.get(_file(sent)).status_code == 200
    # A draft stays the unit's own even then.
    fill(g.year_end, g.son_la, status=C.DRAFT)
    assert client.get(_card(g, g.son_la)).context["shown"] is False
    entries = restrict(ScoreEntry.objects.filter(scorecard__round=g.year_end), member_tuyen_quang)
    assert {e.scorecard.unit for e in entries} == {g.long_an, g.tuyen_quang}

"""The self-scoring and round pages as a unit meets them: the penalty's sign, evidence kept
through an error, one list of file types, no agreed score before a review, the reason of a
return, a confirmed finalising, and an accepted suggestion linked to its proposal."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.services import suggestions
from campaigns.models import AwardSuggestion, Scorecard, ScoreEntry, ScoringRound
from campaigns.scoring.services import rounds, scores
from campaigns.scoring.services.scores import SelfRow
from campaigns.scoring.services.uploads import EVIDENCE_ACCEPT, EVIDENCE_LABEL
from tests.campaigns.scoring.helpers import fill

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
C = Scorecard.Status


def _card_url(r, unit):
    return reverse("campaigns:scoring_scorecard", kwargs={"pk": r.pk, "unit_pk": unit.pk})


def _items(grouping):
    return {i.code: i for i in grouping.sheet.items.all()}


def _full(items, **extra):
    data = {
        f"actual_{items['1.1'].pk}": "85",
        f"actual_{items['1.2'].pk}": "65",
        f"actual_{items['1.3'].pk}": "20",
        f"score_{items['2.1'].pk}": "40",
        f"score_{items['2.2'].pk}": "40",
    }
    return {**data, **extra}


def test_a_penalty_is_entered_as_points_deducted_whatever_sign_is_typed(
    login, grouping, staff_long_an_province
):
    g, items = grouping, _items(grouping)
    client = login(staff_long_an_province)
    page = client.get(_card_url(g.mid_year, g.long_an)).content.decode()
    assert "Nhập số điểm bị trừ, ví dụ 2." in page
    penalty = f"score_{items['P'].pk}"
    for typed in ("-2", "2"):
        response = client.post(_card_url(g.mid_year, g.long_an), _full(items, **{penalty: typed}))
        assert response.status_code == 302, typed
        entry = ScoreEntry.objects.get(scorecard__unit=g.long_an, item=items["P"])
        assert entry.self_score == Decimal(2)
    page = client.get(_card_url(g.mid_year, g.long_an))
    assert page.context["totals"]["self"] == Decimal(198)  # 200 less the 2 deducted


def test_the_service_explains_a_negative_penalty(grouping, staff_long_an_province):
    items = _items(grouping)
    with pytest.raises(ValidationError, match=r"điểm trừ nhập số điểm bị trừ \(số dương\)"):
        scores.scorecard_save_self(
            by=staff_long_an_province,
            scoring_round=grouping.mid_year,
            unit=grouping.long_an,
            rows=[SelfRow(item=items["P"], score=Decimal(-2))],
        )


def test_a_read_only_penalty_shows_its_minus(login, grouping, leader_lao_cai):
    g = grouping
    fill(g.mid_year, g.long_an, {"P": 3}, status=C.SUBMITTED)
    html = login(leader_lao_cai).get(_card_url(g.mid_year, g.long_an)).content.decode()
    assert "<strong>−3</strong>" in html


def test_a_chosen_file_is_kept_when_another_line_has_an_error(
    login, grouping, staff_long_an_province, client
):
    g, items = grouping, _items(grouping)
    client = login(staff_long_an_province)
    url = _card_url(g.mid_year, g.long_an)
    data = _full(items, **{f"score_{items['2.2'].pk}": "45"})  # above the maximum
    data[f"file_{items['2.1'].pk}"] = _png("bien-ban-hop.png")
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "vượt điểm tối đa 40" in html
    assert "Đã giữ tệp “bien-ban-hop.png”, không cần chọn lại" in html
    assert not ScoreEntry.objects.filter(scorecard__unit=g.long_an).exists()
    token = response.context["form"][f"held_{items['2.1'].pk}"].value()
    assert token and default_storage.listdir("scoring/held")[1]
    # Corrected, without choosing the file again.
    data = _full(items, **{f"held_{items['2.1'].pk}": token})
    assert client.post(url, data).status_code == 302
    entry = ScoreEntry.objects.get(scorecard__unit=g.long_an, item=items["2.1"])
    assert entry.attachment_name == "bien-ban-hop.png"
    assert entry.attachment.read(8) == PNG[:8]


def test_a_forged_or_foreign_held_token_brings_no_file(login, grouping, staff_long_an_province):
    g, items = grouping, _items(grouping)
    client = login(staff_long_an_province)
    data = _full(items, **{f"held_{items['2.1'].pk}": "scoring/held/x.png:forged"})
    assert client.post(_card_url(g.mid_year, g.long_an), data).status_code == 302
    entry = ScoreEntry.objects.get(scorecard__unit=g.long_an, item=items["2.1"])
    assert not entry.attachment


def test_the_page_and_the_refusal_name_the_same_file_types(login, grouping, staff_long_an_province):
    g, items = grouping, _items(grouping)
    client = login(staff_long_an_province)
    page = client.get(_card_url(g.mid_year, g.long_an)).content.decode()
    assert EVIDENCE_LABEL == "PDF, JPG, PNG"
    assert f"tệp minh chứng nếu có ({EVIDENCE_LABEL})" in page
    assert f'accept="{EVIDENCE_ACCEPT}"' in page
    data = _full(items)
    data[f"file_{items['2.1'].pk}"] = _upload("bang-tinh.xlsx", b"PK\x03\x04" + b"\x00" * 40)
    html = client.post(_card_url(g.mid_year, g.long_an), data).content.decode()
    assert f"không được nhận: chỉ nhận tệp {EVIDENCE_LABEL}" in html


def test_no_agreed_total_before_any_review(login, grouping, leader_lao_cai):
    g = grouping
    fill(g.mid_year, g.long_an, status=C.SUBMITTED)
    html = login(leader_lao_cai).get(_card_url(g.mid_year, g.long_an)).content.decode()
    assert "chưa thẩm định" in html
    assert "Thẩm định: <strong>" not in html
    ScoreEntry.objects.filter(scorecard__unit=g.long_an, item__code="2.1").update(
        agreed=Decimal(30), comment="Thiếu minh chứng."
    )
    html = login(leader_lao_cai).get(_card_url(g.mid_year, g.long_an)).content.decode()
    assert "Thẩm định: <strong>190</strong>" in html


def test_a_returned_card_shows_its_reason_to_the_unit(
    login, grouping, leader_lao_cai, staff_long_an_province
):
    g = grouping
    card = fill(g.mid_year, g.long_an, status=C.SUBMITTED)
    card.round = g.mid_year
    scores.scorecard_transition(
        by=leader_lao_cai, scorecard=card, name="return", comment="Thiếu minh chứng mục 2.2."
    )
    html = login(staff_long_an_province).get(_card_url(g.mid_year, g.long_an)).content.decode()
    assert "Phiếu bị trả lại để chấm lại." in html
    assert "Lý do: Thiếu minh chứng mục 2.2." in html


def test_finalising_asks_for_confirmation(login, grouping, leader_lao_cai):
    g = grouping
    fill(g.year_end, g.long_an, status=C.REVIEWED)
    rounds.round_transition(by=leader_lao_cai, scoring_round=g.year_end, name="close")
    client = login(leader_lao_cai)
    page = client.get(reverse("campaigns:scoring_round", args=[g.year_end.pk])).content.decode()
    assert 'name="confirm"' in page and "data-confirm=" in page
    url = reverse("campaigns:scoring_round_transition", args=[g.year_end.pk])
    response = client.post(url, {"transition": "finalise"}, follow=True)
    assert "Chốt kết quả không thể hoàn tác" in response.content.decode()
    assert ScoringRound.objects.get(pk=g.year_end.pk).status == ScoringRound.Status.REVIEW
    client.post(url, {"transition": "finalise", "confirm": "1"})
    assert ScoringRound.objects.get(pk=g.year_end.pk).status == ScoringRound.Status.FINALISED


def test_an_accepted_suggestion_links_its_proposal(login, grouping, leader_lao_cai, leader_long_an):
    g = grouping
    fill(g.year_end, g.lao_cai)
    fill(g.year_end, g.long_an, {"2.1": 30})
    ScoringRound.objects.filter(pk=g.year_end.pk).update(status=ScoringRound.Status.REVIEW)
    g.year_end.refresh_from_db()
    rounds.round_transition(by=leader_lao_cai, scoring_round=g.year_end, name="finalise")
    suggestion = AwardSuggestion.objects.get(round=g.year_end, unit=g.long_an)
    suggestions.suggestion_decide(by=leader_long_an, suggestion=suggestion, name="accept")
    html = login(leader_long_an).get(reverse("campaigns:scoring_round", args=[g.year_end.pk]))
    html = html.content.decode()
    proposal = suggestion.nominee.proposal
    assert reverse("awards:proposal_detail", args=[proposal.pk]) in html
    assert "đã vào đề nghị khen thưởng" in html
    assert "chờ đơn vị lập đề nghị" not in html


def _png(name):
    return _upload(name, PNG)


def _upload(name, content):
    return SimpleUploadedFile(name, content)

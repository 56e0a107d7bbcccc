"""In-app notifications of a grouping's scoring round (campaigns.scoring.signals).

Scoring sits below awards, which keeps the notifications: the scoring services send their
signals once a change is committed, and these receivers tell the units concerned, with a
link to the round or to the unit's scorecard. Only the round's own units are told: every
member unit when the round opens or is finalised, the one unit when its scorecard is
returned (with the reason) or reviewed.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from awards.models import Notification
from campaigns.models import Scorecard, ScoringRound
from campaigns.scoring import signals


def _round_name(scoring_round: ScoringRound) -> str:
    return scoring_round.label


def _round_link(scoring_round: ScoringRound) -> str:
    return reverse("campaigns:scoring_round", args=[scoring_round.pk])


def _card_link(card: Scorecard) -> str:
    return reverse("campaigns:scoring_scorecard", args=[card.round_id, card.unit_id])


def _tell_members(scoring_round: ScoringRound, text: str) -> None:
    units = Scorecard.objects.filter(round=scoring_round).values_list("unit_id", flat=True)
    link = _round_link(scoring_round)
    Notification.objects.bulk_create(
        Notification(unit_id=unit_id, text=text[:500], link=link) for unit_id in units
    )


def on_round_opened(sender, scoring_round: ScoringRound, reopened: bool = False, **kwargs):
    name = _round_name(scoring_round)
    if reopened:
        text = _("Đợt chấm điểm “%(round)s” đã mở lại tự chấm: đơn vị có thể sửa phiếu chấm.")
    elif scoring_round.deadline:
        text = _(
            "Đã mở đợt chấm điểm “%(round)s”: đơn vị tự chấm điểm và gửi thẩm định "
            "trước hết ngày %(deadline)s."
        )
    else:
        text = _("Đã mở đợt chấm điểm “%(round)s”: đơn vị tự chấm điểm và gửi thẩm định.")
    deadline = f"{scoring_round.deadline:%d/%m/%Y}" if scoring_round.deadline else ""
    _tell_members(scoring_round, text % {"round": name, "deadline": deadline})


def on_scorecard_returned(sender, scorecard: Scorecard, reason: str = "", **kwargs):
    text = _(
        "Phiếu chấm điểm của %(unit)s trong đợt “%(round)s” bị trả lại để chấm lại. "
        "Lý do: %(reason)s"
    ) % {"unit": scorecard.unit, "round": _round_name(scorecard.round), "reason": reason}
    Notification.objects.create(unit=scorecard.unit, text=text[:500], link=_card_link(scorecard))


def on_scorecard_reviewed(sender, scorecard: Scorecard, **kwargs):
    text = _("Phiếu chấm điểm của %(unit)s trong đợt “%(round)s” đã được thẩm định.") % {
        "unit": scorecard.unit,
        "round": _round_name(scorecard.round),
    }
    Notification.objects.create(unit=scorecard.unit, text=text[:500], link=_card_link(scorecard))


def on_round_finalised(sender, scoring_round: ScoringRound, **kwargs):
    text = _("Đợt chấm điểm “%(round)s” đã chốt kết quả: xem xếp hạng và xếp loại.") % {
        "round": _round_name(scoring_round)
    }
    _tell_members(scoring_round, text)


def connect_signals() -> None:
    """Called once by ``AwardsConfig.ready``."""
    signals.round_opened.connect(on_round_opened, dispatch_uid="notices-round-opened")
    signals.scorecard_returned.connect(on_scorecard_returned, dispatch_uid="notices-returned")
    signals.scorecard_reviewed.connect(on_scorecard_reviewed, dispatch_uid="notices-reviewed")
    signals.round_finalised.connect(on_round_finalised, dispatch_uid="notices-round-finalised")

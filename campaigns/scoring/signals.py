"""What the scoring services tell the layers above them, once the change is committed.

Scoring lives in campaigns, below awards, which keeps the in-app notifications: awards
listens to these signals (``awards.apps.AwardsConfig.ready``) and writes the notices. Each
is sent by ``transaction.on_commit``, so nothing is announced for a change rolled back.

- ``round_opened(scoring_round, reopened)``: a round was opened (or self-scoring reopened);
- ``scorecard_returned(scorecard, reason)``: a scorecard was returned to its unit;
- ``scorecard_reviewed(scorecard)``: a scorecard's review was completed;
- ``round_finalised(scoring_round)``: the round's result was finalised.
"""

from django.db import transaction
from django.dispatch import Signal

round_opened = Signal()
scorecard_returned = Signal()
scorecard_reviewed = Signal()
round_finalised = Signal()


def send_on_commit(signal: Signal, sender, **kwargs) -> None:
    """Send ``signal`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: signal.send(sender=sender, **kwargs))

"""Signals for the apps above campaigns (which campaigns may not import).

``registration_reviewed``: a registration was accepted or returned, inside the transaction
that changed it; ``action`` is "accept" or "return", ``comment`` the reviewer's reason.
awards turns it into a notification to the registration's unit.
"""

from django.dispatch import Signal

registration_reviewed = Signal()

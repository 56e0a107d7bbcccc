from django.db import transaction

from thidua.guide.models import TourDismissal
from thidua.guide.tour import pending_roles


@transaction.atomic
def tour_dismiss(*, by) -> list[str]:
    """Hide the home page's tour of every role ``by`` acts in; returns the roles hidden now."""
    roles = pending_roles(by)
    TourDismissal.objects.bulk_create(
        [TourDismissal(user=by, role=role) for role in roles], ignore_conflicts=True
    )
    return roles

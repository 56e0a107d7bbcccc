"""Free text has documented limits (thidua.core.text): a form refuses more, the database too."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from awards.models import Nominee
from tests.factories import NomineeFactory
from tests.thidua.matrix import MATRIX
from thidua.core.text import ACHIEVEMENT_MAX


def test_an_achievement_summary_of_100_000_characters_is_refused(client, staff_lao_cai, sector):
    kwargs = MATRIX["awards:nominee_edit"].target(sector)
    nominee = Nominee.objects.get(pk=kwargs["pk"])
    client.force_login(staff_lao_cai)
    client.post(reverse("awards:nominee_edit", kwargs=kwargs), {"achievement": "x" * 100_000})
    nominee.refresh_from_db()
    assert len(nominee.achievement) <= ACHIEVEMENT_MAX


def test_the_limit_itself_is_accepted(client, staff_lao_cai, sector):
    kwargs = MATRIX["awards:nominee_edit"].target(sector)
    client.force_login(staff_lao_cai)
    client.post(
        reverse("awards:nominee_edit", kwargs=kwargs), {"achievement": "x" * ACHIEVEMENT_MAX}
    )
    assert len(Nominee.objects.get(pk=kwargs["pk"]).achievement) == ACHIEVEMENT_MAX


def test_the_database_holds_the_achievement_limit(db):
    nominee = NomineeFactory()
    nominee.achievement = "x" * (ACHIEVEMENT_MAX + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        nominee.save()

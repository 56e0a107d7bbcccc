"""A small year of awards on the real catalogue, for the report tests.

Its fixtures reach every test through ``pytest_plugins`` in ``tests/conftest.py``; the plain
constants (``EXPECTED_SENTENCE``, the task backends) live in ``tests/awards/reports/helpers.py``.

2025 in the fixed cast's sector (Long An's THADS, its district office, Lào Cai):
- Chủ tịch nước: Huân chương Lao động hạng Ba to 1 person;
- Thủ tướng Chính phủ: Bằng khen to 2 people;
- Bộ Tư pháp: Cờ thi đua ngành to THADS Long An, Bằng khen to the district office and
  to 8 people;
plus, left out of every count: one Bằng khen revoked, one on a revoked decision, one on a
draft decision; and one Bằng khen in 2024 (the trend chart).
"""

import datetime
from types import SimpleNamespace

import pytest
from django_tasks import signals  # noqa: F401  (resets backends when TASKS is overridden)

from awards.catalogue.models import Award
from awards.models import Decision
from tests.awards.reports.helpers import IMMEDIATE
from tests.factories import ConfermentFactory, DecisionFactory, PersonFactory
from tests.seeded_catalogue import seeded_catalogue

D = datetime.date


@pytest.fixture(name="isolated_media")
def isolated_media_fixture(settings, tmp_path):
    """Cached files and job states of this test only; tasks run in the request."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE
    return settings.MEDIA_ROOT


class Giver:
    def __init__(self, sector):
        self.sector = sector
        self.awards = {a.code: a for a in Award.objects.select_related("authority")}
        self.numbers = 0

    def __call__(
        self,
        code,
        *,
        person=None,
        unit=None,
        year=2025,
        revoked=False,
        status=Decision.Status.ISSUED,
        signed_on=None,
    ):
        award = self.awards[code]
        self.numbers += 1
        decision = DecisionFactory(
            authority=award.authority,
            issuing_unit=self.sector.ministry,
            number=f"{self.numbers:02d}/QĐ-TEST",
            year=year + 1,
            signed_on=signed_on or D(year + 1, 3, self.numbers % 28 + 1),
            status=status,
        )
        return ConfermentFactory(
            decision=decision,
            award=award,
            person=person,
            unit=unit or person.unit,
            position=person.position if person else "",
            year=year,
            revoked=revoked,
        )


@pytest.fixture(name="report_world")
def report_world_fixture(sector, person_long_an, person_lao_cai):
    seeded_catalogue()
    give = Giver(sector)
    long_an = [person_long_an] + [
        PersonFactory(full_name=f"Trần Thị Hương {i}", gender="F", assigned_to=sector.district)
        for i in range(1, 6)
    ]
    lao_cai = [person_lao_cai] + [
        PersonFactory(full_name=f"Lê Văn Đức {i}", assigned_to=sector.thads_lao_cai)
        for i in range(1, 5)
    ]
    give("hcld-3-ca-nhan", person=long_an[0])
    give("bk-ttg-ca-nhan", person=long_an[1])
    give("bk-ttg-ca-nhan", person=lao_cai[0])
    give("co-nganh", unit=sector.thads_long_an)
    give("bk-bo-tap-the", unit=sector.district)
    for person in long_an[2:] + lao_cai[1:]:  # 4 + 4 people
        give("bk-bo-ca-nhan", person=person)
    give("bk-bo-ca-nhan", person=long_an[0], revoked=True)
    give("bk-bo-ca-nhan", person=long_an[1], status=Decision.Status.REVOKED)
    give("bk-bo-ca-nhan", person=long_an[2], status=Decision.Status.DRAFT)
    give("bk-bo-ca-nhan", person=lao_cai[0], year=2024)
    return SimpleNamespace(sector=sector, give=give, long_an=long_an, lao_cai=lao_cai)

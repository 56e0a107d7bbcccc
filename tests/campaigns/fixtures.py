"""A small catalogue, an open campaign over Long An and Lào Cai, and their people.

The campaign covers this calendar year, so its pages open on the current year whatever
day the tests run; its deadline is in the future unless a test moves it.

Its fixtures reach every test (the campaign tests and the browser journeys) through
``pytest_plugins`` in ``tests/conftest.py``.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from awards.catalogue.models import Award
from tests.factories import (
    AwardFactory,
    CampaignFactory,
    PersonFactory,
)


@pytest.fixture
def catalogue(db):
    def award(code, name, short, subject, kind=Award.Kind.TITLE, order=0):
        return AwardFactory(
            code=code, name=name, short_name=short, subject=subject, kind=kind, order=order
        )

    individual, collective = Award.Subject.INDIVIDUAL, Award.Subject.COLLECTIVE
    return SimpleNamespace(
        ldtt=award("ldtt", "Lao động tiên tiến", "LĐTT", individual, order=10),
        cstdcs=award("cstdcs", "Chiến sĩ thi đua cơ sở", "CSTĐCS", individual, order=20),
        tt_ldxs=award("tt-ldxs", "Tập thể lao động xuất sắc", "TT LĐXS", collective, order=60),
        bk=award("bk-ca-nhan", "Bằng khen của Bộ trưởng", "BK", individual, Award.Kind.REWARD, 100),
        outside=award("cstd-nganh", "Chiến sĩ thi đua ngành Tư pháp", "CSTĐ ngành", individual),
    )


@pytest.fixture
def year():
    return timezone.localdate().year


@pytest.fixture
def campaign(sector, catalogue, year):
    """Open, launched by the ministry's enforcement HQ for both provinces' subtrees."""
    today = timezone.localdate()
    return CampaignFactory(
        name="Thi đua hoàn thành xuất sắc nhiệm vụ thi hành án dân sự",
        launched_by=sector.hq,
        authority_name="",
        registration_deadline=min(today + datetime.timedelta(days=30), datetime.date(year, 12, 31)),
        scope_units=[sector.thads_long_an, sector.thads_lao_cai],
        awards=[catalogue.ldtt, catalogue.cstdcs, catalogue.tt_ldxs, catalogue.bk],
    )


@pytest.fixture
def five_people(sector):
    names = ["Nguyễn Văn Anh", "Lê Thị Bích", "Phạm Văn Cường", "Đỗ Thị Dung", "Võ Văn Em"]
    return [PersonFactory(full_name=name, assigned_to=sector.district) for name in names]

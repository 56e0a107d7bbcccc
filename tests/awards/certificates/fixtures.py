"""The catalogue of Long An's People's Committee (an authority, its unit and two awards), for
the certificate tests and the browser test of the certificate pages.

Its fixture reaches every test through ``pytest_plugins`` in ``tests/conftest.py``.
"""

from types import SimpleNamespace

import pytest

from awards.catalogue.models import Authority, Award
from tests.factories import AuthorityFactory, AwardFactory, UnitFactory


@pytest.fixture
def ubnd(sector):
    authority = AuthorityFactory(
        code="chu-tich-ubnd-tinh",
        name="Chủ tịch Ủy ban nhân dân tỉnh",
        report_name="Ủy ban nhân dân tỉnh",
        level=Authority.Level.MINISTRY_PROVINCE,
    )
    unit = UnitFactory(name="Ủy ban nhân dân tỉnh Long An", code="ubnd-long-an")
    award = AwardFactory(
        code="bk-ubnd",
        name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        form_name="Bằng khen",
        kind=Award.Kind.REWARD,
        authority=authority,
    )
    collective_award = AwardFactory(
        code="tt-ldxs",
        name="Tập thể lao động xuất sắc",
        form_name="Danh hiệu",
        kind=Award.Kind.TITLE,
        subject=Award.Subject.COLLECTIVE,
        authority=authority,
    )
    return SimpleNamespace(
        authority=authority, unit=unit, award=award, collective_award=collective_award
    )

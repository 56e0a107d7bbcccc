"""A grouping's membership of a year names a unit that existed that year."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import ClusterFactory
from units.models import ClusterMembership


def test_a_membership_of_2018_refuses_a_unit_founded_in_2025(sector):
    cluster = ClusterFactory(name="Khối thi đua Nội chính tỉnh Long An")
    early = ClusterMembership(cluster=cluster, unit=sector.district, year=2018)
    later = ClusterMembership(cluster=cluster, unit=sector.district, year=2025)

    with pytest.raises(ValidationError) as refused:
        early.full_clean()
    later.full_clean()

    assert refused.value.message_dict["unit"] == [
        "“Phòng Thi hành án dân sự khu vực 1 – Long An” chưa có trong năm 2018 "
        "(thành lập từ 01/07/2025)."
    ]

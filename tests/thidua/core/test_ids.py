"""One rule for numbers from a request (thidua.core.ids), and the GET filters that use it."""

import pytest
from django.urls import reverse

from thidua.core.ids import MAX_ID, parse_id, parse_ids, parse_int


@pytest.mark.parametrize(
    "raw", [None, "", "abc", "1.5", "-1", "0", "²", "٣", "1e3", "0x10", str(MAX_ID + 1), "9" * 40]
)
def test_what_is_not_an_id_parses_to_none(raw):
    assert parse_id(raw) is None


def test_ids_parse_in_order_once_each():
    assert parse_id(" 12 ") == 12
    assert parse_ids(["3", "x", "1", "3", "²", "-2", "7"]) == [3, 1, 7]
    assert parse_int("2031", minimum=2000, maximum=2030) is None


@pytest.mark.parametrize("name", ["awards:decisions", "certificates:register"])
@pytest.mark.parametrize("query", [{"year": "²"}, {"authority": "²"}, {"year": "9" * 40}])
def test_a_filter_that_is_not_a_number_is_ignored(name, query, client, admin_user, sector):
    """``"²".isdigit()`` is true but ``int("²")`` raises: these filters answered 500."""
    client.force_login(admin_user)
    assert client.get(reverse(name), query).status_code == 200

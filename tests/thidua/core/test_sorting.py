"""The one sorting mechanism of the lists (thidua.core.sorting, core/sort_th.html)."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from tests.factories import PersonFactory
from thidua.core.sorting import Column, Nullable, read_sort
from units.models import Person

COLUMNS = {
    "name": Column("Họ và tên", "search_key"),
    "position": Column("Chức vụ", "position"),
    "unit": Column("Đơn vị", Nullable("unit__name"), css="text-end"),
}


def _sort(query: str = "", default: str = "name"):
    return read_sort(RequestFactory().get("/people/" + query), COLUMNS, default=default)


def test_no_choice_is_the_default_order_and_keeps_nothing_in_the_filter_form():
    sort = _sort()
    assert (sort.key, sort.descending, sort.explicit, sort.value) == ("name", False, False, "")
    assert sort.problems == []


@pytest.mark.parametrize("value", ["password", "unit__path", "-pk", "--name", "name;drop", "-"])
def test_an_unknown_key_is_reported_and_the_default_order_is_used(value):
    sort = _sort("?" + f"sort={value}", default="-position")
    assert (sort.key, sort.descending, sort.value) == ("position", True, "")
    assert sort.problems == [f"Không sắp xếp được theo “{value}”; đang dùng thứ tự mặc định."]
    assert [str(o) for o in sort.order_by()] == [
        "OrderBy(F(position), descending=True)",
        "OrderBy(F(pk), descending=True)",
    ]


def test_a_default_that_is_not_a_column_is_a_programming_error():
    with pytest.raises(ValueError):
        _sort(default="salary")


def test_the_current_column_toggles_and_the_others_start_ascending():
    ascending = _sort("?sort=position")
    assert ascending.value == "position"
    header = ascending.headers["position"]
    assert (header.aria_sort, header.href, header.arrow) == ("ascending", "?sort=-position", "▲")
    assert header.hint == "(đang sắp xếp tăng dần; bấm để sắp xếp giảm dần)"
    other = ascending.headers["name"]
    assert (other.aria_sort, other.href, other.arrow) == ("", "?sort=name", "")
    assert other.hint == "(bấm để sắp xếp tăng dần)"

    descending = _sort("?sort=-position")
    assert descending.value == "-position"
    header = descending.headers["position"]
    assert (header.aria_sort, header.href, header.arrow) == ("descending", "?sort=position", "▼")
    assert header.hint == "(đang sắp xếp giảm dần; bấm để sắp xếp tăng dần)"


def test_a_link_keeps_the_filters_and_goes_back_to_the_first_page():
    sort = _sort("?q=an&year=2025&page=3&sort=name")
    assert sort.headers["name"].href == "?q=an&year=2025&sort=-name"
    assert sort.headers["unit"].href == "?q=an&year=2025&sort=unit"


def test_the_header_partial_names_the_order_for_screen_readers():
    sort = _sort("?sort=-unit")
    html = render_to_string("core/sort_th.html", {"column": sort.headers["unit"]})
    assert html.strip().splitlines()[-1] == (
        '<th scope="col" aria-sort="descending" class="text-end">'
        '<a class="sort-link" href="?sort=unit">Đơn vị <span aria-hidden="true">▼</span>'
        '<span class="visually-hidden"> (đang sắp xếp giảm dần; bấm để sắp xếp tăng dần)</span>'
        "</a></th>"
    )
    plain = render_to_string("core/sort_th.html", {"column": sort.headers["name"]})
    assert "aria-sort" not in plain and 'href="?sort=name"' in plain


@pytest.mark.django_db
def test_equal_rows_keep_one_order_and_descending_is_its_exact_reverse(sector):
    made = [
        PersonFactory(full_name=name, assigned_to=unit)
        for name, unit in [
            ("Trần An", sector.district),
            ("Lê Bình", sector.thads_lao_cai),
            ("Trần An", sector.thads_lao_cai),
            ("Lê Bình", sector.district),
        ]
    ]
    rows = Person.objects.filter(pk__in=[p.pk for p in made])
    up = [(p.full_name, p.pk) for p in _sort("?sort=name").apply(rows)]
    down = [(p.full_name, p.pk) for p in _sort("?sort=-name").apply(rows)]
    assert up == sorted(up, key=lambda row: (row[0] != "Lê Bình", row[1]))
    assert down == up[::-1]


@pytest.mark.django_db
def test_empty_values_come_first_ascending_and_last_descending(sector):
    nobody = PersonFactory(full_name="Không đơn vị")
    placed = PersonFactory(full_name="Có đơn vị", assigned_to=sector.district)
    rows = Person.objects.filter(pk__in=[nobody.pk, placed.pk])
    assert list(_sort("?sort=unit").apply(rows)) == [nobody, placed]
    assert list(_sort("?sort=-unit").apply(rows)) == [placed, nobody]

"""Unit pickers: grouped by kind of agency, the current units first, the ended ones apart."""

import datetime

from django.utils import timezone

from awards.forms import DecisionForm, ProposalCreateForm
from awards.models import Nominee
from tests.factories import UnitFactory
from units.choices import ENDED
from units.models import AgencyType, Unit


def _groups(field) -> list[tuple[str, list[str]]]:
    """(group label, option labels) of a grouped select, the empty option left out."""
    return [
        (str(label), [str(option) for _value, option in choices])
        for label, choices in field.choices
        if isinstance(choices, list)
    ]


def test_issuing_body_lists_current_units_by_agency_then_ended_units_apart(sector):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    government = UnitFactory(name="Văn phòng Chính phủ", agency_type=AgencyType.EXTERNAL)
    merged = UnitFactory(name="Ban Thi đua cũ", agency_type=AgencyType.EXTERNAL, valid_to=yesterday)
    ending = UnitFactory(
        name="Hội đồng sắp kết thúc", agency_type=AgencyType.EXTERNAL, valid_to=tomorrow
    )
    own = Unit.objects.filter(pk__in=[sector.ministry.pk, sector.thads_long_an.pk])

    form = DecisionForm(units=own, recipients=Nominee.objects.none())

    assert _groups(form.fields["issuing_unit"]) == [
        ("Bộ", ["Bộ Tư pháp"]),
        ("Cơ quan THADS cấp tỉnh", ["Thi hành án dân sự tỉnh Long An"]),
        ("Cơ quan ngoài ngành Tư pháp", [government.name, ending.name]),  # in tree order
        (str(ENDED), [merged.name]),
    ]
    assert next(iter(form.fields["issuing_unit"].choices)) == ("", "— Chọn —")


def test_an_ended_unit_can_still_be_chosen(sector):
    """History may name it: grouping apart is not refusing."""
    gone = UnitFactory(
        name="Chi cục cũ",
        parent=sector.thads_long_an,
        agency_type=AgencyType.THADS_LOCAL,
        valid_to=datetime.date(2020, 12, 31),
    )
    units = Unit.objects.filter(path__startswith=sector.thads_long_an.path)
    form = ProposalCreateForm(
        {"proposing_unit": gone.pk, "authority": "", "year": 2020, "title": "x"}, units=units
    )
    form.is_valid()
    assert "proposing_unit" not in form.errors
    assert _groups(form.fields["proposing_unit"])[-1] == (str(ENDED), ["Chi cục cũ"])


def test_grouped_choices_cost_one_query(sector, django_assert_num_queries):
    for n in range(30):
        UnitFactory(name=f"Cơ quan {n}", agency_type=AgencyType.EXTERNAL)
    form = DecisionForm(
        units=Unit.objects.filter(pk=sector.ministry.pk), recipients=Nominee.objects.none()
    )
    with django_assert_num_queries(1):
        html = str(form["issuing_unit"])
    assert html.count("<optgroup") == 2
    assert 'data-searchable="15"' in html

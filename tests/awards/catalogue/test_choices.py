"""Every select that lists awards says whom each is for: "(cá nhân)" or "(tập thể)"."""

import importlib
import inspect

import pytest
from django import forms

from awards.catalogue.choices import AwardChoiceField, AwardMultipleChoiceField, award_label
from awards.catalogue.models import Award
from awards.forms import NomineeForm
from campaigns.forms import CampaignForm, CollectiveRegistrationForm, people_formset
from tests.factories import AuthorityFactory, AwardFactory, ProposalFactory
from units.models import Cluster, Unit

FORM_MODULES = [
    "awards.forms",
    "awards.history.forms",
    "awards.reports.forms",
    "awards.certificates.forms",
    "campaigns.forms",
    "campaigns.scoring.forms",
    "units.forms",
    "thidua.forms",
]
SUFFIXES = ("(cá nhân)", "(tập thể)", "(hộ gia đình)")


def _option_labels(field) -> list[str]:
    labels = []
    for value, label in field.choices:
        if isinstance(label, list | tuple):
            labels += [str(option) for _value, option in label]
        elif value != "":
            labels.append(str(label))
    return labels


def test_award_label_names_the_subject(db):
    individual = AwardFactory(name="Lao động tiên tiến", subject=Award.Subject.INDIVIDUAL)
    collective = AwardFactory(name="Tập thể lao động tiên tiến", subject=Award.Subject.COLLECTIVE)
    assert award_label(individual) == "Lao động tiên tiến (cá nhân)"
    assert award_label(collective) == "Tập thể lao động tiên tiến (tập thể)"


def test_every_model_field_listing_awards_is_an_award_field():
    """Walk the user-facing forms: a field whose rows are awards labels them with
    ``award_label`` (a plain ModelChoiceField would print the bare name)."""
    found = []
    for name in FORM_MODULES:
        for _cls_name, form in inspect.getmembers(importlib.import_module(name), inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != name:
                continue
            for field_name, field in form.base_fields.items():
                queryset = getattr(field, "queryset", None)
                if queryset is not None and queryset.model is Award:
                    found.append(f"{form.__name__}.{field_name}")
                    assert isinstance(field, AwardChoiceField | AwardMultipleChoiceField), (
                        f"{form.__name__}.{field_name}"
                    )
    assert {"NomineeForm.award", "CampaignForm.awards", "TemplateForm.award"} <= set(found)


@pytest.fixture
def awards(db):
    minister = AuthorityFactory()
    head = AuthorityFactory(code="thu-truong-don-vi", name="Thủ trưởng đơn vị", order=9)
    return [
        AwardFactory(name="Lao động tiên tiến", subject=Award.Subject.INDIVIDUAL, authority=head),
        AwardFactory(name="Tập thể lao động tiên tiến", subject=Award.Subject.COLLECTIVE),
        AwardFactory(name="Bằng khen", subject=Award.Subject.INDIVIDUAL, authority=minister),
    ]


def test_every_rendered_award_select_ends_each_label_with_the_subject(sector, awards):
    everything = Award.objects.all()
    proposal = ProposalFactory(proposing_unit=sector.thads_long_an)
    nominee = NomineeForm(proposal=proposal)
    nominee.fields["award"].queryset = everything
    campaign = CampaignForm(
        launchers=Unit.objects.all(), clusters=Cluster.objects.none(), awards=everything
    )
    fields = [
        nominee.fields["award"],
        campaign.fields["awards"],
        CollectiveRegistrationForm(awards=list(everything)).fields["award"],
        people_formset(people=[], awards=list(everything)).empty_form.fields["award"],
    ]
    for field in fields:
        labels = _option_labels(field)
        assert labels, field
        assert all(label.endswith(SUFFIXES) for label in labels), labels


def test_award_selects_are_grouped_by_authority(sector, awards):
    form = CollectiveRegistrationForm(awards=list(Award.objects.select_related("authority")))
    assert [
        (str(group), [str(o) for _v, o in options])
        for group, options in form.fields["award"].choices[1:]
    ] == [
        ("Bộ trưởng Bộ Tư pháp", ["Bằng khen (cá nhân)", "Tập thể lao động tiên tiến (tập thể)"]),
        ("Thủ trưởng đơn vị", ["Lao động tiên tiến (cá nhân)"]),
    ]

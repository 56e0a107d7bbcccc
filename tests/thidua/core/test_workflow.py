"""The kernel's transition engine, on its own (the apps' tables are tested in their apps)."""

import dataclasses

import pytest
from django.core.exceptions import ValidationError

from thidua.core.workflow import Transition, Workflow

SEND = Transition(name="send", sources=("draft",), target="sent", roles=("staff",), label="Gửi")


def _workflow() -> Workflow:
    return Workflow([SEND], {"draft": "Nháp", "sent": "Đã gửi"}, holds=lambda *args: True)


def test_an_unknown_action_is_refused_with_its_name_cut_to_30_characters():
    """A forged action from a form is echoed back, but never more than 30 characters."""
    forged = "x" * 29 + "YZ" + "<script>" * 5
    with pytest.raises(ValidationError) as refused:
        _workflow().get(forged)
    assert refused.value.code == "unknown"
    assert refused.value.messages == [f"Thao tác “{'x' * 29}Y” không tồn tại."]


def test_a_transition_cannot_be_changed_once_declared():
    """Tables are declared once at import: a view cannot retarget a shared transition."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        SEND.target = "approved"
    assert _workflow().get("send").target == "sent"

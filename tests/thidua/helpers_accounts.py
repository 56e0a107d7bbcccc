"""Helpers for the account tests: the worker runs in the request, links read from emails."""

import re

from django.core.cache import cache
from django_tasks import signals  # noqa: F401  (resets backends when TASKS is overridden)

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def link_in(message) -> str:
    """The one http(s) link of an email's body."""
    links = re.findall(r"https?://\S+", message.body)
    assert len(links) == 1, message.body
    return links[0]


def forget_counts():
    """The reset rate limit counts in the cache: every test starts from zero."""
    cache.clear()

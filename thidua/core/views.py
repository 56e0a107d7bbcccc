"""Helpers every app's views share."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def report(request: HttpRequest, error: ValidationError) -> None:
    """Show each message of a refused action (a service's ``ValidationError``)."""
    for message in error.messages:
        messages.error(request, message)

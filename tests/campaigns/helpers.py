"""Helpers of the campaign page tests."""


def text(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    """The messages the response shows or queues for the next page, in order."""
    return [str(message) for message in response.wsgi_request._messages]

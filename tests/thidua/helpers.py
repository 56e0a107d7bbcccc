"""Helpers of the project-level tests: reading the home page's to-do as a user sees it."""

import html
import re
from html.parser import HTMLParser


class _TodoParser(HTMLParser):
    """Collects each to-do block's heading and its lines (text and link)."""

    def __init__(self):
        super().__init__()
        self.blocks: dict[str, list[tuple[str, str]]] = {}
        self._block = None
        self._line = None
        self._href = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div" and any(c.startswith("todo-") for c in classes):
            self._block = next(c for c in classes if c.startswith("todo-"))[5:]
            self.blocks[self._block] = []
        if tag == "li" and "todo-line" in classes:
            self._line, self._href = [], ""
        if tag == "a" and self._line is not None and not self._href:
            self._href = attrs.get("href", "")

    def handle_endtag(self, tag):
        if tag == "li" and self._line is not None:
            text = re.sub(r"\s+", " ", "".join(self._line)).strip()
            self.blocks[self._block].append((text, self._href))
            self._line = None

    def handle_data(self, data):
        if self._line is not None:
            self._line.append(data)


def todo(response) -> dict[str, list[tuple[str, str]]]:
    """The home page's to-do: role -> [(line text, link or "")], in page order."""
    parser = _TodoParser()
    parser.feed(response.content.decode())
    return parser.blocks


def todo_texts(response, role: str) -> list[str]:
    return [text for text, _href in todo(response).get(role, [])]


def todo_line(response, role: str, label: str) -> tuple[str, str]:
    """The line of ``role`` whose text starts with ``label``: (text, link)."""
    for text, href in todo(response).get(role, []):
        if text.startswith(label):
            return text, href
    raise AssertionError(f"no to-do line “{label}” for {role}: {todo(response)}")


def waiting_notes(response) -> list[str]:
    """The sentences telling a user with nothing to do why, and who acts next."""
    page = response.content.decode()
    found = re.findall(
        r'<p class="alert alert-info waiting-note" role="status">(.*?)</p>', page, re.S
    )
    return [re.sub(r"\s+", " ", html.unescape(text)).strip() for text in found]

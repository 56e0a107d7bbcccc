"""The guide's Markdown pages (docs/guide/<slug>.md): rendered to HTML and searched.

Pages are plain CommonMark with tables, rendered by markdown-it-py with raw HTML off. Two link
forms point into the app and are checked when the page renders: ``url:<url name>`` (a screen
without arguments, e.g. ``url:awards:proposals``) and ``guide:<slug>`` (another help page).
Search folds Vietnamese like every other search of the app (``thidua.core.text.search_key``):
"khen thuong" finds "khen thưởng".
"""

import copy
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from thidua.core.text import search_key
from thidua.guide.pages import BY_SLUG, PAGES, Page

GUIDE_DIR = Path(settings.BASE_DIR) / "docs" / "guide"
QUERY_MAX = 200  # characters of a search read; the rest is ignored
SNIPPET_WORDS = 40


class GuideLinkError(ValueError):
    """A help page links to a screen or a page that does not exist."""


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def anchor(heading: str) -> str:
    """ "Căn cứ pháp lý" -> "can-cu-phap-ly": the id of a section, from its folded heading."""
    return re.sub(r"[^a-z0-9]+", "-", search_key(heading)).strip("-")


def _plain(inline) -> str:
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


@dataclass(frozen=True)
class Block:
    """One paragraph, list item, table cell or heading of a page, as plain text."""

    section: str  # the anchor of the section (## heading) it is in; "" before the first
    text: str
    key: str  # search_key(text)


@dataclass(frozen=True)
class Source:
    tokens: tuple
    blocks: tuple[Block, ...]
    key: str  # the whole page folded


@cache
def _source(slug: str) -> Source:
    """The page parsed once per process (the files ship with the code)."""
    text = (GUIDE_DIR / f"{slug}.md").read_text(encoding="utf-8")
    tokens = _markdown().parse(text)
    blocks, section = [], ""
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            section = anchor(tokens[i + 1].content)
        if token.type == "inline":
            plain = _plain(token)
            blocks.append(Block(section, plain, search_key(plain)))
    return Source(tuple(tokens), tuple(blocks), " ".join(b.key for b in blocks))


def _href(target: str) -> str:
    scheme, _sep, rest = target.partition(":")
    if scheme == "url":
        return reverse(rest)
    if scheme == "guide":
        if rest not in BY_SLUG:
            raise GuideLinkError(f"no help page {rest!r}")
        return reverse("guide:page", kwargs={"slug": rest})
    return target


def render(slug: str) -> SafeString:
    """The page's HTML: sections get ids (for search results to point at), app links are
    resolved, raw HTML in the file is escaped."""
    md = _markdown()
    tokens = copy.deepcopy(list(_source(slug).tokens))
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            token.attrSet("id", anchor(tokens[i + 1].content))
        if token.type == "inline":
            for child in token.children or []:
                if child.type == "link_open":
                    child.attrSet("href", _href(str(child.attrGet("href"))))
    # Safe: the parser escapes any raw HTML in the file ("html": False).
    return mark_safe(md.renderer.render(tokens, md.options, {}))


@dataclass(frozen=True)
class Hit:
    page: Page
    section: str
    snippet: SafeString


def _terms(query: str) -> list[str]:
    return search_key(query[:QUERY_MAX]).split()


def _snippet(text: str, terms: list[str]) -> SafeString:
    """The block's words around the first match, matched words in <mark>."""
    words = text.split()
    keys = [search_key(word) for word in words]
    first = next((i for i, k in enumerate(keys) if any(t in k for t in terms)), 0)
    start = max(0, first - SNIPPET_WORDS // 4)
    shown = range(start, min(len(words), start + SNIPPET_WORDS))
    parts = format_html_join(
        " ",
        "{}",
        (
            (
                format_html("<mark>{}</mark>", words[i])
                if any(t in keys[i] for t in terms)
                else words[i],
            )
            for i in shown
        ),
    )
    before = "… " if start else ""
    after = " …" if shown.stop < len(words) else ""
    return format_html("{}{}{}", before, parts, after)


def search(query: str) -> list[Hit]:
    """Pages holding every word of ``query`` (diacritics and case ignored): those with the
    whole phrase in their title first, then by how often the phrase occurs, then by how many
    of the words their title holds and how often the words occur."""
    terms = _terms(query)
    if not terms:
        return []
    phrase = " ".join(terms)
    ranked = []
    for order, page in enumerate(PAGES):
        source = _source(page.slug)
        title = search_key(str(page.title))
        if not all(term in title or term in source.key for term in terms):
            continue
        blocks = [b for b in source.blocks if phrase in b.key] or [
            max(source.blocks, key=lambda b: sum(term in b.key for term in terms))
        ]
        rank = (
            phrase not in title,
            -source.key.count(phrase),
            -sum(term in title for term in terms),
            -sum(source.key.count(term) for term in terms),
            order,
        )
        ranked.append((rank, Hit(page, blocks[0].section, _snippet(blocks[0].text, terms))))
    return [hit for _rank, hit in sorted(ranked, key=lambda pair: pair[0])]

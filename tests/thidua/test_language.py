import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import CampaignFactory, ProposalFactory


def test_an_english_browser_still_gets_the_vietnamese_interface(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert "Tên đăng nhập" in response.text


def test_the_language_switcher_choice_is_honoured(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("login"))
    assert response.headers["Content-Language"] == "en"
    assert "Username" in response.text


# --- The English catalogue (locale/en/LC_MESSAGES) -------------------------------------------

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
VIETNAMESE_MENU = ["Trang chủ", "Đăng xuất", "Phong trào thi đua", "Đề nghị khen thưởng", "Tổ chức"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def _english(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _get(client, url, *english):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"
    page = response.content.decode()
    for text in english:
        assert text in page
    for text in VIETNAMESE_MENU:
        assert text not in page, text
    return page


def test_the_home_page_and_menu_speak_english(client, admin_user):
    _get(
        _english(client, admin_user),
        reverse("home"),
        "Emulation campaigns",
        "Award proposals",
        "Award catalogue",
        "Sign out",
        ">Units<",
        ">Decisions<",
        "Organisation",
    )


def test_the_campaign_list_speaks_english(client, admin_user, sector):
    CampaignFactory(name="Vì người nghèo", scope_units=[sector.district])
    page = _get(_english(client, admin_user), reverse("campaigns:list"), "Emulation pledges")
    assert "Vì người nghèo" in page  # data stays as entered
    assert "1 campaign." in page


def test_a_proposal_page_speaks_english(client, admin_user, sector):
    proposal = ProposalFactory(proposing_unit=sector.district, title="Khen thưởng năm 2025")
    url = reverse("awards:proposal_detail", kwargs={"pk": proposal.pk})
    _get(_english(client, admin_user), url, "Award proposals", "Draft", "Add nomination")
    _get(client, reverse("awards:proposals"), "Award proposals", "Proposing unit", "Filter")


def test_the_report_page_speaks_english(client, admin_user, sector):
    _get(_english(client, admin_user), reverse("reports:index"), "Award reports", "View report")


def _new_entry() -> dict:
    return {"context": None, "msgid": "", "plural": None, "strs": {}, "flags": set()}


def _po_entries(path):
    """(context, msgid, msgid_plural, [msgstr…], flags) for each entry of a .po file but the
    header."""
    entries, entry, field = [], None, None

    def close():
        if entry and entry["msgid"]:
            entries.append(entry)

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            close()
            entry, field = None, None
            continue
        if line.startswith("#,"):
            entry = entry or _new_entry()
            entry["flags"].update(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        entry = entry or _new_entry()
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = ast.literal_eval(line)
        else:
            field, value = keyword, ast.literal_eval(rest)
        if field == "msgctxt":
            entry["context"] = (entry["context"] or "") + value
        elif field == "msgid":
            entry["msgid"] += value
        elif field == "msgid_plural":
            entry["plural"] = (entry["plural"] or "") + value
        else:  # msgstr or msgstr[n]
            entry["strs"][field] = entry["strs"].get(field, "") + value
    return entries


def test_every_message_is_translated_with_the_same_placeholders():
    entries = _po_entries(CATALOGUE / "django.po")
    assert len(entries) > 1000
    header = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in header
    for entry in entries:
        assert "fuzzy" not in entry["flags"], entry["msgid"]
        wanted = set(PLACEHOLDER.findall(entry["msgid"] + (entry["plural"] or "")))
        strs = list(entry["strs"].values())
        assert len(strs) == (2 if entry["plural"] else 1), entry["msgid"]
        for text in strs:
            assert text.strip(), f"untranslated: {entry['msgid']!r}"
            assert set(PLACEHOLDER.findall(text)) == wanted, (entry["msgid"], text)
            assert text[:1].isspace() == entry["msgid"][:1].isspace(), entry["msgid"]
            assert text[-1:].isspace() == entry["msgid"][-1:].isspace(), entry["msgid"]


def test_the_compiled_catalogue_matches_the_po_file():
    with open(CATALOGUE / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in _po_entries(CATALOGUE / "django.po"):
        if entry["plural"]:
            for n, key in ((1, "msgstr[0]"), (5, "msgstr[1]")):
                assert compiled.ngettext(entry["msgid"], entry["plural"], n) == entry["strs"][key]
        elif entry["context"]:
            assert compiled.pgettext(entry["context"], entry["msgid"]) == entry["strs"]["msgstr"]
        else:
            assert compiled.gettext(entry["msgid"]) == entry["strs"]["msgstr"], (
                "locale/en/LC_MESSAGES/django.mo is stale: run compilemessages -l en"
            )


@pytest.mark.parametrize("n, text", [(1, "1 campaign."), (3, "3 campaigns.")])
def test_english_plurals_follow_the_count(n, text):

    with translation.override("en"):
        assert translation.ngettext("%(n)s phong trào.", "%(n)s phong trào.", n) % {"n": n} == text

"""The in-app guide: help pages, their search, the "Hướng dẫn" link of every screen, the tour."""

import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from awards.catalogue.data_registry import LEGAL_DOCUMENTS
from tests.factories import CouncilFactory, CouncilMemberFactory, ProposalFactory, UnitRoleFactory
from tests.thidua.matrix import served_url_names
from thidua.core.text import search_key
from thidua.guide import content
from thidua.guide.models import TourDismissal
from thidua.guide.pages import BY_SLUG, PAGES, SCREENS, UNMAPPED
from units.models import UnitRole

SLUGS = [page.slug for page in PAGES]
SECTIONS = ("buoc-nay-la-gi", "ai-lam", "buoc-tiep-theo", "can-cu-phap-ly")


def _source(slug: str) -> str:
    return (content.GUIDE_DIR / f"{slug}.md").read_text(encoding="utf-8")


# --- The pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_every_help_page_renders_with_its_four_sections(slug, client, db):
    response = client.get(reverse("guide:page", kwargs={"slug": slug}))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<h1 class="h3">{BY_SLUG[slug].title}</h1>' in page
    for section in SECTIONS:  # what it is, who does it, what comes next, the legal basis
        assert f'<h2 id="{section}">' in page, section


def test_the_guide_has_one_file_per_page_and_no_stray_file():
    assert sorted(path.stem for path in content.GUIDE_DIR.glob("*.md")) == sorted(SLUGS)


LEGAL_NUMBER = re.compile(r"\b\d{1,3}/\d{4}/(?:QH\d+|NĐ-CP|TT-[A-Z]+)")
# Documents the guide cites that are not award regulation, so not in the catalogue's registry:
# official document form (30/2020), the national cadre database (27/2026), statistics forms.
NOT_AWARD_REGULATION = {"30/2020/NĐ-CP", "27/2026/NĐ-CP", "02/2023/TT-BNV"}


@pytest.mark.parametrize("slug", SLUGS)
def test_each_page_cites_the_law_and_a_decree_as_the_registry_names_them(slug):
    legal = _source(slug).split("## Căn cứ pháp lý", 1)[1]
    assert "Luật Thi đua, khen thưởng số 06/2022/QH15" in legal or slug == "api"
    assert "06/2022/QH15" in legal
    registry = {document["number"] for document in LEGAL_DOCUMENTS}
    if slug != "api":
        assert {"98/2023/NĐ-CP", "152/2025/NĐ-CP"} & set(LEGAL_NUMBER.findall(legal))
    assert set(LEGAL_NUMBER.findall(_source(slug))) <= registry | NOT_AWARD_REGULATION


def test_links_inside_the_pages_open_screens_and_other_pages(client, db):
    page = client.get(reverse("guide:page", kwargs={"slug": "campaigns"})).content.decode()
    assert f'href="{reverse("campaigns:list")}"' in page
    assert f'href="{reverse("guide:page", kwargs={"slug": "proposals"})}"' in page
    assert "url:" not in page and 'href="guide:' not in page


def test_a_link_to_a_missing_page_is_an_error():
    with pytest.raises(content.GuideLinkError):
        content._href("guide:khong-co")


@pytest.fixture
def one_page(tmp_path, monkeypatch):
    """The guide read from ``tmp_path``: write ``home.md`` there."""
    monkeypatch.setattr(content, "GUIDE_DIR", tmp_path)
    content._source.cache_clear()
    yield tmp_path / "home.md"
    content._source.cache_clear()


def test_raw_html_in_a_page_is_shown_as_text(one_page):
    one_page.write_text("## Bước\n\n<script>alert(1)</script> [x](javascript:alert(1))\n")
    html = content.render("home")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html


def test_an_unknown_page_is_404(client, db):
    assert client.get(reverse("guide:page", kwargs={"slug": "khong-co"})).status_code == 404


# --- Search ---------------------------------------------------------------------------------


def test_search_without_diacritics_finds_every_page_saying_khen_thuong(client, db):
    wanted = {
        page.slug
        for page in PAGES
        if "khen thưởng" in (_source(page.slug) + str(page.title)).lower()
    }
    assert len(wanted) >= 10
    response = client.get(reverse("guide:index"), {"q": "khen thuong"})
    found = {hit.page.slug for hit in response.context["hits"]}
    assert found == wanted
    page = response.content.decode()
    assert "<mark>khen</mark> <mark>thưởng</mark>" in page
    assert f"{len(wanted)} trang khớp với “khen thuong”" in page


@pytest.mark.parametrize(
    "query", ["hội đồng bỏ phiếu", "HOI DONG bo phieu", "  hoi   dong  bo phieu "]
)
def test_search_with_or_without_diacritics_finds_the_council_page_first(query):
    hits = content.search(query)
    assert hits[0].page.slug == "council"
    assert hits == content.search("hội đồng bỏ phiếu")


def test_a_hit_points_at_the_section_holding_the_words(client, db):
    [hit] = [hit for hit in content.search("bo phieu kin") if hit.page.slug == "council"]
    assert hit.section == "buoc-nay-la-gi"
    page = client.get(reverse("guide:index"), {"q": "bo phieu kin"}).content.decode()
    assert f'href="{reverse("guide:page", kwargs={"slug": "council"})}#buoc-nay-la-gi"' in page


def test_a_search_nothing_matches_says_so(client, db):
    response = client.get(reverse("guide:index"), {"q": "xyzzy khen"})
    assert response.context["hits"] == []
    assert "Không trang nào có đủ các từ đã gõ" in response.content.decode()


def test_the_search_folds_the_query_as_the_app_does():
    assert content._terms("Khen THƯỞNG, Đ") == search_key("khen thuong, d").split()
    assert content.search("") == content.search("   ") == []


# --- One place maps screens to pages ----------------------------------------------------------


def _every_url_name(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _every_url_name(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_served_url_name_maps_to_a_page_or_is_explicitly_unmapped():
    missing = served_url_names() - set(SCREENS) - set(UNMAPPED)
    assert not missing, f"map these in thidua/guide/pages.py (SCREENS or UNMAPPED): {missing}"
    assert not set(SCREENS) & set(UNMAPPED)
    stale = (set(SCREENS) | set(UNMAPPED)) - set(_every_url_name(get_resolver().url_patterns))
    assert not stale, f"no such URL names: {stale}"
    assert set(SCREENS.values()) == set(BY_SLUG), "every help page is opened by some screen"


def _guide_link(response) -> str:
    match = re.search(r'<a class="guide-link[^"]*" href="([^"]+)"', response.content.decode())
    assert match, "no Hướng dẫn link on the page"
    return match[1]


@pytest.mark.parametrize(
    "name, slug",
    [
        ("home", "home"),
        ("campaigns:list", "campaigns"),
        ("campaigns:scoring_home", "scoring"),
        ("awards:proposals", "proposals"),
        ("awards:sessions", "council"),
        ("awards:catalogue", "history"),
        ("certificates:register", "certificates"),
        ("api_tokens:list", "api"),
        ("password_change", "accounts"),
        ("units:tree", "units"),
    ],
)
def test_the_link_on_a_screen_opens_its_help_page(name, slug, client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert _guide_link(response) == reverse("guide:page", kwargs={"slug": slug})
    assert f'aria-label="Hướng dẫn: {BY_SLUG[slug].title}">Hướng dẫn</a>' in (
        response.content.decode()
    )


def test_the_link_on_an_object_page_and_on_the_login_page(client, sector, leader_lao_cai):
    assert _guide_link(client.get(reverse("login"))) == "/guide/accounts/"
    proposal = ProposalFactory(proposing_unit=sector.thads_lao_cai)
    client.force_login(leader_lao_cai)
    response = client.get(reverse("awards:proposal_detail", kwargs={"pk": proposal.pk}))
    assert _guide_link(response) == reverse("guide:page", kwargs={"slug": "proposals"})
    # The guide's own pages link to its index.
    assert _guide_link(client.get(reverse("guide:page", kwargs={"slug": "api"}))) == "/guide/"


# --- The first-login tour -------------------------------------------------------------------


def _tour(response) -> list[str]:
    """The step titles of the home page's tour, in order."""
    page = response.content.decode()
    if "data-tour " not in page:
        return []
    return re.findall(r'<h3 class="h6 mb-1" tabindex="-1">([^<]+?) <span', page)


def test_the_tour_shows_until_dismissed_then_never_again(client, staff_long_an):
    client.force_login(staff_long_an)
    assert _tour(client.get(reverse("home"))) == [
        "Việc cần làm của cán bộ nhập liệu",
        "Đăng ký danh hiệu thi đua",
        "Lập hồ sơ đề nghị",
    ]
    response = client.post(reverse("guide:tour_dismiss"), follow=True)
    assert response.redirect_chain == [(reverse("home"), 302)]
    assert _tour(response) == []
    assert "Đã ẩn phần giới thiệu" in response.content.decode()
    assert _tour(client.get(reverse("home"))) == []
    client.force_login(staff_long_an)  # a new login does not bring it back
    assert _tour(client.get(reverse("home"))) == []


def test_each_user_and_each_role_has_its_own_tour(client, sector, staff_long_an, leader_lao_cai):
    client.force_login(staff_long_an)
    client.post(reverse("guide:tour_dismiss"))
    client.force_login(leader_lao_cai)
    assert _tour(client.get(reverse("home")))[0] == "Việc chờ lãnh đạo"
    # A staff member made leader later sees the leader's steps only.
    UnitRoleFactory(user=staff_long_an, unit=sector.district, role=UnitRole.Role.LEADER)
    client.force_login(staff_long_an)
    assert _tour(client.get(reverse("home"))) == [
        "Việc chờ lãnh đạo",
        "Duyệt đăng ký và đề nghị",
        "Ký giao ước, xem kết quả",
    ]
    assert set(TourDismissal.objects.filter(user=staff_long_an).values_list("role", flat=True)) == {
        "staff"
    }


def test_a_council_seat_without_the_role_brings_the_council_tour(client, sector, staff_long_an):
    CouncilMemberFactory(council=CouncilFactory(unit=sector.ministry), user=staff_long_an)
    client.force_login(staff_long_an)
    steps = _tour(client.get(reverse("home")))
    assert steps[:3] == [
        "Việc cần làm của cán bộ nhập liệu",
        "Đăng ký danh hiệu thi đua",
        "Lập hồ sơ đề nghị",
    ]
    assert "Bỏ phiếu kín" in steps


def test_the_tour_is_accessible_without_javascript(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("home")).content.decode()
    assert (
        '<section class="guide-tour card border-primary mb-4" aria-labelledby="tour-title"' in page
    )
    assert 'aria-live="polite"' in page
    # Every step is listed (the script shows them one at a time), each with its help link.
    assert page.count("data-tour-step") == 3
    assert page.count('aria-label="Đọc thêm trong Hướng dẫn: ') == 3
    assert "js/tour.js" in page


def test_dismissing_is_a_post_of_a_signed_in_user(client, staff_long_an):
    response = client.post(reverse("guide:tour_dismiss"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(staff_long_an)
    assert client.get(reverse("guide:tour_dismiss")).status_code == 405
    assert not TourDismissal.objects.exists()


def test_the_guide_index_lists_the_pages_and_the_users_steps(client, council_member):
    anonymous = client.get(reverse("guide:index"))
    assert anonymous.status_code == 200 and anonymous.context["steps"] == []
    client.force_login(council_member)
    page = client.get(reverse("guide:index")).content.decode()
    for guide_page in PAGES:
        assert str(guide_page.title) in page
    assert "Bắt đầu nhanh theo vai trò của bạn" in page and "Bỏ phiếu kín" in page


# --- English ----------------------------------------------------------------------------------


def test_in_english_the_chrome_is_translated_and_the_page_says_its_text_is_vietnamese(
    client, staff_long_an
):
    client.force_login(staff_long_an)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    home = client.get(reverse("home")).content.decode()
    assert "Quick start" in home and 'aria-label="Help: Home page, to-do and notifications"' in home
    assert "Việc cần làm của cán bộ nhập liệu" not in home
    page = client.get(reverse("guide:page", kwargs={"slug": "proposals"})).content.decode()
    assert "This guide is written in Vietnamese only" in page
    assert '<article class="guide-body" lang="vi">' in page

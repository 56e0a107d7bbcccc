"""A long select gets a type-to-filter box: typing narrows its options (accents ignored),
the chosen value submits, a short select stays plain, and the page passes axe."""

from django.urls import reverse
from playwright.sync_api import expect

from awards import services
from awards.models import Nominee
from tests.awards.helpers import YEAR
from tests.e2e.a11y import assert_accessible
from tests.factories import PersonFactory

GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hải", "Khánh", "Lan", "Minh", "Nam"]


def test_typing_narrows_a_long_select_and_the_choice_submits(
    signed_in_page, sector, cast, wf_catalogue
):
    people = [
        PersonFactory(full_name=f"{family} Văn {given}", assigned_to=sector.district)
        for family in ("Nguyễn", "Trần")
        for given in GIVEN
    ]
    ha = PersonFactory(full_name="Trương Thị Ngọc Hà", gender="F", assigned_to=sector.district)
    proposal = services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=wf_catalogue.minister,
        year=YEAR,
        title="Đề nghị khen thưởng năm",
    )
    page = signed_in_page(cast.staff)
    page.goto(reverse("awards:proposal_detail", args=[proposal.pk]))
    page.get_by_text("Thêm đề cử", exact=True).click()

    form = page.locator("form").filter(has_text="Tóm tắt thành tích")
    person = form.get_by_role("combobox", name="Cá nhân", exact=True)
    search = form.get_by_role("searchbox", name="Lọc danh sách: Cá nhân")
    expect(search).to_be_visible()
    # Only the long select is enhanced: the awards and the unit list stay plain.
    expect(form.get_by_role("searchbox")).to_have_count(1)
    total = len(people) + 1
    expect(person.locator("option")).to_have_count(total + 1)  # and the empty option
    assert_accessible(page)

    # "ngoc ha" without accents finds "Ngọc Hà"; the count is read out politely.
    search.fill("ngoc ha")
    expect(person.locator("option")).to_have_count(2)
    expect(person.locator("option").nth(1)).to_have_text(f"{ha.full_name} ({ha.code})")
    expect(search).to_have_accessible_description(f"1 trên {total} lựa chọn phù hợp")
    # Enter picks the only match and moves to the list, without submitting the form.
    search.press("Enter")
    expect(person).to_be_focused()
    expect(person).to_have_value(str(ha.pk))
    assert_accessible(page)

    # Another filter keeps the chosen person (a value is never dropped by filtering).
    search.fill("trần văn")
    expect(person.locator("option")).to_have_count(len(GIVEN) + 2)
    expect(person).to_have_value(str(ha.pk))
    search.press("Escape")
    expect(person.locator("option")).to_have_count(total + 1)
    expect(person.locator("optgroup")).to_have_attribute("label", sector.district.name)

    page.get_by_label("Danh hiệu / hình thức").select_option(
        label="Bằng khen của Bộ trưởng Bộ Tư pháp (cá nhân)"
    )
    page.get_by_role("button", name="Thêm", exact=True).click()
    nominee = Nominee.objects.get(proposal=proposal)
    assert (nominee.person, nominee.award) == (ha, wf_catalogue.bk)
    expect(page.locator(f"#nominee-{nominee.pk}")).to_contain_text(ha.full_name)

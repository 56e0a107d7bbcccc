"""The award fund: allocations in, each issued decision's cash amounts out, reversals for
corrections, the ledger page and its Excel export, the overdraw warning."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import services
from awards.fund import selectors
from awards.models import Ballot, Fund, FundAllocation, FundEntry
from tests.awards.helpers import D
from tests.factories import ConfermentFactory, DecisionFactory, PersonFactory
from thidua.core.audit import history

SALARY = 2_340_000
AGREE = Ballot.Vote.AGREE


@pytest.fixture
def both_passed(appraised, wf_council, wf_catalogue, cast, settings):
    """An (Bằng khen, 1.5 × the base salary) and Bình (CSTĐ ngành, 3 ×) passed by all."""
    settings.THIDUA_BASE_SALARY = SALARY
    wf_catalogue.bk_rule.cash_multiplier = Decimal("1.5")
    wf_catalogue.bk_rule.save()
    wf_catalogue.cstd_rule.cash_multiplier = 3
    wf_catalogue.cstd_rule.save()
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=D(2026, 1, 10)
    )
    nominees = [appraised.an, appraised.binh]
    services.session_add_to_agenda(session=session, by=cast.office, nominees=nominees)
    services.session_open(session=session, by=cast.office)
    for nominee in nominees:
        for member in wf_council.members:
            services.ballot_cast(session=session, nominee=nominee, member=member, vote=AGREE)
    services.session_close(session=session, by=cast.office)
    return appraised


def _draft(cast, sector, wf_catalogue, recipients, number="123/QĐ-BTP"):
    return services.decision_draft(
        by=cast.office,
        authority=wf_catalogue.minister,
        issuing_unit=sector.ministry,
        number=number,
        signed_on=D(2026, 1, 20),
        signer_name="Nguyễn Hải Ninh",
        signer_position="Bộ trưởng",
        recipients=recipients,
    )


def _correct(action, decision, cast, number, **extra):
    return getattr(services, f"decision_{action}")(
        decision=decision,
        by=cast.office,
        number=number,
        signed_on=D(2026, 3, 2),
        signer_name="Nguyễn Hải Ninh",
        signer_position="Bộ trưởng",
        reason="Hồ sơ khai không đúng",
        **extra,
    )


def _fund(sector, wf_catalogue, admin_user, *allocations):
    fund = services.fund_open(by=admin_user, unit=sector.ministry, authority=wf_catalogue.minister)
    for on, amount in allocations:
        services.fund_allocation_add(
            by=admin_user, fund=fund, amount=Decimal(amount), received_on=on, source="Dự toán"
        )
    return fund


def _books(fund):
    return list(
        FundEntry.objects.filter(fund=fund)
        .order_by("pk")
        .values_list("decision__number", "conferment__person__full_name", "amount", "reverses")
    )


def test_issuing_books_exactly_the_cash_amounts_the_catalogue_computes(
    both_passed, cast, sector, wf_catalogue, admin_user
):
    fund = _fund(sector, wf_catalogue, admin_user, (D(2026, 1, 5), 20_000_000))
    decision = services.decision_issue(
        decision=_draft(cast, sector, wf_catalogue, [both_passed.an, both_passed.binh]),
        by=cast.office,
    )
    stored = dict(decision.conferments.values_list("person__full_name", "cash_amount"))
    assert stored == {"Nguyễn Văn An": Decimal(3_510_000), "Lê Thị Bình": Decimal(7_020_000)}
    assert sorted(_books(fund)) == [
        ("123/QĐ-BTP", "Lê Thị Bình", Decimal(7_020_000), None),
        ("123/QĐ-BTP", "Nguyễn Văn An", Decimal(3_510_000), None),
    ]
    assert services.fund_balance(fund=fund, year=2026) == Decimal(9_470_000)


def test_the_first_decision_opens_its_units_fund_and_awards_without_cash_book_nothing(
    both_passed, cast, sector, wf_catalogue
):
    wf_catalogue.cstd_rule.cash_multiplier = None
    wf_catalogue.cstd_rule.save()
    services.decision_issue(
        decision=_draft(cast, sector, wf_catalogue, [both_passed.an, both_passed.binh]),
        by=cast.office,
    )
    fund = Fund.objects.get()
    assert (fund.unit, fund.authority) == (sector.ministry, wf_catalogue.minister)
    assert _books(fund) == [("123/QĐ-BTP", "Nguyễn Văn An", Decimal(3_510_000), None)]


def test_revoking_books_the_reversal_and_leaves_the_past_entries_as_they_were(
    both_passed, cast, sector, wf_catalogue, admin_user
):
    fund = _fund(sector, wf_catalogue, admin_user, (D(2026, 1, 5), 20_000_000))
    decision = services.decision_issue(
        decision=_draft(cast, sector, wf_catalogue, [both_passed.an, both_passed.binh]),
        by=cast.office,
    )
    booked = list(FundEntry.objects.filter(fund=fund).order_by("pk").values_list())
    _correct("revoke", decision, cast, "200/QĐ-BTP")
    assert list(FundEntry.objects.filter(pk__in=[row[0] for row in booked]).values_list()) == (
        booked
    )
    reversals = FundEntry.objects.filter(decision__number="200/QĐ-BTP").order_by("pk")
    assert [(r.amount, r.reverses.decision.number, r.booked_on) for r in reversals] == [
        (-entry.amount, "123/QĐ-BTP", D(2026, 3, 2))
        for entry in FundEntry.objects.filter(decision=decision).order_by("pk")
    ]
    assert services.fund_balance(fund=fund, year=2026) == Decimal(20_000_000)
    with pytest.raises(ValidationError):
        reversals[0].save()


def test_amending_reverses_what_it_withdraws_and_books_what_it_confers_again(
    both_passed, cast, sector, wf_catalogue, admin_user
):
    fund = _fund(sector, wf_catalogue, admin_user, (D(2026, 1, 5), 20_000_000))
    decision = services.decision_issue(
        decision=_draft(cast, sector, wf_catalogue, [both_passed.an, both_passed.binh]),
        by=cast.office,
    )
    an_conferment = decision.conferments.get(nominee=both_passed.an)
    _correct("amend", decision, cast, "201/QĐ-BTP", withdraw=[an_conferment])
    original = FundEntry.objects.get(conferment=an_conferment, reverses=None)
    assert _books(fund)[2:] == [("201/QĐ-BTP", "Nguyễn Văn An", Decimal(-3_510_000), original.pk)]
    assert services.fund_balance(fund=fund, year=2026) == Decimal(20_000_000 - 7_020_000)
    # Revoking the decision now reverses only what is still booked: Bình's award.
    _correct("revoke", decision, cast, "202/QĐ-BTP")
    assert _books(fund)[3:] == [
        (
            "202/QĐ-BTP",
            "Lê Thị Bình",
            Decimal(-7_020_000),
            FundEntry.objects.get(conferment__person__full_name="Lê Thị Bình", reverses=None).pk,
        )
    ]
    assert services.fund_balance(fund=fund, year=2026) == Decimal(20_000_000)


def test_an_amendment_conferring_again_books_the_new_amount(
    both_passed, cast, sector, wf_catalogue, admin_user
):
    fund = _fund(sector, wf_catalogue, admin_user)
    decision = services.decision_issue(
        decision=_draft(cast, sector, wf_catalogue, [both_passed.an]), by=cast.office
    )
    _correct(
        "amend",
        decision,
        cast,
        "203/QĐ-BTP",
        withdraw=[decision.conferments.get()],
        recipients=[both_passed.an],
    )
    assert [row[2] for row in _books(fund)] == [
        Decimal(3_510_000),
        Decimal(-3_510_000),
        Decimal(3_510_000),
    ]


def test_overdrawing_warns_on_the_draft_is_issued_anyway_and_recorded(
    both_passed, cast, sector, wf_catalogue, admin_user, login
):
    fund = _fund(sector, wf_catalogue, admin_user, (D(2026, 1, 5), 10_000_000))
    draft = _draft(cast, sector, wf_catalogue, [both_passed.an, both_passed.binh])
    warning = (
        "Quỹ thi đua, khen thưởng của Bộ Tư pháp (Bộ trưởng Bộ Tư pháp) năm 2026 không đủ: "
        "số dư 10.000.000 đồng, quyết định chi 10.530.000 đồng, thiếu 530.000 đồng."
    )
    page = login(cast.office).get(reverse("awards:decision_detail", args=[draft.pk]))
    text = page.content.decode()
    assert warning in text
    assert "10.530.000 đồng" in text and "-530.000 đồng" in text
    services.decision_issue(decision=draft, by=cast.office)
    issued = [e for e in history(draft) if e.action == "issue"]
    assert warning in issued[0].comment
    assert services.fund_balance(fund=fund, year=2026) == Decimal(-530_000)


def test_a_fund_that_covers_the_decision_shows_no_warning(
    both_passed, cast, sector, wf_catalogue, admin_user, login
):
    _fund(sector, wf_catalogue, admin_user, (D(2025, 12, 1), 6_000_000), (D(2026, 1, 5), 6_000_000))
    draft = _draft(cast, sector, wf_catalogue, [both_passed.an, both_passed.binh])
    text = login(cast.office).get(reverse("awards:decision_detail", args=[draft.pk])).text
    assert "12.000.000 đồng" in text and "1.470.000 đồng" in text
    assert "không đủ" not in text
    services.decision_issue(decision=draft, by=cast.office)
    assert not any("không đủ" in e.comment for e in history(draft))


def test_only_admins_record_allocations(sector, wf_catalogue, admin_user, cast):
    fund = _fund(sector, wf_catalogue, admin_user)
    with pytest.raises(ValidationError) as error:
        services.fund_allocation_add(
            by=cast.chief, fund=fund, amount=Decimal(1), received_on=D(2026, 1, 1), source="X"
        )
    assert error.value.messages == ["Chỉ quản trị viên mới nhập khoản cấp quỹ."]
    with pytest.raises(ValidationError):
        services.fund_open(by=cast.chief, unit=sector.ministry, authority=wf_catalogue.pm)
    assert not FundAllocation.objects.exists()


# --- The ledger page ----------------------------------------------------------------------


def _spend(fund, number, on, *amounts):
    """A decision of ``fund``'s unit booking ``amounts`` (one conferment each)."""
    decision = DecisionFactory(
        issuing_unit=fund.unit, authority=fund.authority, number=number, signed_on=on, year=on.year
    )
    entries = []
    for amount in amounts:
        conferment = ConfermentFactory(
            decision=decision,
            person=PersonFactory(assigned_to=fund.unit),
            unit=fund.unit,
            cash_amount=amount,
        )
        entries.append(
            FundEntry.objects.create(
                fund=fund,
                year=on.year,
                booked_on=on,
                decision=decision,
                conferment=conferment,
                amount=amount,
            )
        )
    return decision, entries


@pytest.fixture
def ledger_fund(sector, wf_catalogue, admin_user):
    """2025: 5,000,000 in, 1,000,000 out; 2026: 8,000,000 in, two decisions, one revoked."""
    fund = _fund(
        sector,
        wf_catalogue,
        admin_user,
        (D(2025, 3, 1), 5_000_000),
        (D(2026, 1, 10), 8_000_000),
    )
    _spend(fund, "10/QĐ-BTP", D(2025, 6, 1), 1_000_000)
    _spend(fund, "5/QĐ-BTP", D(2026, 2, 1), 2_000_000, 3_000_000)
    _second, entries = _spend(fund, "9/QĐ-BTP", D(2026, 4, 1), 1_500_000)
    revoking = DecisionFactory(
        issuing_unit=fund.unit,
        authority=fund.authority,
        number="11/QĐ-BTP",
        signed_on=D(2026, 5, 1),
        year=2026,
        revokes=_second,
    )
    FundEntry.objects.create(
        fund=fund,
        year=2026,
        booked_on=D(2026, 5, 1),
        decision=revoking,
        conferment=entries[0].conferment,
        amount=-1_500_000,
        reverses=entries[0],
    )
    return fund


def test_the_ledger_shows_opening_allocations_spendings_running_and_closing_balance(
    ledger_fund, cast, login
):
    ledger = selectors.fund_ledger(fund=ledger_fund, year=2026)
    assert ledger.opening == Decimal(4_000_000)
    assert [
        (line.on, line.number, line.count, line.credit, line.debit, line.balance)
        for line in ledger.lines
    ] == [
        (D(2026, 1, 10), "", 0, Decimal(8_000_000), 0, Decimal(12_000_000)),
        (D(2026, 2, 1), "5/QĐ-BTP", 2, 0, Decimal(5_000_000), Decimal(7_000_000)),
        (D(2026, 4, 1), "9/QĐ-BTP", 1, 0, Decimal(1_500_000), Decimal(5_500_000)),
        (D(2026, 5, 1), "11/QĐ-BTP", 1, 0, Decimal(-1_500_000), Decimal(7_000_000)),
    ]
    assert ledger.lines[-1].reversal and ledger.lines[-1].original_number == "9/QĐ-BTP"
    assert ledger.closing == Decimal(7_000_000)
    url = reverse("awards:fund_ledger", args=[ledger_fund.pk]) + "?year=2026"
    text = login(cast.chief).get(url).text
    for shown in ("4.000.000", "8.000.000", "12.000.000", "5.000.000", "7.000.000", "-1.500.000"):
        assert shown in text
    assert "Đảo khoản chi của Quyết định số" in text


def test_only_leaders_and_admins_read_a_fund_outsiders_do_not_find_it(
    ledger_fund, cast, admin_user, login
):
    url = reverse("awards:fund_ledger", args=[ledger_fund.pk])
    assert login(cast.chief).get(url).status_code == 200
    assert login(admin_user).get(url).status_code == 200
    assert login(cast.office).get(url).status_code == 403  # the ministry's staff
    assert login(cast.stranger).get(url).status_code == 404  # a leader of Lào Cai
    assert list(selectors.fund_list(user=cast.stranger)) == []
    assert list(selectors.fund_list(user=cast.chief)) == [ledger_fund]


def test_the_ledger_page_costs_the_same_queries_however_many_entries(
    ledger_fund, admin_user, client, django_assert_num_queries
):
    client.force_login(admin_user)
    url = reverse("awards:fund_ledger", args=[ledger_fund.pk]) + "?year=2026"
    client.get(url)  # the session and the user's roles, as on every later page
    with django_assert_num_queries(12):
        client.get(url)
    for n in range(5):
        _spend(ledger_fund, f"{20 + n}/QĐ-BTP", D(2026, 6, 1 + n), 100_000, 200_000)
    with django_assert_num_queries(12):
        assert "20/QĐ-BTP" in client.get(url).text


def test_the_excel_export_holds_the_ledger_and_every_entry(ledger_fund, cast, login):
    url = reverse("awards:fund_export", args=[ledger_fund.pk]) + "?year=2026"
    response = login(cast.chief).get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    ledger, details = book.worksheets
    rows = list(ledger.iter_rows(values_only=True))
    assert rows[0][0] == "SỔ QUỸ THI ĐUA, KHEN THƯỞNG NĂM 2026"
    assert rows[3][1] == "Số dư đầu năm" and rows[3][7] == 4_000_000
    body = [(r[1], r[2], r[4], r[5], r[6], r[7]) for r in rows[4:8]]
    assert body == [
        ("Cấp quỹ: Dự toán", None, None, 8_000_000, None, 12_000_000),
        ("Chi thưởng theo Quyết định số 5/QĐ-BTP", "5/QĐ-BTP", 2, None, 5_000_000, 7_000_000),
        ("Chi thưởng theo Quyết định số 9/QĐ-BTP", "9/QĐ-BTP", 1, None, 1_500_000, 5_500_000),
        (
            "Đảo khoản chi của Quyết định số 9/QĐ-BTP theo Quyết định số 11/QĐ-BTP",
            "11/QĐ-BTP",
            1,
            None,
            -1_500_000,
            7_000_000,
        ),
    ]
    assert rows[-1][1] == "Số dư cuối năm" and rows[-1][7] == 7_000_000
    assert rows[-2][5:7] == (8_000_000, 5_000_000)
    amounts = [(r[1], r[5], r[6]) for r in details.iter_rows(min_row=2, values_only=True)]
    assert amounts == [
        ("5/QĐ-BTP", 2_000_000, None),
        ("5/QĐ-BTP", 3_000_000, None),
        ("9/QĐ-BTP", 1_500_000, None),
        ("11/QĐ-BTP", -1_500_000, "Có"),
    ]


def test_an_admin_records_an_allocation_on_the_ledger_page_bad_input_is_kept(
    ledger_fund, admin_user, login
):
    client = login(admin_user)
    url = reverse("awards:fund_allocation_add", args=[ledger_fund.pk])
    bad = client.post(
        url, {"received_on": "15/07/2026", "amount": "2.000.000", "source": "Bổ sung"}
    )
    assert bad.status_code == 200
    text = bad.text
    assert "Nhập số tiền bằng chữ số, không có dấu phân cách." in text
    assert 'value="Bổ sung"' in text and 'value="15/07/2026"' in text
    done = client.post(url, {"received_on": "15/07/2026", "amount": "2000000", "source": "Bổ sung"})
    assert done.status_code == 302 and done["Location"].endswith("?year=2026")
    assert selectors.fund_ledger(fund=ledger_fund, year=2026).closing == Decimal(9_000_000)


def test_correcting_an_allocation_keeps_its_history(ledger_fund, admin_user, login):
    allocation = FundAllocation.objects.get(year=2026)
    services.fund_allocation_update(by=admin_user, allocation=allocation, amount=Decimal(9_000_000))
    url = reverse("awards:fund_ledger", args=[ledger_fund.pk]) + "?year=2026"
    text = login(admin_user).get(url).text
    assert "8000000 → 9000000" in text
    assert allocation.history.count() == 2


def test_the_list_of_funds_costs_the_same_queries_however_many_funds(
    ledger_fund, sector, admin_user, client, django_assert_num_queries
):
    client.force_login(admin_user)
    url = reverse("awards:funds") + "?year=2026"
    client.get(url)
    with django_assert_num_queries(8):
        client.get(url)
    for unit in (sector.thads_lao_cai, sector.thads_long_an, sector.district):
        fund = Fund.objects.create(unit=unit, authority=ledger_fund.authority)
        _spend(fund, f"1/QĐ-{unit.code}", D(2026, 2, 1), 100_000)
    with django_assert_num_queries(8):
        text = client.get(url).text
    assert "Thi hành án dân sự tỉnh Lào Cai" in text and "-100.000" in text


# --- The admin ------------------------------------------------------------------------------


def test_the_admin_records_and_corrects_allocations_through_the_services(
    sector, wf_catalogue, admin_user, login
):
    fund = _fund(sector, wf_catalogue, admin_user)
    client = login(admin_user)
    added = client.post(
        reverse("admin:awards_fundallocation_add"),
        {"fund": fund.pk, "received_on": "02/01/2026", "amount": "7000000", "source": "Dự toán"},
    )
    assert added.status_code == 302
    allocation = FundAllocation.objects.get()
    assert (allocation.year, allocation.created_by, allocation.amount) == (
        2026,
        admin_user,
        Decimal(7_000_000),
    )
    changed = client.post(
        reverse("admin:awards_fundallocation_change", args=[allocation.pk]),
        {"received_on": "02/01/2026", "amount": "7500000", "source": "Dự toán (điều chỉnh)"},
    )
    assert changed.status_code == 302
    assert [h.amount for h in allocation.history.order_by("history_date")] == [
        Decimal(7_000_000),
        Decimal(7_500_000),
    ]
    refused = client.post(
        reverse("admin:awards_fundallocation_change", args=[allocation.pk]),
        {"received_on": "02/01/2026", "amount": "0", "source": "Dự toán"},
    )
    assert refused.status_code == 200
    assert FundAllocation.objects.get().amount == Decimal(7_500_000)


def test_booked_payments_are_read_only_in_the_admin(ledger_fund, admin_user, login):
    client = login(admin_user)
    entry = FundEntry.objects.filter(fund=ledger_fund).first()
    assert client.get(reverse("admin:awards_fundentry_changelist")).status_code == 200
    page = client.get(reverse("admin:awards_fundentry_change", args=[entry.pk]))
    assert page.status_code == 200 and 'name="amount"' not in page.text
    assert client.get(reverse("admin:awards_fundentry_add")).status_code == 403

"""Run every builder in order for a plan, reporting each phase's result and time."""

import random
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from thidua.demo.accounts import DemoAccount, build_accounts
from thidua.demo.campaigns import build_campaigns
from thidua.demo.decisions import build_issuer_profiles
from thidua.demo.documents import build_document_templates
from thidua.demo.groupings import build_groupings
from thidua.demo.history import build_history
from thidua.demo.org import build_org
from thidua.demo.people import hire_staff
from thidua.demo.plans import Plan
from thidua.demo.proposals import build_proposals
from thidua.demo.records import build_records
from thidua.demo.tdkt import mark_bodies


def number(n: int) -> str:
    """Vietnamese digit grouping: 15.000."""
    return f"{n:,}".replace(",", ".")


def seconds(value: float) -> str:
    """Vietnamese decimal comma: 12,3."""
    return f"{value:.1f}".replace(".", ",")


@dataclass
class Result:
    counts: dict[str, int] = field(default_factory=dict)
    accounts: list[DemoAccount] = field(default_factory=list)
    seconds: float = 0.0


@contextmanager
def _phase(report: Callable[[str], None], label: str):
    start = time.perf_counter()
    lines: list[str] = []
    yield lines
    report(f"  {label}: {', '.join(lines)} ({seconds(time.perf_counter() - start)} giây)")


def build(plan: Plan, report: Callable[[str], None]) -> Result:
    """Seed everything ``plan`` describes; call inside a transaction."""
    rng = random.Random(plan.seed)
    result, start = Result(), time.perf_counter()
    counts = result.counts
    with _phase(report, "Tổ chức") as out:
        org = build_org(plan)
        counts["units"] = len(org.nodes)
        ended = sum(1 for n in org.nodes if n.unit.valid_to)
        started = sum(1 for n in org.nodes if n.unit.valid_from)
        out.append(f"{number(len(org.provinces))} tỉnh/thành phố")
        out.append(
            f"{number(len(org.nodes))} đơn vị ({number(ended)} kết thúc 30/06/2025, "
            f"{number(started)} thành lập 01/07/2025)"
        )
        out.append(f"{number(mark_bodies(org))} có bộ máy làm công tác thi đua, khen thưởng")
    with _phase(report, "Khối/cụm thi đua") as out:
        seasons = build_groupings(plan, org)
        clusters = {s.cluster for s in seasons}
        out.append(f"{number(len(clusters))} khối/cụm, {number(len(seasons))} lượt năm")
    with _phase(report, "Cán bộ") as out:
        staff = hire_staff(plan, org, rng)
        counts["people"] = len(staff)
        stints = sum(len(s.stints) for s in staff)
        out.append(f"{number(len(staff))} cán bộ, {number(stints)} quá trình công tác")
    with _phase(report, "Xếp loại, kỷ luật, nghỉ") as out:
        records = build_records(plan, org, staff, rng)
        ratings = sum(len(years) for years in records.ratings.values())
        out.append(f"{number(ratings)} lượt xếp loại")
        out.append(f"{number(len(records.disciplined))} kỷ luật")
    with _phase(report, "Khen thưởng") as out:
        counts["issuer_profiles"] = build_issuer_profiles(org.ministry)
        counts["document_templates"] = build_document_templates()
        decisions, conferments, initiatives = build_history(plan, org, staff, records, seasons, rng)
        counts.update(decisions=decisions, conferments=conferments, initiatives=initiatives)
        years = plan.award_years
        out.append(f"{number(initiatives)} sáng kiến, {number(decisions)} quyết định")
        out.append(f"{number(conferments)} lượt khen thưởng {years[0]}–{years[-1]}")
    with _phase(report, "Người dùng mẫu") as out:
        result.accounts = build_accounts(org)
        out.append(str(len(result.accounts)))
    counts.update(build_campaigns(org, seasons, result.accounts, report))
    counts.update(build_proposals(org, result.accounts, report))
    result.seconds = time.perf_counter() - start
    return result

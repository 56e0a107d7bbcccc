"""Benchmark: rank every grouping of the sector for one round at national scale.

Seeds, with ``bulk_create`` on an empty migrated database, a sector of ``--units`` units
(the ministry, the THADS HQ, 34 provincial agencies and their regional offices), its
groupings (5 zones of provincial agencies, one block of offices per province), two
published sheets of ``--criteria`` criteria (3 of them measurable targets), a reviewed
year-end round per grouping and every unit's scores. Then it ranks all the rounds at
once (``campaigns.scoring.ranking.rank_rounds``: totals and RANK() in one aggregation,
grades from three small queries) ``--repeat`` times and prints the best time and the
number of queries. Everything runs in one transaction that is rolled back unless
``--keep``, so the database is left as it was.
"""

import random
import statistics
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from campaigns.models import (
    GradeRule,
    Scorecard,
    ScoreEntry,
    ScoreItem,
    ScoreSheet,
    ScoringRound,
)
from campaigns.scoring.formulas import formula_score
from campaigns.scoring.ranking import rank_rounds
from units.models import AgencyType, Cluster, ClusterMembership, Unit
from units.services import rebuild_paths

PROVINCES = 34
ZONES = 5
YEAR = 2025
K, F = ScoreItem.Kind, ScoreItem.Formula


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Đo thời gian xếp hạng toàn ngành một đợt chấm điểm (dữ liệu giả lập, tự hoàn tác)."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=1000)
        parser.add_argument("--criteria", type=int, default=60)
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--keep", action="store_true", help="Giữ dữ liệu giả lập.")

    def handle(self, *args, units, criteria, repeat, seed, keep, **options):
        if Unit.objects.exists() or ScoreSheet.objects.exists():
            raise CommandError(
                "Cơ sở dữ liệu đã có dữ liệu; hãy chạy trên một cơ sở dữ liệu trống đã migrate."
            )
        if units < PROVINCES * 2 + 2 or criteria < 5 or repeat < 1:
            raise CommandError(f"Cần --units ≥ {PROVINCES * 2 + 2}, --criteria ≥ 5, --repeat ≥ 1.")
        self.rng = random.Random(seed)
        try:
            with transaction.atomic():
                self.run(units, criteria, repeat)
                if not keep:
                    raise Rollback
        except Rollback:
            self.stdout.write("Đã hoàn tác dữ liệu giả lập.")

    def run(self, units: int, criteria: int, repeat: int) -> None:
        start = time.perf_counter()
        provinces, offices = self.seed_units(units)
        rounds = self.seed_rounds(provinces, offices, criteria)
        entries = ScoreEntry.objects.count()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (Unit, ScoreItem, Scorecard, ScoreEntry, ScoringRound, GradeRule):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        self.stdout.write(
            f"Dữ liệu: {2 + len(provinces) + len(offices)} đơn vị, {len(rounds)} khối/cụm "
            f"(mỗi khối một đợt tổng kết), {criteria} tiêu chí/bảng, {entries} điểm tiêu chí "
            f"({time.perf_counter() - start:.1f} giây)."
        )
        ids = [r.pk for r in rounds]
        timings, queries, ranked = [], 0, {}
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                ranked = rank_rounds(ids)
                timings.append(time.perf_counter() - began)
            queries = len(captured)
        rows = sum(len(v) for v in ranked.values())
        graded = sum(1 for v in ranked.values() for r in v if r.grade)
        self.stdout.write(
            f"Xếp hạng toàn ngành ({connection.vendor}): {rows} đơn vị trong {len(ranked)} "
            f"khối/cụm, {graded} đơn vị được xếp loại."
        )
        self.stdout.write(
            f"  thời gian: tốt nhất {min(timings):.3f} giây, trung vị "
            f"{statistics.median(timings):.3f} giây ({repeat} lần); {queries} truy vấn SQL."
        )
        for sql in captured.captured_queries:
            self.stdout.write(f"  {float(sql['time']):.3f} s  {sql['sql'][:90]}…")

    # --- Seed ----------------------------------------------------------------------------

    def seed_units(self, total: int):
        ministry = Unit.objects.create(
            name="Bộ Tư pháp (giả lập)", code="bench-btp", agency_type=AgencyType.MINISTRY
        )
        hq = Unit.objects.create(
            name="Cục Quản lý THADS (giả lập)",
            code="bench-qlthads",
            parent=ministry,
            agency_type=AgencyType.THADS_HQ,
        )
        provinces = Unit.objects.bulk_create(
            Unit(
                name=f"Thi hành án dân sự tỉnh số {p + 1}",
                code=f"bench-p{p + 1}",
                parent=hq,
                agency_type=AgencyType.THADS_PROVINCE,
            )
            for p in range(PROVINCES)
        )
        office_count = total - 2 - PROVINCES
        offices = Unit.objects.bulk_create(
            (
                Unit(
                    name=f"Phòng THADS khu vực {o + 1} – tỉnh số {o % PROVINCES + 1}",
                    code=f"bench-o{o + 1}",
                    parent=provinces[o % PROVINCES],
                    agency_type=AgencyType.THADS_LOCAL,
                )
                for o in range(office_count)
            ),
            batch_size=1000,
        )
        rebuild_paths()
        return provinces, offices

    def seed_sheet(self, agency_type: str, criteria: int) -> ScoreSheet:
        per_group = 10
        groups = (criteria + per_group - 1) // per_group
        sheet = ScoreSheet.objects.create(
            name=f"Bảng chấm điểm giả lập ({agency_type})",
            year=YEAR,
            agency_type=agency_type,
            total=Decimal(criteria * 5),
            status=ScoreSheet.Status.PUBLISHED,
        )
        heads = ScoreItem.objects.bulk_create(
            ScoreItem(sheet=sheet, kind=K.GROUP, code=f"G{g + 1}", name=f"Nhóm {g + 1}", order=g)
            for g in range(groups)
        )
        items = []
        for c in range(criteria):
            target = c < 3
            items.append(
                ScoreItem(
                    sheet=sheet,
                    parent=heads[c // per_group],
                    kind=K.CRITERION,
                    code=f"{c // per_group + 1}.{c % per_group + 1}",
                    name=f"Tiêu chí {c + 1}",
                    max_score=Decimal(5),
                    order=100 + c,
                    formula=F.PROPORTIONAL if target else F.MANUAL,
                    target=Decimal((80, 60, 30)[c]) if target else None,
                    higher_is_better=c != 2,
                    measure="%" if target else "",
                )
            )
        ScoreItem.objects.bulk_create(items)
        top = Decimal(criteria * 5)
        GradeRule.objects.bulk_create(
            GradeRule(sheet=sheet, grade=g, order=i, min_score=top * share, targets=t, cap=cap)
            for i, (g, share, t, cap) in enumerate(
                [
                    ("A", Decimal("0.9"), GradeRule.Targets.ALL_MET, 3),
                    ("B", Decimal("0.8"), GradeRule.Targets.NEAR_MISS, None),
                    ("C", Decimal("0.6"), GradeRule.Targets.ANY, None),
                    ("D", Decimal(0), GradeRule.Targets.ANY, None),
                ]
            )
        )
        sheet.criteria = items
        return sheet

    def seed_rounds(self, provinces, offices, criteria: int) -> list[ScoringRound]:
        sheets = {
            AgencyType.THADS_PROVINCE: self.seed_sheet(AgencyType.THADS_PROVINCE, criteria),
            AgencyType.THADS_LOCAL: self.seed_sheet(AgencyType.THADS_LOCAL, criteria),
        }
        groupings = [
            (f"Khu vực thi đua số {z + 1}", Cluster.Kind.ZONE, provinces[z::ZONES])
            for z in range(ZONES)
        ]
        by_province = {p.pk: [] for p in provinces}
        for office in offices:
            by_province[office.parent_id].append(office)
        groupings += [
            (f"Khối thi đua các Phòng THADS tỉnh số {i + 1}", Cluster.Kind.BLOCK, by_province[p.pk])
            for i, p in enumerate(provinces)
        ]
        clusters = Cluster.objects.bulk_create(
            Cluster(name=name, kind=kind, search_key=name.lower()) for name, kind, _m in groupings
        )
        ClusterMembership.objects.bulk_create(
            (
                ClusterMembership(
                    cluster=cluster, unit=unit, year=YEAR, role="leader" if i == 0 else "member"
                )
                for cluster, (_n, _k, members) in zip(clusters, groupings, strict=True)
                for i, unit in enumerate(members)
            ),
            batch_size=2000,
        )
        rounds = ScoringRound.objects.bulk_create(
            ScoringRound(
                cluster=cluster,
                sheet=sheets[members[0].agency_type],
                year=YEAR,
                kind=ScoringRound.Kind.YEAR_END,
                status=ScoringRound.Status.FINALISED,
            )
            for cluster, (_n, _k, members) in zip(clusters, groupings, strict=True)
        )
        cards = Scorecard.objects.bulk_create(
            (
                Scorecard(round=r, unit=unit, status=Scorecard.Status.REVIEWED)
                for r, (_n, _k, members) in zip(rounds, groupings, strict=True)
                for unit in members
            ),
            batch_size=2000,
        )
        rng = self.rng
        entries = []
        for card in cards:
            for item in sheets[card.unit.agency_type].criteria:
                entry = ScoreEntry(scorecard=card, item=item)
                if item.is_target:
                    entry.actual = Decimal(rng.randint(20, 100))
                    entry.self_score = formula_score(item, entry.actual)
                else:
                    entry.self_score = Decimal(rng.choice((3, 3.5, 4, 4.5, 5)))
                entry.agreed = max(entry.self_score - Decimal(rng.choice((0, 0, 0, 0.5))), 0)
                entries.append(entry)
        ScoreEntry.objects.bulk_create(entries, batch_size=5000)
        return rounds

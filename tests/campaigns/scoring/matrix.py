"""Objects of THADS Lào Cai for the access matrix (tests/thidua/test_access_matrix.py).

A grouping led by THADS Lào Cai this year, with one of Lào Cai's regional offices as a
member; a published sheet, a year-end round, the office's scorecard sent for review with
an evidence file, and an award suggestion. Each call builds a fresh set.
"""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from campaigns.models import AwardSuggestion, Scorecard, ScoreEntry, ScoringRound
from tests.campaigns.scoring.helpers import build_sheet
from tests.factories import AwardFactory, ClusterFactory, ClusterMembershipFactory, UnitFactory
from units.models import AgencyType


def _objects(sector):
    year = timezone.localdate().year
    office = UnitFactory(
        name="Phòng Thi hành án dân sự khu vực 2 – Lào Cai",
        parent=sector.thads_lao_cai,
        agency_type=AgencyType.THADS_PROVINCE,
    )
    cluster = ClusterFactory()
    ClusterMembershipFactory(cluster=cluster, unit=sector.thads_lao_cai, year=year, role="leader")
    ClusterMembershipFactory(cluster=cluster, unit=office, year=year)
    sheet = build_sheet(year=year, cluster=cluster)
    scoring_round = ScoringRound.objects.create(
        cluster=cluster, sheet=sheet, year=year, kind=ScoringRound.Kind.YEAR_END
    )
    card = Scorecard.objects.create(
        round=scoring_round, unit=office, status=Scorecard.Status.SUBMITTED
    )
    entry = ScoreEntry(
        scorecard=card, item=sheet.by_code["2.1"], self_score=Decimal(35), attachment_name="bb.pdf"
    )
    entry.attachment.save("bench.pdf", ContentFile(b"%PDF-1.4 minh chung"), save=False)
    entry.save()
    suggestion = AwardSuggestion.objects.create(
        round=scoring_round, unit=office, award=AwardFactory(), place=1, total=Decimal(35)
    )
    return scoring_round, office, entry, suggestion


def sheet(sector):
    return {"pk": _objects(sector)[0].sheet_id}


def scoring_round(sector):
    return {"pk": _objects(sector)[0].pk}


def scorecard(sector):
    scoring_round, office, _entry, _suggestion = _objects(sector)
    return {"pk": scoring_round.pk, "unit_pk": office.pk}


def entry(sector):
    return {"pk": _objects(sector)[2].pk}


def suggestion(sector):
    return {"pk": _objects(sector)[3].pk}


def cluster(sector):
    return {"pk": _objects(sector)[0].cluster_id}

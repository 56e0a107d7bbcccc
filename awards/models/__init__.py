"""awards models, one module per concern; everything is importable from ``awards.models``.

The catalogue (authorities, awards, rules, legal documents) is ``awards.catalogue.models``.
"""

from awards.models.council import (
    AgendaItem,
    Ballot,
    Council,
    CouncilMember,
    CouncilSession,
    PublicNotice,
)
from awards.models.decisions import DECISION_LOCKED, Conferment, Decision, Notification
from awards.models.documents import IssuerProfile, SignerAuthority
from awards.models.fund import Fund, FundAllocation, FundEntry
from awards.models.history import HistoryImport
from awards.models.jobs import GeneratedFile, Job
from awards.models.proposals import DossierFile, Nominee, Proposal, dossier_upload_to
from awards.models.signing import SignedDocument

__all__ = [
    "DECISION_LOCKED",
    "AgendaItem",
    "Ballot",
    "Conferment",
    "Council",
    "CouncilMember",
    "CouncilSession",
    "Decision",
    "DossierFile",
    "Fund",
    "FundAllocation",
    "FundEntry",
    "GeneratedFile",
    "HistoryImport",
    "IssuerProfile",
    "Job",
    "Nominee",
    "Notification",
    "Proposal",
    "PublicNotice",
    "SignedDocument",
    "SignerAuthority",
    "dossier_upload_to",
]

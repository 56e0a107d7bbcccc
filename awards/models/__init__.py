"""awards models, one module per concern; everything is importable from ``awards.models``."""

from awards.models.catalogue import (
    PERCENT,
    Authority,
    Award,
    AwardRule,
    LegalDocument,
    RulePrerequisite,
)
from awards.models.council import (
    AgendaItem,
    Ballot,
    Council,
    CouncilMember,
    CouncilSession,
    PublicNotice,
)
from awards.models.decisions import DECISION_LOCKED, Conferment, Decision, Notification
from awards.models.jobs import GeneratedFile, Job
from awards.models.proposals import DossierFile, Nominee, Proposal, dossier_upload_to

__all__ = [
    "DECISION_LOCKED",
    "PERCENT",
    "AgendaItem",
    "Authority",
    "Award",
    "AwardRule",
    "Ballot",
    "Conferment",
    "Council",
    "CouncilMember",
    "CouncilSession",
    "Decision",
    "DossierFile",
    "GeneratedFile",
    "Job",
    "LegalDocument",
    "Nominee",
    "Notification",
    "Proposal",
    "PublicNotice",
    "RulePrerequisite",
    "dossier_upload_to",
]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self):
        from awards.models import CouncilSession, Decision, Proposal  # noqa: PLC0415 - models load once the app registry is ready
        from awards.services import (  # noqa: PLC0415 - models load once the app registry is ready
            scoring_notices,
        )
        from awards.services.verdicts import (  # noqa: PLC0415 - models load once the app registry is ready
            connect_signals,
        )
        from awards.workflow import (  # noqa: PLC0415 - models load once the app registry is ready
            ACTION_LABELS,
            DECISION_WORKFLOW,
            PROPOSAL_WORKFLOW,
            SESSION_WORKFLOW,
        )
        from thidua.core import audit  # noqa: PLC0415 - models load once the app registry is ready

        audit.describe(Proposal, workflow=PROPOSAL_WORKFLOW, actions=ACTION_LABELS)
        audit.describe(CouncilSession, workflow=SESSION_WORKFLOW, actions=ACTION_LABELS)
        audit.describe(Decision, workflow=DECISION_WORKFLOW, actions=ACTION_LABELS)
        connect_signals()
        scoring_notices.connect_signals()
        from awards.services.registrations import (  # noqa: PLC0415 - models load once the app registry is ready
            on_registration_reviewed,
        )
        from campaigns.signals import registration_reviewed  # noqa: PLC0415 - as above

        registration_reviewed.connect(on_registration_reviewed, dispatch_uid="awards-notify")

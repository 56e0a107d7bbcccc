from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Phong trào thi đua")

    def ready(self):
        from campaigns.models import Campaign, Registration, ScoringRound  # noqa: PLC0415 - models load once the app registry is ready
        from campaigns.scoring.workflow import ROUND_WORKFLOW  # noqa: PLC0415 - models load once the app registry is ready
        from campaigns.workflow import (  # noqa: PLC0415 - models load once the app registry is ready
            CAMPAIGN_WORKFLOW,
            REGISTRATION_ACTIONS,
            REGISTRATION_WORKFLOW,
        )
        from thidua.core import audit  # noqa: PLC0415 - models load once the app registry is ready

        audit.describe(Registration, workflow=REGISTRATION_WORKFLOW, actions=REGISTRATION_ACTIONS)
        audit.describe(Campaign, workflow=CAMPAIGN_WORKFLOW)
        audit.describe(
            ScoringRound,
            workflow=ROUND_WORKFLOW,
            actions={"conference": _("Ghi hội nghị tổng kết")},
        )

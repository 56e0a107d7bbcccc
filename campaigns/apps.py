from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Phong trào thi đua")

    def ready(self):
        from campaigns.models import Campaign, Registration
        from campaigns.workflow import (
            CAMPAIGN_WORKFLOW,
            REGISTRATION_ACTIONS,
            REGISTRATION_WORKFLOW,
        )
        from thidua.core import audit

        audit.describe(Registration, workflow=REGISTRATION_WORKFLOW, actions=REGISTRATION_ACTIONS)
        audit.describe(Campaign, workflow=CAMPAIGN_WORKFLOW)

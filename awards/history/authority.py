"""Who may confer an award, as the history import checks it: one small function, so that
the check follows the catalogue when rule versions name their conferring authorities."""

import datetime

from django.utils.translation import gettext as _

from awards.catalogue.models import Authority, Award


def conferring_refusal(*, award: Award, authority: Authority, day: datetime.date) -> str:
    """Why ``authority`` cannot confer ``award`` on ``day`` ("" when it can).

    The catalogue in this tree names one authority per award (``Award.authority``); the
    rule versions do not list conferring authorities yet, so ``day`` is not used. When
    ``AwardRule`` gains them, read ``award.rule_on(day)`` here (in bulk for imports).
    """
    if award.authority_id == authority.pk:
        return ""
    return _(
        "%(authority)s không có thẩm quyền tặng “%(award)s” (thuộc thẩm quyền của "
        "%(owner)s); kiểm tra cấp khen thưởng hoặc mã danh hiệu."
    ) % {"authority": authority.name, "award": award.name, "owner": award.authority.name}

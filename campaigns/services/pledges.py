"""A grouping's yearly pledge (giao ước thi đua) and its members' signatures."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Pledge, PledgeSignature
from campaigns.scope import led_memberships
from thidua.core import audit
from units.access import has_role, is_admin
from units.models import Cluster, ClusterMembership, Unit, UnitRole

FIELDS = ("title", "content", "commitments", "place", "signing_date", "campaign")


def can_edit_pledge(user, cluster: Cluster, year: int) -> bool:
    """Admins, and leaders of the grouping's leader unit that year, write its pledge."""
    return is_admin(user) or led_memberships(user, [year]).filter(cluster=cluster).exists()


@transaction.atomic
def pledge_create(*, by, cluster: Cluster, year: int, **fields) -> Pledge:
    if not can_edit_pledge(by, cluster, year):
        raise ValidationError(
            _(
                "Chỉ quản trị viên hoặc lãnh đạo đơn vị Trưởng %(cluster)s năm %(year)s mới "
                "soạn được giao ước."
            )
            % {"cluster": cluster, "year": year},
            code="role",
        )
    pledge = Pledge(cluster=cluster, year=year, created_by=by)
    _save(pledge, fields)
    audit.record(obj=pledge, by=by, action="create")
    return pledge


@transaction.atomic
def pledge_update(*, by, pledge: Pledge, **fields) -> Pledge:
    """Edit the text; refused once a member has signed (they signed that text)."""
    if not can_edit_pledge(by, pledge.cluster, pledge.year):
        raise ValidationError(_("Bạn không có quyền sửa giao ước này."), code="role")
    if pledge.signatures.exists():
        raise ValidationError(
            _("Giao ước đã có đơn vị ký nên không sửa được nội dung."), code="signed"
        )
    _save(pledge, fields)
    audit.record(obj=pledge, by=by, action="update")
    return pledge


def _save(pledge: Pledge, fields: dict) -> None:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown pledge fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(pledge, name, value)
    pledge.full_clean(exclude=["created_by"])
    if pledge.campaign and pledge.year not in pledge.campaign.years:
        raise ValidationError(
            {"campaign": _("Phong trào không diễn ra trong năm %(year)s.") % {"year": pledge.year}}
        )
    pledge.save()


@transaction.atomic
def pledge_sign(
    *,
    by,
    pledge: Pledge,
    unit: Unit,
    signer_name: str = "",
    signer_position: str = "",
    signed_on: datetime.date | None = None,
) -> PledgeSignature:
    """Sign for a member unit: its leader signs in the app, or an admin records the signature.

    The signer's name defaults to the actor's; the day to today, and cannot be in the future.
    """
    today = timezone.localdate()
    signed_on = signed_on or today
    member = ClusterMembership.objects.filter(
        cluster=pledge.cluster_id, year=pledge.year, unit=unit
    ).exists()
    if not member:
        raise ValidationError(
            _("%(unit)s không phải thành viên %(cluster)s năm %(year)s.")
            % {"unit": unit, "cluster": pledge.cluster, "year": pledge.year},
            code="member",
        )
    if not has_role(by, unit, UnitRole.Role.LEADER):
        raise ValidationError(
            _("Chỉ lãnh đạo %(unit)s (hoặc quản trị viên) mới ký được giao ước.") % {"unit": unit},
            code="role",
        )
    if signed_on > today:
        raise ValidationError({"signed_on": _("Ngày ký không được sau hôm nay.")})
    recorded = is_admin(by)
    signer_name = (signer_name or "").strip() or by.get_full_name() or by.get_username()
    signature = PledgeSignature(
        pledge=pledge,
        unit=unit,
        signed_on=signed_on,
        signer_name=signer_name,
        signer_position=(signer_position or "").strip(),
        signed_by=None if recorded else by,
        recorded_by=by,
    )
    try:
        with transaction.atomic():
            signature.save()
    except IntegrityError:
        raise ValidationError(
            _("%(unit)s đã ký giao ước này.") % {"unit": unit}, code="signed"
        ) from None
    audit.record(
        obj=pledge,
        by=by,
        action="record_signature" if recorded else "sign",
        comment=f"{unit}: {signer_name}, {signed_on:%d/%m/%Y}",
        unit=unit,
    )
    return signature

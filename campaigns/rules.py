"""Why a campaign refuses registrations now, in words a user can act on.

The registration pages show these reasons up front, and the services and the workflow
guard raise them, so the page and the refusal always say the same thing.

Decision: after the registration deadline, while the campaign is open, staff may still save
and edit drafts (to prepare, or in case the launching unit extends the deadline) and may
resubmit a registration a leader returned (it was first sent on time), but cannot send a
new one. Once the campaign is closed nothing is saved, edited or sent; leaders may still
accept or return what was sent, so nothing stays pending.
"""

import datetime

from django.utils.translation import gettext as _

from awards.catalogue.models import Award
from campaigns.models import Campaign


def editing_refusal(campaign: Campaign) -> str:
    """Why drafts cannot be saved or edited in this campaign ("" when they can)."""
    if campaign.status == Campaign.Status.DRAFT:
        return _("Phong trào chưa được phát động nên chưa thể đăng ký.")
    if campaign.status == Campaign.Status.CLOSED:
        return _("Phong trào đã đóng: không thể đăng ký mới, sửa hay gửi đăng ký nữa.")
    return ""


def submission_refusal(
    campaign: Campaign,
    today: datetime.date,
    *,
    resubmission: bool = False,
    late_allowed: bool = False,
) -> str:
    """Why a registration cannot be sent now ("" when it can). ``late_allowed``: an admin
    entering an earlier year sends past the deadline (the history says so)."""
    reason = editing_refusal(campaign)
    if reason:
        return reason
    if not resubmission and not late_allowed and campaign.deadline_passed(today):
        return _(
            "Đã quá hạn đăng ký (%(day)s): không thể gửi đăng ký mới. Bạn vẫn có thể lưu nháp; "
            "nếu được gia hạn, đơn vị phát động sẽ cập nhật hạn đăng ký."
        ) % {"day": f"{campaign.registration_deadline:%d/%m/%Y}"}
    return ""


def late_entry_note(campaign: Campaign, day: datetime.date, *, resubmission: bool = False) -> str:
    """What the history says of a line sent on ``day`` past the campaign's deadline (only
    admins may): "Nhập sau hạn …"; "" when it is in time or a resubmission."""
    if resubmission or not campaign.deadline_passed(day):
        return ""
    return _("Nhập sau hạn đăng ký (%(day)s).") % {
        "day": f"{campaign.registration_deadline:%d/%m/%Y}"
    }


def year_refusal(campaign: Campaign, year: int) -> str:
    if year not in campaign.years:
        return _("Năm %(year)s nằm ngoài thời gian của phong trào (%(first)s–%(last)s).") % {
            "year": year,
            "first": campaign.start_date.year,
            "last": campaign.end_date.year,
        }
    return ""


def title_conflict(*, who, award: Award, other: Award, year: int, where: str = "") -> str:
    """Why ``who`` cannot register the title ``award`` in ``year`` when it already has the
    title ``other`` ("" when it can): a unit registers one collective title a year, a person
    one individual title, and the higher includes the lower. Reward forms (Bằng khen …) may
    come with a title, so they never conflict here. ``where`` names another campaign."""
    if award.kind != Award.Kind.TITLE or other.kind != Award.Kind.TITLE or award.pk == other.pk:
        return ""
    values = {"who": who, "award": award, "other": other, "year": year, "where": where}
    if award.rank > other.rank:
        message = _(
            "%(who)s đã đăng ký danh hiệu “%(other)s” năm %(year)s%(where)s. Mỗi năm chỉ đăng "
            "ký một danh hiệu thi đua; “%(award)s” cao hơn và đã bao gồm “%(other)s”: hãy sửa "
            "đăng ký “%(other)s” thành “%(award)s”."
        )
    else:
        message = _(
            "%(who)s đã đăng ký danh hiệu “%(other)s” năm %(year)s%(where)s. Mỗi năm chỉ đăng "
            "ký một danh hiệu thi đua; “%(other)s” đã bao gồm “%(award)s”."
        )
    return message % values

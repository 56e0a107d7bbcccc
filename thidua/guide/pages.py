"""The guide's pages and which screen opens which page: the one place that maps them.

Every URL name the app serves is either in ``SCREENS`` (its page's "Hướng dẫn" link opens
that help page) or in ``UNMAPPED`` with the reason it has no page of its own;
tests/thidua/test_guide.py fails on a URL name in neither. A POST action is mapped to the page
of the screen it comes back to (a refused form is shown again under the action's URL name).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Page:
    slug: str  # the file docs/guide/<slug>.md and the URL /guide/<slug>/
    title: Promise


PAGES = (
    Page("home", _("Trang chủ, việc cần làm và thông báo")),
    Page("units", _("Đơn vị, cán bộ và tìm kiếm")),
    Page("campaigns", _("Phong trào thi đua và đăng ký danh hiệu")),
    Page("pledges", _("Khối/cụm thi đua và giao ước thi đua")),
    Page("scoring", _("Chấm điểm, xếp hạng")),
    Page("proposals", _("Đề nghị khen thưởng và hồ sơ")),
    Page("council", _("Hội đồng thi đua, khen thưởng và bỏ phiếu")),
    Page("decisions", _("Quyết định khen thưởng và ký số")),
    Page("history", _("Lịch sử khen thưởng, danh mục và điều kiện")),
    Page("fund", _("Quỹ thi đua, khen thưởng")),
    Page("reports", _("Báo cáo, thống kê và bảng điều khiển")),
    Page("certificates", _("In bằng khen, giấy khen")),
    Page("api", _("Kết nối hệ thống khác (API)")),
    Page("accounts", _("Tài khoản, vai trò và nhật ký")),
)
BY_SLUG = {page.slug: page for page in PAGES}


def _all(value: str, names: str) -> dict[str, str]:
    """Each of ``names`` (URL names separated by white space) mapped to ``value``."""
    return dict.fromkeys(names.split(), value)


SCREENS: dict[str, str] = {
    **_all("home", "home awards:notifications awards:notification_read guide:tour_dismiss"),
    **_all(
        "units",
        "units:tree units:detail units:people units:person units:search",
    ),
    **_all(
        "campaigns",
        """campaigns:list campaigns:create campaigns:detail campaigns:edit
        campaigns:transition campaigns:review campaigns:review_bulk
        campaigns:registration_quota campaigns:unit campaigns:unit_people campaigns:unit_submit
        campaigns:unit_drafts campaigns:unit_drafts_send campaigns:cluster_drafts
        campaigns:cluster_drafts_send campaigns:registration campaigns:registration_edit
        campaigns:registration_transition campaigns:registration_delete campaigns:import
        campaigns:import_preview campaigns:import_confirm campaigns:attachment_upload
        campaigns:attachment_remove""",
    ),
    **_all(
        "pledges",
        """units:clusters units:cluster campaigns:pledges campaigns:pledge_create
        campaigns:pledge campaigns:pledge_edit campaigns:pledge_sign campaigns:pledge_print
        units:cluster_attachment_upload units:cluster_attachment_remove""",
    ),
    **_all(
        "scoring",
        """campaigns:scoring_home campaigns:scoring_sheets campaigns:scoring_sheet_create
        campaigns:scoring_sheet campaigns:scoring_sheet_edit campaigns:scoring_sheet_transition
        campaigns:scoring_round_create campaigns:scoring_round
        campaigns:scoring_round_transition campaigns:scoring_round_review
        campaigns:scoring_conference campaigns:scoring_scorecard
        campaigns:scoring_scorecard_review campaigns:scoring_scorecard_transition
        campaigns:scoring_suggestion_decide campaigns:scoring_trend""",
    ),
    **_all(
        "proposals",
        """awards:proposals awards:proposal_create awards:proposal_detail awards:proposal_edit
        awards:proposal_transition awards:proposal_forward_up awards:proposal_recheck
        awards:nominee_add awards:nominee_edit awards:nominee_remove awards:nominee_override
        awards:nominee_recheck awards:dossier_upload awards:dossier_remove
        campaigns:proposal_registrations awards:desk awards:desk_assign""",
    ),
    **_all(
        "council",
        """awards:sessions awards:session_create awards:session_detail
        awards:session_agenda_add awards:session_agenda_remove awards:session_transition
        awards:session_vote awards:session_dossier awards:public_notice_start
        awards:session_attachment_upload awards:session_attachment_remove""",
    ),
    **_all(
        "decisions",
        """awards:decisions awards:decision_create awards:decision_detail awards:decision_issue
        awards:decision_correct awards:decision_signed_upload awards:decision_attachment_upload
        awards:decision_attachment_remove awards:decision_publish public_awards""",
    ),
    **_all(
        "fund",
        "awards:funds awards:fund_open awards:fund_ledger awards:fund_allocation_add",
    ),
    **_all(
        "history",
        """awards:history_import awards:history_preview awards:history_confirm
        awards:person_history awards:unit_history awards:catalogue awards:award
        awards:legal_documents""",
    ),
    **_all("reports", "dashboard reports:index reports:statistics campaign_statistics"),
    **_all(
        "certificates",
        """certificates:decision certificates:decision_print certificates:print_job
        certificates:register certificates:templates certificates:template_create
        certificates:template_edit certificates:template_delete certificates:template_preview
        certificates:template_placements certificates:template_background
        certificates:document_templates certificates:document_template_create
        certificates:document_template_edit certificates:document_template_delete
        certificates:document_template_preview""",
    ),
    **_all("api", "api_tokens:list api_tokens:revoke"),
    **_all(
        "accounts",
        """login password_change notification_preferences password_reset password_reset_done
        password_reset_confirm password_reset_complete audit_log""",
    ),
}

FILE = "a file (PDF, Excel, an upload), never a screen with the menu"
JSON = "the API answers JSON to other systems; its tokens page is mapped"
GUIDE = "the guide itself: its link opens the guide's index"
UNMAPPED: dict[str, str] = {
    **_all(
        FILE,
        """campaigns:export campaigns:import_template campaigns:pledge_pdf
        campaigns:scoring_attachment campaigns:scoring_round_review_excel
        campaigns:scoring_round_review_pdf awards:proposal_export awards:dossier_file
        awards:session_file awards:decision_pdf awards:decision_signed_file
        awards:history_template reports:summary_pdf reports:excel reports:export
        reports:progress reports:download certificates:print_download
        certificates:register_export certificates:session_minutes
        certificates:session_public_notice certificates:template_pdf
        certificates:template_calibration campaigns:attachment units:cluster_attachment
        awards:session_attachment awards:decision_attachment awards:decision_signed_annex
        awards:fund_export certificates:submission_pdf certificates:submission_docx
        certificates:decision_draft_pdf certificates:decision_draft_docx
        certificates:document_template_pdf""",
    ),
    **_all(
        JSON,
        """api_v1:api-root api_v1:openapi-json api_v1:units api_v1:unit api_v1:unit_history
        api_v1:people api_v1:person api_v1:person_history api_v1:awards api_v1:award
        api_v1:decisions api_v1:decision api_v1:conferments api_v1:eligibility
        api_v1:cadre_database api_v1:unsynchronised""",
    ),
    **dict.fromkeys(("guide:index", "guide:page"), GUIDE),
}


def page_for(view_name: str | None) -> Page | None:
    """The help page of the screen served under ``view_name``; None for the guide's index."""
    slug = SCREENS.get(view_name or "")
    return BY_SLUG[slug] if slug else None

"""Input of the scoring pages: sheets and their tree, rounds, self-scores and reviews.

Forms only parse; the rules (ranges, roles, states, balance) are the services', whose
errors ``campaigns.forms.attach_errors`` puts back on the form. Numbers take a decimal
comma ("8,5") as users write them.
"""

from decimal import Decimal

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from awards.catalogue.choices import AwardChoiceField, award_label
from awards.catalogue.models import Award
from campaigns.forms import BootstrapMixin, date_field
from campaigns.models import CampaignTarget, GradeRule, ScoreItem, ScoreSheet, ScoringRound
from campaigns.scoring.services.scores import ReviewRow, SelfRow
from campaigns.scoring.services.sheets import ItemRow, PlaceRow, RuleRow
from campaigns.scoring.services.uploads import EVIDENCE_ACCEPT, held_evidence
from thidua.core.choices import EMPTY_CHOICE, with_empty
from thidua.core.forms import MAX_YEAR, MIN_YEAR, FormSet
from thidua.core.text import NOTE_MAX
from units.choices import ClusterChoiceField
from units.models import AgencyType

BAD_NUMBER = {
    "invalid": _("Hãy nhập một số, ví dụ 8,5."),
    "max_digits": _("Số quá lớn."),
    "max_decimal_places": _("Chỉ nhập tối đa 2 chữ số thập phân."),
    "max_whole_digits": _("Số quá lớn."),
}
BAD_YEAR = {
    "invalid": _("Năm không hợp lệ; hãy nhập 4 chữ số, ví dụ 2026."),
    "min_value": _("Năm không hợp lệ; hãy nhập 4 chữ số, ví dụ 2026."),
    "max_value": _("Năm không hợp lệ; hãy nhập 4 chữ số, ví dụ 2026."),
}


def number(label, *, required=False, digits=7, css="scoring-number", attrs=None, **kwargs):
    widget_attrs = {"class": f"form-control form-control-sm {css}", "inputmode": "decimal"}
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=digits,
        decimal_places=2,
        localize=True,
        error_messages=BAD_NUMBER,
        widget=forms.TextInput(attrs={**widget_attrs, **(attrs or {})}),
        **kwargs,
    )


def score_attrs(item) -> dict:
    """What the page script needs to add up the sheet and flag a score above the maximum.

    A penalty is entered as the positive number of points deducted (the page shows a
    minus before the box); a "−2" typed there means the same 2 points, so the script,
    the forms (``points``) and the stored value agree."""
    if item.kind == ScoreItem.Kind.PENALTY:
        return {
            "data-max": f"{item.max_score or 0}",
            "data-sign": "-1",
            "aria-describedby": f"penalty-hint-{item.pk}",
        }
    return {"data-max": f"{item.max_score or 0}", "data-sign": "1"}


def points(item, value: Decimal | None) -> Decimal | None:
    """The score as stored: a penalty's deduction is kept positive, whatever sign was typed."""
    if value is not None and item.kind == ScoreItem.Kind.PENALTY:
        return abs(value)
    return value


def year_field(label):
    return forms.IntegerField(
        label=label, min_value=MIN_YEAR, max_value=MAX_YEAR, error_messages=BAD_YEAR
    )


# --- Sheets --------------------------------------------------------------------------------


class SheetForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Tên bảng chấm điểm"), max_length=255)
    year = year_field(_("Năm"))
    cluster = ClusterChoiceField(
        label=_("Khối/cụm thi đua"),
        queryset=None,
        required=False,
        help_text=_("Để trống nếu bảng áp dụng cho toàn ngành."),
    )
    agency_type = forms.ChoiceField(
        label=_("Loại cơ quan được chấm"),
        required=False,
        choices=with_empty(AgencyType.choices),
        help_text=_("Để trống: mọi loại cơ quan."),
    )
    campaign = forms.ModelChoiceField(
        label=_("Phong trào"),
        queryset=None,
        required=False,
        help_text=_("Để trống nếu bảng không gắn với phong trào nào."),
    )
    total = number(_("Tổng điểm"), required=True, css="")
    tie_rule = forms.ChoiceField(
        label=_("Khi đồng hạng"),
        choices=ScoreSheet.TieRule.choices,
        initial=ScoreSheet.TieRule.CONFERENCE,
        required=False,
    )
    tie_group = forms.CharField(
        label=_("Nhóm tiêu chí phân định đồng hạng (mã)"),
        max_length=20,
        required=False,
        help_text=_("Ví dụ I: đơn vị có tổng điểm nhóm I cao hơn xếp trên."),
    )
    visibility = forms.ChoiceField(
        label=_("Thành viên xem phiếu của nhau"),
        choices=ScoreSheet.Visibility.choices,
        initial=ScoreSheet.Visibility.OWN,
        required=False,
    )
    proposer = forms.ChoiceField(
        label=_("Ai đề nghị khen thưởng theo kết quả"),
        choices=ScoreSheet.Proposer.choices,
        initial=ScoreSheet.Proposer.UNIT,
        required=False,
        help_text=_(
            "Trưởng khối đề nghị: các đề xuất được chấp nhận vào một đề nghị chung của khối."
        ),
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, clusters, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        self.fields["campaign"].queryset = campaigns

    def clean_tie_rule(self):
        return self.cleaned_data["tie_rule"] or ScoreSheet.TieRule.CONFERENCE

    def clean_tie_group(self):
        return self.cleaned_data["tie_group"].strip()

    def clean_visibility(self):
        return self.cleaned_data["visibility"] or ScoreSheet.Visibility.OWN

    def clean_proposer(self):
        return self.cleaned_data["proposer"] or ScoreSheet.Proposer.UNIT


class CopyForm(BootstrapMixin, forms.Form):
    source = forms.ModelChoiceField(label=_("Sao chép từ bảng"), queryset=None)
    year = year_field(_("Cho năm"))

    def __init__(self, *args, sheets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sheets


class ItemForm(forms.Form):
    code = forms.CharField(label=_("Mã"), max_length=20)
    parent_code = forms.CharField(label=_("Thuộc nhóm"), max_length=20, required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=ScoreItem.Kind.choices)
    name = forms.CharField(label=_("Nội dung"), max_length=500)
    max_score = number(_("Điểm tối đa"))
    formula = forms.ChoiceField(label=_("Cách tính"), choices=ScoreItem.Formula.choices)
    target = number(_("Mức chỉ tiêu"), digits=14)
    higher_is_better = forms.BooleanField(label=_("Càng cao càng tốt"), required=False)
    measure = forms.CharField(label=_("Đơn vị tính"), max_length=30, required=False)
    campaign_target = forms.ModelChoiceField(
        label=_("Chỉ tiêu của phong trào"),
        queryset=CampaignTarget.objects.none(),
        required=False,
        empty_label=EMPTY_CHOICE,
    )

    def __init__(self, *args, targets=None, **kwargs):
        """``targets``: the sheet's campaign targets a target criterion may take its level
        and direction from."""
        super().__init__(*args, **kwargs)
        if targets is not None:
            self.fields["campaign_target"].queryset = targets
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select form-select-sm"
            elif name != "higher_is_better" and "class" not in field.widget.attrs:
                field.widget.attrs["class"] = "form-control form-control-sm"
        self.fields["higher_is_better"].widget.attrs["class"] = "form-check-input"
        self.fields["code"].widget.attrs["class"] += " scoring-code"
        self.fields["parent_code"].widget.attrs["class"] += " scoring-code"


class RuleForm(forms.Form):
    grade = forms.CharField(label=_("Loại"), max_length=5)
    label = forms.CharField(label=_("Tên gọi"), max_length=100, required=False)
    min_score = number(_("Điểm tối thiểu"), required=True)
    targets = forms.ChoiceField(label=_("Điều kiện chỉ tiêu"), choices=GradeRule.Targets.choices)
    near_miss_margin = number(_("Gần đạt: thiếu không quá"), digits=14)
    cap = forms.IntegerField(
        label=_("Số đơn vị tối đa"),
        required=False,
        min_value=0,
        max_value=10000,
        error_messages={"invalid": _("Hãy nhập một số nguyên.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", f"{css} {css}-sm")


class PlaceForm(forms.Form):
    first_place = forms.IntegerField(label=_("Từ hạng"), min_value=1, max_value=1000)
    last_place = forms.IntegerField(label=_("Đến hạng"), min_value=1, max_value=1000)
    award = AwardChoiceField(
        label=_("Đề xuất khen thưởng"),
        queryset=Award.objects.filter(subject=Award.Subject.COLLECTIVE, is_active=True),
        empty_label=EMPTY_CHOICE,
    )
    grades = forms.CharField(
        label=_("Chỉ với loại"),
        max_length=50,
        required=False,
        help_text=_("Ví dụ A; để trống là mọi loại."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", f"{css} {css}-sm")


# Bounded, so that a forged TOTAL_FORMS cannot make Django build 1,000 forms per request.
_BOUNDS = {"max_num": 300, "absolute_max": 300, "validate_max": True}
_BOUNDS = {**_BOUNDS, "formset": FormSet}
ItemFormSet = formset_factory(ItemForm, extra=0, can_delete=True, **_BOUNDS)
RuleFormSet = formset_factory(RuleForm, extra=0, can_delete=True, **_BOUNDS)
PlaceFormSet = formset_factory(PlaceForm, extra=0, can_delete=True, **_BOUNDS)


# --- Rounds --------------------------------------------------------------------------------


class RoundForm(BootstrapMixin, forms.Form):
    cluster = ClusterChoiceField(label=_("Khối/cụm thi đua"), queryset=None)
    sheet = forms.ModelChoiceField(label=_("Bảng chấm điểm (đã ban hành)"), queryset=None)
    kind = forms.ChoiceField(label=_("Đợt"), choices=ScoringRound.Kind.choices)
    deadline = date_field(_("Hạn tự chấm"), required=False)
    panel = forms.ModelMultipleChoiceField(
        label=_("Tổ chấm điểm (thay đơn vị Trưởng khối thẩm định)"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, clusters, sheets, panel_users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        self.fields["sheet"].queryset = sheets
        if panel_users is None:
            del self.fields["panel"]
        else:
            self.fields["panel"].queryset = panel_users


class RoundFilterForm(forms.Form):
    year = forms.IntegerField(
        required=False, min_value=MIN_YEAR, max_value=MAX_YEAR, error_messages=BAD_YEAR
    )
    kind = forms.ChoiceField(
        required=False,
        choices=[("", _("Tất cả")), *ScoringRound.Kind.choices],
        error_messages={"invalid_choice": _("Đợt không hợp lệ.")},
    )


class TrendFilterForm(forms.Form):
    kind = forms.ChoiceField(
        required=False,
        choices=ScoringRound.Kind.choices,
        error_messages={"invalid_choice": _("Đợt không hợp lệ.")},
    )


# --- Scores --------------------------------------------------------------------------------


class SelfScoreForm(forms.Form):
    """One set of fields per scored item: ``score_<id>`` (or ``actual_<id>`` for a target),
    ``evidence_<id>``, ``file_<id>``, ``held_<id>`` (the token of a file kept from a page
    that came back with an error, ``services.uploads.hold_evidence``), ``remove_<id>``."""

    def __init__(self, *args, items, scoring_round=None, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scoring_round, self.unit = scoring_round, unit
        self.items = [i for i in items if i.is_scored]
        for item in self.items:
            if item.is_target:
                self.fields[f"actual_{item.pk}"] = number(
                    _("Số liệu thực hiện"), digits=14, css="scoring-actual"
                )
            else:
                self.fields[f"score_{item.pk}"] = number(
                    _("Điểm tự chấm"), css="scoring-score", attrs=score_attrs(item)
                )
            self.fields[f"evidence_{item.pk}"] = forms.CharField(
                label=_("Giải trình, minh chứng"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control form-control-sm"}),
            )
            self.fields[f"file_{item.pk}"] = forms.FileField(
                label=_("Tệp minh chứng"),
                required=False,
                widget=forms.FileInput(
                    attrs={
                        "class": "form-control form-control-sm",
                        "accept": EVIDENCE_ACCEPT,
                    }
                ),
            )
            self.fields[f"held_{item.pk}"] = forms.CharField(
                required=False, max_length=1000, widget=forms.HiddenInput
            )
            self.fields[f"remove_{item.pk}"] = forms.BooleanField(
                label=_("Xóa tệp"), required=False
            )

    def bound(self, item) -> dict:
        names = ("actual", "score", "evidence", "file", "held", "remove")
        return {n: self[f"{n}_{item.pk}"] for n in names if f"{n}_{item.pk}" in self.fields}

    def _attachment(self, item):
        """A newly chosen file, else the one held from the last page with an error."""
        data = self.cleaned_data
        chosen = data.get(f"file_{item.pk}")
        if chosen:
            return chosen
        if data.get(f"remove_{item.pk}") or self.scoring_round is None:
            return None
        return held_evidence(
            data.get(f"held_{item.pk}", ""), scoring_round=self.scoring_round, unit=self.unit
        )

    def rows(self) -> list[SelfRow]:
        data = self.cleaned_data
        return [
            SelfRow(
                item=item,
                score=points(item, data.get(f"score_{item.pk}")),
                actual=data.get(f"actual_{item.pk}"),
                evidence=data.get(f"evidence_{item.pk}", ""),
                attachment=self._attachment(item),
                remove_attachment=data.get(f"remove_{item.pk}", False),
            )
            for item in self.items
        ]


class ReviewForm(forms.Form):
    """``agreed_<id>`` (or ``agreed_actual_<id>`` for a target) and ``comment_<id>``."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = [i for i in items if i.is_scored]
        for item in self.items:
            if item.is_target:
                self.fields[f"agreed_actual_{item.pk}"] = number(
                    _("Số liệu thẩm định"), digits=14, css="scoring-actual"
                )
            else:
                self.fields[f"agreed_{item.pk}"] = number(
                    _("Điểm thẩm định"), css="scoring-score", attrs=score_attrs(item)
                )
            self.fields[f"comment_{item.pk}"] = forms.CharField(
                label=_("Ý kiến"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control form-control-sm"}),
            )

    def bound(self, item) -> dict:
        names = ("agreed_actual", "agreed", "comment")
        return {n: self[f"{n}_{item.pk}"] for n in names if f"{n}_{item.pk}" in self.fields}

    def rows(self) -> list[ReviewRow]:
        data = self.cleaned_data
        return [
            ReviewRow(
                item=item,
                agreed=points(item, data.get(f"agreed_{item.pk}")),
                agreed_actual=data.get(f"agreed_actual_{item.pk}"),
                comment=data.get(f"comment_{item.pk}", ""),
            )
            for item in self.items
        ]


def place_item_errors(form: forms.Form, error) -> None:
    """Put a scores service's errors (keyed by item id) on that item's first field."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, messages in error.message_dict.items():
        names = [n for n in form.fields if key.isdigit() and n.rsplit("_", 1)[-1] == key]
        form.add_error(names[0] if names else None, messages)


def sheet_rows(items, rules, places) -> tuple[list, list, list, list]:
    """Service rows from the three valid formsets, and the form each row came from
    (in the services' order: items, rules, places), to put row errors back."""
    item_forms = _kept(items)
    rule_forms = _kept(rules)
    place_forms = _kept(places)
    item_rows = [
        ItemRow(**{k: v for k, v in f.cleaned_data.items() if k != "DELETE"}) for f in item_forms
    ]
    for row in item_rows:
        row.parent_code = (row.parent_code or "").strip()
        row.code = row.code.strip()
    rule_rows = [
        RuleRow(
            **{
                **{k: v for k, v in f.cleaned_data.items() if k != "DELETE"},
                "near_miss_margin": f.cleaned_data.get("near_miss_margin") or Decimal(0),
            }
        )
        for f in rule_forms
    ]
    place_rows = [
        PlaceRow(**{k: v for k, v in f.cleaned_data.items() if k != "DELETE"}) for f in place_forms
    ]
    forms_by_key = {
        **{f"items-{i}": f for i, f in enumerate(item_forms)},
        **{f"rules-{i}": f for i, f in enumerate(rule_forms)},
        **{f"places-{i}": f for i, f in enumerate(place_forms)},
    }
    return item_rows, rule_rows, place_rows, forms_by_key


def _kept(formset) -> list:
    return [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


def place_sheet_errors(error, header_form, forms_by_key) -> None:
    """Row errors of ``sheet_save`` on their row, header errors on the header form."""
    if not hasattr(error, "error_dict"):
        header_form.add_error(None, error.messages)
        return
    for key, messages in error.message_dict.items():
        row_form = forms_by_key.get(key)
        if row_form is not None:
            row_form.add_error(None, messages)
        elif key in header_form.fields:
            header_form.add_error(key, messages)
        else:
            header_form.add_error(None, messages)


class DecideForm(forms.Form):
    transition = forms.CharField(max_length=20)
    comment = forms.CharField(required=False, max_length=2000)
    # An irreversible move (finalising a round) is taken only with this box ticked.
    confirm = forms.BooleanField(required=False)


class ConferenceForm(BootstrapMixin, forms.Form):
    held_on = date_field(_("Ngày họp"))
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    minutes = forms.CharField(
        label=_("Biên bản (tóm tắt)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    acclaimed = forms.ModelChoiceField(
        label=_("Đơn vị được suy tôn"),
        queryset=None,
        required=False,
        help_text=_("Để trống nếu hội nghị không suy tôn đơn vị nào."),
    )
    present = forms.IntegerField(
        label=_("Số đơn vị dự họp"), min_value=0, max_value=1000, initial=0
    )
    votes_for = forms.IntegerField(
        label=_("Số phiếu tán thành"), min_value=0, max_value=1000, initial=0
    )
    votes_against = forms.IntegerField(
        label=_("Số phiếu không tán thành"), min_value=0, max_value=1000, initial=0
    )

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["acclaimed"].queryset = suggestions
        self.fields["acclaimed"].label_from_instance = lambda s: (
            f"{s.unit} – {award_label(s.award)}"
        )

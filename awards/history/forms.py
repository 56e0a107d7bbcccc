"""The upload of a history workbook and the confirmation's one choice."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.forms import StyledForm
from awards.history.sheets import read_workbook
from thidua.core.forms import xlsx_file_field


class HistoryUploadForm(StyledForm):
    """``cleaned_data["file"]`` is the workbook read (``HistoryFile``); the upload itself is
    kept as ``self.upload`` so the confirmation can read it again."""

    file = xlsx_file_field(_("Tệp Excel lịch sử khen thưởng (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.filename = upload.name[:200]
        self.upload = upload
        return read_workbook(upload)


class HistoryConfirmForm(forms.Form):
    token = forms.CharField(max_length=64)
    create_missing = forms.BooleanField(label=_("Tạo mới cán bộ, cơ quan chưa có"), required=False)

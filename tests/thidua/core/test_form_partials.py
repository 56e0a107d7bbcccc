"""The shared form partials tie each error to its input (WCAG 1.3.1, 3.3.1)."""

import re

from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    name = forms.CharField(label="Họ và tên", help_text="Như trong hồ sơ cán bộ.")
    note = forms.CharField(label="Ghi chú", required=False)


def _ids(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


def test_a_field_error_is_the_inputs_description_and_marks_it_invalid():
    form = _Form(data={"name": ""})
    html = render_to_string("core/_field.html", {"field": form["name"]})
    tag = re.search(r"<input[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in tag
    described = re.search(r'aria-describedby="([^"]+)"', tag).group(1).split()
    assert described == ["id_name_helptext", "id_name_error"]
    assert set(described) <= _ids(html)
    error = re.search(
        r'<div class="invalid-feedback d-block" id="id_name_error"><div>(.+?)</div>', html
    )
    assert error and error.group(1) == str(form.fields["name"].error_messages["required"])


def test_a_valid_field_has_no_error_element():
    form = _Form(data={"name": "Nguyễn Văn An"})
    html = render_to_string("core/_field.html", {"field": form["name"]})
    assert "aria-invalid" not in html and "_error" not in html


def test_the_error_summary_takes_focus_and_links_to_each_wrong_field():
    form = _Form(data={"name": ""})
    form.add_error(None, "Đơn vị đã có đăng ký cho năm này.")
    html = render_to_string("core/_form_errors.html", {"form": form})
    assert 'role="alert"' in html and 'tabindex="-1"' in html and "data-error-summary" in html
    assert "Đơn vị đã có đăng ký cho năm này." in html
    assert '<a class="alert-link" href="#id_name">Họ và tên</a>' in html
    assert "#id_note" not in html


def test_no_summary_without_errors():
    assert render_to_string("core/_form_errors.html", {"form": _Form()}).strip() == ""


def test_each_formset_input_is_named_by_its_column_and_row():
    formset = forms.formset_factory(_Form, extra=2)(prefix="rows")
    html = render_to_string("core/_formset.html", {"formset": formset, "add_label": "Thêm"})
    assert '<label class="visually-hidden" for="id_rows-1-note">Ghi chú, dòng 2</label>' in html
    assert '<th scope="col">Họ và tên</th>' in html

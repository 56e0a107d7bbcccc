"""A user's own account: password change, password reset by email, notification choices.

The views are Django's own (django.contrib.auth.views) with Vietnamese templates; the reset
is rate-limited per client address and per email address, and its answer is the same
whether or not the address belongs to an account. Its email goes through the worker after
the request commits (thidua.core.mail), so not even the answer's timing tells.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core import mail, ratelimit
from thidua.core.models import NotificationPreference
from thidua.security import client_ip

HOUR = 3600
TOO_MANY = gettext_lazy(
    "Đã có quá nhiều yêu cầu đặt lại mật khẩu. Vui lòng thử lại sau một giờ hoặc liên hệ quản trị."
)


def _styled(form: forms.Form) -> forms.Form:
    for field in form.fields.values():
        checkbox = isinstance(field.widget, forms.CheckboxInput)
        field.widget.attrs["class"] = "form-check-input" if checkbox else "form-control"
    return form


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    """The user's own password: the current one, then the new one twice."""

    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")
    success_message = gettext_lazy("Đã đổi mật khẩu.")


class PasswordResetForm(auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)
        self.fields["email"].error_messages["invalid"] = _(
            "Địa chỉ email không hợp lệ (ví dụ đúng: ten.can.bo@moj.gov.vn)."
        )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Queue the email for the worker instead of sending it in the request."""
        subject = loader.render_to_string(subject_template_name, context)
        body = loader.render_to_string(email_template_name, context)
        mail.send_after_commit(
            subject=settings.EMAIL_SUBJECT_PREFIX + subject, body=body, to=[to_email]
        )


class PasswordResetView(auth_views.PasswordResetView):
    """ "Quên mật khẩu": an email with a one-time link, at most a few per hour."""

    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"

    def form_valid(self, form):
        address = form.cleaned_data["email"].strip().lower()
        by_ip = ratelimit.allow(
            f"reset-ip:{client_ip(self.request)}",
            limit=settings.PASSWORD_RESET_LIMIT_PER_IP,
            window=HOUR,
        )
        by_email = ratelimit.allow(
            f"reset-email:{address}", limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL, window=HOUR
        )
        if not (by_ip and by_email):
            form.add_error(None, TOO_MANY)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["email"]
        help_texts = {
            "email": gettext_lazy(
                "Thông báo của các đơn vị bạn là cán bộ hoặc lãnh đạo (đề nghị được chuyển, "
                "trả lại, đưa vào phiên họp, bỏ phiếu, quyết định khen thưởng…) được gửi tới "
                "địa chỉ email của tài khoản, ngoài thông báo trong hệ thống."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


@login_required
def notification_preferences(request: HttpRequest) -> HttpResponse:
    """ "Tùy chọn thông báo": email on or off (on until the user turns it off)."""
    preference = NotificationPreference.objects.filter(user=request.user).first()
    preference = preference or NotificationPreference(user=request.user)
    data = request.POST if request.method == "POST" else None
    form = PreferenceForm(data, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        if form.cleaned_data["email"]:
            messages.success(request, _("Đã lưu: bạn nhận thông báo qua email."))
        else:
            messages.success(request, _("Đã lưu: bạn không nhận thông báo qua email."))
        return redirect("notification_preferences")
    return render(
        request,
        "accounts/notification_preferences.html",
        {"form": form, "address": request.user.email},
    )

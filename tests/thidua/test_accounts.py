"""A user's own account: changing the password, resetting a forgotten one by email, and the
choice of notifications by email."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.thidua.helpers_accounts import IMMEDIATE, forget_counts, link_in
from thidua.core.models import NotificationPreference

NEW_PASSWORD = "Hoa-Sen-Vang-2027"
SENT = "Nếu địa chỉ email bạn nhập thuộc một tài khoản đang hoạt động"


@pytest.fixture(autouse=True)
def fresh_counts(settings):
    settings.TASKS = IMMEDIATE
    forget_counts()
    yield
    forget_counts()


def _text(response) -> str:
    return response.content.decode()


def _without_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", _text(response))


def test_the_user_menu_offers_the_password_and_the_notification_choices(login, staff_long_an):
    page = _text(login(staff_long_an).get(reverse("home")))
    assert f'href="{reverse("password_change")}"' in page
    assert f'href="{reverse("notification_preferences")}"' in page


def test_a_user_changes_their_own_password(login, staff_long_an):
    client = login(staff_long_an)
    assert "Đổi mật khẩu" in _text(client.get(reverse("password_change")))
    wrong = client.post(
        reverse("password_change"),
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200
    assert "Mật khẩu cũ không chính xác. Hãy nhập lại lần nữa" in _text(wrong)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Đã đổi mật khẩu." in _text(response)
    staff_long_an.refresh_from_db()
    assert staff_long_an.check_password(NEW_PASSWORD)
    # The session that changed it stays signed in.
    assert client.get(reverse("home")).status_code == 200


def test_the_password_pages_need_a_signed_in_user(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    response = client.get(reverse("notification_preferences"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_login_page_links_to_the_reset_and_offers_no_single_sign_on(client, db):
    page = _text(client.get(reverse("login")))
    assert f'href="{reverse("password_reset")}"' in page
    assert "SSO" not in page and "/oidc/" not in page


def test_a_forgotten_password_is_reset_through_the_emailed_link(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(username="can_bo", email="Can.Bo@stp.laocai.gov.vn")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("password_reset"), {"email": "can.bo@STP.laocai.gov.vn"}, follow=True
        )
    assert SENT in _text(response)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["Can.Bo@stp.laocai.gov.vn"]
    assert message.subject == "[Thi đua – Khen thưởng] Đặt lại mật khẩu"
    assert "Tên đăng nhập của bạn: can_bo" in message.body

    link = urlsplit(link_in(message)).path
    form = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in _text(form)
    set_url = form.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert done.redirect_chain[-1][0] == reverse("password_reset_complete")
    assert "Mật khẩu của bạn đã được thay đổi." in _text(done)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # The link works once.
    again = client.get(link, follow=True)
    assert "Liên kết đặt lại mật khẩu không còn dùng được" in _text(again)


def test_an_unknown_address_gets_the_same_answer_and_no_email(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(username="co_that", email="co.that@moj.gov.vn")
    answers = []
    for address in ("co.that@moj.gov.vn", "khong.co@moj.gov.vn"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("password_reset"), {"email": address})
        answers.append((response.status_code, response.url))
        answers.append(_without_tokens(client.get(response.url)))
    assert answers[0] == answers[2] == (302, reverse("password_reset_done"))
    assert answers[1] == answers[3]
    assert [m.to for m in mailoutbox] == [["co.that@moj.gov.vn"]]


def test_an_inactive_account_gets_no_email(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(username="nghi_huu", email="nghi.huu@moj.gov.vn", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "nghi.huu@moj.gov.vn"})
    assert response.url == reverse("password_reset_done")
    assert mailoutbox == []


TOO_MANY = (
    "Đã có quá nhiều yêu cầu đặt lại mật khẩu. Vui lòng thử lại sau một giờ hoặc liên hệ quản trị."
)


def test_resets_for_one_address_are_limited(
    client, db, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 2
    UserFactory(username="bi_lam_phien", email="phien@moj.gov.vn")
    statuses = []
    for address in ("phien@moj.gov.vn", "PHIEN@moj.gov.vn", "Phien@MOJ.gov.vn"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("password_reset"), {"email": address})
        statuses.append(response.status_code)
    assert statuses == [302, 302, 429]
    assert TOO_MANY in _text(response)
    assert len(mailoutbox) == 2
    # Another address from the same machine is still served.
    response = client.post(reverse("password_reset"), {"email": "khac@moj.gov.vn"})
    assert response.status_code == 302


def test_resets_from_one_client_address_are_limited(client, db, settings):
    settings.PASSWORD_RESET_LIMIT_PER_IP = 3
    statuses = [
        client.post(reverse("password_reset"), {"email": f"nguoi{i}@moj.gov.vn"}).status_code
        for i in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    other = client.post(
        reverse("password_reset"), {"email": "nguoi9@moj.gov.vn"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_a_bad_address_is_refused_with_a_message(client, db):
    response = client.post(reverse("password_reset"), {"email": "khong-phai-email"})
    assert response.status_code == 200
    assert "Địa chỉ email không hợp lệ (ví dụ đúng: ten.can.bo@moj.gov.vn)." in _text(response)
    assert 'value="khong-phai-email"' in _text(response)


def test_a_user_turns_email_notifications_off_and_on(login, staff_long_an):
    get_user_model().objects.filter(pk=staff_long_an.pk).update(email="an@moj.gov.vn")
    client = login(staff_long_an)
    page = _text(client.get(reverse("notification_preferences")))
    assert "Email của tài khoản: <strong>an@moj.gov.vn</strong>." in page
    assert 'name="email" class="form-check-input"' in page and "checked" in page

    response = client.post(reverse("notification_preferences"), {}, follow=True)
    assert "Đã lưu: bạn không nhận thông báo qua email." in _text(response)
    assert NotificationPreference.objects.get(user=staff_long_an).email is False

    response = client.post(reverse("notification_preferences"), {"email": "on"}, follow=True)
    assert "Đã lưu: bạn nhận thông báo qua email." in _text(response)
    assert NotificationPreference.objects.get(user=staff_long_an).email is True


def test_a_user_without_an_address_is_told_so(login, staff_long_an):
    page = _text(login(staff_long_an).get(reverse("notification_preferences")))
    assert "Tài khoản của bạn chưa có địa chỉ email" in page

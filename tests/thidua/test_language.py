from django.conf import settings
from django.urls import reverse


def test_an_english_browser_still_gets_the_vietnamese_interface(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert "Tên đăng nhập" in response.text


def test_the_language_switcher_choice_is_honoured(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("login"))
    assert response.headers["Content-Language"] == "en"
    assert "Username" in response.text

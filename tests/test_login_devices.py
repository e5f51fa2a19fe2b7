"""Login throttling with device cookies (OWASP): the brute-force limits hold for untrusted
clients, while an account's own trusted devices still log in (issue 12, item 14)."""

from __future__ import annotations

from heltidnett.auth.throttle import DEVICE_COOKIE
from tests.conftest import TEST_PASSWORD, AuthActions

WRONG = "feil-passord-her"


def _trusted_device(app, email):
    """A browser that has logged in to the account once (and logged out): it has the cookie."""
    device = app.test_client()
    actions = AuthActions(device)
    assert actions.login(email).status_code == 302
    actions.logout()
    return device, actions


def test_a_locked_out_account_still_logs_in_from_its_trusted_device(app, make_user):
    make_user("kari@example.org")
    device, kari = _trusted_device(app, "kari@example.org")
    attacker = AuthActions(app.test_client())
    for _ in range(5):
        assert attacker.login("kari@example.org", WRONG).status_code == 200
    assert attacker.login("kari@example.org", TEST_PASSWORD).status_code == 429
    assert kari.login("kari@example.org").status_code == 302
    assert device.get("/account").status_code == 200


def test_an_attacker_without_the_cookie_stays_locked(app, make_user):
    make_user("kari@example.org")
    _trusted_device(app, "kari@example.org")
    attacker_client = app.test_client()
    attacker = AuthActions(attacker_client)
    for _ in range(5):
        attacker.login("kari@example.org", WRONG)
    for password in (WRONG, TEST_PASSWORD):
        response = attacker.login("kari@example.org", password)
        assert response.status_code == 429
        assert "For mange forsøk" in response.get_data(as_text=True)
    assert attacker_client.get("/account").status_code == 302


def test_a_forged_or_foreign_device_cookie_is_untrusted(app, make_user):
    make_user("kari@example.org")
    make_user("ola@example.org")
    ola_device, _ola = _trusted_device(app, "ola@example.org")
    attacker_client = app.test_client()
    attacker = AuthActions(attacker_client)
    for _ in range(5):
        attacker.login("kari@example.org", WRONG)
    forged = ola_device.get_cookie(DEVICE_COOKIE, path="/login").value
    attacker_client.set_cookie(DEVICE_COOKIE, forged[:-2] + "xx", path="/login")
    assert attacker.login("kari@example.org").status_code == 429
    # Ola's own (valid) cookie is for Ola: it gives no trust for Kari's account.
    assert AuthActions(ola_device).login("kari@example.org").status_code == 429


def test_a_trusted_device_has_its_own_failure_count(app, make_user):
    make_user("kari@example.org")
    _device, kari = _trusted_device(app, "kari@example.org")
    for _ in range(5):
        assert kari.login("kari@example.org", WRONG).status_code == 200
    # Those failures were the device's: an untrusted client is not locked out by them ...
    assert AuthActions(app.test_client()).login("kari@example.org").status_code == 302
    # ... and the device, now locked out, is an untrusted client with the account's count.
    for _ in range(5):
        assert kari.login("kari@example.org", WRONG).status_code == 200
    assert kari.login("kari@example.org").status_code == 429


def test_the_address_limit_does_not_lock_out_a_trusted_device(app, make_user):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    try:
        make_user("kari@example.org")
        make_user("ola@example.org")
        _device, kari = _trusted_device(app, "kari@example.org")
        someone = AuthActions(app.test_client())  # same address: one NAT for the municipality
        for i in range(3):
            someone.login(f"ukjent{i}@example.org", WRONG)
        assert AuthActions(app.test_client()).login("ola@example.org").status_code == 429
        assert kari.login("kari@example.org").status_code == 302
    finally:
        app.config["LOGIN_LIMIT_PER_ADDRESS"] = "20 per 15 minutes"


def test_the_device_cookie_is_http_only_and_sent_to_the_login_only(app, make_user):
    make_user("kari@example.org")
    client = app.test_client()
    response = AuthActions(client).login("kari@example.org")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if DEVICE_COOKIE in c)
    assert "HttpOnly" in cookie and "Path=/login" in cookie and "SameSite=Lax" in cookie
    assert "kari" not in cookie

"""Login with the work account: OpenID Connect through Authlib (authorization code, PKCE S256,
state and nonce; the ID token checked against the provider's JWKS, iss, aud, exp, nonce, acr).

The providers come from the environment (config.oidc_providers). Each app keeps its own
Authlib registry, made when first used; the provider's discovery document is read then.
Who may get in is not decided here: auth.services.provider_login does that.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app

if TYPE_CHECKING:
    from config import OidcProvider

EXTENSION = "heltidnett_oidc"


class Failure(enum.StrEnum):
    """Why a provider login did not get anyone in (in the audit log)."""

    UNKNOWN_PROVIDER = "unknown_provider"
    PROVIDER_ERROR = "provider_error"  # the provider answered the callback with an error
    PROVIDER_DOWN = "provider_down"  # discovery, JWKS or token endpoint unreachable or broken
    BAD_STATE = "bad_state"  # a replayed, unknown or missing state
    BAD_TOKEN = "bad_token"  # noqa: S105 - the ID token failed verification
    REFUSED = "refused"  # a good token, but nobody here it may log in as


class LoginFailed(Exception):
    """A provider login that failed; `reason` for the audit log, `detail` for the operator."""

    def __init__(self, reason: Failure, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail[:300]


@dataclass(frozen=True)
class Verified:
    """What a verified ID token says about the person."""

    provider: str
    subject: str
    email: str | None  # only when the provider vouches for it
    name: str
    id_token: str


def providers(app: Flask | None = None) -> tuple[OidcProvider, ...]:
    return tuple((app or current_app).config.get("OIDC_PROVIDERS") or ())


def provider(name: str) -> OidcProvider | None:
    return next((p for p in providers() if p.name == name), None)


def _registry(app: Flask) -> Any:
    """The app's Authlib registry, one client per configured provider."""
    from authlib.integrations.flask_client import OAuth

    registry = app.extensions.get(EXTENSION)
    if registry is None:
        registry = OAuth(app)
        for item in providers(app):
            registry.register(
                item.name,
                client_id=item.client_id,
                client_secret=item.client_secret,
                server_metadata_url=item.issuer + "/.well-known/openid-configuration",
                client_kwargs={
                    "scope": item.scopes,
                    "code_challenge_method": "S256",
                    "default_timeout": app.config.get("OIDC_TIMEOUT_SECONDS", 10),
                },
            )
        app.extensions[EXTENSION] = registry
    return registry


def reset(app: Flask) -> None:
    """Forget the registry (and the discovery documents read): after a config change."""
    app.extensions.pop(EXTENSION, None)


def _client(item: OidcProvider) -> Any:
    return _registry(current_app).create_client(item.name)


def _metadata(client: Any, item: OidcProvider) -> dict[str, Any]:
    """The discovery document; its issuer must be the configured one (OpenID Discovery 4.3)."""
    import requests

    try:
        metadata = client.load_server_metadata()
    except (requests.RequestException, ValueError) as error:
        raise LoginFailed(Failure.PROVIDER_DOWN, f"discovery: {error}") from error
    if str(metadata.get("issuer", "")).rstrip("/") != item.issuer:
        client.server_metadata.pop("_loaded_at", None)  # read again next time
        raise LoginFailed(Failure.PROVIDER_DOWN, f"discovery names issuer {metadata.get('issuer')}")
    return dict(metadata)


def authorize_redirect(item: OidcProvider, redirect_uri: str, locale: str) -> Any:
    """The redirect to the provider's login; state, nonce and the PKCE verifier are kept in the
    session by Authlib."""
    client = _client(item)
    _metadata(client, item)
    extra: dict[str, str] = {"ui_locales": locale}
    if item.acr_values:
        extra["acr_values"] = " ".join(item.acr_values)
    return client.authorize_redirect(redirect_uri, **extra)


def complete(item: OidcProvider) -> Verified:
    """Finish the login at the callback: check the state, fetch the tokens (with the PKCE
    verifier) and verify the ID token. Raises LoginFailed."""
    import requests
    from authlib.common.errors import AuthlibBaseError
    from authlib.integrations.base_client.errors import MismatchingStateError
    from joserfc.errors import JoseError

    client = _client(item)
    metadata = _metadata(client, item)
    claims_options: dict[str, Any] = {
        "iss": {"essential": True, "values": [metadata["issuer"]]},
        "sub": {"essential": True},
        "exp": {"essential": True},
    }
    if item.accepted_acr:
        claims_options["acr"] = {"essential": True, "values": list(item.accepted_acr)}
    try:
        token = client.authorize_access_token(claims_options=claims_options, leeway=60)
    except MismatchingStateError as error:
        raise LoginFailed(Failure.BAD_STATE, str(error)) from error
    except requests.RequestException as error:
        raise LoginFailed(Failure.PROVIDER_DOWN, f"token: {error}") from error
    except AuthlibBaseError as error:
        if getattr(error, "error", "") == "mismatching_state":
            raise LoginFailed(Failure.BAD_STATE, str(error)) from error
        if "error" in _args():  # the person cancelled, or the provider refused
            raise LoginFailed(Failure.PROVIDER_ERROR, str(error)) from error
        # the token endpoint answered with an error (or not with JSON)
        raise LoginFailed(Failure.PROVIDER_DOWN, f"token: {error}") from error
    except (JoseError, ValueError, KeyError) as error:
        raise LoginFailed(Failure.BAD_TOKEN, f"{type(error).__name__}: {error}") from error
    claims = token.get("userinfo")
    if not claims or not token.get("id_token"):
        raise LoginFailed(Failure.BAD_TOKEN, "no ID token")
    email = claims.get("email")
    # An e-mail counts only when the provider does not say it is unverified.
    vouched = isinstance(email, str) and claims.get("email_verified", True) in (True, "true")
    return Verified(
        provider=item.name,
        subject=str(claims["sub"]),
        email=email.strip() if vouched else None,
        name=str(claims.get("name") or ""),
        id_token=token["id_token"],
    )


def _args() -> dict[str, str]:
    from flask import request

    return request.args.to_dict()


def logout_url(item: OidcProvider, id_token: str | None, back: str) -> str | None:
    """The provider's end-session URL (RP-initiated logout), when its discovery names one."""
    from urllib.parse import urlencode

    try:
        metadata = _metadata(_client(item), item)
    except LoginFailed:
        return None
    endpoint = metadata.get("end_session_endpoint")
    if not endpoint:
        return None
    params = {"post_logout_redirect_uri": back, "client_id": item.client_id}
    if id_token:
        params["id_token_hint"] = id_token
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"

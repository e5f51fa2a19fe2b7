"""Routes for logging in and out, passwords, the profile, API tokens and users."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from heltidnett.audit.services import AuthAction, record
from heltidnett.auth import access, oidc, permissions, services
from heltidnett.auth.access import is_admin, require
from heltidnett.auth.forms import (
    ChangePasswordForm,
    LoginForm,
    ProfileForm,
    SetPasswordForm,
    TokenForm,
    UserForm,
    WorkLoginDomainForm,
)
from heltidnett.auth.models import ApiToken, User, WorkLoginDomain
from heltidnett.auth.passwords import hash_password, needs_rehash, verify_password
from heltidnett.auth.permissions import LinkDelivery
from heltidnett.auth.session import end_session, start_session
from heltidnett.auth.throttle import LoginGate
from heltidnett.core.forms import options
from heltidnett.core.i18n import current_language
from heltidnett.core.mail import mail_configured, send_mail
from heltidnett.core.redirects import safe_next
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.networks import services as network_services
from heltidnett.networks.labels import ROLE_LABELS
from heltidnett.networks.models import Network

bp = Blueprint("auth", __name__, template_folder="templates")


def _safe_next(target: str | None) -> str:
    """Only same-site relative paths are followed after login."""
    return safe_next(target, url_for("networks.index"))


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """Log in; wrong passwords are throttled per account, address and device (auth.throttle)."""
    if current_user.is_authenticated:
        return redirect(url_for("networks.index"))
    form = LoginForm()
    if form.validate_on_submit():
        gate = LoginGate.for_request(services.normalise_email(form.email.data)[:254])
        if gate.locked():
            abort(429)
        domain = services.required_provider_domain(
            db.session,
            form.email.data,
            current_app.config.get("OIDC_REQUIRED_DOMAINS") or frozenset(),
        )
        if domain is not None:
            services.record_failed_login(db.session, form.email.data, reason="provider_required")
            form.email.errors = [
                _(
                    "Brukere med e-post hos %(domain)s logger inn med jobbkontoen, med knappen "
                    "under.",
                    domain=domain,
                )
            ]
            return render_template("auth/login.html", form=form, **_login_choices()), 200
        user = services.authenticate(db.session, form.email.data, form.password.data)
        if user is None:
            gate.failed()
            services.record_failed_login(db.session, form.email.data)
            form.password.errors = [_("Feil e-post eller passord.")]
            return render_template("auth/login.html", form=form, **_login_choices()), 200
        start_session(user)
        login_user(user)
        services.record_login(db.session, user)
        if user.password_hash and needs_rehash(user.password_hash):
            user.password_hash = hash_password(form.password.data)
        response = redirect(_safe_next(request.args.get("next")))
        gate.trust(response)
        return response
    return render_template("auth/login.html", form=form, **_login_choices())


def _login_choices() -> dict[str, Any]:
    """The provider buttons of the login page."""
    return {"oidc_providers": oidc.providers()}


def _external_url(endpoint: str, **values: Any) -> str:
    """An absolute URL of ours, on PUBLIC_BASE_URL when set (what the provider has registered)."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def _oidc_provider(name: str) -> Any:
    item = oidc.provider(name)
    if item is None:
        abort(404)
    return item


OIDC_SESSION_KEY = "oidc"
# What a provider login was started for, besides logging in: {"link": user id} (from the
# profile) or {"invite": set-password link id} (accepting an invitation).
OIDC_PURPOSE_KEY = "oidc_purpose"


def _to_provider(item: Any, purpose: dict[str, Any] | None = None) -> Any:
    """The redirect to the provider's login, remembering what it was started for."""
    session.pop(OIDC_PURPOSE_KEY, None)
    if purpose:
        session[OIDC_PURPOSE_KEY] = purpose
    try:
        return oidc.authorize_redirect(
            item, _external_url("auth.oidc_callback", provider=item.name), current_language()
        )
    except oidc.LoginFailed as failure:
        return _oidc_failed(item, failure)


@bp.get("/login/oidc/<provider>")
def oidc_start(provider: str) -> Any:
    """Send the person to the provider's login. A link, not a form: the pages' CSP
    (form-action 'self') stops a form post from being redirected to another site. A login
    started by another site is harmless: its state belongs to this browser's session."""
    item = _oidc_provider(provider)
    if request.args.get("next"):
        session["oidc_next"] = _safe_next(request.args.get("next"))
    return _to_provider(item)


@bp.get("/set-password/<token>/oidc/<provider>")
def invitation_with_provider(token: str, provider: str) -> Any:
    """Accept an invitation with the work account instead of choosing a password."""
    item = _oidc_provider(provider)
    link = services.valid_password_link(db.session, token)
    if link is None:
        return render_template("auth/link_invalid.html"), 404
    return _to_provider(item, {"invite": link.id})  # the id: the secret stays out of the cookie


@bp.get("/account/identities/<provider>/link")
def link_identity(provider: str) -> Any:
    """Link one's own work account from the profile: a provider login, then back to the
    profile (a link, like the login button: the CSP stops a form redirected to the provider)."""
    item = _oidc_provider(provider)
    return _to_provider(item, {"link": current_user.id})


@bp.get("/login/oidc/<provider>/callback")
def oidc_callback(provider: str) -> Any:
    """Back from the provider: verify, then log in the linked or invited user (or link the
    logged-in user's account, when the login was started from the profile)."""
    item = _oidc_provider(provider)
    purpose = session.pop(OIDC_PURPOSE_KEY, None) or {}
    try:
        verified = oidc.complete(item)
    except oidc.LoginFailed as failure:
        if "link" in purpose and current_user.is_authenticated:
            return _link_failed(item, failure)
        return _oidc_failed(item, failure)
    if "link" in purpose:
        return _finish_link(item, verified, purpose["link"])
    with attempt() as outcome:
        if "invite" in purpose:
            link = services.unspent_password_link(db.session, int(purpose["invite"]))
            if link is None:
                raise services.ProviderLoginRefused(
                    _("Invitasjonslenken er utløpt eller allerede brukt. Be om en ny.")
                )
            user = services.accept_invitation_with_provider(
                db.session, link, item.name, verified.subject, verified.email
            )
        else:
            user = services.provider_login(db.session, item.name, verified.subject, verified.email)
    if outcome.failed:
        refused = oidc.LoginFailed(oidc.Failure.REFUSED, f"sub={verified.subject}")
        return _oidc_failed(item, refused, outcome.message, email=verified.email or "")
    target = session.pop("oidc_next", None)
    start_session(user)
    login_user(user)
    session[OIDC_SESSION_KEY] = {"provider": item.name, "id_token": verified.id_token}
    services.record_login(db.session, user, provider=item.name)
    return redirect(_safe_next(target))


def _finish_link(item: Any, verified: oidc.Verified, user_id: Any) -> Any:
    """Link the provider account to the logged-in user who started it on the profile."""
    if not current_user.is_authenticated or current_user.id != user_id:
        refused = oidc.LoginFailed(oidc.Failure.BAD_STATE, "link started by another session")
        return _oidc_failed(item, refused)
    with attempt() as outcome:
        services.link_identity(
            db.session, current_user, item.name, verified.subject, verified.email
        )
    if outcome.failed:
        return _link_failed(
            item, oidc.LoginFailed(oidc.Failure.REFUSED, f"sub={verified.subject}"), outcome.message
        )
    flash(_("Jobbkontoen hos %(label)s er koblet til brukeren din.", label=item.label), "success")
    return redirect(url_for("auth.account"))


def _link_failed(item: Any, failure: oidc.LoginFailed, message: str | None = None) -> Any:
    """A link from the profile that did not happen: in the audit log, and said on the profile."""
    services.record_failed_login(
        db.session,
        current_user.email,
        method="oidc_link",
        provider=item.name,
        reason=failure.reason.value,
        detail=failure.detail,
    )
    flash(
        message
        or _(
            "Jobbkontoen hos %(label)s ble ikke koblet til. Prøv igjen om litt.", label=item.label
        ),
        "danger",
    )
    return redirect(url_for("auth.account"))


def _oidc_failed(
    item: Any, failure: oidc.LoginFailed, message: str | None = None, email: str = ""
) -> Any:
    """Nobody logged in: the reason in the audit log, a message on the login page."""
    messages = {
        oidc.Failure.PROVIDER_DOWN: _(
            "Innloggingen hos %(label)s svarer ikke akkurat nå. Prøv igjen om litt.",
            label=item.label,
        ),
        oidc.Failure.BAD_STATE: _(
            "Innloggingen var utløpt eller allerede brukt. Start innloggingen på nytt."
        ),
        oidc.Failure.BAD_TOKEN: _(
            "Vi kunne ikke bekrefte innloggingen fra %(label)s, så du er ikke logget inn. "
            "Prøv igjen, og si fra til prosessveilederen om det skjer igjen.",
            label=item.label,
        ),
        oidc.Failure.PROVIDER_ERROR: _(
            "Innloggingen hos %(label)s ble avbrutt. Du er ikke logget inn.", label=item.label
        ),
    }
    services.record_failed_login(
        db.session,
        email or f"({item.name})",
        method="oidc",
        provider=item.name,
        reason=failure.reason.value,
        detail=failure.detail,
    )
    session.pop("oidc_next", None)
    flash(message or messages.get(failure.reason, _("Du er ikke logget inn.")), "danger")
    return redirect(url_for("auth.login"))


@bp.post("/logout")
def logout() -> Any:
    record(db.session, AuthAction.LOGOUT, object_type="users", object_id=current_user.id)
    provider_session = session.get(OIDC_SESSION_KEY) or {}
    logout_user()
    end_session()  # a copy of the cookie opens nothing any more
    flash(_("Du er logget ut."), "success")
    item = oidc.provider(str(provider_session.get("provider", "")))
    if item is not None:  # end the provider's session too, where it supports it
        ended = oidc.logout_url(item, provider_session.get("id_token"), _external_url("auth.login"))
        if ended:
            # a page of our own that moves on (meta refresh, and a link): the pages' CSP
            # (form-action 'self') stops the logout form from being redirected to the provider
            return render_template(
                "auth/logged_out.html", provider_logout=ended, provider_label=item.label
            )
    return redirect(url_for("auth.login"))


@bp.post("/language")
def language() -> Any:
    """Switch the interface language (kept on the profile when logged in)."""
    chosen = request.form.get("language", "")
    if chosen in current_app.config["LANGUAGES"]:
        session["language"] = chosen
        if current_user.is_authenticated:
            services.update_profile(db.session, current_user, language=chosen)
    referrer = urlsplit(request.referrer or "")
    back = referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return redirect(_safe_next(request.form.get("next") or back))


@bp.route("/set-password/<token>", methods=["GET", "POST"])
def set_password(token: str) -> Any:
    link = services.valid_password_link(db.session, token)
    if link is None:
        return render_template("auth/link_invalid.html"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            user = services.use_password_link(db.session, link, form.password.data)
        if outcome.failed:
            outcome.show_on(form, "password")
        else:
            if current_user.is_authenticated:
                logout_user()
            flash(_("Passordet er lagret. Du kan nå logge inn."), "success")
            return redirect(url_for("auth.login", email=user.email))
    return render_template(
        "auth/set_password.html",
        form=form,
        user=link.user,
        token=token,
        providers=oidc.providers(),
    )


@bp.route("/account", methods=["GET", "POST"])
def account() -> Any:
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        services.update_profile(
            db.session, current_user, name=form.name.data, language=form.language.data
        )
        session["language"] = form.language.data
        flash(_("Profilen er lagret."), "success")
        return redirect(url_for("auth.account"))
    tokens = services.tokens_of(db.session, current_user)
    return render_template(
        "auth/account.html",
        identities=services.identities_of(db.session, current_user),
        providers=oidc.providers(),
        provider_labels={p.name: p.label for p in oidc.providers()},
        form=form,
        token_form=TokenForm(prefix="token"),
        tokens=tokens,
        new_token=session.pop("new_token", None),
    )


@bp.route("/account/password", methods=["GET", "POST"])
def change_password() -> Any:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current.data):
            form.current.errors = [_("Passordet stemmer ikke.")]
        else:
            user = current_user._get_current_object()
            with attempt() as outcome:
                services.set_password(db.session, user, form.password.data)
            if outcome.failed:
                outcome.show_on(form, "password")
            else:
                start_session(user)
                login_user(user)
                flash(_("Passordet er endret. Andre økter er logget ut."), "success")
                return redirect(url_for("auth.account"))
    return render_template("auth/change_password.html", form=form)


@bp.post("/account/identities/<provider>/remove")
def remove_identity(provider: str) -> Any:
    """Remove one's own link to a provider account (the next provider login links anew)."""
    if services.remove_identity(db.session, current_user._get_current_object(), provider):
        flash(_("Koblingen til jobbkontoen er fjernet."), "success")
    return redirect(url_for("auth.account"))


@bp.post("/account/tokens")
def create_token() -> Any:
    form = TokenForm(prefix="token")
    if form.validate_on_submit():
        new = services.create_token(db.session, current_user, form.name.data)
        # Shown once, on the next page only.
        session["new_token"] = new.secret
        flash(_("Nøkkelen er laget. Kopier den nå: den vises bare én gang."), "success")
    else:
        for error in form.name.errors:
            flash(str(error), "danger")
    return redirect(url_for("auth.account"))


@bp.post("/account/tokens/<int:token_id>/revoke")
@access.loads(ApiToken, "token_id", right=access.Right.EDIT, name="token")
def revoke_token(token: ApiToken) -> Any:
    services.revoke_token(db.session, token)
    flash(_("Nøkkelen «%(name)s» er trukket tilbake.", name=token.name), "success")
    return redirect(url_for("auth.account"))


def _managed_networks() -> list[Network]:
    """Networks where the current user may add people."""
    return network_services.manageable_networks(db.session, current_user)


@bp.get("/users")
def users() -> Any:
    """Admins see everyone; facilitators see the people of their networks."""
    require(is_admin(current_user) or bool(_managed_networks()))
    people = services.visible_users(db.session, current_user)
    deliveries = services.link_deliveries(db.session, current_user, people)
    return render_template(
        "auth/users.html",
        people=people,
        deliveries=deliveries,
        identities=services.identities_by_user(db.session, people)
        if is_admin(current_user)
        else {},
        provider_labels={p.name: p.label for p in oidc.providers()},
    )


@bp.post("/users/<int:user_id>/identities/<provider>/remove")
@access.loads(User, right=permissions.may_remove_identity)
def remove_user_identity(user: User, provider: str) -> Any:
    """An admin removes a person's link to a provider account (a wrong or former account)."""
    if services.remove_identity(db.session, user, provider):
        flash(_("Koblingen til jobbkontoen for %(name)s er fjernet.", name=user.name), "success")
    return redirect(url_for("auth.users"))


@bp.route("/users/work-login-domains", methods=["GET", "POST"])
def work_login_domains() -> Any:
    """Admins choose the e-mail domains whose people must log in with the work account."""
    require(is_admin(current_user))
    form = WorkLoginDomainForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            row = services.add_work_login_domain(db.session, current_user, form.domain.data)
        if outcome.failed:
            outcome.show_on(form, "domain")
        else:
            flash(
                _(
                    "Brukere med e-post hos %(domain)s logger nå inn med jobbkontoen.",
                    domain=row.domain,
                ),
                "success",
            )
            return redirect(url_for("auth.work_login_domains"))
    return render_template(
        "auth/work_login_domains.html",
        form=form,
        domains=services.work_login_domains(db.session),
        configured=sorted(current_app.config.get("OIDC_REQUIRED_DOMAINS") or ()),
        providers=oidc.providers(),
    )


@bp.post("/users/work-login-domains/<int:domain_id>/remove")
@access.loads(WorkLoginDomain, "domain_id", right=access.Right.EDIT, name="row")
def remove_work_login_domain(row: WorkLoginDomain) -> Any:
    services.remove_work_login_domain(db.session, row)
    flash(_("%(domain)s kan logge inn med passord igjen.", domain=row.domain), "success")
    return redirect(url_for("auth.work_login_domains"))


@bp.route("/users/new", methods=["GET", "POST"])
def new_user() -> Any:
    networks = _managed_networks()
    require(is_admin(current_user) or bool(networks))
    form = UserForm()
    form.network.choices = options([(0, _("Ingen"))] + [(n.id, n.name) for n in networks])
    form.role.choices = options(
        [("", _("Ingen"))] + [(r.value, label) for r, label in ROLE_LABELS.items()]
    )
    form.municipality.choices = options(
        [(0, _("Ingen"))]
        + [
            (p.municipality.id, f"{p.municipality.name} ({n.name})")
            for n in networks
            for p in n.participations
        ]
    )
    if form.validate_on_submit():
        with attempt(flash_error=True) as outcome:
            user, link, pending = network_services.invite_user(
                db.session,
                actor=current_user,
                name=form.name.data,
                email=form.email.data,
                language=form.language.data,
                network_id=form.network.data or None,
                role=form.role.data or None,
                municipality_id=form.municipality.data or None,
                is_admin=form.is_admin.data and is_admin(current_user),
                is_facilitator=form.is_facilitator.data and is_admin(current_user),
            )
        if not outcome.failed:
            return _show_link(user, link, pending=pending)
    return render_template(
        "auth/user_form.html", form=form, can_grant_platform=is_admin(current_user)
    )


@bp.post("/users/<int:user_id>/password-link")
@access.loads(User, right=permissions.may_get_password_link)
def password_link(user: User) -> Any:
    delivery = permissions.password_link_delivery(current_user, user)
    link = services.create_password_link(db.session, user, current_user)
    return _show_link(user, link, shown=delivery == LinkDelivery.SHOW)


@bp.post("/users/<int:user_id>/active")
@access.loads(User, right=permissions.may_set_active)
def set_active(user: User) -> Any:
    """Admins deactivate (and reactivate) users; nobody deactivates themselves."""
    active = request.form.get("active") == "1"
    services.set_active(db.session, user, active)
    if active:
        flash(_("%(name)s er aktivert igjen.", name=user.name), "success")
    else:
        flash(_("%(name)s er deaktivert og logget ut overalt.", name=user.name), "success")
    return redirect(url_for("auth.users"))


def _show_link(user: User, token: str, shown: bool = True, pending: Any = None) -> Any:
    """Show the set-password link on screen (when allowed), and e-mail it when mail is set up."""
    url = url_for("auth.set_password", token=token, _external=True)
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        url = base.rstrip("/") + url_for("auth.set_password", token=token)
    sent = False
    if mail_configured():
        sent = send_mail(
            user.email,
            _("Velkommen til heltidnett"),
            _(
                "Hei %(name)s!\n\nDu har fått tilgang til heltidnett. Velg passordet ditt her "
                "(lenken virker i 48 timer og kan brukes én gang):\n\n%(url)s\n",
                name=user.name,
                url=url,
            ),
        )
    return render_template(
        "auth/link_created.html",
        user=user,
        url=url if shown else None,
        sent=sent,
        pending=pending,
        role_labels=ROLE_LABELS,
    )

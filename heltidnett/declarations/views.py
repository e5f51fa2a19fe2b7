"""Routes for a municipality's declaration, its versions, PDF and the network's status table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.core.bounds import bounded_int
from heltidnett.core.downloads import download
from heltidnett.core.forms import MARKUP_HINT
from heltidnett.core.transaction import attempt
from heltidnett.declarations import loaders, overview, permissions, services, template
from heltidnett.declarations.forms import CommentForm, SignatoryForm, TransitionForm, VersionForm
from heltidnett.declarations.labels import (
    DEFINITION_LABELS,
    SECTION_LABELS,
    STATUS_COLORS,
    STATUS_LABELS,
    TRANSITION_LABELS,
    definition_label,
)
from heltidnett.declarations.models import (
    SECTION_KEYS,
    Declaration,
    DeclarationComment,
    DeclarationVersion,
    DefinitionKind,
    Signatory,
    Status,
)
from heltidnett.extensions import db
from heltidnett.goals import links as goal_links
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Network
from heltidnett.reports.export import table_response
from heltidnett.reports.pdf import render_pdf

bp = Blueprint("declarations", __name__, template_folder="templates")
PDF_CSS = Path(__file__).resolve().parent / "pdf.css"

LABELS = {
    "status_labels": STATUS_LABELS,
    "status_colors": STATUS_COLORS,
    "transition_labels": TRANSITION_LABELS,
    "definition_labels": DEFINITION_LABELS,
    "definition_label": definition_label,
    "section_labels": SECTION_LABELS,
    "section_keys": SECTION_KEYS,
    "default_definition": DEFINITION_LABELS[DefinitionKind.FULL],
    "Status": Status,
}


def _version_url(municipality_id: int, number: int, anchor: str | None = None) -> str:
    """The page of one version of a municipality's declaration."""
    return url_for(".show_version", municipality_id=municipality_id, number=number, _anchor=anchor)


def _readable_version(declaration: Declaration, number: int) -> DeclarationVersion:
    """A version named in the query string: 404 if missing, 403 (logged) if not for the user."""
    version = services.get_version(declaration, number)
    if version is None:
        abort(404)
    access.require(version.can_view(current_user), version)
    return version


def _render_show(
    municipality: Municipality,
    declaration: Declaration | None,
    version: DeclarationVersion | None,
    *,
    transition_form: TransitionForm | None = None,
    comment_form: CommentForm | None = None,
    signatory_form: SignatoryForm | None = None,
    status: int = 200,
) -> Any:
    can_change = permissions.can_change(current_user, municipality.id)
    can_comment = permissions.can_comment(current_user, municipality.id)
    versions = services.visible_versions(declaration, current_user) if declaration else []
    latest = declaration.versions[-1] if declaration else None
    transitions = (
        services.allowed_transitions(version.status) if version and version is latest else ()
    )
    if transition_form is None and version is not None:
        transition_form = TransitionForm(approved_by_body=_("Ledergruppen"))
    return (
        render_template(
            "declarations/show.html",
            municipality=municipality,
            declaration=declaration,
            goal_links=goal_links.for_declaration(declaration),
            version=version,
            versions=versions,
            latest=latest,
            force=services.in_force(declaration) if declaration else None,
            transitions=transitions if can_change else (),
            can_change=can_change,
            definition_conflict=services.definition_conflict(
                version.definition_kind, version.threshold_percent, version.definition_text
            )
            if version is not None and can_change
            else None,
            can_comment=can_comment and version is not None,
            can_start_version=can_change and latest is not None and latest.is_adopted,
            transition_form=transition_form,
            comment_form=comment_form or CommentForm(),
            signatory_form=signatory_form or SignatoryForm(),
            **LABELS,
        ),
        status,
    )


@bp.get("/municipalities/<int:municipality_id>/declaration")
@access.loads(Municipality)
def show(municipality: Municipality) -> Any:
    declaration = services.get_declaration(db.session, municipality.id)
    version = services.current_version(declaration, current_user) if declaration else None
    return _render_show(municipality, declaration, version)


@bp.get("/municipalities/<int:municipality_id>/declaration/versions/<int:number>")
@loaders.version()
def show_version(version: DeclarationVersion) -> Any:
    return _render_show(version.declaration.municipality, version.declaration, version)


@bp.post("/municipalities/<int:municipality_id>/declaration")
@access.loads(Municipality, right=permissions.may_start)
def start(municipality: Municipality) -> Any:
    with attempt(flash_error=True) as outcome:
        version = services.start_declaration(db.session, current_user, municipality)
    if outcome.failed:
        return redirect(url_for(".show", municipality_id=municipality.id))
    flash(_("Utkastet er laget fra malen. Skriv inn kommunens tekst."), "success")
    return redirect(url_for(".edit", municipality_id=municipality.id, number=version.number))


@bp.route(
    "/municipalities/<int:municipality_id>/declaration/versions/<int:number>/edit",
    methods=["GET", "POST"],
)
@loaders.version(access.Right.EDIT)
def edit(version: DeclarationVersion) -> Any:
    municipality = version.declaration.municipality
    if version.status not in services.EDITABLE_STATUSES:
        flash(
            _(
                "Versjon %(n)s er godkjent og kan ikke endres. Start en ny versjon.",
                n=version.number,
            )
        )
        return redirect(_version_url(municipality.id, version.number))
    form = VersionForm(obj=version)
    if not form.is_submitted():
        form.definition_kind.data = version.definition_kind.value
    if form.validate_on_submit():
        data = {key: getattr(form, key).data for key in SECTION_KEYS}
        data["definition_kind"] = form.definition_kind.data
        threshold = form.threshold_percent.data
        data["threshold_percent"] = float(threshold) if threshold is not None else None
        with attempt(success=_("Endringene er lagret.")) as outcome:
            services.update_version(
                db.session, current_user, version, data, base_revision=_posted_revision(form)
            )
        if isinstance(outcome.error, services.DraftConflict):
            # the typed text stays in the form; saving again now applies to the newer text
            form.revision.data = str(version.revision)
            return _render_edit(municipality, version, form, conflict=outcome.message, status=409)
        if isinstance(outcome.error, services.DefinitionMismatch):
            outcome.show_on(form, "definition_text")
        elif outcome.failed:
            outcome.show_on(form, "threshold_percent")
        else:
            return redirect(_version_url(municipality.id, version.number))
    return _render_edit(municipality, version, form)


def _posted_revision(form: VersionForm) -> int:
    """The revision the posted form was opened at; -1 (never current) when missing or bad."""
    raw = (form.revision.raw_data or [""])[0]
    return int(raw) if raw.isdigit() else -1


def _render_edit(
    municipality: Municipality,
    version: DeclarationVersion,
    form: VersionForm,
    *,
    conflict: str | None = None,
    status: int = 200,
) -> Any:
    for part in template.sections(municipality.written_standard.value):
        form[part.key].description = part.guidance
    page = render_template(
        "declarations/edit.html",
        municipality=municipality,
        version=version,
        form=form,
        conflict=conflict,
        markup_hint=MARKUP_HINT,
        **LABELS,
    )
    return page, status


@bp.post("/municipalities/<int:municipality_id>/declaration/versions/<int:number>/transitions")
@loaders.version(access.Right.EDIT)
def transition(version: DeclarationVersion) -> Any:
    municipality = version.declaration.municipality
    form = TransitionForm()
    if form.validate_on_submit():
        facts = services.TransitionFacts(
            approved_on=form.approved_on.data,
            approved_by_body=form.approved_by_body.data or "",
            adopted_on=form.adopted_on.data,
            adopted_by_body=form.adopted_by_body.data or "",
            case_number=form.case_number.data or "",
        )
        with attempt() as outcome:
            services.transition(db.session, current_user, version, form.target.data, facts)
        error = outcome.error
        if error is None:
            flash(
                _(
                    "Versjon %(n)s har nå status «%(s)s».",
                    n=version.number,
                    s=STATUS_LABELS[version.status],
                ),
                "success",
            )
            return redirect(_version_url(municipality.id, version.number))
        if isinstance(error, services.TransitionError) and error.field:
            field = getattr(form, error.field)
            field.errors = [*field.errors, str(error)]
        else:
            flash(str(error), "danger")
    return _render_show(
        municipality, version.declaration, version, transition_form=form, status=422
    )


@bp.post("/municipalities/<int:municipality_id>/declaration/versions")
@loaders.declaration(access.Right.EDIT)
def start_version(declaration: Declaration) -> Any:
    municipality_id = declaration.municipality_id
    with attempt(flash_error=True) as outcome:
        version = services.start_version(db.session, current_user, declaration)
    if outcome.failed:
        return redirect(url_for(".show", municipality_id=municipality_id))
    flash(
        _(
            "Versjon %(n)s er startet som et utkast. Den vedtatte versjonen er uendret.",
            n=version.number,
        ),
        "success",
    )
    return redirect(url_for(".edit", municipality_id=municipality_id, number=version.number))


@bp.post("/municipalities/<int:municipality_id>/declaration/versions/<int:number>/signatories")
@loaders.version(access.Right.EDIT)
def add_signatory(version: DeclarationVersion) -> Any:
    municipality = version.declaration.municipality
    form = SignatoryForm()
    if form.validate_on_submit():
        added = _("%(name)s er lagt til som underskriver.", name=form.name.data)
        with attempt(success=added) as outcome:
            services.add_signatory(
                db.session,
                version,
                role=form.role.data,
                name=form.name.data,
                organisation=form.organisation.data,
            )
        if not outcome.failed:
            return redirect(_version_url(municipality.id, version.number, "underskrivere"))
        outcome.show_on(form, "role")
    return _render_show(municipality, version.declaration, version, signatory_form=form, status=422)


@bp.post("/declaration-signatories/<int:signatory_id>/delete")
@access.loads(Signatory, right=access.Right.EDIT)
def remove_signatory(signatory: Signatory) -> Any:
    version = signatory.version
    with attempt(_("Underskriveren er fjernet."), flash_error=True):
        services.remove_signatory(db.session, signatory)
    return redirect(_version_url(version.municipality_id, version.number, "underskrivere"))


@bp.post("/municipalities/<int:municipality_id>/declaration/versions/<int:number>/comments")
@loaders.version(permissions.may_comment)
def add_comment(version: DeclarationVersion) -> Any:
    municipality = version.declaration.municipality
    form = CommentForm()
    if form.validate_on_submit():
        with attempt(success=_("Kommentaren er lagret.")) as outcome:
            services.add_comment(
                db.session, current_user, version, section=form.section.data, body=form.body.data
            )
        if not outcome.failed:
            return redirect(_version_url(municipality.id, version.number, "kommentarer"))
        outcome.show_on(form, "body")
    return _render_show(municipality, version.declaration, version, comment_form=form, status=422)


@bp.post("/declaration-comments/<int:comment_id>/resolve")
@access.loads(DeclarationComment, "comment_id", name="comment", right=access.Right.EDIT)
def resolve_comment(comment: DeclarationComment) -> Any:
    version = comment.version
    with attempt(_("Kommentaren er markert som løst."), flash_error=True):
        services.resolve_comment(db.session, current_user, comment)
    return redirect(_version_url(version.municipality_id, version.number, "kommentarer"))


@bp.get("/municipalities/<int:municipality_id>/declaration/compare")
@loaders.declaration()
def compare(declaration: Declaration) -> Any:
    municipality = declaration.municipality
    versions = services.visible_versions(declaration, current_user)
    if len(versions) < 2:
        flash(_("Det finnes bare én versjon å se."))
        return redirect(url_for(".show", municipality_id=municipality.id))
    old_number = request.args.get("from", type=bounded_int) or versions[-2].number
    new_number = request.args.get("to", type=bounded_int) or versions[-1].number
    old = _readable_version(declaration, old_number)
    new = _readable_version(declaration, new_number)
    return render_template(
        "declarations/compare.html",
        municipality=municipality,
        versions=versions,
        old=old,
        new=new,
        diffs=services.compare(old, new),
        **LABELS,
    )


def _pdf(municipality: Municipality, version: DeclarationVersion) -> Response:
    language = municipality.written_standard.value
    title = template.document_title(language, municipality.name)
    with force_locale(language):
        html = render_template(
            "declarations/pdf.html",
            municipality=municipality,
            version=version,
            title=title,
            language=language,
            sections=template.sections(language),
            **LABELS,
        )
    pdf = render_pdf(html, PDF_CSS.read_text(), title=title, language=language)
    filename = f"heltidserklaering-{municipality.number}-v{version.number}.pdf"
    return download(pdf, "application/pdf", filename, inline=True)


@bp.get("/municipalities/<int:municipality_id>/declaration.pdf")
@loaders.declaration()
def pdf(declaration: Declaration) -> Any:
    version = services.current_version(declaration, current_user)
    if version is None:
        abort(404)
    return _pdf(declaration.municipality, version)


@bp.get("/municipalities/<int:municipality_id>/declaration/versions/<int:number>.pdf")
@loaders.version()
def version_pdf(version: DeclarationVersion) -> Any:
    return _pdf(version.declaration.municipality, version)


@bp.get("/networks/<int:network_id>/declarations.<any(xlsx, csv):fmt>")
@access.loads(Network)
def network_status_export(network: Network, fmt: str) -> Any:
    table = overview.status_table(overview.status_rows(db.session, network, current_user))
    return table_response([table], fmt, "heltidserklaeringer")


@bp.get("/networks/<int:network_id>/declarations")
@access.loads(Network)
def network_status(network: Network) -> Any:
    return render_template(
        "declarations/network.html",
        network=network,
        rows=overview.status_rows(db.session, network, current_user),
        **LABELS,
    )

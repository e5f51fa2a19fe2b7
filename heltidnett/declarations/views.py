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
from heltidnett.core.errors import ServiceError
from heltidnett.core.steps import apply_step
from heltidnett.declarations import overview, permissions, services, template
from heltidnett.declarations.forms import CommentForm, SignatoryForm, StepForm, VersionForm
from heltidnett.declarations.labels import (
    DEFINITION_LABELS,
    SECTION_LABELS,
    STATUS_COLORS,
    STATUS_LABELS,
    STEP_LABELS,
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
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Network
from heltidnett.reports.export import table_response
from heltidnett.reports.pdf import render_pdf

bp = Blueprint("declarations", __name__, template_folder="templates")
PDF_CSS = Path(__file__).resolve().parent / "pdf.css"

LABELS = {
    "status_labels": STATUS_LABELS,
    "status_colors": STATUS_COLORS,
    "step_labels": STEP_LABELS,
    "definition_labels": DEFINITION_LABELS,
    "section_labels": SECTION_LABELS,
    "section_keys": SECTION_KEYS,
    "default_definition": DEFINITION_LABELS[DefinitionKind.FULL],
    "Status": Status,
}


def _declaration(municipality: Municipality) -> Declaration:
    declaration = services.get_declaration(db.session, municipality.id)
    if declaration is None:
        abort(404)
    return declaration


def _version(municipality: Municipality, number: int) -> DeclarationVersion:
    """A version the user may read: 404 if missing, 403 (logged) if not for them."""
    version = services.get_version(_declaration(municipality), number)
    if version is None:
        abort(404)
    access.require(version.can_view(current_user), version)
    return version


def _version_url(municipality_id: int, number: int, anchor: str | None = None) -> str:
    """The page of one version of a municipality's declaration."""
    return url_for(".show_version", municipality_id=municipality_id, number=number, _anchor=anchor)


def _editable_version(municipality_id: int, number: int) -> tuple[Municipality, DeclarationVersion]:
    municipality = access.load_viewable(Municipality, municipality_id)
    version = _version(municipality, number)
    access.require(version.can_edit(current_user), version)
    return municipality, version


def _render_show(
    municipality: Municipality,
    declaration: Declaration | None,
    version: DeclarationVersion | None,
    *,
    step_form: StepForm | None = None,
    comment_form: CommentForm | None = None,
    signatory_form: SignatoryForm | None = None,
    status: int = 200,
) -> Any:
    can_change = permissions.can_change(current_user, municipality.id)
    can_comment = permissions.can_comment(current_user, municipality.id)
    versions = services.visible_versions(declaration, current_user) if declaration else []
    latest = declaration.versions[-1] if declaration else None
    steps = services.allowed_steps(version.status) if version and version is latest else ()
    if step_form is None and version is not None:
        step_form = StepForm(approved_by_body=_("Ledergruppen"))
    return (
        render_template(
            "declarations/show.html",
            municipality=municipality,
            declaration=declaration,
            version=version,
            versions=versions,
            latest=latest,
            force=services.in_force(declaration) if declaration else None,
            steps=steps if can_change else (),
            can_change=can_change,
            can_comment=can_comment and version is not None,
            can_revise=can_change and latest is not None and latest.is_adopted,
            step_form=step_form,
            comment_form=comment_form or CommentForm(),
            signatory_form=signatory_form or SignatoryForm(),
            **LABELS,
        ),
        status,
    )


@bp.get("/municipalities/<int:municipality_id>/declaration")
def show(municipality_id: int) -> Any:
    municipality = access.load_viewable(Municipality, municipality_id)
    declaration = services.get_declaration(db.session, municipality.id)
    version = services.current_version(declaration, current_user) if declaration else None
    return _render_show(municipality, declaration, version)


@bp.get("/municipalities/<int:municipality_id>/declaration/versions/<int:number>")
def show_version(municipality_id: int, number: int) -> Any:
    municipality = access.load_viewable(Municipality, municipality_id)
    version = _version(municipality, number)
    return _render_show(municipality, version.declaration, version)


@bp.post("/municipalities/<int:municipality_id>/declaration")
def start(municipality_id: int) -> Any:
    municipality = access.load_viewable(Municipality, municipality_id)
    access.require(permissions.can_change(current_user, municipality.id), municipality)
    try:
        version = services.start_declaration(db.session, current_user, municipality)
    except ServiceError as error:
        flash(str(error), "danger")
        return redirect(url_for(".show", municipality_id=municipality.id))
    db.session.commit()
    flash(_("Utkastet er laget fra malen. Skriv inn kommunens tekst."), "success")
    return redirect(url_for(".edit", municipality_id=municipality.id, number=version.number))


@bp.route(
    "/municipalities/<int:municipality_id>/declaration/versions/<int:number>/edit",
    methods=["GET", "POST"],
)
def edit(municipality_id: int, number: int) -> Any:
    municipality, version = _editable_version(municipality_id, number)
    if version.status not in services.EDITABLE_STATUSES:
        flash(_("Versjon %(n)s er godkjent og kan ikke endres. Start en ny versjon.", n=number))
        return redirect(_version_url(municipality.id, number))
    form = VersionForm(obj=version)
    if not form.is_submitted():
        form.definition_kind.data = version.definition_kind.value
    if form.validate_on_submit():
        data = {key: getattr(form, key).data for key in SECTION_KEYS}
        data["definition_kind"] = form.definition_kind.data
        threshold = form.threshold_percent.data
        data["threshold_percent"] = float(threshold) if threshold is not None else None
        try:
            services.update_version(
                db.session, current_user, version, data, base_revision=_posted_revision(form)
            )
        except services.DraftConflict as conflict:
            db.session.rollback()
            # the typed text stays in the form; saving again now applies to the newer text
            form.revision.data = str(version.revision)
            return _render_edit(municipality, version, form, conflict=str(conflict), status=409)
        except ServiceError as error:
            db.session.rollback()
            form.threshold_percent.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Endringene er lagret."), "success")
            return redirect(_version_url(municipality.id, number))
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
        **LABELS,
    )
    return page, status


@bp.post("/municipalities/<int:municipality_id>/declaration/versions/<int:number>/steps")
def step(municipality_id: int, number: int) -> Any:
    municipality, version = _editable_version(municipality_id, number)
    form = StepForm()
    if form.validate_on_submit():
        facts = services.StepFacts(
            approved_on=form.approved_on.data,
            approved_by_body=form.approved_by_body.data or "",
            adopted_on=form.adopted_on.data,
            adopted_by_body=form.adopted_by_body.data or "",
            case_number=form.case_number.data or "",
        )
        try:
            services.transition(db.session, current_user, version, form.target.data, facts)
        except services.TransitionError as error:
            db.session.rollback()
            if error.field:
                field = getattr(form, error.field)
                field.errors = [*field.errors, str(error)]
            else:
                flash(str(error), "danger")
        else:
            db.session.commit()
            flash(
                _(
                    "Versjon %(n)s har nå status «%(s)s».",
                    n=number,
                    s=STATUS_LABELS[version.status],
                ),
                "success",
            )
            return redirect(_version_url(municipality.id, number))
    return _render_show(municipality, version.declaration, version, step_form=form, status=422)


@bp.post("/municipalities/<int:municipality_id>/declaration/revisions")
def revise(municipality_id: int) -> Any:
    municipality = access.load_viewable(Municipality, municipality_id)
    declaration = _declaration(municipality)
    access.require(declaration.can_edit(current_user), declaration)
    try:
        version = services.start_revision(db.session, current_user, declaration)
    except ServiceError as error:
        flash(str(error), "danger")
        return redirect(url_for(".show", municipality_id=municipality.id))
    db.session.commit()
    flash(
        _(
            "Versjon %(n)s er startet som et utkast. Den vedtatte versjonen er uendret.",
            n=version.number,
        ),
        "success",
    )
    return redirect(url_for(".edit", municipality_id=municipality.id, number=version.number))


@bp.post("/municipalities/<int:municipality_id>/declaration/versions/<int:number>/signatories")
def add_signatory(municipality_id: int, number: int) -> Any:
    municipality, version = _editable_version(municipality_id, number)
    form = SignatoryForm()
    if form.validate_on_submit():
        try:
            services.add_signatory(
                db.session,
                version,
                role=form.role.data,
                name=form.name.data,
                organisation=form.organisation.data,
            )
        except ServiceError as error:
            db.session.rollback()
            form.role.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("%(name)s er lagt til som underskriver.", name=form.name.data), "success")
            return redirect(_version_url(municipality.id, number, "underskrivere"))
    return _render_show(municipality, version.declaration, version, signatory_form=form, status=422)


@bp.post("/declaration-signatories/<int:signatory_id>/delete")
def remove_signatory(signatory_id: int) -> Any:
    signatory = access.load_editable(Signatory, signatory_id)
    version = signatory.version
    apply_step(
        lambda: services.remove_signatory(db.session, signatory), _("Underskriveren er fjernet.")
    )
    return redirect(_version_url(version.municipality_id, version.number, "underskrivere"))


@bp.post("/municipalities/<int:municipality_id>/declaration/versions/<int:number>/comments")
def add_comment(municipality_id: int, number: int) -> Any:
    municipality = access.load_viewable(Municipality, municipality_id)
    version = _version(municipality, number)
    access.require(permissions.can_comment(current_user, municipality.id), version)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            services.add_comment(
                db.session, current_user, version, section=form.section.data, body=form.body.data
            )
        except ServiceError as error:
            db.session.rollback()
            form.body.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Kommentaren er lagret."), "success")
            return redirect(_version_url(municipality.id, number, "kommentarer"))
    return _render_show(municipality, version.declaration, version, comment_form=form, status=422)


@bp.post("/declaration-comments/<int:comment_id>/resolve")
def resolve_comment(comment_id: int) -> Any:
    comment = access.load_editable(DeclarationComment, comment_id)
    version = comment.version
    apply_step(
        lambda: services.resolve_comment(db.session, current_user, comment),
        _("Kommentaren er markert som løst."),
    )
    return redirect(_version_url(version.municipality_id, version.number, "kommentarer"))


@bp.get("/municipalities/<int:municipality_id>/declaration/compare")
def compare(municipality_id: int) -> Any:
    municipality = access.load_viewable(Municipality, municipality_id)
    declaration = _declaration(municipality)
    versions = services.visible_versions(declaration, current_user)
    if len(versions) < 2:
        flash(_("Det finnes bare én versjon å se."))
        return redirect(url_for(".show", municipality_id=municipality.id))
    old_number = request.args.get("from", type=bounded_int) or versions[-2].number
    new_number = request.args.get("to", type=bounded_int) or versions[-1].number
    old, new = _version(municipality, old_number), _version(municipality, new_number)
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
def pdf(municipality_id: int) -> Any:
    municipality = access.load_viewable(Municipality, municipality_id)
    version = services.current_version(_declaration(municipality), current_user)
    if version is None:
        abort(404)
    return _pdf(municipality, version)


@bp.get("/municipalities/<int:municipality_id>/declaration/versions/<int:number>.pdf")
def version_pdf(municipality_id: int, number: int) -> Any:
    municipality = access.load_viewable(Municipality, municipality_id)
    return _pdf(municipality, _version(municipality, number))


@bp.get("/networks/<int:network_id>/declarations.<any(xlsx, csv):fmt>")
def network_status_export(network_id: int, fmt: str) -> Any:
    network = access.load_viewable(Network, network_id)
    table = overview.status_table(overview.status_rows(db.session, network, current_user))
    return table_response([table], fmt, "heltidserklaeringer")


@bp.get("/networks/<int:network_id>/declarations")
def network_status(network_id: int) -> Any:
    network = access.load_viewable(Network, network_id)
    return render_template(
        "declarations/network.html",
        network=network,
        rows=overview.status_rows(db.session, network, current_user),
        **LABELS,
    )

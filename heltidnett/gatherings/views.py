"""Routes for gatherings: programme, planning, registration, attendance and outputs."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.core.bounds import bounded_int
from heltidnett.core.clock import local_now
from heltidnett.core.downloads import download
from heltidnett.core.errors import ServiceError
from heltidnett.core.forms import options
from heltidnett.core.i18n import current_language, format_date
from heltidnett.core.numbers import parse_whole
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.files.services import DOCUMENT_TYPES, IMAGE_TYPES, check_upload, send, store
from heltidnett.gatherings import outputs, permissions, registrations, services
from heltidnett.gatherings.forms import (
    IMPORT_MAX_BYTES,
    MATERIAL_MAX_BYTES,
    AgendaItemForm,
    CopyForm,
    GatheringForm,
    ImportConfirmForm,
    ImportForm,
    MaterialForm,
    MethodForm,
    RegistrationForm,
)
from heltidnett.gatherings.labels import (
    AGENDA_KIND_LABELS,
    KIND_LABELS,
    STATUS_COLORS,
    STATUS_LABELS,
)
from heltidnett.gatherings.models import (
    AgendaItem,
    Gathering,
    GatheringStatus,
    Material,
    Method,
    Registration,
)
from heltidnett.gatherings.projection import screen as projection_screen
from heltidnett.networks.models import Network
from heltidnett.reports.export import table_response

bp = Blueprint("gatherings", __name__, template_folder="templates")


def _person_fields(row: dict[str, Any]) -> dict[str, Any]:
    """A previewed participant's text fields (the municipality is matched again)."""
    return {k: str(v or "") for k, v in row.items() if k != "municipality_id"}


@bp.app_template_global("gathering_title")
def _gathering_title(gathering: Gathering) -> str:
    """In every template: a gathering's title, hidden from who may not see it yet."""
    return services.title_for(gathering, current_user)


LABELS = {
    "kind_labels": KIND_LABELS,
    "status_labels": STATUS_LABELS,
    "status_colors": STATUS_COLORS,
    "agenda_kind_labels": AGENDA_KIND_LABELS,
}
IMPORT_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text/csv",
    "text/plain",
}


def _gathering_data(form: GatheringForm) -> services.GatheringData:
    return services.GatheringData(
        title=form.title.data or "",
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
        number=form.number.data,
        kind=form.kind.data,
        theme=form.theme.data or "",
        place=form.place.data or "",
        registration_deadline=form.registration_deadline.data,
        preparation=form.preparation.data or "",
        changes_reserved=form.changes_reserved.data,
        day_ends_at=form.day_ends_at.data,
        status=form.status.data,
    )


# ---- gatherings -----------------------------------------------------------------------


@bp.route("/networks/<int:network_id>/gatherings/new", methods=["GET", "POST"])
@access.loads(Network, right=access.Right.EDIT)
def create(network: Network) -> Any:
    form = GatheringForm()
    if request.method == "GET":
        form.status.data = GatheringStatus.PLANNED.value
    if form.validate_on_submit():
        with attempt() as outcome:
            gathering = services.create_gathering(
                db.session, current_user, network, _gathering_data(form)
            )
        if outcome.failed:
            outcome.show_on(form, "title")
        else:
            flash(_("Samlingen er opprettet. Legg inn programmet."), "success")
            return redirect(url_for("gatherings.show", gathering_id=gathering.id))
    return render_template("gatherings/form.html", form=form, network=network, gathering=None)


@bp.route("/gatherings/<int:gathering_id>/edit", methods=["GET", "POST"])
@access.loads(Gathering, right=access.Right.EDIT)
def edit(gathering: Gathering) -> Any:
    form = GatheringForm(obj=gathering)
    if request.method == "GET":
        form.kind.data = gathering.kind.value
        form.status.data = gathering.status.value
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_gathering(db.session, current_user, gathering, _gathering_data(form))
        if outcome.failed:
            outcome.show_on(form, "title")
        else:
            flash(_("Endringene er lagret."), "success")
            return redirect(url_for("gatherings.show", gathering_id=gathering.id))
    return render_template(
        "gatherings/form.html", form=form, network=gathering.network, gathering=gathering
    )


@bp.get("/gatherings/<int:gathering_id>")
@access.loads(Gathering)
def show(gathering: Gathering) -> Any:
    services.preload(db.session, gathering)
    can_edit = gathering.can_edit(current_user)
    mine = registrations.visible_registrations(gathering, current_user)
    own = next((r for r in mine if r.user_id == current_user.id), None)
    return render_template(
        "gatherings/show.html",
        gathering=gathering,
        can_edit=can_edit,
        warnings=services.warnings(gathering) if can_edit else [],
        registration_open=registrations.registration_open(gathering),
        own_registration=own,
        registrations=mine,
        registration_form=_registration_form(gathering, own),
        coordinates=permissions.coordinates_in(current_user, gathering),
        counts=services.counts(gathering) if can_edit else None,
        **LABELS,
    )


def _registration_form(
    gathering: Gathering, own: Registration | None, **kwargs: Any
) -> RegistrationForm:
    form = RegistrationForm(**kwargs)
    form.days.choices = options((d.isoformat(), format_date(d, "weekday")) for d in gathering.days)
    if request.method == "GET" and not kwargs:
        if own is not None:
            form.process(obj=own)
            form.days.data = list(own.days)
        else:
            first, _sep, last = (current_user.name or "").rpartition(" ")
            form.first_name.data = first or current_user.name
            form.last_name.data = last if first else ""
            form.email.data = current_user.email
            form.days.data = [d.isoformat() for d in gathering.days]
    return form


@bp.post("/gatherings/<int:gathering_id>/publish")
@access.loads(Gathering, right=access.Right.EDIT)
def publish(gathering: Gathering) -> Any:
    published = _("Programmet er publisert. Deltakerne kan nå se det og melde seg på.")
    with attempt(published, flash_error=True):
        services.publish(db.session, current_user, gathering)
    return redirect(url_for("gatherings.show", gathering_id=gathering.id))


# ---- agenda ---------------------------------------------------------------------------


def _item_form(gathering: Gathering, item: AgendaItem | None) -> AgendaItemForm:
    form = AgendaItemForm(obj=item)
    form.day.choices = options((d.isoformat(), format_date(d, "weekday")) for d in gathering.days)
    form.method.choices = options(
        [(0, _("Ingen metode"))] + [(m.id, m.name) for m in services.methods(db.session)]
    )
    if request.method == "GET":
        if item is not None:
            form.day.data = item.day.isoformat()
            form.kind.data = item.kind.value
            form.method.data = item.method_id or 0
        else:
            day = request.args.get("day") or gathering.starts_on.isoformat()
            form.day.data = day
            last = [i for i in gathering.items if i.day.isoformat() == day]
            if last:
                form.starts_at.data = max(i.end_dt for i in last).time()
    return form


def _item_data(form: AgendaItemForm) -> services.ItemData:
    return services.ItemData(
        day=date.fromisoformat(form.day.data),
        starts_at=form.starts_at.data,
        duration_minutes=form.duration_minutes.data or 0,  # required: read by then
        title=form.title.data or "",
        description=form.description.data or "",
        kind=form.kind.data,
        speaker=form.speaker.data or "",
        method_id=form.method.data or None,
        roles=form.roles.data or "",
        timing=form.timing.data or "",
        steps=form.steps.data or "",
        shift_following=form.shift_following.data,
    )


def _save_item_view(gathering: Gathering, item: AgendaItem | None) -> Any:
    form = _item_form(gathering, item)
    if form.validate_on_submit():
        with attempt() as outcome:
            saved = services.save_item(db.session, current_user, gathering, _item_data(form), item)
        if outcome.failed:
            outcome.show_on(form, "starts_at")
        else:
            flash(_("«%(title)s» er lagret.", title=saved.title), "success")
            return redirect(
                url_for("gatherings.show", gathering_id=gathering.id, _anchor=f"punkt-{saved.id}")
            )
    method_data = {
        str(m.id): {"steps": m.steps, "roles": m.roles, "timing": m.timing}
        for m in services.methods(db.session)
    }
    return render_template(
        "gatherings/item_form.html",
        form=form,
        gathering=gathering,
        item=item,
        method_data=json.dumps(method_data, ensure_ascii=False),
    )


@bp.route("/gatherings/<int:gathering_id>/agenda/new", methods=["GET", "POST"])
@access.loads(Gathering, right=access.Right.EDIT)
def add_item(gathering: Gathering) -> Any:
    return _save_item_view(gathering, None)


@bp.route("/agenda/<int:item_id>/edit", methods=["GET", "POST"])
@access.loads(AgendaItem, "item_id", right=access.Right.EDIT)
def edit_item(item: AgendaItem) -> Any:
    return _save_item_view(item.gathering, item)


@bp.post("/agenda/<int:item_id>/delete")
@access.loads(AgendaItem, "item_id", right=access.Right.EDIT)
def delete_item(item: AgendaItem) -> Any:
    gathering_id, title = item.gathering_id, item.title
    services.delete_item(db.session, current_user, item)
    flash(_("«%(title)s» er slettet.", title=title), "success")
    return redirect(url_for("gatherings.show", gathering_id=gathering_id, _anchor="program"))


@bp.post("/agenda/<int:item_id>/move/<direction>")
@access.loads(AgendaItem, "item_id", right=access.Right.EDIT)
def move_item(item: AgendaItem, direction: str) -> Any:
    if direction not in {"up", "down"}:
        abort(404)
    services.move_item(db.session, current_user, item, direction)
    return redirect(
        url_for("gatherings.show", gathering_id=item.gathering_id, _anchor=f"punkt-{item.id}")
    )


@bp.route("/gatherings/<int:gathering_id>/copy", methods=["GET", "POST"])
@access.loads(Gathering, right=access.Right.EDIT)
def copy(gathering: Gathering) -> Any:
    form = CopyForm()
    sources = services.copyable_gatherings(db.session, current_user, gathering)
    form.source.choices = options(
        (g.id, f"{g.network.name}: {g.title} ({format_date(g.starts_on)})") for g in sources
    )
    if form.validate_on_submit():
        source = next(g for g in sources if g.id == form.source.data)  # a choice of the form
        with attempt() as outcome:
            copied = services.copy_agenda(
                db.session, current_user, gathering, source, replace=form.replace.data
            )
        if outcome.failed:
            outcome.show_on(form, "source")
        else:
            flash(_("%(n)d programpunkter er kopiert. Tilpass dem under.", n=copied), "success")
            return redirect(
                url_for("gatherings.show", gathering_id=gathering.id, _anchor="program")
            )
    return render_template("gatherings/copy.html", form=form, gathering=gathering, sources=sources)


# ---- materials ------------------------------------------------------------------------


@bp.route("/agenda/<int:item_id>/materials", methods=["GET", "POST"])
@access.loads(AgendaItem, "item_id", right=access.Right.EDIT)
def add_material(item: AgendaItem) -> Any:
    form = MaterialForm()
    if form.validate_on_submit():
        upload = form.file.data
        with attempt() as outcome:
            stored = None
            if upload and upload.filename:
                checked = check_upload(
                    upload.stream, upload.filename, DOCUMENT_TYPES | IMAGE_TYPES, MATERIAL_MAX_BYTES
                )
                stored = store(db.session, checked, current_user)
            services.add_material(
                db.session, current_user, item, form.title.data, form.url.data, stored
            )
        if outcome.failed:
            outcome.show_on(form, "file")
        else:
            flash(_("Materialet er lagt til."), "success")
            return redirect(
                url_for(
                    "gatherings.show", gathering_id=item.gathering_id, _anchor=f"punkt-{item.id}"
                )
            )
    return render_template(
        "gatherings/material_form.html", form=form, item=item, gathering=item.gathering
    ), (422 if form.file.errors else 200)


@bp.get("/materials/<int:material_id>")
@access.loads(Material)
def material(material: Material) -> Any:
    if material.file is None:
        abort(404)
    return send(material.file, inline=True)


@bp.post("/materials/<int:material_id>/delete")
@access.loads(Material, right=access.Right.EDIT)
def delete_material(material: Material) -> Any:
    gathering_id = material.item.gathering_id
    services.delete_material(db.session, current_user, material)
    flash(_("Materialet er fjernet."), "success")
    return redirect(url_for("gatherings.show", gathering_id=gathering_id, _anchor="program"))


# ---- registration ---------------------------------------------------------------------


def _person(form: RegistrationForm, municipality_id: int | None) -> registrations.Person:
    return registrations.Person(
        last_name=form.last_name.data or "",
        first_name=form.first_name.data or "",
        email=form.email.data or "",
        phone=form.phone.data or "",
        job_title=form.job_title.data or "",
        organisation="",
        municipality_id=municipality_id,
    )


@bp.post("/gatherings/<int:gathering_id>/register")
@access.loads(Gathering)
def register(gathering: Gathering) -> Any:
    """Register oneself, or (coordinators) a person of one's municipality."""
    form = _registration_form(gathering, None, formdata=request.form)
    for_other = request.form.get("for") == "other"
    if for_other:
        access.require(permissions.can_register_others(current_user, gathering), gathering)
        municipality_id = permissions.coordinated_municipality_id(current_user, gathering)
        user_id = None
    else:
        municipality_id = permissions.own_municipality_id(current_user, gathering)
        user_id = current_user.id
        form.email.data = current_user.email
    if form.validate():
        person = _person(form, municipality_id)
        person.organisation = registrations.organisation_of(db.session, municipality_id)
        with attempt() as outcome:
            registrations.register(
                db.session,
                current_user,
                gathering,
                person,
                [date.fromisoformat(d) for d in form.days.data or []],
                form.dinner.data,
                user_id=user_id,
            )
        if outcome.failed:
            outcome.show_on(form, "days")
        else:
            flash(_("Påmeldingen er lagret."), "success")
            return redirect(
                url_for("gatherings.show", gathering_id=gathering.id, _anchor="pamelding")
            )
    mine = registrations.visible_registrations(gathering, current_user)
    return render_template(
        "gatherings/show.html",
        gathering=gathering,
        can_edit=gathering.can_edit(current_user),
        warnings=[],
        registration_open=registrations.registration_open(gathering),
        own_registration=next((r for r in mine if r.user_id == current_user.id), None),
        registrations=mine,
        registration_form=form,
        registration_for_other=for_other,
        coordinates=permissions.coordinates_in(current_user, gathering),
        counts=services.counts(gathering) if gathering.can_edit(current_user) else None,
        **LABELS,
    ), 422


@bp.post("/registrations/<int:registration_id>/delete")
@access.loads(Registration, right=access.Right.EDIT)
def unregister(registration: Registration) -> Any:
    gathering_id = registration.gathering_id
    registrations.unregister(db.session, current_user, registration)
    flash(_("Påmeldingen er fjernet."), "success")
    return redirect(url_for("gatherings.show", gathering_id=gathering_id, _anchor="pamelding"))


# ---- attendance -----------------------------------------------------------------------


@bp.get("/gatherings/<int:gathering_id>/attendance")
@access.loads(Gathering, right=access.Right.EDIT)
def attendance(gathering: Gathering) -> Any:
    services.preload(db.session, gathering)
    return render_template(
        "gatherings/attendance.html",
        gathering=gathering,
        counts=services.counts(gathering),
        import_form=ImportForm(),
        **LABELS,
    )


@bp.get("/gatherings/<int:gathering_id>/attendance.<fmt>")
@access.loads(Gathering, right=access.Right.EDIT)
def attendance_export(gathering: Gathering, fmt: str) -> Any:
    services.preload(db.session, gathering)
    table = registrations.attendance_table(gathering)
    return table_response([table], fmt, f"deltakere-samling-{gathering.number}")


@bp.post("/gatherings/<int:gathering_id>/import")
@access.loads(Gathering, right=access.Right.EDIT)
def import_preview(gathering: Gathering) -> Any:
    form = ImportForm()
    rows: list[registrations.ImportRow] = []
    if form.validate_on_submit():
        upload = form.file.data
        with attempt() as outcome:
            if not upload or not upload.filename:
                raise ServiceError(_("Velg en fil."))
            checked = check_upload(upload.stream, upload.filename, IMPORT_TYPES, IMPORT_MAX_BYTES)
            rows = registrations.parse_participants(
                db.session, gathering, registrations.read_rows(checked.data, checked.content_type)
            )
        if outcome.failed:
            outcome.show_on(form, "file")
    confirm = ImportConfirmForm()
    confirm.rows.data = json.dumps([r.person.__dict__ for r in rows if r.ok], ensure_ascii=False)
    return render_template(
        "gatherings/import_preview.html",
        gathering=gathering,
        form=form,
        rows=rows,
        confirm=confirm,
        counts=services.counts(gathering),
        **LABELS,
    ), (200 if rows else 422)


@bp.post("/gatherings/<int:gathering_id>/import/confirm")
@access.loads(Gathering, right=access.Right.EDIT)
def import_confirm(gathering: Gathering) -> Any:
    form = ImportConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        raw = json.loads(form.rows.data or "[]")
        people = [registrations.Person(**_person_fields(p)) for p in raw]
    except (ValueError, TypeError, AttributeError):
        flash(_("Forhåndsvisningen kunne ikke leses. Last opp filen på nytt."), "danger")
        return redirect(url_for("gatherings.attendance", gathering_id=gathering.id))
    header = ["Etternavn", "Fornavn", "E-post", "Mobil", "Stilling/tittel", "Firma"]
    rows = (
        registrations.parse_participants(
            db.session,
            gathering,
            [header]
            + [
                [p.last_name, p.first_name, p.email, p.phone, p.job_title, p.organisation]
                for p in people
            ],
        )
        if people
        else []
    )
    with attempt(flash_error=True) as outcome:
        count = registrations.import_participants(db.session, current_user, gathering, rows)
    if not outcome.failed:
        flash(_("%(n)d deltakere er importert.", n=count), "success")
    return redirect(url_for("gatherings.attendance", gathering_id=gathering.id))


def _whole(text: str) -> int:
    """A whole number typed in a query ("3 "); not one is a ValueError (the default is used)."""
    number = parse_whole(text)
    if number is None:
        raise ValueError(text)
    return number


@bp.get("/gatherings/<int:gathering_id>/groups")
@access.loads(Gathering, right=access.Right.EDIT)
def groups(gathering: Gathering) -> Any:
    services.preload(db.session, gathering)
    item = None
    if request.args.get("item"):
        wanted = request.args.get("item", type=bounded_int)
        item = next((i for i in gathering.items if i.id == wanted), None)
        if item is None:
            abort(404)
    count = max(1, min(request.args.get("n", default=4, type=_whole) or 4, 50))
    day = item.day if item else gathering.starts_on
    people = [r for r in gathering.registrations if r.attends(day)]
    return render_template(
        "gatherings/groups.html",
        gathering=gathering,
        item=item,
        count=count,
        day=day,
        groups=services.make_groups(people, count),
        label=services.group_label,
    )


# ---- outputs --------------------------------------------------------------------------


@bp.get("/gatherings/<int:gathering_id>/program.pdf")
@access.loads(Gathering)
def program_pdf(gathering: Gathering) -> Any:
    services.preload(db.session, gathering)
    pdf = outputs.program_pdf(gathering, current_language())
    return download(pdf, "application/pdf", f"program-samling-{gathering.number}.pdf", inline=True)


@bp.get("/gatherings/<int:gathering_id>/program.ics")
@access.loads(Gathering)
def program_ics(gathering: Gathering) -> Any:
    return download(
        outputs.program_ics(gathering, request.host),
        "text/calendar",
        f"samling-{gathering.number}.ics",
    )


@bp.get("/gatherings/<int:gathering_id>/projection")
@access.loads(Gathering)
def projection(gathering: Gathering) -> Any:
    try:
        asked = date.fromisoformat(request.args["day"]) if "day" in request.args else None
    except ValueError:
        asked = None
    return render_template(
        "gatherings/projection.html",
        gathering=gathering,
        screen=projection_screen(gathering, asked, local_now()),
        **LABELS,
    )


# ---- methods --------------------------------------------------------------------------


@bp.get("/methods")
def method_list() -> Any:
    return render_template(
        "gatherings/methods.html",
        methods=services.methods(db.session),
        can_edit=permissions.can_keep_methods(current_user),
    )


@bp.route("/methods/new", methods=["GET", "POST"])
def new_method() -> Any:
    access.require(permissions.can_keep_methods(current_user))
    return _method_view(None)


@bp.route("/methods/<int:method_id>/edit", methods=["GET", "POST"])
@access.loads(Method, right=access.Right.EDIT)
def edit_method(method: Method) -> Any:
    return _method_view(method)


def _method_view(method: Method | None) -> Any:
    form = MethodForm(obj=method)
    if form.validate_on_submit():
        with attempt() as outcome:
            services.save_method(db.session, current_user, form.data, method)
        if outcome.failed:
            outcome.show_on(form, "name")
        else:
            flash(_("Metoden er lagret."), "success")
            return redirect(url_for("gatherings.method_list"))
    return render_template("gatherings/method_form.html", form=form, method=method)

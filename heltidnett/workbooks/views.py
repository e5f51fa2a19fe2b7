"""Routes for chapters, the answers of a municipality, the delivery board and the outputs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.core.bounds import bounded_int
from heltidnett.core.downloads import download
from heltidnett.core.errors import ServiceError
from heltidnett.core.forms import options
from heltidnett.core.steps import apply_step
from heltidnett.extensions import db
from heltidnett.gatherings.models import Gathering
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Network
from heltidnett.workbooks import content, documents, rules, services
from heltidnett.workbooks.forms import MARKUP_HINT, ChapterForm, PromptForm, TemplateForm
from heltidnett.workbooks.labels import KIND_LABELS, STATUS_COLORS, STATUS_LABELS
from heltidnett.workbooks.models import (
    Answer,
    Chapter,
    ChapterDelivery,
    Prompt,
    PromptKind,
)

bp = Blueprint("workbooks", __name__, template_folder="templates")


def saved_when(moment: Any) -> str:
    """'kl. 10.41' for today, else the date and time."""
    from flask_babel import get_timezone

    from heltidnett.core.i18n import format_datetime, format_time

    if moment is None:
        return ""
    local = moment.astimezone(get_timezone())
    if local.date() == datetime.now(get_timezone()).date():
        return format_time(moment)
    return format_datetime(moment)


@bp.app_context_processor
def _globals() -> dict[str, Any]:
    return {
        "workbook_status_labels": STATUS_LABELS,
        "workbook_saved_when": saved_when,
        "workbook_status_colors": STATUS_COLORS,
        "workbook_feedback_notices": lambda: services.feedback_notices(db.session, current_user),
    }


def _today() -> date:
    return date.today()


def _gathering_choices(form: ChapterForm, network: Network) -> None:
    gatherings = db.session.scalars(
        db.select(Gathering).where(Gathering.network_id == network.id).order_by(Gathering.starts_on)
    ).all()
    form.opens_after_gathering.choices = options(
        [(0, _("Ingen"))] + [(g.id, f"{g.number}. {g.title}") for g in gatherings]
    )


def _chapter_fields(form: ChapterForm) -> dict[str, Any]:
    return {
        "number": form.number.data,
        "title": form.title.data or "",
        "introduction": form.introduction.data or "",
        "opens_after_gathering_id": form.opens_after_gathering.data or None,
        "due_on": form.due_on.data,
    }


# ---- the network's workbook and board ---------------------------------------------------


@bp.get("/networks/<int:network_id>/workbook")
def index(network_id: int) -> Any:
    network = access.load_viewable(Network, network_id)
    chapters = services.chapters_of(db.session, network.id)
    municipalities = services.network_municipalities(db.session, network.id)
    rows = []
    for chapter in chapters:
        deliveries = {d.municipality_id: d for d in chapter.deliveries}
        mine = [
            (m, deliveries.get(m.id), services.status_of(deliveries.get(m.id)))
            for m in municipalities
            if rules.can_view_work(current_user, chapter, m.id, deliveries.get(m.id))
        ]
        rows.append((chapter, mine))
    return render_template(
        "workbooks/index.html",
        network=network,
        rows=rows,
        can_edit=network.can_edit(current_user),
        today=_today(),
        own_ids=access.coordinated_municipality_ids(current_user),
    )


@bp.get("/networks/<int:network_id>/workbook/board")
def board(network_id: int) -> Any:
    network = access.load_viewable(Network, network_id)
    access.require(network.can_edit(current_user), network)
    chapters, municipalities, cells = services.board(db.session, network, _today())
    return render_template(
        "workbooks/board.html",
        network=network,
        chapters=chapters,
        municipalities=municipalities,
        cells=cells,
    )


# ---- chapters and prompts -------------------------------------------------------------


@bp.route("/networks/<int:network_id>/chapters/new", methods=["GET", "POST"])
def new_chapter(network_id: int) -> Any:
    network = access.load_editable(Network, network_id)
    form = ChapterForm(prefix="c")
    _gathering_choices(form, network)
    template_form = TemplateForm(prefix="t")
    template_form.source.choices = options(services.template_choices(db.session, current_user))
    if form.validate_on_submit():
        try:
            chapter = services.create_chapter(
                db.session, current_user, network, **_chapter_fields(form)
            )
        except ServiceError as error:
            form.title.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Kapittelet er opprettet. Legg til spørsmålene."), "success")
            return redirect(url_for("workbooks.chapter", chapter_id=chapter.id))
    elif form.is_submitted() is False and not form.number.data:
        form.number.data = len(services.chapters_of(db.session, network.id)) + 1
    return render_template(
        "workbooks/chapter_form.html",
        form=form,
        template_form=template_form,
        network=network,
        chapter=None,
    )


@bp.post("/networks/<int:network_id>/chapters/from-template")
def from_template(network_id: int) -> Any:
    network = access.load_editable(Network, network_id)
    template_form = TemplateForm(prefix="t")
    template_form.source.choices = options(services.template_choices(db.session, current_user))
    form = ChapterForm(prefix="c", formdata=None)
    _gathering_choices(form, network)
    if template_form.validate_on_submit():
        try:
            chapter = services.create_from_template(
                db.session,
                current_user,
                network,
                template_form.source.data,
                number=template_form.number.data,
                due_on=template_form.due_on.data,
            )
        except ServiceError as error:
            template_form.source.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Kapittelet er laget fra malen."), "success")
            return redirect(url_for("workbooks.chapter", chapter_id=chapter.id))
    return render_template(
        "workbooks/chapter_form.html",
        form=form,
        template_form=template_form,
        network=network,
        chapter=None,
    ), 422


@bp.get("/chapters/<int:chapter_id>")
def chapter(chapter_id: int) -> Any:
    chapter = access.load_viewable(Chapter, chapter_id)
    can_edit = chapter.can_edit(current_user)
    deliveries = {d.municipality_id: d for d in chapter.deliveries}
    municipalities = [
        (m, deliveries.get(m.id))
        for m in services.network_municipalities(db.session, chapter.network_id)
        if rules.can_view_work(current_user, chapter, m.id, deliveries.get(m.id))
    ]
    prompt_form = PromptForm(prefix="p") if can_edit else None
    return render_template(
        "workbooks/chapter.html",
        chapter=chapter,
        network=chapter.network,
        can_edit=can_edit,
        municipalities=municipalities,
        prompt_form=prompt_form,
        kind_labels=KIND_LABELS,
        intro_html=services.introduction_html(chapter),
        options_text=services.options_text,
        today=_today(),
    )


@bp.route("/chapters/<int:chapter_id>/edit", methods=["GET", "POST"])
def edit_chapter(chapter_id: int) -> Any:
    chapter = access.load_editable(Chapter, chapter_id)
    form = ChapterForm(prefix="c", obj=chapter)
    _gathering_choices(form, chapter.network)
    if not form.is_submitted():
        form.opens_after_gathering.data = chapter.opens_after_gathering_id or 0
    if form.validate_on_submit():
        try:
            services.update_chapter(db.session, current_user, chapter, **_chapter_fields(form))
        except ServiceError as error:
            form.title.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Endringene er lagret."), "success")
            return redirect(url_for("workbooks.chapter", chapter_id=chapter.id))
    return render_template(
        "workbooks/chapter_form.html",
        form=form,
        template_form=None,
        network=chapter.network,
        chapter=chapter,
    )


def _prompt_fields(form: PromptForm) -> dict[str, Any]:
    return {
        "kind": form.kind.data,
        "label": form.label.data or "",
        "help_text": form.help_text.data or "",
        "options": form.options.data or "",
    }


@bp.post("/chapters/<int:chapter_id>/prompts")
def add_prompt(chapter_id: int) -> Any:
    chapter = access.load_editable(Chapter, chapter_id)
    form = PromptForm(prefix="p")
    if form.validate_on_submit():
        try:
            services.save_prompt(db.session, current_user, chapter, **_prompt_fields(form))
        except ServiceError as error:
            form.options.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Spørsmålet er lagt til."), "success")
            return redirect(url_for("workbooks.chapter", chapter_id=chapter.id, _anchor="sporsmal"))
    return render_template(
        "workbooks/prompt_form.html", form=form, chapter=chapter, prompt=None
    ), 422


@bp.route("/prompts/<int:prompt_id>/edit", methods=["GET", "POST"])
def edit_prompt(prompt_id: int) -> Any:
    prompt = access.load_editable(Prompt, prompt_id)
    form = PromptForm(prefix="p", obj=prompt)
    if not form.is_submitted():
        form.kind.data = prompt.kind.value
        form.options.data = services.options_text(prompt)
    if form.validate_on_submit():
        try:
            services.save_prompt(
                db.session, current_user, prompt.chapter, prompt=prompt, **_prompt_fields(form)
            )
        except ServiceError as error:
            form.options.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Endringene er lagret."), "success")
            return redirect(
                url_for("workbooks.chapter", chapter_id=prompt.chapter_id, _anchor="sporsmal")
            )
    return render_template(
        "workbooks/prompt_form.html", form=form, chapter=prompt.chapter, prompt=prompt
    )


@bp.post("/prompts/<int:prompt_id>/delete")
def delete_prompt(prompt_id: int) -> Any:
    prompt = access.load_editable(Prompt, prompt_id)
    chapter_id = prompt.chapter_id
    apply_step(
        lambda: services.delete_prompt(db.session, current_user, prompt),
        _("Spørsmålet er slettet."),
    )
    return redirect(url_for("workbooks.chapter", chapter_id=chapter_id, _anchor="sporsmal"))


@bp.post("/prompts/<int:prompt_id>/move/<direction>")
def move_prompt(prompt_id: int, direction: str) -> Any:
    prompt = access.load_editable(Prompt, prompt_id)
    if direction not in ("up", "down"):
        abort(404)
    services.move_prompt(db.session, current_user, prompt, -1 if direction == "up" else 1)
    db.session.commit()
    return redirect(url_for("workbooks.chapter", chapter_id=prompt.chapter_id, _anchor="sporsmal"))


# ---- a municipality's answers ---------------------------------------------------------


def _load_work(
    chapter_id: int, municipality_id: int
) -> tuple[Chapter, Municipality, ChapterDelivery | None]:
    """The chapter and municipality if the user may see this work: 404 missing, 403 not theirs."""
    chapter = access.get_or_404(Chapter, chapter_id)
    municipality = access.get_or_404(Municipality, municipality_id)
    delivery = services.find_delivery(db.session, chapter, municipality.id)
    if not rules.takes_part(chapter, municipality.id):
        abort(404)
    access.require(
        rules.can_view_work(current_user, chapter, municipality.id, delivery), delivery or chapter
    )
    return chapter, municipality, delivery


def _load_prompt(chapter: Chapter, prompt_id: int) -> Prompt:
    prompt = access.get_or_404(Prompt, prompt_id)
    if prompt.chapter_id != chapter.id:
        abort(404)
    return prompt


def _render_work(
    chapter: Chapter,
    municipality: Municipality,
    delivery: ChapterDelivery | None,
    overrides: dict[int, dict[str, Any]] | None = None,
    conflicts: dict[int, Answer] | None = None,
    errors: dict[int, str] | None = None,
    status: int = 200,
) -> Any:
    answers = services.answers_by_prompt(db.session, chapter, municipality.id)
    can_write = rules.can_write_answers(current_user, chapter, municipality.id)
    locked = bool(delivery and delivery.is_locked)
    return render_template(
        "workbooks/work.html",
        chapter=chapter,
        network=chapter.network,
        municipality=municipality,
        delivery=delivery,
        status=services.status_of(delivery),
        answers=answers,
        overrides=overrides or {},
        conflicts=conflicts or {},
        errors=errors or {},
        editable=can_write and not locked,
        can_write=can_write,
        can_feedback=rules.can_give_feedback(current_user, chapter),
        intro_html=services.introduction_html(chapter),
        markup_hint=MARKUP_HINT,
        content=content,
        kinds=PromptKind,
        today=_today(),
        overdue=services.is_overdue(chapter, services.status_of(delivery), _today()),
    ), status


@bp.get("/chapters/<int:chapter_id>/municipalities/<int:municipality_id>")
def work(chapter_id: int, municipality_id: int) -> Any:
    chapter, municipality, delivery = _load_work(chapter_id, municipality_id)
    return _render_work(chapter, municipality, delivery)


@bp.post("/chapters/<int:chapter_id>/municipalities/<int:municipality_id>/prompts/<int:prompt_id>")
def save_answer(chapter_id: int, municipality_id: int, prompt_id: int) -> Any:
    chapter, municipality, delivery = _load_work(chapter_id, municipality_id)
    access.require(rules.can_write_answers(current_user, chapter, municipality.id), chapter)
    prompt = _load_prompt(chapter, prompt_id)
    htmx = request.headers.get("HX-Request") == "true"
    raw = request.form.get("merge_version") or request.form.get("version", "0")
    base = int(raw) if raw.strip().isdigit() else 0
    value = content.from_form(prompt, request.form)
    try:
        answer, changed = services.save_answer(
            db.session, current_user, prompt, municipality.id, value, base
        )
    except services.VersionConflict as conflict:
        db.session.rollback()
        mine = _content_or_raw(prompt, value)
        if htmx:
            return render_template(
                "workbooks/_conflict.html",
                prompt=prompt,
                mine=mine,
                theirs=conflict.answer,
                content=content,
            )
        return _render_work(
            chapter,
            municipality,
            delivery,
            overrides={prompt.id: mine},
            conflicts={prompt.id: conflict.answer},
            status=409,
        )
    except ServiceError as error:
        db.session.rollback()
        if htmx:
            return render_template("workbooks/_save_error.html", prompt=prompt, message=str(error))
        return _render_work(
            chapter,
            municipality,
            delivery,
            overrides={prompt.id: _content_or_raw(prompt, value)},
            errors={prompt.id: str(error)},
            status=422,
        )
    db.session.commit()
    if htmx:
        return render_template(
            "workbooks/_saved.html", prompt=prompt, answer=answer, changed=changed
        )
    flash(_("Svaret er lagret."), "success")
    return redirect(
        url_for(
            "workbooks.work",
            chapter_id=chapter.id,
            municipality_id=municipality.id,
            _anchor=f"prompt-{prompt.id}",
        )
    )


def _content_or_raw(prompt: Prompt, value: Any) -> dict[str, Any]:
    """What the writer sent, as content, even when it does not pass the checks."""
    try:
        return content.normalize(prompt, value)
    except ServiceError:
        if prompt.kind == PromptKind.RANKED:
            return {"items": [i for i in value if str(i.get("text", "")).strip()]}
        if prompt.kind == PromptKind.TABLE:
            return {"rows": value}
        return {"value": value}


@bp.get(
    "/chapters/<int:chapter_id>/municipalities/<int:municipality_id>/prompts/<int:prompt_id>/history"
)
def history(chapter_id: int, municipality_id: int, prompt_id: int) -> Any:
    chapter, municipality, _delivery = _load_work(chapter_id, municipality_id)
    prompt = _load_prompt(chapter, prompt_id)
    answer = services.answers_by_prompt(db.session, chapter, municipality.id).get(prompt.id)
    versions = list(answer.versions) if answer else []
    by_number = {v.version: v for v in versions}
    diff = None
    old = new = None
    if len(versions) >= 2:
        new_n = request.args.get("b", type=bounded_int) or versions[-1].version
        old_n = request.args.get("a", type=bounded_int) or max(1, new_n - 1)
        old, new = by_number.get(old_n), by_number.get(new_n)
        if old is None or new is None:
            abort(404)
        diff = services.diff_lines(
            content.as_lines(prompt, old.content), content.as_lines(prompt, new.content)
        )
    return render_template(
        "workbooks/history.html",
        chapter=chapter,
        network=chapter.network,
        municipality=municipality,
        prompt=prompt,
        versions=versions,
        diff=diff,
        old=old,
        new=new,
        content=content,
    )


def _work_redirect(chapter: Chapter, municipality: Municipality) -> Any:
    return redirect(
        url_for("workbooks.work", chapter_id=chapter.id, municipality_id=municipality.id)
    )


@bp.post("/chapters/<int:chapter_id>/municipalities/<int:municipality_id>/submit")
def submit(chapter_id: int, municipality_id: int) -> Any:
    chapter, municipality, _delivery = _load_work(chapter_id, municipality_id)
    access.require(rules.can_write_answers(current_user, chapter, municipality.id), chapter)
    try:
        services.submit(db.session, current_user, chapter, municipality.id)
        if request.form.get("share"):
            services.set_shared(db.session, current_user, chapter, municipality.id, True)
    except ServiceError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        db.session.commit()
        flash(_("Kapittelet er levert. Takk!"), "success")
    return _work_redirect(chapter, municipality)


@bp.post("/chapters/<int:chapter_id>/municipalities/<int:municipality_id>/share")
def share(chapter_id: int, municipality_id: int) -> Any:
    chapter, municipality, _delivery = _load_work(chapter_id, municipality_id)
    access.require(rules.can_write_answers(current_user, chapter, municipality.id), chapter)
    shared = request.form.get("shared") == "y"
    services.set_shared(db.session, current_user, chapter, municipality.id, shared)
    db.session.commit()
    flash(
        _("Kapittelet deles med nettverket når det er levert.")
        if shared
        else _("Kapittelet deles ikke med de andre kommunene."),
        "success",
    )
    return _work_redirect(chapter, municipality)


@bp.post("/chapters/<int:chapter_id>/municipalities/<int:municipality_id>/reopen")
def reopen(chapter_id: int, municipality_id: int) -> Any:
    chapter, municipality, _delivery = _load_work(chapter_id, municipality_id)
    access.require(rules.can_give_feedback(current_user, chapter), chapter)
    apply_step(
        lambda: services.reopen(db.session, current_user, chapter, municipality.id),
        _("Kapittelet er åpnet igjen for endringer."),
    )
    return _work_redirect(chapter, municipality)


@bp.post("/chapters/<int:chapter_id>/municipalities/<int:municipality_id>/feedback")
def feedback(chapter_id: int, municipality_id: int) -> Any:
    chapter, municipality, _delivery = _load_work(chapter_id, municipality_id)
    access.require(rules.can_give_feedback(current_user, chapter), chapter)
    per_prompt = {p.id: request.form.get(f"feedback-{p.id}", "")[:20_000] for p in chapter.prompts}
    try:
        services.give_feedback(
            db.session,
            current_user,
            chapter,
            municipality.id,
            request.form.get("chapter_feedback", "")[:20_000],
            per_prompt,
        )
    except ServiceError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        db.session.commit()
        flash(_("Tilbakemeldingen er lagret."), "success")
    return _work_redirect(chapter, municipality)


# ---- outputs ---------------------------------------------------------------------------


def _municipality_workbook(network_id: int, municipality_id: int) -> documents.Workbook:
    network = access.load_viewable(Network, network_id)
    municipality = access.get_or_404(Municipality, municipality_id)
    if network.id not in access.municipality_network_ids(municipality.id):
        abort(404)
    book = documents.build(
        db.session,
        network,
        [municipality],
        current_user,
        with_feedback=request.args.get("feedback") == "1",
    )
    access.require(bool(book.parts and book.parts[0].chapters), municipality)
    return book


@bp.get("/networks/<int:network_id>/municipalities/<int:municipality_id>/workbook.pdf")
def municipality_pdf(network_id: int, municipality_id: int) -> Any:
    book = _municipality_workbook(network_id, municipality_id)
    return download(documents.to_pdf(book), "application/pdf", book.filename + ".pdf")


@bp.get("/networks/<int:network_id>/municipalities/<int:municipality_id>/workbook.docx")
def municipality_docx(network_id: int, municipality_id: int) -> Any:
    book = _municipality_workbook(network_id, municipality_id)
    return download(
        documents.to_docx(book),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        book.filename + ".docx",
    )


@bp.get("/networks/<int:network_id>/workbook.pdf")
def network_pdf(network_id: int) -> Any:
    network = access.load_viewable(Network, network_id)
    access.require(network.can_edit(current_user), network)
    municipalities = services.network_municipalities(db.session, network.id)
    book = documents.build(
        db.session,
        network,
        municipalities,
        current_user,
        with_feedback=request.args.get("feedback") == "1",
    )
    return download(documents.to_pdf(book), "application/pdf", book.filename + ".pdf")

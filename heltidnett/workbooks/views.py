"""Routes for chapters, a municipality's delivery of a chapter, the board and the outputs."""

from __future__ import annotations

from datetime import date, datetime, time
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
from heltidnett.core import markup
from heltidnett.core.bounds import bounded_int
from heltidnett.core.downloads import download
from heltidnett.core.errors import ServiceError
from heltidnett.core.forms import options
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.goals import links as goal_links
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Network
from heltidnett.workbooks import content, documents, loaders, permissions, services
from heltidnett.workbooks.forms import ChapterForm, PromptForm, TemplateForm
from heltidnett.workbooks.labels import (
    CHAPTER_STATE_COLORS,
    CHAPTER_STATE_LABELS,
    KIND_LABELS,
    STATUS_COLORS,
    STATUS_LABELS,
    markup_examples,
)
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
        "workbook_chapter_state_labels": CHAPTER_STATE_LABELS,
        "workbook_chapter_state_colors": CHAPTER_STATE_COLORS,
        "workbook_feedback_notices": lambda: services.feedback_notices(db.session, current_user),
    }


def _today() -> date:
    return date.today()


def _gathering_choices(form: ChapterForm, network: Network) -> None:
    gatherings = services.gatherings_of(db.session, network.id)
    form.opens_after_gathering.choices = options(
        [(0, _("Ingen"))] + [(g.id, f"{g.number}. {g.title}") for g in gatherings]
    )


OPENS_AT_DEFAULT_TIME = time(8, 0)


def _opening(form: ChapterForm) -> datetime | None:
    """The opening time typed in the form (local time; 08.00 when only a day is given)."""
    from zoneinfo import ZoneInfo

    from flask_babel import get_timezone

    day = form.opens_on.data
    if day is None:
        return None
    moment = form.opens_time.data or OPENS_AT_DEFAULT_TIME
    return datetime.combine(day, moment, tzinfo=ZoneInfo(str(get_timezone())))


def _show_opening(form: ChapterForm, chapter: Chapter) -> None:
    """Fill the opening day and time of a draft with a time, in local time."""
    from flask_babel import get_timezone

    if chapter.opens_at is not None:
        local = chapter.opens_at.astimezone(get_timezone())
        form.opens_on.data = local.date()
        form.opens_time.data = local.time().replace(second=0, microsecond=0)


def _chapter_fields(form: ChapterForm) -> dict[str, Any]:
    return {
        "number": form.number.data,
        "title": form.title.data or "",
        "introduction": form.introduction.data or "",
        "opens_after_gathering_id": form.opens_after_gathering.data or None,
        "due_on": form.due_on.data,
        "opens_at": _opening(form),
    }


# ---- the network's workbook and board ---------------------------------------------------


@bp.get("/networks/<int:network_id>/workbook")
@access.loads(Network)
def index(network: Network) -> Any:
    chapters = services.visible_chapters(db.session, current_user, network.id)
    municipalities = services.network_municipalities(db.session, network.id)
    rows = []
    for chapter in chapters:
        seen = services.visible_deliveries(current_user, chapter, municipalities)
        rows.append((chapter, [(m, d, services.status_of(d)) for m, d in seen]))
    return render_template(
        "workbooks/index.html",
        network=network,
        rows=rows,
        can_edit=network.can_edit(current_user),
        today=_today(),
        is_overdue=services.is_overdue,
        own_ids=access.coordinated_municipality_ids(current_user),
    )


@bp.get("/networks/<int:network_id>/workbook/board")
@access.loads(Network, right=access.Right.EDIT)
def board(network: Network) -> Any:
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
@access.loads(Network, right=access.Right.EDIT)
def new_chapter(network: Network) -> Any:
    form = ChapterForm(prefix="c")
    _gathering_choices(form, network)
    template_form = TemplateForm(prefix="t")
    template_form.source.choices = options(services.template_choices(db.session, current_user))
    if form.validate_on_submit():
        created = _("Kapittelet er opprettet som utkast. Legg til spørsmålene, og åpne det.")
        with attempt(created) as outcome:
            chapter = services.create_chapter(
                db.session, current_user, network, **_chapter_fields(form)
            )
        if outcome.failed:
            outcome.show_on(form, "title")
        else:
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
@access.loads(Network, right=access.Right.EDIT)
def from_template(network: Network) -> Any:
    template_form = TemplateForm(prefix="t")
    template_form.source.choices = options(services.template_choices(db.session, current_user))
    form = ChapterForm(prefix="c", formdata=None)
    _gathering_choices(form, network)
    if template_form.validate_on_submit():
        with attempt(
            _("Kapittelet er laget fra malen, som utkast. Åpne det når det er klart.")
        ) as outcome:
            chapter = services.create_from_template(
                db.session,
                current_user,
                network,
                template_form.source.data,
                number=template_form.number.data,
                due_on=template_form.due_on.data,
            )
        if outcome.failed:
            outcome.show_on(template_form, "source")
        else:
            return redirect(url_for("workbooks.chapter", chapter_id=chapter.id))
    return render_template(
        "workbooks/chapter_form.html",
        form=form,
        template_form=template_form,
        network=network,
        chapter=None,
    ), 422


@bp.get("/chapters/<int:chapter_id>")
@access.loads(Chapter)
def chapter(chapter: Chapter) -> Any:
    can_edit = chapter.can_edit(current_user)
    municipalities = services.network_municipalities(db.session, chapter.network_id)
    prompt_form = PromptForm(prefix="p") if can_edit else None
    return render_template(
        "workbooks/chapter.html",
        chapter=chapter,
        network=chapter.network,
        can_edit=can_edit,
        municipalities=services.visible_deliveries(current_user, chapter, municipalities),
        prompt_form=prompt_form,
        kind_labels=KIND_LABELS,
        intro_html=services.introduction_html(chapter),
        options_text=services.options_text,
        today=_today(),
    )


@bp.route("/chapters/<int:chapter_id>/edit", methods=["GET", "POST"])
@access.loads(Chapter, right=access.Right.EDIT)
def edit_chapter(chapter: Chapter) -> Any:
    form = ChapterForm(prefix="c", obj=chapter)
    _gathering_choices(form, chapter.network)
    if not form.is_submitted():
        form.opens_after_gathering.data = chapter.opens_after_gathering_id or 0
        _show_opening(form, chapter)
    if form.validate_on_submit():
        with attempt(_("Endringene er lagret.")) as outcome:
            services.update_chapter(db.session, current_user, chapter, **_chapter_fields(form))
        if outcome.failed:
            outcome.show_on(form, "title")
        else:
            return redirect(url_for("workbooks.chapter", chapter_id=chapter.id))
    return render_template(
        "workbooks/chapter_form.html",
        form=form,
        template_form=None,
        network=chapter.network,
        chapter=chapter,
    )


@bp.post("/chapters/<int:chapter_id>/open")
@access.loads(Chapter, right=access.Right.EDIT)
def open_chapter(chapter: Chapter) -> Any:
    with attempt(
        _("Kapittelet er åpnet. Kommunene kan nå lese og svare på det."), flash_error=True
    ):
        services.open_chapter(db.session, current_user, chapter)
    return redirect(url_for("workbooks.chapter", chapter_id=chapter.id))


def _prompt_fields(form: PromptForm) -> dict[str, Any]:
    return {
        "kind": form.kind.data,
        "label": form.label.data or "",
        "help_text": form.help_text.data or "",
        "options": form.options.data or "",
    }


def _prompts_of(chapter_id: int) -> Any:
    return redirect(url_for("workbooks.chapter", chapter_id=chapter_id, _anchor="sporsmal"))


@bp.post("/chapters/<int:chapter_id>/prompts")
@access.loads(Chapter, right=access.Right.EDIT)
def add_prompt(chapter: Chapter) -> Any:
    form = PromptForm(prefix="p")
    if form.validate_on_submit():
        with attempt(_("Spørsmålet er lagt til.")) as outcome:
            services.save_prompt(db.session, current_user, chapter, **_prompt_fields(form))
        if outcome.failed:
            outcome.show_on(form, "options")
        else:
            return _prompts_of(chapter.id)
    return render_template(
        "workbooks/prompt_form.html", form=form, chapter=chapter, prompt=None
    ), 422


@bp.route("/prompts/<int:prompt_id>/edit", methods=["GET", "POST"])
@access.loads(Prompt, right=access.Right.EDIT)
def edit_prompt(prompt: Prompt) -> Any:
    form = PromptForm(prefix="p", obj=prompt)
    if not form.is_submitted():
        form.kind.data = prompt.kind.value
        form.options.data = services.options_text(prompt)
    if form.validate_on_submit():
        with attempt(_("Endringene er lagret.")) as outcome:
            services.save_prompt(
                db.session, current_user, prompt.chapter, prompt=prompt, **_prompt_fields(form)
            )
        if outcome.failed:
            outcome.show_on(form, "options")
        else:
            return _prompts_of(prompt.chapter_id)
    return render_template(
        "workbooks/prompt_form.html", form=form, chapter=prompt.chapter, prompt=prompt
    )


@bp.post("/prompts/<int:prompt_id>/delete")
@access.loads(Prompt, right=access.Right.EDIT)
def delete_prompt(prompt: Prompt) -> Any:
    chapter_id = prompt.chapter_id
    with attempt(_("Spørsmålet er slettet."), flash_error=True):
        services.delete_prompt(db.session, current_user, prompt)
    return _prompts_of(chapter_id)


@bp.post("/prompts/<int:prompt_id>/move/<direction>")
@access.loads(Prompt, right=access.Right.EDIT)
def move_prompt(prompt: Prompt, direction: str) -> Any:
    if direction not in ("up", "down"):
        abort(404)
    services.move_prompt(db.session, current_user, prompt, -1 if direction == "up" else 1)
    return _prompts_of(prompt.chapter_id)


# ---- a municipality's delivery of a chapter: its answers, delivering, feedback ---------


def _prompt_of(delivery: ChapterDelivery, prompt: Prompt) -> Prompt:
    """The prompt if it belongs to the delivery's chapter (404 otherwise)."""
    if prompt.chapter_id != delivery.chapter_id:
        abort(404)
    return prompt


def _render_delivery(
    delivery: ChapterDelivery,
    overrides: dict[int, dict[str, Any]] | None = None,
    conflicts: dict[int, Answer] | None = None,
    errors: dict[int, str] | None = None,
    table_rows: dict[int, int] | None = None,
    status: int = 200,
) -> Any:
    chapter, municipality = delivery.chapter, delivery.municipality
    answers = services.answers_by_prompt(db.session, chapter, municipality.id)
    can_write = delivery.can_edit(current_user)
    return render_template(
        "workbooks/delivery.html",
        chapter=chapter,
        network=chapter.network,
        municipality=municipality,
        delivery=delivery,
        status=services.status_of(delivery),
        answers=answers,
        overrides=overrides or {},
        conflicts=conflicts or {},
        errors=errors or {},
        table_rows=table_rows or {},
        editable=can_write and not delivery.is_locked,
        can_write=can_write,
        can_feedback=permissions.can_give_feedback(current_user, chapter),
        intro_html=services.introduction_html(chapter),
        markup_examples=markup_examples(),
        markup_html=markup.to_html,
        content=content,
        kinds=PromptKind,
        today=_today(),
        overdue=services.is_overdue(chapter, services.status_of(delivery), _today()),
        goal_links=goal_links.for_answers(
            answers[p.id] for p in chapter.prompts if p.kind == PromptKind.SMART and p.id in answers
        ),
    ), status


def _delivery_redirect(delivery: ChapterDelivery, anchor: str | None = None, **args: Any) -> Any:
    return redirect(
        url_for(
            "workbooks.delivery",
            chapter_id=delivery.chapter_id,
            municipality_id=delivery.municipality_id,
            _anchor=anchor,
            **args,
        )
    )


@bp.get("/chapters/<int:chapter_id>/deliveries/<int:municipality_id>")
@loaders.delivery()
def delivery(delivery: ChapterDelivery) -> Any:
    table = request.args.get("tabell", type=bounded_int)
    rows = request.args.get("rader", type=bounded_int)
    return _render_delivery(delivery, table_rows={table: rows} if table and rows else None)


@bp.post("/chapters/<int:chapter_id>/deliveries/<int:municipality_id>/answers/<int:prompt_id>")
@loaders.delivery(access.Right.EDIT)
@access.loads(Prompt)
def save_answer(delivery: ChapterDelivery, prompt: Prompt) -> Any:
    _prompt_of(delivery, prompt)
    htmx = request.headers.get("HX-Request") == "true"
    raw = request.form.get("merge_version") or request.form.get("version", "0")
    base = int(raw) if raw.strip().isdigit() else 0
    value = content.from_form(prompt, request.form)
    rows = 0  # a table's rows to show after "Legg til rad" or "Fjern rad" without JavaScript
    if prompt.kind == PromptKind.TABLE:
        value, rows = content.edit_rows(value, request.form)
    with attempt() as outcome:
        answer, changed = services.save_answer(
            db.session, current_user, prompt, delivery.municipality_id, value, base
        )
    if isinstance(outcome.error, services.VersionConflict):
        mine = _content_or_raw(prompt, value)
        if htmx:
            return render_template(
                "workbooks/_conflict.html",
                prompt=prompt,
                mine=mine,
                theirs=outcome.error.answer,
                content=content,
            )
        return _render_delivery(
            delivery,
            overrides={prompt.id: mine},
            conflicts={prompt.id: outcome.error.answer},
            table_rows={prompt.id: rows},
            status=409,
        )
    if outcome.failed:
        if htmx:
            return render_template(
                "workbooks/_save_error.html", prompt=prompt, message=outcome.message
            )
        return _render_delivery(
            delivery,
            overrides={prompt.id: _content_or_raw(prompt, value)},
            errors={prompt.id: outcome.message},
            table_rows={prompt.id: rows},
            status=422,
        )
    if htmx:
        return render_template(
            "workbooks/_saved.html", prompt=prompt, answer=answer, changed=changed
        )
    flash(_("Svaret er lagret."), "success")
    if request.form.get("add_row") or request.form.get("remove_row"):
        return _delivery_redirect(delivery, f"prompt-{prompt.id}", tabell=prompt.id, rader=rows)
    return _delivery_redirect(delivery, anchor=f"prompt-{prompt.id}")


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
    "/chapters/<int:chapter_id>/deliveries/<int:municipality_id>/answers/<int:prompt_id>/history"
)
@loaders.delivery()
@access.loads(Prompt)
def history(delivery: ChapterDelivery, prompt: Prompt) -> Any:
    _prompt_of(delivery, prompt)
    chapter, municipality = delivery.chapter, delivery.municipality
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


@bp.post("/chapters/<int:chapter_id>/deliveries/<int:municipality_id>/submit")
@loaders.delivery(access.Right.EDIT)
def submit(delivery: ChapterDelivery) -> Any:
    chapter, municipality_id = delivery.chapter, delivery.municipality_id
    with attempt(_("Kapittelet er levert. Takk!"), flash_error=True):
        services.submit(db.session, current_user, chapter, municipality_id)
        if request.form.get("share"):
            services.set_shared(db.session, current_user, chapter, municipality_id, True)
    return _delivery_redirect(delivery)


@bp.post("/chapters/<int:chapter_id>/deliveries/<int:municipality_id>/share")
@loaders.delivery(access.Right.EDIT)
def share(delivery: ChapterDelivery) -> Any:
    shared = request.form.get("shared") == "y"
    done = (
        _("Kapittelet deles med nettverket når det er levert.")
        if shared
        else _("Kapittelet deles ikke med de andre kommunene.")
    )
    with attempt(done, flash_error=True):
        services.set_shared(
            db.session, current_user, delivery.chapter, delivery.municipality_id, shared
        )
    return _delivery_redirect(delivery)


@bp.post("/chapters/<int:chapter_id>/deliveries/<int:municipality_id>/reopen")
@loaders.delivery(permissions.gives_feedback)
def reopen(delivery: ChapterDelivery) -> Any:
    with attempt(_("Kapittelet er åpnet igjen for endringer."), flash_error=True):
        services.reopen(db.session, current_user, delivery.chapter, delivery.municipality_id)
    return _delivery_redirect(delivery)


@bp.post("/chapters/<int:chapter_id>/deliveries/<int:municipality_id>/feedback")
@loaders.delivery(permissions.gives_feedback)
def feedback(delivery: ChapterDelivery) -> Any:
    chapter = delivery.chapter
    per_prompt = {p.id: request.form.get(f"feedback-{p.id}", "")[:20_000] for p in chapter.prompts}
    with attempt(_("Tilbakemeldingen er lagret."), flash_error=True):
        services.give_feedback(
            db.session,
            current_user,
            chapter,
            delivery.municipality_id,
            request.form.get("chapter_feedback", "")[:20_000],
            per_prompt,
        )
    return _delivery_redirect(delivery)


# ---- outputs ---------------------------------------------------------------------------


def _with_feedback() -> bool:
    """The facilitators' feedback stands beside the answers unless `?feedback=0` leaves it out."""
    return request.args.get("feedback") != "0"


def _municipality_workbook(network: Network, municipality: Municipality) -> documents.Workbook:
    """The municipality's workbook in the network: the chapters the user may read (403 if none)."""
    if network.id not in access.municipality_network_ids(municipality.id):
        abort(404)
    book = documents.build(
        db.session,
        network,
        [municipality],
        current_user,
        with_feedback=_with_feedback(),
    )
    access.require(bool(book.parts and book.parts[0].chapters), municipality)
    return book


@bp.get("/networks/<int:network_id>/municipalities/<int:municipality_id>/workbook.pdf")
@access.loads(Network)
@access.loads(Municipality)
def municipality_pdf(network: Network, municipality: Municipality) -> Any:
    book = _municipality_workbook(network, municipality)
    return download(documents.to_pdf(book), "application/pdf", book.filename + ".pdf")


@bp.get("/networks/<int:network_id>/municipalities/<int:municipality_id>/workbook.docx")
@access.loads(Network)
@access.loads(Municipality)
def municipality_docx(network: Network, municipality: Municipality) -> Any:
    book = _municipality_workbook(network, municipality)
    return download(
        documents.to_docx(book),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        book.filename + ".docx",
    )


@bp.get("/networks/<int:network_id>/workbook.pdf")
@access.loads(Network, right=access.Right.EDIT)
def network_pdf(network: Network) -> Any:
    municipalities = services.network_municipalities(db.session, network.id)
    book = documents.build(
        db.session,
        network,
        municipalities,
        current_user,
        with_feedback=_with_feedback(),
    )
    return download(documents.to_pdf(book), "application/pdf", book.filename + ".pdf")

"""Routes for the gallery, a story, its ideas, the presentation mode and the harvest page."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.core.bounds import bounded_int
from heltidnett.core.errors import ServiceError
from heltidnett.core.forms import options
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.files.services import send
from heltidnett.gatherings.services import title_for
from heltidnett.networks.models import Network
from heltidnett.stories import permissions, services
from heltidnett.stories.forms import AnswerForm, IdeaForm, StoryForm
from heltidnett.stories.labels import IDEA_KIND_LABELS, STATUS_LABELS, THEME_LABELS
from heltidnett.stories.models import Harvest, Idea, Story

bp = Blueprint("stories", __name__, template_folder="templates")


def _attach_uploaded_poster(form: Any, story: Story) -> None:
    """Attach the uploaded poster, if any; a refusal is shown on the poster field and re-raised."""
    upload = _poster_upload()
    if upload is None:
        return
    try:
        services.attach_poster(db.session, current_user, story, upload.stream, upload.filename)
    except ServiceError as error:
        form.poster.errors = [str(error)]
        raise


def _status(form: Any) -> int:
    """422 when the poster was refused (the form is shown again with why), else 200."""
    return 422 if form.poster.errors else 200


def _filter_from_args() -> services.GalleryFilter:
    return services.GalleryFilter(
        gathering_id=request.args.get("gathering", type=bounded_int) or None,
        theme=request.args.get("theme") or None,
        municipality_id=request.args.get("municipality", type=bounded_int) or None,
    )


def _filter_args(flt: services.GalleryFilter) -> dict[str, Any]:
    args = {"gathering": flt.gathering_id, "theme": flt.theme, "municipality": flt.municipality_id}
    return {k: v for k, v in args.items() if v}


@bp.get("/networks/<int:network_id>/stories")
@access.loads(Network)
def gallery(network: Network) -> Any:
    flt = _filter_from_args()
    stories = services.gallery(db.session, network, current_user, flt)
    return render_template(
        "stories/gallery.html",
        network=network,
        stories=stories,
        flt=flt,
        filter_args=_filter_args(flt),
        gatherings=services.network_gatherings(db.session, network, current_user),
        municipalities=services.network_municipalities(db.session, network.id),
        drafts=services.drafts(db.session, network, current_user),
        can_write=bool(services.writable_municipalities(db.session, current_user, network)),
        theme_labels=THEME_LABELS,
    )


@bp.get("/networks/<int:network_id>/stories/present")
@access.loads(Network)
def present(network: Network) -> Any:
    flt = _filter_from_args()
    stories = services.gallery(db.session, network, current_user, flt)
    if not stories:
        flash(_("Ingen publiserte fortellinger passer med utvalget."), "warning")
        return redirect(url_for("stories.gallery", network_id=network.id, **_filter_args(flt)))
    number = min(max(request.args.get("n", 1, type=bounded_int), 1), len(stories))
    args = _filter_args(flt)
    return render_template(
        "stories/present.html",
        network=network,
        stories=stories,
        number=number,
        total=len(stories),
        prev_url=url_for("stories.present", network_id=network.id, n=number - 1, **args)
        if number > 1
        else None,
        next_url=url_for("stories.present", network_id=network.id, n=number + 1, **args)
        if number < len(stories)
        else None,
        url_pattern=url_for("stories.present", network_id=network.id, n=0, **args),
        exit_url=url_for("stories.gallery", network_id=network.id, **args),
        theme_labels=THEME_LABELS,
    )


def _story_form(network: Network, story: Story | None = None) -> StoryForm:
    form = StoryForm(obj=story)
    if story is None:
        writable = services.writable_municipalities(db.session, current_user, network)
        form.municipality.choices = options((m.id, m.name) for m in writable)
    else:
        del form.municipality
    gatherings = services.network_gatherings(db.session, network, current_user)
    if story is not None and story.gathering not in gatherings:
        gatherings.append(story.gathering)  # kept as it is, under a neutral name
    form.gathering.choices = options(
        (g.id, f"{title_for(g, current_user)} ({g.starts_on.year})") for g in gatherings
    )
    if story is not None and not form.is_submitted():
        form.gathering.data = story.gathering_id
        form.themes.data = [t.value for t in story.themes]
    return form


def _fields(form: StoryForm) -> services.StoryFields:
    return services.StoryFields(
        title=form.title.data or "",
        done_text=form.done_text.data or "",
        learned_text=form.learned_text.data or "",
        smart_text=form.smart_text.data or "",
        themes=form.themes.data or [],
    )


def _poster_upload() -> Any:
    upload = request.files.get("poster")
    return upload if upload is not None and upload.filename else None


@bp.route("/networks/<int:network_id>/stories/new", methods=["GET", "POST"])
@access.loads(Network)
def create(network: Network) -> Any:
    form = _story_form(network)
    access.require(bool(form.municipality.choices), network)
    if not form.gathering.choices:
        flash(
            _("Nettverket har ingen samlinger ennå. Prosessveilederen legger dem inn."), "warning"
        )
    if form.validate_on_submit():
        publish = request.form.get("action") == "publish"
        with attempt() as outcome:
            story = services.create_story(
                db.session,
                current_user,
                network,
                form.municipality.data,
                form.gathering.data,
                _fields(form),
                publish=publish,
            )
            _attach_uploaded_poster(form, story)
        if outcome.failed:
            if not form.poster.errors:
                outcome.show_on(form, "title")
        else:
            flash(
                _("Fortellingen er publisert.") if publish else _("Fortellingen er lagret."),
                "success",
            )
            return redirect(url_for("stories.show", story_id=story.id))
    return render_template("stories/form.html", form=form, network=network, story=None), _status(
        form
    )


def _story_page(
    story: Story,
    idea_form: IdeaForm | None = None,
    answer_form: tuple[int, AnswerForm] | None = None,
) -> str:
    """A story with its ideas; for its editors an answer form under each question (the one
    that was sent, with its errors, as `answer_form`)."""
    can_edit = story.can_edit(current_user)
    answer_forms: dict[int, AnswerForm] = {}
    if can_edit:
        for idea in story.ideas:
            if idea.is_question:
                answer_forms[idea.id] = AnswerForm(
                    prefix=f"a{idea.id}", formdata=None, data={"answer": idea.answer}
                )
        if answer_form is not None:
            answer_forms[answer_form[0]] = answer_form[1]
    if idea_form is None and permissions.can_give_idea(story, current_user):
        idea_form = IdeaForm()
    return render_template(
        "stories/show.html",
        story=story,
        network=story.network,
        can_edit=can_edit,
        idea_form=idea_form,
        answer_forms=answer_forms,
        theme_labels=THEME_LABELS,
        status_labels=STATUS_LABELS,
        kind_labels=IDEA_KIND_LABELS,
    )


@bp.get("/stories/<int:story_id>")
@access.loads(Story)
def show(story: Story) -> Any:
    return _story_page(story)


@bp.route("/stories/<int:story_id>/edit", methods=["GET", "POST"])
@access.loads(Story, right=access.Right.EDIT)
def edit(story: Story) -> Any:
    form = _story_form(story.network, story)
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_story(
                db.session, current_user, story, form.gathering.data, _fields(form)
            )
            _attach_uploaded_poster(form, story)
        if outcome.failed:
            if not form.poster.errors:
                outcome.show_on(form, "title")
        else:
            flash(_("Endringene er lagret."), "success")
            return redirect(url_for("stories.show", story_id=story.id))
    return render_template(
        "stories/form.html", form=form, network=story.network, story=story
    ), _status(form)


@bp.post("/stories/<int:story_id>/publish")
@access.loads(Story, right=access.Right.EDIT)
def publish(story: Story) -> Any:
    with attempt(_("Fortellingen er publisert og synlig for hele nettverket."), flash_error=True):
        services.publish_story(db.session, story)
    return redirect(url_for("stories.show", story_id=story.id))


@bp.post("/stories/<int:story_id>/unpublish")
@access.loads(Story, right=access.Right.EDIT)
def unpublish(story: Story) -> Any:
    services.unpublish_story(db.session, story)
    flash(_("Fortellingen er trukket tilbake til utkast."), "success")
    return redirect(url_for("stories.show", story_id=story.id))


@bp.get("/stories/<int:story_id>/poster")
@access.loads(Story)
def poster(story: Story) -> Any:
    if story.poster is None:
        abort(404)
    return send(story.poster, inline=True)


@bp.post("/stories/<int:story_id>/poster/delete")
@access.loads(Story, right=access.Right.EDIT)
def delete_poster(story: Story) -> Any:
    services.remove_poster(db.session, story)
    flash(_("Bildet er fjernet."), "success")
    return redirect(url_for("stories.edit", story_id=story.id))


@bp.post("/stories/<int:story_id>/ideas")
@access.loads(Story)
def add_idea(story: Story) -> Any:
    form = IdeaForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            services.add_idea(db.session, current_user, story, form.text.data, form.kind.data)
        if outcome.failed:
            outcome.show_on(form, "text")
        else:
            flash(_("Takk! Innspillet er gitt til %(m)s.", m=story.municipality.name), "success")
            return redirect(url_for("stories.show", story_id=story.id, _anchor="innspill"))
    return _story_page(story, idea_form=form), 400


@bp.post("/ideas/<int:idea_id>/take-home")
@access.loads(Idea, right=access.Right.EDIT)
def take_home(idea: Idea) -> Any:
    taken = request.form.get("taken", "1") == "1"
    services.take_home(db.session, current_user, idea, taken)
    flash(
        _("Innspillet er tatt med hjem.")
        if taken
        else _("Innspillet er ikke lenger tatt med hjem."),
        "success",
    )
    return redirect(url_for("stories.show", story_id=idea.story_id, _anchor=f"innspill-{idea.id}"))


@bp.post("/ideas/<int:idea_id>/answer")
@access.loads(Idea, right=access.Right.EDIT)
def answer(idea: Idea) -> Any:
    """The host municipality's coordinator (or the facilitator) answers a question."""
    form = AnswerForm(prefix=f"a{idea.id}")
    if form.validate_on_submit():
        with attempt() as outcome:
            services.answer_question(db.session, current_user, idea, form.answer.data)
        if outcome.failed:
            outcome.show_on(form, "answer")
        else:
            flash(_("Svaret er lagret og vises under spørsmålet."), "success")
            return redirect(
                url_for("stories.show", story_id=idea.story_id, _anchor=f"innspill-{idea.id}")
            )
    return _story_page(idea.story, answer_form=(idea.id, form)), 400


def find_harvest(network_id: int, municipality_id: int) -> Harvest | None:
    """A municipality's harvest in a network, for the route that loads it (`access.loads`)."""
    return services.find_harvest(db.session, network_id, municipality_id)


@bp.get("/networks/<int:network_id>/municipalities/<int:municipality_id>/harvest")
@access.loads(
    Harvest, "network_id", "municipality_id", parent=Network, load=find_harvest, name="harvest"
)
def harvest(harvest: Harvest) -> Any:
    network, municipality = harvest.network, harvest.municipality
    return render_template(
        "stories/harvest.html",
        network=network,
        municipality=municipality,
        ideas=services.harvest(db.session, network.id, municipality.id, current_user),
        kind_labels=IDEA_KIND_LABELS,
        municipalities=services.network_municipalities(db.session, network.id),
    )

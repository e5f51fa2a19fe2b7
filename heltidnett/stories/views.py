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
from heltidnett.core.steps import apply_step
from heltidnett.extensions import db
from heltidnett.files.services import send
from heltidnett.gatherings.services import title_for
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Network
from heltidnett.stories import services
from heltidnett.stories.forms import IdeaForm, StoryForm
from heltidnett.stories.labels import IDEA_KIND_LABELS, STATUS_LABELS, THEME_LABELS
from heltidnett.stories.models import Idea, Story, own_municipality_in

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
def gallery(network_id: int) -> Any:
    network = access.load_viewable(Network, network_id)
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
def present(network_id: int) -> Any:
    network = access.load_viewable(Network, network_id)
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
def create(network_id: int) -> Any:
    network = access.load_viewable(Network, network_id)
    form = _story_form(network)
    access.require(bool(form.municipality.choices), network)
    if not form.gathering.choices:
        flash(
            _("Nettverket har ingen samlinger ennå. Prosessveilederen legger dem inn."), "warning"
        )
    if form.validate_on_submit():
        publish = request.form.get("action") == "publish"
        try:
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
        except ServiceError as error:
            db.session.rollback()
            if not form.poster.errors:
                form.title.errors = [str(error)]
        else:
            db.session.commit()
            flash(
                _("Fortellingen er publisert.") if publish else _("Fortellingen er lagret."),
                "success",
            )
            return redirect(url_for("stories.show", story_id=story.id))
    return render_template("stories/form.html", form=form, network=network, story=None), _status(
        form
    )


@bp.get("/stories/<int:story_id>")
def show(story_id: int) -> Any:
    story = access.load_viewable(Story, story_id)
    own = own_municipality_in(current_user, story.network_id)
    can_give_idea = story.is_published and own != story.municipality_id
    return render_template(
        "stories/show.html",
        story=story,
        network=story.network,
        can_edit=story.can_edit(current_user),
        idea_form=IdeaForm() if can_give_idea else None,
        theme_labels=THEME_LABELS,
        status_labels=STATUS_LABELS,
        kind_labels=IDEA_KIND_LABELS,
    )


@bp.route("/stories/<int:story_id>/edit", methods=["GET", "POST"])
def edit(story_id: int) -> Any:
    story = access.load_editable(Story, story_id)
    form = _story_form(story.network, story)
    if form.validate_on_submit():
        try:
            services.update_story(
                db.session, current_user, story, form.gathering.data, _fields(form)
            )
            _attach_uploaded_poster(form, story)
        except ServiceError as error:
            db.session.rollback()
            if not form.poster.errors:
                form.title.errors = [str(error)]
            story = access.load_editable(Story, story_id)
        else:
            db.session.commit()
            flash(_("Endringene er lagret."), "success")
            return redirect(url_for("stories.show", story_id=story.id))
    return render_template(
        "stories/form.html", form=form, network=story.network, story=story
    ), _status(form)


@bp.post("/stories/<int:story_id>/publish")
def publish(story_id: int) -> Any:
    story = access.load_editable(Story, story_id)
    apply_step(
        lambda: services.publish_story(db.session, story),
        _("Fortellingen er publisert og synlig for hele nettverket."),
    )
    return redirect(url_for("stories.show", story_id=story.id))


@bp.post("/stories/<int:story_id>/unpublish")
def unpublish(story_id: int) -> Any:
    story = access.load_editable(Story, story_id)
    services.unpublish_story(db.session, story)
    db.session.commit()
    flash(_("Fortellingen er trukket tilbake til utkast."), "success")
    return redirect(url_for("stories.show", story_id=story.id))


@bp.get("/stories/<int:story_id>/poster")
def poster(story_id: int) -> Any:
    story = access.load_viewable(Story, story_id)
    if story.poster is None:
        abort(404)
    return send(story.poster, inline=True)


@bp.post("/stories/<int:story_id>/poster/delete")
def delete_poster(story_id: int) -> Any:
    story = access.load_editable(Story, story_id)
    services.remove_poster(db.session, story)
    db.session.commit()
    flash(_("Bildet er fjernet."), "success")
    return redirect(url_for("stories.edit", story_id=story.id))


@bp.post("/stories/<int:story_id>/ideas")
def add_idea(story_id: int) -> Any:
    story = access.load_viewable(Story, story_id)
    form = IdeaForm()
    if form.validate_on_submit():
        try:
            services.add_idea(db.session, current_user, story, form.text.data, form.kind.data)
        except ServiceError as error:
            form.text.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Takk! Innspillet er gitt til %(m)s.", m=story.municipality.name), "success")
            return redirect(url_for("stories.show", story_id=story.id, _anchor="innspill"))
    return render_template(
        "stories/show.html",
        story=story,
        network=story.network,
        can_edit=story.can_edit(current_user),
        idea_form=form,
        theme_labels=THEME_LABELS,
        status_labels=STATUS_LABELS,
        kind_labels=IDEA_KIND_LABELS,
    ), 400


@bp.post("/ideas/<int:idea_id>/take-home")
def take_home(idea_id: int) -> Any:
    idea = access.load_editable(Idea, idea_id)
    taken = request.form.get("taken", "1") == "1"
    services.take_home(db.session, current_user, idea, taken)
    db.session.commit()
    flash(
        _("Innspillet er tatt med hjem.")
        if taken
        else _("Innspillet er ikke lenger tatt med hjem."),
        "success",
    )
    return redirect(url_for("stories.show", story_id=idea.story_id, _anchor=f"innspill-{idea.id}"))


@bp.get("/networks/<int:network_id>/municipalities/<int:municipality_id>/harvest")
def harvest(network_id: int, municipality_id: int) -> Any:
    network = access.load_viewable(Network, network_id)
    municipality = access.get_or_404(Municipality, municipality_id)
    if municipality.id not in {
        m.id for m in services.network_municipalities(db.session, network.id)
    }:
        abort(404)
    return render_template(
        "stories/harvest.html",
        network=network,
        municipality=municipality,
        ideas=services.harvest(db.session, network.id, municipality.id, current_user),
        kind_labels=IDEA_KIND_LABELS,
        municipalities=services.network_municipalities(db.session, network.id),
    )

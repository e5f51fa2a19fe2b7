"""Write matrix: every state-changing route and API operation, tried by every role that must
be refused, changes nothing.

The routes come from `app.url_map` (every rule with POST, PUT, PATCH or DELETE) and the API
operations from the OpenAPI document, so a new route is in the matrix without anyone adding
it. Each case posts as the role would: with its session and a valid CSRF token (pages), or its
bearer token (API), and plausible data (`payload()`, checked by the positive control at the end:
an allowed person with the same data does write). A refusal is 401, 403, 404 or, for an
anonymous request, a redirect to /login; and the database fingerprint is unchanged.
Where a role may write (EXCEPTIONS), the write must stay in the tables named there.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from config import TestConfig
from heltidnett import create_app
from tests.conftest import TEST_PASSWORD
from tests.matrix_world import (
    ROLES,
    MissingArgument,
    World,
    build_url,
    changed_tables,
    fillings,
    fingerprint,
    is_refusal,
)
from tests.staffing_files import xlsx_bytes

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# Public by design: they change only the caller's own session (or, for /set-password, need
# the secret of a one-time link), never a record of someone else.
PUBLIC_WRITES = frozenset(
    {
        "auth.login",  # logging in
        "auth.logout",  # ending one's own session
        "auth.language",  # the language of one's own session
        "auth.set_password",  # needs a valid one-time link token
        "polls.join",  # typing a poll's code writes nothing
        "polls.answer",  # an anonymous answer to an open poll, one per device (by its code)
        "notifications.unsubscribe",  # needs a signed token naming the person and the kind
    }
)

pytest_plugins = ["tests.matrix_fixtures"]

_APP = create_app(TestConfig)  # only to read the url_map and the OpenAPI document


# ---- what each route is sent ---------------------------------------------------------------


def _future(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def _participants_csv() -> bytes:
    return (
        b"Etternavn;Fornavn;E-post;Mobil;Stilling/tittel;Firma\n"
        b"Nordmann;Kari;kari.nordmann@example.org;;Sykepleier;Alta kommune\n"
    )


def _staffing_sheet() -> bytes:
    return xlsx_bytes(
        [["unit", "period", "positions_planned"], ["Elvebakken sykehjem", "2025", 40]]
    )


def payload(world: World, endpoint: str) -> dict[str, Any]:
    """Form fields (or JSON, under "json") that would make an unprotected route write."""
    ids = world.ids
    day = _future(30)  # the first day of the published gathering
    gathering = {
        "title": "Ny samling",
        "kind": "network",
        "starts_on": _future(200),
        "ends_on": _future(200),
        "day_ends_at": "17:30",
        "status": "planned",
        "place": "Tromsø",
    }
    item = {
        "day": day,
        "starts_at": "13:00",
        "duration_minutes": "30",
        "title": "Nytt punkt",
        "kind": "talk",
        "method": "",
    }
    story = {
        "municipality": str(ids["alta"]),
        "gathering": str(ids["gathering_published"]),
        "title": "Ny fortelling",
        "done_text": "Gjort",
        "learned_text": "Lært",
        "smart_text": "Lurt",
        "themes": "anchoring",
    }
    tick = f"m{ids['alta']}"
    bank_case = {
        "place": "Alta",
        "title": "Eksempel",
        "themes": "working_time",
        "summary": "Langvakter i helgene.",
    }
    goal = {
        "title": "Heltidsandel minst 50 %",
        "indicator": "fulltime_share",
        "measure_name": "",
        "measure_unit": "percent",
        "direction": "at_least",
        "baseline_period": "2024",
        "first_target_value": "40",
        "first_target_due": _future(300),
        "target_value": "50,5",
        "target_due": _future(700),
        "units": str(ids["unit"]),
        "responsible": "Kommunalsjefen",
        "benefit": "continuity",
        "shared": "y",
    }
    forms: dict[str, dict[str, Any]] = {
        "auth.account": {"name": "Endret Navn", "language": "nn"},
        "auth.change_password": {
            "current": TEST_PASSWORD,
            "password": "et-helt-nytt-passord-2026",
            "confirm": "et-helt-nytt-passord-2026",
        },
        "auth.create_token": {"token-name": "Ny nøkkel"},
        "auth.revoke_token": {},
        "auth.remove_identity": {},
        "auth.remove_user_identity": {},
        "auth.work_login_domains": {"domain": "ny.kommune.no"},
        "auth.remove_work_login_domain": {},
        "auth.new_user": {
            "name": "Ny Person",
            "email": "ny.person@example.org",
            "language": "nb",
            "network": str(ids["network_x"]),
            "role": "participant",
            "municipality": str(ids["alta"]),
        },
        "auth.password_link": {},
        "auth.set_active": {"active": "0"},
        "commitments.gathering_commitments": {
            "c-municipality": str(ids["alta"]),
            "c-text": "Ny forpliktelse",
            "c-owner": "Rådmannen",
            "c-due_on": _future(90),
        },
        "commitments.new_commitment": {
            "c-gathering": str(ids["gathering_published"]),
            "c-municipality": str(ids["alta"]),
            "c-text": "Ny forpliktelse",
            "c-owner": "Rådmannen",
            "c-due_on": _future(90),
        },
        "commitments.follow_up": {"f-status": "done", "f-comment": "Gjort"},
        "commitments.reopen": {},
        "commitments.assessment": {
            "achieved-count": "1",
            "achieved-0-rank": "1",
            "achieved-0-text": "Nytt punkt i krysset",
        },
        "commitments.steering": {"ms-title": "Ny milepæl", "ms-description": "Beskrivelse"},
        "commitments.tick": {
            f"{tick}-reached": "y",
            f"{tick}-reached_on": date.today().isoformat(),
            f"{tick}-comment": "Endret",
        },
        "declarations.start": {},
        "declarations.edit": {
            "revision": "0",
            "definition_kind": "full",
            "background": "Endret bakgrunn",
            "definition_text": "Endret definisjon",
            "goals": "Endrede mål",
            "principles": "",
            "measures": "",
            "follow_up": "",
        },
        "declarations.transition": {
            "target": "approved",
            "approved_on": date.today().isoformat(),
            "approved_by_body": "Ledergruppen",
        },
        "declarations.start_version": {},
        "declarations.add_signatory": {
            "role": "Leder",
            "name": "Ny Signatar",
            "organisation": "NSF",
        },
        "declarations.remove_signatory": {},
        "declarations.add_comment": {"section": "goals", "body": "Ny kommentar"},
        "comments.commitment": {"body": "Ny kommentar"},
        "comments.goal": {"body": "Ny kommentar"},
        "comments.action": {"body": "Ny kommentar"},
        "comments.row": {"body": "Ny kommentar"},
        "comments.answer": {"body": "Et svar"},
        "comments.resolve": {},
        "comments.reopen": {},
        "comments.add_mark": {"period": "Våren", "assessment": "on_track", "reason": ""},
        "declarations.resolve_comment": {},
        "goals.new": goal,
        "notifications.settings": {"kind_chapter_due": "never", "kind_feedback": "digest"}
        | {
            f"kind_{k}": "immediate"
            for k in NOTIFICATION_KINDS
            if k not in ("chapter_due", "feedback")
        },
        "notifications.read_all": {},
        "notifications.toggle_read": {},
        "notifications.reminders": {"on_chapter_due": "y", "days_chapter_due": "3"},
        "polls.create": {"template": "culture_time", "title": "", "agenda_item": ""},
        "polls.copy": {"source": str(ids["poll_draft"])},
        "polls.add_question": {"kind": "single", "text": "Hva nå?", "choices": "Ja\nNei"},
        "polls.reveal": {"shown": "1"},
        "polls.open_poll": {},
        "polls.close_poll": {},
        "polls.close_question": {},
        "goals.edit": {**goal, "title": "Endret mål"},
        "cases.new": {**bank_case, "title": "Nytt eksempel"},
        "cases.edit": {**bank_case, "title": "Endret eksempel"},
        "cases.open_story": {"open": "1"},
        "goals.delete": {},
        "goals.add_value": {"v-measured_on": "2024-06-30", "v-value": "35,5", "v-note": ""},
        "goals.delete_value": {},
        "goals.add_action": {
            "a-title": "Nytt tiltak",
            "a-owner": "Enhetsleder",
            "a-due_on": _future(60),
            "a-status": "planned",
            "a-commitment": str(ids["commitment"]),
            "a-notes": "",
        },
        "goals.edit_action": {
            "title": "Endret tiltak",
            "owner": "Enhetsleder",
            "due_on": _future(60),
            "status": "in_progress",
            "commitment": "",
            "notes": "Startet",
        },
        "meetings.new_meeting": {"group": str(ids["alta"]), "held_on": _future(5), "place": "Alta"},
        "meetings.edit": {"held_on": _future(5), "notes": "Endret referat"},
        "meetings.add_attendee": {"a-name": "Ny Person", "a-role": "union"},
        "meetings.remove_attendee": {},
        "meetings.remove_item": {},
        "meetings.delete": {},
        "meetings.add_item": {"i-target": f"milestone:{ids['milestone']}", "i-note": "Sett på"},
        "meetings.add_decision": {
            "d-text": "Nytt vedtak",
            "d-owner": "Rådmannen",
            "d-due_on": _future(60),
        },
        "meetings.decision_status": {"s-status": "done", "s-comment": "Gjort"},
        "gatherings.create": gathering,
        "gatherings.edit": {
            **gathering,
            "title": "Endret samling",
            "starts_on": day,
            "ends_on": day,
        },
        "gatherings.publish": {},
        "gatherings.add_item": item,
        "gatherings.edit_item": {**item, "title": "Endret punkt"},
        "gatherings.delete_item": {},
        "gatherings.move_item": {},
        "gatherings.copy": {"source": str(ids["gathering_planned"]), "replace": "y"},
        "gatherings.add_material": {"title": "Lenke", "url": "https://example.org/ny"},
        "gatherings.delete_material": {},
        "gatherings.register": {
            "first_name": "Ny",
            "last_name": "Deltaker",
            "email": "ny.deltaker@example.org",
            "days": day,
        },
        "gatherings.unregister": {},
        "gatherings.import_preview": {"file": (io.BytesIO(_participants_csv()), "deltakere.csv")},
        "gatherings.import_confirm": {
            "rows": json.dumps(
                [
                    {
                        "last_name": "Nordmann",
                        "first_name": "Kari",
                        "email": "kari.nordmann@example.org",
                        "phone": "",
                        "job_title": "Sykepleier",
                        "organisation": "Alta kommune",
                    }
                ]
            )
        },
        "gatherings.new_method": {"name": "Ny metode", "steps": "Først\nSå", "summary": "Kort"},
        "gatherings.edit_method": {"name": "Ny metode", "steps": "Først\nSå", "summary": "Kort"},
        "municipalities.create": {"name": "Fauske", "number": "1841", "written_standard": "nb"},
        "municipalities.edit": {
            "name": "Alta",
            "number": "5601",
            "county": "Finnmark",
            "population": "21000",
            "written_standard": "nn",
        },
        "municipalities.add_unit": {"unit-name": "Ny enhet", "unit-kind": "home_care"},
        "municipalities.edit_unit": {"name": "Nytt navn", "kind": "home_care"},
        "municipalities.delete_unit": {},
        "networks.create": {"name": "Nytt nettverk", "status": "planned"},
        "networks.edit": {
            "name": "Heltid i nord",
            "region": "Nord",
            "description": "Endret",
            "status": "closed",
        },
        "networks.add_participation": {"p-municipality": str(ids["rana"])},
        "networks.remove_participation": {},
        "networks.add_member": {
            "m-email": "koordinator.rana@example.org",
            "m-role": "participant",
            "m-municipality": str(ids["alta"]),
        },
        "networks.remove_member": {},
        "staffing.entry": {
            "unit": str(ids["unit"]),
            "period": "2025",
            "positions_planned": "40",
            "fte_planned": "30",
        },
        "staffing.upload": {"file": (io.BytesIO(_staffing_sheet()), "bemanning.xlsx")},
        "staffing.save_mapping": {
            "col-0": "unit",
            "col-1": "period",
            "col-2": "positions_actual",
        },
        "staffing.save_fixes": {"fix-2-positions_planned": "41"},
        "staffing.confirm": {},
        "staffing.cancel": {},
        "stories.create": story,
        "stories.edit": {**story, "title": "Endret fortelling"},
        "stories.publish": {},
        "stories.unpublish": {},
        "stories.delete_poster": {},
        "stories.add_idea": {"kind": "idea", "text": "Et nytt innspill"},
        "stories.take_home": {"taken": "1"},
        "stories.answer": {f"a{ids['question']}-answer": "Vi inviterte dem til kick-off."},
        "workbooks.new_chapter": {
            "c-number": "5",
            "c-title": "Nytt kapittel",
            "c-introduction": "Innledning",
            "c-opens_after_gathering": "",
            "c-due_on": _future(60),
        },
        "workbooks.from_template": {"t-source": "builtin:heltid-i-nord-2", "t-number": "6"},
        "workbooks.edit_chapter": {
            "c-number": "1",
            "c-title": "Endret kapittel",
            "c-introduction": "Ny innledning",
            "c-opens_after_gathering": "",
            "c-due_on": _future(20),
        },
        "networks.accept_enrolment": {},
        "networks.decline_enrolment": {},
        "networks.accept_invitation": {},
        "networks.decline_invitation": {},
        "workbooks.open_chapter": {},
        "workbooks.add_prompt": {"p-kind": "text", "p-label": "Nytt spørsmål", "p-help_text": ""},
        "workbooks.edit_prompt": {"p-kind": "text", "p-label": "Endret spørsmål"},
        "workbooks.delete_prompt": {},
        "workbooks.move_prompt": {},
        "workbooks.save_answer": {"text": "Et nytt svar", "version": "2"},
        "workbooks.submit": {},
        "workbooks.share": {"shared": "y"},
        "workbooks.reopen": {},
        "workbooks.feedback": {
            "chapter_feedback": "Ny tilbakemelding",
            f"feedback-{ids['prompt']}": "Bra",
        },
    }
    if endpoint in forms:
        return forms[endpoint]
    api = api_payload(world, endpoint)
    if api is not None:
        return api
    raise KeyError(
        f"no payload for {endpoint}: add the form fields that would make it write to "
        "payload() in tests/test_write_matrix.py"
    )


def api_payload(world: World, endpoint: str) -> dict[str, Any] | None:
    """JSON bodies (and query strings) of the API operations, by endpoint."""
    ids = world.ids
    day = _future(30)
    bodies: dict[str, dict[str, Any]] = {
        "api_municipalities.create_unit": {"json": {"name": "Ny enhet", "kind": "home_care"}},
        "api_staffing.post_measurements": {
            "json": [
                {
                    "unit": "Elvebakken sykehjem",
                    "period": "2025",
                    "indicator": "positions_planned",
                    "value": 40,
                }
            ]
        },
        "api_staffing.import_file": {
            "query": "?commit=true",
            "data": {"file": (io.BytesIO(_staffing_sheet()), "bemanning.xlsx")},
        },
        "api_gatherings.create_gathering": {
            "json": {"title": "Ny samling", "starts_on": _future(200), "ends_on": _future(200)}
        },
        "api_gatherings.add_agenda_item": {
            "json": {"day": day, "start": "13:00", "duration_minutes": 30, "title": "Nytt punkt"}
        },
        "api_workbooks.put_answer": {"json": {"text": "Et nytt svar", "version": 2}},
        "api_declarations.put_version": {
            "json": {"revision": 0, "sections": {"background": "Endret bakgrunn"}},
        },
        "api_declarations.post_transition": {
            "json": {
                "to": "approved",
                "approved_on": date.today().isoformat(),
                "approved_by_body": "Ledergruppen",
            }
        },
        "api_stories.create_story": {
            "json": {
                "municipality_id": ids["alta"],
                "gathering_id": ids["gathering_published"],
                "title": "Ny fortelling",
            }
        },
        "api_stories.add_idea": {"json": {"text": "Et nytt innspill"}},
        "api_stories.answer_question": {"json": {"answer": "Vi inviterte dem til kick-off."}},
        "api_commitments.create_commitment": {
            "json": {
                "municipality_id": ids["alta"],
                "text": "Ny forpliktelse",
                "owner": "Rådmannen",
                "due_on": _future(90),
            }
        },
        "api_commitments.follow_up": {"json": {"status": "done", "comment": "Gjort"}},
        "api_goals.create_goal": {
            "json": {
                "title": "Ingen ubesatte stillinger",
                "indicator_code": "vacancy_share",
                "direction": "at_most",
                "target_value": 0,
                "target_due": _future(700),
            }
        },
        "api_goals.update_goal": {"json": {"title": "Endret mål"}},
        "api_goals.create_action": {"json": {"title": "Nytt tiltak", "due_on": _future(60)}},
        "api_goals.update_action": {"json": {"status": "done"}},
        "api_goals.create_value": {"json": {"measured_on": "2024-06-30", "value": 35.5}},
        "api_goals.delete_value": {},
        "api_meetings.create_meeting": {
            "json": {"municipality_id": ids["alta"], "held_on": _future(5)}
        },
        "api_meetings.create_decision": {"json": {"text": "Nytt vedtak", "owner": "Rådmannen"}},
        "api_meetings.update_decision": {"json": {"status": "done"}},
        "api_comments.start_commitment_thread": {"json": {"body": "Ny kommentar"}},
        "api_comments.start_goal_thread": {"json": {"body": "Ny kommentar"}},
        "api_comments.start_action_thread": {"json": {"body": "Ny kommentar"}},
        "api_comments.start_row_thread": {"json": {"body": "Ny kommentar"}},
        "api_comments.add_comment": {"json": {"body": "Et svar"}},
        "api_comments.set_thread_state": {"json": {"resolved": True}},
        "api_comments.add_mark": {"json": {"period": "Våren", "assessment": "on_track"}},
    }
    return {"api": True, **bodies[endpoint]} if endpoint in bodies else None


# ---- who may write where -------------------------------------------------------------------


@dataclass(frozen=True)
class Allowed:
    """A role may use this route: any write stays in these tables; the reason says why."""

    reason: str
    tables: frozenset[str] = frozenset()


OWN_ACCOUNT = "changes only the person's own account"
OWN_NOTIFICATIONS = "marks only the person's own notifications read (Alta's are not theirs)"
NOTIFICATION_KINDS = (
    "chapter_opens",
    "chapter_due",
    "feedback",
    "programme_published",
    "programme_changed",
    "registration_deadline",
    "story_idea",
    "commitment_passed",
    "action_passed",
    "declaration_step",
    "report_ready",
)
MEMBER_IDEA = "network members leave ideas on published stories"
SELF_REGISTRATION = "members register themselves for a published gathering"
LIBRARY = "platform facilitators keep the shared method library"
PLATFORM_FACILITATOR = "platform facilitators create networks"
OWN_FORM = "may use the form for their own municipality; Alta is not among its choices"
X_MEMBERS = ("participant", "hemnes_coordinator", "steering")
ALTA_STEERING_COMMENTS = (
    "Alta's steering group comments on Alta's records and answers in its threads"
)
ALTA_STEERING_MARKS = "Alta's steering group marks Alta's status as reviewed"
JOINT_THREADS = "every coordinator of the network discusses the network's joint commitments"
THREAD_TABLES = frozenset({"comment_threads", "comments"})
LOGGED_IN = ROLES[1:]


def _each(roles: tuple[str, ...], allowed: Allowed) -> dict[str, Allowed]:
    return dict.fromkeys(roles, allowed)


ALTA_STEERING_MINUTES = "Alta's own steering group writes the minutes of its meetings"
MEETING_TABLES = frozenset({"meetings", "meeting_attendees", "meeting_items", "meeting_decisions"})

# (endpoint, filling) → {role: Allowed}; filling "" is the default, "*" every filling.
EXCEPTIONS: dict[tuple[str, str], dict[str, Allowed]] = {
    ("auth.account", "*"): _each(LOGGED_IN, Allowed(OWN_ACCOUNT, frozenset({"users"}))),
    ("auth.change_password", "*"): _each(
        LOGGED_IN, Allowed(OWN_ACCOUNT, frozenset({"users", "user_sessions"}))
    ),
    ("auth.create_token", "*"): _each(LOGGED_IN, Allowed(OWN_ACCOUNT, frozenset({"api_tokens"}))),
    ("auth.remove_identity", "*"): _each(
        LOGGED_IN, Allowed(OWN_ACCOUNT, frozenset({"external_identities"}))
    ),
    ("notifications.settings", "*"): _each(
        LOGGED_IN, Allowed(OWN_ACCOUNT, frozenset({"notification_preferences"}))
    ),
    ("notifications.read_all", "*"): _each(LOGGED_IN, Allowed(OWN_NOTIFICATIONS)),
    ("stories.add_idea", "published_story"): _each(
        X_MEMBERS, Allowed(MEMBER_IDEA, frozenset({"story_ideas"}))
    ),
    ("api_stories.add_idea", "published_story"): _each(
        X_MEMBERS, Allowed(MEMBER_IDEA, frozenset({"story_ideas"}))
    ),
    ("gatherings.register", ""): _each(
        X_MEMBERS, Allowed(SELF_REGISTRATION, frozenset({"gathering_registrations"}))
    ),
    ("declarations.add_comment", ""): {
        "steering": Allowed(
            "Alta's steering group comments on the declaration on consultation",
            frozenset({"declaration_comments"}),
        )
    },
    ("declarations.add_comment", "published_version"): {
        "steering": Allowed("may comment, but a published version takes no comments (422)")
    },
    **{
        (endpoint, "*"): {"steering": Allowed(ALTA_STEERING_COMMENTS, THREAD_TABLES)}
        for endpoint in (
            "comments.commitment",
            "comments.goal",
            "comments.action",
            "comments.row",
            "comments.answer",
            "comments.resolve",
            "api_comments.start_commitment_thread",
            "api_comments.start_goal_thread",
            "api_comments.start_action_thread",
            "api_comments.start_row_thread",
            "api_comments.add_comment",
            "api_comments.set_thread_state",
        )
    },
    ("comments.reopen", "*"): {
        "steering": Allowed("may reopen, but the world's thread is open (nothing to reopen)")
    },
    ("comments.add_mark", "*"): {
        "steering": Allowed(ALTA_STEERING_MARKS, frozenset({"review_marks"}))
    },
    ("api_comments.add_mark", "*"): {
        "steering": Allowed(ALTA_STEERING_MARKS, frozenset({"review_marks"}))
    },
    ("comments.commitment", "joint"): {
        "steering": Allowed(ALTA_STEERING_COMMENTS, THREAD_TABLES),
        "hemnes_coordinator": Allowed(JOINT_THREADS, THREAD_TABLES),
    },
    ("api_comments.start_commitment_thread", "joint"): {
        "steering": Allowed(ALTA_STEERING_COMMENTS, THREAD_TABLES),
        "hemnes_coordinator": Allowed(JOINT_THREADS, THREAD_TABLES),
    },
    ("cases.new", "*"): {
        "facilitator_y": Allowed(
            "every network's facilitators enter cases in the national idea bank",
            frozenset({"cases", "bank_terms"}),
        )
    },
    ("gatherings.new_method", "*"): {
        "facilitator_y": Allowed(LIBRARY, frozenset({"gathering_methods"}))
    },
    ("gatherings.edit_method", "*"): {
        "facilitator_y": Allowed(LIBRARY, frozenset({"gathering_methods"}))
    },
    ("municipalities.create", "*"): {
        "facilitator_y": Allowed(
            "platform facilitators register new municipalities", frozenset({"municipalities"})
        )
    },
    ("auth.new_user", "*"): {
        "facilitator_y": Allowed(
            "facilitators invite people into networks they run; X is not among the choices"
        )
    },
    ("networks.create", "*"): {
        "facilitator_y": Allowed(PLATFORM_FACILITATOR, frozenset({"networks", "memberships"}))
    },
    ("commitments.gathering_commitments", ""): {
        "hemnes_coordinator": Allowed(OWN_FORM),
    },
    ("commitments.new_commitment", "*"): {"hemnes_coordinator": Allowed(OWN_FORM)},
    ("stories.create", "*"): {"hemnes_coordinator": Allowed(OWN_FORM)},
    **{
        (endpoint, "*"): {"steering": Allowed(ALTA_STEERING_MINUTES, MEETING_TABLES)}
        for endpoint in (
            "meetings.new_meeting",
            "meetings.edit",
            "meetings.add_attendee",
            "meetings.remove_attendee",
            "meetings.remove_item",
            "meetings.delete",
            "meetings.add_item",
            "meetings.add_decision",
            "meetings.decision_status",
            "api_meetings.create_meeting",
            "api_meetings.create_decision",
            "api_meetings.update_decision",
        )
    },
    ("api_stories.create_story", "*"): {"hemnes_coordinator": Allowed(OWN_FORM)},
}


def allowed_for(endpoint: str, filling: str, role: str) -> Allowed | None:
    for key in ((endpoint, filling), (endpoint, "*")):
        if role in EXCEPTIONS.get(key, {}):
            return EXCEPTIONS[key][role]
    return None


# Holes the matrix found that are fixed elsewhere: case id → reason (strict xfail: once the
# fix is merged the case passes, the xfail fails, and the entry must go).
KNOWN_HOLES: dict[str, str] = {}


# ---- the cases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One method of one url_map rule with one filling of its arguments."""

    rule: Any
    method: str
    filling_name: str
    filling: dict[str, Any]

    @property
    def endpoint(self) -> str:
        return self.rule.endpoint

    @property
    def label(self) -> str:
        suffix = f"[{self.filling_name}]" if self.filling_name else ""
        return f"{self.method} {self.rule.rule}{suffix}"


def _routes() -> tuple[list[Route], list[str]]:
    routes, unfillable = [], []
    for rule in sorted(_APP.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in PUBLIC_WRITES:
            continue
        for method in sorted((rule.methods or set()) & STATE_CHANGING):
            try:
                named = fillings(rule)
            except MissingArgument as error:
                unfillable.append(str(error))
                continue
            routes.extend(Route(rule, method, name, values) for name, values in named)
    return routes, unfillable


ROUTES, UNFILLABLE = _routes()


def _cases(routes: list[Route]) -> list[Any]:
    cases = []
    for route in routes:
        for role in ROLES:
            case_id = f"{route.label}-{role}"
            marks = (
                [pytest.mark.xfail(strict=True, reason=KNOWN_HOLES[case_id])]
                if case_id in KNOWN_HOLES
                else []
            )
            cases.append(pytest.param(route, role, id=case_id, marks=marks))
    return cases


def _send(world: World, role: str, method: str, url: str, endpoint: str, api: bool) -> Any:
    """The request as the role would send it: session and CSRF token, or bearer token."""
    data = payload(world, endpoint)
    if data.pop("api", False) or api:
        url += data.get("query", "")
        headers = world.bearer(role) if api else {}
        kwargs: dict[str, Any] = {"headers": headers}
        if "json" in data:
            kwargs["json"] = data["json"]
        if "data" in data:
            kwargs["data"] = {**data["data"]}
            kwargs["content_type"] = "multipart/form-data"
        if not api:  # an API route reached with the cookie session: CSRF token in the header
            kwargs["headers"] = {"X-CSRFToken": world.csrf[role]}
        client = world.app.test_client() if api else world.client(role)
        return client.open(url, method=method, **kwargs)
    form = {**data, "csrf_token": world.csrf[role]}
    has_file = any(isinstance(v, tuple) for v in form.values())
    return world.client(role).open(
        url,
        method=method,
        data=form,
        content_type="multipart/form-data" if has_file else None,
    )


def _check(world: World, response: Any, role: str, endpoint: str, filling: str, what: str) -> None:
    after = fingerprint(world.app)
    changes = changed_tables(world.baseline, after)
    assert response.status_code < 500, f"{what} as {role}: {response.status_code}"
    allowed = allowed_for(endpoint, filling, role)
    if allowed is not None:
        extra = set(changes) - allowed.tables
        assert not extra, f"{what} as {role} ({allowed.reason}) also changed {changes}"
        return
    assert is_refusal(response, role), (
        f"{what} as {role}: answered {response.status_code}, not a refusal; changed: {changes}"
    )
    assert not changes, f"{what} as {role}: refused, but the database changed: {changes}"


def test_every_state_changing_route_can_be_filled():
    """A route whose arguments the matrix cannot fill would slip by: add it to the world."""
    assert not UNFILLABLE, "\n".join(UNFILLABLE)
    assert len({r.rule.rule for r in ROUTES}) >= 60


def test_a_route_with_an_unknown_argument_fails_the_matrix():
    """A new argument name is not guessed: the matrix says where to add it."""
    from werkzeug.routing import Map, Rule

    rule = Rule("/gadgets/<int:gadget_id>/delete", endpoint="gadgets.delete")
    Map([rule])
    with pytest.raises(MissingArgument, match=r"\['gadget_id'\].*ARGUMENTS in tests/matrix_world"):
        fillings(rule)


@pytest.mark.parametrize(("route", "role"), _cases(ROUTES))
def test_write_route_is_refused(case_db: World, route: Route, role: str) -> None:
    world = case_db
    url = build_url(world, route.rule, route.filling)
    response = _send(world, role, route.method, url, route.endpoint, api=False)
    _check(world, response, role, route.endpoint, route.filling_name, f"{route.method} {url}")


# ---- the API operations, as the OpenAPI document lists them --------------------------------


def _api_operations() -> list[tuple[str, str, Any]]:
    """(method, path, rule) of every non-GET operation in the OpenAPI document."""
    document = _APP.test_client().get("/api/v1/openapi.json").get_json()
    rules = {r.rule: r for r in _APP.url_map.iter_rules()}
    operations = []
    for path, item in document["paths"].items():
        for method in item:
            if method.upper() not in STATE_CHANGING:
                continue
            flask_path = path.replace("{", "<int:").replace("}", ">")
            if not flask_path.startswith("/api/v1/"):
                flask_path = "/api/v1" + flask_path
            operations.append((method.upper(), path, rules.get(flask_path)))
    return operations


API_OPERATIONS = _api_operations()


def test_openapi_operations_match_the_routes():
    """Every operation of the document is a route the matrix can reach (and fill)."""
    assert API_OPERATIONS
    missing = [f"{m} {p}" for m, p, rule in API_OPERATIONS if rule is None]
    assert not missing, f"operations without a matching route: {missing}"


def _api_cases() -> list[Any]:
    cases = []
    for method, path, rule in API_OPERATIONS:
        if rule is None:
            continue
        for name, values in fillings(rule):
            for role in ROLES:
                label = f"{method} {path}{f'[{name}]' if name else ''}-{role}"
                marks = (
                    [pytest.mark.xfail(strict=True, reason=KNOWN_HOLES[label])]
                    if label in KNOWN_HOLES
                    else []
                )
                cases.append(pytest.param(method, rule, name, values, role, id=label, marks=marks))
    return cases


@pytest.mark.parametrize(("method", "rule", "filling_name", "filling", "role"), _api_cases())
def test_api_operation_is_refused(
    case_db: World, method: str, rule: Any, filling_name: str, filling: dict, role: str
) -> None:
    world = case_db
    url = build_url(world, rule, filling)
    response = _send(world, role, method, url, rule.endpoint, api=True)
    _check(world, response, role, rule.endpoint, filling_name, f"API {method} {url}")
    if not allowed_for(rule.endpoint, filling_name, role):
        assert response.is_json and response.get_json()["error"]["code"], url


# ---- positive control: the data of the matrix does write when an allowed person sends it ---

# Who may write each route (the X facilitator unless named here).
ALLOWED_ACTOR = {
    "comments.add_mark": "steering",
    "api_comments.add_mark": "steering",
    "api_goals.create_goal": "alta_coordinator",
    "api_goals.update_goal": "alta_coordinator",
    "api_goals.create_action": "alta_coordinator",
    "api_goals.update_action": "alta_coordinator",
    "api_goals.create_value": "alta_coordinator",
    "api_goals.delete_value": "alta_coordinator",
    "networks.accept_enrolment": "admin",
    "api_declarations.put_version": "alta_coordinator",
    "networks.accept_invitation": "admin",
    "auth.revoke_token": "alta_coordinator",
    "auth.password_link": "admin",
    "auth.set_active": "admin",
    "auth.remove_user_identity": "admin",
    "auth.work_login_domains": "admin",
    "auth.remove_work_login_domain": "admin",
    "workbooks.save_answer": "alta_coordinator",
    "workbooks.submit": "alta_coordinator",
    "workbooks.share": "alta_coordinator",
    "api_workbooks.put_answer": "alta_coordinator",
    "declarations.edit": "alta_coordinator",
    "declarations.transition": "alta_coordinator",
    "declarations.add_signatory": "alta_coordinator",
    "declarations.remove_signatory": "alta_coordinator",
    "declarations.resolve_comment": "alta_coordinator",
    "declarations.add_comment": "alta_coordinator",
    "api_declarations.post_transition": "alta_coordinator",
    "staffing.save_mapping": "alta_coordinator",
    "staffing.save_fixes": "alta_coordinator",
    "staffing.confirm": "alta_coordinator",
    "staffing.cancel": "alta_coordinator",
    "goals.new": "alta_coordinator",
    "goals.edit": "alta_coordinator",
    "goals.delete": "alta_coordinator",
    "goals.add_value": "alta_coordinator",
    "goals.delete_value": "alta_coordinator",
    "goals.add_action": "alta_coordinator",
    "goals.edit_action": "alta_coordinator",
    "notifications.toggle_read": "alta_coordinator",  # her own notification
    "notifications.read_all": "alta_coordinator",
    "notifications.settings": "alta_coordinator",
}

# Routes the world cannot show writing, and why (each is still in the refusal matrix).
NO_CONTROL = {
    "declarations.start": "Alta already has its declaration (one per municipality)",
    "declarations.start_version": "Alta's newest version is on consultation, not adopted",
    "gatherings.import_preview": "a preview: it keeps nothing (import_confirm writes)",
    "auth.remove_identity": "one's own links only; tests/test_oidc.py removes one",
    "comments.reopen": "the world's thread is open; tests/test_comments.py reopens one",
}

# Routes whose control fails for a bug fixed elsewhere (strict: remove once merged).
CONTROL_XFAIL: dict[str, str] = {}


def _writes(world: World, route: Route, role: str) -> dict:
    nested = world.connection.begin_nested()
    try:
        url = build_url(world, route.rule, route.filling)
        response = _send(world, role, route.method, url, route.endpoint, api=False)
        assert response.status_code < 500, (route.label, response.status_code)
        return changed_tables(world.baseline, fingerprint(world.app))
    finally:
        if nested.is_active:
            nested.rollback()


def _by_rule() -> dict[tuple[str, str], list[Route]]:
    grouped: dict[tuple[str, str], list[Route]] = {}
    for route in ROUTES:
        grouped.setdefault((route.method, route.rule.rule), []).append(route)
    return grouped


@pytest.mark.parametrize(
    ("key", "routes"),
    [
        pytest.param(
            k,
            v,
            id=f"{k[0]} {k[1]}",
            marks=[pytest.mark.xfail(strict=True, reason=CONTROL_XFAIL[v[0].endpoint])]
            if v[0].endpoint in CONTROL_XFAIL
            else [],
        )
        for k, v in _by_rule().items()
    ],
)
def test_matrix_data_writes_for_an_allowed_person(world: World, key, routes) -> None:
    """Without this, a refusal could come from data the route would refuse anyway."""
    endpoint = routes[0].endpoint
    if endpoint in NO_CONTROL:
        pytest.skip(NO_CONTROL[endpoint])
    role = ALLOWED_ACTOR.get(endpoint, "facilitator")
    results = {route.filling_name or "default": _writes(world, route, role) for route in routes}
    assert any(results.values()), f"{key} as {role} wrote nothing: {results}"


# ---- X's records named in the body of a route of the role's own network ------------------

# Y's facilitator may use Y's routes; the body names X's records (Alta, X's gathering, X's
# chapter, Alta's coordinator). The route is theirs, so the answer may be the form's own
# (200/302/400/422): what counts is that nothing of X's is written or copied.
FOREIGN = [
    ("/networks/{network_y}/stories/new", "stories.create", None),
    ("/networks/{network_y}/chapters/new", "workbooks.new_chapter", None),
    ("/networks/{network_y}/chapters/from-template", "workbooks.from_template", None),
    ("/gatherings/{gathering_y}/copy", "gatherings.copy", None),
    ("/gatherings/{gathering_y}/polls/copy", "polls.copy", None),
    ("/gatherings/{gathering_y}/commitments", "commitments.gathering_commitments", None),
    ("/networks/{network_y}/commitments/new", "commitments.new_commitment", None),
    ("/api/v1/networks/{network_y}/stories", "api_stories.create_story", None),
    ("/api/v1/gatherings/{gathering_y}/commitments", "api_commitments.create_commitment", None),
    ("/networks/{network_y}/meetings/new", "meetings.new_meeting", None),
    ("/api/v1/networks/{network_y}/meetings", "api_meetings.create_meeting", None),
    # Asking is allowed; only the municipality (or an admin) makes it take part.
    ("/networks/{network_y}/participations", "networks.add_participation", {"enrolments"}),
    # Inviting is allowed; the person (and Alta's side) must say yes before the role applies.
    ("/networks/{network_y}/members", "networks.add_member", {"invitations"}),
]


def _foreign_body(world: World, endpoint: str) -> dict[str, Any]:
    """The endpoint's payload with X's records in every field that names a record."""
    ids = world.ids
    data = payload(world, endpoint)
    swaps = {
        "workbooks.new_chapter": {"c-opens_after_gathering": str(ids["gathering_published"])},
        "workbooks.from_template": {"t-source": f"chapter:{ids['chapter_submitted']}"},
        "gatherings.copy": {"source": str(ids["gathering_published"])},
        "polls.copy": {"source": str(ids["poll_draft"])},
        "networks.add_member": {"m-email": "koordinator.alta@example.org", "m-municipality": ""},
        "networks.add_participation": {"p-municipality": str(ids["alta"])},
    }
    data.update(swaps.get(endpoint, {}))
    if "json" in data:
        data["json"] = {**data["json"], "gathering_id": ids["gathering_published"]}
    return data


@pytest.mark.parametrize(
    ("path", "endpoint"),
    [
        pytest.param(
            path,
            endpoint,
            id=endpoint,
        )
        for path, endpoint, _ in FOREIGN
    ],
)
def test_own_network_route_with_x_records_in_the_body(
    case_db: World, path: str, endpoint: str
) -> None:
    world = case_db
    url = path.format(**world.ids)
    data = _foreign_body(world, endpoint)
    client = world.client("facilitator_y")
    if data.pop("api", False):
        response = world.app.test_client().post(
            url, json=data["json"], headers=world.bearer("facilitator_y")
        )
    else:
        response = client.post(url, data={**data, "csrf_token": world.csrf["facilitator_y"]})
    changes = changed_tables(world.baseline, fingerprint(world.app))
    assert response.status_code < 500, (url, response.status_code)
    requests_only = next(allowed for _, e, allowed in FOREIGN if e == endpoint) or set()
    assert set(changes) <= requests_only, (
        f"POST {url} as facilitator_y with X's records wrote {changes}"
    )

"""An answer's content by prompt kind: read from a form or JSON, checked, and told as text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from heltidnett.core import markup
from heltidnett.core.errors import ServiceError
from heltidnett.workbooks.models import Prompt, PromptKind

SMART_KEYS = ("s", "m", "t", "who", "when")
MAX_TEXT = 50_000
MAX_ROWS = 60


def smart_labels() -> dict[str, str]:
    """The five parts of a SMART block."""
    return {
        "s": _("S – Analysen: hvordan ser situasjonen ut nå?"),
        "m": _("M – Hvilke målbare mål vil vi sette?"),
        "t": _("T – Hvilke tiltak setter vi i verk for å nå målet?"),
        "who": _("Hvem har hovedansvaret?"),
        "when": _("Når skal tiltaket være gjennomført og målet nådd?"),
    }


def _text(value: Any, limit: int = MAX_TEXT) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\x00", "")
    if len(text) > limit:
        raise ServiceError(_("Teksten er for lang (høyst %(n)d tegn).", n=limit))
    return text


def scale_bounds(prompt: Prompt) -> tuple[int, int]:
    """The lowest and highest value of a scale prompt (1 to 10 unless set)."""
    low = int(prompt.options.get("min", 1))
    high = int(prompt.options.get("max", 10))
    return low, high


def columns(prompt: Prompt) -> list[str]:
    return [str(c) for c in prompt.options.get("columns", [])] or [_("Tekst")]


def choices(prompt: Prompt) -> list[str]:
    return [str(c) for c in prompt.options.get("choices", [])]


def normalize(prompt: Prompt, value: Any) -> dict[str, Any]:
    """The stored content for a prompt from a kind-specific value; ServiceError if invalid."""
    kind = prompt.kind
    if kind == PromptKind.TEXT:
        text = _text(value)
        return {"text": text, "html": markup.to_html(text)}
    if kind == PromptKind.SMART:
        data = value if isinstance(value, Mapping) else {}
        return {key: _text(data.get(key, ""), 10_000) for key in SMART_KEYS}
    if kind == PromptKind.RANKED:
        return {"items": _ranked(value)}
    if kind == PromptKind.SCALE:
        if value in (None, ""):
            return {"value": None}
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ServiceError(_("Velg et helt tall på skalaen.")) from None
        low, high = scale_bounds(prompt)
        if not low <= number <= high:
            raise ServiceError(_("Velg et tall fra %(low)d til %(high)d.", low=low, high=high))
        return {"value": number}
    if kind == PromptKind.CHOICE:
        text = _text(value, 500).strip()
        if text and text not in choices(prompt):
            raise ServiceError(_("Velg et av alternativene."))
        return {"value": text}
    return {"rows": _rows(prompt, value)}


def _ranked(value: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for entry in value or []:
        if isinstance(entry, Mapping):
            text, priority = _text(entry.get("text", ""), 2_000).strip(), entry.get("priority")
        else:
            text, priority = _text(entry, 2_000).strip(), None
        if not text:
            continue
        if priority in (None, ""):
            number = None
        else:
            try:
                number = int(str(priority).strip())
            except ValueError:
                raise ServiceError(
                    _("Prioriteten til «%(item)s» må være et helt tall.", item=text[:60])
                ) from None
            if number < 1:
                raise ServiceError(_("Prioriteten må være 1 eller høyere."))
        items.append({"text": text, "priority": number})
    if len(items) > MAX_ROWS:
        raise ServiceError(_("Listen har for mange punkter (høyst %(n)d).", n=MAX_ROWS))
    return items


def _rows(prompt: Prompt, value: Any) -> list[list[str]]:
    width = len(columns(prompt))
    rows: list[list[str]] = []
    for row in value or []:
        cells = [_text(cell, 2_000).strip() for cell in list(row)[:width]]
        cells += [""] * (width - len(cells))
        if any(cells):
            rows.append(cells)
    if len(rows) > MAX_ROWS:
        raise ServiceError(_("Tabellen har for mange rader (høyst %(n)d).", n=MAX_ROWS))
    return rows


def from_form(prompt: Prompt, form: Mapping[str, str]) -> Any:
    """The kind-specific value from the fields of an answer form."""
    kind = prompt.kind
    if kind == PromptKind.TEXT:
        return form.get("text", "")
    if kind == PromptKind.SMART:
        return {key: form.get(key, "") for key in SMART_KEYS}
    if kind == PromptKind.RANKED:
        count = _count(form, "item-")
        return [
            {"text": form.get(f"item-{i}", ""), "priority": form.get(f"priority-{i}", "")}
            for i in range(count)
        ]
    if kind in (PromptKind.SCALE, PromptKind.CHOICE):
        return form.get("value", "")
    width = len(columns(prompt))
    count = _count(form, "cell-", split=True)
    return [[form.get(f"cell-{r}-{c}", "") for c in range(width)] for r in range(count)]


def table_rows_shown(saved: int, wanted: int = 0) -> int:
    """How many rows a table prompt shows: the saved ones, an empty one, at least three."""
    return min(max(saved + 1, 3, wanted), MAX_ROWS)


def edit_rows(rows: list[list[str]], form: Mapping[str, str]) -> tuple[list[list[str]], int]:
    """The rows after the page's "Legg til rad" or "Fjern rad" button (without JavaScript),
    and how many rows the page should show next."""
    remove = form.get("remove_row", "")
    if remove.isdigit() and int(remove) < len(rows):
        rows = rows[: int(remove)] + rows[int(remove) + 1 :]
    return rows, len(rows) + (1 if form.get("add_row") else 0)


def _count(form: Mapping[str, str], prefix: str, split: bool = False) -> int:
    indexes = []
    for key in form:
        if key.startswith(prefix):
            rest = key.removeprefix(prefix)
            rest = rest.split("-")[0] if split else rest
            if rest.isdigit():
                indexes.append(int(rest))
    return min(max(indexes, default=-1) + 1, MAX_ROWS + 10)


def is_empty(content: Mapping[str, Any] | None) -> bool:
    """Whether nothing has been answered."""
    if not content:
        return True
    if "text" in content:
        return not content["text"].strip()
    if "items" in content:
        return not content["items"]
    if "rows" in content:
        return not content["rows"]
    if "value" in content:
        return content["value"] in (None, "")
    return not any(str(content.get(k, "")).strip() for k in SMART_KEYS)


def ranked_sorted(content: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The items of a ranked list, by priority (unnumbered last, in the order written)."""
    items = list(content.get("items", []))
    return sorted(items, key=lambda i: (i.get("priority") is None, i.get("priority") or 0))


def as_lines(prompt: Prompt, content: Mapping[str, Any] | None) -> list[str]:
    """The answer told as plain lines of text (for diffs, the merge view and Word)."""
    if is_empty(content):
        return []
    assert content is not None
    kind = prompt.kind
    if kind == PromptKind.TEXT:
        return markup.plain_lines(content.get("text", ""))
    if kind == PromptKind.SMART:
        labels = smart_labels()
        lines = []
        for key in SMART_KEYS:
            lines.append(labels[key])
            lines.extend(content.get(key, "").split("\n") or [""])
            lines.append("")
        return lines[:-1]
    if kind == PromptKind.RANKED:
        return [
            f"{item['priority'] if item.get('priority') else '–'}. {item['text']}"
            for item in ranked_sorted(content)
        ]
    if kind == PromptKind.SCALE:
        low, high = scale_bounds(prompt)
        return [
            _(
                "%(value)s på en skala fra %(low)d til %(high)d",
                value=content["value"],
                low=low,
                high=high,
            )
        ]
    if kind == PromptKind.CHOICE:
        return [str(content.get("value", ""))]
    return [" | ".join(row) for row in content.get("rows", [])]

"""The light markup of long answers, turned into a small, sanitised set of HTML tags.

Markup: a blank line starts a new paragraph; lines starting with "- " make a bullet list and
"1. " a numbered list; "### " a heading; **bold**, *italic* and [text](https://…) links.
"""

from __future__ import annotations

import re
from html import escape

import nh3
from flask_babel import gettext as _

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h3", "h4", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
LINK_REL = "noopener noreferrer nofollow"

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^\s)]+|mailto:[^\s)]+)\)")
_BULLET = re.compile(r"^\s*[-•*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")


def examples() -> list[str]:
    """What a writer types, one example per way of formatting, for the hint beside a long answer
    (the page shows each beside what it becomes, made by to_html)."""
    return [
        _("Første avsnitt.\n\nAndre avsnitt etter en tom linje."),
        _("- Heltid\n- Kompetanse"),
        _("1. Kartlegge\n2. Lyse ut"),
        _("Dette er **viktig**."),
        _("Les mer hos [KS](https://www.ks.no)."),
    ]


def sanitize(html: str) -> str:
    """Only the allowed tags and link targets; no scripts, no styles, no foreign attributes."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        link_rel=LINK_REL,
        url_schemes={"http", "https", "mailto"},
        strip_comments=True,
    )


def _inline(text: str) -> str:
    text = escape(text, quote=False)
    text = _LINK.sub(lambda m: f'<a href="{escape(m.group(2))}">{m.group(1)}</a>', text)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    return _ITALIC.sub(r"<em>\1</em>", text)


def to_html(text: str) -> str:
    """The sanitised HTML of a text written in the light markup."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append("<p>" + "<br>".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def flush_list() -> None:
        nonlocal list_tag
        if items:
            inner = "".join(f"<li>{_inline(item)}</li>" for item in items)
            blocks.append(f"<{list_tag}>{inner}</{list_tag}>")
            items.clear()
        list_tag = ""

    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if not line.strip():
            flush_paragraph()
            flush_list()
        elif line.startswith("### ") or line.startswith("#### "):
            flush_paragraph()
            flush_list()
            tag = "h4" if line.startswith("#### ") else "h3"
            blocks.append(f"<{tag}>{_inline(line.lstrip('#').strip())}</{tag}>")
        elif bullet or numbered:
            flush_paragraph()
            tag = "ul" if bullet else "ol"
            if list_tag and list_tag != tag:
                flush_list()
            list_tag = tag
            items.append((bullet or numbered).group(1))  # type: ignore[union-attr]
        else:
            flush_list()
            paragraph.append(line)
    flush_paragraph()
    flush_list()
    return sanitize("".join(blocks))


def plain_lines(text: str) -> list[str]:
    """The text's paragraphs and list items without markup, for Word and diffs."""
    lines = []
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = _LINK.sub(r"\1 (\2)", raw.strip())
        line = _BOLD.sub(r"\1", line)
        line = _ITALIC.sub(r"\1", line)
        lines.append(line.lstrip("#").strip() if line.startswith("#") else line)
    return lines

"""The light markup of long texts, turned into a small, sanitised set of HTML tags.

Markup: a blank line starts a new paragraph; lines starting with "- " make a bullet list and
"1. " a numbered list; "### " a heading; **bold**, *italic* and [text](https://…) links.
Workbook answers and chapter introductions and the sections of a declaration are written in
it; pages and PDFs show `to_html`, Word and diffs read `blocks` or `plain_lines`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

import nh3
from markupsafe import Markup

if TYPE_CHECKING:
    from flask import Flask

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h3", "h4", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
LINK_REL = "noopener noreferrer nofollow"

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^\s)]+|mailto:[^\s)]+)\)")
_BULLET = re.compile(r"^\s*[-•*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")


@dataclass
class Block:
    """A paragraph ('p': its lines), a list ('ul', 'ol': its items) or a heading ('h3', 'h4')."""

    tag: str
    lines: list[str] = field(default_factory=list)


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


def plain(text: str) -> str:
    """One line's text without its inline markup: links as 'text (address)'."""
    text = _LINK.sub(r"\1 (\2)", text)
    text = _BOLD.sub(r"\1", text)
    return _ITALIC.sub(r"\1", text)


def blocks(text: str) -> list[Block]:
    """The structure people typed: paragraphs, lists and headings, with their markers taken off
    (the inline markup stays in the lines)."""
    found: list[Block] = []
    current: Block | None = None
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if not line.strip():
            current = None
        elif line.startswith("### ") or line.startswith("#### "):
            tag = "h4" if line.startswith("#### ") else "h3"
            found.append(Block(tag, [line.lstrip("#").strip()]))
            current = None
        elif bullet or numbered:
            tag = "ul" if bullet else "ol"
            if current is None or current.tag != tag:
                current = Block(tag)
                found.append(current)
            current.lines.append((bullet or numbered).group(1))  # type: ignore[union-attr]
        else:
            if current is None or current.tag != "p":
                current = Block("p")
                found.append(current)
            current.lines.append(line)
    return found


def _block_html(block: Block) -> str:
    if block.tag == "p":
        return "<p>" + "<br>".join(_inline(line) for line in block.lines) + "</p>"
    if block.tag in ("ul", "ol"):
        inner = "".join(f"<li>{_inline(item)}</li>" for item in block.lines)
        return f"<{block.tag}>{inner}</{block.tag}>"
    return f"<{block.tag}>{_inline(block.lines[0])}</{block.tag}>"


def to_html(text: str) -> str:
    """The sanitised HTML of a text written in the light markup."""
    return sanitize("".join(_block_html(block) for block in blocks(text)))


def as_html(text: str | None) -> Markup:
    """`to_html` for a template: the `|markup` filter (`{{ section|markup }}`)."""
    return Markup(to_html(text or ""))  # noqa: S704 - sanitised by to_html


def init_app(app: Flask) -> None:
    """Register the `|markup` filter."""
    app.add_template_filter(as_html, "markup")


def plain_lines(text: str) -> list[str]:
    """The text's paragraphs and list items without markup, for Word and diffs."""
    lines = []
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = plain(raw.strip())
        lines.append(line.lstrip("#").strip() if line.startswith("#") else line)
    return lines

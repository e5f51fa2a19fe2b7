"""The nb, nn and en catalogs are complete, current and keep every placeholder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from heltidnett.cli import LANGUAGES, ROOT, catalogs

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
METHODS = [("**.py", "python"), ("**.html", "jinja2")]


def _extracted(source: Path) -> set[str]:
    """The msgids the code and templates use today, as pybabel would extract them."""
    ids: set[str] = set()
    domain_dirs = {folder for folder, _ in catalogs()[1:]}
    sources = [source]
    if source == ROOT / "templates":
        sources += [
            p
            for p in (ROOT / "heltidnett").iterdir()
            if p not in domain_dirs and p.name != "translations"
        ]
    for path in sources:
        if path.is_file():
            from babel.messages.extract import extract_from_file

            found = extract_from_file("python", str(path), keywords=KEYWORDS)
            ids.update(m[1] if isinstance(m[1], str) else m[1][0] for m in found)
            continue
        for _, _, message, *_ in extract_from_dir(str(path), METHODS, keywords=KEYWORDS):
            ids.add(message if isinstance(message, str) else message[0])
    return ids


@pytest.mark.parametrize(
    ("source", "target"), catalogs(), ids=lambda p: str(Path(p).relative_to(ROOT))
)
def test_catalogs_are_complete_and_current(source: Path, target: Path) -> None:
    used = _extracted(source)
    for language in LANGUAGES:
        po = target / language / "LC_MESSAGES" / "messages.po"
        assert po.exists(), f"missing catalog {po}"
        with po.open("rb") as handle:
            catalog = read_po(handle)
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
        missing = sorted(used - known)
        assert not missing, f"{po}: not extracted yet (run make translations-update): {missing[:5]}"
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(s.strip() for s in strings), f"{po}: empty translation of {message.id!r}"
            assert "fuzzy" not in message.flags, f"{po}: fuzzy translation of {message.id!r}"
            source_text = message.id if isinstance(message.id, str) else message.id[0]
            wanted = sorted(PLACEHOLDER.findall(source_text))
            for text in strings:
                assert sorted(PLACEHOLDER.findall(text)) == wanted, (
                    f"{po}: placeholders differ in {message.id!r} → {text!r}"
                )

"""Every string a user sees is translated in both catalogs, and extraction reaches every template."""
import os
import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


@pytest.fixture(scope="module")
def extracted():
    with open(os.path.join(ROOT, "babel.cfg"), encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = {}
    def wanted(dirpath):
        # Babel's default skips folders starting with "_", such as templates/_macros.
        name = os.path.basename(dirpath)
        return not name.startswith(".") and name not in ("__pycache__", ".venv", "node_modules")

    for filename, _lineno, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS, directory_filter=wanted):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault(msgid, set()).add(filename)
    return found


def _catalog(lang):
    with open(os.path.join(ROOT, "translations", lang, "LC_MESSAGES", "messages.po"), "rb") as fh:
        return read_po(fh, locale=lang)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_string_is_translated(extracted, lang):
    catalog = _catalog(lang)
    problems = []
    for msgid in extracted:
        msg = catalog.get(msgid) if msgid in catalog else None
        if msg is None:
            for candidate in catalog:
                if isinstance(candidate.id, tuple) and candidate.id[0] == msgid:
                    msg = candidate
        if msg is None:
            problems.append(f"missing: {msgid!r}")
            continue
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        if not all(strings):
            problems.append(f"untranslated: {msgid!r}")
        if msg.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
    assert problems == [], f"{lang}: " + "\n".join(problems[:40])


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_placeholders_survive_translation(lang):
    for msg in _catalog(lang):
        if not msg.id or not msg.string:
            continue
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        wanted = set(re.findall(r"%\((\w+)\)", ids[0]))
        for s in strings:
            assert set(re.findall(r"%\((\w+)\)", s)) <= wanted | set(re.findall(r"%\((\w+)\)", ids[-1])), msg.id
            if lang == "en" or not isinstance(msg.id, tuple):
                assert wanted <= set(re.findall(r"%\((\w+)\)", s)) or "n" in wanted, msg.id


def test_extraction_reaches_every_template(extracted):
    """A template that calls _() but yields nothing means the extraction config misses it."""
    covered = {f for files in extracted.values() for f in files}
    missed = []
    for folder, _dirs, files in os.walk(os.path.join(ROOT, "templates")):
        for name in files:
            path = os.path.relpath(os.path.join(folder, name), ROOT)
            with open(os.path.join(ROOT, path), encoding="utf-8") as fh:
                if re.search(r"_\(\s*['\"]", fh.read()) and path not in covered:
                    missed.append(path)
    assert missed == []
    assert any(f.startswith("templates/") for f in covered)
    assert any(f.startswith("portal/") for f in covered)


def test_arabic_catalog_is_really_arabic():
    catalog = _catalog("ar")
    arabic = sum(1 for m in catalog if m.id and re.search(r"[\u0600-\u06ff]", str(m.string)))
    assert arabic >= 0.9 * sum(1 for m in catalog if m.id)

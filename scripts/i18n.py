"""Bundled UI translations: extract strings, compile catalogs, check that they are complete.

    python scripts/i18n.py extract   # code + templates → conf/locale/en/…/text.po, merged into kk and ru
    python scripts/i18n.py compile   # every text.po → text.mo (byte-for-byte reproducible)
    python scripts/i18n.py check     # non-zero exit, with a list, when anything is missing or stale

Strings are found without running the code:

* Python: calls of ``_("…")``, ``gettext("…")``, ``ngettext("…", "…", n)`` and the
  ``self.gettext("…")`` / ``….ngettext(…)`` methods whose first arguments are string literals
  (read with :mod:`ast`, so implicit concatenation and line breaks are handled);
* templates: ``{% trans "…" %}`` and ``{% trans "…" as name %}`` literals.

Catalogs are read and written with polib (pinned in requirements/test.txt), and compiled
with polib too, so a .mo is the same bytes on every machine; when GNU ``msgfmt`` is on
PATH, ``check`` also runs ``msgfmt --check-format`` over every catalog. See docs/translations.md.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "legal_basics_xblock"
LOCALE_DIR = PACKAGE / "conf" / "locale"
TEMPLATES_DIR = PACKAGE / "templates"
DOMAIN = "text"
SOURCE_LOCALE = "en"
TRANSLATED_LOCALES = ("kk", "ru")
LOCALES = (SOURCE_LOCALE, *TRANSLATED_LOCALES)
SYMLINK = PACKAGE / "translations"
SYMLINK_TARGET = "conf/locale"

PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "kk": "nplurals=2; plural=(n != 1);",
    "ru": ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
           "(n%100<10 || n%100>=20) ? 1 : 2);"),
}
LANGUAGE_TEAMS = {"en": "English", "kk": "Kazakh", "ru": "Russian"}

# Marker functions (``_``/``gettext``/…) and methods (``self.gettext``) that take a literal msgid.
SINGULAR_NAMES = {"_", "gettext", "gettext_noop", "gettext_lazy", "pgettext"}
PLURAL_NAMES = {"ngettext", "ngettext_lazy"}
TRANS_TAG = re.compile(r"{%\s*trans\s+(.*?)\s*%}", re.DOTALL)
TRANS_LITERAL = re.compile(r"""^(?:"([^"\\]*)"|'([^'\\]*)')(?:\s+as\s+\w+)?$""")
PLACEHOLDER = re.compile(r"(?<!{){([A-Za-z_][A-Za-z0-9_]*)(?:[!:][^{}]*)?}(?!})")
CONFIG_YAML = (
    "# edx-i18n-tools layout of this package's bundled catalogs (domain \"text\", not \"django\").\n"
    "# Written by scripts/i18n.py extract from its LOCALES; `i18n_tool` users find the same locales here.\n"
    "# Open edX reads translations/<locale>/LC_MESSAGES/text.mo; legal_basics_xblock/translations is a\n"
    "# relative symlink to this directory. See docs/translations.md.\n"
    f"source_locale: {SOURCE_LOCALE}\n"
    "locales:\n"
    + "".join(f"    - {code}  # {LANGUAGE_TEAMS[code]}{' (source)' if code == SOURCE_LOCALE else ''}\n"
              for code in LOCALES)
    + "dummy_locales: []\n"
)


@dataclass
class Message:
    msgid: str
    msgid_plural: str = ""
    references: list = field(default_factory=list)


class ExtractError(Exception):
    """A string that looks translatable but cannot be extracted (e.g. a variable in ``{% trans %}``)."""


# --- extraction ----------------------------------------------------------------------------------
def _callee_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute) and node.func.attr in ("gettext", "ngettext"):
        return node.func.attr
    return None


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def python_messages(path: Path) -> list[tuple[str, str, int]]:
    """``(msgid, msgid_plural, line)`` for every marked literal in one Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = _callee_name(node)
        if name in SINGULAR_NAMES:
            args = node.args[1:] if name == "pgettext" else node.args
            msgid = _literal(args[0]) if args else None
            if msgid:
                found.append((msgid, "", node.lineno))
        elif name in PLURAL_NAMES and len(node.args) >= 2:
            singular, plural = _literal(node.args[0]), _literal(node.args[1])
            if singular and plural:
                found.append((singular, plural, node.lineno))
    return sorted(found, key=lambda item: item[2])


def template_messages(path: Path) -> list[tuple[str, str, int]]:
    """``(msgid, "", line)`` for every ``{% trans "…" %}`` in one template."""
    text = path.read_text(encoding="utf-8")
    found = []
    for match in TRANS_TAG.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        literal = TRANS_LITERAL.match(match.group(1).strip())
        if not literal:
            raise ExtractError(f"{shown(path)}:{line}: {{% trans %}} takes one quoted literal, "
                               f"got {match.group(1)!r}")
        msgid = literal.group(1) if literal.group(1) is not None else literal.group(2)
        if msgid:
            found.append((msgid, "", line))
    return found


def shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def source_files() -> list[Path]:
    python = [p for p in PACKAGE.rglob("*.py") if LOCALE_DIR not in p.parents and "__pycache__" not in p.parts]
    templates = list(TEMPLATES_DIR.rglob("*.html")) if TEMPLATES_DIR.is_dir() else []
    return sorted(python + templates, key=lambda p: p.relative_to(ROOT).as_posix())


def collect() -> list[Message]:
    """Every msgid in the package, in order of first appearance (files sorted by path)."""
    messages: dict[str, Message] = {}
    for path in source_files():
        finder = python_messages if path.suffix == ".py" else template_messages
        reference = path.relative_to(ROOT).as_posix()
        for msgid, plural, _line in finder(path):
            message = messages.setdefault(msgid, Message(msgid, plural))
            if plural and not message.msgid_plural:
                message.msgid_plural = plural
            # File-only references (as ``xgettext --add-location=file``): edits elsewhere in a
            # file do not churn the catalogs.
            if (reference, "") not in message.references:
                message.references.append((reference, ""))
    return list(messages.values())


# --- catalogs --------------------------------------------------------------------------------------
def po_path(locale: str, base: Path = LOCALE_DIR) -> Path:
    return base / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(locale: str, base: Path = LOCALE_DIR) -> Path:
    return base / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def new_catalog(locale: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.header = (f"{LANGUAGE_TEAMS[locale]} UI strings of legal-basics-xblock (domain \"{DOMAIN}\").\n"
                 "Generated by scripts/i18n.py extract; edit msgstr lines only, then run\n"
                 "`make compile_translations check_translations`. See docs/translations.md.")
    po.metadata = {
        "Project-Id-Version": "legal-basics-xblock",
        "Report-Msgid-Bugs-To": "",
        "Language-Team": LANGUAGE_TEAMS[locale],
        "Language": locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[locale],
    }
    return po


def entry_for(message: Message) -> polib.POEntry:
    entry = polib.POEntry(msgid=message.msgid, occurrences=list(message.references))
    if message.msgid_plural:
        entry.msgid_plural = message.msgid_plural
        entry.msgstr_plural = {0: "", 1: ""}
    if placeholders(message.msgid) or placeholders(message.msgid_plural):
        entry.flags.append("python-brace-format")
    return entry


def source_catalog(messages: list[Message]) -> polib.POFile:
    po = new_catalog(SOURCE_LOCALE)
    for message in messages:
        po.append(entry_for(message))
    return po


def merged_catalog(locale: str, messages: list[Message], old: polib.POFile | None) -> polib.POFile:
    """The catalog for ``messages``, keeping ``old``'s translations.

    A new msgid whose wording is close to a msgid that went away starts from that
    translation, marked fuzzy (as msgmerge does), so ``check`` asks for a review.
    Translations of strings that went away stay in the file as obsolete (``#~``) entries.
    """
    po = new_catalog(locale)
    nplurals = 3 if locale == "ru" else 2
    previous = {e.msgid: e for e in old or [] if e.msgid}
    current = {m.msgid for m in messages}
    gone = {msgid: e for msgid, e in previous.items() if msgid not in current and (e.msgstr or e.msgstr_plural)}
    for message in messages:
        entry = entry_for(message)
        if message.msgid_plural:
            entry.msgstr_plural = dict.fromkeys(range(nplurals), "")
        before = previous.get(message.msgid)
        if before is None and gone:
            close = difflib.get_close_matches(message.msgid, list(gone), n=1, cutoff=0.8)
            if close:
                before = gone.pop(close[0])
                entry.flags.append("fuzzy")
                entry.previous_msgid = before.msgid
        if before is not None:
            if message.msgid_plural and before.msgstr_plural:
                entry.msgstr_plural.update(before.msgstr_plural)
            elif not message.msgid_plural:
                entry.msgstr = before.msgstr
            if before.fuzzy and "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
                entry.previous_msgid = before.previous_msgid
            entry.tcomment = before.tcomment
        po.append(entry)
    for msgid in sorted(gone):
        entry = gone[msgid]
        entry.obsolete = True
        entry.occurrences = []
        po.append(entry)
    return po


def write_text(path: Path, text: str) -> bool:
    """Write ``text`` when it differs; True when the file changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def catalog_text(po: polib.POFile) -> str:
    return str(po).rstrip("\n") + "\n"


def extract(base: Path = LOCALE_DIR, quiet: bool = False) -> list[Message]:
    """Write the source catalog and merge it into every translated catalog under ``base``."""
    messages = collect()
    changed = []
    if write_text(po_path(SOURCE_LOCALE, base), catalog_text(source_catalog(messages))):
        changed.append(SOURCE_LOCALE)
    for locale in TRANSLATED_LOCALES:
        path = po_path(locale, base)
        old = polib.pofile(str(path), wrapwidth=0) if path.exists() else None
        if write_text(path, catalog_text(merged_catalog(locale, messages, old))):
            changed.append(locale)
    if base == LOCALE_DIR:
        write_text(LOCALE_DIR / "config.yaml", CONFIG_YAML)
    if not quiet:
        print(f"{len(messages)} msgids; updated: {', '.join(changed) or 'nothing'}")
        for locale in TRANSLATED_LOCALES:
            po = polib.pofile(str(po_path(locale, base)))
            todo = len(po.untranslated_entries()) + len(po.fuzzy_entries())
            if todo:
                print(f"  {locale}: {todo} to translate or review (untranslated or fuzzy)")
    return messages


def mo_bytes(po_file: Path) -> bytes:
    """The compiled catalog: translated, non-fuzzy entries only, sorted — the same bytes everywhere."""
    return polib.pofile(str(po_file)).to_binary()


def compile_all(quiet: bool = False) -> None:
    for locale in LOCALES:
        source = po_path(locale)
        if not source.exists():
            sys.exit(f"{source.relative_to(ROOT)} is missing: run `python scripts/i18n.py extract` first.")
        data = mo_bytes(source)
        target = mo_path(locale)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
            if not quiet:
                print(f"compiled {target.relative_to(ROOT)}")


# --- check ------------------------------------------------------------------------------------------
def check_symlink() -> list[str]:
    if not SYMLINK.is_symlink():
        return [f"{SYMLINK.relative_to(ROOT)} must be a symlink to {SYMLINK_TARGET} (Open edX reads translations/)"]
    if os.readlink(SYMLINK) != SYMLINK_TARGET:
        return [f"{SYMLINK.relative_to(ROOT)} points to {os.readlink(SYMLINK)!r}, not the relative {SYMLINK_TARGET!r}"]
    if SYMLINK.resolve() != LOCALE_DIR.resolve():
        return [f"{SYMLINK.relative_to(ROOT)} does not resolve to {LOCALE_DIR.relative_to(ROOT)}"]
    return []


def check_catalog(locale: str, expected: set[str] | None) -> list[str]:
    path = po_path(locale)
    name = path.relative_to(ROOT).as_posix()
    if not path.exists():
        return [f"{name} is missing (run make extract_translations)"]
    po = polib.pofile(str(path))
    problems = []
    live = [e for e in po if not e.obsolete]
    have = {e.msgid for e in live}
    for msgid in sorted(expected - have) if expected is not None else ():
        problems.append(f"{name}: out of date, no entry for {msgid!r} (run make extract_translations)")
    for msgid in sorted(have - expected) if expected is not None else ():
        problems.append(f"{name}: out of date, {msgid!r} is no longer in the code (run make extract_translations)")
    if po.metadata.get("Language") != locale:
        problems.append(f"{name}: header Language is {po.metadata.get('Language')!r}, not {locale!r}")
    for entry in live:
        strings = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if locale == SOURCE_LOCALE:
            if any(strings):
                problems.append(f"{name}: {entry.msgid!r} has a msgstr; the source catalog keeps them empty")
            continue
        if entry.fuzzy:
            problems.append(f"{name}: fuzzy (needs review) {entry.msgid!r}")
        elif not all(strings):
            problems.append(f"{name}: untranslated {entry.msgid!r}")
            continue
        wanted = placeholders(entry.msgid)
        for text in strings:
            if placeholders(text) != wanted:
                problems.append(f"{name}: placeholders {placeholders(text)} in the translation of {entry.msgid!r} "
                                f"differ from {wanted}")
    return problems


def check_compiled(locale: str) -> list[str]:
    source, target = po_path(locale), mo_path(locale)
    name = target.relative_to(ROOT).as_posix()
    if not source.exists():
        return []
    if not target.exists():
        return [f"{name} is missing (run make compile_translations)"]
    if target.read_bytes() != mo_bytes(source):
        return [f"{name} is stale: it differs from a fresh compile of text.po (run make compile_translations)"]
    return []


def check_msgfmt() -> list[str]:
    """GNU msgfmt's format checks (python-brace-format placeholders), when it is installed."""
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        return []
    problems = []
    for locale in LOCALES:
        path = po_path(locale)
        if not path.exists():
            continue
        command = [msgfmt, "--check-format", "--check-domain", "-o", os.devnull, str(path)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode:
            problems.append(f"msgfmt --check-format {shown(path)}: {result.stderr.strip()}")
    return problems


def check() -> int:
    problems = check_symlink()
    config = LOCALE_DIR / "config.yaml"
    if not config.exists() or config.read_text(encoding="utf-8") != CONFIG_YAML:
        problems.append(f"{shown(config)} is missing or out of date (run make extract_translations)")
    # Re-extract into a scratch copy and compare msgid sets with the committed catalogs.
    expected: set[str] | None = None
    with tempfile.TemporaryDirectory() as scratch:
        try:
            extract(Path(scratch), quiet=True)
            expected = {e.msgid for e in polib.pofile(str(po_path(SOURCE_LOCALE, Path(scratch)))) if e.msgid}
        except (ExtractError, SyntaxError) as exc:
            problems.append(f"extraction failed, so the catalogs were not compared with the code: {exc}")
    for locale in LOCALES:
        problems += check_catalog(locale, expected)
        problems += check_compiled(locale)
    problems += check_msgfmt()
    if problems:
        print(f"Translations are not ready ({len(problems)} problems):")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print(f"Translations OK: {len(expected)} msgids, {', '.join(TRANSLATED_LOCALES)} complete, "
          f"catalogs and .mo files up to date.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("extract", "compile", "check"))
    args = parser.parse_args(argv)
    if args.command == "extract":
        try:
            extract()
        except ExtractError as exc:
            print(exc, file=sys.stderr)
            return 1
        return 0
    if args.command == "compile":
        compile_all()
        return 0
    return check()


if __name__ == "__main__":
    sys.exit(main())

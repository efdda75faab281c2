"""The norm registry and the glossary: read-only package data shared by every block.

Both files ship inside the package (``data/norms.json``, ``data/glossary.json``), so
every LMS process reads the same bytes; caching the parsed files per process is safe.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from .text import pick

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

CURRENT = "current"
UNCONFIRMED = "unconfirmed"
REPEALED = "repealed"
STATUSES = (CURRENT, UNCONFIRMED, REPEALED)


@dataclass(frozen=True)
class Norm:
    """One citable provision: act, article, paragraph, statement and provenance."""

    id: str
    act_id: str
    act_name: Mapping[str, str]
    act_short: Mapping[str, str]
    act_number: str
    act_date: str
    article: str
    paragraph: str
    statement: Mapping[str, str]
    urls: Mapping[str, str]
    checked: str
    status: str
    note: str = ""
    paragraph_unit: str = "point"
    edition: str = ""
    amended_by: tuple = ()

    def url(self, language: str) -> str:
        """The official text in the reader's language: the ``/kaz/`` page for kk, ``/rus/`` for ru."""
        return pick(self.urls, language)

    def label(self, language: str) -> str:
        """Short citation such as ``ТК, ст. 160, п. 1`` / ``ЕК, 160-бап, 1-тармақ``."""
        act = pick(self.act_short, language) or pick(self.act_name, language)
        part = self.paragraph_unit == "part"
        if language == "kk":
            parts = [act, f"{self.article}-бап"]
            unit = "бөлік" if part else "тармақ"
            paragraph = f"{self.paragraph}-{unit}"
        elif language == "ru":
            parts = [act, f"ст. {self.article}"]
            paragraph = f"{'ч.' if part else 'п.'} {self.paragraph}"
        else:
            parts = [act, f"art. {self.article}"]
            paragraph = f"{'part' if part else 'para.'} {self.paragraph}"
        if self.paragraph:
            parts.append(paragraph)
        return ", ".join(parts)


@dataclass(frozen=True)
class Amendment:
    """An amending act known to touch a norm, e.g. constitutional law 305-VIII of 11.06.2026."""

    act: str
    date: str
    in_force: str = ""
    what: str = ""

    def label(self) -> str:
        since = f", in force {self.in_force}" if self.in_force else ""
        return f"{self.act} of {self.date}{since}"


@dataclass(frozen=True)
class Term:
    """A glossary entry: the term and a short definition per language."""

    key: str
    entries: Mapping[str, Mapping[str, str]]
    norms: tuple = ()

    def term(self, language: str) -> str:
        return pick({code: e.get("term", "") for code, e in self.entries.items()}, language)

    def definition(self, language: str) -> str:
        return pick({code: e.get("definition", "") for code, e in self.entries.items()}, language)


def _read_json(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


def _build_norm(norm_id: str, raw: dict, acts: dict) -> Norm:
    act = acts.get(raw.get("act"), {})
    return Norm(
        id=norm_id,
        act_id=raw.get("act", ""),
        act_name=act.get("name", {}),
        act_short=act.get("short", {}),
        act_number=act.get("number", ""),
        act_date=act.get("date", ""),
        article=str(raw.get("article", "")),
        paragraph=str(raw.get("paragraph", "")),
        statement=raw.get("statement", {}),
        urls=_urls(raw.get("url")),
        checked=raw.get("checked", ""),
        status=raw.get("status", UNCONFIRMED),
        note=raw.get("note", ""),
        paragraph_unit=act.get("paragraph_unit", "point"),
        edition=raw.get("edition", ""),
        amended_by=tuple(Amendment(**item) for item in raw.get("amended_by", ())),
    )


def _urls(value) -> dict:
    return dict(value) if isinstance(value, Mapping) else {"ru": value or ""}


@lru_cache(maxsize=1)
def norms() -> Mapping[str, Norm]:
    """Every norm in the registry, by id."""
    data = _read_json("norms.json")
    acts = data.get("acts", {})
    return {norm_id: _build_norm(norm_id, raw, acts) for norm_id, raw in data.get("norms", {}).items()}


@lru_cache(maxsize=1)
def glossary() -> Mapping[str, Term]:
    """Every glossary term, by key."""
    data = _read_json("glossary.json")
    terms = {}
    for key, raw in data.get("terms", {}).items():
        entries = {code: value for code, value in raw.items() if isinstance(value, dict)}
        terms[key] = Term(key=key, entries=entries, norms=tuple(raw.get("norms", ())))
    return terms


def _is_date(value) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _url_problems(urls) -> list[str]:
    if not isinstance(urls, Mapping) or not all(urls.get(code) for code in ("kk", "ru")):
        return ["needs official links for both kk and ru"]
    adilet = [(code, part) for code, part in (("kk", "/kaz/"), ("ru", "/rus/")) if "adilet.zan.kz" in urls[code]]
    return [f"its {code} link must open the {part} text" for code, part in adilet if part not in urls[code]]


def _date_problems(raw: dict) -> list[str]:
    problems = [] if _is_date(raw.get("checked")) else ["has no valid check date"]
    if raw.get("edition") and not _is_date(raw["edition"]):
        problems.append("has an edition that is not an ISO date")
    if raw.get("status") == CURRENT and not raw.get("edition"):
        problems.append("is current but does not say which edition was read")
    for item in raw.get("amended_by", ()):
        if not (isinstance(item, Mapping) and item.get("act") and _is_date(item.get("date"))):
            problems.append(f"has an amendment without act and ISO date: {item!r}")
    return problems


def norm_problems(norm_id: str, raw: dict, acts: Mapping) -> list[str]:
    """What a registry entry lacks: act, article, statement in kk/ru/en, links, dates, status."""
    problems = [] if raw.get("act") in acts else [f"names unknown act {raw.get('act')!r}"]
    if not norm_id.startswith(f"{raw.get('act')}.{raw.get('article')}"):
        problems.append("id does not start with <act>.<article>")
    statement = raw.get("statement") or {}
    problems += [f"has no {code} statement" for code in ("kk", "ru", "en") if not statement.get(code)]
    problems += _url_problems(raw.get("url")) + _date_problems(raw)
    if raw.get("status") not in STATUSES:
        problems.append(f"has unknown status {raw.get('status')!r}")
    if raw.get("status") == UNCONFIRMED and not raw.get("note"):
        problems.append("is unconfirmed but its note does not say what is open")
    return problems


def check_registry(data: dict | None = None) -> list[str]:
    """Every defect of the registry file, one line per problem, prefixed with the norm id."""
    data = _read_json("norms.json") if data is None else data
    acts = data.get("acts", {})
    return [f"{norm_id}: {problem}" for norm_id, raw in data.get("norms", {}).items()
            for problem in norm_problems(norm_id, raw, acts)]

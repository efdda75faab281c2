"""The norm registry and the glossary: read-only package data shared by every block.

Both files ship inside the package (``data/norms.json``, ``data/glossary.json``), so
every LMS process reads the same bytes; caching the parsed files per process is safe.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
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
    url: str
    checked: str
    status: str
    note: str = ""
    paragraph_unit: str = "point"

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
        url=raw.get("url", ""),
        checked=raw.get("checked", ""),
        status=raw.get("status", UNCONFIRMED),
        note=raw.get("note", ""),
        paragraph_unit=act.get("paragraph_unit", "point"),
    )


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

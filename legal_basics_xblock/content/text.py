"""Bilingual text: every learner-facing authored string has ``kk`` and ``ru`` (``en`` optional)."""

from __future__ import annotations

from collections.abc import Mapping

REQUIRED_LANGUAGES = ("kk", "ru")
LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"

LocalizedText = Mapping[str, str]


def normalize_language(code: str | None) -> str | None:
    """Map a locale code such as ``ru-RU`` or ``kk_KZ`` to one of :data:`LANGUAGES`, else ``None``."""
    if not code:
        return None
    base = str(code).replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


def pick(text: LocalizedText | None, language: str) -> str:
    """Return ``text`` in ``language``, falling back to kk, then ru, then any language present."""
    if not text:
        return ""
    for code in (language, *REQUIRED_LANGUAGES, *text.keys()):
        value = text.get(code)
        if value:
            return value
    return ""


def missing_languages(text: LocalizedText | None) -> list[str]:
    """The required languages for which ``text`` has no non-blank value."""
    text = text or {}
    return [code for code in REQUIRED_LANGUAGES if not (text.get(code) or "").strip()]

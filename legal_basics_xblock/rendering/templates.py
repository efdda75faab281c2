"""Template rendering and UI translations for every block.

Templates are package files, compiled once per process (read-only, so caching is safe).
UI strings are translated into the learner's chosen language from the bundled
``translations/<lang>/LC_MESSAGES/text.mo`` catalogs (see docs/decisions/0003).
"""

from __future__ import annotations

import gettext as gettext_module
from functools import lru_cache
from pathlib import Path

from django.template import Context, Engine

PACKAGE_DIR = Path(__file__).resolve().parent.parent
TRANSLATIONS_DIR = PACKAGE_DIR / "translations"


@lru_cache(maxsize=1)
def _engine() -> Engine:
    return Engine(
        dirs=[str(PACKAGE_DIR / "templates")],
        libraries={"i18n": "legal_basics_xblock.rendering.templatetags.lb_i18n"},
        autoescape=True,
    )


@lru_cache(maxsize=32)
def _template(name: str):
    return _engine().get_template(name)


@lru_cache(maxsize=8)
def translation(language: str) -> gettext_module.NullTranslations:
    """The UI catalog for ``language`` (identity for English or a missing catalog)."""
    return gettext_module.translation("text", localedir=str(TRANSLATIONS_DIR), languages=[language],
                                      fallback=True)


def render(name: str, context: dict, language: str) -> str:
    """Render template ``name`` with ``context``; ``{% trans %}`` uses ``language``."""
    context = dict(context)
    context.setdefault("gettext", translation(language).gettext)
    return _template(name).render(Context(context))

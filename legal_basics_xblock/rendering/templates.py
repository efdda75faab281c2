"""Template rendering and UI translations for every block.

Templates are package files, compiled once per process (read-only, so caching is safe).
UI strings are translated into the learner's chosen language from the bundled
``translations/<lang>/LC_MESSAGES/text.mo`` catalogs (see docs/decisions/0003).
"""

from __future__ import annotations

import gettext as gettext_module
import re
from functools import lru_cache
from pathlib import Path

from django.template import Context, Engine
from django.template.loaders.filesystem import Loader as FilesystemLoader

PACKAGE_DIR = Path(__file__).resolve().parent.parent
TRANSLATIONS_DIR = PACKAGE_DIR / "translations"


_INDENT = re.compile(r"\n[ \t\n]*")


def compact(source: str) -> str:
    """The template without the indentation and blank lines kept for its readers: every page is lighter.

    Only the template's own text changes (a line break still separates words); values, and so anything
    typed into a textarea, are untouched.
    """
    return _INDENT.sub("\n", source)


class CompactLoader(FilesystemLoader):
    def get_contents(self, origin):
        return compact(super().get_contents(origin))


@lru_cache(maxsize=1)
def _engine() -> Engine:
    return Engine(
        loaders=[(f"{__name__}.CompactLoader", [str(PACKAGE_DIR / "templates")])],
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
    gettext = context.setdefault("gettext", translation(language).gettext)
    # The content languages, named in the UI language: editor_pair.html loops over them.
    context.setdefault("content_languages", (("kk", gettext("Kazakh")), ("ru", gettext("Russian"))))
    context.setdefault("optional_word", gettext("optional"))
    return _template(name).render(Context(context))

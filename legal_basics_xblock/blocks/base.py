"""What every legal-basics block shares: language choice, UI translation, identity, dates."""

from __future__ import annotations

import datetime
import functools
import hashlib
import importlib.resources
import json
import logging

from django.conf import settings as django_settings
from django.utils import translation as django_translation
from django.utils.html import escape
from web_fragments.fragment import Fragment
from xblock.exceptions import JsonHandlerError
from xblock.fields import Dict, Scope, String

from ..content.shape import MAX_CONTENT_BYTES
from ..content.text import REQUIRED_LANGUAGES, normalize_language
from ..marker import _
from ..rendering import templates
from .options import OptionSpec

LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
MAX_REQUEST_BYTES = 64 * 1024  # learner handlers
MAX_AUTHOR_REQUEST_BYTES = MAX_CONTENT_BYTES + 64 * 1024  # Studio saves: the content limit plus the settings
MAX_JSON_DEPTH = 32  # the deepest real body (a Studio save of a scenario) nests 8 levels
HANDLER_BUG_LOG = logging.getLogger("legal_basics_xblock.handler_bug")
VIEW_BUG_LOG = logging.getLogger("legal_basics_xblock.view_bug")


DEFAULT_LANGUAGE_OPTION = OptionSpec(
    "default_language", "str", "kk", _("Default content language"),
    _("Language shown when the learner's account and browser give neither kk nor ru."), REQUIRED_LANGUAGES)


class LegalBlockMixin:
    """Language selection, translation, staff checks and resource helpers for our blocks."""

    options = Dict(help="Behaviour settings and the content hash (one dict: a learner view reads one field).",
                   default={}, scope=Scope.settings)
    language = String(
        help=_("The content language this learner chose for these blocks."),
        default="", scope=Scope.preferences,
    )

    @classmethod
    def _open_resource(cls, uri):
        """Serve ``public/…`` from the package root (the block classes live in ``blocks/``).

        ``open_local_resource`` has already refused anything outside ``public/`` and any ``/.``.
        """
        return importlib.resources.files("legal_basics_xblock").joinpath(uri).open("rb")

    # --- language -------------------------------------------------------------------
    def current_user_attrs(self) -> dict:
        """The user service's optional attributes, read once per block instance (one request)."""
        cached = self.__dict__.get("_lb_user_attrs")
        if cached is None:
            service = self.runtime.service(self, "user")
            cached = dict(service.get_current_user().opt_attrs) if service is not None else {}
            self.__dict__["_lb_user_attrs"] = cached
        return cached

    def platform_language(self) -> str | None:
        """The learner's Open edX account or browser language, when it is one we have."""
        prefs = self.current_user_attrs().get("edx-platform.user_preferences") or {}
        return normalize_language(prefs.get("pref-lang")) or normalize_language(django_translation.get_language())

    def current_language(self) -> str:
        """Learner's choice in the block, else account/browser, else the course default.

        Only kk and ru count: authored content exists in both, so the page language,
        the UI strings and the content always agree.
        """
        cached = self.__dict__.get("_lb_language")
        if cached:
            return cached
        chosen = "kk"
        for candidate in (self.language, self.platform_language(), self.option("default_language")):
            code = normalize_language(candidate)
            if code in REQUIRED_LANGUAGES:
                chosen = code
                break
        self.__dict__["_lb_language"] = chosen
        return chosen

    def title(self) -> str:
        """The display name in the reader's language: a bilingual name is written "kk · ru"."""
        parts = [part.strip() for part in str(self.display_name or "").split(" · ")]
        if len(parts) == 2 and all(parts):
            return parts[0] if self.current_language() == "kk" else parts[1]
        return str(self.display_name or "")

    def gettext(self, message: str) -> str:
        return templates.translation(self.current_language()).gettext(message)

    def language_options(self) -> list[dict]:
        current = self.current_language()
        return [{"code": code, "name": LANGUAGE_NAMES[code], "current": code == current}
                for code in ("kk", "ru")]

    def choose_language(self, data) -> str:
        code = normalize_language(str(data.get("language", ""))) if isinstance(data, dict) else None
        if code not in REQUIRED_LANGUAGES:
            raise JsonHandlerError(400, self.gettext("Choose Kazakh (kk) or Russian (ru)."))
        self.__dict__.pop("_lb_language", None)  # the reply is rendered in the new language
        return code

    # --- identity, time, permissions -------------------------------------------------
    def learner_id(self) -> str:
        attrs = self.current_user_attrs()
        for key in ("edx-platform.anonymous_user_id", "xblock-workbench.user_id"):
            if attrs.get(key):
                return str(attrs[key])
        return str(self.scope_ids.user_id)

    def server_secret(self) -> str:
        """The deployment's secret: identical in every LMS process, never sent to browsers."""
        return django_settings.SECRET_KEY

    def anchor_id(self) -> str:
        digest = hashlib.sha256(str(self.scope_ids.usage_id).encode("utf-8")).hexdigest()[:8]
        return f"lb{digest}"

    def is_staff(self) -> bool:
        return bool(self.current_user_attrs().get("edx-platform.user_is_staff"))

    def require_staff(self) -> None:
        if not self.is_staff():
            raise JsonHandlerError(403, self.gettext("Only course staff can do this."))

    def is_past_due(self) -> bool:
        due = getattr(self, "due", None)
        if not due:
            return False
        now = datetime.datetime.now(datetime.UTC)
        if due.tzinfo is None:
            due = due.replace(tzinfo=datetime.UTC)
        return now > due

    # --- rendering helpers ---------------------------------------------------------------
    def render_template(self, name: str, context: dict) -> str:
        return templates.render(name, context, self.current_language())

    def asset_url(self, name: str) -> str:
        """The URL of the minified copy of ``public/<name>``."""
        return self.runtime.local_resource_url(self, f"public/min/{name}")

    def fragment(self, html: str, js_class: str, css, js, init_args: dict) -> Fragment:
        """A fragment whose CSS and JS (one name or several) are served by URL, so browsers cache them.

        The minified copies in ``public/min/`` are served (``make assets`` writes them from the sources).
        """
        frag = Fragment(html)
        for name in ([css] if isinstance(css, str) else css):
            frag.add_css_url(self.asset_url(name))
        for name in ([js] if isinstance(js, str) else js):
            frag.add_javascript_url(self.asset_url(name))
        frag.initialize_js(js_class, init_args)
        return frag


class Refusal(JsonHandlerError):
    """A 4xx whose JSON carries more than the message, e.g. which questions to mark."""

    def __init__(self, status_code: int, message: str, **extra):
        super().__init__(status_code, message)
        self.extra = extra

    def get_response(self, **kwargs):
        response = super().get_response(**kwargs)
        response.text = json.dumps({"error": self.message, **self.extra})
        return response


def nesting_depth(body: bytes) -> int:
    """How deeply ``[`` and ``{`` nest in a JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            escaped, in_string = (False, True) if escaped else (byte == 0x5C, byte != 0x22)
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def read_json_body(request, gettext, max_bytes: int = MAX_REQUEST_BYTES) -> dict:
    """A size-limited, depth-limited JSON object from a webob request, or a 4xx the learner can read."""
    if request.method != "POST":
        raise JsonHandlerError(405, gettext("Send this request with POST."))
    if (request.content_length or 0) > max_bytes or len(request.body) > max_bytes:
        raise JsonHandlerError(413, gettext("The request is too large."))
    if nesting_depth(request.body) > MAX_JSON_DEPTH:
        raise JsonHandlerError(400, gettext("The request is nested too deeply."))
    try:
        data = json.loads(request.body.decode("utf-8") or "{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise JsonHandlerError(400, gettext("The request is not valid JSON.")) from exc
    if not isinstance(data, dict):
        raise JsonHandlerError(400, gettext("The request must be a JSON object."))
    return data


def guarded_view(fallback):
    """A view that logs and shows ``fallback(block)`` instead of failing the page (stored content
    is validated on every write path, but content stored by an older version may still be broken)."""
    def decorate(view):
        @functools.wraps(view)
        def wrapper(self, context=None):
            try:
                return view(self, context)
            except Exception:  # noqa: BLE001 - one broken block must not take the course page down
                VIEW_BUG_LOG.exception("%s of %s failed", view.__name__, self.scope_ids.usage_id)
                discard_changes(self)
                return fallback(self)
        return wrapper
    return decorate


def unavailable_fragment(block) -> Fragment:
    message = block.gettext("This activity cannot be shown right now: its content needs repair by the course "
                            "team. Your answers and score are kept.")
    return Fragment(f'<div class="lb-unavailable" role="status"><p>{escape(message)}</p></div>')


def unavailable_editor(block) -> Fragment:
    """The editor for content that no longer loads: say so, and let the author paste valid OLX."""
    message = block.gettext("The stored content of this block is damaged and cannot be edited here. Paste the "
                            "block's OLX below and save; nothing changes until it is valid.")
    html = block.render_template(f"{block.xml_element_name()}_edit.html", {
        "anchor": block.anchor_id(), "xml": "", "editor_json": json.dumps({"settings": [], "content": {},
                                                                           "tag": block.xml_element_name()}),
        "damaged": message})
    return block.fragment(html, "LegalBlockEditor", "edit.css", ("edit.js", "scenario_edit.js"),
                          {"tag": block.xml_element_name()})


def unavailable_data(block) -> dict:
    return {"error": block.gettext("This activity cannot be shown right now: its content needs repair by the "
                                   "course team. Your answers and score are kept.")}


def discard_changes(block) -> None:
    """Forget every field assigned in this request, so the runtime's save after a refusal writes nothing."""
    for field in list(getattr(block, "_dirty_fields", {})):
        block._dirty_fields.pop(field, None)  # pylint: disable=protected-access
        block._field_data_cache.pop(field.name, None)  # pylint: disable=protected-access
    for key in [k for k in block.__dict__ if k.startswith("_lb_")]:
        del block.__dict__[key]


def json_api(func=None, *, max_bytes: int = MAX_REQUEST_BYTES):
    """Like ``XBlock.json_handler``, plus size and depth limits and readable 4xx errors.

    A refusal changes nothing: fields assigned before it are discarded. An unexpected
    exception is a bug; it is logged on ``legal_basics_xblock.handler_bug`` (the fuzz tests
    fail on any such record) and the learner still gets a readable 400, never a 500.
    """
    from webob import Response  # pylint: disable=import-outside-toplevel
    from xblock.core import XBlock  # pylint: disable=import-outside-toplevel

    def decorate(function):
        @XBlock.handler
        @functools.wraps(function)
        def wrapper(self, request, suffix=""):
            try:
                data = read_json_body(request, self.gettext, max_bytes)
                result = function(self, data, suffix)
            except JsonHandlerError as err:
                discard_changes(self)
                return err.get_response()
            except (ArithmeticError, AttributeError, LookupError, RecursionError, TypeError, ValueError):
                HANDLER_BUG_LOG.exception("Handler %s failed on a request it should have refused", function.__name__)
                discard_changes(self)
                return JsonHandlerError(400, self.gettext("The request could not be processed.")).get_response()
            return Response(json.dumps(result), content_type="application/json", charset="utf8")

        return wrapper

    return decorate(func) if func is not None else decorate

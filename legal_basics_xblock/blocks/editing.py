"""OLX import/export, Studio editing and validation for blocks with one structured content field.

Every write path (OLX, Studio form, Studio XML) goes through the same steps: parse,
assign settings to a throw-away copy, validate with the content package's validator,
and only then sanitise and store.
"""

from __future__ import annotations

import json
import math

from lxml import etree
from xblock.exceptions import JsonHandlerError
from xblock.fields import Scope
from xblock.validation import ValidationMessage

from ..content.cache import content_hash
from ..content.issues import errors
from ..content.sanitize import sanitize_document
from ..content.shape import MAX_OLX_BYTES
from ..olx.common import OLXError, find_block
from ..olx.safe_xml import UnsafeXMLError, parse_xml
from .base import MAX_AUTHOR_REQUEST_BYTES, guarded_view, json_api, unavailable_editor

IGNORED_ATTRIBUTES = {"url_name", "xblock-family"}
CONTENT_HASH_KEY = "content_hash"  # kept in ``options``: a cached render reads no content field


class ContentError(ValueError):
    """Invalid authored content; the message lists every issue with its line."""

    def __init__(self, issues, source: str = ""):
        self.issues = issues
        super().__init__("\n".join(issue.format(source=source) for issue in issues))


def _line_for(path: tuple, lines: dict, default: int | None) -> int | None:
    while path:
        if path in lines:
            return lines[path]
        path = path[:-2]
    return default


class StructuredContentMixin:
    """Needs ``content_field``, ``settings_fields``, ``parse_content``, ``serialize_content``,
    ``validate_content`` and ``model`` on the block class."""

    content_field = ""
    xml_tag = ""
    field_settings: tuple = ("display_name", "weight")
    option_specs: tuple = ()

    # --- storage -----------------------------------------------------------------------------
    def content_document(self) -> dict:
        return getattr(self, self.content_field)

    def content_digest(self) -> str:
        return self.options.get(CONTENT_HASH_KEY) or content_hash(self.content_document())

    def store_content(self, document: dict) -> None:
        """Sanitise and hash first, then assign: nothing is assigned when either step fails."""
        document = sanitize_document(document)
        options = {**self.options, CONTENT_HASH_KEY: content_hash(document)}
        setattr(self, self.content_field, document)
        self.options = options
        self.__dict__.pop("_lb_options", None)

    @classmethod
    def option_spec(cls, name: str):
        return next((spec for spec in cls.option_specs if spec.name == name), None)

    def resolved_options(self) -> dict:
        """Every option's value with defaults filled in, computed once per block instance (one request)."""
        resolved = self.__dict__.get("_lb_options")
        if resolved is None:
            stored = self.options
            resolved = {spec.name: stored.get(spec.name, spec.default) for spec in self.option_specs}
            self.__dict__["_lb_options"] = resolved
        return resolved

    def option(self, name: str):
        """An option's value (from the one ``options`` dict), else its default."""
        return self.resolved_options()[name]

    def settings_values(self) -> dict:
        values = {name: getattr(self, name) for name in self.field_settings}
        values.update({spec.name: self.option(spec.name) for spec in self.option_specs})
        return values

    def typed_setting(self, name: str, value, from_olx: bool = False):
        """Coerce one setting from OLX text or editor JSON; ``ValueError`` names what is wrong."""
        spec = self.option_spec(name)
        if spec is not None:
            return spec.coerce(value)
        settable = name in self.fields and self.fields[name].scope == Scope.settings
        if name in self.field_settings or (from_olx and settable and name not in self.protected_fields()):
            field = self.fields[name]
            typed = field.from_string(value) if from_olx else field.from_json(value)
            if isinstance(typed, float) and not math.isfinite(typed):
                raise ValueError(f"{name} must be a finite number")
            return typed
        raise KeyError(name)

    def protected_fields(self) -> set:
        return {self.content_field, "options"}

    # --- OLX ---------------------------------------------------------------------------------
    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = runtime.construct_xblock_from_class(cls, keys)
        document, typed = block.read_olx(node, node.get("url_name") or node.tag)
        block.assign_settings(typed)
        block.store_content(document)
        return block

    def read_olx(self, node, source: str) -> tuple[dict, dict]:
        """The validated content document and typed settings of ``node``; assigns nothing."""
        size = len(etree.tostring(node))
        if size > MAX_OLX_BYTES:
            raise ValueError(f"{source}:{node.sourceline}: error: the block's OLX is {size // 1024} KiB; "
                             f"the limit is {MAX_OLX_BYTES // 1024} KiB.")
        try:
            document, attributes, lines = self.parse_content(node)
        except OLXError as exc:
            raise ValueError(f"{source}:{exc.line or node.sourceline}: error: {exc}") from exc
        typed = {}
        for name, value in attributes.items():
            if name in IGNORED_ATTRIBUTES or name.startswith("{"):
                continue
            try:
                typed[name] = self.typed_setting(name, value, from_olx=True)
            except KeyError as exc:
                raise ValueError(f'{source}:{node.sourceline}: error: <{node.tag}> has no attribute "{name}".') from exc
            except (TypeError, ValueError) as exc:
                raise ValueError(f'{source}:{node.sourceline}: error: attribute "{name}": {exc}') from exc
        settings = {**self.settings_values(), **typed}
        issues = [i.with_line(_line_for(i.path, lines, node.sourceline))
                  for i in self.validate_content(document, settings)]
        if errors(issues):
            raise ContentError(errors(issues), source)
        return document, typed

    def assign_settings(self, typed: dict) -> None:
        options = dict(self.options)
        for name, value in typed.items():
            if self.option_spec(name) is not None:
                options[name] = value
            else:
                setattr(self, name, value)
        if options != self.options:
            self.options = options
        self.__dict__.pop("_lb_options", None)

    @classmethod
    def check_scenario_xml(cls, xml: str) -> None:
        """Raise ``ValueError`` unless the block in a workbench scenario parses and validates."""
        root = parse_xml(xml)
        node = find_block(root, {cls.xml_tag})
        if node is None:
            raise ValueError(f"no <{cls.xml_tag}> element")
        document, _attributes, _lines = cls.parse_content(node)
        issues = errors(cls.validate_content(document, dict(_attributes)))
        if issues:
            raise ContentError(issues, node.get("url_name", ""))

    def add_xml_to_node(self, node):
        node.tag = self.xml_element_name()
        node.set("xblock-family", self.entry_point)
        for name in (*self.field_settings, "due"):
            field = self.fields.get(name)
            if field is not None and field.is_set_on(self) and getattr(self, name) is not None:
                node.set(name, field.to_string(getattr(self, name)))
        for spec in self.option_specs:
            if spec.name in self.options:
                node.set(spec.name, spec.to_string(self.options[spec.name]))
        self.serialize_content(node, self.content_document())

    def export_olx(self) -> str:
        node = etree.Element(self.xml_element_name())
        self.add_xml_to_node(node)
        return etree.tostring(node, encoding="unicode")

    # --- Studio ---------------------------------------------------------------------------------
    def editor_context(self) -> dict:
        """Extra context for the editor template (the scenario blocks add their graph map)."""
        return {}

    def settings_form(self) -> list:
        """Label, type, allowed values and current value of each editable setting."""
        form = []
        for name in self.field_settings:
            field = self.fields[name]
            form.append({
                "name": name,
                "label": self.gettext(field.display_name or name),
                "help": self.gettext(field.help) if field.help else "",
                "type": type(field).__name__.lower(),
                "values": field.values if isinstance(field.values, list) else None,
                "value": field.to_json(getattr(self, name)),
            })
        form.extend(spec.form(self.option(spec.name), self.gettext) for spec in self.option_specs)
        return form

    @guarded_view(unavailable_editor)
    def studio_view(self, context=None):
        """The editor: settings, a structured question editor and the OLX for power users."""
        tag = self.xml_element_name()
        ui_language = self.use_author_language()
        editor = {"settings": self.settings_form(), "content": self.content_document(), "tag": tag}
        html = self.render_template(f"{tag}_edit.html", {
            "anchor": self.anchor_id(), "xml": self.export_olx(), "editor_json": json.dumps(editor),
            "damaged": "", "ui_language": ui_language,
            **self.editor_context(),
        })
        frag = self.fragment(html, "LegalBlockEditor", "edit.css", ("edit.js", "scenario_edit.js"), {"tag": tag})
        return frag

    def validate(self):
        """Studio's validation panel: the validator's findings on the stored content."""
        validation = super().validate()
        self.use_author_language()
        for issue in self.validate_content(self.content_document(), self.settings_values()):
            kind = ValidationMessage.ERROR if issue.is_error else ValidationMessage.WARNING
            validation.add(ValidationMessage(kind, issue.format(self.gettext)))
        return validation

    def issue_list(self, issues) -> list:
        return [{"level": i.level, "where": i.where(self.gettext), "line": i.line, "message": i.message(self.gettext)}
                for i in issues]

    def reject(self, issues) -> None:
        raise JsonHandlerError(400, self.gettext("Nothing was saved: fix the errors listed.") + "\n" +
                               "\n".join(i.format(self.gettext) for i in errors(issues)))

    @json_api(max_bytes=MAX_AUTHOR_REQUEST_BYTES)
    def studio_save_xml(self, data, suffix=""):
        """Replace settings and content from the OLX text in the editor's XML tab."""
        self.require_author()
        text = data.get("xml")
        if not isinstance(text, str) or not text.strip():
            raise JsonHandlerError(400, self.gettext("Paste the block's OLX first."))
        try:
            node = parse_xml(text, max_bytes=MAX_OLX_BYTES)
        except UnsafeXMLError as exc:
            raise JsonHandlerError(400, str(exc)) from exc
        if node.tag != self.xml_element_name():
            raise JsonHandlerError(400, self.gettext("The root element must be <{tag}>.").format(
                tag=self.xml_element_name()))
        try:
            document, typed = self.read_olx(node, "olx")
        except ContentError as exc:
            raise JsonHandlerError(400, self.gettext("Nothing was saved: fix the errors listed.") + "\n" +
                                   str(exc)) from exc
        except ValueError as exc:
            raise JsonHandlerError(400, str(exc)) from exc
        self.assign_settings(typed)
        self.store_content(document)
        return {"saved": True, "warnings": self.issue_list(self.validate_content(document, self.settings_values()))}

    @json_api(max_bytes=MAX_AUTHOR_REQUEST_BYTES)
    def studio_save(self, data, suffix=""):
        """Save settings and content from the structured editor (JSON), validated first."""
        self.require_author()
        document, settings = data.get("content"), data.get("settings")
        if not isinstance(document, dict) or not isinstance(settings, dict):
            raise JsonHandlerError(400, self.gettext("Send both settings and content."))
        typed = {}
        for name, value in settings.items():
            try:
                typed[name] = self.typed_setting(name, value)
            except KeyError as exc:
                raise JsonHandlerError(400, self.gettext('Unknown setting "{name}".').format(name=name)) from exc
            except (TypeError, ValueError) as exc:
                raise JsonHandlerError(400, self.gettext('Setting "{name}" has a wrong value.').format(
                    name=name)) from exc
        issues = self.validate_content(document, {**self.settings_values(), **typed})
        if errors(issues):
            self.reject(issues)
        self.assign_settings(typed)
        self.store_content(document)
        return {"saved": True, "warnings": self.issue_list(issues)}

    def use_author_language(self) -> str:
        """The editor speaks its author's language (Studio account or browser: kk, ru or en), whatever language
        the block's learners read; the content fields stay bilingual."""
        code = self.platform_language() or "en"
        self.__dict__["_lb_language"] = code
        return code

    def require_author(self) -> None:
        """Studio handlers run for course authors; in the LMS only staff may call them."""
        self.use_author_language()
        if getattr(self.runtime, "is_author_mode", False):
            return
        self.require_staff()

"""Validation issues: one shape for every validator message, with where it happened."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..marker import _

ERROR = "error"
WARNING = "warning"


# Words that appear in locations and levels; listed so the extractor finds them.
PLACE_WORDS = (_("question"), _("choice"), _("step"), _("pair"), _("distractor"), _("hint"), _("setting"),
               _("intro"), _("topic"), _("node"), _("variable"), _("plan step"), _("role"), _("stage"), _("case file"),
               _("part"), _("option"), _("error"), _("warning"))
TRANSLATED_PARAMS = ("what",)


@dataclass(frozen=True)
class Issue:
    """One validator finding.

    ``where`` names the element (``question "q1", choice "b"``), ``path`` is the machine
    path used to look up a source line, and ``template``/``params`` let a runtime
    translate the message before formatting it.
    """

    level: str
    template: str
    params: dict = field(default_factory=dict)
    path: tuple = ()
    line: int | None = None

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def message(self, translate=lambda s: s) -> str:
        """The message text, translated by ``translate`` when given."""
        params = {key: translate(value) if key in TRANSLATED_PARAMS else value
                  for key, value in self.params.items()}
        return translate(self.template).format(**params)

    def where(self, translate=lambda s: s) -> str:
        """A human-readable location such as ``question "q1", choice "b"``."""
        parts = []
        for kind, ident in zip(self.path[::2], self.path[1::2]):
            parts.append(f'{translate(kind)} "{ident}"')
        return ", ".join(parts)

    def format(self, translate=lambda s: s, source: str = "") -> str:
        """``source:line: error: question "q1": message`` (parts present only when known)."""
        prefix = source
        if self.line:
            prefix = f"{prefix}:{self.line}" if prefix else f"line {self.line}"
        head = f"{prefix}: " if prefix else ""
        where = self.where(translate)
        where = f"{where}: " if where else ""
        return f"{head}{translate(self.level)}: {where}{self.message(translate)}"

    def with_line(self, line: int | None) -> Issue:
        return Issue(self.level, self.template, self.params, self.path, line)


def errors(issues) -> list[Issue]:
    """Only the errors among ``issues``."""
    return [issue for issue in issues if issue.is_error]

"""Validation issues: one shape for every validator message, with where it happened."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


def _(message: str) -> str:
    """Mark a message for extraction; the block translates it with the i18n service."""
    return message


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
        return translate(self.template).format(**self.params)

    def where(self) -> str:
        """A human-readable location such as ``question "q1", choice "b"``."""
        parts = []
        for kind, ident in zip(self.path[::2], self.path[1::2]):
            parts.append(f'{kind} "{ident}"')
        return ", ".join(parts)

    def format(self, translate=lambda s: s, source: str = "") -> str:
        """``source:line: error: question "q1": message`` (parts present only when known)."""
        prefix = source
        if self.line:
            prefix = f"{prefix}:{self.line}" if prefix else f"line {self.line}"
        head = f"{prefix}: " if prefix else ""
        where = self.where()
        where = f"{where}: " if where else ""
        return f"{head}{self.level}: {where}{self.message(translate)}"

    def with_line(self, line: int | None) -> Issue:
        return Issue(self.level, self.template, self.params, self.path, line)


def errors(issues) -> list[Issue]:
    """Only the errors among ``issues``."""
    return [issue for issue in issues if issue.is_error]

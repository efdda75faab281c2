"""Block settings kept in one ``options`` dict field.

The xblock-sdk workbench (and any key-value store without a per-request cache) pays a
store round trip for every field read, so a block that reads a dozen setting fields
on each render costs a dozen round trips. The settings a learner view needs live in
one ``Scope.settings`` dict instead; OLX still writes them as plain attributes and the
Studio editor still shows one control each (docs/decisions/0006).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class OptionSpec:
    name: str
    kind: str  # "int", "float", "bool" or "str"
    default: object
    label: str
    help: str = ""
    values: tuple = ()

    def coerce(self, value):
        """A JSON or OLX value as this option's type; ``ValueError`` if it does not fit."""
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            if str(value).strip().lower() in ("true", "false"):
                return str(value).strip().lower() == "true"
            raise ValueError(f"{self.name} must be true or false")
        if self.kind in ("int", "float"):
            return self._number(value)
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise ValueError(f"{self.name} must be text")
        return str(value)

    def _number(self, value):
        whole = self.kind == "int"
        problem = ValueError(f"{self.name} must be a {'whole ' if whole else ''}number")
        if isinstance(value, bool):
            raise problem
        try:
            number = float(value)
        except (TypeError, ValueError) as exc:
            raise problem from exc
        if not math.isfinite(number) or abs(number) > 1e9 or (whole and not number.is_integer()):
            raise problem
        return int(number) if whole else number

    def to_string(self, value) -> str:
        if self.kind == "bool":
            return "true" if value else "false"
        if self.kind == "float" and float(value).is_integer():
            return str(int(value))
        return str(value)

    def form(self, value, gettext) -> dict:
        return {"name": self.name, "label": gettext(self.label), "help": gettext(self.help) if self.help else "",
                "type": {"int": "integer", "float": "float", "bool": "boolean", "str": "string"}[self.kind],
                "values": list(self.values) or None, "value": value}

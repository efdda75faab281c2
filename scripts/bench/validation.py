"""Time of the one validator (OLX import, Studio save and the course build all run it) on large content.

An author saving a big scenario waits for this, so it has its own target (< 100 ms at 500 scenes).
"""

from __future__ import annotations

import time

from .config import TARGET_VALIDATE_MS
from .olx import case_olx, quiz_olx
from .summary import median

CASE_NAME = "legal_case_study, 500 scenes"


def _cases() -> dict:
    from legal_basics_xblock.content.validate import validate_quiz  # noqa: PLC0415
    from legal_basics_xblock.content.validate_scenario import validate_scenario  # noqa: PLC0415
    from legal_basics_xblock.olx.quiz import parse_quiz  # noqa: PLC0415
    from legal_basics_xblock.olx.safe_xml import parse_xml  # noqa: PLC0415
    from legal_basics_xblock.olx.scenario import parse_scenario  # noqa: PLC0415

    return {
        CASE_NAME: (validate_scenario, parse_scenario(parse_xml(case_olx(500)))[0]),
        "legal_quiz, 500 questions": (validate_quiz, parse_quiz(parse_xml(quiz_olx(500)))[0]),
    }


def _time_ms(validate, document) -> float:
    started = time.perf_counter()
    validate(document, {})
    return (time.perf_counter() - started) * 1000


def measure_validation(runs: int = 15) -> dict:
    """Median, min and max ms of ``runs`` validations of each case, after one warm-up."""
    results = {}
    for name, (validate, document) in _cases().items():
        validate(document, {})
        times = [_time_ms(validate, document) for _ in range(runs)]
        results[name] = {"median": median(times), "min": min(times), "max": max(times)}
    return results


def validation_text(validation: dict) -> str:
    """The lines printed and written under the tables; only the scenario case has a target."""
    lines = ["Validation time (the one validator used by OLX import, Studio save and the course build; median of 15):"]
    for name, t in validation.items():
        verdict = ""
        if name == CASE_NAME:
            passed = t["median"] < TARGET_VALIDATE_MS
            verdict = f" — target < {TARGET_VALIDATE_MS:.0f} ms: {'PASS' if passed else 'FAIL'}"
        lines.append(f"- {name}: {t['median']:.1f} ms ({t['min']:.1f}–{t['max']:.1f}){verdict}")
    return "\n".join(lines)

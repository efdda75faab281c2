"""What a standard Open edX accepts, and what the export validator adds to olxcleaner.

Checked against three public course exports of the Open edX project (the Demo Course, the test
course with one of every block, and the OLX example course of the training courses): each gives
0 errors, so an instructor who validates their own course sees errors only where Studio does.
"""

from __future__ import annotations

import json
import os

ERROR, WARNING, NOTE = "error", "warning", "note"

#: Blocks every Open edX (Ulmo/Verawood) has: built into the platform or installed by its base requirements
#: (xblock-poll, drag-and-drop-v2, ora2, lti-consumer, google-drive, staff-graded, done).
OPEN_EDX_BLOCKS = frozenset({
    "about", "annotatable", "chapter", "conditional", "course", "course_info", "discussion", "html", "itembank",
    "library_content", "lti", "poll_question", "problem", "sequential", "split_test", "static_tab", "vertical",
    "video", "word_cloud", "poll", "survey", "drag-and-drop-v2", "openassessment", "lti_consumer",
    "google-document", "google-calendar", "staffgradedxblock", "done",
})

#: olxcleaner findings Studio does not refuse, with what the platform does instead.
#: (finding name, words in its description) → level; the first match wins.
LENIENT = (
    ("InvalidSetting", "'discussion_id'", NOTE),  # the discussion block generates its id on import
    ("InvalidSetting", "'lti_id'", WARNING),  # LTI 1.3 and Studio-configured tools have none in the OLX
    ("InvalidSetting", "'launch_url'", WARNING),
    ("LTIError", "advanced module", WARNING),  # advanced_modules only feeds Studio's "Add component" menu
    ("InvalidHTML", "", WARNING),  # Studio stores HTML as it is; browsers repair it
)

#: Archive limits, before anything is extracted; settings through the environment.
DEFAULT_MAX_EXPANDED_MB = 1024
DEFAULT_MAX_MEMBERS = 20000


def archive_limits() -> tuple[int, int]:
    """``(bytes, members)`` from ``LEGAL_OLX_MAX_EXPANDED_MB`` / ``LEGAL_OLX_MAX_MEMBERS`` or the defaults."""
    megabytes = int(os.environ.get("LEGAL_OLX_MAX_EXPANDED_MB", DEFAULT_MAX_EXPANDED_MB))
    return megabytes * 1024 * 1024, int(os.environ.get("LEGAL_OLX_MAX_MEMBERS", DEFAULT_MAX_MEMBERS))


def lenient_level(name: str, description: str) -> str | None:
    return next((level for rule, words, level in LENIENT if rule == name and words in description), None)


def passport_ids(policy: dict) -> set:
    """The LTI ids with a passport in the course policy (a list, or the JSON text the XML attribute holds)."""
    ids = set()
    for settings in (policy or {}).values():
        passports = settings.get("lti_passports", []) if isinstance(settings, dict) else []
        if isinstance(passports, str):
            try:
                passports = json.loads(passports)
            except ValueError:
                passports = []
        ids.update(str(p).split(":", 1)[0] for p in passports if isinstance(p, str) and ":" in p)
    return ids


# --- CAPA problems with no correct answer -----------------------------------------------------------
def _marked(element) -> bool:
    return str(element.get("correct", "")).strip().lower() == "true"


def _choice_problem(response) -> str | None:
    choices = response.findall(".//choice")
    if response.tag == "multiplechoiceresponse" and choices and not any(map(_marked, choices)):
        return "a multiple-choice response with no choice marked correct=\"true\""
    return None


def _option_problem(response) -> str | None:
    for node in response.iter("optioninput"):
        if node.get("correct") in (None, "") and not any(map(_marked, node.findall("option"))):
            return "a dropdown (optionresponse) with no correct option"
    return None


def _answer_problem(response) -> str | None:
    has_answer = response.get("answer") not in (None, "") or response.find("answer") is not None
    return None if has_answer else f"a <{response.tag}> with no answer"


PROBLEM_CHECKS = {
    "multiplechoiceresponse": _choice_problem,
    "optionresponse": _option_problem,
    "stringresponse": _answer_problem,
    "numericalresponse": _answer_problem,
    "formularesponse": _answer_problem,
}


def unanswerable_responses(problem) -> list[tuple[int | None, str]]:
    """``(line, what)`` for every response in a CAPA problem that no learner can answer correctly."""
    found = []
    for response in problem.iter(*PROBLEM_CHECKS):
        problem_text = PROBLEM_CHECKS[response.tag](response)
        if problem_text:
            found.append((response.sourceline, problem_text))
    return found

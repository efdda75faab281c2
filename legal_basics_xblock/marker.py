"""The one gettext marker for UI strings.

``_("text")`` returns the text unchanged and lets ``scripts/i18n.py extract`` find it; the
string is translated where it is shown, into the learner's chosen language (ADR 0003).
"""


def _(message: str) -> str:
    return message

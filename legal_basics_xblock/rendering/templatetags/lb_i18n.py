"""``{% trans "…" %}`` for our templates, translated into the learner's chosen language.

Registered under the name ``i18n`` in our template engine, so ``{% load i18n %}`` and
``{% trans %}`` look as usual and ``makemessages``/``i18n_tool extract`` find the strings.
"""

from django import template
from django.utils.html import conditional_escape

register = template.Library()


class TransNode(template.Node):
    def __init__(self, message: str, variable: str | None):
        self.message = message
        self.variable = variable

    def render(self, context):
        gettext = context.get("gettext") or (lambda s: s)
        translated = gettext(self.message)
        if self.variable:
            context[self.variable] = translated
            return ""
        return conditional_escape(translated)


@register.tag("trans")
def do_trans(parser, token):
    """``{% trans "literal" %}`` or ``{% trans "literal" as name %}``."""
    bits = token.split_contents()
    if len(bits) not in (2, 4) or bits[1][0] not in "\"'" or (len(bits) == 4 and bits[2] != "as"):
        raise template.TemplateSyntaxError('Use {% trans "text" %} or {% trans "text" as name %}.')
    return TransNode(bits[1][1:-1], bits[3] if len(bits) == 4 else None)

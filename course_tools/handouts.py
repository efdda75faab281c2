"""One printable page per module, generated from the course content: what the learner's rights are,
the steps in order with the authority, deadline and documents, and the norms cited.

The steps come from the action plans of the module's case studies (the best ending of each), so
the handout changes when the cases do and never needs editing on its own.
"""

from __future__ import annotations

from html import escape

from legal_basics_xblock.content import registry
from legal_basics_xblock.content.sanitize import sanitize_html
from legal_basics_xblock.content.scenario import ENDING, load_scenario
from legal_basics_xblock.content.text import pick
from legal_basics_xblock.olx.scenario import parse_scenario

from .source import block_element

LABELS = {
    "kk": {"steps": "Не істеу керек: қадамдар", "authority": "Қайда жүгіну", "deadline": "Мерзім",
           "documents": "Құжаттар", "norms": "Нормалар", "outcomes": "Модульден кейін сіз",
           "note": "Бұл заңгерлік кеңес емес. Нормалардың тексерілген күні көрсетілген.", "checked": "тексерілді"},
    "ru": {"steps": "Что делать: шаги", "authority": "Куда обращаться", "deadline": "Срок",
           "documents": "Документы", "norms": "Нормы", "outcomes": "После модуля вы",
           "note": "Это не юридическая консультация. Указаны даты проверки норм.", "checked": "проверено"},
}

STYLE = """@page { size: A4; margin: 12mm; }
body { font: 10.5pt/1.4 system-ui, sans-serif; color: #111; max-width: 46rem; margin: 0 auto; padding: 0.5rem; }
h1 { font-size: 15pt; margin: 0 0 0.3rem; } h2 { font-size: 12pt; margin: 0.8rem 0 0.3rem; }
ol.steps > li { margin-bottom: 0.4rem; break-inside: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 0.6rem; margin: 0.2rem 0; }
dt { font-weight: 700; } dd { margin: 0; } .note { font-size: 9pt; color: #444; }
a { color: #0a4f8c; } @media print { a::after { content: " (" attr(href) ")"; font-size: 8pt; } }"""


def _best_plan(scenario):
    endings = [n for n in scenario.nodes.values() if n.kind == ENDING and n.plan]
    endings.sort(key=lambda n: -n.credit)
    return endings[0].plan if endings else ()


def module_steps(module) -> list:
    """Action-plan steps of every case in the module, in unit order, without repeats."""
    steps, seen = [], set()
    for section in module.sections:
        for unit in section.units:
            if not unit.block:
                continue
            element = block_element(module, unit)
            if element.tag not in ("legal_case_study", "legal_mock_trial"):
                continue
            for step in _best_plan(load_scenario(parse_scenario(element)[0])):
                key = tuple(sorted(step.text.items()))
                if key not in seen:
                    seen.add(key)
                    steps.append(step)
    return steps


def _norm_links(ids, language: str) -> list[str]:
    norms = registry.norms()
    return [f'<a href="{escape(norms[i].url(language))}">{escape(norms[i].label(language))}</a>'
            for i in ids if i in norms]


def handout_html(module, language: str) -> str:
    labels = LABELS[language]
    steps = module_steps(module)
    cited = []
    items = []
    for step in steps:
        facts = "".join(f"<dt>{labels[name]}</dt><dd>{escape(pick(getattr(step, name), language))}</dd>"
                        for name in ("authority", "deadline", "documents") if pick(getattr(step, name), language))
        links = _norm_links(step.cites, language)
        cited.extend(i for i in step.cites if i not in cited)
        items.append(f"<li>{sanitize_html(pick(step.text, language))}<dl>{facts}</dl>"
                     f"{'<p>' + '; '.join(links) + '</p>' if links else ''}</li>")
    outcomes = "".join(f"<li>{escape(o)}</li>" for o in (module.outcomes or {}).get(language, []))
    norms = registry.norms()
    checked = labels["checked"]
    norm_list = "".join(
        f"<li>{link} — {escape(pick(norms[i].statement, language))} ({checked} {escape(norms[i].checked)})</li>"
        for i, link in zip(cited, _norm_links(cited, language)))
    title = escape(pick(module.title, language))
    return (f"<!DOCTYPE html>\n<html lang=\"{language}\">\n<head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<style>{STYLE}</style></head>\n<body><main>\n<h1>{title}</h1>\n"
            f"<h2>{labels['outcomes']}</h2><ul>{outcomes}</ul>\n"
            f"<h2>{labels['steps']}</h2><ol class=\"steps\">{''.join(items)}</ol>\n"
            f"<h2>{labels['norms']}</h2><ul>{norm_list}</ul>\n"
            f"<p class=\"note\">{labels['note']}</p>\n</main></body></html>\n")

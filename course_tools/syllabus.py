"""The course "About" page: syllabus table with hours, outcomes and assessment, in the build language."""

from __future__ import annotations

from html import escape

LABELS = {
    "kk": {"module": "Модуль", "hours": "Сағат (аудиториялық + өздік)", "outcomes": "Оқу нәтижелері",
           "assessment": "Бағалау", "total": "Барлығы", "grading": "Бағалау саясаты"},
    "ru": {"module": "Модуль", "hours": "Часы (аудиторные + самостоятельные)", "outcomes": "Результаты обучения",
           "assessment": "Оценивание", "total": "Всего", "grading": "Политика оценивания"},
}


def _t(value: dict, language: str) -> str:
    return value.get(language) or value.get("kk") or value.get("ru") or ""


def _assessment(module, language: str) -> str:
    formats = [section.format for section in module.sections if section.format]
    return ", ".join(dict.fromkeys(formats)) or "—"


def overview_html(course: dict, modules: list, language: str) -> str:
    labels = LABELS.get(language, LABELS["ru"])
    rows, contact, self_study = [], 0, 0
    for module in modules:
        hours = module.hours or {}
        contact += int(hours.get("contact", 0))
        self_study += int(hours.get("self", 0))
        outcomes = "".join(f"<li>{escape(item)}</li>" for item in (module.outcomes or {}).get(language, []))
        own, study = int(hours.get("contact", 0)), int(hours.get("self", 0))
        rows.append(
            f"<tr><th scope=\"row\">{escape(_t(module.title, language))}</th>"
            f"<td>{own + study} ({own} + {study})</td>"
            f"<td><ul>{outcomes}</ul></td><td>{escape(_assessment(module, language))}</td></tr>")
    graders = "".join(f"<li>{escape(g['type'])}: {round(g['weight'] * 100)}%</li>"
                      for g in course["grading"]["GRADER"])
    return (
        f"<section class=\"about\">\n<h2>{escape(_t(course['title'], language))}</h2>\n"
        f"<p>{escape(_t(course.get('summary', {}), language))}</p>\n"
        f"<table>\n<thead><tr><th scope=\"col\">{labels['module']}</th><th scope=\"col\">{labels['hours']}</th>"
        f"<th scope=\"col\">{labels['outcomes']}</th><th scope=\"col\">{labels['assessment']}</th></tr></thead>\n"
        f"<tbody>\n" + "\n".join(rows) + "\n</tbody>\n"
        f"<tfoot><tr><th scope=\"row\">{labels['total']}</th><td>{contact + self_study} ({contact} + {self_study})</td>"
        f"<td></td><td></td></tr></tfoot>\n</table>\n"
        f"<h3>{labels['grading']}</h3>\n<ul>{graders}</ul>\n</section>\n")

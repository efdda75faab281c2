"""Slides for the programme's master-class «Құқығыңыз бұзылғанда не істеу керек / Что делать, если нарушены
ваши права» (at most 60 minutes), one deck per module that has case studies, generated from the content.

The deck follows the module: its title, what participants will be able to do (outcomes), then for each case its
situation (the first paragraph of its first scene) and its route (the best ending's plan: what to do, where, by
when, which documents, up to three steps a slide joined by arrows), then all the deadlines again, where to turn,
the norms, and three self-check questions taken from the stems of the module's own quiz (stems only, never a
choice, feedback or explanation, so the quiz keeps its value).

One self-contained HTML file, no script: a ``<section class="slide">`` per slide, 16:9 on screen and one A4
landscape page per slide in print, type sized in hundredths of the slide width so a projector shows it large.
Long lists go over several slides by an estimate of their lines (``paginate``). An instructor can edit the file
in any editor: one element a line, the styles at the top.
"""

from __future__ import annotations

from html import escape
from itertools import groupby

from legal_basics_xblock.content.sanitize import sanitize_html
from legal_basics_xblock.content.text import pick

from .handouts import (
    GENERAL_SOURCES,
    LABELS,
    act_item,
    authorities,
    box_facts,
    by_act,
    case_scenarios,
    cited,
    contact_item,
    deadlines,
    document,
    first_scene,
    heading,
    icon,
    indent,
    lead,
    mark,
    parsed,
    plain,
    routes_of,
    source_item,
    step_what,
)

SLIDE_LABELS = {
    "kk": {"programme": "Құқығыңыз бұзылғанда не істеу керек", "masterclass": "Шеберлік сыныбы",
           "minutes": "60 минутқа дейін", "situation": "Жағдай", "discuss": "Талқылайық: сіз не істер едіңіз?",
           "selfcheck": "Өзіңізді тексеріңіз", "link": "Шеберлік сыныбының слайдтары",
           "handout": "Модуль жадынамасы: {file} — сілтемесі курстың басты бетінде."},
    "ru": {"programme": "Что делать, если нарушены ваши права", "masterclass": "Мастер-класс",
           "minutes": "до 60 минут", "situation": "Ситуация", "discuss": "Обсудим: что бы вы сделали?",
           "selfcheck": "Проверьте себя", "link": "Слайды мастер-класса",
           "handout": "Памятка к модулю: {file} — ссылка на главной странице курса."},
}
QUESTIONS = 3
#: What a slide holds, in lines of list type (2.1 % of the slide width) or of a step box (1.9 %) under a one-line
#: title, and the characters a line takes in DejaVu Sans, the widest of the fonts named (Arial or Noto leave room).
LIST_LINES, BOX_LINES, TITLE_CHARS = 14, 15, 36
LIST_CHARS = 68
STORY_CHARS, STORY_LINES = 56, 8  # the situation's paragraph, set larger
BOX_CHARS = {3: (17, 19), 2: (29, 31), 1: (66, 66)}  # a box's line, bold "what" and plain facts, by boxes a slide

STYLE = """@page { size: A4 landscape; margin: 0; }
:root { --w: min(100vw, 177.78vh); --u: calc(var(--w) / 100); }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; scroll-snap-type: y proximity;
  background: var(--soft); }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
.defs { position: absolute; width: 0; height: 0; overflow: hidden; }
.icon { width: 1.1em; height: 1.1em; flex: none; vertical-align: -0.18em; fill: none; stroke: currentColor;
  stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
.slide { position: relative; display: flex; flex-direction: column; gap: calc(1.3 * var(--u));
  width: var(--w); height: calc(var(--w) * 0.5625); margin: 0 auto calc(1 * var(--u));
  padding: calc(3 * var(--u)) calc(5 * var(--u)) calc(4.5 * var(--u)); overflow: hidden;
  border-top: calc(0.8 * var(--u)) solid var(--accent); background: var(--paper);
  font-size: calc(2.4 * var(--u)); line-height: 1.3; scroll-snap-align: start; break-after: page; break-inside: avoid; }
.slide p, .slide ul, .slide ol, .slide h1, .slide h2, .slide h3 { margin: 0; }
.kicker { color: var(--accent); font-size: 0.8em; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; }
h1 { font-size: 2.3em; line-height: 1.1; }
h2 { display: flex; gap: 0.4em; align-items: center; padding-bottom: 0.2em; border-bottom: 2px solid var(--accent);
  color: var(--accent); font-size: 1.45em; line-height: 1.15; }
h3 { font-size: 0.9em; }
.slide > footer { position: absolute; left: calc(5 * var(--u)); right: calc(5 * var(--u)); bottom: calc(1.4 * var(--u));
  display: flex; justify-content: space-between; padding-top: 0.3em; border-top: 1px solid var(--muted);
  color: var(--muted); font-size: 0.6em; }
.slide-cover { justify-content: center; background: var(--accent-soft); }
.note { margin-top: auto; color: var(--muted); font-size: 0.7em; }
.programme { font-size: 1.35em; font-weight: 700; } .course { color: var(--muted); font-size: 1.1em; }
ul, ol { padding-left: 1.3em; } li + li { margin-top: 0.35em; }
.list { font-size: 0.875em; }
.story { font-size: 1.1em; }
.prompt { margin-top: auto; padding: 0.4em 0.7em; border-left: 0.3em solid var(--time); background: var(--time-soft);
  font-weight: 700; }
.steps { list-style: none; padding: 0; display: grid; grid-auto-flow: column; grid-auto-columns: 1fr;
  gap: calc(4 * var(--u)); font-size: calc(1.9 * var(--u)); line-height: 1.25; }
.step { position: relative; margin: 0; padding: 0.4em 0.6em; border: 2px solid var(--accent); border-radius: 0.4em;
  background: var(--accent-soft); }
.step:not(:last-child)::before { content: ""; position: absolute; left: 100%; top: 50%; width: calc(2.4 * var(--u));
  border-top: 3px solid var(--ink); }
.step:not(:last-child)::after { content: ""; position: absolute; left: calc(100% + 2.4 * var(--u));
  top: calc(50% - 0.8 * var(--u) + 1.5px); border: calc(0.8 * var(--u)) solid transparent;
  border-left: calc(1.2 * var(--u)) solid var(--ink); border-right-width: 0; }
.column { grid-auto-flow: row; gap: calc(2.6 * var(--u)); }
.column .step:not(:last-child)::before { left: 50%; top: 100%; width: 0; height: calc(1.2 * var(--u));
  border-top: 0; border-left: 3px solid var(--ink); }
.column .step:not(:last-child)::after { left: calc(50% - 0.8 * var(--u) + 1.5px); top: calc(100% + 1.2 * var(--u));
  border: calc(0.8 * var(--u)) solid transparent; border-top: calc(1.2 * var(--u)) solid var(--ink);
  border-bottom-width: 0; }
.n { display: inline-flex; align-items: center; justify-content: center; min-width: 1.7em; height: 1.7em;
  margin-right: 0.2em; border-radius: 50%; background: var(--accent); color: var(--paper); font-weight: 700; }
.what { display: inline; font-weight: 600; } .fact { margin-top: 0.35em; } .fact b { color: var(--accent); }
.dense .steps { font-size: calc(1.6 * var(--u)); } .dense .list { font-size: 0.75em; }
.dense .story { font-size: 0.95em; }
.timeline { list-style: none; padding: 0 0 0 1em; border-left: 3px solid var(--time); font-size: 0.875em; }
.timeline li + li { margin-top: 0.25em; }
.mark { display: inline-flex; align-items: center; gap: 0.15em; margin: 0 0.4em 0 calc(-1em - 1.5px - 0.9em);
  padding: 0 0.35em; border: 2px solid var(--time); border-radius: 1em; background: var(--time-soft);
  color: var(--time); font-weight: 700; }
.named, .contacts, .norms { list-style: none; padding: 0; }
.named li { break-inside: avoid; } .named { columns: 2; column-gap: 2em; }
.refs, .checked, .url { color: var(--muted); }
a { color: var(--accent); }
@media print {
  :root { --w: 297mm; --u: 2.97mm; }
  html { background: none; }
  .slide { height: 210mm; margin: 0; }
}"""


# --- content ---------------------------------------------------------------------------------------------------


def quiz_units(module) -> list:
    """The units holding a quiz: those of a "Module quiz" section first (a pre- or post-test is a fallback)."""
    units = sorted(((section.format != "Module quiz", unit) for section in module.sections
                    for unit in section.units if unit.block), key=lambda pair: pair[0])
    return [unit for _, unit in units if parsed(module, unit).tag == "legal_quiz"]


def spread(items: list, count: int) -> list:
    """``count`` items evenly spaced over ``items``, in their order: the start, middle and end of a quiz."""
    if len(items) <= count:
        return list(items)
    return [items[round(i * (len(items) - 1) / (count - 1))] for i in range(count)]


def quiz_stems(module, language: str, count: int = QUESTIONS) -> list:
    """Stems of the module's quiz questions, single-answer ones by preference (they read as open questions)."""
    units = quiz_units(module)
    if not units:
        return []
    questions = parsed(module, units[0], "quiz")["questions"]
    open_ones = [q for q in questions if q.get("kind") == "single"]
    chosen = spread(open_ones if len(open_ones) >= count else questions, count)
    return [sanitize_html(pick(q.get("stem"), language)) for q in chosen]


def first_paragraph(html_text: str) -> str:
    """The first ``<p>`` of a scene's body (all of it when it has none), sanitised."""
    start = html_text.find("<p")
    end = html_text.find("</p>", start)
    return sanitize_html(html_text[start:end + 4] if start >= 0 and end > start else html_text)


def lines(text: str, per_line: int) -> int:
    """Lines ``text`` wraps to at ``per_line`` characters, word by word as a browser does."""
    count, used = 1, 0
    for word in plain(text).split():
        if used and used + 1 + len(word) > per_line:
            count, used = count + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return count


def box_lines(step, language: str, per_line: tuple) -> int:
    """Lines a step's box takes on a route slide: what to do (bold), then where, by when, which documents."""
    labels = LABELS[language]
    facts = [(labels[field], pick(getattr(step, field), language)) for field in ("authority", "deadline", "documents")]
    return lines(lead(pick(step.text, language)), per_line[0]) + sum(
        lines(f"{label}: {value}", per_line[1]) for label, value in facts if value)


def paginate(items: list, cost, budget: float = LIST_LINES) -> list:
    """Items split over slides in order, each slide's cost within ``budget`` (an item too big alone gets its own)."""
    pages, used = [[]], 0.0
    for item in items:
        if pages[-1] and used + cost(item) > budget:
            pages.append([])
            used = 0.0
        pages[-1].append(item)
        used += cost(item)
    return [page for page in pages if page]


def pack(steps: list, fits) -> list:
    """Numbered steps onto slides in order, up to three a slide, as long as ``fits(step, boxes on the slide)``
    holds for every box there (boxes narrow as they share a slide)."""
    pages: list = [[]]
    for pair in steps:
        page = [*pages[-1], pair]
        if pages[-1] and (len(page) > 3 or not all(fits(step, len(page)) for _, step in page)):
            pages.append([pair])
        else:
            pages[-1] = page
    return [page for page in pages if page]


# --- slides: each is (css class, body lines) ---------------------------------------------------------------------


def numbered(title: str, index: int, total: int) -> str:
    return f"{title} ({index}/{total})" if total > 1 else title


def cover_slide(module, course_title: dict, language: str) -> tuple:
    labels = SLIDE_LABELS[language]
    return "slide-cover", [
        f'<p class="kicker">{icon("people")} {labels["masterclass"]} · {labels["minutes"]}</p>',
        f'<p class="programme">«{labels["programme"]}»</p>',
        f"<h1>{escape(pick(module.title, language))}</h1>",
        f'<p class="course">{escape(pick(course_title, language))}</p>']


def list_slides(kind: str, name: str, title: str, items: list, css: str = "list") -> list:
    """Items (``<li>`` HTML) over as many slides as they need, the title numbered when there are several."""
    pages = paginate(items, lambda item: lines(item, LIST_CHARS) + 0.4)
    return [(kind, [heading("h2", name, numbered(title, i, len(pages))), f'<ul class="{css}">', *map(indent, page),
                    "</ul>"])
            for i, page in enumerate(pages, 1)]


def outcome_slides(module, language: str) -> list:
    """The module's outcomes, as its manifest states them."""
    items = [f"<li>{escape(o)}</li>" for o in (module.outcomes or {}).get(language, [])]
    return list_slides("slide-outcomes", "target", LABELS[language]["outcomes"], items)


def situation_slide(index: int, unit, scenario, language: str) -> tuple:
    """The case as the learner meets it: its title, the first scene's first paragraph, a question to the room."""
    labels, scene = SLIDE_LABELS[language], first_scene(scenario)
    when = f" · {escape(pick(scene.title, language))}" if scene and pick(scene.title, language) else ""
    story = first_paragraph(pick(scene.body, language)) if scene else ""
    long_title = lines(pick(unit.title, language), TITLE_CHARS) > 1
    dense = lines(story, STORY_CHARS) > STORY_LINES - 1.5 * long_title
    return "slide-situation dense" if dense else "slide-situation", [
        f'<p class="kicker">{icon("people")} {labels["situation"]} {index}{when}</p>',
        f"<h2>{escape(pick(unit.title, language))}</h2>",
        f'<div class="story">{story}</div>',
        f'<p class="prompt">{icon("question")} {labels["discuss"]}</p>']


def step_item(n: int, step, language: str) -> str:
    """A route box on a slide: what to do, where, by when, which documents, each on its own line."""
    facts = box_facts(step, language, ("authority", "deadline", "documents"))
    return f'<li class="step">\n{indent(step_what(n, step, language))}\n{indent(facts)}\n</li>'


def route_pages(route, language: str) -> tuple:
    """The route's steps on slides: side by side while the boxes stay readable, else one under another;
    ``True`` with them when a box alone overflows and needs smaller type."""
    budget = BOX_LINES - 1.7 * (lines(pick(route.title, language), TITLE_CHARS) - 1)
    size = {(id(step), boxes): box_lines(step, language, BOX_CHARS[boxes])
            for step in route.steps for boxes in BOX_CHARS}
    rows = pack(route.numbered(), lambda step, boxes: size[id(step), boxes] <= budget)
    pages = stack(rows, lambda step: size[id(step), 1] + 1.2, budget)
    return pages, any(size[id(step), 1] > budget for step in route.steps)


def stack(rows: list, height, budget: float) -> list:
    """``(layout, steps)`` per slide: consecutive one-box slides merged into a ``column`` of boxes one under
    another while their heights fit (a long step fills a slide's width, not its height), the rest ``row``s."""
    pages: list = []
    for row in rows:
        layout, previous = pages[-1] if pages else ("row", [])
        if len(row) == 1 and (len(previous) == 1 or layout == "column") and \
                sum(height(step) for _, step in previous + row) <= budget:
            pages[-1] = ("column", previous + row)
        else:
            pages.append(("row", row))
    return pages


def route_slides(route, language: str) -> list:
    """The route in boxes joined by arrows (a row, or a column of long steps), the case's title above them."""
    pages, dense = route_pages(route, language)
    kicker = f'<p class="kicker">{icon("route")} {LABELS[language]["route"]}'
    return [("slide-route dense" if dense else "slide-route",
             [f"{kicker}{f' ({i}/{len(pages)})' if len(pages) > 1 else ''}</p>",
              f"<h2>{escape(pick(route.title, language))}</h2>", f'<ol class="steps {layout}">',
              *(indent(step_item(n, step, language)) for n, step in page), "</ol>"])
            for i, (layout, page) in enumerate(pages, 1)]


def deadline_slides(routes, language: str) -> list:
    """Every deadline in full, grouped by route on a vertical line, each marked with its step number."""
    items = [(route, n, text) for route in routes for n, text in deadlines(route, language)]
    pages = paginate(items, lambda item: lines(item[2], LIST_CHARS) + 0.5 + 1.3 * (item[1] == item[0].first))
    title = LABELS[language]["deadlines"]
    return [("slide-deadlines", [heading("h2", "clock", numbered(title, i, len(pages))),
                                 *timeline_lines(page, language)])
            for i, page in enumerate(pages, 1)]


def timeline_lines(page: list, language: str) -> list:
    """A route's heading, then its deadlines, for each route on the slide."""
    out = []
    for _, group in groupby(page, key=lambda item: item[0].first):
        group = list(group)
        out += [f"<h3>{escape(pick(group[0][0].title, language))}</h3>", '<ol class="timeline">',
                *(f"  <li>{mark(n)} {escape(text)}</li>" for _, n, text in group), "</ol>"]
    return out


def contact_slides(routes, language: str) -> list:
    """Authorities the routes name (two columns), then the sources that always help, on the last slide if room."""
    labels = LABELS[language]
    named = [contact_item(text, numbers, language) for text, numbers in authorities(routes, language)]
    general = [source_item(source, language) for source in GENERAL_SOURCES]
    pages = paginate(named, named_lines, LIST_LINES - 1.3)
    general_cost = 1.3 + sum(lines(item, LIST_CHARS) + 0.4 for item in general)
    if not pages or sum(map(named_lines, pages[-1])) + 1.3 + general_cost > LIST_LINES:
        pages.append([])
    return [("slide-contacts", [heading("h2", "signpost", numbered(labels["turn"], i, len(pages))),
                                *(named_block(page, labels) if page else []),
                                *(general_block(general, labels) if i == len(pages) else [])])
            for i, page in enumerate(pages, 1)]


def named_lines(item: str) -> float:
    return lines(item, LIST_CHARS // 2 - 4) / 2 + 0.15  # two columns


def named_block(page: list, labels: dict) -> list:
    return [f'<h3>{labels["from_route"]}</h3>', '<ul class="named list">', *map(indent, page), "</ul>"]


def general_block(general: list, labels: dict) -> list:
    return [f'<h3>{labels["always"]}</h3>', '<ul class="contacts list">', *map(indent, general), "</ul>"]


def norm_slides(routes, language: str) -> list:
    """The cited norms by act: articles linked, the official address legible on paper, the dates checked."""
    items = [act_item(norms, language) for norms in by_act(cited(routes))]
    return list_slides("slide-norms", "book", LABELS[language]["norms"], items, "norms list")


def closing_slide(module, language: str) -> tuple:
    """Three questions from the module's own quiz (stems only), the handout to take away, the disclaimer."""
    labels = SLIDE_LABELS[language]
    stems = quiz_stems(module, language)
    handout = f"handout_{module.id}_{language}.html"  # named, not linked: the LMS serves each file at its own URL
    dense = sum(lines(stem, LIST_CHARS) + 0.4 for stem in stems) > LIST_LINES - 1  # room for the handout line
    questions = ['<ol class="list">', *(f"  <li>{stem}</li>" for stem in stems), "</ol>"] if stems else []
    return "slide-closing dense" if dense else "slide-closing", [
        heading("h2", "question", labels["selfcheck"]), *questions,
        f'<p class="note">{icon("document")} {labels["handout"].format(file=handout)} {LABELS[language]["note"]}</p>']


# --- the deck ----------------------------------------------------------------------------------------------------


def deck_slides(module, cases: list, course_title: dict, language: str) -> list:
    """Title and outcomes; each case's situation followed by its route; deadlines, contacts, norms; self-check."""
    routes = routes_of(cases)
    by_unit = {route.unit: route for route in routes}
    slides = [cover_slide(module, course_title, language), *outcome_slides(module, language)]
    for index, (unit, scenario) in enumerate(cases, 1):
        slides.append(situation_slide(index, unit, scenario, language))
        slides.extend(route_slides(by_unit[unit.id], language) if unit.id in by_unit else [])
    return [*slides, *deadline_slides(routes, language), *contact_slides(routes, language),
            *norm_slides(routes, language), closing_slide(module, language)]


def render(slides: list, footer: str) -> str:
    """Each slide as a readable block: one element a line, the slide number in its footer."""
    blocks = []
    for number, (kind, body) in enumerate(slides, 1):
        inner = "\n".join(indent(line) for line in body)
        blocks.append(f'<section class="slide {kind}">\n{inner}\n'
                      f"  <footer><span>{footer}</span><span>{number}/{len(slides)}</span></footer>\n</section>")
    return "\n\n".join(blocks)


def slides_html(module, course_title: dict, language: str) -> str:
    """The module's master-class deck in ``language``; empty when the module has no case study."""
    cases = case_scenarios(module)
    if not cases:
        return ""
    title = pick(module.title, language)
    footer = f'{escape(SLIDE_LABELS[language]["programme"])} · {escape(title)}'
    body = render(deck_slides(module, cases, course_title, language), footer)
    return document(language, f'{SLIDE_LABELS[language]["masterclass"]}: {title}', STYLE, f"<main>\n{body}\n</main>")

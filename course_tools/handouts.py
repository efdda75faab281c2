"""One printable handout per module, generated from the course content.

What it shows comes from the module's case studies: the action plan of each case's best ending is drawn as
a route (numbered boxes joined by arrows: what to do, where, which documents) with its deadlines on a
timeline under it, the authorities the plans name as "where to turn", and the norms they cite with their
official links and the date each was checked. So the handout changes when the cases do and never needs
editing on its own.

Designed for print in colour and readable in greyscale: every text colour meets WCAG AA on every background
(``INKS`` x ``GROUNDS``, checked by the tests), and no cue is carried by colour alone (numbers, icons, borders,
labels). One A4 page for a small module, two for a big one. ``course_tools/slides.py`` reuses the data and the
building blocks below for the master-class deck.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

from legal_basics_xblock.content import registry
from legal_basics_xblock.content.scenario import ENDING, SCENE, load_scenario
from legal_basics_xblock.content.text import pick
from legal_basics_xblock.olx.quiz import parse_quiz
from legal_basics_xblock.olx.scenario import parse_scenario
from legal_basics_xblock.scenarios import SCENARIO_DIR

from .source import block_element

CASE_TAGS = ("legal_case_study", "legal_mock_trial")
FACT_ICONS = {"authority": "building", "deadline": "clock", "documents": "document"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«])")  # a new sentence; not after "ст. 5"
_TAGS = re.compile(r"<[^>]+>")
LEAD_CHARS = 35  # a box says what to do in the plan's first sentences, at least this many characters
#: Body type: 9.5 pt whatever the module's length — people read these on paper, many without glasses to hand;
#: a module with more cases takes another page rather than smaller type.
BODY_PT = 9.5

#: Text colours. Each meets WCAG AA (4.5:1) on each of GROUNDS, and "paper" text meets it on each of them,
#: so any pairing the pages use is safe; dark text on light tints also keeps a greyscale print legible.
INKS = {"ink": "#1b1b1b", "muted": "#4a4a4a", "accent": "#0a4f8c", "time": "#7a4b00", "help": "#1e6b2f"}
GROUNDS = {"paper": "#ffffff", "soft": "#f3f5f8", "accent-soft": "#e6eef7", "time-soft": "#fdf3e1",
           "help-soft": "#e8f3ea"}

LABELS = {
    "kk": {"kicker": "Жадынама", "outcomes": "Не істей аласыз", "route": "Маршрут: не істеу керек",
           "authority": "Қайда", "deadline": "Мерзім", "documents": "Құжаттар", "deadlines": "Мерзімдер",
           "numbers": "Әр маршруттың астында — оның мерзімдері; сағаттағы нөмір — қадамның нөмірі.",
           "turn": "Қайда жүгінуге болады",
           "from_route": "Маршруттағы органдар", "always": "Кез келген жағдайда", "steps": "қадамдар",
           "norms": "Нормалар және ресми мәтіндер", "checked": "тексерілді",
           "unconfirmed": "ресми көзде әлі расталмаған",
           "note": "Бұл — құқықтық ақпарат, заң кеңесі емес. Норманың ресми мәтінін сілтеме бойынша тексеріңіз."},
    "ru": {"kicker": "Памятка", "outcomes": "Что вы сможете сделать", "route": "Маршрут: что делать",
           "authority": "Куда", "deadline": "Срок", "documents": "Документы", "deadlines": "Сроки",
           "numbers": "Под каждым маршрутом — его сроки; номер у часов — номер шага.",
           "turn": "Куда обратиться",
           "from_route": "Органы из маршрута", "always": "В любой ситуации", "steps": "шаги",
           "norms": "Нормы и официальные тексты", "checked": "проверено",
           "unconfirmed": "ещё не подтверждено по официальному источнику",
           "note": "Это правовая информация, а не юридическая консультация. "
                   "Сверяйте официальный текст нормы по ссылке."},
}

#: Sources any handout may give, worded as the course itself does (m01 reading, m03 refusal case): no phone
#: number or address that the course source does not already give.
GENERAL_SOURCES = (
    ("e-Otinish · eotinish.kz", {"kk": "https://eotinish.kz", "ru": "https://eotinish.kz"},
     {"kk": "мемлекеттік органдарға, оның ішінде прокуратураға өтініштер мен шағымдар: тегін және тіркеу нөмірімен.",
      "ru": "обращения и жалобы в государственные органы, в том числе в прокуратуру: бесплатно и с "
            "регистрационным номером."}),
    ("adilet.zan.kz", {"kk": "https://adilet.zan.kz/kaz", "ru": "https://adilet.zan.kz/rus"},
     {"kk": "заңдар мен кодекстердің ресми мәтіндері: редакциясы мен күнін тексеріңіз.",
      "ru": "официальные тексты законов и кодексов: сверяйте редакцию и дату."}),
    ("1414", {"kk": "tel:1414", "ru": "tel:1414"},
     {"kk": "байланыс орталығы: кеңес береді, бірақ қоңырау шағым болып саналмайды және тіркелмейді.",
      "ru": "контакт-центр: проконсультируют, но звонок — не жалоба, его не регистрируют."}),
)

#: Line icons (24 x 24, stroked in the text colour): a second cue beside each label, never the only one.
ICONS = {
    "route": '<circle cx="5" cy="6" r="2.5"/><circle cx="19" cy="18" r="2.5"/><path d="M7.5 6H15a3 3 0 0 1 0 6H9'
             'a3 3 0 0 0 0 6h7.5"/>',
    "target": '<circle cx="12" cy="12" r="9"/><circle cx="12" cy="12" r="4.5"/><circle cx="12" cy="12" r="1"/>',
    "clock": '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3.5 2"/>',
    "building": '<path d="M3 21h18M5 21V10l7-5 7 5v11M9.5 21v-5h5v5"/>',
    "document": '<path d="M6 3h8l4 4v14H6zM14 3v4h4M9 12h6M9 16h6"/>',
    "signpost": '<path d="M12 3v18M12 5h6.5l2 2.5-2 2.5H12M12 12H5.5l-2 2.5 2 2.5H12"/>',
    "book": '<path d="M3 5h6a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H3zM21 5h-6a3 3 0 0 0-3 3v12a2 2 0 0 1 2-2h7z"/>',
    "question": '<circle cx="12" cy="12" r="9"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.6 2.2c-.7.4-1.1 1-1.1 1.8v.5'
                'M12 17h.01"/>',
    "people": '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 7M18 14'
              'a6 6 0 0 1 3.5 6"/>',
}

STYLE = """@page { size: A4; margin: 7mm 8mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 194mm; color: var(--ink); background: var(--paper);
  font: var(--size, 9.5pt)/1.3 "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
p, ul, ol { margin: 0; }
a { color: var(--accent); }
.defs { position: absolute; width: 0; height: 0; overflow: hidden; }
.icon { width: 1.2em; height: 1.2em; flex: none; vertical-align: -0.22em; fill: none; stroke: currentColor;
  stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
header { display: flex; align-items: baseline; gap: 3mm; padding-bottom: 1mm; border-bottom: 3px double var(--accent); }
.kicker { color: var(--accent); font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; }
h1 { margin: 0; font-size: 16pt; }
h2 { display: flex; gap: 0.4em; align-items: center; margin: 2mm 0 1mm; border-bottom: 1px solid var(--accent);
  color: var(--accent); font-size: 12pt; break-after: avoid; }
h3 { margin: 1.2mm 0 0.8mm; font-size: 10.5pt; break-after: avoid; }
.outcomes { padding-left: 4mm; columns: 2; column-gap: 6mm; }
.outcomes li { margin-bottom: 0.4mm; break-inside: avoid; }
/* The route: numbered boxes on a grid, rows running left and right in turn, joined by drawn arrows. */
.route { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3.6mm 6.5mm; padding: 0; list-style: none; }
.cols-1 { grid-template-columns: 1fr; } .cols-2 { grid-template-columns: repeat(2, 1fr); }
.cols-4 { grid-template-columns: repeat(4, 1fr); }
.step { position: relative; padding: 0.6mm 1.3mm 0.8mm; border: 1.5px solid var(--accent); border-radius: 1.5mm;
  background: var(--accent-soft); break-inside: avoid; }
.n { display: inline-flex; align-items: center; justify-content: center; min-width: 1.6em; height: 1.6em;
  margin-right: 0.25em; border-radius: 50%; background: var(--accent); color: var(--paper); font-weight: 700; }
.what { display: inline; }
.fact { margin-top: 0.5mm; } .fact b { color: var(--accent); }
.step::before, .step::after { position: absolute; content: none; }
.to-right::before, .to-left::before { content: ""; top: 50%; width: 3.6mm; border-top: 2px solid var(--ink); }
.to-right::before { left: 100%; } .to-left::before { right: 100%; }
.to-right::after, .to-left::after { content: ""; top: 50%; margin-top: calc(-1.5mm + 1px);
  border: 1.5mm solid transparent; }
.to-right::after { left: calc(100% + 3.6mm); border-left: 2.2mm solid var(--ink); border-right-width: 0; }
.to-left::after { right: calc(100% + 3.6mm); border-right: 2.2mm solid var(--ink); border-left-width: 0; }
.to-down::before { content: ""; left: 50%; top: 100%; height: 1.7mm; border-left: 2px solid var(--ink); }
.to-down::after { content: ""; left: 50%; top: calc(100% + 1.7mm); margin-left: calc(-1.5mm + 1px);
  border: 1.5mm solid transparent; border-top: 2.2mm solid var(--ink); border-bottom-width: 0; }
/* The timeline: a line with a marker (clock and step number) over each deadline, an arrowhead at its end. */
.timeline { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3.5mm 0; padding: 3mm 0 0; list-style: none; }
.timeline li { position: relative; padding-right: 2.5mm; border-top: 2px solid var(--time); break-inside: avoid; }
.timeline li:last-child::after { content: ""; position: absolute; right: -1px; top: calc(-1.5mm - 1px);
  border: 1.5mm solid transparent; border-left: 2.2mm solid var(--time); border-right-width: 0; }
.mark { display: inline-flex; align-items: center; gap: 0.15em; margin: -0.8em 0 0.4mm; padding: 0 0.35em;
  border: 1.5px solid var(--time); border-radius: 1em; background: var(--time-soft); color: var(--time);
  font-weight: 700; line-height: 1.35; }
.turn { padding: 0.5mm 2mm 1mm; border-left: 3px solid var(--help); background: var(--help-soft); }
.named { padding: 0; list-style: none; } .named li { display: inline; } .named li + li::before { content: " · "; }
.refs, .checked, .url { color: var(--muted); } .refs, .checked { white-space: nowrap; } .url { font-size: 0.9em; }
.norms { padding: 0; list-style: none; } .norms li { margin-bottom: 0.5mm; break-inside: avoid; }
footer { margin-top: 2mm; padding-top: 1mm; border-top: 1px solid var(--muted); color: var(--muted); }
/* A phone: one box a row, arrows pointing down, the timeline as a vertical list. */
@media screen and (max-width: 44rem) {
  body { padding: 0 3mm; font-size: 11pt; } header { display: block; } .outcomes { columns: 1; }
  .route.route { grid-template-columns: 1fr; } .route > li { grid-area: auto !important; }
  .route > li:not(:last-child)::before { content: ""; top: 100%; left: 50%; right: auto; width: 0; height: 1.7mm;
    border-top: 0; border-left: 2px solid var(--ink); }
  .route > li:not(:last-child)::after { content: ""; top: calc(100% + 1.7mm); left: 50%; right: auto;
    margin: 0 0 0 -1.5mm; border: 1.5mm solid transparent; border-top: 2.2mm solid var(--ink); border-bottom-width: 0; }
  .timeline.timeline { grid-template-columns: 1fr; padding: 0 0 0 1em; }
  .timeline li { border-top: 0; border-left: 2px solid var(--time); padding: 0 0 2mm 1em; }
  .timeline li:last-child::after { content: none; } .mark { margin: 0 0 0.4mm calc(-1em - 1px - 0.9em); }
}"""


@dataclass(frozen=True)
class Route:
    """One case's best action plan, titled by its unit; ``first`` numbers its first step on the page."""

    title: dict
    steps: tuple
    first: int = 1
    unit: str = ""

    def numbered(self) -> list:
        return list(enumerate(self.steps, self.first))


# --- content ---------------------------------------------------------------------------------------------------


def best_plan(scenario) -> tuple:
    """The plan of the best-credited ending: the route the case teaches."""
    endings = sorted((n for n in scenario.nodes.values() if n.kind == ENDING and n.plan), key=lambda n: -n.credit)
    return endings[0].plan if endings else ()


def block_path(module, unit) -> Path:
    """The file of the unit's block, as ``source.block_element`` finds it."""
    if unit.block.startswith("pkg:"):
        return SCENARIO_DIR / f"{unit.block[4:]}.xml"
    return (module.folder / unit.block).resolve()


_PARSED: dict = {}  # (path, mtime, size, kind) -> parsed block; a build process reads each file once
PARSERS = {"element": block_element,
           "scenario": lambda module, unit: load_scenario(parse_scenario(parsed(module, unit))[0]),
           "quiz": lambda module, unit: parse_quiz(parsed(module, unit))[0]}


def parsed(module, unit, kind: str = "element"):
    """The unit's block element, or its ``scenario`` or ``quiz``, parsed once per file version (path, time, size):
    a build asks for each block in both languages of both courses, and parsing is most of its cost."""
    try:
        stat = block_path(module, unit).stat()
    except OSError:
        return block_element(module, unit)  # raises the build's own error, naming the manifest
    key = (str(block_path(module, unit)), stat.st_mtime_ns, stat.st_size, kind)
    if key not in _PARSED:
        _PARSED[key] = PARSERS[kind](module, unit)
    return _PARSED[key]


def case_scenarios(module) -> list:
    """``(unit, scenario)`` for each case study and mock trial of the module, in unit order."""
    units = (u for section in module.sections for u in section.units if u.block)
    return [(unit, parsed(module, unit, "scenario")) for unit in units if parsed(module, unit).tag in CASE_TAGS]


def routes_of(cases) -> list:
    """Routes of the cases that have a plan, numbered on from one route to the next."""
    routes, first = [], 1
    for unit, scenario in cases:
        steps = best_plan(scenario)
        if steps:
            routes.append(Route(unit.title, steps, first, unit.id))
            first += len(steps)
    return routes


def module_routes(module) -> list:
    """The module's routes, one per case with a plan, steps numbered on across them."""
    return routes_of(case_scenarios(module))


def first_scene(scenario):
    """The scene a learner meets first: the start node, else a role's start (mock trial), else the first scene."""
    starts = [scenario.start, *(role.start for role in scenario.roles)]
    found = (scenario.node(node_id) for node_id in starts if scenario.node(node_id))
    return next(found, None) or next((n for n in scenario.nodes.values() if n.kind == SCENE), None)


def cited(routes) -> list:
    """Norm ids the plans cite, in order of first citation, known to the registry."""
    ids = [norm for route in routes for step in route.steps for norm in step.cites]
    return [norm for i, norm in enumerate(ids) if norm not in ids[:i] and norm in registry.norms()]


def deadlines(route, language: str) -> list:
    """``(step number, deadline)`` for each step of the route that has one."""
    return [(n, pick(step.deadline, language)) for n, step in route.numbered() if pick(step.deadline, language)]


def authorities(routes, language: str) -> list:
    """Each authority the plans name, once, with the numbers of the steps that send the reader there. Only the
    name is kept (what comes before the first colon or full stop): the box already says what to hand in."""
    found: dict = {}
    for route in routes:
        for n, step in route.numbered():
            name = authority_name(pick(step.authority, language))
            if name:
                found.setdefault(name, []).append(n)
    return list(found.items())


def authority_name(text: str) -> str:
    """``Работодатель: заявление в двух экземплярах…`` → ``Работодатель``."""
    return _SENTENCE_END.split(text.split(":")[0])[0].strip().rstrip(".")


def plain(html_text: str) -> str:
    """Authored HTML as the reader's text: tags dropped, entities decoded."""
    return unescape(_TAGS.sub("", html_text)).strip()


def lead(html_text: str, minimum: int = LEAD_CHARS) -> str:
    """The first sentences of a plan step, as plain text, until they say at least ``minimum`` characters:
    "Проверьте, соблюдён ли порядок." alone says too little, the whole paragraph is too much for A4."""
    sentences, taken = _SENTENCE_END.split(plain(html_text)), []
    while sentences and len(" ".join(taken)) < minimum:
        taken.append(sentences.pop(0))
    return " ".join(taken)


def local_date(iso: str) -> str:
    """``2026-12-07`` → ``07.12.2026``: how dates are written in both languages."""
    return ".".join(reversed(iso.split("-"))) if re.fullmatch(r"\d{4}-\d\d-\d\d", iso) else iso


# --- building blocks (also used by the slides) ---------------------------------------------------------------------


def palette_css() -> str:
    """The palette as CSS custom properties: the only colours a page uses."""
    return ":root { " + " ".join(f"--{name}: {hex_};" for name, hex_ in {**INKS, **GROUNDS}.items()) + " }"


def icon_defs() -> str:
    """Every icon once, as symbols the page then ``<use>``s: the markup stays short and readable."""
    symbols = "".join(f'<symbol id="i-{name}" viewBox="0 0 24 24">{paths}</symbol>' for name, paths in ICONS.items())
    return f'<svg class="defs" aria-hidden="true" focusable="false">{symbols}</svg>'


def icon(name: str) -> str:
    return f'<svg class="icon" aria-hidden="true"><use href="#i-{name}"/></svg>'


def heading(tag: str, name: str, text: str) -> str:
    return f"<{tag}>{icon(name)} {escape(text)}</{tag}>"


def fact(label: str, name: str, text: str) -> str:
    return f'<p class="fact">{icon(name)} <b>{escape(label)}:</b> {escape(text)}</p>'


def box_facts(step, language: str, fields=("authority", "documents")) -> str:
    """The step's ``fields`` (where, which documents; the slides add by when) as labelled lines, word for word:
    a shortened authority or deadline could state the law wrongly. A field the plan leaves empty is left out."""
    labels = LABELS[language]
    return "\n".join(fact(labels[field], FACT_ICONS[field], pick(getattr(step, field), language))
                     for field in fields if pick(getattr(step, field), language))


def step_what(n: int, step, language: str) -> str:
    """The box's number badge and what to do: the plan's leading sentences (the course has the rest)."""
    return f'<span class="n">{n}</span> <div class="what">{escape(lead(pick(step.text, language)))}</div>'


def mark(n: int) -> str:
    return f'<span class="mark">{icon("clock")} {n}</span>'


def contact_item(text: str, numbers: list, language: str) -> str:
    """An authority and the steps that send the reader there, so the list leads back into the route."""
    refs = ", ".join(str(n) for n in numbers)
    return f'<li>{icon("building")} {escape(text)} <span class="refs">({LABELS[language]["steps"]}: {refs})</span></li>'


def source_item(source: tuple, language: str) -> str:
    name, hrefs, text = source
    return f'<li>{icon("signpost")} <a href="{escape(hrefs[language])}">{escape(name)}</a> — {text[language]}</li>'


def by_act(norm_ids) -> list:
    """The norms grouped by act, acts in order of first citation: one line per act on paper."""
    groups: dict = {}
    for norm_id in norm_ids:
        norm = registry.norms()[norm_id]
        groups.setdefault(norm.act_id, []).append(norm)
    return list(groups.values())


def short_link(norm, language: str) -> str:
    """``ст. 160`` linked to the official text (the act is named once per line); the statement as its title."""
    label = norm.label(language).removeprefix(f"{pick(norm.act_short, language)}, ")
    return (f'<a href="{escape(norm.url(language))}" title="{escape(pick(norm.statement, language))}">'
            f"{escape(label)}</a>")


def act_item(norms: list, language: str) -> str:
    """An act, its cited articles linked, its official address printed once and the dates the norms were checked."""
    labels, first = LABELS[language], norms[0]
    urls = " ".join(dict.fromkeys(n.url(language).removeprefix("https://") for n in norms))
    dates = ", ".join(sorted({local_date(n.checked) for n in norms}))
    unconfirmed = f"; {labels['unconfirmed']}" if any(n.status != registry.CURRENT for n in norms) else ""
    return (f"<li><b>{escape(pick(first.act_name, language))}:</b> "
            f"{', '.join(short_link(n, language) for n in norms)} — <span class=\"url\">{escape(urls)}</span> "
            f'<span class="checked">({labels["checked"]} {dates}{unconfirmed})</span></li>')


def indent(text: str, spaces: int = 2) -> str:
    """Every line of ``text`` indented: the generated files are read and edited by people."""
    return "\n".join(" " * spaces + line if line else line for line in text.split("\n"))


def document(language: str, title: str, style: str, body: str) -> str:
    """A self-contained page: palette, styles and icons inline, nothing loaded from elsewhere, no script."""
    return (f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>\n{palette_css()}\n{style}\n</style>\n</head>\n"
            f"<body>\n{icon_defs()}\n{body}\n</body>\n</html>\n")


# --- the handout ---------------------------------------------------------------------------------------------------


def columns(count: int) -> int:
    """Boxes per row for a route of ``count`` steps: up to four in one row, else three or four per row,
    whichever leaves fewer empty cells (an empty cell is paper lost on a one-page handout)."""
    if count <= 4:
        return max(count, 1)
    return min((3, 4), key=lambda width: (-count % width, width))


def arrow(index: int, count: int, width: int) -> str:
    """Where the arrow out of box ``index`` points: rows run alternately left and right (a snake), so every
    arrow joins two neighbouring boxes and the last box of a row leads straight down to the next one."""
    row, position = divmod(index, width)
    if index == count - 1:
        return "end"
    if position == width - 1:
        return "down"
    return "right" if row % 2 == 0 else "left"


def grid_area(index: int, width: int) -> str:
    """The box's cell: odd rows fill right to left, so the snake never jumps back across the page."""
    row, position = divmod(index, width)
    column = position + 1 if row % 2 == 0 else width - position
    return f"grid-area: {row + 1} / {column}"


def route_diagram(route, language: str) -> str:
    """The route as an ordered list (read in order without the styles) laid out as a snake of boxes."""
    count, width = len(route.steps), columns(len(route.steps))
    boxes = [f'<li class="step to-{arrow(i, count, width)}" style="{grid_area(i, width)}">\n'
             f"{indent(step_what(n, step, language))}\n{indent(box_facts(step, language))}\n</li>"
             for i, (n, step) in enumerate(route.numbered())]
    return (f'<h3>{escape(pick(route.title, language))}</h3>\n<ol class="route cols-{width}">\n'
            + "\n".join(boxes) + "\n</ol>")


def timeline(route, language: str) -> str:
    """The route's deadlines in step order on a line, each under a marker with its step number."""
    items = [f"<li>{mark(n)}<br>{escape(text)}</li>" for n, text in deadlines(route, language)]
    label = escape(f'{LABELS[language]["deadlines"]}: {pick(route.title, language)}', quote=True)
    width = f"cols-{columns(len(items))}"
    return f'<ol class="timeline {width}" aria-label="{label}">\n' + "\n".join(items) + "\n</ol>" if items else ""


def route_block(route, language: str) -> str:
    """A route's diagram with its timeline right under it: what to do, then by when."""
    return "\n".join(filter(None, (route_diagram(route, language), timeline(route, language))))


def where_to_turn(routes, language: str) -> str:
    """The authorities of the routes, then the sources any reader may use; one tinted block, run-in lists."""
    labels = LABELS[language]
    own = "\n".join(contact_item(text, numbers, language) for text, numbers in authorities(routes, language))
    general = "\n".join(source_item(source, language) for source in GENERAL_SOURCES)
    own_block = f'<h3>{labels["from_route"]}</h3>\n<ul class="named">\n{own}\n</ul>\n' if own else ""
    return f'<div class="turn">\n{own_block}<h3>{labels["always"]}</h3>\n<ul class="named">\n{general}\n</ul>\n</div>'


def section(name: str, title: str, body: str) -> str:
    return f"<section>\n{heading('h2', name, title)}\n{body}\n</section>" if body else ""


def handout_body(module, routes, language: str) -> list:
    """Outcomes, routes with their timelines, where to turn, norms: a section is left out when it has nothing."""
    labels = LABELS[language]
    outcomes = "\n".join(f"<li>{escape(o)}</li>" for o in (module.outcomes or {}).get(language, []))
    route_blocks = "\n".join(route_block(route, language) for route in routes)
    norms = "\n".join(act_item(norms, language) for norms in by_act(cited(routes)))
    return [
        section("target", labels["outcomes"], outcomes and f'<ul class="outcomes">\n{outcomes}\n</ul>'),
        section("route", labels["route"], route_blocks),
        section("signpost", labels["turn"], where_to_turn(routes, language)),
        section("book", labels["norms"], norms and f'<ul class="norms">\n{norms}\n</ul>'),
    ]


def handout_html(module, language: str) -> str:
    """The module's handout in ``language`` (the course build's language), printable on A4."""
    title, routes = pick(module.title, language), module_routes(module)
    header = (f'<header>\n<p class="kicker">{icon("route")} {LABELS[language]["kicker"]}</p>\n'
              f"<h1>{escape(title)}</h1>\n</header>")
    parts = [header, *filter(None, handout_body(module, routes, language)),
             f'<footer>{LABELS[language]["numbers"]} {LABELS[language]["note"]}</footer>']
    style = f":root {{ --size: {BODY_PT}pt; }}\n{STYLE}"
    return document(language, title, style, "<main>\n" + "\n".join(parts) + "\n</main>")

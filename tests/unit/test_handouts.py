"""The printable module handout: the route as numbered boxes in order, every deadline on the timeline, where to
turn, the norms with their official links, a palette that passes WCAG AA, both languages, well-formed HTML."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import html as lxml_html

from course_tools import handouts, slides
from course_tools.handouts import (
    GROUNDS,
    INKS,
    LABELS,
    arrow,
    authorities,
    authority_name,
    cited,
    columns,
    deadlines,
    grid_area,
    handout_html,
    lead,
    local_date,
    module_routes,
    plain,
)
from course_tools.source import SourceError, load_module
from legal_basics_xblock.content import registry
from legal_basics_xblock.content.text import pick

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("kk", "ru")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CASES = ("pkg:case_whatsapp_dismissal", "pkg:case_consumer_return", "pkg:case_akimat_silence",
         "pkg:trial_reinstatement")


def make_module(tmp_path: Path, cases=CASES, quiz="pkg:quiz_labour", module_id="h1"):
    """A module of packaged blocks (three cases, a mock trial, a pre-test before the module quiz), so the tests
    do not move when the course's own modules are edited."""
    units = [{"id": f"{module_id}_c{i}", "title": {"kk": f"Кейс {i}", "ru": f"Кейс {i}"}, "block": block}
             for i, block in enumerate(cases, 1)]
    sections = [
        {"id": f"{module_id}_pre", "title": {"kk": "Алдын ала", "ru": "Пре-тест"},
         "units": [{"id": f"{module_id}_pre_q", "title": {"kk": "Т", "ru": "Т"}, "block": "pkg:quiz_rights_pretest"}]},
        {"id": f"{module_id}_cases", "title": {"kk": "Кейстер", "ru": "Кейсы"}, "format": "Case study",
         "units": units},
    ]
    if quiz:
        sections.append({"id": f"{module_id}_check", "title": {"kk": "Тест", "ru": "Тест"}, "format": "Module quiz",
                         "units": [{"id": f"{module_id}_q", "title": {"kk": "Т", "ru": "Т"}, "block": quiz}]})
    manifest = {"id": module_id, "title": {"kk": "5. Еңбек құқығы", "ru": "5. Трудовое право"},
                "hours": {"contact": 2, "self": 4},
                "outcomes": {"kk": ["Мерзімдерді есептей алады."], "ru": ["Считает сроки."]}, "sections": sections}
    folder = tmp_path / "modules" / module_id
    folder.mkdir(parents=True)
    (folder / "module.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return load_module(tmp_path, module_id)


class Balance(HTMLParser):
    """Every element closed, in order: what a browser, an editor and a later edit rely on."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1][0] == tag:
            self.stack.pop()
        else:
            self.errors.append(f"</{tag}> at {self.getpos()} closes {self.stack[-1] if self.stack else 'nothing'}")


def well_formed(page: str) -> list:
    parser = Balance()
    parser.feed(page)
    parser.close()
    return parser.errors + [f"<{tag}> at {pos} never closed" for tag, pos in parser.stack]


def tree(page: str):
    return lxml_html.document_fromstring(page)


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""
    def luminance(colour):
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def module(tmp_path):
    return make_module(tmp_path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_route_has_one_box_per_step_in_order_with_where_and_documents(module, language):
    page = tree(handout_html(module, language))
    routes = module_routes(module)
    diagrams = page.xpath('//ol[contains(@class, "route")]')
    assert len(diagrams) == len(routes) == 4
    for diagram, route in zip(diagrams, routes):
        boxes = diagram.xpath("./li")
        assert [int(box.xpath('.//span[@class="n"]')[0].text) for box in boxes] == [n for n, _ in route.numbered()]
        for box, (_, step) in zip(boxes, route.numbered()):
            text = text_of(box)
            assert " ".join(lead(pick(step.text, language)).split()) in text
            assert " ".join(pick(step.authority, language).split()) in text, "the authority word for word"
            assert " ".join(pick(step.documents, language).split()) in text
    numbers = [int(n.text) for n in page.xpath('//ol[contains(@class, "route")]//span[@class="n"]')]
    assert numbers == list(range(1, len(numbers) + 1)), "numbered on across the routes, so the timeline can refer"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_timeline_lists_every_deadline_in_full_under_its_step_number(module, language):
    page = tree(handout_html(module, language))
    for route, line in zip(module_routes(module), page.xpath('//ol[contains(@class, "timeline")]')):
        expected = [(n, " ".join(text.split())) for n, text in deadlines(route, language)]
        items = [(int(item.xpath('.//span[@class="mark"]')[0].text_content()), text_of(item)) for item in line]
        assert [n for n, _ in items] == [n for n, _ in expected]
        assert all(text.endswith(deadline) for (_, text), (_, deadline) in zip(items, expected))
    assert len(page.xpath('//ol[contains(@class, "timeline")]/li')) == sum(
        len(deadlines(route, language)) for route in module_routes(module))


@pytest.mark.parametrize("language", LANGUAGES)
def test_where_to_turn_names_the_plans_authorities_and_the_general_sources(module, language):
    page = handout_html(module, language)
    for name, numbers in authorities(module_routes(module), language):
        assert name in page and f"{LABELS[language]['steps']}: {', '.join(map(str, numbers))}" in page
    assert 'href="https://eotinish.kz"' in page
    assert f'href="https://adilet.zan.kz/{"kaz" if language == "kk" else "rus"}"' in page
    assert 'href="tel:1414"' in page


def test_the_1414_line_is_there_only_because_the_course_source_gives_it():
    """No phone number of our own: 1414 is the contact centre the m03 refusal case sends a learner to."""
    sources = [*(ROOT / "course_export").rglob("*.xml"), *(ROOT / "legal_basics_xblock" / "scenarios").glob("*.xml")]
    assert any("1414" in path.read_text(encoding="utf-8") for path in sources)
    numbers = {re.sub(r"\D", "", href) for _, hrefs, _ in handouts.GENERAL_SOURCES for href in hrefs.values()
               if href.startswith("tel:")}
    assert numbers == {"1414"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_norms_link_the_official_text_in_the_page_language_with_the_date_checked(module, language):
    page = handout_html(module, language)
    ids = cited(module_routes(module))
    assert ids
    for norm_id in ids:
        norm = registry.norms()[norm_id]
        assert f'href="{norm.url(language)}"' in page
        assert ("/kaz/" if language == "kk" else "/rus/") in norm.url(language)
        assert local_date(norm.checked) in page


def test_every_colour_pair_passes_wcag_aa_so_greyscale_keeps_the_contrast():
    """Greyscale printing keeps (roughly) the relative luminance, so a pair readable in colour stays readable."""
    for ink in INKS.values():
        for ground in GROUNDS.values():
            assert contrast(ink, ground) >= 4.5, (ink, ground)
        assert contrast(GROUNDS["paper"], ink) >= 4.5, "white text on a filled badge"


@pytest.mark.parametrize("style", [handouts.STYLE, slides.STYLE])
def test_pages_use_only_the_palette_and_print_backgrounds(style):
    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b", style), "colours come from the palette only"
    used = set(re.findall(r"var\(--([a-z-]+)", style))
    assert used <= {*INKS, *GROUNDS, "size", "w", "u"}
    assert "print-color-adjust: exact" in style and "-webkit-print-color-adjust: exact" in style


@pytest.mark.parametrize("language", LANGUAGES)
def test_cues_never_rest_on_colour_alone(module, language):
    page = tree(handout_html(module, language))
    for fact in page.xpath('//p[@class="fact"]'):
        assert fact.xpath("./svg/use") and fact.xpath("./b"), "an icon and a written label"
    for mark in page.xpath('//span[@class="mark"]'):
        assert mark.xpath("./svg/use") and mark.text_content().strip().isdigit()
    assert all(section.xpath("./h2/svg/use") for section in page.xpath("//main/section"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_self_contained_a4_page_per_language(module, language):
    page = handout_html(module, language)
    assert page.startswith("<!DOCTYPE html>") and f'<html lang="{language}">' in page
    assert "@page { size: A4;" in page
    assert not well_formed(page), well_formed(page)
    assert "<script" not in page and "<link" not in page and " src=" not in page
    other = LABELS["ru" if language == "kk" else "kk"]
    assert LABELS[language]["route"] in page and other["route"] not in page and other["note"] not in page


def test_the_type_stays_readable_whatever_the_module_length(module):
    page = handouts.handout_html(module, "ru")
    assert f"--size: {handouts.BODY_PT}pt" in page and handouts.BODY_PT >= 9


def test_a_module_without_cases_still_gets_its_outcomes_and_the_general_sources(tmp_path):
    module = make_module(tmp_path, cases=())
    page = handout_html(module, "kk")
    assert "Мерзімдерді есептей алады." in page and "eotinish.kz" in page
    assert 'class="route' not in page and not well_formed(page)


@pytest.mark.parametrize("count, width", [(n, w) for n in range(1, 14) for w in (2, 3, 4)])
def test_the_snake_joins_each_box_to_the_next_by_one_arrow_to_a_neighbour(count, width):
    cells = [tuple(map(int, re.findall(r"\d+", grid_area(i, width)))) for i in range(count)]
    assert len(set(cells)) == count
    moves = {(0, 1): "right", (0, -1): "left", (1, 0): "down"}
    for i in range(count - 1):
        step = (cells[i + 1][0] - cells[i][0], cells[i + 1][1] - cells[i][1])
        assert moves.get(step) == arrow(i, count, width), (i, cells)
    assert arrow(count - 1, count, width) == "end"


def test_rows_leave_few_empty_cells():
    assert [columns(n) for n in range(1, 10)] == [1, 2, 3, 4, 3, 3, 4, 4, 3]


def test_text_helpers():
    assert lead("<p>Проверьте основание. Сокращение — по ст. 52 ТК. Третье.</p>", 25) == \
        "Проверьте основание. Сокращение — по ст. 52 ТК."
    assert authority_name("Работодатель: заявление в двух экземплярах. Потом — суд") == "Работодатель"
    assert authority_name("Суд (ст. 5 ГПК). Затем") == "Суд (ст. 5 ГПК)"
    assert local_date("2026-12-07") == "07.12.2026" and local_date("") == ""
    assert plain("<b>a &amp; b</b>") == "a & b"


@pytest.mark.parametrize("module_id", sorted(p.name for p in (ROOT / "course_export" / "modules").iterdir()
                                             if (p / "module.json").is_file()))
def test_every_course_module_gives_a_well_formed_handout_in_both_languages(module_id):
    try:
        module = load_module(ROOT / "course_export", module_id)
        pages = [handout_html(module, language) for language in LANGUAGES]
    except SourceError as exc:  # a module whose files are still being written: the build reports it
        pytest.skip(f"{module_id}: {exc}")
    for page in pages:
        assert not well_formed(page), well_formed(page)

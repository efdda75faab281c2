"""The master-class deck: a slide per section in the programme's order, every step of every route in order,
every deadline, self-check questions from the quiz's stems and never from its answers, both languages,
well-formed and printable one slide a landscape page; the build links each deck beside its handout."""

from __future__ import annotations

import re
import tarfile
from pathlib import Path

import pytest

from course_tools import slides
from course_tools.archive import write_tarball
from course_tools.build import CourseBuilder
from course_tools.handouts import LABELS, case_scenarios, cited, deadlines, first_scene, module_routes, parsed, plain
from course_tools.slides import (
    SLIDE_LABELS,
    first_paragraph,
    lines,
    pack,
    paginate,
    quiz_stems,
    quiz_units,
    slides_html,
    spread,
)
from legal_basics_xblock.content import registry
from legal_basics_xblock.content.text import pick
from tests.unit.test_handouts import LANGUAGES, make_module, text_of, tree, well_formed

COURSE = {"kk": "Құқық негіздері", "ru": "Основы права"}
FIXTURE_SOURCE = Path(__file__).resolve().parents[1] / "fixtures" / "course_src"


@pytest.fixture
def module(tmp_path):
    return make_module(tmp_path)


def deck(module, language):
    return slides_html(module, COURSE, language)


def sections(page):
    return tree(page).xpath('//section[contains(@class, "slide")]')


def kinds(page) -> list:
    return [next(c for c in s.get("class").split() if c.startswith("slide-")) for s in sections(page)]


def answer_texts(module, language, choices: bool = True) -> list:
    """What of the quiz a learner must not see before answering: the choices (unless ``choices`` is false: a
    choice such as "14 календарных дней" may also be a case's deadline), feedback, hints and explanations."""
    texts = []
    for question in parsed(module, quiz_units(module)[0], "quiz")["questions"]:
        for key in ("choices", "steps", "pairs", "distractors"):
            for option in question.get(key, ()):
                texts.append(pick(option.get("feedback"), language))
                texts += [pick(option.get("text"), language), pick(option.get("prompt"), language)] if choices else []
        texts += [pick(hint, language) for hint in question.get("hints", ())]
        texts.append(pick(question.get("explanation"), language))
    return [" ".join(plain(t).split()) for t in texts if t]


@pytest.mark.parametrize("language", LANGUAGES)
def test_slides_follow_the_programme_order(module, language):
    found = kinds(deck(module, language))
    assert found[0] == "slide-cover" and found[1] == "slide-outcomes" and found[-1] == "slide-closing"
    middle = [k for k in found if k in ("slide-situation", "slide-route")]
    assert middle[0] == "slide-situation" and middle.count("slide-situation") == len(case_scenarios(module))
    order = ["slide-deadlines", "slide-contacts", "slide-norms", "slide-closing"]
    tail = [k for k in found if k in order]
    assert tail == sorted(tail, key=order.index) and set(tail) == set(order)


@pytest.mark.parametrize("language", LANGUAGES)
def test_cover_and_situations_come_from_the_module_and_its_cases(module, language):
    slides_ = sections(deck(module, language))
    cover = text_of(slides_[0])
    assert pick(module.title, language) in cover and COURSE[language] in cover
    assert SLIDE_LABELS[language]["programme"] in cover
    situations = [s for s in slides_ if "slide-situation" in s.get("class")]
    for slide, (unit, scenario) in zip(situations, case_scenarios(module)):
        assert pick(unit.title, language) in text_of(slide)
        story = " ".join(plain(first_paragraph(pick(first_scene(scenario).body, language))).split())
        assert story and story in text_of(slide)
        assert len(slide.xpath('.//div[@class="story"]/p')) <= 1, "the first paragraph only"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_step_is_on_a_route_slide_once_in_order_with_where_when_and_documents(module, language):
    page = tree(deck(module, language))
    boxes = page.xpath('//section[contains(@class, "slide-route")]//li[@class="step"]')
    steps = [pair for route in module_routes(module) for pair in route.numbered()]
    assert [int(box.xpath('.//span[@class="n"]')[0].text) for box in boxes] == [n for n, _ in steps]
    for box, (_, step) in zip(boxes, steps):
        for field in ("authority", "deadline", "documents"):
            assert " ".join(pick(getattr(step, field), language).split()) in text_of(box)
    assert all(len(s.xpath('.//li[@class="step"]')) <= 3 for s in page.xpath('//section[contains(@class, "route")]'))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_deadline_slides_list_every_deadline(module, language):
    page = tree(deck(module, language))
    items = page.xpath('//section[contains(@class, "slide-deadlines")]//ol[@class="timeline"]/li')
    expected = [(n, text) for route in module_routes(module) for n, text in deadlines(route, language)]
    assert len(items) == len(expected)
    for item, (n, text) in zip(items, expected):
        assert text_of(item) == f"{n} {' '.join(text.split())}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_norms_and_contacts_are_on_the_deck(module, language):
    page = deck(module, language)
    for norm_id in cited(module_routes(module)):
        assert f'href="{registry.norms()[norm_id].url(language)}"' in page
    assert "eotinish.kz" in page and "adilet.zan.kz" in page and LABELS[language]["turn"] in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_self_check_takes_three_stems_of_the_module_quiz_and_no_answer(module, language):
    page = deck(module, language)
    closing = sections(page)[-1]
    questions = closing.xpath(".//ol/li")
    assert len(questions) == len(quiz_stems(module, language)) == 3
    quiz = parsed(module, quiz_units(module)[0], "quiz")["questions"]
    all_stems = [" ".join(plain(pick(q["stem"], language)).split()) for q in quiz]
    assert all(text_of(question) in all_stems for question in questions), "stems of the module quiz, not the pre-test"
    assert not leaks(text_of(closing), answer_texts(module, language)), "no choice, hint or feedback with its stem"
    explained = answer_texts(module, language, choices=False)
    assert explained and not leaks(" ".join(plain(page).split()), explained), "no feedback or explanation anywhere"


def leaks(text: str, answers: list) -> list:
    """Answers found in ``text``, from 12 characters on: "Нет" or "Да" would match anything."""
    return [answer for answer in answers if len(answer) >= 12 and answer in text]


def test_the_answer_check_would_catch_a_leak(module, monkeypatch):
    """The leak test is only worth something if it fails when an answer does reach the slides."""
    answer = answer_texts(module, "ru", choices=False)[0]
    monkeypatch.setattr(slides, "quiz_stems", lambda *_args, **_kw: [answer])
    closing = sections(deck(module, "ru"))[-1]
    assert leaks(text_of(closing), [answer])


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_self_contained_well_formed_deck_per_language(module, language):
    page = deck(module, language)
    assert page.startswith("<!DOCTYPE html>") and f'<html lang="{language}">' in page
    assert not well_formed(page), well_formed(page)
    assert "<script" not in page and not re.search(r"<[^>]+\son[a-z]+=", page), "no script at all"
    assert "@page { size: A4 landscape; margin: 0; }" in page and "break-after: page" in page
    assert "aspect-ratio" not in page and "0.5625" in page, "16:9 on screen"
    other = SLIDE_LABELS["ru" if language == "kk" else "kk"]
    assert SLIDE_LABELS[language]["discuss"] in page and other["discuss"] not in page
    assert all(line == line.rstrip() for line in page.splitlines()), "clean to edit by hand"
    assert page.count('<section class="slide') == page.count("</section>")


def test_footer_numbers_every_slide(module):
    numbers = [s.xpath("./footer/span")[-1].text for s in sections(deck(module, "kk"))]
    assert numbers == [f"{i}/{len(numbers)}" for i in range(1, len(numbers) + 1)]


def test_no_deck_for_a_module_without_cases(tmp_path):
    assert slides_html(make_module(tmp_path, cases=()), COURSE, "ru") == ""


def test_without_a_quiz_the_closing_slide_still_points_to_the_handout(tmp_path):
    module = make_module(tmp_path, cases=("pkg:case_whatsapp_dismissal",), quiz="")
    closing = sections(deck(module, "ru"))[-1]
    assert "handout_h1_ru.html" in text_of(closing)
    assert len(closing.xpath(".//ol/li")) == 3, "falls back to the pre-test's stems"


def test_the_build_writes_a_deck_beside_each_handout_and_links_it(tmp_path):
    target = tmp_path / "elective-ru.tar.gz"
    write_tarball(CourseBuilder(FIXTURE_SOURCE, "elective", "ru").build(), target)
    with tarfile.open(target) as tar:
        names = tar.getnames()
        index = tar.extractfile("course/info/handouts.html").read().decode()
    assert "course/static/slides_a1_ru.html" in names and "course/static/slides_a2_ru.html" not in names
    line = next(line for line in index.splitlines() if "handout_a1_ru.html" in line)
    assert '/static/slides_a1_ru.html">Слайды мастер-класса</a>' in line


def test_pagination_helpers():
    assert spread(list(range(12)), 3) == [0, 6, 11] and spread([1, 2], 3) == [1, 2]
    assert paginate([3, 3, 3, 9, 20], lambda n: n, 10) == [[3, 3, 3], [9], [20]]
    steps = [(n, n) for n in (1, 2, 3, 4, 5)]
    assert pack(steps, lambda step, boxes: boxes <= 3) == [steps[:3], steps[3:]]
    assert pack(steps, lambda step, boxes: boxes == 1 or step != 3) == [steps[:2], steps[2:3], steps[3:]]
    assert lines("один два три четыре", 9) == 3 and lines("", 10) == 1
    assert first_paragraph("<p>Один.</p><p>Два.</p>") == "<p>Один.</p>" and first_paragraph("Текст") == "Текст"

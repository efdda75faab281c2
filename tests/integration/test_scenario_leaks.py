"""No untaken consequence, future node, ending or brief leaves the server, for every
case-study and mock-trial scenario, in kk and ru, at the start and after each step of a walk.
A draft's explanations, option feedback and right options stay on the server until it is submitted
(the walk submits drafts with random answers)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from lxml import etree

from legal_basics_xblock.scenarios import scenario_files

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "olx"
SOURCES = [*scenario_files("case_"), *scenario_files("trial_"), FIXTURES / "case_small.xml",
           FIXTURES / "trial_small.xml", FIXTURES / "case_draft.xml"]
TYPED = ["01.12.2026", "Алия Сапарова", "<b>x</b>", "04-12/1187"]


def block_xml(path: Path) -> str:
    root = etree.fromstring(path.read_bytes())
    block = root if root.tag != "vertical_demo" else next(el for el in root if isinstance(el.tag, str))
    return etree.tostring(block, encoding="unicode")


def norm(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def texts(element, tag: str, lang: str) -> set:
    return {norm(etree.tostring(e, encoding="unicode", method="text")) for e in element.iter(tag)
            if e.get("lang") == lang}


def draft_texts(element, lang: str, *tags: str) -> set:
    return set().union(*(texts(element, tag, lang) for tag in tags)) if element.tag == "draft" else set()


def allowed_at(root, lang: str, node_id: str, taken: set, own_role: str) -> set:
    """Texts the learner may see: the current node (a draft's form) and the consequences of choices taken
    and drafts submitted."""
    allowed = set()
    for element in root:
        if element.get("id") == node_id:
            allowed |= texts(element, "body", lang) | texts(element, "step", lang)
            allowed |= draft_texts(element, lang, "label", "text", "placeholder", "heading")
        if (element.get("id"), "draft") in taken:
            allowed |= draft_texts(element, lang, "label", "text", "feedback", "explanation", "heading")
        if element.tag == "scene":
            for choice in element.iter("choice"):
                if (element.get("id"), choice.get("id")) in taken:
                    allowed |= texts(choice, "feedback", lang) | texts(choice, "message", lang)
        if element.tag == "role" and element.get("id") == own_role:
            allowed |= texts(element, "brief", lang)
    return allowed


def secrets_at(root, lang: str, node_id: str, taken: set, own_role: str) -> set:
    """Texts that must not be visible when the learner stands at ``node_id`` (identical texts
    that the learner is allowed to see elsewhere are not secrets)."""
    hidden = set()
    for element in root:
        if element.tag == "ending" and element.get("id") != node_id:
            hidden |= texts(element, "body", lang) | texts(element, "step", lang)
        if element.tag in ("scene", "ending", "draft") and element.get("id") != node_id:
            hidden |= texts(element, "body", lang) | draft_texts(element, lang, "text", "heading")
        if element.tag == "draft" and (element.get("id"), "draft") not in taken:
            hidden |= draft_texts(element, lang, "feedback", "explanation")
        if element.tag == "scene":
            for choice in element.iter("choice"):
                if (element.get("id"), choice.get("id")) not in taken:
                    hidden |= texts(choice, "feedback", lang) | texts(choice, "message", lang)
        if element.tag == "role" and element.get("id") != own_role:
            hidden |= texts(element, "brief", lang)
        if element.tag in ("stage",):
            hidden |= texts(element, "script", lang)
        if element.tag in ("criterion",) and element.get("lang") == lang:
            hidden.add(norm(element.text or ""))
    allowed = allowed_at(root, lang, node_id, taken, own_role)
    return {h for h in hidden if len(h) >= 16 and h not in allowed}


def visible(payload: str) -> str:
    return norm(payload)


def walk_and_check(learner, root, lang: str, seed: int) -> None:
    rng = random.Random(seed)
    html = learner.html()
    role_buttons = re.findall(r'data-role="([a-z0-9]+)"', html)
    own_role = ""
    if role_buttons:
        status, reply = learner.call("choose_role", {"role": rng.choice(role_buttons)})
        assert status == 200
        own_role = learner.state()["learner"]["progress"]["role"]
        html = reply["html"]
    taken = set()
    for _ in range(40):
        progress = learner.state()["learner"].get("progress", {})
        node_id = progress.get("node") or root.get("start", "")
        for payload in (html, json.dumps(learner.refresh().student_view_data(), ensure_ascii=False)):
            shown = visible(payload)
            for secret in secrets_at(root, lang, node_id, taken, own_role):
                assert secret not in shown, f"leak at {node_id}: {secret[:70]}"
            for marker in ('"target"', "'target'", '"credit"', '"points"', "late_target", '"correct"', "correct=",
                           '"pattern"'):
                assert marker not in payload
            if not any(step == "draft" for _node, step in taken):  # the outcome of a submitted draft explains
                assert '"explanation"' not in payload
        tokens = re.findall(r'data-choice="([a-z0-9]+)"', html)
        if re.search(r'data-draft="([a-z0-9]+)"', html):
            status, reply = learner.call("submit_draft", random_draft(html, rng))
        elif tokens:
            status, reply = learner.call("choose", {"choice": rng.choice(tokens)})
        else:
            return
        assert status == 200, reply
        last = learner.state()["learner"]["progress"]["path"][-1]
        taken.add((last["node"], last.get("choice", "draft")))
        html = reply["html"]


def random_draft(html: str, rng: random.Random) -> dict:
    """A submit_draft body with a random option for each choice part and a typed text for each text part."""
    parts = {}
    for part in re.findall(r'data-part="([a-z0-9]+)"(.*?)(?=data-part=|<div class="lb-draft__submit")', html, re.S):
        options = re.findall(r'type="radio" name="[^"]+" value="([a-z0-9]+)"', part[1])
        parts[part[0]] = rng.choice(options) if options else rng.choice(TYPED)
    return {"draft": re.search(r'data-draft="([a-z0-9]+)"', html).group(1), "parts": parts}


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_random_walks_reveal_only_what_was_reached(workbench, source, lang):
    xml = block_xml(source)
    root = etree.fromstring(xml.encode("utf-8"))
    usage = workbench.load(xml)
    for walk in range(3):
        learner = workbench.learner(usage, f"walk-{lang}-{walk}")
        assert learner.call("set_language", {"language": lang})[0] == 200
        walk_and_check(learner, root, lang, seed=walk)

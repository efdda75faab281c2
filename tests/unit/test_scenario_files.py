"""Every shipped workbench scenario parses, validates strictly and round-trips exactly;
the scenario OLX round trip on the test fixtures too."""

from __future__ import annotations

import pytest
from lxml import etree

from legal_basics_xblock.content.validate import validate_quiz
from legal_basics_xblock.content.validate_scenario import validate_scenario
from legal_basics_xblock.olx.quiz import parse_quiz, serialize_quiz
from legal_basics_xblock.olx.safe_xml import parse_xml
from legal_basics_xblock.olx.scenario import parse_scenario, serialize_scenario
from legal_basics_xblock.scenarios import scenario_files
from tests.conftest import FIXTURES

KINDS = {
    "legal_quiz": (parse_quiz, serialize_quiz, validate_quiz),
    "legal_case_study": (parse_scenario, serialize_scenario, validate_scenario),
    "legal_mock_trial": (parse_scenario, serialize_scenario, validate_scenario),
}
FILES = [*scenario_files(), *sorted((FIXTURES / "olx").glob("*.xml"))]


def block_of(path):
    root = parse_xml(path.read_bytes())
    return root if root.tag != "vertical_demo" else next(el for el in root if isinstance(el.tag, str))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_scenario_is_valid_and_round_trips(path):
    element = block_of(path)
    parse, serialize, validate = KINDS[element.tag]
    document, attributes, _ = parse(element)
    strict = path.parent.name == "scenarios"
    errors = [i.format(source=path.name) for i in validate(document, attributes, strict=strict) if i.is_error]
    assert errors == []
    node = etree.Element(element.tag, {k: v for k, v in attributes.items()})
    serialize(node, document)
    text = etree.tostring(node, encoding="unicode")
    again, attributes_again, _ = parse(parse_xml(text))
    assert again == document
    node2 = etree.Element(element.tag, attributes_again)
    serialize(node2, again)
    assert etree.tostring(node2, encoding="unicode") == text


def test_shipped_scenarios_cover_every_block():
    tags = {block_of(path).tag for path in scenario_files()}
    assert {"legal_quiz"} <= tags

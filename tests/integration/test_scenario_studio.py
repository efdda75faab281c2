"""Studio editing of case studies and mock trials: map, settings save, XML save, validation."""

from __future__ import annotations

import re

import pytest

from tests.conftest import fixture_xml

pytestmark = pytest.mark.django_db


def studio_html(learner) -> str:
    return learner.refresh().render("studio_view", {}).content


@pytest.mark.parametrize("fixture", ["case_small.xml", "trial_small.xml"])
def test_editor_shows_settings_map_and_olx(workbench, fixture):
    staff = workbench.learner(workbench.load(fixture_xml(fixture)), "staff-author")
    html = studio_html(staff)
    assert 'data-tab="map"' in html and 'data-tab="xml"' in html and 'data-role="settings"' in html
    assert "<code>won</code>" in html or "<code>won</code>" in html.replace("&lt;", "<")
    assert "lb-map__node--problem" not in html
    assert "&lt;scene id=&quot;" in html or "&lt;scene id=" in html


def test_map_flags_unreachable_and_dead_end_nodes(workbench):
    staff = workbench.learner(workbench.load(fixture_xml("case_small.xml")), "staff-map")
    block = staff.refresh()
    document = block.scenario
    document["nodes"].append({"id": "orphan", "kind": "scene", "body": {"kk": "o", "ru": "o"},
                              "choices": [{"id": "x", "label": {"kk": "x", "ru": "x"}, "target": "orphan"}]})
    block.store_content(document)
    block.save()
    html = studio_html(staff)
    orphan = html[html.index("<code>orphan</code>"):]
    assert "lb-map__problem" in orphan[:800]


def test_settings_save_keeps_the_scenario(workbench):
    staff = workbench.learner(workbench.load(fixture_xml("case_small.xml")), "staff-settings")
    before = staff.refresh().scenario
    payload = {"settings": {"max_attempts": 5, "scoring": "ending"}, "content": before}
    status, reply = staff.call("studio_save", payload)
    assert status == 200 and reply["saved"]
    block = staff.refresh()
    assert block.option("max_attempts") == 5 and block.scenario == before


def test_xml_save_validates_and_changes_nothing_on_error(workbench):
    staff = workbench.learner(workbench.load(fixture_xml("case_small.xml")), "staff-xml")
    block = staff.refresh()
    good = block.export_olx()
    bad = good.replace('target="won"', 'target="nowhere"')
    before = (block.scenario, block.options)
    status, reply = staff.call("studio_save_xml", {"xml": bad})
    assert status == 400 and '"nowhere"' in reply["error"] and re.search(r"olx:\d+", reply["error"])
    block = staff.refresh()
    assert (block.scenario, block.options) == before
    status, reply = staff.call("studio_save_xml", {"xml": good.replace("CONSEQUENCE-ASK-KK", "NEW-CONSEQUENCE-KK")})
    assert status == 200
    assert "NEW-CONSEQUENCE-KK" in staff.refresh().export_olx()


def test_learners_cannot_save(workbench):
    learner = workbench.learner(workbench.load(fixture_xml("trial_small.xml")), "student-y")
    status, _ = learner.call("studio_save_xml", {"xml": learner.refresh().export_olx()})
    assert status == 403

"""Regression tests for the attack run: each finding reproduced, each now refused cleanly."""

from __future__ import annotations

import copy
import io
import shutil
import tarfile

import pytest
from lxml import etree

from course_tools.validate import validate_path
from legal_basics_xblock.content.sanitize import sanitize_html
from legal_basics_xblock.content.shape import MAX_OLX_BYTES
from tests.conftest import fixture_xml
from tests.integration.test_hostile_fuzz import deep, stored_state

pytestmark = pytest.mark.django_db


def staff_on(workbench, fixture: str, name: str):
    return workbench.learner(workbench.load(fixture_xml(fixture)), f"staff-{name}")


@pytest.mark.parametrize("fixture, handler", [
    ("quiz_all_kinds.xml", "submit"), ("quiz_all_kinds.xml", "hint"), ("quiz_all_kinds.xml", "studio_save"),
    ("case_small.xml", "choose"), ("case_small.xml", "back"), ("trial_small.xml", "choose_role"),
])
@pytest.mark.parametrize("opener", ["[", "{"])
def test_deeply_nested_json_is_a_400_not_a_500(workbench, fixture, handler, opener):
    learner = staff_on(workbench, fixture, f"deep-{handler}-{opener == '['}")
    before = stored_state()
    status, reply = learner.call(handler, None, raw=deep(5000, opener))
    assert status == 400 and reply["error"], reply
    assert stored_state() == before


@pytest.mark.parametrize("fixture, break_it, words", [
    ("quiz_all_kinds.xml", lambda d: d["questions"][0].update(stem="just a string"), 'stem'),
    ("quiz_all_kinds.xml", lambda d: d["questions"][0].update(points="many"), 'points'),
    ("trial_small.xml", lambda d: d["stages"][0].update(minutes="ten"), 'minutes'),
    ("case_small.xml", lambda d: d.update(max_steps="lots"), 'max_steps'),
    ("case_small.xml", lambda d: d["nodes"][0]["choices"][0].update(
        extra={"a": {"b": {"c": [[[{"d": 1}]]]}}}), 'extra'),
])
def test_malformed_studio_content_gets_a_validator_message_and_changes_nothing(workbench, fixture, break_it, words):
    staff = staff_on(workbench, fixture, f"bad-{words}")
    block = staff.refresh()
    document = copy.deepcopy(block.content_document())
    break_it(document)
    before = stored_state()
    status, reply = staff.call("studio_save", {"content": document, "settings": {}})
    assert status == 400 and words in reply["error"], reply
    assert stored_state() == before
    assert "<" in staff.html()  # still renders
    assert staff.refresh().studio_view({}).content


def test_a_view_of_damaged_stored_content_shows_a_notice_not_an_error(workbench):
    learner = workbench.learner(workbench.load(fixture_xml("quiz_all_kinds.xml")), "staff-damaged")
    block = learner.refresh()
    block.quiz = {"questions": [{"id": "q", "kind": "single", "choices": "not a list"}]}
    block.options = {**block.options, "content_hash": "damaged-by-an-old-version"}
    block.save()
    assert 'class="lb-unavailable"' in learner.html()
    assert 'class="lb-ed-damaged"' in learner.refresh().studio_view({}).content
    assert "error" in learner.refresh().student_view_data()


@pytest.mark.parametrize("fixture", ["quiz_all_kinds.xml", "case_small.xml"])
def test_void_tags_survive_save_editor_and_export(workbench, fixture):
    staff = staff_on(workbench, fixture, f"void-{fixture}")
    block = staff.refresh()
    document = copy.deepcopy(block.content_document())
    html = '<p>Line<br/>next</p><hr/><p><img src="/static/scale.png" alt="Таразы / Весы"/></p>'
    target = document["questions"][0]["stem"] if "questions" in document else document["nodes"][0]["body"]
    target.update(kk=html, ru=html)
    status, reply = staff.call("studio_save", {"content": document, "settings": {}})
    assert status == 200, reply
    block = staff.refresh()
    exported = block.export_olx()
    etree.fromstring(exported)  # well-formed XML, not HTML void tags
    assert "<br/>" in exported and "<hr/>" in exported and 'src="/static/scale.png"' in exported
    assert block.studio_view({}).content
    status, reply = staff.call("studio_save_xml", {"xml": exported})
    assert status == 200, reply


@pytest.mark.parametrize("src", ["javascript:alert(1)", "vbscript:msgbox(1)", "data:image/png;base64,AAAA",
                                 "JaVaScRiPt:alert(1)", "//evil.example/x.png", "/static/../../etc/passwd"])
def test_scene_images_take_only_http_or_static_addresses(workbench, src):
    staff = staff_on(workbench, "case_small.xml", f"img-{abs(hash(src))}")
    document = copy.deepcopy(staff.refresh().content_document())
    document["nodes"][0]["image"] = {"src": src, "alt": {"kk": "сурет", "ru": "рисунок"}}
    before = stored_state()
    status, reply = staff.call("studio_save", {"content": document, "settings": {}})
    assert status == 400 and "https://" in reply["error"], reply
    assert stored_state() == before
    assert src not in sanitize_html(f'<img src="{src}" alt="x"/>')


def test_scene_image_from_static_is_shown(workbench):
    staff = staff_on(workbench, "case_small.xml", "img-ok")
    document = copy.deepcopy(staff.refresh().content_document())
    document["nodes"][0]["image"] = {"src": "/static/court.png", "alt": {"kk": "сот", "ru": "суд"}}
    assert staff.call("studio_save", {"content": document, "settings": {}})[0] == 200
    assert 'src="/static/court.png"' in staff.html()


def test_olx_import_has_the_same_size_cap(workbench):
    staff = staff_on(workbench, "quiz_all_kinds.xml", "olx-cap")
    block = staff.refresh()
    node = etree.fromstring(block.export_olx())
    filler = "x" * (MAX_OLX_BYTES + 1)
    node.find(".//stem").text = filler
    with pytest.raises(ValueError, match="limit is"):
        block.read_olx(node, "big.xml")
    status, reply = staff.call("studio_save_xml", {"xml": etree.tostring(node, encoding="unicode")})
    assert status == 413 and reply["error"]


def _tarball(tmp_path, members: int, size: int) -> str:
    target = tmp_path / "bomb.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        info = tarfile.TarInfo("course/course.xml")
        data = b'<course url_name="r" org="o" course="c"/>'
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
        for number in range(members):
            info = tarfile.TarInfo(f"course/static/f{number}.bin")
            info.size = size
            tar.addfile(info, io.BytesIO(b"\0" * size))
    return target


def test_validator_refuses_an_archive_past_its_limits_before_extracting(tmp_path, monkeypatch):
    monkeypatch.setenv("LEGAL_OLX_MAX_MEMBERS", "50")
    report = validate_path(_tarball(tmp_path, 60, 10), olxcleaner_check=False)
    assert any("more than 50 files" in str(f) and "nothing was extracted" in str(f) for f in report.of("error"))
    monkeypatch.setenv("LEGAL_OLX_MAX_MEMBERS", "20000")
    monkeypatch.setenv("LEGAL_OLX_MAX_EXPANDED_MB", "1")
    report = validate_path(_tarball(tmp_path, 3, 600 * 1024), olxcleaner_check=False)
    assert any("1 MiB once expanded" in str(f) for f in report.of("error"))


@pytest.mark.parametrize("attribute", ['max_steps="many"', None])
def test_non_numeric_integers_in_a_scenario_are_a_finding_with_a_line(tmp_path, attribute):
    from tests.unit.test_course_tools import GOOD  # pylint: disable=import-outside-toplevel
    source = fixture_xml("trial_small.xml")
    if attribute:
        broken = source.replace("<legal_mock_trial ", f"<legal_mock_trial {attribute} ", 1)
    else:
        broken = source.replace('minutes="', 'minutes="ten', 1)
    course = tmp_path / "course"
    shutil.copytree(GOOD, course)
    vertical = course / "vertical" / "ch01_u02_quiz.xml"
    root = etree.parse(str(vertical)).getroot()
    root.append(etree.fromstring(broken.encode()))
    vertical.write_bytes(etree.tostring(root))
    errors = [str(f) for f in validate_path(course, olxcleaner_check=False).of("error")]
    assert any("whole number" in e and "line" in e for e in errors), errors

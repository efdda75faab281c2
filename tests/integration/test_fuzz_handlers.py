"""Handler fuzzing: any input gets 200 or a readable 4xx, and a 4xx changes nothing."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import fixture_xml

pytestmark = pytest.mark.django_db

HANDLERS = ["submit", "hint", "set_language", "reset", "finish", "show_answer_handler", "staff_reset",
            "studio_save", "studio_save_xml"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=20), children, max_size=5),
    max_leaves=25,
)
counter = itertools.count()


def assert_ok_or_refused_cleanly(learner, handler, payload) -> None:
    """200, or a 4xx with a readable message and the learner's state untouched."""
    before = learner.state()
    status, reply = learner.call(handler, payload)
    assert status in (200, 400, 403, 405, 409, 413), (status, reply)
    if status != 200:
        assert isinstance(reply.get("error"), str) and reply["error"].strip()
        assert learner.state() == before


@pytest.fixture(name="usage")
def _usage(workbench):
    return workbench.load(fixture_xml("quiz_all_kinds.xml"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(handler=st.sampled_from(HANDLERS), payload=json_values)
def test_random_json_never_breaks_state(workbench, usage, handler, payload):
    learner = workbench.learner(usage, f"fuzz{next(counter)}")
    assert_ok_or_refused_cleanly(learner, handler, payload)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.dictionaries(st.text(max_size=20), json_values, max_size=6))
def test_random_submissions_are_refused_cleanly(workbench, usage, answers):
    learner = workbench.learner(usage, f"sub{next(counter)}")
    before = learner.state()
    status, reply = learner.call("submit", {"answers": answers})
    assert status == 400 and reply["error"]
    assert learner.state() == before


@pytest.mark.parametrize("raw", [b"not json", b"\xff\xfe", b"[1, 2]", b'"text"', b"{" * 5000])
def test_malformed_bodies(workbench, usage, raw):
    learner = workbench.learner(usage, f"raw{next(counter)}")
    before = learner.state()
    status, reply = learner.call("submit", None, raw=raw)
    assert status == 400 and reply["error"]
    assert learner.state() == before


def test_huge_payload_is_refused_with_413(workbench, usage):
    learner = workbench.learner(usage, "huge")
    before = learner.state()
    status, reply = learner.call("submit", {"answers": {"x": "y" * 100_000}})
    assert status == 413 and reply["error"]
    assert learner.state() == before


def test_get_is_refused(workbench, usage):
    learner = workbench.learner(usage, "getter")
    status, _ = learner.call("submit", None, raw=b"", method="GET")
    assert status == 405


def test_replayed_submission_is_refused(workbench, usage):
    learner = workbench.learner(usage, "replay")
    html = learner.html()
    from tests.integration.test_quiz_flow import answer_everything
    payload = answer_everything(html)
    assert learner.call("submit", payload)[0] == 200
    before = learner.state()
    status, reply = learner.call("submit", payload)
    assert status == 409
    assert learner.state() == before
    assert json.dumps(before)


CASE_HANDLERS = ["choose", "back", "restart", "set_language", "choose_role", "studio_save", "studio_save_xml"]


@pytest.mark.parametrize("fixture", ["case_small.xml", "trial_small.xml"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(handler=st.sampled_from(CASE_HANDLERS), payload=json_values)
def test_random_json_never_breaks_scenario_state(workbench, fixture, handler, payload):
    if handler == "choose_role" and fixture.startswith("case"):
        handler = "choose"
    usage = workbench.load(fixture_xml(fixture))
    learner = workbench.learner(usage, f"cfuzz{next(counter)}")
    assert_ok_or_refused_cleanly(learner, handler, payload)

"""The knowledge-gain report from responses the real blocks recorded: simulated learners take the pre- and
post-test in the workbench, the blocks' own report rows become the CSV, and the instructor's script reads it."""

from __future__ import annotations

import csv
import re

import pytest

from course_tools.knowledge_gain import load_report
from scripts.simulate_cohort import simulate, write_csv
from tests.integration.test_reports_and_diagnostics import PRETEST

pytestmark = pytest.mark.django_db


def test_report_from_workbench_responses(workbench, tmp_path):  # pylint: disable=unused-argument
    rows = simulate(PRETEST, learners=12, seed=3)
    source = tmp_path / "problem-responses.csv"
    write_csv(rows, source)
    with open(source, encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    assert {r["Phase"] for r in written} == {"pre", "post"} and len({r["username"] for r in written}) == 12
    report = load_report([source])
    assert report.cohort.matched == len({r["username"] for r in written if r["Phase"] == "post"})
    assert report.cohort.mean_post > report.cohort.mean_pre, "the simulated course teaches something"
    from scripts.knowledge_gain import main  # pylint: disable=import-outside-toplevel
    for language in ("kk", "ru"):
        assert main([str(source), "--out", str(tmp_path / "out"), "--lang", language]) == 0
        page = (tmp_path / "out" / f"knowledge-gain.{language}.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}">' in page and page.count("<svg") == 4
        assert not re.search(r"(src|href)=\"https?:", page)

"""The norm registry is complete and current, citations link to the reader's language, and the
law-currency report is reproducible and in step with its copy in the docs."""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from course_tools.norms_report import age_band, build_report, render_markdown
from legal_basics_xblock.content import registry
from legal_basics_xblock.rendering.authored import citations

ROOT = Path(__file__).resolve().parents[2]
REPORT_DOC = ROOT / "docs" / "norms-report.md"


@pytest.fixture(name="raw")
def raw_registry():
    return json.loads((registry.DATA_DIR / "norms.json").read_text(encoding="utf-8"))


def test_the_shipped_registry_has_no_defect():
    assert registry.check_registry() == []


def test_every_norm_has_act_article_both_links_edition_and_check_date():
    for norm in registry.norms().values():
        assert norm.act_name and norm.article, norm.id
        assert norm.urls.get("kk") and norm.urls.get("ru"), norm.id
        assert date.fromisoformat(norm.checked) <= datetime.now(UTC).date(), norm.id
        if norm.status == registry.CURRENT:
            assert date.fromisoformat(norm.edition) <= date.fromisoformat(norm.checked), norm.id


def test_kazakh_readers_get_the_kazakh_text_and_russian_readers_the_russian_one():
    norm = registry.norms()["labour-code.160"]
    assert "/kaz/" in norm.url("kk") and "/rus/" in norm.url("ru")
    kk_link, = citations(["labour-code.160"], "kk")
    ru_link, = citations(["labour-code.160"], "ru")
    assert "/kaz/" in kk_link["url"] and "/rus/" in ru_link["url"]
    adilet = [n for n in registry.norms().values() if "adilet.zan.kz" in n.url("kk")]
    assert adilet and all("/kaz/" in n.url("kk") for n in adilet)


def test_no_1995_constitution_article_is_current():
    old = [n for n in registry.norms().values() if n.act_id == "constitution-1995"]
    assert old and all(n.status == registry.REPEALED for n in old)


@pytest.mark.parametrize("change, words", [
    (lambda n: n.update(url="https://adilet.zan.kz/rus/docs/K1500000414"), "both kk and ru"),
    (lambda n: n["url"].update(kk=n["url"]["ru"]), "kk link must open the /kaz/"),
    (lambda n: n.update(edition=""), "does not say which edition"),
    (lambda n: n.update(checked="last year"), "no valid check date"),
    (lambda n: n.update(amended_by=[{"act": "305-VIII"}]), "amendment without act and ISO date"),
    (lambda n: n["statement"].pop("kk"), "no kk statement"),
    (lambda n: n.update(status="probably"), "unknown status"),
])
def test_the_registry_check_names_the_norm_and_what_it_lacks(raw, change, words):
    broken = copy.deepcopy(raw)
    change(broken["norms"]["labour-code.160"])
    problems = registry.check_registry(broken)
    assert any(p.startswith("labour-code.160:") and words in p for p in problems), problems


def test_amendments_are_recorded_for_the_constitutional_laws_changed_in_2026():
    norms = registry.norms()
    for norm_id in ("cc-law.44", "cc-law.45"):
        assert any(a.act.startswith("305-VIII") and a.in_force == "2026-07-01" for a in norms[norm_id].amended_by)
    assert any(n.act_id == "ombudsman-law" and n.amended_by for n in norms.values())


def test_age_bands():
    today = date(2026, 12, 7)
    assert age_band("2026-11-29", today) == "≤ 3 months"
    assert age_band("2025-11-01", today) == "> 12 months"
    assert age_band("", today) == "never"


def test_report_lists_unconfirmed_citations_with_file_line_and_element():
    report = build_report(ROOT / "course_export", ROOT, date(2026, 12, 7))
    assert report.problems == []
    assert len(report.citations) > 1000
    for citation in report.unconfirmed_citations():
        assert re.match(r"^(course_export|legal_basics_xblock)/.+\.xml$", citation.path)
        assert citation.line > 0 and "[" in citation.element


def test_report_notices_a_stale_check():
    report = build_report(ROOT / "course_export", ROOT, date(2028, 1, 1))
    assert {n.id for n in report.stale()} == {n.id for n in registry.norms().values()
                                              if n.status != registry.REPEALED}


def test_the_report_in_the_docs_is_the_one_the_registry_gives_today():
    text = REPORT_DOC.read_text(encoding="utf-8")
    stamped = re.search(r"Generated for \*\*(\d{4}-\d{2}-\d{2})\*\*", text).group(1)
    fresh = render_markdown(build_report(ROOT / "course_export", ROOT, date.fromisoformat(stamped)))
    assert text == fresh, "docs/norms-report.md is out of date: run `make norms-report`"

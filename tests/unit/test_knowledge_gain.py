"""Knowledge-gain report: arithmetic on hand-checked numbers, reading the problem responses CSV (first attempts,
other blocks, merged files, BOM), item analysis, and the bilingual, self-contained, byte-stable HTML and CLI."""

from __future__ import annotations

import csv
import html
import importlib.util
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from course_tools import knowledge_gain as kg
from course_tools import knowledge_gain_page as kgp

ROOT = Path(__file__).resolve().parents[2]
PAIR = "course-prepost"
FIELDS = ["username", "title", "location", "block_key", "state", "Pair", "Phase", "Question", "Topic", "Topic name",
          "Answer", "Correct", "Score", "Attempt", "Time"]
TOPIC_NAMES = {"m01": "1. Құқық жүйесі", "m05": "5. Еңбек құқығы"}


def row(user, phase, question, score, attempt=1, topic="m01", pair=PAIR, **extra):
    """One quiz row as the instructor dashboard writes it."""
    return {"username": user, "title": "Diagnostic", "location": "block-v1:x", "block_key": "b", "state": "{}",
            "Pair": pair, "Phase": phase, "Question": question, "Topic": topic,
            "Topic name": TOPIC_NAMES.get(topic, ""), "Answer": "a", "Correct": "yes" if score == 1 else "no",
            "Score": str(score), "Attempt": str(attempt), "Time": "2027-02-01T10:00:00+05:00", **extra}


def sitting(user, phase, scores, attempt=1, topics=None):
    """Rows of one attempt: scores in question order q1, q2, ..."""
    topics = topics or ["m01"] * len(scores)
    return [row(user, phase, f"q{i}", s, attempt, topics[i - 1]) for i, s in enumerate(scores, 1)]


def write_csv(path: Path, rows, bom=False, fields=FIELDS) -> Path:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def report_of(rows) -> kg.Report:
    responses, skipped = kg.parse_rows(rows)
    return kg.build_report(responses, kg.choose_pair(responses), skipped)


# ---------------------------------------------------------------- arithmetic

def test_normalized_gain_on_hand_checked_values():
    assert kg.normalized_gain(0.5, 0.75) == pytest.approx(0.5)
    assert kg.normalized_gain(0.25, 1.0) == pytest.approx(1.0)
    assert kg.normalized_gain(0.8, 0.6) == pytest.approx(-1.0)
    assert kg.normalized_gain(1.0, 1.0) is None and kg.normalized_gain(1.0, 0.5) is None
    assert kg.normalized_gain(None, 0.5) is None
    assert [kg.gain_band(g) for g in (0.29, 0.3, 0.69, 0.7, None)] == ["low", "medium", "medium", "high", None]


HAND = (sitting("a", "pre", [1, 1, 0, 0]) + sitting("a", "post", [1, 1, 1, 0])      # 0.5  -> 0.75: g 0.5
        + sitting("b", "pre", [1, 0, 0, 0]) + sitting("b", "post", [1, 1, 1, 1])    # 0.25 -> 1.0:  g 1.0
        + sitting("c", "pre", [1, 1, 1, 1]) + sitting("c", "post", [1, 1, 1, 0])    # 1.0  -> 0.75: undefined
        + sitting("d", "pre", [1, 1, 0, 0]))                                        # pre only


def test_learner_and_cohort_figures_by_hand():
    report = report_of(HAND)
    by_name = {lr.username: lr for lr in report.learners}
    assert (by_name["a"].pre, by_name["a"].post, by_name["a"].gain) == (0.5, 0.75, pytest.approx(0.5))
    assert by_name["c"].gain is None and by_name["c"].matched
    assert not by_name["d"].matched and by_name["d"].post is None
    c = report.cohort
    assert (c.matched, c.only_pre, c.only_post, c.undefined) == (3, 1, 0, 1)
    assert c.mean_pre == pytest.approx(1.75 / 3) and c.mean_post == pytest.approx(2.5 / 3)
    # Hake: (0.8333 - 0.5833) / (1 - 0.5833) = 0.25 / 0.41667 = 0.6; c (pre 100 %) is in the means, not in g's
    assert c.class_gain == pytest.approx(0.6)
    assert c.mean_gain == pytest.approx(0.75) and c.median_gain == pytest.approx(0.75)
    assert (c.medium_or_more, c.negative, c.share_medium_or_more, c.share_negative) == (2, 0, 1.0, 0.0)


def test_first_attempt_is_used_whatever_the_row_order():
    rows = (sitting("a", "pre", [1, 1, 1, 1], attempt=2) + sitting("a", "pre", [0, 1, 0, 0], attempt=1)
            + sitting("a", "pre", [1, 1, 1, 0], attempt=3) + sitting("a", "post", [1, 1, 0, 0], attempt=2)
            + sitting("a", "post", [1, 1, 1, 1], attempt=4))
    learner = report_of(rows).learners[0]
    assert (learner.pre, learner.post) == (0.25, 0.5)  # post's first attempt is attempt 2 here
    assert learner.gain == pytest.approx(1 / 3)


def test_rows_of_other_blocks_and_malformed_rows():
    rows = (sitting("a", "pre", [1, 0]) + sitting("a", "post", [1, 1])
            + [row("a", "", "q1", 0), row("a", "pre", "q9", 0, pair=""), row("a", "midterm", "q9", 0),
               {"username": "a", "title": "Video", "Pair": "", "Phase": "", "Score": "", "Attempt": ""},
               row("a", "pre", "q3", "n/a"), row("a", "pre", "q4", 0.5, attempt="first"), row("", "pre", "q5", 1)])
    report = report_of(rows)
    assert report.skipped == 3
    assert [it.question for it in report.items] == ["q1", "q2"]
    assert (report.learners[0].pre, report.learners[0].post) == (0.5, 1.0)
    assert kg.parse_score("0,5") == 0.5 and kg.parse_score("1.5") is None and kg.parse_attempt("0") is None


def test_pair_choice():
    responses, _ = kg.parse_rows(sitting("a", "pre", [1]) + [row("a", "pre", "q1", 1, pair="module-5")])
    assert kg.choose_pair(responses, "module-5") == "module-5"
    with pytest.raises(kg.NoData, match="several pair keys"):
        kg.choose_pair(responses)
    with pytest.raises(kg.NoData, match="'nope'"):
        kg.choose_pair(responses, "nope")
    with pytest.raises(kg.NoData, match="no pre/post rows"):
        kg.choose_pair([])


# ---------------------------------------------------------------- reading files

def test_two_files_merged_with_and_without_bom_in_any_order(tmp_path):
    extra = [*FIELDS, "Unknown column"]
    pre = write_csv(tmp_path / "pre.csv", sitting("a", "pre", [1, 1, 0, 0]) + sitting("b", "pre", [0, 0, 0, 0]),
                    bom=True, fields=extra)
    post = write_csv(tmp_path / "post.csv", sitting("a", "post", [1, 1, 1, 0]) + sitting("b", "post", [1, 0, 0, 0]))
    assert pre.read_bytes().startswith(b"\xef\xbb\xbf")
    report = kg.load_report([pre, post])
    assert report.skipped == 0 and report.pair == PAIR
    assert [(lr.username, lr.pre, lr.post) for lr in report.matched] == [("a", 0.5, 0.75), ("b", 0.0, 0.25)]
    assert kg.load_report([post, pre]) == report
    both = write_csv(tmp_path / "both.csv", sitting("a", "pre", [1, 1, 0, 0]) + sitting("a", "post", [1, 1, 1, 0]))
    assert kg.load_report([both, both]).learners[0].gain == pytest.approx(0.5)  # a repeated download counts once


# ---------------------------------------------------------------- topics and items

def test_per_topic_values():
    topics = ["m01", "m01", "m05", "m05"]
    rows = (sitting("a", "pre", [1, 0, 0, 0], topics=topics) + sitting("a", "post", [1, 1, 1, 0], topics=topics)
            + sitting("b", "pre", [0, 0, 1, 1], topics=topics) + sitting("b", "post", [1, 1, 1, 1], topics=topics)
            + sitting("c", "pre", [1, 1, 1, 1], topics=topics))  # unmatched: not in topic figures
    m01, m05 = report_of(rows).topics
    assert (m01.topic, m01.name, m01.learners) == ("m01", "1. Құқық жүйесі", 2)
    assert (m01.mean_pre, m01.mean_post, m01.gain) == (0.25, 1.0, 1.0)
    assert (m05.mean_pre, m05.mean_post) == (0.5, 0.75) and m05.gain == pytest.approx(0.5)


ITEM_SITTINGS = [{"q1": 1, "q2": 1, "q3": 1}, {"q1": 1, "q2": 1, "q3": 0}, {"q1": 1, "q2": 0, "q3": 0},
                 {"q1": 0, "q2": 0, "q3": 0}, {"q1": 1, "q2": 1, "q3": 1}]


def test_item_difficulty_and_corrected_discrimination():
    assert kg.difficulty("q1", ITEM_SITTINGS) == pytest.approx(0.8)
    # q1 = 1,1,1,0,1 against the rest (q2+q3)/2 = 1,.5,0,0,1: sxy .5, sxx .8, syy 1 -> r = .5 / sqrt(.8)
    assert kg.discrimination("q1", ITEM_SITTINGS) == pytest.approx(0.5 / math.sqrt(0.8))
    assert kg.discrimination("q1", ITEM_SITTINGS[:4]) is None  # fewer than 5 learners
    constant = [{**s, "q4": 1} for s in ITEM_SITTINGS]
    assert kg.discrimination("q4", constant) is None and kg.difficulty("q4", constant) == 1.0
    assert kg.pearson([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]) == pytest.approx(1.0)


def test_item_flags_and_reasons():
    assert kg.item_flags(0.95, 0.5) == ("too_easy",)
    assert kg.item_flags(0.1, None) == ("too_hard",)
    assert kg.item_flags(0.5, 0.1) == ("weak",)
    assert kg.item_flags(0.5, -0.2) == ("negative",)
    assert kg.item_flags(0.9, 0.2) == () and kg.item_flags(0.2, None) == ()  # the limits themselves pass
    rows = [r for u, s in enumerate(ITEM_SITTINGS) for r in sitting(f"u{u}", "pre", [s["q1"], s["q2"], s["q3"], 1])]
    q4 = report_of(rows).items[3]
    assert (q4.question, q4.p["pre"], q4.d["pre"], q4.p["post"]) == ("q4", 1.0, None, None)
    assert q4.flags == (("pre", "too_easy"),)
    assert kgp.flag_text("pre", "too_easy", kgp.STRINGS["kk"]) == "Кіріс тест: тым жеңіл (p > 0,9)"


# ---------------------------------------------------------------- rendering

def cohort_rows():
    """Eight learners, six questions in two topics, both tests; deterministic hand-made patterns."""
    topics = ["m01", "m01", "m01", "m05", "m05", "m05"]
    rows = []
    for u in range(1, 9):
        pre = [1 if (u * q) % 5 < 2 else 0 for q in range(1, 7)]
        post = [1 if (u * q) % 5 < 4 else 0 for q in range(1, 7)]
        rows += sitting(f"u{u:02d}", "pre", pre, topics=topics) + sitting(f"u{u:02d}", "post", post, topics=topics)
    return rows + sitting("u09", "pre", [1] * 6, topics=topics) + sitting("u09", "post", [1] * 6, topics=topics)


@pytest.fixture(scope="module")
def cohort_report():
    return report_of(cohort_rows())


@pytest.fixture(scope="module")
def pages(cohort_report):
    return {lang: kgp.render_html(cohort_report, lang) for lang in ("kk", "ru")}


def visible_text(page: str) -> str:
    """The page's text as a reader sees it (no styles, no chart drawing, no markup)."""
    page = re.sub(r"<style>.*?</style>|<svg.*?</svg>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_html_is_in_the_requested_language(pages, cohort_report):
    kk, ru = pages["kk"], pages["ru"]
    assert '<html lang="kk">' in kk and '<html lang="ru">' in ru
    for text in ("Білім өсімі", "Екі тестті де 9 білім алушы тапсырды.", "Кіріс тест", "ажырату қабілеті",
                 "0,3 — «орташа» өсімнің жиі қолданылатын шегі"):
        assert text in kk and text not in ru
    for text in ("Прирост знаний", "Учащихся, прошедших оба теста: 9.", "Входной тест", "Различающая способность",
                 "0,3 — распространённый порог «среднего» прироста"):
        assert text in ru and text not in kk
    ids = {lr.username for lr in cohort_report.learners} | {it.question for it in cohort_report.items}
    for page in (kk, ru):
        words = set(re.findall(r"[A-Za-z][A-Za-z0-9-]+", visible_text(page))) - ids - {"m01", "m05", PAIR}
        assert not words, f"English or untranslated words in the report: {sorted(words)}"


def test_both_languages_have_every_string():
    assert set(kgp.STRINGS["kk"]) == set(kgp.STRINGS["ru"])
    used = set(re.findall(r't\["(\w+)"\]', Path(kgp.__file__).read_text(encoding="utf-8")))
    assert used - {"band_", "flag_"} <= set(kgp.STRINGS["kk"])


def test_html_is_self_contained_and_accessible(pages):
    for page in pages.values():
        assert page.count("<svg") == 4 and page.count('role="img"') == 4 and page.count("<figcaption") == 4
        assert all(f'aria-describedby="fig{n}-desc"' in page and f'id="fig{n}-desc"' in page for n in range(1, 5))
        assert "http" not in page and "<script" not in page and "<img" not in page and "<link" not in page
        assert "<metadata" not in page and "<?xml" not in page
        ids = re.findall(r'\bid="([^"]+)"', page)
        assert len(ids) == len(set(ids)), "ids must be unique across the four inline charts"
        levels = [int(n) for n in re.findall(r"<h([1-6])", page)]
        assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))
        assert '<th scope="col"' in page and '<th scope="row"' in page and "@page{size:A4" in page


def test_report_before_anyone_took_the_post_test():
    """Mid-course the lecturer can already read the pre-test's item analysis; charts 1-3 say there is no data."""
    report = report_of(sitting("a", "pre", [1, 0]) + sitting("b", "pre", [0, 0]))
    page = kgp.render_html(report, "ru")
    assert "Учащихся, прошедших оба теста, пока нет (только входной тест — 2, только выходной — 0)." in page
    assert page.count("<svg") == 4 and report.cohort.class_gain is None
    everyone_full = report_of(sitting("a", "pre", [1]) + sitting("a", "post", [0]))
    assert kgp.summary_sentences(everyone_full, kgp.STRINGS["kk"])[2] == \
        "Топтың орташа нормаланған өсімі ⟨g⟩ анықталмайды: кіріс тесттің орташа балы — 100\u00a0%."


def test_same_input_gives_byte_identical_files(tmp_path, pages):
    """Two runs on the same rows (the ``pages`` fixture was rendered from a separately built report)."""
    html_path, csv_path = kgp.write_report(report_of(cohort_rows()), tmp_path / "a", "ru")
    assert (html_path.name, csv_path.name) == ("knowledge-gain.ru.html", "knowledge-gain.csv")
    assert html_path.read_bytes() == pages["ru"].encode("utf-8")
    assert kgp.learner_rows(report_of(cohort_rows())) == kgp.learner_rows(report_of(list(reversed(cohort_rows()))))


def test_per_learner_csv(tmp_path):
    _, csv_path = kgp.write_report(report_of(HAND), tmp_path, "kk")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbfusername,")  # BOM: Excel then reads UTF-8
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["username", "pre", "post", "gain", "m01_pre", "m01_post"]
    assert rows[1] == ["a", "0.5000", "0.7500", "0.5000", "0.5000", "0.7500"]
    assert rows[3][3] == "" and rows[4][:4] == ["d", "0.5000", "", ""]


# ---------------------------------------------------------------- CLI

def run_cli(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "knowledge_gain.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, check=False)


def test_cli_exits_1_without_pre_post_rows(tmp_path):
    other = write_csv(tmp_path / "other.csv", [{"username": "a", "title": "Video", "state": "{}"},
                                               row("a", "", "q1", 1)])
    result = run_cli(other, "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "no pre/post rows found" in result.stderr and not (tmp_path / "out").exists()


def test_cli_writes_the_report(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("knowledge_gain_cli", ROOT / "scripts" / "knowledge_gain.py")
    cli = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cli)
    source = write_csv(tmp_path / "report.csv", HAND, bom=True)
    assert cli.main([str(source), "--out", str(tmp_path / "out"), "--lang", "ru", "--pair", PAIR]) == 0
    line = capsys.readouterr().out
    assert line.count("\n") == 1 and "learners with both tests: 3" in line and "<g> = 0.60" in line
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["knowledge-gain.csv", "knowledge-gain.ru.html"]

"""The knowledge-gain report as a page: four charts (matplotlib, inline SVG) and tables in kk or ru.

Computation is in :mod:`course_tools.knowledge_gain`; this module only draws and writes.
"""

from __future__ import annotations

import csv
import html
import io
import math
import re
import textwrap
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator

from .knowledge_gain import (
    EPS,
    MEDIUM_GAIN,
    PHASES,
    TOO_EASY,
    TOO_HARD,
    WEAK_DISCRIMINATION,
    Cohort,
    ItemResult,
    LearnerResult,
    Report,
    TopicResult,
    gain_band,
    natural_key,
)
from .knowledge_gain_text import CSS, STRINGS

NBSP = "\u00a0"
PRE_COLOR, POST_COLOR, NEUTRAL, HIST_COLOR, ZONE_COLOR = "#E69F00", "#0072B2", "#7F7F7F", "#56B4E9", "#C8C8C8"
FIG_WIDTH = 6.6  # inches: the text width of an A4 page with 15 mm margins
RC = {"font.family": "DejaVu Sans", "font.size": 9, "svg.fonttype": "path", "axes.unicode_minus": True,
      "hatch.linewidth": 0.6, "axes.spines.top": False, "axes.spines.right": False,
      "text.parse_math": False}  # a "$" in a topic title or username must stay text, not start TeX
SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


def fmt_pct(value: float | None) -> str:
    """A 0-1 share as a whole percentage with a no-break space ("42 %"), or a dash."""
    return "—" if value is None else f"{value * 100:.0f}{NBSP}%"


def fmt_num(value: float | None, digits: int = 2) -> str:
    """A number with a decimal comma and a true minus sign, as Kazakh and Russian texts write it."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "−").replace(".", ",")


def esc(text: str) -> str:
    """HTML-escape data from the CSV (usernames, ids and titles are not trusted markup)."""
    return html.escape(str(text), quote=True)


def topic_label(topic: str, name: str, t: dict) -> str:
    """Topic shown as "m05 · title"; the id alone when untitled; a phrase for untagged questions."""
    if not topic:
        return name or t["no_topic"]
    return f"{topic} · {name}" if name else topic


def phase_label(phase: str, t: dict) -> str:
    """"Pre-test"/"post-test" in the report's language."""
    return t["pre"] if phase == "pre" else t["post"]


def flag_text(phase: str, flag: str, t: dict) -> str:
    """One revision reason as the lecturer reads it, e.g. "Post-test: too easy (p > 0.9)"."""
    return f"{phase_label(phase, t)}: {t['flag_' + flag]}"


# ---------------------------------------------------------------- charts

def new_figure(height: float):
    """A figure on the Agg canvas (no GUI backend, no pyplot global state)."""
    fig = Figure(figsize=(FIG_WIDTH, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def no_data(fig, ax, t: dict):
    """An empty chart that says so, e.g. before anyone has taken the post-test."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, t["no_data"], ha="center", va="center", transform=ax.transAxes, fontsize=11)
    return fig


def legend_below(ax, handles=None, ncols=2):
    """Legend under the plot (outside the axes, where it never covers data), whatever the figure's height."""
    handles = handles or ax.get_legend_handles_labels()[0]
    ax.figure.legend(handles=handles, loc="outside lower center", ncols=ncols, frameon=False)


def learners_chart(learners: list[LearnerResult], t: dict):
    """Chart 1: a dumbbell per learner, pre (hollow circle) to post (filled square), biggest change on top."""
    fig, ax = new_figure(min(9.0, 1.8 + 0.2 * max(len(learners), 4)))
    if not learners:
        return no_data(fig, ax, t)
    ordered = sorted(learners, key=lambda lr: (lr.post - lr.pre, natural_key(lr.username)))
    ys = list(range(len(ordered)))
    pre, post = [100 * lr.pre for lr in ordered], [100 * lr.post for lr in ordered]
    ax.hlines(ys, [min(a, b) for a, b in zip(pre, post)], [max(a, b) for a, b in zip(pre, post)],
              color=NEUTRAL, linewidth=1.2, zorder=1)
    size = 40 if len(ordered) <= 60 else 12  # a large group gets thin rows
    ax.scatter(pre, ys, marker="o", facecolors="none", edgecolors=PRE_COLOR, linewidths=1.6, s=size,
               label=t["pre"], zorder=3)  # hollow and on top: visible even where post == pre
    ax.scatter(post, ys, marker="s", color=POST_COLOR, s=size * 0.6, label=t["post"], zorder=2)
    names = [lr.username for lr in ordered] if len(ordered) <= 40 else []
    ax.set_yticks(ys if names else [], names, fontsize=7)
    ax.set(xlim=(-3, 103), ylim=(-1, len(ordered)), xlabel=t["score_axis"], ylabel=t["learners_axis"],
           title=t["chart1_title"])
    ax.grid(axis="x", color="#E0E0E0", linewidth=0.6)
    legend_below(ax)
    return fig


def gain_histogram(gains: list[float]) -> list[int]:
    """Counts in the 20 bins [-1.0, -0.9) ... [0.9, 1.0]; gains below -1 go to the first bin, 1.0 to the last."""
    counts = [0] * 20
    for g in gains:
        counts[min(9, max(-10, math.floor(g * 10 + EPS))) + 10] += 1
    return counts


def gains_chart(gains: list[float], t: dict):
    """Chart 2: histogram of individual gains with the 0.3 "medium gain" line."""
    fig, ax = new_figure(3.3)
    if not gains:
        return no_data(fig, ax, t)
    ax.bar([i / 10 for i in range(-10, 10)], gain_histogram(gains), width=0.1, align="edge", color=HIST_COLOR,
           edgecolor="black", linewidth=0.6, hatch="..")
    ax.axvline(MEDIUM_GAIN, color="black", linestyle="--", linewidth=1.6, label=t["threshold_label"])
    ax.axvline(0, color=NEUTRAL, linestyle=":", linewidth=1.2)
    ax.set(xlim=(-1.05, 1.05), xlabel=t["gain_axis"], ylabel=t["count_axis"], title=t["chart2_title"])
    ax.xaxis.set_major_locator(MultipleLocator(0.2))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_num(v, 1)))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    legend_below(ax, ncols=1)
    return fig


def topics_chart(topics: list[TopicResult], t: dict):
    """Chart 3: grouped horizontal bars per topic, pre hatched, post solid, labelled with percentages."""
    fig, ax = new_figure(1.6 + 0.6 * max(len(topics), 1))
    if not topics:
        return no_data(fig, ax, t)
    ys = list(range(len(topics), 0, -1))
    for offset, phase, style in ((0.2, "pre", {"color": PRE_COLOR, "hatch": "///"}), (-0.2, "post",
                                 {"color": POST_COLOR})):
        values = [getattr(tr, "mean_" + phase) for tr in topics]
        bars = ax.barh([y + offset for y in ys], [100 * v for v in values], height=0.38, edgecolor="black",
                       linewidth=0.6, label=phase_label(phase, t), **style)
        ax.bar_label(bars, labels=[fmt_pct(v) for v in values], padding=2, fontsize=7)
    labels = [textwrap.fill(topic_label(tr.topic, tr.name, t), 30) for tr in topics]
    ax.set_yticks(ys, labels, fontsize=8)
    ax.set(xlim=(0, 114), xlabel=t["topic_axis"], title=t["chart3_title"])
    legend_below(ax)
    return fig


def shade_zones(ax, ylow: float, t: dict):
    """Grey, cross-hatched revision zones: p < 0.2, p > 0.9 and D < 0.2 (visible in greyscale too)."""
    style = {"facecolor": ZONE_COLOR, "edgecolor": "#A0A0A0", "hatch": "xx", "linewidth": 0, "alpha": 0.45,
             "zorder": 0}
    ax.axvspan(-0.02, TOO_HARD, **style)
    ax.axvspan(TOO_EASY, 1.02, **style)
    ax.axhspan(ylow, WEAK_DISCRIMINATION, **style)
    return Patch(label=t["zone_label"], **style)


def plot_items(ax, items: list[ItemResult], phase: str, style: dict):
    """One phase's items as points; flagged items get their question id next to the point."""
    points = [(it.p[phase], it.d[phase], it) for it in items if it.d[phase] is not None]
    ax.scatter([x for x, _, _ in points], [y for _, y, _ in points], zorder=3, **style)
    for x, y, it in points:
        if any(ph == phase for ph, _ in it.flags):
            ax.annotate(it.question, (x, y), xytext=(4, 3), textcoords="offset points", fontsize=7, zorder=4)


def items_chart(items: list[ItemResult], t: dict):
    """Chart 4: difficulty (x) against discrimination (y) for both phases, revision zones shaded."""
    fig, ax = new_figure(4.4)
    lows = [it.d[ph] for it in items for ph in PHASES if it.d[ph] is not None]
    ylow = min([-0.2, *(d - 0.1 for d in lows)])
    zone = shade_zones(ax, ylow, t)
    plot_items(ax, items, "pre", {"marker": "o", "facecolors": "none", "edgecolors": PRE_COLOR,
                                  "linewidths": 1.6, "s": 34, "label": t["pre"]})
    plot_items(ax, items, "post", {"marker": "s", "color": POST_COLOR, "s": 28, "label": t["post"]})
    ax.set(xlim=(-0.02, 1.02), ylim=(ylow, 1.0), xlabel=t["p_axis"], ylabel=t["d_axis"], title=t["chart4_title"])
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(FuncFormatter(lambda v, _: fmt_num(v, 1)))
    handles, _ = ax.get_legend_handles_labels()
    legend_below(ax, [*handles, zone], ncols=3)
    return fig


def figure_svg(fig, salt: str) -> str:
    """SVG text of a figure: fixed hash salt and no metadata, so the same data gives the same bytes."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt}):
        fig.savefig(buffer, format="svg", metadata=SVG_METADATA, bbox_inches="tight")
    return buffer.getvalue()


def scope_ids(svg: str, prefix: str) -> str:
    """Prefix every id and reference: four inline SVGs would otherwise share ids (glyphs, clip paths, axes)."""
    ids = set(re.findall(r'\bid="([^"]+)"', svg))

    def rename(match):
        return f"{match.group(1)}{prefix}-{match.group(2)}" if match.group(2) in ids else match.group(0)

    return re.sub(r'(\bid="|href="#|url\(#)([^")]+)', rename, svg)


def inline_svg(svg: str, prefix: str, label: str, described_by: str) -> str:
    """An SVG file made fit for inlining in HTML: no prolog, metadata, namespace URLs or global style rule;
    ids scoped; an image role with a label and a pointer to the text description."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'<style type="text/css">.*?</style>\s*', "", svg, flags=re.S)  # moved into the page CSS
    svg = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", svg).replace("xlink:href=", "href=")
    svg = scope_ids(svg, prefix)
    opening = f'<svg role="img" aria-label="{esc(label)}" aria-describedby="{described_by}"'
    return svg.replace("<svg", opening, 1).strip()


def render_charts(report: Report, t: dict) -> list[str]:
    """The four charts as SVG text, drawn under one fixed style (the caller's rcParams are left alone)."""
    gains = [lr.gain for lr in report.matched if lr.gain is not None]
    charts = ((learners_chart, report.matched), (gains_chart, gains), (topics_chart, report.topics),
              (items_chart, report.items))
    with matplotlib.rc_context(RC):
        return [figure_svg(draw(data, t), f"kg{n}") for n, (draw, data) in enumerate(charts, 1)]


# ---------------------------------------------------------------- HTML

def summary_sentences(report: Report, t: dict) -> list[str]:
    """The plain-language summary at the top, one sentence per fact."""
    c = report.cohort
    if not c.matched:
        return [t["sum_none"].format(a=c.only_pre, b=c.only_post)]
    gain = (t["sum_gain"].format(g=fmt_num(c.class_gain), band=t["band_" + gain_band(c.class_gain)])
            if c.class_gain is not None else t["sum_gain_undefined"])
    sentences = [t["sum_matched"].format(n=c.matched),
                 t["sum_means"].format(pre=fmt_pct(c.mean_pre), post=fmt_pct(c.mean_post)), gain]
    if c.share_medium_or_more is not None:
        sentences.append(t["sum_shares"].format(k=c.medium_or_more, share=fmt_pct(c.share_medium_or_more),
                                                m=c.negative))
    if c.undefined:
        sentences.append(t["sum_excluded"].format(e=c.undefined))
    if c.only_pre or c.only_post:
        sentences.append(t["sum_unmatched"].format(a=c.only_pre, b=c.only_post))
    sentences.append(t["sum_flagged"].format(k=len(report.flagged()), n=len(report.items)))
    return sentences


def chart_captions(report: Report, t: dict) -> list[str]:
    """The text description of each chart, with the numbers a screen-reader user would otherwise miss."""
    matched, c = report.matched, report.cohort
    up = sum(1 for lr in matched if lr.post > lr.pre + EPS)
    down = sum(1 for lr in matched if lr.post < lr.pre - EPS)
    ranked = sorted((tr for tr in report.topics if tr.gain is not None), key=lambda tr: (-tr.gain, tr.topic))
    best = f"{topic_label(ranked[0].topic, ranked[0].name, t)} ({fmt_num(ranked[0].gain)})" if ranked else "—"
    worst = f"{topic_label(ranked[-1].topic, ranked[-1].name, t)} ({fmt_num(ranked[-1].gain)})" if ranked else "—"
    unplotted = sum(1 for it in report.items for ph in PHASES if it.p[ph] is not None and it.d[ph] is None)
    return [t["chart1_desc"].format(up=up, down=down, same=len(matched) - up - down, n=len(matched)),
            t["chart2_desc"].format(median=fmt_num(c.median_gain)),
            t["chart3_desc"].format(best=best, worst=worst),
            t["chart4_desc"].format(k=len(report.flagged()), none=unplotted)]


def table(headers: list[str], rows: list[list[str]], caption: str, numeric: set[int]) -> str:
    """An accessible table: a caption, column headers with scope, the first cell of each row a row header."""
    def cell(i, text, tag, scope):
        css = ' class="num"' if i in numeric else ""
        return f'<{tag} scope="{scope}"{css}>{esc(text)}</{tag}>' if tag == "th" else f"<td{css}>{esc(text)}</td>"

    head = "".join(cell(i, h, "th", "col") for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(cell(i, v, "th" if i == 0 else "td", "row") for i, v in enumerate(row))
                   + "</tr>\n" for row in rows)
    return (f"<table>\n<caption>{esc(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n"
            f"<tbody>\n{body}</tbody>\n</table>\n")


def cohort_table(c: Cohort, t: dict) -> str:
    """Table 5a: the cohort's counts, means and gains."""
    rows = [(t["row_matched"], str(c.matched)), (t["row_only_pre"], str(c.only_pre)),
            (t["row_only_post"], str(c.only_post)), (t["row_undefined"], str(c.undefined)),
            (t["row_mean_pre"], fmt_pct(c.mean_pre)), (t["row_mean_post"], fmt_pct(c.mean_post)),
            (t["row_mean_gain"], fmt_num(c.mean_gain)), (t["row_class_gain"], fmt_num(c.class_gain)),
            (t["row_median_gain"], fmt_num(c.median_gain)),
            (t["row_share_medium"], fmt_pct(c.share_medium_or_more)),
            (t["row_share_negative"], fmt_pct(c.share_negative))]
    return table([t["col_measure"], t["col_value"]], [list(r) for r in rows], t["cohort_caption"], {1})


def topics_table(topics: list[TopicResult], t: dict) -> str:
    """Table 5b: per topic, learners counted, mean pre and post, and the topic's ⟨g⟩."""
    rows = [[topic_label(tr.topic, tr.name, t), str(tr.learners), fmt_pct(tr.mean_pre), fmt_pct(tr.mean_post),
             fmt_num(tr.gain)] for tr in topics]
    return table([t["col_topic"], t["col_learners"], t["pre"], t["post"], t["col_class_gain"]], rows,
                 t["topics_caption"], {1, 2, 3, 4})


def items_table(items: list[ItemResult], t: dict) -> str:
    """Table 5c: per question, p and D in each test and why it is flagged."""
    rows = [[it.question, it.topic or "—", fmt_num(it.p["pre"]), fmt_num(it.d["pre"]), fmt_num(it.p["post"]),
             fmt_num(it.d["post"]), "; ".join(flag_text(ph, f, t) for ph, f in it.flags) or "—"] for it in items]
    headers = [t["col_question"], t["col_topic"], t["col_p_pre"], t["col_d_pre"], t["col_p_post"], t["col_d_post"],
               t["col_flags"]]
    return table(headers, rows, t["items_caption"], {2, 3, 4, 5})


def learners_table(matched: list[LearnerResult], t: dict) -> str:
    """Table 5d: matched learners by name; an undefined gain is spelled out, not left blank."""
    rows = [[lr.username, fmt_pct(lr.pre), fmt_pct(lr.post),
             fmt_num(lr.gain) if lr.gain is not None else t["gain_undefined"]] for lr in matched]
    return table([t["col_learner"], t["pre"], t["post"], t["col_gain"]], rows, t["learners_caption"], {1, 2, 3})


def figure_html(n: int, svg: str, title: str, caption: str) -> str:
    """A numbered chart section: heading, then the SVG and its description in one <figure>."""
    desc_id = f"fig{n}-desc"
    return (f'<section>\n<h2>{n}. {esc(title)}</h2>\n<figure>\n{inline_svg(svg, f"kg{n}", title, desc_id)}\n'
            f'<figcaption id="{desc_id}">{esc(caption)}</figcaption>\n</figure>\n</section>\n')


def tables_html(report: Report, t: dict) -> str:
    """Section 5: the numbers behind the charts."""
    parts = [("h_cohort", cohort_table(report.cohort, t)), ("h_topics", topics_table(report.topics, t)),
             ("h_items", items_table(report.items, t)), ("h_learners", learners_table(report.matched, t))]
    inner = "".join(f"<h3>{esc(t[key])}</h3>\n{body}" for key, body in parts)
    return f"<section>\n<h2>5. {esc(t['h_tables'])}</h2>\n{inner}</section>\n"


def head_html(report: Report, t: dict) -> str:
    """Title, pair key, the summary box and the reading guide."""
    summary = "".join(f"<li>{esc(s)}</li>" for s in summary_sentences(report, t))
    keys = ("guide_gain", "guide_bands", "guide_class", "guide_first", "guide_items", "guide_flags")
    guide = "".join(f"<p>{esc(t[key])}</p>\n" for key in keys)
    return (f"<h1>{esc(t['title'])}</h1>\n<p class=\"meta\">{esc(t['pair_line'].format(pair=report.pair))}</p>\n"
            f'<section class="summary">\n<h2>{esc(t["h_summary"])}</h2>\n<ul>{summary}</ul>\n</section>\n'
            f"<section>\n<h2>{esc(t['h_guide'])}</h2>\n{guide}</section>\n")


def render_html(report: Report, lang: str = "kk") -> str:
    """The whole report page in Kazakh or Russian: self-contained, no scripts, no external resources."""
    t = STRINGS[lang]
    svgs = render_charts(report, t)
    titles = [t[f"chart{n}_title"] for n in range(1, 5)]
    figures = "".join(figure_html(n, svg, title, caption) for n, (svg, title, caption)
                      in enumerate(zip(svgs, titles, chart_captions(report, t)), 1))
    body = head_html(report, t) + figures + tables_html(report, t)
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{esc(t["title"])}</title>\n'
            f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n")


# ---------------------------------------------------------------- CSV and files

def learner_rows(report: Report) -> list[list[str]]:
    """The per-learner CSV (all learners; blanks where a test was not taken or g is undefined), header first."""
    topics = [tr.topic for tr in report.topics]
    header = ["username", "pre", "post", "gain"] + [f"{tp or 'untagged'}_{ph}" for tp in topics for ph in PHASES]

    def number(value):
        return "" if value is None else f"{value:.4f}"

    rows = [[lr.username, number(lr.pre), number(lr.post), number(lr.gain)]
            + [number(getattr(lr, "topic_" + ph).get(tp)) for tp in topics for ph in PHASES] for lr in report.learners]
    return [header, *rows]


def write_report(report: Report, out_dir: Path, lang: str = "kk") -> tuple[Path, Path]:
    """Write ``knowledge-gain.<lang>.html`` and ``knowledge-gain.csv`` (with a BOM, so Excel reads Cyrillic)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path, csv_path = out_dir / f"knowledge-gain.{lang}.html", out_dir / "knowledge-gain.csv"
    html_path.write_text(render_html(report, lang), encoding="utf-8", newline="\n")
    with open(csv_path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(learner_rows(report))
    return html_path, csv_path


def summary_line(report: Report, html_path: Path) -> str:
    """The CLI's one-line summary."""
    c = report.cohort
    skipped = f"; {report.skipped} malformed rows skipped" if report.skipped else ""
    gain = "undefined" if c.class_gain is None else f"{c.class_gain:.2f}"
    return (f"{html_path}: pair {report.pair}, learners with both tests: {c.matched}, mean {fmt_pct(c.mean_pre)} -> "
            f"{fmt_pct(c.mean_post)}, <g> = {gain}, {len(report.flagged())} of {len(report.items)} questions "
            f"flagged{skipped}").replace(NBSP, " ")

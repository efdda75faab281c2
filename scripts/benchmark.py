#!/usr/bin/env python3
"""Benchmark legal_basics_xblock against peer XBlocks in the xblock-sdk workbench.

NOT a test: never collected by pytest, never run by CI. It reproduces the method of
``shared/research/perf-baselines.md``: all blocks in one process, samples interleaved
block by block over N rounds, every figure also given as a ratio to the SDK's trivial
``thumbs`` block measured in the same round.

Usage (from anywhere; paths are relative to the repository root)::

    python3 scripts/benchmark.py                 # 5 rounds x 50 samples, table on stdout
    python3 scripts/benchmark.py --quick         # smoke run, seconds
    python3 scripts/benchmark.py --write-docs    # also rewrite docs/benchmarks.md

Phase 1 (any Python) creates or reuses ``.bench/venv`` with the pinned peers from
``scripts/bench_peers.txt`` plus ``pip install -e <repo>``; phase 2 re-executes this
file inside that venv and measures. Everything it writes lives in the git-ignored
``.bench/`` folder (venv, fresh workbench database, raw results JSON), except
``docs/benchmarks.md`` with ``--write-docs``.

Adding a block is one entry in ``BLOCKS`` (see ``BlockSpec``).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gzip
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.sax.saxutils import quoteattr

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / ".bench"
PEERS_FILE = ROOT / "scripts" / "bench_peers.txt"
CONSTRAINTS_FILE = ROOT / "requirements" / "constraints.txt"
DOCS_FILE = ROOT / "docs" / "benchmarks.md"
INNER_ENV = "LEGAL_BASICS_BENCH_INNER"
PY312 = Path.home() / ".pyenv/versions/3.12.1/bin/python3"
PY311 = Path.home() / ".pyenv/versions/3.11.7/bin/python3"
GROWTH_NS = (5, 50, 500)
MAIN_N = 5  # the configuration of the render/handler/bytes columns (thumbs has no size)

# Targets for our rows (see the brief in docs/benchmarks.md).
TARGET_RATIO = 1.3  # render and handler, x thumbs
TARGET_KIB = 20.0  # raw learner bytes: HTML + JS + CSS
TARGET_GROWTH = 1.2  # render at n=500 / n=5 with a drawn subset
TARGET_VALIDATE_MS = 100.0  # validating a 500-node scenario


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------
# Phase 1: the benchmark venv
# ----------------------------------------------------------------------------------------


def _run(cmd, **kw):
    log("+", " ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], **kw)


def _stamp(python: Path) -> str:
    digest = hashlib.sha256()
    digest.update(str(python).encode())
    for path in (PEERS_FILE, CONSTRAINTS_FILE):
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _make_venv(venv: Path, python: Path) -> tuple[bool, str]:
    """Create/reuse ``venv`` with the pinned peers. Returns (ok, error text)."""
    stamp_file = venv / ".bench-stamp"
    stamp = _stamp(python)
    vpy = venv / "bin" / "python"
    if vpy.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        log(f"reusing {venv.relative_to(ROOT)}")
        return True, ""
    if venv.exists():
        shutil.rmtree(venv)
    proc = _run([python, "-m", "venv", venv])
    if proc.returncode:
        return False, "venv creation failed"
    cmd = [vpy, "-m", "pip", "install", "-q", "-r", PEERS_FILE]
    if CONSTRAINTS_FILE.exists():
        cmd += ["-c", CONSTRAINTS_FILE]
    proc = _run(cmd, capture_output=True, text=True)
    if proc.returncode:
        return False, (proc.stderr or proc.stdout)[-3000:]
    stamp_file.write_text(stamp)
    return True, ""


def _install_project(vpy: Path) -> str:
    """pip install -e <repo>; returns '' or the error tail (the peers still get measured)."""
    if not ((ROOT / "setup.py").exists() or (ROOT / "pyproject.toml").exists()):
        return "no setup.py/pyproject.toml in the repository yet"
    cmd = [vpy, "-m", "pip", "install", "-q", "-e", ROOT]
    if CONSTRAINTS_FILE.exists():
        cmd += ["-c", CONSTRAINTS_FILE]
    proc = _run(cmd, capture_output=True, text=True)
    if proc.returncode:
        return (proc.stderr or proc.stdout).strip()[-1500:]
    return ""


def outer_main(argv):
    BENCH.mkdir(exist_ok=True)
    python = PY312 if PY312.exists() else Path(shutil.which("python3") or sys.executable)
    notes = []
    venv = BENCH / "venv"
    ok, err = _make_venv(venv, python)
    if not ok:
        log(f"peer install failed on {python}:\n{err}")
        if not PY311.exists():
            sys.exit("no Python 3.11 to fall back to")
        venv = BENCH / "venv311"
        notes.append(f"peers failed to install on {python.name} ({python}); fell back to Python 3.11 venv")
        log("NOTE:", notes[-1])
        ok, err = _make_venv(venv, PY311)
        if not ok:
            sys.exit(f"peer install failed on Python 3.11 too:\n{err}")
    vpy = venv / "bin" / "python"
    err = _install_project(vpy)
    if err:
        notes.append("project not installed: " + err.splitlines()[-1][:300])
        log("NOTE: pip install -e failed; our rows will be reported as unavailable\n" + err)
    env = dict(os.environ)
    env[INNER_ENV] = json.dumps({"notes": notes, "venv": str(venv.relative_to(ROOT))})
    env.pop("PYTHONPATH", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    os.execve(str(vpy), [str(vpy), str(Path(__file__).resolve()), *argv], env)


# ----------------------------------------------------------------------------------------
# Block specifications (data-driven: one entry per row)
# ----------------------------------------------------------------------------------------


@dataclass
class BlockSpec:
    key: str  # row id
    label: str  # table label (version filled in from the dist)
    tag: str  # xblock.v1 entry point
    dist: str | None  # distribution name, for the version in the label
    olx: Callable[[int], str]  # OLX for a configuration of size n
    handler: str  # JSON handler measured
    payload: Callable[[str], dict]  # learner's rendered HTML -> handler JSON
    check: Callable[[int, dict], str | None] = lambda status, body: None  # -> error or None
    growth: bool = True  # measured at n = 5/50/500?
    ours: bool = False  # print targets
    growth_unit: str = ""
    targets: tuple = ("render", "handler", "bytes", "growth")  # which targets apply (ours only)


def _status_ok(status, body):
    return None if status == 200 else f"HTTP {status}: {str(body)[:200]}"


def _success_ok(status, body):
    if status != 200:
        return f"HTTP {status}: {str(body)[:200]}"
    if isinstance(body, dict) and body.get("success") is False:
        return f"handler refused: {str(body)[:200]}"
    return None


# -- thumbs (the floor) -------------------------------------------------------------------


def thumbs_olx(_n):
    return "<thumbs/>"


# -- drag-and-drop-v2: n items over three zones ---------------------------------------------


def dnd_olx(n):
    zones = [
        {"uid": uid, "title": f"Zone {uid}", "description": f"The {uid} zone", "x": 10 + 160 * i, "y": 30,
         "width": 150, "height": 150, "align": "center"}
        for i, uid in enumerate(("top", "middle", "bottom"))
    ]
    items = [
        {"displayName": f"Item {i}", "id": i, "imageURL": "",
         "zones": [zones[i % 3]["uid"]],
         "feedback": {"correct": f"Correct, item {i} goes here.", "incorrect": f"No, item {i} does not go here."}}
        for i in range(n)
    ]
    data = {"targetImgDescription": "Three zones", "zones": zones, "items": items,
            "feedback": {"start": "Drag the items.", "finish": "Well done."}}
    return f"<drag-and-drop-v2 display_name=\"DnD bench\" data={quoteattr(json.dumps(data))}/>"


# -- poll: n answers ------------------------------------------------------------------------


def poll_olx(n):
    answers = [[f"a{i}", {"label": f"Answer {i}", "img": None,
                          "img_alt": None}] for i in range(n)]
    tally = {f"a{i}": 0 for i in range(n)}
    return ("<poll display_name=\"Poll bench\" question=\"## Which answer?\" "
            f"answers={quoteattr(json.dumps(answers))} tally={quoteattr(json.dumps(tally))} "
            "feedback=\"### Thanks&#10;&#10;for voting.\"/>")


# -- branching-xblock: a chain of n nodes, two choices each ----------------------------------


def branching_olx(n):
    nodes = {}
    for i in range(n):
        nid = f"n{i}"
        choices = []
        if i < n - 1:
            choices = [
                {"text": f"Go on from {i}", "target_node_id": f"n{i + 1}", "score": 10},
                {"text": f"Skip from {i}", "target_node_id": f"n{min(i + 2, n - 1)}", "score": 0},
            ]
        nodes[nid] = {"id": nid, "content": f"<p>Node {i}: what happens next?</p>", "choices": choices,
                      "media": {"type": "", "url": "", "alt": ""}, "hint": f"Hint {i}",
                      "left_image_url": "", "right_image_url": "", "left_image_alt_text": "",
                      "right_image_alt_text": "", "overlay_text": False, "transcript_url": ""}
    scenario = {"nodes": nodes, "start_node_id": "n0"}
    return (f"<branching_xblock display_name=\"Branching bench\" enable_scoring=\"true\" "
            f"scenario_data={quoteattr(json.dumps(scenario))}/>")


# -- legal_quiz: synthetic bilingual quiz, n questions, draw="5" -----------------------------


def quiz_olx(n, draw=5):
    parts = [f'<legal_quiz url_name="bench_quiz" display_name="Bench" draw="{draw}" shuffle="true" '
             'mode="practice" show_answer="finished" max_attempts="2">']
    for i in range(1, n + 1):
        parts.append(
            f'<question id="q{i}" kind="single">'
            f'<stem lang="kk"><p>{i}-сұрақ: жұмыс беруші актісіне қанша уақыт ішінде шағым беруге болады?</p></stem>'
            f'<stem lang="ru"><p>Вопрос {i}: в какой срок можно обжаловать акт работодателя?</p></stem>'
            f'<choice id="a" correct="true"><text lang="kk">Бір ай ішінде</text><text lang="ru">В течение месяца</text>'
            f'<feedback lang="kk">Дұрыс: бір ай.</feedback><feedback lang="ru">Верно: один месяц.</feedback></choice>'
            f'<choice id="b"><text lang="kk">Бір жыл ішінде</text><text lang="ru">В течение года</text>'
            f'<feedback lang="kk">Жоқ.</feedback><feedback lang="ru">Нет.</feedback></choice>'
            f'<choice id="c"><text lang="kk">Мерзімсіз</text><text lang="ru">Без срока</text></choice>'
            f'<explanation lang="kk"><p>Еңбек кодексінің 160-бабы.</p></explanation>'
            f'<explanation lang="ru"><p>Статья 160 Трудового кодекса.</p></explanation>'
            f'<cite norm="labour-code.160"/></question>')
    parts.append("</legal_quiz>")
    return "".join(parts)


class _QuizTokens(HTMLParser):
    """Collect (question token -> first choice token) from a learner's rendered quiz HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.current = None
        self.answers: dict = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "fieldset" and "lb-q" in (attrs.get("class") or "").split() and attrs.get("data-q"):
            self.current = attrs["data-q"]
        elif tag == "input" and self.current and attrs.get("value") and self.current not in self.answers:
            self.answers[self.current] = {"choices": [attrs["value"]]}

    def handle_endtag(self, tag):
        if tag == "fieldset":
            self.current = None


def quiz_payload(html):
    parser = _QuizTokens()
    parser.feed(html)
    if not parser.answers:
        raise RuntimeError("no <fieldset class=\"lb-q\" data-q=...> with inputs found in the quiz HTML")
    return {"answers": parser.answers}


# -- legal_case_study: a chain of n bilingual scenes, two choices each, two endings ---------------


def case_olx(n):
    parts = ['<legal_case_study url_name="bench_case" display_name="Bench case" default_language="kk" '
             'max_attempts="0" allow_back="true" keep_best="true" scoring="ending" start="s1">'
             '<variable id="days" type="counter" initial="0"><label lang="kk">Өткен күндер</label>'
             '<label lang="ru">Прошло дней</label></variable>']
    for i in range(1, n + 1):
        nxt = f"s{i + 1}" if i < n else "good"
        parts.append(
            f'<scene id="s{i}"><title lang="kk">{i}-қадам</title><title lang="ru">Шаг {i}</title>'
            f'<body lang="kk"><p>Жұмыс беруші сізді {i}-күні жұмыстан шығарды. Не істейсіз?</p></body>'
            f'<body lang="ru"><p>Работодатель уволил вас на {i}-й день. Что вы делаете?</p></body>'
            f'<choice id="go" target="{nxt}"><label lang="kk">Актіні талап ету</label>'
            f'<label lang="ru">Потребовать акт</label><effect var="days" op="add" value="1"/>'
            f'<deadline var="days" max="{n + 10}" late_target="poor"><message lang="kk">Мерзім өтті.</message>'
            f'<message lang="ru">Срок прошёл.</message></deadline>'
            f'<feedback lang="kk">Дұрыс қадам.</feedback><feedback lang="ru">Верный шаг.</feedback>'
            f'<cite norm="labour-code.160"/></choice>'
            f'<choice id="wait" target="poor"><label lang="kk">Күту</label><label lang="ru">Ждать</label></choice>'
            f'</scene>')
    for eid, rating, credit in (("good", "best", "1"), ("poor", "poor", "0")):
        parts.append(
            f'<ending id="{eid}" rating="{rating}" credit="{credit}"><title lang="kk">Соңы {eid}</title>'
            f'<title lang="ru">Итог {eid}</title><body lang="kk"><p>Нәтиже.</p></body>'
            f'<body lang="ru"><p>Результат.</p></body>'
            f'<step><text lang="kk">Келісу комиссиясына жүгіну</text>'
            f'<text lang="ru">Обратиться в согласительную комиссию</text>'
            f'<authority lang="kk">Комиссия</authority><authority lang="ru">Комиссия</authority>'
            f'<deadline lang="kk">Бір ай</deadline><deadline lang="ru">Один месяц</deadline>'
            f'<documents lang="kk">Акт</documents><documents lang="ru">Акт</documents>'
            f'<cite norm="labour-code.160"/></step></ending>')
    parts.append("</legal_case_study>")
    return "".join(parts)


def trial_olx(n):
    """The case chain as a mock trial: one role (its brief) starts at the first scene."""
    xml = case_olx(n).replace('<legal_case_study url_name="bench_case" display_name="Bench case"',
                              '<legal_mock_trial url_name="bench_trial" display_name="Bench trial"')
    xml = xml.replace(' start="s1">', '>', 1).replace("</legal_case_study>", "</legal_mock_trial>")
    head, _, rest = xml.partition(">")
    trial = ('<case_file lang="kk"><p>Іс материалдары.</p></case_file><case_file lang="ru"><p>Материалы дела.</p>'
             '</case_file><role id="plaintiff" start="s1"><name lang="kk">Талап қоюшының өкілі</name>'
             '<name lang="ru">Представитель истца</name><brief lang="kk"><p>Сіздің рөліңіз.</p></brief>'
             '<brief lang="ru"><p>Ваша роль.</p></brief></role>')
    return f"{head}>{trial}{rest}"


def trial_payload(html):
    match = re.search(r'data-role="([^"]+)"', html)
    if not match:
        raise RuntimeError('no data-role=... button in the mock trial HTML')
    return {"role": match.group(1)}


def case_payload(html):
    match = re.search(r'data-action="choose"[^>]*?data-choice="([^"]+)"', html) or re.search(
        r'data-choice="([^"]+)"[^>]*?data-action="choose"', html)
    if not match:
        raise RuntimeError('no data-action="choose" data-choice=... button in the case study HTML')
    return {"choice": match.group(1)}


BLOCKS = [
    BlockSpec("thumbs", "thumbs (SDK, floor)", "thumbs", None, thumbs_olx, "vote",
              lambda html: {"voteType": "up"}, _status_ok, growth=False),
    BlockSpec("legal_quiz", "**legal_quiz** (ours)", "legal_quiz", "legal-basics-xblock", quiz_olx, "submit",
              quiz_payload, _status_ok, ours=True, growth_unit="questions, draw 5"),
    BlockSpec("legal_case_study", "**legal_case_study** (ours)", "legal_case_study", "legal-basics-xblock",
              case_olx, "choose", case_payload, _status_ok, ours=True, growth_unit="scenes",
              targets=("render", "handler", "bytes", "growth")),
    BlockSpec("legal_mock_trial", "**legal_mock_trial** (ours)", "legal_mock_trial", "legal-basics-xblock",
              trial_olx, "choose_role", trial_payload, _status_ok, ours=True, growth_unit="scenes",
              targets=("render", "handler", "bytes", "growth")),
    BlockSpec("dnd", "drag-and-drop-v2", "drag-and-drop-v2", "xblock-drag-and-drop-v2", dnd_olx, "drop_item",
              lambda html: {"val": 0, "zone": "top", "x_percent": "10%", "y_percent": "10%"}, _status_ok,
              growth_unit="items"),
    BlockSpec("branching", "branching-xblock", "branching_xblock", "branching-xblock", branching_olx,
              "select_choice", lambda html: {"choice_index": 0}, _success_ok, growth_unit="nodes"),
    BlockSpec("poll", "xblock-poll", "poll", "xblock-poll", poll_olx, "vote",
              lambda html: {"choice": "a0"}, _success_ok, growth_unit="answers"),
]


# ----------------------------------------------------------------------------------------
# Phase 2: measuring (inside the venv)
# ----------------------------------------------------------------------------------------


def median(values):
    return statistics.median(values) if values else float("nan")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _keep_real_fields(runtime_cls):
    """The demo's and tests' fix (devserver/workbench_fix.py): the workbench's per-call attributes for
    every block, minus overwriting real fields such as ``due``."""
    sys.path.insert(0, str(ROOT))
    from devserver.workbench_fix import keep_real_fields  # noqa: PLC0415

    keep_real_fields(runtime_cls)


class Bench:
    def __init__(self, args, workdir: Path):
        import warnings  # noqa: PLC0415

        warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
        warnings.filterwarnings("ignore", message=r"datetime.datetime.utcnow\(\) is deprecated")
        import django  # noqa: PLC0415

        self.args = args
        os.chdir(workdir)
        (workdir / "var").mkdir(exist_ok=True)
        db = workdir / "bench.sqlite3"
        os.environ["DJANGO_SETTINGS_MODULE"] = "workbench.settings"
        os.environ["WORKBENCH_DATABASES"] = json.dumps(
            {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(db)}})
        django.setup()
        from django.core.management import call_command  # noqa: PLC0415

        call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
        from django.conf import settings  # noqa: PLC0415
        from django.db import connection  # noqa: PLC0415
        from django.test import Client  # noqa: PLC0415
        from django.test.utils import CaptureQueriesContext  # noqa: PLC0415
        from workbench import scenarios  # noqa: PLC0415
        from workbench.runtime import WorkbenchRuntime  # noqa: PLC0415

        scenarios.get_scenarios.initialized = True  # never run init_scenarios(): one broken block breaks all
        _keep_real_fields(WorkbenchRuntime)
        self.settings = settings
        self.connection = connection
        self.CaptureQueriesContext = CaptureQueriesContext
        self.scenarios = scenarios
        self.Runtime = WorkbenchRuntime
        self.client = Client(enforce_csrf_checks=True)
        self.token = None
        self.configs: dict = {}  # (key, n) -> (scenario name, usage id)
        self.learner_seq = 0

    # -- setup -------------------------------------------------------------------------

    def load(self, spec: BlockSpec, n: int):
        """Parse one configuration under its own scenario slug (never re-parse into the same ids)."""
        scname = f"bench_{spec.key}.n{n}"
        self.scenarios.add_xml_scenario(scname, f"bench {spec.key} n{n}", spec.olx(n))
        self.configs[(spec.key, n)] = (scname, self.scenarios.SCENARIOS[scname].usage_id)

    def csrf(self, scname):
        resp = self.client.get(f"/scenario/{scname}/")
        if resp.status_code != 200:
            raise RuntimeError(f"scenario page {scname}: HTTP {resp.status_code}")
        self.token = self.client.cookies["csrftoken"].value

    # -- primitives --------------------------------------------------------------------

    def new_learner(self, prefix):
        self.learner_seq += 1
        return f"{prefix}{self.learner_seq}"

    def render(self, usage_id, student):
        return self.Runtime(student).get_block(usage_id).render("student_view", {})

    def timed_render(self, usage_id, student):
        t0 = time.perf_counter()
        self.Runtime(student).get_block(usage_id).render("student_view", {})
        return (time.perf_counter() - t0) * 1000

    def post(self, spec, usage_id, student, payload):
        url = f"/handler/{usage_id}/{spec.handler}/?student={student}"
        body = json.dumps(payload)
        t0 = time.perf_counter()
        resp = self.client.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=self.token)
        ms = (time.perf_counter() - t0) * 1000
        try:
            data = json.loads(resp.content or b"null")
        except ValueError:
            data = resp.content[:200]
        err = spec.check(resp.status_code, data)
        if err:
            raise RuntimeError(f"{spec.key}.{spec.handler} for {student}: {err}")
        return ms

    def first_submission(self, spec, usage_id, student):
        """A learner views the block (untimed), then submits once; returns the POST's ms."""
        html = self.render(usage_id, student).body_html()
        return self.post(spec, usage_id, student, spec.payload(html))

    def steady_learner(self, spec, n):
        """A learner who has viewed and submitted once: the render columns' learner."""
        usage_id = self.configs[(spec.key, n)][1]
        student = self.new_learner(f"steady-{spec.key}-{n}-")
        self.first_submission(spec, usage_id, student)
        self.render(usage_id, student)
        return student

    def sql_per_render(self, usage_id, student):
        with self.CaptureQueriesContext(self.connection) as ctx:
            self.render(usage_id, student)
        return len(ctx.captured_queries)

    def template_lookup_failures(self, usage_id, student):
        """Django template variable lookups that failed during one render.

        The workbench logs each at DEBUG (logger ``django.template``) with a formatted traceback
        into var/workbench.log, which is part of the measured render time.
        """
        import logging  # noqa: PLC0415

        class Count(logging.Handler):
            n = 0

            def emit(self, record):
                if "while resolving variable" in str(record.msg):
                    Count.n += 1

        handler = Count(level=logging.DEBUG)
        logger = logging.getLogger("django.template")
        logger.addHandler(handler)
        try:
            self.render(usage_id, student)
        finally:
            logger.removeHandler(handler)
        return Count.n

    def learner_bytes(self, spec, usage_id):
        """A fresh learner's first view: the block's own HTML + inline/URL JS and CSS."""
        student = self.new_learner(f"bytes-{spec.key}-")
        frag = self.render(usage_id, student)
        parts = {"html": [frag.body_html().encode()], "js": [], "css": []}
        seen = set()
        excluded = self.settings.STATIC_URL + "workbench/"  # jQuery, jquery.cookie, runtime JS
        files, missing = [], []
        for res in frag.resources:
            if res.kind == "text":
                kind = {"text/css": "css", "application/javascript": "js", "text/javascript": "js"}.get(
                    res.mimetype, "html")
                parts[kind].append(res.data.encode())
                files.append((kind, f"inline {res.mimetype}", len(res.data.encode())))
            elif res.kind == "url" and not res.data.startswith(excluded):
                seen.add(res.data)
                kind = "css" if res.mimetype == "text/css" else "js"
                content = self._fetch(res.data, missing)
                parts[kind].append(content)
                files.append((kind, res.data, len(content)))
        # URLs the block's JS loads itself (e.g. style_urls in the JSON init args).
        for url in sorted(set(re.findall(r"/resource/[^\"'\s<>\\]+\.(?:js|css)", frag.body_html()))):
            if url in seen:
                continue
            seen.add(url)
            kind = "css" if url.endswith(".css") else "js"
            content = self._fetch(url, missing)
            parts[kind].append(content)
            files.append((kind, url, len(content)))
        raw = {k: sum(len(p) for p in v) for k, v in parts.items()}
        gzipped = sum(gz(p) for v in parts.values() for p in v)
        return {"raw": raw, "total": sum(raw.values()), "gzip": gzipped, "files": files, "missing": missing}

    def _fetch(self, url, missing):
        """The resource's bytes; a URL that does not answer 200 is recorded and counts as 0 bytes."""
        resp = self.client.get(url)
        if resp.status_code != 200:
            missing.append(f"{url} (HTTP {resp.status_code})")
            return b""
        return b"".join(resp) if resp.streaming else resp.content


def available_blocks(args):
    """Specs whose entry point loads; the others are reported with the reason."""
    from xblock.core import XBlock  # noqa: PLC0415

    ok, missing = [], {}
    wanted = set(args.blocks.split(",")) if args.blocks else None
    for spec in BLOCKS:
        if wanted and spec.key not in wanted and spec.key != "thumbs":
            continue
        try:
            XBlock.load_class(spec.tag)
        except Exception as exc:  # noqa: BLE001 - any import error means "not available"
            missing[spec.key] = f"{type(exc).__name__}: {exc}"[:300]
            continue
        ok.append(spec)
    return ok, missing


def dist_version(dist):
    from importlib import metadata  # noqa: PLC0415

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def inner_main(args):
    meta = json.loads(os.environ.get(INNER_ENV) or "{}")
    notes = list(meta.get("notes", []))
    workdir = BENCH / "work"
    if workdir.exists():
        shutil.rmtree(workdir)  # fresh workbench database for every run
    workdir.mkdir(parents=True)
    load_before = _loadavg()
    bench = Bench(args, workdir)
    specs, missing = available_blocks(args)
    for key, why in missing.items():
        log(f"NOTE: {key} unavailable: {why}")
    rounds, samples = args.rounds, args.samples
    gsamples = max(3, samples // 5)
    growth_ns = GROWTH_NS
    log(f"blocks: {', '.join(s.key for s in specs)}; rounds={rounds} samples={samples} growth samples={gsamples}")

    # Setup: parse every configuration once, into fresh ids.
    t_setup = time.perf_counter()
    failed = {}
    for spec in specs:
        try:
            for n in (growth_ns if spec.growth else (MAIN_N,)):
                bench.load(spec, n)
        except Exception as exc:  # noqa: BLE001
            failed[spec.key] = f"parse failed: {type(exc).__name__}: {exc}"[:300]
    specs = [s for s in specs if s.key not in failed]
    bench.csrf(bench.configs[("thumbs", MAIN_N)][0])

    # Steady learners, warm-up, bytes and SQL (untimed setup).
    steady, info = {}, {}
    for spec in list(specs):
        try:
            for n in (growth_ns if spec.growth else (MAIN_N,)):
                usage = bench.configs[(spec.key, n)][1]
                steady[(spec.key, n)] = st = bench.steady_learner(spec, n)
                for _ in range(3 if n <= 50 else 1):
                    bench.render(usage, st)
            usage = bench.configs[(spec.key, MAIN_N)][1]
            for _ in range(3):
                bench.first_submission(spec, usage, bench.new_learner(f"warm-{spec.key}-"))
            info[spec.key] = {
                "bytes": bench.learner_bytes(spec, usage),
                "sql": {n: bench.sql_per_render(bench.configs[(spec.key, n)][1], steady[(spec.key, n)])
                        for n in (growth_ns if spec.growth else (MAIN_N,))},
                "template_failures": bench.template_lookup_failures(usage, steady[(spec.key, MAIN_N)]),
                "version": dist_version(spec.dist) if spec.dist else dist_version("xblock-sdk"),
            }
        except Exception as exc:  # noqa: BLE001
            failed[spec.key] = f"{type(exc).__name__}: {exc}"[:400]
            log(f"NOTE: {spec.key} dropped: {failed[spec.key]}")
            specs.remove(spec)
    if "thumbs" not in {s.key for s in specs}:
        sys.exit("thumbs (the floor) failed: " + failed.get("thumbs", "?"))
    log(f"setup {time.perf_counter() - t_setup:.1f}s")

    # Rounds: interleaved block by block; the block order rotates every round.
    raw = {s.key: {"render": [], "handler": [], "growth": {n: [] for n in growth_ns}} for s in specs}

    def measure_render(spec, r):
        usage = bench.configs[(spec.key, MAIN_N)][1]
        st = steady[(spec.key, MAIN_N)]
        raw[spec.key]["render"].append([bench.timed_render(usage, st) for _ in range(samples)])

    def measure_handler(spec, r):
        usage = bench.configs[(spec.key, MAIN_N)][1]
        raw[spec.key]["handler"].append(
            [bench.first_submission(spec, usage, bench.new_learner(f"h{r}-{spec.key}-")) for _ in range(samples)])

    def measure_growth(spec, r):
        if not spec.growth:
            return
        targets = [(n, bench.configs[(spec.key, n)][1], steady[(spec.key, n)]) for n in growth_ns]
        per_n = {n: [] for n in growth_ns}
        for _ in range(gsamples):  # sizes interleaved sample by sample: load drifts hit all sizes alike
            for n, usage, st in targets:
                per_n[n].append(bench.timed_render(usage, st))
        for n in growth_ns:
            raw[spec.key]["growth"][n].append(per_n[n])

    t0 = time.perf_counter()
    for r in range(rounds):
        order = specs[r % len(specs):] + specs[:r % len(specs)]
        for measure in (measure_render, measure_handler, measure_growth):
            for spec in order:
                if spec not in specs:
                    continue
                try:
                    measure(spec, r)
                except Exception as exc:  # noqa: BLE001 - e.g. block code edited during the run
                    if spec.key == "thumbs":
                        raise
                    failed[spec.key] = f"round {r + 1}: {type(exc).__name__}: {exc}"[:400]
                    log(f"NOTE: {spec.key} dropped: {failed[spec.key]}")
                    specs.remove(spec)
                    raw.pop(spec.key, None)
        log(f"round {r + 1}/{rounds} done ({time.perf_counter() - t0:.0f}s)")

    results = summarise(specs, raw, info)
    validation = measure_validation()
    env = machine_info()
    env["notes"] = notes
    env["venv"] = meta.get("venv", "")
    env["elapsed_s"] = round(time.perf_counter() - t0, 1)
    env["loadavg"] = f"{load_before} before, {env['loadavg']} after"
    unavailable = {**missing, **failed}
    out = {"env": env, "args": vars(args), "results": results, "unavailable": unavailable,
           "raw": raw, "validation": validation}
    stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    (BENCH / "results").mkdir(exist_ok=True)
    (BENCH / "results" / f"bench-{stamp}.json").write_text(json.dumps(out, indent=1, default=str))
    table = markdown_table(specs, results, unavailable)
    print(table)
    print()
    print(targets_text(specs, results))
    print(validation_text(validation))
    for note in notes:
        print(f"\nNOTE: {note}")
    if args.write_docs:
        write_docs(args, env, specs, results, unavailable, table + "\n\n" + validation_text(validation))
        log(f"wrote {DOCS_FILE.relative_to(ROOT)}")


def measure_validation(runs: int = 15) -> dict:
    """Median time of the one validator on synthetic content: 500-node scenario, 500-question quiz."""
    from legal_basics_xblock.content.validate import validate_quiz
    from legal_basics_xblock.content.validate_scenario import validate_scenario
    from legal_basics_xblock.olx.quiz import parse_quiz
    from legal_basics_xblock.olx.safe_xml import parse_xml
    from legal_basics_xblock.olx.scenario import parse_scenario

    cases = {
        "legal_case_study, 500 scenes": (validate_scenario, parse_scenario(parse_xml(case_olx(500)))[0]),
        "legal_quiz, 500 questions": (validate_quiz, parse_quiz(parse_xml(quiz_olx(500)))[0]),
    }
    results = {}
    for name, (validate, document) in cases.items():
        validate(document, {})
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            validate(document, {})
            times.append((time.perf_counter() - started) * 1000)
        results[name] = {"median": median(times), "min": min(times), "max": max(times)}
    return results


def validation_text(validation: dict) -> str:
    lines = ["Validation time (the one validator used by OLX import, Studio save and the course build; median of 15):"]
    for name, t in validation.items():
        verdict = ""
        if name.startswith("legal_case_study"):
            passed = t["median"] < TARGET_VALIDATE_MS
            verdict = f" — target < {TARGET_VALIDATE_MS:.0f} ms: {'PASS' if passed else 'FAIL'}"
        lines.append(f"- {name}: {t['median']:.1f} ms ({t['min']:.1f}–{t['max']:.1f}){verdict}")
    return "\n".join(lines)


def summarise(specs, raw, info):
    thumbs = raw["thumbs"]
    results = {}
    for spec in specs:
        r = raw[spec.key]
        res = {"label": spec.label, "version": info[spec.key]["version"], "ours": spec.ours,
               "bytes": info[spec.key]["bytes"], "sql": info[spec.key]["sql"], "growth_unit": spec.growth_unit,
               "template_failures": info[spec.key]["template_failures"]}
        for what in ("render", "handler"):
            pooled = [x for rnd in r[what] for x in rnd]
            ratios = [median(b) / median(t) for b, t in zip(r[what], thumbs[what])]
            res[what] = {"median": median(pooled), "min": min(pooled), "max": max(pooled),
                         "xT": median(ratios), "xT_rounds": ratios}
        if spec.growth:
            g = r["growth"]
            res["growth_ms"] = {n: median([x for rnd in g[n] for x in rnd]) for n in GROWTH_NS}
            res["growth"] = {n: median([median(a) / median(b) for a, b in zip(g[n], g[GROWTH_NS[0]])])
                             for n in GROWTH_NS[1:]}
        results[spec.key] = res
    return results


def kib(n):
    return n / 1024


def _fmt_bytes(b):
    raw = b["raw"]
    text = (f"{kib(raw['html']):.1f}/{kib(raw['js']):.1f}/{kib(raw['css']):.1f} = "
            f"{kib(b['total']):.1f} ({kib(b['gzip']):.1f})")
    if b["missing"]:
        text += "<br>⚠ not served: " + ", ".join(f"`{m}`" for m in b["missing"])
    return text


def target_checks(res, wanted=("render", "handler", "bytes", "growth")):
    checks = [
        ("render", f"render ≤ {TARGET_RATIO}×T", res["render"]["xT"], res["render"]["xT"] <= TARGET_RATIO,
         f"{res['render']['xT']:.2f}×T"),
        ("handler", f"handler ≤ {TARGET_RATIO}×T", res["handler"]["xT"], res["handler"]["xT"] <= TARGET_RATIO,
         f"{res['handler']['xT']:.2f}×T"),
        ("bytes", f"learner bytes ≤ {TARGET_KIB:.0f} KiB", kib(res["bytes"]["total"]),
         kib(res["bytes"]["total"]) <= TARGET_KIB and not res["bytes"]["missing"],
         f"{kib(res['bytes']['total']):.1f} KiB" + (", resources missing" if res["bytes"]["missing"] else "")),
    ]
    if "growth" in res:
        g = res["growth"][GROWTH_NS[-1]]
        checks.append(("growth", f"growth n={GROWTH_NS[-1]}/n={GROWTH_NS[0]} ≤ {TARGET_GROWTH}", g,
                       g <= TARGET_GROWTH, f"×{g:.2f}"))
    return [c for c in checks if c[0] in wanted]


def markdown_table(specs, results, unavailable):
    head = ("| block | render ms median (min–max) | render ×T | handler ms median (min–max) | handler ×T "
            "| learner KiB HTML/JS/CSS = total (gzip) | render growth ×(n=50/5), ×(n=500/5) | SQL/render n=5 (n=500) "
            "| targets |")
    lines = [head, "|" + "---|" * 9]
    for spec in specs:
        res = results[spec.key]
        label = spec.label if spec.key == "thumbs" else f"{spec.label} {res['version']}"
        rd, hd = res["render"], res["handler"]
        growth = "–"
        if "growth" in res:
            growth = f"×{res['growth'][50]:.2f}, ×{res['growth'][500]:.2f} ({spec.growth_unit})"
        sql = res["sql"]
        sql_txt = f"{sql[MAIN_N]}" + (f" ({sql[500]})" if 500 in sql else "")
        targets = "–"
        if spec.ours:
            targets = "<br>".join(f"{name}: {'PASS' if ok else '**FAIL**'} ({shown})"
                                  for name, _t, _v, ok, shown in target_checks(res, spec.targets))
        lines.append(
            f"| {label} | {rd['median']:.2f} ({rd['min']:.2f}–{rd['max']:.2f}) | {rd['xT']:.2f} "
            f"| {hd['median']:.2f} ({hd['min']:.2f}–{hd['max']:.2f}) | {hd['xT']:.2f} "
            f"| {_fmt_bytes(res['bytes'])} | {growth} | {sql_txt} | {targets} |")
    for key, why in unavailable.items():
        spec = next((s for s in BLOCKS if s.key == key), None)
        label = spec.label if spec else key
        lines.append(f"| {label} | not measured: {why.replace('|', '/')} | | | | | | | |")
    return "\n".join(lines)


def targets_text(specs, results):
    out = []
    for spec in specs:
        if not spec.ours:
            continue
        res = results[spec.key]
        missed = [f"{t} ({shown})" for _n, t, _v, ok, shown in target_checks(res, spec.targets) if not ok]
        out.append(f"{spec.key}: " + ("all targets met" if not missed else "MISSED: " + "; ".join(missed)))
    return "\n".join(out) if out else "our blocks were not measured (see the table)"


def _loadavg():
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def machine_info():
    import django  # noqa: PLC0415

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "python": platform.python_version(),
        "xblock": dist_version("XBlock"),
        "xblock_sdk": dist_version("xblock-sdk"),
        "django": django.get_version(),
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "os": platform.platform(),
        "date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "loadavg": _loadavg(),
    }


def command_line(args):
    cmd = ["python3", "scripts/benchmark.py"]
    if args.quick:
        cmd.append("--quick")
    else:
        if args.rounds != 5:
            cmd += ["--rounds", str(args.rounds)]
        if args.samples != 50:
            cmd += ["--samples", str(args.samples)]
    if args.blocks:
        cmd += ["--blocks", args.blocks]
    cmd.append("--write-docs")
    return " ".join(cmd)


def write_docs(args, env, specs, results, unavailable, table):
    bytes_detail = []
    for spec in specs:
        files = results[spec.key]["bytes"]["files"]
        listed = ", ".join(f"{name} {kib(size):.1f}" for _k, name, size in files) or "none"
        bytes_detail.append(f"- {spec.key}: {listed}")
    notes = "".join(f"\n> **Note:** {n}\n" for n in env["notes"])
    failures = ", ".join(f"{s.key} {results[s.key]['template_failures']}" for s in specs)
    growth_ms = []
    for spec in specs:
        g = results[spec.key].get("growth_ms")
        if g:
            growth_ms.append(f"- {spec.key}: " + ", ".join(f"n={n} {ms:.1f} ms" for n, ms in g.items()))
    text = f"""# Benchmarks

Server-side cost and page weight of our blocks next to peer XBlocks, measured in the xblock-sdk workbench.
Generated by `scripts/benchmark.py` (a script, not a test: it is never part of the test suite). Absolute milliseconds
drift with machine load; compare the **×T** columns (ratio to the SDK's trivial `thumbs` block in the same round).

## Run

- Command: `{command_line(args)}` (from the repository root; {args.rounds} rounds × {args.samples} samples,
  growth {max(3, args.samples // 5)} samples per size per round; {env['elapsed_s']} s of measuring)
- Date: {env['date']}
- Machine: {env['cpus']} CPUs ({env['cpu'] or 'unknown CPU'}), {env['os']}; load average (1/5/15 min)
  {env['loadavg']} the run
- Python {env['python']}, XBlock {env['xblock']}, xblock-sdk {env['xblock_sdk']}, Django {env['django']}
  (benchmark venv `{env['venv']}`, peers pinned in `scripts/bench_peers.txt`)
{notes}
## Results

{table}

{targets_text(specs, results)}

Render medians by size (ms):
{chr(10).join(growth_ms)}

Django template variable lookups that failed in one steady-state render (the workbench logs each at DEBUG with a
formatted traceback, inside the measured time): {failures}.

Learner bytes by file (KiB, raw):
{chr(10).join(bytes_detail)}

## Targets (our blocks)

| target | limit |
|---|---|
| render (`legal_quiz`, `legal_case_study`) | ≤ {TARGET_RATIO}× thumbs (median of per-round ratios) |
| handler (`legal_quiz` `submit`, `legal_case_study` `choose`) | ≤ {TARGET_RATIO}× thumbs (median of per-round ratios) |
| learner bytes (both) | ≤ {TARGET_KIB:.0f} KiB raw (HTML + JS + CSS) |
| render growth (`legal_quiz` `draw="5"`; `legal_case_study` renders one scene) | n=500 / n=5 ≤ {TARGET_GROWTH} |
| validating a 500-node scenario | < {TARGET_VALIDATE_MS:.0f} ms |

## Method

Reproduces `shared/research/perf-baselines.md`:

- **One process**, the workbench's Django settings (`workbench.settings`, SQLite key-value store, its logging), a fresh
  database per run in `.bench/work/`. Every configuration (block × size) is parsed once under its own scenario slug, so
  no scenario is ever re-parsed into existing ids (that would duplicate children). `init_scenarios()` is never called,
  so other installed blocks cannot break the run.
- The workbench's `WorkbenchRuntime._patch_xblock` (run before every render and handler call) sets `due = utcnow()`
  and a few LTI attributes; on a block with a real `due` field that closes every submission (HTTP 403). The
  benchmark keeps that work for every block but skips attributes that are real fields of the block.
- **Interleaved**: each round measures every block in turn (the start block rotates each round), first render, then
  handler, then growth (sizes interleaved sample by sample). ×T = block median ÷ thumbs median **in the same round**,
  then the median over rounds. The millisecond columns give the median and min–max of all samples pooled.
- **render**: `WorkbenchRuntime(student).get_block(usage_id).render("student_view", {{}})` for a learner who already has
  state (viewed the block and submitted once), including every field read from the SQLite key-value store.
- **handler**: Django test client `POST /handler/<usage>/<handler>/?student=<id>` with CSRF enforced
  (`Client(enforce_csrf_checks=True)`, token from the `csrftoken` cookie of a scenario page, sent as `X-CSRFToken`).
  Each call is a fresh learner's first submission; the learner's view is rendered first, outside the timed part (our
  quiz's opaque question/choice tokens are parsed from that HTML, one choice per question). Handlers: thumbs `vote`,
  legal_quiz `submit`, legal_case_study `choose` (first choice of the first scene), drag-and-drop-v2 `drop_item`
  (standard mode), branching `select_choice`, poll `vote`; a
  non-200 or refused answer aborts that block instead of being timed.
- **learner bytes**: a fresh learner's first view: the wrapped fragment HTML (incl. the JSON init args), inline JS/CSS,
  and JS/CSS fetched from `/resource/...` URLs (fragment resources and URLs in the HTML/init args, e.g. branching's
  `style_urls`). The workbench's jQuery, jquery-migrate, jquery.cookie and runtime JS are excluded (the LMS provides
  its own). gzip = each part compressed separately (level 6), summed. Images are not counted.
- **render growth**: the same render at n = 5, 50, 500: our quiz has n synthetic bilingual (kk/ru) questions with
  `draw="5"`; our case study a chain of n bilingual scenes (2 choices each, 2 endings); drag-and-drop-v2 n items
  over 3 zones; poll n Markdown answers; branching a chain of n nodes (over its
  30-node editor limit at 50/500, as OLX allows). Growth = median over rounds of (median at n ÷ median at 5).
- **SQL/render**: queries executed by one steady-state render (`CaptureQueriesContext`), at n = 5 and 500.
- Raw samples of every run: `.bench/results/bench-*.json` (git-ignored).
"""
    DOCS_FILE.parent.mkdir(exist_ok=True)
    DOCS_FILE.write_text(text)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 rounds x 6 samples")
    parser.add_argument("--write-docs", action="store_true", help="rewrite docs/benchmarks.md")
    parser.add_argument("--blocks", default="", help="comma-separated row keys (thumbs is always measured)")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.samples = 2, 6
    if args.rounds < 1 or args.samples < 1:
        parser.error("--rounds and --samples must be >= 1")
    return args


def main():
    argv = sys.argv[1:]
    args = parse_args(argv)
    if os.environ.get(INNER_ENV) is None:
        outer_main(argv)
    else:
        inner_main(args)


if __name__ == "__main__":
    main()

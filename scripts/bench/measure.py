"""One sample at a time in the workbench: a render, a handler call, the SQL of a render.

``Bench`` owns the Django set-up (workbench settings, the storage of :mod:`.storage`) and the
parsed configurations; the loop in :mod:`.rounds` decides what is sampled when.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import warnings
from pathlib import Path

from .config import ROOT
from .storage import database_settings


def _keep_real_fields(runtime_cls):
    """The demo's and tests' fix (devserver/workbench_fix.py): the workbench's per-call attributes for
    every block, minus overwriting real fields such as ``due``."""
    sys.path.insert(0, str(ROOT))
    from devserver.workbench_fix import keep_real_fields  # noqa: PLC0415

    keep_real_fields(runtime_cls)


def setup_django(workdir: Path) -> None:
    """The workbench's own settings on a fresh database in ``workdir`` (which becomes the cwd: its log
    handler writes to ./var/)."""
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
    warnings.filterwarnings("ignore", message=r"datetime.datetime.utcnow\(\) is deprecated")
    import django  # noqa: PLC0415

    os.chdir(workdir)
    (workdir / "var").mkdir(exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "workbench.settings"
    os.environ["WORKBENCH_DATABASES"] = json.dumps(database_settings(workdir / "bench.sqlite3"))
    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)


class _TemplateFailures(logging.Handler):
    """Counts the workbench's DEBUG records of failed template variable lookups."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.count = 0

    def emit(self, record):
        if "while resolving variable" in str(record.msg):
            self.count += 1


class Bench:
    """The workbench in this process: parsed configurations, a CSRF-enforcing client, learners."""

    def __init__(self, workdir: Path):
        setup_django(workdir)
        from django.conf import settings  # noqa: PLC0415
        from django.db import connection  # noqa: PLC0415
        from django.test import Client  # noqa: PLC0415
        from workbench import scenarios  # noqa: PLC0415
        from workbench.runtime import WorkbenchRuntime  # noqa: PLC0415

        scenarios.get_scenarios.initialized = True  # never run init_scenarios(): one broken block breaks all
        _keep_real_fields(WorkbenchRuntime)
        self.settings, self.connection, self.scenarios = settings, connection, scenarios
        self.Runtime = WorkbenchRuntime
        self.client = Client(enforce_csrf_checks=True)
        self.token = None
        self.configs: dict = {}  # (key, n) -> (scenario name, usage id)
        self.learner_seq = 0

    # -- setup -------------------------------------------------------------------------

    def storage(self) -> dict:
        """The SQLite PRAGMAs as the database reports them, so the docs state what was in force."""
        with self.connection.cursor() as cursor:
            synchronous = cursor.execute("PRAGMA synchronous").fetchone()[0]
            journal = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        return {"synchronous": {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}.get(synchronous, synchronous),
                "journal_mode": str(journal).upper()}

    def parse(self, scname: str, description: str, xml: str) -> str:
        """Parse OLX once under its own scenario slug (never re-parse into the same ids); its usage id."""
        self.scenarios.add_xml_scenario(scname, description, xml)
        return self.scenarios.SCENARIOS[scname].usage_id

    def load(self, spec, n: int) -> None:
        """Parse one configuration of a row; a wrapped scenario is measured on its block, not the page."""
        scname = f"bench_{spec.key}.n{n}"
        usage = self.parse(scname, f"bench {spec.key} n{n}", spec.olx(n))
        if spec.wrapped:
            usage = self.Runtime("bench-loader").get_block(usage).children[0]
        self.configs[(spec.key, n)] = (scname, usage)

    def usage(self, spec, n: int) -> str:
        return self.configs[(spec.key, n)][1]

    def csrf(self, scname: str) -> None:
        """A scenario page sets the csrftoken cookie; every POST then sends it as X-CSRFToken."""
        resp = self.client.get(f"/scenario/{scname}/")
        if resp.status_code != 200:
            raise RuntimeError(f"scenario page {scname}: HTTP {resp.status_code}")
        self.token = self.client.cookies["csrftoken"].value

    # -- primitives --------------------------------------------------------------------

    def new_learner(self, prefix: str) -> str:
        self.learner_seq += 1
        return f"{prefix}{self.learner_seq}"

    def render(self, usage_id, student):
        return self.Runtime(student).get_block(usage_id).render("student_view", {})

    def timed_render(self, usage_id, student) -> float:
        t0 = time.perf_counter()
        self.Runtime(student).get_block(usage_id).render("student_view", {})
        return (time.perf_counter() - t0) * 1000

    def post(self, spec, handler, usage_id, student, payload) -> float:
        """One CSRF-checked handler POST through Django; a refusal raises instead of being timed."""
        url = f"/handler/{usage_id}/{handler}/?student={student}"
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
            raise RuntimeError(f"{spec.key}.{handler} for {student}: {err}")
        return ms

    def first_submission(self, spec, usage_id, student) -> float:
        """A learner views the block (untimed), makes the untimed calls before it, then the measured
        call once; returns that POST's ms."""
        html = self.render(usage_id, student).body_html()
        for handler, payload in spec.before:
            self.post(spec, handler, usage_id, student, payload(html))
            html = self.render(usage_id, student).body_html()
        return self.post(spec, spec.handler, usage_id, student, spec.payload(html))

    def steady_learner(self, spec, n: int) -> str:
        """A learner who has viewed and submitted once: the render columns' learner."""
        usage_id = self.usage(spec, n)
        student = self.new_learner(f"steady-{spec.key}-{n}-")
        self.first_submission(spec, usage_id, student)
        self.render(usage_id, student)
        return student

    def sql_per_render(self, usage_id, student) -> int:
        from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

        with CaptureQueriesContext(self.connection) as ctx:
            self.render(usage_id, student)
        return len(ctx.captured_queries)

    def template_lookup_failures(self, usage_id, student) -> int:
        """Django template variable lookups that failed during one render.

        The workbench logs each at DEBUG (logger ``django.template``) with a formatted traceback
        into var/workbench.log, which is part of the measured render time.
        """
        handler = _TemplateFailures()
        logger = logging.getLogger("django.template")
        logger.addHandler(handler)
        try:
            self.render(usage_id, student)
        finally:
            logger.removeHandler(handler)
        return handler.count

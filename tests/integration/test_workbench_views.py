"""The workbench pages and handler URLs as a browser reaches them (Django test client, CSRF on)."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(name="scenarios")
def _scenarios():
    from workbench.scenarios import SCENARIOS, init_scenarios
    init_scenarios()
    return {name: scenario for name, scenario in SCENARIOS.items() if name.startswith("legal_quiz.")}


def block_html(page: str) -> str:
    """Only the block's own markup (the workbench page also echoes the scenario XML)."""
    start = page.index('<div class="lb-block lb-quiz"')
    return page[start:page.index('<div class="lb-status"', start)]


def test_every_quiz_scenario_renders(scenarios):
    assert len(scenarios) >= 4
    client = Client()
    for name in scenarios:
        response = client.get(f"/scenario/{name}/?student=viewer")
        assert response.status_code == 200, name
        assert 'class="lb-block lb-quiz"' in response.content.decode()


def test_browser_language_is_used_when_the_learner_has_not_chosen(scenarios):
    name = next(iter(sorted(scenarios)))
    ru = block_html(Client(HTTP_ACCEPT_LANGUAGE="ru").get(f"/scenario/{name}/?student=lang-ru").content.decode())
    kk = block_html(Client(HTTP_ACCEPT_LANGUAGE="kk").get(f"/scenario/{name}/?student=lang-kk").content.decode())
    assert 'lang="ru"' in ru and 'lang="kk"' in kk
    assert ru != kk


def test_handlers_need_the_csrf_token(scenarios):
    name = next(iter(sorted(scenarios)))
    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/scenario/{name}/?student=csrf").content.decode()
    usage = re.search(r"data-usage='([^']+\.legal_quiz\.[^']+)'", page).group(1)
    url = f"/handler/{usage}/set_language/?student=csrf"
    assert client.post(url, json.dumps({"language": "ru"}), content_type="application/json").status_code == 403
    token = client.cookies["csrftoken"].value
    response = client.post(url, json.dumps({"language": "ru"}), content_type="application/json",
                           HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert 'lang="ru"' in response.json()["html"]


def test_static_files_are_served_by_url(scenarios):
    client = Client()
    for path in ("public/min/quiz.js", "public/min/quiz.css", "public/quiz.js"):
        response = client.get(f"/resource/legal_quiz/{path}")
        assert response.status_code == 200
    for forbidden in ("templates/quiz.html", "public/../blocks/quiz.py", "data/norms.json"):
        assert client.get(f"/resource/legal_quiz/{forbidden}").status_code == 404

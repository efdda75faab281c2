"""Bundled kk/ru UI catalogs: they load, are complete, keep placeholders and reach the rendered pages."""

from __future__ import annotations

import gettext
import importlib.util
import os
import string
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from legal_basics_xblock.rendering import templates
from tests.conftest import fixture_xml

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "legal_basics_xblock"
LOCALE = PACKAGE / "conf" / "locale"
SCRIPT = ROOT / "scripts" / "i18n.py"

# Key learner-facing strings and the agreed terms for them.
KEY_TERMS = {
    "Submit": ("Жіберу", "Отправить"),
    "Question": ("Сұрақ", "Вопрос"),
    "Hint": ("Кеңес", "Подсказка"),
    "Explanation": ("Түсіндірме", "Пояснение"),
    "Correct answer": ("Дұрыс жауап", "Правильный ответ"),
    "Try again": ("Қайта тапсыру", "Попробовать ещё раз"),
    "Show answer": ("Жауапты көрсету", "Показать ответ"),
}
KEY_STRINGS = [
    "Submit", "Show answer", "Try again", "Finish the exam", "Show a hint", "Question", "Hint", "Explanation",
    "Correct answer", "Your score", "Choose an answer", "Move up", "Move down", "Content language",
    "Correct", "Partly correct", "Incorrect", "Choose one answer.", "Attempts used: {used} of {total}.",
    "The due date has passed; answers can no longer be submitted.", "Your answers were submitted.",
    "Question {number} has no answer yet.", "{what} is missing in: {languages}.", "Legal quiz",
]


def load_script():
    spec = importlib.util.spec_from_file_location("lb_i18n_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def fields(text: str) -> list[str]:
    """The ``str.format`` field names in ``text`` (an implementation independent of the script's)."""
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def catalog(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "text.po"))


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_compiled_catalog_loads_from_the_translations_symlink(language):
    translation = templates.translation(language)
    assert isinstance(translation, gettext.GNUTranslations)
    assert translation.info()["language"] == language
    assert (PACKAGE / "translations" / language / "LC_MESSAGES" / "text.mo").is_file()


def test_translations_is_the_relative_symlink_open_edx_expects():
    link = PACKAGE / "translations"
    assert link.is_symlink()
    assert os.readlink(link) == "conf/locale"


def test_english_is_identity():
    assert templates.translation("en").gettext("Submit") == "Submit"
    assert all(not entry.msgstr for entry in catalog("en") if entry.msgid)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_key_strings_are_translated(language):
    translate = templates.translation(language).gettext
    for message in KEY_STRINGS:
        assert translate(message) != message, f"{language}: {message!r} is not translated"


@pytest.mark.parametrize(("message", "expected"), KEY_TERMS.items())
def test_agreed_terms(message, expected):
    assert templates.translation("kk").gettext(message) == expected[0]
    assert templates.translation("ru").gettext(message) == expected[1]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_entry_is_translated_and_keeps_its_placeholders(language):
    entries = [e for e in catalog(language) if e.msgid and not e.obsolete]
    assert len(entries) > 100
    for entry in entries:
        assert entry.msgstr, f"{language}: untranslated {entry.msgid!r}"
        assert not entry.fuzzy, f"{language}: fuzzy {entry.msgid!r}"
        assert fields(entry.msgstr) == fields(entry.msgid), f"{language}: placeholders of {entry.msgid!r}"
        # Formatting with the msgid's own fields must work (no stray or broken braces).
        entry.msgstr.format(**dict.fromkeys(fields(entry.msgid), "X"))


@pytest.mark.parametrize(("language", "labels"), [
    ("kk", ["Жіберу", "Жауапты көрсету", "Қайта тапсыру", "Емтиханды аяқтау", "Мазмұн тілі"]),
    ("ru", ["Отправить", "Показать ответ", "Попробовать ещё раз", "Завершить экзамен", "Язык материалов"]),
    ("en", ["Submit", "Show answer", "Try again", "Finish the exam", "Content language"]),
])
def test_quiz_template_renders_translated_buttons(language, labels):
    context = {"title": "T", "anchor": "lbx", "language": language, "languages": [], "questions": [],
               "can_submit": True, "offer_show_answer": True, "can_retry": True, "can_finish": True}
    html = templates.render("quiz_body.html", context, language)
    for label in labels:
        assert label in html


@pytest.mark.parametrize(("language", "labels"), [
    ("kk", ["Сақтау", "Болдырмау", "Баптаулар", "Сұрақ қосу"]),
    ("ru", ["Сохранить", "Отмена", "Настройки", "Добавить вопрос"]),
])
def test_studio_editor_template_is_translated(language, labels):
    if not (PACKAGE / "templates" / "legal_quiz_edit.html").exists():
        pytest.skip("no Studio editor template")
    html = templates.render("legal_quiz_edit.html", {"anchor": "lbx", "xml": "", "editor_json": "{}"}, language)
    for label in labels:
        assert label in html


@pytest.mark.django_db
def test_workbench_quiz_follows_the_learners_language(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    learner = workbench.learner(usage, "i18n-learner")
    status, reply = learner.call("set_language", {"language": "ru"})
    assert status == 200, reply
    assert "Отправить" in reply["html"] and "Вопрос" in reply["html"]
    assert "Отправить" in learner.html()
    status, reply = learner.call("submit", {"answers": {}})
    assert status == 400
    assert "ответ" in reply["error"], reply  # "На вопрос 1 ещё нет ответа." or similar, in Russian
    status, reply = learner.call("set_language", {"language": "kk"})
    assert status == 200, reply
    assert "Жіберу" in reply["html"] and "Сұрақ" in reply["html"]


def test_extraction_finds_python_and_template_literals(tmp_path):
    script = load_script()
    source = tmp_path / "mod.py"
    source.write_text('x = _("One")\ny = self.gettext("Two {n}")\nz = gettext(variable)\n'
                      'w = ngettext("{n} item", "{n} items", n)\n', encoding="utf-8")
    assert [m[:2] for m in script.python_messages(source)] == [
        ("One", ""), ("Two {n}", ""), ("{n} item", "{n} items")]
    template = tmp_path / "t.html"
    template.write_text('{% trans "A" %}\n<b>{% trans \'B\' as b %}</b>', encoding="utf-8")
    assert [m[0] for m in script.template_messages(template)] == ["A", "B"]


def test_extraction_refuses_a_variable_in_trans(tmp_path):
    script = load_script()
    template = tmp_path / "t.html"
    template.write_text("{% trans title %}", encoding="utf-8")
    with pytest.raises(script.ExtractError):
        script.template_messages(template)


def test_merge_keeps_translations_and_marks_reworded_strings_fuzzy():
    script = load_script()
    old = script.new_catalog("ru")
    old.append(polib.POEntry(msgid="Save", msgstr="Сохранить"))
    old.append(polib.POEntry(msgid="Your answers were submitted.", msgstr="Ваши ответы отправлены."))
    messages = [script.Message("Save"), script.Message("Your answers were submitted!"), script.Message("New")]
    merged = {e.msgid: e for e in script.merged_catalog("ru", messages, old)}
    assert merged["Save"].msgstr == "Сохранить" and not merged["Save"].fuzzy
    assert merged["Your answers were submitted!"].fuzzy
    assert merged["New"].msgstr == "" and not merged["New"].fuzzy


def test_compiled_catalog_is_reproducible():
    script = load_script()
    for language in ("en", "kk", "ru"):
        po = LOCALE / language / "LC_MESSAGES" / "text.po"
        assert script.mo_bytes(po) == script.mo_bytes(po)
        assert (LOCALE / language / "LC_MESSAGES" / "text.mo").read_bytes() == script.mo_bytes(po)


def test_i18n_check_passes():
    result = subprocess.run([sys.executable, str(SCRIPT), "check"], capture_output=True, text=True, cwd=ROOT,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Translations OK" in result.stdout

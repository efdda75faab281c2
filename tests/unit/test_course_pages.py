"""Course HTML pages: norm links in the reader's language, glossary links, the glossary page, word counts."""

from __future__ import annotations

import pytest

from course_tools.pages import glossary_page, resolve_links, word_count
from course_tools.source import SourceError


def test_norm_and_term_links_resolve_in_the_page_language():
    source = '<p><a data-norm="labour-code.160">ст. 160 ТК</a> и <a data-term="limitation-period">давность</a></p>'
    ru = resolve_links(source, "ru", "reading.ru.html")
    kk = resolve_links(source, "kk", "reading.kk.html")
    assert 'href="https://adilet.zan.kz/rus/docs/K1500000414"' in ru and "/kaz/docs/K1500000414" in kk
    assert 'href="/static/glossary_ru.html#term-limitation-period"' in ru and "data-norm" not in ru


@pytest.mark.parametrize("source, words", [
    ('<a data-norm="no-such.1">x</a>', "unknown norm"),
    ('<a data-norm="constitution-1995.13">x</a>', "repealed norm"),
    ('<a data-term="no-such-term">x</a>', "unknown glossary term"),
])
def test_a_bad_link_stops_the_build_and_names_the_page(source, words):
    with pytest.raises(SourceError, match=f"reading.kk.html: .*{words}"):
        resolve_links(source, "kk", "reading.kk.html")


def test_glossary_page_has_an_anchor_per_term_in_each_language():
    for language in ("kk", "ru"):
        page = glossary_page(language)
        assert f'<html lang="{language}">' in page and 'id="term-limitation-period"' in page


def test_word_count_skips_tags_numbers_and_punctuation():
    assert word_count("<p>Срок — 15 рабочих дней (ст. 76).</p><ul><li>Өтініш тіркелді</li></ul>") == 6

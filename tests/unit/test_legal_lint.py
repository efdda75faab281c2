"""The legal regressions of the December 2026 review stay out of the course, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_tools.legal_lint import findings_in_files, findings_in_text

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*ROOT.glob("course_export/modules/*/*.xml"), *ROOT.glob("course_export/modules/*/*.html"),
                  *ROOT.glob("course_export/modules/*/*.json"), *ROOT.glob("legal_basics_xblock/scenarios/*.xml"),
                  ROOT / "legal_basics_xblock/data/norms.json", ROOT / "legal_basics_xblock/data/glossary.json"])

#: Sentences the course taught before the review (quoted from its history), and their corrections.
WRONG = [
    "Обращение допустимо, если норма применена судом в деле с участием гражданина или непосредственно "
    "затрагивает его конституционные права.",
    "Если нарушителю 12–16 лет, родители платят 10 МРП, а при повторе — 30 МРП.",
    "Құқық бұзушы 12–16 жаста болса, ата-анасы 10 АЕК, қайталанса 30 АЕК төлейді.",
    "С 14 лет — только за тяжкие преступления из перечня.",
    "14 жастан — тек ауыр қылмыстар үшін.",
    "Ответ на обращение — 15 рабочих дней со дня его поступления.",
    "Өтінішке жауап — түскен күннен бастап 15 жұмыс күні ішінде.",
    "Месячный срок считается только со дня вручения копии приказа.",
    "Бір айлық мерзім бұйрықтың көшірмесі тапсырылған күннен басталады.",
    "Срок задержания считается с момента фактического задержания (ч. 4 ст. 131 УПК).",
    "Тауардың ақауы табылды.",
    "Сот әкімдіктің шешімін жойды.",
    "Тегін көмек — Адвокаттық қызмет туралы Заңның 26-бабы.",
    "Конституционный Суд вправе принять обращение без апелляционного обжалования.",
]
RIGHT = [
    "Обращение допустимо, только если норма применена судом в деле самого заявителя и непосредственно затрагивает "
    "его права, по делу вступил в силу акт апелляционной инстанции.",
    "Если нарушителю 12–16 лет, родителям — предупреждение или 10 МРП; «30 МРП при повторе» для родителей закон не "
    "предусматривает.",
    "С 14 лет — только за преступления из перечня ч. 2 ст. 15 УК; в нём не только тяжкие, но и средней тяжести.",
    "Ответ на обращение — 15 рабочих дней со дня его регистрации.",
    "Уполномоченный рассматривает жалобу 15 рабочих дней со дня её поступления.",
    "Месяц в согласительную комиссию — со дня вручения копии приказа или её направления заказным письмом.",
    "Бір ай — бұйрықтың көшірмесі табыс етілген немесе тапсырысты хатпен жіберілген күннен бастап.",
    "Тауардың кемшілігі табылды; сот шешімнің күшін жойды.",
    "«Адвокаттық қызмет және заң көмегі туралы» Заң.",
]


@pytest.mark.parametrize("sentence", WRONG)
def test_each_old_error_is_caught(sentence):
    assert findings_in_text(sentence, "t"), sentence


@pytest.mark.parametrize("sentence", RIGHT)
def test_the_corrections_pass(sentence):
    assert findings_in_text(sentence, "t") == []


def test_the_course_source_scenarios_and_registry_are_clean():
    assert len(SOURCES) > 80
    assert findings_in_files(SOURCES) == []

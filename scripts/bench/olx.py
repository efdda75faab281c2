"""Synthetic OLX of size n for every block row: the growth columns need the same content at n = 5, 50, 500.

The content is bilingual (kk/ru) for our blocks, so it costs what real courses cost; the peers get
the nearest equivalent of their own format (items, answers, nodes).
"""

from __future__ import annotations

import json
from xml.sax.saxutils import quoteattr


def thumbs_olx(_n):
    """The SDK's trivial block: the floor every ratio is taken against."""
    return "<thumbs/>"


def dnd_olx(n):
    """drag-and-drop-v2: n items over three zones."""
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


def poll_olx(n):
    """xblock-poll: n answers."""
    answers = [[f"a{i}", {"label": f"Answer {i}", "img": None,
                          "img_alt": None}] for i in range(n)]
    tally = {f"a{i}": 0 for i in range(n)}
    return ("<poll display_name=\"Poll bench\" question=\"## Which answer?\" "
            f"answers={quoteattr(json.dumps(answers))} tally={quoteattr(json.dumps(tally))} "
            "feedback=\"### Thanks&#10;&#10;for voting.\"/>")


def _branching_node(i, n):
    choices = []
    if i < n - 1:
        choices = [
            {"text": f"Go on from {i}", "target_node_id": f"n{i + 1}", "score": 10},
            {"text": f"Skip from {i}", "target_node_id": f"n{min(i + 2, n - 1)}", "score": 0},
        ]
    return {"id": f"n{i}", "content": f"<p>Node {i}: what happens next?</p>", "choices": choices,
            "media": {"type": "", "url": "", "alt": ""}, "hint": f"Hint {i}",
            "left_image_url": "", "right_image_url": "", "left_image_alt_text": "",
            "right_image_alt_text": "", "overlay_text": False, "transcript_url": ""}


def branching_olx(n):
    """branching-xblock: a chain of n nodes, two choices each (over its editor's 30-node limit, as OLX allows)."""
    scenario = {"nodes": {f"n{i}": _branching_node(i, n) for i in range(n)}, "start_node_id": "n0"}
    return (f"<branching_xblock display_name=\"Branching bench\" enable_scoring=\"true\" "
            f"scenario_data={quoteattr(json.dumps(scenario))}/>")


def _quiz_question(i):
    return (f'<question id="q{i}" kind="single">'
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


def quiz_olx(n, draw=5):
    """legal_quiz: n bilingual single-choice questions; ``draw`` keeps the rendered part constant."""
    head = (f'<legal_quiz url_name="bench_quiz" display_name="Bench" draw="{draw}" shuffle="true" '
            'mode="practice" show_answer="finished" max_attempts="2">')
    return head + "".join(_quiz_question(i) for i in range(1, n + 1)) + "</legal_quiz>"


def _case_scene(i, n):
    nxt = f"s{i + 1}" if i < n else "good"
    return (f'<scene id="s{i}"><title lang="kk">{i}-қадам</title><title lang="ru">Шаг {i}</title>'
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


def _case_ending(eid, rating, credit):
    return (f'<ending id="{eid}" rating="{rating}" credit="{credit}"><title lang="kk">Соңы {eid}</title>'
            f'<title lang="ru">Итог {eid}</title><body lang="kk"><p>Нәтиже.</p></body>'
            f'<body lang="ru"><p>Результат.</p></body>'
            f'<step><text lang="kk">Келісу комиссиясына жүгіну</text>'
            f'<text lang="ru">Обратиться в согласительную комиссию</text>'
            f'<authority lang="kk">Комиссия</authority><authority lang="ru">Комиссия</authority>'
            f'<deadline lang="kk">Бір ай</deadline><deadline lang="ru">Один месяц</deadline>'
            f'<documents lang="kk">Акт</documents><documents lang="ru">Акт</documents>'
            f'<cite norm="labour-code.160"/></step></ending>')


def case_olx(n):
    """legal_case_study: a chain of n bilingual scenes, two choices each, two endings."""
    head = ('<legal_case_study url_name="bench_case" display_name="Bench case" default_language="kk" '
            'max_attempts="0" allow_back="true" keep_best="true" scoring="ending" start="s1">'
            '<variable id="days" type="counter" initial="0"><label lang="kk">Өткен күндер</label>'
            '<label lang="ru">Прошло дней</label></variable>')
    scenes = "".join(_case_scene(i, n) for i in range(1, n + 1))
    endings = "".join(_case_ending(*e) for e in (("good", "best", "1"), ("poor", "poor", "0")))
    return head + scenes + endings + "</legal_case_study>"


TRIAL_PARTS = ('<case_file lang="kk"><p>Іс материалдары.</p></case_file><case_file lang="ru"><p>Материалы дела.</p>'
               '</case_file><role id="plaintiff" start="s1"><name lang="kk">Талап қоюшының өкілі</name>'
               '<name lang="ru">Представитель истца</name><brief lang="kk"><p>Сіздің рөліңіз.</p></brief>'
               '<brief lang="ru"><p>Ваша роль.</p></brief></role>')


def trial_olx(n):
    """The case chain as a mock trial: one role (its brief) starts at the first scene."""
    xml = case_olx(n).replace('<legal_case_study url_name="bench_case" display_name="Bench case"',
                              '<legal_mock_trial url_name="bench_trial" display_name="Bench trial"')
    xml = xml.replace(' start="s1">', '>', 1).replace("</legal_case_study>", "</legal_mock_trial>")
    head, _, rest = xml.partition(">")
    return f"{head}>{TRIAL_PARTS}{rest}"

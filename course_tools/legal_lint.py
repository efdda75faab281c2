"""Legal regressions: statements the December 2026 review found wrong, searched for sentence by sentence.

Each rule describes one error the course once taught (docs/norms.md, "What changed"), in Russian and Kazakh.
A sentence matches when it has every ``all`` pattern, and none of the ``unless`` patterns (negations and the
correct wording). The course build and a test run it over the course source, the package scenarios, the
registry and the built tarballs, so the error cannot come back in either language.
"""

from __future__ import annotations

import html
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path

_TAGS = re.compile(r"<[^>]+>")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«])|\n")  # "ч. 4 ст. 131" stays one sentence


@dataclass(frozen=True)
class Rule:
    name: str
    all: tuple
    unless: tuple = ()

    def matches(self, sentence: str) -> bool:
        low = sentence.lower()
        return all(re.search(p, low) for p in self.all) and not any(re.search(p, low) for p in self.unless)


NEGATION = (r"\bне\b", r"\bнет\b", r"\bжоқ\b", r"\bемес\b", r"\bнельзя\b", r"ошибк", r"қате")
RULES = (
    Rule("cc-law.45: applied by a court OR directly affects",
         (r"примен\w* судом[^.]{0,80}\bлибо\b|примен\w* судом[^.]{0,80}\bили\b[^.]{0,40}непосредственно",),),
    Rule("cc-law.45: applied by a court OR directly affects (kk)",
         (r"қолдан\w*[^.]{0,80}\bнемесе\b[^.]{0,40}тікелей қозға",),),
    Rule("cc-law.45: applying without an appeal",
         (r"без апелляц\w* (?:обжалован|пересмотр)",), NEGATION + (r"исключ", r"не допуска")),
    Rule("koap.127-2: 30 MRP for parents", (r"(?:родител|их заменяющ)[^.;]{0,60}30 мрп|30 мрп[^.;]{0,40}родител",),
         NEGATION),
    Rule("koap.127-2: 30 MRP for parents (kk)", (r"ата-ана[^.;]{0,60}30 аек|30 аек[^.;]{0,40}ата-ана",), NEGATION),
    Rule("uk.15: only grave crimes from 14", (r"(?<!не )только (?:за )?(?:особо )?тяжк",),),
    Rule("uk.15: only grave crimes from 14 (kk)", (r"14", r"тек (?:аса )?ауыр"), (r"орташа",)),
    Rule("appk.76: 15 working days from receipt",
         (r"(?:15|пятнадцат\w*) рабоч", r"со дня (?:его |её )?поступлени", r"обращени"),
         (r"уполномоченн", r"жалоб", r"не со дня поступлени", r"а не ")),
    Rule("appk.76: 15 working days from receipt (kk)", (r"15 жұмыс күн", r"түскен күн", r"өтініш"),
         (r"уәкіл", r"шағым", r"емес")),
    Rule("labour-code.160: the month only from handing over",
         (r"месяц|месячн", r"со дня (?:фактического )?вручени\w* (?:копии|приказа|акта)"),
         (r"направлени", r"отправ", r"почт", r"постановлени", r"решени\w* комисси") + NEGATION),
    Rule("labour-code.160: the month only from handing over (kk)",
         (r"бір ай|1 ай", r"(?:көшірме|бұйрық)\w*[^.]{0,40}(?:тапсырылған|табыс етілген) күн"),
         (r"жіберіл", r"пошта", r"қаулы") + NEGATION),
    Rule("upk: actual detention under art. 131",
         (r"фактическ\w* задержани[^;]{0,80}\b131\b|\b131\b[^;]{0,80}фактическ\w* задержани",),
         (r"\b128\b", r"\b48\b[^;]{0,12}упк")),
    Rule("kk terminology: «ақау» in the consumer law", (r"ақау",),),
    Rule("kk terminology: «шешімін жою»", (r"шешім(?:ін|дерін|і) жо(?:ю|й)",),),
    Rule("constitution 2026: laws are adopted by the Kurultai, not the Parliament",
         (r"принима(?:ет|ют) парламент|парламент принима(?:ет|ют)|"
          r"парламент қабылдайды|қабылдайды[^.;]{0,20}парламент",),),
    Rule("kk terminology: «татуласу келісімі» (ГПК ch. 17), not «бітімгершілік келісім»", (r"бітімгершілік келісім",),),
    Rule("one name for the law 176-VI", (r"адвокаттық қызмет туралы|закон\w* об адвокатской деятельности(?! и)",),),
)


def sentences(text: str):
    plain = html.unescape(_TAGS.sub(" ", text))
    return (s.strip() for s in _SENTENCE.split(plain) if s.strip())


def findings_in_text(text: str, where: str) -> list[str]:
    found = []
    for sentence in sentences(text):
        found.extend(f"{where}: {rule.name}: «{sentence[:160]}»" for rule in RULES if rule.matches(sentence))
    return found


def findings_in_files(paths) -> list[str]:
    found = []
    for path in paths:
        found.extend(findings_in_text(Path(path).read_text(encoding="utf-8"), str(path)))
    return found


def findings_in_tarball(path: Path) -> list[str]:
    found = []
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if member.isfile() and member.name.endswith((".xml", ".html", ".json")):
                text = tar.extractfile(member).read().decode("utf-8", errors="replace")
                found.extend(findings_in_text(text, f"{path.name}:{member.name}"))
    return found

"""The draft a convention's text turns into, and the text helpers every rule shares."""

import datetime
import re
from dataclasses import dataclass, field

# Party groups as conventions introduce them.
GROUP_BENEFICIARIES = "collectivites"
GROUP_PARTNERS = "partenaires"
GROUP_LOCAL_PARTNERS = "partenaires_locaux"
GROUP_HEADINGS = {"ENTRE": GROUP_BENEFICIARIES, "ET": GROUP_PARTNERS}
GROUP_HEADINGS["AINSI QUE"] = GROUP_LOCAL_PARTNERS

# Maturity groups of the plan d'action (art. 4 of the PVD model).
MATURITY_IN_PROGRESS = "en_cours"
MATURITY_PLANNED = "projetee"
MATURITY_CONSIDERED = "en_reflexion"
MATURITY_HEADINGS = [
    (
        re.compile(r"^actions?\s+en\s+cours(\s+et(\s+à\s+poursuivre)?)?\b", re.I),
        MATURITY_IN_PROGRESS,
    ),
    (re.compile(r"^actions?\s+projet[ée]es?\b", re.I), MATURITY_PLANNED),
    (re.compile(r"^actions?\s+en\s+r[ée]flexion\b", re.I), MATURITY_CONSIDERED),
]

ARTICLE_RE = re.compile(
    r"^article\s+(?P<number>\d+(?:\.\d+)*)\s*(?:[-–—:.]\s*(?P<title>.*))?$", re.IGNORECASE
)
SUB_ARTICLE_RE = re.compile(r"^(?P<number>\d+\.\d+)\.?\s+(?P<title>[A-ZÀ-Ý].{2,100})$")
AXIS_RE = re.compile(r"^axe\s+(?P<number>\d+)\s*[:–—-]\s*(?P<title>.+)$", re.IGNORECASE)
BARE_AXIS_RE = re.compile(r"^axe\s+\d+$", re.IGNORECASE)
BULLET_RE = re.compile(r"^(?:[-•▪◦●✓↳]\s*)+")

NOISE_LINES = re.compile(
    r"^(texte tapé à la machine|annexe \d+|ci-après.*|d[’']une part.*|"
    r"d[’']autre part.*|accusé de réception.*|date de (télé)?transmission.*|"
    r"date de réception.*|\d{3}-\d{9}-\d{8}-.*|présentation générale du plan d[’']actions?|"
    r"\*action faisant l[’']objet d[’']une fiche action\.?)$",
    re.IGNORECASE,
)


@dataclass
class DraftParty:
    organisation: str
    group: str
    capacity: str = ""
    civility: str = ""
    person: str = ""
    unsure: list[str] = field(default_factory=list)


@dataclass
class DraftArticle:
    number: str
    title: str
    body: str = ""
    unsure: list[str] = field(default_factory=list)


@dataclass
class DraftAction:
    title: str
    maturity: str
    has_fiche: bool = False
    unsure: list[str] = field(default_factory=list)


@dataclass
class DraftAxis:
    number: int
    title: str
    objectives: list[str] = field(default_factory=list)
    actions: list[DraftAction] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)


@dataclass
class ConventionDraft:
    title: str = ""
    kind: str = "cadre"
    is_ort: bool = False
    programme: str = ""
    parties: list[DraftParty] = field(default_factory=list)
    articles: list[DraftArticle] = field(default_factory=list)
    axes: list[DraftAxis] = field(default_factory=list)
    preamble: str = ""
    signature_place: str = ""
    signature_date: datetime.date | None = None
    duration_years: int | None = None
    duration_note: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def action_count(self):
        return sum(len(axis.actions) for axis in self.axes)

    @property
    def objective_count(self):
        return sum(len(axis.objectives) for axis in self.axes)


def clean_lines(text: str) -> list[str]:
    """Lines without Markdown marks, escapes, runs of spaces (PDF extraction spacing) and
    the reader's annotations a PDF viewer adds ("NAME" then "Texte tapé à la machine")."""
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.replace("\\_", "_").replace("**", "").replace("\u00a0", " ")
        line = re.sub(r"^#+\s*", "", line.strip())
        line = re.sub(r"[ \t]+", " ", line).strip()
        if line.lower() == ANNOTATION:
            _drop_annotation_author(lines)
            continue
        lines.append(line)
    return lines


ANNOTATION = "texte tapé à la machine"


def _drop_annotation_author(lines):
    """The single upper-case word just above an annotation is its author, not the text."""
    index = len(lines) - 1
    while index >= 0 and not lines[index]:
        index -= 1
    if index >= 0 and re.fullmatch(r"[A-Z]+", lines[index]):
        del lines[index]


def joined(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ;,.")


def heading_index(lines, start, predicate):
    for index in range(start, len(lines)):
        if predicate(lines[index]):
            return index
    return None

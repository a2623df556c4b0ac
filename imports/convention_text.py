"""A convention's text turned into a draft to review: plain, tested rules, no network.

The text comes from a text PDF (pypdf) or is pasted. Conventions follow a common shape
(ANCT models for PVD and ACV): a title, the parties after "ENTRE" / "ET" / "AINSI QUE",
"IL EST CONVENU CE QUI SUIT", a préambule, numbered articles, the axes ("Axe 1 : …")
with their "Objectifs :", the plan d'action per axe in maturity groups, and a closing
"Fait à … le …" or "Signé à … le …". What the rules are unsure of is marked ``unsure``
with the reason, for the person who reviews the draft.
"""

import datetime
import re
from dataclasses import dataclass, field

MONTHS = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}

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
SIGNED_RE = re.compile(
    r"(?:fait|sign[ée])\s+à\s+(?P<place>[^,\n]+?)\s*,?\s+le\s+(?P<day>\d{1,2})(?:er)?\s+"
    r"(?P<month>[a-zéû]+)\s+(?P<year>\d{4})",
    re.IGNORECASE,
)
DURATION_YEARS_RE = re.compile(r"dur[ée]e\s+de\s+(?P<years>\d+|cinq|six|trois|quatre)\s+ans", re.I)
UNTIL_RE = re.compile(r"jusqu[’']à\s+(?P<until>[a-zéû]+\s+\d{4})", re.IGNORECASE)
WORD_NUMBERS = {"trois": 3, "quatre": 4, "cinq": 5, "six": 6}

REPRESENTED_RE = re.compile(r"\s*,?\s*représenté(?:e)?s?\s+(?:par\s+)?", re.IGNORECASE)
CIVILITY_RE = re.compile(r"\b(?P<civility>Monsieur|Madame|M\.|Mme)\s+", re.IGNORECASE)
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


def _joined(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ;,.")


def _heading_index(lines, start, predicate):
    for index in range(start, len(lines)):
        if predicate(lines[index]):
            return index
    return None


def parse_title(lines, end) -> tuple[str, list[str]]:
    """The title block just before the parties ("ENTRE"): from the last line naming a
    convention, so that a délibération wrapping the convention is left out."""
    start = 0
    for index in range(end - 1, -1, -1):
        if re.search(r"\bconvention", lines[index], re.IGNORECASE):
            start = index
            break
    words = [line for line in lines[start:end] if line and not NOISE_LINES.match(line)]
    title = _joined(" ".join(words))
    unsure = [] if 10 <= len(title) <= 300 else ["titre introuvable ou trop long"]
    return title[:300], unsure


def _party_blocks(lines):
    """Yield (group, text) for each party between "ENTRE" and "IL EST CONVENU"."""
    group, block = None, []
    for line in lines:
        upper = line.upper().strip(" :")
        if upper in GROUP_HEADINGS:
            if block:
                yield group, " ".join(block)
            group, block = GROUP_HEADINGS[upper], []
            continue
        if group is None or NOISE_LINES.match(line):
            continue
        if not line:
            continue
        starts_party = bool(BULLET_RE.match(line)) or (
            bool(re.match(r"^(L[’']|La |Le |Les )", line)) and not block_continues(block)
        )
        if starts_party and block:
            yield group, " ".join(block)
            block = []
        block.append(BULLET_RE.sub("", line))
    if block:
        yield group, " ".join(block)


def block_continues(block) -> bool:
    """A party's text goes on while its last line ends mid-sentence (no ';' ',' or '.')."""
    if not block:
        return False
    return not re.search(r"[;,.]$", block[-1].strip())


def parse_party(group: str, text: str) -> DraftParty:
    """One party: "La Commune de X, représentée par son Maire, Monsieur Prénom NOM"."""
    text = _joined(text)
    parts = REPRESENTED_RE.split(text, maxsplit=1)
    organisation = re.sub(r"^(L[’']|La |Le |Les )", "", parts[0]).strip(" ,")
    party = DraftParty(organisation=organisation[:200], group=group)
    if len(parts) == 1:
        party.unsure.append("représentant non trouvé")
        return party
    rest = re.sub(r"^(son|sa|ses|leur)\s+", "", parts[1].strip(" ,;."), flags=re.I)
    civility = CIVILITY_RE.search(rest)
    if civility:
        party.civility = "M." if civility.group("civility").lower() in ("monsieur", "m.") else "Mme"
        span = _person_span(rest[civility.end() :], after_civility=True)
        if span is not None:
            span = (civility.start(), civility.end() + span[1])
    else:
        span = _person_span(rest)
    if span is None:
        party.unsure.append("nom du représentant non reconnu (fonction seule ?)")
        capacity = CIVILITY_RE.sub("", rest)
    else:
        party.person = CIVILITY_RE.sub("", rest[span[0] : span[1]]).strip()
        capacity = rest[: span[0]] + " " + rest[span[1] :]
    capacity = re.sub(r"^(le|la)\s+", "", _joined(capacity), flags=re.I)
    party.capacity = capacity[:200]
    if not party.capacity:
        party.unsure.append("qualité du représentant non trouvée")
    return party


# Words that name an office, never a first name.
OFFICE_WORDS = {
    "président",
    "présidente",
    "vice-président",
    "vice-présidente",
    "maire",
    "préfet",
    "préfète",
    "sous-préfet",
    "sous-préfète",
    "directeur",
    "directrice",
    "général",
    "générale",
    "régional",
    "régionale",
    "adjoint",
    "adjointe",
    "délégué",
    "déléguée",
}
FAMILY_NAME_RE = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’-]+)*")
FIRST_NAME_RE = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)*$")


def _person_span(text, *, after_civility=False):
    """(start, end) of "Prénom NOM" in the text: the family name in capitals (the first one
    after a civility, else the last one) and the first names just before it; None when
    the text names only an office."""
    family = None
    for match in FAMILY_NAME_RE.finditer(text):
        if len(match.group()) >= 2 and match.group() not in ("ORT", "PVD", "ACV"):
            family = match
            if after_civility:
                break
    if family is None:
        return None
    start = family.start()
    words = text[: family.start()].split()
    taken = 0
    while words and taken < 3:
        word = words[-1]
        if word.lower() in OFFICE_WORDS or not FIRST_NAME_RE.match(word):
            break
        start = text.rindex(word, 0, start)
        words.pop()
        taken += 1
    return start, family.end()


def parse_parties(lines) -> list[DraftParty]:
    start = _heading_index(lines, 0, lambda line: line.upper().strip(" :") == "ENTRE")
    if start is None:
        return []
    end = _heading_index(lines, start, lambda line: "IL EST CONVENU" in line.upper())
    return [
        parse_party(group, text)
        for group, text in _party_blocks(lines[start : end or len(lines)])
        if len(text) > 5
    ]


def parse_articles(lines) -> list[DraftArticle]:
    """Articles "Article N – Titre" and their sub-articles "N.M Titre" within article N."""
    articles: list[DraftArticle] = []
    seen = set()
    for line in lines:
        match = ARTICLE_RE.match(line)
        if match and match.group("number") not in seen:
            number = match.group("number")
            title = _joined(match.group("title") or "")
            article = DraftArticle(number=number, title=title[:255])
            if not title:
                article.unsure.append("titre absent")
            if articles and _number_key(number) <= _number_key(articles[-1].number):
                article.unsure.append("numérotation hors séquence")
            articles.append(article)
            seen.add(number)
            continue
        sub = SUB_ARTICLE_RE.match(line)
        if (
            sub
            and articles
            and sub.group("number").split(".")[0] == articles[-1].number.split(".")[0]
        ):
            number = sub.group("number")
            if number in seen:
                continue
            articles.append(
                DraftArticle(
                    number=number,
                    title=_joined(sub.group("title"))[:255],
                    unsure=["sous-article repéré par sa numérotation"],
                )
            )
            seen.add(number)
            continue
        if articles and line:
            articles[-1].body += line + "\n"
    for article in articles:
        article.body = article.body.strip()
    return articles


def _number_key(number: str):
    return tuple(int(part) for part in number.split(".") if part.isdigit())


def _axis_titles(lines):
    """Axis number → the longest title found ("Axe 1 : …", continued on the next line)."""
    titles: dict[int, str] = {}
    for index, line in enumerate(lines):
        match = AXIS_RE.match(line)
        if not match:
            continue
        title = match.group("title")
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if following and following[0].islower() and not re.search(r"[.;:]$", title):
            title = f"{title} {following}"
        title = _joined(title).replace("centre- ville", "centre-ville")
        number = int(match.group("number"))
        if len(title) > len(titles.get(number, "")) and len(title) < 300:
            titles[number] = title
    return titles


def parse_axes(lines) -> list[DraftAxis]:
    agreed = _heading_index(lines, 0, lambda line: "IL EST CONVENU" in line.upper())
    lines = lines[agreed or 0 :]  # text before the parties (a délibération) is not the convention
    titles = _axis_titles(lines)
    axes = {number: DraftAxis(number=number, title=title) for number, title in titles.items()}
    _parse_objectives(lines, axes)
    _parse_actions(lines, axes)
    for axis in axes.values():
        if not axis.objectives:
            axis.unsure.append("aucun objectif trouvé")
    return [axes[number] for number in sorted(axes)]


def _parse_objectives(lines, axes):
    """Bullet items after "Objectifs :" belong to the axe named just before."""
    current, in_objectives = None, False
    for line in lines:
        match = AXIS_RE.match(line)
        if match:
            current, in_objectives = axes.get(int(match.group("number"))), False
            continue
        if ARTICLE_RE.match(line):
            current, in_objectives = None, False
            continue
        if current is None:
            continue
        if re.match(r"^objectifs?\s*:?$", line, re.I):
            in_objectives = True
            continue
        if not in_objectives or not line:
            continue
        if BULLET_RE.match(line):
            current.objectives.append(BULLET_RE.sub("", line))
        elif current.objectives and (line[0].islower() or line[0] in "(…"):
            current.objectives[-1] += " " + line  # an objective wrapped over two lines
        else:
            in_objectives = False
    for axis in axes.values():
        axis.objectives = [_joined(objective) for objective in axis.objectives][:50]


def _plan_lines(lines):
    """The lines of the plan d'action article (the one whose title names the plan)."""
    start = _heading_index(
        lines,
        0,
        lambda line: bool(ARTICLE_RE.match(line)) and "plan d" in line.lower(),
    )
    if start is None:
        return []
    end = _heading_index(lines, start + 1, lambda line: bool(ARTICLE_RE.match(line)))
    sub = _heading_index(lines, start + 1, lambda line: bool(SUB_ARTICLE_RE.match(line)))
    return lines[start + 1 : min(x for x in (end, sub, len(lines)) if x is not None)]


def _maturity_of(line):
    """(maturity, rest of the line) when a maturity group starts on this line."""
    for pattern, maturity in MATURITY_HEADINGS:
        match = pattern.match(line)
        if match:
            return maturity, line[match.end() :].strip()
    return None, line


def _parse_actions(lines, axes):
    current, maturity = None, None
    pending_heading = ""
    for line in _plan_lines(lines):
        match = AXIS_RE.match(line)
        if match:
            current, maturity = axes.get(int(match.group("number"))), None
            continue
        if not line or BARE_AXIS_RE.match(line) or NOISE_LINES.match(line) or current is None:
            continue
        if re.fullmatch(r"à poursuivre", line, re.IGNORECASE):
            continue  # the end of "Actions en cours et / à poursuivre"
        candidate = f"{pending_heading} {line}".strip() if pending_heading else line
        found, rest = _maturity_of(candidate)
        if found:
            maturity, pending_heading = found, ""
            if rest and not re.match(r"^(et|à poursuivre)\b", rest, re.I):
                _add_action(current, maturity, rest)
            continue
        if re.match(r"^actions?\b", line, re.I) and len(line) < 30:
            pending_heading = line  # a group heading broken over two lines
            continue
        pending_heading = ""
        if maturity is None:
            continue
        if line[0].islower() and current.actions:
            previous = current.actions[-1]
            previous.title, previous.has_fiche = _title_and_fiche(f"{previous.title} {line}")
            continue
        _add_action(current, maturity, line)


def _title_and_fiche(text):
    text = _joined(text)
    has_fiche = text.endswith("*")
    return text.rstrip("* ").strip(), has_fiche


def _add_action(axis, maturity, text):
    title, has_fiche = _title_and_fiche(text)
    if len(title) < 4:
        return
    action = DraftAction(title=title[:255], maturity=maturity, has_fiche=has_fiche)
    if len(title) > 150:
        action.unsure.append("intitulé long : plusieurs actions fusionnées ?")
    axis.actions.append(action)


def parse_signature(text: str):
    """Place and date of "Signé à X le 18 janvier 2023" / "Fait à X, le …"; blanks stay blank."""
    matches = list(SIGNED_RE.finditer(text))
    if not matches:
        return "", None
    match = matches[-1]  # the closing formula, after any date quoted in the body
    month = MONTHS.get(match.group("month").lower())
    try:
        date = datetime.date(int(match.group("year")), month, int(match.group("day")))
    except (TypeError, ValueError):
        date = None
    return _joined(match.group("place")), date


def parse_duration(text: str):
    years = None
    match = DURATION_YEARS_RE.search(text)
    if match:
        value = match.group("years").lower()
        years = WORD_NUMBERS.get(value) or int(value)
    until = UNTIL_RE.search(text)
    note = f"jusqu’à {until.group('until')}" if until else ""
    return years, note


def parse_programme(title: str, body: str):
    """(programme, valant ORT, kind, unsure) read from the title, else from the body."""
    unsure = []
    programme = _programme_in(title)
    if not programme:
        programme = _programme_in(body)
        if programme:
            unsure.append("programme déduit du texte, pas du titre")
    lowered = title.lower()
    is_ort = (
        "revitalisation" in lowered or "o.r.t" in lowered or bool(re.search(r"\bort\b", lowered))
    )
    kind = "chapeau" if "chapeau" in lowered else "adhesion" if "adhésion" in lowered else "cadre"
    return programme, is_ort, kind, unsure


def _programme_in(text: str) -> str:
    lowered = text.lower()
    pvd = "petites villes de demain" in lowered or bool(re.search(r"\bpvd\b", lowered))
    acv = "cœur de ville" in lowered or "coeur de ville" in lowered
    acv = acv or bool(re.search(r"\bacv\b", lowered))
    return "pvd_acv" if pvd and acv else "pvd" if pvd else "acv" if acv else ""


def parse_preamble(lines) -> str:
    start = _heading_index(lines, 0, lambda line: line.lower().strip(" :") == "préambule")
    if start is None:
        return ""
    end = _heading_index(lines, start + 1, lambda line: bool(ARTICLE_RE.match(line)))
    body = [line for line in lines[start + 1 : end] if not NOISE_LINES.match(line)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(body)).strip()


def draft_from_text(text: str) -> ConventionDraft:
    """The whole draft; nothing is saved here."""
    lines = clean_lines(text)
    entre = _heading_index(lines, 0, lambda line: line.upper().strip(" :") == "ENTRE")
    title, title_unsure = parse_title(lines, entre if entre is not None else 0)
    draft = ConventionDraft(title=title)
    draft.preamble = parse_preamble(lines)
    draft.programme, draft.is_ort, draft.kind, programme_unsure = parse_programme(
        title, draft.preamble
    )
    draft.warnings.extend(programme_unsure)
    draft.parties = parse_parties(lines)
    draft.articles = parse_articles(lines)
    draft.axes = parse_axes(lines)
    flat = " ".join(lines)
    draft.signature_place, draft.signature_date = parse_signature(flat)
    draft.duration_years, draft.duration_note = parse_duration(flat)
    draft.warnings.extend(title_unsure)
    if not draft.parties:
        draft.warnings.append("Aucune partie trouvée (bloc « ENTRE … ET … » absent).")
    if not draft.articles:
        draft.warnings.append("Aucun article trouvé.")
    if not draft.programme:
        draft.warnings.append("Programme (PVD, ACV) non reconnu dans le titre.")
    return draft

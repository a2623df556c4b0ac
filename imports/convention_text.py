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

from .draft import (
    ARTICLE_RE,
    NOISE_LINES,
    ConventionDraft,
    clean_lines,
    heading_index,
    joined,
)
from .parties import parse_parties
from .structure import parse_articles, parse_axes

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

SIGNED_RE = re.compile(
    r"(?:fait|sign[ée])\s+à\s+(?P<place>[^,\n]+?)\s*,?\s+le\s+(?P<day>\d{1,2})(?:er)?\s+"
    r"(?P<month>[a-zéû]+)\s+(?P<year>\d{4})",
    re.IGNORECASE,
)
DURATION_YEARS_RE = re.compile(r"dur[ée]e\s+de\s+(?P<years>\d+|cinq|six|trois|quatre)\s+ans", re.I)
UNTIL_RE = re.compile(r"jusqu[’']à\s+(?P<until>[a-zéû]+\s+\d{4})", re.IGNORECASE)
WORD_NUMBERS = {"trois": 3, "quatre": 4, "cinq": 5, "six": 6}


def parse_title(lines, end) -> tuple[str, list[str]]:
    """The title block just before the parties ("ENTRE"): from the last line naming a
    convention, so that a délibération wrapping the convention is left out."""
    start = 0
    for index in range(end - 1, -1, -1):
        if re.search(r"\bconvention", lines[index], re.IGNORECASE):
            start = index
            break
    words = [line for line in lines[start:end] if line and not NOISE_LINES.match(line)]
    title = joined(" ".join(words))
    unsure = [] if 10 <= len(title) <= 300 else ["titre introuvable ou trop long"]
    return title[:300], unsure


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
    return joined(match.group("place")), date


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
    start = heading_index(lines, 0, lambda line: line.lower().strip(" :") == "préambule")
    if start is None:
        return ""
    end = heading_index(lines, start + 1, lambda line: bool(ARTICLE_RE.match(line)))
    body = [line for line in lines[start + 1 : end] if not NOISE_LINES.match(line)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(body)).strip()


def draft_from_text(text: str) -> ConventionDraft:
    """The whole draft; nothing is saved here."""
    lines = clean_lines(text)
    entre = heading_index(lines, 0, lambda line: line.upper().strip(" :") == "ENTRE")
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

"""The parties of a convention, from its "ENTRE … ET … AINSI QUE" block."""

import re

from .draft import (
    BULLET_RE,
    GROUP_HEADINGS,
    NOISE_LINES,
    DraftParty,
    heading_index,
    joined,
)

REPRESENTED_RE = re.compile(r"\s*,?\s*représenté(?:e)?s?\s+(?:par\s+)?", re.IGNORECASE)
CIVILITY_RE = re.compile(r"\b(?P<civility>Monsieur|Madame|M\.|Mme)\s+", re.IGNORECASE)


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
    text = joined(text)
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
    capacity = re.sub(r"^(le|la)\s+", "", joined(capacity), flags=re.I)
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
    start = heading_index(lines, 0, lambda line: line.upper().strip(" :") == "ENTRE")
    if start is None:
        return []
    end = heading_index(lines, start, lambda line: "IL EST CONVENU" in line.upper())
    return [
        parse_party(group, text)
        for group, text in _party_blocks(lines[start : end or len(lines)])
        if len(text) > 5
    ]

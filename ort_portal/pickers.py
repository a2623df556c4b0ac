"""Pickers that search instead of listing: at national scale a select of every
organisation (3,333), representative (3,800) or commune (1,900) weighs megabytes.

A `Source` says what a user may pick (the same scoped queryset the form validates
against: directory's `for_user`…) and which columns a search reads. `search_view(source)`
answers the picker's search (ort_portal.widgets.SearchSelect) with at most `LIMIT` options,
the chosen ones first, and the count for the picker's live region.

Names are matched word by word, blind to case and accents, with one regular expression per
word (« etab » finds « Établissement »), the same on PostgreSQL and SQLite; digits also
match the start of a code (SIREN, INSEE).
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import render
from django.views.decorators.http import require_GET

LIMIT = 30
MIN_LENGTH = 2
MAX_LENGTH = 100
MAX_WORDS = 6
SIGNING_SALT = "ort_portal.pickers.keep"
SEARCH_PARAM = "recherche"
# Names that start with the text searched come first, within a source's own ordering.
RANK = "picker_rank"

# Each unaccented letter and the accented forms a French name may carry.
ACCENTED = {
    "a": "aàâäá",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïí",
    "o": "oôöó",
    "u": "uùûüú",
    "y": "yÿ",
    "n": "nñ",
}


@dataclass(frozen=True)
class Source:
    """What a picker searches: `scope(user)` is exactly what the form's field accepts for
    that user; `fields` are searched; `ordering` may use RANK (0 when the first field
    starts with the text searched); `codes` are matched from their start when the text is
    made of digits."""

    scope: Callable[..., QuerySet]
    fields: tuple[str, ...]
    ordering: tuple
    label: Callable = str
    codes: tuple[str, ...] = ()
    related: tuple[str, ...] = ()

    @property
    def name(self):
        return self.fields[0]


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def word_pattern(word: str) -> str:
    """A regular expression matching the word whatever its accents and case."""
    parts = []
    for char in _plain(word):
        letters = ACCENTED.get(char)
        parts.append(f"[{letters}{letters.upper()}]" if letters else re.escape(char))
    return "".join(parts)


def words_of(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-'’.,;:()]+", text[:MAX_LENGTH]) if w][:MAX_WORDS]


def matching(source: Source, queryset: QuerySet, text: str) -> QuerySet:
    """The rows whose searched columns hold every word of the text, in the source's
    ordering (RANK: those whose first field starts with the text)."""
    words = words_of(text)
    condition = Q()
    for word in words:
        pattern = word_pattern(word)
        either = Q()
        for field in source.fields:
            either |= Q(**{f"{field}__iregex": pattern})
        if word.isdigit():
            for code in source.codes:
                either |= Q(**{f"{code}__startswith": word})
        condition &= either
    starts = Q(**{f"{source.name}__iregex": "^" + word_pattern(words[0])})
    return (
        queryset.filter(condition)
        .annotate(
            **{
                RANK: Case(
                    When(starts, then=Value(0)), default=Value(1), output_field=IntegerField()
                )
            }
        )
        .order_by(*source.ordering)
    )


def sign_kept(ids) -> str:
    """The ids a form showed as chosen, signed: they stay pickable after a search even when
    the user's scope no longer holds them (a record naming another territory's body)."""
    return signing.dumps(sorted({int(i) for i in ids}), salt=SIGNING_SALT, compress=True)


def _kept(token: str) -> list[int]:
    try:
        ids = signing.loads(token, salt=SIGNING_SALT)
    except signing.BadSignature:
        return []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


def _ids(values) -> list[int]:
    return [int(v) for v in values if v.isdigit() and len(v) < 19]


def search_view(source: Source):
    """The view answering a picker's search: its options (chosen first, then at most LIMIT
    matches) and, to htmx, the count for the picker's live region (out of band)."""

    @login_required
    @require_GET
    def view(request):
        scope = source.scope(request.user)
        field = request.GET.get("champ", "")
        text = request.GET.get(SEARCH_PARAM, "").strip()
        chosen_ids = _ids(request.GET.getlist(field)) if field else []
        chosen = []
        if chosen_ids:
            allowed = Q(pk__in=scope.values("pk")) | Q(pk__in=_kept(request.GET.get("garder", "")))
            rows = scope.model._default_manager.filter(allowed, pk__in=chosen_ids)
            if source.related:
                rows = rows.select_related(*source.related)
            chosen = [(row.pk, source.label(row)) for row in rows]
        matches, more = [], False
        if len(_plain(text)) >= MIN_LENGTH and words_of(text):
            found = list(
                matching(source, scope, text).exclude(pk__in=[pk for pk, _ in chosen])[: LIMIT + 1]
            )
            more = len(found) > LIMIT
            matches = [(row.pk, source.label(row)) for row in found[:LIMIT]]
            status = _status(len(matches), more)
        else:
            status = f"Tapez au moins {MIN_LENGTH} lettres."
        return render(
            request,
            "ort_portal/widgets/search_options.html",
            {
                "empty_label": request.GET.get("vide", "")[:MAX_LENGTH]
                if "vide" in request.GET
                else None,
                "chosen": chosen,
                "matches": matches,
                "status": status,
                "status_id": f"{request.htmx.target}-statut" if request.htmx.target else "",
            },
        )

    return view


def _status(count: int, more: bool) -> str:
    if more:
        return f"Plus de {LIMIT} résultats : les {LIMIT} premiers sont proposés, précisez."
    if count == 0:
        return "Aucun résultat."
    return "1 résultat." if count == 1 else f"{count} résultats."

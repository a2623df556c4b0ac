"""Loading the official referentials: communes (INSEE COG), EPCI and their communes (INSEE
composition of intercommunalities), programme membership (ANCT lists).

Every loader is idempotent: a row is saved only when one of its values differs, so a rerun
of the same file writes nothing, not even a history row."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from ort_portal.writes import save_tracked

from ..models import EPCI, Commune
from .reading import parse_date, split_ids

REASON = "Référentiel officiel"
Progress = Callable[[int, int], None]


@dataclass
class Summary:
    """What a load did, for the command's closing report."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _apply(instance, values: dict, summary: Summary, *, reason=REASON):
    """Set `values` on `instance` and save it only if something differs."""
    created = instance.pk is None
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if created or changed:
        save_tracked(instance, reason=reason)
        if created:
            summary.created += 1
        else:
            summary.updated += 1
    else:
        summary.unchanged += 1
    return instance


def _tick(progress: Progress | None, done: int, total: int):
    if progress is not None and (done % 500 == 0 or done == total):
        progress(done, total)


@transaction.atomic
def load_communes(rows: list[dict], *, progress: Progress | None = None) -> Summary:
    """Communes of the COG file (TYPECOM "COM" only: communes déléguées, associées and
    arrondissements are not communes); those of the portal missing from the file are
    reported, with the commune they merged into when the file says so (COMPARENT)."""
    summary = Summary()
    communes = [row for row in rows if row.get("TYPECOM") == "COM"]
    parents = {row["COM"]: row.get("COMPARENT", "") for row in rows if row.get("TYPECOM") != "COM"}
    existing = {commune.insee_code: commune for commune in Commune.objects.all()}
    for done, row in enumerate(communes, start=1):
        code = row["COM"].strip()
        commune = existing.get(code) or Commune(insee_code=code)
        values = {"name": row["LIBELLE"], "departement": row["DEP"], "region": row["REG"]}
        _apply(commune, values, summary)
        _tick(progress, done, len(communes))
    in_file = {row["COM"].strip() for row in communes}
    for code, commune in sorted(existing.items()):
        if code in in_file:
            continue
        parent = parents.get(code)
        if parent:
            summary.notes.append(f"{commune} ({code}) : fusionnée dans la commune {parent}.")
        else:
            summary.notes.append(f"{commune} ({code}) : absente du fichier.")
    return summary


def epci_nature(name: str, nature: str = "") -> str:
    """The EPCI's nature from INSEE's NATURE_EPCI when given, else from its name."""
    codes = {"CA": "ca", "CC": "cc", "CU": "cu", "ME": "metropole", "METRO": "metropole"}
    if nature.strip().upper() in codes:
        return codes[nature.strip().upper()]
    prefix = name.split(" ", 1)[0].upper()
    if "MÉTROPOLE" in name.upper() or "METROPOLE" in name.upper():
        return EPCI.Nature.METROPOLE
    return codes.get(prefix, EPCI.Nature.CC)


@transaction.atomic
def load_epcis(rows: list[dict], *, progress: Progress | None = None) -> Summary:
    """EPCI of the composition file and their member communes (CODGEO → EPCI). Communes
    not yet known are created from the file; memberships change only where they differ;
    EPCI of the portal missing from the file are reported."""
    summary = Summary()
    rows = [row for row in rows if row.get("EPCI", "").strip().isdigit()]
    communes = {commune.insee_code: commune for commune in Commune.objects.all()}
    epcis = {epci.siren: epci for epci in EPCI.objects.prefetch_related("communes")}
    members: dict[str, set[str]] = {}
    untouched: set[str] = set()
    for done, row in enumerate(rows, start=1):
        code, siren = row["CODGEO"].strip(), row["EPCI"].strip()
        if code not in communes:
            communes[code] = _apply(
                Commune(insee_code=code),
                {"name": row["LIBGEO"], "departement": row["DEP"], "region": row["REG"]},
                Summary(),
            )
        if siren not in members:
            epci = epcis.get(siren) or EPCI(siren=siren)
            values = {
                "name": row["LIBEPCI"],
                "nature": epci_nature(row["LIBEPCI"], row.get("NATURE_EPCI", "")),
            }
            saved_before = summary.unchanged
            epcis[siren] = _apply(epci, values, summary)
            members[siren] = set()
            if summary.unchanged > saved_before:
                untouched.add(siren)
        members[siren].add(code)
        _tick(progress, done, len(rows))
    for siren, codes in members.items():
        epci = epcis[siren]
        current = {commune.insee_code for commune in epci.communes.all()}
        if current != codes:
            epci.communes.set([communes[code] for code in codes])
            if siren in untouched:  # only its members changed
                summary.unchanged -= 1
                summary.updated += 1
            if current:
                summary.notes.append(f"{epci} : communes membres mises à jour.")
    for siren, epci in sorted(epcis.items()):
        if siren not in members:
            summary.notes.append(f"{epci} ({siren}) : absent du fichier.")
    return summary


@transaction.atomic
def load_programmes(
    *,
    pvd: list[dict] | None = None,
    acv: list[dict] | None = None,
    crossing: list[dict] | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Membership of communes in Petites villes de demain and Action Cœur de Ville, from the
    ANCT lists (one commune per row) and the crossing table (several ids per cell)."""
    summary = Summary()
    wanted: dict[str, dict] = {}
    for row in pvd or []:
        entry = wanted.setdefault(row["insee_com"].strip(), {})
        entry["pvd_id"] = row["id_pvd"].strip()
        entry["pvd_signed_on"] = parse_date(row.get("date_signature", ""))
    for row in acv or []:
        entry = wanted.setdefault(row["insee_com"].strip(), {})
        entry["acv_id"] = row["id_acv"].strip()
        entry["acv_name"] = row.get("lib_acv", "").strip()
        entry["acv_signed_on"] = parse_date(row.get("date_signature", ""))
    for row in crossing or []:
        entry = wanted.setdefault(row["insee_com"].strip(), {})
        for column in ("pvd", "acv"):
            ids = split_ids(row.get(f"id_{column}", ""))
            if ids:
                entry[f"{column}_id"] = " ; ".join(ids)
    communes = Commune.objects.in_bulk(list(wanted), field_name="insee_code")
    for done, (code, values) in enumerate(sorted(wanted.items()), start=1):
        commune = communes.get(code)
        if commune is None:
            summary.notes.append(f"Commune {code} inconnue : chargez d’abord les communes.")
            continue
        _apply(commune, values, summary, reason=f"{REASON} (programmes ANCT)")
        _tick(progress, done, len(wanted))
    return summary

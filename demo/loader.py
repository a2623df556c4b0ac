"""Loads the demo data of fixtures/ (real conventions of the Pas-de-Calais) idempotently.

Every row is looked up by its natural key and saved only when something changed, so
loading twice neither duplicates data nor adds history rows.
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import Profile
from actions.models import Action, Axis, AxisTemplate, Objective
from conventions.models import (
    Amendment,
    Article,
    Convention,
    Deliberation,
    InterventionSector,
    Signatory,
)
from directory.models import EPCI, Commune, Organisation, Representative
from governance.models import Committee, CommitteeMember
from ort_portal.writes import save_tracked
from signatures.services.freezing import freeze_initial_version

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
CONVENTION_FILES = ["libercourt.json", "lens_lievin.json"]
CHANGE_REASON = "Chargement des données de démonstration"


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, model, created: bool):
        bucket = self.created if created else self.updated
        name = model._meta.verbose_name_plural
        bucket[name] = bucket.get(name, 0) + 1


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _read(name):
    return json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))


class DemoLoader:
    def __init__(self, *, freeze_signed_versions=False):
        self.freeze_signed_versions = freeze_signed_versions
        self.report = LoadReport()
        self.organisations: dict[str, Organisation] = {}
        self.representatives: dict[str, Representative] = {}
        self.conventions: dict[str, Convention] = {}

    def upsert(self, model, lookup: dict, values: dict):
        """Create the row, or update it only where its values differ."""
        instance = model.objects.filter(**lookup).first()
        created = instance is None
        if created:
            instance = model(**lookup)
        changed = created
        for name, value in values.items():
            if getattr(instance, name) != value:
                setattr(instance, name, value)
                changed = True
        if changed:
            save_tracked(instance, reason=CHANGE_REASON)
            self.report.count(model, created)
        return instance

    def set_m2m(self, manager, objects):
        wanted = {obj.pk for obj in objects}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(objects)

    @transaction.atomic
    def load(self) -> LoadReport:
        self.load_referential(_read("referential.json"))
        self.load_axis_templates(_read("acv_axes.json"))
        self.load_axis_templates(_read("pvd_axes.json"))
        for name in CONVENTION_FILES:
            for data in _read(name):
                self.load_convention(data)
        self.load_users(_read("demo_users.json"))
        if self.freeze_signed_versions:
            self.freeze_versions()
        return self.report

    def freeze_versions(self):
        """Version 1 of each demo convention whose every party's signature is dated.

        The seeds give the signature dates of Libercourt's nine parties; the chapeau's
        signature page is blank, so it keeps no signed version until it is signed here.
        """
        for convention in self.conventions.values():
            signatories = [s for s in convention.signatories.all() if s.signs]
            if (
                convention.is_signed
                and convention.signature_date
                and signatories
                and all(s.signature_date for s in signatories)
                and not convention.signed_versions.exists()
            ):
                version = freeze_initial_version(convention=convention)
                self.report.count(type(version), created=True)

    def load_referential(self, data):
        communes = {}
        for item in data["communes"]:
            communes[item["insee_code"]] = self.upsert(
                Commune,
                {"insee_code": item["insee_code"]},
                {
                    "name": item["name"],
                    "departement": item["departement"],
                    "region": item.get("region", ""),
                },
            )
        self.communes = communes
        self.epcis = {}
        for item in data["epcis"]:
            epci = self.upsert(
                EPCI, {"siren": item["siren"]}, {"name": item["name"], "nature": item["nature"]}
            )
            self.set_m2m(epci.communes, [communes[code] for code in item["communes"]])
            self.epcis[item["siren"]] = epci
        for item in data["organisations"]:
            self.organisations[item["key"]] = self.upsert(
                Organisation,
                {"name": item["name"]},
                {
                    "category": item["category"],
                    "siren": item.get("siren") or "",
                    "commune": communes.get(item.get("commune")),
                    "epci": self.epcis.get(item.get("epci")),
                    "region": item.get("region", ""),
                },
            )
        for item in data["representatives"]:
            self.representatives[item["key"]] = self.upsert(
                Representative,
                {
                    "organisation": self.organisations[item["organisation"]],
                    "first_name": item["first_name"],
                    "last_name": item["last_name"],
                    "function": item["function"],
                },
                {
                    "civility": item["civility"],
                    "mandate_start": _date(item.get("mandate_start")),
                    "mandate_end": _date(item.get("mandate_end")),
                    "region": item.get("region", ""),
                },
            )

    def load_axis_templates(self, data):
        for item in data["axes"]:
            self.upsert(
                AxisTemplate,
                {"programme": data["programme"], "number": item["number"]},
                {"title": item["title"]},
            )

    def load_convention(self, data):
        key = data["key"]
        convention = self.upsert(
            Convention,
            {"reference": data.get("reference") or key.upper()},
            self.convention_fields(data),
        )
        self.conventions[key] = convention
        self.set_m2m(convention.communes, [self.communes[c] for c in data.get("communes", [])])
        self.set_m2m(convention.epcis, [self.epcis[s] for s in data.get("epcis", [])])
        for position, item in enumerate(data.get("articles", []), start=1):
            self.upsert(
                Article,
                {"convention": convention, "position": position},
                {"number": item.get("number") or "", "title": item["title"], "text": item["text"]},
            )
        for item in data.get("sectors", []):
            self.upsert(
                InterventionSector,
                {"convention": convention, "name": item["name"]},
                {"description": item.get("description") or ""},
            )
        for item in data.get("signatories", []):
            self.load_signatory(convention, item)
        for item in data.get("axes", []):
            self.load_axis(convention, item)
        for item in data.get("committees", []):
            self.load_committee(convention, item)
        for item in data.get("amendments", []):
            self.load_amendment(convention, item)

    def convention_fields(self, data):
        dates = (
            "signature_date",
            "effective_date",
            "end_date",
            "prefecture_transmission_date",
            "prefecture_reception_date",
            "executory_date",
            "ort_perimeter_homologation_date",
        )
        texts = (
            "preamble",
            "signature_place",
            "duration_note",
            "prefecture_ar_reference",
            "ort_perimeter_homologation_act",
        )
        return {
            "title": data["title"],
            "kind": data["kind"],
            "programme": data["programme"],
            "is_ort": data.get("is_ort", False),
            "parent": self.conventions.get(data.get("parent")),
            "main_commune": self.communes.get(data.get("main_commune")),
            "status": data["status"],
            "duration_years": data.get("duration_years"),
            **{field: data.get(field) or "" for field in texts},
            **{field: _date(data.get(field)) for field in dates},
        }

    def load_amendment(self, convention, item):
        self.upsert(
            Amendment,
            {"convention": convention, "number": item["number"]},
            {
                "object": item["object"],
                "status": item["status"],
                "signature_date": _date(item.get("signature_date")),
                "effective_date": _date(item.get("effective_date")),
            },
        )

    def load_signatory(self, convention, item):
        signatory = self.upsert(
            Signatory,
            {"convention": convention, "organisation": self.organisations[item["organisation"]]},
            {
                "representative": self.representatives.get(item.get("representative")),
                "role": item["role"],
                "order": item.get("order") or 0,
                "signature_date": _date(item.get("signature_date")),
            },
        )
        deliberation = item.get("deliberation")
        if deliberation:
            self.upsert(
                Deliberation,
                {"signatory": signatory},
                {
                    "body": deliberation["instance"],
                    "date": _date(deliberation.get("date")),
                    "reference": deliberation.get("reference") or "",
                    "outcome": deliberation.get("outcome") or "",
                    "president": deliberation.get("president") or "",
                    "present": deliberation.get("present") or "",
                    "excused": deliberation.get("excused") or "",
                    "rapporteur": deliberation.get("rapporteur") or "",
                    "summary": deliberation.get("summary") or "",
                },
            )

    def load_axis(self, convention, item):
        axis = self.upsert(
            Axis, {"convention": convention, "number": item["number"]}, {"title": item["title"]}
        )
        for position, text in enumerate(item.get("objectives", []), start=1):
            self.upsert(Objective, {"axis": axis, "position": position}, {"text": text})
        for position, action in enumerate(item.get("actions", []), start=1):
            self.upsert(
                Action,
                {"axis": axis, "code": action["code"]},
                {
                    "title": action["title"],
                    "position": position,
                    "maturity": action["maturity"],
                    "has_fiche": action.get("has_fiche", False),
                },
            )

    def load_committee(self, convention, item):
        committee = self.upsert(
            Committee,
            {"name": item["name"]},
            {
                "kind": item["kind"],
                "expected_meetings_per_year": item.get("expected_meetings_per_year"),
                "frequency_note": item.get("frequency_note") or "",
                "description": item.get("description") or "",
            },
        )
        if not committee.conventions.filter(pk=convention.pk).exists():
            committee.conventions.add(convention)
        for member in item.get("members", []):
            representative = self.representatives.get(member.get("representative"))
            organisation = self.organisations.get(member.get("organisation"))
            if representative:
                lookup = {"committee": committee, "representative": representative}
                values = {"organisation": organisation, "label": member.get("label") or ""}
            else:
                lookup = {
                    "committee": committee,
                    "representative": None,
                    "organisation": organisation,
                    "label": member.get("label") or "",
                }
                values = {}
            self.upsert(CommitteeMember, lookup, {**values, "role": member.get("role", "membre")})

    def load_users(self, data):
        User = get_user_model()
        for item in data["users"]:
            user = User.objects.filter(username=item["username"]).first()
            if user is None:
                user = User(username=item["username"])
                user.set_password(data["password"])
            for name in ("first_name", "last_name", "email", "is_staff", "is_superuser"):
                setattr(user, name, item.get(name, getattr(user, name)))
            user.save()
            profile = self.upsert(Profile, {"user": user}, {"role": item["role"]})
            self.set_m2m(
                profile.conventions, [self.conventions[k] for k in item.get("conventions", [])]
            )
            self.set_m2m(profile.communes, [self.communes[c] for c in item.get("communes", [])])
            self.set_m2m(profile.epcis, [self.epcis[s] for s in item.get("epcis", [])])

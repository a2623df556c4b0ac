"""A new territory comes aboard: Lodève (Occitanie) from an empty portal, with the shipped
referential excerpts loaded by the commands. Shared by the test and the browser test."""

import io
import re
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Profile
from conventions.models import Convention
from directory.models import EPCI, Commune, Organisation, Representative
from governance.models import Committee
from tests.factories import ProfileFactory, UserFactory

REFERENTIALS = Path(settings.BASE_DIR) / "fixtures" / "referentials"
PASSWORD = "mot-de-passe-de-test"


def load_referentials():
    """The commands an operator runs on an empty portal."""
    out = io.StringIO()
    call_command("load_communes", str(REFERENTIALS / "v_commune_2025.csv"), stdout=out)
    call_command(
        "load_epci",
        str(REFERENTIALS / "Intercommunalite_Metropole_au_01-01-2025.xlsx"),
        stdout=out,
    )
    call_command(
        "load_programmes",
        "--pvd",
        str(REFERENTIALS / "liste-pvd.csv"),
        "--acv",
        str(REFERENTIALS / "liste-acv.csv"),
        "--croisement",
        str(REFERENTIALS / "table-croisement-programmes.csv"),
        stdout=out,
    )
    call_command("load_axis_templates", stdout=out)
    return out.getvalue()


def users():
    """An administrator, the chef de projet of Lodève and the one of Libercourt."""
    admin = UserFactory(username="admin-portail", password=PASSWORD)
    ProfileFactory(user=admin, role=Profile.Role.ADMIN)
    lodeve = UserFactory(username="cdp-lodeve", password=PASSWORD)
    profile = ProfileFactory(user=lodeve)
    profile.communes.set([Commune.objects.get(insee_code="34142")])
    libercourt = UserFactory(username="cdp-libercourt", password=PASSWORD)
    other = ProfileFactory(user=libercourt)
    other.communes.set([Commune.objects.get(insee_code="62907")])
    return admin, lodeve, libercourt


def national_bodies():
    """What an administrator enters in the directory: national and regional bodies, with a
    directeur régional of the Banque des Territoires in each of two regions, and a préfet
    named only by the office."""
    etat = Organisation.objects.create(
        name="État – Préfecture de l’Hérault", category="etat", region="76"
    )
    bdt = Organisation.objects.create(name="Banque des Territoires", category="cdc")
    anah = Organisation.objects.create(name="Agence nationale de l’habitat", category="anah")
    departement = Organisation.objects.create(
        name="Département de l’Hérault", category="departement", region="76"
    )
    Representative.objects.create(organisation=etat, function="Préfet de l’Hérault")
    Representative.objects.create(
        organisation=bdt,
        civility="Mme",
        first_name="Claire",
        last_name="NORD",
        function="Directrice régionale",
        region="32",
    )
    Representative.objects.create(
        organisation=bdt,
        civility="M.",
        first_name="Paul",
        last_name="OCCITAN",
        function="Directrice régionale",
        region="76",
    )
    Representative.objects.create(
        organisation=departement,
        civility="M.",
        first_name="Kléber",
        last_name="MESQUIDA",
        function="Président du conseil départemental",
    )
    return {"etat": etat, "bdt": bdt, "anah": anah, "departement": departement}


def other_territory_people():
    """Libercourt's mayor: a chef de projet of Lodève must never see him."""
    town = Organisation.objects.create(
        name="Commune de Libercourt",
        category="commune",
        commune=Commune.objects.get(insee_code="62907"),
    )
    return Representative.objects.create(
        organisation=town,
        civility="M.",
        first_name="Daniel",
        last_name="MACIEJASZ",
        function="Maire",
    )


def post_ok(client, url, data):
    response = client.post(url, data)
    errors = re.findall(
        r'class="fr-(?:error-text|alert[^"]*)"[^>]*>(.*?)<', response.content.decode()
    )
    assert response.status_code == 302, (response.status_code, url, errors)
    return response


def add_local_organisation(client, name, category, *, commune=None, epci=None):
    post_ok(
        client,
        reverse("directory:organisation_create"),
        {
            "name": name,
            "category": category,
            "siren": "",
            "commune": commune.pk if commune else "",
            "epci": epci.pk if epci else "",
        },
    )
    return Organisation.objects.get(name=name)


def add_representative(client, organisation, **values):
    post_ok(
        client,
        reverse("directory:representative_create", args=[organisation.pk]),
        {"civility": "", "first_name": "", "last_name": "", "region": "", **values},
    )
    return Representative.objects.filter(organisation=organisation).latest("pk")


def add_party(client, convention, organisation, role, representative, order, **extra):
    data = {
        "parties-new-organisation": organisation.pk,
        "parties-new-role": role,
        "parties-new-representative": representative.pk if representative else "",
        "parties-new-capacity": extra.get("capacity", ""),
        "parties-new-acting_for": extra.get("acting_for", ""),
        "parties-new-order": order,
    }
    post_ok(client, reverse("conventions:draft_add", args=[convention.pk, "parties"]), data)


def local_directory(client):
    """The local organisations and people a chef de projet of Lodève adds to the directory."""
    cc = EPCI.objects.get(siren="200017341")
    town = add_local_organisation(
        client, "Commune de Lodève", "commune", commune=Commune.objects.get(insee_code="34142")
    )
    epci = add_local_organisation(client, "CC Lodévois et Larzac", "epci", epci=cc)
    tourism = add_local_organisation(
        client, "Office de tourisme Lodévois et Larzac", "association", epci=cc
    )
    return {
        "town": town,
        "epci": epci,
        "tourism": tourism,
        "mayor": add_representative(
            client,
            town,
            function="Maire",
            civility="Mme",
            first_name="Marie",
            last_name="LODEVOISE",
        ),
        "president": add_representative(
            client, epci, civility="M.", first_name="Jean", last_name="LARZAC", function="Président"
        ),
        "director": add_representative(client, tourism, function="Directeur"),  # the office only
        "prefect": Representative.objects.get(function="Préfet de l’Hérault"),
    }


def create_convention(client):
    post_ok(
        client,
        reverse("conventions:create"),
        {
            "programme": "pvd",
            "kind": "cadre_operationnelle_pvd",
            "is_ort": "on",
            "title": "Convention-cadre Petites villes de demain valant ORT de Lodève",
            "commune": "Lodève",
            "preamble": "",
            "signature_place": "Lodève",
            "duration_years": "6",
            "duration_note": "",
        },
    )
    return Convention.objects.get()


def add_parties(client, convention, portal, local):
    """7 parties: one represented by an office only, one « en présence de »."""
    prefect = local["prefect"]
    add_party(client, convention, local["town"], "collectivite", local["mayor"], 1)
    add_party(client, convention, local["epci"], "collectivite", local["president"], 2)
    add_party(client, convention, portal["etat"], "etat", prefect, 3)
    anah = "en qualité de délégué local de l’Anah"
    add_party(client, convention, portal["anah"], "partenaire_financier", prefect, 4, capacity=anah)
    add_party(client, convention, portal["bdt"], "partenaire_financier", None, 5)
    add_party(client, convention, local["tourism"], "partenaire_technique", local["director"], 6)
    add_party(client, convention, portal["departement"], "en_presence", None, 7)


def add_articles_and_sector(client, convention):
    add_url = reverse("conventions:draft_add", args=[convention.pk, "articles"])
    for number in ["1", "2", "3", "4", "4.1", "4.2", "5", "6"]:
        data = {
            "articles-new-number": number,
            "articles-new-title": f"Titre {number}",
            "articles-new-text": "",
        }
        post_ok(client, add_url, data)
    post_ok(
        client,
        reverse("conventions:draft_add", args=[convention.pk, "secteurs"]),
        {
            "secteurs-new-name": "Centre-ville de Lodève",
            "secteurs-new-kind": "perimetre_ort",
            "secteurs-new-description": "",
        },
    )


def add_axes(client, convention):
    """The programme's axes, then objectives written on the first."""
    post_ok(client, reverse("actions:axes_from_programme", args=[convention.pk]), {})
    axis = convention.axes.get(number=1)
    post_ok(
        client,
        reverse("conventions:draft_edit", args=[convention.pk, "axes", axis.pk]),
        {
            f"axes-{axis.pk}-number": "1",
            f"axes-{axis.pk}-title": axis.title,
            f"axes-{axis.pk}-objectives": "Remettre sur le marché les logements vacants\n"
            "Rénover les façades",
        },
    )


def add_committee(client, convention, members):
    post_ok(
        client,
        reverse("conventions:draft_add", args=[convention.pk, "comites"]),
        {
            "comites-new-kind": "comite_projet",
            "comites-new-name": "Comité de projet PVD de Lodève",
            "comites-new-expected_meetings_per_year": "2",
            "comites-new-frequency_note": "",
            "comites-new-description": "",
        },
    )
    committee = Committee.objects.get()
    for representative, role in members:
        post_ok(
            client,
            reverse("governance:member_add", args=[committee.pk]),
            {"representative": representative.pk, "organisation": "", "label": "", "role": role},
        )


def write_convention(client, portal):
    """Everything a chef de projet of Lodève writes, page after page."""
    local = local_directory(client)
    convention = create_convention(client)
    add_parties(client, convention, portal, local)
    add_articles_and_sector(client, convention)
    add_axes(client, convention)
    members = [
        (local["mayor"], "president"),
        (local["president"], "membre"),
        (local["prefect"], "membre"),
    ]
    add_committee(client, convention, members)
    return convention


def sign_all(client, convention):
    signing = convention.signatories.signing().order_by("order")
    page = client.get(reverse("signatures:signature", args=[convention.pk]))
    for signatory in signing:
        form = next(
            row["signature_form"]
            for row in page.context["rows"]
            if row["signatory"].pk == signatory.pk
        )
        proposed = form.fields["representative"].initial
        post_ok(
            client,
            reverse("signatures:sign", args=[convention.pk, signatory.pk]),
            {
                f"s{signatory.pk}-signature_date": "2026-11-30",
                f"s{signatory.pk}-representative": proposed,
            },
        )
    return page

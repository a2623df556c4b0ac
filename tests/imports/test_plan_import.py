"""Importing a plan d'action file: preview first, then one tracked transaction."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from actions.models import Action, Funding, Indicator
from conventions.models import Convention
from reporting.exports import plan_csv, plan_workbook

from ..factories import ActionFactory, AxisFactory, FundingFactory, OrganisationFactory

NOW = datetime.datetime(2026, 11, 30, 12, 0)
HEADER = (
    "Axe;Numéro;Action;Maturité;Fiche-action;Maître d’ouvrage;Début;Fin;"
    "Coût estimatif HT (€);Financeur;Nature;Montant (€);État de la demande;Année;Indicateur"
)


@pytest.fixture
def axes(convention):
    return [AxisFactory(convention=convention, number=number) for number in (1, 2, 3)]


@pytest.fixture
def organisations(db):
    names = ["Commune de Testville", "Région Hauts-de-France", "Banque des Territoires"]
    return [OrganisationFactory(name=name) for name in names]


def upload(client, user, convention, content, name="plan.csv"):
    client.force_login(user)
    url = reverse("imports:plan_import", args=[convention.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def confirm(client, convention):
    return client.post(reverse("imports:plan_import_confirm", args=[convention.pk]))


def counts():
    return (Action.objects.count(), Funding.objects.count(), Indicator.objects.count())


def test_a_filled_template_of_40_actions_imports_exactly_them(
    client, convention, owner, axes, organisations
):
    client.force_login(owner)
    template = client.get(reverse("imports:plan_template"))
    workbook = load_workbook(io.BytesIO(template.content))
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]][:3] == ["Axe", "Numéro", "Action"]
    sheet.delete_rows(2)
    for n in range(40):
        axis, code = n % 3 + 1, f"{n % 3 + 1}.{n + 1}"
        sheet.append(
            [
                axis,
                code,
                f"Action importée {n}",
                "Projetée",
                "oui" if n % 2 else "non",
                "Commune de Testville",
                datetime.datetime(2025, 1, 1),
                "31/12/2027",
                "1 500 000,00",
                "Région Hauts-de-France",
                "Subvention",
                1000 * (n + 1),
                "Sollicité",
                2025,
                "",  # Période: none, the line has a year
                f"Indicateur {n}",
            ]
        )
        if n % 2 == 0:  # a second financing line for every other action
            sheet.append(
                [
                    axis,
                    code,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "Banque des Territoires",
                    "Prêt",
                    "2 000",
                    "Acquis / notifié",
                    2026,
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = upload(client, owner, convention, buffer.getvalue(), "plan.xlsx")
    preview = response.context["preview"]
    assert preview.errors == []
    assert preview.counts == {"created": 40, "updated": 0, "unchanged": 0}
    assert "Confirmer l’import" in response.text
    assert "Financement créé : Banque des Territoires, 2026, 2 000,00 €" in response.text
    assert counts() == (0, 0, 0)  # nothing before confirmation

    response = confirm(client, convention)
    assert response.status_code == 302
    assert counts() == (40, 60, 40)
    action = Action.objects.get(code="2.5")
    assert action.title == "Action importée 4"
    assert action.estimated_cost == Decimal("1500000.00")
    assert action.start_date == datetime.date(2025, 1, 1)
    assert action.project_owner.name == "Commune de Testville"
    assert sorted(action.fundings.values_list("funder__name", "nature", "amount", "year")) == [
        ("Banque des Territoires", "pret", Decimal("2000.00"), 2026),
        ("Région Hauts-de-France", "subvention", Decimal("5000.00"), 2025),
    ]
    record = action.history.get()
    assert (record.history_change_reason, record.history_user) == ("import", owner)
    assert Funding.history.filter(history_change_reason="import").count() == 60


@pytest.mark.parametrize("export", [plan_csv, plan_workbook])
def test_the_libercourt_export_reimports_to_no_change(client, demo, demo_user, export):
    convention = Convention.objects.get(reference="LIBERCOURT-ORT")
    actions = Action.objects.filter(axis__convention=convention).count()
    assert actions > 20
    history = Action.history.count()
    name = "plan.csv" if export is plan_csv else "plan.xlsx"
    user = demo_user("cdp-libercourt")
    response = upload(client, user, convention, export(convention, exported_at=NOW), name)
    preview = response.context["preview"]
    assert preview.errors == []
    assert preview.counts == {"created": 0, "updated": 0, "unchanged": actions}
    confirm(client, convention)
    assert Action.history.count() == history


def test_five_bad_rows_are_reported_and_nothing_is_written(
    client, convention, owner, axes, organisations
):
    ActionFactory(axis=axes[0], code="1.1", title="Déjà là")
    good = "1;1.{n};Bonne action {n};Projetée;non;Commune de Testville;;;;;;;;;"
    bad = [
        "9;9.1;Axe inconnu;Projetée;non;;;;;;;;;;",
        "1;1.20;Maître inconnu;Projetée;non;Comune de Testvile;;;;;;;;;",
        "1;1.21;Date fausse;Projetée;non;;32/13/2025;;;;;;;;",
        "2;2.1;Montant faux;Projetée;non;;;;;Région Hauts-de-France;Subvention;beaucoup;;2025;",
        "2;2.2;Maturité fausse;Mûre;non;;;;;;;;;;",
    ]
    lines = [HEADER] + [good.format(n=n) for n in range(2, 7)] + bad
    before = counts()
    response = upload(client, owner, convention, "\n".join(lines).encode("utf-8"))
    errors = response.context["preview"].errors
    assert [(error.line, error.column) for error in errors] == [
        (7, "Axe"),
        (8, "Maître d’ouvrage"),
        (9, "Début"),
        (10, "Montant (€)"),
        (11, "Maturité"),
    ]
    assert "Vouliez-vous dire : « Commune de Testville »" in errors[1].message
    assert "Confirmer l’import" not in response.text
    assert "Ligne" in response.text and "beaucoup" in response.text
    confirm(client, convention)
    assert counts() == before


def test_a_windows_1252_csv_with_accents(client, convention, owner, axes, organisations):
    text = (
        f"{HEADER}\r\n"
        "1;1.1;Réhabilitation de l’église Saint-Éloi;En réflexion;oui;Commune de Testville;"
        "01/09/2025;30/06/2027;250 000 €;Région Hauts-de-France;Subvention;75 000,50;Prévu;"
        "2026;Fréquentation annuelle\r\n"
    )
    response = upload(client, owner, convention, text.encode("cp1252"))
    assert response.context["preview"].errors == []
    confirm(client, convention)
    action = Action.objects.get()
    assert action.title == "Réhabilitation de l’église Saint-Éloi"
    assert action.maturity == Action.Maturity.EN_REFLEXION
    assert action.fundings.get().amount == Decimal("75000.50")
    assert action.indicators.get().label == "Fréquentation annuelle"


def test_an_update_shows_old_and_new_and_leaves_absent_actions_alone(
    client, convention, owner, axes, organisations
):
    changed = ActionFactory(axis=axes[0], code="1.1", title="Halle", costed=True)
    FundingFactory(action=changed, funder=organisations[1], year=2025, amount=Decimal("10"))
    absent = ActionFactory(axis=axes[0], code="1.2", title="Absente")
    text = (
        "Axe;Numéro;Action;Maturité;Financeur;Montant (€);Année\n"
        "1;1.1;Halle;Réalisée;Région Hauts-de-France;20;2025\n"
    )
    response = upload(client, owner, convention, text.encode())
    change = response.context["preview"].actions[0]
    assert change.changes == [("Maturité", "Projetée", "Réalisée")]
    assert "Maturité : Projetée → Réalisée" in response.text
    assert "montant 10,00 € → 20,00 €" in response.text
    confirm(client, convention)
    changed.refresh_from_db()
    assert changed.maturity == Action.Maturity.REALISEE
    assert changed.version == 2
    assert changed.fundings.get().amount == Decimal("20.00")
    assert changed.history.first().history_change_reason == "import"
    assert Action.objects.get(pk=absent.pk).title == "Absente"


def test_long_numbers_and_disagreeing_rows(client, convention, owner, axes, organisations):
    text = (
        "Axe;Numéro;Action;Financeur;Montant (€);Année;Période\n"
        "1;1.1;Halle;Région Hauts-de-France;à préciser;2025;\n"
        "1;1.2;Parc;Région Hauts-de-France;100;;\n"
        f"1;{'9' * 21};Numéro trop long;;;;\n"
        "2;2.1;Halle;Région Hauts-de-France;100;2025;\n"
        "2;2.1;Autre intitulé;Commune de Testville;100;2025;\n"
        "2;2.2;Double;Région Hauts-de-France;100;2025;2025-2027\n"
        "2;2.3;Période fausse;Région Hauts-de-France;100;;2027-2025\n"
    )
    errors = upload(client, owner, convention, text.encode()).context["preview"].errors
    assert [(error.line, error.column) for error in errors] == [
        (4, "Numéro"),
        (6, "Action"),
        (7, "Période"),
        (8, "Période"),
    ]


def test_pending_amounts_periods_and_several_owners(client, convention, owner, axes, organisations):
    """Issue 12: a request « sollicité » without amount, a multi-year total, an action
    carried by two maîtres d'ouvrage in sequence."""
    epf = OrganisationFactory(name="EPF Hauts-de-France")
    text = (
        "Axe;Numéro;Action;Maître d’ouvrage;Financeur;Nature;Montant (€);Année;Période\n"
        '1;1.1;Halle;"Commune de Testville ; EPF Hauts-de-France (acquisition, 40 %, 2025–2026)";'
        "Région Hauts-de-France;Subvention;sollicité;2025;\n"
        "1;1.1;;;Banque des Territoires;Prêt;1 300 000;;2025-2027\n"
        "1;1.1;;;Commune de Testville;Fonds propres;à préciser;;\n"
    )
    response = upload(client, owner, convention, text.encode())
    assert response.context["preview"].errors == []
    assert "Région Hauts-de-France, 2025, montant à préciser" in response.text
    confirm(client, convention)
    action = Action.objects.get()
    assert action.project_owner.name == "Commune de Testville"
    co_owner = action.co_owners.get()
    assert (co_owner.organisation, co_owner.phase, co_owner.share) == (
        epf,
        "acquisition",
        Decimal("40"),
    )
    assert (co_owner.period_start, co_owner.period_end) == (2025, 2026)
    lines = action.fundings.order_by("pk")
    assert [
        (f.nature, f.amount, f.status, f.year, f.period_start, f.period_end) for f in lines
    ] == [
        ("subvention", None, "sollicite", 2025, None, None),
        ("pret", Decimal("1300000.00"), "prevu", None, 2025, 2027),
        ("fonds_propres", None, "sollicite", None, None, None),
    ]
    # The export of the action re-imports to no change, its maîtres d'ouvrage included.
    again = upload(client, owner, convention, plan_csv(convention, exported_at=NOW))
    assert again.context["preview"].counts == {"created": 0, "updated": 0, "unchanged": 1}


def test_a_file_that_cannot_be_read_is_said_next_to_the_field(client, convention, owner):
    response = upload(client, owner, convention, b"nom;prenom\nA;B\n")
    assert response.status_code == 200
    assert "Aucune ligne d’en-têtes trouvée" in response.text
    assert f"<title>Erreur : Importer un plan d’action – {convention.reference}" in response.text


def test_comite_members_and_other_territories_are_refused(
    client, convention, reader, outsider, axes
):
    content = f"{HEADER}\n1;1.1;Halle;;;;;;;;;;;;\n".encode()
    assert upload(client, reader, convention, content).status_code == 403
    assert upload(client, outsider, convention, content).status_code == 404
    assert confirm(client, convention).status_code == 404
    assert Action.objects.count() == 0


def test_the_plan_page_links_to_the_import_for_editors_only(client, convention, owner, reader):
    url = reverse("actions:plan", args=[convention.pk])
    client.force_login(owner)
    assert "Importer un plan (XLSX, CSV)" in client.get(url).text
    client.force_login(reader)
    assert "Importer un plan (XLSX, CSV)" not in client.get(url).text


def test_another_territorys_organisations_are_neither_found_nor_suggested(client, demo, demo_user):
    """Libercourt's chef de projet: « Commune de Lens » (Lens-Liévin) is unknown to them,
    and a misspelt name suggests their own commune, never Lens or Liévin."""
    convention = Convention.objects.get(reference="LIBERCOURT-ORT")
    text = (
        HEADER + "\n"
        "1;1.90;Halle;Projetée;non;Commune de Libercourtt;;;;;;;;;\n"
        "1;1.91;Parc;Projetée;non;Commune de Lens;;;;;;;;;\n"
    )
    user = demo_user("cdp-libercourt")
    errors = upload(client, user, convention, text.encode()).context["preview"].errors
    messages = " ".join(error.message for error in errors)
    assert [error.line for error in errors] == [2, 3]
    assert "« Commune de Libercourt »" in messages
    assert "Liévin" not in messages
    assert "Organisation « Commune de Lens » inconnue" in messages

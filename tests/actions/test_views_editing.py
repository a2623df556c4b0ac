"""Editing the plan d'action: forms, in-place htmx edits, validation, conflicts, access."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from actions.models import Action, Funding, Indicator, Measurement
from tests import factories as f

from .test_views_plan import squash

pytestmark = pytest.mark.django_db


@pytest.fixture
def axis(convention):
    return f.AxisFactory(convention=convention, number=1, title="Habitat")


@pytest.fixture
def action(axis):
    return f.ActionFactory(axis=axis, code="1.1", title="Permis de louer", costed=True)


@pytest.fixture
def funder(db):
    return f.OrganisationFactory(name="Banque des Territoires")


def without_csrf(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def edit_data(action, **changes):
    data = {
        "axis": action.axis_id,
        "code": action.code,
        "title": action.title,
        "maturity": action.maturity,
        "location": "",
        "description": "",
        "objectives": "",
        "start_date": "2024-01-01",
        "end_date": "2026-12-31",
        "estimated_cost": "100000.00",
        "progress": "0",
        "version": action.version,
    }
    data.update(changes)
    return data


def funding_data(version, lines, existing=()):
    data = {
        "version": version,
        "fundings-TOTAL_FORMS": len(existing) + len(lines),
        "fundings-INITIAL_FORMS": len(existing),
    }
    for index, line in enumerate([*existing, *lines]):
        defaults = {"nature": "subvention", "section": "investissement", "status": "prevu"}
        for key, value in {**defaults, **line}.items():
            data[f"fundings-{index}-{key}"] = value
    return data


def test_owner_creates_an_action_under_an_axis(client, owner, axis):
    client.force_login(owner)
    response = client.post(
        reverse("actions:create", args=[axis.pk]),
        {"axis": axis.pk, "title": "Ravalement de façades", "maturity": "projetee", "progress": 0},
    )
    action = Action.objects.get(title="Ravalement de façades")
    assert response.url == reverse("actions:detail", args=[action.pk])
    assert action.history.latest().history_user == owner


def test_edit_rejects_end_before_start_and_negative_cost_writing_nothing(client, owner, action):
    client.force_login(owner)
    response = client.post(
        reverse("actions:edit", args=[action.pk]),
        edit_data(action, title="Nouveau titre", end_date="2023-01-01", estimated_cost="-5"),
    )
    page = squash(response)
    assert "La date de fin (01/01/2023) précède la date de début (01/01/2024)." in page
    assert "Le coût estimatif ne peut pas être négatif." in page
    assert 'value="Nouveau titre"' in page
    action.refresh_from_db()
    assert action.title == "Permis de louer" and action.version == 1


def test_edit_moves_the_action_to_another_axis_at_its_end(client, owner, action, convention):
    other = f.AxisFactory(convention=convention, number=2)
    f.ActionFactory(axis=other, position=7)
    client.force_login(owner)
    client.post(reverse("actions:edit", args=[action.pk]), edit_data(action, axis=other.pk))
    action.refresh_from_db()
    assert action.axis == other and action.position == 8 and action.version == 2


def test_stale_edit_is_refused_shows_what_changed_and_can_be_reapplied(
    client, owner, action, admin_user
):
    loaded_version = action.version
    # Someone else saves first.
    client.force_login(admin_user)
    client.post(reverse("actions:edit", args=[action.pk]), edit_data(action, title="Titre admin"))
    client.force_login(owner)
    response = client.post(
        reverse("actions:edit", args=[action.pk]),
        edit_data(action, title="Titre cheffe de projet", version=loaded_version),
    )
    page = squash(response)
    action.refresh_from_db()
    assert action.title == "Titre admin"
    assert "Cette action a été modifiée pendant que vous la modifiiez" in page
    assert (
        '<th scope="row">Intitulé</th><td>Titre cheffe de projet</td><td>Titre admin</td>'
        f"<td>{admin_user.get_full_name()}, le" in page.replace("> <", "><")
    )
    assert 'value="Titre cheffe de projet"' in page
    assert f'name="version" value="{action.version}"' in page
    # Re-applying sends the form again, now on the current version.
    data = edit_data(action, title="Titre cheffe de projet", version=action.version)
    client.post(reverse("actions:edit", args=[action.pk]), data)
    action.refresh_from_db()
    assert action.title == "Titre cheffe de projet" and action.version == 3


def test_inline_maturity_change_with_htmx_returns_the_plan_row(client, owner, action):
    client.force_login(owner)
    response = client.post(
        reverse("actions:maturity", args=[action.pk]),
        {"maturity": "en_cours", "version": 1},
        headers={"HX-Request": "true"},
    )
    action.refresh_from_db()
    assert action.maturity == "en_cours" and action.version == 2
    assert "HX-Request" in response["Vary"]
    row = response.content.decode()
    # The saved row announces the result and takes the focus back (portal.js) ...
    announce = (
        'data-ort-announce="Maturité de l’action 1.1 enregistrée : En cours et à poursuivre."'
    )
    assert row.strip().startswith(f'<tr id="action-{action.pk}" {announce}>')
    assert 'data-ort-saved="en_cours" data-ort-focus>' in row
    assert '<option value="en_cours" selected>' in row
    # ... and is otherwise the same row as in the full plan.
    row = row.replace(f" {announce}", "").replace(" data-ort-focus", "")
    plan = client.get(reverse("actions:plan", args=[action.axis.convention_id])).content.decode()
    assert without_csrf(" ".join(row.split())) in without_csrf(" ".join(plan.split()))


def test_stale_inline_maturity_is_refused_with_an_explanation(client, owner, action):
    client.force_login(owner)
    client.post(
        reverse("actions:maturity", args=[action.pk]), {"maturity": "en_cours", "version": 1}
    )
    response = client.post(
        reverse("actions:maturity", args=[action.pk]),
        {"maturity": "abandonnee", "version": 1},
        headers={"HX-Request": "true"},
    )
    row = squash(response)
    action.refresh_from_db()
    assert action.maturity == "en_cours"
    assert "Maturité : Projetée → En cours et à poursuivre" in row
    assert '<option value="abandonnee" selected>' in row
    assert 'name="version" value="2"' in row


def test_mark_realisee_from_the_fiche_without_javascript(client, owner, action):
    client.force_login(owner)
    fiche = reverse("actions:detail", args=[action.pk])
    response = client.post(
        reverse("actions:maturity", args=[action.pk]),
        {"maturity": "realisee", "version": 1, "next": fiche},
    )
    assert response.url == fiche
    action.refresh_from_db()
    assert action.maturity == "realisee" and action.progress == 100


def test_reorder_within_the_axis(client, owner, action, axis):
    second = f.ActionFactory(axis=axis, code="1.2", position=action.position + 1)
    client.force_login(owner)
    client.post(reverse("actions:move", args=[second.pk]), {"direction": "up"})
    codes = list(
        Action.objects.filter(axis=axis).order_by("position").values_list("code", flat=True)
    )
    assert codes == ["1.2", "1.1"]


def test_financing_lines_saved_together(client, owner, action, funder):
    existing = f.FundingFactory(action=action, funder=funder, year=2024, amount=Decimal("5000"))
    client.force_login(owner)
    response = client.post(
        reverse("actions:fundings", args=[action.pk]),
        funding_data(
            action.version,
            existing=[
                {
                    "id": existing.pk,
                    "funder": funder.pk,
                    "year": 2024,
                    "amount": "7000",
                    "DELETE": "",
                }
            ],
            lines=[
                {"funder": funder.pk, "year": 2025, "amount": "20000", "status": "acquis"},
                {"funder": funder.pk, "year": 2026, "amount": "30000"},
            ],
        ),
    )
    assert response.status_code == 302
    amounts = sorted(action.fundings.values_list("amount", flat=True))
    assert amounts == [Decimal("7000"), Decimal("20000"), Decimal("30000")]
    action.refresh_from_db()
    assert action.version == 2


def test_a_negative_line_blocks_the_whole_financing_plan(client, owner, action, funder):
    client.force_login(owner)
    response = client.post(
        reverse("actions:fundings", args=[action.pk]),
        funding_data(
            action.version,
            [
                {"funder": funder.pk, "year": 2025, "amount": "20000"},
                {"funder": funder.pk, "year": 2026, "amount": "-1"},
            ],
        ),
    )
    page = squash(response)
    assert "Le montant d’un financement ne peut pas être négatif." in page
    assert 'value="-1"' in page
    assert not Funding.objects.exists()


def test_deleting_a_line(client, owner, action, funder):
    line = f.FundingFactory(action=action, funder=funder)
    client.force_login(owner)
    client.post(
        reverse("actions:fundings", args=[action.pk]),
        funding_data(
            1,
            [],
            existing=[
                {
                    "id": line.pk,
                    "funder": funder.pk,
                    "year": 2024,
                    "amount": "10000",
                    "DELETE": "on",
                }
            ],
        ),
    )
    assert not Funding.objects.exists()
    assert Funding.history.filter(history_type="-", history_user=owner).exists()


def test_financing_above_cost_and_outside_period_warns_then_saves_on_confirmation(
    client, owner, action, funder
):
    client.force_login(owner)
    url = reverse("actions:fundings", args=[action.pk])
    data = funding_data(
        1,
        [
            {"funder": funder.pk, "year": 2025, "amount": "90000"},
            {"funder": funder.pk, "year": 2031, "amount": "20000"},
        ],
    )
    page = squash(client.post(url, data)).replace("\u202f", " ")
    assert (
        "Les financements (110 000,00 €) dépassent le coût estimatif de l’action "
        "(100 000,00 €) de 10 000,00 €." in page
    )
    assert "Année(s) hors de la période de la convention (18/01/2023 – 18/01/2028) : 2031." in page
    assert not Funding.objects.exists()
    response = client.post(url, {**data, "confirm_warnings": "1"})
    assert response.status_code == 302
    assert Funding.objects.count() == 2


def test_financing_edit_in_place_with_htmx_returns_the_financing_section(
    client, owner, action, funder
):
    client.force_login(owner)
    url = reverse("actions:fundings", args=[action.pk])
    form = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert form.strip().startswith('<section id="financement"')
    assert "<html" not in form
    response = client.post(
        url,
        funding_data(1, [{"funder": funder.pk, "year": 2025, "amount": "12000"}]),
        headers={"HX-Request": "true"},
    )
    section = squash(response).replace("\xa0", " ")
    assert section.startswith('<section id="financement"')
    assert "12 000,00 €, dont 0,00 € acquis" in section
    assert 'id="remaining-cost">88 000,00 €' in section


def test_stale_financing_edit_is_refused(client, owner, action, funder, admin_user):
    client.force_login(admin_user)
    client.post(
        reverse("actions:edit", args=[action.pk]), edit_data(action, estimated_cost="90000")
    )
    client.force_login(owner)
    page = squash(
        client.post(
            reverse("actions:fundings", args=[action.pk]),
            funding_data(1, [{"funder": funder.pk, "year": 2025, "amount": "12000"}]),
        )
    )
    assert "Cette action a été modifiée pendant que vous la modifiiez" in page
    assert "Coût estimatif HT (€) : 100 000,00 → 90 000,00" in page.replace("\xa0", " ")
    assert 'value="12000"' in page
    assert not Funding.objects.exists()


def test_indicator_and_measurement(client, owner, action):
    client.force_login(owner)
    client.post(
        reverse("actions:indicator_create", args=[action.pk]),
        {"label": "Logements conventionnés", "kind": "resultat", "target": "12", "version": 1},
    )
    indicator = Indicator.objects.get(action=action)
    client.post(
        reverse("actions:measurement_create", args=[indicator.pk]),
        {"date": "2025-06-30", "value": "5", "version": 2},
    )
    measurement = Measurement.objects.get(indicator=indicator)
    assert measurement.value == 5 and measurement.date == datetime.date(2025, 6, 30)
    action.refresh_from_db()
    assert action.version == 3
    page = squash(client.get(reverse("actions:detail", args=[action.pk])))
    assert "dernière valeur : <strong>5 logements" not in page  # no unit given
    assert "dernière valeur : <strong>5 </strong> au 30/06/2025" in page


def _every_post(action, funder):
    indicator = f.IndicatorFactory(action=action)
    return [
        (reverse("actions:create", args=[action.axis_id]), {"title": "x", "axis": action.axis_id}),
        (reverse("actions:edit", args=[action.pk]), edit_data(action, title="x")),
        (reverse("actions:maturity", args=[action.pk]), {"maturity": "abandonnee", "version": 1}),
        (reverse("actions:move", args=[action.pk]), {"direction": "up"}),
        (
            reverse("actions:fundings", args=[action.pk]),
            funding_data(1, [{"funder": funder.pk, "year": 2025, "amount": "1"}]),
        ),
        (
            reverse("actions:indicator_create", args=[action.pk]),
            {"label": "x", "kind": "resultat", "version": 1},
        ),
        (
            reverse("actions:measurement_create", args=[indicator.pk]),
            {"date": "2025-01-01", "value": "1", "version": 1},
        ),
    ]


def test_reader_gets_403_on_every_post_and_nothing_changes(client, reader, action, funder):
    client.force_login(reader)
    for url, data in _every_post(action, funder):
        assert client.post(url, data).status_code == 403, url
    action.refresh_from_db()
    assert action.title == "Permis de louer" and action.version == 1
    assert not Funding.objects.exists() and not Measurement.objects.exists()


def test_outsider_gets_404_on_every_post_and_edit_page(client, outsider, action, funder):
    client.force_login(outsider)
    for url, data in _every_post(action, funder):
        assert client.post(url, data).status_code == 404, url
        assert client.get(url).status_code in {404, 405}, url
    action.refresh_from_db()
    assert action.version == 1


def test_admin_edits_any_convention(client, admin_user, action):
    client.force_login(admin_user)
    client.post(
        reverse("actions:maturity", args=[action.pk]), {"maturity": "en_cours", "version": 1}
    )
    action.refresh_from_db()
    assert action.maturity == "en_cours"


def test_signed_convention_says_axes_need_an_avenant_while_actions_stay_editable(
    client, owner, action
):
    assert action.axis.convention.is_signed
    client.force_login(owner)
    page = squash(client.get(reverse("actions:plan", args=[action.axis.convention_id])))
    assert "ses axes et objectifs ne changent que par avenant" in page
    assert "Ajouter une action à l’axe 1" in page
    draft = f.ConventionFactory()
    owner.portal_profile.conventions.add(draft)
    f.AxisFactory(convention=draft)
    page = squash(client.get(reverse("actions:plan", args=[draft.pk])))
    assert "ne changent que par avenant" not in page


def test_lowering_the_cost_below_the_financing_warns_with_the_figures(
    client, owner, action, funder
):
    f.FundingFactory(action=action, funder=funder, amount=Decimal("40000"))
    client.force_login(owner)
    url = reverse("actions:edit", args=[action.pk])

    response = client.post(url, edit_data(action, estimated_cost="25000.00"))
    page = " ".join(response.content.decode().split()).replace("\u202f", " ")
    assert "Les financements (40 000,00 €) dépassent le coût estimatif de l’action" in page
    assert "(25 000,00 €) de 15 000,00 €" in page
    assert 'value="25000.00"' in page  # the input stays in the form
    action.refresh_from_db()
    assert action.estimated_cost == Decimal("100000.00")  # nothing written yet

    response = client.post(url, edit_data(action, estimated_cost="25000.00", confirm_warnings="1"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.estimated_cost == Decimal("25000.00")
    assert action.history.latest().history_user == owner


def test_editing_another_field_of_an_over_financed_action_needs_no_confirmation(
    client, owner, action, funder
):
    f.FundingFactory(action=action, funder=funder, amount=Decimal("150000"))
    client.force_login(owner)
    response = client.post(
        reverse("actions:edit", args=[action.pk]), edit_data(action, title="Permis de louer (v2)")
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Permis de louer (v2)"

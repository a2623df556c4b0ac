"""A change made through the admin is history-tracked with its author."""

import pytest
from django.urls import reverse

from actions.models import Action
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_admin_change_records_history_with_author(client, admin_user):
    action = f.ActionFactory(title="Déploiement du permis de louer")
    client.force_login(admin_user)
    url = reverse("admin:actions_action_change", args=[action.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name not in {"partners"}
    }
    data.update(
        {
            "axis": action.axis_id,
            "title": "Déploiement du permis de louer",
            "maturity": Action.Maturity.REALISEE,
            "progress": 100,
            "fundings-TOTAL_FORMS": 0,
            "fundings-INITIAL_FORMS": 0,
            "indicators-TOTAL_FORMS": 0,
            "indicators-INITIAL_FORMS": 0,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    latest = action.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == admin_user
    assert latest.maturity == Action.Maturity.REALISEE
    delta = latest.diff_against(latest.prev_record)
    assert {change.field for change in delta.changes} >= {"maturity", "progress"}


def test_admin_history_page_lists_the_author(client, admin_user):
    convention = f.ConventionFactory(title="Convention de Libercourt")
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:conventions_convention_change", args=[convention.pk]),
        {
            "reference": convention.reference,
            "title": "Convention de Libercourt (ORT)",
            "kind": convention.kind,
            "programme": convention.programme,
            "status": convention.status,
            "signatories-TOTAL_FORMS": 0,
            "signatories-INITIAL_FORMS": 0,
            "articles-TOTAL_FORMS": 0,
            "articles-INITIAL_FORMS": 0,
            "sectors-TOTAL_FORMS": 0,
            "sectors-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    history = client.get(reverse("admin:conventions_convention_history", args=[convention.pk]))
    assert "Convention de Libercourt (ORT)" in history.content.decode()
    assert admin_user.username in history.content.decode()

"""The admin refuses to delete what a signed document or a comité's decision refers to."""

import pytest
from django.urls import reverse

from actions.models import Action, Funding
from conventions.models import Convention
from governance.models import Committee, Decision
from tests import factories as f

pytestmark = pytest.mark.django_db


def _delete(client, model, obj):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_delete", args=[obj.pk])
    return client.post(url, {"post": "yes"})


def test_an_action_validated_by_a_decision_is_kept(client, admin_user, convention):
    action = f.ActionFactory(axis=f.AxisFactory(convention=convention))
    f.FundingFactory(action=action)
    decision = f.DecisionFactory(kind=Decision.Kind.VALIDATION_ACTION)
    decision.actions.add(action)
    client.force_login(admin_user)
    response = _delete(client, Action, action)
    assert response.status_code == 200
    assert "marquez-la « abandonnée »" in response.text
    assert Action.objects.filter(pk=action.pk).exists() and Funding.objects.exists()


def test_the_bulk_deletion_refuses_too(client, admin_user, convention):
    action = f.ActionFactory(axis=f.AxisFactory(convention=convention))
    f.DecisionFactory().actions.add(action)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:actions_action_changelist"),
        {"action": "delete_selected", "_selected_action": [action.pk], "post": "yes"},
    )
    assert "marquez-la « abandonnée »" in response.text
    assert Action.objects.filter(pk=action.pk).exists()


def test_an_action_without_decision_may_be_deleted(client, admin_user, convention):
    action = f.ActionFactory(axis=f.AxisFactory(convention=convention))
    client.force_login(admin_user)
    assert _delete(client, Action, action).status_code == 302
    assert not Action.objects.filter(pk=action.pk).exists()


def test_a_committee_with_recorded_meetings_is_kept(client, admin_user):
    meeting = f.MeetingFactory()
    f.DecisionFactory(meeting=meeting)
    client.force_login(admin_user)
    response = _delete(client, Committee, meeting.committee)
    assert "ne peut pas être supprimé" in response.text
    assert Committee.objects.filter(pk=meeting.committee_id).exists()


def test_a_signed_convention_is_kept(client, admin_user, convention):
    f.SignatoryFactory(convention=convention, signature_date="2024-05-02")
    client.force_login(admin_user)
    response = _delete(client, Convention, convention)
    # Refused in French: its own reason, or the signed rows the admin may not delete.
    assert "se résilie" in response.text or "Impossible de supprimer" in response.text
    assert Convention.objects.filter(pk=convention.pk).exists()

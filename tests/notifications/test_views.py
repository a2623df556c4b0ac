"""The in-app list of notices, the unread count in the menu, and the preferences page."""

import pytest

from notifications.models import Kind, Notice, NoticeOptOut
from tests.factories import ConventionFactory


def notice(user, convention, subject="Comité en retard sur son rythme : COPIL", **fields):
    return Notice.objects.create(
        recipient=user,
        kind=fields.pop("kind", Kind.COMMITTEE_OVERDUE),
        key=fields.pop("key", subject),
        convention=convention,
        subject=subject,
        body="Le comité doit se réunir 3 fois par an.",
        path="/comites/",
        **fields,
    )


@pytest.mark.django_db
def test_the_menu_counts_unread_notices_and_the_list_shows_them(client, owner, convention):
    notice(owner, convention)
    notice(owner, convention, subject="Échéance le 18 janvier 2028 : Libercourt")
    client.force_login(owner)

    page = client.get("/avis/").content.decode()

    assert "2 non lus" in page
    assert "Comité en retard sur son rythme : COPIL" in page
    assert "Échéance le 18 janvier 2028 : Libercourt" in page


@pytest.mark.django_db
def test_marking_read_updates_the_count_and_keeps_history(client, owner, convention):
    first = notice(owner, convention)
    notice(owner, convention, subject="Autre avis")
    client.force_login(owner)

    response = client.post("/avis/lus/", {"notice": [first.pk]}, follow=True)

    assert "1 avis marqué comme lu." in response.content.decode()
    assert "1 non lu" in response.content.decode()
    first.refresh_from_db()
    assert first.read_at is not None
    assert first.history.latest().history_user == owner


@pytest.mark.django_db
def test_nobody_reads_or_marks_another_users_notice(client, owner, outsider, convention):
    theirs = notice(owner, convention)
    client.force_login(outsider)

    assert "COPIL" not in client.get("/avis/").content.decode()
    client.post("/avis/lus/", {"notice": [theirs.pk, "x"]})
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.django_db
def test_a_notice_about_a_convention_no_longer_visible_disappears(client, owner, convention):
    notice(owner, ConventionFactory(), subject="Avis d’un autre territoire")
    client.force_login(owner)

    assert "Avis d’un autre territoire" not in client.get("/avis/").content.decode()


@pytest.mark.django_db
def test_preferences_turn_kinds_off_and_on_again(client, owner):
    client.force_login(owner)
    kept = [kind for kind in Kind.values if kind != Kind.WEEKLY_DIGEST]

    response = client.post("/avis/preferences/", {"kinds": kept}, follow=True)

    assert "Vos préférences d’avis sont enregistrées." in response.content.decode()
    assert list(owner.notice_opt_outs.values_list("kind", flat=True)) == [Kind.WEEKLY_DIGEST]
    assert NoticeOptOut.history.get().history_user == owner
    assert 'value="recapitulatif"' in response.content.decode()

    client.post("/avis/preferences/", {"kinds": Kind.values})
    assert not owner.notice_opt_outs.exists()


@pytest.mark.django_db
def test_an_unknown_kind_is_refused_in_french_and_nothing_changes(client, owner):
    client.force_login(owner)

    response = client.post("/avis/preferences/", {"kinds": ["inconnu"]})

    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not owner.notice_opt_outs.exists()

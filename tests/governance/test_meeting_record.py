"""A chef de projet records a séance of Libercourt's comité de projet: attendance and decisions."""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfReader

from actions.models import Action
from governance.models import Attendance, Decision, Meeting
from tests.factories import ActionFactory, AmendmentFactory, AttendanceFactory, DecisionFactory
from tests.pdf_flow import prepared_pdf

PARIS = ZoneInfo("Europe/Paris")


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def without_csrf(html: str) -> str:
    """The CSRF token is masked differently on each render."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.fixture
def chef(client, demo_user):
    client.login(username="cdp-libercourt", password="portail-ort-demo")
    return demo_user("cdp-libercourt")


def plan(client, committee):
    response = client.post(
        reverse("governance:meeting_create", args=[committee.pk]),
        {
            "starts_at": "2026-03-12T14:00",
            "place": "Salle du conseil, hôtel de ville de Libercourt",
            "agenda": "Point d’avancement du plan d’action\nAvenant n° 1",
        },
    )
    meeting = Meeting.objects.get(committee=committee)
    assert response.url == reverse("governance:meeting_detail", args=[meeting.pk])
    return meeting


def test_chef_de_projet_records_a_seance_with_attendance_and_two_decisions(
    chef, client, libercourt, project_committee
):
    mayor, sous_prefet = project_committee.members.order_by("role")
    action = Action.objects.get(axis__convention=libercourt, code="1.2")
    amendment = AmendmentFactory(convention=libercourt, object="Ajout de deux fiches-actions")

    meeting = plan(client, project_committee)
    assert meeting.starts_at == datetime.datetime(2026, 3, 12, 14, 0, tzinfo=PARIS)

    client.post(
        reverse("governance:meeting_attendance", args=[meeting.pk]),
        {
            f"member_{mayor.pk}_status": "present",
            f"member_{sous_prefet.pk}_status": "represente",
            f"member_{sous_prefet.pk}_represented_by": "Mme la secrétaire générale",
            "new_guest_name": "M. Jean Dupont, Banque des Territoires",
            "new_guest_status": "present",
        },
    )
    client.post(
        reverse("governance:decision_create", args=[meeting.pk]),
        {
            "kind": "validation_action",
            "text": "Le comité valide la fiche PIG.",
            "actions": [action.pk],
        },
    )
    client.post(
        reverse("governance:decision_create", args=[meeting.pk]),
        {
            "kind": "avis_avenant",
            "text": "Avis favorable au projet d’avenant n° 1.",
            "amendment": amendment.pk,
        },
    )

    page = client.get(reverse("governance:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Séance du 12/03/2026 à 14h00" in page
    assert "Représenté" in page and "Mme la secrétaire générale" in page
    assert "M. Jean Dupont, Banque des Territoires (invité)" in page
    assert "Le comité valide la fiche PIG." in page
    assert "Avis favorable au projet d’avenant n° 1." in page
    assert {
        (a.member_id, a.guest_name, a.status, a.represented_by) for a in meeting.attendances.all()
    } == set(
        [
            (mayor.pk, "", "present", ""),
            (sous_prefet.pk, "", "represente", "Mme la secrétaire générale"),
            (None, "M. Jean Dupont, Banque des Territoires", "present", ""),
        ]
    )

    # On the action's fiche: "Validée en comité de projet du 12/03/2026".
    decisions = Decision.objects.for_action(action)
    assert [d.text for d in decisions] == ["Le comité valide la fiche PIG."]
    fiche = render_to_string("governance/includes/action_decisions.html", {"decisions": decisions})
    assert "Validée en comité de projet du 12/03/2026" in fiche
    fiche_page = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert "Validée en comité de projet du 12/03/2026" in fiche_page
    assert amendment.decisions.get().kind == Decision.Kind.AVIS_AVENANT

    decision = Decision.objects.get(kind="validation_action")
    history = decision.history.earliest()
    assert history.history_user == chef
    assert history.history_change_reason == "Décision enregistrée"
    assert Attendance.history.filter(history_user=chef).count() == 3


def test_relevé_pdf_contains_the_decisions(chef, client, libercourt, project_committee):
    meeting = plan(client, project_committee)
    client.post(
        reverse("governance:decision_create", args=[meeting.pk]),
        {"kind": "bilan_annuel", "text": "Bilan 2025 présenté et approuvé à l’unanimité."},
    )
    response = prepared_pdf(client, reverse("governance:meeting_pdf", args=[meeting.pk]))
    text = pdf_text(response.content)
    assert "Relevé de décisions" in text
    assert "Bilan 2025 présenté et approuvé à l’unanimité." in text
    assert "Comité de projet Petites villes de demain de Libercourt" in text


def test_decision_links_only_actions_and_avenants_of_the_committee_conventions(
    chef, client, libercourt, project_committee
):
    meeting = plan(client, project_committee)
    elsewhere = ActionFactory()
    foreign_amendment = AmendmentFactory()
    response = client.post(
        reverse("governance:decision_create", args=[meeting.pk]),
        {
            "kind": "validation_action",
            "text": "Validation",
            "actions": [elsewhere.pk],
            "amendment": foreign_amendment.pk,
        },
    )
    form = response.context["form"]
    assert "actions" in form.errors and "amendment" in form.errors
    assert not meeting.decisions.exists()


def test_validation_without_action_and_avis_without_avenant_are_refused(
    chef, client, project_committee
):
    meeting = plan(client, project_committee)
    for kind, field, message in [
        ("validation_action", "actions", "Cochez au moins une action validée."),
        ("avis_avenant", "amendment", "Choisissez l’avenant sur lequel porte l’avis."),
    ]:
        response = client.post(
            reverse("governance:decision_create", args=[meeting.pk]),
            {"kind": kind, "text": "Texte saisi"},
        )
        assert response.context["form"].errors[field] == [message]
        assert "Texte saisi" in response.content.decode()
    assert not meeting.decisions.exists()


def test_represented_without_name_is_refused_and_nothing_written(chef, client, project_committee):
    meeting = plan(client, project_committee)
    mayor, sous_prefet = project_committee.members.order_by("role")
    response = client.post(
        reverse("governance:meeting_attendance", args=[meeting.pk]),
        {f"member_{mayor.pk}_status": "present", f"member_{sous_prefet.pk}_status": "represente"},
    )
    assert "Indiquez qui représente ce membre." in response.content.decode()
    assert not meeting.attendances.exists()


def test_htmx_decision_answers_the_relevé_region(chef, client, project_committee):
    meeting = plan(client, project_committee)
    response = client.post(
        reverse("governance:decision_create", args=[meeting.pk]),
        {"kind": "autre", "text": "Prochaine séance en juin."},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="decisions"')
    assert "Prochaine séance en juin." in body
    assert "HX-Request" in response["Vary"]
    full = client.get(reverse("governance:meeting_detail", args=[meeting.pk])).content.decode()
    assert without_csrf(body).strip() in without_csrf(full)


def test_séance_page_keeps_a_constant_number_of_queries(
    chef, client, libercourt, project_committee, django_assert_num_queries
):
    meeting = plan(client, project_committee)
    url = reverse("governance:meeting_detail", args=[meeting.pk])
    actions = list(Action.objects.filter(axis__convention=libercourt)[:5])
    DecisionFactory(meeting=meeting, kind="validation_action").actions.set(actions[:1])
    with django_assert_num_queries(13) as small:
        client.get(url)
    for n in range(8):
        decision = DecisionFactory(meeting=meeting, kind="validation_action", text=f"D{n}")
        decision.actions.set(actions)
        AttendanceFactory(meeting=meeting, member=None, guest_name=f"Invité {n}")
    DecisionFactory(
        meeting=meeting, kind="avis_avenant", amendment=AmendmentFactory(convention=libercourt)
    )
    with django_assert_num_queries(len(small.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("Invité ") == 8

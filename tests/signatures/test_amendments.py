"""Avenants: drafted on a copy, signed by the parties, then applied and frozen as version n+1."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.models import Action, Axis, Objective
from conventions.models import Amendment, Convention
from signatures.services import amendments, drafting
from signatures.snapshot.diff import diff_snapshots
from tests.factories import DecisionFactory, MeetingFactory

from .test_signature import LIBERCOURT, pdf_text, reset_to_project, sign_all

NEW_OBJECTIVE = "Créer une maison de l’habitat en centre-ville"
NEW_ACTION = "Ouverture d’une maison de l’habitat"


@pytest.fixture
def signed_libercourt(demo, demo_user):
    convention = reset_to_project(Convention.objects.get(reference=LIBERCOURT))
    return sign_all(convention, by=demo_user("cdp-libercourt"))


def axes_post(amendment, change):
    """The axes formset as the page renders it, with `change` applied to the rows."""
    rows = []
    for axis in amendment.draft["axes"]:
        rows.append(
            {
                "id": axis["id"],
                "number": axis["number"],
                "title": axis["title"],
                "objectives": "\n".join(o["text"] for o in axis["objectives"]),
            }
        )
    change(rows)
    data = {
        "axes-TOTAL_FORMS": len(rows) + 1,
        "axes-INITIAL_FORMS": len(rows),
        "axes-MIN_NUM_FORMS": 0,
        "axes-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"axes-{index}-{key}"] = value
    return data


def test_avenant_adding_an_objective_and_an_action_yields_version_2(
    signed_libercourt, demo_user, client
):
    convention = signed_libercourt
    cdp = demo_user("cdp-libercourt")
    version_1 = convention.signed_versions.get(number=1)
    bytes_1, hash_1 = bytes(version_1.archive.pdf), version_1.archive.sha256
    client.force_login(cdp)

    response = client.post(
        reverse("signatures:amendment_create", args=[convention.pk]),
        {"object": "Ajout d’un objectif à l’axe 1"},
    )
    amendment = convention.amendments.get()
    assert response.url == reverse("signatures:amendment", args=[convention.pk, amendment.number])

    def add_objective(rows):
        rows[0]["objectives"] += "\n" + NEW_OBJECTIVE

    response = client.post(
        reverse("signatures:amendment_draft", args=[convention.pk, amendment.number, "axes"]),
        axes_post(amendment, add_objective),
    )
    assert response.status_code == 302
    axis_1 = Axis.objects.get(convention=convention, number=1)
    # The live convention is untouched until the avenant is signed.
    assert not Objective.objects.filter(text=NEW_OBJECTIVE).exists()
    page = client.get(response.url).content.decode()
    assert f"Objectif ajouté à l’Axe 1 : {axis_1.title}" in page

    # Actions evolve without avenant (art. 4).
    Action.objects.create(axis=axis_1, code="1.99", title=NEW_ACTION, position=99)

    meeting = MeetingFactory(committee=convention.committees.first())
    decision = DecisionFactory(meeting=meeting, kind="avis_avenant", text="Avis favorable")
    client.post(
        reverse("signatures:amendment_avis", args=[convention.pk, amendment.number]),
        {"decision": decision.pk},
    )
    decision.refresh_from_db()
    assert decision.amendment == amendment

    amendment.refresh_from_db()
    for index, party in enumerate(amendments.amendment_signing_parties(amendment)):
        response = client.post(
            reverse("signatures:amendment_sign", args=[convention.pk, amendment.number]),
            {
                "organisation": party["organisation_id"],
                "representative": party["representative"]["id"],
                "signature_date": f"2026-02-{index + 1:02d}",
            },
        )
        assert response.status_code == 302

    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.SIGNE
    assert amendment.signature_date == datetime.date(2026, 2, 9)
    objective = Objective.objects.get(text=NEW_OBJECTIVE)
    assert objective.axis == axis_1
    assert objective.history.latest().history_user == cdp

    version_2 = convention.signed_versions.get(number=2)
    assert version_2.amendment == amendment
    diff = diff_snapshots(version_1.content, version_2.content)
    assert diff.objectives_added == [{"axis": f"Axe 1 : {axis_1.title}", "text": NEW_OBJECTIVE}]
    assert diff.actions_added == [f"1.99 {NEW_ACTION}"]
    others = [
        name for name in diff.CHANGE_LISTS if name not in ("objectives_added", "actions_added")
    ]
    assert all(getattr(diff, name) == [] for name in others)
    text = pdf_text(bytes(version_2.archive.pdf))
    assert NEW_OBJECTIVE in text and NEW_ACTION in text

    version_1 = convention.signed_versions.get(number=1)
    assert bytes(version_1.archive.pdf) == bytes_1
    assert version_1.archive.sha256 == hash_1 == hashlib.sha256(bytes_1).hexdigest()

    compare = client.get(
        reverse("signatures:compare", args=[convention.pk]), {"de": 1, "a": 2}
    ).content.decode()
    assert f"Action ajoutée : 1.99 {NEW_ACTION}" in compare
    assert f"Objectif ajouté à l’Axe 1 : {axis_1.title} : {NEW_OBJECTIVE}" in compare


def test_editing_an_axis_of_a_signed_convention_outside_an_avenant_is_refused(signed_libercourt):
    axis = Axis.objects.filter(convention=signed_libercourt).first()
    axis.title = "Un autre intitulé"
    with pytest.raises(ValidationError, match="ne changent que par avenant"):
        axis.full_clean()
    objective = axis.objectives.first()
    objective.text = "Autre objectif"
    with pytest.raises(ValidationError, match="ne changent que par avenant"):
        objective.full_clean()
    with pytest.raises(ValidationError, match="ne changent que par avenant"):
        Axis(convention=signed_libercourt, number=9, title="Nouvel axe").full_clean()
    # Actions do not need an avenant.
    action = axis.actions.first()
    action.title = "Intitulé précisé"
    action.full_clean()


def test_axes_of_a_project_convention_stay_editable(demo):
    convention = reset_to_project(Convention.objects.get(reference=LIBERCOURT))
    axis = Axis.objects.filter(convention=convention).first()
    axis.title = "Intitulé en discussion"
    axis.full_clean()


def test_an_avenant_article_change_is_highlighted_and_escaped(signed_libercourt, demo_user):
    cdp = demo_user("cdp-libercourt")
    amendment = amendments.create_amendment(
        convention=signed_libercourt, object="Article 1", by=cdp
    )
    articles = [dict(a) for a in amendment.draft["articles"]]
    articles[0]["text"] = articles[0]["text"] + " <script>alert(1)</script> ajouté"
    drafting.update_amendment_draft(amendment=amendment, part="articles", values=articles, by=cdp)
    amendment.refresh_from_db()
    diff = diff_snapshots(amendment.base, amendment.draft)
    assert len(diff.articles_changed) == 1
    after = str(diff.articles_changed[0]["redline"])
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt; ajouté</ins>" in after
    assert "<script>" not in after


def test_a_second_open_avenant_and_a_reader_are_refused(signed_libercourt, demo_user, client):
    cdp = demo_user("cdp-libercourt")
    amendments.create_amendment(convention=signed_libercourt, object="Premier", by=cdp)
    with pytest.raises(ValidationError, match="déjà en cours"):
        amendments.create_amendment(convention=signed_libercourt, object="Second", by=cdp)
    client.force_login(demo_user("copil-libercourt"))
    response = client.post(
        reverse("signatures:amendment_create", args=[signed_libercourt.pk]), {"object": "X"}
    )
    assert response.status_code == 403

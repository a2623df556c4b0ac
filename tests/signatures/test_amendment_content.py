"""An ACV avenant n° 1 as real ones are: new articles and sub-articles, objectives,
secteurs, the ORT status and the plan d'action it adopts, all on its page, in its PDF and
in version 2."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from actions.models import Axis
from conventions.models import Amendment
from signatures.services import amendments, drafting
from tests.factories import (
    ActionFactory,
    CommuneFactory,
    FundingFactory,
    OrganisationFactory,
    RepresentativeFactory,
)
from tests.pdf_flow import prepared_pdf
from tests.pickers_data import national_scale, options_of

from .conftest import formset_post
from .test_signature import pdf_text

NEW_ARTICLES = [
    ("4", "Périmètre de l’ORT", "Le périmètre de l’ORT couvre le centre-ville."),
    ("4.1", "Secteur prioritaire du centre-ville", "Le secteur prioritaire est délimité."),
    ("4.2", "Secteurs d’intervention complémentaires", "Deux secteurs complètent le centre."),
    ("5", "Plan d’action", "Le plan d’action annexé est adopté."),
]
NEW_SECTORS = ["Centre-ville de Saint-Omer", "Quartier de la gare", "Faubourg du Haut-Pont"]
SECTOR_KINDS = ["perimetre_ort", "prioritaire", "denormandie"]
SECTOR_LABELS = [
    "Centre-ville de Saint-Omer (périmètre de l’ORT)",
    "Quartier de la gare (secteur d’intervention prioritaire)",
    "Faubourg du Haut-Pont (périmètre Denormandie)",
]


def new_objectives(number):
    return [f"Objectif {n} ajouté à l’axe {number}" for n in ("A", "B")]


def draft_rows(amendment, part, fields):
    return [{name: item.get(name) for name in fields} for item in amendment.draft[part]]


def post_draft(client, amendment, part, data):
    url = reverse(
        "signatures:amendment_draft", args=[amendment.convention_id, amendment.number, part]
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    amendment.refresh_from_db()


def draft_avenant(client, convention):
    """Avenant n° 1 drafted through the pages: 4 articles over two saves (the draft keys
    hold), 10 objectives, 3 secteurs and the ORT status in one save each."""
    client.post(
        reverse("signatures:amendment_create", args=[convention.pk]),
        {"object": "Avenant de transformation en ORT"},
    )
    amendment = convention.amendments.get()
    article_fields = ["id", "draft_key", "number", "title", "text"]
    for batch in (NEW_ARTICLES[:3], NEW_ARTICLES[3:]):
        rows = draft_rows(amendment, "articles", article_fields)
        initial = len(rows)
        rows += [{"number": n, "title": t, "text": x} for n, t, x in batch]
        post_draft(client, amendment, "articles", formset_post("articles", rows, initial=initial))
    rows = [
        {
            "id": axis["id"],
            "number": axis["number"],
            "title": axis["title"],
            "objectives": "\n".join(
                [o["text"] for o in axis["objectives"]] + new_objectives(axis["number"])
            ),
        }
        for axis in amendment.draft["axes"]
    ]
    post_draft(client, amendment, "axes", formset_post("axes", rows, initial=len(rows)))
    rows = [
        {"name": name, "kind": kind, "description": f"Secteur {name}"}
        for name, kind in zip(NEW_SECTORS, SECTOR_KINDS, strict=True)
    ]
    post_draft(client, amendment, "sectors", formset_post("sectors", rows, initial=0))
    post_draft(
        client,
        amendment,
        "terms",
        {
            "terms-title": convention.title,
            "terms-kind": convention.kind,
            "terms-is_ort": "on",
            "terms-ort_perimeter_homologation_date": "2019-09-30",
            "terms-ort_perimeter_homologation_act": "Arrêté préfectoral du 30 septembre 2019",
            "terms-preamble": "",
            "terms-signature_place": "Arques",
        },
    )
    return amendment


def adopt_plan(convention, count=14):
    """The plan d'action the avenant adopts: actions evolve without avenant (art. 4)."""
    funder = OrganisationFactory(name="Région Hauts-de-France")
    axes = list(Axis.objects.filter(convention=convention).order_by("number"))
    for index in range(count):
        action = ActionFactory(
            axis=axes[index % len(axes)],
            code=f"{index % len(axes) + 1}.{index + 1}",
            title=f"Action du plan n° {index + 1}",
            estimated_cost=Decimal("100000"),
            has_fiche=index < 4,
        )
        FundingFactory(action=action, funder=funder, amount=Decimal("25000"))


def sign_avenant(client, amendment, day=datetime.date(2019, 10, 8)):
    for party in amendments.amendment_signing_parties(amendment):
        response = client.post(
            reverse("signatures:amendment_sign", args=[amendment.convention_id, amendment.number]),
            {
                "organisation": party["organisation_id"],
                "representative": party["representative"]["id"],
                "signature_date": day.isoformat(),
            },
        )
        assert response.status_code == 302, response.content.decode()[-3000:]
    amendment.refresh_from_db()


def expected_texts():
    objectives = [text for number in range(1, 6) for text in new_objectives(number)]
    articles = [f"Article {n} – {t}" for n, t, _ in NEW_ARTICLES] + [x for *_, x in NEW_ARTICLES]
    actions = [f"Action du plan n° {n}" for n in range(1, 15)]
    return articles + objectives + SECTOR_LABELS + actions


@pytest.fixture
def drafted(acv, acv_owner, client):
    client.force_login(acv_owner)
    amendment = draft_avenant(client, acv)
    adopt_plan(acv)
    return amendment


def test_every_added_item_is_on_the_avenant_page_and_in_its_pdf(drafted, client):
    assert sum(1 for a in drafted.draft["articles"] if a["id"] is None) == 4
    page = client.get(
        reverse("signatures:amendment", args=[drafted.convention_id, drafted.number])
    ).content.decode()
    pdf = pdf_text(
        prepared_pdf(
            client,
            reverse("signatures:amendment_pdf", args=[drafted.convention_id, drafted.number]),
        ).content
    )
    for text in expected_texts():
        assert text.replace("’", "&#x27;") in page or text in page, text
        assert text in pdf, text
    assert "Valant ORT : non → oui" in page and "Valant ORT : non → oui" in pdf
    assert "Homologation du périmètre ORT : — → 30/09/2019" in page
    assert "Fiche-action 4.4 : Action du plan n° 4" in pdf


def test_the_avenant_adopts_the_plan_as_it_stands(drafted, client):
    """Not « 0 € → 0 € » while version 2 will hold 14 actions."""
    response = client.get(
        reverse("signatures:amendment", args=[drafted.convention_id, drafted.number])
    )
    changes, plan = response.context["changes"], response.context["plan"]
    assert len(changes.actions_added) == 14
    assert changes.totals_after == {
        "cost": Decimal("1400000"),
        "funded": Decimal("350000"),
        "loans": Decimal("0"),
        "remaining_charge": Decimal("1050000"),
        "unknown": 0,
    }
    assert sum(len(axis["actions"]) for axis in plan["axes"]) == 14
    assert len(plan["fiches"]) == 4


def test_version_2_holds_every_added_item(drafted, client):
    sign_avenant(client, drafted)
    assert drafted.status == Amendment.Status.SIGNE
    version_2 = drafted.convention.signed_versions.get(number=2)
    content = version_2.content
    assert [a["number"] for a in content["articles"]][-4:] == ["4", "4.1", "4.2", "5"]
    assert sum(len(axis["objectives"]) for axis in content["axes"]) == 15
    assert sorted((s["name"], s["kind"]) for s in content["sectors"]) == sorted(
        zip(NEW_SECTORS, SECTOR_KINDS, strict=True)
    )
    assert content["convention"]["is_ort"] is True
    assert drafted.convention.ort_perimeter_homologation_act.startswith("Arrêté préfectoral")
    assert sum(len(axis["actions"]) for axis in content["axes"]) == 14
    text = pdf_text(bytes(version_2.archive.pdf))
    for expected in expected_texts():
        assert expected.split(" – ")[-1] in text, expected


def test_version_2_carries_the_avenant_signatures_beside_the_original_ones(drafted, client):
    sign_avenant(client, drafted)
    version_2 = drafted.convention.signed_versions.get(number=2)
    text = pdf_text(bytes(version_2.archive.pdf))
    original = text.index("Fait à Saint-Omer, le 25 juin 2018")
    avenant = text.index("Fait à Arques, le 8 octobre 2019")
    assert original < avenant
    assert text.count("8 octobre 2019") >= 5  # the avenant's date and its four signatures
    page = client.get(reverse("signatures:versions", args=[drafted.convention_id])).content.decode()
    assert "Avenant n° 1, fait à Arques le 8 octobre 2019" in page
    assert page.count("(8 octobre 2019)") == 4
    assert "Convention initiale :" in page


def test_a_changed_article_reads_as_a_redline_in_the_avenant_pdf(drafted, client):
    rows = [dict(a) for a in drafted.draft["articles"]]
    rows[0]["text"] = "Texte de l’article, complété par l’avenant."
    drafting.update_amendment_draft(amendment=drafted, part="articles", values=rows)
    response = client.get(
        reverse("signatures:amendment", args=[drafted.convention_id, drafted.number])
    )
    redline = str(response.context["changes"].articles_changed[0]["redline"])
    assert "<del>l’article.</del> <ins>l’article, complété par l’avenant.</ins>" in redline
    pdf = pdf_text(
        prepared_pdf(
            client,
            reverse("signatures:amendment_pdf", args=[drafted.convention_id, drafted.number]),
        ).content
    )
    assert "Texte barré : supprimé ; texte souligné : ajouté." in pdf
    assert "l’article. l’article, complété par l’avenant." in pdf


def test_a_party_joins_and_another_leaves_by_the_avenant(drafted, client):
    joining = OrganisationFactory(name="Action Logement", category="autre")
    representative = RepresentativeFactory(organisation=joining, function="Directeur régional")
    rows = [
        {
            "organisation": p["organisation_id"],
            "role": p["role"],
            "DELETE": "on" if p["organisation"] == "Banque des Territoires" else "",
        }
        for p in drafted.draft["parties"]
    ]
    initial = len(rows)
    rows.append(
        {
            "organisation": joining.pk,
            "role": "partenaire_financier",
            "representative": representative.pk,
        }
    )
    post_draft(client, drafted, "parties", formset_post("parties", rows, initial=initial))
    page = client.get(
        reverse("signatures:amendment", args=[drafted.convention_id, drafted.number])
    ).content.decode()
    assert "Partie ajoutée : Action Logement (Partenaire financier)" in page
    assert "Partie retirée : Banque des Territoires (Partenaire financier)" in page

    sign_avenant(client, drafted)
    parties = drafted.convention.signed_versions.get(number=2).content["parties"]
    names = {p["organisation"]: p for p in parties}
    assert "Banque des Territoires" not in names
    assert names["Action Logement"]["signature_date"] == "2019-10-08"
    assert names["Action Logement"]["representative"]["name"] == representative.full_name


def test_saving_articles_as_a_browser_sends_them_changes_none(acv, acv_owner, client):
    """Browsers send a textarea's line breaks as \\r\\n: an article of two paragraphs saved
    unchanged is no « Article modifié » in the avenant the parties sign."""
    article = acv.articles.first()
    article.text = "Premier alinéa.\n\nSecond alinéa."
    article.save()
    client.force_login(acv_owner)
    client.post(reverse("signatures:amendment_create", args=[acv.pk]), {"object": "Avenant n° 1"})
    amendment = acv.amendments.get()
    rows = draft_rows(amendment, "articles", ["id", "draft_key", "number", "title", "text"])
    for row in rows:
        row["text"] = row["text"].replace("\n", "\r\n")
    post_draft(client, amendment, "articles", formset_post("articles", rows, initial=len(rows)))

    page = client.get(reverse("signatures:amendment", args=[acv.pk, amendment.number]))
    assert "Article modifié" not in page.content.decode()
    assert amendment.draft["articles"][0]["text"] == "Premier alinéa.\n\nSecond alinéa."


def test_the_parties_of_the_avenant_are_picked_through_a_search(drafted, client):
    """The avenant's parties list only each row's organisation and representative, whatever
    the number in the directory; another territory's organisation is refused in French."""
    national_scale(300)
    url = reverse("signatures:amendment", args=[drafted.convention_id, drafted.number])
    page = client.get(url).content.decode()
    rows = len(drafted.draft["parties"])
    for index in range(rows):
        assert len(options_of(page, f"parties-{index}-organisation")) == 2
    assert len(options_of(page, f"parties-{rows}-organisation")) == 1
    assert "Organisme national" not in page

    elsewhere = OrganisationFactory(name="Mairie d’ailleurs", commune=CommuneFactory())
    before = list(drafted.draft["parties"])
    data = formset_post(
        "parties", [{"organisation": elsewhere.pk, "role": "partenaire_financier"}], initial=0
    )
    response = client.post(
        reverse(
            "signatures:amendment_draft",
            args=[drafted.convention_id, drafted.number, "parties"],
        ),
        data,
    )
    assert "Sélectionnez un choix valide" in response.content.decode()
    drafted.refresh_from_db()
    assert drafted.draft["parties"] == before

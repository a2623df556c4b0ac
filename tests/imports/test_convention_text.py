"""A convention's text to a draft: the seeds come out with their parties, articles and axes."""

import datetime
import json
from pathlib import Path

import pytest

from imports.convention_text import draft_from_text
from imports.parties import parse_party

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def seed(name):
    return (FIXTURES / "seed_texts" / name).read_text(encoding="utf-8")


def normalised(text):
    return " ".join(text.replace("’", "'").split()).lower()


@pytest.fixture(scope="module")
def libercourt():
    return draft_from_text(seed("libercourt_pvd_ort.txt"))


@pytest.fixture(scope="module")
def chapeau():
    return draft_from_text(seed("lens_lievin_chapeau.txt"))


def test_libercourt_title_and_programme_leave_the_wrapping_deliberation_out(libercourt):
    assert libercourt.title.startswith("CONVENTION CADRE OPERATIONNELLE PETITES VILLES DE DEMAIN")
    assert libercourt.title.endswith("Pour la Commune de Libercourt")
    assert (libercourt.programme, libercourt.is_ort, libercourt.kind) == ("pvd", True, "cadre")


def test_libercourt_nine_parties_with_their_representatives(libercourt):
    parties = [(p.organisation, p.capacity, p.person) for p in libercourt.parties]
    assert parties == [
        ("Communauté d’Agglomération Hénin Carvin", "Président", "Christophe PILCH"),
        ("Commune de Libercourt", "Maire", "Daniel MACIEJASZ"),
        ("Etat", "Sous-Préfet de l’arrondissement de Lens", "Jean-François RAFFY"),
        (
            "Agence Nationale de l’Habitat",
            "Sous-Préfet de l’arrondissement de Lens",
            "Jean-François RAFFY",
        ),
        # The PDF viewer's annotation ("WROBLEWA / Texte tapé à la machine") is left out.
        ("Caisse des Dépôts et Consignations", "Directrice Régionale", "Sandrine BONNOT"),
        (
            "Etablissement Public Foncier des Hauts-de-France",
            "Directrice Générale",
            "Catherine BARDY",
        ),
        ("Artois Mobilités", "Président", "Laurent DUPORGE"),
        ("Pas-de-Calais habitat", "Directeur Général", "Bruno FONTALIRAND"),
        ("SIA Habitat", "Directrice Générale Adjointe", "Marie CORNILLON"),
    ]
    assert [p.group for p in libercourt.parties] == ["collectivites"] * 2 + ["partenaires"] * 3 + [
        "partenaires_locaux"
    ] * 4


def test_libercourt_fourteen_articles_and_their_sub_articles(libercourt):
    main = [a for a in libercourt.articles if "." not in a.number]
    fixture = json.loads((FIXTURES / "libercourt.json").read_text())[1]
    assert [(a.number, normalised(a.title)) for a in main] == [
        (a["number"], normalised(a["title"])) for a in fixture["articles"]
    ]
    subs = [a.number for a in libercourt.articles if "." in a.number]
    assert subs[:2] == ["4.1", "4.3"]
    assert all(a.unsure for a in libercourt.articles if "." in a.number)
    assert "Le plan d’action est la traduction opérationnelle" in main[3].body


def test_libercourt_axes_objectives_and_actions_match_the_signed_plan(libercourt):
    fixture = json.loads((FIXTURES / "libercourt.json").read_text())[1]
    assert [normalised(a.title) for a in libercourt.axes] == [
        normalised(a["title"]) for a in fixture["axes"]
    ]
    assert libercourt.objective_count == 25
    assert [len(a.objectives) for a in libercourt.axes] == [6, 5, 4, 5, 5]
    found = [
        (normalised(action.title), action.maturity, action.has_fiche)
        for axis in libercourt.axes
        for action in axis.actions
    ]
    expected = [
        (normalised(action["title"]), action["maturity"], action["has_fiche"])
        for axis in fixture["axes"]
        for action in axis["actions"]
    ]
    assert len(found) == 44
    assert found == expected


def test_libercourt_signature_and_duration(libercourt):
    assert libercourt.signature_place == "Libercourt"
    assert libercourt.signature_date == datetime.date(2023, 1, 18)
    assert libercourt.duration_years == 5
    assert libercourt.duration_note == "jusqu’à avril 2026"


def test_chapeau_parties_articles_and_no_axes(chapeau):
    assert chapeau.kind == "chapeau"
    assert chapeau.is_ort
    assert chapeau.programme == "pvd_acv"
    assert "programme déduit du texte, pas du titre" in chapeau.warnings
    assert [(p.organisation, p.capacity, p.person) for p in chapeau.parties] == [
        ("Communauté d'Agglomération de Lens-Liévin", "Président", "Sylvain ROBERT"),
        ("Commune de Lens", "Maire", "Sylvain ROBERT"),
        ("Commune de Liévin", "Maire", "Laurent DUPORGE"),
        ("Commune de Bully-les-Mines", "Maire", "François LEMAIRE"),
        ("Commune de Mazingarbe", "Maire", "Laurent POISSANT"),
        ("Etat", "Préfet du département du Pas-de-Calais", "Jacques BILLANT"),
    ]
    assert [a.number for a in chapeau.articles if "." not in a.number] == [
        str(n) for n in range(1, 9)
    ]
    assert chapeau.axes == []
    # "Fait à ____, le ____": left blank, never guessed.
    assert (chapeau.signature_place, chapeau.signature_date) == ("", None)
    assert chapeau.duration_years == 5


def test_a_party_named_only_by_its_office_is_marked_for_review():
    party = parse_party("partenaires", "L’Etat, représenté par le Préfet du Haut-Rhin ;")
    assert party.organisation == "Etat"
    assert party.person == ""
    assert party.capacity == "Préfet du Haut-Rhin"
    assert party.unsure == ["nom du représentant non reconnu (fonction seule ?)"]


def test_text_without_convention_shape_gives_warnings_not_errors():
    draft = draft_from_text("Compte rendu de réunion\n\nRien à signaler.")
    assert draft.parties == [] and draft.articles == [] and draft.axes == []
    assert "Aucune partie trouvée (bloc « ENTRE … ET … » absent)." in draft.warnings
    assert "Aucun article trouvé." in draft.warnings

"""The demo data against the seeds (../shared/seeds/): what a reader of the documents expects."""

import datetime
import io
import re

import pytest
from django.core.management import call_command

from actions.models import Action, Axis, AxisTemplate
from conventions.models import Convention, Signatory
from governance.models import Committee

pytestmark = pytest.mark.django_db

# Art. 4 of the Libercourt convention, typed from seed 000: (title, maturity, has a fiche "*").
EN_COURS, PROJETEE, EN_REFLEXION = "en_cours", "projetee", "en_reflexion"
LIBERCOURT_ACTIONS = {
    1: [
        ("Déploiement du permis de louer", EN_COURS, False),
        ("Déploiement du PIG", EN_COURS, False),
        ("Constructions Résidence de la paix", EN_COURS, False),
        ("Constructions Cité des ateliers", EN_COURS, False),
        ("Construction de logements intermédiaires au Pôle Gare", EN_COURS, False),
        ("Etude préalable d’OPAH-RU", PROJETEE, True),
        ("Accompagnement des bailleurs à la rénovation des logements sociaux", PROJETEE, True),
        ("Reconversion des friches en habitat", PROJETEE, False),
        ("Village famille", EN_REFLEXION, True),
        ("Bien-vieillir en centre-ville", EN_REFLEXION, True),
        ("Favoriser la primo-accession", EN_REFLEXION, True),
        ("Mise en place d’un observatoire de la vacance immobilière", EN_REFLEXION, True),
    ],
    2: [
        ("Redynamisation du commerce non sédentaire", EN_COURS, True),
        (
            "Prospecter et accompagner les porteurs de projets et investisseurs publics et privés",
            EN_COURS,
            False,
        ),
        ("Aménagement de cellules commerciales", EN_COURS, True),
        ("Marché itinérant de producteurs locaux", PROJETEE, True),
        ("Développement du commerce local", PROJETEE, False),
        ("Développer l’épicerie sociale et solidaire", PROJETEE, True),
        ("Participation à Mon Centre Bourg a un Incroyable Commerce", PROJETEE, True),
        ("Adopter une charte des devantures commerciales", EN_REFLEXION, True),
        ("Accompagner l’association des commerçants", EN_REFLEXION, False),
    ],
    3: [
        ("Valorisation des espaces fleuris, boisés, de la faune et de la flore", EN_COURS, False),
        ("Poursuivre la requalification de l’ancien cavalier minier", EN_COURS, True),
        (
            "Développer la vidéo protection pour assurer la sécurité des biens et des personnes",
            EN_COURS,
            True,
        ),
        ("Aménagement paysager du cimetière", PROJETEE, True),
        ("Aménager des jardins publics et développer les liaisons douces", PROJETEE, True),
        ("Application de la charte paysagère dans les projets d’aménagement", PROJETEE, True),
        ("Etude Rénovation de l’Eglise NDL", PROJETEE, True),
        ("Végétaliser le centre-ville", EN_REFLEXION, True),
        ("Permis de végétaliser", EN_REFLEXION, True),
    ],
    4: [
        ("Aménagement d’un lieu de culture, de vie et d’échange", EN_COURS, True),
        ("Aménagement d’une maison des associations/ tiers lieux", EN_COURS, True),
        ("Évènements festifs", EN_COURS, True),
        ("Redonner un rôle de centralité au cœur de ville", PROJETEE, True),
        ("Accompagner la réussite éducative des plus jeunes", PROJETEE, True),
        ("Aménagement de la Friche Loyez", PROJETEE, True),
        ("Développement de plateformes coopératives et du numérique", EN_REFLEXION, True),
        ("Accompagner identifier les professionnels de santé", EN_REFLEXION, False),
    ],
    5: [
        ("Développer et sécuriser les modes actifs de déplacement", EN_COURS, True),
        ("Réaliser des économies d’énergie", EN_COURS, True),
        ("Etude globale sur la signalétique", PROJETEE, True),
        ("Création de nouveaux parcs de stationnements dans le centre-ville", PROJETEE, False),
        ("Création d’une aire de covoiturage", PROJETEE, True),
        ("Réaménagement paysager des entrées de ville", EN_REFLEXION, True),
    ],
}
LIBERCOURT_OBJECTIVES_PER_AXIS = {1: 6, 2: 5, 3: 4, 4: 5, 5: 5}


def normalise(text):
    """Compare titles as a reader would: apostrophes, spaces and case aside."""
    text = text.replace("’", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


@pytest.fixture
def libercourt(demo):
    return Convention.objects.get(reference="LIBERCOURT-ORT")


@pytest.fixture
def lens_lievin(demo):
    return Convention.objects.get(reference="LENS-LIEVIN-CHAPEAU")


def test_libercourt_is_a_signed_pvd_convention_valant_ort(libercourt):
    assert libercourt.kind == Convention.Kind.CADRE_OPERATIONNELLE_PVD
    assert libercourt.programme == Convention.Programme.PVD
    assert libercourt.is_ort
    assert libercourt.signature_date == datetime.date(2023, 1, 18)
    assert libercourt.duration_years == 5
    assert libercourt.computed_end_date == datetime.date(2028, 1, 18)
    assert "avril 2026" in libercourt.duration_note
    assert libercourt.main_commune.name == "Libercourt"
    assert [c.name for c in libercourt.communes.all()] == ["Libercourt"]


def test_libercourt_has_nine_parties_the_sous_prefet_signing_twice(libercourt):
    signatories = list(
        libercourt.signatories.select_related("organisation", "representative").order_by("order")
    )
    assert len(signatories) == 9
    raffy = [s for s in signatories if s.representative.last_name == "RAFFY"]
    assert {s.organisation.category for s in raffy} == {"etat", "anah"}
    assert {s.representative_id for s in raffy} == {raffy[0].representative_id}
    roles = [s.role for s in signatories]
    assert roles.count(Signatory.Role.COLLECTIVITE) == 2
    assert roles.count(Signatory.Role.ETAT) == 1
    assert roles.count(Signatory.Role.PARTENAIRE_LOCAL) == 4
    assert {s.signature_date for s in signatories} == {datetime.date(2023, 1, 18)}
    names = {s.representative.last_name for s in signatories}
    assert names == {
        "PILCH",
        "MACIEJASZ",
        "RAFFY",
        "BONNOT",
        "BARDY",
        "DUPORGE",
        "FONTALIRAND",
        "CORNILLON",
    }


def test_pas_de_calais_habitat_deliberation(libercourt):
    signatory = libercourt.signatories.get(organisation__name__icontains="Pas-de-Calais habitat")
    deliberation = signatory.deliberation
    assert deliberation.date == datetime.date(2023, 1, 20)
    assert "bureau" in deliberation.body.casefold()
    assert "unanimité" in deliberation.outcome
    assert "ROSSIGNOL" in deliberation.excused


def test_libercourt_has_its_fourteen_articles(libercourt):
    numbers = list(libercourt.articles.values_list("number", flat=True))
    assert numbers == [str(n) for n in range(1, 15)]
    titles = {a.number: normalise(a.title) for a in libercourt.articles.all()}
    assert "orientations stratégiques" in titles["3"]
    assert "plan d'action" in titles["4"]
    assert "résiliation" in titles["13"]


def test_libercourt_axes_and_objectives(libercourt):
    axes = Axis.objects.filter(convention=libercourt).order_by("number")
    assert [a.number for a in axes] == [1, 2, 3, 4, 5]
    assert {a.number: a.objectives.count() for a in axes} == LIBERCOURT_OBJECTIVES_PER_AXIS
    assert normalise(axes[0].title).startswith("engager la reconquête de l'habitat")


@pytest.mark.parametrize("axis_number", sorted(LIBERCOURT_ACTIONS))
def test_every_action_of_article_4_with_maturity_and_fiche(libercourt, axis_number):
    actions = Action.objects.filter(axis__convention=libercourt, axis__number=axis_number)
    loaded = [(normalise(a.title), a.maturity, a.has_fiche) for a in actions]
    expected = [(normalise(t), m, f) for t, m, f in LIBERCOURT_ACTIONS[axis_number]]
    assert loaded == expected


def test_libercourt_totals(libercourt):
    actions = Action.objects.filter(axis__convention=libercourt)
    assert actions.count() == 44
    assert actions.filter(has_fiche=True).count() == 32


def test_libercourt_governance_bodies_of_article_7(libercourt):
    kinds = set(libercourt.committees.values_list("kind", flat=True))
    assert kinds == {
        Committee.Kind.COMITE_PROJET,
        Committee.Kind.COTECH_COMMUNAL,
        Committee.Kind.COPIL_COMMUNAL,
        Committee.Kind.COTECH_INTERCOMMUNAL,
        Committee.Kind.COPIL_INTERCOMMUNAL,
        Committee.Kind.COPIL_OPAH_RU,
    }
    copil = libercourt.committees.get(kind=Committee.Kind.COPIL_INTERCOMMUNAL)
    assert copil.expected_meetings_per_year == 3


def test_lens_lievin_chapeau_covers_four_communes(lens_lievin):
    assert lens_lievin.kind == Convention.Kind.CHAPEAU
    assert lens_lievin.is_ort
    assert {c.name for c in lens_lievin.communes.all()} == {
        "Lens",
        "Liévin",
        "Bully-les-Mines",
        "Mazingarbe",
    }
    assert lens_lievin.prefecture_ar_reference == "062-216201863-20221214-2022-120-DE"
    assert lens_lievin.prefecture_transmission_date == datetime.date(2022, 12, 16)
    assert lens_lievin.executory_date == datetime.date(2022, 12, 20)
    assert lens_lievin.ort_perimeter_homologation_date == datetime.date(2019, 8, 4)
    assert lens_lievin.duration_years == 5
    # The seed leaves the signature place and date blank ("Fait à ____, le ____").
    assert lens_lievin.signature_date is None


def test_lens_lievin_chapeau_children_and_signatories(lens_lievin):
    children = lens_lievin.children.all()
    assert {c.programme for c in children} == {"acv", "pvd"}
    communes = {c.name for child in children for c in child.communes.all()}
    assert communes == {"Lens", "Liévin", "Bully-les-Mines", "Mazingarbe"}
    signatories = lens_lievin.signatories.select_related("representative")
    assert signatories.count() == 6
    assert signatories.get(role=Signatory.Role.ETAT).representative.last_name == "BILLANT"


def test_lens_lievin_comite_de_suivi(lens_lievin):
    committee = lens_lievin.committees.get(kind=Committee.Kind.COMITE_SUIVI_ORT)
    assert committee.expected_meetings_per_year == 1
    assert committee.members.filter(role="president").count() == 1
    mayors = committee.members.filter(representative__function__icontains="maire")
    assert {m.representative.last_name for m in mayors} == {
        "ROBERT",
        "DUPORGE",
        "LEMAIRE",
        "POISSANT",
    }


def test_acv_axis_templates(demo):
    templates = AxisTemplate.objects.filter(programme="acv").order_by("number")
    assert [t.number for t in templates] == [1, 2, 3, 4, 5]
    assert "mobilité" in templates[2].title


def test_demo_users_and_their_reach(demo_user):
    assert demo_user("admin").is_superuser
    libercourt = Convention.objects.get(reference="LIBERCOURT-ORT")
    lens = Convention.objects.get(reference="LENS-LIEVIN-CHAPEAU")
    cdp_libercourt = Convention.objects.for_user(demo_user("cdp-libercourt"))
    cdp_lens = Convention.objects.for_user(demo_user("cdp-lens-lievin"))
    copil = Convention.objects.for_user(demo_user("copil-libercourt"))
    assert libercourt in cdp_libercourt and lens not in cdp_libercourt
    assert lens in cdp_lens and libercourt not in cdp_lens
    assert cdp_lens.count() == 4
    assert list(copil) == [libercourt]
    assert not Convention.objects.editable_by(demo_user("copil-libercourt")).exists()


def test_loading_twice_duplicates_nothing(demo):
    counts = (Convention.objects.count(), Action.objects.count(), Signatory.objects.count())
    history_rows = Action.history.count()
    call_command("load_demo", stdout=io.StringIO())
    assert (Convention.objects.count(), Action.objects.count(), Signatory.objects.count()) == (
        counts
    )
    assert Action.history.count() == history_rows

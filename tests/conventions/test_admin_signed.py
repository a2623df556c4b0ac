"""The admin shows the status and a signed convention's content read-only: a POST to its
change view cannot tick « valant ORT », change the status, the title or the parties."""

import pytest
from django.urls import reverse

from conventions.models import Amendment, Convention, Signatory
from tests.factories import AmendmentFactory, ArticleFactory, ConventionFactory, SignatoryFactory

pytestmark = pytest.mark.django_db


def admin_post_data(page):
    """The change form as the admin renders it: its editable fields and every inline's
    management form."""
    form = page.context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields and name not in {"communes", "epcis"}
    }
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for subform in formset.initial_forms:
            data[f"{subform.prefix}-id"] = subform.instance.pk
            data[f"{subform.prefix}-convention"] = subform.instance.convention_id
    return data


@pytest.fixture
def signed(db):
    convention = ConventionFactory(signed=True, title="Convention signée", is_ort=False)
    SignatoryFactory(convention=convention, role=Signatory.Role.COLLECTIVITE)
    ArticleFactory(convention=convention, title="Objet")
    return convention


def test_signed_content_and_status_are_refused_through_the_admin(signed, admin_user, client):
    client.force_login(admin_user)
    url = reverse("admin:conventions_convention_change", args=[signed.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="is_ort"' not in page.content.decode()
    assert 'name="status"' not in page.content.decode()
    data = admin_post_data(page)
    data.update(
        {
            "is_ort": "on",
            "status": Convention.Status.PROJET,
            "title": "Titre changé dans l’admin",
            "prefecture_ar_reference": "062-200000000-20230118",
            "signatories-0-role": Signatory.Role.EN_PRESENCE,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    signed.refresh_from_db()
    assert (signed.is_ort, signed.status, signed.title) == (
        False,
        Convention.Status.EN_VIGUEUR,
        "Convention signée",
    )
    assert signed.signatories.get().role == Signatory.Role.COLLECTIVITE
    # Administrative facts stay editable.
    assert signed.prefecture_ar_reference == "062-200000000-20230118"


def test_a_signed_convention_rows_are_read_only_in_their_own_admin(signed, admin_user, client):
    client.force_login(admin_user)
    signatory = signed.signatories.get()
    url = reverse("admin:conventions_signatory_change", args=[signatory.pk])
    assert client.post(url, {"role": Signatory.Role.EN_PRESENCE}).status_code == 403
    article = signed.articles.get()
    delete_url = reverse("admin:conventions_article_delete", args=[article.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    add_page = client.get(reverse("admin:conventions_article_add")).content.decode()
    assert f'value="{signed.pk}"' not in add_page
    assert signed.articles.exists()


def test_a_signed_avenant_is_read_only_and_a_draft_keeps_its_status(signed, admin_user, client):
    client.force_login(admin_user)
    done = AmendmentFactory(convention=signed, number=1, status=Amendment.Status.SIGNE)
    url = reverse("admin:conventions_amendment_change", args=[done.pk])
    assert client.post(url, {"object": "Réécrit", "number": 1}).status_code == 403
    draft = AmendmentFactory(convention=signed, number=2)
    url = reverse("admin:conventions_amendment_change", args=[draft.pk])
    data = {"convention": signed.pk, "number": 2, "object": "Objet précisé"}
    response = client.post(url, {**data, "status": Amendment.Status.SIGNE})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.object, draft.status) == ("Objet précisé", Amendment.Status.PROJET)
    done.refresh_from_db()
    assert done.object != "Réécrit"

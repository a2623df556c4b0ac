"""The accessibility statement names the tests the portal runs, with the audit's figures."""

from django.urls import reverse

from ort_portal.accessibility import AUDIT


def test_the_statement_lists_the_reflow_and_keyboard_tests(client, db):
    response = client.get(reverse("accessibility"))
    text = " ".join(response.content.decode().split())
    width = AUDIT["reflow_width"]
    assert f"test de la mise en page à <strong>{width} pixels de large</strong>" in text
    assert "aucune page ne défile horizontalement" in text
    assert "ouvrir un avenant" in text
    assert f"de la mise en page à {width} pixels" in text
    assert f"{AUDIT['violations']} non-conformité" in text

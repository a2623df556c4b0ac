"""A chef de projet edits the plan with the keyboard alone: Tab, Shift+Tab, Enter and Space
to move and act, the arrow keys inside a select and typing in text fields, as a keyboard
or switch user does. Focus must land where the next step starts, and each result must
be written into the live region that screen readers announce."""

import re

import pytest
from django.urls import reverse

from actions.models import Action
from conventions.models import Convention

from .scene import PASSWORD
from .states import FOCUSED_ID

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Tab stops from the top of the plan to its first action, at 1280 px: 3 skip links, the
# portal's name, « Se déconnecter », 5 menu entries (« Avis » came with the reminders),
# 8 convention pages, the folded filters, « Modifier l’ordre des actions », the axis's
# objectives, then the action.
TAB_BUDGET = 22
# From the « Contenu » skip link: the convention pages, filters, ordering, objectives.
TAB_BUDGET_FROM_CONTENT = 12
MAX_TABS = 80


def focused(page):
    return page.evaluate(FOCUSED_ID)


def tab_until(page, selector, *, limit=MAX_TABS, key="Tab"):
    """Press Tab until the element matching `selector` has the focus; the number of presses."""
    if page.evaluate("s => document.activeElement.matches(s)", selector):
        return 0
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached in {limit} Tab presses (at {focused(page)})")


def live_text(page):
    page.wait_for_function("() => document.getElementById('ort-live').textContent.trim() !== ''")
    return page.locator("#ort-live").text_content()


def login_with_keyboard(page, username):
    page.goto(reverse("accounts:login"))
    tab_until(page, "#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/connexion/" not in url)


@pytest.fixture
def keyboard_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_tab_stops_before_the_first_action_stay_within_budget(demo, keyboard_page):
    page = keyboard_page
    convention = Convention.objects.get(reference="LIBERCOURT-ORT")
    first = convention.axes.get(number=1).actions.order_by("position").first()
    login_with_keyboard(page, "cdp-libercourt")
    plan = reverse("actions:plan", args=[convention.pk])
    page.goto(plan)
    assert tab_until(page, f"#action-{first.pk} a") <= TAB_BUDGET

    page.goto(plan)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Contenu"
    page.keyboard.press("Enter")
    assert tab_until(page, f"#action-{first.pk} a") <= TAB_BUDGET_FROM_CONTENT
    # A row costs two stops (the action, its maturity); its « Enregistrer » appears only
    # once the maturity is changed.
    second = convention.axes.get(number=1).actions.order_by("position")[1]
    assert tab_until(page, f"#action-{second.pk} a") == 2


def test_plan_edit_with_the_keyboard_alone(demo, keyboard_page):
    page = keyboard_page
    convention = Convention.objects.get(reference="LIBERCOURT-ORT")
    axis = convention.axes.get(number=2)
    action = axis.actions.order_by("position").first()
    login_with_keyboard(page, "cdp-libercourt")
    page.goto(reverse("actions:plan", args=[convention.pk]))

    # Filter: unfold the filters, choose axis 2, submit.
    tab_until(page, "[aria-controls=plan-filters]")
    page.keyboard.press("Enter")
    page.locator("#plan-filters.fr-collapse--expanded").wait_for()
    tab_until(page, "#id_axis")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_until(page, "#plan-filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**?*axis={axis.pk}*")
    assert "Plan d’action filtré" in page.title()
    # The result takes the focus and is announced, not the top of the page.
    count = Action.objects.filter(axis=axis).count()
    page.wait_for_function(f"() => ({FOCUSED_ID})() === 'plan-totals'")
    assert live_text(page) == f"{count} actions correspondant aux filtres."

    # Change a maturity: the save button comes right after the select; focus comes back.
    tab_until(page, f"#maturity-{action.pk}")
    before = action.maturity
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("Enregistrer")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({FOCUSED_ID})() === 'maturity-{action.pk}'")
    action.refresh_from_db()
    assert action.maturity != before
    label = Action.Maturity(action.maturity).label
    assert live_text(page) == f"Maturité de l’action {action.code} enregistrée : {label}."

    # Open the fiche, then its financing form in place: focus on the form's heading.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == action.title
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('actions:detail', args=[action.pk])}")
    tab_until(page, "a[hx-get$='/financements/']")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({FOCUSED_ID})() === 'financement-form-titre'")
    assert live_text(page) == "Formulaire du plan de financement ouvert."

    # A line without its financeur is refused: the error summary takes the focus.
    tab_until(page, "#id_fundings-0-year")
    page.keyboard.type("2025")
    page.keyboard.press("Tab")
    page.keyboard.type("45000")
    tab_until(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.matches('.ort-error-summary')")
    assert (
        "Financeur : Ce champ est obligatoire." in page.locator(".ort-error-summary").inner_text()
    )
    # Its link leads to the field; the input typed is kept.
    tab_until(page, ".ort-error-summary a")
    page.keyboard.press("Enter")
    assert focused(page) == "id_fundings-0-funder"
    assert page.locator("#id_fundings-0-amount").input_value() == "45000"
    # The financeur is searched in the field before it: the focus stays there while the
    # options arrive and their count is announced; Tab reaches them.
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "id_fundings-0-funder-recherche"
    page.keyboard.type("caisse")
    status = page.locator("#id_fundings-0-funder-statut")
    status.filter(has_text=re.compile(r"\d+ résultats?\.")).wait_for()
    assert focused(page) == "id_fundings-0-funder-recherche"
    page.keyboard.press("Tab")
    assert focused(page) == "id_fundings-0-funder"
    page.keyboard.press("ArrowDown")
    tab_until(page, "button[type=submit]")
    page.keyboard.press("Space")
    page.wait_for_function(f"() => ({FOCUSED_ID})() === 'financement-titre'")
    assert live_text(page).startswith("Plan de financement enregistré : 45")
    assert action.fundings.get().amount == 45000


def test_opening_an_avenant_with_the_keyboard_focuses_and_announces_it(demo, keyboard_page):
    page = keyboard_page
    convention = Convention.objects.get(reference="LIBERCOURT-ORT")
    login_with_keyboard(page, "cdp-libercourt")
    page.goto(reverse("signatures:versions", args=[convention.pk]))

    # Signed before the portal: its state is recorded as the initial signed version first;
    # the confirmation takes the focus (« Préparer le PDF » of the convention comes first).
    tab_until(page, "main form[action$='/versions/geler/'] button[type=submit]")
    assert page.evaluate("document.activeElement.textContent") == (
        "Enregistrer la version signée initiale"
    )
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.matches('.ort-messages')")
    assert "Version 1 enregistrée." in page.locator(".ort-messages").inner_text()

    tab_until(page, "#id_object")
    page.keyboard.type("Ajout d’un secteur d’intervention")
    tab_until(page, "main form button[type=submit]")
    assert page.evaluate("document.activeElement.textContent") == "Ouvrir l’avenant"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('signatures:amendment', args=[convention.pk, 1])}")
    # The new avenant's heading takes the focus and the opening is announced.
    page.wait_for_function(f"() => ({FOCUSED_ID})() === 'avenant-titre'")
    assert page.evaluate("document.activeElement.textContent") == "Avenant n° 1"
    assert live_text(page) == (
        "Avenant n° 1 ouvert : son projet se rédige ci-dessous, partie par partie."
    )
    assert convention.amendments.get().object == "Ajout d’un secteur d’intervention"
    # Tab goes on from the heading into the page, not from its top.
    page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('header, .fr-skiplinks')")

    # Said once: coming back to the page later neither moves the focus nor announces.
    page.reload()
    page.wait_for_load_state()
    assert focused(page) != "avenant-titre"
    assert page.locator("#ort-live").text_content() == ""

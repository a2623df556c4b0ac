"""The htmx and error states of the pages, reached as a person would (keyboard focus
checked on the way): what a URL alone does not show."""

from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from actions.models import Action
from tests.pickers import picker_select

# Part of the name of a financeur of the demo (Caisse des Dépôts), typed in the picker.
FUNDER_SEARCH = "caisse"
FOCUSED_ID = "() => document.activeElement && document.activeElement.id"


def goto(page, url, attempts=3):
    """page.goto, again when a navigation the previous page started late (seen after the
    ordering mode of the plan) interrupts it."""
    for _ in range(attempts - 1):
        try:
            return page.goto(url)
        except PlaywrightError as error:
            if "interrupted by another navigation" not in str(error):
                raise
            page.wait_for_load_state()
    return page.goto(url)


def wait_for_focus(page, element_id):
    page.wait_for_function(f"id => ({FOCUSED_ID})() === id", arg=element_id)


def plan_states(page, audit, convention, action):
    """Filters unfolded, a maturity saved in place, an action moved in the ordering mode."""
    plan = reverse("actions:plan", args=[convention.pk])
    goto(page, plan)
    page.get_by_role("button", name="Filtrer les actions").click()
    page.locator("#plan-filters.fr-collapse--expanded").wait_for()
    audit.run(page, f"{plan} filtres dépliés")
    select = page.locator(f"#maturity-{action.pk}")
    other = next(v for v in Action.Maturity.values if v != select.input_value())
    select.select_option(other)
    with page.expect_response(lambda response: "/maturite/" in response.url):
        page.get_by_role(
            "button", name=f"Enregistrer la maturité de l’action {action.code}", exact=True
        ).click()
    wait_for_focus(page, f"maturity-{action.pk}")
    audit.run(page, f"{plan} maturité enregistrée en place (htmx)")
    goto(page, f"{plan}?ordre=1")
    with page.expect_response(lambda response: "/deplacer/" in response.url):
        page.get_by_role("button", name=f"Descendre l’action {action.code}", exact=True).click()
    wait_for_focus(page, f"move-down-{action.pk}")
    audit.run(page, f"{plan}?ordre=1 action déplacée (htmx)")


def financing_states(page, audit, action):
    """The financing form opened in place, refused with an error, then saved."""
    fiche = reverse("actions:detail", args=[action.pk])
    goto(page, fiche)
    page.get_by_role("link", name="Modifier le plan de financement").click()
    wait_for_focus(page, "financement-form-titre")
    audit.run(page, f"{fiche} formulaire de financement ouvert (htmx)")
    line = page.get_by_role("group", name="Nouvelle ligne 3")
    line.get_by_label("Montant (€)").fill("1000")
    page.get_by_role("button", name="Enregistrer le plan de financement").click()
    page.locator(".ort-error-summary:focus").wait_for()
    audit.run(page, f"{fiche} financement refusé, résumé des erreurs (htmx)")
    search, select = picker_select(line, "Rechercher un financeur")
    search.fill(FUNDER_SEARCH)
    select.locator("option:not([value=''])").first.wait_for(state="attached")
    # The options arrive in the select; the focus stays in the search field.
    wait_for_focus(page, search.get_attribute("id"))
    audit.run(page, f"{fiche} financeur recherché, options proposées (htmx)")
    select.select_option(index=1)
    line.get_by_label("Année").fill("2026")
    page.get_by_role("button", name="Enregistrer le plan de financement").click()
    wait_for_focus(page, "financement-titre")
    audit.run(page, f"{fiche} financement enregistré (htmx)")


def refused_form_states(page, audit, action, meeting):
    """Long forms sent with errors: the error summary at the top, focused."""
    edit = reverse("actions:edit", args=[action.pk])
    goto(page, edit)
    page.get_by_label("Intitulé").fill("")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.locator(".ort-error-summary:focus").wait_for()
    audit.run(page, f"{edit} refusé")
    create = reverse("governance:meeting_create", args=[meeting.committee_id])
    goto(page, create)
    page.locator("main form[method=post] [type=submit]").first.click()
    page.locator(".ort-error-summary:focus").wait_for()
    audit.run(page, f"{create} refusé")

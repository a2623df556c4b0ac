"""Edits of the plan d'action by the chef de projet of the convention (and administrators).

Every POST goes through actions.access (get_action_for_user…) with edit=True,
so a comité member gets 403 and a user of another territory 404. In-place edits answer
htmx requests with a fragment and other requests with a redirect or a full page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from actions import services
from actions.forms import (
    ActionForm,
    ActionOwnerFormSet,
    FundingFormSet,
    IndicatorForm,
    MaturityForm,
    MeasurementForm,
    MoveForm,
    VersionForm,
)
from actions.models import Action
from ort_portal.collation import french
from ort_portal.redirects import safe_next

from ..access import get_action_for_user, get_axis_for_user, get_indicator_for_user
from .common import apply_or_conflict, conflict_rows
from .fiche import fiche_context
from .plan import group_actions

CONFIRM = "confirm_warnings"
OWNERS = "owners"


def _vary(response):
    patch_vary_headers(response, ["HX-Request"])
    return response


def _action_values(form):
    return {name: value for name, value in form.cleaned_data.items() if name in form._meta.fields}


@login_required
def action_create(request, axis_pk):
    axis = get_axis_for_user(request.user, axis_pk, edit=True)
    convention = axis.convention
    form = ActionForm(
        request.POST or None, convention=convention, user=request.user, initial={"axis": axis}
    )
    if request.method == "POST" and form.is_valid():
        values = _action_values(form)
        partners = values.pop("partners")
        target_axis = values.pop("axis")
        action = services.action_create(axis=target_axis, values=values, partners=partners)
        messages.success(request, f"L’action « {action} » a été ajoutée au plan d’action.")
        return redirect("actions:detail", action.pk)
    return render(
        request,
        "actions/action_form.html",
        {"title": "Nouvelle action", "form": form, "convention": convention, "axis": axis},
    )


@login_required
def action_edit(request, pk):
    """The fiche's fields and its other maîtres d'ouvrage (a formset), saved together."""
    action = get_action_for_user(request.user, pk, edit=True)
    convention = action.axis.convention
    context = {"title": f"Modifier l’action {action}", "convention": convention, "action": action}
    if request.method != "POST":
        form = ActionForm(
            instance=action,
            convention=convention,
            user=request.user,
            initial={"version": action.version},
        )
        owners = ActionOwnerFormSet(
            instance=action, prefix=OWNERS, form_kwargs={"user": request.user}
        )
        return render(request, "actions/action_form.html", context | _edit(form, owners))
    form = ActionForm(request.POST, instance=action, convention=convention, user=request.user)
    owners = _posted_owners(request, action)
    if not (form.is_valid() and (not owners.is_bound or owners.is_valid())):
        return render(request, "actions/action_form.html", context | _edit(form, owners))
    expected = form.cleaned_data["version"]
    values = _action_values(form)
    partners = values.pop("partners")
    # Only a new cost deserves the check: an action may legitimately stay financed
    # above its cost once that was confirmed on its financing plan.
    if "estimated_cost" in form.changed_data and request.POST.get(CONFIRM) != "1":
        warnings = services.cost_warnings(action=action, cost=values["estimated_cost"])
        if warnings:
            return render(
                request, "actions/action_form.html", context | _edit(form, owners, warnings)
            )
    kept = owners.save(commit=False) if owners.is_bound else []
    deleted = owners.deleted_objects if owners.is_bound else []
    outcome = apply_or_conflict(
        request,
        lambda: services.action_update(
            action=action,
            expected_version=expected,
            values=values,
            partners=partners,
            owners=kept,
            owners_deleted=deleted,
        ),
        expected_version=expected,
    )
    if outcome.applied:
        messages.success(request, "La fiche-action a été enregistrée.")
        return redirect("actions:detail", action.pk)
    form = ActionForm(
        outcome.data,
        instance=Action.objects.get(pk=action.pk),
        convention=convention,
        user=request.user,
    )
    conflict = {
        "rows": conflict_rows(form, outcome.current, outcome.conflict),
        "entries": outcome.conflict,
    }
    return render(
        request, "actions/action_form.html", context | _edit(form, owners) | {"conflict": conflict}
    )


def _posted_owners(request, action):
    """The other maîtres d'ouvrage as posted; a post without their formset (an older page,
    a script) leaves them as they are."""
    if f"{OWNERS}-TOTAL_FORMS" not in request.POST:
        return ActionOwnerFormSet(
            instance=action, prefix=OWNERS, form_kwargs={"user": request.user}
        )
    return ActionOwnerFormSet(
        request.POST, instance=action, prefix=OWNERS, form_kwargs={"user": request.user}
    )


def _edit(form, owners, warnings=()):
    return {"form": form, "owners": owners, "warnings": list(warnings), "conflict": None}


def _plan_row(request, action_pk, *, conflict=None, form=None, saved=False):
    action = Action.objects.for_plan().get(pk=action_pk)
    convention = action.axis.convention
    response = render(
        request,
        "actions/plan.html#action_row",
        {
            "action": action,
            "convention": convention,
            "can_edit": True,
            "maturity_choices": MaturityForm.base_fields["maturity"].choices,
            "row_conflict": conflict,
            "row_form": form,
            "saved": saved,
        },
    )
    return _vary(response)


@login_required
def action_maturity(request, pk):
    """Change the maturity (inline on the plan, or réalisée / abandonnée from the fiche)."""
    action = get_action_for_user(request.user, pk, edit=True)
    if request.method != "POST":
        form = MaturityForm(initial={"maturity": action.maturity, "version": action.version})
        return _maturity_page(request, action, form)
    form = MaturityForm(request.POST)
    conflict = None
    # The target is known before the write, so nothing is saved behind an error page.
    target = safe_next(request, reverse("actions:plan", args=[action.axis.convention_id]))
    if form.is_valid():
        outcome = apply_or_conflict(
            request,
            lambda: services.action_set_maturity(
                action=action,
                expected_version=form.cleaned_data["version"],
                maturity=form.cleaned_data["maturity"],
            ),
            expected_version=form.cleaned_data["version"],
        )
        if not outcome.applied:
            conflict = outcome.conflict
            form = MaturityForm(outcome.data)
        else:
            label = Action.Maturity(form.cleaned_data["maturity"]).label.lower()
            if request.htmx:
                return _plan_row(request, action.pk, saved=True)
            messages.success(request, f"L’action « {action} » est maintenant « {label} ».")
            return redirect(target)
    if request.htmx:
        return _plan_row(request, action.pk, conflict=conflict or [], form=form)
    return _maturity_page(request, action, form, conflict)


def _maturity_page(request, action, form, conflict=None):
    return _vary(
        render(
            request,
            "actions/maturity_form.html",
            {
                "title": f"Maturité de l’action {action}",
                "action": action,
                "convention": action.axis.convention,
                "form": form,
                "conflict": conflict,
                "next": safe_next(request, ""),
            },
        )
    )


@login_required
@require_POST
def action_move(request, pk):
    action = get_action_for_user(request.user, pk, edit=True)
    form = MoveForm(request.POST)
    direction = None
    plan_url = reverse("actions:plan", args=[action.axis.convention_id]) + "?ordre=1"
    target = f"{safe_next(request, plan_url)}#action-{action.pk}"
    if form.is_valid():
        direction = form.cleaned_data["direction"]
        services.action_move(action=action, direction=direction)
    if request.htmx:
        return _axis_table(request, action, direction)
    return redirect(target)


def _axis_table(request, moved, direction):
    """The moved action's axis, its button focused again (portal.js) and the new position
    announced."""
    axis = moved.axis
    groups, _ = group_actions([axis], Action.objects.filter(axis=axis).for_plan())
    group = groups[axis.pk]
    position = next(i for i, action in enumerate(group.actions, 1) if action.pk == moved.pk)
    response = render(
        request,
        "actions/plan.html#axis_table",
        {
            "group": group,
            "convention": axis.convention,
            "can_edit": True,
            "reorder": True,
            "moved": moved.pk,
            "moved_action": moved,
            "moved_position": position,
            "direction": direction,
        },
    )
    return _vary(response)


@login_required
def action_fundings(request, pk):
    """The financing plan edited as a whole: several lines added, changed or removed at once."""
    action = get_action_for_user(request.user, pk, edit=True)
    queryset = action.fundings.select_related("funder").order_by(
        "year", french("funder__name"), "pk"
    )
    warnings, conflict = [], None
    if request.method != "POST":
        formset = FundingFormSet(queryset=queryset, prefix="fundings", user=request.user)
        version_form = VersionForm(initial={"version": action.version})
    else:
        formset = FundingFormSet(
            request.POST, queryset=queryset, prefix="fundings", user=request.user
        )
        version_form = VersionForm(request.POST)
        if formset.is_valid() and version_form.is_valid():
            expected = version_form.cleaned_data["version"]
            warnings = services.funding_warnings(
                action=action, lines=formset.lines(), cost=action.estimated_cost
            )
            if not warnings or request.POST.get(CONFIRM) == "1":
                lines = formset.save(commit=False)
                outcome = apply_or_conflict(
                    request,
                    lambda: services.fundings_save(
                        action=action,
                        expected_version=expected,
                        lines=lines,
                        deleted=formset.deleted_objects,
                    ),
                    expected_version=expected,
                )
                if not outcome.applied:
                    conflict = outcome.conflict
                    version_form = VersionForm(outcome.data)
                    warnings = []
                else:
                    if request.htmx:
                        return _fiche_fragment(request, action.pk, "financing", funding_saved=True)
                    messages.success(request, "Le plan de financement a été enregistré.")
                    return redirect(reverse("actions:detail", args=[action.pk]) + "#financement")
    template = "actions/fundings_form.html"
    if request.htmx:
        template += "#funding_form"
    return _vary(
        render(
            request,
            template,
            {
                "title": f"Financements de l’action {action}",
                "action": action,
                "convention": action.axis.convention,
                "formset": formset,
                "version_form": version_form,
                "refused": formset.is_bound and not formset.is_valid(),
                "warnings": warnings,
                "conflict": conflict,
            },
        )
    )


def _fiche_fragment(request, action_pk, partial, **extra):
    action = Action.objects.for_fiche().get(pk=action_pk)
    context = fiche_context(request, action) | extra
    return _vary(render(request, f"actions/detail.html#{partial}", context))


@login_required
def indicator_create(request, pk):
    action = get_action_for_user(request.user, pk, edit=True)
    form = IndicatorForm(request.POST or None, initial={"version": action.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        indicator = form.save(commit=False)
        expected = form.cleaned_data["version"]
        outcome = apply_or_conflict(
            request,
            lambda: services.indicator_create(
                action=action, expected_version=expected, indicator=indicator
            ),
            expected_version=expected,
        )
        if not outcome.applied:
            conflict = outcome.conflict
            form = IndicatorForm(outcome.data)
        else:
            messages.success(request, f"L’indicateur « {indicator} » a été ajouté.")
            return redirect(reverse("actions:detail", args=[action.pk]) + "#indicateurs")
    return render(
        request,
        "actions/simple_form.html",
        {
            "title": f"Nouvel indicateur pour l’action {action}",
            "action": action,
            "convention": action.axis.convention,
            "form": form,
            "conflict": conflict,
            "submit_label": "Ajouter l’indicateur",
        },
    )


@login_required
def measurement_create(request, indicator_pk):
    indicator = get_indicator_for_user(request.user, indicator_pk, edit=True)
    action = indicator.action
    form = MeasurementForm(request.POST or None, initial={"version": action.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = apply_or_conflict(
            request,
            lambda: services.measurement_record(
                indicator=indicator,
                expected_version=data["version"],
                date=data["date"],
                value=data["value"],
                comment=data["comment"],
            ),
            expected_version=data["version"],
        )
        if not outcome.applied:
            conflict = outcome.conflict
            form = MeasurementForm(outcome.data)
        else:
            messages.success(request, f"La mesure de « {indicator} » a été enregistrée.")
            return redirect(reverse("actions:detail", args=[action.pk]) + "#indicateurs")
    return render(
        request,
        "actions/simple_form.html",
        {
            "title": f"Nouvelle mesure : {indicator}",
            "action": action,
            "convention": action.axis.convention,
            "form": form,
            "conflict": conflict,
            "submit_label": "Enregistrer la mesure",
        },
    )

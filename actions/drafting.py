"""The axes and objectives part of a convention's draft page (conventions.drafting), and the
standard axes its programme proposes (AxisTemplate)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from dsfr.forms import DsfrBaseForm

from conventions.access import get_convention_for_user
from conventions.drafting import DraftPart, register_draft_part
from conventions.drafting.services import ensure_draft
from conventions.drafting.views import draft_page
from conventions.models import Convention
from ort_portal.widgets import Textarea
from ort_portal.writes import delete_tracked, save_tracked

from .models import Axis, AxisTemplate, Objective

# The programme whose standard axes a convention is offered: a chapeau over ACV and PVD
# takes ACV's, an ORT outside the programmes the five ORT domains of PVD's.
OFFERED_PROGRAMME = {
    Convention.Programme.PVD: Convention.Programme.PVD,
    Convention.Programme.ACV: Convention.Programme.ACV,
    Convention.Programme.PVD_ACV: Convention.Programme.ACV,
    Convention.Programme.ORT: Convention.Programme.PVD,
}


def offered_axes(convention):
    return AxisTemplate.objects.filter(
        programme=OFFERED_PROGRAMME.get(convention.programme, convention.programme)
    ).order_by("number")


class AxisForm(forms.ModelForm, DsfrBaseForm):
    objectives = forms.CharField(
        label="Objectifs",
        required=False,
        widget=Textarea(attrs={"rows": 4}),
        help_text="Un objectif par ligne.",
    )

    class Meta:
        model = Axis
        fields = ["number", "title"]

    def __init__(self, *args, convention, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.convention = convention
        if self.instance.pk:
            self.fields["objectives"].initial = "\n".join(
                objective.text for objective in self.instance.objectives.order_by("position")
            )

    def clean_number(self):
        number = self.cleaned_data["number"]
        others = Axis.objects.filter(convention=self.instance.convention_id)
        if others.exclude(pk=self.instance.pk).filter(number=number).exists():
            raise forms.ValidationError("Cette convention a déjà un axe portant ce numéro.")
        return number


def save_axis(*, convention, form, by):
    """The axis and its objectives, one per line of the form, in their order."""
    axis = form.save(commit=False)
    axis.full_clean()
    save_tracked(axis, reason=f"Axe {axis.number} enregistré avant signature", by=by)
    lines = [line.strip() for line in form.cleaned_data["objectives"].splitlines()]
    wanted = [line for line in lines if line]
    current = list(axis.objectives.order_by("position"))
    if [objective.text for objective in current] != wanted:
        for objective in current:
            delete_tracked(objective, reason="Objectifs réécrits avant signature", by=by)
        for position, text in enumerate(wanted, start=1):
            save_tracked(
                Objective(axis=axis, position=position, text=text),
                reason="Objectif enregistré avant signature",
                by=by,
            )
    return axis


@transaction.atomic
def add_offered_axes(*, convention, by) -> int:
    """The programme's standard axes the convention does not number yet."""
    ensure_draft(Convention.objects.select_for_update().get(pk=convention.pk))
    taken = set(convention.axes.values_list("number", flat=True))
    added = 0
    for template in offered_axes(convention):
        if template.number not in taken:
            axis = Axis(convention=convention, number=template.number, title=template.title)
            save_tracked(axis, reason="Axe type du programme", by=by)
            added += 1
    return added


@login_required
@require_POST
def axes_from_programme(request, pk):
    convention = get_convention_for_user(request.user, pk, edit=True)
    try:
        added = add_offered_axes(convention=convention, by=request.user)
    except ValidationError as error:
        return draft_page(request, convention, refused=error.messages[0], status=409)
    messages.success(request, f"{added} axe(s) type(s) du programme ajouté(s).")
    return redirect(reverse("conventions:draft", args=[convention.pk]) + "#axes")


def register():
    """Called by ActionsConfig.ready()."""
    register_draft_part(
        DraftPart(
            slug="axes",
            title="Axes et objectifs",
            noun="l’axe",
            form_class=AxisForm,
            items=lambda convention: convention.axes.prefetch_related("objectives").order_by(
                "number"
            ),
            new=lambda convention: Axis(convention=convention),
            row_template="actions/drafting/axis_row.html",
            save=save_axis,
            extra_template="actions/drafting/offered_axes.html",
            help="Changer les axes ou les objectifs d’une convention signée demande un avenant.",
            order=40,
        )
    )

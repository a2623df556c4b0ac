"""The comités part of a convention's draft page (conventions.drafting): a comité created
with the convention, its members added on the comité's page."""

from django import forms
from dsfr.forms import DsfrBaseForm

from conventions.drafting import DraftPart, register_draft_part
from ort_portal.widgets import Textarea
from ort_portal.writes import delete_tracked, save_tracked

from .models import Committee


class CommitteeForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = Committee
        fields = ["kind", "name", "expected_meetings_per_year", "frequency_note", "description"]
        widgets = {"description": Textarea(attrs={"rows": 3})}
        help_texts = {"frequency_note": "« 1 à 3 fois par an » (article de la convention)."}

    def __init__(self, *args, convention, user, **kwargs):
        super().__init__(*args, **kwargs)


def save_committee(*, convention, form, by):
    created = form.instance.pk is None
    committee = form.save(commit=False)
    committee.full_clean()
    save_tracked(committee, reason="Comité enregistré avec la convention", by=by)
    if created:
        committee.conventions.add(convention)
    return committee


def remove_committee(*, convention, instance, by):
    """A comité that follows other conventions too is only detached from this one."""
    if instance.conventions.exclude(pk=convention.pk).exists():
        instance.conventions.remove(convention)
    else:
        delete_tracked(instance, reason="Comité retiré avant signature", by=by)


def register():
    """Called by GovernanceConfig.ready()."""
    register_draft_part(
        DraftPart(
            slug="comites",
            title="Comités",
            noun="le comité",
            form_class=CommitteeForm,
            items=lambda convention: convention.committees.prefetch_related(
                "members__representative", "members__organisation"
            ).order_by("name"),
            new=lambda convention: Committee(),
            row_template="governance/drafting/committee_row.html",
            save=save_committee,
            delete=remove_committee,
            help="Après avoir créé un comité, ajoutez ses membres depuis sa ligne.",
            order=50,
        )
    )

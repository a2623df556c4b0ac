"""The directory for administrators: organisations and representatives."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from ort_portal.collation import french
from ort_portal.writes import write_or_form_error

from . import services
from .access import (
    get_organisation_for_user,
    get_representative_for_user,
    require_directory_user,
)
from .forms import OrganisationForm, ReplaceRepresentativeForm, RepresentativeForm
from .models import Organisation, Representative
from .sections import list_columns, organisation_sections


@login_required
def organisation_list(request):
    require_directory_user(request.user)
    organisations = services.organisations_for_directory(request.user).order_by(
        french("name"), "pk"
    )
    return render(
        request,
        "directory/organisation_list.html",
        {
            "title": "Annuaire des organisations",
            "organisations": organisations,
            "columns": list_columns(),
        },
    )


@login_required
def organisation_form(request, pk=None):
    require_directory_user(request.user)
    organisation = get_organisation_for_user(request.user, pk, edit=True) if pk else Organisation()
    form = OrganisationForm(request.POST or None, instance=organisation, user=request.user)
    saved = None
    if request.method == "POST" and form.is_valid():
        saved = write_or_form_error(
            form,
            lambda: services.save_organisation(organisation=form.instance),
            message="Ce SIREN vient d’être enregistré pour une autre organisation.",
        )
    if saved is not None:
        messages.success(request, f"L’organisation « {saved} » est enregistrée.")
        return redirect("directory:organisation", saved.pk)
    title = f"Modifier « {organisation} »" if pk else "Nouvelle organisation"
    return render(
        request,
        "directory/form.html",
        {"title": title, "form": form, "back": organisation if pk else None},
    )


@login_required
def organisation_detail(request, pk):
    organisation = get_organisation_for_user(
        request.user, pk, queryset=Organisation.objects.select_related("commune", "epci")
    )
    representatives = services.representatives_current_first(
        organisation.representatives.for_user(request.user)
    ).order_by("out_of_office", "function", "-mandate_start")
    sections = organisation_sections()
    context = {}
    for section in sections:
        context |= section.context(organisation)
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "title": str(organisation),
            "organisation": organisation,
            "representatives": representatives,
            "representative_form": RepresentativeForm(organisation=organisation),
            "can_edit": Organisation.objects.in_territory(request.user)
            .filter(pk=organisation.pk)
            .exists(),
            "sections": sections,
            **context,
        },
    )


@login_required
def representative_form(request, organisation_pk=None, pk=None):
    if pk:
        representative = get_representative_for_user(request.user, pk, edit=True)
        organisation = representative.organisation
    else:
        organisation = get_organisation_for_user(request.user, organisation_pk, edit=True)
        representative = Representative(organisation=organisation)
    form = RepresentativeForm(
        request.POST or None, instance=representative, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_representative(representative=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{form.instance.full_name} est enregistré.")
            return redirect("directory:organisation", organisation.pk)
    title = (
        f"Modifier {representative.full_name}" if pk else f"Nouveau représentant – {organisation}"
    )
    return render(
        request,
        "directory/form.html",
        {"title": title, "form": form, "back": organisation},
    )


@login_required
def representative_replace(request, pk):
    previous = get_representative_for_user(request.user, pk, edit=True)
    form = ReplaceRepresentativeForm(request.POST or None, previous=previous)
    if request.method == "POST" and form.is_valid():
        try:
            successor = services.replace_representative(previous=previous, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{successor.full_name} succède à {previous.full_name} ; les conventions déjà "
                "signées gardent le nom de leur signataire.",
            )
            return redirect("directory:organisation", previous.organisation_id)
    return render(
        request,
        "directory/form.html",
        {
            "title": f"Remplacer {previous.designation}",
            "intro": "Le mandat en cours se termine la veille du nouveau mandat. Les signatures "
            "déjà enregistrées gardent le nom de qui a signé ; les prochaines signatures et "
            "les comités proposeront le nouveau représentant.",
            "form": form,
            "back": previous.organisation,
        },
    )

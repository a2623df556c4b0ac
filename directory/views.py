"""The directory for administrators: organisations and representatives."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from ort_portal.access import require_portal_admin
from ort_portal.collation import french

from . import services
from .forms import OrganisationForm, ReplaceRepresentativeForm, RepresentativeForm
from .models import Organisation, Representative
from .sections import list_columns, organisation_sections

ADMIN_ONLY = "L’annuaire est réservé aux administrateurs."


@login_required
def organisation_list(request):
    require_portal_admin(request.user, ADMIN_ONLY)
    organisations = services.organisations_for_directory().order_by(french("name"), "pk")
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
    require_portal_admin(request.user, ADMIN_ONLY)
    organisation = get_object_or_404(Organisation, pk=pk) if pk else Organisation()
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = services.save_organisation(organisation=form.instance)
        messages.success(request, f"L’organisation « {organisation} » est enregistrée.")
        return redirect("directory:organisation", organisation.pk)
    title = f"Modifier « {organisation} »" if pk else "Nouvelle organisation"
    return render(
        request,
        "directory/form.html",
        {"title": title, "form": form, "back": organisation if pk else None},
    )


@login_required
def organisation_detail(request, pk):
    require_portal_admin(request.user, ADMIN_ONLY)
    organisation = get_object_or_404(Organisation.objects.select_related("commune", "epci"), pk=pk)
    representatives = services.representatives_current_first(
        organisation.representatives.all()
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
            "sections": sections,
            **context,
        },
    )


@login_required
def representative_form(request, organisation_pk=None, pk=None):
    require_portal_admin(request.user, ADMIN_ONLY)
    if pk:
        representative = get_object_or_404(
            Representative.objects.select_related("organisation"), pk=pk
        )
        organisation = representative.organisation
    else:
        organisation = get_object_or_404(Organisation, pk=organisation_pk)
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
    require_portal_admin(request.user, ADMIN_ONLY)
    previous = get_object_or_404(Representative.objects.select_related("organisation"), pk=pk)
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
            "title": f"Remplacer {previous.full_name}, {previous.function}",
            "intro": "Le mandat en cours se termine la veille du nouveau mandat. Les signatures "
            "déjà enregistrées gardent le nom de qui a signé ; les prochaines signatures et "
            "les comités proposeront le nouveau représentant.",
            "form": form,
            "back": previous.organisation,
        },
    )

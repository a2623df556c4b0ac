"""The directory for administrators: organisations, representatives, users."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from governance.models import CommitteeMember

from . import directory_services as services
from .directory_forms import (
    OrganisationForm,
    ReplaceRepresentativeForm,
    RepresentativeForm,
    UserAccessForm,
    UserCreateForm,
)
from .models import Organisation, Representative, Signatory


def directory_admin_required(view):
    """Only administrators (conventions.manage_directory) reach the directory."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm("conventions.manage_directory"):
            raise PermissionDenied("L’annuaire est réservé aux administrateurs.")
        return view(request, *args, **kwargs)

    return wrapped


@directory_admin_required
def organisation_list(request):
    organisations = services.organisations_for_directory().order_by("name")
    return render(
        request,
        "conventions/directory/organisation_list.html",
        {"title": "Annuaire des organisations", "organisations": organisations},
    )


@directory_admin_required
def organisation_form(request, pk=None):
    organisation = get_object_or_404(Organisation, pk=pk) if pk else Organisation()
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = services.save_organisation(organisation=form.instance)
        messages.success(request, f"L’organisation « {organisation} » est enregistrée.")
        return redirect("conventions:directory_organisation", organisation.pk)
    title = f"Modifier « {organisation} »" if pk else "Nouvelle organisation"
    return render(
        request,
        "conventions/directory/form.html",
        {"title": title, "form": form, "back": organisation if pk else None},
    )


@directory_admin_required
def organisation_detail(request, pk):
    organisation = get_object_or_404(Organisation.objects.select_related("commune", "epci"), pk=pk)
    representatives = services.representatives_current_first(
        organisation.representatives.all()
    ).order_by("out_of_office", "function", "-mandate_start")
    signatures = (
        Signatory.objects.filter(organisation=organisation)
        .select_related("convention", "representative")
        .order_by("convention__title")
    )
    memberships = CommitteeMember.objects.filter(organisation=organisation).select_related(
        "committee", "representative"
    )
    return render(
        request,
        "conventions/directory/organisation_detail.html",
        {
            "title": str(organisation),
            "organisation": organisation,
            "representatives": representatives,
            "signatures": signatures,
            "memberships": memberships,
            "representative_form": RepresentativeForm(organisation=organisation),
        },
    )


@directory_admin_required
def representative_form(request, organisation_pk=None, pk=None):
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
            return redirect("conventions:directory_organisation", organisation.pk)
    title = (
        f"Modifier {representative.full_name}" if pk else f"Nouveau représentant – {organisation}"
    )
    return render(
        request,
        "conventions/directory/form.html",
        {"title": title, "form": form, "back": organisation},
    )


@directory_admin_required
def representative_replace(request, pk):
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
            return redirect("conventions:directory_organisation", previous.organisation_id)
    return render(
        request,
        "conventions/directory/form.html",
        {
            "title": f"Remplacer {previous.full_name}, {previous.function}",
            "intro": "Le mandat en cours se termine la veille du nouveau mandat. Les signatures "
            "déjà enregistrées gardent le nom de qui a signé ; les prochaines signatures et "
            "les comités proposeront le nouveau représentant.",
            "form": form,
            "back": previous.organisation,
        },
    )


@directory_admin_required
def user_list(request):
    users = (
        get_user_model()
        .objects.select_related("portal_profile__representative")
        .prefetch_related(
            "portal_profile__conventions", "portal_profile__communes", "portal_profile__epcis"
        )
        .order_by("-is_active", "last_name", "username")
    )
    return render(
        request,
        "conventions/directory/user_list.html",
        {"title": "Utilisateurs", "users": users},
    )


@directory_admin_required
def user_create(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.create_user(**form.cleaned_data)
        messages.success(request, f"Le compte « {user.username} » est créé.")
        return redirect("conventions:directory_users")
    return render(
        request,
        "conventions/directory/form.html",
        {"title": "Nouvel utilisateur", "form": form, "back_url": "conventions:directory_users"},
    )


@directory_admin_required
def user_edit(request, pk):
    user = get_object_or_404(get_user_model(), pk=pk)
    form = UserAccessForm(request.POST or None, initial=UserAccessForm.initial_for(user))
    if request.method == "POST" and form.is_valid():
        services.update_user_access(user=user, **form.cleaned_data)
        messages.success(request, f"Les accès de « {user.username} » sont modifiés.")
        return redirect("conventions:directory_users")
    return render(
        request,
        "conventions/directory/form.html",
        {
            "title": f"Accès de {user.get_full_name() or user.username}",
            "form": form,
            "back_url": "conventions:directory_users",
        },
    )


@directory_admin_required
@require_POST
def user_set_active(request, pk):
    user = get_object_or_404(get_user_model(), pk=pk)
    active = request.POST.get("active") == "1"
    try:
        services.set_user_active(user=user, active=active, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        state = "réactivé" if active else "désactivé"
        messages.success(request, f"Le compte « {user.username} » est {state}.")
    return redirect("conventions:directory_users")

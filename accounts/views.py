"""User pages for administrators: accounts, roles and territories."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from directory.access import require_directory_admin
from ort_portal.writes import write_or_form_error

from . import services
from .access import get_account_for_user
from .forms import UserAccessForm, UserCreateForm


@login_required
def user_list(request):
    require_directory_admin(request.user)
    users = (
        get_user_model()
        .objects.select_related("portal_profile__representative", "proconnect_identity")
        .prefetch_related(
            "portal_profile__conventions", "portal_profile__communes", "portal_profile__epcis"
        )
        .order_by("-is_active", "last_name", "username")
    )
    return render(
        request,
        "accounts/user_list.html",
        {"title": "Utilisateurs", "users": users},
    )


@login_required
def user_create(request):
    require_directory_admin(request.user)
    form = UserCreateForm(request.POST or None)
    user = None
    if request.method == "POST" and form.is_valid():
        user = write_or_form_error(
            form,
            lambda: services.create_user(**form.cleaned_data),
            message="Cet identifiant vient d’être pris par un autre compte.",
        )
    if user is not None:
        messages.success(request, f"Le compte « {user.username} » est créé.")
        return redirect("accounts:users")
    return render(
        request,
        "directory/form.html",
        {"title": "Nouvel utilisateur", "form": form, "back_url": "accounts:users"},
    )


@login_required
def user_edit(request, pk):
    user = get_account_for_user(request.user, pk, edit=True)
    form = UserAccessForm(request.POST or None, initial=UserAccessForm.initial_for(user))
    if request.method == "POST" and form.is_valid():
        services.update_user_access(user=user, **form.cleaned_data)
        messages.success(request, f"Les accès de « {user.username} » sont modifiés.")
        return redirect("accounts:users")
    return render(
        request,
        "directory/form.html",
        {
            "title": f"Accès de {user.get_full_name() or user.username}",
            "intro": proconnect_intro(user),
            "form": form,
            "back_url": "accounts:users",
        },
    )


@login_required
@require_POST
def user_set_active(request, pk):
    user = get_account_for_user(request.user, pk, edit=True)
    active = request.POST.get("active") == "1"
    try:
        services.set_user_active(user=user, active=active, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        state = "réactivé" if active else "désactivé"
        messages.success(request, f"Le compte « {user.username} » est {state}.")
    return redirect("accounts:users")


def proconnect_intro(user):
    identity = getattr(user, "proconnect_identity", None)
    if identity is None:
        return ""
    if identity.siret:
        siret = identity.siret_display
        return f"S’est connecté avec ProConnect ; SIRET de son organisation : {siret}."
    return "S’est connecté avec ProConnect, qui n’a pas transmis de SIRET."

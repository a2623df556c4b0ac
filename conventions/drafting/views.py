"""The creation path of a convention in the portal, and its draft page where every part is
written before signature (administrators, and chefs de projet within their territory)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from directory.models import Territory
from ort_portal.access import is_portal_admin

from ..access import get_convention_for_user
from ..models import Convention
from . import draft_part, draft_parts, services
from .forms import ConventionForm

CREATION_DENIED = (
    "Seuls les administrateurs et les chefs de projet créent une convention, sur leur territoire."
)


def require_creator(user) -> None:
    profile = getattr(user, "portal_profile", None)
    is_chef = profile is not None and profile.role == profile.Role.CHEF_DE_PROJET
    if not is_portal_admin(user) and not (is_chef and Territory.of(user) is not None):
        raise PermissionDenied(CREATION_DENIED)


@login_required
def convention_create(request):
    require_creator(request.user)
    form = ConventionForm(request.POST or None, user=request.user, instance=Convention())
    if request.method == "POST" and form.is_valid():
        convention = services.create_convention(convention=form.save(commit=False), by=request.user)
        messages.success(
            request,
            f"La convention {convention.reference} est créée en projet : ajoutez ses parties, "
            "ses articles, ses axes et ses comités.",
        )
        return redirect("conventions:draft", convention.pk)
    return render(
        request,
        "conventions/drafting/create.html",
        {"title": "Nouvelle convention", "form": form},
        status=400 if form.is_bound else 200,
    )


def _part_rows(part, convention, bound):
    rows = []
    for item in part.items(convention):
        rows.append({"item": item, "form": bound.get((part.slug, item.pk))})
    return rows


def draft_page(request, convention, *, bound=None, refused="", status=200):
    """The draft page; `bound` replaces a blank or row form by the one just refused."""
    bound = bound or {}
    editable = convention.status == Convention.Status.PROJET
    sections = []
    for part in draft_parts():
        add_form = bound.get((part.slug, None)) or part.form_class(
            instance=part.new(convention),
            convention=convention,
            user=request.user,
            prefix=f"{part.slug}-new",
        )
        rows = _part_rows(part, convention, bound)
        sections.append({"part": part, "rows": rows, "add_form": add_form})
    general = bound.get("general") or ConventionForm(
        instance=convention, user=request.user, prefix="general"
    )
    context = {
        "title": f"Rédiger la convention {convention.reference}",
        "convention": convention,
        "editable": editable,
        "refused": refused,
        "general_form": general,
        "sections": sections,
    }
    return render(request, "conventions/drafting/draft.html", context, status=status)


@login_required
def convention_draft(request, pk):
    convention = get_convention_for_user(request.user, pk, edit=True)
    return draft_page(request, convention)


@login_required
@require_POST
def convention_edit(request, pk):
    convention = get_convention_for_user(request.user, pk, edit=True)
    form = ConventionForm(request.POST, instance=convention, user=request.user, prefix="general")
    if form.is_valid():
        try:
            services.update_convention(convention=form.save(commit=False), by=request.user)
        except ValidationError as error:
            return draft_page(request, convention, refused=error.messages[0], status=409)
        messages.success(request, "Les informations générales sont enregistrées.")
        return redirect("conventions:draft", convention.pk)
    convention.refresh_from_db()
    return draft_page(request, convention, bound={"general": form}, status=400)


def _part_and_item(convention, slug, item_pk=None):
    part = draft_part(slug)
    if part is None:
        raise Http404("Cette partie de la convention n’existe pas.")
    if item_pk is None:
        return part, part.new(convention)
    item = part.items(convention).filter(pk=item_pk).first()
    if item is None:
        raise Http404("Cet élément n’appartient pas à la convention.")
    return part, item


@login_required
def part_save(request, pk, slug, item_pk=None):
    """Add a row (item_pk None) or correct one; GET shows the row's form alone."""
    convention = get_convention_for_user(request.user, pk, edit=True)
    part, item = _part_and_item(convention, slug, item_pk)
    prefix = f"{slug}-{item_pk or 'new'}"
    form = part.form_class(
        request.POST or None, instance=item, convention=convention, user=request.user, prefix=prefix
    )
    in_place = bool(request.htmx) and item_pk is not None
    if request.method != "POST":
        if item_pk is None:
            return HttpResponseNotAllowed(["POST"])
        if convention.status != Convention.Status.PROJET:
            return draft_page(request, convention, refused=services.SIGNED, status=409)
        if in_place:
            return _row(request, convention, part, item, form)
        title = f"{convention.reference} – modifier {Truncator(str(item)).chars(28)}"
        context = {"title": title, "convention": convention, "form": form}
        response = render(request, "conventions/drafting/item_form.html", context)
        patch_vary_headers(response, ["HX-Request"])
        return response
    if form.is_valid():
        try:
            saved = services.save_part(part=part, convention=convention, form=form, by=request.user)
        except ValidationError as error:
            if convention.status != Convention.Status.PROJET:
                return draft_page(request, convention, refused=error.messages[0], status=409)
            form.add_error(None, error)
        else:
            if in_place:
                return _row(request, convention, part, saved, None, saved_now=True)
            messages.success(request, f"{part.title} : enregistré.")
            return redirect(f"{convention_draft_url(convention)}#{slug}")
    if in_place:
        return _row(request, convention, part, item, form)
    return draft_page(request, convention, bound={(slug, item_pk): form}, status=400)


def _row(request, convention, part, item, form, *, saved_now=False):
    """One row of the draft page, in place (htmx): its form, or the row just saved with the
    focus back on its « Modifier » button."""
    context = {
        "convention": convention,
        "part": part,
        "editable": True,
        "row": {"item": part.items(convention).get(pk=item.pk), "form": form, "saved": saved_now},
    }
    response = render(request, "conventions/drafting/draft.html#row", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_POST
def part_delete(request, pk, slug, item_pk):
    convention = get_convention_for_user(request.user, pk, edit=True)
    part, item = _part_and_item(convention, slug, item_pk)
    try:
        services.delete_part(part=part, convention=convention, instance=item, by=request.user)
    except ValidationError as error:
        return draft_page(request, convention, refused=error.messages[0], status=409)
    messages.success(request, f"{part.title} : {item} est retiré.")
    return redirect(f"{convention_draft_url(convention)}#{slug}")


def convention_draft_url(convention):
    return reverse("conventions:draft", args=[convention.pk])

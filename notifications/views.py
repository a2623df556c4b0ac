from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ort_portal.pagination import page_title, paginate

from . import services
from .forms import PreferencesForm
from .models import Kind, Notice


@login_required
def notice_list(request):
    notices = Notice.objects.for_user(request.user).select_related("convention")
    pages = paginate(request, notices, 30)
    return render(
        request,
        "notifications/list.html",
        {
            "title": page_title("Mes avis", pages["page_obj"]),
            "unread_ids": [notice.pk for notice in pages["page_obj"] if notice.read_at is None],
            **pages,
        },
    )


@login_required
@require_POST
def notice_mark_read(request):
    ids = [value for value in request.POST.getlist("notice") if value.isdigit()]
    count = services.mark_read(user=request.user, notice_ids=ids)
    if count:
        messages.success(
            request,
            f"{count} avis marqué{'s' if count > 1 else ''} comme lu{'s' if count > 1 else ''}.",
        )
    return redirect("notifications:list")


@login_required
def preferences(request):
    opted_out = set(request.user.notice_opt_outs.values_list("kind", flat=True))
    initial = {"kinds": [kind for kind in Kind.values if kind not in opted_out]}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_opt_outs(
            user=request.user, kinds=set(Kind.values) - set(form.cleaned_data["kinds"])
        )
        messages.success(request, "Vos préférences d’avis sont enregistrées.")
        return redirect("notifications:preferences")
    return render(
        request, "notifications/preferences.html", {"title": "Préférences d’avis", "form": form}
    )

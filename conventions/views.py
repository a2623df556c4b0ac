from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render

from actions.models import Action

from .models import Convention


def _with_action_counts(queryset):
    maturity = Action.Maturity
    return queryset.annotate(
        actions_total=Count("axes__actions", distinct=True),
        **{
            f"actions_{value}": Count(
                "axes__actions", filter=Q(axes__actions__maturity=value), distinct=True
            )
            for value in maturity.values
        },
    )


@login_required
def home(request):
    conventions = _with_action_counts(
        Convention.objects.for_user(request.user)
        .select_related("main_commune", "parent")
        .prefetch_related("communes")
    ).order_by("title")
    return render(
        request,
        "conventions/home.html",
        {"title": "Mes conventions", "conventions": conventions, "maturities": Action.Maturity},
    )

from django.urls import path

from . import drafting
from .views import editing, fiche, plan

app_name = "actions"

# Action plan and fiches-actions (dashboards, maquette financière and exports: reporting).
urlpatterns = [
    path("conventions/<int:pk>/plan-action/", plan.plan, name="plan"),
    path(
        "conventions/<int:pk>/axes-types/",
        drafting.axes_from_programme,
        name="axes_from_programme",
    ),
    path("axes/<int:axis_pk>/actions/nouvelle/", editing.action_create, name="create"),
    path("actions/<int:pk>/", fiche.detail, name="detail"),
    path("actions/<int:pk>/modifier/", editing.action_edit, name="edit"),
    path("actions/<int:pk>/maturite/", editing.action_maturity, name="maturity"),
    path("actions/<int:pk>/deplacer/", editing.action_move, name="move"),
    path("actions/<int:pk>/financements/", editing.action_fundings, name="fundings"),
    path(
        "actions/<int:pk>/indicateurs/nouveau/", editing.indicator_create, name="indicator_create"
    ),
    path(
        "indicateurs/<int:indicator_pk>/mesures/nouvelle/",
        editing.measurement_create,
        name="measurement_create",
    ),
]

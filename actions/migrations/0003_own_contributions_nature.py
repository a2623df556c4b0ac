"""Carry the old rule over: a line whose financeur was the action's maître d'ouvrage was
counted as its own contribution; it becomes a line of nature « fonds propres ». Other
lines keep their nature (subvention by default), status, year and amount."""

from django.db import migrations
from django.db.models import F


def own_contributions_to_fonds_propres(apps, schema_editor):
    Funding = apps.get_model("actions", "Funding")
    own = Funding.objects.filter(funder_id=F("action__project_owner_id"), nature="subvention")
    for funding in own:
        funding.nature = "fonds_propres"
        funding.save(update_fields=["nature"])


def fonds_propres_back(apps, schema_editor):
    Funding = apps.get_model("actions", "Funding")
    own = Funding.objects.filter(funder_id=F("action__project_owner_id"), nature="fonds_propres")
    for funding in own:
        funding.nature = "subvention"
        funding.save(update_fields=["nature"])


class Migration(migrations.Migration):
    dependencies = [("actions", "0002_financing_natures_owners")]

    operations = [migrations.RunPython(own_contributions_to_fonds_propres, fonds_propres_back)]

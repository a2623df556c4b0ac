"""manage.py load_axis_templates: the standard axes each programme proposes when a
convention is written in the portal (fixtures/acv_axes.json, fixtures/pvd_axes.json)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from actions.models import AxisTemplate
from ort_portal.writes import save_tracked

FILES = ["acv_axes.json", "pvd_axes.json"]


class Command(BaseCommand):
    help = "Charge ou met à jour les axes types des programmes ACV et PVD."

    @transaction.atomic
    def handle(self, *args, **options):
        created = updated = 0
        for name in FILES:
            data = json.loads((Path(settings.BASE_DIR) / "fixtures" / name).read_text("utf-8"))
            for item in data["axes"]:
                template = AxisTemplate.objects.filter(
                    programme=data["programme"], number=item["number"]
                ).first() or AxisTemplate(programme=data["programme"], number=item["number"])
                if template.pk and template.title == item["title"]:
                    continue
                created, updated = created + (not template.pk), updated + bool(template.pk)
                template.title = item["title"]
                save_tracked(template, reason="Axes types du programme")
        self.stdout.write(
            self.style.SUCCESS(f"Axes types : {created} créé(s), {updated} modifié(s).")
        )

from django.utils import timezone
from django.utils.text import slugify

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_filename(convention, what, extension):
    """reference-what-date.extension, the name of every downloaded export."""
    return f"{slugify(convention.reference)}-{what}-{timezone.localdate():%Y-%m-%d}.{extension}"

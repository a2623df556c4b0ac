"""Page titles and the error summary, shared by every page through base.html."""

from django import template
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.utils.text import Truncator

register = template.Library()

SITE_NAME = "Portail ORT"
# RGAA 8.6 / WCAG 2.4.2: a title that tells the page apart, short enough to be read whole
# (browser tabs, history, screen readers' window lists).
MAX_TITLE_LENGTH = 70
ERROR_PREFIX = "Erreur : "


def forms_with_errors(context) -> list:
    """Bound forms and formsets of the page that were refused, in context order."""
    found = []
    for value in context.flatten().values():
        refused = isinstance(value, BaseForm | BaseFormSet) and value.is_bound and value.errors
        if refused and not any(value is seen for seen in found):
            found.append(value)
    return found


@register.simple_tag(takes_context=True)
def page_title(context):
    """« Titre – Portail ORT », prefixed with « Erreur : » when a form was refused, cut to
    70 characters with the specific part first (views put it there)."""
    prefix = ERROR_PREFIX if forms_with_errors(context) else ""
    suffix = f" – {SITE_NAME}"
    title = str(context.get("title") or "")
    if not title:
        return SITE_NAME
    room = MAX_TITLE_LENGTH - len(prefix) - len(suffix)
    return f"{prefix}{Truncator(title).chars(room)}{suffix}"


def _entries(form, line=None):
    where = f"Ligne {line} – " if line is not None else ""
    entries = [{"text": f"{where}{error}", "href": None} for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == "__all__" or name not in form.fields:
            continue
        field = form[name]
        for error in errors:
            entries.append(
                {"text": f"{where}{field.label} : {error}", "href": f"#{field.id_for_label}"}
            )
    return entries


def summary_entries(refused) -> list[dict]:
    entries = []
    for item in refused:
        if isinstance(item, BaseFormSet):
            entries += [{"text": error, "href": None} for error in item.non_form_errors()]
            for number, form in enumerate(item.forms, start=1):
                entries += _entries(form, line=number)
        else:
            entries += _entries(item)
    return entries


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context, *forms):
    """The errors of the refused forms, each linked to its field, at the top of the page
    (or of the fragment that htmx swaps in). Without arguments: every form of the page."""
    refused = [f for f in forms if f is not None and f.is_bound and f.errors] or (
        [] if forms else forms_with_errors(context)
    )
    return {"entries": summary_entries(refused)}

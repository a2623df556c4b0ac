"""History of a convention: the rows of the convention and of everything it contains.

Each app adds what it hangs on a convention (register_convention_scope in its
AppConfig.ready()): conventions its articles and signatories, actions the plan.
"""

from directory.models import Organisation
from ort_portal.history import register_object_names, register_row_label

from .models import Article, Convention, Signatory

_scope_parts = []


def register_convention_scope(part):
    """part(convention_id) returns {model: queryset of its historical rows in scope}."""
    _scope_parts.append(part)


def convention_scope(convention_id):
    """History rows of a convention and of everything it contains."""
    scope = {}
    for part in _scope_parts:
        scope |= part(convention_id)
    return scope


def record_scope(convention_id):
    """The convention itself, its articles and its signatories."""
    return {
        Convention: Convention.history.filter(id=convention_id),
        Article: Article.history.filter(convention_id=convention_id),
        Signatory: Signatory.history.filter(convention_id=convention_id),
    }


def _signatory_label(row, names):
    return names.get((Organisation, row.organisation_id), f"signataire n° {row.id}")


def _article_label(row, names):
    return f"Article {row.number} – {row.title}" if row.number else row.title


def _signatory_names(queryset):
    return {s.pk: str(s.organisation) for s in queryset.select_related("organisation")}


def _signatory_names(queryset):
    return {s.pk: str(s.organisation) for s in queryset.select_related("organisation")}


def register():
    """Called by ConventionsConfig.ready()."""
    register_convention_scope(record_scope)
    register_row_label(Signatory, _signatory_label)
    register_row_label(Article, _article_label)
    register_object_names(Signatory, _signatory_names)

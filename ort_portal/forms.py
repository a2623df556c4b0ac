"""Form bases shared by the apps."""

from dsfr.forms import DsfrBaseForm, DsfrBoundField

INPUT_SNIPPET = "dsfr/form_field_snippets/input_snippet.html"


class UnmarkedBoundField(DsfrBoundField):
    """A field whose label does not say « (Optionnel) »."""

    @property
    def template_name(self):
        name = super().template_name
        return "ort_portal/forms/unmarked_field.html" if name == INPUT_SNIPPET else name


class FilterForm(DsfrBaseForm):
    """The form of a list's filters. Every filter is optional, so no label says so (the
    portal marks optional fields everywhere else, DSFR_MARK_OPTIONAL_FIELDS); an empty
    filter reads « Tous » or « Toutes » (ALL_CHOICES)."""

    bound_field_class = UnmarkedBoundField

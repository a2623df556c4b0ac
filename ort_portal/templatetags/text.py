"""Text filters available in every template (settings: TEMPLATES builtins)."""

from django import template

register = template.Library()


@register.filter
def lcfirst(value):
    """« Comité de pilotage (COPIL) » read inside a sentence: « comité de pilotage (COPIL) »;
    |lower would also lower the acronyms (« copil », « pvd »), and an acronym first
    (« COPIL communal ») stays as it is."""
    text = str(value)
    if text[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]

"""One number format everywhere: {{ amount|euros }}, {{ value|number }}, {{ rate|percent }}
(ort_portal.numbers), in pages, comparisons and PDFs. Loaded as a builtin."""

from django import template

from ort_portal.numbers import format_euros, format_number, format_percent

register = template.Library()


@register.filter
def euros(value, places=2):
    """« 1 500,50 € »; empty for None."""
    return format_euros(value, int(places))


@register.filter
def number(value, places=2):
    return format_number(value, int(places))


@register.filter
def percent(value, places=0):
    return format_percent(value, int(places))

from django import template

from ort_portal.pdf import static_file_uri

register = template.Library()


@register.simple_tag
def pdf_static(path):
    """A static file as a file:// URI that RestrictedURLFetcher accepts."""
    return static_file_uri(path)

"""The dashboards' charts stay readable: every coloured segment, legend swatch and
progress bar has a contrast of at least 3:1 with the page background (WCAG 1.4.11), in
the light and in the dark theme (DSFR follows the system setting)."""

import re

import pytest
from django.urls import reverse

from conventions.models import Convention

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COLOURS = """() => ({
  theme: document.documentElement.getAttribute('data-fr-theme'),
  background: getComputedStyle(document.body).backgroundColor,
  fills: [...document.querySelectorAll('main svg rect[class*="ort-fill--"]')]
    .filter(rect => !rect.classList.contains('ort-fill--track'))
    .map(rect => [rect.getAttribute('class'), getComputedStyle(rect).fill]),
})"""


def luminance(rgb):
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    light, dark = sorted([luminance(a), luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_colours_contrast_with_the_background(scene_data, role_page, scheme):
    page = role_page("admin", color_scheme=scheme)
    libercourt = Convention.objects.get(reference="LIBERCOURT-ORT")
    page.goto(reverse("reporting:dashboard", args=[libercourt.pk]))
    colours = page.evaluate(COLOURS)
    assert colours["theme"] == scheme
    kinds = {css.split("--")[1] for css, _ in colours["fills"]}
    # Maturity bars, funding status bars (the demo's financing) and the progress bars.
    assert {"maturity-en_cours", "status-acquis", "status-refuse"} <= kinds
    low = [
        f"{css} {fill}: {contrast(fill, colours['background']):.2f}:1"
        for css, fill in colours["fills"]
        if contrast(fill, colours["background"]) < 3
    ]
    assert not low, f"Against {colours['background']} ({scheme}): {low}"

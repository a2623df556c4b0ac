"""French numbers: what people type is read as written, and amounts are written one way."""

from decimal import Decimal

import pytest

from ort_portal.forms import FrenchDecimalField
from ort_portal.numbers import NumberError, format_euros, format_number, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 500,50", Decimal("1500.50")),
        ("1500.50", Decimal("1500.50")),
        ("1 500 €", Decimal("1500")),
        ("1 500,50 €", Decimal("1500.50")),
        ("1\u202f500,50\u00a0€", Decimal("1500.50")),
        ("1.500,50", Decimal("1500.50")),
        ("1.500.000", Decimal("1500000")),
        ("", None),
    ],
)
def test_french_and_plain_numbers(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["mille", "1,5,0", "12a", "1 500,50 $", "1.50,5"])
def test_anything_else_is_refused_in_french(text):
    with pytest.raises(NumberError, match="n’est pas un montant"):
        parse_number(text)


def test_one_format_everywhere():
    assert format_number(Decimal("1500.5")) == "1\u202f500,50"
    assert format_euros(Decimal("7800000"), 0) == "7\u202f800\u202f000 €"
    assert format_euros(None) == ""


def test_the_field_keeps_a_wrong_text_and_says_why():
    field = FrenchDecimalField(max_digits=14, decimal_places=2)
    assert field.clean("1 500,50") == Decimal("1500.50")
    with pytest.raises(Exception, match="n’est pas un montant"):
        field.clean("beaucoup")
    with pytest.raises(Exception, match="au plus 2 chiffres après la virgule"):
        field.clean("1,505")
    html = field.widget.render("amount", "beaucoup")
    assert 'type="text"' in html and 'inputmode="decimal"' in html and "beaucoup" in html


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Convention-cadre opérationnelle PVD", "convention-cadre opérationnelle PVD"),
        ("Comité de pilotage (COPIL)", "comité de pilotage (COPIL)"),
        ("COPIL communal", "COPIL communal"),
        ("", ""),
    ],
)
def test_lcfirst_keeps_acronyms(text, expected):
    from ort_portal.templatetags.text import lcfirst

    assert lcfirst(text) == expected

"""The figures of the accessibility statement (déclaration d'accessibilité, RGAA 4.1).

They come from the automated audit of the test suite (tests/a11y): axe-core, from npm,
run on every page and htmx state of the demo roles at 1280 and 375 px. The audit test
checks that the engine's version is the one installed and that it audits at least as
many page states as this statement says. The reflow test (tests/a11y/test_reflow.py) opens
its pages at `reflow_width` and checks that none scrolls sideways nor skips a heading
level; the keyboard tests (tests/a11y/test_keyboard_*.py) walk through the tasks listed.
"""

import datetime

AUDIT = {
    "date": datetime.date(2026, 11, 30),
    "engine": "axe-core",
    "engine_version": "4.14.1",
    "page_states": 186,
    "pages": 83,
    "roles": ["administrateur", "cheffe de projet", "membre de comité de pilotage", "visiteur"],
    "widths": [1280, 375],
    "violations": 0,
    # tests/a11y/test_reflow.py: a phone's width, no page-level horizontal scroll.
    "reflow_width": 375,
}

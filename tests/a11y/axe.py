"""axe-core, the accessibility engine from npm (package.json), run inside Debian's Chromium.

The engine is injected from node_modules (installed by `npm ci`, which `make test` runs)
into the page under test, then `axe.run` audits the whole document. A page state is one
axe run: a URL (or the result of an htmx swap) at one viewport width.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 375, "height": 740}}
# WCAG 2.1 A and AA (RGAA 4.1 follows WCAG 2.1 AA) and axe's best practices.
RUN_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def axe_version() -> str:
    lock = json.loads((Path(settings.BASE_DIR) / "package-lock.json").read_text())
    return lock["packages"]["node_modules/axe-core"]["version"]


@dataclass
class Audit:
    """Every page state audited and the violations found, printed readably at the end."""

    states: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def run(self, page, label: str, widths=WIDTHS):
        for width_name, size in widths.items():
            page.set_viewport_size(size)
            page.evaluate("() => new Promise(requestAnimationFrame)")
            self._run_once(page, f"{label} @ {size['width']} px ({width_name})")

    def _run_once(self, page, label):
        if not AXE_PATH.exists():
            raise AssertionError(f"{AXE_PATH} is missing: run `npm ci` (make test does).")
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE_PATH))
        violations = page.evaluate("options => axe.run(document, options)", RUN_OPTIONS)[
            "violations"
        ]
        self.states.append(label)
        if violations:
            self.failures.append(format_violations(label, page.url, violations))

    def assert_clean(self):
        print(f"\naxe-core {axe_version()}: {len(self.states)} page states audited")
        assert not self.failures, (
            f"{len(self.failures)} of {len(self.states)} page states have accessibility "
            "violations:\n\n" + "\n\n".join(self.failures)
        )


def format_violations(label, url, violations) -> str:
    lines = [f"■ {label} — {url}"]
    for violation in violations:
        lines.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({len(violation['nodes'])} élément(s)) {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"      {target}\n        {node['html'][:160]}\n        {summary[:300]}")
    return "\n".join(lines)

"""Renders one PDF or export in a fresh process (run by bench_scale.py), so that the peak
memory printed is that of the rendering alone (plus Django and WeasyPrint loaded).

Usage: DATABASE_URL=… python bench/scale_exports.py KEY  — prints one JSON object.
"""

import io
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ort_portal.settings")
os.environ["ALLOWED_HOSTS"] = "testserver"

import django

django.setup()

from pypdf import PdfReader  # noqa: E402

from bench.scale_renderers import RENDERERS  # noqa: E402
from bench.scale_targets import pick_targets  # noqa: E402

RUNS = int(os.environ.get("BENCH_EXPORT_RUNS", "3"))


def main(key):
    label, render = RENDERERS[key]
    targets = pick_targets()
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        content = render(targets)
        timings.append(time.perf_counter() - started)
    best = min(timings)
    pages = len(PdfReader(io.BytesIO(content)).pages) if content[:4] == b"%PDF" else None
    print(
        json.dumps(
            {
                "export": label,
                "seconds": best,
                "pages": pages,
                "pages_per_s": pages / best if pages else None,
                "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "kib": len(content) / 1024,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])

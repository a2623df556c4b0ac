"""Renders the Libercourt convention PDF N times on a throw-away SQLite database.

Prints min / median / max seconds for the current-state PDF and for the PDF/A-3a of a
signed version, the page count, pages per second (at the median) and the process's peak
resident memory (ru_maxrss: Django, the demo data and WeasyPrint together).
"""

import io
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def main():
    directory = tempfile.mkdtemp(prefix="bench-pdf-")
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ort_portal.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from pypdf import PdfReader

    from conventions.models import Convention
    from demo.loader import DemoLoader
    from ort_portal.pdf import render_pdf
    from signatures.snapshot.build import snapshot_of
    from signatures.snapshot.present import pdf_context

    call_command("migrate", verbosity=0, skip_checks=True)
    DemoLoader().load()
    convention = Convention.objects.get(reference="LIBERCOURT-ORT")
    for archive in (False, True):
        timings, content = [], b""
        for _ in range(RUNS):
            start = time.perf_counter()
            context = pdf_context(snapshot_of(convention), version_number=1 if archive else None)
            content = render_pdf("signatures/pdf/convention.html", context, archive=archive)
            timings.append(time.perf_counter() - start)
        pages = len(PdfReader(io.BytesIO(content)).pages)
        label = "PDF/A-3a (version signée)" if archive else "PDF état courant"
        print(
            f"{label}: {RUNS} rendus, min {min(timings):.2f} s, "
            f"médiane {statistics.median(timings):.2f} s, max {max(timings):.2f} s, "
            f"{pages} pages, {len(content) / 1024:.0f} Kio, "
            f"{pages / statistics.median(timings):.1f} pages/s, "
            f"mémoire de pointe {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} Mio"
        )


if __name__ == "__main__":
    main()

"""Redline of a 16,000-word article (signatures.snapshot.redline), no database needed.

Prints min / median / max seconds over BENCH_RUNS runs for: one 16,000-word paragraph with
one word in a hundred changed; the same words in 80 paragraphs with a paragraph added and
one removed; and a text entirely rewritten. BENCH_QUADRATIC=1 also times the former
word-by-word comparison on the first case (tens of seconds).
"""

import difflib
import os
import random
import statistics
import sys
import time
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
WORDS = 16_000
VOCABULARY = [
    "la",
    "de",
    "le",
    "commune",
    "convention",
    "action",
    "logement",
    "centre",
    "ville",
    "revitalisation",
    "habitat",
    "commerce",
    "secteur",
    "intervention",
    "opération",
    "territoire",
    "partenaire",
    "financement",
    "plan",
    "article",
    "avenant",
    "périmètre",
    "rénovation",
    "public",
    "espace",
    "aménagement",
    "étude",
]


def sentence_text(rng, count, per_paragraph=None):
    words = []
    for index in range(count):
        word = rng.choice(VOCABULARY)
        if index % 17 == 16:
            word += "."
        if per_paragraph and index % per_paragraph == per_paragraph - 1:
            word += ".\n"
        words.append(word)
    return " ".join(words).replace("\n ", "\n")


def edited(text, rng, every=100):
    words = text.split(" ")
    for index in range(0, len(words), every):
        words[index] = "modifié" + ("." if words[index].endswith(".") else "")
    return " ".join(words)


def cases():
    rng = random.Random(10)
    single = sentence_text(rng, WORDS)
    paragraphs = sentence_text(rng, WORDS, per_paragraph=200)
    moved = paragraphs.split("\n")
    moved = moved[1:40] + ["Un paragraphe nouveau inséré par l’avenant."] + moved[40:]
    return {
        "1 paragraphe, 1 mot sur 100 changé": (single, edited(single, rng)),
        "80 paragraphes, 1 mot sur 100, ± 1 paragraphe": (
            paragraphs,
            edited("\n".join(moved), rng),
        ),
        "texte entièrement réécrit": (single, sentence_text(random.Random(11), WORDS)),
    }


def quadratic(before, after):
    """The former comparison: every word against every word."""
    matcher = difflib.SequenceMatcher(None, before.split(" "), after.split(" "), autojunk=False)
    return matcher.get_opcodes()


def timed(function, *args):
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = function(*args)
        timings.append(time.perf_counter() - start)
    return timings, result


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ort_portal.settings")
    import django

    django.setup()
    from signatures.snapshot.redline import article_redline

    print(f"Redline d’un article de {WORDS} mots, {RUNS} passages (secondes) :")
    for label, (before, after) in cases().items():
        timings, html = timed(article_redline, before, after)
        print(
            f"  {label:<48} min {min(timings):.3f}  médiane {statistics.median(timings):.3f}"
            f"  max {max(timings):.3f}  ({html.count('<del>')} suppressions, "
            f"{html.count('<ins>')} insertions)"
        )
    if os.environ.get("BENCH_QUADRATIC"):
        before, after = cases()["1 paragraphe, 1 mot sur 100 changé"]
        start = time.perf_counter()
        quadratic(before, after)
        elapsed = time.perf_counter() - start
        print(f"  ancienne comparaison mot à mot, 1 passage : {elapsed:.1f}")


if __name__ == "__main__":
    main()

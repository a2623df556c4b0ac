"""The legal redline of an article: struck and inserted words, escaped, paragraphs kept,
bounded work on long texts (timings are measured in bench/bench_diff.py)."""

from signatures.snapshot import redline
from signatures.snapshot.redline import article_redline

BEFORE = "La convention est conclue pour cinq ans. Elle couvre le centre-ville.\nArticle final."
AFTER = "La convention est conclue pour six ans. Elle couvre le centre-ville.\nArticle final."


def test_changed_words_are_struck_then_inserted_in_one_text():
    html = str(article_redline(BEFORE, AFTER))
    assert "<del>cinq</del> <ins>six</ins>" in html
    assert "<span>Elle couvre le centre-ville.</span><br><span>Article final.</span>" in html


def test_typed_html_is_escaped():
    html = str(article_redline("Texte.", "Texte. <b>gras</b>"))
    assert "<ins>&lt;b&gt;gras&lt;/b&gt;</ins>" in html and "<b>" not in html


def test_past_the_cap_a_sentence_is_struck_and_inserted_whole(monkeypatch):
    monkeypatch.setitem(redline.CELLS, "words", 4)
    html = str(article_redline("un deux trois quatre", "un deux trois cinq"))
    assert html == "<del>un deux trois quatre</del> <ins>un deux trois cinq</ins>"


def test_past_the_article_budget_the_rest_is_compared_whole(monkeypatch):
    monkeypatch.setattr(redline, "WORD_BUDGET", 20)
    before = "un deux trois quatre.\nalpha beta gamma delta."
    after = "un deux trois cinq.\nalpha beta gamma epsilon."
    html = str(article_redline(before, after))
    assert "<del>quatre.</del> <ins>cinq.</ins>" in html
    assert "<del>alpha beta gamma delta.</del> <ins>alpha beta gamma epsilon.</ins>" in html

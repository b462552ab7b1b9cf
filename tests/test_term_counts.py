"""Tests for utils.text.term_counts: stemmed counts against the token table's stems, the tokens opening
a sentence."""

import json
from collections import Counter
from itertools import islice

import pytest

from utils import text
from utils.text import (
    article_term_counts,
    load_stopwords,
    stemming,
)
from utils.text import token_tables as tokens
from utils.text.term_counts import _sentence_opening_tokens

TEXTS = [
    "Kim Jong-un dan AS. Negara-negara Barat menolak, kata Menlu al-Abadi.",
    "“Rp 2,5 juta,” kata J. Widodo di www.kompas.co.id pukul 10.30 WIB.",
    "Serangan itu gagal.Kemarin serangan berlanjut (kata-a.n. s.d. M.Si.) @jokowi #pemilu",
    "",
]

#: Texts where a sentence opening decides a term: a capitalised opener that also occurs in
#: lowercase (stemmed then), the same opener inside a sentence too, glued sentences (one starting
#: inside a token), quotes and empty sentences before an opener, the curly apostrophe,
#: reduplications, stopwords, acronyms.
OPENINGS = [
    "",
    " ",
    "... “” — !?",
    "Serangan itu gagal. Kemarin serangan berlanjut.",
    "Serangan gagal. Serangan Umum 1 Maret dikenang. Serangan lagi. serangan.",
    "Serangan gagal.Serangan datang. Kemarin serangan.",
    "Berita kompas.ID Serangan gagal. serangan.",  # a sentence starts inside "kompas.ID"
    "“Serangan” gagal. ... Serangan lagi. serangan.",
    "Jum’at lalu. Jum'at itu. jum'at pagi. Jum’at.",
    "Negara-negara Barat. negara-negara itu. Sekutu-sekutunya datang. sekutu-sekutunya pergi.",
    "Pertemuan itu. pertemuan. PERTEMUAN. Pertemuan.",
    "Dia pergi. dia datang. Dia. AS dan PBB. As itu. as.",
    "Bulan lalu. bulan ini. Partai Bulan Bintang. Bulan.",
    "Pemerintah:\nPemerintah menolak. pemerintah.\n\nSerangan\nserangan",
    "1. Rusia. 2. rusia. Rusia menyerang. menyerang.",
    "  Serangan  gagal.  serangan.  ",
]


def _token_table_counts(body: str, *, stopwords, protected) -> dict[str, list]:
    """The reference: the non-stopword ``stem`` values of :func:`utils.text.token_tables.token_rows`."""
    rows = tokens.token_rows(
        {"text": body}, stem=True, punctuation=False, protected=protected, stopwords=stopwords
    )
    counts = Counter(
        s for s, stop in zip(rows["stem"], rows["is_stopword"], strict=True) if not stop
    )
    return {"term": list(counts), "count": list(counts.values())}


def _starts(body: str) -> list[int]:
    return [start for start, _ in text.sentence_spans(body)]


def _opening_tokens_from_offsets(body: str) -> list[str]:
    """The tokens whose ``sentence_no`` (utils.text.token_tables.token_rows) differs from the previous one."""
    rows = tokens.token_rows({"text": body}, punctuation=False)
    numbers = rows["sentence_no"].tolist()
    return [
        token
        for index, token in enumerate(rows["token"])
        if index == 0 or numbers[index] != numbers[index - 1]
    ]


def test_token_columns_without_punctuation_match_tokenise_with_offsets():
    for body in TEXTS:
        words, starts, _ = text.token_columns(body, punctuation=False)
        expected = text.tokenise_with_offsets(body, punctuation=False)
        assert words == [token for token, _, _ in expected]
        assert starts == [start for _, start, _ in expected]


@pytest.mark.parametrize("body", OPENINGS + TEXTS)
@pytest.mark.parametrize("given_starts", [True, False])
def test_stemmed_counts_are_the_token_tables_stems(body, given_starts):
    options = {"stopwords": load_stopwords(), "protected": frozenset({"Bulan", "Bintang"})}
    article = {"text": body, "_sentence_starts": _starts(body)} if given_starts else {"text": body}
    assert article_term_counts(article, stem=True, **options) == _token_table_counts(body, **options)


def test_stemmed_counts_keep_the_order_of_first_occurrence():
    stopwords = frozenset({"itu", "dan"})
    article = {"text": "Serangan gagal. Kemarin serangan itu dan Serangan Umum."}
    # "Serangan" also occurs inside a sentence (a name there): the opening one alone is stemmed
    assert article_term_counts(article, stopwords=stopwords, stem=True) == {
        "term": ["serang", "gagal", "kemarin", "serangan", "umum"],
        "count": [2, 1, 1, 1, 1],
    }
    article = {"text": "Pertemuan gagal. Kemarin pertemuan itu."}
    assert article_term_counts(article, stopwords=stopwords, stem=True) == {
        "term": ["temu", "gagal", "kemarin"],
        "count": [2, 1, 1],
    }


def test_stemmed_counts_of_the_seed_articles_are_the_token_tables_stems(seeds, seed_dir):
    options = {"stopwords": load_stopwords(), "protected": frozenset({"Korea", "Utara", "Kim"})}
    raw_texts = [file.read_text(encoding="utf-8") for file in sorted(seed_dir.glob("*.txt"))]
    for body in [*seeds["text"], *raw_texts]:
        expected = _token_table_counts(body, **options)
        article = {"text": body, "_sentence_starts": _starts(body)}
        assert article_term_counts(article, stem=True, **options) == expected
        assert article_term_counts({"text": body}, stem=True, **options) == expected


def test_stemmed_counts_of_indosum_articles_are_the_token_tables_stems(indosum_file):
    from utils.corpus import clean_article

    options = {"stopwords": load_stopwords(), "protected": frozenset({"Bulan", "Jokowi"})}
    with open(indosum_file, encoding="utf-8") as lines:
        raw_texts = [json.loads(line)["text"] for line in islice(lines, 150)]
    for body in raw_texts + [clean_article(raw).text for raw in raw_texts]:
        article = {"text": body, "_sentence_starts": _starts(body)}
        assert article_term_counts(article, stem=True, **options) == _token_table_counts(
            body, **options
        )


@pytest.mark.parametrize("body", OPENINGS + TEXTS)
def test_sentence_opening_tokens_are_those_of_the_token_table(body):
    found = _sentence_opening_tokens(body, _starts(body), text.token_pattern_for(body, False))
    if found is None:  # a sentence starting right after a non-space character (glued)
        assert any(not body[start - 1].isspace() for start in _starts(body)[1:])
    else:
        assert found == (_opening_tokens_from_offsets(body) if body.strip() else [])


def test_sentence_opening_tokens_of_the_seed_articles(seeds):
    for body in seeds["text"]:
        found = _sentence_opening_tokens(body, _starts(body), text.token_pattern_for(body, False))
        assert found == _opening_tokens_from_offsets(body)
        assert len(found) > 5


def test_stemmed_counts_do_not_depend_on_stems_remembered_ahead():
    article = {"text": "Serangan itu gagal. Kemarin serangan al-Abadi berlanjut."}
    options = {"stopwords": frozenset({"itu"}), "protected": frozenset(), "stem": True}
    before = article_term_counts(article, **options)
    stemming.remember_stems(["serangan", "gagal", "kemarin", "berlanjut"], workers=1)
    assert article_term_counts(article, **options) == before
    assert before == {
        "term": ["serang", "gagal", "kemarin", "al-abadi", "lanjut"],
        "count": [2, 1, 1, 1, 1],
    }

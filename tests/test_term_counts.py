"""Tests for utils.term_counts: the token starts of the stemmed counts and the stem vocabulary."""

from utils import stemming, text
from utils.term_counts import stem_vocabulary, term_count_rows

TEXTS = [
    "Kim Jong-un dan AS. Negara-negara Barat menolak, kata Menlu al-Abadi.",
    "“Rp 2,5 juta,” kata J. Widodo di www.kompas.co.id pukul 10.30 WIB.",
    "Serangan itu gagal.Kemarin serangan berlanjut (kata-a.n. s.d. M.Si.) @jokowi #pemilu",
    "",
]


def test_token_columns_without_punctuation_match_tokenise_with_offsets():
    for body in TEXTS:
        tokens, starts, _ = text.token_columns(body, punctuation=False)
        expected = text.tokenise_with_offsets(body, punctuation=False)
        assert tokens == [token for token, _, _ in expected]
        assert starts == [start for _, start, _ in expected]


def test_stem_vocabulary_lists_lowercase_words_only():
    words = stem_vocabulary(["Kim menginginkan amunisi, kata AS: negara-negara 2,5 juta.", None])
    assert words == {"menginginkan", "amunisi", "kata", "negara-negara", "juta"}


def test_stemmed_counts_do_not_depend_on_the_prepared_vocabulary():
    article = {"text": "Serangan itu gagal. Kemarin serangan al-Abadi berlanjut."}
    options = {"stopwords": frozenset({"itu"}), "protected": frozenset(), "stem": True}
    before = term_count_rows(article, **options)
    stemming.remember_stems(stem_vocabulary([article["text"]]), workers=1)
    assert term_count_rows(article, **options) == before
    assert before == {
        "term": ["serang", "gagal", "kemarin", "al-abadi", "lanjut"],
        "count": [2, 1, 1, 1, 1],
    }

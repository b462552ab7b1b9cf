"""Optional Sastrawi stemming: cached, off by default, never touching names or actor words."""

from __future__ import annotations

import inspect

import pandas as pd

from utils import stemming, text


def test_stemming_is_off_by_default():
    assert inspect.signature(text.token_table).parameters["stem"].default is False
    assert inspect.signature(text.article_tokens).parameters["stem"].default is False
    table = text.article_tokens({"article_id": "a", "text": "Pertemuan di Bekasi."})
    assert "stem" not in table


def test_common_words_are_stemmed():
    words = [
        "persenjataan",
        "menginginkan",
        "perundingan",
        "pertemuannya",
        "negara-negara",
        "sekutu-sekutunya",
    ]
    assert [stemming.stem(w) for w in words] == [
        "senjata",
        "ingin",
        "runding",
        "temu",
        "negara",
        "sekutu",
    ]


def test_proper_nouns_and_acronyms_are_never_stemmed():
    # Sastrawi alone turns the city Bekasi into "bekas" (used)
    assert stemming.stem_word("bekasi") == "bekas"
    assert stemming.stem("Bekasi") == "bekasi"
    assert [stemming.stem(w) for w in ["AS", "PBB", "Korut", "Kim", "Jong-un", "Pyongyang"]] == [
        "as", "pbb", "korut", "kim", "jong-un", "pyongyang",
    ]  # fmt: skip


def test_protected_actor_aliases_are_not_stemmed():
    assert stemming.stem("kekuatan") == "kuat"
    assert stemming.stem("kekuatan", protected={"kekuatan"}) == "kekuatan"
    # protected forms are compared as written: the lowercase common noun is still stemmed
    assert stemming.stem_tokens(["pemerintah", "Pemerintah"], protected={"Pemerintah"}) == [
        "perintah",
        "pemerintah",
    ]


def test_known_overstemming_is_documented():
    for word, stem in stemming.KNOWN_OVERSTEMMING.items():
        assert stemming.stem_word(word) == stem
        assert word in stemming.__doc__ and stem in stemming.__doc__


def test_numbers_and_non_letters_untouched():
    for token in ["2,5", "1.000", "1950-53", "13/9", "Путин", "REPUBLIKA.CO.ID", "%"]:
        assert stemming.stem(token) == token.lower()


def test_stemming_is_cached_over_unique_words():
    stemming.stem_word.cache_clear()
    stemming.stem_tokens(["menyerang", "serangan", "menyerang", "menyerang"])
    first = stemming.stem_word.cache_info()
    assert first.misses == 2
    stemming.stem_tokens(["menyerang", "serangan"] * 50)
    assert stemming.stem_word.cache_info().misses == 2


def test_token_table_stems_sentence_initial_words_seen_in_lowercase():
    articles = pd.DataFrame(
        {
            "article_id": ["a"],
            "text": [
                "Pertemuan berlangsung di Bekasi. Mereka menyebut pertemuan itu penting. Bekasi panas."
            ],
        }
    )
    table = text.token_table(articles, stem=True, progress=False)
    stems = dict(zip(table["position"], table["stem"].astype(str), strict=True))
    tokens = table["token"].astype(str).tolist()
    assert stems[0] == "temu"  # "Pertemuan" opens a sentence, "pertemuan" also occurs
    assert stems[tokens.index("Bekasi")] == "bekasi"  # a name, never "bekas"
    assert stems[tokens.index("Mereka")] == "mereka"

"""Optional Sastrawi stemming: cached, off by default, never touching names or actor words."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from itertools import product
from string import ascii_lowercase

import pandas as pd
import pytest

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


# ---------------------------------------------------------------------- the fast path is Sastrawi
_PLAIN_SASTRAWI = """
import json, sys
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
stemmer = StemmerFactory().create_stemmer()
print(json.dumps([stemmer.stem(word) for word in json.load(sys.stdin)]))
"""


def _plain_sastrawi(words: list[str]) -> list[str]:
    """Stems from ``StemmerFactory().create_stemmer().stem``, in a fresh Python process: in this
    one PySastrawi's modules may already run on utils.stemming's precompiled patterns."""
    result = subprocess.run(
        [sys.executable, "-c", _PLAIN_SASTRAWI],
        input=json.dumps(words),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def _seed_words(seed_dir) -> list[str]:
    """Every distinct lowercase token of the seed articles that Sastrawi may be asked to stem."""
    words = set()
    for file in sorted(seed_dir.glob("*.txt")):
        words.update(token.lower() for token in text.tokenise(file.read_text(encoding="utf-8")))
    return sorted(w for w in words if stemming._STEMMABLE.fullmatch(w))


@pytest.fixture(scope="module")
def plain_stems(seed_dir):
    """{word: plain Sastrawi stem} for the seed words, some reduplications and affixed forms,
    every lowercase word of one to three letters and every 40th root of Sastrawi's dictionary."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    extra = ["negara-negara", "berbalas-balasan", "meniru-nirukan", "malaikat-malaikatnya",
             "sekutu-sekutunya", "kau-ku", "memperjuangkan", "dipertanggungjawabkan",
             "keberhasilannya", "pengembangan", "menyebutkan", "pertemuannya", "diserang"]  # fmt: skip
    short = ["".join(letters) for n in (1, 2, 3) for letters in product(ascii_lowercase, repeat=n)]
    roots = sorted(w for w in StemmerFactory().get_words() if w)[::40]
    words = sorted({*_seed_words(seed_dir), *extra, *short, *roots})
    return dict(zip(words, _plain_sastrawi(words), strict=True))


def test_fast_path_gives_plain_sastrawi_stems(plain_stems, seed_dir):
    seed_words = _seed_words(seed_dir)
    assert len(seed_words) > 300
    fast = {word: stemming._sastrawi_stem(word) for word in plain_stems}
    assert fast == plain_stems
    assert fast["negara-negara"] == "negara" and fast["memperjuangkan"] == "juang"


def test_words_answered_without_the_rules_are_unchanged_by_sastrawi(plain_stems):
    # the shortcut of _sastrawi_stem: short words and dictionary roots come back as they are
    short = [w for w in plain_stems if len(w) <= 3 and "-" not in w]
    assert len(short) == 26 + 26**2 + 26**3
    assert [plain_stems[w] for w in short] == short
    # (a hyphenated root such as "ambah-ambah" is a reduplication to Sastrawi: not a shortcut)
    dictionary = stemming._sastrawi().dictionary
    roots = [w for w in plain_stems if "-" not in w and dictionary.contains(w)]
    assert len(roots) > 500
    assert [plain_stems[w] for w in roots] == roots


def test_sastrawi_modules_use_precompiled_patterns():
    from Sastrawi.Morphology.Disambiguator import DisambiguatorPrefixRule17
    from Sastrawi.Stemmer.Context.Visitor import AbstractDisambiguatePrefixRule

    stemming._sastrawi()
    assert isinstance(DisambiguatorPrefixRule17.re, stemming._PrecompiledRe)
    assert isinstance(AbstractDisambiguatePrefixRule.re, stemming._PrecompiledRe)
    assert stemming._use_precompiled_patterns() == 0  # already done: nothing left to switch


@pytest.mark.parametrize(
    ("pattern", "repl", "string", "count", "flags"),
    [
        ("serang", "", "menyerang", 1, 0),  # not found
        ("ingin", "", "menginginkan", 1, 0),  # first of two occurrences
        ("ingin", "", "menginginkan", 0, 0),  # all occurrences
        ("an", "-", "ananan", 2, 0),
        ("", "", "kata", 1, 0),  # empty pattern
        ("", "x", "ab", 0, 0),
        ("negara-negara", "", "negara-negara", 1, 0),  # hyphens are literal
        ("a", r"\g<0>\g<0>", "kata", 0, 0),  # a replacement with escapes goes to re
        ("KATA", "", "kata", 1, re.IGNORECASE),  # flags go to re
        (r"^(di|ke|se)", "", "diserang", 1, 0),
        (r"(is|isme|isasi|i|kan|an)$", "", "menginginkan", 1, 0),
        (r"[^a-z0-9 -]", " ", "Kim, Jong-un!", 0, re.IGNORECASE | re.MULTILINE),
        ("a.a", "", "kata", 1, 0),  # "." is not literal
    ],
)
def test_precompiled_re_sub_is_re_sub(pattern, repl, string, count, flags):
    fast = stemming._PrecompiledRe()
    expected = re.sub(pattern, repl, string, count=count, flags=flags)
    assert fast.sub(pattern, repl, string, count=count, flags=flags) == expected
    assert fast.sub(pattern, repl, string, count=count, flags=flags) == expected  # kept compiled


@pytest.mark.parametrize(
    ("pattern", "string", "flags"),
    [
        (r"^meng([aiueo])(.*)$", "menginginkan", 0),
        (r"^meng([aiueo])(.*)$", "memukul", 0),
        (r"^(.*)-(ku|mu|nya|lah|kah|tah|pun)$", "sekutu-sekutunya", 0),
        (r"^be(.*)lah$", "BERSAMALAH", re.IGNORECASE),
    ],
)
def test_precompiled_re_match_is_re_match(pattern, string, flags):
    fast = stemming._PrecompiledRe()
    expected = re.match(pattern, string, flags)
    for _ in range(2):
        found = fast.match(pattern, string, flags)
        assert (found and found.groups()) == (expected and expected.groups())

"""Optional Sastrawi stemming: cached, off by default, never touching names or actor words."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from itertools import islice, product
from string import ascii_lowercase

import pandas as pd
import pytest

from utils import text
from utils.engine import EngineOptions
from utils.text import sastrawi_rules, stemming


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
    table = text.token_table(articles, stem=True, options=EngineOptions(progress=False))
    stems = dict(zip(table["position"], table["stem"].astype(str), strict=True))
    tokens = table["token"].astype(str).tolist()
    assert stems[0] == "temu"  # "Pertemuan" opens a sentence, "pertemuan" also occurs
    assert stems[tokens.index("Bekasi")] == "bekasi"  # a name, never "bekas"
    assert stems[tokens.index("Mereka")] == "mereka"


# ---------------------------------------------------------------------- the rewrite is Sastrawi
_PLAIN_SASTRAWI = """
import json, sys
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
stemmer = StemmerFactory().create_stemmer()
print(json.dumps([stemmer.stem(word) for word in json.load(sys.stdin)]))
"""

#: Prefixes, alone and combined, and suffix combinations for the synthetic words.
_PREFIXES = ["", "me", "mem", "men", "meng", "meny", "menge", "pe", "pem", "pen", "peng", "peny",
             "per", "pel", "ber", "be", "bel", "ter", "te", "di", "ke", "se", "memper", "diper",
             "keber", "ku", "kau"]  # fmt: skip
_SUFFIXES = ["", "kan", "an", "i", "nya", "lah", "kannya", "annya", "isasi"]
_CLITICS = ["ku", "mu", "nya", "lah", "kah", "tah", "pun"]


def _plain_sastrawi(words: list[str]) -> list[str]:
    """Stems from ``StemmerFactory().create_stemmer().stem``, in a fresh Python process: plain
    PySastrawi, whatever this process has imported."""
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


def _roots() -> list[str]:
    return sorted(w for w in stemming._sastrawi().roots if stemming._STEMMABLE.fullmatch(w))


def _synthetic_words() -> list[str]:
    """Affixed forms (every other one of the prefix x base x suffix combinations) and
    reduplications of every 600th root of Sastrawi's dictionary and of the root minus its first
    letter (meN-/peN- drop it: ``menyerang``): about 12,000 words."""
    sample = [w for w in _roots() if "-" not in w][::600]
    bases = sample + [w[1:] for w in sample if len(w) > 4]
    affixed = sorted(
        {prefix + base + suffix for prefix in _PREFIXES for base in bases for suffix in _SUFFIXES}
    )
    words = set(affixed[::2])
    for i, root in enumerate(sample):
        prefix, suffix, clitic = (_PREFIXES[i % 27], _SUFFIXES[i % 9], _CLITICS[i % 7])
        words.update([f"{root}-{root}", f"{root}-{root}nya", f"{root}-{root}-{clitic}",
                      f"{prefix}{root}-{root}{suffix}", f"{prefix}{root}-{root[1:]}{suffix}",
                      f"{root}-{clitic}", f"{root}-{sample[i - 1]}", f"{root}-{root}-{root}"])  # fmt: skip
    return sorted(w for w in words if stemming._STEMMABLE.fullmatch(w))


@pytest.fixture(scope="module")
def rule_words(seed_dir) -> list[str]:
    """Synthetic words, the seed words and a few known hard cases."""
    extra = ["negara-negara", "berbalas-balasan", "meniru-nirukan", "malaikat-malaikatnya",
             "sekutu-sekutunya", "kau-ku", "memperjuangkan", "dipertanggungjawabkan",
             "keberhasilannya", "pengembangan", "menyebutkan", "pertemuannya", "diserang",
             "belajar", "pelajar", "mempengaruhi", "mengkritik", "mentaati", "penstabilan"]  # fmt: skip
    return sorted({*_synthetic_words(), *_seed_words(seed_dir), *extra})


@pytest.fixture(scope="module")
def plain_stems(rule_words):
    """{word: plain Sastrawi stem} for the rule words, every lowercase word of one to three
    letters and every 10th root of Sastrawi's dictionary (about 34,000 words)."""
    short = ["".join(letters) for n in (1, 2, 3) for letters in product(ascii_lowercase, repeat=n)]
    words = sorted({*rule_words, *short, *_roots()[::10]})
    return dict(zip(words, _plain_sastrawi(words), strict=True))


def test_rewrite_gives_plain_sastrawi_stems(plain_stems, rule_words):
    assert len(plain_stems) > 30_000 and len(rule_words) > 12_000
    fast = {word: stemming._sastrawi_stem(word) for word in plain_stems}
    assert fast == plain_stems
    assert fast["negara-negara"] == "negara" and fast["memperjuangkan"] == "juang"
    assert sum(fast[w] != w for w in rule_words) > 3_000  # the rules did run


def test_rewrite_without_shortcuts_gives_plain_sastrawi_stems(plain_stems):
    # _sastrawi_stem answers roots and short words itself: the rules must agree on them too
    stemmer = sastrawi_rules.Stemmer.from_pysastrawi()
    assert {word: stemmer.stem_word(word) for word in plain_stems} == plain_stems


def test_rewrite_gives_plain_sastrawi_stems_on_indosum(indosum_file):
    words = set()
    with open(indosum_file, encoding="utf-8") as lines:
        for line in islice(lines, 400):
            words.update(t for t in text.tokenise(json.loads(line)["text"]) if t.islower())
    words = sorted(w for w in words if stemming._STEMMABLE.fullmatch(w))
    assert len(words) > 5_000
    assert [stemming._sastrawi_stem(w) for w in words] == _plain_sastrawi(words)


def test_words_answered_without_the_rules_are_unchanged_by_sastrawi(plain_stems):
    # the shortcut of _sastrawi_stem: short words and dictionary roots come back as they are
    short = [w for w in plain_stems if len(w) <= 3 and "-" not in w]
    assert len(short) == 26 + 26**2 + 26**3
    assert [plain_stems[w] for w in short] == short
    # (a hyphenated root such as "ambah-ambah" is a reduplication to Sastrawi: not a shortcut)
    roots = [w for w in plain_stems if "-" not in w and w in stemming._sastrawi().roots]
    assert len(roots) > 2_500
    assert [plain_stems[w] for w in roots] == roots


def test_each_prefix_rule_is_sastrawis(rule_words):
    # every disambiguator against PySastrawi's own class, in PySastrawi's order
    from Sastrawi.Stemmer.Context.Visitor.VisitorProvider import VisitorProvider

    theirs = VisitorProvider().get_prefix_visitors()
    ours = sastrawi_rules.PREFIX_VISITORS
    assert len(ours) == len(theirs) == 41
    for word in rule_words:
        removed = theirs[0].remove(word)
        assert sastrawi_rules.first_result(ours[0], word, frozenset()) == (
            None if removed == word else removed
        )
        for visitor, their_visitor in zip(ours[1:], theirs[1:], strict=True):
            assert len(visitor) == len(their_visitor.disambiguators)
            for variants, disambiguator in zip(visitor, their_visitor.disambiguators, strict=True):
                expected = disambiguator.disambiguate(word)
                assert sastrawi_rules.first_result((variants,), word, frozenset()) == expected, (
                    word, type(disambiguator).__name__)  # fmt: skip


def test_prefix_rules_are_looked_up_by_first_letters(rule_words):
    # the index only leaves out rules that cannot match the word
    roots = stemming._sastrawi().roots
    everything = sastrawi_rules.PREFIX_VISITORS
    for word in [*rule_words, "", "k", "b-", "-ber"]:
        indexed = sastrawi_rules._VISITORS_BY_START[word[:2]]
        first = next(
            (v for v in everything if sastrawi_rules.first_result(v, word, roots) is not None), None
        )
        assert first is None or first in indexed, word


def test_suffix_and_confix_rules_are_sastrawis(rule_words):
    from Sastrawi.Stemmer.ConfixStripping.PrecedenceAdjustmentSpecification import (
        PrecedenceAdjustmentSpecification,
    )
    from Sastrawi.Stemmer.Context.Visitor.RemoveDerivationalSuffix import RemoveDerivationalSuffix
    from Sastrawi.Stemmer.Context.Visitor.RemoveInflectionalParticle import (
        RemoveInflectionalParticle,
    )
    from Sastrawi.Stemmer.Context.Visitor.RemoveInflectionalPossessivePronoun import (
        RemoveInflectionalPossessivePronoun,
    )

    pairs = [
        (sastrawi_rules._without_particle, RemoveInflectionalParticle()),
        (sastrawi_rules._without_possessive, RemoveInflectionalPossessivePronoun()),
        (sastrawi_rules._without_derivational, RemoveDerivationalSuffix()),
    ]
    confix = PrecedenceAdjustmentSpecification()
    for word in [*rule_words, "bean", "mei", "teri", "kan", "-lah", "a--nya"]:
        for ours, theirs in pairs:
            removed = ours(word)
            left = theirs.remove(word)
            assert (removed[0] if removed else word) == left, (word, type(theirs).__name__)
            if removed:
                assert left + removed[1] == word
        assert bool(sastrawi_rules._CONFIX.fullmatch(word)) == confix.is_satisfied_by(word), word


def test_pysastrawi_is_left_unpatched():
    # stemming no longer replaces anything inside PySastrawi's modules (the naive benchmark
    # baseline refuses to run on a patched PySastrawi)
    import Sastrawi.Stemmer.Stemmer  # noqa: F401

    stemming._sastrawi()
    patched = [name for name, module in sys.modules.items()
               if name.startswith("Sastrawi") and getattr(module, "re", re) is not re]  # fmt: skip
    assert patched == []


def test_stem_tables_are_the_same_with_one_or_two_workers(rule_words, monkeypatch):
    monkeypatch.setattr(stemming, "_MIN_WORDS_FOR_WORKERS", 100)
    monkeypatch.setattr(stemming, "_STEM_TABLE", {})
    words = rule_words[::20]
    assert stemming.remember_stems(words, workers=2) == len(words)
    in_workers = dict(stemming._STEM_TABLE)
    assert in_workers == {w: stemming._sastrawi_stem(w) for w in words}

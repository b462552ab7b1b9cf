"""Optional Indonesian stemming with PySastrawi 1.2.1, cached, never touching names.

Stemming is **off by default** everywhere (notebook parameter ``STEM = False``): it merges
``menyerang``, ``serangan`` and ``diserang`` into ``serang``, which helps term statistics on
small corpora, but it also over-stems. Known over-stemming by Sastrawi, kept as is and shown in
notebook 02:

* ``pemerintah`` → ``perintah`` (government → order) and ``pertahanan`` → ``tahan``
  (defence → hold), ``kekuatan`` → ``kuat``, ``pertemuannya`` → ``temu``;
* place names that look derived: ``bekasi`` → ``bekas``.

**Protection rule.** :func:`stem` never stems, and returns the lowercase form of,

* a token written with a capital (``Bekasi``, ``Kim``, ``AS``, ``PBB``): proper nouns and acronyms
  (a capitalised ordinary word at the start of a sentence is therefore not stemmed either; the
  token table fixes that case when the same word also occurs in lowercase, see
  :func:`utils.text.token_tables.token_table`);
* a form in ``protected`` (words of actor aliases, compared as written);
* anything that is not letters joined by hyphens (numbers, ``2,5``, URLs, mixed scripts).

Reduplications are stemmed to their base (``negara-negara`` → ``negara``), hyphenated lowercase
compounds are kept when Sastrawi does not know them.

Speed: the stems are PySastrawi 1.2.1's, computed by :mod:`utils.text.sastrawi_rules`, a faster
rewrite of the same algorithm on PySastrawi's dictionary (identical stems: compared with plain
PySastrawi on all 46,583 lowercase words of IndoSum, UD Indonesian, every root and about
910,000 synthetic and random words; ``tests/test_stemming.py`` keeps a sample of that). Every
distinct lowercase word is stemmed once (``functools.lru_cache``), so a corpus costs one stemming
per vocabulary item, not per token; roots and words of three letters or fewer never reach the
rules. A new word that needs them costs about 13 µs of CPU (IndoSum's vocabulary), 12 times less
than PySastrawi with the precompiled patterns used before and 20 times less than plain PySastrawi.
PySastrawi itself is left untouched in the process.

>>> [stem(w) for w in ["Pertemuan", "pertemuan", "Bekasi", "bekasi", "AS", "negara-negara", "2,5"]]
['pertemuan', 'temu', 'bekasi', 'bekas', 'as', 'negara', '2,5']
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from utils import paths, provenance
from utils.text import sastrawi_rules

_STEMMABLE = re.compile(r"[a-z]+(?:-[a-z]+)*")

#: Sastrawi over-stemming that notebook 02 shows (input → Sastrawi output).
KNOWN_OVERSTEMMING = {
    "pemerintah": "perintah",
    "pertahanan": "tahan",
    "kekuatan": "kuat",
    "bekasi": "bekas",
}


# ---------------------------------------------------------------------- Sastrawi's stems
@lru_cache(maxsize=1)
def _sastrawi() -> sastrawi_rules.Stemmer:
    """Sastrawi 1.2.1's stemmer over PySastrawi's dictionary, built once per process (about
    0.02 s): :class:`utils.text.sastrawi_rules.Stemmer`, the same stems as PySastrawi, faster."""
    return sastrawi_rules.Stemmer.from_pysastrawi()


def _sastrawi_stem(word: str) -> str:
    """What ``StemmerFactory().create_stemmer().stem(word)`` returns for a word of lowercase
    letters joined by hyphens, calling the rules only when the answer is not known without them.

    For such a word, ``stem`` normalises and splits nothing, so the word goes straight to
    ``Stemmer.stem_word`` (here :meth:`utils.text.sastrawi_rules.Stemmer.stem_word`). Known without the rules (the word itself): a word without a hyphen that
    is a root in Sastrawi's dictionary (the rules stop at once), or that has three letters or
    fewer (checked for all 18,278 such words in ``tests/test_stemming.py``).

    >>> _sastrawi_stem("menginginkan"), _sastrawi_stem("ingin"), _sastrawi_stem("ds")
    ('ingin', 'ingin', 'ds')
    """
    stemmer = _sastrawi()
    if "-" not in word and (len(word) <= 3 or word in stemmer.roots):
        return word
    return stemmer.stem_word(word) or word


#: Stems computed ahead of time (see :func:`remember_stems`): forked worker processes inherit
#: them, so a vocabulary is stemmed once for all workers instead of once per worker.
_STEM_TABLE: dict[str, str] = {}


@lru_cache(maxsize=500_000)
def stem_word(word: str) -> str:
    """Sastrawi stem of one lowercase word (no protection applied); cached.

    >>> stem_word("pertahanan"), stem_word("menginginkan"), stem_word("sekutu-sekutunya")
    ('tahan', 'ingin', 'sekutu')
    """
    if not _STEMMABLE.fullmatch(word):
        return word
    known = _STEM_TABLE.get(word)
    if known is not None:
        return known
    return _sastrawi_stem(word)


#: Fewer new words than this are stemmed in this process: at about 10 µs a word, starting and
#: feeding worker processes costs more CPU than it saves time (measured on IndoSum's 46,583 words:
#: the same wall time, 25% more CPU with two workers).
_MIN_WORDS_FOR_WORKERS = 50_000


def _stem_list(words: list[str]) -> list[str]:
    return [stem_word(word) for word in words]


def remember_stems(words: Iterable[str], *, workers: int | None = None) -> int:
    """Stem the lowercase ``words`` not known yet, on ``workers`` processes, and keep the stems in
    this process (and the processes it forks later); return how many were added.

    Only speed changes: :func:`stem_word` returns the same stem with or without this table.

    >>> remember_stems(["keterlibatan", "Rusia", "2,5"], workers=1), stem_word("keterlibatan")
    (1, 'libat')
    """
    todo = sorted({w for w in words if w not in _STEM_TABLE and _STEMMABLE.fullmatch(w)})
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(todo) < _MIN_WORDS_FOR_WORKERS:
        stems = _stem_list(todo)
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        )
        _sastrawi()  # built once here, inherited by forked workers
        size = -(-len(todo) // (workers * 4))
        chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            stems = [stem for part in pool.map(_stem_list, chunks) for stem in part]
    _STEM_TABLE.update(zip(todo, stems, strict=True))
    return len(todo)


def stem_table_file(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the word→stem table of this PySastrawi version is kept between runs.

    The file name carries the PySastrawi version, so upgrading the stemmer starts a new table.

    >>> stem_table_file("/tmp/cache").name.startswith("sastrawi-")
    True
    """
    from importlib.metadata import version

    base = Path(cache_dir) if cache_dir is not None else paths.CACHE_DIR
    return base / "stems" / f"sastrawi-{version('PySastrawi')}.tsv"


def load_stem_table(file: str | os.PathLike[str]) -> int:
    r"""Add the stems stored in ``file`` (``word<TAB>stem`` lines) to this process's table.

    A missing file adds nothing; a damaged line is ignored (the word is then stemmed again).
    Returns how many stems were added.

    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "stems.tsv"
    >>> _ = file.write_text("persenjataan\tsenjata\nrusak\n", encoding="utf-8")
    >>> load_stem_table(file), stem_word("persenjataan")
    (1, 'senjata')
    """
    try:
        lines = Path(file).read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, UnicodeDecodeError):
        return 0
    before = len(_STEM_TABLE)
    for line in lines:
        word, tab, stemmed = line.partition("\t")
        if tab and stemmed and _STEMMABLE.fullmatch(word) and word not in _STEM_TABLE:
            _STEM_TABLE[word] = stemmed
    return len(_STEM_TABLE) - before


def save_stem_table(file: str | os.PathLike[str]) -> Path:
    r"""Write this process's word→stem table to ``file`` atomically, sorted (deterministic).

    >>> import tempfile, pathlib
    >>> _ = remember_stems(["pertahanan"], workers=1)
    >>> file = save_stem_table(pathlib.Path(tempfile.mkdtemp()) / "stems.tsv")
    >>> "pertahanan\ttahan" in file.read_text(encoding="utf-8").splitlines()
    True
    """
    text = "".join(f"{word}\t{_STEM_TABLE[word]}\n" for word in sorted(_STEM_TABLE))
    file = Path(file)
    file.parent.mkdir(parents=True, exist_ok=True)
    provenance.atomic_write_text(file, text)
    return file


def remember_stems_on_disk(
    words: Iterable[str],
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    workers: int | None = None,
) -> int:
    """:func:`remember_stems`, reading and updating the table kept in the cache between runs.

    A re-run over the same vocabulary then calls Sastrawi for no word at all. Returns how many
    words had to be stemmed now.

    >>> import tempfile
    >>> cache = tempfile.mkdtemp()
    >>> remember_stems_on_disk(["kekuatan"], cache_dir=cache, workers=1) >= 0
    True
    >>> stem_table_file(cache).exists()
    True
    """
    file = stem_table_file(cache_dir)
    load_stem_table(file)
    added = remember_stems(words, workers=workers)
    if added or not file.exists():
        save_stem_table(file)
    return added


def stem(token: str, *, protected: Iterable[str] = frozenset()) -> str:
    """Lowercase stem of ``token``, or its lowercase form if it is protected (see module docstring).

    >>> stem("Rusia"), stem("persenjataan"), stem("kerja", protected={"kerja"})
    ('rusia', 'senjata', 'kerja')
    """
    lower = token.lower()
    if not token or token[0].isupper() or token in protected:
        return lower
    return stem_word(lower)


def stem_tokens(tokens: Sequence[str], *, protected: Iterable[str] = frozenset()) -> list[str]:
    """Stem a token list, computing each distinct token once.

    >>> stem_tokens(["Kim", "menginginkan", "amunisi", "dan", "persenjataan"])
    ['kim', 'ingin', 'amunisi', 'dan', 'senjata']
    """
    protected = frozenset(protected)
    stems = {token: stem(token, protected=protected) for token in set(tokens)}
    return [stems[token] for token in tokens]


def stem_comparison(
    tokens,
    *,
    protected: Iterable[str] = frozenset(),
    cache_dir: str | os.PathLike[str] | None = None,
):
    """Compare words with and without stemming on a token table (punctuation left out).

    One row per distinct lowercase word: norm, stem (as :func:`stem` gives it for the word's
    most frequent written form), count, is_protected (left unstemmed as a name, acronym or actor
    word), n_norms_in_stem (how many words the stem merges), known_overstemming (one of
    ``KNOWN_OVERSTEMMING`` happened). Sorted by count
    (descending), norm. With ``cache_dir``, the stems are read from and added to the table kept
    there between runs (:func:`remember_stems_on_disk`): the result is the same, only faster.

    >>> import pandas as pd
    >>> tokens = pd.DataFrame({"token": ["pertahanan", "bertahan", "Bekasi", "."],
    ...     "norm": ["pertahanan", "bertahan", "bekasi", "."], "is_punct": [False, False, False, True]})
    >>> stem_comparison(tokens)[["norm", "stem", "n_norms_in_stem", "known_overstemming"]].values.tolist()
    [['bekasi', 'bekasi', 1, False], ['bertahan', 'tahan', 2, False], ['pertahanan', 'tahan', 2, True]]
    """
    import pandas as pd

    words = tokens[~tokens["is_punct"].to_numpy(dtype=bool)]
    forms = (
        pd.DataFrame({"token": words["token"].astype(str), "norm": words["norm"].astype(str)})
        .value_counts()
        .rename("count")
        .reset_index()
        .sort_values(["norm", "count", "token"], ascending=[True, False, True])
    )
    counts = forms.groupby("norm", sort=True)["count"].sum()
    # the written form to stem: lowercase if the word ever occurs in lowercase (a capitalised
    # occurrence then only opens a sentence), otherwise the most frequent form (a name)
    forms["is_lower"] = forms["token"].str[:1].str.islower()
    forms = forms.sort_values(
        ["norm", "is_lower", "count", "token"], ascending=[True, False, False, True]
    )
    typical = forms.drop_duplicates("norm").set_index("norm")["token"]
    protected = frozenset(protected)
    if cache_dir is not None:  # stems kept between runs: a re-run stems nothing
        remember_stems_on_disk(counts.index, cache_dir=cache_dir)
    table = pd.DataFrame({"norm": counts.index, "count": counts.to_numpy()})
    table["stem"] = [stem(typical[n], protected=protected) for n in table["norm"]]
    table["is_protected"] = [
        stem_word(n) != n and s == n for n, s in zip(table["norm"], table["stem"], strict=True)
    ]
    table["n_norms_in_stem"] = table.groupby("stem")["norm"].transform("size")
    table["known_overstemming"] = [
        KNOWN_OVERSTEMMING.get(n) == s for n, s in zip(table["norm"], table["stem"], strict=True)
    ]
    columns = ["norm", "stem", "count", "is_protected", "n_norms_in_stem", "known_overstemming"]
    return table.sort_values(["count", "norm"], ascending=[False, True])[columns].reset_index(
        drop=True
    )

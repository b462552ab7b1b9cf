"""Indonesian stopwords: load the shipped lists and flag tokens, never dropping actor words.

Two editable lists ship in ``data/``: ``stopwords-id.txt`` (general function words, built from
the PySastrawi and spaCy lists, see its header) and ``stopwords-news.txt`` (reporting verbs and
news boilerplate: ``kata``, ``ujar``, ``tersebut``, ...).

**The protection rule.** A stopword check compares the lowercase form (``norm``) with the lists,
but it looks at the original ``token`` first: a token is *never* a stopword when

* it is written as an all-caps acronym of two or more letters (``AS``, ``PBB``, ``DK``, ``RI``,
  ``ANTARA``): ``as`` or ``antara`` may be function words, ``AS`` and ``ANTARA`` are actors; or
* it is one of the ``protected`` forms passed in (words of actor aliases from
  ``data/actors.csv``), compared as written: ``Bulan`` in ``Partai Bulan Bintang`` is protected,
  the lowercase ``bulan`` (month) stays a stopword.

Capitalised ordinary words (``Dia`` at the start of a sentence) are still stopwords.

>>> flags = stopword_flags(["Dia", "bertemu", "AS", "dan", "PBB", "kata", "Kim"])
>>> [token for token, flag in zip(["Dia", "bertemu", "AS", "dan", "PBB", "kata", "Kim"], flags) if flag]
['Dia', 'dan', 'kata']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from utils import paths
from utils.text.tokeniser import tokenise


def read_word_list(path) -> frozenset[str]:
    """Read one lowercase word per line, ignoring blank lines and ``#`` comments.

    >>> "yang" in read_word_list(paths.STOPWORDS_FILE)
    True
    """
    file = paths.resolve(path)
    if not file.exists():
        raise FileNotFoundError(f"word list not found: {file}")
    words = set()
    for line in file.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            words.add(word.lower())
    return frozenset(words)


@lru_cache(maxsize=16)
def load_stopwords(
    *,
    general: bool = True,
    news: bool = True,
    general_file: str | None = None,
    news_file: str | None = None,
) -> frozenset[str]:
    """Return the stopword set (lowercase): the general list, the news list, or both.

    >>> words = load_stopwords()
    >>> "yang" in words, "ujar" in words, "amunisi" in words
    (True, True, False)
    >>> "dilansir" in load_stopwords(), "dilansir" in load_stopwords(news=False)
    (True, False)
    """
    words: set[str] = set()
    if general:
        words |= read_word_list(general_file or paths.STOPWORDS_FILE)
    if news:
        words |= read_word_list(news_file or paths.NEWS_STOPWORDS_FILE)
    return frozenset(words)


def is_protected(token: str, *, protected: Iterable[str] = frozenset()) -> bool:
    """True if ``token`` is an all-caps acronym (``AS``, ``PBB``) or a protected form.

    >>> is_protected("AS"), is_protected("as"), is_protected("Kim", protected={"Kim"})
    (True, False, True)
    """
    if len(token) > 1 and token.isupper():
        return True
    return token in protected


def stopword_flags(
    tokens: Sequence[str],
    *,
    stopwords: frozenset[str] | None = None,
    protected: Iterable[str] = frozenset(),
) -> list[bool]:
    """Stopword flag for each token, applying the protection rule (see the module docstring).

    The work is done once per distinct token, so it is fast on long token lists.

    >>> stopword_flags(["Rusia", "yang", "AS", "amunisi"])
    [False, True, False, False]
    >>> stopword_flags(["kata", "Kata"], stopwords=frozenset({"kata"}))
    [True, True]
    """
    if stopwords is None:
        stopwords = load_stopwords()
    protected = frozenset(protected)
    decisions: dict[str, bool] = {}
    for token in set(tokens):
        decisions[token] = token.lower() in stopwords and not is_protected(
            token, protected=protected
        )
    return list(map(decisions.__getitem__, tokens))


def remove_stopwords(
    tokens: Sequence[str],
    *,
    stopwords: frozenset[str] | None = None,
    protected: Iterable[str] = frozenset(),
) -> list[str]:
    """Return ``tokens`` without stopwords (actor words kept).

    >>> remove_stopwords(["Amerika", "Serikat", "(", "AS", ")", "dan", "PBB", "tersebut"])
    ['Amerika', 'Serikat', '(', 'AS', ')', 'PBB']
    """
    flags = stopword_flags(tokens, stopwords=stopwords, protected=protected)
    return [token for token, flag in zip(tokens, flags, strict=True) if not flag]


def protected_words(aliases: Iterable[str]) -> frozenset[str]:
    """The word tokens of actor aliases, to pass as ``protected`` (stopword flags, stemming).

    Give it ``load_actors()["alias"]`` (leave out rows of kind ``ignore``). In an alias of
    several words, a word written in lower case joins the name (``untuk`` in ``Komisariat
    Tinggi PBB untuk Urusan Pengungsi``, ``bin``) and is not protected: protecting it would take
    a common word off the stopword list everywhere. A one-word alias is protected as written.

    >>> sorted(protected_words(["Amerika Serikat", "AS", "Kim Jong-un", "Dewan Keamanan PBB"]))
    ['AS', 'Amerika', 'Dewan', 'Jong-un', 'Keamanan', 'Kim', 'PBB', 'Serikat']
    >>> sorted(protected_words(["Komisariat Tinggi PBB untuk Urusan Pengungsi", "putin"]))
    ['Komisariat', 'PBB', 'Pengungsi', 'Tinggi', 'Urusan', 'putin']
    """

    words: set[str] = set()
    for alias in aliases:
        if isinstance(alias, str):
            words.update(name_words(tokenise(alias, punctuation=False)))
    return frozenset(words)


def name_words(words: Sequence[str]) -> list[str]:
    """The words of one alias that name something: every word of a one-word alias; in a longer
    one, those not written in lower case (``untuk``, ``bin`` join the name, they are not names).

    >>> name_words(["Komisariat", "Tinggi", "PBB", "untuk", "Urusan", "Pengungsi"])
    ['Komisariat', 'Tinggi', 'PBB', 'Urusan', 'Pengungsi']
    >>> name_words(["putin"])
    ['putin']
    """
    return list(words) if len(words) <= 1 else [word for word in words if not word[:1].islower()]

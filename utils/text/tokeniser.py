"""Indonesian tokens, done with precompiled regular expressions; with the paragraphs and
sentences of :mod:`utils.text.sentences` (``utils.text`` offers both).

Everything here works on the cleaned article ``text`` (paragraphs separated by one blank line)
but also on arbitrary input: curly quotes, raw files with one paragraph per line, mixed scripts.
Character offsets always index the string that was passed in.

Tokenisation rules (one ``finditer`` pass of one compiled pattern; the decisions are documented
here and tested in ``tests/test_text.py``):

* **Words keep their hyphens and apostrophes:** reduplication (``negara-negara``,
  ``sekutu-sekutunya``, ``besar-besaran``) and hyphenated names (``Kim Jong-un``, ``Leif-Eric``)
  are one token, as are ``COVID-19``, ``ke-2`` and ``Jum'at``.
* **Numbers are one token:** ``2,5``, ``1.000``, ``1950-1953``, ``1950-53``, ``13/9``, ``10.30``.
  Brackets are separate tokens, so ``(20/8)`` gives ``(``, ``20/8``, ``)``. The percent sign and
  the currency ``Rp`` are separate tokens (``50%`` gives ``50``, ``%``; ``Rp2,5`` gives ``Rp``,
  ``2,5``), as in Universal Dependencies.
* **Hyphenated compounds of names stay one token** (``Kim-Putin``, ``Korut-Rusia``,
  ``Selatan-AS-Jepang``): orthography cannot tell them from a name like ``Leif-Eric``. Actor
  mentions are found in the text, not in tokens (:mod:`utils.actors.mentions`), so they are still counted.
* **Abbreviations keep their period:** the list in ``data/abbreviations-id.txt`` (``Dr.``,
  ``Jl.``, ``dkk.``), dotted forms (``a.n.``, ``s.d.``, ``J.K.``) and a capital initial before a
  capitalised word (``Donald J. Trump``). Acronyms are ordinary words (``AS``, ``DK``, ``PBB``).
* **Web forms are one token:** ``REPUBLIKA.CO.ID``, ``TEMPO.CO``, ``antaranews.com``, URLs,
  e-mail addresses, ``#hashtags`` and ``@handles``.
* **Punctuation and quotes** (“ ” ‘ ’ " ' ( ) , . …) are one token per character (``...`` and
  ``--`` stay together), or are dropped with ``punctuation=False``.
* **Clitics are kept by default** (``negaranya`` is one token, the form a reader searches for).
  With ``split_clitics=True`` the enclitics ``-nya``, ``-lah`` and ``-kah`` are split off as
  ``nya``, ``lah``, ``kah`` (the surface text, so offsets stay exact), except in words that only
  look clitic-final (``hanya``, ``punya``, ``tanya``, ``Kenya``, ``adalah``, ``sekolah``,
  ``masalah``, ``langkah``, ...: see ``CLITIC_EXCEPTIONS``) or leave a stem shorter than three
  letters. ``-pun`` is never split: it is written apart in standard Indonesian and lexicalised in
  ``meskipun``, ``walaupun``, ``maupun``.

>>> tokenise("Negara-negara sekutu AS mengirim 2,5 juta amunisi.")
['Negara-negara', 'sekutu', 'AS', 'mengirim', '2,5', 'juta', 'amunisi', '.']
"""

from __future__ import annotations

import re
from functools import lru_cache

from utils.corpus.glued_sentences import URL_PATTERN
from utils.text.sentences import load_abbreviations

# ---------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------


def _any_of(characters: str) -> str:
    """A regex character class matching any one of ``characters``.

    >>> re.fullmatch(_any_of("-'."), "-") is not None, re.fullmatch(_any_of("-'."), "x")
    (True, None)
    """
    return "[" + "".join(re.escape(c) for c in dict.fromkeys(characters)) + "]"


_TLD = r"(?:com|co|id|org|net|go|ac|or|gov|edu|info|io|tv|news|COM|CO|ID|ORG|NET|GO)"
# The characters after a word that may continue it: a join (_JOINS) or a tail (_TAIL).
_JOIN_STARTS = "-'’/.,:–"
_TAIL_STARTS = ".+@-"
# Letters/digits joined by hyphens or apostrophes (not the English "'s"), or by . , / : – between
# digits (and / before a digit: "II/2007"). The lookahead guards keep the common case (a word
# followed by a space) to one failed check.
_JOINS = (
    rf"(?:(?={_any_of(_JOIN_STARTS)})"
    r"(?:-|['’](?!s\b)|/(?=\d)|(?<=\d)[/.,:–](?=\d))\w+)*"
)
# The optional tail: web domains (.co.id, .com), an e-mail address, or the period of a listed
# abbreviation (checked by fixed-width lookbehinds, one per abbreviation length).
# Dotted abbreviations (a.n., s.d., M.Si., Ph.D., J.K.) and an initial before a capitalised word,
# when the token starts after a character that is not a letter, digit or period.
_DOTTED = (
    r"(?<![\w.])(?=[^\W\d_]{1,2}\.)"
    r"(?:[^\W\d_]{1,2}\.(?:[^\W\d_]{1,3}\.)+|[A-Z]\.(?=[^\S\n]+[A-Z]))"
)
# The same forms recognised from inside the word alternative, after its first 1-2 letters: tried
# only when a period follows a word, so ordinary words skip the check (for speed). Letters after
# a hyphen or apostrophe glued to a word ("kata-a.n.") are excluded: there the word alternative
# may not have started at those letters; texts with such a spot use ``_DOTTED`` instead (see
# ``token_pattern_for``), so the tokens are the same either way.
_DOTTED_START = r"(?<![\w.])(?<!\w[-'’])"
_DOTTED_TAIL = (
    rf"(?:(?<={_DOTTED_START}[^\W\d_])|(?<={_DOTTED_START}[^\W\d_]{{2}}))"
    r"\.(?:[^\W\d_]{1,3}\.)+"
    rf"|(?<={_DOTTED_START}[A-Z])\.(?=[^\S\n]+[A-Z])"
)
# Such a spot, found from its period (a pattern that starts with a literal character is scanned
# for much faster than one that starts with a class): the period after 1-2 letters that follow a
# hyphen or apostrophe glued to a word character. The same spots as the plain form
# ``[-'’](?<=\w.)[^\W\d_]{1,2}\.`` (tests/test_text.py compares them).
_DOTTED_AFTER_JOIN_RE = re.compile(r"\.(?:(?<=\w[-'’][^\W\d_]\.)|(?<=\w[-'’][^\W\d_]{2}\.))")
_TAIL = (
    rf"(?:(?={_any_of(_TAIL_STARTS)})"
    rf"(?:{_DOTTED_TAIL}|"
    rf"(?:\.{_TLD}(?!\w))*"
    r"(?:(?:[.+-]\w+)*@\w+(?:[.-]\w+)*)?"
    r"{abbreviation_period}"
    r"))?"
)
# A word that neither a join nor a tail can continue: most tokens. Matched first, it gives the
# same token as the full word alternative (``\w+`` + _JOINS + _TAIL), without entering its groups.
_PLAIN_WORD = rf"\w++(?!{_any_of(_JOIN_STARTS + _TAIL_STARTS)})"
_HANDLE = r"[@#]\w+"
_CURRENCY = r"Rp(?=\d)"
# invisible format characters (soft hyphen, zero-width space/joiners, BOM) are skipped, not tokens
_PUNCT = r"['’]s\b|\.{2,}|-{2,}|``|''|[^\w\s\u00ad\u200b-\u200f\u2060\ufeff]"


def _abbreviation_period() -> str:
    """The optional period of a listed abbreviation, checked by one lookbehind per length."""
    abbreviations, _ = load_abbreviations()
    by_length: dict[int, list[str]] = {}
    for abbreviation in abbreviations:
        stem = abbreviation[:-1]
        if abbreviation.endswith(".") and re.fullmatch(r"\w+", stem):
            by_length.setdefault(len(stem), []).append(re.escape(stem))
    if not by_length:
        return ""
    lookbehinds = "|".join(
        rf"(?<=(?<![\w.])(?:{'|'.join(sorted(stems))})\.)" for _, stems in sorted(by_length.items())
    )
    return rf"(?:\.(?:{lookbehinds}))?"


@lru_cache(maxsize=32)
def _token_pattern(
    web: bool, punctuation: bool, dotted_after_join: bool, ascii_only: bool = False
) -> re.Pattern[str]:
    """The token pattern: the alternatives in order, behind a check of the first character that
    lets the regex engine pass over spaces (and, without punctuation, punctuation) quickly: no
    alternative starts there.

    ``ascii_only`` compiles it with ``re.ASCII`` (its ``\\w`` and ``\\s`` test a table, faster
    than a Unicode lookup), for texts where that changes no match (:func:`_is_plain_ascii`).
    """
    word = r"\w+" + _JOINS + _TAIL.replace("{abbreviation_period}", _abbreviation_period())
    parts = [URL_PATTERN] if web else []
    parts += [_DOTTED] if dotted_after_join else []
    parts += [_HANDLE, _CURRENCY, _PLAIN_WORD, word]
    if punctuation:
        parts.append(_PUNCT)
    first_character = r"(?=\S)" if punctuation else r"(?=[\w@#])"
    flags = re.ASCII if ascii_only else 0
    return re.compile(first_character + "(?:" + "|".join(parts) + ")", flags)


#: The ASCII characters that Unicode calls whitespace but the ``\s`` of ``re.ASCII`` does not.
_ASCII_SEPARATORS = "\x1c\x1d\x1e\x1f"


def _is_plain_ascii(text: str) -> bool:
    """Whether ``text`` is ASCII without the separators ``\\x1c``-``\\x1f``: for such a text a
    pattern gives the same matches with ``re.ASCII`` as without (``\\w``, ``\\d``, ``\\s`` and
    ``\\b`` agree on every other ASCII character).

    >>> _is_plain_ascii("Kim Jong-un tiba."), _is_plain_ascii("Jum’at"), _is_plain_ascii("a\\x1cb")
    (True, False, False)
    """
    return text.isascii() and not any(separator in text for separator in _ASCII_SEPARATORS)


def token_pattern_for(text: str, punctuation: bool) -> re.Pattern[str]:
    return _token_pattern(
        "://" in text or "www." in text,
        punctuation,
        _DOTTED_AFTER_JOIN_RE.search(text) is not None,
        _is_plain_ascii(text),
    )


#: Words that end in -nya/-lah/-kah without carrying the clitic (or are lexicalised with it);
#: ``split_clitics=True`` leaves them whole. Compared in lowercase.
CLITIC_EXCEPTIONS = frozenset(
    """
    hanya punya empunya tanya bertanya ditanya menanya tertanya nyanya kenya tanya sonya vanya anya
    adalah ialah lah kalah mengalah dikalahkan salah bersalah masalah sekolah bersekolah olah mengolah
    diolah telah allah insyaallah belah sebelah membelah terbelah pilah memilah jumlah sejumlah
    berjumlah kilah berkilah galah celah lelah ulah bilah tulah daulah abdullah nasrullah walah
    langkah melangkah selangkah nikah menikah dinikahi berkah sedekah makkah mekah rekah merekah
    tingkah bertingkah
    """.split()
)
_CLITICS = ("nya", "lah", "kah")


def tokenise_with_offsets(
    text: str, *, split_clitics: bool = False, punctuation: bool = True
) -> list[tuple[str, int, int]]:
    """Return ``(token, start, end)`` for each token; ``text[start:end] == token`` always.

    >>> tokenise_with_offsets("Kim Jong-un tiba.")
    [('Kim', 0, 3), ('Jong-un', 4, 11), ('tiba', 12, 16), ('.', 16, 17)]
    >>> tokenise_with_offsets("negaranya", split_clitics=True)
    [('negara', 0, 6), ('nya', 6, 9)]
    """
    if not text:
        return []
    tokens = [
        (m.group(), m.start(), m.end()) for m in token_pattern_for(text, punctuation).finditer(text)
    ]
    if split_clitics:
        tokens = _split_clitics(tokens)
    return tokens


def token_columns(
    text: str, *, split_clitics: bool = False, punctuation: bool = True
) -> tuple[list[str], list[int], list[int]]:
    """:func:`tokenise_with_offsets` as three lists: tokens, starts and ends (faster for tables).

    >>> token_columns("Kim Jong-un tiba.")
    (['Kim', 'Jong-un', 'tiba', '.'], [0, 4, 12, 16], [3, 11, 16, 17])
    """
    if split_clitics:
        triples = tokenise_with_offsets(text, split_clitics=True, punctuation=punctuation)
        return [t for t, _, _ in triples], [s for _, s, _ in triples], [e for _, _, e in triples]
    matches = list(token_pattern_for(text, punctuation).finditer(text)) if text else []
    # map() over the match methods runs in C, with no tuple per token
    return (
        list(map(re.Match.group, matches)),
        list(map(re.Match.start, matches)),
        list(map(re.Match.end, matches)),
    )


def _splits_clitic(token: str) -> bool:
    """Whether ``split_clitics=True`` splits ``token``: it ends in -nya, -lah or -kah after a
    letter, keeps a stem of three characters or more, is not all capitals and is not one of
    ``CLITIC_EXCEPTIONS``.

    >>> [_splits_clitic(w) for w in ("negaranya", "Apakah", "dianya", "ianya", "hanya", "PBBNYA")]
    [True, True, True, False, False, False]
    """
    return (
        token.endswith(_CLITICS)
        and len(token) >= 6
        and token[-4].isalpha()
        and not token.isupper()
        and token.lower() not in CLITIC_EXCEPTIONS
    )


def _split_clitics(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    result = []
    for token, start, end in tokens:
        # the cheap test first: few tokens end in a clitic
        if token.endswith(_CLITICS) and _splits_clitic(token):
            result.append((token[:-3], start, end - 3))
            result.append((token[-3:], end - 3, end))
        else:
            result.append((token, start, end))
    return result


def _split_clitic_words(tokens: list[str]) -> list[str]:
    """:func:`_split_clitics` for tokens without offsets."""
    result = []
    for token in tokens:
        if token.endswith(_CLITICS) and _splits_clitic(token):
            result += (token[:-3], token[-3:])
        else:
            result.append(token)
    return result


def tokenise(text: str, *, split_clitics: bool = False, punctuation: bool = True) -> list[str]:
    """Return the tokens of ``text`` (see the module docstring for the rules).

    >>> tokenise("Dewan Keamanan (DK PBB) menggelar sidang 1950-1953, kata REPUBLIKA.CO.ID.")
    ['Dewan', 'Keamanan', '(', 'DK', 'PBB', ')', 'menggelar', 'sidang', '1950-1953', ',', 'kata', 'REPUBLIKA.CO.ID', '.']
    >>> tokenise("“Putin dan Kim sama-sama diuntungkan,” katanya.", punctuation=False)
    ['Putin', 'dan', 'Kim', 'sama-sama', 'diuntungkan', 'katanya']
    >>> tokenise("Apakah sekutu-sekutunya datang?", split_clitics=True)
    ['Apa', 'kah', 'sekutu-sekutu', 'nya', 'datang', '?']
    """
    if not text:
        return []
    tokens = token_pattern_for(text, punctuation).findall(text)
    return _split_clitic_words(tokens) if split_clitics else tokens

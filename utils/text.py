"""Indonesian paragraphs, sentences and tokens, done with precompiled regular expressions.

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
  mentions are found in the text, not in tokens (:mod:`utils.actors`), so they are still counted.
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

from utils import paths

# ---------------------------------------------------------------------------------------------
# Abbreviations
# ---------------------------------------------------------------------------------------------

_DEFAULT_ABBREVIATIONS = (
    "Dr. dr. Drs. Prof. Ir. H. Hj. St. Jl. Jln. No. Tbk. PT. a.n. s.d. tgl. hlm. Kab. Kec. Jend."
)
_DEFAULT_FINAL_ABBREVIATIONS = "dkk. dll. dsb. dst. etc."


@lru_cache(maxsize=8)
def load_abbreviations(path: str | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """Return ``(abbreviations, may_end_sentence)`` read from ``data/abbreviations-id.txt``.

    Each line holds one abbreviation with its final period; the marker ``end`` after it means the
    abbreviation may also end a sentence. Falls back to a small built-in list if the file is
    missing.

    >>> abbreviations, may_end = load_abbreviations()
    >>> "Dr." in abbreviations, "dkk." in may_end, "Dr." in may_end
    (True, True, False)
    """
    file = paths.resolve(path) if path else paths.ABBREVIATIONS_FILE
    if not file.exists():
        defaults = _DEFAULT_ABBREVIATIONS.split() + _DEFAULT_FINAL_ABBREVIATIONS.split()
        return frozenset(defaults), frozenset(_DEFAULT_FINAL_ABBREVIATIONS.split())
    everything, may_end = set(), set()
    for line in file.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        abbreviation = fields[0]
        everything.add(abbreviation)
        if len(fields) > 1 and fields[1].lower() == "end":
            may_end.add(abbreviation)
    return frozenset(everything), frozenset(may_end)


# ---------------------------------------------------------------------------------------------
# Glued sentences
# ---------------------------------------------------------------------------------------------

_URL = r"(?:https?://|www\.)[^\s\"“”‘’<>()\[\]{}]*[^\s\"“”‘’<>()\[\]{}.,;:!?'’]"
_EMAIL = r"[\w.+-]+@\w+(?:[.-]\w+)*"

_GLUED_RE = re.compile(
    rf"(?P<keep>{_URL}|{_EMAIL})"
    # a lowercase letter or digit, a sentence end (plus closing quotes), then a capital
    r"|(?<=[a-z0-9][a-z0-9])(?P<end>[.!?]+[\"”’)]*)(?=[A-Z])"
)


def _unglue(match: re.Match[str]) -> str:
    end = match.group("end")
    return match.group() if end is None else end + " "


def fix_glued_sentences(text: str) -> str:
    """Insert the missing space between two sentences glued together (``2019.Bulan``).

    A space goes after ``.``, ``!`` or ``?`` (and any closing quote) when the two characters before
    are lowercase letters or digits and the next one is a capital. Domains (``REPUBLIKA.CO.ID``,
    ``TEMPO.CO``), numbers (``2,5``, ``1.000``), dotted abbreviations (``a.n.``, ``s.d.``),
    initials (``J.K. Rowling``), URLs and e-mail addresses are left alone.

    >>> fix_glued_sentences("pada April 2019.Bulan lalu perang di Ukraina.AS mengecam.")
    'pada April 2019. Bulan lalu perang di Ukraina. AS mengecam.'
    >>> fix_glued_sentences("REPUBLIKA.CO.ID, 2,5 juta dan 1.000 butir, s.d. J.K. Rowling")
    'REPUBLIKA.CO.ID, 2,5 juta dan 1.000 butir, s.d. J.K. Rowling'
    """
    if not text:
        return text
    return _GLUED_RE.sub(_unglue, text)


# ---------------------------------------------------------------------------------------------
# Paragraphs and sentences
# ---------------------------------------------------------------------------------------------

_BLOCK_RE = re.compile(r"(?:[^\n]|\n(?![^\S\n]*\n))+")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each paragraph; paragraphs are separated by blank lines.

    Leading and trailing whitespace is excluded from each span.

    >>> text = "Rusia membantah.\\n\\nKorea Utara diam."
    >>> [text[s:e] for s, e in paragraph_spans(text)]
    ['Rusia membantah.', 'Korea Utara diam.']
    """
    spans = []
    for match in _BLOCK_RE.finditer(text):
        block = match.group()
        stripped = block.strip()
        if not stripped:
            continue
        start = match.start() + (len(block) - len(block.lstrip()))
        spans.append((start, start + len(stripped)))
    return spans


_OPENERS = "\"“‘'([`"
_QUOTE_OPENERS = "\"“‘'`"
_CLOSERS = "\"”’')]»"
# A candidate sentence end: a newline (always a break), or sentence marks with closing quotes or
# brackets and the spaces after them. The leading lookahead lets the scan skip ordinary text fast.
# The last line is a prefilter, a strict superset of what ``sentence_spans`` accepts: after the
# spaces, an ASCII capital or any non-ASCII character (glued or not: a capital, a script without
# case, a curly quote, a bullet), or, after at least one space, a digit, an opening quote or
# bracket, or a dash (``_opens_sentence``). The candidate is atomic (``(?>...)``), so a rejected
# one is not re-tried with fewer marks, quotes or spaces.
_SENTENCE_CANDIDATE_RE = re.compile(
    r"(?=[\n.!?…])"
    r"(?>(?P<term>(?P<newline>\n)\s*|\.{2,}|…|[.!?]+)(?P<close>[\"”’')\]»]*)(?P<space>[^\S\n]*))"
    r"(?(newline)|(?:(?=[A-Z]|[^\x00-\x7f])|(?<=[^\S\n])(?=[0-9\"'(\[`-])))"
)
_DOTTED_RE = re.compile(r"(?:[^\W\d_]{1,2}\.)*[^\W\d_]{1,2}")
_BULLET_RE = re.compile(r"[-–—•]+[^\S\n]")
_ROMAN_INITIALS = frozenset("IVX")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each sentence in ``text``.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes and brackets) when the
    next word starts with a capital (or a letter of a script without case, such as ``김`` or
    ``ひ``), a digit, an opening quote or a list dash, so ``"Siapa?" tanya dia`` stays one
    sentence. The period does not end a sentence when it belongs to an abbreviation (``Dr.``,
    ``Jl.``, ``No.``, ``a.n.``, ``s.d.``; ``dkk.`` and ``Inc.`` only before a capital or a quote,
    and not in ``Co. Ltd.``), an initial (``J.``, but a Roman numeral after a lowercase word,
    ``kuartal I.``, may end a sentence), a list number opening the sentence (``1. Rusia ...``),
    a number broken by a space (``2.904. 678``, ``v9. 1``) or a short bracket (``(Bl.)``).
    Every newline also ends a sentence, so sentences never cross a paragraph break (nor a line
    of a raw file). Glued sentences (``2019.Bulan``) are split too.

    >>> text = 'Dr. Kim tiba di Jl. Merdeka No. 5. "Kami siap," kata dia.Rusia diam.'
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Dr. Kim tiba di Jl. Merdeka No. 5.', '"Kami siap," kata dia.', 'Rusia diam.']
    >>> split_sentences('"Kapan perang usai?" tanya dia. Ekspor naik pada kuartal I. Harga turun.')
    ['"Kapan perang usai?" tanya dia.', 'Ekspor naik pada kuartal I.', 'Harga turun.']
    """
    abbreviations, may_end = load_abbreviations()
    spans: list[tuple[int, int]] = []
    start = 0
    length = len(text)
    for match in _SENTENCE_CANDIDATE_RE.finditer(text):
        term = match.group("term")
        if term[0] == "\n":
            end = match.start()
            # the common case (no space at either edge) without copying the sentence
            if start < end and not (text[start].isspace() or text[end - 1].isspace()):
                spans.append((start, end))
            else:
                _add_span(text, start, end, spans)
            start = match.end("term")  # not past a quote opening the next line
            continue
        next_pos = match.end()
        if next_pos >= length:
            continue
        following = text[next_pos]
        if following == "\n" or following.islower():
            continue
        if not match.group("space"):
            # glued: only "dia.Rusia", "2019.Bulan" (lowercase or digits before, capital after)
            before = text[max(0, match.start() - 2) : match.start()]
            if not (following.isupper() and len(before) == 2 and _is_lower_or_digit(before)):
                continue
        elif not _opens_sentence(text, next_pos):
            continue
        if term == "." and _period_continues(text, match, start, abbreviations, may_end):
            continue
        end = match.start("space")
        if start < end and not (text[start].isspace() or text[end - 1].isspace()):
            spans.append((start, end))
        else:
            _add_span(text, start, end, spans)
        start = next_pos
    _add_span(text, start, length, spans)
    return spans


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` (after a sentence mark and a space) can open a sentence."""
    first = text[pos]
    return (
        first.isupper()
        or first.isdigit()
        or first in _OPENERS
        or (first.isalpha() and not first.islower())  # scripts without case
        or _BULLET_RE.match(text, pos) is not None
    )


def _period_continues(
    text: str,
    match: re.Match[str],
    start: int,
    abbreviations: frozenset[str],
    may_end: frozenset[str],
) -> bool:
    """Whether the single period of ``match`` belongs to the sentence rather than ending it."""
    following = text[match.end()]
    if _inside_short_bracket(text, start, match.start()):
        return True  # "Honje (E. hemisphaerica (Bl.) Smith)", "(SSK. II)"
    if match.group("close"):
        return False
    word = _word_before(text, match.start())
    if word + "." not in abbreviations and word.isupper() and len(word) > 1:
        word = word.capitalize()  # "JL." is written for "Jl."
    if word + "." in abbreviations:
        if word + "." not in may_end:
            return True
        next_word = text[match.end() :].split(None, 1)[0] if following.strip() else ""
        # "dll. Rusia", "Inc. \"Kami" end; "dkk. (2020)" and "Co. Ltd." do not
        return not (following.isupper() or following in _QUOTE_OPENERS) or next_word in may_end
    if _DOTTED_RE.fullmatch(word) and "." in word:
        return True  # dotted abbreviations ("a.n", "s.d")
    if len(word) == 1 and word.isupper():
        # an initial ("J. Trump"), unless a Roman numeral after a lowercase word ("kuartal I.")
        previous = _word_before(text, match.start() - 1)
        return not (word in _ROMAN_INITIALS and previous[:1].islower())
    if word[-1:].isdigit() and following.isdigit():
        return True  # a number or version broken by a space: "2.904. 678", "v9. 1"
    # a list number opening the sentence ("1. Rusia ...")
    return word.isdigit() and len(word) <= 3 and not text[start : match.start() - len(word)].strip()


def _inside_short_bracket(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a bracket opened mid-sentence and closed within 30 characters."""
    opening = text.rfind("(", start, pos)
    if opening <= start or not text[start:opening].strip() or ")" in text[opening:pos]:
        return False
    closing = text.find(")", pos, pos + 30)
    return closing >= 0 and not any(mark in text[pos + 1 : closing] for mark in ".!?\n")


def _is_lower_or_digit(chars: str) -> bool:
    return all(c.islower() or c.isdigit() for c in chars)


def _word_before(text: str, pos: int) -> str:
    """The whitespace-delimited word ending at ``pos`` (without leading opening punctuation)."""
    chunk = text[max(0, pos - 40) : pos]
    parts = chunk.rsplit(None, 1)
    word = parts[-1] if parts else ""
    return word.lstrip(_OPENERS)


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    segment = text[start:end]
    stripped = segment.strip()
    if stripped:
        new_start = start + len(segment) - len(segment.lstrip())
        spans.append((new_start, new_start + len(stripped)))


def split_sentences(text: str) -> list[str]:
    """Return the sentences of ``text`` as strings (see :func:`sentence_spans` for the rules).

    >>> split_sentences("Harga naik 2,5 persen. Menurut Prof. Budi dkk. (2020) itu wajar!")
    ['Harga naik 2,5 persen.', 'Menurut Prof. Budi dkk. (2020) itu wajar!']
    """
    return [text[start:end] for start, end in sentence_spans(text)]


# ---------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------

_TLD = r"(?:com|co|id|org|net|go|ac|or|gov|edu|info|io|tv|news|COM|CO|ID|ORG|NET|GO)"
# Letters/digits joined by hyphens or apostrophes (not the English "'s"), or by . , / : – between
# digits (and / before a digit: "II/2007"). The lookahead guards keep the common case (a word
# followed by a space) to one failed check.
_JOINS = r"(?:(?=[-'’/.,:–])(?:-|['’](?!s\b)|/(?=\d)|(?<=\d)[/.,:–](?=\d))\w+)*"
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
# ``_pattern_for``), so the tokens are the same either way.
_DOTTED_START = r"(?<![\w.])(?<!\w[-'’])"
_DOTTED_TAIL = (
    rf"(?:(?<={_DOTTED_START}[^\W\d_])|(?<={_DOTTED_START}[^\W\d_]{{2}}))"
    r"\.(?:[^\W\d_]{1,3}\.)+"
    rf"|(?<={_DOTTED_START}[A-Z])\.(?=[^\S\n]+[A-Z])"
)
_DOTTED_AFTER_JOIN_RE = re.compile(r"[-'’](?<=\w.)[^\W\d_]{1,2}\.")
_TAIL = (
    r"(?:(?=[.+@-])"
    rf"(?:{_DOTTED_TAIL}|"
    rf"(?:\.{_TLD}(?!\w))*"
    r"(?:(?:[.+-]\w+)*@\w+(?:[.-]\w+)*)?"
    r"{abbreviation_period}"
    r"))?"
)
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


@lru_cache(maxsize=16)
def _token_pattern(web: bool, punctuation: bool, dotted_after_join: bool) -> re.Pattern[str]:
    word = r"\w+" + _JOINS + _TAIL.replace("{abbreviation_period}", _abbreviation_period())
    parts = [_URL] if web else []
    parts += [_DOTTED] if dotted_after_join else []
    parts += [_HANDLE, _CURRENCY, word]
    if punctuation:
        parts.append(_PUNCT)
    return re.compile("|".join(parts))


def _pattern_for(text: str, punctuation: bool) -> re.Pattern[str]:
    return _token_pattern(
        "://" in text or "www." in text,
        punctuation,
        _DOTTED_AFTER_JOIN_RE.search(text) is not None,
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
        (m.group(), m.start(), m.end()) for m in _pattern_for(text, punctuation).finditer(text)
    ]
    if split_clitics:
        tokens = _split_clitics(tokens)
    return tokens


def _split_clitics(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    result = []
    for token, start, end in tokens:
        if (
            len(token) >= 6
            and token.endswith(_CLITICS)
            and token[-4].isalpha()
            and not token.isupper()
            and token.lower() not in CLITIC_EXCEPTIONS
        ):
            result.append((token[:-3], start, end - 3))
            result.append((token[-3:], end - 3, end))
        else:
            result.append((token, start, end))
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
    if split_clitics:
        return [
            t
            for t, _, _ in tokenise_with_offsets(text, split_clitics=True, punctuation=punctuation)
        ]
    return _pattern_for(text, punctuation).findall(text)


# The token table lives in utils/tokens.py (it needs pandas and imports this module); it is
# re-exported here lazily, as the shared contract names ``utils.text.token_table``.
_TOKEN_TABLE_NAMES = frozenset(
    {
        "TOKEN_COLUMNS",
        "article_tokens",
        "compact_token_table",
        "normalise",
        "sentence_table",
        "token_rows",
        "token_table",
    }
)


def __getattr__(name: str):
    if name in _TOKEN_TABLE_NAMES:
        from utils import tokens

        return getattr(tokens, name)
    raise AttributeError(f"module 'utils.text' has no attribute {name!r}")

"""How an article is cased, and the copy of its text that the mention rules read (:mod:`utils.actors`).

The context rules of :mod:`utils.actors.context_rules` read capital letters: a capitalised word next to
``Trump`` makes it part of another name, an all-capital word before ``Rusia`` an organisation's
acronym. Three forms of real text defeat them, so the rules read a *view* of the text instead,
the same length (offsets stay valid), decided per article from its own casing:

* a **lower-case article** (:data:`LOWER`: fewer than :data:`LOWER_CASE_CAPITALS_PER_WORD`
  capitalised words per word, acronyms such as ``AS`` not counted, e.g. a lower-cased export): every alias matches in any case, so
  ``korut``, ``beijing`` and ``amerika serikat`` count. An all-capital alias whose lower-case form
  is also a word (``as``, :data:`WORD_LIKE_ACRONYMS`) counts only written in capitals or after a
  word that shows it is the acronym (``presiden as``, ``dolar as``, ``di as``:
  :data:`ACRONYM_CUE_WORDS`), or joined to another alias by a hyphen (``rusia-as``);
* an **all-capital article** (:data:`UPPER`): the rules read it lower-cased, as a lower-case
  article;
* in a **mixed** article, a **shouted run** (two or more all-capital words in a row, at least
  two of them four letters or longer: ``KUNJUNGAN RUSIA KE KORUT``) is read lower-cased by every
  rule; in a **title-case headline** (a line with no full stop whose words are all capitalised
  except small function words: :func:`in_headline`) a one-word person's name among capitalised
  words is that person, not part of another name, so ``Tarif Resiprokal Trump Ancam Ekonomi``
  names Trump (and does not hide the later bare ``Trump``). State names and capitals in a
  headline keep the capital-letter rules (``Timnas Futsal Indonesia``, ``Dynamo Kiev`` stay names).

>>> article_casing("korut dan amerika serikat mengecam.")
'lower'
>>> casing_view("KUNJUNGAN RUSIA KE KORUT\\n\\nPutin tiba di Pyongyang.")[:24]
'kunjungan rusia ke korut'
"""

from __future__ import annotations

import re

LOWER, UPPER, MIXED = "lower", "upper", "mixed"

#: Fewer capitalised words (a capital, then a small letter) per word than this makes an article
#: lower-case. Cased news has one every five to seven words (sentence starts alone give one in
#: twenty); a lower-cased export that kept its acronyms (``AS``) has next to none.
LOWER_CASE_CAPITALS_PER_WORD = 0.03
#: Characters per word in Indonesian news, spaces included (to count words quickly).
CHARACTERS_PER_WORD = 7
#: An article whose letters are at least this share capitals is all-capital.
UPPER_CASE_SHARE = 0.9
#: All-capital aliases whose lower-case form is an ordinary word (``as roda``, ``kartu as``).
WORD_LIKE_ACRONYMS = frozenset({"as"})
#: Words before a lower-case ``as`` that make it the acronym: offices and organs, currencies,
#: prepositions and conjunctions that join states (``presiden as``, ``dolar as``, ``ke as``,
#: ``rusia dan as``). After the cue the usual rules apply (``dolar as`` is then a currency).
ACRONYM_CUE_WORDS = frozenset(
    "presiden wapres pemerintah pemerintahan negara menlu menhan menteri militer pasukan tentara "
    "angkatan kedubes dubes duta kedutaan konsulat senat kongres parlemen pejabat warga rakyat "
    "bangsa sekutu intelijen dolar dollar di ke dari oleh terhadap dengan antara dan serta atau "
    "versus vs melawan hubungan bersama asal".split()
)
#: Lower-case words that a title-case headline may keep (``Tarif Trump Ancam Ekonomi dan Ekspor``).
HEADLINE_SMALL_WORDS = frozenset(
    "dan di ke dari yang untuk atau dengan pada oleh vs the of and in on for to a an".split()
)
#: A headline has at least this many capitalised words and at most ``HEADLINE_MAX_WORDS`` words.
HEADLINE_MIN_WORDS, HEADLINE_MAX_WORDS = 4, 20

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def article_casing(text: str, *, shape: bytes | None = None) -> str:
    """``lower``, ``upper`` or ``mixed``: how the whole article is cased (see the module doc).
    ``shape`` is :func:`ascii_shape` of ``text`` when the caller has it.

    >>> article_casing("korut dan as."), article_casing("RUSIA MENOLAK."), article_casing("Rusia diam.")
    ('lower', 'upper', 'mixed')
    """
    if text.islower():
        return LOWER
    shape = ascii_shape(text) if shape is None else shape
    capitals = shape.count(b"A")
    if capitals * 2 > len(shape) and capitals >= UPPER_CASE_SHARE * (capitals + shape.count(b"a")):
        return UPPER
    if shape.count(b"Aa") < LOWER_CASE_CAPITALS_PER_WORD * (len(shape) / CHARACTERS_PER_WORD):
        return LOWER  # capitalised words (a capital, then a small letter); acronyms do not count
    return MIXED


#: ``bytes.translate`` table of :func:`ascii_shape`.
_SHAPE_TABLE = bytes(
    ord("A")
    if chr(byte).isupper() and byte < 128
    else ord("a")
    if chr(byte).islower() and byte < 128
    else ord("\n")
    if byte == 10
    else ord(" ")
    if chr(byte) in " ,-"
    else ord(".")
    for byte in range(256)
)


def ascii_shape(text: str) -> bytes:
    """The ASCII characters of ``text`` as ``A`` (capital), ``a`` (small letter), a space (a
    space, comma or hyphen), a newline, or ``.`` (anything else): a quick way to count capitals
    and to find all-capital words, in C; one byte per character of ``text`` (``?`` for the others).

    >>> ascii_shape("RUSIA, Korut-nya 2")
    b'AAAAA  Aaaaa aaa .'
    """
    return text.encode("ascii", "replace").translate(_SHAPE_TABLE)


def casing_view(text: str, *, casing: str | None = None, shape: bytes | None = None) -> str:
    """The text the mention rules read, as long as ``text``: lower-cased in an all-capital
    article, shouted runs lower-cased in a mixed one, else ``text`` itself. ``casing`` and
    ``shape`` are :func:`article_casing` and :func:`ascii_shape` of ``text`` when the caller has them.

    >>> casing_view("RUSIA MENOLAK."), casing_view("KUNJUNGAN RUSIA KE KORUT. Rusia diam.")
    ('rusia menolak.', 'kunjungan rusia ke korut. Rusia diam.')
    """
    casing = article_casing(text) if casing is None else casing
    if casing == UPPER:
        return _lower(text)
    if casing == LOWER:
        return text
    shape = ascii_shape(text) if shape is None else shape
    if not _may_shout(shape):
        return text
    pieces, done = [], 0
    for start, end in _shouted_spans(text, shape=shape):
        pieces += [text[done:start], _lower(text[start:end])]
        done = end
    return "".join(pieces) + text[done:] if pieces else text


def in_headline(text: str, start: int) -> bool:
    """Whether offset ``start`` lies in a title-case headline line (see the module doc): there
    a one-word person's name among capitalised words is that person, not part of another name.

    >>> text = "CORE Indonesia: Tarif Resiprokal Trump Ancam Ekonomi dan Daya Saing\\nTrump diam."
    >>> in_headline(text, 33), in_headline(text, 69)
    (True, False)
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return _is_headline(text[line_start : line_end if line_end != -1 else len(text)])


def _is_headline(line: str) -> bool:
    """Whether ``line`` is a title-case headline: no full stop at the end, at most
    :data:`HEADLINE_MAX_WORDS` words, at least :data:`HEADLINE_MIN_WORDS` capitalised and the
    others small words (:data:`HEADLINE_SMALL_WORDS`).

    >>> _is_headline("Tarif Trump Ancam Ekonomi dan Daya Saing"), _is_headline("Presiden Rusia Vladimir Putin tiba di Moskow.")
    (True, False)
    """
    stripped = line.rstrip()
    if not stripped or stripped[-1] in '.!?"”' or len(stripped) > 25 * HEADLINE_MAX_WORDS:
        return False
    words = _WORD.findall(stripped)
    if not HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS:
        return False
    capitalised = sum(word[0].isupper() for word in words)
    return capitalised >= HEADLINE_MIN_WORDS and all(
        word[0].isupper() or word.lower() in HEADLINE_SMALL_WORDS for word in words
    )


def _lower(text: str) -> str:
    """``text`` lower-cased, the same length (a character whose lower case is longer stays)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def _may_shout(shape: bytes) -> bool:
    """A quick test before :func:`_shouted_spans` (on :func:`ascii_shape`): a word of four
    capitals and two all-capital words in a row somewhere.

    >>> _may_shout(ascii_shape("KUNJUNGAN RUSIA")), _may_shout(ascii_shape("DPR RI dan Kompas.com"))
    (True, False)
    """
    return b"AAAA" in shape and (b"AA AA" in shape or b"AA  AA" in shape)


def _shouted_spans(text: str, *, shape: bytes | None = None) -> list[tuple[int, int]]:
    """Runs of two or more all-capital words (at least two of four letters or more) on one line,
    separated by spaces, commas or hyphens: (start, end). ``shape`` is
    :func:`ascii_shape` of ``text`` when the caller has it.

    >>> _shouted_spans("KUNJUNGAN RUSIA KE KORUT. DK PBB dan SPAK Indonesia")
    [(0, 24)]
    """
    shape = ascii_shape(text) if shape is None else shape
    spans = []
    for match in _SHOUTED_RUN.finditer(shape):
        if sum(len(word) >= 4 for word in match.group().split()) >= 2:
            spans.append((match.start(), match.end()))
    return spans


#: All-capital words (two letters or more) joined by spaces, commas or hyphens, on the bytes of
#: :func:`ascii_shape`.
_SHOUTED_RUN = re.compile(rb"(?<![Aa])A{2,}(?: +A{2,})+(?![Aa])")


def acronym_in_lower_text(text: str, start: int, end: int) -> bool:
    """Whether an all-capital alias written in lower case at ``text[start:end]`` (a lower-case
    article) is the acronym: always, unless it is an ordinary word as well
    (:data:`WORD_LIKE_ACRONYMS`); then only after a cue word (:data:`ACRONYM_CUE_WORDS`) or
    joined to a word by a hyphen.

    >>> text = "presiden as dan kartu as, as roda. rusia-as"
    >>> [acronym_in_lower_text(text, s, s + 2) for s in (9, 22, 26, 40)]
    [True, False, False, True]
    """
    if text[start:end].lower() not in WORD_LIKE_ACRONYMS:
        return True
    if (start > 0 and text[start - 1] == "-") or text.startswith("-", end):
        return True
    before = text[max(0, start - 30) : start]
    if not before.endswith(" "):
        return False
    words = before.split()
    return bool(words) and words[-1].lower() in ACRONYM_CUE_WORDS

"""The context rules that decide whether an alias match is a mention (used by :mod:`utils.actors.mentions`).

Small checks on the words around a match: a metonym used as a place, a name inside another
capitalised name, a currency or company name, an acronym an article defines as something else.
The word lists they read are in :mod:`utils.actors.context_words`. ``data/README.md`` explains each
rule with examples.

>>> inside_other_name("Raden Prabowo Argo Yuwono tiba", 6, 13)
True
>>> ends_other_name("Sandiaga mendatangi Ikatan Akuntan Indonesia kemarin", 35)
True
"""

from __future__ import annotations

import re

from utils.actors.context_words import (
    CALENDAR_WORDS,
    COMMON_ACRONYMS,
    COMPANY_WORDS,
    CURRENCY_WORDS,
    DEPARTURE_WORDS,
    ENGLISH_OF_WORDS,
    GEOGRAPHIC_HEAD_WORDS,
    INITIALS_WORDS,
    NAME_HEAD_WORDS,
    ORGANISATION_HEAD_WORDS,
    PARTY_WORDS,
    PLACE_WORDS,
    ROUTE_WORDS,
    STATE_TITLE_WORDS,
    STATE_WORDS,
    TITLE_WORDS,
)
from utils.actors.gazetteer import Gazetteer, fold_case

SENTENCE_END_CHARS = frozenset('.!?:;"“”\n')


#: A run of letters, digits and hyphens: one word for :func:`word_before` and :func:`word_after`.
_WORD = re.compile(r"(?:[^\W_]|-)*")  # [^\W_] is a character for which str.isalnum() holds
#: How far back :func:`word_before` looks for the space before a word before walking back.
_LONGEST_WORD = 40

#: The word before a match and its start, as :func:`word_before` returns them. The rules that
#: read it take it as ``before=`` when the caller has it already, so it is found once per match.
WordBefore = tuple[str, int]


def word_before(text: str, start: int) -> tuple[str, int]:
    """The word just before ``start`` (separated by one space) and its start offset.

    >>> word_before("kata Presiden Putin", 14), word_before("(Presiden) Putin", 11)
    (('Presiden', 5), ('', 11))
    """
    if start < 2 or text[start - 1] != " " or not text[start - 2].isalnum():
        return "", start
    end = start - 1
    begin = text.rfind(" ", end - _LONGEST_WORD if end > _LONGEST_WORD else 0, end) + 1
    if begin or end <= _LONGEST_WORD:  # the common case: a space, then only word characters
        word = text[begin:end]
        if word.isalnum() or _WORD.fullmatch(word):
            return word, begin
    begin = end
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "-"):
        begin -= 1
    return text[begin:end], begin


def word_after(text: str, end: int) -> str:
    """The word just after ``end`` (separated by one space).

    >>> word_after("Putin, Presiden Rusia", 5), word_after("Rusia Timur-Jauh.", 5)
    ('', 'Timur-Jauh')
    """
    if end + 1 >= len(text) or text[end] != " ":
        return ""
    return _WORD.match(text, end + 1).group()


def _is_sentence_initial(text: str, start: int) -> bool:
    end = min(start, len(text))  # skip the spaces before start, without copying the text
    while end > 0 and text[end - 1] == " ":
        end -= 1
    return end == 0 or text[end - 1] in SENTENCE_END_CHARS


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def inside_other_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised non-title word touches the match on either side (``Kim Yo``, ``Hong Kong``)."""
    before, before_start = word_before(text, start)
    if (
        is_capitalised(before)
        and before.lower() not in TITLE_WORDS
        and not _is_sentence_initial(text, before_start)
    ):
        return True
    return is_capitalised(word_after(text, end))


def in_company_name(
    text: str, start: int, *, max_words: int = 6, before: WordBefore | None = None
) -> bool:
    """Whether the capitalised words just before ``start`` open a company name (``PT Bank X``).

    >>> in_company_name("saham PT Bank Rakyat Indonesia", 21), in_company_name("Bank Indonesia", 5)
    (True, False)
    """
    position = start
    for index in range(max_words):
        word, position = (
            before if index == 0 and before is not None else word_before(text, position)
        )
        if not is_capitalised(word):
            return False
        if word in COMPANY_WORDS:
            return True
    return False


def ends_other_name(
    text: str, start: int, *, max_words: int = 8, before: WordBefore | None = None
) -> bool:
    """Whether a state alias ends the name of something else: ``Ikatan Akuntan Indonesia``,
    ``Pusat Kebudayaan Soca Gakkai Indonesia``. The capitalised words just before it (a title
    such as ``Sekjen`` ends them; a sentence-initial word counts only when it is a word of
    :data:`ORGANISATION_HEAD_WORDS`) must be at least two, none of them a word of state organs,
    offices or regions (:data:`STATE_WORDS`): ``Kementerian Luar Negeri RI`` stays a mention, and
    so does a name after a state office (``Menteri Ketenagakerjaan dan Pembangunan Sosial Saudi
    Arabia``, :data:`STATE_TITLE_WORDS`)."""
    chain: list[str] = []
    position = start
    for index in range(max_words):
        word, word_start = (
            before if index == 0 and before is not None else word_before(text, position)
        )
        if word == "dan" and chain:  # Kementerian Kelautan dan Perikanan: look past "dan"
            return not _state_words_before(text, word_start, max_words=max_words) and (
                len(chain) >= 2 and not any(w.lower() in STATE_WORDS for w in chain)
            )
        if chain and word.lower() in TITLE_WORDS:
            if word.lower() in STATE_TITLE_WORDS:
                return False  # Menteri Pembangunan Sosial Saudi Arabia
            break  # a title opens the chain: Sekjen Gabungan Pelaksana Konstruksi Indonesia
        if not is_capitalised(word):
            break
        if _is_sentence_initial(text, word_start):
            if word.lower() in ORGANISATION_HEAD_WORDS:
                chain.append(word)  # Kesatuan Pelaut Indonesia (KPI) mendesak ...
            break
        chain.append(word)
        if word.lower() in STATE_WORDS:
            return False  # a state word in the chain answers no, whatever stands before it
        position = word_start
    if not chain or any(word.lower() in STATE_WORDS for word in chain):
        return False
    # one word alone is too little evidence: ``IPK Indonesia``, ``Pertahanan Rusia``
    return len(chain) >= 2


def _state_words_before(text: str, position: int, *, max_words: int) -> bool:
    """Whether the capitalised words before ``position`` include a state word or office."""
    for _ in range(max_words):
        word, position = word_before(text, position)
        if not is_capitalised(word):
            return False
        if word.lower() in STATE_WORDS and word.lower() not in TITLE_WORDS - STATE_TITLE_WORDS:
            return True  # Kementerian Kelautan dan ..., not Direktur Informasi dan ...
    return False


def on_word_boundary(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole word, or one followed by the clitic ``nya``.

    >>> on_word_boundary("Rusianya", 0, 5), on_word_boundary("Rusiawi", 0, 5), on_word_boundary("xRusia", 1, 6)
    (True, False, False)
    """
    if start > 0 and text[start - 1].isalnum():
        return False
    if end < len(text) and text[end].isalnum():
        return clitic_follows(text, end)
    return True


def clitic_follows(text: str, end: int) -> bool:
    """Whether the clitic ``nya``, written without a hyphen, ends the word at ``end`` (``Rusianya``).

    >>> clitic_follows("Rusianya.", 5), clitic_follows("Rusianyata", 5)
    (True, False)
    """
    return text[end : end + 3].lower() == "nya" and not (
        end + 3 < len(text) and text[end + 3].isalnum()
    )


def _initials(words: list[str]) -> str:
    """Initials of capitalised words (an all-capital word counts whole): Dewan Keamanan PBB -> DKPBB."""
    letters = []
    for word in words:
        for part in word.split("-"):
            if part.isupper():
                letters.append(part)
            elif part[:1].isupper():
                letters.append(part[0])
    return "".join(letters)


def redefined_acronyms(text: str, matches: list, gazetteer: Gazetteer) -> set[str]:
    """Capital-letter aliases that this article defines as another name's abbreviation.

    ``Partai Bulan Bintang (PBB)`` defines PBB as the party, so in that article ``PBB``
    is not the UN; ``Perserikatan Bangsa-Bangsa (PBB)`` confirms the alias.
    """
    redefined: set[str] = set()
    for start, end, entries in matches:
        entry = entries[0]
        if not entry.case_sensitive or start < 2 or text[start - 1] != "(" or text[end : end + 1] != ")":
            continue
        acronym = "".join(char for char in entry.alias if char.isalnum())
        words = [word.strip(",.;:\"'") for word in text[max(0, start - 120) : start - 1].split()]
        words = [word for word in words if word]
        actor_aliases = {fold_case(e.alias) for e in gazetteer.entries if e.actor_id == entry.actor_id}
        for size in range(1, min(len(words), 10) + 1):
            phrase = words[-size:]
            if not phrase[0][:1].isupper():
                continue
            if _initials(phrase) == acronym:
                if fold_case(" ".join(phrase)) not in actor_aliases:
                    redefined.add(entry.alias)
                break
    return redefined


def after_name_head(text: str, start: int, *, before: WordBefore | None = None) -> bool:
    """Whether a capitalised word of :data:`NAME_HEAD_WORDS` opens a name ending in the alias
    (``Universitas Indonesia``, ``Laut China``, ``Miss Israel``), unless a word of state organs
    stands before it (``Angkatan Laut Amerika Serikat`` is the US Navy).

    >>> after_name_head("di Laut China", 8), after_name_head("Angkatan Laut Amerika Serikat", 14)
    (True, False)
    """
    head, head_start = before if before is not None else word_before(text, start)
    if head.lower() not in NAME_HEAD_WORDS and not (
        is_capitalised(head)
        and head.lower() in GEOGRAPHIC_HEAD_WORDS
        and not _is_sentence_initial(text, head_start)
    ):
        return False
    return word_before(text, head_start)[0].lower() not in STATE_WORDS


def are_initials(text: str, start: int, end: int, *, before: WordBefore | None = None) -> bool:
    """Whether an all-capital alias is a person's initials: ``Bripka AS (33)``, ``tersangka AS``.

    >>> are_initials("Bripka AS (33) dan Bripka DR", 7, 9), are_initials("pasukan AS di Suriah", 8, 10)
    (True, False)
    """
    if text[end : end + 2] == " (" and text[end + 2 : end + 5].rstrip(")").isdigit():
        return True  # an age in brackets
    word = before[0] if before is not None else word_before(text, start)[0]
    return word.lower() in INITIALS_WORDS


def in_party_list(text: str, start: int, end: int) -> bool:
    """Whether an acronym stands in a list of Indonesian parties (``Partai Demokrat, PPP dan PBB``).

    >>> in_party_list("diusung Gerindra, PAN, PPP, PBB, Demokrat", 28, 31)
    True
    """
    previous = _previous_list_item(text, start)
    if previous is not None and previous[0].split()[-1].lower() in PARTY_WORDS:
        return True
    following = _next_list_item_start(text, end)
    return following is not None and _word_at(text, following).lower() in PARTY_WORDS


def _word_at(text: str, start: int) -> str:
    stop = start
    while stop < len(text) and (text[stop].isalnum() or text[stop] == "-"):
        stop += 1
    return text[start:stop]


#: The lower-case words before an alias that :func:`word_before_may_name_other` lets through.
LOWER_CASE_WORDS_BEFORE_NAMES = NAME_HEAD_WORDS | CURRENCY_WORDS | ENGLISH_OF_WORDS


def word_before_may_name_other(before: str) -> bool:
    """Whether the rules that read the word before an alias can apply: a quick test that skips
    them for the common case, a lower-case word or a number (``di Indonesia``, ``pemerintah
    Rusia``, ``2017 Rusia``) or no word at all (``, Rusia``).

    The rules it guards: ``after_name_head``, the currency words, ``in_company_name``,
    ``after_english_of``, ``ends_other_name``, ``after_organisation_acronym`` and the names
    found to name something else. Each needs a capitalised word before the alias, or one of
    :data:`LOWER_CASE_WORDS_BEFORE_NAMES` (``universitas``, ``dolar``, ``of``); a rule that
    reads another lower-case word must add it there (``tests/test_actors.py`` checks this
    on every word of the seed articles).

    >>> word_before_may_name_other("pemerintah"), word_before_may_name_other("dolar")
    (False, True)
    >>> word_before_may_name_other("Bank"), word_before_may_name_other("")
    (True, False)
    """
    if not before:
        return False
    if before[0].islower() or before[0].isdigit():
        return before.lower() in LOWER_CASE_WORDS_BEFORE_NAMES
    return True


def after_english_of(text: str, start: int, *, before: WordBefore | None = None) -> bool:
    """Whether the match follows ``of`` after a capitalised word: ``University College of London``.

    >>> after_english_of("University College of London", 22), after_english_of("kata of London", 8)
    (True, False)
    """
    word, word_start = before if before is not None else word_before(text, start)
    if word.lower() not in ENGLISH_OF_WORDS:
        return False
    return is_capitalised(word_before(text, word_start)[0])


def after_organisation_acronym(text: str, start: int, *, before: WordBefore | None = None) -> bool:
    """Whether an all-capital word other than :data:`COMMON_ACRONYMS` stands just before a state
    alias, so the alias is part of an organisation's or company's name (``SPAK Indonesia``).

    >>> after_organisation_acronym("dari SPAK Indonesia", 10), after_organisation_acronym("DPR RI", 4)
    (True, False)
    """
    word = before[0] if before is not None else word_before(text, start)[0]
    return _is_acronym(word) and word.lower() not in COMMON_ACRONYMS


def after_acronym(text: str, start: int) -> bool:
    """Whether an all-capital word stands just before ``start``: a capital city after it is part
    of a name or an address (``CSKA Moscow``, ``KBRI Ankara``), even at the start of a sentence.

    >>> after_acronym("CSKA Moscow 1 - 1", 5), after_acronym("Namun Moskow", 6)
    (True, False)
    """
    return _is_acronym(word_before(text, start)[0])


def _is_acronym(word: str) -> bool:
    """Whether ``word`` is written in capital letters only, at least two (hyphens aside).

    >>> _is_acronym("KBRI"), _is_acronym("DK-PBB"), _is_acronym("A"), _is_acronym("G20")
    (True, True, False, False)
    """
    letters = word.replace("-", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


_LIST_SEPARATORS = (", ", " dan ", " serta ", "-")


def _previous_list_item(text: str, start: int) -> tuple[str, int, str] | None:
    """The capitalised name before ``start`` in a list (``Istanbul, Kuala Lumpur``), its start
    and the separator, if any."""
    for separator in _LIST_SEPARATORS:
        if text.endswith(separator, 0, start):
            end = start - len(separator)
            position, words = end, []
            while True:
                word, word_start = word_before(text, position) if words else _last_word(text, end)
                if not is_capitalised(word) or word.lower() in CALENDAR_WORDS:
                    break
                words.append(word)
                position = word_start
                if _is_sentence_initial(text, word_start):
                    break
            if words:
                return " ".join(reversed(words)), position, separator
            return None
    return None


def _last_word(text: str, end: int) -> tuple[str, int]:
    begin = end
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "-'"):
        begin -= 1
    return text[begin:end], begin


def _next_list_item_start(text: str, end: int) -> int | None:
    """Offset of a capitalised name following ``end`` after a list separator, if any."""
    for separator in _LIST_SEPARATORS:
        if text.startswith(separator, end):
            position = end + len(separator)
            if position < len(text) and text[position].isupper():
                return position
    return None


def metonym_is_place(
    text: str, start: int, end: int, *, matches: dict[int, tuple[int, str, str]]
) -> bool:
    """Whether a capital city (``Seoul``, ``London``) is used as a place, not for its state.

    ``matches`` maps the start offset of every alias match in the article to its (end, actor,
    kind). A place: after a place word (``di``, ``ke``, ``asal``, ``warga``, ``waktu``; see
    :data:`PLACE_WORDS`); after ``dari`` on a route or a journey (``dari Tel Aviv ke``,
    ``450 km dari Riyadh``); in an address (``Seoul, Korea Selatan``, ``Ginza, Tokyo``); in a
    list with a place that is not an actor (``Istanbul, Kuala Lumpur, London``) or whose first
    item is a place (``di London, Berlin``); after ``of`` in an English name.

    >>> metonym_is_place("digelar di Gangnam, Seoul, Korea Selatan", 20, 25, matches={27: (40, "south_korea", "alias")})
    True
    >>> metonym_is_place("tekanan dari Kyiv dan Washington", 22, 32, matches={13: (17, "ukraine", "metonym"), 22: (32, "united_states", "metonym")})
    False
    """
    actor = matches.get(start, (end, "", ""))[1]
    position, earlier_items = start, []
    for _ in range(12):  # walk back to the head of the list: di Istanbul, Kuala Lumpur, London
        before, before_start = word_before(text, position)
        lowered = before.lower()
        if lowered in PLACE_WORDS or after_english_of(text, position):
            return True
        if lowered == "dari":
            if word_before(text, before_start)[0].lower() in DEPARTURE_WORDS:
                return True
            if word_after(text, matches.get(position, (end,))[0]).lower() in ROUTE_WORDS:
                return True
        previous = _previous_list_item(text, position)
        if previous is None:
            break
        position = previous[1]
        if position in matches and matches[position][2] != "metonym":
            break  # di Ukraina, Pyongyang dapat ...: a country name does not make a list of places
        earlier_items.append(position)
    following = _next_list_item_start(text, end)
    items = [*earlier_items, *([following] if following is not None else [])]
    if len(items) >= 2 and any(item not in matches for item in items):
        # three or more places, one of them not an actor: Kuala Lumpur, Dubai, London dan
        # lain-lain; two may be states not listed (ditolak oleh Beijing dan Taiwan)
        return True
    if text.startswith(", ", end):
        after = matches.get(end + 2)
        if after is not None and after[1] == actor:
            return True  # an address: Kuala Lumpur, Malaysia
    if text.endswith(", ", 0, start):
        word, word_start = _last_word(text, start - 2)
        if (
            is_capitalised(word)
            and word.lower() not in CALENDAR_WORDS
            and not _is_sentence_initial(text, word_start)
            and word_start not in matches
            and not any(s < word_start < e for s, (e, *_) in matches.items())
        ):
            return True  # an address: Stadium, Seoul
    return False

"""The context rules that decide whether an alias match is a mention (used by :mod:`utils.actors`).

Word lists and small checks on the words around a match: a metonym used as a place, a name
inside another capitalised name, a currency or company name, an acronym an article defines as
something else. ``data/README.md`` explains each rule with examples.

>>> _inside_other_name("Raden Prabowo Argo Yuwono tiba", 6, 13)
True
>>> _ends_other_name("Sandiaga mendatangi Ikatan Akuntan Indonesia kemarin", 35)
True
"""

from __future__ import annotations

from utils.actor_list import Gazetteer, _fold

#: Words before a metonym that make it a place, not the state (``di Seoul``, ``ke Pyongyang``).
PLACE_WORDS = frozenset({"di", "ke", "kota", "ibukota", "menuju", "sekitar"})
#: Capitalised words that may stand before a short name without making it part of another name.
TITLE_WORDS = frozenset(
    "presiden pemimpin menteri ketua wakil perdana jenderal kanselir raja ratu pangeran "
    "pak bapak bu ibu mr mrs ms dr prof profesor kamerad sekjen direktur gubernur duta "
    "dubes diktator marsekal letnan kolonel mayor kepala juru bicara jubir pengamat".split()
)
#: Capitalised words that, written before a state alias, make it part of an institution's name.
NAME_HEAD_WORDS = frozenset(
    "universitas university institut institute bank timnas liga piala bursa majelis "
    "ikatan yayasan asosiasi persatuan harian koran".split()
)
#: Words of state organs, offices and regions: a capitalised name made of them before a state
#: alias still refers to the state (``Kementerian Luar Negeri RI``, ``Kawasan Timur Indonesia``).
STATE_WORDS = TITLE_WORDS | frozenset(
    "pemerintah pemerintahan negara warga republik kerajaan federasi kementerian kemenlu menhan "
    "menlu departemen kedutaan konsulat kbri kjri dpr mpr dpd parlemen kongres senat angkatan "
    "tentara militer pasukan panglima polisi kepolisian badan dinas intelijen bank sentral "
    "mahkamah pengadilan jaksa agung komisi duta besar luar negeri dalam pertahanan keamanan "
    "perdagangan keuangan kehakiman kawasan wilayah provinsi timur barat utara selatan tengah "
    "jauh putra mahkota pejabat delegasi misi utusan rakyat bangsa".split()
)
#: Currency words: ``dolar AS`` is a currency, not the United States.
CURRENCY_WORDS = frozenset(
    "dolar dollar yen yuan renminbi euro won ringgit rupee rubel pound poundsterling "
    "franc lira riyal real peso baht dong".split()
)
#: Words opening a company name: in ``PT Bank Shinhan Indonesia`` the alias is part of the name.
COMPANY_WORDS = frozenset({"PT", "CV", "Perusahaan", "Perseroan", "Tbk"})
#: Capitalised words that, written after a state alias, make it part of an English name.
NAME_TAIL_WORDS = frozenset(
    "university institute daily times post airlines airways open masters cup corruption "
    "police watch today herald tribune".split()
)
SENTENCE_END_CHARS = frozenset('.!?:;"“”\n')


def _word_before(text: str, start: int) -> tuple[str, int]:
    """The word just before ``start`` (separated by one space) and its start offset."""
    if start < 2 or text[start - 1] != " " or not text[start - 2].isalnum():
        return "", start
    end = start - 1
    begin = end
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "-"):
        begin -= 1
    return text[begin:end], begin


def _word_after(text: str, end: int) -> str:
    if end + 1 >= len(text) or text[end] != " ":
        return ""
    stop = end + 1
    while stop < len(text) and (text[stop].isalnum() or text[stop] == "-"):
        stop += 1
    return text[end + 1 : stop]


def _is_sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" ")
    return not before or before[-1] in SENTENCE_END_CHARS


def _capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _inside_other_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised non-title word touches the match on either side (``Kim Yo``, ``Hong Kong``)."""
    before, before_start = _word_before(text, start)
    if (
        _capitalised(before)
        and before.lower() not in TITLE_WORDS
        and not _is_sentence_initial(text, before_start)
    ):
        return True
    return _capitalised(_word_after(text, end))


def _in_company_name(text: str, start: int, *, max_words: int = 6) -> bool:
    """Whether the capitalised words just before ``start`` open a company name (``PT Bank X``)."""
    position = start
    for _ in range(max_words):
        word, position = _word_before(text, position)
        if not _capitalised(word):
            return False
        if word in COMPANY_WORDS:
            return True
    return False


def _ends_other_name(text: str, start: int, *, max_words: int = 8) -> bool:
    """Whether a state alias ends the name of something else: ``Ikatan Akuntan Indonesia``,
    ``Pusat Kebudayaan Soca Gakkai Indonesia``. The capitalised words just before it (not counting
    a sentence-initial one) must be at least two, none of them a word of state organs, offices or
    regions (:data:`STATE_WORDS`): ``Kementerian Luar Negeri RI`` stays a mention."""
    chain: list[str] = []
    position = start
    for _ in range(max_words):
        word, word_start = _word_before(text, position)
        if not _capitalised(word) or _is_sentence_initial(text, word_start):
            break
        chain.append(word)
        position = word_start
    if not chain or any(word.lower() in STATE_WORDS for word in chain):
        return False
    return (
        len(chain) >= 2
    )  # one word is too little evidence: ``IPK Indonesia``, ``Pertahanan Rusia``


def _boundary_ok(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start - 1].isalnum():
        return False
    if end < len(text) and text[end].isalnum():
        # the clitic -nya written without a hyphen (Rusianya) is allowed
        return text[end : end + 3].lower() == "nya" and not (
            end + 3 < len(text) and text[end + 3].isalnum()
        )
    return True


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


def _redefined_acronyms(text: str, matches: list, gazetteer: Gazetteer) -> set[str]:
    """Capital-letter aliases that this article defines as another name's abbreviation.

    ``Partai Bulan Bintang (PBB)`` defines PBB as the party, so in that article ``PBB``
    is not the UN; ``Perserikatan Bangsa-Bangsa (PBB)`` confirms the alias.
    """
    redefined: set[str] = set()
    for start, end, entries in matches:
        entry = entries[0]
        if not entry[5] or start < 2 or text[start - 1] != "(" or text[end : end + 1] != ")":
            continue
        acronym = "".join(char for char in entry[0] if char.isalnum())
        words = [word.strip(",.;:\"'") for word in text[max(0, start - 120) : start - 1].split()]
        words = [word for word in words if word]
        actor_aliases = {_fold(e[0]) for e in gazetteer.entries if e[1] == entry[1]}
        for size in range(1, min(len(words), 10) + 1):
            phrase = words[-size:]
            if not phrase[0][:1].isupper():
                continue
            if _initials(phrase) == acronym:
                if _fold(" ".join(phrase)) not in actor_aliases:
                    redefined.add(entry[0])
                break
    return redefined

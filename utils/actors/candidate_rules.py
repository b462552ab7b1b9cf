"""Rules that make the candidate names of :mod:`utils.actors.candidates` worth reading (issue 17).

Three kinds of evidence, none of them learnt from an annotated corpus:

* **the corpus itself**: a capitalised word that the same corpus also writes in lower case
  (:func:`lower_case_vocabulary`: ``Kekalahan``, ``Melawan``, ``Komisi``) is a common word, so it
  does not open a name at the start of a sentence and is no name on its own; a sentence-initial
  single word the corpus never writes in lower case (``Luhut meminta ...``) is a name;
* **Indonesian morphology**: nouns formed with ``ke-...-an`` / ``pe(r/m/n/ng)-...-an``
  (``Keuangan``, ``Perikanan``, ``Pendidikan``) name portfolios and fields, not people: a
  capitalised run is cut after one when a name follows (``Menteri Keuangan Bambang
  Brodjonegoro`` gives ``Bambang Brodjonegoro``), and one alone is not a candidate;
* **titles**: English job titles (``Chairman``, ``Corporate Secretary``) are trimmed like the
  Indonesian ones.

:func:`type_guess` guesses person / organisation / place from the name and the words around it.

>>> is_affixed_noun("Keuangan"), is_affixed_noun("Kurniawan")
(True, False)
>>> split_after_portfolio(["Keuangan", "Bambang", "Brodjonegoro"])
[['Keuangan'], ['Bambang', 'Brodjonegoro']]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

#: ``ke-...-an`` and ``pe(r/m/n/ng/ny)-...-an`` nouns (``Keuangan``, ``Pertahanan``, ``Pendidikan``).
_AFFIXED_NOUN = re.compile(r"^(?:ke|per|pem|pen|peng|peny|pe)[a-z]{3,}an$")
#: Names that look like affixed nouns.
NOT_AFFIXED = frozenset({"kurniawan", "setiawan", "gunawan", "darmawan", "hermawan", "irawan"})

#: English job titles, trimmed from either end of a candidate like the Indonesian ones.
ENGLISH_TITLE_WORDS = frozenset(
    "chairman chairwoman secretary corporate vice president head managing director general "
    "manager chief officer executive founder co-founder senior deputy spokesman spokesperson "
    "analyst coach striker".split()
)

#: Words in a name that make it an organisation.
ORGANISATION_WORDS = frozenset(
    "pt tbk cv inc ltd corp co. kementerian kemenkeu badan dinas komisi partai bank universitas "
    "institut lembaga yayasan perusahaan grup group asosiasi persatuan ikatan dewan majelis "
    "mahkamah pengadilan kejaksaan kepolisian polri polda polres tni fc club klub united city "
    "airlines air pemkot pemprov pemkab pemerintah kabinet tim timnas liga federasi".split()
)
#: Words in a name, or just before it, that make it a place.
PLACE_WORDS = frozenset(
    "jalan jl jl. kota kabupaten provinsi kecamatan desa kelurahan pulau gunung sungai danau "
    "teluk selat laut bandara stasiun pelabuhan stadion gedung istana".split()
)
PLACE_CUE_WORDS = frozenset("di ke dari asal wilayah kawasan daerah".split())
#: Words around a name that make it a person (``kata X``, ``X mengatakan``).
PERSON_CUE_WORDS = frozenset(
    "kata ujar tutur ucap jelas sebut tegas terang imbuh pak bu bapak ibu sang saudara "
    "presiden menteri ketua direktur gubernur bupati walikota kepala juru bicara".split()
)
PERSON_NEXT_WORDS = frozenset(
    "mengatakan menyatakan menjelaskan menegaskan menyebut mengungkapkan menuturkan berharap "
    "mengaku menilai meminta".split()
)


def is_affixed_noun(word: str) -> bool:
    """Whether ``word`` is a ``ke-...-an`` / ``pe-...-an`` noun (a portfolio, not a name).

    >>> is_affixed_noun("Pendidikan"), is_affixed_noun("Perikanan"), is_affixed_noun("Gunawan")
    (True, True, False)
    """
    lowered = word.lower()
    return bool(_AFFIXED_NOUN.match(lowered)) and lowered not in NOT_AFFIXED


def split_after_portfolio(words: Sequence[str]) -> list[list[str]]:
    """Cut a run of capitalised words after an affixed noun that a non-affixed word follows.

    >>> split_after_portfolio(["Kementerian", "Perhubungan", "JA", "Barata"])
    [['Kementerian', 'Perhubungan'], ['JA', 'Barata']]
    >>> split_after_portfolio(["Kementerian", "Pendidikan", "Nasional"])
    [['Kementerian', 'Pendidikan', 'Nasional']]
    """
    pieces, current = [], []
    for index, word in enumerate(words):
        current.append(word)
        following = words[index + 1] if index + 1 < len(words) else None
        if (
            following is not None
            and is_affixed_noun(word)
            and not is_affixed_noun(following)
            and following.lower() not in _ORGANISATION_TAIL_WORDS
        ):
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return pieces


#: Words that go on an organisation's name after a portfolio (``Pendidikan Nasional``, ``... RI``).
_ORGANISATION_TAIL_WORDS = frozenset(
    "nasional daerah negara republik indonesia ri dan umum rakyat tinggi agung pusat".split()
)


def lower_case_vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """The words the corpus writes in lower case more often than capitalised inside a sentence
    (``kekalahan``, ``melawan``): common words, whatever their capital at a sentence start.

    >>> sorted(lower_case_vocabulary(["Kekalahan itu berat bagi Indonesia.", "kekalahan di bahasa indonesia."]))
    ['bagi', 'bahasa', 'berat', 'di', 'itu', 'kekalahan']
    """
    lower: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for text in texts:
        if isinstance(text, str):
            lower.update(_LOWER_WORD.findall(text))
            capitalised.update(word.lower() for word in _CAPITALISED_INSIDE.findall(text))
    return frozenset(word for word, count in lower.items() if count > capitalised[word])


_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]*[a-z](?![\w-])")
#: A capitalised word after a small word or a comma: inside a sentence.
_CAPITALISED_INSIDE = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+(?![\w-])")

#: Abbreviated titles that open a name (``Mendikbud Anies Baswedan``, ``Kapolda Jabar``).
ABBREVIATED_TITLES = frozenset(
    "mendikbud mensos menkeu menpora menhub menkes menag mendag menperin menaker menkominfo "
    "menkumham mensesneg menpan menpanrb menristekdikti menristek menparekraf menpar menkopolhukam "
    "menko menteri kapolri kapolda kapolres kapolsek kabareskrim kadiv kasad kasal kasau kasum "
    "kapuspen kapuskom kabag kabid kasat kasubag kasubdit kajati kajari kajagung wagub wawali "
    "wabup wapres dirut dirjen sesjen sekda sekjen plt pj presdir komut komisaris mantan eks "
    "calon cagub cawagub capres cawapres bakal".split()
)
#: Verb and clitic forms that open sentences (``Dicontohkan``, ``Menurunnya``, ``Lihatlah``).
_INFLECTED = re.compile(
    r"^(?:(?:di|me|mem|men|meng|meny|ber|ter)[a-z]{3,}(?:kan|nya|lah|kah)|[a-z]{3,}(?:nya|lah|kah))$"
)


def is_inflected(word: str) -> bool:
    """Whether ``word`` carries verb affixes or a clitic (``Dicontohkan``, ``Ekspornya``).

    >>> is_inflected("Dicontohkan"), is_inflected("Lihatlah"), is_inflected("Bernard")
    (True, True, False)
    """
    return bool(_INFLECTED.match(word.lower()))


ROMAN_NUMERALS = frozenset("i ii iii iv v vi vii viii ix x xi xii".split())


def type_guess(candidate: str, contexts: Iterable[tuple[str, str]]) -> str:
    """``person``, ``organisation`` or ``place`` for a candidate name, from its words and the
    (word before, word after) of its occurrences; acronyms are organisations.

    >>> type_guess("PT Adhi Karya", []), type_guess("Surabaya", [("di", "")]), type_guess("Luhut Pandjaitan", [("kata", "")])
    ('organisation', 'place', 'person')
    """
    words = [word.lower().strip(".") for word in candidate.split()]
    if any(word in ORGANISATION_WORDS for word in words):
        return "organisation"
    if words and words[0] in PLACE_WORDS:
        return "place"
    votes = {"person": 0, "place": 0, "organisation": 0}
    for before, after in contexts:
        before, after = before.lower(), after.lower()
        if before in PERSON_CUE_WORDS or after in PERSON_NEXT_WORDS:
            votes["person"] += 1
        elif before in PLACE_CUE_WORDS:
            votes["place"] += 1
    if candidate.isupper():
        return "organisation"
    if votes["place"] > votes["person"]:
        return "place"
    if votes["person"] or len(words) >= 2:
        return "person"
    return "organisation"

"""The fast paths of cleaning and loading give the same results as the plain, slow way.

Each shortcut (a cheap pre-check that skips a pass, a byte-level word count, possessive
lead patterns, cached date parsing) is compared here with the straightforward
computation it replaces, on Indonesian examples and on random strings.
"""

from __future__ import annotations

import random
import re
import unicodedata

import pandas as pd
import pytest

from utils.corpus import cleaning, metadata
from utils.corpus.glued_sentences import fix_glued_sentences

ODD_CHARACTERS = (
    [chr(code) for code in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]]  # control characters
    + ["\t", "\v", "\f", "\r", "\u00a0", "\u1680", "\u202f", "\u205f", "\u3000"]
    + [chr(code) for code in range(0x2000, 0x200B)]  # en quad ... hair space
    + ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]  # invisible
)
SAMPLE = 'Rusia dan Korea Utara (Korut) diduga "bersulang" 2019.Bulan lalu - kata Kim Jong-un.'


def reference_normalise(raw: str) -> str:
    """normalise_text the plain way: every pass, in order, over every text."""
    value = raw
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
        for curly, straight in cleaning._QUOTES.items():
            value = value.replace(curly, straight)
        value = re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", " ", value)
    value = re.sub(r"[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]", " ", value)
    return re.sub(r" {2,}", " ", value)


def random_texts(alphabet: list[str], n: int, *, seed: int = 6, max_len: int = 40) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, max_len))) for _ in range(n)]


@pytest.mark.parametrize("odd", ODD_CHARACTERS)
def test_every_odd_character_is_noticed_and_fixed(odd):
    for body in (SAMPLE, SAMPLE + " “kamerad”"):  # ASCII and non-ASCII texts take different paths
        with_odd = body[:10] + odd + body[10:]
        assert cleaning._has_odd_characters(with_odd)
        assert cleaning.normalise_text(with_odd) == reference_normalise(with_odd)


def test_plain_texts_skip_the_character_passes():
    assert not cleaning._has_odd_characters(SAMPLE + "\n\nParagraf dua.")
    assert not cleaning._has_odd_characters("Saling memanggil “kamerad” – kata Putin…")


def test_normalise_text_matches_the_plain_passes_on_random_text():
    alphabet = [*"ab .,\n", "  ", "\r\n", "“", "’", "e\u0301", "Å", *ODD_CHARACTERS, "Rusia", "–"]
    for raw in random_texts(alphabet, 5_000):
        assert cleaning.normalise_text(raw) == reference_normalise(raw), repr(raw)


def test_split_paragraphs_joins_hard_wrapped_lines_and_drops_blank_ones():
    assert cleaning.split_paragraphs("Satu.\n\nDua.\n \n\nTiga.") == ["Satu.", "Dua.", "Tiga."]
    assert cleaning.split_paragraphs("Baris satu\nbaris dua.\n\n Dua. ") == [
        "Baris satu baris dua.",
        "Dua.",
    ]
    assert cleaning.split_paragraphs("Satu.\n \nDua.\nTiga.") == ["Satu.", "Dua. Tiga."]
    assert cleaning.split_paragraphs("Tanpa baris kosong.\nBaris dua.") == [
        "Tanpa baris kosong.",
        "Baris dua.",
    ]


def test_split_paragraphs_matches_the_line_by_line_way():
    def line_by_line(value: str) -> list[str]:
        value = value.strip()
        if re.search(r"\n[^\S\n]*\n", value):
            blocks = re.split(r"\n[^\S\n]*\n", value)
            joined = [" ".join(ln.strip() for ln in b.split("\n") if ln.strip()) for b in blocks]
        else:
            joined = [line.strip() for line in value.split("\n")]
        return [paragraph for paragraph in joined if paragraph]

    for raw in random_texts(["a", "b", " ", "\n", "\n\n", " \n", "\u2028", "\x85"], 5_000):
        assert cleaning.split_paragraphs(raw) == line_by_line(raw), repr(raw)


def test_the_glued_sentence_precheck_never_misses_a_glued_sentence():
    alphabet = [*"aZ09.!?\"')”’ ", "AS", "ke", "2019", "www.x.id", "a@b.co", "REPUBLIKA.CO.ID"]
    for raw in random_texts(alphabet, 10_000, max_len=12):
        assert cleaning._fix_glued(raw) == fix_glued_sentences(raw), repr(raw)
    assert cleaning._fix_glued("pada 2019.Bulan lalu") == "pada 2019. Bulan lalu"
    assert cleaning._fix_glued('di Ukraina!"AS mengecam') == 'di Ukraina!" AS mengecam'


def test_link_paragraphs_inside_the_body_are_moved_only_when_present():
    parts = cleaning.clean_article(
        "Rusia diam.\n\nBaca juga: Putin Bertemu Kim\n\nKorut senang. Baca juga: Rudal Baru"
    )
    assert parts.text == "Rusia diam.\n\nKorut senang."
    assert parts.boilerplate == "Baca juga: Putin Bertemu Kim\nBaca juga: Rudal Baru"
    assert not cleaning._may_hold_links(["Rusia diam.", "Korut senang (Antara)."])


def test_count_words_matches_split_minus_punctuation_pieces():
    def plain_count(value: str) -> int:
        return len(value.split()) - len(re.findall(r"\s[^\w\s]+(?=\s|$)", " " + value))

    ascii_alphabet = [chr(code) for code in range(128)] + ["Jong-un", " - ", "2,5", " . "]
    other = [*"aé_9 -–—…\u00a0\u2028\x85", "中文", "кирилл", "ไทย", "٣", "²", "€"]
    for raw in random_texts(ascii_alphabet, 5_000) + random_texts(other, 5_000):
        assert cleaning.count_words(raw) == plain_count(raw), repr(raw)
    assert cleaning.count_words('Kim Jong-un dan negara-negara lain - "2,5 juta" .') == 7
    assert cleaning.count_words("") == 0
    assert cleaning.count_words(" -- \x1c ... \x1f ") == 0


def test_possessive_lead_patterns_find_the_same_markers():
    """The lead patterns with ``*+`` match exactly what the backtracking versions match."""
    backtracking = [
        re.compile(p.pattern.replace("*+", "*").replace("++", "+").replace("{2,}+", "{2,}"))
        for p in metadata._LEAD_PATTERNS
    ]
    pieces = ["Jakarta", "KUALA LUMPUR", "REPUBLIKA.CO.ID", "Suara.com", "kompas.com", "www.",
              " ", ",", "-", " - ", "–", "—", "(", ")", "(ANTARA)", "CNN Indonesia", "Okezone",
              "O'Neil", "D’Angelo", "A.", "Rusia", "2019", ".", "\u212a", "AS", "\t"]  # fmt: skip
    for paragraph in random_texts(pieces, 10_000, max_len=8):
        fast = next((m.group(0) for p in metadata._LEAD_PATTERNS if (m := p.match(paragraph))), "")
        slow = next((m.group(0) for p in backtracking if (m := p.match(paragraph))), "")
        assert fast == slow, repr(paragraph)
    lead = metadata.parse_lead("KUALA LUMPUR-Berita dari Malaysia")
    assert (lead.dateline, lead.marker) == ("KUALA LUMPUR", "KUALA LUMPUR-")


def test_cached_date_parsing_still_depends_on_the_year_asked():
    lead = "ucap Zulkifli di Gedung DPR, Senin (27/3)."
    assert metadata.parse_indonesian_date(lead, year=2017)[0] == pd.Timestamp("2017-03-27")
    assert metadata.parse_indonesian_date(lead, year=2018)[0] == pd.Timestamp("2018-03-27")
    assert metadata.parse_indonesian_date(lead) is None
    full = "Rabu, 13 September 2023 (27/3)"
    assert metadata.parse_indonesian_date(full, year=2017)[0] == pd.Timestamp("2023-09-13")
    assert metadata.parse_indonesian_date("31 Februari 2023 (27/3)", year=2017)[0] == pd.Timestamp(
        "2017-03-27"
    )
    assert metadata.parse_indonesian_date("x12 Mei 2019") is None  # no word boundary before 12


def test_cached_date_comparison_respects_the_tolerance():
    first = (pd.Timestamp("2023-09-13"), "day")
    second = (pd.Timestamp("2023-09-20"), "day")
    assert metadata.dates_disagree(first, second)
    assert not metadata.dates_disagree(first, second, tolerance_days=7)
    assert metadata.dates_disagree(first, second)


# ------------------------------------------------------------- issue #6: later cleaning shortcuts

#: The characters normalise_text replaces before its NFC check, and what it replaces them with.
_REPLACED = {*cleaning._QUOTES, *cleaning._QUOTES.values(), "\u00a0", " "}


def test_nfc_neither_changes_nor_makes_the_replaced_characters():
    """normalise_text replaces quotes and no-break spaces before NFC; that is only the same as
    after NFC if NFC never composes, decomposes or produces any of them (checked here in the
    Unicode database of this Python, so a new Unicode version that breaks it fails this test)."""
    for character in _REPLACED:
        assert unicodedata.combining(character) == 0  # a starter: it blocks no one differently
        assert unicodedata.decomposition(character) in ("", "<noBreak> 0020")  # none canonical
    for code in range(0x110000):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):  # a canonical decomposition
            parts = {chr(int(value, 16)) for value in decomposition.split()}
            assert not parts & _REPLACED, hex(code)


def test_normalise_text_with_combining_marks_next_to_quotes_and_spaces():
    alphabet = ["e", "\u0301", "\u0308", "“", "’", "\u00a0", " ", "'", '"', "Å", "ﬁ", "\u2126"]
    for raw in random_texts(alphabet, 5_000, max_len=12):
        assert cleaning.normalise_text(raw) == reference_normalise(raw), repr(raw)


def test_multi_space_pattern_matches_two_spaces_or_more():
    for raw in random_texts([" ", "a", "\u00a0", "\n"], 3_000, max_len=15):
        assert cleaning._MULTI_SPACE.sub(" ", raw) == re.sub(r" {2,}", " ", raw), repr(raw)


def test_glued_precheck_finds_what_its_plain_form_finds():
    alphabet = [*"aZ09.!?\"')”’ ", "AS", "ke", "2019", ". ", '."A', "!)B"]
    for mark, pattern in cleaning._MAYBE_GLUED.items():
        plain = re.compile(rf"\{mark}(?<=[a-z0-9][a-z0-9]\{mark})[.!?]*[\"”’)]*[A-Z]")
        for raw in random_texts(alphabet, 5_000, max_len=12):
            found, expected = pattern.search(raw), plain.search(raw)
            assert (found and found.span()) == (expected and expected.span()), repr(raw)


def test_links_are_looked_for_in_the_article_text_or_the_paragraphs():
    paragraphs = ["Rusia diam.", "Korut senang."]
    assert not cleaning._may_hold_links(paragraphs, text="Rusia diam.\n\nKorut senang.")
    # a "Baca" anywhere in the text (here in a removed header) only asks for the full check
    assert cleaning._may_hold_links(paragraphs, text="Baca ini\n\nRusia diam.\n\nKorut senang.")
    assert cleaning._may_hold_links(["Rusia diam. Baca juga: Putin"])
    assert cleaning._may_hold_links(["Pilihan Editor: Putin"], text="Pilihan Editor: Putin")
    parts = cleaning.clean_article("Rusia diam.\n\nBaca juga: Putin\n\nKorut senang.")
    assert (parts.text, parts.boilerplate) == ("Rusia diam.\n\nKorut senang.", "Baca juga: Putin")

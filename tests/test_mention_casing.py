"""Mentions in the forms real corpora use (issue 17): title-case headlines, ALL-CAPS words and
leads, whole lower-case articles; institutions standing for a state; the broader default list and
its shared short names. Made-up Indonesian examples, one group per class."""

from __future__ import annotations

import pandas as pd
import pytest

from utils.actors import article_mentions, as_gazetteer, load_actors
from utils.actors.casing import LOWER, MIXED, UPPER, article_casing, casing_view, in_headline


@pytest.fixture(scope="module")
def gazetteer():
    return as_gazetteer(load_actors())


def found(text: str, gazetteer) -> list[tuple[str, str]]:
    mentions = article_mentions({"article_id": "x", "text": text}, gazetteer=gazetteer)
    return [
        (surface, actor if isinstance(actor, str) else "NA")
        for surface, actor in zip(mentions["surface"], mentions["actor"], strict=True)
    ]


# --- the article's casing ------------------------------------------------------------------


def test_article_casing_is_decided_per_article():
    assert article_casing("korut kembali meluncurkan rudal balistik ke laut jepang.") == LOWER
    assert article_casing("korut dan AS kembali berunding di jenewa pekan ini.") == LOWER
    assert article_casing("KORUT KEMBALI MELUNCURKAN RUDAL BALISTIK.") == UPPER
    assert article_casing("Korut kembali meluncurkan rudal. AS mengecam.") == MIXED


def test_views_keep_offsets():
    text = "KUNJUNGAN PUTIN KE PYONGYANG MENGEJUTKAN\n\nPutin tiba di Pyongyang."
    view = casing_view(text)
    assert len(view) == len(text) and view.startswith("kunjungan putin ke pyongyang")
    assert view.endswith("Putin tiba di Pyongyang.")


# --- title-case headlines ------------------------------------------------------------------


def test_person_in_title_case_headline_is_counted_and_does_not_hide_later_mentions(gazetteer):
    text = (
        "CORE Indonesia: Tarif Resiprokal Trump Ancam Ekonomi dan Daya Saing Ekspor\n\n"
        "Ekonom menilai kebijakan itu berat. Trump mengatakan tarif akan naik. "
        "Menurut Trump, defisit harus ditutup."
    )
    assert [actor for _, actor in found(text, gazetteer)] == ["donald_trump"] * 3
    assert in_headline(text, 33) and not in_headline(text, len(text) - 5)


def test_headline_keeps_the_name_rules_for_states_and_capitals(gazetteer):
    assert found("Dynamo Kiev Tundukkan Shakhtar di Final\n\nPelatih puas.", gazetteer) == []
    assert found("Washington Wizards Tundukkan Toronto Raptors\n\nLaga ketat.", gazetteer) == []


def test_a_person_inside_another_name_in_running_text_is_still_another_person(gazetteer):
    text = "Menlu Aurelio Sergio Guterres tiba di Jakarta. Guterres disambut Retno Marsudi."
    assert ("Guterres", "antonio_guterres") not in found(text, gazetteer)


# --- ALL-CAPS words and leads --------------------------------------------------------------


def test_all_caps_words_and_leads(gazetteer):
    text = "AMERIKA SERIKAT – Presiden Donald Trump tiba. RUSIA menolak. DONALD Trump marah."
    assert found(text, gazetteer) == [
        ("AMERIKA SERIKAT", "united_states"),
        ("Donald Trump", "donald_trump"),
        ("RUSIA", "russia"),
        ("DONALD Trump", "donald_trump"),
    ]


def test_shouted_headline_is_read_as_words_not_acronyms(gazetteer):
    # KUNJUNGAN is not an organisation's acronym before RUSIA, nor PERINGATAN before CHINA
    text = "KUNJUNGAN RUSIA KE KORUT, PERINGATAN CHINA\n\nKim Jong Un menyambut Putin."
    assert [actor for _, actor in found(text, gazetteer)] == [
        "russia",
        "north_korea",
        "china",
        "kim_jong_un",
        "vladimir_putin",
    ]


def test_acronyms_in_mixed_text_keep_their_rules(gazetteer):
    assert found("Kantor SPAK Indonesia dan CSKA Moscow", gazetteer) == []
    assert found("Ketua DPR RI bertemu PM Jepang", gazetteer) == [
        ("RI", "indonesia"),
        ("Jepang", "japan"),
    ]


def test_whole_article_in_capitals(gazetteer):
    text = "PRESIDEN AS DONALD TRUMP BERTEMU KIM JONG UN DI SINGAPURA. KARTU AS DI TANGANNYA."
    assert found(text, gazetteer) == [
        ("AS", "united_states"),
        ("DONALD TRUMP", "donald_trump"),
        ("KIM JONG UN", "kim_jong_un"),
        ("SINGAPURA", "singapore"),
    ]


# --- lower-case articles -------------------------------------------------------------------


def test_lower_case_article_finds_names_in_any_case(gazetteer):
    text = "korut meluncurkan rudal lagi. beijing dan amerika serikat mengecam peluncuran itu."
    assert found(text, gazetteer) == [
        ("korut", "north_korea"),
        ("beijing", "china"),
        ("amerika serikat", "united_states"),
    ]


def test_lower_case_as_is_the_state_only_where_context_says_so(gazetteer):
    text = (
        "presiden as menolak. kartu as ada di tangan jakarta. as roda truk patah. "
        "pasukan as tiba di korsel. hubungan rusia-as memburuk. nilai dolar as naik."
    )
    assert found(text, gazetteer) == [
        ("as", "united_states"),  # presiden as
        ("as", "united_states"),  # pasukan as
        ("korsel", "south_korea"),
        ("rusia", "russia"),
        ("as", "united_states"),  # rusia-as
        # dolar as: read as the acronym, then the currency rule applies, as for 'dolar AS'
    ]


def test_lower_case_institutions_and_ignore_rows(gazetteer):
    text = "mahasiswa universitas indonesia belajar bahasa inggris. indonesia dan malaysia sepakat."
    assert found(text, gazetteer) == [("indonesia", "indonesia"), ("malaysia", "malaysia")]


def test_a_cased_article_keeps_lower_case_words_out(gazetteer):
    assert found("Ia memperbaiki as roda dan pbb tahunan. Warga cina berdagang.", gazetteer) == []


# --- institutions and the Security Council --------------------------------------------------


def test_bare_security_council_counts_in_an_article_about_the_un(gazetteer):
    text = "Sekjen PBB Antonio Guterres meminta Dewan Keamanan bersidang."
    assert found(text, gazetteer)[-1] == ("Dewan Keamanan", "un_security_council")
    assert found("Dewan Keamanan Nasional Filipina bersidang.", gazetteer) == [
        ("Filipina", "philippines")
    ]
    assert found("Dewan Keamanan bersidang hari ini.", gazetteer) == [("Dewan Keamanan", "NA")]


def test_institutions_standing_for_a_state_are_metonyms(gazetteer):
    mentions = article_mentions(
        {
            "article_id": "x",
            "text": "Pentagon menolak. KCNA melaporkan uji coba. Juru bicara Kementerian Luar "
            "Negeri Rusia dan Departemen Luar Negeri AS berkomentar.",
        },
        gazetteer=gazetteer,
    )
    assert mentions[["surface", "actor", "is_metonym"]].values.tolist() == [
        ["Pentagon", "united_states", True],
        ["KCNA", "north_korea", True],
        ["Rusia", "russia", False],
        ["AS", "united_states", False],
    ]
    assert found("Ia bekerja di Pentagon sejak 2010.", gazetteer) == []  # a place


# --- the broader default list and shared names ---------------------------------------------


def test_new_default_actors_and_spellings(gazetteer):
    text = "Moon Jae-in, Shinzo Abe dan Presiden Zelenskiy bertemu. Zelenskyy dan Zelensky sepakat."
    assert [actor for _, actor in found(text, gazetteer)] == [
        "moon_jae_in",
        "shinzo_abe",
        "volodymyr_zelensky",
        "volodymyr_zelensky",
        "volodymyr_zelensky",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Abe and Moon count only after the full name
        ("Abe tiba. Shinzo Abe lalu berbicara. Abe tersenyum.", ["NA", "shinzo_abe", "shinzo_abe"]),
        # two Kims named in full: the bare Kim is ambiguous
        (
            "Kim Jong Un dan Kim Yong-nam hadir. Kim berpidato.",
            ["kim_jong_un", "kim_yong_nam", "NA"],
        ),
        # two Lees: Lee Hsien Loong named twice, Lee Jae-myung once, not in the last sentences
        (
            "Lee Hsien Loong tiba. Lee Jae-myung menyambut. Media memuji Lee Hsien Loong. "
            "Rapat panjang. Lee tersenyum.",
            ["lee_hsien_loong", "lee_jae_myung", "lee_hsien_loong", "lee_hsien_loong"],
        ),
        # Park Geun-hye and Park Jin: a bare Park right after both is ambiguous
        ("Park Geun-hye menunjuk Park Jin. Park berbicara.", ["park_geun_hye", "park_jin", "NA"]),
        # an unlisted Lee stays unresolved
        ("Aktor Lee Min-ho datang. Lee tersenyum.", ["NA"]),
    ],
)
def test_shared_short_names_stay_safe(gazetteer, text, expected):
    assert [actor for _, actor in found(text, gazetteer)] == expected


def test_default_list_is_ascii_so_matching_keeps_its_fast_path():
    actors = load_actors()
    assert all(alias.isascii() for alias in actors["alias"])
    assert isinstance(actors, pd.DataFrame)

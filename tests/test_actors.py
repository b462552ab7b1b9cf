"""Actor list validation and mention finding, with sentences from the seed articles."""

from __future__ import annotations

import pickle
from pathlib import Path

import pandas as pd
import pytest

from utils import corpus
from utils.actors import (
    ActorListError,
    article_mentions,
    as_gazetteer,
    find_mentions,
    load_actors,
)
from utils.engine import EngineOptions
from utils.evaluation import anchor_gold, mention_errors, score_mentions

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "actor_id,label,type,aliases,metonyms,short_names,notes\n"


@pytest.fixture(scope="module")
def actors() -> pd.DataFrame:
    return load_actors()


def mentions_in(text: str, actors: pd.DataFrame, **options) -> pd.DataFrame:
    articles = pd.DataFrame({"article_id": ["t"], "text": [text]})
    return find_mentions(articles, actors, options=EngineOptions(progress=False), **options)


def found(text: str, actors: pd.DataFrame, **options) -> list[tuple[str, str]]:
    table = mentions_in(text, actors, **options)
    return list(zip(table["surface"], table["actor"].fillna("NA"), strict=True))


# --- the actor list ------------------------------------------------------------------------


def test_actor_list_has_one_row_per_alias_and_the_seed_actors(actors):
    assert {"actor_id", "label", "type", "alias", "is_metonym", "case_sensitive"} <= set(
        actors.columns
    )
    ids = set(actors["actor_id"])
    for actor in ["russia", "north_korea", "united_states", "un_security_council", "kim_jong_un",
                  "kim_taewoo", "duyeon_kim", "leif_eric_easley", "soviet_union", "aukus"]:  # fmt: skip
        assert actor in ids
    assert actors.loc[actors["alias"] == "AS", "case_sensitive"].item()
    assert not actors.loc[actors["alias"] == "Rusia", "case_sensitive"].item()
    assert set(actors.loc[actors["is_metonym"], "alias"]) >= {
        "Moskow",
        "Kremlin",
        "Pyongyang",
        "Seoul",
        "Kyiv",
    }


def test_metonyms_can_be_switched_off(actors):
    assert "Kremlin" not in set(load_actors(metonyms=False)["alias"])
    text = "Washington curiga Kremlin sudah memperhitungkan hal itu."
    assert [actor for _, actor in found(text, actors)] == ["united_states", "russia"]
    assert found(text, actors, metonyms=False) == []


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("a,A,state,Rusia,,,\nb,B,state,Iran|rusia,,,\n", "line 3: alias 'rusia' of 'b' is already claimed by 'a' (line 2)"),
        ("a,A,state,Rusia||Moskow,,,\n", "line 2: empty alias"),
        ("a,A,state,Rusia|,,,\n", "line 2: empty alias"),
        ("a,A,country,Rusia,,,\n", "line 2: unknown type 'country'"),
        ("a,A,state,Rusia,,,\na,B,state,Iran,,,\n", "line 3: duplicate actor_id 'a' (first on line 2)"),
        ("a,A,state,Rusia,,,,extra\n", "line 2: malformed row: 8 fields, expected 7"),
        ("a,A,state,,,,\n", "line 2: 'a' has no alias"),
        ("a,A,person,Kim Jong Un,,Putin,\nb,B,person,Putin,,,\n", "short name 'Putin' of 'a' is a full alias of 'b'"),
    ],
)  # fmt: skip
def test_bad_actor_lists_name_the_file_and_line(tmp_path, rows, message):
    path = tmp_path / "actors.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(ActorListError) as error:
        load_actors(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)
    assert isinstance(error.value, ValueError)


def test_missing_column_is_reported(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("actor_id,label,aliases\na,A,Rusia\n", encoding="utf-8")
    with pytest.raises(ActorListError, match="line 1: missing column"):
        load_actors(path)


def test_short_names_may_be_shared(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(
        HEADER + "a,A,person,Kim Jong Un,,Kim,\nb,B,person,Kim Taewoo,,Kim,\n", encoding="utf-8"
    )
    assert (load_actors(path)["alias"] == "Kim").sum() == 2


# --- matching rules --------------------------------------------------------------------------


def test_longest_match_wins(actors):
    text = "secara terbuka memecah Dewan Keamanan PBB (DK PBB) untuk pertama kalinya"
    assert found(text, actors) == [
        ("Dewan Keamanan PBB", "un_security_council"),
        ("DK PBB", "un_security_council"),
    ]
    assert found("Pemimpin Korea Utara (Korut) Kim Jong Un", actors) == [
        ("Korea Utara", "north_korea"), ("Korut", "north_korea"), ("Kim Jong Un", "kim_jong_un")]  # fmt: skip


def test_suffixes_and_hyphenated_pairs_keep_the_alias(actors):
    assert found("kerja sama trilateral Korea Selatan-AS-Jepang", actors) == [
        ("Korea Selatan", "south_korea"), ("AS", "united_states"), ("Jepang", "japan")]  # fmt: skip
    assert found("hubungan Korut-Rusia dimulai", actors) == [
        ("Korut", "north_korea"),
        ("Rusia", "russia"),
    ]
    assert found("sekutu AS-nya menolak", actors) == [("AS", "united_states")]
    text = "Kim Jong Un tiba. AS dan sekutu-sekutunya menilai pertemuan Kim-Putin."
    assert [actor for _, actor in found(text, actors)] == [
        "kim_jong_un",
        "united_states",
        "kim_jong_un",
        "vladimir_putin",
    ]


def test_hyphenated_person_names(actors):
    assert found("Pemimpin Korut Kim Jong-un pada awalnya", actors)[-1] == (
        "Kim Jong-un",
        "kim_jong_un",
    )
    assert found("kata Leif-Eric Easley, profesor", actors) == [
        ("Leif-Eric Easley", "leif_eric_easley")
    ]


def test_short_uppercase_aliases_are_case_sensitive(actors):
    assert found("Ia memperbaiki as roda dan pbb tahunan.", actors) == []
    assert found("mantan Presiden AS Donald Trump", actors) == [
        ("AS", "united_states"),
        ("Donald Trump", "donald_trump"),
    ]


def test_other_names_containing_an_alias_are_not_mentions(actors):
    text = (
        "kata Duyeon Kim, dari Pusat Keamanan Amerika Baru. Namun Nam kini profesor di Korea University. "
        "mantan kepala Institut Unifikasi Nasional Korea di Seoul, Kim Taewoo. sejak akhir Perang Korea 1950-53."
    )
    actors_found = [actor for _, actor in found(text, actors)]
    assert actors_found == [
        "duyeon_kim",
        "NA",
        "kim_taewoo",
    ]  # NA: "Nam" with no full name before it
    assert found("sejak pecahnya Uni Soviet", actors) == [("Uni Soviet", "soviet_union")]


def test_a_one_word_alias_inside_another_name_is_skipped(actors):
    assert found("kata Komisaris Besar Raden Prabowo Argo Yuwono di Jakarta", actors) == []
    assert found("kata Presiden Putin kepada wartawan", actors) == [("Putin", "vladimir_putin")]


def test_an_acronym_defined_as_another_name_is_not_counted(actors):
    assert found("seperti Partai Bulan Bintang (PBB) dan PBB lainnya", actors) == []
    text = "sanksi Dewan Keamanan Perserikatan Bangsa-Bangsa (PBB) terhadap Korea Utara"
    assert [actor for _, actor in found(text, actors)] == [
        "un_security_council",
        "united_nations",
        "north_korea",
    ]


def test_currencies_and_company_names_are_not_the_state(actors):
    text = "sebesar 3 miliar dolar AS dari PT Bank Shinhan Indonesia, kata Pemerintah Republik Indonesia."
    assert found(text, actors) == [("Republik Indonesia", "indonesia")]


def test_a_state_name_ending_another_name_is_not_the_state(actors):
    assert found("Sandiaga akan mendatangi Ikatan Akuntan Indonesia untuk bertanya.", actors) == []
    assert found("kata pejabat Kementerian Luar Negeri RI kemarin", actors) == [("RI", "indonesia")]
    assert found("yang juga digelar di Vladivostok di Timur Jauh Rusia", actors) == [
        ("Rusia", "russia")
    ]
    assert found("Menurut Dewan Kebijakan Luar Negeri dan Pertahanan Rusia", actors) == [
        ("Rusia", "russia")
    ]


def test_metonyms_used_as_places_are_not_counted(actors):
    assert found("saat bertemu Shoigu di Pyongyang", actors) == [("Shoigu", "sergei_shoigu")]
    text = "Kim juga memberi isyarat kepada Washington, Seoul dan Tokyo bahwa Rusia mendukungnya."
    assert [actor for _, actor in found(text, actors)][1:] == [
        "united_states",
        "south_korea",
        "japan",
        "russia",
    ]
    table = mentions_in(text, actors)
    assert table.loc[table["surface"] == "Seoul", "is_metonym"].item()


def test_capitals_on_routes_in_lists_and_addresses_are_places(actors):
    # held-out IndoSum batches A-C and general news: routes, distances, lists, addresses
    text = "pemindahan kedutaan besar AS dari Tel Aviv ke Yerusalem"
    assert found(text, actors) == [("AS", "united_states")]
    assert found("disidang sekitar 450 km dari Riyadh pada 14 Maret", actors) == []
    assert found("roadshow di Kuala Lumpur, Dubai, London dan lain-lain.", actors) == []
    assert found("peragaan busana di Istanbul, Kuala Lumpur, London, Los Angeles", actors) == []
    text = "petugas di kantor Gangnam, Seoul, Korea Selatan, yang dimulai pagi"
    assert found(text, actors) == [("Korea Selatan", "south_korea")]
    assert found("bertemu semasa kuliah di University College of London.", actors) == []
    assert found("klub asal London itu menolak", actors) == []


def test_capitals_standing_for_states_still_count(actors):
    text = "Meskipun ada tekanan dari Kyiv dan Washington, Korea Selatan hanya memberikan bantuan."
    assert [actor for _, actor in found(text, actors)] == [
        "ukraine",
        "united_states",
        "south_korea",
    ]
    text = "Dengan memanasnya perang Rusia di Ukraina, Pyongyang dapat menjadi sumber amunisi."
    assert [actor for _, actor in found(text, actors)] == ["russia", "ukraine", "north_korea"]
    # two items may be two states, one of them not listed
    assert found("Putusan itu ditolak oleh Beijing dan Taiwan.", actors) == [("Beijing", "china")]
    assert found("membaiknya hubungan Moskow-Washington", actors) == [
        ("Moskow", "russia"),
        ("Washington", "united_states"),
    ]


def test_state_names_inside_organisation_names(actors):
    assert found("Sementara itu, Judhi dari SPAK Indonesia mengatakan", actors) == []
    assert found("Adira Finance dan OLX Indonesia bekerja sama", actors) == []
    assert found("kata Ketua DPR RI kemarin", actors) == [("RI", "indonesia")]
    text = "Pemerintah Indonesia Security Incident Response Team on Internet Infrastructure"
    assert found(text, actors) == []
    text = "kata Sekjen Gabungan Pelaksana Konstruksi Indonesia (Gapensi) Andi"
    assert found(text, actors) == []
    text = "Komite Nasional Untuk Rakyat Palestina (KNRP) menggalang dana untuk Palestina"
    assert found(text, actors) == [("Palestina", "palestine")]
    text = "pesawat milik Angkatan Laut Amerika Serikat jatuh di Laut Filipina"
    assert found(text, actors) == [("Amerika Serikat", "united_states")]
    text = "keterangan pers dari Perwakilan Tetap Republik Indonesia (PTRI) Jenewa"
    assert found(text, actors) == [("Republik Indonesia", "indonesia")]
    assert found("memenangi GP Jepang dan menjadi Miss Israel", actors) == []


def test_initials_and_english_names_are_not_the_state(actors):
    text = "anggota Polda tersebut adalah Bripka AS (33), Bripka DR (33) dan Bripka DM (35)."
    assert found(text, actors) == []
    assert found("Kesatuan Pelaut Indonesia (KPI) mendesak pemerintah", actors) == []
    assert found("di ajang Indonesia International Motor Show 2016", actors) == []
    assert found("yang menimpa China Eastern Airlines", actors) == []
    assert found("yang berakhir di Jeddah, Saudi Arabia, Minggu.", actors) == [
        ("Saudi Arabia", "saudi_arabia")
    ]
    assert found("pasukan operasi khusus AS (Amerika Serikat) di Suriah", actors) == [
        ("AS", "united_states"),
        ("Amerika Serikat", "united_states"),
    ]


def test_rules_added_after_scoring_batch_e(actors):
    assert found("bahwa Marliem adalah WN Amerika Serikat.", actors) == [
        ("Amerika Serikat", "united_states")
    ]
    assert found("Nasir di Gedung Kemlu RI, Jakarta", actors) == [("RI", "indonesia")]
    assert found("memperkenalkan Budaya Bangsa Indonesia di dunia", actors) == [
        ("Indonesia", "indonesia")
    ]
    assert found("ke Bunderan HI (Hotel Indonesia) sebagai simbol", actors) == []
    assert found("Grup E\n\nCSKA Moscow 1 - 1 Tottenham", actors) == []
    assert found("ditemui di KBRI Ankara kemarin", actors) == []
    text = "Menteri Ketenagakerjaan dan Pembangunan Sosial Saudi Arabia Ali Bin Nasser"
    assert found(text, actors) == [("Saudi Arabia", "saudi_arabia")]
    text = "Direktur Informasi dan Teknologi Pos Indonesia menjelaskan"
    assert found(text, actors) == []


def test_rules_added_after_scoring_batch_f(actors):
    text = (
        "bertemu Menlu Timor-Leste Aurelio Sergio Guterres di Kemlu RI. "
        "Retno dan Guterres juga sepakat."
    )
    assert found(text, actors) == [("RI", "indonesia"), ("Retno", "NA"), ("Guterres", "NA")]
    assert mentions_in(text, actors)["resolved_by"].iloc[-1] == "other_person"
    text = "Sekjen PBB Antonio Guterres tiba. Guterres mengatakan"
    assert [actor for _, actor in found(text, actors)] == [
        "united_nations",
        "antonio_guterres",
        "antonio_guterres",
    ]
    assert found("barter politik dengan Presiden RI Jokowi.", actors) == [
        ("RI", "indonesia"),
        ("Jokowi", "joko_widodo"),
    ]
    text = "kini di PT Pupuk Indonesia (Persero). Kekosongan diisi dari internal Pupuk Indonesia, yaitu"
    assert found(text, actors) == []
    assert found("Komisioner Komisi Perlindungan Anak Indonesia (KPAI) Retno", actors) == [
        ("Retno", "NA")
    ]


def test_pbb_among_parties_is_not_the_un(actors):
    assert found("pasangan yang diusung Partai Demokrat, PPP dan PBB.", actors) == []
    assert found("diusung Gerindra, PAN, PPP, PBB, Demokrat, Golkar", actors) == []
    assert found("kata Sekjen PBB kemarin", actors) == [("PBB", "united_nations")]


def test_epithets_in_lower_case_and_a_frequent_misspelling(actors):
    assert found("ditolak masuk ke negeri Paman Sam.", actors) == [
        ("negeri Paman Sam", "united_states")
    ]
    assert found("berendam khas Negeri Sakura", actors) == [("Negeri Sakura", "japan")]
    assert found("menerima tawaran Gutteres untuk", actors) == [("Gutteres", "antonio_guterres")]


def test_bare_surname_needs_an_earlier_full_name(actors):
    table = mentions_in("Kim dan Putin bertemu. Kim Jong Un tiba. Kim tersenyum.", actors)
    assert table["resolved_by"].tolist() == ["unresolved", "alias", "alias", "short_name"]
    assert table["actor"].isna().tolist() == [True, False, False, False]
    assert (
        not mentions_in("Kim dan Putin bertemu.", actors, include_unresolved=False)["actor"]
        .isna()
        .any()
    )


def test_surname_shared_by_two_people_seed_002(actors):
    text = (
        "Pemimpin Korea Utara (Korut) Kim Jong Un berkunjung ke Rusia. Pertemuan pertama Kim dengan pemimpin asing. "
        'Tidak jelas seberapa jauh kerja sama militer Kim dan Putin dapat berlanjut. "Rusia sangat membutuhkan," '
        "kata mantan kepala Institut Unifikasi Nasional Korea di Seoul, Kim Taewoo. Kata Kim, itu penting. "
        "Ia mengatakan Shoigu tiba. Pengamat mengatakan prioritas Kim adalah pengiriman bantuan."
    )
    table = mentions_in(text, actors)
    kims = table[table["surface"] == "Kim"]
    # right after Kim Taewoo is named, "Kim" is ambiguous; later it goes to the much more mentioned Kim Jong Un
    assert kims["actor"].fillna("NA").tolist() == [
        "kim_jong_un",
        "kim_jong_un",
        "NA",
        "kim_jong_un",
    ]
    assert kims["resolved_by"].tolist() == [
        "short_name",
        "short_name",
        "ambiguous",
        "short_name_salience",
    ]


def test_surname_quote_after_duyeon_kim_is_ambiguous_seed_004(seeds, actors):
    article = seeds[seeds["article_id"].str.startswith("004")].iloc[0]
    table = find_mentions(
        seeds[seeds["article_id"] == article["article_id"]], actors, options=EngineOptions(progress=False),
    )
    row = table[table["snippet"].str.contains('"\\[Kim\\] juga memberi isyarat', regex=True)]
    assert row["resolved_by"].tolist() == ["ambiguous"]
    assert not (table["actor"] == "duyeon_kim").sum() > 1


def test_offsets_sentences_and_paragraphs(actors):
    text = "Rusia membantah.\n\nKorea Utara diam. Kim Jong Un tiba di Rusia."
    table = mentions_in(text, actors)
    assert all(
        text[s:e] == surface
        for s, e, surface in zip(table["start"], table["end"], table["surface"], strict=True)
    )
    assert table["paragraph_no"].tolist() == [0, 1, 1, 1]
    assert table["sentence_no"].tolist() == [0, 1, 2, 2]
    assert table["snippet"].iloc[1].startswith("Rusia membantah. [Korea Utara]")


def test_per_article_function_matches_and_gazetteer_pickles(seeds, actors):
    gazetteer = pickle.loads(pickle.dumps(as_gazetteer(actors)))
    record = seeds.iloc[1][["article_id", "text"]].to_dict()
    one = article_mentions(record, gazetteer=gazetteer)
    everything = find_mentions(seeds, actors, options=EngineOptions(progress=False))
    expected = everything[everything["article_id"] == record["article_id"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(one, expected)


def test_empty_and_missing_text():
    articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["", None]})
    table = find_mentions(articles, load_actors(), options=EngineOptions(progress=False))
    assert table.empty and list(table.columns)[:3] == ["article_id", "paragraph_no", "sentence_no"]


# --- quality against the hand annotations ------------------------------------------------------


def test_seed_annotation_spans_match_the_cleaned_text(seeds):
    gold = pd.read_csv(FIXTURES / "seed_mentions.csv", keep_default_na=False)
    texts = dict(zip(seeds["article_id"], seeds["text"], strict=True))
    assert set(gold["article_id"]) == set(texts)
    wrong = [
        row
        for row in gold.itertuples()
        if texts[row.article_id][row.start : row.end] != row.surface
    ]
    assert not wrong, (
        f"{len(wrong)} annotated spans no longer match the cleaned text, e.g. {wrong[:3]}"
    )
    assert set(gold["actor"]) <= set(load_actors()["actor_id"])


def test_seed_precision_and_recall(seeds, actors):
    gold = pd.read_csv(FIXTURES / "seed_mentions.csv", keep_default_na=False)
    predicted = find_mentions(seeds, actors, options=EngineOptions(progress=False))
    scores = score_mentions(predicted, gold)
    assert scores["precision"] >= 0.98, mention_errors(predicted, gold)
    assert scores["recall"] >= 0.95, mention_errors(predicted, gold)


@pytest.fixture(scope="module")
def indosum(indosum_file) -> pd.DataFrame:
    return corpus.load_articles(indosum_file, progress=False)


@pytest.mark.shared
def test_heldout_precision_and_recall(indosum, actors):
    gold = pd.read_csv(FIXTURES / "heldout_mentions.csv", keep_default_na=False)
    ids = pd.read_csv(FIXTURES / "heldout_articles.csv")["article_id"]
    articles = indosum[indosum["article_id"].isin(set(ids))]
    assert len(articles) == len(ids)
    gold = anchor_gold(gold, articles)  # the cleaning of IndoSum may change; spans follow it
    assert gold.attrs["unanchored"] == 0
    scores = score_mentions(find_mentions(articles, actors, options=EngineOptions(progress=False)), gold)
    # A-F were used for tuning; batch G, scored blind with the final rules: 0.986 / 0.993
    # (data/README.md has every batch); all batches together: 0.992 / 0.992
    assert scores["precision"] >= 0.98
    assert scores["recall"] >= 0.95


@pytest.mark.slow
@pytest.mark.shared
def test_whole_indosum_corpus(indosum, actors):
    mentions = find_mentions(indosum, actors, options=EngineOptions(progress=False))
    assert len(mentions) > 5000
    texts = dict(zip(indosum["article_id"], indosum["text"], strict=True))
    sample = mentions.sample(500, random_state=0)
    assert all(
        texts[a][s:e] == surface
        for a, s, e, surface in sample[["article_id", "start", "end", "surface"]].itertuples(
            index=False
        )
    )

"""The Indonesian words that report speech, name a speaker's role, or stand for a speaker.

Word lists only (no logic beyond one regular expression per list), so the quote finder's cache
key follows them. Tuned on the development set described in ``tests/fixtures/quotes/GUIDELINES.md``.

>>> bool(AFTER_CUE.match("ujarnya")), bool(AFTER_CUE.match("kata")), bool(AFTER_CUE.match("katakan"))
(True, True, False)
>>> bool(VERB_CUE.match("menegaskan")), bool(VERB_CUE.match("menegaskannya"))
(True, False)
"""

from __future__ import annotations

import re

import ahocorasick

#: Short cues that follow what was said: ``"…," kata Lavrov``, ``…, ujarnya``.
AFTER_CUE_WORDS = (
    "kata", "ujar", "ucap", "tutur", "ungkap", "jelas", "tegas", "sebut", "tambah", "imbuh",
    "lanjut", "terang", "papar", "tukas", "timpal", "pungkas", "tandas", "seru", "tanya",
    "jawab", "katanya", "ujarnya", "ucapnya", "tuturnya", "ungkapnya", "jelasnya", "tegasnya",
    "sebutnya", "tambahnya", "imbuhnya", "lanjutnya", "terangnya", "paparnya", "tukasnya",
    "timpalnya", "pungkasnya", "tandasnya", "serunya", "tanyanya", "jawabnya",
)  # fmt: skip
#: Verbs of saying written before or after the speaker: ``Putin mengatakan …``.
VERB_CUE_WORDS = (
    "mengatakan", "menyatakan", "menyampaikan", "menilai", "memperingatkan", "membantah",
    "mengklaim", "menjelaskan", "menegaskan", "menyebutkan", "menambahkan", "mengungkapkan",
    "menuturkan", "menerangkan", "memaparkan", "mengingatkan", "menekankan", "berkata",
    "mengakui", "menyebut", "mengungkap", "berpendapat", "mengemukakan", "menandaskan",
    "mengisyaratkan", "berdalih", "mengaku", "menjamin", "melanjutkan",
)  # fmt: skip
#: Verbs that need ``bahwa``, a comma or a colon before the content to report speech
#: (``menyampaikan belasungkawa``, ``menyebut nama`` do not).
VERBS_NEEDING_BAHWA = frozenset({"mengungkap", "mengingatkan", "mengisyaratkan", "mengakui"})
#: Words that open a content clause after such a verb without ``bahwa``: ``E mengakui hanya …``.
CLAUSE_START_WORDS = frozenset(
    """tidak tak belum sudah telah pernah masih hanya akan sedang sempat ia dia mereka kami saya
    pihaknya dirinya""".split()
)  # fmt: skip
#: A verb cue followed by one of these nouns reports an act, not a content clause.
NOT_CONTENT_WORDS = frozenset(
    """tuduhan laporan kabar hal pernyataan perang terima belasungkawa keprihatinan rasa dukungan
    sikap keberatan pesan pendapat pandangan keinginan komitmen penolakan apresiasi harapan
    duka selamat sambutan pidato informasi data nama klaim isu rumor tudingan adanya itu ini
    tersebut alasan ucapan permohonan permintaan maaf sejumlah beberapa berbagai materi paparan
    aspirasi keluhan usulan catatan kritik visi misi program salam doa hasil""".split()
)
#: ``menurut`` + one of these names a document or figure, not a speaker.
NOT_SPEAKER_AFTER_MENURUT = frozenset(
    """data catatan jadwal rencana aturan undang-undang pasal ketentuan hasil survei penelitian
    studi perhitungan hitungan perkiraan kalender situs laman peraturan kesepakatan perjanjian
    prediksi riset analisis statistik versi""".split()
)
#: Words after the speaker's name that end the speaker phrase: ``kata Putin kepada wartawan``.
SPEAKER_STOP_WORDS = frozenset(
    """kepada di dalam saat ketika seusai usai pada seperti sebagaimana yang dengan melalui lewat
    dilansir dikutip mengutip sambil kemarin sebelumnya bahwa dan ke dari untuk soal terkait
    tentang mengenai via lalu usai setelah sebelum sesudah menanggapi menjawab ditemui saat""".split()
)  # "dan": ``kata Putin dan menambahkan``; "dan" inside a role is rejoined (see speakers)
#: Pronouns that stand for a speaker named earlier.
PRONOUNS = frozenset({"ia", "dia", "beliau", "nya"})
#: Words that make a speaker unnamed: ``seorang pejabat AS``, ``sumber``.
UNNAMED_WORDS = frozenset(
    """seorang sejumlah beberapa para sumber pejabat diplomat analis pengamat warga pihak
    kalangan orang""".split()
)
#: Words that open a role (title or office) before a name: ``juru bicara Kremlin Dmitry Peskov``.
ROLE_WORDS = frozenset(
    """presiden wakil menteri menlu menhan juru bicara jubir kepala ketua direktur duta besar
    dubes sekretaris jenderal gubernur wali kota bupati panglima staf komisioner anggota analis
    pengamat profesor prof dr pakar peneliti mantan pemimpin perdana pejabat kapolri kapolda
    kapolres kapolsek kasat kabid kabag kadiv irjen brigjen kombes akbp ajun kompol iptu ipda
    aiptu bripka kepala pelaksana tugas plt wakil koordinator deputi asisten penasihat utusan
    komandan letnan kolonel mayor laksamana marsekal kanselir raja ratu pangeran perwakilan
    senator legislator politisi politikus ketum sekjen waketum dirut ceo pendiri rektor dekan
    dosen ahli ekonom kuasa hukum pengacara jaksa hakim kasubdit kasubbag kabiro kanit direktur
    pimpinan tertinggi""".split()
)
#: Roles that describe many people (``Pengamat``), never one named before.
GENERIC_ROLE_WORDS = frozenset("pengamat analis pakar ahli peneliti profesor ekonom dosen".split())
#: A subject that is a document, not a speaker: ``Resolusi itu menegaskan``.
DOCUMENT_WORDS = frozenset(
    """resolusi dokumen surat keputusan laporan undang-undang uu peraturan pasal data studi survei
    riset penelitian catatan hasil kesepakatan perjanjian""".split()
)
#: Words of an office's name: ``Menteri Pertahanan``, ``Juru Bicara``, ``Kepala Staf``.
OFFICE_WORDS = frozenset(
    """pertahanan luar negeri dalam keuangan perdagangan kesehatan pendidikan agama hukum keamanan
    politik bidang urusan umum staf bicara besar utama kabinet negara sekretaris kepolisian
    polisi militer gabungan informasi humas hubungan masyarakat energi ekonomi""".split()
)
#: Institution heads that, with a state named after them, speak for that state.
INSTITUTION_WORDS = frozenset(
    """kementerian kemlu deplu departemen pemerintah pemerintahan militer tentara angkatan
    kedutaan kedubes kantor istana parlemen kongres senat dewan badan kepresidenan
    kabinet misi delegasi otoritas""".split()
)
#: Words that make a name an organisation's: ``Royal United Services Institute``.
ORGANISATION_NAME_WORDS = frozenset(
    """institute institut university universitas center centre foundation lembaga badan kementerian
    komisi partai yayasan asosiasi ikatan perhimpunan kantor agency council""".split()
)
#: Capitalised words after a comma that are a date, not an appositive name: ``kata dia, Senin``.
DATE_WORDS = frozenset(
    """senin selasa rabu kamis jumat jum'at sabtu minggu ahad januari februari maret april mei
    juni juli agustus september oktober november desember""".split()
)
#: Headings of institutions that stand for a state only when the state is named too.
SPOKES_WORDS = frozenset({"juru", "jubir", "spokesperson", "perwakilan", "utusan"})

AFTER_CUE = re.compile(r"(?:" + "|".join(sorted(AFTER_CUE_WORDS, key=len, reverse=True)) + r")\Z")
VERB_CUE = re.compile(r"(?:" + "|".join(sorted(VERB_CUE_WORDS, key=len, reverse=True)) + r")\Z")
#: Every cue word at a word boundary, for a quick scan of a lower-cased text.
ANY_CUE = re.compile(
    r"\b(?:" + "|".join(sorted({*AFTER_CUE_WORDS, *VERB_CUE_WORDS, "menurut", "menurutnya", "pernyataannya", "demikian"},
                               key=len, reverse=True)) + r")\b"
)  # search the lower-cased text: much faster than re.IGNORECASE  # fmt: skip


def _cue_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in {*AFTER_CUE_WORDS, *VERB_CUE_WORDS, "menurut", "menurutnya", "pernyataannya", "demikian"}:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


CUE_AUTOMATON = _cue_automaton()


def cue_starts(lowered: str) -> list[int]:
    """Where a cue word (any of :data:`ANY_CUE`'s) starts in the lower-cased text, on word
    boundaries; one Aho-Corasick pass, far faster than the regular expression.

    >>> cue_starts("menurut dia, rusia siap, katanya. kata-kata")
    [0, 25]
    """  # "kata-kata" is a noun, not the cue
    starts = []
    size = len(lowered)
    for end, length in CUE_AUTOMATON.iter(lowered):
        start = end - length + 1
        if (start == 0 or not (lowered[start - 1].isalnum() or lowered[start - 1] == "-")) and (
            end + 1 == size or not (lowered[end + 1].isalnum() or lowered[end + 1] == "-")
        ):
            starts.append(start)
    return sorted(set(starts))

"""The word lists that the mention rules of :mod:`utils.actors.context_rules` read.

Each list is explained where it is defined and, with examples, in ``data/README.md``.

>>> "dolar" in CURRENCY_WORDS, "presiden" in TITLE_WORDS, "presiden" in STATE_TITLE_WORDS
(True, True, False)
"""

from __future__ import annotations

#: Words before a metonym that make it a place, not the state (``di Seoul``, ``ke Pyongyang``).
PLACE_WORDS = frozenset(
    "di ke kota ibukota menuju sekitar asal kelahiran waktu warga penduduk walikota wali gubernur "
    "klub melalui via bandara singgah mengunjungi menyambangi in at".split()
)
#: Words before ``dari`` that make the metonym after it a place of departure (``tiba dari
#: Seoul``, ``450 km dari Riyadh``); ``tekanan dari Kyiv`` keeps the state.
DEPARTURE_WORDS = frozenset(
    "km kilometer mil meter jam menit berangkat bertolak tiba pulang kembali terbang datang "
    "pindah pemindahan dipindahkan setelah".split()
)
#: Words after a place that make ``dari <place>`` a route (``dari Tel Aviv ke Yerusalem``).
ROUTE_WORDS = frozenset({"ke", "menuju", "hingga", "sampai"})
#: Month and day names: ``Pada Februari, Moskow ...`` is not an address.
CALENDAR_WORDS = frozenset(
    "januari februari maret april mei juni juli agustus september oktober november desember "
    "senin selasa rabu kamis jumat sabtu minggu".split()
)
#: All-capital abbreviations of common nouns and state bodies that may stand before a state
#: alias and keep it the state (``DPR RI``, ``PM Jepang``, ``APBN Indonesia``); any other
#: acronym there names an organisation or a company branch (``SPAK Indonesia``, ``OLX Indonesia``).
COMMON_ACRONYMS = frozenset(
    "dpr mpr dpd dprd kpu kpk bpk bpom bawaslu bakamla uu hut pm wni wna tki tkw tni polri kbri "
    "kjri bin bnn bnpb bnpt ma mk ojk gdp pdb pnb apbn apbd cpo ukm umkm bumn bumd ipk ham asn "
    "pns presiden ri as dmz zee dj ceo wn".split()
)
#: Capitalised words that may stand before a short name without making it part of another name.
TITLE_WORDS = frozenset(
    "presiden pemimpin menteri ketua wakil perdana jenderal kanselir raja ratu pangeran "
    "pak bapak bu ibu mr mrs ms dr prof profesor kamerad sekjen direktur gubernur duta "
    "dubes diktator marsekal letnan kolonel mayor kepala juru bicara jubir pengamat".split()
)
#: Capitalised words that, written before a state alias, make it part of an institution's name.
NAME_HEAD_WORDS = frozenset(
    "universitas university institut institute bank timnas liga piala bursa majelis "
    "ikatan yayasan asosiasi persatuan harian koran miss puteri motogp gp grand bundesliga "
    "plaza galeri wonderful".split()
)
#: Words of places that open a name ending in a state alias only when capitalised inside a
#: sentence: ``Laut China`` is a sea and ``Hotel Indonesia`` a hotel, but ``di laut Indonesia``
#: means Indonesian waters and ``pasar Indonesia`` the Indonesian market.
GEOGRAPHIC_HEAD_WORDS = frozenset(
    "laut selat teluk samudra samudera hotel stadion stadium jalan jl taman museum masjid "
    "stasiun wisma menara pasar".split()
)
#: Titles of state offices: a name after them belongs to the state (``Menteri ... Saudi Arabia``).
STATE_TITLE_WORDS = frozenset(
    "menteri perdana kanselir raja ratu pangeran duta dubes panglima".split()
)
#: Words of state organs, offices and regions: a capitalised name made of them before a state
#: alias still refers to the state (``Kementerian Luar Negeri RI``, ``Kawasan Timur Indonesia``).
STATE_WORDS = TITLE_WORDS | frozenset(
    "pemerintah pemerintahan negara warga republik kerajaan kementerian kemenlu menhan kemlu "
    "kemendagri kemenhan kemenkeu kemendag kemenkumham kemnaker kemenaker kemenkes kemenag "
    "kemenhub kemensos kemenko menko bangsa "
    "perwakilan tetap konsul atase "
    "menlu departemen kedutaan konsulat kbri kjri dpr mpr dpd parlemen kongres senat angkatan "
    "tentara militer pasukan panglima polisi kepolisian badan dinas intelijen bank sentral "
    "mahkamah pengadilan jaksa agung komisi duta besar luar negeri dalam pertahanan keamanan "
    "perdagangan keuangan kehakiman kawasan wilayah provinsi timur barat utara selatan tengah "
    "jauh putra mahkota pejabat delegasi misi utusan".split()
)
#: Indonesian political parties: ``PPP dan PBB`` is Partai Bulan Bintang, not the UN.
PARTY_WORDS = frozenset(
    "pdip pdi-p pdi golkar gerindra pks pan pkb ppp nasdem hanura demokrat perindo psi berkarya "
    "garuda pkpi idaman".split()
)
#: Words that open the name of an association: ``Kesatuan Pelaut Indonesia`` is a union.
ORGANISATION_HEAD_WORDS = frozenset(
    "ikatan persatuan kesatuan gabungan himpunan perhimpunan asosiasi federasi konfederasi "
    "serikat komite lembaga yayasan aliansi koalisi forum gerakan front paguyuban perkumpulan".split()
)
#: Words before an all-capital alias that make it a person's initials (``tersangka AS``,
#: ``Bripka AS (33)``): police and military ranks, and the words of crime reports.
INITIALS_WORDS = frozenset(
    "inisial berinisial tersangka pelaku korban saksi terdakwa terpidana pria wanita "
    "bripda briptu brigadir bripka aipda aiptu ipda iptu akp kompol akbp "
    "prada pratu praka kopda koptu kopka serda sertu serka serma".split()
)
#: Currency words: ``dolar AS`` is a currency, not the United States.
CURRENCY_WORDS = frozenset(
    "dolar dollar yen yuan renminbi euro won ringgit rupee rubel pound poundsterling "
    "franc lira riyal real peso baht dong".split()
)
#: English and Dutch ``of``: ``University College of London``, ``Bank van ...``.
ENGLISH_OF_WORDS = frozenset({"of", "de", "van", "von"})
#: Words opening a company name: in ``PT Bank Shinhan Indonesia`` the alias is part of the name.
COMPANY_WORDS = frozenset({"PT", "CV", "Perusahaan", "Perseroan", "Tbk"})
#: Capitalised words that, written after a state alias, make it part of an English name.
NAME_TAIL_WORDS = frozenset(
    "university institute daily times post airlines airways open masters cup corruption "
    "police watch today herald tribune".split()
)
#: English words that, after a state alias, make it part of an English name of something else
#: (``Indonesia Security Incident Response Team``, ``Indonesia Fashion Week``).
STATE_NAME_TAIL_WORDS = NAME_TAIL_WORDS | frozenset(
    "security team council forum center centre foundation association network society "
    "committee agency group summit week expo award awards fashion airport club league "
    "investment infrastructure national international promotion trade development fund online "
    "eastern southern northern western".split()
)

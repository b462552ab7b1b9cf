"""Canonical outlets: host names, URLs and lead markers mapped to one outlet name and group.

Real exports name the outlet by the site that served the page, so one outlet is
split across its sections and regional sites (``jogja.antaranews.com``,
``economy.okezone.com``, ``ekonomi.republika.co.id``). The editable table
``data/outlets.csv`` maps them to one canonical outlet (``ANTARA``, ``Okezone``,
``Republika``) with an optional group (wire agency, national, regional,
business, foreign). Each row has a ``kind``:

- ``host``: a host name; it also matches every subdomain (``antaranews.com``
  matches ``jogja.antaranews.com``). The longest matching host wins.
- ``url``: a host and path prefix (``bbc.com/indonesia``); checked before hosts.
- ``name``: another spelling of the outlet's name as a lead marker or a
  metadata value gives it (``LKBN Antara``). The canonical name itself and the
  name part of each host (``antaranews``) need no row.

The loader (:mod:`utils.corpus.loading`) keeps the value it was given in ``outlet_raw``,
says where the canonical name came from in ``outlet_source`` (``sidecar``,
``host``, ``name``, ``url``, ``lead marker`` or ``as given``), and keeps the
``section`` (``jogja``, ``ekonomi``) and ``outlet_group``.

>>> table = read_outlets()
>>> resolve_outlet(table, given="jogja.antaranews.com").outlet
'ANTARA'
>>> resolve_outlet(table, given="economy.okezone.com")[:4]
('Okezone', 'economy.okezone.com', 'host', 'national')
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from utils import paths
from utils.corpus import metadata

OUTLETS_FILE = paths.OUTLETS_FILE
KINDS = ("host", "url", "name")
GROUPS = ("wire agency", "national", "regional", "business", "foreign")
#: Subdomains that are not a section: ``www.``, mobile and test sites.
_NOT_SECTIONS = frozenset({"www", "m", "mobile", "amp", "beta", "web", "wap", "en", "id"})
#: First URL path segments that are not a section (``/berita/612345/...``).
_GENERIC_PATHS = frozenset(
    {"berita", "read", "news", "amp", "detail", "artikel", "article", "post", "index", "id",
     "en", "m", "story", "video", "foto", "photo", "html", "baca", "view", "content"}
)  # fmt: skip
_SECTION_WORD = re.compile(r"[a-z]{3,20}")
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


class Resolved(NamedTuple):
    """The canonical outlet of one article and where it came from."""

    outlet: str | None
    raw: str | None
    source: str | None
    group: str | None
    section: str | None
    known: bool


@dataclass(frozen=True)
class OutletTable:
    """The parsed ``data/outlets.csv``: lookups by host, URL prefix and name key."""

    path: Path
    hosts: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    urls: tuple[tuple[str, str, str, str | None], ...] = ()  # (host, path prefix, outlet, section)
    names: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)

    @property
    def outlets(self) -> set[str]:
        """The canonical outlet names."""
        return set(self.groups)


def read_outlets(path: str | Path = OUTLETS_FILE) -> OutletTable:
    """Read the outlet table; a bad row raises ``ValueError`` naming the file and line.

    >>> table = read_outlets()
    >>> table.groups["ANTARA"], table.hosts["antaranews.com"], table.names["antara"]
    ('wire agency', ('ANTARA', None), 'ANTARA')
    """
    path = paths.resolve(path)
    return _read_outlets(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _read_outlets(path: Path, _mtime: int) -> OutletTable:
    hosts: dict[str, tuple[str, str | None]] = {}
    urls: list[tuple[str, str, str, str | None]] = []
    explicit_names: dict[str, str] = {}
    groups: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"kind", "pattern", "outlet"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path.name} line 1: missing column(s) {', '.join(sorted(missing))}")
        for record in reader:
            where = f"{path.name} line {reader.line_num}"
            kind, pattern, outlet, group, section = (
                (record.get(k) or "").strip()
                for k in ("kind", "pattern", "outlet", "group", "section")
            )
            if not (kind or pattern or outlet):
                continue
            if kind not in KINDS or not pattern or not outlet:
                raise ValueError(f"{where}: needs kind ({', '.join(KINDS)}), pattern and outlet")
            if group and group not in GROUPS:
                raise ValueError(f"{where}: unknown group '{group}' (use {', '.join(GROUPS)})")
            if group and groups.get(outlet, group) != group:
                raise ValueError(f"{where}: {outlet} is '{groups[outlet]}' on an earlier line")
            groups[outlet] = groups.get(outlet) or group
            pattern = pattern.lower().removeprefix("www.")
            if kind == "host":  # section "-": the URL path holds no section (kumparan's accounts)
                hosts[pattern] = (outlet, section.lower() or None)
            elif kind == "url":
                host, _, prefix = _SCHEME.sub("", pattern).partition("/")
                urls.append(
                    (host.removeprefix("www."), "/" + prefix, outlet, section.lower() or None)
                )
            else:
                explicit_names[metadata.outlet_key(pattern)] = outlet
    names = dict(explicit_names)
    for outlet in groups:  # the canonical name, then the name part of each host
        names.setdefault(metadata.outlet_key(outlet), outlet)
    for host, (outlet, _) in hosts.items():
        names.setdefault(metadata.outlet_key(host), outlet)
    urls.sort(key=lambda u: (-len(u[0]), -len(u[1])))
    return OutletTable(path, hosts, tuple(urls), names, {o: g or "" for o, g in groups.items()})


def host_of(value: str | None) -> str | None:
    """The host name of a URL or host value, lowercase, without ``www.``; None for a plain name.

    >>> host_of("https://WWW.Antaranews.com/berita/1"), host_of("jogja.antaranews.com"), host_of("ANTARA")
    ('antaranews.com', 'jogja.antaranews.com', None)
    """
    if not value:
        return None
    text = _SCHEME.sub("", str(value).strip()).split("/", 1)[0].split("?", 1)[0]
    host = text.rsplit("@", 1)[-1].split(":", 1)[0].lower().rstrip(".").removeprefix("www.")
    return host if _HOST.match(host) else None


def _path_of(url: str) -> str:
    rest = _SCHEME.sub("", url.strip()).split("?", 1)[0].split("#", 1)[0]
    return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


def _by_host(table: OutletTable, host: str) -> tuple[str, str | None] | None:
    """(outlet, section) for a host: the longest listed host it equals or is a subdomain of."""
    labels = host.split(".")
    for start in range(len(labels) - 1):
        found = table.hosts.get(".".join(labels[start:]))
        if found:
            outlet, section = found
            extra = [label for label in labels[:start] if label not in _NOT_SECTIONS]
            if section == "-":
                return outlet, ".".join(extra) or "-"
            return outlet, section or (".".join(extra) or None)
    return None


def _by_url(table: OutletTable, url: str) -> tuple[str, str | None] | None:
    """(outlet, section) for a URL: a ``url`` row, else its host, with a section from its path."""
    host = host_of(url)
    if host is None:
        return None
    path = _path_of(url)
    for pattern_host, prefix, outlet, section in table.urls:
        if (host == pattern_host or host.endswith("." + pattern_host)) and (
            path == prefix or path.startswith(prefix.rstrip("/") + "/")
        ):
            return outlet, section or (_by_host(table, host) or (None, None))[1]
    found = _by_host(table, host)
    if found and found[1] is None:
        return found[0], _path_section(path)
    return (found[0], None) if found and found[1] == "-" else found


def _path_section(path: str) -> str | None:
    """A section from the first URL path segment when it is one plain word (``/ekonomi/...``)."""
    segments = [s for s in path.split("/") if s]
    if len(segments) < 2:
        return None
    first = segments[0].lower()
    if _SECTION_WORD.fullmatch(first) and first not in _GENERIC_PATHS:
        return first
    return None


def canonical_name(table: OutletTable, value: str | None) -> tuple[str, str] | None:
    """(canonical outlet, how it matched: ``host`` or ``name``) for a host or name; None if unknown.

    >>> table = read_outlets()
    >>> canonical_name(table, "antaranews"), canonical_name(table, "pusatdata.kontan.co.id")
    (('ANTARA', 'name'), ('Kontan', 'host'))
    >>> canonical_name(table, "Harian Rakyat") is None
    True
    """
    if not value or not str(value).strip():
        return None
    host = host_of(value)
    if host is not None:
        found = _by_host(table, host)
        if found:
            return found[0], "host"
    outlet = table.names.get(metadata.outlet_key(str(value)))
    return (outlet, "name") if outlet else None


def resolve_outlet(
    table: OutletTable,
    *,
    sidecar: str | None = None,
    given: str | None = None,
    url: str | None = None,
    lead: str | None = None,
) -> Resolved:
    """The canonical outlet of one article, from the strongest source that knows it.

    Order: the sidecar (always wins, canonicalised when known); the corpus's own
    outlet value (a host or a name); the URL; the corpus's own value when the
    table does not know it (kept ``as given``, a candidate for ``data/outlets.csv``;
    a lead marker such as ``(ANTARA)`` may name the wire agency a regional site
    reprints, so it never overrides the publisher); only then the lead marker.

    >>> table = read_outlets()
    >>> resolve_outlet(table, given="ekonomi.republika.co.id", url="https://ekonomi.republika.co.id/berita/x")
    Resolved(outlet='Republika', raw='ekonomi.republika.co.id', source='host', group='national', section='ekonomi', known=True)
    >>> resolve_outlet(table, url="https://www.cnnindonesia.com/ekonomi/20230913/berita")[:3]
    ('CNN Indonesia', 'cnnindonesia.com', 'url')
    >>> resolve_outlet(table, lead="Tempo")[:3]
    ('Tempo', 'Tempo', 'lead marker')
    >>> resolve_outlet(table, given="koran-lokal.id", lead="ANTARA")[:3]  # reprinted wire copy
    ('koran-lokal.id', 'koran-lokal.id', 'as given')
    >>> resolve_outlet(table, given="koran-lokal.id")[:3] + resolve_outlet(table, given="koran-lokal.id")[5:]
    ('koran-lokal.id', 'koran-lokal.id', 'as given', False)
    """
    sidecar, given, url, lead = (
        str(v).strip() if v is not None and str(v).strip() else None
        for v in (sidecar, given, url, lead)
    )
    raw = sidecar or given or host_of(url) or lead
    if raw is None:
        return Resolved(None, None, None, None, None, False)
    by_url = _by_url(table, url) if url else None
    section = None
    for value in (sidecar, given):
        if value and (host := host_of(value)) and (found := _by_host(table, host)):
            section = found[1]
            break
    section = section or (by_url[1] if by_url else None)
    section = None if section == "-" else section
    if sidecar:
        found = canonical_name(table, sidecar)
        outlet, source = (found[0] if found else sidecar), "sidecar"
    elif given and (found := canonical_name(table, given)):
        outlet, source = found
    elif by_url:
        outlet, source = by_url[0], "url"
    elif given:  # unknown: kept (a lead marker may name the wire agency it reprints)
        outlet, source = given, "as given"
    elif lead and (found := canonical_name(table, lead)):
        outlet, source = found[0], "lead marker"
    else:
        outlet, source = raw, "lead marker" if lead else "url"
    known = outlet in table.groups
    return Resolved(outlet, raw, source, table.groups.get(outlet) or None, section, known)


def unknown_outlets(rows: list[dict], table: OutletTable) -> list[tuple[str, str, int]]:
    """(outlet value, where it came from, article count) for each outlet the table does not know.

    >>> rows = [{"outlet": "ANTARA", "outlet_source": "host", "url": None},
    ...         {"outlet": "koran-lokal.id", "outlet_source": "as given", "url": "https://koran-lokal.id/a"},
    ...         {"outlet": "koran-lokal.id", "outlet_source": "as given", "url": None}]
    >>> unknown_outlets(rows, read_outlets())
    [('koran-lokal.id', 'as given; host koran-lokal.id', 2)]
    """
    counts: dict[str, int] = {}
    hints: dict[str, dict[str, None]] = {}
    for row in rows:
        outlet = row.get("outlet")
        if outlet is None or outlet in table.groups:
            continue
        counts[outlet] = counts.get(outlet, 0) + 1
        found = hints.setdefault(outlet, {str(row.get("outlet_source")): None})
        if host := host_of(row.get("url")):
            found[f"host {host}"] = None
    return [
        (outlet, "; ".join(list(hints[outlet])[:4]), n)
        for outlet, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def canonical_key(table: OutletTable, value: str) -> str:
    """A comparison key: the canonical outlet when the table knows the value, else its name key.

    >>> table = read_outlets()
    >>> canonical_key(table, "investasi.kontan.co.id"), canonical_key(table, "Kontan"), canonical_key(table, "Harian X")
    ('Kontan', 'Kontan', 'harianx')
    """
    found = canonical_name(table, str(value))
    return found[0] if found else metadata.outlet_key(str(value))


def same_outlet(table: OutletTable, first: str, second: str) -> bool:
    """True when two outlet values name the same canonical outlet (or the same unknown one).

    >>> table = read_outlets()
    >>> same_outlet(table, "jogja.antaranews.com", "ANTARA"), same_outlet(table, "Suara", "suaramerdeka.com")
    (True, False)
    """
    return canonical_key(table, first) == canonical_key(table, second)

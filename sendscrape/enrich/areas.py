"""Area codes: a report's area name (or provider id) to its URN, LA code, GSS code and regions.

The facts live in `sendscrape/enrich/data/local_authorities.csv`, one row per English local
authority (plus the few abolished ones whose reports are still published). Names are matched
exactly on a normalised key (case, "&"/"and", punctuation, "City of", "Council", "Borough"...
removed) or on an alias listed in the table; nothing is matched approximately, except by
`area_by_lenient_name`, which is for hand-kept lists (ADCS's 'Stoke', 'Birmingham CC') only.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

TABLE_NAME = "local_authorities.csv"

# Ofsted reports by eight regions: the ONS regions, with the North East and Yorkshire and the
# Humber merged into one.
OFSTED_REGION_BY_ONS_REGION = {
    "North East": "North East, Yorkshire and the Humber",
    "Yorkshire and the Humber": "North East, Yorkshire and the Humber",
    "North West": "North West",
    "East Midlands": "East Midlands",
    "West Midlands": "West Midlands",
    "East of England": "East of England",
    "London": "London",
    "South East": "South East",
    "South West": "South West",
}

# Word sequences that name the kind of council rather than the place; stripped from either end.
_PREFIXES = (
    ("the",),
    ("london", "borough", "of"),
    ("royal", "borough", "of"),
    ("metropolitan", "borough", "of"),
    ("borough", "of"),
    ("council", "of", "the"),
    ("county", "of"),
    ("city", "of"),
    ("county",),
)
_SUFFIXES = (
    ("local", "area", "partnership"),
    ("local", "authority"),
    ("unitary", "authority"),
    ("council",),
    ("city", "of"),
    ("county", "of"),
    ("metropolitan", "borough"),
    ("metropolitan", "district"),
    ("borough",),
    ("county",),
    ("city",),
    ("district",),
)
_KEEP_WHOLE = (("city", "of", "london"),)  # "City of London" is the place's name, not a title
_SHORT_IDS = re.compile(r"^\d{3}$")


class AreaNotFound(LookupError):
    """No local authority in the table matches a name, URN or code; carries the bad input."""

    def __init__(self, source: str, value: str, kind: str = "area name") -> None:
        self.source = source
        self.value = value
        self.kind = kind
        hint = f" (normalised: {name_key(value)!r})" if kind == "area name" else ""
        super().__init__(
            f"{source}: no English local authority matches {kind} {value!r}{hint}; if this is a "
            f"real name form, add it to the aliases in sendscrape/enrich/data/{TABLE_NAME}"
        )


class AreaMismatch(AreaNotFound):
    """The report's area name and the provider page it was found on name different areas."""

    def __init__(self, source: str, name: str, by_name: str, urn: str, by_urn: str) -> None:
        LookupError.__init__(
            self,
            f"{source}: the report names {name!r} ({by_name}) but was listed under "
            f"provider {urn} ({by_urn})",
        )
        self.source, self.value, self.kind = source, name, "area name"


@dataclass(frozen=True)
class LocalAuthority:
    """One row of the table: an English local authority and its codes."""

    name: str
    urns: tuple[str, ...]
    la_code: str
    gss_code: str
    former_gss_codes: tuple[str, ...]
    region: str
    aliases: tuple[str, ...]
    abolished: dt.date | None
    successors: tuple[str, ...]

    @property
    def urn(self) -> str:
        """The URN written into records (the first listed; others are older provider pages)."""
        return self.urns[0]

    @property
    def ofsted_region(self) -> str:
        return OFSTED_REGION_BY_ONS_REGION[self.region]

    def fields(self) -> dict[str, str]:
        """The area fields every record carries."""
        return {
            "urn": self.urn,
            "la_code": self.la_code,
            "gss_code": self.gss_code,
            "region": self.region,
            "ofsted_region": self.ofsted_region,
        }


def name_key(name: str) -> str:
    """The form all names of one area share: 'The Royal Borough of Greenwich' -> 'greenwich'."""
    text = unicodedata.normalize("NFKC", name).lower().replace("&", " and ")
    text = re.sub(r"['’‘.]", "", text)
    words = tuple(re.sub(r"[^a-z0-9]+", " ", text).split())
    return " ".join(_strip_titles(words))


def _strip_titles(words: tuple[str, ...]) -> tuple[str, ...]:
    changed = True
    while changed and words not in _KEEP_WHOLE:
        changed = False
        for prefix in _PREFIXES:
            if len(words) > len(prefix) and words[: len(prefix)] == prefix:
                words, changed = words[len(prefix) :], True
                break
        for suffix in _SUFFIXES:
            if not changed and len(words) > len(suffix) and words[-len(suffix) :] == suffix:
                words, changed = words[: -len(suffix)], True
                break
    return words


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _authority_from_row(row: dict[str, str], where: str) -> LocalAuthority:
    authority = LocalAuthority(
        name=row["name"].strip(),
        urns=_split(row["urns"]),
        la_code=row["la_code"].strip(),
        gss_code=row["gss_code"].strip(),
        former_gss_codes=_split(row["former_gss_codes"]),
        region=row["region"].strip(),
        aliases=_split(row["aliases"]),
        abolished=dt.date.fromisoformat(row["abolished"]) if row["abolished"] else None,
        successors=_split(row["successors"]),
    )
    problems = [
        "no URN" if not authority.urns else "",
        "LA code is not 3 digits" if not _SHORT_IDS.match(authority.la_code) else "",
        "bad GSS code" if not re.match(r"^E(06|08|09|10)\d{6}$", authority.gss_code) else "",
        "unknown region" if authority.region not in OFSTED_REGION_BY_ONS_REGION else "",
    ]
    if any(problems):
        raise ValueError(f"{where}: {'; '.join(p for p in problems if p)}")
    return authority


@functools.cache
def local_authorities() -> tuple[LocalAuthority, ...]:
    """Every row of the shipped table, in table order."""
    table = resources.files("sendscrape.enrich").joinpath("data").joinpath(TABLE_NAME)
    rows = csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"), newline=""))
    return tuple(
        _authority_from_row(row, f"{TABLE_NAME} line {line}")
        for line, row in enumerate(rows, start=2)
    )


def _unique_index(
    pairs: Iterable[tuple[str, LocalAuthority]], what: str
) -> dict[str, LocalAuthority]:
    index: dict[str, LocalAuthority] = {}
    for key, authority in pairs:
        if index.setdefault(key, authority) is not authority:
            raise ValueError(
                f"{TABLE_NAME}: {what} {key!r} names both {index[key].name} and {authority.name}"
            )
    return index


@functools.cache
def _by_name_key() -> dict[str, LocalAuthority]:
    pairs = {
        (name_key(form), authority)
        for authority in local_authorities()
        for form in (authority.name, *authority.aliases)
    }
    return _unique_index(sorted(pairs, key=lambda pair: pair[1].name), "name")


@functools.cache
def _by_urn() -> dict[str, LocalAuthority]:
    return _unique_index(((u, a) for a in local_authorities() for u in a.urns), "URN")


@functools.cache
def _by_la_code() -> dict[str, LocalAuthority]:
    return _unique_index(((a.la_code, a) for a in local_authorities()), "LA code")


@functools.cache
def _by_gss_code() -> dict[str, LocalAuthority]:
    pairs = ((c, a) for a in local_authorities() for c in (a.gss_code, *a.former_gss_codes))
    return _unique_index(pairs, "GSS code")


def area_by_name(name: str, source: str = "<name>") -> LocalAuthority:
    """The authority a report's area name denotes; AreaNotFound names `source` and `name`."""
    found = _by_name_key().get(name_key(name))
    if found is None:
        raise AreaNotFound(source, name)
    return found


def area_by_urn(urn: str, source: str = "<urn>") -> LocalAuthority:
    found = _by_urn().get(urn.strip())
    if found is None:
        raise AreaNotFound(source, urn, "URN")
    return found


def area_by_la_code(la_code: str, source: str = "<la_code>") -> LocalAuthority:
    found = _by_la_code().get(la_code.strip())
    if found is None:
        raise AreaNotFound(source, la_code, "LA code")
    return found


def area_by_gss_code(gss_code: str, source: str = "<gss_code>") -> LocalAuthority:
    """By current or former (pre-reorganisation) GSS code."""
    found = _by_gss_code().get(gss_code.strip().upper())
    if found is None:
        raise AreaNotFound(source, gss_code, "GSS code")
    return found


def area_by_provider_id(provider_id: str, source: str = "<provider>") -> LocalAuthority:
    """From the id in a `/provider/44/ID` link: a URN, or the 3-digit LA code Ofsted also uses."""
    if _SHORT_IDS.match(provider_id.strip()):
        return area_by_la_code(provider_id, source)
    return area_by_urn(provider_id, source)


_LIST_ABBREVIATIONS = (
    (re.compile(r"\s+(?:cc|mbc|bc|dc)$", re.IGNORECASE), ""),  # 'Birmingham CC'
    (re.compile(r"^ne\s+", re.IGNORECASE), "North East "),  # 'NE Lincolnshire'
    (re.compile(r"\s+and\s+", re.IGNORECASE), " with "),  # 'Blackburn and Darwen'
)


def _lenient_forms(name: str) -> list[str]:
    """The name as written, before any '/' ('Sunderland/TfChildren'), then with the
    abbreviations hand-kept lists use spelt out, one after another."""
    forms = [name, name.split("/", maxsplit=1)[0].strip()]
    for pattern, replacement in _LIST_ABBREVIATIONS:
        forms.append(pattern.sub(replacement, forms[-1]))
    return list(dict.fromkeys(forms))


def _exact_or_unique_prefix(name: str) -> LocalAuthority | None:
    found = _by_name_key().get(name_key(name))
    if found is not None:
        return found
    key = name_key(name)
    prefixed = [a for a in local_authorities() if name_key(a.name).startswith(f"{key} ")]
    return prefixed[0] if len(prefixed) == 1 else None


def area_by_lenient_name(name: str) -> LocalAuthority | None:
    """The authority a name in a hand-kept list most likely denotes, or None: the exact match
    first, then the name cut at '/', council-type suffixes dropped ('CC', 'MBC'), 'NE' spelt
    out, 'and' read as 'with', and finally a unique name prefix ('Stoke' for Stoke-on-Trent).
    Never used for a report's own area name, which must match exactly (`area_by_name`)."""
    found = (_exact_or_unique_prefix(form) for form in _lenient_forms(name))
    return next((authority for authority in found if authority), None)


def _predecessors(authority: LocalAuthority) -> set[str]:
    return {a.name for a in local_authorities() if authority.name in a.successors}


def area_fields(name: str, source: str, urn: str | None = None) -> dict[str, str]:
    """`urn`, `la_code`, `gss_code`, `region`, `ofsted_region` for a report's area.

    The report's own name must denote an authority. With `urn` (the provider page a crawled
    report was listed on, a URN or 3-digit LA code) the name must also match that page's area or
    an authority it replaced (an old report kept on the successor's page keeps its own area):
    another area's report served at an area's URL is AreaMismatch, never a silent swap. Raises
    AreaNotFound naming `source`.
    """
    by_name = area_by_name(name, source)
    if urn is None:
        return by_name.fields()
    by_urn = area_by_provider_id(urn, source)
    if by_name == by_urn:
        return by_urn.fields()
    if by_name.name in _predecessors(by_urn):
        return by_name.fields()
    raise AreaMismatch(source, name, by_name.name, urn, by_urn.name)

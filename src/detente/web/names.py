"""Human names for the codes the store keeps: countries, sectors, CAMEO types, quad classes.

The dashboard shows codes *and* names (``IRN`` Iran, ``040`` consult) because
analysts search by code and read by name.  Country names come from pycountry;
CAMEO names from the events stage's code table, read once when the router is
built; sector names follow the CAMEO actor codebook's role codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from detente.events.codes import PLOVER_TYPES, CodeInfo, parse_code_table

QUAD_NAMES: Mapping[int, str] = MappingProxyType(
    {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
)
# The modality filter: "" shows every event, "facts" only those that happened.
MODALITIES: Mapping[str, str] = MappingProxyType(
    {
        "": "any",
        "facts": "happened (not negated, hypothetical or future)",
        "negated": "negated",
        "hypothetical": "hypothetical",
        "future": "future",
        "historical": "historical",
    }
)
FLAGS = ("negated", "hypothetical", "future", "historical")
# CAMEO actor codebook role codes (the third to fifth letters of an actor code).
SECTORS: Mapping[str, str] = MappingProxyType(
    {
        "GOV": "government",
        "MIL": "military",
        "COP": "police",
        "JUD": "judiciary",
        "LEG": "legislature",
        "OPP": "opposition",
        "REB": "rebels",
        "INS": "insurgents",
        "SPY": "intelligence",
        "BUS": "business",
        "MED": "media",
        "CVL": "civilians",
        "EDU": "education",
        "HLH": "health",
        "REF": "refugees",
        "ELI": "elites",
        "LAB": "labour",
        "AGR": "agriculture",
        "REL": "religious",
        "IGO": "intergovernmental organisation",
        "NGO": "non-governmental organisation",
        "MNC": "multinational corporation",
        "CRM": "criminals",
        "UAF": "unaffiliated armed forces",
        "SEP": "separatists",
    }
)


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str:
    """``IRN`` -> ``Iran``; unknown codes come back unchanged (pycountry's data is read once)."""
    if not code:
        return ""
    import pycountry

    try:
        found = pycountry.countries.get(alpha_3=code.upper())
    except (KeyError, LookupError):
        found = None
    if found is None:
        return code
    return str(getattr(found, "common_name", None) or found.name)


@dataclass(frozen=True, slots=True)
class Names:
    """The lookups one dashboard needs; built once per router (see :func:`load_names`)."""

    cameo: Mapping[str, CodeInfo] = field(default_factory=dict)

    def cameo_name(self, code: str | None) -> str:
        if not code:
            return ""
        info = self.cameo.get(code) or self.cameo.get(code[:3]) or self.cameo.get(code[:2])
        return info.name if info else ""

    def roots(self) -> list[tuple[str, str]]:
        """The 20 CAMEO roots with their names, for the type filter."""
        return [(c, i.name) for c, i in sorted(self.cameo.items()) if len(c) == 2]

    @staticmethod
    def plover_types() -> list[str]:
        return sorted(PLOVER_TYPES)

    @staticmethod
    def quad(n: object) -> str:
        try:
            return QUAD_NAMES.get(int(n), "")  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return ""

    @staticmethod
    def country(code: str | None) -> str:
        return country_name(code)

    @staticmethod
    def actor(code: str | None) -> str:
        """A readable name for an actor code: ``AZEGOV`` -> ``Azerbaijan government``."""
        if not code:
            return ""
        code = code.upper()
        if len(code) == 3:
            return country_name(code)
        head, rest = code[:3], code[3:]
        sector = SECTORS.get(rest[:3], rest[:3].lower())
        if head in SECTORS:  # a transnational actor such as IGOUNO
            return f"{SECTORS[head]} {rest}"
        name = country_name(head)
        return f"{name} {sector}" if name != head else code


def load_names() -> Names:
    """Read the CAMEO code table packaged with the events stage."""
    text = (
        resources.files("detente.events").joinpath("data", "cameo_codes.v1.csv").read_text(encoding="utf-8")
    )
    return Names(cameo=parse_code_table(text, path="detente/events/data/cameo_codes.v1.csv"))

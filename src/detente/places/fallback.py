"""Shorter names to try when a recognised place name is not in the gazetteer.

Names in news carry words the gazetteer does not: a direction ("Northeast Georgia",
"South Philadelphia", "Far North Queensland"), a generic head ("Sichuan province",
"London City", "City of Montreal"), or the rest of an institution NER kept in the
span ("Henderson County Jail", "Vancouver International Airport").  The place those
name is the inner name, so the resolver tries, in order: the name without its
leading direction words, without a generic word at either end, and then its longest
leading and trailing word runs.  A place found this way scores lower (the resolver
discounts it), and a name none of these finds stays unresolved.
"""

from __future__ import annotations

from collections.abc import Iterator

DIRECTIONS = frozenset(
    [
        *("north", "south", "east", "west", "northern", "southern", "eastern", "western"),
        *("northeast", "northwest", "southeast", "southwest", "north-east", "north-west"),
        *("south-east", "south-west", "northeastern", "northwestern", "southeastern"),
        *("southwestern", "central", "upper", "lower", "far", "greater", "downtown", "mid"),
        *("inner", "outer", "rural", "coastal", "metro", "metropolitan", "midtown"),
    ]
)
# Words that say what kind of place the rest names, before or after it.
GENERIC_HEADS = frozenset(
    [
        *("province", "state", "region", "city", "district", "prefecture", "governorate"),
        *("municipality", "county", "town", "village", "oblast", "emirate", "territory"),
    ]
)
# A span with one of these words names a feature of its own that may lie far from
# the place its other words name ("Red River", "Zion National Park", "Russian
# Empire"): only the direction and generic-head rules apply to it.  A park, port or
# beach named after its town is in or near that town, so those words are not here.
OWN_FEATURE = frozenset(
    [
        *("river", "creek", "mountains", "range", "sea", "ocean", "gulf", "strait", "canyon"),
        *("national", "desert", "peninsula", "empire", "republic", "kingdom", "islands", "forest"),
    ]
)
# Words that are never the place a longer name means when left on their own: a run
# of just "North", "Central", "Valley" or "Hospital" names a namesake hamlet at best
# ("North Ossetian", "Central Plateau", "St. Michael's Hospital").
NOT_ALONE = frozenset(
    [
        *DIRECTIONS,
        *GENERIC_HEADS,
        *OWN_FEATURE,
        *("valley", "bay", "lake", "island", "plateau", "coast", "square"),
        *("hospital", "park", "road", "street", "avenue", "court", "hall", "airport", "station"),
        *("centre", "center", "villages", "village", "the", "new", "old", "saint", "st", "san", "santa"),
    ]
)
# Heads of "<head> of <place>" ("City of Montreal", "Port of Los Angeles").
OF_HEADS = frozenset([*GENERIC_HEADS, "port", "harbor", "harbour", "borough", "township", "parish"])
MAX_WORDS = 6


def inner_names(text: str) -> Iterator[str]:
    """Candidate inner names of ``text``, best first, each shorter than ``text``."""
    words = text.split()
    if len(words) < 2 or len(words) > MAX_WORDS:
        return
    seen: set[str] = set()

    def fresh(parts: list[str]) -> Iterator[str]:
        name = " ".join(parts)
        if len(parts) == 1 and parts[0].lower().strip(".") in NOT_ALONE:
            return
        if parts and name not in seen and name[:1].isupper():
            seen.add(name)
            yield name

    # "Northeast Georgia", "Far North Queensland": drop the direction words.
    k = 0
    while k < len(words) - 1 and words[k].lower() in DIRECTIONS:
        k += 1
    if k:
        yield from fresh(words[k:])
    # "City of Montreal", "County of Brant": the name after "of".
    if len(words) >= 3 and words[0].lower() in OF_HEADS and words[1] == "of":
        yield from fresh(words[2:])
    # "Sichuan province", "London City", "West Virginia State": drop the generic tail.
    if words[-1].lower() in GENERIC_HEADS:
        yield from fresh(words[k:-1] if len(words) - k > 1 else words[:-1])
    # "Henderson County Jail", "Newark Live Bait": the longest leading run, then the
    # longest trailing run ("Recovery Day B.C.").
    if any(w.lower().strip(".") in OWN_FEATURE for w in words):
        return
    # "Battle of Richmond", "Siege of Leningrad": the place is what follows "of".
    if "of" in words[1:-1]:
        yield from fresh(words[len(words) - words[::-1].index("of") :])
        return
    if k and len(words) - k > 1:
        # "South Central Tennessee Development District": the runs after the directions.
        for n in range(len(words) - k - 1, 0, -1):
            yield from fresh(words[k : k + n])
    for n in range(len(words) - 1, 0, -1):
        yield from fresh(words[:n])
    for n in range(len(words) - 1, 0, -1):
        yield from fresh(words[-n:])

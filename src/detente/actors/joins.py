"""The passes that join mentions a sentence matcher has composed.

"Iranian and Azerbaijani officials" shares one role over two states; "Jeyhun
Bayramov, Azerbaijan's foreign minister," makes one mention of a name and the
titled phrase set off after it.  Both read the whole list of a sentence's
mentions, so they run after composition (see ``matcher.py``) and live here as a
mixin of the sentence matcher.
"""

from __future__ import annotations

from dataclasses import replace

from detente.actors.found import Found
from detente.actors.names import NameReader
from detente.model import Actor

_CONNECTORS = frozenset({",", "and", "or", "&"})


class Joins(NameReader):
    """Joining passes; the matcher provides ``_found`` and ``sent``."""

    sent: int

    def _found(self, start: int, end: int, actor: Actor, **kw: object) -> Found:
        return Found(start, end, actor, self.sent, **kw)  # type: ignore[arg-type]

    def _share(self, found: list[Found]) -> list[Found]:
        """Spread "officials" over "Iranian and Azerbaijani officials" (and "X and Y's ...")."""
        out = list(found)
        for i in range(len(out) - 1, 0, -1):
            head = out[i]
            if not head.shares or head.base is None or head.bare:
                continue
            if not (head.base.form == "demonym" or head.possessive):
                continue
            j = i - 1
            while j >= 0:
                prev = out[j]
                gap = self.lowers[prev.end : out[j + 1].start]
                if not prev.bare or not gap or any(w not in _CONNECTORS for w in gap):
                    break
                if prev.base is None or prev.base.form not in ("demonym", "name"):
                    break
                if prev.base.form == "name" and not head.possessive and not self._initials(prev):
                    break
                country, sector = prev.actor.country, head.actor.sector
                out[j] = replace(
                    prev, actor=replace(prev.actor, sector=sector, code=(country or "") + (sector or ""))
                )
                j -= 1
        return out

    def _initials(self, f: Found) -> bool:
        """ "U.S. and Russian negotiators": an abbreviated name is used as an adjective."""
        text = self._text(f.start, f.end).replace(".", "")
        return text.isupper() and len(text) <= 4

    def _apposition(self, found: list[Found]) -> list[Found]:
        """ "Jeyhun Bayramov, Azerbaijan's foreign minister," and "X, Iran's ambassador to
        Baku": a name and the titled phrase set off after it are one mention."""
        out: list[Found] = []
        for f in found:
            comma = f.start - 1 - (f.anaphor and self.lowers[f.start - 1] == "the")
            titled = f.title is not None and f.name is None and f.actor.sector is not None
            if not titled or comma <= self.start or self.toks[comma].text != ",":
                out.append(f)
                continue
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.end == comma
                and prev.name == (prev.start, prev.end)
                and not prev.learned
            ):
                known = prev.actor
                name_span = (prev.start, prev.end)
                out.pop()
            else:
                start = self.person_entity_before(comma)
                if start is None or (prev is not None and prev.end > start):
                    out.append(f)
                    continue
                known = None
                name_span = (start, comma)
            country = f.actor.country or (known.country if known else None)
            sector = f.actor.sector
            name = known.name if known else self._text(*name_span)
            actor = Actor(
                name,
                (country or "") + (sector or ""),
                country,
                sector,
                known.wikidata if known else None,
                "person",
            )
            out.append(
                replace(
                    f,
                    start=name_span[0],
                    actor=actor,
                    name=name_span,
                    learned=known is None,
                    anaphor=False,
                    needs_country=country is None,
                    shares=False,
                )
            )
        return out


__all__ = ["Joins"]

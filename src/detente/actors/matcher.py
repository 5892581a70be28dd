"""Finding actor mentions in one sentence.

Two passes per sentence.  The *scan* walks the tokens once and takes, at each
position, the longest dictionary name (state, demonym, capital, seat,
organisation, person) or sector word ("foreign ministry", "President").  The
*compose* pass then joins those pieces into mentions with a small grammar:

    BASE ['s] MODIFIER* [PORTFOLIO] SECTOR+ [NAME]   "Iran's foreign ministry",
                                           "Azerbaijani President Ilham Aliev",
                                           "Serbian Labour Minister X"
    SECTOR+ of|in [the] BASE [, BASE]* [and BASE]    "the president of Armenia",
                                           "lawmakers in Fornost and Gondor"
    TITLE [,] NAME                         "President Ilham Aliyev", "Iran's foreign
                                           minister, Abbas Araghchi,"
    NAME , [BASE 's] TITLE                 "X, Iran's ambassador to Baku" (appositive)
    PERSON                                 "Pezeshkian" (resolved at the publication date)
    BASE                                   "Iran", "Tehran", "the Kremlin", "Iranians"
    SECTOR (standalone words only)         "police", "rebels": country from context
    the TITLE                              "the president": resolved by coreference

Pieces are consumed left to right, so mentions never overlap and "Iran and
Azerbaijan" stays two mentions.  A bare state name that is part of a larger
proper name ("Jordan River", "Iran Air", "New Mexico", "Michael Jordan") is
dropped, judged from the words around it and spaCy's entity spans.  What a
sentence cannot settle (the country of "police", who "the president" is, later
bare surnames) is left to the document passes in ``document.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from detente.actors.entries import ActorEntry
from detente.actors.found import Found, Piece
from detente.actors.lexicon import ActorLexicon, entry_actor
from detente.actors.names import NameReader
from detente.model import Actor, ParsedDocument

_POSSESSIVE = frozenset({"'s", "'", "s'"})
_CONNECTORS = frozenset({",", "and", "or", "&"})
_SUBJECT = frozenset({"nsubj", "nsubjpass"})
# Words after which "in X" says where someone is posted, not whose they are.
_POSTED = frozenset(
    {"embassy", "embassies", "consulate", "consulates", "mission", "delegation", "delegations", "diplomats"}
)
_LOCATIVE = frozenset({"in", "throughout", "across"})
_PORTFOLIO_HEADS = frozenset({"minister", "ministers", "ministry", "ministries"})
_MAX_PORTFOLIO = 3
_TO_POST = frozenset({"ambassador", "ambassadors", "envoy", "envoys", "special envoy", "consul"})


class SentenceMatcher(NameReader):
    """Matching state for one sentence of one document."""

    def __init__(
        self,
        doc: ParsedDocument,
        keys: list[str],
        lowers: list[str],
        ents: list[int],
        lex: ActorLexicon,
        on: dt.date | None,
        sent: int,
        *,
        places: dict[int, tuple[int, ActorEntry]] | None = None,
    ) -> None:
        s = doc.sentences[sent]
        super().__init__(doc, lowers, ents, lex.grammar, s.token_start, s.token_end)
        self.keys, self.lex, self.on, self.sent = keys, lex, on, sent
        self.places = places or {}
        self.pieces = self._scan()
        self.piece_at = {p.start: k for k, p in enumerate(self.pieces)}
        for p in self.pieces:
            if p.entry is not None:
                self.in_name.update(range(p.start, p.end))

    # -- pass 1 ------------------------------------------------------------
    def _scan(self) -> list[Piece]:
        out: list[Piece] = []
        i = self.start
        while i < self.end:
            name = self.lex.match_name(self.keys, i, self.end)
            sector = self.lex.match_sector(self.lowers, i, self.end)
            place = self.places.get(i)
            if place is not None and place[0] <= self.end and (not name or place[0] > name[0]):
                # a city or province the gazetteer places in one country: a bare state mention
                out.append(Piece(i, place[0], place[1], entry_actor(place[1])))
                i = place[0]
            elif name and (not sector or name[0] >= sector[0]):
                entry, actor = self.lex.resolve(name[1], self.on)
                out.append(Piece(i, name[0], entry, actor))
                i = name[0]
            elif sector:
                out.append(Piece(i, sector[0], word=sector[1]))
                i = sector[0]
            else:
                i += 1
        return out

    # -- helpers -------------------------------------------------------------
    def _chain(self, k: int, pos: int) -> tuple[list[Piece], int, bool]:
        """Consecutive sector pieces from piece ``k`` if it starts at token ``pos``."""
        chain: list[Piece] = []
        former = False
        while k < len(self.pieces) and self.pieces[k].word is not None and self.pieces[k].start == pos:
            chain.append(self.pieces[k])
            k += 1
            nxt, f = self.skip_modifiers(self.pieces[k - 1].end)
            if k < len(self.pieces) and self.pieces[k].word is not None and self.pieces[k].start == nxt:
                former |= f
                pos = nxt
            else:
                break
        return chain, k, former

    def _portfolio(self, pos: int) -> int:
        """Skip a ministry's portfolio ("Labour", "Planning and Investment") before
        "minister"/"ministry": any few words, which no closed list could hold."""
        p = pos
        while p < self.end and p - pos < _MAX_PORTFOLIO and p not in self.piece_at:
            tok = self.toks[p]
            wordy = tok.text.isalpha() and tok.pos not in ("VERB", "AUX", "DET", "ADP", "PRON")
            if not wordy and self.lowers[p] not in ("and", "&"):
                return pos
            p += 1
        idx = self.piece_at.get(p)
        if p == pos or idx is None or self.pieces[idx].word is None:
            return pos
        last = self.pieces[idx].word.text.lower().split()[-1]  # type: ignore[union-attr]
        return p if last in _PORTFOLIO_HEADS else pos

    def _person_name(self, pos: int) -> tuple[int, Piece | None] | None:
        """A person's name at token ``pos``: (end token, known person piece or None)."""
        idx = self.piece_at.get(pos)
        if idx is not None:
            piece = self.pieces[idx]
            return (piece.end, piece) if piece.form == "person" else None
        end = self.name_run(pos)
        return None if end is None else (end, None)

    def _apposed_name(self, pos: int) -> tuple[int, Piece | None] | None:
        """ ", Abbas Araghchi," after a title: a name set off by a comma, accepted when it
        is a known person, a PERSON entity, or closed by punctuation."""
        if pos >= self.end or self.toks[pos].text != ",":
            return None
        named = self._person_name(pos + 1)
        if named is None:
            return None
        end, person = named
        closed = end >= self.end or self.toks[end].text in (",", ".", ";", ")", ":")
        if person is not None or closed or self.toks[pos + 1].ent_type == "PERSON":
            return named
        return None

    def _next_piece(self, pos: int) -> int:
        for k, piece in enumerate(self.pieces):
            if piece.start >= pos:
                return k
        return len(self.pieces)

    def _plain_base(self, idx: int) -> bool:
        """Whether piece ``idx`` can end "the president of X": a state or body, not a
        demonym ("leader of the Syrian Kurds") nor a state with its own sector
        word ("commander of US forces")."""
        base = self.pieces[idx]
        if base.entry is None or base.form in ("person", "demonym"):
            return False
        pos = base.end + (base.end < self.end and self.lowers[base.end] in _POSSESSIVE)
        nxt = self.piece_at.get(pos)
        return nxt is None or self.pieces[nxt].word is None

    def _titled(self, known: Actor, chain: list[Piece], former: bool) -> Actor:
        """A known person named after a title with no state: the title's role wins."""
        if known.country is None:  # an international civil servant: keep the body's code
            return known
        explicit = [p.word.sector for p in chain if p.word is not None and p.word.sector]
        sector = None if former else (explicit[-1] if explicit else known.sector or "GOV")
        return replace(known, sector=sector, code=known.country + (sector or ""))

    @staticmethod
    def _sector(chain: list[Piece], inherited: str | None) -> str:
        # English compounds put the head last: "government forces" are MIL.
        for piece in reversed(chain):
            if piece.word is not None and piece.word.sector is not None:
                return piece.word.sector
        return inherited or "GOV"

    def _former_before(self, pos: int) -> bool:
        return pos > self.start and self.lowers[pos - 1] in self.g.former

    def _found(self, start: int, end: int, actor: Actor, **kw: object) -> Found:
        return Found(start, end, actor, self.sent, **kw)  # type: ignore[arg-type]

    # -- pass 2 ------------------------------------------------------------
    def compose(self) -> list[Found]:
        found: list[Found] = []
        k = 0
        while k < len(self.pieces):
            piece = self.pieces[k]
            if piece.word is not None:
                got, k = self._from_sector(k)
            elif piece.form == "person":
                got, k = [self._from_person(k)], k + 1
            else:
                one, k = self._from_base(k)
                got = [one]
                if one is not None:
                    more, k = self._second_sector(one, k)
                    got.extend(more)
            found.extend(f for f in got if f is not None)
        return self._apposition(self._share(found))

    def _second_sector(self, f: Found, k: int) -> tuple[list[Found], int]:
        """ "Danish media and government", "Iran's army and police": a second sector word
        joined by "and" belongs to the same state (unless it names its own: "and the
        president of X", "and Foreign Minister Y")."""
        a, pos = f.actor, f.end + 1
        if f.bare or f.name is not None or a.kind != "state" or not a.country or a.sector is None:
            return [], k
        if pos >= self.end or self.lowers[f.end] not in ("and", "&"):
            return [], k
        pos += pos < self.end and self.lowers[pos] == "the"
        chain, nxt, former = self._chain(k, pos)
        if not chain or former:
            return [], k
        end, last = chain[-1].end, chain[-1].word
        assert last is not None
        if end < self.end and (self.lowers[end] in ("of", "in") or (last.title and self._person_name(end))):
            return [], k
        sector = self._sector(chain, None)
        actor = replace(a, sector=sector, code=a.country + sector)
        return [self._found(chain[0].start, end, actor, base=f.base)], nxt

    def _from_person(self, k: int) -> Found | None:
        piece = self.pieces[k]
        assert piece.actor is not None and piece.entry is not None
        if self.in_larger_name(piece.start, piece.end):
            return None
        actor = piece.actor
        if self._former_before(piece.start):
            actor = replace(actor, sector=None, code=actor.country or "")
        office = piece.entry.office.lower() if piece.entry.office and actor.sector else None
        return self._found(piece.start, piece.end, actor, title=office, name=(piece.start, piece.end))

    def _from_base(self, k: int) -> tuple[Found | None, int]:
        base = self.pieces[k]
        assert base.entry is not None and base.actor is not None
        pos = base.end
        possessive = pos < self.end and self.lowers[pos] in _POSSESSIVE and base.form != "demonym"
        if possessive:
            pos += 1
        pos, former = self.skip_modifiers(pos)
        pos = self._portfolio(pos)
        chain, _, former2 = self._chain(self.piece_at.get(pos, len(self.pieces)), pos)
        if not chain:
            return self._bare(base), k + 1
        if self.in_larger_name(base.start, base.end, after=False):
            return None, k + 1
        former |= former2 or self._former_before(base.start)
        end = chain[-1].end
        last = chain[-1].word
        assert last is not None
        title = self._text(chain[0].start, end).lower() if last.title else None
        named = None
        if last.title:
            named = self._person_name(end) or self._apposed_name(end)
        sector: str | None = self._sector(chain, base.actor.sector)
        if former:
            sector = None
        if base.form == "org":
            explicit = [p.word.sector for p in chain if p.word is not None and p.word.sector]
            actor = replace(base.actor, sector=explicit[-1]) if explicit else base.actor
        else:
            country = base.actor.country
            actor = Actor(base.actor.name, (country or "") + (sector or ""), country, sector, None, "state")
        if named is None and self._ethnic(base) and sector is not None:
            actor = Actor(self._text(base.start - 1, end), sector, None, sector, None, "group")
            return self._found(base.start - 1, end, actor, needs_country=True), self._next_piece(end)
        if named is None:
            end = self._posted_to(end, last.text)
            return self._found(
                base.start, end, actor, base=base, possessive=possessive, shares=True, title=title
            ), (self._next_piece(end))
        name_end, person = named
        name_start = end + (self.toks[end].text == ",")
        if person is not None and person.actor is not None:
            actor = replace(actor, name=person.actor.name, wikidata=person.actor.wikidata, kind="person")
        else:
            actor = replace(actor, name=self._text(name_start, name_end), wikidata=None, kind="person")
        return (
            self._found(
                base.start,
                name_end,
                actor,
                base=base,
                possessive=possessive,
                title=title,
                name=(name_start, name_end),
                learned=person is None,
            ),
            self._next_piece(name_end),
        )

    def _posted_to(self, end: int, title: str) -> int:
        """ "Iran's ambassador to Baku": the place names the posting, not an actor."""
        if title.lower() not in _TO_POST or end + 1 >= self.end or self.lowers[end] != "to":
            return end
        idx = self.piece_at.get(end + 1 + (self.lowers[end + 1] == "the"))
        if idx is None or self.pieces[idx].form not in ("name", "capital", "place"):
            return end
        return self.pieces[idx].end

    def _ethnic(self, base: Piece) -> bool:
        """ "ethnic Albanians", "ethnic Russian separatists": a people living outside its
        state (in Macedonia, in Ukraine), so the demonym does not give the country."""
        return base.form == "demonym" and base.start > self.start and self.lowers[base.start - 1] == "ethnic"

    def _bare(self, base: Piece) -> Found | None:
        assert base.actor is not None
        if self.in_larger_name(base.start, base.end):
            return None
        if self._ethnic(base):
            actor = Actor(self._text(base.start - 1, base.end), "CVL", None, "CVL", None, "group")
            return self._found(base.start - 1, base.end, actor, needs_country=True)
        actor = base.actor
        if base.form == "capital" and actor.country:
            head = self.toks[self.head(base.start, base.end)]
            by_agent = head.dep == "pobj" and self.lowers[head.head] == "by"
            if head.dep in _SUBJECT or by_agent:  # "Tehran said", "an admission by Moscow"
                actor = replace(actor, sector="GOV", code=actor.country + "GOV")
        return self._found(base.start, base.end, actor, base=base, bare=True)

    def _from_sector(self, k: int) -> tuple[list[Found | None], int]:
        first = self.pieces[k]
        chain, nxt, former = self._chain(k, first.start)
        former |= self._former_before(first.start)
        end = chain[-1].end
        last = chain[-1].word
        assert last is not None
        sector: str | None = self._sector(chain, None)
        # "the president of Armenia", "the government of Iran", "lawmakers in Gondor"
        pos = end
        link = self.lowers[pos] if pos < self.end else ""
        locative = link in _LOCATIVE and not last.title and last.sector != "MIL"
        if (link == "of" or locative) and last.text.lower() not in _POSTED:
            pos += 1 + (pos + 1 < self.end and self.lowers[pos + 1] == "the")
            idx = self.piece_at.get(pos)
            if idx is not None and self._plain_base(idx) and (link == "of" or self.pieces[idx].form != "org"):
                return self._of_bases(first.start, idx, None if former else sector)
        if last.title:
            named = self._person_name(end) or self._apposed_name(end)
            title = self._text(first.start, end).lower()
            if named is not None:
                name_end, person = named
                nxt = self._next_piece(name_end)
                name_start = end + (self.toks[end].text == ",")
                if person is not None and person.actor is not None:
                    actor = self._titled(person.actor, chain, former)
                    return [
                        self._found(first.start, name_end, actor, title=title, name=(name_start, name_end))
                    ], nxt
                if all(p.word is not None and p.word.sector is None for p in chain):
                    return [None], nxt  # "Director X", "spokesperson Y": of what, is unknown
                actor = Actor(
                    self._text(name_start, name_end),
                    sector or "",
                    None,
                    None if former else sector,
                    None,
                    "person",
                )
                if former:  # a past holder keeps only a country, which context may give
                    actor = replace(actor, code="")
                kw = {"title": title, "name": (name_start, name_end), "learned": True}
                return [self._found(first.start, name_end, actor, needs_country=True, **kw)], nxt
            single = len(chain) == 1 and not title.endswith("s")
            if single and not former and first.start > self.start and self.lowers[first.start - 1] == "the":
                actor = Actor(title, sector or "", None, sector, None, "person")
                return [self._found(first.start, end, actor, title=title, anaphor=True)], nxt
        if any(p.word is not None and p.word.standalone for p in chain) and not self.modifies_next(end):
            sector = self._sector(chain, None)
            actor = Actor(self._text(first.start, end).lower(), sector, None, sector, None, "group")
            return [self._found(first.start, end, actor, needs_country=True)], nxt
        return [None], nxt

    def _of_bases(self, start: int, idx: int, sector: str | None) -> tuple[list[Found | None], int]:
        """ "the ambassadors of Arnor, Osgiliath and Gondor": one mention per state."""
        out: list[Found | None] = []
        first = True
        while True:
            base = self.pieces[idx]
            assert base.actor is not None
            if base.form == "org":
                actor = base.actor
            else:
                country = base.actor.country
                actor = Actor(
                    base.actor.name, (country or "") + (sector or ""), country, sector, None, "state"
                )
            out.append(self._found(start if first else base.start, base.end, actor, base=base))
            first = False
            pos = base.end
            while pos < self.end and self.lowers[pos] in _CONNECTORS | {"the"}:
                pos += 1
            nxt = self.piece_at.get(pos)
            if (
                pos == base.end
                or nxt is None
                or not self._plain_base(nxt)
                or self.pieces[nxt].form == "capital"
            ):
                return out, idx + 1
            idx = nxt

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


__all__ = ["SentenceMatcher"]

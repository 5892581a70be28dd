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
    SECTOR+ and SECTOR+ of|in BASE ...     "lawmakers and officials in X and Y":
                                           each role for each state
    LEAD BASE ...                          "MSF Arnor": a role that leads the code
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
bare surnames) is left to the document passes in ``document.py``.  How role
words compose with a base's code (one head role, or stacked roles as in CAMEO)
is ``codes.py``'s; the joining passes over composed mentions are in ``joins.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from detente.actors.codes import prefixed, roles_of, stack_code, stacked
from detente.actors.entries import ActorEntry
from detente.actors.found import Found, Piece
from detente.actors.joins import Joins
from detente.actors.lexicon import ActorLexicon, entry_actor
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


class SentenceMatcher(Joins):
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
        for n, p in enumerate(self.pieces):
            if p.entry is not None:
                self.in_name.update(range(p.start, p.end))
            elif self._leads(n):
                self.in_name.update(range(p.start, p.end))  # "MSF Arnor" is not a larger name

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
                also = self.lex.companions(name[1], entry, self.on)
                out.append(Piece(i, name[0], entry, actor, also=also))
                i = name[0]
            elif sector:
                out.append(Piece(i, sector[0], word=sector[1]))
                i = sector[0]
            else:
                i += 1
        return out

    # -- helpers -------------------------------------------------------------
    def _leads(self, k: int) -> bool:
        """Whether piece ``k`` is a leading role word ("MSF" in "MSF Arnor") right
        before a state or body."""
        p = self.pieces[k]
        if p.word is None or not p.word.before or not p.word.sector or k + 1 >= len(self.pieces):
            return False
        nxt = self.pieces[k + 1]
        return nxt.entry is not None and nxt.start == p.end and nxt.form != "person"

    def _former_role(self, former: bool, sector: str | None) -> str | None:
        return self.g.former_sector if former else sector

    def _stack(self, actor: Actor, chain: list[Piece], former: bool, *, body: bool) -> tuple[Actor, str]:
        return stacked(
            actor,
            [p.word for p in chain],
            former=former,
            former_sector=self.g.former_sector,
            is_body=body,
        )

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
        sector = self._former_role(former, explicit[-1] if explicit else known.sector or "GOV")
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
                at = k
                one, k = self._from_base(k)
                got = self._also(self._led(one, at), at)
                if one is not None:
                    more, k = self._second_sector(one, k)
                    got.extend(more)
            found.extend(f for f in got if f is not None)
        return self._apposition(self._share(found))

    def _led(self, f: Found | None, k: int) -> Found | None:
        """ "MSF Arnor (diplomat)": a leading role word puts its role before the code."""
        if f is None or k == 0 or not self._leads(k - 1):
            return f
        lead = self.pieces[k - 1]
        assert lead.word is not None and lead.word.sector is not None
        return replace(f, start=lead.start, actor=prefixed(f.actor, lead.word.sector), bare=False)

    def _also(self, f: Found | None, k: int) -> list[Found | None]:
        """A bare name that stands for several actors ("the Benelux") is one mention of each."""
        extra = self.pieces[k].also
        if f is None or not extra or not f.bare:
            return [f]
        return [f, *(replace(f, actor=a) for a in extra)]

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
        if self.g.stack_codes and f.stem is not None:  # "Danish Islamist media and government"
            roles = roles_of(p.word for p in chain) or [sector]
            actor = replace(a, sector=roles[-1], code=stack_code(f.stem, roles))
        return [self._found(chain[0].start, end, actor, base=f.base)], nxt

    def _from_person(self, k: int) -> Found | None:
        piece = self.pieces[k]
        assert piece.actor is not None and piece.entry is not None
        if self.in_larger_name(piece.start, piece.end):
            return None
        actor = piece.actor
        if self._former_before(piece.start):
            role = self.g.former_sector
            actor = replace(actor, sector=role, code=(actor.country or "") + (role or ""))
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
            sector = self.g.former_sector
        stem = None
        if self.g.stack_codes:
            actor, stem = self._stack(base.actor, chain, former, body=base.form in ("org", "seat"))
            actor = replace(actor, kind="state") if base.form not in ("org", "seat") else actor
        elif base.form == "org":
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
                base.start, end, actor, base=base, possessive=possessive, shares=True, title=title, stem=stem
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
                return self._of_bases(first.start, idx, self._former_role(former, sector), chain, former)
        if link in ("and", "&") and not last.title:
            shared = self._shared_bases(first.start, end, chain, former)
            if shared is not None:
                return shared
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
                role = self._former_role(former, sector)
                # a past holder keeps only a country (and the former role), which context may give
                actor = Actor(self._text(name_start, name_end), role or "", None, role, None, "person")
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

    def _shared_bases(
        self, start: int, end: int, chain: list[Piece], former: bool
    ) -> tuple[list[Found | None], int] | None:
        """ "Lawmakers and officials in Fornost and Gondor": a role joined by "and" to
        a role of named states is that of each of them too (FORLEG, GONLEG beside
        FORGOV, GONGOV).  None when the second role names no state."""
        pos = end + 1
        pos += pos < self.end and self.lowers[pos] == "the"
        k2 = self.piece_at.get(pos)
        if k2 is None or self.pieces[k2].word is None:
            return None
        got, nxt = self._from_sector(k2)
        founds = [f for f in got if f is not None]
        if not founds or len(founds) != len(got) or any(f.base is None or f.name for f in founds):
            return None
        sector = self._former_role(former, self._sector(chain, None))
        mine = [
            self._found(start, end, self._on_base(f.base, sector, chain, former), base=f.base)
            for f in founds
            if f.base is not None
        ]
        return [*mine, *got], nxt

    def _on_base(self, base: Piece, sector: str | None, chain: list[Piece] | None, former: bool) -> Actor:
        """The actor a role (``sector``, or the stacked ``chain``) of state or body ``base`` is."""
        assert base.actor is not None
        if self.g.stack_codes and chain is not None:
            actor, _ = self._stack(base.actor, chain, former, body=base.form in ("org", "seat"))
            return actor if base.form in ("org", "seat") else replace(actor, kind="state")
        if base.form == "org":
            return base.actor
        country = base.actor.country
        return Actor(base.actor.name, (country or "") + (sector or ""), country, sector, None, "state")

    def _of_bases(
        self,
        start: int,
        idx: int,
        sector: str | None,
        chain: list[Piece] | None = None,
        former: bool = False,
    ) -> tuple[list[Found | None], int]:
        """ "the ambassadors of Arnor, Osgiliath and Gondor": one mention per state."""
        out: list[Found | None] = []
        first = True
        while True:
            base = self.pieces[idx]
            assert base.actor is not None
            actor = self._on_base(base, sector, chain, former)
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


__all__ = ["SentenceMatcher"]

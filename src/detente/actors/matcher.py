"""Finding actor mentions in a parsed document.

Two passes per sentence.  The *scan* walks the tokens once and takes, at each
position, the longest dictionary name (state, demonym, capital, seat,
organisation, person) or sector word ("foreign ministry", "President").  The
*compose* pass then joins those pieces into mentions with a small grammar:

    BASE ['s] MODIFIER* SECTOR+ [NAME]     "Iran's foreign ministry",
                                           "Azerbaijani President Ilham Aliev"
    SECTOR+ of [the] BASE                  "the president of Armenia"
    TITLE NAME                             "President Ilham Aliyev", "Foreign Minister X"
    PERSON                                 "Pezeshkian" (resolved at the publication date)
    BASE                                   "Iran", "Tehran", "the Kremlin", "Iranians"
    SECTOR (standalone words only)         "police", "rebels"

Pieces are consumed left to right, so mentions never overlap and "Iran and
Azerbaijan" stays two mentions.  A bare state name that is part of a larger
proper name ("Jordan River", "Iran Air", "New Mexico", "Michael Jordan") is
dropped, judged from the words around it and spaCy's entity spans.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from detente.actors.entries import ActorEntry, SectorWord
from detente.actors.lexicon import ActorLexicon, entry_actor, norm
from detente.model import Actor, ActorMention, ParsedDocument, Token

_POSSESSIVE = frozenset({"'s", "'", "s'"})
_CONNECTORS = frozenset({",", "and", "or", "&"})
_NOT_NAME_ENTS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "EVENT", "LAW", "LANGUAGE"}
)
_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "X", ""})
_SUBJECT = frozenset({"nsubj", "nsubjpass"})
_MAX_NAME_TOKENS = 6


@dataclass(frozen=True, slots=True)
class _Piece:
    """One scan result: a dictionary name (entry resolved) or a sector word."""

    start: int
    end: int
    entry: ActorEntry | None = None
    actor: Actor | None = None
    word: SectorWord | None = None

    @property
    def form(self) -> str:
        return self.entry.pattern_form if self.entry else "sector"


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    actor: Actor
    base: _Piece | None = None  # the state/organisation piece the mention was built on
    bare: bool = False  # a base with no sector word
    possessive: bool = False
    shares: bool = False  # its sector may spread to "X and Y" before it


class _Sentence:
    """Matching state for one sentence of one document."""

    def __init__(
        self,
        doc: ParsedDocument,
        keys: list[str],
        lowers: list[str],
        ents: list[int],
        lex: ActorLexicon,
        on: dt.date | None,
        start: int,
        end: int,
    ) -> None:
        self.doc, self.toks = doc, doc.tokens
        self.keys, self.lowers, self.ents = keys, lowers, ents
        self.lex, self.g, self.on = lex, lex.grammar, on
        self.start, self.end = start, end
        self.premods = self.g.modifiers | self.g.former
        self.pieces = self._scan()
        self.piece_at = {p.start: k for k, p in enumerate(self.pieces)}
        self.in_name = set()
        for p in self.pieces:
            if p.entry is not None:
                self.in_name.update(range(p.start, p.end))

    # -- pass 1 ------------------------------------------------------------
    def _scan(self) -> list[_Piece]:
        out: list[_Piece] = []
        i = self.start
        while i < self.end:
            name = self.lex.match_name(self.keys, i, self.end)
            sector = self.lex.match_sector(self.lowers, i, self.end)
            if name and (not sector or name[0] >= sector[0]):
                entry, actor = self.lex.resolve(name[1], self.on)
                out.append(_Piece(i, name[0], entry, actor))
                i = name[0]
            elif sector:
                out.append(_Piece(i, sector[0], word=sector[1]))
                i = sector[0]
            else:
                i += 1
        return out

    # -- helpers -------------------------------------------------------------
    def _skip_modifiers(self, pos: int) -> tuple[int, bool]:
        """Skip "top", "senior", "former", "then-" ...; report whether a "former" was seen."""
        former = False
        premods = self.premods
        while pos < self.end and pos not in self.piece_at:
            low = self.lowers[pos]
            if low in self.g.former:
                former = True
            elif low not in premods and not (
                low == "-" and pos > self.start and self.lowers[pos - 1] in premods
            ):
                break
            pos += 1
        return pos, former

    def _chain(self, k: int, pos: int) -> tuple[list[_Piece], int, bool]:
        """Consecutive sector pieces from piece ``k`` if it starts at token ``pos``."""
        chain: list[_Piece] = []
        former = False
        while k < len(self.pieces) and self.pieces[k].word is not None and self.pieces[k].start == pos:
            chain.append(self.pieces[k])
            k += 1
            nxt, f = self._skip_modifiers(self.pieces[k - 1].end)
            if k < len(self.pieces) and self.pieces[k].word is not None and self.pieces[k].start == nxt:
                former |= f
                pos = nxt
            else:
                break
        return chain, k, former

    def _name_like(self, t: Token) -> bool:
        tx = t.text
        if not tx[:1].isupper() or t.ent_type in _NOT_NAME_ENTS or t.pos not in _NAME_POS:
            return False
        return tx.replace(".", "").replace("'", "").replace("\u2019", "").isalpha()

    def _person_name(self, pos: int, k: int) -> tuple[int, int, _Piece | None] | None:
        """A person's name right after a title: (end token, next piece index, known person)."""
        toks, n = self.toks, 0
        p = pos
        while p < self.end and n < _MAX_NAME_TOKENS:
            idx = self.piece_at.get(p)
            if idx is not None:
                piece = self.pieces[idx]
                if piece.form == "person":
                    return piece.end, idx + 1, piece
                break
            t = toks[p]
            if self._name_like(t) or (
                (self.lowers[p] in self.g.name_particles or t.text == "-")
                and p + 1 < self.end
                and (self._name_like(toks[p + 1]) or toks[p + 1].text == "-")
            ):
                p += 1
            else:
                break
            n += 1
        while p > pos and not self._name_like(toks[p - 1]):
            p -= 1
        if p == pos:
            return None
        return p, self._next_piece(p), None

    def _next_piece(self, pos: int) -> int:
        for k, piece in enumerate(self.pieces):
            if piece.start >= pos:
                return k
        return len(self.pieces)

    def _in_larger_name(self, start: int, end: int, *, after: bool = True) -> bool:
        """True when [start, end) is part of a longer proper name ("Jordan River").

        With ``after=False`` only words before the span count: a state followed by
        its sector words ("Iran's Foreign Ministry") is often one ORG entity.
        """
        toks = self.toks
        if after and end < self.end and toks[end].text in self.g.name_continuations:
            return True
        if start > self.start and toks[start - 1].text in self.g.name_prefixes:
            return True
        ent = self.ents[start]
        if ent < 0:
            return False
        e = self.doc.entities[ent]
        for t in range(e.token_start, e.token_end if after else start):
            if start <= t < end or t in self.in_name or self.lowers[t] in self.premods:
                continue
            if t == self.start and toks[t].pos != "PROPN":
                continue  # capitalised only because it opens the sentence
            if toks[t].text[:1].isupper() and self.lowers[t] != "the":
                return True
        return False

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

    def _modifies_next(self, end: int) -> bool:
        """Whether the word before ``end`` modifies a later noun ("military operations")."""
        tok = self.toks[end - 1]
        return tok.dep in ("compound", "amod", "nmod") and tok.head >= end

    def _titled(self, known: Actor, chain: list[_Piece], former: bool) -> Actor:
        """A known person named after a title with no state: the title's role wins."""
        if known.country is None:  # an international civil servant: keep the body's code
            return known
        explicit = [p.word.sector for p in chain if p.word is not None and p.word.sector]
        sector = None if former else (explicit[-1] if explicit else known.sector or "GOV")
        return replace(known, sector=sector, code=known.country + (sector or ""))

    @staticmethod
    def _sector(chain: list[_Piece], inherited: str | None) -> str:
        # English compounds put the head last: "government forces" are MIL.
        for piece in reversed(chain):
            if piece.word is not None and piece.word.sector is not None:
                return piece.word.sector
        return inherited or "GOV"

    # -- pass 2 ------------------------------------------------------------
    def compose(self) -> list[_Found]:
        found: list[_Found] = []
        k = 0
        while k < len(self.pieces):
            piece = self.pieces[k]
            if piece.word is not None:
                got, k = self._from_sector(k)
            elif piece.form == "person":
                got, k = self._from_person(k), k + 1
            else:
                got, k = self._from_base(k)
            if got is not None:
                found.append(got)
        return self._share(found)

    def _from_person(self, k: int) -> _Found | None:
        piece = self.pieces[k]
        assert piece.actor is not None
        if self._in_larger_name(piece.start, piece.end):
            return None
        actor = piece.actor
        if piece.start > self.start and self.lowers[piece.start - 1] in self.g.former:
            actor = replace(actor, sector=None, code=actor.country or "")
        return _Found(piece.start, piece.end, actor)

    def _from_base(self, k: int) -> tuple[_Found | None, int]:
        base = self.pieces[k]
        assert base.entry is not None and base.actor is not None
        pos = base.end
        possessive = pos < self.end and self.lowers[pos] in _POSSESSIVE and base.form != "demonym"
        if possessive:
            pos += 1
        pos, former = self._skip_modifiers(pos)
        chain, nxt, former2 = self._chain(k + 1, pos)
        if not chain:
            return self._bare(base), k + 1
        if self._in_larger_name(base.start, base.end, after=False):
            return None, k + 1
        former |= former2 or (base.start > self.start and self.lowers[base.start - 1] in self.g.former)
        end = chain[-1].end
        person: _Piece | None = None
        name_end = None
        last = chain[-1].word
        assert last is not None
        if last.title:
            named = self._person_name(end, nxt)
            if named is not None:
                name_end, nxt, person = named
        sector: str | None = self._sector(chain, base.actor.sector)
        if former:
            sector = None
        if base.form == "org":
            actor = base.actor
        else:
            country = base.actor.country
            actor = Actor(base.actor.name, (country or "") + (sector or ""), country, sector, None, "state")
        if person is not None and person.actor is not None:
            actor = replace(actor, name=person.actor.name, wikidata=person.actor.wikidata, kind="person")
        elif name_end is not None:
            actor = replace(actor, name=self._text(end, name_end), wikidata=None, kind="person")
        return (
            _Found(base.start, name_end or end, actor, base, possessive=possessive, shares=name_end is None),
            nxt,
        )

    def _bare(self, base: _Piece) -> _Found | None:
        assert base.actor is not None
        if self._in_larger_name(base.start, base.end):
            return None
        actor = base.actor
        if base.form == "capital":
            head = self.toks[self._head(base.start, base.end)]
            if head.dep in _SUBJECT and actor.country:
                actor = replace(actor, sector="GOV", code=actor.country + "GOV")
        return _Found(base.start, base.end, actor, base, bare=True)

    def _from_sector(self, k: int) -> tuple[_Found | None, int]:
        first = self.pieces[k]
        chain, nxt, former = self._chain(k, first.start)
        former |= first.start > self.start and self.lowers[first.start - 1] in self.g.former
        end = chain[-1].end
        last = chain[-1].word
        assert last is not None
        sector: str | None = self._sector(chain, None)
        # "the president of Armenia", "the government of Iran"
        pos = end
        if pos < self.end and self.lowers[pos] == "of":
            pos += 1 + (pos + 1 < self.end and self.lowers[pos + 1] == "the")
            idx = self.piece_at.get(pos)
            if idx is not None and self._plain_base(idx):
                base = self.pieces[idx]
                assert base.actor is not None
                if base.form == "org":
                    return _Found(first.start, base.end, base.actor, base), idx + 1
                if base.form != "person":
                    country = base.actor.country
                    sector = None if former else sector
                    actor = Actor(
                        base.actor.name, (country or "") + (sector or ""), country, sector, None, "state"
                    )
                    return _Found(first.start, base.end, actor, base), idx + 1
        if last.title:
            named = self._person_name(end, nxt)
            if named is not None:
                name_end, nxt, person = named
                if person is not None and person.actor is not None:
                    return _Found(first.start, name_end, self._titled(person.actor, chain, former)), nxt
                if all(p.word is not None and p.word.sector is None for p in chain):
                    return None, nxt  # "Director X", "spokesperson Y": of what, is unknown
                actor = Actor(
                    self._text(end, name_end), sector or "", None, None if former else sector, None, "person"
                )
                if former:
                    actor = replace(actor, code="")
                return _Found(first.start, name_end, actor), nxt
        if any(p.word is not None and p.word.standalone for p in chain) and not self._modifies_next(end):
            sector = self._sector(chain, None)
            return _Found(
                first.start,
                end,
                Actor(self._text(first.start, end).lower(), sector, None, sector, None, "group"),
            ), nxt
        return None, nxt

    def _share(self, found: list[_Found]) -> list[_Found]:
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
                if (
                    prev.base is None
                    or prev.base.form not in ("demonym", "name")
                    or (prev.base.form == "name" and not head.possessive)
                ):
                    break
                country, sector = prev.actor.country, head.actor.sector
                out[j] = replace(
                    prev, actor=replace(prev.actor, sector=sector, code=(country or "") + (sector or ""))
                )
                j -= 1
        return out

    # -- output ----------------------------------------------------------------
    def _text(self, start: int, end: int) -> str:
        return self.doc.document.text[self.toks[start].start : self.toks[end - 1].end]

    def _head(self, start: int, end: int) -> int:
        """The token whose syntactic head lies outside [start, end) (the last such one)."""
        best = end - 1
        candidates = [
            i for i in range(start, end) if not start <= self.toks[i].head < end or self.toks[i].head == i
        ]
        if candidates:
            best = candidates[-1]
        return best

    def mention(self, f: _Found) -> ActorMention:
        toks = self.toks
        return ActorMention(
            text=self._text(f.start, f.end),
            start=toks[f.start].start,
            end=toks[f.end - 1].end,
            sent=toks[f.start].sent,
            token_start=f.start,
            token_end=f.end,
            head=self._head(f.start, f.end),
            actor=f.actor,
        )


def find_mentions(
    doc: ParsedDocument, *, lexicon: ActorLexicon, on: dt.date | None = None
) -> tuple[ActorMention, ...]:
    """All actor mentions of ``doc``, in text order, resolved at date ``on``."""
    tokens = doc.tokens
    keys = [norm(t.text) for t in tokens]
    lowers = [k.lower() for k in keys]
    ents = [-1] * len(tokens)
    for n, e in enumerate(doc.entities):
        for t in range(e.token_start, min(e.token_end, len(tokens))):
            ents[t] = n
    out: list[ActorMention] = []
    for sent in doc.sentences:
        if sent.token_end <= sent.token_start:
            continue
        state = _Sentence(doc, keys, lowers, ents, lexicon, on, sent.token_start, sent.token_end)
        out.extend(state.mention(f) for f in state.compose())
    out.sort(key=lambda m: m.start)
    return tuple(out)


__all__ = ["entry_actor", "find_mentions"]

"""In-document coreference of people: later surnames and bare titles.

News introduces a person once with a title ("Iranian President Massoud
Pezeshkian", "Jeyhun Bayramov, Azerbaijan's foreign minister,") and then says
"Pezeshkian said", "Bayramov", "the president", "the minister".  Within one
document (no state is kept between documents, and the result depends only on
the text):

- a bare name of a person the dictionary knows takes the actor of the nearest
  titled mention of the same person before it (else the first after it): the
  text's own title beats the dictionary's dated role;
- a person learned from a title (not in the dictionary) is found again later
  by the full name or the last word of the name, unless two learned people
  share that word;
- "the president", "the foreign minister" (singular, after "the", no name)
  corefers with the titled person before it whose title ends with the same
  words ("foreign minister" for "the minister"), provided only one person
  matches in the document so far, or the nearest match is in the same or the
  previous sentence; unresolved bare titles are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from detente.actors.found import Found
from detente.actors.names import MAX_NAME_TOKENS, name_like
from detente.model import Actor, ParsedDocument

_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "sheikh", "gen.", "president"})
_LESSER = frozenset({"vice", "deputy", "vice-president", "assistant", "junior", "former"})


def _titled(f: Found) -> bool:
    """A person mention whose text carries a title (not a bare name)."""
    return f.actor.kind == "person" and f.name is not None and f.name != (f.start, f.end)


def _title_matches(title: str, anaphor: str) -> bool:
    if title == anaphor:
        return True
    words, want = title.split(), anaphor.split()
    if len(words) <= len(want) or words[-len(want) :] != want:
        return False
    return words[0] not in _LESSER


def _resolve_anaphor(f: Found, before: Sequence[Found]) -> Actor | None:
    assert f.title is not None
    matches = [g for g in before if g.title and g.actor.sector and _title_matches(g.title, f.title)]
    if not matches:
        return None
    names = {g.actor.name for g in matches}
    nearest = matches[-1]
    if len(names) == 1 or nearest.sent >= f.sent - 1:
        return nearest.actor
    return None


def _learned_table(found: Sequence[Found], keys: Sequence[str]) -> dict[tuple[str, ...], tuple[Actor, int]]:
    """Name keys (full name, last word) of learned people -> (actor, token after the intro)."""
    table: dict[tuple[str, ...], tuple[Actor, int]] = {}
    clash: set[tuple[str, ...]] = set()
    for f in found:
        if not f.learned or f.name is None or f.actor.kind != "person":
            continue
        a, b = f.name
        for key in {tuple(keys[a:b]), (keys[b - 1],)}:
            if len(key) == 1 and len(key[0]) < 3:
                continue
            seen = table.get(key)
            if seen is not None and seen[0].name != f.actor.name:
                clash.add(key)
            elif seen is None:
                table[key] = (f.actor, f.end)
    for key in clash:
        table.pop(key, None)
    return table


def _find_learned(
    doc: ParsedDocument,
    keys: Sequence[str],
    found: Sequence[Found],
    table: dict[tuple[str, ...], tuple[Actor, int]],
) -> list[Found]:
    """Later bare occurrences of learned names, outside existing mentions."""
    if not table:
        return []
    toks = doc.tokens
    covered = [False] * len(toks)
    for f in found:
        for t in range(f.start, f.end):
            covered[t] = True
    longest = min(MAX_NAME_TOKENS, max(len(k) for k in table))
    out: list[Found] = []
    for s, sent in enumerate(doc.sentences):
        i = sent.token_start
        while i < sent.token_end:
            hit = None
            if not covered[i] and name_like(toks[i]):
                for n in range(min(longest, sent.token_end - i), 0, -1):
                    got = table.get(tuple(keys[i : i + n]))
                    if got is not None and got[1] <= i and not any(covered[i : i + n]):
                        hit = (n, got[0])
                        break
            if hit is None:
                i += 1
                continue
            n, actor = hit
            after = i + n < sent.token_end and name_like(toks[i + n]) and toks[i + n].pos == "PROPN"
            prev = toks[i - 1] if i > sent.token_start else None
            before = prev is not None and name_like(prev) and prev.text.lower() not in _HONORIFICS
            if not (after or before):
                out.append(Found(i, i + n, actor, s, name=(i, i + n), learned=True))
            i += n
    return out


def corefer(doc: ParsedDocument, keys: Sequence[str], found: list[Found]) -> list[Found]:
    """``found`` with bare names and titles resolved within the document (text order)."""
    found = sorted(found, key=lambda f: f.start)
    found = sorted(
        [*found, *_find_learned(doc, keys, found, _learned_table(found, keys))], key=lambda f: f.start
    )
    out: list[Found] = []
    for k, f in enumerate(found):
        if f.anaphor:
            actor = _resolve_anaphor(f, out)
            if actor is not None:
                out.append(replace(f, actor=actor, anaphor=False))
            continue
        if f.actor.kind == "person" and f.name == (f.start, f.end) and not f.learned:
            same = [g for g in out if _titled(g) and g.actor.name == f.actor.name]
            if not same:
                same = [g for g in found[k + 1 :] if _titled(g) and g.actor.name == f.actor.name][:1]
            if same:
                f = replace(f, actor=same[-1].actor, title=same[-1].title)
        out.append(f)
    return out


__all__ = ["corefer"]

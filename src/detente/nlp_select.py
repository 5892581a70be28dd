"""Which sentences need named entities when the pipeline parses selectively.

spaCy's named-entity recogniser is the costliest component left once the
parser runs only on sentences that can yield an event (about 40 % of the whole
``en_core_web_sm`` pipeline's CPU time on news).  The events stage codes only
sentences with an actor mention, and the actors stage reads entities only to
find names and places in those sentences, so :func:`entity_sentences` decides,
*before* the entity recogniser runs, which sentences get it:

- the sentences where the actors stage's own matcher finds an actor on the
  document without entities (:func:`detente.actors.candidates.candidate_sentences`);
- the sentences holding a capitalised name that the gazetteer places in a
  country ("officials in Idlib"): with a GPE entity on it the actors stage
  reads such a name as a mention of that country, so the sentence may become a
  candidate once entities are known.

The other sentences keep their tokens and sentence bounds and get no entities;
their dates and places come from the time and places stages' own patterns and
gazetteer.  Commands that read every sentence (``timex``, ``geoparse``, the
evaluation adapters) call :meth:`detente.pipeline.Pipeline.parse` without
selection and keep entities everywhere.
"""

from __future__ import annotations

from detente.actors.candidates import candidate_sentences
from detente.actors.document import token_key
from detente.actors.lexicon import ActorLexicon
from detente.actors.placenames import named_countries, place_country
from detente.model import ParsedDocument

MAX_NAME_WORDS = 3  # longest run of capitalised words tried as a place name


def _capitalised(text: str) -> bool:
    return text[:1].isupper()  # the test the actors stage applies to the words of a place entity


def place_sentences(doc: ParsedDocument, *, lexicon: ActorLexicon) -> frozenset[int]:
    """Sentences with a run of up to :data:`MAX_NAME_WORDS` capitalised words that
    names a place of one country (what a GPE/LOC entity there would make an actor)."""
    if lexicon.places is None:
        return frozenset()
    out: set[int] = set()
    tokens = doc.tokens
    asked: dict[tuple[str, ...], bool] = {}
    # The countries the document names settle ambiguous places, as in the actors stage.
    named = named_countries([token_key(t.text) for t in tokens], lexicon)
    for sent in doc.sentences:
        i = sent.token_start
        while i < sent.token_end and sent.index not in out:
            if not _capitalised(tokens[i].text):
                i += 1
                continue
            j = i
            while j < sent.token_end and _capitalised(tokens[j].text):
                j += 1
            for a in range(i, j):
                for b in range(a + 1, min(j, a + MAX_NAME_WORDS) + 1):
                    words = tuple(t.text for t in tokens[a:b])
                    if words not in asked:
                        asked[words] = place_country(words, lexicon, named=named) is not None
                    if asked[words]:
                        out.add(sent.index)
                        break
                if sent.index in out:
                    break
            i = j
    return frozenset(out)


def entity_sentences(doc: ParsedDocument, *, lexicon: ActorLexicon) -> frozenset[int]:
    """Indexes of the sentences of ``doc`` (no entities, no parse) that get named entities."""
    return candidate_sentences(doc, lexicon=lexicon) | place_sentences(doc, lexicon=lexicon)


__all__ = ["MAX_NAME_WORDS", "entity_sentences", "place_sentences"]

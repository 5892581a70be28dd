"""A cheap English check: the share of words that are common English function words.

Why this and not a language-identification model: the pipeline is English-only,
so the question is only "English or not", and function words answer it well
for news-length texts.  Running English prose has 35-50 % of its words in the
list below; other Latin-script languages share few of them (French "a", Dutch
"in", Spanish "a"), scoring under 10 %, and non-Latin scripts score near 0.
The threshold of 15 % sits between.  Below ``MIN_WORDS`` words the check
abstains (returns True) rather than drop a short English dispatch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Common English function words (closed-class: articles, pronouns, prepositions,
# auxiliaries, conjunctions): facts of English, listed by hand.
_FUNCTION_WORDS = """a about after against all also an and are as at be been but by can could did do does
for from had has have he her his i if in into is it its more most not of on or our over
said says she so some than that the their them there these they this those to under up
was we were what when where which while who will with would you"""
STOPWORDS = frozenset(_FUNCTION_WORDS.split())
THRESHOLD = 0.15
MIN_WORDS = 20
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    english: bool
    share: float  # share of words that are English function words
    words: int  # words examined


def guess_english(text: str, *, max_words: int = 2000) -> LanguageGuess:
    """Whether ``text`` reads as English; looks at the first ``max_words`` words only."""
    words = []
    for match in _WORD.finditer(text):
        words.append(match.group().lower())
        if len(words) >= max_words:
            break
    if len(words) < MIN_WORDS:
        return LanguageGuess(True, 0.0, len(words))
    share = sum(w in STOPWORDS for w in words) / len(words)
    return LanguageGuess(share >= THRESHOLD, round(share, 3), len(words))


# Frequent function words of other languages the news crawls carry most, listed by hand
# (facts of each language); used only to *name* a text already judged not English.
_OTHER_WORDS = {
    "fr": "le la les des du un une et est dans pour que qui sur pas par avec sont au aux ce cette il elle",
    "de": "der die das und ist nicht ein eine den dem des mit von sich auf für im auch wurde sind zu",
    "es": "el la los las del y en que por con una para es su al se lo como más pero sus fue",
    "it": "il di che la per non una sono della del con gli nel alla anche come le si è",
    "pt": "o os da do das dos que não em um uma para com por mais foi são como seu sua",
    "nl": "de het een en van is dat niet op te zijn met voor aan ook door werd bij om",
}
_OTHER_SETS = {code: frozenset(words.split()) for code, words in _OTHER_WORDS.items()}
# Scripts that name their language (or, when shared by several, a BCP 47 "und-" script tag).
_SCRIPTS = (
    ("ja", ("\u3040", "\u30ff")),  # kana before Han: Japanese mixes both
    ("ko", ("\uac00", "\ud7af")),
    ("zh", ("\u4e00", "\u9fff")),
    ("ar", ("\u0600", "\u06ff")),
    ("he", ("\u0590", "\u05ff")),
    ("el", ("\u0370", "\u03ff")),
    ("und-Cyrl", ("\u0400", "\u04ff")),
    ("th", ("\u0e00", "\u0e7f")),
    ("und-Deva", ("\u0900", "\u097f")),
)


def detect_language(text: str, *, max_chars: int = 20_000) -> str:
    """A language tag for storage: ``en``, a guessed ISO 639-1 code, a script tag, or ``und``.

    A text mostly in a non-Latin script is named by its script; otherwise English
    is decided by :func:`guess_english`, and only texts it rejects are named further.
    The store's English gate is ``detect_language(text) == "en"``.
    """
    sample = text[:max_chars]
    letters = [c for c in sample if c.isalpha()]
    if letters:  # scripts first: Chinese or Japanese has no spaces, so too few "words" to judge
        for code, (low, high) in _SCRIPTS:
            if sum(low <= c <= high for c in letters) > len(letters) * 0.3:
                return code
    if guess_english(sample).english:
        return "en"
    words = [m.group().lower() for m in _WORD.finditer(sample)][:2000]
    if words:
        scores = {code: sum(w in stop for w in words) / len(words) for code, stop in _OTHER_SETS.items()}
        best = max(scores, key=lambda code: scores[code])
        if scores[best] >= THRESHOLD:
            return best
    return "und"

"""Regular-expression fragments for English time expressions.

The recogniser searches running text with these patterns and the normaliser
matches a found expression against the same ones, so the two can never
disagree about what a time expression looks like.  Every pattern is written
for lower-cased text with single spaces; the recogniser compiles them with
``re.IGNORECASE`` and ``\\s+`` between words.
"""

from __future__ import annotations

from detente.time.lexicon import (
    DECADE_WORDS,
    HOLIDAYS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PERIOD_MODS,
    QUANT_MODS,
    SEASONS,
    SPELLED_YEAR,
    UNIT_PLURALS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    alternation,
)

# A full stop after a month belongs to it only when the month is abbreviated
# ("Aug. 7"); after "April" it ends the sentence.
_ABBR_DOT = "|".join(f"(?<={m})" for m in MONTHS if len(m) <= 4 and m not in ("may", "june", "july"))
MON = rf"(?P<mon>{alternation(MONTHS)})(?:(?:{_ABBR_DOT})\.)?"
# Weekdays by full name only: "Sun", "Sat" and "Wed" are words of their own.
WEEKDAY_NAMES = tuple(w for w in WEEKDAYS if len(w) > 5)
WD = rf"(?P<wd>{alternation(WEEKDAY_NAMES)})"
_NUMWORD = alternation(k for k in NUMBERS if " " not in k)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
NUM = (
    rf"(?P<num>\d+(?:[.,]\d+)?|(?:{_TENS})[\s-](?:{_ONES})\b|(?:{_NUMWORD})(?:-(?:{_NUMWORD}))?"
    rf"|{alternation(k for k in NUMBERS if ' ' in k)}|{alternation(VAGUE_NUMBERS)})"
)
UNIT = rf"(?P<unit>{alternation([*UNITS, *UNIT_PLURALS])})"
PLURAL_UNIT = rf"(?P<unit>{alternation(UNIT_PLURALS)})"
YEAR = rf"(?P<year>(?:1[0-9]|20)\d\d|{SPELLED_YEAR})"
DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
SEASON = rf"(?P<season>{alternation(SEASONS)})"
ORD = rf"(?P<ord>{alternation(ORDINALS)}|final|last)"
PART = r"(?P<part>morning|afternoon|evening|night|overnight)"
# "mid-afternoon", "early evening": a part of a day, read against the story's day
PART_MOD = r"(?P<dmod>mid|early|late)"
REL = (
    r"(?P<rel>this\s+past|this\s+coming|last|next|this|coming|past|current|previous"
    r"|prior|following|present|same|latest|upcoming)"
)
PERIOD_MOD = rf"(?P<pmod>{alternation(PERIOD_MODS)}|earlier|later)"
QUANT_MOD = rf"(?P<qmod>{alternation(QUANT_MODS)})"
HOLIDAY = (
    rf"(?P<hol>{alternation(HOLIDAYS)}|easter(?:\s+sunday|\s+day)?"
    r"|thanksgiving(?:\s+day)?|christmas|election\s+day)"
)
DECADE_WORD = rf"(?P<dword>{alternation(DECADE_WORDS)})"

# "the year-ago quarter", "next year's first quarter": a period counted from another year.
YEAR_ADJ = r"(?P<yadj>year-ago|year-earlier|year-before|prior-year|(?:last|next|this)\s+year's)"

# Each core rule: name -> pattern.  Order matters for the normaliser (first
# full match wins); the recogniser takes the longest match in the text.
CORE: dict[str, str] = {
    "iso": r"(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})",
    "numeric": r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4}|\d{2})",
    "time": (
        r"(?:(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?\s*(?P<ap>a\.?\s?m\b\.?|p\.?\s?m\b\.?)"
        r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)|(?P<named>noon|midnight|midday))"
        r"(?:\s+(?P<tz>[ecmp][sd]t|gmt|utc|et|local\s+time))?"
        r"(?:,?\s+(?:on\s+)?(?P<rest>(?:(?:last|next|this)\s+)?"
        rf"(?:{alternation(WEEKDAY_NAMES)})|today|yesterday|tomorrow"
        rf"|(?:{alternation(MONTHS)})\.?\s+[0-3]?\d\b))?"
    ),
    "mdy": (
        rf"(?:(?P<rel>last|next)\s+)?(?:(?P<wd>{alternation(WEEKDAY_NAMES)}),?\s+)?{MON}\s+{DAYNUM}"
        rf"(?:,?\s+{YEAR})?\b"
    ),
    "dmy": (
        rf"(?:(?P<wd>{alternation(WEEKDAY_NAMES)}),?\s+)?(?:the\s+)?{DAYNUM}\s+(?:of\s+)?{MON}"
        rf"(?:,?\s+{YEAR})?\b"
    ),
    "month_year": (
        rf"(?:the\s+month\s+of\s+)?{MON},?\s+(?:of\s+)?(?:{YEAR}|(?P<rely>this|last|next)\s+year)"
    ),
    "holiday": (rf"(?:(?P<rel>last|next|this)\s+)?{HOLIDAY}(?:\s+{YEAR})?(?P<wk>\s+week(?:end)?)?"),
    # "the week of March 6": the ISO week holding that day
    "week_of": rf"(?:the\s+)?week\s+of\s+{MON}\s+{DAYNUM}(?:,?\s+{YEAR})?\b",
    # "year-end", "by year's end": the end of a year (TIMEX3 mod END)
    "year_end": r"(?:(?P<rely>this|last|next)\s+)?(?:fiscal\s+)?year(?:-|\s+|'s\s+)end",
    # "the full year" of a results report: the year being reported
    "full_year": r"the\s+(?:full|whole|entire)\s+(?:fiscal\s+)?year",
    "season": (
        rf"(?:(?:{REL}\s+)?(?:the\s+)?{SEASON}(?:\s+(?:of\s+)?{YEAR})?"
        rf"|(?P<y2>(?:1[0-9]|20)\d\d)\s+(?P<s2>{alternation(SEASONS)}))"
    ),
    "quarter": (
        rf"(?:the\s+)?(?:(?P<y1>(?:1[0-9]|20)\d\d)\s+|{YEAR_ADJ}\s+)?(?:fiscal\s+)?{ORD}[\s-]+(?:fiscal\s+)?"
        rf"quarter(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:(?P<y2>\d{{4}})|(?P<rely>this|last|next)"
        r"\s+year|the\s+year))?"
    ),
    "q": r"(?:q(?P<q>[1-4])(?:\s+|-|/)?(?P<y>\d{4})?|(?P<y2>\d{4})\s*-?\s*q(?P<q2>[1-4]))",
    "quarter_rel": (
        r"(?:the\s+)?(?P<rel>latest|last|past|previous|prior|this|current|next|coming"
        r"|most\s+recent|year-ago|year-earlier|same|that)?[\s-]*(?:fiscal\s+)?quarter"
    ),
    "year_ago": (
        r"(?:the\s+)?(?:comparable\s+|same\s+|corresponding\s+)?(?P<adj>year-ago|year-earlier"
        r"|year-before|prior-year)(?:\s+(?P<what>period|quarter|months?|weeks?))?"
    ),
    # "the quarter a year ago", "the period a year earlier": the story's period, a year back
    "period_ago": (
        r"(?:the\s+)?(?:same\s+|comparable\s+|corresponding\s+)?(?P<what>quarter|period|month|half)"
        r"\s+(?:a|one)\s+year\s+(?:ago|earlier|before)"
    ),
    # "the 1988 quarter", "the 1989 period": the period the story is about, in that year
    "year_period": r"(?:the\s+)?(?P<year>(?:1[0-9]|20)\d\d)\s+(?P<what>period|quarter)",
    # "the first half of 2024", "the last two quarters of 1990", "the latter half of the '80s"
    "half": (
        r"(?:the\s+)?(?P<ord>first|second|1st|2nd|latter|last)\s+(?:half|(?P<two>two|2)\s+quarters)"
        r"(?:\s+of\s+(?:(?P<y>\d{4})|(?P<rely>this|last|next)\s+year|the\s+year"
        rf"|(?P<dec>the\s+(?:(?:1[0-9]|20)\d0'?s|'\d0'?s|{alternation(DECADE_WORDS)}))))?"
    ),
    "month": rf"(?:{REL}\s+)?(?:the\s+month\s+of\s+)?{MON}",
    "fiscal_year": r"(?:fiscal(?:\s+year)?|fy)\s*(?P<year>(?:1[0-9]|20)?\d\d)",
    "year": rf"(?:the\s+year\s+)?{YEAR}",
    "decade": (rf"(?:the\s+)?(?:(?P<c>1[0-9]|20)(?P<d>\d)0'?s|'?(?P<d2>\d)0'?s|{DECADE_WORD})"),
    "century": (
        rf"(?:the\s+)?(?:{ORD}|(?P<num>\d{{1,2}})(?:st|nd|rd|th))[\s-]+century"
        r"|(?P<rel>this|last|next|the\s+past|the\s+current|the\s+last|the\s+next)\s+century"
    ),
    "dayref": (
        r"(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
        r"|(?P<base>today|tonight|yesterday|tomorrow|this|last)"
        rf"(?:\s+{PART})?)"
    ),
    "weekday": (rf"(?:(?:the\s+)?{REL}\s+)?{WD}(?:\s+{PART})?"),
    # "mid-afternoon yesterday", "by mid afternoon": a named part of a day
    "part_of_day": (
        rf"{PART_MOD}[\s-]?(?P<part>morning|afternoon|evening)(?:\s+(?P<rest>yesterday|today|tomorrow"
        rf"|(?:{alternation(WEEKDAY_NAMES)})))?"
    ),
    "rel_unit": (
        rf"(?P<the>the\s+)?{REL}\s+(?:fiscal\s+)?(?P<unit>week|weekend|month|year|decade|century"
        r"|fortnight)"
    ),
    "ago": (
        rf"(?:{NUM}\s+)?{UNIT}(?P<half>\s+and\s+a\s+half)?\s+(?P<dir>ago|earlier|later|hence|from\s+now|back"
        r"|previously)"
    ),
    "ref": (
        r"(?:right\s+now|just\s+now|now|currently|current|presently|at\s+present|nowadays"
        r"|these\s+days|at\s+the\s+moment|at\s+this\s+time|the\s+present|recently|recent"
        r"|lately|the\s+(?:recent\s+|distant\s+)?past|(?:the\s+)?(?:near\s+|distant\s+)?future"
        r"|soon|shortly|someday|(?:the\s+)?recent\s+(?:days|weeks|months|years|times|decades)"
        r"|(?:the\s+)?(?:coming|upcoming)\s+(?:days|weeks|months|years|decades)"
        r"|(?:the\s+)?(?:days|weeks|months|years)\s+ahead"
        r"|the\s+(?:near|short|long|medium)(?:er)?\s+term|as\s+soon\s+as\s+possible"
        r"|(?:a|some)\s+later\s+(?:date|time|stage))"
    ),
    "set": (
        r"(?:(?:every|each)\s+(?P<other>other\s+)?(?P<every>\w+)"
        r"|(?P<adv>daily|weekly|monthly|yearly|annually|quarterly|hourly|nightly|biweekly"
        r"|semiannually|biannually)"
        rf"|(?P<times>once|twice|thrice|{NUM}\s+times)\s+(?:a|an|per|each|every)\s+"
        r"(?P<tunit>\w+))"
    ),
    "duration": (
        r"(?:the\s+)?(?:(?P<rel>past|last|next|previous|coming|first|final|following|initial"
        r"|latest|recent|remaining|ensuing|preceding|subsequent)\s+)?"
        rf"{NUM}(?P<frac>\s+1/2|½)?(?:\s+(?:more|additional|further|extra))?[\s-]+{UNIT}"
        r"(?P<half>\s+and\s+a\s+half)?(?:[\s-]long)?"
    ),
    "vague_duration": (
        r"(?:the\s+)?(?:(?P<rel>past|last|next|previous|coming|first|following|subsequent"
        r"|ensuing|preceding|recent)\s+)?(?:(?P<num>several|few|a\s+few|some|many|a\s+number\s+of"
        rf"|dozens\s+of|hundreds\s+of)\s+)?{PLURAL_UNIT}"
    ),
    "the_unit": (
        r"(?:the|that|this)\s+(?P<same>same\s+)?(?P<unit>day|week|month|year|morning"
        r"|afternoon|evening|night|weekend)(?P<ended>\s+(?:ended|ending))?"
    ),
    "next_day": (
        r"(?:the\s+)?(?P<rel>next|following|previous|preceding|prior|same)\s+"
        r"(?P<unit>day|morning|afternoon|evening|night)|(?:the\s+)?(?P<unit2>day|night)"
        r"\s+(?P<dir>before|after)"
    ),
}

# Optional words before a core match that belong to the TIMEX3 span.  TimeML
# annotators leave "about", "nearly" and a bare "earlier" outside ("about two
# weeks", "earlier Friday") but keep "more than" and "earlier this month".
PREFIX = (
    rf"(?:(?P<pmod>{alternation(PERIOD_MODS)}|(?:earlier|later)(?=\s+(?:this|that|last|next)\b))"
    r"(?:\s+|-))?(?:(?P<qmod>more\s+than|less\s+than|at\s+least|at\s+most|up\s+to)\s+)?"
)

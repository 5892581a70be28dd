"""Publication dates given by users: strict, because a wrong DCT shifts every event date."""

from __future__ import annotations

import datetime as dt

from detente.errors import E103, InputError

# A news article from before the telegraph or after next year is a typo.
MIN_YEAR = 1800
MAX_YEARS_AHEAD = 1


def parse_published(value: str | dt.date | None, *, today: dt.date | None = None) -> dt.date | None:
    """``YYYY-MM-DD`` or an ISO datetime (``2025-04-28T09:30:00Z``) to a date.

    Raises :class:`InputError` (E103) for anything else, including dates out of
    a plausible range, instead of guessing.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = str(value).strip()
        if not text:
            return None
        try:
            if len(text) == 10:
                day = dt.date.fromisoformat(text)
            else:
                day = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            raise InputError(E103.format(value=value), code="E103") from None
    limit = (today or dt.date.today()).year + MAX_YEARS_AHEAD
    if not MIN_YEAR <= day.year <= limit:
        raise InputError(E103.format(value=str(value)) + f" (year outside {MIN_YEAR}-{limit})", code="E103")
    return day

"""Event location on hand-built events over parsed sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente.model import Analysis, Event, ParsedDocument, PlaceMention, Span
from detente.places import PlacesConfig, locate_events, run
from detente.places.gazetteer import Gazetteer


@pytest.fixture
def locate(
    parse: Callable[..., ParsedDocument], gazetteer: Gazetteer, places_config: PlacesConfig
) -> Callable[[str, str], PlaceMention | None]:
    """Parse ``text``, find places, make one event on ``trigger`` and locate it."""

    def _locate(text: str, trigger: str) -> PlaceMention | None:
        parsed = parse(text)
        (analysis,) = run([Analysis(parsed)], config=places_config, resources=gazetteer)
        start = text.index(trigger)
        sent = next(s.index for s in parsed.sentences if s.start <= start < s.end)
        event = Event(
            doc_id="t",
            sentence=sent,
            evidence=parsed.sentences[sent].text,
            trigger=Span(trigger, start, start + len(trigger)),
            source=None,
            target=None,
            cameo="040",
            cameo_root="04",
            plover="CONSULT",
            quad_class=1,
            goldstein=1.0,
        )
        analysis = Analysis(parsed, places=analysis.places, events=(event,))
        (out,) = locate_events([analysis], config=places_config, resources=None)
        return out.events[0].location

    return _locate


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        ("The two presidents held talks in Baku on Monday.", "held", "Baku"),
        ("Iran and Russia held joint naval drills in the Caspian Sea.", "held", "Caspian Sea"),
        ("Officials condemned the attack on the embassy in Tehran.", "attack", "Tehran"),
        ("The leaders met at a summit in Riyadh last week.", "met", "Riyadh"),
        ("The envoy from Moscow met Armenian officials in Yerevan.", "met", "Yerevan"),
    ],
)
def test_locative_place_is_the_location(
    locate: Callable[[str, str], PlaceMention | None], text: str, trigger: str, place: str
) -> None:
    found = locate(text, trigger)
    assert found is not None and found.text == place


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("A delegation arrived from Moscow on Tuesday.", "arrived"),
        ("Azerbaijan accused Armenia of violating the truce.", "accused"),
        ("The minister flew to Ankara after the meeting.", "flew"),
    ],
)
def test_origins_actors_and_destinations_are_not(
    locate: Callable[[str, str], PlaceMention | None], text: str, trigger: str
) -> None:
    assert locate(text, trigger) is None


def test_place_in_another_clause_is_not_the_location(
    locate: Callable[[str, str], PlaceMention | None],
) -> None:
    text = "Iran protested after Israel conducted strikes in Syria."
    assert locate(text, "protested") is None
    found = locate(text, "conducted")
    assert found is not None and found.text == "Syria"


def test_locate_events_keeps_an_existing_location(
    parse: Callable[..., ParsedDocument], places_config: PlacesConfig
) -> None:
    parsed = parse("Talks were held in Baku.")
    given = PlaceMention("elsewhere", 0, 5, 0, None)
    event = Event(
        doc_id="t",
        sentence=0,
        evidence=parsed.sentences[0].text,
        trigger=Span("held", 11, 15),
        source=None,
        target=None,
        cameo="040",
        cameo_root="04",
        plover="CONSULT",
        quad_class=1,
        goldstein=1.0,
        location=given,
    )
    (out,) = locate_events([Analysis(parsed, events=(event,))], config=places_config, resources=None)
    assert out.events[0].location is given


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # The place names the noun the locative phrase is about.
        ("Rebels captured the town of Huddur on Tuesday.", "captured", "Huddur"),
        ("Gunmen shot two soldiers in the city of Fallujah on Thursday.", "shot", "Fallujah"),
        # Of several places, the most specific one where the event happened.
        ("Fighters were killed in the village of Ashmi in northern Syria on Friday.", "killed", "Ashmi"),
        # A verb coordinated with the trigger shares its place.
        ("Gunmen shot one soldier and wounded five in Kandahar.", "shot", "Kandahar"),
        # Origins, destinations and demonyms are not where it happened.
        ("A Turkish envoy flew from Ankara to Baku and met officials in Tbilisi.", "met", "Tbilisi"),
    ],
)
def test_the_event_place_among_several(
    locate: Callable[[str, str], PlaceMention | None], text: str, trigger: str, place: str
) -> None:
    found = locate(text, trigger)
    assert found is not None and found.text == place


def test_a_demonym_is_never_the_location(locate: Callable[[str, str], PlaceMention | None]) -> None:
    assert locate("A Syrian journalist was killed on Sunday.", "killed") is None

"""Round 24 shapes, in our own words (issue 10). Measured on real China–Myanmar reports before
any change (labelled by a helper, never run before): ten meetings became nineteen records. A
Xinhua lead naming "Myanmar's Union Minister for Foreign Affairs" lost him (the whole titled run
was taken for an organisation), the junta's own release named the Senior General only after a
long office title, and an exile outlet's byline date ("By Admin 15 Aug 2024") was read as the
day of a meeting its story says was "on Wednesday", the day before."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from shapes_support import meetings_in_order

from bot.analysis.meeting_facts import extract_meeting
from bot.analysis.names import parse_run
from bot.articles.text import parse_text
from bot.registry.people import default_registry

XINHUA = """NAY PYI TAW, May 3 (Xinhua) -- At a meeting with Myanmar's Union Minister for \
Foreign Affairs Than Swe here on Tuesday, Chinese Foreign Minister Qin Gang said China is ready \
to push ahead with the economic corridor and to widen trade at the border.

Than Swe said Myanmar firmly abides by the one-China policy.
"""

JUNTA_RELEASE = """Myanmar, China hold bilateral talks

NAY PYI TAW August 14

The talks were held at the Office of the Chairman in Nay Pyi Taw this afternoon.

Present at the talks together with Chairman of the State Administration Council Prime Minister \
Senior General Min Aung Hlaing were Deputy Minister for Information Maj-Gen Zaw Min Tun and \
officials. Foreign Minister Wang Yi of the People's Republic of China was accompanied by his \
delegation.

At the talks, the two sides discussed border stability, trade through the border gates and the \
coming election.
"""

EXILE_OUTLET = """Regime says Beijing backs its election plan

The foreign minister also voiced support for the regime's election, state media reported.

By Staff 15 Aug 2024

15 August 2024, Sittwe

After visiting Chinese Foreign Minister Wang Yi met Senior General Min Aung Hlaing in Naypyitaw \
on Wednesday, state media quoted Wang as saying China opposes fighting near its border.

Wang also spoke of trade through the border gates, state media reported.
"""

WIRE = """Chinese Foreign Minister Wang Yi met Myanmar's military leader Senior General Min Aung \
Hlaing in Naypyitaw on Wednesday and pledged Beijing's backing for stability along the border.

State media said the two men discussed border trade and the planned election.
"""


def _meeting(text: str, name: str = "r.txt"):  # type: ignore[no-untyped-def]
    return extract_meeting(parse_text(text, name), default_registry())


def test_a_name_after_a_title_that_runs_on() -> None:
    assert parse_run("Myanmar's Union Minister for Foreign Affairs Than Swe").name == "Than Swe"
    assert parse_run("Deputy Minister for Information Maj-Gen Zaw Min Tun").name == "Zaw Min Tun"
    assert parse_run("Chairman of the State Administration Council Prime Minister Senior General"
                     " Min Aung Hlaing").name == "Min Aung Hlaing"
    assert parse_run("Central Military Commission Vice Chairman General Zhang Youxia").name \
        == "Zhang Youxia"
    # a name that ends on a title word is still a name, one with a title word inside it is
    # whole (the cut is made only where an organisation's word stands), an organisation none
    assert parse_run("Senator Angus King").name == "Angus King"
    assert parse_run("National Security Adviser Eduardo M. Año").name == "Eduardo M. Año"
    assert parse_run("President Hassan Sheikh Mohamud").name == "Hassan Sheikh Mohamud"
    assert parse_run("Liberal Democratic Party").name == ""


def test_the_counterpart_named_after_a_long_office_title_is_a_participant() -> None:
    info = _meeting(XINHUA)
    assert {p.name for p in info.participants} == {"Qin Gang", "Than Swe"}
    assert info.event_date == date(2023, 5, 2)
    release = _meeting(JUNTA_RELEASE)
    assert {"Min Aung Hlaing", "Wang Yi"} <= {p.name for p in release.participants}
    assert "Min Tun" not in {p.name for p in release.participants}


def test_a_bylines_date_is_the_day_filed_not_the_meeting() -> None:
    # read as the page's header: the day it was filed, and neither line left in the story
    article = parse_text(EXILE_OUTLET, "exile.txt")
    assert article.published == date(2024, 8, 15)
    assert not any(p.startswith(("By Staff", "15 August")) for p in article.paragraphs)
    info = _meeting(EXILE_OUTLET)
    assert info.event_date == date(2024, 8, 14), info.date_reason
    assert {p.name for p in info.participants} == {"Wang Yi", "Min Aung Hlaing"}


def test_the_reports_of_one_visit_join_in_any_order(tmp_path: Path) -> None:
    files = {"release.txt": JUNTA_RELEASE, "exile.txt": EXILE_OUTLET, "wire.txt": WIRE}
    seen = []
    for order in (["release.txt", "exile.txt", "wire.txt"], ["wire.txt", "exile.txt",
                                                             "release.txt"]):
        meetings = meetings_in_order(tmp_path, files, order)
        assert len(meetings) == 1, [(m["event_date"], m["sources"]) for m in meetings]
        assert meetings[0]["event_date"] == "2024-08-14"
        seen.append(sorted(Path(s).name for s in meetings[0]["sources"]))
    assert seen[0] == seen[1] == sorted(files)


def test_an_undertaking_is_shown_with_its_complement_and_compared_by_its_core() -> None:
    from digests.phrases import extract, key_of

    # (issue 9) an analyst labels "give full play to the first-mover advantage"; the digest
    # listed "give full play", a fragment of it. The key stays the core, so a later "give full
    # play to ..." of another object is the same undertaking, not a new one.
    found = extract("The minister said Laos will give full play to the advantages of the railway.")
    assert found.get(key_of("give full play")) == "give full play to the advantages of the railway"
    found = extract("China firmly supports the peace process of Myanmar.")
    # (round 34: a country ending the phrase after "of" is part of its key, as "humanitarian
    # crisis in Gaza" is not "humanitarian crisis" in Ukraine; shown whole either way)
    assert found.get(key_of("peace process of Myanmar")) == "peace process of Myanmar"

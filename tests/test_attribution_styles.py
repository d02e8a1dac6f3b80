"""Whole short reports in house styles other than the seeds' (written here, modelled on each
outlet's usual phrasing): Yonhap, China's foreign ministry, South Korea's foreign ministry."""

from __future__ import annotations

from datetime import date

from bot.analysis.attribution import attribute
from bot.analysis.meeting_facts import extract_meeting
from bot.models import Article
from bot.registry.people import default_registry


def analyse(paragraphs: list[str], published: date, outlet: str, title: str = "Talks",
            url: str | None = None):  # type: ignore[no-untyped-def]
    art = Article(source="t", title=title, paragraphs=paragraphs, outlet=outlet,
                  published=published, url=url)
    reg = default_registry()
    meeting = extract_meeting(art, reg)
    return meeting, attribute(art, meeting, reg)


def test_yonhap_style() -> None:
    meeting, st = analyse([
        "SEOUL, Nov. 26 (Yonhap) -- Foreign Minister Park Jin and his Chinese counterpart, "
        "Wang Yi, agreed Sunday to work together for an early trilateral summit, Park's office "
        "said.",
        "Park and Wang held talks in the southern port city of Busan on the sidelines of a "
        "trilateral foreign ministers' meeting with Japan.",
        "During the talks, Park asked for China's constructive role in dealing with North "
        "Korea's nuclear threats, the ministry said.",
        '"The two countries should stay on the right track," Wang said, according to the '
        "ministry.",
        "The South Korean side also raised the issue of North Korean defectors in China.",
    ], date(2023, 11, 26), "Yonhap")
    assert (meeting.event_date, meeting.format) == (date(2023, 11, 26), "meeting")
    assert [p.name for p in meeting.participants] == ["Park Jin", "Wang Yi"]
    assert [(s.speaker, s.via) for s in st] == [
        ("both", "Park's office"), (None, None), ("Park Jin", "the ministry"),
        ("Wang Yi", "the ministry"), ("Park Jin", None)]


def test_chinese_foreign_ministry_style() -> None:
    meeting, st = analyse([
        "On December 24, Member of the Political Bureau of the CPC Central Committee and "
        "Foreign Minister Wang Yi had a phone call with Foreign Minister of the Republic of "
        "Korea (ROK) Cho Tae-yul.",
        "Wang Yi said that China and the ROK are friendly neighbors.",
        "Cho Tae-yul said that the ROK attaches great importance to its relations with China.",
        "Both sides agreed to strengthen communication.",
    ], date(2024, 12, 25), "Ministry of Foreign Affairs of the PRC")
    assert (meeting.event_date, meeting.format, meeting.location) == (
        date(2024, 12, 24), "phone_call", None)
    assert [p.name for p in meeting.participants] == ["Wang Yi", "Cho Tae-yul"]
    assert [s.speaker for s in st] == [None, "Wang Yi", "Cho Tae-yul", "both"]


def test_korean_foreign_ministry_style() -> None:
    meeting, st = analyse([
        "Minister of Foreign Affairs Cho Hyun held a meeting with Wang Yi, Member of the "
        "Political Bureau of the CPC Central Committee and Minister of Foreign Affairs of "
        "China, in Beijing on September 17.",
        "Minister Cho noted that the two countries have developed their relations.",
        "Minister Wang said that China values the strategic cooperative partnership.",
        "The two Ministers agreed to continue high-level exchanges.",
    ], date(2025, 9, 18), "Ministry of Foreign Affairs of the ROK")
    assert (meeting.event_date, meeting.format, meeting.location) == (
        date(2025, 9, 17), "meeting", "Beijing")
    assert [p.name for p in meeting.participants] == ["Cho Hyun", "Wang Yi"]
    assert [s.speaker for s in st] == [None, "Cho Hyun", "Wang Yi", "both"]


def test_xinhua_leaders_call_with_us_title_in_one_sentence() -> None:
    meeting, st = analyse([
        "BEIJING, April 2 (Xinhua) -- Chinese President Xi Jinping held a phone conversation "
        "with U.S. President Joe Biden on Tuesday at the latter's request.",
        "Xi pointed out that the China-U.S. relationship is the most important bilateral "
        "relationship in the world.",
        "Biden said the United States does not seek a new Cold War. He said the U.S. side does "
        'not support "Taiwan independence."',
        "The two heads of state also exchanged views on the Ukraine crisis.",
    ], date(2024, 4, 3), "Xinhua")
    assert (meeting.event_date, meeting.format) == (date(2024, 4, 2), "phone_call")
    assert [(p.name, p.side) for p in meeting.participants] == [
        ("Xi Jinping", "china"), ("Joe Biden", "united_states")]
    assert [s.speaker for s in st] == [None, "Xi Jinping", "Joe Biden", "Joe Biden", "both"]


def test_people_described_in_lower_case_are_recognised() -> None:
    meeting, st = analyse([
        "CANBERRA, March 20 (Xinhua) -- Chinese Foreign Minister Wang Yi held talks with his "
        "Australian counterpart Penny Wong in Canberra on Wednesday.",
        '"We will keep talking," Wong said.',
        "Wang met later with Richard Marles, Australia's deputy prime minister.",
        "Marles said Australia wants stable ties. The two FMs agreed to meet again.",
    ], date(2024, 3, 20), "Xinhua")
    assert [(p.name, p.side) for p in meeting.participants] == [
        ("Wang Yi", "china"), ("Penny Wong", "australia")]
    assert (meeting.location, meeting.event_date) == ("Canberra", date(2024, 3, 20))
    assert [(s.speaker, s.side) for s in st] == [
        (None, None), ("Penny Wong", "australia"), (None, None),
        ("Richard Marles", "australia"), ("both", "both")]

"""Press-conference, doorstop and interview transcripts (written here in the house style of a
ministry's transcript page): the label before each turn says who speaks."""

from __future__ import annotations

from datetime import date

from bot.analysis.attribution import attribute
from bot.analysis.meeting_facts import extract_meeting
from bot.models import Article
from bot.registry.outlets import side_of_outlet
from bot.registry.people import default_registry


def analyse(paragraphs: list[str], url: str | None = None, outlet: str | None = None):  # type: ignore[no-untyped-def]
    art = Article(source="t", title="Doorstop", paragraphs=paragraphs, outlet=outlet,
                  published=date(2022, 12, 21), url=url)
    reg = default_registry()
    meeting = extract_meeting(art, reg)
    return attribute(art, meeting, reg)


DOORSTOP = [
    "Subjects: Meeting with Foreign Minister Wang Yi; trade; consular cases.",
    "FOREIGN MINISTER PENNY WONG: Good afternoon. I have just come out of a long meeting with "
    "the State Councilor.",
    "We agreed the relationship should keep moving in a steady direction. Wang Yi said China "
    "is ready to keep talking at every level.",
    "JOURNALIST: Minister, did you raise the detained citizens?",
    "WONG: I did, as I always do.",
    "QUESTION: Will the Prime Minister travel next year?",
    "FOREIGN MINISTER PENNY WONG: That is a matter for the Prime Minister.",
]


def test_every_sentence_of_a_turn_is_the_labelled_speakers() -> None:
    st = analyse(DOORSTOP, url="https://www.foreignminister.gov.au/minister/penny-wong/transcript/x")
    by_text = {s.text: (s.speaker, s.side, s.rule) for s in st}
    # the label is not part of what was said
    assert "Good afternoon." in by_text and not any(t.startswith("FOREIGN") for t in by_text)
    assert by_text["Good afternoon."] == ("Penny Wong", "australia", "transcript")
    # a paragraph after the turn's first is still hers, and so is her account of Wang's words
    assert by_text["We agreed the relationship should keep moving in a steady direction."][0] \
        == "Penny Wong"
    assert by_text["Wang Yi said China is ready to keep talking at every level."][0] == "Penny Wong"
    # the press asks; nobody of the meeting said it
    assert by_text["Minister, did you raise the detained citizens?"] == (None, None, "press")
    assert by_text["Will the Prime Minister travel next year?"][0] is None
    # a surname label once the transcript has named her
    assert by_text["I did, as I always do."][0] == "Penny Wong"
    assert by_text["That is a matter for the Prime Minister."][0] == "Penny Wong"
    # the line before the first turn is attributed as any sentence would be
    assert by_text["Subjects: Meeting with Foreign Minister Wang Yi; trade; consular cases."][0] \
        is None


def test_one_name_and_colon_in_a_news_story_is_not_a_transcript() -> None:
    st = analyse([
        "BEIJING, Dec. 21 (Xinhua) -- Chinese Foreign Minister Wang Yi held talks with "
        "Australian Foreign Minister Penny Wong in Beijing on Wednesday.",
        "Wang Yi: the two countries have no fundamental conflict of interests.",
        "Wong said Australia wants a stable relationship.",
    ])
    assert [s.rule for s in st].count("transcript") == 0
    assert st[-1].speaker == "Penny Wong"


def test_a_label_that_names_nobody_is_not_a_turn() -> None:
    st = analyse([
        "Note: this transcript has been edited for length.",
        "Background: the two ministers met in Beijing.",
        "Wang said China is ready to work with Australia.",
    ])
    assert not any(s.rule in ("transcript", "press") for s in st)
    assert st[-1].speaker == "Wang Yi"


def test_ministries_of_other_governments_have_their_side() -> None:
    assert side_of_outlet(None, "https://www.foreignminister.gov.au/minister/x") == "australia"
    assert side_of_outlet(None, "https://www.auswaertiges-amt.de/en/newsroom/x") == "germany"
    assert side_of_outlet(None, "https://www.mea.gov.in/bilateral-documents.htm") == "india"
    assert side_of_outlet("EEAS", None) == "european_union"


def test_a_transcript_saved_after_its_first_answer_keeps_its_speaker() -> None:
    st = analyse(DOORSTOP[:3])
    assert [s.speaker for s in st[1:]] == ["Penny Wong"] * 4

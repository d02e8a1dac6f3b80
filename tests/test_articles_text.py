"""Plain-text articles: the three seed shapes, datelines, captions, footers, hard wraps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.articles.cleanup import split_dateline
from bot.articles.read import read_path
from bot.articles.text import parse_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

LAST_000 = ("The two sides also talked about the situation on the Korean Peninsula. Wang stressed "
            "that China always advocates resolving the Peninsula issue through dialogue and "
            "consultation and will continue to play a constructive role in promoting peace and "
            "stability on the peninsula.")
LAST_001 = ("The two sides exchanged views on the situation on the Korean Peninsula. Wang "
            "emphasized that China has always been a stabilizing force in Northeast Asia and "
            "has always played and will continue to play a constructive role in easing the "
            "situation on the peninsula.")

# (file, title, published, outlet, dateline, paragraph count, first paragraph, last paragraph)
SEED_EXPECTATIONS = [
    ("000_42f8c5bc6eb1c378.txt",
     "China to promote sound, stable development of strategic cooperative partnership with "
     "South Korea: FM",
     date(2024, 12, 25), "Xinhua", "BEIJING, Dec. 24", 14,
     "China is willing to work with South Korea to promote a sound and stable development of "
     "their strategic cooperative partnership, Chinese Foreign Minister Wang Yi said Tuesday.",
     LAST_000),
    ("001_e17b4d5d83f501ff.txt",
     "China, S. Korea reaffirm bilateral strategic cooperative partnership",
     date(2023, 11, 27), "Xinhua", "BUSAN, South Korea, Nov. 26", 16,
     "China and South Korea on Sunday reaffirmed their strategic cooperative partnership and "
     "expressed willingness to continue to move forward in this direction.",
     LAST_001),
    ("002_51129d58d30bfeb7.txt",
     "China-South Korea relations should make sound, steady progress: Wang Yi",
     date(2023, 7, 15), "Xinhua", "JAKARTA, July 15", 12,
     "The relations between China and South Korea can and should make sound, steady and "
     "long-term progress, Director of the Office of the Central Commission for Foreign Affairs "
     "Wang Yi said.",
     "The two sides also exchanged views on international and regional issues of common "
     "concern, including the situation on the Korean Peninsula."),
    ("003_3cdf7c45ae1e3e14.txt",
     "Wang Yi calls on China, South Korea to address challenges",
     date(2024, 9, 29), "CGTN", None, 9,
     "Chinese Foreign Minister Wang Yi called on China and South Korea to work together to "
     "address risks and challenges as he met with Cho Tae-yul, South Korea's foreign minister, "
     "in New York on Saturday.",
     "South Korea is highly concerned about the situation on the Korean Peninsula and looks "
     "forward to maintaining strategic communication with China, Cho said."),
    ("004_ea5705f67dcdb256.txt",
     "Chinese, S. Korean FMs hold phone talks on bilateral ties",
     date(2025, 7, 29), "Xinhua", "BEIJING, July 28", 13,
     "China and South Korea should deepen mutually beneficial cooperation and achieve common "
     "development, Chinese Foreign Minister Wang Yi said Monday in a phone call with his South "
     "Korean counterpart, Cho Hyun.",
     "The two sides also exchanged views on coordination and cooperation in multilateral "
     "areas, among other issues."),
]


@pytest.mark.parametrize("name,title,published,outlet,dateline,count,first,last",
                         SEED_EXPECTATIONS, ids=[e[0][:3] for e in SEED_EXPECTATIONS])
def test_seed_read_correctly(name: str, title: str, published: date, outlet: str,
                             dateline: str | None, count: int, first: str, last: str) -> None:
    [article] = read_path(SEEDS / name)
    assert article.source == name
    assert article.title == title
    assert article.published == published
    assert article.outlet == outlet
    assert article.dateline == dateline
    assert len(article.paragraphs) == count
    assert article.paragraphs[0] == first
    assert article.paragraphs[-1] == last


@pytest.mark.parametrize("name", [e[0] for e in SEED_EXPECTATIONS])
def test_seed_paragraphs_hold_no_header_caption_or_footer(name: str) -> None:
    [article] = read_path(SEEDS / name)
    for para in article.paragraphs:
        assert not para.startswith(("Copyright", "RELATED", "Updated", "Xinhua)", " date"))
        assert not para.endswith(("/CFP", "/Xinhua"))
        assert "(Xinhua) --" not in para
        assert para not in ("CGTN", "China") and para == para.strip()
        assert "\u00a0" not in para


def test_cgtn_header_lines_are_not_the_title() -> None:
    [article] = read_path(SEEDS / "003_3cdf7c45ae1e3e14.txt")
    assert article.title != "China"
    assert not any("2024.09.29" in p for p in article.paragraphs)


def test_people_daily_source_line_variants() -> None:
    text = ("Title here\n\n(Source: Xinhua) 08:05, March 3, 2024\n\n"
            "SEOUL, March 2 (Yonhap) -- Officials met on Saturday.\n")
    article = parse_text(text, "pd.txt")
    assert article.published == date(2024, 3, 3)
    assert article.outlet == "Xinhua"  # the page's own source line beats the dateline agency
    assert article.dateline == "SEOUL, March 2"
    assert article.paragraphs == ["Officials met on Saturday."]


@pytest.mark.parametrize("para,dateline,agency,rest", [
    ("BEIJING, Dec. 24 (Xinhua) -- China is willing.", "BEIJING, Dec. 24", "Xinhua",
     "China is willing."),
    ("WASHINGTON (Reuters) - The U.S. said.", "WASHINGTON", "Reuters", "The U.S. said."),
    ("NEW YORK, Sept. 28 (AP) \u2014 Talks began.", "NEW YORK, Sept. 28", "AP", "Talks began."),
    ("WASHINGTON, D.C. \u2013 Today, the President met.", "WASHINGTON, D.C.", "",
     "Today, the President met."),
    ("(CNN)President Donald Trump went to the hospital.", "", "CNN",
     "President Donald Trump went to the hospital."),
])
def test_dateline_forms(para: str, dateline: str, agency: str, rest: str) -> None:
    found, text = split_dateline(para)
    assert found is not None
    assert (found.text, found.agency, text) == (dateline, agency, rest)


@pytest.mark.parametrize("para", [
    "China (Beijing) is large.", "US-China talks \u2013 the view from Seoul.", "Wang said so.",
])
def test_no_dateline_in_ordinary_sentences(para: str) -> None:
    assert split_dateline(para) == (None, para)


def test_plain_text_hard_wrapped_paragraphs_are_joined() -> None:
    text = ("Ministers meet\n\nThe foreign ministers met in Seoul on Monday\n"
            "and agreed to keep talking.\n\nThey will meet again next year,\nofficials said.\n")
    article = parse_text(text, "wrap.txt")
    assert article.title == "Ministers meet"
    assert article.paragraphs == [
        "The foreign ministers met in Seoul on Monday and agreed to keep talking.",
        "They will meet again next year, officials said.",
    ]


def test_plain_text_one_paragraph_a_line() -> None:
    text = "Title\nFirst paragraph is here.\nSecond paragraph is here.\n"
    assert parse_text(text, "lines.txt").paragraphs == [
        "First paragraph is here.", "Second paragraph is here."]


def test_hard_wrapped_text_without_blank_lines_keeps_paragraph_ends() -> None:
    # wrapped at 40 columns; "Short end." ends a paragraph: "Next" would have fitted after it
    body = ("The two leaders discussed trade and the\n"
            "stability of supply chains in the region\n"
            "over a long call. Short end.\n"
            "Next they turned to the situation on the\n"
            "peninsula and agreed to stay in touch.\n")
    article = parse_text("Call readout\n" + body, "w.txt")
    assert article.paragraphs == [
        "The two leaders discussed trade and the stability of supply chains in the region "
        "over a long call. Short end.",
        "Next they turned to the situation on the peninsula and agreed to stay in touch.",
    ]


def test_captions_bylines_and_footer_dropped() -> None:
    text = ("Title\n\nBy Jane Doe\n\nA file photo shows the ministry building. /VCG\n\n"
            "Photo: Officials at the meeting\n\n"
            "The talks were held on Monday (Photo by nobody) in the capital.\n\n"
            "Officials met on Monday. (Xinhua/Li Xin)\n\nThe ministers agreed.\n\n"
            "Copyright \u00a9 2024 Example\n\nMore text after the footer.\n")
    article = parse_text(text, "c.txt")
    assert article.paragraphs == [
        "The talks were held on Monday (Photo by nobody) in the capital.",
        "The ministers agreed.",
    ]


def test_crlf_and_bom_text(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeffTitle\r\n\r\nBody line one.\r\n\r\nBody two.\r\n".encode())
    [article] = read_path(path)
    assert article.title == "Title"
    assert article.paragraphs == ["Body line one.", "Body two."]


def test_broadcaster_page_with_menu_chrome_above_the_headline() -> None:
    # A broadcaster's page saved whole: its menu words come before the headline and the
    # "Written: ...Updated: ..." stamp; the menu word "Korean" is not the title.
    text = ("Menu Content\n\nSearch\n\nKorean\nSearch\n\nEnglish\n\nAbout KBS Go to KBS\n"
            "Go Top\n\nInternational\n\nTop Diplomats of Seoul, Beijing Talk by Phone\n\n"
            "Written: 2025-10-08 13:25:32Updated: 2025-10-08 13:29:03\n\n"
            "Photo : YONHAP News\n\n"
            "Foreign Minister Cho Hyun spoke by phone with Chinese Foreign Minister Wang Yi on"
            " Tuesday about the coming APEC summit, the ministry in Seoul said.\n")
    article = parse_text(text, "kbs.txt")
    assert article.title == "Top Diplomats of Seoul, Beijing Talk by Phone"
    assert article.published == date(2025, 10, 8)
    assert article.paragraphs[0].startswith("Foreign Minister Cho Hyun spoke by phone")

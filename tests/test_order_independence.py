"""The same files give the same meetings, statements, sources and sides whatever order or
concurrency they are indexed in (docs/meetings.md, "Order independence").

The corpus mixes what makes placing order-sensitive: reports of one meeting from both sides
(dated, month-and-day only, weekday only), two calls on one day, reprints whose sentences
merge, and a file that is word for word another under a different name. Three shuffled serial
runs and two processes indexing at once into one store must all print the same
`readout meetings --json` and `readout export` (statement ids, texts, speakers, sources, sides;
`sid`, a row number, is left out if shown).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.pipeline.ingest import index_sources
from bot.search import sync_index
from bot.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


SEPTEMBER = {
    "sep_a_xinhua.txt": " date 2025-09-17 Wang Yi holds talks with ROK FM\nBEIJING, Sept. 17"
                        " (Xinhua) -- Chinese Foreign Minister Wang Yi held talks with ROK Foreign"
                        " Minister Cho Hyun in Beijing on Wednesday, agreeing to prepare the"
                        " APEC meetings and a visit by the Chinese president.\n",
    "sep_b_mofa.txt": "Outcome of the Korea-China Foreign Ministers' Meeting\n\nMinister of"
                      " Foreign Affairs Cho Hyun met Wang Yi, Minister of Foreign Affairs of"
                      " China, in Beijing on Wednesday, September 17, 2025, and discussed APEC"
                      " and structures in the Yellow Sea.\n",
    "sep_c_repost.txt": " date 2025-09-17 Korea and China meet\n\nForeign Minister Cho Hyun met"
                        " his Chinese counterpart Wang Yi in Beijing on Tuesday to discuss"
                        " APEC.\n",
    "sep_d_brief.txt": "Ministers meet in Beijing\n\nForeign Minister Cho Hyun, envoy of"
                       " President Lee Jae-myung, held talks with Chinese Foreign Minister Wang"
                       " Yi in Beijing on Wednesday about the APEC summit and the Yellow Sea"
                       " structures.\n",
    "sep_e_daily.txt": "Minister Cho meets Wang\n\nMinister Cho held talks on the 17th with"
                       " Wang Yi, China's foreign minister, in Beijing about APEC.\n",
    "sep_f_nodate.txt": "Cho, Wang talk Yellow Sea structures\n\nForeign Minister Cho Hyun held"
                        " talks with Chinese Foreign Minister Wang Yi in Beijing, raising the"
                        " structures China built in the Yellow Sea and the APEC summit.\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("corpus")
    for src in [*sorted((ROOT / "seeds").glob("*.txt")),
                *sorted((FIXTURES / "rok_pairs").glob("*.txt")),
                *sorted((FIXTURES / "undated").glob("*.txt"))]:
        shutil.copy(src, folder / src.name)
    # One meeting whose reports disagree and name different people: one outlet's wrong
    # weekday (Tuesday for a Wednesday meeting), a weekday-only brief that names the
    # president as well, a "the 17th" report naming only "Minister Cho", and one with no
    # date at all. Which of them joins must not depend on which came first.
    for name, text in SEPTEMBER.items():
        (folder / name).write_text(text)
    # a verbatim copy under a name that sorts before and one after the original
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    shutil.copy(seed, folder / "0_reprint.txt")
    shutil.copy(seed, folder / "zz_reprint.txt")
    return sorted(folder.glob("*.txt"))


def snapshot(db: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[dict], list[dict]]:
    capsys.readouterr()
    assert main(["--db", str(db), "meetings", "--json"]) == 0
    meetings = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert main(["--db", str(db), "export"]) == 0
    export = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    for s in export:
        s.pop("sid", None)  # a row number, if shown
    return meetings, sorted(export, key=lambda s: s["id"])


def test_shuffled_and_concurrent_runs_give_the_same_meetings_and_statements(
    corpus: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference_db = tmp_path / "sorted.db"
    index_sources(Store(reference_db), [str(f) for f in corpus], workers=1)
    reference = snapshot(reference_db, capsys)
    meetings, export = reference
    assert len(meetings) >= 8 and len(export) >= 40
    # the corpus does merge: reports of both sides and a copy in one meeting
    assert any(len(m["sources"]) >= 3 for m in meetings)
    assert {w["side"] for m in meetings for w in m["why"]} >= {"china", "south_korea"}

    for seed in (1, 2, 3):
        order = corpus[:]
        random.Random(seed).shuffle(order)
        db = tmp_path / f"shuffled{seed}.db"
        index_sources(Store(db), [str(f) for f in order], workers=1)
        assert snapshot(db, capsys) == reference, f"shuffled order #{seed}"

    # two processes at once, each half of a shuffled order, into one store
    order = corpus[:]
    random.Random(7).shuffle(order)
    db = tmp_path / "concurrent.db"
    # The store and its search index exist before the race, as for any deployment (two
    # processes *creating* one search index at once is the search index's own problem).
    first = Store(db)
    sync_index(first)
    first.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = ("import sys; from bot.pipeline.ingest import index_sources; "
            "from bot.store import Store; index_sources(Store(sys.argv[1]), sys.argv[2:], "
            "workers=1)")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db),
                               *[str(f) for f in order[i::2]]], env=env) for i in range(2)]
    assert [p.wait(timeout=600) for p in procs] == [0, 0]
    assert snapshot(db, capsys) == reference, "two concurrent runs"


# A meeting dated by most of its reports on the 13th whose earliest report says the 12th, and
# another meeting on the 11th: two days from the first meeting, one from its first report.
NEIGHBOURS = {
    "n1_xinhua.txt": " date 2022-03-12 Wang Yi meets ROK FM\nSINGAPORE, March 12 (Xinhua) --"
                     " Chinese Foreign Minister Wang Yi met with ROK Foreign Minister Chung"
                     " Eui-yong in Singapore on Saturday, calling for stable ties.\n",
    "n2_cgtn.txt": " date 2022-03-13 Wang Yi, Chung Eui-yong hold talks\nSINGAPORE, March 13"
                   " (CGTN) -- Chinese Foreign Minister Wang Yi held talks with ROK Foreign"
                   " Minister Chung Eui-yong in Singapore on Sunday on supply chains.\n",
    "n3_xinhua.txt": " date 2022-03-13 Chinese, ROK FMs talk\nSINGAPORE, March 13 (Xinhua) --"
                     " Chinese Foreign Minister Wang Yi held talks with ROK Foreign Minister"
                     " Chung Eui-yong in Singapore on Sunday.\n",
    "n4_other.txt": " date 2022-03-11 Wang Yi meets Japanese FM\nTOKYO, March 11 (Xinhua) --"
                    " Chinese Foreign Minister Wang Yi met with Japanese Foreign Minister"
                    " Hayashi Yoshimasa in Tokyo on Friday.\n",
}


def test_a_meetings_reason_names_the_same_neighbours_in_any_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "n"
    folder.mkdir()
    for name, text in NEIGHBOURS.items():
        (folder / name).write_text(text)
    files = sorted(folder.glob("*.txt"))
    runs = []
    for n, order in enumerate([files, [files[-1], *files[:-1]]]):
        db = tmp_path / f"n{n}.db"
        index_sources(Store(db), [str(f) for f in order], workers=1)
        runs.append(snapshot(db, capsys)[0])
    assert runs[0] == runs[1]
    singapore = [m for m in runs[0] if len(m["sources"]) == 3]
    assert len(singapore) == 1 and singapore[0]["event_date"] == "2022-03-13"
    tokyo = [m["id"] for m in runs[0] if m["id"] != singapore[0]["id"]]
    # the 11th is a day from the first report's own date: its reason names that meeting
    assert tokyo[0] in " ".join(w["why"] for w in singapore[0]["why"])

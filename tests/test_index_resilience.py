"""Indexing the way users break it: files nested a hundred thousand deep, a bug in one file,
hostile bytes, odd file names, the same files in another order, a reader during a writer.

The contract: the run always finishes; every input is either indexed or named with a one-line
reason; nothing indexed for the other files is lost; a failed file is tried again next run.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.articles import jsonl as jsonl_mod
from bot.articles import read as read_mod
from bot.articles.read import read_path, read_path_detailed
from bot.cli import main
from bot.errors import QueryError
from bot.pipeline import analyse as analyse_mod
from bot.pipeline.analyse import Pipeline
from bot.pipeline.ingest import index_sources
from bot.search import MAX_OFFSET, search
from bot.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
STORY = ("<h1>Ministers meet</h1><p>BEIJING, July 28 (Xinhua) -- China and South Korea should "
         "deepen cooperation on supply chains, Chinese Foreign Minister Wang Yi said Monday in "
         "talks with South Korean Foreign Minister Cho Hyun.</p><p>Cho said South Korea values "
         "its relations with China and hopes for more exchanges between the two peoples.</p>")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def rejected_lines(out: str) -> dict[str, str]:
    lines = [ln for ln in out.splitlines() if ln.startswith("rejected ")]
    return {ln[len("rejected "):].split(": ", 1)[0].rsplit("/", 1)[-1]: ln.split(": ", 1)[1]
            for ln in lines}


def deep_html(levels: int, tag: str = "div") -> str:
    story = STORY.replace("Monday", f"Monday at a {tag} {levels} levels down")
    return f"<html><body>{f'<{tag}>' * levels}{story}{f'</{tag}>' * levels}</body></html>"


def test_deep_files_are_named_and_every_later_file_is_indexed(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    # the file, first in the run, and worse ones
    (d / "a.html").write_text("<html><body>" + "<div>" * 1000 + "<p>Wang Yi said hi.</p>"
                              + "</div>" * 1000 + "</body></html>")
    (d / "b_deep.html").write_text(deep_html(20_000))
    (d / "c_spans.html").write_text(deep_html(50_000, "span"))
    ld = "[" * 50_000 + "]" * 50_000
    sunday = STORY.replace("Monday", "Sunday")
    (d / "d_ld.html").write_text(f'<html><head><script type="application/ld+json">{ld}'
                                 f"</script></head><body>{sunday}</body></html>")
    good = json.dumps({"title": "Talks", "text": "China and South Korea agreed to meet again, "
                       "Wang Yi said on Monday.\n\nCho Hyun welcomed it."})
    (d / "e.jsonl").write_text("[" * 1000 + "]" * 1000 + "\n" + good + "\n")
    (d / "f.jsonl").write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    for f in SEED_FILES:
        shutil.copy(f, d / f"z_{f.name}")
    db = str(tmp_path / "r.db")
    code, out = run(capsys, "--db", db, "index", str(d), "--workers", "0")
    assert code == 3, out  # some inputs were rejected
    rejected = rejected_lines(out)
    assert set(rejected) == {"e.jsonl:1", "f.jsonl"}, out
    assert "nested too deeply" in rejected["e.jsonl:1"]
    assert "nested too deeply" in rejected["f.jsonl"]
    # 4 HTML pages, the good archive line, and every seed after them
    assert f"{4 + 1 + len(SEED_FILES)} added" in out
    for name in ("b_deep.html", "c_spans.html", "d_ld.html"):
        assert any("supply chains" in p for p in read_path(d / name)[0].paragraphs)
    assert read_path(d / "a.html")[0].paragraphs == ["Wang Yi said hi."]


class Boom(Exception):
    pass


def test_a_bug_in_one_file_names_it_and_the_file_is_tried_again_next_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for f in SEED_FILES:
        shutil.copy(f, d / f.name)
    victims = {SEED_FILES[1].name: Boom("a parser bug\nwith two lines"),
               SEED_FILES[2].name: RecursionError("maximum recursion depth exceeded"),
               SEED_FILES[3].name: OverflowError("date value out of range")}
    real_read = read_mod.read_bytes

    def flaky(data: bytes, source: str, kind: str, *a: object, **k: object) -> object:
        if source in victims:
            raise victims[source]
        return real_read(data, source, kind, *a, **k)  # type: ignore[arg-type]

    real_analyse = Pipeline.analyse

    def flaky_analyse(self: Pipeline, art: object) -> object:
        if getattr(art, "source", "") == SEED_FILES[4].name:
            raise MemoryError
        return real_analyse(self, art)  # type: ignore[arg-type]

    monkeypatch.setattr(read_mod, "read_bytes", flaky)
    monkeypatch.setattr(Pipeline, "analyse", flaky_analyse)
    store = Store(tmp_path / "r.db")
    report = index_sources(store, [str(d)], workers=0)
    reasons = {Path(s).name: r for s, r in report.rejected}
    assert set(reasons) == {f.name for f in SEED_FILES[1:]}
    assert all("\n" not in r and r for r in reasons.values())
    assert reasons[SEED_FILES[1].name] == "internal error: Boom: a parser bug with two lines"
    assert "nested too deeply" in reasons[SEED_FILES[2].name]
    assert "OverflowError" in reasons[SEED_FILES[3].name]
    assert "MemoryError" in reasons[SEED_FILES[4].name]
    assert report.added == 1
    kept = store.counts()["statements"]

    monkeypatch.undo()  # the bug is fixed: the next run picks the failed files up
    again = index_sources(Store(tmp_path / "r.db"), [str(d)], workers=0)
    assert again.rejected == [] and again.added == len(SEED_FILES) - 1 and again.unchanged == 1
    assert Store(tmp_path / "r.db").counts()["statements"] > kept


def test_a_300_mb_line_is_refused_without_being_read_into_memory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same shape at a smaller scale: a 1 MB line cap and a 40 MB line.
    monkeypatch.setattr(jsonl_mod, "MAX_LINE_BYTES", 1 << 20)
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as fh:
        fh.write(b'{"text": "')
        for _ in range(40):
            fh.write(b"x" * (1 << 20))
        fh.write(b'"}\n')
        fh.write(json.dumps({"text": "Wang Yi met Cho Hyun in Busan on Sunday."}).encode()
                 + b"\n")
    tracemalloc.start()
    try:
        result = read_path_detailed(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.rejected == [("huge.jsonl:1", "line 1: line is over 1 MB")]
    assert len(result.articles) == 1
    assert peak < 8 << 20, f"peak {peak >> 20} MB for a 40 MB line"  # a few caps, not 40


def test_a_page_of_millions_of_tags_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "tags.html"
    path.write_text("<html><body>" + "<b>" * 500_000 + STORY + "</b>" * 500_000)
    tracemalloc.start()
    try:
        with pytest.raises(Exception, match=r"HTML of 1,000,0\d\d tags, over the 400,000 cap"):
            read_path(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 << 20  # the 4 MB text and its decoding, not a tree


def test_a_text_file_over_the_cap_is_refused_before_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_mod, "MAX_BYTES", 1 << 20)
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(30 << 20)  # sparse: 30 MB on paper
    tracemalloc.start()
    try:
        with pytest.raises(Exception, match="over the 1 MB cap"):
            read_path(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20


def test_file_names_that_are_not_utf8_are_indexed_and_printed(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    good = os.fsdecode(os.fsencode(str(d)) + b"/caf\xe9-report.txt")
    bad = os.fsdecode(os.fsencode(str(d)) + b"/\xff\xfe-empty.txt")
    shutil.copy(SEED_FILES[0], good)
    Path(bad).write_bytes(b"")
    db = str(tmp_path / "r.db")
    code, out = run(capsys, "--db", db, "index", str(d), "--json")
    report = json.loads(out)
    assert code == 3 and report["added"] == 1
    names = [r["source"].rsplit("/", 1)[-1] for r in report["rejected"]]
    assert names == ["\ufffd\ufffd-empty.txt"]
    code, out = run(capsys, "--db", db, "index", str(d))
    assert "rejected" in out and "\ufffd\ufffd-empty.txt: empty file" in out
    _, exported = run(capsys, "--db", db, "export")
    assert "caf\ufffd-report.txt" in exported


def test_utf16_without_a_byte_order_mark_is_text(tmp_path: Path) -> None:
    text = SEED_FILES[0].read_text(encoding="utf-8")
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(text.encode(codec))
        art = read_path(path)[0]
        assert "strategic cooperative partnership" in " ".join(art.paragraphs)


@pytest.mark.parametrize("offset", ["99999999999999999999", "9223372036854775807", "-1"])
def test_offsets_past_any_page_are_one_line_errors(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, offset: str) -> None:
    db = str(tmp_path / "r.db")
    run(capsys, "--db", db, "index", str(SEEDS))
    code = main(["--db", db, "search", "cooperation", "--offset", offset])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "out of range" in err
    assert "Traceback" not in err
    assert len(search(Store(db), "cooperation", offset=MAX_OFFSET).hits) == 0


@pytest.mark.parametrize("offset", ["99999999999999999999", "9223372036854775807", "x"])
def test_a_forged_button_offset_gets_an_answer(tmp_path: Path, offset: str) -> None:
    from bot.slack.workers import compute

    store = Store(tmp_path / "r.db")
    index_sources(store, [str(SEEDS)], workers=0)
    for kind in ("search", "theme"):
        state = {"k": kind, "q": "cooperation", "t": "trade", "o": offset}
        messages = compute(store, "state", {"state": state, "ephemeral": True})
        text = json.dumps(messages)
        assert messages and ("out of range" in text or "could not be answered" in text)
    with pytest.raises(QueryError):
        search(store, "cooperation", offset=int("9" * 20))


def test_dates_at_the_ends_of_the_calendar(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    body = ("BEIJING, Dec. 31 (Xinhua) -- China and South Korea should deepen cooperation on "
            "trade, Chinese Foreign Minister Wang Yi said in talks with South Korean Foreign "
            "Minister Cho Hyun on Dec. 31, 9999.\n\nCho said the two sides will meet again.\n")
    (d / "late.txt").write_text(f" date 9999-12-31 Wang Yi meets Cho Hyun\n\n{body}")
    (d / "early.txt").write_text(f" date 0001-01-01 Wang Yi meets Cho Hyun\n\n"
                                 f"{body.replace('trade', 'the economy')}")
    (d / "a.jsonl").write_text(json.dumps({"text": body, "published": "9999-12-31"}) + "\n"
                               + json.dumps({"text": body + " Again.", "date": "0001-01-01"})
                               + "\n")
    db = str(tmp_path / "r.db")
    code, out = run(capsys, "--db", db, "index", str(d))
    assert code == 0, out
    assert "4 added" in out
    for q in ("since:9999-12-31 cooperation", "until:0001-01-01 cooperation",
              "since:0001-01-01 until:9999-12-31 cooperation", "until:9999-12 trade"):
        code, out = run(capsys, "--db", db, "search", q)
        assert code == 0 and "statements match" in out
    code, out = run(capsys, "--db", db, "ask", "what did Wang Yi say before January 0001?")
    assert code == 0


# -- fuzz ---------------------------------------------------------------------------------------
_HOSTILE = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.integers(0, 3000).map(lambda n: ("<div>" * n + "Wang Yi said hi." + "</div>" * n).encode()),
    st.integers(0, 3000).map(lambda n: ("[" * n + "]" * n).encode()),
    st.integers(0, 3000).map(lambda n: ('{"text": ' + '{"a":' * n + "1" + "}" * n + "}").encode()),
    st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff\x00", b"\x00" * 100,
                     "date 9999-12-31 x\n\nWang Yi said hi.".encode("utf-16-le"),
                     b'{"text": "x", "published": "0001-01-01"}', b"<html><body></body>",
                     b"<script>" * 500, b'{"text": "' + b"\\ud800" * 50 + b'"}']),
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(_HOSTILE, st.sampled_from([".txt", ".html", ".htm", ".jsonl"])),
                min_size=1, max_size=6),
       st.randoms(use_true_random=False))
def test_any_input_finishes_the_run_with_a_reason_per_file(
        tmp_path_factory: pytest.TempPathFactory, files: list[tuple[bytes, str]],
        rng: random.Random) -> None:
    d = tmp_path_factory.mktemp("fuzz")
    names = []
    for i, (data, suffix) in enumerate(files):
        name = f"{i:02d}{suffix}"
        (d / name).write_bytes(data)
        names.append(name)
    good = f"{len(files):02d}_seed.txt"
    shutil.copy(rng.choice(SEED_FILES), d / good)
    store = Store(d / "r.db")
    report = index_sources(store, [str(d)], workers=0)
    rejected = {Path(s.split(":")[0]).name for s, _ in report.rejected}
    assert all(r and "\n" not in r for _, r in report.rejected)
    stored = {Path(a["source"]).name for a in store.articles()}
    assert good in stored
    # every file is stored, named with a reason, or a word-for-word copy of one stored
    # (an archive's articles are named by their lines, so archives are left out here)
    unaccounted = {n for n in names if not n.endswith(".jsonl")} - rejected - stored
    assert len(unaccounted) <= report.duplicates, unaccounted


# -- order and concurrency ----------------------------------------------------------------------
def _reprints(d: Path) -> None:
    """Each seed, and a wire rewrite of it (another outlet's copy of the same readout)."""
    for f in SEED_FILES:
        text = f.read_text(encoding="utf-8")
        shutil.copy(f, d / f.name)
        rewrite = text.replace(" said ", " noted ").replace("stressed", "underlined")
        (d / f"rewrite_{f.name}").write_text(rewrite.replace("(Xinhua)", "(CGTN)"))
    (d / "bad.html").write_text(deep_html(5000))
    (d / "bad.jsonl").write_text("[" * 2000 + "]" * 2000 + "\n")


def _summary(db: Path) -> tuple[object, ...]:
    store = Store(db)
    meetings = {frozenset(Path(s).name for s in m["sources"]) for m in store.meetings()}
    statements = sorted((st["event_date"] or "", st["speaker"] or "", len(st["sources"]))
                        for st in store.iter_statements())
    return store.counts()["statements"], statements, meetings


def test_the_same_files_in_another_order_give_the_same_index(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    _reprints(d)
    files = sorted(str(p) for p in d.iterdir())
    results = []
    for k, order in enumerate((files, files[::-1], random.Random(4).sample(files, len(files)))):
        report = index_sources(Store(tmp_path / f"r{k}.db"), order, workers=0)
        assert {Path(s.split(":")[0]).name for s, _ in report.rejected} == {"bad.jsonl"}
        results.append(_summary(tmp_path / f"r{k}.db"))
    _, statements, meetings = results[0]
    assert any(n > 1 for _, _, n in statements)  # the rewrites merged into their seeds
    assert any(len(m) == 2 for m in meetings)  # a seed and its rewrite are one meeting
    for other in results[1:]:
        assert other == results[0]


def test_a_reader_during_a_writer_gets_answers_that_only_grow(tmp_path: Path) -> None:
    """`readout index` in another process while this one searches: every search answers,
    and what it sees only grows (each article is committed whole)."""
    d = tmp_path / "in"
    d.mkdir()
    for i in range(60):
        for f in SEED_FILES:
            # every other copy names someone else (a made-up name nothing like Wang Yi's: a
            # spelling close to the office holder's is read as his, round 25)
            text = f.read_text(encoding="utf-8").replace("Wang", f"Zheng{i}" if i % 2 else "Wang")
            (d / f"{i:03d}_{f.name}").write_text(text.replace("Tuesday", f"Tuesday {i}"))
    db = tmp_path / "r.db"
    Store(db)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "--db", str(db), "index", str(d),
                             "--workers", "0"], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen: list[int] = []
    try:
        while proc.poll() is None:
            seen.append(search(Store(db), "cooperation").total)
            time.sleep(0.05)
    finally:
        _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    final = search(Store(db), "cooperation").total
    assert len(seen) >= 3 and seen == sorted(seen) and seen[-1] <= final
    assert final > 0 and any(0 < n < final for n in seen), seen


def test_reasons_from_read_failures_are_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(source: str, allow_private: bool = False) -> object:
        raise ValueError("line one\nline two")

    monkeypatch.setattr(analyse_mod, "read_source", explode)
    done = analyse_mod.analyse_source("x.txt", Pipeline())
    assert done.rejected == [("x.txt", "internal error: ValueError: line one line two")]

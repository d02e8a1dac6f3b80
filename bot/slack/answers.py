"""Answers to lookups as Block Kit: search, theme timeline, phrase use, meetings, compare, help.

Each function takes the store and the lookup's arguments and returns an `Answer`; a button on
an answer carries the state to run the next page or to share it, so no server-side session is
kept between a question and its "More results".
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from bot.analysis.themes import default_taxonomy
from bot.errors import ReadoutError
from bot.lookups import queries as lookups
from bot.lookups.questions import EXAMPLES, Mapping, map_question
from bot.models import shown_date
from bot.slack.blocks import (
    ACTION_CHART,
    ACTION_MORE,
    ACTION_SHARE,
    Answer,
    button,
    context,
    divider,
    esc,
    header,
    meeting_label,
    sections,
    side_label,
    state,
    statement_group,
)
from bot.store import Store

PAGE = 10
MAX_FIELD = 2000  # a section field's limit


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"

HELP_LINES = (
    "`/readout supply chains since:2024` search statements (free words, \"phrases\", "
    "`speaker:wang`, `side:china`, `theme:taiwan`, `since:2024-01-01`, `until:…`, `outlet:xinhua`)",
    "`/readout themes` the themes statements are tagged with",
    "`/readout theme supply_chains` a theme's timeline, newest first, both sides",
    "`/readout phrase \"decoupling\"` first use of a phrase and every later use",
    "`/readout meetings [person]` meetings, newest first",
    "`/readout compare 2023-07-14 2025-07-28` two meetings side by side, theme by theme",
    "`/readout digest` preview this channel's next digest",
    "`/readout subscribe` a form to post a digest in a channel, or in one line:"
    " `/readout subscribe daily|weekly [weekday] [HH:MM] [Area/City] [theme …]`"
    " (e.g. `subscribe daily 08:00 Asia/Seoul`); `/readout unsubscribe`; `/readout subscriptions`",
    "`/readout add <url>` index an article (admins)",
)


def _meetings_for(store: Store, items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for st in items:
        mid = st.get("meeting")
        if mid and mid not in out:
            found = store.meeting(mid)
            if found:
                out[mid] = found
    return out


def _share(run: str, ephemeral: bool) -> list:
    return [button("Share in channel", ACTION_SHARE, run)] if ephemeral else []


def problem_answer(problem: str, usage: str | None = None) -> Answer:
    """What was wrong, in one line (plus the usage line that fixes it); not the whole help."""
    ans = Answer(problem)
    ans.add(*sections(f":warning: {esc(problem)}"))
    ans.add(context(usage or "`/readout help` lists every command, with examples."))
    return ans


def help_answer(problem: str | None = None) -> Answer:
    if problem:
        return problem_answer(problem)
    ans = Answer("Readout help")
    ans.add(header("Ask Readout"))
    ans.add(*sections("\n".join(f"• {line}" for line in HELP_LINES)))
    ans.add(context("In a DM or by mentioning me, ask in plain English: "
                    + "; ".join(f"“{esc(e)}”" for e in EXAMPLES)))
    return ans


def examples_answer(question: str) -> Answer:
    ans = Answer("I could not map that question")
    ans.add(*sections(
        f"I could not find a person, country, theme, date or phrase in “{esc(question)}”."
        " Try one of these:\n" + "\n".join(f"• {esc(e)}" for e in EXAMPLES)))
    ans.add(context("Or search directly: `/readout supply chains since:2024`"))
    return ans


def themes_answer() -> Answer:
    tax = default_taxonomy()
    ans = Answer("Readout themes")
    ans.add(header("Themes"))
    lines = [f"• `{esc(t.id)}` *{esc(t.label)}* — {esc(t.description)}" for t in
             tax.themes.values()]
    ans.add(*sections("\n".join(lines) or "No themes are configured."))
    ans.add(context("Use one: `/readout theme supply_chains` or `theme:taiwan` in a search"))
    return ans


def search_answer(
    store: Store, query: str, offset: int = 0, ephemeral: bool = True,
    mapping: Mapping | None = None,
) -> Answer:
    from bot.search import search

    result = search(store, query, limit=PAGE, offset=offset)
    if mapping is not None and mapping.loose and result.total == 0:
        return examples_answer(mapping.query)
    ans = Answer(f"{_n(result.total, 'statement')} for {query}")
    if offset == 0:
        ans.add(header(f"Search: {query}"))
    if mapping is not None:
        ans.add(context(f"I read your question as `{esc(query)}` ({esc(mapping.explanation)})."
                        " Refine it with `/readout` and that query."))
    shown = f"{offset + 1}–{offset + len(result.hits)}" if result.hits else "0"
    ans.add(context(f"{_n(result.total, 'statement')} match `{esc(query)}`; showing {shown}."))
    meetings = _meetings_for(store, result.hits)
    for st in result.hits:
        ans.add(*statement_group(st, meetings))
    if not result.hits:
        ans.add(*sections("Nothing matches. Fewer words, or a wider date range, may help."))
    if offset + PAGE < result.total:
        ans.actions.append(button("More results", ACTION_MORE,
                                  state("search", q=query, o=offset + PAGE)))
    ans.actions += _share(state("search", q=query, o=offset), ephemeral)
    return ans


def theme_answer(
    store: Store, theme: str, offset: int = 0, ephemeral: bool = True,
    before: tuple[str, int] | None = None,
) -> Answer:
    theme = lookups.check_theme(theme)
    label = default_taxonomy().themes[theme].label if theme in default_taxonomy().themes else theme
    page = lookups.theme_timeline(store, theme, PAGE, offset, before=before)
    title = f"Earlier on {label}" if before else f"Timeline: {label}"
    ans = Answer(f"{title} ({len(page.items)} statements)")
    if offset == 0:
        ans.add(header(title))
        when = f" before {before[0]}" if before else ""
        ans.add(context(f"Statements tagged `{esc(theme)}`{esc(when)}, newest first, every side."))
    meetings = _meetings_for(store, page.items)
    for st in page.items:
        ans.add(*statement_group(st, meetings, earlier=False))
    if not page.items:
        ans.add(*sections(f"No statements on {esc(label)}{' before that' if before else ''}."))
    args: dict[str, Any] = {"t": theme}
    if before:
        args.update(d=before[0], s=before[1])
    if page.more:
        ans.actions.append(button("More results", ACTION_MORE,
                                  state("earlier" if before else "theme", **args,
                                        o=offset + PAGE)))
    ans.actions.append(button("Chart over time", ACTION_CHART, state("chart", t=theme)))
    ans.actions += _share(state("earlier" if before else "theme", **args, o=offset), ephemeral)
    return ans


def phrase_answer(store: Store, phrase: str, offset: int = 0, ephemeral: bool = True,
                  mapping: Mapping | None = None) -> Answer:
    uses = lookups.phrase_uses(store, phrase, PAGE, offset)
    ans = Answer(f"Uses of “{uses.phrase}”")
    if offset == 0:
        ans.add(header(f"“{uses.phrase}”"))
        if mapping is not None:
            ans.add(context(f"I read your question as the first and later uses of"
                            f" “{esc(uses.phrase)}” ({esc(mapping.explanation)})."))
        if uses.first is None:
            ans.add(*sections(f"“{esc(uses.phrase)}” does not appear in any statement."))
        else:
            f = uses.first
            ans.add(*sections(
                f"*First used* {esc(f.get('event_date') or 'undated')} by"
                f" *{esc(f.get('speaker') or 'narration')}*; every use below, oldest first."))
    meetings = _meetings_for(store, uses.uses)
    for st in uses.uses:
        ans.add(*statement_group(st, meetings))
    if uses.more:
        ans.actions.append(button("More results", ACTION_MORE,
                                  state("phrase", p=uses.phrase, o=offset + PAGE)))
    ans.actions += _share(state("phrase", p=uses.phrase, o=offset), ephemeral)
    return ans


def meetings_answer(store: Store, person: str | None, ephemeral: bool = True) -> Answer:
    rows = lookups.meetings_by_person(store, person, limit=40)
    title = f"Meetings with {person}" if person else "Meetings"
    ans = Answer(f"{title}: {len(rows)}")
    ans.add(header(title))
    for m in rows:
        src = m["source_details"][0] if m.get("source_details") else {}
        from bot.slack.blocks import link

        ans.add(*sections(
            f"*{esc(m.get('event_date') or 'undated')}* {esc(meeting_label(m))}"
            f"{' — ' + esc(m['occasion']) if m.get('occasion') else ''}\n"
            f"`{esc(m['id'])}` · "
            f"{link(src.get('url'), src.get('title') or m.get('title') or 'source')}"
            f" · {len(m.get('sources') or [])} report(s)"))
    if not rows:
        ans.add(*sections("No meetings are indexed yet."))
    ans.add(context("Compare two: `/readout compare <id or date> <id or date>`"))
    ans.actions += _share(state("meetings", p=person or ""), ephemeral)
    return ans


def compare_answer(store: Store, a: str, b: str, theme: str | None = None,
                   meeting_format: str | None = None, ephemeral: bool = True,
                   mapping: Mapping | None = None) -> Answer:
    cmp = lookups.compare_meetings(store, a, b, theme, meeting_format)
    a, b = shown_date(cmp.a.get("event_date")), shown_date(cmp.b.get("event_date"))
    ans = Answer(f"Compare {a} and {b}")
    ans.add(header(f"Compare {a} with {b}"))
    if mapping is not None:
        ans.add(context(f"I read your question as: {esc(mapping.explanation)}."))
    ans.add(context(*(
        f"*{tag}* {esc(shown_date(m.get('event_date')))} {esc(meeting_label(m))} (`{esc(m['id'])}`)"
        for tag, m in (("A", cmp.a), ("B", cmp.b)))))
    for row in cmp.rows:
        cols = [_column(tag, items) for tag, items in (("A", row.a), ("B", row.b))]
        title = f"*{esc(row.label)}* (`{esc(row.theme)}`)"
        if all(len(c) <= MAX_FIELD for c in cols):  # side by side: two section fields
            ans.add(divider(), SectionBlock(
                text=MarkdownTextObject(text=title),
                fields=[MarkdownTextObject(text=c) for c in cols]))
        else:  # too long for a field (2,000 characters): one under the other, nothing cut
            ans.add(divider(), *sections(title), *sections(cols[0]), *sections(cols[1]))
    if not cmp.rows:
        ans.add(*sections("Neither meeting has statements on a theme."))
    ans.actions += _share(state("compare", a=cmp.a["id"], b=cmp.b["id"], t=theme or ""),
                          ephemeral)
    return ans


def _column(tag: str, items: list[dict[str, Any]]) -> str:
    if not items:
        return f"*{tag}*: _not raised_"
    return "\n".join(
        f"*{tag}* · {esc(st.get('speaker') or 'narration')}"
        f" ({esc(side_label(st.get('side')))}): {esc(st['text'])}" for st in items)


def question_answer(store: Store, mapping: Mapping, ephemeral: bool = False) -> Answer:
    if mapping.kind == "compare" and mapping.compare:
        return compare_answer(store, *mapping.compare, theme=mapping.theme,
                              meeting_format=mapping.meeting_format, ephemeral=ephemeral,
                              mapping=mapping)
    if mapping.kind == "phrase" and mapping.phrase:
        return phrase_answer(store, mapping.phrase, ephemeral=ephemeral, mapping=mapping)
    return search_answer(store, mapping.query, ephemeral=ephemeral, mapping=mapping)


def run_state(store: Store, st: dict[str, Any], ephemeral: bool) -> Answer:
    """Re-run the lookup a button carries (paging, sharing, earlier-on-theme)."""
    kind, off = st.get("k"), int(st.get("o") or 0)
    if kind == "search":
        return search_answer(store, st["q"], off, ephemeral)
    if kind == "theme":
        return theme_answer(store, st["t"], off, ephemeral)
    if kind == "earlier":
        return theme_answer(store, st["t"], off, ephemeral, before=(st["d"], int(st["s"])))
    if kind == "phrase":
        return phrase_answer(store, st["p"], off, ephemeral)
    if kind == "meetings":
        return meetings_answer(store, st.get("p") or None, ephemeral)
    if kind == "compare":
        return compare_answer(store, st["a"], st["b"], st.get("t") or None, ephemeral=ephemeral)
    return help_answer("That button is from an older version of Readout.")


log = logging.getLogger(__name__)
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def answer_question(store: Store, text: str, ephemeral: bool = False) -> Answer:
    question = _MENTION.sub(" ", text).strip()
    mapping = map_question(question)
    if mapping is None:
        return examples_answer(question)
    try:
        return question_answer(store, mapping, ephemeral=ephemeral)
    except ReadoutError as exc:
        return problem_answer(str(exc))
    except Exception:  # a bug must reach the log, not the user as silence or a trace
        log.exception("question failed")
        return problem_answer("Something went wrong on our side; it has been logged.")


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_STOP = frozenset((
    "that", "this", "with", "from", "have", "were", "been", "will", "would", "their",
    "there", "which", "about", "they", "them", "what", "when", "where", "while", "also",
    "into", "than", "then", "more", "most", "some", "such", "only", "over", "very", "just",
    "your", "said", "says", "after", "before", "other", "these", "those", "being", "could",
    "should", "shall", "must",
))


def related_answer(store: Store, text: str) -> Answer:
    """'Find related statements' on any message: the question it asks, or its key words."""
    question = _MENTION.sub(" ", text).strip()
    if not question:
        return problem_answer("That message has no text to look for.")
    mapping = map_question(question)
    if mapping is not None and not mapping.loose:
        return question_answer(store, mapping, ephemeral=True)
    words: list[str] = []
    for w in _WORD.findall(question):
        if w.lower() not in _STOP and w.lower() not in words and len(words) < 8:
            words.append(w.lower())
    if not words:
        return examples_answer(question)
    from bot.search import search

    # The query language ANDs its words: the most of the message's key words that still
    # match something, in the message's order.
    for n in (4, 3, 2, 1):
        for start in range(0, max(1, len(words) - n + 1)):
            query = " ".join(words[start : start + n])
            try:
                if search(store, query, limit=1).total:
                    return search_answer(store, query)
            except ReadoutError:
                continue
    return search_answer(store, words[0])

"""Generate a deterministic benchmark corpus from the seeds: N articles, half .txt, half .html.

    .venv/bin/python benchmarks/corpus_gen.py 10000 [--out bench-data/corpus-10000]

Each article starts from one seed's paragraphs, reordered, trimmed and mixed with paragraphs of
other seeds; the counterpart minister, the dateline, the weekday, the place and some verbs are
swapped so the text, speakers and dates vary the way a real archive does. HTML pages wrap the
body in the markup a news site adds: navigation, header, share bar, figure with caption,
related stories, JSON-LD NewsArticle, meta tags and a footer. Same N, same files, byte for byte.
Pure stdlib on purpose: the benchmark must not depend on the reader it measures.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Counterparts by term, as in bot/registry/data/people.toml (kept here so the corpus stays fixed
# when the registry grows).
COUNTERPARTS = [
    (date(2021, 2, 9), date(2022, 5, 11), "Chung Eui-yong", "Chung"),
    (date(2022, 5, 12), date(2024, 1, 11), "Park Jin", "Park"),
    (date(2024, 1, 12), date(2025, 7, 18), "Cho Tae-yul", "Cho"),
    (date(2025, 7, 19), date(2026, 6, 30), "Cho Hyun", "Cho"),
]
SEED_PEOPLE = ("Cho Tae-yul", "Cho Hyun", "Park Jin")
SEED_SURNAMES = ("Cho", "Park")
PLACES = ["BEIJING", "SEOUL", "BUSAN", "JAKARTA", "VIENTIANE", "TOKYO", "KUALA LUMPUR",
          "NEW YORK", "GENEVA", "SINGAPORE"]
OUTLETS = [("Xinhua", "english.news.cn"), ("CGTN", "news.cgtn.com"),
           ("People's Daily", "en.people.cn"), ("China Daily", "chinadaily.com.cn")]
VERBS = [("stressed", "emphasized"), ("noted", "pointed out"), ("said", "stated"),
         ("willing", "ready"), ("expressed the hope", "voiced the hope")]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
          "Nov.", "Dec."]
TITLES = [
    "{a} FM, {b} counterpart hold talks on bilateral ties",
    "Wang Yi meets {cp} on {topic}",
    "China, South Korea vow to deepen cooperation on {topic}",
    "{cp} and Wang Yi discuss {topic} in {place}",
    "Chinese FM calls for sound, stable China-South Korea relations",
]
TOPICS = ["supply chains", "trade", "the Korean Peninsula", "trilateral cooperation",
          "people-to-people exchanges", "regional security", "APEC"]
_DATELINE = re.compile(r"^[A-Z][A-Za-z .,]*? \d{1,2} \((Xinhua|CGTN)\) -- ")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")


@dataclass
class Seed:
    paragraphs: list[str]


def load_seeds() -> list[Seed]:
    """Body paragraphs of each seed: lines that read as sentences, headers and captions left out."""
    seeds = []
    for path in sorted(SEEDS.iterdir()):
        paras = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        body = [p for p in paras if len(p) > 90 and p.endswith((".", '"')) and "/CFP" not in p]
        seeds.append(Seed(body))
    return seeds


def counterpart(day: date) -> tuple[str, str]:
    for start, end, name, surname in COUNTERPARTS:
        if start <= day <= end:
            return name, surname
    return COUNTERPARTS[-1][2], COUNTERPARTS[-1][3]


def _swap_people(text: str, name: str, surname: str) -> str:
    for old in SEED_PEOPLE:
        text = text.replace(old, name)
    for old in SEED_SURNAMES:
        text = re.sub(rf"\b{old}\b(?![ -][A-Z])", surname, text)
    return text


def _vary(text: str, rng: random.Random) -> str:
    for a, b in VERBS:
        if rng.random() < 0.3:
            text = re.sub(rf"\b{a}\b", b, text)
    return text


def make_article(i: int, seeds: list[Seed]) -> dict[str, object]:
    rng = random.Random(i * 7919 + 17)
    day = date(2021, 6, 1) + timedelta(days=rng.randrange(0, 5 * 365))
    name, surname = counterpart(day)
    place = rng.choice(PLACES)
    outlet, host = rng.choice(OUTLETS)
    base = seeds[i % len(seeds)]
    paras = list(base.paragraphs)
    lead, rest = paras[0], paras[1:]
    rng.shuffle(rest)
    rest = rest[: max(3, int(len(rest) * rng.uniform(0.6, 1.0)))]
    for _ in range(rng.randrange(0, 4)):
        other = rng.choice(seeds).paragraphs[1:]
        if other:
            rest.insert(rng.randrange(0, len(rest) + 1), rng.choice(other))
    agency = "CGTN" if outlet == "CGTN" else "Xinhua"
    dateline = f"{place}, {MONTHS[day.month - 1]} {day.day} ({agency}) -- "
    lead = _DATELINE.sub("", lead)
    body = [dateline + lead, *rest]
    weekday = WEEKDAYS[day.weekday()]
    body = [_vary(_WEEKDAY.sub(weekday, _swap_people(p, name, surname)), rng) for p in body]
    title = rng.choice(TITLES).format(a="Chinese", b="S. Korean", cp=name,
                                      topic=rng.choice(TOPICS), place=place.title())
    published = day + timedelta(days=rng.choice([0, 0, 1]))
    return {"i": i, "title": title, "paragraphs": body, "published": published,
            "outlet": outlet, "host": host, "place": place, "counterpart": name,
            "surname": surname, "event_date": day}


def as_text(a: dict[str, object]) -> str:
    paras = "\n\n".join(a["paragraphs"])  # type: ignore[arg-type]
    return f" date {a['published']} {a['title']}\n\n{paras}\n"


def as_html(a: dict[str, object], rng: random.Random) -> str:
    e = html.escape
    title, outlet, host = str(a["title"]), str(a["outlet"]), str(a["host"])
    url = f"https://{host}/world/{a['published']}/c_{a['i']:08d}.htm"
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
          "datePublished": f"{a['published']}T09:{a['i'] % 60:02d}:00+08:00",
          "publisher": {"@type": "Organization", "name": outlet}, "mainEntityOfPage": url}
    paras = "\n".join(f"      <p>{e(p)}</p>" for p in a["paragraphs"])  # type: ignore[union-attr]
    headlines = [rng.choice(TITLES).format(a="Chinese", b="S. Korean", cp="Wang Yi",
                                           topic=rng.choice(TOPICS), place="Beijing")
                 for _ in range(rng.randrange(3, 7))]
    related = "\n".join(f'        <li><a href="/world/{k}.htm">{e(h)}</a></li>'
                        for k, h in enumerate(headlines))
    nav = "".join(f'<li><a href="/{s.lower()}/">{s}</a></li>'
                  for s in ["China", "World", "Business", "Culture", "Sports", "Photos", "Video"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{e(title)} - {e(outlet)}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta property="og:title" content="{e(title)}">
  <meta property="og:site_name" content="{e(outlet)}">
  <meta property="og:url" content="{url}">
  <meta property="article:published_time" content="{a['published']}T09:00:00+08:00">
  <link rel="canonical" href="{url}">
  <link rel="stylesheet" href="/static/css/main.{a['i'] % 97}.css">
  <script async src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>
  <script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}
  gtag('js', new Date()); gtag('config', 'G-XXXX');</script>
  <script type="application/ld+json">{json.dumps(ld)}</script>
</head>
<body class="article-page">
  <header class="site-header">
    <a class="logo" href="/"><img src="/static/logo.png" alt="{e(outlet)}"></a>
    <nav class="main-nav"><ul>{nav}</ul></nav>
    <form class="search" action="/search"><input name="q" placeholder="Search"></form>
  </header>
  <div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/world/">World</a></div>
  <main>
    <article class="news-article">
      <h1 class="headline">{e(title)}</h1>
      <div class="meta">Source: {e(outlet)} |
        <time datetime="{a['published']}">{a['published']}</time> | Editor: Staff</div>
      <div class="share-bar"><span>Share:</span> <a href="#">Facebook</a> <a href="#">X</a>
        <a href="#">LinkedIn</a> <a href="#">WeChat</a> <a href="#">Copy link</a></div>
      <figure><img src="/photos/{a['i']}.jpg" alt="">
        <figcaption>Foreign ministers meet in {e(str(a['place']).title())}. (Photo/{e(outlet)})
        </figcaption></figure>
{paras}
      <div class="share-bar bottom"><a href="#">Facebook</a> <a href="#">X</a></div>
    </article>
    <aside class="related">
      <h2>RELATED STORIES</h2>
      <ul>
{related}
      </ul>
    </aside>
  </main>
  <footer class="site-footer">
    <p>Copyright &copy; {e(outlet)}. All rights reserved.</p>
    <ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li></ul>
  </footer>
  <script src="/static/js/app.js"></script>
</body>
</html>
"""


def generate(n: int, out: Path) -> Path:
    """Write N articles under `out` (sharded by thousands); skips if already complete."""
    done = out / ".complete"
    if done.exists() and done.read_text().strip() == str(n):
        return out
    seeds = load_seeds()
    for i in range(n):
        art = make_article(i, seeds)
        shard = out / f"{i // 1000:03d}"
        shard.mkdir(parents=True, exist_ok=True)
        if i % 2 == 0:
            (shard / f"{i:06d}.txt").write_text(as_text(art), encoding="utf-8")
        else:
            page = as_html(art, random.Random(i))
            (shard / f"{i:06d}.html").write_text(page, encoding="utf-8")
    done.write_text(str(n))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    out = args.out or ROOT / "bench-data" / f"corpus-{args.n}"
    generate(args.n, out)
    print(f"{args.n} articles in {out}")


if __name__ == "__main__":
    main()

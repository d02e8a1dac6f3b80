"""The people registry: canonical names, surnames resolved by participants and date, user files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.registry.people import Registry, default_registry


def test_ships_the_foreign_ministers_2022_2026() -> None:
    reg = default_registry()
    for name, side in [("Wang Yi", "china"), ("Qin Gang", "china"), ("Park Jin", "south_korea"),
                       ("Cho Tae-yul", "south_korea"), ("Cho Hyun", "south_korea"),
                       ("Chung Eui-yong", "south_korea")]:
        person = reg.by_name(name)
        assert person is not None and person.side == side
        assert any("Foreign Minister" in t.title for t in person.terms)


@pytest.mark.parametrize(("on", "who"), [
    (date(2022, 8, 9), "Park Jin"), (date(2024, 5, 13), "Cho Tae-yul"),
    (date(2025, 7, 28), "Cho Hyun"), (date(2023, 2, 1), None)])
def test_surname_resolves_by_date_never_globally(on: date, who: str | None) -> None:
    reg = default_registry()
    found = reg.resolve("Cho" if who != "Park Jin" else "Park", on=on)
    assert (found.name if found else None) == who


def test_participants_decide_before_dates() -> None:
    reg = default_registry()
    # an article about the 2024 minister, read with a 2025 date, still names its participant
    found = reg.resolve("Cho", on=date(2025, 9, 1), participants=["Cho Tae-yul"])
    assert found is not None and found.name == "Cho Tae-yul"


def test_full_names_and_aliases() -> None:
    reg = default_registry()
    assert reg.by_name("Joseph R. Biden, Jr.").name == "Joe Biden"  # type: ignore[union-attr]
    assert reg.by_name("cho  tae yul").name == "Cho Tae-yul"  # type: ignore[union-attr]
    assert reg.by_name("Nobody Atall") is None


def test_office_holder_on_a_date() -> None:
    reg = default_registry()
    assert reg.holder("President", "united_states", date(2022, 1, 1)).name == "Joe Biden"  # type: ignore[union-attr]
    assert reg.holder("President", "united_states", date(2025, 2, 1)).name == "Donald J. Trump"  # type: ignore[union-attr]
    assert reg.holder("Vice President", "united_states", date(2025, 2, 1)).name == "JD Vance"  # type: ignore[union-attr]


def test_user_file_extends_and_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "people.toml"
    extra.write_text('[[person]]\nid = "penny_wong"\nname = "Penny Wong"\naliases = ["Wong"]\n'
                     'side = "australia"\n'
                     'terms = [{ title = "Foreign Minister", from = "2022-05-23" }]\n'
                     '[[person]]\nid = "park_jin"\nname = "Park Jin"\nside = "south_korea"\n'
                     'aliases = ["Park", "Jin Park"]\n')
    monkeypatch.setenv("READOUT_PEOPLE", str(extra))
    reg = Registry.load()
    assert reg.resolve("Wong", on=date(2024, 1, 1)).name == "Penny Wong"  # type: ignore[union-attr]
    assert reg.by_name("Jin Park").id == "park_jin"  # type: ignore[union-attr]


def test_bad_user_file_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[person]]\nname = "No Id"\n')
    monkeypatch.setenv("READOUT_PEOPLE", str(bad))
    with pytest.raises(ConfigError, match="lacks"):
        Registry.load()


def test_a_surname_alone_gets_the_country_everyone_of_that_name_shares() -> None:
    from bot.analysis.meeting_facts import extract_meeting
    from bot.articles.text import parse_text
    from bot.registry.people import default_registry

    reg = default_registry()
    assert reg.surname_side("Cho") == "south_korea"  # Cho Hyun and Cho Tae-yul
    article = parse_text("Talks\n\nMinister Cho held talks on the 17th with Wang Yi, China's"
                         " foreign minister, in Beijing.\n", "c.txt")
    info = extract_meeting(article, reg)
    cho = [p for p in info.participants if p.name == "Cho"]
    assert cho and cho[0].side == "south_korea" and cho[0].person_id is None

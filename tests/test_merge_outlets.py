"""Whose readout a source is: the outlets registry and its user extension."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.registry import outlets


@pytest.mark.parametrize(("outlet", "url", "side"), [
    ("Xinhua", None, "china"),
    ("XINHUA NEWS AGENCY", None, "china"),
    ("People\u2019s Daily Online", None, "china"),
    ("CGTN", None, "china"),
    ("China Daily", None, "china"),
    ("Global Times", None, "china"),
    (None, "https://www.fmprc.gov.cn/eng/wjbzhd/202507/t2025.html", "china"),
    (None, "https://www.mfa.gov.cn/wjbz/", "china"),
    (None, "https://english.news.cn/20250728/x/c.html", "china"),
    ("By XINHUA | chinadaily.com.cn", None, "china"),
    ("Yonhap", None, "south_korea"),
    ("The Korea Herald", None, "south_korea"),
    ("Korea JoongAng Daily", None, "south_korea"),
    ("KBS World", None, "south_korea"),
    ("The Korea Times", None, "south_korea"),
    ("MOFA", None, "south_korea"),
    (None, "https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=1", "south_korea"),
    ("The White House", None, "united_states"),
    ("State Department", None, "united_states"),
    (None, "https://www.state.gov/secretary-rubios-call/", "united_states"),
    ("Kyodo", None, "japan"),
    ("NHK WORLD-JAPAN", None, "japan"),
    (None, "https://www.mofa.go.jp/press/release/x.html", "japan"),
    ("KCNA", None, "north_korea"),
    ("Reuters", None, None),
    ("Some Blog", None, None),
    (None, None, None),
    (None, "not a url", None),
])
def test_side_of_outlet(outlet: str | None, url: str | None, side: str | None) -> None:
    assert outlets.side_of_outlet(outlet, url) == side


def test_the_host_decides_over_the_byline() -> None:
    # A Yonhap story republished on a Chinese site is that site's readout.
    assert outlets.side_of_outlet("Yonhap", "https://www.globaltimes.cn/page/1.shtml") == "china"
    assert outlets.side_of_outlet("MOFA", "https://www.mofa.go.jp/a.html") == "japan"


def test_user_file_adds_and_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "mine.toml"
    user.write_text(
        '[outlet.nk_news]\nname = "NK News"\nside = "united_states"\ndomains = ["nknews.org"]\n'
        '[outlet.reuters]\nname = "Reuters"\nside = "united_kingdom"\n'
    )
    monkeypatch.setenv("READOUT_OUTLETS", str(user))
    reg = outlets.Outlets.load()
    assert reg.lookup(None, "https://www.nknews.org/2025/x").side == "united_states"  # type: ignore[union-attr]
    assert reg.lookup("Reuters").side == "united_kingdom"  # type: ignore[union-attr]
    assert reg.lookup("Xinhua").side == "china"  # type: ignore[union-attr]


def test_bad_user_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "bad.toml"
    user.write_text('[outlet.x]\nside = "china"\n')
    monkeypatch.setenv("READOUT_OUTLETS", str(user))
    with pytest.raises(ConfigError, match="needs a name"):
        outlets.Outlets.load()

"""Chinese and Japanese places by their administrative units (detect/scripts.py: `_ADMIN_CHAIN`),
in Latin-script text and in text written in the script itself."""

from __future__ import annotations

import pytest

from pseudonym_core.detect.scripts import ScriptNameDetector


def _places(text: str) -> list[str]:
    return [text[s.start : s.end] for s in ScriptNameDetector().detect(text) if s.label == "LOCATION"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("民族: 汉     户籍: 河北省石家庄市\n现住址: 北京市朝阳区建国路88号", "河北省石家庄市"),
        ("取件門市：7-ELEVEN 師大門市，台北市大安區", "台北市大安區"),
        ("I moved to 名古屋市 last year", "名古屋市"),
        ("去超市买东西。我住在上海市浦东新区。", "上海市浦东新区"),  # "我住在" (I live in) is not the place
    ],
)
def test_a_chain_of_administrative_units_is_a_place(text: str, place: str) -> None:
    assert place in _places(text)


def test_common_words_ending_in_a_unit_are_no_places() -> None:
    assert _places("我们去超市买东西，这个城市很大，社区也很好。") == []

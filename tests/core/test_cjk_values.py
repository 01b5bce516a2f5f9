"""Values written straight against Chinese, Japanese or Korean words, and handles in their chats.

These scripts put no space between a word and the number after it ("身份证440305198811222325，"),
and `\\w` counts their letters as word characters, so every value pattern that wants a word
boundary had missed them; a code host's speaker slot wanted a space after an ASCII colon.
"""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.detect.base import spaced_view


def test_spaced_view_keeps_offsets_and_latin() -> None:
    text = "社員番号：E-104472　내선 4471, Mr Kim"
    view = spaced_view(text)
    assert len(view) == len(text)
    assert view.split() == ["E-104472", "4471,", "Mr", "Kim"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("社員番号：E-104472　内線：4471", ["E-104472"]),
        ("チケットHD-2025-03-00874に関連付けました。", ["HD-2025-03-00874"]),
        ("乘机人身份证440305198811222325，护照E73318840。", ["440305198811222325", "E73318840"]),
        ("주민등록번호 910523-2144718로 되어 있는데", ["910523-2144718"]),
        ("제 번호는 010-4471-8826입니다.", ["010-4471-8826"]),
        ("조사번호는 ID-THEFT-0314-4471입니다.", ["ID-THEFT-0314-4471"]),
    ],
)
def test_values_glued_to_cjk_words_are_masked_whole(pseudonymizer: Pseudonymizer, text: str, values: list[str]) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    found = [e.text for e in result.entities]
    for value in values:
        assert value in found
        assert value not in result.text


def test_handle_after_a_cjk_role_word_in_a_chat(pseudonymizer: Pseudonymizer) -> None:
    text = "[10:03] 用户 Lily_CN88：你好，我想改航班\n[10:04] 客服：您好\n[10:05] 用户 Lily_CN88：谢谢"
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert [e.text for e in result.entities if e.label == "USERNAME"] == ["Lily_CN88", "Lily_CN88"]
    assert "Lily_CN88" not in result.text
    assert "用户" in result.text and "客服" in result.text


@pytest.mark.parametrize(
    "text",
    [
        "乘机人是我，陈丽娟，身份证440305198811222325，护照E73318840。",
        "社員番号：E-104472　内線：4471",
        "주민등록번호 910523-2144718로 되어 있는데, 제 번호는 010-4471-8826입니다.",
        "[10:03] 用户 Lily_CN88：你好，我想把去曼谷的航班改到后一天",
        "FAQのURLをayaka.watanabe@nikko-seiki.example宛に送付済み。",
        # a review's cases: an address, an ID or a mobile straight against the words
        "邮箱wangwei@company.cn",
        "请发送至service@ctrip.com谢谢",
        "メールはtanaka.k@example.co.jpです",
        "チケットHD-2025-03-00874について",
        "社員番号：E-104472です",
        "电话13912345678",
    ],
)
def test_surrogates_glued_to_cjk_words_are_restored(pseudonymizer: Pseudonymizer, text: str) -> None:
    """A surrogate stands straight against the words of an unspaced script ("去Malmo的"); restoring
    used word boundaries that such letters never give, and the original did not come back."""
    session = pseudonymizer.session()
    result = pseudonymizer.pseudonymize(text, session=session)
    assert result.entities and result.text != text
    assert pseudonymizer.restore(result.text, session=session) == text
    streamed = "".join(pseudonymizer.restore_stream(iter(result.text), session=session))
    assert streamed == text


def test_a_place_gets_a_place_of_its_script_where_words_are_spaced(pseudonymizer: Pseudonymizer) -> None:
    session = pseudonymizer.session()
    result = pseudonymizer.pseudonymize("Я переехал из Новосибирска в Москву. Москва большая.", session=session)
    places = [e for e in result.entities if e.label == "LOCATION"]
    assert places and all(all("\u0400" <= c <= "\u04ff" or c in " -" for c in e.surrogate) for e in places)

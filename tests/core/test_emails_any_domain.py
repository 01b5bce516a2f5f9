"""E-mail addresses of any domain, bounded by the script around them, and native text beside them.

Presidio's recognizer keeps only domains of the public suffix list: an address at ".example" or a
company's internal domain leaked, and its domain alone was then masked as a person while the local
part ("hung.le") stayed. Its `\\w` also swallowed CJK letters beside an address.
"""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.detect.patterns import emails


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Email: hung.le@phosaigonimports.example", "hung.le@phosaigonimports.example"),
        ("Write to ops@build01.corp.internal today.", "ops@build01.corp.internal"),
        ("FAQのURLをayaka.watanabe@nikko-seiki.example宛に送付済み。", "ayaka.watanabe@nikko-seiki.example"),
        ("发送至service@ctrip.com。谢谢", "service@ctrip.com"),
        ("이메일은 seoyeon.park91@naver.com로 보내주세요", "seoyeon.park91@naver.com"),
        ("mail: иван@почта.рф, ok", "иван@почта.рф"),
        ("cc j.o'neil+tag@sub.mail.co.uk.", "j.o'neil+tag@sub.mail.co.uk"),
        ("  @jpvanderlinden@social.vivaldi.net · 1h", "jpvanderlinden@social.vivaldi.net"),
    ],
)
def test_the_whole_address_and_only_it(text: str, address: str) -> None:
    assert [text[s.start : s.end] for s in emails(text)] == [address]


@pytest.mark.parametrize("text", ["react@18.2.0 is pinned", "use @property here", "a@b and x@y.c", "me@localhost"])
def test_no_address_shape_no_address(text: str) -> None:
    assert emails(text) == []


@pytest.mark.parametrize(
    ("text", "address", "clear"),
    [
        ("Email: hung.le@phosaigonimports.example", "hung.le@phosaigonimports.example", ["Email:"]),
        ("이메일은 seoyeon.park91@naver.com로 보내주세요", "seoyeon.park91@naver.com", ["이메일은", "보내주세요"]),
        ("发送至lijuan.chen@ctrip.com。谢谢", "lijuan.chen@ctrip.com", ["发送至", "谢谢"]),
    ],
)
def test_pipeline_masks_the_address_and_leaves_the_sentence(
    pseudonymizer: Pseudonymizer, text: str, address: str, clear: list[str]
) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert [e.text for e in result.entities] == [address]
    assert address not in result.text and address.split("@")[0] not in result.text
    for word in clear:
        assert word in result.text

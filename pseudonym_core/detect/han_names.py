"""Names inside Chinese and Japanese sentences, found by a morphological analyser.

Unspaced Chinese or Japanese gives a pattern nothing to hold on to: in "已改為陳佩珊。" or
"田中太郎様、ご注文…" the name is part of one long run of characters. jieba (Chinese) and Janome
(Japanese, with the IPADIC dictionary) cut such a run into words and tag person names; both are
pure-Python packages from PyPI with their dictionaries inside, imported only when a text written in
these scripts arrives.

Their name tags are guesses of a statistical model over a dictionary, and they err on ordinary
words (jieba tags "张开", to open, as a name), so a tag alone is not enough (jieba's place tag,
"回上海", "去芝加哥", is taken after a verb or preposition of place):

- Chinese: two to four characters, a family name of Faker's pools followed by characters that the
  pools' given names use, and no frequent word of Chinese (wordfreq): "陈佩珊", not "连接池"
  (a connection pool) nor "谢谢" (thanks) — unless a cue says it is a name ("客服 小美：",
  "王芳女士", "联系人：刘洋").
- Japanese: a family name followed by a given name ("佐々木 由美"), or a single name part next to
  an honorific or a field word ("山本さん", "担当 森"). Organizations and places that IPADIC lists
  as proper nouns of its own are taken when they contain a kanji and are at least two characters.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .base import Span

SCORE = 0.6
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30fa\u30fd-\u30ff]")  # not "・" nor "ー"
#: A Chinese word this frequent is the word ("王国", a kingdom), not the name that shares its letters.
NAME_ZIPF = 3.7
#: Words right before a Chinese name that say it is one: "我叫", "联系人：", "客服 ".
_ZH_BEFORE = re.compile(
    r"(?:叫|名叫|叫做|姓名|名字|联系人|聯絡人|聯繫人|收件人|取件人|寄件人|客服|店员|店員|司机|司機|医生|醫生|护士|護士|"
    r"老师|老師|经理|經理|主任|患者|病人|申请人|申請人|"
    # kin and colleagues: "我老公周志远的", "财务同事刘婷会联系"
    r"老公|老婆|丈夫|妻子|爸爸|妈妈|媽媽|儿子|兒子|女儿|女兒|哥哥|姐姐|弟弟|妹妹|同事|朋友|室友|男朋友|女朋友)\s*[:：]?\s*$"
)
#: Words right after a Chinese name that say it is one: "王芳女士", "黄志强先生".
_ZH_AFTER = re.compile(
    r"^(?:先生|女士|小姐|太太|夫人|老师|老師|医生|醫生|经理|經理|同学|同學|阿姨|叔叔|师傅|師傅|主任|教授|律师|律師|"
    r"会计|會計|主管|总监|總監|护士|護士)"
)
#: Verbs and prepositions of place right before a place: "去芝加哥", "回上海", "住在北京". jieba's
#: place tag alone also falls on "王国" (a kingdom).
_ZH_TO = re.compile(r"(?:去|到|在|住|回|来|來|从|從|往|飞|飛|至|于|於|位于|來自|来自)\s*$")
#: Words jieba's dictionary tags as places that are none: "东西" (a thing).
_NOT_PLACES = frozenset({"东西", "東西"})
#: jieba tags that may close a name cut too short: "陳佩" + "珊".
_NAME_TAIL_TAGS = frozenset({"n", "nr", "ng", "a"})
_JA_HONORIFIC = re.compile(r"^\s*(?:さん|様|さま|氏|先生|君|くん|ちゃん|殿)")
#: Function characters that jieba glues to a two-character name before a verb: "刘婷会联系" ("will").
_ZH_FUNCTION = frozenset("会的说在是也要就都和跟给把被让对已还又")
#: Neither analyser promises thread safety, and sessions run in parallel threads.
_LOCK = threading.Lock()
_JA_BEFORE = re.compile(r"(?:担当|担当者|氏名|名前|宛名|申請者|患者|契約者|受取人)\s*[:：]?\s*$")


def han_spans(text: str) -> list[Span]:
    """PERSON (and, in Japanese, ORGANIZATION and LOCATION) spans of a text written in Han or Kana."""
    if _HAN.search(text) is None and _KANA.search(text) is None:
        return []
    # two kana or more: Japanese ("・" and "ー" also appear in Chinese text); in text without kana,
    # where Janome's guesses hit Chinese words ("安装包"), only a family and a given name that a
    # space parts, as Japanese forms write them ("担当 森 亮太"), and Chinese never does
    if len(_KANA.findall(text)) >= 2:
        return list(_japanese(text))
    return [*_chinese(text), *_japanese(text, spaced_pairs_only=True)]


@lru_cache(maxsize=1)
def _jieba_tagger() -> Any:  # jieba.posseg.POSTokenizer; jieba ships no type hints
    import jieba
    import jieba.posseg

    from ..wordcache import cache_dir

    jieba.setLogLevel(logging.WARNING)  # its progress lines say nothing of the text, but are noise
    tokenizer = jieba.Tokenizer()
    # its dictionary cache in our own cache folder, not a file in the shared /tmp others could plant
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer.tmp_dir = str(folder)
    return jieba.posseg.POSTokenizer(tokenizer)


@lru_cache(maxsize=1)
def _family_names() -> frozenset[str]:
    from .scripts import script_names

    return frozenset(n for n in script_names()[1] if _HAN.fullmatch(n[:1] or "x"))


@lru_cache(maxsize=4096)
def _zh_zipf(word: str) -> float:
    import jieba
    from wordfreq import zipf_frequency

    jieba.setLogLevel(logging.WARNING)  # wordfreq cuts Chinese with a jieba of its own, which logs its loading
    return zipf_frequency(word, "zh")


def common_han_word(word: str) -> bool:
    """A frequent word of Chinese ("谢谢", thanks), whose first character a family name only shares."""
    if not _HAN.match(word):
        return False
    with _LOCK:
        return _zh_zipf(word) >= NAME_ZIPF


def _chinese(text: str) -> Iterator[Span]:
    with _LOCK:  # wordfreq's Chinese frequencies cut words with a jieba of their own: under the lock too
        words, starts = [], []
        for first, last in _ideograph_lines(text):
            for w in _jieba_tagger().cut(text[first:last]):
                words.append((w.word, w.flag))
                starts.append(first)
                first += len(w.word)
        frequent = {w: _zh_zipf(w) >= NAME_ZIPF for w, f in words if f.startswith("nr") or f == "ns"}

    def cue_before(start: int) -> bool:
        return _ZH_BEFORE.search(text, max(0, start - 8), start) is not None

    def common(word: str) -> bool:
        if word not in frequent:
            with _LOCK:
                frequent[word] = _zh_zipf(word) >= NAME_ZIPF
        return frequent[word]

    i = 0
    while i < len(words):
        word, flag = words[i]
        if flag == "nt" and _HAN.match(word) and len(word) >= 3:
            j = _body_end(words, i)
            yield Span(starts[i], starts[j - 1] + len(words[j - 1][0]), "ORGANIZATION", SCORE, "scripts")
            i = j
            continue
        if flag == "ns" and _HAN.match(word) and not (len(word) == 3 and _family_names() & {word[:1], word[:2]}):
            if len(word) >= 2 and word not in _NOT_PLACES and _ZH_TO.search(text, max(0, starts[i] - 3), starts[i]):
                yield Span(starts[i], starts[i] + len(word), "LOCATION", SCORE, "scripts")
            i += 1
            continue
        if _HAN.match(word) is None or not (flag.startswith("nr") or flag == "ns"):
            i += 1
            continue
        if len(word) > 1 and common(word) and not cue_before(starts[i]):
            i += 1  # "谢谢" (thanks) is tagged a name: the name may start after it ("谢谢小美")
            continue
        j, value = i + 1, word
        while j < len(words) and words[j][1].startswith("nr") and len(value + words[j][0]) <= 4:
            if len(words[j][0]) > 1 and common(words[j][0]):
                break
            value, j = value + words[j][0], j + 1  # "林王" + "秀英"
        if j < len(words) and len(value) <= 2 and words[j][1] in _NAME_TAIL_TAGS | {"ns"}:
            tail = words[j][0]
            after = words[j + 1][0][:1] if j + 1 < len(words) else ""
            if _HAN.fullmatch(tail[:1]) and len(value) + len(tail) <= 3 and not _HAN.match(after):
                value, j = value + tail, j + 1  # "赵" + "建国", "陳佩" + "珊"
        if len(value) == 3 and value[2] in _ZH_FUNCTION and value[:1] in _family_names():
            value = value[:2]  # "刘婷会联系": jieba glued "will" to "刘婷"
        start, end = starts[i], starts[i] + len(value)
        cued = cue_before(start) or _ZH_AFTER.match(text[end : end + 3])
        if 2 <= len(value) <= 4 and (cued or (_family_and_given(value) and not common(value))):
            yield Span(start, end, "PERSON", SCORE, "scripts")
        i = j


#: What makes a branch or a unit of the body before it: "中国银行深圳科技园支行", "招商银行上海分行".
_BRANCH_ENDS = ("支行", "分行", "分院", "分公司", "营业部", "營業部", "分局", "分所")
_AFFILIATED = ("附属", "附屬", "附设", "附設")


def _body_end(words: list[tuple[str, str]], i: int) -> int:
    """The token after an organization jieba's dictionary tags (`nt`: "北京师范大学", "招商银行"),
    taking in a branch named after it ("…深圳科技园支行", within 12 characters) or a body affiliated
    to it ("复旦大学附属华山医院")."""
    tail, k = "", i + 1
    while k < len(words) and len(tail) < 12 and _HAN.match(words[k][0]):
        tail += words[k][0]
        k += 1
        if tail.endswith(_BRANCH_ENDS) or (words[k - 1][1] == "nt" and tail.startswith(_AFFILIATED)):
            return k
    return i + 1


def _family_and_given(value: str) -> bool:
    """A family name of the pools, then characters that given names of the pools use ("陈" + "佩珊";
    not "连" + "接池", a connection pool, nor "向" + "东走")."""
    families = _family_names()
    for k in (2, 1):
        if value[:k] in families and len(value) > k:
            rest = value[k + 1 :] if value[k] in families and len(value) > k + 1 else value[k:]  # "林" + "王" + "秀英"
            return all(c in _given_characters() for c in rest)
    return False


@lru_cache(maxsize=1)
def _given_characters() -> frozenset[str]:
    from .scripts import script_names

    return frozenset(c for name in script_names()[0] for c in name if _HAN.match(c))


@lru_cache(maxsize=1)
def _janome() -> Any:  # janome.tokenizer.Tokenizer
    from janome.tokenizer import Tokenizer

    return Tokenizer()


def _ideograph_lines(text: str) -> Iterator[tuple[int, int]]:
    """Start and end of each line that holds Han or Kana. Janome and jieba are pure Python and
    slow: a 2 KB text with one Chinese line costs as much as a 2 KB Chinese text if they read every
    line, and the names they find never run across a line break (the normal view joins broken
    names first). Each line keeps its own line break, so no name is joined across two lines."""
    start = 0
    for line in text.splitlines(keepends=True):
        end = start + len(line)
        if _HAN.search(line) or _KANA.search(line):
            yield start, end
        start = end


def _japanese(text: str, spaced_pairs_only: bool = False) -> Iterator[Span]:
    for start, end in _ideograph_lines(text):
        yield from _japanese_line(text, start, end, spaced_pairs_only)


def _japanese_line(text: str, first: int, last: int, spaced_pairs_only: bool) -> Iterator[Span]:
    tokens: list[tuple[int, int, str, list[str]]] = []
    pos = first
    with _LOCK:
        analysed = list(_janome().tokenize(text[first:last]))
    for t in analysed:
        start = text.index(t.surface, pos)
        pos = start + len(t.surface)
        tokens.append((start, pos, t.surface, t.part_of_speech.split(",")))
    i = 0
    while i < len(tokens):
        start, end, surface, tags = tokens[i]
        i += 1
        if tags[:2] != ["名詞", "固有名詞"] or (_HAN.search(surface) is None and _KANA.search(surface) is None):
            continue
        if tags[2] == "人名":
            part = tags[3]
            k = i + 1 if i < len(tokens) and tokens[i][2] in (" ", "\u3000", "・") else i
            if spaced_pairs_only and k == i:
                continue
            if part == "姓" and k < len(tokens) and tokens[k][3][2:4] == ["人名", "名"]:
                end, i = tokens[k][1], k + 1  # "佐々木 由美", "田中太郎"
                yield Span(start, end, "PERSON", SCORE, "scripts")
                continue
            if spaced_pairs_only:
                continue
            if _JA_HONORIFIC.match(text[end : end + 4]) or _JA_BEFORE.search(text, max(0, start - 8), start):
                yield Span(start, end, "PERSON", SCORE, "scripts")
        elif not spaced_pairs_only and tags[2] in ("組織", "地域") and len(surface) >= 2 and _HAN.search(surface):
            yield Span(start, end, "ORGANIZATION" if tags[2] == "組織" else "LOCATION", SCORE, "scripts")

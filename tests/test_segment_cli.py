"""`l10n segment FILE [--json]` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from l10n.cli import app

SAMPLE = Path(__file__).resolve().parents[1] / "source/wco-europe-customs.txt"


def run(*args: str):
    return CliRunner().invoke(app, ["segment", *args])


def test_json_contract_on_the_sample_article():
    result = run(str(SAMPLE), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    text = SAMPLE.read_text(encoding="utf-8")
    assert len(data) == 11
    for i, item in enumerate(data):
        assert {"text", "paragraph", "start", "end", "line", "heading"} <= item.keys()
        assert text[item["start"] : item["end"]] == item["text"]
        assert item["paragraph"] == i
    assert data[-1]["text"].endswith("for 2021-2023.") and data[-1]["line"] == 23


def test_human_output_is_a_table_and_says_what_offsets_mean():
    result = run(str(SAMPLE))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "11 segments in 11 paragraphs" in lines[0]
    assert "decoded text" in lines[0] and "BOM" in lines[0]
    assert lines[1].split()[:6] == ["para", "line", "start", "end", "kind", "text"]
    assert lines[2].split()[:5] == ["0", "1", "0", "205", "sentence"]
    assert lines[-1].split()[:2] == ["10", "23"]
    assert lines[-1].endswith("for 2021-2023.")


def test_human_output_marks_headings_and_line_breaks(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Customs news\n\nThe talks\nlasted two hours.\n", encoding="utf-8")
    lines = run(str(path)).stdout.splitlines()
    assert lines[2].split() == ["0", "1", "2", "14", "heading", "Customs", "news"]
    assert lines[3].split()[4:] == ["sentence", "The", "talks", "⏎", "lasted", "two", "hours."]


def test_bom_and_crlf_offsets_refer_to_decoded_text(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbf# Title\r\n\r\nOne line\r\nwrapped. Two.\r\n")
    data = json.loads(run(str(path), "--json").stdout)
    assert [(d["text"], d["start"], d["line"], d["heading"]) for d in data] == [
        ("Title", 2, 1, True),
        ("One line\r\nwrapped.", 11, 3, False),
        ("Two.", 30, 4, False),
    ]


@pytest.mark.parametrize("data", [b"", b" \r\n\n\t"], ids=["empty", "whitespace"])
def test_empty_file_is_zero_segments_and_exit_0(tmp_path, data):
    path = tmp_path / "e.txt"
    path.write_bytes(data)
    result = run(str(path), "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    result = run(str(path))
    assert result.exit_code == 0 and "0 segments" in result.stdout


@pytest.mark.parametrize(
    "data,message",
    [(b"Hello.\n\x00\x01", ":2: binary file"), (b"Caf\xe9.\n", ":1: not valid UTF-8")],
    ids=["nul", "latin1"],
)
def test_bad_bytes_are_one_line_errors(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    result = run(str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0]
    assert result.stderr.startswith(f"error: {path}{message}")
    assert "Traceback" not in result.output


def test_unknown_language_and_missing_file(tmp_path):
    result = run(str(SAMPLE), "--lang", "xx")
    assert result.exit_code == 2 and "no segmentation rules for language 'xx'" in result.stderr
    result = run(str(tmp_path / "nope.txt"))
    assert result.exit_code == 2 and "nope.txt" in result.stderr and "Traceback" not in result.output


def test_help_text():
    result = CliRunner().invoke(app, ["segment", "--help"])
    assert result.exit_code == 0
    assert "--json" in result.stdout and "Split an article into sentences" in result.stdout


def test_importing_the_segmenter_is_light():
    import subprocess
    import sys

    code = (
        "import sys; import l10n.segment; "
        "print(sorted(m for m in ('ctranslate2', 'argostranslate', 'typer', 'sentencepiece') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_wrapped_headline_and_quotation_through_the_cli(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text(
        "Azerbaijan and Georgia sign\ncustoms agreement\n\n"
        '"Our goal is clear. We will achieve it," he said. Talks resume in May.\n\n'
        "«Мы готовы. Всё решено», — сказал он.\n",
        encoding="utf-8",
    )
    result = run(str(path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(d["text"], d["heading"]) for d in data[:3]] == [
        ("Azerbaijan and Georgia sign\ncustoms agreement", True),
        ('"Our goal is clear. We will achieve it," he said.', False),
        ("Talks resume in May.", False),
    ]
    ru = json.loads(run(str(path), "--json", "--lang", "ru").stdout)
    assert ru[-1]["text"] == "«Мы готовы. Всё решено», — сказал он."

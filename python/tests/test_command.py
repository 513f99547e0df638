# SPDX-License-Identifier: GPL-3.0-or-later
"""The package gives the command's results: the same sentences, byte
ranges, scores (to the command's six decimals) and text, on the sample, on
the test files and on the development articles."""
import json

import precis
import pytest

from conftest import (DATA, EVAL_FILES, ROOT, SAMPLE, eval_file, from_command, from_python,
                      parse_json, parse_json_lines, run_command)

# The command's flags and the same options in Python.
OPTIONS = [
    ([], {}),
    (["-n", "1"], {"n": 1}),
    (["-n", "6"], {"n": 6}),
    (["-r", "0.3"], {"ratio": 0.3}),
    (["-w", "60"], {"words": 60}),
    (["-c", "280"], {"chars": 280}),
    (["-a", "textrank"], {"algorithm": "textrank"}),
    (["-a", "lexrank", "-n", "2"], {"algorithm": "lexrank", "n": 2}),
    (["-a", "lexrank-continuous"], {"algorithm": "lexrank-continuous"}),
    (["-a", "lead", "-w", "40"], {"algorithm": "lead", "words": 40}),
    (["--diversity", "0.4", "-n", "4"], {"diversity": 0.4, "n": 4}),
    (["--headings"], {"headings": True}),
    (["-l", "fr"], {"lang": "fr"}),
]

FILES = [SAMPLE] + sorted(p for p in DATA.glob("*.txt") if p.name != "empty.txt")
# Web pages (UTF-16, Shift JIS and windows-1252 among them) and texts in
# legacy encodings, papers, e-mails and scripts.
PAGES = sorted(DATA.glob("*.html")) + sorted((ROOT / "tests" / "data" / "html").glob("*.html"))
READING = sorted((ROOT / "tests" / "data" / "reading").rglob("*.txt"))


@pytest.mark.parametrize("flags,options", OPTIONS, ids=[" ".join(f) or "default"
                                                         for f, _ in OPTIONS])
def test_files_equal_the_command(command, flags, options):
    for path in FILES:
        data = path.read_bytes()
        expected = parse_json(run_command(command, ["-f", "json", *flags, str(path)]))
        got = precis.summarize(data, **options)
        assert from_python(got) == from_command(expected["summary"]), path.name
        assert (got.lang, got.n_sentences) == (expected["lang"], expected["n_sentences"])
        try:
            as_str = data.decode()
        except UnicodeDecodeError:
            continue
        assert precis.summarize(as_str, **options) == got


def _compare_file(command, path, flags, options):
    """The command on the file's bytes from standard input (so that its
    name says nothing) against the package on the same bytes."""
    data = path.read_bytes()
    expected = parse_json(run_command(command, ["-f", "json", *flags], data))
    got = precis.summarize(data, **options)
    assert from_python(got) == from_command(expected["summary"]), path.name
    assert (got.lang, got.n_sentences, got.title) == \
        (expected["lang"], expected["n_sentences"], expected.get("title", "")), path.name
    fmt = options.get("fmt", "auto")
    split = json.loads(run_command(command, ["split", "-f", "json", "--from", fmt], data))
    assert [s.text for s in precis.split(data, fmt=fmt)] == split, path.name
    return got


def test_web_pages_equal_the_command(command):
    assert PAGES
    for path in PAGES:
        got = _compare_file(command, path, ["--from", "html"], {"fmt": "html"})
        assert got.format == "html"
        _compare_file(command, path, [], {})


def test_texts_of_every_kind_equal_the_command(command):
    assert READING
    for path in READING:
        _compare_file(command, path, [], {})
        _compare_file(command, path, ["-w", "40", "-a", "lexrank"],
                      {"words": 40, "algorithm": "lexrank"})


def _compare_extract(command, path, fmt):
    data = path.read_bytes()
    expected = json.loads(run_command(command, ["extract", "-f", "json", "--from", fmt], data))
    got = precis.extract(data, fmt=fmt)
    assert tuple(got) == (expected["text"], expected["title"] or "", expected["format"]), \
        path.name
    return got


def test_extract_equals_the_command(command):
    assert PAGES and READING
    for path in FILES + PAGES + READING:
        _compare_extract(command, path, "auto")
    for path in PAGES:
        assert _compare_extract(command, path, "html").format == "html"
    for path in FILES:
        assert _compare_extract(command, path, "text").format == "text"


def test_split_equals_the_command(command):
    for path in FILES:
        data = path.read_bytes()
        expected = json.loads(run_command(command, ["split", "-f", "json", str(path)]))
        assert [s.text for s in precis.split(data)] == expected, path.name


def test_digest_equals_the_command(command):
    paths = [DATA / "two.txt", DATA / "three.txt", DATA / "iraq.txt", DATA / "invalid.txt",
             SAMPLE]
    for flags, options in [([], {}), (["-n", "5"], {"n": 5}), (["-w", "90"], {"words": 90})]:
        expected = parse_json(run_command(command, ["digest", "-f", "json", *flags,
                                                    *map(str, paths)]))
        got = precis.digest([p.read_bytes() for p in paths], **options)
        assert [str(paths[s.document]) for s in got] == [i["id"] for i in expected["summary"]]
        assert from_python(got) == from_command(expected["summary"])
        assert (got.lang, got.n_sentences) == (expected["lang"], expected["n_sentences"])


def _records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.mark.parametrize("name", EVAL_FILES)
def test_dev_articles_equal_the_command(command, name):
    path = eval_file(name)
    records = _records(path)
    with open(path, "rb") as f:
        expected = parse_json_lines(run_command(command, ["--jsonl"], f.read()))
    assert len(expected) == len(records)
    summarizer = precis.Summarizer()
    for record, line in zip(records, expected):
        got = precis.summarize(record["text"])
        assert line["id"] == record["id"]
        assert from_python(got) == from_command(line["summary"]), record["id"]
        assert (got.lang, got.n_sentences) == (line["lang"], line["n_sentences"])
        assert summarizer.summarize(record["text"]) == got


@pytest.mark.parametrize("flags,options", [(["-a", "lexrank", "-w", "50"],
                                            {"algorithm": "lexrank", "words": 50}),
                                           (["-r", "0.2", "--diversity", "0.3"],
                                            {"ratio": 0.2, "diversity": 0.3}),
                                           (["-l", "en", "-c", "200"],
                                            {"lang": "en", "chars": 200})])
def test_dev_articles_with_options_equal_the_command(command, flags, options):
    path = eval_file("cnndm.dev.jsonl")
    records = _records(path)
    with open(path, "rb") as f:
        expected = parse_json_lines(run_command(command, ["--jsonl", *flags], f.read()))
    for record, line in zip(records, expected):
        assert from_python(precis.summarize(record["text"], **options)) == \
            from_command(line["summary"]), record["id"]


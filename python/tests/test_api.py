# SPDX-License-Identifier: GPL-3.0-or-later
"""The shape of the API: types, fields, offsets, options, pickling, the
Summarizer, help() and the type hints."""
import ast
import doctest
import inspect
import pickle
import pydoc
from pathlib import Path

import precis
import pytest

from conftest import DATA, SAMPLE, run_command

RIVER = ("The river flooded the old town after three days of heavy rain. "
         "Rescue teams moved two hundred families from the old town to the school. "
         "The school gym became a shelter for the families. "
         "The rain stopped on Friday and the river fell.")


def test_summary_is_a_list_of_sentences_in_document_order():
    summary = precis.summarize(SAMPLE.read_text(encoding="utf-8"))
    assert isinstance(summary, list) and isinstance(summary, precis.Summary)
    assert len(summary) == 3
    assert all(isinstance(s, precis.Sentence) for s in summary)
    assert [s.index for s in summary] == sorted(s.index for s in summary)
    assert summary.lang == "en"
    assert summary.n_sentences == 11
    assert summary.title == ""
    assert summary.format == "text"


def test_sentence_is_a_named_tuple_of_five_fields():
    s = precis.summarize(RIVER, n=1)[0]
    index, start, length, score, text = s
    assert (index, start, length, score, text) == (s.index, s.start, s.length, s.score, s.text)
    assert s.document == 0
    assert isinstance(s.score, float) and 0 < s.score <= 1
    assert repr(s).startswith("precis.Sentence(index=")


def test_sentences_of_a_transcript_name_their_speaker():
    transcript = ("[00:00:01] ANNA: The harvest was early this year.\n"
                  "[00:00:05] TOM: Did the rain come late?\n"
                  "[00:00:09] ANNA: It came in June, three weeks late.\n")
    assert [s.speaker for s in precis.split(transcript)] == ["ANNA", "TOM", "ANNA"]
    assert precis.summarize(RIVER, n=1)[0].speaker is None


def test_str_offsets_are_into_its_utf8_encoding():
    text = "Ünïcödé façades línea. " + RIVER.replace("river", "rivière")
    for s in precis.summarize(text, n=4):
        raw = text.encode()[s.start:s.start + s.length].decode()
        assert " ".join(raw.split()) == s.text
    assert precis.summarize(text, n=4)[0].start > 0


def test_bytes_offsets_are_into_the_bytes():
    data = SAMPLE.read_bytes()
    for s in precis.summarize(data):
        assert data[s.start:s.start + s.length].decode() == s.text


def test_every_bytes_like_type_gives_the_same():
    data = SAMPLE.read_bytes()
    expected = precis.summarize(data)
    assert precis.summarize(data.decode()) == expected
    assert precis.summarize(bytearray(data)) == expected
    assert precis.summarize(memoryview(data)) == expected
    assert precis.summarize(memoryview(bytearray(data))) == expected
    shifted = memoryview(b"xx" + data)[2:]
    assert precis.summarize(shifted) == expected


def test_text_folds_white_space_and_split_keeps_it():
    text = "The river\n  flooded   the town.\n\nRescue teams came at night."
    summary = precis.summarize(text, n=2)
    assert summary[0].text == "The river flooded the town."
    assert summary[0].length == len("The river\n  flooded   the town.")
    sentences = precis.split(text)
    assert [s.text for s in sentences] == ["The river\n  flooded   the town.",
                                           "Rescue teams came at night."]
    assert all(s.score == 0.0 for s in sentences)


def test_lengths():
    text = SAMPLE.read_text(encoding="utf-8")
    assert len(precis.summarize(text, 1)) == 1
    assert len(precis.summarize(text, n=5)) == 5
    assert len(precis.summarize(text, ratio=0.5)) == round(0.5 * 11)
    assert sum(len(s.text.split()) for s in precis.summarize(text, words=80)) <= 80
    assert sum(len(s.text) for s in precis.summarize(text, chars=300)) <= 300
    assert precis.summarize(text, n=None, words=80) == precis.summarize(text, words=80)


def test_options_change_the_summary():
    text = SAMPLE.read_text(encoding="utf-8")
    default = precis.summarize(text)
    assert precis.summarize(text, algorithm="centrality") == default
    lead = precis.summarize(text, algorithm="lead", n=2)
    assert [s.index for s in lead] == [s.index for s in precis.summarize(text, n=11)[:2]]
    assert precis.summarize(text, lang="fr").lang == "fr"
    assert precis.summarize(text, fmt="text") == default
    assert precis.summarize(text, encoding="UTF-8") == default
    assert precis.summarize(text, encoding=None) == default
    assert precis.summarize(text, diversity=0.0) == default
    assert precis.summarize(text, max_bytes=0, max_sentences=0) == default


def test_empty_input():
    for empty in ("", b"", "   \n\n  "):
        summary = precis.summarize(empty)
        assert summary == [] and summary.n_sentences == 0
        assert precis.split(empty) == []


def test_split_lists_every_sentence():
    sentences = precis.split(SAMPLE.read_bytes())
    assert len(sentences) == 11
    assert [s.index for s in sentences] == list(range(11))
    assert sentences.n_sentences == 11


def test_digest_attributes_sentences_to_documents():
    texts = [(DATA / name).read_bytes() for name in ("two.txt", "three.txt", "iraq.txt")]
    summary = precis.digest(texts, n=4)
    assert len(summary) == 4
    assert {s.document for s in summary} <= {0, 1, 2}
    for s in summary:
        raw = texts[s.document][s.start:s.start + s.length].decode()
        assert " ".join(raw.split()) == s.text
    assert precis.digest(iter(texts), n=4) == summary
    assert precis.digest([t.decode() for t in texts], n=4) == summary
    empty = precis.digest([])
    assert empty == [] and empty.n_sentences == 0


def test_extract_gives_the_clean_text_of_a_page():
    page = (DATA / "story.html").read_bytes()
    document = precis.extract(page)
    assert isinstance(document, precis.Document) and isinstance(document, tuple)
    text, title, fmt = document
    assert (text, title, fmt) == (document.text, document.title, document.format)
    assert (title, fmt) == ("River floods the old town", "html")
    assert "<" not in text and "\n\nDamage to the bridge\n\n" in text
    assert precis.summarize(page, n=1)[0].text in text
    assert precis.extract(page, fmt="text").text == page.decode()
    assert precis.extract(RIVER) == (RIVER, "", "text")
    assert precis.extract(b"") == ("", "", "text")
    assert pickle.loads(pickle.dumps(document)) == document
    assert precis.Summarizer(fmt="text").extract(page) == precis.extract(page, fmt="text")
    assert repr(document).startswith("precis.Document(text=")


def test_languages():
    langs = precis.languages()
    assert len(langs) == 35
    assert langs["en"] == "English" and langs["zh"] == "Chinese"
    for code in langs:
        precis.summarize(RIVER, lang=code)


def test_version_is_the_command_s(command):
    assert run_command(command, ["--version"]).decode().split() == ["precis", precis.__version__]


def test_results_pickle_with_their_facts():
    summary = precis.digest([RIVER, SAMPLE.read_text(encoding="utf-8")], n=3)
    copy = pickle.loads(pickle.dumps(summary))
    assert type(copy) is precis.Summary
    assert copy == summary
    assert (copy.lang, copy.n_sentences, copy.title, copy.format) == \
        (summary.lang, summary.n_sentences, summary.title, summary.format)
    assert [s.document for s in copy] == [s.document for s in summary]


def test_summarizer_equals_the_functions():
    texts = [SAMPLE.read_bytes()] + [p.read_bytes() for p in sorted(DATA.glob("*.txt"))]
    summarizer = precis.Summarizer(n=2, algorithm="textrank", diversity=0.2)
    for text in texts:
        assert summarizer.summarize(text) == \
            precis.summarize(text, n=2, algorithm="textrank", diversity=0.2)
        assert summarizer.split(text) == precis.split(text)
        assert summarizer.extract(text) == precis.extract(text)
    assert summarizer.digest(texts) == precis.digest(texts, n=2, algorithm="textrank",
                                                     diversity=0.2)
    assert precis.Summarizer().summarize(RIVER) == precis.summarize(RIVER)


def test_help_shows_the_docstrings():
    page = pydoc.render_doc(precis, renderer=pydoc.plaintext)
    for needle in ("extractive summarization", "summarize(text, n=3, *, ratio=None",
                   "Summarize text: its best sentences", "class Summarizer",
                   "class Sentence", "class Summary", "class Error", "digest(texts, n=3",
                   "split(text, *, lang='auto'", "languages()", "UTF-8 encoding",
                   "extract(text, *, fmt='auto'", "class Document"):
        assert needle in page, needle
    assert inspect.getdoc(precis.Summarizer.summarize)
    assert inspect.getdoc(precis.Sentence.start)


def test_the_module_docstring_examples_run():
    result = doctest.testmod(precis, verbose=False)
    assert result.attempted > 0 and result.failed == 0


def _stub():
    path = Path(precis.__file__).with_name("__init__.pyi")
    return ast.parse(path.read_text(encoding="utf-8"))


def _stub_parameters(function):
    """(name, kind, default source) of a stub function's parameters."""
    args = function.args
    out = []
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for i, (arg, default) in enumerate(zip(positional, defaults)):
        kind = "POSITIONAL_ONLY" if i < len(args.posonlyargs) else "POSITIONAL_OR_KEYWORD"
        out.append((arg.arg, kind, None if default is None else ast.unparse(default)))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        out.append((arg.arg, "KEYWORD_ONLY", None if default is None else ast.unparse(default)))
    return out


def _real_parameters(function):
    out = []
    for p in inspect.signature(function).parameters.values():
        default = None if p.default is inspect.Parameter.empty else repr(p.default)
        out.append((p.name, p.kind.name, default))
    return out


def test_the_type_stub_matches_the_module():
    stub = _stub()
    names = {node.name for node in stub.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    assert set(precis.__all__) <= names
    assert Path(precis.__file__).with_name("py.typed").is_file()
    for node in stub.body:
        if isinstance(node, ast.FunctionDef):
            assert _stub_parameters(node) == _real_parameters(getattr(precis, node.name)), \
                node.name
        if isinstance(node, ast.ClassDef) and node.name == "Summarizer":
            for method in node.body:
                if method.name == "__init__":
                    real, stub_params = precis.Summarizer, _stub_parameters(method)[1:]
                else:
                    real = getattr(precis.Summarizer, method.name)
                    stub_params = _stub_parameters(method)
                assert stub_params == _real_parameters(real), method.name


def test_a_summarizer_shows_and_pickles_as_its_options():
    assert repr(precis.Summarizer()) == "precis.Summarizer()"
    options = {"words": 50, "lang": "fr", "algorithm": "textrank", "diversity": 0.2,
               "fmt": "text", "encoding": "UTF-8", "headings": True, "max_bytes": 100000,
               "max_sentences": 1000}
    summarizer = precis.Summarizer(**options)
    assert repr(summarizer) == "precis.Summarizer(%s)" % ", ".join(
        "%s=%r" % item for item in options.items())
    text = SAMPLE.read_bytes()
    for kwargs in (options, {"ratio": 0.5}, {"n": 1}, {"chars": 200}):
        summarizer = precis.Summarizer(**kwargs)
        copy = pickle.loads(pickle.dumps(summarizer))
        assert type(copy) is precis.Summarizer and repr(copy) == repr(summarizer)
        assert copy.summarize(text) == summarizer.summarize(text) == \
            precis.summarize(text, **kwargs)
        method = pickle.loads(pickle.dumps(summarizer.summarize))
        assert method(text) == summarizer.summarize(text)

# SPDX-License-Identifier: GPL-3.0-or-later
"""Every way a call can fail: precis.Error (a ValueError) with the
library's message for a value it refuses, TypeError for a wrong type,
MemoryError when memory runs out; never a crash, and the module works on
after each."""
import math
import os
import subprocess
import sys

import precis
import pytest

from conftest import SANITIZED

TEXT = ("The river flooded the old town after three days of heavy rain. "
        "Rescue teams moved two hundred families to the school. "
        "The rain stopped on Friday and the river fell.")


def refused(status, match, call, *args, **kwargs):
    with pytest.raises(precis.Error, match=match) as caught:
        call(*args, **kwargs)
    assert isinstance(caught.value, ValueError)
    assert caught.value.status == status
    return caught.value


def test_error_is_a_value_error():
    assert issubclass(precis.Error, ValueError)
    assert precis.Error.__module__ == "precis"


@pytest.mark.parametrize("kwargs,match", [
    ({"n": 0}, r"^n: a length must be a whole number from 1$"),
    ({"n": -3}, r"^n: "),
    ({"n": 10**30}, r"^n: "),
    ({"n": -10**30}, r"^n: "),
    ({"ratio": 0}, r"^ratio: a ratio must be above 0 and at most 1$"),
    ({"ratio": 1.5}, r"^ratio: "),
    ({"ratio": -0.1}, r"^ratio: "),
    ({"ratio": math.nan}, r"^ratio: "),
    ({"words": 0}, r"^words: "),
    ({"chars": 0}, r"^chars: "),
    ({"diversity": -0.1}, r"^diversity: the diversity must be from 0 to 1$"),
    ({"diversity": 1.5}, r"^diversity: "),
    ({"diversity": math.nan}, r"^diversity: "),
    ({"n": 2, "words": 10}, r"^give at most one of n, ratio, words and chars$"),
    ({"ratio": 0.5, "chars": 10}, r"^give at most one of"),
    ({"algorithm": "pagerank"}, r"^algorithm: unknown algorithm 'pagerank'; one of "
                                r"centrality, textrank, lexrank, lexrank-continuous, lead$"),
    ({"fmt": "pdf"}, r"^fmt: unknown input format 'pdf'; one of auto, text"),
    ({"encoding": "klingon"}, r"^encoding: unknown encoding 'klingon'$"),
    ({"max_bytes": -1}, r"^max_bytes: a limit must be 0 \(none\) or more$"),
    ({"max_sentences": -1}, r"^max_sentences: "),
])
def test_values_the_library_refuses(kwargs, match):
    refused("invalid_argument", match, precis.summarize, TEXT, **kwargs)
    refused("invalid_argument", match, precis.digest, [TEXT], **kwargs)
    refused("invalid_argument", match, precis.Summarizer, **kwargs)
    if set(kwargs) <= {"fmt", "encoding", "max_bytes"}:
        refused("invalid_argument", match, precis.extract, TEXT, **kwargs)


@pytest.mark.parametrize("lang", ["xx", "", "english", "EN "])
def test_unknown_languages(lang):
    match = r"^lang: unknown language '.*' \(precis.languages\(\) lists the codes\)$"
    refused("unknown_language", match, precis.summarize, TEXT, lang=lang)
    refused("unknown_language", match, precis.split, TEXT, lang=lang)
    refused("unknown_language", match, precis.digest, [TEXT], lang=lang)
    refused("unknown_language", match, precis.Summarizer, lang=lang)


def test_documents_over_the_limits():
    refused("too_large", r"is 1\d\d bytes, over the limit of 100", precis.summarize, TEXT,
            max_bytes=100)
    refused("too_large", r"sentences", precis.summarize, TEXT, max_sentences=2)
    refused("too_large", r"over the limit", precis.split, TEXT, max_bytes=100)
    refused("too_large", r"over the limit", precis.extract, TEXT, max_bytes=100)
    refused("too_large", r"over the limit", precis.digest, [TEXT, TEXT], max_bytes=100)
    refused("too_large", r"sentences", precis.digest, [TEXT, TEXT], max_sentences=5)
    summarizer = precis.Summarizer(max_bytes=100)
    refused("too_large", r"over the limit", summarizer.summarize, TEXT)
    assert summarizer.summarize(TEXT[:90])
    assert precis.summarize(TEXT, max_bytes=len(TEXT.encode()), max_sentences=3)
    assert precis.summarize(TEXT, max_bytes=10**40)


@pytest.mark.parametrize("call,args,kwargs,match", [
    (precis.summarize, (3,), {}, r"^text must be str or a bytes-like object, not int$"),
    (precis.summarize, (None,), {}, r"not NoneType"),
    (precis.summarize, (["a"],), {}, r"not list"),
    (precis.summarize, (), {}, r"text"),
    (precis.summarize, (TEXT,), {"n": 2.5}, r"^n must be an int, not float$"),
    (precis.summarize, (TEXT,), {"n": "3"}, r"^n must be an int, not str$"),
    (precis.summarize, (TEXT,), {"words": 1.0}, r"^words must be an int"),
    (precis.summarize, (TEXT,), {"chars": "9"}, r"^chars must be an int"),
    (precis.summarize, (TEXT,), {"ratio": "0.5"}, r"^ratio must be a float, not str$"),
    (precis.summarize, (TEXT,), {"ratio": True}, r"^ratio must be a float, not bool$"),
    (precis.summarize, (TEXT,), {"lang": 3}, r"^lang must be a str, not int$"),
    (precis.summarize, (TEXT,), {"lang": None}, r"^lang must be a str, not NoneType$"),
    (precis.summarize, (TEXT,), {"algorithm": 1}, r"^algorithm must be a str, not int$"),
    (precis.summarize, (TEXT,), {"fmt": b"text"}, r"^fmt must be a str, not bytes$"),
    (precis.summarize, (TEXT,), {"encoding": 8}, r"^encoding must be a str, not int$"),
    (precis.summarize, (TEXT,), {"diversity": "0.1"}, r"^diversity must be a float, not str$"),
    (precis.summarize, (TEXT,), {"max_bytes": "1M"}, r"^max_bytes must be an int or None"),
    (precis.summarize, (TEXT,), {"max_sentences": 1.5}, r"^max_sentences must be an int"),
    (precis.summarize, (TEXT,), {"size": 3}, r"size"),
    (precis.summarize, (TEXT, 3, 4), {}, r"positional"),
    (precis.split, (TEXT,), {"n": 3}, r"'n'"),
    (precis.split, (TEXT, 3), {}, r"positional"),
    (precis.extract, (3,), {}, r"^text must be str or a bytes-like object, not int$"),
    (precis.extract, (TEXT,), {"lang": "en"}, r"'lang'"),
    (precis.extract, (TEXT,), {"fmt": 1}, r"^fmt must be a str, not int$"),
    (precis.extract, (TEXT, "html"), {}, r"positional"),
    (precis.digest, (5,), {}, r"^texts must be an iterable of str or bytes-like objects$"),
    (precis.digest, ([TEXT, 3],), {}, r"^each of texts must be str or a bytes-like object, "
                                      r"not int$"),
    (precis.digest, ("abc",), {}, r"^texts must be an iterable of str or bytes-like objects, not one str$"),
    (precis.digest, (b"abc",), {}, r"not one bytes$"),
    (precis.languages, (1,), {}, r"argument"),
    (precis.Summarizer, ("3",), {}, r"^n must be an int"),
    (precis.Summarizer, (3, 4), {}, r"positional"),
    (precis.Summarizer, (), {"text": TEXT}, r"text"),
])
def test_arguments_of_the_wrong_type(call, args, kwargs, match):
    with pytest.raises(TypeError, match=match):
        call(*args, **kwargs)


def test_embedded_nul_in_a_name():
    with pytest.raises(ValueError, match="^lang: embedded null character$"):
        precis.summarize(TEXT, lang="e\0n")


def test_summarizer_methods_check_their_argument():
    summarizer = precis.Summarizer()
    for method in (summarizer.summarize, summarizer.split, summarizer.extract):
        with pytest.raises(TypeError, match="^text must be"):
            method(3)
        with pytest.raises(TypeError):
            method()
        with pytest.raises(TypeError):
            method(text=TEXT)
    with pytest.raises(TypeError, match="^texts must be"):
        summarizer.digest(None)
    with pytest.raises(UnicodeEncodeError):
        summarizer.summarize("bad \udc80 surrogate")
    assert summarizer.summarize(TEXT) == precis.summarize(TEXT)


def test_the_module_works_on_after_every_failure():
    expected = precis.summarize(TEXT)
    for kwargs in ({"n": 0}, {"lang": "xx"}, {"max_bytes": 1}, {"fmt": "x"}, {"n": "x"}):
        with pytest.raises((TypeError, ValueError)):
            precis.summarize(TEXT, **kwargs)
        assert precis.summarize(TEXT) == expected
    # A context that failed goes back to the pool with every option reset.
    with pytest.raises(precis.Error):
        precis.summarize(TEXT, lang="fr", n=0)
    assert precis.summarize(TEXT).lang == "en"


OUT_OF_MEMORY = r"""
import random, resource, precis
rng = random.Random(1)
words = ["w%d" % i for i in range(5000)]
text = " ".join(" ".join(rng.choice(words) for _ in range(12)) + "." for _ in range(100000))
with open("/proc/self/statm") as f:
    vm = int(f.read().split()[0]) * resource.getpagesize()
resource.setrlimit(resource.RLIMIT_AS, (vm + (16 << 20), resource.RLIM_INFINITY))
try:
    precis.summarize(text)
    print("no error")
except MemoryError as e:
    print("MemoryError:", e)
print(precis.summarize("The river flooded the town. It rained.", n=1)[0].text)
"""


@pytest.mark.skipif(SANITIZED, reason="AddressSanitizer reserves the address space")
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs Linux's /proc")
def test_running_out_of_memory_raises_memory_error():
    done = subprocess.run([sys.executable, "-c", OUT_OF_MEMORY], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    lines = done.stdout.decode().splitlines()
    assert lines[0].startswith("MemoryError: ") and "out of memory" in lines[0], lines
    assert lines[1] == "The river flooded the town."

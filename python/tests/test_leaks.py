# SPDX-License-Identifier: GPL-3.0-or-later
"""No leak over 100,000 calls: Python objects (tracemalloc and reference
counts) and the library's memory (resident set size) stay flat, through
every kind of call and through failures."""
import gc
import resource
import sys
import tracemalloc

import precis

from conftest import SANITIZED

TEXT = ("The river flooded the old town after three days of heavy rain. "
        "Rescue teams moved two hundred families to the school. "
        "The rain stopped on Friday and the river fell.")
DATA = TEXT.encode() + b" Bytes \xff\xfe that are not UTF-8."
CALLS = 100_000


def resident_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def one_round(summarizer, texts):
    """Ten calls of every kind, a failure among them."""
    precis.summarize(TEXT)
    precis.summarize(DATA, words=12)
    precis.summarize(bytearray(DATA), n=1)
    precis.split(TEXT)
    precis.extract(DATA)
    precis.digest(texts, n=2)
    summarizer.summarize(TEXT)
    summarizer.split(DATA)
    summarizer.extract(TEXT)
    summarizer.digest(texts)
    try:
        precis.summarize(TEXT, lang="xx")
    except precis.Error:
        pass
    try:
        precis.summarize(TEXT, max_bytes=10)
    except precis.Error:
        pass


def test_no_leak_over_100000_calls():
    summarizer = precis.Summarizer(n=2)
    texts = [TEXT, DATA]
    refs = (sys.getrefcount(TEXT), sys.getrefcount(DATA), sys.getrefcount(texts))
    for _ in range(1000):  # the pool, caches and free lists fill up
        one_round(summarizer, texts)
    gc.collect()
    objects = len(gc.get_objects())
    rss = resident_bytes()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for _ in range(CALLS // 10):
        one_round(summarizer, texts)
    gc.collect()
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert grown < 64 * 1024, grown
    assert len(gc.get_objects()) - objects < 100
    assert (sys.getrefcount(TEXT), sys.getrefcount(DATA), sys.getrefcount(texts)) == refs
    if not SANITIZED:  # AddressSanitizer holds freed memory back on purpose
        assert resident_bytes() - rss < 4 << 20


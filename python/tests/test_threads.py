# SPDX-License-Identifier: GPL-3.0-or-later
"""Threads: the GIL is released while the library works, and threads get
the results one thread gets, from the module's functions, from a
Summarizer each, or from one Summarizer they share. (How much faster two
threads are is a benchmark figure: bench/python.)"""
import gc
import random
import threading
import time

import precis

from conftest import DATA, SAMPLE

WORDS = ["w%d" % i for i in range(3000)]


def long_document(sentences=3000):
    rng = random.Random(7)
    return " ".join(" ".join(rng.choice(WORDS) for _ in range(14)) + "." for _ in
                    range(sentences))


def test_other_threads_run_python_while_the_library_works():
    text = long_document()
    window = {}

    def work():
        window["start"] = time.perf_counter()
        precis.summarize(text, n=5)
        window["end"] = time.perf_counter()

    worker = threading.Thread(target=work)
    ticks = []
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
    worker.join()
    inside = [t for t in ticks if window["start"] < t < window["end"]]
    # Holding the GIL, the call would leave this thread a handful of
    # chances at most (at its edges); released, it leaves thousands.
    assert len(inside) > 1000, (len(inside), window["end"] - window["start"])


def _documents():
    return [SAMPLE.read_bytes()] + [p.read_bytes() for p in sorted(DATA.glob("*.txt"))] + \
        [long_document(200)]


def _run_threads(count, target):
    errors = []

    def guarded(i):
        try:
            target(i)
        except BaseException as e:  # reported to the main thread
            errors.append(e)

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_threads_get_the_results_of_one_thread():
    docs = _documents()
    expected = [precis.summarize(d, n=2) for d in docs]
    expected_split = [precis.split(d) for d in docs]
    got = {}

    def work(i):
        summarizer = precis.Summarizer(n=2)
        rounds = []
        for _ in range(5):
            rounds.append([precis.summarize(d, n=2) for d in docs])
            rounds.append([summarizer.summarize(d) for d in docs])
            assert [precis.split(d) for d in docs] == expected_split
        got[i] = rounds

    _run_threads(6, work)
    for rounds in got.values():
        for r in rounds:
            assert r == expected


def test_a_shared_summarizer_takes_turns():
    docs = _documents()
    summarizer = precis.Summarizer(words=50, algorithm="lexrank")
    expected = [summarizer.summarize(d) for d in docs]
    expected_digest = summarizer.digest(docs)
    got = {}

    def work(i):
        got[i] = [[summarizer.summarize(d) for d in docs] for _ in range(5)]
        assert summarizer.digest(docs) == expected_digest

    _run_threads(4, work)
    for rounds in got.values():
        for r in rounds:
            assert r == expected


def test_texts_may_come_from_a_generator_that_uses_the_same_summarizer():
    docs = [d for d in _documents() if precis.summarize(d)]
    summarizer = precis.Summarizer(n=1)
    firsts = (summarizer.summarize(d)[0].text for d in docs)
    assert summarizer.digest(firsts) == summarizer.digest([precis.summarize(d, n=1)[0].text
                                                           for d in docs])


def test_a_summarizer_called_from_within_its_own_call_raises():
    """A finalizer that the garbage collector runs in the middle of a call
    (while the call makes its result) and that calls the same Summarizer
    would wait for itself forever: it gets RuntimeError instead."""
    summarizer = precis.Summarizer(n=1)
    seen = []

    class CallsBack:
        def __del__(self):
            try:
                summarizer.summarize("The river flooded the town.")
                seen.append("called")
            except RuntimeError as e:
                seen.append(str(e))

    call = summarizer.summarize
    data = SAMPLE.read_bytes()
    thresholds = gc.get_threshold()
    gc.collect()
    gc.disable()
    try:
        cycle = CallsBack()
        cycle.self = cycle
        del cycle
        gc.set_threshold(1)
        gc.enable()
        summary = call(data)
    finally:
        gc.set_threshold(*thresholds)
        gc.enable()
    gc.collect()
    assert seen == ["a Summarizer was called from within one of its own calls"]
    assert summary == precis.summarize(data, n=1)

# SPDX-License-Identifier: GPL-3.0-or-later
"""precis: fast extractive summarization, in-process.

precis ranks the sentences of a document on a graph of their similarities
and returns the best ones verbatim, as byte ranges of the input. This
package is the C library itself, linked into a CPython extension: a news
article takes well under a millisecond, and the GIL is released while the
library works, so threads summarize in parallel.

    >>> import precis
    >>> text = ("The river flooded the town after three days of rain. "
    ...         "Rescue teams moved families to the school. "
    ...         "The rain stopped on Friday and the river fell.")
    >>> [s.text for s in precis.summarize(text, n=1)]
    ['The river flooded the town after three days of rain.']

summarize(), split() and digest() return a Summary, a list of Sentence
(index, start, length, score, text) in document order; extract() returns
a Document (text, title, format), the clean text that the summarizer reads
(of a web page, its main text). start and length are byte offsets: into
bytes as given, and into the UTF-8 encoding of a str (text.encode()[
s.start:s.start + s.length]), never str indices. Any bytes are
accepted: they are decoded as a byte order mark, encoding= or a web page's
declaration says, else as the bytes show (UTF-8; UTF-16 by its NUL bytes;
a legacy 8-bit encoding as uchardet names it), and bytes invalid there
read as U+FFFD (one per byte) in Sentence.text, while the offsets still
point at the original bytes.

Summarizer(**options) keeps one library context for many calls; the
module's functions draw on a small pool of contexts instead. Bad option
values raise Error, a ValueError; a wrong type raises TypeError; running out
of memory raises MemoryError.

The results are those of the command: summarize(text, n=3) gives the
sentences of `precis -f json -n 3`, and of `precis --jsonl` for a record
with that text.
"""
from ._precis import (
    Document,
    Error,
    Sentence,
    Summarizer,
    Summary,
    __version__,
    digest,
    extract,
    languages,
    split,
    summarize,
)

__all__ = [
    "Document",
    "Error",
    "Sentence",
    "Summarizer",
    "Summary",
    "digest",
    "extract",
    "languages",
    "split",
    "summarize",
]

# SPDX-License-Identifier: GPL-3.0-or-later
# Type hints of the precis package (PEP 561); the docstrings are in the
# extension module (help(precis)).
from collections.abc import Iterable
from typing import Literal, Optional, Union, final

_Text = Union[str, bytes, bytearray, memoryview]

__version__: str

class Error(ValueError):
    status: Literal[
        "invalid_argument", "unknown_language", "too_large", "no_convergence",
        "invalid_format", "failed"
    ]

@final
class Sentence(tuple[int, int, int, float, str]):
    @property
    def index(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def length(self) -> int: ...
    @property
    def score(self) -> float: ...
    @property
    def text(self) -> str: ...
    @property
    def document(self) -> int: ...
    @property
    def speaker(self) -> str | None: ...

@final
class Document(tuple[str, str, str]):
    @property
    def text(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def format(self) -> str: ...

class Summary(list[Sentence]):
    lang: str
    n_sentences: int
    title: str
    format: str

def summarize(
    text: _Text,
    n: Optional[int] = 3,
    *,
    ratio: Optional[float] = None,
    words: Optional[int] = None,
    chars: Optional[int] = None,
    lang: str = "auto",
    algorithm: str = "centrality",
    diversity: float = 0.0,
    fmt: str = "auto",
    encoding: Optional[str] = None,
    headings: bool = False,
    max_bytes: Optional[int] = None,
    max_sentences: Optional[int] = None,
) -> Summary: ...
def split(
    text: _Text,
    *,
    lang: str = "auto",
    fmt: str = "auto",
    encoding: Optional[str] = None,
    max_bytes: Optional[int] = None,
    max_sentences: Optional[int] = None,
) -> Summary: ...
def extract(
    text: _Text,
    *,
    fmt: str = "auto",
    encoding: Optional[str] = None,
    max_bytes: Optional[int] = None,
) -> Document: ...
def digest(
    texts: Iterable[_Text],
    n: Optional[int] = 3,
    *,
    ratio: Optional[float] = None,
    words: Optional[int] = None,
    chars: Optional[int] = None,
    lang: str = "auto",
    algorithm: str = "centrality",
    diversity: float = 0.0,
    fmt: str = "auto",
    encoding: Optional[str] = None,
    headings: bool = False,
    max_bytes: Optional[int] = None,
    max_sentences: Optional[int] = None,
) -> Summary: ...
def languages() -> dict[str, str]: ...
@final
class Summarizer:
    def __init__(
        self,
        n: Optional[int] = 3,
        *,
        ratio: Optional[float] = None,
        words: Optional[int] = None,
        chars: Optional[int] = None,
        lang: str = "auto",
        algorithm: str = "centrality",
        diversity: float = 0.0,
        fmt: str = "auto",
        encoding: Optional[str] = None,
        headings: bool = False,
        max_bytes: Optional[int] = None,
        max_sentences: Optional[int] = None,
    ) -> None: ...
    def summarize(self, text: _Text, /) -> Summary: ...
    def split(self, text: _Text, /) -> Summary: ...
    def extract(self, text: _Text, /) -> Document: ...
    def digest(self, texts: Iterable[_Text], /) -> Summary: ...

# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared helpers of the precis package's tests.

The tests import precis from wherever Python finds it: the build directory
(meson test sets PYTHONPATH) or an installed package. Comparisons with the
command need the precis program: PRECIS_COMMAND names it (meson test sets
it), else it is looked up on PATH, else those tests are skipped. The
evaluation data is PRECIS_EVAL, else ../shared/eval beside the repository.
"""
import json
import os
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("PRECIS_SOURCE_ROOT") or Path(__file__).resolve().parents[2])
DATA = ROOT / "tests" / "cli" / "data"
SAMPLE = ROOT / "samples" / "news-iraq-troops.txt"
EVAL = Path(os.environ.get("PRECIS_EVAL") or ROOT.parent / "shared" / "eval")
EVAL_FILES = ("cnndm.dev.jsonl", "orangesum_fr.dev.jsonl", "bbc.dev.jsonl")

# Under AddressSanitizer (meson test in the sanitizer build sets it),
# resident memory and address-space limits mean nothing.
SANITIZED = os.environ.get("PRECIS_SANITIZED") == "1"


@pytest.fixture(scope="session")
def command():
    """The path of the precis program."""
    path = os.environ.get("PRECIS_COMMAND") or shutil.which("precis")
    if not path:
        pytest.skip("no precis program: set PRECIS_COMMAND")
    return path


def run_command(command, args, data=None):
    """Runs precis with args (and data on standard input); its stdout."""
    done = subprocess.run([command, *args], input=data, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout


def eval_file(name):
    """A development file of the evaluation data, or a skip."""
    path = EVAL / name
    if not path.is_file():
        pytest.skip("no evaluation data at %s (set PRECIS_EVAL)" % EVAL)
    return path


def micro(score):
    """A score in millionths as the command rounds it (half away from zero)."""
    return int(Decimal(score * 1e6).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_python(summary):
    """A Summary as tuples that compare with from_command's."""
    return [(s.index, s.start, s.length, micro(s.score), s.text) for s in summary]


def from_command(items):
    """The "summary" array of the command's JSON, parsed with
    parse_float=Decimal, as tuples."""
    return [(i["index"], i["start"], i["length"], int(i["score"] * 10**6), i["text"])
            for i in items]


def parse_json(data):
    """The command's JSON output, exactly: scores as Decimal."""
    return json.loads(data, parse_float=Decimal)


def parse_json_lines(data):
    return [parse_json(line) for line in data.splitlines()]

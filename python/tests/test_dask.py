# SPDX-License-Identifier: GPL-3.0-or-later
"""A real distributed engine: python/examples/dask_summarize.py starts a
Dask LocalCluster of two worker processes, maps precis.summarize over JSON
Lines with dask.bag, and its output equals `precis --jsonl`'s."""
import json
import os
import subprocess
import sys
from pathlib import Path

import precis

from conftest import DATA, EVAL, EVAL_FILES, ROOT, SAMPLE, run_command

EXAMPLE = ROOT / "python" / "examples" / "dask_summarize.py"
# Lines the command refuses, each with its code.
BAD_LINES = ['{"id": "broken", "text": ', '', '[1, 2]', '{"id": "none"}',
             '{"id": "number", "text": 42}']


def input_lines():
    """Development articles when the evaluation data is there (100 of each
    file), the repository's texts always, and bad records."""
    lines = []
    for name in EVAL_FILES:
        path = EVAL / name
        if path.is_file():
            with open(path, encoding="utf-8") as f:
                lines += [line.rstrip("\n") for line in f][:100]
    for path in [SAMPLE] + sorted(DATA.glob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        lines.append(json.dumps({"id": path.name, "text": text}))
    return lines[:3] + BAD_LINES + lines[3:]


def comparable(line):
    record = json.loads(line)
    if "error" in record:
        # Messages are worded by each side, and the command's streaming
        # parser may read an id before the JSON breaks.
        code = record["error"]["code"]
        return {"error": code} if code == "invalid_json" else \
            {"id": record["id"], "error": code}
    for s in record["summary"]:
        s["score"] = round(float(s["score"]) * 1e6)
    return record


def test_a_local_cluster_of_two_processes_gives_the_command_s_output(command, tmp_path):
    source = tmp_path / "articles.jsonl"
    source.write_text("\n".join(input_lines()) + "\n", encoding="utf-8")
    expected = run_command(command, ["--jsonl", "--errors-ok", "-n", "2"],
                           source.read_bytes()).decode().splitlines()
    # The workers import the precis under test, and wait long for each
    # other on a loaded machine.
    package_dir = str(Path(precis.__file__).resolve().parents[1])
    env = dict(os.environ, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="120s",
               PYTHONPATH=os.pathsep.join([package_dir, os.environ.get("PYTHONPATH", "")]))
    # About six partitions, so that both workers have some.
    blocksize = str(max(1024, source.stat().st_size // 6))
    done = subprocess.run([sys.executable, str(EXAMPLE), "--workers", "2", "--blocksize",
                           blocksize, "-n", "2", str(source)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, cwd=tmp_path, env=env, timeout=600,
                          check=False)
    log = done.stderr.decode(errors="replace")
    assert done.returncode == 0, log
    assert " on 2 workers at tcp://" in log, log
    partitions = int(log.split("dask_summarize: ")[1].split()[0])
    assert partitions >= 4, log
    got = done.stdout.decode().splitlines()
    assert len(got) == len(expected)
    for ours, theirs in zip(got, expected):
        a, b = comparable(ours), comparable(theirs)
        if a != b and "summary" in a and "summary" in b:
            # One unit of the sixth decimal: Python's round() and the
            # command's llround() may part on a tie.
            for x, y in zip(a["summary"], b["summary"]):
                assert abs(x.pop("score") - y.pop("score")) <= 1
        assert a == b

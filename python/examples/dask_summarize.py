#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Summarize JSON Lines on a Dask cluster with the precis package.

Each input line is a record such as {"id": ..., "text": ...}; each output
line is what `precis --jsonl` writes for it, {"id", "lang", "n_sentences",
"summary": [{"index", "start", "length", "score", "text"[, "speaker"]}]}, or
{"id", "error": {"code", "message"}} for a record that cannot be
summarized. Lines keep their order.

On this machine, a LocalCluster of worker processes:

    dask_summarize.py articles.jsonl > summaries.jsonl
    dask_summarize.py --workers 8 -n 2 'articles/*.jsonl' --output summaries/

On a cluster started with `dask scheduler` and `dask worker` (each worker
with precis installed, and the input where every worker can read it):

    dask_summarize.py --scheduler tcp://scheduler:8786 \\
        /shared/articles/*.jsonl --output /shared/summaries/
"""
import argparse
import json
import os
import sys
import tempfile

import dask.bag
import precis
from dask.distributed import Client, LocalCluster

# precis.Error.status as the command's record mode names it.
ERROR_CODES = {"too_large": "too_large", "no_convergence": "no_convergence"}


def error_line(record_id, code, message):
    return json.dumps({"id": record_id, "error": {"code": code, "message": message}},
                      ensure_ascii=False)


def summarize_line(line, text_field, id_field, options):
    """One input line to one output line, as `precis --jsonl` does."""
    try:
        record = json.loads(line.rstrip("\r\n"))
    except ValueError as e:
        return error_line(None, "invalid_json", "not valid JSON: %s" % e)
    if not isinstance(record, dict):
        return error_line(None, "not_an_object", "the line is not a JSON object")
    record_id = record.get(id_field)
    text = record.get(text_field)
    if text is None:
        return error_line(record_id, "missing_text", "no '%s' field" % text_field)
    if not isinstance(text, str):
        return error_line(record_id, "text_not_a_string", "'%s' is not a string" % text_field)
    try:
        summary = precis.summarize(text, **options)
    except precis.Error as e:
        return error_line(record_id, ERROR_CODES.get(e.status, "failed"), str(e))
    except MemoryError as e:
        return error_line(record_id, "out_of_memory", str(e))
    out = {"id": record_id}
    if summary.title:
        out["title"] = summary.title
    out["lang"] = summary.lang
    out["n_sentences"] = summary.n_sentences
    out["summary"] = [dict({"index": s.index, "start": s.start, "length": s.length,
                            "score": round(s.score, 6), "text": s.text},
                           **({"speaker": s.speaker} if s.speaker is not None else {}))
                      for s in summary]
    return json.dumps(out, ensure_ascii=False)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="JSON Lines files (paths or globs)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="address of a running Dask scheduler")
    where.add_argument("--workers", type=int, default=2,
                       help="worker processes of a LocalCluster (default 2)")
    parser.add_argument("--output", help="directory for the output files, one per "
                        "partition (default: standard output)")
    parser.add_argument("--blocksize", default="16MiB",
                        help="bytes of input per partition (default 16MiB)")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--id-field", default="id")
    length = parser.add_mutually_exclusive_group()
    length.add_argument("-n", "--sentences", type=int, dest="n")
    length.add_argument("-r", "--ratio", type=float)
    length.add_argument("-w", "--words", type=int)
    length.add_argument("-c", "--chars", type=int)
    parser.add_argument("-l", "--lang", default="auto")
    parser.add_argument("-a", "--algorithm", default="centrality")
    parser.add_argument("--diversity", type=float, default=0.0)
    return parser.parse_args(argv)


def run(args, client):
    options = {key: getattr(args, key) for key in ("n", "ratio", "words", "chars")
               if getattr(args, key) is not None}
    options.update(lang=args.lang, algorithm=args.algorithm, diversity=args.diversity)
    precis.Summarizer(**options)  # a bad option fails here, not on every worker
    lines = dask.bag.read_text(args.inputs, blocksize=args.blocksize)
    summaries = lines.map(summarize_line, args.text_field, args.id_field, options)
    workers = len(client.scheduler_info()["workers"])
    print("dask_summarize: %d partitions on %d workers at %s"
          % (summaries.npartitions, workers, client.scheduler.address), file=sys.stderr)
    if args.output:
        summaries.to_textfiles(os.path.join(args.output, "*.jsonl"),
                               name_function=lambda i: "%06d" % i)
    else:
        for line in summaries.compute():
            print(line)


def main(argv=None):
    args = parse_args(argv)
    if args.scheduler:
        with Client(args.scheduler) as client:
            run(args, client)
        return 0
    with tempfile.TemporaryDirectory(prefix="dask-precis-") as scratch, \
            LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                         dashboard_address=None, local_directory=scratch) as cluster, \
            Client(cluster) as client:
        client.wait_for_workers(args.workers)
        run(args, client)
    return 0


if __name__ == "__main__":
    sys.exit(main())

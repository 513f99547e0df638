#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The library's man page precis(3) documents every function that
include/precis.h declares, and states the ABI rules of the header.

usage: library_man_page.py PRECIS_H MAN_PAGE
"""
import re
import sys


def main():
    header_path, man_path = sys.argv[1:3]
    header = open(header_path, encoding="utf-8").read()
    man = open(man_path, encoding="utf-8").read()
    functions = re.findall(r"^PRECIS_API [^;]*?\b(precis_[a-z_0-9]+)\(", header, re.M | re.S)
    if len(functions) < 50:
        sys.exit("found only %d functions in %s" % (len(functions), header_path))
    missing = [f for f in functions if "\\fB%s\\fP(" % f.replace("_", "_") not in man]
    if missing:
        sys.exit("precis(3) does not document: " + ", ".join(missing))
    text = man.replace("\\-", "-")
    for rule in ("stores NULL there when it fails", "Status values are fixed forever",
                 "only grow, at", "Enumerations only gain values", "never changes the handler"):
        if rule not in re.sub(r"\s+", " ", text):
            sys.exit("precis(3) does not state: " + rule)
    print("precis(3) documents %d functions" % len(functions))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every option that `precis --help` lists is documented in the man page,
and so is every exit status.

usage: man_page.py PRECIS MAN_PAGE
"""
import re
import subprocess
import sys


def main():
    precis, man_path = sys.argv[1:3]
    help_text = subprocess.run([precis, "--help"], capture_output=True, check=True,
                               text=True).stdout
    # roff writes a literal '-' as '\-'; read the page as a user sees it.
    man = open(man_path, encoding="utf-8").read().replace("\\-", "-")
    options = sorted(set(re.findall(r"--[a-z][a-z-]*", help_text)))
    if len(options) < 20:
        sys.exit("--help lists only %d long options: %s" % (len(options), options))
    missing = [o for o in options if o not in man]
    if missing:
        sys.exit("the man page does not document: " + ", ".join(missing))
    exits = man[man.index(".SH EXIT STATUS"):]
    for status in ("0", "1", "2", "3"):
        if not re.search(r"^\.B %s$" % status, exits, re.M):
            sys.exit("the man page does not document exit status " + status)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""precis.pc as meson generates it: relocatable, no placeholder, and no
flags of the library's own dependencies in the flags of its users.

usage: pkg_config.py DIR_OF_PRECIS_PC
"""
import os
import subprocess
import sys


def pkg_config(pc_dir, *args):
    env = dict(os.environ, PKG_CONFIG_PATH=pc_dir)
    proc = subprocess.run(["pkg-config", *args, "precis"], capture_output=True, text=True,
                          env=env)
    if proc.returncode != 0:
        sys.exit("pkg-config %s precis: %s" % (" ".join(args), proc.stderr.strip()))
    return proc.stdout.split()


def main():
    pc_dir = sys.argv[1]
    text = open(os.path.join(pc_dir, "precis.pc"), encoding="utf-8").read()
    if "example.invalid" in text:
        sys.exit("precis.pc carries a placeholder URL")
    if "prefix=${pcfiledir}" not in text:
        sys.exit("precis.pc is not relocatable (prefix is not relative to ${pcfiledir})")
    for static in ([], ["--static"]):
        flags = pkg_config(pc_dir, "--cflags", *static)
        defines = [f for f in flags if f.startswith("-D")]
        if defines:
            sys.exit("pkg-config --cflags %sprecis gives users %s" %
                     ("--static " if static else "", " ".join(defines)))
    libs = pkg_config(pc_dir, "--libs")
    if "-lprecis" not in libs:
        sys.exit("pkg-config --libs precis lacks -lprecis: %s" % " ".join(libs))
    print("precis.pc: cflags %s; libs %s" % (" ".join(pkg_config(pc_dir, "--cflags")),
                                             " ".join(libs)))


if __name__ == "__main__":
    main()

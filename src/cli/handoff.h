/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * handoff.h - a fully static precis hands the runs it cannot do to
 * precis-dynamic.
 *
 * A program without a dynamic loader starts in a third of the time (no
 * C library to map and relocate: bench/README.md), but cannot load
 * libcurl or GMime: dlopen there brings a second C library whose threads
 * do not work. So the fully static program (-Dstatic_program=enabled)
 * keeps the runs of one document that is not a URL or an e-mail, the
 * runs a process per document is made of, and replaces itself with
 * precis-dynamic, the same command with the shared C library, for any
 * other: a URL, an e-mail or mbox, several documents, records, a corpus.
 * In a program with a dynamic loader nothing here ever acts.
 */
#ifndef PRECIS_CLI_HANDOFF_H
#define PRECIS_CLI_HANDOFF_H

#include <stddef.h>

/* Whether this process runs without a dynamic loader. */
int cli_fully_static(void);

/* Replaces this process with precis-dynamic, with the arguments argv
 * (as the user gave them); data[0, len), when data is not NULL, becomes
 * its standard input (what this process already read of its own). It is
 * looked for beside this program's file, then in PRECIS_HANDOFF_DIR (the
 * installed libexec directory). Returns only when neither can run, with
 * the exit status after saying why on stderr (`what` names what needed
 * it). */
int cli_hand_off(char **argv, const char *data, size_t len, const char *what);

#endif

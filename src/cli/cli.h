/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.h - the precis command line, a client of the public API only.
 *
 * The command reads as a one-way chain: main.c calls cli.c, which parses
 * the options (options.c) and runs the commands: whole files here, the
 * record modes through batch.c (threads and ordering) and records.c (one
 * line in, one line out, with jsonl.c and tsv.c reading the records and
 * lines.c the input), 'precis idf' and 'precis digest' through corpus.c.
 * Underneath them all: io.c (files, writes, exit statuses), bytes.c
 * (buffers) and progress.c (the progress line). A fully static build hands
 * the runs it cannot do to precis-dynamic through handoff.c.
 */
#ifndef PRECIS_CLI_H
#define PRECIS_CLI_H

/* Runs the command with its arguments and returns the exit status. It
 * prints to stdout and stderr; argv may be reordered. */
int precis_cli_main(int argc, char **argv);

#endif

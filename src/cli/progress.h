/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * progress.h - the progress line of long runs on a terminal, redrawn in
 * place on stderr a few times a second: a bar with the share done and the
 * time left when the size of the input is known (regular files), the
 * count and the rate otherwise, and the errors so far.
 *
 * It is drawn only where it cannot mix with the output: when stderr is a
 * terminal that standard output is not. Messages clear it first
 * (progress_clear).
 */
#ifndef PRECIS_PROGRESS_H
#define PRECIS_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

typedef struct progress {
    int enabled;
    const char *one;  /* what is counted: "record", "document" */
    const char *many; /* and its plural */
    uint64_t count;
    uint64_t errors;
    uint64_t bytes_total; /* the input's size, 0 when unknown */
    uint64_t bytes_done;
    double started;   /* seconds, monotonic clock */
    double drawn_at;
    int drawn;        /* the line is on the screen */
} progress;

/* Enabled when stderr is a terminal, standard output is not that
 * terminal, and quiet is not set. */
void progress_init(progress *p, int quiet, const char *one, const char *many);

/* The total size of the inputs when it is known: the sum of the sizes of
 * the regular files among paths[0, n) (standard input for none, "-"),
 * or unknown when one of them is not a regular file. */
void progress_measure(progress *p, char **paths, int n);

/* Counts more items, errors and input bytes; redraws when the line is
 * old enough. */
void progress_add(progress *p, uint64_t count, uint64_t errors, uint64_t bytes);

/* Erases the line before other messages go to stderr. */
void progress_clear(progress *p);

/* Draws the final figures and ends the line. */
void progress_finish(progress *p);

/* The line for the figures in p at `elapsed` seconds, into line[0, size):
 * what progress draws, apart for tests. */
void progress_format(const progress *p, double elapsed, char *line, size_t size);

#endif

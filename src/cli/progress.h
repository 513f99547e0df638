/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * progress.h - the progress line of long runs on a terminal: items done,
 * items per second and errors, redrawn in place on stderr a few times a
 * second.
 */
#ifndef PRECIS_PROGRESS_H
#define PRECIS_PROGRESS_H

#include <stdint.h>

typedef struct progress {
    int enabled;
    const char *what; /* "records", "documents" */
    uint64_t count;
    uint64_t errors;
    double started;   /* seconds, monotonic clock */
    double drawn_at;
    int drawn;        /* the line is on the screen */
} progress;

/* Enabled when stderr is a terminal and quiet is not set. */
void progress_init(progress *p, int quiet, const char *what);

/* Counts more items and errors; redraws when the line is old enough. */
void progress_add(progress *p, uint64_t count, uint64_t errors);

/* Erases the line before other messages go to stderr. */
void progress_clear(progress *p);

/* Draws the final figures and ends the line. */
void progress_finish(progress *p);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * progress.c - the progress line on stderr.
 */
#define _POSIX_C_SOURCE 200809L
#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

/* Seconds between redraws: often enough to look alive, rarely enough to
 * cost nothing. */
#define REDRAW_INTERVAL 0.25

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void progress_init(progress *p, int quiet, const char *what)
{
    *p = (progress){!quiet && isatty(STDERR_FILENO), what, 0, 0, now(), 0.0, 0};
}

static void draw(progress *p, double at)
{
    double elapsed = at - p->started;
    double rate = elapsed > 0.0 ? (double)p->count / elapsed : 0.0;
    fprintf(stderr, "\rprecis: %llu %s, %.0f %s/s, %llu error%s\033[K",
            (unsigned long long)p->count, p->what, rate, p->what,
            (unsigned long long)p->errors, p->errors == 1 ? "" : "s");
    p->drawn_at = at;
    p->drawn = 1;
}

void progress_add(progress *p, uint64_t count, uint64_t errors)
{
    p->count += count;
    p->errors += errors;
    if (!p->enabled)
        return;
    double at = now();
    if (at - p->drawn_at >= REDRAW_INTERVAL)
        draw(p, at);
}

void progress_clear(progress *p)
{
    if (p->enabled && p->drawn) {
        fputs("\r\033[K", stderr);
        p->drawn = 0;
        p->drawn_at = 0.0;
    }
}

void progress_finish(progress *p)
{
    if (!p->enabled)
        return;
    draw(p, now());
    fputc('\n', stderr);
    p->drawn = 0;
}

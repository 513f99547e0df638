/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * progress.c - the progress line on stderr.
 */
#define _POSIX_C_SOURCE 200809L
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Seconds between redraws: often enough to look alive, rarely enough to
 * cost nothing. */
#define REDRAW_INTERVAL 0.25
#define BAR_WIDTH 24

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Whether standard output is the terminal that stderr is. */
static int output_on_stderr_terminal(void)
{
    struct stat out, err;
    if (fstat(STDOUT_FILENO, &out) != 0 || fstat(STDERR_FILENO, &err) != 0)
        return 1;
    return isatty(STDOUT_FILENO) && out.st_rdev == err.st_rdev;
}

void progress_init(progress *p, int quiet, const char *one, const char *many)
{
    *p = (progress){0};
    p->enabled = !quiet && isatty(STDERR_FILENO) && !output_on_stderr_terminal();
    p->one = one;
    p->many = many;
    p->started = now();
}

void progress_measure(progress *p, char **paths, int n)
{
    uint64_t total = 0;
    for (int i = 0; i < (n > 0 ? n : 1); i++) {
        struct stat st;
        int ok = n > 0 && strcmp(paths[i], "-") != 0 ? stat(paths[i], &st) == 0
                                                      : fstat(STDIN_FILENO, &st) == 0;
        if (!ok || !S_ISREG(st.st_mode))
            return;
        total += (uint64_t)st.st_size;
    }
    p->bytes_total = total;
}

/* Seconds as "42s", "3m07s" or "2h05m". */
static void format_duration(double seconds, char *out, size_t size)
{
    unsigned long s = seconds > 0.0 ? (unsigned long)(seconds + 0.5) : 0;
    if (s < 60)
        snprintf(out, size, "%lus", s);
    else if (s < 3600)
        snprintf(out, size, "%lum%02lus", s / 60, s % 60);
    else
        snprintf(out, size, "%luh%02lum", s / 3600, s / 60 % 60);
}

void progress_format(const progress *p, double elapsed, char *line, size_t size)
{
    double rate = elapsed > 0.0 ? (double)p->count / elapsed : 0.0;
    char figures[160];
    snprintf(figures, sizeof figures, "%llu %s, %.0f/s, %llu error%s",
             (unsigned long long)p->count, p->count == 1 ? p->one : p->many, rate,
             (unsigned long long)p->errors, p->errors == 1 ? "" : "s");
    if (p->bytes_total == 0) {
        snprintf(line, size, "precis: %s", figures);
        return;
    }
    double share = (double)p->bytes_done / (double)p->bytes_total;
    if (share > 1.0)
        share = 1.0;
    char bar[BAR_WIDTH + 1];
    size_t filled = (size_t)(share * BAR_WIDTH);
    memset(bar, '#', filled);
    memset(bar + filled, '.', BAR_WIDTH - filled);
    bar[BAR_WIDTH] = '\0';
    char left[32] = "";
    if (share > 0.0 && share < 1.0) {
        char duration[24];
        format_duration(elapsed * (1.0 - share) / share, duration, sizeof duration);
        snprintf(left, sizeof left, ", %s left", duration);
    }
    snprintf(line, size, "precis: [%s] %3.0f%%  %s%s", bar, 100.0 * share, figures, left);
}

static void draw(progress *p, double at)
{
    char line[256];
    progress_format(p, at - p->started, line, sizeof line);
    fprintf(stderr, "\r%s\033[K", line);
    p->drawn_at = at;
    p->drawn = 1;
}

void progress_add(progress *p, uint64_t count, uint64_t errors, uint64_t bytes)
{
    p->count += count;
    p->errors += errors;
    p->bytes_done += bytes;
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

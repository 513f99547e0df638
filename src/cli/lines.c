/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lines.c - a buffered line reader over read(2).
 */
#include "lines.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stop.h"

/* Reads ask for this much; the buffer starts at twice this size and
 * returns to it after a long line has made it grow. Small, because every
 * page of the buffer costs a page fault on its first read (a 2 MiB buffer
 * was 512 faults, 2 to 3% of the CPU time of a 4.5 MB stream), and a read
 * of 64 KiB costs no more per byte than a larger one. */
#define READ_SIZE ((size_t)1 << 16)

void line_reader_init(line_reader *r, int fd, size_t limit)
{
    memset(r, 0, sizeof *r);
    r->fd = fd;
    r->limit = limit;
}

void line_reader_free(line_reader *r)
{
    free(r->buf);
    memset(r, 0, sizeof *r);
}

/* Makes room for READ_SIZE more bytes after end: moves the unread bytes to
 * the front, then grows or shrinks the buffer as they need. */
static int make_room(line_reader *r)
{
    size_t unread = r->end - r->start;
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, unread);
        r->scanned -= r->start;
        r->start = 0;
        r->end = unread;
    }
    size_t want = unread + READ_SIZE;
    if (want < unread)
        return ENOMEM;
    /* Grow for a long line; give the memory back once it is gone. */
    if (want > r->cap || (r->cap > 4 * READ_SIZE && want <= r->cap / 4)) {
        size_t cap = want <= 2 * READ_SIZE ? 2 * READ_SIZE : want + want / 2;
        char *grown = realloc(r->buf, cap);
        if (grown == NULL)
            return ENOMEM;
        r->buf = grown;
        r->cap = cap;
    }
    return 0;
}

/* One read(2) into the buffer: 1 with bytes, 0 at the end, -1 on error. */
static int fill(line_reader *r)
{
    int err = make_room(r);
    if (err != 0) {
        errno = err;
        return -1;
    }
    size_t ask = r->cap - r->end;
    ssize_t got;
    do
        got = read(r->fd, r->buf + r->end, ask);
    while (got < 0 && errno == EINTR && !stop_requested());
    if (got < 0 && errno != EINTR)
        return -1;
    /* A termination request ends the input where it is. */
    if (got <= 0) {
        r->eof = 1;
        return 0;
    }
    r->end += (size_t)got;
    r->short_read = (size_t)got < ask;
    return 1;
}

/* Starts skipping a line found to be over the limit, keeping its first
 * bytes; len is its length so far. */
static void begin_skip(line_reader *r, size_t len)
{
    r->prefix_len = len < LINE_KEPT_PREFIX ? len : LINE_KEPT_PREFIX;
    memcpy(r->prefix, r->buf + r->start, r->prefix_len);
    r->skipping = len;
}

/* Ends an over-limit line: it is returned as its kept prefix. */
static int emit_oversize(line_reader *r, line *out)
{
    out->data = r->prefix;
    out->len = r->prefix_len;
    out->number = ++r->number;
    out->oversize = r->skipping;
    r->skipping = 0;
    return LINE_OK;
}

static int emit(line_reader *r, line *out, size_t len, size_t next)
{
    out->data = r->buf + r->start;
    out->len = len;
    out->number = ++r->number;
    out->oversize = 0;
    r->start = r->scanned = next;
    return LINE_OK;
}

int line_next(line_reader *r, line *out, int wait)
{
    for (;;) {
        char *nl = r->end > r->scanned ? memchr(r->buf + r->scanned, '\n', r->end - r->scanned)
                                       : NULL;
        size_t upto = nl != NULL ? (size_t)(nl - r->buf) : r->end;
        size_t next = nl != NULL ? upto + 1 : upto;
        if (r->skipping > 0) {
            r->skipping += upto - r->start;
            r->start = r->scanned = next;
            if (nl != NULL || r->eof)
                return emit_oversize(r, out);
        } else if (r->limit != 0 && upto - r->start > r->limit) {
            begin_skip(r, upto - r->start);
            r->start = r->scanned = next;
            if (nl != NULL || r->eof)
                return emit_oversize(r, out);
        } else if (nl != NULL || (r->eof && upto > r->start)) {
            return emit(r, out, upto - r->start, next);
        } else {
            r->scanned = r->end;
        }
        if (r->eof)
            return LINE_END;
        if (!wait && r->short_read) {
            r->short_read = 0;
            return LINE_PENDING;
        }
        if (fill(r) < 0)
            return LINE_ERROR;
    }
}

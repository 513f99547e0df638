/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lines.h - reading a stream one line at a time, in bounded memory.
 *
 * Input is read with read(2) as it arrives, so a line is available as soon
 * as its newline is. A line longer than the limit is not kept: its first
 * bytes are, the rest is skipped, and the line comes back marked with its
 * full length, so that memory stays bounded whatever the input holds.
 */
#ifndef PRECIS_LINES_H
#define PRECIS_LINES_H

#include <stddef.h>
#include <stdint.h>

/* Bytes kept at the start of a line over the limit (enough for an id). */
#define LINE_KEPT_PREFIX 4096

typedef struct line_reader {
    int fd;
    size_t limit;       /* longest line kept whole, newline excluded; 0: none */
    char *buf;
    size_t cap;
    size_t start, end;  /* unread bytes: buf[start, end) */
    size_t scanned;     /* buf[start, scanned) is known to hold no newline */
    uint64_t number;    /* lines returned so far */
    size_t skipping;    /* > 0: inside a line over the limit, this long so far */
    char prefix[LINE_KEPT_PREFIX]; /* the first bytes of that line */
    size_t prefix_len;
    int eof;
    int short_read;     /* the last read returned less than asked for */
} line_reader;

typedef struct line {
    const char *data; /* valid until the next call; no newline */
    size_t len;
    uint64_t number;  /* from 1 */
    size_t oversize;  /* > 0: the line was over the limit and this long;
                         data then holds only its first bytes */
} line;

enum { LINE_OK, LINE_END, LINE_PENDING, LINE_ERROR };

/* Starts reading fd; limit as above. */
void line_reader_init(line_reader *r, int fd, size_t limit);
void line_reader_free(line_reader *r);

/* The next line: LINE_OK with *out filled, LINE_END after the last one,
 * LINE_ERROR with errno set when reading fails or memory runs out. With
 * wait = 0, returns LINE_PENDING instead of blocking when no whole line is
 * buffered and the input has nothing more at hand (the last read came back
 * short), so that a caller can deal with what it has first. A last line
 * without a newline still counts. */
int line_next(line_reader *r, line *out, int wait);

#endif

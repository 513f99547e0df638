/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * buffer.h - the growable byte buffer behind precis_buffer, with a sticky
 * error: append as often as needed and check once at the end, as SQLite's
 * string builder does. The first failure (out of memory) is remembered;
 * later appends do nothing until the caller ends the operation.
 *
 * An operation that must leave the buffer as it found it on failure
 * takes a mark first and ends with precis_buf_end, which rolls back to the
 * mark and clears the error when something failed.
 */
#ifndef PRECIS_BUFFER_H
#define PRECIS_BUFFER_H

#include <stddef.h>

#include "precis.h"

struct precis_buffer {
    char *data; /* NUL-terminated once anything was appended; NULL before */
    size_t len;
    size_t cap;
    precis_status error; /* the first failure since the last precis_buf_end */
};

/* Appends bytes[0, len). */
void precis_buf_append(precis_buffer *buf, const char *bytes, size_t len);
/* Appends a NUL-terminated string. */
void precis_buf_puts(precis_buffer *buf, const char *s);
/* Appends a whole number in decimal. */
void precis_buf_size(precis_buffer *buf, size_t value);
/* Appends value with exactly `decimals` digits after the point (none and
 * no point for 0), independent of the locale; values that are not finite
 * print as 0. decimals outside [0, 18] set PRECIS_ERR_ARGUMENT. */
void precis_buf_fixed(precis_buffer *buf, double value, int decimals);
/* Appends text[start, end) with each run of white space folded to one
 * space; other bytes unchanged, invalid UTF-8 included. */
void precis_buf_folded(precis_buffer *buf, const char *text, size_t start, size_t end);
/* Appends a JSON string literal (quotes included) of bytes[0, len).
 * Quotes, backslashes, control characters, U+2028 and U+2029 are escaped;
 * bytes that are not valid UTF-8 become U+FFFD. With fold set, white space
 * runs are folded to one space first, as in text output. */
void precis_buf_json_string(precis_buffer *buf, const char *bytes, size_t len, int fold);

#if defined(__SSE2__)
#include <emmintrin.h>
/* precis_buf_json_string takes sixteen bytes a step where the machine
 * compares sixteen at once; elsewhere its eight-byte steps in plain C. */
#define PRECIS_JSON_STOPS16
/* Of the 16 bytes at s, as bit i for s[i]: those a JSON string does not
 * take as they are (past ASCII, below ' ', '"', '\\'), and in *spaces
 * the spaces. */
static inline unsigned precis_json_stops16(const char *s, unsigned *spaces)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    /* A signed comparison: the bytes past ASCII are below ' ' too. */
    __m128i stops = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(' ')),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                              _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
    *spaces = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
    return (unsigned)_mm_movemask_epi8(stops);
}
#endif

/* Appends bytes[0, len) as HTML text: &, <, > and " escaped; bytes that
 * are not valid UTF-8, NUL and the control characters HTML forbids (all
 * but tab, line feed and carriage return) become U+FFFD. */
void precis_buf_html(precis_buffer *buf, const char *bytes, size_t len);

/* Where an operation starts. */
static inline size_t precis_buf_mark(const precis_buffer *buf)
{
    return buf->len;
}

/* Ends an operation begun at mark: on failure, rolls the buffer back to
 * mark and clears the error for the next operation. Returns the status. */
precis_status precis_buf_end(precis_buffer *buf, size_t mark);

/* The buffer's memory, for callers that own a precis_buffer by value;
 * leaves it empty. */
void precis_buf_release(precis_buffer *buf);

#endif

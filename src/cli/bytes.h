/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bytes.h - the command's growable byte buffer, with a sticky failure:
 * append as often as needed, check `failed` once at the end (the only
 * failure is running out of memory).
 */
#ifndef PRECIS_CLI_BYTES_H
#define PRECIS_CLI_BYTES_H

#include <stddef.h>

typedef struct bytes {
    char *data; /* NUL-terminated once anything was appended; NULL before */
    size_t len;
    size_t cap;
    int failed; /* an append ran out of memory since the last reset */
} bytes;

void bytes_free(bytes *b);

/* Empties the buffer and clears the failure, keeping the memory. */
void bytes_reset(bytes *b);

/* Cuts the buffer back to len bytes (and clears the failure): undoes what
 * was appended since len was read. */
void bytes_truncate(bytes *b, size_t len);

void bytes_put(bytes *b, const char *data, size_t len);
void bytes_puts(bytes *b, const char *s);

/* Appends s[0, len) with backslashes, tabs and line feeds escaped as in
 * TSV input (\\, \t, \n). */
void bytes_put_tsv_escaped(bytes *b, const char *s, size_t len);

/* Whether s[0, len) is valid UTF-8 in the strict sense (no overlong
 * forms, surrogates or code points past U+10FFFF). */
int utf8_valid(const char *s, size_t len);

#endif

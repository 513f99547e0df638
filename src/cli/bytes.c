/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bytes.c - the command's byte buffer.
 */
#include "bytes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

void bytes_free(bytes *b)
{
    free(b->data);
    *b = (bytes){0};
}

void bytes_reset(bytes *b)
{
    bytes_truncate(b, 0);
}

void bytes_truncate(bytes *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->data[len] = '\0';
    }
    b->failed = 0;
}

void bytes_put(bytes *b, const char *data, size_t len)
{
    if (b->failed)
        return;
    if (len > SIZE_MAX - b->len - 1) {
        b->failed = 1;
        return;
    }
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap < 256 ? 256 : b->cap;
        while (cap < b->len + len + 1)
            cap = cap > SIZE_MAX / 2 ? b->len + len + 1 : cap * 2;
        char *grown = realloc(b->data, cap);
        if (grown == NULL) {
            b->failed = 1;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    if (len > 0)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void bytes_puts(bytes *b, const char *s)
{
    bytes_put(b, s, strlen(s));
}

void bytes_put_tsv_escaped(bytes *b, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *esc = s[i] == '\\' ? "\\\\" : s[i] == '\t' ? "\\t" : s[i] == '\n' ? "\\n" : NULL;
        if (esc == NULL)
            continue;
        bytes_put(b, s + run, i - run);
        bytes_put(b, esc, 2);
        run = i + 1;
    }
    bytes_put(b, s + run, len - run);
}

int utf8_valid(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* ASCII sixteen bytes a turn while it lasts, then eight. */
        while (len - i >= 16) {
            uint64_t first, second;
            memcpy(&first, u + i, 8);
            memcpy(&second, u + i + 8, 8);
            if ((first | second) & 0x8080808080808080ULL)
                break;
            i += 16;
        }
        if (i == len)
            break;
        if (len - i >= 8) {
            uint64_t v;
            memcpy(&v, u + i, 8);
            if (!(v & 0x8080808080808080ULL)) {
                i += 8;
                continue;
            }
            /* The ASCII before the block's first byte past it, without
             * a test of the blocks again for each of its bytes. */
            while (u[i] < 0x80)
                i++;
        }
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        size_t avail = len - i;
        utf8proc_ssize_t n = utf8proc_iterate(u + i, avail > 4 ? 4 : (utf8proc_ssize_t)avail, &cp);
        if (n <= 0)
            return 0;
        i += (size_t)n;
    }
    return 1;
}

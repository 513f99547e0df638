/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mbox.c - the messages of an mbox file and their Message-IDs.
 */
#include "mbox.h"

#include <string.h>
#include <strings.h>

/* Whether a message separator starts at pos: "From " at the start of the
 * data or after a blank line. */
static int separator_at(const char *data, size_t len, size_t pos)
{
    if (len - pos < 5 || memcmp(data + pos, "From ", 5) != 0)
        return 0;
    if (pos == 0)
        return 1;
    if (data[pos - 1] != '\n' || pos < 2)
        return 0;
    return data[pos - 2] == '\n' || (pos >= 3 && data[pos - 2] == '\r' && data[pos - 3] == '\n');
}

/* The next separator after pos, or len. */
static size_t next_separator(const char *data, size_t len, size_t pos)
{
    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        if (nl == NULL)
            return len;
        pos = (size_t)(nl - data) + 1;
        if (separator_at(data, len, pos))
            return pos;
    }
    return len;
}

int mbox_next(const char *data, size_t len, size_t pos, size_t *start, size_t *end)
{
    if (pos >= len)
        return 0;
    *start = pos;
    *end = next_separator(data, len, pos);
    return 1;
}

int mbox_has_several(const char *data, size_t len)
{
    return len > 0 && separator_at(data, len, 0) && next_separator(data, len, 0) < len;
}

void mbox_message_id(const char *msg, size_t len, char *out, size_t max)
{
    out[0] = '\0';
    size_t pos = 0;
    if (separator_at(msg, len, 0)) {
        const char *nl = memchr(msg, '\n', len);
        pos = nl != NULL ? (size_t)(nl - msg) + 1 : len;
    }
    while (pos < len && msg[pos] != '\n' && !(msg[pos] == '\r' && pos + 1 < len && msg[pos + 1] == '\n')) {
        const char *nl = memchr(msg + pos, '\n', len - pos);
        size_t end = nl != NULL ? (size_t)(nl - msg) : len;
        if (end - pos > 11 && strncasecmp(msg + pos, "Message-ID:", 11) == 0) {
            size_t a = pos + 11, b = end;
            while (a < b && (msg[a] == ' ' || msg[a] == '\t' || msg[a] == '\r'))
                a++;
            /* a value folded onto the next line */
            if (a == b && nl != NULL && end + 1 < len &&
                (msg[end + 1] == ' ' || msg[end + 1] == '\t')) {
                const char *more = memchr(msg + end + 1, '\n', len - end - 1);
                a = end + 1;
                b = more != NULL ? (size_t)(more - msg) : len;
            }
            while (a < b && (msg[a] == ' ' || msg[a] == '\t' || msg[a] == '<'))
                a++;
            while (b > a && (msg[b - 1] == ' ' || msg[b - 1] == '\t' || msg[b - 1] == '\r' ||
                             msg[b - 1] == '>'))
                b--;
            size_t n = b - a < max - 1 ? b - a : max - 1;
            memcpy(out, msg + a, n);
            out[n] = '\0';
            return;
        }
        pos = nl != NULL ? end + 1 : len;
    }
}

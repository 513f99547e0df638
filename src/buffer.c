/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * buffer.c - the growable byte buffer and the writers of text and JSON
 * pieces that rendering is made of.
 */
#include "buffer.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "utf8.h"
#include "util.h"

precis_status precis_buffer_new(precis_buffer **out)
{
    if (out == NULL)
        return PRECIS_ERR_ARGUMENT;
    *out = calloc(1, sizeof **out);
    return *out != NULL ? PRECIS_OK : PRECIS_ERR_NOMEM;
}

void precis_buf_release(precis_buffer *buf)
{
    free(buf->data);
    *buf = (precis_buffer){0};
}

void precis_buffer_free(precis_buffer *buf)
{
    if (buf == NULL)
        return;
    free(buf->data);
    free(buf);
}

const char *precis_buffer_data(const precis_buffer *buf)
{
    return buf != NULL && buf->data != NULL ? buf->data : "";
}

size_t precis_buffer_length(const precis_buffer *buf)
{
    return buf != NULL ? buf->len : 0;
}

void precis_buffer_clear(precis_buffer *buf)
{
    if (buf == NULL)
        return;
    buf->len = 0;
    buf->error = PRECIS_OK;
    if (buf->data != NULL)
        buf->data[0] = '\0';
}

precis_status precis_buf_end(precis_buffer *buf, size_t mark)
{
    precis_status st = buf->error;
    if (st != PRECIS_OK) {
        buf->len = mark;
        if (buf->data != NULL)
            buf->data[mark] = '\0';
        buf->error = PRECIS_OK;
    }
    return st;
}

void precis_buf_append(precis_buffer *buf, const char *bytes, size_t len)
{
    if (buf->error != PRECIS_OK)
        return;
    if (len > SIZE_MAX - buf->len - 1 ||
        PRECIS_RESERVE(buf->data, buf->cap, buf->len + len + 1) != PRECIS_OK) {
        buf->error = PRECIS_ERR_NOMEM;
        return;
    }
    if (len > 0)
        memcpy(buf->data + buf->len, bytes, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

void precis_buf_puts(precis_buffer *buf, const char *s)
{
    precis_buf_append(buf, s, strlen(s));
}

/* Writes the decimal digits of value backwards, ending before end; returns
 * where they start. */
static char *digits_before(char *end, unsigned long long value)
{
    do {
        *--end = (char)('0' + value % 10);
        value /= 10;
    } while (value > 0);
    return end;
}

void precis_buf_size(precis_buffer *buf, size_t value)
{
    char digits[24];
    char *start = digits_before(digits + sizeof digits, value);
    precis_buf_append(buf, start, (size_t)(digits + sizeof digits - start));
}

void precis_buf_fixed(precis_buffer *buf, double value, int decimals)
{
    /* Integer arithmetic keeps the output free of LC_NUMERIC's decimal
     * separator, whatever the host program set. */
    if (decimals < 0 || decimals > 18) {
        if (buf->error == PRECIS_OK)
            buf->error = PRECIS_ERR_ARGUMENT; /* 10^decimals must fit the integer */
        return;
    }
    unsigned long long scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    int negative = value < 0.0;
    double magnitude = fabs(value);
    if (!isfinite(value) || magnitude * (double)scale >= 9e18)
        magnitude = 0.0, negative = 0;
    unsigned long long q = (unsigned long long)llround(magnitude * (double)scale);
    if (q == 0)
        negative = 0;
    /* From the last: the decimals (zero-padded), the point, the integer
     * part, the sign. */
    char digits[48];
    char *start = digits + sizeof digits;
    unsigned long long fraction = q % scale;
    for (int i = 0; i < decimals; i++, fraction /= 10)
        *--start = (char)('0' + fraction % 10);
    if (decimals > 0)
        *--start = '.';
    start = digits_before(start, q / scale);
    if (negative)
        *--start = '-';
    precis_buf_append(buf, start, (size_t)(digits + sizeof digits - start));
}

void precis_buf_folded(precis_buffer *buf, const char *text, size_t start, size_t end)
{
    if (buf->error != PRECIS_OK)
        return;
    /* Folding never lengthens the text: room for all of it at once. */
    if (end - start > SIZE_MAX - buf->len - 1 ||
        PRECIS_RESERVE(buf->data, buf->cap, buf->len + (end - start) + 1) != PRECIS_OK) {
        buf->error = PRECIS_ERR_NOMEM;
        return;
    }
    char *out = buf->data + buf->len;
    size_t pos = start, slow_until = start;
    int in_space = 0;
    while (pos < end) {
        /* Eight bytes at a time where they are copied as they are: ASCII
         * without control characters, and no space after a space. Where
         * they are not, the next eight go byte by byte. */
        if (pos >= slow_until && end - pos >= 8) {
            uint64_t v = precis_ascii_load8(text + pos);
            uint64_t control = ~(v + 0x6060606060606060ULL) & PRECIS_ASCII_HIGH;
            uint64_t spaces = ~((v ^ 0x2020202020202020ULL) + 0x7F7F7F7F7F7F7F7FULL) &
                              PRECIS_ASCII_HIGH;
            if (!(v & PRECIS_ASCII_HIGH) && !control &&
                !(spaces & (spaces << 8 | (uint64_t)in_space << 7))) {
                memcpy(out, text + pos, 8);
                out += 8;
                pos += 8;
                in_space = precis_ascii_top8(spaces);
                continue;
            }
            slow_until = pos + 8;
        }
        unsigned char c = (unsigned char)text[pos];
        if (c < 0x80) {
            /* Without branches on the character: a space is written as
             * ' ' and kept only when it starts a run. */
            int space = (c == ' ') | ((unsigned)(c - '\t') <= '\r' - '\t');
            *out = space ? ' ' : (char)c;
            out += !(space & in_space);
            in_space = space;
            pos++;
            continue;
        }
        size_t at = pos;
        if (precis_is_space(precis_utf8_next(text, end, &pos))) {
            if (!in_space)
                *out++ = ' ';
            in_space = 1;
        } else {
            memcpy(out, text + at, pos - at);
            out += pos - at;
            in_space = 0;
        }
    }
    buf->len = (size_t)(out - buf->data);
    buf->data[buf->len] = '\0';
}

static void append_json_codepoint(precis_buffer *buf, int32_t cp, const char *raw,
                                  size_t raw_len)
{
    char esc[8];
    switch (cp) {
    case '"':
        precis_buf_append(buf, "\\\"", 2);
        return;
    case '\\':
        precis_buf_append(buf, "\\\\", 2);
        return;
    case '\n':
        precis_buf_append(buf, "\\n", 2);
        return;
    case '\r':
        precis_buf_append(buf, "\\r", 2);
        return;
    case '\t':
        precis_buf_append(buf, "\\t", 2);
        return;
    case '\b':
        precis_buf_append(buf, "\\b", 2);
        return;
    case '\f':
        precis_buf_append(buf, "\\f", 2);
        return;
    default:
        break;
    }
    if (cp < 0x20 || cp == 0x2028 || cp == 0x2029) {
        snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
        precis_buf_append(buf, esc, 6);
        return;
    }
    precis_buf_append(buf, raw, raw_len);
}

void precis_buf_json_string(precis_buffer *buf, const char *bytes, size_t len, int fold)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    precis_buf_append(buf, "\"", 1);
    size_t pos = 0, run = 0, slow_until = 0;
    int in_space = 0;
    /* Plain bytes are copied in runs; only bytes that need an escape, a
     * replacement or folding interrupt a run. */
    while (pos < len) {
        /* Eight plain bytes at a time: ASCII without control characters,
         * quotes or backslashes, and (folding) no space after a space.
         * Of a block that is not, the plain bytes before the first that is
         * not are taken in all the same (a byte past ASCII spoils the tests
         * of the bytes after it alone), and that byte goes alone; where it
         * is the block's first, the next eight go byte by byte, so that text
         * past ASCII does not cost a block test a character. */
#if defined(PRECIS_JSON_STOPS16)
        while (pos >= slow_until && len - pos >= 16) {
            unsigned spaces;
            unsigned stops = precis_json_stops16(bytes + pos, &spaces);
            spaces = fold ? spaces : 0;
            stops |= spaces & (spaces << 1 | (unsigned)in_space);
            if (stops == 0) {
                pos += 16;
                in_space = (int)(spaces >> 15);
                continue;
            }
            unsigned plain = (unsigned)__builtin_ctz(stops);
            if (plain == 0) {
                slow_until = pos + 8;
                break;
            }
            pos += plain;
            in_space = (int)(spaces >> (plain - 1) & 1u);
            slow_until = pos + 1;
        }
#endif
        while (pos >= slow_until && len - pos >= 8) {
            uint64_t v = precis_ascii_load8(bytes + pos);
            uint64_t spaces = fold ? precis_ascii_equal8(v, ' ') : 0;
            uint64_t stops = (v & PRECIS_ASCII_HIGH) | precis_ascii_below8(v, 0x20) |
                             precis_ascii_equal8(v, '"') | precis_ascii_equal8(v, '\\') |
                             (spaces & (spaces << 8 | (uint64_t)in_space << 7));
            if (stops == 0) {
                pos += 8;
                in_space = precis_ascii_top8(spaces);
                continue;
            }
            unsigned plain = precis_ascii_first8(stops);
            if (plain == 0) {
                slow_until = pos + 8;
                break;
            }
            pos += plain;
            in_space = (int)(spaces >> (8 * plain - 1) & 1u);
            slow_until = pos + 1;
        }
        if (pos == len)
            break;
        size_t at = pos;
        unsigned char c = (unsigned char)bytes[pos];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            /* A space after a space is left out: the run ends before it
             * and starts again after it. */
            int folded_space = fold && c == ' ';
            if (folded_space && in_space) {
                precis_buf_append(buf, bytes + run, at - run);
                run = at + 1;
            }
            pos++;
            in_space = folded_space;
            continue;
        }
        int32_t cp = precis_utf8_next(bytes, len, &pos);
        int invalid = cp == PRECIS_REPLACEMENT_CHAR && pos - at == 1;
        int space = fold && precis_is_space(cp);
        int special = invalid || space || cp < 0x20 || cp == '"' || cp == '\\' || cp == 0x2028 ||
                      cp == 0x2029;
        if (!special) {
            in_space = 0;
            continue;
        }
        precis_buf_append(buf, bytes + run, at - run);
        run = pos;
        if (space) {
            if (!in_space)
                precis_buf_append(buf, " ", 1);
        } else if (invalid) {
            precis_buf_append(buf, replacement, 3);
        } else {
            append_json_codepoint(buf, cp, bytes + at, pos - at);
        }
        in_space = space;
    }
    precis_buf_append(buf, bytes + run, len - run);
    precis_buf_append(buf, "\"", 1);
}

void precis_buf_html(precis_buffer *buf, const char *bytes, size_t len)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    size_t pos = 0, run = 0;
    while (pos < len) {
        size_t at = pos;
        unsigned char c = (unsigned char)bytes[pos];
        if (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"') {
            pos++;
            continue;
        }
        int32_t cp = precis_utf8_next(bytes, len, &pos);
        int invalid = cp == PRECIS_REPLACEMENT_CHAR && pos - at == 1;
        int control = (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
                      (cp >= 0x7F && cp <= 0x9F);
        const char *escape = cp == '&' ? "&amp;" : cp == '<' ? "&lt;" : cp == '>' ? "&gt;"
                           : cp == '"' ? "&quot;" : NULL;
        if (!invalid && !control && escape == NULL)
            continue;
        precis_buf_append(buf, bytes + run, at - run);
        run = pos;
        if (escape != NULL)
            precis_buf_puts(buf, escape);
        else
            precis_buf_append(buf, replacement, 3);
    }
    precis_buf_append(buf, bytes + run, len - run);
}

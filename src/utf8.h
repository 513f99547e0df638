/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * utf8.h - decoding untrusted bytes and classifying code points.
 *
 * Every byte sequence decodes: a byte that does not start a valid UTF-8
 * sequence (truncated, overlong, surrogate, out of range) reads as U+FFFD
 * and advances by one byte, so offsets always move forward and stay inside
 * the input.
 */
#ifndef PRECIS_UTF8_H
#define PRECIS_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define PRECIS_REPLACEMENT_CHAR 0xFFFD

/* The out-of-line parts of the inline functions below: a multi-byte
 * sequence, and the classes of code points from U+0080 up. */
int32_t precis_utf8_next_multibyte(const char *s, size_t len, size_t *pos);
int32_t precis_utf8_prev_multibyte(const char *s, size_t pos, size_t *start);
int precis_is_space_nonascii(int32_t cp);
int precis_is_wordchar_nonascii(int32_t cp);
int precis_is_unspaced_nonascii(int32_t cp);
int precis_is_letter_nonascii(int32_t cp);
int precis_is_upper_nonascii(int32_t cp);
int precis_is_lower_nonascii(int32_t cp);
int precis_is_digit_nonascii(int32_t cp);

/* Decodes the code point at s[*pos] (requires *pos < len) and advances
 * *pos past it. Inline, because every stage calls it once per character
 * and most characters are ASCII. */
static inline int32_t precis_utf8_next(const char *s, size_t len, size_t *pos)
{
    unsigned char c = (unsigned char)s[*pos];
    if (c < 0x80) {
        *pos += 1;
        return c;
    }
    return precis_utf8_next_multibyte(s, len, pos);
}

/* Decodes the code point that ends just before s[pos] (requires pos > 0)
 * and stores its first byte's offset in *start. Invalid bytes read as
 * U+FFFD, one byte each. Inline for ASCII, as precis_utf8_next. */
static inline int32_t precis_utf8_prev(const char *s, size_t pos, size_t *start)
{
    unsigned char c = (unsigned char)s[pos - 1];
    if (c < 0x80) {
        *start = pos - 1;
        return c;
    }
    return precis_utf8_prev_multibyte(s, pos, start);
}

/* Appends the UTF-8 encoding of cp (1-4 bytes) to out; returns the count. */
size_t precis_utf8_encode(int32_t cp, char out[4]);

/* Classes of code points that the splitter and tokenizer rely on. */
static inline int precis_is_space(int32_t cp) /* Unicode White_Space */
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
    return precis_is_space_nonascii(cp);
}
int precis_is_linebreak(int32_t cp); /* LF, VT, FF, CR, NEL, LS, PS */
static inline int precis_is_letter(int32_t cp) /* L* */
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    return precis_is_letter_nonascii(cp);
}
static inline int precis_is_upper(int32_t cp) /* Lu, Lt */
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return precis_is_upper_nonascii(cp);
}
static inline int precis_is_lower(int32_t cp) /* Ll */
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return precis_is_lower_nonascii(cp);
}
static inline int precis_is_digit(int32_t cp) /* Nd */
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return precis_is_digit_nonascii(cp);
}
static inline int precis_is_wordchar(int32_t cp) /* L*, M*, N* */
{
    if (cp < 0x80)
        return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9');
    return precis_is_wordchar_nonascii(cp);
}
int precis_is_closing(int32_t cp);    /* closing brackets and quotes */
int precis_is_opening(int32_t cp);    /* opening brackets and quotes */
/* scripts written without spaces: Han, kana, Thai... (none below U+0E00) */
static inline int precis_is_unspaced(int32_t cp)
{
    return cp >= 0x0E00 && precis_is_unspaced_nonascii(cp);
}

#endif

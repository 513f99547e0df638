/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * utf8.c - decoding and code point classes on top of utf8proc, with an
 * ASCII fast path because most news text is mostly ASCII.
 */
#include "utf8.h"

#include <utf8proc.h>

int32_t precis_utf8_next_multibyte(const char *s, size_t len, size_t *pos)
{
    const unsigned char *p = (const unsigned char *)s + *pos;
    size_t avail = len - *pos;
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, avail > 4 ? 4 : (utf8proc_ssize_t)avail, &cp);
    if (n <= 0) {
        *pos += 1;
        return PRECIS_REPLACEMENT_CHAR;
    }
    *pos += (size_t)n;
    return cp;
}

int32_t precis_utf8_prev_multibyte(const char *s, size_t pos, size_t *start)
{
    const unsigned char *p = (const unsigned char *)s;
    /* Walk back over at most three continuation bytes to a lead byte, then
     * accept it only if it decodes to exactly the bytes up to pos. */
    size_t lead = pos - 1;
    while (lead > 0 && pos - lead < 4 && (p[lead] & 0xC0) == 0x80)
        lead--;
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p + lead, (utf8proc_ssize_t)(pos - lead), &cp);
    if (n > 0 && lead + (size_t)n == pos) {
        *start = lead;
        return cp;
    }
    *start = pos - 1;
    return PRECIS_REPLACEMENT_CHAR;
}

size_t precis_utf8_encode(int32_t cp, char out[4])
{
    utf8proc_ssize_t n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
    if (n <= 0)
        return (size_t)utf8proc_encode_char(PRECIS_REPLACEMENT_CHAR, (utf8proc_uint8_t *)out);
    return (size_t)n;
}

int precis_is_space_nonascii(int32_t cp)
{
    switch (cp) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return 1;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

int precis_is_linebreak(int32_t cp)
{
    return (cp >= 0x0A && cp <= 0x0D) || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

int precis_is_letter_nonascii(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int precis_is_upper_nonascii(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int precis_is_lower_nonascii(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int precis_is_digit_nonascii(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

int precis_is_wordchar_nonascii(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

int precis_is_closing(int32_t cp)
{
    if (cp < 0x80)
        return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}';
    if (cp == 0xBB || cp == 0x203A) /* » › close French quotes */
        return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_PE || c == UTF8PROC_CATEGORY_PF;
}

int precis_is_opening(int32_t cp)
{
    if (cp < 0x80)
        return cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == '{';
    if (cp == 0xAB || cp == 0x2039 || cp == 0x201E || cp == 0x201A || cp == 0xBF || cp == 0xA1)
        return 1; /* « ‹ „ ‚ ¿ ¡ */
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_PS || c == UTF8PROC_CATEGORY_PI;
}

int precis_is_unspaced_nonascii(int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF)     /* Hiragana, Katakana */
           || (cp >= 0x3400 && cp <= 0x4DBF)  /* CJK Extension A */
           || (cp >= 0x4E00 && cp <= 0x9FFF)  /* CJK Unified Ideographs */
           || (cp >= 0xF900 && cp <= 0xFAFF)  /* CJK Compatibility Ideographs */
           || (cp >= 0x20000 && cp <= 0x2FA1F) /* CJK Extensions B-F and supplement */
           || (cp >= 0x0E00 && cp <= 0x0EFF)  /* Thai, Lao */
           || (cp >= 0x1000 && cp <= 0x109F)  /* Myanmar */
           || (cp >= 0x1780 && cp <= 0x17FF)  /* Khmer */
           || (cp >= 0xFF66 && cp <= 0xFF9F); /* half-width Katakana */
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ascii.h - ASCII letters and digits, and where words start, eight bytes at
 * a time: for the scans that read every byte of a sentence to find the
 * words a phrase may start at.
 */
#ifndef PRECIS_ASCII_H
#define PRECIS_ASCII_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define PRECIS_ASCII_HIGH 0x8080808080808080ULL

/* The 8 bytes at s, the first in the low byte, whatever the machine's byte
 * order. */
static inline uint64_t precis_ascii_load8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
           (uint64_t)p[7] << 56;
}

/* Stores v at s, the low byte first, whatever the machine's byte order:
 * written out byte by byte so that the compiler makes it one store. */
static inline void precis_ascii_store8(char *s, uint64_t v)
{
    unsigned char *p = (unsigned char *)s;
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
    p[4] = (unsigned char)(v >> 32);
    p[5] = (unsigned char)(v >> 40);
    p[6] = (unsigned char)(v >> 48);
    p[7] = (unsigned char)(v >> 56);
}

/* The high bit of each byte of v set where that byte is an ASCII letter.
 * Each sum below stays inside its byte: the bytes are 7 bits wide when
 * added. */
static inline uint64_t precis_ascii_alpha8(uint64_t v)
{
    uint64_t folded = (v & ~PRECIS_ASCII_HIGH) | 0x2020202020202020ULL; /* lower case */
    return (folded + 0x1F1F1F1F1F1F1F1FULL) & ~(folded + 0x0505050505050505ULL) & ~v &
           PRECIS_ASCII_HIGH;
}

/* The high bit of each byte of v set where that byte is an ASCII digit. */
static inline uint64_t precis_ascii_digit8(uint64_t v)
{
    uint64_t low = v & ~PRECIS_ASCII_HIGH;
    return (low + 0x5050505050505050ULL) & ~(low + 0x4646464646464646ULL) & ~v &
           PRECIS_ASCII_HIGH;
}

/* The high bit of each byte of v set where that byte is an ASCII letter or
 * digit. */
static inline uint64_t precis_ascii_alnum8(uint64_t v)
{
    return precis_ascii_alpha8(v) | precis_ascii_digit8(v);
}

/* Of the letters and digits alnum (precis_ascii_alnum8), those that start
 * a word: the byte before is none (before_alnum: whether the byte before
 * the first is one). */
static inline uint64_t precis_ascii_word_starts8(uint64_t alnum, int before_alnum)
{
    return alnum & ~(alnum << 8 | (uint64_t)(before_alnum != 0) << 7);
}

/* The high bit of each byte of v (all ASCII) set where the byte is c (an
 * ASCII character). */
static inline uint64_t precis_ascii_equal8(uint64_t v, unsigned char c)
{
    uint64_t x = v ^ (0x0101010101010101ULL * c);
    return ~(x + 0x7F7F7F7F7F7F7F7FULL) & PRECIS_ASCII_HIGH;
}

/* The high bit of each byte of v (all ASCII) set where the byte is below c
 * (at most 0x80). */
static inline uint64_t precis_ascii_below8(uint64_t v, unsigned char c)
{
    return ~(v + 0x0101010101010101ULL * (unsigned char)(0x80 - c)) & PRECIS_ASCII_HIGH;
}

/* The high bit of each byte of v (all ASCII) set where the byte is in [lo,
 * hi] (ASCII characters, lo <= hi). */
static inline uint64_t precis_ascii_range8(uint64_t v, unsigned char lo, unsigned char hi)
{
    return precis_ascii_below8(v, (unsigned char)(hi + 1)) & ~precis_ascii_below8(v, lo);
}

/* The 8 bytes of v (all ASCII) with the capitals A to Z lowered, as
 * precis_fold lowers ASCII. */
static inline uint64_t precis_ascii_lower8(uint64_t v)
{
    return v | precis_ascii_range8(v, 'A', 'Z') >> 2;
}

/* Whether any of the 8 bytes v (any bytes) is c. */
static inline int precis_ascii_any8(uint64_t v, unsigned char c)
{
    uint64_t x = v ^ (0x0101010101010101ULL * c);
    return ((x - 0x0101010101010101ULL) & ~x & PRECIS_ASCII_HIGH) != 0;
}

/* How many bytes have their high bit set in mask (of high bits only). */
static inline unsigned precis_ascii_count8(uint64_t mask)
{
    return (unsigned)(((mask >> 7) * 0x0101010101010101ULL) >> 56);
}

/* The sum of the eight bytes of counts. */
static inline unsigned precis_ascii_sum8(uint64_t counts)
{
    uint64_t pairs = (counts & 0x00FF00FF00FF00FFULL) + (counts >> 8 & 0x00FF00FF00FF00FFULL);
    return (unsigned)((pairs * 0x0001000100010001ULL) >> 48);
}

/* The offset of the byte of the lowest high bit set in mask (non-zero). */
static inline unsigned precis_ascii_first8(uint64_t mask)
{
    return (unsigned)__builtin_ctzll(mask) >> 3;
}

/* The high bit of the byte of the last high bit set in mask (non-zero), 1
 * or 0. */
static inline int precis_ascii_top8(uint64_t mask)
{
    return (int)(mask >> 63);
}

#if defined(__SSE2__)
#include <emmintrin.h>
/* precis_ascii_alnum_run tests sixteen bytes at once where the machine
 * compares sixteen at once. */
#define PRECIS_ASCII_ALNUM16
/* Of the 16 bytes at s, as bit i for s[i]: the ASCII letters and digits,
 * and in *digits the digits. */
static inline unsigned precis_ascii_alnum16(const char *s, unsigned *digits)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    /* Signed comparisons: the bytes past ASCII are below both ranges. */
    __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20)); /* lower case */
    __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                  _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                  _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    *digits = (unsigned)_mm_movemask_epi8(digit);
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(alpha, digit));
}
#endif

#if defined(PRECIS_ASCII_ALNUM16)
/* The length of the run of ASCII letters and digits that s[0, len)
 * starts with: sixteen bytes a test while they remain. */
static inline size_t precis_ascii_alnum_span(const char *s, size_t len)
{
    size_t i = 0;
    for (; len - i >= 16; i += 16) {
        unsigned digits;
        unsigned alnum = precis_ascii_alnum16(s + i, &digits);
        if (alnum != 0xFFFFu)
            return i + (unsigned)__builtin_ctz(~alnum);
    }
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c | 0x20u) - 'a' < 26u || (unsigned)(c - '0') < 10u))
            break;
    }
    return i;
}
#endif

/* The length of the run of ASCII letters and digits that s[0, len)
 * starts with, and in *letters how many of them are letters: sixteen or
 * eight bytes a test while they remain, so that a word costs no branch
 * per byte. Of those bytes, the letters are the ones with bit 6 set. */
static inline size_t precis_ascii_alnum_run(const char *s, size_t len, size_t *letters)
{
    size_t i = 0, n = 0;
#if defined(PRECIS_ASCII_ALNUM16)
    for (; len - i >= 16; i += 16) {
        unsigned digits;
        unsigned alnum = precis_ascii_alnum16(s + i, &digits);
        /* the bytes before the first that is neither (bit 16: none) */
        unsigned run = (unsigned)__builtin_ctz(~alnum | 0x10000u);
        size_t run_letters = run;
        /* Digits are few: taken off one by one. */
        for (digits &= (1u << run) - 1; digits != 0; digits &= digits - 1)
            run_letters--;
        n += run_letters;
        if (run < 16) {
            *letters = n;
            return i + run;
        }
    }
#endif
    for (; len - i >= 8; i += 8) {
        uint64_t v = precis_ascii_load8(s + i);
        uint64_t low = v & ~PRECIS_ASCII_HIGH;
        uint64_t folded = low | 0x2020202020202020ULL; /* lower case */
        /* high bits, before v's are taken out: a-z (folded), 0-9 (low) */
        uint64_t alnum = ((folded + 0x1F1F1F1F1F1F1F1FULL) & ~(folded + 0x0505050505050505ULL)) |
                         ((low + 0x5050505050505050ULL) & ~(low + 0x4646464646464646ULL));
        uint64_t other = (~alnum | v) & PRECIS_ASCII_HIGH;
        uint64_t bit6 = v << 1 & PRECIS_ASCII_HIGH;
        if (other != 0) {
            /* the high bits of the bytes before the first other one */
            uint64_t before = ((other & (0 - other)) - 1) & PRECIS_ASCII_HIGH;
            *letters = n + precis_ascii_count8(bit6 & before);
            return i + precis_ascii_first8(other);
        }
        n += precis_ascii_count8(bit6);
    }
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned lower = c | 0x20u;
        if (lower >= 'a' && lower <= 'z')
            n++;
        else if (c < '0' || c > '9')
            break;
    }
    *letters = n;
    return i;
}

/* Whether s[0, len) is all ASCII: the high bits of every byte, read in
 * blocks of eight in the machine's order (which the answer does not
 * depend on); the last 32 bytes of a text that has them in one step, over
 * what was read already, so that the steps do not turn on the length. */
static inline int precis_ascii_all(const char *s, size_t len)
{
    uint64_t high = 0;
    size_t i = 0;
    for (; len - i >= 32; i += 32) {
        uint64_t v[4];
        memcpy(v, s + i, sizeof v);
        high |= v[0] | v[1] | v[2] | v[3];
    }
    if (len >= 32 && i < len) {
        uint64_t v[4];
        memcpy(v, s + len - 32, sizeof v);
        high |= v[0] | v[1] | v[2] | v[3];
        i = len;
    }
    for (; len - i >= 8; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, sizeof v);
        high |= v;
    }
    for (; i < len; i++)
        high |= (unsigned char)s[i];
    return (high & PRECIS_ASCII_HIGH) == 0;
}

#endif

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

/* Decodes the code point at s[*pos] (requires *pos < len) and advances
 * *pos past it. */
int32_t precis_utf8_next(const char *s, size_t len, size_t *pos);

/* Decodes the code point that ends just before s[pos] (requires pos > 0)
 * and stores its first byte's offset in *start. Invalid bytes read as
 * U+FFFD, one byte each. */
int32_t precis_utf8_prev(const char *s, size_t pos, size_t *start);

/* Appends the UTF-8 encoding of cp (1-4 bytes) to out; returns the count. */
size_t precis_utf8_encode(int32_t cp, char out[4]);

/* Classes of code points that the splitter and tokenizer rely on. */
int precis_is_space(int32_t cp);      /* Unicode White_Space */
int precis_is_linebreak(int32_t cp);  /* LF, VT, FF, CR, NEL, LS, PS */
int precis_is_letter(int32_t cp);     /* L* */
int precis_is_upper(int32_t cp);      /* Lu, Lt */
int precis_is_lower(int32_t cp);      /* Ll */
int precis_is_digit(int32_t cp);      /* Nd */
int precis_is_wordchar(int32_t cp);   /* L*, M*, N* */
int precis_is_closing(int32_t cp);    /* closing brackets and quotes */
int precis_is_opening(int32_t cp);    /* opening brackets and quotes */
int precis_is_unspaced(int32_t cp);   /* scripts written without spaces: Han, kana, Thai... */

#endif

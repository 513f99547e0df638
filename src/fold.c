/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fold.c - NFKC + case folding through utf8proc, with fast paths for
 * plain ASCII (most words of most inputs) and for ASCII with Latin-1
 * letters (most of the rest in Western European languages).
 */
#include "fold.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "ascii.h"
#include "utf8.h"
#include "util.h"

#define FOLD_OPTIONS \
    (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)

void precis_folder_free(precis_folder *f)
{
    if (f == NULL)
        return;
    free(f->cps);
    free(f->bytes);
    memset(f, 0, sizeof *f);
}

static precis_status fold_ascii(precis_folder *f, const char *word, size_t len, const char **out,
                                size_t *out_len)
{
    if (len == SIZE_MAX || PRECIS_RESERVE(f->bytes, f->bytes_cap, len + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (len >= 8) {
        /* Eight bytes a step, the last ending at the word's end, over
         * bytes that lowering leaves as they are. */
        for (size_t i = 0;; i += 8) {
            if (len - i < 8)
                i = len - 8;
            uint64_t v = precis_ascii_load8(word + i);
            precis_ascii_store8(f->bytes + i, precis_ascii_lower8(v));
            if (i + 8 == len)
                break;
        }
    } else {
        for (size_t i = 0; i < len; i++) {
            char c = word[i];
            f->bytes[i] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
    }
    f->bytes[len] = '\0';
    *out = f->bytes;
    *out_len = len;
    return PRECIS_OK;
}

/* Whether word[0, len) holds ASCII and, past it, only the Latin-1 letters
 * U+00C0-U+00FF other than U+00DF (sharp s, which folds to "ss"): each
 * of those is its own NFKC form and folds to one letter of the same two
 * bytes, and no two of them compose, so such a word (most words of
 * French, Spanish, Portuguese, German...) folds without utf8proc. The
 * signs U+00D7 and U+00F7 among them are left to utf8proc too. */
static int latin1_word(const char *word, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)word[i];
        if (c < 0x80)
            continue;
        if (c != 0xC3 || i + 1 >= len)
            return 0;
        unsigned char next = (unsigned char)word[++i];
        if (next < 0x80 || next > 0xBF || next == 0x97 || next == 0x9F || next == 0xB7)
            return 0;
    }
    return 1;
}

/* Folds a word that latin1_word takes: ASCII capitals to small letters,
 * and U+00C0-U+00DE to U+00E0-U+00FE (their second byte 0x20 higher). */
static precis_status fold_latin1(precis_folder *f, const char *word, size_t len,
                                 const char **out, size_t *out_len)
{
    if (len == SIZE_MAX || PRECIS_RESERVE(f->bytes, f->bytes_cap, len + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)word[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + ('a' - 'A'));
        else if (c >= 0x80 && c < 0xA0) /* the second byte of U+00C0-U+00DE */
            c = (unsigned char)(c + 0x20);
        f->bytes[i] = (char)c;
    }
    f->bytes[len] = '\0';
    *out = f->bytes;
    *out_len = len;
    return PRECIS_OK;
}

/* utf8proc wants valid UTF-8, so the word is first re-encoded with
 * U+FFFD in place of anything that does not decode. */
static precis_status sanitize(precis_folder *f, const char *word, size_t len, size_t *clean_len)
{
    if (len > (SIZE_MAX - 1) / 3 || PRECIS_RESERVE(f->bytes, f->bytes_cap, 3 * len + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    size_t pos = 0, n = 0;
    while (pos < len) {
        size_t at = pos;
        int32_t cp = precis_utf8_next(word, len, &pos);
        if (cp == PRECIS_REPLACEMENT_CHAR && pos - at == 1) {
            n += precis_utf8_encode(cp, f->bytes + n);
        } else {
            memcpy(f->bytes + n, word + at, pos - at);
            n += pos - at;
        }
    }
    *clean_len = n;
    return PRECIS_OK;
}

precis_status precis_fold(precis_folder *f, const char *word, size_t len, const char **out,
                          size_t *out_len)
{
    if (precis_ascii_all(word, len))
        return fold_ascii(f, word, len, out, out_len);
    if (latin1_word(word, len))
        return fold_latin1(f, word, len, out, out_len);

    size_t clean_len;
    precis_status st = sanitize(f, word, len, &clean_len);
    if (st != PRECIS_OK)
        return st;
    if (clean_len > (size_t)PTRDIFF_MAX / 8)
        return PRECIS_ERR_NOMEM;
    for (;;) {
        utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)f->bytes,
                                                (utf8proc_ssize_t)clean_len,
                                                (utf8proc_int32_t *)f->cps,
                                                (utf8proc_ssize_t)f->cps_cap, FOLD_OPTIONS);
        if (n < 0)
            return n == UTF8PROC_ERROR_NOMEM || n == UTF8PROC_ERROR_OVERFLOW ? PRECIS_ERR_NOMEM
                                                                             : PRECIS_ERR_ARGUMENT;
        if ((size_t)n + 1 > f->cps_cap) {
            if (PRECIS_RESERVE(f->cps, f->cps_cap, (size_t)n + 1) != PRECIS_OK)
                return PRECIS_ERR_NOMEM;
            continue;
        }
        /* Re-encoding happens in place: 4 bytes of UTF-8 fit in each
         * 32-bit slot, and a terminating NUL fits in the spare slot. */
        n = utf8proc_reencode((utf8proc_int32_t *)f->cps, n, FOLD_OPTIONS);
        if (n < 0)
            return PRECIS_ERR_ARGUMENT;
        ((char *)f->cps)[n] = '\0';
        *out = (const char *)f->cps;
        *out_len = (size_t)n;
        return PRECIS_OK;
    }
}

int precis_fold_nonascii_other(precis_folder *f, int32_t cp)
{
    char bytes[4];
    size_t n = precis_utf8_encode(cp, bytes);
    const char *folded;
    size_t folded_len;
    if (precis_fold(f, bytes, n, &folded, &folded_len) != PRECIS_OK || folded_len == 0)
        return 0;
    for (size_t i = 0; i < folded_len; i++)
        if ((unsigned char)folded[i] < 0x80)
            return 0;
    return 1;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_fold.c - the canonical form of a word: precis_fold against
 * utf8proc's own NFKC + case folding for every word of one and two
 * characters up to U+024F and for random longer words, whichever path
 * folds them (ASCII, Latin-1 letters, utf8proc), and invalid UTF-8; which
 * code points fold to no ASCII, and that their folds in a word leave its
 * ASCII its own.
 */
#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fold.h"
#include "utf8.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

#define FOLD_OPTIONS \
    (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)

/* Checks precis_fold of word[0, len), valid UTF-8, against utf8proc_map. */
static void check_fold(precis_folder *f, const char *word, size_t len)
{
    utf8proc_uint8_t *want = NULL;
    utf8proc_ssize_t want_len =
        utf8proc_map((const utf8proc_uint8_t *)word, (utf8proc_ssize_t)len, &want, FOLD_OPTIONS);
    assert_true(want_len >= 0);
    const char *got;
    size_t got_len;
    assert_int_equal(precis_fold(f, word, len, &got, &got_len), PRECIS_OK);
    if (got_len != (size_t)want_len || memcmp(got, want, got_len) != 0) {
        print_error("folding '%.*s' gave '%.*s', utf8proc '%s'\n", (int)len, word, (int)got_len,
                    got, (const char *)want);
        fail();
    }
    assert_int_equal(got[got_len], '\0');
    free(want);
}

/* Every word of one and two characters from U+0001 to U+024F: ASCII,
 * Latin-1 (its letters, sharp s, the signs and the compatibility
 * characters) and Latin Extended, in every order. */
static void test_short_words(void **state)
{
    (void)state;
    precis_folder f = {0};
    char word[8];
    for (int32_t a = 1; a <= 0x24F; a++) {
        size_t n = precis_utf8_encode(a, word);
        check_fold(&f, word, n);
        for (int32_t b = 1; b <= 0x24F; b++) {
            size_t m = precis_utf8_encode(b, word + n);
            check_fold(&f, word, n + m);
        }
    }
    precis_folder_free(&f);
}

/* Random words of ASCII, Latin-1 letters and a few characters that
 * compose with them or fold to more than one letter. */
static void test_random_words(void **state)
{
    (void)state;
    static const int32_t extra[] = {0x00DF, 0x0301, 0x0327, 0x00AD, 0x0130, 0x0152, 0x1E9E,
                                    0x00AA, 0x00B5, 0xFB01, 0x212A, 0x03A3};
    precis_folder f = {0};
    uint64_t seed = 99;
    char word[128];
    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t count = 1 + (size_t)(seed >> 33) % 12;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            uint32_t r = (uint32_t)(seed >> 33);
            int32_t cp;
            if (r % 8 < 4)
                cp = (int32_t)('A' + r / 8 % 58);
            else if (r % 8 < 7)
                cp = (int32_t)(0xC0 + r / 8 % 64);
            else
                cp = extra[r / 8 % (sizeof extra / sizeof extra[0])];
            len += precis_utf8_encode(cp, word + len);
        }
        check_fold(&f, word, len);
    }
    precis_folder_free(&f);
}

/* Bytes that do not decode fold to U+FFFD, also next to Latin-1 letters. */
static void test_invalid_bytes(void **state)
{
    (void)state;
    static const struct {
        const char *word, *want;
    } cases[] = {
        {"\xc3", "\xef\xbf\xbd"},
        {"\xc3\xc3", "\xef\xbf\xbd\xef\xbf\xbd"},
        {"\xc3\x89t\xc3", "\xc3\xa9t\xef\xbf\xbd"},
        {"caf\xc3\xa9\xff", "caf\xc3\xa9\xef\xbf\xbd"},
        {"\xc3\x28", "\xef\xbf\xbd("},
    };
    precis_folder f = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got;
        size_t got_len;
        assert_int_equal(precis_fold(&f, cases[i].word, strlen(cases[i].word), &got, &got_len),
                         PRECIS_OK);
        assert_int_equal(got_len, strlen(cases[i].want));
        assert_memory_equal(got, cases[i].want, got_len);
    }
    precis_folder_free(&f);
}

/* Whether a code point past ASCII folds to no ASCII, the Latin-1 letters
 * without utf8proc: as utf8proc's fold of it alone says, for the first
 * planes' code points. */
static void test_fold_nonascii(void **state)
{
    (void)state;
    precis_folder f = {0};
    for (int32_t cp = 0x80; cp < 0x30000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        utf8proc_uint8_t bytes[4];
        utf8proc_ssize_t n = utf8proc_encode_char(cp, bytes);
        utf8proc_uint8_t *folded = NULL;
        utf8proc_ssize_t len = utf8proc_map(bytes, n, &folded, FOLD_OPTIONS);
        assert_true(len >= 0);
        int want = len > 0;
        for (utf8proc_ssize_t i = 0; i < len; i++)
            want &= folded[i] >= 0x80;
        free(folded);
        if (precis_fold_nonascii(&f, cp) != want)
            fail_msg("U+%04X: %d, want %d", (unsigned)cp, !want, want);
    }
    precis_folder_free(&f);
}

/* What precis_fold_nonascii promises of a text: in the fold of a word of
 * ASCII letters and code points that fold to no ASCII (marks that compose
 * with a letter before them or not, in any order of combining classes,
 * letters with accents, other scripts), each run of ASCII is in the
 * word's own ASCII, in small letters. */
static void test_fold_keeps_ascii(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "e", "E", "a", "o", "u", "n", "z", "<", "=", "1",
        "\xcc\x81", "\xcc\x80", "\xcc\xa3", "\xcc\x96", "\xcc\x88", "\xcc\xb8", "\xcd\x85",
        "\xc3\xa9", "\xc3\x89", "\xc7\x98", "\xe1\xba\xb9", "\xce\xb1", "\xd0\x96",
        "\xe4\xb8\xad", "\xea\xb0\x80", "\xe1\x84\x80", "\xe1\x85\xa1", "\xef\xbf\xbd",
        "\xe2\x80\x99", "\xc2\xab",
    };
    precis_folder f = {0};
    uint32_t seed = 7;
    for (int round = 0; round < 20000; round++) {
        char word[128], own[128];
        size_t n = 0, m = 0;
        seed = seed * 1664525u + 1013904223u;
        size_t count = 1 + (seed >> 16) % 12;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 1664525u + 1013904223u;
            const char *piece = pieces[(seed >> 8) % NELEMS(pieces)];
            size_t len = strlen(piece);
            memcpy(word + n, piece, len);
            n += len;
            /* The word's ASCII in small letters, its runs apart. */
            if ((unsigned char)piece[0] < 0x80)
                own[m++] = (char)(piece[0] >= 'A' && piece[0] <= 'Z' ? piece[0] + 32 : piece[0]);
            else if (m == 0 || own[m - 1] != '|')
                own[m++] = '|';
        }
        own[m] = '\0';
        size_t pos = 0;
        while (pos < n) {
            int32_t cp = precis_utf8_next(word, n, &pos);
            assert_true(cp < 0x80 || precis_fold_nonascii(&f, cp));
        }
        const char *folded;
        size_t len;
        assert_int_equal(precis_fold(&f, word, n, &folded, &len), PRECIS_OK);
        for (size_t i = 0; i < len;) {
            size_t run = i;
            while (run < len && (unsigned char)folded[run] < 0x80)
                run++;
            char ascii[128];
            memcpy(ascii, folded + i, run - i);
            ascii[run - i] = '\0';
            if (run > i && strstr(own, ascii) == NULL)
                fail_msg("\"%s\" folded from none of \"%s\"", ascii, own);
            i = run == i ? i + 1 : run;
        }
    }
    precis_folder_free(&f);
}

/* ASCII words, lowered eight bytes a step with the last step over the
 * word's end, against utf8proc: random bytes of every ASCII character
 * (mostly letters, and the neighbours of 'A' and 'Z'), of every length to
 * 40 and at every offset. */
static void test_ascii_words(void **state)
{
    (void)state;
    static const char near[] = "@[`{AZaz";
    precis_folder f = {0};
    uint64_t seed = 8;
    char buf[48];
    for (int round = 0; round < 20000; round++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t len = 1 + (size_t)(seed >> 33) % 40, off = (size_t)(seed >> 60) % 8;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            uint32_t r = (uint32_t)(seed >> 33);
            buf[off + i] = r % 4 == 0   ? (char)(1 + r / 4 % 127)
                           : r % 4 == 1 ? near[r / 4 % (sizeof near - 1)]
                                        : (char)((r / 4 % 2 ? 'A' : 'a') + r / 8 % 26);
        }
        check_fold(&f, buf + off, len);
    }
    precis_folder_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_words),
        cmocka_unit_test(test_random_words),
        cmocka_unit_test(test_invalid_bytes),
        cmocka_unit_test(test_fold_nonascii),
        cmocka_unit_test(test_fold_keeps_ascii),
        cmocka_unit_test(test_ascii_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_fold.c - the canonical form of a word: precis_fold against
 * utf8proc's own NFKC + case folding for every word of one and two
 * characters up to U+024F and for random longer words, whichever path
 * folds them (ASCII, Latin-1 letters, utf8proc), and invalid UTF-8.
 */
#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fold.h"
#include "utf8.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_words),
        cmocka_unit_test(test_random_words),
        cmocka_unit_test(test_invalid_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_phrases.c - phrase keys, phrase prefixes and section titles: ASCII
 * lines (keyed in lower case without the folder) against the general path
 * of folding, random lines included.
 */
#include "test_helpers.h"

#include <string.h>

#include "lang.h"
#include "phrases.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static void test_keys(void **state)
{
    (void)state;
    precis_folder folder = {0};
    precis_phrase_key key;
    static const char line[] = "  Kind\tRegards,\n\n Anna  ";
    assert_true(precis_phrase_key_make(&folder, line, sizeof line - 1, &key));
    assert_string_equal(key.bytes, "kind regards, anna");
    assert_int_equal(key.len, strlen("kind regards, anna"));
    /* Typographic apostrophes and letters past ASCII are folded. */
    static const char typographic[] = "Editor\xe2\x80\x99s NOTE \xc3\x89t\xc3\xa9";
    assert_true(precis_phrase_key_make(&folder, typographic, sizeof typographic - 1, &key));
    assert_string_equal(key.bytes, "editor's note \xc3\xa9t\xc3\xa9");
    /* Too long a line has no key, however it is written. */
    char longer[PRECIS_PHRASE_MAX_BYTES + 2];
    memset(longer, 'A', sizeof longer);
    assert_false(precis_phrase_key_make(&folder, longer, sizeof longer, &key));
    assert_true(precis_phrase_key_make(&folder, longer, PRECIS_PHRASE_MAX_BYTES, &key));
    precis_folder_free(&folder);
}

static void test_titles_and_prefixes(void **state)
{
    (void)state;
    precis_folder folder = {0};
    int en = precis_lang_find("en");
    assert_int_equal(precis_title_kind(&folder, en, "2.1 Methods", 11), PRECIS_TITLE_SECTION);
    assert_int_equal(precis_title_kind(&folder, en, "REFERENCES:", 11), PRECIS_TITLE_BACK);
    assert_int_equal(precis_title_kind(&folder, en, "Methods of war", 14), PRECIS_TITLE_NONE);
    precis_phrase_key key;
    assert_true(precis_phrase_key_make(&folder, "Kind regards, Anna", 18, &key));
    assert_int_equal(precis_phrase_prefix(&key, en, PRECIS_PHRASE_SIGNOFF), strlen("kind regards"));
    assert_true(precis_phrase_key_make(&folder, "Kind regardsAnna", 16, &key));
    assert_int_equal(precis_phrase_prefix(&key, en, PRECIS_PHRASE_SIGNOFF), 0);
    precis_folder_free(&folder);
}

/* Random ASCII lines: the key is the one the folder makes of the line
 * with a soft hyphen (which folding removes) inside its first word, and
 * the longest phrase that opens it is the one that opens it with a word
 * past ASCII after it. */
static void test_ascii_lines(void **state)
{
    (void)state;
    static const char *const words[] = {
        "Kind", "kind", "REGARDS", "regards,", "Best", "wishes", "Dear", "Hi", "all,", "Thanks",
        "Anna", "References", "Methods", "and", "materials", "2.1", "E-mail", "Funding:", "x",
        "See", "also", "Sincerely", "yours", "-", "it's", "O'Brien", "9", "\t", "ABSTRACT."};
    static const precis_phrase_class classes[] = {PRECIS_PHRASE_BACK, PRECIS_PHRASE_SECTION,
                                                  PRECIS_PHRASE_LABEL, PRECIS_PHRASE_SALUTATION,
                                                  PRECIS_PHRASE_SIGNOFF};
    precis_folder folder = {0};
    int en = precis_lang_find("en");
    uint32_t seed = 15;
    for (int round = 0; round < 4000; round++) {
        char line[120], other[130];
        size_t n = 0;
        seed = seed * 1664525u + 1013904223u;
        size_t count = 1 + (seed >> 16) % 6;
        for (size_t w = 0; w < count; w++) {
            seed = seed * 1664525u + 1013904223u;
            n += (size_t)snprintf(line + n, sizeof line - n, "%s%s", w > 0 ? " " : "",
                                  words[(seed >> 8) % NELEMS(words)]);
        }
        /* The soft hyphen after the first byte that is not white space. */
        size_t at = 0;
        while (at < n && (line[at] == ' ' || line[at] == '\t'))
            at++;
        at += at < n;
        memcpy(other, line, at);
        memcpy(other + at, "\xc2\xad", 2);
        memcpy(other + at + 2, line + at, n - at);
        precis_phrase_key ascii, folded;
        int made = precis_phrase_key_make(&folder, line, n, &ascii);
        assert_int_equal(made, precis_phrase_key_make(&folder, other, n + 2, &folded));
        if (!made)
            continue;
        if (ascii.len != folded.len || memcmp(ascii.bytes, folded.bytes, ascii.len + 1) != 0)
            fail_msg("keys differ: '%s' and '%s'", ascii.bytes, folded.bytes);
        /* A word past ASCII after the line. */
        if (folded.len + 3 > sizeof folded.bytes - 1)
            continue;
        memcpy(folded.bytes + folded.len, " \xc3\xa9", 4);
        folded.len += 3;
        for (size_t c = 0; c < NELEMS(classes); c++)
            assert_int_equal(precis_phrase_prefix(&ascii, en, classes[c]),
                             precis_phrase_prefix(&folded, en, classes[c]));
    }
    precis_folder_free(&folder);
}

/* precis_phrase_key_make as it was written byte by byte, before its
 * eight-byte steps: the reference for test_keys_random. */
static int plain_key_make(precis_folder *folder, const char *s, size_t len, precis_phrase_key *key)
{
    char raw[PRECIS_PHRASE_MAX_BYTES];
    size_t n = 0;
    int space = 0;
    unsigned char any = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            space = n > 0;
            continue;
        }
        if (n + (size_t)space + 1 > sizeof raw)
            return 0;
        if (space)
            raw[n++] = ' ';
        raw[n++] = (char)c;
        any |= c;
        space = 0;
    }
    if (any < 0x80) {
        for (size_t i = 0; i < n; i++)
            key->bytes[i] = (char)(raw[i] >= 'A' && raw[i] <= 'Z' ? raw[i] + ('a' - 'A') : raw[i]);
        key->bytes[n] = '\0';
        key->len = n;
        return 1;
    }
    const char *folded;
    size_t folded_len;
    if (precis_fold(folder, raw, n, &folded, &folded_len) != PRECIS_OK ||
        folded_len >= sizeof key->bytes)
        return 0;
    key->len = 0;
    for (size_t i = 0; i < folded_len; i++) {
        if (i + 2 < folded_len && memcmp(folded + i, "\xe2\x80\x99", 3) == 0) {
            key->bytes[key->len++] = '\'';
            i += 2;
        } else {
            key->bytes[key->len++] = folded[i];
        }
    }
    key->bytes[key->len] = '\0';
    return 1;
}

/* Keys made eight bytes at a time are those of the byte-by-byte
 * definition, on random text (letters of both cases, digits, white space
 * of every kind, control characters, bytes past ASCII, typographic
 * apostrophes) of lengths around PRECIS_PHRASE_MAX_BYTES, at every
 * offset. */
static void test_keys_random(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "Z", "Q", "m", "0", "9", "@", "[", "`", "{", " ", "  ", "\t", "\n", "\r", "\v",
        "\f", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xc3\x89", "\xe2\x80\x99", "\xc2\xad",
        "\xff", "Word", "WORD", "word ", "References"};
    precis_folder folder = {0};
    uint64_t seed = 31;
    char buf[256];
    for (int round = 0; round < 20000; round++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t off = (size_t)(seed >> 60) % 8, target = (size_t)(seed >> 33) % 140;
        size_t n = 0;
        while (n < target) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            /* mostly letters, so that runs of eight come */
            size_t pick = (seed >> 40) % 8 < 5 ? (size_t)(seed >> 33) % 4
                                               : (size_t)(seed >> 33) % NELEMS(pieces);
            size_t len = strlen(pieces[pick]);
            if (off + n + len > sizeof buf)
                break;
            memcpy(buf + off + n, pieces[pick], len);
            n += len;
        }
        precis_phrase_key got, want;
        int made = precis_phrase_key_make(&folder, buf + off, n, &got);
        assert_int_equal(made, plain_key_make(&folder, buf + off, n, &want));
        if (!made)
            continue;
        assert_int_equal(got.len, want.len);
        assert_memory_equal(got.bytes, want.bytes, want.len + 1);
    }
    precis_folder_free(&folder);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_titles_and_prefixes),
        cmocka_unit_test(test_ascii_lines),
        cmocka_unit_test(test_keys_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

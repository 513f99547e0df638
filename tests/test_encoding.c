/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_encoding.c - input bytes to UTF-8: the free common case, byte order
 * marks, declared and detected charsets, invalid bytes, and the map from
 * every output character back to the input bytes it came from.
 */
#include "test_helpers.h"

#include <string.h>
#include <utf8proc.h>

#include "encoding.h"

static const precis_decode_opts html_opts = {NULL, 0, 1};

/* The input range of the output bytes that spell `needle` (first match). */
static void range_of(const precis_decoded *d, const precis_map *map, const char *needle,
                     size_t *s, size_t *e)
{
    const char *at = NULL;
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= d->len && at == NULL; i++)
        if (memcmp(d->text + i, needle, n) == 0)
            at = d->text + i;
    assert_non_null(at);
    size_t start = (size_t)(at - d->text);
    precis_map_range(map, start, start + n, s, e);
}

static int valid_utf8(const char *s, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + pos, (utf8proc_ssize_t)(len - pos), &cp);
        if (n <= 0)
            return 0;
        pos += (size_t)n;
    }
    return 1;
}

static void test_valid_utf8_is_free(void **state)
{
    (void)state;
    const char in[] = "<html><body><p>Caf\xc3\xa9 \xe2\x82\xac 12</p></body></html>";
    precis_decoded d = {0};
    precis_map map = {0};
    assert_int_equal(precis_decode(&d, &map, in, sizeof in - 1, &html_opts), PRECIS_OK);
    assert_ptr_equal(d.text, in); /* no copy */
    assert_int_equal(d.len, sizeof in - 1);
    assert_int_equal(map.count, 0);
    assert_string_equal(d.charset, "UTF-8");
    /* A second call reuses the same object. */
    assert_int_equal(precis_decode(&d, &map, "abc", 3, NULL), PRECIS_OK);
    assert_int_equal(d.len, 3);
    precis_map_free(&map);
    precis_decoded_free(&d);
    precis_decoded_free(NULL);
}

static void test_utf8_bom(void **state)
{
    (void)state;
    const char in[] = "\xef\xbb\xbf<p>caf\xc3\xa9</p>";
    precis_decoded d = {0};
    precis_map map = {0};
    assert_int_equal(precis_decode(&d, &map, in, sizeof in - 1, &html_opts), PRECIS_OK);
    assert_ptr_equal(d.text, in + 3); /* stripped, still no copy */
    assert_int_equal(d.len, sizeof in - 4);
    size_t s, e;
    range_of(&d, &map, "caf\xc3\xa9", &s, &e);
    assert_int_equal(s, 6);
    assert_int_equal(e, 11);
    precis_map_free(&map);
    precis_decoded_free(&d);
}

/* Without a mark, UTF-16 is known by its NULs: in the high byte of most
 * code units of Latin text and never in the low one. A few NULs in 8-bit
 * or UTF-8 text are not UTF-16. */
static void test_utf16_without_mark(void **state)
{
    (void)state;
    const char *words = "Le maire a d\xe9" "fendu le budget. ";
    char le[256], be[256], stray[256];
    size_t n = 0;
    for (int rep = 0; rep < 3; rep++)
        for (const char *c = words; *c != '\0'; c++, n += 2) {
            le[n] = *c, le[n + 1] = '\0';
            be[n] = '\0', be[n + 1] = *c;
        }
    for (size_t k = 0; k < n; k++)
        stray[k] = k % 40 == 39 ? '\0' : 'a' + (char)(k % 26);
    assert_true(precis_text_needs_decoding(le, n));
    assert_true(precis_text_needs_decoding(be, n));
    assert_false(precis_text_needs_decoding(stray, n));
    /* Text is read eight ASCII bytes at a time: stray bytes are counted at
     * every offset, and UTF-8 sequences across those eight. */
    for (size_t shift = 0; shift < 9; shift++) {
        char text[64];
        snprintf(text, sizeof text, "%.*sna\xefve caf\xe9 d\xe9j\xe0 vu", (int)shift, "abcdefghi");
        assert_true(precis_text_needs_decoding(text, strlen(text)));
        snprintf(text, sizeof text, "%.*sna\xc3\xafve caf\xc3\xa9 d\xc3\xa9j\xc3\xa0 vu",
                 (int)shift, "abcdefghi");
        assert_false(precis_text_needs_decoding(text, strlen(text)));
    }
    /* Two units in three must have their NUL, wherever they are: after an
     * ASCII start too. 123 units: 82 of them are enough, 81 are not. */
    for (size_t ascii = 30; ascii <= 50; ascii++) {
        char mixed_le[246], mixed_be[246];
        for (size_t u = 0; u < 123; u++) {
            int nul = u >= ascii;
            mixed_le[2 * u] = 'c', mixed_le[2 * u + 1] = nul ? '\0' : 'd';
            mixed_be[2 * u] = nul ? '\0' : 'd', mixed_be[2 * u + 1] = 'c';
        }
        assert_int_equal(precis_text_needs_decoding(mixed_le, sizeof mixed_le), ascii <= 41);
        assert_int_equal(precis_text_needs_decoding(mixed_be, sizeof mixed_be), ascii <= 41);
    }
    /* ASCII is skipped sixteen bytes at a time: a legacy byte at any offset
     * of those sixteen still counts. */
    for (size_t shift = 0; shift < 33; shift++) {
        char text[96];
        snprintf(text, sizeof text, "%.*sna\xefve caf\xe9 d\xe9j\xe0 vu", (int)shift,
                 "abcdefghijklmnopqrstuvwxyzabcdefg");
        assert_true(precis_text_needs_decoding(text, strlen(text)));
    }
    const char *inputs[] = {le, be};
    for (int k = 0; k < 2; k++) {
        precis_decoded d = {0};
        precis_map map = {0};
        assert_int_equal(precis_decode(&d, &map, inputs[k], n, NULL), PRECIS_OK);
        assert_string_equal(d.charset, k == 0 ? "UTF-16LE" : "UTF-16BE");
        assert_memory_equal(d.text, "Le maire a d\xc3\xa9" "fendu", 19);
        size_t s, e;
        range_of(&d, &map, "\xc3\xa9", &s, &e);
        assert_int_equal(s, 24);
        assert_int_equal(e, 26);
        precis_map_free(&map);
        precis_decoded_free(&d);
    }
    precis_decoded d = {0};
    precis_map map = {0};
    assert_int_equal(precis_decode(&d, &map, stray, n, NULL), PRECIS_OK);
    assert_string_equal(d.charset, "UTF-8");
    precis_map_free(&map);
    precis_decoded_free(&d);
}

static void test_utf16(void **state)
{
    (void)state;
    /* "Aé𝄞\n" in UTF-16LE and UTF-16BE with their marks, and a lone
     * surrogate, which becomes U+FFFD. */
    const char le[] = "\xff\xfe" "A\0" "\xe9\0" "\x34\xd8\x1e\xdd" "\n\0" "\x00\xd8" "B\0";
    const char be[] = "\xfe\xff" "\0A" "\0\xe9" "\xd8\x34\xdd\x1e" "\0\n" "\xd8\x00" "\0B";
    const char *inputs[] = {le, be};
    for (int k = 0; k < 2; k++) {
        precis_decoded d = {0};
        precis_map map = {0};
        assert_int_equal(precis_decode(&d, &map, inputs[k], sizeof le - 1, NULL), PRECIS_OK);
        assert_string_equal(d.charset, k == 0 ? "UTF-16LE" : "UTF-16BE");
        const char want[] = "A\xc3\xa9\xf0\x9d\x84\x9e\n\xef\xbf\xbd" "B";
        assert_int_equal(d.len, sizeof want - 1);
        assert_memory_equal(d.text, want, sizeof want - 1);
        size_t s, e;
        range_of(&d, &map, "\xc3\xa9", &s, &e);
        assert_int_equal(s, 4);
        assert_int_equal(e, 6);
        range_of(&d, &map, "\xf0\x9d\x84\x9e", &s, &e);
        assert_int_equal(s, 6);
        assert_int_equal(e, 10);
        range_of(&d, &map, "B", &s, &e);
        assert_int_equal(s, 14);
        assert_int_equal(e, 16);
        precis_map_free(&map);
        precis_decoded_free(&d);
    }
}

static void test_meta_windows_1252(void **state)
{
    (void)state;
    /* iso-8859-1 means windows-1252 to a browser: 0x80 is the euro sign. */
    const char in[] = "<html><head><meta charset=\"ISO-8859-1\"></head><body>"
                      "<p>Caf\xe9 co\xfbte 5 \x80.</p></body></html>";
    precis_decoded d = {0};
    precis_map map = {0};
    assert_int_equal(precis_decode(&d, &map, in, sizeof in - 1, &html_opts), PRECIS_OK);
    assert_string_equal(d.charset, "windows-1252");
    assert_non_null(strstr(d.text, "Caf\xc3\xa9 co\xc3\xbbte 5 \xe2\x82\xac."));
    size_t s, e;
    /* A two-byte "é" made from one input byte maps to that byte. */
    range_of(&d, &map, "\xc3\xa9", &s, &e);
    assert_int_equal(e - s, 1);
    assert_int_equal((unsigned char)in[s], 0xE9);
    range_of(&d, &map, "Caf\xc3\xa9 co\xc3\xbbte 5 \xe2\x82\xac.", &s, &e);
    assert_memory_equal(in + s, "Caf\xe9 co\xfbte 5 \x80.", e - s);
    /* The markup maps byte for byte. */
    range_of(&d, &map, "<p>", &s, &e);
    assert_memory_equal(in + s, "<p>", 3);
    precis_map_free(&map);
    precis_decoded_free(&d);
}

static void test_meta_http_equiv_and_shift_jis(void **state)
{
    (void)state;
    /* "日本" in Shift_JIS is 93 fa 96 7b. */
    const char in[] = "<!-- <meta charset=utf-8> --><meta http-equiv='Content-Type' "
                      "content='text/html; charset=Shift_JIS'><p>\x93\xfa\x96\x7b</p>";
    precis_decoded d = {0};
    precis_map map = {0};
    assert_int_equal(precis_decode(&d, &map, in, sizeof in - 1, &html_opts), PRECIS_OK);
    assert_string_equal(d.charset, "Shift_JIS");
    assert_non_null(strstr(d.text, "<p>\xe6\x97\xa5\xe6\x9c\xac</p>"));
    size_t s, e;
    range_of(&d, &map, "\xe6\x9c\xac", &s, &e);
    assert_int_equal(e - s, 2);
    assert_memory_equal(in + s, "\x96\x7b", 2);
    precis_map_free(&map);
    precis_decoded_free(&d);
}

static void test_declared_charset(void **state)
{
    (void)state;
    char label[PRECIS_CHARSET_MAX];
    assert_true(precis_html_declared_charset("<meta charset=utf-8>", 20, label));
    assert_string_equal(label, "utf-8");
    const char *quoted = "<div title='<meta charset=x>'><META CHARSET = \"windows-1251\" >";
    assert_true(precis_html_declared_charset(quoted, strlen(quoted), label));
    assert_string_equal(label, "windows-1251");
    const char *commented = "<!-- <meta charset=koi8-r> --><p>nothing</p>";
    assert_false(precis_html_declared_charset(commented, strlen(commented), label));
    const char *equiv = "<meta content=\"text/html;charset=euc-jp\" http-equiv=content-type>";
    assert_true(precis_html_declared_charset(equiv, strlen(equiv), label));
    assert_string_equal(label, "euc-jp");
    /* Truncated tags end the scan without reading past the input. */
    assert_false(precis_html_declared_charset("<meta charset=", 14, label));
    assert_false(precis_html_declared_charset("<meta", 5, label));
    assert_false(precis_html_declared_charset("<", 1, label));
}

static void test_caller_charset(void **state)
{
    (void)state;
    const char in[] = "<meta charset=utf-8><p>\xe0\xe9</p>";
    precis_decoded d = {0};
    precis_map map = {0};
    /* The transport's charset wins over the page's <meta>. */
    precis_decode_opts http = {"iso-8859-15", 0, 1};
    assert_int_equal(precis_decode(&d, &map, in, sizeof in - 1, &http), PRECIS_OK);
    assert_string_equal(d.charset, "ISO-8859-15");
    assert_non_null(strstr(d.text, "\xc3\xa0\xc3\xa9"));
    /* A label nobody knows is a hint to ignore, or an error when forced. */
    precis_decode_opts unknown = {"no-such-charset", 0, 1};
    assert_int_equal(precis_decode(&d, &map, in, sizeof in - 1, &unknown), PRECIS_OK);
    precis_decode_opts forced_unknown = {"no-such-charset", 1, 0};
    assert_int_equal(precis_decode(&d, &map, in, sizeof in - 1, &forced_unknown),
                     PRECIS_ERR_ARGUMENT);
    /* Valid UTF-8 overrules a single-byte declaration, unless forced. */
    const char utf8[] = "<meta charset=windows-1252><p>caf\xc3\xa9</p>";
    assert_int_equal(precis_decode(&d, &map, utf8, sizeof utf8 - 1, &html_opts), PRECIS_OK);
    assert_string_equal(d.charset, "UTF-8");
    assert_ptr_equal(d.text, utf8);
    precis_decode_opts forced = {"windows-1252", 1, 0};
    assert_int_equal(precis_decode(&d, &map, utf8, sizeof utf8 - 1, &forced), PRECIS_OK);
    assert_non_null(strstr(d.text, "caf\xc3\x83\xc2\xa9"));
    /* A text caller's input is not searched for <meta>. */
    const char text[] = "<meta charset=koi8-r> plain text";
    assert_int_equal(precis_decode(&d, &map, text, sizeof text - 1, NULL), PRECIS_OK);
    assert_string_equal(d.charset, "UTF-8");
    precis_map_free(&map);
    precis_decoded_free(&d);
}

static void test_invalid_utf8_replaced(void **state)
{
    (void)state;
    /* Declared UTF-8, mostly UTF-8, two stray bytes: U+FFFD for each. */
    const char in[] = "<meta charset=utf-8><p>\xc3\xa9t\xc3\xa9 \xff caf\xe9!</p>";
    precis_decoded d = {0};
    precis_map map = {0};
    assert_int_equal(precis_decode(&d, &map, in, sizeof in - 1, &html_opts), PRECIS_OK);
    assert_string_equal(d.charset, "UTF-8");
    assert_non_null(strstr(d.text, "\xc3\xa9t\xc3\xa9 \xef\xbf\xbd caf\xef\xbf\xbd!"));
    size_t s, e;
    range_of(&d, &map, "\xef\xbf\xbd caf", &s, &e);
    assert_int_equal((unsigned char)in[s], 0xFF);
    assert_memory_equal(in + e - 4, " caf", 4);
    precis_map_free(&map);
    precis_decoded_free(&d);
}

static void test_detection(void **state)
{
    (void)state;
    /* No declaration, windows-1252 German: detected, not taken for UTF-8. */
    const char in[] =
        "<html><body><p>Die Gemeinde hat beschlossen, die alte Br\xfc" "cke \xfc" "ber den Flu\xdf "
        "zu schlie\xdf" "en. Die Pr\xfc" "fung der Statik hatte gezeigt, dass die Tr\xe4ger st\xe4rker "
        "besch\xe4" "digt sind, als man bef\xfcrchtet hatte. F\xfc\xdfg\xe4nger d\xfcrfen die "
        "Br\xfc" "cke weiter benutzen.</p></body></html>";
    precis_decoded d = {0};
    precis_map map = {0};
    assert_int_equal(precis_decode(&d, &map, in, sizeof in - 1, &html_opts), PRECIS_OK);
    assert_true(strcmp(d.charset, "windows-1252") == 0 || strcmp(d.charset, "ISO-8859-15") == 0);
    assert_non_null(strstr(d.text, "Br\xc3\xbc" "cke \xc3\xbc" "ber den Flu\xc3\x9f"));
    precis_map_free(&map);
    precis_decoded_free(&d);
}

/* Whatever the bytes and the charset, the output is valid UTF-8 and the
 * map sends every output range into the input, in order. */
static void test_random_bytes(void **state)
{
    (void)state;
    static const char *const charsets[] = {NULL, "utf-8", "windows-1252", "shift_jis", "gbk",
                                           "utf-16le", "iso-2022-jp", "big5", "euc-kr"};
    uint32_t seed = 12345;
    char in[512];
    precis_decoded d = {0};
    precis_map map = {0};
    for (int round = 0; round < 300; round++) {
        size_t len = (size_t)(round * 7 % 500);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1664525u + 1013904223u;
            in[i] = (char)(seed >> 24);
        }
        const char *cs = charsets[round % (sizeof charsets / sizeof charsets[0])];
        precis_decode_opts opts = {cs, round % 2, round % 3 == 0};
        assert_int_equal(precis_decode(&d, &map, in, len, &opts), PRECIS_OK);
        assert_true(valid_utf8(d.text, d.len));
        size_t prev_end = 0;
        for (size_t i = 0; i < map.count; i++) {
            const precis_piece *p = &map.pieces[i];
            assert_true(p->src + p->src_len <= len);
            assert_true(p->src >= prev_end);
            prev_end = p->src + p->src_len;
            assert_true(p->out + p->out_len <= d.len);
        }
    }
    precis_map_free(&map);
    precis_decoded_free(&d);
}

/* A text reader's input: windows-1252 bytes read as UTF-8 text whose
 * ranges are ranges of the input. */
static void test_text_reader(void **state)
{
    (void)state;
    const char in[] = "Die Br\xfc" "cke ist gesperrt. Der Umweg betr\xe4gt 12 km.";
    precis_reading rd = {0};
    precis_decoded d = {0};
    precis_decode_opts forced = {"latin1", 1, 0};
    /* As the text reader does it (analyse.c): decode, then keep a copy. */
    precis_reading_reset(&rd);
    assert_int_equal(precis_decode(&d, &rd.decode, in, sizeof in - 1, &forced), PRECIS_OK);
    assert_int_equal(precis_reading_own(&rd, d.text, d.len), PRECIS_OK);
    assert_false(rd.borrowed);
    assert_int_equal(rd.len, sizeof in + 1);
    assert_memory_equal(rd.text, "Die Br\xc3\xbc" "cke ist gesperrt.", 19);
    const char *second = strstr(rd.text, "Der Umweg");
    assert_non_null(second);
    size_t s, e;
    precis_reading_input_range(&rd, (size_t)(second - rd.text), rd.len, &s, &e);
    assert_int_equal(e, sizeof in - 1);
    assert_memory_equal(in + s, "Der Umweg betr\xe4gt 12 km.", e - s);
    /* Valid UTF-8 is the input itself. */
    precis_reading_reset(&rd);
    assert_int_equal(precis_decode(&d, &rd.decode, "plain", 5, NULL), PRECIS_OK);
    assert_int_equal(rd.decode.count, 0);
    assert_ptr_equal(d.text, "plain");
    precis_reading_input_range(&rd, 1, 3, &s, &e);
    assert_int_equal(s, 1);
    assert_int_equal(e, 3);
    precis_reading_free(&rd);
    precis_decoded_free(&d);
}

/* Plain text is decoded when it looks like a legacy 8-bit encoding, and
 * left as it is when it is UTF-8 with a few stray bytes. */
static void test_text_needs_decoding(void **state)
{
    (void)state;
    static const char latin[] = "Le caf\xe9 de la r\xe9publique a ferm\xe9 \x96 apr\xe8s.";
    static const char stray[] = "The caf\xc3\xa9 opened \xff\xfe early; caf\xc3\xa9 \x80 for \xc3 coffee.";
    static const char utf8[] = "Le caf\xc3\xa9 est ouvert.";
    assert_true(precis_text_needs_decoding(latin, sizeof latin - 1));
    assert_false(precis_text_needs_decoding(stray, sizeof stray - 1));
    assert_false(precis_text_needs_decoding(utf8, sizeof utf8 - 1));
    assert_false(precis_text_needs_decoding("", 0));
    assert_true(precis_text_needs_decoding("\xff\xfeh\0i\0", 6));
    /* Decoded, the legacy text reads as windows-1252 would show it. */
    precis_decoded d = {0};
    precis_map map = {0};
    assert_int_equal(precis_decode(&d, &map, latin, sizeof latin - 1, NULL), PRECIS_OK);
    static const char want[] =
        "Le caf\xc3\xa9 de la r\xc3\xa9publique a ferm\xc3\xa9 \xe2\x80\x93 apr\xc3\xa8s.";
    assert_int_equal(d.len, sizeof want - 1);
    assert_memory_equal(d.text, want, d.len);
    precis_map_free(&map);
    precis_decoded_free(&d);
}

/* The check reads no byte past the text, whatever its length: each text
 * sits in a block of its own size (the sanitizers and valgrind watch the
 * end), ASCII all through or with a legacy byte last. */
static void test_text_needs_decoding_bounds(void **state)
{
    (void)state;
    for (size_t len = 1; len <= 80; len++) {
        for (int legacy_last = 0; legacy_last <= 1; legacy_last++) {
            char *text = malloc(len);
            assert_non_null(text);
            memset(text, 'a', len);
            if (legacy_last)
                text[len - 1] = '\xe9';
            assert_int_equal(precis_text_needs_decoding(text, len), legacy_last);
            free(text);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_utf8_is_free),
        cmocka_unit_test(test_utf8_bom),
        cmocka_unit_test(test_utf16),
        cmocka_unit_test(test_utf16_without_mark),
        cmocka_unit_test(test_meta_windows_1252),
        cmocka_unit_test(test_meta_http_equiv_and_shift_jis),
        cmocka_unit_test(test_declared_charset),
        cmocka_unit_test(test_caller_charset),
        cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_detection),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_text_reader),
        cmocka_unit_test(test_text_needs_decoding),
        cmocka_unit_test(test_text_needs_decoding_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

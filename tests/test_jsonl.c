/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_jsonl.c - the command's JSON Lines reader: jsonl_read, one yajl
 * parser for a stream of lines that leaves UTF-8 to a check of the whole
 * line, against jsonl_read_plain, a validating parser for each line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "bytes.h"
#include "jsonl.h"

/* Pieces of record lines: members of every kind, strings with escapes,
 * surrogates paired and alone, invalid and overlong UTF-8, syntax errors,
 * a second value and what cuts a line short. */
static const char *const pieces[] = {
    "{", "}", "[", "]", ",", ":", " ", "\"text\"", "\"id\"", "\"lang\"", "\"other\"",
    "\"The cat sat. The dog ran.\"", "\"caf\xc3\xa9 \\u00e9\\n\\\"q\\\"\"", "\"\\ud83d\\ude00\"",
    "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud800\\u0041\"", "\"bad \xff byte\"", "\"\xc0\xaf\"",
    "\"\xed\xa0\x80\"", "\"\xe2\x80\"", "12", "-3.5e2", "true", "false", "null", "\"\"",
    "\"\\u0000\"", "\"\\/\"", "\"\\x\"", "\"open", "{\"a\": [1, {\"b\": null}]}", "x", "\t",
    "\"\\u12\"", "\xef\xbb\xbf",
};

/* Whole records, so that most lines are read whole. */
static const char *const records[] = {
    "{\"id\": \"a1\", \"text\": \"One sentence. Another one.\"}",
    "{\"text\": \"caf\xc3\xa9 \\u00e9 \\ud83d\\ude00 \\\"quoted\\\"\", \"id\": 7, \"x\": [1, 2]}",
    "{\"id\": {\"k\": [true, null]}, \"lang\": \"en\", \"text\": \"Text.\", \"n\": 1.5}",
    "{\"text\": \"lone \\ud800 surrogate\", \"id\": \"\\udc01\"}",
    "  {\"text\": \"spaces around\"}  ",
    "{\"text\": 5}",
    "{\"id\": \"no text\"}",
    "{\"text\": \"bad \xff\"}",
    "{\"text\": \"ok\"} {\"text\": \"second\"}",
    "{\"text\": \"ok\"} 5",
    "{\"text\": \"cut",
    "[\"not\", \"an object\"]",
    "",
};

static uint64_t next_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

static size_t random_line(uint64_t *rng, char *line, size_t max)
{
    size_t n = 0;
    if (next_random(rng) % 4 != 0) {
        const char *r = records[next_random(rng) % (sizeof records / sizeof records[0])];
        n = strlen(r);
        memcpy(line, r, n);
        /* Now and then cut short or with a byte changed. */
        if (n > 0 && next_random(rng) % 8 == 0)
            n = next_random(rng) % n;
        if (n > 0 && next_random(rng) % 8 == 0)
            line[next_random(rng) % n] = (char)next_random(rng);
        return n;
    }
    size_t want = next_random(rng) % max;
    while (n < want) {
        const char *piece = pieces[next_random(rng) % (sizeof pieces / sizeof pieces[0])];
        size_t len = strlen(piece);
        if (n + len > max)
            break;
        memcpy(line + n, piece, len);
        n += len;
    }
    return n;
}

static void assert_bytes_equal(const bytes *a, const bytes *b)
{
    assert_int_equal(a->len, b->len);
    if (a->len > 0)
        assert_memory_equal(a->data, b->data, a->len);
}

/* Lines one after the other through one reader, each also through the
 * plain reading: the same result, fields, problem and message, for each
 * way of choosing the fields. */
static void test_stream_matches_plain(void **state)
{
    (void)state;
    static const jsonl_fields_spec specs[] = {
        {"text", "id", 0, NULL},
        {"text", "id", 1, NULL},
        {"text", "id", 1, "lang,x"},
        {"other", "text", 0, NULL},
    };
    uint64_t rng = 0x9E3779B97F4A7C15ULL;
    yajl_gen gen = yajl_gen_alloc(NULL);
    assert_non_null(gen);
    bytes scratch = {0};
    record_fields f = {0}, g = {0};
    size_t read_whole = 0;
    for (size_t k = 0; k < sizeof specs / sizeof specs[0]; k++) {
        jsonl_reader *reader = jsonl_reader_new();
        assert_non_null(reader);
        for (int round = 0; round < 20000; round++) {
            char line[200];
            size_t len = random_line(&rng, line, sizeof line);
            record_problem why = {NULL, ""}, plain_why = {NULL, ""};
            assert_true(record_fields_clear(&f) && record_fields_clear(&g));
            int ok = jsonl_read(reader, &specs[k], gen, &scratch, line, len, &f, &why);
            int plain_ok = jsonl_read_plain(&specs[k], gen, &scratch, line, len, &g, &plain_why);
            if (ok != plain_ok)
                fail_msg("'%.*s': %d, plain %d (%s)", (int)len, line, ok, plain_ok,
                         ok ? plain_why.message : why.message);
            if (!ok) {
                assert_string_equal(why.code, plain_why.code);
                assert_string_equal(why.message, plain_why.message);
            }
            read_whole += (size_t)ok;
            assert_bytes_equal(&f.text, &g.text);
            assert_bytes_equal(&f.id_json, &g.id_json);
            assert_bytes_equal(&f.id_text, &g.id_text);
            assert_bytes_equal(&f.kept, &g.kept);
            assert_ptr_equal(f.not_kept, g.not_kept);
        }
        jsonl_reader_free(reader);
    }
    /* Both ways were taken many times. */
    assert_true(read_whole > 10000);
    record_fields_free(&f);
    record_fields_free(&g);
    bytes_free(&scratch);
    yajl_gen_free(gen);
    jsonl_reader_free(NULL);
}

/* utf8_valid's definition: every code point read by utf8proc. */
static int plain_utf8_valid(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        size_t avail = len - i;
        utf8proc_ssize_t n = utf8proc_iterate(u + i, avail > 4 ? 4 : (utf8proc_ssize_t)avail, &cp);
        if (n <= 0)
            return 0;
        i += (size_t)n;
    }
    return 1;
}

/* utf8_valid, which skips ASCII in blocks up to the first byte past it,
 * says what its definition says of random text: runs of ASCII broken by
 * valid and invalid sequences, at every offset and length, with bytes
 * a byte past ASCII after the text (which it does not read). */
static void test_utf8_valid_random(void **state)
{
    (void)state;
    static const char *const bits[] = {"plain ascii", "x", " ", "\xc3\xa9", "\xe2\x80\x99",
                                       "\xf0\x9f\x98\x80", "\xff", "\xc3", "\xed\xa0\x80",
                                       "\xc0\xaf", "\x80", "\x7f"};
    uint64_t seed = 5;
    char buf[8 + 15 * 11 + 1];
    for (int round = 0; round < 20000; round++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t off = (size_t)(seed >> 60) % 8, len = 0;
        size_t count = (size_t)(seed >> 33) % 16;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            /* mostly ASCII, a little past it, rarely invalid */
            uint64_t r = seed >> 33;
            const char *bit = bits[r % 8 < 5 ? r / 8 % 3 : r % 8 < 7 ? 3 + r / 8 % 3
                                                                    : 6 + r / 8 % 6];
            size_t n = strlen(bit);
            memcpy(buf + off + len, bit, n);
            len += n;
        }
        buf[off + len] = (char)0xff;
        assert_int_equal(utf8_valid(buf + off, len), plain_utf8_valid(buf + off, len));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stream_matches_plain),
        cmocka_unit_test(test_utf8_valid_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_output.c - white space folding, JSON strings, locale-free numbers
 * and the rendering of whole results in every format.
 */
#include "test_helpers.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "output.h"
#include "utf8.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))
/* A string literal and its length, embedded NUL bytes included. */
#define BYTES(s) s, sizeof(s) - 1
#define FFFD "\xef\xbf\xbd"

/* ------------------------------------------------------------------ */
/* A strict JSON validator (RFC 8259), so that rendered output can be
 * checked without a JSON library. */

typedef struct json_parser {
    const unsigned char *s;
    size_t len;
    size_t pos;
    int depth;
} json_parser;

/* The length of the valid UTF-8 sequence at s[0, len), or 0. */
static size_t utf8_sequence(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    size_t n;
    uint32_t cp, min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 1, cp = c & 0x1Fu, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 2, cp = c & 0x0Fu, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 3, cp = c & 0x07u, min = 0x10000;
    else
        return 0;
    if (len <= n)
        return 0;
    for (size_t k = 1; k <= n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n + 1;
}

static void json_space(json_parser *p)
{
    while (p->pos < p->len && strchr(" \t\n\r", p->s[p->pos]) != NULL && p->s[p->pos] != '\0')
        p->pos++;
}

static int json_peek(const json_parser *p)
{
    return p->pos < p->len ? p->s[p->pos] : -1;
}

static int json_hex4(json_parser *p, unsigned *out)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        int c = json_peek(p);
        if (c < 0)
            return 0;
        if (c >= '0' && c <= '9')
            v = v * 16 + (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v = v * 16 + (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v = v * 16 + (unsigned)(c - 'A' + 10);
        else
            return 0;
        p->pos++;
    }
    *out = v;
    return 1;
}

static int json_string(json_parser *p)
{
    if (json_peek(p) != '"')
        return 0;
    p->pos++;
    for (;;) {
        int c = json_peek(p);
        if (c < 0x20) /* end of input or a raw control character */
            return 0;
        if (c == '"') {
            p->pos++;
            return 1;
        }
        if (c == '\\') {
            p->pos++;
            c = json_peek(p);
            if (c < 0)
                return 0;
            p->pos++;
            if (c == 'u') {
                unsigned u;
                if (!json_hex4(p, &u) || (u >= 0xDC00 && u <= 0xDFFF))
                    return 0;
                if (u >= 0xD800 && u <= 0xDBFF) { /* needs its low surrogate */
                    unsigned low;
                    if (json_peek(p) != '\\')
                        return 0;
                    p->pos++;
                    if (json_peek(p) != 'u')
                        return 0;
                    p->pos++;
                    if (!json_hex4(p, &low) || low < 0xDC00 || low > 0xDFFF)
                        return 0;
                }
            } else if (strchr("\"\\/bfnrt", c) == NULL) {
                return 0;
            }
            continue;
        }
        size_t n = utf8_sequence(p->s + p->pos, p->len - p->pos);
        if (n == 0)
            return 0;
        p->pos += n;
    }
}

static int json_digits(json_parser *p)
{
    size_t start = p->pos;
    while (json_peek(p) >= '0' && json_peek(p) <= '9')
        p->pos++;
    return p->pos > start;
}

static int json_number(json_parser *p)
{
    if (json_peek(p) == '-')
        p->pos++;
    if (json_peek(p) == '0')
        p->pos++;
    else if (!(json_peek(p) >= '1' && json_peek(p) <= '9') || !json_digits(p))
        return 0;
    if (json_peek(p) == '.') {
        p->pos++;
        if (!json_digits(p))
            return 0;
    }
    if (json_peek(p) == 'e' || json_peek(p) == 'E') {
        p->pos++;
        if (json_peek(p) == '+' || json_peek(p) == '-')
            p->pos++;
        if (!json_digits(p))
            return 0;
    }
    return 1;
}

static int json_literal(json_parser *p, const char *word)
{
    size_t n = strlen(word);
    if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
        return 0;
    p->pos += n;
    return 1;
}

static int json_value(json_parser *p);

static int json_members(json_parser *p, int object)
{
    int close = object ? '}' : ']';
    p->pos++;
    json_space(p);
    if (json_peek(p) == close) {
        p->pos++;
        return 1;
    }
    for (;;) {
        if (object) {
            if (!json_string(p))
                return 0;
            json_space(p);
            if (json_peek(p) != ':')
                return 0;
            p->pos++;
            json_space(p);
        }
        if (!json_value(p))
            return 0;
        json_space(p);
        if (json_peek(p) == close) {
            p->pos++;
            return 1;
        }
        if (json_peek(p) != ',')
            return 0;
        p->pos++;
        json_space(p);
    }
}

static int json_value(json_parser *p)
{
    int ok;
    if (++p->depth > 64)
        return 0;
    switch (json_peek(p)) {
    case '{':
        ok = json_members(p, 1);
        break;
    case '[':
        ok = json_members(p, 0);
        break;
    case '"':
        ok = json_string(p);
        break;
    case 't':
        ok = json_literal(p, "true");
        break;
    case 'f':
        ok = json_literal(p, "false");
        break;
    case 'n':
        ok = json_literal(p, "null");
        break;
    default:
        ok = json_number(p);
        break;
    }
    p->depth--;
    return ok;
}

/* Whether text[0, len) is exactly one JSON value with white space around. */
static int json_valid(const char *text, size_t len)
{
    json_parser p = {(const unsigned char *)text, len, 0, 0};
    json_space(&p);
    if (!json_value(&p))
        return 0;
    json_space(&p);
    return p.pos == len;
}

/* The validator itself must reject, or passing it would mean nothing. */
static void test_validator(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t len;
        int valid;
    } cases[] = {
        {BYTES("{\"a\": [1, -2.5e3, 0.081200, true, false, null, \"x\\u00e9\"]}\n"), 1},
        {BYTES("[]"), 1},
        {BYTES("\"\\ud83d\\ude00\""), 1},
        {BYTES("\"caf\xc3\xa9\""), 1},
        {BYTES("{\"a\": 1,}"), 0},
        {BYTES("[1 2]"), 0},
        {BYTES("\"tab\there\""), 0},
        {BYTES("\"nul\0\""), 0},
        {BYTES("\"bad \\x\""), 0},
        {BYTES("\"\xff\""), 0},
        {BYTES("\"\xed\xa0\x80\""), 0},
        {BYTES("\"\\ud800\""), 0},
        {BYTES("01"), 0},
        {BYTES("1."), 0},
        {BYTES("\"open"), 0},
        {BYTES("{} {}"), 0},
        {BYTES(""), 0},
    };
    for (size_t i = 0; i < NELEMS(cases); i++) {
        if (json_valid(cases[i].text, cases[i].len) != cases[i].valid)
            print_error("validator wrong on case %zu\n", i);
        assert_int_equal(json_valid(cases[i].text, cases[i].len), cases[i].valid);
    }
}

/* ------------------------------------------------------------------ */
/* Byte-level writers */

typedef struct bytes_case {
    const char *in;
    size_t in_len;
    const char *out;
    size_t out_len;
} bytes_case;

static void assert_buffer(const precis_buffer *buf, const char *expected, size_t len)
{
    if (buf->len != len || memcmp(buf->data, expected, len) != 0) {
        print_error("want [%.*s] (%zu bytes)\n got [%.*s] (%zu bytes)\n", (int)len, expected, len,
                    (int)buf->len, buf->data, buf->len);
        fail();
    }
    assert_int_equal(buf->data[buf->len], '\0');
}

static void test_fold(void **state)
{
    (void)state;
    static const bytes_case cases[] = {
        {BYTES(""), BYTES("")},
        {BYTES("plain"), BYTES("plain")},
        {BYTES("a  b"), BYTES("a b")},
        {BYTES("a\t\n b"), BYTES("a b")},
        {BYTES("a\r\n\r\nb"), BYTES("a b")},
        {BYTES("a\v\fb"), BYTES("a b")},
        {BYTES("a\xc2\xa0" "b"), BYTES("a b")},                   /* NBSP */
        {BYTES("a\xe3\x80\x80" "b"), BYTES("a b")},               /* U+3000 */
        {BYTES("a \xc2\xa0\t\xe3\x80\x80 b"), BYTES("a b")},      /* a mixed run */
        {BYTES("a\xe2\x80\xa8\xc2\x85" "b"), BYTES("a b")},       /* LS and NEL */
        {BYTES("a\xe2\x80\x8b" "b"), BYTES("a\xe2\x80\x8b" "b")}, /* ZWSP is no space */
        {BYTES(" a "), BYTES(" a ")},
        {BYTES("\t\t"), BYTES(" ")},
        {BYTES("a \xff  b"), BYTES("a \xff b")}, /* invalid bytes stay */
        {BYTES("\xff\xfe\xc3"), BYTES("\xff\xfe\xc3")},
        {BYTES("\xe4\xb8\n\n\xad"), BYTES("\xe4\xb8 \xad")},
        {BYTES("a\0b"), BYTES("a\0b")},
        {BYTES("\xc3\xa9  \xe4\xb8\xad\xc2\xa0\xf0\x9f\x98\x80"),
         BYTES("\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80")},
        /* Longer than eight bytes (copied eight at a time where nothing
         * changes): runs of white space inside, across and at the edges
         * of those eight, control characters, other bytes. */
        {BYTES("The quick brown fox jumps over the lazy dog."),
         BYTES("The quick brown fox jumps over the lazy dog.")},
        {BYTES("abcdefg  hijklmno\tpqrstuvw x  \n yz0123456789"),
         BYTES("abcdefg hijklmno pqrstuvw x yz0123456789")},
        {BYTES("abcdefgh        ijklmnop"), BYTES("abcdefgh ijklmnop")},
        {BYTES("abcdefg\t abcdefg \x7f\x01" "bcdefgh\xc3\xa9" "xxxxxxx\xc2\xa0 yyyyyyyy"),
         BYTES("abcdefg abcdefg \x7f\x01" "bcdefgh\xc3\xa9" "xxxxxxx yyyyyyyy")},
    };
    for (size_t i = 0; i < NELEMS(cases); i++) {
        precis_buffer buf = {0};
        precis_buf_folded(&buf, cases[i].in, 0, cases[i].in_len);
        assert_int_equal(buf.error, PRECIS_OK);
        if (cases[i].out_len == 0)
            assert_int_equal(buf.len, 0);
        else
            assert_buffer(&buf, cases[i].out, cases[i].out_len);
        precis_buf_release(&buf);
    }
}

/* Only text[start, end) is written, after what the buffer holds. */
static void test_fold_range(void **state)
{
    (void)state;
    const char *text = "skip  me\tfold   this\n\ntext  skip";
    precis_buffer buf = {0};
    precis_buf_puts(&buf, "> ");
    assert_int_equal(buf.error, PRECIS_OK);
    precis_buf_folded(&buf, text, 9, 26);
    assert_int_equal(buf.error, PRECIS_OK);
    assert_buffer(&buf, BYTES("> fold this text"));
    /* len = 0 reuses the memory. */
    buf.len = 0;
    precis_buf_folded(&buf, text, 0, 8);
    assert_int_equal(buf.error, PRECIS_OK);
    assert_buffer(&buf, BYTES("skip me"));
    precis_buf_release(&buf);
    precis_buf_release(&buf);
    assert_null(buf.data);
    precis_buffer_free(NULL);
}

typedef struct json_case {
    const char *in;
    size_t in_len;
    int fold;
    const char *out;
    size_t out_len;
} json_case;

static const json_case json_cases[] = {
    {BYTES(""), 0, BYTES("\"\"")},
    {BYTES("plain text"), 0, BYTES("\"plain text\"")},
    {BYTES("say \"hi\""), 0, BYTES("\"say \\\"hi\\\"\"")},
    {BYTES("back\\slash"), 0, BYTES("\"back\\\\slash\"")},
    {BYTES("a/b"), 0, BYTES("\"a/b\"")},
    {BYTES("\n\t\r\b\f"), 0, BYTES("\"\\n\\t\\r\\b\\f\"")},
    {BYTES("\x01\x1f\x7f"), 0, BYTES("\"\\u0001\\u001f\x7f\"")},
    {BYTES("\0"), 0, BYTES("\"\\u0000\"")},
    {BYTES("a\xe2\x80\xa8" "b\xe2\x80\xa9" "c"), 0, BYTES("\"a\\u2028b\\u2029c\"")},
    /* Non-ASCII stays raw. */
    {BYTES("caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80"), 0,
     BYTES("\"caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80\"")},
    {BYTES(FFFD), 0, BYTES("\"" FFFD "\"")},
    /* Invalid UTF-8: one U+FFFD per byte that does not decode. */
    {BYTES("\xff"), 0, BYTES("\"" FFFD "\"")},
    {BYTES("\x80"), 0, BYTES("\"" FFFD "\"")},
    {BYTES("a\xe4\xb8"), 0, BYTES("\"a" FFFD FFFD "\"")},
    {BYTES("\xe4\xb8z"), 0, BYTES("\"" FFFD FFFD "z\"")},
    {BYTES("\xc0\xaf"), 0, BYTES("\"" FFFD FFFD "\"")},
    {BYTES("\xe0\x80\xaf"), 0, BYTES("\"" FFFD FFFD FFFD "\"")},
    {BYTES("\xed\xa0\x80"), 0, BYTES("\"" FFFD FFFD FFFD "\"")},
    {BYTES("\xf4\x90\x80\x80"), 0, BYTES("\"" FFFD FFFD FFFD FFFD "\"")},
    {BYTES("ok\xff\"\xfe"), 0, BYTES("\"ok" FFFD "\\\"" FFFD "\"")},
    /* Without folding white space is kept (escaped where it must be). */
    {BYTES("a  b"), 0, BYTES("\"a  b\"")},
    {BYTES("a\tb\xc2\xa0" "c"), 0, BYTES("\"a\\tb\xc2\xa0" "c\"")},
    /* With folding every white space run is one space. */
    {BYTES("a \t\n b"), 1, BYTES("\"a b\"")},
    {BYTES("a\xc2\xa0\xe3\x80\x80" "b"), 1, BYTES("\"a b\"")},
    {BYTES("a\xe2\x80\xa8" "b"), 1, BYTES("\"a b\"")},
    {BYTES("  x  "), 1, BYTES("\" x \"")},
    {BYTES("a\x01" "b"), 1, BYTES("\"a\\u0001b\"")},
    {BYTES("a  \"b\""), 1, BYTES("\"a \\\"b\\\"\"")},
    {BYTES("\xff \n\xff"), 1, BYTES("\"" FFFD " " FFFD "\"")},
    {BYTES("x\r\n\r\ny"), 1, BYTES("\"x y\"")},
};

static void test_json_string(void **state)
{
    (void)state;
    size_t failures = 0;
    for (size_t i = 0; i < NELEMS(json_cases); i++) {
        const json_case *c = &json_cases[i];
        precis_buffer buf = {0};
        precis_buf_json_string(&buf, c->in, c->in_len, c->fold);
        assert_int_equal(buf.error, PRECIS_OK);
        if (buf.len != c->out_len || memcmp(buf.data, c->out, c->out_len) != 0) {
            print_error("case %zu: want [%.*s], got [%.*s]\n", i, (int)c->out_len, c->out,
                        (int)buf.len, buf.data);
            failures++;
        }
        if (!json_valid(buf.data, buf.len)) {
            print_error("case %zu: not valid JSON\n", i);
            failures++;
        }
        precis_buf_release(&buf);
    }
    assert_int_equal(failures, 0);
}

/* Every control character: the five short forms, \u00XX for the rest. */
static void test_json_control_characters(void **state)
{
    (void)state;
    for (unsigned c = 0; c < 0x20; c++) {
        char in[3] = {'<', (char)c, '>'};
        char expected[16];
        static const char controls[] = "\n\t\r\b\f";
        static const char *const short_forms[] = {"\\n", "\\t", "\\r", "\\b", "\\f"};
        const char *short_form = NULL;
        for (size_t k = 0; k < NELEMS(short_forms); k++)
            if ((unsigned char)controls[k] == c)
                short_form = short_forms[k];
        if (short_form != NULL)
            snprintf(expected, sizeof expected, "\"<%s>\"", short_form);
        else
            snprintf(expected, sizeof expected, "\"<\\u%04x>\"", c);
        precis_buffer buf = {0};
        precis_buf_json_string(&buf, in, 3, 0);
        assert_int_equal(buf.error, PRECIS_OK);
        assert_buffer(&buf, expected, strlen(expected));
        precis_buf_release(&buf);
    }
}

/* Arbitrary bytes always give valid JSON. */
static void test_json_random_bytes(void **state)
{
    (void)state;
    uint64_t seed = 2024;
    char in[64];
    precis_buffer buf = {0};
    for (int round = 0; round < 5000; round++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t len = (size_t)(seed >> 33) % sizeof in;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            in[i] = (char)(seed >> 56);
        }
        buf.len = 0;
        precis_buf_json_string(&buf, in, len, round & 1);
        assert_int_equal(buf.error, PRECIS_OK);
        if (!json_valid(buf.data, buf.len)) {
            print_error("round %d: not valid JSON: [%.*s]\n", round, (int)buf.len, buf.data);
            fail();
        }
    }
    precis_buf_release(&buf);
}

/* Folding a string is writing it unfolded with every run of white space
 * made one space: random strings of words, spaces, line breaks, tabs,
 * quotes, backslashes, a two-byte letter and an invalid byte. */
static void test_json_fold_random(void **state)
{
    (void)state;
    static const char *const pieces[] = {" ", " ", "\n", "\t", "a", "bc", "\"", "\\",
                                         "\xC3\xA9", "\xFF"};
    uint64_t seed = 18;
    char in[96], folded[96];
    precis_buffer got = {0}, want = {0};
    for (int round = 0; round < 20000; round++) {
        size_t len = 0, folded_len = 0;
        int in_space = 0;
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t count = (size_t)(seed >> 33) % 24;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            const char *piece = pieces[(seed >> 33) % NELEMS(pieces)];
            size_t piece_len = strlen(piece);
            memcpy(in + len, piece, piece_len);
            len += piece_len;
            int space = piece[0] == ' ' || piece[0] == '\n' || piece[0] == '\t';
            if (space && !in_space)
                folded[folded_len++] = ' ';
            if (!space) {
                memcpy(folded + folded_len, piece, piece_len);
                folded_len += piece_len;
            }
            in_space = space;
        }
        got.len = 0;
        want.len = 0;
        precis_buf_json_string(&got, in, len, 1);
        precis_buf_json_string(&want, folded, folded_len, 0);
        assert_int_equal(got.error, PRECIS_OK);
        assert_buffer(&got, want.data, want.len);
    }
    precis_buf_release(&got);
    precis_buf_release(&want);
}

/* Plain text, which is copied eight bytes at a time, with one thing that
 * is not plain at every offset: a quote, a backslash, a control
 * character, a line break, a two-byte letter, an invalid byte, a second
 * space; written as it is, escaped or replaced; and folded, as the same
 * text with its white space runs made one space beforehand. */
static void test_json_plain_runs(void **state)
{
    (void)state;
    static const char base[] = "The quick brown fox jumps over the lazy dog, again and again.";
    static const struct {
        const char *in, *out;
    } specials[] = {{"\"", "\\\""}, {"\\", "\\\\"}, {"\x01", "\\u0001"},
                    {"\n", "\\n"},  {"\xC3\xA9", "\xC3\xA9"}, {"\xFF", FFFD},
                    {" ", " "}};
    size_t base_len = strlen(base);
    char in[128], expected[160], folded[128];
    precis_buffer got = {0}, want = {0};
    for (size_t k = 0; k <= base_len; k++) {
        for (size_t s = 0; s < NELEMS(specials); s++) {
            size_t special_len = strlen(specials[s].in);
            memcpy(in, base, k);
            memcpy(in + k, specials[s].in, special_len);
            memcpy(in + k + special_len, base + k, base_len - k);
            size_t len = base_len + special_len;
            int n = snprintf(expected, sizeof expected, "\"%.*s%s%s\"", (int)k, base,
                             specials[s].out, base + k);
            assert_true(n > 0 && (size_t)n < sizeof expected);
            got.len = 0;
            precis_buf_json_string(&got, in, len, 0);
            assert_int_equal(got.error, PRECIS_OK);
            assert_buffer(&got, expected, (size_t)n);
            /* Folded: spaces and line breaks in runs made one space. */
            size_t folded_len = 0;
            for (size_t i = 0; i < len; i++) {
                int space = in[i] == ' ' || in[i] == '\n';
                if (space && folded_len > 0 && folded[folded_len - 1] == ' ')
                    continue;
                folded[folded_len++] = space ? ' ' : in[i];
            }
            got.len = 0;
            want.len = 0;
            precis_buf_json_string(&got, in, len, 1);
            precis_buf_json_string(&want, folded, folded_len, 0);
            assert_buffer(&got, want.data, want.len);
        }
    }
    precis_buf_release(&got);
    precis_buf_release(&want);
}

/* precis_buf_json_string's definition, one character at a time: the
 * reference for test_json_blocks_random. */
static void plain_json_string(precis_buffer *buf, const char *bytes, size_t len, int fold)
{
    precis_buf_append(buf, "\"", 1);
    int in_space = 0;
    for (size_t pos = 0; pos < len;) {
        size_t at = pos;
        int32_t cp = precis_utf8_next(bytes, len, &pos);
        if (fold && precis_is_space(cp)) {
            if (!in_space)
                precis_buf_append(buf, " ", 1);
            in_space = 1;
            continue;
        }
        in_space = 0;
        char esc[8];
        if (cp == PRECIS_REPLACEMENT_CHAR && pos - at == 1)
            precis_buf_append(buf, FFFD, 3);
        else if (cp == '"')
            precis_buf_append(buf, "\\\"", 2);
        else if (cp == '\\')
            precis_buf_append(buf, "\\\\", 2);
        else if (cp == '\n')
            precis_buf_append(buf, "\\n", 2);
        else if (cp == '\r')
            precis_buf_append(buf, "\\r", 2);
        else if (cp == '\t')
            precis_buf_append(buf, "\\t", 2);
        else if (cp == '\b')
            precis_buf_append(buf, "\\b", 2);
        else if (cp == '\f')
            precis_buf_append(buf, "\\f", 2);
        else if (cp < 0x20 || cp == 0x2028 || cp == 0x2029) {
            snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
            precis_buf_append(buf, esc, 6);
        } else {
            precis_buf_append(buf, bytes + at, pos - at);
        }
    }
    precis_buf_append(buf, "\"", 1);
}

/* Strings of long plain runs broken by every kind of byte the eight-byte
 * blocks stop at (quotes, backslashes, control characters, line breaks,
 * second spaces, letters past ASCII, invalid bytes, U+2028, a no-break
 * space), at random offsets, written as the definition writes them,
 * folded and not. */
static void test_json_blocks_random(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "plain text", "more words", "x", " ", "  ", "\"", "\\", "\x01", "\x1f", "\n", "\t",
        "\r\n", "\xC3\xA9", "\xFF", "\xE2\x80\xA8", "\xC2\xA0", "~", "\x7f"};
    uint64_t seed = 99;
    char in[256];
    precis_buffer got = {0}, want = {0};
    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t count = (size_t)(seed >> 33) % 30;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            /* mostly plain runs */
            size_t pick = (seed >> 40) % 4 != 0 ? (size_t)(seed >> 33) % 3
                                                 : (size_t)(seed >> 33) % NELEMS(pieces);
            size_t piece_len = strlen(pieces[pick]);
            if (len + piece_len > sizeof in)
                break;
            memcpy(in + len, pieces[pick], piece_len);
            len += piece_len;
        }
        for (int fold = 0; fold < 2; fold++) {
            got.len = 0;
            want.len = 0;
            precis_buf_json_string(&got, in, len, fold);
            plain_json_string(&want, in, len, fold);
            assert_int_equal(got.error, PRECIS_OK);
            assert_buffer(&got, want.data, want.len);
        }
    }
    precis_buf_release(&got);
    precis_buf_release(&want);
}

#if defined(PRECIS_JSON_STOPS16)
/* The sixteen-byte test of a JSON string's bytes gives, bit for bit, the
 * bytes past ASCII, below ' ', '"' and '\\', and the spaces, of random
 * blocks of every byte value (mostly near those), at every offset. */
static void test_json_stops16_random(void **state)
{
    (void)state;
    static const unsigned char near[] = {0x00, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b,
                                         0x5c, 0x5d, 0x7e, 0x7f, 0x80, 0xa0, 0xff};
    uint64_t seed = 16;
    char buf[32];
    for (int round = 0; round < 100000; round++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t off = (size_t)(seed >> 60) % 16;
        unsigned want = 0, want_spaces = 0;
        for (int i = 0; i < 16; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            uint32_t r = (uint32_t)(seed >> 33);
            unsigned char c = r % 2 ? near[r / 2 % sizeof near] : (unsigned char)(r >> 8);
            buf[off + (size_t)i] = (char)c;
            want |= (unsigned)(c < 0x20 || c >= 0x80 || c == '"' || c == '\\') << i;
            want_spaces |= (unsigned)(c == ' ') << i;
        }
        unsigned spaces = 0;
        assert_int_equal(precis_json_stops16(buf + off, &spaces), want);
        assert_int_equal(spaces, want_spaces);
    }
}
#endif

/* ------------------------------------------------------------------ */
/* Numbers */

typedef struct fixed_case {
    double value;
    int decimals;
    const char *expected;
} fixed_case;

static const fixed_case fixed_cases[] = {
    {0.0812, 6, "0.081200"},
    {0.1234564, 6, "0.123456"},
    {0.1234566, 6, "0.123457"},
    {0.9999994, 6, "0.999999"},
    {0.9999996, 6, "1.000000"}, /* the carry reaches the integer part */
    {1.0, 6, "1.000000"},
    {0.0, 6, "0.000000"},
    {-0.0, 6, "0.000000"},
    {12.5, 6, "12.500000"},
    {-0.25, 6, "-0.250000"},
    {-0.0000001, 6, "0.000000"}, /* rounds to zero: no "-0" */
    {-0.0000006, 6, "-0.000001"},
    {123.456, 2, "123.46"},
    {0.5, 1, "0.5"},
    {1234567.0, 3, "1234567.000"},
    {2.5, 0, "3"},
    {-7.4, 0, "-7"},
    {NAN, 6, "0.000000"},
    {INFINITY, 6, "0.000000"},
    {-INFINITY, 6, "0.000000"},
};

static void check_fixed_cases(void)
{
    size_t failures = 0;
    for (size_t i = 0; i < NELEMS(fixed_cases); i++) {
        precis_buffer buf = {0};
        precis_buf_fixed(&buf, fixed_cases[i].value, fixed_cases[i].decimals);
        assert_int_equal(buf.error, PRECIS_OK);
        if (strcmp(buf.data, fixed_cases[i].expected) != 0) {
            print_error("%.17g with %d decimals: want %s, got %s\n", fixed_cases[i].value,
                        fixed_cases[i].decimals, fixed_cases[i].expected, buf.data);
            failures++;
        }
        precis_buf_release(&buf);
    }
    assert_int_equal(failures, 0);
}

static void test_fixed(void **state)
{
    (void)state;
    check_fixed_cases();
    precis_buffer buf = {0};
    precis_buf_fixed(&buf, 0.5, 18);
    assert_int_equal(buf.error, PRECIS_OK);
    assert_string_equal(buf.data, "0.500000000000000000");
    /* 10^19 would not fit the integer arithmetic. */
    precis_buf_fixed(&buf, 0.5, 19);
    assert_int_equal(buf.error, PRECIS_ERR_ARGUMENT);
    precis_buf_fixed(&buf, 0.5, -1);
    assert_int_equal(buf.error, PRECIS_ERR_ARGUMENT);
    assert_string_equal(buf.data, "0.500000000000000000");
    precis_buf_release(&buf);
}

static void test_size(void **state)
{
    (void)state;
    precis_buffer buf = {0};
    precis_buf_size(&buf, 0);
    assert_int_equal(buf.error, PRECIS_OK);
    precis_buf_puts(&buf, " ");
    assert_int_equal(buf.error, PRECIS_OK);
    precis_buf_size(&buf, 1234567);
    assert_int_equal(buf.error, PRECIS_OK);
    precis_buf_puts(&buf, " ");
    assert_int_equal(buf.error, PRECIS_OK);
    precis_buf_size(&buf, SIZE_MAX);
    assert_int_equal(buf.error, PRECIS_OK);
    char expected[64];
    snprintf(expected, sizeof expected, "0 1234567 %zu", (size_t)SIZE_MAX);
    assert_string_equal(buf.data, expected);
    precis_buf_release(&buf);
}

/* A locale whose decimal separator is a comma, or NULL when the system
 * has none installed. */
static const char *comma_locale(void)
{
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8",
                                        "fr_FR.utf8",  "fr_FR",      "nl_NL.UTF-8",
                                        "it_IT.UTF-8", "es_ES.UTF-8", "ru_RU.UTF-8",
                                        "pt_BR.UTF-8"};
    for (size_t i = 0; i < NELEMS(names); i++) {
        if (setlocale(LC_NUMERIC, names[i]) != NULL &&
            strcmp(localeconv()->decimal_point, ",") == 0)
            return names[i];
    }
    setlocale(LC_NUMERIC, "C");
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Whole results */

/* Three sentences, the first two with the same terms and the third with
 * none of theirs. By symmetry the two share one score a and the third has
 * b, with b = 0.85 b / 3 + 0.15 / 3 (it only receives dangling mass and
 * the jump), so b = 3/43 = 0.069767 and a = 20/43 = 0.465116. */
static const char tiny[] = "Cats chase \"mice\". Cats\tchase\n mice. Birds sing.";

/* -n 3: the second sentence repeats the first word for word, so it is left
 * out as a near-duplicate. */
static const char tiny_text[] = "Cats chase \"mice\".\n"
                                "Birds sing.\n";

static const char tiny_json[] =
    "{\n"
    "  \"file\": \"doc.txt\",\n"
    "  \"lang\": \"en\",\n"
    "  \"n_sentences\": 3,\n"
    "  \"summary\": [\n"
    "    {\"index\": 0, \"start\": 0, \"length\": 18, \"score\": 0.465116, "
    "\"text\": \"Cats chase \\\"mice\\\".\"},\n"
    "    {\"index\": 2, \"start\": 37, \"length\": 11, \"score\": 0.069767, "
    "\"text\": \"Birds sing.\"}\n"
    "  ]\n"
    "}\n";

static const char tiny_jsonl[] =
    "{\"file\": \"doc.txt\", \"lang\": \"en\", \"n_sentences\": 3, \"summary\": ["
    "{\"index\": 0, \"start\": 0, \"length\": 18, \"score\": 0.465116, "
    "\"text\": \"Cats chase \\\"mice\\\".\"}, "
    "{\"index\": 2, \"start\": 37, \"length\": 11, \"score\": 0.069767, "
    "\"text\": \"Birds sing.\"}]}\n";

/* The first sentence alone (-n 1): tied with the second, it is earlier. */
static const char tiny_one_jsonl[] =
    "{\"lang\": \"en\", \"n_sentences\": 3, \"summary\": ["
    "{\"index\": 0, \"start\": 0, \"length\": 18, \"score\": 0.465116, "
    "\"text\": \"Cats chase \\\"mice\\\".\"}]}\n";

/* split: the exact sentences, not folded. */
static const char tiny_split_json[] = "[\n"
                                      "  \"Cats chase \\\"mice\\\".\",\n"
                                      "  \"Cats\\tchase\\n mice.\",\n"
                                      "  \"Birds sing.\"\n"
                                      "]\n";

static const char tiny_split_jsonl[] =
    "[\"Cats chase \\\"mice\\\".\", \"Cats\\tchase\\n mice.\", \"Birds sing.\"]\n";

static precis_result *summarize(const char *text, size_t len, size_t n_sentences, int split)
{
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_language(ctx, "en"), PRECIS_OK);
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, (double)n_sentences),
                     PRECIS_OK);
    /* The expected renderings carry TextRank's scores. */
    assert_int_equal(precis_ctx_set_algorithm(ctx, PRECIS_ALGORITHM_TEXTRANK), PRECIS_OK);
    precis_result *res = NULL;
    if (split)
        assert_int_equal(precis_split(ctx, text, len, &res), PRECIS_OK);
    else
        assert_int_equal(precis_summarize(ctx, text, len, &res), PRECIS_OK);
    precis_ctx_free(ctx);
    assert_non_null(res);
    return res;
}

static void assert_render(const precis_result *res, const char *text, size_t len,
                          precis_format format, const char *name, const char *expected)
{
    precis_buffer buf = {0};
    assert_int_equal(precis_render(res, text, len, format, name, &buf), PRECIS_OK);
    if (expected[0] == '\0')
        assert_int_equal(buf.len, 0);
    else
        assert_buffer(&buf, expected, strlen(expected));
    if (format != PRECIS_FORMAT_TEXT)
        assert_true(json_valid(buf.data, buf.len));
    precis_buf_release(&buf);
}

static void test_render_summary(void **state)
{
    (void)state;
    size_t len = sizeof tiny - 1;
    precis_result *res = summarize(tiny, len, 3, 0);
    assert_render(res, tiny, len, PRECIS_FORMAT_TEXT, "doc.txt", tiny_text);
    assert_render(res, tiny, len, PRECIS_FORMAT_JSON, "doc.txt", tiny_json);
    assert_render(res, tiny, len, PRECIS_FORMAT_JSONL, "doc.txt", tiny_jsonl);
    precis_result_free(res);

    res = summarize(tiny, len, 1, 0);
    assert_render(res, tiny, len, PRECIS_FORMAT_TEXT, NULL, "Cats chase \"mice\".\n");
    assert_render(res, tiny, len, PRECIS_FORMAT_JSONL, NULL, tiny_one_jsonl);
    precis_result_free(res);
}

static void test_render_split(void **state)
{
    (void)state;
    size_t len = sizeof tiny - 1;
    precis_result *res = summarize(tiny, len, 1, 1);
    /* Every sentence, duplicates included, folded in text. */
    assert_render(res, tiny, len, PRECIS_FORMAT_TEXT, "doc.txt",
                  "Cats chase \"mice\".\nCats chase mice.\nBirds sing.\n");
    assert_render(res, tiny, len, PRECIS_FORMAT_JSON, "doc.txt", tiny_split_json);
    assert_render(res, tiny, len, PRECIS_FORMAT_JSONL, NULL, tiny_split_jsonl);
    precis_result_free(res);
}

static void test_render_empty(void **state)
{
    (void)state;
    static const char *const inputs[] = {"", "  \n\t \n"};
    for (size_t i = 0; i < NELEMS(inputs); i++) {
        const char *text = inputs[i];
        precis_result *res = summarize(text, strlen(text), 3, 0);
        assert_render(res, text, strlen(text), PRECIS_FORMAT_TEXT, NULL, "");
        assert_render(res, text, strlen(text), PRECIS_FORMAT_JSON, NULL,
                      "{\n  \"lang\": \"en\",\n  \"n_sentences\": 0,\n  \"summary\": []\n}\n");
        assert_render(res, text, strlen(text), PRECIS_FORMAT_JSONL, "-",
                      "{\"file\": \"-\", \"lang\": \"en\", \"n_sentences\": 0, \"summary\": []}\n");
        precis_result_free(res);
        res = summarize(text, strlen(text), 3, 1);
        assert_render(res, text, strlen(text), PRECIS_FORMAT_TEXT, NULL, "");
        assert_render(res, text, strlen(text), PRECIS_FORMAT_JSON, NULL, "[]\n");
        assert_render(res, text, strlen(text), PRECIS_FORMAT_JSONL, NULL, "[]\n");
        precis_result_free(res);
    }
    /* No input at all. */
    precis_result *res = summarize(NULL, 0, 3, 0);
    assert_render(res, NULL, 0, PRECIS_FORMAT_JSONL, NULL,
                  "{\"lang\": \"en\", \"n_sentences\": 0, \"summary\": []}\n");
    precis_result_free(res);
}

/* The file name is a JSON string like any other. */
static void test_render_name(void **state)
{
    (void)state;
    const char *text = "Only one sentence here.";
    precis_result *res = summarize(text, strlen(text), 3, 0);
    assert_render(res, text, strlen(text), PRECIS_FORMAT_JSONL, "dir\\a \"b\"\t\xff.txt",
                  "{\"file\": \"dir\\\\a \\\"b\\\"\\t" FFFD ".txt\", \"lang\": \"en\", "
                  "\"n_sentences\": 1, \"summary\": [{\"index\": 0, \"start\": 0, "
                  "\"length\": 23, \"score\": 1.000000, \"text\": \"Only one sentence "
                  "here.\"}]}\n");
    precis_result_free(res);
}

/* A result rendered against the wrong input is refused, and the buffer
 * keeps exactly what it held. */
static void test_render_range_check(void **state)
{
    (void)state;
    size_t len = sizeof tiny - 1;
    precis_result *results[] = {summarize(tiny, len, 3, 0), summarize(tiny, len, 3, 1)};
    static const precis_format formats[] = {PRECIS_FORMAT_TEXT, PRECIS_FORMAT_JSON,
                                            PRECIS_FORMAT_JSONL};
    for (size_t r = 0; r < NELEMS(results); r++) {
        for (size_t f = 0; f < NELEMS(formats); f++) {
            precis_buffer buf = {0};
            precis_buf_puts(&buf, "keep");
            assert_int_equal(buf.error, PRECIS_OK);
            /* One byte short, and short enough to lose a whole sentence. */
            assert_int_equal(precis_render(results[r], tiny, len - 1, formats[f], NULL, &buf),
                             PRECIS_ERR_ARGUMENT);
            assert_int_equal(precis_render(results[r], tiny, 36, formats[f], NULL, &buf),
                             PRECIS_ERR_ARGUMENT);
            assert_int_equal(precis_render(results[r], NULL, 0, formats[f], NULL, &buf),
                             PRECIS_ERR_ARGUMENT);
            assert_int_equal(precis_render(results[r], NULL, len, formats[f], NULL, &buf),
                             PRECIS_ERR_ARGUMENT);
            assert_buffer(&buf, BYTES("keep"));
            /* The right length works. */
            assert_int_equal(precis_render(results[r], tiny, len, formats[f], NULL, &buf),
                             PRECIS_OK);
            assert_true(buf.len > 4);
            precis_buf_release(&buf);
        }
        precis_buffer buf = {0};
        precis_buf_puts(&buf, "keep");
        assert_int_equal(buf.error, PRECIS_OK);
        assert_int_equal(precis_render(results[r], tiny, len, (precis_format)42, NULL, &buf),
                         PRECIS_ERR_ARGUMENT);
        assert_int_equal(precis_render(NULL, tiny, len, PRECIS_FORMAT_TEXT, NULL, &buf),
                         PRECIS_ERR_ARGUMENT);
        assert_int_equal(precis_render(results[r], tiny, len, PRECIS_FORMAT_TEXT, NULL, NULL),
                         PRECIS_ERR_ARGUMENT);
        assert_buffer(&buf, BYTES("keep"));
        precis_buf_release(&buf);
        precis_result_free(results[r]);
    }
}

/* Awkward input still renders as valid JSON, one object per result, and
 * text output keeps the input's bytes. */
static void test_render_awkward_input(void **state)
{
    (void)state;
    static const char text[] = "Caf\xe9 prices rose \"sharply\" today.\n\n"
                               "The caf\xe9 owners\x01 blamed \\ taxes.\r\n"
                               "Prices\xe2\x80\xa8rose again \xe4\xb8\xad\xe6\x96\x87 in town.\t"
                               "Nobody \xed\xa0\x80 expected prices to rise.";
    size_t len = sizeof text - 1;
    precis_result *res = summarize(text, len, 4, 0);
    size_t n = precis_result_sentence_count(res);
    assert_true(n >= 4);
    assert_int_equal(precis_result_summary_count(res), 4);
    char n_field[32];
    snprintf(n_field, sizeof n_field, "\"n_sentences\": %zu", n);
    static const precis_format formats[] = {PRECIS_FORMAT_JSON, PRECIS_FORMAT_JSONL};
    for (size_t f = 0; f < NELEMS(formats); f++) {
        precis_buffer buf = {0};
        assert_int_equal(precis_render(res, text, len, formats[f], "x.txt", &buf), PRECIS_OK);
        assert_true(json_valid(buf.data, buf.len));
        size_t objects = 0;
        for (const char *p = buf.data; (p = strstr(p, "{\"index\": ")) != NULL; p++)
            objects++;
        assert_int_equal(objects, 4);
        assert_non_null(strstr(buf.data, n_field));
        assert_non_null(strstr(buf.data, "Caf" FFFD " prices"));
        assert_null(strchr(buf.data, '\x01'));
        /* JSONL is one line. */
        if (formats[f] == PRECIS_FORMAT_JSONL)
            assert_ptr_equal(strchr(buf.data, '\n'), buf.data + buf.len - 1);
        precis_buf_release(&buf);
    }
    precis_buffer buf = {0};
    assert_int_equal(precis_render(res, text, len, PRECIS_FORMAT_TEXT, NULL, &buf), PRECIS_OK);
    assert_non_null(strstr(buf.data, "Caf\xe9 prices"));
    assert_non_null(strstr(buf.data, "Prices rose again"));
    precis_buf_release(&buf);
    precis_result_free(res);

    res = summarize(text, len, 1, 1);
    buf = (precis_buffer){0};
    assert_int_equal(precis_render(res, text, len, PRECIS_FORMAT_JSON, NULL, &buf), PRECIS_OK);
    assert_true(json_valid(buf.data, buf.len));
    precis_buf_release(&buf);
    precis_result_free(res);
}

/* Numbers print with a '.' whatever LC_NUMERIC says. */
static void test_locale_independent(void **state)
{
    (void)state;
    const char *name = comma_locale();
    assert_non_null(name); /* main checked */
    /* The C library really formats with a comma now. */
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 0.5);
    assert_string_equal(probe, "0,5");
    check_fixed_cases();
    size_t len = sizeof tiny - 1;
    precis_result *res = summarize(tiny, len, 3, 0);
    assert_render(res, tiny, len, PRECIS_FORMAT_JSON, "doc.txt", tiny_json);
    precis_result_free(res);
    setlocale(LC_NUMERIC, "C");
}

/* Exit status that meson reports as a skipped test. */
#define EXIT_SKIPPED 77

/* usage: test_output          every test but the locale one
 *        test_output locale   the locale test alone: skipped (status 77)
 *                             when no comma-decimal locale is installed */
int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "locale") == 0) {
        if (comma_locale() == NULL) {
            fprintf(stderr, "no comma-decimal locale is installed (see scripts/install-deps)\n");
            return EXIT_SKIPPED;
        }
        setlocale(LC_NUMERIC, "C");
        const struct CMUnitTest locale_tests[] = {
            cmocka_unit_test(test_locale_independent),
        };
        return cmocka_run_group_tests(locale_tests, NULL, NULL);
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_validator),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_fold_range),
        cmocka_unit_test(test_json_string),
        cmocka_unit_test(test_json_plain_runs),
        cmocka_unit_test(test_json_control_characters),
        cmocka_unit_test(test_json_random_bytes),
        cmocka_unit_test(test_json_fold_random),
        cmocka_unit_test(test_json_blocks_random),
#if defined(PRECIS_JSON_STOPS16)
        cmocka_unit_test(test_json_stops16_random),
#endif
        cmocka_unit_test(test_fixed),
        cmocka_unit_test(test_size),
        cmocka_unit_test(test_render_summary),
        cmocka_unit_test(test_render_split),
        cmocka_unit_test(test_render_empty),
        cmocka_unit_test(test_render_name),
        cmocka_unit_test(test_render_range_check),
        cmocka_unit_test(test_render_awkward_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

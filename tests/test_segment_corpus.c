/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_segment_corpus.c - the sentence boundary corpus: tests/segment/CODE.txt
 * holds cases for language CODE, each a text and the sentences it must
 * split into.
 *
 * File format: '#' lines are comments; a case is a line "< TEXT" followed
 * by one line "= SENTENCE" per expected sentence (none for a text without
 * sentences). In TEXT and SENTENCE, \n \r \t \\ and \uXXXX are escapes.
 *
 * usage: test_segment_corpus FILE...   (the file names give the languages)
 */
#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "segment.h"
#include "utf8.h"

#define MAX_LINE 4096
#define MAX_EXPECTED 32

static int file_count;
static char **file_paths;

/* Decodes the escapes of src[0, len) into out (at least len + 1 bytes,
 * since every escape is at least as long as what it stands for). Returns
 * the decoded length. */
static size_t unescape(const char *src, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (src[i] != '\\' || i + 1 >= len) {
            out[n++] = src[i];
            continue;
        }
        char c = src[++i];
        if (c == 'n') {
            out[n++] = '\n';
        } else if (c == 'r') {
            out[n++] = '\r';
        } else if (c == 't') {
            out[n++] = '\t';
        } else if (c == 'u' && i + 4 < len) {
            char hex[5] = {src[i + 1], src[i + 2], src[i + 3], src[i + 4], 0};
            n += precis_utf8_encode((int32_t)strtol(hex, NULL, 16), out + n);
            i += 4;
        } else {
            out[n++] = c;
        }
    }
    out[n] = '\0';
    return n;
}

typedef struct corpus_case {
    char *text;
    size_t text_len;
    char *expected[MAX_EXPECTED];
    size_t expected_len[MAX_EXPECTED];
    size_t n_expected;
    int line; /* of the '<' line */
} corpus_case;

static void case_clear(corpus_case *c)
{
    free(c->text);
    for (size_t i = 0; i < c->n_expected; i++)
        free(c->expected[i]);
    memset(c, 0, sizeof *c);
}

static char *decoded_copy(const char *src, size_t *len)
{
    size_t raw = strlen(src);
    char *out = malloc(raw + 1);
    assert_non_null(out);
    *len = unescape(src, raw, out);
    return out;
}

/* Splits the case's text and compares; prints the difference and returns
 * 0 on a mismatch. */
static int check_case(precis_segmenter *seg, int lang, const char *path, const corpus_case *c)
{
    assert_int_equal(precis_segment(seg, c->text, c->text_len, lang), PRECIS_OK);
    int ok = seg->count == c->n_expected;
    for (size_t i = 0; ok && i < c->n_expected; i++) {
        size_t len = seg->spans[i].end - seg->spans[i].start;
        ok = len == c->expected_len[i] &&
             memcmp(c->text + seg->spans[i].start, c->expected[i], len) == 0;
    }
    if (!ok) {
        print_error("%s:%d: [%s]\n", path, c->line, c->text);
        for (size_t i = 0; i < c->n_expected; i++)
            print_error("  want [%s]\n", c->expected[i]);
        for (size_t i = 0; i < seg->count; i++)
            print_error("  got  [%.*s]\n", (int)(seg->spans[i].end - seg->spans[i].start),
                        c->text + seg->spans[i].start);
    }
    return ok;
}

/* Runs every case of one file; adds to *cases and *failures. */
static void run_file(const char *path, size_t *cases, size_t *failures)
{
    const char *base = strrchr(path, '/');
    base = base != NULL ? base + 1 : path;
    char code[8] = {0};
    size_t code_len = strcspn(base, ".");
    assert_true(code_len > 0 && code_len < sizeof code);
    memcpy(code, base, code_len);
    int lang = precis_lang_find(code);
    if (lang < 0)
        print_error("%s: no language '%s'\n", path, code);
    assert_true(lang >= 0);

    FILE *f = fopen(path, "r");
    if (f == NULL)
        print_error("cannot open %s\n", path);
    assert_non_null(f);
    precis_segmenter seg = {0};
    corpus_case c = {0};
    int have_case = 0, line_no = 0;
    char line[MAX_LINE];
    while (fgets(line, sizeof line, f) != NULL) {
        line_no++;
        size_t len = strlen(line);
        assert_true(len + 1 < sizeof line || line[len - 1] == '\n');
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (line[0] == '<') {
            if (have_case) {
                *failures += !check_case(&seg, lang, path, &c);
                (*cases)++;
                case_clear(&c);
            }
            c.text = decoded_copy(line[1] == ' ' ? line + 2 : line + 1, &c.text_len);
            c.line = line_no;
            have_case = 1;
        } else if (line[0] == '=') {
            assert_true(have_case && c.n_expected < MAX_EXPECTED);
            c.expected[c.n_expected] =
                decoded_copy(line[1] == ' ' ? line + 2 : line + 1, &c.expected_len[c.n_expected]);
            c.n_expected++;
        } else if (line[0] != '#' && line[0] != '\0') {
            print_error("%s:%d: a line must start with '<', '=' or '#'\n", path, line_no);
            fail();
        }
    }
    if (have_case) {
        *failures += !check_case(&seg, lang, path, &c);
        (*cases)++;
    }
    case_clear(&c);
    fclose(f);
    precis_segmenter_free(&seg);
}

static void test_corpus(void **state)
{
    (void)state;
    size_t cases = 0, failures = 0;
    for (int i = 0; i < file_count; i++)
        run_file(file_paths[i], &cases, &failures);
    print_message("%zu cases in %d languages, %zu failed\n", cases, file_count, failures);
    assert_int_equal(failures, 0);
    assert_true(cases >= 300);
}

int main(int argc, char **argv)
{
    file_count = argc - 1;
    file_paths = argv + 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

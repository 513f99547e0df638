/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_read_markdown.c - the Markdown reader on documents written for it
 * (tests/data/markdown): prose kept, code, tables, HTML, badges and link
 * lists dropped, headings as blocks, the title, entities, encodings,
 * sniffing, and the map: every word's range of the input holds exactly
 * that word.
 *
 * usage: test_read_markdown DATA_DIR         the unit tests
 *        test_read_markdown --hostile CASE   one hostile document (meson
 *                                            gives each its own process
 *                                            and timeout)
 */
#define _POSIX_C_SOURCE 200809L

#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "read_markdown.h"

static const char *data_dir = ".";

typedef test_file doc;

static doc load(const char *name)
{
    return test_load_file(data_dir, name);
}

static void read_doc(precis_markdown *md, precis_reading *rd, const char *in, size_t len)
{
    assert_int_equal(precis_read_markdown(md, rd, in, len, NULL, 0), PRECIS_OK);
    assert_int_equal(strlen(rd->text), rd->len);
}

static int has(const precis_reading *rd, const char *needle)
{
    return strstr(rd->text, needle) != NULL;
}

/* Every word of the clean text maps to a range of the input that is that
 * word, apart from units (decoded entities), whose range is the reference
 * that made them ("&mdash;"). in is UTF-8 here. */
static void check_words_map(const precis_reading *rd, const char *in, size_t len)
{
    size_t pos = 0;
    while (pos < rd->len) {
        while (pos < rd->len && (rd->text[pos] == ' ' || rd->text[pos] == '\n'))
            pos++;
        size_t end = pos;
        while (end < rd->len && rd->text[end] != ' ' && rd->text[end] != '\n')
            end++;
        if (end == pos)
            break;
        size_t s, e;
        precis_reading_input_range(rd, pos, end, &s, &e);
        assert_true(s < e && e <= len);
        int verbatim = e - s == end - pos && memcmp(in + s, rd->text + pos, end - pos) == 0;
        if (!verbatim && memchr(in + s, '&', e - s) == NULL)
            fail_msg("word '%.*s' maps to '%.*s'", (int)(end - pos), rd->text + pos,
                     (int)(e - s), in + s);
        pos = end;
    }
}

static void test_readme(void **state)
{
    (void)state;
    doc d = load("readme.md");
    precis_markdown *md;
    assert_int_equal(precis_markdown_new(&md), PRECIS_OK);
    precis_reading rd = {0};
    read_doc(md, &rd, d.data, d.len);
    assert_string_equal(rd.title, "fastcsv");
    /* prose, emphasis and code spans reduced to their text, entities decoded */
    assert_true(has(&rd, "fastcsv is a streaming CSV parser that reads gigabytes per second"));
    assert_true(has(&rd, "with cargo add fastcsv and enable the serde\nfeature") ||
                has(&rd, "with cargo add fastcsv and enable the serde feature"));
    assert_true(has(&rd, "sixteen bytes at a time \xe2\x80\x94 narrow files"));
    assert_true(has(&rd, "Fields are returned as borrowed slices of the input buffer."));
    assert_true(has(&rd, "Note: the 1.0 release changed the error type"));
    /* not text: badges, code, tables, HTML, link lists, definitions */
    assert_false(has(&rd, "Build Status"));
    assert_false(has(&rd, "badge"));
    assert_false(has(&rd, "use fastcsv"));
    assert_false(has(&rd, "Reader::from_path"));
    assert_false(has(&rd, "Throughput"));
    assert_false(has(&rd, "GB/s"));
    assert_false(has(&rd, "fastcsv-bench"));
    assert_false(has(&rd, "logo"));
    assert_false(has(&rd, "Usage"));
    assert_false(has(&rd, "docs.example.org"));
    assert_false(has(&rd, "**"));
    assert_false(has(&rd, "`"));
    assert_false(has(&rd, "#"));
    /* headings are blocks of their own */
    assert_true(rd.block_count >= 6);
    assert_int_equal(rd.blocks[0].kind, PRECIS_BLOCK_HEADING);
    assert_memory_equal(rd.text + rd.blocks[0].start, "fastcsv", 7);
    assert_int_equal(rd.blocks[0].end - rd.blocks[0].start, 7);
    assert_int_equal(rd.blocks[1].kind, PRECIS_BLOCK_TEXT);
    size_t headings = 0;
    for (size_t i = 0; i < rd.block_count; i++)
        headings += rd.blocks[i].kind == PRECIS_BLOCK_HEADING;
    assert_int_equal(headings, 4); /* fastcsv, Contents, Installation, Benchmarks */
    check_words_map(&rd, d.data, d.len);
    precis_reading_free(&rd);
    precis_markdown_free(md);
    free(d.data);
}

static void test_front_matter(void **state)
{
    (void)state;
    doc d = load("front.md");
    precis_markdown *md;
    assert_int_equal(precis_markdown_new(&md), PRECIS_OK);
    precis_reading rd = {0};
    read_doc(md, &rd, d.data, d.len);
    assert_string_equal(rd.title, "Migrating to version 2");
    assert_false(has(&rd, "author"));
    assert_false(has(&rd, "Jane"));
    assert_true(strncmp(rd.text, "Version 2 replaces the global configuration", 43) == 0);
    check_words_map(&rd, d.data, d.len);

    static const char toml[] = "+++\ntitle = 'Release notes'\ndate = 2024-01-02\n+++\n\n"
                               "# Changes\n\nThe cache is now shared between threads.\n";
    read_doc(md, &rd, toml, sizeof toml - 1);
    assert_string_equal(rd.title, "Release notes");
    assert_false(has(&rd, "date"));
    assert_true(has(&rd, "Changes\n\nThe cache is now shared between threads."));

    /* an opening "---" that never closes is a thematic break, not front matter */
    static const char open[] = "---\n\nA paragraph after a rule.\n";
    read_doc(md, &rd, open, sizeof open - 1);
    assert_string_equal(rd.text, "A paragraph after a rule.");
    assert_string_equal(rd.title, "");
    precis_reading_free(&rd);
    precis_markdown_free(md);
    free(d.data);
}

static void test_entities_and_nul(void **state)
{
    (void)state;
    precis_markdown *md;
    assert_int_equal(precis_markdown_new(&md), PRECIS_OK);
    precis_reading rd = {0};
    static const char in[] = "Fish &amp; chips &#233;t&#xE9; &nosuch; &#0; x\0y.\n";
    read_doc(md, &rd, in, sizeof in - 1);
    assert_string_equal(rd.text, "Fish & chips \xc3\xa9t\xc3\xa9 &nosuch; \xef\xbf\xbd "
                                 "x\xef\xbf\xbdy.");
    size_t s, e;
    precis_reading_input_range(&rd, 5, 6, &s, &e); /* "&" */
    assert_int_equal(s, 5);
    assert_int_equal(e, 10);
    precis_reading_free(&rd);
    precis_markdown_free(md);
}

static void test_lists_and_links(void **state)
{
    (void)state;
    precis_markdown *md;
    assert_int_equal(precis_markdown_new(&md), PRECIS_OK);
    precis_reading rd = {0};
    static const char in[] =
        "Intro line.\n\n"
        "1. The first step copies the files.\n"
        "2. The second step [checks them](https://example.org) against the list.\n"
        "   - A nested item explains the check.\n\n"
        "[Home](/) | [Blog](/blog) | [About](/about)\n\n"
        "* [x] Done task with prose.\n\n"
        "See <https://example.org> for more.\n";
    read_doc(md, &rd, in, sizeof in - 1);
    assert_string_equal(rd.text, "Intro line.\n\n"
                                 "The first step copies the files.\n\n"
                                 "The second step checks them against the list.\n\n"
                                 "A nested item explains the check.\n\n"
                                 "Done task with prose.\n\n"
                                 "See https://example.org for more.");
    check_words_map(&rd, in, sizeof in - 1);
    precis_reading_free(&rd);
    precis_markdown_free(md);
}

static void test_encodings(void **state)
{
    (void)state;
    precis_markdown *md;
    assert_int_equal(precis_markdown_new(&md), PRECIS_OK);
    precis_reading rd = {0};
    /* "# Caf\xe9\n\nIl \xe9tait l\xe0.\n" in UTF-16LE with its byte order mark */
    static const char utf8[] = "# Caf\xc3\xa9\n\nIl \xc3\xa9tait l\xc3\xa0.\n";
    char utf16[128];
    size_t n = 0;
    utf16[n++] = (char)0xFF;
    utf16[n++] = (char)0xFE;
    for (size_t i = 0; i < sizeof utf8 - 1;) {
        unsigned char c = (unsigned char)utf8[i];
        unsigned cp = c;
        if (c >= 0xC0) {
            cp = ((c & 0x1Fu) << 6) | ((unsigned char)utf8[i + 1] & 0x3Fu);
            i += 2;
        } else {
            i++;
        }
        utf16[n++] = (char)(cp & 0xFF);
        utf16[n++] = (char)(cp >> 8);
    }
    read_doc(md, &rd, utf16, n);
    assert_string_equal(rd.title, "Caf\xc3\xa9");
    assert_string_equal(rd.text, "Caf\xc3\xa9\n\nIl \xc3\xa9tait l\xc3\xa0.");
    size_t s, e;
    precis_reading_input_range(&rd, 7, rd.len, &s, &e); /* "Il ... ." */
    assert_int_equal(s, 2 + 2 * 8);
    assert_int_equal(e, n - 2);

    /* windows-1252 as the caller says */
    static const char cp1252[] = "## Na\xefve\n\nA caf\xe9 sentence.\n";
    assert_int_equal(precis_read_markdown(md, &rd, cp1252, sizeof cp1252 - 1, "windows-1252", 1),
                     PRECIS_OK);
    assert_string_equal(rd.text, "Na\xc3\xafve\n\nA caf\xc3\xa9 sentence.");
    assert_int_equal(precis_read_markdown(md, &rd, cp1252, sizeof cp1252 - 1, "no-such-code", 1),
                     PRECIS_ERR_ARGUMENT);
    precis_reading_free(&rd);
    precis_markdown_free(md);
}

static void test_sniffing(void **state)
{
    (void)state;
    doc readme = load("readme.md"), front = load("front.md");
    assert_true(precis_looks_like_markdown(readme.data, readme.len));
    assert_true(precis_looks_like_markdown(front.data, front.len));
    static const char *const markdown[] = {
        "# Title\n\nSome text with a [link](https://example.org).\n",
        "Title\n=====\n\nText with **strong** words.\n",
        "## One\n\ntext\n\n## Two\n\ntext\n",
        "Intro.\n\n```\ncode\n```\n\nRun `make` first.\n",
    };
    for (size_t i = 0; i < sizeof markdown / sizeof markdown[0]; i++)
        assert_true(precis_looks_like_markdown(markdown[i], strlen(markdown[i])));
    static const char *const text[] = {
        "",
        "A plain story. It has two sentences.\n",
        "# a lone comment line\n\nThen prose follows.\n",
        "Shopping list:\n- eggs\n- milk\n* bread\n",
        "Price: 5 * 3 = 15, and [1] is a reference.\n",
    };
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        assert_false(precis_looks_like_markdown(text[i], strlen(text[i])));
    assert_false(precis_looks_like_markdown(NULL, 0));
    /* Links and emphasis are looked for eight bytes at a time: at every
     * offset of a line, after bytes past ASCII too. */
    for (size_t shift = 0; shift < 9; shift++) {
        char line[200];
        snprintf(line, sizeof line, "# Title\n\n%.*s caf\xc3\xa9 with **strong** words\n",
                 (int)shift, "abcdefghi");
        assert_true(precis_looks_like_markdown(line, strlen(line)));
        snprintf(line, sizeof line, "# Title\n\n%.*s caf\xc3\xa9 with a [link](x)\n",
                 (int)shift, "abcdefghi");
        assert_true(precis_looks_like_markdown(line, strlen(line)));
        snprintf(line, sizeof line, "# Title\n\n%.*s caf\xc3\xa9 with * and ] alone\n",
                 (int)shift, "abcdefghi");
        assert_false(precis_looks_like_markdown(line, strlen(line)));
    }
    free(readme.data);
    free(front.data);
}

/* A reader reused reads every document as a fresh one would. */
static void test_reuse(void **state)
{
    (void)state;
    doc d = load("readme.md");
    precis_markdown *md, *fresh;
    assert_int_equal(precis_markdown_new(&md), PRECIS_OK);
    assert_int_equal(precis_markdown_new(&fresh), PRECIS_OK);
    precis_reading rd = {0}, again = {0};
    read_doc(md, &rd, d.data, d.len);
    read_doc(md, &rd, "```\nunclosed code", 17);
    assert_int_equal(rd.len, 0);
    read_doc(md, &rd, d.data, d.len);
    read_doc(fresh, &again, d.data, d.len);
    assert_string_equal(rd.text, again.text);
    assert_string_equal(rd.title, again.title);
    precis_reading_free(&rd);
    precis_reading_free(&again);
    precis_markdown_free(md);
    precis_markdown_free(fresh);
    free(d.data);
}

/* ---- hostile documents ------------------------------------------------ */

#define PROSE "\n\nA paragraph of prose in a hostile document, long enough to be kept.\n"
#define MB ((size_t)1 << 20)

/* Builds hostile document `name`; returns 0 for an unknown name. */
static int hostile_doc(const char *name, test_bytes *b)
{
    if (strcmp(name, "table_10mb") == 0) {
        test_bytes_repeat(b, "| a | b | c |\n|---|---|---|\n", 1);
        while (b->len < 10 * MB)
            test_bytes_repeat(b, "| cell one | cell two | cell three |\n", 1);
        test_bytes_repeat(b, PROSE, 1);
    } else if (strcmp(name, "quotes_100k") == 0) {
        test_bytes_repeat(b, "> ", 100000);
        test_bytes_repeat(b, "A quotation nested a hundred thousand deep.", 1);
        test_bytes_repeat(b, PROSE, 1);
    } else if (strcmp(name, "lists_100k") == 0) {
        for (size_t i = 0; i < 100000; i++) {
            test_bytes_repeat(b, " ", i % 64 * 2);
            test_bytes_repeat(b, "- item\n", 1);
        }
        test_bytes_repeat(b, PROSE, 1);
    } else if (strcmp(name, "brackets_1m") == 0) {
        test_bytes_repeat(b, "[", 1000000);
        test_bytes_repeat(b, "](", 1000000);
        test_bytes_repeat(b, PROSE, 1);
    } else if (strcmp(name, "emphasis_10mb") == 0) {
        while (b->len < 10 * MB)
            test_bytes_repeat(b, "*a **b _c `d ", 1);
        test_bytes_repeat(b, PROSE, 1);
    } else if (strcmp(name, "fences_1m") == 0) {
        test_bytes_repeat(b, PROSE, 1);
        test_bytes_repeat(b, "```\n", 1000000);
    } else if (strcmp(name, "entities_10mb") == 0) {
        while (b->len < 10 * MB)
            test_bytes_repeat(b, "&amp;&#x41;&nosuch;&#99999999;& ", 1);
        test_bytes_repeat(b, PROSE, 1);
    } else {
        return 0;
    }
    return 1;
}

#define HOSTILE_PEAK_RSS (1024 * MB)

static int run_hostile(const char *name)
{
    test_bytes b = {NULL, 0, 0};
    if (!hostile_doc(name, &b)) {
        fprintf(stderr, "no hostile document %s\n", name);
        return 2;
    }
    precis_markdown *md = NULL;
    precis_reading rd = {0};
    if (precis_markdown_new(&md) != PRECIS_OK)
        return 1;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    precis_status st = precis_read_markdown(md, &rd, b.data, b.len, NULL, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    size_t peak = (size_t)usage.ru_maxrss * 1024;
    printf("%-14s %9zu bytes -> %9zu clean bytes, %s, %.2f s, peak RSS %zu MB\n", name, b.len,
           rd.len, precis_status_str(st),
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, peak / MB);
    /* The prose is read (inside the quotation, or after the code fence
     * that the fences case opens); never a crash. */
    int ok = st == PRECIS_OK && rd.text != NULL &&
             strstr(rd.text, "A paragraph of prose in a hostile document") != NULL;
    if (strcmp(name, "table_10mb") == 0)
        ok = ok && strstr(rd.text, "cell") == NULL;
    ok = ok && peak < HOSTILE_PEAK_RSS;
    precis_reading_free(&rd);
    precis_markdown_free(md);
    free(b.data);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--hostile") == 0)
        return run_hostile(argv[2]);
    if (argc == 2)
        data_dir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_readme),
        cmocka_unit_test(test_front_matter),
        cmocka_unit_test(test_entities_and_nul),
        cmocka_unit_test(test_lists_and_links),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_sniffing),
        cmocka_unit_test(test_reuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

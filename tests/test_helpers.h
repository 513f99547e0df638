/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_helpers.h - what the unit tests share: a tolerance assert for
 * doubles (cmocka 1.1.5 has none), sentences through the public API, a
 * file loader and a growing byte buffer for hostile inputs.
 */
#ifndef PRECIS_TEST_HELPERS_H
#define PRECIS_TEST_HELPERS_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "precis.h"

#define assert_double_near(expected, actual, tolerance)                                      \
    do {                                                                                     \
        double e_ = (expected), a_ = (actual), t_ = (tolerance);                             \
        if (!(fabs(e_ - a_) <= t_)) {                                                        \
            print_error("%.17g != %.17g (tolerance %g)\n", e_, a_, t_);                      \
            fail();                                                                          \
        }                                                                                    \
    } while (0)

/* The sentences of a small result, copied through the public API. */
#define TEST_MAX_SENTENCES 256
typedef struct sentence_list {
    size_t count;
    precis_sentence s[TEST_MAX_SENTENCES];
} sentence_list;

/* Every sentence of res, or with summary set the chosen ones. */
static inline sentence_list test_sentences(const precis_result *res, int summary)
{
    sentence_list list;
    list.count = summary ? precis_result_summary_count(res) : precis_result_sentence_count(res);
    assert_true(list.count <= TEST_MAX_SENTENCES);
    for (size_t i = 0; i < list.count; i++)
        assert_int_equal(summary ? precis_result_summary(res, i, &list.s[i], sizeof list.s[i])
                                 : precis_result_sentence(res, i, &list.s[i], sizeof list.s[i]),
                         PRECIS_OK);
    return list;
}

/* Sentence i of res (or the i-th chosen one, with summary set). */
static inline precis_sentence test_sentence(const precis_result *res, size_t i, int summary)
{
    precis_sentence s;
    assert_int_equal(summary ? precis_result_summary(res, i, &s, sizeof s)
                             : precis_result_sentence(res, i, &s, sizeof s),
                     PRECIS_OK);
    return s;
}

/* A new empty rendering buffer. */
static inline precis_buffer *test_buffer(void)
{
    precis_buffer *buf = NULL;
    assert_int_equal(precis_buffer_new(&buf), PRECIS_OK);
    return buf;
}

/* The bytes of the file dir/name, read whole; the caller frees data. */
typedef struct test_file {
    char *data;
    size_t len;
} test_file;

static inline test_file test_load_file(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    test_file t = {NULL, 0};
    size_t cap = 0;
    for (;;) {
        if (t.len == cap) {
            cap = cap ? 2 * cap : 4096;
            t.data = realloc(t.data, cap);
            assert_non_null(t.data);
        }
        size_t got = fread(t.data + t.len, 1, cap - t.len, f);
        if (got == 0)
            break;
        t.len += got;
    }
    fclose(f);
    return t;
}

/* A growing byte buffer, for the hostile inputs that tests build. */
typedef struct test_bytes {
    char *data;
    size_t len, cap;
} test_bytes;

static inline void test_bytes_add(test_bytes *b, const char *s, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = 2 * (b->len + n);
        b->data = realloc(b->data, b->cap);
        if (b->data == NULL)
            abort();
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

static inline void test_bytes_puts(test_bytes *b, const char *s)
{
    test_bytes_add(b, s, strlen(s));
}

static inline void test_bytes_repeat(test_bytes *b, const char *s, size_t times)
{
    for (size_t i = 0; i < times; i++)
        test_bytes_puts(b, s);
}

#endif

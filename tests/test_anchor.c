/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_anchor.c - the anchor filter: the skipping scan against a plain
 * search for every anchor's window at every offset, and its promise (a
 * phrase found the way the checks find it holds its anchor) on random
 * text; the anchor each phrase gets; filters that are off or empty.
 */
#include "test_helpers.h"

#include <string.h>

#include "anchor.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Where the first anchor's window in s[0, len) starts, its letters in
 * either case, len when none is there: the definition that
 * precis_anchors_find and precis_anchors_may_hold skip through. */
static size_t first_window(const precis_anchors *a, const char *s, size_t len)
{
    for (size_t at = 0; at + a->window <= len; at++)
        for (size_t k = 0; k < a->count; k++) {
            size_t i = 0;
            while (i < a->window &&
                   lower((unsigned char)s[at + i]) == (unsigned char)(a->prefix[k] >> 8 * i))
                i++;
            if (i == a->window)
                return at;
        }
    return len;
}

static int is_white(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Whether the phrase p is at s[at...] as the checks read it: letters in
 * either case, a grave accent for an apostrophe, a run of white space for
 * a space. */
static int phrase_at(const char *s, size_t len, size_t at, const char *p)
{
    size_t i = at;
    for (; *p != '\0'; p++) {
        if (i >= len)
            return 0;
        unsigned char c = (unsigned char)s[i];
        if (*p == ' ') {
            if (!is_white(c))
                return 0;
            while (i < len && is_white((unsigned char)s[i]))
                i++;
            continue;
        }
        if (lower(c) != (unsigned char)*p && !(c == '`' && *p == '\''))
            return 0;
        i++;
    }
    return 1;
}

/* The window bytes w as the filter holds them. */
static uint64_t window_of(const char *w)
{
    uint64_t v = 0;
    for (size_t k = 0; w[k] != '\0'; k++)
        v |= (uint64_t)(unsigned char)w[k] << 8 * k;
    return v;
}

static void test_anchors_chosen(void **state)
{
    (void)state;
    precis_anchors a;
    precis_anchors_start(&a);
    /* The longest run without white space or an apostrophe. */
    assert_int_equal(precis_anchors_add(&a, "all rights reserved", 19), 1);
    assert_int_equal(precis_anchors_add(&a, "editor's note", 13), 1);
    assert_int_equal(precis_anchors_add(&a, "(avec afp)", 10), 1);
    /* Another script: no anchor, as ASCII text cannot hold it. */
    assert_int_equal(precis_anchors_add(&a, "\xd0\xb2\xd1\x81\xd0\xb5 \xd0\xbf", 7), 0);
    precis_anchors_finish(&a);
    assert_int_equal(a.count, 3);
    assert_int_equal(a.window, 5); /* "(avec" */
    assert_true(a.prefix[0] == window_of("reser"));
    assert_true(a.prefix[1] == window_of("edito"));
    assert_true(a.prefix[2] == window_of("(avec"));
    static const char yes[] = "Text (c) 2015 ALL RIGHTS RESERVED";
    static const char no[] = "All rights are reserved for later, see the editors note";
    assert_int_equal(precis_anchors_may_hold(&a, yes, sizeof yes - 1), 1);
    assert_int_equal(precis_anchors_may_hold(&a, no, sizeof no - 1), 1); /* "reser" */
    assert_int_equal(precis_anchors_may_hold(&a, no, 19), 0);
    /* Phrases whose anchors it holds, and one whose anchor it does not,
     * or is shorter than its window. */
    assert_int_equal(precis_anchors_cover(&a, "some rights reserved", 20), 1);
    assert_int_equal(precis_anchors_cover(&a, "editorial note", 14), 1); /* "edito" */
    assert_int_equal(precis_anchors_cover(&a, "edition note", 12), 0);
    assert_int_equal(precis_anchors_cover(&a, "tous droits", 11), 0);
    assert_int_equal(precis_anchors_cover(&a, "afp", 3), 0);
    /* Shorter than the window, and the window at either end. */
    assert_int_equal(precis_anchors_may_hold(&a, "rese", 4), 0);
    assert_int_equal(precis_anchors_may_hold(&a, "reSer", 5), 1);
    assert_int_equal(precis_anchors_may_hold(&a, "xx(AVEC", 7), 1);
}

static void test_filters_off_and_empty(void **state)
{
    (void)state;
    precis_anchors a;
    /* No phrase: no text holds one. */
    precis_anchors_start(&a);
    precis_anchors_finish(&a);
    assert_int_equal(precis_anchors_may_hold(&a, "all rights reserved", 19), 0);
    /* Phrases of another script only: ASCII text holds none. */
    precis_anchors_start(&a);
    assert_int_equal(precis_anchors_add(&a, "\xc2\xa9", 2), 0);
    precis_anchors_finish(&a);
    assert_int_equal(precis_anchors_may_hold(&a, "(c) 2015", 8), 0);
    /* An anchor shorter than the least window: off, every text may. */
    precis_anchors_start(&a);
    precis_anchors_add(&a, "all rights reserved", 19);
    precis_anchors_add(&a, "a.b c'd", 7);
    precis_anchors_finish(&a);
    assert_int_equal(a.window, 0);
    assert_int_equal(precis_anchors_may_hold(&a, "nothing", 7), 1);
    assert_int_equal(precis_anchors_may_hold(&a, "", 0), 1);
    assert_int_equal(precis_anchors_cover(&a, "anything", 8), 1);
    /* More anchors than it holds: off. */
    precis_anchors_start(&a);
    for (size_t k = 0; k <= PRECIS_ANCHOR_MAX; k++) {
        char phrase[16];
        int n = snprintf(phrase, sizeof phrase, "phrase%03zu", k);
        assert_int_equal(precis_anchors_add(&a, phrase, (size_t)n), 1);
    }
    precis_anchors_finish(&a);
    assert_int_equal(a.window, 0);
    assert_int_equal(precis_anchors_may_hold(&a, "nothing", 7), 1);
}

/* Random phrases and texts made of their pieces, in either case, with
 * runs of white space, grave accents and bytes past ASCII: the scan says
 * what the plain search says, and a phrase the checks would find is
 * always a maybe. */
static void test_against_plain_search(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "all", "rights", "reserved", "RESERVED", "Reserv", "contributed", "to", "this",
        "report", "scroll", "down", "for", "video", "material", "published", "(avec", "afp)",
        "editor's", "editor`s", "note", "re", "served", "ser", "ved", "ll", "ts", "x", "\xc3\xa9",
        "\xe2\x80\x9c", "tous", "droits", "r\xc3\xa9serv\xc3\xa9s", "a", "the",
    };
    static const char *const gaps[] = {" ", " ", "  ", "\t", "\n ", "", "-", ","};
    uint32_t seed = 15;
    size_t answers[2] = {0, 0};
    for (int round = 0; round < 3000; round++) {
        precis_anchors a;
        precis_anchors_start(&a);
        char phrases[4][64];
        int anchored[4];
        seed = seed * 1664525u + 1013904223u;
        size_t phrase_count = 1 + (seed >> 16) % 4;
        for (size_t k = 0; k < phrase_count; k++) {
            size_t n = 0;
            seed = seed * 1664525u + 1013904223u;
            size_t words = 1 + (seed >> 16) % 3;
            for (size_t w = 0; w < words; w++) {
                seed = seed * 1664525u + 1013904223u;
                const char *piece = pieces[(seed >> 8) % NELEMS(pieces)];
                n += (size_t)snprintf(phrases[k] + n, sizeof phrases[k] - n, "%s%s",
                                      w > 0 ? " " : "", piece);
            }
            for (size_t i = 0; i < n; i++)
                phrases[k][i] = (char)lower((unsigned char)phrases[k][i]);
            anchored[k] = precis_anchors_add(&a, phrases[k], n);
        }
        precis_anchors_finish(&a);
        char text[400];
        size_t len = 0;
        seed = seed * 1664525u + 1013904223u;
        size_t words = (seed >> 16) % 30;
        for (size_t w = 0; w < words; w++) {
            seed = seed * 1664525u + 1013904223u;
            const char *piece = pieces[(seed >> 8) % NELEMS(pieces)];
            const char *gap = w > 0 ? gaps[(seed >> 20) % NELEMS(gaps)] : "";
            len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", gap, piece);
        }
        /* Some letters in capitals. */
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1664525u + 1013904223u;
            if ((seed >> 28) == 0 && text[i] >= 'a' && text[i] <= 'z')
                text[i] = (char)(text[i] - 'a' + 'A');
        }
        int maybe = precis_anchors_may_hold(&a, text, len);
        answers[maybe]++;
        if (a.window != 0 && maybe != (first_window(&a, text, len) < len))
            fail_msg("scan %d against plain search: %.*s", maybe, (int)len, text);
        /* Each window found in turn, as the plain search finds it. */
        for (size_t from = 0; a.window != 0 && from <= len; from++) {
            size_t at = precis_anchors_find(&a, text + from, len - from);
            if (at != first_window(&a, text + from, len - from))
                fail_msg("window found at %zu, not %zu: %.*s", at,
                         first_window(&a, text + from, len - from), (int)(len - from),
                         text + from);
        }
        if (a.window == 0 && !maybe)
            fail_msg("a filter that is off said no: %.*s", (int)len, text);
        /* A phrase without an anchor is only in text past ASCII. */
        for (size_t k = 0; k < phrase_count; k++)
            for (size_t at = 0; anchored[k] && at < len; at++)
                if (phrase_at(text, len, at, phrases[k]) && !maybe)
                    fail_msg("\"%s\" is in %.*s", phrases[k], (int)len, text);
    }
    /* Both answers, often. */
    assert_true(answers[0] > 500 && answers[1] > 500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_anchors_chosen),
        cmocka_unit_test(test_filters_off_and_empty),
        cmocka_unit_test(test_against_plain_search),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_prior.c - candidates: boilerplate, headings, positions.
 */
#include "test_helpers.h"

#include <string.h>

#include "lang.h"
#include "prior.h"
#include "segment.h"
#include "tokenize.h"

static size_t count_words(const char *s)
{
    size_t words = 0;
    int in_word = 0;
    for (; *s != '\0'; s++) {
        int space = *s == ' ' || *s == '\t' || *s == '\n';
        words += (size_t)(!space && !in_word);
        in_word = !space;
    }
    return words;
}

static int boilerplate(const char *s)
{
    return precis_is_boilerplate(s, 0, strlen(s), count_words(s));
}

static void test_boilerplate_lines(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "Scroll down for video",
        "Scroll down for video .",
        "Share this",
        "Share on Facebook",
        "By . Daily Mail Reporter .",
        "Daily Mail Reporter .",
        "By Jane Smith and John Doe",
        "By Associated Press",
        "PUBLISHED: . 12:21 EST, 2 April 2013 .",
        "UPDATED: 13:02 EST, 2 April 2013",
        "Last updated at 4:15 PM on 3rd April 2013",
        "CNN's Steve Almasy contributed to this report.",
        "Editor's Note: CNN Marketplace Africa covers the macro trends impacting the region "
        "and also focuses on the continent's key industries and corporations.",
        "Follow @CNNPhotos on Twitter to join the conversation about photography.",
        "You can follow him on Facebook and Twitter.",
        "Click here to read the full story.",
        "\xc2\xa9" "2015 The Hollywood Reporter. All rights reserved.",
        "LONDON, England (Reuters) --",
        "WASHINGTON \xe2\x80\x94",
        "Lire aussi : le budget de la ville",
        "| . Read more: the story behind the picture",
    };
    for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
        if (!boilerplate(lines[k]))
            fail_msg("not taken for boilerplate: %s", lines[k]);
    }
}

static void test_content_lines(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "By Monday, prices had fallen sharply.",
        "By then the river had burst its banks.",
        "The share of voters who turned out fell.",
        "Follow the money, the detective said.",
        "He shares this view with many economists.",
        "Copyright law changed in 2019.",
        "The video was shared widely on Monday.",
        "Prices rose 3 per cent in London.",
        "The committee met on Tuesday to review the budget.",
        "Readers can sign the petition online until Friday, the council said in a long "
        "statement that also listed the venues where it will hold its meetings.",
    };
    for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
        if (boilerplate(lines[k]))
            fail_msg("taken for boilerplate: %s", lines[k]);
    }
}

/* Splits and tokenizes text, then builds the prior. */
typedef struct fixture {
    precis_segmenter seg;
    precis_tokens tok;
    precis_prior prior;
} fixture;

static void build(fixture *f, const char *text, int keep_headings)
{
    int lang = precis_lang_find("en");
    assert_int_equal(precis_segment(&f->seg, text, strlen(text), lang), PRECIS_OK);
    assert_int_equal(precis_tokenize(&f->tok, text, f->seg.spans, f->seg.count, lang, NULL),
                     PRECIS_OK);
    assert_int_equal(precis_prior_build(&f->prior, text, &f->seg, &f->tok, lang, keep_headings),
                     PRECIS_OK);
}

static void release(fixture *f)
{
    precis_segmenter_free(&f->seg);
    precis_tokens_free(&f->tok);
    precis_prior_free(&f->prior);
}

static const char headline_story[] =
    "River floods the old town\n\n"
    "By Jane Smith\n\n"
    "The river flooded the old town after three days of rain. "
    "Rescue teams moved families to the school.\n\n"
    "Scroll down for video\n\n"
    "The rain stopped on Friday and the river fell.";

static void test_headings_and_boilerplate_are_not_candidates(void **state)
{
    (void)state;
    fixture f = {0};
    build(&f, headline_story, 0);
    assert_int_equal(f.seg.count, 6);
    const unsigned char expected[] = {0, 0, 1, 1, 0, 1};
    assert_memory_equal(f.prior.candidate, expected, sizeof expected);
    assert_int_equal(f.prior.count, 3);
    /* Positions count candidates only: the lead sentence is first. */
    assert_int_equal(f.prior.position[2], 0);
    assert_int_equal(f.prior.position[3], 1);
    assert_int_equal(f.prior.position[5], 2);
    release(&f);
}

static void test_headings_kept_when_asked(void **state)
{
    (void)state;
    fixture f = {0};
    build(&f, headline_story, 1);
    assert_int_equal(f.prior.candidate[0], 1);
    assert_int_equal(f.prior.candidate[1], 0); /* the byline is still boilerplate */
    assert_int_equal(f.prior.position[0], 0);
    assert_int_equal(f.prior.position[2], 1);
    assert_int_equal(f.prior.count, 4);
    release(&f);
}

static void test_nothing_but_headings(void **state)
{
    (void)state;
    fixture f = {0};
    build(&f, "Budget news\n\nScroll down for video\n", 0);
    assert_int_equal(f.seg.count, 2);
    assert_int_equal(f.prior.count, 2);
    assert_int_equal(f.prior.candidate[0], 1);
    assert_int_equal(f.prior.candidate[1], 1);
    assert_int_equal(f.prior.position[1], 1);
    release(&f);
}

static void test_position_weight(void **state)
{
    (void)state;
    assert_double_near(1.0, precis_position_weight(0, 0.15), 1e-15);
    assert_double_near(0.5, precis_position_weight(1, 1.0), 1e-15);
    assert_double_near(1.0 / 3.0, precis_position_weight(8, 0.5), 1e-15);
    for (size_t p = 0; p < 100; p++)
        assert_true(precis_position_weight(p + 1, 0.15) < precis_position_weight(p, 0.15));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boilerplate_lines),
        cmocka_unit_test(test_content_lines),
        cmocka_unit_test(test_headings_and_boilerplate_are_not_candidates),
        cmocka_unit_test(test_headings_kept_when_asked),
        cmocka_unit_test(test_nothing_but_headings),
        cmocka_unit_test(test_position_weight),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_prior.c - candidates: boilerplate, headings, positions; what each
 * unit is (titles, back matter, labels, letters, wire codes, datelines).
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

/* Whether s is boilerplate, which the prior's filtered check (with a
 * prior made for it) says as precis_is_boilerplate does. */
static int boilerplate(const char *s)
{
    size_t words = count_words(s);
    int plain = precis_is_boilerplate(s, 0, strlen(s), words);
    static const char *const langs[] = {"en", "fr"};
    for (size_t k = 0; k < sizeof langs / sizeof langs[0]; k++) {
        precis_prior p = {0};
        int filtered = -1;
        assert_int_equal(precis_prior_is_boilerplate(&p, precis_lang_find(langs[k]), s, 0,
                                                     strlen(s), words, &filtered),
                         PRECIS_OK);
        precis_prior_free(&p);
        if (plain != filtered)
            fail_msg("boilerplate %d, with the prior's filter %d (%s): %s", plain, filtered,
                     langs[k], s);
    }
    return plain;
}

/* Random lines of the phrases' words and others, in either case, with
 * runs of white space, marks and bytes past ASCII: the prior's check (its
 * anchor filter first, that of the junk phrases of the language, then the
 * phrases tried only that far back from each anchor) agrees with
 * precis_is_boilerplate (every word start tried) on every one, one prior
 * reused across languages as the summarizer reuses it. */
static void test_boilerplate_filter(void **state)
{
    (void)state;
    static const char *const words[] = {
        "all", "ALL", "rights", "Rights", "reserved", "RESERVED", "reserv", "contributed",
        "Contributed", "to", "this", "report", "reporting", "scroll", "Scroll", "down", "for",
        "video", "By", "Jane", "and", "the", "(CNN)", "\xc2\xa9", "\xc3\xa9", "--", "\xe2\x80\x94",
        "Share", "on", "Editor's", "note", "x", "reservedly", "xall", "all rights reserved",
        "ALL Rights RESERVED", "all  rights reserved", "contributed to this report",
        "Contributed reporting", "scroll down for video", "scroll down for videos",
        /* Anchors without their phrases, or not at a word start. */
        "contre", "Contrat", "contribution", "preserved", "xreserved", "rights reserved",
        "all rights", "scrolling", "Scrollbar", "9all rights reserved", "xcontributed",
    };
    static const char *const gaps[] = {" ", " ", " ", "  ", "\t", "\n", ".", "-", ""};
    static const char *const langs[] = {"en", "fr", "de"};
    precis_prior p = {0};
    uint32_t seed = 15;
    size_t found = 0;
    for (int round = 0; round < 20000; round++) {
        char s[400];
        size_t n = 0, count = 0;
        seed = seed * 1664525u + 1013904223u;
        size_t wanted = 1 + (seed >> 16) % 24;
        while (count < wanted) {
            seed = seed * 1664525u + 1013904223u;
            const char *w = words[(seed >> 8) % (sizeof words / sizeof words[0])];
            const char *gap = count == 0 ? "" : gaps[(seed >> 20) % (sizeof gaps / sizeof gaps[0])];
            n += (size_t)snprintf(s + n, sizeof s - n, "%s%s", gap, w);
            count++;
        }
        /* Offsets within the text, as spans of a document are. */
        seed = seed * 1664525u + 1013904223u;
        size_t start = (seed >> 16) % 3 < n ? (seed >> 16) % 3 : 0;
        size_t words_in = count_words(s + start);
        int plain = precis_is_boilerplate(s, start, n, words_in);
        int filtered = -1;
        int lang = round % 4 == 3 ? PRECIS_LANG_UND : precis_lang_find(langs[round % 3]);
        assert_int_equal(precis_prior_is_boilerplate(&p, lang, s, start, n, words_in, &filtered),
                         PRECIS_OK);
        if (plain != filtered)
            fail_msg("boilerplate %d, with the prior's filter %d: %.*s", plain, filtered,
                     (int)(n - start), s + start);
        found += (size_t)plain;
    }
    precis_prior_free(&p);
    /* Both answers, often. */
    assert_true(found > 2000 && found < 18000);
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

/* The anywhere phrases at every offset from a sentence's start (they are
 * looked for eight bytes at a time, then byte by byte), in any case,
 * after ASCII and other bytes, ending the sentence or not, and never
 * inside a word or when a letter of them differs. */
static void test_boilerplate_anywhere(void **state)
{
    (void)state;
    static const char *const pads[] = {"x ", "\xc3\xa9 ", "(", "\xe2\x80\x94"};
    static const char *const phrases[] = {"ALL rights Reserved", "Contributed To This Report",
                                          "CONTRIBUTED REPORTING", "scroll DOWN for video"};
    static const char *const tails[] = {" by the paper and its owners", ""};
    for (size_t p = 0; p < sizeof pads / sizeof pads[0]; p++) {
        for (size_t offset = 0; offset < 24; offset++) {
            for (size_t k = 0; k < sizeof phrases / sizeof phrases[0] * 2; k++) {
                char s[160];
                size_t n = 0;
                while (n + strlen(pads[p]) <= offset) {
                    memcpy(s + n, pads[p], strlen(pads[p]));
                    n += strlen(pads[p]);
                }
                const char *phrase = phrases[k / 2];
                const char *tail = tails[k % 2];
                snprintf(s + n, sizeof s - n, "%s%s", phrase, tail);
                if (!boilerplate(s))
                    fail_msg("not taken for boilerplate: %s", s);
                /* Its last letter changed (where the line does not open
                 * with it: "Scroll down" is a prompt). */
                s[n + strlen(phrase) - 1] = 'q';
                if (n > 0 && boilerplate(s))
                    fail_msg("taken for boilerplate: %s", s);
                s[n] = 'x';
                snprintf(s + n + 1, sizeof s - n - 1, "%s%s", phrase, tail);
                if (boilerplate(s))
                    fail_msg("taken for boilerplate: %s", s);
            }
        }
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
        ("Readers can sign the petition online until Friday, the council said in a long "
         "statement that also listed the venues where it will hold its meetings."),
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

/* A story under a "Sources: ..." headline reads as back matter all
 * through: its sentences are still the candidates, without the headings
 * and the time line between them. */
static void test_back_matter_all_through(void **state)
{
    (void)state;
    fixture f = {0};
    build(&f,
          "Sources: Sox May Not Be Out Of The Chase\nTeam Executives Meet With Agent\n"
          "UPDATED 3: 09 AM EST Dec 19, 2008\n"
          "The Red Sox met with the agent of the first baseman on Thursday. "
          "The talks will go on next week.\n",
          0);
    assert_int_equal(f.seg.count, 5);
    assert_int_equal(f.prior.kind[0], PRECIS_UNIT_BACK_MATTER);
    assert_int_equal(f.prior.kind[3], PRECIS_UNIT_BACK_MATTER);
    static const unsigned char expected[] = {0, 0, 0, 1, 1};
    assert_memory_equal(f.prior.candidate, expected, sizeof expected);
    assert_memory_equal(f.prior.standalone, expected, sizeof expected);
    assert_int_equal(f.prior.count, 2);
    assert_int_equal(f.prior.position[3], 0);
    assert_int_equal(f.prior.position[4], 1);
    release(&f);
}

/* Junk lines are not candidates; a candidate whose opening refers back
 * leans on the candidate before it, across the lines left out. */
static void test_junk_and_antecedents(void **state)
{
    (void)state;
    fixture f = {0};
    build(&f,
          "The council closed the bridge.\n\nREAD MORE: Bridge report.\n\nTuesday.\n\n"
          "It had stood for a century.\n\nEngineers found cracks.\n\n\"We had no choice,\" "
          "the mayor said.\n",
          0);
    assert_int_equal(f.seg.count, 6);
    static const unsigned char expected[] = {1, 0, 0, 1, 1, 1};
    assert_memory_equal(f.prior.candidate, expected, sizeof expected);
    assert_int_equal(f.prior.position[3], 1);
    const size_t none = PRECIS_NO_SENTENCE;
    const size_t antecedents[] = {none, none, none, 0, none, none};
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(f.prior.antecedent[i], antecedents[i]);
    release(&f);
}

/* The kinds of a document's units, one letter each: S sentence, F
 * fragment, H heading, B back matter, L label, G greeting (salutation),
 * O sign-off, P boilerplate, W wire code, D dateline, J junk line. */
static void kinds_of(const char *code, const char *text, char *out, size_t cap)
{
    static const char letters[] = "SFHBLGOPWDJ";
    int lang = precis_lang_find(code);
    fixture f = {0};
    assert_int_equal(precis_segment(&f.seg, text, strlen(text), lang), PRECIS_OK);
    assert_int_equal(precis_tokenize(&f.tok, text, f.seg.spans, f.seg.count, lang, NULL),
                     PRECIS_OK);
    assert_int_equal(precis_prior_build(&f.prior, text, &f.seg, &f.tok, lang, 0), PRECIS_OK);
    assert_true(f.seg.count < cap);
    for (size_t i = 0; i < f.seg.count; i++) {
        assert_true(f.prior.kind[i] < sizeof letters - 1);
        out[i] = letters[f.prior.kind[i]];
        /* Only sentences and fragments are candidates; only sentences
         * stand alone. */
        assert_int_equal(f.prior.candidate[i], out[i] == 'S' || out[i] == 'F');
        assert_int_equal(f.prior.standalone[i], out[i] == 'S');
    }
    out[f.seg.count] = '\0';
    release(&f);
}

typedef struct kinds_case {
    const char *lang;
    const char *text;
    const char *kinds;
} kinds_case;

static const kinds_case kinds_cases[] = {
    /* A paper: title, authors, section titles in any case and with or
     * without numbers, a label, back matter up to the end. */
    {"en",
     "Learning networks from short series\n\nT. Okafor, H. Lindqvist\n\nAbstract\n"
     "We propose a scoring rule that penalises edges.\n\nKeywords: networks; time series\n\n"
     "1 introduction\nA network describes a joint distribution by a graph.\n\n"
     "Acknowledgements\nWe thank the staff of the unit for their help.\n\nReferences\n"
     "[1] K. Murphy, Dynamic networks, thesis, 2002.\n",
     "HHHSLHSHBHB"},
    /* Back matter ends at the next section title that is not back matter. */
    {"en",
     "The council met on Monday to discuss the budget for next year.\n\nNotes\n\n"
     "The figures are those of the spring survey, which was revised.\n\nDiscussion\n\n"
     "The budget rises by two per cent in the coming year.\n",
     "SHBHS"},
    /* "Funding: ..." opens back matter on its own line. */
    {"en",
     "The survey reached four towns and two villages in the east.\n\n"
     "Funding: This work was supported by the regional foundation.\n\n"
     "The authors thank the volunteers who collected the data.\n",
     "SBB"},
    /* A web page: "See also" and its items (headings of their own), then
     * references. */
    {"en",
     "Lake Morrow\n\nLake Morrow is a lake in the east of the county, fed by two rivers.\n\n"
     "See also\n\nList of lakes in Eastmere\nRiver Tane\n\nReferences\n\n"
     "1. ^ \"Lake Morrow\". Eastmere County Council. Retrieved 12 March 2023.\n",
     "HSHHHHBBB"},
    /* A letter: salutation, body, sign-off and signature. */
    {"en",
     "Hi all,\n\nThe quarterly review has moved from Tuesday to Thursday at ten.\n\n"
     "Please bring the figures for your region and the complaints since January.\n\n"
     "Thanks,\nMaria Rossi\nHead of Sales\n",
     "GSSOOO"},
    {"de",
     "Sehr geehrte Damen und Herren,\n\nvielen Dank f\xc3\xbcr Ihre Anfrage vom 3. Mai. "
     "Leider ist der gew\xc3\xbcnschte Termin bereits vergeben.\n\n"
     "Mit freundlichen Gr\xc3\xbc\xc3\x9f" "en\nAnna Berg\n",
     "GSSOO"},
    /* Thanks in a quotation is no sign-off. */
    {"en",
     "The mayor opened the new bridge over the river on Saturday morning.\n\n"
     "\"Thanks,\" she said to the builders, who had finished a month early.\n",
     "SS"},
    /* News-wire copy: datelines, codes, slugs and credits. */
    {"en",
     "(NYT75) ATLANTA -- March 8, 1996 -- ADV. The storm hit the city on Friday night.\n\n"
     "It was the worst storm in years, officials said.\n\nMORE\n\n&QL;\n\n"
     "Story Filed By Cox Newspapers\n\nENDIT\n",
     "DFSSWWWW"},
    {"en",
     "WASHINGTON (AP) -- The Senate voted on Tuesday to pass the bill. He was 88.\n\n"
     "BC-SENATE-VOTE\n",
     "DSFW"},
    /* Junk lines: a promotion, a title left in the text, a date alone. */
    {"en",
     "The council closed the bridge over the river on Monday.\n\n"
     "Watch the video: Bridge report.\n\nAbout the Bridge Fund .\n\nTuesday.\n\n"
     "Engineers found cracks in two of the piers last week.\n",
     "SJJJS"},
};

static void test_kinds(void **state)
{
    (void)state;
    size_t failures = 0;
    for (size_t c = 0; c < sizeof kinds_cases / sizeof kinds_cases[0]; c++) {
        char got[64];
        kinds_of(kinds_cases[c].lang, kinds_cases[c].text, got, sizeof got);
        if (strcmp(got, kinds_cases[c].kinds) != 0) {
            print_error("case %zu: want %s, got %s\n", c, kinds_cases[c].kinds, got);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static void test_wire_codes(void **state)
{
    (void)state;
    static const char *const wire[] = {
        "MORE", "(MORE)", "ENDIT", "Enditem", "nn", "-30-", "&QL;", "&UR; Storm hits city",
        "AP-NY-07-25-02 1541EDT", "BC-IRAQ-TROOPS", "Story Filed By Cox Newspapers",
        "(Distributed by Los Angeles Times Syndicate)", "c.1999 N.Y. Times News Service",
        "New York Times News Service", "(BEGIN OPTIONAL TRIM)", "WASHINGTON TODAY",
    };
    static const char *const text[] = {
        "More than 500 people came.", "The Kyodo news service said so.",
        "AT&T said on Monday that it would cut jobs.", "US-UK talks ended on Monday with a deal.",
        "The COVID-19 rules were lifted in May.", "HE SAID IT WAS OVER.",
    };
    for (size_t k = 0; k < sizeof wire / sizeof wire[0]; k++)
        if (!precis_is_wire_code(wire[k], 0, strlen(wire[k]), count_words(wire[k]), 1))
            fail_msg("not taken for a wire code: %s", wire[k]);
    for (size_t k = 0; k < sizeof text / sizeof text[0]; k++)
        if (precis_is_wire_code(text[k], 0, strlen(text[k]), count_words(text[k]), 1))
            fail_msg("taken for a wire code: %s", text[k]);
    /* In a text written all in capitals, capitals say nothing. */
    assert_false(precis_is_wire_code("WASHINGTON TODAY", 0, 16, 2, 0));
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
        cmocka_unit_test(test_boilerplate_anywhere),
        cmocka_unit_test(test_boilerplate_filter),
        cmocka_unit_test(test_content_lines),
        cmocka_unit_test(test_headings_and_boilerplate_are_not_candidates),
        cmocka_unit_test(test_headings_kept_when_asked),
        cmocka_unit_test(test_nothing_but_headings),
        cmocka_unit_test(test_back_matter_all_through),
        cmocka_unit_test(test_junk_and_antecedents),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_wire_codes),
        cmocka_unit_test(test_position_weight),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

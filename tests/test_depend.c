/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_depend.c - sentences that lean on the one before, and junk lines:
 * each signal of the rule in English, French, German and Chinese, the
 * sentences of issue 18, and bytes that are not text.
 */
#include "test_helpers.h"

#include <string.h>

#include "ascii.h"
#include "depend.h"
#include "fold.h"
#include "lang.h"
#include "utf8.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

typedef struct dependency_case {
    const char *lang;
    const char *text;
    precis_dependency want;
} dependency_case;

/* Each case's answer, with one scratch reused across them all (and
 * across languages), as the summarizer reuses it. */
static void check_dependencies(const dependency_case *cases, size_t count)
{
    precis_depend d = {0};
    for (size_t k = 0; k < count; k++) {
        precis_dependency why = (precis_dependency)-1;
        int lang = precis_lang_find(cases[k].lang);
        assert_int_equal(precis_dependency_of(&d, lang, cases[k].text, strlen(cases[k].text), &why),
                         PRECIS_OK);
        if (why != cases[k].want) {
            print_error("%s: want %d, got %d\n", cases[k].text, cases[k].want, why);
            fail();
        }
    }
    precis_depend_free(&d);
}

static void test_dependency(void **state)
{
    (void)state;
    static const dependency_case cases[] = {
        /* Openers: pronouns, demonstratives, connectives. */
        {"en", "That's the mayor's response to the vote.", PRECIS_DEPENDENCY_OPENER},
        {"en", "She was the one who could round up the family.", PRECIS_DEPENDENCY_OPENER},
        {"en", "It's not just women getting cloned.", PRECIS_DEPENDENCY_OPENER},
        {"en", "\xe2\x80\x9cIt\xe2\x80\x99s over,\xe2\x80\x9d he said.", PRECIS_DEPENDENCY_OPENER},
        {"fr",
         "C'est dans ce deuxi\xc3\xa8me lac que les plongeurs ont trouv\xc3\xa9 "
         "l'\xc3\xa9pave.",
         PRECIS_DEPENDENCY_OPENER},
        {"fr", "Cependant, le maire a refus\xc3\xa9.", PRECIS_DEPENDENCY_OPENER},
        {"de", "Er sagte, der Plan scheitere.", PRECIS_DEPENDENCY_OPENER},
        {"zh",
         "\xe4\xbb\x96\xe8\xaf\xb4\xe8\xbf\x99\xe4\xb8\xaa\xe8\xae\xa1\xe5\x88\x92"
         "\xe4\xbc\x9a\xe5\xa4\xb1\xe8\xb4\xa5\xe3\x80\x82",
         PRECIS_DEPENDENCY_OPENER},
        /* A clause opener after a comma among the first words, an early
         * connective, an inner one, a credit before the pronoun. */
        {"en", "On Monday, he said the plan would fail.", PRECIS_DEPENDENCY_OPENER},
        {"en", "Police also said the man was armed.", PRECIS_DEPENDENCY_OPENER},
        {"en", "Sometimes, though, the plan fails.", PRECIS_DEPENDENCY_OPENER},
        {"en", "(CNN) He arrived late.", PRECIS_DEPENDENCY_OPENER},
        /* Exceptions: an extraposed "it", a demonstrative of time. */
        {"en", "It is unclear whether the vote will pass.", PRECIS_DEPENDENCY_NONE},
        {"en", "This year the festival moved to June.", PRECIS_DEPENDENCY_NONE},
        /* Quotations: one that goes on, one with no speaker. */
        {"en", "Nothing was left,\" Qassim said.", PRECIS_DEPENDENCY_QUOTE},
        {"en", "\"Lauren Hill did that.\"", PRECIS_DEPENDENCY_QUOTE},
        /* A speaker named with a pronoun. */
        {"en", "\"We will win,\" he said.", PRECIS_DEPENDENCY_SPEAKER},
        {"en", "The plan for the new bridge will fail, she said.", PRECIS_DEPENDENCY_SPEAKER},
        {"fr", "\xc2\xab Nous gagnerons \xc2\xbb, a-t-il d\xc3\xa9\x63lar\xc3\xa9.",
         PRECIS_DEPENDENCY_SPEAKER},
        {"de", "\xe2\x80\x9eWir gewinnen\xe2\x80\x9c, sagte er.", PRECIS_DEPENDENCY_SPEAKER},
        /* A piece the splitter cut. */
        {"en", "took the win for Russia.", PRECIS_DEPENDENCY_CONTINUATION},
        /* Sentences that stand alone. */
        {"en", "The mayor said the plan would fail.", PRECIS_DEPENDENCY_NONE},
        {"en", "Rock hasn't commented on the tweets.", PRECIS_DEPENDENCY_NONE},
        {"en", "\"We will win,\" the mayor said.", PRECIS_DEPENDENCY_NONE},
        {"en", "iPhone sales rose.", PRECIS_DEPENDENCY_NONE},
        {"en", "eBay said the sale was over.", PRECIS_DEPENDENCY_NONE},
        /* A name whose particle is in lower case, one word or two, and
         * not when no capital follows or in a language without it. */
        {"en", "de Gaulle returned to Paris.", PRECIS_DEPENDENCY_NONE},
        {"en", "van der Sar saved the penalty.", PRECIS_DEPENDENCY_NONE},
        {"en", "\"von Braun built it,\" the engineer said.", PRECIS_DEPENDENCY_NONE},
        {"en", "de facto rule returned.", PRECIS_DEPENDENCY_CONTINUATION},
        {"en", "van der meer said.", PRECIS_DEPENDENCY_CONTINUATION},
        {"en", "e-mail was down.", PRECIS_DEPENDENCY_NONE},
        {"en", "x\xe2\x80\x90ray images showed the crack.", PRECIS_DEPENDENCY_NONE},
        {"en", "e- and paper mail were down.", PRECIS_DEPENDENCY_CONTINUATION},
        {"en", "a-changing times came.", PRECIS_DEPENDENCY_NONE},
        {"en", "so-called experts were wrong.", PRECIS_DEPENDENCY_CONTINUATION},
        {"en", "a", PRECIS_DEPENDENCY_CONTINUATION},
        {"fr", "van Gogh a peint ce tableau.", PRECIS_DEPENDENCY_NONE},
        {"fr", "de Paris \xc3\xa0 Lyon, le train a roul\xc3\xa9.",
         PRECIS_DEPENDENCY_CONTINUATION},
        {"de", "van Gogh malte es.", PRECIS_DEPENDENCY_CONTINUATION},
        {"en", "", PRECIS_DEPENDENCY_NONE},
        {"en", " \"\xe2\x80\x94 ", PRECIS_DEPENDENCY_NONE},
        /* The last comma, found from the back in ASCII and from the start
         * past other bytes, and the quote marks after it. */
        {"en", "\"The match is over,\" he said.", PRECIS_DEPENDENCY_SPEAKER},
        {"en", "The match is over, \xe2\x80\x9chonestly,\xe2\x80\x9d she said.",
         PRECIS_DEPENDENCY_SPEAKER},
        {"en", "The match is over, he said\xe2\x80\xa6", PRECIS_DEPENDENCY_OPENER},
        {"en", "The match is over, said the man in the red hat who came.",
         PRECIS_DEPENDENCY_NONE},
        {"de", "Die Sache ist vorbei, sagte er.", PRECIS_DEPENDENCY_NONE},
        /* A clause opener after the early words. */
        {"en", "Yesterday afternoon in the rain, he left.", PRECIS_DEPENDENCY_OPENER},
        {"en", "The team, which won on Sunday in the final, however lost.",
         PRECIS_DEPENDENCY_NONE},
    };
    check_dependencies(cases, NELEMS(cases));
}

typedef struct junk_case {
    const char *lang;
    const char *text;
    precis_junk want;
} junk_case;

static void check_junk(const junk_case *cases, size_t count)
{
    precis_depend d = {0};
    for (size_t k = 0; k < count; k++) {
        precis_junk why = (precis_junk)-1;
        int lang = precis_lang_find(cases[k].lang);
        assert_int_equal(precis_junk_of(&d, lang, cases[k].text, strlen(cases[k].text), &why),
                         PRECIS_OK);
        if (why != cases[k].want) {
            print_error("%s: want %d, got %d\n", cases[k].text, cases[k].want, why);
            fail();
        }
    }
    precis_depend_free(&d);
}

static void test_junk(void **state)
{
    (void)state;
    static const junk_case cases[] = {
        {"en", "READ MORE: DNA clue to Richard III's appearanceREAD MORE: more here.",
         PRECIS_JUNK_PROMO},
        {"en", "Click here to subscribe.", PRECIS_JUNK_PROMO},
        {"en", "John Smith contributed to this report.", PRECIS_JUNK_PROMO},
        {"fr", "Lire aussi : le maire d\xc3\xa9missionne.", PRECIS_JUNK_PROMO},
        /* en.junk applies in every language. */
        {"de", "Click here to subscribe.", PRECIS_JUNK_PROMO},
        {"en", "Watch the video: .", PRECIS_JUNK_LEAD_IN},
        {"en", "They included:", PRECIS_JUNK_LEAD_IN},
        {"en", "About the CNN Journalist Award .", PRECIS_JUNK_TITLE},
        {"en", "ET Sunday, NBC .", PRECIS_JUNK_TITLE},
        {"en", "Tuesday.", PRECIS_JUNK_DATE},
        {"en", "10:30 a.m. ET", PRECIS_JUNK_DATE},
        {"fr", "Mardi 3 mars 2015.", PRECIS_JUNK_DATE},
        {"en", ", and more.", PRECIS_JUNK_REMAINDER},
        {"en", "...", PRECIS_JUNK_EMPTY},
        {"en", "", PRECIS_JUNK_EMPTY},
        {"en", "The vote is on Tuesday.", PRECIS_JUNK_NONE},
        /* Date words count in their own language only. */
        {"fr", "Tuesday.", PRECIS_JUNK_NONE},
        {"en", "Readers can watch the video on the site.", PRECIS_JUNK_NONE},
        /* Anywhere phrases, looked for in ASCII text as it is and in the
         * folded text otherwise; white space runs and capitals. */
        {"en", "ALL  RIGHTS\tRESERVED by the paper.", PRECIS_JUNK_PROMO},
        {"en", "Jane Doe CONTRIBUTED  TO THIS\nREPORT", PRECIS_JUNK_PROMO},
        {"en", "Copyright 2015 \xe2\x80\x94 all rights reserved.", PRECIS_JUNK_PROMO},
        {"de", "Alle Rechte vorbehalten.", PRECIS_JUNK_PROMO},
        {"en", "The recall rights reservedness is not junk.", PRECIS_JUNK_NONE},
        /* An anywhere phrase that begins with punctuation matches where it
         * is, after a word too, in ASCII text and in text that is not. */
        {"fr", "Le maire a d\xc3\xa9missionn\xc3\xa9 (avec AFP).", PRECIS_JUNK_PROMO},
        {"fr", "Le maire a d\xc3\xa9missionn\xc3\xa9(AVEC  AFP)", PRECIS_JUNK_PROMO},
        {"fr", "The mayor resigned (avec AFP).", PRECIS_JUNK_PROMO},
        {"fr", "The mayor resigned(avec afp)", PRECIS_JUNK_PROMO},
        {"fr", "Le maire a d\xc3\xa9missionn\xc3\xa9 avec AFP et l'\xc3\xa9quipe.",
         PRECIS_JUNK_NONE},
        {"en", "The mayor resigned (avec AFP).", PRECIS_JUNK_NONE},
        /* Line phrases and titles only on short lines. */
        {"en", "See more of the pictures.", PRECIS_JUNK_PROMO},
        {"en", "See more of the pictures that were taken by readers in the hours after the "
               "storm passed.",
         PRECIS_JUNK_NONE},
        {"en", "The winners of this year's award were announced by the panel on the evening "
               "of the show .",
         PRECIS_JUNK_NONE},
        /* Start and line phrases are folded only where the first two
         * letters of the first word may begin one. */
        {"en", "VIDEO: the crash on the road", PRECIS_JUNK_PROMO},
        {"en", "(Watch: the crash)", PRECIS_JUNK_PROMO},
        {"en", "Tap here to vote for the prize", PRECIS_JUNK_PROMO},
        {"en", "Taps here to vote.", PRECIS_JUNK_NONE},
        {"en", "W atch: the crash", PRECIS_JUNK_NONE},
        {"en", "Se more", PRECIS_JUNK_NONE},
        /* The end of the text, past white space that is not ASCII. */
        {"en", "They included:\xc2\xa0", PRECIS_JUNK_LEAD_IN},
        {"en", "They included:\t \n", PRECIS_JUNK_LEAD_IN},
    };
    check_junk(cases, NELEMS(cases));
}

/* The first words read in one pass over ASCII, and by the general path
 * where a byte that is not ASCII comes among them (a no-break space, a
 * letter with an accent): the same answer either way, in languages taken
 * in turn (each has its own filter of first words). */
static void test_first_words(void **state)
{
    (void)state;
    static const dependency_case cases[] = {
        {"en", "On Monday, he said the plan would fail.", PRECIS_DEPENDENCY_OPENER},
        {"en", "On Monday,\xc2\xa0he said the plan would fail.", PRECIS_DEPENDENCY_OPENER},
        {"fr", "Cependant, le maire a refus\xc3\xa9.", PRECIS_DEPENDENCY_OPENER},
        {"fr", "Cependant, le maire a refuse.", PRECIS_DEPENDENCY_OPENER},
        {"en", "*However*, the mayor refused.", PRECIS_DEPENDENCY_OPENER},
        {"en", "HOWEVER, THE MAYOR REFUSED.", PRECIS_DEPENDENCY_OPENER},
        {"de", "Er sagte, der Plan scheitere.", PRECIS_DEPENDENCY_OPENER},
        {"en", "Er sagte, der Plan scheitere.", PRECIS_DEPENDENCY_NONE},
        /* A clause opener after the early words, with the tenth word
         * and what follows it in ASCII or not. */
        {"en", "Yesterday afternoon in the rain, he left the house in a hurry for work.",
         PRECIS_DEPENDENCY_OPENER},
        {"en", "Yesterday afternoon in the rain, he left the house in a hurry f\xc3\xb6r work.",
         PRECIS_DEPENDENCY_OPENER},
        {"en", "Yesterday afternoon in the rain,\xe2\x80\x83he left.", PRECIS_DEPENDENCY_OPENER},
        /* A word too long for any entry, and a comma inside a word. */
        {"en",
         "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "aaa, he said.",
         PRECIS_DEPENDENCY_OPENER},
        {"en", "Monday,he left the house.", PRECIS_DEPENDENCY_NONE},
        {"en", "The mayor said the plan would fail.", PRECIS_DEPENDENCY_NONE},
        {"en", "The mayor said the plan would fa\xc3\xafl.", PRECIS_DEPENDENCY_NONE},
    };
    check_dependencies(cases, NELEMS(cases));
}

/* Quote marks and the last comma are looked for eight ASCII bytes at a
 * time: the same answers whatever the offsets. */
static void test_quotes_and_commas(void **state)
{
    (void)state;
    static const dependency_case cases[] = {
        {"en", "wrote \"We will win,\" he said.", PRECIS_DEPENDENCY_SPEAKER},
        {"en", "for the new bridge will fail, she said.", PRECIS_DEPENDENCY_SPEAKER},
        {"en", "for the new bridge will fail, she said \"no\".", PRECIS_DEPENDENCY_NONE},
        {"en", "for the new bridge will fail, \"she said\".", PRECIS_DEPENDENCY_NONE},
        {"en", "for the new bridge will fail, she said \xe2\x80\x9cno\xe2\x80\x9d.",
         PRECIS_DEPENDENCY_NONE},
    };
    precis_depend d = {0};
    for (size_t k = 0; k < NELEMS(cases); k++) {
        for (size_t shift = 0; shift < 9; shift++) {
            char text[160];
            snprintf(text, sizeof text, "The %.*s mayor %s", (int)shift, "abcdefghi",
                     cases[k].text);
            precis_dependency why = (precis_dependency)-1;
            assert_int_equal(precis_dependency_of(&d, precis_lang_find(cases[k].lang), text,
                                                  strlen(text), &why),
                             PRECIS_OK);
            if (why != cases[k].want) {
                print_error("%s: want %d, got %d\n", text, cases[k].want, why);
                fail();
            }
        }
    }
    precis_depend_free(&d);
}

/* precis_find_quotes by its plain definition: every code point decoded
 * from start, the one before each quote mark read as it goes. */
static int is_quote_plain(int32_t cp)
{
    return cp == '"' || (cp >= 0x201C && cp <= 0x201F) || cp == 0x00AB || cp == 0x00BB ||
           cp == 0x2039 || cp == 0x203A || (cp >= 0x300C && cp <= 0x300F) || cp == 0xFF02;
}

static precis_quote_marks find_quotes_plain(const char *s, size_t len, size_t start)
{
    precis_quote_marks q = {0, 0, 0, 0, 0};
    int32_t before = ' ';
    for (size_t pos = start; pos < len && !q.closes;) {
        size_t at = pos;
        int32_t cp = precis_utf8_next(s, len, &pos);
        if (is_quote_plain(cp)) {
            size_t next = pos;
            int32_t after = pos < len ? precis_utf8_next(s, len, &next) : ' ';
            int space_before = precis_is_space(before) || before == '(' || before == '[' ||
                               before == '{' || before == 0x2014 || before == 0x2013;
            int space_after = precis_is_space(after) ||
                              (!precis_is_wordchar(after) && !is_quote_plain(after) &&
                               after != '\'' && after != 0x2018);
            int usually = cp == 0x201C || cp == 0x201E || cp == 0x201F || cp == 0x00AB ||
                          cp == 0x2039 || cp == 0x300C || cp == 0x300E;
            int opens = space_before != space_after ? space_before
                        : cp == '"'                 ? space_before
                                                    : usually;
            if (!q.any) {
                q.any = 1;
                q.first_opens = opens;
                q.first = at;
            }
            if (!opens) {
                q.closes = 1;
                q.close_end = pos;
            }
        }
        before = cp;
    }
    return q;
}

/* The quote marks found eight ASCII bytes at a time and Latin-1 letters
 * passed whole, against the plain search: random texts of ASCII words,
 * letters past ASCII, quote marks of every kind (each beside white space,
 * brackets, dashes, letters and other marks) and bytes that are not
 * UTF-8, from every start. */
static void test_quotes_plain(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "word", "the", "\"", "\"", " ", " ", "  ", "(", "[", "--", "'", "\xe2\x80\x98",
        "\xe2\x80\x94", "\xe2\x80\x93", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x9e",
        "\xc2\xab", "\xc2\xbb", "\xc2\xa0", "\xe2\x80\xb9", "\xe2\x80\xba", "\xe3\x80\x8c",
        "\xe3\x80\x8d", "\xef\xbc\x82", "\xc3\xa9", "\xc3\x89t\xc3\xa9", "\xc3\xa0", "\xc3",
        "\xc3(", "\x80", "\xe2\x80", "\xc2", "\xff", ",", ".", "7", "abcdefghij",
    };
    uint32_t seed = 15;
    size_t closing = 0;
    for (int round = 0; round < 4000; round++) {
        char text[400];
        size_t n = 0;
        seed = seed * 1664525u + 1013904223u;
        size_t count = (seed >> 16) % 30;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 1664525u + 1013904223u;
            n += (size_t)snprintf(text + n, sizeof text - n, "%s",
                                  pieces[(seed >> 8) % NELEMS(pieces)]);
        }
        for (size_t start = 0; start <= n && start < 12; start++) {
            precis_quote_marks got = precis_find_quotes(text, n, start);
            precis_quote_marks want = find_quotes_plain(text, n, start);
            if (got.any != want.any || got.first_opens != want.first_opens ||
                (want.any && got.first != want.first) || got.closes != want.closes ||
                (want.closes && got.close_end != want.close_end))
                fail_msg("from %zu: any %d/%d opens %d/%d first %zu/%zu closes %d/%d at %zu/%zu: %.*s",
                         start, got.any, want.any, got.first_opens, want.first_opens, got.first,
                         want.first, got.closes, want.closes, got.close_end, want.close_end,
                         (int)n, text);
            closing += (size_t)want.closes;
        }
    }
    /* Both answers, often. */
    assert_true(closing > 2000);
}

/* precis_ascii_all, which reads the last 32 bytes over those read
 * before, against a byte at a time: every length up to 100, from every
 * offset of eight, all ASCII or with one byte past it anywhere. */
static void test_ascii_all(void **state)
{
    (void)state;
    char text[120];
    uint32_t seed = 15;
    for (size_t len = 0; len <= 100; len++)
        for (size_t offset = 0; offset < 8; offset++)
            for (size_t high = 0; high <= len; high++) {
                for (size_t k = 0; k < len; k++) {
                    seed = seed * 1664525u + 1013904223u;
                    text[offset + k] = (char)(seed >> 25);
                }
                if (high < len)
                    text[offset + high] = (char)(0x80 | (seed >> 20));
                int want = 1;
                for (size_t k = 0; k < len; k++)
                    want &= (unsigned char)text[offset + k] < 0x80;
                assert_int_equal(precis_ascii_all(text + offset, len), want);
                assert_int_equal(want, high == len);
            }
}

/* Whether s[0, len) is only numbers and date words of lang, and holds
 * one, by the plain definition: words between white space, each without
 * the characters that are no word characters at either end, folded
 * whole. */
static int only_dates_plain(precis_folder *f, int lang, const char *s, size_t len)
{
    int any = 0;
    for (size_t pos = 0; pos < len;) {
        size_t next = pos;
        if (precis_is_space(precis_utf8_next(s, len, &next))) {
            pos = next;
            continue;
        }
        size_t a = pos, b;
        while (pos < len) {
            next = pos;
            if (precis_is_space(precis_utf8_next(s, len, &next)))
                break;
            pos = next;
        }
        b = pos;
        while (a < b) {
            next = a;
            if (precis_is_wordchar(precis_utf8_next(s, b, &next)))
                break;
            a = next;
        }
        while (b > a) {
            size_t prev;
            if (precis_is_wordchar(precis_utf8_prev(s, b, &prev)))
                break;
            b = prev;
        }
        if (a == b)
            continue;
        const char *folded;
        size_t folded_len;
        assert_int_equal(precis_fold(f, s + a, b - a, &folded, &folded_len), PRECIS_OK);
        int digit = 0, number = 1;
        for (size_t i = 0; i < folded_len;) {
            int32_t cp = precis_utf8_next(folded, folded_len, &i);
            digit |= precis_is_digit(cp);
            number &= precis_is_digit(cp) || (cp < 0x80 && strchr(".,:/-h", (int)cp) != NULL);
        }
        const precis_lex_entry *e = precis_lex_lookup(&precis_junk_dates, folded, folded_len);
        if (!(number && digit) && !(e != NULL && (e->a & (1ULL << lang))))
            return 0;
        any = 1;
    }
    return any;
}

/* Lines of date words (their ends found eight ASCII bytes at a time where
 * the bytes are ASCII, other words whole) against the plain definition:
 * random lines of date words, numbers and other words, in capitals and
 * with letters past ASCII, between white space of either kind. */
static void test_dates_plain(void **state)
{
    (void)state;
    static const char *const words[] = {
        "f\xc3\xa9vrier", "F\xc3\x89VRIER", "ao\xc3\xbbt", "AO\xc3\x9bT", "D\xc3\x89\x43\x45MBRE",
        "d\xc3\xa9\x63\x65mbre", "septembre", "SEPTEMBRE", "Mardi", "MARDI", "12", "2015-04-03",
        "10h30", "heures", "\"lundi\"", "mai,", "maison", "\xc3\x89T\xc3\x89", "Mardigras", "x",
        "\xc3\x89", "novembre2015", "NOVEMBRE", "samedi.",
    };
    static const char *const gaps[] = {" ", " ", "  ", "\t", "\xc2\xa0", " \xc2\xa0 "};
    precis_depend d = {0};
    precis_folder f = {0};
    int fr = precis_lang_find("fr");
    uint32_t seed = 15;
    size_t dates = 0;
    for (int round = 0; round < 5000; round++) {
        char text[300];
        size_t n = 0;
        seed = seed * 1664525u + 1013904223u;
        size_t count = 1 + (seed >> 16) % 10;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 1664525u + 1013904223u;
            /* Mostly date words, so that whole lines of them come often. */
            size_t pick = (seed >> 8) % NELEMS(words);
            if (pick >= 17 && (seed >> 24) % 4 != 0)
                pick -= 9;
            n += (size_t)snprintf(text + n, sizeof text - n, "%s%s",
                                  k == 0 ? "" : gaps[(seed >> 20) % NELEMS(gaps)], words[pick]);
        }
        precis_junk why;
        assert_int_equal(precis_junk_of(&d, fr, text, n, &why), PRECIS_OK);
        int want = only_dates_plain(&f, fr, text, n);
        if (why != (want ? PRECIS_JUNK_DATE : PRECIS_JUNK_NONE))
            fail_msg("junk %d, only dates %d: %.*s", why, want, (int)n, text);
        dates += (size_t)want;
    }
    /* Both answers, often. */
    assert_true(dates > 500 && dates < 4500);
    precis_folder_free(&f);
    precis_depend_free(&d);
}

/* An anywhere phrase at every offset from a sentence's start (looked for
 * in ASCII eight bytes at a time, then byte by byte), after ASCII and
 * other bytes, in capitals and across white space, never inside a word;
 * one that begins with punctuation too. */
static void test_junk_anywhere(void **state)
{
    (void)state;
    static const char *const pads[] = {"Jane Doe ", "Jan\xc3\xa9 ", "Jane-Doe--",
                                       "\xe2\x80\x94"};
    precis_depend d = {0};
    int en = precis_lang_find("en");
    int fr = precis_lang_find("fr");
    for (size_t p = 0; p < NELEMS(pads); p++) {
        for (size_t offset = 0; offset < 24; offset++) {
            char s[200];
            size_t n = 0;
            while (n + strlen(pads[p]) <= offset) {
                memcpy(s + n, pads[p], strlen(pads[p]));
                n += strlen(pads[p]);
            }
            const char *phrase = "CONTRIBUTED  TO this\nreport from the city hall";
            snprintf(s + n, sizeof s - n, "%s", phrase);
            precis_junk why;
            assert_int_equal(precis_junk_of(&d, en, s, strlen(s), &why), PRECIS_OK);
            if (why != PRECIS_JUNK_PROMO)
                fail_msg("not taken for junk: %s", s);
            s[n] = 'x';
            snprintf(s + n + 1, sizeof s - n - 1, "%s", phrase);
            assert_int_equal(precis_junk_of(&d, en, s, strlen(s), &why), PRECIS_OK);
            if (why != PRECIS_JUNK_NONE)
                fail_msg("taken for junk: %s", s);
            /* A phrase that begins with punctuation, found in the
             * eight-byte scan as well as in the byte-by-byte one. */
            snprintf(s + n, sizeof s - n, "%s", "(avec  AFP) et Reuters");
            assert_int_equal(precis_junk_of(&d, fr, s, strlen(s), &why), PRECIS_OK);
            if (why != PRECIS_JUNK_PROMO)
                fail_msg("not taken for junk: %s", s);
        }
    }
    precis_depend_free(&d);
}

/* The ASCII paths (the first words read and folded eight bytes at a
 * time, the words after the last comma counted from the back, the
 * anywhere phrases looked for in place) against the general
 * ones: random sentences, each beside itself with its first (or last)
 * space made a no-break space, which every rule reads as white space but
 * which sends both checks down their general paths (from there on), give
 * the same answers. The words
 * begin entries, phrases and dates, in every case, at every offset from
 * the eight-byte steps, with runs of white space, commas and quotes. */
static void test_ascii_paths(void **state)
{
    (void)state;
    static const char *const words[] = {
        "He", "he", "SHE", "said", "said.", "However,", "however", "On", "Monday,", "the",
        "The", "it", "is", "It", "This", "year", "also", "in", "addition,", "\"We", "win,\"",
        "'It's", "over,'", "\"", ",", ":", "--", "`", "x", "de", "Gaulle", "van", "der", "took",
        "CONTRIBUTED", "contributed", "to", "this", "report", "story", "reporting", "all",
        "Rights", "some", "reserved", "scroll", "Down", "for", "video", "material", "may",
        "not", "be", "published", "AFP)", "Read", "more:", "Watch", "Tuesday", "tuesday",
        "2015-04-03", "10:30", "GMT", "Cependant,", "le", "maire", "tous", "droits", "avec",
        "Er", "sagte,", "er", "sagte", "That`s", "IT`S", ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
    };
    static const char *const gaps[] = {" ", " ", " ", " ", "  ", "\t", "\n", " \r\n "};
    static const char *const langs[] = {"en", "fr", "de"};
    precis_depend d = {0};
    uint32_t seed = 15;
    for (int round = 0; round < 6000; round++) {
        char text[800], other[810];
        size_t n = 0, count = 0;
        seed = seed * 1664525u + 1013904223u;
        size_t words_wanted = 1 + (seed >> 16) % 22;
        while (count < words_wanted) {
            seed = seed * 1664525u + 1013904223u;
            const char *w = words[(seed >> 8) % NELEMS(words)];
            /* A bracket at the start would read as a credit with a plain
             * space and not with the other. */
            if (count == 0 && w[0] == '(')
                continue;
            const char *gap = count == 0 ? "" : count == 1 ? " " : gaps[(seed >> 20) % NELEMS(gaps)];
            n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", gap, w);
            count++;
        }
        size_t words_end = n;
        seed = seed * 1664525u + 1013904223u;
        /* A title's " ." is no space to change. */
        if (count > 1 && (seed >> 12) % 3 == 0)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s", (seed >> 20) % 2 ? "." : " .");
        /* The same with its first space a no-break space, or in every
         * other round its last (the first words read as ASCII, those
         * after the last space as any text). */
        const char *space = round % 2 == 0 ? memchr(text, ' ', n) : NULL;
        for (size_t i = words_end; round % 2 == 1 && i > 0; i--)
            if (text[i - 1] == ' ') {
                space = text + i - 1;
                break;
            }
        size_t at = space != NULL ? (size_t)(space - text) : n;
        memcpy(other, text, at);
        size_t m = at;
        if (space != NULL) {
            memcpy(other + m, "\xc2\xa0", 2);
            m += 2;
            memcpy(other + m, text + at + 1, n - at - 1);
            m += n - at - 1;
        }
        for (size_t k = 0; k < NELEMS(langs); k++) {
            int lang = precis_lang_find(langs[k]);
            precis_dependency dep_ascii, dep_other;
            precis_junk junk_ascii, junk_other;
            assert_int_equal(precis_dependency_of(&d, lang, text, n, &dep_ascii), PRECIS_OK);
            assert_int_equal(precis_dependency_of(&d, lang, other, m, &dep_other), PRECIS_OK);
            assert_int_equal(precis_junk_of(&d, lang, text, n, &junk_ascii), PRECIS_OK);
            assert_int_equal(precis_junk_of(&d, lang, other, m, &junk_other), PRECIS_OK);
            if (dep_ascii != dep_other || junk_ascii != junk_other)
                fail_msg("%s: dependency %d against %d, junk %d against %d: %.*s", langs[k],
                         dep_ascii, dep_other, junk_ascii, junk_other, (int)n, text);
        }
    }
    precis_depend_free(&d);
}

/* precis_depend_fold_words by its plain definition: words between white
 * space code points, each folded whole by precis_fold. */
static void fold_words_plain(precis_folder *f, const char *s, size_t start, size_t end,
                             size_t enough, char *out, size_t out_cap, size_t *used)
{
    size_t n = 0, pos = start;
    while (n < enough) {
        while (pos < end) {
            size_t next = pos;
            if (!precis_is_space(precis_utf8_next(s, end, &next)))
                break;
            pos = next;
        }
        if (pos >= end)
            break;
        size_t a = pos;
        while (pos < end) {
            size_t next = pos;
            if (precis_is_space(precis_utf8_next(s, end, &next)))
                break;
            pos = next;
        }
        assert_true(n + 4 < out_cap);
        if (n > 0)
            out[n++] = ' ';
        if (pos - a > 4 * precis_dep_longest_word) {
            memcpy(out + n, "\xef\xbf\xbd", 3);
            n += 3;
            continue;
        }
        const char *folded;
        size_t folded_len;
        assert_int_equal(precis_fold(f, s + a, pos - a, &folded, &folded_len), PRECIS_OK);
        size_t word = n;
        int space = 0;
        for (size_t i = 0; i < folded_len;) {
            size_t at = i;
            int32_t cp = precis_utf8_next(folded, folded_len, &i);
            if (precis_is_space(cp)) {
                space = n > word;
                continue;
            }
            assert_true(n + 6 < out_cap);
            if (space) {
                out[n++] = ' ';
                space = 0;
            }
            if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == '`' || cp == 0xFF07) {
                out[n++] = '\'';
            } else {
                memcpy(out + n, folded + at, i - at);
                n += i - at;
            }
        }
    }
    out[n] = '\0';
    *used = n;
}

/* The fold of junk phrases, its ASCII words folded in place and the
 * others by precis_fold, against the plain definition: random texts of
 * ASCII words and white space, letters with accents, curly quotes, white
 * space past ASCII, fullwidth letters, ligatures and other letters whose
 * fold is ASCII, marks and ignorable characters, a character whose fold
 * holds spaces, bytes that are not UTF-8 and words about as long as the
 * longest folded, cut anywhere and folded to any length. */
static void test_fold_words(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "The", "said", "l'homme", "`quoted`", "DU", "x", "2015", "--", "(AFP)", "Read", "more:",
        " ", " ", " ", "  ", "\t", "\n", "\r\n", "\v\f", "\x1c", "\x00",
        "\xc3\xa9", "\xc3\x80", "\xc3\x9f", "\xc3\x97", "\xc7\x84", "\xcc\x81", "\xc2\xad",
        "\xe2\x80\x99", "\xe2\x80\x98", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xca\xbc",
        "\xef\xbc\x87", "\xef\xbc\xa1", "\xef\xbd\x82", "\xef\xac\x81", "\xe2\x84\xaa",
        "\xe2\x84\xab", "\xc2\xbd", "\xe2\x91\xa0", "\xef\xb7\xba", "\xe2\x80\x8b",
        "\xe2\x80\x83", "\xc2\xa0", "\xe3\x80\x80", "\xc2\x85", "\xe2\x80\xa8", "\xe1\x9a\x80",
        "\xe2\x80\xaf", "\xe4\xb8\xad", "\xf0\x9f\x98\x80",
        "\xff", "\x80", "\xc3", "\xc2", "\xe2", "\xe2\x80", "\xe3\x80", "\xf0\x9f\x98", "\xc0\xaf",
        "\xed\xa0\x80",
    };
    /* 1 to 3 bytes a letter: words near the longest a phrase may hold. */
    static const char *const letters[] = {"a", "Z", "\xc3\xa9", "\xef\xbc\xa1"};
    precis_depend d = {0};
    precis_folder f = {0};
    char *buf = NULL;
    size_t cap = 0;
    static char text[1200], want[16384];
    uint32_t seed = 2026;
    for (int round = 0; round < 8000; round++) {
        size_t n = 0;
        seed = seed * 1664525u + 1013904223u;
        size_t count = (seed >> 16) % 40;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 1664525u + 1013904223u;
            if ((seed >> 8) % 24 == 0) {
                size_t target = 4 * precis_dep_longest_word - 4 + (seed >> 16) % 9;
                const char *l = letters[(seed >> 24) % NELEMS(letters)];
                for (size_t w = 0; w < target && n + 3 < sizeof text / 2; w += strlen(l)) {
                    memcpy(text + n, l, strlen(l));
                    n += strlen(l);
                }
                continue;
            }
            size_t p = (seed >> 8) % NELEMS(pieces);
            /* "\x00" is one byte, the NUL. */
            size_t len = pieces[p][0] == '\0' ? 1 : strlen(pieces[p]);
            if (n + len < sizeof text / 2) {
                memcpy(text + n, pieces[p], len);
                n += len;
            }
        }
        seed = seed * 1664525u + 1013904223u;
        size_t start = (seed >> 8) % 4 == 0 && n > 0 ? (seed >> 12) % (n / 4 + 1) : 0;
        size_t end = (seed >> 10) % 4 == 0 ? n - (seed >> 16) % (n / 4 + 1) : n;
        if (end < start)
            end = start;
        seed = seed * 1664525u + 1013904223u;
        size_t enough = (seed >> 8) % 2 ? SIZE_MAX : (seed >> 12) % 64;
        size_t used = SIZE_MAX, want_used;
        assert_int_equal(
            precis_depend_fold_words(&d, &buf, &cap, &used, text, start, end, enough),
            PRECIS_OK);
        fold_words_plain(&f, text, start, end, enough, want, sizeof want, &want_used);
        if (used != want_used || memcmp(buf, want, used + 1) != 0)
            fail_msg("round %d: %zu bytes folded, %zu wanted: %.*s", round, used, want_used,
                     (int)(end - start), text + start);
    }
    free(buf);
    precis_folder_free(&f);
    precis_depend_free(&d);
}

/* Whether the folded text[0, len) holds an anywhere phrase of langs, by
 * its plain definition: every phrase tried where a character starts a
 * word or is not a letter or digit, and a phrase that ends with a letter
 * or digit ends a word. */
static int holds_anywhere_plain(const char *text, size_t len, uint64_t langs)
{
    int32_t before = ' ';
    for (size_t pos = 0; pos < len;) {
        size_t at = pos;
        int32_t cp = precis_utf8_next(text, len, &pos);
        for (size_t k = 0; k < precis_junk_phrase_total; k++) {
            const precis_junk_phrase *p = &precis_junk_phrases[k];
            if (p->kind != PRECIS_JUNK_PHRASE_ANYWHERE || !(p->langs & langs) ||
                (precis_is_wordchar(cp) && precis_is_wordchar(before)) || p->len > len - at ||
                memcmp(text + at, p->phrase, p->len) != 0)
                continue;
            size_t last, after = at + p->len;
            if (!precis_is_wordchar(precis_utf8_prev(p->phrase, p->len, &last)) || after == len ||
                !precis_is_wordchar(precis_utf8_next(text, len, &after)))
                return 1;
        }
        before = cp;
    }
    return 0;
}

/* The anywhere phrases found, or proved absent by their anchors without
 * folding (in ASCII text, or in other text whose characters past ASCII
 * fold to none), or looked for in the runs of words around the words
 * that hold an anchor, as the plain search of the whole fold finds them:
 * random sentences of up to forty words, phrases among them with their
 * words in capitals, with accents composed or not, written with letters
 * that fold to ASCII (fullwidth, long s, a soft hyphen or a joiner
 * inside), between white space past ASCII, beside words with curly
 * quotes, dashes, letters past ASCII that fold to none, words that hold
 * an anchor and no phrase and bytes that are not UTF-8, in languages
 * with and without a phrase that has no anchor. */
static void test_anywhere_unfolded(void **state)
{
    (void)state;
    /* The words of phrases, each in a few spellings ("|" between them),
     * an empty word ending a phrase. */
    static const char *const phrases[] = {
        "all|ALL|\xef\xbd\x81ll", "rights|Rights|rights\xe2\x80\x8b",
        "reserved|RESERVED|\xef\xbd\x92\xef\xbd\x85\xef\xbd\x93\xef\xbd\x85\xef\xbd\x92\xef\xbd\x96"
        "\xef\xbd\x85\xef\xbd\x84|rese\xc2\xadrved|re\xc5\xbfserved", "",
        "contributed|\xef\xbd\x83ontributed", "to", "this", "report|story", "",
        "scroll", "down", "for", "video|VIDEO", "",
        "this|THIS|\xef\xbd\x94his", "material", "may", "not", "be", "published|Published", "",
        "tous|TOUS", "droits|DROITS|d\xe2\x80\x8droits|\xef\xbd\x84roits",
        "r\xc3\xa9serv\xc3\xa9s|R\xc3\x89SERV\xc3\x89S|re\xcc\x81serve\xcc\x81s", "",
        "(avec|(AVEC|\xef\xbc\x88" "avec", "afp)|AFP)|\xef\xbc\xa1\xef\xbc\xa6\xef\xbc\xb0)", "",
        "alle", "rechte", "vorbehalten|\xef\xbd\x96orbehalten", "",
        "\xd0\xb2\xd1\x81\xd0\xb5|\xd0\x92\xd0\xa1\xd0\x95",
        "\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xb0",
        "\xd0\xb7\xd0\xb0\xd1\x89\xd0\xb8\xd1\x89\xd0\xb5\xd0\xbd\xd1\x8b", "",
    };
    /* Words around them: letters past ASCII, quotes, dashes, signs, bytes
     * that are not UTF-8, a word that holds an anchor and no phrase. */
    static const char *const words[] = {
        "le", "maire", "\xc3\xa9t\xc3\xa9", "l\xe2\x80\x99homme",
        "\xe2\x80\x9cquoted\xe2\x80\x9d", "\xe2\x80\x94", "\xe2\x80\xa6", "\xc2\xbd",
        "\xe2\x84\xaa", "\xc3\x9f", "\xc5\x93uvre", "\xc2\xab", "\xc2\xbb", "x", "\xff", "\xc3",
        "\xef\xac\x81n", "contre", "rights", "e\xcc\x81", "reserved", "contributed", "droits",
        "(avec", "\x80", "\xe2\x80", "\xc2", "\xe2\x80\xa8x",
    };
    static const char *const gaps[] = {" ",          " ",        " ",
                                       "  ",         "\n",       "\xc2\xa0",
                                       "\xe2\x80\x83", "\xc2\xa0\xc2\xa0", " \xe3\x80\x80",
                                       "\xe2\x80\xa8"};
    static const char *const langs[] = {"en", "fr", "de", "ru", "it", "und"};
    precis_depend d = {0}, plain = {0};
    char *buf = NULL;
    size_t cap = 0;
    uint32_t seed = 1515;
    for (int round = 0; round < 6000; round++) {
        char text[1400];
        size_t n = 0;
        seed = seed * 1664525u + 1013904223u;
        size_t count = 1 + (seed >> 16) % 40, phrase_at = (seed >> 4) % 42;
        /* A phrase's first word in phrases. */
        size_t first = (seed >> 24) % NELEMS(phrases);
        while (first > 0 && phrases[first - 1][0] != '\0')
            first--;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 1664525u + 1013904223u;
            const char *gap = k == 0 ? "" : gaps[(seed >> 24) % NELEMS(gaps)];
            if (k != phrase_at) {
                n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", gap,
                                      words[(seed >> 8) % NELEMS(words)]);
                continue;
            }
            for (size_t w = first; phrases[w][0] != '\0'; w++) {
                /* One of the word's spellings. */
                const char *spelling = phrases[w];
                seed = seed * 1664525u + 1013904223u;
                for (size_t pick = (seed >> 16) % 5; pick > 0 && strchr(spelling, '|'); pick--)
                    spelling = strchr(spelling, '|') + 1;
                size_t len = strcspn(spelling, "|");
                n += (size_t)snprintf(text + n, sizeof text - n, "%s%.*s", gap, (int)len, spelling);
                gap = gaps[(seed >> 24) % NELEMS(gaps)];
            }
        }
        for (size_t k = 0; k < NELEMS(langs); k++) {
            int lang = k + 1 < NELEMS(langs) ? precis_lang_find(langs[k]) : PRECIS_LANG_UND;
            size_t used;
            assert_int_equal(
                precis_depend_fold_words(&plain, &buf, &cap, &used, text, 0, n, SIZE_MAX),
                PRECIS_OK);
            int want = holds_anywhere_plain(buf, used, 1ULL << lang | 1ULL << precis_lang_english);
            const precis_anchors *anchors = precis_depend_anywhere_anchors(&d, lang);
            assert_non_null(anchors);
            int anchored = precis_anchors_may_hold(anchors, text, n);
            for (int given = -1; given <= 1; given++) {
                int yes;
                assert_int_equal(precis_depend_holds_anywhere(&d, lang, text, 0, n,
                                                              given == 0 ? anchored : given, &yes),
                                 PRECIS_OK);
                if (yes != want)
                    fail_msg("%s, anchored %d: %d, want %d: %.*s", langs[k], given, yes, want,
                             (int)n, text);
            }
        }
    }
    free(buf);
    precis_depend_free(&plain);
    precis_depend_free(&d);
}

/* One scratch for documents in languages taken in turn, two of them often
 * (what it knows of the phrases of two sets of languages is kept), gives
 * the answers of a scratch of each language's own. */
static void test_languages_in_turn(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "All rights reserved.", "Tous droits r\xc3\xa9serv\xc3\xa9s.", "(avec AFP) Le maire a dit.",
        "READ MORE: the full story", "Lire aussi : le maire", "Alle Rechte vorbehalten.",
        ("\xd0\x92\xd1\x81\xd0\xb5 \xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xb0 "
         "\xd0\xb7\xd0\xb0\xd1\x89\xd0\xb8\xd1\x89\xd0\xb5\xd0\xbd\xd1\x8b."),
        "Mardi 3 mars 2015", "Tuesday, 3 March 2015", "Le maire de Paris a refus\xc3\xa9 hier.",
        "The mayor refused on Monday.", "Scroll down for video.",
    };
    static const char *const codes[] = {"en", "fr", "de", "ru"};
    precis_depend shared = {0}, own[NELEMS(codes)];
    memset(own, 0, sizeof own);
    uint32_t seed = 2;
    for (int round = 0; round < 3000; round++) {
        seed = seed * 1664525u + 1013904223u;
        /* Mostly two languages in turn, sometimes a third or fourth. */
        size_t k = (seed >> 16) % 8 < 6 ? (seed >> 20) % 2 : (seed >> 20) % NELEMS(codes);
        int lang = precis_lang_find(codes[k]);
        const char *text = texts[(seed >> 8) % NELEMS(texts)];
        precis_junk got, want;
        assert_int_equal(precis_junk_of(&shared, lang, text, strlen(text), &got), PRECIS_OK);
        assert_int_equal(precis_junk_of(&own[k], lang, text, strlen(text), &want), PRECIS_OK);
        const precis_anchors *a = precis_depend_anywhere_anchors(&shared, lang);
        const precis_anchors *b = precis_depend_anywhere_anchors(&own[k], lang);
        assert_non_null(a);
        assert_non_null(b);
        if (got != want ||
            precis_anchors_may_hold(a, text, strlen(text)) !=
                precis_anchors_may_hold(b, text, strlen(text)))
            fail_msg("%s: junk %d, want %d: %s", codes[k], got, want, text);
    }
    precis_depend_free(&shared);
    for (size_t k = 0; k < NELEMS(codes); k++)
        precis_depend_free(&own[k]);
}

/* The filter of the entries of table whose masks (a, b, c, d as fields
 * selects them) hold bit, made from the table as its definition says. */
static void filter_of_table(uint64_t *filter, const precis_lex_table *table, uint64_t bit,
                            unsigned fields)
{
    memset(filter, 0, PRECIS_DEP_FILTER_WORDS * sizeof *filter);
    for (size_t slot = 0; slot <= table->mask; slot++) {
        uint32_t held = table->slots[slot];
        if (held == 0)
            continue;
        const precis_lex_entry *e = &table->entries[(held & 0xFFFFu) - 1];
        uint64_t masks = ((fields & 1) ? e->a : 0) | ((fields & 2) ? e->b : 0) |
                         ((fields & 4) ? e->c : 0) | ((fields & 8) ? e->d : 0);
        if (!(masks & bit))
            continue;
        uint64_t h = precis_depend_filter_hash(precis_lang_text + e->word, e->len);
        size_t bits = PRECIS_DEP_FILTER_WORDS * 64, one = h % bits, two = (h >> 32) % bits;
        filter[one / 64] |= 1ULL << (one % 64);
        filter[two / 64] |= 1ULL << (two % 64);
    }
}

/* The filters that tools/gen_langdata.py generates are those that the
 * tables and the hash of depend.c make, for every language. */
static void test_generated_filters(void **state)
{
    (void)state;
    static uint64_t want[3 * PRECIS_DEP_FILTER_WORDS];
    for (int lang = 0; lang <= PRECIS_LANG_UND; lang++) {
        uint64_t bit = 1ULL << lang;
        filter_of_table(want, &precis_dep_openers, bit, 1 | 2 | 4 | 8);
        filter_of_table(want + PRECIS_DEP_FILTER_WORDS, &precis_dep_others, bit, 1 | 4);
        filter_of_table(want + 2 * PRECIS_DEP_FILTER_WORDS, &precis_junk_dates, bit, 1);
        if (memcmp(want, precis_dep_filters[lang], sizeof want) != 0)
            fail_msg("the generated filters of language %d differ", lang);
    }
    int en = precis_lang_find("en");
    const uint64_t *en_filters = precis_dep_filters[en];
    size_t set = 0;
    for (size_t k = 0; k < 3 * PRECIS_DEP_FILTER_WORDS; k++)
        set += en_filters[k] != 0;
    assert_true(set > 0);
}

/* Bytes that are not text: a defined answer, every byte inside the range. */
static void test_not_text(void **state)
{
    (void)state;
    static const char bytes[] = "\xff\xfe He \x00\xc3 said, \xe2\x80 \"it\xf0\x9f\x98";
    precis_depend d = {0};
    int en = precis_lang_find("en");
    for (size_t len = 0; len <= sizeof bytes - 1; len++) {
        precis_dependency dep;
        precis_junk junk;
        assert_int_equal(precis_dependency_of(&d, en, bytes, len, &dep), PRECIS_OK);
        assert_int_equal(precis_junk_of(&d, en, bytes, len, &junk), PRECIS_OK);
    }
    precis_dependency dep;
    precis_junk junk;
    assert_int_equal(precis_dependency_of(&d, -1, bytes, 3, &dep), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_junk_of(&d, PRECIS_LANG_UND + 1, bytes, 3, &junk),
                     PRECIS_ERR_ARGUMENT);
    /* Text in no listed language: English promotions are junk there too,
     * and no opener makes a sentence lean on another. */
    static const char promo[] = "READ MORE: the full story";
    assert_int_equal(precis_junk_of(&d, PRECIS_LANG_UND, promo, sizeof promo - 1, &junk),
                     PRECIS_OK);
    assert_int_equal(junk, PRECIS_JUNK_PROMO);
    static const char he[] = "He left on Monday.";
    assert_int_equal(precis_dependency_of(&d, PRECIS_LANG_UND, he, sizeof he - 1, &dep),
                     PRECIS_OK);
    assert_int_equal(dep, PRECIS_DEPENDENCY_NONE);
    precis_depend_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dependency),
        cmocka_unit_test(test_junk),
        cmocka_unit_test(test_first_words),
        cmocka_unit_test(test_junk_anywhere),
        cmocka_unit_test(test_quotes_and_commas),
        cmocka_unit_test(test_quotes_plain),
        cmocka_unit_test(test_ascii_all),
        cmocka_unit_test(test_dates_plain),
        cmocka_unit_test(test_ascii_paths),
        cmocka_unit_test(test_fold_words),
        cmocka_unit_test(test_anywhere_unfolded),
        cmocka_unit_test(test_languages_in_turn),
        cmocka_unit_test(test_generated_filters),
        cmocka_unit_test(test_not_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

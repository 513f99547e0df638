/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_pathological.c - hostile and degenerate inputs through the public
 * API. Each case has its own bounds and its own expected output, as
 * cmark's pathological tests have: the input must be summarized and split
 * without a crash, within its time and memory bounds, with results that
 * keep the contract (contract.h), the sentence count it expects and the
 * summary it expects; its keyphrases and its summary focused on a query
 * (its own first bytes) and highlighted in every style keep their
 * contracts too, within the same bounds.
 *
 * usage: test_pathological CASE
 *
 * meson runs each case as a test of its own, in its own process. The time
 * bound is checked here (times PATHOLOGICAL_SLOWDOWN under the sanitizers,
 * which slow everything down several times); meson's timeout is only a
 * backstop. The memory bound is an address-space limit set before the
 * input is made and a check of the peak resident set size afterwards
 * (both skipped under AddressSanitizer, which reserves terabytes of shadow
 * memory).
 */
#define _POSIX_C_SOURCE 200809L

#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "contract.h"
#include "precis.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif
#if defined(__has_feature)
#if __has_feature(undefined_behavior_sanitizer)
#define UNDER_UBSAN 1
#endif
#endif
#ifndef UNDER_UBSAN
#define UNDER_UBSAN 0
#endif

#define MB ((size_t)1 << 20)
#define ADDRESS_SPACE_LIMIT (2048 * MB)

/* How much slower a sanitizer build may be than the bounds below, which
 * are set at about five times what the case takes on a 2-core machine
 * (memory at least 64 MB: meson's MALLOC_PERTURB_ touches every page
 * that malloc hands out). */
#define PATHOLOGICAL_SLOWDOWN 8.0

/* ------------------------------------------------------------------ */
/* Making inputs                                                      */

typedef struct input {
    char *data;
    size_t len;
    size_t cap;
} input;

static void put(input *in, const char *bytes, size_t len)
{
    if (in->len + len > in->cap) {
        in->cap = 2 * (in->len + len);
        in->data = realloc(in->data, in->cap);
        assert_non_null(in->data);
    }
    memcpy(in->data + in->len, bytes, len);
    in->len += len;
}

static void puts_in(input *in, const char *s)
{
    put(in, s, strlen(s));
}

/* Repeats s until the input holds at least size bytes. */
static void fill(input *in, const char *s, size_t size)
{
    while (in->len < size)
        puts_in(in, s);
}

static uint32_t next_random(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

/* A pronounceable word from a number: distinct numbers, distinct words. */
static void put_word(input *in, uint32_t number, int capital)
{
    static const char consonants[] = "bdfgklmnprstvz";
    static const char vowels[] = "aeiou";
    char word[16];
    size_t len = 0;
    do {
        word[len++] = consonants[number % 14];
        number /= 14;
        word[len++] = vowels[number % 5];
        number /= 5;
    } while (number > 0);
    if (capital)
        word[0] = (char)(word[0] - 'a' + 'A');
    put(in, word, len);
}

/* ------------------------------------------------------------------ */
/* Running a case                                                     */

/* What a case must give. */
typedef struct expect {
    size_t min_sentences;
    size_t max_sentences;
    size_t summary;         /* sentences in the 3-sentence summary */
    const char *first_line; /* how the text summary starts (a prefix), or NULL */
    double seconds;         /* all of it, without sanitizers */
    size_t peak_rss_mb;
    double ratio;           /* summarize this share of the sentences instead of 3 (0: 3) */
} expect;

/* CPU time of the process, not the wall clock: the bounds are there to
 * catch work that grows faster than the input, and a shared machine's
 * load would otherwise move a case across its bound. */
static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void check_trimmed(const precis_result *res, const char *text)
{
    for (size_t i = 0; i < precis_result_sentence_count(res); i++) {
        precis_sentence s = test_sentence(res, i, 0);
        unsigned char first = (unsigned char)text[s.start];
        unsigned char last = (unsigned char)text[s.start + s.length - 1];
        assert_false(first == ' ' || (first >= '\t' && first <= '\r'));
        assert_false(last == ' ' || (last >= '\t' && last <= '\r'));
    }
}

/* No two sentences of the summary print the same line. */
static void check_no_repeats(const precis_result *res, const input *in)
{
    size_t k = precis_result_summary_count(res);
    precis_buffer **lines = malloc((k ? k : 1) * sizeof *lines);
    assert_non_null(lines);
    for (size_t a = 0; a < k; a++) {
        lines[a] = test_buffer();
        assert_int_equal(precis_render_sentence(res, in->data, in->len, a, lines[a]), PRECIS_OK);
    }
    /* Quadratic, but the longest summary here has 1,000 lines. */
    for (size_t a = 0; a < k; a++) {
        for (size_t b = a + 1; b < k; b++) {
            size_t len = precis_buffer_length(lines[a]);
            if (len == precis_buffer_length(lines[b]) &&
                memcmp(precis_buffer_data(lines[a]), precis_buffer_data(lines[b]), len) == 0) {
                print_error("summary lines %zu and %zu are the same: [%.*s]\n", a, b, (int)len,
                            precis_buffer_data(lines[a]));
                fail();
            }
        }
    }
    for (size_t a = 0; a < k; a++)
        precis_buffer_free(lines[a]);
    free(lines);
}

/* The text summary starts with want (compared up to want's length). */
static void check_first_line(const precis_result *res, const input *in, const char *want)
{
    precis_buffer *out = test_buffer();
    assert_int_equal(precis_render(res, in->data, in->len, PRECIS_FORMAT_TEXT, NULL, out),
                     PRECIS_OK);
    size_t len = strlen(want);
    if (precis_buffer_length(out) < len || memcmp(precis_buffer_data(out), want, len) != 0) {
        print_error("summary starts [%.*s], want [%s]\n", (int)len, precis_buffer_data(out), want);
        fail();
    }
    precis_buffer_free(out);
}

static void run_on(const input *in, const char *name, expect want)
{
    static const precis_format formats[] = {PRECIS_FORMAT_TEXT, PRECIS_FORMAT_JSON,
                                            PRECIS_FORMAT_JSONL};
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    if (want.ratio > 0.0)
        assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_RATIO, want.ratio), PRECIS_OK);
    double start = seconds_now();
    precis_result *res;
    precis_status st = precis_summarize(ctx, in->data, in->len, &res);
    if (st != PRECIS_OK)
        print_error("%s: %s\n", name, precis_ctx_error(ctx));
    assert_int_equal(st, PRECIS_OK);
    double summarized = seconds_now();
    size_t n = precis_result_sentence_count(res);
    assert_null(precis_contract_result(res, in->len, 0));
    assert_in_range(n, want.min_sentences, want.max_sentences);
    assert_int_equal(precis_result_summary_count(res), want.summary);
    check_trimmed(res, in->data);
    check_no_repeats(res, in);
    if (want.first_line != NULL)
        check_first_line(res, in, want.first_line);
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++)
        assert_null(precis_contract_render(res, in->data, in->len, formats[f]));
    precis_result_free(res);

    double split_start = seconds_now();
    assert_int_equal(precis_split(ctx, in->data, in->len, &res), PRECIS_OK);
    double split = seconds_now() - split_start;
    assert_int_equal(precis_result_sentence_count(res), n);
    assert_null(precis_contract_result(res, in->len, 1));
    assert_null(precis_contract_render(res, in->data, in->len, PRECIS_FORMAT_JSON));
    precis_result_free(res);

    double more_start = seconds_now();
    precis_keyword_list *list;
    precis_status kst = precis_keywords(ctx, in->data, in->len, &list);
    if (kst != PRECIS_OK)
        print_error("%s: keywords: %s\n", name, precis_ctx_error(ctx));
    assert_int_equal(kst, PRECIS_OK);
    assert_null(precis_contract_keywords(list, PRECIS_DEFAULT_KEYWORDS));
    precis_keyword_list_free(list);
    assert_int_equal(precis_ctx_set_query(ctx, in->data, in->len < 200 ? in->len : 200),
                     PRECIS_OK);
    assert_int_equal(precis_summarize(ctx, in->data, in->len, &res), PRECIS_OK);
    assert_null(precis_contract_result(res, in->len, 0));
    assert_null(precis_contract_highlight(res, in->data, in->len, PRECIS_HIGHLIGHT_ANSI));
    assert_null(precis_contract_highlight(res, in->data, in->len, PRECIS_HIGHLIGHT_HTML));
    assert_null(precis_contract_highlight(res, in->data, in->len, PRECIS_HIGHLIGHT_MARKDOWN));
    precis_result_free(res);
    double more = seconds_now() - more_start;
    precis_ctx_free(ctx);

    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    size_t peak = (size_t)usage.ru_maxrss * 1024;
    double took = summarized - start + split + more;
    printf("%-28s %9zu bytes %7zu sentences  %.3f s (keyphrases, query, highlights %.3f s; "
           "bound %.0f s)  peak RSS %zu MB (bound %zu MB)\n",
           name, in->len, n, took, more, want.seconds, peak / MB, want.peak_rss_mb);
    double slowdown = UNDER_ASAN || UNDER_UBSAN ? PATHOLOGICAL_SLOWDOWN : 1.0;
    assert_true(took <= want.seconds * slowdown);
    if (!UNDER_ASAN)
        assert_true(peak <= want.peak_rss_mb * MB);
}

/* ------------------------------------------------------------------ */
/* The cases                                                          */

static void no_terminator_10mb(void **state)
{
    (void)state;
    input in = {0};
    uint32_t seed = 1;
    while (in.len < 10 * MB) {
        put_word(&in, next_random(&seed) % 5000, 0);
        puts_in(&in, " ");
    }
    run_on(&in, __func__, (expect){1, 1, 1, NULL, 25, 192, 0});
    free(in.data);
}

static void one_word_sentences_100k(void **state)
{
    (void)state;
    input in = {0};
    for (uint32_t i = 0; i < 100000; i++) {
        put_word(&in, i % 20000, 1);
        puts_in(&in, ". ");
    }
    /* A few of the words read as abbreviations ("No.", "Ma.") and do not
     * end their sentence. */
    run_on(&in, __func__, (expect){99000, 100000, 3, NULL, 15, 192, 0});
    free(in.data);
}

static void same_word_sentences_100k(void **state)
{
    (void)state;
    input in = {0};
    for (size_t i = 0; i < 100000; i++)
        puts_in(&in, "Yes. ");
    /* One line: the others repeat it. */
    run_on(&in, __func__, (expect){100000, 100000, 1, "Yes.\n", 10, 128, 0});
    free(in.data);
}

static void copies_1000(void **state)
{
    (void)state;
    input in = {0};
    for (size_t i = 0; i < 1000; i++)
        puts_in(&in, "The committee approved the budget for the new bridge on Tuesday. ");
    run_on(&in, __func__, (expect){1000, 1000, 1,
                "The committee approved the budget for the new bridge on Tuesday.\n", 10, 128, 0}); /* copies: one is printed */
    free(in.data);
}

static void word_1mb(void **state)
{
    (void)state;
    input in = {0};
    puts_in(&in, "A normal start. Then ");
    fill(&in, "abcdefghij", MB);
    puts_in(&in, ". The end.");
    run_on(&in, __func__, (expect){3, 3, 3, "A normal start.\nThen abcdefghij", 5, 64, 0});
    free(in.data);
}

static void only_punctuation(void **state)
{
    (void)state;
    input in = {0};
    fill(&in, "...!?;:,-()[]{}\"'/\\*&^%$#@~`<>|+= \n", MB);
    run_on(&in, __func__, (expect){0, 0, 0, NULL, 5, 64, 0});
    free(in.data);
}

static void only_stopwords(void **state)
{
    (void)state;
    input in = {0};
    fill(&in, "It is what it is. And so it was. ", MB);
    run_on(&in, __func__, (expect){60000, 70000, 2, "It is what it is.\nAnd so it was.\n", 10, 96, 0});
    free(in.data);
}

static void only_numbers(void **state)
{
    (void)state;
    input in = {0};
    uint32_t seed = 2;
    char number[32];
    while (in.len < MB) {
        snprintf(number, sizeof number, "%u %u.%u. ", next_random(&seed) % 100000,
                 next_random(&seed) % 1000, next_random(&seed) % 100);
        puts_in(&in, number);
    }
    run_on(&in, __func__, (expect){70000, 80000, 3, NULL, 90, 512, 0});
    free(in.data);
}

static void random_binary(void **state)
{
    (void)state;
    input in = {0};
    uint32_t seed = 3;
    while (in.len < MB) {
        char byte = (char)(next_random(&seed) & 0xFF);
        put(&in, &byte, 1);
    }
    run_on(&in, __func__, (expect){1000, 10000, 3, NULL, 10, 96, 0});
    free(in.data);
}

static void nul_bytes(void **state)
{
    (void)state;
    input in = {0};
    static const char chunk[] = "Alpha\0beta gamma. \0\0\0Delta\0. \0";
    while (in.len < MB)
        put(&in, chunk, sizeof chunk - 1);
    while (in.len < 2 * MB)
        put(&in, "", 1);
    run_on(&in, __func__, (expect){60000, 80000, 2, "Alpha", 10, 128, 0});
    free(in.data);
}

static void invalid_and_overlong_utf8(void **state)
{
    (void)state;
    input in = {0};
    /* Stray continuation bytes, truncated sequences, overlong forms of '/'
     * and NUL, code points past U+10FFFF, bytes that never occur. */
    fill(&in,
         "Bad \x80\xBF bytes \xC3 here. Over\xC0\xAF long \xE0\x80\xAF and \xC0\x80. "
         "Beyond \xF4\x90\x80\x80 range \xF8\x88\x80\x80\x80 and \xFE\xFF. Cut \xE2\x82",
         MB);
    run_on(&in, __func__, (expect){30000, 40000, 3, "Bad \x80\xBF bytes \xC3 here.\n", 5, 96, 0});
    free(in.data);
}

static void lone_surrogates(void **state)
{
    (void)state;
    input in = {0};
    fill(&in, "High \xED\xA0\x80 alone. Low \xED\xBF\xBF alone. Pair \xED\xA0\xBD\xED\xB8\x80 "
              "as CESU-8. ",
         MB);
    /* The three distinct sentences, in the order of the text: repeats
     * are never chosen, so the fragments of three words fill the count. */
    run_on(&in, __func__, (expect){50000, 60000, 3, "High \xED\xA0\x80 alone.\n", 5, 96, 0});
    free(in.data);
}

static void cr_only(void **state)
{
    (void)state;
    input in = {0};
    for (uint32_t i = 0; i < 20000; i++) {
        put_word(&in, i, 1);
        puts_in(&in, " reports the weather.\r");
        if (i % 10 == 9)
            puts_in(&in, "\r");
    }
    run_on(&in, __func__, (expect){20000, 20000, 3, NULL, 5, 64, 0});
    free(in.data);
}

static void crlf(void **state)
{
    (void)state;
    input in = {0};
    for (uint32_t i = 0; i < 20000; i++) {
        put_word(&in, i, 1);
        puts_in(&in, " reports the weather.\r\n");
        if (i % 10 == 9)
            puts_in(&in, "\r\n");
    }
    run_on(&in, __func__, (expect){20000, 20000, 3, NULL, 5, 64, 0});
    free(in.data);
}

/* Nothing but line breaks of every kind: no sentence, and memory that does
 * not grow with the number of (blank) lines. */
static void only_line_breaks(void **state)
{
    (void)state;
    input in = {0};
    fill(&in, "\n\r\n\r \n\t\n\f\xE2\x80\xA8\xE2\x80\xA9\xC2\x85\n\n", 16 * MB);
    /* Seven passes over 16 MB: summary, split, keyphrases, the query's
     * summary and its three highlightings. */
    run_on(&in, __func__, (expect){0, 0, 0, NULL, 15, 128, 0});
    free(in.data);
}

static void byte_order_mark(void **state)
{
    (void)state;
    input in = {0};
    puts_in(&in, "\xEF\xBB\xBF");
    fill(&in, "The river rose overnight. Families left their homes. ", 4096);
    run_on(&in, __func__, (expect){156, 156, 2, "The river rose overnight.\nFamilies left their homes.\n", 2, 64, 0});
    precis_ctx *ctx;
    precis_result *res;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_split(ctx, in.data, in.len, &res), PRECIS_OK);
    /* The mark is an encoding signature, not part of the first sentence. */
    assert_int_equal(test_sentence(res, 0, 0).start, 3);
    precis_result_free(res);
    precis_ctx_free(ctx);
    free(in.data);
}

static void right_to_left(void **state)
{
    (void)state;
    input in = {0};
    /* Arabic and Hebrew with their own question mark, and bidirectional
     * controls (RLO, PDF, RLM). */
    fill(&in,
         "\xD8\xA7\xD9\x84\xD9\x86\xD9\x87\xD8\xB1 \xD9\x81\xD8\xA7\xD8\xB6 \xD8\xA7\xD9\x84"
         "\xD9\x8A\xD9\x88\xD9\x85. \xD9\x87\xD9\x84 \xD8\xB1\xD8\xA3\xD9\x8A\xD8\xAA "
         "\xD8\xA7\xD9\x84\xD9\x85\xD8\xB7\xD8\xB1\xD8\x9F \xE2\x80\xAE\xD7\x94\xD7\xA0\xD7\x94"
         "\xD7\xA8 \xD7\xA2\xD7\x9C\xD7\x94.\xE2\x80\xAC \xE2\x80\x8F",
         MB);
    run_on(&in, __func__, (expect){20000, 30000, 3, NULL, 5, 64, 0});
    free(in.data);
}

static void emoji_and_combining_marks(void **state)
{
    (void)state;
    input in = {0};
    /* A ZWJ family, a flag, a skin tone, then a letter under 300 marks. */
    puts_in(&in, "Family \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 "
                 "flag \xF0\x9F\x87\xAB\xF0\x9F\x87\xB7 thumb \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD. ");
    for (size_t i = 0; i < 2000; i++) {
        puts_in(&in, "Ze");
        for (size_t m = 0; m < 300; m++)
            puts_in(&in, m % 2 ? "\xCC\x81" : "\xCD\x9C");
        puts_in(&in, "lgo text \xF0\x9F\x98\x80. ");
    }
    /* The Ze... sentences are fragments of three words, copies of one
     * another: the one longer sentence comes first, and one copy is all
     * that can make up the count. */
    run_on(&in, __func__, (expect){2001, 2001, 2, "Family \xF0\x9F\x91\xA8", 5, 64, 0});
    free(in.data);
}

static void nested_brackets_and_quotes(void **state)
{
    (void)state;
    input in = {0};
    fill(&in, "([{\"\xE2\x80\x9C\xC2\xAB\xE2\x80\x98", MB / 2);
    puts_in(&in, "Deep inside. Still inside!");
    size_t open_len = in.len;
    while (in.len < 2 * open_len)
        puts_in(&in, "\xE2\x80\x99\xC2\xBB\xE2\x80\x9D\"}])");
    run_on(&in, __func__, (expect){1, 1, 1, "([{", 5, 64, 0});
    free(in.data);
}

/* A sentence of common words repeated past the size where the graph is
 * capped: its terms are in every sentence, so the capped graph has no
 * edge between the copies, and only their wording shows they repeat. */
static void copies_2100(void **state)
{
    (void)state;
    input in = {0};
    for (size_t i = 0; i < 2100; i++)
        puts_in(&in, "The committee approved the budget for the new bridge on Tuesday. ");
    run_on(&in, __func__, (expect){2100, 2100, 1,
                "The committee approved the budget for the new bridge on Tuesday.\n", 5, 96, 0});
    free(in.data);
}

/* The same 100 words shuffled into 1,000 sentences, all of them chosen:
 * every pair is similar enough to be compared by wording, and none is
 * worded alike. The comparisons must cost what building the graph costs,
 * not that times the budget. */
static void shuffled_sentences_all_chosen(void **state)
{
    (void)state;
    input in = {0};
    uint32_t order[100], seed = 5;
    for (uint32_t w = 0; w < 100; w++)
        order[w] = w;
    for (size_t i = 0; i < 1000; i++) {
        for (uint32_t w = 99; w > 0; w--) {
            uint32_t other = next_random(&seed) % (w + 1), keep = order[w];
            order[w] = order[other];
            order[other] = keep;
        }
        for (uint32_t w = 0; w < 100; w++) {
            put_word(&in, 2000 + order[w], w == 0);
            puts_in(&in, w == 99 ? ". " : " ");
        }
    }
    run_on(&in, __func__, (expect){1000, 1000, 1000, NULL, 10, 256, 1.0});
    free(in.data);
}

/* Text as PDF exports give it, at its worst: a page break, a page number
 * and a running header every two lines, and a line-end hyphen on every
 * line of text (more than the reader undoes). */
static void pages_and_hyphens(void **state)
{
    (void)state;
    input in = {0};
    for (uint32_t i = 0; in.len < 8 * MB; i++) {
        char number[32];
        snprintf(number, sizeof number, "\n\n%u\n\fJournal of Studies %u\n", i, i % 7);
        put_word(&in, i, 1);
        puts_in(&in, " reports the weath-\ner of the day and the fore-\ncast.");
        puts_in(&in, number);
    }
    run_on(&in, __func__, (expect){50000, 150000, 3, NULL, 10, 192, 0});
    free(in.data);
}

/* Hard-wrapped text with a hyphen at every line end, more than the
 * reader undoes: one long sentence. */
static void hyphenated_lines_200k(void **state)
{
    (void)state;
    input in = {0};
    fill(&in, "the river runs past the old mill and the bri-\ndge to the south of the wa-\n",
         8 * MB);
    run_on(&in, __func__, (expect){1, 1, 1, NULL, 10, 192, 0});
    free(in.data);
}

/* Distinct short lines, each a candidate for a running header. */
static void distinct_short_lines(void **state)
{
    (void)state;
    input in = {0};
    for (uint32_t i = 0; in.len < 4 * MB; i++) {
        put_word(&in, i, 1);
        puts_in(&in, " and ");
        put_word(&in, i + 1, 0);
        puts_in(&in, " 12\n");
    }
    run_on(&in, __func__, (expect){1, 400000, 3, NULL, 10, 384, 0});
    free(in.data);
}

/* ------------------------------------------------------------------ */
/* Topic digests of many documents                                    */

/* Groups docs[0, n), the documents cut from in at the offsets
 * at[0, n + 1), into stories (min_stories to max_stories of them) that keep
 * the contract, a label on each, within the time and memory bounds. */
static void run_topics_on(const input *in, const size_t *at, size_t n, const char *name,
                          size_t min_stories, size_t max_stories, double seconds,
                          size_t peak_rss_mb)
{
    precis_document *docs = calloc(n, sizeof *docs);
    assert_non_null(docs);
    for (size_t i = 0; i < n; i++)
        docs[i] = (precis_document){in->data + at[i], at[i + 1] - at[i], NULL, PRECIS_FROM_AUTO,
                                    NULL, NULL, 0};
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_WORDS, 100), PRECIS_OK);
    double start = seconds_now();
    precis_topics *t;
    precis_status st = precis_digest_topics(ctx, docs, n, sizeof *docs, PRECIS_TOPICS_AUTO, &t);
    if (st != PRECIS_OK)
        print_error("%s: %s\n", name, precis_ctx_error(ctx));
    assert_int_equal(st, PRECIS_OK);
    double took = seconds_now() - start;
    size_t stories = precis_topics_count(t);
    if (stories < min_stories || stories > max_stories)
        print_error("%s: %zu stories\n", name, stories);
    assert_in_range(stories, min_stories, max_stories);
    assert_null(precis_contract_topics(t, docs, n));
    for (size_t k = 0; k < stories; k++)
        assert_true(precis_topics_label(t, k)[0] != '\0');
    precis_topics_free(t);
    precis_ctx_free(ctx);
    free(docs);

    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    size_t peak = (size_t)usage.ru_maxrss * 1024;
    printf("%-28s %9zu bytes %7zu documents %6zu stories  %.3f s (bound %.0f s)  peak RSS %zu "
           "MB (bound %zu MB)\n",
           name, in->len, n, stories, took, seconds, peak / MB, peak_rss_mb);
    double slowdown = UNDER_ASAN || UNDER_UBSAN ? PATHOLOGICAL_SLOWDOWN : 1.0;
    assert_true(took <= seconds * slowdown);
    if (!UNDER_ASAN)
        assert_true(peak <= peak_rss_mb * MB);
}

#define TOPIC_DOCS 10000

/* Ten thousand copies of one article: one story, its posting lists and
 * its digest capped. */
static void topics_copies_10k(void **state)
{
    (void)state;
    input in = {0};
    size_t *at = calloc(TOPIC_DOCS + 1, sizeof *at);
    assert_non_null(at);
    for (size_t i = 0; i < TOPIC_DOCS; i++) {
        at[i] = in.len;
        puts_in(&in, "Storm closes coastal roads in Galway\n\nA storm closed the coastal roads "
                     "of Galway on Monday. Police said 12 trees fell near Salthill.\n");
    }
    at[TOPIC_DOCS] = in.len;
    run_topics_on(&in, at, TOPIC_DOCS, __func__, 1, 1, 15, 256);
    free(at);
    free(in.data);
}

/* Ten thousand articles that share the same common words and names and
 * differ in a few words of their own: every document is every other's
 * candidate, which the index must keep near-linear. */
static void topics_shared_words_10k(void **state)
{
    (void)state;
    input in = {0};
    size_t *at = calloc(TOPIC_DOCS + 1, sizeof *at);
    assert_non_null(at);
    uint32_t seed = 17;
    for (size_t i = 0; i < TOPIC_DOCS; i++) {
        at[i] = in.len;
        puts_in(&in, "Paris Berlin Madrid summit talks ");
        put_word(&in, (uint32_t)i, 1);
        puts_in(&in, "\n\nLeaders of France and Germany met in Paris on Monday for talks. ");
        for (size_t w = 0; w < 6; w++) {
            put_word(&in, next_random(&seed) % 50000, w == 0);
            puts_in(&in, " ");
        }
        puts_in(&in, "said 2024.\n");
    }
    at[TOPIC_DOCS] = in.len;
    run_topics_on(&in, at, TOPIC_DOCS, __func__, 1, TOPIC_DOCS, 35, 512);
    free(at);
    free(in.data);
}

/* Ten thousand articles with nothing in common: about as many stories of
 * one (stemming makes a few of the made-up words one term), each
 * summarized and named. */
static void topics_unrelated_10k(void **state)
{
    (void)state;
    input in = {0};
    size_t *at = calloc(TOPIC_DOCS + 1, sizeof *at);
    assert_non_null(at);
    for (size_t i = 0; i < TOPIC_DOCS; i++) {
        at[i] = in.len;
        for (size_t w = 0; w < 12; w++) {
            put_word(&in, (uint32_t)(i * 12 + w), w == 0);
            puts_in(&in, w == 11 ? ".\n" : " ");
        }
    }
    at[TOPIC_DOCS] = in.len;
    run_topics_on(&in, at, TOPIC_DOCS, __func__, TOPIC_DOCS - TOPIC_DOCS / 100, TOPIC_DOCS, 35,
                  512);
    free(at);
    free(in.data);
}

int main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_terminator_10mb),
        cmocka_unit_test(one_word_sentences_100k),
        cmocka_unit_test(same_word_sentences_100k),
        cmocka_unit_test(copies_1000),
        cmocka_unit_test(word_1mb),
        cmocka_unit_test(only_punctuation),
        cmocka_unit_test(only_stopwords),
        cmocka_unit_test(only_numbers),
        cmocka_unit_test(random_binary),
        cmocka_unit_test(nul_bytes),
        cmocka_unit_test(invalid_and_overlong_utf8),
        cmocka_unit_test(lone_surrogates),
        cmocka_unit_test(cr_only),
        cmocka_unit_test(crlf),
        cmocka_unit_test(only_line_breaks),
        cmocka_unit_test(byte_order_mark),
        cmocka_unit_test(right_to_left),
        cmocka_unit_test(emoji_and_combining_marks),
        cmocka_unit_test(nested_brackets_and_quotes),
        cmocka_unit_test(pages_and_hyphens),
        cmocka_unit_test(hyphenated_lines_200k),
        cmocka_unit_test(distinct_short_lines),
        cmocka_unit_test(topics_copies_10k),
        cmocka_unit_test(topics_shared_words_10k),
        cmocka_unit_test(topics_unrelated_10k),
        cmocka_unit_test(copies_2100),
        cmocka_unit_test(shuffled_sentences_all_chosen),
    };
    /* A name that matches no case must fail, not run nothing. */
    size_t found = 0;
    for (size_t i = 0; argc == 2 && i < sizeof tests / sizeof tests[0]; i++)
        found += strcmp(tests[i].name, argv[1]) == 0;
    if (found != 1) {
        fprintf(stderr, "usage: test_pathological CASE (one of the cases by name)\n");
        return 2;
    }
    cmocka_set_test_filter(argv[1]);
    if (!UNDER_ASAN) {
        struct rlimit limit = {ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT};
        if (setrlimit(RLIMIT_AS, &limit) != 0) {
            perror("setrlimit");
            return 1;
        }
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_pipeline.c - a libFuzzer target for the whole pipeline, through the
 * public API only.
 *
 * The first FUZZ_HEADER bytes choose the options, the rest is the document:
 *   byte 0  bits 0-1: length unit (sentences, ratio, words, chars)
 *           bit 2: split instead of summarize
 *           bits 3-4: format (text, json, jsonl; 3 is text too)
 *           bit 5: tight limits (max_bytes and max_sentences from byte 3)
 *           bit 6: keyphrases too (1 + byte 2 % 32 of them), and a topic
 *                  digest of the document cut at form feeds into documents,
 *                  at most byte 3 mod 8 stories (0: auto)
 *           bit 7: a query (the document's first bytes, up to 64), and the
 *                  summary highlighted in every style
 *   byte 1  language: 0 is auto, k is language (k - 1) mod count
 *   byte 2  length value: 1 + byte, or (1 + byte) / 256 for a ratio
 *   byte 3  with bit 5: max_bytes = 16 * (1 + byte), max_sentences = 1 + byte / 4
 *
 * Beyond not crashing, every run checks the contract (contract.h) and the
 * sentence budget. A violation aborts, which the fuzzer reports as a
 * crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "precis.h"

#define FUZZ_HEADER 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                \
        }                                                                           \
    } while (0)

typedef struct fuzz_options {
    precis_length_unit unit;
    double value;
    int split;
    precis_format format;
    int tight_limits;
    int keywords; /* keyphrases and a topic digest */
    int query;
    size_t max_topics;
    size_t max_bytes;
    size_t max_sentences;
    const char *lang;
} fuzz_options;

static fuzz_options decode_options(const uint8_t *head)
{
    static const precis_format formats[] = {PRECIS_FORMAT_TEXT, PRECIS_FORMAT_JSON,
                                            PRECIS_FORMAT_JSONL, PRECIS_FORMAT_TEXT};
    fuzz_options o;
    o.unit = (precis_length_unit)(head[0] & 3);
    o.split = (head[0] >> 2) & 1;
    o.format = formats[(head[0] >> 3) & 3];
    o.tight_limits = (head[0] >> 5) & 1;
    o.keywords = (head[0] >> 6) & 1;
    o.query = (head[0] >> 7) & 1;
    o.max_topics = head[3] % 8;
    o.lang = head[1] == 0 ? "auto"
                          : precis_language_code((size_t)(head[1] - 1) % precis_language_count());
    o.value = o.unit == PRECIS_LENGTH_RATIO ? (1.0 + head[2]) / 256.0 : 1.0 + head[2];
    o.max_bytes = 16 * (1 + (size_t)head[3]);
    o.max_sentences = 1 + (size_t)head[3] / 4;
    return o;
}

/* The budget itself: checked here because only the target knows it. At
 * most N sentences, at least one of a non-empty document; fewer than N only
 * when the others are headings, boilerplate or near-duplicates, which the
 * result does not say apart. */
static void check_budget(const precis_result *res, const fuzz_options *o)
{
    size_t n = precis_result_sentence_count(res);
    size_t k = precis_result_summary_count(res);
    if (o->split || o->unit != PRECIS_LENGTH_SENTENCES)
        return;
    CHECK(n == 0 ? k == 0 : k >= 1 && k <= (n < (size_t)o->value ? n : (size_t)o->value));
}

static void check(const char *problem)
{
    if (problem != NULL) {
        fprintf(stderr, "contract violated: %s\n", problem);
        abort();
    }
}

static precis_status run(precis_ctx *ctx, const fuzz_options *o, const char *text, size_t len,
                         precis_result **res)
{
    return o->split ? precis_split(ctx, text, len, res) : precis_summarize(ctx, text, len, res);
}

/* Whether the sentences (or the chosen ones) of a and b are the same. */
static int same_sentences(const precis_result *a, const precis_result *b, int summary)
{
    size_t n, m;
    precis_sentence *x = precis_contract_sentences(a, summary, &n);
    precis_sentence *y = precis_contract_sentences(b, summary, &m);
    int same = n == m && (n == 0 || (x != NULL && y != NULL));
    /* member by member up to the speaker, a pointer into each result,
     * whose names must be the same */
    for (size_t i = 0; same && i < n; i++)
        same = memcmp(&x[i], &y[i], offsetof(precis_sentence, speaker)) == 0 &&
               (x[i].speaker == NULL) == (y[i].speaker == NULL) &&
               (x[i].speaker == NULL || strcmp(x[i].speaker, y[i].speaker) == 0);
    free(x);
    free(y);
    return same;
}

static int same_result(const precis_result *a, const precis_result *b)
{
    return strcmp(precis_result_language(a), precis_result_language(b)) == 0 &&
           same_sentences(a, b, 0) && same_sentences(a, b, 1);
}

/* Summarizing and splitting see the same sentences. */
static void check_same_sentences(precis_ctx *ctx, const fuzz_options *o, const char *text,
                                 size_t len, const precis_result *res)
{
    precis_result *other;
    precis_status st = o->split ? precis_summarize(ctx, text, len, &other)
                                : precis_split(ctx, text, len, &other);
    CHECK(st == PRECIS_OK);
    size_t n, m;
    precis_sentence *a = precis_contract_sentences(res, 0, &n);
    precis_sentence *b = precis_contract_sentences(other, 0, &m);
    CHECK(m == n);
    for (size_t i = 0; i < n; i++)
        CHECK(a[i].start == b[i].start && a[i].length == b[i].length);
    free(a);
    free(b);
    precis_result_free(other);
}

/* The one-call function gives what a default context renders as text,
 * NUL bytes included, and a NUL-terminated string. */
static void check_one_call(const char *text, size_t len, size_t n_sentences,
                           const precis_result *res)
{
    char *summary;
    size_t summary_len;
    CHECK(precis_summarize_text(text, len, n_sentences, &summary, &summary_len) == PRECIS_OK);
    precis_buffer *out = NULL;
    CHECK(precis_buffer_new(&out) == PRECIS_OK);
    CHECK(precis_render(res, text, len, PRECIS_FORMAT_TEXT, NULL, out) == PRECIS_OK);
    CHECK(summary_len == precis_buffer_length(out) && summary[summary_len] == '\0');
    CHECK(summary_len == 0 || memcmp(summary, precis_buffer_data(out), summary_len) == 0);
    precis_buffer_free(out);
    precis_free(summary);
}

/* Whether two keyphrase lists are the same, phrase for phrase. */
static int same_keywords(const precis_keyword_list *a, const precis_keyword_list *b)
{
    size_t n = precis_keyword_list_count(a);
    if (n != precis_keyword_list_count(b))
        return 0;
    for (size_t k = 0; k < n; k++) {
        size_t la, lb;
        const char *pa = precis_keyword_list_phrase(a, k, &la);
        const char *pb = precis_keyword_list_phrase(b, k, &lb);
        if (la != lb || memcmp(pa, pb, la) != 0 ||
            precis_keyword_list_score(a, k) != precis_keyword_list_score(b, k) ||
            precis_keyword_list_occurrences(a, k) != precis_keyword_list_occurrences(b, k))
            return 0;
    }
    return 1;
}

/* The keyphrases keep their contract, and come out the same after the
 * context has served another document. */
static void check_keywords(precis_ctx *ctx, const fuzz_options *o, const char *text, size_t len)
{
    size_t most = 1 + (size_t)o->value % 32;
    CHECK(precis_ctx_set_keyword_count(ctx, most) == PRECIS_OK);
    precis_keyword_list *list = NULL, *other = NULL, *again = NULL;
    precis_status st = precis_keywords(ctx, text, len, &list);
    if (st == PRECIS_ERR_TOO_LARGE) {
        CHECK(o->tight_limits && list == NULL);
        return;
    }
    CHECK(st == PRECIS_OK && list != NULL);
    check(precis_contract_keywords(list, most));
    st = precis_keywords(ctx, text + len / 3, len - len / 3, &other);
    CHECK(st == PRECIS_OK || st == PRECIS_ERR_TOO_LARGE);
    CHECK(precis_keywords(ctx, text, len, &again) == PRECIS_OK);
    CHECK(same_keywords(list, again));
    precis_keyword_list_free(list);
    precis_keyword_list_free(other);
    precis_keyword_list_free(again);
}

/* Every highlighting of a summary keeps its contract. */
static void check_highlights(const precis_result *res, const char *text, size_t len)
{
    static const precis_highlight styles[] = {PRECIS_HIGHLIGHT_ANSI, PRECIS_HIGHLIGHT_HTML,
                                              PRECIS_HIGHLIGHT_MARKDOWN};
    for (size_t s = 0; s < sizeof styles / sizeof styles[0]; s++)
        check(precis_contract_highlight(res, text, len, styles[s]));
}

/* A topic digest of text cut at form feeds (the last of at most
 * FUZZ_TOPIC_DOCUMENTS documents takes the rest), checked against the
 * contract; then the documents in reverse order: each document in a story
 * of the same size and label. */
#define FUZZ_TOPIC_DOCUMENTS 32
static void check_topics(precis_ctx *ctx, const fuzz_options *o, const char *text, size_t len)
{
    precis_document docs[FUZZ_TOPIC_DOCUMENTS], reversed[FUZZ_TOPIC_DOCUMENTS];
    size_t n = 0, from = 0;
    for (size_t i = 0; i < len && n < FUZZ_TOPIC_DOCUMENTS - 1; i++)
        if (text[i] == '\f') {
            docs[n++] = (precis_document){text + from, i - from, NULL, PRECIS_FROM_AUTO, NULL, NULL, 0};
            from = i + 1;
        }
    docs[n++] = (precis_document){text + from, len - from, NULL, PRECIS_FROM_AUTO, NULL, NULL, 0};
    for (size_t i = 0; i < n; i++)
        reversed[i] = docs[n - 1 - i];
    precis_topics *t = NULL, *r = NULL;
    precis_status st = precis_digest_topics(ctx, docs, n, sizeof *docs, o->max_topics, &t);
    if (st == PRECIS_ERR_TOO_LARGE) {
        CHECK(o->tight_limits && t == NULL);
        return;
    }
    CHECK(st == PRECIS_OK && t != NULL);
    check(precis_contract_topics(t, docs, n));
    CHECK(o->max_topics == 0 || precis_topics_count(t) <= o->max_topics);
    CHECK(precis_digest_topics(ctx, reversed, n, sizeof *docs, o->max_topics, &r) == PRECIS_OK);
    CHECK(precis_topics_count(r) == precis_topics_count(t));
    size_t story_t[FUZZ_TOPIC_DOCUMENTS], story_r[FUZZ_TOPIC_DOCUMENTS];
    for (size_t k = 0; k < precis_topics_count(t); k++) {
        for (size_t j = 0; j < precis_topics_size(t, k); j++)
            story_t[precis_topics_document(t, k, j)] = k;
        for (size_t j = 0; j < precis_topics_size(r, k); j++)
            story_r[n - 1 - precis_topics_document(r, k, j)] = k;
    }
    for (size_t d = 0; d < n; d++) {
        CHECK(precis_topics_size(t, story_t[d]) == precis_topics_size(r, story_r[d]));
        CHECK(strcmp(precis_topics_label(t, story_t[d]), precis_topics_label(r, story_r[d])) ==
              0);
    }
    precis_topics_free(r);
    precis_topics_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < FUZZ_HEADER)
        return 0;
    fuzz_options o = decode_options(data);
    const char *text = (const char *)data + FUZZ_HEADER;
    size_t len = size - FUZZ_HEADER;

    precis_ctx *ctx;
    CHECK(precis_ctx_new(&ctx) == PRECIS_OK);
    CHECK(precis_ctx_set_language(ctx, o.lang) == PRECIS_OK);
    CHECK(precis_ctx_set_length(ctx, o.unit, o.value) == PRECIS_OK);
    if (o.tight_limits)
        CHECK(precis_ctx_set_limits(ctx, o.max_bytes, o.max_sentences) == PRECIS_OK);
    if (o.query)
        CHECK(precis_ctx_set_query(ctx, text, len < 64 ? len : 64) == PRECIS_OK);
    if (o.keywords) {
        check_keywords(ctx, &o, text, len);
        check_topics(ctx, &o, text, len);
    }

    precis_result *res = NULL;
    precis_status st = run(ctx, &o, text, len, &res);
    if (st == PRECIS_ERR_TOO_LARGE) {
        CHECK(o.tight_limits && res == NULL);
        CHECK(precis_ctx_error(ctx)[0] != '\0');
    } else {
        CHECK(st == PRECIS_OK && res != NULL);
        check(precis_contract_result(res, len, o.split));
        check(precis_contract_render(res, text, len, o.format));
        check_budget(res, &o);
        check_same_sentences(ctx, &o, text, len, res);
        if (!o.split && !o.tight_limits && !o.query && o.unit == PRECIS_LENGTH_SENTENCES &&
            strcmp(o.lang, "auto") == 0)
            check_one_call(text, len, (size_t)o.value, res);
        if (o.query && !o.split)
            check_highlights(res, text, len);
    }

    /* The context is reused for another document, as a batch run would;
     * then the first document must come out exactly as before, whatever
     * the scratch memory holds. */
    if (st == PRECIS_OK) {
        precis_result *other = NULL, *again = NULL;
        precis_status other_st = run(ctx, &o, text + len / 3, len - len / 3, &other);
        CHECK(other_st == PRECIS_OK || other_st == PRECIS_ERR_TOO_LARGE);
        CHECK(run(ctx, &o, text, len, &again) == PRECIS_OK);
        CHECK(same_result(res, again));
        precis_result_free(other);
        precis_result_free(again);
    }
    precis_result_free(res);
    precis_ctx_free(ctx);
    return 0;
}

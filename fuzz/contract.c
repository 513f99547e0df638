/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * contract.c - checks of results and renderings against the API's
 * promises.
 */
#include "contract.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Strict UTF-8: no overlong forms, surrogates or code points past U+10FFFF. */
static int valid_utf8(const char *s, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + pos,
                                              (utf8proc_ssize_t)(len - pos), &cp);
        if (n <= 0)
            return 0;
        pos += (size_t)n;
    }
    return 1;
}

/* The candidates (rank > 0) have ranks 1..c, each once, and scores that sum
 * to 1; a sentence that is never a candidate (a heading, boilerplate) has
 * rank 0 and score 0. */
static const char *check_scores(const precis_sentence *all, size_t n)
{
    unsigned char *seen = calloc(n + 1, 1);
    if (seen == NULL)
        return "out of memory in the check";
    const char *problem = NULL;
    double total = 0.0;
    size_t candidates = 0;
    for (size_t i = 0; i < n && problem == NULL; i++) {
        if (!isfinite(all[i].score) || all[i].score < 0.0)
            problem = "a score is negative or not finite";
        else if (all[i].rank == 0 && all[i].score != 0.0)
            problem = "a sentence that is not ranked has a score";
        else if (all[i].rank > n || (all[i].rank > 0 && seen[all[i].rank]))
            problem = "a rank is out of range or given twice";
        else if (all[i].rank > 0)
            seen[all[i].rank] = 1, candidates++;
        total += all[i].score;
    }
    for (size_t r = 1; r <= candidates && problem == NULL; r++)
        if (!seen[r])
            problem = "the ranks of the candidates are not 1..c";
    free(seen);
    if (problem == NULL && n > 0 && candidates == 0)
        problem = "no sentence is ranked";
    if (problem == NULL && n > 0 && fabs(total - 1.0) > 1e-6)
        problem = "the scores do not sum to 1";
    return problem;
}

precis_sentence *precis_contract_sentences(const precis_result *res, int summary, size_t *n)
{
    *n = summary ? precis_result_summary_count(res) : precis_result_sentence_count(res);
    precis_sentence *s = *n > 0 ? calloc(*n, sizeof *s) : NULL;
    for (size_t i = 0; s != NULL && i < *n; i++) {
        precis_status st = summary ? precis_result_summary(res, i, &s[i], sizeof s[i])
                                   : precis_result_sentence(res, i, &s[i], sizeof s[i]);
        if (st != PRECIS_OK) {
            free(s);
            return NULL;
        }
    }
    return s;
}

static const char *check_result(const precis_sentence *all, size_t n, const precis_sentence *sum,
                                size_t k, size_t len, int split)
{
    size_t end = 0;
    for (size_t i = 0; i < n; i++) {
        if (all[i].index != i)
            return "a sentence's index is not its position";
        if (all[i].length == 0)
            return "a sentence is empty";
        if (all[i].start < end)
            return "sentences overlap or are out of order";
        if (all[i].start > len || all[i].length > len - all[i].start)
            return "a sentence reaches outside the input";
        end = all[i].start + all[i].length;
    }
    if (k > n || (n > 0 && k == 0) || (split && k != n))
        return "the summary has the wrong number of sentences";
    for (size_t j = 0; j < k; j++) {
        if (sum[j].index >= n || (j > 0 && sum[j].index <= sum[j - 1].index))
            return "the summary is not in document order";
        if (memcmp(&sum[j], &all[sum[j].index], sizeof sum[j]) != 0)
            return "a summary sentence differs from the document's";
        if (!(sum[j].flags & PRECIS_SENTENCE_CHOSEN))
            return "a summary sentence is not flagged as chosen";
    }
    return split ? NULL : check_scores(all, n);
}

const char *precis_contract_result(const precis_result *res, size_t len, int split)
{
    size_t n, k;
    precis_sentence *all = precis_contract_sentences(res, 0, &n);
    precis_sentence *sum = precis_contract_sentences(res, 1, &k);
    const char *problem = (n > 0 && all == NULL) || (k > 0 && sum == NULL)
                              ? "out of memory in the check"
                              : check_result(all, n, sum, k, len, split);
    free(all);
    free(sum);
    return problem;
}

const char *precis_contract_render(const precis_result *res, const char *text, size_t len,
                                   precis_format format)
{
    precis_buffer *buf = NULL;
    if (precis_buffer_new(&buf) != PRECIS_OK)
        return "out of memory in the check";
    if (precis_render(res, text, len, format, "input", buf) != PRECIS_OK) {
        precis_buffer_free(buf);
        return "rendering failed";
    }
    struct {
        const char *data;
        size_t len;
    } out = {precis_buffer_data(buf), precis_buffer_length(buf)};
    size_t newlines = 0;
    for (size_t i = 0; i < out.len; i++)
        newlines += out.data[i] == '\n';
    const char *problem = NULL;
    if (format == PRECIS_FORMAT_TEXT) {
        /* White space, line breaks included, is folded inside a sentence. */
        if (newlines != precis_result_summary_count(res))
            problem = "text output does not have one line per sentence";
    } else if (out.len == 0 || out.data[out.len - 1] != '\n') {
        problem = "JSON output does not end with a newline";
    } else if (format == PRECIS_FORMAT_JSONL && newlines != 1) {
        problem = "JSONL output is not one line";
    } else if (!valid_utf8(out.data, out.len)) {
        problem = "JSON output is not valid UTF-8";
    }
    precis_buffer_free(buf);
    return problem;
}

/* How many times needle occurs in s[0, len). */
static size_t occurrences(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle), count = 0;
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, needle, n) == 0)
            count++, i += n - 1;
    return count;
}

static const char *check_keyword_renderings(const precis_keyword_list *list)
{
    static const precis_format formats[] = {PRECIS_FORMAT_TEXT, PRECIS_FORMAT_JSON,
                                            PRECIS_FORMAT_JSONL};
    precis_buffer *buf = NULL;
    if (precis_buffer_new(&buf) != PRECIS_OK)
        return "out of memory in the check";
    const char *problem = NULL;
    for (size_t f = 0; f < sizeof formats / sizeof formats[0] && problem == NULL; f++) {
        precis_buffer_clear(buf);
        if (precis_render_keywords(list, formats[f], "input", buf) != PRECIS_OK) {
            problem = "rendering the keyphrases failed";
            break;
        }
        const char *out = precis_buffer_data(buf);
        size_t len = precis_buffer_length(buf);
        size_t newlines = occurrences(out, len, "\n");
        if (formats[f] == PRECIS_FORMAT_TEXT && newlines != precis_keyword_list_count(list))
            problem = "keyphrase text output does not have one line a phrase";
        else if (formats[f] != PRECIS_FORMAT_TEXT && (len == 0 || out[len - 1] != '\n' ||
                                                      !valid_utf8(out, len)))
            problem = "keyphrase JSON is not valid UTF-8 ending with a newline";
        else if (formats[f] == PRECIS_FORMAT_JSONL && newlines != 1)
            problem = "keyphrase JSONL is not one line";
    }
    precis_buffer_free(buf);
    return problem;
}

const char *precis_contract_keywords(const precis_keyword_list *list, size_t most)
{
    size_t n = precis_keyword_list_count(list);
    if (n > most)
        return "more keyphrases than asked for";
    double total = 0.0, previous = 1.0;
    for (size_t k = 0; k < n; k++) {
        size_t len;
        const char *phrase = precis_keyword_list_phrase(list, k, &len);
        double score = precis_keyword_list_score(list, k);
        if (phrase == NULL || len == 0 || strlen(phrase) != len || !valid_utf8(phrase, len))
            return "a keyphrase is empty or not valid UTF-8";
        if (phrase[0] == ' ' || phrase[len - 1] == ' ' || memchr(phrase, '\n', len) != NULL)
            return "a keyphrase has white space at an end, or a line break";
        if (precis_keyword_list_occurrences(list, k) == 0 ||
            precis_keyword_list_documents(list, k) == 0)
            return "a keyphrase never occurs";
        if (!(score >= 0.0 && score <= previous + 1e-12))
            return "keyphrase scores are not in descending order within [0, 1]";
        previous = score;
        total += score;
    }
    if (total > 1.0 + 1e-6)
        return "keyphrase scores sum to more than 1";
    return check_keyword_renderings(list);
}

const char *precis_contract_highlight(const precis_result *res, const char *text, size_t len,
                                      precis_highlight style)
{
    static const char *const marks[][2] = {
        [PRECIS_HIGHLIGHT_ANSI] = {"\033[30;43m", "\033[0m"},
        [PRECIS_HIGHLIGHT_HTML] = {"<mark>", "</mark>"},
        [PRECIS_HIGHLIGHT_MARKDOWN] = {"**", "**"},
    };
    precis_buffer *buf = NULL;
    if (precis_buffer_new(&buf) != PRECIS_OK)
        return "out of memory in the check";
    const char *problem = NULL;
    if (precis_render_highlight(res, text, len, style, "input", buf) != PRECIS_OK) {
        problem = "highlighting failed";
    } else {
        const char *out = precis_buffer_data(buf);
        size_t n = precis_buffer_length(buf);
        size_t opened = occurrences(out, n, marks[style][0]);
        size_t closed = occurrences(out, n, marks[style][1]);
        int in_place = style == PRECIS_HIGHLIGHT_HTML &&
                       precis_result_format(res) == PRECIS_FROM_HTML;
        if (n > 0 && out[n - 1] != '\n')
            problem = "the highlighted document does not end with a newline";
        else if (style == PRECIS_HIGHLIGHT_MARKDOWN ? opened % 2 != 0 : opened != closed)
            problem = "the highlighted document opens and closes different numbers of marks";
        else if (style != PRECIS_HIGHLIGHT_MARKDOWN && !in_place && !valid_utf8(out, n))
            problem = "the highlighted document is not valid UTF-8";
    }
    precis_buffer_free(buf);
    return problem;
}

/* The summary of story k: sentences of its own documents, each a byte
 * range of the document's input. */
static const char *check_story_summary(const precis_topics *topics, size_t k,
                                       const precis_document *docs)
{
    const precis_result *res = precis_topics_summary(topics, k);
    size_t size = precis_topics_size(topics, k);
    if (res == NULL)
        return "a story has no summary";
    for (size_t c = 0; c < precis_result_summary_count(res); c++) {
        precis_sentence s;
        if (precis_result_summary(res, c, &s, sizeof s) != PRECIS_OK)
            return "a story's summary sentence cannot be read";
        if (s.document >= size)
            return "a story's summary sentence comes from another story";
        const precis_document *d = &docs[precis_topics_document(topics, k, s.document)];
        if (s.length == 0 || s.start > d->len || s.length > d->len - s.start)
            return "a story's summary sentence is not a range of its document";
    }
    return NULL;
}

const char *precis_contract_topics(const precis_topics *topics, const precis_document *docs,
                                   size_t n)
{
    size_t stories = precis_topics_count(topics);
    unsigned char *seen = calloc(n ? n : 1, 1);
    if (seen == NULL)
        return "out of memory in the check";
    const char *problem = NULL;
    size_t placed = 0;
    for (size_t k = 0; k < stories && problem == NULL; k++) {
        size_t size = precis_topics_size(topics, k);
        const char *label = precis_topics_label(topics, k);
        if (size == 0)
            problem = "a story has no documents";
        else if (k > 0 && size > precis_topics_size(topics, k - 1))
            problem = "stories are not biggest first";
        else if (label == NULL || !valid_utf8(label, strlen(label)))
            problem = "a story's label is not valid UTF-8";
        for (size_t j = 0; j < size && problem == NULL; j++) {
            size_t d = precis_topics_document(topics, k, j);
            if (d >= n || seen[d])
                problem = "a document is in no story or in two";
            else if (j > 0 && d < precis_topics_document(topics, k, j - 1))
                problem = "a story's documents are not in input order";
            else
                seen[d] = 1;
            placed++;
        }
        if (problem == NULL)
            problem = check_story_summary(topics, k, docs);
    }
    free(seen);
    if (problem == NULL && placed != n)
        problem = "a document is in no story";
    if (problem != NULL)
        return problem;
    precis_buffer *buf = NULL;
    if (precis_buffer_new(&buf) != PRECIS_OK)
        return "out of memory in the check";
    if (precis_render_topics(topics, docs, n, sizeof *docs, PRECIS_FORMAT_JSONL, buf) !=
        PRECIS_OK) {
        precis_buffer_free(buf);
        return "rendering the stories failed";
    }
    const char *out = precis_buffer_data(buf);
    size_t len = precis_buffer_length(buf), newlines = 0;
    for (size_t i = 0; i < len; i++)
        newlines += out[i] == '\n';
    if (newlines != stories || (len > 0 && out[len - 1] != '\n'))
        problem = "JSONL stories are not one line each";
    else if (!valid_utf8(out, len))
        problem = "JSONL stories are not valid UTF-8";
    precis_buffer_free(buf);
    return problem;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * output.c - text and JSON rendering of results.
 */
#include "output.h"

#include <string.h>

#include "buffer.h"
#include "keywords.h"
#include "lang.h"
#include "result.h"
#include "topics.h"

/* How a rendering walks the result. */
typedef struct render_job {
    const precis_result *res;
    const char *input; /* the text the caller passed: the borrowed document's */
    int pretty;        /* indented JSON */
    precis_buffer *out;
} render_job;

static const char *sentence_text(const render_job *job, const precis_sentence *s)
{
    return precis_result_doc_text(job->res, s->document, job->input) + s->text_start;
}

static void text_line(const render_job *job, const precis_sentence *s)
{
    const char *text = sentence_text(job, s);
    precis_buf_folded(job->out, text, 0, s->text_length);
    precis_buf_append(job->out, "\n", 1);
}

/* sep, then "key": value. */
static void size_member(precis_buffer *out, const char *sep, const char *key, size_t value)
{
    precis_buf_puts(out, sep);
    precis_buf_append(out, "\"", 1);
    precis_buf_puts(out, key);
    precis_buf_puts(out, "\": ");
    precis_buf_size(out, value);
}

/* sep, then "query": the query (white space folded), when there is one. */
static void query_member(precis_buffer *out, const precis_result *res, const char *sep)
{
    if (res->query_len == 0)
        return;
    precis_buf_puts(out, sep);
    precis_buf_puts(out, "\"query\": ");
    precis_buf_json_string(out, res->query, res->query_len, 1);
}

/* The members of a sentence's JSON object, without the braces. A listing
 * of every sentence adds its rank and whether it is in the summary. */
static void sentence_fields(const render_job *job, const precis_sentence *s, int listing)
{
    precis_buffer *out = job->out;
    precis_buf_puts(out, "\"index\": ");
    precis_buf_size(out, s->index);
    precis_buf_puts(out, ", \"start\": ");
    precis_buf_size(out, s->start);
    precis_buf_puts(out, ", \"length\": ");
    precis_buf_size(out, s->length);
    precis_buf_puts(out, ", \"score\": ");
    precis_buf_fixed(out, s->score, PRECIS_SCORE_DECIMALS);
    if (listing) {
        precis_buf_puts(out, ", \"rank\": ");
        precis_buf_size(out, s->rank);
        precis_buf_puts(out, (s->flags & PRECIS_SENTENCE_CHOSEN) ? ", \"chosen\": true"
                                                                  : ", \"chosen\": false");
        precis_buf_puts(out, ", \"depends_on\": ");
        if (s->flags & PRECIS_SENTENCE_DEPENDENT)
            precis_buf_size(out, s->depends_on);
        else
            precis_buf_puts(out, "null");
    }
    precis_buf_puts(out, ", \"text\": ");
    precis_buf_json_string(out, sentence_text(job, s), s->text_length, 1);
    if (s->speaker != NULL) {
        precis_buf_puts(out, ", \"speaker\": ");
        precis_buf_json_string(out, s->speaker, strlen(s->speaker), 1);
    }
}

/* The separator before item k of a JSON array. */
static void array_item(const render_job *job, size_t k, const char *indent)
{
    if (k > 0)
        precis_buf_puts(job->out, job->pretty ? "," : ", ");
    if (job->pretty)
        precis_buf_puts(job->out, indent);
}

static void split_json(const render_job *job)
{
    const precis_result *res = job->res;
    precis_buf_append(job->out, "[", 1);
    for (size_t k = 0; k < res->summary_count; k++) {
        const precis_sentence *s = &res->sentences[res->summary[k]];
        array_item(job, k, "\n  ");
        precis_buf_json_string(job->out, sentence_text(job, s), s->text_length, 0);
    }
    if (job->pretty && res->summary_count > 0)
        precis_buf_append(job->out, "\n", 1);
    precis_buf_puts(job->out, "]\n");
}

/* The clean text of an extract, ending with a line break. */
static void extract_text(const render_job *job)
{
    size_t len = job->res->docs[0].len;
    const char *text = precis_result_doc_text(job->res, 0, job->input);
    precis_buf_append(job->out, text, len);
    if (len > 0 && text[len - 1] != '\n')
        precis_buf_append(job->out, "\n", 1);
}

static void extract_json(const render_job *job, const char *name)
{
    const precis_result *res = job->res;
    precis_buffer *out = job->out;
    const char *sep = job->pretty ? ",\n  " : ", ";
    precis_buf_puts(out, job->pretty ? "{\n  " : "{");
    if (name != NULL) {
        precis_buf_puts(out, "\"file\": ");
        precis_buf_json_string(out, name, strlen(name), 0);
        precis_buf_puts(out, sep);
    }
    const char *format = precis_input_format_name(res->format);
    precis_buf_puts(out, "\"format\": ");
    precis_buf_json_string(out, format, strlen(format), 0);
    precis_buf_puts(out, sep);
    precis_buf_puts(out, "\"title\": ");
    if (res->title[0] != '\0')
        precis_buf_json_string(out, res->title, strlen(res->title), 0);
    else
        precis_buf_puts(out, "null");
    precis_buf_puts(out, sep);
    precis_buf_puts(out, "\"text\": ");
    precis_buf_json_string(out, precis_result_doc_text(res, 0, job->input), res->docs[0].len, 0);
    precis_buf_puts(out, job->pretty ? "\n}\n" : "}\n");
}

static void members(const render_job *job, int listing)
{
    const precis_result *res = job->res;
    precis_buffer *out = job->out;
    const char *field_sep = job->pretty ? ",\n  " : ", ";
    if (res->title[0] != '\0') {
        precis_buf_puts(out, "\"title\": ");
        precis_buf_json_string(out, res->title, strlen(res->title), 0);
        precis_buf_puts(out, field_sep);
    }
    const char *lang = precis_result_language(res);
    precis_buf_puts(out, "\"lang\": ");
    precis_buf_json_string(out, lang, strlen(lang), 0);
    query_member(out, res, field_sep);
    size_member(out, field_sep, "n_sentences", res->sentence_count);
    precis_buf_puts(out, field_sep);
    precis_buf_puts(out, "\"summary\": [");
    for (size_t k = 0; k < res->summary_count; k++) {
        array_item(job, k, "\n    ");
        precis_buf_append(out, "{", 1);
        sentence_fields(job, &res->sentences[res->summary[k]], 0);
        precis_buf_append(out, "}", 1);
    }
    if (job->pretty && res->summary_count > 0)
        precis_buf_puts(out, "\n  ");
    if (!listing)
        return;
    precis_buf_puts(out, job->pretty ? "],\n  \"sentences\": [" : "], \"sentences\": [");
    for (size_t i = 0; i < res->sentence_count; i++) {
        array_item(job, i, "\n    ");
        precis_buf_append(out, "{", 1);
        sentence_fields(job, &res->sentences[i], 1);
        precis_buf_append(out, "}", 1);
    }
    if (job->pretty && res->sentence_count > 0)
        precis_buf_puts(out, "\n  ");
}

static void document_json(const render_job *job, const char *name, int listing)
{
    precis_buffer *out = job->out;
    precis_buf_puts(out, job->pretty ? "{\n  " : "{");
    if (name != NULL) {
        precis_buf_puts(out, "\"file\": ");
        precis_buf_json_string(out, name, strlen(name), 0);
        precis_buf_puts(out, job->pretty ? ",\n  " : ", ");
    }
    members(job, listing);
    precis_buf_puts(out, job->pretty ? "]\n}\n" : "]}\n");
}

static void ranking_lines(const render_job *job)
{
    const precis_result *res = job->res;
    for (size_t i = 0; i < res->sentence_count; i++) {
        const precis_sentence *s = &res->sentences[i];
        precis_buf_size(job->out, s->rank);
        precis_buf_append(job->out, "\t", 1);
        precis_buf_fixed(job->out, s->score, PRECIS_SCORE_DECIMALS);
        precis_buf_puts(job->out, (s->flags & PRECIS_SENTENCE_CHOSEN) ? "\t1\t" : "\t0\t");
        text_line(job, s);
    }
}

/* Whether every sentence's range lies inside what it refers to: the
 * clean text of its document (given by the caller when borrowed) and the
 * input. A sentence's document d is below n_docs, docs[map[d]] (docs[d]
 * when map is NULL). */
static int ranges_fit(const precis_result *res, const precis_document *docs, size_t n_docs,
                      size_t doc_size, const size_t *map, size_t len)
{
    for (size_t i = 0; i < res->sentence_count; i++) {
        const precis_sentence *s = &res->sentences[i];
        size_t d = s->document, input_len = len;
        if (docs != NULL) {
            if (d >= n_docs)
                return 0;
            const precis_document *doc =
                (const precis_document *)((const char *)docs + (map ? map[d] : d) * doc_size);
            input_len = doc->len;
        } else if (d != 0) {
            return 0;
        }
        size_t clean_len = res->docs[d].text != NULL ? res->docs[d].len : input_len;
        if (s->start > input_len || s->length > input_len - s->start ||
            s->text_start > clean_len || s->text_length > clean_len - s->text_start)
            return 0;
    }
    return 1;
}

precis_status precis_render_check(const precis_result *res, const char *text, size_t len,
                                  precis_buffer *out)
{
    if (res == NULL || out == NULL || (text == NULL && len > 0) || res->doc_count != 1 ||
        (res->docs[0].text == NULL && res->docs[0].len != len) ||
        !ranges_fit(res, NULL, 0, 0, NULL, len))
        return PRECIS_ERR_ARGUMENT;
    return PRECIS_OK;
}

static precis_status render(const precis_result *res, const char *text, size_t len,
                            precis_format format, const char *name, int listing,
                            precis_buffer *out)
{
    precis_status st = precis_render_check(res, text, len, out);
    if (st != PRECIS_OK)
        return st;
    render_job job = {res, text, format == PRECIS_FORMAT_JSON, out};
    size_t mark = precis_buf_mark(out);
    switch (format) {
    case PRECIS_FORMAT_TEXT:
        if (res->kind == PRECIS_RESULT_EXTRACT) {
            extract_text(&job);
            break;
        }
        if (listing) {
            ranking_lines(&job);
            break;
        }
        for (size_t k = 0; k < res->summary_count; k++)
            text_line(&job, &res->sentences[res->summary[k]]);
        break;
    case PRECIS_FORMAT_JSON:
    case PRECIS_FORMAT_JSONL:
        if (res->kind == PRECIS_RESULT_SPLIT)
            split_json(&job);
        else if (res->kind == PRECIS_RESULT_EXTRACT)
            extract_json(&job, name);
        else
            document_json(&job, name, listing);
        break;
    default:
        return PRECIS_ERR_ARGUMENT;
    }
    return precis_buf_end(out, mark);
}

precis_status precis_render(const precis_result *result, const char *text, size_t len,
                            precis_format format, const char *name, precis_buffer *out)
{
    return render(result, text, len, format, name, 0, out);
}

precis_status precis_render_ranking(const precis_result *result, const char *text, size_t len,
                                    precis_format format, const char *name, precis_buffer *out)
{
    if (result != NULL && result->kind != PRECIS_RESULT_SUMMARY)
        return PRECIS_ERR_ARGUMENT;
    return render(result, text, len, format, name, 1, out);
}

precis_status precis_render_members(const precis_result *result, const char *text, size_t len,
                                    precis_format format, precis_buffer *out)
{
    precis_status st = precis_render_check(result, text, len, out);
    if (st != PRECIS_OK)
        return st;
    if (result->kind != PRECIS_RESULT_SUMMARY ||
        (format != PRECIS_FORMAT_JSON && format != PRECIS_FORMAT_JSONL))
        return PRECIS_ERR_ARGUMENT;
    render_job job = {result, text, format == PRECIS_FORMAT_JSON, out};
    size_t mark = precis_buf_mark(out);
    members(&job, 0);
    precis_buf_append(out, "]", 1);
    return precis_buf_end(out, mark);
}

precis_status precis_render_sentence(const precis_result *result, const char *text, size_t len,
                                     size_t k, precis_buffer *out)
{
    precis_status st = precis_render_check(result, text, len, out);
    if (st != PRECIS_OK)
        return st;
    if (k >= result->summary_count)
        return PRECIS_ERR_ARGUMENT;
    render_job job = {result, text, 0, out};
    const precis_sentence *s = &result->sentences[result->summary[k]];
    size_t mark = precis_buf_mark(out);
    precis_buf_folded(out, sentence_text(&job, s), 0, s->text_length);
    return precis_buf_end(out, mark);
}

/* ------------------------------------------------------------------ */
/* Digests                                                            */

typedef struct digest_job {
    render_job base;
    const precis_document *docs;
    size_t n_docs;
    size_t doc_size;
    const size_t *map; /* the result's document d is docs[map[d]]; NULL: docs[d] */
} digest_job;

static size_t document_index(const digest_job *job, size_t d)
{
    return job->map != NULL ? job->map[d] : d;
}

static const precis_document *document_at(const digest_job *job, size_t d)
{
    return (const precis_document *)((const char *)job->docs +
                                     document_index(job, d) * job->doc_size);
}

/* A document's label: its name (a JSON string in JSON, unless the caller
 * gave its id as JSON), or its index. A caller built against 1.0 passes
 * a smaller struct, without id_json. */
static void document_label(const digest_job *job, size_t d, int json)
{
    const precis_document *doc = document_at(job, d);
    if (json && job->doc_size >= offsetof(precis_document, id_json_len) + sizeof(size_t) &&
        doc->id_json != NULL)
        precis_buf_append(job->base.out, doc->id_json, doc->id_json_len);
    else if (doc->name == NULL)
        precis_buf_size(job->base.out, document_index(job, d));
    else if (json)
        precis_buf_json_string(job->base.out, doc->name, strlen(doc->name), 0);
    else
        precis_buf_puts(job->base.out, doc->name);
}

static render_job document_job(const digest_job *job, size_t d)
{
    render_job r = job->base;
    r.input = document_at(job, d)->text;
    return r;
}

static void digest_text(const digest_job *job)
{
    const precis_result *res = job->base.res;
    precis_buffer *out = job->base.out;
    size_t previous = SIZE_MAX;
    for (size_t k = 0; k < res->summary_count; k++) {
        const precis_sentence *s = &res->sentences[res->summary[k]];
        if (s->document != previous) {
            precis_buf_puts(out, k > 0 ? "\n==> " : "==> ");
            document_label(job, s->document, 0);
            precis_buf_puts(out, " <==\n");
            previous = s->document;
        }
        render_job doc = document_job(job, s->document);
        text_line(&doc, s);
    }
}

/* The digest's summary as JSON array items: {"id", "index", "start",
 * "length", "score", "text"}. */
static void summary_items(const digest_job *job)
{
    const precis_result *res = job->base.res;
    precis_buffer *out = job->base.out;
    int pretty = job->base.pretty;
    for (size_t k = 0; k < res->summary_count; k++) {
        const precis_sentence *s = &res->sentences[res->summary[k]];
        if (k > 0)
            precis_buf_puts(out, pretty ? "," : ", ");
        precis_buf_puts(out, pretty ? "\n    {\"id\": " : "{\"id\": ");
        document_label(job, s->document, 1);
        precis_buf_puts(out, ", ");
        render_job doc = document_job(job, s->document);
        sentence_fields(&doc, s, 0);
        precis_buf_append(out, "}", 1);
    }
    if (pretty && res->summary_count > 0)
        precis_buf_puts(out, "\n  ");
}

static void digest_json(const digest_job *job)
{
    const precis_result *res = job->base.res;
    precis_buffer *out = job->base.out;
    int pretty = job->base.pretty;
    const char *field_sep = pretty ? ",\n  " : ", ";
    const char *lang = precis_result_language(res);
    precis_buf_puts(out, pretty ? "{\n  \"lang\": " : "{\"lang\": ");
    precis_buf_json_string(out, lang, strlen(lang), 0);
    query_member(out, res, field_sep);
    size_member(out, field_sep, "n_documents", job->n_docs);
    size_member(out, field_sep, "n_sentences", res->sentence_count);
    precis_buf_puts(out, field_sep);
    precis_buf_puts(out, "\"summary\": [");
    summary_items(job);
    precis_buf_puts(out, pretty ? "]\n}\n" : "]}\n");
}

/* Whether the result's documents [0, count) are those of job->docs that
 * it was made from, and its sentences lie inside them. */
static int documents_fit(const digest_job *job, size_t count)
{
    const precis_result *res = job->base.res;
    if (res->doc_count != count)
        return 0;
    for (size_t d = 0; d < count; d++) {
        if (document_index(job, d) >= job->n_docs)
            return 0;
        const precis_document *doc = document_at(job, d);
        if ((doc->text == NULL && doc->len > 0) ||
            (res->docs[d].text == NULL && res->docs[d].len != doc->len))
            return 0;
    }
    return ranges_fit(res, job->docs, count, job->doc_size, job->map, 0);
}

precis_status precis_render_digest(const precis_result *result, const precis_document *docs,
                                   size_t n, size_t doc_size, precis_format format,
                                   precis_buffer *out)
{
    if (result == NULL || out == NULL || (docs == NULL && n > 0) ||
        doc_size < PRECIS_DOCUMENT_SIZE_1_0)
        return PRECIS_ERR_ARGUMENT;
    digest_job job = {{result, NULL, format == PRECIS_FORMAT_JSON, out}, docs, n, doc_size, NULL};
    if (!documents_fit(&job, n))
        return PRECIS_ERR_ARGUMENT;
    size_t mark = precis_buf_mark(out);
    switch (format) {
    case PRECIS_FORMAT_TEXT:
        digest_text(&job);
        break;
    case PRECIS_FORMAT_JSON:
    case PRECIS_FORMAT_JSONL:
        digest_json(&job);
        break;
    default:
        return PRECIS_ERR_ARGUMENT;
    }
    return precis_buf_end(out, mark);
}

/* ------------------------------------------------------------------ */
/* Topic digests                                                      */

static void topic_text(const digest_job *job, size_t k, const precis_topic *topic)
{
    const precis_result *res = job->base.res;
    precis_buffer *out = job->base.out;
    precis_buf_puts(out, k > 0 ? "\n==> topic " : "==> topic ");
    precis_buf_size(out, k + 1);
    precis_buf_puts(out, ": ");
    precis_buf_puts(out, topic->label);
    precis_buf_puts(out, " (");
    precis_buf_size(out, topic->count);
    precis_buf_puts(out, topic->count == 1 ? " document) <==\n" : " documents) <==\n");
    for (size_t i = 0; i < res->summary_count; i++) {
        const precis_sentence *s = &res->sentences[res->summary[i]];
        render_job doc = document_job(job, s->document);
        text_line(&doc, s);
    }
}

static void topic_json(const digest_job *job, size_t k, const precis_topic *topic)
{
    precis_buffer *out = job->base.out;
    int pretty = job->base.pretty;
    const char *field_sep = pretty ? ",\n  " : ", ";
    precis_buf_puts(out, pretty ? "{\n  \"topic\": " : "{\"topic\": ");
    precis_buf_size(out, k + 1);
    precis_buf_puts(out, field_sep);
    precis_buf_puts(out, "\"label\": ");
    precis_buf_json_string(out, topic->label, strlen(topic->label), 0);
    precis_buf_puts(out, field_sep);
    precis_buf_puts(out, "\"documents\": [");
    for (size_t j = 0; j < topic->count; j++) {
        if (j > 0)
            precis_buf_puts(out, ", ");
        document_label(job, j, 1);
    }
    precis_buf_puts(out, "]");
    precis_buf_puts(out, field_sep);
    precis_buf_puts(out, "\"summary\": [");
    summary_items(job);
    precis_buf_puts(out, pretty ? "]\n}\n" : "]}\n");
}

precis_status precis_render_topics(const precis_topics *topics, const precis_document *docs,
                                   size_t n, size_t doc_size, precis_format format,
                                   precis_buffer *out)
{
    if (topics == NULL || out == NULL || (docs == NULL && n > 0) ||
        doc_size < sizeof(precis_document) || topics->n_docs != n ||
        (format != PRECIS_FORMAT_TEXT && format != PRECIS_FORMAT_JSON &&
         format != PRECIS_FORMAT_JSONL))
        return PRECIS_ERR_ARGUMENT;
    for (size_t k = 0; k < topics->count; k++) {
        const precis_topic *topic = &topics->topics[k];
        digest_job job = {{topic->summary, NULL, 0, out}, docs, n, doc_size,
                          topics->members + topic->first};
        if (!documents_fit(&job, topic->count))
            return PRECIS_ERR_ARGUMENT;
    }
    size_t mark = precis_buf_mark(out);
    for (size_t k = 0; k < topics->count; k++) {
        const precis_topic *topic = &topics->topics[k];
        digest_job job = {{topic->summary, NULL, format == PRECIS_FORMAT_JSON, out}, docs, n,
                          doc_size, topics->members + topic->first};
        if (format == PRECIS_FORMAT_TEXT)
            topic_text(&job, k, topic);
        else
            topic_json(&job, k, topic);
    }
    return precis_buf_end(out, mark);
}

/* ------------------------------------------------------------------ */
/* Keyphrases                                                         */

static void keyword_members(const precis_keyword_list *list, int pretty, precis_buffer *out)
{
    const char *sep = pretty ? ",\n  " : ", ";
    const char *lang = precis_languages[list->lang].code;
    precis_buf_puts(out, "\"lang\": ");
    precis_buf_json_string(out, lang, strlen(lang), 0);
    if (list->is_set)
        size_member(out, sep, "n_documents", list->n_documents);
    precis_buf_puts(out, sep);
    precis_buf_puts(out, "\"keywords\": [");
    for (size_t k = 0; k < list->count; k++) {
        const precis_keyword_entry *e = &list->entries[k];
        if (k > 0)
            precis_buf_puts(out, pretty ? "," : ", ");
        precis_buf_puts(out, pretty ? "\n    {\"phrase\": " : "{\"phrase\": ");
        precis_buf_json_string(out, e->phrase, e->len, 0);
        precis_buf_puts(out, ", \"score\": ");
        precis_buf_fixed(out, e->score, PRECIS_SCORE_DECIMALS);
        size_member(out, ", ", "count", e->count);
        if (list->is_set)
            size_member(out, ", ", "documents", e->documents);
        precis_buf_append(out, "}", 1);
    }
    if (pretty && list->count > 0)
        precis_buf_puts(out, "\n  ");
    precis_buf_append(out, "]", 1);
}

precis_status precis_render_keywords(const precis_keyword_list *list, precis_format format,
                                     const char *name, precis_buffer *out)
{
    if (list == NULL || out == NULL)
        return PRECIS_ERR_ARGUMENT;
    size_t mark = precis_buf_mark(out);
    int pretty = format == PRECIS_FORMAT_JSON;
    switch (format) {
    case PRECIS_FORMAT_TEXT:
        for (size_t k = 0; k < list->count; k++) {
            precis_buf_append(out, list->entries[k].phrase, list->entries[k].len);
            precis_buf_append(out, "\n", 1);
        }
        break;
    case PRECIS_FORMAT_JSON:
    case PRECIS_FORMAT_JSONL:
        precis_buf_puts(out, pretty ? "{\n  " : "{");
        if (name != NULL) {
            precis_buf_puts(out, "\"file\": ");
            precis_buf_json_string(out, name, strlen(name), 0);
            precis_buf_puts(out, pretty ? ",\n  " : ", ");
        }
        keyword_members(list, pretty, out);
        precis_buf_puts(out, pretty ? "\n}\n" : "}\n");
        break;
    default:
        return PRECIS_ERR_ARGUMENT;
    }
    return precis_buf_end(out, mark);
}

precis_status precis_render_keywords_members(const precis_keyword_list *list,
                                             precis_format format, precis_buffer *out)
{
    if (list == NULL || out == NULL ||
        (format != PRECIS_FORMAT_JSON && format != PRECIS_FORMAT_JSONL))
        return PRECIS_ERR_ARGUMENT;
    size_t mark = precis_buf_mark(out);
    keyword_members(list, format == PRECIS_FORMAT_JSON, out);
    return precis_buf_end(out, mark);
}

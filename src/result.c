/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * result.c - building results and reading them through the public API.
 */
#include "result.h"

#include <string.h>

#include "lang.h"
#include "util.h"

precis_status precis_result_new(size_t n, size_t k, size_t doc_count, size_t text_bytes,
                                size_t title_len, const char *query, size_t query_len,
                                precis_result **out)
{
    *out = NULL;
    /* One block: the header, the sentences, the summary's indices, the
     * documents, then the bytes of texts, title and query. */
    size_t limit = SIZE_MAX / 8;
    if (query == NULL)
        query_len = 0;
    if (n > limit / sizeof(precis_sentence) || k > n ||
        doc_count > limit / sizeof(precis_result_doc) || text_bytes > limit ||
        title_len > limit || query_len > limit)
        return PRECIS_ERR_NOMEM;
    size_t size = sizeof(precis_result) + n * sizeof(precis_sentence) + k * sizeof(size_t) +
                  doc_count * sizeof(precis_result_doc) + text_bytes + title_len + 1 +
                  query_len + 1;
    precis_result *res = malloc(size);
    if (res == NULL)
        return PRECIS_ERR_NOMEM;
    memset(res, 0, sizeof *res);
    res->sentence_count = n;
    res->sentences = (precis_sentence *)(res + 1);
    res->summary_count = k;
    res->summary = (size_t *)(res->sentences + n);
    res->doc_count = doc_count;
    res->docs = (precis_result_doc *)(res->summary + k);
    char *bytes = (char *)(res->docs + doc_count);
    for (size_t d = 0; d < doc_count; d++)
        res->docs[d] = (precis_result_doc){NULL, 0};
    /* The title sits after the texts (keep_text fills both), then the
     * query. */
    bytes[text_bytes] = '\0';
    res->title = bytes + text_bytes;
    char *query_copy = bytes + text_bytes + title_len + 1;
    if (query_len > 0)
        memcpy(query_copy, query, query_len);
    query_copy[query_len] = '\0';
    res->query = query_copy;
    res->query_len = query_len;
    *out = res;
    return PRECIS_OK;
}

size_t precis_result_text_bytes(const precis_reading *rd)
{
    return rd->borrowed ? 0 : rd->len;
}

void precis_result_keep_text(precis_result *res, size_t d, const precis_reading *rd,
                             size_t *text_used)
{
    char *bytes = (char *)(res->docs + res->doc_count);
    if (!rd->borrowed) {
        if (rd->len > 0)
            memcpy(bytes + *text_used, rd->text, rd->len);
        res->docs[d] = (precis_result_doc){bytes + *text_used, rd->len};
        *text_used += rd->len;
    } else {
        res->docs[d] = (precis_result_doc){NULL, rd->len};
    }
    if (res->doc_count == 1) {
        /* The title's room was counted by the caller from rd->title. */
        char *title = (char *)res->title;
        size_t len = strlen(rd->title);
        memcpy(title, rd->title, len);
        title[len] = '\0';
        res->format = rd->format;
        res->markable = rd->markable;
    }
}

void precis_result_set_sentence(precis_result *res, size_t i, size_t index, size_t d,
                                const precis_span *span, const precis_reading *rd)
{
    size_t in_start = span->start, in_end = span->end;
    if (!rd->borrowed)
        precis_reading_input_range(rd, span->start, span->end, &in_start, &in_end);
    res->sentences[i] = (precis_sentence){
        .index = index,
        .start = in_start,
        .length = in_end - in_start,
        .document = d,
        .text_start = span->start,
        .text_length = span->end - span->start,
        .flags = (span->flags & PRECIS_SPAN_HEADING) ? PRECIS_SENTENCE_HEADING : 0u,
    };
    const char *speaker = res->speakers != NULL ? precis_reading_speaker(rd, span->start) : NULL;
    if (speaker != NULL)
        res->sentences[i].speaker = res->speakers + (speaker - rd->names);
}

precis_status precis_result_keep_speakers(precis_result *res, const precis_reading *rd)
{
    if (rd->turn_count == 0)
        return PRECIS_OK;
    res->speakers = malloc(rd->names_len);
    if (res->speakers == NULL)
        return PRECIS_ERR_NOMEM;
    memcpy(res->speakers, rd->names, rd->names_len);
    return PRECIS_OK;
}

void precis_result_finish(precis_result *res, const precis_ranked *order, size_t ranked,
                          const unsigned char *chosen)
{
    for (size_t r = 0; r < ranked; r++) {
        precis_sentence *s = &res->sentences[order[r].index];
        s->rank = r + 1;
        s->flags |= PRECIS_SENTENCE_CANDIDATE;
    }
    size_t filled = 0;
    for (size_t i = 0; i < res->sentence_count; i++) {
        if (chosen[i]) {
            res->sentences[i].flags |= PRECIS_SENTENCE_CHOSEN;
            res->summary[filled++] = i;
        }
    }
}

precis_status precis_result_summary_only(const precis_result *res, size_t doc_count,
                                         const size_t *new_doc, const size_t *input_len,
                                         precis_result **out)
{
    *out = NULL;
    size_t k = res->summary_count;
    /* Only the texts that chosen sentences read are kept. */
    unsigned char *needed = calloc(res->doc_count ? res->doc_count : 1, 1);
    size_t *start = calloc(doc_count + 1, sizeof *start);
    if (needed == NULL || start == NULL) {
        free(needed);
        free(start);
        return PRECIS_ERR_NOMEM;
    }
    for (size_t c = 0; c < k; c++)
        needed[res->sentences[res->summary[c]].document] = 1;
    size_t text_bytes = 0;
    for (size_t d = 0; d < res->doc_count; d++)
        text_bytes += needed[d] && res->docs[d].text != NULL ? res->docs[d].len : 0;
    size_t title_len = strlen(res->title);
    precis_result *copy;
    if (precis_result_new(k, k, doc_count, text_bytes, title_len, res->query,
                          res->query_len, &copy) != PRECIS_OK) {
        free(needed);
        free(start);
        return PRECIS_ERR_NOMEM;
    }
    copy->lang = res->lang;
    copy->kind = res->kind;
    copy->format = res->format;
    char *bytes = (char *)(copy->docs + doc_count);
    memcpy((char *)copy->title, res->title, title_len + 1);
    for (size_t j = 0; j < doc_count; j++)
        copy->docs[j] = (precis_result_doc){NULL, input_len[j]};
    size_t used = 0;
    for (size_t d = 0; d < res->doc_count; d++) {
        const precis_result_doc *doc = &res->docs[d];
        if (!needed[d] || doc->text == NULL)
            continue;
        memcpy(bytes + used, doc->text, doc->len);
        copy->docs[new_doc[d]] = (precis_result_doc){bytes + used, doc->len};
        used += doc->len;
    }
    /* The chosen sentences by new document, each document's in order. */
    for (size_t c = 0; c < k; c++)
        start[new_doc[res->sentences[res->summary[c]].document] + 1]++;
    for (size_t j = 0; j < doc_count; j++)
        start[j + 1] += start[j];
    for (size_t c = 0; c < k; c++) {
        precis_sentence s = res->sentences[res->summary[c]];
        s.document = new_doc[s.document];
        copy->sentences[start[s.document]++] = s;
    }
    for (size_t c = 0; c < k; c++)
        copy->summary[c] = c;
    if (res->speakers != NULL) {
        /* the names end at the last NUL after the furthest one named */
        size_t names = 0;
        for (size_t c = 0; c < k; c++) {
            const char *sp = copy->sentences[c].speaker;
            if (sp != NULL && (size_t)(sp - res->speakers) + strlen(sp) + 1 > names)
                names = (size_t)(sp - res->speakers) + strlen(sp) + 1;
        }
        copy->speakers = malloc(names > 0 ? names : 1);
        if (copy->speakers == NULL) {
            free(needed);
            free(start);
            precis_result_free(copy);
            return PRECIS_ERR_NOMEM;
        }
        memcpy(copy->speakers, res->speakers, names);
        for (size_t c = 0; c < k; c++)
            if (copy->sentences[c].speaker != NULL)
                copy->sentences[c].speaker =
                    copy->speakers + (copy->sentences[c].speaker - res->speakers);
    }
    free(needed);
    free(start);
    *out = copy;
    return PRECIS_OK;
}

void precis_result_free(precis_result *result)
{
    if (result != NULL)
        free(result->speakers);
    free(result);
}

const char *precis_result_language(const precis_result *result)
{
    if (result == NULL)
        return NULL;
    return result->lang >= 0 ? precis_languages[result->lang].code : "und";
}

precis_input_format precis_result_format(const precis_result *result)
{
    return result != NULL ? result->format : PRECIS_FROM_TEXT;
}

const char *precis_result_title(const precis_result *result)
{
    return result != NULL ? result->title : "";
}

const char *precis_result_query(const precis_result *result, size_t *len)
{
    if (len != NULL)
        *len = result != NULL ? result->query_len : 0;
    return result != NULL ? result->query : "";
}

const char *precis_result_text(const precis_result *result, size_t document, size_t *len)
{
    if (len != NULL)
        *len = 0;
    if (result == NULL || document >= result->doc_count)
        return NULL;
    if (len != NULL)
        *len = result->docs[document].len;
    return result->docs[document].text;
}

size_t precis_result_sentence_count(const precis_result *result)
{
    return result != NULL ? result->sentence_count : 0;
}

size_t precis_result_summary_count(const precis_result *result)
{
    return result != NULL ? result->summary_count : 0;
}

/* The size of precis_sentence in 1.0: the least a caller may pass. */
#define SENTENCE_SIZE_1_0 (offsetof(precis_sentence, flags) + sizeof(unsigned))

static precis_status copy_sentence(const precis_sentence *s, precis_sentence *out, size_t size)
{
    if (out == NULL || size < SENTENCE_SIZE_1_0)
        return PRECIS_ERR_ARGUMENT;
    /* Member by member into zeroed memory: the padding of the stored
     * struct was never written, and whatever the heap held there must not
     * reach the caller (two copies of one sentence compare equal). */
    precis_sentence clean;
    memset(&clean, 0, sizeof clean);
    clean.index = s->index;
    clean.start = s->start;
    clean.length = s->length;
    clean.score = s->score;
    clean.rank = s->rank;
    clean.document = s->document;
    clean.text_start = s->text_start;
    clean.text_length = s->text_length;
    clean.flags = s->flags;
    clean.depends_on = s->depends_on;
    clean.speaker = s->speaker;
    if (size <= sizeof clean) {
        memcpy(out, &clean, size);
    } else {
        /* A caller built against a newer header: what this library does not
         * know of reads as zero. */
        memcpy(out, &clean, sizeof clean);
        memset((char *)out + sizeof clean, 0, size - sizeof clean);
    }
    return PRECIS_OK;
}

precis_status precis_result_sentence(const precis_result *result, size_t i,
                                     precis_sentence *out, size_t size)
{
    if (result == NULL || i >= result->sentence_count)
        return PRECIS_ERR_ARGUMENT;
    return copy_sentence(&result->sentences[i], out, size);
}

precis_status precis_result_summary(const precis_result *result, size_t k, precis_sentence *out,
                                    size_t size)
{
    if (result == NULL || k >= result->summary_count)
        return PRECIS_ERR_ARGUMENT;
    return copy_sentence(&result->sentences[result->summary[k]], out, size);
}

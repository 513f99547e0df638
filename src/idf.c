/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * idf.c - building, merging, reading and writing corpus idf tables.
 */
#include "idf.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "buffer.h"
#include "util.h"

#define FORMAT_VERSION 1
#define VERSION_TAG "# precis idf "
#define FORMAT_HEADER "# precis idf 1\n"
#define DOCUMENTS_TAG "# documents "

precis_status precis_idf_new(precis_idf **out)
{
    if (out == NULL)
        return PRECIS_ERR_ARGUMENT;
    *out = calloc(1, sizeof **out);
    if (*out == NULL)
        return PRECIS_ERR_NOMEM;
    (*out)->table.terms.seed = precis_strtab_random_seed();
    return PRECIS_OK;
}

void precis_idf_free(precis_idf *idf)
{
    if (idf == NULL)
        return;
    precis_dftable_free(&idf->table);
    free(idf->seen);
    free(idf->added);
    free(idf);
}

size_t precis_idf_documents(const precis_idf *idf)
{
    return idf != NULL ? (size_t)idf->documents : 0;
}

size_t precis_idf_terms(const precis_idf *idf)
{
    if (idf == NULL)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < idf->table.terms.count; i++)
        n += idf->table.df[i] > 0;
    return n;
}

precis_status precis_idf_add(precis_idf *idf, precis_ctx *ctx, const char *text, size_t len)
{
    void *unused;
    precis_status st = precis_ctx_begin(ctx, &unused);
    if (st != PRECIS_OK)
        return st;
    if (idf == NULL)
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "no idf table");
    int lang;
    if ((st = precis_analyse(ctx, text, len, PRECIS_ANALYSE_TOKENIZE, "the input", &lang)) !=
        PRECIS_OK)
        return st;
    /* The terms are gathered first and counted only once all of them are
     * in, so that a failure leaves the counts as they were (a term added
     * with a count of 0 is not part of the table). */
    const precis_tokens *tok = &ctx->tok;
    uint64_t stamp = idf->documents + 1;
    size_t distinct = 0;
    for (size_t k = 0; k < tok->count; k++) {
        size_t term_len;
        const char *term = precis_vocab_term(&tok->vocab, tok->ids[k], &term_len);
        uint32_t id;
        if (precis_dftable_intern(&idf->table, term, term_len, &id) != PRECIS_OK ||
            PRECIS_RESERVE(idf->seen, idf->seen_cap, idf->table.terms.count) != PRECIS_OK ||
            PRECIS_RESERVE(idf->added, idf->added_cap, distinct + 1) != PRECIS_OK)
            return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for the idf table");
        while (idf->seen_len < idf->table.terms.count)
            idf->seen[idf->seen_len++] = 0;
        if (idf->seen[id] != stamp) {
            idf->seen[id] = stamp;
            idf->added[distinct++] = id;
        }
    }
    for (size_t i = 0; i < distinct; i++)
        idf->table.df[idf->added[i]] = precis_count_add(idf->table.df[idf->added[i]], 1);
    idf->documents = precis_count_add(idf->documents, 1);
    return PRECIS_OK;
}

precis_status precis_idf_merge(precis_idf *into, const precis_idf *from)
{
    if (into == NULL || from == NULL || into == from)
        return PRECIS_ERR_ARGUMENT;
    for (uint32_t i = 0; i < from->table.terms.count; i++) {
        size_t len;
        const char *term = precis_strtab_key(&from->table.terms, i, &len);
        uint32_t id;
        if (precis_dftable_intern(&into->table, term, len, &id) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        into->table.df[id] = precis_count_add(into->table.df[id], from->table.df[i]);
    }
    into->documents = precis_count_add(into->documents, from->documents);
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* The text format                                                    */

static void append_count(precis_buffer *out, uint64_t count)
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%" PRIu64, count);
    precis_buf_append(out, digits, (size_t)n);
}

typedef struct term_line {
    const char *term;
    size_t len;
    uint64_t df;
} term_line;

static int compare_term_lines(const void *a, const void *b)
{
    const term_line *x = a, *y = b;
    size_t common = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->term, y->term, common);
    if (c != 0)
        return c;
    return (x->len > y->len) - (x->len < y->len);
}

precis_status precis_idf_write(const precis_idf *idf, precis_buffer *out)
{
    if (idf == NULL || out == NULL)
        return PRECIS_ERR_ARGUMENT;
    size_t count = idf->table.terms.count;
    term_line *lines = malloc((count ? count : 1) * sizeof *lines);
    if (lines == NULL)
        return PRECIS_ERR_NOMEM;
    size_t n = 0;
    for (uint32_t i = 0; i < count; i++) {
        if (idf->table.df[i] == 0)
            continue;
        size_t len;
        const char *term = precis_strtab_key(&idf->table.terms, i, &len);
        lines[n++] = (term_line){term, len, idf->table.df[i]};
    }
    qsort(lines, n, sizeof *lines, compare_term_lines);
    size_t mark = precis_buf_mark(out);
    precis_buf_puts(out, FORMAT_HEADER DOCUMENTS_TAG);
    append_count(out, idf->documents);
    precis_buf_append(out, "\n", 1);
    for (size_t i = 0; i < n; i++) {
        precis_buf_append(out, lines[i].term, lines[i].len);
        precis_buf_append(out, "\t", 1);
        append_count(out, lines[i].df);
        precis_buf_append(out, "\n", 1);
    }
    free(lines);
    return precis_buf_end(out, mark);
}

/* A count: 1 to 19 decimal digits, nothing else. */
static int parse_count(const char *s, size_t len, uint64_t *value)
{
    if (len == 0 || len > 19)
        return 0;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *value = v;
    return 1;
}

/* Whether line[0, len) is a version line, "# precis idf N"; N in *version. */
static int version_line(const char *line, size_t len, uint64_t *version)
{
    size_t tag_len = strlen(VERSION_TAG);
    return len > tag_len && memcmp(line, VERSION_TAG, tag_len) == 0 &&
           parse_count(line + tag_len, len - tag_len, version);
}

precis_status precis_idf_load(precis_idf *idf, const char *data, size_t len, size_t *error_line)
{
    if (error_line != NULL)
        *error_line = 0;
    if (idf == NULL || (data == NULL && len > 0))
        return PRECIS_ERR_ARGUMENT;
    size_t tag_len = strlen(DOCUMENTS_TAG);
    size_t line_no = 0, pos = 0;
    int has_documents = 0;
    while (pos < len) {
        line_no++;
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', len - pos);
        /* A table ends with a line feed: without one, it was cut short. */
        if (nl == NULL)
            goto malformed;
        size_t line_len = (size_t)(nl - line);
        pos += line_len + 1;
        if (line_len > 0 && line[line_len - 1] == '\r')
            line_len--;
        uint64_t count;
        /* The first line names the format's version, and so does every
         * table's first line in a concatenation of tables. */
        int is_version = version_line(line, line_len, &count);
        if ((line_no == 1 && !is_version) || (is_version && count != FORMAT_VERSION))
            goto malformed;
        if (line_len > 0 && line[0] == '#') {
            if (line_len > tag_len && memcmp(line, DOCUMENTS_TAG, tag_len) == 0) {
                if (!parse_count(line + tag_len, line_len - tag_len, &count))
                    goto malformed;
                idf->documents = precis_count_add(idf->documents, count);
                has_documents = 1;
            }
            continue;
        }
        const char *tab = memchr(line, '\t', line_len);
        if (tab == NULL || tab == line)
            goto malformed;
        size_t term_len = (size_t)(tab - line);
        if (!parse_count(tab + 1, line_len - term_len - 1, &count))
            goto malformed;
        uint32_t id;
        if (precis_dftable_intern(&idf->table, line, term_len, &id) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        idf->table.df[id] = precis_count_add(idf->table.df[id], count);
    }
    if (line_no == 0)
        line_no = 1; /* an empty input has no version line */
    else if (has_documents)
        return PRECIS_OK;
    else
        line_no = 0;
malformed:
    if (error_line != NULL)
        *error_line = line_no;
    return PRECIS_ERR_FORMAT;
}

/*
 * idf.c - building, merging, reading and writing corpus idf tables.
 */
#include "idf.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "output.h"
#include "util.h"

#define FORMAT_HEADER "# precis idf 1\n"
#define DOCUMENTS_TAG "# documents "

precis_status precis_idf_new(precis_idf **out)
{
    if (out == NULL)
        return PRECIS_ERR_ARGUMENT;
    *out = calloc(1, sizeof **out);
    return *out != NULL ? PRECIS_OK : PRECIS_ERR_NOMEM;
}

void precis_idf_free(precis_idf *idf)
{
    if (idf == NULL)
        return;
    free(idf->bytes);
    free(idf->terms);
    free(idf->slots);
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
    for (size_t i = 0; i < idf->count; i++)
        n += idf->terms[i].df > 0;
    return n;
}

/* The slot that holds term[0, len), or the free slot where it belongs. */
static size_t find_slot(const precis_idf *idf, const char *term, size_t len, uint64_t hash)
{
    size_t mask = idf->slot_count - 1;
    size_t slot = (size_t)hash & mask;
    for (;;) {
        uint32_t held = idf->slots[slot];
        if (held == 0)
            return slot;
        const precis_idf_term *t = &idf->terms[held - 1];
        if (t->hash == hash && t->len == len && memcmp(idf->bytes + t->start, term, len) == 0)
            return slot;
        slot = (slot + 1) & mask;
    }
}

uint64_t precis_idf_df(const precis_idf *idf, const char *term, size_t len)
{
    if (idf->count == 0)
        return 0;
    uint32_t held = idf->slots[find_slot(idf, term, len, precis_hash_bytes(term, len))];
    return held != 0 ? idf->terms[held - 1].df : 0;
}

static precis_status grow_slots(precis_idf *idf)
{
    if (idf->slot_count > SIZE_MAX / 2 / sizeof *idf->slots)
        return PRECIS_ERR_NOMEM;
    size_t count = idf->slot_count ? idf->slot_count * 2 : 1024;
    uint32_t *slots = calloc(count, sizeof *slots);
    if (slots == NULL)
        return PRECIS_ERR_NOMEM;
    free(idf->slots);
    idf->slots = slots;
    idf->slot_count = count;
    for (size_t i = 0; i < idf->count; i++) {
        const precis_idf_term *t = &idf->terms[i];
        idf->slots[find_slot(idf, idf->bytes + t->start, t->len, t->hash)] = (uint32_t)(i + 1);
    }
    return PRECIS_OK;
}

/* Finds term[0, len), adding it with a count of 0 when it is new, and
 * stores its entry index in *index. */
static precis_status intern(precis_idf *idf, const char *term, size_t len, size_t *index)
{
    if (idf->count + 1 > idf->slot_count / 2 && grow_slots(idf) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    uint64_t hash = precis_hash_bytes(term, len);
    size_t slot = find_slot(idf, term, len, hash);
    if (idf->slots[slot] != 0) {
        *index = idf->slots[slot] - 1;
        return PRECIS_OK;
    }
    if (idf->count >= UINT32_MAX - 1 || len > SIZE_MAX - idf->bytes_len ||
        PRECIS_RESERVE(idf->bytes, idf->bytes_cap, idf->bytes_len + len) != PRECIS_OK ||
        PRECIS_RESERVE(idf->terms, idf->terms_cap, idf->count + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memcpy(idf->bytes + idf->bytes_len, term, len);
    idf->terms[idf->count] = (precis_idf_term){hash, idf->bytes_len, len, 0, 0};
    idf->bytes_len += len;
    idf->slots[slot] = (uint32_t)(idf->count + 1);
    *index = idf->count++;
    return PRECIS_OK;
}

/* Adds to a count without wrapping around. */
static uint64_t add_counts(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

precis_status precis_idf_add(precis_idf *idf, precis_ctx *ctx, const char *text, size_t len)
{
    void *unused = NULL;
    precis_status st = precis_check_input(ctx, text, len, &unused);
    if (st != PRECIS_OK)
        return st;
    if (idf == NULL)
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "no idf table");
    int lang;
    if ((st = precis_pick_language(ctx, text, len, &lang)) != PRECIS_OK ||
        (st = precis_segment_checked(ctx, text, len, lang)) != PRECIS_OK ||
        (st = precis_tokenize_doc(ctx, text, lang)) != PRECIS_OK)
        return st;
    /* The terms are gathered first and counted only once all of them are
     * in, so that a failure leaves the counts as they were. */
    const precis_tokens *tok = &ctx->tok;
    uint64_t stamp = idf->documents + 1;
    size_t distinct = 0;
    for (size_t k = 0; k < tok->count; k++) {
        size_t index;
        if (intern(idf, tok->bytes + tok->term_start[k],
                   tok->term_start[k + 1] - tok->term_start[k], &index) != PRECIS_OK ||
            PRECIS_RESERVE(idf->added, idf->added_cap, distinct + 1) != PRECIS_OK)
            return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for the idf table");
        if (idf->terms[index].seen != stamp) {
            idf->terms[index].seen = stamp;
            idf->added[distinct++] = index;
        }
    }
    for (size_t i = 0; i < distinct; i++)
        idf->terms[idf->added[i]].df = add_counts(idf->terms[idf->added[i]].df, 1);
    idf->documents = add_counts(idf->documents, 1);
    return PRECIS_OK;
}

precis_status precis_idf_merge(precis_idf *into, const precis_idf *from)
{
    if (into == NULL || from == NULL || into == from)
        return PRECIS_ERR_ARGUMENT;
    for (size_t i = 0; i < from->count; i++) {
        const precis_idf_term *t = &from->terms[i];
        size_t index;
        if (intern(into, from->bytes + t->start, t->len, &index) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        into->terms[index].df = add_counts(into->terms[index].df, t->df);
    }
    into->documents = add_counts(into->documents, from->documents);
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* The text format                                                    */

static precis_status append_count(precis_buffer *out, uint64_t count)
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%" PRIu64, count);
    return precis_buffer_append(out, digits, (size_t)n);
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
    term_line *lines = malloc((idf->count ? idf->count : 1) * sizeof *lines);
    if (lines == NULL)
        return PRECIS_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < idf->count; i++)
        if (idf->terms[i].df > 0)
            lines[n++] = (term_line){idf->bytes + idf->terms[i].start, idf->terms[i].len,
                                     idf->terms[i].df};
    qsort(lines, n, sizeof *lines, compare_term_lines);
    size_t mark = out->len;
    precis_status st = precis_buffer_puts(out, FORMAT_HEADER DOCUMENTS_TAG);
    if (st == PRECIS_OK)
        st = append_count(out, idf->documents);
    if (st == PRECIS_OK)
        st = precis_buffer_append(out, "\n", 1);
    for (size_t i = 0; i < n && st == PRECIS_OK; i++) {
        st = precis_buffer_append(out, lines[i].term, lines[i].len);
        if (st == PRECIS_OK)
            st = precis_buffer_append(out, "\t", 1);
        if (st == PRECIS_OK)
            st = append_count(out, lines[i].df);
        if (st == PRECIS_OK)
            st = precis_buffer_append(out, "\n", 1);
    }
    free(lines);
    if (st != PRECIS_OK && out->data != NULL) {
        out->len = mark;
        out->data[mark] = '\0';
    }
    return st;
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
        size_t line_len = nl != NULL ? (size_t)(nl - line) : len - pos;
        pos += line_len + (nl != NULL);
        if (line_len > 0 && line[line_len - 1] == '\r')
            line_len--;
        uint64_t count;
        if (line_len > 0 && line[0] == '#') {
            if (line_len > tag_len && memcmp(line, DOCUMENTS_TAG, tag_len) == 0) {
                if (!parse_count(line + tag_len, line_len - tag_len, &count))
                    goto malformed;
                idf->documents = add_counts(idf->documents, count);
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
        size_t index;
        if (intern(idf, line, term_len, &index) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        idf->terms[index].df = add_counts(idf->terms[index].df, count);
    }
    if (has_documents)
        return PRECIS_OK;
    line_no = 0;
malformed:
    if (error_line != NULL)
        *error_line = line_no;
    return PRECIS_ERR_FORMAT;
}

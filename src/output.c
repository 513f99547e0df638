/*
 * output.c - text and JSON rendering.
 */
#include "output.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "result.h"
#include "utf8.h"
#include "util.h"

#define SCORE_DECIMALS 6

void precis_buffer_free(precis_buffer *buf)
{
    if (buf == NULL)
        return;
    free(buf->data);
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
}

precis_status precis_buffer_append(precis_buffer *buf, const char *bytes, size_t len)
{
    if (len > SIZE_MAX - buf->len - 1 ||
        PRECIS_RESERVE(buf->data, buf->cap, buf->len + len + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (len > 0)
        memcpy(buf->data + buf->len, bytes, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
    return PRECIS_OK;
}

precis_status precis_buffer_puts(precis_buffer *buf, const char *s)
{
    return precis_buffer_append(buf, s, strlen(s));
}

precis_status precis_append_folded(precis_buffer *buf, const char *text, size_t start,
                                   size_t end)
{
    size_t pos = start, run = start;
    int in_space = 0;
    while (pos < end) {
        size_t at = pos;
        int32_t cp = precis_utf8_next(text, end, &pos);
        int space = precis_is_space(cp);
        if (space && !in_space) {
            if (precis_buffer_append(buf, text + run, at - run) != PRECIS_OK ||
                precis_buffer_append(buf, " ", 1) != PRECIS_OK)
                return PRECIS_ERR_NOMEM;
        } else if (!space && in_space) {
            run = at;
        }
        in_space = space;
    }
    if (!in_space)
        return precis_buffer_append(buf, text + run, end - run);
    return PRECIS_OK;
}

static precis_status append_json_codepoint(precis_buffer *buf, int32_t cp, const char *raw,
                                           size_t raw_len)
{
    char esc[8];
    switch (cp) {
    case '"':
        return precis_buffer_append(buf, "\\\"", 2);
    case '\\':
        return precis_buffer_append(buf, "\\\\", 2);
    case '\n':
        return precis_buffer_append(buf, "\\n", 2);
    case '\r':
        return precis_buffer_append(buf, "\\r", 2);
    case '\t':
        return precis_buffer_append(buf, "\\t", 2);
    case '\b':
        return precis_buffer_append(buf, "\\b", 2);
    case '\f':
        return precis_buffer_append(buf, "\\f", 2);
    default:
        break;
    }
    if (cp < 0x20 || cp == 0x2028 || cp == 0x2029) {
        snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
        return precis_buffer_append(buf, esc, 6);
    }
    return precis_buffer_append(buf, raw, raw_len);
}

precis_status precis_append_json_string(precis_buffer *buf, const char *bytes, size_t len,
                                        int fold)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    if (precis_buffer_append(buf, "\"", 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    size_t pos = 0, run = 0;
    int in_space = 0;
    /* Plain bytes are copied in runs; only bytes that need an escape, a
     * replacement or folding interrupt a run. */
    while (pos < len) {
        size_t at = pos;
        unsigned char c = (unsigned char)bytes[pos];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && !(fold && c == ' ')) {
            pos++;
            in_space = 0;
            continue;
        }
        int32_t cp = precis_utf8_next(bytes, len, &pos);
        int invalid = cp == PRECIS_REPLACEMENT_CHAR && pos - at == 1;
        int space = fold && precis_is_space(cp);
        int special = invalid || space || cp < 0x20 || cp == '"' || cp == '\\' || cp == 0x2028 ||
                      cp == 0x2029;
        if (!special) {
            in_space = 0;
            continue;
        }
        if (precis_buffer_append(buf, bytes + run, at - run) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        run = pos;
        precis_status st = PRECIS_OK;
        if (space) {
            if (!in_space)
                st = precis_buffer_append(buf, " ", 1);
        } else if (invalid) {
            st = precis_buffer_append(buf, replacement, 3);
        } else {
            st = append_json_codepoint(buf, cp, bytes + at, pos - at);
        }
        if (st != PRECIS_OK)
            return st;
        in_space = space;
    }
    if (precis_buffer_append(buf, bytes + run, len - run) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    return precis_buffer_append(buf, "\"", 1);
}

precis_status precis_append_size(precis_buffer *buf, size_t value)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%zu", value);
    return precis_buffer_append(buf, digits, (size_t)n);
}

precis_status precis_append_fixed(precis_buffer *buf, double value, int decimals)
{
    /* Integer arithmetic keeps the output free of LC_NUMERIC's decimal
     * separator, whatever the host program set. */
    if (decimals < 0 || decimals > 18)
        return PRECIS_ERR_ARGUMENT; /* 10^decimals must fit the integer */
    unsigned long long scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    int negative = value < 0.0;
    double magnitude = fabs(value);
    if (!isfinite(value) || magnitude * (double)scale >= 9e18)
        magnitude = 0.0, negative = 0;
    unsigned long long q = (unsigned long long)llround(magnitude * (double)scale);
    if (q == 0)
        negative = 0;
    char digits[64];
    int n = decimals == 0
                ? snprintf(digits, sizeof digits, "%s%llu", negative ? "-" : "", q)
                : snprintf(digits, sizeof digits, "%s%llu.%0*llu", negative ? "-" : "", q / scale,
                           decimals, q % scale);
    return precis_buffer_append(buf, digits, (size_t)n);
}

/* ------------------------------------------------------------------ */

static precis_status render_text(const precis_result *res, const char *text, precis_buffer *out)
{
    for (size_t k = 0; k < res->summary_count; k++) {
        const precis_sentence *s = &res->summary[k];
        if (precis_append_folded(out, text, s->start, s->start + s->length) != PRECIS_OK ||
            precis_buffer_append(out, "\n", 1) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
    }
    return PRECIS_OK;
}

static precis_status render_split_json(const precis_result *res, const char *text, int pretty,
                                       precis_buffer *out)
{
    precis_status st = precis_buffer_append(out, "[", 1);
    for (size_t k = 0; k < res->summary_count && st == PRECIS_OK; k++) {
        const precis_sentence *s = &res->summary[k];
        if (k > 0)
            st = precis_buffer_puts(out, pretty ? "," : ", ");
        if (st == PRECIS_OK && pretty)
            st = precis_buffer_puts(out, "\n  ");
        if (st == PRECIS_OK)
            st = precis_append_json_string(out, text + s->start, s->length, 0);
    }
    if (st == PRECIS_OK && pretty && res->summary_count > 0)
        st = precis_buffer_append(out, "\n", 1);
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, "]\n");
    return st;
}

/* sep, then "key": value. */
static precis_status size_member(precis_buffer *out, const char *sep, const char *key,
                                 size_t value)
{
    precis_status st = precis_buffer_puts(out, sep);
    if (st == PRECIS_OK)
        st = precis_buffer_append(out, "\"", 1);
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, key);
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, "\": ");
    if (st == PRECIS_OK)
        st = precis_append_size(out, value);
    return st;
}

/* The members of a sentence's JSON object, without the braces. A listing
 * of every sentence (chosen is 0 or 1) adds its rank and whether it is in
 * the summary; a summary (chosen is -1) does not. */
static precis_status render_sentence_fields(const precis_sentence *s, int chosen,
                                            const char *text, precis_buffer *out)
{
    precis_status st = precis_buffer_puts(out, "\"index\": ");
    if (st == PRECIS_OK)
        st = precis_append_size(out, s->index);
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, ", \"start\": ");
    if (st == PRECIS_OK)
        st = precis_append_size(out, s->start);
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, ", \"length\": ");
    if (st == PRECIS_OK)
        st = precis_append_size(out, s->length);
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, ", \"score\": ");
    if (st == PRECIS_OK)
        st = precis_append_fixed(out, s->score, SCORE_DECIMALS);
    if (st == PRECIS_OK && chosen >= 0) {
        st = precis_buffer_puts(out, ", \"rank\": ");
        if (st == PRECIS_OK)
            st = precis_append_size(out, s->rank);
        if (st == PRECIS_OK)
            st = precis_buffer_puts(out, chosen ? ", \"chosen\": true" : ", \"chosen\": false");
    }
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, ", \"text\": ");
    if (st == PRECIS_OK)
        st = precis_append_json_string(out, text + s->start, s->length, 1);
    return st;
}

/* A sentence's JSON object; chosen as for render_sentence_fields. */
static precis_status render_sentence_json(const precis_sentence *s, int chosen, const char *text,
                                          precis_buffer *out)
{
    precis_status st = precis_buffer_append(out, "{", 1);
    if (st == PRECIS_OK)
        st = render_sentence_fields(s, chosen, text, out);
    if (st == PRECIS_OK)
        st = precis_buffer_append(out, "}", 1);
    return st;
}

/* Walks every sentence in document order with whether it is in the
 * summary, which is in document order too. */
typedef precis_status (*sentence_writer)(const precis_sentence *s, int chosen, const char *text,
                                         int first, int pretty, precis_buffer *out);

static precis_status each_sentence(const precis_result *res, const char *text, int pretty,
                                   sentence_writer write, precis_buffer *out)
{
    size_t next = 0;
    precis_status st = PRECIS_OK;
    for (size_t i = 0; i < res->sentence_count && st == PRECIS_OK; i++) {
        int chosen = next < res->summary_count && res->summary[next].index == i;
        next += (size_t)chosen;
        st = write(&res->sentences[i], chosen, text, i == 0, pretty, out);
    }
    return st;
}

static precis_status write_ranking_line(const precis_sentence *s, int chosen, const char *text,
                                        int first, int pretty, precis_buffer *out)
{
    (void)first;
    (void)pretty;
    precis_status st = precis_append_size(out, s->rank);
    if (st == PRECIS_OK)
        st = precis_buffer_append(out, "\t", 1);
    if (st == PRECIS_OK)
        st = precis_append_fixed(out, s->score, SCORE_DECIMALS);
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, chosen ? "\t1\t" : "\t0\t");
    if (st == PRECIS_OK)
        st = precis_append_folded(out, text, s->start, s->start + s->length);
    if (st == PRECIS_OK)
        st = precis_buffer_append(out, "\n", 1);
    return st;
}

static precis_status write_ranking_json(const precis_sentence *s, int chosen, const char *text,
                                        int first, int pretty, precis_buffer *out)
{
    precis_status st = first ? PRECIS_OK : precis_buffer_puts(out, pretty ? "," : ", ");
    if (st == PRECIS_OK && pretty)
        st = precis_buffer_puts(out, "\n    ");
    if (st == PRECIS_OK)
        st = render_sentence_json(s, chosen, text, out);
    return st;
}

static precis_status render_json(const precis_result *res, const char *text, const char *name,
                                 int pretty, int all, precis_buffer *out)
{
    const char *field_sep = pretty ? ",\n  " : ", ";
    precis_status st = precis_buffer_puts(out, pretty ? "{\n  " : "{");
    if (st == PRECIS_OK && name != NULL) {
        st = precis_buffer_puts(out, "\"file\": ");
        if (st == PRECIS_OK)
            st = precis_append_json_string(out, name, strlen(name), 0);
        if (st == PRECIS_OK)
            st = precis_buffer_puts(out, field_sep);
    }
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, "\"lang\": ");
    if (st == PRECIS_OK)
        st = precis_append_json_string(out, precis_result_language(res),
                                       strlen(precis_result_language(res)), 0);
    if (st == PRECIS_OK)
        st = size_member(out, field_sep, "n_sentences", res->sentence_count);
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, field_sep);
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, "\"summary\": [");
    for (size_t k = 0; k < res->summary_count && st == PRECIS_OK; k++) {
        if (k > 0)
            st = precis_buffer_puts(out, pretty ? "," : ", ");
        if (st == PRECIS_OK && pretty)
            st = precis_buffer_puts(out, "\n    ");
        if (st == PRECIS_OK)
            st = render_sentence_json(&res->summary[k], -1, text, out);
    }
    if (st == PRECIS_OK && pretty && res->summary_count > 0)
        st = precis_buffer_puts(out, "\n  ");
    if (st == PRECIS_OK && all) {
        st = precis_buffer_puts(out, pretty ? "],\n  \"sentences\": [" : "], \"sentences\": [");
        if (st == PRECIS_OK)
            st = each_sentence(res, text, pretty, write_ranking_json, out);
        if (st == PRECIS_OK && pretty && res->sentence_count > 0)
            st = precis_buffer_puts(out, "\n  ");
    }
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, pretty ? "]\n}\n" : "]}\n");
    return st;
}

/* Leaves out as it was at mark when st is a failure, rather than holding
 * half a document. */
static precis_status undo_on_failure(precis_buffer *out, size_t mark, precis_status st)
{
    if (st != PRECIS_OK) {
        out->len = mark;
        if (out->data != NULL)
            out->data[mark] = '\0';
    }
    return st;
}

static precis_status render(const precis_result *result, const char *text, size_t len,
                            precis_format format, const char *name, int all, precis_buffer *out)

{
    if (result == NULL || out == NULL || (text == NULL && len > 0))
        return PRECIS_ERR_ARGUMENT;
    /* The result must describe this input: every range inside it. */
    const precis_sentence *ranges = all ? result->sentences : result->summary;
    size_t count = all ? result->sentence_count : result->summary_count;
    for (size_t k = 0; k < count; k++) {
        const precis_sentence *s = &ranges[k];
        if (s->start > len || s->length > len - s->start)
            return PRECIS_ERR_ARGUMENT;
    }
    size_t mark = out->len;
    precis_status st;
    switch (format) {
    case PRECIS_FORMAT_TEXT:
        st = all ? each_sentence(result, text, 0, write_ranking_line, out)
                 : render_text(result, text, out);
        break;
    case PRECIS_FORMAT_JSON:
    case PRECIS_FORMAT_JSONL:
        st = result->is_split
                 ? render_split_json(result, text, format == PRECIS_FORMAT_JSON, out)
                 : render_json(result, text, name, format == PRECIS_FORMAT_JSON, all, out);
        break;
    default:
        return PRECIS_ERR_ARGUMENT;
    }
    return undo_on_failure(out, mark, st);
}

/* ------------------------------------------------------------------ */
/* Digests                                                            */

/* A document's label: its name as a JSON string, or its index. */
static precis_status append_document_label(precis_buffer *out, const precis_document *doc,
                                           size_t d, int json)
{
    if (doc->name == NULL)
        return precis_append_size(out, d);
    if (json)
        return precis_append_json_string(out, doc->name, strlen(doc->name), 0);
    return precis_buffer_puts(out, doc->name);
}

static precis_status render_digest_text(const precis_result *res, const precis_document *docs,
                                        precis_buffer *out)
{
    precis_status st = PRECIS_OK;
    for (size_t k = 0; k < res->summary_count && st == PRECIS_OK; k++) {
        const precis_sentence *s = &res->summary[k];
        const precis_document *doc = &docs[s->document];
        if (k == 0 || res->summary[k - 1].document != s->document) {
            st = precis_buffer_puts(out, k > 0 ? "\n==> " : "==> ");
            if (st == PRECIS_OK)
                st = append_document_label(out, doc, s->document, 0);
            if (st == PRECIS_OK)
                st = precis_buffer_puts(out, " <==\n");
        }
        if (st == PRECIS_OK)
            st = precis_append_folded(out, doc->text, s->start, s->start + s->length);
        if (st == PRECIS_OK)
            st = precis_buffer_append(out, "\n", 1);
    }
    return st;
}

precis_status precis_render(const precis_result *result, const char *text, size_t len,
                            precis_format format, const char *name, precis_buffer *out)
{
    return render(result, text, len, format, name, 0, out);
}

precis_status precis_render_ranking(const precis_result *result, const char *text, size_t len,
                                    precis_format format, const char *name, precis_buffer *out)
{
    if (result != NULL && result->is_split)
        return PRECIS_ERR_ARGUMENT;
    return render(result, text, len, format, name, 1, out);
}

static precis_status render_digest_json(const precis_result *res, const precis_document *docs,
                                        size_t n_docs, int pretty, precis_buffer *out)
{
    const char *field_sep = pretty ? ",\n  " : ", ";
    const char *lang = precis_result_language(res);
    precis_status st = precis_buffer_puts(out, pretty ? "{\n  \"lang\": " : "{\"lang\": ");
    if (st == PRECIS_OK)
        st = precis_append_json_string(out, lang, strlen(lang), 0);
    if (st == PRECIS_OK)
        st = size_member(out, field_sep, "n_documents", n_docs);
    if (st == PRECIS_OK)
        st = size_member(out, field_sep, "n_sentences", res->sentence_count);
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, field_sep);
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, "\"summary\": [");
    for (size_t k = 0; k < res->summary_count && st == PRECIS_OK; k++) {
        const precis_sentence *s = &res->summary[k];
        st = precis_buffer_puts(out, k == 0 ? "" : pretty ? "," : ", ");
        if (st == PRECIS_OK)
            st = precis_buffer_puts(out, pretty ? "\n    {\"id\": " : "{\"id\": ");
        if (st == PRECIS_OK)
            st = append_document_label(out, &docs[s->document], s->document, 1);
        if (st == PRECIS_OK)
            st = precis_buffer_puts(out, ", ");
        if (st == PRECIS_OK)
            st = render_sentence_fields(s, -1, docs[s->document].text, out);
        if (st == PRECIS_OK)
            st = precis_buffer_append(out, "}", 1);
    }
    if (st == PRECIS_OK && pretty && res->summary_count > 0)
        st = precis_buffer_puts(out, "\n  ");
    if (st == PRECIS_OK)
        st = precis_buffer_puts(out, pretty ? "]\n}\n" : "]}\n");
    return st;
}

precis_status precis_render_digest(const precis_result *result, const precis_document *docs,
                                   size_t n, precis_format format, precis_buffer *out)
{
    if (result == NULL || out == NULL || (docs == NULL && n > 0))
        return PRECIS_ERR_ARGUMENT;
    /* The result must describe these documents: every range inside one. */
    for (size_t k = 0; k < result->summary_count; k++) {
        const precis_sentence *s = &result->summary[k];
        if (s->document >= n || s->start > docs[s->document].len ||
            s->length > docs[s->document].len - s->start)
            return PRECIS_ERR_ARGUMENT;
    }
    size_t mark = out->len;
    precis_status st;
    switch (format) {
    case PRECIS_FORMAT_TEXT:
        st = render_digest_text(result, docs, out);
        break;
    case PRECIS_FORMAT_JSON:
    case PRECIS_FORMAT_JSONL:
        st = render_digest_json(result, docs, n, format == PRECIS_FORMAT_JSON, out);
        break;
    default:
        return PRECIS_ERR_ARGUMENT;
    }
    return undo_on_failure(out, mark, st);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * records.c - a record line to its output line: reading it (jsonl.c,
 * tsv.c), summarizing it, and writing the line or the error line.
 */
#include "records.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io.h"
#include "tsv.h"

int record_worker_init(record_worker *w, const cli_options *opts)
{
    memset(w, 0, sizeof *w);
    w->opts = opts;
    w->spec = (jsonl_fields_spec){opts->text_field, opts->id_field, opts->keep_fields,
                                  opts->keep_list};
    w->gen = yajl_gen_alloc(NULL);
    w->json = jsonl_reader_new();
    if (w->gen == NULL || w->json == NULL || precis_buffer_new(&w->render) != PRECIS_OK) {
        fputs("precis: cannot set up: out of memory\n", stderr);
        record_worker_free(w);
        return EXIT_SOME_FAILED;
    }
    w->ctx = cli_new_context(opts);
    if (w->ctx == NULL) {
        record_worker_free(w);
        return EXIT_SOME_FAILED;
    }
    return EXIT_DONE;
}

void record_worker_free(record_worker *w)
{
    if (w->gen != NULL)
        yajl_gen_free(w->gen);
    jsonl_reader_free(w->json);
    precis_ctx_free(w->ctx);
    precis_buffer_free(w->render);
    record_fields_free(&w->fields);
    bytes_free(&w->scratch);
    memset(w, 0, sizeof *w);
}

/* The record's id as JSON: null when it has none. */
static void put_id_json(bytes *out, const record_fields *f)
{
    if (f->id_json.len > 0)
        bytes_put(out, f->id_json.data, f->id_json.len);
    else
        bytes_puts(out, "null");
}

/* The JSON string literal of s, through the worker's generator. */
static void put_json_string(record_worker *w, bytes *out, const char *s)
{
    const unsigned char *json;
    size_t json_len;
    yajl_gen_reset(w->gen, NULL);
    yajl_gen_clear(w->gen);
    if (yajl_gen_string(w->gen, (const unsigned char *)s, strlen(s)) != yajl_gen_status_ok ||
        yajl_gen_get_buf(w->gen, &json, &json_len) != yajl_gen_status_ok) {
        out->failed = 1;
        return;
    }
    bytes_put(out, (const char *)json, json_len);
}

/* Writes the error line of a record that failed and its message. */
static void record_error(record_worker *w, record_sink *sink, uint64_t number,
                         const record_problem *why)
{
    sink->errors++;
    const record_fields *f = &w->fields;
    char where[64];
    snprintf(where, sizeof where, "line %llu", (unsigned long long)number);
    bytes_puts(sink->err, "precis: ");
    if (sink->label != NULL) {
        bytes_puts(sink->err, sink->label);
        bytes_puts(sink->err, ": ");
    }
    bytes_puts(sink->err, where);
    /* Line numbers count from the start of the process's input (a chunk,
     * under parallel --pipe): the id names the record whatever the split. */
    if (f->id_json.len > 0 && !(f->id_json.len == 4 && memcmp(f->id_json.data, "null", 4) == 0)) {
        bytes_puts(sink->err, " (id ");
        bytes_put(sink->err, f->id_json.data, f->id_json.len);
        bytes_puts(sink->err, ")");
    }
    bytes_puts(sink->err, ": ");
    bytes_puts(sink->err, why->message);
    bytes_put(sink->err, "\n", 1);

    bytes *out = sink->out;
    size_t mark = out->len;
    switch (w->opts->format) {
    case FORMAT_TSV:
        bytes_put_tsv_escaped(out, f->id_text.data, f->id_text.len);
        bytes_put(out, "\t\n", 2);
        break;
    case FORMAT_TEXT:
        bytes_put(out, "\n", 1);
        break;
    default:
        bytes_puts(out, "{\"id\": ");
        put_id_json(out, f);
        bytes_puts(out, ", \"error\": {\"code\": \"");
        bytes_puts(out, why->code);
        bytes_puts(out, "\", \"message\": ");
        put_json_string(w, out, why->message);
        bytes_puts(out, "}}\n");
        break;
    }
    /* Without memory for even the error line, the line count can only be
     * kept with a bare newline. */
    if (out->failed) {
        bytes_truncate(out, mark);
        bytes_put(out, "\n", 1);
    }
}

static void record_fail(record_worker *w, record_sink *sink, uint64_t number, const char *code,
                        const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void record_fail(record_worker *w, record_sink *sink, uint64_t number, const char *code,
                        const char *fmt, ...)
{
    record_problem why = {code, ""};
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why.message, sizeof why.message, fmt, ap);
    va_end(ap);
    record_error(w, sink, number, &why);
}

int record_read(record_worker *w, const char *line, size_t len, uint64_t number,
                size_t oversize, record_sink *sink, record_doc *doc)
{
    record_fields *f = &w->fields;
    if (!record_fields_clear(f)) {
        record_fail(w, sink, number, "out_of_memory", "out of memory");
        return 0;
    }
    record_problem why = {NULL, ""};
    int ok;
    if (w->opts->input == INPUT_TSV)
        ok = tsv_read(w->gen, line, len, oversize > 0, f, &why);
    else
        ok = jsonl_read(w->json, &w->spec, w->gen, &w->scratch, line, len, f, &why);
    if (oversize > 0) {
        /* The first bytes of the line were parsed for its id alone. */
        bytes_reset(&f->kept);
        record_fail(w, sink, number, "too_large",
                    "the record is %zu bytes, over the limit of %zu; raise it with --max-bytes",
                    oversize, w->opts->max_bytes);
        return 0;
    }
    if (!ok) {
        record_error(w, sink, number, &why);
        return 0;
    }
    if (f->not_kept != NULL && w->said_not_kept != NULL &&
        atomic_exchange(w->said_not_kept, 1) == 0) {
        char message[200];
        snprintf(message, sizeof message,
                 "%s%sline %llu: the field \"%s\" is not copied: the output has a member of that "
                 "name (said once a run)\n",
                 sink->label ? sink->label : "", sink->label ? ": " : "",
                 (unsigned long long)number, f->not_kept);
        bytes_puts(sink->err, "precis: ");
        bytes_puts(sink->err, message);
    }
    if (f->id_json.len == 0)
        bytes_puts(&f->id_json, "null");
    if (f->id_json.failed) {
        record_fail(w, sink, number, "out_of_memory", "out of memory");
        return 0;
    }
    *doc = (record_doc){f->text.data, f->text.len, f->id_text.data, f->id_json.data,
                        f->id_json.len};
    return 1;
}

static const char *status_code(precis_status st)
{
    switch (st) {
    case PRECIS_ERR_TOO_LARGE:
        return "too_large";
    case PRECIS_ERR_NOMEM:
        return "out_of_memory";
    case PRECIS_ERR_NO_CONVERGENCE:
        return "no_convergence";
    default:
        return "failed";
    }
}

/* The output line of a summarized record. */
static precis_status put_summary(record_worker *w, const precis_result *res,
                                 const record_doc *doc, bytes *out)
{
    precis_buffer *render = w->render;
    const record_fields *f = &w->fields;
    precis_status st = PRECIS_OK;
    switch (w->opts->format) {
    case FORMAT_JSONL:
        precis_buffer_clear(render);
        st = precis_render_members(res, doc->text, doc->len, PRECIS_FORMAT_JSONL, render);
        bytes_puts(out, "{\"id\": ");
        put_id_json(out, f);
        bytes_put(out, f->kept.data, f->kept.len);
        bytes_put(out, ", ", 2);
        bytes_put(out, precis_buffer_data(render), precis_buffer_length(render));
        bytes_puts(out, "}\n");
        break;
    default:
        if (w->opts->format == FORMAT_TSV) {
            bytes_put_tsv_escaped(out, f->id_text.data, f->id_text.len);
            bytes_put(out, "\t", 1);
        }
        for (size_t k = 0; k < precis_result_summary_count(res) && st == PRECIS_OK; k++) {
            precis_buffer_clear(render);
            st = precis_render_sentence(res, doc->text, doc->len, k, render);
            if (k > 0)
                bytes_puts(out, w->opts->format == FORMAT_TSV ? "\\n" : " ");
            if (w->opts->format == FORMAT_TSV)
                bytes_put_tsv_escaped(out, precis_buffer_data(render), precis_buffer_length(render));
            else
                bytes_put(out, precis_buffer_data(render), precis_buffer_length(render));
        }
        bytes_put(out, "\n", 1);
        break;
    }
    return st;
}

/* The output line of a record's keyphrases: JSON, or the phrases separated
 * by "; " (after the id and a tab in TSV). */
static precis_status put_keywords(record_worker *w, const precis_keyword_list *list, bytes *out)
{
    const record_fields *f = &w->fields;
    if (w->opts->format == FORMAT_JSONL) {
        precis_buffer *render = w->render;
        precis_buffer_clear(render);
        precis_status st = precis_render_keywords_members(list, PRECIS_FORMAT_JSONL, render);
        bytes_puts(out, "{\"id\": ");
        put_id_json(out, f);
        bytes_put(out, f->kept.data, f->kept.len);
        bytes_put(out, ", ", 2);
        bytes_put(out, precis_buffer_data(render), precis_buffer_length(render));
        bytes_puts(out, "}\n");
        return st;
    }
    if (w->opts->format == FORMAT_TSV) {
        bytes_put_tsv_escaped(out, f->id_text.data, f->id_text.len);
        bytes_put(out, "\t", 1);
    }
    for (size_t k = 0; k < precis_keyword_list_count(list); k++) {
        size_t len;
        const char *phrase = precis_keyword_list_phrase(list, k, &len);
        if (k > 0)
            bytes_put(out, "; ", 2);
        if (w->opts->format == FORMAT_TSV)
            bytes_put_tsv_escaped(out, phrase, len);
        else
            bytes_put(out, phrase, len);
    }
    bytes_put(out, "\n", 1);
    return PRECIS_OK;
}

/* What the command makes of a record, appended to out. */
static precis_status process_document(record_worker *w, const record_doc *doc, bytes *out)
{
    if (w->opts->command == COMMAND_KEYWORDS) {
        precis_keyword_list *list;
        precis_status st = precis_keywords(w->ctx, doc->text, doc->len, &list);
        if (st == PRECIS_OK)
            st = put_keywords(w, list, out);
        precis_keyword_list_free(list);
        return st;
    }
    precis_result *res;
    precis_status st = precis_summarize(w->ctx, doc->text, doc->len, &res);
    if (st == PRECIS_OK)
        st = put_summary(w, res, doc, out);
    precis_result_free(res);
    return st;
}

void record_process(record_worker *w, const char *line, size_t len, uint64_t number,
                    size_t oversize, record_sink *sink)
{
    record_doc doc;
    if (!record_read(w, line, len, number, oversize, sink, &doc))
        return;
    bytes *out = sink->out;
    size_t mark = out->len;
    precis_status st = process_document(w, &doc, out);
    if (st != PRECIS_OK && precis_ctx_error(w->ctx)[0] != '\0') {
        bytes_truncate(out, mark);
        record_fail(w, sink, number, status_code(st), "%s%s", precis_ctx_error(w->ctx),
                    st == PRECIS_ERR_TOO_LARGE ? "; see --max-bytes and --max-sentences" : "");
        return;
    }
    if (st != PRECIS_OK) {
        bytes_truncate(out, mark);
        record_fail(w, sink, number, status_code(st), "cannot render the result: %s",
                    precis_status_str(st));
    } else if (out->failed) {
        bytes_truncate(out, mark);
        record_fail(w, sink, number, "out_of_memory", "out of memory for the output");
    }
}

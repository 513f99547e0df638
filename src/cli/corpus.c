/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * corpus.c - 'precis idf' and 'precis digest' (with --topics, one digest
 * per story): documents come from whole files or from the records of JSON
 * Lines or TSV input.
 */
#define _POSIX_C_SOURCE 200809L
#include "corpus.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "io.h"
#include "lines.h"
#include "progress.h"
#include "records.h"

/* A document of the set, as the command hands it on. */
typedef struct corpus_doc {
    const char *text;
    size_t len;
    const char *name;
    precis_input_format format;
    const char *charset; /* declared by a URL's Content-Type, NULL for none */
    const char *id_json; /* a record's id as JSON, NULL for a file */
    size_t id_json_len;
} corpus_doc;

/* What to do with each document of the set. */
typedef struct corpus_visit {
    const cli_options *opts;
    record_worker worker; /* parses records; its context serves the command */
    progress prog;
    int status;
    /* the command's own work on one document; 0 or an exit status */
    int (*take)(struct corpus_visit *v, const corpus_doc *doc, const char *where);
    precis_idf *table;    /* precis idf */
    char *arena;          /* precis digest: every text and name, end to end */
    size_t arena_len, arena_cap;
    size_t *spans;        /* per document (SPAN_FIELDS): text start, text length, name
                             start, charset start, id start, id length (SIZE_MAX: none) */
    precis_input_format *formats; /* per document */
    size_t count, spans_cap;
} corpus_visit;

static void report_failure(corpus_visit *v, const char *where)
{
    progress_clear(&v->prog);
    fprintf(stderr, "precis: %s: %s\n", where, precis_ctx_error(v->worker.ctx));
    v->status = cli_worse_status(v->status, EXIT_SOME_FAILED);
}

/* The records of one input, each handed to v->take. */
static void visit_records(corpus_visit *v, int fd, const char *label)
{
    line_reader reader;
    line_reader_init(&reader, fd, v->opts->max_bytes);
    bytes out = {0}, err = {0};
    record_sink sink = {&out, &err, label, 0};
    line l;
    int rc;
    while ((rc = line_next(&reader, &l, 1)) == LINE_OK) {
        record_doc doc;
        bytes_reset(&out);
        bytes_reset(&err);
        size_t before = sink.errors;
        if (record_read(&v->worker, l.data, l.len, l.number, l.oversize, &sink, &doc)) {
            char where[64];
            snprintf(where, sizeof where, "%s%sline %llu", label ? label : "", label ? ": " : "",
                     (unsigned long long)l.number);
            corpus_doc d = {doc.text, doc.len, doc.id, v->opts->from, NULL, doc.id_json,
                            doc.id_json_len};
            v->status = cli_worse_status(v->status, v->take(v, &d, where));
        }
        if (sink.errors > before) {
            progress_clear(&v->prog);
            fwrite(err.data, 1, err.len, stderr);
            v->status = cli_worse_status(v->status, EXIT_SOME_FAILED);
        }
        progress_add(&v->prog, 1, sink.errors - before,
                     (l.oversize > 0 ? l.oversize : l.len) + 1);
    }
    if (rc == LINE_ERROR) {
        progress_clear(&v->prog);
        fprintf(stderr, "precis: cannot read %s: %s\n", label ? label : "standard input",
                strerror(errno));
        v->status = EXIT_IO;
    }
    bytes_free(&out);
    bytes_free(&err);
    line_reader_free(&reader);
}

static void visit_file(corpus_visit *v, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *label = is_stdin ? "standard input" : path;
    if (v->opts->input != INPUT_FILES) {
        int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "precis: cannot open '%s': %s\n", path, strerror(errno));
            v->status = EXIT_IO;
            return;
        }
        visit_records(v, fd, is_stdin ? NULL : path);
        if (!is_stdin)
            close(fd);
        return;
    }
    cli_document doc;
    int status = cli_document_load(path, label, v->opts, &doc);
    if (status != EXIT_DONE) {
        progress_clear(&v->prog);
        v->status = cli_worse_status(v->status, status);
        return;
    }
    corpus_doc d = {doc.data, doc.len, path, doc.format, doc.charset[0] ? doc.charset : NULL,
                    NULL, 0};
    v->status = cli_worse_status(v->status, v->take(v, &d, label));
    progress_add(&v->prog, 1, 0, doc.len);
    cli_document_free(&doc);
}

static int visit_all(corpus_visit *v, char **files, int nfiles)
{
    int status = record_worker_init(&v->worker, v->opts);
    if (status != EXIT_DONE)
        return status;
    progress_init(&v->prog, v->opts->quiet, "document", "documents");
    progress_measure(&v->prog, files, nfiles);
    if (nfiles == 0)
        visit_file(v, "-");
    for (int i = 0; i < nfiles; i++)
        visit_file(v, files[i]);
    progress_finish(&v->prog);
    return v->status;
}

static int write_buffer(const precis_buffer *out)
{
    int err = cli_write_all(STDOUT_FILENO, precis_buffer_data(out), precis_buffer_length(out));
    return err != 0 ? cli_write_failed(err) : EXIT_DONE;
}

/* ------------------------------------------------------------------ */
/* precis idf                                                         */

static int count_document(corpus_visit *v, const corpus_doc *doc, const char *where)
{
    precis_ctx *ctx = v->worker.ctx;
    if (precis_ctx_set_format(ctx, doc->format) != PRECIS_OK ||
        precis_ctx_set_declared_encoding(ctx, doc->charset) != PRECIS_OK ||
        precis_idf_add(v->table, ctx, doc->text, doc->len) != PRECIS_OK)
        report_failure(v, where);
    return EXIT_DONE;
}

/* precis idf --merge: the sum of the tables given; a table that cannot be
 * read is left out, and the others still add up. */
static int merge_tables(const cli_options *opts, precis_idf *table, char **files, int nfiles)
{
    int status = EXIT_DONE;
    for (int i = 0; i < (nfiles > 0 ? nfiles : 1); i++) {
        /* Each table is read apart, so that a bad one adds nothing. */
        precis_idf *one;
        if (precis_idf_new(&one) != PRECIS_OK) {
            fputs("precis: cannot merge: out of memory\n", stderr);
            return EXIT_SOME_FAILED;
        }
        int read = cli_read_idf(nfiles > 0 ? files[i] : "-", opts->max_bytes, one);
        if (read == EXIT_DONE && precis_idf_merge(table, one) != PRECIS_OK) {
            fputs("precis: cannot merge: out of memory\n", stderr);
            read = EXIT_SOME_FAILED;
        }
        precis_idf_free(one);
        status = cli_worse_status(status, read);
    }
    return status;
}

int corpus_idf(const cli_options *opts, char **files, int nfiles)
{
    corpus_visit v = {0};
    v.opts = opts;
    v.take = count_document;
    if (precis_idf_new(&v.table) != PRECIS_OK) {
        fputs("precis: cannot set up: out of memory\n", stderr);
        return EXIT_SOME_FAILED;
    }
    int status = opts->merge ? merge_tables(opts, v.table, files, nfiles)
                             : visit_all(&v, files, nfiles);
    precis_buffer *out = NULL;
    /* Inputs that could not be read are left out of the table, as
     * documents that failed are: the table of the others is written. */
    if (status != EXIT_USAGE) {
        if (precis_buffer_new(&out) != PRECIS_OK || precis_idf_write(v.table, out) != PRECIS_OK) {
            fputs("precis: cannot write the table: out of memory\n", stderr);
            status = EXIT_SOME_FAILED;
        } else {
            status = cli_worse_status(status, write_buffer(out));
        }
    }
    precis_buffer_free(out);
    precis_idf_free(v.table);
    record_worker_free(&v.worker);
    return status;
}

/* ------------------------------------------------------------------ */
/* precis digest                                                      */

/* What spans holds per document. */
#define SPAN_FIELDS 6

static int arena_put(corpus_visit *v, const char *bytes, size_t len)
{
    if (len > SIZE_MAX - v->arena_len - 1)
        return 0;
    if (v->arena_len + len + 1 > v->arena_cap) {
        size_t cap = v->arena_cap ? v->arena_cap : (size_t)1 << 20;
        while (cap < v->arena_len + len + 1)
            cap = cap > SIZE_MAX / 2 ? v->arena_len + len + 1 : cap * 2;
        char *grown = realloc(v->arena, cap);
        if (grown == NULL)
            return 0;
        v->arena = grown;
        v->arena_cap = cap;
    }
    if (len > 0)
        memcpy(v->arena + v->arena_len, bytes, len);
    v->arena_len += len;
    v->arena[v->arena_len++] = '\0';
    return 1;
}

/* Keeps a copy of the document: the digest needs all of them at once. */
static int keep_document(corpus_visit *v, const corpus_doc *doc, const char *where)
{
    if (v->count == v->spans_cap) {
        size_t cap = v->spans_cap ? 2 * v->spans_cap : 64;
        size_t *grown = realloc(v->spans, SPAN_FIELDS * cap * sizeof *grown);
        if (grown == NULL)
            goto nomem;
        v->spans = grown;
        precis_input_format *formats = realloc(v->formats, cap * sizeof *formats);
        if (formats == NULL)
            goto nomem;
        v->formats = formats;
        v->spans_cap = cap;
    }
    size_t *span = &v->spans[SPAN_FIELDS * v->count];
    span[0] = v->arena_len;
    span[1] = doc->len;
    if (!arena_put(v, doc->text, doc->len))
        goto nomem;
    span[2] = v->arena_len;
    if (!arena_put(v, doc->name, strlen(doc->name)))
        goto nomem;
    span[3] = doc->charset != NULL ? v->arena_len : SIZE_MAX;
    if (doc->charset != NULL && !arena_put(v, doc->charset, strlen(doc->charset)))
        goto nomem;
    span[4] = doc->id_json != NULL ? v->arena_len : SIZE_MAX;
    span[5] = doc->id_json_len;
    if (doc->id_json != NULL && !arena_put(v, doc->id_json, doc->id_json_len))
        goto nomem;
    v->formats[v->count] = doc->format;
    v->count++;
    return EXIT_DONE;
nomem:
    progress_clear(&v->prog);
    fprintf(stderr, "precis: %s: out of memory for the digest\n", where);
    return EXIT_SOME_FAILED;
}

/* The set of documents kept, as the library takes it. */
static precis_document *kept_documents(const corpus_visit *v)
{
    precis_document *docs = calloc(v->count ? v->count : 1, sizeof *docs);
    if (docs == NULL)
        return NULL;
    for (size_t d = 0; d < v->count; d++) {
        const size_t *span = &v->spans[SPAN_FIELDS * d];
        docs[d] = (precis_document){v->arena + span[0], span[1], v->arena + span[2], v->formats[d],
                                    span[3] != SIZE_MAX ? v->arena + span[3] : NULL,
                                    span[4] != SIZE_MAX ? v->arena + span[4] : NULL, span[5]};
    }
    return docs;
}

/* What a corpus command makes of the set, rendered into out. */
static precis_status render_set(const cli_options *opts, precis_ctx *ctx,
                                const precis_document *docs, size_t n, precis_buffer *out)
{
    precis_format format = (precis_format)opts->format;
    precis_status st;
    if (opts->command == COMMAND_KEYWORDS) {
        precis_keyword_list *list = NULL;
        st = precis_keywords_digest(ctx, docs, n, sizeof *docs, &list);
        if (st == PRECIS_OK)
            st = precis_render_keywords(list, format, NULL, out);
        precis_keyword_list_free(list);
        return st;
    }
    if (opts->topics) {
        precis_topics *topics = NULL;
        st = precis_digest_topics(ctx, docs, n, sizeof *docs, opts->max_topics, &topics);
        if (st == PRECIS_OK)
            st = precis_render_topics(topics, docs, n, sizeof *docs, format, out);
        precis_topics_free(topics);
        return st;
    }
    precis_result *res = NULL;
    st = precis_digest(ctx, docs, n, sizeof *docs, &res);
    if (st == PRECIS_OK)
        st = precis_render_digest(res, docs, n, sizeof *docs, format, out);
    precis_result_free(res);
    return st;
}

int corpus_set(const cli_options *opts, char **files, int nfiles)
{
    corpus_visit v = {0};
    v.opts = opts;
    v.take = keep_document;
    int status = visit_all(&v, files, nfiles);
    precis_document *docs = kept_documents(&v);
    precis_buffer *out = NULL;
    if (docs == NULL || v.worker.ctx == NULL || precis_buffer_new(&out) != PRECIS_OK) {
        status = cli_worse_status(status, EXIT_SOME_FAILED);
        goto done;
    }
    precis_status st = render_set(opts, v.worker.ctx, docs, v.count, out);
    if (st != PRECIS_OK) {
        const char *why = precis_ctx_error(v.worker.ctx);
        fprintf(stderr, "precis: cannot make the %s: %s%s\n",
                opts->command == COMMAND_KEYWORDS ? "keyphrases"
                : opts->topics                    ? "topic digest"
                                                  : "digest",
                why[0] ? why : precis_status_str(st),
                st == PRECIS_ERR_TOO_LARGE ? "; see --max-bytes and --max-sentences" : "");
        status = cli_worse_status(status, EXIT_SOME_FAILED);
        goto done;
    }
    status = cli_worse_status(status, write_buffer(out));
done:
    precis_buffer_free(out);
    free(docs);
    free(v.arena);
    free(v.spans);
    free(v.formats);
    record_worker_free(&v.worker);
    return status;
}

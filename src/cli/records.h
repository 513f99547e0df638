/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * records.h - one input line in, one output line out.
 *
 * A record is a line of JSON (jsonl.c) or of TSV (tsv.c). Each is
 * summarized and rendered as one line: a JSON object, a TSV line or the
 * summary alone; a record that cannot be summarized gives an error line in
 * the same place (a JSON error object, or an empty summary) and a message
 * for stderr.
 */
#ifndef PRECIS_CLI_RECORDS_H
#define PRECIS_CLI_RECORDS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <yajl/yajl_gen.h>

#include "bytes.h"
#include "fields.h"
#include "jsonl.h"
#include "options.h"
#include "precis.h"

/* Everything one thread needs to turn records into lines; its buffers are
 * reused from record to record. */
typedef struct record_worker {
    const cli_options *opts;
    jsonl_fields_spec spec;
    precis_ctx *ctx;
    yajl_gen gen;
    jsonl_reader *json;
    record_fields fields;
    bytes scratch;
    precis_buffer *render;
    /* shared by the workers of a run: whether the run said that
     * --keep-fields leaves a field out (once a run); NULL: never say */
    atomic_int *said_not_kept;
} record_worker;

/* Sets up a worker for opts (which must outlive it); returns EXIT_DONE,
 * or says why it could not on stderr and returns the exit status. */
int record_worker_init(record_worker *w, const cli_options *opts);
void record_worker_free(record_worker *w);

/* A document read from a record: its text and id, valid until the
 * worker's next call. */
typedef struct record_doc {
    const char *text;
    size_t len;
    const char *id; /* plain text, NUL-terminated (cut at a NUL it holds) */
    const char *id_json; /* the id as JSON ("null" when there is none) */
    size_t id_json_len;
} record_doc;

/* Where a record's output and messages go. */
typedef struct record_sink {
    bytes *out;          /* the output lines */
    bytes *err;          /* messages for stderr */
    const char *label;   /* the input's name for messages, NULL for stdin */
    size_t errors;       /* records that failed */
} record_sink;

/* Reads the record line[0, len), line number `number`; oversize > 0 marks
 * a line over the limit (line then holds its first bytes only). On
 * success fills *doc and returns 1; otherwise appends the error line to
 * sink->out, the message to sink->err, counts the error and returns 0. */
int record_read(record_worker *w, const char *line, size_t len, uint64_t number,
                size_t oversize, record_sink *sink, record_doc *doc);

/* Summarizes one record line into sink. */
void record_process(record_worker *w, const char *line, size_t len, uint64_t number,
                    size_t oversize, record_sink *sink);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * jsonl.h - records as JSON Lines: one object a line, with a text field,
 * an optional id and other fields, parsed with yajl's event parser.
 *
 * yajl rather than jansson: on the CNN dev records its event parser reads
 * 430-870 MB/s here against 47-66 MB/s for json_loadb, which alone would
 * have cost a third of the time per record; both reject every malformed
 * line we tried, and the overlong and surrogate UTF-8 that yajl lets
 * through is caught by utf8_valid. Its generator writes the ids and kept
 * fields back.
 */
#ifndef PRECIS_CLI_JSONL_H
#define PRECIS_CLI_JSONL_H

#include <stddef.h>

#include <yajl/yajl_gen.h>

#include "fields.h"

/* Which fields to take: names borrowed from the options. */
typedef struct jsonl_fields_spec {
    const char *text_field;
    const char *id_field;
    int keep_fields;       /* copy the other fields through */
    const char *keep_list; /* only these (comma-separated), NULL for all */
} jsonl_fields_spec;

/* Reads the object on line[0, len) into f (cleared as
 * record_fields_clear leaves it), with gen as the generator of copied
 * values and scratch as scratch space, each line with a yajl parser of its
 * own that checks the UTF-8 of every string. Returns 1, or 0 with why
 * filled. */
int jsonl_read_plain(const jsonl_fields_spec *spec, yajl_gen gen, bytes *scratch,
                     const char *line, size_t len, record_fields *f, record_problem *why);

/* What reads the lines of a stream: one yajl parser for all of them. */
typedef struct jsonl_reader jsonl_reader;

/* A new reader, or NULL when out of memory; jsonl_reader_free(NULL) does
 * nothing. */
jsonl_reader *jsonl_reader_new(void);
void jsonl_reader_free(jsonl_reader *r);

/* jsonl_read_plain with r's parser, which skips the parser's own UTF-8
 * checks on a line that is UTF-8 throughout: the same fields, the same
 * problem and message for every line. */
int jsonl_read(jsonl_reader *r, const jsonl_fields_spec *spec, yajl_gen gen, bytes *scratch,
               const char *line, size_t len, record_fields *f, record_problem *why);

#endif

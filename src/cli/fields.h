/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fields.h - what a record parser (jsonl.c, tsv.c) takes out of a record
 * line, and why it could not.
 */
#ifndef PRECIS_CLI_FIELDS_H
#define PRECIS_CLI_FIELDS_H

#include "bytes.h"

/* A record's parts, reused from record to record. */
typedef struct record_fields {
    bytes text;    /* the text, unescaped */
    bytes id_json; /* the id as JSON (empty when the record has none) */
    bytes id_text; /* the id as plain text, for TSV output and messages */
    bytes kept;    /* members copied through: , "key": value ... */
    bytes line;    /* a copy of the line when it had to be rewritten */
    const char *not_kept; /* a field --keep-fields left out: the output has a member
                             of its name (a static string), or NULL */
} record_fields;

/* Empties the fields for the next record; the text and plain id hold a
 * string even empty. Returns 0 when out of memory. */
static inline int record_fields_clear(record_fields *f)
{
    bytes_reset(&f->id_json);
    bytes_reset(&f->id_text);
    bytes_reset(&f->kept);
    bytes_reset(&f->text);
    f->not_kept = NULL;
    bytes_put(&f->id_text, "", 0);
    bytes_put(&f->text, "", 0);
    return !f->id_text.failed && !f->text.failed;
}

/* Frees the fields' buffers. */
static inline void record_fields_free(record_fields *f)
{
    bytes_free(&f->text);
    bytes_free(&f->id_json);
    bytes_free(&f->id_text);
    bytes_free(&f->kept);
    bytes_free(&f->line);
}

/* Why a record could not be read: an error code of the output's error
 * objects and a message. */
typedef struct record_problem {
    const char *code;
    char message[256];
} record_problem;

#endif

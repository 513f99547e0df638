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

/* Why a record could not be read: an error code of the output's error
 * objects and a message. */
typedef struct record_problem {
    const char *code;
    char message[256];
} record_problem;

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * input.h - the documents the command reads: a file, standard input ("-")
 * or a URL, with what is known of their format and encoding.
 */
#ifndef PRECIS_CLI_INPUT_H
#define PRECIS_CLI_INPUT_H

#include <stddef.h>

#include "options.h"
#include "precis.h"

typedef struct cli_document {
    char *data; /* malloc'd, not NUL-terminated */
    size_t len;
    precis_input_format format; /* --from, else what the URL's type or the file's name and
                                   bytes say */
    char charset[64];           /* the charset an HTTP Content-Type declared, "" for none */
} cli_document;

/* Reads the document that operand names (label: how messages name it).
 * Returns EXIT_DONE with *doc filled, or reports the failure on stderr and
 * returns the exit status it calls for. */
int cli_document_load(const char *operand, const char *label, const cli_options *opts,
                      cli_document *doc);

void cli_document_free(cli_document *doc);

/* Sets ctx up for the document: its format and declared encoding. On
 * failure says why on stderr (naming label) and returns EXIT_SOME_FAILED. */
int cli_document_apply(const cli_document *doc, const char *label, precis_ctx *ctx);

#endif

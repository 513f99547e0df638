/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * input.c - loading files, standard input and URLs.
 */
#include "input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "io.h"

/* The format a media type says, PRECIS_FROM_AUTO when it says nothing
 * precis knows. */
static precis_input_format format_of_type(const char *media_type)
{
    if (strcmp(media_type, "text/html") == 0 || strcmp(media_type, "application/xhtml+xml") == 0)
        return PRECIS_FROM_HTML;
    if (strcmp(media_type, "text/markdown") == 0 || strcmp(media_type, "text/x-markdown") == 0)
        return PRECIS_FROM_MARKDOWN;
    if (strcmp(media_type, "text/vtt") == 0 || strcmp(media_type, "application/x-subrip") == 0)
        return PRECIS_FROM_TRANSCRIPT;
    if (strcmp(media_type, "text/plain") == 0)
        return PRECIS_FROM_TEXT;
    return PRECIS_FROM_AUTO;
}

int cli_document_load(const char *operand, const char *label, const cli_options *opts,
                      cli_document *doc)
{
    *doc = (cli_document){NULL, 0, opts->from, ""};
    if (cli_is_url(operand)) {
        fetched got;
        int status = cli_fetch(operand, opts, &got);
        if (status != EXIT_DONE)
            return status;
        doc->data = got.data;
        doc->len = got.len;
        memcpy(doc->charset, got.charset, sizeof doc->charset);
        if (doc->format == PRECIS_FROM_AUTO)
            doc->format = format_of_type(got.media_type);
        if (doc->format == PRECIS_FROM_AUTO)
            doc->format = precis_input_format_guess(NULL, doc->data, doc->len);
        return EXIT_DONE;
    }
    int err = cli_read_file(operand, opts->max_bytes, &doc->data, &doc->len);
    if (err != 0)
        return cli_read_failed(operand, label, err, opts->max_bytes);
    if (doc->format == PRECIS_FROM_AUTO)
        doc->format = precis_input_format_guess(strcmp(operand, "-") == 0 ? NULL : operand,
                                                doc->data, doc->len);
    return EXIT_DONE;
}

void cli_document_free(cli_document *doc)
{
    free(doc->data);
    *doc = (cli_document){NULL, 0, PRECIS_FROM_AUTO, ""};
}

int cli_document_apply(const cli_document *doc, const char *label, precis_ctx *ctx)
{
    if (precis_ctx_set_format(ctx, doc->format) == PRECIS_OK &&
        precis_ctx_set_declared_encoding(ctx, doc->charset[0] != '\0' ? doc->charset : NULL) ==
            PRECIS_OK)
        return EXIT_DONE;
    fprintf(stderr, "precis: %s: %s\n", label, precis_ctx_error(ctx));
    return EXIT_SOME_FAILED;
}

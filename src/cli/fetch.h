/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fetch.h - documents named by a URL, fetched over HTTP(S) with libcurl.
 */
#ifndef PRECIS_CLI_FETCH_H
#define PRECIS_CLI_FETCH_H

#include <stddef.h>

#include "options.h"

/* Whether an operand names a URL to fetch (http:// or https://). */
int cli_is_url(const char *operand);

/* What a fetch brought back. */
typedef struct fetched {
    char *data; /* the body (malloc'd, not NUL-terminated) */
    size_t len;
    char media_type[64]; /* the Content-Type without parameters, lower case; "" for none */
    char charset[64];    /* its charset parameter; "" for none */
} fetched;

/* Fetches url: redirects followed (at most 5), opts->timeout seconds to
 * connect and in all, at most opts->max_bytes of body, User-Agent
 * precis/VERSION. Returns 0 with *out filled (free out->data), or reports
 * the failure on stderr and returns the exit status: EXIT_IO when the
 * document cannot be had (network error, HTTP error status, time out),
 * EXIT_SOME_FAILED when it is over the size limit or not text. */
int cli_fetch(const char *url, const cli_options *opts, fetched *out);

#endif

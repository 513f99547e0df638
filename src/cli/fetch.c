/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fetch.c - HTTP(S) with libcurl.
 */
#define _POSIX_C_SOURCE 200809L
#include "fetch.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <dlfcn.h>

#include "io.h"

#define MAX_REDIRECTS 5L

/* libcurl is loaded when the first URL is fetched, not when the program
 * starts: it brings two dozen shared libraries (TLS, Kerberos, LDAP, ...)
 * that a run over files, often one process per document, would otherwise
 * load for nothing. These are the functions precis calls. */
typedef struct curl_api {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *curl, CURLoption option, ...);
    CURLcode (*easy_perform)(CURL *curl);
    CURLcode (*easy_getinfo)(CURL *curl, CURLINFO info, ...);
    void (*easy_cleanup)(CURL *curl);
    const char *(*easy_strerror)(CURLcode code);
} curl_api;

/* Loads and starts libcurl once; returns NULL after saying why on stderr.
 * Called from the main thread only, before any other thread could use
 * curl, as curl_global_init asks. */
static const curl_api *load_curl(const char *url)
{
    static curl_api api;
    static int state; /* 0 not tried, 1 loaded, -1 failed */
    if (state != 0)
        return state > 0 ? &api : NULL;
    state = -1;
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        fprintf(stderr, "precis: cannot fetch '%s': libcurl is not installed (%s); install the "
                        "libcurl4 package\n",
                url, dlerror());
        return NULL;
    }
    /* POSIX allows converting dlsym's object pointer to a function pointer. */
    *(void **)&api.global_init = dlsym(lib, "curl_global_init");
    *(void **)&api.easy_init = dlsym(lib, "curl_easy_init");
    *(void **)&api.easy_setopt = dlsym(lib, "curl_easy_setopt");
    *(void **)&api.easy_perform = dlsym(lib, "curl_easy_perform");
    *(void **)&api.easy_getinfo = dlsym(lib, "curl_easy_getinfo");
    *(void **)&api.easy_cleanup = dlsym(lib, "curl_easy_cleanup");
    *(void **)&api.easy_strerror = dlsym(lib, "curl_easy_strerror");
    if (api.global_init == NULL || api.easy_init == NULL || api.easy_setopt == NULL ||
        api.easy_perform == NULL || api.easy_getinfo == NULL || api.easy_cleanup == NULL ||
        api.easy_strerror == NULL || api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fprintf(stderr, "precis: cannot fetch '%s': libcurl cannot start\n", url);
        return NULL;
    }
    state = 1;
    return &api;
}

int cli_is_url(const char *operand)
{
    static const char *const schemes[] = {"http://", "https://"};
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        size_t n = strlen(schemes[i]), k = 0;
        while (k < n && operand[k] != '\0' && tolower((unsigned char)operand[k]) == schemes[i][k])
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

/* The body as it arrives, refused past the limit. */
typedef struct body {
    char *data;
    size_t len, cap;
    size_t limit; /* 0: none */
    int over_limit;
    int out_of_memory;
} body;

static size_t take_bytes(char *bytes, size_t size, size_t count, void *arg)
{
    body *b = arg;
    size_t n = size * count;
    if (b->limit != 0 && n > b->limit - b->len) {
        b->over_limit = 1;
        return 0; /* makes libcurl stop with CURLE_WRITE_ERROR */
    }
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 16;
        while (cap < b->len + n)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (grown == NULL) {
            b->out_of_memory = 1;
            return 0;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
    return n;
}

/* Splits a Content-Type value into its media type and charset. */
static void parse_content_type(const char *value, fetched *out)
{
    out->media_type[0] = out->charset[0] = '\0';
    if (value == NULL)
        return;
    size_t n = 0;
    while (value[n] != '\0' && value[n] != ';' && n + 1 < sizeof out->media_type) {
        out->media_type[n] = (char)tolower((unsigned char)value[n]);
        n++;
    }
    while (n > 0 && out->media_type[n - 1] == ' ')
        n--;
    out->media_type[n] = '\0';
    for (const char *p = strchr(value, ';'); p != NULL; p = strchr(p + 1, ';')) {
        const char *q = p + 1;
        while (*q == ' ' || *q == '\t')
            q++;
        if (strncasecmp(q, "charset=", 8) != 0)
            continue;
        q += 8;
        if (*q == '"')
            q++;
        size_t k = 0;
        while (q[k] != '\0' && q[k] != '"' && q[k] != ';' && q[k] != ' ' &&
               k + 1 < sizeof out->charset) {
            out->charset[k] = q[k];
            k++;
        }
        out->charset[k] = '\0';
        return;
    }
}

/* Whether a media type is a document precis can read: text of any kind,
 * or markup. No type at all is taken as text. */
static int readable_type(const char *media_type)
{
    static const char *const readable[] = {"application/xhtml+xml", "application/xml",
                                           "application/json"};
    if (media_type[0] == '\0' || strncmp(media_type, "text/", 5) == 0)
        return 1;
    for (size_t i = 0; i < sizeof readable / sizeof readable[0]; i++)
        if (strcmp(media_type, readable[i]) == 0)
            return 1;
    return 0;
}

int cli_fetch(const char *url, const cli_options *opts, fetched *out)
{
    *out = (fetched){NULL, 0, "", ""};
    const curl_api *api = load_curl(url);
    if (api == NULL)
        return EXIT_IO;
    CURL *curl = api->easy_init();
    if (curl == NULL) {
        fprintf(stderr, "precis: cannot fetch '%s': out of memory\n", url);
        return EXIT_SOME_FAILED;
    }
    char agent[64], error[CURL_ERROR_SIZE] = "";
    snprintf(agent, sizeof agent, "precis/%s", precis_version_string());
    body b = {NULL, 0, 0, opts->max_bytes, 0, 0};
    api->easy_setopt(curl, CURLOPT_URL, url);
    api->easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    api->easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    api->easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    api->easy_setopt(curl, CURLOPT_MAXREDIRS, MAX_REDIRECTS);
    api->easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)opts->timeout);
    api->easy_setopt(curl, CURLOPT_TIMEOUT, (long)opts->timeout);
    api->easy_setopt(curl, CURLOPT_USERAGENT, agent);
    api->easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    api->easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    api->easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    api->easy_setopt(curl, CURLOPT_WRITEFUNCTION, take_bytes);
    api->easy_setopt(curl, CURLOPT_WRITEDATA, &b);
    CURLcode rc = api->easy_perform(curl);
    long status = 0;
    char *content_type = NULL;
    api->easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    api->easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &content_type);
    parse_content_type(content_type, out);
    api->easy_cleanup(curl);

    int exit_status = EXIT_DONE;
    if (b.over_limit) {
        fprintf(stderr, "precis: %s: the input is over the limit of %zu bytes; raise it with "
                        "--max-bytes\n",
                url, opts->max_bytes);
        exit_status = EXIT_SOME_FAILED;
    } else if (b.out_of_memory) {
        fprintf(stderr, "precis: cannot fetch '%s': out of memory\n", url);
        exit_status = EXIT_SOME_FAILED;
    } else if (rc != CURLE_OK) {
        fprintf(stderr, "precis: cannot fetch '%s': %s\n", url,
                error[0] != '\0' ? error : api->easy_strerror(rc));
        exit_status = EXIT_IO;
    } else if (status >= 400) {
        fprintf(stderr, "precis: cannot fetch '%s': the server answered HTTP %ld\n", url, status);
        exit_status = EXIT_IO;
    } else if (!readable_type(out->media_type)) {
        fprintf(stderr, "precis: %s: not a text document (%s)\n", url, out->media_type);
        exit_status = EXIT_SOME_FAILED;
    }
    if (exit_status != EXIT_DONE) {
        free(b.data);
        return exit_status;
    }
    out->data = b.data;
    out->len = b.len;
    return EXIT_DONE;
}

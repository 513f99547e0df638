/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tsv.c - reading TSV records.
 */
#include "tsv.h"

#include <stdio.h>
#include <string.h>

/* Unescapes s[0, len) into out; returns NULL on success, else what is
 * wrong. */
static const char *unescape(bytes *out, const char *s, size_t len)
{
    bytes_reset(out);
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\t')
            return "more than two fields; write a tab inside the text as \\t";
        if (s[i] != '\\')
            continue;
        if (i + 1 == len)
            return "a backslash ends the line; write a backslash as \\\\";
        char c = s[i + 1] == 'n' ? '\n' : s[i + 1] == 't' ? '\t' : s[i + 1] == '\\' ? '\\' : 0;
        if (c == 0)
            return "an unknown escape; only \\n, \\t and \\\\ are escapes";
        bytes_put(out, s + run, i - run);
        bytes_put(out, &c, 1);
        run = i + 2;
        i++;
    }
    bytes_put(out, s + run, len - run);
    return out->failed ? "out of memory" : NULL;
}

/* The id as a JSON string; only valid UTF-8 can be one. */
static const char *id_as_json(yajl_gen gen, record_fields *f)
{
    if (!utf8_valid(f->id_text.data, f->id_text.len))
        return "the id is not valid UTF-8";
    const unsigned char *json;
    size_t json_len;
    yajl_gen_reset(gen, NULL);
    yajl_gen_clear(gen);
    if (yajl_gen_string(gen, (const unsigned char *)f->id_text.data, f->id_text.len) !=
            yajl_gen_status_ok ||
        yajl_gen_get_buf(gen, &json, &json_len) != yajl_gen_status_ok)
        return "out of memory";
    bytes_reset(&f->id_json);
    bytes_put(&f->id_json, (const char *)json, json_len);
    return f->id_json.failed ? "out of memory" : NULL;
}

int tsv_read(yajl_gen gen, const char *line, size_t len, int oversize, record_fields *f,
             record_problem *why)
{
    if (len > 0 && line[len - 1] == '\r' && !oversize)
        len--;
    const char *tab = memchr(line, '\t', len);
    size_t id_len = tab != NULL ? (size_t)(tab - line) : len;
    const char *problem = unescape(&f->id_text, line, id_len);
    if (problem == NULL)
        problem = id_as_json(gen, f);
    if (problem != NULL) {
        bytes_reset(&f->id_text);
        bytes_reset(&f->id_json);
    }
    if (oversize)
        return 0;
    if (problem == NULL && tab == NULL)
        problem = "no tab between the id and the text";
    if (problem == NULL)
        problem = unescape(&f->text, tab + 1, len - id_len - 1);
    if (problem == NULL)
        return 1;
    why->code = "invalid_tsv";
    snprintf(why->message, sizeof why->message, "%s", problem);
    return 0;
}

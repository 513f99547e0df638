/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * jsonl.c - reading JSON Lines records.
 */
#include "jsonl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

/* Output members that a field copied through with --keep-fields must not
 * duplicate. */
static const char *const reserved_names[] = {"id", "lang", "n_sentences", "summary", "error"};

/* The JSON string literal of s[0, len), through yajl's generator, into
 * out. */
static int put_json_string(yajl_gen gen, bytes *out, const char *s, size_t len)
{
    const unsigned char *json;
    size_t json_len;
    yajl_gen_reset(gen, NULL);
    yajl_gen_clear(gen);
    if (yajl_gen_string(gen, (const unsigned char *)s, len) != yajl_gen_status_ok ||
        yajl_gen_get_buf(gen, &json, &json_len) != yajl_gen_status_ok)
        return 0;
    bytes_put(out, (const char *)json, json_len);
    return !out->failed;
}

enum { FIELD_SKIP, FIELD_TEXT, FIELD_ID, FIELD_KEEP };

typedef struct json_parse {
    yajl_handle handle;
    const char *line;
    const jsonl_fields_spec *spec;
    yajl_gen gen;
    bytes *scratch;
    record_fields *f;
    int depth;      /* maps and arrays open */
    int field;      /* what the value of the current top-level member is */
    int capturing;  /* events are copied to the generator */
    int too_deep;   /* the value copied is deeper than the generator goes */
    size_t value_start; /* where the value copied starts in the line */
    int has_text;
    int text_not_string;
    int line_valid; /* the line is UTF-8, and so is every string of it */
    int closed;     /* the object is complete: a value after it stops the parse */
    size_t closed_at; /* and where in the line it ends */
    const char *code;    /* why the parse was stopped; NULL for a syntax error */
    const char *problem; /* and the message */
} json_parse;

static int stop(json_parse *p, const char *code, const char *problem)
{
    p->code = code;
    p->problem = problem;
    return 0;
}

/* The output member named key[0, len), a static string, or NULL. */
static const char *reserved_name(const char *key, size_t len)
{
    for (size_t i = 0; i < sizeof reserved_names / sizeof reserved_names[0]; i++)
        if (strlen(reserved_names[i]) == len && memcmp(reserved_names[i], key, len) == 0)
            return reserved_names[i];
    return NULL;
}

/* Whether --keep-fields asks for the field key: every field without a
 * list, else the fields the list names. */
static int asked_name(const jsonl_fields_spec *opts, const char *key, size_t len)
{
    if (opts->keep_list == NULL)
        return 1;
    for (const char *name = opts->keep_list; *name != '\0';) {
        const char *comma = strchr(name, ',');
        size_t name_len = comma != NULL ? (size_t)(comma - name) : strlen(name);
        if (name_len == len && memcmp(name, key, len) == 0)
            return 1;
        name = comma != NULL ? comma + 1 : name + name_len;
    }
    return 0;
}

/* The start of any value but a closing bracket: checks that the record is
 * an object and starts copying an id or kept field. */
static int begin_value(json_parse *p, int opens_map, int is_string)
{
    /* Only jsonl_read's stream parser goes on after the object; its line
     * is then read the plain way, which says why. */
    if (p->depth == 0 && p->closed)
        return stop(p, "invalid_json", "a value after the object");
    if (p->depth == 0)
        return opens_map ? 1 : stop(p, "not_an_object", "the record is not a JSON object");
    if (p->depth == 1) {
        if (p->field == FIELD_TEXT && !is_string) {
            p->text_not_string = 1;
            p->has_text = 0;
        }
        if (p->field == FIELD_ID || p->field == FIELD_KEEP) {
            yajl_gen_reset(p->gen, NULL);
            yajl_gen_clear(p->gen);
            p->capturing = 1;
            p->too_deep = 0;
            /* A map or array starts at the bracket just read. */
            p->value_start = yajl_get_bytes_consumed(p->handle) - 1;
        }
    }
    return 1;
}

/* Whether events go to the generator. */
static int generating(const json_parse *p)
{
    return p->capturing && !p->too_deep;
}

/* After a value: a copied top-level member is complete once the depth is
 * back to 1. */
static int end_value(json_parse *p, yajl_gen_status gs)
{
    /* yajl's generator stops at 128 levels; deeper values, valid JSON all
     * the same, are copied as they were written. */
    if (gs == yajl_max_depth_exceeded)
        p->too_deep = 1;
    else if (gs != yajl_gen_status_ok && !p->too_deep)
        return stop(p, "out_of_memory", "out of memory");
    if (!p->capturing || p->depth != 1)
        return 1;
    p->capturing = 0;
    record_fields *f = p->f;
    const unsigned char *json;
    size_t len;
    if (p->too_deep) {
        json = (const unsigned char *)p->line + p->value_start;
        len = yajl_get_bytes_consumed(p->handle) - p->value_start;
    } else {
        yajl_gen_get_buf(p->gen, &json, &len);
    }
    if (p->field == FIELD_ID) {
        bytes_reset(&f->id_json);
        bytes_put(&f->id_json, (const char *)json, len);
        /* A string id already has its plain text; others are their JSON. */
        if (json[0] != '"') {
            bytes_reset(&f->id_text);
            bytes_put(&f->id_text, (const char *)json, len);
        }
    } else {
        bytes_put(&f->kept, ", ", 2);
        bytes_put(&f->kept, p->scratch->data, p->scratch->len);
        bytes_put(&f->kept, ": ", 2);
        bytes_put(&f->kept, (const char *)json, len);
    }
    int failed = f->id_json.failed || f->id_text.failed || f->kept.failed;
    return failed ? stop(p, "out_of_memory", "out of memory") : 1;
}

static int on_null(void *ctx)
{
    json_parse *p = ctx;
    if (!begin_value(p, 0, 0))
        return 0;
    return end_value(p, generating(p) ? yajl_gen_null(p->gen) : yajl_gen_status_ok);
}

static int on_boolean(void *ctx, int value)
{
    json_parse *p = ctx;
    if (!begin_value(p, 0, 0))
        return 0;
    return end_value(p, generating(p) ? yajl_gen_bool(p->gen, value) : yajl_gen_status_ok);
}

static int on_number(void *ctx, const char *digits, size_t len)
{
    json_parse *p = ctx;
    if (!begin_value(p, 0, 0))
        return 0;
    return end_value(p, generating(p) ? yajl_gen_number(p->gen, digits, len)
                                      : yajl_gen_status_ok);
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
    json_parse *p = ctx;
    if (!p->line_valid && !utf8_valid((const char *)s, len))
        return stop(p, "invalid_json", "not valid JSON: invalid UTF-8 in a string");
    if (!begin_value(p, 0, 1))
        return 0;
    record_fields *f = p->f;
    if (p->depth == 1 && p->field == FIELD_TEXT) {
        bytes_reset(&f->text);
        p->has_text = 1;
        p->text_not_string = 0;
        bytes_put(&f->text, (const char *)s, len);
        return f->text.failed ? stop(p, "out_of_memory", "out of memory") : 1;
    }
    if (p->depth == 1 && p->field == FIELD_ID) {
        bytes_reset(&f->id_text);
        bytes_put(&f->id_text, (const char *)s, len);
        if (f->id_text.failed)
            return stop(p, "out_of_memory", "out of memory");
    }
    return end_value(p, generating(p) ? yajl_gen_string(p->gen, s, len) : yajl_gen_status_ok);
}

static int on_map_key(void *ctx, const unsigned char *key, size_t len)
{
    json_parse *p = ctx;
    if (!p->line_valid && !utf8_valid((const char *)key, len))
        return stop(p, "invalid_json", "not valid JSON: invalid UTF-8 in a key");
    if (p->capturing)
        return end_value(p, generating(p) ? yajl_gen_string(p->gen, key, len)
                                          : yajl_gen_status_ok);
    if (p->depth != 1)
        return 1;
    const jsonl_fields_spec *opts = p->spec;
    const char *k = (const char *)key;
    if (strlen(opts->text_field) == len && memcmp(opts->text_field, k, len) == 0) {
        p->field = FIELD_TEXT;
    } else if (strlen(opts->id_field) == len && memcmp(opts->id_field, k, len) == 0) {
        p->field = FIELD_ID;
    } else if (opts->keep_fields && asked_name(opts, k, len) && reserved_name(k, len) != NULL) {
        /* Copied, it would clash with the output's own member. */
        p->field = FIELD_SKIP;
        p->f->not_kept = reserved_name(k, len);
    } else if (opts->keep_fields && asked_name(opts, k, len)) {
        p->field = FIELD_KEEP;
        bytes_reset(p->scratch);
        if (!put_json_string(p->gen, p->scratch, k, len))
            return stop(p, "out_of_memory", "out of memory");
    } else {
        p->field = FIELD_SKIP;
    }
    return 1;
}

static int on_open(json_parse *p, int is_map)
{
    if (!begin_value(p, is_map, 0))
        return 0;
    p->depth++;
    if (!generating(p))
        return 1;
    yajl_gen_status gs = is_map ? yajl_gen_map_open(p->gen) : yajl_gen_array_open(p->gen);
    return gs == yajl_gen_status_ok ? 1 : end_value(p, gs);
}

static int on_close(json_parse *p, int is_map)
{
    p->depth--;
    if (p->depth == 0) {
        p->closed = 1;
        p->closed_at = yajl_get_bytes_consumed(p->handle);
    }
    if (!p->capturing)
        return 1;
    if (!generating(p))
        return end_value(p, yajl_gen_status_ok);
    return end_value(p, is_map ? yajl_gen_map_close(p->gen) : yajl_gen_array_close(p->gen));
}

static int on_start_map(void *ctx)
{
    return on_open(ctx, 1);
}

static int on_end_map(void *ctx)
{
    return on_close(ctx, 1);
}

static int on_start_array(void *ctx)
{
    return on_open(ctx, 0);
}

static int on_end_array(void *ctx)
{
    return on_close(ctx, 0);
}

static const yajl_callbacks json_callbacks = {
    on_null,     on_boolean, NULL,           NULL,        on_number, on_string,
    on_start_map, on_map_key, on_end_map, on_start_array, on_end_array,
};

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The code unit of the escape \uXXXX at s[0, len), or -1. */
static long escape_unit(const char *s, size_t len)
{
    if (len < 6 || s[0] != '\\' || s[1] != 'u')
        return -1;
    long unit = 0;
    for (size_t k = 2; k < 6; k++) {
        int h = hex_value(s[k]);
        if (h < 0)
            return -1;
        unit = unit * 16 + h;
    }
    return unit;
}

/* JSON strings may escape half of a surrogate pair alone, which names no
 * character; yajl would join it to the next escape, turn it into '?' or
 * into bytes that are not UTF-8, depending on what follows. One rule
 * instead: a lone surrogate escape is U+FFFD. The line is rewritten escape
 * for escape ("\ufffd" is as long as the escape it replaces), into copy
 * when there is one to rewrite; returns the line to parse. */
static const char *replace_lone_surrogates(const char *line, size_t len, bytes *copy)
{
    char *out = NULL;
    for (size_t i = 0; i + 1 < len; i++) {
        const char *backslash = memchr(line + i, '\\', len - 1 - i);
        if (backslash == NULL)
            break;
        i = (size_t)(backslash - line);
        long unit = escape_unit(line + i, len - i);
        if (unit < 0xD800 || unit > 0xDFFF) {
            i++; /* past the escaped character, a backslash included */
            continue;
        }
        long next = unit <= 0xDBFF ? escape_unit(line + i + 6, len - i - 6) : -1;
        if (next >= 0xDC00 && next <= 0xDFFF) {
            i += 11; /* a pair: both escapes are fine */
            continue;
        }
        if (out == NULL) {
            bytes_reset(copy);
            bytes_put(copy, line, len);
            if (copy->failed)
                return NULL;
            out = copy->data;
        }
        memcpy(out + i, "\\ufffd", 6);
        i += 5;
    }
    return out != NULL ? out : line;
}

/* Whether s[0, len) is only white space as JSON counts it. */
static int json_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

/* Fills why; returns 0 for the caller to pass on. */
static int problem(record_problem *why, const char *code, const char *fmt, const char *arg)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 0)))
#endif
    ;

static int problem(record_problem *why, const char *code, const char *fmt, const char *arg)
{
    why->code = code;
    snprintf(why->message, sizeof why->message, fmt, arg);
    return 0;
}

/* After an object read whole: whether it had the text field, as a string. */
static int fields_problem(const jsonl_fields_spec *spec, const json_parse *p, record_problem *why)
{
    if (p->text_not_string)
        return problem(why, "text_not_a_string", "the field \"%s\" is not a string",
                       spec->text_field);
    if (!p->has_text)
        return problem(why, "missing_text",
                       "the record has no \"%s\" field; name the text field with --text-field",
                       spec->text_field);
    return 1;
}

int jsonl_read_plain(const jsonl_fields_spec *spec, yajl_gen gen, bytes *scratch,
                     const char *line, size_t len, record_fields *f, record_problem *why)
{
    if (json_blank(line, len))
        return problem(why, "invalid_json", "%s", "the line is empty, not a JSON object");
    line = replace_lone_surrogates(line, len, &f->line);
    if (line == NULL)
        return problem(why, "out_of_memory", "%s", "out of memory");
    json_parse p = {NULL, line, spec, gen, scratch, f, 0, FIELD_SKIP, 0, 0, 0, 0, 0, 0, 0, 0,
                    NULL, NULL};
    yajl_handle h = yajl_alloc(&json_callbacks, NULL, &p);
    if (h == NULL)
        return problem(why, "out_of_memory", "%s", "out of memory");
    p.handle = h;
    yajl_status ys = yajl_parse(h, (const unsigned char *)line, len);
    if (ys == yajl_status_ok)
        ys = yajl_complete_parse(h);
    if (ys != yajl_status_ok) {
        if (p.code != NULL) {
            problem(why, p.code, "%s", p.problem);
        } else {
            unsigned char *reason = yajl_get_error(h, 0, (const unsigned char *)line, len);
            size_t reason_len = reason != NULL ? strlen((const char *)reason) : 0;
            while (reason_len > 0 &&
                   (reason[reason_len - 1] == '\n' || reason[reason_len - 1] == ' '))
                reason_len--;
            why->code = "invalid_json";
            snprintf(why->message, sizeof why->message, "not valid JSON: %.*s", (int)reason_len,
                     reason != NULL ? (const char *)reason : "");
            yajl_free_error(h, reason);
        }
        yajl_free(h);
        return 0;
    }
    yajl_free(h);
    return fields_problem(spec, &p, why);
}

struct jsonl_reader {
    yajl_handle handle; /* NULL until a line needs it, and after a line it failed on */
    json_parse parse;   /* the handle's context */
};

jsonl_reader *jsonl_reader_new(void)
{
    return calloc(1, sizeof(jsonl_reader));
}

void jsonl_reader_free(jsonl_reader *r)
{
    if (r != NULL && r->handle != NULL)
        yajl_free(r->handle);
    free(r);
}

int jsonl_read(jsonl_reader *r, const jsonl_fields_spec *spec, yajl_gen gen, bytes *scratch,
               const char *line, size_t len, record_fields *f, record_problem *why)
{
    /* One parser for every line, which takes each line's object as the
     * next of a stream, and does not check UTF-8 when the whole line is.
     * A line that is not one complete object, or that is not UTF-8, is
     * read again the plain way, whose messages are the ones users see. */
    const char *text = json_blank(line, len) ? NULL : replace_lone_surrogates(line, len, &f->line);
    if (text == NULL || !utf8_valid(text, len))
        return jsonl_read_plain(spec, gen, scratch, line, len, f, why);
    if (r->handle == NULL) {
        r->handle = yajl_alloc(&json_callbacks, NULL, &r->parse);
        if (r->handle == NULL)
            return jsonl_read_plain(spec, gen, scratch, line, len, f, why);
        yajl_config(r->handle, yajl_dont_validate_strings, 1);
        yajl_config(r->handle, yajl_allow_multiple_values, 1);
    }
    json_parse *p = &r->parse;
    *p = (json_parse){r->handle, text, spec, gen, scratch, f, 0, FIELD_SKIP, 0, 0, 0, 0, 0, 1, 0,
                      0, NULL, NULL};
    /* A token after the object may wait in the parser for the next line
     * (a number could go on): white space alone may follow it. */
    if (yajl_parse(r->handle, (const unsigned char *)text, len) == yajl_status_ok && p->closed &&
        json_blank(text + p->closed_at, len - p->closed_at))
        return fields_problem(spec, p, why);
    /* The parser is left mid-value or stopped: a new one for the next
     * line, and the fields as record_read hands them over. */
    yajl_free(r->handle);
    r->handle = NULL;
    if (!record_fields_clear(f))
        return problem(why, "out_of_memory", "%s", "out of memory");
    return jsonl_read_plain(spec, gen, scratch, line, len, f, why);
}

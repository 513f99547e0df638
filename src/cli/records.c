/*
 * records.c - JSON Lines and TSV records: parsing with yajl, summarizing,
 * and the output line of each, error lines included.
 *
 * yajl rather than jansson: on the CNN dev records its event parser reads
 * 430-870 MB/s here against 47-66 MB/s for json_loadb, which alone would
 * have cost a third of the time per record; both reject every malformed
 * line we tried, and the overlong and surrogate UTF-8 that yajl lets
 * through is caught by valid_utf8 below. Its generator writes the ids and
 * kept fields back; the summary itself is the library's JSON rendering.
 */
#include "records.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <utf8proc.h>
#include <yajl/yajl_parse.h>

/* Output members that a field copied through with --keep-fields must not
 * duplicate. */
static const char *const reserved_names[] = {"id", "lang", "n_sentences", "summary", "error"};

int record_worker_init(record_worker *w, const cli_options *opts)
{
    memset(w, 0, sizeof *w);
    w->opts = opts;
    w->gen = yajl_gen_alloc(NULL);
    if (w->gen == NULL) {
        fputs("precis: cannot set up: out of memory\n", stderr);
        return -1;
    }
    w->ctx = cli_new_context(opts);
    if (w->ctx == NULL) {
        yajl_gen_free(w->gen);
        w->gen = NULL;
        return -1;
    }
    return 0;
}

void record_worker_free(record_worker *w)
{
    if (w->gen != NULL)
        yajl_gen_free(w->gen);
    precis_ctx_free(w->ctx);
    precis_buffer_free(&w->text);
    precis_buffer_free(&w->id_json);
    precis_buffer_free(&w->id_text);
    precis_buffer_free(&w->kept);
    precis_buffer_free(&w->value);
    precis_buffer_free(&w->render);
    memset(w, 0, sizeof *w);
}

/* Appends to a buffer; a failure is remembered by returning 0. The output
 * line of a record is built from many pieces, so the pieces are chained
 * with && and checked once. */
static int put(precis_buffer *buf, const char *bytes, size_t len)
{
    /* precis_buffer is plain memory the CLI may grow itself. */
    if (len > SIZE_MAX - buf->len - 1)
        return 0;
    if (buf->len + len + 1 > buf->cap) {
        size_t cap = buf->cap < 256 ? 256 : buf->cap;
        while (cap < buf->len + len + 1)
            cap = cap > SIZE_MAX / 2 ? buf->len + len + 1 : cap * 2;
        char *grown = realloc(buf->data, cap);
        if (grown == NULL)
            return 0;
        buf->data = grown;
        buf->cap = cap;
    }
    if (len > 0)
        memcpy(buf->data + buf->len, bytes, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
    return 1;
}

static int puts_buf(precis_buffer *buf, const char *s)
{
    return put(buf, s, strlen(s));
}

/* Whether s[0, len) is valid UTF-8 in the strict sense (no overlong forms,
 * surrogates or code points past U+10FFFF), which yajl does not check. */
static int valid_utf8(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        size_t avail = len - i;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, avail > 4 ? 4 : (utf8proc_ssize_t)avail, &cp);
        if (n <= 0)
            return 0;
        i += (size_t)n;
    }
    return 1;
}

/* The JSON string literal of s[0, len), through yajl's generator, into
 * out. */
static int put_json_string(record_worker *w, precis_buffer *out, const char *s, size_t len)
{
    const unsigned char *json;
    size_t json_len;
    yajl_gen_reset(w->gen, NULL);
    yajl_gen_clear(w->gen);
    return yajl_gen_string(w->gen, (const unsigned char *)s, len) == yajl_gen_status_ok &&
           yajl_gen_get_buf(w->gen, &json, &json_len) == yajl_gen_status_ok &&
           put(out, (const char *)json, json_len);
}

/* s[0, len) with backslashes, tabs and line feeds escaped as in TSV input. */
static int put_tsv_escaped(precis_buffer *out, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *esc = s[i] == '\\' ? "\\\\" : s[i] == '\t' ? "\\t" : s[i] == '\n' ? "\\n" : NULL;
        if (esc == NULL)
            continue;
        if (!put(out, s + run, i - run) || !put(out, esc, 2))
            return 0;
        run = i + 1;
    }
    return put(out, s + run, len - run);
}

/* ------------------------------------------------------------------ */
/* Error lines                                                        */

static void record_error(record_worker *w, record_sink *sink, uint64_t number, const char *code,
                         const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void record_error(record_worker *w, record_sink *sink, uint64_t number, const char *code,
                         const char *fmt, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    sink->errors++;

    char where[64];
    snprintf(where, sizeof where, "line %llu: ", (unsigned long long)number);
    int ok = puts_buf(sink->err, "precis: ");
    if (ok && sink->label != NULL)
        ok = puts_buf(sink->err, sink->label) && puts_buf(sink->err, ": ");
    ok = ok && puts_buf(sink->err, where) && puts_buf(sink->err, message) &&
         put(sink->err, "\n", 1);

    precis_buffer *out = sink->out;
    size_t mark = out->len;
    switch (w->opts->format) {
    case FORMAT_TSV:
        ok = put_tsv_escaped(out, w->id_text.data, w->id_text.len) && put(out, "\t\n", 2);
        break;
    case FORMAT_TEXT:
        ok = put(out, "\n", 1);
        break;
    default:
        ok = puts_buf(out, "{\"id\": ") &&
             (w->id_json.len > 0 ? put(out, w->id_json.data, w->id_json.len)
                                 : puts_buf(out, "null")) &&
             puts_buf(out, ", \"error\": {\"code\": \"") && puts_buf(out, code) &&
             puts_buf(out, "\", \"message\": ") &&
             put_json_string(w, out, message, strlen(message)) && puts_buf(out, "}}\n");
        break;
    }
    /* Without memory for even the error line, the line count can only be
     * kept with a bare newline. */
    if (!ok) {
        out->len = mark;
        put(out, "\n", 1);
    }
}

/* ------------------------------------------------------------------ */
/* JSON Lines                                                         */

enum { FIELD_SKIP, FIELD_TEXT, FIELD_ID, FIELD_KEEP };

typedef struct json_parse {
    record_worker *w;
    int depth;      /* maps and arrays open */
    int field;      /* what the value of the current top-level member is */
    int capturing;  /* events are copied to the generator */
    int has_text;
    int text_not_string;
    const char *code;    /* why the parse was stopped; NULL for a syntax error */
    const char *problem; /* and the message */
} json_parse;

static int stop(json_parse *p, const char *code, const char *problem)
{
    p->code = code;
    p->problem = problem;
    return 0;
}

static int kept_name(const cli_options *opts, const char *key, size_t len)
{
    if ((strlen(opts->text_field) == len && memcmp(opts->text_field, key, len) == 0) ||
        (strlen(opts->id_field) == len && memcmp(opts->id_field, key, len) == 0))
        return 0;
    for (size_t i = 0; i < sizeof reserved_names / sizeof reserved_names[0]; i++)
        if (strlen(reserved_names[i]) == len && memcmp(reserved_names[i], key, len) == 0)
            return 0;
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
    if (p->depth == 0)
        return opens_map ? 1 : stop(p, "not_an_object", "the record is not a JSON object");
    if (p->depth == 1) {
        if (p->field == FIELD_TEXT && !is_string) {
            p->text_not_string = 1;
            p->has_text = 0;
        }
        if (p->field == FIELD_ID || p->field == FIELD_KEEP) {
            yajl_gen_reset(p->w->gen, NULL);
            yajl_gen_clear(p->w->gen);
            p->capturing = 1;
        }
    }
    return 1;
}

/* After a value: a copied top-level member is complete once the depth is
 * back to 1. */
static int end_value(json_parse *p, yajl_gen_status gs)
{
    if (gs != yajl_gen_status_ok)
        return stop(p, "invalid_json", "a field is nested too deeply to copy");
    if (!p->capturing || p->depth != 1)
        return 1;
    p->capturing = 0;
    record_worker *w = p->w;
    const unsigned char *json;
    size_t len;
    yajl_gen_get_buf(w->gen, &json, &len);
    int ok;
    if (p->field == FIELD_ID) {
        w->id_json.len = 0;
        ok = put(&w->id_json, (const char *)json, len);
        /* A string id already has its plain text; others are their JSON. */
        if (ok && json[0] != '"') {
            w->id_text.len = 0;
            ok = put(&w->id_text, (const char *)json, len);
        }
    } else {
        ok = put(&w->kept, ", ", 2) && put(&w->kept, w->value.data, w->value.len) &&
             put(&w->kept, ": ", 2) && put(&w->kept, (const char *)json, len);
    }
    return ok ? 1 : stop(p, "out_of_memory", "out of memory");
}

static int on_null(void *ctx)
{
    json_parse *p = ctx;
    if (!begin_value(p, 0, 0))
        return 0;
    return end_value(p, p->capturing ? yajl_gen_null(p->w->gen) : yajl_gen_status_ok);
}

static int on_boolean(void *ctx, int value)
{
    json_parse *p = ctx;
    if (!begin_value(p, 0, 0))
        return 0;
    return end_value(p, p->capturing ? yajl_gen_bool(p->w->gen, value) : yajl_gen_status_ok);
}

static int on_number(void *ctx, const char *digits, size_t len)
{
    json_parse *p = ctx;
    if (!begin_value(p, 0, 0))
        return 0;
    return end_value(p, p->capturing ? yajl_gen_number(p->w->gen, digits, len)
                                     : yajl_gen_status_ok);
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
    json_parse *p = ctx;
    if (!valid_utf8(s, len))
        return stop(p, "invalid_json", "not valid JSON: invalid UTF-8 in a string");
    if (!begin_value(p, 0, 1))
        return 0;
    record_worker *w = p->w;
    if (p->depth == 1 && p->field == FIELD_TEXT) {
        w->text.len = 0;
        p->has_text = 1;
        p->text_not_string = 0;
        return put(&w->text, (const char *)s, len) ? 1 : stop(p, "out_of_memory", "out of memory");
    }
    if (p->depth == 1 && p->field == FIELD_ID) {
        w->id_text.len = 0;
        if (!put(&w->id_text, (const char *)s, len))
            return stop(p, "out_of_memory", "out of memory");
    }
    return end_value(p, p->capturing ? yajl_gen_string(w->gen, s, len) : yajl_gen_status_ok);
}

static int on_map_key(void *ctx, const unsigned char *key, size_t len)
{
    json_parse *p = ctx;
    if (!valid_utf8(key, len))
        return stop(p, "invalid_json", "not valid JSON: invalid UTF-8 in a key");
    if (p->capturing)
        return end_value(p, yajl_gen_string(p->w->gen, key, len));
    if (p->depth != 1)
        return 1;
    const cli_options *opts = p->w->opts;
    const char *k = (const char *)key;
    if (strlen(opts->text_field) == len && memcmp(opts->text_field, k, len) == 0) {
        p->field = FIELD_TEXT;
    } else if (strlen(opts->id_field) == len && memcmp(opts->id_field, k, len) == 0) {
        p->field = FIELD_ID;
    } else if (opts->keep_fields && kept_name(opts, k, len)) {
        p->field = FIELD_KEEP;
        p->w->value.len = 0;
        if (!put_json_string(p->w, &p->w->value, k, len))
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
    if (!p->capturing)
        return 1;
    yajl_gen_status gs = is_map ? yajl_gen_map_open(p->w->gen) : yajl_gen_array_open(p->w->gen);
    return gs == yajl_gen_status_ok ? 1 : end_value(p, gs);
}

static int on_close(json_parse *p, int is_map)
{
    p->depth--;
    if (!p->capturing)
        return 1;
    return end_value(p, is_map ? yajl_gen_map_close(p->w->gen) : yajl_gen_array_close(p->w->gen));
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

/* Whether s[0, len) is only white space as JSON counts it. */
static int json_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

static int read_jsonl(record_worker *w, const char *line, size_t len, uint64_t number,
                      size_t oversize, record_sink *sink, record_doc *doc)
{
    const cli_options *opts = w->opts;
    if (oversize > 0) {
        record_error(w, sink, number, "too_large",
                     "the record is %zu bytes, over the limit of %zu; raise it with --max-bytes",
                     oversize, opts->max_bytes);
        return 0;
    }
    if (json_blank(line, len)) {
        record_error(w, sink, number, "invalid_json", "the line is empty, not a JSON object");
        return 0;
    }
    json_parse p = {w, 0, FIELD_SKIP, 0, 0, 0, NULL, NULL};
    yajl_handle h = yajl_alloc(&json_callbacks, NULL, &p);
    if (h == NULL) {
        record_error(w, sink, number, "out_of_memory", "out of memory");
        return 0;
    }
    yajl_status ys = yajl_parse(h, (const unsigned char *)line, len);
    if (ys == yajl_status_ok)
        ys = yajl_complete_parse(h);
    if (ys != yajl_status_ok) {
        if (p.code != NULL) {
            record_error(w, sink, number, p.code, "%s", p.problem);
        } else {
            unsigned char *why = yajl_get_error(h, 0, (const unsigned char *)line, len);
            size_t why_len = why != NULL ? strlen((const char *)why) : 0;
            while (why_len > 0 && (why[why_len - 1] == '\n' || why[why_len - 1] == ' '))
                why_len--;
            record_error(w, sink, number, "invalid_json", "not valid JSON: %.*s", (int)why_len,
                         why != NULL ? (const char *)why : "");
            yajl_free_error(h, why);
        }
        yajl_free(h);
        return 0;
    }
    yajl_free(h);
    if (p.text_not_string) {
        record_error(w, sink, number, "text_not_a_string", "the field \"%s\" is not a string",
                     opts->text_field);
        return 0;
    }
    if (!p.has_text) {
        record_error(w, sink, number, "missing_text",
                     "the record has no \"%s\" field; name the text field with --text-field",
                     opts->text_field);
        return 0;
    }
    doc->text = w->text.data;
    doc->len = w->text.len;
    return 1;
}

/* ------------------------------------------------------------------ */
/* TSV                                                                */

/* Unescapes s[0, len) into out; returns NULL on success, else what is
 * wrong. */
static const char *tsv_unescape(precis_buffer *out, const char *s, size_t len)
{
    out->len = 0;
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
        if (!put(out, s + run, i - run) || !put(out, &c, 1))
            return "out of memory";
        run = i + 2;
        i++;
    }
    if (!put(out, s + run, len - run))
        return "out of memory";
    return NULL;
}

static int read_tsv(record_worker *w, const char *line, size_t len, uint64_t number,
                    size_t oversize, record_sink *sink, record_doc *doc)
{
    if (len > 0 && line[len - 1] == '\r' && oversize == 0)
        len--;
    const char *tab = memchr(line, '\t', len);
    size_t id_len = tab != NULL ? (size_t)(tab - line) : len;
    const char *problem = tsv_unescape(&w->id_text, line, id_len);
    if (problem == NULL && !valid_utf8((const unsigned char *)w->id_text.data, w->id_text.len))
        problem = "the id is not valid UTF-8";
    if (problem == NULL && (w->id_json.len = 0, !put_json_string(w, &w->id_json,
                                                                 w->id_text.data,
                                                                 w->id_text.len)))
        problem = "out of memory";
    if (problem != NULL) {
        w->id_text.len = 0;
        w->id_json.len = 0;
    }
    if (oversize > 0) {
        record_error(w, sink, number, "too_large",
                     "the record is %zu bytes, over the limit of %zu; raise it with --max-bytes",
                     oversize, w->opts->max_bytes);
        return 0;
    }
    if (problem == NULL && tab == NULL)
        problem = "no tab between the id and the text";
    if (problem == NULL)
        problem = tsv_unescape(&w->text, tab + 1, len - id_len - 1);
    if (problem != NULL) {
        record_error(w, sink, number, "invalid_tsv", "%s", problem);
        return 0;
    }
    doc->text = w->text.data;
    doc->len = w->text.len;
    return 1;
}

int record_read(record_worker *w, const char *line, size_t len, uint64_t number,
                size_t oversize, record_sink *sink, record_doc *doc)
{
    w->id_json.len = 0;
    w->id_text.len = 0;
    w->kept.len = 0;
    w->text.len = 0;
    /* Empty buffers still hold a string, for the plain id above all. */
    if (!put(&w->id_text, "", 0) || !put(&w->text, "", 0)) {
        record_error(w, sink, number, "out_of_memory", "out of memory");
        return 0;
    }
    int ok = w->opts->input == INPUT_TSV ? read_tsv(w, line, len, number, oversize, sink, doc)
                                         : read_jsonl(w, line, len, number, oversize, sink, doc);
    if (ok)
        doc->id = w->id_text.data;
    return ok;
}

/* ------------------------------------------------------------------ */
/* Summaries                                                          */

static const char *status_code(precis_status st)
{
    switch (st) {
    case PRECIS_ERR_TOO_LARGE:
        return "too_large";
    case PRECIS_ERR_NOMEM:
        return "out_of_memory";
    case PRECIS_ERR_NO_CONVERGENCE:
        return "no_convergence";
    default:
        return "failed";
    }
}

/* The summary's sentences, from a text rendering (one a line, white space
 * already folded, so a line feed only ever separates two of them), joined
 * by sep and, for TSV, with backslashes escaped. */
static int put_joined(precis_buffer *out, const precis_buffer *lines, const char *sep, int tsv)
{
    size_t start = 0;
    while (start < lines->len) {
        const char *nl = memchr(lines->data + start, '\n', lines->len - start);
        size_t end = nl != NULL ? (size_t)(nl - lines->data) : lines->len;
        if (start > 0 && !puts_buf(out, sep))
            return 0;
        if (!(tsv ? put_tsv_escaped(out, lines->data + start, end - start)
                  : put(out, lines->data + start, end - start)))
            return 0;
        start = end + 1;
    }
    return 1;
}

void record_process(record_worker *w, const char *line, size_t len, uint64_t number,
                    size_t oversize, record_sink *sink)
{
    record_doc doc;
    if (!record_read(w, line, len, number, oversize, sink, &doc))
        return;
    precis_result *res;
    precis_status st = precis_summarize(w->ctx, doc.text, doc.len, &res);
    if (st != PRECIS_OK) {
        record_error(w, sink, number, status_code(st), "%s%s", precis_ctx_error(w->ctx),
                     st == PRECIS_ERR_TOO_LARGE ? "; see --max-bytes and --max-sentences" : "");
        return;
    }
    int format = w->opts->format;
    w->render.len = 0;
    st = precis_render(res, doc.text, doc.len,
                       format == FORMAT_JSONL ? PRECIS_FORMAT_JSONL : PRECIS_FORMAT_TEXT, NULL,
                       &w->render);
    precis_result_free(res);
    if (st != PRECIS_OK) {
        record_error(w, sink, number, status_code(st), "cannot render the summary: %s",
                     precis_status_str(st));
        return;
    }
    precis_buffer *out = sink->out;
    size_t mark = out->len;
    int ok;
    if (format == FORMAT_JSONL) {
        /* The rendering is {"lang": ...}: the id and the kept fields go
         * in front of its members. */
        ok = puts_buf(out, "{\"id\": ") &&
             (w->id_json.len > 0 ? put(out, w->id_json.data, w->id_json.len)
                                 : puts_buf(out, "null")) &&
             put(out, w->kept.data, w->kept.len) && put(out, ", ", 2) &&
             put(out, w->render.data + 1, w->render.len - 1);
    } else if (format == FORMAT_TSV) {
        ok = put_tsv_escaped(out, w->id_text.data, w->id_text.len) && put(out, "\t", 1) &&
             put_joined(out, &w->render, "\\n", 1) && put(out, "\n", 1);
    } else {
        ok = put_joined(out, &w->render, " ", 0) && put(out, "\n", 1);
    }
    if (!ok) {
        out->len = mark;
        record_error(w, sink, number, "out_of_memory", "out of memory for the output");
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read_email.c - e-mail messages to the text their sender wrote: GMime
 * (loaded on first use) finds the text parts and their byte ranges, the
 * parts are decoded with a map back to the message, and a line filter
 * drops quotations, attributions, signatures and footers.
 */
#include "read_email.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

#include <gmime/gmime.h>

#include "read_html.h"
#include "util.h"

/* Parts deeper than this in nested multiparts are not read, nor more
 * parts than this: a message built to exhaust the reader stays cheap. */
#define PART_DEPTH_MAX 32
#define PART_COUNT_MAX 256

/* The first bytes that sniffing reads. */
#define SNIFF_MAX 8192

/* GMime's functions that the reader calls; loaded once per process. */
typedef struct gmime_api {
    void (*init)(void);
    GMimeStream *(*stream_mem_new_with_buffer)(const char *buffer, size_t len);
    GMimeParser *(*parser_new_with_stream)(GMimeStream *stream);
    GMimeMessage *(*parser_construct_message)(GMimeParser *parser, GMimeParserOptions *options);
    const char *(*message_get_subject)(GMimeMessage *message);
    const char *(*message_get_message_id)(GMimeMessage *message);
    GMimeObject *(*message_get_mime_part)(GMimeMessage *message);
    GMimeContentType *(*object_get_content_type)(GMimeObject *object);
    gboolean (*content_type_is_type)(GMimeContentType *type, const char *media,
                                     const char *subtype);
    const char *(*content_type_get_parameter)(GMimeContentType *type, const char *name);
    int (*multipart_get_count)(GMimeMultipart *multipart);
    GMimeObject *(*multipart_get_part)(GMimeMultipart *multipart, int index);
    GMimeDataWrapper *(*part_get_content)(GMimePart *part);
    gboolean (*part_is_attachment)(GMimePart *part);
    GType (*multipart_get_type)(void);
    GType (*part_get_type)(void);
    gboolean (*type_check_instance_is_a)(GTypeInstance *instance, GType type);
    void (*encoding_init_decode)(GMimeEncoding *state, GMimeContentEncoding encoding);
    size_t (*encoding_outlen)(GMimeEncoding *state, size_t inlen);
    size_t (*encoding_step)(GMimeEncoding *state, const char *in, size_t inlen, char *out);
    size_t (*encoding_flush)(GMimeEncoding *state, const char *in, size_t inlen, char *out);
    void (*object_unref)(gpointer object);
} gmime_api;

static gmime_api gmime;
static int gmime_loaded;
static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;

/* POSIX allows converting dlsym's object pointer to a function pointer. */
#define LOAD(field, name) (*(void **)&gmime.field = dlsym(lib, name)) != NULL

static void load_gmime(void)
{
    /* A program without a dynamic loader (AT_BASE 0) would load a second
     * C library with GMime, whose threads do not work: there the e-mail
     * reader is not available, as where GMime is not installed. */
    if (getauxval(AT_BASE) == 0)
        return;
    void *lib = dlopen("libgmime-3.0.so.0", RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL)
        return;
    int ok = LOAD(init, "g_mime_init") &&
             LOAD(stream_mem_new_with_buffer, "g_mime_stream_mem_new_with_buffer") &&
             LOAD(parser_new_with_stream, "g_mime_parser_new_with_stream") &&
             LOAD(parser_construct_message, "g_mime_parser_construct_message") &&
             LOAD(message_get_subject, "g_mime_message_get_subject") &&
             LOAD(message_get_message_id, "g_mime_message_get_message_id") &&
             LOAD(message_get_mime_part, "g_mime_message_get_mime_part") &&
             LOAD(object_get_content_type, "g_mime_object_get_content_type") &&
             LOAD(content_type_is_type, "g_mime_content_type_is_type") &&
             LOAD(content_type_get_parameter, "g_mime_content_type_get_parameter") &&
             LOAD(multipart_get_count, "g_mime_multipart_get_count") &&
             LOAD(multipart_get_part, "g_mime_multipart_get_part") &&
             LOAD(part_get_content, "g_mime_part_get_content") &&
             LOAD(part_is_attachment, "g_mime_part_is_attachment") &&
             LOAD(multipart_get_type, "g_mime_multipart_get_type") &&
             LOAD(part_get_type, "g_mime_part_get_type") &&
             LOAD(type_check_instance_is_a, "g_type_check_instance_is_a") &&
             LOAD(encoding_init_decode, "g_mime_encoding_init_decode") &&
             LOAD(encoding_outlen, "g_mime_encoding_outlen") &&
             LOAD(encoding_step, "g_mime_encoding_step") &&
             LOAD(encoding_flush, "g_mime_encoding_flush") &&
             LOAD(object_unref, "g_object_unref");
    if (!ok)
        return; /* the library stays loaded: GLib's types cannot be unloaded */
    gmime.init();
    gmime_loaded = 1;
}

static const gmime_api *gmime_api_get(void)
{
    if (pthread_once(&gmime_once, load_gmime) != 0 || !gmime_loaded)
        return NULL;
    return &gmime;
}

precis_status precis_email_new(precis_email **out)
{
    if (out == NULL)
        return PRECIS_ERR_ARGUMENT;
    *out = calloc(1, sizeof **out);
    if (*out == NULL)
        return PRECIS_ERR_NOMEM;
    precis_reading_reset(&(*out)->page);
    return PRECIS_OK;
}

void precis_email_free(precis_email *em)
{
    if (em == NULL)
        return;
    free(em->text);
    precis_map_free(&em->map);
    free(em->parts);
    free(em->transfer);
    precis_map_free(&em->transfer_map);
    precis_map_free(&em->charset_map);
    precis_decoded_free(&em->decoded);
    free(em->lines);
    free(em->joined);
    precis_map_free(&em->joined_map);
    precis_reading_free(&em->page);
    precis_html_free(em->html);
    free(em);
}

/* ---- maps ---- */

/* The range that [start, end) of a text comes from, through maps[0, n)
 * in turn (an empty map is the identity). */
static void chain_range(const precis_map *const *maps, size_t n, size_t start, size_t end,
                        size_t *s, size_t *e)
{
    for (size_t i = 0; i < n && start < end; i++) {
        size_t a, b;
        precis_map_range(maps[i], start, end, &a, &b);
        start = a;
        end = b;
    }
    *s = start;
    *e = end;
}

/* Adds to out the pieces that take out[at, at + (end - start)) to the
 * message, where those bytes are text[start, end) of a text whose way
 * back is maps[0], then maps[1], ...: verbatim runs stay verbatim, so
 * that ranges are as exact as the maps allow. */
static precis_status compose(precis_map *out, size_t at, const precis_map *const *maps, size_t n,
                             size_t start, size_t end)
{
    if (start >= end)
        return PRECIS_OK;
    if (n == 0)
        return precis_map_add(out, at, end - start, start, end - start);
    const precis_map *m = maps[0];
    if (m->count == 0)
        return compose(out, at, maps + 1, n - 1, start, end);
    /* the first piece that ends after start */
    size_t lo = 0, hi = m->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->pieces[mid].out + m->pieces[mid].out_len <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < m->count && m->pieces[i].out < end; i++) {
        const precis_piece *p = &m->pieces[i];
        size_t a = p->out > start ? p->out : start;
        size_t b = p->out + p->out_len < end ? p->out + p->out_len : end;
        precis_status st;
        if (p->out_len == p->src_len) {
            st = compose(out, at + (a - start), maps + 1, n - 1, p->src + (a - p->out),
                         p->src + (b - p->out));
        } else {
            size_t s, e;
            chain_range(maps + 1, n - 1, p->src, p->src + p->src_len, &s, &e);
            st = precis_map_add(out, at + (a - start), b - a, s, e - s);
        }
        if (st != PRECIS_OK)
            return st;
    }
    return PRECIS_OK;
}

/* ---- growing buffers ---- */

static precis_status put_bytes(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (n > SIZE_MAX - *len || PRECIS_RESERVE(*buf, *cap, *len + n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (n > 0)
        memcpy(*buf + *len, s, n);
    *len += n;
    return PRECIS_OK;
}

/* ---- the parts of a message ---- */

typedef struct walk_state {
    precis_email *em;
    const gmime_api *api;
    size_t base; /* where GMime's stream starts in the message */
    size_t len;  /* the message's length */
    precis_status st;
} walk_state;

static int is_a(const walk_state *w, GMimeObject *obj, GType type)
{
    return obj != NULL && w->api->type_check_instance_is_a((GTypeInstance *)obj, type);
}

static int is_type(const walk_state *w, GMimeObject *obj, const char *media, const char *sub)
{
    GMimeContentType *ct = w->api->object_get_content_type(obj);
    return ct != NULL && w->api->content_type_is_type(ct, media, sub);
}

/* Records the text part obj (text/plain or text/html) with its bytes. */
static void add_part(walk_state *w, GMimeObject *obj, int html)
{
    precis_email *em = w->em;
    if (em->part_count >= PART_COUNT_MAX)
        return;
    GMimePart *part = (GMimePart *)obj;
    if (w->api->part_is_attachment(part))
        return;
    GMimeDataWrapper *content = w->api->part_get_content(part);
    if (content == NULL || content->stream == NULL)
        return;
    gint64 start = content->stream->bound_start, end = content->stream->bound_end;
    if (start < 0 || end < start || (uint64_t)end > w->len - w->base)
        return;
    if (PRECIS_RESERVE(em->parts, em->parts_cap, em->part_count + 1) != PRECIS_OK) {
        w->st = PRECIS_ERR_NOMEM;
        return;
    }
    precis_email_part *p = &em->parts[em->part_count++];
    *p = (precis_email_part){w->base + (size_t)start, w->base + (size_t)end, html,
                             content->encoding, ""};
    GMimeContentType *ct = w->api->object_get_content_type(obj);
    const char *charset = ct != NULL ? w->api->content_type_get_parameter(ct, "charset") : NULL;
    if (charset != NULL) {
        size_t n = strlen(charset);
        if (n < sizeof p->charset)
            memcpy(p->charset, charset, n + 1);
    }
}

/* The child of an alternative to read: the first text/plain, else the
 * first text/html, looking into nested multiparts; NULL for none. With
 * html set, looks for text/html only. */
static GMimeObject *pick_alternative(walk_state *w, GMimeObject *obj, int html, unsigned depth)
{
    if (depth > PART_DEPTH_MAX)
        return NULL;
    if (is_a(w, obj, w->api->part_get_type()))
        return is_type(w, obj, "text", html ? "html" : "plain") ? obj : NULL;
    if (!is_a(w, obj, w->api->multipart_get_type()))
        return NULL;
    GMimeMultipart *mp = (GMimeMultipart *)obj;
    int count = w->api->multipart_get_count(mp);
    for (int i = 0; i < count && i < PART_COUNT_MAX; i++) {
        GMimeObject *found = pick_alternative(w, w->api->multipart_get_part(mp, i), html,
                                              depth + 1);
        if (found != NULL)
            return found;
    }
    return NULL;
}

static void walk(walk_state *w, GMimeObject *obj, unsigned depth)
{
    if (obj == NULL || depth > PART_DEPTH_MAX || w->st != PRECIS_OK)
        return;
    if (is_a(w, obj, w->api->part_get_type())) {
        if (is_type(w, obj, "text", "plain"))
            add_part(w, obj, 0);
        else if (is_type(w, obj, "text", "html"))
            add_part(w, obj, 1);
        return;
    }
    /* message/rfc822 (a forwarded message) and everything else are not
     * what the sender wrote. */
    if (!is_a(w, obj, w->api->multipart_get_type()))
        return;
    GMimeMultipart *mp = (GMimeMultipart *)obj;
    if (is_type(w, obj, "multipart", "alternative")) {
        GMimeObject *pick = pick_alternative(w, obj, 0, depth);
        if (pick == NULL)
            pick = pick_alternative(w, obj, 1, depth);
        if (pick != NULL)
            walk(w, pick, depth + 1);
        return;
    }
    int count = w->api->multipart_get_count(mp);
    for (int i = 0; i < count && i < PART_COUNT_MAX && w->st == PRECIS_OK; i++)
        walk(w, w->api->multipart_get_part(mp, i), depth + 1);
}

/* Copies the NUL-terminated s (may be NULL) into dst[0, max), cut at a
 * character boundary. */
static void copy_field(char *dst, size_t max, const char *s)
{
    size_t n = s != NULL ? strlen(s) : 0;
    if (n >= max) {
        n = max - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    if (n > 0)
        memcpy(dst, s, n);
    dst[n] = '\0';
}

/* Where the message starts: after an mbox "From " line. */
static size_t skip_mbox_line(const char *in, size_t len)
{
    if (len < 5 || memcmp(in, "From ", 5) != 0)
        return 0;
    const char *nl = memchr(in, '\n', len);
    return nl != NULL ? (size_t)(nl - in) + 1 : len;
}

/* Finds the text parts of the message in[0, len) and its subject. */
static precis_status find_parts(precis_email *em, const gmime_api *api, const char *in,
                                size_t len)
{
    size_t base = skip_mbox_line(in, len);
    GMimeStream *stream = api->stream_mem_new_with_buffer(in + base, len - base);
    if (stream == NULL)
        return PRECIS_ERR_NOMEM;
    GMimeParser *parser = api->parser_new_with_stream(stream);
    api->object_unref(stream);
    if (parser == NULL)
        return PRECIS_ERR_NOMEM;
    GMimeMessage *message = api->parser_construct_message(parser, NULL);
    walk_state w = {em, api, base, len, PRECIS_OK};
    if (message != NULL) {
        copy_field(em->subject, sizeof em->subject, api->message_get_subject(message));
        copy_field(em->message_id, sizeof em->message_id, api->message_get_message_id(message));
        walk(&w, api->message_get_mime_part(message), 0);
        api->object_unref(message);
    }
    api->object_unref(parser);
    return w.st;
}

/* ---- decoding a part ---- */

static int hex_digit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

/* Maps the quoted-printable line in[pos, end) (its line break runs to
 * next) that decoded to out[0, made) at offset at: literal bytes one to
 * one, an "=XX" escape as a unit of three bytes, a soft line break as
 * nothing, the line break as itself. Where what the line should decode to
 * is not what the decoder made (a malformed line), the line maps as one
 * unit. */
static precis_status map_qp_line(precis_map *map, const char *out, size_t made, size_t at,
                                 const char *in, size_t pos, size_t end, size_t next)
{
    size_t mark = map->count, k = 0;
    int same = 1, soft = 0;
    precis_status st = PRECIS_OK;
    for (size_t i = pos; i < end && same && st == PRECIS_OK;) {
        if (in[i] == '=' && i + 2 < end && hex_digit(in[i + 1]) && hex_digit(in[i + 2])) {
            same = k < made;
            if (same)
                st = precis_map_add(map, at + k, 1, i, 3);
            k++;
            i += 3;
        } else if (in[i] == '=' && i + 1 == end) {
            soft = 1;
            i++;
        } else {
            same = k < made && out[k] == in[i];
            if (same)
                st = precis_map_add(map, at + k, 1, i, 1);
            k++;
            i++;
        }
    }
    if (st != PRECIS_OK)
        return st;
    /* the line break the decoder wrote */
    size_t rest = same && k <= made ? made - k : 0;
    for (size_t j = k; j < made && same; j++)
        same = out[j] == '\n' || out[j] == '\r';
    if (same && k <= made && (rest == 0 || (!soft && next > end)))
        return rest > 0 ? precis_map_add(map, at + k, rest, end, next - end) : PRECIS_OK;
    map->count = mark;
    return precis_map_add(map, at, made, pos, end - pos);
}

/* Undoes the part's transfer encoding into em->transfer, with
 * em->transfer_map leading back to the message. */
static precis_status undo_transfer(precis_email *em, const gmime_api *api, const char *in,
                                   const precis_email_part *p)
{
    em->transfer_len = 0;
    em->transfer_map.count = 0;
    size_t n = p->end - p->start;
    if (p->encoding != GMIME_CONTENT_ENCODING_BASE64 &&
        p->encoding != GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE &&
        p->encoding != GMIME_CONTENT_ENCODING_UUENCODE) {
        precis_status st = put_bytes(&em->transfer, &em->transfer_len, &em->transfer_cap,
                                     in + p->start, n);
        if (st == PRECIS_OK)
            st = precis_map_add(&em->transfer_map, 0, n, p->start, n);
        return st;
    }
    GMimeEncoding enc;
    api->encoding_init_decode(&enc, (GMimeContentEncoding)p->encoding);
    size_t pos = p->start, held_from = p->start;
    precis_status st = PRECIS_OK;
    while (pos < p->end && st == PRECIS_OK) {
        const char *nl = memchr(in + pos, '\n', p->end - pos);
        size_t next = nl != NULL ? (size_t)(nl - in) + 1 : p->end;
        size_t room = api->encoding_outlen(&enc, next - pos);
        if (PRECIS_RESERVE(em->transfer, em->transfer_cap, em->transfer_len + room + 8) !=
            PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        size_t made = api->encoding_step(&enc, in + pos, next - pos,
                                         em->transfer + em->transfer_len);
        if (made > 0) {
            size_t content = next > pos && in[next - 1] == '\n' ? next - 1 : next;
            if (content > pos && in[content - 1] == '\r')
                content--;
            if (content <= held_from)
                content = next;
            st = p->encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE && held_from == pos
                     ? map_qp_line(&em->transfer_map, em->transfer + em->transfer_len, made,
                                   em->transfer_len, in, pos, content, next)
                     : precis_map_add(&em->transfer_map, em->transfer_len, made, held_from,
                                      content - held_from);
            em->transfer_len += made;
        }
        /* bytes that the decoder keeps for the next line came from this one */
        if (made > 0 || enc.state == 0)
            held_from = enc.state != 0 ? pos : next;
        pos = next;
    }
    if (st != PRECIS_OK ||
        PRECIS_RESERVE(em->transfer, em->transfer_cap, em->transfer_len + 64) != PRECIS_OK)
        return st != PRECIS_OK ? st : PRECIS_ERR_NOMEM;
    size_t made = api->encoding_flush(&enc, "", 0, em->transfer + em->transfer_len);
    if (made > 0 && made <= 64) {
        st = precis_map_add(&em->transfer_map, em->transfer_len, made, held_from,
                            p->end - held_from);
        em->transfer_len += made;
    }
    return st;
}

/* ---- the line filter ---- */

enum {
    EMAIL_LINE_TEXT = 0,
    EMAIL_LINE_BLANK,
    EMAIL_LINE_QUOTE,       /* "> ..." */
    EMAIL_LINE_ATTRIBUTION, /* "On ... wrote:" */
    EMAIL_LINE_RULE,        /* "------", "______" */
    EMAIL_LINE_END          /* what follows is no longer this sender's: drop to the end */
};

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether s[start, end) begins with prefix, without ASCII case. */
static int starts_with(const char *s, size_t start, size_t end, const char *prefix)
{
    size_t n = strlen(prefix);
    if (end - start < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[start + i]) != lower((unsigned char)prefix[i]))
            return 0;
    return 1;
}

/* Whether s[start, end) contains needle, without ASCII case. */
static int contains(const char *s, size_t start, size_t end, const char *needle)
{
    size_t n = strlen(needle);
    int first = lower((unsigned char)needle[0]);
    for (size_t i = start; i + n <= end; i++)
        if (lower((unsigned char)s[i]) == first && starts_with(s, i, end, needle))
            return 1;
    return 0;
}

static int is_blank_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* The line's content without white space at either end. */
static void trim(const char *s, size_t *start, size_t *end)
{
    while (*start < *end && is_blank_byte(s[*start]))
        (*start)++;
    /* a no-break space (U+00A0) ends many a client's line */
    for (;;) {
        if (*end > *start && is_blank_byte(s[*end - 1]))
            (*end)--;
        else if (*end - *start >= 2 && (unsigned char)s[*end - 2] == 0xC2 &&
                 (unsigned char)s[*end - 1] == 0xA0)
            *end -= 2;
        else
            break;
    }
}

static size_t count_words(const char *s, size_t start, size_t end)
{
    size_t words = 0;
    int in_word = 0;
    for (size_t i = start; i < end; i++) {
        int space = is_blank_byte(s[i]);
        words += !space && !in_word;
        in_word = !space;
    }
    return words;
}

/* Verbs of attribution lines in the languages precis reads ("On Mon, Ann
 * wrote:", "Le lundi, Ann a écrit :", "Am Montag schrieb Ann:", ...).
 * A byte before a letter is written in octal: a hex escape would take the
 * letter in. */
static const char *const attribution_verbs[] = {
    "wrote",    "writes",   "\303\251crit", "schrieb",  "escribi\xC3\xB3", "scritto",
    "escreveu", "schreef",  "skrev",           "napisa",   "kirjoitti",       "\xD0\xBD\xD0\xB0\xD0\xBF\xD0\xB8\xD1\x81\xD0\xB0\xD0\xBB",
    "yazd\xC4\xB1", "scrise",
};

/* Openers of a wrapped attribution's first line. */
static const char *const attribution_openers[] = {"On ", "Le ", "Am ", "El ", "Il ", "Em ",
                                                  "Op ", "Den ", "W dniu ", "On\xC2\xA0"};

static int is_attribution(const char *s, size_t start, size_t end)
{
    if (end <= start || s[end - 1] != ':' || end - start > 400)
        return 0;
    for (size_t i = 0; i < sizeof attribution_verbs / sizeof *attribution_verbs; i++)
        if (contains(s, start, end, attribution_verbs[i]))
            return 1;
    return 0;
}

static int opens_attribution(const char *s, size_t start, size_t end)
{
    for (size_t i = 0; i < sizeof attribution_openers / sizeof *attribution_openers; i++)
        if (starts_with(s, start, end, attribution_openers[i]))
            return 1;
    return 0;
}

/* "-----Original Message-----", "---------- Forwarded message ---------"
 * and their translations. */
static const char *const original_markers[] = {
    "original message", "forwarded message", "urspr\xC3\xBCngliche nachricht",
    "message d'origine", "message d\xE2\x80\x99origine", "message transf\xC3\xA9r\xC3\xA9",
    "mensaje original", "messaggio originale", "oorspronkelijk bericht",
    "weitergeleitete nachricht", "mensagem original", "ursprungligt meddelande",
    "begin forwarded message"};

/* Outlook's header block: "From:" then, within a few lines, "Sent:" or
 * "Date:" and "To:" or "Subject:", in the client's language. */
static const char *const from_fields[] = {"From:", "De :", "De:", "Von:", "Da:", "Van:",
                                          "Fr\xC3\xA5n:", "Od:", "*From:*"};
static const char *const sent_fields[] = {"Sent:", "Date:", "Envoy\xC3\xA9 :", "Envoy\xC3\xA9:",
                                          "Gesendet:", "Datum:", "Enviado:", "Enviado el:",
                                          "Inviato:", "Data:", "Verzonden:", "Skickat:",
                                          "Wys\305\202ano:", "*Sent:*", "*Date:*"};
static const char *const to_fields[] = {"To:", "\xC3\x80 :", "An:", "Para:", "A:", "Aan:",
                                        "Till:", "Do:", "Subject:", "Objet :", "Betreff:",
                                        "Asunto:", "Oggetto:", "Assunto:", "Onderwerp:",
                                        "\xC3\x84mne:", "Temat:", "Cc:", "*To:*", "*Subject:*"};

static int starts_with_any(const char *s, size_t start, size_t end, const char *const *list,
                           size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (starts_with(s, start, end, list[i]))
            return 1;
    return 0;
}

#define ANY(s, a, b, list) starts_with_any(s, a, b, list, sizeof list / sizeof *list)

/* Phones' and mail programs' signatures. */
static const char *const device_lines[] = {
    "sent from my ", "sent from mail for ", "sent from outlook", "get outlook for ",
    "sent from yahoo mail", "sent via ", "sent with ", "envoy\xC3\xA9 de mon ",
    "envoy\xC3\xA9 depuis ", "von meinem ", "gesendet von ", "enviado desde mi ",
    "enviado do meu ", "inviato da ", "verzonden vanaf ", "verstuurd vanaf ",
    "skickat fr\xC3\xA5n ", "wys\305\202ane z "};

/* Closings that start a signature, alone on their line (a comma or a
 * name may follow). */
static const char *const closings[] = {
    "thanks", "thank you", "thanks again", "many thanks", "thanks a lot", "thanks so much",
    "thx", "cheers", "best", "best regards", "kind regards", "warm regards", "warmest regards",
    "regards", "best wishes", "all the best", "sincerely", "yours sincerely", "yours truly",
    "yours", "take care", "talk soon", "respectfully", "cordialement", "bien cordialement",
    "bien \xC3\xA0 vous", "merci", "merci beaucoup", "amicalement", "bonne journ\xC3\xA9" "e",
    "viele gr\xC3\xBC\xC3\x9F" "e", "beste gr\xC3\xBC\xC3\x9F" "e",
    "mit freundlichen gr\xC3\xBC\xC3\x9F" "en", "liebe gr\xC3\xBC\xC3\x9F" "e",
    "gr\xC3\xBC\xC3\x9F" "e", "gru\xC3\x9F", "danke", "vielen dank", "saludos", "un saludo",
    "atentamente", "un abrazo", "gracias", "muchas gracias", "cordiali saluti", "saluti",
    "distinti saluti", "grazie", "grazie mille", "atenciosamente", "abra\xC3\xA7os",
    "obrigado", "obrigada", "met vriendelijke groet", "vriendelijke groeten", "groeten",
    "groet", "med v\xC3\xA4nliga h\xC3\xA4lsningar", "h\xC3\xA4lsningar", "mvh",
    "pozdrawiam", "z powa\xC5\xBC" "aniem",
    /* Japanese: "yoroshiku onegai shimasu / itashimasu" */
    "\xE3\x82\x88\xE3\x82\x8D\xE3\x81\x97\xE3\x81\x8F\xE3\x81\x8A\xE9\xA1\x98\xE3\x81\x84"};

/* Greetings that open a message ("Hi David,"). */
static const char *const greetings[] = {
    "hi ", "hi,", "hello", "hey", "dear ", "good morning", "good afternoon", "good evening",
    "greetings", "bonjour", "salut", "hallo", "liebe ", "lieber ", "sehr geehrte", "hola",
    "estimad", "ciao", "buongiorno", "gentile", "caro ", "cara ", "ol\xC3\xA1", "prezado",
    "hej", "beste ", "dag ", "witam", "dzie\xC5\x84 dobry"};

/* Words of legal disclaimers and mailing-list footers. */
static const char *const disclaimer_words[] = {
    "confidential", "intended recipient", "intended solely", "intended only", "privileged",
    "notify the sender", "delete this", "delete the message", "disclaimer", "unauthori",
    "prohibited", "legally binding", "virus", "vertraulich", "empf\xC3\xA4nger",
    "destinataire", "destinatario", "riservat", "before printing", "environment before"};

static const char *const footer_words[] = {
    "mailing list", "unsubscribe", "listinfo", "you received this message because",
    "to post to this group", "abmelden", "d\xC3\xA9sinscri", "darse de baja"};

static int count_hits(const char *s, size_t start, size_t end, const char *const *list,
                      size_t n)
{
    int hits = 0;
    for (size_t i = 0; i < n; i++)
        hits += contains(s, start, end, list[i]);
    return hits;
}

#define HITS(s, a, b, list) count_hits(s, a, b, list, sizeof list / sizeof *list)

/* Whether the trimmed line s[start, end) is a closing: one of closings,
 * then punctuation, or a comma and at most three words (a name). */
static int is_closing(const char *s, size_t start, size_t end)
{
    for (size_t i = 0; i < sizeof closings / sizeof *closings; i++) {
        size_t n = strlen(closings[i]);
        if (!starts_with(s, start, end, closings[i]))
            continue;
        size_t pos = start + n;
        if (pos == end)
            return 1;
        /* a Japanese closing: its verb's ending and full stop follow */
        if ((unsigned char)closings[i][0] >= 0x80) {
            if (end - pos <= 24)
                return 1;
            continue;
        }
        if (s[pos] != ',' && s[pos] != '!' && s[pos] != '.' && s[pos] != ' ')
            continue;
        while (pos < end && (s[pos] == ',' || s[pos] == '!' || s[pos] == '.'))
            pos++;
        if (pos == end)
            return 1;
        if (s[start + n] == ',' && count_words(s, pos, end) <= 3 && memchr(s + pos, '.', end - pos) == NULL)
            return 1;
    }
    return 0;
}

static int is_rule(const char *s, size_t start, size_t end)
{
    if (end - start < 4)
        return 0;
    for (size_t i = start; i < end; i++)
        if (s[i] != '-' && s[i] != '_' && s[i] != '=' && s[i] != '*' && s[i] != '~' &&
            s[i] != ' ')
            return 0;
    return 1;
}

/* Whether the trimmed line ends a sentence or a clause. */
static int ends_sentence(const char *s, size_t start, size_t end)
{
    if (end <= start)
        return 0;
    char c = s[end - 1];
    return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == ')' || c == '"';
}

/* Splits text[0, len) into em->lines. */
static precis_status split_lines(precis_email *em, const char *text, size_t len)
{
    em->line_count = 0;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl != NULL ? (size_t)(nl - text) : len;
        if (PRECIS_RESERVE(em->lines, em->lines_cap, em->line_count + 1) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        em->lines[em->line_count++] =
            (precis_email_line){pos, end, nl != NULL ? end + 1 : len, EMAIL_LINE_TEXT, 1};
        pos = nl != NULL ? end + 1 : len;
    }
    return PRECIS_OK;
}

/* Whether an Outlook header block starts at line i. */
static int outlook_block(const precis_email *em, const char *t, size_t i)
{
    size_t a = em->lines[i].start, b = em->lines[i].end;
    trim(t, &a, &b);
    if (!ANY(t, a, b, from_fields))
        return 0;
    int sent = 0, to = 0;
    for (size_t k = i + 1; k < em->line_count && k <= i + 6; k++) {
        size_t c = em->lines[k].start, d = em->lines[k].end;
        trim(t, &c, &d);
        sent |= ANY(t, c, d, sent_fields);
        to |= ANY(t, c, d, to_fields);
    }
    return sent && to;
}

/* Classifies every line: blank, quotation, attribution, rule, the end of
 * the sender's text, or text. */
static void classify(precis_email *em, const char *t)
{
    for (size_t i = 0; i < em->line_count; i++) {
        precis_email_line *l = &em->lines[i];
        size_t a = l->start, b = l->end;
        trim(t, &a, &b);
        if (a == b)
            l->kind = EMAIL_LINE_BLANK;
        else if (t[a] == '>')
            l->kind = EMAIL_LINE_QUOTE;
        else if (is_attribution(t, a, b))
            l->kind = EMAIL_LINE_ATTRIBUTION;
        else if ((b - a == 2 && t[a] == '-' && t[a + 1] == '-') ||
                 ((t[a] == '-' || t[a] == '_' || t[a] == '=' || t[a] == '*') &&
                  HITS(t, a, b, original_markers) > 0) ||
                 outlook_block(em, t, i) || starts_with_any(t, a, b, device_lines,
                                                            sizeof device_lines /
                                                                sizeof *device_lines) ||
                 HITS(t, a, b, footer_words) > 0)
            l->kind = EMAIL_LINE_END;
        else if (is_rule(t, a, b))
            l->kind = EMAIL_LINE_RULE;
        else
            l->kind = EMAIL_LINE_TEXT;
    }
}

/* Whether lines [from, to) are a name-and-title or contact block: a few
 * short lines, none of them a sentence. */
static int is_name_block(const precis_email *em, const char *t, size_t from, size_t to)
{
    if (to - from > 6)
        return 0;
    for (size_t k = from; k < to; k++) {
        size_t a = em->lines[k].start, b = em->lines[k].end;
        trim(t, &a, &b);
        if (b - a > 60 || count_words(t, a, b) > 8 || ends_sentence(t, a, b))
            return 0;
    }
    return 1;
}

/* Drops the end of the sender's text in the segment of lines [from, to)
 * (text between two quotations): a closing and what follows it, then
 * trailing disclaimers and name blocks, while an earlier paragraph of
 * prose remains. */
static void trim_segment(precis_email *em, const char *t, size_t from, size_t to)
{
    precis_email_line *lines = em->lines;
    /* greeting: the first line of text, when short */
    for (size_t k = from; k < to; k++) {
        if (lines[k].kind == EMAIL_LINE_BLANK)
            continue;
        size_t a = lines[k].start, b = lines[k].end;
        trim(t, &a, &b);
        size_t words = count_words(t, a, b);
        char last = t[b - 1];
        int open = last == ',' || last == ':' || last == '!' || !ends_sentence(t, a, b);
        /* a Japanese name with its honorific: "Tanaka-san", "Tanaka-sama" */
        int honorific = words == 1 && b - a <= 24 &&
                        ((b - a >= 6 && memcmp(t + b - 6, "\xE3\x81\x95\xE3\x82\x93", 6) == 0) ||
                         (b - a >= 3 && memcmp(t + b - 3, "\xE6\xA7\x98", 3) == 0));
        if (lines[k].kind == EMAIL_LINE_TEXT && open && words <= 5 &&
            (starts_with_any(t, a, b, greetings, sizeof greetings / sizeof *greetings) ||
             (words <= 2 && last == ',') || honorific))
            lines[k].keep = 0;
        break;
    }
    /* a closing with no more than a few lines after it */
    for (size_t k = from; k < to; k++) {
        size_t a = lines[k].start, b = lines[k].end;
        trim(t, &a, &b);
        if (lines[k].kind != EMAIL_LINE_TEXT || !is_closing(t, a, b))
            continue;
        size_t after = 0;
        for (size_t j = k + 1; j < to; j++)
            after += lines[j].kind != EMAIL_LINE_BLANK;
        if (after <= 8) {
            for (size_t j = k; j < to; j++)
                lines[j].keep = 0;
            to = k;
        }
        break;
    }
    /* paragraphs, from the last: disclaimers anywhere, name blocks while
     * prose remains before them */
    size_t end = to;
    for (;;) {
        while (end > from && (lines[end - 1].kind == EMAIL_LINE_BLANK || !lines[end - 1].keep))
            end--;
        if (end == from)
            return;
        size_t start = end;
        while (start > from && lines[start - 1].kind != EMAIL_LINE_BLANK && lines[start - 1].keep)
            start--;
        int hits = 0;
        /* disclaimers are a paragraph of a few lines */
        for (size_t k = start; k < end && end - start <= 40; k++)
            hits += HITS(t, lines[k].start, lines[k].end, disclaimer_words);
        int prose_before = 0;
        for (size_t k = from; k < start && !prose_before; k++) {
            size_t a = lines[k].start, b = lines[k].end;
            trim(t, &a, &b);
            prose_before = lines[k].keep && lines[k].kind == EMAIL_LINE_TEXT &&
                           ends_sentence(t, a, b);
        }
        if (hits >= 2 || (hits >= 1 && end - start <= 2) ||
            (prose_before && is_name_block(em, t, start, end))) {
            for (size_t k = start; k < end; k++)
                lines[k].keep = 0;
            end = start;
            continue;
        }
        return;
    }
}

/* Decides which lines of t are the sender's. html: t is a web page's
 * blocks, whose quotations carry no "> ": an attribution ends the text. */
static void filter(precis_email *em, const char *t, int html)
{
    classify(em, t);
    precis_email_line *lines = em->lines;
    size_t n = em->line_count;
    int ended = 0;
    for (size_t i = 0; i < n; i++) {
        int kind = lines[i].kind;
        if (ended || kind == EMAIL_LINE_END || (html && kind == EMAIL_LINE_ATTRIBUTION)) {
            ended = 1;
            lines[i].keep = 0;
            continue;
        }
        if (kind == EMAIL_LINE_QUOTE || kind == EMAIL_LINE_RULE)
            lines[i].keep = 0;
        else if (kind == EMAIL_LINE_ATTRIBUTION) {
            lines[i].keep = 0;
            /* its first half, when the client wrapped it */
            if (i > 0 && lines[i - 1].kind == EMAIL_LINE_TEXT) {
                size_t a = lines[i - 1].start, b = lines[i - 1].end;
                trim(t, &a, &b);
                if (opens_attribution(t, a, b) && !ends_sentence(t, a, b))
                    lines[i - 1].keep = 0;
            }
        } else if (kind == EMAIL_LINE_TEXT && i > 0 && lines[i - 1].kind == EMAIL_LINE_QUOTE) {
            /* a quotation's wrapped line that lost its "> " */
            size_t a = lines[i].start, b = lines[i].end;
            trim(t, &a, &b);
            if (i + 1 < n && lines[i + 1].kind == EMAIL_LINE_QUOTE && count_words(t, a, b) <= 3)
                lines[i].keep = 0;
        }
    }
    /* A signature: "-- " ends the segment it is in. */
    for (size_t i = 0; i < n; i++) {
        size_t a = lines[i].start, b = lines[i].end;
        trim(t, &a, &b);
        if (lines[i].kind != EMAIL_LINE_TEXT || b - a != 2 || t[a] != '-' || t[a + 1] != '-')
            continue;
        for (size_t j = i; j < n && lines[j].kind != EMAIL_LINE_QUOTE; j++)
            lines[j].keep = 0;
    }
    /* segments: runs of lines between quotations */
    for (size_t i = 0; i < n;) {
        while (i < n && lines[i].kind == EMAIL_LINE_QUOTE)
            i++;
        size_t start = i;
        while (i < n && lines[i].kind != EMAIL_LINE_QUOTE)
            i++;
        if (i > start)
            trim_segment(em, t, start, i);
    }
}

/* Appends the kept lines of t to the body, mapped through maps[0, n). */
static precis_status append_kept(precis_email *em, const char *t,
                                 const precis_map *const *maps, size_t n)
{
    int dropped = 0;
    precis_status st = PRECIS_OK;
    /* parts are paragraphs of their own */
    while (st == PRECIS_OK && em->len > 0 &&
           !(em->len >= 2 && em->text[em->len - 1] == '\n' && em->text[em->len - 2] == '\n'))
        st = put_bytes(&em->text, &em->len, &em->cap, "\n", 1);
    for (size_t i = 0; i < em->line_count && st == PRECIS_OK; i++) {
        const precis_email_line *l = &em->lines[i];
        if (!l->keep) {
            dropped = 1;
            continue;
        }
        /* no blank line opens the body or doubles a paragraph break */
        int broken = em->len == 0 || (em->len >= 2 && em->text[em->len - 1] == '\n' &&
                                      em->text[em->len - 2] == '\n');
        if (l->kind == EMAIL_LINE_BLANK && broken)
            continue;
        /* a paragraph break where lines were dropped */
        if (dropped && !broken && l->kind != EMAIL_LINE_BLANK)
            st = put_bytes(&em->text, &em->len, &em->cap, "\n", 1);
        dropped = 0;
        size_t at = em->len;
        if (st == PRECIS_OK)
            st = put_bytes(&em->text, &em->len, &em->cap, t + l->start, l->next - l->start);
        if (st == PRECIS_OK)
            st = compose(&em->map, at, maps, n, l->start, l->next);
        if (st == PRECIS_OK && l->next == l->end)
            st = put_bytes(&em->text, &em->len, &em->cap, "\n", 1);
    }
    return st;
}

/* Reads one plain text part. */
static precis_status read_plain(precis_email *em, const precis_email_part *p,
                                const char *charset, int forced)
{
    precis_decode_opts opts = {forced || p->charset[0] == '\0' ? charset : p->charset, forced,
                               0};
    if (opts.charset == NULL && p->charset[0] != '\0')
        opts.charset = p->charset;
    precis_status st = precis_decode(&em->decoded, &em->charset_map, em->transfer,
                                     em->transfer_len, &opts);
    if (st != PRECIS_OK)
        return st;
    const char *t = em->decoded.text;
    if ((st = split_lines(em, t, em->decoded.len)) != PRECIS_OK)
        return st;
    filter(em, t, 0);
    const precis_map *maps[] = {&em->charset_map, &em->transfer_map};
    return append_kept(em, t, maps, 2);
}

/* Reads one HTML part: every visible block of the page, one paragraph
 * each, then the filter. */
static precis_status read_html_part(precis_email *em, const precis_email_part *p,
                                    const char *charset)
{
    precis_status st = PRECIS_OK;
    if (em->html == NULL && (st = precis_html_new(&em->html)) != PRECIS_OK)
        return st;
    const char *cs = p->charset[0] != '\0' ? p->charset : charset;
    st = precis_read_html(em->html, &em->page, em->transfer, em->transfer_len, cs,
                          PRECIS_HTML_ALL);
    if (st != PRECIS_OK)
        return st;
    const precis_reading *pg = &em->page;
    em->joined_len = 0;
    em->joined_map.count = 0;
    const precis_map *maps[] = {&pg->map, &pg->decode, &em->transfer_map};
    for (size_t b = 0; b < pg->block_count && st == PRECIS_OK; b++) {
        const precis_block *blk = &pg->blocks[b];
        if (blk->end <= blk->start)
            continue;
        size_t at = em->joined_len;
        st = put_bytes(&em->joined, &em->joined_len, &em->joined_cap, pg->text + blk->start,
                       blk->end - blk->start);
        if (st == PRECIS_OK)
            st = compose(&em->joined_map, at, maps, 3, blk->start, blk->end);
        if (st == PRECIS_OK)
            st = put_bytes(&em->joined, &em->joined_len, &em->joined_cap, "\n\n", 2);
    }
    if (st != PRECIS_OK || (st = split_lines(em, em->joined, em->joined_len)) != PRECIS_OK)
        return st;
    filter(em, em->joined, 1);
    const precis_map *joined[] = {&em->joined_map};
    return append_kept(em, em->joined, joined, 1);
}

precis_status precis_read_email(precis_email *em, const char *in, size_t len,
                                const char *charset, int forced)
{
    em->len = 0;
    em->map.count = 0;
    em->part_count = 0;
    em->subject[0] = '\0';
    em->message_id[0] = '\0';
    if (in == NULL)
        len = 0;
    if (len > INT_MAX)
        return PRECIS_ERR_TOO_LARGE;
    const gmime_api *api = gmime_api_get();
    if (api == NULL)
        return PRECIS_ERR_FORMAT;
    precis_status st = find_parts(em, api, in != NULL ? in : "", len);
    for (size_t i = 0; i < em->part_count && st == PRECIS_OK; i++) {
        const precis_email_part *p = &em->parts[i];
        if ((st = undo_transfer(em, api, in, p)) != PRECIS_OK)
            break;
        st = p->html ? read_html_part(em, p, charset) : read_plain(em, p, charset, forced);
    }
    /* a trailing paragraph break is no text */
    while (st == PRECIS_OK && em->len > 0 && em->text[em->len - 1] == '\n')
        em->len--;
    while (em->map.count > 0 && em->map.pieces[em->map.count - 1].out >= em->len)
        em->map.count--;
    if (em->map.count > 0) {
        precis_piece *last = &em->map.pieces[em->map.count - 1];
        size_t over = last->out + last->out_len - em->len;
        if (over > 0 && last->out_len == last->src_len)
            last->src_len -= (uint32_t)over;
        last->out_len -= (uint32_t)over;
    }
    return st;
}

/* Header fields that messages carry. */
static const char *const header_names[] = {"From:",    "Date:",         "Subject:",
                                           "To:",      "Message-ID:",   "MIME-Version:",
                                           "Received:", "Return-Path:", "Delivered-To:"};

int precis_looks_like_email(const char *data, size_t len)
{
    if (data == NULL)
        return 0;
    if (len > SNIFF_MAX)
        len = SNIFF_MAX;
    size_t pos = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    if (len - pos >= 5 && memcmp(data + pos, "From ", 5) == 0) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        /* "From sender date": an mbox separator, not a sentence */
        if (nl != NULL && contains(data, pos, (size_t)(nl - data), "@") &&
            len > (size_t)(nl - data) + 1 && data[nl - data + 1] != '\n')
            pos = (size_t)(nl - data) + 1;
    }
    int known = 0, seen = 0;
    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl != NULL ? (size_t)(nl - data) : len;
        size_t e = end > pos && data[end - 1] == '\r' ? end - 1 : end;
        if (e == pos)
            break; /* the blank line that ends the header block */
        if (data[pos] == ' ' || data[pos] == '\t') {
            if (seen == 0)
                return 0; /* continuation with nothing to continue */
        } else {
            /* a field: a name of printable ASCII without spaces, a colon */
            size_t k = pos;
            while (k < e && data[k] > ' ' && data[k] < 127 && data[k] != ':')
                k++;
            if (k == pos || k >= e || data[k] != ':')
                return 0;
            seen++;
            for (size_t i = 0; i < sizeof header_names / sizeof *header_names; i++)
                if (starts_with(data, pos, e, header_names[i])) {
                    known |= 1 << i;
                    break;
                }
        }
        if (nl == NULL)
            break;
        pos = end + 1;
    }
    int kinds = 0;
    for (int bits = known; bits != 0; bits &= bits - 1)
        kinds++;
    return kinds >= 2;
}

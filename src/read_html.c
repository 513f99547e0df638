/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read_html.c - web pages to clean text: decoding, libxml2's HTML parser in
 * SAX mode building the compact document of html_doc.h with the exact
 * byte range of every text run, metadata, and the clean text of the blocks
 * that extraction keeps.
 *
 * Byte ranges. libxml2 reports decoded characters, not where they came
 * from; its input position at each callback is where it stopped reading.
 * A run of text is matched backwards from that position against the page:
 * verbatim text matches byte for byte (white space runs match white space
 * runs, which the clean text folds anyway, and bytes libxml2 drops, such
 * as control characters, are stepped over). What does not match is a
 * decoded unit (a character reference) and maps to the page's bytes from
 * its '&' to the position. libxml2 reports two kinds of run before moving
 * past their last character, a full 1000-byte buffer of a long text and a
 * stray '<'; those are matched one character further on.
 */
#include "read_html.h"

#include <limits.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "encoding.h"
#include "html_doc.h"
#include "utf8.h"
#include "util.h"

/* Elements nested deeper than this are read as part of the deepest one
 * kept: their text stays, their structure goes. It bounds the stack that
 * a page of a million nested <div>s would otherwise grow. */
#define DEPTH_MAX 512

/* libxml2 hands long text over in buffers of this many bytes. */
#define LIBXML_TEXT_CHUNK 1000

/* JSON-LD is read up to this much per page. */
#define JSONLD_MAX (4u << 20)

/* Longest title or heading gathered for the metadata. */
#define META_TEXT_MAX 4096

/* What the reader does with an element. */
enum {
    K_BLOCK = 1, /* starts and ends a block */
    K_SKIP = 2   /* dropped with its content */
};

typedef struct tag_entry {
    const char *name;
    uint8_t tag;
    uint8_t kind;
} tag_entry;

/* Sorted by name for bsearch; names from libxml2 are lower case. Elements
 * with a meaning the reader does not distinguish map to one that it does
 * ("dir" is a list, "xmp" preformatted text). */
static const tag_entry tags[] = {
    {"a", TAG_A, 0},
    {"address", TAG_ADDRESS, K_BLOCK},
    {"applet", TAG_OBJECT, K_SKIP},
    {"area", TAG_OTHER, K_SKIP},
    {"article", TAG_ARTICLE, K_BLOCK},
    {"aside", TAG_ASIDE, K_BLOCK},
    {"audio", TAG_AUDIO, K_SKIP},
    {"b", TAG_B, 0},
    {"blockquote", TAG_BLOCKQUOTE, K_BLOCK},
    {"body", TAG_BODY, K_BLOCK},
    {"br", TAG_BR, 0},
    {"button", TAG_BUTTON, K_SKIP},
    {"canvas", TAG_CANVAS, K_SKIP},
    {"caption", TAG_CAPTION, K_BLOCK},
    {"center", TAG_CENTER, K_BLOCK},
    {"cite", TAG_CITE, 0},
    {"code", TAG_CODE, 0},
    {"datalist", TAG_OTHER, K_SKIP},
    {"dd", TAG_DD, K_BLOCK},
    {"details", TAG_DETAILS, K_BLOCK},
    {"dialog", TAG_DIALOG, K_SKIP},
    {"dir", TAG_UL, K_BLOCK},
    {"div", TAG_DIV, K_BLOCK},
    {"dl", TAG_DL, K_BLOCK},
    {"dt", TAG_DT, K_BLOCK},
    {"em", TAG_EM, 0},
    {"embed", TAG_EMBED, K_SKIP},
    {"fieldset", TAG_FIELDSET, K_BLOCK},
    {"figcaption", TAG_FIGCAPTION, K_BLOCK},
    {"figure", TAG_FIGURE, K_BLOCK},
    {"footer", TAG_FOOTER, K_BLOCK},
    {"form", TAG_FORM, K_BLOCK},
    {"frame", TAG_OTHER, K_SKIP},
    {"frameset", TAG_FRAMESET, K_BLOCK},
    {"h1", TAG_H1, K_BLOCK},
    {"h2", TAG_H2, K_BLOCK},
    {"h3", TAG_H3, K_BLOCK},
    {"h4", TAG_H4, K_BLOCK},
    {"h5", TAG_H5, K_BLOCK},
    {"h6", TAG_H6, K_BLOCK},
    {"head", TAG_HEAD, K_BLOCK},
    {"header", TAG_HEADER, K_BLOCK},
    {"hgroup", TAG_HGROUP, K_BLOCK},
    {"hr", TAG_HR, K_BLOCK},
    {"html", TAG_HTML, K_BLOCK},
    {"i", TAG_I, 0},
    {"iframe", TAG_IFRAME, K_SKIP},
    {"img", TAG_IMG, 0},
    {"input", TAG_INPUT, K_SKIP},
    {"label", TAG_LABEL, 0},
    {"legend", TAG_LEGEND, K_BLOCK},
    {"li", TAG_LI, K_BLOCK},
    {"link", TAG_LINK, 0},
    {"listing", TAG_PRE, K_BLOCK},
    {"main", TAG_MAIN, K_BLOCK},
    {"map", TAG_MAP, 0},
    {"math", TAG_MATH, K_SKIP},
    {"menu", TAG_MENU, K_BLOCK},
    {"meta", TAG_META, 0},
    {"nav", TAG_NAV, K_BLOCK},
    {"noembed", TAG_OTHER, K_SKIP},
    {"noframes", TAG_DIV, K_BLOCK},
    {"noscript", TAG_NOSCRIPT, K_SKIP},
    {"object", TAG_OBJECT, K_SKIP},
    {"ol", TAG_OL, K_BLOCK},
    {"optgroup", TAG_OPTION, K_SKIP},
    {"option", TAG_OPTION, K_SKIP},
    {"output", TAG_OTHER, K_SKIP},
    {"p", TAG_P, K_BLOCK},
    {"plaintext", TAG_PRE, K_BLOCK},
    {"pre", TAG_PRE, K_BLOCK},
    {"progress", TAG_OTHER, K_SKIP},
    {"q", TAG_Q, 0},
    {"rp", TAG_OTHER, K_SKIP},
    {"rt", TAG_OTHER, K_SKIP},
    {"script", TAG_SCRIPT, K_SKIP},
    {"section", TAG_SECTION, K_BLOCK},
    {"select", TAG_SELECT, K_SKIP},
    {"small", TAG_SMALL, 0},
    {"source", TAG_OTHER, K_SKIP},
    {"span", TAG_SPAN, 0},
    {"strong", TAG_STRONG, 0},
    {"style", TAG_STYLE, K_SKIP},
    {"summary", TAG_SUMMARY, K_BLOCK},
    {"svg", TAG_SVG, K_SKIP},
    {"table", TAG_TABLE, K_BLOCK},
    {"tbody", TAG_TBODY, K_BLOCK},
    {"td", TAG_TD, K_BLOCK},
    {"template", TAG_TEMPLATE, K_SKIP},
    {"textarea", TAG_TEXTAREA, K_SKIP},
    {"tfoot", TAG_TFOOT, K_BLOCK},
    {"th", TAG_TH, K_BLOCK},
    {"thead", TAG_THEAD, K_BLOCK},
    {"time", TAG_TIME, 0},
    {"title", TAG_TITLE, K_SKIP},
    {"tr", TAG_TR, K_BLOCK},
    {"track", TAG_OTHER, K_SKIP},
    {"u", TAG_U, 0},
    {"ul", TAG_UL, K_BLOCK},
    {"video", TAG_VIDEO, K_SKIP},
    {"xmp", TAG_PRE, K_BLOCK},
};

static const tag_entry other_tag = {"", TAG_OTHER, 0};

static int compare_tag(const void *key, const void *entry)
{
    return strcmp(key, ((const tag_entry *)entry)->name);
}

static const tag_entry *lookup_tag(const char *name)
{
    const tag_entry *t =
        bsearch(name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], compare_tag);
    return t != NULL ? t : &other_tag;
}

/* What is being gathered instead of read as text. */
enum { CAPTURE_NONE, CAPTURE_TITLE, CAPTURE_JSONLD };

typedef struct open_element {
    uint32_t node;  /* the element */
    uint32_t owner; /* the innermost block-level element, itself included */
} open_element;

struct precis_html {
    html_doc doc;
    precis_decoded decoded;
    char *tamed; /* the page made safe for libxml2 (tame()), when it had to change */
    size_t tamed_cap;

    /* Parsing. */
    htmlParserCtxtPtr ctxt;
    open_element *stack;
    size_t depth, stack_cap;
    size_t too_deep;  /* elements open beyond DEPTH_MAX */
    size_t skip;      /* elements open inside a dropped subtree */
    size_t stray_cost; /* steps libxml2 spent on stray end tags */
    int capture;
    size_t floor;     /* where the last text run ended in the page */
    uint8_t sep;      /* the separator owed before the next text run */
    uint8_t brs;      /* <br>s since the last text */
    uint32_t block;   /* the open block, HTML_NONE when none is */
    precis_status error;

    /* Metadata. */
    char title[META_TEXT_MAX];
    size_t title_len;
    int title_done;
    char og_title[META_TEXT_MAX];
    size_t og_title_len;
    char lang[PRECIS_LANG_HINT_MAX + 1];
    char *jsonld;
    size_t jsonld_len, jsonld_cap;
};

precis_status precis_html_new(precis_html **out)
{
    *out = NULL;
    /* libxml2's one-time set-up, which its parser would otherwise run on
     * first use; it takes its own lock. */
    xmlInitParser();
    precis_html *h = calloc(1, sizeof *h);
    if (h == NULL)
        return PRECIS_ERR_NOMEM;
    *out = h;
    return PRECIS_OK;
}

void precis_html_free(precis_html *h)
{
    if (h == NULL)
        return;
    html_doc *d = &h->doc;
    free(d->nodes);
    free(d->segs);
    free(d->blocks);
    free(d->arena);
    free(d->article_body);
    free(d->shingles);
    free(d->node_score);
    free(d->node_chars);
    free(d->node_prose);
    free(d->node_drop);
    free(d->node_bad);
    free(d->node_in);
    precis_decoded_free(&h->decoded);
    free(h->tamed);
    free(h->stack);
    free(h->jsonld);
    free(h);
}

const html_doc *html_document(const precis_html *h)
{
    return &h->doc;
}

const char *precis_html_charset(const precis_html *h)
{
    return h->decoded.charset;
}

int precis_html_ascii(const precis_html *h)
{
    return h->decoded.ascii;
}

/* ---- attributes -------------------------------------------------------- */

static int equals_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if ((x | 0x20) != (y | 0x20) || ((x | 0x20) < 'a' && x != y))
            return 0;
    }
    return *a == *b;
}

/* Whether an inline style hides the element: display:none or
 * visibility:hidden, in any case and spacing. */
static int style_hides(const char *style)
{
    char squeezed[256];
    size_t n = 0;
    for (const char *p = style; *p && n + 1 < sizeof squeezed; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        squeezed[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    squeezed[n] = '\0';
    return strstr(squeezed, "display:none") != NULL ||
           strstr(squeezed, "visibility:hidden") != NULL;
}

/* What the reader wants of an element's attributes, in one pass over
 * libxml2's NULL-terminated name/value list (names in lower case). */
typedef struct element_attrs {
    html_attrs words;       /* what extraction reads */
    const char *href, *type, *property, *content, *lang;
    int hidden;             /* hidden, aria-hidden="true", display:none */
} element_attrs;

static void read_attrs(const xmlChar **list, element_attrs *a)
{
    *a = (element_attrs){{NULL, NULL, NULL, NULL}, NULL, NULL, NULL, NULL, NULL, 0};
    if (list == NULL)
        return;
    for (size_t i = 0; list[i] != NULL; i += 2) {
        const char *name = (const char *)list[i];
        const char *value = list[i + 1] != NULL ? (const char *)list[i + 1] : "";
        switch (name[0]) {
        case 'a':
            if (strcmp(name, "aria-hidden") == 0 && equals_nocase(value, "true"))
                a->hidden = 1;
            break;
        case 'c':
            if (strcmp(name, "class") == 0)
                a->words.cls = value;
            else if (strcmp(name, "content") == 0)
                a->content = value;
            break;
        case 'h':
            if (strcmp(name, "href") == 0)
                a->href = value;
            else if (strcmp(name, "hidden") == 0)
                a->hidden = 1;
            break;
        case 'i':
            if (strcmp(name, "id") == 0)
                a->words.id = value;
            else if (strcmp(name, "itemprop") == 0)
                a->words.itemprop = value;
            break;
        case 'l':
            if (strcmp(name, "lang") == 0)
                a->lang = value;
            break;
        case 'p':
            if (strcmp(name, "property") == 0)
                a->property = value;
            break;
        case 'r':
            if (strcmp(name, "role") == 0)
                a->words.role = value;
            break;
        case 's':
            if (strcmp(name, "style") == 0 && style_hides(value))
                a->hidden = 1;
            break;
        case 't':
            if (strcmp(name, "type") == 0)
                a->type = value;
            break;
        case 'x':
            if (strcmp(name, "xml:lang") == 0 && a->lang == NULL)
                a->lang = value;
            break;
        default:
            break;
        }
    }
}

/* ---- building the document --------------------------------------------- */

static void fail(precis_html *h, precis_status st)
{
    if (h->error == PRECIS_OK)
        h->error = st;
    xmlStopParser(h->ctxt);
}

/* Where libxml2 is in the page. */
static size_t position(const precis_html *h)
{
    const xmlParserInput *in = h->ctxt->input;
    return (size_t)in->consumed + (size_t)(in->cur - in->base);
}

/* Ends the open block, if any. */
static void end_block(precis_html *h)
{
    if (h->block != HTML_NONE) {
        h->doc.blocks[h->block].seg_end = (uint32_t)h->doc.seg_count;
        h->block = HTML_NONE;
    }
    h->sep = SEP_NONE;
    h->brs = 0;
}

static void append_meta(char *buf, size_t *len, const char *text, size_t n)
{
    if (n > META_TEXT_MAX - 1 - *len)
        n = META_TEXT_MAX - 1 - *len;
    memcpy(buf + *len, text, n);
    *len += n;
}

static void on_start(void *user, const xmlChar *name, const xmlChar **attrs)
{
    precis_html *h = user;
    if (h->error != PRECIS_OK)
        return;
    const tag_entry *t = lookup_tag((const char *)name);
    if (t->kind & K_BLOCK)
        end_block(h);
    if (h->skip > 0) {
        h->skip++;
        return;
    }
    element_attrs a;
    read_attrs(attrs, &a);
    if (t->tag == TAG_META) {
        if (a.property != NULL && a.content != NULL && equals_nocase(a.property, "og:title") &&
            h->og_title_len == 0)
            append_meta(h->og_title, &h->og_title_len, a.content, strlen(a.content));
    } else if (t->tag == TAG_HTML && h->lang[0] == '\0' && a.lang != NULL) {
        size_t n = strlen(a.lang);
        if (n > PRECIS_LANG_HINT_MAX)
            n = PRECIS_LANG_HINT_MAX;
        memcpy(h->lang, a.lang, n);
        h->lang[n] = '\0';
    }
    if ((t->kind & K_SKIP) || a.hidden) {
        h->skip = 1;
        if (t->tag == TAG_TITLE && !h->title_done)
            h->capture = CAPTURE_TITLE;
        else if (t->tag == TAG_SCRIPT && a.type != NULL && strstr(a.type, "ld+json") != NULL)
            h->capture = CAPTURE_JSONLD;
        return;
    }
    if (t->tag == TAG_BR) {
        if (h->brs < 255)
            h->brs++;
        return;
    }

    open_element top =
        h->depth > 0 ? h->stack[h->depth - 1] : (open_element){HTML_NONE, HTML_NONE};
    if (h->depth >= DEPTH_MAX) {
        h->too_deep++;
        return;
    }
    html_doc *d = &h->doc;
    if (d->node_count >= UINT32_MAX - 1) {
        fail(h, PRECIS_ERR_TOO_LARGE);
        return;
    }
    if (PRECIS_RESERVE(d->nodes, d->node_cap, d->node_count + 1) != PRECIS_OK ||
        PRECIS_RESERVE(h->stack, h->stack_cap, h->depth + 1) != PRECIS_OK) {
        fail(h, PRECIS_ERR_NOMEM);
        return;
    }
    uint32_t id = (uint32_t)d->node_count++;
    html_node *n = &d->nodes[id];
    *n = (html_node){.parent = top.node,
                     .end = id + 1,
                     .seg_start = (uint32_t)d->seg_count,
                     .seg_end = (uint32_t)d->seg_count,
                     .tag = t->tag};
    if (top.node != HTML_NONE)
        n->flags = d->nodes[top.node].flags & (NF_IN_LINK | NF_IN_HEAD | NF_IN_ARTICLE);
    if (t->tag == TAG_HEAD)
        n->flags |= NF_IN_HEAD;
    if (t->tag == TAG_ARTICLE || t->tag == TAG_MAIN)
        n->flags |= NF_IN_ARTICLE;
    if (t->tag == TAG_A && a.href != NULL)
        n->flags |= NF_IN_LINK;
    html_classify(d, n, &a.words);
    if (n->flags & NF_MAIN)
        n->flags |= NF_IN_ARTICLE;
    h->stack[h->depth++] =
        (open_element){id, (t->kind & K_BLOCK) || top.owner == HTML_NONE ? id : top.owner};
}

static void on_end(void *user, const xmlChar *name)
{
    precis_html *h = user;
    if (h->error != PRECIS_OK)
        return;
    const tag_entry *t = lookup_tag((const char *)name);
    if (t->kind & K_BLOCK)
        end_block(h);
    if (h->skip > 0) {
        if (--h->skip == 0) {
            if (h->capture == CAPTURE_TITLE)
                h->title_done = 1;
            else if (h->capture == CAPTURE_JSONLD) {
                precis_status st = html_jsonld_article_body(&h->doc, h->jsonld, h->jsonld_len);
                if (st != PRECIS_OK)
                    fail(h, st);
            }
            h->capture = CAPTURE_NONE;
            h->jsonld_len = 0;
        }
        return;
    }
    if (t->tag == TAG_BR)
        return;
    if (h->too_deep > 0) {
        h->too_deep--;
        return;
    }
    if (h->depth == 0)
        return;
    html_node *n = &h->doc.nodes[h->stack[--h->depth].node];
    n->end = (uint32_t)h->doc.node_count;
    n->seg_end = (uint32_t)h->doc.seg_count;
}

static void on_capture(precis_html *h, const char *text, size_t n)
{
    if (h->capture == CAPTURE_TITLE) {
        append_meta(h->title, &h->title_len, text, n);
    } else if (h->capture == CAPTURE_JSONLD) {
        if (n > JSONLD_MAX - h->jsonld_len)
            return;
        if (PRECIS_RESERVE(h->jsonld, h->jsonld_cap, h->jsonld_len + n) != PRECIS_OK) {
            fail(h, PRECIS_ERR_NOMEM);
            return;
        }
        memcpy(h->jsonld + h->jsonld_len, text, n);
        h->jsonld_len += n;
    }
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Bytes that libxml2 drops from text: control characters other than
 * white space, and the noncharacters U+FFFE and U+FFFF. Returns how many
 * bytes end at src[end] form one, or 0. */
static size_t dropped_before(const char *src, size_t floor, size_t end)
{
    unsigned char c = (unsigned char)src[end - 1];
    if (c < 0x20 && !is_blank(c))
        return 1;
    if ((c == 0xBE || c == 0xBF) && end - floor >= 3 && (unsigned char)src[end - 3] == 0xEF &&
        (unsigned char)src[end - 2] == 0xBF)
        return 3;
    return 0;
}

/* Matches the decoded text dec[0, n) backwards against the page ending at
 * end and starting no earlier than floor; returns where it starts, or
 * SIZE_MAX when it does not match. */
static size_t match_back(const char *src, size_t floor, size_t end, const char *dec, size_t n)
{
    size_t i = end, j = n;
    while (j > 0) {
        unsigned char c = (unsigned char)dec[j - 1];
        if (is_blank(c)) {
            if (i == floor || !is_blank((unsigned char)src[i - 1]))
                return SIZE_MAX;
            while (j > 0 && is_blank((unsigned char)dec[j - 1]))
                j--;
            while (i > floor && is_blank((unsigned char)src[i - 1]))
                i--;
            continue;
        }
        if (i == floor)
            return SIZE_MAX;
        if ((unsigned char)src[i - 1] == c) {
            i--;
            j--;
            continue;
        }
        size_t skip = dropped_before(src, floor, i);
        if (skip == 0)
            return SIZE_MAX;
        i -= skip;
    }
    return i;
}

/* Counts what extraction weighs in a text run. */
static void count_text(const char *s, size_t n, html_seg *seg)
{
    size_t pos = 0, chars = 0, punct = 0;
    while (pos < n) {
        int32_t cp = precis_utf8_next(s, n, &pos);
        if (precis_is_space(cp))
            continue;
        /* A character of a script written without spaces (Chinese,
         * Japanese, Thai) carries about as much as a word: weigh it as
         * three, so that thresholds in characters hold for every script. */
        chars += precis_is_unspaced(cp) ? 3 : 1;
        switch (cp) {
        case '.': case ',': case ';': case ':': case '!': case '?':
        case 0x3002: case 0x3001: case 0xFF0C: case 0xFF01: case 0xFF1F: case 0x0964:
        case 0x061F: case 0x060C: case 0x2026:
            punct++;
            break;
        default:
            break;
        }
    }
    seg->chars = (uint16_t)(chars > UINT16_MAX ? UINT16_MAX : chars);
    seg->punct = (uint8_t)(punct > UINT8_MAX ? UINT8_MAX : punct);
}

static precis_status arena_add(html_doc *d, const char *text, size_t n, uint32_t *at)
{
    if (n > UINT32_MAX - d->arena_len)
        return PRECIS_ERR_TOO_LARGE;
    if (PRECIS_RESERVE(d->arena, d->arena_cap, d->arena_len + n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memcpy(d->arena + d->arena_len, text, n);
    *at = (uint32_t)d->arena_len;
    d->arena_len += n;
    return PRECIS_OK;
}

/* Adds a text run of the current element: verbatim page bytes
 * [start, end) when dec is NULL, else the unit dec[0, n) made from them. */
static void add_segment(precis_html *h, size_t start, size_t end, const char *text, size_t n,
                        int unit)
{
    html_doc *d = &h->doc;
    if (h->depth == 0)
        return; /* text outside every element: libxml2 wraps real text in <p> */
    open_element top = h->stack[h->depth - 1];
    if (d->nodes[top.node].flags & NF_IN_HEAD)
        return;
    if (h->brs >= 2)
        end_block(h);
    else if (h->brs == 1 && h->sep < SEP_LINE)
        h->sep = SEP_LINE;
    h->brs = 0;
    if (PRECIS_RESERVE(d->segs, d->seg_cap, d->seg_count + 1) != PRECIS_OK) {
        fail(h, PRECIS_ERR_NOMEM);
        return;
    }
    if (h->block == HTML_NONE) {
        if (PRECIS_RESERVE(d->blocks, d->block_cap, d->block_count + 1) != PRECIS_OK) {
            fail(h, PRECIS_ERR_NOMEM);
            return;
        }
        h->block = (uint32_t)d->block_count++;
        d->blocks[h->block] = (html_block){.owner = top.owner,
                                           .seg_start = (uint32_t)d->seg_count,
                                           .seg_end = (uint32_t)d->seg_count};
        h->sep = SEP_NONE;
    }
    html_seg seg = {.node = top.node,
                    .block = h->block,
                    .src = (uint32_t)start,
                    .src_len = (uint32_t)(end - start),
                    .dec = 0,
                    .dec_len = 0,
                    .sep = h->sep};
    if (unit) {
        /* A unit that starts where the previous run ended continues it
         * ("&nosuch;" comes as "&" for the bytes and then "nosuch"). */
        html_seg *prev = d->seg_count > d->blocks[h->block].seg_start
                             ? &d->segs[d->seg_count - 1]
                             : NULL;
        if (start == end && prev != NULL && prev->node == top.node &&
            prev->src + prev->src_len == end) {
            if (prev->dec_len == 0) {
                precis_status st = arena_add(d, h->doc.src + prev->src, prev->src_len, &prev->dec);
                if (st != PRECIS_OK) {
                    fail(h, st);
                    return;
                }
                prev->dec_len = prev->src_len;
            }
            if (prev->dec + prev->dec_len == d->arena_len && n <= UINT16_MAX) {
                uint32_t at;
                precis_status st = arena_add(d, text, n, &at);
                if (st != PRECIS_OK) {
                    fail(h, st);
                    return;
                }
                prev->dec_len += (uint32_t)n;
                html_seg more;
                count_text(text, n, &more);
                prev->chars = (uint16_t)(prev->chars + more.chars < UINT16_MAX
                                             ? prev->chars + more.chars
                                             : UINT16_MAX);
                return;
            }
        }
        precis_status st = arena_add(d, text, n, &seg.dec);
        if (st != PRECIS_OK) {
            fail(h, st);
            return;
        }
        seg.dec_len = (uint32_t)n;
    }
    count_text(text, n, &seg);
    d->segs[d->seg_count++] = seg;
    h->sep = SEP_NONE;
    if (end > h->floor)
        h->floor = end;
}

/* The length of the invisible character at s[i] (soft hyphen, zero-width
 * space, word joiner, zero-width no-break space), or 0: a browser shows
 * none of them, and inside a word they would cut it in two. */
static size_t invisible_at(const char *s, size_t i, size_t n)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] == 0xC2 && i + 1 < n && u[1] == 0xAD)
        return 2;
    if (i + 2 < n && ((u[0] == 0xE2 && ((u[1] == 0x80 && u[2] == 0x8B) ||
                                        (u[1] == 0x81 && u[2] == 0xA0))) ||
                      (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)))
        return 3;
    return 0;
}

/* Adds the verbatim run [start, end) of the page without its invisible
 * characters, as the pieces between them. */
static void add_verbatim(precis_html *h, size_t start, size_t end)
{
    const char *src = h->doc.src;
    size_t piece = start;
    for (size_t i = start; i < end; i++) {
        if ((unsigned char)src[i] != 0xC2 && (unsigned char)src[i] != 0xE2 &&
            (unsigned char)src[i] != 0xEF)
            continue;
        size_t skip = invisible_at(src, i, end);
        if (skip == 0)
            continue;
        if (i > piece)
            add_segment(h, piece, i, src + piece, i - piece, 0);
        i += skip - 1;
        piece = i + 1;
    }
    if (end > piece)
        add_segment(h, piece, end, src + piece, end - piece, 0);
}

/* What a browser shows for the character references &#128; to &#159;
 * (the HTML standard's table: pages write windows-1252 code points where
 * they mean these), in UTF-8; NULL where the control stays a control. */
static const char *const c1_reference[32] = {
    "\xE2\x82\xAC", NULL, "\xE2\x80\x9A", "\xC6\x92", "\xE2\x80\x9E", "\xE2\x80\xA6",
    "\xE2\x80\xA0", "\xE2\x80\xA1", "\xCB\x86", "\xE2\x80\xB0", "\xC5\xA0",
    "\xE2\x80\xB9", "\xC5\x92", NULL, "\xC5\xBD", NULL, NULL, "\xE2\x80\x98",
    "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\xA2", "\xE2\x80\x93",
    "\xE2\x80\x94", "\xCB\x9C", "\xE2\x84\xA2", "\xC5\xA1", "\xE2\x80\xBA", "\xC5\x93",
    NULL, "\xC5\xBE", "\xC5\xB8"};

/* Adds a decoded unit made from [start, end) without its invisible
 * characters and with C1 controls read as the standard says; a unit of
 * nothing else ("&shy;") adds nothing. */
static void add_unit(precis_html *h, size_t start, size_t end, const char *text, size_t n)
{
    enum { UNIT_MAX = 64 };
    char buf[UNIT_MAX * 3 / 2]; /* a C1 control's 2 bytes become at most 3 */
    if (n <= UNIT_MAX) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            size_t skip = invisible_at(text, i, n);
            const unsigned char *u = (const unsigned char *)text + i;
            if (skip > 0) {
                i += skip - 1;
            } else if (u[0] == 0xC2 && i + 1 < n && u[1] >= 0x80 && u[1] <= 0x9F &&
                       c1_reference[u[1] - 0x80] != NULL) {
                const char *shown = c1_reference[u[1] - 0x80];
                size_t len = strlen(shown);
                memcpy(buf + m, shown, len);
                m += len;
                i++;
            } else {
                buf[m++] = text[i];
            }
        }
        if (m == 0)
            return;
        text = buf;
        n = m;
    }
    add_segment(h, start, end, text, n, 1);
}

static void on_text(void *user, const xmlChar *ch, int len)
{
    precis_html *h = user;
    if (h->error != PRECIS_OK || len <= 0)
        return;
    const char *text = (const char *)ch;
    size_t n = (size_t)len;
    if (h->capture != CAPTURE_NONE) {
        on_capture(h, text, n);
        return;
    }
    if (h->skip > 0)
        return;
    size_t k = 0;
    while (k < n && is_blank((unsigned char)text[k]))
        k++;
    if (k == n) {
        if (h->sep < SEP_SPACE)
            h->sep = SEP_SPACE;
        return;
    }
    const html_doc *d = &h->doc;
    size_t cur = position(h);
    if (cur > d->src_len)
        cur = d->src_len;
    size_t next = cur;
    if (cur < d->src_len)
        precis_utf8_next(d->src, d->src_len, &next);
    /* The position is after the run, except for the two kinds of run that
     * libxml2 reports before it moves past their last character. */
    int early = n >= LIBXML_TEXT_CHUNK || (n == 1 && text[0] == '<');
    size_t ends[2] = {early ? next : cur, early ? cur : next};
    for (int i = 0; i < 2; i++) {
        size_t start = match_back(d->src, h->floor, ends[i], text, n);
        if (start != SIZE_MAX) {
            add_verbatim(h, start, ends[i]);
            return;
        }
    }
    /* A decoded unit: from its '&' when there is one. */
    size_t start = h->floor < cur ? h->floor : cur;
    for (size_t i = cur; i > start; i--) {
        if (d->src[i - 1] == '&') {
            start = i - 1;
            break;
        }
    }
    add_unit(h, start, cur, text, n);
}

static void on_blank(void *user, const xmlChar *ch, int len)
{
    (void)ch;
    (void)len;
    precis_html *h = user;
    if (h->capture == CAPTURE_NONE && h->skip == 0 && h->sep < SEP_SPACE)
        h->sep = SEP_SPACE;
}

static void on_cdata(void *user, const xmlChar *ch, int len)
{
    precis_html *h = user;
    if (h->capture != CAPTURE_NONE && len > 0)
        on_capture(h, (const char *)ch, (size_t)len);
}

/* libxml2 looks for the element that a stray end tag would close through
 * its whole stack of open elements: a page of deep nesting and stray end
 * tags costs the product of the two. Past this many steps of that search
 * the page is read no further. */
#define STRAY_END_COST_MAX (1u << 26)

/* libxml2's errors: dropped, except that the cost of stray end tags is
 * counted. */
static void quiet(void *user, xmlErrorPtr error)
{
    precis_html *h = user;
    if (error != NULL && error->code == XML_ERR_TAG_NAME_MISMATCH && h->ctxt != NULL) {
        h->stray_cost += (size_t)h->ctxt->nameNr;
        if (h->stray_cost > STRAY_END_COST_MAX)
            xmlStopParser(h->ctxt);
    }
}

static precis_status parse(precis_html *h)
{
    html_doc *d = &h->doc;
    if (d->src_len >= INT_MAX)
        return PRECIS_ERR_TOO_LARGE;
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(d->src, (int)d->src_len);
    if (ctxt == NULL)
        return PRECIS_ERR_NOMEM;
    h->ctxt = ctxt;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED |
                                 HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD);
    /* Our handlers only: no tree is built, nothing is reported. */
    xmlSAXHandler *sax = ctxt->sax;
    memset(sax, 0, sizeof *sax);
    sax->startElement = on_start;
    sax->endElement = on_end;
    sax->characters = on_text;
    sax->ignorableWhitespace = on_blank;
    sax->cdataBlock = on_cdata;
    sax->serror = quiet;
    sax->initialized = XML_SAX2_MAGIC;
    ctxt->userData = h;
    /* The text is UTF-8 already (encoding.c made it so and valid): no
     * guessing from the bytes or the <meta> on libxml2's side. */
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(ctxt);
    /* Elements left open by an error close here. */
    while (h->depth > 0) {
        html_node *n = &d->nodes[h->stack[--h->depth].node];
        n->end = (uint32_t)d->node_count;
        n->seg_end = (uint32_t)d->seg_count;
    }
    end_block(h);
    h->ctxt = NULL;
    htmlFreeParserCtxt(ctxt);
    return h->error;
}

/* ---- metadata ---------------------------------------------------------- */

/* Title separators between a page's own title and its site's name. */
static const char *const title_separators[] = {" | ", " - ", " – ", " — ", " :: ", " « ",
                                               " » ", " · ", " ~ ", " / "};

/* A site's name, as pages append it to their titles, has at most this
 * many words. */
#define SITE_NAME_WORDS 5

static size_t count_words(const char *s, size_t n)
{
    size_t words = 0;
    for (size_t i = 0; i < n; i++)
        words += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    return words;
}

/* The title without a trailing " | Site name": the tail after the last
 * separator goes when it is a few words and the title keeps some. */
static size_t strip_site_name(const char *t, size_t n)
{
    size_t best = n;
    for (size_t i = 0; i < sizeof title_separators / sizeof title_separators[0]; i++) {
        const char *sep = title_separators[i];
        size_t m = strlen(sep);
        for (size_t p = n; p-- > 0;) {
            if (p + m <= n && memcmp(t + p, sep, m) == 0) {
                size_t tail = count_words(t + p + m, n - p - m);
                if (tail > 0 && tail <= SITE_NAME_WORDS && count_words(t, p) >= 2 && p < best)
                    best = p;
                break;
            }
        }
    }
    return best;
}

static void set_metadata(precis_html *h, precis_reading *rd)
{
    precis_reading_set_lang(rd, h->lang, strlen(h->lang));
    if (h->og_title_len > 0) {
        precis_reading_set_title(rd, h->og_title, h->og_title_len);
        if (rd->title[0] != '\0')
            return;
    }
    if (h->title_len > 0) {
        /* Fold first so that separators are seen with single spaces. */
        precis_reading_set_title(rd, h->title, h->title_len);
        size_t n = strip_site_name(rd->title, strlen(rd->title));
        rd->title[n] = '\0';
        if (rd->title[0] != '\0')
            return;
    }
    /* The first <h1>'s text. */
    const html_doc *d = &h->doc;
    for (size_t i = 0; i < d->node_count; i++) {
        const html_node *n = &d->nodes[i];
        if (n->tag != TAG_H1)
            continue;
        char text[META_TEXT_MAX];
        size_t len = 0;
        for (size_t s = n->seg_start; s < n->seg_end; s++) {
            const html_seg *seg = &d->segs[s];
            if (len > 0)
                append_meta(text, &len, " ", 1);
            if (seg->dec_len > 0)
                append_meta(text, &len, d->arena + seg->dec, seg->dec_len);
            else
                append_meta(text, &len, d->src + seg->src, seg->src_len);
        }
        precis_reading_set_title(rd, text, len);
        if (rd->title[0] != '\0')
            return;
    }
}

/* ---- the clean text ---------------------------------------------------- */

static precis_status emit(const html_doc *d, precis_reading *rd)
{
    for (size_t b = 0; b < d->block_count; b++) {
        const html_block *blk = &d->blocks[b];
        if (!blk->keep)
            continue;
        for (size_t s = blk->seg_start; s < blk->seg_end; s++) {
            const html_seg *seg = &d->segs[s];
            if (html_seg_dropped(d, s)) {
                precis_reading_space(rd);
                continue;
            }
            if (seg->sep == SEP_LINE)
                precis_reading_line_break(rd);
            else if (seg->sep == SEP_SPACE)
                precis_reading_space(rd);
            precis_status st =
                seg->dec_len > 0
                    ? precis_reading_put(rd, d->arena + seg->dec, seg->dec_len, seg->src,
                                         seg->src_len)
                    : precis_reading_copy(rd, d->src, seg->src, seg->src_len);
            if (st != PRECIS_OK)
                return st;
        }
        precis_status st =
            precis_reading_end_block(rd, blk->heading ? PRECIS_BLOCK_HEADING : PRECIS_BLOCK_TEXT);
        if (st != PRECIS_OK)
            return st;
    }
    return precis_reading_finish(rd);
}

/* A tag keeps this many attributes; libxml2 checks each new one against
 * all before it, so ten thousand would cost it a hundred million steps. */
#define ATTRS_MAX 256

static int is_tag_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The page as given, or a copy of it in h->tamed to change. */
static char *tamed_copy(precis_html *h, const char *src, size_t len)
{
    if (src == h->tamed)
        return h->tamed;
    if (PRECIS_RESERVE(h->tamed, h->tamed_cap, len) != PRECIS_OK)
        return NULL;
    memcpy(h->tamed, src, len);
    return h->tamed;
}

/* Makes *src safe for libxml2 without moving a byte, copying it only when
 * something must change: NUL bytes, which libxml2 takes for the end of its
 * input, become spaces, and so do the attributes of a tag past the
 * ATTRS_MAX-th. */
static precis_status tame(precis_html *h, const char **src, size_t len)
{
    char *out = NULL;
    if (memchr(*src, '\0', len) != NULL) {
        if ((out = tamed_copy(h, *src, len)) == NULL)
            return PRECIS_ERR_NOMEM;
        for (size_t i = 0; i < len; i++)
            if (out[i] == '\0')
                out[i] = ' ';
        *src = out;
    }
    const char *s = *src;
    size_t pos = 0;
    for (;;) {
        const char *lt = pos < len ? memchr(s + pos, '<', len - pos) : NULL;
        if (lt == NULL)
            break;
        pos = (size_t)(lt - s) + 1;
        if (pos >= len || !(((unsigned char)s[pos] | 0x20) >= 'a' && ((unsigned char)s[pos] | 0x20) <= 'z'))
            continue;
        while (pos < len && !is_tag_space((unsigned char)s[pos]) && s[pos] != '>')
            pos++;
        size_t count = 0;
        while (pos < len) {
            while (pos < len && (is_tag_space((unsigned char)s[pos]) || s[pos] == '/'))
                pos++;
            if (pos >= len || s[pos] == '>')
                break;
            size_t start = pos;
            while (pos < len && !is_tag_space((unsigned char)s[pos]) && s[pos] != '>' &&
                   s[pos] != '=')
                pos++;
            while (pos < len && is_tag_space((unsigned char)s[pos]))
                pos++;
            if (pos < len && s[pos] == '=') {
                pos++;
                while (pos < len && is_tag_space((unsigned char)s[pos]))
                    pos++;
                if (pos < len && (s[pos] == '"' || s[pos] == '\'')) {
                    const char *close = memchr(s + pos + 1, s[pos], len - pos - 1);
                    pos = close != NULL ? (size_t)(close - s) + 1 : len;
                } else {
                    while (pos < len && !is_tag_space((unsigned char)s[pos]) && s[pos] != '>')
                        pos++;
                }
            }
            if (++count > ATTRS_MAX) {
                if (out == NULL && (out = tamed_copy(h, s, len)) == NULL)
                    return PRECIS_ERR_NOMEM;
                memset(out + start, ' ', pos - start);
                *src = s = out;
            }
        }
    }
    return PRECIS_OK;
}

/* How much of the start of a page is looked at to tell binary data. */
#define SNIFF_BYTES 1024

/* Whether the page is binary data (an image, an archive) rather than
 * text: control characters that no text encoding uses in more than one
 * byte in 32 of its start. A stray NUL in a tag is not enough. */
static int looks_binary(const char *in, size_t len)
{
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES, controls = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)in[i];
        controls += c < 0x09 || (c >= 0x0E && c < 0x20 && c != 0x1B);
    }
    return controls >= 8 && controls * 32 > n;
}

static int utf16_bom(const char *in, size_t len)
{
    return len >= 2 && (((unsigned char)in[0] == 0xFF && (unsigned char)in[1] == 0xFE) ||
                        ((unsigned char)in[0] == 0xFE && (unsigned char)in[1] == 0xFF));
}

static void reset(precis_html *h)
{
    html_doc *d = &h->doc;
    d->node_count = d->seg_count = d->block_count = d->arena_len = 0;
    d->article_body_len = 0;
    h->depth = h->too_deep = h->skip = h->stray_cost = 0;
    h->capture = CAPTURE_NONE;
    h->floor = 0;
    h->sep = SEP_NONE;
    h->brs = 0;
    h->block = HTML_NONE;
    h->error = PRECIS_OK;
    h->title_len = h->og_title_len = 0;
    h->title_done = 0;
    h->lang[0] = '\0';
    h->jsonld_len = 0;
}

precis_status precis_read_html(precis_html *h, precis_reading *rd, const char *in, size_t len,
                               const char *charset, precis_html_mode mode)
{
    precis_reading_reset(rd);
    reset(h);
    if (len >= INT_MAX)
        return PRECIS_ERR_TOO_LARGE;
    if (!utf16_bom(in, len) && looks_binary(in, len)) {
        memcpy(h->decoded.charset, "binary", sizeof "binary");
        return precis_reading_finish(rd);
    }
    precis_decode_opts opts = {charset, 0, 1};
    precis_status st = precis_decode(&h->decoded, &rd->decode, in, len, &opts);
    if (st != PRECIS_OK)
        return st;
    const char *src = h->decoded.text;
    size_t src_len = h->decoded.len;
    if (src_len == 0)
        return precis_reading_finish(rd);
    if (src_len >= INT_MAX)
        return PRECIS_ERR_TOO_LARGE;
    if ((st = tame(h, &src, src_len)) != PRECIS_OK)
        return st;
    h->doc.src = src;
    h->doc.src_len = src_len;
    if ((st = parse(h)) != PRECIS_OK)
        return st;
    if ((st = html_extract(&h->doc, mode == PRECIS_HTML_ALL)) != PRECIS_OK)
        return st;
    set_metadata(h, rd);
    return emit(&h->doc, rd);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html_doc.h - the compact document that the HTML reader builds from
 * libxml2's SAX events, and that main-content extraction scores: elements
 * in document order (pre-order, so a subtree is a range of indices and a
 * parent always precedes its children), text runs with their byte ranges
 * in the page, and blocks (the runs between two block-level boundaries).
 *
 * Every walk over it is a loop over these arrays, never a recursion over
 * the tree, so the depth of a page costs nothing but memory.
 */
#ifndef PRECIS_HTML_DOC_H
#define PRECIS_HTML_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "precis.h"
#include "read_html.h"

#define HTML_NONE UINT32_MAX
#define HTML_CLASS_CACHE 4093

/* Element kinds that the reader tells apart; everything else is TAG_OTHER
 * (an inline element, such as <span> or a custom element). */
typedef enum html_tag {
    TAG_OTHER = 0,
    TAG_A, TAG_ADDRESS, TAG_ARTICLE, TAG_ASIDE, TAG_AUDIO, TAG_B, TAG_BLOCKQUOTE, TAG_BODY,
    TAG_BR, TAG_BUTTON, TAG_CANVAS, TAG_CAPTION, TAG_CENTER, TAG_CITE, TAG_CODE, TAG_DD,
    TAG_DETAILS, TAG_DIALOG, TAG_DIV, TAG_DL, TAG_DT, TAG_EM, TAG_EMBED, TAG_FIELDSET,
    TAG_FIGCAPTION, TAG_FIGURE, TAG_FOOTER, TAG_FORM, TAG_FRAMESET, TAG_H1, TAG_H2, TAG_H3,
    TAG_H4, TAG_H5, TAG_H6, TAG_HEAD, TAG_HEADER, TAG_HGROUP, TAG_HR, TAG_HTML, TAG_I,
    TAG_IFRAME, TAG_IMG, TAG_INPUT, TAG_LABEL, TAG_LEGEND, TAG_LI, TAG_LINK, TAG_MAIN, TAG_MAP,
    TAG_MATH, TAG_MENU, TAG_META, TAG_NAV, TAG_NOSCRIPT, TAG_OBJECT, TAG_OL, TAG_OPTION,
    TAG_P, TAG_PRE, TAG_Q, TAG_SCRIPT, TAG_SECTION, TAG_SELECT, TAG_SMALL, TAG_SPAN,
    TAG_STRONG, TAG_STYLE, TAG_SUMMARY, TAG_SVG, TAG_TABLE, TAG_TBODY, TAG_TD, TAG_TEMPLATE,
    TAG_TEXTAREA, TAG_TFOOT, TAG_TH, TAG_THEAD, TAG_TIME, TAG_TITLE, TAG_TR, TAG_U, TAG_UL,
    TAG_VIDEO,
    TAG_COUNT
} html_tag;

/* Element flags, from the tag and the attributes. */
enum {
    NF_IN_LINK = 1u << 1,    /* the element or an ancestor is a link (<a href>) */
    NF_ARTICLE_BODY = 1u << 2, /* itemprop="articleBody" or role/class naming the article text */
    NF_MAIN = 1u << 3,       /* role="main" */
    NF_BOILER_ROLE = 1u << 4, /* role navigation, banner, contentinfo, complementary... */
    NF_IN_HEAD = 1u << 5,    /* inside <head>: never text */
    NF_COMMENTS = 1u << 6,   /* class or id says comments (a thread, not text) */
    NF_HIDDEN_CLASS = 1u << 7, /* class says screen-reader-only or hidden */
    NF_IN_ARTICLE = 1u << 8    /* inside <article> or <main> */
};

typedef struct html_node {
    uint32_t parent; /* HTML_NONE for a root */
    uint32_t end;    /* one past the last element of the subtree */
    uint32_t seg_start, seg_end; /* the text runs of the subtree */
    uint16_t tag;    /* html_tag */
    uint16_t flags;
    int16_t cls;     /* what the class and id words say: > 0 content, < 0 boilerplate */
} html_node;

/* A text run: src[src, src + src_len) of the parsed page. It is verbatim
 * (the clean text is those bytes, white space folded) unless dec_len > 0:
 * then it is one unit whose clean text is arena[dec, dec + dec_len), such
 * as a character reference. */
typedef struct html_seg {
    uint32_t node;    /* the innermost element */
    uint32_t block;   /* the block it belongs to */
    uint32_t src;
    uint32_t src_len;
    uint32_t dec;
    uint32_t dec_len;
    uint16_t chars;   /* non-space characters */
    uint8_t punct;    /* sentence punctuation marks, capped at 255 */
    uint8_t sep;      /* the separator owed before it: SEP_* */
} html_seg;

enum { SEP_NONE = 0, SEP_SPACE, SEP_LINE, SEP_BLOCK };

typedef struct html_block {
    uint32_t owner;     /* the innermost block-level element around it */
    uint32_t seg_start, seg_end;
    uint32_t chars;     /* non-space characters */
    uint32_t link_chars;
    uint32_t punct;
    uint32_t words;
    float score;
    uint8_t keep;
    uint8_t heading;
    uint8_t cls;        /* what extraction read it as */
    uint8_t body;       /* percent of its word trigrams in the JSON-LD articleBody */
    uint8_t prev, next; /* the nearest telling classes around it */
} html_block;

typedef struct html_doc {
    const char *src; /* the UTF-8 page */
    size_t src_len;
    html_node *nodes;
    size_t node_count, node_cap;
    html_seg *segs;
    size_t seg_count, seg_cap;
    html_block *blocks;
    size_t block_count, block_cap;
    char *arena; /* decoded text of units */
    size_t arena_len, arena_cap;
    char *article_body; /* JSON-LD articleBody, white space folded; "" when none */
    size_t article_body_len, article_body_cap;
    uint64_t *shingles; /* its word trigrams, sorted */
    size_t shingle_count, shingles_cap;
    /* What the words of class and id values said, by their hash. */
    uint64_t class_key[HTML_CLASS_CACHE];
    uint8_t class_says[HTML_CLASS_CACHE];
    uint32_t container; /* the element extraction chose, HTML_NONE when none */
    /* Scratch of extraction, one entry per element or block. */
    float *node_score;
    uint32_t *node_chars;
    uint32_t *node_prose;
    uint8_t *node_drop;
    uint8_t *node_bad;
    uint8_t *node_in; /* part of the content */
    size_t scratch_cap;
} html_doc;

/* The attributes of an element that extraction reads; NULL when absent. */
typedef struct html_attrs {
    const char *cls, *id, *role, *itemprop;
} html_attrs;

/* Sets node->cls and the NF_ flags that those attributes carry. */
void html_classify(html_doc *doc, html_node *node, const html_attrs *attrs);

/* Takes the articleBody of a JSON-LD script json[0, len), when it has one
 * longer than the one already kept, into doc->article_body. */
precis_status html_jsonld_article_body(html_doc *doc, const char *json, size_t len);

/* Chooses the blocks to keep (block.keep, block.heading) and marks dropped
 * text runs inside kept blocks (segment node in a dropped subtree). With
 * all set, every visible block is kept. */
precis_status html_extract(html_doc *doc, int all);

/* The document that the last precis_read_html built (for tools). */
const html_doc *html_document(const precis_html *html);

/* Whether segment i is dropped although its block is kept. */
static inline int html_seg_dropped(const html_doc *doc, size_t i)
{
    return doc->node_drop[doc->segs[i].node] != 0;
}

#endif

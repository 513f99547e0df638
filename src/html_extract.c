/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * html_extract.c - main-content extraction on the compact document: what
 * the page's markup says (class and id words, roles, semantic elements,
 * JSON-LD articleBody), what its blocks look like (text density, link
 * density, punctuation), the container that holds the article, and the
 * blocks kept inside it.
 */
#include <string.h>

#include "html_doc.h"
#include "utf8.h"
#include "util.h"

/* ---- class and id words ------------------------------------------------ */

enum { M_EXACT, M_PREFIX, M_SUB };

/* What a word of a class or id says. */
enum { W_BOILER = 1, W_CONTENT = 2, W_COMMENTS = 4, W_HIDDEN = 8, W_WEAK = 16 };

typedef struct word_rule {
    const char *word;
    uint8_t len;
    uint8_t match;
    uint8_t says;
} word_rule;

#define RULE(word, match, says) {word, sizeof(word) - 1, match, says}

/* Words of class and id values, in the languages the pages come in. A
 * word names boilerplate or content; the first rule that matches a token
 * decides it, so the longer and more specific words come first. */
static const word_rule word_rules[] = {
    /* Screen-reader-only text ("Share on Facebook", "Skip to content"). */
    RULE("sronly", M_EXACT, W_HIDDEN),
    RULE("visuallyhidden", M_SUB, W_HIDDEN),
    RULE("screenreader", M_SUB, W_HIDDEN),
    RULE("offscreen", M_SUB, W_HIDDEN),
    RULE("invisible", M_SUB, W_HIDDEN),
    /* Comment threads (but a commentary is an article). */
    RULE("commentary", M_SUB, W_CONTENT),
    RULE("comment", M_SUB, W_BOILER | W_COMMENTS),
    RULE("kommentar", M_SUB, W_BOILER | W_COMMENTS),
    RULE("commentaire", M_SUB, W_BOILER | W_COMMENTS),
    RULE("comentario", M_SUB, W_BOILER | W_COMMENTS),
    RULE("disqus", M_SUB, W_BOILER | W_COMMENTS),
    RULE("respond", M_SUB, W_BOILER | W_COMMENTS),
    RULE("reply", M_SUB, W_BOILER | W_COMMENTS),
    RULE("discussion", M_SUB, W_BOILER | W_COMMENTS),
    /* Page furniture. */
    RULE("subheader", M_EXACT, W_CONTENT),
    RULE("subheadline", M_EXACT, W_CONTENT),
    RULE("header", M_SUB, W_BOILER | W_WEAK),
    RULE("footer", M_SUB, W_BOILER),
    RULE("masthead", M_SUB, W_BOILER),
    RULE("sidebar", M_SUB, W_BOILER),
    RULE("navigation", M_SUB, W_BOILER),
    RULE("navbar", M_SUB, W_BOILER),
    RULE("nav", M_PREFIX, W_BOILER),
    RULE("menu", M_SUB, W_BOILER),
    RULE("breadcrumb", M_SUB, W_BOILER),
    RULE("pagination", M_SUB, W_BOILER),
    RULE("pager", M_SUB, W_BOILER),
    RULE("paging", M_SUB, W_BOILER),
    RULE("toolbar", M_SUB, W_BOILER),
    RULE("skip", M_EXACT, W_BOILER),
    RULE("aside", M_EXACT, W_BOILER),
    RULE("foot", M_EXACT, W_BOILER),
    /* Banners and dialogs. */
    RULE("cookie", M_SUB, W_BOILER),
    RULE("consent", M_SUB, W_BOILER),
    RULE("gdpr", M_SUB, W_BOILER),
    RULE("dsgvo", M_SUB, W_BOILER),
    RULE("privacy", M_SUB, W_BOILER),
    RULE("popup", M_SUB, W_BOILER),
    RULE("modal", M_SUB, W_BOILER),
    RULE("overlay", M_SUB, W_BOILER),
    RULE("newsletter", M_SUB, W_BOILER),
    RULE("subscri", M_SUB, W_BOILER),
    RULE("abonn", M_SUB, W_BOILER),
    RULE("signup", M_SUB, W_BOILER),
    RULE("login", M_SUB, W_BOILER),
    /* Sharing, related and promoted content, advertising. */
    RULE("share", M_SUB, W_BOILER),
    RULE("sharing", M_SUB, W_BOILER),
    RULE("social", M_SUB, W_BOILER),
    RULE("teilen", M_SUB, W_BOILER),
    RULE("related", M_SUB, W_BOILER),
    RULE("verwandt", M_SUB, W_BOILER),
    RULE("recommend", M_SUB, W_BOILER),
    RULE("empfehl", M_SUB, W_BOILER),
    RULE("promo", M_SUB, W_BOILER),
    RULE("sponsor", M_SUB, W_BOILER),
    RULE("advert", M_SUB, W_BOILER),
    RULE("werbung", M_SUB, W_BOILER),
    RULE("anzeige", M_SUB, W_BOILER),
    RULE("outbrain", M_SUB, W_BOILER),
    RULE("taboola", M_SUB, W_BOILER),
    RULE("banner", M_SUB, W_BOILER),
    RULE("ad", M_EXACT, W_BOILER),
    RULE("ads", M_EXACT, W_BOILER),
    RULE("adslot", M_EXACT, W_BOILER),
    /* Article furniture: bylines, dates, captions, tags. */
    RULE("byline", M_SUB, W_BOILER),
    RULE("author", M_SUB, W_BOILER),
    RULE("autor", M_EXACT, W_BOILER),
    RULE("caption", M_SUB, W_BOILER),
    RULE("credit", M_SUB, W_BOILER),
    RULE("copyright", M_SUB, W_BOILER),
    RULE("tagcloud", M_SUB, W_BOILER),
    RULE("tags", M_EXACT, W_BOILER | W_WEAK),
    RULE("tag", M_EXACT, W_BOILER | W_WEAK),
    RULE("meta", M_EXACT, W_BOILER | W_WEAK),
    RULE("metadata", M_EXACT, W_BOILER | W_WEAK),
    RULE("date", M_EXACT, W_BOILER | W_WEAK),
    RULE("dateline", M_EXACT, W_BOILER | W_WEAK),
    RULE("datum", M_EXACT, W_BOILER | W_WEAK),
    RULE("rating", M_SUB, W_BOILER | W_WEAK),
    RULE("reflist", M_SUB, W_BOILER),
    RULE("references", M_SUB, W_BOILER),
    RULE("footnote", M_SUB, W_BOILER),
    RULE("print", M_EXACT, W_BOILER | W_WEAK),
    /* Content. */
    RULE("articlebody", M_SUB, W_CONTENT),
    RULE("article", M_SUB, W_CONTENT),
    RULE("artikel", M_SUB, W_CONTENT),
    RULE("beitrag", M_SUB, W_CONTENT),
    RULE("content", M_SUB, W_CONTENT),
    RULE("inhalt", M_SUB, W_CONTENT),
    RULE("contenu", M_SUB, W_CONTENT),
    RULE("contenido", M_SUB, W_CONTENT),
    RULE("conteudo", M_SUB, W_CONTENT),
    RULE("testo", M_SUB, W_CONTENT),
    RULE("entry", M_SUB, W_CONTENT),
    RULE("story", M_SUB, W_CONTENT),
    RULE("post", M_PREFIX, W_CONTENT),
    RULE("body", M_SUB, W_CONTENT),
    RULE("text", M_SUB, W_CONTENT),
    RULE("main", M_PREFIX, W_CONTENT),
    RULE("prose", M_SUB, W_CONTENT),
    RULE("richtext", M_SUB, W_CONTENT),
    RULE("rte", M_EXACT, W_CONTENT),
    RULE("hentry", M_EXACT, W_CONTENT),
    RULE("blog", M_PREFIX, W_CONTENT),
};

static int rule_matches(const word_rule *r, const char *tok, size_t n)
{
    size_t m = r->len;
    if (m > n)
        return 0;
    switch (r->match) {
    case M_EXACT:
        return m == n && memcmp(tok, r->word, n) == 0;
    case M_PREFIX:
        return memcmp(tok, r->word, m) == 0;
    default:
        for (const char *p = tok, *end = tok + n - m + 1;
             (p = memchr(p, r->word[0], (size_t)(end - p))) != NULL; p++)
            if (memcmp(p, r->word, m) == 0)
                return 1;
        return 0;
    }
}

/* Bit of a lower-case letter (other bytes share bit 26). */
static uint32_t letter_bit(unsigned char c)
{
    return c >= 'a' && c <= 'z' ? 1u << (c - 'a') : 1u << 26;
}

static unsigned classify_token(const char *tok, size_t n)
{
    /* A rule can only match where its first letter occurs. */
    uint32_t letters = 0;
    for (size_t i = 0; i < n; i++)
        letters |= letter_bit((unsigned char)tok[i]);
    for (size_t i = 0; i < sizeof word_rules / sizeof word_rules[0]; i++) {
        const word_rule *r = &word_rules[i];
        if ((letters & letter_bit((unsigned char)r->word[0])) && rule_matches(r, tok, n))
            return r->says;
    }
    return 0;
}

static int is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* What the words of one class or id value say: a score (a boilerplate
 * word -2, a weak one such as "tag" -1, a content word +1) and the flags
 * W_COMMENTS and W_HIDDEN. "sr-only" and "sr_only" are read as one word
 * "sronly", camelCase as two words (classify_value). */
typedef struct verdict {
    int score;
    unsigned flags;
} verdict;

/* classify_token through the document's cache of tokens: pages repeat
 * their class words (and utility-class pages use hundreds of them), and
 * the cache outlives the page. */
static unsigned classify_cached(html_doc *d, const char *tok, size_t n)
{
    uint64_t h = precis_hash_bytes(tok, n) | 1; /* never 0, the empty slot */
    size_t slot = (size_t)(h % HTML_CLASS_CACHE);
    if (d->class_key[slot] == h)
        return d->class_says[slot];
    unsigned says = classify_token(tok, n);
    d->class_key[slot] = h;
    d->class_says[slot] = (uint8_t)says;
    return says;
}

static verdict classify_value(html_doc *d, const char *v)
{
    verdict out = {0, 0};
    char tok[64];
    size_t n = 0;
    for (const char *p = v;; p++) {
        unsigned char c = (unsigned char)*p;
        int split = !is_alnum(c) || (n > 0 && c >= 'A' && c <= 'Z' && p > v &&
                                     p[-1] >= 'a' && p[-1] <= 'z');
        if (split && n > 0) {
            if (n == 2 && memcmp(tok, "sr", 2) == 0 && (c == '-' || c == '_'))
                continue;
            unsigned says = classify_cached(d, tok, n);
            if (says & W_BOILER)
                out.score -= (says & W_WEAK) ? 1 : 2;
            else if (says & W_CONTENT)
                out.score += 1;
            out.flags |= says & (W_COMMENTS | W_HIDDEN);
            n = 0;
        }
        if (c == '\0')
            break;
        if (is_alnum(c) && n < sizeof tok)
            tok[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;
}

/* Whether an attribute value is the word (ASCII case folded), alone or
 * first of a space-separated list. */
static int attr_is(const char *value, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)value[i];
        if (c == '\0' || (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != (unsigned char)word[i])
            return 0;
    }
    return value[n] == '\0' || value[n] == ' ';
}

void html_classify(html_doc *d, html_node *node, const html_attrs *a)
{
    static const char *const boiler_roles[] = {"navigation", "banner", "contentinfo",
                                               "complementary", "menu", "menubar", "search",
                                               "dialog", "alertdialog", "toolbar", "tablist"};
    int score = 0;
    unsigned flags = 0;
    const char *words[2] = {a->cls, a->id};
    for (int i = 0; i < 2; i++) {
        if (words[i] == NULL || words[i][0] == '\0')
            continue;
        verdict v = classify_value(d, words[i]);
        score += v.score;
        flags |= v.flags;
    }
    if (a->role != NULL) {
        if (attr_is(a->role, "main"))
            node->flags |= NF_MAIN;
        else if (attr_is(a->role, "article"))
            score += 1;
        for (size_t r = 0; r < sizeof boiler_roles / sizeof boiler_roles[0]; r++)
            if (attr_is(a->role, boiler_roles[r]))
                node->flags |= NF_BOILER_ROLE;
    }
    if (a->itemprop != NULL && (attr_is(a->itemprop, "articlebody") || attr_is(a->itemprop, "text")))
        node->flags |= NF_ARTICLE_BODY;
    if ((flags & W_COMMENTS) && score < 0)
        node->flags |= NF_COMMENTS;
    if (flags & W_HIDDEN)
        node->flags |= NF_HIDDEN_CLASS;
    node->cls = (int16_t)(score < -100 ? -100 : score > 100 ? 100 : score);
}

/* ---- JSON-LD ----------------------------------------------------------- */

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Reads the four hex digits at s[*pos]; -1 when they are not. */
static int32_t read_hex4(const char *s, size_t len, size_t *pos)
{
    if (len - *pos < 4)
        return -1;
    int32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int d = hex_value((unsigned char)s[*pos + (size_t)i]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    *pos += 4;
    return v;
}

/* Decodes the JSON string that starts after the quote at s[pos] into
 * out (white space folded); returns its length. */
static size_t json_string(const char *s, size_t len, size_t pos, char *out)
{
    size_t n = 0;
    int space = 0;
    while (pos < len && s[pos] != '"') {
        int32_t cp;
        if (s[pos] == '\\' && pos + 1 < len) {
            char e = s[pos + 1];
            pos += 2;
            switch (e) {
            case 'n': case 'r': case 't': case 'f': case 'b':
                cp = ' ';
                break;
            case 'u':
                cp = read_hex4(s, len, &pos);
                if (cp >= 0xD800 && cp <= 0xDBFF && pos + 1 < len && s[pos] == '\\' &&
                    s[pos + 1] == 'u') {
                    size_t at = pos + 2;
                    int32_t lo = read_hex4(s, len, &at);
                    if (lo >= 0xDC00 && lo <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        pos = at;
                    }
                }
                if (cp < 0 || (cp >= 0xD800 && cp <= 0xDFFF))
                    cp = PRECIS_REPLACEMENT_CHAR;
                break;
            default:
                cp = (unsigned char)e;
                break;
            }
        } else {
            cp = precis_utf8_next(s, len, &pos);
        }
        if (precis_is_space(cp)) {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = 0;
        n += precis_utf8_encode(cp, out + n);
    }
    return n;
}

precis_status html_jsonld_article_body(html_doc *doc, const char *json, size_t len)
{
    static const char key[] = "\"articleBody\"";
    size_t klen = sizeof key - 1;
    for (size_t pos = 0; pos + klen <= len; pos++) {
        const char *at = memchr(json + pos, '"', len - pos);
        if (at == NULL)
            break;
        pos = (size_t)(at - json);
        if (pos + klen > len || memcmp(json + pos, key, klen) != 0)
            continue;
        size_t p = pos + klen;
        while (p < len && (json[p] == ' ' || json[p] == '\t' || json[p] == '\n' || json[p] == '\r'))
            p++;
        if (p >= len || json[p] != ':')
            continue;
        p++;
        while (p < len && (json[p] == ' ' || json[p] == '\t' || json[p] == '\n' || json[p] == '\r'))
            p++;
        if (p >= len || json[p] != '"')
            continue;
        /* Decoded text is never longer than its escaped source, but an
         * escape can make a 3-byte character from 6 bytes: len bytes do. */
        size_t need = len - p;
        if (need <= doc->article_body_len)
            continue;
        char *buf = NULL;
        size_t cap = 0;
        if (PRECIS_RESERVE(buf, cap, need + 1) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        size_t n = json_string(json, len, p + 1, buf);
        if (n > doc->article_body_len) {
            free(doc->article_body);
            doc->article_body = buf;
            doc->article_body_cap = cap;
            doc->article_body_len = n;
        } else {
            free(buf);
        }
    }
    return PRECIS_OK;
}

/* ---- the JSON-LD text against the blocks ------------------------------ */

/* Word trigrams of the articleBody are kept up to this many. */
/* A block is the articleBody's text when this share of its trigrams (in
 * percent) is found there. */
#define BODY_MATCH 50

#define SHINGLES_MAX 200000

/* Cuts text into words (runs of letters and digits, ASCII folded to lower
 * case; a character of a script written without spaces is a word of its
 * own) and hashes each run of three consecutive words. */
typedef struct shingler {
    uint64_t word;     /* hash of the word being read */
    int in_word;
    uint64_t last[2];  /* the two words before it */
    int words;         /* words read, capped at 3 */
    uint64_t *out;     /* trigram hashes, when collecting */
    size_t count, cap, limit;
    size_t seen, hits; /* when matching: trigrams read and found */
    const uint64_t *set; /* sorted trigrams to match against */
    size_t set_count;
} shingler;

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * 1099511628211ULL;
}

static precis_status end_word(shingler *z)
{
    if (!z->in_word)
        return PRECIS_OK;
    z->in_word = 0;
    if (z->words >= 2) {
        uint64_t tri = mix(mix(mix(14695981039346656037ULL, z->last[0]), z->last[1]), z->word);
        if (z->set != NULL) {
            z->seen++;
            z->hits += bsearch(&tri, z->set, z->set_count, sizeof tri, compare_u64) != NULL;
        } else if (z->count < z->limit) {
            if (PRECIS_RESERVE(z->out, z->cap, z->count + 1) != PRECIS_OK)
                return PRECIS_ERR_NOMEM;
            z->out[z->count++] = tri;
        }
    }
    z->last[0] = z->last[1];
    z->last[1] = z->word;
    if (z->words < 2)
        z->words++;
    return PRECIS_OK;
}

static precis_status shingle_text(shingler *z, const char *s, size_t n)
{
    size_t pos = 0;
    while (pos < n) {
        size_t at = pos;
        int32_t cp = precis_utf8_next(s, n, &pos);
        if (!precis_is_wordchar(cp)) {
            precis_status st = end_word(z);
            if (st != PRECIS_OK)
                return st;
            continue;
        }
        int alone = precis_is_unspaced(cp);
        if (alone && end_word(z) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        if (!z->in_word) {
            z->word = 14695981039346656037ULL;
            z->in_word = 1;
        }
        for (size_t i = at; i < pos; i++) {
            unsigned char c = (unsigned char)s[i];
            z->word = mix(z->word, c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
        if (alone && end_word(z) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
    }
    return PRECIS_OK;
}

/* The sorted trigrams of the articleBody, in d->shingles. */
static precis_status body_shingles(html_doc *d)
{
    shingler z = {0};
    z.out = d->shingles;
    z.cap = d->shingles_cap;
    z.limit = SHINGLES_MAX;
    precis_status st = shingle_text(&z, d->article_body, d->article_body_len);
    if (st == PRECIS_OK)
        st = end_word(&z);
    d->shingles = z.out;
    d->shingles_cap = z.cap;
    d->shingle_count = z.count;
    if (st == PRECIS_OK && z.count > 1)
        qsort(d->shingles, z.count, sizeof *d->shingles, compare_u64);
    return st;
}

/* The share of a block's trigrams found in the articleBody, in percent;
 * 0 for blocks of fewer than three words. */
static unsigned body_match(const html_doc *d, const html_block *b)
{
    shingler z = {0};
    z.set = d->shingles;
    z.set_count = d->shingle_count;
    for (size_t s = b->seg_start; s < b->seg_end; s++) {
        const html_seg *seg = &d->segs[s];
        if (seg->sep != SEP_NONE)
            end_word(&z);
        if (seg->dec_len > 0)
            shingle_text(&z, d->arena + seg->dec, seg->dec_len);
        else
            shingle_text(&z, d->src + seg->src, seg->src_len);
    }
    end_word(&z);
    return z.seen > 0 ? (unsigned)(z.hits * 100 / z.seen) : 0;
}

/* ---- extraction -------------------------------------------------------- */

static precis_status reserve_scratch(html_doc *d)
{
    size_t need = d->node_count > 0 ? d->node_count : 1;
    if (need <= d->scratch_cap)
        return PRECIS_OK;
    if (need > SIZE_MAX / sizeof(float))
        return PRECIS_ERR_NOMEM;
    float *score = realloc(d->node_score, need * sizeof *score);
    if (score == NULL)
        return PRECIS_ERR_NOMEM;
    d->node_score = score;
    uint32_t *chars = realloc(d->node_chars, need * sizeof *chars);
    if (chars == NULL)
        return PRECIS_ERR_NOMEM;
    d->node_chars = chars;
    uint32_t *prose = realloc(d->node_prose, need * sizeof *prose);
    if (prose == NULL)
        return PRECIS_ERR_NOMEM;
    d->node_prose = prose;
    uint8_t *drop = realloc(d->node_drop, need * sizeof *drop);
    if (drop == NULL)
        return PRECIS_ERR_NOMEM;
    d->node_drop = drop;
    uint8_t *bad = realloc(d->node_bad, need * sizeof *bad);
    if (bad == NULL)
        return PRECIS_ERR_NOMEM;
    d->node_bad = bad;
    uint8_t *in = realloc(d->node_in, need * sizeof *in);
    if (in == NULL)
        return PRECIS_ERR_NOMEM;
    d->node_in = in;
    d->scratch_cap = need;
    return PRECIS_OK;
}

static int is_heading_tag(unsigned tag)
{
    return tag >= TAG_H1 && tag <= TAG_H6;
}

/* Elements that are page furniture by their tag alone; an article's own
 * <header> holds its title and lead. */
static int boiler_tag(const html_node *n)
{
    switch (n->tag) {
    case TAG_HEADER:
        return !(n->flags & NF_IN_ARTICLE);
    case TAG_NAV:
    case TAG_FOOTER:
    case TAG_ASIDE:
    case TAG_FIGCAPTION:
    case TAG_FIGURE:
    case TAG_LABEL:
    case TAG_MENU:
    case TAG_FORM:
        return 1;
    default:
        return 0;
    }
}

/* Elements that hold text, not blocks. */
static int leaf_block(unsigned tag)
{
    return tag == TAG_P || is_heading_tag(tag) || tag == TAG_LI || tag == TAG_TD ||
           tag == TAG_TH || tag == TAG_DD || tag == TAG_DT || tag == TAG_PRE ||
           tag == TAG_BLOCKQUOTE;
}

/* Elements that name the page's main text. */
static int content_element(const html_node *n)
{
    return n->tag == TAG_ARTICLE || n->tag == TAG_MAIN || n->tag == TAG_BODY ||
           (n->flags & (NF_MAIN | NF_ARTICLE_BODY));
}

static void block_stats(html_doc *d)
{
    for (size_t b = 0; b < d->block_count; b++) {
        html_block *blk = &d->blocks[b];
        blk->chars = blk->link_chars = blk->punct = 0;
        for (size_t s = blk->seg_start; s < blk->seg_end; s++) {
            const html_seg *seg = &d->segs[s];
            if (d->node_drop[seg->node])
                continue;
            blk->chars += seg->chars;
            blk->punct += seg->punct;
            if (d->nodes[seg->node].flags & NF_IN_LINK)
                blk->link_chars += seg->chars;
        }
        /* A "heading" of several lines of prose is a lead paragraph set in
         * large type. */
        blk->heading = is_heading_tag(d->nodes[blk->owner].tag) &&
                       !(blk->chars - blk->link_chars >= 100 && blk->punct > 0);
        blk->keep = 0;
    }
}

/* The text of a block that reads as prose: sentences with punctuation,
 * not a list of links. */
static uint32_t block_prose(const html_block *b)
{
    uint32_t text = b->chars - b->link_chars;
    if (b->heading || b->punct == 0 || text < 40 || b->link_chars * 3 > b->chars)
        return 0;
    return text;
}

/* How much a block weighs for choosing the container: prose counts for
 * its length, links and short fragments against. */
static float block_weight(const html_block *b)
{
    float text = (float)(b->chars - b->link_chars), links = (float)b->link_chars;
    if (b->chars == 0)
        return 0.0f;
    if (b->body >= BODY_MATCH)
        return 2.0f * text;
    if (b->heading)
        return 0.0f;
    if (links > text)
        return -links;
    if (b->punct > 0 && text >= 40.0f)
        return text - 2.0f * links;
    return -2.0f;
}

/* Sums a per-element figure up the tree (children follow their parents). */
static void sum_up(const html_doc *d, uint32_t *v)
{
    for (size_t i = d->node_count; i-- > 0;)
        if (d->nodes[i].parent != HTML_NONE)
            v[d->nodes[i].parent] += v[i];
}

/* Phrasing elements: they sit inside a line of text rather than make one. */
static int phrasing_tag(unsigned tag)
{
    switch (tag) {
    case TAG_A: case TAG_B: case TAG_CITE: case TAG_CODE: case TAG_EM: case TAG_I:
    case TAG_Q: case TAG_SMALL: case TAG_SPAN: case TAG_STRONG: case TAG_TIME: case TAG_U:
        return 1;
    default:
        return 0;
    }
}

/* Whether element i is a phrase inside a block that is mostly other text:
 * a link classed "newsletter-popup" in "hol dir meinen gratis Newsletter!"
 * is part of the sentence, and dropping it would leave "meinen !". */
static int phrase_in_text(const html_doc *d, size_t i)
{
    const html_node *n = &d->nodes[i];
    if (!phrasing_tag(n->tag) || n->seg_start >= n->seg_end)
        return 0;
    const html_block *blk = &d->blocks[d->segs[n->seg_start].block];
    uint32_t own = d->node_chars[i];
    return blk->punct > 0 && blk->chars > own && blk->chars - own >= 2 * own;
}

/* Whether element i is boilerplate by its markup. A class or tag says so
 * only where the text does not contradict it: an element full of prose is
 * the article whatever its class ("tag-politics" on a WordPress post), an
 * element that holds most of the page a wrapper, a phrase the sentence
 * around it. A comment thread is prose too, so comment words count unless
 * the element names the main text. */
static int boiler_markup(const html_doc *d, size_t i, uint32_t whole)
{
    const html_node *n = &d->nodes[i];
    if (n->flags & NF_COMMENTS)
        return !content_element(n);
    if (content_element(n) ||
        (!boiler_tag(n) && !(n->flags & NF_BOILER_ROLE) && n->cls >= 0) || phrase_in_text(d, i))
        return 0;
    uint32_t chars = d->node_chars[i], prose = d->node_prose[i];
    if (prose >= 400 && (double)prose >= 0.6 * (double)chars)
        return 0;
    return (double)chars < 0.6 * (double)whole;
}

/* Whether element i is the main text inside boilerplate by markup: it
 * names itself so, or says content and holds prose. */
static int rescued(const html_doc *d, size_t i)
{
    const html_node *n = &d->nodes[i];
    if (n->flags & NF_COMMENTS)
        return 0;
    return content_element(n) || (n->cls > 0 && d->node_prose[i] >= 400);
}

/* Siblings join the container when they weigh this share of it, at
 * least SIBLING_MIN, and hold this much prose; they are looked for up to
 * this many levels up (a level that adds no text does not count). */
#define SIBLING_SHARE 0.1f
#define SIBLING_MIN 40.0f
#define SIBLING_PROSE 80
#define SIBLING_LEVELS 3

/* Makes the subtree of root part of the content, without what is
 * boilerplate by markup inside it. */
static void include(html_doc *d, size_t root)
{
    const html_node *r = &d->nodes[root];
    d->node_in[root] = 1;
    for (size_t i = root + 1; i < r->end; i++) {
        const html_node *n = &d->nodes[i];
        d->node_in[i] = 1;
        d->node_bad[i] = (uint8_t)(boiler_markup(d, i, d->node_chars[root]) ||
                                   (n->parent != root && d->node_bad[n->parent] &&
                                    !rescued(d, i)));
        d->node_drop[i] = (uint8_t)(d->node_drop[i] || d->node_bad[i]);
    }
}

/* ---- what a block says --------------------------------------------------- */

/* Blocks up to this long are read for the phrases below; boilerplate
 * paragraphs are short. */
#define CUE_CHARS_MAX 320

/* Phrases of boilerplate paragraphs (credits, rights, subscription and
 * follow-us prompts) in the languages of the pages, lower case; the text
 * is folded to ASCII lower case before it is searched. */
static const char *const cue_phrases[] = {
    "\xc2\xa9", "copyright", "all rights reserved", "alle rechte vorbehalten",
    "tous droits", "todos los derechos", "tutti i diritti", "creative commons",
    "getty images", "picture alliance", "picture-alliance", "shutterstock", "istock",
    "newsletter", "subscribe", "abonnieren", "abonnez", "suscr", "iscriviti", "posteingang",
    "follow us", "folgen sie uns", "folge uns", "siguenos", "s\xc3\xadguenos", "suivez-nous",
    "seguici", "itunes", "google play", "app store", "play store", "cc-by", "cc by",
    "suggested citation", "zitiervorschlag", "support our work", "supporting our work",
    "ultima modifica",
};

/* Openers of image credits and sources. */
static const char *const cue_openers[] = {
    "foto:", "fotos:", "foto ", "bild:", "bilder:", "photo:", "photos:", "image:", "quelle:",
    "source:", "titelbild", "abbildung", "credit", "bildquelle", "fuente:",
};

/* The block's text, ASCII folded to lower case, into buf (size n + 1). */
static size_t block_text(const html_doc *d, const html_block *b, char *buf, size_t n)
{
    size_t len = 0;
    for (size_t s = b->seg_start; s < b->seg_end && len < n; s++) {
        const html_seg *seg = &d->segs[s];
        if (d->node_drop[seg->node])
            continue;
        const char *t = seg->dec_len ? d->arena + seg->dec : d->src + seg->src;
        size_t m = seg->dec_len ? seg->dec_len : seg->src_len;
        if (len > 0 && len < n)
            buf[len++] = ' ';
        for (size_t i = 0; i < m && len < n; i++) {
            unsigned char c = (unsigned char)t[i];
            if (c == '\n' || c == '\t' || c == '\r')
                c = ' ';
            if (c == ' ' && len > 0 && buf[len - 1] == ' ')
                continue;
            buf[len++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    }
    while (len > 0 && buf[0] == ' ')
        memmove(buf, buf + 1, --len);
    buf[len] = '\0';
    return len;
}

/* Whether a short block reads as boilerplate by its words. */
static int boiler_words(const html_doc *d, const html_block *b)
{
    if (b->chars > CUE_CHARS_MAX)
        return 0;
    char buf[4 * CUE_CHARS_MAX + 1];
    size_t len = block_text(d, b, buf, sizeof buf - 1);
    for (size_t i = 0; i < sizeof cue_openers / sizeof cue_openers[0]; i++)
        if (strncmp(buf, cue_openers[i], strlen(cue_openers[i])) == 0)
            return 1;
    for (size_t i = 0; i < sizeof cue_phrases / sizeof cue_phrases[0]; i++)
        if (len > 0 && strstr(buf, cue_phrases[i]) != NULL)
            return 1;
    return 0;
}

/* A run of text after the article's longest is kept when it is at least
 * this share of it. */
#define ISLAND_SHARE 0.2

/* What a block of the container reads as. */
enum { C_NONE, C_GOOD, C_MEDIUM, C_SHORT, C_ITEM, C_BAD, C_HEADING };

static int block_class(const html_doc *d, const html_block *b)
{
    uint32_t text = b->chars - b->link_chars;
    if (b->chars == 0)
        return C_NONE;
    /* A heading that is a link titles a teaser of another page. */
    if (b->heading)
        return b->link_chars * 2 > b->chars ? C_BAD : C_HEADING;
    if (b->body >= BODY_MATCH && b->link_chars * 2 <= b->chars)
        return C_GOOD;
    if (b->link_chars * 2 > b->chars || boiler_words(d, b))
        return C_BAD;
    if (b->link_chars * 10 <= b->chars * 3 && ((b->punct > 0 && text >= 50) || text >= 200))
        return C_GOOD;
    if (b->punct > 0 && text >= 40)
        return C_MEDIUM;
    unsigned tag = d->nodes[b->owner].tag;
    if ((tag == TAG_LI || tag == TAG_DD || tag == TAG_DT) && b->link_chars * 5 <= b->chars)
        return C_ITEM;
    return C_SHORT;
}

/* Keeps the blocks of the container that read as its text: prose, and the
 * short blocks, headings and lists between prose (a list inside an
 * article, its subheadings), but not the short lines around it (dates,
 * bylines, captions, "Read more:"). */
static void classify_blocks(html_doc *d)
{
    size_t first = d->block_count, last = 0;
    for (size_t b = 0; b < d->block_count; b++) {
        html_block *blk = &d->blocks[b];
        int in = d->node_in[blk->owner] && !d->node_drop[blk->owner];
        blk->cls = (uint8_t)(in ? block_class(d, blk) : C_NONE);
        if (blk->cls != C_NONE) {
            if (first == d->block_count)
                first = b;
            last = b;
        }
    }
    if (first == d->block_count)
        return;
    /* A page of short paragraphs only: the longest it has are its prose. */
    int good = 0;
    for (size_t b = first; b <= last && !good; b++)
        good = d->blocks[b].cls == C_GOOD;
    for (size_t b = first; b <= last && !good; b++)
        if (d->blocks[b].cls == C_MEDIUM)
            d->blocks[b].cls = C_GOOD;
    /* The nearest good block before each block, and after it. */
    int prev = C_NONE;
    for (size_t b = first; b <= last; b++) {
        html_block *blk = &d->blocks[b];
        blk->prev = (uint8_t)prev;
        if (blk->cls == C_GOOD || blk->cls == C_BAD)
            prev = blk->cls;
    }
    int next = C_NONE;
    for (size_t b = last + 1; b-- > first;) {
        html_block *blk = &d->blocks[b];
        blk->next = (uint8_t)next;
        if (blk->cls == C_GOOD || blk->cls == C_BAD)
            next = blk->cls;
    }
    for (size_t b = first; b <= last; b++) {
        html_block *blk = &d->blocks[b];
        switch (blk->cls) {
        case C_GOOD:
            blk->keep = 1;
            break;
        case C_MEDIUM:
            blk->keep = (blk->prev == C_GOOD && blk->next != C_BAD) ||
                        (blk->next == C_GOOD && blk->prev != C_BAD);
            break;
        case C_SHORT:
            blk->keep = (blk->prev == C_GOOD && blk->next == C_GOOD) ||
                        (d->nodes[blk->owner].tag == TAG_P &&
                         (blk->prev == C_GOOD || blk->next == C_GOOD));
            break;
        case C_ITEM:
            blk->keep = blk->prev == C_GOOD || blk->next == C_GOOD;
            break;
        default:
            break;
        }
    }
    /* After the article, an island of text between links and prompts (an
     * author's box, a newsletter pitch) is not part of it: of the runs of
     * kept blocks that link-heavy blocks cut apart, those after the
     * longest run stay only when they are a good share of it. */
    size_t best_run = 0, best_start = first, run = 0, start = first;
    for (size_t b = first; b <= last + 1; b++) {
        if (b > last || d->blocks[b].cls == C_BAD) {
            if (run > best_run) {
                best_run = run;
                best_start = start;
            }
            run = 0;
            start = b + 1;
        } else if (d->blocks[b].keep) {
            run += d->blocks[b].chars - d->blocks[b].link_chars;
        }
    }
    run = 0;
    start = best_start;
    for (size_t b = best_start; b <= last + 1; b++) {
        if (b > last || d->blocks[b].cls == C_BAD) {
            if (start > best_start && (double)run < ISLAND_SHARE * (double)best_run)
                for (size_t k = start; k < b; k++)
                    d->blocks[k].keep = 0;
            run = 0;
            start = b + 1;
        } else if (d->blocks[b].keep) {
            run += d->blocks[b].chars - d->blocks[b].link_chars;
        }
    }
    /* A heading stays when the text it heads does: the first block after
     * it that is not a heading. The page's <h1> is its title, metadata. */
    int heads_kept = 0;
    for (size_t b = last + 1; b-- > first;) {
        html_block *blk = &d->blocks[b];
        if (blk->cls == C_HEADING)
            blk->keep = heads_kept && d->nodes[blk->owner].tag != TAG_H1;
        else if (blk->cls != C_NONE)
            heads_kept = blk->keep;
    }
}

precis_status html_extract(html_doc *d, int all)
{
    precis_status st = reserve_scratch(d);
    if (st != PRECIS_OK)
        return st;
    size_t nn = d->node_count;
    d->container = HTML_NONE;
    /* Dropped in every mode: what <head> holds, screen-reader-only text. */
    for (size_t i = 0; i < nn; i++)
        d->node_drop[i] = (d->nodes[i].flags & (NF_IN_HEAD | NF_HIDDEN_CLASS)) != 0 ||
                          (d->nodes[i].parent != HTML_NONE && d->node_drop[d->nodes[i].parent]);
    block_stats(d);
    if (all) {
        for (size_t b = 0; b < d->block_count; b++)
            d->blocks[b].keep = d->blocks[b].chars > 0;
        return PRECIS_OK;
    }

    /* The blocks that the page's JSON-LD articleBody repeats. */
    for (size_t b = 0; b < d->block_count; b++)
        d->blocks[b].body = 0;
    if (d->article_body_len > 0) {
        if ((st = body_shingles(d)) != PRECIS_OK)
            return st;
        for (size_t b = 0; b < d->block_count; b++)
            if (d->blocks[b].chars > 0)
                d->blocks[b].body = (uint8_t)body_match(d, &d->blocks[b]);
    }

    /* The text and the prose each element holds. */
    uint32_t *chars = d->node_chars, *prose = d->node_prose;
    memset(chars, 0, nn * sizeof *chars);
    memset(prose, 0, nn * sizeof *prose);
    for (size_t b = 0; b < d->block_count; b++) {
        chars[d->blocks[b].owner] += d->blocks[b].chars;
        prose[d->blocks[b].owner] += block_prose(&d->blocks[b]);
    }
    sum_up(d, chars);
    sum_up(d, prose);
    uint32_t total = 0;
    for (size_t i = 0; i < nn; i++)
        if (d->nodes[i].parent == HTML_NONE)
            total += chars[i];

    /* Boilerplate by markup, inherited down the tree. */
    uint8_t *bad = d->node_bad;
    for (size_t i = 0; i < nn; i++) {
        const html_node *n = &d->nodes[i];
        bad[i] = (uint8_t)(boiler_markup(d, i, total) ||
                           (n->parent != HTML_NONE && bad[n->parent] && !rescued(d, i)));
    }

    /* The container: the element whose blocks weigh most. */
    float *score = d->node_score;
    for (size_t i = 0; i < nn; i++)
        score[i] = 0.0f;
    for (size_t b = 0; b < d->block_count; b++) {
        html_block *blk = &d->blocks[b];
        float w = block_weight(blk);
        if (bad[blk->owner])
            w = w > 0 ? -w * 0.5f : w * 0.2f;
        blk->score = w;
        score[blk->owner] += w;
    }
    for (size_t i = nn; i-- > 0;)
        if (d->nodes[i].parent != HTML_NONE)
            score[d->nodes[i].parent] += score[i];
    size_t best = HTML_NONE;
    float best_score = 0.0f;
    for (size_t i = 0; i < nn; i++) {
        const html_node *n = &d->nodes[i];
        float s = score[i];
        if (s > 0 && ((n->flags & (NF_ARTICLE_BODY | NF_MAIN)) || n->tag == TAG_ARTICLE ||
                      n->tag == TAG_MAIN))
            s *= 1.5f;
        else if (s > 0 && n->cls > 0)
            s *= 1.3f;
        if (s > best_score) {
            best_score = s;
            best = i;
        }
    }
    /* No element weighs anything: the page is a few lines; they are read
     * from the whole page, without its boilerplate. */
    if (best == HTML_NONE)
        for (size_t i = 0; i < nn && best == HTML_NONE; i++)
            if (d->nodes[i].tag == TAG_BODY && !bad[i])
                best = i;
    /* A paragraph is no container: its parent holds the text around it. */
    while (best != HTML_NONE && leaf_block(d->nodes[best].tag) &&
           d->nodes[best].parent != HTML_NONE && !bad[d->nodes[best].parent])
        best = d->nodes[best].parent;
    d->container = (uint32_t)best;
    if (best == HTML_NONE)
        return PRECIS_OK;

    /* The content: the container, and the siblings of it and of its
     * nearest ancestors that hold prose of their own (an article split
     * into a lead and a body, a recipe's steps beside its ingredients). */
    memset(d->node_in, 0, nn);
    include(d, best);
    float least = score[best] * SIBLING_SHARE > SIBLING_MIN ? score[best] * SIBLING_SHARE
                                                            : SIBLING_MIN;
    size_t x = best;
    for (int level = 0; level < SIBLING_LEVELS;) {
        size_t p = d->nodes[x].parent;
        if (p == HTML_NONE || bad[p])
            break;
        /* A wrapper that adds no text is no step away. */
        level += chars[p] > chars[x];
        for (size_t k = p + 1; k < d->nodes[p].end; k = d->nodes[k].end)
            if (k != x && !bad[k] && score[k] >= least && prose[k] >= SIBLING_PROSE)
                include(d, k);
        x = p;
    }
    block_stats(d);
    classify_blocks(d);
    return PRECIS_OK;
}

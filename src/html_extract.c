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
enum { W_BOILER = 1, W_CONTENT = 2, W_COMMENTS = 4, W_HIDDEN = 8 };

typedef struct word_rule {
    const char *word;
    uint8_t match;
    uint8_t says;
} word_rule;

/* Words of class and id values, in the languages the pages come in. A
 * word names boilerplate or content; the first rule that matches a token
 * decides it, so the longer and more specific words come first. */
static const word_rule word_rules[] = {
    /* Screen-reader-only text ("Share on Facebook", "Skip to content"). */
    {"sronly", M_EXACT, W_HIDDEN},
    {"visuallyhidden", M_SUB, W_HIDDEN},
    {"screenreader", M_SUB, W_HIDDEN},
    {"offscreen", M_SUB, W_HIDDEN},
    {"invisible", M_SUB, W_HIDDEN},
    /* Comment threads. */
    {"comment", M_SUB, W_BOILER | W_COMMENTS},
    {"kommentar", M_SUB, W_BOILER | W_COMMENTS},
    {"commentaire", M_SUB, W_BOILER | W_COMMENTS},
    {"comentario", M_SUB, W_BOILER | W_COMMENTS},
    {"disqus", M_SUB, W_BOILER | W_COMMENTS},
    {"respond", M_SUB, W_BOILER | W_COMMENTS},
    {"reply", M_SUB, W_BOILER | W_COMMENTS},
    {"discussion", M_SUB, W_BOILER | W_COMMENTS},
    /* Page furniture. */
    {"subheader", M_EXACT, W_CONTENT},
    {"subheadline", M_EXACT, W_CONTENT},
    {"header", M_SUB, W_BOILER},
    {"footer", M_SUB, W_BOILER},
    {"masthead", M_SUB, W_BOILER},
    {"sidebar", M_SUB, W_BOILER},
    {"navigation", M_SUB, W_BOILER},
    {"navbar", M_SUB, W_BOILER},
    {"nav", M_PREFIX, W_BOILER},
    {"menu", M_SUB, W_BOILER},
    {"breadcrumb", M_SUB, W_BOILER},
    {"pagination", M_SUB, W_BOILER},
    {"pager", M_SUB, W_BOILER},
    {"paging", M_SUB, W_BOILER},
    {"toolbar", M_SUB, W_BOILER},
    {"widget", M_SUB, W_BOILER},
    {"skip", M_EXACT, W_BOILER},
    {"aside", M_EXACT, W_BOILER},
    {"foot", M_EXACT, W_BOILER},
    /* Banners and dialogs. */
    {"cookie", M_SUB, W_BOILER},
    {"consent", M_SUB, W_BOILER},
    {"gdpr", M_SUB, W_BOILER},
    {"dsgvo", M_SUB, W_BOILER},
    {"privacy", M_SUB, W_BOILER},
    {"popup", M_SUB, W_BOILER},
    {"modal", M_SUB, W_BOILER},
    {"overlay", M_SUB, W_BOILER},
    {"newsletter", M_SUB, W_BOILER},
    {"subscri", M_SUB, W_BOILER},
    {"abonn", M_SUB, W_BOILER},
    {"signup", M_SUB, W_BOILER},
    {"login", M_SUB, W_BOILER},
    /* Sharing, related and promoted content, advertising. */
    {"share", M_SUB, W_BOILER},
    {"sharing", M_SUB, W_BOILER},
    {"social", M_SUB, W_BOILER},
    {"teilen", M_SUB, W_BOILER},
    {"related", M_SUB, W_BOILER},
    {"verwandt", M_SUB, W_BOILER},
    {"recommend", M_SUB, W_BOILER},
    {"empfehl", M_SUB, W_BOILER},
    {"promo", M_SUB, W_BOILER},
    {"sponsor", M_SUB, W_BOILER},
    {"advert", M_SUB, W_BOILER},
    {"werbung", M_SUB, W_BOILER},
    {"anzeige", M_SUB, W_BOILER},
    {"outbrain", M_SUB, W_BOILER},
    {"taboola", M_SUB, W_BOILER},
    {"banner", M_SUB, W_BOILER},
    {"ad", M_EXACT, W_BOILER},
    {"ads", M_EXACT, W_BOILER},
    {"adslot", M_EXACT, W_BOILER},
    /* Article furniture: bylines, dates, captions, tags. */
    {"byline", M_SUB, W_BOILER},
    {"author", M_SUB, W_BOILER},
    {"autor", M_EXACT, W_BOILER},
    {"caption", M_SUB, W_BOILER},
    {"credit", M_SUB, W_BOILER},
    {"copyright", M_SUB, W_BOILER},
    {"tagcloud", M_SUB, W_BOILER},
    {"tags", M_EXACT, W_BOILER},
    {"tag", M_EXACT, W_BOILER},
    {"meta", M_EXACT, W_BOILER},
    {"metadata", M_EXACT, W_BOILER},
    {"date", M_EXACT, W_BOILER},
    {"dateline", M_EXACT, W_BOILER},
    {"datum", M_EXACT, W_BOILER},
    {"rating", M_SUB, W_BOILER},
    {"print", M_EXACT, W_BOILER},
    /* Content. */
    {"articlebody", M_SUB, W_CONTENT},
    {"article", M_SUB, W_CONTENT},
    {"artikel", M_SUB, W_CONTENT},
    {"beitrag", M_SUB, W_CONTENT},
    {"content", M_SUB, W_CONTENT},
    {"inhalt", M_SUB, W_CONTENT},
    {"contenu", M_SUB, W_CONTENT},
    {"contenido", M_SUB, W_CONTENT},
    {"conteudo", M_SUB, W_CONTENT},
    {"testo", M_SUB, W_CONTENT},
    {"entry", M_SUB, W_CONTENT},
    {"story", M_SUB, W_CONTENT},
    {"post", M_PREFIX, W_CONTENT},
    {"body", M_SUB, W_CONTENT},
    {"text", M_SUB, W_CONTENT},
    {"main", M_PREFIX, W_CONTENT},
    {"prose", M_SUB, W_CONTENT},
    {"richtext", M_SUB, W_CONTENT},
    {"rte", M_EXACT, W_CONTENT},
    {"hentry", M_EXACT, W_CONTENT},
    {"blog", M_PREFIX, W_CONTENT},
};

static int rule_matches(const word_rule *r, const char *tok, size_t n)
{
    size_t m = strlen(r->word);
    switch (r->match) {
    case M_EXACT:
        return m == n && memcmp(tok, r->word, n) == 0;
    case M_PREFIX:
        return m <= n && memcmp(tok, r->word, m) == 0;
    default:
        for (size_t i = 0; i + m <= n; i++)
            if (memcmp(tok + i, r->word, m) == 0)
                return 1;
        return 0;
    }
}

static unsigned classify_token(const char *tok, size_t n)
{
    for (size_t i = 0; i < sizeof word_rules / sizeof word_rules[0]; i++)
        if (rule_matches(&word_rules[i], tok, n))
            return word_rules[i].says;
    return 0;
}

static int is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* What the words of one class or id value say, OR-ed; "sr-only" and
 * "sr_only" are read as one word "sronly", camelCase as two words. */
static unsigned classify_value(const char *v)
{
    unsigned says = 0;
    char tok[64];
    size_t n = 0;
    for (const char *p = v;; p++) {
        unsigned char c = (unsigned char)*p;
        int split = !is_alnum(c) || (n > 0 && c >= 'A' && c <= 'Z' && p > v &&
                                     p[-1] >= 'a' && p[-1] <= 'z');
        if (split && n > 0) {
            if (n == 2 && memcmp(tok, "sr", 2) == 0 && (c == '-' || c == '_'))
                continue;
            says |= classify_token(tok, n);
            n = 0;
        }
        if (c == '\0')
            break;
        if (is_alnum(c) && n < sizeof tok)
            tok[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return says;
}

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

void html_classify(html_node *node, const char *const *attrs)
{
    static const char *const boiler_roles[] = {"navigation", "banner", "contentinfo",
                                               "complementary", "menu", "menubar", "search",
                                               "dialog", "alertdialog", "toolbar", "tablist"};
    if (attrs == NULL)
        return;
    unsigned says = 0;
    for (size_t i = 0; attrs[i] != NULL; i += 2) {
        const char *name = attrs[i], *value = attrs[i + 1] != NULL ? attrs[i + 1] : "";
        if (strcmp(name, "class") == 0 || strcmp(name, "id") == 0) {
            says |= classify_value(value);
        } else if (strcmp(name, "role") == 0) {
            if (attr_is(value, "main"))
                node->flags |= NF_MAIN;
            else if (attr_is(value, "article"))
                says |= W_CONTENT;
            for (size_t r = 0; r < sizeof boiler_roles / sizeof boiler_roles[0]; r++)
                if (attr_is(value, boiler_roles[r]))
                    node->flags |= NF_BOILER_ROLE;
        } else if (strcmp(name, "itemprop") == 0) {
            if (attr_is(value, "articlebody") || attr_is(value, "text"))
                node->flags |= NF_ARTICLE_BODY;
        }
    }
    if (says & W_COMMENTS)
        node->flags |= NF_COMMENTS;
    if (says & W_HIDDEN)
        node->flags |= NF_HIDDEN_CLASS;
    if (says & (W_BOILER | W_HIDDEN))
        node->cls = -1;
    else if (says & W_CONTENT)
        node->cls = 1;
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

/* ---- extraction -------------------------------------------------------- */

static precis_status reserve_scratch(html_doc *d)
{
    size_t need = d->node_count > 0 ? d->node_count : 1;
    if (need <= d->scratch_cap)
        return PRECIS_OK;
    float *score = realloc(d->node_score, need * sizeof *score);
    if (score == NULL)
        return PRECIS_ERR_NOMEM;
    d->node_score = score;
    uint32_t *chars = realloc(d->node_chars, need * sizeof *chars);
    if (chars == NULL)
        return PRECIS_ERR_NOMEM;
    d->node_chars = chars;
    uint8_t *drop = realloc(d->node_drop, need * sizeof *drop);
    if (drop == NULL)
        return PRECIS_ERR_NOMEM;
    d->node_drop = drop;
    d->scratch_cap = need;
    return PRECIS_OK;
}

static int is_heading_tag(unsigned tag)
{
    return tag >= TAG_H1 && tag <= TAG_H6;
}

/* Elements that are page furniture by their tag alone. */
static int boiler_tag(unsigned tag)
{
    switch (tag) {
    case TAG_NAV:
    case TAG_FOOTER:
    case TAG_ASIDE:
    case TAG_HEADER:
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
        blk->heading = is_heading_tag(d->nodes[blk->owner].tag);
        blk->keep = 0;
    }
}

/* How much a block weighs for choosing the container: prose counts for
 * its length, links and short fragments against. */
static float block_weight(const html_block *b)
{
    float text = (float)(b->chars - b->link_chars), links = (float)b->link_chars;
    if (b->chars == 0)
        return 0.0f;
    if (b->heading)
        return 0.0f;
    if (links > text)
        return -links - 10.0f;
    if (b->punct > 0 && text >= 40.0f)
        return text - 2.0f * links;
    return -10.0f;
}

precis_status html_extract(html_doc *d, int all)
{
    precis_status st = reserve_scratch(d);
    if (st != PRECIS_OK)
        return st;
    size_t nn = d->node_count;
    d->container = HTML_NONE;
    /* Dropped in every mode: what <head> holds. */
    for (size_t i = 0; i < nn; i++)
        d->node_drop[i] = (d->nodes[i].flags & (NF_IN_HEAD | NF_HIDDEN_CLASS)) != 0 ||
                          (d->nodes[i].parent != HTML_NONE && d->node_drop[d->nodes[i].parent]);
    if (all) {
        block_stats(d);
        for (size_t b = 0; b < d->block_count; b++)
            d->blocks[b].keep = d->blocks[b].chars > 0;
        return PRECIS_OK;
    }
    block_stats(d);

    /* The text each element holds. */
    uint32_t *chars = d->node_chars;
    for (size_t i = 0; i < nn; i++)
        chars[i] = 0;
    for (size_t b = 0; b < d->block_count; b++)
        chars[d->blocks[b].owner] += d->blocks[b].chars;
    for (size_t i = nn; i-- > 0;)
        if (d->nodes[i].parent != HTML_NONE)
            chars[d->nodes[i].parent] += chars[i];
    uint64_t total = 0;
    for (size_t i = 0; i < nn; i++)
        if (d->nodes[i].parent == HTML_NONE)
            total += chars[i];

    /* Boilerplate by markup, inherited down the tree; but an element that
     * holds most of the page is a wrapper whatever its class says. */
    uint8_t *bad = d->node_drop; /* reused below */
    for (size_t i = 0; i < nn; i++) {
        const html_node *n = &d->nodes[i];
        int own = (boiler_tag(n->tag) || (n->flags & (NF_BOILER_ROLE | NF_COMMENTS)) ||
                   n->cls < 0) &&
                  (double)chars[i] < 0.4 * (double)total;
        bad[i] = (uint8_t)(bad[i] | own | (n->parent != HTML_NONE ? bad[n->parent] : 0));
    }

    /* The container: the element whose blocks weigh most. */
    float *score = d->node_score;
    for (size_t i = 0; i < nn; i++)
        score[i] = 0.0f;
    for (size_t b = 0; b < d->block_count; b++) {
        const html_block *blk = &d->blocks[b];
        float w = block_weight(blk);
        if (bad[blk->owner] && w > 0)
            w = -w * 0.5f;
        d->blocks[b].score = w;
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
            s *= 1.2f;
        else if (s > 0 && n->cls > 0)
            s *= 1.1f;
        if (s > best_score) {
            best_score = s;
            best = i;
        }
    }

    /* Inside it: what is not boilerplate by markup, and reads as text. */
    d->container = (uint32_t)best;
    for (size_t i = 0; i < nn; i++)
        d->node_drop[i] = 0;
    if (best == HTML_NONE)
        return PRECIS_OK;
    const html_node *c = &d->nodes[best];
    for (size_t i = best + 1; i < c->end; i++) {
        const html_node *n = &d->nodes[i];
        int own = ((boiler_tag(n->tag) || (n->flags & (NF_BOILER_ROLE | NF_COMMENTS)) ||
                    n->cls < 0) &&
                   (double)chars[i] < 0.5 * (double)chars[best]) ||
                  (n->flags & (NF_HIDDEN_CLASS | NF_IN_HEAD));
        d->node_drop[i] = (uint8_t)(own || (n->parent != best && d->node_drop[n->parent]));
    }
    block_stats(d);
    for (size_t b = 0; b < d->block_count; b++) {
        html_block *blk = &d->blocks[b];
        if (blk->owner < best || blk->owner >= c->end || d->node_drop[blk->owner])
            continue;
        blk->keep = blk->chars > 0 && blk->link_chars * 2 <= blk->chars;
    }
    return PRECIS_OK;
}

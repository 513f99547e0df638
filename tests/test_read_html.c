/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_read_html.c - the web page reader on small pages written for it
 * (tests/data/html): the main text kept and the boilerplate dropped,
 * headings as blocks, title and language, hidden elements, encodings, and
 * the map: every word's and every sentence's range of the page holds
 * exactly that text.
 *
 * usage: test_read_html DATA_DIR           the unit tests
 *        test_read_html --hostile CASE     one hostile page (meson gives
 *                                          each its own process and timeout)
 */
#define _POSIX_C_SOURCE 200809L

#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "encoding.h"
#include "html_doc.h"
#include "read_html.h"

static const char *data_dir = ".";

typedef test_file page;

static page load(const char *name)
{
    return test_load_file(data_dir, name);
}

/* Reads a page in main-text mode into rd. */
static void read_page(precis_html *h, precis_reading *rd, const char *in, size_t len,
                      precis_html_mode mode)
{
    assert_int_equal(precis_read_html(h, rd, in, len, NULL, mode), PRECIS_OK);
    assert_int_equal(strlen(rd->text), rd->len);
}

static int has(const precis_reading *rd, const char *needle)
{
    return strstr(rd->text, needle) != NULL;
}

/* ---- rendering a range of the page ---------------------------------- */

static const struct {
    const char *name;
    const char *utf8;
} entities[] = {
    {"amp", "&"},          {"lt", "<"},           {"gt", ">"},           {"quot", "\""},
    {"nbsp", " "},         {"ldquo", "\xe2\x80\x9c"}, {"rdquo", "\xe2\x80\x9d"},
    {"eacute", "\xc3\xa9"}, {"copy", "\xc2\xa9"},
};

/* Appends the UTF-8 of code point cp to out. */
static size_t put_cp(char *out, long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* What a browser shows of s[0, n) (UTF-8): tags and comments out, the
 * references above decoded, white space (and no-break space, and NUL)
 * folded to one space and trimmed. out needs 4 n + 1 bytes. */
static void render(const char *s, size_t n, char *out)
{
    char *tmp = malloc(4 * n + 1);
    assert_non_null(tmp);
    size_t len = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '<' && i + 1 < n &&
            ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z' ? 1 : s[i + 1] == '/' ||
                                                                       s[i + 1] == '!')) {
            const char *close = memchr(s + i, '>', n - i);
            i = close != NULL ? (size_t)(close - s) + 1 : n;
            tmp[len++] = ' ';
            continue;
        }
        if (s[i] == '&') {
            const char *semi = memchr(s + i, ';', n - i < 12 ? n - i : 12);
            if (semi != NULL) {
                size_t m = (size_t)(semi - s) - i - 1;
                const char *name = s + i + 1;
                if (m > 1 && name[0] == '#') {
                    long cp = name[1] == 'x' ? strtol(name + 2, NULL, 16) : strtol(name + 1, NULL, 10);
                    len += put_cp(tmp + len, cp);
                    i += m + 2;
                    continue;
                }
                int found = 0;
                for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++) {
                    if (strlen(entities[k].name) == m && memcmp(name, entities[k].name, m) == 0) {
                        memcpy(tmp + len, entities[k].utf8, strlen(entities[k].utf8));
                        len += strlen(entities[k].utf8);
                        found = 1;
                    }
                }
                if (found) {
                    i += m + 2;
                    continue;
                }
            }
        }
        if (s[i] == '\0') {
            tmp[len++] = ' ';
            i++;
            continue;
        }
        /* U+00A0 reads as a space. */
        if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            tmp[len++] = ' ';
            i += 2;
            continue;
        }
        tmp[len++] = s[i++];
    }
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        int space = tmp[i] == ' ' || tmp[i] == '\n' || tmp[i] == '\t' || tmp[i] == '\r';
        if (space) {
            if (o > 0 && out[o - 1] != ' ')
                out[o++] = ' ';
        } else {
            out[o++] = tmp[i];
        }
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    free(tmp);
}

/* The clean text clean[start, end) with white space folded (as render). */
static void folded(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\n') {
            if (o > 0 && out[o - 1] != ' ')
                out[o++] = ' ';
        } else if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            if (o > 0 && out[o - 1] != ' ')
                out[o++] = ' ';
            i++;
        } else {
            out[o++] = s[i];
        }
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
}

/* Checks that the page's range for clean[start, end) shows exactly that
 * text, the page being in `charset` (NULL: UTF-8). */
static void check_range(const precis_reading *rd, const page *p, const char *charset,
                        size_t start, size_t end)
{
    size_t s, e;
    precis_reading_input_range(rd, start, end, &s, &e);
    assert_true(s < e && e <= p->len);
    const char *bytes = p->data + s;
    size_t n = e - s;
    precis_decoded d = {0};
    precis_map map = {0};
    if (charset != NULL) {
        precis_decode_opts forced = {charset, 1, 0};
        assert_int_equal(precis_decode(&d, &map, bytes, n, &forced), PRECIS_OK);
        bytes = d.text;
        n = d.len;
    }
    char *shown = malloc(4 * n + 1), *want = malloc(end - start + 1);
    assert_non_null(shown);
    assert_non_null(want);
    render(bytes, n, shown);
    folded(rd->text + start, end - start, want);
    if (strcmp(shown, want) != 0)
        fail_msg("range %zu-%zu of the page shows \"%s\", not \"%s\"", s, e, shown, want);
    free(shown);
    free(want);
    precis_map_free(&map);
    precis_decoded_free(&d);
}

/* Every word and every sentence of the clean text maps to exactly itself. */
static void check_all_ranges(const precis_reading *rd, const page *p, const char *charset)
{
    size_t words = 0, sentences = 0;
    for (size_t b = 0; b < rd->block_count; b++) {
        size_t bs = rd->blocks[b].start, be = rd->blocks[b].end;
        size_t i = bs, sentence = bs;
        while (i < be) {
            while (i < be && rd->text[i] == ' ')
                i++;
            size_t w = i;
            while (i < be && rd->text[i] != ' ' && rd->text[i] != '\n')
                i++;
            if (i > w) {
                check_range(rd, p, charset, w, i);
                words++;
            }
            int ends = i > w && (rd->text[i - 1] == '.' || rd->text[i - 1] == '?' ||
                                 rd->text[i - 1] == '!');
            if ((ends || i >= be) && i > sentence) {
                check_range(rd, p, charset, sentence, i);
                sentences++;
                sentence = i + 1 < be ? i + 1 : be;
            }
            if (i < be)
                i++;
        }
        check_range(rd, p, charset, bs, be);
    }
    assert_true(words > 0 && sentences > 0);
}

/* ---- the tests ------------------------------------------------------- */

static void test_article(void **state)
{
    (void)state;
    page p = load("article.html");
    precis_html *h = NULL;
    assert_int_equal(precis_html_new(&h), PRECIS_OK);
    precis_reading rd = {0};
    read_page(h, &rd, p.data, p.len, PRECIS_HTML_MAIN);

    /* The whole article: first and last paragraphs, list, quotation. */
    assert_true(has(&rd, "The temporary barriers along the river Tame held overnight & the water"));
    assert_true(has(&rd, "within a hand\xe2\x80\x99s width of the top near the mill bridge."));
    assert_true(has(&rd, "Keep sandbags against doors until Friday."));
    assert_true(has(&rd, "Avoid the towpath below the weir."));
    assert_true(has(&rd, "\xe2\x80\x9cWe were lucky this time, but luck is not a plan,\xe2\x80\x9d"));
    assert_true(has(&rd, "a permanent wall along the whole of the lower bank."));
    /* None of the page around it. */
    static const char *const boilerplate[] = {
        "cookies",       "Accept",      "Sport",     "Contact us",   "By Ada Example",
        "Share on",      "Photo:",      "Related",   "River levels", "newsletter",
        "3 comments",    "Great work",  "Why did it", "Most read",   "Festival",
        "All rights",    "Terms of use", "tracking", "color",        "not text",
    };
    for (size_t i = 0; i < sizeof boilerplate / sizeof boilerplate[0]; i++)
        if (has(&rd, boilerplate[i]))
            fail_msg("boilerplate kept: %s", boilerplate[i]);

    /* The subheading is a heading block; the <h1> is the title. */
    int heading = 0;
    for (size_t b = 0; b < rd.block_count; b++) {
        const precis_block *blk = &rd.blocks[b];
        int is = blk->end - blk->start == strlen("What the engineers expect") &&
                 memcmp(rd.text + blk->start, "What the engineers expect", blk->end - blk->start) == 0;
        assert_int_equal(blk->kind, is ? PRECIS_BLOCK_HEADING : PRECIS_BLOCK_TEXT);
        heading += is;
    }
    assert_int_equal(heading, 1);
    assert_string_equal(rd.title, "Flood barriers hold as the Tame peaks");
    assert_string_equal(rd.lang, "en-GB");
    assert_false(strncmp(rd.text, "Flood barriers", 14) == 0);
    /* Paragraphs are separated by blank lines. */
    assert_non_null(strstr(rd.text, "before dawn, the county engineers said on Tuesday.\n\nCrews"));
    check_all_ranges(&rd, &p, NULL);
    assert_string_equal(precis_html_charset(h), "UTF-8");

    /* Every visible block, in the mode that keeps them all; never scripts. */
    read_page(h, &rd, p.data, p.len, PRECIS_HTML_ALL);
    assert_true(has(&rd, "Contact us"));
    assert_true(has(&rd, "Great work by the crews"));
    assert_true(has(&rd, "Avoid the towpath below the weir."));
    assert_false(has(&rd, "not text"));
    assert_false(has(&rd, "color"));
    check_all_ranges(&rd, &p, NULL);

    precis_reading_free(&rd);
    precis_html_free(h);
    precis_html_free(NULL);
    free(p.data);
}

static void test_title_fallbacks(void **state)
{
    (void)state;
    static const char body[] =
        "<p>A paragraph long enough to be kept as the text of this page, and to end properly.</p>"
        "<p>Another paragraph long enough to be kept as the text of this page, which ends here.</p>";
    static const struct {
        const char *head;
        const char *title;
    } cases[] = {
        {"<title>Barriers hold | The Valley Courier</title>", "Barriers hold"},
        {"<title>A long title of the story \xe2\x80\x93 Courier</title>", "A long title of the story"},
        {"<title>Short - A much longer tail than the title</title>",
         "Short - A much longer tail than the title"},
        {"<title> </title><h1>The <em>first</em> heading</h1>", "The first heading"},
        {"<meta property=\"og:title\" content=\"From  Open Graph\"><title>Else</title>",
         "From Open Graph"},
        {"", ""},
    };
    precis_html *h = NULL;
    assert_int_equal(precis_html_new(&h), PRECIS_OK);
    precis_reading rd = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char html[1024];
        int n = snprintf(html, sizeof html, "<html lang=fr><head>%s</head><body>%s</body></html>",
                         cases[i].head, body);
        read_page(h, &rd, html, (size_t)n, PRECIS_HTML_MAIN);
        assert_string_equal(rd.title, cases[i].title);
        assert_string_equal(rd.lang, "fr");
        assert_true(has(&rd, "Another paragraph"));
    }
    precis_reading_free(&rd);
    precis_html_free(h);
}

static void test_hidden(void **state)
{
    (void)state;
    page p = load("hidden.html");
    precis_html *h = NULL;
    assert_int_equal(precis_html_new(&h), PRECIS_OK);
    precis_reading rd = {0};
    for (int mode = 0; mode < 2; mode++) {
        read_page(h, &rd, p.data, p.len, (precis_html_mode)mode);
        assert_true(has(&rd, "This paragraph is visible"));
        assert_true(has(&rd, "A second visible paragraph"));
        static const char *const hidden[] = {"hidden attribute", "assistive", "display",
                                             "visibility", "JavaScript", "clone",
                                             "commented-out"};
        for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
            if (has(&rd, hidden[i]))
                fail_msg("hidden text kept: %s", hidden[i]);
        check_all_ranges(&rd, &p, NULL);
    }
    precis_reading_free(&rd);
    precis_html_free(h);
    free(p.data);
}

/* A phrase classed like boilerplate inside a sentence stays in it (a
 * "newsletter-popup" link); a classed block of its own goes. */
static void test_classed_phrase(void **state)
{
    (void)state;
    static const char page_text[] =
        "<html><body><article><h1>A title for the story</h1>"
        "<p>The council met on Monday and agreed to repair the old bridge before winter. "
        "Read it all in my <a href=\"#\" class=\"newsletter-popup\">weekly letter</a> "
        "about the town, which has covered the bridge since it first closed.</p>"
        "<p>Work starts in May and should take eleven weeks, the engineers said, if the "
        "weather holds.</p><div class=\"share-buttons\">Share this story</div>"
        "</article></body></html>";
    precis_html *h = NULL;
    assert_int_equal(precis_html_new(&h), PRECIS_OK);
    precis_reading rd = {0};
    read_page(h, &rd, page_text, sizeof page_text - 1, PRECIS_HTML_MAIN);
    assert_true(has(&rd, "in my weekly letter about the town"));
    assert_false(has(&rd, "Share this story"));
    precis_reading_free(&rd);
    precis_html_free(h);
}

/* &#128; to &#159; are what the HTML standard says a browser shows: the
 * windows-1252 characters, except the five code points it leaves out. */
static void test_c1_references(void **state)
{
    (void)state;
    static const char page_text[] =
        "<html><body><p>Prices fell (&#150; 0.2 %) and rose &#151; a little &#128;5 &#133; "
        "&#147;quoted&#148;; &#129; stays.</p></body></html>";
    precis_html *h = NULL;
    assert_int_equal(precis_html_new(&h), PRECIS_OK);
    precis_reading rd = {0};
    read_page(h, &rd, page_text, sizeof page_text - 1, PRECIS_HTML_ALL);
    assert_true(has(&rd, "Prices fell (\xe2\x80\x93 0.2 %) and rose \xe2\x80\x94 a little "
                         "\xe2\x82\xac" "5 \xe2\x80\xa6 \xe2\x80\x9cquoted\xe2\x80\x9d; "
                         "\xc2\x81 stays."));
    precis_reading_free(&rd);
    precis_html_free(h);
}

static void test_unclosed_and_nul(void **state)
{
    (void)state;
    precis_html *h = NULL;
    assert_int_equal(precis_html_new(&h), PRECIS_OK);
    precis_reading rd = {0};
    page p = load("unclosed.html");
    read_page(h, &rd, p.data, p.len, PRECIS_HTML_MAIN);
    assert_true(has(&rd, "The first paragraph is never closed, and the parser must end it when "
                         "the next one starts.\n\nThe second paragraph"));
    assert_true(has(&rd, "bold text that is never closed, and italic too."));
    assert_true(has(&rd, "The third paragraph comes after"));
    assert_true(has(&rd, "A division that is never closed either"));
    assert_true(has(&rd, "A table cell of prose"));
    check_all_ranges(&rd, &p, NULL);
    free(p.data);

    p = load("nul.html");
    read_page(h, &rd, p.data, p.len, PRECIS_HTML_MAIN);
    assert_int_equal(rd.block_count, 3);
    assert_true(has(&rd, "A paragraph whose tag holds a NUL byte"));
    assert_true(has(&rd, "Another paragraph with a NUL inside its text"));
    assert_true(has(&rd, "And one more block after a broken tag name"));
    check_all_ranges(&rd, &p, NULL);
    free(p.data);
    precis_reading_free(&rd);
    precis_html_free(h);
}

static void test_encodings(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        const char *charset; /* what the page is read as */
        const char *text;    /* a passage of its text */
    } cases[] = {
        {"cp1252.html", "windows-1252",
         "Die Br\xc3\xbc" "cke \xc3\xbc" "ber die Ruhr ist f\xc3\xbcr Fahrzeuge \xc3\xbc" "ber 3,5 "
         "Tonnen gesperrt \xe2\x80\x93 das gilt ab Montag."},
        {"utf16le.html", "UTF-16LE", "Notenschl\xc3\xbcssel-Figur."},
        {"sjis.html", "Shift_JIS",
         "\xe5\xb7\x9d\xe3\x81\xae\xe6\xb0\xb4\xe4\xbd\x8d\xe3\x81\xaf"},
        {"latin1_undeclared.html", "windows-1252", "Die B\xc3\xbcrgermeisterin k\xc3\xbcndigte an"},
    };
    precis_html *h = NULL;
    assert_int_equal(precis_html_new(&h), PRECIS_OK);
    precis_reading rd = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        page p = load(cases[i].file);
        read_page(h, &rd, p.data, p.len, PRECIS_HTML_MAIN);
        assert_string_equal(precis_html_charset(h), cases[i].charset);
        if (!has(&rd, cases[i].text))
            fail_msg("%s: \"%s\" not in \"%s\"", cases[i].file, cases[i].text, rd.text);
        if (strcmp(cases[i].file, "sjis.html") != 0)
            check_all_ranges(&rd, &p, cases[i].charset);
        free(p.data);
    }
    precis_reading_free(&rd);
    precis_html_free(h);
}

static void test_not_html(void **state)
{
    (void)state;
    /* A PNG's signature and some of its binary data. */
    char png[4096] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    uint32_t seed = 7;
    for (size_t i = 16; i < sizeof png; i++) {
        seed = seed * 1664525u + 1013904223u;
        png[i] = (char)(seed >> 24);
    }
    precis_html *h = NULL;
    assert_int_equal(precis_html_new(&h), PRECIS_OK);
    precis_reading rd = {0};
    read_page(h, &rd, png, sizeof png, PRECIS_HTML_ALL);
    assert_int_equal(rd.len, 0);
    /* Nothing at all, and plain text without markup. */
    read_page(h, &rd, "", 0, PRECIS_HTML_MAIN);
    assert_int_equal(rd.len, 0);
    const char text[] = "Just a sentence of plain text, with no markup around it at all.";
    read_page(h, &rd, text, sizeof text - 1, PRECIS_HTML_ALL);
    assert_string_equal(rd.text, text);
    precis_reading_free(&rd);
    precis_html_free(h);
}

/* Deeper than the reader keeps elements: the text stays. */
static void test_deep_nesting(void **state)
{
    (void)state;
    const char *sentence = "<p>Deep inside the nesting there is a paragraph of real prose, with "
                           "commas, and a full stop.</p>";
    size_t depth = 3000, n = 0;
    char *html = malloc(depth * 11 + 256);
    assert_non_null(html);
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(html + n, "<div>");
    n += (size_t)sprintf(html + n, "%s", sentence);
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(html + n, "</div>");
    precis_html *h = NULL;
    assert_int_equal(precis_html_new(&h), PRECIS_OK);
    precis_reading rd = {0};
    read_page(h, &rd, html, n, PRECIS_HTML_MAIN);
    assert_true(has(&rd, "Deep inside the nesting there is a paragraph of real prose"));
    page p = {html, n};
    check_all_ranges(&rd, &p, NULL);
    precis_reading_free(&rd);
    precis_html_free(h);
    free(html);
}

/* The same reader gives the same result on a page, whatever it read
 * before. */
static void test_reuse(void **state)
{
    (void)state;
    page a = load("article.html"), b = load("cp1252.html");
    precis_html *h = NULL;
    assert_int_equal(precis_html_new(&h), PRECIS_OK);
    precis_reading first = {0}, again = {0};
    read_page(h, &first, a.data, a.len, PRECIS_HTML_MAIN);
    read_page(h, &again, b.data, b.len, PRECIS_HTML_MAIN);
    read_page(h, &again, a.data, a.len, PRECIS_HTML_MAIN);
    assert_string_equal(first.text, again.text);
    assert_string_equal(first.title, again.title);
    assert_int_equal(first.block_count, again.block_count);
    precis_reading_free(&first);
    precis_reading_free(&again);
    precis_html_free(h);
    free(a.data);
    free(b.data);
}

static void test_class_words(void **state)
{
    (void)state;
    static const struct {
        const char *cls;
        int sign;       /* of node.cls */
        uint16_t flags; /* NF_ flags expected */
    } cases[] = {
        {"article-body", 1, 0},
        {"post hentry tag-politics category-news", 1, 0},
        {"comments-area", -1, NF_COMMENTS},
        {"sr-only", 0, NF_HIDDEN_CLASS},
        {"mainNavigation", -1, 0},
        {"site-footer", -1, 0},
        {"commentary", 1, 0},
        {"wrapper", 0, 0},
        {"", 0, 0},
    };
    html_doc *d = calloc(1, sizeof *d);
    assert_non_null(d);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        html_attrs attrs = {cases[i].cls, NULL, NULL, NULL};
        html_node n = {0};
        html_classify(d, &n, &attrs);
        assert_int_equal((n.cls > 0) - (n.cls < 0), cases[i].sign);
        assert_int_equal(n.flags & (NF_COMMENTS | NF_HIDDEN_CLASS), cases[i].flags);
    }
    html_attrs roles = {NULL, "x", "navigation", NULL};
    html_node n = {0};
    html_classify(d, &n, &roles);
    assert_true(n.flags & NF_BOILER_ROLE);
    free(d);
}

static void test_jsonld(void **state)
{
    (void)state;
    html_doc *d = calloc(1, sizeof *d);
    assert_non_null(d);
    const char json[] = "{\"@type\":\"NewsArchive\",\"headline\":\"x\",\"articleBody\" : "
                        "\"Caf\\u00e9 \\\"quoted\\\"\\n\\nnext \\ud834\\udd1e line\"}";
    assert_int_equal(html_jsonld_article_body(d, json, sizeof json - 1), PRECIS_OK);
    assert_int_equal(d->article_body_len, strlen("Caf\xc3\xa9 \"quoted\" next \xf0\x9d\x84\x9e line"));
    assert_memory_equal(d->article_body, "Caf\xc3\xa9 \"quoted\" next \xf0\x9d\x84\x9e line",
                        d->article_body_len);
    /* A shorter one later does not replace it; broken JSON is ignored. */
    const char other[] = "{\"articleBody\":\"short\"} {\"articleBody\":\"unterminated \\u12";
    assert_int_equal(html_jsonld_article_body(d, other, sizeof other - 1), PRECIS_OK);
    assert_memory_equal(d->article_body, "Caf\xc3\xa9", 4);
    free(d->article_body);
    free(d);
}

/* ---- hostile pages ---------------------------------------------------- */

#define PROSE "<p>A paragraph of prose in a hostile page, long enough to be kept as text.</p>"

/* Builds hostile page `name`; returns 0 for an unknown name. */
static int hostile_page(const char *name, test_bytes *b)
{
    test_bytes_add(b, "<html><body>", 12);
    if (strcmp(name, "nested_1m") == 0) {
        test_bytes_repeat(b, "<div>", 1000000);
        test_bytes_repeat(b, PROSE, 1);
        test_bytes_repeat(b, "</div>", 1000000);
    } else if (strcmp(name, "unclosed_1m") == 0) {
        test_bytes_repeat(b, "<div><span>", 1000000);
        test_bytes_repeat(b, PROSE, 1);
    } else if (strcmp(name, "one_line_50mb") == 0) {
        while (b->len < 50u << 20)
            test_bytes_repeat(b, PROSE, 1);
    } else if (strcmp(name, "attribute_10mb") == 0) {
        test_bytes_add(b, "<div class=\"", 12);
        for (size_t i = 0; i < 10u << 20; i += 4)
            test_bytes_add(b, "aaaa", 4);
        test_bytes_add(b, "\">", 2);
        test_bytes_repeat(b, PROSE, 2);
        test_bytes_add(b, "</div>", 6);
    } else if (strcmp(name, "attributes_100k") == 0) {
        test_bytes_add(b, "<div", 4);
        test_bytes_repeat(b, " a=1", 100000);
        test_bytes_add(b, ">", 1);
        test_bytes_repeat(b, PROSE, 2);
    } else if (strcmp(name, "stray_end_tags") == 0) {
        test_bytes_repeat(b, "<div>", 200000);
        test_bytes_repeat(b, PROSE, 1);
        test_bytes_repeat(b, "</span>", 1000000);
    } else if (strcmp(name, "entities_10mb") == 0) {
        test_bytes_add(b, "<p>", 3);
        while (b->len < 10u << 20)
            test_bytes_repeat(b, "&amp;&#x41;&nosuch;&#99999999;& ", 1);
    } else {
        return 0;
    }
    test_bytes_add(b, "</body></html>", 14);
    return 1;
}

#define MB ((size_t)1 << 20)
#define HOSTILE_PEAK_RSS (1024 * MB)

static int run_hostile(const char *name)
{
    test_bytes b = {NULL, 0, 0};
    if (!hostile_page(name, &b)) {
        fprintf(stderr, "no hostile page %s\n", name);
        return 2;
    }
    precis_html *h = NULL;
    precis_reading rd = {0};
    if (precis_html_new(&h) != PRECIS_OK)
        return 1;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    precis_status st = precis_read_html(h, &rd, b.data, b.len, NULL, PRECIS_HTML_MAIN);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    size_t peak = (size_t)usage.ru_maxrss * 1024;
    printf("%-18s %9zu bytes -> %9zu clean bytes, %s, %.2f s, peak RSS %zu MB\n", name, b.len,
           rd.len, precis_status_str(st), (double)(t1.tv_sec - t0.tv_sec) +
                                              (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
           peak / MB);
    /* Text where there is prose to read, or a status; never a crash. */
    int ok = st != PRECIS_OK || strcmp(name, "entities_10mb") == 0 ||
             strstr(rd.text, "A paragraph of prose in a hostile page") != NULL;
    ok = ok && peak < HOSTILE_PEAK_RSS;
    precis_reading_free(&rd);
    precis_html_free(h);
    free(b.data);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--hostile") == 0)
        return run_hostile(argv[2]);
    if (argc == 2)
        data_dir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article),
        cmocka_unit_test(test_title_fallbacks),
        cmocka_unit_test(test_hidden),
        cmocka_unit_test(test_classed_phrase),
        cmocka_unit_test(test_c1_references),
        cmocka_unit_test(test_unclosed_and_nul),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_not_html),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_reuse),
        cmocka_unit_test(test_class_words),
        cmocka_unit_test(test_jsonld),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

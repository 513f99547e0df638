/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_read_text.c - the plain-text reader: text that needs nothing is
 * borrowed; page furniture and page breaks are dropped; line-end
 * hyphenation is undone or kept by the document's own words, the
 * language's compound lists and the shape of the halves; and every word
 * of the clean text maps back to its bytes in the input.
 */
#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "read_text.h"

typedef struct fixture {
    precis_reading rd;
    precis_text_reader r;
} fixture;

static void read_as(fixture *f, const char *code, const char *text)
{
    f->r.keys.seed = 42;
    assert_int_equal(precis_read_text(&f->rd, &f->r, text, strlen(text), precis_lang_find(code)),
                     PRECIS_OK);
}

static void release(fixture *f)
{
    precis_reading_free(&f->rd);
    precis_text_reader_free(&f->r);
}

/* The clean text of text, read in language code. */
static void expect_clean(const char *code, const char *text, const char *clean)
{
    fixture f = {0};
    read_as(&f, code, text);
    if (f.rd.len != strlen(clean) || memcmp(f.rd.text, clean, f.rd.len) != 0) {
        print_error("text [%s]\n  want [%s]\n  got  [%.*s]\n", text, clean, (int)f.rd.len,
                    f.rd.text);
        fail();
    }
    release(&f);
}

/* The input range that the first occurrence of needle in the clean text
 * covers. */
static void input_range(const fixture *f, const char *needle, size_t *s, size_t *e)
{
    const char *at = strstr(f->rd.text, needle);
    assert_non_null(at);
    size_t start = (size_t)(at - f->rd.text);
    precis_reading_input_range(&f->rd, start, start + strlen(needle), s, e);
}

static void test_plain_text_is_borrowed(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "",
        "One line without a break.",
        "The river rose.\n\nFamilies left their homes.\n",
        "A well-known fact - and a dash -\nat the end of a line.\n",
        "Hard-wrapped text goes on\nfrom one line to the next\nwithout hyphens.\n",
    };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        fixture f = {0};
        read_as(&f, "en", texts[k]);
        assert_true(f.rd.borrowed);
        assert_ptr_equal(f.rd.text, texts[k]);
        assert_int_equal(f.rd.len, strlen(texts[k]));
        release(&f);
    }
}

static void test_hyphenation(void **state)
{
    (void)state;
    /* Rejoined, the line break moves after the word. */
    expect_clean("en", "the climate mod-\nels of the past were simple\n",
                 "the climate models\nof the past were simple\n");
    /* The document writes the word elsewhere, whole or hyphenated. */
    expect_clean("en", "A re-\nsearch team. The research was new.\n",
                 "A research\nteam. The research was new.\n");
    expect_clean("en", "A long-\nhaul flight. Long-haul flights are long.\n",
                 "A long-haul\nflight. Long-haul flights are long.\n");
    /* With no evidence: compounds by the language's lists, numbers,
     * capitals and single letters keep the hyphen; other words join. */
    expect_clean("en", "a self-\nreliant town\n", "a self-reliant\ntown\n");
    expect_clean("en", "a London-\nbased firm\n", "a London-based\nfirm\n");
    expect_clean("en", "in the Anglo-\nSaxon world\n", "in the Anglo-Saxon\nworld\n");
    expect_clean("en", "from 2004-\n2005 on\n", "from 2004-2005\non\n");
    expect_clean("en", "send an e-\nmail now\n", "send an e-mail\nnow\n");
    expect_clean("en", "it was antici-\npated by all\n", "it was anticipated\nby all\n");
    expect_clean("fr", "un demi-\nfrère est venu\n", "un demi-frère\nest venu\n");
    /* A word alone on its line keeps the line break after it. */
    expect_clean("en", "climate mod-\nels.\nNext line.\n", "climate models.\nNext line.\n");
    /* A blank line ends the paragraph: the hyphen is a dash there. */
    expect_clean("en", "see the list below: pre-\n\nfixed items\n", "see the list below: pre-\n\nfixed items\n");
}

static void test_hyphenation_maps(void **state)
{
    (void)state;
    const char *text = "the climate mod-\n   els of the past\n";
    fixture f = {0};
    read_as(&f, "en", text);
    assert_false(f.rd.borrowed);
    size_t s, e;
    input_range(&f, "models", &s, &e);
    assert_int_equal(s, 12);
    assert_int_equal(e, 23); /* "mod-\n   els" */
    input_range(&f, "the climate", &s, &e);
    assert_int_equal(s, 0);
    assert_int_equal(e, 11);
    input_range(&f, "of the past", &s, &e);
    assert_int_equal(s, 24);
    assert_int_equal(e, 35);
    release(&f);
}

static void test_page_breaks(void **state)
{
    (void)state;
    /* A page break inside a sentence joins it again; after one, it ends
     * the paragraph. Page numbers beside the break go. */
    expect_clean("en", "The river rose\n\n12\n\fand the town flooded.\n",
                 "The river rose\nand the town flooded.\n");
    expect_clean("en", "The river rose.\n\n- 3 -\n\fThe town flooded.\n",
                 "The river rose.\n\nThe town flooded.\n");
    /* A word cut at the page break. */
    expect_clean("en", "The river was antici-\n\n             7\n\fpated by all.\n",
                 "The river was anticipated\nby all.\n");
    /* Lines are found eight bytes at a time: the same at every offset. */
    for (int shift = 0; shift < 9; shift++) {
        char text[160], clean[160];
        snprintf(text, sizeof text, "The %.*sriver rose\n\n12\n\fand the town flooded.\n", shift,
                 "abcdefghi");
        snprintf(clean, sizeof clean, "The %.*sriver rose\nand the town flooded.\n", shift,
                 "abcdefghi");
        expect_clean("en", text, clean);
    }
}

/* Three pages of wrapped text with a running header and footer. */
static char *paginated(const char *header, const char *footer)
{
    static const char body[] = "The committee met on Monday and talked for a long time\n"
                               "about the budget of the town and the roads that need\n"
                               "repairs before the winter comes to the valley again\n";
    size_t cap = 4096, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    for (int page = 1; page <= 3; page++) {
        len += (size_t)snprintf(out + len, cap - len, header, page);
        len += (size_t)snprintf(out + len, cap - len, "\n");
        for (int k = 0; k < 3; k++)
            len += (size_t)snprintf(out + len, cap - len, "%s", body);
        len += (size_t)snprintf(out + len, cap - len, "\n");
        len += (size_t)snprintf(out + len, cap - len, footer, page);
        len += (size_t)snprintf(out + len, cap - len, "\n%s", page < 3 ? "\f" : "");
    }
    return out;
}

static void expect_no(const char *text, const char *gone)
{
    fixture f = {0};
    read_as(&f, "en", text);
    assert_false(f.rd.borrowed);
    if (strstr(f.rd.text, gone) != NULL) {
        print_error("[%s] is still in [%.*s]\n", gone, (int)f.rd.len, f.rd.text);
        fail();
    }
    assert_non_null(strstr(f.rd.text, "The committee"));
    release(&f);
}

static void test_running_headers_and_footers(void **state)
{
    (void)state;
    char *text = paginated("Journal of Field Studies 12 (2020) 14%d-156", "Page %d of 3");
    expect_no(text, "Journal");
    expect_no(text, "Page");
    free(text);
    text = paginated("%d Silva et al.", "- %d -");
    expect_no(text, "Silva");
    free(text);
    /* What browsers print: a date and a time before the title, the
     * address and the page count below. */
    text = paginated("7/1%d/2008, 09:41 Budget talks in the valley",
                     "https://www.example.org/news/15848 %d/3");
    expect_no(text, "09:41");
    expect_no(text, "https");
    free(text);
}

static void test_not_furniture(void **state)
{
    (void)state;
    /* Repeated lines closer than a page, repeated sentences and numbers
     * inside the text stay. */
    const char *texts[] = {
        "Chorus line here\nThe band played on.\nChorus line here\nThe band played on.\n",
        ("He said no.\n\nShe waited a long time for the train that evening.\n\n"
         "They waited.\nWe waited.\nYou waited.\nI waited.\n\nHe said no.\n"),
        "The score was\n12\nto nothing at the end of the game.\n",
    };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        fixture f = {0};
        read_as(&f, "en", texts[k]);
        assert_true(f.rd.borrowed);
        release(&f);
    }
}

static void test_furniture_maps(void **state)
{
    (void)state;
    /* The sentence that a page break interrupts covers the furniture in
     * its input range; its clean text does not. */
    const char *text = "The river rose\n\n3\n\fand the town flooded.\n";
    fixture f = {0};
    read_as(&f, "en", text);
    size_t s, e;
    input_range(&f, "The river rose\nand the town flooded.", &s, &e);
    assert_int_equal(s, 0);
    assert_int_equal(e, strlen(text) - 1);
    input_range(&f, "and the town", &s, &e);
    assert_int_equal(s, 19);
    release(&f);
}

/* Counting words eight bytes at a time gives the count of a byte-by-byte
 * scan, capped alike, on random lines of words, every blank and the bytes
 * next to them ('\n', '\f', '\x08', '\x0e', '!'), bytes past ASCII that
 * hide a blank in their low bits (0xA0, 0x89, 0x8B) and others, at every
 * offset and cap. */
static void test_count_words_random(void **state)
{
    (void)state;
    static const char alphabet[] = "ab9 \t\r\v\n\f\x08\x0e!\xa0\x89\x8b\xc3\xa9";
    uint64_t seed = 12;
    char buf[128];
    for (int round = 0; round < 20000; round++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t len = (size_t)(seed >> 33) % 100, off = (size_t)(seed >> 60) % 8;
        size_t cap = (size_t)(seed >> 20) % 16;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t pick = (size_t)(seed >> 33) % (sizeof alphabet - 1);
            /* words of a few letters between blanks */
            if ((seed >> 45) % 4 != 0)
                pick %= 4;
            buf[off + i] = alphabet[pick];
        }
        size_t want = 0;
        int in_word = 0;
        for (size_t i = 0; i < len && want <= cap; i++) {
            unsigned char c = (unsigned char)buf[off + i];
            int blank = c == ' ' || c == '\t' || c == '\r' || c == '\v';
            want += !blank && !in_word;
            in_word = !blank;
        }
        assert_int_equal(precis_text_count_words(buf + off, len, cap), want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text_is_borrowed),
        cmocka_unit_test(test_hyphenation),
        cmocka_unit_test(test_hyphenation_maps),
        cmocka_unit_test(test_page_breaks),
        cmocka_unit_test(test_running_headers_and_footers),
        cmocka_unit_test(test_not_furniture),
        cmocka_unit_test(test_furniture_maps),
        cmocka_unit_test(test_count_words_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_reader.c - the clean text that readers build: separators folded and
 * never doubled, blocks, metadata, and the map back to the input through
 * verbatim runs, decoded units, separators and a second (decoding) map.
 */
#include "test_helpers.h"

#include <string.h>

#include "reader.h"

/* The source range of clean[start, end) where that text is the first
 * occurrence of `needle` in the clean text. */
static void range_of(const precis_reading *rd, const char *needle, size_t *s, size_t *e)
{
    const char *at = strstr(rd->text, needle);
    assert_non_null(at);
    size_t start = (size_t)(at - rd->text);
    precis_reading_input_range(rd, start, start + strlen(needle), s, e);
}

static void test_copy_folds_and_maps(void **state)
{
    (void)state;
    /* As a web page gives it: text runs between tags. */
    const char *src = "<p>  The river\n  flooded.</p><p>Rescue &amp; relief</p>";
    precis_reading rd = {0};
    precis_reading_reset(&rd);
    assert_int_equal(precis_reading_copy(&rd, src, 3, 22), PRECIS_OK);
    assert_int_equal(precis_reading_end_block(&rd, PRECIS_BLOCK_TEXT), PRECIS_OK);
    assert_int_equal(precis_reading_copy(&rd, src, 32, 7), PRECIS_OK);
    assert_int_equal(precis_reading_put(&rd, "&", 1, 39, 5), PRECIS_OK);
    assert_int_equal(precis_reading_copy(&rd, src, 44, 7), PRECIS_OK);
    assert_int_equal(precis_reading_end_block(&rd, PRECIS_BLOCK_HEADING), PRECIS_OK);
    assert_int_equal(precis_reading_finish(&rd), PRECIS_OK);

    assert_string_equal(rd.text, "The river flooded.\n\nRescue & relief");
    assert_int_equal(rd.len, strlen(rd.text));
    assert_int_equal(rd.block_count, 2);
    assert_int_equal(rd.blocks[0].start, 0);
    assert_int_equal(rd.blocks[0].end, 18);
    assert_int_equal(rd.blocks[0].kind, PRECIS_BLOCK_TEXT);
    assert_int_equal(rd.blocks[1].start, 20);
    assert_int_equal(rd.blocks[1].kind, PRECIS_BLOCK_HEADING);

    size_t s, e;
    range_of(&rd, "The river flooded.", &s, &e);
    assert_int_equal(s, 5);
    assert_int_equal(e, 25);
    range_of(&rd, "river", &s, &e);
    assert_memory_equal(src + s, "river", 5);
    assert_int_equal(e - s, 5);
    /* A range that starts or ends on a decoded unit covers all of it. */
    range_of(&rd, "& relief", &s, &e);
    assert_int_equal(s, 39);
    assert_memory_equal(src + e - 6, "relief", 6);
    range_of(&rd, "Rescue &", &s, &e);
    assert_int_equal(s, 32);
    assert_int_equal(e, 44);
    /* The whole clean text covers both paragraphs, markup between. */
    precis_reading_input_range(&rd, 0, rd.len, &s, &e);
    assert_int_equal(s, 5);
    assert_int_equal(e, 51);
    precis_reading_free(&rd);
}

static void test_separators(void **state)
{
    (void)state;
    const char *src = "a b c d";
    precis_reading rd = {0};
    precis_reading_reset(&rd);
    /* Nothing leads: separators owed before any text are dropped. */
    precis_reading_line_break(&rd);
    assert_int_equal(precis_reading_end_block(&rd, PRECIS_BLOCK_TEXT), PRECIS_OK);
    assert_int_equal(rd.block_count, 0);
    assert_int_equal(precis_reading_copy(&rd, src, 0, 1), PRECIS_OK);
    /* The strongest separator owed wins, once. */
    precis_reading_space(&rd);
    precis_reading_line_break(&rd);
    precis_reading_space(&rd);
    assert_int_equal(precis_reading_copy(&rd, src, 2, 1), PRECIS_OK);
    /* Adjacent runs join without a separator. */
    assert_int_equal(precis_reading_copy(&rd, src, 4, 1), PRECIS_OK);
    assert_int_equal(precis_reading_end_block(&rd, PRECIS_BLOCK_TEXT), PRECIS_OK);
    precis_reading_line_break(&rd);
    assert_int_equal(precis_reading_copy(&rd, src, 6, 1), PRECIS_OK);
    /* Nothing trails. */
    precis_reading_line_break(&rd);
    assert_int_equal(precis_reading_finish(&rd), PRECIS_OK);
    assert_string_equal(rd.text, "a\nbc\n\nd");
    assert_int_equal(rd.block_count, 2);
    assert_int_equal(rd.blocks[1].start, 6);
    assert_int_equal(rd.blocks[1].end, 7);
    precis_reading_free(&rd);
}

static void test_unicode_space_and_metadata(void **state)
{
    (void)state;
    /* U+00A0 (no-break space) and U+2003 (em space) are white space. */
    const char *src = "one\xC2\xA0two\xE2\x80\x83three";
    precis_reading rd = {0};
    precis_reading_reset(&rd);
    assert_int_equal(precis_reading_copy(&rd, src, 0, strlen(src)), PRECIS_OK);
    assert_int_equal(precis_reading_put(&rd, "\xC2\xA0", 2, 0, 6), PRECIS_OK);
    assert_int_equal(precis_reading_finish(&rd), PRECIS_OK);
    assert_string_equal(rd.text, "one two three");

    precis_reading_set_title(&rd, "  A \n river\t floods  ", 21);
    assert_string_equal(rd.title, "A river floods");
    precis_reading_set_lang(&rd, "en-GB", 5);
    assert_string_equal(rd.lang, "en-GB");
    /* Cut at a character boundary, never inside a sequence. */
    char longer[PRECIS_TITLE_MAX + 8];
    memset(longer, 'x', sizeof longer);
    memcpy(longer + PRECIS_TITLE_MAX - 1, "\xC3\xA9", 2);
    precis_reading_set_title(&rd, longer, sizeof longer);
    assert_int_equal(strlen(rd.title), PRECIS_TITLE_MAX - 1);

    /* reset empties everything for the next document. */
    precis_reading_reset(&rd);
    assert_int_equal(rd.len, 0);
    assert_string_equal(rd.title, "");
    assert_int_equal(rd.block_count, 0);
    precis_reading_free(&rd);
}

static void test_borrowed_is_identity(void **state)
{
    (void)state;
    const char *src = "  Plain text. As given.";
    precis_reading rd = {0};
    precis_reading_borrow(&rd, src, strlen(src));
    assert_ptr_equal(rd.text, src);
    assert_int_equal(precis_reading_finish(&rd), PRECIS_OK);
    size_t s, e;
    precis_reading_input_range(&rd, 2, 14, &s, &e);
    assert_int_equal(s, 2);
    assert_int_equal(e, 14);
    precis_reading_free(&rd);
}

static void test_two_maps_compose(void **state)
{
    (void)state;
    /* windows-1252 "caf\xE9 noir" decoded to UTF-8 "café noir" (the é is
     * one input byte, two decoded ones), then read as text. */
    const char decoded[] = "caf\xC3\xA9 noir";
    precis_reading rd = {0};
    precis_reading_reset(&rd);
    assert_int_equal(precis_map_add(&rd.decode, 0, 3, 0, 3), PRECIS_OK);
    assert_int_equal(precis_map_add(&rd.decode, 3, 2, 3, 1), PRECIS_OK);
    assert_int_equal(precis_map_add(&rd.decode, 5, 5, 4, 5), PRECIS_OK);
    assert_int_equal(precis_reading_copy(&rd, decoded, 0, strlen(decoded)), PRECIS_OK);
    assert_int_equal(precis_reading_finish(&rd), PRECIS_OK);
    size_t s, e;
    range_of(&rd, "noir", &s, &e);
    assert_int_equal(s, 5);
    assert_int_equal(e, 9);
    range_of(&rd, "caf\xC3\xA9", &s, &e);
    assert_int_equal(s, 0);
    assert_int_equal(e, 4);
    precis_reading_free(&rd);
}

static void test_map_merges_and_splits(void **state)
{
    (void)state;
    precis_map map = {0};
    assert_int_equal(precis_map_add(&map, 0, 4, 10, 4), PRECIS_OK);
    assert_int_equal(precis_map_add(&map, 4, 4, 14, 4), PRECIS_OK);
    assert_int_equal(map.count, 1);
    assert_int_equal(precis_map_add(&map, 8, 1, 20, 6), PRECIS_OK);
    assert_int_equal(map.count, 2);
    assert_int_equal(precis_map_add(&map, 9, 0, 26, 3), PRECIS_OK);
    assert_int_equal(map.count, 2);
    size_t s, e;
    precis_map_range(&map, 2, 9, &s, &e);
    assert_int_equal(s, 12);
    assert_int_equal(e, 26);
    precis_map_free(&map);
    precis_map_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copy_folds_and_maps),
        cmocka_unit_test(test_separators),
        cmocka_unit_test(test_unicode_space_and_metadata),
        cmocka_unit_test(test_borrowed_is_identity),
        cmocka_unit_test(test_two_maps_compose),
        cmocka_unit_test(test_map_merges_and_splits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

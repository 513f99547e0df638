/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_highlight.c - the whole document with its summary marked
 * (highlight.c): terminal escapes, Markdown, a standalone HTML page, a web
 * page marked in place (UTF-8, a legacy encoding, UTF-16), and failures.
 */
#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "precis.h"

static const char plain[] = "The river *flooded* the town after three days of rain. "
                            "Rescue teams moved <families> & pets to the school.\n"
                            "The rain stopped on Friday and the river fell \033[31m.";

/* The summary of text[0, len) of n sentences, query-focused when query
 * is not NULL, read as from says, highlighted in style. The caller frees
 * the string. */
static char *highlight_as(precis_input_format from, const char *text, size_t len, size_t n,
                          const char *query, precis_highlight style)
{
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_format(ctx, from), PRECIS_OK);
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, (double)n), PRECIS_OK);
    if (query != NULL)
        assert_int_equal(precis_ctx_set_query(ctx, query, strlen(query)), PRECIS_OK);
    precis_result *res;
    assert_int_equal(precis_summarize(ctx, text, len, &res), PRECIS_OK);
    precis_buffer *buf = test_buffer();
    assert_int_equal(precis_render_highlight(res, text, len, style, "doc <1>", buf), PRECIS_OK);
    size_t out_len = precis_buffer_length(buf);
    char *out = malloc(out_len + 1);
    assert_non_null(out);
    memcpy(out, precis_buffer_data(buf), out_len + 1);
    precis_buffer_free(buf);
    precis_result_free(res);
    precis_ctx_free(ctx);
    return out;
}

static char *highlight(const char *text, size_t len, size_t n, const char *query,
                       precis_highlight style)
{
    return highlight_as(PRECIS_FROM_AUTO, text, len, n, query, style);
}

static void terminal(void **state)
{
    (void)state;
    char *out = highlight(plain, strlen(plain), 1, "Friday rain stopped", PRECIS_HIGHLIGHT_ANSI);
    assert_string_equal(out, "The river *flooded* the town after three days of rain. Rescue "
                             "teams moved <families> & pets to the school.\n"
                             "\033[30;43mThe rain stopped on Friday and the river fell "
                             "\xEF\xBF\xBD[31m.\033[0m\n");
    free(out);
}

static void markdown(void **state)
{
    (void)state;
    char *out = highlight(plain, strlen(plain), 1, "river flooded the town",
                          PRECIS_HIGHLIGHT_MARKDOWN);
    assert_true(strncmp(out, "**The river \\*flooded\\* the town after three days of rain.** "
                             "Rescue teams moved \\<families\\> \\& pets to the school.\n"
                             "The rain stopped",
                        121) == 0);
    free(out);
}

static void standalone_page(void **state)
{
    (void)state;
    char *out = highlight(plain, strlen(plain), 1, "rescue teams families pets",
                          PRECIS_HIGHLIGHT_HTML);
    assert_true(strncmp(out, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
    assert_non_null(strstr(out, "<title>doc &lt;1&gt;</title>"));
    assert_non_null(strstr(out, "<mark>Rescue teams moved &lt;families&gt; &amp; pets to the "
                                "school.</mark>"));
    assert_null(strstr(out, "\033"));
    assert_true(strcmp(out + strlen(out) - 8, "</html>\n") == 0);
    free(out);
}

static const char page[] =
    "<!DOCTYPE html><html lang=\"en\"><head><title>Floods</title>"
    "<script>var s = \"<p>not text</p>\";</script></head><body>"
    "<p>The river flooded the <b>old town</b> after three days of rain.</p>"
    "<p>Rescue teams moved families to the school.</p>"
    "<p>The rain stopped on Friday and the river fell.</p></body></html>";

/* A web page is marked in place: the page's own bytes, a <mark> in each
 * run of text of the chosen sentence, nested inside the page's elements. */
static void page_in_place(void **state)
{
    (void)state;
    char *out = highlight(page, strlen(page), 1, "flooded old town", PRECIS_HIGHLIGHT_HTML);
    assert_non_null(strstr(out, "<p><mark>The river flooded the </mark><b><mark>old "
                                "town</mark></b><mark> after three days of rain.</mark></p>"));
    assert_non_null(strstr(out, "<script>var s = \"<p>not text</p>\";</script>"));
    /* Everything else is the page as it was. */
    size_t len = strlen(out);
    assert_true(len > strlen(page));
    assert_true(strncmp(out, page, 100) == 0);
    free(out);
}

/* A page in windows-1252 keeps its bytes; a page in UTF-16 cannot take
 * ASCII marks and becomes a standalone UTF-8 page. */
static void page_encodings(void **state)
{
    (void)state;
    static const char latin[] = "<html><head><meta charset=\"windows-1252\"></head><body>"
                                "<p>Die Br\xFC"
                                "cke \xFC"
                                "ber die Ruhr ist gesperrt, das gilt ab Montag. Die Stadt "
                                "erwartet Umwege von etwa 12 Kilometern.</p></body></html>";
    char *out = highlight(latin, sizeof latin - 1, 1, "Br\xC3\xBC" "cke gesperrt",
                          PRECIS_HIGHLIGHT_HTML);
    assert_non_null(strstr(out, "<p><mark>Die Br\xFC"
                                "cke \xFC"
                                "ber die Ruhr ist gesperrt, das gilt ab Montag.</mark> Die"));
    free(out);

    static const char ascii_page[] = "<html><body><p>Die Stadt erwartet Umwege von etwa "
                                     "zwanzig Kilometern ab Montag. Die alte Bruecke ist "
                                     "fuer schwere Fahrzeuge gesperrt.</p></body></html>";
    size_t n = sizeof ascii_page - 1, wide_len = 2 + 2 * n;
    char *wide = malloc(wide_len);
    assert_non_null(wide);
    wide[0] = '\xFF';
    wide[1] = '\xFE';
    for (size_t i = 0; i < n; i++) {
        wide[2 + 2 * i] = ascii_page[i];
        wide[3 + 2 * i] = '\0';
    }
    out = highlight_as(PRECIS_FROM_HTML, wide, wide_len, 1, "Umwege Kilometern",
                       PRECIS_HIGHLIGHT_HTML);
    assert_true(strncmp(out, "<!DOCTYPE html>\n", 16) == 0);
    assert_non_null(strstr(out, "<body><mark>Die Stadt erwartet Umwege von etwa zwanzig "
                                "Kilometern ab Montag.</mark> Die alte"));
    free(out);
    free(wide);
}

static void failures(void **state)
{
    (void)state;
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    precis_result *res;
    assert_int_equal(precis_summarize(ctx, plain, strlen(plain), &res), PRECIS_OK);
    precis_buffer *buf = test_buffer();
    assert_int_equal(precis_render(res, plain, strlen(plain), PRECIS_FORMAT_TEXT, NULL, buf),
                     PRECIS_OK);
    size_t kept = precis_buffer_length(buf);
    assert_int_equal(precis_render_highlight(res, plain, strlen(plain), (precis_highlight)7,
                                             NULL, buf),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_render_highlight(NULL, plain, strlen(plain), PRECIS_HIGHLIGHT_ANSI,
                                             NULL, buf),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_buffer_length(buf), kept);
    precis_buffer_free(buf);
    precis_result_free(res);
    precis_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(terminal),
        cmocka_unit_test(markdown),
        cmocka_unit_test(standalone_page),
        cmocka_unit_test(page_in_place),
        cmocka_unit_test(page_encodings),
        cmocka_unit_test(failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read_html.h - the web page reader: the main text of a page, without its
 * markup and its boilerplate (navigation, headers and footers, cookie
 * banners, share bars, related links, comments, captions), as a
 * precis_reading whose map leads every clean byte back to the page's own
 * bytes.
 *
 * The page's bytes are decoded first (encoding.h: byte order mark, the
 * caller's charset, <meta>, detection), then parsed by libxml2's HTML
 * parser in SAX mode into a compact array of elements and text runs, each
 * run with its exact byte range in the page. Main-content extraction
 * scores the blocks and their containers on text density, link density,
 * punctuation and the page's own signals (<article>, <main>, itemprop,
 * JSON-LD articleBody, class and id words), and keeps the article's
 * blocks: paragraphs, list items, quotations, tables of prose, and its
 * headings as PRECIS_BLOCK_HEADING.
 *
 * Metadata: rd->title is og:title, else <title> without a trailing " | Site
 * name", else the first <h1>; rd->lang is <html lang>.
 *
 * A precis_html holds the scratch memory of one reader and is reused from
 * page to page; one per thread (libxml2 parser contexts are per call, and
 * the library's own global state is only its one-time initialisation).
 * Nothing is printed: libxml2's errors go to a handler of the parser
 * context that drops them.
 */
#ifndef PRECIS_READ_HTML_H
#define PRECIS_READ_HTML_H

#include <stddef.h>

#include "precis.h"
#include "reader.h"

typedef struct precis_html precis_html;

/* What precis_read_html keeps. */
typedef enum precis_html_mode {
    PRECIS_HTML_MAIN = 0, /* the main content only (the default) */
    PRECIS_HTML_ALL       /* every visible text block of the page */
} precis_html_mode;

/* Creates a reader; free it with precis_html_free (NULL is a no-op). */
precis_status precis_html_new(precis_html **out);
void precis_html_free(precis_html *html);

/* Reads the page in[0, len) (any encoding; need not be NUL-terminated)
 * into rd, which is reset first. charset is the one the transport gave
 * (an HTTP Content-Type parameter) or NULL. rd's text, blocks, title and
 * language are the page's; precis_reading_input_range gives ranges of
 * in. Returns PRECIS_ERR_NOMEM, or PRECIS_ERR_TOO_LARGE for a page of
 * 2 GB or more (libxml2 takes an int length); a page that is not HTML at
 * all yields little or no text, not an error. rd stays owned by the
 * caller; its text is valid until it is reset or freed. */
precis_status precis_read_html(precis_html *html, precis_reading *rd, const char *in, size_t len,
                               const char *charset, precis_html_mode mode);

/* The charset the last page was read as ("UTF-8", "windows-1252"). */
const char *precis_html_charset(const precis_html *html);

/* Whether ASCII markup can go into the last page's bytes as they are (its
 * encoding keeps ASCII as ASCII: UTF-8, windows-1252, Shift_JIS... but
 * not UTF-16). */
int precis_html_ascii(const precis_html *html);

#endif

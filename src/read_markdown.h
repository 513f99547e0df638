/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read_markdown.h - the Markdown reader: the prose of a CommonMark (GitHub
 * flavoured) document, as a precis_reading whose map leads every clean
 * byte back to the document's own bytes.
 *
 * The bytes are decoded first (encoding.h), then parsed by md4c, whose
 * text callbacks point into the text they parse, so every run of text
 * maps back exactly. YAML ("---") or TOML ("+++") front matter is skipped
 * and its title kept. Headings become PRECIS_BLOCK_HEADING; paragraphs,
 * list items and quotations become text blocks; emphasis, code spans and
 * links reduce to their text. Not text: fenced and indented code, tables,
 * HTML blocks and inline HTML, images (badges included), link reference
 * definitions, thematic breaks, and a block whose words are all link
 * labels or code (a table of contents, a row of links, a command).
 *
 * Metadata: rd->title is the front matter's title, else the first
 * heading.
 *
 * A precis_markdown holds the scratch memory of one reader and is reused
 * from document to document; one per thread (md4c keeps no global state).
 */
#ifndef PRECIS_READ_MARKDOWN_H
#define PRECIS_READ_MARKDOWN_H

#include <stddef.h>

#include "precis.h"
#include "reader.h"

typedef struct precis_markdown precis_markdown;

/* Creates a reader; free it with precis_markdown_free (NULL is a no-op). */
precis_status precis_markdown_new(precis_markdown **out);
void precis_markdown_free(precis_markdown *md);

/* Reads the document in[0, len) (need not be NUL-terminated) into rd,
 * which is reset first. charset is the encoding to read it in (NULL:
 * UTF-8 unless a byte order mark or the bytes say otherwise) and forced
 * says it is the user's own (see precis_decode). precis_reading_input_range
 * gives ranges of in. Returns PRECIS_ERR_NOMEM, PRECIS_ERR_TOO_LARGE for
 * a document of 4 GB or more (md4c takes an unsigned length), or
 * PRECIS_ERR_ARGUMENT for a forced charset no converter knows, or
 * PRECIS_ERR_FORMAT when md4c cannot be loaded (libmd4c.so.0, loaded with
 * dlopen on first use, is not installed). */
precis_status precis_read_markdown(precis_markdown *md, precis_reading *rd, const char *in,
                                   size_t len, const char *charset, int forced);

/* Whether data[0, len) looks like a Markdown document: front matter, or
 * headings together with other Markdown structure (fences, links, tables,
 * emphasis, more headings) in its first 64 KB. */
int precis_looks_like_markdown(const char *data, size_t len);

#endif

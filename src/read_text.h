/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read_text.h - the reader of plain text: text as exported from PDF
 * files, word processors and terminals made into the text that the
 * splitter reads, with a map back to the input.
 *
 * Three things are undone, where recognisable:
 * - page furniture: running headers and footers (a short line that
 *   recurs, digits aside, at least PAGE_GAP_LINES lines apart, such as
 *   "Journal of Field Studies 12 (2020) 144-156" or "7/14/2008, 09:41
 *   High fuel prices"), page numbers ("12", "- 3 -", "Page 2 of 9") on a
 *   line of their own beside a blank line or a page break, running heads
 *   of papers ("145 Silva et al."), and form feeds. A page break inside a
 *   sentence joins its two halves again; one after a sentence ends the
 *   paragraph;
 * - end-of-line hyphenation: "mod-" + "els" becomes "models" when the
 *   document writes the joined word elsewhere, or writes neither form and
 *   the halves are no compound; the hyphen stays ("well-" + "known") when
 *   the document writes the hyphenated form at least as often as the
 *   joined one, when a half is a number, a capitalised word, a single
 *   letter, or a word that the language's phrase list says starts or ends
 *   compounds (stopwords/CODE.phrases: compound-first, compound-last);
 *   the line break moves to the end of the rejoined word, so that lines
 *   keep their widths;
 * - nothing else: line breaks, blank lines and white space are kept as
 *   they are, for the splitter to read.
 *
 * Text that needs none of this (most text) is not copied: the reading
 * borrows the input. The cost is one pass over the lines, hashing the
 * short ones; a text of more than a million lines is read as it is, and
 * no more than 65536 hyphens are undone, which bounds time and memory.
 */
#ifndef PRECIS_READ_TEXT_H
#define PRECIS_READ_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "fold.h"
#include "precis.h"
#include "reader.h"
#include "strtab.h"

/* A line of the input: its content text[start, start + len), white
 * space trimmed at the end (leading white space is kept), and what
 * precedes it. */
typedef struct precis_text_line {
    size_t start;
    size_t len;
    uint32_t flags; /* TEXT_LINE_* of read_text.c */
} precis_text_line;

/* A line-end hyphenation: the halves text[first, first_end) before the
 * hyphen and text[second, second_end) at the start of the next line. */
typedef struct precis_hyphenation {
    size_t first, first_end;
    size_t second, second_end;
    uint32_t joined;     /* ids in the key table of the joined and the */
    uint32_t hyphenated; /* hyphenated form */
    int keep;            /* the decision: 1 keeps the hyphen */
} precis_hyphenation;

/* Scratch memory of the text reader, held by the caller (a context) and
 * reused from document to document; zero-initialise, set the key table's
 * seed, release with precis_text_reader_free. */
typedef struct precis_text_reader {
    precis_text_line *lines;
    size_t line_count, lines_cap;
    precis_strtab keys;    /* short lines' normalised forms, then word forms */
    size_t *key_count;     /* per key: occurrences */
    size_t *key_last;      /* per key: the line it was last seen on */
    size_t *key_gap;       /* per key: recurrences closer than a page to the one before */
    size_t key_count_cap, key_last_cap, key_gap_cap;
    uint32_t *line_key;    /* per line: its key + 1, 0 for none */
    size_t line_key_cap;
    precis_hyphenation *hyphens;
    size_t hyphen_count, hyphens_cap;
    char *norm;            /* scratch: a normalised line */
    size_t norm_cap;
    precis_folder folder;
} precis_text_reader;

void precis_text_reader_free(precis_text_reader *r);

/* The number of words separated by blanks (' ', '\t', '\r', '\v') in
 * s[0, len), or cap + 1 when there are more than cap. */
size_t precis_text_count_words(const char *s, size_t len, size_t cap);

/* Reads the plain text text[0, len), in language lang (an index into
 * precis_languages), into rd (reset first): borrowed when nothing needs
 * undoing, otherwise a copy with its map. */
precis_status precis_read_text(precis_reading *rd, precis_text_reader *r, const char *text,
                               size_t len, int lang);

#endif

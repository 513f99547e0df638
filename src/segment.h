/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * segment.h - the sentence splitter: text in, sentence byte ranges out.
 *
 * The splitter reads each byte once, in one forward pass that measures the
 * lines and marks the bytes where a sentence may end or a quotation or an
 * aside open or close; what follows reads the lines, then the marked bytes
 * in order (and a few bytes around a terminator). It
 * decides which line breaks end a sentence on their own: a blank line
 * always does; a single line break does in text whose lines are
 * paragraphs, before a list item, and after a heading, and folds into a
 * space in hard-wrapped text. Then it finds sentence ends at the marked
 * terminators (. ! ? … and the terminators of other scripts) inside each
 * run of joined lines, using the
 * language's abbreviations and stopwords to tell "U.S. Government" from
 * "the U.S. The". A quotation or a bracketed aside is never cut inside: a
 * terminator in it ends a sentence only when the closing mark follows it
 * and a new sentence starts after that. Inline lists ("1) a 2) b",
 * "• a • b") break before each item.
 */
#ifndef PRECIS_SEGMENT_H
#define PRECIS_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

#include "fold.h"
#include "precis.h"

enum {
    PRECIS_SPAN_HEADING = 1u << 0,         /* a line of its own without final punctuation */
    PRECIS_SPAN_PARAGRAPH_START = 1u << 1, /* first sentence of a paragraph */
    PRECIS_SPAN_DATELINE = 1u << 2         /* the dateline that opens a paragraph of news
                                              ("NEW YORK (AP) --", "London (CNN)"), split
                                              off the sentence it opens */
};

/* How a text uses letter case. A text with hardly a capital (lower-cased
 * transcripts, chat logs, PubMed full texts) or hardly a small letter
 * (wire copy in capitals) cannot be split on capitals: the splitter then
 * reads what follows a terminator differently (see precis_segment). */
enum {
    PRECIS_CASE_MIXED = 0,
    PRECIS_CASE_LOWER, /* at most 1% of the letters that have a case are capitals */
    PRECIS_CASE_UPPER  /* at most 1% of them are small letters */
};

/* A sentence: text[start, end), trimmed of surrounding white space. */
typedef struct precis_span {
    size_t start;
    size_t end;
    uint32_t flags;
} precis_span;

typedef struct precis_line {
    size_t start;   /* first byte of the trimmed content */
    size_t end;     /* one past the last byte of the trimmed content */
    uint32_t width; /* code points of the content */
    uint32_t words; /* white-space separated words, counted up to 255 */
    uint8_t blank;
    uint8_t hard_after; /* a form feed or paragraph separator ends it */
    uint8_t has_terminator;
    uint8_t title; /* a section title on a line of its own ("2.1 Methods", "References") */
} precis_line;

/* A quotation or bracketed aside: the bytes of its opening and closing
 * marks. Terminators inside one do not end the sentence around it. */
typedef struct precis_enclosure {
    size_t open;
    size_t close;
} precis_enclosure;

/* Scratch memory the splitter reuses between calls; zero-initialise,
 * release with precis_segmenter_free. spans holds the result of the last
 * call. */
typedef struct precis_segmenter {
    precis_span *spans;
    size_t count;
    size_t cap;
    precis_line *lines;
    size_t lines_cap;
    precis_enclosure *enclosures;
    size_t enclosures_cap;
    uint64_t *marks; /* a bit a byte of the text: set where the scans stop */
    size_t marks_cap;
    precis_folder folder;
    int letter_case; /* PRECIS_CASE_* of the last text split */
} precis_segmenter;

void precis_segmenter_free(precis_segmenter *seg);

/* How far the splitter reads words around a terminator, in bytes. */
#define PRECIS_LOOK_LIMIT 64

/* A word the splitter reads: text[start, end). */
typedef struct precis_word_ref {
    size_t start;
    size_t end;
    int truncated; /* longer than PRECIS_LOOK_LIMIT: treated as an ordinary word */
    int plain;     /* known to be ASCII without '.' or '\'' */
} precis_word_ref;

/* The white-space delimited token of text[floor, end) that ends at end,
 * without leading opening brackets or quotes. */
precis_word_ref precis_word_before(const char *text, size_t floor, size_t end);

/* Splits text[0, len) into sentences with the rules of language lang (an
 * index into precis_languages); the result is seg->spans[0, seg->count), in
 * order, non-overlapping, each holding at least one letter or digit. */
precis_status precis_segment(precis_segmenter *seg, const char *text, size_t len, int lang);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * phrases.h - lines that make structure rather than content, recognised
 * with the phrase lists of stopwords/CODE.phrases (lang.h): section
 * titles, with or without a section number, and the keys under which
 * phrases are looked up. Shared by the splitter (a title line ends the
 * sentence before and after it) and the prior (titles, labels, letters).
 */
#ifndef PRECIS_PHRASES_H
#define PRECIS_PHRASES_H

#include <stddef.h>

#include "fold.h"
#include "lang.h"

/* A line longer than this is no title, label or greeting: its phrase is
 * not looked up. */
#define PRECIS_PHRASE_MAX_BYTES 96

/* A section title has at most this many words after its number
 * ("Declaration of competing interest"). */
#define PRECIS_TITLE_MAX_WORDS 8

/* A phrase key: text as the lists write their phrases (white-space runs
 * made one space, trimmed, NFKC case folded, typographic apostrophes made
 * '). Folding can lengthen text (ß is ss), hence the room. */
typedef struct precis_phrase_key {
    char bytes[4 * PRECIS_PHRASE_MAX_BYTES + 1];
    size_t len;
} precis_phrase_key;

/* Makes the key of s[0, len) with folder's scratch; 0 when the text is
 * longer than PRECIS_PHRASE_MAX_BYTES (or cannot be folded). */
int precis_phrase_key_make(precis_folder *folder, const char *s, size_t len,
                           precis_phrase_key *key);

/* The length of the longest phrase of class cls (language lang or
 * English) that opens the key and ends where a word of it ends; 0 when
 * none does. */
size_t precis_phrase_prefix(const precis_phrase_key *key, int lang, precis_phrase_class cls);

/* The length of the section number that opens s[0, len) ("2.1 ", "2.1. ",
 * "3 ", "II. ", "A. "; at most four parts of one or two digits), the
 * spaces after it included; 0 when there is none. */
size_t precis_section_number_length(const char *s, size_t len);

/* What a line is as a title of the lists. */
enum {
    PRECIS_TITLE_NONE = 0,
    PRECIS_TITLE_SECTION, /* a structural section title ("Methods", "2.1 methods") */
    PRECIS_TITLE_BACK     /* one that opens back matter ("References", "See also") */
};

/* The title kind of s[0, len) ("References", "2.1 Methods", "Abstract.",
 * "FUNDING:"): its words after a section number, without a final period
 * or colon, are a section title of the lists. */
int precis_title_kind(precis_folder *folder, int lang, const char *s, size_t len);

#endif

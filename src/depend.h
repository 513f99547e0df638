/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * depend.h - sentences that cannot stand alone, and junk lines.
 *
 * A sentence leans on the one before it when its opening refers back (a
 * pronoun, a demonstrative, a connective: the words of the language's
 * CODE.deps, each counting only where its class says), when it begins
 * inside a quotation or is a quotation with no speaker, when it names the
 * speaker of a quotation with a pronoun, or when it starts with a word in
 * lower case (a piece the splitter cut). A junk line is a promotion, a
 * link label or a credit (the phrases of CODE.junk, and of en.junk in
 * every language), a title left in running text, a lead-in that ends with
 * a colon, a line that is only a date or a time, or a remainder with no
 * words. No parsing: a few table lookups on the first words and one pass
 * over the sentence. bench/readability implements the same rule from the
 * same files, to check this one against.
 */
#ifndef PRECIS_DEPEND_H
#define PRECIS_DEPEND_H

#include <stddef.h>
#include <stdint.h>

#include "anchor.h"
#include "fold.h"
#include "precis.h"

/* Why a sentence leans on the one before. */
typedef enum precis_dependency {
    PRECIS_DEPENDENCY_NONE,
    PRECIS_DEPENDENCY_OPENER,      /* "He said", "However,", "On Monday, they" */
    PRECIS_DEPENDENCY_QUOTE,       /* 'burned everything," she said.' */
    PRECIS_DEPENDENCY_SPEAKER,     /* '"...," he said.' */
    PRECIS_DEPENDENCY_CONTINUATION /* "took the win for Russia." */
} precis_dependency;

/* Why a sentence is junk. */
typedef enum precis_junk {
    PRECIS_JUNK_NONE,
    PRECIS_JUNK_EMPTY,     /* no letter or digit */
    PRECIS_JUNK_REMAINDER, /* opens with , ; : ) or ] */
    PRECIS_JUNK_LEAD_IN,   /* ends with a colon */
    PRECIS_JUNK_TITLE,     /* a short line ending with " ." */
    PRECIS_JUNK_PROMO,     /* a phrase of CODE.junk */
    PRECIS_JUNK_DATE       /* only numbers and date words */
} precis_junk;

/* How many punctuation bytes that begin a phrase the eight-byte scan of
 * junk phrases looks for. */
#define PRECIS_DEPEND_PUNCT 4

/* The bits of the filter of the first three bytes of anywhere phrases. */
#define PRECIS_DEPEND_TRIGRAM_BITS 4096

/* What the junk checks know of the phrases of a set of languages. */
typedef struct precis_depend_phrases {
    /* The languages whose phrases the fields below describe, 0 before
     * they are learnt: their anywhere phrases (indices in
     * precis_junk_phrases, in its order; those that begin with byte c are
     * anywhere[anywhere_from[c], anywhere_from[c + 1])), and the longest
     * phrase of all in bytes, so that none is worked out again for every
     * sentence. */
    uint64_t langs;
    unsigned char ascii_class[256]; /* per byte: 1 where an ASCII letter or
                                     * digit begins some of them folded,
                                     * 2 where a byte is not ASCII, 4
                                     * where ASCII punctuation begins some */
    /* The ASCII punctuation bytes of class 4, the first
     * PRECIS_DEPEND_PUNCT of them: the eight-byte scan looks for them
     * beside the word starts (and is not used where there are more). */
    unsigned char punct_first[PRECIS_DEPEND_PUNCT];
    unsigned punct_count;
    uint16_t *anywhere;
    size_t anywhere_cap;
    uint16_t anywhere_from[257];
    /* Per first byte c of an anywhere phrase: a bit (by the low six bits)
     * for each second byte of those phrases, every bit where one is a
     * single byte. */
    uint64_t anywhere_second[256];
    /* The same for the start and line phrases of those languages. */
    uint64_t opening_second[256];
    /* Of those: the bits of the second bytes of the phrases shorter than
     * three bytes (every bit for one of one byte), by first byte; and a
     * bit (by trigram_bit) for the first three bytes of each other. */
    uint64_t opening_short[256];
    uint64_t opening_trigram[PRECIS_DEPEND_TRIGRAM_BITS / 64];
    /* A bit (by a hash) for the first three bytes of each anywhere phrase
     * of those languages, as the ASCII text that holds it folds them
     * (with each white space byte where the third is a space); every bit
     * where one is shorter than three bytes or has a space before its
     * third. */
    uint64_t anywhere_trigram[PRECIS_DEPEND_TRIGRAM_BITS / 64];
    size_t phrase_longest;
    /* The anchors of those anywhere phrases: an ASCII sentence without
     * any holds none of them, and is not read word by word for them; nor
     * is another sentence without any where every phrase has an anchor
     * (anywhere_anchored) and the sentence's code points past ASCII fold
     * to none (precis_fold_nonascii). */
    precis_anchors anywhere_anchors;
    int anywhere_anchored;
    size_t anywhere_spaces; /* the most spaces in one of those phrases */
} precis_depend_phrases;

/* Scratch memory of the detectors, held by the caller and reused;
 * zero-initialise, release with precis_depend_free. */
typedef struct precis_depend {
    precis_folder folder;
    char *cores;        /* the cores of the first words, joined with spaces */
    size_t *core_start; /* per word: its core's range in cores */
    size_t *core_end;
    size_t cores_folded; /* the first words whose cores are in cores */
    size_t words_ascii;  /* the first words read as ASCII (the others as any text) */
    int words_more;      /* whether more words may follow those read */
    char *head;         /* folded text (junk phrases) */
    char *whole;
    size_t cores_cap, core_start_cap, core_end_cap, head_cap, whole_cap;
    /* The phrases of the last two sets of languages asked for (documents
     * in two languages often come in turn), phrases[phrases_now] those of
     * the last; each allocated on first use (NULL before), so that a
     * context that sees one set of languages, as a process per document
     * does, never clears the other's 12 KB. */
    precis_depend_phrases *phrases[2];
    unsigned phrases_now;
} precis_depend;

void precis_depend_free(precis_depend *d);

/* The text in which junk phrases are looked for: s[start, end) word by
 * word, words being what lies between white space code points, each
 * folded (fold.h) with its apostrophes made "'" and the white space its
 * fold holds made one space (none at its ends), the words joined with one
 * space; a word too long to be part of a phrase becomes U+FFFD, which no
 * phrase holds. Stops after the word that makes the folded text at least
 * enough bytes long. Into (*buf)[0, *used], NUL-terminated, *buf of *cap
 * bytes grown as needed (the caller frees it). */
precis_status precis_depend_fold_words(precis_depend *d, char **buf, size_t *cap, size_t *used,
                                       const char *s, size_t start, size_t end, size_t enough);

/* Whether s[start, end), a sentence of a document in language lang
 * trimmed of white space, holds a phrase of CODE.junk or en.junk that
 * marks a line wherever it stands, in its fold (precis_depend_fold_words)
 * from a word's start (anywhere when it begins with punctuation): in
 * *yes. anchored as for precis_junk_of_anchored, of s[start, end) or of
 * the sentence around it. */
precis_status precis_depend_holds_anywhere(precis_depend *d, int lang, const char *s, size_t start,
                                          size_t end, int anchored, int *yes);

/* The hash of key[0, len) that the filters of precis_dep_filters (lang.h)
 * hold: its first and last 8 bytes (low byte first) and its length,
 * mixed, as tools/gen_langdata.py computes it (apart for its test). */
uint64_t precis_depend_filter_hash(const char *key, size_t len);

/* The quote marks of s[start, len): a mark opens when white space, the
 * start, an opening bracket or a dash is before it and a letter, digit or
 * quote after it; it closes in the opposite case; otherwise it takes its
 * usual role. */
typedef struct precis_quote_marks {
    int any, first_opens;
    size_t first;     /* the first mark's offset */
    int closes;       /* whether one closes */
    size_t close_end; /* just past the first closing mark */
} precis_quote_marks;

/* The quote marks of s[start, len), up to the first that closes (the
 * dependency check's; apart for its test). */
precis_quote_marks precis_find_quotes(const char *s, size_t len, size_t start);

/* Why the sentence s[0, len) of a document in language lang (an index
 * into precis_languages, or PRECIS_LANG_UND: no markers) leans on the
 * sentence before it, in *why. */
precis_status precis_dependency_of(precis_depend *d, int lang, const char *s, size_t len,
                                   precis_dependency *why);

/* Why the sentence s[0, len) of a document in language lang is junk, in
 * *why. */
precis_status precis_junk_of(precis_depend *d, int lang, const char *s, size_t len,
                             precis_junk *why);

/* The anchor filter (anchor.h) of the phrases of CODE.junk and en.junk
 * that mark a line wherever they stand, for a document in language lang;
 * held by d until the second call after it (of this function or of
 * precis_junk_of) for a document in another language. NULL when out of
 * memory. */
const precis_anchors *precis_depend_anywhere_anchors(precis_depend *d, int lang);

/* precis_junk_of, where the caller knows what precis_anchors_may_hold of
 * that filter (precis_depend_anywhere_anchors of lang) says of s[0, len):
 * anchored. */
precis_status precis_junk_of_anchored(precis_depend *d, int lang, const char *s, size_t len,
                                      int anchored, precis_junk *why);

#endif

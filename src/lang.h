/*
 * lang.h - the built-in languages: their stopwords, abbreviations and
 * stemmer names (compiled from stopwords/ into langdata.c), and language
 * detection. All of it is read-only and shared by every context.
 */
#ifndef PRECIS_LANG_H
#define PRECIS_LANG_H

#include <stddef.h>
#include <stdint.h>

#include "fold.h"

typedef struct precis_language {
    const char *code;    /* ISO 639-1 */
    const char *name;    /* English name */
    const char *stemmer; /* libstemmer algorithm, NULL when there is none */
} precis_language;

/* One slot of a compiled hash table: a word and two bit masks with a bit
 * per language (for stopwords: a = stopword; for abbreviations: a = may end
 * a sentence, b = always precedes a name or number). */
typedef struct precis_lex_entry {
    const char *word;
    uint32_t len;
    uint64_t a;
    uint64_t b;
} precis_lex_entry;

typedef struct precis_lex_table {
    const precis_lex_entry *slots;
    size_t mask; /* slot count - 1, a power of two minus one */
} precis_lex_table;

extern const precis_language precis_languages[];
extern const size_t precis_language_total;
extern const precis_lex_table precis_stopwords;
extern const precis_lex_table precis_abbreviations;

/* Index of the language with this code, or -1. */
int precis_lang_find(const char *code);

/* The entry for word[0, len) in table, or NULL. */
const precis_lex_entry *precis_lex_lookup(const precis_lex_table *table, const char *word,
                                          size_t len);

/* Whether the folded word is a stopword of language lang. */
int precis_is_stopword(int lang, const char *folded, size_t len);

/* Abbreviation classes of word[0, len) (as written, without its period). */
enum { PRECIS_ABBREV_NONE = 0, PRECIS_ABBREV_MAY_END = 1, PRECIS_ABBREV_PREFIX = 2 };
int precis_abbrev_class(int lang, const char *word, size_t len);

/* Guesses the language of text[0, len) from stopword evidence in its
 * first words and stores its index in *lang; English when nothing points
 * elsewhere. */
precis_status precis_lang_detect(const char *text, size_t len, precis_folder *folder, int *lang);

#endif

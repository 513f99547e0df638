/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tokenize.h - sentences to terms.
 *
 * A word (words.h) is folded (NFKC + case folding), dropped when it is a
 * stopword of the language or a single character, and stemmed with the
 * language's Snowball stemmer. Scripts written without spaces (Chinese,
 * Japanese, Thai, ...) give overlapping character bigrams instead.
 *
 * Terms are numbered in a vocabulary that lives as long as the context:
 * every token is a term id, and a memo of word -> stopword languages and
 * term saves the folding, lexicon lookups and stemming of every word seen
 * before, which cost more than the rest of the pipeline together, for
 * language detection as for the tokenizer. The vocabulary is emptied
 * between documents once it grows past a bound, which changes the speed,
 * never the terms.
 *
 * The tokenizer also measures each sentence for the length budgets: words
 * (white-space separated runs; each character of an unspaced script counts
 * as one) and characters (code points once white space runs are folded to
 * one space).
 */
#ifndef PRECIS_TOKENIZE_H
#define PRECIS_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "fold.h"
#include "lang.h"
#include "memo.h"
#include "precis.h"
#include "segment.h"
#include "stem.h"
#include "strtab.h"

/* Words longer than this many bytes are not made terms: no language has
 * them, and stemming them would only cost time. */
#define PRECIS_MAX_TERM_BYTES 100

/* The vocabulary is emptied before a document once it holds more terms
 * or words than this. */
#define PRECIS_VOCAB_MAX_ENTRIES ((size_t)1 << 17)

typedef struct precis_sentence_terms {
    size_t first; /* index of the sentence's first token */
    size_t words; /* length in words, as budgets count them */
    size_t chars; /* length in code points, as budgets count them */
} precis_sentence_terms;

/* What the word behind a token looks like (bits), for callers that weigh
 * names and numbers. */
enum {
    PRECIS_WORD_CAPITAL = 1u << 0, /* its first character is upper case (Lu, Lt) */
    PRECIS_WORD_DIGIT = 1u << 1,   /* it holds a digit (Nd) */
    PRECIS_WORD_FIRST = 1u << 2    /* it is the first word of its sentence */
};

/* Where a token comes from: the bytes of its word (of its character pair
 * in unspaced scripts) and the word's shape. */
typedef struct precis_token_word {
    size_t start, end;
    unsigned shape; /* PRECIS_WORD_CAPITAL, _DIGIT, _FIRST */
} precis_token_word;

/* A word that language detection looked up in the memo, and where it
 * found it, so that the tokenizer finds it there again without hashing
 * or probing: a hint, checked against the slot before use. */
typedef struct precis_detected_word {
    size_t start;  /* its first byte in the detected text */
    uint16_t len;  /* its length in bytes (PRECIS_MAX_TERM_BYTES at most) */
    uint8_t ascii; /* it is made of ASCII letters and digits alone */
    uint32_t slot; /* precis_memo_slot_of its entry */
} precis_detected_word;

/* Terms, and words already turned into terms. */
typedef struct precis_vocab {
    precis_strtab terms; /* term bytes -> term id */
    precis_memo words;   /* word bytes -> what the tokenizer learnt of them */
} precis_vocab;

/* The tokens of a document, held by the caller and reused between calls;
 * zero-initialise, release with precis_tokens_free. The tokens of
 * sentence i are ids[sents[i].first, sents[i + 1].first). With
 * record_words set (by the caller, before tokenizing), words[k] says where
 * token k comes from. */
typedef struct precis_tokens {
    uint32_t *ids; /* the term id of every token, in order */
    size_t count, ids_cap;
    int record_words;
    precis_token_word *words; /* count entries when record_words is set */
    size_t words_cap;
    precis_sentence_terms *sents; /* sentences + 1 entries */
    size_t sents_cap;
    precis_folder folder;
    precis_vocab vocab;
    /* The words of the last detection (precis_tokens_detect) in the memo,
     * in the order of the text, until the next precis_tokenize of that
     * text. */
    const char *detected_text;
    precis_detected_word detected[PRECIS_LANG_DETECT_WORDS];
    size_t detected_count;
    size_t detected_next; /* the first of them the tokenizer has not passed */
} precis_tokens;

void precis_tokens_free(precis_tokens *tok);

/* Seeds the hash tables of the vocabulary (precis_strtab). */
void precis_tokens_seed(precis_tokens *tok, uint64_t seed);

/* Empties the vocabulary when it is over its bound. Every term id given
 * before is then void: call it between documents, never while ids are in
 * use. */
void precis_tokens_trim(precis_tokens *tok);

/* Tokenizes the n sentences spans[0, n) of text for language lang, with
 * stemmer (NULL for none). Replaces the previous tokens; the vocabulary
 * only grows. The words that precis_tokens_detect just read in the same
 * text are found in the memo where it left them. */
precis_status precis_tokenize(precis_tokens *tok, const char *text, const precis_span *spans,
                              size_t n, int lang, const precis_stemmer *stemmer);

/* Tokenizes text[0, len) as one sentence, appending its term ids to
 * (*ids)[*count, ...), an array the caller holds (capacity *cap, grown as
 * needed), through tok's vocabulary: for text that is not a sentence of
 * the document, such as a query. */
precis_status precis_tokenize_text(precis_tokens *tok, const char *text, size_t len, int lang,
                                   const precis_stemmer *stemmer, uint32_t **ids, size_t *count,
                                   size_t *cap);

/* The term of one word word[0, len) of language lang, through the memo,
 * as the tokenizer makes it: *term is its id + 1, or 0 when the word gives
 * none (a stopword, a single character, longer than PRECIS_MAX_TERM_BYTES);
 * *word_class holds its PRECIS_WORD_STOPWORD and _BOUNDARY bits (lang.h). For stages that need
 * words where the tokenizer keeps terms only (keyphrases). */
precis_status precis_vocab_word(precis_tokens *tok, const char *word, size_t len, int lang,
                                const precis_stemmer *stemmer, uint32_t *term,
                                unsigned *word_class);

/* The bytes of term id, and their length in *len. */
static inline const char *precis_vocab_term(const precis_vocab *v, uint32_t id, size_t *len)
{
    return precis_strtab_key(&v->terms, id, len);
}

/* Detects the language of text[0, len) as precis_lang_detect does, reading
 * the stopword languages of its words through the memo, and notes where
 * the memo holds them for the tokenizing of the same text. */
precis_status precis_tokens_detect(precis_tokens *tok, const char *text, size_t len, int hint,
                                   int *lang);

#endif

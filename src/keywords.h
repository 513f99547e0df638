/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keywords.h - keyphrases: the words and phrases a document is about.
 *
 * Candidates are the phrases a text writes between the words that cannot
 * be part of one: maximal runs of words bounded by punctuation, sentence
 * ends, stopwords, the language's keyphrase boundary words
 * (stopwords/CODE.kw: numerals, common verbs, vague adjectives, ...) and
 * words that give no term (single characters). Words joined by a hyphen or
 * an apostrophe ("out-of-print", "Hulth's") are one token of the phrase.
 * In English, a run loses a first word that reads as a verb ("to evaluate
 * ...", "by measuring ...") and adverbs at either end, and past
 * participles at its end. A candidate is its sequence of stems: "neural
 * networks" and "neural network" are one.
 *
 * Words are ranked as SingleRank does (Wan and Xiao 2008, after TextRank,
 * Mihalcea and Tarau 2004): PageRank (damping 0.85) on the undirected
 * graph of stems that occur within PRECIS_KEYWORD_WINDOW tokens of each
 * other, stopwords and punctuation counted as tokens, weighted by how often
 * they do; with a corpus idf table each score is multiplied by the term's
 * idf. A phrase scores the sum of its stems' scores, halved for a phrase of
 * one token, and is shown in the spelling the text uses most often (lower
 * case on a tie, then the earliest). On the Inspec test abstracts (Hulth
 * 2003) this scores F1@10 36.4 (bench/README.md), where TextRank's
 * published figure is 33.95.
 *
 * Scripts written without spaces (Chinese, Japanese, Burmese) have no
 * words to run over; their candidates come from ngrams.h.
 *
 * The scores of a document's candidates are scaled to sum to 1. A set of
 * documents (precis_keywords_digest) adds up each phrase's scores over the
 * documents that hold it and divides by their number, so that every
 * document weighs the same.
 *
 * Memory: a document costs about 100 bytes per word (tokens, terms and the
 * pairs of the graph); a set keeps its phrases, their spellings and their
 * totals, not the documents.
 */
#ifndef PRECIS_KEYWORDS_H
#define PRECIS_KEYWORDS_H

#include <stddef.h>
#include <stdint.h>

#include "ngrams.h"
#include "precis.h"
#include "segment.h"
#include "strtab.h"
#include "tfidf.h"
#include "tokenize.h"

/* Two stems co-occur when they are fewer than this many tokens apart. */
#define PRECIS_KEYWORD_WINDOW 10
#define PRECIS_KEYWORD_DAMPING 0.85
/* The ranking's over-relaxation factor, and its stop: when the scores
 * move less than this in a step (L1). */
#define PRECIS_KEYWORD_RELAXATION 1.3
#define PRECIS_KEYWORD_TOLERANCE 1e-8
/* Phrase scores are compared to this precision. */
#define PRECIS_KEYWORD_RESOLUTION 1e-7
/* The factor on the score of a phrase of one token. */
#define PRECIS_KEYWORD_SINGLE_FACTOR 0.5
/* A document of more tokens than this is read and ranked in pieces of
 * about this many, ending with a sentence, each weighing its share of the
 * document: the graph of a whole book would cost time and memory with the
 * square of its vocabulary, and its tokens memory in proportion to its
 * length. Only a sentence that would take a piece past twice this size is
 * cut. */
#define PRECIS_KEYWORD_PIECE 50000
/* Runs longer than this many tokens are not phrases but lists or
 * fragments of text with no boundary word in them; they are left out. */
#define PRECIS_KEYWORD_MAX_TOKENS 8

/* A token: a word, or words joined by hyphens or apostrophes. */
typedef struct precis_kw_token {
    size_t start, end;   /* its bytes in the clean text */
    size_t term;         /* its first keyword term in terms[] */
    uint32_t nterms;     /* its keyword terms: its words' terms, boundary words left out */
    uint32_t breaks;     /* punctuation or the start of a sentence comes before it */
} precis_kw_token;

/* An occurrence of a phrase in the document being added. */
typedef struct precis_kw_occurrence {
    uint32_t phrase;   /* id in the set */
    uint32_t ntokens;
    size_t token;      /* its first token */
    double score;
} precis_kw_occurrence;

/* The phrases of a set of documents and their totals. */
typedef struct precis_keyword_set {
    precis_strtab phrases;    /* identity (stems, or characters) -> phrase id */
    precis_strtab spellings;  /* phrase id (4 bytes) + spelling -> spelling id */
    double *score;            /* per phrase: summed over documents */
    uint64_t *count;          /* per phrase: occurrences */
    uint64_t *documents;      /* per phrase: documents that hold it */
    uint64_t *seen;           /* per phrase: the last document that held it, + 1 */
    uint32_t *best;           /* per phrase: its most frequent spelling */
    uint64_t *piece;          /* per phrase: the last piece ranked that held it */
    double *doc_score;        /* per phrase: its score in the document being added */
    uint64_t *spelling_count; /* per spelling: occurrences */
    unsigned char *spelling_lower; /* per spelling: no capital letter in it */
    size_t score_cap, count_cap, documents_cap, seen_cap, best_cap, piece_cap, doc_score_cap,
        spelling_count_cap,
        spelling_lower_cap;
    uint64_t added;           /* documents added */
    size_t words_by_lang[64]; /* tokens added, per language */
} precis_keyword_set;

/* The scratch memory of keyphrase extraction and the set being built;
 * held by a context and reused. Zero-initialise (then seed), release with
 * precis_keyworder_free. */
typedef struct precis_keyworder {
    precis_keyword_set set;
    precis_kw_token *tokens;
    size_t ntokens, tokens_cap;
    uint32_t *terms; /* vocabulary ids */
    size_t nterms, terms_cap;
    precis_kw_occurrence *occ;   /* the first occurrence of each phrase of the piece */
    size_t nocc, occ_cap;
    uint64_t pieces;             /* pieces ranked so far, the stamp of the current one */
    uint32_t *doc_phrases;       /* the phrases of the document being added */
    size_t ndoc_phrases, doc_phrases_cap;
    /* One document alone: spellings are made at the end for the best
     * phrases only, from every occurrence, kept here. */
    int defer_spellings;
    precis_kw_occurrence *every;
    size_t nevery, every_cap;
    /* the graph: a node per distinct term */
    uint32_t *node_of, *node_stamp; /* per vocabulary id */
    uint32_t build;
    uint32_t *node_term;            /* per node: its vocabulary id */
    size_t nnodes;
    uint64_t *pairs;                /* row << 32 | column, both directions */
    size_t npairs;
    size_t *row_start;              /* per node + 1: where its edges start */
    uint32_t *columns;              /* per edge: the other node */
    double *edge_weight;            /* per edge: co-occurrences */
    size_t *slot, *slot_row;        /* scratch of the graph's rows */
    double *node_score;
    double *node_share;             /* per node: its score over its degree */
    double *node_degree;
    char *key; /* scratch for identities and spellings */
    size_t node_of_cap, node_stamp_cap, node_term_cap, pairs_cap, row_start_cap, columns_cap,
        edge_weight_cap, slot_cap, slot_row_cap, node_score_cap, node_share_cap, node_degree_cap, key_cap;
    precis_ngrams ngrams;
} precis_keyworder;

void precis_keyworder_free(precis_keyworder *kw);

/* Seeds the hash tables (precis_strtab). */
void precis_keyworder_seed(precis_keyworder *kw, uint64_t seed);

/* Empties the set for a new one, keeping the memory; one_document says
 * that it will hold one document, whose spellings can then wait for
 * precis_keyworder_spell. */
void precis_keyworder_reset(precis_keyworder *kw, int one_document);

/* Adds a document to the set: the n sentences spans[0, n) of its clean
 * text, in language lang (its stemmer: stemmer), tokenized through tok's
 * vocabulary; corpus, when not NULL, weighs stems by its idf. */
precis_status precis_keyworder_add(precis_keyworder *kw, const char *text,
                                   const precis_span *spans, size_t n, int lang,
                                   const precis_stemmer *stemmer, precis_tokens *tok,
                                   const precis_corpus_df *corpus);

/* A phrase the set ranks among its best. */
typedef struct precis_kw_pick {
    uint32_t phrase;
    double score;
} precis_kw_pick;

/* Stores in picks[0, *count) the set's best k phrases (at most), best
 * first; picks has room for k. Ties go to the phrase seen first. */
precis_status precis_keyworder_best(precis_keyworder *kw, size_t k, precis_kw_pick *picks,
                                    size_t *count);

/* Makes the spellings of picks[0, count) when they waited for the end of
 * the one document, whose clean text is text; nothing otherwise. */
precis_status precis_keyworder_spell(precis_keyworder *kw, const char *text,
                                     const precis_kw_pick *picks, size_t count);

/* The spelling of phrase id (made), and its length in *len. */
const char *precis_keyworder_spelling(const precis_keyworder *kw, uint32_t phrase, size_t *len);

/* The language of the most tokens added (lang_default when none). */
int precis_keyworder_language(const precis_keyworder *kw, int lang_default);

/* The list of keyphrases behind precis_keyword_list: one block, the
 * header, the entries, then the phrases' bytes. */
typedef struct precis_keyword_entry {
    const char *phrase; /* NUL-terminated, in the block */
    size_t len;
    double score;
    size_t count;
    size_t documents;
} precis_keyword_entry;

struct precis_keyword_list {
    int lang;
    int is_set;        /* made by precis_keywords_digest */
    size_t n_documents;
    size_t count;
    precis_keyword_entry *entries;
};

#endif

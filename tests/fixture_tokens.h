/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fixture_tokens.h - builds a precis_tokens by hand, so that the stages
 * after the tokenizer can be tested on exactly the terms a test chooses.
 */
#ifndef PRECIS_FIXTURE_TOKENS_H
#define PRECIS_FIXTURE_TOKENS_H

#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "tfidf.h"
#include "tokenize.h"

/* Fills tok (zero-initialised or released) with the n sentences, each a
 * string of terms separated by single spaces ("" for none), the terms
 * interned in tok's vocabulary; precis_tokens_free releases it all. */
static inline void fixture_tokens(precis_tokens *tok, const char *const *sentences, size_t n)
{
    memset(tok, 0, sizeof *tok);
    tok->sents = malloc((n + 1) * sizeof *tok->sents);
    assert_non_null(tok->sents);
    tok->sents_cap = n + 1;
    for (size_t i = 0; i < n; i++) {
        tok->sents[i] = (precis_sentence_terms){tok->count, 0, 0};
        const char *p = sentences[i];
        while (*p != '\0') {
            size_t len = strcspn(p, " ");
            if (len > 0) {
                uint32_t id;
                assert_int_equal(precis_strtab_intern(&tok->vocab.terms, p, len, &id, NULL),
                                 PRECIS_OK);
                uint32_t *grown = realloc(tok->ids, (tok->count + 1) * sizeof *grown);
                assert_non_null(grown);
                tok->ids = grown;
                tok->ids[tok->count++] = id;
                tok->ids_cap = tok->count;
                tok->sents[i].words++;
                tok->sents[i].chars += len;
            }
            p += len;
            if (*p == ' ')
                p++;
        }
    }
    tok->sents[n] = (precis_sentence_terms){tok->count, 0, 0};
}

/* The bytes of token k of tok, and their length in *len. */
static inline const char *fixture_term(const precis_tokens *tok, size_t k, size_t *len)
{
    return precis_vocab_term(&tok->vocab, tok->ids[k], len);
}

/* precis_tfidf_build on the first n sentences of tok. */
static inline precis_status fixture_tfidf_build(precis_tfidf *tf, const precis_tokens *tok,
                                                size_t n, const precis_corpus_df *corpus)
{
    return precis_tfidf_build(tf, tok->ids, tok->sents, n, &tok->vocab, corpus);
}

/* A reproducible pseudo-random number (a 64-bit LCG; no rand()). */
static inline uint32_t fixture_next(uint64_t *seed)
{
    *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*seed >> 33);
}

/* Fills text[0, cap) with n random sentences over a vocabulary of `vocab`
 * terms "w0".."w<vocab-1>", up to max_terms terms each (some empty), and
 * points sentences[0, n) into it. */
static inline void fixture_random_sentences(uint64_t seed, size_t n, size_t vocab,
                                            size_t max_terms, char *text, size_t cap,
                                            const char **sentences)
{
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        sentences[i] = text + used;
        size_t count = fixture_next(&seed) % (max_terms + 1);
        for (size_t k = 0; k < count; k++) {
            int w = snprintf(text + used, cap - used, "%sw%u", k > 0 ? " " : "",
                             (unsigned)(fixture_next(&seed) % vocab));
            assert_true(w > 0 && (size_t)w < cap - used);
            used += (size_t)w;
        }
        assert_true(used < cap);
        text[used++] = '\0';
    }
}

#endif

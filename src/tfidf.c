/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tfidf.c - the term dictionary and the weighted sentence vectors.
 */
#include "tfidf.h"

#include <math.h>
#include <string.h>

#include "util.h"

void precis_tfidf_free(precis_tfidf *tf)
{
    if (tf == NULL)
        return;
    free(tf->row);
    free(tf->term);
    free(tf->weight);
    free(tf->df);
    free(tf->idf);
    free(tf->idf_of_df);
    free(tf->token_id);
    free(tf->vocab_id);
    free(tf->slot);
    free(tf->tally);
    precis_weighting weighting = tf->weighting;
    memset(tf, 0, sizeof *tf);
    tf->weighting = weighting;
}

/* Gives every token its term id: vocabulary ids in the order they first
 * appear. */
static precis_status number_terms(precis_tfidf *tf, const uint32_t *ids, size_t count,
                                  size_t vocab_size)
{
    /* A document has at most as many terms as tokens or words in the
     * vocabulary; the loop below writes one place past the last term. */
    size_t most_terms = count < vocab_size ? count : vocab_size;
    if (count > UINT32_MAX - 1 ||
        PRECIS_RESERVE(tf->token_id, tf->token_cap, count) != PRECIS_OK ||
        PRECIS_RESERVE(tf->vocab_id, tf->vocab_id_cap, most_terms + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    size_t old_cap = tf->slot_cap;
    if (PRECIS_RESERVE(tf->slot, tf->slot_cap, vocab_size) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (tf->slot_cap > old_cap)
        memset(tf->slot + old_cap, 0, (tf->slot_cap - old_cap) * sizeof *tf->slot);
    if (++tf->build == 0) {
        /* The stamps wrapped around: start them over. */
        memset(tf->slot, 0, tf->slot_cap * sizeof *tf->slot);
        tf->build = 1;
    }
    /* Locals, as the stores to the uint32_t arrays could otherwise alias
     * tf->build and make every token reload it. */
    uint32_t build = tf->build;
    precis_term_slot *slot = tf->slot;
    uint32_t *token_id = tf->token_id, *vocab_id = tf->vocab_id;
    /* Without a branch on whether the term is new (as often as not): a
     * new one takes the next id, and vocab_id's next place is written
     * either way (a known term's write is overwritten). */
    uint32_t nterms = 0;
    for (size_t k = 0; k < count; k++) {
        precis_term_slot *s = &slot[ids[k]];
        uint32_t known = s->stamp == build;
        /* s->term when known, else nterms, by a mask (a conditional
         * compiles to a branch here). */
        uint32_t term = s->term ^ ((s->term ^ nterms) & (known - 1));
        s->stamp = build;
        s->term = term;
        vocab_id[nterms] = ids[k];
        nterms += 1 - known;
        token_id[k] = term;
    }
    tf->nterms = nterms;
    return PRECIS_OK;
}

/* The idf of every term: from the corpus table when there is one, else
 * from the document's own sentences, where it depends on the df alone:
 * one log per distinct df (idf_of_df[df], 0 until computed: an idf is at
 * least 1). */
static precis_status weigh_terms(precis_tfidf *tf, const precis_vocab *vocab, size_t n,
                                 const precis_corpus_df *corpus)
{
    if (PRECIS_RESERVE(tf->idf, tf->idf_cap, tf->nterms) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (corpus != NULL) {
        double total = (double)corpus->documents;
        for (size_t t = 0; t < tf->nterms; t++) {
            size_t len;
            const char *term = precis_vocab_term(vocab, tf->vocab_id[t], &len);
            double df = (double)precis_dftable_df(corpus->table, term, len);
            if (df > total)
                df = total;
            tf->idf[t] = log((1.0 + total) / (1.0 + df)) + 1.0;
        }
        return PRECIS_OK;
    }
    if (PRECIS_RESERVE(tf->idf_of_df, tf->idf_of_df_cap, n + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    double *idf_of_df = tf->idf_of_df;
    memset(idf_of_df, 0, (n + 1) * sizeof *idf_of_df);
    for (size_t t = 0; t < tf->nterms; t++) {
        uint32_t df = tf->df[t];
        if (idf_of_df[df] == 0.0)
            idf_of_df[df] = log((1.0 + (double)n) / (1.0 + (double)df)) + 1.0;
        tf->idf[t] = idf_of_df[df];
    }
    return PRECIS_OK;
}

precis_status precis_tfidf_build(precis_tfidf *tf, const uint32_t *ids,
                                 const precis_sentence_terms *sents, size_t n,
                                 const precis_vocab *vocab, const precis_corpus_df *corpus)
{
    size_t count = sents[n].first;
    precis_status st = number_terms(tf, ids, count, vocab->terms.count);
    if (st != PRECIS_OK)
        return st;
    tf->n = n;
    if (n == SIZE_MAX || PRECIS_RESERVE(tf->row, tf->row_cap, n + 1) != PRECIS_OK ||
        PRECIS_RESERVE(tf->term, tf->entry_cap, count) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (PRECIS_RESERVE(tf->weight, tf->weight_cap, count) != PRECIS_OK ||
        PRECIS_RESERVE(tf->df, tf->df_cap, tf->nterms) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    size_t old_cap = tf->tally_cap;
    if (PRECIS_RESERVE(tf->tally, tf->tally_cap, tf->nterms) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (tf->tally_cap > old_cap)
        memset(tf->tally + old_cap, 0, (tf->tally_cap - old_cap) * sizeof *tf->tally);
    memset(tf->df, 0, tf->nterms * sizeof *tf->df);

    /* Term counts per sentence. Term ids go by first appearance, so the
     * terms a sentence is the first to hold are those from base (past
     * every id seen before it) to top: they come, in increasing order,
     * after the others, which alone need sorting. Those are written at
     * the row's end, which moves on by one for an older term, and their
     * runs merged without a branch on whether a term repeats (each id
     * written at the end of the row, which moves on by one when the id is
     * not the one before). Tokens before the first sentence only take
     * ids. */
    uint32_t *term = tf->term, *df = tf->df;
    const uint32_t *token_id = tf->token_id;
    double *weight = tf->weight, *tally = tf->tally;
    uint32_t base = 0;
    for (size_t k = 0; k < (n > 0 ? sents[0].first : 0); k++)
        base = token_id[k] >= base ? token_id[k] + 1 : base;
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        size_t first = sents[i].first, last = sents[i + 1].first;
        tf->row[i] = out;
        uint32_t *older = term + out;
        size_t nolder = 0;
        uint32_t top = base;
        for (size_t k = first; k < last; k++) {
            uint32_t t = token_id[k];
            older[nolder] = t;
            nolder += t < base;
            tally[t] += 1.0;
            top = t >= top ? t + 1 : top;
        }
        precis_sort_u32(older, nolder);
        /* No term has the id UINT32_MAX: the first id starts the row. */
        uint32_t previous = UINT32_MAX;
        size_t end = out;
        for (size_t k = out; k < out + nolder; k++) {
            uint32_t t = term[k];
            end += t != previous;
            term[end - 1] = t;
            previous = t;
        }
        /* tally[] goes back to 0 for the next sentence (and build). */
        for (size_t k = out; k < end; k++) {
            uint32_t t = term[k];
            weight[k] = tally[t];
            tally[t] = 0.0;
            df[t]++;
        }
        for (uint32_t t = base; t < top; t++, end++) {
            term[end] = t;
            weight[end] = tally[t];
            tally[t] = 0.0;
            df[t] = 1;
        }
        base = top;
        out = end;
    }
    tf->row[n] = out;
    if ((st = weigh_terms(tf, vocab, n, corpus)) != PRECIS_OK)
        return st;

    for (size_t i = 0; i < n; i++) {
        double norm = 0.0;
        for (size_t k = tf->row[i]; k < tf->row[i + 1]; k++) {
            if (tf->weighting == PRECIS_WEIGHT_TFIDF)
                tf->weight[k] *= tf->idf[tf->term[k]];
            norm += tf->weight[k] * tf->weight[k];
        }
        if (norm > 0.0) {
            norm = sqrt(norm);
            for (size_t k = tf->row[i]; k < tf->row[i + 1]; k++)
                tf->weight[k] /= norm;
        }
    }
    return PRECIS_OK;
}

double precis_tfidf_cosine(const precis_tfidf *tf, size_t a, size_t b)
{
    double dot = 0.0;
    size_t x = tf->row[a], x_end = tf->row[a + 1];
    size_t y = tf->row[b], y_end = tf->row[b + 1];
    while (x < x_end && y < y_end) {
        if (tf->term[x] == tf->term[y])
            dot += tf->weight[x++] * tf->weight[y++];
        else if (tf->term[x] < tf->term[y])
            x++;
        else
            y++;
    }
    return dot;
}

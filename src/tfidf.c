/*
 * tfidf.c - the term dictionary and the weighted sentence vectors.
 */
#include "tfidf.h"

#include <math.h>
#include <string.h>

#include "idf.h"
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
    free(tf->token_id);
    free(tf->slots);
    free(tf->key_token);
    precis_weighting weighting = tf->weighting;
    memset(tf, 0, sizeof *tf);
    tf->weighting = weighting;
}

/* Assigns every token its term id. */
static precis_status intern_terms(precis_tfidf *tf, const precis_tokens *tok)
{
    size_t want = 64;
    while (want < tok->count * 2) {
        if (want > SIZE_MAX / 4)
            return PRECIS_ERR_NOMEM;
        want *= 2;
    }
    if (tok->count > UINT32_MAX - 1 ||
        PRECIS_RESERVE(tf->slots, tf->slot_cap, want) != PRECIS_OK ||
        PRECIS_RESERVE(tf->token_id, tf->token_cap, tok->count) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memset(tf->slots, 0, want * sizeof *tf->slots);
    tf->slot_mask = want - 1;
    tf->nterms = 0;
    for (size_t k = 0; k < tok->count; k++) {
        const char *bytes = tok->bytes + tok->term_start[k];
        size_t len = tok->term_start[k + 1] - tok->term_start[k];
        size_t slot = (size_t)precis_hash_bytes(bytes, len) & tf->slot_mask;
        for (;;) {
            uint32_t held = tf->slots[slot];
            if (held == 0) {
                if (PRECIS_RESERVE(tf->key_token, tf->term_cap, tf->nterms + 1) != PRECIS_OK)
                    return PRECIS_ERR_NOMEM;
                tf->key_token[tf->nterms] = k;
                tf->slots[slot] = (uint32_t)++tf->nterms;
                tf->token_id[k] = (uint32_t)(tf->nterms - 1);
                break;
            }
            size_t other = tf->key_token[held - 1];
            size_t other_len = tok->term_start[other + 1] - tok->term_start[other];
            if (other_len == len && memcmp(tok->bytes + tok->term_start[other], bytes, len) == 0) {
                tf->token_id[k] = held - 1;
                break;
            }
            slot = (slot + 1) & tf->slot_mask;
        }
    }
    return PRECIS_OK;
}

/* The idf of every term: from the corpus table when there is one, else
 * from the document's own sentences. */
static precis_status weigh_terms(precis_tfidf *tf, const precis_tokens *tok, size_t n,
                                 const precis_idf *corpus)
{
    if (PRECIS_RESERVE(tf->idf, tf->idf_cap, tf->nterms) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    for (size_t t = 0; t < tf->nterms; t++) {
        double total = (double)n, df = (double)tf->df[t];
        if (corpus != NULL) {
            size_t k = tf->key_token[t];
            total = (double)corpus->documents;
            df = (double)precis_idf_df(corpus, tok->bytes + tok->term_start[k],
                                       tok->term_start[k + 1] - tok->term_start[k]);
            if (df > total)
                df = total;
        }
        tf->idf[t] = log((1.0 + total) / (1.0 + df)) + 1.0;
    }
    return PRECIS_OK;
}

precis_status precis_tfidf_build(precis_tfidf *tf, const precis_tokens *tok, size_t n,
                                 const precis_idf *corpus)
{
    precis_status st = intern_terms(tf, tok);
    if (st != PRECIS_OK)
        return st;
    tf->n = n;
    if (n == SIZE_MAX || PRECIS_RESERVE(tf->row, tf->row_cap, n + 1) != PRECIS_OK ||
        PRECIS_RESERVE(tf->term, tf->entry_cap, tok->count) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (PRECIS_RESERVE(tf->weight, tf->weight_cap, tok->count) != PRECIS_OK ||
        PRECIS_RESERVE(tf->df, tf->df_cap, tf->nterms) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memset(tf->df, 0, tf->nterms * sizeof *tf->df);

    /* Term counts per sentence: sort the sentence's ids and merge runs. */
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        size_t first = tok->sents[i].first, last = tok->sents[i + 1].first;
        tf->row[i] = out;
        memcpy(tf->term + out, tf->token_id + first, (last - first) * sizeof *tf->term);
        precis_sort_u32(tf->term + out, last - first);
        size_t row_end = out;
        for (size_t k = out; k < out + (last - first); k++) {
            if (row_end > tf->row[i] && tf->term[row_end - 1] == tf->term[k]) {
                tf->weight[row_end - 1] += 1.0;
                continue;
            }
            tf->term[row_end] = tf->term[k];
            tf->weight[row_end] = 1.0;
            tf->df[tf->term[k]]++;
            row_end++;
        }
        out = row_end;
    }
    tf->row[n] = out;
    if ((st = weigh_terms(tf, tok, n, corpus)) != PRECIS_OK)
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

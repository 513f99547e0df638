/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * query.c - sentence relevance to a query and the biased jump.
 */
#include "query.h"

#include <math.h>
#include <string.h>

#include "util.h"

void precis_relevance_free(precis_relevance *r)
{
    if (r == NULL)
        return;
    free(r->ids);
    free(r->weight);
    free(r->absent);
    memset(r, 0, sizeof *r);
}

precis_status precis_relevance_tokenize(precis_relevance *r, precis_tokens *tok,
                                        const char *query, size_t len, int lang,
                                        const precis_stemmer *stemmer)
{
    r->count = 0;
    return precis_tokenize_text(tok, query, len, lang, stemmer, &r->ids, &r->count,
                                &r->ids_cap);
}

/* The idf of a term that no sentence holds. */
static double absent_idf(const precis_tfidf *tf, const precis_vocab *vocab,
                         const precis_corpus_df *corpus, uint32_t id)
{
    double total = (double)tf->n, df = 0.0;
    if (corpus != NULL) {
        size_t len;
        const char *term = precis_vocab_term(vocab, id, &len);
        total = (double)corpus->documents;
        df = (double)precis_dftable_df(corpus->table, term, len);
        if (df > total)
            df = total;
    }
    return log((1.0 + total) / (1.0 + df)) + 1.0;
}

precis_status precis_relevance_compute(precis_relevance *r, const precis_tfidf *tf,
                                       const precis_vocab *vocab,
                                       const precis_corpus_df *corpus, double *relevance)
{
    if (PRECIS_RESERVE(r->weight, r->weight_cap, tf->nterms) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memset(r->weight, 0, tf->nterms * sizeof *r->weight);
    /* The query's vector: term frequency times idf. Its norm counts the
     * terms no sentence holds too, as a longer query is less about any one
     * of its terms. */
    size_t nabsent = 0;
    if (PRECIS_RESERVE(r->absent, r->absent_cap, r->count) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    for (size_t k = 0; k < r->count; k++) {
        uint32_t v = r->ids[k], t;
        if (precis_tfidf_term_of(tf, v, &t))
            r->weight[t] += 1.0;
        else
            r->absent[nabsent++] = v;
    }
    double norm = 0.0, absent = 0.0;
    for (size_t t = 0; t < tf->nterms; t++) {
        r->weight[t] *= tf->idf[t];
        norm += r->weight[t] * r->weight[t];
    }
    precis_sort_u32(r->absent, nabsent);
    for (size_t k = 0; k < nabsent;) {
        size_t run = k + 1;
        while (run < nabsent && r->absent[run] == r->absent[k])
            run++;
        double w = (double)(run - k) * absent_idf(tf, vocab, corpus, r->absent[k]);
        absent += w * w;
        k = run;
    }
    norm = sqrt(norm + absent);
    for (size_t i = 0; i < tf->n; i++) {
        double dot = 0.0;
        for (size_t k = tf->row[i]; k < tf->row[i + 1]; k++)
            dot += tf->weight[k] * r->weight[tf->term[k]];
        relevance[i] = norm > 0.0 ? dot / norm : 0.0;
    }
    return PRECIS_OK;
}

int precis_relevance_teleport(const double *relevance, const unsigned char *candidate, size_t n,
                              double *teleport)
{
    double total = 0.0;
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (candidate != NULL && !candidate[i])
            continue;
        total += relevance[i];
        count++;
    }
    if (!(total > 0.0))
        return 0;
    for (size_t i = 0; i < n; i++)
        teleport[i] = candidate != NULL && !candidate[i]
                          ? 0.0
                          : (1.0 - PRECIS_QUERY_BIAS) / (double)count +
                                PRECIS_QUERY_BIAS * relevance[i] / total;
    return 1;
}

/*
 * graph.c - cosine similarities through an inverted index.
 */
#include "graph.h"

#include <limits.h>
#include <string.h>

#include "util.h"

void precis_graph_free(precis_graph *g)
{
    if (g == NULL)
        return;
    if (g->matrix != NULL)
        gsl_spmatrix_free(g->matrix);
    free(g->post_start);
    free(g->post_sent);
    free(g->post_weight);
    free(g->cursor);
    free(g->acc);
    free(g->touched);
    free(g->edges);
    free(g->fill);
    memset(g, 0, sizeof *g);
}

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The inverted index: for every term, the sentences that hold it in
 * increasing order, with the term's weight in each. */
static precis_status build_index(precis_graph *g, const precis_tfidf *tf)
{
    size_t entries = tf->row[tf->n];
    if (PRECIS_RESERVE(g->post_start, g->post_start_cap, tf->nterms + 1) != PRECIS_OK ||
        PRECIS_RESERVE(g->cursor, g->cursor_cap, tf->nterms) != PRECIS_OK ||
        PRECIS_RESERVE(g->post_sent, g->post_cap, entries) != PRECIS_OK ||
        PRECIS_RESERVE(g->post_weight, g->post_weight_cap, entries) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    size_t sum = 0;
    for (size_t t = 0; t < tf->nterms; t++) {
        g->post_start[t] = sum;
        g->cursor[t] = sum;
        sum += tf->df[t];
    }
    g->post_start[tf->nterms] = sum;
    for (size_t i = 0; i < tf->n; i++) {
        for (size_t k = tf->row[i]; k < tf->row[i + 1]; k++) {
            size_t at = g->cursor[tf->term[k]]++;
            g->post_sent[at] = (uint32_t)i;
            g->post_weight[at] = tf->weight[k];
        }
    }
    /* cursor[t] now walks the postings again: while sentence i is being
     * paired, it points at i's own posting of t. */
    for (size_t t = 0; t < tf->nterms; t++)
        g->cursor[t] = g->post_start[t];
    return PRECIS_OK;
}

static precis_status collect_edges(precis_graph *g, const precis_tfidf *tf)
{
    size_t n = tf->n;
    if (PRECIS_RESERVE(g->acc, g->acc_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(g->touched, g->touched_cap, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memset(g->acc, 0, n * sizeof *g->acc);
    g->nedges = 0;
    for (size_t i = 0; i < n; i++) {
        size_t ntouched = 0;
        for (size_t k = tf->row[i]; k < tf->row[i + 1]; k++) {
            uint32_t t = tf->term[k];
            double w = tf->weight[k];
            size_t own = g->cursor[t]++;
            for (size_t p = own + 1; p < g->post_start[t + 1]; p++) {
                uint32_t j = g->post_sent[p];
                if (g->acc[j] == 0.0)
                    g->touched[ntouched++] = j;
                g->acc[j] += w * g->post_weight[p];
            }
        }
        qsort(g->touched, ntouched, sizeof *g->touched, compare_u32);
        if (g->nedges > SIZE_MAX - ntouched ||
            PRECIS_RESERVE(g->edges, g->edges_cap, g->nedges + ntouched) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        for (size_t k = 0; k < ntouched; k++) {
            uint32_t j = g->touched[k];
            if (g->acc[j] >= PRECIS_MIN_SIMILARITY)
                g->edges[g->nedges++] = (precis_edge){(uint32_t)i, j, g->acc[j]};
            g->acc[j] = 0.0;
        }
    }
    return PRECIS_OK;
}

/* Lays the i < j edges out as a symmetric CSR matrix. Rows come out with
 * sorted columns: row r first receives the edges (i, r) with i < r in
 * increasing i, then its own (r, j) edges in increasing j. */
static precis_status fill_matrix(precis_graph *g, size_t n)
{
    if (g->nedges > (size_t)INT_MAX / 2)
        return PRECIS_ERR_TOO_LARGE;
    size_t nnz = 2 * g->nedges;
    gsl_spmatrix *m = gsl_spmatrix_alloc_nzmax(n, n, nnz ? nnz : 1, GSL_SPMATRIX_CSR);
    if (m == NULL)
        return PRECIS_ERR_NOMEM;
    int *rowp = m->p;
    memset(rowp, 0, (n + 1) * sizeof *rowp);
    for (size_t e = 0; e < g->nedges; e++) {
        rowp[g->edges[e].from + 1]++;
        rowp[g->edges[e].to + 1]++;
    }
    for (size_t r = 0; r < n; r++)
        rowp[r + 1] += rowp[r];
    if (PRECIS_RESERVE(g->fill, g->fill_cap, n) != PRECIS_OK) {
        gsl_spmatrix_free(m);
        return PRECIS_ERR_NOMEM;
    }
    for (size_t r = 0; r < n; r++)
        g->fill[r] = (size_t)rowp[r];
    for (size_t e = 0; e < g->nedges; e++) {
        const precis_edge *edge = &g->edges[e];
        size_t at = g->fill[edge->to]++;
        m->i[at] = (int)edge->from;
        m->data[at] = edge->weight;
    }
    for (size_t e = 0; e < g->nedges; e++) {
        const precis_edge *edge = &g->edges[e];
        size_t at = g->fill[edge->from]++;
        m->i[at] = (int)edge->to;
        m->data[at] = edge->weight;
    }
    m->nz = nnz;
    g->matrix = m;
    return PRECIS_OK;
}

precis_status precis_graph_build(precis_graph *g, const precis_tfidf *tf)
{
    if (g->matrix != NULL) {
        gsl_spmatrix_free(g->matrix);
        g->matrix = NULL;
    }
    g->nedges = 0;
    if (tf->n == 0)
        return PRECIS_OK;
    if (tf->n > (size_t)INT_MAX - 1 || tf->n > UINT32_MAX)
        return PRECIS_ERR_TOO_LARGE;
    precis_status st = build_index(g, tf);
    if (st == PRECIS_OK)
        st = collect_edges(g, tf);
    if (st == PRECIS_OK)
        st = fill_matrix(g, tf->n);
    return st;
}

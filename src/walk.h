/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walk.h - the matrix a ranking walks on, derived from the similarity
 * graph.
 *
 * Each algorithm walks its own variant of the graph: only candidates take
 * part (prior.h); LexRank keeps the edges above a similarity threshold,
 * optionally as plain links, and gives every sentence a link to itself as
 * its similarity matrix has; the position-aware centrality makes the graph
 * directed, so that a sentence passes less of its vote to the sentences
 * that come after it than to those before (after PACSUM, Zheng and Lapata
 * 2019: a sentence is central when what follows it elaborates on it).
 * Entry (i, j) is the weight with which sentence i votes for sentence j.
 */
#ifndef PRECIS_WALK_H
#define PRECIS_WALK_H

#include <stddef.h>

/* gsl_spmatrix.h uses size_t without including stddef.h. */
#include <gsl/gsl_spmatrix.h>

#include "precis.h"

typedef struct precis_walk_shape {
    double threshold; /* keep edges whose similarity is above this; 0 keeps all */
    int binary;       /* kept edges weigh 1 instead of their similarity */
    int self_loops;   /* every candidate links to itself with weight 1 */
    double forward;   /* factor on a vote for a later sentence, in [0, 1]; 1: undirected */
} precis_walk_shape;

/* The walk, held by the caller and reused; zero-initialise, release with
 * precis_walk_free. matrix is NULL when there are no sentences. A walk
 * with self-loops has a matrix of its own (owned), whose weights are the
 * walk's. Without self-loops the walk has the graph's structure, an edge
 * it leaves out weighing 0 (which adds nothing to a degree or to a step
 * of the walk): matrix is then the graph itself, and the walk's weights
 * are derived from the graph's as the ranking reads them
 * (precis_walk_weight), so that a long document's edges are held once.
 * Such a walk borrows the graph and the candidate flags: it is valid
 * while both are. */
typedef struct precis_walk {
    const gsl_spmatrix *matrix;
    const unsigned char *candidate; /* NULL: the weights are matrix's own */
    precis_walk_shape shape;
    gsl_spmatrix *owned;
    /* matrix is symmetric to the bit (the similarity graph), so a step
     * may read its lower triangle alone */
    int symmetric;
} precis_walk;

/* The weight with which sentence i votes for the sentence of entry k of
 * row i of w->matrix. */
static inline double precis_walk_weight(const precis_walk *w, size_t i, size_t k)
{
    double similarity = w->matrix->data[k];
    if (w->candidate == NULL)
        return similarity;
    size_t j = (size_t)w->matrix->i[k];
    if (!w->candidate[i] || !w->candidate[j] || !(similarity > w->shape.threshold))
        return 0.0;
    double weight = w->shape.binary ? 1.0 : similarity;
    return j > i ? weight * w->shape.forward : weight;
}

/* A walk on m's weights as they are (borrowed). */
static inline precis_walk precis_walk_plain(const gsl_spmatrix *m)
{
    return (precis_walk){.matrix = m};
}

/* A walk on the weights of the similarity graph m (borrowed), which is
 * symmetric to the bit. */
static inline precis_walk precis_walk_graph(const gsl_spmatrix *m)
{
    return (precis_walk){.matrix = m, .symmetric = 1};
}

void precis_walk_free(precis_walk *w);

/* Builds the walk of the n x n symmetric similarity graph (CSR, NULL when
 * n is 0) restricted to the sentences with candidate[i] set (n flags,
 * borrowed by a walk without self-loops). */
precis_status precis_walk_build(precis_walk *w, const gsl_spmatrix *graph, size_t n,
                                const unsigned char *candidate, const precis_walk_shape *shape);

#endif

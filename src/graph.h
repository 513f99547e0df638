/*
 * graph.h - the sentence similarity graph.
 *
 * Edge weights are cosines of the TF-IDF vectors. They are found through an
 * inverted index (term -> sentences that hold it), so only pairs of
 * sentences that share a term are ever touched, and stored as a symmetric
 * GSL sparse matrix in compressed row form with sorted columns, never as a
 * dense n x n array.
 */
#ifndef PRECIS_GRAPH_H
#define PRECIS_GRAPH_H

#include <stddef.h>
#include <stdint.h>

/* gsl_spmatrix.h uses size_t without including stddef.h. */
#include <gsl/gsl_spmatrix.h>

#include "precis.h"
#include "tfidf.h"

/* Similarities below this are rounding noise, not shared terms. */
#define PRECIS_MIN_SIMILARITY 1e-12

typedef struct precis_edge {
    uint32_t from;
    uint32_t to;
    double weight;
} precis_edge;

/* The graph and the scratch memory that builds it, held by the caller and
 * reused; zero-initialise, release with precis_graph_free. matrix is owned
 * here and replaced by every build (NULL when there are no sentences). */
typedef struct precis_graph {
    gsl_spmatrix *matrix;
    size_t *post_start; /* per term, into post_sent: the inverted index */
    uint32_t *post_sent;
    double *post_weight;
    size_t *cursor;
    double *acc;        /* per sentence: dot product accumulator */
    uint32_t *touched;  /* sentences with a non-zero accumulator */
    precis_edge *edges; /* i < j pairs */
    size_t nedges;
    size_t *fill;       /* per sentence: next free slot of its matrix row */
    size_t post_start_cap, post_cap, post_weight_cap, cursor_cap, acc_cap, touched_cap,
        edges_cap, fill_cap;
} precis_graph;

void precis_graph_free(precis_graph *g);

/* Builds the similarity graph of the vectors in tf. Sentence counts or
 * edge counts beyond what GSL's int indices hold give PRECIS_ERR_TOO_LARGE. */
precis_status precis_graph_build(precis_graph *g, const precis_tfidf *tf);

#endif

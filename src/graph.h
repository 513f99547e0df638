/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * graph.h - the sentence similarity graph.
 *
 * Edge weights are cosines of the TF-IDF vectors. They are found through an
 * inverted index (term -> sentences that hold it), so only pairs of
 * sentences that share a term are ever touched, and stored as a symmetric
 * GSL sparse matrix in compressed row form with sorted columns, never as a
 * dense n x n array.
 *
 * Up to PRECIS_GRAPH_EXACT_SENTENCES sentences (every news article, most
 * reports) the graph is exact: every pair that shares a term is an edge.
 * Beyond that, two caps keep the work near-linear in the length of the
 * text, where the exact graph would grow with the square of it:
 * - a term held by more than PRECIS_GRAPH_MAX_DF sentences adds nothing to
 *   any similarity (its postings alone would cost df^2 pairs, and its idf
 *   is low: such terms only ever link sentences weakly);
 * - each sentence keeps its k strongest neighbours (ties by position), and
 *   an edge stays when either end keeps it, so the graph remains symmetric
 *   with at most 2 * n * k entries off the diagonal. k is
 *   PRECIS_GRAPH_NEIGHBOURS up to PRECIS_GRAPH_KEPT_BUDGET /
 *   PRECIS_GRAPH_NEIGHBOURS sentences (200,000, several times the longest
 *   books), then shrinks so that n * k stays within the budget, down to
 *   PRECIS_GRAPH_MIN_NEIGHBOURS: the graph of two million one-word
 *   sentences fits in a few hundred megabytes.
 * Vectors keep their full norm, so a capped weight is never above the
 * exact cosine. What the caps take from a sentence's weighted degree comes
 * back as a self-loop, computed exactly in linear time, so that every row
 * of a capped graph sums to the sentence's degree in the exact graph and
 * the ranking stays close to the exact one (on two concatenations of 150
 * evaluation articles, 3,200 and 4,900 sentences, ROUGE-2 within 0.4 of
 * the exact graph's; without the self-loops the caps lost 6 points on
 * one of them). Exact graphs have no self-loops.
 */
#ifndef PRECIS_GRAPH_H
#define PRECIS_GRAPH_H

#include <stddef.h>
#include <stdint.h>

/* gsl_spmatrix.h uses size_t without including stddef.h. */
#include <gsl/gsl_spmatrix.h>

#include "heap.h"
#include "precis.h"
#include "tfidf.h"

/* Similarities below this are rounding noise, not shared terms. */
#define PRECIS_MIN_SIMILARITY 1e-12

#define PRECIS_GRAPH_EXACT_SENTENCES 2000
#define PRECIS_GRAPH_MAX_DF 1000
#define PRECIS_GRAPH_NEIGHBOURS 50
#define PRECIS_GRAPH_MIN_NEIGHBOURS 5
#define PRECIS_GRAPH_KEPT_BUDGET ((size_t)10000000)

/* The graph and the scratch memory that builds it, held by the caller and
 * reused; zero-initialise, release with precis_graph_free. matrix is owned
 * here and replaced by every build (NULL when there are no sentences).
 * Neighbour lists keep sentences and weights in separate arrays (12 bytes
 * an edge where a struct would pad to 16), in the element types of the
 * matrix's, which they become: the matrix is made in them, so that the
 * lists and the matrix are never held side by side; the next build takes
 * an exact graph's arrays back as its lists, so that a batch of short
 * documents reuses them. A capped build frees the rest of its scratch
 * when the matrix is made (and the next build frees its matrix): a long
 * document is built once, and the ranking that follows needs the memory
 * more. */
typedef struct precis_graph {
    gsl_spmatrix *matrix;
    size_t nedges;        /* undirected edges in matrix, self-loops aside */
    size_t self_loops;    /* diagonal entries (capped graphs only) */
    size_t skipped_terms; /* terms left out for their document frequency */
    int capped;           /* weights may be below the exact cosines */
    /* the next build takes matrix's entry arrays back as its kept lists
     * (an exact build's: graph.c) */
    int matrix_reusable;
    /* the inverted index: per term, into post_sentence and post_weight */
    size_t *post_start;
    uint32_t *post_sentence;
    double *post_weight;
    /* per sentence: dot product accumulator, and the row that last
     * touched it plus one */
    double *acc;
    uint32_t *seen;
    precis_ranked *cand; /* neighbours of the row being built: weight, sentence */
    uint32_t *cand_index; /* a capped row's candidates, as its postings reach them */
    /* the kept neighbours of every row, each row sorted by sentence */
    size_t *kept_start;
    int *kept_sentence;
    double *kept_weight;
    /* per sentence: while the matrix is filled, where the next edge that
     * only the other end kept goes (in an exact build, that a row before
     * found) */
    size_t *fill;
    double *term_sum; /* per term: its weight summed over every sentence */
    size_t *post_next; /* per term: its next posting, in an exact build */
    size_t post_start_cap, post_sentence_cap, post_weight_cap, acc_cap, seen_cap, cand_cap,
        cand_index_cap, kept_start_cap, kept_sentence_cap, kept_weight_cap, fill_cap,
        term_sum_cap, post_next_cap;
} precis_graph;

void precis_graph_free(precis_graph *g);

/* Builds the similarity graph of the vectors in tf: exact up to
 * PRECIS_GRAPH_EXACT_SENTENCES sentences, capped beyond. Sentence counts or
 * edge counts beyond what GSL's int indices hold give PRECIS_ERR_TOO_LARGE. */
precis_status precis_graph_build(precis_graph *g, const precis_tfidf *tf);

/* How many neighbours each of n sentences keeps: SIZE_MAX (all) for an
 * exact graph. */
size_t precis_graph_neighbours(size_t n);

/* Builds the graph with explicit caps: terms in more than max_df sentences
 * are left out and each sentence keeps its `neighbours` strongest edges
 * (SIZE_MAX for no cap). */
precis_status precis_graph_build_capped(precis_graph *g, const precis_tfidf *tf, size_t max_df,
                                        size_t neighbours);

#endif

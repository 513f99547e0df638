/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cluster.h - documents grouped into stories on a graph of their nearest
 * neighbours.
 *
 * Documents are numbered in a canonical order (an order of their content,
 * not of the input), and every tie below is broken by that number, so the
 * stories never depend on the order the documents came in or on how many
 * threads did the work.
 *
 * Neighbours (near-linear): an inverted index holds each document's
 * PRECIS_CLUSTER_INDEX_TERMS heaviest entries, each posting list sorted by
 * weight (ties by document) and cut at PRECIS_CLUSTER_POSTINGS. A document
 * looks up every entry of its own, adds up the products as partial scores,
 * computes the exact similarity (precis_docvec_similarity) of the
 * PRECIS_CLUSTER_CANDIDATES best partial scores and keeps its
 * PRECIS_CLUSTER_NEIGHBOURS most similar documents. On the development
 * sets this graph gives the same stories as the exact k nearest
 * neighbours. The graph is the union of these lists (an edge stays when
 * either end keeps it).
 *
 * Stories: label propagation on the edges of similarity at least
 * PRECIS_CLUSTER_THRESHOLD. Every document starts with its own number as
 * label; sweeping the documents in order, each takes the label that its
 * neighbours' edges weigh most (ties: the smallest label), until a sweep
 * changes nothing or after PRECIS_CLUSTER_SWEEPS sweeps. A document
 * without such an edge is a story of its own. Label propagation follows
 * the dense parts of the graph where a single-link chain would glue two
 * look-alike events together through one ambiguous article, and it needs
 * no number of stories in advance.
 *
 * At most N stories: average link between stories (the sum of the graph's
 * similarities between them over the product of their sizes), the most
 * similar pair first (ties: the pair of smallest numbers), until N remain;
 * when the stories left share no edge, the N - 1 biggest stay and the rest
 * become one story.
 */
#ifndef PRECIS_CLUSTER_H
#define PRECIS_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

#include "docvec.h"
#include "heap.h"
#include "precis.h"

#define PRECIS_CLUSTER_INDEX_TERMS 20
#define PRECIS_CLUSTER_POSTINGS 50
#define PRECIS_CLUSTER_CANDIDATES 40
#define PRECIS_CLUSTER_NEIGHBOURS 20
#define PRECIS_CLUSTER_THRESHOLD 0.30
#define PRECIS_CLUSTER_SWEEPS 20

/* The inverted index: the documents of key k are post[start[k],
 * start[k + 1]) (score: the entry's weight, index: the document), best
 * first. Zero-initialise, release with precis_doc_index_free. */
typedef struct precis_doc_index {
    size_t *start;
    precis_ranked *post;
} precis_doc_index;

void precis_doc_index_free(precis_doc_index *ix);

precis_status precis_doc_index_build(precis_doc_index *ix, const precis_docvecs *v);

/* Scratch memory for finding neighbours (one per thread); zero-initialise,
 * release with precis_neighbour_finder_free. */
typedef struct precis_neighbour_finder {
    double *acc;
    uint32_t *seen; /* the document being looked up + 1 */
    precis_ranked *cand;
    size_t n;
} precis_neighbour_finder;

void precis_neighbour_finder_free(precis_neighbour_finder *f);

/* Readies f for a set of n documents; each document of the set may then
 * be looked up once. */
precis_status precis_neighbour_finder_reset(precis_neighbour_finder *f, size_t n);

/* The neighbours of document d: at most PRECIS_CLUSTER_NEIGHBOURS
 * (similarity, document) pairs written to out, sorted by document; their
 * number in *count. f must have been readied for v's documents. */
precis_status precis_doc_neighbours(precis_neighbour_finder *f, const precis_doc_index *ix,
                                    const precis_docvecs *v, size_t d, precis_ranked *out,
                                    size_t *count);

/* The symmetric neighbour graph: the neighbours of document d are to[row[d],
 * row[d + 1]), sorted, with the similarities in weight. Zero-initialise,
 * release with precis_doc_graph_free. */
typedef struct precis_doc_graph {
    size_t n;
    size_t *row;
    uint32_t *to;
    double *weight;
} precis_doc_graph;

void precis_doc_graph_free(precis_doc_graph *g);

/* The union of the neighbour lists lists[d * PRECIS_CLUSTER_NEIGHBOURS ...]
 * of lengths counts[d], for n documents. */
precis_status precis_doc_graph_build(precis_doc_graph *g, size_t n, const precis_ranked *lists,
                                     const size_t *counts);

/* Label propagation on g: story[d] is the label of document d, the
 * number of one of its story's documents. */
precis_status precis_cluster_propagate(const precis_doc_graph *g, double threshold,
                                       uint32_t *story);

/* Merges the stories of story[0, n) (as labels) until at most max_stories
 * remain (max_stories >= 1); *lumped is set when unlinked stories had to
 * be put together into one, whose label is then lumped_label. */
precis_status precis_cluster_merge(const precis_doc_graph *g, uint32_t *story,
                                   size_t max_stories, uint32_t *lumped_label, int *lumped);

#endif

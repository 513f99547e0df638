/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * topics.h - the layout of precis_topics, filled by topics.c (topic
 * digests: documents grouped into stories, each story labelled and
 * summarized) and read by the renderer (output.c).
 *
 * The stages: each document is read, split and tokenized (docvec.c counts
 * the terms of its title and lead, label.c finds its headline); the terms
 * of all documents are numbered in byte order and weighed (docvec.c);
 * cluster.c links every document to its nearest neighbours and finds the
 * stories; each story gets its label (label.c) and its digest (digest.c).
 * Reading the documents, finding neighbours and summarizing stories run
 * on the context's threads, each with a context of its own; everything
 * that decides the outcome is done in the documents' canonical order, so
 * the result is the same for any number of threads and any input order.
 */
#ifndef PRECIS_TOPICS_H
#define PRECIS_TOPICS_H

#include <stddef.h>

#include "precis.h"

typedef struct precis_topic {
    const char *label;       /* NUL-terminated, in the block of labels */
    size_t first, count;     /* its documents: members[first, first + count) */
    precis_result *summary;  /* owned */
} precis_topic;

struct precis_topics {
    size_t count;
    precis_topic *topics;
    size_t n_docs;           /* the documents grouped */
    size_t *members;         /* n_docs indices into them, story by story, each
                                story's in the order of the documents */
    char *labels;
};

#endif

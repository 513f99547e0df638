/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * context.h - the layout of precis_ctx: the options a caller sets and the
 * scratch memory of every stage, reused from one document to the next.
 * context.c creates and configures contexts; the stages that run a whole
 * document (analyse.c, precis.c, digest.c, idf.c) read and fill them.
 */
#ifndef PRECIS_CONTEXT_H
#define PRECIS_CONTEXT_H

#include <stddef.h>

#include "encoding.h"
#include "graph.h"
#include "keywords.h"
#include "precis.h"
#include "prior.h"
#include "query.h"
#include "rank.h"
#include "read_text.h"
#include "reader.h"
#include "repeats.h"
#include "segment.h"
#include "select.h"
#include "tfidf.h"
#include "tokenize.h"
#include "walk.h"

#define PRECIS_DAMPING 0.85
/* Room for an encoding's name and its NUL. */
#define PRECIS_ENCODING_NAME_MAX 64
#define PRECIS_LANG_AUTO (-1)

struct precis_html;
struct precis_markdown;
struct precis_email;

struct precis_ctx {
    /* options */
    int lang; /* PRECIS_LANG_AUTO or an index into precis_languages */
    precis_input_format format;
    char encoding[PRECIS_ENCODING_NAME_MAX];          /* forced; "" for none */
    char declared_encoding[PRECIS_ENCODING_NAME_MAX]; /* declared by a transport; "" */
    precis_budget budget;
    precis_algorithm algorithm;
    double diversity;     /* -1 until set: then 0, or PRECIS_DEFAULT_QUERY_DIVERSITY with a query */
    char *query;          /* NUL-terminated copy, NULL for none */
    size_t query_len;
    int keep_headings;
    size_t max_bytes;     /* 0: no limit */
    size_t max_sentences; /* 0: no limit */
    const precis_idf *idf; /* borrowed corpus table, NULL for sentence-level idf */
    size_t keyword_count;  /* keyphrases a list holds at most */
    size_t threads;        /* threads a topic digest may run on, 1 and up */
    /* the stages' scratch */
    precis_stemmer stemmers[64]; /* opened on first use, per language */
    precis_folder folder;
    precis_reading reading;
    precis_text_reader text_reader;
    struct precis_html *html; /* the web page reader, made on first use */
    struct precis_markdown *markdown; /* the Markdown reader, made on first use */
    struct precis_email *email;       /* the e-mail reader, made on first use */
    precis_decoded decoded;   /* plain text decoded to UTF-8 */
    precis_segmenter seg;
    precis_tokens tok;
    precis_tfidf tfidf;
    precis_graph graph;
    precis_prior prior;
    precis_walk walk;
    precis_ranker ranker;
    precis_selector selector;
    precis_keyworder keyworder;
    precis_relevance relevance;
    precis_repeats repeats;
    double *scores;
    size_t scores_cap;
    double *teleport;
    size_t teleport_cap;
    precis_ranked *order;
    size_t order_cap;
    unsigned char *chosen;
    size_t chosen_cap;
    size_t *lengths;
    size_t lengths_cap;
    char error[256];
};

/* Records a printf-style explanation in ctx->error and returns status. */
precis_status precis_ctx_fail(precis_ctx *ctx, precis_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Clears the last error of a call that stores its result in *out and
 * checks the context and out: *out is set to NULL when out is not NULL. */
precis_status precis_ctx_begin(precis_ctx *ctx, void **out);

/* The Snowball stemmers of language lang, opened on first use; *out is
 * NULL for a language without one. */
precis_status precis_ctx_stemmer(precis_ctx *ctx, int lang, const precis_stemmer **out);

/* The corpus table set on ctx as term weighting reads it (in *held), or
 * NULL when there is none. */
const precis_corpus_df *precis_ctx_corpus_df(const precis_ctx *ctx, precis_corpus_df *held);

/* The diversity in effect: the one set, else the default of a summary
 * focused on a query (focused) or not. */
double precis_ctx_diversity(const precis_ctx *ctx, int focused);
/* Gives dst the options of src (not its scratch memory), so that dst
 * analyses and summarizes as src would. */
void precis_ctx_copy_options(precis_ctx *dst, const precis_ctx *src);

/* Makes room in the per-sentence arrays (scores, teleport, order, chosen,
 * lengths) for n sentences. */
precis_status precis_ctx_reserve(precis_ctx *ctx, size_t n);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * topics.c - topic digests: documents grouped into stories, each story
 * labelled and summarized (precis_digest_topics and the accessors of its
 * result).
 */
#include "topics.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "analyse.h"
#include "buffer.h"
#include "cluster.h"
#include "context.h"
#include "docvec.h"
#include "idf.h"
#include "label.h"
#include "result.h"
#include "strtab.h"
#include "util.h"

/* A document, kept in canonical order. */
typedef struct topic_doc {
    const precis_document *source; /* the caller's: its format and encoding as well */
    const char *text;
    size_t len;
    const char *name;
    size_t input;   /* its index in docs */
    uint64_t hash;  /* of its text, unseeded: the canonical order must not vary */
    size_t worker;  /* the worker that read it, and where its findings are there: */
    size_t counts_at, counts_len; /* term counts of its title and lead (terms: the
                                     worker's numbers, then the run's) */
    int has_headline;
    size_t headline_at, headline_len; /* the headline, white space folded */
    size_t terms_at, terms_len;       /* the headline's terms: the worker's numbers, then ranks */
    size_t distinct;                  /* the headline's distinct terms */
} topic_doc;

typedef struct topic_story {
    uint32_t label;  /* from the clustering */
    size_t size;
    size_t earliest; /* its first document in docs */
    size_t first;    /* its documents: by_story[first, first + size), canonical order */
    size_t worker;   /* the worker that labelled it, and where the label is there */
    size_t label_at, label_len;
    precis_result *summary;
} topic_story;

struct topic_run;

/* One thread's context and scratch memory. Worker 0 runs on the calling
 * thread with the caller's context. */
typedef struct topic_worker {
    struct topic_run *run;
    size_t id;
    precis_ctx *ctx;
    /* reading: the terms of titles, leads and headlines get numbers of the
     * worker's (the context's vocabulary is emptied now and then) */
    precis_strtab terms_read;
    precis_docvec_counter counter;
    precis_docvec_count *counts;
    size_t counts_len, counts_cap;
    uint32_t *terms; /* headline terms */
    size_t terms_len, terms_cap;
    precis_buffer headlines;
    /* neighbours */
    precis_neighbour_finder finder;
    /* stories */
    double *centroid;  /* per term (by rank), zero between stories */
    uint32_t *touched; /* terms set in centroid */
    size_t touched_cap;
    precis_ranked *central;
    size_t central_cap;
    size_t *chosen, *new_doc, *input_len;
    size_t chosen_cap, new_doc_cap, input_len_cap;
    precis_document *sub;
    size_t sub_cap;
    uint32_t *token_term; /* per token of a document: its term's rank, or PRECIS_LABEL_NO_TERM */
    size_t token_term_cap;
    precis_keyphrases keyphrases;
    precis_buffer labels;
    /* the first item that failed, SIZE_MAX for none */
    size_t failed;
    precis_status status;
} topic_worker;

typedef struct topic_run {
    precis_ctx *ctx;
    const precis_document *docs;
    size_t n, doc_size;
    size_t threads;
    topic_worker *workers;
    atomic_size_t next;
    size_t items; /* of the phase that runs */
    topic_doc *doc;
    /* terms of every document, numbered in byte order */
    precis_strtab terms;
    uint32_t *rank;
    size_t nterms;
    uint32_t *df[2];
    double *idf[2];
    /* vectors and the graph */
    size_t *row;
    precis_docvec_entry *entry;
    size_t entry_len, entry_cap;
    precis_docvecs vecs;
    precis_doc_index index;
    precis_ranked *lists;
    size_t *list_len;
    precis_doc_graph graph;
    /* stories */
    uint32_t *story; /* per document: its label */
    int lumped;
    uint32_t lumped_label;
    topic_story *stories;
    size_t n_stories;
    size_t *by_story; /* documents story by story, canonical order */
    size_t *listing;  /* the same in the order of docs, as input indices */
} topic_run;

/* ------------------------------------------------------------------ */
/* Threads                                                            */

/* Runs work on every worker over items [0, count), each taken once, in
 * order; a worker stops at its first failure. Returns the failure of the
 * smallest item (every item before it was done), explained in the
 * caller's context. */
static precis_status run_workers(topic_run *run, size_t count, void *(*work)(void *))
{
    atomic_store(&run->next, 0);
    run->items = count;
    pthread_t tid[PRECIS_MAX_THREADS];
    int started[PRECIS_MAX_THREADS] = {0};
    for (size_t w = 0; w < run->threads; w++)
        run->workers[w].failed = SIZE_MAX;
    for (size_t w = 1; w < run->threads; w++)
        started[w] = pthread_create(&tid[w], NULL, work, &run->workers[w]) == 0;
    work(&run->workers[0]);
    for (size_t w = 1; w < run->threads; w++)
        if (started[w])
            pthread_join(tid[w], NULL);
    const topic_worker *failed = NULL;
    for (size_t w = 0; w < run->threads; w++)
        if (run->workers[w].failed != SIZE_MAX &&
            (failed == NULL || run->workers[w].failed < failed->failed))
            failed = &run->workers[w];
    if (failed == NULL)
        return PRECIS_OK;
    if (failed->ctx != run->ctx)
        memcpy(run->ctx->error, failed->ctx->error, sizeof run->ctx->error);
    return failed->status;
}

/* The next item for w, or SIZE_MAX when there is none left. */
static size_t next_item(topic_worker *w)
{
    size_t item = atomic_fetch_add(&w->run->next, 1);
    return item < w->run->items ? item : SIZE_MAX;
}

static void worker_failed(topic_worker *w, size_t item, precis_status st)
{
    w->failed = item;
    w->status = st;
}

static void worker_free(topic_worker *w, int own_ctx)
{
    precis_strtab_free(&w->terms_read);
    precis_docvec_counter_free(&w->counter);
    free(w->counts);
    free(w->terms);
    precis_buf_release(&w->headlines);
    precis_neighbour_finder_free(&w->finder);
    free(w->centroid);
    free(w->touched);
    free(w->central);
    free(w->chosen);
    free(w->new_doc);
    free(w->input_len);
    free(w->sub);
    free(w->token_term);
    precis_keyphrases_free(&w->keyphrases);
    precis_buf_release(&w->labels);
    if (own_ctx)
        precis_ctx_free(w->ctx);
}

/* ------------------------------------------------------------------ */
/* Reading                                                            */

static int compare_canonical(const void *a, const void *b)
{
    const topic_doc *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    size_t common = x->len < y->len ? x->len : y->len;
    int c = common > 0 ? memcmp(x->text, y->text, common) : 0;
    if (c != 0)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    if (x->name != y->name) {
        if (x->name == NULL || y->name == NULL)
            return x->name == NULL ? -1 : 1;
        if ((c = strcmp(x->name, y->name)) != 0)
            return c;
    }
    return (x->input > y->input) - (x->input < y->input);
}

/* The documents in canonical order: by a hash of their text (which spreads
 * them evenly), then their bytes, then their names. */
static precis_status order_documents(topic_run *run)
{
    run->doc = calloc(run->n ? run->n : 1, sizeof *run->doc);
    if (run->doc == NULL)
        return precis_ctx_fail(run->ctx, PRECIS_ERR_NOMEM, "out of memory for %zu documents",
                               run->n);
    for (size_t i = 0; i < run->n; i++) {
        const precis_document *d =
            (const precis_document *)((const char *)run->docs + i * run->doc_size);
        if (d->text == NULL && d->len > 0)
            return precis_ctx_fail(run->ctx, PRECIS_ERR_ARGUMENT, "document %zu has no text", i);
        /* Checked here as well as when reading, so that the first document
         * over the limit in the caller's order is the one named. */
        if (run->ctx->max_bytes != 0 && d->len > run->ctx->max_bytes)
            return precis_ctx_fail(run->ctx, PRECIS_ERR_TOO_LARGE,
                                   "document %zu is %zu bytes, over the limit of %zu", i, d->len,
                                   run->ctx->max_bytes);
        run->doc[i] = (topic_doc){.source = d, .text = d->text, .len = d->len, .name = d->name,
                                  .input = i, .hash = precis_hash_bytes(d->text, d->len)};
    }
    qsort(run->doc, run->n, sizeof *run->doc, compare_canonical);
    return PRECIS_OK;
}

/* The worker's number of vocabulary term v of its context. */
static precis_status term_read(topic_worker *w, uint32_t v, uint32_t *id)
{
    size_t len;
    const char *bytes = precis_vocab_term(&w->ctx->tok.vocab, v, &len);
    return precis_strtab_intern(&w->terms_read, bytes, len, id, NULL);
}

/* Reads document `item`: the term counts of its title and lead, and its
 * headline. */
static precis_status read_document(topic_worker *w, size_t item)
{
    topic_doc *doc = &w->run->doc[item];
    precis_ctx *ctx = w->ctx;
    char what[48];
    snprintf(what, sizeof what, "document %zu", doc->input);
    int lang;
    precis_status st = precis_analyse_document(
        ctx, doc->source, PRECIS_ANALYSE_TOKENIZE | PRECIS_ANALYSE_WORDS, what, &lang);
    if (st != PRECIS_OK)
        return st;
    doc->worker = w->id;
    doc->counts_at = w->counts_len;
    if (precis_docvec_count_terms(&w->counter, ctx->seg.spans, ctx->seg.count, &ctx->tok,
                                  &w->counts, &w->counts_len, &w->counts_cap) != PRECIS_OK)
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for %s", what);
    doc->counts_len = w->counts_len - doc->counts_at;
    for (size_t c = doc->counts_at; c < w->counts_len; c++)
        if (term_read(w, w->counts[c].term, &w->counts[c].term) != PRECIS_OK)
            return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for %s", what);
    size_t si;
    if (!precis_label_headline(ctx->reading.text, ctx->seg.spans, ctx->seg.count, &ctx->tok,
                               &si))
        return PRECIS_OK;
    const precis_span *sp = &ctx->seg.spans[si];
    doc->has_headline = 1;
    doc->headline_at = w->headlines.len;
    precis_buf_folded(&w->headlines, ctx->reading.text, sp->start, sp->end);
    if (w->headlines.error != PRECIS_OK)
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for %s", what);
    doc->headline_len = w->headlines.len - doc->headline_at;
    doc->terms_at = w->terms_len;
    for (size_t k = ctx->tok.sents[si].first; k < ctx->tok.sents[si + 1].first; k++) {
        uint32_t t;
        if (term_read(w, ctx->tok.ids[k], &t) != PRECIS_OK)
            return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for %s", what);
        int seen = 0;
        for (size_t j = doc->terms_at; j < w->terms_len && !seen; j++)
            seen = w->terms[j] == t;
        if (seen)
            continue;
        if (PRECIS_RESERVE(w->terms, w->terms_cap, w->terms_len + 1) != PRECIS_OK)
            return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for %s", what);
        w->terms[w->terms_len++] = t;
    }
    doc->terms_len = doc->distinct = w->terms_len - doc->terms_at;
    return PRECIS_OK;
}

static void *read_documents(void *arg)
{
    topic_worker *w = arg;
    size_t item;
    while ((item = next_item(w)) != SIZE_MAX) {
        precis_status st = read_document(w, item);
        if (st != PRECIS_OK) {
            worker_failed(w, item, st);
            break;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Terms and vectors                                                  */

typedef struct term_bytes {
    const char *bytes;
    size_t len;
    uint32_t id;
} term_bytes;

static int compare_bytes(const void *a, const void *b)
{
    const term_bytes *x = a, *y = b;
    size_t common = x->len < y->len ? x->len : y->len;
    int c = common > 0 ? memcmp(x->bytes, y->bytes, common) : 0;
    if (c != 0)
        return c;
    return (x->len > y->len) - (x->len < y->len);
}

/* The rank of every term in byte order: vectors list their terms in that
 * order, and ties between terms go by it. */
static precis_status rank_terms(topic_run *run)
{
    size_t nt = run->nterms;
    term_bytes *sorted = malloc((nt ? nt : 1) * sizeof *sorted);
    run->rank = malloc((nt ? nt : 1) * sizeof *run->rank);
    if (sorted == NULL || run->rank == NULL) {
        free(sorted);
        return PRECIS_ERR_NOMEM;
    }
    for (uint32_t g = 0; g < nt; g++) {
        sorted[g].bytes = precis_strtab_key(&run->terms, g, &sorted[g].len);
        sorted[g].id = g;
    }
    qsort(sorted, nt, sizeof *sorted, compare_bytes);
    for (size_t r = 0; r < nt; r++)
        run->rank[sorted[r].id] = (uint32_t)r;
    free(sorted);
    return PRECIS_OK;
}

/* The idf of every term in either part: from the documents' own counts,
 * or the context's corpus table; 0 (left out) for a term of a single
 * document of the set, which links nothing. */
static precis_status weigh_terms(topic_run *run)
{
    const precis_idf *table = run->ctx->idf;
    int use_table = table != NULL && table->documents > 0;
    for (int part = 0; part < 2; part++) {
        run->idf[part] = malloc((run->nterms ? run->nterms : 1) * sizeof *run->idf[part]);
        if (run->idf[part] == NULL)
            return PRECIS_ERR_NOMEM;
    }
    for (uint32_t g = 0; g < run->nterms; g++) {
        double corpus_df = 0.0;
        if (use_table) {
            size_t len;
            const char *bytes = precis_strtab_key(&run->terms, g, &len);
            corpus_df = (double)precis_dftable_df(&table->table, bytes, len);
        }
        for (int part = 0; part < 2; part++) {
            uint32_t df = run->df[part][g];
            run->idf[part][g] =
                df <= 1 ? 0.0
                        : use_table ? precis_docvec_idf(corpus_df, (double)table->documents)
                                    : precis_docvec_idf((double)df, (double)run->n);
        }
    }
    return PRECIS_OK;
}

/* Numbers the terms of every document (in canonical order, so that the
 * numbers never depend on which worker read what), counts their document
 * frequencies, ranks and weighs them. */
static precis_status number_terms(topic_run *run)
{
    precis_status st = PRECIS_ERR_NOMEM;
    run->terms.seed = precis_strtab_random_seed();
    uint32_t **global = calloc(run->threads, sizeof *global);
    size_t df_cap[2] = {0, 0};
    if (global == NULL)
        return PRECIS_ERR_NOMEM;
    for (size_t w = 0; w < run->threads; w++) {
        size_t read = run->workers[w].terms_read.count;
        if ((global[w] = calloc(read ? read : 1, sizeof *global[w])) == NULL)
            goto done;
    }
    for (size_t item = 0; item < run->n; item++) {
        const topic_doc *doc = &run->doc[item];
        topic_worker *w = &run->workers[doc->worker];
        for (size_t c = doc->counts_at; c < doc->counts_at + doc->counts_len; c++) {
            precis_docvec_count *count = &w->counts[c];
            uint32_t *g = &global[doc->worker][count->term];
            if (*g == 0) {
                size_t len;
                const char *bytes = precis_strtab_key(&w->terms_read, count->term, &len);
                uint32_t id;
                int added;
                if (precis_strtab_intern(&run->terms, bytes, len, &id, &added) != PRECIS_OK)
                    goto done;
                *g = id + 1;
                for (int part = 0; part < 2 && added; part++) {
                    if (PRECIS_RESERVE(run->df[part], df_cap[part], (size_t)id + 1) != PRECIS_OK)
                        goto done;
                    run->df[part][id] = 0;
                }
            }
            count->term = *g - 1;
            run->df[PRECIS_DOCVEC_ALL][count->term]++;
            run->df[PRECIS_DOCVEC_NAMES][count->term] += count->names > 0.0f;
        }
    }
    run->nterms = run->terms.count;
    if (run->nterms > (UINT32_MAX - 1) / 2) {
        st = PRECIS_ERR_TOO_LARGE;
        goto done;
    }
    if (rank_terms(run) != PRECIS_OK || weigh_terms(run) != PRECIS_OK)
        goto done;
    /* Headline terms by rank; a term that no title or lead holds weighs
     * nothing and is dropped (it still counts among the headline's
     * distinct terms). */
    for (size_t item = 0; item < run->n; item++) {
        topic_doc *doc = &run->doc[item];
        topic_worker *w = &run->workers[doc->worker];
        size_t kept = doc->terms_at;
        for (size_t j = doc->terms_at; j < doc->terms_at + doc->terms_len; j++) {
            uint32_t v = w->terms[j], id;
            if (global[doc->worker][v] != 0) {
                id = global[doc->worker][v] - 1;
            } else {
                size_t len;
                const char *bytes = precis_strtab_key(&w->terms_read, v, &len);
                if (!precis_strtab_find(&run->terms, bytes, len, &id))
                    continue;
            }
            w->terms[kept++] = run->rank[id];
        }
        doc->terms_len = kept - doc->terms_at;
    }
    st = PRECIS_OK;
done:
    for (size_t w = 0; w < run->threads; w++)
        free(global[w]);
    free(global);
    return st;
}

/* Every document's vector, in canonical order. */
static precis_status build_vectors(topic_run *run)
{
    size_t longest = 0;
    for (size_t item = 0; item < run->n; item++)
        if (run->doc[item].counts_len > longest)
            longest = run->doc[item].counts_len;
    precis_ranked *heap = malloc((longest ? longest : 1) * sizeof *heap);
    run->row = malloc((run->n + 1) * sizeof *run->row);
    if (heap == NULL || run->row == NULL) {
        free(heap);
        return PRECIS_ERR_NOMEM;
    }
    const double *const idf[2] = {run->idf[0], run->idf[1]};
    for (size_t item = 0; item < run->n; item++) {
        const topic_doc *doc = &run->doc[item];
        run->row[item] = run->entry_len;
        if (PRECIS_RESERVE(run->entry, run->entry_cap,
                           run->entry_len + 2 * PRECIS_DOCVEC_TERMS) != PRECIS_OK) {
            free(heap);
            return PRECIS_ERR_NOMEM;
        }
        run->entry_len += precis_docvec_build(run->workers[doc->worker].counts + doc->counts_at,
                                              doc->counts_len, idf, run->rank, heap,
                                              run->entry + run->entry_len);
    }
    run->row[run->n] = run->entry_len;
    free(heap);
    run->vecs = (precis_docvecs){run->n, run->row, run->entry, 2 * run->nterms};
    /* The counts are all in the vectors now. */
    for (size_t w = 0; w < run->threads; w++) {
        free(run->workers[w].counts);
        run->workers[w].counts = NULL;
        run->workers[w].counts_cap = run->workers[w].counts_len = 0;
    }
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* The graph and the stories                                          */

static void *find_neighbours(void *arg)
{
    topic_worker *w = arg;
    topic_run *run = w->run;
    if (precis_neighbour_finder_reset(&w->finder, run->n) != PRECIS_OK) {
        worker_failed(w, 0, precis_ctx_fail(w->ctx, PRECIS_ERR_NOMEM,
                                            "out of memory for the neighbours of documents"));
        return NULL;
    }
    size_t item;
    while ((item = next_item(w)) != SIZE_MAX) {
        precis_status st =
            precis_doc_neighbours(&w->finder, &run->index, &run->vecs, item,
                                  run->lists + item * PRECIS_CLUSTER_NEIGHBOURS,
                                  &run->list_len[item]);
        if (st != PRECIS_OK) {
            worker_failed(w, item, precis_ctx_fail(w->ctx, st, "finding neighbours failed: %s",
                                                   precis_status_str(st)));
            break;
        }
    }
    return NULL;
}

static precis_status link_documents(topic_run *run)
{
    precis_status st = precis_doc_index_build(&run->index, &run->vecs);
    if (st != PRECIS_OK)
        return precis_ctx_fail(run->ctx, st, "out of memory for the index of documents");
    if (run->n > SIZE_MAX / PRECIS_CLUSTER_NEIGHBOURS / sizeof *run->lists ||
        (run->lists = malloc((run->n ? run->n : 1) * PRECIS_CLUSTER_NEIGHBOURS *
                             sizeof *run->lists)) == NULL ||
        (run->list_len = calloc(run->n ? run->n : 1, sizeof *run->list_len)) == NULL)
        return precis_ctx_fail(run->ctx, PRECIS_ERR_NOMEM, "out of memory for the neighbours");
    if ((st = run_workers(run, run->n, find_neighbours)) != PRECIS_OK)
        return st;
    precis_doc_index_free(&run->index);
    st = precis_doc_graph_build(&run->graph, run->n, run->lists, run->list_len);
    free(run->lists);
    free(run->list_len);
    run->lists = NULL;
    run->list_len = NULL;
    if (st != PRECIS_OK)
        return precis_ctx_fail(run->ctx, st, "out of memory for the graph of documents");
    return PRECIS_OK;
}

/* Stories biggest first; ties: the one whose earliest document comes
 * first. */
static int compare_stories(const void *a, const void *b)
{
    const topic_story *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return (x->earliest > y->earliest) - (x->earliest < y->earliest);
}

static int compare_size_t(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The stories of the labels in run->story, in output order, with their
 * documents. */
static precis_status gather_stories(topic_run *run)
{
    size_t n = run->n;
    uint32_t *number = malloc((n ? n : 1) * sizeof *number);
    run->stories = calloc(n ? n : 1, sizeof *run->stories);
    run->by_story = malloc((n ? n : 1) * sizeof *run->by_story);
    run->listing = malloc((n ? n : 1) * sizeof *run->listing);
    if (number == NULL || run->stories == NULL || run->by_story == NULL || run->listing == NULL) {
        free(number);
        return PRECIS_ERR_NOMEM;
    }
    for (size_t d = 0; d < n; d++)
        number[d] = UINT32_MAX;
    size_t count = 0;
    for (size_t d = 0; d < n; d++) {
        uint32_t label = run->story[d];
        if (number[label] == UINT32_MAX) {
            number[label] = (uint32_t)count;
            run->stories[count++] = (topic_story){.label = label, .earliest = SIZE_MAX};
        }
        topic_story *s = &run->stories[number[label]];
        s->size++;
        if (run->doc[d].input < s->earliest)
            s->earliest = run->doc[d].input;
    }
    qsort(run->stories, count, sizeof *run->stories, compare_stories);
    size_t at = 0;
    for (size_t k = 0; k < count; k++) {
        number[run->stories[k].label] = (uint32_t)k;
        run->stories[k].first = at;
        at += run->stories[k].size;
    }
    size_t *fill = malloc((count ? count : 1) * sizeof *fill);
    if (fill == NULL) {
        free(number);
        return PRECIS_ERR_NOMEM;
    }
    for (size_t k = 0; k < count; k++)
        fill[k] = run->stories[k].first;
    for (size_t d = 0; d < n; d++) {
        size_t k = number[run->story[d]];
        run->listing[fill[k]] = run->doc[d].input;
        run->by_story[fill[k]++] = d;
    }
    for (size_t k = 0; k < count; k++)
        qsort(run->listing + run->stories[k].first, run->stories[k].size, sizeof *run->listing,
              compare_size_t);
    free(fill);
    free(number);
    run->n_stories = count;
    return PRECIS_OK;
}

static precis_status find_stories(topic_run *run, size_t max_topics)
{
    run->story = malloc((run->n ? run->n : 1) * sizeof *run->story);
    if (run->story == NULL ||
        precis_cluster_propagate(&run->graph, PRECIS_CLUSTER_THRESHOLD, run->story) != PRECIS_OK)
        return precis_ctx_fail(run->ctx, PRECIS_ERR_NOMEM, "out of memory for the stories");
    if (max_topics != PRECIS_TOPICS_AUTO) {
        precis_status st = precis_cluster_merge(&run->graph, run->story, max_topics,
                                                &run->lumped_label, &run->lumped);
        if (st != PRECIS_OK)
            return precis_ctx_fail(run->ctx, st, "merging stories failed: %s",
                                   precis_status_str(st));
    }
    if (gather_stories(run) != PRECIS_OK)
        return precis_ctx_fail(run->ctx, PRECIS_ERR_NOMEM, "out of memory for the stories");
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* Labels and summaries                                               */

/* Makes room in w's per-story arrays for a story of size documents. */
static precis_status story_scratch(topic_worker *w, size_t size)
{
    size_t nterms = w->run->nterms;
    if (w->centroid == NULL &&
        (w->centroid = calloc(nterms ? nterms : 1, sizeof *w->centroid)) == NULL)
        return PRECIS_ERR_NOMEM;
    if (PRECIS_RESERVE(w->central, w->central_cap, size) != PRECIS_OK ||
        PRECIS_RESERVE(w->chosen, w->chosen_cap, size) != PRECIS_OK ||
        PRECIS_RESERVE(w->new_doc, w->new_doc_cap, size) != PRECIS_OK ||
        PRECIS_RESERVE(w->input_len, w->input_len_cap, size) != PRECIS_OK ||
        PRECIS_RESERVE(w->sub, w->sub_cap, size) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    return PRECIS_OK;
}

/* The story's documents ranked by centrality (the summed similarity to the
 * others of the story, ties by canonical order) in w->central, and the
 * PRECIS_TOPICS_SUMMARIZED most central in canonical order in w->chosen;
 * returns how many were chosen. */
static size_t choose_documents(topic_worker *w, const topic_story *s)
{
    const topic_run *run = w->run;
    const precis_doc_graph *g = &run->graph;
    const size_t *members = run->by_story + s->first;
    for (size_t j = 0; j < s->size; j++) {
        size_t d = members[j];
        double degree = 0.0;
        for (size_t e = g->row[d]; e < g->row[d + 1]; e++)
            if (run->story[g->to[e]] == s->label)
                degree += g->weight[e];
        w->central[j] = (precis_ranked){degree, d};
    }
    size_t m = s->size;
    if (m > PRECIS_TOPICS_SUMMARIZED) {
        precis_keep_best(w->central, m, PRECIS_TOPICS_SUMMARIZED);
        m = PRECIS_TOPICS_SUMMARIZED;
    }
    for (size_t j = 0; j < m; j++)
        w->chosen[j] = w->central[j].index;
    qsort(w->chosen, m, sizeof *w->chosen, compare_size_t);
    return m;
}

/* The centroid of the story's vectors (the all-words part) in
 * w->centroid, by term rank; the terms set are listed in w->touched
 * (*touched). */
static precis_status story_centroid(topic_worker *w, const topic_story *s, size_t *touched)
{
    const topic_run *run = w->run;
    size_t t = 0;
    for (size_t j = 0; j < s->size; j++) {
        size_t d = run->by_story[s->first + j];
        for (size_t e = run->row[d]; e < run->row[d + 1]; e++) {
            const precis_docvec_entry *en = &run->entry[e];
            if (en->key % 2 != PRECIS_DOCVEC_ALL)
                continue;
            uint32_t rank = en->key / 2;
            if (w->centroid[rank] == 0.0) {
                if (PRECIS_RESERVE(w->touched, w->touched_cap, t + 1) != PRECIS_OK)
                    return PRECIS_ERR_NOMEM;
                w->touched[t++] = rank;
            }
            w->centroid[rank] += en->weight / (double)s->size;
        }
    }
    *touched = t;
    return PRECIS_OK;
}

/* Analyses document d of the run again, its words recorded. */
static precis_status reread(topic_worker *w, size_t d, unsigned steps)
{
    const topic_doc *doc = &w->run->doc[d];
    char what[48];
    snprintf(what, sizeof what, "document %zu", doc->input);
    int lang;
    return precis_analyse_document(w->ctx, doc->source, (int)steps, what, &lang);
}

/* The keyphrases of the story's chosen documents (m of them). */
static precis_status story_keyphrases(topic_worker *w, size_t m)
{
    const topic_run *run = w->run;
    precis_ctx *ctx = w->ctx;
    precis_keyphrases_reset(&w->keyphrases);
    for (size_t j = 0; j < m; j++) {
        precis_status st = reread(w, w->chosen[j], PRECIS_ANALYSE_TOKENIZE | PRECIS_ANALYSE_WORDS);
        if (st != PRECIS_OK)
            return st;
        const precis_tokens *tok = &ctx->tok;
        if (PRECIS_RESERVE(w->token_term, w->token_term_cap, tok->count) != PRECIS_OK)
            return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for a label");
        for (size_t k = 0; k < tok->count; k++) {
            size_t len;
            const char *bytes = precis_vocab_term(&tok->vocab, tok->ids[k], &len);
            uint32_t id;
            w->token_term[k] = precis_strtab_find(&run->terms, bytes, len, &id)
                                   ? run->rank[id]
                                   : PRECIS_LABEL_NO_TERM;
        }
        if (precis_keyphrases_add(&w->keyphrases, ctx->reading.text, ctx->seg.count, tok,
                                  w->token_term, w->centroid) != PRECIS_OK)
            return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for a label");
    }
    if (precis_keyphrases_write(&w->keyphrases, w->centroid, &w->labels) != PRECIS_OK)
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for a label");
    return PRECIS_OK;
}

/* The label of story s into w->labels: its most central headline, else
 * its keyphrases (with more than one document), else the opening words of
 * its most central document. */
static precis_status label_story(topic_worker *w, topic_story *s, size_t m)
{
    const topic_run *run = w->run;
    s->worker = w->id;
    s->label_at = w->labels.len;
    if (run->lumped && s->label == run->lumped_label) {
        precis_buf_puts(&w->labels, PRECIS_TOPICS_OTHER_LABEL);
    } else {
        const topic_doc *best = NULL;
        double best_score = -1.0;
        for (size_t j = 0; j < s->size; j++) {
            const topic_doc *doc = &run->doc[run->by_story[s->first + j]];
            if (!doc->has_headline)
                continue;
            double score = precis_label_headline_score(
                run->workers[doc->worker].terms + doc->terms_at, doc->terms_len, doc->distinct,
                w->centroid);
            if (score > best_score) {
                best = doc;
                best_score = score;
            }
        }
        /* The keyphrases of a single document would rest on the few words
         * it shares with others; its opening words say more. */
        precis_status st;
        if (best != NULL) {
            precis_buf_append(&w->labels,
                              run->workers[best->worker].headlines.data + best->headline_at,
                              best->headline_len);
        } else if (s->size > 1 && (st = story_keyphrases(w, m)) != PRECIS_OK) {
            return st;
        }
        if (w->labels.len == s->label_at) {
            /* The opening of the most central document, among the chosen
             * ones (the first m of w->central). */
            size_t top = 0;
            for (size_t j = 1; j < m; j++)
                if (precis_ranked_before(&w->central[j], &w->central[top]))
                    top = j;
            size_t d = w->central[top].index;
            if ((st = reread(w, d, 0)) != PRECIS_OK)
                return st;
            if (w->ctx->seg.count > 0)
                precis_label_opening(w->ctx->reading.text, w->ctx->seg.spans[0].start,
                                     w->ctx->seg.spans[0].end, &w->labels);
        }
    }
    if (w->labels.error != PRECIS_OK)
        return precis_ctx_fail(w->ctx, PRECIS_ERR_NOMEM, "out of memory for a label");
    s->label_len = w->labels.len - s->label_at;
    return PRECIS_OK;
}

/* The digest of the story's chosen documents (m of them, given in
 * canonical order), renumbered to the story's order of documents. */
static precis_status summarize_story(topic_worker *w, topic_story *s, size_t m, size_t k)
{
    const topic_run *run = w->run;
    const size_t *listing = run->listing + s->first;
    for (size_t j = 0; j < m; j++) {
        const topic_doc *doc = &run->doc[w->chosen[j]];
        w->sub[j] = *doc->source;
        /* Its place among the story's documents, which are sorted. */
        size_t lo = 0, hi = s->size;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (listing[mid] < doc->input)
                lo = mid + 1;
            else
                hi = mid;
        }
        w->new_doc[j] = lo;
    }
    for (size_t j = 0; j < s->size; j++) {
        const precis_document *d =
            (const precis_document *)((const char *)run->docs + listing[j] * run->doc_size);
        w->input_len[j] = d->len;
    }
    precis_result *digest;
    precis_status st = precis_digest(w->ctx, w->sub, m, sizeof *w->sub, &digest);
    if (st != PRECIS_OK) {
        char why[sizeof w->ctx->error];
        memcpy(why, w->ctx->error, sizeof why);
        return precis_ctx_fail(w->ctx, st, "story %zu: %s", k + 1, why);
    }
    st = precis_result_summary_only(digest, s->size, w->new_doc, w->input_len, &s->summary);
    precis_result_free(digest);
    if (st != PRECIS_OK)
        return precis_ctx_fail(w->ctx, st, "out of memory for the summary of story %zu", k + 1);
    return PRECIS_OK;
}

static precis_status do_story(topic_worker *w, size_t k)
{
    topic_story *s = &w->run->stories[k];
    if (story_scratch(w, s->size) != PRECIS_OK)
        return precis_ctx_fail(w->ctx, PRECIS_ERR_NOMEM, "out of memory for story %zu", k + 1);
    size_t m = choose_documents(w, s), touched = 0;
    precis_status st = story_centroid(w, s, &touched);
    if (st != PRECIS_OK)
        st = precis_ctx_fail(w->ctx, st, "out of memory for story %zu", k + 1);
    else
        st = label_story(w, s, m);
    for (size_t t = 0; t < touched; t++)
        w->centroid[w->touched[t]] = 0.0;
    if (st != PRECIS_OK)
        return st;
    return summarize_story(w, s, m, k);
}

static void *do_stories(void *arg)
{
    topic_worker *w = arg;
    size_t item;
    while ((item = next_item(w)) != SIZE_MAX) {
        precis_status st = do_story(w, item);
        if (st != PRECIS_OK) {
            worker_failed(w, item, st);
            break;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* The result                                                         */

static precis_status make_topics(topic_run *run, precis_topics **out)
{
    precis_topics *t = calloc(1, sizeof *t);
    size_t label_bytes = 0;
    for (size_t k = 0; k < run->n_stories; k++)
        label_bytes += run->stories[k].label_len + 1;
    if (t == NULL || (t->topics = calloc(run->n_stories ? run->n_stories : 1,
                                         sizeof *t->topics)) == NULL ||
        (t->labels = malloc(label_bytes ? label_bytes : 1)) == NULL) {
        precis_topics_free(t);
        return PRECIS_ERR_NOMEM;
    }
    t->count = run->n_stories;
    t->n_docs = run->n;
    t->members = run->listing;
    run->listing = NULL;
    char *at = t->labels;
    for (size_t k = 0; k < run->n_stories; k++) {
        topic_story *s = &run->stories[k];
        const precis_buffer *labels = &run->workers[s->worker].labels;
        if (s->label_len > 0)
            memcpy(at, labels->data + s->label_at, s->label_len);
        at[s->label_len] = '\0';
        t->topics[k] = (precis_topic){at, s->first, s->size, s->summary};
        s->summary = NULL;
        at += s->label_len + 1;
    }
    *out = t;
    return PRECIS_OK;
}

static void run_free(topic_run *run, size_t started_workers)
{
    if (run->workers != NULL)
        for (size_t w = 0; w < started_workers; w++)
            worker_free(&run->workers[w], run->workers[w].ctx != run->ctx);
    free(run->workers);
    free(run->doc);
    precis_strtab_free(&run->terms);
    free(run->rank);
    for (int part = 0; part < 2; part++) {
        free(run->df[part]);
        free(run->idf[part]);
    }
    free(run->row);
    free(run->entry);
    precis_doc_index_free(&run->index);
    free(run->lists);
    free(run->list_len);
    precis_doc_graph_free(&run->graph);
    free(run->story);
    if (run->stories != NULL)
        for (size_t k = 0; k < run->n_stories; k++)
            precis_result_free(run->stories[k].summary);
    free(run->stories);
    free(run->by_story);
    free(run->listing);
}

/* Workers: the calling thread with ctx, and up to ctx->threads - 1 more,
 * each with a context configured as ctx (fewer when one cannot be made:
 * the result does not depend on their number). */
static size_t start_workers(topic_run *run)
{
    size_t want = run->ctx->threads;
    if (want > run->n)
        want = run->n > 0 ? run->n : 1;
    run->workers = calloc(want, sizeof *run->workers);
    if (run->workers == NULL)
        return 0;
    size_t made = 0;
    for (; made < want; made++) {
        topic_worker *w = &run->workers[made];
        w->run = run;
        w->id = made;
        w->terms_read.seed = precis_strtab_random_seed();
        if (made == 0) {
            w->ctx = run->ctx;
        } else {
            if (precis_ctx_new(&w->ctx) != PRECIS_OK)
                break;
            precis_ctx_copy_options(w->ctx, run->ctx);
            /* The query, the one option with memory of its own: every
             * story's summary is focused on it. */
            if (precis_ctx_set_query(w->ctx, run->ctx->query, run->ctx->query_len) !=
                PRECIS_OK) {
                precis_ctx_free(w->ctx);
                w->ctx = NULL;
                break;
            }
        }
    }
    return made;
}

static precis_status topics_into(topic_run *run, size_t max_topics, precis_topics **out)
{
    precis_status st;
    if ((st = order_documents(run)) != PRECIS_OK)
        return st;
    if ((st = run_workers(run, run->n, read_documents)) != PRECIS_OK)
        return st;
    if ((st = number_terms(run)) != PRECIS_OK)
        return precis_ctx_fail(run->ctx, st, "numbering the terms failed: %s",
                               precis_status_str(st));
    if (build_vectors(run) != PRECIS_OK)
        return precis_ctx_fail(run->ctx, PRECIS_ERR_NOMEM, "out of memory for the vectors");
    if ((st = link_documents(run)) != PRECIS_OK || (st = find_stories(run, max_topics)) != PRECIS_OK ||
        (st = run_workers(run, run->n_stories, do_stories)) != PRECIS_OK)
        return st;
    if (make_topics(run, out) != PRECIS_OK)
        return precis_ctx_fail(run->ctx, PRECIS_ERR_NOMEM, "out of memory for the stories");
    return PRECIS_OK;
}

precis_status precis_digest_topics(precis_ctx *ctx, const precis_document *docs, size_t n,
                                   size_t doc_size, size_t max_topics, precis_topics **out)
{
    precis_status st = precis_ctx_begin(ctx, (void **)out);
    if (st != PRECIS_OK)
        return st;
    if ((docs == NULL && n > 0) || doc_size < sizeof(precis_document))
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "no documents, or a wrong size of one");
    if (n >= UINT32_MAX)
        return precis_ctx_fail(ctx, PRECIS_ERR_TOO_LARGE, "%zu documents are too many", n);
    topic_run run = {.ctx = ctx, .docs = docs, .n = n, .doc_size = doc_size};
    run.threads = start_workers(&run);
    if (run.threads == 0)
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for the workers");
    st = topics_into(&run, max_topics, out);
    run_free(&run, run.threads);
    return st;
}

/* ------------------------------------------------------------------ */
/* Accessors                                                          */

void precis_topics_free(precis_topics *topics)
{
    if (topics == NULL)
        return;
    if (topics->topics != NULL)
        for (size_t k = 0; k < topics->count; k++)
            precis_result_free(topics->topics[k].summary);
    free(topics->topics);
    free(topics->members);
    free(topics->labels);
    free(topics);
}

size_t precis_topics_count(const precis_topics *topics)
{
    return topics != NULL ? topics->count : 0;
}

const char *precis_topics_label(const precis_topics *topics, size_t k)
{
    return topics != NULL && k < topics->count ? topics->topics[k].label : NULL;
}

size_t precis_topics_size(const precis_topics *topics, size_t k)
{
    return topics != NULL && k < topics->count ? topics->topics[k].count : 0;
}

size_t precis_topics_document(const precis_topics *topics, size_t k, size_t j)
{
    if (topics == NULL || k >= topics->count || j >= topics->topics[k].count)
        return SIZE_MAX;
    return topics->members[topics->topics[k].first + j];
}

const precis_result *precis_topics_summary(const precis_topics *topics, size_t k)
{
    return topics != NULL && k < topics->count ? topics->topics[k].summary : NULL;
}

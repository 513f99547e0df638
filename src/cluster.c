/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cluster.c - the neighbour graph of documents, label propagation, and
 * average-link merging down to a number of stories.
 */
#include "cluster.h"

#include <string.h>

#include "util.h"

/* ------------------------------------------------------------------ */
/* The inverted index                                                 */

void precis_doc_index_free(precis_doc_index *ix)
{
    if (ix == NULL)
        return;
    free(ix->start);
    free(ix->post);
    memset(ix, 0, sizeof *ix);
}

/* qsort order of ranked items: the one that ranks first first. */
static int compare_best_first(const void *a, const void *b)
{
    const precis_ranked *x = a, *y = b;
    return precis_ranked_before(x, y) ? -1 : precis_ranked_before(y, x) ? 1 : 0;
}

static int compare_index(const void *a, const void *b)
{
    size_t x = ((const precis_ranked *)a)->index, y = ((const precis_ranked *)b)->index;
    return (x > y) - (x < y);
}

/* The entries of document d that go into the index: its heaviest (ties
 * by key), as (weight, key) in top; returns their number. */
static size_t indexed_entries(const precis_docvecs *v, size_t d, precis_ranked *top)
{
    size_t m = 0;
    for (size_t e = v->row[d]; e < v->row[d + 1]; e++)
        top[m++] = (precis_ranked){v->entry[e].weight, v->entry[e].key};
    if (m > PRECIS_CLUSTER_INDEX_TERMS) {
        precis_keep_best(top, m, PRECIS_CLUSTER_INDEX_TERMS);
        m = PRECIS_CLUSTER_INDEX_TERMS;
    }
    return m;
}

precis_status precis_doc_index_build(precis_doc_index *ix, const precis_docvecs *v)
{
    precis_doc_index_free(ix);
    size_t nk = v->nkeys;
    if (nk == SIZE_MAX || (ix->start = calloc(nk + 1, sizeof *ix->start)) == NULL)
        return PRECIS_ERR_NOMEM;
    precis_ranked top[2 * PRECIS_DOCVEC_TERMS];
    size_t total = 0;
    for (size_t d = 0; d < v->n; d++) {
        size_t m = indexed_entries(v, d, top);
        for (size_t k = 0; k < m; k++)
            ix->start[top[k].index]++;
        total += m;
    }
    if ((ix->post = malloc((total ? total : 1) * sizeof *ix->post)) == NULL)
        return PRECIS_ERR_NOMEM;
    /* Offsets from counts, then fill (each key's start moves to its end),
     * then shift back. */
    size_t at = 0;
    for (size_t k = 0; k < nk; k++) {
        size_t c = ix->start[k];
        ix->start[k] = at;
        at += c;
    }
    ix->start[nk] = at;
    for (size_t d = 0; d < v->n; d++) {
        size_t m = indexed_entries(v, d, top);
        for (size_t k = 0; k < m; k++)
            ix->post[ix->start[top[k].index]++] = (precis_ranked){top[k].score, d};
    }
    for (size_t k = nk; k > 0; k--)
        ix->start[k] = ix->start[k - 1];
    ix->start[0] = 0;
    /* Each list best first, cut to its head: the documents where the term
     * weighs most are the ones a look-up needs. */
    size_t kept = 0;
    for (size_t k = 0; k < nk; k++) {
        precis_ranked *list = ix->post + ix->start[k];
        size_t len = ix->start[k + 1] - ix->start[k];
        if (len > PRECIS_CLUSTER_POSTINGS) {
            precis_keep_best(list, len, PRECIS_CLUSTER_POSTINGS);
            len = PRECIS_CLUSTER_POSTINGS;
        }
        qsort(list, len, sizeof *list, compare_best_first);
        memmove(ix->post + kept, list, len * sizeof *list);
        ix->start[k] = kept;
        kept += len;
    }
    ix->start[nk] = kept;
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* Neighbours                                                         */

void precis_neighbour_finder_free(precis_neighbour_finder *f)
{
    if (f == NULL)
        return;
    free(f->acc);
    free(f->seen);
    free(f->cand);
    memset(f, 0, sizeof *f);
}

precis_status precis_neighbour_finder_reset(precis_neighbour_finder *f, size_t n)
{
    if (f->n == n && f->seen != NULL) {
        memset(f->seen, 0, n * sizeof *f->seen);
        return PRECIS_OK;
    }
    precis_neighbour_finder_free(f);
    size_t m = n ? n : 1;
    f->acc = malloc(m * sizeof *f->acc);
    f->seen = calloc(m, sizeof *f->seen);
    f->cand = malloc(m * sizeof *f->cand);
    if (f->acc == NULL || f->seen == NULL || f->cand == NULL) {
        precis_neighbour_finder_free(f);
        return PRECIS_ERR_NOMEM;
    }
    f->n = n;
    return PRECIS_OK;
}

precis_status precis_doc_neighbours(precis_neighbour_finder *f, const precis_doc_index *ix,
                                    const precis_docvecs *v, size_t d, precis_ranked *out,
                                    size_t *count)
{
    *count = 0;
    if (f->n != v->n)
        return PRECIS_ERR_ARGUMENT;
    uint32_t stamp = (uint32_t)d + 1;
    size_t m = 0;
    for (size_t e = v->row[d]; e < v->row[d + 1]; e++) {
        uint32_t key = v->entry[e].key;
        double w = v->entry[e].weight;
        for (size_t p = ix->start[key]; p < ix->start[key + 1]; p++) {
            size_t j = ix->post[p].index;
            if (j == d)
                continue;
            if (f->seen[j] != stamp) {
                f->seen[j] = stamp;
                f->acc[j] = 0.0;
                f->cand[m++].index = j;
            }
            f->acc[j] += w * ix->post[p].score;
        }
    }
    for (size_t c = 0; c < m; c++)
        f->cand[c].score = f->acc[f->cand[c].index];
    if (m > PRECIS_CLUSTER_CANDIDATES) {
        precis_keep_best(f->cand, m, PRECIS_CLUSTER_CANDIDATES);
        m = PRECIS_CLUSTER_CANDIDATES;
    }
    const precis_docvec_entry *a = v->entry + v->row[d];
    size_t na = v->row[d + 1] - v->row[d];
    size_t similar = 0;
    for (size_t c = 0; c < m; c++) {
        size_t j = f->cand[c].index;
        double sim =
            precis_docvec_similarity(a, na, v->entry + v->row[j], v->row[j + 1] - v->row[j]);
        if (sim > 0.0)
            f->cand[similar++] = (precis_ranked){sim, j};
    }
    m = similar;
    if (m > PRECIS_CLUSTER_NEIGHBOURS) {
        precis_keep_best(f->cand, m, PRECIS_CLUSTER_NEIGHBOURS);
        m = PRECIS_CLUSTER_NEIGHBOURS;
    }
    qsort(f->cand, m, sizeof *f->cand, compare_index);
    memcpy(out, f->cand, m * sizeof *out);
    *count = m;
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* The graph                                                          */

void precis_doc_graph_free(precis_doc_graph *g)
{
    if (g == NULL)
        return;
    free(g->row);
    free(g->to);
    free(g->weight);
    memset(g, 0, sizeof *g);
}

precis_status precis_doc_graph_build(precis_doc_graph *g, size_t n, const precis_ranked *lists,
                                     const size_t *counts)
{
    precis_doc_graph_free(g);
    size_t kept = 0;
    for (size_t d = 0; d < n; d++)
        kept += counts[d];
    /* The lists transposed: row j holds the documents that kept j, in
     * order, since documents are visited in order. */
    size_t room = kept > 0 ? 2 * kept : 1;
    size_t *trans_start = calloc(n + 1, sizeof *trans_start);
    precis_ranked *trans = malloc(room * sizeof *trans);
    g->row = malloc((n + 1) * sizeof *g->row);
    g->to = malloc(room * sizeof *g->to);
    g->weight = malloc(room * sizeof *g->weight);
    precis_status st = PRECIS_ERR_NOMEM;
    if (trans_start == NULL || trans == NULL || g->row == NULL || g->to == NULL ||
        g->weight == NULL)
        goto done;
    for (size_t d = 0; d < n; d++)
        for (size_t c = 0; c < counts[d]; c++)
            trans_start[lists[d * PRECIS_CLUSTER_NEIGHBOURS + c].index + 1]++;
    for (size_t d = 0; d < n; d++)
        trans_start[d + 1] += trans_start[d];
    for (size_t d = 0; d < n; d++) {
        for (size_t c = 0; c < counts[d]; c++) {
            const precis_ranked *nb = &lists[d * PRECIS_CLUSTER_NEIGHBOURS + c];
            trans[trans_start[nb->index]++] = (precis_ranked){nb->score, d};
        }
    }
    for (size_t d = n; d > 0; d--)
        trans_start[d] = trans_start[d - 1];
    trans_start[0] = 0;
    /* Each row: its own list merged with its transposed row, once each. */
    size_t at = 0;
    for (size_t d = 0; d < n; d++) {
        g->row[d] = at;
        const precis_ranked *a = lists + d * PRECIS_CLUSTER_NEIGHBOURS;
        size_t i = 0, na = counts[d];
        size_t j = trans_start[d], nb = trans_start[d + 1];
        while (i < na || j < nb) {
            precis_ranked next;
            if (j >= nb || (i < na && a[i].index < trans[j].index)) {
                next = a[i++];
            } else if (i >= na || trans[j].index < a[i].index) {
                next = trans[j++];
            } else {
                next = a[i++];
                j++;
            }
            g->to[at] = (uint32_t)next.index;
            g->weight[at++] = next.score;
        }
    }
    g->row[n] = at;
    g->n = n;
    st = PRECIS_OK;
done:
    free(trans_start);
    free(trans);
    if (st != PRECIS_OK)
        precis_doc_graph_free(g);
    return st;
}

/* ------------------------------------------------------------------ */
/* Label propagation                                                  */

precis_status precis_cluster_propagate(const precis_doc_graph *g, double threshold,
                                       uint32_t *story)
{
    size_t n = g->n;
    for (size_t d = 0; d < n; d++)
        story[d] = (uint32_t)d;
    double *acc = calloc(n ? n : 1, sizeof *acc);
    unsigned char *present = calloc(n ? n : 1, 1);
    uint32_t *touched = malloc((n ? n : 1) * sizeof *touched);
    if (acc == NULL || present == NULL || touched == NULL) {
        free(acc);
        free(present);
        free(touched);
        return PRECIS_ERR_NOMEM;
    }
    for (int sweep = 0; sweep < PRECIS_CLUSTER_SWEEPS; sweep++) {
        int changed = 0;
        for (size_t d = 0; d < n; d++) {
            size_t m = 0;
            for (size_t e = g->row[d]; e < g->row[d + 1]; e++) {
                if (g->weight[e] < threshold)
                    continue;
                uint32_t label = story[g->to[e]];
                if (!present[label]) {
                    present[label] = 1;
                    acc[label] = 0.0;
                    touched[m++] = label;
                }
                acc[label] += g->weight[e];
            }
            if (m == 0)
                continue;
            uint32_t best = touched[0];
            for (size_t c = 0; c < m; c++) {
                uint32_t label = touched[c];
                if (acc[label] > acc[best] || (acc[label] == acc[best] && label < best))
                    best = label;
                present[label] = 0;
            }
            if (best != story[d]) {
                story[d] = best;
                changed = 1;
            }
        }
        if (!changed)
            break;
    }
    free(acc);
    free(present);
    free(touched);
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* Average link down to a number of stories                           */

/* A story's links: the summed similarities to each linked story, sorted
 * by story. */
typedef struct story_links {
    uint32_t *to;
    double *weight;
    size_t len, cap;
} story_links;

static void links_free(story_links *l)
{
    free(l->to);
    free(l->weight);
    memset(l, 0, sizeof *l);
}

static precis_status links_reserve(story_links *l, size_t need)
{
    if (need <= l->cap)
        return PRECIS_OK;
    size_t cap = need < 8 ? 8 : 2 * need;
    uint32_t *to = realloc(l->to, cap * sizeof *to);
    if (to == NULL)
        return PRECIS_ERR_NOMEM;
    l->to = to;
    double *weight = realloc(l->weight, cap * sizeof *weight);
    if (weight == NULL)
        return PRECIS_ERR_NOMEM;
    l->weight = weight;
    l->cap = cap;
    return PRECIS_OK;
}

/* The position of story s in l, or where it would go (*found 0). */
static size_t links_find(const story_links *l, uint32_t s, int *found)
{
    size_t lo = 0, hi = l->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->to[mid] < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = lo < l->len && l->to[lo] == s;
    return lo;
}

static precis_status links_append(story_links *l, uint32_t s, double w)
{
    if (links_reserve(l, l->len + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    l->to[l->len] = s;
    l->weight[l->len++] = w;
    return PRECIS_OK;
}

/* The state of the merging: stories numbered 0 .. count - 1 in the order
 * of their smallest document. */
typedef struct merging {
    size_t count;
    story_links *links;
    size_t *size;
    uint32_t *parent;      /* the story it went into; itself while alive */
    precis_ranked *heap;   /* (average, first x count + second) */
    size_t heap_len, heap_cap;
} merging;

static void merging_free(merging *m)
{
    if (m->links != NULL)
        for (size_t s = 0; s < m->count; s++)
            links_free(&m->links[s]);
    free(m->links);
    free(m->size);
    free(m->parent);
    free(m->heap);
}

static precis_status push_pair(merging *m, uint32_t a, uint32_t b, double sum)
{
    if (PRECIS_RESERVE(m->heap, m->heap_cap, m->heap_len + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    uint32_t lo = a < b ? a : b, hi = a < b ? b : a;
    double avg = sum / ((double)m->size[a] * (double)m->size[b]);
    precis_heap_push(m->heap, &m->heap_len, (precis_ranked){avg, (size_t)lo * m->count + hi},
                     PRECIS_HEAP_BEST_FIRST);
    return PRECIS_OK;
}

/* The links between stories from the graph's edges: each pair summed from
 * its smaller story's side, and mirrored, so that both sides hold the same
 * value. of[d] is the story of document d. */
static precis_status link_stories(merging *m, const precis_doc_graph *g, const uint32_t *of)
{
    size_t n = g->n, count = m->count;
    size_t *first = calloc(count + 1, sizeof *first);
    size_t *member = malloc((n ? n : 1) * sizeof *member);
    double *acc = calloc(count, sizeof *acc);
    unsigned char *present = calloc(count, 1);
    uint32_t *touched = malloc(count * sizeof *touched);
    precis_status st = PRECIS_ERR_NOMEM;
    if (first == NULL || member == NULL || acc == NULL || present == NULL || touched == NULL)
        goto done;
    for (size_t d = 0; d < n; d++)
        first[of[d] + 1]++;
    for (size_t s = 0; s < count; s++)
        first[s + 1] += first[s];
    for (size_t d = 0; d < n; d++)
        member[first[of[d]]++] = d;
    for (size_t s = count; s > 0; s--)
        first[s] = first[s - 1];
    first[0] = 0;
    for (uint32_t a = 0; a < count; a++) {
        size_t t = 0;
        for (size_t k = first[a]; k < first[a + 1]; k++) {
            size_t d = member[k];
            for (size_t e = g->row[d]; e < g->row[d + 1]; e++) {
                uint32_t b = of[g->to[e]];
                if (b <= a)
                    continue;
                if (!present[b]) {
                    present[b] = 1;
                    acc[b] = 0.0;
                    touched[t++] = b;
                }
                acc[b] += g->weight[e];
            }
        }
        /* b's list gets its smaller stories in order, since a grows;
         * complete_links mirrors them to the larger side. */
        for (size_t c = 0; c < t; c++) {
            uint32_t b = touched[c];
            present[b] = 0;
            if (links_append(&m->links[b], a, acc[b]) != PRECIS_OK)
                goto done;
        }
    }
    st = PRECIS_OK;
done:
    free(first);
    free(member);
    free(acc);
    free(present);
    free(touched);
    return st;
}

/* Every story's full list: its smaller linked stories (there already),
 * then the larger ones, mirrored from their lists in order. */
static precis_status complete_links(merging *m)
{
    size_t count = m->count;
    size_t *lower = malloc(count * sizeof *lower);
    if (lower == NULL)
        return PRECIS_ERR_NOMEM;
    for (size_t s = 0; s < count; s++)
        lower[s] = m->links[s].len;
    for (uint32_t b = 0; b < count; b++) {
        for (size_t k = 0; k < lower[b]; k++) {
            uint32_t a = m->links[b].to[k];
            if (links_append(&m->links[a], b, m->links[b].weight[k]) != PRECIS_OK) {
                free(lower);
                return PRECIS_ERR_NOMEM;
            }
        }
    }
    free(lower);
    return PRECIS_OK;
}

/* Story b goes into story a: their links add up, on both sides. */
static precis_status merge_pair(merging *m, uint32_t a, uint32_t b)
{
    story_links *la = &m->links[a], *lb = &m->links[b];
    story_links merged = {0};
    if (links_reserve(&merged, la->len + lb->len) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    size_t i = 0, j = 0;
    while (i < la->len || j < lb->len) {
        uint32_t x;
        double w;
        if (j >= lb->len || (i < la->len && la->to[i] < lb->to[j])) {
            x = la->to[i];
            w = la->weight[i++];
        } else if (i >= la->len || lb->to[j] < la->to[i]) {
            x = lb->to[j];
            w = lb->weight[j++];
        } else {
            x = la->to[i];
            w = la->weight[i++] + lb->weight[j++];
        }
        if (x == a || x == b)
            continue;
        merged.to[merged.len] = x;
        merged.weight[merged.len++] = w;
    }
    /* The other side: x loses its link to b, and its link to a grows by it
     * (the same sum, a's weight plus b's, as on a's side). */
    for (size_t k = 0; k < lb->len; k++) {
        uint32_t x = lb->to[k];
        if (x == a)
            continue;
        story_links *lx = &m->links[x];
        int found;
        size_t at_b = links_find(lx, b, &found);
        memmove(lx->to + at_b, lx->to + at_b + 1, (lx->len - at_b - 1) * sizeof *lx->to);
        memmove(lx->weight + at_b, lx->weight + at_b + 1,
                (lx->len - at_b - 1) * sizeof *lx->weight);
        lx->len--;
        size_t at_a = links_find(lx, a, &found);
        if (found) {
            lx->weight[at_a] = lx->weight[at_a] + lb->weight[k];
            continue;
        }
        if (links_reserve(lx, lx->len + 1) != PRECIS_OK) {
            links_free(&merged);
            return PRECIS_ERR_NOMEM;
        }
        memmove(lx->to + at_a + 1, lx->to + at_a, (lx->len - at_a) * sizeof *lx->to);
        memmove(lx->weight + at_a + 1, lx->weight + at_a, (lx->len - at_a) * sizeof *lx->weight);
        lx->to[at_a] = a;
        lx->weight[at_a] = lb->weight[k];
        lx->len++;
    }
    links_free(la);
    links_free(lb);
    *la = merged;
    m->size[a] += m->size[b];
    m->parent[b] = a;
    for (size_t k = 0; k < la->len; k++)
        if (push_pair(m, a, la->to[k], la->weight[k]) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
    return PRECIS_OK;
}

static uint32_t root_of(uint32_t *parent, uint32_t s)
{
    uint32_t r = s;
    while (parent[r] != r)
        r = parent[r];
    while (parent[s] != r) {
        uint32_t next = parent[s];
        parent[s] = r;
        s = next;
    }
    return r;
}

/* Stories that share no link: the keep - 1 biggest stay (ties: the
 * smaller number), the others go into the smallest-numbered of them. */
static uint32_t lump_rest(merging *m, size_t alive, size_t keep)
{
    precis_ranked *order = m->heap; /* free for reuse: the heap is empty */
    size_t k = 0;
    for (uint32_t s = 0; s < m->count; s++)
        if (m->parent[s] == s)
            order[k++] = (precis_ranked){(double)m->size[s], s};
    qsort(order, alive, sizeof *order, compare_best_first);
    uint32_t into = UINT32_MAX;
    for (size_t r = keep - 1; r < alive; r++)
        if (order[r].index < into)
            into = (uint32_t)order[r].index;
    for (size_t r = keep - 1; r < alive; r++) {
        uint32_t s = (uint32_t)order[r].index;
        if (s != into) {
            m->parent[s] = into;
            m->size[into] += m->size[s];
        }
    }
    return into;
}

precis_status precis_cluster_merge(const precis_doc_graph *g, uint32_t *story,
                                   size_t max_stories, uint32_t *lumped_label, int *lumped)
{
    *lumped = 0;
    size_t n = g->n;
    if (max_stories == 0)
        return PRECIS_ERR_ARGUMENT;
    /* Stories numbered by their smallest document; label_of keeps each
     * one's label. */
    uint32_t *number = malloc((n ? n : 1) * sizeof *number);
    uint32_t *of = malloc((n ? n : 1) * sizeof *of);
    uint32_t *label_of = malloc((n ? n : 1) * sizeof *label_of);
    merging m = {0};
    precis_status st = PRECIS_ERR_NOMEM;
    if (number == NULL || of == NULL || label_of == NULL)
        goto done;
    for (size_t d = 0; d < n; d++)
        number[d] = UINT32_MAX;
    for (size_t d = 0; d < n; d++) {
        if (number[story[d]] == UINT32_MAX) {
            label_of[m.count] = story[d];
            number[story[d]] = (uint32_t)m.count++;
        }
        of[d] = number[story[d]];
    }
    st = PRECIS_OK;
    if (m.count <= max_stories)
        goto done;
    st = PRECIS_ERR_TOO_LARGE;
    if (m.count > SIZE_MAX / m.count)
        goto done;
    st = PRECIS_ERR_NOMEM;
    m.links = calloc(m.count, sizeof *m.links);
    m.size = calloc(m.count, sizeof *m.size);
    m.parent = malloc(m.count * sizeof *m.parent);
    if (m.links == NULL || m.size == NULL || m.parent == NULL)
        goto done;
    for (size_t d = 0; d < n; d++)
        m.size[of[d]]++;
    for (size_t s = 0; s < m.count; s++)
        m.parent[s] = (uint32_t)s;
    if (link_stories(&m, g, of) != PRECIS_OK || complete_links(&m) != PRECIS_OK)
        goto done;
    for (uint32_t a = 0; a < m.count; a++)
        for (size_t k = 0; k < m.links[a].len; k++)
            if (m.links[a].to[k] > a && push_pair(&m, a, m.links[a].to[k],
                                                  m.links[a].weight[k]) != PRECIS_OK)
                goto done;
    size_t alive = m.count;
    while (alive > max_stories && m.heap_len > 0) {
        precis_ranked top = precis_heap_pop(m.heap, &m.heap_len, PRECIS_HEAP_BEST_FIRST);
        uint32_t a = (uint32_t)(top.index / m.count), b = (uint32_t)(top.index % m.count);
        if (m.parent[a] != a || m.parent[b] != b)
            continue;
        int found;
        size_t at = links_find(&m.links[a], b, &found);
        /* A pair whose stories have changed since it was pushed is stale;
         * its present average was pushed when they changed. */
        if (!found ||
            m.links[a].weight[at] / ((double)m.size[a] * (double)m.size[b]) != top.score)
            continue;
        if (merge_pair(&m, a, b) != PRECIS_OK)
            goto done;
        alive--;
    }
    if (alive > max_stories) {
        if (PRECIS_RESERVE(m.heap, m.heap_cap, alive) != PRECIS_OK)
            goto done;
        *lumped_label = label_of[lump_rest(&m, alive, max_stories)];
        *lumped = 1;
    }
    for (size_t d = 0; d < n; d++)
        story[d] = label_of[root_of(m.parent, of[d])];
    st = PRECIS_OK;
done:
    merging_free(&m);
    free(number);
    free(of);
    free(label_of);
    return st;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * label.c - story labels: headlines, keyphrases, opening words.
 */
#include "label.h"

#include <math.h>
#include <string.h>

#include "heap.h"
#include "prior.h"
#include "utf8.h"
#include "util.h"

/* A headline has this many words, and at least this many content words. */
#define HEADLINE_MIN_WORDS 4
#define HEADLINE_MIN_CONTENT 3
/* Headlines are looked for among a document's first sentences. */
#define HEADLINE_SENTENCES 3
/* Keyphrases are runs of at most this many content words. */
#define PHRASE_MAX_TERMS 3

int precis_label_headline(const char *text, const precis_span *spans, size_t n,
                          const precis_tokens *tok, size_t *sentence)
{
    for (size_t i = 0; i < n && i < HEADLINE_SENTENCES; i++) {
        const precis_span *sp = &spans[i];
        size_t words = tok->sents[i].words;
        if (!(sp->flags & PRECIS_SPAN_HEADING) || words < HEADLINE_MIN_WORDS ||
            words > PRECIS_LABEL_MAX_WORDS)
            continue;
        size_t content = 0;
        for (size_t k = tok->sents[i].first; k < tok->sents[i + 1].first; k++)
            content += !(tok->words[k].shape & PRECIS_WORD_DIGIT);
        if (content < HEADLINE_MIN_CONTENT || precis_is_boilerplate(text, sp->start, sp->end, words))
            continue;
        *sentence = i;
        return 1;
    }
    return 0;
}

double precis_label_headline_score(const uint32_t *terms, size_t m, size_t distinct,
                                   const double *centroid)
{
    if (distinct == 0)
        return 0.0;
    double sum = 0.0;
    for (size_t k = 0; k < m; k++)
        sum += centroid[terms[k]];
    return sum / sqrt((double)distinct);
}

/* ------------------------------------------------------------------ */
/* Keyphrases                                                         */

void precis_keyphrases_reset(precis_keyphrases *kp)
{
    if (kp->phrases.seed == 0) {
        kp->phrases.seed = precis_strtab_random_seed();
        kp->spelling.seed = kp->phrases.seed;
    }
    precis_strtab_clear(&kp->phrases);
    precis_strtab_clear(&kp->spelling);
    kp->documents = 0;
}

void precis_keyphrases_free(precis_keyphrases *kp)
{
    if (kp == NULL)
        return;
    precis_strtab_free(&kp->phrases);
    precis_strtab_free(&kp->spelling);
    free(kp->docs);
    free(kp->last);
    free(kp->uses);
    free(kp->key);
    memset(kp, 0, sizeof *kp);
}

/* Whether text[from, to) separates two words of one phrase: white space
 * and hyphens only. */
static int joins_words(const char *text, size_t from, size_t to)
{
    if (to < from)
        return 0;
    while (from < to) {
        int32_t cp = precis_utf8_next(text, to, &from);
        if (cp != '-' && !precis_is_space(cp))
            return 0;
    }
    return 1;
}

/* Counts the phrase of terms[0, m), written text[start, end), in the
 * current document. */
static precis_status add_phrase(precis_keyphrases *kp, const uint32_t *terms, size_t m,
                                const char *text, size_t start, size_t end)
{
    uint32_t id, spelled;
    int added;
    precis_status st = precis_strtab_intern(&kp->phrases, (const char *)terms, m * sizeof *terms,
                                            &id, &added);
    if (st != PRECIS_OK)
        return st;
    if (added) {
        if (PRECIS_RESERVE(kp->docs, kp->docs_cap, (size_t)id + 1) != PRECIS_OK ||
            PRECIS_RESERVE(kp->last, kp->last_cap, (size_t)id + 1) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        kp->docs[id] = 0;
        kp->last[id] = 0;
    }
    if (kp->last[id] != kp->documents) {
        kp->last[id] = kp->documents;
        kp->docs[id]++;
    }
    size_t len = end - start;
    if (len > SIZE_MAX - sizeof id || PRECIS_RESERVE(kp->key, kp->key_cap, sizeof id + len) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memcpy(kp->key, &id, sizeof id);
    memcpy(kp->key + sizeof id, text + start, len);
    if ((st = precis_strtab_intern(&kp->spelling, kp->key, sizeof id + len, &spelled, &added)) !=
        PRECIS_OK)
        return st;
    if (added) {
        if (PRECIS_RESERVE(kp->uses, kp->uses_cap, (size_t)spelled + 1) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        kp->uses[spelled] = 0;
    }
    kp->uses[spelled]++;
    return PRECIS_OK;
}

precis_status precis_keyphrases_add(precis_keyphrases *kp, const char *text, size_t n,
                                    const precis_tokens *tok, const uint32_t *term,
                                    const double *weight)
{
    kp->documents++;
    const precis_token_word *words = tok->words;
    for (size_t i = 0; i < n; i++) {
        size_t run[PHRASE_MAX_TERMS];
        size_t len = 0;
        for (size_t k = tok->sents[i].first; k < tok->sents[i + 1].first; k++) {
            uint32_t t = term[k];
            if (t == PRECIS_LABEL_NO_TERM || !(weight[t] > 0.0)) {
                len = 0;
                continue;
            }
            if (len > 0 && !joins_words(text, words[run[len - 1]].end, words[k].start))
                len = 0;
            if (len == PHRASE_MAX_TERMS) {
                memmove(run, run + 1, (PHRASE_MAX_TERMS - 1) * sizeof *run);
                len--;
            }
            run[len++] = k;
            /* Every phrase that ends here, shortest first. */
            for (size_t m = 1; m <= len; m++) {
                uint32_t terms[PHRASE_MAX_TERMS];
                int repeated = 0;
                for (size_t a = 0; a < m; a++) {
                    terms[a] = term[run[len - m + a]];
                    for (size_t b = 0; b < a; b++)
                        repeated |= terms[b] == terms[a];
                }
                if (repeated)
                    continue;
                precis_status st = add_phrase(kp, terms, m, text, words[run[len - m]].start,
                                              words[k].end);
                if (st != PRECIS_OK)
                    return st;
            }
        }
    }
    return PRECIS_OK;
}

/* The most frequent spelling of phrase id (ties: the first in byte
 * order); its bytes in *len. */
static const char *spelling_of(const precis_keyphrases *kp, uint32_t id, size_t *len)
{
    const char *best = NULL;
    size_t best_len = 0, best_uses = 0;
    for (uint32_t s = 0; s < kp->spelling.count; s++) {
        size_t key_len;
        const char *key = precis_strtab_key(&kp->spelling, s, &key_len);
        uint32_t of;
        memcpy(&of, key, sizeof of);
        if (of != id)
            continue;
        key += sizeof of;
        key_len -= sizeof of;
        int before = 0;
        if (best == NULL || kp->uses[s] > best_uses) {
            before = 1;
        } else if (kp->uses[s] == best_uses) {
            int c = memcmp(key, best, key_len < best_len ? key_len : best_len);
            before = c < 0 || (c == 0 && key_len < best_len);
        }
        if (before) {
            best = key;
            best_len = key_len;
            best_uses = kp->uses[s];
        }
    }
    *len = best_len;
    return best;
}

precis_status precis_keyphrases_write(precis_keyphrases *kp, const double *weight,
                                      precis_buffer *out)
{
    size_t count = kp->phrases.count;
    if (count == 0 || kp->documents == 0)
        return PRECIS_OK;
    precis_ranked *scored = malloc(count * sizeof *scored);
    if (scored == NULL)
        return PRECIS_ERR_NOMEM;
    for (uint32_t p = 0; p < count; p++) {
        size_t key_len;
        const char *key = precis_strtab_key(&kp->phrases, p, &key_len);
        size_t m = key_len / sizeof(uint32_t);
        double sum = 0.0;
        for (size_t a = 0; a < m; a++) {
            uint32_t t;
            memcpy(&t, key + a * sizeof t, sizeof t);
            sum += weight[t];
        }
        double share = (double)kp->docs[p] / (double)kp->documents;
        scored[p] = (precis_ranked){share * sum / sqrt((double)m), p};
    }
    precis_heap_make(scored, count, PRECIS_HEAP_BEST_FIRST);
    uint32_t used[PRECIS_LABEL_KEYPHRASES * PHRASE_MAX_TERMS];
    size_t n_used = 0, chosen = 0, heap_len = count;
    size_t mark = precis_buf_mark(out);
    while (heap_len > 0 && chosen < PRECIS_LABEL_KEYPHRASES) {
        precis_ranked best = precis_heap_pop(scored, &heap_len, PRECIS_HEAP_BEST_FIRST);
        size_t key_len;
        const char *key = precis_strtab_key(&kp->phrases, (uint32_t)best.index, &key_len);
        size_t m = key_len / sizeof(uint32_t);
        uint32_t terms[PHRASE_MAX_TERMS];
        int overlaps = 0;
        for (size_t a = 0; a < m; a++) {
            memcpy(&terms[a], key + a * sizeof terms[a], sizeof terms[a]);
            for (size_t u = 0; u < n_used; u++)
                overlaps |= used[u] == terms[a];
        }
        if (overlaps)
            continue;
        memcpy(used + n_used, terms, m * sizeof *terms);
        n_used += m;
        size_t len;
        const char *spelled = spelling_of(kp, (uint32_t)best.index, &len);
        if (chosen++ > 0)
            precis_buf_puts(out, ", ");
        precis_buf_folded(out, spelled, 0, len);
    }
    free(scored);
    return precis_buf_end(out, mark);
}

void precis_label_opening(const char *text, size_t start, size_t end, precis_buffer *out)
{
    size_t pos = start, words = 0, kept_end = start;
    int in_space = 1, cut = 0;
    while (pos < end) {
        int space = precis_is_space(precis_utf8_next(text, end, &pos));
        if (!space && in_space && words++ == PRECIS_LABEL_MAX_WORDS) {
            cut = 1;
            break;
        }
        if (!space)
            kept_end = pos;
        in_space = space;
    }
    precis_buf_folded(out, text, start, cut ? kept_end : end);
    if (cut)
        precis_buf_puts(out, " ...");
}

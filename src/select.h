/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * select.h - choosing sentences under a length budget, optionally with
 * redundancy control.
 *
 * Diverse selection is maximal marginal relevance (Carbonell and Goldstein
 * 1998): the next sentence is the one with the best
 *     (1 - lambda) * score / top score - lambda * (highest similarity to a
 *                                                 sentence already chosen),
 * with the similarities of the graph. A sentence whose similarity to a
 * chosen one reaches PRECIS_DUPLICATE_SIMILARITY (and, when the term
 * sequences are known, whose wording is that close too) is a near-duplicate
 * and is never chosen, whatever lambda is. The values only fall as sentences are
 * chosen, so a heap re-evaluated lazily finds the best one without
 * rescoring every sentence at each step.
 */
#ifndef PRECIS_SELECT_H
#define PRECIS_SELECT_H

#include <stddef.h>

/* gsl_spmatrix.h uses size_t without including stddef.h. */
#include <gsl/gsl_spmatrix.h>

#include "heap.h"
#include "precis.h"
#include "tfidf.h"
#include "tokenize.h"
#include "util.h" /* PRECIS_NO_SENTENCE */

#define PRECIS_DUPLICATE_SIMILARITY 0.9
/* Of two sentences that similar, the later one repeats the other only if
 * they also share at least this share (Dice) of their adjacent term pairs:
 * "Dogs chase cats." and "Cats chase dogs." have the same words, but say
 * different things. */
#define PRECIS_DUPLICATE_WORDING 0.5

/* The sentences a length budget weighs together once the next one on
 * offer no longer fits: that one and those after it, up to this many
 * (chosen on the development data: 4, 16 and 32 fill a little more and
 * score a little less). */
#define PRECIS_FILL_WINDOW 8

/* A sentence put off for want of its antecedent stays on offer at this
 * share of its value (see the filling policy). */
#define PRECIS_PUT_OFF_VALUE 0.5

typedef struct precis_budget {
    precis_length_unit unit;
    double value; /* validated by precis_budget_check */
} precis_budget;

/* Whether value is valid for unit: a whole number in [1, 1e15] for counts,
 * a fraction in (0, 1] for a ratio. */
int precis_budget_check(precis_length_unit unit, double value);

/* Fills order[0, n) with the sentences sorted by score, best first, ties
 * broken by position (earlier first). */
void precis_order(const double *scores, size_t n, precis_ranked *order);

/* The same for the sentences with candidate[i] set only; returns how many
 * there are. */
size_t precis_order_candidates(const double *scores, const unsigned char *candidate, size_t n,
                               precis_ranked *order);

/* The number of sentences a ratio budget asks of a document of n: the
 * nearest whole number to ratio * n, at least 1 and at most n. */
size_t precis_ratio_count(double ratio, size_t n);

/* The filling policy. Sentences are offered best first (in rank order, or
 * by maximal marginal relevance), and only those that may stand alone as
 * a summary sentence are taken: standalone[i] says whether sentence i may
 * (NULL: every sentence may; when none of the ranked ones may, all of
 * them may). A fragment, a heading, a salutation or a wire code is never
 * used to fill what is left.
 *
 * Sentence and ratio budgets take the first ones offered (and when too
 * few may stand alone, the best of the others make up the count). Word and
 * character budgets (lengths[i] is sentence i's length in that unit)
 * take the sentences offered while they fit; when the next one does not,
 * the subset of it and the PRECIS_FILL_WINDOW - 1 standalone sentences
 * after it that fits what is left with the highest total score is added
 * (an exact 0/1 knapsack: 2^8 = 256 sums of at most 8 lengths and
 * scores). A sentence is never cut. When
 * the top sentence alone is longer than the budget, it is taken alone
 * unless what fits instead scores more in total. So at least one sentence
 * is always chosen, and the cost is linear in the sentences offered plus
 * a constant.
 *
 * A sentence that leans on its antecedent (the sentence before it, whose
 * pronoun or connective it continues: prior.h) stands alone only beside
 * it. When it is offered and its antecedent is not taken, the two are
 * taken together if the antecedent may stand alone itself, repeats nothing
 * taken and both fit what is left; else it is put off, and offered again
 * (at its value) once its antecedent is taken. Sentence budgets that run
 * short take the sentences put off among the others that may not stand
 * alone; a length budget that ends up with nothing takes the best of them.
 *
 * This is the one place where the policy lives; rules about what may
 * stand alone belong to whoever fills standalone and the antecedents
 * (prior.c). */

/* Marks in chosen[0, n) (1 = chosen) the sentences the budget takes from
 * the rank order order[0, n) and returns how many. */
size_t precis_select(const precis_ranked *order, size_t n, precis_budget budget,
                     const size_t *lengths, const unsigned char *standalone,
                     unsigned char *chosen);

/* What the selector checks beyond the graph's similarities; every pointer
 * is borrowed until the next precis_select_diverse, and NULL leaves its
 * check out.
 * - term_ids, sents: the term ids of every sentence in order (sentence i
 *   has term_ids[sents[i].first, sents[i + 1].first)), so that a near-
 *   duplicate is confirmed by its wording;
 * - repeat_ids: per sentence, two ids below keys (repeats.h): a sentence
 *   that shares one with a chosen sentence repeats it, whatever their
 *   similarity;
 * - vectors: the sentence vectors the graph was built from, when its
 *   weights are capped (graph.h), so that a neighbour is judged by its
 *   exact cosine rather than by what the caps left of it;
 * - antecedent: per sentence, the sentence it leans on (before it, a
 *   candidate), or PRECIS_NO_SENTENCE (see the filling policy above). */
typedef struct precis_repeat_checks {
    const uint32_t *term_ids;
    const precis_sentence_terms *sents;
    const uint32_t *repeat_ids;
    size_t keys;
    const precis_tfidf *vectors;
    const size_t *antecedent;
} precis_repeat_checks;

/* Scratch memory of diverse selection, held by the caller and reused;
 * zero-initialise, release with precis_selector_free. */
typedef struct precis_selector {
    precis_ranked *heap;
    double *closest;         /* per sentence: highest similarity to a chosen one */
    double *relevance;       /* per sentence: score / top score */
    unsigned char *repeats;  /* per sentence: a near-duplicate of a chosen one */
    size_t *skipped;         /* sentences offered that may not stand alone */
    /* per sentence, its adjacent term pairs sorted, at the offset of its
     * first term; made once, when the sentence is first compared */
    uint64_t *pairs;
    unsigned char *paired;   /* per sentence: its pairs are made */
    unsigned char *key_taken; /* per repeat id: a chosen sentence has it */
    size_t *follower;         /* per sentence: the candidate that leans on it */
    unsigned char *waiting;   /* per sentence: put off until its antecedent is taken */
    precis_ranked *put_off;   /* heap of the sentences put off, at their reduced value */
    precis_repeat_checks checks;
    size_t heap_cap, closest_cap, relevance_cap, repeats_cap, skipped_cap, pairs_cap,
        paired_cap, key_taken_cap, follower_cap, waiting_cap, put_off_cap;
} precis_selector;

void precis_selector_free(precis_selector *s);

/* Sets the checks of the next precis_select_diverse (all NULL: the graph's
 * similarities alone). */
void precis_selector_set_checks(precis_selector *s, const precis_repeat_checks *checks);

/* Like precis_select over the ranked candidates order[0, ranked) of a
 * document of n sentences, but choosing by maximal marginal relevance with
 * weight lambda in [0, 1] on the n x n similarity graph sim (CSR, rows
 * with sorted columns), never choosing a near-duplicate of a chosen
 * sentence, and keeping dependent sentences with their antecedents when
 * the checks give them. Stores the number chosen in *count. With lambda
 * 0, no near-duplicates and no antecedents it chooses what precis_select
 * does. */
precis_status precis_select_diverse(precis_selector *s, const precis_ranked *order, size_t ranked,
                                    size_t n, precis_budget budget, const size_t *lengths,
                                    const unsigned char *standalone, const gsl_spmatrix *sim,
                                    double lambda, unsigned char *chosen, size_t *count);

#endif

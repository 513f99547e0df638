/*
 * select.h - choosing sentences under a length budget.
 */
#ifndef PRECIS_SELECT_H
#define PRECIS_SELECT_H

#include <stddef.h>

#include "precis.h"

typedef struct precis_budget {
    precis_length_unit unit;
    double value; /* validated by precis_budget_check */
} precis_budget;

/* A sentence in rank order. */
typedef struct precis_ranked {
    double score;
    size_t index;
} precis_ranked;

/* Whether value is valid for unit: a whole number in [1, 1e15] for counts,
 * a fraction in (0, 1] for a ratio. */
int precis_budget_check(precis_length_unit unit, double value);

/* Fills order[0, n) with the sentences sorted by score, best first, ties
 * broken by position (earlier first). */
void precis_order(const double *scores, size_t n, precis_ranked *order);

/* The number of sentences a ratio budget asks of a document of n: the
 * nearest whole number to ratio * n, at least 1 and at most n. */
size_t precis_ratio_count(double ratio, size_t n);

/* Marks in chosen[0, n) (1 = chosen) the sentences the budget takes from
 * order and returns how many. For word and character budgets, lengths[i]
 * is sentence i's length in that unit (NULL otherwise); a sentence that
 * would overflow the budget is skipped and the next tried, and when none
 * fits, the top-ranked one is taken alone. */
size_t precis_select(const precis_ranked *order, size_t n, precis_budget budget,
                     const size_t *lengths, unsigned char *chosen);

#endif

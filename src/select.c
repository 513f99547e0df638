/*
 * select.c - rank order and the length budgets.
 */
#include "select.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PRECIS_MAX_COUNT 1e15

int precis_budget_check(precis_length_unit unit, double value)
{
    switch (unit) {
    case PRECIS_LENGTH_RATIO:
        return value > 0.0 && value <= 1.0;
    case PRECIS_LENGTH_SENTENCES:
    case PRECIS_LENGTH_WORDS:
    case PRECIS_LENGTH_CHARS:
        return value >= 1.0 && value <= PRECIS_MAX_COUNT && floor(value) == value;
    default:
        return 0;
    }
}

static int compare_ranked(const void *a, const void *b)
{
    const precis_ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

void precis_order(const double *scores, size_t n, precis_ranked *order)
{
    for (size_t i = 0; i < n; i++)
        order[i] = (precis_ranked){scores[i], i};
    qsort(order, n, sizeof *order, compare_ranked);
}

size_t precis_ratio_count(double ratio, size_t n)
{
    double want = floor(ratio * (double)n + 0.5);
    if (want < 1.0)
        return n > 0 ? 1 : 0;
    if (want >= (double)n)
        return n;
    return (size_t)want;
}

size_t precis_select(const precis_ranked *order, size_t n, precis_budget budget,
                     const size_t *lengths, unsigned char *chosen)
{
    memset(chosen, 0, n);
    if (n == 0)
        return 0;
    size_t take;
    switch (budget.unit) {
    case PRECIS_LENGTH_SENTENCES:
        take = budget.value >= (double)n ? n : (size_t)budget.value;
        break;
    case PRECIS_LENGTH_RATIO:
        take = precis_ratio_count(budget.value, n);
        break;
    default: {
        double limit = budget.value;
        double used = 0.0;
        size_t count = 0;
        for (size_t k = 0; k < n && used < limit; k++) {
            size_t i = order[k].index;
            if (used + (double)lengths[i] <= limit) {
                chosen[i] = 1;
                used += (double)lengths[i];
                count++;
            }
        }
        if (count == 0) {
            chosen[order[0].index] = 1;
            count = 1;
        }
        return count;
    }
    }
    for (size_t k = 0; k < take; k++)
        chosen[order[k].index] = 1;
    return take;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * prior.h - what is known about each sentence before any ranking: whether
 * it may be chosen at all, and where it stands among those that may.
 *
 * Two kinds of sentence are not candidates. A heading (a line of its own
 * without final punctuation, flagged by the splitter) names the text
 * rather than says something in it; it is left out unless the caller asks
 * for headings. Boilerplate (bylines, datelines, "Scroll down for video",
 * prompts to share or follow, copyright and credit lines) is page furniture
 * that similarity would otherwise reward, because it repeats names. Such
 * sentences are left out of the ranking walk too. When a document has
 * nothing else, every sentence is a candidate.
 *
 * Junk lines (promotions, link labels, titles left in the text, a date
 * alone: see depend.h) are boilerplate too.
 *
 * The position of a candidate is its index among candidates, so that a
 * headline or a byline does not push the lead sentence down. A candidate
 * whose opening refers back (depend.h) leans on the candidate before it,
 * its antecedent: selection keeps the two together.
 */
#ifndef PRECIS_PRIOR_H
#define PRECIS_PRIOR_H

#include <stddef.h>
#include <stdint.h>

#include "depend.h"
#include "precis.h"
#include "segment.h"
#include "tokenize.h"
#include "util.h" /* PRECIS_NO_SENTENCE */

/* The candidates of a document, held by the caller and reused;
 * zero-initialise, release with precis_prior_free. */
typedef struct precis_prior {
    unsigned char *candidate; /* per sentence: 1 if it may be chosen */
    size_t *position;         /* per sentence: index among candidates (candidates only) */
    size_t *antecedent;       /* per sentence: the candidate it leans on, or
                                 PRECIS_NO_SENTENCE */
    size_t count;             /* candidates */
    precis_depend depend;     /* scratch of the detectors */
    size_t candidate_cap, position_cap, antecedent_cap;
} precis_prior;

void precis_prior_free(precis_prior *p);

/* Marks the candidates among the n sentences spans[0, n) of text, in
 * language lang, whose word counts are in tok, and their antecedents.
 * Headings are candidates when keep_headings is set. */
precis_status precis_prior_build(precis_prior *p, const char *text, const precis_span *spans,
                                 const precis_tokens *tok, size_t n, int lang,
                                 int keep_headings);

/* Whether text[start, end), of the given length in words, is boilerplate. */
int precis_is_boilerplate(const char *text, size_t start, size_t end, size_t words);

/* The position prior (1 + position)^-exponent: 1 for the first candidate,
 * decaying slowly after. */
double precis_position_weight(size_t position, double exponent);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * repeats.h - sentences that repeat one another exactly: each sentence
 * gets two ids, one of its printed text (its bytes with runs of white
 * space folded to one space, as text output prints it) and one of its
 * sequence of terms (the same words in the same order, whatever the case,
 * punctuation and stopwords around them), so that two sentences that
 * share an id are repeats whatever the similarity graph says about them.
 * The graph cannot say it for sentences without terms ("Yes.", a line of
 * stopwords), nor for sentences of common words in a long document, whose
 * terms the capped graph leaves out. Sentences with the same terms in the
 * same order have the same vector and the same wording, so the graph of a
 * short document already finds them: the ids change nothing there.
 */
#ifndef PRECIS_REPEATS_H
#define PRECIS_REPEATS_H

#include <stddef.h>
#include <stdint.h>

#include "buffer.h"
#include "precis.h"
#include "strtab.h"

/* Held by the caller and reused; zero-initialise, set texts.seed, release
 * with precis_repeats_free. */
typedef struct precis_repeats {
    precis_strtab texts;   /* printed texts -> ids */
    precis_buffer key;     /* scratch: one sentence's key */
    uint32_t *ids;         /* per sentence added: its two ids, text then terms */
    size_t count, ids_cap;
} precis_repeats;

void precis_repeats_free(precis_repeats *r);

/* Forgets every sentence, keeping the memory. */
void precis_repeats_clear(precis_repeats *r);

/* Adds the sentence text[start, end), whose terms are terms[0, nterms), as
 * the next one. A sentence without terms gets the id of its text twice.
 * When one_language is set (every sentence added is in the same language,
 * as in one document) the same text has the same terms, and a sentence
 * with terms gets the id of its terms twice: its text is not read. */
precis_status precis_repeats_add(precis_repeats *r, const char *text, size_t start, size_t end,
                                 const uint32_t *terms, size_t nterms, int one_language);

/* The number of distinct keys so far: ids are below it. */
static inline size_t precis_repeats_keys(const precis_repeats *r)
{
    return r->texts.count;
}

#endif

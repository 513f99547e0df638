/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * contract.h - what every result and every rendering must satisfy,
 * whatever the input: shared by the fuzz target and the pathological
 * tests. Each check returns NULL when it holds, else a static sentence
 * naming the first violation.
 */
#ifndef PRECIS_CONTRACT_H
#define PRECIS_CONTRACT_H

#include <stddef.h>

#include "precis.h"

/* Sentences are ordered, non-overlapping, non-empty byte ranges of
 * text[0, len) numbered from 0; the summary is a subset of them in
 * document order (all of them for a split). A summary's scores are a
 * distribution over the ranked candidates, whose ranks are 1..c; the
 * sentences that are never candidates (headings, boilerplate) have rank 0
 * and score 0. */
const char *precis_contract_result(const precis_result *res, size_t len, int split);

/* Renders res in format and checks the output: text has one line per
 * chosen sentence; JSON is valid UTF-8 and ends with a newline, JSONL on
 * a single line. */
/* Every sentence of res (or, with summary set, every chosen one) in a new
 * array of *n, to free; NULL when memory runs out or n is 0. */
precis_sentence *precis_contract_sentences(const precis_result *res, int summary, size_t *n);

const char *precis_contract_render(const precis_result *res, const char *text, size_t len,
                                   precis_format format);

/* The keyphrases of a document: at most `most` of them, each a non-empty
 * string of valid UTF-8 without line breaks or white space at either end,
 * occurring at least once, with scores in [0, 1] in descending order that
 * sum to at most 1; every rendering succeeds, text with one line a phrase,
 * JSON valid UTF-8 ending with a newline. */
const char *precis_contract_keywords(const precis_keyword_list *list, size_t most);

/* The highlighted document in style: it renders, ends with a newline
 * unless empty, opens as many marks as it closes, and, except for a web
 * page marked in place, is valid UTF-8. */
const char *precis_contract_highlight(const precis_result *res, const char *text, size_t len,
                                      precis_highlight style);
/* Stories made from docs[0, n): every document in exactly one story,
 * stories biggest first, each with a label of valid UTF-8 and a summary
 * whose sentences are byte ranges of the story's own documents; the JSONL
 * rendering is valid UTF-8, one line per story. */
const char *precis_contract_topics(const precis_topics *topics, const precis_document *docs,
                                   size_t n);

#endif

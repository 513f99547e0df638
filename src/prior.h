/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * prior.h - what is known about each sentence before any ranking: whether
 * it may be chosen at all, and where it stands among those that may.
 *
 * Sentences that name or frame the text rather than say something in it
 * are not candidates: they are never chosen, and they are left out of the
 * ranking walk too, because they repeat names that similarity would
 * otherwise reward. They are
 * - headings: a line of its own without final punctuation (flagged by the
 *   splitter), or a section title of the language's phrase list
 *   ("Methods", "2.1 methods", "Abstract.") in any case; kept when the
 *   caller asks for headings;
 * - back matter: what follows a back-matter title (references,
 *   acknowledgements, competing interests, funding, "See also", notes...)
 *   up to the next section title that is not one, and a paragraph that
 *   opens with such a title and a colon ("Funding: ...");
 * - labels: a line that opens with a metadata label and a colon
 *   ("E-mail: ...", "Keywords: ...");
 * - the salutation that opens a letter ("Hi all,") and the sign-off that
 *   closes it ("Kind regards, Anna", and the signature after it);
 * - boilerplate: bylines, prompts to share or follow, credit and copyright
 *   lines;
 * - junk lines (depend.h): promotions and link labels ("READ MORE: ...",
 *   "Watch the video: ."), titles left in running text, lead-ins that end
 *   with a colon, a date or a time alone, remainders without words;
 * - the codes and slugs of news-wire copy, and datelines (the splitter
 *   cuts them off the sentence they open).
 * Phrases come from stopwords/CODE.phrases of the document's language and
 * of English. A document that is back matter or a letter's frame all
 * through keeps the sentences that are candidates by themselves; one
 * that has nothing else makes every sentence a candidate.
 *
 * A candidate of three words or fewer is a fragment ("He was 88.",
 * "Netanyahu said."): it is ranked and votes, but it cannot stand alone as
 * a summary sentence, and select.c never chooses it while a longer one is
 * left.
 *
 * A candidate whose opening refers back (depend.h: "He said", "However,",
 * a quotation that goes on) leans on the candidate before it, its
 * antecedent: it may stand alone only beside it, and select.c takes the
 * two together or puts the dependent one off.
 *
 * The position of a candidate is its index among candidates, so that a
 * headline or a byline does not push the lead sentence down.
 */
#ifndef PRECIS_PRIOR_H
#define PRECIS_PRIOR_H

#include <stddef.h>
#include <stdint.h>

#include "anchor.h"
#include "depend.h"
#include "fold.h"
#include "precis.h"
#include "segment.h"
#include "tokenize.h"
#include "util.h" /* PRECIS_NO_SENTENCE */

/* What a sentence is, as far as choosing it goes. */
typedef enum precis_unit_kind {
    PRECIS_UNIT_SENTENCE = 0, /* a candidate that may stand alone */
    PRECIS_UNIT_FRAGMENT,     /* a candidate of PRECIS_FRAGMENT_WORDS words or fewer */
    PRECIS_UNIT_HEADING,      /* a title or section heading */
    PRECIS_UNIT_BACK_MATTER,  /* references, acknowledgements, funding, "See also"... */
    PRECIS_UNIT_LABEL,        /* "E-mail: k.huber@...", "Keywords: ..." */
    PRECIS_UNIT_SALUTATION,   /* "Hi all," */
    PRECIS_UNIT_SIGNOFF,      /* "Best regards, Anna" and the signature after it */
    PRECIS_UNIT_BOILERPLATE,  /* bylines, prompts, credit and copyright lines */
    PRECIS_UNIT_WIRE,         /* the codes and slugs of news-wire copy ("ENDIT", "&QL;",
                                 "Story Filed By ...", "AP-NY-07-25-02 1541EDT") */
    PRECIS_UNIT_DATELINE,     /* "NEW YORK (AP) --", split off by the splitter */
    PRECIS_UNIT_JUNK          /* "READ MORE: ...", "Watch the video: .", "Tuesday." */
} precis_unit_kind;

/* A sentence of at most this many words cannot stand alone as a summary
 * sentence. */
#define PRECIS_FRAGMENT_WORDS 3
/* The boilerplate phrases that say so wherever they stand. */
#define PRECIS_PRIOR_ANYWHERE 4

/* The candidates of a document, held by the caller and reused;
 * zero-initialise, release with precis_prior_free. */
typedef struct precis_prior {
    unsigned char *kind;       /* per sentence: a precis_unit_kind */
    unsigned char *title;      /* per sentence: scratch, the section title it is */
    unsigned char *candidate;  /* per sentence: 1 if it is ranked and may be chosen */
    unsigned char *standalone; /* per sentence: 1 if it may stand alone in a summary */
    size_t *position;          /* per sentence: index among candidates (candidates only) */
    size_t *antecedent;        /* per sentence: the candidate it leans on, or
                                  PRECIS_NO_SENTENCE */
    size_t count;              /* candidates */
    size_t kind_cap, title_cap, candidate_cap, standalone_cap, position_cap, antecedent_cap;
    precis_folder folder;      /* scratch for phrase lookups */
    precis_depend depend;      /* scratch of the junk and dependency detectors */
    /* The anchors of the boilerplate that stands anywhere, allocated and
     * made on first use (NULL before) where those of the junk phrases do
     * not cover it: out of the context, whose calloc would clear their
     * 4 KB for every document. */
    precis_anchors *anywhere_anchors;
    /* Whether the anchors of the junk phrases of covered_lang cover those
     * of the boilerplate (known once covered_known is set). */
    int covered, covered_lang, covered_known;
    /* Where the anchor of each boilerplate phrase that stands anywhere
     * starts in it (precis_anchors_offset), known once covered_known is
     * set. */
    size_t anywhere_at[PRECIS_PRIOR_ANYWHERE];
} precis_prior;

void precis_prior_free(precis_prior *p);

/* Tells the sentences seg->spans[0, seg->count) of text, in language
 * lang, apart (their word counts are in tok): what kind each is, which are
 * candidates, which may stand alone and which lean on an antecedent.
 * Headings are candidates when keep_headings is set. */
precis_status precis_prior_build(precis_prior *p, const char *text, const precis_segmenter *seg,
                                 const precis_tokens *tok, int lang, int keep_headings);

/* Whether text[start, end), of the given length in words, is boilerplate. */
int precis_is_boilerplate(const char *text, size_t start, size_t end, size_t words);

/* precis_is_boilerplate in *yes, as precis_prior_build finds it in a
 * document in language lang, with the tables of p: a sentence without
 * the anchor of a phrase is not read for it. */
precis_status precis_prior_is_boilerplate(precis_prior *p, int lang, const char *text,
                                          size_t start, size_t end, size_t words, int *yes);

/* Whether text[start, end), of the given length in words, is a news-wire
 * code or slug; mixed_case says whether the document writes in both
 * cases (then a line in capitals without a final stop is a slug). */
int precis_is_wire_code(const char *text, size_t start, size_t end, size_t words,
                        int mixed_case);

/* The position prior (1 + position)^-exponent: 1 for the first candidate,
 * decaying slowly after. */
double precis_position_weight(size_t position, double exponent);

#endif

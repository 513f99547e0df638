/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * options.h - the keyword arguments of summarize, split, digest and
 * Summarizer, checked and put on a library context.
 *
 * Names are checked here (an algorithm, an input format) and values by
 * the library when they are put on a context, so that a bad value gives
 * the library's own message, after the name of the argument.
 */
#ifndef PYPRECIS_OPTIONS_H
#define PYPRECIS_OPTIONS_H

#include "state.h"

typedef struct pyprecis_options {
    precis_length_unit unit;
    double length;
    const char *length_name;   /* the argument that set the length: "n", "ratio", ... */
    const char *lang;          /* borrowed from the caller's argument, or static */
    precis_algorithm algorithm;
    precis_input_format format;
    const char *encoding;      /* borrowed, or NULL to detect it */
    double diversity;
    int headings;
    size_t max_bytes;
    size_t max_sentences;
} pyprecis_options;

/* What a call takes. */
typedef enum pyprecis_call {
    PYPRECIS_CALL_SUMMARIZE, /* text, n=3, *, ratio, words, chars, lang, algorithm,
                                diversity, fmt, encoding, headings, max_bytes,
                                max_sentences */
    PYPRECIS_CALL_DIGEST,    /* the same with texts in place of text */
    PYPRECIS_CALL_SPLIT,     /* text, *, lang, fmt, encoding, max_bytes, max_sentences */
    PYPRECIS_CALL_EXTRACT,   /* text, *, fmt, encoding, max_bytes */
    PYPRECIS_CALL_OPTIONS    /* the same as summarize without text (Summarizer) */
} pyprecis_call;

/* Reads the arguments of a call; the first positional one (text or
 * texts) is stored in *text (borrowed), which may be NULL for
 * PYPRECIS_CALL_OPTIONS. Returns 0, or -1 with an exception: TypeError
 * for a missing argument or a wrong type, precis.Error for an unknown
 * algorithm or input format, conflicting lengths or a negative limit.
 * Strings in *out are borrowed from args and kwargs. */
int pyprecis_options_parse(const pyprecis_state *st, pyprecis_call call, PyObject *args,
                           PyObject *kwargs, PyObject **text, pyprecis_options *out);

/* A new dict of the keyword arguments that give opts, those whose value
 * is not the default: what Summarizer shows in its repr and pickles. NULL
 * with an exception on failure. */
PyObject *pyprecis_options_dict(const pyprecis_options *opts);

/* Puts every option on ctx, so that a context reused from another call
 * keeps nothing of it. Returns 0, or -1 with precis.Error naming the
 * argument whose value the library refused. */
int pyprecis_options_apply(const pyprecis_state *st, const pyprecis_options *opts,
                           precis_ctx *ctx);

#endif

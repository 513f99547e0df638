/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * state.h - what the extension module precis._precis keeps: its types, its
 * exception and a pool of library contexts for the module-level functions.
 *
 * The state belongs to the module object (PEP 489 multi-phase
 * initialization); module.c creates and frees everything in it. Every
 * field is read and written with the GIL held.
 */
#ifndef PYPRECIS_STATE_H
#define PYPRECIS_STATE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "precis.h"

/* Contexts kept for reuse between calls of the module-level functions: a
 * context's scratch memory and vocabulary make the next document cheaper.
 * More threads than this still work; their extra contexts are freed after
 * each call. */
#define PYPRECIS_POOL_SIZE 8

typedef struct pyprecis_state {
    PyTypeObject *sentence_type;   /* precis.Sentence, a struct sequence */
    PyObject *summary_type;        /* precis.Summary, a list with facts about the document */
    PyTypeObject *document_type;   /* precis.Document, a struct sequence */
    PyTypeObject *summarizer_type; /* precis.Summarizer */
    PyObject *error;               /* precis.Error, a subclass of ValueError */
    PyObject *str_lang;            /* interned attribute names of Summary */
    PyObject *str_n_sentences;
    PyObject *str_title;
    PyObject *str_format;
    precis_ctx *pool_ctx[PYPRECIS_POOL_SIZE];
    precis_buffer *pool_buf[PYPRECIS_POOL_SIZE];
    size_t pool_count;
} pyprecis_state;

#endif

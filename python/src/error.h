/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * error.h - Python exceptions for the library's failures.
 */
#ifndef PYPRECIS_ERROR_H
#define PYPRECIS_ERROR_H

#include "state.h"

/* Creates the class precis.Error (a subclass of ValueError); a new
 * reference, or NULL with an exception set. */
PyObject *pyprecis_error_type_new(void);

/* Sets the exception for status (not PRECIS_OK) and returns NULL:
 * MemoryError for PRECIS_ERR_NOMEM, precis.Error otherwise, whose status
 * attribute names the status ("too_large", ...). The message is ctx's
 * explanation of its last failure (ctx may be NULL), or the status's
 * description when there is none, after "what: " when what is not NULL
 * (the argument at fault). */
PyObject *pyprecis_raise(const pyprecis_state *st, precis_status status, const precis_ctx *ctx,
                         const char *what);

/* Sets precis.Error for a language code that ctx refused, with a pointer
 * to precis.languages(); returns NULL. */
PyObject *pyprecis_raise_language(const pyprecis_state *st, const precis_ctx *ctx);

/* Sets precis.Error with status "invalid_argument" and the message
 * message (a reference this takes; NULL when making it failed, whose
 * exception is then kept); returns NULL. */
PyObject *pyprecis_raise_argument(const pyprecis_state *st, PyObject *message);

#endif

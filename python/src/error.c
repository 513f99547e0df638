/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * error.c - Python exceptions for the library's failures.
 */
#include "error.h"

static const char error_doc[] =
    "The library refused an argument or a document.\n"
    "\n"
    "A subclass of ValueError. str(e) is the library's explanation, after\n"
    "the name of the argument at fault when there is one; e.status names\n"
    "the kind of failure: 'invalid_argument', 'unknown_language',\n"
    "'too_large' (over max_bytes or max_sentences), 'no_convergence' or\n"
    "'invalid_format'.";

PyObject *pyprecis_error_type_new(void)
{
    return PyErr_NewExceptionWithDoc("precis.Error", error_doc, PyExc_ValueError, NULL);
}

/* The status values are fixed for every 1.x version of the library (see
 * precis.h); a status this module does not know yet is "failed", as the
 * command's record mode says. */
static const char *status_code(precis_status status)
{
    switch (status) {
    case PRECIS_ERR_ARGUMENT:
        return "invalid_argument";
    case PRECIS_ERR_LANGUAGE:
        return "unknown_language";
    case PRECIS_ERR_TOO_LARGE:
        return "too_large";
    case PRECIS_ERR_NO_CONVERGENCE:
        return "no_convergence";
    case PRECIS_ERR_FORMAT:
        return "invalid_format";
    default:
        return "failed";
    }
}

/* Raises precis.Error(message) with the status code; takes message. */
static PyObject *raise_error(const pyprecis_state *st, const char *code, PyObject *message)
{
    if (message == NULL)
        return NULL;
    PyObject *exc = PyObject_CallOneArg(st->error, message);
    Py_DECREF(message);
    if (exc == NULL)
        return NULL;
    PyObject *status = PyUnicode_FromString(code);
    if (status == NULL || PyObject_SetAttrString(exc, "status", status) < 0) {
        Py_XDECREF(status);
        Py_DECREF(exc);
        return NULL;
    }
    Py_DECREF(status);
    PyErr_SetObject(st->error, exc);
    Py_DECREF(exc);
    return NULL;
}

PyObject *pyprecis_raise(const pyprecis_state *st, precis_status status, const precis_ctx *ctx,
                         const char *what)
{
    const char *explanation = ctx != NULL ? precis_ctx_error(ctx) : "";
    if (explanation == NULL || explanation[0] == '\0')
        explanation = precis_status_str(status);
    PyObject *message = what != NULL ? PyUnicode_FromFormat("%s: %s", what, explanation)
                                     : PyUnicode_FromString(explanation);
    if (status == PRECIS_ERR_NOMEM) {
        if (message == NULL)
            return NULL;
        PyErr_SetObject(PyExc_MemoryError, message);
        Py_DECREF(message);
        return NULL;
    }
    return raise_error(st, status_code(status), message);
}

PyObject *pyprecis_raise_language(const pyprecis_state *st, const precis_ctx *ctx)
{
    return raise_error(st, status_code(PRECIS_ERR_LANGUAGE),
                       PyUnicode_FromFormat("lang: %s (precis.languages() lists the codes)",
                                            precis_ctx_error(ctx)));
}

PyObject *pyprecis_raise_argument(const pyprecis_state *st, PyObject *message)
{
    return raise_error(st, "invalid_argument", message);
}

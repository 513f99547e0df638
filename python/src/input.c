/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * input.c - the bytes of a text argument, held for the library.
 */
#include "input.h"

#include <string.h>

int pyprecis_text_get(PyObject *obj, const char *what, pyprecis_text *out)
{
    memset(out, 0, sizeof *out);
    if (PyUnicode_Check(obj)) {
        Py_ssize_t len;
        const char *data = PyUnicode_AsUTF8AndSize(obj, &len);
        if (data == NULL)
            return -1;
        out->data = data;
        out->len = (size_t)len;
        return 0;
    }
    if (!PyObject_CheckBuffer(obj)) {
        PyErr_Format(PyExc_TypeError, "%s must be str or a bytes-like object, not %.100s", what,
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE) < 0)
        return -1;
    size_t len = (size_t)view.len;
    if (view.readonly || len == 0) {
        out->view = view;
        out->has_view = 1;
        out->data = len > 0 ? view.buf : "";
        out->len = len;
        return 0;
    }
    out->copy = PyMem_RawMalloc(len);
    if (out->copy == NULL) {
        PyBuffer_Release(&view);
        PyErr_NoMemory();
        return -1;
    }
    memcpy(out->copy, view.buf, len);
    PyBuffer_Release(&view);
    out->data = out->copy;
    out->len = len;
    return 0;
}

void pyprecis_text_release(pyprecis_text *t)
{
    if (t->has_view)
        PyBuffer_Release(&t->view);
    PyMem_RawFree(t->copy);
    memset(t, 0, sizeof *t);
}

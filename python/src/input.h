/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * input.h - the bytes of a text argument, held for the library.
 *
 * A str is read as its UTF-8 encoding (which the str object caches: no
 * copy); bytes and other read-only buffers are read in place, held with
 * the buffer protocol; a writable buffer (bytearray, a writable
 * memoryview) is copied, because another thread could change it while the
 * library reads it without the GIL. Whatever the case, the library's byte
 * offsets are offsets into the argument's bytes (a str's UTF-8).
 */
#ifndef PYPRECIS_INPUT_H
#define PYPRECIS_INPUT_H

#include "state.h"

typedef struct pyprecis_text {
    const char *data; /* the bytes: valid until pyprecis_text_release */
    size_t len;
    Py_buffer view;   /* the buffer held, when has_view */
    int has_view;
    char *copy;       /* owned: the copy of a writable buffer, or NULL */
} pyprecis_text;

/* Reads obj (str, bytes or any object with the buffer protocol) into
 * *out; the caller keeps a reference to obj until it releases *out.
 * Returns 0, or -1 with TypeError (any other type, named with what),
 * UnicodeEncodeError (a str with lone surrogates, which has no UTF-8),
 * BufferError (a buffer that is not contiguous) or MemoryError, in which
 * case *out holds nothing to release. */
int pyprecis_text_get(PyObject *obj, const char *what, pyprecis_text *out);

/* Releases what *t holds; harmless on a zeroed struct. */
void pyprecis_text_release(pyprecis_text *t);

#endif

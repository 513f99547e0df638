/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * options.c - the keyword arguments of summarize, split, digest and
 * Summarizer, checked and put on a library context.
 */
#include "options.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "error.h"

/* The keywords of each call, in the order of its format string. */
static char *summarize_keywords[] = {
    "text", "n", "ratio", "words", "chars", "lang", "algorithm", "diversity", "fmt",
    "encoding", "headings", "max_bytes", "max_sentences", NULL};
static char *digest_keywords[] = {
    "texts", "n", "ratio", "words", "chars", "lang", "algorithm", "diversity", "fmt",
    "encoding", "headings", "max_bytes", "max_sentences", NULL};
static char *split_keywords[] = {
    "text", "lang", "fmt", "encoding", "max_bytes", "max_sentences", NULL};
static char *extract_keywords[] = {"text", "fmt", "encoding", "max_bytes", NULL};

/* "name: unknown KIND 'value'; one of a, b, c" as precis.Error, from the
 * names that name_of gives for 0, 1, ... until NULL. */
static int unknown_name(const pyprecis_state *st, const char *argument, const char *kind,
                        const char *value, const char *(*name_of)(int))
{
    PyObject *names = PyList_New(0);
    if (names == NULL)
        return -1;
    for (int i = 0; name_of(i) != NULL; i++) {
        PyObject *name = PyUnicode_FromString(name_of(i));
        if (name == NULL || PyList_Append(names, name) < 0) {
            Py_XDECREF(name);
            Py_DECREF(names);
            return -1;
        }
        Py_DECREF(name);
    }
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *joined = sep != NULL ? PyUnicode_Join(sep, names) : NULL;
    Py_XDECREF(sep);
    Py_DECREF(names);
    if (joined == NULL)
        return -1;
    pyprecis_raise_argument(st, PyUnicode_FromFormat("%s: unknown %s '%s'; one of %U", argument,
                                                     kind, value, joined));
    Py_DECREF(joined);
    return -1;
}

static const char *algorithm_name(int i)
{
    return (size_t)i < precis_algorithm_count() ? precis_algorithm_name((precis_algorithm)i)
                                                : NULL;
}

static const char *format_name(int i)
{
    return precis_input_format_name((precis_input_format)i);
}

/* An integer argument (an int, or any object with __index__) as a long
 * long, and in *overflow the sign of a value beyond its range (else 0). */
static int read_integer(PyObject *obj, const char *name, const char *expected, long long *out,
                        int *overflow)
{
    if (!PyIndex_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s must be %s, not %.100s", name, expected,
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    PyObject *index = PyNumber_Index(obj);
    if (index == NULL)
        return -1;
    *out = PyLong_AsLongLongAndOverflow(index, overflow);
    Py_DECREF(index);
    return *overflow == 0 && *out == -1 && PyErr_Occurred() ? -1 : 0;
}

/* A whole-number length (n, words, chars). The library checks its range,
 * so a value too large for a long long becomes infinity, which it
 * refuses with its own message. */
static int whole_number(PyObject *obj, const char *name, double *out)
{
    long long value;
    int overflow;
    if (read_integer(obj, name, "an int", &value, &overflow) < 0)
        return -1;
    *out = overflow > 0 ? HUGE_VAL : overflow < 0 ? -HUGE_VAL : (double)value;
    return 0;
}

/* A fraction (ratio, diversity): a float, or an int. */
static int read_fraction(PyObject *obj, const char *name, double *out)
{
    if (obj == NULL)
        return 0;
    if (PyBool_Check(obj) || !(PyFloat_Check(obj) || PyLong_Check(obj))) {
        PyErr_Format(PyExc_TypeError, "%s must be a float, not %.100s", name,
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    *out = PyFloat_AsDouble(obj);
    return *out == -1.0 && PyErr_Occurred() ? -1 : 0;
}

static int read_length(const pyprecis_state *st, PyObject *n, PyObject *ratio, PyObject *words,
                       PyObject *chars, pyprecis_options *out)
{
    struct {
        PyObject *value;
        const char *name;
        precis_length_unit unit;
    } lengths[] = {
        {n, "n", PRECIS_LENGTH_SENTENCES},
        {ratio, "ratio", PRECIS_LENGTH_RATIO},
        {words, "words", PRECIS_LENGTH_WORDS},
        {chars, "chars", PRECIS_LENGTH_CHARS},
    };
    int given = 0;
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        PyObject *value = lengths[i].value;
        if (value == NULL || value == Py_None)
            continue;
        if (++given > 1) {
            pyprecis_raise_argument(st, PyUnicode_FromString(
                                            "give at most one of n, ratio, words and chars"));
            return -1;
        }
        out->unit = lengths[i].unit;
        out->length_name = lengths[i].name;
        if (lengths[i].unit == PRECIS_LENGTH_RATIO) {
            if (read_fraction(value, "ratio", &out->length) < 0)
                return -1;
        } else if (whole_number(value, lengths[i].name, &out->length) < 0) {
            return -1;
        }
    }
    return 0;
}

/* A limit: None for the library's default, else an int from 0 (no
 * limit); one above what size_t holds is no limit either. */
static int read_limit(const pyprecis_state *st, PyObject *obj, const char *name, size_t *out)
{
    if (obj == NULL || obj == Py_None)
        return 0;
    long long value;
    int overflow;
    if (read_integer(obj, name, "an int or None", &value, &overflow) < 0)
        return -1;
    if (overflow < 0 || (overflow == 0 && value < 0)) {
        pyprecis_raise_argument(
            st, PyUnicode_FromFormat("%s: a limit must be 0 (none) or more", name));
        return -1;
    }
    *out = overflow > 0 || (unsigned long long)value > SIZE_MAX ? 0 : (size_t)value;
    return 0;
}

/* A name (lang, algorithm, fmt): a str without NUL, whose UTF-8 stays
 * alive with obj. */
static int read_name(PyObject *obj, const char *name, const char **out)
{
    if (obj == NULL)
        return 0;
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s must be a str, not %.100s", name,
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    Py_ssize_t len;
    const char *utf8 = PyUnicode_AsUTF8AndSize(obj, &len);
    if (utf8 == NULL)
        return -1;
    if (strlen(utf8) != (size_t)len) {
        PyErr_Format(PyExc_ValueError, "%s: embedded null character", name);
        return -1;
    }
    *out = utf8;
    return 0;
}

int pyprecis_options_parse(const pyprecis_state *st, pyprecis_call call, PyObject *args,
                           PyObject *kwargs, PyObject **text, pyprecis_options *out)
{
    *out = (pyprecis_options){
        .unit = PRECIS_LENGTH_SENTENCES,
        .length = 3.0,
        .length_name = "n",
        .lang = "auto",
        .algorithm = PRECIS_DEFAULT_ALGORITHM,
        .format = PRECIS_FROM_AUTO,
        .encoding = NULL,
        .diversity = PRECIS_DEFAULT_DIVERSITY,
        .headings = 0,
        .max_bytes = PRECIS_DEFAULT_MAX_BYTES,
        .max_sentences = PRECIS_DEFAULT_MAX_SENTENCES,
    };
    PyObject *n = NULL, *ratio = NULL, *words = NULL, *chars = NULL;
    PyObject *lang = NULL, *algorithm = NULL, *format = NULL, *encoding = NULL;
    PyObject *diversity = NULL;
    PyObject *max_bytes = NULL, *max_sentences = NULL;
    int ok;
    *text = NULL;
    switch (call) {
    case PYPRECIS_CALL_SUMMARIZE:
    case PYPRECIS_CALL_DIGEST:
        ok = PyArg_ParseTupleAndKeywords(
            args, kwargs,
            call == PYPRECIS_CALL_SUMMARIZE ? "O|O$OOOOOOOOpOO:summarize"
                                            : "O|O$OOOOOOOOpOO:digest",
            call == PYPRECIS_CALL_SUMMARIZE ? summarize_keywords : digest_keywords, text, &n,
            &ratio, &words, &chars, &lang, &algorithm, &diversity, &format, &encoding,
            &out->headings, &max_bytes, &max_sentences);
        break;
    case PYPRECIS_CALL_OPTIONS:
        /* The same keywords without the text. */
        ok = PyArg_ParseTupleAndKeywords(args, kwargs, "|O$OOOOOOOOpOO:Summarizer",
                                         summarize_keywords + 1, &n, &ratio, &words, &chars,
                                         &lang, &algorithm, &diversity, &format, &encoding,
                                         &out->headings, &max_bytes, &max_sentences);
        break;
    case PYPRECIS_CALL_EXTRACT:
        ok = PyArg_ParseTupleAndKeywords(args, kwargs, "O|$OOO:extract", extract_keywords, text,
                                         &format, &encoding, &max_bytes);
        break;
    default:
        ok = PyArg_ParseTupleAndKeywords(args, kwargs, "O|$OOOOO:split", split_keywords, text,
                                         &lang, &format, &encoding, &max_bytes, &max_sentences);
        break;
    }
    if (!ok)
        return -1;
    const char *algorithm_given = NULL, *format_given = "auto";
    if (read_length(st, n, ratio, words, chars, out) < 0 ||
        read_name(lang, "lang", &out->lang) < 0 ||
        read_name(algorithm, "algorithm", &algorithm_given) < 0 ||
        read_name(format, "fmt", &format_given) < 0 ||
        (encoding != Py_None && read_name(encoding, "encoding", &out->encoding) < 0) ||
        read_fraction(diversity, "diversity", &out->diversity) < 0 ||
        read_limit(st, max_bytes, "max_bytes", &out->max_bytes) < 0 ||
        read_limit(st, max_sentences, "max_sentences", &out->max_sentences) < 0)
        return -1;
    if (algorithm_given != NULL &&
        precis_algorithm_find(algorithm_given, &out->algorithm) != PRECIS_OK)
        return unknown_name(st, "algorithm", "algorithm", algorithm_given, algorithm_name);
    if (precis_input_format_find(format_given, &out->format) != PRECIS_OK)
        return unknown_name(st, "fmt", "input format", format_given, format_name);
    return 0;
}

/* Sets key to value in dict, taking the reference to value (NULL when
 * making it failed). */
static int set_item(PyObject *dict, const char *key, PyObject *value)
{
    if (value == NULL)
        return -1;
    int rc = PyDict_SetItemString(dict, key, value);
    Py_DECREF(value);
    return rc;
}

PyObject *pyprecis_options_dict(const pyprecis_options *opts)
{
    PyObject *dict = PyDict_New();
    if (dict == NULL)
        return NULL;
    int rc = 0;
    if (opts->unit == PRECIS_LENGTH_RATIO)
        rc = set_item(dict, "ratio", PyFloat_FromDouble(opts->length));
    else if (opts->unit != PRECIS_LENGTH_SENTENCES || opts->length != 3.0)
        rc = set_item(dict, opts->length_name, PyLong_FromDouble(opts->length));
    if (rc == 0 && strcmp(opts->lang, "auto") != 0)
        rc = set_item(dict, "lang", PyUnicode_FromString(opts->lang));
    if (rc == 0 && opts->algorithm != PRECIS_DEFAULT_ALGORITHM)
        rc = set_item(dict, "algorithm",
                      PyUnicode_FromString(precis_algorithm_name(opts->algorithm)));
    if (rc == 0 && opts->diversity != PRECIS_DEFAULT_DIVERSITY)
        rc = set_item(dict, "diversity", PyFloat_FromDouble(opts->diversity));
    if (rc == 0 && opts->format != PRECIS_FROM_AUTO)
        rc = set_item(dict, "fmt", PyUnicode_FromString(precis_input_format_name(opts->format)));
    if (rc == 0 && opts->encoding != NULL)
        rc = set_item(dict, "encoding", PyUnicode_FromString(opts->encoding));
    if (rc == 0 && opts->headings)
        rc = set_item(dict, "headings", PyBool_FromLong(1));
    if (rc == 0 && opts->max_bytes != PRECIS_DEFAULT_MAX_BYTES)
        rc = set_item(dict, "max_bytes", PyLong_FromSize_t(opts->max_bytes));
    if (rc == 0 && opts->max_sentences != PRECIS_DEFAULT_MAX_SENTENCES)
        rc = set_item(dict, "max_sentences", PyLong_FromSize_t(opts->max_sentences));
    if (rc < 0) {
        Py_DECREF(dict);
        return NULL;
    }
    return dict;
}

int pyprecis_options_apply(const pyprecis_state *st, const pyprecis_options *opts,
                           precis_ctx *ctx)
{
    precis_status status;
    const char *what;
    if ((status = precis_ctx_set_language(ctx, opts->lang)) == PRECIS_ERR_LANGUAGE) {
        pyprecis_raise_language(st, ctx);
        return -1;
    }
    if (status != PRECIS_OK)
        what = "lang";
    else if ((status = precis_ctx_set_format(ctx, opts->format)) != PRECIS_OK)
        what = "fmt";
    else if ((status = precis_ctx_set_encoding(ctx, opts->encoding)) != PRECIS_OK)
        what = "encoding";
    else if ((status = precis_ctx_set_length(ctx, opts->unit, opts->length)) != PRECIS_OK)
        what = opts->length_name;
    else if ((status = precis_ctx_set_algorithm(ctx, opts->algorithm)) != PRECIS_OK)
        what = "algorithm";
    else if ((status = precis_ctx_set_diversity(ctx, opts->diversity)) != PRECIS_OK)
        what = "diversity";
    else if ((status = precis_ctx_set_headings(ctx, opts->headings)) != PRECIS_OK)
        what = "headings";
    else if ((status = precis_ctx_set_limits(ctx, opts->max_bytes, opts->max_sentences)) !=
             PRECIS_OK)
        what = "max_bytes";
    else
        return 0;
    pyprecis_raise(st, status, ctx, what);
    return -1;
}

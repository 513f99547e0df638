/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * result.c - the library's results as Python objects.
 */
#include "result.h"

#include <string.h>

#include "error.h"

/* The descriptions below are read-only: PyStructSequence_NewType takes
 * them through non-const pointers but never writes to them. */
static PyStructSequence_Field sentence_fields[] = {
    {"index", "position among all sentences of the document, from 0"},
    {"start", "first byte of the sentence's range of the input (for a str, of its UTF-8 "
              "encoding)"},
    {"length", "length of that range in bytes"},
    {"score", "the algorithm's score; the scores of a document's candidate sentences sum to 1 "
              "(0.0 from split)"},
    {"text", "the sentence: as the command prints it (white space folded to one space) from "
             "summarize and digest, exactly as in the text from split"},
    {"document", "in a digest, the index of the sentence's document in the texts given; 0 "
                 "otherwise"},
    {"speaker", "who says the sentence, in a transcript that names its speakers; None "
                "otherwise"},
    {NULL, NULL},
};

static PyStructSequence_Desc sentence_desc = {
    "precis.Sentence",
    "A sentence of a document: index, start, length, score, text.\n"
    "\n"
    "A named tuple of five fields; start and length give the sentence's\n"
    "range of the input in bytes (for a str, of its UTF-8 encoding,\n"
    "text.encode()[start:start + length]). Digests also set the attribute\n"
    "document, the index of the sentence's document; transcripts that name\n"
    "their speakers the attribute speaker.",
    sentence_fields,
    5,
};

static PyStructSequence_Field document_fields[] = {
    {"text", "the clean text: what the summarizer reads (of a web page, its main text, "
             "paragraphs separated by blank lines), decoded to a str"},
    {"title", "the document's title ('' unless the input names one, as a web page does)"},
    {"format", "how it was read: 'text', 'html', ..."},
    {NULL, NULL},
};

static PyStructSequence_Desc document_desc = {
    "precis.Document",
    "The clean text of a document, as extract() reads it: text, title, format.",
    document_fields,
    3,
};

static const char summary_doc[] =
    "A list of precis.Sentence, in document order, with facts about the document.\n"
    "\n"
    "lang: the ISO 639-1 code of the language it was analysed as;\n"
    "n_sentences: how many sentences it has (in a digest, all documents\n"
    "together); title: its title ('' unless the input names one, as a web\n"
    "page does); format: how it was read ('text', 'html', ...).";

int pyprecis_result_types_new(pyprecis_state *st)
{
    st->sentence_type = PyStructSequence_NewType(&sentence_desc);
    if (st->sentence_type == NULL)
        return -1;
    st->document_type = PyStructSequence_NewType(&document_desc);
    if (st->document_type == NULL)
        return -1;
    /* A class made as the statement class would make it: instances of a
     * list subclass with __slots__ pickle (for Dask and multiprocessing)
     * and free themselves without code of ours. */
    PyObject *ns = Py_BuildValue("{s:s,s:s,s:(ssss)}", "__module__", "precis", "__doc__",
                                 summary_doc, "__slots__", "lang", "n_sentences", "title",
                                 "format");
    if (ns == NULL)
        return -1;
    st->summary_type = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O)O", "Summary",
                                             (PyObject *)&PyList_Type, ns);
    Py_DECREF(ns);
    if (st->summary_type == NULL)
        return -1;
    st->str_lang = PyUnicode_InternFromString("lang");
    st->str_n_sentences = PyUnicode_InternFromString("n_sentences");
    st->str_title = PyUnicode_InternFromString("title");
    st->str_format = PyUnicode_InternFromString("format");
    if (st->str_lang == NULL || st->str_n_sentences == NULL || st->str_title == NULL ||
        st->str_format == NULL)
        return -1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Decoding                                                           */

/* The code point at s[*pos] (*pos < len), advancing *pos past it; a byte
 * that does not start a well-formed sequence (Unicode's table 3-7: no
 * overlong forms, no surrogates, nothing above U+10FFFF, nothing
 * truncated) is U+FFFD and advances one byte, as the library reads it. */
static Py_UCS4 next_code_point(const unsigned char *s, size_t len, size_t *pos)
{
    size_t at = *pos;
    unsigned lead = s[at];
    *pos = at + 1;
    if (lead < 0x80)
        return lead;
    size_t more;
    Py_UCS4 cp;
    unsigned low = 0x80, high = 0xBF; /* the range of the second byte */
    if (lead >= 0xC2 && lead <= 0xDF) {
        more = 1;
        cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        more = 2;
        cp = lead & 0x0F;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        more = 3;
        cp = lead & 0x07;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0xFFFD;
    }
    if (len - at - 1 < more)
        return 0xFFFD;
    for (size_t k = 1; k <= more; k++) {
        unsigned b = s[at + k];
        if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF))
            return 0xFFFD;
        cp = (cp << 6) | (b & 0x3F);
    }
    *pos = at + 1 + more;
    return cp;
}

/* Unicode's White_Space, the library's spaces. */
static int is_space(Py_UCS4 cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
    switch (cp) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return 1;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

PyObject *pyprecis_decode(const char *s, size_t len, int fold)
{
    if (len > (size_t)PY_SSIZE_T_MAX / sizeof(Py_UCS4))
        return PyErr_NoMemory();
    if (!fold) {
        /* Nearly every text is valid UTF-8: Python's decoder is the fast
         * path, and only its failure takes the slow one. */
        PyObject *str = PyUnicode_DecodeUTF8(s, (Py_ssize_t)len, NULL);
        if (str != NULL || !PyErr_ExceptionMatches(PyExc_UnicodeDecodeError))
            return str;
        PyErr_Clear();
    }
    Py_UCS4 *out = PyMem_Malloc(len > 0 ? len * sizeof(Py_UCS4) : 1);
    if (out == NULL)
        return PyErr_NoMemory();
    size_t n = 0, pos = 0;
    int in_space = 0;
    while (pos < len) {
        Py_UCS4 cp = next_code_point((const unsigned char *)s, len, &pos);
        int space = fold && is_space(cp);
        if (!space)
            out[n++] = cp;
        else if (!in_space)
            out[n++] = ' ';
        in_space = space;
    }
    PyObject *str = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, (Py_ssize_t)n);
    PyMem_Free(out);
    return str;
}

/* ------------------------------------------------------------------ */
/* Summaries                                                          */

/* The clean text of document d that sentences' text ranges refer to: the
 * result's own copy, or, when it read the input as it is, the input. */
static const char *clean_text(const precis_result *result, const pyprecis_text *texts,
                              size_t d, size_t *len)
{
    const char *text = precis_result_text(result, d, len);
    if (text != NULL)
        return text;
    *len = texts[d].len;
    return texts[d].data;
}

/* The text of the k-th listed sentence s. */
static PyObject *sentence_text(const pyprecis_state *st, const precis_result *result,
                               const pyprecis_text *texts, size_t n_texts,
                               pyprecis_listing listing, precis_buffer *buf, size_t k,
                               const precis_sentence *s)
{
    if (listing == PYPRECIS_LIST_SUMMARY) {
        precis_buffer_clear(buf);
        precis_status status = precis_render_sentence(result, texts[0].data, texts[0].len, k, buf);
        if (status != PRECIS_OK)
            return pyprecis_raise(st, status, NULL, "rendering a sentence");
        return pyprecis_decode(precis_buffer_data(buf), precis_buffer_length(buf), 0);
    }
    if (s->document >= n_texts)
        return pyprecis_raise(st, PRECIS_ERR_ARGUMENT, NULL, "a sentence's document");
    size_t len;
    const char *text = clean_text(result, texts, s->document, &len);
    if (s->text_start > len || s->text_length > len - s->text_start)
        return pyprecis_raise(st, PRECIS_ERR_ARGUMENT, NULL, "a sentence's range");
    return pyprecis_decode(text + s->text_start, s->text_length,
                           listing == PYPRECIS_LIST_DIGEST);
}

static PyObject *sentence_new(const pyprecis_state *st, const precis_sentence *s,
                              PyObject *text)
{
    PyObject *item = PyStructSequence_New(st->sentence_type);
    if (item == NULL) {
        Py_DECREF(text);
        return NULL;
    }
    /* A field left NULL by a failed allocation is freed safely with item. */
    PyStructSequence_SetItem(item, 0, PyLong_FromSize_t(s->index));
    PyStructSequence_SetItem(item, 1, PyLong_FromSize_t(s->start));
    PyStructSequence_SetItem(item, 2, PyLong_FromSize_t(s->length));
    PyStructSequence_SetItem(item, 3, PyFloat_FromDouble(s->score));
    PyStructSequence_SetItem(item, 4, text);
    PyStructSequence_SetItem(item, 5, PyLong_FromSize_t(s->document));
    PyObject *speaker = Py_None;
    if (s->speaker != NULL)
        speaker = pyprecis_decode(s->speaker, strlen(s->speaker), 0);
    else
        Py_INCREF(speaker);
    PyStructSequence_SetItem(item, 6, speaker);
    for (Py_ssize_t i = 0; i < 7; i++) {
        if (PyStructSequence_GetItem(item, i) == NULL) {
            Py_DECREF(item);
            return NULL;
        }
    }
    return item;
}

/* Sets the facts of summary; takes the references to the values, any
 * of which may be NULL when making it failed (its exception is then
 * kept). */
static int set_facts(const pyprecis_state *st, PyObject *summary, PyObject *lang,
                     PyObject *n_sentences, PyObject *title, PyObject *format)
{
    PyObject *names[] = {st->str_lang, st->str_n_sentences, st->str_title, st->str_format};
    PyObject *values[] = {lang, n_sentences, title, format};
    int rc = 0;
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        if (rc == 0 && (values[i] == NULL || PyObject_SetAttr(summary, names[i], values[i]) < 0))
            rc = -1;
        Py_XDECREF(values[i]);
    }
    return rc;
}

PyObject *pyprecis_document_new(const pyprecis_state *st, const precis_result *result,
                                const pyprecis_text *text)
{
    PyObject *document = PyStructSequence_New(st->document_type);
    if (document == NULL)
        return NULL;
    size_t len;
    const char *clean = clean_text(result, text, 0, &len);
    const char *title = precis_result_title(result);
    const char *format = precis_input_format_name(precis_result_format(result));
    /* A field left NULL by a failed allocation is freed safely with document. */
    PyObject *field = pyprecis_decode(clean, len, 0);
    if (field != NULL) {
        PyStructSequence_SetItem(document, 0, field);
        field = pyprecis_decode(title != NULL ? title : "", title != NULL ? strlen(title) : 0, 0);
    }
    if (field != NULL) {
        PyStructSequence_SetItem(document, 1, field);
        field = PyUnicode_FromString(format != NULL ? format : "");
    }
    if (field == NULL) {
        Py_DECREF(document);
        return NULL;
    }
    PyStructSequence_SetItem(document, 2, field);
    return document;
}

PyObject *pyprecis_summary_empty(const pyprecis_state *st)
{
    PyObject *summary = PyObject_CallNoArgs(st->summary_type);
    if (summary == NULL)
        return NULL;
    if (set_facts(st, summary, PyUnicode_FromString(""), PyLong_FromLong(0),
                  PyUnicode_FromString(""), PyUnicode_FromString("")) < 0) {
        Py_DECREF(summary);
        return NULL;
    }
    return summary;
}

PyObject *pyprecis_summary_new(const pyprecis_state *st, const precis_result *result,
                               const pyprecis_text *texts, size_t n_texts,
                               pyprecis_listing listing, precis_buffer *buf)
{
    PyObject *summary = PyObject_CallNoArgs(st->summary_type);
    if (summary == NULL)
        return NULL;
    size_t count = listing == PYPRECIS_LIST_SPLIT ? precis_result_sentence_count(result)
                                                  : precis_result_summary_count(result);
    for (size_t k = 0; k < count; k++) {
        precis_sentence s;
        precis_status status = listing == PYPRECIS_LIST_SPLIT
                                   ? precis_result_sentence(result, k, &s, sizeof s)
                                   : precis_result_summary(result, k, &s, sizeof s);
        if (status != PRECIS_OK) {
            Py_DECREF(summary);
            return pyprecis_raise(st, status, NULL, "reading a sentence");
        }
        PyObject *text = sentence_text(st, result, texts, n_texts, listing, buf, k, &s);
        PyObject *item = text != NULL ? sentence_new(st, &s, text) : NULL;
        if (item == NULL || PyList_Append(summary, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(summary);
            return NULL;
        }
        Py_DECREF(item);
    }
    const char *lang = precis_result_language(result);
    const char *title = precis_result_title(result);
    const char *format = precis_input_format_name(precis_result_format(result));
    if (set_facts(st, summary, PyUnicode_FromString(lang != NULL ? lang : ""),
                  PyLong_FromSize_t(precis_result_sentence_count(result)),
                  pyprecis_decode(title != NULL ? title : "", title != NULL ? strlen(title) : 0, 0),
                  PyUnicode_FromString(format != NULL ? format : "")) < 0) {
        Py_DECREF(summary);
        return NULL;
    }
    return summary;
}

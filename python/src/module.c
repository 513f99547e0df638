/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * module.c - the extension module precis._precis: summarize, split,
 * extract, digest, languages and the Summarizer class over the public C
 * API.
 *
 * The library runs without the GIL: its inputs are held (input.h) and its
 * context belongs to the call for as long as it runs, so other threads
 * run Python, or summarize on contexts of their own, meanwhile. The
 * module-level functions take a context from a pool in the module's
 * state and give it back; a Summarizer owns one context, and a lock makes
 * its calls from several threads take turns.
 */
#include "error.h"
#include "input.h"
#include "options.h"
#include "result.h"
#include "state.h"

#include <pythread.h>
#include <string.h>

static pyprecis_state *module_state(PyObject *module)
{
    return (pyprecis_state *)PyModule_GetState(module);
}

/* ------------------------------------------------------------------ */
/* Running the library                                                */

/* The documents of a call, held for the library: one text, or the texts of
 * a digest. They are read before a Summarizer's lock is taken, because
 * reading them may run Python code (a generator of texts) that could call
 * the same Summarizer. */
typedef struct call_input {
    pyprecis_call call;
    PyObject *items;        /* owned: the texts of a digest as a sequence, or NULL */
    pyprecis_text *texts;   /* n of them: &one, or owned */
    precis_document *docs;  /* owned, for a digest */
    size_t n;
    pyprecis_text one;
} call_input;

static void input_release(call_input *in)
{
    for (size_t i = 0; i < in->n; i++)
        pyprecis_text_release(&in->texts[i]);
    if (in->texts != &in->one)
        PyMem_Free(in->texts);
    PyMem_Free(in->docs);
    Py_XDECREF(in->items);
}

/* Holds the documents of obj for call: a text, or an iterable of texts
 * for a digest. Returns 0, or -1 with an exception and nothing held. */
static int input_get(pyprecis_call call, PyObject *obj, call_input *in)
{
    *in = (call_input){.call = call};
    if (call != PYPRECIS_CALL_DIGEST) {
        if (pyprecis_text_get(obj, "text", &in->one) < 0)
            return -1;
        in->texts = &in->one;
        in->n = 1;
        return 0;
    }
    /* A text is iterable too, but never meant as several. */
    if (PyUnicode_Check(obj) || PyObject_CheckBuffer(obj)) {
        PyErr_Format(PyExc_TypeError,
                     "texts must be an iterable of str or bytes-like objects, not one %.100s",
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    in->items = PySequence_Fast(obj, "texts must be an iterable of str or bytes-like objects");
    if (in->items == NULL)
        return -1;
    size_t count = (size_t)PySequence_Fast_GET_SIZE(in->items);
    if (count > 0) {
        in->texts = PyMem_Calloc(count, sizeof *in->texts);
        in->docs = PyMem_Calloc(count, sizeof *in->docs);
        if (in->texts == NULL || in->docs == NULL) {
            PyErr_NoMemory();
            input_release(in);
            return -1;
        }
    }
    for (; in->n < count; in->n++) {
        pyprecis_text *t = &in->texts[in->n];
        if (pyprecis_text_get(PySequence_Fast_GET_ITEM(in->items, (Py_ssize_t)in->n),
                              "each of texts", t) < 0) {
            input_release(in);
            return -1;
        }
        in->docs[in->n] = (precis_document){.text = t->data, .len = t->len};
    }
    return 0;
}

/* Runs the library on the documents of in with ctx, whose options are set,
 * and buf as scratch space; the GIL is released meanwhile. */
static PyObject *run(const pyprecis_state *st, precis_ctx *ctx, precis_buffer *buf,
                     const call_input *in)
{
    if (in->call == PYPRECIS_CALL_DIGEST && in->n == 0)
        return pyprecis_summary_empty(st);
    precis_result *result;
    precis_status status;
    Py_BEGIN_ALLOW_THREADS
    switch (in->call) {
    case PYPRECIS_CALL_DIGEST:
        status = precis_digest(ctx, in->docs, in->n, sizeof *in->docs, &result);
        break;
    case PYPRECIS_CALL_SPLIT:
        status = precis_split(ctx, in->one.data, in->one.len, &result);
        break;
    case PYPRECIS_CALL_EXTRACT:
        status = precis_extract(ctx, in->one.data, in->one.len, &result);
        break;
    default:
        status = precis_summarize(ctx, in->one.data, in->one.len, &result);
        break;
    }
    Py_END_ALLOW_THREADS
    if (status != PRECIS_OK)
        return pyprecis_raise(st, status, ctx, NULL);
    if (in->call == PYPRECIS_CALL_EXTRACT) {
        PyObject *document = pyprecis_document_new(st, result, &in->one);
        precis_result_free(result);
        return document;
    }
    pyprecis_listing listing = in->call == PYPRECIS_CALL_DIGEST  ? PYPRECIS_LIST_DIGEST
                               : in->call == PYPRECIS_CALL_SPLIT ? PYPRECIS_LIST_SPLIT
                                                                 : PYPRECIS_LIST_SUMMARY;
    PyObject *out = pyprecis_summary_new(st, result, in->texts, in->n, listing, buf);
    precis_result_free(result);
    return out;
}

/* ------------------------------------------------------------------ */
/* The pool of contexts                                               */

static int pool_take(pyprecis_state *st, precis_ctx **ctx, precis_buffer **buf)
{
    if (st->pool_count > 0) {
        st->pool_count--;
        *ctx = st->pool_ctx[st->pool_count];
        *buf = st->pool_buf[st->pool_count];
        return 0;
    }
    precis_status status = precis_ctx_new(ctx);
    if (status == PRECIS_OK) {
        status = precis_buffer_new(buf);
        if (status != PRECIS_OK)
            precis_ctx_free(*ctx);
    }
    if (status != PRECIS_OK) {
        pyprecis_raise(st, status, NULL, NULL);
        return -1;
    }
    return 0;
}

static void pool_give(pyprecis_state *st, precis_ctx *ctx, precis_buffer *buf)
{
    if (st->pool_count == PYPRECIS_POOL_SIZE) {
        precis_ctx_free(ctx);
        precis_buffer_free(buf);
        return;
    }
    precis_buffer_clear(buf);
    st->pool_ctx[st->pool_count] = ctx;
    st->pool_buf[st->pool_count] = buf;
    st->pool_count++;
}

static PyObject *run_pooled(PyObject *module, pyprecis_call call, PyObject *args,
                            PyObject *kwargs)
{
    pyprecis_state *st = module_state(module);
    pyprecis_options opts;
    PyObject *obj;
    if (pyprecis_options_parse(st, call, args, kwargs, &obj, &opts) < 0)
        return NULL;
    call_input in;
    if (input_get(call, obj, &in) < 0)
        return NULL;
    precis_ctx *ctx;
    precis_buffer *buf;
    PyObject *out = NULL;
    if (pool_take(st, &ctx, &buf) == 0) {
        if (pyprecis_options_apply(st, &opts, ctx) == 0)
            out = run(st, ctx, buf, &in);
        pool_give(st, ctx, buf);
    }
    input_release(&in);
    return out;
}

/* ------------------------------------------------------------------ */
/* Module functions                                                   */

#define LENGTH_SIGNATURE                                                                     \
    "ratio=None, words=None, chars=None, lang='auto', algorithm='centrality', "             \
    "diversity=0.0, fmt='auto', encoding=None, headings=False, max_bytes=None, "            \
    "max_sentences=None"

PyDoc_STRVAR(
    summarize_doc,
    "summarize($module, /, text, n=3, *, " LENGTH_SIGNATURE ")\n--\n\n"
    "Summarize text: its best sentences, in document order.\n"
    "\n"
    "text is a str, or bytes (bytearray, memoryview, any buffer), decoded\n"
    "as a byte order mark, encoding or a web page's declaration says, else\n"
    "as UTF-8; bytes invalid there are read as U+FFFD, one per byte.\n"
    "Returns a precis.Summary: a list of precis.Sentence (index, start,\n"
    "length, score, text) whose start and length are byte offsets into the\n"
    "input, for a str into its UTF-8 encoding (text.encode()), never\n"
    "into the str itself; text is the sentence as the command prints it.\n"
    "\n"
    "Length, at most one of: n sentences (default 3); ratio, a fraction of\n"
    "the sentences (0 < ratio <= 1); words or chars, a budget in words or\n"
    "characters. Sentences are never cut, and a non-empty document gives\n"
    "at least one.\n"
    "lang: an ISO 639-1 code (see languages()) or 'auto' to detect it.\n"
    "algorithm: 'centrality' (the default), 'textrank', 'lexrank',\n"
    "'lexrank-continuous' or 'lead'. diversity: 0 to 1, how strongly\n"
    "sentences like those already chosen are avoided. fmt: how the input\n"
    "is read, 'auto' (the default), 'text', 'html', ... encoding: the\n"
    "character encoding of bytes ('windows-1252', 'UTF-16LE', any name\n"
    "iconv knows), or None to detect it (a str is always UTF-8: leave it\n"
    "None). headings: let headings be chosen.\n"
    "max_bytes, max_sentences: refuse larger documents (0 for no limit;\n"
    "None for the library's defaults).\n"
    "\n"
    "Raises precis.Error (a ValueError) for a value the library refuses,\n"
    "TypeError for an argument of the wrong type, MemoryError when memory\n"
    "runs out. The GIL is released while the library works.");

static PyObject *module_summarize(PyObject *module, PyObject *args, PyObject *kwargs)
{
    return run_pooled(module, PYPRECIS_CALL_SUMMARIZE, args, kwargs);
}

PyDoc_STRVAR(split_doc,
             "split($module, /, text, *, lang='auto', fmt='auto', encoding=None, "
             "max_bytes=None, max_sentences=None)\n--\n\n"
             "Split text into the sentences the summarizer sees.\n"
             "\n"
             "Returns a precis.Summary listing every sentence, in order, each with\n"
             "its byte range of the input and its exact text (not folded); scores\n"
             "are 0.0. The arguments are those of summarize().");

static PyObject *module_split(PyObject *module, PyObject *args, PyObject *kwargs)
{
    return run_pooled(module, PYPRECIS_CALL_SPLIT, args, kwargs);
}

PyDoc_STRVAR(extract_doc,
             "extract($module, /, text, *, fmt='auto', encoding=None, max_bytes=None)\n--\n\n"
             "The clean text of a document: what the summarizer reads.\n"
             "\n"
             "For a web page, its main text without navigation, advertising and\n"
             "markup, paragraphs separated by blank lines and headings on lines of\n"
             "their own; for plain text, the text decoded to a str. Returns a\n"
             "precis.Document (text, title, format), as `precis extract -f json`\n"
             "prints it. The arguments are those of summarize().");

static PyObject *module_extract(PyObject *module, PyObject *args, PyObject *kwargs)
{
    return run_pooled(module, PYPRECIS_CALL_EXTRACT, args, kwargs);
}

PyDoc_STRVAR(
    digest_doc,
    "digest($module, /, texts, n=3, *, " LENGTH_SIGNATURE ")\n--\n\n"
    "Summarize several documents as one: a digest.\n"
    "\n"
    "texts is an iterable of str or bytes-like objects. Their sentences are\n"
    "ranked together, a sentence that nearly repeats a better one (as the\n"
    "same news from two sources does) is left out, and the length applies\n"
    "to the digest as a whole. Each precis.Sentence of the result has a\n"
    "document attribute, the index of its document in texts, and its\n"
    "index, start and length refer to that document. No texts give an\n"
    "empty Summary. The other arguments are those of summarize().");

static PyObject *module_digest(PyObject *module, PyObject *args, PyObject *kwargs)
{
    return run_pooled(module, PYPRECIS_CALL_DIGEST, args, kwargs);
}

PyDoc_STRVAR(languages_doc, "languages($module, /)\n--\n\n"
                            "The languages the library knows: a dict from ISO 639-1 code to "
                            "English name.");

static PyObject *module_languages(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    PyObject *out = PyDict_New();
    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < precis_language_count(); i++) {
        PyObject *name = PyUnicode_FromString(precis_language_name(i));
        if (name == NULL || PyDict_SetItemString(out, precis_language_code(i), name) < 0) {
            Py_XDECREF(name);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(name);
    }
    return out;
}

/* ------------------------------------------------------------------ */
/* Summarizer                                                         */

typedef struct summarizer_object {
    PyObject_HEAD
    precis_ctx *ctx;         /* owned; used only by the holder of lock */
    precis_buffer *buf;      /* owned; the same */
    PyThread_type_lock lock; /* owned */
    unsigned long holder;    /* the thread that holds lock, 0 when none; read and
                                written with the GIL held */
    PyObject *options;       /* owned: the keyword arguments that make it, a dict of
                                numbers, strings and booleans (no cycle can pass) */
} summarizer_object;

static void summarizer_dealloc(PyObject *self)
{
    summarizer_object *s = (summarizer_object *)self;
    PyTypeObject *type = Py_TYPE(self);
    precis_ctx_free(s->ctx);
    precis_buffer_free(s->buf);
    if (s->lock != NULL)
        PyThread_free_lock(s->lock);
    Py_XDECREF(s->options);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyObject *summarizer_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    pyprecis_state *st = (pyprecis_state *)PyType_GetModuleState(type);
    if (st == NULL)
        return NULL;
    pyprecis_options opts;
    PyObject *unused;
    if (pyprecis_options_parse(st, PYPRECIS_CALL_OPTIONS, args, kwargs, &unused, &opts) < 0)
        return NULL;
    summarizer_object *self = (summarizer_object *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    precis_status status = precis_ctx_new(&self->ctx);
    if (status == PRECIS_OK)
        status = precis_buffer_new(&self->buf);
    if (status != PRECIS_OK) {
        Py_DECREF(self);
        return pyprecis_raise(st, status, NULL, NULL);
    }
    self->lock = PyThread_allocate_lock();
    if (self->lock == NULL) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    /* Applied first: the library refuses bad values (an infinite n) before
     * they are written down. */
    if (pyprecis_options_apply(st, &opts, self->ctx) < 0 ||
        (self->options = pyprecis_options_dict(&opts)) == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static PyObject *summarizer_repr(PyObject *self)
{
    summarizer_object *s = (summarizer_object *)self;
    PyObject *parts = PyList_New(0);
    if (parts == NULL)
        return NULL;
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(s->options, &pos, &key, &value)) {
        PyObject *part = PyUnicode_FromFormat("%U=%R", key, value);
        if (part == NULL || PyList_Append(parts, part) < 0) {
            Py_XDECREF(part);
            Py_DECREF(parts);
            return NULL;
        }
        Py_DECREF(part);
    }
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *joined = sep != NULL ? PyUnicode_Join(sep, parts) : NULL;
    Py_XDECREF(sep);
    Py_DECREF(parts);
    if (joined == NULL)
        return NULL;
    PyObject *repr = PyUnicode_FromFormat("precis.Summarizer(%U)", joined);
    Py_DECREF(joined);
    return repr;
}

PyDoc_STRVAR(summarizer_reduce_doc, "__reduce__($self, /)\n--\n\n"
                                    "A Summarizer pickles as its options (for Dask, "
                                    "multiprocessing).");

/* Unpickled, a Summarizer is made anew from its options by the module's
 * _summarizer function. */
static PyObject *summarizer_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *module = PyType_GetModule(Py_TYPE(self));
    if (module == NULL)
        return NULL;
    PyObject *make = PyObject_GetAttrString(module, "_summarizer");
    if (make == NULL)
        return NULL;
    PyObject *out = Py_BuildValue("(N(O))", make, ((summarizer_object *)self)->options);
    return out;
}

/* Runs call on obj with the Summarizer's context, waiting without the GIL
 * while another thread uses it. A call from within one of its own calls
 * (from a finalizer that the garbage collector runs then) would wait for
 * itself: it raises RuntimeError instead. */
static PyObject *summarizer_run(PyObject *self, pyprecis_call call, PyObject *obj)
{
    summarizer_object *s = (summarizer_object *)self;
    const pyprecis_state *st = (const pyprecis_state *)PyType_GetModuleState(Py_TYPE(self));
    if (st == NULL)
        return NULL;
    call_input in;
    if (input_get(call, obj, &in) < 0)
        return NULL;
    unsigned long me = PyThread_get_thread_ident();
    if (!PyThread_acquire_lock(s->lock, NOWAIT_LOCK)) {
        if (s->holder == me) {
            input_release(&in);
            PyErr_SetString(PyExc_RuntimeError,
                            "a Summarizer was called from within one of its own calls");
            return NULL;
        }
        Py_BEGIN_ALLOW_THREADS
        PyThread_acquire_lock(s->lock, WAIT_LOCK);
        Py_END_ALLOW_THREADS
    }
    s->holder = me;
    PyObject *out = run(st, s->ctx, s->buf, &in);
    s->holder = 0;
    PyThread_release_lock(s->lock);
    input_release(&in);
    return out;
}

PyDoc_STRVAR(summarizer_summarize_doc,
             "summarize($self, text, /)\n--\n\n"
             "Summarize text with this Summarizer's options (see precis.summarize).");

static PyObject *summarizer_summarize(PyObject *self, PyObject *text)
{
    return summarizer_run(self, PYPRECIS_CALL_SUMMARIZE, text);
}

PyDoc_STRVAR(summarizer_split_doc,
             "split($self, text, /)\n--\n\n"
             "Split text into sentences with this Summarizer's lang, fmt, encoding\n"
             "and limits\n"
             "(see precis.split).");

static PyObject *summarizer_split(PyObject *self, PyObject *text)
{
    return summarizer_run(self, PYPRECIS_CALL_SPLIT, text);
}

PyDoc_STRVAR(summarizer_extract_doc,
             "extract($self, text, /)\n--\n\n"
             "The clean text of text with this Summarizer's fmt, encoding and\n"
             "max_bytes (see precis.extract).");

static PyObject *summarizer_extract(PyObject *self, PyObject *text)
{
    return summarizer_run(self, PYPRECIS_CALL_EXTRACT, text);
}

PyDoc_STRVAR(summarizer_digest_doc,
             "digest($self, texts, /)\n--\n\n"
             "Digest texts with this Summarizer's options (see precis.digest).");

static PyObject *summarizer_digest(PyObject *self, PyObject *texts)
{
    return summarizer_run(self, PYPRECIS_CALL_DIGEST, texts);
}

static PyMethodDef summarizer_methods[] = {
    {"summarize", summarizer_summarize, METH_O, summarizer_summarize_doc},
    {"split", summarizer_split, METH_O, summarizer_split_doc},
    {"extract", summarizer_extract, METH_O, summarizer_extract_doc},
    {"digest", summarizer_digest, METH_O, summarizer_digest_doc},
    {"__reduce__", summarizer_reduce, METH_NOARGS, summarizer_reduce_doc},
    {NULL, NULL, 0, NULL},
};

PyDoc_STRVAR(
    summarizer_doc,
    "Summarizer(n=3, *, " LENGTH_SIGNATURE ")\n--\n\n"
    "A summarizer with fixed options, for many documents.\n"
    "\n"
    "It keeps one library context, whose scratch memory and vocabulary\n"
    "make each next document cheaper. The options are those of\n"
    "precis.summarize, checked here: a bad value raises precis.Error now.\n"
    "\n"
    "Threads: the GIL is released while the library works, so threads run\n"
    "in parallel when each has its own Summarizer (or calls the module's\n"
    "functions, which draw on a pool of contexts). One Summarizer shared by\n"
    "several threads is safe, but its calls take turns; a call from within\n"
    "one of its own calls (a finalizer run meanwhile) raises RuntimeError.\n"
    "A Summarizer pickles as its options.");

/* CPython keeps functions in the void * of its slots (PyType_Slot,
 * PyModuleDef_Slot), a conversion that POSIX defines and ISO C does not:
 * __extension__ says that it is meant, and -Wpedantic checks the rest. */
#define SLOT_FUNCTION(f) (__extension__(void *)(f))

static PyType_Slot summarizer_slots[] = {
    {Py_tp_doc, (void *)summarizer_doc},
    {Py_tp_new, SLOT_FUNCTION(summarizer_new)},
    {Py_tp_dealloc, SLOT_FUNCTION(summarizer_dealloc)},
    {Py_tp_repr, SLOT_FUNCTION(summarizer_repr)},
    {Py_tp_methods, summarizer_methods},
    {0, NULL},
};

static PyType_Spec summarizer_spec = {
    .name = "precis.Summarizer",
    .basicsize = sizeof(summarizer_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = summarizer_slots,
};

/* ------------------------------------------------------------------ */
/* The module                                                         */

PyDoc_STRVAR(make_summarizer_doc, "_summarizer($module, options, /)\n--\n\n"
                                  "Summarizer(**options): how a pickled Summarizer is made "
                                  "again.");

static PyObject *module_make_summarizer(PyObject *module, PyObject *options)
{
    if (!PyDict_Check(options)) {
        PyErr_SetString(PyExc_TypeError, "options must be a dict");
        return NULL;
    }
    PyObject *none = PyTuple_New(0);
    if (none == NULL)
        return NULL;
    PyObject *out = PyObject_Call((PyObject *)module_state(module)->summarizer_type, none,
                                  options);
    Py_DECREF(none);
    return out;
}

/* METH_VARARGS | METH_KEYWORDS functions are PyCFunctionWithKeywords,
 * stored in the PyCFunction field as the C API requires. */
#define KEYWORD_FUNCTION(f) ((PyCFunction)(void (*)(void))(f))

static PyMethodDef module_functions[] = {
    {"summarize", KEYWORD_FUNCTION(module_summarize), METH_VARARGS | METH_KEYWORDS,
     summarize_doc},
    {"split", KEYWORD_FUNCTION(module_split), METH_VARARGS | METH_KEYWORDS, split_doc},
    {"extract", KEYWORD_FUNCTION(module_extract), METH_VARARGS | METH_KEYWORDS, extract_doc},
    {"digest", KEYWORD_FUNCTION(module_digest), METH_VARARGS | METH_KEYWORDS, digest_doc},
    {"languages", module_languages, METH_NOARGS, languages_doc},
    {"_summarizer", module_make_summarizer, METH_O, make_summarizer_doc},
    {NULL, NULL, 0, NULL},
};

static int module_exec(PyObject *module)
{
    pyprecis_state *st = module_state(module);
    if (pyprecis_result_types_new(st) < 0)
        return -1;
    st->error = pyprecis_error_type_new();
    if (st->error == NULL)
        return -1;
    st->summarizer_type =
        (PyTypeObject *)PyType_FromModuleAndSpec(module, &summarizer_spec, NULL);
    if (st->summarizer_type == NULL)
        return -1;
    if (PyModule_AddType(module, st->sentence_type) < 0 ||
        PyModule_AddType(module, st->document_type) < 0 ||
        PyModule_AddObjectRef(module, "Summary", st->summary_type) < 0 ||
        PyModule_AddType(module, st->summarizer_type) < 0 ||
        PyModule_AddObjectRef(module, "Error", st->error) < 0 ||
        PyModule_AddStringConstant(module, "__version__", precis_version_string()) < 0)
        return -1;
    return 0;
}

static int module_traverse(PyObject *module, visitproc visit, void *arg)
{
    pyprecis_state *st = module_state(module);
    Py_VISIT(st->sentence_type);
    Py_VISIT(st->summary_type);
    Py_VISIT(st->document_type);
    Py_VISIT(st->summarizer_type);
    Py_VISIT(st->error);
    return 0;
}

static int module_clear(PyObject *module)
{
    pyprecis_state *st = module_state(module);
    Py_CLEAR(st->sentence_type);
    Py_CLEAR(st->summary_type);
    Py_CLEAR(st->document_type);
    Py_CLEAR(st->summarizer_type);
    Py_CLEAR(st->error);
    Py_CLEAR(st->str_lang);
    Py_CLEAR(st->str_n_sentences);
    Py_CLEAR(st->str_title);
    Py_CLEAR(st->str_format);
    return 0;
}

static void module_free(void *module)
{
    pyprecis_state *st = module_state((PyObject *)module);
    module_clear((PyObject *)module);
    for (size_t i = 0; i < st->pool_count; i++) {
        precis_ctx_free(st->pool_ctx[i]);
        precis_buffer_free(st->pool_buf[i]);
    }
    st->pool_count = 0;
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, SLOT_FUNCTION(module_exec)},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "precis._precis",
    .m_doc = "The C extension under the precis package: see help(precis).",
    .m_size = sizeof(pyprecis_state),
    .m_methods = module_functions,
    .m_slots = module_slots,
    .m_traverse = module_traverse,
    .m_clear = module_clear,
    .m_free = module_free,
};

PyMODINIT_FUNC PyInit__precis(void)
{
    return PyModuleDef_Init(&module_def);
}

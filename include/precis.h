/*
 * precis.h - the public API of libprecis, an extractive summarizer.
 *
 * precis reads a text, splits it into sentences, ranks them on a sentence
 * similarity graph and returns the best ones as byte ranges of the input.
 *
 * Conventions:
 * - Inputs are (pointer, length) pairs; nothing needs NUL termination and
 *   any byte sequence is accepted (invalid UTF-8 is analysed as U+FFFD).
 * - Sentences are returned as byte ranges into the caller's buffer, never
 *   copied.
 * - Every function that can fail returns a precis_status; PRECIS_OK is 0.
 *   precis_status_str() names a status, precis_ctx_error() explains the
 *   last failure of a context in a sentence.
 * - Nothing in the library prints, exits or aborts; every *_free accepts
 *   NULL.
 * - There is no global mutable state: use one precis_ctx per thread.
 *
 * The simplest use is one call:
 *
 *     char *summary;
 *     if (precis_summarize_text(text, len, 3, &summary) == PRECIS_OK) {
 *         fputs(summary, stdout);
 *         precis_free(summary);
 *     }
 */
#ifndef PRECIS_H
#define PRECIS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(PRECIS_STATIC)
#define PRECIS_API
#elif defined(_WIN32)
#if defined(PRECIS_BUILDING)
#define PRECIS_API __declspec(dllexport)
#else
#define PRECIS_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define PRECIS_API __attribute__((visibility("default")))
#else
#define PRECIS_API
#endif

#define PRECIS_VERSION_MAJOR 1
#define PRECIS_VERSION_MINOR 0
#define PRECIS_VERSION_PATCH 0
#define PRECIS_VERSION_NUMBER \
    (PRECIS_VERSION_MAJOR * 10000 + PRECIS_VERSION_MINOR * 100 + PRECIS_VERSION_PATCH)

/* The library's version as "MAJOR.MINOR.PATCH"; a static string. */
PRECIS_API const char *precis_version_string(void);

/* ------------------------------------------------------------------ */
/* Status codes                                                       */

typedef enum precis_status {
    PRECIS_OK = 0,
    PRECIS_ERR_NOMEM,         /* an allocation failed */
    PRECIS_ERR_ARGUMENT,      /* a NULL pointer or a value out of range */
    PRECIS_ERR_LANGUAGE,      /* unknown language code */
    PRECIS_ERR_TOO_LARGE,     /* the input exceeds a configured limit */
    PRECIS_ERR_NO_CONVERGENCE /* the ranker hit its iteration cap */
} precis_status;

/* A short, static, English description of a status. */
PRECIS_API const char *precis_status_str(precis_status status);

/* Free memory that the library allocated and handed over (for example the
 * string of precis_summarize_text). NULL is a no-op. */
PRECIS_API void precis_free(void *ptr);

/* ------------------------------------------------------------------ */
/* Languages                                                          */

/* The number of languages built into the library, and the ISO 639-1 code
 * and English name of language i (0 <= i < count), or NULL when i is out of
 * range. The strings are static. */
PRECIS_API size_t precis_language_count(void);
PRECIS_API const char *precis_language_code(size_t i);
PRECIS_API const char *precis_language_name(size_t i);

/* ------------------------------------------------------------------ */
/* Context                                                            */

/* A context holds options, language data and scratch memory reused from
 * one document to the next. It is not safe to use one context from two
 * threads at once; use one per thread. */
typedef struct precis_ctx precis_ctx;

/* Creates a context with the defaults: language "auto", 3 sentences.
 * On success *out owns a context to release with precis_ctx_free. */
PRECIS_API precis_status precis_ctx_new(precis_ctx **out);
PRECIS_API void precis_ctx_free(precis_ctx *ctx);

/* Explains the last failure of a call on ctx ("" when there was none).
 * The string belongs to ctx and is valid until its next call. */
PRECIS_API const char *precis_ctx_error(const precis_ctx *ctx);

/* Selects the language by ISO 639-1 code ("en", "fr", ...) or "auto" to
 * detect it from each document. Unknown codes give PRECIS_ERR_LANGUAGE
 * and leave the setting unchanged. */
PRECIS_API precis_status precis_ctx_set_language(precis_ctx *ctx, const char *code);

/* How long a summary is. */
typedef enum precis_length_unit {
    PRECIS_LENGTH_SENTENCES, /* value: a whole number >= 1 */
    PRECIS_LENGTH_RATIO,     /* value: a fraction of the sentences, 0 < value <= 1 */
    PRECIS_LENGTH_WORDS,     /* value: a whole number >= 1 of words in total */
    PRECIS_LENGTH_CHARS      /* value: a whole number >= 1 of code points in total */
} precis_length_unit;

/* Sets the length budget. Out-of-range values give PRECIS_ERR_ARGUMENT and
 * leave the setting unchanged. Budgets follow these rules: sentences are
 * taken in rank order; one that would overflow a word or character budget
 * is skipped and the next one tried; a sentence is never cut; a non-empty
 * document yields at least one sentence (the top-ranked one when none
 * fits). A ratio rounds to the nearest whole number of sentences, at
 * least one. */
PRECIS_API precis_status precis_ctx_set_length(precis_ctx *ctx, precis_length_unit unit,
                                               double value);

/* Limits that keep one hostile document from exhausting memory or time.
 * A document longer than max_bytes, or with more than max_sentences
 * sentences, fails with PRECIS_ERR_TOO_LARGE (precis_ctx_error says which
 * limit). 0 means no limit. The defaults, PRECIS_DEFAULT_MAX_BYTES and
 * PRECIS_DEFAULT_MAX_SENTENCES, are far above any book. */
#define PRECIS_DEFAULT_MAX_BYTES ((size_t)256 << 20)
#define PRECIS_DEFAULT_MAX_SENTENCES ((size_t)2000000)
PRECIS_API precis_status precis_ctx_set_limits(precis_ctx *ctx, size_t max_bytes,
                                               size_t max_sentences);

/* ------------------------------------------------------------------ */
/* Results                                                            */

/* One sentence of a document: a byte range of the caller's input. */
typedef struct precis_sentence {
    size_t index;  /* position among all sentences of the document, from 0 */
    size_t start;  /* byte offset of the first byte in the input */
    size_t length; /* length in bytes */
    double score;  /* rank score (the stationary probability; 0 for split) */
    size_t rank;   /* 1 for the best sentence, 2 for the next, ...; 0 for split */
} precis_sentence;

typedef struct precis_result precis_result;

/* Summarizes text[0, len) with ctx's options. On success *out owns a
 * result to release with precis_result_free; the result refers to the
 * input by offsets and stays valid after ctx is reused or freed, but the
 * input itself must stay alive as long as it is rendered. */
PRECIS_API precis_status precis_summarize(precis_ctx *ctx, const char *text, size_t len,
                                          precis_result **out);

/* Splits text[0, len) into the sentences the summarizer would see, without
 * ranking them. *out is as for precis_summarize; its summary is every
 * sentence. */
PRECIS_API precis_status precis_split(precis_ctx *ctx, const char *text, size_t len,
                                      precis_result **out);

PRECIS_API void precis_result_free(precis_result *result);

/* The ISO 639-1 code of the language the document was analysed as. */
PRECIS_API const char *precis_result_language(const precis_result *result);

/* Every sentence of the document, in document order. */
PRECIS_API size_t precis_result_sentence_count(const precis_result *result);
PRECIS_API const precis_sentence *precis_result_sentences(const precis_result *result);

/* The chosen sentences, in document order. */
PRECIS_API size_t precis_result_summary_count(const precis_result *result);
PRECIS_API const precis_sentence *precis_result_summary(const precis_result *result);

/* ------------------------------------------------------------------ */
/* Rendering                                                          */

/* A growable byte buffer that rendering functions append to. Initialise
 * it to {0}; set len to 0 to reuse it; release it with precis_buffer_free.
 * data is NUL-terminated after every successful append. */
typedef struct precis_buffer {
    char *data;
    size_t len;
    size_t cap;
} precis_buffer;

PRECIS_API void precis_buffer_free(precis_buffer *buf);

typedef enum precis_format {
    PRECIS_FORMAT_TEXT,  /* one sentence a line, white space folded */
    PRECIS_FORMAT_JSON,  /* one indented JSON object (an array for split) */
    PRECIS_FORMAT_JSONL  /* the same JSON on one line */
} precis_format;

/* Appends a rendering of result to out. text/len must be the input the
 * result was made from; name labels the document in JSON ("file"), NULL
 * for none. Every format ends with a newline unless the result has no
 * sentences and the format is text.
 *
 * Text: each chosen sentence on its own line, runs of white space (line
 * breaks included) folded to one space, other bytes as in the input.
 * JSON: {"file", "lang", "n_sentences", "summary": [{"index", "start",
 * "length", "score", "text"}]}; for a split result, an array of the exact
 * sentence strings. JSON is always valid UTF-8: input bytes that are not
 * valid UTF-8 appear as U+FFFD. */
PRECIS_API precis_status precis_render(const precis_result *result, const char *text,
                                       size_t len, precis_format format, const char *name,
                                       precis_buffer *out);

/* ------------------------------------------------------------------ */
/* One call                                                           */

/* Summarizes text[0, len) in n_sentences sentences with the defaults and
 * stores in *summary a NUL-terminated string, one sentence a line, to
 * release with precis_free. The string holds the input's own bytes, so a
 * NUL byte inside a chosen sentence ends it early as a C string; for input
 * that may hold NUL bytes, precis_render gives the length. */
PRECIS_API precis_status precis_summarize_text(const char *text, size_t len,
                                               size_t n_sentences, char **summary);

#ifdef __cplusplus
}
#endif

#endif /* PRECIS_H */

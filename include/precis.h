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
    PRECIS_ERR_NO_CONVERGENCE, /* the ranker hit its iteration cap */
    PRECIS_ERR_FORMAT          /* malformed data, such as an idf table */
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
/* Ranking                                                            */

/* How sentences are ranked. Every algorithm ranks candidates only:
 * headings (a first line without final punctuation, a title) and
 * boilerplate (bylines, datelines, "Scroll down for video", prompts to
 * share or follow, credit and copyright lines) are never chosen and never
 * vote, unless a document has nothing else. */
typedef enum precis_algorithm {
    /* The default. PageRank (damping 0.85) on a directed graph of
     * term-frequency cosines in which a sentence votes for a later
     * sentence with 0.9 of the weight it gives an earlier one (after
     * PACSUM: a sentence is central when what follows elaborates on it),
     * times the position prior (1 + position)^-0.15, position counted
     * among candidates. */
    PRECIS_ALGORITHM_CENTRALITY = 0,
    /* PageRank (damping 0.85) on the undirected graph of tf-idf cosines. */
    PRECIS_ALGORITHM_TEXTRANK,
    /* LexRank (Erkan and Radev 2004): PageRank on the links between
     * sentences whose tf-idf cosine is above 0.1, each sentence linked to
     * itself. */
    PRECIS_ALGORITHM_LEXRANK,
    /* Continuous LexRank: the same on the cosines themselves. */
    PRECIS_ALGORITHM_LEXRANK_CONTINUOUS,
    /* The first sentences, the usual baseline: score 1 / (1 + position). */
    PRECIS_ALGORITHM_LEAD
} precis_algorithm;

#define PRECIS_ALGORITHM_COUNT 5
#define PRECIS_DEFAULT_ALGORITHM PRECIS_ALGORITHM_CENTRALITY

/* The name of an algorithm as the command spells it ("centrality",
 * "textrank", "lexrank", "lexrank-continuous", "lead"), a static string;
 * NULL when out of range. */
PRECIS_API const char *precis_algorithm_name(precis_algorithm algorithm);

/* Looks an algorithm up by name; PRECIS_ERR_ARGUMENT when there is none. */
PRECIS_API precis_status precis_algorithm_find(const char *name, precis_algorithm *out);

/* Selects the ranking algorithm (default PRECIS_DEFAULT_ALGORITHM).
 * Values out of range give PRECIS_ERR_ARGUMENT. */
PRECIS_API precis_status precis_ctx_set_algorithm(precis_ctx *ctx, precis_algorithm algorithm);

/* Redundancy control: sentences are chosen by maximal marginal relevance,
 * each next one maximizing (1 - lambda) * score / top score - lambda *
 * (its highest similarity to a sentence already chosen). lambda is in
 * [0, 1]; 0 takes sentences in rank order. Whatever lambda is, a sentence
 * that nearly repeats a chosen one (similarity 0.9 or more) is never
 * chosen. Out-of-range values give PRECIS_ERR_ARGUMENT. */
#define PRECIS_DEFAULT_DIVERSITY 0.0
PRECIS_API precis_status precis_ctx_set_diversity(precis_ctx *ctx, double lambda);

/* Whether headings may be chosen as sentences (default 0: they are not). */
PRECIS_API precis_status precis_ctx_set_headings(precis_ctx *ctx, int keep);

/* ------------------------------------------------------------------ */
/* Results                                                            */

/* One sentence of a document: a byte range of the caller's input. */
typedef struct precis_sentence {
    size_t index;  /* position among all sentences of the document, from 0 */
    size_t start;  /* byte offset of the first byte in the input */
    size_t length; /* length in bytes */
    double score;  /* the algorithm's score, summing to 1 over the candidates; 0 for
                      sentences that are not candidates and for split */
    size_t rank;   /* 1 for the best candidate, 2 for the next, ...; 0 for sentences that
                      are not candidates and for split */
    size_t document; /* in a digest, the document it comes from (an index into
                        the array given to precis_digest); 0 otherwise */
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

/* Appends a listing of every sentence of result (made by
 * precis_summarize), in document order, for callers that re-rank
 * downstream. Text: one line per sentence, "RANK<TAB>SCORE<TAB>CHOSEN<TAB>
 * TEXT", where RANK is 0 for a sentence that is not a candidate (a
 * heading, boilerplate), SCORE has six decimals and CHOSEN is 1 for the
 * sentences of the summary, 0 for the others. JSON: the object of
 * precis_render with one more member, "sentences": [{"index", "start",
 * "length", "score", "rank", "chosen", "text"}], every sentence. */
PRECIS_API precis_status precis_render_ranking(const precis_result *result, const char *text,
                                               size_t len, precis_format format,
                                               const char *name, precis_buffer *out);

/* ------------------------------------------------------------------ */
/* Corpus IDF                                                         */

/* A document-frequency table: how many documents of a corpus there were
 * and, for each term, in how many of them it occurs. Set on a context, it
 * replaces the idf that each document computes from its own sentences
 * with ln((1 + documents) / (1 + df)) + 1, so that words common across the
 * corpus weigh less in every summary.
 *
 * Terms are words as the summarizer sees them: folded, without stopwords,
 * stemmed in the document's language. Counts add up: tables built on
 * separate machines merge by adding their counts, and so does their text
 * format (see precis_idf_write). */
typedef struct precis_idf precis_idf;

/* Creates an empty table; on success *out owns it, to release with
 * precis_idf_free. */
PRECIS_API precis_status precis_idf_new(precis_idf **out);
PRECIS_API void precis_idf_free(precis_idf *idf);

/* Counts text[0, len) as one more document: each of its terms once. The
 * text is split and tokenized as precis_summarize would with ctx's
 * language and limits (a document over the limits fails with
 * PRECIS_ERR_TOO_LARGE and is not counted); ctx is only used as scratch
 * space, and precis_ctx_error explains a failure. */
PRECIS_API precis_status precis_idf_add(precis_idf *idf, precis_ctx *ctx, const char *text,
                                        size_t len);

/* Adds every count of from to into. */
PRECIS_API precis_status precis_idf_merge(precis_idf *into, const precis_idf *from);

/* The number of documents counted, and of distinct terms. */
PRECIS_API size_t precis_idf_documents(const precis_idf *idf);
PRECIS_API size_t precis_idf_terms(const precis_idf *idf);

/* Appends the table to out in its text format, UTF-8, one line each:
 *
 *     # precis idf 1
 *     # documents 50000
 *     term<TAB>df
 *     ...
 *
 * Term lines are sorted by their bytes. Lines starting with '#' are
 * comments, except "# documents N", which adds N to the document count;
 * a term may appear on several lines, which add up. So the concatenation
 * of several tables is itself a table of their sum. */
PRECIS_API precis_status precis_idf_write(const precis_idf *idf, precis_buffer *out);

/* Reads a table in the text format from data[0, len) and adds its counts
 * to idf. A malformed line (no tab, an empty term, a count that is not a
 * whole number), or a table without a "# documents" line, gives
 * PRECIS_ERR_FORMAT and stores the 1-based number of the line in
 * *error_line (0 when no line is at fault; error_line may be NULL); idf is
 * then left with the counts read before it. */
PRECIS_API precis_status precis_idf_load(precis_idf *idf, const char *data, size_t len,
                                         size_t *error_line);

/* Makes ctx weigh terms with the corpus table idf, or with each
 * document's own sentences again when idf is NULL. idf is borrowed: it
 * must stay alive and unchanged as long as ctx uses it. Contexts never
 * modify it, so one table may serve the contexts of several threads. */
PRECIS_API precis_status precis_ctx_set_idf(precis_ctx *ctx, const precis_idf *idf);

/* ------------------------------------------------------------------ */
/* Digests of several documents                                       */

/* One document of a set. */
typedef struct precis_document {
    const char *text; /* its bytes; need not be NUL-terminated */
    size_t len;
    const char *name; /* NUL-terminated label for output, or NULL */
} precis_document;

/* Summarizes the n documents docs[0, n) as one set. Each document is split
 * and tokenized in its own language (detected under "auto"); the
 * sentences of all of them are ranked together on one similarity graph;
 * a sentence that nearly repeats a better-ranked one (cosine similarity
 * of at least PRECIS_DIGEST_DUPLICATE, as the same news from two sources
 * has) is left out; the length budget then applies to the digest as a
 * whole (a ratio counts the sentences that remain). Limits apply to each
 * document for max_bytes and to all sentences together for
 * max_sentences.
 *
 * On success *out owns a result to release with precis_result_free. Its
 * sentences are those of every document, document by document; each
 * sentence's document field says whose it is, and index, start and length
 * are relative to that document. The summary is in the same order.
 * precis_result_language names the language of the most sentences. */
#define PRECIS_DIGEST_DUPLICATE 0.7
PRECIS_API precis_status precis_digest(precis_ctx *ctx, const precis_document *docs, size_t n,
                                       precis_result **out);

/* Appends a rendering of the digest result made from docs[0, n) to out.
 * Text: for each document with chosen sentences, in order, a line
 * "==> name <==" (the document's index when name is NULL), its sentences
 * one a line as in precis_render, and a blank line between groups. JSON:
 * {"lang", "n_documents", "n_sentences", "summary": [{"id", "index",
 * "start", "length", "score", "text"}]}, where "id" is the document's name
 * (its index, as a number, when name is NULL). */
PRECIS_API precis_status precis_render_digest(const precis_result *result,
                                              const precis_document *docs, size_t n,
                                              precis_format format, precis_buffer *out);

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

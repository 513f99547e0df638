/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * precis.h - the public API of libprecis, an extractive summarizer.
 *
 * precis reads a document (plain text or a web page), splits its clean
 * text into sentences, ranks them on a sentence similarity graph and
 * returns the best ones as byte ranges of the input.
 *
 * Conventions:
 * - Inputs are (pointer, length) pairs; nothing needs NUL termination and
 *   any byte sequence is accepted (invalid UTF-8 is analysed as U+FFFD).
 * - Sentences are returned as byte ranges into the caller's input, never
 *   copied.
 * - Every function that can fail returns a precis_status; PRECIS_OK is 0.
 *   precis_status_str() names a status, precis_ctx_error() explains the
 *   last failure of a context in a sentence.
 * - Nothing in the library prints, exits or aborts, whatever GSL's error
 *   handler is set to: the library checks every size it gives GSL and
 *   allocates GSL's sparse matrices itself, so that GSL never reports an
 *   error, and it never changes the handler. Every *_free accepts NULL.
 * - There is no global mutable state: use one precis_ctx per thread.
 *
 * Rules that hold for every 1.x version (the ABI):
 * - A function that stores an object in *out stores NULL there when it
 *   fails (and out is not NULL), so that freeing *out is always safe.
 * - Status values are fixed forever; a new status gets a new number.
 *   Enumerations only gain values.
 * - precis_sentence and precis_document are the only structs whose layout
 *   callers compile in. They only ever grow, at their end; every function
 *   that takes one takes its size as the caller compiled it (pass sizeof),
 *   and reads or writes no more than that. Everything else is opaque.
 *
 * The simplest use is one call:
 *
 *     char *summary;
 *     size_t summary_len;
 *     if (precis_summarize_text(text, len, 3, &summary, &summary_len) == PRECIS_OK) {
 *         fwrite(summary, 1, summary_len, stdout);
 *         precis_free(summary);
 *     }
 */
#ifndef PRECIS_H
#define PRECIS_H

#include <stddef.h>

#include "precis_version.h"

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

/* The version of the library linked, as "MAJOR.MINOR.PATCH" (a static
 * string) and as MAJOR * 10000 + MINOR * 100 + PATCH. Compare with
 * PRECIS_VERSION_NUMBER (precis_version.h) to tell the headers a program
 * was compiled with from the library it runs with. */
PRECIS_API const char *precis_version_string(void);
PRECIS_API unsigned precis_version_number(void);

/* ------------------------------------------------------------------ */
/* Status codes                                                       */

typedef enum precis_status {
    PRECIS_OK = 0,
    PRECIS_ERR_NOMEM = 1,          /* an allocation failed */
    PRECIS_ERR_ARGUMENT = 2,       /* a NULL pointer or a value out of range */
    PRECIS_ERR_LANGUAGE = 3,       /* unknown language code */
    PRECIS_ERR_TOO_LARGE = 4,      /* the input exceeds a configured limit */
    PRECIS_ERR_NO_CONVERGENCE = 5, /* the ranker hit its iteration cap */
    PRECIS_ERR_FORMAT = 6          /* malformed data, such as an idf table */
} precis_status;

/* A short, static, English description of a status. */
PRECIS_API const char *precis_status_str(precis_status status);

/* Frees memory that the library allocated and handed over (the string of
 * precis_summarize_text). NULL is a no-op. */
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

/* Creates a context with the defaults: language "auto", input format
 * auto, 3 sentences. On success *out owns a context to release with
 * precis_ctx_free. */
PRECIS_API precis_status precis_ctx_new(precis_ctx **out);
PRECIS_API void precis_ctx_free(precis_ctx *ctx);

/* Explains the last failure of a call on ctx ("" when there was none).
 * The string belongs to ctx and is valid until its next call. */
PRECIS_API const char *precis_ctx_error(const precis_ctx *ctx);

/* Selects the language by ISO 639-1 code ("en", "fr", ...) or "auto" to
 * detect it from each document. Unknown codes give PRECIS_ERR_LANGUAGE
 * and leave the setting unchanged. */
PRECIS_API precis_status precis_ctx_set_language(precis_ctx *ctx, const char *code);

/* How the input is read: the reader stage turns a document into the clean
 * text that is split and ranked, and remembers where each byte of that
 * text came from, so that sentences are still ranges of the input. */
typedef enum precis_input_format {
    /* Decide from the content: a byte order mark and valid UTF-8 say
     * text unless an HTML document type or <html>, <head> or <body> tag
     * opens the input (a web page), or it opens with a WEBVTT header or a
     * SubRip cue, or a third of its lines open with a timestamp (a
     * transcript), or it opens with an mbox "From " line or a header
     * block with two or more of From:, Date:, Subject:, To:, Message-ID:,
     * MIME-Version:, Received:, Return-Path:, Delivered-To: (an e-mail),
     * or it has front matter, or Markdown
     * headings with more headings or other Markdown structure (fenced
     * code, links, tables, emphasis) in its first 64 KB. The default. */
    PRECIS_FROM_AUTO = 0,
    /* Plain text, as it is. */
    PRECIS_FROM_TEXT = 1,
    /* A web page: its main text without markup, navigation or other page
     * furniture; headings are never summary sentences; <title> (or
     * og:title) is the title and <html lang> the language when the
     * context's language is "auto". */
    PRECIS_FROM_HTML = 2,
    /* Markdown (CommonMark with GitHub's tables): its prose, without code,
     * tables, HTML, images, front matter or markup; emphasis, code spans
     * and links reduce to their text; headings are never summary
     * sentences; the front matter's title, else the first heading, is the
     * title. */
    PRECIS_FROM_MARKDOWN = 3,
    /* A transcript or subtitles: WebVTT, SubRip, or the pasted shapes
     * "[00:01:12] NAME: text", "00:01:12 Name" over its text and
     * "Speaker 1 (00:12):". Cue numbers, timings, timestamps, speaker
     * labels and cue tags are not text; cues are joined so that sentences
     * run across them, and a new speaker starts a new paragraph. */
    PRECIS_FROM_TRANSCRIPT = 4,
    /* An e-mail message (RFC 5322 / MIME, as in a .eml file; an mbox
     * "From " line before it is skipped): what the sender wrote this
     * time. Headers are not text (Subject is the title); of
     * multipart/alternative the text/plain part is read, else the HTML
     * one as a web page; quoted-printable and base64 are decoded and
     * charsets converted; attachments and forwarded messages are left
     * out; quoted replies, attribution lines ("On ... wrote:"),
     * "-----Original Message-----" and Outlook header blocks with what
     * follows them, greetings, signatures (after "-- ", "Sent from my
     * iPhone", a closing such as "Best regards," and a name-and-title
     * block), legal disclaimers and mailing-list footers are dropped.
     * Sentence ranges are exact in 7bit and 8bit parts; in a
     * quoted-printable or base64 part a sentence's range is the encoded
     * lines it was decoded from. Needs GMime 3 (libgmime-3.0), loaded when
     * the first message comes: without it reading fails with
     * PRECIS_ERR_FORMAT. */
    PRECIS_FROM_EMAIL = 5
} precis_input_format;

/* Sets the input format (default PRECIS_FROM_AUTO); out-of-range values
 * give PRECIS_ERR_ARGUMENT. */
PRECIS_API precis_status precis_ctx_set_format(precis_ctx *ctx, precis_input_format format);

/* The name of a format as the command spells it ("auto", "text",
 * "html", "markdown", "transcript", "email"), a static string, NULL when out of
 * range; and the format of a name (PRECIS_ERR_ARGUMENT when there is
 * none). */
PRECIS_API const char *precis_input_format_name(precis_input_format format);
PRECIS_API precis_status precis_input_format_find(const char *name, precis_input_format *out);

/* The format a document most likely is, from its file name when it has
 * a known extension (".html", ".htm", ".xhtml", ".shtml"; ".md",
 * ".markdown", ".mdown", ".mkd"; ".vtt", ".srt"; ".eml", ".mbox"; ".txt",
 * ".text", unless its content looks like a transcript; compared without case;
 * name may be NULL), else from its first bytes as PRECIS_FROM_AUTO
 * decides. Never returns PRECIS_FROM_AUTO. */
PRECIS_API precis_input_format precis_input_format_guess(const char *name, const char *data,
                                                         size_t len);

/* Character encodings. Input is decoded to UTF-8 before it is read: a byte
 * order mark (UTF-8, UTF-16) always says which; otherwise the encoding
 * set here is used when there is one; otherwise, for a web page, its
 * <meta charset> declaration; otherwise the bytes decide (valid UTF-8 is
 * UTF-8; anything else is detected). Bytes that are not valid in the
 * chosen encoding read as U+FFFD; sentence ranges are always ranges of the
 * bytes as given.
 *
 * precis_ctx_set_encoding: the user's own choice ("windows-1252",
 * "ISO-8859-2", "UTF-16LE", any name glibc's iconv knows), taken whatever
 * the bytes look like; precis_ctx_set_declared_encoding: what the
 * transport declared (the charset of an HTTP Content-Type), taken unless
 * the bytes plainly contradict it. NULL (or "auto") clears either. An
 * encoding no converter knows gives PRECIS_ERR_ARGUMENT and leaves the
 * setting unchanged. */
PRECIS_API precis_status precis_ctx_set_encoding(precis_ctx *ctx, const char *name);
PRECIS_API precis_status precis_ctx_set_declared_encoding(precis_ctx *ctx, const char *name);

/* How long a summary is. */
typedef enum precis_length_unit {
    PRECIS_LENGTH_SENTENCES = 0, /* value: a whole number >= 1 */
    PRECIS_LENGTH_RATIO = 1,     /* value: a fraction of the sentences, 0 < value <= 1 */
    PRECIS_LENGTH_WORDS = 2,     /* value: a whole number >= 1 of words in total */
    PRECIS_LENGTH_CHARS = 3      /* value: a whole number >= 1 of code points in total */
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
     * times the position prior (1 + position)^-e, position counted
     * among candidates, e = 0.35 (1 - share)^2 where share is the part of
     * the candidates (sentences, words or characters) the budget keeps. */
    PRECIS_ALGORITHM_CENTRALITY = 0,
    /* PageRank (damping 0.85) on the undirected graph of tf-idf cosines. */
    PRECIS_ALGORITHM_TEXTRANK = 1,
    /* LexRank (Erkan and Radev 2004): PageRank on the links between
     * sentences whose tf-idf cosine is above 0.1, each sentence linked to
     * itself. */
    PRECIS_ALGORITHM_LEXRANK = 2,
    /* Continuous LexRank: the same on the cosines themselves. */
    PRECIS_ALGORITHM_LEXRANK_CONTINUOUS = 3,
    /* The first sentences, the usual baseline: score 1 / (1 + position). */
    PRECIS_ALGORITHM_LEAD = 4
} precis_algorithm;

#define PRECIS_DEFAULT_ALGORITHM PRECIS_ALGORITHM_CENTRALITY

/* The number of algorithms: they are numbered from 0 to count - 1. */
PRECIS_API size_t precis_algorithm_count(void);

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
#define PRECIS_DEFAULT_QUERY_DIVERSITY 0.5
PRECIS_API precis_status precis_ctx_set_diversity(precis_ctx *ctx, double lambda);

/* Focuses summaries and digests on a query: a question or a topic
 * statement, query[0, len) (copied; white space around it is dropped; an
 * empty or blank query, or NULL with len 0, clears it). Each sentence's
 * relevance is the cosine of its tf-idf vector with the query's (read in
 * the document's language; in a digest, in the language of the most
 * sentences); the ranking walk is then PageRank on the tf-idf graph with
 * its random jump drawn towards the relevant sentences (0.2 spread
 * evenly, 0.8 in proportion to relevance), without a position prior, and
 * the algorithm setting is not used. Sentences are chosen by maximal
 * marginal relevance with PRECIS_DEFAULT_QUERY_DIVERSITY unless a
 * diversity is set. When no sentence shares a term with the query, the
 * summary is the generic one. Results record the query
 * (precis_result_query) and JSON renders it. */
PRECIS_API precis_status precis_ctx_set_query(precis_ctx *ctx, const char *query, size_t len);

/* Whether headings may be chosen as sentences (default 0: they are not). */
PRECIS_API precis_status precis_ctx_set_headings(precis_ctx *ctx, int keep);

/* ------------------------------------------------------------------ */
/* Results                                                            */

/* What is known about a sentence beyond its range (bits of flags). */
enum {
    PRECIS_SENTENCE_CHOSEN = 1u << 0,  /* in the summary */
    PRECIS_SENTENCE_HEADING = 1u << 1, /* a heading or title line */
    PRECIS_SENTENCE_CANDIDATE = 1u << 2, /* ranked: neither a heading nor boilerplate
                                            (or the document has nothing else) */
    PRECIS_SENTENCE_DEPENDENT = 1u << 3  /* leans on the sentence depends_on */
};

/* One sentence of a document. The struct only grows at its end (see the
 * ABI rules at the top); fill it with precis_result_sentence. */
typedef struct precis_sentence {
    size_t index;  /* position among all sentences of the document, from 0 */
    size_t start;  /* the range of the input that covers it: its first byte */
    size_t length; /* and its length in bytes (for a web page, markup inside included) */
    double score;  /* the algorithm's score, summing to 1 over the candidates; 0 for
                      sentences that are not candidates and for split */
    size_t rank;   /* 1 for the best candidate, 2 for the next, ...; 0 for sentences that
                      are not candidates and for split */
    size_t document;    /* in a digest, the document it comes from (an index into the
                           array given to precis_digest); 0 otherwise */
    size_t text_start;  /* its range in the clean text (precis_result_text) */
    size_t text_length;
    unsigned flags;     /* PRECIS_SENTENCE_* */
    size_t depends_on;  /* with PRECIS_SENTENCE_DEPENDENT: the candidate before it, which
                           its opening refers to ("He said", "However,", a quotation
                           that goes on); 0 otherwise */
    const char *speaker; /* who says it, in a transcript that names its speakers
                            (NUL-terminated UTF-8, owned by the result); NULL when the
                            input names nobody, and in a digest */
} precis_sentence;

typedef struct precis_result precis_result;

/* Summarizes text[0, len) with ctx's options. On success *out owns a
 * result to release with precis_result_free; the result stays valid after
 * ctx is reused or freed. It refers to the input by offsets: the input
 * must stay alive as long as the result is rendered or its text read. */
PRECIS_API precis_status precis_summarize(precis_ctx *ctx, const char *text, size_t len,
                                          precis_result **out);

/* Splits text[0, len) into the sentences the summarizer would see, without
 * ranking them. *out is as for precis_summarize; its summary is every
 * sentence. */
PRECIS_API precis_status precis_split(precis_ctx *ctx, const char *text, size_t len,
                                      precis_result **out);

/* Reads text[0, len) as ctx's format says and keeps its clean text (the
 * text the summarizer reads: for a web page its main text, paragraphs
 * separated by blank lines, headings on lines of their own) and its title,
 * without splitting or ranking: the result has no sentences.
 * precis_result_text gives the text; precis_render prints it. */
PRECIS_API precis_status precis_extract(precis_ctx *ctx, const char *text, size_t len,
                                        precis_result **out);

PRECIS_API void precis_result_free(precis_result *result);

/* The ISO 639-1 code of the language the document was analysed as. */
PRECIS_API const char *precis_result_language(const precis_result *result);

/* The format the input was read as (never PRECIS_FROM_AUTO). */
PRECIS_API precis_input_format precis_result_format(const precis_result *result);

/* The document's title ("" when it names none: only web pages do), a
 * string owned by the result. */
PRECIS_API const char *precis_result_title(const precis_result *result);

/* The query the summary was focused on ("" when none), a NUL-terminated
 * string owned by the result, and its length in *len (which may be
 * NULL). */
PRECIS_API const char *precis_result_query(const precis_result *result, size_t *len);

/* The clean text of document `document` (0 outside digests) that the
 * sentences' text ranges refer to, and its length in *len. For plain UTF-8
 * text it is the input itself (the pointer given to precis_summarize);
 * otherwise the result owns it. NULL when document is out of range. */
PRECIS_API const char *precis_result_text(const precis_result *result, size_t document,
                                          size_t *len);

/* Every sentence of the document, in document order: there are
 * precis_result_sentence_count of them, and precis_result_sentence copies
 * sentence i into *out, whose size the caller passes (sizeof *out). An
 * index out of range, or a size smaller than the 1.0 struct, gives
 * PRECIS_ERR_ARGUMENT. */
PRECIS_API size_t precis_result_sentence_count(const precis_result *result);
PRECIS_API precis_status precis_result_sentence(const precis_result *result, size_t i,
                                                precis_sentence *out, size_t size);

/* The chosen sentences, in document order: precis_result_summary copies
 * the k-th of them into *out as precis_result_sentence does. */
PRECIS_API size_t precis_result_summary_count(const precis_result *result);
PRECIS_API precis_status precis_result_summary(const precis_result *result, size_t k,
                                               precis_sentence *out, size_t size);

/* ------------------------------------------------------------------ */
/* Rendering                                                          */

/* A growable byte buffer that rendering functions append to. */
typedef struct precis_buffer precis_buffer;

/* Creates an empty buffer; on success *out owns it, to release with
 * precis_buffer_free. */
PRECIS_API precis_status precis_buffer_new(precis_buffer **out);
PRECIS_API void precis_buffer_free(precis_buffer *buf);

/* The bytes appended so far: never NULL, always NUL-terminated (the NUL
 * is not counted in the length), valid until the next change. */
PRECIS_API const char *precis_buffer_data(const precis_buffer *buf);
PRECIS_API size_t precis_buffer_length(const precis_buffer *buf);

/* Empties the buffer, keeping its memory. */
PRECIS_API void precis_buffer_clear(precis_buffer *buf);

typedef enum precis_format {
    PRECIS_FORMAT_TEXT = 0,  /* one sentence a line, white space folded */
    PRECIS_FORMAT_JSON = 1,  /* one indented JSON object (an array for split) */
    PRECIS_FORMAT_JSONL = 2  /* the same JSON on one line */
} precis_format;

/* Every rendering function appends to out and, when it fails, leaves out
 * exactly as it was before the call. text/len must be the input the
 * result was made from.
 *
 * precis_render: name labels the document in JSON ("file"), NULL for none.
 * Every format ends with a newline unless the result has no sentences and
 * the format is text. A result of precis_extract renders as its clean
 * text (text format, ending with a newline unless empty) or as
 * {"file", "format", "title", "text"} ("title" null when there is none).
 *
 * Text: each chosen sentence on its own line, the clean text of its range
 * with runs of white space (line breaks included) folded to one space.
 * JSON: {"file", "title", "lang", "n_sentences", "summary": [{"index",
 * "start", "length", "score", "text"}]} ("title" only when the document
 * has one); for a split result, an array of the exact sentence strings of
 * the clean text. JSON is always valid UTF-8: bytes that are not valid
 * UTF-8 appear as U+FFFD. */
PRECIS_API precis_status precis_render(const precis_result *result, const char *text,
                                       size_t len, precis_format format, const char *name,
                                       precis_buffer *out);

/* The members of precis_render's JSON object after "file", without the
 * braces: "title" (when there is one), "lang", "n_sentences", "summary",
 * separated as format (JSON or JSONL) separates them. For callers that
 * put members of their own in front (an id, fields of a record). */
PRECIS_API precis_status precis_render_members(const precis_result *result, const char *text,
                                               size_t len, precis_format format,
                                               precis_buffer *out);

/* The k-th chosen sentence as text output prints it, without the line
 * feed. */
PRECIS_API precis_status precis_render_sentence(const precis_result *result, const char *text,
                                                size_t len, size_t k, precis_buffer *out);

/* A listing of every sentence of result (made by precis_summarize), in
 * document order, for callers that re-rank downstream. Text: one line per
 * sentence, "RANK<TAB>SCORE<TAB>CHOSEN<TAB>TEXT", where RANK is 0 for a
 * sentence that is not a candidate (a heading, boilerplate), SCORE has six
 * decimals and CHOSEN is 1 for the sentences of the summary, 0 for the
 * others. JSON: the object of precis_render with one more member,
 * "sentences": [{"index", "start", "length", "score", "rank", "chosen",
 * "depends_on", "text"}], every sentence; "depends_on" is the index of
 * the sentence it leans on, null when none. */
PRECIS_API precis_status precis_render_ranking(const precis_result *result, const char *text,
                                               size_t len, precis_format format,
                                               const char *name, precis_buffer *out);

/* How precis_render_highlight marks the chosen sentences. */
typedef enum precis_highlight {
    /* For a terminal: the clean text, each chosen sentence in black on
     * yellow (SGR escapes, reset at every line break), the document's own
     * control characters shown as U+FFFD. */
    PRECIS_HIGHLIGHT_ANSI = 0,
    /* <mark> elements. A web page is marked in place: the input itself
     * with every run of text of a chosen sentence's input range (between
     * the page's tags) in a <mark>, so that the page stays well formed.
     * Any other input becomes a standalone UTF-8 page of its clean text,
     * escaped, lines kept. */
    PRECIS_HIGHLIGHT_HTML = 1,
    /* Markdown: the clean text with the characters Markdown reads as
     * markup escaped, each line of a chosen sentence in ** **. */
    PRECIS_HIGHLIGHT_MARKDOWN = 2
} precis_highlight;

/* Appends the whole document of result (made by precis_summarize from
 * text[0, len)) with its chosen sentences marked in place, in the given
 * style, to out (and leaves out as it was on failure). name titles a
 * standalone HTML page when the document has no title of its own (NULL:
 * "precis"). The rendering ends with a line feed unless it is empty. */
PRECIS_API precis_status precis_render_highlight(const precis_result *result, const char *text,
                                                 size_t len, precis_highlight style,
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
 * text is read, split and tokenized as precis_summarize would with ctx's
 * format, language and limits (a document over the limits fails with
 * PRECIS_ERR_TOO_LARGE and is not counted); ctx is only used as scratch
 * space, and precis_ctx_error explains a failure. A failure leaves the
 * counts as they were. */
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
 * of several tables is itself a table of their sum. On failure out is
 * left as it was. */
PRECIS_API precis_status precis_idf_write(const precis_idf *idf, precis_buffer *out);

/* Reads a table in the text format from data[0, len) and adds its counts
 * to idf. The table must start with the version line "# precis idf 1"
 * (a version line inside, where tables were concatenated, must name
 * version 1 too) and end with a line feed (one that does not was cut
 * short). A malformed line (a missing or other version, no tab, an empty
 * term, a count that is not a whole number, no final line feed), or a
 * table without a "# documents" line, gives PRECIS_ERR_FORMAT and stores
 * the 1-based number of the line in *error_line (0 when no line is at
 * fault: the "# documents" line is missing; error_line may be NULL); idf
 * is then left with the counts read before it. */
PRECIS_API precis_status precis_idf_load(precis_idf *idf, const char *data, size_t len,
                                         size_t *error_line);

/* Makes ctx weigh terms with the corpus table idf, or with each
 * document's own sentences again when idf is NULL. idf is borrowed: it
 * must stay alive and unchanged as long as ctx uses it. Contexts never
 * modify it, so one table may serve the contexts of several threads. */
PRECIS_API precis_status precis_ctx_set_idf(precis_ctx *ctx, const precis_idf *idf);

/* ------------------------------------------------------------------ */
/* Digests of several documents                                       */

/* One document of a set. The struct only grows at its end (see the ABI
 * rules at the top); functions that take an array of them take its
 * element size (sizeof *docs). */
typedef struct precis_document {
    const char *text; /* its bytes; need not be NUL-terminated */
    size_t len;
    const char *name; /* NUL-terminated label for output, or NULL */
    precis_input_format format; /* how to read it; PRECIS_FROM_AUTO: as the context says */
    const char *encoding; /* the encoding its transport declared (as for
                             precis_ctx_set_declared_encoding), or NULL */
    /* The document's "id" in JSON renderings, as JSON text written as it
     * is (a number, a string literal, null, any value: valid JSON is the
     * caller's to give), id_json_len bytes long; NULL to write name as a
     * string (or the index). A caller built with a header whose struct
     * ends before these two fields passes that smaller size, and gets its
     * names. */
    const char *id_json;
    size_t id_json_len;
} precis_document;

/* Summarizes the n documents docs[0, n) (each doc_size bytes) as one set.
 * Each document is read with ctx's format, split and tokenized in its own
 * language (detected under "auto"); the sentences of all of them are
 * ranked together on one similarity graph; a sentence that nearly repeats
 * a better-ranked one (cosine similarity of at least
 * PRECIS_DIGEST_DUPLICATE, as the same news from two sources has) is left
 * out; the length budget then applies to the digest as a whole (a ratio
 * counts the sentences that remain). Limits apply to each document for
 * max_bytes and to all sentences together for max_sentences.
 *
 * On success *out owns a result to release with precis_result_free. Its
 * sentences are those of every document, document by document; each
 * sentence's document field says whose it is, and index, start, length
 * and the text range are relative to that document. The summary is in the
 * same order. precis_result_language names the language of the most
 * sentences. */
#define PRECIS_DIGEST_DUPLICATE 0.7
PRECIS_API precis_status precis_digest(precis_ctx *ctx, const precis_document *docs, size_t n,
                                       size_t doc_size, precis_result **out);

/* Appends a rendering of the digest result made from docs[0, n) to out
 * (and leaves out as it was on failure). Text: for each document with
 * chosen sentences, in order, a line "==> name <==" (the document's index
 * when name is NULL), its sentences one a line as in precis_render, and a
 * blank line between groups. JSON: {"lang", "n_documents", "n_sentences",
 * "summary": [{"id", "index", "start", "length", "score", "text"}]}, where
 * "id" is the document's id_json when it has one, else its name (its
 * index, as a number, when name is NULL). */
PRECIS_API precis_status precis_render_digest(const precis_result *result,
                                              const precis_document *docs, size_t n,
                                              size_t doc_size, precis_format format,
                                              precis_buffer *out);

/* ------------------------------------------------------------------ */
/* Topic digests                                                      */

/* A set of documents grouped into stories, each story summarized: what a
 * daily digest of many outlets' articles needs (one entry per event, its
 * label, its documents, a summary drawn from all of them). Opaque; read it
 * through the functions below. */
typedef struct precis_topics precis_topics;

/* Grouping by as many stories as the documents call for, rather than a
 * number fixed in advance. */
#define PRECIS_TOPICS_AUTO 0

/* Groups the n documents docs[0, n) (each doc_size bytes) into stories and
 * summarizes each. Every document belongs to exactly one story; a story
 * may hold one document.
 *
 * Documents are compared by their title and first sentences (names,
 * places and numbers count double; words common to many of the documents
 * count less, through ctx's corpus table when one is set), each linked to
 * its most similar documents, and stories are the dense groups of that
 * graph: articles that report the same event share names, numbers and
 * dates, while two events of one kind (two earthquakes) stay apart. With
 * max_topics = PRECIS_TOPICS_AUTO the data decide the number of stories;
 * otherwise there are at most max_topics: the most similar stories are
 * merged first, and when stories that share nothing remain, the
 * max_topics - 1 biggest stay and the rest become one story labelled
 * PRECIS_TOPICS_OTHER_LABEL. The grouping depends on the documents'
 * contents and names only, not on their order in docs.
 *
 * Each story is summarized as precis_digest summarizes a set (with ctx's
 * length budget, per story, focused on ctx's query when it has one), from its documents (its
 * PRECIS_TOPICS_SUMMARIZED most central when it has more), and labelled:
 * its most central headline, or its top keyphrases when its documents have
 * no headline, or its opening words.
 *
 * Limits apply to each document, and max_sentences also to the sentences
 * of each story's summary together. The work runs on as many threads as
 * precis_ctx_set_threads says; the result is the same for every number.
 *
 * On success *out owns the stories, to release with precis_topics_free.
 * Stories are numbered from 0, biggest first (ties: the one whose earliest
 * document comes first in docs). */
#define PRECIS_TOPICS_SUMMARIZED 64
#define PRECIS_TOPICS_OTHER_LABEL "Other stories"
PRECIS_API precis_status precis_digest_topics(precis_ctx *ctx, const precis_document *docs,
                                              size_t n, size_t doc_size, size_t max_topics,
                                              precis_topics **out);

PRECIS_API void precis_topics_free(precis_topics *topics);

/* The number of stories. */
PRECIS_API size_t precis_topics_count(const precis_topics *topics);

/* The label of story k, a NUL-terminated UTF-8 string owned by topics (""
 * only for a story whose documents have no text); NULL when k is out of
 * range. */
PRECIS_API const char *precis_topics_label(const precis_topics *topics, size_t k);

/* The number of documents of story k (0 when k is out of range), and the
 * j-th of them as an index into the docs given to precis_digest_topics
 * (documents in the order of docs; SIZE_MAX when k or j is out of range). */
PRECIS_API size_t precis_topics_size(const precis_topics *topics, size_t k);
PRECIS_API size_t precis_topics_document(const precis_topics *topics, size_t k, size_t j);

/* The summary of story k, a digest result owned by topics (NULL when k is
 * out of range). Its documents are the story's: a sentence's document
 * field is its position j in the story (as precis_topics_document numbers
 * them); documents left out of a summary of a big story have no sentences. */
PRECIS_API const precis_result *precis_topics_summary(const precis_topics *topics, size_t k);

/* Appends a rendering of every story to out (and leaves out as it was on
 * failure); docs[0, n) must be the documents the stories were made from.
 * Text: for each story a line "==> topic K: LABEL (D documents) <==" (K
 * from 1), its summary's sentences one a line as in precis_render, and a
 * blank line between stories. JSON, one object per story (JSONL: one a
 * line): {"topic": K, "label", "documents": [id, ...], "summary": [{"id",
 * "index", "start", "length", "score", "text"}]}, where an id is the
 * document's name (its index, as a number, when name is NULL). */
PRECIS_API precis_status precis_render_topics(const precis_topics *topics,
                                              const precis_document *docs, size_t n,
                                              size_t doc_size, precis_format format,
                                              precis_buffer *out);

/* How many threads precis_digest_topics may run on (default 1, at most
 * PRECIS_MAX_THREADS); out-of-range values give PRECIS_ERR_ARGUMENT. The
 * threads live only during the call, each with a context of its own. */
#define PRECIS_MAX_THREADS 256
PRECIS_API precis_status precis_ctx_set_threads(precis_ctx *ctx, size_t threads);

/* ------------------------------------------------------------------ */
/* Keyphrases                                                         */

/* The keyphrases of a document or of a set of documents: the words and
 * phrases they are about, best first. Opaque; read it with the
 * precis_keyword_list_* accessors, release it with
 * precis_keyword_list_free.
 *
 * Candidates are the phrases the text writes between punctuation,
 * stopwords and the words a keyphrase does not start, end or hold (the
 * language's boundary list, where there is one: numerals, common verbs,
 * vague adjectives; in English, leading verbs, adverbs at either end and
 * past participles at the end); words joined by hyphens or apostrophes
 * stay together. Words are scored with PageRank on the graph of stems that
 * occur within 10 words of each other (SingleRank; times their corpus idf
 * when the context has a table), a phrase scores the sum of its stems'
 * scores (halved for one word), and is given in the spelling the text uses
 * most often. Chinese, Japanese and Burmese, written without spaces, take
 * the strings the text repeats instead (README: Keyphrases). The scores of
 * a document's candidates sum to 1. */
typedef struct precis_keyword_list precis_keyword_list;

/* How many keyphrases a list holds at most (default
 * PRECIS_DEFAULT_KEYWORDS); 0 gives PRECIS_ERR_ARGUMENT. */
#define PRECIS_DEFAULT_KEYWORDS 10
PRECIS_API precis_status precis_ctx_set_keyword_count(precis_ctx *ctx, size_t n);

/* The keyphrases of text[0, len), read and split with ctx's format,
 * language and limits. On success *out owns a list to release with
 * precis_keyword_list_free; it holds copies of the phrases and does not
 * refer to text. */
PRECIS_API precis_status precis_keywords(precis_ctx *ctx, const char *text, size_t len,
                                         precis_keyword_list **out);

/* The keyphrases of the n documents docs[0, n) (each doc_size bytes) as
 * one set: each document is read in its own format and language and its
 * candidates scored as by precis_keywords; a phrase's score is then the
 * mean of its scores over all the documents (0 where it does not occur),
 * so that every document weighs the same. Limits apply to each document.
 * The list's language is that of the most words. */
PRECIS_API precis_status precis_keywords_digest(precis_ctx *ctx, const precis_document *docs,
                                                size_t n, size_t doc_size,
                                                precis_keyword_list **out);

PRECIS_API void precis_keyword_list_free(precis_keyword_list *list);

/* The number of phrases, best first from 0. */
PRECIS_API size_t precis_keyword_list_count(const precis_keyword_list *list);

/* Phrase k as UTF-8, NUL-terminated, owned by the list, and its length in
 * *len (which may be NULL); NULL when k is out of range. */
PRECIS_API const char *precis_keyword_list_phrase(const precis_keyword_list *list, size_t k,
                                                  size_t *len);

/* Phrase k's score, how many times it occurs, and in how many documents
 * (1 for a single document); 0 when k is out of range. */
PRECIS_API double precis_keyword_list_score(const precis_keyword_list *list, size_t k);
PRECIS_API size_t precis_keyword_list_occurrences(const precis_keyword_list *list, size_t k);
PRECIS_API size_t precis_keyword_list_documents(const precis_keyword_list *list, size_t k);

/* The ISO 639-1 code of the language the list was made in, and the number
 * of documents it was made from. */
PRECIS_API const char *precis_keyword_list_language(const precis_keyword_list *list);
PRECIS_API size_t precis_keyword_list_document_count(const precis_keyword_list *list);

/* Appends a rendering of list to out (and leaves out as it was on
 * failure). Text: one phrase a line. JSON, for a document:
 * {"file", "lang", "keywords": [{"phrase", "score", "count"}]} ("file"
 * only when name is not NULL); for a set (precis_keywords_digest):
 * {"lang", "n_documents", "keywords": [{"phrase", "score", "count",
 * "documents"}]}. */
PRECIS_API precis_status precis_render_keywords(const precis_keyword_list *list,
                                                precis_format format, const char *name,
                                                precis_buffer *out);

/* The members of precis_render_keywords' JSON object after "file",
 * without the braces, for callers that put members of their own in front
 * (an id, fields of a record). */
PRECIS_API precis_status precis_render_keywords_members(const precis_keyword_list *list,
                                                        precis_format format,
                                                        precis_buffer *out);

/* ------------------------------------------------------------------ */
/* One call                                                           */

/* Summarizes text[0, len) in n_sentences sentences with the defaults and
 * stores in *summary a NUL-terminated string, one sentence a line, to
 * release with precis_free, and its length (which counts any NUL byte the
 * sentences hold, unlike strlen) in *summary_len (which may be NULL). */
PRECIS_API precis_status precis_summarize_text(const char *text, size_t len,
                                               size_t n_sentences, char **summary,
                                               size_t *summary_len);

#ifdef __cplusplus
}
#endif

#endif /* PRECIS_H */

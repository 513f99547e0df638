/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * options.h - the command line: what the user asked for, and the library
 * context that does it.
 */
#ifndef PRECIS_CLI_OPTIONS_H
#define PRECIS_CLI_OPTIONS_H

#include <stddef.h>

#include "precis.h"

enum {
    COMMAND_SUMMARIZE,
    COMMAND_SPLIT,
    COMMAND_IDF,
    COMMAND_DIGEST,
    COMMAND_EXTRACT,
    COMMAND_KEYWORDS
};

/* How input is read: whole files, or one record a line. */
enum { INPUT_FILES, INPUT_JSONL, INPUT_TSV };

/* Output formats: the library's, plus TSV for records. */
enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_JSONL, FORMAT_TSV };

typedef struct cli_options {
    int command;
    precis_length_unit unit;
    double value;
    const char *length_flag; /* the length flag given, NULL for the default */
    const char *lang;
    int format;              /* -1 until chosen */
    size_t max_bytes;
    size_t max_sentences;
    int input;
    const char *text_field;
    const char *id_field;
    int keep_fields;         /* copy other fields of JSONL records through */
    const char *keep_list;   /* only these (comma-separated), NULL for all */
    size_t threads;          /* 1 and up; -j 0 is resolved to the core count */
    int errors_ok;
    int line_buffered;
    int quiet;
    const char *idf_path;
    const precis_idf *idf;   /* loaded from idf_path */
    int merge;               /* precis idf --merge */
    precis_algorithm algorithm;
    double diversity;
    int all;                 /* --all: list every sentence with its score and rank */
    int mbox;                /* --from mbox: each file is an mbox of messages */
    int headings;            /* --headings: headings may be chosen */
    int topics;              /* digest --topics: group into stories */
    size_t max_topics;       /* at most this many, PRECIS_TOPICS_AUTO for no limit */
    precis_input_format from; /* --from: how to read the input */
    const char *encoding;     /* --encoding NAME, or NULL to detect it */
    unsigned timeout;        /* --timeout: seconds to fetch a URL */
    int corpus;              /* precis keywords --corpus: one list for all the documents */
    int diversity_given;     /* --diversity was given (else the library's default) */
    const char *query;       /* --query TEXT, or the text of --query-file; NULL for none */
    size_t query_len;
    const char *query_file;  /* --query-file FILE */
    int highlight;           /* --highlight: a precis_highlight style, -1 for none */
} cli_options;

/* parse_args goes on to run the command. */
#define CLI_CONTINUE (-1)

/* Parses argv into opts and stores in *first_file the index of the first
 * FILE operand. Returns CLI_CONTINUE, or the exit status when the run ends
 * here (--help, --version, --lang list, a usage error, which it reports).
 * argv may be reordered. */
int cli_parse_args(int argc, char **argv, cli_options *opts, int *first_file);

/* Loads the --idf table into *table (NULL without --idf) and points
 * opts->idf at it; returns CLI_CONTINUE, or the exit status after saying
 * why it could not. */
int cli_load_idf(cli_options *opts, precis_idf **table);

/* Reads the --query-file into *text (NULL without one; the caller frees
 * it) and points opts->query at it; returns CLI_CONTINUE, or the exit
 * status after saying why it could not. */
int cli_load_query(cli_options *opts, char **text);

/* Adds the counts of the idf table at path ("-": standard input), at most
 * limit bytes long (0: no limit), to table. Returns EXIT_DONE, or the exit
 * status after saying on stderr what is wrong with which file: EXIT_IO
 * when it cannot be read, EXIT_SOME_FAILED when it is too large or not a
 * table. */
int cli_read_idf(const char *path, size_t limit, precis_idf *table);

/* A context with the options' language, limits, length, ranking and
 * query; on failure, says why on stderr and returns NULL. */
precis_ctx *cli_new_context(const cli_options *opts);

#endif

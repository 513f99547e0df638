/*
 * cli.h - the precis command line, a client of the public API only.
 *
 * cli.c parses the options and runs the commands on whole files; the
 * record modes (--jsonl, --tsv) go through batch.c, which reads lines with
 * lines.c and turns each into an output line with records.c; corpus.c runs
 * 'precis idf' and 'precis digest'; progress.c draws the progress line.
 */
#ifndef PRECIS_CLI_H
#define PRECIS_CLI_H

#include <stddef.h>

#include "precis.h"

enum {
    EXIT_DONE = 0,
    EXIT_SOME_FAILED = 1,
    EXIT_USAGE = 2,
    EXIT_IO = 3
};

enum { COMMAND_SUMMARIZE, COMMAND_SPLIT, COMMAND_IDF, COMMAND_DIGEST };

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
    int headings;            /* --headings: headings may be chosen */
} cli_options;

/* Runs the command with its arguments and returns the exit status. It
 * prints to stdout and stderr; argv may be reordered. */
int precis_cli_main(int argc, char **argv);

/* A context with the options' language, limits, length and idf; on
 * failure, says why on stderr and returns NULL. */
precis_ctx *cli_new_context(const cli_options *opts);

/* Reads the file at path ("-": standard input) into *data (malloc'd, not
 * NUL-terminated). Returns 0 or an errno value: EFBIG as soon as more than
 * limit bytes (0: no limit) have come in. */
int cli_read_file(const char *path, size_t limit, char **data, size_t *len);

/* Writes all of data to file descriptor fd, retrying short writes.
 * Returns 0, or the errno of the failure (EPIPE for a closed pipe). */
int cli_write_all(int fd, const char *data, size_t len);

/* Reports a failed write of the output on stderr, except for a closed
 * pipe, and returns the exit status it calls for (EXIT_DONE for a closed
 * pipe, which ends the run quietly). */
int cli_write_failed(int err);

/* The higher of two exit statuses: an I/O error outranks a failed
 * document, which outranks success. */
int cli_worse_status(int a, int b);

#endif

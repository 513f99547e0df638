/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.c - the precis command: the options, then each command on its
 * input, and the exit status.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "batch.h"
#include "bytes.h"
#include "corpus.h"
#include "fetch.h"
#include "handoff.h"
#include "input.h"
#include "io.h"
#include "mbox.h"
#include "options.h"
#include "precis.h"
#include "progress.h"
#include "records.h"
#include "stop.h"

/* A closed pipe ends the program quietly; see cli_write_failed. */
static int write_out(const char *data, size_t len)
{
    if (len == 0 || fwrite(data, 1, len, stdout) == len)
        return EXIT_DONE;
    if (errno == EPIPE)
        exit(EXIT_DONE);
    return cli_write_failed(errno);
}

typedef struct run_state {
    const cli_options *opts;
    precis_ctx *ctx;
    precis_buffer *out;
    int status;
    int documents; /* printed so far */
    int headers;   /* several inputs: print ==> NAME <== headers */
    char **given;  /* the arguments as given, for a hand-off (handoff.h) */
} run_state;

static void raise_status(run_state *run, int status)
{
    run->status = cli_worse_status(run->status, status);
}

/* What a command makes of one document. */
static precis_status run_command(int command, precis_ctx *ctx, const char *text, size_t len,
                                 precis_result **res)
{
    switch (command) {
    case COMMAND_SPLIT:
        return precis_split(ctx, text, len, res);
    case COMMAND_EXTRACT:
        return precis_extract(ctx, text, len, res);
    default:
        return precis_summarize(ctx, text, len, res);
    }
}

/* Renders what the command makes of a document into run->out. */
static precis_status render_document(run_state *run, const char *name, const char *label,
                                     const char *text, size_t len)
{
    precis_format format = (precis_format)run->opts->format;
    precis_status st;
    if (run->opts->command == COMMAND_KEYWORDS) {
        precis_keyword_list *list = NULL;
        st = precis_keywords(run->ctx, text, len, &list);
        if (st == PRECIS_OK)
            st = precis_render_keywords(list, format, name, run->out);
        precis_keyword_list_free(list);
        return st;
    }
    precis_result *res = NULL;
    st = run_command(run->opts->command, run->ctx, text, len, &res);
    /* A summary made without a language's rules is still printed; the
     * user hears why "lang" says "und". */
    if (st == PRECIS_OK && run->opts->command != COMMAND_EXTRACT &&
        strcmp(precis_result_language(res), "und") == 0)
        fprintf(stderr, "precis: %s: the text is in a script that no supported language writes; "
                        "it was summarized without language rules (\"lang\": \"und\")\n",
                label);
    if (st == PRECIS_OK && run->opts->highlight >= 0)
        st = precis_render_highlight(res, text, len, (precis_highlight)run->opts->highlight,
                                     name, run->out);
    else if (st == PRECIS_OK)
        st = run->opts->all && run->opts->command == COMMAND_SUMMARIZE
                 ? precis_render_ranking(res, text, len, format, name, run->out)
                 : precis_render(res, text, len, format, name, run->out);
    precis_result_free(res);
    return st;
}

static void process(run_state *run, const char *name, const char *label, const char *text,
                    size_t len)
{
    precis_buffer_clear(run->out);
    /* The context explains a failure of the command; a rendering failure
     * leaves it empty. */
    precis_status st = render_document(run, name, label, text, len);
    if (st != PRECIS_OK) {
        const char *why = precis_ctx_error(run->ctx);
        if (why[0] != '\0')
            fprintf(stderr, "precis: %s: %s%s\n", label, why,
                    st == PRECIS_ERR_TOO_LARGE ? "; see --max-bytes and --max-sentences" : "");
        else
            fprintf(stderr, "precis: %s: cannot render the result: %s\n", label,
                    precis_status_str(st));
        raise_status(run, EXIT_SOME_FAILED);
        return;
    }
    if (run->headers && run->opts->format == FORMAT_TEXT) {
        raise_status(run, write_out(run->documents > 0 ? "\n==> " : "==> ",
                                    run->documents > 0 ? 5 : 4));
        raise_status(run, write_out(label, strlen(label)));
        raise_status(run, write_out(" <==\n", 5));
    }
    run->documents++;
    raise_status(run, write_out(precis_buffer_data(run->out), precis_buffer_length(run->out)));
}

/* Whether name ends with ".mbox", without case. */
static int mbox_name(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcasecmp(name + n - 5, ".mbox") == 0;
}

/* Appends the JSON string literal of the NUL-terminated s to out. */
static void put_json_string(bytes *out, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    bytes_put(out, "\"", 1);
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            bytes_put(out, esc, 2);
        } else if (c < 0x20 || c >= 0x7F) {
            /* Message-IDs are ASCII; anything else is escaped, not trusted */
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            bytes_put(out, esc, 6);
        } else {
            bytes_put(out, (const char *)&c, 1);
        }
    }
    bytes_put(out, "\"", 1);
}

/* An mbox: one summary per message, as the record modes give one per
 * line: as text under a "==> Message-ID <==" header, as JSON one object
 * per line with the message's "id" and its "offset" in the file (the
 * ranges are of the message). */
static void process_mbox(run_state *run, const char *label, const char *data, size_t len)
{
    bytes line = {0};
    size_t start, end;
    for (size_t pos = 0; mbox_next(data, len, pos, &start, &end); pos = end) {
        const char *msg = data + start;
        size_t msg_len = end - start;
        char id[256];
        mbox_message_id(msg, msg_len, id, sizeof id);
        char where[320];
        snprintf(where, sizeof where, "%s: message at byte %zu", label, start);
        precis_buffer_clear(run->out);
        bytes_reset(&line);
        precis_status st;
        if (run->opts->format == FORMAT_TEXT) {
            const char *name = id[0] != '\0' ? id : where;
            bytes_puts(&line, run->documents > 0 ? "\n==> " : "==> ");
            bytes_puts(&line, name);
            bytes_puts(&line, " <==\n");
            st = render_document(run, NULL, where, msg, msg_len);
            bytes_put(&line, precis_buffer_data(run->out), precis_buffer_length(run->out));
        } else {
            precis_result *res = NULL;
            st = run_command(run->opts->command, run->ctx, msg, msg_len, &res);
            if (st == PRECIS_OK)
                st = precis_render_members(res, msg, msg_len, PRECIS_FORMAT_JSONL, run->out);
            precis_result_free(res);
            char offset[48];
            snprintf(offset, sizeof offset, ", \"offset\": %zu, ", start);
            bytes_puts(&line, "{\"id\": ");
            if (id[0] != '\0')
                put_json_string(&line, id);
            else
                bytes_puts(&line, "null");
            bytes_puts(&line, offset);
            bytes_put(&line, precis_buffer_data(run->out), precis_buffer_length(run->out));
            bytes_puts(&line, "}\n");
        }
        if (st != PRECIS_OK || line.failed) {
            const char *why = precis_ctx_error(run->ctx);
            fprintf(stderr, "precis: %s: %s\n", where,
                    st == PRECIS_OK ? "out of memory" : why[0] != '\0' ? why : precis_status_str(st));
            raise_status(run, EXIT_SOME_FAILED);
            continue;
        }
        run->documents++;
        raise_status(run, write_out(line.data, line.len));
    }
    bytes_free(&line);
}

static void process_file(run_state *run, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *label = is_stdin ? "standard input" : path;
    cli_document doc;
    int status = cli_document_load(path, label, run->opts, &doc);
    /* A fully static program runs one document (handoff.h): an e-mail
     * goes to precis-dynamic, with what was read of standard input. */
    if (status == EXIT_DONE && doc.format == PRECIS_FROM_EMAIL && cli_fully_static())
        status = cli_hand_off(run->given, is_stdin ? doc.data : NULL, doc.len, "an e-mail");
    if (status == EXIT_DONE)
        status = cli_document_apply(&doc, label, run->ctx);
    if (status == EXIT_DONE && doc.format == PRECIS_FROM_EMAIL &&
        (run->opts->mbox || (!is_stdin && mbox_name(path)) || mbox_has_several(doc.data, doc.len)))
        process_mbox(run, label, doc.data, doc.len);
    else if (status == EXIT_DONE)
        process(run, path, label, doc.data, doc.len);
    raise_status(run, status);
    cli_document_free(&doc);
}

static int run_files(const cli_options *opts, char **files, int nfiles, char **given)
{
    if (opts->highlight == PRECIS_HIGHLIGHT_HTML && nfiles > 1) {
        fputs("precis: --highlight=html writes one page: give one document at a time\n"
              "Try 'precis --help' for more information.\n",
              stderr);
        return EXIT_USAGE;
    }
    run_state run = {opts, cli_new_context(opts), NULL, EXIT_DONE, 0, nfiles > 1, given};
    if (run.ctx == NULL)
        return EXIT_SOME_FAILED;
    if (precis_buffer_new(&run.out) != PRECIS_OK) {
        fputs("precis: cannot set up: out of memory\n", stderr);
        precis_ctx_free(run.ctx);
        return EXIT_SOME_FAILED;
    }
    if (nfiles == 0)
        process_file(&run, "-");
    for (int i = 0; i < nfiles; i++)
        process_file(&run, files[i]);
    if (fflush(stdout) != 0)
        raise_status(&run, errno == EPIPE ? EXIT_DONE : cli_write_failed(errno));
    precis_buffer_free(run.out);
    precis_ctx_free(run.ctx);
    return run.status;
}

static int run_records(const cli_options *opts, char **files, int nfiles)
{
    record_worker *workers = calloc(opts->threads, sizeof *workers);
    if (workers == NULL) {
        fputs("precis: cannot set up: out of memory\n", stderr);
        return EXIT_SOME_FAILED;
    }
    size_t ready = 0;
    int status = EXIT_DONE;
    atomic_int said_not_kept = 0;
    while (ready < opts->threads &&
           (status = record_worker_init(&workers[ready], opts)) == EXIT_DONE)
        workers[ready++].said_not_kept = &said_not_kept;
    progress prog;
    progress_init(&prog, opts->quiet, "record", "records");
    progress_measure(&prog, files, nfiles);
    batch_totals totals = {0, 0};
    /* A long run is stopped at a line boundary, never inside a line. */
    stop_catch_signals();
    int inputs = ready == opts->threads ? (nfiles > 0 ? nfiles : 1) : 0;
    for (int i = 0; i < inputs && !totals.pipe_closed && !stop_requested(); i++) {
        const char *path = nfiles > 0 ? files[i] : "-";
        int is_stdin = strcmp(path, "-") == 0;
        int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
        if (fd < 0) {
            progress_clear(&prog);
            fprintf(stderr, "precis: cannot open '%s': %s\n", path, strerror(errno));
            status = EXIT_IO;
            continue;
        }
        status = cli_worse_status(status, batch_run(opts, workers, fd, is_stdin ? NULL : path,
                                                    &prog, &totals));
        if (!is_stdin)
            close(fd);
    }
    if (stop_requested())
        progress_clear(&prog);
    else if (!totals.pipe_closed)
        progress_finish(&prog);
    for (size_t i = 0; i < ready; i++)
        record_worker_free(&workers[i]);
    free(workers);
    if (totals.errors > 0)
        status = cli_worse_status(status, EXIT_SOME_FAILED);
    /* Stopped by a signal: the status a shell gives a killed process. */
    return stop_requested() ? 128 + stop_requested() : status;
}

/* What of this run a fully static program hands to precis-dynamic
 * (handoff.h) before it starts, NULL for a run of one document that is
 * not a URL or an e-mail (an e-mail that says so by its content goes
 * once it is read). */
static const char *handed_off(const cli_options *opts, char **files, int nfiles)
{
    if (opts->command == COMMAND_IDF || opts->command == COMMAND_DIGEST ||
        (opts->command == COMMAND_KEYWORDS && opts->corpus))
        return "a corpus";
    if (opts->input != INPUT_FILES)
        return "reading records";
    if (nfiles > 1)
        return "reading several documents";
    if (nfiles == 1 && cli_is_url(files[0]))
        return "a URL";
    if (opts->from == PRECIS_FROM_EMAIL || opts->mbox)
        return "an e-mail";
    return NULL;
}

/* precis_cli_main, with `given`, a copy of argv as it came. */
static int run_command_line(int argc, char **argv, char **given)
{
    cli_options opts;
    int first_file = 1;
    int status = cli_parse_args(argc, argv, &opts, &first_file);
    if (status != CLI_CONTINUE)
        return status;
    const char *what;
    if (cli_fully_static() && (what = handed_off(&opts, argv + first_file, argc - first_file)))
        return cli_hand_off(given, NULL, 0, what);

    /* Write errors come back as EPIPE instead of killing the process, so
     * that a closed pipe can end the run quietly. */
    signal(SIGPIPE, SIG_IGN);

    precis_idf *table;
    if ((status = cli_load_idf(&opts, &table)) != CLI_CONTINUE)
        return status;
    char *query;
    if ((status = cli_load_query(&opts, &query)) != CLI_CONTINUE) {
        precis_idf_free(table);
        return status;
    }
    char **files = argv + first_file;
    int nfiles = argc - first_file;
    if (opts.command == COMMAND_IDF)
        status = corpus_idf(&opts, files, nfiles);
    else if (opts.command == COMMAND_DIGEST || (opts.command == COMMAND_KEYWORDS && opts.corpus))
        status = corpus_set(&opts, files, nfiles);
    else if (opts.input != INPUT_FILES)
        status = run_records(&opts, files, nfiles);
    else
        status = run_files(&opts, files, nfiles, given);
    precis_idf_free(table);
    free(query);
    if (opts.errors_ok && status == EXIT_SOME_FAILED)
        status = EXIT_DONE;
    return status;
}

int precis_cli_main(int argc, char **argv)
{
    /* Parsing may reorder argv; a hand-off passes it on as it came. */
    char **given = malloc(((size_t)argc + 1) * sizeof *given);
    if (given == NULL) {
        fputs("precis: cannot set up: out of memory\n", stderr);
        return EXIT_SOME_FAILED;
    }
    memcpy(given, argv, ((size_t)argc + 1) * sizeof *given);
    int status = run_command_line(argc, argv, given);
    free(given);
    return status;
}

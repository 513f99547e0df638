/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * options.c - the command line: options parsed from a table, the checks
 * that combine them, and the context and idf table they call for.
 */
#define _POSIX_C_SOURCE 200809L
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"

/* The most threads -j takes. */
#define MAX_THREADS 256

static const char usage_text[] =
    "Usage: precis [OPTIONS] [FILE...]\n"
    "       precis split [OPTIONS] [FILE...]\n"
    "       precis extract [OPTIONS] [FILE...]\n"
    "       precis digest [OPTIONS] [FILE...]\n"
    "       precis keywords [OPTIONS] [FILE...]\n"
    "       precis idf [OPTIONS] [FILE...]\n"
    "\n"
    "Summarize each FILE (standard input when there is none, or for '-'; a URL\n"
    "starting with http:// or https:// is fetched) by printing its most central\n"
    "sentences in their original order. 'precis split' prints every sentence the\n"
    "summarizer sees instead; 'precis extract' the clean text it reads (the main\n"
    "text of a web page); 'precis digest' writes one summary of all the documents\n"
    "together (with --topics, one per story); 'precis keywords' prints each\n"
    "document's keyphrases, best first (-n of them, default 10; --corpus: of all\n"
    "the documents together); 'precis idf' counts in how many documents each term\n"
    "occurs, for --idf.\n"
    "\n"
    "Length (at most one; default -n 3):\n"
    "  -n, --sentences N   N sentences\n"
    "  -r, --ratio R       a fraction of the sentences, 0 < R <= 1 (or a percentage: 20%)\n"
    "  -w, --words N       at most N words in total\n"
    "  -c, --chars N       at most N characters (code points) in total\n"
    "\n"
    "Records (one document a line, one output line each, in order):\n"
    "      --jsonl         read JSON Lines: one object a line\n"
    "      --text-field F  the field that holds the text (default: text)\n"
    "      --id-field F    the field that identifies the record (default: id)\n"
    "      --keep-fields[=F,G]  copy the other fields (or only these) to the output\n"
    "      --tsv           read 'id<TAB>text' lines, with \\n, \\t and \\\\ escapes\n"
    "  -j, --threads N     summarize on N threads (default 1; 0: one per core)\n"
    "      --errors-ok     exit with 0 even when some records failed\n"
    "      --line-buffered write each output line as soon as it is ready\n"
    "  -q, --quiet         no progress line on the terminal\n"
    "\n"
    "Input:\n"
    "      --from F        how to read the input: auto (the default: from the file's\n"
    "                      extension or the URL's type, else its first bytes), text,\n"
    "                      html, markdown, transcript, email or mbox\n"
    "      --encoding E    read files as encoding E (latin1, UTF-16LE...), not detected\n"
    "      --timeout S     seconds to fetch a URL, connecting included (default 30)\n"
    "\n";

/* The rest of the help; two strings, for C's limit on a string's length. */
static const char usage_options[] =
    "Other options:\n"
    "  -l, --lang CODE     language of the input (ISO 639-1), or 'auto' to detect it\n"
    "                      (the default); --lang list prints the supported codes\n"
    "  -f, --format FMT    text (default), json (indented), jsonl (one line each) or,\n"
    "                      for records, tsv; records default to their input format\n"
    "  -a, --algorithm A   centrality (default), textrank, lexrank, lexrank-continuous\n"
    "                      or lead\n"
    "      --diversity L   redundancy control from 0 (rank order) to 1 (default 0;\n"
    "                      0.5 with a query); near-duplicates are never printed\n"
    "      --query TEXT    focus the summary or digest on a question or topic\n"
    "      --query-file FILE  the same, the query read from FILE\n"
    "      --all           list every sentence with its rank and score (files only)\n"
    "      --highlight[=S] print the whole document with the summary marked: ansi\n"
    "                      (the default: for a terminal), html or markdown\n"
    "      --headings      let headings (title lines) be chosen as sentences\n"
    "      --idf FILE      weigh words with a table made by 'precis idf'\n"
    "      --topics [auto|N]  'precis digest' only: group the documents into stories\n"
    "                      (at most N) and summarize each\n"
    "      --merge         'precis idf' only: add up the tables given as FILEs\n"
    "      --corpus        'precis keywords' only: one list for all the documents\n"
    "      --max-bytes N   refuse documents (records: lines) over N bytes (K, M, G\n"
    "                      suffixes; 0: no limit; default 256M)\n"
    "      --max-sentences N  refuse documents of more than N sentences (0: no limit;\n"
    "                      default 2000000)\n"
    "  -h, --help          print this help and exit\n"
    "      --version       print the version and exit\n"
    "\n"
    "Exit status: 0 all summarized, 1 some input could not be summarized (or was\n"
    "not text), 2 usage error, 3 a file or URL could not be read or the output not\n"
    "written.\n";

static void usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static void usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("precis: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\nTry 'precis --help' for more information.\n", stderr);
    va_end(ap);
}

/* A whole number of at least 1 written in decimal digits only. */
static int parse_count(const char *arg, double *value)
{
    if (*arg == '\0' || strlen(arg) > 15 || strspn(arg, "0123456789") != strlen(arg))
        return 0;
    double v = strtod(arg, NULL);
    if (v < 1.0)
        return 0;
    *value = v;
    return 1;
}

/* A decimal number written with digits and at most one point ("0.2", ".5",
 * "20"), of at most 32 characters. */
static int parse_decimal(const char *arg, size_t len, double *value)
{
    char digits[40];
    if (len == 0 || len > 32 || strspn(arg, "0123456789.") < len)
        return 0;
    memcpy(digits, arg, len);
    digits[len] = '\0';
    if (strchr(digits, '.') != strrchr(digits, '.') || strcmp(digits, ".") == 0)
        return 0;
    *value = strtod(digits, NULL);
    return 1;
}

/* A decimal fraction ("0.2", ".5", "1") or a percentage ("20%"). */
static int parse_ratio(const char *arg, double *value)
{
    size_t len = strlen(arg);
    int percent = len > 0 && arg[len - 1] == '%';
    double v;
    if (!parse_decimal(arg, len - (size_t)percent, &v))
        return 0;
    if (percent)
        v /= 100.0;
    if (!(v > 0.0 && v <= 1.0))
        return 0;
    *value = v;
    return 1;
}

/* A decimal number from 0 to 1 ("0", "0.3", ".5", "1"). */
static int parse_fraction(const char *arg, double *value)
{
    double v;
    if (!parse_decimal(arg, strlen(arg), &v) || !(v >= 0.0 && v <= 1.0))
        return 0;
    *value = v;
    return 1;
}

/* A size for the limits: decimal digits with an optional K, M or G
 * (powers of 1024); 0 is allowed and means no limit. */
static int parse_size(const char *arg, size_t *value)
{
    size_t digits = strspn(arg, "0123456789");
    if (digits == 0 || digits > 15)
        return 0;
    unsigned long long v = strtoull(arg, NULL, 10);
    const char *suffix = arg + digits;
    unsigned shift = 0;
    if (*suffix == 'K' || *suffix == 'k')
        shift = 10;
    else if (*suffix == 'M' || *suffix == 'm')
        shift = 20;
    else if (*suffix == 'G' || *suffix == 'g')
        shift = 30;
    else if (*suffix != '\0')
        return 0;
    if (shift != 0 && suffix[1] != '\0')
        return 0;
    if (v > (unsigned long long)(SIZE_MAX >> shift))
        return 0;
    *value = (size_t)(v << shift);
    return 1;
}

/* A thread count: a whole number, 0 for one per core. */
static int parse_threads(const char *arg, size_t *value)
{
    size_t n;
    if (!parse_size(arg, &n) || strspn(arg, "0123456789") != strlen(arg) || n > MAX_THREADS)
        return 0;
    if (n == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        n = cores < 1 ? 1 : cores > MAX_THREADS ? MAX_THREADS : (size_t)cores;
    }
    *value = n;
    return 1;
}


/* Options that make no sense together or for the command; returns CLI_CONTINUE
 * when all is well, else the exit status after saying why. */
static int check_combinations(cli_options *opts, int records_flag_used, int threads_given,
                              int ranking_flag_used, int algorithm_given)
{
    int records = opts->input != INPUT_FILES;
    const char *command = opts->command == COMMAND_SPLIT      ? "split"
                          : opts->command == COMMAND_IDF      ? "idf"
                          : opts->command == COMMAND_DIGEST   ? "digest"
                          : opts->command == COMMAND_EXTRACT  ? "extract"
                          : opts->command == COMMAND_KEYWORDS ? "keywords"
                                                              : NULL;
    /* Commands that turn each record into a line, as summarizing does. */
    int per_record = command == NULL || (opts->command == COMMAND_KEYWORDS && !opts->corpus);
    if ((opts->command == COMMAND_SPLIT || opts->command == COMMAND_EXTRACT) && records) {
        usage_error("--jsonl and --tsv do not apply to 'precis %s'", command);
        return EXIT_USAGE;
    }
    if (records_flag_used && opts->input != INPUT_JSONL) {
        usage_error("--text-field, --id-field and --keep-fields apply to --jsonl only");
        return EXIT_USAGE;
    }
    if (threads_given && !opts->topics && (!records || !per_record)) {
        usage_error("-j applies to summarizing records (--jsonl or --tsv) and to "
                    "'precis digest --topics' only");
        return EXIT_USAGE;
    }
    if (opts->topics && opts->command != COMMAND_DIGEST) {
        usage_error("--topics applies to 'precis digest' only");
        return EXIT_USAGE;
    }
    if (ranking_flag_used && command != NULL) {
        usage_error("-a and --headings do not apply to 'precis %s'", command);
        return EXIT_USAGE;
    }
    if (opts->diversity_given && command != NULL && opts->command != COMMAND_DIGEST) {
        usage_error("--diversity does not apply to 'precis %s'", command);
        return EXIT_USAGE;
    }
    if (opts->query != NULL && opts->query_file != NULL) {
        usage_error("--query and --query-file cannot be used together: choose one");
        return EXIT_USAGE;
    }
    if ((opts->query != NULL || opts->query_file != NULL) && command != NULL &&
        opts->command != COMMAND_DIGEST) {
        usage_error("--query and --query-file apply to summaries and digests only");
        return EXIT_USAGE;
    }
    if ((opts->query != NULL || opts->query_file != NULL) && algorithm_given) {
        usage_error("-a does not apply with a query, which is ranked by its own walk");
        return EXIT_USAGE;
    }
    if (opts->all && (records || command != NULL)) {
        usage_error("--all applies to summarizing files only");
        return EXIT_USAGE;
    }
    if (opts->highlight >= 0 && (records || command != NULL || opts->all || opts->format > 0)) {
        usage_error("--highlight applies to summarizing files in text, without --all");
        return EXIT_USAGE;
    }
    if (opts->encoding != NULL && records) {
        usage_error("--encoding applies to files and URLs: records are read as UTF-8");
        return EXIT_USAGE;
    }
    if (opts->merge && opts->command != COMMAND_IDF) {
        usage_error("--merge applies to 'precis idf' only");
        return EXIT_USAGE;
    }
    if (opts->corpus && opts->command != COMMAND_KEYWORDS) {
        usage_error("--corpus applies to 'precis keywords' only");
        return EXIT_USAGE;
    }
    if (opts->command == COMMAND_IDF &&
        (opts->length_flag != NULL || opts->format != -1 || opts->idf_path != NULL)) {
        usage_error("'precis idf' writes a table: length, --format and --idf do not apply");
        return EXIT_USAGE;
    }
    if (opts->format == FORMAT_TSV && (!records || !per_record)) {
        usage_error("-f tsv applies to records (--jsonl or --tsv) only");
        return EXIT_USAGE;
    }
    if (opts->format == FORMAT_JSON && records && per_record) {
        usage_error("-f json would spread a record over several lines; use -f jsonl");
        return EXIT_USAGE;
    }
    if (opts->format == -1)
        opts->format = !records || !per_record      ? FORMAT_TEXT
                       : opts->input == INPUT_JSONL ? FORMAT_JSONL
                                                    : FORMAT_TSV;
    return CLI_CONTINUE;
}

/* ------------------------------------------------------------------ */
/* The option table                                                   */

/* What parsing has seen so far, for the checks that combine options. */
typedef struct parse_state {
    const char *spelled;   /* the option being handled, as the user wrote it */
    const char *next;      /* the argument after it, NULL at the end */
    int took_next;         /* its handler took that argument as its value */
    char spelled_buf[64];  /* spelled without its "=value" */
    int records_flag_used; /* --text-field, --id-field, --keep-fields */
    int threads_given;
    int ranking_flag_used; /* -a, --headings */
    int algorithm_given;
} parse_state;

/* An option's effect: CLI_CONTINUE, or the exit status that ends the run
 * (after a usage error, which the handler reports). */
typedef int (*option_handler)(cli_options *o, parse_state *ps, int which, const char *arg);

typedef struct option_spec {
    const char *name;   /* the long name */
    int short_name;     /* 0 for none */
    int has_arg;        /* no_argument, required_argument or optional_argument */
    option_handler apply;
    int which;          /* what a handler shared by several options is handling */
} option_spec;

/* The length flags, at most one of which may be given. */
typedef struct length_flag {
    const char *flag;
    precis_length_unit unit;
    int (*parse)(const char *arg, double *value);
} length_flag;

static const length_flag length_flags[] = {
    {"--sentences", PRECIS_LENGTH_SENTENCES, parse_count},
    {"--ratio", PRECIS_LENGTH_RATIO, parse_ratio},
    {"--words", PRECIS_LENGTH_WORDS, parse_count},
    {"--chars", PRECIS_LENGTH_CHARS, parse_count},
};

static int apply_length(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)ps;
    const length_flag *lf = &length_flags[which];
    double value;
    if (!lf->parse(arg, &value)) {
        if (lf->unit == PRECIS_LENGTH_RATIO)
            usage_error("invalid value '%s' for %s: expected a number above 0 and at most 1, "
                        "or a percentage such as 20%%",
                        arg, lf->flag);
        else
            usage_error("invalid value '%s' for %s: expected a whole number of at least 1",
                        arg, lf->flag);
        return EXIT_USAGE;
    }
    if (o->command == COMMAND_SPLIT) {
        usage_error("%s does not apply to 'precis split', which prints every sentence", lf->flag);
        return EXIT_USAGE;
    }
    if (o->command == COMMAND_EXTRACT) {
        usage_error("%s does not apply to 'precis extract', which prints the whole text",
                    lf->flag);
        return EXIT_USAGE;
    }
    if (o->command == COMMAND_KEYWORDS && lf->unit != PRECIS_LENGTH_SENTENCES) {
        usage_error("%s does not apply to 'precis keywords'; -n N gives the number of "
                    "keyphrases", lf->flag);
        return EXIT_USAGE;
    }
    if (o->length_flag != NULL && strcmp(o->length_flag, lf->flag) != 0) {
        usage_error("%s and %s cannot be used together: choose one length", o->length_flag,
                    lf->flag);
        return EXIT_USAGE;
    }
    o->length_flag = lf->flag;
    o->unit = lf->unit;
    o->value = value;
    return CLI_CONTINUE;
}

static void print_languages(FILE *out)
{
    fputs("auto", out);
    for (size_t i = 0; i < precis_language_count(); i++)
        fprintf(out, " %s", precis_language_code(i));
    fputc('\n', out);
}

/* The status of a run that only printed something: a failed write (a
 * full disk) is an I/O error, as for any output. */
static int printed(void)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return EXIT_DONE;
    return cli_write_failed(errno != 0 ? errno : EIO);
}

static int language_known(const char *code)
{
    if (strcmp(code, "auto") == 0)
        return 1;
    for (size_t i = 0; i < precis_language_count(); i++)
        if (strcmp(precis_language_code(i), code) == 0)
            return 1;
    return 0;
}

static int apply_lang(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)ps, (void)which;
    if (strcmp(arg, "list") == 0) {
        print_languages(stdout);
        return printed();
    }
    if (!language_known(arg)) {
        fprintf(stderr, "precis: unknown language '%s'; supported: ", arg);
        print_languages(stderr);
        fputs("Try 'precis --help' for more information.\n", stderr);
        return EXIT_USAGE;
    }
    o->lang = arg;
    return CLI_CONTINUE;
}

static int apply_format(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)ps, (void)which;
    static const char *const names[] = {
        [FORMAT_TEXT] = "text", [FORMAT_JSON] = "json", [FORMAT_JSONL] = "jsonl",
        [FORMAT_TSV] = "tsv"};
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++) {
        if (strcmp(arg, names[i]) == 0) {
            o->format = i;
            return CLI_CONTINUE;
        }
    }
    usage_error("unknown format '%s' (expected text, json, jsonl or tsv)", arg);
    return EXIT_USAGE;
}

static int apply_threads(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)which;
    if (!parse_threads(arg, &o->threads)) {
        usage_error("invalid value '%s' for --threads: expected a whole number from 0 "
                    "(one thread per core) to %d",
                    arg, MAX_THREADS);
        return EXIT_USAGE;
    }
    ps->threads_given = 1;
    return CLI_CONTINUE;
}

static int apply_algorithm(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)which;
    ps->ranking_flag_used = 1;
    ps->algorithm_given = 1;
    if (precis_algorithm_find(arg, &o->algorithm) != PRECIS_OK) {
        usage_error("unknown algorithm '%s' (expected centrality, textrank, lexrank, "
                    "lexrank-continuous or lead)",
                    arg);
        return EXIT_USAGE;
    }
    return CLI_CONTINUE;
}

static int apply_diversity(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)ps, (void)which;
    if (!parse_fraction(arg, &o->diversity)) {
        usage_error("invalid value '%s' for --diversity: expected a number from 0 to 1", arg);
        return EXIT_USAGE;
    }
    o->diversity_given = 1;
    return CLI_CONTINUE;
}

static int apply_highlight(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)ps, (void)which;
    static const struct {
        const char *name;
        precis_highlight style;
    } styles[] = {{"ansi", PRECIS_HIGHLIGHT_ANSI},
                  {"html", PRECIS_HIGHLIGHT_HTML},
                  {"markdown", PRECIS_HIGHLIGHT_MARKDOWN}};
    if (arg == NULL) {
        o->highlight = PRECIS_HIGHLIGHT_ANSI;
        return CLI_CONTINUE;
    }
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
        if (strcmp(arg, styles[i].name) == 0) {
            o->highlight = (int)styles[i].style;
            return CLI_CONTINUE;
        }
    }
    usage_error("unknown highlight style '%s' (expected ansi, html or markdown)", arg);
    return EXIT_USAGE;
}

static int apply_query(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)ps;
    if (which == 0) {
        o->query = arg;
        o->query_len = strlen(arg);
    } else {
        o->query_file = arg;
    }
    return CLI_CONTINUE;
}

/* The options that only set a flag. */
enum {
    FLAG_QUIET,
    FLAG_ALL,
    FLAG_HEADINGS,
    FLAG_ERRORS_OK,
    FLAG_LINE_BUFFERED,
    FLAG_MERGE,
    FLAG_CORPUS
};

static int apply_flag(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)arg;
    int *flags[] = {[FLAG_QUIET] = &o->quiet,         [FLAG_ALL] = &o->all,
                    [FLAG_HEADINGS] = &o->headings,   [FLAG_ERRORS_OK] = &o->errors_ok,
                    [FLAG_LINE_BUFFERED] = &o->line_buffered, [FLAG_MERGE] = &o->merge,
                    [FLAG_CORPUS] = &o->corpus};
    *flags[which] = 1;
    if (which == FLAG_HEADINGS)
        ps->ranking_flag_used = 1;
    return CLI_CONTINUE;
}

static int apply_help(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)o, (void)ps, (void)which, (void)arg;
    fputs(usage_text, stdout);
    fputs(usage_options, stdout);
    return printed();
}

static int apply_version(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)o, (void)ps, (void)which, (void)arg;
    printf("precis %s\n", precis_version_string());
    return printed();
}

static int apply_limit(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)ps;
    if (!parse_size(arg, which == 0 ? &o->max_bytes : &o->max_sentences)) {
        usage_error("invalid value '%s' for %s: expected a whole number (0 for no limit)%s", arg,
                    which == 0 ? "--max-bytes" : "--max-sentences",
                    which == 0 ? ", optionally with K, M or G" : "");
        return EXIT_USAGE;
    }
    return CLI_CONTINUE;
}

static int apply_input(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)ps, (void)arg;
    o->input = which;
    return CLI_CONTINUE;
}

static int apply_field(cli_options *o, parse_state *ps, int which, const char *arg)
{
    if (*arg == '\0') {
        usage_error("%s needs a field name", ps->spelled);
        return EXIT_USAGE;
    }
    *(which == 0 ? &o->text_field : &o->id_field) = arg;
    ps->records_flag_used = 1;
    return CLI_CONTINUE;
}

static int apply_keep_fields(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)which;
    o->keep_fields = 1;
    o->keep_list = arg;
    ps->records_flag_used = 1;
    return CLI_CONTINUE;
}

static int apply_from(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)ps, (void)which;
    o->mbox = strcmp(arg, "mbox") == 0;
    if (o->mbox)
        o->from = PRECIS_FROM_EMAIL;
    else if (precis_input_format_find(arg, &o->from) != PRECIS_OK) {
        usage_error("unknown input format '%s' (expected auto, text, html, markdown, transcript, email or mbox)", arg);
        return EXIT_USAGE;
    }
    return CLI_CONTINUE;
}

/* The name is checked here, by the library that will use it, so that a
 * misspelt encoding is a usage error before any input is read. */
static int apply_encoding(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)ps, (void)which;
    precis_ctx *probe = NULL;
    precis_status st = precis_ctx_new(&probe);
    if (st == PRECIS_OK)
        st = precis_ctx_set_encoding(probe, arg);
    precis_ctx_free(probe);
    if (st == PRECIS_ERR_ARGUMENT) {
        usage_error("unknown encoding '%s' for --encoding (any name iconv knows: see "
                    "'iconv --list')",
                    arg);
        return EXIT_USAGE;
    }
    if (st != PRECIS_OK) {
        fprintf(stderr, "precis: cannot check --encoding: %s\n", precis_status_str(st));
        return EXIT_SOME_FAILED;
    }
    o->encoding = strcmp(arg, "auto") == 0 ? NULL : arg;
    return CLI_CONTINUE;
}

/* The longest --timeout: an hour. */
#define MAX_TIMEOUT 3600

static int apply_timeout(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)ps, (void)which;
    double seconds;
    if (!parse_count(arg, &seconds) || seconds > MAX_TIMEOUT) {
        usage_error("invalid value '%s' for --timeout: expected a whole number of seconds from "
                    "1 to %d",
                    arg, MAX_TIMEOUT);
        return EXIT_USAGE;
    }
    o->timeout = (unsigned)seconds;
    return CLI_CONTINUE;
}

static int apply_idf(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)ps, (void)which;
    o->idf_path = arg;
    return CLI_CONTINUE;
}

/* --topics takes auto or a number, attached (--topics=N) or as the next
 * argument; without one it means auto. */
static int apply_topics(cli_options *o, parse_state *ps, int which, const char *arg)
{
    (void)which;
    if (arg == NULL && ps->next != NULL &&
        (strcmp(ps->next, "auto") == 0 ||
         (ps->next[0] != '\0' && strspn(ps->next, "0123456789") == strlen(ps->next)))) {
        arg = ps->next;
        ps->took_next = 1;
    }
    double value;
    o->topics = 1;
    if (arg == NULL || strcmp(arg, "auto") == 0) {
        o->max_topics = PRECIS_TOPICS_AUTO;
        return CLI_CONTINUE;
    }
    if (!parse_count(arg, &value)) {
        usage_error("invalid value '%s' for --topics: expected auto or a whole number of at "
                    "least 1",
                    arg);
        return EXIT_USAGE;
    }
    o->max_topics = (size_t)value;
    return CLI_CONTINUE;
}

static const option_spec option_table[] = {
    {"sentences", 'n', required_argument, apply_length, 0},
    {"ratio", 'r', required_argument, apply_length, 1},
    {"words", 'w', required_argument, apply_length, 2},
    {"chars", 'c', required_argument, apply_length, 3},
    {"lang", 'l', required_argument, apply_lang, 0},
    {"format", 'f', required_argument, apply_format, 0},
    {"threads", 'j', required_argument, apply_threads, 0},
    {"algorithm", 'a', required_argument, apply_algorithm, 0},
    {"quiet", 'q', no_argument, apply_flag, FLAG_QUIET},
    {"help", 'h', no_argument, apply_help, 0},
    {"version", 0, no_argument, apply_version, 0},
    {"max-bytes", 0, required_argument, apply_limit, 0},
    {"max-sentences", 0, required_argument, apply_limit, 1},
    {"jsonl", 0, no_argument, apply_input, INPUT_JSONL},
    {"tsv", 0, no_argument, apply_input, INPUT_TSV},
    {"text-field", 0, required_argument, apply_field, 0},
    {"id-field", 0, required_argument, apply_field, 1},
    {"keep-fields", 0, optional_argument, apply_keep_fields, 0},
    {"errors-ok", 0, no_argument, apply_flag, FLAG_ERRORS_OK},
    {"line-buffered", 0, no_argument, apply_flag, FLAG_LINE_BUFFERED},
    {"idf", 0, required_argument, apply_idf, 0},
    {"merge", 0, no_argument, apply_flag, FLAG_MERGE},
    {"corpus", 0, no_argument, apply_flag, FLAG_CORPUS},
    {"diversity", 0, required_argument, apply_diversity, 0},
    {"all", 0, no_argument, apply_flag, FLAG_ALL},
    {"headings", 0, no_argument, apply_flag, FLAG_HEADINGS},
    {"topics", 0, optional_argument, apply_topics, 0},
    {"from", 0, required_argument, apply_from, 0},
    {"timeout", 0, required_argument, apply_timeout, 0},
    {"encoding", 0, required_argument, apply_encoding, 0},
    {"highlight", 0, optional_argument, apply_highlight, 0},
    {"query", 0, required_argument, apply_query, 0},
    {"query-file", 0, required_argument, apply_query, 1},
};
#define OPTION_COUNT (sizeof option_table / sizeof option_table[0])
/* getopt_long's key of an option without a short form: its index plus
 * this, above every character. */
#define LONG_ONLY_KEY 256

static const struct {
    const char *name;
    int command;
} subcommands[] = {
    {"split", COMMAND_SPLIT},
    {"idf", COMMAND_IDF},
    {"digest", COMMAND_DIGEST},
    {"extract", COMMAND_EXTRACT},
    {"keywords", COMMAND_KEYWORDS},
};

static void set_defaults(cli_options *opts)
{
    *opts = (cli_options){0};
    opts->command = COMMAND_SUMMARIZE;
    opts->unit = PRECIS_LENGTH_SENTENCES;
    opts->value = 3.0;
    opts->lang = "auto";
    opts->format = -1;
    opts->max_bytes = PRECIS_DEFAULT_MAX_BYTES;
    opts->max_sentences = PRECIS_DEFAULT_MAX_SENTENCES;
    opts->input = INPUT_FILES;
    opts->text_field = "text";
    opts->id_field = "id";
    opts->threads = 1;
    opts->algorithm = PRECIS_DEFAULT_ALGORITHM;
    opts->diversity = PRECIS_DEFAULT_DIVERSITY;
    opts->from = PRECIS_FROM_AUTO;
    opts->timeout = 30;
    opts->highlight = -1;
}

int cli_parse_args(int argc, char **argv, cli_options *opts, int *first_file)
{
    set_defaults(opts);
    int start = 1;
    for (size_t i = 0; argc > 1 && i < sizeof subcommands / sizeof subcommands[0]; i++) {
        if (strcmp(argv[1], subcommands[i].name) == 0) {
            opts->command = subcommands[i].command;
            start = 2;
        }
    }
    /* getopt_long scans from optind; argv[0] stands in for the program
     * name, so the subcommand is skipped by pointing past it. */
    argv[start - 1] = argv[0];
    argc -= start - 1;
    argv += start - 1;

    struct option longopts[OPTION_COUNT + 1];
    char shortopts[2 + 2 * OPTION_COUNT + 1];
    size_t s = 0;
    shortopts[s++] = ':';
    for (size_t i = 0; i < OPTION_COUNT; i++) {
        const option_spec *o = &option_table[i];
        int key = o->short_name ? o->short_name : LONG_ONLY_KEY + (int)i;
        longopts[i] = (struct option){o->name, o->has_arg, NULL, key};
        if (o->short_name) {
            shortopts[s++] = (char)o->short_name;
            if (o->has_arg == required_argument)
                shortopts[s++] = ':';
        }
    }
    longopts[OPTION_COUNT] = (struct option){NULL, 0, NULL, 0};
    shortopts[s] = '\0';

    opterr = 0;
    optind = 1;
    parse_state ps = {0};
    int c;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        if (c == ':') {
            usage_error("option '%s' needs a value", argv[optind - 1]);
            return EXIT_USAGE;
        }
        const option_spec *spec = NULL;
        if (c >= LONG_ONLY_KEY && (size_t)(c - LONG_ONLY_KEY) < OPTION_COUNT)
            spec = &option_table[c - LONG_ONLY_KEY];
        for (size_t i = 0; spec == NULL && c != '?' && i < OPTION_COUNT; i++)
            if (option_table[i].short_name == c)
                spec = &option_table[i];
        if (spec == NULL) {
            const char *given = argv[optind - 1];
            const char *equals = strchr(given, '=');
            int known = 0;
            for (size_t i = 0; equals != NULL && i < OPTION_COUNT; i++)
                known |= strlen(option_table[i].name) == (size_t)(equals - given - 2) &&
                         strncmp(option_table[i].name, given + 2, (size_t)(equals - given - 2)) == 0;
            if (strncmp(given, "--", 2) == 0 && known)
                /* A long option without a value, given one ("--help=x"):
                 * getopt reports it with the option's short name. */
                usage_error("option '%.*s' takes no value", (int)(equals - given), given);
            else if (strncmp(given, "--", 2) == 0)
                usage_error("unknown option '%.*s'",
                            (int)(equals != NULL ? equals - given : (ptrdiff_t)strlen(given)),
                            given);
            else if (strncmp(given, "--", 2) != 0 && optopt != 0 && optopt < 256)
                usage_error("unknown option '-%c'", optopt);
            else
                usage_error("unknown option '%s'", given);
            return EXIT_USAGE;
        }
        /* How the user spelled the option, for messages: the word before
         * its value when the value came as a word of its own. */
        ps.spelled = optarg != NULL && optarg == argv[optind - 1] && optind >= 2
                         ? argv[optind - 2]
                         : argv[optind - 1];
        const char *equals = strncmp(ps.spelled, "--", 2) == 0 ? strchr(ps.spelled, '=') : NULL;
        if (equals != NULL) {
            snprintf(ps.spelled_buf, sizeof ps.spelled_buf, "%.*s", (int)(equals - ps.spelled),
                     ps.spelled);
            ps.spelled = ps.spelled_buf;
        }
        ps.next = optind < argc ? argv[optind] : NULL;
        ps.took_next = 0;
        int status = spec->apply(opts, &ps, spec->which, optarg);
        if (status != CLI_CONTINUE)
            return status;
        if (ps.took_next)
            optind++;
    }
    *first_file = optind + start - 1;
    return check_combinations(opts, ps.records_flag_used, ps.threads_given,
                              ps.ranking_flag_used, ps.algorithm_given);
}

/* ------------------------------------------------------------------ */
/* What the options call for                                          */

precis_ctx *cli_new_context(const cli_options *opts)
{
    precis_ctx *ctx = NULL;
    precis_status st = precis_ctx_new(&ctx);
    if (st == PRECIS_OK)
        st = precis_ctx_set_language(ctx, opts->lang);
    if (st == PRECIS_OK)
        st = precis_ctx_set_limits(ctx, opts->max_bytes, opts->max_sentences);
    if (st == PRECIS_OK && opts->command == COMMAND_KEYWORDS)
        st = precis_ctx_set_keyword_count(ctx, opts->length_flag != NULL
                                                   ? (size_t)opts->value
                                                   : PRECIS_DEFAULT_KEYWORDS);
    else if (st == PRECIS_OK && opts->command != COMMAND_SPLIT &&
             opts->command != COMMAND_IDF && opts->command != COMMAND_EXTRACT)
        st = precis_ctx_set_length(ctx, opts->unit, opts->value);
    if (st == PRECIS_OK)
        st = precis_ctx_set_format(ctx, opts->from);
    if (st == PRECIS_OK)
        st = precis_ctx_set_encoding(ctx, opts->encoding);
    if (st == PRECIS_OK)
        st = precis_ctx_set_idf(ctx, opts->idf);
    if (st == PRECIS_OK)
        st = precis_ctx_set_algorithm(ctx, opts->algorithm);
    if (st == PRECIS_OK && opts->diversity_given)
        st = precis_ctx_set_diversity(ctx, opts->diversity);
    if (st == PRECIS_OK && opts->query != NULL)
        st = precis_ctx_set_query(ctx, opts->query, opts->query_len);
    if (st == PRECIS_OK)
        st = precis_ctx_set_headings(ctx, opts->headings);
    if (st == PRECIS_OK && opts->topics)
        st = precis_ctx_set_threads(ctx, opts->threads);
    if (st != PRECIS_OK) {
        fprintf(stderr, "precis: cannot set up: %s\n",
                ctx ? precis_ctx_error(ctx) : precis_status_str(st));
        precis_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

int cli_read_idf(const char *path, size_t limit, precis_idf *table)
{
    const char *label = strcmp(path, "-") == 0 ? "standard input" : path;
    char *data = NULL;
    size_t len = 0;
    int err = cli_read_file(path, limit, &data, &len);
    if (err == EFBIG) {
        fprintf(stderr, "precis: %s: the idf table is over the limit of %zu bytes; raise it "
                        "with --max-bytes\n",
                label, limit);
        return EXIT_SOME_FAILED;
    }
    if (err != 0) {
        fprintf(stderr, "precis: cannot read '%s': %s\n", label, strerror(err));
        return err == ENOMEM ? EXIT_SOME_FAILED : EXIT_IO;
    }
    size_t bad_line = 0;
    precis_status st = precis_idf_load(table, data, len, &bad_line);
    free(data);
    if (st == PRECIS_ERR_FORMAT && bad_line > 0)
        fprintf(stderr, "precis: %s: line %zu is not a line of an idf table (version 1: '# precis "
                        "idf 1' first, then '# documents N' and 'term<TAB>count' lines, each "
                        "ending with a line feed); make tables with 'precis idf'\n",
                label, bad_line);
    else if (st == PRECIS_ERR_FORMAT)
        fprintf(stderr, "precis: %s: not an idf table (no '# documents' line); make tables with "
                        "'precis idf'\n",
                label);
    else if (st != PRECIS_OK)
        fprintf(stderr, "precis: cannot load '%s': %s\n", label, precis_status_str(st));
    return st == PRECIS_OK ? EXIT_DONE : EXIT_SOME_FAILED;
}

int cli_load_idf(cli_options *opts, precis_idf **table)
{
    *table = NULL;
    if (opts->idf_path == NULL)
        return CLI_CONTINUE;
    if (precis_idf_new(table) != PRECIS_OK) {
        fputs("precis: cannot set up: out of memory\n", stderr);
        return EXIT_SOME_FAILED;
    }
    int status = cli_read_idf(opts->idf_path, opts->max_bytes, *table);
    if (status != EXIT_DONE) {
        precis_idf_free(*table);
        *table = NULL;
        return status;
    }
    opts->idf = *table;
    return CLI_CONTINUE;
}


int cli_load_query(cli_options *opts, char **text)
{
    *text = NULL;
    if (opts->query_file == NULL)
        return CLI_CONTINUE;
    size_t len = 0;
    int err = cli_read_file(opts->query_file, opts->max_bytes, text, &len);
    if (err != 0) {
        fprintf(stderr, "precis: cannot read the query '%s': %s\n", opts->query_file,
                strerror(err));
        return EXIT_IO;
    }
    opts->query = *text != NULL ? *text : "";
    opts->query_len = len;
    return CLI_CONTINUE;
}

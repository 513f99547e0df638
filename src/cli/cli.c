/*
 * cli.c - the precis command: argument parsing, whole-file input, output
 * and exit statuses; the record modes and the idf and digest commands are
 * dispatched from here. It uses nothing but the public API in precis.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "corpus.h"
#include "precis.h"

/* Long options without a short form. */
enum {
    OPT_VERSION = 256,
    OPT_MAX_BYTES,
    OPT_MAX_SENTENCES,
    OPT_JSONL,
    OPT_TSV,
    OPT_TEXT_FIELD,
    OPT_ID_FIELD,
    OPT_KEEP_FIELDS,
    OPT_ERRORS_OK,
    OPT_LINE_BUFFERED,
    OPT_IDF,
    OPT_MERGE,
    OPT_DIVERSITY,
    OPT_ALL,
    OPT_HEADINGS
};

/* Cores to use for -j 0, and the most threads -j takes. */
#define MAX_THREADS 256

static const char usage_text[] =
    "Usage: precis [OPTIONS] [FILE...]\n"
    "       precis split [OPTIONS] [FILE...]\n"
    "       precis digest [OPTIONS] [FILE...]\n"
    "       precis idf [OPTIONS] [FILE...]\n"
    "\n"
    "Summarize each FILE (standard input when there is none, or for '-') by\n"
    "printing its most central sentences in their original order. 'precis split'\n"
    "prints every sentence the summarizer sees instead; 'precis digest' writes one\n"
    "summary of all the documents together; 'precis idf' counts in how many\n"
    "documents each term occurs, for --idf.\n"
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
    "Other options:\n"
    "  -l, --lang CODE     language of the input (ISO 639-1), or 'auto' to detect it\n"
    "                      (the default); --lang list prints the supported codes\n"
    "  -f, --format FMT    text (default), json (indented), jsonl (one line each) or,\n"
    "                      for records, tsv; records default to their input format\n"
    "  -a, --algorithm A   centrality (default), textrank, lexrank, lexrank-continuous\n"
    "                      or lead\n"
    "      --diversity L   redundancy control from 0 (rank order) to 1 (default 0);\n"
    "                      near-duplicates are never printed\n"
    "      --all           list every sentence with its rank and score (files only)\n"
    "      --headings      let headings (title lines) be chosen as sentences\n"
    "      --idf FILE      weigh words with a table made by 'precis idf'\n"
    "      --merge         'precis idf' only: add up the tables given as FILEs\n"
    "      --max-bytes N   refuse documents (records: lines) over N bytes (K, M, G\n"
    "                      suffixes; 0: no limit; default 256M)\n"
    "      --max-sentences N  refuse documents of more than N sentences (0: no limit;\n"
    "                      default 2000000)\n"
    "  -h, --help          print this help and exit\n"
    "      --version       print the version and exit\n"
    "\n"
    "Exit status: 0 all summarized, 1 some input could not be summarized,\n"
    "2 usage error, 3 a file could not be read or the output not written.\n";

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

static void print_languages(FILE *out)
{
    fputs("auto", out);
    for (size_t i = 0; i < precis_language_count(); i++)
        fprintf(out, " %s", precis_language_code(i));
    fputc('\n', out);
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

static int parse_format(const char *arg, int *format)
{
    static const char *const names[] = {"text", "json", "jsonl", "tsv"};
    for (int i = 0; i < 4; i++) {
        if (strcmp(arg, names[i]) == 0) {
            *format = i;
            return 1;
        }
    }
    return 0;
}

/* Options that make no sense together or for the command; returns -1 when
 * all is well, else the exit status after saying why. */
static int check_combinations(cli_options *opts, int records_flag_used, int threads_given,
                              int ranking_flag_used)
{
    int records = opts->input != INPUT_FILES;
    const char *command = opts->command == COMMAND_SPLIT    ? "split"
                          : opts->command == COMMAND_IDF    ? "idf"
                          : opts->command == COMMAND_DIGEST ? "digest"
                                                            : NULL;
    if (opts->command == COMMAND_SPLIT && records) {
        usage_error("--jsonl and --tsv do not apply to 'precis split'");
        return EXIT_USAGE;
    }
    if (records_flag_used && opts->input != INPUT_JSONL) {
        usage_error("--text-field, --id-field and --keep-fields apply to --jsonl only");
        return EXIT_USAGE;
    }
    if (threads_given && (!records || command != NULL)) {
        usage_error("-j applies to summarizing records (--jsonl or --tsv) only");
        return EXIT_USAGE;
    }
    if (ranking_flag_used && command != NULL) {
        usage_error("-a, --diversity and --headings do not apply to 'precis %s'", command);
        return EXIT_USAGE;
    }
    if (opts->all && (records || command != NULL)) {
        usage_error("--all applies to summarizing files only");
        return EXIT_USAGE;
    }
    if (opts->merge && opts->command != COMMAND_IDF) {
        usage_error("--merge applies to 'precis idf' only");
        return EXIT_USAGE;
    }
    if (opts->command == COMMAND_IDF &&
        (opts->length_flag != NULL || opts->format != -1 || opts->idf_path != NULL)) {
        usage_error("'precis idf' writes a table: length, --format and --idf do not apply");
        return EXIT_USAGE;
    }
    if (opts->format == FORMAT_TSV && (!records || command != NULL)) {
        usage_error("-f tsv applies to summarizing records (--jsonl or --tsv) only");
        return EXIT_USAGE;
    }
    if (opts->format == FORMAT_JSON && records && command == NULL) {
        usage_error("-f json would spread a record over several lines; use -f jsonl");
        return EXIT_USAGE;
    }
    if (opts->format == -1)
        opts->format = !records || command != NULL  ? FORMAT_TEXT
                       : opts->input == INPUT_JSONL ? FORMAT_JSONL
                                                    : FORMAT_TSV;
    return -1;
}

/* Parses argv into opts; returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, cli_options *opts, int *first_file)
{
    static const struct option longopts[] = {
        {"sentences", required_argument, NULL, 'n'},
        {"ratio", required_argument, NULL, 'r'},
        {"words", required_argument, NULL, 'w'},
        {"chars", required_argument, NULL, 'c'},
        {"lang", required_argument, NULL, 'l'},
        {"format", required_argument, NULL, 'f'},
        {"threads", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
        {"max-sentences", required_argument, NULL, OPT_MAX_SENTENCES},
        {"jsonl", no_argument, NULL, OPT_JSONL},
        {"tsv", no_argument, NULL, OPT_TSV},
        {"text-field", required_argument, NULL, OPT_TEXT_FIELD},
        {"id-field", required_argument, NULL, OPT_ID_FIELD},
        {"keep-fields", optional_argument, NULL, OPT_KEEP_FIELDS},
        {"errors-ok", no_argument, NULL, OPT_ERRORS_OK},
        {"line-buffered", no_argument, NULL, OPT_LINE_BUFFERED},
        {"idf", required_argument, NULL, OPT_IDF},
        {"merge", no_argument, NULL, OPT_MERGE},
        {"algorithm", required_argument, NULL, 'a'},
        {"diversity", required_argument, NULL, OPT_DIVERSITY},
        {"all", no_argument, NULL, OPT_ALL},
        {"headings", no_argument, NULL, OPT_HEADINGS},
        {NULL, 0, NULL, 0},
    };
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
    int start = 1;
    static const char *const commands[] = {"split", "idf", "digest"};
    static const int command_ids[] = {COMMAND_SPLIT, COMMAND_IDF, COMMAND_DIGEST};
    for (int i = 0; argc > 1 && i < 3; i++) {
        if (strcmp(argv[1], commands[i]) == 0) {
            opts->command = command_ids[i];
            start = 2;
        }
    }
    /* getopt_long scans from optind; argv[0] stands in for the program
     * name, so the subcommand is skipped by pointing past it. */
    argv[start - 1] = argv[0];
    argc -= start - 1;
    argv += start - 1;
    opterr = 0;
    optind = 1;
    int records_flag_used = 0, threads_given = 0, ranking_flag_used = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":n:r:w:c:l:f:j:a:qh", longopts, NULL)) != -1) {
        precis_length_unit unit = PRECIS_LENGTH_SENTENCES;
        const char *flag = NULL;
        int ok = 1;
        double value = 0.0;
        switch (c) {
        case 'n':
            unit = PRECIS_LENGTH_SENTENCES, flag = "--sentences";
            ok = parse_count(optarg, &value);
            break;
        case 'w':
            unit = PRECIS_LENGTH_WORDS, flag = "--words";
            ok = parse_count(optarg, &value);
            break;
        case 'c':
            unit = PRECIS_LENGTH_CHARS, flag = "--chars";
            ok = parse_count(optarg, &value);
            break;
        case 'r':
            unit = PRECIS_LENGTH_RATIO, flag = "--ratio";
            ok = parse_ratio(optarg, &value);
            break;
        case 'l':
            if (strcmp(optarg, "list") == 0) {
                print_languages(stdout);
                return EXIT_DONE;
            }
            if (!language_known(optarg)) {
                fprintf(stderr, "precis: unknown language '%s'; supported: ", optarg);
                print_languages(stderr);
                fputs("Try 'precis --help' for more information.\n", stderr);
                return EXIT_USAGE;
            }
            opts->lang = optarg;
            continue;
        case 'f':
            if (!parse_format(optarg, &opts->format)) {
                usage_error("unknown format '%s' (expected text, json, jsonl or tsv)", optarg);
                return EXIT_USAGE;
            }
            continue;
        case 'j':
            if (!parse_threads(optarg, &opts->threads)) {
                usage_error("invalid value '%s' for --threads: expected a whole number from 0 "
                            "(one thread per core) to %d",
                            optarg, MAX_THREADS);
                return EXIT_USAGE;
            }
            threads_given = 1;
            continue;
        case 'q':
            opts->quiet = 1;
            continue;
        case 'a':
            ranking_flag_used = 1;
            if (precis_algorithm_find(optarg, &opts->algorithm) != PRECIS_OK) {
                usage_error("unknown algorithm '%s' (expected centrality, textrank, lexrank, "
                            "lexrank-continuous or lead)",
                            optarg);
                return EXIT_USAGE;
            }
            continue;
        case OPT_DIVERSITY:
            ranking_flag_used = 1;
            if (!parse_fraction(optarg, &opts->diversity)) {
                usage_error("invalid value '%s' for --diversity: expected a number from 0 to 1",
                            optarg);
                return EXIT_USAGE;
            }
            continue;
        case OPT_ALL:
            opts->all = 1;
            continue;
        case OPT_HEADINGS:
            ranking_flag_used = 1;
            opts->headings = 1;
            continue;
        case 'h':
            fputs(usage_text, stdout);
            return EXIT_DONE;
        case OPT_VERSION:
            printf("precis %s\n", precis_version_string());
            return EXIT_DONE;
        case OPT_MAX_BYTES:
        case OPT_MAX_SENTENCES:
            if (!parse_size(optarg, c == OPT_MAX_BYTES ? &opts->max_bytes : &opts->max_sentences)) {
                usage_error("invalid value '%s' for %s: expected a whole number (0 for no limit)%s",
                            optarg, c == OPT_MAX_BYTES ? "--max-bytes" : "--max-sentences",
                            c == OPT_MAX_BYTES ? ", optionally with K, M or G" : "");
                return EXIT_USAGE;
            }
            continue;
        case OPT_JSONL:
        case OPT_TSV:
            opts->input = c == OPT_JSONL ? INPUT_JSONL : INPUT_TSV;
            continue;
        case OPT_TEXT_FIELD:
        case OPT_ID_FIELD:
            if (*optarg == '\0') {
                usage_error("%s needs a field name", argv[optind - 1]);
                return EXIT_USAGE;
            }
            *(c == OPT_TEXT_FIELD ? &opts->text_field : &opts->id_field) = optarg;
            records_flag_used = 1;
            continue;
        case OPT_KEEP_FIELDS:
            opts->keep_fields = 1;
            opts->keep_list = optarg;
            records_flag_used = 1;
            continue;
        case OPT_ERRORS_OK:
            opts->errors_ok = 1;
            continue;
        case OPT_LINE_BUFFERED:
            opts->line_buffered = 1;
            continue;
        case OPT_IDF:
            opts->idf_path = optarg;
            continue;
        case OPT_MERGE:
            opts->merge = 1;
            continue;
        case ':':
            usage_error("option '%s' needs a value", argv[optind - 1]);
            return EXIT_USAGE;
        default:
            if (optopt != 0 && optopt < 256)
                usage_error("unknown option '-%c'", optopt);
            else
                usage_error("unknown option '%s'", argv[optind - 1]);
            return EXIT_USAGE;
        }
        if (!ok) {
            if (unit == PRECIS_LENGTH_RATIO)
                usage_error("invalid value '%s' for %s: expected a number above 0 and at most 1, "
                            "or a percentage such as 20%%",
                            optarg, flag);
            else
                usage_error("invalid value '%s' for %s: expected a whole number of at least 1",
                            optarg, flag);
            return EXIT_USAGE;
        }
        if (opts->command == COMMAND_SPLIT) {
            usage_error("%s does not apply to 'precis split', which prints every sentence", flag);
            return EXIT_USAGE;
        }
        if (opts->length_flag != NULL && strcmp(opts->length_flag, flag) != 0) {
            usage_error("%s and %s cannot be used together: choose one length", opts->length_flag,
                        flag);
            return EXIT_USAGE;
        }
        opts->length_flag = flag;
        opts->unit = unit;
        opts->value = value;
    }
    *first_file = optind + start - 1;
    return check_combinations(opts, records_flag_used, threads_given, ranking_flag_used);
}

/* ------------------------------------------------------------------ */
/* Input and output                                                   */

/* Reads all of f into *data (malloc'd, not NUL-terminated). Stops with
 * EFBIG as soon as more than limit bytes (0: no limit) have come in, so
 * that an oversized input is refused without being held in memory. */
static int read_all(FILE *f, size_t limit, char **data, size_t *len)
{
    size_t cap = 1 << 16, used = 0;
    char *buf = malloc(cap);
    if (buf == NULL)
        return ENOMEM;
    for (;;) {
        if (used == cap) {
            if (cap > SIZE_MAX / 2) {
                free(buf);
                return ENOMEM;
            }
            char *grown = realloc(buf, cap * 2);
            if (grown == NULL) {
                free(buf);
                return ENOMEM;
            }
            buf = grown;
            cap *= 2;
        }
        size_t got = fread(buf + used, 1, cap - used, f);
        used += got;
        if (limit != 0 && used > limit) {
            free(buf);
            return EFBIG;
        }
        if (got == 0) {
            if (ferror(f)) {
                int err = errno ? errno : EIO;
                free(buf);
                return err;
            }
            break;
        }
    }
    *data = buf;
    *len = used;
    return 0;
}

int cli_write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t done = write(fd, data, len);
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0)
            return done < 0 ? errno : EIO;
        data += done;
        len -= (size_t)done;
    }
    return 0;
}

int cli_write_failed(int err)
{
    if (err == EPIPE)
        return EXIT_DONE;
    fprintf(stderr, "precis: cannot write the output: %s\n", strerror(err));
    return EXIT_IO;
}

int cli_worse_status(int a, int b)
{
    if (a == EXIT_IO || b == EXIT_IO)
        return EXIT_IO;
    return a == EXIT_SOME_FAILED || b == EXIT_SOME_FAILED ? EXIT_SOME_FAILED : EXIT_DONE;
}

precis_ctx *cli_new_context(const cli_options *opts)
{
    precis_ctx *ctx = NULL;
    precis_status st = precis_ctx_new(&ctx);
    if (st == PRECIS_OK)
        st = precis_ctx_set_language(ctx, opts->lang);
    if (st == PRECIS_OK)
        st = precis_ctx_set_limits(ctx, opts->max_bytes, opts->max_sentences);
    if (st == PRECIS_OK && opts->command != COMMAND_SPLIT && opts->command != COMMAND_IDF)
        st = precis_ctx_set_length(ctx, opts->unit, opts->value);
    if (st == PRECIS_OK)
        st = precis_ctx_set_idf(ctx, opts->idf);
    if (st == PRECIS_OK)
        st = precis_ctx_set_algorithm(ctx, opts->algorithm);
    if (st == PRECIS_OK)
        st = precis_ctx_set_diversity(ctx, opts->diversity);
    if (st == PRECIS_OK)
        st = precis_ctx_set_headings(ctx, opts->headings);
    if (st != PRECIS_OK) {
        fprintf(stderr, "precis: cannot set up: %s\n",
                ctx ? precis_ctx_error(ctx) : precis_status_str(st));
        precis_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

int cli_read_file(const char *path, size_t limit, char **data, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL)
        return errno;
    int err = read_all(f, limit, data, len);
    if (f != stdin)
        fclose(f);
    return err;
}

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
    precis_buffer out;
    int status;
    int documents; /* printed so far */
    int headers;   /* several inputs: print ==> NAME <== headers */
} run_state;

static void raise_status(run_state *run, int status)
{
    run->status = cli_worse_status(run->status, status);
}

static void process(run_state *run, const char *name, const char *label, const char *text,
                    size_t len)
{
    precis_result *res = NULL;
    precis_status st = run->opts->command == COMMAND_SPLIT
                           ? precis_split(run->ctx, text, len, &res)
                           : precis_summarize(run->ctx, text, len, &res);
    if (st != PRECIS_OK) {
        fprintf(stderr, "precis: %s: %s%s\n", label, precis_ctx_error(run->ctx),
                st == PRECIS_ERR_TOO_LARGE ? "; see --max-bytes and --max-sentences" : "");
        raise_status(run, EXIT_SOME_FAILED);
        return;
    }
    run->out.len = 0;
    if (run->headers && run->opts->format == FORMAT_TEXT)
        raise_status(run, write_out(run->documents > 0 ? "\n==> " : "==> ",
                                    run->documents > 0 ? 5 : 4));
    if (run->headers && run->opts->format == FORMAT_TEXT) {
        raise_status(run, write_out(label, strlen(label)));
        raise_status(run, write_out(" <==\n", 5));
    }
    st = run->opts->all && run->opts->command == COMMAND_SUMMARIZE
             ? precis_render_ranking(res, text, len, (precis_format)run->opts->format, name,
                                     &run->out)
             : precis_render(res, text, len, (precis_format)run->opts->format, name, &run->out);
    precis_result_free(res);
    run->documents++;
    if (st != PRECIS_OK) {
        fprintf(stderr, "precis: %s: cannot render the result: %s\n", label,
                precis_status_str(st));
        raise_status(run, EXIT_SOME_FAILED);
        return;
    }
    raise_status(run, write_out(run->out.data, run->out.len));
}

static void process_file(run_state *run, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *label = is_stdin ? "standard input" : path;
    char *text = NULL;
    size_t len = 0;
    int err = cli_read_file(path, run->opts->max_bytes, &text, &len);
    if (err == EFBIG) {
        fprintf(stderr, "precis: %s: the input is over the limit of %zu bytes; raise it with "
                        "--max-bytes\n",
                label, run->opts->max_bytes);
        raise_status(run, EXIT_SOME_FAILED);
        return;
    }
    if (err != 0) {
        fprintf(stderr, "precis: cannot %s '%s': %s\n", is_stdin || err == EISDIR ? "read" : "open",
                label, strerror(err));
        raise_status(run, err == ENOMEM ? EXIT_SOME_FAILED : EXIT_IO);
        return;
    }
    process(run, is_stdin ? "-" : path, label, text, len);
    free(text);
}

static int run_files(const cli_options *opts, char **files, int nfiles)
{
    run_state run = {opts, cli_new_context(opts), {0}, EXIT_DONE, 0, nfiles > 1};
    if (run.ctx == NULL)
        return EXIT_SOME_FAILED;
    if (nfiles == 0)
        process_file(&run, "-");
    for (int i = 0; i < nfiles; i++)
        process_file(&run, files[i]);
    if (fflush(stdout) != 0)
        raise_status(&run, errno == EPIPE ? EXIT_DONE : cli_write_failed(errno));
    precis_buffer_free(&run.out);
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
    while (ready < opts->threads && record_worker_init(&workers[ready], opts) == 0)
        ready++;
    int status = ready == opts->threads ? EXIT_DONE : EXIT_SOME_FAILED;
    progress prog;
    progress_init(&prog, opts->quiet, "records");
    batch_totals totals = {0, 0};
    int inputs = ready == opts->threads ? (nfiles > 0 ? nfiles : 1) : 0;
    for (int i = 0; i < inputs && !totals.pipe_closed; i++) {
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
    if (!totals.pipe_closed)
        progress_finish(&prog);
    for (size_t i = 0; i < ready; i++)
        record_worker_free(&workers[i]);
    free(workers);
    if (totals.errors > 0)
        status = cli_worse_status(status, EXIT_SOME_FAILED);
    return status;
}

/* Loads the --idf table; returns -1 when all is well, else the exit
 * status after saying why. */
static int load_idf(cli_options *opts, precis_idf **table)
{
    *table = NULL;
    if (opts->idf_path == NULL)
        return -1;
    char *data = NULL;
    size_t len = 0;
    int err = cli_read_file(opts->idf_path, 0, &data, &len);
    if (err != 0) {
        fprintf(stderr, "precis: cannot read '%s': %s\n", opts->idf_path, strerror(err));
        return EXIT_IO;
    }
    size_t bad_line = 0;
    precis_status st = precis_idf_new(table);
    if (st == PRECIS_OK)
        st = precis_idf_load(*table, data, len, &bad_line);
    free(data);
    if (st != PRECIS_OK) {
        if (st == PRECIS_ERR_FORMAT && bad_line > 0)
            fprintf(stderr, "precis: %s: line %zu is not a 'term<TAB>count' line; make tables "
                            "with 'precis idf'\n",
                    opts->idf_path, bad_line);
        else if (st == PRECIS_ERR_FORMAT)
            fprintf(stderr, "precis: %s: not an idf table (no '# documents' line); make tables "
                            "with 'precis idf'\n",
                    opts->idf_path);
        else
            fprintf(stderr, "precis: cannot load '%s': %s\n", opts->idf_path,
                    precis_status_str(st));
        precis_idf_free(*table);
        *table = NULL;
        return st == PRECIS_ERR_FORMAT ? EXIT_USAGE : EXIT_SOME_FAILED;
    }
    opts->idf = *table;
    return -1;
}

int precis_cli_main(int argc, char **argv)
{
    cli_options opts;
    int first_file = 1;
    int status = parse_args(argc, argv, &opts, &first_file);
    if (status >= 0)
        return status;

    /* Write errors come back as EPIPE instead of killing the process, so
     * that a closed pipe can end the run quietly. */
    signal(SIGPIPE, SIG_IGN);

    precis_idf *table;
    if ((status = load_idf(&opts, &table)) >= 0)
        return status;
    char **files = argv + first_file;
    int nfiles = argc - first_file;
    if (opts.command == COMMAND_IDF)
        status = corpus_idf(&opts, files, nfiles);
    else if (opts.command == COMMAND_DIGEST)
        status = corpus_digest(&opts, files, nfiles);
    else if (opts.input != INPUT_FILES)
        status = run_records(&opts, files, nfiles);
    else
        status = run_files(&opts, files, nfiles);
    precis_idf_free(table);
    if (opts.errors_ok && status == EXIT_SOME_FAILED)
        status = EXIT_DONE;
    return status;
}

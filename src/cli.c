/*
 * cli.c - the precis command: argument parsing, input, output and exit
 * statuses. It uses nothing but the public API in precis.h.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "precis.h"

enum {
    EXIT_DONE = 0,
    EXIT_SOME_FAILED = 1,
    EXIT_USAGE = 2,
    EXIT_IO = 3
};

enum { MODE_SUMMARIZE, MODE_SPLIT };

/* Long options without a short form. */
enum { OPT_VERSION = 256, OPT_MAX_BYTES, OPT_MAX_SENTENCES, OPT_DIVERSITY, OPT_ALL, OPT_HEADINGS };

typedef struct options {
    int mode;
    precis_length_unit unit;
    double value;
    const char *length_flag; /* the length flag given, NULL for the default */
    const char *lang;
    precis_format format;
    size_t max_bytes;
    size_t max_sentences;
    precis_algorithm algorithm;
    double diversity;
    int all;      /* --all: list every sentence with its score and rank */
    int headings; /* --headings: headings may be chosen */
} options;

static const char usage_text[] =
    "Usage: precis [OPTIONS] [FILE...]\n"
    "       precis split [OPTIONS] [FILE...]\n"
    "\n"
    "Summarize each FILE (standard input when there is none, or for '-') by\n"
    "printing its most central sentences in their original order. 'precis split'\n"
    "prints every sentence the summarizer sees instead.\n"
    "\n"
    "Length (at most one; default -n 3):\n"
    "  -n, --sentences N   N sentences\n"
    "  -r, --ratio R       a fraction of the sentences, 0 < R <= 1 (or a percentage: 20%)\n"
    "  -w, --words N       at most N words in total\n"
    "  -c, --chars N       at most N characters (code points) in total\n"
    "\n"
    "Other options:\n"
    "  -l, --lang CODE     language of the input (ISO 639-1), or 'auto' to detect it\n"
    "                      (the default); --lang list prints the supported codes\n"
    "  -f, --format FMT    text (default), json (indented) or jsonl (one line each)\n"
    "  -a, --algorithm A   centrality (default), textrank, lexrank, lexrank-continuous\n"
    "                      or lead\n"
    "      --diversity L   redundancy control from 0 (rank order) to 1 (default 0);\n"
    "                      near-duplicates are never printed\n"
    "      --all           list every sentence with its rank and score\n"
    "      --headings      let headings (title lines) be chosen as sentences\n"
    "      --max-bytes N   refuse documents over N bytes (K, M, G suffixes; 0: no limit;\n"
    "                      default 256M)\n"
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

/* Parses argv into opts; returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, options *opts, int *first_file)
{
    static const struct option longopts[] = {
        {"sentences", required_argument, NULL, 'n'},
        {"ratio", required_argument, NULL, 'r'},
        {"words", required_argument, NULL, 'w'},
        {"chars", required_argument, NULL, 'c'},
        {"lang", required_argument, NULL, 'l'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
        {"max-sentences", required_argument, NULL, OPT_MAX_SENTENCES},
        {"algorithm", required_argument, NULL, 'a'},
        {"diversity", required_argument, NULL, OPT_DIVERSITY},
        {"all", no_argument, NULL, OPT_ALL},
        {"headings", no_argument, NULL, OPT_HEADINGS},
        {NULL, 0, NULL, 0},
    };
    *opts = (options){MODE_SUMMARIZE,      PRECIS_LENGTH_SENTENCES,     3.0, NULL, "auto",
                      PRECIS_FORMAT_TEXT, PRECIS_DEFAULT_MAX_BYTES, PRECIS_DEFAULT_MAX_SENTENCES,
                      PRECIS_DEFAULT_ALGORITHM, PRECIS_DEFAULT_DIVERSITY, 0, 0};
    int start = 1;
    if (argc > 1 && strcmp(argv[1], "split") == 0) {
        opts->mode = MODE_SPLIT;
        start = 2;
    }
    /* getopt_long scans from optind; argv[0] stands in for the program
     * name, so the subcommand is skipped by pointing past it. */
    argv[start - 1] = argv[0];
    argc -= start - 1;
    argv += start - 1;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":n:r:w:c:l:f:a:h", longopts, NULL)) != -1) {
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
            if (strcmp(optarg, "text") == 0) {
                opts->format = PRECIS_FORMAT_TEXT;
            } else if (strcmp(optarg, "json") == 0) {
                opts->format = PRECIS_FORMAT_JSON;
            } else if (strcmp(optarg, "jsonl") == 0) {
                opts->format = PRECIS_FORMAT_JSONL;
            } else {
                usage_error("unknown format '%s' (expected text, json or jsonl)", optarg);
                return EXIT_USAGE;
            }
            continue;
        case 'a':
            if (precis_algorithm_find(optarg, &opts->algorithm) != PRECIS_OK) {
                usage_error("unknown algorithm '%s' (expected centrality, textrank, lexrank, "
                            "lexrank-continuous or lead)",
                            optarg);
                return EXIT_USAGE;
            }
            continue;
        case OPT_DIVERSITY:
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
        if (opts->mode == MODE_SPLIT) {
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
    return -1;
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

/* After a failed write: a closed pipe ends the program quietly; any other
 * failure is an I/O error. */
static int write_failed(void)
{
    if (errno == EPIPE)
        exit(EXIT_DONE);
    fprintf(stderr, "precis: cannot write the output: %s\n", strerror(errno));
    return EXIT_IO;
}

static int write_out(const char *data, size_t len)
{
    if (len == 0 || fwrite(data, 1, len, stdout) == len)
        return EXIT_DONE;
    return write_failed();
}

typedef struct run_state {
    const options *opts;
    precis_ctx *ctx;
    precis_buffer out;
    int status;
    int documents; /* printed so far */
    int headers;   /* several inputs: print ==> NAME <== headers */
} run_state;

static void raise_status(run_state *run, int status)
{
    /* An I/O error outranks a failed document, which outranks success. */
    if (status == EXIT_IO || (status == EXIT_SOME_FAILED && run->status == EXIT_DONE))
        run->status = status;
}

static void process(run_state *run, const char *name, const char *label, const char *text,
                    size_t len)
{
    precis_result *res = NULL;
    precis_status st = run->opts->mode == MODE_SPLIT ? precis_split(run->ctx, text, len, &res)
                                                     : precis_summarize(run->ctx, text, len, &res);
    if (st != PRECIS_OK) {
        fprintf(stderr, "precis: %s: %s%s\n", label, precis_ctx_error(run->ctx),
                st == PRECIS_ERR_TOO_LARGE ? "; see --max-bytes and --max-sentences" : "");
        raise_status(run, EXIT_SOME_FAILED);
        return;
    }
    run->out.len = 0;
    if (run->headers && run->opts->format == PRECIS_FORMAT_TEXT &&
        fprintf(stdout, "%s==> %s <==\n", run->documents > 0 ? "\n" : "", label) < 0)
        raise_status(run, write_failed());
    st = run->opts->all && run->opts->mode == MODE_SUMMARIZE
             ? precis_render_ranking(res, text, len, run->opts->format, name, &run->out)
             : precis_render(res, text, len, run->opts->format, name, &run->out);
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
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "precis: cannot open '%s': %s\n", path, strerror(errno));
        raise_status(run, EXIT_IO);
        return;
    }
    char *text = NULL;
    size_t len = 0;
    int err = read_all(f, run->opts->max_bytes, &text, &len);
    if (!is_stdin)
        fclose(f);
    if (err == EFBIG) {
        fprintf(stderr, "precis: %s: the input is over the limit of %zu bytes; raise it with "
                        "--max-bytes\n",
                label, run->opts->max_bytes);
        raise_status(run, EXIT_SOME_FAILED);
        return;
    }
    if (err != 0) {
        fprintf(stderr, "precis: cannot read '%s': %s\n", label, strerror(err));
        raise_status(run, err == ENOMEM ? EXIT_SOME_FAILED : EXIT_IO);
        return;
    }
    process(run, is_stdin ? "-" : path, label, text, len);
    free(text);
}

int precis_cli_main(int argc, char **argv)
{
    options opts;
    int first_file = 1;
    int status = parse_args(argc, argv, &opts, &first_file);
    if (status >= 0)
        return status;

    /* Write errors come back as EPIPE instead of killing the process, so
     * that a closed pipe can end the run quietly. */
    signal(SIGPIPE, SIG_IGN);

    run_state run = {&opts, NULL, {0}, EXIT_DONE, 0, argc - first_file > 1};
    precis_status st = precis_ctx_new(&run.ctx);
    if (st == PRECIS_OK)
        st = precis_ctx_set_language(run.ctx, opts.lang);
    if (st == PRECIS_OK)
        st = precis_ctx_set_limits(run.ctx, opts.max_bytes, opts.max_sentences);
    if (st == PRECIS_OK && opts.mode == MODE_SUMMARIZE)
        st = precis_ctx_set_length(run.ctx, opts.unit, opts.value);
    if (st == PRECIS_OK)
        st = precis_ctx_set_algorithm(run.ctx, opts.algorithm);
    if (st == PRECIS_OK)
        st = precis_ctx_set_diversity(run.ctx, opts.diversity);
    if (st == PRECIS_OK)
        st = precis_ctx_set_headings(run.ctx, opts.headings);
    if (st != PRECIS_OK) {
        fprintf(stderr, "precis: cannot set up: %s\n",
                run.ctx ? precis_ctx_error(run.ctx) : precis_status_str(st));
        precis_ctx_free(run.ctx);
        return EXIT_SOME_FAILED;
    }
    if (first_file >= argc)
        process_file(&run, "-");
    for (int i = first_file; i < argc; i++)
        process_file(&run, argv[i]);

    if (fflush(stdout) != 0)
        raise_status(&run, write_failed());
    precis_buffer_free(&run.out);
    precis_ctx_free(run.ctx);
    return run.status;
}

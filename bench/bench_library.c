/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_library.c - throughput of the library on a set of documents.
 *
 * Loads every input file into memory first, then summarizes all of them
 * (or, with -k, finds their keyphrases) with one reused precis_ctx and
 * renders each result as text into one reused precis_buffer, ROUNDS times
 * over. Prints documents per second,
 * MB/s (10^6 input bytes per second) for every round and their median,
 * the peak resident set size, and a checksum of the rendered output so
 * that the work cannot be optimized away and every round can be checked
 * to give the same bytes.
 *
 * It uses the public API (precis.h) only, as any client would.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "precis.h"

static const char usage_text[] =
    "Usage: bench_library [OPTIONS] FILE...\n"
    "\n"
    "Summarize every FILE (plain text) with one reused context and print\n"
    "documents/s, MB/s and peak RSS. The files are read into memory first.\n"
    "\n"
    "  -n N          sentences per summary, or keyphrases with -k (default 3)\n"
    "  -k            keyphrases (precis_keywords) instead of summaries\n"
    "  -l CODE       language code or 'auto' (default auto, as the CLI)\n"
    "  -r ROUNDS     summarize the whole set this many times (default 5)\n"
    "  -L LISTFILE   also read file names from LISTFILE, one a line\n"
    "  -m            machine-readable: print one line of key=value pairs\n"
    "  -h            print this help\n";

typedef struct document {
    const char *path;
    char *text;
    size_t len;
} document;

typedef struct doc_list {
    document *docs;
    size_t count;
    size_t cap;
    size_t bytes;
} doc_list;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Peak resident set size of this process in KiB (Linux reports KiB). */
static long peak_rss_kib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return ru.ru_maxrss;
}

/* Reads the whole of path into a malloc'd buffer; returns an errno value. */
static int read_file(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return errno;
    size_t cap = 1 << 14, used = 0;
    char *buf = malloc(cap);
    int err = buf == NULL ? ENOMEM : 0;
    while (err == 0) {
        if (used == cap) {
            char *grown = cap <= SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
            if (grown == NULL) {
                err = ENOMEM;
                break;
            }
            buf = grown;
            cap *= 2;
        }
        size_t got = fread(buf + used, 1, cap - used, f);
        used += got;
        if (got == 0) {
            if (ferror(f))
                err = errno ? errno : EIO;
            break;
        }
    }
    fclose(f);
    if (err != 0) {
        free(buf);
        return err;
    }
    *data = buf;
    *len = used;
    return 0;
}

static int add_document(doc_list *list, const char *path)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        document *grown = realloc(list->docs, cap * sizeof *grown);
        if (grown == NULL) {
            fprintf(stderr, "bench_library: out of memory\n");
            return 0;
        }
        list->docs = grown;
        list->cap = cap;
    }
    document *d = &list->docs[list->count];
    int err = read_file(path, &d->text, &d->len);
    if (err != 0) {
        fprintf(stderr, "bench_library: cannot read '%s': %s\n", path, strerror(err));
        return 0;
    }
    d->path = path;
    list->count++;
    list->bytes += d->len;
    return 1;
}

/* Adds every file named in listfile, one name a line. The names are kept
 * for error messages, so they are never freed. */
static int add_list(doc_list *list, const char *listfile)
{
    char *names;
    size_t len;
    int err = read_file(listfile, &names, &len);
    if (err != 0) {
        fprintf(stderr, "bench_library: cannot read '%s': %s\n", listfile, strerror(err));
        return 0;
    }
    char *terminated = realloc(names, len + 1);
    if (terminated == NULL) {
        free(names);
        fprintf(stderr, "bench_library: out of memory\n");
        return 0;
    }
    names = terminated;
    names[len] = '\0';
    for (char *line = names; line < names + len;) {
        char *nl = strchr(line, '\n');
        if (nl != NULL)
            *nl = '\0';
        size_t n = strlen(line);
        if (n > 0 && line[n - 1] == '\r')
            line[--n] = '\0';
        if (n > 0 && !add_document(list, line))
            return 0;
        if (nl == NULL)
            break;
        line = nl + 1;
    }
    return 1;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* FNV-1a, 64 bits. */
static uint64_t fnv1a(uint64_t h, const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)data[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

typedef struct round_stats {
    double seconds;
    size_t rendered; /* bytes of text output */
    size_t chosen;   /* sentences in the summaries, or keyphrases */
    uint64_t hash;   /* of the rendered output */
    size_t failed;
} round_stats;

/* One document summarized (or its keyphrases found) and rendered into out;
 * adds what it chose to *chosen. */
static precis_status run_one(precis_ctx *ctx, const document *d, int keywords,
                             precis_buffer *out, size_t *chosen)
{
    precis_buffer_clear(out);
    precis_status s;
    if (keywords) {
        precis_keyword_list *list = NULL;
        s = precis_keywords(ctx, d->text, d->len, &list);
        if (s == PRECIS_OK) {
            s = precis_render_keywords(list, PRECIS_FORMAT_TEXT, NULL, out);
            *chosen += precis_keyword_list_count(list);
        }
        precis_keyword_list_free(list);
        return s;
    }
    precis_result *res = NULL;
    s = precis_summarize(ctx, d->text, d->len, &res);
    if (s == PRECIS_OK) {
        s = precis_render(res, d->text, d->len, PRECIS_FORMAT_TEXT, NULL, out);
        *chosen += precis_result_summary_count(res);
    }
    precis_result_free(res);
    return s;
}

static void run_round(precis_ctx *ctx, const doc_list *list, int keywords, precis_buffer *out,
                      round_stats *st)
{
    *st = (round_stats){0.0, 0, 0, UINT64_C(14695981039346656037), 0};
    double t0 = now_seconds();
    for (size_t i = 0; i < list->count; i++) {
        const document *d = &list->docs[i];
        precis_status s = run_one(ctx, d, keywords, out, &st->chosen);
        if (s != PRECIS_OK) {
            st->failed++;
            fprintf(stderr, "bench_library: %s: %s\n", d->path, precis_ctx_error(ctx));
            continue;
        }
        st->rendered += precis_buffer_length(out);
        st->hash = fnv1a(st->hash, precis_buffer_data(out), precis_buffer_length(out));
    }
    st->seconds = now_seconds() - t0;
}

static int parse_uint(const char *arg, unsigned long *value)
{
    if (arg == NULL || *arg < '0' || *arg > '9')
        return 0;
    char *end;
    errno = 0;
    unsigned long v = strtoul(arg, &end, 10);
    if (errno != 0 || *end != '\0' || v == 0 || v > 1000000)
        return 0;
    *value = v;
    return 1;
}

int main(int argc, char **argv)
{
    unsigned long sentences = 3, rounds = 5;
    const char *lang = "auto";
    int machine = 0, keywords = 0;
    doc_list list = {0};
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(opt, "-h") == 0 || strcmp(opt, "--help") == 0) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (strcmp(opt, "-m") == 0) {
            machine = 1;
            continue;
        }
        if (strcmp(opt, "-k") == 0) {
            keywords = 1;
            continue;
        }
        const char *arg = i + 1 < argc ? argv[i + 1] : NULL;
        int ok;
        if (strcmp(opt, "-n") == 0)
            ok = parse_uint(arg, &sentences);
        else if (strcmp(opt, "-r") == 0)
            ok = parse_uint(arg, &rounds);
        else if (strcmp(opt, "-l") == 0)
            ok = arg != NULL, lang = arg;
        else if (strcmp(opt, "-L") == 0)
            ok = arg != NULL && add_list(&list, arg);
        else {
            fprintf(stderr, "bench_library: unknown option '%s'\n%s", opt, usage_text);
            return 2;
        }
        if (!ok) {
            if (strcmp(opt, "-L") != 0 || arg == NULL)
                fprintf(stderr, "bench_library: option '%s' needs a valid value\n", opt);
            return 2;
        }
        i++;
    }
    for (; i < argc; i++)
        if (!add_document(&list, argv[i]))
            return 3;
    if (list.count == 0) {
        fprintf(stderr, "bench_library: no input files\n%s", usage_text);
        return 2;
    }
    long rss_loaded = peak_rss_kib();

    precis_ctx *ctx = NULL;
    precis_status s = precis_ctx_new(&ctx);
    if (s == PRECIS_OK)
        s = precis_ctx_set_language(ctx, lang);
    if (s == PRECIS_OK)
        s = keywords ? precis_ctx_set_keyword_count(ctx, sentences)
                     : precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, (double)sentences);
    if (s != PRECIS_OK) {
        fprintf(stderr, "bench_library: cannot set up: %s\n",
                ctx ? precis_ctx_error(ctx) : precis_status_str(s));
        precis_ctx_free(ctx);
        return 1;
    }

    precis_buffer *out = NULL;
    if (precis_buffer_new(&out) != PRECIS_OK) {
        fprintf(stderr, "bench_library: out of memory\n");
        return 1;
    }
    double *seconds = malloc(rounds * sizeof *seconds);
    if (seconds == NULL) {
        fprintf(stderr, "bench_library: out of memory\n");
        return 1;
    }
    double mb = (double)list.bytes / 1e6;
    round_stats first = {0}, st;
    int mismatch = 0;
    if (!machine) {
        printf("bench_library: %zu documents, %.3f MB, %s -n %lu, language %s, one context\n",
               list.count, mb, keywords ? "keyphrases" : "summaries", sentences, lang);
        printf("%-7s %10s %10s %8s\n", "round", "seconds", "docs/s", "MB/s");
    }
    for (unsigned long r = 0; r < rounds; r++) {
        run_round(ctx, &list, keywords, out, &st);
        if (r == 0)
            first = st;
        else if (st.hash != first.hash || st.rendered != first.rendered ||
                 st.failed != first.failed)
            mismatch = 1;
        seconds[r] = st.seconds;
        if (!machine)
            printf("%-7lu %10.4f %10.1f %8.2f\n", r + 1, st.seconds,
                   (double)list.count / st.seconds, mb / st.seconds);
    }
    long rss_end = peak_rss_kib();
    qsort(seconds, rounds, sizeof *seconds, compare_double);
    double median = rounds % 2 ? seconds[rounds / 2]
                               : (seconds[rounds / 2 - 1] + seconds[rounds / 2]) / 2.0;
    double best = seconds[0];

    if (machine) {
        printf("docs=%zu bytes=%zu rounds=%lu median_s=%.6f best_s=%.6f "
               "docs_per_s=%.2f mb_per_s=%.4f rss_loaded_kib=%ld rss_peak_kib=%ld "
               "rendered=%zu sentences=%zu failed=%zu checksum=%016llx\n",
               list.count, list.bytes, rounds, median, best, (double)list.count / median,
               mb / median, rss_loaded, rss_end, first.rendered, first.chosen, first.failed,
               (unsigned long long)first.hash);
    } else {
        printf("%-7s %10.4f %10.1f %8.2f\n", "median", median, (double)list.count / median,
               mb / median);
        printf("%-7s %10.4f %10.1f %8.2f\n", "best", best, (double)list.count / best,
               mb / best);
        printf("per document: %.1f us (median round)\n", median / (double)list.count * 1e6);
        printf("peak RSS: %.1f MiB (%.1f MiB after loading the inputs)\n",
               (double)rss_end / 1024.0, (double)rss_loaded / 1024.0);
        printf("checksum: %zu bytes rendered, %zu sentences, fnv1a %016llx%s\n",
               first.rendered, first.chosen, (unsigned long long)first.hash,
               first.failed ? " (some documents failed)" : "");
    }
    if (mismatch)
        fprintf(stderr, "bench_library: the rounds rendered different output\n");

    free(seconds);
    precis_buffer_free(out);
    precis_ctx_free(ctx);
    for (size_t k = 0; k < list.count; k++)
        free(list.docs[k].text);
    free(list.docs);
    return first.failed || mismatch ? 1 : 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_segment.c - sentence splitter throughput, and a check that it stays
 * linear: the same kinds of text at 1 MB and at 10 MB, timed in the same
 * run, so the ratio of their speeds is what matters (1.0 when linear).
 *
 * usage: bench_segment [MEGABYTES]   (default 10)
 */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lang.h"
#include "segment.h"

/* Ordinary prose with the hard cases in it, in several languages. */
static const char *const prose[] = {
    "Dr. Smith met the U.S. envoy at 5 p.m. on Jan. 3. They talked for an hour. ",
    "\"We are not leaving,\" he said. \"Not now. Not ever.\" The crowd cheered. ",
    "Prices rose 2.5% (the most since 2008.) and bonds fell... Analysts were unsurprised. ",
    "1) Open the box 2) Take out the parts 3) Read the manual. ",
    "See www.example.com/setup.html or mail help@example.org. Version 4.2.1 is out!\n",
    "Il neige dans les Alpes.Alors les stations ouvrent. « Enfin ! » dit-il. ",
    "Er kam am 3. Oktober, z. B. mit Ludwig XIV. und Dr. Weber usw. Dann ging er. ",
    "今天下雨了。我们去看《你好！李焕英》吧？「はい。」と彼は言った。",
    "Heading without a period\n\nThe wrapped line goes on\nand on until it ends here.\n\n",
};

typedef struct sample {
    const char *name;
    char *text;
    size_t len;
} sample;

/* Fills buf[0, len) by repeating the given pieces in turn. */
static void fill(char *buf, size_t len, const char *const *pieces, size_t n)
{
    size_t pos = 0, k = 0;
    while (pos < len) {
        size_t piece = strlen(pieces[k]);
        size_t take = piece < len - pos ? piece : len - pos;
        memcpy(buf + pos, pieces[k], take);
        pos += take;
        k = (k + 1) % n;
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Best of five runs, in MB/s: the machine may be busy. */
static double throughput(precis_segmenter *seg, const char *text, size_t len, int lang,
                         size_t *sentences)
{
    double best = 0.0;
    for (int run = 0; run < 5; run++) {
        double start = now();
        if (precis_segment(seg, text, len, lang) != PRECIS_OK) {
            fprintf(stderr, "bench_segment: out of memory\n");
            exit(1);
        }
        double mbps = (double)len / 1e6 / (now() - start);
        if (mbps > best)
            best = mbps;
    }
    *sentences = seg->count;
    return best;
}

int main(int argc, char **argv)
{
    size_t megabytes = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 10;
    if (megabytes < 2)
        megabytes = 2;
    size_t big = megabytes * 1000 * 1000, small = big / 10;
    static const char *const one_word[] = {"x"};
    static const char *const dots[] = {". "};
    static const char *const opens[] = {"(\u201c\u00ab"};
    static const char *const abbreviations[] = {"U.S. e.g. Mr. "};
    static const char *const lists[] = {"1) a "};
    const struct {
        const char *name;
        const char *const *pieces;
        size_t n;
    } kinds[] = {
        {"prose", prose, sizeof prose / sizeof prose[0]},
        {"one huge word", one_word, 1},
        {"periods only", dots, 1},
        {"unclosed quotes", opens, 1},
        {"abbreviations only", abbreviations, 1},
        {"list markers", lists, 1},
    };
    char *buf = malloc(big);
    if (buf == NULL) {
        fprintf(stderr, "bench_segment: out of memory\n");
        return 1;
    }
    int lang = precis_lang_find("en");
    precis_segmenter seg = {0};
    printf("%-20s %12s %12s %8s %12s\n", "input", "1/10 size", "full size", "ratio",
           "sentences");
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        size_t n_small, n_big;
        fill(buf, small, kinds[k].pieces, kinds[k].n);
        double small_mbps = throughput(&seg, buf, small, lang, &n_small);
        fill(buf, big, kinds[k].pieces, kinds[k].n);
        double big_mbps = throughput(&seg, buf, big, lang, &n_big);
        printf("%-20s %7.1f MB/s %7.1f MB/s %8.2f %12zu\n", kinds[k].name, small_mbps,
               big_mbps, big_mbps / small_mbps, n_big);
    }
    printf("(%zu MB inputs; ratio = full-size speed / tenth-size speed, 1.0 when linear)\n",
           megabytes);
    precis_segmenter_free(&seg);
    free(buf);
    return 0;
}

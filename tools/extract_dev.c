/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * extract_dev.c - a development tool, not installed: prints the clean text
 * that the HTML reader makes of a page, for score_web.py and for reading
 * what extraction kept, and to time it.
 *
 * usage: extract_dev [--all] [--blocks] [--debug] FILE   one page
 *        extract_dev [--all] --out DIR FILE...           each page to DIR/NAME.txt
 *        extract_dev [--all] --bench ROUNDS FILE...      MB/s of the reader alone
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "html_doc.h"
#include "read_html.h"

static const char *const tag_names[TAG_COUNT] = {
    "?", "a", "address", "article", "aside", "audio", "b", "blockquote", "body", "br", "button",
    "canvas", "caption", "center", "cite", "code", "dd", "details", "dialog", "div", "dl", "dt",
    "em", "embed", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1", "h2",
    "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img",
    "input", "label", "legend", "li", "link", "main", "map", "math", "menu", "meta", "nav",
    "noscript", "object", "ol", "option", "p", "pre", "q", "script", "section", "select",
    "small", "span", "strong", "style", "summary", "svg", "table", "tbody", "td", "template",
    "textarea", "tfoot", "th", "thead", "time", "title", "tr", "u", "ul", "video"};

/* Every block with its figures and the elements around it. */
static void dump(const html_doc *d, int limit)
{
    printf("container %u\n", d->container);
    /* The five elements that weigh most, and their ancestors. */
    uint32_t top[5] = {HTML_NONE, HTML_NONE, HTML_NONE, HTML_NONE, HTML_NONE};
    for (uint32_t i = 0; i < d->node_count; i++) {
        for (int k = 0; k < 5; k++) {
            if (top[k] == HTML_NONE || d->node_score[i] > d->node_score[top[k]]) {
                memmove(top + k + 1, top + k, (size_t)(4 - k) * sizeof top[0]);
                top[k] = i;
                break;
            }
        }
    }
    uint32_t shown_top[6];
    memcpy(shown_top, top, sizeof top);
    shown_top[5] = d->container;
    for (int k = 0; k < 6 && shown_top[k] != HTML_NONE; k++) {
        top[0] = shown_top[k];
        k += 0;
        printf("  %.0f chars %u prose %u:", d->node_score[top[0]], d->node_chars[top[0]],
               d->node_prose[top[0]]);
        int shown = 0;
        for (uint32_t n = top[0]; n != HTML_NONE && shown < 8; n = d->nodes[n].parent, shown++)
            printf(" %s%u%s%s", tag_names[d->nodes[n].tag], n,
                   d->nodes[n].cls > 0 ? "+" : d->nodes[n].cls < 0 ? "-" : "",
                   d->node_bad[n] ? "!" : "");
        putchar('\n');
    }
    for (size_t b = 0; b < d->block_count; b++) {
        const html_block *k = &d->blocks[b];
        int inside = d->container != HTML_NONE && k->owner >= d->container &&
                     k->owner < d->nodes[d->container].end;
        printf("%c %5u l%-4u p%-3u s%6.0f %c%c%c %c%c |", k->keep ? '+' : '-', k->chars,
               k->link_chars, k->punct, k->score, "-GMSIBHC"[k->cls], "-GMSIBHC"[k->prev],
               "-GMSIBHC"[k->next], inside ? 'c' : '.', d->node_drop[k->owner] ? 'x' : '.');
        int shown = 0;
        for (uint32_t n = k->owner; n != HTML_NONE && shown < 6; n = d->nodes[n].parent, shown++)
            printf(" %s%u%s%s", tag_names[d->nodes[n].tag], n,
                   d->nodes[n].cls > 0 ? "+" : d->nodes[n].cls < 0 ? "-" : "",
                   n == d->container ? "*" : "");
        printf(" | ");
        int out = 0;
        for (size_t s = k->seg_start; s < k->seg_end && out < limit; s++) {
            const html_seg *g = &d->segs[s];
            const char *t = g->dec_len ? d->arena + g->dec : d->src + g->src;
            size_t n = g->dec_len ? g->dec_len : g->src_len;
            for (size_t i = 0; i < n && out < limit; i++, out++)
                putchar(t[i] == '\n' || t[i] == '\r' || t[i] == '\t' ? ' ' : t[i]);
        }
        putchar('\n');
    }
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 1 << 16;
            char *grown = realloc(buf, cap);
            if (grown == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = grown;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        if (got == 0)
            break;
        n += got;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Writes the text of each page to DIR/NAME.txt: one process for a whole
 * corpus, so that a scoring run takes seconds. */
static int batch(const char *dir, int argc, char **argv, precis_html_mode mode)
{
    precis_html *html = NULL;
    precis_reading rd = {0};
    if (precis_html_new(&html) != PRECIS_OK)
        return 1;
    int failed = 0;
    for (int i = 0; i < argc; i++) {
        size_t len = 0;
        char *page = slurp(argv[i], &len);
        if (page == NULL) {
            perror(argv[i]);
            failed = 1;
            continue;
        }
        precis_status st = precis_read_html(html, &rd, page, len, NULL, mode);
        free(page);
        const char *base = strrchr(argv[i], '/');
        base = base ? base + 1 : argv[i];
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.txt", dir, base);
        FILE *f = fopen(path, "wb");
        if (f == NULL) {
            perror(path);
            failed = 1;
            continue;
        }
        if (st == PRECIS_OK)
            fwrite(rd.text, 1, rd.len, f);
        else
            failed = 1;
        fclose(f);
    }
    precis_reading_free(&rd);
    precis_html_free(html);
    return failed;
}

/* Times the reader alone on pages held in memory: MB of HTML per second
 * of this process's CPU time, over `rounds` passes. */
static int bench(int rounds, int argc, char **argv, precis_html_mode mode)
{
    char **pages = calloc((size_t)argc, sizeof *pages);
    size_t *lens = calloc((size_t)argc, sizeof *lens), total = 0, clean = 0;
    if (pages == NULL || lens == NULL)
        return 1;
    for (int i = 0; i < argc; i++) {
        pages[i] = slurp(argv[i], &lens[i]);
        if (pages[i] == NULL) {
            perror(argv[i]);
            return 1;
        }
        total += lens[i];
    }
    precis_html *html = NULL;
    precis_reading rd = {0};
    if (precis_html_new(&html) != PRECIS_OK)
        return 1;
    struct timespec t0, t1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < argc; i++)
            if (precis_read_html(html, &rd, pages[i], lens[i], NULL, mode) == PRECIS_OK)
                clean += rd.len;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%d pages, %.1f MB of HTML x %d: %.2f s CPU, %.1f MB/s, %.0f pages/s, %.1f MB clean "
           "text per pass\n",
           argc, (double)total / 1e6, rounds, secs, (double)total * rounds / 1e6 / secs,
           (double)argc * rounds / secs, (double)clean / rounds / 1e6);
    precis_reading_free(&rd);
    precis_html_free(html);
    for (int i = 0; i < argc; i++)
        free(pages[i]);
    free(pages);
    free(lens);
    return 0;
}

int main(int argc, char **argv)
{
    precis_html_mode mode = PRECIS_HTML_MAIN;
    int blocks = 0, debug = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--all") == 0)
            mode = PRECIS_HTML_ALL;
        else if (strcmp(argv[i], "--blocks") == 0)
            blocks = 1;
        else if (strcmp(argv[i], "--debug") == 0)
            debug = 1;
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            return batch(argv[i + 1], argc - i - 2, argv + i + 2, mode);
        else if (strcmp(argv[i], "--bench") == 0 && i + 1 < argc)
            return bench(atoi(argv[i + 1]), argc - i - 2, argv + i + 2, mode);
        else
            path = argv[i];
    }
    if (path == NULL) {
        fprintf(stderr, "usage: extract_dev [--all] [--blocks] [--debug] FILE\n"
                        "       extract_dev [--all] --out DIR FILE...\n"
                        "       extract_dev [--all] --bench ROUNDS FILE...\n");
        return 2;
    }
    size_t len = 0;
    char *page = slurp(path, &len);
    if (page == NULL) {
        perror(path);
        return 1;
    }
    precis_html *html = NULL;
    precis_reading rd = {0};
    precis_status st = precis_html_new(&html);
    if (st == PRECIS_OK)
        st = precis_read_html(html, &rd, page, len, NULL, mode);
    if (st != PRECIS_OK) {
        fprintf(stderr, "%s: %s\n", path, precis_status_str(st));
    } else if (debug) {
        dump(html_document(html), getenv("FULL") ? 1 << 30 : 70);
    } else if (blocks) {
        printf("title: %s\nlang: %s\ncharset: %s\n", rd.title, rd.lang, precis_html_charset(html));
        for (size_t b = 0; b < rd.block_count; b++) {
            size_t s, e;
            precis_reading_input_range(&rd, rd.blocks[b].start, rd.blocks[b].end, &s, &e);
            printf("[%zu %s %zu-%zu] %.*s\n", b, rd.blocks[b].kind ? "H" : "T", s, e,
                   (int)(rd.blocks[b].end - rd.blocks[b].start), rd.text + rd.blocks[b].start);
        }
    } else {
        fwrite(rd.text, 1, rd.len, stdout);
        putchar('\n');
    }
    precis_reading_free(&rd);
    precis_html_free(html);
    free(page);
    return st == PRECIS_OK ? 0 : 1;
}

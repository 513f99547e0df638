/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * memory_limits.c - the library never aborts its host when memory runs
 * out. This program links the shared libprecis as users do and leaves
 * GSL's error handler as GSL sets it (it aborts). It summarizes a large
 * text (3 MB, past the size where the graph is capped, with an algorithm
 * that builds the walk matrix too) in forked children under a series of
 * address-space limits, from too little to start to enough to finish:
 * each child must end with a status (PRECIS_OK, or PRECIS_ERR_NOMEM when
 * the limit is too tight), never with a signal such as SIGABRT.
 *
 * Under AddressSanitizer, which reserves terabytes of address space, the
 * limits cannot be set: the test is skipped (exit 77).
 */
#define _POSIX_C_SOURCE 200809L

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <precis.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

#define MB ((size_t)1 << 20)
#define SKIP 77
/* What a child's exit status says. */
enum { CHILD_OK = 0, CHILD_NOMEM = 1, CHILD_OTHER = 2 };

/* Sentences of words from a small vocabulary: long enough a text to need
 * a few hundred megabytes, with terms shared widely enough to build a
 * large graph. */
static char *make_text(size_t size, size_t *len)
{
    static const char *const words[] = {
        "river", "town",   "rain",  "school", "bridge", "budget", "council", "family",
        "storm", "market", "road",  "harbour", "winter", "summer", "farmer", "teacher",
        "doctor", "train", "flood", "report", "vote",   "mayor",  "police", "court"};
    size_t nwords = sizeof words / sizeof words[0];
    char *text = malloc(size + 64);
    if (text == NULL)
        return NULL;
    size_t used = 0;
    unsigned state = 12345;
    for (size_t sentence = 0; used < size; sentence++) {
        size_t count = 8 + sentence % 9;
        for (size_t w = 0; w < count; w++) {
            state = state * 1103515245u + 12345u;
            const char *word = words[(state >> 16) % nwords];
            size_t wl = strlen(word);
            memcpy(text + used, word, wl);
            if (w == 0)
                text[used] = (char)(text[used] - 'a' + 'A');
            used += wl;
            text[used++] = w + 1 == count ? '.' : ' ';
        }
        text[used++] = ' ';
    }
    *len = used;
    return text;
}

/* In a child: summarize under a limit of `limit` bytes of address space. */
static int run_child(const char *text, size_t len, size_t limit, precis_algorithm algorithm)
{
    struct rlimit rl = {limit, limit};
    if (setrlimit(RLIMIT_AS, &rl) != 0)
        return CHILD_OTHER;
    precis_ctx *ctx = NULL;
    precis_status st = precis_ctx_new(&ctx);
    if (st == PRECIS_OK)
        st = precis_ctx_set_algorithm(ctx, algorithm);
    precis_result *res = NULL;
    if (st == PRECIS_OK)
        st = precis_summarize(ctx, text, len, &res);
    precis_result_free(res);
    precis_ctx_free(ctx);
    if (st == PRECIS_OK)
        return CHILD_OK;
    return st == PRECIS_ERR_NOMEM ? CHILD_NOMEM : CHILD_OTHER;
}

int main(void)
{
    if (UNDER_ASAN) {
        puts("memory_limits: skipped under AddressSanitizer");
        return SKIP;
    }
    size_t len = 0;
    char *text = make_text(3 * MB, &len);
    if (text == NULL)
        return 1;
    static const precis_algorithm algorithms[] = {PRECIS_ALGORITHM_CENTRALITY,
                                                  PRECIS_ALGORITHM_LEXRANK};
    int failed = 0;
    for (size_t a = 0; a < sizeof algorithms / sizeof algorithms[0]; a++) {
        size_t ok = 0, nomem = 0;
        /* From below what the program needs to run at all, in steps fine
         * enough to fail in every stage, until the summary has been made
         * under several limits in a row. */
        size_t in_a_row = 0;
        for (size_t limit = 16 * MB; limit <= 2048 * MB && in_a_row < 4; limit += 2 * MB) {
            fflush(stdout);
            pid_t pid = fork();
            if (pid < 0) {
                perror("fork");
                return 1;
            }
            if (pid == 0)
                _exit(run_child(text, len, limit, algorithms[a]));
            int status;
            if (waitpid(pid, &status, 0) != pid) {
                perror("waitpid");
                return 1;
            }
            if (WIFSIGNALED(status)) {
                printf("memory_limits: %s under %zu MB: killed by signal %d (%s)\n",
                       precis_algorithm_name(algorithms[a]), limit / MB, WTERMSIG(status),
                       strsignal(WTERMSIG(status)));
                failed = 1;
            } else if (WEXITSTATUS(status) == CHILD_OK) {
                ok++;
                in_a_row++;
            } else if (WEXITSTATUS(status) == CHILD_NOMEM) {
                nomem++;
                in_a_row = 0;
            } else {
                printf("memory_limits: %s under %zu MB: a status other than out of memory\n",
                       precis_algorithm_name(algorithms[a]), limit / MB);
                failed = 1;
            }
        }
        printf("memory_limits: %s on %zu bytes: %zu limits out of memory, %zu summarized\n",
               precis_algorithm_name(algorithms[a]), len, nomem, ok);
        /* The series must cross from failing to succeeding, or it tested
         * nothing. */
        if (ok == 0 || nomem == 0)
            failed = 1;
    }
    free(text);
    return failed;
}

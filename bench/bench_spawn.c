/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_spawn.c - runs commands as child processes and measures each one:
 * wall time, CPU time and peak RSS (ru_maxrss from wait4).
 *
 * Why a C helper: Linux counts in a child's ru_maxrss the memory of the
 * process it was spawned from, up to the exec. Spawned from Python, every
 * child would report Python's 15 MB. Spawned from this small program, a
 * child reports at least this program's own RSS (about 1-2 MB; the `true`
 * row of bench/throughput shows it), which is below what precis uses.
 *
 * Usage: bench_spawn [-L LISTFILE] [-s SHIFT] -O OUTDIR CMD [ARG...] [:: CMD [ARG...]]...
 *
 * With -L, every command runs once per file named in LISTFILE (one a line),
 * the file name appended as its last argument; the commands are interleaved
 * file by file, and for file i the order starts at command (i + SHIFT) % k,
 * so that every command sees the same load on a shared machine. Without
 * -L, each command runs once, with no extra argument.
 *
 * Command c writes its standard output to OUTDIR/c.out and its standard
 * error to OUTDIR/c.err (both truncated first); its standard input is
 * /dev/null. For each command, one line is printed:
 *
 *   cmd=C runs=N wall_s=... cpu_s=... maxrss_kib=... failed=F
 *
 * wall_s and cpu_s (user + system) are sums over the runs, maxrss_kib the
 * largest of any run, failed the number of runs that did not exit with 0.
 */
/* wait4 is a BSD interface: glibc declares it with _DEFAULT_SOURCE. */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

typedef struct command {
    char **argv; /* argc + 2 slots: the file and the terminating NULL */
    int argc;
    int out, err;
    double wall, cpu;
    long maxrss;
    long runs, failed;
} command;

static const char usage_text[] =
    "Usage: bench_spawn [-L LISTFILE] [-s SHIFT] -O OUTDIR CMD [ARG...] [:: CMD [ARG...]]...\n";

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double tv_seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec * 1e-6;
}

static int open_output(const char *dir, int index, const char *suffix)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%d.%s", dir, index, suffix) >= (int)sizeof path) {
        fprintf(stderr, "bench_spawn: output directory name too long\n");
        return -1;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        fprintf(stderr, "bench_spawn: cannot create '%s': %s\n", path, strerror(errno));
    return fd;
}

/* Runs c once with file as its last argument (none when NULL). Returns 0,
 * or -1 when the process could not be started at all. */
static int run(command *c, const char *file, int in)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in, 0);
    posix_spawn_file_actions_adddup2(&actions, c->out, 1);
    posix_spawn_file_actions_adddup2(&actions, c->err, 2);
    c->argv[c->argc] = (char *)file;
    c->argv[c->argc + 1] = NULL;

    double t0 = now_seconds();
    pid_t pid;
    int err = posix_spawn(&pid, c->argv[0], &actions, NULL, c->argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (err != 0) {
        fprintf(stderr, "bench_spawn: cannot run '%s': %s\n", c->argv[0], strerror(err));
        return -1;
    }
    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "bench_spawn: wait4: %s\n", strerror(errno));
            return -1;
        }
    }
    c->wall += now_seconds() - t0;
    c->cpu += tv_seconds(ru.ru_utime) + tv_seconds(ru.ru_stime);
    if (ru.ru_maxrss > c->maxrss)
        c->maxrss = ru.ru_maxrss;
    c->runs++;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        c->failed++;
    return 0;
}

/* Reads LISTFILE into a NULL-terminated array of names (never freed: the
 * program ends soon after). */
static char **read_list(const char *path, size_t *count)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "bench_spawn: cannot open '%s': %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 64, n = 0;
    char **names = malloc(cap * sizeof *names);
    char line[4096];
    while (names != NULL && fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0')
            continue;
        if (n + 1 == cap) {
            char **grown = realloc(names, 2 * cap * sizeof *names);
            if (grown == NULL) {
                free(names);
                names = NULL;
                break;
            }
            names = grown;
            cap *= 2;
        }
        size_t len = strlen(line) + 1;
        if ((names[n] = malloc(len)) == NULL) {
            free(names);
            names = NULL;
            break;
        }
        memcpy(names[n++], line, len);
    }
    fclose(f);
    if (names == NULL) {
        fprintf(stderr, "bench_spawn: out of memory\n");
        return NULL;
    }
    names[n] = NULL;
    *count = n;
    return names;
}

int main(int argc, char **argv)
{
    const char *list = NULL, *outdir = NULL;
    long shift = 0;
    int i = 1;
    for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
        if (strcmp(argv[i], "-L") == 0)
            list = argv[i + 1];
        else if (strcmp(argv[i], "-O") == 0)
            outdir = argv[i + 1];
        else if (strcmp(argv[i], "-s") == 0)
            shift = strtol(argv[i + 1], NULL, 10);
        else
            break;
    }
    if (outdir == NULL || i >= argc || shift < 0) {
        fputs(usage_text, stderr);
        return 2;
    }

    /* Split the rest at "::" into commands. */
    command *cmds = calloc((size_t)argc, sizeof *cmds);
    if (cmds == NULL)
        return 1;
    int k = 0;
    while (i < argc) {
        int start = i;
        while (i < argc && strcmp(argv[i], "::") != 0)
            i++;
        if (i == start) {
            fputs(usage_text, stderr);
            return 2;
        }
        command *c = &cmds[k];
        c->argc = i - start;
        c->argv = malloc(((size_t)c->argc + 2) * sizeof *c->argv);
        if (c->argv == NULL)
            return 1;
        memcpy(c->argv, argv + start, (size_t)c->argc * sizeof *c->argv);
        if ((c->out = open_output(outdir, k, "out")) < 0 ||
            (c->err = open_output(outdir, k, "err")) < 0)
            return 3;
        k++;
        i++; /* past "::" */
    }

    int in = open("/dev/null", O_RDONLY);
    if (in < 0) {
        fprintf(stderr, "bench_spawn: cannot open /dev/null: %s\n", strerror(errno));
        return 3;
    }
    if (list == NULL) {
        for (int c = 0; c < k; c++)
            if (run(&cmds[c], NULL, in) != 0)
                return 1;
    } else {
        size_t n;
        char **files = read_list(list, &n);
        if (files == NULL)
            return 3;
        for (size_t f = 0; f < n; f++)
            for (int j = 0; j < k; j++)
                if (run(&cmds[(f + (size_t)shift + (size_t)j) % (size_t)k], files[f], in) != 0)
                    return 1;
    }
    for (int c = 0; c < k; c++)
        printf("cmd=%d runs=%ld wall_s=%.6f cpu_s=%.6f maxrss_kib=%ld failed=%ld\n", c,
               cmds[c].runs, cmds[c].wall, cmds[c].cpu, cmds[c].maxrss, cmds[c].failed);
    return 0;
}

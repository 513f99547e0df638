/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * io.c - whole-file reading, writing, exit statuses.
 */
#define _POSIX_C_SOURCE 200809L
#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stop.h"

int cli_worse_status(int a, int b)
{
    static const int rank[] = {[EXIT_DONE] = 0, [EXIT_SOME_FAILED] = 1, [EXIT_IO] = 2,
                               [EXIT_USAGE] = 3};
    return rank[a] >= rank[b] ? a : b;
}

/* Reads all of fd into *data. Stops with EFBIG as soon as more than limit
 * bytes (0: no limit) have come in, so that an oversized input is refused
 * without being held in memory. A regular file's buffer is its size and
 * one byte (the read that finds the end), so that a short document
 * touches few pages; read(2) rather than stdio, whose stream and buffer
 * would be one more page and one more copy. */
static int read_all(int fd, size_t limit, char **data, size_t *len)
{
    size_t cap = 1 << 16, used = 0;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
        (uintmax_t)st.st_size < SIZE_MAX / 2)
        cap = (size_t)st.st_size + 1;
    if (limit != 0 && limit < SIZE_MAX && cap > limit + 1)
        cap = limit + 1;
    char *buf = malloc(cap);
    if (buf == NULL)
        return ENOMEM;
    for (;;) {
        if (used == cap) {
            /* Room for one byte over the limit is all it takes to refuse. */
            size_t grown_cap = cap > SIZE_MAX / 2 ? 0 : cap * 2;
            if (grown_cap < (1 << 16))
                grown_cap = 1 << 16;
            if (limit != 0 && limit < SIZE_MAX && grown_cap > limit + 1)
                grown_cap = limit + 1 > cap ? limit + 1 : cap;
            char *grown = grown_cap > cap ? realloc(buf, grown_cap) : NULL;
            if (grown == NULL) {
                free(buf);
                return ENOMEM;
            }
            buf = grown;
            cap = grown_cap;
        }
        ssize_t got = read(fd, buf + used, cap - used);
        if (got < 0) {
            /* EINTR too: the command's signal handlers interrupt a
             * blocked read so that a stop request is seen. */
            int err = errno ? errno : EIO;
            free(buf);
            return err;
        }
        used += (size_t)got;
        if (limit != 0 && used > limit) {
            free(buf);
            return EFBIG;
        }
        if (got == 0)
            break;
    }
    *data = buf;
    *len = used;
    return 0;
}

int cli_read_file(const char *path, size_t limit, char **data, size_t *len)
{
    int is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    int err = read_all(fd, limit, data, len);
    if (!is_stdin)
        close(fd);
    return err;
}

int cli_read_failed(const char *path, const char *label, int err, size_t limit)
{
    if (err == EFBIG) {
        fprintf(stderr, "precis: %s: the input is over the limit of %zu bytes; raise it with "
                        "--max-bytes\n",
                label, limit);
        return EXIT_SOME_FAILED;
    }
    int is_stdin = strcmp(path, "-") == 0;
    fprintf(stderr, "precis: cannot %s '%s': %s\n",
            is_stdin || err == EISDIR || err == ENOMEM ? "read" : "open", label, strerror(err));
    return err == ENOMEM ? EXIT_SOME_FAILED : EXIT_IO;
}

/* Whether fd is a pipe or a socket, where a write can block as long as
 * the reader pleases. */
static int may_block(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

int cli_write_all(int fd, const char *data, size_t len)
{
    /* Into a pipe, writes wait until it has room and are at most what
     * room there is (PIPE_BUF), so that the writer looks at termination
     * requests at least every WAKE_MS however slow the reader. */
    enum { WAKE_MS = 100 };
    int blocking = may_block(fd);
    /* Output always ends with a line feed: before the first byte, it is
     * at the start of a line. */
    int at_line_start = 1, finishing = 0;
    while (len > 0) {
        if (stop_requested() && !finishing) {
            if (at_line_start)
                return ECANCELED;
            /* Finish the line begun, and stop there. */
            const char *nl = memchr(data, '\n', len);
            len = nl != NULL ? (size_t)(nl - data) + 1 : len;
            finishing = 1;
        }
        size_t chunk = len;
        if (blocking) {
            struct pollfd p = {fd, POLLOUT, 0};
            int ready = poll(&p, 1, WAKE_MS);
            if (ready < 0 && errno != EINTR)
                return errno;
            if (ready <= 0)
                continue;
            if (chunk > PIPE_BUF)
                chunk = PIPE_BUF;
        }
        ssize_t done = write(fd, data, chunk);
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0)
            return done < 0 ? errno : EIO;
        at_line_start = data[done - 1] == '\n';
        data += done;
        len -= (size_t)done;
    }
    return finishing ? ECANCELED : 0;
}

int cli_write_failed(int err)
{
    if (err == EPIPE)
        return EXIT_DONE;
    fprintf(stderr, "precis: cannot write the output: %s\n", strerror(err));
    return EXIT_IO;
}

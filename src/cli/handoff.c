/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * handoff.c - replacing a fully static precis with precis-dynamic.
 */
#define _GNU_SOURCE
#include "handoff.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

#include "io.h"

#define DYNAMIC_PROGRAM "precis-dynamic"

int cli_fully_static(void)
{
    /* The kernel gives the dynamic loader's address to a program that
     * has one, 0 to a program that has none. */
    return getauxval(AT_BASE) == 0;
}

/* Standard input becomes a memory file holding data[0, len). Returns 0
 * or an errno value. */
static int input_from(const char *data, size_t len)
{
    int fd = memfd_create("precis-input", 0);
    if (fd < 0)
        return errno;
    int err = 0;
    for (size_t done = 0; done < len && err == 0;) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno != EINTR)
            err = errno;
        else if (w > 0)
            done += (size_t)w;
    }
    if (err == 0 && lseek(fd, 0, SEEK_SET) != 0)
        err = errno;
    if (err == 0 && fd != STDIN_FILENO && dup2(fd, STDIN_FILENO) < 0)
        err = errno;
    if (fd != STDIN_FILENO)
        close(fd);
    return err;
}

int cli_hand_off(char **argv, const char *data, size_t len, const char *what)
{
    if (data != NULL) {
        int err = input_from(data, len);
        if (err != 0) {
            fprintf(stderr, "precis: %s needs %s, and its input cannot be passed on: %s\n",
                    what, DYNAMIC_PROGRAM, strerror(err));
            return EXIT_IO;
        }
    }
    /* Whatever this process wrote so far goes out before it is replaced. */
    fflush(stdout);
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        char *slash = strrchr(self, '/');
        char beside[PATH_MAX + sizeof DYNAMIC_PROGRAM];
        if (slash != NULL) {
            snprintf(beside, sizeof beside, "%.*s/%s", (int)(slash - self), self,
                     DYNAMIC_PROGRAM);
            execv(beside, argv);
        }
    }
    execv(PRECIS_HANDOFF_DIR "/" DYNAMIC_PROGRAM, argv);
    fprintf(stderr,
            "precis: %s needs %s (this precis is a fully static program), which cannot run "
            "from beside it or from %s: %s\n",
            what, DYNAMIC_PROGRAM, PRECIS_HANDOFF_DIR, strerror(errno));
    return EXIT_IO;
}

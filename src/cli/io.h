/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * io.h - exit statuses, and reading and writing whole buffers.
 *
 * The command's one error convention: functions that report a problem
 * themselves (on stderr) return an exit status, EXIT_DONE when all is
 * well; lower-level helpers that leave the report to their caller return
 * 0 or an errno value (ENOMEM when memory ran out, EFBIG for an input over
 * its limit), and cli_read_failed and cli_write_failed turn that into a
 * message and a status.
 */
#ifndef PRECIS_CLI_IO_H
#define PRECIS_CLI_IO_H

#include <stddef.h>

enum {
    EXIT_DONE = 0,
    EXIT_SOME_FAILED = 1,
    EXIT_USAGE = 2,
    EXIT_IO = 3
};

/* The worse of two exit statuses: a usage error outranks an I/O error,
 * which outranks a failed document, which outranks success. */
int cli_worse_status(int a, int b);

/* Reads the file at path ("-": standard input) into *data (malloc'd, not
 * NUL-terminated). Returns 0 or an errno value: EFBIG as soon as more
 * than limit bytes (0: no limit) have come in, without holding them. */
int cli_read_file(const char *path, size_t limit, char **data, size_t *len);

/* Reports a failed cli_read_file of path (label: how messages name it)
 * and returns the status it calls for: EXIT_SOME_FAILED for an input over
 * the limit (this document alone is skipped) or out of memory, EXIT_IO
 * otherwise. */
int cli_read_failed(const char *path, const char *label, int err, size_t limit);

/* Writes all of data to file descriptor fd, retrying short writes.
 * Returns 0 or the errno of the failure (EPIPE for a closed pipe). When
 * a termination is requested (stop.h), it finishes the line it has begun
 * and returns ECANCELED, so that output always ends with a whole line. */
int cli_write_all(int fd, const char *data, size_t len);

/* Reports a failed write of the output on stderr, except for a closed
 * pipe, and returns the exit status it calls for (EXIT_DONE for a closed
 * pipe, which ends the run quietly). */
int cli_write_failed(int err);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * batch.h - the record modes' engine: lines are read in batches, each
 * batch is summarized by one worker (one thread and one library context
 * each), and batches are written in input order as soon as each is done.
 *
 * At most a fixed window of batches is in flight, so memory does not grow
 * with the input; a batch closes when it is full or when the input has no
 * more lines at hand, so that a slow stream is answered record by record.
 * The output does not depend on the number of threads.
 */
#ifndef PRECIS_BATCH_H
#define PRECIS_BATCH_H

#include <stddef.h>

#include "options.h"
#include "progress.h"
#include "records.h"

/* Totals of a run over several inputs. */
typedef struct batch_totals {
    size_t errors;     /* records that failed */
    int pipe_closed;   /* the reader of the output went away */
} batch_totals;

/* Summarizes every record of fd (label: its name for messages, NULL for
 * standard input) with opts->threads workers, workers[0, opts->threads),
 * writing to standard output. Returns EXIT_DONE, or EXIT_IO when reading
 * or writing failed (a closed pipe sets totals->pipe_closed instead). */
int batch_run(const cli_options *opts, record_worker *workers, int fd, const char *label,
              progress *prog, batch_totals *totals);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * batch.c - batches, worker threads and the ordering window.
 */
#define _POSIX_C_SOURCE 200809L
#include "batch.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "lines.h"
#include "stop.h"

/* A batch closes at this much input or this many records: large enough
 * that handing it to a thread costs nothing next to summarizing it, small
 * enough that a window of them stays a few megabytes. */
#define BATCH_BYTES ((size_t)256 << 10)
#define BATCH_RECORDS 1024
/* Batches in flight per thread: one being summarized, the rest queued or
 * waiting for their turn to be written. */
#define WINDOW_PER_THREAD 4

enum { SLOT_FREE, SLOT_QUEUED, SLOT_DONE };

typedef struct batch_record {
    size_t start; /* into batch.in */
    size_t len;
    uint64_t number;
    size_t oversize;
} batch_record;

typedef struct batch {
    char *in;
    size_t in_len, in_cap;
    batch_record *records;
    size_t count, records_cap;
    bytes out;
    bytes err;
    size_t errors;
    uint64_t bytes_read; /* of the input, line feeds and oversize lines included */
    int state;
} batch;

typedef struct engine {
    const cli_options *opts;
    const char *label;
    line_reader reader;
    int read_errno; /* 0, or why reading stopped early */
    int at_end;
    progress *prog;
    batch_totals *totals;
    int write_errno;
    batch *slots;
    size_t nslots;
    pthread_mutex_t lock;
    pthread_cond_t work_ready; /* a batch was queued, or the run is over */
    pthread_cond_t slot_freed; /* a batch was written */
    uint64_t next_fill, next_job, next_write;
    int reading_done;
    int writing;
    int stop;
} engine;

typedef struct worker_arg {
    engine *e;
    record_worker *w;
} worker_arg;

static void batch_free(batch *b)
{
    free(b->in);
    free(b->records);
    bytes_free(&b->out);
    bytes_free(&b->err);
}

/* Gives back the memory a huge record made a batch take. */
static void batch_trim(batch *b)
{
    if (b->in_cap > 4 * BATCH_BYTES) {
        free(b->in);
        b->in = NULL;
        b->in_cap = 0;
    }
    if (b->out.cap > 4 * BATCH_BYTES)
        bytes_free(&b->out);
    if (b->err.cap > 4 * BATCH_BYTES)
        bytes_free(&b->err);
}

static int batch_add(batch *b, const line *l)
{
    if (b->count == b->records_cap) {
        size_t cap = b->records_cap ? 2 * b->records_cap : 64;
        batch_record *grown = realloc(b->records, cap * sizeof *grown);
        if (grown == NULL)
            return ENOMEM;
        b->records = grown;
        b->records_cap = cap;
    }
    if (b->in_len + l->len > b->in_cap) {
        size_t cap = b->in_cap ? b->in_cap : BATCH_BYTES;
        while (cap < b->in_len + l->len)
            cap *= 2;
        char *grown = realloc(b->in, cap);
        if (grown == NULL)
            return ENOMEM;
        b->in = grown;
        b->in_cap = cap;
    }
    if (l->len > 0)
        memcpy(b->in + b->in_len, l->data, l->len);
    b->records[b->count++] = (batch_record){b->in_len, l->len, l->number, l->oversize};
    b->bytes_read += (l->oversize > 0 ? l->oversize : l->len) + 1;
    b->in_len += l->len;
    return 0;
}

/* Reads the next batch; returns whether it holds any record. */
static int fill_batch(engine *e, batch *b)
{
    b->in_len = 0;
    b->count = 0;
    bytes_reset(&b->out);
    bytes_reset(&b->err);
    b->errors = 0;
    b->bytes_read = 0;
    size_t max_records = e->opts->line_buffered ? 1 : BATCH_RECORDS;
    while (!e->at_end && !stop_requested() && b->count < max_records &&
           b->in_len < BATCH_BYTES) {
        line l;
        int rc = line_next(&e->reader, &l, b->count == 0);
        if (rc == LINE_PENDING)
            break;
        if (rc == LINE_OK && (rc = batch_add(b, &l)) == 0)
            continue;
        e->at_end = 1;
        if (rc != LINE_END)
            e->read_errno = rc == LINE_ERROR ? errno : rc;
    }
    return b->count > 0;
}

static void process_batch(engine *e, record_worker *w, batch *b)
{
    record_sink sink = {&b->out, &b->err, e->label, 0};
    for (size_t i = 0; i < b->count; i++) {
        const batch_record *r = &b->records[i];
        record_process(w, b->in + r->start, r->len, r->number, r->oversize, &sink);
    }
    b->errors = sink.errors;
}

/* Writes a batch's messages and output; returns 0 or the write's errno. */
static int write_batch(engine *e, batch *b)
{
    if (b->err.len > 0) {
        progress_clear(e->prog);
        fwrite(b->err.data, 1, b->err.len, stderr);
    }
    int err = cli_write_all(STDOUT_FILENO, b->out.data, b->out.len);
    progress_add(e->prog, b->count, b->errors, b->bytes_read);
    e->totals->errors += b->errors;
    batch_trim(b);
    return err;
}

static int run_single(engine *e, record_worker *w)
{
    batch b = {0};
    while (!stop_requested() && fill_batch(e, &b)) {
        process_batch(e, w, &b);
        if ((e->write_errno = write_batch(e, &b)) != 0)
            break;
    }
    batch_free(&b);
    return 0;
}

/* Writes every finished batch at the head of the window, unless another
 * thread is doing it; called with the lock held. */
static void write_ready(engine *e)
{
    while (!e->writing && !e->stop && e->next_write < e->next_fill) {
        batch *b = &e->slots[e->next_write % e->nslots];
        if (b->state != SLOT_DONE)
            return;
        e->writing = 1;
        pthread_mutex_unlock(&e->lock);
        int err = write_batch(e, b);
        pthread_mutex_lock(&e->lock);
        e->writing = 0;
        if (err != 0) {
            e->write_errno = err;
            e->stop = 1;
            pthread_cond_broadcast(&e->work_ready);
        }
        b->state = SLOT_FREE;
        e->next_write++;
        pthread_cond_broadcast(&e->slot_freed);
    }
}

static void *worker_main(void *arg)
{
    engine *e = ((worker_arg *)arg)->e;
    record_worker *w = ((worker_arg *)arg)->w;
    pthread_mutex_lock(&e->lock);
    for (;;) {
        while (e->next_job == e->next_fill && !e->reading_done && !e->stop)
            pthread_cond_wait(&e->work_ready, &e->lock);
        if (e->stop || e->next_job == e->next_fill)
            break;
        batch *b = &e->slots[e->next_job++ % e->nslots];
        pthread_mutex_unlock(&e->lock);
        process_batch(e, w, b);
        pthread_mutex_lock(&e->lock);
        b->state = SLOT_DONE;
        write_ready(e);
    }
    pthread_mutex_unlock(&e->lock);
    return NULL;
}

static int run_threads(engine *e, record_worker *workers)
{
    size_t n = e->opts->threads;
    e->nslots = WINDOW_PER_THREAD * n;
    e->slots = calloc(e->nslots, sizeof *e->slots);
    pthread_t *threads = calloc(n, sizeof *threads);
    worker_arg *args = calloc(n, sizeof *args);
    if (e->slots == NULL || threads == NULL || args == NULL) {
        free(e->slots);
        free(threads);
        free(args);
        return ENOMEM;
    }
    pthread_mutex_init(&e->lock, NULL);
    pthread_cond_init(&e->work_ready, NULL);
    pthread_cond_init(&e->slot_freed, NULL);
    size_t started = 0;
    int err = 0;
    /* Termination signals go to this thread, whose blocked read they
     * interrupt; the workers' writes look for the request themselves. */
    stop_mask_signals(SIG_BLOCK);
    for (; started < n; started++) {
        args[started] = (worker_arg){e, &workers[started]};
        if ((err = pthread_create(&threads[started], NULL, worker_main, &args[started])) != 0)
            break;
    }
    stop_mask_signals(SIG_UNBLOCK);
    if (started > 0)
        err = 0; /* fewer threads than asked still do the job */
    pthread_mutex_lock(&e->lock);
    while (started > 0 && !e->stop && !e->at_end && !stop_requested()) {
        batch *b = &e->slots[e->next_fill % e->nslots];
        while (b->state != SLOT_FREE && !e->stop)
            pthread_cond_wait(&e->slot_freed, &e->lock);
        if (e->stop)
            break;
        /* A free slot is touched by no worker: fill it unlocked. */
        pthread_mutex_unlock(&e->lock);
        int got = fill_batch(e, b);
        pthread_mutex_lock(&e->lock);
        if (got) {
            b->state = SLOT_QUEUED;
            e->next_fill++;
            pthread_cond_signal(&e->work_ready);
        }
    }
    e->reading_done = 1;
    pthread_cond_broadcast(&e->work_ready);
    pthread_mutex_unlock(&e->lock);
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_mutex_destroy(&e->lock);
    pthread_cond_destroy(&e->work_ready);
    pthread_cond_destroy(&e->slot_freed);
    for (size_t i = 0; i < e->nslots; i++)
        batch_free(&e->slots[i]);
    free(e->slots);
    free(threads);
    free(args);
    return err;
}

int batch_run(const cli_options *opts, record_worker *workers, int fd, const char *label,
              progress *prog, batch_totals *totals)
{
    engine e = {0};
    e.opts = opts;
    e.label = label;
    e.prog = prog;
    e.totals = totals;
    line_reader_init(&e.reader, fd, opts->max_bytes);
    int err = opts->threads > 1 ? run_threads(&e, workers) : run_single(&e, &workers[0]);
    line_reader_free(&e.reader);
    int status = EXIT_DONE;
    if (err != 0) {
        progress_clear(prog);
        fprintf(stderr, "precis: cannot start the threads: %s\n", strerror(err));
        status = EXIT_IO;
    }
    if (e.read_errno != 0) {
        progress_clear(prog);
        fprintf(stderr, "precis: cannot read %s%s%s: %s\n", label ? "'" : "",
                label ? label : "standard input", label ? "'" : "", strerror(e.read_errno));
        status = EXIT_IO;
    }
    if (e.write_errno == EPIPE)
        totals->pipe_closed = 1;
    else if (e.write_errno != 0 && e.write_errno != ECANCELED)
        status = cli_worse_status(status, cli_write_failed(e.write_errno));
    return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stop.c - catching termination requests.
 */
#define _POSIX_C_SOURCE 200809L
#include "stop.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>

/* The one piece of global state of the command, as a signal handler
 * needs it. */
static volatile sig_atomic_t requested;

static void on_signal(int signo)
{
    requested = signo;
}

void stop_catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: a blocked read returns, and the reader sees the
     * request. */
    sa.sa_flags = 0;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
}

int stop_requested(void)
{
    return requested;
}

void stop_mask_signals(int how)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(how, &set, NULL);
}

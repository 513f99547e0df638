/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stop.h - termination requests. SIGTERM and SIGINT do not kill the
 * program in the middle of a line: they are caught, reading stops, the
 * line being written is finished (cli_write_all), and the program exits
 * with 128 + the signal's number, as a shell reports a killed process.
 */
#ifndef PRECIS_CLI_STOP_H
#define PRECIS_CLI_STOP_H

/* Catches SIGTERM and SIGINT from now on. */
void stop_catch_signals(void);

/* The signal that asked the program to stop, or 0. */
int stop_requested(void);

/* Blocks (how = SIG_BLOCK) or unblocks (SIG_UNBLOCK) the caught signals
 * in the calling thread, so that threads created meanwhile inherit the
 * mask: worker threads leave them to the thread that reads the input,
 * whose blocked read they interrupt. */
void stop_mask_signals(int how);

#endif

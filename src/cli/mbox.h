/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mbox.h - an mbox file as the messages it holds: each starts at a
 * "From " line that opens the file or follows a blank line (mboxo and
 * mboxrd alike), and runs to the next one.
 */
#ifndef PRECIS_CLI_MBOX_H
#define PRECIS_CLI_MBOX_H

#include <stddef.h>

/* The message that starts at or after pos in data[0, len): sets *start
 * and *end and returns 1, or returns 0 when no message is left. Text
 * before the first "From " line is a message too. */
int mbox_next(const char *data, size_t len, size_t pos, size_t *start, size_t *end);

/* Whether data[0, len) holds two messages or more. */
int mbox_has_several(const char *data, size_t len);

/* The Message-ID of the message msg[0, len), without its <>, into out
 * (room for max bytes, NUL-terminated, cut when longer); "" when its
 * header block has none. */
void mbox_message_id(const char *msg, size_t len, char *out, size_t max);

#endif

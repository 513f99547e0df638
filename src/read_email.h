/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read_email.h - the e-mail reader: what the sender of an RFC 5322 / MIME
 * message wrote this time, as plain text with a map back to the message's
 * own bytes.
 *
 * GMime parses the message: its headers are not text (Subject is the
 * title), multipart/alternative takes text/plain when it has one and else
 * text/html (read by the web page reader, every visible block), other
 * multiparts take each of their text parts in order, and attachments,
 * forwarded messages (message/rfc822) and anything not text are left out.
 * Quoted-printable and base64 are decoded, then the part's charset is
 * converted (encoding.h: the declared charset is a hint that the bytes can
 * overrule, as for web pages).
 *
 * What the sender did not write this time is dropped line by line:
 * quoted lines ("> ..."), attribution lines ("On ... wrote:" and its
 * translations), everything after "-----Original Message-----", a
 * forwarded-message marker or an Outlook "From: / Sent: / To: / Subject:"
 * block, signatures (after "-- ", a phone's "Sent from my iPhone", a
 * closing such as "Best regards," and a trailing name-and-title block),
 * greetings ("Hi David,"), legal disclaimers and mailing-list footers,
 * and lines of rule characters.
 *
 * Ranges: a sentence of a 7bit, 8bit or binary part maps to its exact
 * bytes in the message, as for plain text (a transcoded character maps to
 * the bytes it came from). A quoted-printable or base64 part is decoded
 * line by line: its decoded text maps to the encoded lines it came from
 * (and the line before, when the decoder held bytes over from it), so the
 * range of a sentence is the encoded lines that hold it.
 *
 * GMime (with GLib) is loaded with dlopen when the first message comes:
 * it brings some fifteen shared libraries whose loading and start-up
 * (GObject's type system) would otherwise cost every run of the program,
 * e-mail or not, several milliseconds. Loading and g_mime_init() happen
 * once per process (pthread_once); that table of functions is the one
 * state shared between threads, and it is never written after.
 */
#ifndef PRECIS_READ_EMAIL_H
#define PRECIS_READ_EMAIL_H

#include <stddef.h>

#include "encoding.h"
#include "precis.h"
#include "reader.h"

/* Room for a Message-ID (without its <>) and its NUL; a longer one is cut. */
#define PRECIS_MESSAGE_ID_MAX 256

struct precis_html;

/* A line of a part's text and what the filter made of it. */
typedef struct precis_email_line {
    size_t start, end; /* content, without the line break or a '\r' */
    size_t next;       /* where the next line starts */
    int kind;          /* EMAIL_LINE_* of read_email.c */
    int keep;
} precis_email_line;

/* A text part of the message: in[start, end) as encoded. */
typedef struct precis_email_part {
    size_t start, end;
    int html;     /* text/html rather than text/plain */
    int encoding; /* GMime's GMimeContentEncoding */
    char charset[PRECIS_CHARSET_MAX];
} precis_email_part;

/* The reader's output and scratch, reused from message to message.
 * Create with precis_email_new, free with precis_email_free. After a
 * successful precis_read_email, text[0, len) is the body (plain UTF-8
 * text, not NUL-terminated) and map leads it back to the message: the
 * caller may take the map's memory (swap it with an empty map); subject
 * and message_id are "" when the message has none. One per thread. */
typedef struct precis_email {
    char *text; /* the body */
    size_t len, cap;
    precis_map map; /* body -> the message as given */
    char subject[PRECIS_TITLE_MAX + 1];
    char message_id[PRECIS_MESSAGE_ID_MAX];
    /* scratch */
    precis_email_part *parts;
    size_t part_count, parts_cap;
    char *transfer; /* a part with its transfer encoding undone */
    size_t transfer_len, transfer_cap;
    precis_map transfer_map; /* transfer -> the message */
    precis_map charset_map;  /* the part's UTF-8 text -> transfer */
    precis_decoded decoded;
    precis_email_line *lines;
    size_t line_count, lines_cap;
    char *joined; /* an HTML part's blocks, one paragraph each */
    size_t joined_len, joined_cap;
    precis_map joined_map; /* joined -> the message */
    precis_reading page; /* an HTML part as the web page reader reads it */
    struct precis_html *html;
} precis_email;

precis_status precis_email_new(precis_email **out);
void precis_email_free(precis_email *em);

/* Reads the message in[0, len) (need not be NUL-terminated; an mbox
 * "From " line before its headers is skipped). charset is the encoding
 * of parts whose Content-Type names none, or with forced set the user's
 * encoding of every text part (NULL: none). Returns PRECIS_ERR_NOMEM,
 * PRECIS_ERR_TOO_LARGE for a message of 2 GB or more, or
 * PRECIS_ERR_FORMAT when GMime cannot be loaded (libgmime-3.0 is not
 * installed). Input that is not a message at all reads as a body of
 * whatever follows its first blank line, or as nothing. */
precis_status precis_read_email(precis_email *em, const char *in, size_t len,
                                const char *charset, int forced);

/* Whether data[0, len) looks like an e-mail message: an mbox "From " line,
 * or a header block at its start (header fields up to a blank line) with
 * at least two of From:, Date:, Subject:, To:, Message-ID:, MIME-Version:,
 * Received:, Return-Path:. */
int precis_looks_like_email(const char *data, size_t len);

#endif

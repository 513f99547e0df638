/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * encoding.h - untrusted input bytes to the UTF-8 text that the readers
 * parse, with a map from that text back to the bytes as given.
 *
 * The encoding is chosen in this order:
 *   1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE), which always wins;
 *   2. a charset the caller names: forced (a user's --encoding) or as a
 *      hint (an HTTP Content-Type);
 *   3. for a web page, a <meta charset> or <meta http-equiv> declaration
 *      near the start (labels resolved as browsers do: "iso-8859-1" and
 *      "ascii" mean windows-1252, "shift_jis" means Microsoft's CP932...);
 *   4. the bytes themselves: valid UTF-8 is used as it is, anything else
 *      is detected with uchardet.
 * A declaration is a hint, not a command, where the bytes contradict it
 * plainly: a page declared as a single-byte legacy charset whose bytes are
 * valid UTF-8 with multi-byte characters in it is UTF-8 (legacy text is
 * practically never valid UTF-8 by chance), and a page declared UTF-8 whose
 * bytes are mostly not UTF-8 is detected. Only a forced charset and a byte
 * order mark are taken as given.
 *
 * The common case costs nothing: valid UTF-8 is not copied and its map is
 * empty. Conversion uses glibc's iconv one character at a time so that
 * every output character maps to the input bytes it came from (a
 * windows-1252 "é" is two UTF-8 bytes made from one input byte). Bytes
 * that are invalid in the chosen encoding become U+FFFD.
 */
#ifndef PRECIS_ENCODING_H
#define PRECIS_ENCODING_H

#include <stddef.h>

#include "precis.h"
#include "reader.h"

/* Room for the name of the encoding used ("windows-1252") and its NUL. */
#define PRECIS_CHARSET_MAX 32

typedef struct precis_decode_opts {
    const char *charset; /* a charset label the caller was given; NULL: none */
    int forced;          /* the label is the user's own: take it whatever the bytes say */
    int html;            /* the input is a web page: look for its <meta> declaration */
} precis_decode_opts;

/* The UTF-8 text made from one input, and scratch reused from input to
 * input. Zero-initialise; release with precis_decoded_free. */
typedef struct precis_decoded {
    const char *text; /* the UTF-8 text: the input itself or buf; valid until the next call */
    size_t len;
    char *buf;        /* owned: the converted text when the bytes had to change */
    size_t cap;
    char charset[PRECIS_CHARSET_MAX]; /* what the input was read as: "UTF-8", "windows-1252"... */
    int ascii; /* bytes below 0x80 in the input are ASCII where a character starts (not UTF-16) */
} precis_decoded;

void precis_decoded_free(precis_decoded *d);

/* Makes UTF-8 text of in[0, len) in d and records in *map (emptied first)
 * where each byte of d->text came from in the input; an empty map means
 * d->text is the input itself. opts may be NULL (no charset, not HTML).
 * The input need not be NUL-terminated and d->text is not. Returns
 * PRECIS_ERR_NOMEM when memory runs out, PRECIS_ERR_TOO_LARGE when the
 * input is too large to map; a charset no converter knows is ignored
 * (detection decides), unless forced: then PRECIS_ERR_ARGUMENT. */
precis_status precis_decode(precis_decoded *d, precis_map *map, const char *in, size_t len,
                            const precis_decode_opts *opts);

/* Whether plain text with no declared charset is in another encoding than
 * UTF-8: it starts with a UTF-16 byte order mark, or its bytes of 0x80 or
 * more that are not part of a UTF-8-shaped sequence outnumber such
 * sequences eightfold (a legacy 8-bit text: precis_decode detects which).
 * UTF-8 with stray bytes, overlong forms or surrogates stays as it is. */
int precis_text_needs_decoding(const char *in, size_t len);

/* The charset that a web page declares in its first bytes (a <meta>
 * charset or http-equiv Content-Type), copied into out (size
 * PRECIS_CHARSET_MAX) as written; 0 when there is none. */
int precis_html_declared_charset(const char *in, size_t len, char out[PRECIS_CHARSET_MAX]);

#endif

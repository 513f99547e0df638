/*
 * output.h - rendering results as text and JSON into a precis_buffer.
 *
 * The byte-level writers are exposed for the CLI's own framing and for
 * tests: every one appends to a buffer and keeps it NUL-terminated.
 */
#ifndef PRECIS_OUTPUT_H
#define PRECIS_OUTPUT_H

#include <stddef.h>

#include "precis.h"

precis_status precis_buffer_append(precis_buffer *buf, const char *bytes, size_t len);
precis_status precis_buffer_puts(precis_buffer *buf, const char *s);

/* text[start, end) with each run of white space folded to one space;
 * other bytes unchanged, invalid UTF-8 included. */
precis_status precis_append_folded(precis_buffer *buf, const char *text, size_t start,
                                   size_t end);

/* A JSON string literal (quotes included) of bytes[0, len). Quotes,
 * backslashes, control characters, U+2028 and U+2029 are escaped; bytes
 * that are not valid UTF-8 become U+FFFD. If fold is set, white space runs
 * are folded to one space first, as in text output. */
precis_status precis_append_json_string(precis_buffer *buf, const char *bytes, size_t len,
                                        int fold);

/* value with exactly `decimals` digits after the point (none and no point
 * for 0), independent of the locale; values that are not finite print as
 * 0. decimals outside [0, 18] give PRECIS_ERR_ARGUMENT. */
precis_status precis_append_fixed(precis_buffer *buf, double value, int decimals);

precis_status precis_append_size(precis_buffer *buf, size_t value);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * output.h - rendering results as text and JSON into a precis_buffer
 * (the public precis_render* functions).
 */
#ifndef PRECIS_OUTPUT_H
#define PRECIS_OUTPUT_H

#include "precis.h"

/* Scores print with this many decimals. */
#define PRECIS_SCORE_DECIMALS 6

/* The checks every rendering of a single document makes: a result of one
 * document, made from text[0, len), whose ranges all fit. */
precis_status precis_render_check(const precis_result *res, const char *text, size_t len,
                                  precis_buffer *out);

#endif

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

#endif

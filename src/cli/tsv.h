/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tsv.h - records as 'id<TAB>text' lines, with \n, \t and \\ escapes.
 */
#ifndef PRECIS_CLI_TSV_H
#define PRECIS_CLI_TSV_H

#include <stddef.h>

#include <yajl/yajl_gen.h>

#include "fields.h"

/* Reads the id and the text of line[0, len) into f, writing the id as
 * JSON with gen. With oversize set the line was over the size limit and
 * holds only its first bytes: the id is still read, for the error line,
 * and 0 is returned. Returns 1, or 0 with why filled. */
int tsv_read(yajl_gen gen, const char *line, size_t len, int oversize, record_fields *f,
             record_problem *why);

#endif

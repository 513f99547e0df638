/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read_transcript.h - the transcript and subtitle reader: the words that
 * were spoken, as a precis_reading whose map leads every clean byte back to
 * the file's own bytes.
 *
 * It reads WebVTT (a "WEBVTT" header; NOTE, STYLE and REGION blocks; cue
 * identifiers; cue timings; <v Speaker> and other cue tags), SubRip (cue
 * numbers, timings, <i> tags and {\an8} codes) and the pasted shapes
 * "[00:01:12] NAME: text", "00:01:12 Name" over its text, and
 * "Speaker 1 (00:12):". Cue numbers, timings, timestamps, speaker labels
 * and tags are not text. The lines of the cues are joined, so that a
 * sentence runs across cue boundaries; a new speaker starts a new block.
 */
#ifndef PRECIS_READ_TRANSCRIPT_H
#define PRECIS_READ_TRANSCRIPT_H

#include <stddef.h>

#include "encoding.h"
#include "precis.h"
#include "reader.h"

/* Reads the transcript in[0, len) (need not be NUL-terminated) into rd,
 * which is reset first, decoding it with d (scratch the caller keeps)
 * as charset and forced say (see precis_decode).
 * precis_reading_input_range gives ranges of in. Returns PRECIS_ERR_NOMEM,
 * PRECIS_ERR_TOO_LARGE, or PRECIS_ERR_ARGUMENT for a forced charset no
 * converter knows. */
precis_status precis_read_transcript(precis_decoded *d, precis_reading *rd, const char *in,
                                     size_t len, const char *charset, int forced);

/* Whether data[0, len) looks like a transcript: a WEBVTT header, a SubRip
 * cue (a number over a timing line) at its start, or lines that open with
 * a timestamp or a "Name (00:12):" label for at least a third of its first
 * 100 lines of text (three at least). */
int precis_looks_like_transcript(const char *data, size_t len);

#endif

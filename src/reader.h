/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * reader.h - the reader stage: a document as given (plain text, a web
 * page, ...) becomes the clean text that the splitter reads, plus a map
 * from every byte of that text back to the bytes of the input it came
 * from, so that sentences can still be reported as ranges of the input.
 *
 * A format reader builds a precis_reading with the functions below while
 * it walks its input: it copies text runs (recording where they came
 * from as it copies, never reconstructing positions afterwards), puts
 * separators between them, and marks block boundaries and headings. The
 * clean text it builds follows the conventions of plain text that the
 * splitter already understands: a block (paragraph, list item, heading)
 * is separated from the next by a blank line, a line break inside a
 * block by "\n", and runs of white space are folded to one space.
 *
 * Positions come in two steps. The format reader's map takes clean
 * offsets to offsets of the text it parsed; when that text was first
 * decoded from another encoding (UTF-16, windows-1252, ...), the decoding
 * map takes those on to the bytes as given. Either map may be empty,
 * which means identity.
 */
#ifndef PRECIS_READER_H
#define PRECIS_READER_H

#include <stddef.h>
#include <stdint.h>

#include "precis.h"

/* A run of output bytes out[out, out + out_len) made from the source bytes
 * src[src, src + src_len). When the two lengths are equal the bytes
 * correspond one to one (a verbatim copy); otherwise the run is one unit
 * (a decoded entity, a transcoded character, an e-mail's decoded line)
 * whose bytes map to the source in proportion: a range that starts at the
 * unit's first byte starts at src, one that ends at its last byte ends at
 * src + src_len. */
typedef struct precis_piece {
    size_t out;
    size_t src;
    uint32_t out_len;
    uint32_t src_len;
} precis_piece;

/* A map from output offsets to source offsets: pieces sorted by out, not
 * overlapping. Output bytes that no piece covers (separators a reader
 * inserted) map to the source position of the next piece. Zero-initialise;
 * release with precis_map_free. An empty map is the identity. */
typedef struct precis_map {
    precis_piece *pieces;
    size_t count;
    size_t cap;
} precis_map;

void precis_map_free(precis_map *map);

/* Records that out[out, out + out_len) came from src[src, src + src_len),
 * merging with the previous piece when both are verbatim and adjacent. */
precis_status precis_map_add(precis_map *map, size_t out, size_t out_len, size_t src,
                             size_t src_len);

/* The source range that covers output bytes [start, end) (start < end):
 * from where the byte at start came from to where the byte at end - 1
 * ends. An empty map returns the range unchanged. */
void precis_map_range(const precis_map *map, size_t start, size_t end, size_t *src_start,
                      size_t *src_end);

/* Kinds of block in the clean text. */
typedef enum precis_block_kind {
    PRECIS_BLOCK_TEXT = 0, /* a paragraph, list item, quotation or table cell of prose */
    PRECIS_BLOCK_HEADING   /* a title or section heading: never a summary sentence */
} precis_block_kind;

/* A block: text[start, end) of the clean text, trimmed. */
typedef struct precis_block {
    size_t start;
    size_t end;
    precis_block_kind kind;
} precis_block;

/* A turn of a transcript: from clean offset `at` on, until the next turn,
 * the speaker is the NUL-terminated name at names + name in the reading
 * (name_len 0: the turn names nobody). */
typedef struct precis_turn {
    size_t at;
    size_t name;
    size_t name_len;
} precis_turn;

/* Metadata that may be up to this long is kept; longer is cut at a
 * character boundary. */
#define PRECIS_TITLE_MAX 1024
#define PRECIS_LANG_HINT_MAX 16

/* What a reader makes of one document; held by the caller (a context)
 * and reused from document to document. Zero-initialise; release with
 * precis_reading_free. Everything is owned here.
 *
 * When `borrowed` is set the clean text is the parsed input itself (plain
 * UTF-8 text, the common case, costs no copy): text points into it, and
 * map and blocks are empty. */
typedef struct precis_reading {
    precis_input_format format; /* what the input was read as; set by the caller */
    int markable; /* a web page whose bytes can take ASCII markup (not UTF-16); set by the caller */
    const char *text; /* the clean text, text[0, len); NUL-terminated unless borrowed */
    size_t len;
    int borrowed;
    char *own;        /* the clean text when not borrowed */
    size_t own_cap;
    precis_map map;    /* clean text -> the text the format reader parsed */
    precis_map decode; /* that text -> the input as given (empty: it was the input) */
    precis_block *blocks; /* in order; empty for plain text */
    size_t block_count, blocks_cap;
    size_t block_start;   /* where the open block began in the clean text; SIZE_MAX: none is */
    int pending;          /* separator owed before the next text: 0, ' ', '\n' or 2 (a blank line) */
    precis_turn *turns;   /* a transcript's speakers, in order of `at`; empty for other formats */
    size_t turn_count, turns_cap;
    char *names;          /* the turns' names, each NUL-terminated */
    size_t names_len, names_cap;
    char title[PRECIS_TITLE_MAX + 1];  /* "" when the document names none */
    char lang[PRECIS_LANG_HINT_MAX + 1]; /* the document's own language tag ("en-GB"), or "" */
} precis_reading;

void precis_reading_free(precis_reading *rd);

/* Empties rd for a new document, keeping its memory; call it before
 * building every document, the first included. */
void precis_reading_reset(precis_reading *rd);

/* Makes the clean text src[0, len) itself, with no copy and no map. */
void precis_reading_borrow(precis_reading *rd, const char *src, size_t len);

/* Makes the clean text a copy of src[0, len) as it is, with no map: for
 * text that was decoded into a buffer that will not last (the decode map
 * then leads back to the input). Keeps rd->decode. */
precis_status precis_reading_own(precis_reading *rd, const char *src, size_t len);

/* Appends src[start, start + len) verbatim, with white-space runs folded
 * to one space (a run that starts the text, or follows a separator, is
 * dropped); each byte kept maps back to itself. */
precis_status precis_reading_copy(precis_reading *rd, const char *src, size_t start,
                                  size_t len);

/* Appends clean[0, clean_len) (already decoded, such as the character an
 * entity names) as one unit made from src[src_start, src_start + src_len).
 * White space in it is folded as by precis_reading_copy. */
precis_status precis_reading_put(precis_reading *rd, const char *clean, size_t clean_len,
                                 size_t src_start, size_t src_len);

/* Appending as it is, for readers of text whose line breaks and white
 * space the splitter reads (plain text): src[start, start + len) verbatim,
 * each byte mapping to itself; bytes[0, n) made from the source bytes
 * src[src_start, src_start + src_len) as one unit; and bytes that come
 * from nowhere in the source (a separator in place of what was dropped).
 * None of them folds white space, pays an owed separator or opens a
 * block. */
precis_status precis_reading_append(precis_reading *rd, const char *src, size_t start,
                                    size_t len);
precis_status precis_reading_append_unit(precis_reading *rd, const char *bytes, size_t n,
                                         size_t src_start, size_t src_len);
precis_status precis_reading_insert(precis_reading *rd, const char *bytes, size_t n);

/* Separators, owed until the next text is appended so that none is ever
 * doubled, none starts the text and none ends it: a space between words
 * (an inline boundary such as a table cell), a line break inside a block
 * (<br>), and the end of a block, which a blank line separates from the
 * next. precis_reading_end_block closes the open block as `kind`; a
 * block with no text is dropped. */
void precis_reading_space(precis_reading *rd);
void precis_reading_line_break(precis_reading *rd);
precis_status precis_reading_end_block(precis_reading *rd, precis_block_kind kind);

/* Sets the title or the language hint from src[0, len), white space
 * folded and trimmed, cut to the maximum at a character boundary. A
 * second call replaces the first. */
void precis_reading_set_title(precis_reading *rd, const char *src, size_t len);
void precis_reading_set_lang(precis_reading *rd, const char *src, size_t len);

/* Starts a turn of the speaker src[0, len) (len 0: nobody named) at the
 * current end of the clean text. A name longer than PRECIS_SPEAKER_MAX
 * bytes is cut at a character boundary. */
#define PRECIS_SPEAKER_MAX 64
precis_status precis_reading_turn(precis_reading *rd, const char *src, size_t len);

/* The speaker of the clean text at pos: the name of the last turn that
 * starts at or before pos, NULL when there is none or it names nobody. */
const char *precis_reading_speaker(const precis_reading *rd, size_t pos);

/* Ends the document: closes the open block as text and NUL-terminates
 * the clean text. */
precis_status precis_reading_finish(precis_reading *rd);

/* The range of the input as given that covers clean[start, end). */
void precis_reading_input_range(const precis_reading *rd, size_t start, size_t end,
                                size_t *in_start, size_t *in_end);

#endif

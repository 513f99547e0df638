/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * words.h - what a word is, for every stage that reads words (language
 * detection and tokenizing): a run of letters, marks and digits that does
 * not mix characters of scripts written without spaces (Han, kana, Thai,
 * ...) with others. Apostrophes, hyphens and everything else separate
 * words.
 */
#ifndef PRECIS_WORDS_H
#define PRECIS_WORDS_H

#include <stddef.h>

#include "utf8.h"

/* Finds the next word in text[*pos, end): returns 0 when there is none
 * (and moves *pos to end); else stores its start in *start, moves *pos to
 * its end and sets *unspaced when it is written without spaces. */
static inline int precis_next_word(const char *text, size_t end, size_t *pos, size_t *start,
                                   int *unspaced)
{
    while (*pos < end) {
        size_t word = *pos;
        int32_t cp = precis_utf8_next(text, end, pos);
        if (!precis_is_wordchar(cp))
            continue;
        int kind = precis_is_unspaced(cp);
        size_t stop = *pos;
        /* Most words are ASCII letters and digits, none of them unspaced. */
        while (!kind && stop < end && (unsigned char)text[stop] < 0x80 &&
               precis_is_wordchar((unsigned char)text[stop]))
            stop++;
        while (stop < end) {
            size_t next = stop;
            int32_t c = precis_utf8_next(text, end, &next);
            if (!precis_is_wordchar(c) || precis_is_unspaced(c) != kind)
                break;
            stop = next;
        }
        *start = word;
        *pos = stop;
        *unspaced = kind;
        return 1;
    }
    return 0;
}

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * reader.c - the clean text of a document and its map back to the input:
 * what every format reader builds.
 */
#include "reader.h"

#include <string.h>

#include "utf8.h"
#include "util.h"

/* Separators owed before the next text, weakest first. */
enum { OWE_NOTHING, OWE_SPACE, OWE_LINE, OWE_BLANK };

void precis_map_free(precis_map *map)
{
    if (map == NULL)
        return;
    free(map->pieces);
    *map = (precis_map){0};
}

precis_status precis_map_add(precis_map *map, size_t out, size_t out_len, size_t src,
                             size_t src_len)
{
    if (out_len == 0)
        return PRECIS_OK;
    if (map->count > 0) {
        precis_piece *last = &map->pieces[map->count - 1];
        int verbatim = out_len == src_len;
        int last_verbatim = last->out_len == last->src_len;
        if (verbatim && last_verbatim && last->out + last->out_len == out &&
            last->src + last->src_len == src && (uint64_t)last->out_len + out_len <= UINT32_MAX) {
            last->out_len += (uint32_t)out_len;
            last->src_len += (uint32_t)src_len;
            return PRECIS_OK;
        }
    }
    /* A unit longer than 4 GB cannot occur (inputs are far smaller), but a
     * verbatim run can: split it. */
    while (out_len > UINT32_MAX && out_len == src_len) {
        precis_status st = precis_map_add(map, out, UINT32_MAX, src, UINT32_MAX);
        if (st != PRECIS_OK)
            return st;
        out += UINT32_MAX;
        src += UINT32_MAX;
        out_len -= UINT32_MAX;
        src_len -= UINT32_MAX;
    }
    if (out_len > UINT32_MAX || src_len > UINT32_MAX)
        return PRECIS_ERR_TOO_LARGE;
    if (PRECIS_RESERVE(map->pieces, map->cap, map->count + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    map->pieces[map->count++] =
        (precis_piece){out, src, (uint32_t)out_len, (uint32_t)src_len};
    return PRECIS_OK;
}

/* The index of the last piece that starts at or before pos, or SIZE_MAX
 * when pos comes before every piece. */
static size_t piece_at(const precis_map *map, size_t pos)
{
    size_t lo = 0, hi = map->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (map->pieces[mid].out <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == 0 ? SIZE_MAX : lo - 1;
}

/* Where the output byte at pos came from (as a start) or, with end set,
 * where the output byte before pos ends in the source. */
static size_t map_point(const precis_map *map, size_t pos, int end)
{
    size_t byte = end ? pos - 1 : pos;
    size_t i = piece_at(map, byte);
    if (i != SIZE_MAX) {
        const precis_piece *p = &map->pieces[i];
        if (byte < p->out + p->out_len) {
            if (p->out_len == p->src_len)
                return p->src + (byte - p->out) + (end ? 1 : 0);
            /* Inside a unit, in proportion: a unit's first byte starts at its
             * source's start and its last byte ends at its source's end, so
             * a unit that is one character maps as a whole; a longer one
             * (an e-mail's decoded line) parts where its text parts. */
            uint64_t at = byte - p->out + (end ? 1 : 0);
            uint64_t scaled = at * p->src_len;
            return p->src + (size_t)(end ? (scaled + p->out_len - 1) / p->out_len
                                         : scaled / p->out_len);
        }
    }
    /* A separator: it belongs to the gap between two pieces. */
    if (end)
        return i == SIZE_MAX ? 0 : map->pieces[i].src + map->pieces[i].src_len;
    size_t next = i == SIZE_MAX ? 0 : i + 1;
    if (next < map->count)
        return map->pieces[next].src;
    return map->count > 0 ? map->pieces[map->count - 1].src + map->pieces[map->count - 1].src_len
                          : 0;
}

void precis_map_range(const precis_map *map, size_t start, size_t end, size_t *src_start,
                      size_t *src_end)
{
    if (map->count == 0 || start >= end) {
        *src_start = start;
        *src_end = end;
        return;
    }
    *src_start = map_point(map, start, 0);
    *src_end = map_point(map, end, 1);
    if (*src_end < *src_start)
        *src_end = *src_start;
}

void precis_reading_free(precis_reading *rd)
{
    if (rd == NULL)
        return;
    free(rd->own);
    precis_map_free(&rd->map);
    precis_map_free(&rd->decode);
    free(rd->blocks);
    free(rd->turns);
    free(rd->names);
    *rd = (precis_reading){0};
}

void precis_reading_reset(precis_reading *rd)
{
    rd->text = rd->own;
    rd->len = 0;
    rd->borrowed = 0;
    rd->map.count = 0;
    rd->decode.count = 0;
    rd->block_count = 0;
    rd->turn_count = 0;
    rd->names_len = 0;
    rd->block_start = SIZE_MAX;
    rd->pending = OWE_NOTHING;
    rd->markable = 0;
    rd->title[0] = '\0';
    rd->lang[0] = '\0';
}

void precis_reading_borrow(precis_reading *rd, const char *src, size_t len)
{
    precis_reading_reset(rd);
    rd->text = src;
    rd->len = len;
    rd->borrowed = 1;
}

/* Room for `more` clean bytes and the NUL after them. */
static precis_status reserve_text(precis_reading *rd, size_t more)
{
    if (more > SIZE_MAX - rd->len - 1 ||
        PRECIS_RESERVE(rd->own, rd->own_cap, rd->len + more + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    rd->text = rd->own;
    return PRECIS_OK;
}

precis_status precis_reading_own(precis_reading *rd, const char *src, size_t len)
{
    rd->len = 0;
    rd->borrowed = 0;
    rd->map.count = 0;
    if (reserve_text(rd, len) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (len > 0)
        memcpy(rd->own, src, len);
    rd->len = len;
    rd->own[len] = '\0';
    return PRECIS_OK;
}

/* Writes the separator owed, if any, before text is appended, and opens a
 * block when none is. */
static precis_status pay_separator(precis_reading *rd)
{
    static const char *const separators[] = {"", " ", "\n", "\n\n"};
    if (rd->len > 0 && rd->pending != OWE_NOTHING) {
        const char *sep = separators[rd->pending];
        size_t n = strlen(sep);
        if (reserve_text(rd, n) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        memcpy(rd->own + rd->len, sep, n);
        rd->len += n;
    }
    rd->pending = OWE_NOTHING;
    if (rd->block_start == SIZE_MAX)
        rd->block_start = rd->len;
    return PRECIS_OK;
}

static void owe(precis_reading *rd, int separator)
{
    if (separator > rd->pending)
        rd->pending = separator;
}

/* Appends the non-space bytes bytes[0, n) as made from
 * src[src_start, src_start + src_len). */
static precis_status append_word(precis_reading *rd, const char *bytes, size_t n,
                                 size_t src_start, size_t src_len)
{
    precis_status st = pay_separator(rd);
    if (st != PRECIS_OK || (st = reserve_text(rd, n)) != PRECIS_OK)
        return st;
    memcpy(rd->own + rd->len, bytes, n);
    st = precis_map_add(&rd->map, rd->len, n, src_start, src_len);
    rd->len += n;
    return st;
}

/* Appends the word src[start, start + n) after the separator owed. Where
 * that separator is the one space that stands between this word and the
 * previous one in the source too, the space maps to itself, so that the
 * two words stay one verbatim piece: a map of one piece per paragraph,
 * not one per word. */
static precis_status append_source_word(precis_reading *rd, const char *src, size_t start,
                                        size_t n)
{
    size_t before = rd->len;
    int spaced = rd->pending == OWE_SPACE && rd->len > 0;
    precis_status st = pay_separator(rd);
    if (st != PRECIS_OK)
        return st;
    if (spaced && rd->len == before + 1 && start > 0 && src[start - 1] == ' ' &&
        rd->map.count > 0) {
        const precis_piece *last = &rd->map.pieces[rd->map.count - 1];
        if (last->out_len == last->src_len && last->out + last->out_len == before &&
            last->src + last->src_len == start - 1 &&
            (st = precis_map_add(&rd->map, before, 1, start - 1, 1)) != PRECIS_OK)
            return st;
    }
    return append_word(rd, src + start, n, start, n);
}

precis_status precis_reading_copy(precis_reading *rd, const char *src, size_t start,
                                  size_t len)
{
    size_t pos = start, end = start + len, run = start;
    while (pos < end) {
        size_t at = pos;
        int32_t cp = precis_utf8_next(src, end, &pos);
        if (!precis_is_space(cp))
            continue;
        if (at > run) {
            precis_status st = append_source_word(rd, src, run, at - run);
            if (st != PRECIS_OK)
                return st;
        }
        owe(rd, OWE_SPACE);
        run = pos;
    }
    if (end > run)
        return append_source_word(rd, src, run, end - run);
    return PRECIS_OK;
}

precis_status precis_reading_put(precis_reading *rd, const char *clean, size_t clean_len,
                                 size_t src_start, size_t src_len)
{
    size_t pos = 0, run = 0;
    while (pos < clean_len) {
        size_t at = pos;
        int32_t cp = precis_utf8_next(clean, clean_len, &pos);
        if (!precis_is_space(cp))
            continue;
        if (at > run) {
            precis_status st = append_word(rd, clean + run, at - run, src_start, src_len);
            if (st != PRECIS_OK)
                return st;
        }
        owe(rd, OWE_SPACE);
        run = pos;
    }
    if (clean_len > run)
        return append_word(rd, clean + run, clean_len - run, src_start, src_len);
    return PRECIS_OK;
}

precis_status precis_reading_insert(precis_reading *rd, const char *bytes, size_t n)
{
    if (n == 0)
        return PRECIS_OK;
    if (reserve_text(rd, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memcpy(rd->own + rd->len, bytes, n);
    rd->len += n;
    return PRECIS_OK;
}

precis_status precis_reading_append_unit(precis_reading *rd, const char *bytes, size_t n,
                                         size_t src_start, size_t src_len)
{
    size_t at = rd->len;
    precis_status st = precis_reading_insert(rd, bytes, n);
    if (st != PRECIS_OK)
        return st;
    return precis_map_add(&rd->map, at, n, src_start, src_len);
}

precis_status precis_reading_append(precis_reading *rd, const char *src, size_t start,
                                    size_t len)
{
    return precis_reading_append_unit(rd, src + start, len, start, len);
}

void precis_reading_space(precis_reading *rd)
{
    owe(rd, OWE_SPACE);
}

void precis_reading_line_break(precis_reading *rd)
{
    owe(rd, OWE_LINE);
}

precis_status precis_reading_end_block(precis_reading *rd, precis_block_kind kind)
{
    if (rd->block_start == SIZE_MAX)
        return PRECIS_OK;
    if (PRECIS_RESERVE(rd->blocks, rd->blocks_cap, rd->block_count + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    rd->blocks[rd->block_count++] = (precis_block){rd->block_start, rd->len, kind};
    rd->block_start = SIZE_MAX;
    owe(rd, OWE_BLANK);
    return PRECIS_OK;
}

/* Copies src[0, len) into dst (room for max bytes and a NUL) with white
 * space folded and trimmed, cut at a character boundary. */
static void set_folded(char *dst, size_t max, const char *src, size_t len)
{
    size_t out = 0, pos = 0;
    int space = 0;
    while (pos < len) {
        size_t at = pos;
        int32_t cp = precis_utf8_next(src, len, &pos);
        if (precis_is_space(cp)) {
            space = out > 0;
            continue;
        }
        size_t need = (pos - at) + (space ? 1 : 0);
        if (out + need > max)
            break;
        if (space)
            dst[out++] = ' ';
        memcpy(dst + out, src + at, pos - at);
        out += pos - at;
        space = 0;
    }
    dst[out] = '\0';
}

void precis_reading_set_title(precis_reading *rd, const char *src, size_t len)
{
    set_folded(rd->title, PRECIS_TITLE_MAX, src, len);
}

void precis_reading_set_lang(precis_reading *rd, const char *src, size_t len)
{
    set_folded(rd->lang, PRECIS_LANG_HINT_MAX, src, len);
}

precis_status precis_reading_turn(precis_reading *rd, const char *src, size_t len)
{
    if (len > PRECIS_SPEAKER_MAX) {
        len = PRECIS_SPEAKER_MAX;
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--;
    }
    if (PRECIS_RESERVE(rd->turns, rd->turns_cap, rd->turn_count + 1) != PRECIS_OK ||
        PRECIS_RESERVE(rd->names, rd->names_cap, rd->names_len + len + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    /* a turn at the same place replaces the one before */
    if (rd->turn_count > 0 && rd->turns[rd->turn_count - 1].at == rd->len)
        rd->turn_count--;
    if (len > 0)
        memcpy(rd->names + rd->names_len, src, len);
    rd->names[rd->names_len + len] = '\0';
    rd->turns[rd->turn_count++] = (precis_turn){rd->len, rd->names_len, len};
    rd->names_len += len + 1;
    return PRECIS_OK;
}

const char *precis_reading_speaker(const precis_reading *rd, size_t pos)
{
    size_t lo = 0, hi = rd->turn_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rd->turns[mid].at <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || rd->turns[lo - 1].name_len == 0)
        return NULL;
    return rd->names + rd->turns[lo - 1].name;
}

precis_status precis_reading_finish(precis_reading *rd)
{
    if (rd->borrowed)
        return PRECIS_OK;
    precis_status st = precis_reading_end_block(rd, PRECIS_BLOCK_TEXT);
    if (st != PRECIS_OK || (st = reserve_text(rd, 0)) != PRECIS_OK)
        return st;
    rd->own[rd->len] = '\0';
    rd->pending = OWE_NOTHING;
    return PRECIS_OK;
}

void precis_reading_input_range(const precis_reading *rd, size_t start, size_t end,
                                size_t *in_start, size_t *in_end)
{
    size_t s, e;
    precis_map_range(&rd->map, start, end, &s, &e);
    if (s < e)
        precis_map_range(&rd->decode, s, e, in_start, in_end);
    else
        *in_start = *in_end = s;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * memo.c - the tokenizer's word memo.
 */
#include "memo.h"

#include <string.h>

/* Inlined: a word is a few bytes, where XXH3's call and dispatch on the
 * length would cost as much as the hash. */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "util.h"

/* Slots of a new memo: 2 KiB. */
#define FIRST_SLOTS 64

void precis_memo_free(precis_memo *m)
{
    if (m == NULL)
        return;
    free(m->slots);
    free(m->spill);
    *m = (precis_memo){.seed = m->seed};
}

void precis_memo_clear(precis_memo *m)
{
    if (m->slot_count > 0)
        memset(m->slots, 0, m->slot_count * sizeof *m->slots);
    m->count = 0;
    m->spill_len = 0;
}

uint32_t precis_memo_hash(const precis_memo *m, const char *word, size_t len)
{
    uint64_t h = XXH3_64bits_withSeed(word, len, m->seed);
    return (uint32_t)(h ^ (h >> 32));
}

static uint64_t load8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint32_t load4(const char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* Whether a[0, len) and b[0, len) (len > 0) are the same bytes: memcmp
 * inlined for the few bytes of a word, in loads that overlap rather than
 * a byte at a time for the tail. */
static inline int same_bytes(const char *a, const char *b, size_t len)
{
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8)
            if (load8(a + i) != load8(b + i))
                return 0;
        return load8(a + len - 8) == load8(b + len - 8);
    }
    if (len >= 4)
        return load4(a) == load4(b) && load4(a + len - 4) == load4(b + len - 4);
    /* one to three bytes: the first, the middle one and the last */
    return a[0] == b[0] && a[len / 2] == b[len / 2] && a[len - 1] == b[len - 1];
}

/* Whether slot s holds word[0, len), len > 0. */
static int holds_bytes(const precis_memo *m, const precis_memo_slot *s, const char *word,
                       size_t len)
{
    if (s->len != len)
        return 0;
    if (len <= PRECIS_MEMO_INLINE)
        return same_bytes(s->key, word, len);
    uint32_t at;
    memcpy(&at, s->key, sizeof at);
    return same_bytes(m->spill + at, word, len);
}

/* Whether slot s holds word[0, len) hashed to hash. */
static int holds(const precis_memo *m, const precis_memo_slot *s, const char *word, size_t len,
                 uint32_t hash)
{
    return s->hash == hash && holds_bytes(m, s, word, len);
}

precis_vocab_entry *precis_memo_at(precis_memo *m, uint32_t index, const char *word,
                                   size_t len)
{
    if (index >= m->slot_count || len == 0 || len > PRECIS_MEMO_MAX_WORD)
        return NULL;
    precis_memo_slot *s = &m->slots[index];
    return holds_bytes(m, s, word, len) ? &s->entry : NULL;
}

/* Doubles the slot array (or makes the first), placing every word again
 * by its hash. */
static precis_status grow(precis_memo *m)
{
    size_t count = m->slot_count ? m->slot_count * 2 : FIRST_SLOTS;
    /* Homes are taken from a 32-bit hash: more slots would stay empty. */
    if (count > ((size_t)1 << 31) || count > SIZE_MAX / sizeof *m->slots)
        return PRECIS_ERR_NOMEM;
    precis_memo_slot *slots = calloc(count, sizeof *slots);
    if (slots == NULL)
        return PRECIS_ERR_NOMEM;
    size_t mask = count - 1;
    for (size_t i = 0; i < m->slot_count; i++) {
        const precis_memo_slot *s = &m->slots[i];
        if (s->len == 0)
            continue;
        size_t at = s->hash & mask;
        while (slots[at].len != 0)
            at = (at + 1) & mask;
        slots[at] = *s;
    }
    free(m->slots);
    m->slots = slots;
    m->slot_count = count;
    return PRECIS_OK;
}

precis_status precis_memo_get(precis_memo *m, const char *word, size_t len, uint32_t hash,
                              precis_vocab_entry **entry, int *added)
{
    *added = 0;
    if (len == 0 || len > PRECIS_MEMO_MAX_WORD)
        return PRECIS_ERR_ARGUMENT;
    if ((m->count + 1) * 4 > m->slot_count * 3 && grow(m) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    size_t mask = m->slot_count - 1;
    size_t at = hash & mask;
    for (;;) {
        m->probes++;
        precis_memo_slot *s = &m->slots[at];
        if (s->len == 0)
            break;
        if (holds(m, s, word, len, hash)) {
            *entry = &s->entry;
            return PRECIS_OK;
        }
        at = (at + 1) & mask;
    }
    precis_memo_slot *s = &m->slots[at];
    if (len <= PRECIS_MEMO_INLINE) {
        memcpy(s->key, word, len);
    } else {
        if (m->spill_len > UINT32_MAX - len ||
            PRECIS_RESERVE(m->spill, m->spill_cap, m->spill_len + len) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        uint32_t offset = (uint32_t)m->spill_len;
        memcpy(m->spill + m->spill_len, word, len);
        m->spill_len += len;
        memcpy(s->key, &offset, sizeof offset);
    }
    s->entry = (precis_vocab_entry){0, 0, -1, 0};
    s->hash = hash;
    s->len = (uint8_t)len;
    m->count++;
    *entry = &s->entry;
    *added = 1;
    return PRECIS_OK;
}

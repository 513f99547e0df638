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

/* Slots of a new memo: 1 KiB. */
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
    uint64_t key = precis_memo_word_key(word, len);
    if (key != 0)
        return precis_memo_key_hash(m, key);
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

/* The low 32 bits of the key of a word that its key does not hold: a low
 * byte of 0, its length, the high 16 bits of its hash. */
static uint32_t spilled_tag(size_t len, uint32_t hash)
{
    return (uint32_t)len << 8 | (hash >> 16) << 16;
}

/* Where the bytes of the word of such a key are in the side array. */
static uint32_t spilled_offset(uint64_t key)
{
    return (uint32_t)(key >> 32);
}

/* Whether key holds word[0, len), which its key does not hold itself;
 * tag_mask 0xFFFF compares the length alone, UINT32_MAX the hash too. */
static int holds_spilled(const precis_memo *m, uint64_t key, const char *word, size_t len,
                         uint32_t tag, uint32_t tag_mask)
{
    return ((uint32_t)key & tag_mask) == (tag & tag_mask) &&
           same_bytes(m->spill + spilled_offset(key), word, len);
}

precis_vocab_entry *precis_memo_at(precis_memo *m, uint32_t index, const char *word,
                                   size_t len)
{
    if (index >= m->slot_count || len == 0 || len > PRECIS_MEMO_MAX_WORD)
        return NULL;
    precis_memo_slot *s = &m->slots[index];
    /* No hash at hand: a spilled word's length alone, then its bytes. */
    uint64_t key = precis_memo_word_key(word, len);
    int holds = key != 0 ? s->key == key
                         : holds_spilled(m, s->key, word, len, spilled_tag(len, 0), 0xFFFF);
    return holds ? &s->entry : NULL;
}

/* The hash of the word of a slot's key (not 0). */
static uint32_t key_hash(const precis_memo *m, uint64_t key)
{
    if ((key & 0xFF) == 0)
        return precis_memo_hash(m, m->spill + spilled_offset(key), (size_t)(key >> 8 & 0xFF));
    return precis_memo_key_hash(m, key);
}

/* Doubles the slot array (or makes the first), placing every word again
 * by its hash (hashed again: a slot has no room for it). */
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
        if (s->key == 0)
            continue;
        size_t at = key_hash(m, s->key) & mask;
        while (slots[at].key != 0)
            at = (at + 1) & mask;
        slots[at] = *s;
    }
    free(m->slots);
    m->slots = slots;
    m->slot_count = count;
    return PRECIS_OK;
}

/* The slot that holds word[0, len), whose hash is hash, or else the free
 * slot where it goes; its key in *want (with no offset yet when it is
 * spilled). */
static precis_memo_slot *probe(precis_memo *m, const char *word, size_t len, uint32_t hash,
                               uint64_t *want)
{
    uint64_t key = precis_memo_word_key(word, len);
    int inline_key = key != 0;
    if (!inline_key)
        key = spilled_tag(len, hash);
    *want = key;
    size_t mask = m->slot_count - 1;
    for (size_t at = hash & mask;; at = (at + 1) & mask) {
        m->probes++;
        precis_memo_slot *s = &m->slots[at];
        if (s->key == 0 ||
            (inline_key ? s->key == key
                        : holds_spilled(m, s->key, word, len, (uint32_t)key, UINT32_MAX)))
            return s;
    }
}

precis_status precis_memo_get(precis_memo *m, const char *word, size_t len, uint32_t hash,
                              precis_vocab_entry **entry, int *added)
{
    *added = 0;
    if (len == 0 || len > PRECIS_MEMO_MAX_WORD)
        return PRECIS_ERR_ARGUMENT;
    if ((m->count + 1) * 4 > m->slot_count * 3 && grow(m) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    uint64_t want;
    precis_memo_slot *s = probe(m, word, len, hash, &want);
    if (s->key != 0) {
        *entry = &s->entry;
        return PRECIS_OK;
    }
    if ((want & 0xFF) == 0) { /* a word that its key does not hold */
        if (m->spill_len > UINT32_MAX - len ||
            PRECIS_RESERVE(m->spill, m->spill_cap, m->spill_len + len) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        want |= (uint64_t)m->spill_len << 32;
        memcpy(m->spill + m->spill_len, word, len);
        m->spill_len += len;
    }
    s->entry = (precis_vocab_entry){0, 0, -1, 0};
    s->key = want;
    m->count++;
    *entry = &s->entry;
    *added = 1;
    return PRECIS_OK;
}

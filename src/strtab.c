/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * strtab.c - byte strings to dense ids.
 */
#define _DEFAULT_SOURCE
#include "strtab.h"

#include <string.h>
#include <sys/random.h>
#include <time.h>

#include <xxhash.h>

#include "util.h"

uint64_t precis_strtab_random_seed(void)
{
    uint64_t seed = 0;
    if (getrandom(&seed, sizeof seed, GRND_NONBLOCK) == (ssize_t)sizeof seed)
        return seed;
    /* Without entropy (very early boot) the clock still keeps the seed
     * out of an attacker's reach in practice. */
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return XXH3_64bits_withSeed(&t, sizeof t, (uint64_t)(uintptr_t)&seed);
}

void precis_strtab_free(precis_strtab *t)
{
    if (t == NULL)
        return;
    free(t->slots);
    free(t->hashes);
    free(t->starts);
    free(t->bytes);
    *t = (precis_strtab){.seed = t->seed};
}

void precis_strtab_clear(precis_strtab *t)
{
    if (t->slot_count > 0)
        memset(t->slots, 0, t->slot_count * sizeof *t->slots);
    t->count = 0;
    t->bytes_len = 0;
}

/* The slot that holds key, or the free slot where it belongs; counts the
 * slots looked at in *probes. */
static size_t find_slot(const precis_strtab *t, const char *key, size_t len, uint64_t hash,
                        size_t *probes)
{
    size_t mask = t->slot_count - 1;
    size_t slot = (size_t)hash & mask;
    for (;;) {
        ++*probes;
        uint32_t held = t->slots[slot];
        if (held == 0)
            return slot;
        uint32_t id = held - 1;
        if (t->hashes[id] == hash && t->starts[id + 1] - t->starts[id] == len &&
            memcmp(t->bytes + t->starts[id], key, len) == 0)
            return slot;
        slot = (slot + 1) & mask;
    }
}

static precis_status grow_slots(precis_strtab *t)
{
    size_t count = t->slot_count ? t->slot_count * 2 : 64;
    if (count > SIZE_MAX / sizeof *t->slots)
        return PRECIS_ERR_NOMEM;
    uint32_t *slots = calloc(count, sizeof *slots);
    if (slots == NULL)
        return PRECIS_ERR_NOMEM;
    free(t->slots);
    t->slots = slots;
    t->slot_count = count;
    size_t mask = count - 1;
    for (size_t id = 0; id < t->count; id++) {
        size_t slot = (size_t)t->hashes[id] & mask;
        while (t->slots[slot] != 0)
            slot = (slot + 1) & mask;
        t->slots[slot] = (uint32_t)(id + 1);
    }
    return PRECIS_OK;
}

int precis_strtab_find(const precis_strtab *t, const char *key, size_t len, uint32_t *id)
{
    if (t->count == 0)
        return 0;
    /* Finds may run on a table shared between threads: no counting. */
    size_t probes = 0;
    uint32_t held =
        t->slots[find_slot(t, key, len, XXH3_64bits_withSeed(key, len, t->seed), &probes)];
    if (held == 0)
        return 0;
    *id = held - 1;
    return 1;
}

precis_status precis_strtab_intern(precis_strtab *t, const char *key, size_t len, uint32_t *id,
                                   int *added)
{
    if (added != NULL)
        *added = 0;
    if ((t->count + 1) * 2 > t->slot_count && grow_slots(t) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    uint64_t hash = XXH3_64bits_withSeed(key, len, t->seed);
    size_t slot = find_slot(t, key, len, hash, &t->probes);
    if (t->slots[slot] != 0) {
        *id = t->slots[slot] - 1;
        return PRECIS_OK;
    }
    if (t->count >= UINT32_MAX - 1 || len > SIZE_MAX - t->bytes_len ||
        PRECIS_RESERVE(t->bytes, t->bytes_cap, t->bytes_len + len) != PRECIS_OK ||
        PRECIS_RESERVE(t->hashes, t->hashes_cap, t->count + 1) != PRECIS_OK ||
        PRECIS_RESERVE(t->starts, t->starts_cap, t->count + 2) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (len > 0)
        memcpy(t->bytes + t->bytes_len, key, len);
    t->starts[t->count] = t->bytes_len;
    t->bytes_len += len;
    t->starts[t->count + 1] = t->bytes_len;
    t->hashes[t->count] = hash;
    t->slots[slot] = (uint32_t)(t->count + 1);
    *id = (uint32_t)t->count++;
    if (added != NULL)
        *added = 1;
    return PRECIS_OK;
}

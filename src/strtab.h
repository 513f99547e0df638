/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * strtab.h - the hash table of the library's string sets: byte strings to
 * dense ids (0, 1, 2, ... in the order they were first added), with the
 * strings kept end to end in one array. Open addressing with linear
 * probing over a power-of-two slot array kept at most half full. (The
 * tokenizer's word memo, memo.h, is a table of its own, laid out for its
 * one lookup a word.)
 *
 * Keys come from untrusted input, so they are hashed with XXH3 under a
 * seed that the owner draws at random (precis_random_seed): nobody can
 * craft words that all land in one probe chain. Ids depend only on the
 * order of insertion, never on the hash, so nothing that users see
 * depends on the seed.
 */
#ifndef PRECIS_STRTAB_H
#define PRECIS_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#include "precis.h"

typedef struct precis_strtab {
    uint64_t seed;     /* set by the owner before the first add */
    uint32_t *slots;   /* id + 1; 0 when free */
    size_t slot_count; /* a power of two, 0 before the first add */
    uint64_t *hashes;  /* per id */
    size_t *starts;    /* per id, and one past the last: offsets into bytes */
    char *bytes;
    size_t bytes_len, bytes_cap;
    size_t count, hashes_cap, starts_cap;
    size_t probes;     /* slots looked at by precis_strtab_intern, for tests */
} precis_strtab;

/* A seed for a new table, from the system's random source. */
uint64_t precis_strtab_random_seed(void);

/* Zero-initialise and set the seed; precis_strtab_free releases the
 * memory (and keeps the seed). */
void precis_strtab_free(precis_strtab *t);

/* Forgets every string, keeping the memory. */
void precis_strtab_clear(precis_strtab *t);

/* The id of key[0, len), added when it is new (*added says which, and
 * may be NULL). At most UINT32_MAX - 1 strings. */
precis_status precis_strtab_intern(precis_strtab *t, const char *key, size_t len, uint32_t *id,
                                   int *added);

/* Whether key[0, len) is present; its id in *id when it is. */
int precis_strtab_find(const precis_strtab *t, const char *key, size_t len, uint32_t *id);

/* The string of id, and its length in *len. */
static inline const char *precis_strtab_key(const precis_strtab *t, uint32_t id, size_t *len)
{
    *len = t->starts[id + 1] - t->starts[id];
    return t->bytes + t->starts[id];
}

#endif

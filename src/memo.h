/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * memo.h - the tokenizer's word memo: the bytes of a word as the text
 * spells it, to what the tokenizer learnt of it (precis_vocab_entry).
 *
 * Every word of every document is looked up here once (and the first
 * words once more by language detection), most of them found, so a lookup
 * is one hash and, as a rule, one cache line: a slot holds the word's hash,
 * its entry and, up to PRECIS_MEMO_INLINE bytes, the word itself; longer
 * words keep their bytes in a side array. Open addressing with linear
 * probing, the slot array kept at most half full; it starts with a few
 * slots and doubles, so that a short document touches few pages.
 *
 * Words come from untrusted input, so they are hashed with XXH3 under a
 * seed that the owner draws at random. Nothing that users see depends on
 * the seed or on where a word sits.
 */
#ifndef PRECIS_MEMO_H
#define PRECIS_MEMO_H

#include <stddef.h>
#include <stdint.h>

#include "precis.h"

/* What the memo knows of a word, whatever the language: its entry in the
 * stopword lexicon (which languages list it as a stopword or a keyphrase
 * boundary word), which detection reads too; and its term and word class
 * in the language it was last looked up in, so that a word seen before
 * in the language needs no lexicon entry read. */
typedef struct precis_vocab_entry {
    uint32_t term;      /* term id + 1 in lang, 0 when it gives none there */
    uint16_t lex;       /* index + 1 of its folded form in precis_stopwords.entries, 0 for none */
    int8_t lang;        /* the language of term and word_class; -1 before the first */
    uint8_t word_class; /* its PRECIS_WORD_STOPWORD and _BOUNDARY bits in lang (lang.h) */
} precis_vocab_entry;

/* Bytes of a word held in its slot; a longer word's are in the side array. */
#define PRECIS_MEMO_INLINE 19

/* The longest word the memo takes, in bytes. */
#define PRECIS_MEMO_MAX_WORD 255

/* One slot: 32 bytes, two to a cache line. */
typedef struct precis_memo_slot {
    precis_vocab_entry entry;
    uint32_t hash; /* the word's hash, folded to 32 bits */
    uint8_t len;   /* the word's length in bytes; 0 for a free slot */
    /* the word when len <= PRECIS_MEMO_INLINE, else the offset of its
     * bytes in the side array (a uint32_t, copied in and out) */
    char key[PRECIS_MEMO_INLINE];
} precis_memo_slot;

typedef struct precis_memo {
    uint64_t seed;           /* set by the owner before the first lookup */
    precis_memo_slot *slots; /* slot_count slots */
    size_t slot_count;       /* a power of two, 0 before the first lookup */
    size_t count;            /* words held */
    char *spill;             /* the bytes of words longer than PRECIS_MEMO_INLINE */
    size_t spill_len, spill_cap;
    size_t probes;           /* slots looked at, for tests */
} precis_memo;

/* Zero-initialise and set the seed; precis_memo_free releases the memory
 * (and keeps the seed). */
void precis_memo_free(precis_memo *m);

/* Forgets every word, keeping the memory. */
void precis_memo_clear(precis_memo *m);

/* The hash of word[0, len) under the memo's seed. */
uint32_t precis_memo_hash(const precis_memo *m, const char *word, size_t len);

/* Asks for the slot where the lookup of a word of this hash starts to be
 * brought into the cache: callers that know their next words hash them
 * first, so that the memory latency of their lookups overlaps. A hint
 * only, that nothing depends on. */
static inline void precis_memo_prefetch(const precis_memo *m, uint32_t hash)
{
    if (m->slot_count > 0)
        __builtin_prefetch(&m->slots[hash & (m->slot_count - 1)]);
}

/* The entry of word[0, len) (1 <= len <= PRECIS_MEMO_MAX_WORD, else
 * PRECIS_ERR_ARGUMENT), whose hash is precis_memo_hash(m, word, len), in
 * *entry, added as {0, 0, -1, 0} when the word is new (*added says which).
 * *entry points into the memo and stays valid until the next lookup or
 * clear. */
precis_status precis_memo_get(precis_memo *m, const char *word, size_t len, uint32_t hash,
                              precis_vocab_entry **entry, int *added);

/* Where the memo holds an entry that precis_memo_get gave: the index of
 * its slot, which stays the word's until the memo grows or is cleared. */
static inline uint32_t precis_memo_slot_of(const precis_memo *m, const precis_vocab_entry *entry)
{
    /* the entry is its slot's first member */
    return (uint32_t)((const precis_memo_slot *)(const void *)entry - m->slots);
}

/* The entry of word[0, len) when slot index of the memo holds it, else
 * NULL: a lookup without hashing or probing for a caller that remembers
 * where it found a word (precis_memo_slot_of), which may have moved since
 * (a word is held in one slot at most, so a slot that holds its bytes is
 * its slot). */
precis_vocab_entry *precis_memo_at(precis_memo *m, uint32_t index, const char *word,
                                   size_t len);

#endif

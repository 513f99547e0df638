/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * memo.h - the tokenizer's word memo: the bytes of a word as the text
 * spells it, to what the tokenizer learnt of it (precis_vocab_entry).
 *
 * Every word of every document is looked up here once (and the first
 * words once more by language detection), most of them found, so a lookup
 * is one hash and, as a rule, one cache line: a 16-byte slot holds the
 * word's entry and a key, which is the word itself when it has at most
 * PRECIS_MEMO_INLINE bytes (nine words in ten of running text), else its
 * length, 16 bits of its hash and where its bytes are in a side array.
 * Open addressing with linear probing, the slot array kept at most three
 * quarters full; it starts with a few slots and doubles, so that a short
 * document touches few pages. Small slots keep the table of a stream of
 * new words (46,000 words, 1 MiB) near the size of a core's cache, and
 * halve the pages its doublings touch, each a page fault.
 *
 * Words come from untrusted input, so they are hashed under a seed that
 * the owner draws at random: a word that its key holds by a bijective mix
 * of the key and the seed, a longer one with XXH3. Nothing that users see
 * depends on the seed or on where a word sits.
 */
#ifndef PRECIS_MEMO_H
#define PRECIS_MEMO_H

#include <stddef.h>
#include <stdint.h>

#include "ascii.h"
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

/* Bytes of a word that its slot's key can hold. */
#define PRECIS_MEMO_INLINE 8

/* The longest word the memo takes, in bytes. */
#define PRECIS_MEMO_MAX_WORD 255

/* One slot: 16 bytes, four to a cache line. */
typedef struct precis_memo_slot {
    precis_vocab_entry entry;
    /* 0 for a free slot; else the word's bytes (the first in the low
     * byte) when it has at most PRECIS_MEMO_INLINE bytes and neither its
     * first nor its last byte is NUL; else a low byte of 0, its length,
     * the high 16 bits of its hash and the offset of its bytes in the side
     * array, from the low byte up (memo.c). */
    uint64_t key;
} precis_memo_slot;

typedef struct precis_memo {
    uint64_t seed;           /* set by the owner before the first lookup */
    precis_memo_slot *slots; /* slot_count slots */
    size_t slot_count;       /* a power of two, 0 before the first lookup */
    size_t count;            /* words held */
    char *spill;             /* the bytes of words that their key does not hold */
    size_t spill_len, spill_cap;
    size_t probes;           /* slots looked at, for tests */
} precis_memo;

/* Zero-initialise and set the seed; precis_memo_free releases the memory
 * (and keeps the seed). */
void precis_memo_free(precis_memo *m);

/* Forgets every word, keeping the memory. */
void precis_memo_clear(precis_memo *m);

/* The 4 bytes at p, the first in the low byte, whatever the machine's byte
 * order (one load where it is little-endian). */
static inline uint32_t precis_memo_load4_low_first(const char *p)
{
    const unsigned char *b = (const unsigned char *)p;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* The key of word[0, len) when it is the word itself, else 0: at most
 * PRECIS_MEMO_INLINE bytes, the first and the last not NUL, so that no
 * two such words have the same key (the highest byte that is not 0 is the
 * last), none is 0 and none has a low byte of 0 as the other keys do.
 * Byte i of the word is byte i of the key, the bytes past its end 0, made
 * in two loads that overlap (one to three bytes: the first, the middle one
 * and the last). */
static inline uint64_t precis_memo_word_key(const char *word, size_t len)
{
    if (len == 0 || len > PRECIS_MEMO_INLINE || word[0] == 0 || word[len - 1] == 0)
        return 0;
    if (len >= 4)
        return (uint64_t)precis_memo_load4_low_first(word) |
               (uint64_t)precis_memo_load4_low_first(word + len - 4) << (8 * (len - 4));
    const unsigned char *b = (const unsigned char *)word;
    return (uint64_t)b[0] | (uint64_t)b[len / 2] << (8 * (len / 2)) |
           (uint64_t)b[len - 1] << (8 * (len - 1));
}

/* precis_memo_word_key of the word text[at, at + len), whose first and
 * last bytes are not NUL (a word of the tokenizer's, made of word
 * characters), and which lies in text[lo, hi), bytes that may all be
 * read: one load of the 8 bytes that start or end at the word, when the
 * range holds them, and a mask or a shift, rather than a branch on the
 * word's length, which words make hard to predict. */
static inline uint64_t precis_memo_word_key_in(const char *text, size_t at, size_t len,
                                               size_t lo, size_t hi)
{
    if (len == 0 || len > PRECIS_MEMO_INLINE)
        return 0;
    if (hi - at >= 8)
        return precis_ascii_load8(text + at) & (UINT64_MAX >> (64 - 8 * len));
    if (at + len - lo >= 8)
        return precis_ascii_load8(text + at + len - 8) >> (64 - 8 * len);
    return precis_memo_word_key(text + at, len);
}

/* The hash of a word whose key is key (precis_memo_word_key, not 0):
 * the key under the seed through a bijective 64-bit mix (as XXH3 hashes
 * up to 8 bytes), without XXH3's call and dispatch on the length, and
 * from the key alone, so that the memo's doubling needs no bytes. */
static inline uint32_t precis_memo_key_hash(const precis_memo *m, uint64_t key)
{
    uint64_t h = key ^ m->seed;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return (uint32_t)(h ^ (h >> 32));
}

/* The hash of word[0, len) under the memo's seed: precis_memo_key_hash of
 * its key when the key is the word, else XXH3. */
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

/* The entry of the word whose key is key (precis_memo_word_key, not 0)
 * and whose hash is hash, or NULL when the memo does not hold it: the
 * lookup of a word seen before without a call, which precis_memo_get
 * then completes for a new word. */
static inline precis_vocab_entry *precis_memo_find_key(precis_memo *m, uint64_t key,
                                                       uint32_t hash)
{
    if (m->slot_count == 0)
        return NULL;
    size_t mask = m->slot_count - 1;
    for (size_t at = hash & mask;; at = (at + 1) & mask) {
        m->probes++;
        precis_memo_slot *s = &m->slots[at];
        if (s->key == key)
            return &s->entry;
        if (s->key == 0)
            return NULL;
    }
}

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

/* precis_memo_at for a word whose key is key (precis_memo_word_key, not
 * 0), without a call. */
static inline precis_vocab_entry *precis_memo_at_key(precis_memo *m, uint32_t index,
                                                     uint64_t key)
{
    return index < m->slot_count && m->slots[index].key == key ? &m->slots[index].entry : NULL;
}

#endif

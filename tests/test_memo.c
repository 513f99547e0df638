/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_memo.c - the tokenizer's word memo: every word found again with
 * what was stored for it while the memo grows from its first few slots,
 * words held in their slot and in the side array alike, few probes a
 * lookup whatever the seed, the bounds on a word's length, words that
 * their key holds and words it does not (NUL bytes, lengths about the
 * key's) told apart, found alike by every lookup, and a word found again
 * at the slot where it was.
 */
#include "test_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memo.h"

#define WORDS 20000

/* Word i: short ones for most, every seventh longer than a slot holds,
 * every thirteenth sharing a slot's worth of bytes with the next one. */
static size_t word_of(size_t i, char *out, size_t cap)
{
    int n;
    if (i % 7 == 0)
        n = snprintf(out, cap, "a-rather-long-word-number-%zu", i);
    else if (i % 13 == 0)
        n = snprintf(out, cap, "nineteen-bytes-here%zu", i);
    else
        n = snprintf(out, cap, "w%zu", i);
    assert_true(n > 0 && (size_t)n < cap);
    return (size_t)n;
}

/* The lookup of word[0, len), hashed as the memo hashes it. */
static precis_status lookup(precis_memo *m, const char *word, size_t len,
                            precis_vocab_entry **entry, int *added)
{
    return precis_memo_get(m, word, len, precis_memo_hash(m, word, len), entry, added);
}

static void test_grows_and_finds(void **state)
{
    (void)state;
    static const uint64_t seeds[] = {0, 1, 0x9e3779b97f4a7c15ULL};
    for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
        precis_memo m = {.seed = seeds[s]};
        char word[64];
        precis_vocab_entry *entry;
        int added;
        for (size_t i = 0; i < WORDS; i++) {
            size_t len = word_of(i, word, sizeof word);
            assert_int_equal(lookup(&m, word, len, &entry, &added), PRECIS_OK);
            assert_true(added);
            assert_int_equal(entry->term, 0);
            assert_int_equal(entry->lang, -1);
            assert_int_equal(entry->lex, 0);
            assert_int_equal(entry->word_class, 0);
            entry->term = (uint32_t)i + 1;
            entry->lang = (int8_t)(i % 35);
            entry->lex = (uint16_t)(i % 1000);
            entry->word_class = (uint8_t)(i % 4);
            if (i == 0)
                assert_int_equal(m.slot_count, 64); /* starts small */
        }
        assert_int_equal(m.count, WORDS);
        assert_true(m.slot_count >= WORDS * 4 / 3 && m.slot_count <= WORDS * 4);
        m.probes = 0;
        for (size_t i = 0; i < WORDS; i++) {
            size_t len = word_of(i, word, sizeof word);
            assert_int_equal(lookup(&m, word, len, &entry, &added), PRECIS_OK);
            assert_false(added);
            assert_int_equal(entry->term, i + 1);
            assert_int_equal(entry->lang, (int8_t)(i % 35));
            assert_int_equal(entry->lex, i % 1000);
            assert_int_equal(entry->word_class, i % 4);
        }
        /* Linear probing at most three quarters full: about 2.5 probes a
         * hit at worst, on average, for any seed. */
        assert_true(m.probes < 3 * WORDS);
        /* A prefix or an extension of a word held is another word. */
        size_t len = word_of(7, word, sizeof word);
        assert_int_equal(lookup(&m, word, len - 1, &entry, &added), PRECIS_OK);
        assert_true(added);
        word[len] = 'x';
        assert_int_equal(lookup(&m, word, len + 1, &entry, &added), PRECIS_OK);
        assert_true(added);
        assert_int_equal(m.count, WORDS + 2);
        precis_memo_free(&m);
        assert_int_equal(m.seed, seeds[s]);
        precis_memo_free(&m); /* freeing twice is harmless */
    }
}

static void test_clear(void **state)
{
    (void)state;
    precis_memo m = {.seed = 7};
    precis_vocab_entry *entry;
    int added;
    char word[64];
    for (size_t i = 0; i < 1000; i++) {
        size_t len = word_of(i, word, sizeof word);
        assert_int_equal(lookup(&m, word, len, &entry, &added), PRECIS_OK);
        entry->term = 5;
    }
    size_t slots = m.slot_count;
    precis_memo_clear(&m);
    assert_int_equal(m.count, 0);
    assert_int_equal(m.slot_count, slots); /* the memory is kept */
    for (size_t i = 0; i < 1000; i++) {
        size_t len = word_of(i, word, sizeof word);
        assert_int_equal(lookup(&m, word, len, &entry, &added), PRECIS_OK);
        assert_true(added);
        assert_int_equal(entry->term, 0);
    }
    precis_memo_free(&m);
}

/* Words of every length the memo takes, bytes of any value (NUL too). */
static void test_lengths(void **state)
{
    (void)state;
    precis_memo m = {.seed = 3};
    precis_vocab_entry *entry;
    int added;
    char word[PRECIS_MEMO_MAX_WORD + 1];
    for (size_t i = 0; i < sizeof word; i++)
        word[i] = (char)(i * 37);
    for (size_t len = 1; len <= PRECIS_MEMO_MAX_WORD; len++) {
        assert_int_equal(lookup(&m, word, len, &entry, &added), PRECIS_OK);
        assert_true(added);
        entry->term = (uint32_t)len;
    }
    for (size_t len = 1; len <= PRECIS_MEMO_MAX_WORD; len++) {
        assert_int_equal(lookup(&m, word, len, &entry, &added), PRECIS_OK);
        assert_false(added);
        assert_int_equal(entry->term, len);
    }
    assert_int_equal(lookup(&m, word, 0, &entry, &added), PRECIS_ERR_ARGUMENT);
    assert_int_equal(lookup(&m, word, PRECIS_MEMO_MAX_WORD + 1, &entry, &added),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(m.count, PRECIS_MEMO_MAX_WORD);
    precis_memo_free(&m);
}

/* Words that the slot's key holds (at most PRECIS_MEMO_INLINE bytes, the
 * first and last not NUL) and words it does not, side by side: every word
 * of one to three bytes over {NUL, 1, 'a', 0xFF}, and of 7 to 10 bytes
 * with a NUL or 0xFF first, inside or last, are all told apart, through
 * the doublings, by a lookup and at their slots. */
static void test_keys(void **state)
{
    (void)state;
    static const char alphabet[] = {0, 1, 'a', (char)0xFF};
    enum { SHORT = 4 + 16 + 64, LONG = 4 * 4 * 3 };
    char words[SHORT + LONG][16];
    size_t lens[SHORT + LONG], n = 0;
    for (size_t len = 1; len <= 3; len++) {
        size_t combos = len == 1 ? 4 : len == 2 ? 16 : 64;
        for (size_t c = 0; c < combos; c++, n++) {
            for (size_t i = 0, v = c; i < len; i++, v /= 4)
                words[n][i] = alphabet[v % 4];
            lens[n] = len;
        }
    }
    for (size_t len = 7; len <= 10; len++)
        for (size_t where = 0; where < 3; where++)
            for (size_t a = 0; a < 4; a++, n++) {
                memset(words[n], 'q', len);
                size_t at = where == 0 ? 0 : where == 1 ? len / 2 : len - 1;
                words[n][at] = alphabet[a];
                lens[n] = len;
            }
    assert_int_equal(n, SHORT + LONG);
    precis_memo m = {.seed = 5};
    precis_vocab_entry *entry;
    int added;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(lookup(&m, words[i], lens[i], &entry, &added), PRECIS_OK);
        assert_true(added);
        entry->term = (uint32_t)i + 1;
    }
    assert_int_equal(m.count, n);
    assert_true(m.slot_count > 64); /* it grew */
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(lookup(&m, words[i], lens[i], &entry, &added), PRECIS_OK);
        assert_false(added);
        assert_int_equal(entry->term, i + 1);
        uint32_t slot = precis_memo_slot_of(&m, entry);
        assert_ptr_equal(precis_memo_at(&m, slot, words[i], lens[i]), entry);
        for (size_t j = 0; j < n; j++)
            if (j != i)
                assert_null(precis_memo_at(&m, slot, words[j], lens[j]));
        /* The lookups without a call find the same entry. */
        uint32_t hash = precis_memo_hash(&m, words[i], lens[i]);
        uint64_t key = precis_memo_word_key(words[i], lens[i]);
        assert_true(key == 0 || lens[i] <= PRECIS_MEMO_INLINE);
        if (key != 0) {
            assert_int_equal(precis_memo_key_hash(&m, key), hash);
            assert_ptr_equal(precis_memo_find_key(&m, key, hash), entry);
            assert_ptr_equal(precis_memo_at_key(&m, slot, key), entry);
        }
    }
    /* Words not held are not found, and finding adds nothing. */
    for (size_t i = 0; i < n; i++) {
        char other[17];
        memcpy(other, words[i], lens[i]);
        other[lens[i]] = 'z';
        uint32_t hash = precis_memo_hash(&m, other, lens[i] + 1);
        uint64_t key = precis_memo_word_key(other, lens[i] + 1);
        if (key != 0)
            assert_null(precis_memo_find_key(&m, key, hash));
    }
    assert_int_equal(m.count, n);
    precis_memo_free(&m);
    assert_null(precis_memo_find_key(&m, precis_memo_word_key("a", 1), 0));
}

/* The key of a word read in one load from the bytes around it
 * (precis_memo_word_key_in) is precis_memo_word_key's, for every length,
 * every place of the word in its range (at either end, or too close to
 * both for a load) and random bytes, NUL inside the word included; the
 * range is allocated to its size, so that a read past it is caught under
 * the sanitizers. */
static void test_key_in(void **state)
{
    (void)state;
    uint64_t seed = 99;
    size_t mismatches = 0;
    for (int round = 0; round < 100000; round++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t hi = 1 + (size_t)(seed >> 33) % 20;
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t lo = (size_t)(seed >> 33) % hi;
        size_t len = 1 + (size_t)(seed >> 45) % (hi - lo < 12 ? hi - lo : 12);
        size_t at = lo + (size_t)(seed >> 20) % (hi - lo - len + 1);
        char *text = malloc(hi);
        assert_non_null(text);
        for (size_t i = 0; i < hi; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            unsigned b = (unsigned)(seed >> 56);
            text[i] = (char)(b < 32 ? 0 : b); /* NUL often */
        }
        /* the word's first and last bytes are not NUL */
        if (text[at] == 0)
            text[at] = 'a';
        if (text[at + len - 1] == 0)
            text[at + len - 1] = '\xe9';
        if (precis_memo_word_key_in(text, at, len, lo, hi) !=
            precis_memo_word_key(text + at, len))
            mismatches++;
        free(text);
    }
    assert_int_equal(mismatches, 0);
    assert_int_equal(precis_memo_word_key_in("abc", 0, 0, 0, 3), 0);
}

/* A word's entry is found again at the slot where the memo held it, and
 * only its own: not another word's, a prefix of it, a free slot or an
 * index past the array; once the memo has grown, the old index either
 * misses or finds the word itself. */
static void test_at_slot(void **state)
{
    (void)state;
    precis_memo m = {.seed = 11};
    precis_vocab_entry *entry;
    int added;
    char word[64], other[64];
    uint32_t where[200];
    for (size_t i = 0; i < 200; i++) {
        size_t len = word_of(i, word, sizeof word);
        assert_int_equal(lookup(&m, word, len, &entry, &added), PRECIS_OK);
        entry->term = (uint32_t)i + 1;
        assert_ptr_equal(precis_memo_at(&m, precis_memo_slot_of(&m, entry), word, len), entry);
    }
    for (size_t i = 0; i < 200; i++) {
        size_t len = word_of(i, word, sizeof word);
        assert_int_equal(lookup(&m, word, len, &entry, &added), PRECIS_OK);
        where[i] = precis_memo_slot_of(&m, entry);
        assert_true(where[i] < m.slot_count);
    }
    size_t slots = m.slot_count, free_slot = 0;
    while (m.slots[free_slot].key != 0)
        free_slot++;
    for (size_t i = 0; i < 200; i++) {
        size_t len = word_of(i, word, sizeof word);
        entry = precis_memo_at(&m, where[i], word, len);
        assert_non_null(entry);
        assert_int_equal(entry->term, i + 1);
        size_t other_len = word_of(i + 1, other, sizeof other);
        assert_null(precis_memo_at(&m, where[i], other, other_len));
        assert_null(precis_memo_at(&m, where[i], word, len - 1));
        assert_null(precis_memo_at(&m, (uint32_t)free_slot, word, len));
        assert_null(precis_memo_at(&m, (uint32_t)m.slot_count, word, len));
        assert_null(precis_memo_at(&m, UINT32_MAX, word, len));
    }
    /* Grown: every word is where the memo says now, and an old index
     * finds nothing but the word itself. */
    for (size_t i = 200; m.slot_count == slots; i++) {
        size_t len = word_of(i, word, sizeof word);
        assert_int_equal(lookup(&m, word, len, &entry, &added), PRECIS_OK);
    }
    for (size_t i = 0; i < 200; i++) {
        size_t len = word_of(i, word, sizeof word);
        entry = precis_memo_at(&m, where[i], word, len);
        assert_true(entry == NULL || entry->term == i + 1);
        assert_int_equal(lookup(&m, word, len, &entry, &added), PRECIS_OK);
        assert_false(added);
        assert_ptr_equal(precis_memo_at(&m, precis_memo_slot_of(&m, entry), word, len), entry);
    }
    /* Cleared: nothing is anywhere. */
    precis_memo_clear(&m);
    size_t len = word_of(0, word, sizeof word);
    assert_null(precis_memo_at(&m, where[0], word, len));
    precis_memo_free(&m);
    assert_null(precis_memo_at(&m, 0, word, len));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grows_and_finds),
        cmocka_unit_test(test_clear),
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_key_in),
        cmocka_unit_test(test_at_slot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

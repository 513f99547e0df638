/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_strtab.c - the hash table of words: ids by insertion order, and
 * no way to flood it. Words crafted to share one slot under the unseeded
 * FNV-1a that 1.0 hashed with cost it no more probes than random words;
 * what users see does not depend on the seed.
 */
#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "context.h"
#include "idf.h"
#include "strtab.h"
#include "util.h"

#define WORDS 30000
#define SLOT_BITS 16 /* 30,000 words live in 65,536 slots */
#define FNV_PRIME 1099511628211ULL

/* The low SLOT_BITS bits of 1.0's FNV-1a state after one more byte. */
static uint32_t fnv_step(uint32_t state, unsigned char c)
{
    return (uint32_t)(((uint64_t)(state ^ c) * FNV_PRIME) & ((1u << SLOT_BITS) - 1));
}

/* Words that all land in slot 0 of a 2^16-slot table hashed with FNV-1a:
 * distinct prefixes, each completed by the shortest suffix that takes its
 * state to 0 (found by a search backwards from 0 over the 65,536 low
 * states, the step being invertible: the prime is odd). */
static char (*crafted_words(void))[16]
{
    size_t states = (size_t)1 << SLOT_BITS;
    uint32_t mask = (uint32_t)states - 1;
    /* The inverse of the prime modulo 2^16, by Newton's iteration. */
    uint32_t inverse = (uint32_t)FNV_PRIME;
    for (int k = 0; k < 5; k++)
        inverse = (uint32_t)(inverse * (2u - (uint32_t)FNV_PRIME * inverse));
    inverse &= mask;
    unsigned char *letter = calloc(states, 1); /* the next letter towards 0 */
    uint32_t *next = calloc(states, sizeof *next);
    uint32_t *queue = malloc(states * sizeof *queue);
    assert_true(letter != NULL && next != NULL && queue != NULL);
    size_t head = 0, tail = 0;
    queue[tail++] = 0;
    letter[0] = 1; /* marks 0 as reached; it needs no suffix */
    while (head < tail) {
        uint32_t to = queue[head++];
        for (unsigned char c = 'a'; c <= 'z'; c++) {
            uint32_t from = ((to * inverse) & mask) ^ c;
            if (letter[from] == 0) {
                letter[from] = c;
                next[from] = to;
                queue[tail++] = from;
            }
        }
    }
    char (*words)[16] = calloc(WORDS, sizeof *words);
    assert_non_null(words);
    for (size_t w = 0; w < WORDS; w++) {
        char *word = words[w];
        size_t len = 0, n = w;
        uint32_t state = (uint32_t)(14695981039346656037ULL & mask);
        do { /* a distinct prefix: w in base 16, letters a to p */
            word[len] = (char)('a' + n % 16);
            state = fnv_step(state, (unsigned char)word[len++]);
            n /= 16;
        } while (n > 0);
        word[len++] = 'q'; /* where the prefix ends: the words are distinct */
        state = fnv_step(state, 'q');
        assert_true(state == 0 || letter[state] != 0);
        while (state != 0) {
            word[len++] = (char)letter[state];
            state = next[state];
            assert_true(len < 15);
        }
    }
    free(letter);
    free(next);
    free(queue);
    return words;
}

static size_t probes_to_add(char (*words)[16], uint64_t seed)
{
    precis_strtab t = {.seed = seed};
    for (size_t w = 0; w < WORDS; w++) {
        uint32_t id;
        assert_int_equal(precis_strtab_intern(&t, words[w], strlen(words[w]), &id, NULL),
                         PRECIS_OK);
        assert_int_equal(id, w);
    }
    size_t probes = t.probes;
    precis_strtab_free(&t);
    return probes;
}

static void crafted_words_do_not_flood_the_table(void **state)
{
    (void)state;
    char (*crafted)[16] = crafted_words();
    /* They do all collide under 1.0's hash. */
    for (size_t w = 0; w < WORDS; w++)
        assert_int_equal(precis_hash_bytes(crafted[w], strlen(crafted[w])) & 0xFFFF, 0);
    char (*plain)[16] = calloc(WORDS, sizeof *plain);
    assert_non_null(plain);
    uint32_t x = 7;
    for (size_t w = 0; w < WORDS; w++) {
        for (size_t k = 0; k < 10; k++) {
            x = x * 1664525u + 1013904223u;
            plain[w][k] = (char)('a' + (x >> 24) % 26);
        }
    }
    uint64_t seeds[] = {1, 0x9E3779B97F4A7C15ULL, precis_strtab_random_seed()};
    for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
        size_t flooded = probes_to_add(crafted, seeds[s]);
        size_t random = probes_to_add(plain, seeds[s]);
        print_message("seed %zu: %zu probes for crafted words, %zu for random ones\n", s,
                      flooded, random);
        /* Linear probing at most half full: about 1.5 probes an add for
         * any words (the crafted ones in one chain would take 15,000). */
        assert_true(flooded <= 3 * random);
        assert_true(flooded <= 4 * (size_t)WORDS);
    }
    free(crafted);
    free(plain);
}

/* Summaries, splits and digests are the same bytes whatever the seeds of
 * the contexts' tables. */
static void output_does_not_depend_on_the_seed(void **state)
{
    (void)state;
    static const char text[] =
        "River floods the old town\n\n"
        "The river flooded the old town after three days of heavy rain. "
        "Rescue teams moved two hundred families from the old town to the school. "
        "The school gym became a shelter for the families. Yes. Yes. "
        "The rain stopped on Friday and the river fell back below its banks. "
        "Le maire a promis de reconstruire le pont avant l'hiver.";
    static const uint64_t seeds[] = {0, 1, 0xFFFFFFFFFFFFFFFFULL, 0x123456789ABCDEFULL};
    precis_buffer *first = test_buffer(), *out = test_buffer();
    for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
        precis_ctx *ctx;
        assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
        precis_tokens_seed(&ctx->tok, seeds[s]);
        ctx->repeats.texts.seed = seeds[s] ^ 0x5555;
        assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, 4), PRECIS_OK);
        precis_buffer_clear(out);
        precis_result *res;
        for (int algorithm = 0; algorithm < (int)precis_algorithm_count(); algorithm++) {
            assert_int_equal(precis_ctx_set_algorithm(ctx, (precis_algorithm)algorithm),
                             PRECIS_OK);
            assert_int_equal(precis_summarize(ctx, text, strlen(text), &res), PRECIS_OK);
            assert_int_equal(precis_render_ranking(res, text, strlen(text), PRECIS_FORMAT_JSONL,
                                                   NULL, out),
                             PRECIS_OK);
            precis_result_free(res);
        }
        precis_document docs[] = {{.text = text, .len = strlen(text), .name = "a"},
                                  {.text = text + 27, .len = strlen(text) - 27, .name = "b"}};
        assert_int_equal(precis_digest(ctx, docs, 2, sizeof docs[0], &res), PRECIS_OK);
        assert_int_equal(precis_render_digest(res, docs, 2, sizeof docs[0], PRECIS_FORMAT_JSONL,
                                              out),
                         PRECIS_OK);
        precis_result_free(res);
        precis_idf *idf;
        assert_int_equal(precis_idf_new(&idf), PRECIS_OK);
        idf->table.terms.seed = seeds[s] + 3;
        assert_int_equal(precis_idf_add(idf, ctx, text, strlen(text)), PRECIS_OK);
        assert_int_equal(precis_idf_write(idf, out), PRECIS_OK);
        precis_idf_free(idf);
        precis_ctx_free(ctx);
        if (s == 0) {
            precis_buffer_clear(first);
            precis_buf_append(first, precis_buffer_data(out), precis_buffer_length(out));
        } else {
            assert_int_equal(precis_buffer_length(out), precis_buffer_length(first));
            assert_memory_equal(precis_buffer_data(out), precis_buffer_data(first),
                                precis_buffer_length(out));
        }
    }
    precis_buffer_free(first);
    precis_buffer_free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(crafted_words_do_not_flood_the_table),
        cmocka_unit_test(output_does_not_depend_on_the_seed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_read_transcript.c - the transcript reader on transcripts written for
 * it (tests/data/transcript), one of each shape: cue numbers, timings,
 * timestamps, labels and tags out, cues joined, a block per speaker turn,
 * sniffing, and the map: every word's range of the file is that word,
 * with the tags inside it.
 *
 * usage: test_read_transcript DATA_DIR        the unit tests
 *        test_read_transcript --hostile CASE  one hostile transcript
 */
#define _POSIX_C_SOURCE 200809L

#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "read_transcript.h"

static const char *data_dir = ".";

typedef test_file doc;

static doc load(const char *name)
{
    return test_load_file(data_dir, name);
}

/* Every word of the clean text maps to a range of the file that is that
 * word, tags inside it aside. */
static void check_words_map(const precis_reading *rd, const char *in, size_t len)
{
    size_t pos = 0;
    while (pos < rd->len) {
        while (pos < rd->len && (rd->text[pos] == ' ' || rd->text[pos] == '\n'))
            pos++;
        size_t end = pos;
        while (end < rd->len && rd->text[end] != ' ' && rd->text[end] != '\n')
            end++;
        if (end == pos)
            break;
        size_t s, e;
        precis_reading_input_range(rd, pos, end, &s, &e);
        assert_true(s < e && e <= len);
        /* the range covers the word with the tags inside it */
        char bare[256];
        size_t n = 0;
        for (size_t i = s; i < e && n < sizeof bare; i++) {
            const char *close = in[i] == '<' ? memchr(in + i, '>', e - i) : NULL;
            if (close != NULL)
                i = (size_t)(close - in);
            else
                bare[n++] = in[i];
        }
        if (n != end - pos || memcmp(bare, rd->text + pos, n) != 0)
            fail_msg("word '%.*s' maps to '%.*s'", (int)(end - pos), rd->text + pos,
                     (int)(e - s), in + s);
        pos = end;
    }
}

/* Reads file name and checks its clean text and the number of blocks. */
static void check_file(const char *name, const char *want, size_t blocks)
{
    doc d = load(name);
    precis_decoded dec = {0};
    precis_reading rd = {0};
    assert_true(precis_looks_like_transcript(d.data, d.len));
    assert_int_equal(precis_read_transcript(&dec, &rd, d.data, d.len, NULL, 0), PRECIS_OK);
    assert_string_equal(rd.text, want);
    assert_int_equal(rd.block_count, blocks);
    check_words_map(&rd, d.data, d.len);
    precis_reading_free(&rd);
    precis_decoded_free(&dec);
    free(d.data);
}

static void test_srt(void **state)
{
    (void)state;
    check_file("talk.srt",
               "Good morning, everyone, and thank you for coming to this talk about bridge "
               "maintenance. Most bridges fail because water gets into joints that nobody "
               "inspects. A cheap camera on a pole finds those joints in a few minutes.",
               1);
}

static void test_vtt(void **state)
{
    (void)state;
    check_file("lecture.vtt",
               "Today we look at how glaciers move. Ice flows like a very slow liquid, because "
               "its crystals slide past each other under pressure.\n\n"
               "Does it move faster in summer?\n\n"
               "Yes: meltwater reaches the bed and lifts the glacier, so it slides faster.",
               3);
}

static void test_bracketed(void **state)
{
    (void)state;
    check_file("podcast.txt",
               "Welcome back to Field Notes. Today I'm talking with Dr. Ruth Webb, who led the "
               "river survey this spring.\n\n"
               "Thanks for having me, Sarah.\n\n"
               "So what did the survey actually find?\n\n"
               "The main finding is that the river's nitrate levels dropped by forty percent "
               "after the farms upstream planted buffer strips along the banks. We measured at "
               "twelve sites every week for six months, so the drop is not a seasonal accident."
               "\n\nThat's a big change.\n\n"
               "It is, and the fish counts rose at the same sites, which suggests the buffer "
               "strips help the whole ecosystem, not just the water.\n\n"
               "Thanks, Ruth.",
               7);
}

static void test_speaker_lines(void **state)
{
    (void)state;
    check_file("interview.txt",
               "Let's start with the budget. Where did the money go last year?\n\n"
               "Most of it went to the new library, which opened in March and now has twice the "
               "visitors of the old one.\n\n"
               "And the rest?\n\n"
               "The rest paid for repairs to the school roof, which had leaked for years.",
               4);
    /* "00:01:12 Name" over its text, and a label that is text */
    static const char plain[] = "00:00:01 Anna Berg\nThe first quarter went well.\n"
                                "00:00:09 Tom\nNote: sales rose by a tenth.\n"
                                "00:00:15 Tom\nProfit did too.\n";
    precis_decoded dec = {0};
    precis_reading rd = {0};
    assert_true(precis_looks_like_transcript(plain, sizeof plain - 1));
    assert_int_equal(precis_read_transcript(&dec, &rd, plain, sizeof plain - 1, NULL, 0),
                     PRECIS_OK);
    assert_string_equal(rd.text, "The first quarter went well.\n\n"
                                 "Note: sales rose by a tenth. Profit did too.");
    /* each turn names its speaker, the same speaker's next label no new one */
    assert_int_equal(rd.turn_count, 2);
    assert_string_equal(precis_reading_speaker(&rd, 0), "Anna Berg");
    const char *profit = strstr(rd.text, "Profit");
    assert_string_equal(precis_reading_speaker(&rd, (size_t)(profit - rd.text)), "Tom");
    assert_string_equal(precis_reading_speaker(&rd, strlen(rd.text) - 1), "Tom");
    precis_reading_free(&rd);
    precis_decoded_free(&dec);
}

static void test_not_transcripts(void **state)
{
    (void)state;
    static const char *const text[] = {
        "",
        "The meeting starts at 10:30 and ends at 12:00.\nBring the report.\n",
        "Note: this is prose.\nWarning: so is this.\nTip: and this.\n",
        "12\nThe twelve apostles.\n",
        "WEBVTTX is not a header\n",
    };
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        assert_false(precis_looks_like_transcript(text[i], strlen(text[i])));
    assert_false(precis_looks_like_transcript(NULL, 0));
    assert_true(precis_looks_like_transcript("WEBVTT\n", 7));
    assert_true(precis_looks_like_transcript("\xEF\xBB\xBFWEBVTT - Title\n", 19));
}

/* ---- hostile transcripts -------------------------------------------- */

#define PROSE "A sentence of prose in a hostile transcript, long enough to be kept.\n"
#define MB ((size_t)1 << 20)

static int hostile_doc(const char *name, test_bytes *b)
{
    if (strcmp(name, "empty_cues_1m") == 0) {
        test_bytes_puts(b, "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n" PROSE "\n");
        for (size_t i = 0; i < 1000000; i++)
            test_bytes_puts(b, "00:00:01.000 --> 00:00:02.000\n\n");
    } else if (strcmp(name, "speakers_1m") == 0) {
        for (size_t i = 0; i < 500000; i++)
            test_bytes_puts(b, i % 2 ? "[00:00:01] A: " PROSE : "[00:00:02] B: " PROSE);
    } else if (strcmp(name, "tags_10mb") == 0) {
        test_bytes_puts(b, "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n" PROSE);
        while (b->len < 10 * MB)
            test_bytes_puts(b, "<v A><c.x><i>a</i></c><00:00:01.000>{\\an8}<<{{");
        test_bytes_puts(b, "\n");
    } else if (strcmp(name, "one_line_50mb") == 0) {
        test_bytes_puts(b, "[00:00:01] A: " PROSE "[00:00:02] B: " PROSE "[00:00:03] A: ");
        while (b->len < 50 * MB)
            test_bytes_puts(b, "One line of fifty megabytes goes on and on. ");
    } else {
        return 0;
    }
    return 1;
}

#define HOSTILE_PEAK_RSS (1024 * MB)

static int run_hostile(const char *name)
{
    test_bytes b = {NULL, 0, 0};
    if (!hostile_doc(name, &b)) {
        fprintf(stderr, "no hostile transcript %s\n", name);
        return 2;
    }
    precis_decoded dec = {0};
    precis_reading rd = {0};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int sniffed = precis_looks_like_transcript(b.data, b.len);
    precis_status st = precis_read_transcript(&dec, &rd, b.data, b.len, NULL, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    size_t peak = (size_t)usage.ru_maxrss * 1024;
    printf("%-14s %9zu bytes -> %9zu clean bytes, %s, %.2f s, peak RSS %zu MB\n", name, b.len,
           rd.len, precis_status_str(st),
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, peak / MB);
    int ok = sniffed && st == PRECIS_OK && rd.text != NULL &&
             strstr(rd.text, "A sentence of prose in a hostile transcript") != NULL &&
             strstr(rd.text, "-->") == NULL && peak < HOSTILE_PEAK_RSS;
    precis_reading_free(&rd);
    precis_decoded_free(&dec);
    free(b.data);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--hostile") == 0)
        return run_hostile(argv[2]);
    if (argc == 2)
        data_dir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_srt),
        cmocka_unit_test(test_vtt),
        cmocka_unit_test(test_bracketed),
        cmocka_unit_test(test_speaker_lines),
        cmocka_unit_test(test_not_transcripts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * link_shared.c - the library as its users link it: this program sees
 * only include/ and links the shared libprecis (nothing internal, no
 * hidden symbol), summarizes a document, renders it and reads the result
 * through the accessors. Exits 0 on success.
 */
#include <stdio.h>
#include <string.h>

#include <precis.h>

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "link_shared: %s:%d: %s\n", __FILE__, __LINE__, #cond);        \
            return 1;                                                                      \
        }                                                                                  \
    } while (0)

int main(void)
{
    static const char text[] = "The river flooded the town after three days of rain. "
                               "Rescue teams moved families to the school. "
                               "The rain stopped on Friday and the river fell.";
    size_t len = sizeof text - 1;
    CHECK(precis_version_number() == PRECIS_VERSION_NUMBER);
    CHECK(strcmp(precis_version_string(), PRECIS_VERSION_STRING) == 0);

    precis_ctx *ctx = NULL;
    CHECK(precis_ctx_new(&ctx) == PRECIS_OK);
    CHECK(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, 2) == PRECIS_OK);
    precis_result *res = NULL;
    CHECK(precis_summarize(ctx, text, len, &res) == PRECIS_OK);
    CHECK(precis_result_sentence_count(res) == 3);
    CHECK(precis_result_summary_count(res) == 2);
    for (size_t k = 0; k < 2; k++) {
        precis_sentence s;
        CHECK(precis_result_summary(res, k, &s, sizeof s) == PRECIS_OK);
        CHECK(s.flags & PRECIS_SENTENCE_CHOSEN);
        CHECK(s.start + s.length <= len && s.text_length == s.length);
    }

    precis_buffer *out = NULL;
    CHECK(precis_buffer_new(&out) == PRECIS_OK);
    CHECK(precis_render(res, text, len, PRECIS_FORMAT_JSONL, "doc", out) == PRECIS_OK);
    CHECK(strncmp(precis_buffer_data(out), "{\"file\": \"doc\"", 14) == 0);
    CHECK(precis_buffer_length(out) == strlen(precis_buffer_data(out)));
    precis_buffer_free(out);
    precis_result_free(res);
    precis_ctx_free(ctx);

    char *summary = NULL;
    size_t summary_len = 0;
    CHECK(precis_summarize_text(text, len, 1, &summary, &summary_len) == PRECIS_OK);
    CHECK(summary_len > 0 && summary[summary_len - 1] == '\n');
    precis_free(summary);
    return 0;
}

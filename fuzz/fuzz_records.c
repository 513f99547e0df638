/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_records.c - a libFuzzer target for what reads structured input:
 * the command's record parsers (JSON Lines with yajl, TSV), the idf table
 * loader and digests of several documents.
 *
 * Byte 0 chooses the mode and its options, the rest is the input:
 *   bits 0-1: 0 JSON Lines records, 1 TSV records, 2 an idf table,
 *             3 a digest of the documents separated by 0x1E bytes
 *   bit 2: JSON Lines: copy the other fields (--keep-fields)
 *   bits 3-4: digest: format (text, json, jsonl; 3 is json too)
 *   bits 5-7: digest: its length in sentences, 1 + value
 *
 * Beyond not crashing, each mode checks what its output promises: a record
 * read gives an id and kept fields that are valid JSON (and UTF-8 text
 * from JSON); a
 * table that loads writes a table that loads to the same table; a digest
 * keeps the contract (contract.h), its budget, and renders valid JSON
 * without printing one sentence twice.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_gen.h>
#include <yajl/yajl_parse.h>

#include "contract.h"
#include "jsonl.h"
#include "precis.h"
#include "tsv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                \
        }                                                                           \
    } while (0)

/* Whether json[0, len) is one valid JSON text. */
static int valid_json(const char *json, size_t len)
{
    yajl_handle h = yajl_alloc(NULL, NULL, NULL);
    CHECK(h != NULL);
    int ok = yajl_parse(h, (const unsigned char *)json, len) == yajl_status_ok &&
             yajl_complete_parse(h) == yajl_status_ok;
    yajl_free(h);
    return ok;
}

static int bytes_equal(const bytes *a, const bytes *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static void summarize_checked(precis_ctx *ctx, const char *text, size_t len)
{
    precis_result *res;
    if (precis_summarize(ctx, text, len, &res) != PRECIS_OK) {
        CHECK(res == NULL);
        return;
    }
    CHECK(precis_contract_result(res, len, 0) == NULL);
    CHECK(precis_contract_render(res, text, len, PRECIS_FORMAT_JSONL) == NULL);
    precis_result_free(res);
}

static void records(precis_ctx *ctx, const char *input, size_t size, int tsv, int keep)
{
    static const jsonl_fields_spec plain = {"text", "id", 0, NULL};
    static const jsonl_fields_spec kept = {"text", "id", 1, NULL};
    yajl_gen gen = yajl_gen_alloc(NULL);
    jsonl_reader *reader = jsonl_reader_new();
    CHECK(gen != NULL && reader != NULL);
    record_fields f = {0}, g = {0};
    bytes scratch = {0}, object = {0};
    for (size_t pos = 0; pos <= size;) {
        const char *nl = memchr(input + pos, '\n', size - pos);
        size_t len = nl != NULL ? (size_t)(nl - (input + pos)) : size - pos;
        const char *line = input + pos;
        pos += len + 1;
        CHECK(record_fields_clear(&f));
        record_problem why = {NULL, ""};
        const jsonl_fields_spec *spec = keep ? &kept : &plain;
        int ok = tsv ? tsv_read(gen, line, len, 0, &f, &why)
                     : jsonl_read(reader, spec, gen, &scratch, line, len, &f, &why);
        if (!tsv) {
            /* The stream parser reads every line as a parser of its own. */
            CHECK(record_fields_clear(&g));
            record_problem plain_why = {NULL, ""};
            CHECK(jsonl_read_plain(spec, gen, &scratch, line, len, &g, &plain_why) == ok);
            CHECK(ok || (strcmp(why.code, plain_why.code) == 0 &&
                         strcmp(why.message, plain_why.message) == 0));
            CHECK(bytes_equal(&f.text, &g.text) && bytes_equal(&f.id_json, &g.id_json) &&
                  bytes_equal(&f.id_text, &g.id_text) && bytes_equal(&f.kept, &g.kept) &&
                  f.not_kept == g.not_kept);
        }
        if (!ok) {
            CHECK(why.code != NULL);
            continue;
        }
        /* JSON strings are UTF-8; TSV text is any bytes, as documents are. */
        CHECK(tsv || utf8_valid(f.text.data, f.text.len));
        if (f.id_json.len > 0)
            CHECK(valid_json(f.id_json.data, f.id_json.len));
        bytes_reset(&object);
        bytes_puts(&object, "{\"id\": 0");
        bytes_put(&object, f.kept.data, f.kept.len);
        bytes_puts(&object, "}");
        CHECK(!object.failed && valid_json(object.data, object.len));
        summarize_checked(ctx, f.text.data, f.text.len);
    }
    record_fields_free(&f);
    record_fields_free(&g);
    bytes_free(&scratch);
    bytes_free(&object);
    jsonl_reader_free(reader);
    yajl_gen_free(gen);
}

static void idf_table(precis_ctx *ctx, const char *input, size_t size)
{
    precis_idf *idf, *again;
    CHECK(precis_idf_new(&idf) == PRECIS_OK && precis_idf_new(&again) == PRECIS_OK);
    size_t line = 0;
    if (precis_idf_load(idf, input, size, &line) == PRECIS_OK) {
        precis_buffer *first, *second;
        CHECK(precis_buffer_new(&first) == PRECIS_OK && precis_buffer_new(&second) == PRECIS_OK);
        CHECK(precis_idf_write(idf, first) == PRECIS_OK);
        CHECK(precis_idf_load(again, precis_buffer_data(first), precis_buffer_length(first),
                              NULL) == PRECIS_OK);
        CHECK(precis_idf_documents(again) == precis_idf_documents(idf));
        CHECK(precis_idf_terms(again) == precis_idf_terms(idf));
        CHECK(precis_idf_write(again, second) == PRECIS_OK);
        CHECK(precis_buffer_length(first) == precis_buffer_length(second) &&
              memcmp(precis_buffer_data(first), precis_buffer_data(second),
                     precis_buffer_length(first)) == 0);
        static const char text[] = "The river flooded the town after rain. The town rebuilt "
                                   "the bridge. The rain stopped and the river fell.";
        CHECK(precis_ctx_set_idf(ctx, idf) == PRECIS_OK);
        summarize_checked(ctx, text, sizeof text - 1);
        CHECK(precis_ctx_set_idf(ctx, NULL) == PRECIS_OK);
        precis_buffer_free(first);
        precis_buffer_free(second);
    }
    precis_idf_free(idf);
    precis_idf_free(again);
}

static void digest(precis_ctx *ctx, const char *input, size_t size, precis_format format,
                   size_t budget)
{
    size_t n = 1;
    for (size_t i = 0; i < size; i++)
        n += input[i] == '\x1e';
    precis_document *docs = calloc(n, sizeof *docs);
    CHECK(docs != NULL);
    size_t d = 0, start = 0;
    for (size_t i = 0; i <= size; i++) {
        if (i == size || input[i] == '\x1e') {
            docs[d] = (precis_document){.text = input + start,
                                        .len = i - start,
                                        .name = d % 2 ? NULL : "doc",
                                        .id_json = d % 3 == 1 ? "null" : NULL,
                                        .id_json_len = 4};
            d++;
            start = i + 1;
        }
    }
    CHECK(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, (double)budget) == PRECIS_OK);
    precis_result *res;
    if (precis_digest(ctx, docs, n, sizeof *docs, &res) == PRECIS_OK) {
        size_t k = precis_result_summary_count(res);
        CHECK(k <= budget);
        precis_sentence *s = calloc(k ? k : 1, sizeof *s);
        CHECK(s != NULL);
        for (size_t a = 0; a < k; a++) {
            CHECK(precis_result_summary(res, a, &s[a], sizeof s[a]) == PRECIS_OK);
            CHECK(s[a].document < n && s[a].start <= docs[s[a].document].len &&
                  s[a].length <= docs[s[a].document].len - s[a].start);
        }
        /* Two chosen sentences of the same bytes would print the same. */
        for (size_t a = 0; a < k; a++)
            for (size_t b = a + 1; b < k; b++)
                CHECK(s[a].length != s[b].length || s[a].length == 0 ||
                      memcmp(docs[s[a].document].text + s[a].start,
                             docs[s[b].document].text + s[b].start, s[a].length) != 0);
        free(s);
        precis_buffer *out;
        CHECK(precis_buffer_new(&out) == PRECIS_OK);
        CHECK(precis_render_digest(res, docs, n, sizeof *docs, format, out) == PRECIS_OK);
        if (format != PRECIS_FORMAT_TEXT)
            CHECK(valid_json(precis_buffer_data(out), precis_buffer_length(out)));
        precis_buffer_free(out);
        precis_result_free(res);
    } else {
        CHECK(res == NULL);
    }
    free(docs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const precis_format formats[] = {PRECIS_FORMAT_TEXT, PRECIS_FORMAT_JSON,
                                            PRECIS_FORMAT_JSONL, PRECIS_FORMAT_JSON};
    unsigned head = data[0];
    const char *input = (const char *)data + 1;
    size--;
    precis_ctx *ctx;
    if (precis_ctx_new(&ctx) != PRECIS_OK)
        return 0;
    switch (head & 3) {
    case 0:
    case 1:
        records(ctx, input, size, (head & 3) == 1, (head >> 2) & 1);
        break;
    case 2:
        idf_table(ctx, input, size);
        break;
    default:
        digest(ctx, input, size, formats[(head >> 3) & 3], 1 + (head >> 5));
        break;
    }
    precis_ctx_free(ctx);
    return 0;
}

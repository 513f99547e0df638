/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analyse.c - a document from input bytes to sentences and terms, and the
 * choice of its input format.
 */
#include "analyse.h"

#include <stdio.h>
#include <string.h>

#include "encoding.h"
#include "lang.h"
#include "read_email.h"
#include "read_html.h"
#include "read_markdown.h"
#include "read_text.h"
#include "read_transcript.h"

/* Whether name ends with the extension ext (".html"), without case. */
static int has_extension(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    if (n <= e)
        return 0;
    for (size_t i = 0; i < e; i++) {
        char c = name[n - e + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != ext[i])
            return 0;
    }
    return 1;
}

/* Whether data starts, after a byte order mark, white space and comments,
 * with a tag that only an HTML document opens with. */
static int looks_like_html(const char *data, size_t len)
{
    static const char *const openers[] = {"<!doctype html", "<html", "<head", "<body"};
    size_t pos = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    for (;;) {
        while (pos < len && (data[pos] == ' ' || (data[pos] >= '\t' && data[pos] <= '\r')))
            pos++;
        if (len - pos >= 4 && memcmp(data + pos, "<!--", 4) == 0) {
            const char *end = NULL;
            for (size_t at = pos + 4; at + 3 <= len && end == NULL; at++)
                if (memcmp(data + at, "-->", 3) == 0)
                    end = data + at + 3;
            if (end == NULL)
                return 0;
            pos = (size_t)(end - data);
            continue;
        }
        break;
    }
    for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++) {
        size_t n = strlen(openers[k]), i = 0;
        while (i < n && pos + i < len) {
            char c = data[pos + i];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != openers[k][i])
                break;
            i++;
        }
        /* the tag name must end there: "<header" is no "<head" */
        if (i == n && (pos + n == len || data[pos + n] == '>' || data[pos + n] == ' ' ||
                       (data[pos + n] >= '\t' && data[pos + n] <= '\r') || k == 0))
            return 1;
    }
    return 0;
}

precis_input_format precis_input_format_guess(const char *name, const char *data, size_t len)
{
    if (name != NULL) {
        static const char *const html[] = {".html", ".htm", ".xhtml", ".shtml"};
        static const char *const markdown[] = {".md", ".markdown", ".mdown", ".mkd"};
        static const char *const transcript[] = {".vtt", ".srt"};
        static const char *const email[] = {".eml", ".mbox"};
        static const char *const text[] = {".txt", ".text"};
        for (size_t i = 0; i < sizeof html / sizeof html[0]; i++)
            if (has_extension(name, html[i]))
                return PRECIS_FROM_HTML;
        for (size_t i = 0; i < sizeof markdown / sizeof markdown[0]; i++)
            if (has_extension(name, markdown[i]))
                return PRECIS_FROM_MARKDOWN;
        for (size_t i = 0; i < sizeof transcript / sizeof transcript[0]; i++)
            if (has_extension(name, transcript[i]))
                return PRECIS_FROM_TRANSCRIPT;
        for (size_t i = 0; i < sizeof email / sizeof email[0]; i++)
            if (has_extension(name, email[i]))
                return PRECIS_FROM_EMAIL;
        /* A transcript is often saved as plain text: its shape tells. */
        for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
            if (has_extension(name, text[i]))
                return data != NULL && precis_looks_like_transcript(data, len)
                           ? PRECIS_FROM_TRANSCRIPT
                           : PRECIS_FROM_TEXT;
    }
    if (data != NULL && looks_like_html(data, len))
        return PRECIS_FROM_HTML;
    if (precis_looks_like_transcript(data, len))
        return PRECIS_FROM_TRANSCRIPT;
    if (precis_looks_like_email(data, len))
        return PRECIS_FROM_EMAIL;
    if (precis_looks_like_markdown(data, len))
        return PRECIS_FROM_MARKDOWN;
    return PRECIS_FROM_TEXT;
}

/* The language of text[0, len): the context's, or the detected one
 * (hint: the language the document declares, -1 for none). A document
 * that is to be tokenized (steps) is detected through the tokenizer's memo,
 * where the tokenizer finds the same words again; the vocabulary is
 * trimmed before, as before tokenizing. */
static precis_status pick_language(precis_ctx *ctx, const char *text, size_t len, int hint,
                                   int steps, int *lang)
{
    if (ctx->lang != PRECIS_LANG_AUTO) {
        *lang = ctx->lang;
        return PRECIS_OK;
    }
    precis_status st;
    if (steps & PRECIS_ANALYSE_TOKENIZE) {
        if (!(steps & PRECIS_ANALYSE_KEEP_VOCABULARY))
            precis_tokens_trim(&ctx->tok);
        st = precis_tokens_detect(&ctx->tok, text, len, hint, lang);
    } else {
        st = precis_lang_detect(text, len, &ctx->folder, hint, lang);
    }
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "language detection failed: %s", precis_status_str(st));
    return PRECIS_OK;
}

/* The encoding to read the input in: the user's, else the one its
 * transport declared, else NULL (the bytes decide). */
static const char *input_charset(const precis_ctx *ctx)
{
    if (ctx->encoding[0] != '\0')
        return ctx->encoding;
    return ctx->declared_encoding[0] != '\0' ? ctx->declared_encoding : NULL;
}

/* Plain text: decoded to UTF-8 first when its encoding is another (a
 * UTF-16 byte order mark, the user's encoding or the one its transport
 * declared, or a legacy 8-bit encoding that detection names; stray bytes
 * in UTF-8 text read as U+FFFD),
 * the decode map leading back to the input; then read by the text reader
 * (page furniture, line-end hyphenation) in the text's language, which is
 * chosen from the decoded text itself: furniture and hyphenation hardly
 * disturb it. Sets *lang. */
static precis_status read_text(precis_ctx *ctx, const char *input, size_t len, int steps,
                               int *lang)
{
    precis_reading *rd = &ctx->reading;
    int forced = ctx->encoding[0] != '\0';
    const char *charset = input_charset(ctx);
    const char *text = input;
    size_t text_len = len;
    precis_reading_reset(rd);
    if (charset != NULL || precis_text_needs_decoding(input, len)) {
        precis_decode_opts opts = {charset, forced, 0};
        precis_status st = precis_decode(&ctx->decoded, &rd->decode, input, len, &opts);
        if (st != PRECIS_OK)
            return st;
        text = ctx->decoded.text;
        text_len = ctx->decoded.len;
    }
    precis_status st = pick_language(ctx, text, text_len, -1, steps, lang);
    if (st != PRECIS_OK)
        return st;
    /* The text reader starts a reading afresh: the decode map is kept
     * aside meanwhile, and the decoded buffer, which the next document
     * reuses, is copied rather than borrowed. */
    precis_map decode = rd->decode;
    rd->decode = (precis_map){0};
    st = precis_read_text(rd, &ctx->text_reader, text, text_len, *lang);
    precis_map_free(&rd->decode);
    rd->decode = decode;
    if (st == PRECIS_OK && rd->borrowed && text != input)
        st = precis_reading_own(rd, text, text_len);
    return st;
}

/* An e-mail message: the e-mail reader makes the plain text its sender
 * wrote, with a map back to the message; then that text is read as plain
 * text is, the map taking the place of a decode map, and the subject is
 * the title. Sets *lang. */
static precis_status read_email(precis_ctx *ctx, const char *input, size_t len, int steps,
                                int *lang)
{
    precis_reading *rd = &ctx->reading;
    int forced = ctx->encoding[0] != '\0';
    const char *charset = input_charset(ctx);
    precis_status st = PRECIS_OK;
    if (ctx->email == NULL)
        st = precis_email_new(&ctx->email);
    if (st == PRECIS_OK)
        st = precis_read_email(ctx->email, input, len, charset, forced);
    if (st == PRECIS_ERR_FORMAT)
        return precis_ctx_fail(ctx, st, "reading an e-mail needs GMime 3 (libgmime-3.0), which "
                                        "cannot be loaded");
    precis_email *em = ctx->email;
    if (st != PRECIS_OK || (st = pick_language(ctx, em->text, em->len, -1, steps, lang)) !=
                             PRECIS_OK)
        return st;
    st = precis_read_text(rd, &ctx->text_reader, em->text, em->len, *lang);
    /* the reading takes the body's map; the e-mail reader keeps the old one's memory */
    precis_map map = rd->decode;
    rd->decode = em->map;
    em->map = map;
    em->map.count = 0;
    if (st == PRECIS_OK && rd->borrowed)
        st = precis_reading_own(rd, em->text, em->len);
    if (st == PRECIS_OK)
        precis_reading_set_title(rd, em->subject, strlen(em->subject));
    return st;
}

/* Fills ctx->reading from the input as the format says; for plain text
 * also *lang, and then *lang_known is set. */
static precis_status read_input(precis_ctx *ctx, const char *input, size_t len, int steps,
                                int *lang, int *lang_known)
{
    precis_input_format format = ctx->format;
    if (format == PRECIS_FROM_AUTO)
        format = precis_input_format_guess(NULL, input, len);
    precis_status st = PRECIS_OK;
    *lang_known = 0;
    if (format == PRECIS_FROM_HTML) {
        const char *charset = input_charset(ctx);
        if (ctx->html == NULL)
            st = precis_html_new(&ctx->html);
        if (st == PRECIS_OK)
            st = precis_read_html(ctx->html, &ctx->reading, input, len, charset,
                                  PRECIS_HTML_MAIN);
        if (st == PRECIS_OK)
            ctx->reading.markable = precis_html_ascii(ctx->html);
    } else if (format == PRECIS_FROM_MARKDOWN) {
        const char *charset = input_charset(ctx);
        if (ctx->markdown == NULL)
            st = precis_markdown_new(&ctx->markdown);
        if (st == PRECIS_OK)
            st = precis_read_markdown(ctx->markdown, &ctx->reading, input, len, charset,
                                      ctx->encoding[0] != '\0');
        if (st == PRECIS_ERR_FORMAT)
            st = precis_ctx_fail(ctx, st, "reading Markdown needs md4c (libmd4c.so.0), which "
                                          "cannot be loaded");
    } else if (format == PRECIS_FROM_TRANSCRIPT) {
        const char *charset = input_charset(ctx);
        st = precis_read_transcript(&ctx->decoded, &ctx->reading, input, len, charset,
                                    ctx->encoding[0] != '\0');
    } else if (format == PRECIS_FROM_EMAIL) {
        st = read_email(ctx, input, len, steps, lang);
        *lang_known = st == PRECIS_OK;
    } else {
        st = read_text(ctx, input, len, steps, lang);
        *lang_known = st == PRECIS_OK;
    }
    ctx->reading.format = format;
    return st;
}

/* Sentences that start in a block the reader knows to be a heading are
 * headings, whatever their shape (a heading in lower case, or one that
 * ends with a full stop). */
static void mark_headings(precis_segmenter *seg, const precis_reading *rd)
{
    size_t b = 0;
    for (size_t i = 0; i < seg->count && b < rd->block_count; i++) {
        size_t start = seg->spans[i].start;
        while (b < rd->block_count && rd->blocks[b].end <= start)
            b++;
        if (b < rd->block_count && rd->blocks[b].start <= start &&
            rd->blocks[b].kind == PRECIS_BLOCK_HEADING)
            seg->spans[i].flags |= PRECIS_SPAN_HEADING;
    }
}

precis_status precis_analyse(precis_ctx *ctx, const char *input, size_t len, int steps,
                             const char *what, int *lang)
{
    if (input == NULL && len > 0)
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "%s has no text", what);
    if (ctx->max_bytes != 0 && len > ctx->max_bytes)
        return precis_ctx_fail(ctx, PRECIS_ERR_TOO_LARGE, "%s is %zu bytes, over the limit of %zu",
                               what, len, ctx->max_bytes);
    int read_lang, lang_known;
    if (lang == NULL)
        lang = &read_lang;
    precis_status st = read_input(ctx, input, len, steps, lang, &lang_known);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "reading %s failed: %s", what, precis_status_str(st));
    if (steps & PRECIS_ANALYSE_READ_ONLY)
        return PRECIS_OK;
    if (!lang_known) {
        const precis_reading *read = &ctx->reading;
        int hint = read->lang[0] != '\0' ? precis_lang_from_tag(read->lang) : -1;
        if ((st = pick_language(ctx, read->text, read->len, hint, steps, lang)) != PRECIS_OK)
            return st;
    }
    const precis_reading *rd = &ctx->reading;
    st = precis_segment(&ctx->seg, rd->text, rd->len, *lang);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "sentence splitting failed: %s", precis_status_str(st));
    mark_headings(&ctx->seg, rd);
    if (!(steps & PRECIS_ANALYSE_NO_SENTENCE_LIMIT) && ctx->max_sentences != 0 &&
        ctx->seg.count > ctx->max_sentences)
        return precis_ctx_fail(ctx, PRECIS_ERR_TOO_LARGE,
                               "%s has %zu sentences, over the limit of %zu", what,
                               ctx->seg.count, ctx->max_sentences);
    if (!(steps & PRECIS_ANALYSE_TOKENIZE))
        return PRECIS_OK;
    const precis_stemmer *stemmer;
    if ((st = precis_ctx_stemmer(ctx, *lang, &stemmer)) != PRECIS_OK)
        return st;
    if (!(steps & PRECIS_ANALYSE_KEEP_VOCABULARY))
        precis_tokens_trim(&ctx->tok);
    ctx->tok.record_words = (steps & PRECIS_ANALYSE_WORDS) != 0;
    st = precis_tokenize(&ctx->tok, rd->text, ctx->seg.spans, ctx->seg.count, *lang, stemmer);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "tokenizing failed: %s", precis_status_str(st));
    return PRECIS_OK;
}

precis_status precis_analyse_document(precis_ctx *ctx, const precis_document *doc, int steps,
                                      const char *what, int *lang)
{
    precis_input_format format = ctx->format;
    char declared[PRECIS_ENCODING_NAME_MAX];
    memcpy(declared, ctx->declared_encoding, sizeof declared);
    if (doc->format != PRECIS_FROM_AUTO)
        ctx->format = doc->format;
    if (doc->encoding == NULL || precis_ctx_set_declared_encoding(ctx, doc->encoding) != PRECIS_OK)
        memcpy(ctx->declared_encoding, declared, sizeof declared);
    precis_status st = precis_analyse(ctx, doc->text, doc->len, steps, what, lang);
    ctx->format = format;
    memcpy(ctx->declared_encoding, declared, sizeof declared);
    return st;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * highlight.c - the document with its chosen sentences marked, for a
 * terminal, in Markdown or in HTML.
 */
#include "highlight.h"

#include <string.h>

#include "buffer.h"
#include "output.h"
#include "result.h"
#include "utf8.h"

/* What is being marked: text[0, len) and the ranges of the chosen
 * sentences in it, in order. */
typedef struct mark_job {
    const precis_result *res;
    const char *text;
    size_t len;
    int in_input; /* the ranges are the sentences' input ranges, else clean-text ones */
    precis_buffer *out;
} mark_job;

/* The range of the k-th chosen sentence in what is being marked. */
static void chosen_range(const mark_job *job, size_t k, size_t *start, size_t *end)
{
    const precis_sentence *s = &job->res->sentences[job->res->summary[k]];
    *start = job->in_input ? s->start : s->text_start;
    *end = *start + (job->in_input ? s->length : s->text_length);
}

/* Calls plain() on the text outside the chosen sentences and marked() on
 * each of them, in order; ranges that overlap an earlier one are cut. */
static void walk_ranges(const mark_job *job,
                        void (*plain)(const mark_job *, size_t, size_t),
                        void (*marked)(const mark_job *, size_t, size_t))
{
    size_t at = 0;
    for (size_t k = 0; k < job->res->summary_count; k++) {
        size_t start, end;
        chosen_range(job, k, &start, &end);
        if (end <= at)
            continue;
        if (start < at)
            start = at;
        plain(job, at, start);
        marked(job, start, end);
        at = end;
    }
    plain(job, at, job->len);
}

/* The length of the line break at text[pos, end) (CR LF, LF or CR), 0 when
 * there is none. */
static size_t line_break(const char *text, size_t pos, size_t end)
{
    if (text[pos] == '\n')
        return 1;
    if (text[pos] != '\r')
        return 0;
    return pos + 1 < end && text[pos + 1] == '\n' ? 2 : 1;
}

/* ------------------------------------------------------------------ */
/* Terminal                                                           */

/* text[start, end) with every control character but tab and line breaks,
 * and every byte that is not UTF-8, as U+FFFD: a document must not be able
 * to send escape sequences of its own. */
static void terminal_text(const mark_job *job, size_t start, size_t end)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    const char *text = job->text;
    size_t pos = start, run = start;
    while (pos < end) {
        size_t at = pos;
        unsigned char c = (unsigned char)text[pos];
        if ((c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r') {
            pos++;
            continue;
        }
        int32_t cp = precis_utf8_next(text, end, &pos);
        int invalid = cp == PRECIS_REPLACEMENT_CHAR && pos - at == 1;
        if (!invalid && !(cp < 0x20) && !(cp >= 0x7F && cp <= 0x9F))
            continue;
        precis_buf_append(job->out, text + run, at - run);
        precis_buf_append(job->out, replacement, 3);
        run = pos;
    }
    precis_buf_append(job->out, text + run, end - run);
}

/* A chosen sentence: marked line by line, so that each line stands alone
 * in a pager. */
static void terminal_marked(const mark_job *job, size_t start, size_t end)
{
    size_t line = start;
    precis_buf_puts(job->out, PRECIS_ANSI_MARK);
    for (size_t pos = start; pos < end;) {
        size_t brk = line_break(job->text, pos, end);
        if (brk == 0) {
            pos++;
            continue;
        }
        terminal_text(job, line, pos);
        precis_buf_puts(job->out, PRECIS_ANSI_RESET);
        precis_buf_append(job->out, job->text + pos, brk);
        precis_buf_puts(job->out, PRECIS_ANSI_MARK);
        pos += brk;
        line = pos;
    }
    terminal_text(job, line, end);
    precis_buf_puts(job->out, PRECIS_ANSI_RESET);
}

/* ------------------------------------------------------------------ */
/* Markdown                                                           */

/* Whether the clean text's byte before pos ends a line (or there is none). */
static int at_line_start(const char *text, size_t pos)
{
    while (pos > 0 && (text[pos - 1] == ' ' || text[pos - 1] == '\t'))
        pos--;
    return pos == 0 || text[pos - 1] == '\n' || text[pos - 1] == '\r';
}

/* text[start, end) with the characters that Markdown reads as markup
 * escaped: inline ones anywhere, and those that open a block (heading,
 * quotation, list item, rule) at the start of a line. */
static void markdown_text(const mark_job *job, size_t start, size_t end)
{
    static const char inline_marks[] = "\\`*_[]<>&~|";
    static const char block_marks[] = "#>+-=";
    const char *text = job->text;
    precis_buffer *out = job->out;
    size_t run = start;
    for (size_t pos = start; pos < end; pos++) {
        char c = text[pos];
        int escape = c != '\0' && strchr(inline_marks, c) != NULL;
        if (!escape && c != '\0' && strchr(block_marks, c) != NULL)
            escape = at_line_start(text, pos);
        if (!escape && (c == '.' || c == ')') && pos > start) {
            /* "1." or "2)" opening a line is a numbered item */
            size_t digits = pos;
            while (digits > 0 && text[digits - 1] >= '0' && text[digits - 1] <= '9')
                digits--;
            escape = digits < pos && at_line_start(text, digits);
        }
        if (!escape)
            continue;
        precis_buf_append(out, text + run, pos - run);
        precis_buf_append(out, "\\", 1);
        run = pos;
    }
    precis_buf_append(out, text + run, end - run);
}

/* A chosen sentence: each of its lines in ** **, white space around them
 * left outside, as emphasis cannot start or end with a space. */
static void markdown_marked(const mark_job *job, size_t start, size_t end)
{
    const char *text = job->text;
    size_t line = start;
    for (size_t pos = start; pos <= end;) {
        size_t brk = pos < end ? line_break(text, pos, end) : 0;
        if (pos < end && brk == 0) {
            pos++;
            continue;
        }
        size_t a = line, b = pos;
        while (a < b && (text[a] == ' ' || text[a] == '\t'))
            a++;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t'))
            b--;
        precis_buf_append(job->out, text + line, a - line);
        if (a < b) {
            precis_buf_append(job->out, "**", 2);
            markdown_text(job, a, b);
            precis_buf_append(job->out, "**", 2);
        }
        precis_buf_append(job->out, text + b, pos - b);
        if (pos == end)
            break;
        precis_buf_append(job->out, text + pos, brk);
        pos += brk;
        line = pos;
    }
}

/* ------------------------------------------------------------------ */
/* HTML                                                               */

static void html_text(const mark_job *job, size_t start, size_t end)
{
    precis_buf_html(job->out, job->text + start, end - start);
}

static void html_marked(const mark_job *job, size_t start, size_t end)
{
    precis_buf_puts(job->out, "<mark>");
    precis_buf_html(job->out, job->text + start, end - start);
    precis_buf_puts(job->out, "</mark>");
}

/* A standalone page: the clean text, escaped, its lines kept. */
static void html_page(const mark_job *job, const char *name)
{
    precis_buffer *out = job->out;
    const char *title = job->res->title[0] != '\0' ? job->res->title
                        : name != NULL            ? name
                                                  : "precis";
    const char *lang = precis_result_language(job->res);
    precis_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"");
    precis_buf_html(out, lang, strlen(lang));
    precis_buf_puts(out, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    precis_buf_html(out, title, strlen(title));
    precis_buf_puts(out, "</title>\n<style>body { max-width: 42em; margin: 2em auto; "
                         "padding: 0 1em; font: 1.1em/1.5 Georgia, serif; "
                         "white-space: pre-wrap; } mark { background: #ffe066; }</style>\n"
                         "</head>\n<body>");
    walk_ranges(job, html_text, html_marked);
    precis_buf_puts(out, "</body>\n</html>\n");
}

/* Whether text[pos, end) starts with the ASCII word w, without case. */
static int starts_with_word(const char *text, size_t pos, size_t end, const char *w)
{
    size_t n = strlen(w);
    if (end - pos < n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = text[pos + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[i])
            return 0;
    }
    return 1;
}

/* The end of the markup that starts at text[pos] ('<'): a comment, a tag
 * (quoted attribute values may hold '>'), or an element whose content is
 * not markup (script, style, textarea, title) up to its end tag. pos
 * itself when '<' does not start markup. */
static size_t skip_markup(const char *text, size_t pos, size_t end)
{
    static const char *const raw_text[] = {"script", "style", "textarea", "title"};
    if (pos + 1 >= end)
        return pos;
    char next = text[pos + 1];
    if (starts_with_word(text, pos, end, "<!--")) {
        for (size_t at = pos + 4; at + 3 <= end; at++)
            if (memcmp(text + at, "-->", 3) == 0)
                return at + 3;
        return end;
    }
    if (!((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '/' ||
          next == '!' || next == '?'))
        return pos;
    size_t at = pos + 1;
    char quote = 0;
    for (; at < end; at++) {
        char c = text[at];
        if (quote != 0) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            break;
        }
    }
    size_t after = at < end ? at + 1 : end;
    for (size_t k = 0; k < sizeof raw_text / sizeof raw_text[0]; k++) {
        size_t n = strlen(raw_text[k]);
        if (!starts_with_word(text, pos + 1, end, raw_text[k]) ||
            (pos + 1 + n < end && ((text[pos + 1 + n] | 0x20) >= 'a' &&
                                   (text[pos + 1 + n] | 0x20) <= 'z')))
            continue;
        for (size_t close = after; close + 2 + n <= end; close++)
            if (text[close] == '<' && text[close + 1] == '/' &&
                starts_with_word(text, close + 2, end, raw_text[k])) {
                size_t gt = close;
                while (gt < end && text[gt] != '>')
                    gt++;
                return gt < end ? gt + 1 : end;
            }
        return end;
    }
    return after;
}

static void copy_input(const mark_job *job, size_t start, size_t end)
{
    precis_buf_append(job->out, job->text + start, end - start);
}

/* A chosen sentence of the page itself: every run of its text between
 * tags in a <mark> of its own, so that the marks nest inside the page's
 * elements whatever the range crosses. */
static void page_marked(const mark_job *job, size_t start, size_t end)
{
    const char *text = job->text;
    size_t run = start, pos = start;
    while (pos <= end) {
        size_t markup = pos < end && text[pos] == '<' ? skip_markup(text, pos, end) : pos;
        if (pos < end && markup == pos) {
            pos++;
            continue;
        }
        int blank = 1;
        for (size_t i = run; i < pos && blank; i++)
            blank = text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r');
        if (!blank)
            precis_buf_puts(job->out, "<mark>");
        copy_input(job, run, pos);
        if (!blank)
            precis_buf_puts(job->out, "</mark>");
        if (pos == end)
            break;
        copy_input(job, pos, markup);
        pos = run = markup;
    }
}

/* ------------------------------------------------------------------ */

precis_status precis_render_highlight(const precis_result *result, const char *text, size_t len,
                                      precis_highlight style, const char *name,
                                      precis_buffer *out)
{
    precis_status st = precis_render_check(result, text, len, out);
    if (st != PRECIS_OK)
        return st;
    size_t clean_len = result->docs[0].len;
    const char *clean = precis_result_doc_text(result, 0, text);
    mark_job job = {result, clean, clean_len, 0, out};
    size_t mark = precis_buf_mark(out);
    switch (style) {
    case PRECIS_HIGHLIGHT_ANSI:
        walk_ranges(&job, terminal_text, terminal_marked);
        break;
    case PRECIS_HIGHLIGHT_MARKDOWN:
        walk_ranges(&job, markdown_text, markdown_marked);
        break;
    case PRECIS_HIGHLIGHT_HTML:
        if (result->format == PRECIS_FROM_HTML && result->markable) {
            job = (mark_job){result, text, len, 1, out};
            walk_ranges(&job, copy_input, page_marked);
        } else {
            html_page(&job, name);
        }
        break;
    default:
        return PRECIS_ERR_ARGUMENT;
    }
    /* Every rendering ends a line, as the text of a file does. */
    if (precis_buffer_length(out) > mark && out->data[out->len - 1] != '\n')
        precis_buf_append(out, "\n", 1);
    return precis_buf_end(out, mark);
}

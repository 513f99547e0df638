/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read_markdown.c - Markdown to clean text: decoding, front matter, md4c's
 * callbacks gathered block by block into runs of the source, and the runs
 * of the blocks that are prose appended to the reading.
 *
 * A leaf block (paragraph, heading, the text of a list item) is gathered
 * before any of it is appended, because whether it is prose is only known
 * at its end: a block whose letters all stand in link labels or code
 * spans (a table of contents, a row of badges' links, a command) is not.
 *
 * md4c is loaded with dlopen when the first Markdown document comes, as
 * GMime is for e-mail: linked, its shared library would be mapped and
 * relocated at the start of every process (about five page faults), which
 * a program run once per plain-text document pays for nothing.
 */
#include "read_markdown.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <md4c.h>

#include "ascii.h"
#include "encoding.h"
#include "utf8.h"
#include "util.h"

/* The first bytes that sniffing reads. */
#define SNIFF_MAX (64u << 10)

/* The longest entity reference decoded ("&CounterClockwiseContourIntegral;"
 * is 33 bytes). */
#define ENTITY_MAX 48

/* md4c's one entry point, loaded once per process; NULL when it cannot
 * be. */
static int (*md4c_parse)(const MD_CHAR *text, MD_SIZE size, const MD_PARSER *parser,
                         void *userdata);
static pthread_once_t md4c_once = PTHREAD_ONCE_INIT;

static void load_md4c(void)
{
    void *lib = dlopen("libmd4c.so.0", RTLD_NOW | RTLD_LOCAL);
    /* POSIX allows converting dlsym's object pointer to a function pointer. */
    if (lib != NULL && (*(void **)&md4c_parse = dlsym(lib, "md_parse")) == NULL)
        dlclose(lib);
}

/* What a gathered run is. */
enum {
    RUN_COPY = 0, /* source bytes, copied verbatim */
    RUN_UNIT,     /* decoded text in the arena, made from source bytes as a whole */
    RUN_SPACE,    /* a soft line break: a space between words */
    RUN_LINE      /* a hard line break */
};

typedef struct md_run {
    size_t src;
    size_t src_len;
    size_t dec;
    size_t dec_len;
    int kind;
} md_run;

struct precis_markdown {
    precis_decoded decoded;
    md_run *runs; /* the open leaf block */
    size_t run_count, runs_cap;
    char *arena; /* decoded units of the open block */
    size_t arena_len, arena_cap;
    /* Per document. */
    precis_reading *rd;
    const char *src; /* the UTF-8 text parsed */
    size_t src_len;
    size_t last_src;    /* where the last text came from: the place of units with none */
    unsigned skip;      /* depth of blocks that are not text: code, HTML, tables */
    unsigned image;     /* depth of images */
    unsigned aside;     /* depth of links and code spans */
    unsigned heading;   /* inside a heading */
    size_t prose;       /* letters of the open block outside links and code */
    int titled;         /* rd->title is set */
    precis_status st;
};

precis_status precis_markdown_new(precis_markdown **out)
{
    if (out == NULL)
        return PRECIS_ERR_ARGUMENT;
    *out = calloc(1, sizeof **out);
    return *out != NULL ? PRECIS_OK : PRECIS_ERR_NOMEM;
}

void precis_markdown_free(precis_markdown *md)
{
    if (md == NULL)
        return;
    precis_decoded_free(&md->decoded);
    free(md->runs);
    free(md->arena);
    free(md);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Letters and digits; every byte of a character beyond ASCII counts. */
static size_t count_letters(const char *s, size_t n)
{
    size_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        letters += c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    }
    return letters;
}

static precis_status add_run(precis_markdown *md, int kind, size_t src, size_t src_len,
                             size_t dec, size_t dec_len)
{
    if (PRECIS_RESERVE(md->runs, md->runs_cap, md->run_count + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    md->runs[md->run_count++] = (md_run){src, src_len, dec, dec_len, kind};
    return PRECIS_OK;
}

/* Appends the gathered block to the reading when it is prose (a heading
 * always is) and empties it. The first heading is the title unless front
 * matter gave one. */
static precis_status flush(precis_markdown *md)
{
    precis_reading *rd = md->rd;
    int heading = md->heading > 0;
    precis_status st = PRECIS_OK;
    if (heading || md->prose > 0) {
        for (size_t i = 0; i < md->run_count && st == PRECIS_OK; i++) {
            const md_run *r = &md->runs[i];
            if (r->kind == RUN_COPY)
                st = precis_reading_copy(rd, md->src, r->src, r->src_len);
            else if (r->kind == RUN_UNIT)
                st = precis_reading_put(rd, md->arena + r->dec, r->dec_len, r->src, r->src_len);
            else if (r->kind == RUN_SPACE)
                precis_reading_space(rd);
            else
                precis_reading_line_break(rd);
        }
        if (st == PRECIS_OK && heading && !md->titled && rd->block_start != SIZE_MAX) {
            precis_reading_set_title(rd, rd->own + rd->block_start, rd->len - rd->block_start);
            md->titled = 1;
        }
        if (st == PRECIS_OK)
            st = precis_reading_end_block(rd, heading ? PRECIS_BLOCK_HEADING : PRECIS_BLOCK_TEXT);
    }
    md->run_count = 0;
    md->arena_len = 0;
    md->prose = 0;
    return st;
}

/* md4c's callbacks stop the parse with a non-zero return; md->st says why. */
static int fail(precis_markdown *md, precis_status st)
{
    md->st = st;
    return st != PRECIS_OK;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    (void)detail;
    precis_markdown *md = userdata;
    if (md->skip == 0 && fail(md, flush(md)))
        return 1;
    if (type == MD_BLOCK_CODE || type == MD_BLOCK_HTML || type == MD_BLOCK_TABLE)
        md->skip++;
    else if (type == MD_BLOCK_H)
        md->heading++;
    return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    (void)detail;
    precis_markdown *md = userdata;
    if (md->skip == 0 && fail(md, flush(md)))
        return 1;
    if ((type == MD_BLOCK_CODE || type == MD_BLOCK_HTML || type == MD_BLOCK_TABLE) &&
        md->skip > 0)
        md->skip--;
    else if (type == MD_BLOCK_H && md->heading > 0)
        md->heading--;
    return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *userdata)
{
    (void)detail;
    precis_markdown *md = userdata;
    if (type == MD_SPAN_IMG)
        md->image++;
    else if (type == MD_SPAN_A || type == MD_SPAN_CODE || type == MD_SPAN_WIKILINK)
        md->aside++;
    return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *userdata)
{
    (void)detail;
    precis_markdown *md = userdata;
    if (type == MD_SPAN_IMG && md->image > 0)
        md->image--;
    else if ((type == MD_SPAN_A || type == MD_SPAN_CODE || type == MD_SPAN_WIKILINK) &&
             md->aside > 0)
        md->aside--;
    return 0;
}

/* The UTF-8 of the character that the entity reference e[0, n) ("&amp;",
 * "&#233;", "&#x2014;") names, into out; 0 when it names none. */
static size_t decode_entity(const char *e, size_t n, char out[4])
{
    if (n < 3 || n > ENTITY_MAX || e[0] != '&' || e[n - 1] != ';')
        return 0;
    int32_t cp = -1;
    if (e[1] == '#') {
        int hex = n > 3 && (e[2] == 'x' || e[2] == 'X');
        size_t i = hex ? 3 : 2;
        if (i >= n - 1)
            return 0;
        long value = 0;
        for (; i < n - 1; i++) {
            char c = e[i];
            int digit = c >= '0' && c <= '9'                  ? c - '0'
                        : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                                       : -1;
            if (digit < 0)
                return 0;
            value = value * (hex ? 16 : 10) + digit;
            if (value > 0x10FFFF)
                value = 0x110000;
        }
        /* NUL, surrogates and values past Unicode read as U+FFFD, as
         * CommonMark says. */
        cp = value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)
                 ? 0xFFFD
                 : (int32_t)value;
    } else {
        char name[ENTITY_MAX];
        memcpy(name, e + 1, n - 2);
        name[n - 2] = '\0';
        const htmlEntityDesc *desc = htmlEntityLookup((const xmlChar *)name);
        if (desc == NULL)
            return 0;
        cp = (int32_t)desc->value;
    }
    return precis_utf8_encode(cp, out);
}

/* Adds the decoded text clean[0, n) as a unit made from src[at, at + len). */
static precis_status add_unit(precis_markdown *md, const char *clean, size_t n, size_t at,
                              size_t len)
{
    if (PRECIS_RESERVE(md->arena, md->arena_cap, md->arena_len + n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memcpy(md->arena + md->arena_len, clean, n);
    md->arena_len += n;
    return add_run(md, RUN_UNIT, at, len, md->arena_len - n, n);
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *userdata)
{
    precis_markdown *md = userdata;
    if (md->skip > 0 || md->image > 0 || type == MD_TEXT_HTML || type == MD_TEXT_LATEXMATH)
        return 0;
    /* md4c passes pieces of the text it parses, apart from a few constant
     * strings (the replacement of a NUL byte, line breaks). */
    int inside = s >= md->src && (size_t)(s - md->src) <= md->src_len &&
                 size <= md->src_len - (size_t)(s - md->src);
    size_t at = inside ? (size_t)(s - md->src) : md->last_src;
    precis_status st = PRECIS_OK;
    if (type == MD_TEXT_SOFTBR)
        st = add_run(md, RUN_SPACE, at, 0, 0, 0);
    else if (type == MD_TEXT_BR)
        st = add_run(md, RUN_LINE, at, 0, 0, 0);
    else if (type == MD_TEXT_NULLCHAR)
        st = add_unit(md, "\xEF\xBF\xBD", 3, at, inside ? size : 0);
    else if (!inside)
        return 0;
    else {
        char utf8[4];
        size_t n = type == MD_TEXT_ENTITY ? decode_entity(s, size, utf8) : 0;
        if (n > 0)
            st = add_unit(md, utf8, n, at, size);
        else
            st = add_run(md, RUN_COPY, at, size, 0, 0);
        if (md->aside == 0)
            md->prose += n > 0 ? 1 : count_letters(s, size);
        md->last_src = at + size;
    }
    return fail(md, st);
}

/* The end of the line that starts at pos: the position of its '\n' or len. */
static size_t line_end(const char *s, size_t len, size_t pos)
{
    const char *nl = memchr(s + pos, '\n', len - pos);
    return nl != NULL ? (size_t)(nl - s) : len;
}

/* Whether s[start, end) is the marker (three of one character) followed by
 * nothing but white space. */
static int is_fence_line(const char *s, size_t start, size_t end, const char *marker)
{
    if (end - start < 3 || memcmp(s + start, marker, 3) != 0)
        return 0;
    for (size_t i = start + 3; i < end; i++)
        if (!is_space(s[i]))
            return 0;
    return 1;
}

/* Takes the title from a front matter line ("title: A Guide" in YAML,
 * "title = \"A Guide\"" in TOML), quotes dropped. */
static void front_matter_title(precis_reading *rd, const char *s, size_t start, size_t end,
                               int toml)
{
    if (end - start < 6 || memcmp(s + start, "title", 5) != 0)
        return;
    size_t pos = start + 5;
    while (pos < end && (s[pos] == ' ' || s[pos] == '\t'))
        pos++;
    if (pos >= end || s[pos] != (toml ? '=' : ':'))
        return;
    pos++;
    while (pos < end && is_space(s[pos]))
        pos++;
    while (end > pos && is_space(s[end - 1]))
        end--;
    if (end - pos >= 2 && (s[pos] == '"' || s[pos] == '\'') && s[end - 1] == s[pos]) {
        pos++;
        end--;
    }
    if (end > pos)
        precis_reading_set_title(rd, s + pos, end - pos);
}

/* The length of the front matter that opens s[0, len) (after a byte order
 * mark at bom): "---" ... "---" or "..." (YAML), "+++" ... "+++" (TOML); 0
 * when there is none. */
static size_t front_matter(const char *s, size_t len, size_t bom)
{
    size_t first = line_end(s, len, bom);
    int toml = is_fence_line(s, bom, first, "+++");
    if (first >= len || (!toml && !is_fence_line(s, bom, first, "---")))
        return 0;
    for (size_t pos = first + 1; pos < len;) {
        size_t end = line_end(s, len, pos);
        if (toml ? is_fence_line(s, pos, end, "+++")
                 : is_fence_line(s, pos, end, "---") || is_fence_line(s, pos, end, "...")) {
            return end < len ? end + 1 : end;
        }
        pos = end + 1;
    }
    return 0;
}

/* Sets rd's title from the front matter s[0, fm). */
static void front_matter_metadata(precis_reading *rd, const char *s, size_t fm, size_t bom)
{
    int toml = s[bom] == '+';
    for (size_t pos = line_end(s, fm, bom) + 1; pos < fm;) {
        size_t end = line_end(s, fm, pos);
        front_matter_title(rd, s, pos, end, toml);
        pos = end + 1;
    }
}

static size_t bom_length(const char *s, size_t len)
{
    return len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

precis_status precis_read_markdown(precis_markdown *md, precis_reading *rd, const char *in,
                                   size_t len, const char *charset, int forced)
{
    precis_reading_reset(rd);
    if (pthread_once(&md4c_once, load_md4c) != 0 || md4c_parse == NULL)
        return PRECIS_ERR_FORMAT;
    precis_decode_opts opts = {charset, forced, 0};
    precis_status st = precis_decode(&md->decoded, &rd->decode, in, len, &opts);
    if (st != PRECIS_OK)
        return st;
    const char *src = md->decoded.text;
    size_t src_len = md->decoded.len;
    if (src_len > UINT_MAX)
        return PRECIS_ERR_TOO_LARGE;
    md->rd = rd;
    md->src = src;
    md->src_len = src_len;
    md->run_count = md->arena_len = 0;
    md->skip = md->image = md->aside = md->heading = 0;
    md->prose = 0;
    md->titled = 0;
    md->st = PRECIS_OK;
    size_t bom = bom_length(src, src_len);
    size_t fm = front_matter(src, src_len, bom);
    if (fm > 0) {
        front_matter_metadata(rd, src, fm, bom);
        md->titled = rd->title[0] != '\0';
    }
    size_t start = fm > 0 ? fm : bom;
    md->last_src = start;
    MD_PARSER parser = {0};
    parser.flags = MD_DIALECT_GITHUB;
    parser.enter_block = enter_block;
    parser.leave_block = leave_block;
    parser.enter_span = enter_span;
    parser.leave_span = leave_span;
    parser.text = text;
    int failed = md4c_parse(src + start, (MD_SIZE)(src_len - start), &parser, md);
    if (md->st != PRECIS_OK)
        return md->st;
    /* md4c fails on its own only when memory runs out. */
    if (failed != 0)
        return PRECIS_ERR_NOMEM;
    if ((st = flush(md)) != PRECIS_OK)
        return st;
    return precis_reading_finish(rd);
}

/* Markdown structure that a line shows. */
enum {
    SIG_HEADING = 1,   /* "# Title" */
    SIG_FENCE = 2,     /* ``` or ~~~ */
    SIG_LINK = 4,      /* [text](url), ![alt](src) */
    SIG_TABLE = 8,     /* | a | b | over |---|---| */
    SIG_EMPHASIS = 16, /* **strong** or `code` */
    SIG_SETEXT = 32    /* a line of === under text */
};

/* The signals a line shows at its start: heading, fence, table, setext
 * underline. */
static int line_start_signals(const char *s, size_t start, size_t end, int prev_text)
{
    int sig = 0;
    size_t pos = start, hashes = 0;
    while (pos < end && pos - start < 3 && s[pos] == ' ')
        pos++;
    while (pos + hashes < end && s[pos + hashes] == '#')
        hashes++;
    if (hashes >= 1 && hashes <= 6 && pos + hashes < end && s[pos + hashes] == ' ' &&
        pos + hashes + 1 < end && !is_space(s[pos + hashes + 1]))
        sig |= SIG_HEADING;
    if (end - pos >= 3 && (memcmp(s + pos, "```", 3) == 0 || memcmp(s + pos, "~~~", 3) == 0))
        sig |= SIG_FENCE;
    if (end - pos >= 3 && s[pos] == '|' && s[end - 1 - (s[end - 1] == '\r')] == '|') {
        int dashes = 1;
        for (size_t i = pos; i < end && dashes; i++)
            dashes = s[i] == '|' || s[i] == '-' || s[i] == ':' || is_space(s[i]);
        if (dashes)
            sig |= SIG_TABLE;
    }
    if (prev_text && end - pos >= 3 && s[pos] == '=') {
        size_t i = pos;
        while (i < end && s[i] == '=')
            i++;
        while (i < end && is_space(s[i]))
            i++;
        if (i == end)
            sig |= SIG_SETEXT;
    }
    return sig;
}

/* The signals inside a line: links and emphasis. */
static int inline_signals(const char *s, size_t start, size_t end)
{
    int sig = 0;
    size_t pos = start;
    while (pos < end && pos - start < 3 && s[pos] == ' ')
        pos++;
    for (size_t i = pos; i + 1 < end; i++) {
        /* Eight bytes at a time while none of them is ']', '*' or '`'. */
        while (end - i >= 8) {
            uint64_t v = precis_ascii_load8(s + i);
            if (precis_ascii_any8(v, ']') || precis_ascii_any8(v, '*') || precis_ascii_any8(v, '`'))
                break;
            i += 8;
        }
        if (i + 1 >= end)
            break;
        if (s[i] == ']' && s[i + 1] == '(')
            sig |= SIG_LINK;
        else if ((s[i] == '*' && s[i + 1] == '*' && i + 2 < end && !is_space(s[i + 2])) ||
                 (s[i] == '`' && i + 2 < end && s[i + 1] != '`' && memchr(s + i + 2, '`', end - i - 2)))
            sig |= SIG_EMPHASIS;
    }
    return sig;
}

/* A heading is the one sign that plain text seldom shows; it takes a
 * second heading or another kind of structure to tell. */
static int decides_markdown(int kinds, int headings)
{
    if (headings == 0)
        return (kinds & SIG_FENCE) && (kinds & (SIG_LINK | SIG_TABLE | SIG_EMPHASIS));
    return headings >= 2 || (kinds & ~(SIG_HEADING | SIG_SETEXT)) != 0;
}

int precis_looks_like_markdown(const char *data, size_t len)
{
    if (data == NULL)
        return 0;
    if (len > SNIFF_MAX)
        len = SNIFF_MAX;
    size_t bom = bom_length(data, len);
    if (front_matter(data, len, bom) > 0)
        return 1;
    int kinds = 0, headings = 0, prev_text = 0;
    for (size_t pos = bom; pos < len;) {
        size_t end = line_end(data, len, pos);
        int sig = line_start_signals(data, pos, end, prev_text);
        kinds |= sig;
        headings += (sig & (SIG_HEADING | SIG_SETEXT)) != 0;
        prev_text = 0;
        for (size_t i = pos; i < end && !prev_text; i++)
            prev_text = !is_space(data[i]);
        pos = end + 1;
    }
    /* Plain text, without a heading or a fence, is told from the starts
     * of its lines: links and emphasis are looked for only where they
     * may decide. */
    if (decides_markdown(kinds | SIG_LINK | SIG_EMPHASIS, headings) ==
        decides_markdown(kinds, headings))
        return decides_markdown(kinds, headings);
    for (size_t pos = bom; pos < len;) {
        size_t end = line_end(data, len, pos);
        kinds |= inline_signals(data, pos, end);
        pos = end + 1;
    }
    return decides_markdown(kinds, headings);
}

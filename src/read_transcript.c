/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read_transcript.c - transcripts and subtitles to clean text, line by
 * line: what a line is (a header, a timing, a cue number, a label, text)
 * is decided from the line and the one after it, and the text of a line
 * is copied between its tags, so every clean byte is a verbatim byte of
 * the file.
 */
#include "read_transcript.h"

#include <string.h>

#include "util.h"

/* The longest speaker label, in bytes. */
#define LABEL_MAX 48
#define LABEL_WORDS 4

/* The lines that sniffing reads. */
#define SNIFF_LINES 100

typedef struct line {
    size_t start, end; /* content, without the line break and a '\r' */
    size_t next;       /* where the next line starts */
} line;

static line line_at(const char *s, size_t len, size_t pos)
{
    const char *nl = memchr(s + pos, '\n', len - pos);
    size_t end = nl != NULL ? (size_t)(nl - s) : len;
    line l = {pos, end, nl != NULL ? end + 1 : len};
    if (l.end > l.start && s[l.end - 1] == '\r')
        l.end--;
    return l;
}

static int is_blank(const char *s, line l)
{
    for (size_t i = l.start; i < l.end; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t skip_blanks(const char *s, size_t pos, size_t end)
{
    while (pos < end && (s[pos] == ' ' || s[pos] == '\t'))
        pos++;
    return pos;
}

/* The end of a timestamp at s[pos] ("1:02", "00:01:12", "00:01:12,345",
 * "00:12.5", in [] or () when bracketed is set), or pos when there is none. */
static size_t timestamp_end(const char *s, size_t pos, size_t end, int bracketed)
{
    size_t at = pos;
    char close = 0;
    if (bracketed && at < end && (s[at] == '[' || s[at] == '(')) {
        close = s[at] == '[' ? ']' : ')';
        at++;
    }
    int fields = 0;
    for (;;) {
        size_t digits = 0;
        while (at < end && is_digit(s[at]) && digits < 3) {
            at++;
            digits++;
        }
        if (digits == 0 || (fields > 0 && digits != 2))
            return pos;
        fields++;
        if (fields < 3 && at + 1 < end && s[at] == ':' && is_digit(s[at + 1]))
            at++;
        else
            break;
    }
    if (fields < 2)
        return pos;
    if (at + 1 < end && (s[at] == '.' || s[at] == ',') && is_digit(s[at + 1])) {
        at++;
        while (at < end && is_digit(s[at]))
            at++;
    }
    if (close != 0) {
        if (at >= end || s[at] != close)
            return pos;
        at++;
    }
    return at;
}

/* A cue timing line: "00:00:01,000 --> 00:00:04,000" with settings after. */
static int is_timing(const char *s, line l)
{
    size_t pos = skip_blanks(s, l.start, l.end);
    size_t at = timestamp_end(s, pos, l.end, 0);
    if (at == pos)
        return 0;
    at = skip_blanks(s, at, l.end);
    return l.end - at >= 3 && memcmp(s + at, "-->", 3) == 0;
}

static int is_number(const char *s, line l)
{
    size_t pos = skip_blanks(s, l.start, l.end);
    if (pos == l.end)
        return 0;
    while (pos < l.end && is_digit(s[pos]))
        pos++;
    return skip_blanks(s, pos, l.end) == l.end;
}

/* Whether the line starts with the word w followed by white space or its
 * end ("NOTE", "STYLE"). */
static int starts_word(const char *s, line l, const char *w)
{
    size_t n = strlen(w);
    return l.end - l.start >= n && memcmp(s + l.start, w, n) == 0 &&
           (l.end - l.start == n || s[l.start + n] == ' ' || s[l.start + n] == '\t');
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

/* A speaker label at s[pos]: "WEBB:", "Speaker 1 (00:12):", "Dr. Ruth
 * Webb:" after a timestamp. Returns the position after its ':' and stores
 * the name's end, or returns pos when there is none. A label is at most
 * LABEL_WORDS words starting with a capital, without sentence
 * punctuation; one that is neither in capitals nor timed nor after a
 * timestamp is taken for text ("Note: ..."). */
static size_t label_end(const char *s, size_t pos, size_t end, int timed, size_t *name_end)
{
    if (pos >= end || !(is_upper(s[pos]) || (unsigned char)s[pos] >= 0x80))
        return pos;
    size_t at = pos, words = 1, lower = 0, stamp = 0;
    while (at < end && at - pos <= LABEL_MAX) {
        char c = s[at];
        if (c == ':') {
            break;
        } else if (c == '(' || c == '[') {
            size_t after = timestamp_end(s, at, end, 1);
            if (after == at)
                return pos;
            if (!stamp)
                *name_end = at;
            stamp = 1;
            at = after;
            continue;
        } else if (c == ' ') {
            if (at + 1 < end && s[at + 1] != ' ' && s[at + 1] != '(' && s[at + 1] != '[')
                words++;
        } else if (c == ',' || c == ';' || c == '!' || c == '?' || c == '"' || c == '\t') {
            return pos;
        }
        lower += is_lower(c);
        at++;
    }
    if (at >= end || s[at] != ':' || words > LABEL_WORDS ||
        (at + 1 < end && s[at + 1] != ' ' && s[at + 1] != '\t'))
        return pos;
    if (!stamp)
        *name_end = at;
    while (*name_end > pos && s[*name_end - 1] == ' ')
        (*name_end)--;
    if (!(timed || stamp || lower == 0))
        return pos;
    return at + 1;
}

/* Whether s[pos, end) is a name on its own ("Sarah Jones" after a
 * timestamp): a few words, each starting with a capital, no punctuation
 * but a period after an initial. */
static int is_name_only(const char *s, size_t pos, size_t end)
{
    size_t words = 0;
    while (pos < end) {
        if (!is_upper(s[pos]) && (unsigned char)s[pos] < 0x80)
            return 0;
        while (pos < end && s[pos] != ' ') {
            char c = s[pos];
            if (c == ',' || c == ';' || c == '!' || c == '?' || c == ':' || c == '"' ||
                (c == '.' && pos + 1 < end && s[pos + 1] != ' '))
                return 0;
            pos++;
        }
        if (s[pos - 1] == '.' && pos - 1 > 0 && !is_upper(s[pos - 2]))
            return 0;
        words++;
        pos = skip_blanks(s, pos, end);
    }
    return words >= 1 && words <= LABEL_WORDS - 1;
}

typedef struct reader {
    precis_reading *rd;
    const char *s;
    size_t speaker, speaker_len; /* the current speaker's name in s; len 0: none */
} reader;

/* A new speaker ends the open block. */
static precis_status set_speaker(reader *r, size_t start, size_t end)
{
    size_t n = end - start;
    if (n == r->speaker_len && memcmp(r->s + start, r->s + r->speaker, n) == 0)
        return PRECIS_OK;
    r->speaker = start;
    r->speaker_len = n;
    precis_status st = precis_reading_end_block(r->rd, PRECIS_BLOCK_TEXT);
    return st == PRECIS_OK ? precis_reading_turn(r->rd, r->s + start, n) : st;
}

/* Copies s[pos, end) without its cue tags: <v Name> (which names the
 * speaker), </v>, <i>, <c.x>, <00:01.000>, and SubRip's {\an8}. Tags
 * stand inside words as often as between them, so they part nothing. */
static precis_status copy_text(reader *r, size_t pos, size_t end)
{
    const char *s = r->s;
    size_t run = pos;
    precis_status st = PRECIS_OK;
    while (pos < end && st == PRECIS_OK) {
        char c = s[pos];
        char close = c == '<' ? '>' : c == '{' && pos + 1 < end && s[pos + 1] == '\\' ? '}' : 0;
        const char *stop = close != 0 ? memchr(s + pos, close, end - pos) : NULL;
        if (stop == NULL) {
            pos++;
            continue;
        }
        size_t after = (size_t)(stop - s) + 1;
        if (pos > run)
            st = precis_reading_copy(r->rd, s, run, pos - run);
        if (st == PRECIS_OK && c == '<' && after - pos > 3 && s[pos + 1] == 'v' &&
            (s[pos + 2] == ' ' || s[pos + 2] == '.')) {
            size_t name = pos + 2;
            while (name < after - 1 && s[name] != ' ')
                name++;
            name = skip_blanks(s, name, after - 1);
            st = set_speaker(r, name, after - 1);
        }
        pos = run = after;
    }
    if (st == PRECIS_OK && end > run)
        st = precis_reading_copy(r->rd, s, run, end - run);
    return st;
}

/* Reads one line of text: a timestamp and a label stripped, a label line
 * or a name after a timestamp taken as the speaker, the rest copied. */
static precis_status read_text_line(reader *r, line l)
{
    const char *s = r->s;
    size_t pos = skip_blanks(s, l.start, l.end);
    size_t after = timestamp_end(s, pos, l.end, 1);
    int timed = after > pos;
    if (timed) {
        /* "[00:01:12 - 00:01:15]" and "00:01 --> 00:04" ranges */
        size_t more = skip_blanks(s, after, l.end);
        if (more < l.end && s[more] == '-') {
            size_t dash = more;
            while (dash < l.end && (s[dash] == '-' || s[dash] == '>'))
                dash++;
            size_t second = timestamp_end(s, skip_blanks(s, dash, l.end), l.end, 1);
            if (second > dash)
                after = second;
        }
        pos = skip_blanks(s, after, l.end);
    }
    size_t name_end = pos;
    size_t text = label_end(s, pos, l.end, timed, &name_end);
    precis_status st = PRECIS_OK;
    if (text > pos) {
        if ((st = set_speaker(r, pos, name_end)) != PRECIS_OK)
            return st;
        pos = skip_blanks(s, text, l.end);
    } else if (timed && is_name_only(s, pos, l.end)) {
        return set_speaker(r, pos, l.end);
    }
    /* a subtitle's dialogue dash */
    if (l.end - pos >= 2 && s[pos] == '-' && s[pos + 1] == ' ')
        pos += 2;
    if ((st = copy_text(r, pos, l.end)) != PRECIS_OK)
        return st;
    precis_reading_space(r->rd);
    return PRECIS_OK;
}

precis_status precis_read_transcript(precis_decoded *d, precis_reading *rd, const char *in,
                                     size_t len, const char *charset, int forced)
{
    precis_reading_reset(rd);
    precis_decode_opts opts = {charset, forced, 0};
    precis_status st = precis_decode(d, &rd->decode, in, len, &opts);
    if (st != PRECIS_OK)
        return st;
    const char *s = d->text;
    size_t n = d->len;
    reader r = {rd, s, 0, 0};
    size_t pos = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    int skipping = 0, first = 1;
    while (pos < n && st == PRECIS_OK) {
        line l = line_at(s, n, pos);
        pos = l.next;
        if (is_blank(s, l)) {
            skipping = 0;
            continue;
        }
        int header = first && starts_word(s, l, "WEBVTT");
        first = 0;
        if (skipping)
            continue;
        if (header || starts_word(s, l, "NOTE") || starts_word(s, l, "STYLE") ||
            starts_word(s, l, "REGION")) {
            skipping = 1;
            continue;
        }
        if (is_timing(s, l))
            continue;
        /* a cue identifier or number: the line over a timing */
        if (pos < n && is_timing(s, line_at(s, n, pos)))
            continue;
        st = read_text_line(&r, l);
    }
    if (st != PRECIS_OK)
        return st;
    return precis_reading_finish(rd);
}

int precis_looks_like_transcript(const char *data, size_t len)
{
    if (data == NULL)
        return 0;
    size_t pos = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    line l = line_at(data, len, pos);
    if (starts_word(data, l, "WEBVTT"))
        return 1;
    while (pos < len && is_blank(data, l)) {
        pos = l.next;
        l = line_at(data, len, pos);
    }
    if (pos < len && is_number(data, l) && l.next < len &&
        is_timing(data, line_at(data, len, l.next)))
        return 1;
    size_t lines = 0, timed = 0;
    for (; pos < len && lines < SNIFF_LINES; pos = l.next) {
        l = line_at(data, len, pos);
        if (is_blank(data, l))
            continue;
        lines++;
        size_t start = skip_blanks(data, l.start, l.end), name_end = start;
        if (timestamp_end(data, start, l.end, 1) > start) {
            timed++;
        } else {
            size_t after = label_end(data, start, l.end, 0, &name_end);
            /* "Speaker 1 (00:12):" names a time */
            timed += after > start && memchr(data + start, '(', after - start) != NULL;
        }
    }
    return timed >= 3 && timed * 3 >= lines;
}

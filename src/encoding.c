/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * encoding.c - input bytes to UTF-8: byte order marks, declared charsets
 * (resolved as browsers resolve their labels), a <meta> prescan, UTF-8
 * validation, detection with uchardet and conversion with iconv, every
 * output character mapped back to the bytes it came from.
 */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <uchardet.h>

#include "ascii.h"
#include "utf8.h"
#include "util.h"

/* How a charset is read. */
enum {
    CS_UTF8 = 1,      /* UTF-8 itself */
    CS_UTF16LE = 2,   /* decoded here, not by iconv */
    CS_UTF16BE = 3,
    CS_ICONV = 4,     /* iconv, with the flags below */
    CS_KIND = 7,
    CS_ASCII = 8      /* bytes below 0x80 are ASCII wherever a character starts */
};

typedef struct charset_info {
    const char *label;  /* lower case, as pages write it */
    const char *iconv;  /* glibc's name; NULL for the kinds decoded here */
    const char *name;   /* the name reported */
    unsigned flags;
} charset_info;

/* Labels as browsers resolve them (the WHATWG Encoding Standard): most
 * legacy labels mean a Microsoft superset of what they name. Sorted by
 * label for bsearch. */
static const charset_info charsets[] = {
    {"ansi_x3.4-1968", "WINDOWS-1252", "windows-1252", CS_ICONV | CS_ASCII},
    {"ascii", "WINDOWS-1252", "windows-1252", CS_ICONV | CS_ASCII},
    {"big5", "BIG5-HKSCS", "Big5", CS_ICONV | CS_ASCII},
    {"big5-hkscs", "BIG5-HKSCS", "Big5", CS_ICONV | CS_ASCII},
    {"cn-big5", "BIG5-HKSCS", "Big5", CS_ICONV | CS_ASCII},
    {"cp1250", "WINDOWS-1250", "windows-1250", CS_ICONV | CS_ASCII},
    {"cp1251", "WINDOWS-1251", "windows-1251", CS_ICONV | CS_ASCII},
    {"cp1252", "WINDOWS-1252", "windows-1252", CS_ICONV | CS_ASCII},
    {"cp1253", "WINDOWS-1253", "windows-1253", CS_ICONV | CS_ASCII},
    {"cp1254", "WINDOWS-1254", "windows-1254", CS_ICONV | CS_ASCII},
    {"cp1255", "WINDOWS-1255", "windows-1255", CS_ICONV | CS_ASCII},
    {"cp1256", "WINDOWS-1256", "windows-1256", CS_ICONV | CS_ASCII},
    {"cp1257", "WINDOWS-1257", "windows-1257", CS_ICONV | CS_ASCII},
    {"cp1258", "WINDOWS-1258", "windows-1258", CS_ICONV | CS_ASCII},
    {"cp819", "WINDOWS-1252", "windows-1252", CS_ICONV | CS_ASCII},
    {"cp866", "IBM866", "IBM866", CS_ICONV | CS_ASCII},
    {"cp874", "CP874", "windows-874", CS_ICONV | CS_ASCII},
    {"cp936", "GB18030", "GBK", CS_ICONV | CS_ASCII},
    {"csbig5", "BIG5-HKSCS", "Big5", CS_ICONV | CS_ASCII},
    {"cseuckr", "CP949", "EUC-KR", CS_ICONV | CS_ASCII},
    {"csisolatin1", "WINDOWS-1252", "windows-1252", CS_ICONV | CS_ASCII},
    {"csisolatin2", "ISO-8859-2", "ISO-8859-2", CS_ICONV | CS_ASCII},
    {"csshiftjis", "CP932", "Shift_JIS", CS_ICONV | CS_ASCII},
    {"euc-jp", "EUC-JP", "EUC-JP", CS_ICONV | CS_ASCII},
    {"euc-kr", "CP949", "EUC-KR", CS_ICONV | CS_ASCII},
    {"gb18030", "GB18030", "gb18030", CS_ICONV | CS_ASCII},
    {"gb2312", "GB18030", "GBK", CS_ICONV | CS_ASCII},
    {"gbk", "GB18030", "GBK", CS_ICONV | CS_ASCII},
    {"ibm819", "WINDOWS-1252", "windows-1252", CS_ICONV | CS_ASCII},
    {"ibm866", "IBM866", "IBM866", CS_ICONV | CS_ASCII},
    {"iso-2022-jp", "ISO-2022-JP", "ISO-2022-JP", CS_ICONV},
    {"iso-8859-1", "WINDOWS-1252", "windows-1252", CS_ICONV | CS_ASCII},
    {"iso-8859-10", "ISO-8859-10", "ISO-8859-10", CS_ICONV | CS_ASCII},
    {"iso-8859-11", "CP874", "windows-874", CS_ICONV | CS_ASCII},
    {"iso-8859-13", "ISO-8859-13", "ISO-8859-13", CS_ICONV | CS_ASCII},
    {"iso-8859-14", "ISO-8859-14", "ISO-8859-14", CS_ICONV | CS_ASCII},
    {"iso-8859-15", "ISO-8859-15", "ISO-8859-15", CS_ICONV | CS_ASCII},
    {"iso-8859-16", "ISO-8859-16", "ISO-8859-16", CS_ICONV | CS_ASCII},
    {"iso-8859-2", "ISO-8859-2", "ISO-8859-2", CS_ICONV | CS_ASCII},
    {"iso-8859-3", "ISO-8859-3", "ISO-8859-3", CS_ICONV | CS_ASCII},
    {"iso-8859-4", "ISO-8859-4", "ISO-8859-4", CS_ICONV | CS_ASCII},
    {"iso-8859-5", "ISO-8859-5", "ISO-8859-5", CS_ICONV | CS_ASCII},
    {"iso-8859-6", "ISO-8859-6", "ISO-8859-6", CS_ICONV | CS_ASCII},
    {"iso-8859-7", "ISO-8859-7", "ISO-8859-7", CS_ICONV | CS_ASCII},
    {"iso-8859-8", "ISO-8859-8", "ISO-8859-8", CS_ICONV | CS_ASCII},
    {"iso-8859-9", "WINDOWS-1254", "windows-1254", CS_ICONV | CS_ASCII},
    {"iso8859-1", "WINDOWS-1252", "windows-1252", CS_ICONV | CS_ASCII},
    {"iso8859-15", "ISO-8859-15", "ISO-8859-15", CS_ICONV | CS_ASCII},
    {"iso8859-2", "ISO-8859-2", "ISO-8859-2", CS_ICONV | CS_ASCII},
    {"iso_8859-1", "WINDOWS-1252", "windows-1252", CS_ICONV | CS_ASCII},
    {"iso_8859-15", "ISO-8859-15", "ISO-8859-15", CS_ICONV | CS_ASCII},
    {"iso_8859-2", "ISO-8859-2", "ISO-8859-2", CS_ICONV | CS_ASCII},
    {"koi8-r", "KOI8-R", "KOI8-R", CS_ICONV | CS_ASCII},
    {"koi8-u", "KOI8-U", "KOI8-U", CS_ICONV | CS_ASCII},
    {"ks_c_5601-1987", "CP949", "EUC-KR", CS_ICONV | CS_ASCII},
    {"l1", "WINDOWS-1252", "windows-1252", CS_ICONV | CS_ASCII},
    {"l2", "ISO-8859-2", "ISO-8859-2", CS_ICONV | CS_ASCII},
    {"latin1", "WINDOWS-1252", "windows-1252", CS_ICONV | CS_ASCII},
    {"latin2", "ISO-8859-2", "ISO-8859-2", CS_ICONV | CS_ASCII},
    {"mac-centraleurope", "MAC-CENTRALEUROPE", "x-mac-ce", CS_ICONV | CS_ASCII},
    {"mac-cyrillic", "MAC-CYRILLIC", "x-mac-cyrillic", CS_ICONV | CS_ASCII},
    {"macintosh", "MACINTOSH", "macintosh", CS_ICONV | CS_ASCII},
    {"ms932", "CP932", "Shift_JIS", CS_ICONV | CS_ASCII},
    {"ms_kanji", "CP932", "Shift_JIS", CS_ICONV | CS_ASCII},
    {"shift-jis", "CP932", "Shift_JIS", CS_ICONV | CS_ASCII},
    {"shift_jis", "CP932", "Shift_JIS", CS_ICONV | CS_ASCII},
    {"sjis", "CP932", "Shift_JIS", CS_ICONV | CS_ASCII},
    {"tis-620", "CP874", "windows-874", CS_ICONV | CS_ASCII},
    {"unicode-1-1-utf-8", NULL, "UTF-8", CS_UTF8},
    {"us-ascii", "WINDOWS-1252", "windows-1252", CS_ICONV | CS_ASCII},
    {"utf-16", NULL, "UTF-16LE", CS_UTF16LE},
    {"utf-16be", NULL, "UTF-16BE", CS_UTF16BE},
    {"utf-16le", NULL, "UTF-16LE", CS_UTF16LE},
    {"utf-8", NULL, "UTF-8", CS_UTF8},
    {"utf8", NULL, "UTF-8", CS_UTF8},
    {"windows-1250", "WINDOWS-1250", "windows-1250", CS_ICONV | CS_ASCII},
    {"windows-1251", "WINDOWS-1251", "windows-1251", CS_ICONV | CS_ASCII},
    {"windows-1252", "WINDOWS-1252", "windows-1252", CS_ICONV | CS_ASCII},
    {"windows-1253", "WINDOWS-1253", "windows-1253", CS_ICONV | CS_ASCII},
    {"windows-1254", "WINDOWS-1254", "windows-1254", CS_ICONV | CS_ASCII},
    {"windows-1255", "WINDOWS-1255", "windows-1255", CS_ICONV | CS_ASCII},
    {"windows-1256", "WINDOWS-1256", "windows-1256", CS_ICONV | CS_ASCII},
    {"windows-1257", "WINDOWS-1257", "windows-1257", CS_ICONV | CS_ASCII},
    {"windows-1258", "WINDOWS-1258", "windows-1258", CS_ICONV | CS_ASCII},
    {"windows-31j", "CP932", "Shift_JIS", CS_ICONV | CS_ASCII},
    {"windows-874", "CP874", "windows-874", CS_ICONV | CS_ASCII},
    {"windows-949", "CP949", "EUC-KR", CS_ICONV | CS_ASCII},
    {"x-cp1252", "WINDOWS-1252", "windows-1252", CS_ICONV | CS_ASCII},
    {"x-euc-jp", "EUC-JP", "EUC-JP", CS_ICONV | CS_ASCII},
    {"x-gbk", "GB18030", "GBK", CS_ICONV | CS_ASCII},
    {"x-mac-cyrillic", "MAC-CYRILLIC", "x-mac-cyrillic", CS_ICONV | CS_ASCII},
    {"x-sjis", "CP932", "Shift_JIS", CS_ICONV | CS_ASCII},
};

static const charset_info utf8_charset = {"utf-8", NULL, "UTF-8", CS_UTF8};
static const charset_info fallback_charset = {"windows-1252", "WINDOWS-1252", "windows-1252",
                                              CS_ICONV | CS_ASCII};

/* A label outside the table that iconv may still know: its own entry. */
typedef struct charset_choice {
    charset_info info;
    char label[PRECIS_CHARSET_MAX];
} charset_choice;

static int compare_label(const void *key, const void *entry)
{
    return strcmp(key, ((const charset_info *)entry)->label);
}

static int is_label_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == ':';
}

/* Resolves a label (trimmed, case-folded; quotes around it dropped) into
 * *out. Returns 0 when it is empty or not a plausible charset name. */
static int resolve_label(const char *src, size_t len, charset_choice *out)
{
    while (len > 0 && (precis_is_space((unsigned char)*src) || *src == '"' || *src == '\''))
        src++, len--;
    while (len > 0 && (precis_is_space((unsigned char)src[len - 1]) || src[len - 1] == '"' ||
                       src[len - 1] == '\''))
        len--;
    if (len == 0 || len >= PRECIS_CHARSET_MAX)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)src[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (!is_label_char(c))
            return 0;
        out->label[i] = (char)c;
    }
    out->label[len] = '\0';
    const charset_info *known =
        bsearch(out->label, charsets, sizeof charsets / sizeof charsets[0], sizeof charsets[0],
                compare_label);
    if (known != NULL) {
        out->info = *known;
        return 1;
    }
    /* iconv may know it under this name; nothing is assumed about it. */
    out->info = (charset_info){out->label, out->label, out->label, CS_ICONV};
    return 1;
}

/* ---- the <meta> prescan ------------------------------------------------ */

/* How far into a page a declaration is looked for. Browsers stop at 1024
 * bytes because they stream; saved pages often carry more before it. */
#define PRESCAN_MAX 16384

static int lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int is_html_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Whether s[0, len) at pos starts with the lower-case ASCII word w,
 * compared without case. */
static int starts_with(const char *s, size_t len, size_t pos, const char *w)
{
    size_t n = strlen(w);
    if (n > len - pos)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[pos + i]) != (unsigned char)w[i])
            return 0;
    return 1;
}

typedef struct span {
    size_t start, len;
} span;

/* Reads one attribute of a tag at *pos (name and value as spans of s);
 * returns 0 at the end of the tag (or of the input), leaving *pos after
 * the '>'. */
static int next_attribute(const char *s, size_t len, size_t *pos, span *name, span *value)
{
    size_t i = *pos;
    while (i < len && (is_html_space((unsigned char)s[i]) || s[i] == '/'))
        i++;
    if (i >= len || s[i] == '>') {
        *pos = i < len ? i + 1 : len;
        return 0;
    }
    name->start = i;
    while (i < len && !is_html_space((unsigned char)s[i]) && s[i] != '/' && s[i] != '>' &&
           (s[i] != '=' || i == name->start))
        i++;
    name->len = i - name->start;
    value->start = i;
    value->len = 0;
    while (i < len && is_html_space((unsigned char)s[i]))
        i++;
    if (i < len && s[i] == '=') {
        i++;
        while (i < len && is_html_space((unsigned char)s[i]))
            i++;
        if (i < len && (s[i] == '"' || s[i] == '\'')) {
            char quote = s[i++];
            value->start = i;
            while (i < len && s[i] != quote)
                i++;
            value->len = i - value->start;
            if (i < len)
                i++;
        } else {
            value->start = i;
            while (i < len && !is_html_space((unsigned char)s[i]) && s[i] != '>')
                i++;
            value->len = i - value->start;
        }
    }
    *pos = i;
    return 1;
}

static int span_is(const char *s, span sp, const char *w)
{
    return sp.len == strlen(w) && starts_with(s, sp.start + sp.len, sp.start, w);
}

/* The charset named in a Content-Type value ("text/html; charset=x"). */
static int content_charset(const char *s, span content, span *out)
{
    size_t end = content.start + content.len;
    for (size_t i = content.start; i + 7 <= end; i++) {
        if (!starts_with(s, end, i, "charset"))
            continue;
        size_t j = i + 7;
        while (j < end && is_html_space((unsigned char)s[j]))
            j++;
        if (j >= end || s[j] != '=')
            continue;
        j++;
        while (j < end && is_html_space((unsigned char)s[j]))
            j++;
        if (j < end && (s[j] == '"' || s[j] == '\''))
            j++;
        out->start = j;
        while (j < end && !is_html_space((unsigned char)s[j]) && s[j] != ';' && s[j] != '"' &&
               s[j] != '\'')
            j++;
        out->len = j - out->start;
        return out->len > 0;
    }
    return 0;
}

/* The charset declared by a <meta> tag whose attributes start at *pos. */
static int meta_charset(const char *s, size_t len, size_t *pos, span *out)
{
    span name, value, content = {0, 0};
    int has_charset = 0, http_equiv = 0, has_content = 0;
    while (next_attribute(s, len, pos, &name, &value)) {
        if (span_is(s, name, "charset") && !has_charset) {
            *out = value;
            has_charset = value.len > 0;
        } else if (span_is(s, name, "http-equiv")) {
            http_equiv = span_is(s, value, "content-type");
        } else if (span_is(s, name, "content") && !has_content) {
            content = value;
            has_content = 1;
        }
    }
    if (has_charset)
        return 1;
    return http_equiv && has_content && content_charset(s, content, out);
}

int precis_html_declared_charset(const char *in, size_t len, char out[PRECIS_CHARSET_MAX])
{
    if (len > PRESCAN_MAX)
        len = PRESCAN_MAX;
    size_t pos = 0;
    while (pos < len) {
        const char *lt = memchr(in + pos, '<', len - pos);
        if (lt == NULL)
            break;
        pos = (size_t)(lt - in);
        if (starts_with(in, len, pos, "<!--")) {
            size_t i = pos + 4;
            while (i < len && !starts_with(in, len, i, "-->"))
                i++;
            pos = i + 3;
        } else if (starts_with(in, len, pos, "<meta") && pos + 5 < len &&
                   (is_html_space((unsigned char)in[pos + 5]) || in[pos + 5] == '/')) {
            span cs;
            pos += 5;
            if (meta_charset(in, len, &pos, &cs)) {
                if (cs.len >= PRECIS_CHARSET_MAX)
                    return 0;
                memcpy(out, in + cs.start, cs.len);
                out[cs.len] = '\0';
                return 1;
            }
        } else if (pos + 1 < len && (((in[pos + 1] | 0x20) >= 'a' && (in[pos + 1] | 0x20) <= 'z') ||
                                     (in[pos + 1] == '/' && pos + 2 < len))) {
            /* Any other tag: skip its attributes, whose values may hold '>'. */
            span name, value;
            pos++;
            while (pos < len && !is_html_space((unsigned char)in[pos]) && in[pos] != '>')
                pos++;
            while (next_attribute(in, len, &pos, &name, &value))
                ;
        } else {
            const char *gt = memchr(in + pos + 1, '>', len - pos - 1);
            pos = gt == NULL ? len : (size_t)(gt - in) + 1;
        }
    }
    return 0;
}

/* ---- UTF-8 ------------------------------------------------------------- */

typedef struct utf8_stats {
    size_t invalid;   /* bytes that start no valid sequence */
    size_t multibyte; /* valid sequences of two bytes or more */
} utf8_stats;

/* The length of the valid UTF-8 sequence at p[0, avail) that starts with
 * a byte of 0x80 or more, or 0 (overlong forms, surrogates and code points
 * past U+10FFFF are invalid, as utf8proc has them). */
static size_t utf8_sequence(const unsigned char *p, size_t avail)
{
    unsigned char c = p[0];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF; /* the range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (avail < n || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((p[k] & 0xC0) != 0x80)
            return 0;
    return n;
}

static utf8_stats scan_utf8(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    utf8_stats st = {0, 0};
    size_t pos = 0;
    while (pos < len) {
        /* Eight ASCII bytes at a time: most of a web page is markup. */
        while (pos + 8 <= len) {
            uint64_t w;
            memcpy(&w, p + pos, 8);
            if (w & 0x8080808080808080ULL)
                break;
            pos += 8;
        }
        while (pos < len && p[pos] < 0x80)
            pos++;
        if (pos >= len)
            break;
        size_t n = utf8_sequence(p + pos, len - pos);
        if (n == 0) {
            st.invalid++;
            pos++;
        } else {
            st.multibyte++;
            pos += n;
        }
    }
    return st;
}

static const char replacement[3] = {(char)0xEF, (char)0xBF, (char)0xBD};

/* Room for `more` bytes after d->len in d->buf. */
static precis_status reserve_out(precis_decoded *d, size_t more)
{
    if (more > SIZE_MAX - d->len)
        return PRECIS_ERR_NOMEM;
    return PRECIS_RESERVE(d->buf, d->cap, d->len + more);
}

/* Appends out[0, n) made from the input bytes [src, src + src_len). */
static precis_status emit(precis_decoded *d, precis_map *map, const char *out, size_t n,
                          size_t src, size_t src_len)
{
    precis_status st = reserve_out(d, n);
    if (st != PRECIS_OK)
        return st;
    memcpy(d->buf + d->len, out, n);
    st = precis_map_add(map, d->len, n, src, src_len);
    d->len += n;
    return st;
}

/* UTF-8 with every byte that starts no valid sequence made U+FFFD. */
static precis_status repair_utf8(precis_decoded *d, precis_map *map, const char *in, size_t len,
                                 size_t offset)
{
    size_t pos = 0, run = 0;
    while (pos < len) {
        if ((unsigned char)in[pos] < 0x80) {
            pos++;
            continue;
        }
        size_t at = pos;
        int32_t cp = precis_utf8_next_multibyte(in, len, &pos);
        if (cp != PRECIS_REPLACEMENT_CHAR || pos - at != 1)
            continue;
        precis_status st = emit(d, map, in + run, at - run, offset + run, at - run);
        if (st != PRECIS_OK || (st = emit(d, map, replacement, 3, offset + at, 1)) != PRECIS_OK)
            return st;
        run = pos;
    }
    return emit(d, map, in + run, len - run, offset + run, len - run);
}

/* ---- UTF-16 ------------------------------------------------------------ */

static precis_status decode_utf16(precis_decoded *d, precis_map *map, const char *in, size_t len,
                                  size_t offset, int big_endian)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t pos = 0;
    while (pos < len) {
        if (len - pos < 2) { /* a lone final byte */
            precis_status st = emit(d, map, replacement, 3, offset + pos, 1);
            if (st != PRECIS_OK)
                return st;
            break;
        }
        uint32_t u = big_endian ? (uint32_t)(p[pos] << 8 | p[pos + 1])
                                : (uint32_t)(p[pos + 1] << 8 | p[pos]);
        size_t used = 2;
        int32_t cp = (int32_t)u;
        if (u >= 0xD800 && u <= 0xDBFF && len - pos >= 4) {
            uint32_t lo = big_endian ? (uint32_t)(p[pos + 2] << 8 | p[pos + 3])
                                     : (uint32_t)(p[pos + 3] << 8 | p[pos + 2]);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = (int32_t)(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
                used = 4;
            }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = PRECIS_REPLACEMENT_CHAR;
        char buf[4];
        size_t n = precis_utf8_encode(cp, buf);
        precis_status st = emit(d, map, buf, n, offset + pos, used);
        if (st != PRECIS_OK)
            return st;
        pos += used;
    }
    return PRECIS_OK;
}

/* ---- iconv ------------------------------------------------------------- */

/* One byte of a single-byte charset in UTF-8 (1 to 3 bytes). */
typedef struct byte_utf8 {
    unsigned char len;
    char bytes[4];
} byte_utf8;

/* Fills table[256] when cd converts every byte on its own (a single-byte
 * charset); returns 0 when some byte needs more (a multi-byte charset). */
static int single_byte_table(iconv_t cd, byte_utf8 table[256])
{
    for (int b = 0; b < 256; b++) {
        char in = (char)b, out[8];
        char *ip = &in, *op = out;
        size_t il = 1, ol = sizeof out;
        iconv(cd, NULL, NULL, NULL, NULL);
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
            if (errno != EILSEQ)
                return 0;
            table[b].len = 3;
            memcpy(table[b].bytes, replacement, 3);
            continue;
        }
        size_t n = sizeof out - ol;
        if (n == 0 || n > 4)
            return 0;
        table[b].len = (unsigned char)n;
        memcpy(table[b].bytes, out, n);
    }
    iconv(cd, NULL, NULL, NULL, NULL);
    return 1;
}

static precis_status convert_single_byte(precis_decoded *d, precis_map *map, const char *in,
                                         size_t len, size_t offset, const byte_utf8 table[256])
{
    size_t pos = 0;
    while (pos < len) {
        size_t run = pos;
        while (pos < len && table[(unsigned char)in[pos]].len == 1 &&
               table[(unsigned char)in[pos]].bytes[0] == in[pos])
            pos++;
        precis_status st = emit(d, map, in + run, pos - run, offset + run, pos - run);
        if (st != PRECIS_OK)
            return st;
        if (pos < len) {
            const byte_utf8 *t = &table[(unsigned char)in[pos]];
            if ((st = emit(d, map, t->bytes, t->len, offset + pos, 1)) != PRECIS_OK)
                return st;
            pos++;
        }
    }
    return PRECIS_OK;
}

/* Longest input one character (or one shift sequence) may take. */
#define CHAR_BYTES_MAX 8

/* Converts one character at a time: iconv is given one byte, then two,
 * and so on until it has a whole character, so that each character's
 * bytes are known. */
static precis_status convert_per_char(precis_decoded *d, precis_map *map, const char *in,
                                      size_t len, size_t offset, iconv_t cd, int ascii)
{
    size_t pos = 0;
    while (pos < len) {
        if (ascii && (unsigned char)in[pos] < 0x80) {
            size_t run = pos;
            while (pos < len && (unsigned char)in[pos] < 0x80)
                pos++;
            precis_status st = emit(d, map, in + run, pos - run, offset + run, pos - run);
            if (st != PRECIS_OK)
                return st;
            continue;
        }
        size_t max = len - pos < CHAR_BYTES_MAX ? len - pos : CHAR_BYTES_MAX;
        size_t k = 1;
        int converted = 0;
        for (; k <= max; k++) {
            char out[64];
            char *ip = (char *)in + pos, *op = out;
            size_t il = k, ol = sizeof out;
            size_t r = iconv(cd, &ip, &il, &op, &ol);
            int err = r == (size_t)-1 ? errno : 0;
            size_t used = k - il, made = sizeof out - ol;
            if (used > 0 && (err == 0 || err == EINVAL || err == EILSEQ)) {
                /* A whole character (or a shift sequence, which makes nothing). */
                precis_status st = emit(d, map, out, made, offset + pos, used);
                if (st != PRECIS_OK)
                    return st;
                pos += used;
                converted = 1;
                break;
            }
            if (err != EINVAL)
                break;
        }
        if (!converted) {
            precis_status st = emit(d, map, replacement, 3, offset + pos, 1);
            if (st != PRECIS_OK)
                return st;
            iconv(cd, NULL, NULL, NULL, NULL);
            pos++;
        }
    }
    return PRECIS_OK;
}

static precis_status convert_iconv(precis_decoded *d, precis_map *map, const char *in,
                                   size_t len, size_t offset, const charset_info *cs)
{
    iconv_t cd = iconv_open("UTF-8", cs->iconv);
    if (cd == (iconv_t)-1)
        return errno == ENOMEM ? PRECIS_ERR_NOMEM : PRECIS_ERR_ARGUMENT;
    byte_utf8 table[256];
    precis_status st;
    if (single_byte_table(cd, table))
        st = convert_single_byte(d, map, in, len, offset, table);
    else
        st = convert_per_char(d, map, in, len, offset, cd, (cs->flags & CS_ASCII) != 0);
    iconv_close(cd);
    return st;
}

/* Whether iconv can convert from this charset at all. */
static int iconv_knows(const char *name)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return 0;
    iconv_close(cd);
    return 1;
}

/* ---- detection --------------------------------------------------------- */

/* Detection looks at this much of the input at most. */
#define DETECT_MAX (1u << 20)

static precis_status detect(const char *in, size_t len, charset_choice *out)
{
    uchardet_t ud = uchardet_new();
    if (ud == NULL)
        return PRECIS_ERR_NOMEM;
    int failed = uchardet_handle_data(ud, in, len < DETECT_MAX ? len : DETECT_MAX) != 0;
    uchardet_data_end(ud);
    const char *name = uchardet_get_charset(ud);
    int found = !failed && name != NULL && resolve_label(name, strlen(name), out) &&
                ((out->info.flags & CS_KIND) != CS_ICONV || iconv_knows(out->info.iconv));
    uchardet_delete(ud);
    /* Nothing detected: the usual legacy charset of the web. */
    if (!found)
        out->info = fallback_charset;
    return PRECIS_OK;
}

/* ---- the choice -------------------------------------------------------- */

/* UTF-16 without a byte order mark: text in a Latin, Greek or Cyrillic
 * script puts a NUL in the high byte of most code units and none in the
 * low byte (Windows tools write such files; UTF-8 and 8-bit text have no
 * NULs to speak of). Returns CS_UTF16LE, CS_UTF16BE or 0 for neither,
 * from the first 4 KB. */
static unsigned utf16_without_bom(const unsigned char *u, size_t len)
{
    size_t n = len < 4096 ? len & ~(size_t)1 : 4096;
    size_t units = n / 2;
    if (units < 8)
        return 0;
    size_t nul_even = 0, nul_odd = 0, pos = 0;
    /* Four code units at a time: the NUL bytes of the eight. Either answer
     * needs NULs in the same half of two units in three: the scan stops
     * where the units left could no longer make that for either half, a
     * third of the way into most text, which has no NUL at all. */
    for (; n - pos >= 8; pos += 8) {
        uint64_t v = precis_ascii_load8((const char *)u + pos);
        uint64_t nul = ~(((v & ~PRECIS_ASCII_HIGH) + ~PRECIS_ASCII_HIGH) | v) & PRECIS_ASCII_HIGH;
        if (nul != 0) {
            nul_even += precis_ascii_count8(nul & 0x0080008000800080ULL);
            nul_odd += precis_ascii_count8(nul & 0x8000800080008000ULL);
        }
        size_t left = (n - pos - 8) / 2;
        if ((nul_even + left) * 3 < units * 2 && (nul_odd + left) * 3 < units * 2)
            return 0;
    }
    for (; pos < n; pos += 2) {
        nul_even += u[pos] == 0;
        nul_odd += u[pos + 1] == 0;
    }
    if (nul_odd * 3 >= units * 2 && nul_even * 50 < units)
        return CS_UTF16LE;
    if (nul_even * 3 >= units * 2 && nul_odd * 50 < units)
        return CS_UTF16BE;
    return 0;
}

int precis_text_needs_decoding(const char *in, size_t len)
{
    const unsigned char *u = (const unsigned char *)in;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return 1;
    if (utf16_without_bom(u, len) != 0)
        return 1;
    /* Bytes of a UTF-8 shape (a lead byte and its continuation bytes, even
     * when the sequence is overlong or a surrogate) against stray bytes:
     * legacy 8-bit text puts a byte of 0x80 or more between ASCII letters
     * and rarely makes that shape ("\xC3\xA9" is "Ã©" in windows-1252);
     * broken UTF-8 makes it often. */
    size_t shaped = 0, stray = 0;
    for (size_t pos = 0; pos < len;) {
        /* ASCII, sixteen bytes a turn while it lasts (read in the
         * machine's byte order, which a test of every high bit ignores:
         * two plain loads). */
        while (len - pos >= 16) {
            uint64_t first, second;
            memcpy(&first, in + pos, 8);
            memcpy(&second, in + pos + 8, 8);
            if ((first | second) & PRECIS_ASCII_HIGH)
                break;
            pos += 16;
        }
        if (pos == len)
            break;
        if (len - pos >= 8 && !(precis_ascii_load8(in + pos) & PRECIS_ASCII_HIGH)) {
            pos += 8;
            continue;
        }
        unsigned char c = u[pos];
        if (c < 0x80) {
            pos++;
            continue;
        }
        size_t need = c >= 0xC0 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2
                                                   : c >= 0xF0 && c <= 0xF7 ? 3 : 0;
        size_t k = 0;
        while (need > 0 && k < need && pos + 1 + k < len && (u[pos + 1 + k] & 0xC0) == 0x80)
            k++;
        if (need > 0 && k == need) {
            shaped++;
            pos += 1 + need;
        } else {
            stray++;
            pos++;
        }
    }
    return stray > 0 && shaped * 8 < stray;
}

void precis_decoded_free(precis_decoded *d)
{
    if (d == NULL)
        return;
    free(d->buf);
    *d = (precis_decoded){0};
}

static void set_name(precis_decoded *d, const char *name)
{
    size_t n = strlen(name);
    if (n >= PRECIS_CHARSET_MAX)
        n = PRECIS_CHARSET_MAX - 1;
    memcpy(d->charset, name, n);
    d->charset[n] = '\0';
}

/* Converts in[0, len), which starts at offset in the input as given. */
static precis_status convert(precis_decoded *d, precis_map *map, const char *in, size_t len,
                             size_t offset, const charset_info *cs)
{
    /* Every charset here makes at most 3 UTF-8 bytes per input byte; the
     * buffer grows as needed, this is only the first guess. */
    if (len > (SIZE_MAX - 16) / 3)
        return PRECIS_ERR_TOO_LARGE;
    d->len = 0;
    precis_status st = reserve_out(d, len + len / 2 + 16);
    if (st != PRECIS_OK)
        return st;
    switch (cs->flags & CS_KIND) {
    case CS_UTF8:
        st = repair_utf8(d, map, in, len, offset);
        break;
    case CS_UTF16LE:
    case CS_UTF16BE:
        st = decode_utf16(d, map, in, len, offset, (cs->flags & CS_KIND) == CS_UTF16BE);
        break;
    default:
        st = convert_iconv(d, map, in, len, offset, cs);
        break;
    }
    d->text = d->buf;
    set_name(d, cs->name);
    d->ascii = (cs->flags & CS_ASCII) || (cs->flags & CS_KIND) == CS_UTF8;
    return st;
}

precis_status precis_decode(precis_decoded *d, precis_map *map, const char *in, size_t len,
                            const precis_decode_opts *opts)
{
    static const precis_decode_opts none = {NULL, 0, 0};
    if (opts == NULL)
        opts = &none;
    map->count = 0;
    d->text = in;
    d->len = len;
    set_name(d, "UTF-8");
    d->ascii = 1;
    const unsigned char *u = (const unsigned char *)in;

    /* A byte order mark is the strongest evidence there is. */
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        utf8_stats s = scan_utf8(in + 3, len - 3);
        if (s.invalid > 0)
            return convert(d, map, in + 3, len - 3, 3, &utf8_charset);
        d->text = in + 3;
        d->len = len - 3;
        return precis_map_add(map, 0, len - 3, 3, len - 3);
    }
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        charset_info cs = {"", NULL, u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE",
                           u[0] == 0xFF ? CS_UTF16LE : CS_UTF16BE};
        return convert(d, map, in + 2, len - 2, 2, &cs);
    }

    charset_choice declared;
    int has_declared = 0;
    if (opts->charset != NULL) {
        has_declared = resolve_label(opts->charset, strlen(opts->charset), &declared) &&
                       ((declared.info.flags & CS_KIND) != CS_ICONV ||
                        iconv_knows(declared.info.iconv));
        if (!has_declared && opts->forced)
            return PRECIS_ERR_ARGUMENT;
    } else if (opts->html) {
        char label[PRECIS_CHARSET_MAX];
        if (precis_html_declared_charset(in, len, label)) {
            has_declared = resolve_label(label, strlen(label), &declared) &&
                           ((declared.info.flags & CS_KIND) != CS_ICONV ||
                            iconv_knows(declared.info.iconv));
            /* A page cannot declare itself UTF-16 in bytes that are ASCII
             * enough to be read: browsers take it as UTF-8. */
            if (has_declared && ((declared.info.flags & CS_KIND) == CS_UTF16LE ||
                                 (declared.info.flags & CS_KIND) == CS_UTF16BE))
                declared.info = utf8_charset;
        }
    }
    if (has_declared && opts->forced) {
        if ((declared.info.flags & CS_KIND) == CS_UTF8 && scan_utf8(in, len).invalid == 0)
            return PRECIS_OK;
        return convert(d, map, in, len, 0, &declared.info);
    }

    unsigned utf16 = has_declared ? 0 : utf16_without_bom(u, len);
    if (utf16 != 0) {
        charset_info cs = {"", NULL, utf16 == CS_UTF16LE ? "UTF-16LE" : "UTF-16BE", utf16};
        return convert(d, map, in, len, 0, &cs);
    }

    utf8_stats s = scan_utf8(in, len);
    if (s.invalid == 0) {
        /* Valid UTF-8 stays as it is, unless it is plain ASCII declared in
         * a charset where ASCII bytes mean something else (ISO-2022-JP). */
        if (!has_declared || (declared.info.flags & CS_KIND) == CS_UTF8 || s.multibyte > 0 ||
            (declared.info.flags & CS_ASCII))
            return PRECIS_OK;
        return convert(d, map, in, len, 0, &declared.info);
    }
    if (has_declared && (declared.info.flags & CS_KIND) != CS_UTF8)
        return convert(d, map, in, len, 0, &declared.info);
    /* Mostly UTF-8 with a few stray bytes: keep it UTF-8. */
    if (s.multibyte >= s.invalid)
        return convert(d, map, in, len, 0, &utf8_charset);
    charset_choice detected;
    precis_status st = detect(in, len, &detected);
    if (st != PRECIS_OK)
        return st;
    return convert(d, map, in, len, 0, &detected.info);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * phrases.c - phrase keys, section numbers and section titles.
 */
#include "phrases.h"

#include <string.h>

#include "ascii.h"
#include "utf8.h"

int precis_phrase_key_make(precis_folder *folder, const char *s, size_t len,
                           precis_phrase_key *key)
{
    char raw[PRECIS_PHRASE_MAX_BYTES];
    size_t n = 0;
    int space = 0;
    uint64_t any = 0; /* the bytes copied, ORed */
    for (size_t i = 0; i < len;) {
        /* Eight bytes at a time up to the first that is ASCII and at most
         * ' ' (white space among them), while raw has room for a space
         * and eight bytes: each is copied as the loop below copies it. */
        if (len - i >= 8 && n + 9 <= sizeof raw) {
            uint64_t v = precis_ascii_load8(s + i);
            uint64_t small =
                ~(((v & ~PRECIS_ASCII_HIGH) + 0x5F5F5F5F5F5F5F5FULL) | v) & PRECIS_ASCII_HIGH;
            size_t plain = small == 0 ? 8 : precis_ascii_first8(small);
            if (plain > 0) {
                if (space)
                    raw[n++] = ' ';
                precis_ascii_store8(raw + n, v);
                any |= plain == 8 ? v : v & ((UINT64_C(1) << (8 * plain)) - 1);
                n += plain;
                i += plain;
                space = 0;
                if (plain == 8)
                    continue;
            }
        }
        unsigned char c = (unsigned char)s[i++];
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            space = n > 0;
            continue;
        }
        if (n + (size_t)space + 1 > sizeof raw)
            return 0;
        if (space)
            raw[n++] = ' ';
        raw[n++] = (char)c;
        any |= c;
        space = 0;
    }
    /* ASCII folds to lower case and holds no typographic apostrophe:
     * the key is the text in lower case (what precis_fold makes of it),
     * eight bytes at a time. */
    if (!(any & PRECIS_ASCII_HIGH)) {
        size_t i = 0;
        for (; n - i >= 8; i += 8) {
            uint64_t v = precis_ascii_load8(raw + i);
            precis_ascii_store8(key->bytes + i, precis_ascii_lower8(v));
        }
        for (; i < n; i++)
            key->bytes[i] = (char)(raw[i] >= 'A' && raw[i] <= 'Z' ? raw[i] + ('a' - 'A') : raw[i]);
        key->bytes[n] = '\0';
        key->len = n;
        return 1;
    }
    const char *folded;
    size_t folded_len;
    if (precis_fold(folder, raw, n, &folded, &folded_len) != PRECIS_OK ||
        folded_len >= sizeof key->bytes)
        return 0;
    key->len = 0;
    for (size_t i = 0; i < folded_len; i++) {
        if (i + 2 < folded_len && memcmp(folded + i, "\xe2\x80\x99", 3) == 0) {
            key->bytes[key->len++] = '\'';
            i += 2;
        } else {
            key->bytes[key->len++] = folded[i];
        }
    }
    key->bytes[key->len] = '\0';
    return 1;
}

/* Whether a word of the key ends right before key[at]. */
static int word_ends_at(const precis_phrase_key *key, size_t at)
{
    size_t prev_at;
    if (at == 0 || !precis_is_wordchar(precis_utf8_prev(key->bytes, at, &prev_at)))
        return 0;
    size_t pos = at;
    return at >= key->len || !precis_is_wordchar(precis_utf8_next(key->bytes, key->len, &pos));
}

static int is_ascii_alnum(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26 || (unsigned)(c - '0') < 10;
}

size_t precis_phrase_prefix(const precis_phrase_key *key, int lang, precis_phrase_class cls)
{
    size_t found = 0;
    unsigned char any = 0;
    for (size_t i = 0; i < key->len; i++)
        any |= (unsigned char)key->bytes[i];
    /* In ASCII a word ends after a letter or digit that no other follows. */
    if (any < 0x80) {
        for (size_t at = 1; at <= key->len; at++)
            if (is_ascii_alnum((unsigned char)key->bytes[at - 1]) &&
                (at == key->len || !is_ascii_alnum((unsigned char)key->bytes[at])) &&
                precis_is_phrase(lang, cls, key->bytes, at))
                found = at;
        return found;
    }
    for (size_t at = 1; at <= key->len; at++)
        if (word_ends_at(key, at) && precis_is_phrase(lang, cls, key->bytes, at))
            found = at;
    return found;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

size_t precis_section_number_length(const char *s, size_t len)
{
    size_t i = 0;
    if (len > 0 && is_digit(s[0])) {
        for (int part = 0; part < 4; part++) {
            size_t digits = 0;
            while (i < len && is_digit(s[i]))
                i++, digits++;
            if (digits == 0 || digits > 2)
                return 0;
            if (i + 1 < len && s[i] == '.' && is_digit(s[i + 1]))
                i++;
            else
                break;
        }
        if (i < len && s[i] == '.')
            i++;
    } else {
        size_t letters = 0;
        while (i < len && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X') && letters < 5)
            i++, letters++;
        if (letters == 0 && len > 0 && s[0] >= 'A' && s[0] <= 'H')
            i++, letters++;
        if (letters == 0 || i >= len || s[i] != '.')
            return 0;
        i++;
    }
    if (i >= len || s[i] != ' ')
        return 0;
    while (i < len && s[i] == ' ')
        i++;
    return i;
}

int precis_title_kind(precis_folder *folder, int lang, const char *s, size_t len)
{
    size_t skip = precis_section_number_length(s, len);
    s += skip;
    len -= skip;
    while (len > 0 && (s[len - 1] == '.' || s[len - 1] == ':' || s[len - 1] == ' '))
        len--;
    precis_phrase_key key;
    if (len == 0 || !precis_phrase_key_make(folder, s, len, &key))
        return PRECIS_TITLE_NONE;
    unsigned classes = precis_phrase_classes(lang, key.bytes, key.len);
    if (classes >> PRECIS_PHRASE_BACK & 1u)
        return PRECIS_TITLE_BACK;
    if (classes >> PRECIS_PHRASE_SECTION & 1u)
        return PRECIS_TITLE_SECTION;
    return PRECIS_TITLE_NONE;
}

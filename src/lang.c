/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lang.c - lookups in the compiled language tables and language detection.
 */
#include "lang.h"

#include <string.h>
#include <utf8proc.h>

#include "utf8.h"
#include "util.h"
#include "words.h"

/* What one distinctive letter weighs against one stopword: letters are
 * many, and each says less. */
#define MARKER_LETTER_VOTE 0.25

int precis_lang_find(const char *code)
{
    if (code == NULL)
        return -1;
    for (size_t i = 0; i < precis_language_total; i++)
        if (strcmp(precis_languages[i].code, code) == 0)
            return (int)i;
    return -1;
}

int precis_lang_from_tag(const char *tag)
{
    char code[4];
    size_t n = 0;
    while (tag[n] != '\0' && tag[n] != '-' && tag[n] != '_' && n < 3) {
        char c = tag[n];
        code[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    if (n == 0 || (tag[n] != '\0' && tag[n] != '-' && tag[n] != '_'))
        return -1;
    code[n] = '\0';
    /* "nb" and "nn" are the written forms of Norwegian. */
    if (strcmp(code, "nb") == 0 || strcmp(code, "nn") == 0)
        return precis_lang_find("no");
    return precis_lang_find(code);
}

/* A slot's tag: the top 16 bits of the hash, as tools/gen_langdata.py
 * stores them above the entry's index + 1. */
static uint32_t slot_tag(uint64_t hash)
{
    return (uint32_t)(hash >> 48);
}

const precis_lex_entry *precis_lex_lookup(const precis_lex_table *table, const char *word,
                                          size_t len)
{
    uint64_t hash = precis_hash_bytes(word, len);
    uint32_t tag = slot_tag(hash);
    for (size_t slot = (size_t)hash & table->mask;; slot = (slot + 1) & table->mask) {
        uint32_t held = table->slots[slot];
        if (held == 0)
            return NULL;
        if (held >> 16 != tag)
            continue;
        const precis_lex_entry *e = &table->entries[(held & 0xFFFFu) - 1];
        if (e->len == len && memcmp(precis_lang_text + e->word, word, len) == 0)
            return e;
    }
}

int precis_is_stopword(int lang, const char *folded, size_t len)
{
    const precis_lex_entry *e = precis_lex_lookup(&precis_stopwords, folded, len);
    return e != NULL && (e->a >> lang & 1u);
}

unsigned precis_word_class(int lang, const char *folded, size_t len)
{
    const precis_lex_entry *e = precis_lex_lookup(&precis_stopwords, folded, len);
    if (e == NULL)
        return 0;
    return (unsigned)(e->a >> lang & 1u) * PRECIS_WORD_STOPWORD |
           (unsigned)(e->b >> lang & 1u) * PRECIS_WORD_BOUNDARY;
}

/* The entry of the compiled phrase table for folded[0, len), or NULL. */
static const precis_phrase_entry *phrase_entry(const char *folded, size_t len)
{
    const precis_phrase_table *table = &precis_phrases;
    uint64_t hash = precis_hash_bytes(folded, len);
    uint32_t tag = slot_tag(hash);
    for (size_t slot = (size_t)hash & table->mask;; slot = (slot + 1) & table->mask) {
        uint32_t held = table->slots[slot];
        if (held == 0)
            return NULL;
        if (held >> 16 != tag)
            continue;
        const precis_phrase_entry *e = &table->entries[(held & 0xFFFFu) - 1];
        if (e->len == len && memcmp(precis_lang_text + e->phrase, folded, len) == 0)
            return e;
    }
}

/* Whether the phrase of entry e is one of class cls in lang. */
static int phrase_holds(const precis_phrase_entry *e, int lang, int cls)
{
    uint64_t langs = e->langs[cls];
    int structural = cls != PRECIS_PHRASE_COMPOUND_FIRST && cls != PRECIS_PHRASE_COMPOUND_LAST &&
                     cls != PRECIS_PHRASE_JOINER;
    return (langs >> lang & 1u) || (structural && (langs >> precis_lang_english & 1u));
}

int precis_is_phrase(int lang, precis_phrase_class cls, const char *folded, size_t len)
{
    const precis_phrase_entry *e = phrase_entry(folded, len);
    return e != NULL && phrase_holds(e, lang, (int)cls);
}

unsigned precis_phrase_classes(int lang, const char *folded, size_t len)
{
    const precis_phrase_entry *e = phrase_entry(folded, len);
    unsigned classes = 0;
    for (int cls = 0; e != NULL && cls < PRECIS_PHRASE_CLASSES; cls++)
        classes |= (unsigned)phrase_holds(e, lang, cls) << cls;
    return classes;
}

static int abbrev_class_exact(int lang, const char *word, size_t len)
{
    const precis_lex_entry *e = precis_lex_lookup(&precis_abbreviations, word, len);
    if (e == NULL)
        return PRECIS_ABBREV_NONE;
    if (e->b >> lang & 1u)
        return PRECIS_ABBREV_PREFIX;
    if (e->c >> lang & 1u)
        return PRECIS_ABBREV_NUMBER;
    if (e->d >> lang & 1u)
        return PRECIS_ABBREV_END;
    if (e->a >> lang & 1u)
        return PRECIS_ABBREV_MAY_END;
    return PRECIS_ABBREV_NONE;
}

/* Whether precis_abbrev_filter has the bit of a word whose first
 * character is followed by rest[0, len); tools/gen_langdata.py computes
 * the same. An entry that matches the word, or the word with its first
 * letter lowered, has the same bytes after its first character. */
static int abbrev_filter_holds(const char *rest, size_t len)
{
    uint32_t x = (uint32_t)len << 16;
    if (len > 0)
        x |= (uint32_t)(unsigned char)rest[0] << 8 | (unsigned char)rest[len - 1];
    uint32_t bit = (uint32_t)(x * 0x9E3779B1u) >> (32 - PRECIS_ABBREV_FILTER_LOG2);
    return (int)(precis_abbrev_filter[bit >> 6] >> (bit & 63) & 1u);
}

int precis_abbrev_class(int lang, const char *word, size_t len)
{
    if (len == 0)
        return PRECIS_ABBREV_NONE;
    size_t rest = 0;
    int32_t first = precis_utf8_next(word, len, &rest);
    /* Most words are none: one bit tells before a hash of the word. */
    if (!abbrev_filter_holds(word + rest, len - rest))
        return PRECIS_ABBREV_NONE;
    int cls = abbrev_class_exact(lang, word, len);
    if (cls != PRECIS_ABBREV_NONE || len > 32)
        return cls;
    /* A lower-case entry also matches its capitalised form ("Etc.",
     * "См."). */
    int32_t lower = utf8proc_tolower(first);
    if (lower == first || first == PRECIS_REPLACEMENT_CHAR)
        return PRECIS_ABBREV_NONE;
    char lowered[36];
    size_t n = precis_utf8_encode(lower, lowered);
    memcpy(lowered + n, word + rest, len - rest);
    return abbrev_class_exact(lang, lowered, n + len - rest);
}

/* word[0, len) with every letter mapped by map (first_only: the first
 * one alone) into out (room for 4 * len + 4 bytes); its new length. */
static size_t recase(const char *word, size_t len, utf8proc_int32_t (*map)(utf8proc_int32_t),
                     int first_only, char *out)
{
    size_t n = 0;
    for (size_t pos = 0; pos < len;) {
        int32_t cp = precis_utf8_next(word, len, &pos);
        int32_t mapped = first_only && n > 0 ? cp : map(cp);
        n += precis_utf8_encode(mapped, out + n);
    }
    return n;
}

int precis_abbrev_class_caseless(int lang, const char *word, size_t len)
{
    int cls = abbrev_class_exact(lang, word, len);
    if (cls != PRECIS_ABBREV_NONE || len == 0 || len > 32)
        return cls;
    char other[4 * 32 + 4];
    size_t n = recase(word, len, utf8proc_toupper, 1, other);
    if ((cls = abbrev_class_exact(lang, other, n)) != PRECIS_ABBREV_NONE)
        return cls;
    n = recase(word, len, utf8proc_toupper, 0, other);
    if ((cls = abbrev_class_exact(lang, other, n)) != PRECIS_ABBREV_NONE)
        return cls;
    n = recase(word, len, utf8proc_tolower, 0, other);
    if ((cls = abbrev_class_exact(lang, other, n)) != PRECIS_ABBREV_NONE)
        return cls;
    /* "Fig" from "FIG": capitalised after small letters. */
    char lowered[4 * 32 + 4];
    size_t m = recase(word, len, utf8proc_tolower, 0, lowered);
    n = recase(lowered, m, utf8proc_toupper, 1, other);
    return abbrev_class_exact(lang, other, n);
}

/* The writing system of a letter, or -1 for one that no language here
 * uses; kana count apart, since they tell Japanese from Chinese. */
enum { SCRIPT_KANA = PRECIS_SCRIPT_COUNT };

static int script_of(int32_t cp)
{
    if (cp < 0x80)
        return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? PRECIS_SCRIPT_LATIN : -1;
    if ((cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF))
        return PRECIS_SCRIPT_LATIN;
    if ((cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x1F00 && cp <= 0x1FFF))
        return PRECIS_SCRIPT_GREEK;
    if (cp >= 0x400 && cp <= 0x52F)
        return PRECIS_SCRIPT_CYRILLIC;
    if (cp >= 0x530 && cp <= 0x58F)
        return PRECIS_SCRIPT_ARMENIAN;
    if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) ||
        (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF))
        return PRECIS_SCRIPT_ARABIC;
    if (cp >= 0x900 && cp <= 0x97F)
        return PRECIS_SCRIPT_DEVANAGARI;
    if (cp >= 0x1000 && cp <= 0x109F)
        return PRECIS_SCRIPT_MYANMAR;
    if (cp >= 0x1200 && cp <= 0x139F)
        return PRECIS_SCRIPT_ETHIOPIC;
    if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xFF66 && cp <= 0xFF9F))
        return SCRIPT_KANA;
    if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F))
        return PRECIS_SCRIPT_HAN;
    return -1;
}

/* The languages that letter cp points to, as a bit mask. */
static uint64_t marker_langs(int32_t cp)
{
    size_t lo = 0, hi = precis_marker_letter_total;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (precis_marker_letters[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < precis_marker_letter_total && precis_marker_letters[lo].cp == cp
               ? precis_marker_letters[lo].langs
               : 0;
}

/* The language a script means when no stopword says more. */
static int script_default(int script)
{
    static const char *const codes[PRECIS_SCRIPT_COUNT] = {
        [PRECIS_SCRIPT_LATIN] = "en",
        [PRECIS_SCRIPT_CYRILLIC] = "ru",
        [PRECIS_SCRIPT_ARABIC] = "ar",
        [PRECIS_SCRIPT_DEVANAGARI] = "hi",
    };
    if (codes[script] != NULL)
        return precis_lang_find(codes[script]);
    for (size_t i = 0; i < precis_language_total; i++)
        if (precis_languages[i].script == script)
            return (int)i;
    return precis_lang_find("en");
}

void precis_lang_count_letters(precis_lang_votes *v, const char *text, size_t start, size_t end)
{
    for (size_t at = start; at < end;) {
        int32_t c = precis_utf8_next(text, end, &at);
        int script = script_of(c);
        if (script >= 0)
            v->letters[script]++;
        else if (c >= 0x80 && precis_is_letter(c))
            v->unwritten++;
        uint64_t marked = c >= 0x80 ? marker_langs(c) : 0;
        for (size_t i = 0; marked != 0 && i < precis_language_total; i++)
            if (marked >> i & 1u)
                v->votes[i] += MARKER_LETTER_VOTE;
    }
}

void precis_lang_count_stopword(precis_lang_votes *v, uint64_t langs)
{
    /* boundary words alone (no stopword languages) say nothing */
    if (langs == 0)
        return;
    /* The bits counted by clearing the lowest: a word lists few languages,
     * and without a popcount instruction the builtin is a call. */
    int count = 0;
    for (uint64_t rest = langs; rest != 0; rest &= rest - 1)
        count++;
    double share = 1.0 / count;
    for (uint64_t rest = langs; rest != 0; rest &= rest - 1)
        v->votes[__builtin_ctzll(rest)] += share;
}

int precis_lang_decide(const precis_lang_votes *v, int hint)
{
    size_t letters[PRECIS_LANG_SCRIPT_SLOTS];
    memcpy(letters, v->letters, sizeof letters);
    /* Japanese mixes kana with ideographs; Chinese uses ideographs alone. */
    size_t cjk = letters[PRECIS_SCRIPT_HAN] + letters[SCRIPT_KANA];
    letters[PRECIS_SCRIPT_JAPANESE] = letters[SCRIPT_KANA] * 10 >= cjk ? cjk : 0;
    letters[PRECIS_SCRIPT_HAN] = letters[PRECIS_SCRIPT_JAPANESE] == 0 ? cjk : 0;
    int script = PRECIS_SCRIPT_LATIN;
    for (int k = 0; k < PRECIS_SCRIPT_COUNT; k++)
        if (letters[k] > letters[script])
            script = k;
    if (v->unwritten > letters[script])
        return PRECIS_LANG_UND;

    int best = script_default(script);
    for (size_t i = 0; i < precis_language_total; i++)
        if (precis_languages[i].script == script && v->votes[i] > v->votes[best] + 1e-9)
            best = (int)i;
    /* A language the document declares (<html lang>) stands unless the
     * text says otherwise clearly: another script, or less than half the
     * evidence of the best language. Page templates declare a language
     * that is not always their text's. */
    if (hint >= 0 && precis_languages[hint].script == script &&
        2.0 * v->votes[hint] >= v->votes[best])
        best = hint;
    return best;
}

precis_status precis_lang_detect(const char *text, size_t len, precis_folder *folder, int hint,
                                 int *lang)
{
    precis_lang_votes votes = {0};
    size_t words = 0, pos = 0, start;
    int unspaced;
    while (words < PRECIS_LANG_DETECT_WORDS &&
           precis_next_word(text, len, &pos, &start, &unspaced)) {
        precis_lang_count_letters(&votes, text, start, pos);
        words++;
        if (unspaced)
            continue;
        const char *folded;
        size_t folded_len;
        precis_status st = precis_fold(folder, text + start, pos - start, &folded, &folded_len);
        if (st != PRECIS_OK)
            return st;
        const precis_lex_entry *e = precis_lex_lookup(&precis_stopwords, folded, folded_len);
        precis_lang_count_stopword(&votes, e != NULL ? e->a : 0);
    }
    *lang = precis_lang_decide(&votes, hint);
    return PRECIS_OK;
}

/*
 * lang.c - lookups in the compiled language tables and language detection.
 */
#include "lang.h"

#include <string.h>

#include "utf8.h"
#include "util.h"

/* Detection reads at most this many words: enough for a clear majority,
 * and it keeps detection cheap on book-length input. */
#define DETECT_MAX_WORDS 2000

int precis_lang_find(const char *code)
{
    if (code == NULL)
        return -1;
    for (size_t i = 0; i < precis_language_total; i++)
        if (strcmp(precis_languages[i].code, code) == 0)
            return (int)i;
    return -1;
}

const precis_lex_entry *precis_lex_lookup(const precis_lex_table *table, const char *word,
                                          size_t len)
{
    size_t slot = (size_t)precis_hash_bytes(word, len) & table->mask;
    for (;;) {
        const precis_lex_entry *e = &table->slots[slot];
        if (e->word == NULL)
            return NULL;
        if (e->len == len && memcmp(e->word, word, len) == 0)
            return e;
        slot = (slot + 1) & table->mask;
    }
}

int precis_is_stopword(int lang, const char *folded, size_t len)
{
    const precis_lex_entry *e = precis_lex_lookup(&precis_stopwords, folded, len);
    return e != NULL && (e->a >> lang & 1u);
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
    if (e->a >> lang & 1u)
        return PRECIS_ABBREV_MAY_END;
    return PRECIS_ABBREV_NONE;
}

int precis_abbrev_class(int lang, const char *word, size_t len)
{
    int cls = abbrev_class_exact(lang, word, len);
    if (cls != PRECIS_ABBREV_NONE || len == 0 || len > 32)
        return cls;
    /* A lower-case entry also matches its capitalised form ("Etc."). */
    if (word[0] >= 'A' && word[0] <= 'Z') {
        char lowered[32];
        memcpy(lowered, word, len);
        lowered[0] = (char)(lowered[0] + ('a' - 'A'));
        return abbrev_class_exact(lang, lowered, len);
    }
    return PRECIS_ABBREV_NONE;
}

precis_status precis_lang_detect(const char *text, size_t len, precis_folder *folder, int *lang)
{
    /* Each stopword votes for the languages that list it, split evenly, so
     * that words shared by related languages do not decide alone. */
    double votes[64] = {0};
    size_t words = 0, pos = 0;
    while (pos < len && words < DETECT_MAX_WORDS) {
        size_t start = pos;
        int32_t cp = precis_utf8_next(text, len, &pos);
        if (!precis_is_wordchar(cp))
            continue;
        size_t end = pos;
        while (end < len) {
            size_t next = end;
            if (!precis_is_wordchar(precis_utf8_next(text, len, &next)))
                break;
            end = next;
        }
        pos = end;
        words++;
        const char *folded;
        size_t folded_len;
        precis_status st = precis_fold(folder, text + start, end - start, &folded, &folded_len);
        if (st != PRECIS_OK)
            return st;
        const precis_lex_entry *e = precis_lex_lookup(&precis_stopwords, folded, folded_len);
        if (e == NULL)
            continue;
        int shared = __builtin_popcountll(e->a);
        for (size_t i = 0; i < precis_language_total; i++)
            if (e->a >> i & 1u)
                votes[i] += 1.0 / shared;
    }
    int best = precis_lang_find("en");
    for (size_t i = 0; i < precis_language_total; i++)
        if (votes[i] > votes[best] + 1e-9)
            best = (int)i;
    *lang = best;
    return PRECIS_OK;
}

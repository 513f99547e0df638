/*
 * tokenize.c - words, folding, stopwords and stemming.
 */
#include "tokenize.h"

#include <libstemmer.h>
#include <string.h>

#include "lang.h"
#include "utf8.h"
#include "util.h"

void precis_tokens_free(precis_tokens *tok)
{
    if (tok == NULL)
        return;
    free(tok->bytes);
    free(tok->term_start);
    free(tok->sents);
    precis_folder_free(&tok->folder);
    precis_term_cache_free(&tok->cache);
    memset(tok, 0, sizeof *tok);
}

static precis_status push_term(precis_tokens *tok, const char *bytes, size_t len)
{
    if (PRECIS_RESERVE(tok->term_start, tok->term_cap, tok->count + 2) != PRECIS_OK ||
        len > SIZE_MAX - tok->bytes_len ||
        PRECIS_RESERVE(tok->bytes, tok->bytes_cap, tok->bytes_len + len) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memcpy(tok->bytes + tok->bytes_len, bytes, len);
    tok->bytes_len += len;
    tok->count++;
    tok->term_start[tok->count] = tok->bytes_len;
    return PRECIS_OK;
}

/* A run of an unspaced script: every pair of neighbouring characters is a
 * term (a lone character is one), which finds most Chinese and Japanese
 * words without a dictionary. */
static precis_status push_bigrams(precis_tokens *tok, const char *text, size_t start, size_t end)
{
    size_t a = start, b = start;
    precis_utf8_next(text, end, &b);
    if (b >= end)
        return push_term(tok, text + a, b - a);
    while (b < end) {
        size_t c = b;
        precis_utf8_next(text, end, &c);
        precis_status st = push_term(tok, text + a, c - a);
        if (st != PRECIS_OK)
            return st;
        a = b;
        b = c;
    }
    return PRECIS_OK;
}

/* The term of a word: folded, NULL when it is a stopword or a single
 * character, stemmed when the language has a stemmer. */
static precis_status word_term(precis_tokens *tok, const char *word, size_t len, int lang,
                               struct sb_stemmer *stemmer, const char **term, size_t *term_len)
{
    *term = NULL;
    *term_len = 0;
    const char *folded;
    size_t folded_len;
    precis_status st = precis_fold(&tok->folder, word, len, &folded, &folded_len);
    if (st != PRECIS_OK)
        return st;
    size_t pos = 0;
    precis_utf8_next(folded, folded_len, &pos);
    if (pos >= folded_len || precis_is_stopword(lang, folded, folded_len))
        return PRECIS_OK;
    if (stemmer == NULL) {
        *term = folded;
        *term_len = folded_len;
        return PRECIS_OK;
    }
    const sb_symbol *stem = sb_stemmer_stem(stemmer, (const sb_symbol *)folded, (int)folded_len);
    if (stem == NULL)
        return PRECIS_ERR_NOMEM;
    *term = (const char *)stem;
    *term_len = (size_t)sb_stemmer_length(stemmer);
    return PRECIS_OK;
}

static precis_status push_word(precis_tokens *tok, const char *word, size_t len, int lang,
                               struct sb_stemmer *stemmer)
{
    if (len > PRECIS_MAX_TERM_BYTES)
        return PRECIS_OK;
    uint64_t hash = precis_hash_bytes(word, len);
    const char *term;
    size_t term_len;
    if (!precis_term_cache_get(&tok->cache, lang, word, len, hash, &term, &term_len)) {
        precis_status st = word_term(tok, word, len, lang, stemmer, &term, &term_len);
        if (st == PRECIS_OK)
            st = precis_term_cache_put(&tok->cache, lang, word, len, hash, term, term_len);
        if (st != PRECIS_OK)
            return st;
    }
    return term_len > 0 ? push_term(tok, term, term_len) : PRECIS_OK;
}

static precis_status tokenize_sentence(precis_tokens *tok, const char *text, size_t start,
                                       size_t end, int lang, struct sb_stemmer *stemmer)
{
    size_t pos = start;
    while (pos < end) {
        size_t word = pos;
        int32_t cp = precis_utf8_next(text, end, &pos);
        if (!precis_is_wordchar(cp))
            continue;
        int unspaced = precis_is_unspaced(cp);
        size_t stop = pos;
        while (stop < end) {
            size_t next = stop;
            int32_t c = precis_utf8_next(text, end, &next);
            if (!precis_is_wordchar(c) || precis_is_unspaced(c) != unspaced)
                break;
            stop = next;
        }
        precis_status st = unspaced ? push_bigrams(tok, text, word, stop)
                                    : push_word(tok, text + word, stop - word, lang, stemmer);
        if (st != PRECIS_OK)
            return st;
        pos = stop;
    }
    return PRECIS_OK;
}

void precis_measure(const char *text, size_t start, size_t end, size_t *words, size_t *chars)
{
    size_t w = 0, c = 0, pos = start;
    int in_space = 1, after_unspaced = 0;
    while (pos < end) {
        int32_t cp = precis_utf8_next(text, end, &pos);
        if (precis_is_space(cp)) {
            if (!in_space)
                c++;
            in_space = 1;
            continue;
        }
        c++;
        /* An unspaced character is a word of its own, so the spaced run
         * that follows one starts a new word too. */
        int unspaced = precis_is_unspaced(cp);
        if (in_space || unspaced || after_unspaced)
            w++;
        in_space = 0;
        after_unspaced = unspaced;
    }
    /* A trailing space run was counted as a separator; sentences are
     * trimmed, so this only matters for callers that pass untrimmed text. */
    if (in_space && c > 0)
        c--;
    *words = w;
    *chars = c;
}

precis_status precis_tokenize(precis_tokens *tok, const char *text, const precis_span *spans,
                              size_t n, int lang, struct sb_stemmer *stemmer)
{
    tok->bytes_len = 0;
    tok->count = 0;
    if (n == SIZE_MAX || PRECIS_RESERVE(tok->term_start, tok->term_cap, 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (PRECIS_RESERVE(tok->sents, tok->sents_cap, n + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    tok->term_start[0] = 0;
    for (size_t i = 0; i < n; i++) {
        precis_sentence_terms *s = &tok->sents[i];
        s->first = tok->count;
        precis_measure(text, spans[i].start, spans[i].end, &s->words, &s->chars);
        precis_status st = tokenize_sentence(tok, text, spans[i].start, spans[i].end, lang, stemmer);
        if (st != PRECIS_OK)
            return st;
    }
    tok->sents[n] = (precis_sentence_terms){tok->count, 0, 0};
    return PRECIS_OK;
}

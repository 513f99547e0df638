/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_tokenize.c - words, folding, stopwords, stems, CJK bigrams, the
 * budget measures of sentences, and detection's words found again by the
 * tokenizer.
 */
#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "lang.h"
#include "tokenize.h"
#include "utf8.h"
#include "words.h"

#define TERMS_MAX 1024

/* The stemmers of the language with this code, NULL when it has none. */
static precis_stemmer *new_stemmer(int lang)
{
    const char *algorithm = precis_languages[lang].stemmer;
    if (algorithm == NULL)
        return NULL;
    precis_stemmer *stemmer = calloc(1, sizeof *stemmer);
    assert_non_null(stemmer);
    assert_int_equal(precis_stemmer_open(stemmer, algorithm), PRECIS_OK);
    return stemmer;
}

static void delete_stemmer(precis_stemmer *stemmer)
{
    if (stemmer != NULL)
        precis_stemmer_close(stemmer);
    free(stemmer);
}

/* Terms first..last of tok joined with '|' into out. */
static void join_terms(const precis_tokens *tok, size_t first, size_t last, char *out,
                       size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t k = first; k < last; k++) {
        size_t len;
        const char *term = precis_vocab_term(&tok->vocab, tok->ids[k], &len);
        assert_true(used + len + 2 <= cap);
        if (k > first)
            out[used++] = '|';
        memcpy(out + used, term, len);
        used += len;
        out[used] = '\0';
    }
}

/* Tokenizes text as one sentence in language code and joins its terms. */
static void terms_of(const char *code, const char *text, size_t len, int stem, char *out,
                     size_t cap)
{
    int lang = precis_lang_find(code);
    assert_true(lang >= 0);
    precis_stemmer *stemmer = stem ? new_stemmer(lang) : NULL;
    precis_tokens tok = {0};
    precis_span span = {0, len, 0};
    assert_int_equal(precis_tokenize(&tok, text, &span, 1, lang, stemmer), PRECIS_OK);
    assert_int_equal(tok.sents[0].first, 0);
    assert_int_equal(tok.sents[1].first, tok.count);
    join_terms(&tok, 0, tok.count, out, cap);
    precis_tokens_free(&tok);
    delete_stemmer(stemmer);
}

typedef struct term_case {
    const char *lang;
    const char *text;
    const char *expected; /* terms joined with '|' */
} term_case;

static const term_case term_cases[] = {
    /* Words are runs of letters, marks and digits; punctuation separates. */
    {"en", "cats, dogs; birds!", "cat|dog|bird"},
    {"en", "year 2024 had 365 days", "year|2024|365|day"},
    {"en", "mp3 files", "mp3|file"},
    /* Apostrophes and hyphens split words (and "n" is then one letter). */
    {"en", "rock'n'roll", "rock|roll"},
    {"en", "rock\u2019n\u2019roll", "rock|roll"},
    {"en", "well-known", "well|known"},
    {"en", "x-ray", "ray"},
    /* A combining mark stays inside its word and NFKC composes it. */
    {"en", "cafe\u0301 cafe", "caf\u00e9|cafe"},
    /* NFKC: fullwidth forms and ligatures. */
    {"en", "\uff21\uff22\uff23 abc", "abc|abc"},
    {"en", "\ufb01ne fine", "fine|fine"},
    /* Case folding, also beyond ASCII: Greek final sigma folds to sigma. */
    {"en", "RUNNING Running running", "run|run|run"},
    {"en", "\u03a3\u038a\u03a3\u03a5\u03a6\u039f\u03a3 \u03c3\u03af\u03c3\u03c5\u03c6\u03bf\u03c2",
     "\u03c3\u03af\u03c3\u03c5\u03c6\u03bf\u03c3|\u03c3\u03af\u03c3\u03c5\u03c6\u03bf\u03c3"},
    {"en", "\u041f\u0420\u0418\u0412\u0415\u0422 \u043f\u0440\u0438\u0432\u0435\u0442",
     "\u043f\u0440\u0438\u0432\u0435\u0442|\u043f\u0440\u0438\u0432\u0435\u0442"},
    {"ru", "\u041f\u0420\u0418\u0412\u0415\u0422 \u043c\u0438\u0440\u0443",
     "\u043f\u0440\u0438\u0432\u0435\u0442|\u043c\u0438\u0440"},
    /* ß folds to ss before stemming, so every spelling meets. */
    {"en", "Stra\u00dfe STRASSE strasse", "strass|strass|strass"},
    {"de", "Stra\u00dfe H\u00e4user", "strass|haus"},
    /* Stopwords of the document's language only. */
    {"en", "The cat and the hat", "cat|hat"},
    {"en", "THE CAT", "cat"},
    {"en", "le chat", "le|chat"},
    {"fr", "le chat", "chat"},
    {"fr", "the chat", "the|chat"},
    {"de", "der Hund und die Katze", "hund|katz"},
    /* Single characters are not terms. */
    {"en", "x y z 7 q", ""},
    {"en", "ox b", "ox"},
    /* Snowball stems. */
    {"en", "running connections", "run|connect"},
    {"en", "connected connecting connection", "connect|connect|connect"},
    {"fr", "continuellement", "continuel"},
    /* Unspaced scripts: overlapping bigrams; a lone character is itself. */
    {"en", "\u4e2d\u6587\u5b57", "\u4e2d\u6587|\u6587\u5b57"},
    {"en", "\u4e2d", "\u4e2d"},
    {"en", "\u4e2d\u6587\uff0c\u5b57", "\u4e2d\u6587|\u5b57"},
    {"en", "\u65e5\u672c\u8a9e\u3068English",
     "\u65e5\u672c|\u672c\u8a9e|\u8a9e\u3068|english"},
    {"en", "abc\u4e2d\u6587", "abc|\u4e2d\u6587"},
    /* Nothing to find. */
    {"en", "", ""},
    {"en", " \t\n...!? -- ''", ""},
};

static void test_terms(void **state)
{
    (void)state;
    size_t failures = 0;
    for (size_t i = 0; i < sizeof term_cases / sizeof term_cases[0]; i++) {
        const term_case *c = &term_cases[i];
        char got[TERMS_MAX];
        terms_of(c->lang, c->text, strlen(c->text), 1, got, sizeof got);
        if (strcmp(got, c->expected) != 0) {
            print_error("[%s] \"%s\": want \"%s\", got \"%s\"\n", c->lang, c->text, c->expected,
                        got);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* Without a stemmer the folded word is the term. */
static void test_no_stemmer(void **state)
{
    (void)state;
    char got[TERMS_MAX];
    terms_of("en", "Running CONNECTIONS Stra\u00dfe", strlen("Running CONNECTIONS Stra\u00dfe"), 0,
             got, sizeof got);
    assert_string_equal(got, "running|connections|strasse");
}

/* The length limit applies to the word's bytes as written. */
static void test_max_term_bytes(void **state)
{
    (void)state;
    static const struct {
        const char *unit;
        size_t repeat;
        size_t terms;
    } cases[] = {
        {"q", PRECIS_MAX_TERM_BYTES, 1},
        {"q", PRECIS_MAX_TERM_BYTES + 1, 0},
        {"\u00e9", PRECIS_MAX_TERM_BYTES / 2, 1},     /* 100 bytes */
        {"\u00e9", PRECIS_MAX_TERM_BYTES / 2 + 1, 0}, /* 102 bytes */
    };
    int en = precis_lang_find("en");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t unit = strlen(cases[i].unit);
        /* "ok <long word> ok": the words around it must survive. */
        size_t len = 3 + unit * cases[i].repeat + 3;
        char *text = malloc(len);
        assert_non_null(text);
        memcpy(text, "ok ", 3);
        for (size_t r = 0; r < cases[i].repeat; r++)
            memcpy(text + 3 + r * unit, cases[i].unit, unit);
        memcpy(text + len - 3, " ok", 3);
        precis_tokens tok = {0};
        precis_span span = {0, len, 0};
        assert_int_equal(precis_tokenize(&tok, text, &span, 1, en, NULL), PRECIS_OK);
        assert_int_equal(tok.count, 2 + cases[i].terms);
        if (cases[i].terms == 1) {
            size_t long_len;
            precis_vocab_term(&tok.vocab, tok.ids[1], &long_len);
            assert_int_equal(long_len, unit * cases[i].repeat);
        }
        precis_tokens_free(&tok);
        free(text);
    }
}

typedef struct measure_case {
    const char *text;
    size_t words;
    size_t chars;
} measure_case;

static const measure_case measure_cases[] = {
    {"", 0, 0},
    {"one", 1, 3},
    {"one two", 2, 7},
    {"one \t\n  two", 2, 7},
    {"one\u00a0two", 2, 7},        /* NBSP is white space */
    {"one\u3000two", 2, 7},        /* so is the ideographic space */
    {"  lead and trail  ", 3, 14}, /* untrimmed ends do not count */
    {"don't stop", 2, 10},         /* budgets count white-space runs */
    {"caf\u00e9", 1, 4},
    {"emoji \U0001F600", 2, 7},
    {"\u4e2d\u6587\u5b57", 3, 3}, /* each CJK character is a word */
    {"\u4e2d\u6587 ab", 3, 5},
    {"ab\u4e2d", 2, 3},
    {"\u4e2dab", 2, 3},
    {"\u6211\u7528Linux\u7cfb\u7edf", 5, 9},
    {"\xff\xfe ab", 2, 5}, /* invalid bytes count as one character each */
};

/* The budget measure of text[start, end) tokenized as one sentence. */
static void measure(const char *text, size_t start, size_t end, size_t *words, size_t *chars)
{
    precis_tokens tok = {0};
    precis_span span = {start, end, 0};
    assert_int_equal(precis_tokenize(&tok, text, &span, 1, precis_lang_find("en"), NULL),
                     PRECIS_OK);
    *words = tok.sents[0].words;
    *chars = tok.sents[0].chars;
    precis_tokens_free(&tok);
}

static void test_measure(void **state)
{
    (void)state;
    size_t failures = 0;
    for (size_t i = 0; i < sizeof measure_cases / sizeof measure_cases[0]; i++) {
        const measure_case *c = &measure_cases[i];
        size_t words = 99, chars = 99;
        measure(c->text, 0, strlen(c->text), &words, &chars);
        if (words != c->words || chars != c->chars) {
            print_error("\"%s\": want %zu words %zu chars, got %zu and %zu\n", c->text, c->words,
                        c->chars, words, chars);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* Only text[start, end) is measured. */
static void test_measure_range(void **state)
{
    (void)state;
    const char *text = "skip this. count these three words. skip";
    size_t words, chars;
    measure(text, 11, 35, &words, &chars);
    assert_int_equal(words, 4);
    assert_int_equal(chars, 24);
}

/* The budget measure by its definition, code point by code point:
 * characters are the code points that are not white space, plus one for
 * each white space run between two that are not; a word starts at a
 * character that is not white space where the one before is white space
 * or unspaced (or there is none), and at every unspaced character. */
static void reference_measure(const char *text, size_t len, size_t *words, size_t *chars)
{
    size_t w = 0, c = 0, pos = 0;
    int have_prev = 0, prev_space = 0, prev_unspaced = 0, seen_other = 0, pending_space = 0;
    while (pos < len) {
        int32_t cp = precis_utf8_next(text, len, &pos);
        int space = precis_is_space(cp), unspaced = precis_is_unspaced(cp);
        if (space) {
            pending_space = seen_other;
        } else {
            c += 1 + (size_t)pending_space;
            pending_space = 0;
            seen_other = 1;
            if (!have_prev || prev_space || prev_unspaced || unspaced)
                w++;
        }
        have_prev = 1;
        prev_space = space;
        prev_unspaced = unspaced;
    }
    *words = w;
    *chars = c;
}

/* Random pieces of text (letters, digits, punctuation, every kind of
 * white space, accented and unspaced letters, unspaced punctuation,
 * invalid bytes): the tokenizer measures each as the definition does. */
static void test_measure_random(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "Zb", "9", " ", "  ", "\t", "\n", ".", "'", "-", "\u00a0", "\u3000", "\u00e9",
        "\u0301", "\u4e2d", "\u3002", "\u0e01", "\U0001F600", "\xff", "\xc3", "\xe4\xb8",
        "\u00a9", "\u2019", "\u0661"};
    uint64_t seed = 4242;
    char text[256];
    size_t failures = 0;
    for (int round = 0; round < 5000; round++) {
        size_t len = 0;
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t count = (size_t)(seed >> 33) % 40;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            const char *piece = pieces[(seed >> 33) % (sizeof pieces / sizeof pieces[0])];
            size_t n = strlen(piece);
            if (len + n > sizeof text)
                break;
            memcpy(text + len, piece, n);
            len += n;
        }
        size_t words, chars, want_words, want_chars;
        measure(text, 0, len, &words, &chars);
        reference_measure(text, len, &want_words, &want_chars);
        if (words != want_words || chars != want_chars)
            failures++;
    }
    assert_int_equal(failures, 0);
}

/* Whether s[0, len) is strict UTF-8 (no overlongs, surrogates or values
 * beyond U+10FFFF). */
static int valid_utf8(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1, cp = c & 0x1F, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2, cp = c & 0x0F, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return 0;
        }
        if (len - i <= n)
            return 0;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += n + 1;
    }
    return 1;
}

static void test_invalid_utf8_terms(void **state)
{
    (void)state;
    static const term_case cases[] = {
        {"en", "ab\xff" "cd", "ab|cd"},
        {"en", "caf\xc3 bar", "caf|bar"},             /* truncated sequence */
        {"en", "xx\xed\xa0\x80yy", "xx|yy"},          /* surrogate */
        {"en", "\xc0\xafzz\xe0\x80\xaf", "zz"},       /* overlong forms */
        {"en", "\xe4\xb8\xad\xe4\xb8", "\xe4\xb8\xad"}, /* CJK, then a cut one */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char got[TERMS_MAX];
        terms_of(cases[i].lang, cases[i].text, strlen(cases[i].text), 1, got, sizeof got);
        assert_string_equal(got, cases[i].expected);
    }
}

/* Random bytes, biased towards UTF-8 lead and continuation bytes: every
 * term must be valid UTF-8 and every sentence's terms in order. A fixed
 * linear congruential generator keeps the run reproducible. */
static void test_invalid_utf8_random(void **state)
{
    (void)state;
    static const unsigned char pool[] = {'a', 'b', 'Z', '9', ' ', '\'', '-', '.', 0x80, 0xBF,
                                         0xC3, 0xA9, 0xE4, 0xB8, 0xAD, 0xED, 0xA0, 0xF0,
                                         0x9F, 0x98, 0x80, 0xFF, 0xC0, 0xF4, 0x90};
    uint64_t seed = 12345;
    int en = precis_lang_find("en");
    precis_stemmer *stemmer = new_stemmer(en);
    precis_tokens tok = {0};
    char text[256];
    for (int round = 0; round < 2000; round++) {
        size_t len = 0;
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t want = (size_t)(seed >> 33) % sizeof text;
        while (len < want) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            text[len++] = (char)pool[(seed >> 33) % sizeof pool];
        }
        precis_span spans[3] = {{0, len / 3, 0}, {len / 3, 2 * len / 3, 0}, {2 * len / 3, len, 0}};
        assert_int_equal(precis_tokenize(&tok, text, spans, 3, en, stemmer), PRECIS_OK);
        for (size_t k = 0; k < tok.count; k++) {
            size_t term_len;
            const char *term = precis_vocab_term(&tok.vocab, tok.ids[k], &term_len);
            assert_true(term_len > 0);
            assert_true(valid_utf8((const unsigned char *)term, term_len));
        }
        for (size_t i = 0; i < 3; i++) {
            assert_true(tok.sents[i].first <= tok.sents[i + 1].first);
            assert_true(tok.sents[i].chars <= spans[i].end - spans[i].start);
        }
        assert_int_equal(tok.sents[3].first, tok.count);
    }
    precis_tokens_free(&tok);
    delete_stemmer(stemmer);
}

/* Several sentences: each one's terms start where the previous ended,
 * a sentence without terms has an empty range, and the measures are per
 * sentence. */
static void test_sentence_boundaries(void **state)
{
    (void)state;
    const char *text = "Cats sleep. The a. Dogs bark loudly.";
    const precis_span spans[] = {{0, 11, 0}, {12, 18, 0}, {19, 36, 0}};
    int en = precis_lang_find("en");
    precis_stemmer *stemmer = new_stemmer(en);
    precis_tokens tok = {0};
    assert_int_equal(precis_tokenize(&tok, text, spans, 3, en, stemmer), PRECIS_OK);
    assert_int_equal(tok.count, 5);
    static const size_t first[] = {0, 2, 2, 5};
    static const size_t words[] = {2, 2, 3};
    static const size_t chars[] = {11, 6, 17};
    static const char *const terms[] = {"cat|sleep", "", "dog|bark|loud"};
    for (size_t i = 0; i < 3; i++) {
        char got[TERMS_MAX];
        assert_int_equal(tok.sents[i].first, first[i]);
        assert_int_equal(tok.sents[i].words, words[i]);
        assert_int_equal(tok.sents[i].chars, chars[i]);
        join_terms(&tok, tok.sents[i].first, tok.sents[i + 1].first, got, sizeof got);
        assert_string_equal(got, terms[i]);
    }
    assert_int_equal(tok.sents[3].first, first[3]);
    precis_tokens_free(&tok);
    delete_stemmer(stemmer);
}

/* One precis_tokens serves many documents; each call replaces the last. */
static void test_reuse(void **state)
{
    (void)state;
    int en = precis_lang_find("en");
    precis_stemmer *stemmer = new_stemmer(en);
    precis_tokens reused = {0};

    /* A long document first, so that later ones fit in its memory. */
    size_t big_len = 0;
    char *big = malloc(20000);
    assert_non_null(big);
    precis_span big_spans[400];
    for (size_t i = 0; i < 400; i++) {
        int n = snprintf(big + big_len, 20000 - big_len, "Sentence number%zu talks. ", i);
        big_spans[i] = (precis_span){big_len, big_len + (size_t)n - 1, 0};
        big_len += (size_t)n;
    }
    assert_int_equal(precis_tokenize(&reused, big, big_spans, 400, en, stemmer), PRECIS_OK);
    assert_int_equal(reused.count, 1200);

    const char *small = "Horses gallop. Fish swim.";
    const precis_span small_spans[] = {{0, 14, 0}, {15, 25, 0}};
    precis_tokens fresh = {0};
    assert_int_equal(precis_tokenize(&reused, small, small_spans, 2, en, stemmer), PRECIS_OK);
    assert_int_equal(precis_tokenize(&fresh, small, small_spans, 2, en, stemmer), PRECIS_OK);
    assert_int_equal(reused.count, 4);
    assert_int_equal(reused.count, fresh.count);
    char reused_terms[TERMS_MAX], fresh_terms[TERMS_MAX];
    join_terms(&reused, 0, reused.count, reused_terms, sizeof reused_terms);
    join_terms(&fresh, 0, fresh.count, fresh_terms, sizeof fresh_terms);
    assert_string_equal(reused_terms, fresh_terms);
    for (size_t i = 0; i <= 2; i++) {
        assert_int_equal(reused.sents[i].first, fresh.sents[i].first);
        if (i < 2) {
            assert_int_equal(reused.sents[i].words, fresh.sents[i].words);
            assert_int_equal(reused.sents[i].chars, fresh.sents[i].chars);
        }
    }
    char got[TERMS_MAX];
    join_terms(&reused, 0, reused.count, got, sizeof got);
    assert_string_equal(got, "hors|gallop|fish|swim");

    /* No sentences at all. */
    assert_int_equal(precis_tokenize(&reused, "", NULL, 0, en, stemmer), PRECIS_OK);
    assert_int_equal(reused.count, 0);
    assert_int_equal(reused.sents[0].first, 0);

    /* Trimming below the bound keeps the vocabulary: ids stay valid. */
    size_t terms = reused.vocab.terms.count;
    precis_tokens_trim(&reused);
    assert_int_equal(reused.vocab.terms.count, terms);

    precis_tokens_free(&fresh);
    precis_tokens_free(&reused);
    precis_tokens_free(&reused); /* freeing twice is harmless */
    free(big);
    delete_stemmer(stemmer);
}

/* Past its bound the vocabulary is emptied between documents, and the
 * terms of the next document are the same as from a fresh one. */
static void test_vocabulary_bound(void **state)
{
    (void)state;
    int en = precis_lang_find("en");
    size_t words = PRECIS_VOCAB_MAX_ENTRIES + 10, cap = words * 12, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (size_t i = 0; i < words; i++)
        len += (size_t)snprintf(text + len, cap - len, "w%zu ", i);
    precis_tokens tok = {0};
    precis_span span = {0, len - 1, 0};
    assert_int_equal(precis_tokenize(&tok, text, &span, 1, en, NULL), PRECIS_OK);
    assert_int_equal(tok.count, words);
    assert_true(tok.vocab.terms.count > PRECIS_VOCAB_MAX_ENTRIES);
    precis_tokens_trim(&tok);
    assert_int_equal(tok.vocab.terms.count, 0);
    assert_int_equal(tok.vocab.words.count, 0);

    const char *small = "Horses gallop.";
    precis_span small_span = {0, 14, 0};
    assert_int_equal(precis_tokenize(&tok, small, &small_span, 1, en, NULL), PRECIS_OK);
    char got[TERMS_MAX];
    join_terms(&tok, 0, tok.count, got, sizeof got);
    assert_string_equal(got, "horses|gallop");
    precis_tokens_free(&tok);
    free(text);
}

/* Where tokens come from and what their words look like, when asked. */
static void test_word_records(void **state)
{
    (void)state;
    static const char text[] = "The Élysée said 3D printing is 42% of Paris. Tokyo 東京都 grew.";
    int lang = precis_lang_find("en");
    precis_stemmer *stemmer = new_stemmer(lang);
    precis_tokens tok = {0};
    tok.record_words = 1;
    size_t second = strlen("The Élysée said 3D printing is 42% of Paris. ");
    precis_span spans[2] = {{0, second - 1, 0}, {second, strlen(text), 0}};
    assert_int_equal(precis_tokenize(&tok, text, spans, 2, lang, stemmer), PRECIS_OK);
    /* élysé said 3d print 42 pari | tokyo, then the bigrams 東京 京都, grew */
    static const struct {
        const char *word;
        unsigned shape;
    } want[] = {
        {"Élysée", PRECIS_WORD_CAPITAL},
        {"said", 0},
        {"3D", PRECIS_WORD_DIGIT},
        {"printing", 0},
        {"42", PRECIS_WORD_DIGIT},
        {"Paris", PRECIS_WORD_CAPITAL},
        {"Tokyo", PRECIS_WORD_CAPITAL | PRECIS_WORD_FIRST},
        {"東京", 0},
        {"京都", 0},
        {"grew", 0},
    };
    assert_int_equal(tok.count, sizeof want / sizeof want[0]);
    for (size_t k = 0; k < tok.count; k++) {
        const precis_token_word *w = &tok.words[k];
        assert_int_equal(w->end - w->start, strlen(want[k].word));
        assert_memory_equal(text + w->start, want[k].word, strlen(want[k].word));
        assert_int_equal(w->shape, want[k].shape);
    }
    /* "The" was the first word of the first sentence, but a stopword. */
    assert_int_equal(tok.sents[1].first, 6);
    precis_tokens_free(&tok);
    delete_stemmer(stemmer);
}

/* The memo is keyed by the word alone: a word met in one language and
 * then in another gets the other's term (a stopword in one, a term in the
 * other), and back again, as a fresh vocabulary would give. */
static void test_memo_across_languages(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *text, *expected;
    } steps[] = {
        {"en", "die hard Katze", "die|hard|katz"},
        {"de", "die hard Katze", "hard|katz"},
        {"en", "die hard Katze", "die|hard|katz"},
        {"fr", "le chat die", "chat|di"},
        {"de", "die Katze", "katz"},
    };
    precis_tokens reused = {0};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        int lang = precis_lang_find(steps[i].lang);
        precis_stemmer *stemmer = new_stemmer(lang);
        precis_span span = {0, strlen(steps[i].text), 0};
        assert_int_equal(precis_tokenize(&reused, steps[i].text, &span, 1, lang, stemmer),
                         PRECIS_OK);
        char got[TERMS_MAX], fresh[TERMS_MAX];
        join_terms(&reused, 0, reused.count, got, sizeof got);
        terms_of(steps[i].lang, steps[i].text, span.end, 1, fresh, sizeof fresh);
        assert_string_equal(got, fresh);
        assert_string_equal(got, steps[i].expected);
        delete_stemmer(stemmer);
    }
    precis_tokens_free(&reused);
}

/* Detection through the memo says what precis_lang_detect says, on a cold
 * memo and a warm one, with and without a declared language, and for a
 * word too long for the memo. */
static void test_detect_through_memo(void **state)
{
    (void)state;
    char longword[PRECIS_MAX_TERM_BYTES + 40];
    memset(longword, 'a', sizeof longword - 1);
    longword[sizeof longword - 1] = '\0';
    char with_long[512];
    snprintf(with_long, sizeof with_long, "der %s und die Katze", longword);
    const char *texts[] = {
        "The council decided on Tuesday to close the old library at the end of the year.",
        "Le conseil municipal a d\u00e9cid\u00e9 mardi de fermer la vieille biblioth\u00e8que.",
        "Der Stadtrat hat am Dienstag beschlossen, die alte Bibliothek zu schlie\u00dfen.",
        "\u041f\u0440\u0430\u0432\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e "
        "\u043e\u0431\u044a\u044f\u0432\u0438\u043b\u043e, \u0447\u0442\u043e \u043e\u0442",
        "\u5e02\u8bae\u4f1a\u661f\u671f\u4e8c\u51b3\u5b9a",
        "123 456, 789!",
        "",
        with_long,
    };
    int hints[] = {-1, precis_lang_find("en"), precis_lang_find("nl")};
    precis_folder folder = {0};
    precis_tokens tok = {0};
    for (int pass = 0; pass < 2; pass++)
        for (size_t h = 0; h < sizeof hints / sizeof hints[0]; h++)
            for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
                int direct = -2, memo = -3;
                assert_int_equal(
                    precis_lang_detect(texts[i], strlen(texts[i]), &folder, hints[h], &direct),
                    PRECIS_OK);
                assert_int_equal(
                    precis_tokens_detect(&tok, texts[i], strlen(texts[i]), hints[h], &memo),
                    PRECIS_OK);
                assert_int_equal(memo, direct);
            }
    precis_tokens_free(&tok);
    precis_folder_free(&folder);
}


/* A random text of pieces (letters of several scripts, digits, marks,
 * punctuation, white space, invalid bytes, words longer than the memo
 * takes) into text[0, cap), from *seed; its length. */
static size_t random_text(uint64_t *seed, char *text, size_t cap)
{
    static const char *const pieces[] = {
        "a", "Zb", "9", "the ", " and ", "le ", "der ", " ", "  ", "\t", "\n", ".", "'", "-",
        "\u00a0", "\u3000", "\u00e9", "\u00df", "\u00f1", "\u0301", "\u4e2d", "\u3042",
        "\u3002", "\u0e01", "\u0436", "\u03b1", "\u0627", "\U0001F600", "\xff", "\xc3",
        "\xe4\xb8", "\u00a9", "\u2019", "\u0661",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
    size_t len = 0;
    *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
    size_t count = (size_t)(*seed >> 33) % 400;
    for (size_t k = 0; k < count; k++) {
        *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
        const char *piece = pieces[(*seed >> 33) % (sizeof pieces / sizeof pieces[0])];
        size_t n = strlen(piece);
        if (len + n > cap)
            break;
        memcpy(text + len, piece, n);
        len += n;
    }
    return len;
}

/* Detection through the memo reads the words precis_next_word finds, and
 * decides as precis_lang_detect does, on random texts of every script;
 * the words it notes for the tokenizer are its spaced words that the
 * memo takes, in order. */
static void test_detect_random(void **state)
{
    (void)state;
    uint64_t seed = 77;
    char text[2048];
    precis_folder folder = {0};
    precis_tokens tok = {0};
    int hints[] = {-1, precis_lang_find("fr")};
    for (int round = 0; round < 3000; round++) {
        size_t len = random_text(&seed, text, sizeof text);
        int hint = hints[round % 2], direct = -2, memo = -3;
        assert_int_equal(precis_lang_detect(text, len, &folder, hint, &direct), PRECIS_OK);
        assert_int_equal(precis_tokens_detect(&tok, text, len, hint, &memo), PRECIS_OK);
        assert_int_equal(memo, direct);
        size_t pos = 0, start, words = 0, noted = 0;
        int unspaced;
        while (words < PRECIS_LANG_DETECT_WORDS &&
               precis_next_word(text, len, &pos, &start, &unspaced)) {
            words++;
            if (unspaced || pos - start > PRECIS_MAX_TERM_BYTES)
                continue;
            assert_true(noted < tok.detected_count);
            assert_int_equal(tok.detected[noted].start, start);
            assert_int_equal(tok.detected[noted].len, pos - start);
            int ascii = 1;
            for (size_t b = start; b < pos; b++)
                ascii &= (unsigned char)text[b] < 0x80;
            assert_int_equal(tok.detected[noted].ascii, ascii);
            noted++;
        }
        assert_int_equal(noted, tok.detected_count);
    }
    precis_tokens_free(&tok);
    precis_folder_free(&folder);
}

/* Tokens made right after detection, where the tokenizer finds the
 * detected words in the memo without looking them up (and an ASCII
 * word's end without reading it again), are those of a fresh vocabulary;
 * so are they when the text changed under the same pointer after
 * detection (all of it, or bytes at the ends of its words), or the memo
 * grew in between. */
static void test_tokenize_after_detect(void **state)
{
    (void)state;
    int en = precis_lang_find("en");
    precis_stemmer *stemmer = new_stemmer(en);
    precis_tokens tok = {0};
    uint64_t seed = 5;
    char text[2048], other[2048];
    for (int round = 0; round < 600; round++) {
        size_t len = random_text(&seed, text, sizeof text);
        precis_span spans[2] = {{0, len / 2, 0}, {len / 2, len, 0}};
        int lang;
        assert_int_equal(precis_tokens_detect(&tok, text, len, -1, &lang), PRECIS_OK);
        if (round % 4 == 3) {
            /* Words detection read, grown by a letter or a letter with an
             * accent, cut by a space, or changed where their keys are. */
            for (size_t k = 0; k < tok.detected_count; k++) {
                size_t a = tok.detected[k].start, b = a + tok.detected[k].len;
                seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
                unsigned what = (unsigned)(seed >> 33) % 5;
                if (what == 0 && b < len)
                    text[b] = 'q';
                else if (what == 1 && b + 1 < len)
                    memcpy(text + b, "\xc3\xa9", 2);
                else if (what == 2 && b - a > 1)
                    text[b - 1] = ' ';
                else if (what == 3)
                    text[a + (b - a) / 2] = 'Z';
            }
        } else if (round % 3 == 1) {
            /* Another text in the same bytes, never detected. */
            size_t other_len = random_text(&seed, other, sizeof other);
            len = other_len < len ? other_len : len;
            memcpy(text, other, len);
            spans[0].end = spans[1].start = len / 2;
            spans[1].end = len;
        } else if (round % 3 == 2) {
            /* Many new words: the memo grows and its words move. */
            char word[32];
            for (size_t i = 0; i < 3000; i++) {
                int n = snprintf(word, sizeof word, "filler%d-%zu", round, i);
                uint32_t term;
                unsigned cls;
                assert_int_equal(
                    precis_vocab_word(&tok, word, (size_t)n, en, stemmer, &term, &cls),
                    PRECIS_OK);
            }
        }
        assert_int_equal(precis_tokenize(&tok, text, spans, 2, en, stemmer), PRECIS_OK);
        precis_tokens fresh = {0};
        assert_int_equal(precis_tokenize(&fresh, text, spans, 2, en, stemmer), PRECIS_OK);
        assert_int_equal(tok.count, fresh.count);
        for (size_t k = 0; k < tok.count; k++) {
            size_t a_len, b_len;
            const char *a = precis_vocab_term(&tok.vocab, tok.ids[k], &a_len);
            const char *b = precis_vocab_term(&fresh.vocab, fresh.ids[k], &b_len);
            assert_int_equal(a_len, b_len);
            assert_memory_equal(a, b, a_len);
        }
        for (size_t i = 0; i <= 2; i++)
            assert_int_equal(tok.sents[i].first, fresh.sents[i].first);
        precis_tokens_free(&fresh);
        precis_tokens_trim(&tok);
    }
    precis_tokens_free(&tok);
    delete_stemmer(stemmer);
}

/* The tokens of text[start, end) by their definition, word by word
 * (precis_next_word): a spaced word's term through ref's vocabulary
 * (precis_vocab_word), a run of an unspaced script's pairs of
 * neighbouring characters (a lone character alone); joined with '|'. */
static void reference_terms(precis_tokens *ref, const char *text, size_t start, size_t end,
                            int lang, const precis_stemmer *stemmer, char *out, size_t cap)
{
    size_t used = 0, pos = start, word;
    int unspaced;
    out[0] = '\0';
    while (precis_next_word(text, end, &pos, &word, &unspaced)) {
        const char *bytes[256];
        size_t lens[256], n = 0;
        if (!unspaced) {
            uint32_t term;
            unsigned cls;
            assert_int_equal(precis_vocab_word(ref, text + word, pos - word, lang, stemmer,
                                               &term, &cls),
                             PRECIS_OK);
            if (term != 0) {
                bytes[n] = precis_vocab_term(&ref->vocab, term - 1, &lens[n]);
                n++;
            }
        } else {
            size_t a = word, b = word;
            precis_utf8_next(text, pos, &b);
            if (b >= pos) {
                bytes[n] = text + a;
                lens[n++] = b - a;
            }
            while (b < pos) {
                size_t c = b;
                precis_utf8_next(text, pos, &c);
                assert_true(n < 256);
                bytes[n] = text + a;
                lens[n++] = c - a;
                a = b;
                b = c;
            }
        }
        for (size_t k = 0; k < n; k++) {
            assert_true(used + lens[k] + 2 <= cap);
            if (used > 0)
                out[used++] = '|';
            memcpy(out + used, bytes[k], lens[k]);
            used += lens[k];
            out[used] = '\0';
        }
    }
}

/* Random texts cut into sentences at random bytes (in the middle of a
 * word, of a character, after the last byte that ends a word...), some
 * detected first, with and without word records: every sentence's terms
 * and measure are those of the definitions, whatever the tokenizer's
 * scan skips (its bound checks before a sentence's last byte that ends a
 * word, the words' keys read in one load, the room for a batch's tokens
 * reserved at once, its terms counted without a branch). */
static void test_tokens_random(void **state)
{
    (void)state;
    int en = precis_lang_find("en");
    precis_stemmer *stemmer = new_stemmer(en);
    precis_tokens tok = {0}, ref = {0};
    uint64_t seed = 2024;
    char text[2048];
    for (int round = 0; round < 1500; round++) {
        size_t len = random_text(&seed, text, sizeof text);
        precis_span spans[6];
        size_t n = 0, at = 0;
        while (n < 6 && at < len) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t cut = n == 5 ? len : at + 1 + (size_t)(seed >> 33) % (len - at);
            spans[n++] = (precis_span){at, cut, 0};
            at = cut;
        }
        int lang;
        if (round % 2 == 0)
            assert_int_equal(precis_tokens_detect(&tok, text, len, -1, &lang), PRECIS_OK);
        tok.record_words = round % 3 == 0;
        assert_int_equal(precis_tokenize(&tok, text, spans, n, en, stemmer), PRECIS_OK);
        for (size_t i = 0; i < n; i++) {
            char got[8 * TERMS_MAX], want[8 * TERMS_MAX];
            join_terms(&tok, tok.sents[i].first, tok.sents[i + 1].first, got, sizeof got);
            reference_terms(&ref, text, spans[i].start, spans[i].end, en, stemmer, want,
                            sizeof want);
            assert_string_equal(got, want);
            size_t words, chars;
            reference_measure(text + spans[i].start, spans[i].end - spans[i].start, &words,
                              &chars);
            assert_int_equal(tok.sents[i].words, words);
            assert_int_equal(tok.sents[i].chars, chars);
        }
        for (size_t k = 0; tok.record_words && k < tok.count; k++)
            assert_true(tok.words[k].start < tok.words[k].end && tok.words[k].end <= len);
        precis_tokens_trim(&tok);
        precis_tokens_trim(&ref);
    }
    precis_tokens_free(&tok);
    precis_tokens_free(&ref);
    delete_stemmer(stemmer);
}

/* A word that detection noted is taken from its note only where the
 * memo slot holds those very bytes: not where a NUL now follows a shorter
 * word that the slot holds, which has the same key. */
static void test_detected_word_then_nul(void **state)
{
    (void)state;
    char text[] = "ab abc. Then more";
    size_t len = sizeof text - 1;
    int en = precis_lang_find("en"), lang;
    precis_tokens tok = {0}, fresh = {0};
    assert_int_equal(precis_tokens_detect(&tok, text, len, -1, &lang), PRECIS_OK);
    assert_int_equal(tok.detected_count, 4);
    text[5] = '\0';
    /* as if the memo had grown and moved "ab" to the slot of "abc" */
    tok.detected[1].slot = tok.detected[0].slot;
    precis_span span = {0, len, 0};
    tok.record_words = fresh.record_words = 1;
    assert_int_equal(precis_tokenize(&tok, text, &span, 1, en, NULL), PRECIS_OK);
    assert_int_equal(precis_tokenize(&fresh, text, &span, 1, en, NULL), PRECIS_OK);
    assert_int_equal(tok.count, fresh.count);
    for (size_t k = 0; k < tok.count; k++) {
        assert_int_equal(tok.words[k].start, fresh.words[k].start);
        assert_int_equal(tok.words[k].end, fresh.words[k].end);
    }
    assert_int_equal(tok.words[1].end, 5);
    assert_int_equal(tok.sents[0].words, fresh.sents[0].words);
    assert_int_equal(tok.sents[0].chars, fresh.sents[0].chars);
    precis_tokens_free(&tok);
    precis_tokens_free(&fresh);
}

/* A short document's words, all read by detection, are then tokenized
 * without one probe of the memo. */
static void test_detected_words_not_looked_up(void **state)
{
    (void)state;
    static const char text[] = "The council decided on Tuesday to close the old library. "
                               "Readers protested outside the council on Wednesday.";
    int en = precis_lang_find("en");
    precis_stemmer *stemmer = new_stemmer(en);
    precis_tokens tok = {0};
    int lang;
    size_t second = strlen("The council decided on Tuesday to close the old library. ");
    precis_span spans[2] = {{0, second - 1, 0}, {second, strlen(text), 0}};
    assert_int_equal(precis_tokens_detect(&tok, text, strlen(text), -1, &lang), PRECIS_OK);
    assert_int_equal(lang, en);
    assert_int_equal(tok.detected_count, 17);
    size_t probes = tok.vocab.words.probes;
    assert_int_equal(precis_tokenize(&tok, text, spans, 2, en, stemmer), PRECIS_OK);
    assert_int_equal(tok.vocab.words.probes, probes);
    char got[TERMS_MAX];
    join_terms(&tok, 0, tok.count, got, sizeof got);
    assert_string_equal(got, "council|decid|tuesday|close|old|librari|reader|protest|outsid|"
                             "council|wednesday");
    /* The note serves one tokenizing of the detected text. */
    assert_int_equal(precis_tokenize(&tok, text, spans, 2, en, stemmer), PRECIS_OK);
    assert_true(tok.vocab.words.probes > probes);
    precis_tokens_free(&tok);
    delete_stemmer(stemmer);
}

/* The spellings of a word (its folded form, capitalised, in capitals),
 * learnt through one memo, have the terms and classes a fresh vocabulary
 * gives them, in every order and across languages, for words to stem,
 * stopwords, words the stemmer leaves alone, words longer than a memo
 * key, words of Latin-1 letters and words that fold otherwise. */
static void test_spellings_share_terms(void **state)
{
    (void)state;
    static const char *const words[] = {
        "police", "Police", "POLICE", "pOLICE", "policies", "Policies", "The", "the", "THE",
        "Governments", "governments", "GOVERNMENTS", "running", "Running", "Die", "die",
        "Katzen", "katzen", "KATZEN", "Étés", "étés", "ÉTÉS",
        "Straße", "strasse", "STRASSE", "Strasse", "2015", "x", "X", "Ｐolice",
        "reorganisations", "Reorganisations", "REORGANISATIONS", "Ab", "ab", "AB",
        "Pr\u00e9sident", "pr\u00e9sident", "PR\u00c9SIDENT", "pr\u00c9sident", "\u00c9tat",
        "\u00e9tat", "\u00c9TAT", "\u00e9TAT", "\u00ffl\u00e8s", "\u00dfl\u00e8s",
        "\u0178l\u00e8s", "\u0178L\u00c8S", "\u00dfa", "ssa", "Ssa", "\u00f7x", "\u00d7x",
        "\u00e0", "\u00c0",
        "stra\u00dfe", "Stra\u00dfe"};
    static const char *const codes[] = {"en", "de", "fr"};
    size_t nwords = sizeof words / sizeof words[0];
    uint64_t seed = 15;
    for (int round = 0; round < 40; round++) {
        precis_tokens reused = {0};
        for (int step = 0; step < 200; step++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            const char *word = words[(seed >> 33) % nwords];
            const char *code = codes[(seed >> 20) % 3 * (round % 2)];
            int lang = precis_lang_find(code);
            precis_stemmer *stemmer = new_stemmer(lang);
            uint32_t term, fresh_term;
            unsigned cls, fresh_cls;
            precis_tokens fresh = {0};
            assert_int_equal(
                precis_vocab_word(&reused, word, strlen(word), lang, stemmer, &term, &cls),
                PRECIS_OK);
            assert_int_equal(precis_vocab_word(&fresh, word, strlen(word), lang, stemmer,
                                               &fresh_term, &fresh_cls),
                             PRECIS_OK);
            assert_int_equal(cls, fresh_cls);
            assert_int_equal(term != 0, fresh_term != 0);
            if (term != 0) {
                size_t len, fresh_len;
                const char *bytes = precis_vocab_term(&reused.vocab, term - 1, &len);
                const char *fresh_bytes =
                    precis_vocab_term(&fresh.vocab, fresh_term - 1, &fresh_len);
                assert_int_equal(len, fresh_len);
                assert_memory_equal(bytes, fresh_bytes, len);
            }
            precis_tokens_free(&fresh);
            delete_stemmer(stemmer);
        }
        precis_tokens_free(&reused);
    }
}

/* An ASCII word goes to the ISO-8859-1 stemmer where the language has one:
 * its stem is the UTF-8 stemmer's, for every language, on random words
 * made of letters, the endings the Snowball algorithms strip (English,
 * French, German, Spanish, Italian, Portuguese, Dutch, Nordic), digits,
 * apostrophes and hyphens; and a word past ASCII stems as before. */
static void test_stem_ascii_as_utf8(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "e", "i", "o", "u", "y", "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p",
        "r", "s", "t", "v", "w", "z", "qu", "ch", "sh", "th", "ll", "ss", "ational", "tional",
        "ization", "iveness", "fulness", "ousness", "ement", "ments", "ness", "ing", "ings",
        "edly", "ed", "ies", "ied", "ly", "ful", "able", "ible", "ance", "ence", "ism", "ist",
        "iti", "ous", "ive", "ize", "ise", "eau", "eaux", "euse", "euses", "atrice", "logie",
        "usion", "ution", "amment", "emment", "issement", "erions", "assent", "eraient",
        "ungen", "heit", "keit", "lich", "isch", "end", "ern", "em", "en", "er", "es", "ns",
        "mente", "idades", "aciones", "adora", "ante", "anza", "ando", "iendo", "zione",
        "mento", "ismo", "ista", "oso", "heden", "igheid", "lijk", "baar", "sten", "ande",
        "het", "lig", "els", "'s", "'", "-", "0", "7", "s'", "y's", "ye", "yi", "uy"};
    size_t npieces = sizeof pieces / sizeof pieces[0];
    uint64_t seed = 2026;
    size_t latin1_languages = 0;
    for (size_t lang = 0; lang < precis_language_total; lang++) {
        precis_stemmer *stemmer = new_stemmer((int)lang);
        if (stemmer == NULL)
            continue;
        latin1_languages += stemmer->latin1 != NULL;
        for (int n = 0; n < 4000; n++) {
            char word[64];
            size_t len = 0;
            int count = 1 + (int)(n % 6);
            for (int k = 0; k < count; k++) {
                seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
                const char *piece = pieces[(seed >> 33) % npieces];
                size_t plen = strlen(piece);
                if (len + plen >= sizeof word - 4)
                    break;
                memcpy(word + len, piece, plen);
                len += plen;
            }
            if (n % 50 == 0) {
                memcpy(word + len, "\xc3\xa9", 2);
                len += 2;
            }
            const char *stem, *expected;
            size_t stem_len, expected_len;
            char kept[256];
            assert_int_equal(precis_stem_utf8(stemmer, word, len, &expected, &expected_len),
                             PRECIS_OK);
            assert_true(expected_len < sizeof kept);
            memcpy(kept, expected, expected_len);
            assert_int_equal(precis_stem(stemmer, word, len, &stem, &stem_len), PRECIS_OK);
            if (stem_len != expected_len || memcmp(stem, kept, stem_len) != 0)
                fail_msg("%s: '%.*s' stems to '%.*s', not '%.*s'", precis_languages[lang].code,
                         (int)len, word, (int)stem_len, stem, (int)expected_len, kept);
        }
        delete_stemmer(stemmer);
    }
    /* English and French at least take the single-byte path. */
    assert_true(latin1_languages >= 2);
    precis_stemmer *english = new_stemmer(precis_lang_find("en"));
    assert_non_null(english->latin1);
    delete_stemmer(english);
}

/* precis_ascii_alnum_run, sixteen or eight bytes a test, gives the run
 * of ASCII letters and digits and its count of letters that a
 * byte-by-byte scan gives, on random bytes (letters, digits, their
 * neighbours in ASCII, bytes past ASCII) of every length and alignment. */
static void test_alnum_run_random(void **state)
{
    (void)state;
    static const char alphabet[] = "aZz0Am9q@[`{/:\x80\xc3\xff \x01";
    uint64_t seed = 41;
    char buf[64];
    for (int round = 0; round < 40000; round++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t len = (size_t)(seed >> 33) % 56, off = (size_t)(seed >> 50) % 8;
        int density = (int)(seed >> 20) % 4;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t pick = (size_t)(seed >> 33) % (sizeof alphabet - 1);
            /* mostly word bytes, so that runs cross blocks of eight */
            if ((seed >> 45) % 16 > (uint64_t)density)
                pick %= 7;
            buf[off + i] = alphabet[pick];
        }
        size_t want = 0, want_letters = 0;
        while (want < len) {
            unsigned char c = (unsigned char)buf[off + want];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                want_letters++;
            else if (!(c >= '0' && c <= '9'))
                break;
            want++;
        }
        size_t letters = SIZE_MAX;
        assert_int_equal(precis_ascii_alnum_run(buf + off, len, &letters), want);
        assert_int_equal(letters, want_letters);
    }
}

#if defined(PRECIS_ASCII_ALNUM16)
/* precis_ascii_alnum_span, sixteen bytes a test, gives the run of ASCII
 * letters and digits of a byte-by-byte scan, on random bytes of every
 * length and alignment. */
static void test_alnum_span_random(void **state)
{
    (void)state;
    static const char alphabet[] = "aZz0Am9q@[`{/:\x80\xc3\xff \x01";
    uint64_t seed = 43;
    char buf[96];
    for (int round = 0; round < 40000; round++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t len = (size_t)(seed >> 33) % 80, off = (size_t)(seed >> 50) % 16;
        int density = (int)(seed >> 20) % 4;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t pick = (size_t)(seed >> 33) % (sizeof alphabet - 1);
            /* mostly word bytes, so that runs cross blocks of sixteen */
            if ((seed >> 45) % 32 > (uint64_t)density)
                pick %= 7;
            buf[off + i] = alphabet[pick];
        }
        size_t want = 0;
        while (want < len) {
            unsigned char c = (unsigned char)buf[off + want];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                break;
            want++;
        }
        assert_int_equal(precis_ascii_alnum_span(buf + off, len), want);
    }
}

/* The sixteen-byte test of ASCII letters and digits gives, bit for bit,
 * those of a byte-by-byte test, on random blocks of every byte value
 * (mostly the neighbours of the ranges), at every offset. */
static void test_alnum16_random(void **state)
{
    (void)state;
    static const unsigned char near[] = {'/', '0', '9', ':', '@', 'A', 'Z', '[', '`', 'a',
                                         'z', '{', 0x7f, 0x80, 0xc1, 0xda, 0xe1, 0xfa, 0xff};
    uint64_t seed = 61;
    char buf[32];
    for (int round = 0; round < 100000; round++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t off = (size_t)(seed >> 60) % 16;
        unsigned want = 0, want_digits = 0;
        for (int i = 0; i < 16; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            uint32_t r = (uint32_t)(seed >> 33);
            unsigned char c = r % 2 ? near[r / 2 % sizeof near] : (unsigned char)(r >> 8);
            buf[off + (size_t)i] = (char)c;
            int digit = c >= '0' && c <= '9';
            want |= (unsigned)(digit || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) << i;
            want_digits |= (unsigned)digit << i;
        }
        unsigned digits = 0;
        assert_int_equal(precis_ascii_alnum16(buf + off, &digits), want);
        assert_int_equal(digits, want_digits);
    }
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_terms),
        cmocka_unit_test(test_no_stemmer),
        cmocka_unit_test(test_max_term_bytes),
        cmocka_unit_test(test_measure),
        cmocka_unit_test(test_vocabulary_bound),
        cmocka_unit_test(test_measure_range),
        cmocka_unit_test(test_measure_random),
        cmocka_unit_test(test_invalid_utf8_terms),
        cmocka_unit_test(test_invalid_utf8_random),
        cmocka_unit_test(test_sentence_boundaries),
        cmocka_unit_test(test_reuse),
        cmocka_unit_test(test_memo_across_languages),
        cmocka_unit_test(test_detect_through_memo),
        cmocka_unit_test(test_detect_random),
        cmocka_unit_test(test_tokenize_after_detect),
        cmocka_unit_test(test_tokens_random),
        cmocka_unit_test(test_detected_word_then_nul),
        cmocka_unit_test(test_detected_words_not_looked_up),
        cmocka_unit_test(test_spellings_share_terms),
        cmocka_unit_test(test_word_records),
        cmocka_unit_test(test_stem_ascii_as_utf8),
        cmocka_unit_test(test_alnum_run_random),
#if defined(PRECIS_ASCII_ALNUM16)
        cmocka_unit_test(test_alnum_span_random),
        cmocka_unit_test(test_alnum16_random),
#endif
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

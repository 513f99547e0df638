/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_lang.c - the compiled language tables (codes, stopwords,
 * abbreviations, phrases) and language detection.
 */
#include "test_helpers.h"

#include <libstemmer.h>
#include <string.h>
#include <utf8proc.h>

#include "lang.h"
#include "utf8.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static void test_find(void **state)
{
    (void)state;
    static const char *const known[] = {"en", "fr", "de", "es", "ru", "it", "nl", "pt"};
    for (size_t i = 0; i < NELEMS(known); i++) {
        int lang = precis_lang_find(known[i]);
        assert_true(lang >= 0 && (size_t)lang < precis_language_total);
        assert_string_equal(precis_languages[lang].code, known[i]);
    }
    static const char *const unknown[] = {"xx", "", "e", "eng", "en ", "auto", "zz"};
    for (size_t i = 0; i < NELEMS(unknown); i++)
        assert_int_equal(precis_lang_find(unknown[i]), -1);
    assert_int_equal(precis_lang_find(NULL), -1);
    assert_string_equal(precis_languages[precis_lang_find("en")].name, "English");
    assert_string_equal(precis_languages[precis_lang_find("fr")].name, "French");
}

/* Every language: a unique two-letter code that finds itself, a name and
 * a stemmer libstemmer knows (or none). */
static void test_table(void **state)
{
    (void)state;
    assert_true(precis_language_total >= 5);
    assert_true(precis_language_total <= 64); /* the lexicon's bit masks */
    for (size_t i = 0; i < precis_language_total; i++) {
        const precis_language *l = &precis_languages[i];
        assert_int_equal(strlen(l->code), 2);
        assert_true(l->code[0] >= 'a' && l->code[0] <= 'z');
        assert_true(l->code[1] >= 'a' && l->code[1] <= 'z');
        assert_int_equal(precis_lang_find(l->code), (int)i);
        assert_true(l->name != NULL && l->name[0] != '\0');
        if (l->stemmer != NULL) {
            struct sb_stemmer *s = sb_stemmer_new(l->stemmer, "UTF_8");
            if (s == NULL)
                print_error("%s: libstemmer has no '%s'\n", l->code, l->stemmer);
            assert_non_null(s);
            sb_stemmer_delete(s);
        }
    }
}

typedef struct stop_case {
    const char *lang;
    const char *word; /* folded, as the tokenizer asks */
    int stop;
} stop_case;

static void test_stopwords(void **state)
{
    (void)state;
    static const stop_case cases[] = {
        {"en", "the", 1},       {"fr", "the", 0},        {"de", "the", 0},
        {"fr", "le", 1},        {"en", "le", 0},         {"en", "and", 1},
        {"de", "und", 1},       {"en", "und", 0},        {"de", "f\u00fcr", 1},
        {"fr", "\u00e9t\u00e9", 1}, {"en", "\u00e9t\u00e9", 0},
        {"es", "el", 1},        {"fr", "el", 0},         {"es", "y", 1},
        {"ru", "\u0438", 1},    {"ru", "\u043d\u0435", 1}, {"en", "\u0438", 0},
        {"en", "cat", 0},       {"fr", "chat", 0},       {"en", "", 0},
        /* Lengths are exact: neither a prefix nor an extension matches. */
        {"en", "th", 0},        {"en", "thee", 0},       {"en", "thes", 0},
    };
    size_t failures = 0;
    for (size_t i = 0; i < NELEMS(cases); i++) {
        int lang = precis_lang_find(cases[i].lang);
        assert_true(lang >= 0);
        int got = precis_is_stopword(lang, cases[i].word, strlen(cases[i].word)) != 0;
        if (got != cases[i].stop) {
            print_error("[%s] \"%s\": want %d, got %d\n", cases[i].lang, cases[i].word,
                        cases[i].stop, got);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
    /* Only len bytes are read: "there" cut to 3 is "the". */
    assert_true(precis_is_stopword(precis_lang_find("en"), "there", 3));
}

typedef struct abbrev_case {
    const char *lang;
    const char *word;
    int cls;
} abbrev_case;

static void test_abbreviations(void **state)
{
    (void)state;
    static const abbrev_case cases[] = {
        {"en", "Mr", PRECIS_ABBREV_PREFIX},
        {"en", "Dr", PRECIS_ABBREV_PREFIX},
        {"en", "No", PRECIS_ABBREV_NUMBER},
        {"en", "Inc", PRECIS_ABBREV_MAY_END},
        {"en", "Jan", PRECIS_ABBREV_MAY_END},
        {"en", "etc", PRECIS_ABBREV_END},
        /* A lower-case entry also matches its capitalised form. */
        {"en", "Etc", PRECIS_ABBREV_END},
        {"en", "Cf", PRECIS_ABBREV_MAY_END},
        /* ...but not the other way round, nor all capitals. */
        {"en", "mr", PRECIS_ABBREV_NONE},
        {"en", "ETC", PRECIS_ABBREV_NONE},
        /* Entries are per language: English names shared by news in other
         * languages are listed there too, but each list has its own. */
        {"fr", "M", PRECIS_ABBREV_PREFIX},
        {"en", "M", PRECIS_ABBREV_NONE},
        {"fr", "Mme", PRECIS_ABBREV_PREFIX},
        {"en", "Mme", PRECIS_ABBREV_NONE},
        {"fr", "Dr", PRECIS_ABBREV_PREFIX},
        {"fr", "etc", PRECIS_ABBREV_END},
        {"de", "usw", PRECIS_ABBREV_END},
        {"en", "usw", PRECIS_ABBREV_NONE},
        {"fr", "usw", PRECIS_ABBREV_NONE},
        /* Not abbreviations. */
        {"en", "Cat", PRECIS_ABBREV_NONE},
        {"en", "Mrs.", PRECIS_ABBREV_NONE},
        {"en", "", PRECIS_ABBREV_NONE},
        {"en", "Abcdefghijklmnopqrstuvwxyzabcdefghijklmnop", PRECIS_ABBREV_NONE},
    };
    size_t failures = 0;
    for (size_t i = 0; i < NELEMS(cases); i++) {
        int lang = precis_lang_find(cases[i].lang);
        assert_true(lang >= 0);
        int got = precis_abbrev_class(lang, cases[i].word, strlen(cases[i].word));
        if (got != cases[i].cls) {
            print_error("[%s] \"%s\": want %d, got %d\n", cases[i].lang, cases[i].word,
                        cases[i].cls, got);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
    /* Only len bytes: "Mrs" cut to 2 is "Mr". */
    assert_int_equal(precis_abbrev_class(precis_lang_find("en"), "Mrs", 2), PRECIS_ABBREV_PREFIX);
}

typedef struct detect_case {
    const char *expected;
    const char *text;
} detect_case;

static const detect_case detect_cases[] = {
    {"en", "The weather was cold and the children stayed at home with their books. "
           "They read all afternoon while it rained."},
    {"fr", "Le temps \u00e9tait froid et les enfants sont rest\u00e9s \u00e0 la maison avec "
           "leurs livres. Ils ont lu tout l'apr\u00e8s-midi pendant qu'il pleuvait."},
    {"de", "Das Wetter war kalt und die Kinder blieben mit ihren B\u00fcchern zu Hause. "
           "Sie lasen den ganzen Nachmittag, w\u00e4hrend es regnete."},
    {"es", "El tiempo era fr\u00edo y los ni\u00f1os se quedaron en casa con sus libros. "
           "Leyeron toda la tarde mientras llov\u00eda."},
    {"ru", "\u041f\u043e\u0433\u043e\u0434\u0430 \u0431\u044b\u043b\u0430 "
           "\u0445\u043e\u043b\u043e\u0434\u043d\u043e\u0439, \u0438 \u0434\u0435\u0442\u0438 "
           "\u043e\u0441\u0442\u0430\u043b\u0438\u0441\u044c \u0434\u043e\u043c\u0430 "
           "\u0441\u043e \u0441\u0432\u043e\u0438\u043c\u0438 "
           "\u043a\u043d\u0438\u0433\u0430\u043c\u0438. \u041e\u043d\u0438 "
           "\u0447\u0438\u0442\u0430\u043b\u0438 \u0432\u0435\u0441\u044c "
           "\u0434\u0435\u043d\u044c, "
           "\u043f\u043e\u043a\u0430 \u0448\u0435\u043b \u0434\u043e\u0436\u0434\u044c."},
    {"it", "Il tempo era freddo e i bambini sono rimasti a casa con i loro libri. "
           "Hanno letto per tutto il pomeriggio mentre pioveva."},
    /* Folding: capitals vote like lower case. */
    {"en", "THE CAT AND THE DOG WERE IN THE HOUSE"},
    {"fr", "LE CHAT ET LE CHIEN SONT DANS LA MAISON"},
    /* Nothing points anywhere: English. */
    {"en", ""},
    {"en", "   \n\t"},
    {"en", "Xylophone quartz zephyr."},
    {"en", "1234 5678 90"},
    /* Script evidence: Han characters without kana are Chinese. */
    {"zh", "\u4eca\u5929\u5929\u6c14\u5f88\u597d\u3002"},
};

/* The phrase lists: classes, languages, English as the fallback of the
 * classes that mark structure only. Phrases are looked up folded. */
static void test_phrases(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *phrase;
        precis_phrase_class cls;
        int found;
    } cases[] = {
        {"en", "references", PRECIS_PHRASE_BACK, 1},
        {"en", "competing interests", PRECIS_PHRASE_BACK, 1},
        {"en", "methods", PRECIS_PHRASE_SECTION, 1},
        {"en", "methods", PRECIS_PHRASE_BACK, 0},
        {"en", "e-mail", PRECIS_PHRASE_LABEL, 1},
        {"en", "dear", PRECIS_PHRASE_SALUTATION, 1},
        {"en", "kind regards", PRECIS_PHRASE_SIGNOFF, 1},
        {"en", "self", PRECIS_PHRASE_COMPOUND_FIRST, 1},
        {"en", "based", PRECIS_PHRASE_COMPOUND_LAST, 1},
        {"en", "and", PRECIS_PHRASE_JOINER, 1},
        {"en", "the", PRECIS_PHRASE_JOINER, 0},
        {"fr", "remerciements", PRECIS_PHRASE_BACK, 1},
        {"fr", "references", PRECIS_PHRASE_BACK, 1}, /* English titles in French papers */
        {"fr", "and", PRECIS_PHRASE_JOINER, 0},      /* but not English words */
        {"de", "mit freundlichen gr\xc3\xbcssen", PRECIS_PHRASE_SIGNOFF, 1}, /* ß folded */
        {"de", "authors' contributions", PRECIS_PHRASE_BACK, 1},
        {"en", "reference", PRECIS_PHRASE_BACK, 0},
        {"en", "", PRECIS_PHRASE_BACK, 0},
    };
    for (size_t i = 0; i < NELEMS(cases); i++) {
        int got = precis_is_phrase(precis_lang_find(cases[i].lang), cases[i].cls, cases[i].phrase,
                                   strlen(cases[i].phrase));
        if (got != cases[i].found)
            fail_msg("%s '%s' class %d: want %d", cases[i].lang, cases[i].phrase,
                     (int)cases[i].cls, cases[i].found);
    }
}

/* The abbreviation class by the plain definition: the word's entry, else
 * the entry of the word with its first letter lowered, each read from
 * the table without precis_abbrev_filter. */
static int reference_abbrev_exact(int lang, const char *word, size_t len)
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
    return e->a >> lang & 1u ? PRECIS_ABBREV_MAY_END : PRECIS_ABBREV_NONE;
}

static int reference_abbrev_class(int lang, const char *word, size_t len)
{
    int cls = reference_abbrev_exact(lang, word, len);
    if (cls != PRECIS_ABBREV_NONE || len == 0 || len > 32)
        return cls;
    size_t rest = 0;
    int32_t first = precis_utf8_next(word, len, &rest);
    int32_t lower = utf8proc_tolower(first);
    if (lower == first || first == PRECIS_REPLACEMENT_CHAR)
        return PRECIS_ABBREV_NONE;
    char lowered[36];
    size_t n = precis_utf8_encode(lower, lowered);
    memcpy(lowered + n, word + rest, len - rest);
    return reference_abbrev_exact(lang, lowered, n + len - rest);
}

static uint64_t next_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* precis_abbrev_class, which asks precis_abbrev_filter first, against
 * the plain definition in every language: every entry, capitalised, in
 * small letters, cut short, a byte changed, and with letters around. */
static void test_abbreviations_filter(void **state)
{
    (void)state;
    uint64_t rng = 0x9E3779B97F4A7C15ULL;
    size_t entries = 0, checked = 0;
    for (size_t slot = 0; slot <= precis_abbreviations.mask; slot++) {
        uint32_t held = precis_abbreviations.slots[slot];
        if (held == 0)
            continue;
        const precis_lex_entry *e = &precis_abbreviations.entries[(held & 0xFFFFu) - 1];
        const char *word = precis_lang_text + e->word;
        entries++;
        char forms[8][80];
        size_t lens[8];
        size_t rest = 0;
        int32_t first = precis_utf8_next(word, e->len, &rest);
        assert_true(e->len + 8 <= sizeof forms[0]);
        for (int f = 0; f < 8; f++) {
            memcpy(forms[f], word, e->len);
            lens[f] = e->len;
        }
        /* Capitalised and lowered first letter. */
        lens[1] = precis_utf8_encode(utf8proc_toupper(first), forms[1]);
        memcpy(forms[1] + lens[1], word + rest, e->len - rest);
        lens[1] += e->len - rest;
        lens[2] = precis_utf8_encode(utf8proc_tolower(first), forms[2]);
        memcpy(forms[2] + lens[2], word + rest, e->len - rest);
        lens[2] += e->len - rest;
        lens[3] = e->len - 1;
        forms[4][next_random(&rng) % e->len] = (char)next_random(&rng);
        memcpy(forms[5] + e->len, "s", 1);
        lens[5] = e->len + 1;
        memcpy(forms[6], "x", 1);
        memcpy(forms[6] + 1, word, e->len);
        lens[6] = e->len + 1;
        forms[7][e->len - 1] = (char)('a' + next_random(&rng) % 26);
        for (int f = 0; f < 8; f++) {
            for (size_t lang = 0; lang <= precis_language_total; lang++) {
                int got = precis_abbrev_class((int)lang, forms[f], lens[f]);
                int want = reference_abbrev_class((int)lang, forms[f], lens[f]);
                if (got != want)
                    fail_msg("lang %zu, '%.*s': %d, want %d", lang, (int)lens[f], forms[f], got,
                             want);
                checked += want != PRECIS_ABBREV_NONE;
            }
        }
    }
    assert_true(entries > 500);
    assert_true(checked > entries);
    /* Random words from the letters, dots and apostrophes abbreviations
     * are made of. */
    static const char *const pieces[] = {"a", "M", "r", "s", "t", "e", "p", ".", "'", "\u00e9",
                                         "\u00c9", "\u0441", "\u0421", "\xff", "1"};
    for (int round = 0; round < 200000; round++) {
        char word[40];
        size_t len = 0, want_len = next_random(&rng) % 8;
        while (len < want_len) {
            const char *piece = pieces[next_random(&rng) % NELEMS(pieces)];
            memcpy(word + len, piece, strlen(piece));
            len += strlen(piece);
        }
        int lang = (int)(next_random(&rng) % (precis_language_total + 1));
        assert_int_equal(precis_abbrev_class(lang, word, len),
                         reference_abbrev_class(lang, word, len));
    }
}

/* In a text written in one case, abbreviations are found whatever their
 * case in the list. */
static void test_abbreviations_caseless(void **state)
{
    (void)state;
    int en = precis_lang_find("en");
    assert_int_equal(precis_abbrev_class_caseless(en, "mr", 2), PRECIS_ABBREV_PREFIX);
    assert_int_equal(precis_abbrev_class_caseless(en, "MR", 2), PRECIS_ABBREV_PREFIX);
    assert_int_equal(precis_abbrev_class_caseless(en, "FIG", 3), PRECIS_ABBREV_NUMBER);
    assert_int_equal(precis_abbrev_class_caseless(en, "ETC", 3), PRECIS_ABBREV_END);
    assert_int_equal(precis_abbrev_class_caseless(en, "river", 5), PRECIS_ABBREV_NONE);
    /* The case-sensitive lookup does not find them. */
    assert_int_equal(precis_abbrev_class(en, "mr", 2), PRECIS_ABBREV_NONE);
    assert_int_equal(precis_abbrev_class(en, "MR", 2), PRECIS_ABBREV_NONE);
}

static void test_detect(void **state)
{
    (void)state;
    precis_folder folder = {0};
    size_t failures = 0;
    for (size_t i = 0; i < NELEMS(detect_cases); i++) {
        int lang = -7;
        const char *text = detect_cases[i].text;
        assert_int_equal(precis_lang_detect(text, strlen(text), &folder, -1, &lang), PRECIS_OK);
        assert_true(lang >= 0 && (size_t)lang < precis_language_total);
        if (strcmp(precis_languages[lang].code, detect_cases[i].expected) != 0) {
            print_error("want %s, got %s: %.40s...\n", detect_cases[i].expected,
                        precis_languages[lang].code, text);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
    precis_folder_free(&folder);
}

/* No input, and input that is not UTF-8. */
static void test_detect_edge_cases(void **state)
{
    (void)state;
    precis_folder folder = {0};
    int lang = -7;
    assert_int_equal(precis_lang_detect(NULL, 0, &folder, -1, &lang), PRECIS_OK);
    assert_int_equal(lang, precis_lang_find("en"));
    static const char junk[] = "\xff\xfe le \xc3 chat \xed\xa0\x80 et le \xe4\xb8 chien \x80";
    assert_int_equal(precis_lang_detect(junk, sizeof junk - 1, &folder, -1, &lang), PRECIS_OK);
    assert_int_equal(lang, precis_lang_find("fr"));
    /* Only len bytes are read: the French tail is not seen. */
    const char *text = "the cat and the dog le chat et le chien et la maison";
    assert_int_equal(precis_lang_detect(text, 19, &folder, -1, &lang), PRECIS_OK);
    assert_int_equal(lang, precis_lang_find("en"));
    precis_folder_free(&folder);
}

/* A stopword of several languages shares one vote among them, in equal
 * parts. */
static void test_stopword_votes(void **state)
{
    (void)state;
    uint64_t seed = 3;
    for (int round = 0; round < 2000; round++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        uint64_t langs = seed & (seed >> 7) & (seed >> 13);
        if (round < 64)
            langs = (uint64_t)1 << round;
        precis_lang_votes v = {0};
        precis_lang_count_stopword(&v, langs);
        int members = 0;
        for (int i = 0; i < 64; i++)
            members += (int)(langs >> i & 1u);
        for (int i = 0; i < 64; i++)
            assert_true(v.votes[i] == (langs >> i & 1u ? 1.0 / members : 0.0));
    }
}

/* Every stopword entry's vote in the table detection reads is its mask a
 * with 1.0 / the mask's count of languages, and counting it adds to the
 * votes what precis_lang_count_stopword adds, bit for bit, onto votes
 * already cast. */
static void test_stopword_vote_table(void **state)
{
    (void)state;
    size_t entries = 0;
    uint64_t seed = 9;
    for (size_t slot = 0; slot <= precis_stopwords.mask; slot++) {
        uint32_t held = precis_stopwords.slots[slot];
        if (held == 0)
            continue;
        size_t i = (held & 0xFFFFu) - 1;
        entries++;
        const precis_stopword_vote *sv = &precis_stopword_votes[i];
        assert_true(sv->langs == precis_stopwords.entries[i].a);
        int members = 0;
        for (int b = 0; b < 64; b++)
            members += (int)(sv->langs >> b & 1u);
        assert_true(sv->share == (members > 0 ? 1.0 / members : 0.0));
        precis_lang_votes plain = {0}, fast;
        for (int b = 0; b < 64; b++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            plain.votes[b] = (double)(seed >> 40) / 7.0;
        }
        fast = plain;
        precis_lang_count_stopword(&plain, sv->langs);
        precis_lang_count_stopword_vote(&fast, sv);
        assert_memory_equal(plain.votes, fast.votes, sizeof plain.votes);
    }
    assert_true(entries > 0);
}

/* The classes of a phrase in one lookup are those precis_is_phrase tells
 * one by one, for every phrase of the table (and the phrase with its last
 * byte left out, mostly none) in every language. */
static void test_phrase_classes(void **state)
{
    (void)state;
    size_t phrases = 0;
    for (size_t slot = 0; slot <= precis_phrases.mask; slot++) {
        uint32_t held = precis_phrases.slots[slot];
        if (held == 0)
            continue;
        const precis_phrase_entry *e = &precis_phrases.entries[(held & 0xFFFFu) - 1];
        const char *text = precis_lang_text + e->phrase;
        phrases++;
        for (size_t cut = 0; cut < 2 && cut <= e->len; cut++)
            for (int lang = 0; lang <= PRECIS_LANG_UND; lang++) {
                unsigned classes = precis_phrase_classes(lang, text, e->len - cut);
                for (int cls = 0; cls < PRECIS_PHRASE_CLASSES; cls++)
                    assert_int_equal(classes >> cls & 1u,
                                     precis_is_phrase(lang, (precis_phrase_class)cls, text,
                                                      e->len - cut));
                assert_true(classes >> PRECIS_PHRASE_CLASSES == 0);
            }
    }
    assert_true(phrases > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_stopwords),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_phrases),
        cmocka_unit_test(test_abbreviations_filter),
        cmocka_unit_test(test_abbreviations_caseless),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_detect_edge_cases),
        cmocka_unit_test(test_stopword_votes),
        cmocka_unit_test(test_stopword_vote_table),
        cmocka_unit_test(test_phrase_classes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

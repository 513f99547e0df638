/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lang.h - the built-in languages: their stopwords, abbreviations and
 * stemmer names (compiled from stopwords/ into langdata.c), and language
 * detection. All of it is read-only and shared by every context.
 */
#ifndef PRECIS_LANG_H
#define PRECIS_LANG_H

#include <stddef.h>
#include <stdint.h>

#include "fold.h"

/* Writing systems, numbered as tools/gen_langdata.py lists them. */
typedef enum precis_script {
    PRECIS_SCRIPT_LATIN,
    PRECIS_SCRIPT_CYRILLIC,
    PRECIS_SCRIPT_GREEK,
    PRECIS_SCRIPT_ARABIC,
    PRECIS_SCRIPT_DEVANAGARI,
    PRECIS_SCRIPT_ARMENIAN,
    PRECIS_SCRIPT_ETHIOPIC,
    PRECIS_SCRIPT_MYANMAR,
    PRECIS_SCRIPT_HAN,      /* Chinese: ideographs alone */
    PRECIS_SCRIPT_JAPANESE, /* ideographs mixed with kana */
    PRECIS_SCRIPT_COUNT
} precis_script;

/* How a language punctuates sentences (the '# flags:' header line). */
enum {
    /* "am 3. Mai", "Ludwig XIV.": a number or Roman numeral with a period
     * is an ordinal, which ends a sentence only before a function word. */
    PRECIS_LANG_ORDINAL_DOT = 1u << 0,
    /* ';' is the question mark (Greek). */
    PRECIS_LANG_SEMICOLON_QUESTION = 1u << 1,
    /* The full stop is U+0589, also typed as ':'; where a text uses it, a
     * period is the mid-sentence mark it stands for in Armenian. */
    PRECIS_LANG_COLON_STOP = 1u << 2,
    /* Written without spaces between words: a line break ends a sentence,
     * and so do '!' and '?' with no space after them. */
    PRECIS_LANG_UNSPACED = 1u << 3,
    /* Articles and pronouns elide before a vowel and lean on the next
     * word with an apostrophe ("l'initiative", "dell'anno"): keyphrases
     * start after them. */
    PRECIS_LANG_ELISION = 1u << 4
};

typedef struct precis_language {
    const char *code;    /* ISO 639-1 */
    const char *name;    /* English name */
    const char *stemmer; /* libstemmer algorithm, NULL when there is none */
    int script;          /* precis_script */
    uint32_t flags;      /* PRECIS_LANG_* */
} precis_language;

/* One entry of a compiled hash table: a word and four bit masks with a bit
 * per language (for stopwords: a = stopword, b = keyphrase boundary word;
 * for abbreviations: a = may end
 * a sentence, b = always precedes a name or number, c = precedes numbers and
 * is an ordinary word elsewhere, d = closes a list and ends a sentence
 * before any capital, like "etc."). */
typedef struct precis_lex_entry {
    uint32_t word; /* precis_lang_text + word: the word's bytes */
    uint32_t len;
    uint64_t a;
    uint64_t b;
    uint64_t c;
    uint64_t d;
} precis_lex_entry;

/* The compiled tables: open addressing with linear probing on
 * precis_hash_bytes over slots of 4 bytes (0 when free, else the hash's
 * top 16 bits over the entry's index + 1), so that a lookup reads a small
 * array and only the entry whose tag matches: the entries themselves
 * (tens of bytes each) would spread a lookup over a megabyte. */
typedef struct precis_lex_table {
    const uint32_t *slots;
    const precis_lex_entry *entries;
    size_t mask; /* slot count - 1, a power of two minus one */
} precis_lex_table;

/* A letter that sets some languages apart from the others of their
 * script (the '# letters:' header line): a bit per language. */
typedef struct precis_marker_letter {
    int32_t cp;
    uint64_t langs;
} precis_marker_letter;

/* Classes of the phrases that make a line structure rather than content
 * (stopwords/CODE.phrases), numbered as tools/gen_langdata.py lists them. */
typedef enum precis_phrase_class {
    PRECIS_PHRASE_BACK,           /* a section title that opens back matter ("references") */
    PRECIS_PHRASE_SECTION,        /* a structural section title ("methods") */
    PRECIS_PHRASE_LABEL,          /* a label before ':' that marks metadata ("e-mail") */
    PRECIS_PHRASE_SALUTATION,     /* opens a letter ("dear") */
    PRECIS_PHRASE_SIGNOFF,        /* closes a letter ("kind regards") */
    PRECIS_PHRASE_COMPOUND_FIRST, /* keeps its hyphen at a line end ("well-") */
    PRECIS_PHRASE_COMPOUND_LAST,  /* keeps the hyphen before it ("-based") */
    PRECIS_PHRASE_JOINER,         /* joins words, hardly ever starts a sentence ("and") */
    PRECIS_PHRASE_CLASSES
} precis_phrase_class;

/* One entry of the compiled phrase table: a folded phrase and, per class,
 * a bit per language that lists it. */
typedef struct precis_phrase_entry {
    uint32_t phrase; /* precis_lang_text + phrase: the phrase's bytes */
    uint32_t len;
    uint64_t langs[PRECIS_PHRASE_CLASSES];
} precis_phrase_entry;

typedef struct precis_phrase_table {
    const uint32_t *slots; /* as precis_lex_table's */
    const precis_phrase_entry *entries;
    size_t mask;
} precis_phrase_table;

/* A phrase of a junk line (CODE.junk), folded as src/depend.c compares
 * text: NFKC, case folded, apostrophes made "'", white space runs made one
 * space. */
enum {
    PRECIS_JUNK_PHRASE_START,   /* a sentence that opens with it is junk */
    PRECIS_JUNK_PHRASE_LINE,    /* a short sentence that opens with it is junk */
    PRECIS_JUNK_PHRASE_ANYWHERE /* a sentence that holds it is junk */
};
typedef struct precis_junk_phrase {
    const char *phrase;
    uint32_t len;
    uint32_t kind;  /* PRECIS_JUNK_PHRASE_* */
    uint64_t langs; /* a bit per language */
} precis_junk_phrase;

/* The languages, and after the last of them (at index
 * precis_language_total, PRECIS_LANG_UND) the undetermined language "und":
 * text in a script that none of them writes, analysed without stopwords,
 * abbreviations, phrases or stemmer. */
extern const precis_language precis_languages[];
extern const precis_marker_letter precis_marker_letters[]; /* sorted by cp */
extern const size_t precis_marker_letter_total;
extern const size_t precis_language_total;
extern const int precis_lang_english; /* the index of "en" */
/* The bytes of the words and phrases of the tables below, which name
 * them by offset: tables without pointers need no relocation, so they
 * stay read-only pages of the file in every process. */
extern const char precis_lang_text[];
extern const precis_lex_table precis_stopwords;
/* Mask a of every entry of precis_stopwords, at the same index, with the
 * share of a vote each of those languages gets (1.0 / their count, 0 for
 * none): what detection reads, 16 bytes apart rather than an entry's 40,
 * and without counting bits. */
typedef struct precis_stopword_vote {
    uint64_t langs;
    double share;
} precis_stopword_vote;
extern const precis_stopword_vote precis_stopword_votes[];
extern const precis_lex_table precis_abbreviations;
/* A bit per abbreviation (see precis_abbrev_class): a word whose bit is
 * clear is none, written as it is or with its first letter lowered. */
#define PRECIS_ABBREV_FILTER_LOG2 13 /* as tools/gen_langdata.py's ABBREV_FILTER_LOG2 */
extern const uint64_t precis_abbrev_filter[(1u << PRECIS_ABBREV_FILTER_LOG2) / 64];
extern const precis_phrase_table precis_phrases;

#define PRECIS_LANG_UND ((int)precis_language_total)

/* Dependency markers (CODE.deps), keyed by their words' cores joined with
 * one space: openers (a = start, b = clause, c = early, d = inner), and
 * the others (a = except, b = speaker, c = the first words of a longer
 * opener, exception or particle, d = particle of a name); the longest has
 * precis_dep_max_words words. Date
 * words of junk lines (CODE.junk), by core (a). */
extern const precis_lex_table precis_dep_openers;
extern const precis_lex_table precis_dep_others;
extern const precis_lex_table precis_junk_dates;
extern const size_t precis_dep_max_words;
/* Per language (PRECIS_LANG_UND last, empty): three bit sets of
 * PRECIS_DEP_FILTER_WORDS words, of the hashes (precis_depend_filter_hash,
 * two bits an entry) of its openers, of its others of masks a and c, and
 * of its date words: clear where no entry of the language is the key.
 * Generated, so that a process reads its own language's alone. */
#define PRECIS_DEP_FILTER_WORDS 128 /* as tools/gen_langdata.py's DEP_FILTER_WORDS */
extern const uint64_t precis_dep_filters[][3 * PRECIS_DEP_FILTER_WORDS];
/* The longest word of those entries and of the junk phrases, folded, in
 * bytes. */
extern const size_t precis_dep_longest_word;
extern const precis_junk_phrase precis_junk_phrases[];
extern const size_t precis_junk_phrase_total;
/* The phrases are sorted by their bytes: those that begin with byte c are
 * precis_junk_phrases[precis_junk_phrase_first[c], ...[c + 1]). */
extern const uint16_t precis_junk_phrase_first[257];

/* Index of the language with this code, or -1. */
int precis_lang_find(const char *code);

/* The entry for word[0, len) in table, or NULL. */
const precis_lex_entry *precis_lex_lookup(const precis_lex_table *table, const char *word,
                                          size_t len);

/* Whether the folded word is a stopword of language lang. */
int precis_is_stopword(int lang, const char *folded, size_t len);

/* What the stopword table says of a folded word in language lang (bits):
 * a stopword, and a keyphrase boundary word (stopwords/CODE.kw: a word that
 * ends a keyphrase candidate without being a stopword of the summarizer). */
enum { PRECIS_WORD_STOPWORD = 1u << 0, PRECIS_WORD_BOUNDARY = 1u << 1 };
unsigned precis_word_class(int lang, const char *folded, size_t len);
/* Whether the folded phrase[0, len) (NFKC, case folded, typographic
 * apostrophes made ', single spaces) is a phrase of class cls in language
 * lang or, for the classes that mark structure (titles, labels,
 * salutations, sign-offs), as so much of the world's mail and web is
 * written in English, in English. */
int precis_is_phrase(int lang, precis_phrase_class cls, const char *folded, size_t len);
/* The classes (a bit 1u << cls each) of which the folded phrase[0, len)
 * is a phrase in lang, as precis_is_phrase says: one lookup for a caller
 * that asks about several. */
unsigned precis_phrase_classes(int lang, const char *folded, size_t len);

/* Abbreviation classes of word[0, len) (as written, without its period). */
enum {
    PRECIS_ABBREV_NONE = 0,
    PRECIS_ABBREV_MAY_END = 1,
    PRECIS_ABBREV_PREFIX = 2,
    PRECIS_ABBREV_NUMBER = 3,
    PRECIS_ABBREV_END = 4
};
int precis_abbrev_class(int lang, const char *word, size_t len);

/* The same for a word of a text written in one case ("mr", "U.S" for
 * "Mr", "u.s"): the word as written, capitalised, in capitals and in
 * small letters. */
int precis_abbrev_class_caseless(int lang, const char *word, size_t len);

/* Guesses the language of text[0, len) from its first words and stores
 * its index in *lang: the script most of the letters are written in
 * narrows the choice (kana against ideographs tells Japanese from
 * Chinese), then stopwords decide among the languages of that script.
 * English when there are no letters at all; PRECIS_LANG_UND when more of
 * the letters are in scripts that no language here writes (Thai, Hangul,
 * Georgian, Hebrew...) than in any one that some language writes. hint is
 * the language the document declares (an index, or -1 for none): it is
 * taken unless the text is in another script or gives it less than half
 * the evidence of the best language. */
precis_status precis_lang_detect(const char *text, size_t len, precis_folder *folder, int hint,
                                 int *lang);

/* Detection reads at most this many words: enough for a clear majority,
 * and it keeps detection cheap on book-length input. */
#define PRECIS_LANG_DETECT_WORDS 200

/* The letters of the scripts, kana apart from the rest of Japanese. */
#define PRECIS_LANG_SCRIPT_SLOTS (PRECIS_SCRIPT_COUNT + 1)

/* The evidence of precis_lang_detect, gathered word by word by a caller
 * that reads the words itself (the tokenizer, through its memo of
 * stopword languages): zero-initialise, count the letters of every word
 * and the stopword languages of every spaced word among the first
 * PRECIS_LANG_DETECT_WORDS words, then decide. precis_lang_detect is
 * exactly that over text[0, len). */
typedef struct precis_lang_votes {
    double votes[64];                          /* per language */
    size_t letters[PRECIS_LANG_SCRIPT_SLOTS]; /* per script */
    size_t unwritten; /* letters of scripts that no language here writes */
} precis_lang_votes;

/* Counts the letters of the word text[start, end). */
void precis_lang_count_letters(precis_lang_votes *v, const char *text, size_t start, size_t end);

/* Counts a spaced word whose folded form is a stopword of the languages
 * langs (a mask, precis_lex_entry.a of precis_stopwords; 0 for none). */
void precis_lang_count_stopword(precis_lang_votes *v, uint64_t langs);

/* precis_lang_count_stopword for a word of a stopword entry, with the
 * share its table gives (precis_stopword_votes), without a call. */
static inline void precis_lang_count_stopword_vote(precis_lang_votes *v,
                                                   const precis_stopword_vote *sv)
{
    for (uint64_t rest = sv->langs; rest != 0; rest &= rest - 1)
        v->votes[__builtin_ctzll(rest)] += sv->share;
}

/* The language the evidence points to, as precis_lang_detect says. */
int precis_lang_decide(const precis_lang_votes *v, int hint);

/* The language a tag such as "en", "en-GB" or "pt_BR" names (its primary
 * subtag, without case), or -1 when it names none of ours. */
int precis_lang_from_tag(const char *tag);

#endif

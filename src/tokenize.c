/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tokenize.c - words, folding, stopwords and stemming, through the
 * vocabulary.
 */
#include "tokenize.h"

#include <string.h>

#include "ascii.h"
#include "lang.h"
#include "utf8.h"
#include "util.h"

_Static_assert(PRECIS_MAX_TERM_BYTES <= PRECIS_MEMO_MAX_WORD, "the memo takes every word");
_Static_assert(PRECIS_MAX_TERM_BYTES <= UINT16_MAX, "a detected word's length fits its record");

void precis_tokens_free(precis_tokens *tok)
{
    if (tok == NULL)
        return;
    free(tok->ids);
    free(tok->words);
    free(tok->sents);
    precis_folder_free(&tok->folder);
    precis_strtab_free(&tok->vocab.terms);
    precis_memo_free(&tok->vocab.words);
    memset(tok, 0, sizeof *tok);
}

void precis_tokens_seed(precis_tokens *tok, uint64_t seed)
{
    tok->vocab.terms.seed = seed;
    tok->vocab.words.seed = seed;
}

void precis_tokens_trim(precis_tokens *tok)
{
    precis_vocab *v = &tok->vocab;
    if (v->terms.count > PRECIS_VOCAB_MAX_ENTRIES || v->words.count > PRECIS_VOCAB_MAX_ENTRIES) {
        precis_strtab_clear(&v->terms);
        precis_memo_clear(&v->words);
    }
}

/* push_id when the arrays may have to grow, or words are recorded. */
static precis_status push_id_grown(precis_tokens *tok, uint32_t id,
                                   const precis_token_word *word)
{
    if (PRECIS_RESERVE(tok->ids, tok->ids_cap, tok->count + 1) != PRECIS_OK ||
        (tok->record_words &&
         PRECIS_RESERVE(tok->words, tok->words_cap, tok->count + 1) != PRECIS_OK))
        return PRECIS_ERR_NOMEM;
    if (tok->record_words)
        tok->words[tok->count] = *word;
    tok->ids[tok->count++] = id;
    return PRECIS_OK;
}

/* Appends a token: its term id and, when words are recorded, where it
 * comes from. */
static inline precis_status push_id(precis_tokens *tok, uint32_t id,
                                    const precis_token_word *word)
{
    if (tok->record_words || tok->count >= tok->ids_cap)
        return push_id_grown(tok, id, word);
    tok->ids[tok->count++] = id;
    return PRECIS_OK;
}

static precis_status push_term(precis_tokens *tok, const char *text, size_t start, size_t end)
{
    uint32_t id;
    precis_token_word word = {start, end, 0};
    precis_status st =
        precis_strtab_intern(&tok->vocab.terms, text + start, end - start, &id, NULL);
    return st == PRECIS_OK ? push_id(tok, id, &word) : st;
}

/* A run of an unspaced script: every pair of neighbouring characters is a
 * term (a lone character is one), which finds most Chinese and Japanese
 * words without a dictionary. */
static precis_status push_bigrams(precis_tokens *tok, const char *text, size_t start, size_t end)
{
    size_t a = start, b = start;
    precis_utf8_next(text, end, &b);
    if (b >= end)
        return push_term(tok, text, a, b);
    while (b < end) {
        size_t c = b;
        precis_utf8_next(text, end, &c);
        precis_status st = push_term(tok, text, a, c);
        if (st != PRECIS_OK)
            return st;
        a = b;
        b = c;
    }
    return PRECIS_OK;
}

/* The term of a word, folded[0, folded_len) once folded: none (*term
 * NULL) when it is a stopword of lang or a single character, stemmed
 * when the language has a stemmer. */
static precis_status word_term(const char *folded, size_t folded_len, int is_stopword,
                               const precis_stemmer *stemmer, const char **term, size_t *term_len)
{
    *term = NULL;
    *term_len = 0;
    size_t pos = 0;
    precis_utf8_next(folded, folded_len, &pos);
    if (pos >= folded_len || is_stopword)
        return PRECIS_OK;
    if (stemmer == NULL) {
        *term = folded;
        *term_len = folded_len;
        return PRECIS_OK;
    }
    return precis_stem(stemmer, folded, folded_len, term, term_len);
}

/* memo_entry for a word whose key is not the word or that the memo may
 * not hold. */
static precis_status memo_lookup(precis_tokens *tok, const char *word, size_t len, uint32_t hash,
                                 precis_vocab_entry **entry, const char **folded,
                                 size_t *folded_len)
{
    int added;
    precis_status st = precis_memo_get(&tok->vocab.words, word, len, hash, entry, &added);
    if (st != PRECIS_OK || !added)
        return st;
    if ((st = precis_fold(&tok->folder, word, len, folded, folded_len)) != PRECIS_OK)
        return st;
    const precis_lex_entry *e = precis_lex_lookup(&precis_stopwords, *folded, *folded_len);
    if (e != NULL)
        (*entry)->lex = (uint16_t)(e - precis_stopwords.entries + 1);
    return PRECIS_OK;
}

/* The memo's entry of word[0, len) (1 to PRECIS_MAX_TERM_BYTES bytes),
 * added with its lexicon masks and no term yet when it is new; its
 * folded form in *folded when it had to be folded (else NULL). key and
 * hash are the word's precis_memo_word_key and precis_memo_hash: one hash
 * and one probe of the memo per word seen before, without a call when its
 * key is the word. */
static inline precis_status memo_entry(precis_tokens *tok, const char *word, size_t len,
                                       uint64_t key, uint32_t hash, precis_vocab_entry **entry,
                                       const char **folded, size_t *folded_len)
{
    *folded = NULL;
    *folded_len = 0;
    if (key != 0 && (*entry = precis_memo_find_key(&tok->vocab.words, key, hash)) != NULL)
        return PRECIS_OK;
    return memo_lookup(tok, word, len, hash, entry, folded, folded_len);
}

/* The stopword lexicon's entry of a memo entry's word, or NULL. */
static const precis_lex_entry *memo_lex(const precis_vocab_entry *entry)
{
    return entry->lex != 0 ? &precis_stopwords.entries[entry->lex - 1] : NULL;
}

/* Whether the memo takes a word of len bytes. */
static int memo_takes(size_t len)
{
    /* An empty word gives no term and is in no word list. */
    return len > 0 && len <= PRECIS_MAX_TERM_BYTES;
}

/* The memo's hash of word[0, len) whose key is key
 * (precis_memo_word_key). */
static inline uint32_t key_or_word_hash(const precis_tokens *tok, const char *word, size_t len,
                                        uint64_t key)
{
    return key != 0 ? precis_memo_key_hash(&tok->vocab.words, key)
                    : precis_memo_hash(&tok->vocab.words, word, len);
}

/* The memo's key of the word text[at, at + len) of text[lo, hi), as the
 * scan finds words (no NUL in them), in *key (0 when the key is not the
 * word), and its hash. */
static inline uint32_t word_hash(const precis_tokens *tok, const char *text, size_t at,
                                 size_t len, size_t lo, size_t hi, uint64_t *key)
{
    *key = precis_memo_word_key_in(text, at, len, lo, hi);
    return key_or_word_hash(tok, text + at, len, *key);
}

/* Makes and keeps in entry, the memo entry of word[0, len), the word's
 * term and class in lang, in which it was not seen before (folded[0,
 * folded_len) its folded form when the caller has it, else NULL). */
static precis_status learn_term(precis_tokens *tok, const char *word, size_t len,
                                precis_vocab_entry *entry, const char *folded, size_t folded_len,
                                int lang, const precis_stemmer *stemmer)
{
    const precis_lex_entry *e = memo_lex(entry);
    unsigned cls = e == NULL ? 0u
                             : (unsigned)(e->a >> lang & 1u) * PRECIS_WORD_STOPWORD |
                                   (unsigned)(e->b >> lang & 1u) * PRECIS_WORD_BOUNDARY;
    precis_status st;
    if (folded == NULL &&
        (st = precis_fold(&tok->folder, word, len, &folded, &folded_len)) != PRECIS_OK)
        return st;
    const char *bytes;
    size_t bytes_len;
    uint32_t term_id = 0;
    if ((st = word_term(folded, folded_len, (cls & PRECIS_WORD_STOPWORD) != 0, stemmer, &bytes,
                        &bytes_len)) != PRECIS_OK ||
        (bytes != NULL && (st = precis_strtab_intern(&tok->vocab.terms, bytes, bytes_len,
                                                     &term_id, NULL)) != PRECIS_OK))
        return st;
    entry->term = bytes != NULL ? term_id + 1 : 0;
    entry->lang = (int8_t)lang;
    entry->word_class = (uint8_t)cls;
    return PRECIS_OK;
}

precis_status precis_vocab_word(precis_tokens *tok, const char *word, size_t len, int lang,
                                const precis_stemmer *stemmer, uint32_t *term,
                                unsigned *word_class)
{
    *term = 0;
    *word_class = 0;
    if (!memo_takes(len))
        return PRECIS_OK;
    uint64_t key = precis_memo_word_key(word, len);
    uint32_t hash = key_or_word_hash(tok, word, len, key);
    precis_vocab_entry *entry;
    const char *folded;
    size_t folded_len;
    precis_status st = memo_entry(tok, word, len, key, hash, &entry, &folded, &folded_len);
    if (st != PRECIS_OK ||
        (entry->lang != lang &&
         (st = learn_term(tok, word, len, entry, folded, folded_len, lang, stemmer)) !=
             PRECIS_OK))
        return st;
    *term = entry->term;
    *word_class = entry->word_class;
    return PRECIS_OK;
}

/* Words found ahead of their lookups in the memo, so that a batch's
 * slots are fetched from memory together rather than one miss after
 * another. */
#define WORDS_AHEAD 16

/* No memo slot known for a word. */
#define NO_SLOT UINT32_MAX

typedef struct word_ahead {
    size_t start, end;
    uint64_t key;  /* precis_memo_word_key, when the memo takes the word */
    uint32_t hash; /* precis_memo_hash, when the memo takes the word and slot is NO_SLOT */
    uint32_t slot; /* the memo slot where detection found the word, else NO_SLOT */
    int unspaced;
} word_ahead;

/* The last detection's note of the word that starts at text[word], or
 * NULL: its notes are passed in the order of the text, and the scan goes
 * on after the note when the caller takes it (tok->detected_next). */
static const precis_detected_word *detected_note(precis_tokens *tok, size_t word)
{
    size_t at = tok->detected_next;
    while (at < tok->detected_count && tok->detected[at].start < word)
        at++;
    tok->detected_next = at;
    return at < tok->detected_count && tok->detected[at].start == word ? &tok->detected[at]
                                                                       : NULL;
}

/* The memo slot where the last detection found the word w of the text
 * it read, or NO_SLOT. */
static uint32_t detected_slot(precis_tokens *tok, const word_ahead *w)
{
    const precis_detected_word *d = detected_note(tok, w->start);
    if (d == NULL || d->len != w->end - w->start)
        return NO_SLOT;
    tok->detected_next++;
    return d->slot;
}

/* Hashes a word found ahead in text[lo, hi) and asks for its slot. */
static inline void hash_ahead(precis_tokens *tok, const char *text, size_t lo, size_t hi,
                               word_ahead *w)
{
    if (w->unspaced || !memo_takes(w->end - w->start))
        return;
    w->hash = word_hash(tok, text, w->start, w->end - w->start, lo, hi, &w->key);
    precis_memo_prefetch(&tok->vocab.words, w->hash);
}

/* What a byte is to the tokenizer's scan: ASCII white space, an ASCII
 * letter or digit (a word character), another ASCII character, or the
 * first byte of a multi-byte character (or an invalid byte). */
enum { BYTE_OTHER, BYTE_SPACE, BYTE_WORD, BYTE_MULTI };

#define O BYTE_OTHER
#define S BYTE_SPACE
#define W BYTE_WORD
#define M BYTE_MULTI
#define MULTI_ROW M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M
static const unsigned char byte_class[256] = {
    O, O, O, O, O, O, O, O, O, S, S, S, S, S, O, O, /* \t \n \v \f \r */
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    S, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, /* space */
    W, W, W, W, W, W, W, W, W, W, O, O, O, O, O, O, /* 0-9 */
    O, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, /* A-O */
    W, W, W, W, W, W, W, W, W, W, W, O, O, O, O, O, /* P-Z */
    O, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, /* a-o */
    W, W, W, W, W, W, W, W, W, W, W, O, O, O, O, O, /* p-z */
    MULTI_ROW, MULTI_ROW, MULTI_ROW, MULTI_ROW, MULTI_ROW, MULTI_ROW, MULTI_ROW, MULTI_ROW,
};
#undef MULTI_ROW
#undef O
#undef S
#undef W
#undef M

static unsigned class_at(const char *text, size_t pos)
{
    return byte_class[(unsigned char)text[pos]];
}

/* Where the runs of ASCII word characters of text[start, end) may be
 * scanned without a bound check: a run that starts before the position
 * returned ends before the last byte of the range that is not such a
 * character (most often the sentence's period), which stops the scan. */
static size_t unbounded_before(const char *text, size_t start, size_t end)
{
    while (end > start && class_at(text, end - 1) == BYTE_WORD)
        end--;
    return end;
}

/* The end of the run of ASCII word characters of text[pos, end) that
 * starts at pos, an ASCII word character (tail: unbounded_before). */
static size_t ascii_run_end(const char *text, size_t pos, size_t end, size_t tail)
{
#if defined(PRECIS_ASCII_ALNUM16)
    /* Sixteen bytes a test where they remain: no branch per byte, nor one
     * that the word's length decides. */
    if (end - pos >= 16)
        return pos + precis_ascii_alnum_span(text + pos, end - pos);
#endif
    if (pos < tail) {
        do
            pos++;
        while (class_at(text, pos) == BYTE_WORD);
    } else {
        do
            pos++;
        while (pos < end && class_at(text, pos) == BYTE_WORD);
    }
    return pos;
}

/* Whether the last detection noted a word of ASCII letters and digits
 * at text[word...] that the scan of text[lo, hi) would end where it ended
 * and that its memo slot still holds (the text may have changed since):
 * then *pos is moved to its end and its key and slot are stored, so that
 * its bytes are not read again. */
static int detected_ascii_word(precis_tokens *tok, const char *text, size_t word, size_t lo,
                               size_t hi, size_t *pos, uint64_t *key, uint32_t *slot)
{
    const precis_detected_word *d = detected_note(tok, word);
    if (d == NULL || !d->ascii || d->len > hi - word)
        return 0;
    size_t stop = word + d->len;
    /* Its bytes, once the slot holds them, are ASCII letters and digits:
     * the scan ends it at the first byte after them that is neither one
     * nor a multi-byte character. */
    if (stop < hi && (class_at(text, stop) == BYTE_WORD || class_at(text, stop) == BYTE_MULTI))
        return 0;
    uint64_t k = precis_memo_word_key_in(text, word, d->len, lo, hi);
    /* A key does not tell a word from the word with NULs after it. */
    if (text[stop - 1] == 0 ||
        (k != 0 ? precis_memo_at_key(&tok->vocab.words, d->slot, k)
                : precis_memo_at(&tok->vocab.words, d->slot, text + word, d->len)) == NULL)
        return 0;
    /* the next word starts after this one */
    tok->detected_next++;
    *pos = stop;
    *key = k;
    *slot = d->slot;
    return 1;
}

/* Where the word whose first character ends at text[pos] ends: the run of
 * word characters of its kind (unspaced or not) from pos, as
 * precis_next_word finds it. Adds the run's characters to *cps. */
static size_t word_end(const char *text, size_t end, size_t pos, int unspaced, size_t *cps)
{
    size_t n = *cps;
    while (pos < end) {
        unsigned cls = class_at(text, pos);
        if (cls != BYTE_MULTI) {
            /* no ASCII character is unspaced */
            if (unspaced || cls != BYTE_WORD)
                break;
            pos++;
            n++;
            continue;
        }
        size_t next = pos;
        int32_t cp = precis_utf8_next_multibyte(text, end, &next);
        if (!precis_is_wordchar(cp) || precis_is_unspaced(cp) != unspaced)
            break;
        pos = next;
        n++;
    }
    *cps = n;
    return pos;
}

/* Finds the next word of text[*pos, end) as precis_next_word does (and
 * as the tokenizer's scan does, by the same byte classes): returns 0 when
 * there is none, else stores its start in *start, moves *pos to its end,
 * sets *unspaced, and stores in *ascii_letters the number of its letters
 * when it is made of ASCII letters and digits alone, SIZE_MAX when it is
 * not. */
static int scan_word(const char *text, size_t end, size_t *pos, size_t *start, int *unspaced,
                     size_t *ascii_letters)
{
    size_t at = *pos;
    while (at < end) {
        size_t word = at;
        unsigned cls = class_at(text, at);
        if (cls == BYTE_WORD) {
            size_t letters;
            at += precis_ascii_alnum_run(text + at, end - at, &letters);
            size_t cps = 0;
            if (at < end && class_at(text, at) == BYTE_MULTI) {
                size_t ascii_end = at;
                at = word_end(text, end, at, 0, &cps);
                if (at != ascii_end)
                    letters = SIZE_MAX;
            }
            *start = word;
            *pos = at;
            *unspaced = 0;
            *ascii_letters = letters;
            return 1;
        }
        if (cls != BYTE_MULTI) {
            at++;
            continue;
        }
        int32_t cp = precis_utf8_next_multibyte(text, end, &at);
        if (!precis_is_wordchar(cp))
            continue;
        int kind = precis_is_unspaced(cp);
        size_t cps = 1;
        *start = word;
        *pos = word_end(text, end, at, kind, &cps);
        *unspaced = kind;
        *ascii_letters = SIZE_MAX;
        return 1;
    }
    *pos = end;
    return 0;
}

precis_status precis_tokens_detect(precis_tokens *tok, const char *text, size_t len, int hint,
                                   int *lang)
{
    precis_lang_votes votes = {0};
    size_t words = 0, pos = 0;
    word_ahead ahead[WORDS_AHEAD];
    size_t ascii_letters[WORDS_AHEAD];
    tok->detected_text = NULL;
    tok->detected_count = 0;
    tok->detected_next = 0;
    for (;;) {
        size_t n = 0;
        while (n < WORDS_AHEAD && words + n < PRECIS_LANG_DETECT_WORDS &&
               scan_word(text, len, &pos, &ahead[n].start, &ahead[n].unspaced,
                         &ascii_letters[n])) {
            ahead[n].end = pos;
            hash_ahead(tok, text, 0, len, &ahead[n++]);
        }
        if (n == 0)
            break;
        words += n;
        for (size_t k = 0; k < n; k++) {
            const word_ahead *w = &ahead[k];
            if (ascii_letters[k] != SIZE_MAX)
                votes.letters[PRECIS_SCRIPT_LATIN] += ascii_letters[k];
            else
                precis_lang_count_letters(&votes, text, w->start, w->end);
            if (w->unspaced)
                continue;
            const precis_stopword_vote *stop = NULL;
            const char *folded;
            size_t folded_len;
            precis_status st;
            if (memo_takes(w->end - w->start)) {
                precis_vocab_entry *entry;
                if ((st = memo_entry(tok, text + w->start, w->end - w->start, w->key, w->hash,
                                     &entry, &folded, &folded_len)) != PRECIS_OK)
                    return st;
                if (entry->lex != 0)
                    stop = &precis_stopword_votes[entry->lex - 1];
                tok->detected[tok->detected_count++] = (precis_detected_word){
                    w->start, (uint16_t)(w->end - w->start), ascii_letters[k] != SIZE_MAX,
                    precis_memo_slot_of(&tok->vocab.words, entry)};
            } else {
                /* Too long for the memo: looked up directly. */
                if ((st = precis_fold(&tok->folder, text + w->start, w->end - w->start, &folded,
                                      &folded_len)) != PRECIS_OK)
                    return st;
                const precis_lex_entry *e =
                    precis_lex_lookup(&precis_stopwords, folded, folded_len);
                if (e != NULL)
                    stop = &precis_stopword_votes[e - precis_stopwords.entries];
            }
            if (stop != NULL)
                precis_lang_count_stopword_vote(&votes, stop);
        }
    }
    tok->detected_text = text;
    *lang = precis_lang_decide(&votes, hint);
    return PRECIS_OK;
}

/* Pushes the token of a spaced word found ahead, if it gives one, into
 * room the caller reserved (tok->ids, and tok->words when words are
 * recorded, record, hold one more at least): its term is stored either
 * way and counted only when there is one, since whether a word is a
 * stopword is a branch that words make hard to predict. */
static precis_status push_word(precis_tokens *tok, const char *text, const word_ahead *w,
                               int lang, const precis_stemmer *stemmer, int record,
                               const precis_token_word *where)
{
    const char *word = text + w->start;
    size_t len = w->end - w->start;
    if (!memo_takes(len))
        return PRECIS_OK;
    precis_vocab_entry *entry = NULL;
    if (w->slot != NO_SLOT)
        entry = w->key != 0 ? precis_memo_at_key(&tok->vocab.words, w->slot, w->key)
                            : precis_memo_at(&tok->vocab.words, w->slot, word, len);
    const char *folded = NULL;
    size_t folded_len = 0;
    precis_status st;
    if (entry == NULL) {
        /* Not where detection found it (the memo grew since): looked up. */
        uint32_t hash =
            w->slot != NO_SLOT ? key_or_word_hash(tok, word, len, w->key) : w->hash;
        if ((st = memo_entry(tok, word, len, w->key, hash, &entry, &folded, &folded_len)) !=
            PRECIS_OK)
            return st;
    }
    if (entry->lang != lang &&
        (st = learn_term(tok, word, len, entry, folded, folded_len, lang, stemmer)) != PRECIS_OK)
        return st;
    uint32_t term = entry->term;
    tok->ids[tok->count] = term - 1;
    if (record)
        tok->words[tok->count] = *where;
    tok->count += term != 0;
    return PRECIS_OK;
}

/* The shape of text[start, end), a word: whether it starts with a capital
 * and whether it holds a digit. */
static unsigned word_shape(const char *text, size_t start, size_t end)
{
    size_t pos = start;
    unsigned shape = precis_is_upper(precis_utf8_next(text, end, &pos)) ? PRECIS_WORD_CAPITAL : 0u;
    for (pos = start; pos < end;) {
        unsigned char c = (unsigned char)text[pos];
        if (c < 0x80 ? (c >= '0' && c <= '9') : precis_is_digit(precis_utf8_next(text, end, &pos)))
            return shape | PRECIS_WORD_DIGIT;
        if (c < 0x80)
            pos++;
    }
    return shape;
}

/* The words of a sentence, as the budgets count them: white-space
 * separated runs, each character of an unspaced script counting as one;
 * and its characters: code points once white space runs are folded to one
 * space. */
typedef struct sentence_measure {
    size_t words, chars;
    int in_space;  /* the last character was white space (or none yet) */
    int word_next; /* a character that is not white space starts a word: the last
                    * character was white space or unspaced (or none yet) */
} sentence_measure;

/* Counts one character that is not part of a word. */
static void measure_other(sentence_measure *m, int32_t cp)
{
    if (precis_is_space(cp)) {
        m->chars += (size_t)!m->in_space;
        m->in_space = m->word_next = 1;
        return;
    }
    /* An unspaced character is a word of its own, so the spaced run that
     * follows one starts a new word too. */
    int unspaced = precis_is_unspaced(cp);
    m->chars++;
    m->words += (size_t)(m->word_next | unspaced);
    m->in_space = 0;
    m->word_next = unspaced;
}

/* Counts a word of cps characters of one kind. */
static void measure_word(sentence_measure *m, size_t cps, int unspaced)
{
    m->chars += cps;
    m->words += unspaced ? cps : (size_t)m->word_next;
    m->in_space = 0;
    m->word_next = unspaced;
}

/* Room for one more token of each of the next n words: push_word's. */
static precis_status reserve_words(precis_tokens *tok, size_t n)
{
    if (PRECIS_RESERVE(tok->ids, tok->ids_cap, tok->count + n) != PRECIS_OK ||
        (tok->record_words &&
         PRECIS_RESERVE(tok->words, tok->words_cap, tok->count + n) != PRECIS_OK))
        return PRECIS_ERR_NOMEM;
    return PRECIS_OK;
}

/* Tokenizes text[start, end) and measures it, in one pass over its
 * characters; the measure in *words and *chars. */
static precis_status tokenize_sentence(precis_tokens *tok, const char *text, size_t start,
                                       size_t end, int lang, const precis_stemmer *stemmer,
                                       size_t *words, size_t *chars)
{
    sentence_measure m = {0, 0, 1, 1};
    unsigned first = PRECIS_WORD_FIRST;
    int detected = tok->detected_text == text && tok->detected_next < tok->detected_count;
    int record = tok->record_words;
    size_t pos = start, tail = unbounded_before(text, start, end);
    word_ahead ahead[WORDS_AHEAD];
    while (pos < end) {
        /* The next words, measured and hashed; then their terms. */
        size_t n = 0;
        while (n < WORDS_AHEAD && pos < end) {
            size_t word = pos;
            unsigned cls = class_at(text, pos);
            int unspaced = 0, noted = 0;
            size_t cps;
            uint64_t key = 0;
            uint32_t slot = NO_SLOT;
            if (cls == BYTE_WORD && detected &&
                (noted = detected_ascii_word(tok, text, word, start, end, &pos, &key, &slot))) {
                cps = pos - word;
            } else if (cls == BYTE_WORD) {
                pos = ascii_run_end(text, pos, end, tail);
                cps = pos - word;
                if (pos < end && class_at(text, pos) == BYTE_MULTI)
                    pos = word_end(text, end, pos, 0, &cps);
            } else if (cls != BYTE_MULTI) {
                /* ASCII white space, or another ASCII character (none is
                 * unspaced): measure_other without a branch between them. */
                int space = cls == BYTE_SPACE;
                m.chars += (size_t)(1 ^ (space & m.in_space));
                m.words += (size_t)((1 ^ space) & m.word_next);
                m.in_space = m.word_next = space;
                pos++;
                continue;
            } else {
                int32_t cp = precis_utf8_next_multibyte(text, end, &pos);
                if (!precis_is_wordchar(cp)) {
                    measure_other(&m, cp);
                    continue;
                }
                unspaced = precis_is_unspaced(cp);
                cps = 1;
                pos = word_end(text, end, pos, unspaced, &cps);
            }
            measure_word(&m, cps, unspaced);
            word_ahead *w = &ahead[n++];
            /* key and hash are set below when they are read */
            w->start = word;
            w->end = pos;
            w->slot = NO_SLOT;
            w->unspaced = unspaced;
            /* A word that detection found a moment ago is not hashed. */
            if (noted) {
                w->slot = slot;
                w->key = key;
            } else if (detected && !unspaced && memo_takes(pos - word) &&
                (w->slot = detected_slot(tok, w)) != NO_SLOT)
                w->key = precis_memo_word_key_in(text, word, pos - word, start, end);
            else
                hash_ahead(tok, text, start, end, w);
        }
        precis_status st = reserve_words(tok, n);
        if (st != PRECIS_OK)
            return st;
        for (size_t k = 0; k < n; k++) {
            const word_ahead *w = &ahead[k];
            precis_token_word where = {w->start, w->end, 0};
            if (record && !w->unspaced)
                where.shape = word_shape(text, w->start, w->end) | first;
            first = 0;
            if (!w->unspaced)
                st = push_word(tok, text, w, lang, stemmer, record, &where);
            else if ((st = push_bigrams(tok, text, w->start, w->end)) == PRECIS_OK)
                /* the room push_word needs, taken by the pairs */
                st = reserve_words(tok, n - k - 1);
            if (st != PRECIS_OK)
                return st;
        }
    }
    /* A trailing space run was counted as a separator; sentences are
     * trimmed, so this only matters for text that is not. */
    if (m.in_space && m.chars > 0)
        m.chars--;
    *words = m.words;
    *chars = m.chars;
    return PRECIS_OK;
}

precis_status precis_tokenize(precis_tokens *tok, const char *text, const precis_span *spans,
                              size_t n, int lang, const precis_stemmer *stemmer)
{
    tok->count = 0;
    if (n == SIZE_MAX || PRECIS_RESERVE(tok->sents, tok->sents_cap, n + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        precis_sentence_terms *s = &tok->sents[i];
        s->first = tok->count;
        precis_status st = tokenize_sentence(tok, text, spans[i].start, spans[i].end, lang,
                                             stemmer, &s->words, &s->chars);
        if (st != PRECIS_OK)
            return st;
    }
    tok->sents[n] = (precis_sentence_terms){tok->count, 0, 0};
    tok->detected_text = NULL;
    return PRECIS_OK;
}

precis_status precis_tokenize_text(precis_tokens *tok, const char *text, size_t len, int lang,
                                   const precis_stemmer *stemmer, uint32_t **ids, size_t *count,
                                   size_t *cap)
{
    /* The document's tokens step aside while the text's are pushed where
     * they would go, so that the tokenizer's own path stays as it is. */
    uint32_t *held_ids = tok->ids;
    size_t held_count = tok->count, held_cap = tok->ids_cap;
    tok->ids = *ids;
    tok->count = *count;
    tok->ids_cap = *cap;
    size_t words, chars;
    precis_status st = tokenize_sentence(tok, text, 0, len, lang, stemmer, &words, &chars);
    *ids = tok->ids;
    *count = tok->count;
    *cap = tok->ids_cap;
    tok->ids = held_ids;
    tok->count = held_count;
    tok->ids_cap = held_cap;
    return st;
}

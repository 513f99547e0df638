/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keywords.c - keyphrase candidates, the word graph, phrase scores and the
 * set they add up in (the entry points are in keyphrases.c).
 */
#include "keywords.h"

#include <math.h>
#include <string.h>

#include "heap.h"
#include "rank.h"
#include "lang.h"
#include "utf8.h"
#include "util.h"
#include "words.h"

/* Bytes that separate the terms of a phrase's identity, and its tokens;
 * no term holds either. The identity of a phrase of an unspaced script
 * starts with its own byte, so that the two kinds never meet. */
#define TERM_END '\0'
#define TOKEN_END '\1'
#define UNSPACED_PHRASE '\2'

void precis_keyworder_free(precis_keyworder *kw)
{
    if (kw == NULL)
        return;
    precis_keyword_set *s = &kw->set;
    precis_strtab_free(&s->phrases);
    precis_strtab_free(&s->spellings);
    free(s->score);
    free(s->count);
    free(s->documents);
    free(s->seen);
    free(s->best);
    free(s->piece);
    free(s->doc_score);
    free(s->spelling_count);
    free(s->spelling_lower);
    free(kw->tokens);
    free(kw->terms);
    free(kw->occ);
    free(kw->every);
    free(kw->doc_phrases);
    free(kw->node_of);
    free(kw->node_stamp);
    free(kw->node_term);
    free(kw->pairs);
    free(kw->row_start);
    free(kw->columns);
    free(kw->edge_weight);
    free(kw->slot);
    free(kw->slot_row);
    free(kw->node_score);
    free(kw->node_share);
    free(kw->node_degree);
    free(kw->key);
    precis_ngrams_free(&kw->ngrams);
    uint64_t seed = s->phrases.seed;
    memset(kw, 0, sizeof *kw);
    precis_keyworder_seed(kw, seed);
}

void precis_keyworder_seed(precis_keyworder *kw, uint64_t seed)
{
    kw->set.phrases.seed = seed;
    kw->set.spellings.seed = seed;
    kw->ngrams.grams.seed = seed;
}

void precis_keyworder_reset(precis_keyworder *kw, int one_document)
{
    precis_keyword_set *s = &kw->set;
    kw->defer_spellings = one_document;
    kw->nevery = 0;
    precis_strtab_clear(&s->phrases);
    precis_strtab_clear(&s->spellings);
    s->added = 0;
    memset(s->words_by_lang, 0, sizeof s->words_by_lang);
}

/* ------------------------------------------------------------------ */
/* Tokens                                                             */

/* What a document is read with. */
typedef struct kw_doc {
    precis_keyworder *kw;
    const char *text;
    int lang;
    int elision; /* the language elides articles with an apostrophe */
    const precis_stemmer *stemmer;
    precis_tokens *tok;
} kw_doc;

/* Characters that join two words into one token when nothing separates
 * them: the hyphens and apostrophes of "out-of-print" and "Hulth's". */
static int is_joiner(int32_t cp)
{
    return cp == '-' || cp == '\'' || cp == 0x2019 || cp == 0x2010 || cp == 0x2011;
}

/* Whether text[start, end) holds anything but white space. */
static int has_mark(const char *text, size_t start, size_t end)
{
    while (start < end)
        if (!precis_is_space(precis_utf8_next(text, end, &start)))
            return 1;
    return 0;
}

static precis_status push_token(kw_doc *d, size_t start, size_t end, size_t term,
                                uint32_t breaks)
{
    precis_keyworder *kw = d->kw;
    if (PRECIS_RESERVE(kw->tokens, kw->tokens_cap, kw->ntokens + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    kw->tokens[kw->ntokens++] = (precis_kw_token){start, end, term,
                                                  (uint32_t)(kw->nterms - term), breaks};
    return PRECIS_OK;
}

/* Adds the keyword term of word text[start, end), if it has one. */
static precis_status add_word(kw_doc *d, size_t start, size_t end)
{
    precis_keyworder *kw = d->kw;
    uint32_t term;
    unsigned word_class;
    precis_status st = precis_vocab_word(d->tok, d->text + start, end - start, d->lang,
                                         d->stemmer, &term, &word_class);
    if (st != PRECIS_OK || term == 0 || (word_class & PRECIS_WORD_BOUNDARY))
        return st;
    if (kw->nterms >= UINT32_MAX ||
        PRECIS_RESERVE(kw->terms, kw->terms_cap, kw->nterms + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    kw->terms[kw->nterms++] = term - 1;
    return PRECIS_OK;
}

/* The tokens of sentence text[start, end), until the piece is at its largest: *resume
 * is where the sentence goes on (end when it is done). Each character of
 * an unspaced script is a token without terms, which only takes up a
 * place. */
static precis_status scan_sentence(kw_doc *d, size_t start, size_t end, size_t *resume)
{
    const char *text = d->text;
    size_t pos = start, word, previous = start;
    *resume = end;
    int unspaced;
    uint32_t breaks = 1;
    precis_status st;
    while (precis_next_word(text, end, &pos, &word, &unspaced)) {
        if (d->kw->ntokens >= 2 * PRECIS_KEYWORD_PIECE) {
            *resume = word;
            return PRECIS_OK;
        }
        if (has_mark(text, previous, word))
            breaks = 1;
        if (unspaced) {
            for (size_t at = word; at < pos;) {
                size_t ch = at;
                precis_utf8_next(text, pos, &at);
                if ((st = push_token(d, ch, at, d->kw->nterms, breaks)) != PRECIS_OK)
                    return st;
            }
            breaks = 1;
            previous = pos;
            continue;
        }
        size_t first_term = d->kw->nterms, words = 1;
        if ((st = add_word(d, word, pos)) != PRECIS_OK)
            return st;
        /* Words joined by a hyphen or an apostrophe with nothing around it. */
        for (;;) {
            size_t joiner_end = pos;
            int32_t joiner;
            if (pos >= end || !is_joiner(joiner = precis_utf8_next(text, end, &joiner_end)) ||
                joiner_end >= end)
                break;
            size_t after = joiner_end;
            int32_t next = precis_utf8_next(text, end, &after);
            if (!precis_is_wordchar(next) || precis_is_unspaced(next))
                break;
            /* An elided article or pronoun ("l'", "dell'") is a word of its
             * own, as if a space followed it. */
            if (d->elision && words == 1 && d->kw->nterms == first_term &&
                (joiner == '\'' || joiner == 0x2019)) {
                if ((st = push_token(d, word, pos, first_term, breaks)) != PRECIS_OK)
                    return st;
                breaks = 0;
                word = joiner_end;
                words = 0;
            }
            size_t next_word = joiner_end;
            int next_unspaced;
            pos = joiner_end;
            precis_next_word(text, end, &pos, &next_word, &next_unspaced);
            if ((st = add_word(d, next_word, pos)) != PRECIS_OK)
                return st;
            words++;
        }
        if ((st = push_token(d, word, pos, first_term, breaks)) != PRECIS_OK)
            return st;
        breaks = 0;
        previous = pos;
    }
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* English edges                                                      */

/* Adverb endings (all in -ly), and words with them that are not
 * adverbs. */
static const char *const adverb_suffixes[] = {
    "ally", "ently", "antly", "ively", "ously", "ibly", "ably", "ghly", "ctly", "stly",
    "rly",  "tely",  "sely",  "ully",  "ely",   "ntly", "dly",  "kly",  "wly",  "ily"};
static const char *const not_adverbs[] = {
    "early",  "daily",  "family",   "supply", "assembly", "anomaly", "italy",  "july",
    "monopoly", "poly", "reply",    "apply",  "weekly",   "monthly", "yearly", "hourly",
    "friendly", "elderly", "only",  "likely", "timely",   "costly",  "fly",    "ally",
    "rely",   "belly",  "jelly",    "bully",  "holy",     "ugly",    "silly",  "lily",
    "wily",   "oily",   "emily"};
/* Prepositions after which a word in -ing is a verb ("by measuring"). */
static const char *const verb_prepositions[] = {
    "of", "for", "by", "in", "on", "without", "while", "when", "after", "before", "from",
    "through", "via", "into"};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* A word of a token as English rules read it: text[start, end). */
typedef struct en_word {
    const char *text;
    size_t start, end;
} en_word;

/* Whether the word ends with suffix (lower case ASCII), without case. */
static int ends_with(const en_word *w, const char *suffix, size_t n)
{
    if (w->end - w->start < n)
        return 0;
    const char *tail = w->text + w->end - n;
    for (size_t i = 0; i < n; i++) {
        char c = tail[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return 0;
    }
    return 1;
}

#define ENDS_WITH(w, literal) ends_with((w), (literal), sizeof(literal) - 1)

static int is_one_of(const en_word *w, const char *const *words, size_t count)
{
    size_t len = w->end - w->start;
    for (size_t i = 0; i < count; i++)
        if (strlen(words[i]) == len && ends_with(w, words[i], len))
            return 1;
    return 0;
}

static size_t char_count(const en_word *w)
{
    size_t chars = 0;
    for (size_t pos = w->start; pos < w->end; chars++)
        precis_utf8_next(w->text, w->end, &pos);
    return chars;
}

static int looks_adverb(const en_word *w)
{
    if (!ENDS_WITH(w, "ly") || char_count(w) <= 4)
        return 0;
    for (size_t i = 0; i < COUNT_OF(adverb_suffixes); i++)
        if (ends_with(w, adverb_suffixes[i], strlen(adverb_suffixes[i])))
            return !is_one_of(w, not_adverbs, COUNT_OF(not_adverbs));
    return 0;
}

/* A past participle, mostly: "-ed", not "-eed" ("proposed", not "speed"). */
static int looks_participle(const en_word *w)
{
    return ENDS_WITH(w, "ed") && !ENDS_WITH(w, "eed") && char_count(w) >= 4;
}

/* The first or last word of a token. */
static en_word token_word(const char *text, const precis_kw_token *t, int last)
{
    en_word w = {text, t->start, t->end};
    for (size_t pos = t->start; pos < t->end;) {
        size_t at = pos;
        unsigned char c = (unsigned char)text[pos];
        /* every joiner starts with one of these bytes */
        if (c != '-' && c != '\'' && c != 0xE2) {
            pos++;
            continue;
        }
        if (!is_joiner(precis_utf8_next(text, t->end, &pos)))
            continue;
        if (!last) {
            w.end = at;
            break;
        }
        w.start = pos;
    }
    return w;
}

/* Whether the run starting at token p reads as a verb phrase: "to" before
 * it, or a word in -ing after a preposition. */
static int verbal_start(const precis_keyworder *kw, const char *text, size_t p)
{
    const precis_kw_token *t = &kw->tokens[p];
    if (p == 0 || t->breaks)
        return 0;
    const precis_kw_token *before = &kw->tokens[p - 1];
    en_word previous = {text, before->start, before->end};
    if (previous.end - previous.start == 2 && ENDS_WITH(&previous, "to"))
        return 1;
    en_word first = token_word(text, t, 0);
    return ENDS_WITH(&first, "ing") && char_count(&first) > 5 &&
           is_one_of(&previous, verb_prepositions, COUNT_OF(verb_prepositions));
}

/* Trims the run of tokens [*a, *b) as English phrases start and end. */
static void trim_english(const precis_keyworder *kw, const char *text, size_t *a, size_t *b)
{
    if (*b - *a > 1 && verbal_start(kw, text, *a))
        (*a)++;
    while (*a < *b) {
        en_word w = token_word(text, &kw->tokens[*a], 0);
        if (!looks_adverb(&w))
            break;
        (*a)++;
    }
    while (*b > *a) {
        en_word w = token_word(text, &kw->tokens[*b - 1], 1);
        if (!looks_adverb(&w) && !looks_participle(&w))
            break;
        (*b)--;
    }
}

/* ------------------------------------------------------------------ */
/* The set                                                            */

static precis_status grow_phrases(precis_keyword_set *s, size_t need)
{
    if (PRECIS_RESERVE(s->score, s->score_cap, need) != PRECIS_OK ||
        PRECIS_RESERVE(s->count, s->count_cap, need) != PRECIS_OK ||
        PRECIS_RESERVE(s->documents, s->documents_cap, need) != PRECIS_OK ||
        PRECIS_RESERVE(s->seen, s->seen_cap, need) != PRECIS_OK ||
        PRECIS_RESERVE(s->best, s->best_cap, need) != PRECIS_OK ||
        PRECIS_RESERVE(s->piece, s->piece_cap, need) != PRECIS_OK ||
        PRECIS_RESERVE(s->doc_score, s->doc_score_cap, need) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    return PRECIS_OK;
}

static precis_status grow_spellings(precis_keyword_set *s, size_t need)
{
    if (PRECIS_RESERVE(s->spelling_count, s->spelling_count_cap, need) != PRECIS_OK ||
        PRECIS_RESERVE(s->spelling_lower, s->spelling_lower_cap, need) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    return PRECIS_OK;
}

/* Whether s[0, len) has no capital letter. */
static int is_lower_case(const char *s, size_t len)
{
    for (size_t pos = 0; pos < len;)
        if (precis_is_upper(precis_utf8_next(s, len, &pos)))
            return 0;
    return 1;
}

/* The phrase of identity key[0, len): its id, added when new. */
static precis_status phrase_id(precis_keyword_set *s, const char *key, size_t len, uint32_t *id)
{
    int added;
    precis_status st = precis_strtab_intern(&s->phrases, key, len, id, &added);
    if (st != PRECIS_OK || !added)
        return st;
    if ((st = grow_phrases(s, s->phrases.count)) != PRECIS_OK)
        return st;
    s->score[*id] = 0.0;
    s->count[*id] = 0;
    s->documents[*id] = 0;
    s->seen[*id] = 0;
    s->best[*id] = UINT32_MAX;
    s->piece[*id] = 0;
    s->doc_score[*id] = 0.0;
    return PRECIS_OK;
}

/* Counts `times` occurrences of phrase id spelled key[4, len) (key[0, 4)
 * holds the id), and keeps its most frequent spelling: lower case on a
 * tie, then the one seen first. */
static precis_status add_spelling(precis_keyword_set *s, uint32_t id, char *key, size_t len,
                                  uint64_t times)
{
    memcpy(key, &id, sizeof id);
    uint32_t sid;
    int added;
    precis_status st = precis_strtab_intern(&s->spellings, key, len, &sid, &added);
    if (st != PRECIS_OK)
        return st;
    if (added) {
        if ((st = grow_spellings(s, s->spellings.count)) != PRECIS_OK)
            return st;
        s->spelling_count[sid] = 0;
        s->spelling_lower[sid] = (unsigned char)is_lower_case(key + 4, len - 4);
    }
    s->spelling_count[sid] = precis_count_add(s->spelling_count[sid], times);
    s->count[id] = precis_count_add(s->count[id], times);
    uint32_t best = s->best[id];
    if (best == UINT32_MAX || best == sid) {
        s->best[id] = sid;
        return PRECIS_OK;
    }
    uint64_t c = s->spelling_count[sid], bc = s->spelling_count[best];
    int lower = s->spelling_lower[sid], best_lower = s->spelling_lower[best];
    if (c > bc || (c == bc && (lower > best_lower || (lower == best_lower && sid < best))))
        s->best[id] = sid;
    return PRECIS_OK;
}

/* Whether phrase id is new to the document being added (and counts it). */
static int first_in_document(precis_keyword_set *s, uint32_t id)
{
    if (s->seen[id] == s->added + 1)
        return 0;
    s->seen[id] = s->added + 1;
    s->documents[id]++;
    return 1;
}

/* Whether phrase id is new to the piece being ranked (and marks it). */
static int first_in_piece(precis_keyword_set *s, uint32_t id, uint64_t piece)
{
    if (s->piece[id] == piece)
        return 0;
    s->piece[id] = piece;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Candidates                                                         */

static precis_status reserve_key(precis_keyworder *kw, size_t need)
{
    return PRECIS_RESERVE(kw->key, kw->key_cap, need);
}

/* The spelling of tokens [a, b), the tokens as written with one space
 * between them, into kw->key after 4 bytes left for the phrase's id; its
 * length (the 4 bytes included) in *len. */
static precis_status build_spelling(precis_keyworder *kw, const char *text, size_t a, size_t b,
                                    size_t *len)
{
    size_t at = 4;
    for (size_t p = a; p < b; p++) {
        const precis_kw_token *t = &kw->tokens[p];
        if (reserve_key(kw, at + (t->end - t->start) + 1) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        if (p > a)
            kw->key[at++] = ' ';
        memcpy(kw->key + at, text + t->start, t->end - t->start);
        at += t->end - t->start;
    }
    *len = at;
    return PRECIS_OK;
}

/* Records the phrase of tokens [a, b): its identity, its spelling (or the
 * occurrence, when spellings wait for the end) and its first occurrence in
 * the document. */
static precis_status add_occurrence(kw_doc *d, size_t a, size_t b)
{
    precis_keyworder *kw = d->kw;
    const precis_vocab *vocab = &d->tok->vocab;
    size_t len = 0;
    for (size_t p = a; p < b; p++) {
        const precis_kw_token *t = &kw->tokens[p];
        for (uint32_t k = 0; k < t->nterms; k++) {
            size_t term_len;
            const char *term = precis_vocab_term(vocab, kw->terms[t->term + k], &term_len);
            if (reserve_key(kw, len + term_len + 2) != PRECIS_OK)
                return PRECIS_ERR_NOMEM;
            memcpy(kw->key + len, term, term_len);
            len += term_len;
            kw->key[len++] = TERM_END;
        }
        kw->key[len++] = TOKEN_END;
    }
    uint32_t id;
    precis_status st = phrase_id(&kw->set, kw->key, len, &id);
    if (st != PRECIS_OK)
        return st;
    if (kw->defer_spellings) {
        if (PRECIS_RESERVE(kw->every, kw->every_cap, kw->nevery + 1) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        kw->every[kw->nevery++] = (precis_kw_occurrence){id, (uint32_t)(b - a), a, 0.0};
    } else if ((st = build_spelling(kw, d->text, a, b, &len)) != PRECIS_OK ||
               (st = add_spelling(&kw->set, id, kw->key, len, 1)) != PRECIS_OK) {
        return st;
    }
    if (first_in_document(&kw->set, id)) {
        if (PRECIS_RESERVE(kw->doc_phrases, kw->doc_phrases_cap, kw->ndoc_phrases + 1) !=
            PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        kw->doc_phrases[kw->ndoc_phrases++] = id;
    }
    if (!first_in_piece(&kw->set, id, kw->pieces))
        return PRECIS_OK;
    if (PRECIS_RESERVE(kw->occ, kw->occ_cap, kw->nocc + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    kw->occ[kw->nocc++] = (precis_kw_occurrence){id, (uint32_t)(b - a), a, 0.0};
    return PRECIS_OK;
}

/* The candidates of tokens [p, n): maximal runs of tokens with terms that
 * no punctuation interrupts, trimmed in English. */
static precis_status find_candidates(kw_doc *d, size_t p, size_t n)
{
    precis_keyworder *kw = d->kw;
    int english = strcmp(precis_languages[d->lang].code, "en") == 0;
    while (p < n) {
        if (kw->tokens[p].nterms == 0) {
            p++;
            continue;
        }
        size_t q = p + 1;
        while (q < n && kw->tokens[q].nterms > 0 && !kw->tokens[q].breaks)
            q++;
        size_t a = p, b = q;
        if (english)
            trim_english(kw, d->text, &a, &b);
        if (a < b && b - a <= PRECIS_KEYWORD_MAX_TOKENS) {
            precis_status st = add_occurrence(d, a, b);
            if (st != PRECIS_OK)
                return st;
        }
        p = q;
    }
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* The word graph                                                     */

/* Gives every distinct term of terms[first, last) a node. */
static precis_status number_nodes(precis_keyworder *kw, size_t vocab_size, size_t first,
                                  size_t last)
{
    if (PRECIS_RESERVE(kw->node_of, kw->node_of_cap, vocab_size) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    size_t old = kw->node_stamp_cap;
    if (PRECIS_RESERVE(kw->node_stamp, kw->node_stamp_cap, vocab_size) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (kw->node_stamp_cap > old)
        memset(kw->node_stamp + old, 0, (kw->node_stamp_cap - old) * sizeof *kw->node_stamp);
    if (++kw->build == 0) {
        memset(kw->node_stamp, 0, kw->node_stamp_cap * sizeof *kw->node_stamp);
        kw->build = 1;
    }
    kw->nnodes = 0;
    for (size_t k = first; k < last; k++) {
        uint32_t v = kw->terms[k];
        if (kw->node_stamp[v] != kw->build) {
            if (PRECIS_RESERVE(kw->node_term, kw->node_term_cap, kw->nnodes + 1) != PRECIS_OK)
                return PRECIS_ERR_NOMEM;
            kw->node_stamp[v] = kw->build;
            kw->node_of[v] = (uint32_t)kw->nnodes;
            kw->node_term[kw->nnodes++] = v;
        }
    }
    return PRECIS_OK;
}

static precis_status push_pair(precis_keyworder *kw, uint32_t a, uint32_t b)
{
    if (PRECIS_RESERVE(kw->pairs, kw->pairs_cap, kw->npairs + 2) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    kw->pairs[kw->npairs++] = (uint64_t)a << 32 | b;
    kw->pairs[kw->npairs++] = (uint64_t)b << 32 | a;
    return PRECIS_OK;
}

/* Every pair of different terms of tokens [first, last) fewer than
 * PRECIS_KEYWORD_WINDOW tokens apart, once for each time they are, in both
 * directions. */
static precis_status collect_pairs(precis_keyworder *kw, size_t first, size_t last)
{
    kw->npairs = 0;
    const precis_kw_token *tokens = kw->tokens;
    for (size_t p = first; p < last; p++) {
        const precis_kw_token *t = &tokens[p];
        for (uint32_t i = 0; i < t->nterms; i++) {
            uint32_t a = kw->node_of[kw->terms[t->term + i]];
            for (size_t q = p; q < last && q - p < PRECIS_KEYWORD_WINDOW; q++) {
                const precis_kw_token *u = &tokens[q];
                for (uint32_t j = q == p ? i + 1 : 0; j < u->nterms; j++) {
                    uint32_t b = kw->node_of[kw->terms[u->term + j]];
                    if (a != b && push_pair(kw, a, b) != PRECIS_OK)
                        return PRECIS_ERR_NOMEM;
                }
            }
        }
    }
    return PRECIS_OK;
}

/* The graph in compressed row form, symmetric: a counting sort of the
 * pairs by row, then each row's repeated columns merged into weights (how
 * many times the two terms co-occur). */
static precis_status build_graph(precis_keyworder *kw)
{
    size_t n = kw->nnodes, np = kw->npairs;
    if (n == SIZE_MAX || PRECIS_RESERVE(kw->row_start, kw->row_start_cap, n + 1) != PRECIS_OK ||
        PRECIS_RESERVE(kw->columns, kw->columns_cap, np) != PRECIS_OK ||
        PRECIS_RESERVE(kw->edge_weight, kw->edge_weight_cap, np) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memset(kw->row_start, 0, (n + 1) * sizeof *kw->row_start);
    for (size_t k = 0; k < np; k++)
        kw->row_start[(kw->pairs[k] >> 32) + 1]++;
    for (size_t r = 0; r < n; r++)
        kw->row_start[r + 1] += kw->row_start[r];
    /* row_start[r] is where row r's next column goes; it ends at the start
     * of row r + 1 and is moved back after. */
    for (size_t k = 0; k < np; k++) {
        size_t r = (size_t)(kw->pairs[k] >> 32);
        kw->columns[kw->row_start[r]++] = (uint32_t)kw->pairs[k];
    }
    for (size_t r = n; r > 0; r--)
        kw->row_start[r] = kw->row_start[r - 1];
    kw->row_start[0] = 0;
    /* Each row's columns merged into weights in the order they come:
     * slot[c] is where column c went in the row being merged, valid when
     * its stamp is the row's. */
    if (PRECIS_RESERVE(kw->slot, kw->slot_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(kw->slot_row, kw->slot_row_cap, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    for (size_t c = 0; c < n; c++)
        kw->slot_row[c] = SIZE_MAX;
    size_t out = 0;
    for (size_t r = 0; r < n; r++) {
        size_t first = kw->row_start[r], last = kw->row_start[r + 1];
        kw->row_start[r] = out;
        for (size_t k = first; k < last; k++) {
            uint32_t c = kw->columns[k];
            if (kw->slot_row[c] == r) {
                kw->edge_weight[kw->slot[c]] += 1.0;
                continue;
            }
            kw->slot_row[c] = r;
            kw->slot[c] = out;
            kw->columns[out] = c;
            kw->edge_weight[out++] = 1.0;
        }
    }
    kw->row_start[n] = out;
    return PRECIS_OK;
}

/* The sum over the edges of node i of weight times the other end's share.
 * Four sums run side by side, so that each addition need not wait for the
 * one before: the loop runs at the speed of its loads. */
static double row_sum(const precis_keyworder *kw, size_t i, const double *share)
{
    const uint32_t *col = kw->columns;
    const double *w = kw->edge_weight;
    size_t k = kw->row_start[i], end = kw->row_start[i + 1];
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    for (; k + 4 <= end; k += 4) {
        s0 += w[k] * share[col[k]];
        s1 += w[k + 1] * share[col[k + 1]];
        s2 += w[k + 2] * share[col[k + 2]];
        s3 += w[k + 3] * share[col[k + 3]];
    }
    for (; k < end; k++)
        s0 += w[k] * share[col[k]];
    return (s0 + s1) + (s2 + s3);
}

/* The score of every node: PageRank (damping PRECIS_KEYWORD_DAMPING,
 * uniform jump) on the symmetric graph. A word graph is small and
 * symmetric, so this solves it apart from the sentence ranker (rank.h):
 * by successive over-relaxation (each node's new score, pushed
 * PRECIS_KEYWORD_RELAXATION times as far as a Gauss-Seidel step takes it,
 * is used at once by the nodes after it), from the walk's own stationary
 * vector mixed with the jump, which is close to the answer: on news
 * articles it takes a third of the steps that power iteration takes to the
 * same precision. The scores are then scaled to sum to 1, and multiplied
 * by the corpus idf when there is a table. */
static precis_status score_nodes(precis_keyworder *kw, const precis_vocab *vocab,
                                 const precis_corpus_df *corpus)
{
    size_t n = kw->nnodes;
    if (PRECIS_RESERVE(kw->node_score, kw->node_score_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(kw->node_share, kw->node_share_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(kw->node_degree, kw->node_degree_cap, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (n == 0)
        return PRECIS_OK;
    const double d = PRECIS_KEYWORD_DAMPING, jump = (1.0 - d) / (double)n;
    const double omega = PRECIS_KEYWORD_RELAXATION;
    double *x = kw->node_score, *share = kw->node_share, *degree = kw->node_degree;
    double total = 0.0;
    int isolated = 0;
    for (size_t i = 0; i < n; i++) {
        degree[i] = 0.0;
        for (size_t k = kw->row_start[i]; k < kw->row_start[i + 1]; k++)
            degree[i] += kw->edge_weight[k];
        total += degree[i];
        isolated |= degree[i] == 0.0;
    }
    /* share[i]: what node i passes along each unit of edge weight */
    for (size_t i = 0; i < n; i++) {
        x[i] = total > 0.0 ? jump + d * degree[i] / total : 1.0 / (double)n;
        share[i] = degree[i] > 0.0 ? x[i] / degree[i] : 0.0;
    }
    double change = 1.0;
    for (size_t sweep = 0; change >= PRECIS_KEYWORD_TOLERANCE; sweep++) {
        if (sweep == PRECIS_RANK_MAX_ITERATIONS)
            return PRECIS_ERR_NO_CONVERGENCE;
        /* Nodes without edges (a word alone in its window) jump. */
        double stuck = 0.0;
        for (size_t i = 0; isolated && i < n; i++)
            stuck += degree[i] > 0.0 ? 0.0 : x[i];
        double base = jump + d * stuck / (double)n;
        change = 0.0;
        for (size_t i = 0; i < n; i++) {
            double step = omega * (base + d * row_sum(kw, i, share) - x[i]);
            change += fabs(step);
            x[i] += step;
            if (degree[i] > 0.0)
                share[i] = x[i] / degree[i];
        }
    }
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    for (size_t i = 0; i < n; i++)
        x[i] /= sum;
    if (corpus == NULL)
        return PRECIS_OK;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *term = precis_vocab_term(vocab, kw->node_term[i], &len);
        double documents = (double)corpus->documents;
        double df = (double)precis_dftable_df(corpus->table, term, len);
        if (df > documents)
            df = documents;
        x[i] *= log((1.0 + documents) / (1.0 + df)) + 1.0;
    }
    return PRECIS_OK;
}

/* Adds the piece's phrases to the document's scores, scaled to sum to
 * weight. */
static void add_scores(precis_keyworder *kw, double weight)
{
    double total = 0.0;
    for (size_t k = 0; k < kw->nocc; k++) {
        precis_kw_occurrence *o = &kw->occ[k];
        double score = 0.0;
        for (size_t p = o->token; p < o->token + o->ntokens; p++) {
            const precis_kw_token *t = &kw->tokens[p];
            for (uint32_t i = 0; i < t->nterms; i++)
                score += kw->node_score[kw->node_of[kw->terms[t->term + i]]];
        }
        if (o->ntokens == 1)
            score *= PRECIS_KEYWORD_SINGLE_FACTOR;
        o->score = score;
        total += score;
    }
    for (size_t k = 0; k < kw->nocc && total > 0.0; k++)
        kw->set.doc_score[kw->occ[k].phrase] += weight * kw->occ[k].score / total;
}

/* Ranks the words of the tokens scanned and adds their phrases to the
 * document's scores with weight (the piece's tokens). */
static precis_status add_piece(kw_doc *d, const precis_corpus_df *corpus)
{
    precis_keyworder *kw = d->kw;
    kw->nocc = 0;
    kw->pieces++;
    precis_status st = find_candidates(d, 0, kw->ntokens);
    if (st == PRECIS_OK)
        st = number_nodes(kw, d->tok->vocab.terms.count, 0, kw->nterms);
    if (st == PRECIS_OK)
        st = collect_pairs(kw, 0, kw->ntokens);
    if (st == PRECIS_OK)
        st = build_graph(kw);
    if (st == PRECIS_OK)
        st = score_nodes(kw, &d->tok->vocab, corpus);
    if (st == PRECIS_OK)
        add_scores(kw, (double)kw->ntokens);
    return st;
}

/* Makes the spellings that waited, while the tokens they come from are
 * still there: a document that does not fit in one piece keeps them as
 * they come. */
static precis_status stop_deferring(precis_keyworder *kw, const char *text)
{
    for (size_t k = 0; k < kw->nevery; k++) {
        const precis_kw_occurrence *o = &kw->every[k];
        size_t len;
        precis_status st;
        if ((st = build_spelling(kw, text, o->token, o->token + o->ntokens, &len)) != PRECIS_OK ||
            (st = add_spelling(&kw->set, o->phrase, kw->key, len, 1)) != PRECIS_OK)
            return st;
    }
    kw->nevery = 0;
    kw->defer_spellings = 0;
    return PRECIS_OK;
}

/* A document of a spaced script, read piece by piece. */
static precis_status add_spaced(kw_doc *d, const precis_span *spans, size_t n,
                                const precis_corpus_df *corpus)
{
    precis_keyworder *kw = d->kw;
    precis_keyword_set *s = &kw->set;
    precis_status st = PRECIS_OK;
    size_t total = 0;
    kw->ntokens = 0;
    kw->nterms = 0;
    kw->ndoc_phrases = 0;
    for (size_t i = 0; i < n && st == PRECIS_OK; i++) {
        size_t pos = spans[i].start;
        while (pos < spans[i].end && st == PRECIS_OK) {
            if ((st = scan_sentence(d, pos, spans[i].end, &pos)) != PRECIS_OK)
                break;
            if (kw->ntokens < PRECIS_KEYWORD_PIECE)
                continue;
            if ((kw->defer_spellings && (st = stop_deferring(kw, d->text)) != PRECIS_OK) ||
                (st = add_piece(d, corpus)) != PRECIS_OK)
                break;
            total += kw->ntokens;
            kw->ntokens = 0;
            kw->nterms = 0;
        }
    }
    if (st == PRECIS_OK && kw->ntokens > 0) {
        st = add_piece(d, corpus);
        total += kw->ntokens;
    }
    /* The pieces' scores, weighed by their tokens, become the document's,
     * which sum to 1. */
    for (size_t k = 0; k < kw->ndoc_phrases; k++) {
        uint32_t id = kw->doc_phrases[k];
        if (st == PRECIS_OK && total > 0)
            s->score[id] += s->doc_score[id] / (double)total;
        s->doc_score[id] = 0.0;
    }
    s->words_by_lang[d->lang] += total;
    return st;
}

/* A document of an unspaced script: the candidates of ngrams.h. */
static precis_status add_unspaced(kw_doc *d, const precis_span *spans, size_t n)
{
    precis_keyworder *kw = d->kw;
    precis_ngrams *g = &kw->ngrams;
    size_t units;
    precis_status st = precis_ngrams_find(g, d->text, spans, n, d->lang, &units);
    if (st != PRECIS_OK)
        return st;
    kw->set.words_by_lang[d->lang] += units;
    double total = 0.0;
    for (size_t k = 0; k < g->nfound; k++)
        total += g->found[k].score;
    for (size_t k = 0; k < g->nfound; k++) {
        const precis_ngram *f = &g->found[k];
        size_t len = f->end - f->start;
        if (reserve_key(kw, len + 4) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        kw->key[0] = UNSPACED_PHRASE;
        memcpy(kw->key + 1, d->text + f->start, len);
        uint32_t id;
        if ((st = phrase_id(&kw->set, kw->key, len + 1, &id)) != PRECIS_OK)
            return st;
        memcpy(kw->key + 4, d->text + f->start, len);
        if ((st = add_spelling(&kw->set, id, kw->key, len + 4, f->count)) != PRECIS_OK)
            return st;
        first_in_document(&kw->set, id);
        if (total > 0.0)
            kw->set.score[id] += f->score / total;
    }
    return PRECIS_OK;
}

precis_status precis_keyworder_add(precis_keyworder *kw, const char *text,
                                   const precis_span *spans, size_t n, int lang,
                                   const precis_stemmer *stemmer, precis_tokens *tok,
                                   const precis_corpus_df *corpus)
{
    kw_doc d = {kw, text, lang, (precis_languages[lang].flags & PRECIS_LANG_ELISION) != 0,
                stemmer, tok};
    precis_status st = precis_languages[lang].flags & PRECIS_LANG_UNSPACED
                           ? add_unspaced(&d, spans, n)
                           : add_spaced(&d, spans, n, corpus);
    kw->set.added++;
    return st;
}

/* ------------------------------------------------------------------ */
/* The best phrases                                                   */

static int compare_picks(const void *a, const void *b)
{
    const precis_ranked *x = a, *y = b;
    if (precis_ranked_before(x, y))
        return -1;
    return precis_ranked_before(y, x) ? 1 : 0;
}

precis_status precis_keyworder_best(precis_keyworder *kw, size_t k, precis_kw_pick *picks,
                                    size_t *count)
{
    const precis_keyword_set *s = &kw->set;
    size_t n = s->phrases.count, size = 0;
    *count = 0;
    if (k == 0 || n == 0)
        return PRECIS_OK;
    if (k > n)
        k = n;
    precis_ranked *heap = malloc(k * sizeof *heap);
    if (heap == NULL)
        return PRECIS_ERR_NOMEM;
    double documents = s->added > 0 ? (double)s->added : 1.0;
    /* The best k of the stream: the heap's root is the worst kept. Scores
     * are compared to PRECIS_KEYWORD_RESOLUTION, well above the ranking's
     * own error, so that phrases that tie in exact arithmetic tie here and
     * go in the order they were seen. */
    for (size_t id = 0; id < n; id++) {
        double score = s->score[id] / documents;
        precis_ranked r = {floor(score / PRECIS_KEYWORD_RESOLUTION + 0.5) *
                               PRECIS_KEYWORD_RESOLUTION,
                           id};
        if (size < k) {
            heap[size++] = r;
            if (size == k)
                precis_heap_make(heap, size, PRECIS_HEAP_WORST_FIRST);
        } else if (precis_ranked_before(&r, &heap[0])) {
            heap[0] = r;
            precis_heap_sift_down(heap, size, 0, PRECIS_HEAP_WORST_FIRST);
        }
    }
    qsort(heap, size, sizeof *heap, compare_picks);
    for (size_t i = 0; i < size; i++)
        picks[i] = (precis_kw_pick){(uint32_t)heap[i].index, heap[i].score};
    *count = size;
    free(heap);
    return PRECIS_OK;
}

precis_status precis_keyworder_spell(precis_keyworder *kw, const char *text,
                                     const precis_kw_pick *picks, size_t count)
{
    precis_keyword_set *s = &kw->set;
    if (!kw->defer_spellings)
        return PRECIS_OK;
    /* The document is done with: seen marks the picks now. */
    for (size_t i = 0; i < count; i++)
        s->seen[picks[i].phrase] = UINT64_MAX;
    for (size_t k = 0; k < kw->nevery; k++) {
        const precis_kw_occurrence *o = &kw->every[k];
        size_t len;
        precis_status st;
        if (s->seen[o->phrase] != UINT64_MAX)
            continue;
        if ((st = build_spelling(kw, text, o->token, o->token + o->ntokens, &len)) != PRECIS_OK ||
            (st = add_spelling(s, o->phrase, kw->key, len, 1)) != PRECIS_OK)
            return st;
    }
    return PRECIS_OK;
}

const char *precis_keyworder_spelling(const precis_keyworder *kw, uint32_t phrase, size_t *len)
{
    const char *key = precis_strtab_key(&kw->set.spellings, kw->set.best[phrase], len);
    *len -= 4;
    return key + 4;
}

int precis_keyworder_language(const precis_keyworder *kw, int lang_default)
{
    int best = lang_default;
    for (size_t i = 0; i < precis_language_total; i++)
        if (kw->set.words_by_lang[i] > kw->set.words_by_lang[best])
            best = (int)i;
    return best;
}

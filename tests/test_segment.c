/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_segment.c - sentence boundaries on the ordinary cases of news text,
 * in text without capitals or in capitals, datelines and titles.
 */
#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "segment.h"
#include "utf8.h"

#define MAX_SENTENCES 16

typedef struct split_case {
    const char *lang;
    const char *text;
    const char *expected[MAX_SENTENCES]; /* NULL-terminated */
} split_case;

static const split_case cases[] = {
    /* Terminators and runs of them */
    {"en", "The cat sat. The dog ran.", {"The cat sat.", "The dog ran."}},
    {"en", "Is it true? Yes it is!", {"Is it true?", "Yes it is!"}},
    {"en", "Really?! I had no idea.", {"Really?!", "I had no idea."}},
    {"en", "Stop!!! Please stop.", {"Stop!!!", "Please stop."}},
    {"en", "What?? Again?", {"What??", "Again?"}},
    {"en", "No terminator at the end", {"No terminator at the end"}},
    {"en", "One sentence only.", {"One sentence only."}},
    {"en", "Trailing spaces.   ", {"Trailing spaces."}},
    {"en", "   Leading spaces. Then more.", {"Leading spaces.", "Then more."}},
    {"en", "Tabs\tinside. Are fine.", {"Tabs\tinside.", "Are fine."}},
    /* Closing quotes and brackets after the terminator */
    {"en", "He said \"Stop.\" Then he left.", {"He said \"Stop.\"", "Then he left."}},
    {"en", "She asked, \u201cWhy?\u201d He shrugged.", {"She asked, \u201cWhy?\u201d", "He shrugged."}},
    {"en", "(This is an aside.) The story goes on.", {"(This is an aside.)", "The story goes on."}},
    {"en", "He left (slowly). Then she came.", {"He left (slowly).", "Then she came."}},
    {"en", "\"Why?\" he asked.", {"\"Why?\" he asked."}},
    {"en", "It was 'great.' Everyone agreed.", {"It was 'great.'", "Everyone agreed."}},
    {"en", "The end.] Next part.", {"The end.]", "Next part."}},
    {"en", "Quoted \u2018line.\u2019 Another line.", {"Quoted \u2018line.\u2019", "Another line."}},
    /* Abbreviations */
    {"en", "Mr. Smith went to Washington. He stayed.", {"Mr. Smith went to Washington.", "He stayed."}},
    {"en", "Dr. Jones and Mrs. Brown met. They talked.", {"Dr. Jones and Mrs. Brown met.", "They talked."}},
    {"en", "The U.S. Government said no. It was final.", {"The U.S. Government said no.", "It was final."}},
    {"en", "I live in the U.S. How about you?", {"I live in the U.S.", "How about you?"}},
    {"en", "Fruit, e.g. apples, is good. Eat it.", {"Fruit, e.g. apples, is good.", "Eat it."}},
    {"en", "Use i.e. the short form. Fine.", {"Use i.e. the short form.", "Fine."}},
    {"en", "He works at Acme Inc. The firm is big.", {"He works at Acme Inc.", "The firm is big."}},
    {"en", "He joined Acme Inc. last year.", {"He joined Acme Inc. last year."}},
    {"en", "It happened on Jan. 5 in the city.", {"It happened on Jan. 5 in the city."}},
    {"en", "Prof. Adams spoke. Gen. Lee listened.", {"Prof. Adams spoke.", "Gen. Lee listened."}},
    {"en", "See No. 5 on the list.", {"See No. 5 on the list."}},
    {"en", "Apples, pears, etc. are fruit.", {"Apples, pears, etc. are fruit."}},
    {"en", "Bring apples, pears, etc. The rest is fine.", {"Bring apples, pears, etc.", "The rest is fine."}},
    {"en", "Sen. Warren and Rep. Pelosi voted.", {"Sen. Warren and Rep. Pelosi voted."}},
    {"en", "St. Louis is in Missouri. It is big.", {"St. Louis is in Missouri.", "It is big."}},
    {"en", "The meeting is at 5 p.m. tomorrow.", {"The meeting is at 5 p.m. tomorrow."}},
    {"en", "The meeting ended at 5 p.m. The crowd left.", {"The meeting ended at 5 p.m.", "The crowd left."}},
    {"en", "She has a Ph.D. in physics.", {"She has a Ph.D. in physics."}},
    /* Initials */
    {"en", "J. K. Rowling wrote it. Fans loved it.", {"J. K. Rowling wrote it.", "Fans loved it."}},
    {"en", "George W. Bush spoke. The crowd cheered.", {"George W. Bush spoke.", "The crowd cheered."}},
    {"en", "It was written by E. B. White.", {"It was written by E. B. White."}},
    {"en", "He won World War I. The peace came.", {"He won World War I.", "The peace came."}},
    /* Numbers, decimals, prices */
    {"en", "Pi is 3.14 or so. It never ends.", {"Pi is 3.14 or so.", "It never ends."}},
    {"en", "It costs $5.99 today. Buy it.", {"It costs $5.99 today.", "Buy it."}},
    {"en", "Shares rose 2.5% on Monday. Bonds fell.", {"Shares rose 2.5% on Monday.", "Bonds fell."}},
    {"en", "He was 88. Best died in hospice.", {"He was 88.", "Best died in hospice."}},
    {"en", "The score was 3-1. 2015 was a good year.", {"The score was 3-1.", "2015 was a good year."}},
    {"en", "Version 2.0.1 is out. Update now.", {"Version 2.0.1 is out.", "Update now."}},
    {"en", "The budget is \u20ac1.5 billion. It grew.", {"The budget is \u20ac1.5 billion.", "It grew."}},
    /* Addresses and names with periods */
    {"en", "Visit www.example.com for more. It is free.", {"Visit www.example.com for more.", "It is free."}},
    {"en", "Write to jane.doe@example.org today. She answers.", {"Write to jane.doe@example.org today.", "She answers."}},
    {"en", "Open the file report.pdf now. Read it.", {"Open the file report.pdf now.", "Read it."}},
    /* Ellipses */
    {"en", "He paused... then he left.", {"He paused... then he left."}},
    {"en", "He waited... The door opened.", {"He waited...", "The door opened."}},
    {"en", "So it goes\u2026 Nobody knows.", {"So it goes\u2026", "Nobody knows."}},
    /* Lower case after a terminator does not start a sentence */
    {"en", "Yahoo! is a company. It is old.", {"Yahoo! is a company.", "It is old."}},
    /* Line breaks */
    {"en", "First paragraph.\n\nSecond paragraph.", {"First paragraph.", "Second paragraph."}},
    {"en", "No period here\n\nNew paragraph", {"No period here", "New paragraph"}},
    {"en", "The quick brown fox jumps over\nthe lazy dog. It barked.", {"The quick brown fox jumps over\nthe lazy dog.", "It barked."}},
    {"en", "The president of the\nUnited States spoke today.", {"The president of the\nUnited States spoke today."}},
    {"en", "Storm Warning\nThe storm hit the coast on Monday night and left.", {"Storm Warning", "The storm hit the coast on Monday night and left."}},
    {"en", "Line one is a sentence.\nLine two is another one.\nLine three ends it.", {"Line one is a sentence.", "Line two is another one.", "Line three ends it."}},
    {"en", "Windows line ends.\r\n\r\nNext paragraph.", {"Windows line ends.", "Next paragraph."}},
    {"en", "Old Mac line ends.\r\rNext paragraph.", {"Old Mac line ends.", "Next paragraph."}},
    {"en", "Items:\n- first item\n- second item", {"Items:", "- first item", "- second item"}},
    {"en", "Steps\n1. Open the box\n2. Take it out", {"Steps", "1. Open the box", "2. Take it out"}},
    {"en", "A heading\n\nThe body sentence is here.", {"A heading", "The body sentence is here."}},
    {"en", "Share this\nThe minister rejected the request on Thursday, officials said.\nThe talks went on for hours and nobody left the room at all.", {"Share this", "The minister rejected the request on Thursday, officials said.", "The talks went on for hours and nobody left the room at all."}},
    {"en", "Paragraph one.\u2029Paragraph two.", {"Paragraph one.", "Paragraph two."}},
    /* Glued paragraphs */
    {"fr", "Il neige dans les Pyr\u00e9n\u00e9es.Alors que la saison commence.", {"Il neige dans les Pyr\u00e9n\u00e9es.", "Alors que la saison commence."}},
    {"fr", "Le pire les attend (38%).C'est aussi en Italie.", {"Le pire les attend (38%).", "C'est aussi en Italie."}},
    {"fr", "M. Dupont est venu. Il est reparti.", {"M. Dupont est venu.", "Il est reparti."}},
    {"en", "Numbers like 1.5 stay whole.Next sentence here.", {"Numbers like 1.5 stay whole.", "Next sentence here."}},
    /* Lists and markers at the start of a sentence */
    {"en", "1. The first point is here. 2. The second one.", {"1. The first point is here.", "2. The second one."}},
    /* Only punctuation or nothing */
    {"en", "", {NULL}},
    {"en", "   \n\n  \t ", {NULL}},
    {"en", "... !!! ???", {NULL}},
    {"en", "Words. ... More words.", {"Words.", "... More words."}},
    /* Other scripts */
    {"en", "\u4eca\u5929\u5929\u6c14\u5f88\u597d\u3002\u6211\u4eec\u53bb\u516c\u56ed\u5427\uff01", {"\u4eca\u5929\u5929\u6c14\u5f88\u597d\u3002", "\u6211\u4eec\u53bb\u516c\u56ed\u5427\uff01"}},
    {"en", "\u00bfQu\u00e9 pasa? \u00a1Nada!", {"\u00bfQu\u00e9 pasa?", "\u00a1Nada!"}},
    {"en", "\u00ab Il est parti. \u00bb Elle reste.", {"\u00ab Il est parti. \u00bb", "Elle reste."}},
    {"en", "\u201eDas ist gut.\u201c Er ging.", {"\u201eDas ist gut.\u201c", "Er ging."}},
    /* A name that starts with a small letter is as good as a capital */
    {"en", "He bought a new phone. iPhone sales rose again this year.", {"He bought a new phone.", "iPhone sales rose again this year."}},
    /* Datelines are cut off the sentence they open */
    {"en", "WASHINGTON (AP) -- The Senate voted on Tuesday. It passed.", {"WASHINGTON (AP) --", "The Senate voted on Tuesday.", "It passed."}},
    {"en", "(CNN)James Best died on Monday. He was 88.", {"(CNN)", "James Best died on Monday.", "He was 88."}},
    {"en", "Los Angeles, April 5 (Xinhua) -- Duckie still has moves.", {"Los Angeles, April 5 (Xinhua) --", "Duckie still has moves."}},
    {"en", "(NYT28) NEW YORK -- Oct. 20, 1999 -- ADV. The storm came.", {"(NYT28) NEW YORK -- Oct. 20, 1999 --", "ADV.", "The storm came."}},
    {"en", "Apple (AAPL) shares rose. They fell later.", {"Apple (AAPL) shares rose.", "They fell later."}},
    /* Section titles on a line of their own, in any case */
    {"en", "2.1 Study sites\nWe sampled ten sites along the river in the spring of each year.", {"2.1 Study sites", "We sampled ten sites along the river in the spring of each year."}},
    {"en", "The rivers were sampled twice a year over ten years in all.\nResults\nThe samples showed no change.", {"The rivers were sampled twice a year over ten years in all.", "Results", "The samples showed no change."}},
    /* Text without capitals: what follows a terminator decides */
    {"en", "the council met on monday. it approved the budget for next year. mr. smith voted against it.", {"the council met on monday.", "it approved the budget for next year.", "mr. smith voted against it."}},
    {"en", "prices rose in the u.s. and canada last year. the rise was small, officials said.", {"prices rose in the u.s. and canada last year.", "the rise was small, officials said."}},
    {"en", "she moved to the u.s. the move was hard for her family at first.", {"she moved to the u.s.", "the move was hard for her family at first."}},
    {"en", "was it true? nobody knew the answer at the time of the vote.", {"was it true?", "nobody knew the answer at the time of the vote."}},
    {"en", "see fig. 3 for the details of the method. the results follow below.", {"see fig. 3 for the details of the method.", "the results follow below."}},
    {"en", "visit www.example.com for the details of the plan. it is free of charge.", {"visit www.example.com for the details of the plan.", "it is free of charge."}},
    {"en", "the first line ends here.\nthe second line ends here.\nand the third one too.", {"the first line ends here.", "the second line ends here.", "and the third one too."}},
    {"fr", "il neige dans les pyr\u00e9n\u00e9es.alors que la saison commence \u00e0 peine.", {"il neige dans les pyr\u00e9n\u00e9es.", "alors que la saison commence \u00e0 peine."}},
    /* Titles after an opening quote of TeX or tokenised text, and in the plural */
    {"en", "``Mr. President, I object,'' he said. They agreed.", {"``Mr. President, I object,'' he said.", "They agreed."}},
    {"en", "They included Reps. David McIntosh and Sens. John Kerry of the party.", {"They included Reps. David McIntosh and Sens. John Kerry of the party."}},
    {"en", "THE COUNCIL MET ON MONDAY. MR. SMITH VOTED AGAINST IT. THE U.S. GOVERNMENT SAID NO.", {"THE COUNCIL MET ON MONDAY.", "MR. SMITH VOTED AGAINST IT.", "THE U.S. GOVERNMENT SAID NO."}},
};

/* Runs one case; prints what differs and returns 0 on a mismatch. */
static int run_case(const split_case *c)
{
    precis_segmenter seg = {0};
    int lang = precis_lang_find(c->lang);
    assert_true(lang >= 0);
    assert_int_equal(precis_segment(&seg, c->text, strlen(c->text), lang), PRECIS_OK);
    size_t expected = 0;
    while (c->expected[expected] != NULL)
        expected++;
    int ok = seg.count == expected;
    for (size_t i = 0; ok && i < expected; i++) {
        size_t len = seg.spans[i].end - seg.spans[i].start;
        ok = len == strlen(c->expected[i]) &&
             memcmp(c->text + seg.spans[i].start, c->expected[i], len) == 0;
    }
    if (!ok) {
        print_error("text: [%s]\n", c->text);
        for (size_t i = 0; i < expected; i++)
            print_error("  want [%s]\n", c->expected[i]);
        for (size_t i = 0; i < seg.count; i++)
            print_error("  got  [%.*s]\n", (int)(seg.spans[i].end - seg.spans[i].start),
                        c->text + seg.spans[i].start);
    }
    precis_segmenter_free(&seg);
    return ok;
}

static void test_table(void **state)
{
    (void)state;
    size_t failures = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        failures += !run_case(&cases[i]);
    assert_int_equal(failures, 0);
}

static void test_case_count(void **state)
{
    (void)state;
    assert_true(sizeof cases / sizeof cases[0] >= 60);
}

static void test_flags(void **state)
{
    (void)state;
    const char *text = "Ad sales boost profit\n\nThe company said sales rose. Profits too.";
    precis_segmenter seg = {0};
    assert_int_equal(precis_segment(&seg, text, strlen(text), precis_lang_find("en")), PRECIS_OK);
    assert_int_equal(seg.count, 3);
    assert_true(seg.spans[0].flags & PRECIS_SPAN_HEADING);
    assert_true(seg.spans[0].flags & PRECIS_SPAN_PARAGRAPH_START);
    assert_false(seg.spans[1].flags & PRECIS_SPAN_HEADING);
    assert_true(seg.spans[1].flags & PRECIS_SPAN_PARAGRAPH_START);
    assert_false(seg.spans[2].flags & PRECIS_SPAN_PARAGRAPH_START);
    precis_segmenter_free(&seg);
}

/* Titles: a paragraph of one line that ends open, whatever its last word
 * or case; the first one of a text also when it asks a question; datelines
 * are flagged. */
static void test_title_flags(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *text;
        uint32_t flags0;
    } cases[] = {
        {"en", "Will the Budget bring out smiling voters?\n\nThe budget is due on Wednesday.",
         PRECIS_SPAN_HEADING},
        {"de", "Bahn k\u00fcndigt Milliardenprogramm f\u00fcr marode Br\u00fccken an\n\n"
               "Die Bahn will bis 2030 mehr Geld in ihre Br\u00fccken stecken.",
         PRECIS_SPAN_HEADING},
        {"en", "data collection\n\nWe collected the data over two years in four towns.",
         PRECIS_SPAN_HEADING},
        {"en", "learning networks from short series\n\nwe propose a scoring rule for it.",
         PRECIS_SPAN_HEADING},
        {"en", "NEW YORK (AP) -- The market fell on Monday.", PRECIS_SPAN_DATELINE},
        /* A question in the middle of a text is no title. */
        {"en", "The budget is due.\n\nWill it bring out smiling voters?\n\nNobody knows.", 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        precis_segmenter seg = {0};
        const char *text = cases[k].text;
        assert_int_equal(precis_segment(&seg, text, strlen(text), precis_lang_find(cases[k].lang)),
                         PRECIS_OK);
        size_t at = cases[k].flags0 == 0 ? 1 : 0;
        assert_true(seg.count > at);
        uint32_t mask = PRECIS_SPAN_HEADING | PRECIS_SPAN_DATELINE;
        if ((seg.spans[at].flags & mask) != cases[k].flags0) {
            print_error("case %zu: flags %u\n", k, (unsigned)seg.spans[at].flags);
            fail();
        }
        precis_segmenter_free(&seg);
    }
}

/* The letter case of a text is judged once, on its first bytes. */
static void test_letter_case(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int letter_case;
    } cases[] = {
        {"The Council met on Monday and approved the budget.", PRECIS_CASE_MIXED},
        {"the council met on monday and approved the budget.", PRECIS_CASE_LOWER},
        {"THE COUNCIL MET ON MONDAY AND APPROVED THE BUDGET.", PRECIS_CASE_UPPER},
        {"ok. fine.", PRECIS_CASE_MIXED}, /* too few letters to say */
        {"\u4eca\u5929\u5929\u6c14\u5f88\u597d\u3002\u6211\u4eec\u53bb\u516c\u56ed\u5427",
         PRECIS_CASE_MIXED},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        precis_segmenter seg = {0};
        assert_int_equal(precis_segment(&seg, cases[k].text, strlen(cases[k].text),
                                        precis_lang_find("en")),
                         PRECIS_OK);
        assert_int_equal(seg.letter_case, cases[k].letter_case);
        precis_segmenter_free(&seg);
    }
}

/* Lines are measured eight bytes at a time where they are plain ASCII: the
 * capitals of the case sample (1% of the letters at most: lower case) at
 * every offset, up to the sample's end at 64 KiB and past it, and the
 * words of a heading (at most 15) however the spaces fall. */
static void test_line_counts(void **state)
{
    (void)state;
    /* 2,000 letters, 20 of them capitals: lower case; 21: mixed. */
    for (size_t shift = 0; shift < 8; shift++) {
        for (int capitals = 20; capitals <= 21; capitals++) {
            char text[4000];
            size_t n = 0;
            for (size_t k = 0; k < shift; k++)
                text[n++] = ' ';
            for (int letters = 0; letters < 2000; letters++) {
                text[n++] = letters % 97 == 5 && letters / 97 < capitals ? 'Q' : 'q';
                if (letters % 5 == 4)
                    text[n++] = letters % 3 ? ' ' : '.';
            }
            precis_segmenter seg = {0};
            assert_int_equal(precis_segment(&seg, text, n, precis_lang_find("en")), PRECIS_OK);
            assert_int_equal(seg.letter_case,
                             capitals == 20 ? PRECIS_CASE_LOWER : PRECIS_CASE_MIXED);
            precis_segmenter_free(&seg);
        }
    }
    /* Capitals past the sample do not count, whichever byte it ends in. */
    for (size_t shift = 0; shift < 9; shift++) {
        size_t n = 65536 + 4096;
        char *text = malloc(n);
        assert_non_null(text);
        for (size_t k = 0; k < n; k++)
            text[k] = k % 6 == 5 ? ' ' : k < 65536 - shift ? 'x' : 'X';
        precis_segmenter seg = {0};
        assert_int_equal(precis_segment(&seg, text, n, precis_lang_find("en")), PRECIS_OK);
        assert_int_equal(seg.letter_case, PRECIS_CASE_LOWER);
        precis_segmenter_free(&seg);
        free(text);
    }
    static const struct {
        const char *text;
        int heading;
    } lines[] = {
        {"It starts.\n\nOne two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen\n\nThe rest follows here.",
         1},
        {"It starts.\n\nOne two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen\n\nThe rest follows here.",
         0},
        {"It starts.\n\nOne  two   three    four     five six seven eight nine ten eleven "
         "twelve thirteen fourteen    fifteen\n\nThe rest follows here.",
         1},
        {"It starts.\n\nOne two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen!\n\nThe rest follows here.",
         0},
    };
    for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
        precis_segmenter seg = {0};
        assert_int_equal(precis_segment(&seg, lines[k].text, strlen(lines[k].text),
                                        precis_lang_find("en")),
                         PRECIS_OK);
        assert_int_equal(seg.count, 3);
        if (!(seg.spans[1].flags & PRECIS_SPAN_HEADING) != !lines[k].heading) {
            print_error("line %zu: flags %u\n", k, (unsigned)seg.spans[1].flags);
            fail();
        }
        precis_segmenter_free(&seg);
    }
}

/* Runs of plain prose are skipped eight bytes at a time: a quotation, a
 * terminator and an inline list marker are found at every offset. */
static void test_marks_at_every_offset(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t count;
    } cases[] = {
        {"said it, she thinks. \"We won, we think. We go,\" he said. Then they all left.", 3},
        {"steps follow. 1) open the box 2) take out the parts 3) read it.", 4},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        for (size_t shift = 0; shift <= 8; shift++) {
            char text[200] = "Maryanne";
            snprintf(text + shift, sizeof text - shift, " %s", cases[k].text);
            precis_segmenter seg = {0};
            assert_int_equal(precis_segment(&seg, text, strlen(text), precis_lang_find("en")),
                             PRECIS_OK);
            if (seg.count != cases[k].count) {
                print_error("%s: %zu sentences\n", text, seg.count);
                fail();
            }
            precis_segmenter_free(&seg);
        }
    }
}

/* Texts from pieces that put the splitter's single pass to work: words,
 * terminators, quotes, brackets, line breaks of every kind, white space
 * from U+0080 up, list markers, invalid bytes. */
static const char *const hostile_pieces[] = {
    "word", "The", "said", "U.S.", "Dr.", " ", "  ", "\t", ".", "!", "?", ";", ":", "...",
    ". . .", "\u2026", "\u3002", "\uff01", "\"", "'", "(", ")", "[", "]", "{", "}",
    "\u201c", "\u201d", "\u2019", "\u00ab", "\u00bb", "\u300c", "\u300d", "\n", "\n\n",
    "\r\n", "\r", "\v", "\f", "\xc2\x85", "\u2028", "\u2029", "\u00a0", "\u3000", "1) ",
    " 2) ", "a. ", "\u2022 ", "-- ", "\u00e9t\u00e9", "\u4eca\u5929", "\xff", "\x80",
    "\xe2\x80", "\xc2", "\x01", "Methods\n", "\xef\xbb\xbf", "\xc2\xa0\n",
};

static uint64_t next_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* A text of up to max - 8 bytes from the pieces; it starts with a word. */
static size_t hostile_text(uint64_t *rng, char *text, size_t max)
{
    size_t count = sizeof hostile_pieces / sizeof hostile_pieces[0];
    size_t n = 0, want = next_random(rng) % (max - 8);
    memcpy(text, "Lead ", 5);
    n = 5;
    while (n < want) {
        const char *piece = hostile_pieces[next_random(rng) % count];
        /* Plain words in runs, so that eight-byte blocks of ASCII occur. */
        if (next_random(rng) % 3 == 0)
            piece = "plain prose runs on ";
        size_t len = strlen(piece);
        if (piece[0] == '\0' || n + len > want)
            break;
        memcpy(text + n, piece, len);
        n += len;
    }
    return n;
}

/* Line breaks as the splitter knows them: the break's length at text[i],
 * 0 for none. */
static size_t reference_break(const char *text, size_t len, size_t i, int *hard)
{
    const unsigned char *u = (const unsigned char *)text;
    *hard = u[i] == '\f' || (i + 2 < len && u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] == 0xA9);
    if (u[i] == '\n' || u[i] == '\v' || u[i] == '\f')
        return 1;
    if (u[i] == '\r')
        return i + 1 < len && u[i + 1] == '\n' ? 2 : 1;
    if (i + 1 < len && u[i] == 0xC2 && u[i + 1] == 0x85)
        return 2;
    if (i + 2 < len && u[i] == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
        return 3;
    return 0;
}

/* The lines of an English text as a plain reference finds them, a code
 * point at a time, and the text's letter case; compared with what the
 * splitter's one pass measured. */
static void check_lines(const char *text, size_t len, const precis_segmenter *seg)
{
    size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t n = 0, pos = bom, upper = 0, lower = 0;
    int previous_blank = 0;
    for (;;) {
        size_t i = pos, brk = 0;
        int hard = 0;
        while (i < len && (brk = reference_break(text, len, i, &hard)) == 0)
            i++;
        size_t s = pos, e = i;
        while (s < e) {
            size_t next = s;
            if (!precis_is_space(precis_utf8_next(text, e, &next)))
                break;
            s = next;
        }
        while (e > s) {
            size_t prev;
            if (!precis_is_space(precis_utf8_prev(text, e, &prev)))
                break;
            e = prev;
        }
        if (s != e || n == 0 || !previous_blank) {
            uint32_t width = 0;
            size_t words = 0;
            int in_word = 0, terminator = 0;
            for (size_t at = s; at < e; width++) {
                int32_t cp = precis_utf8_next(text, e, &at);
                terminator |= cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 ||
                              cp == 0x3002 || cp == 0xFF01;
                upper += precis_is_upper(cp) != 0;
                lower += precis_is_lower(cp) != 0;
            }
            for (size_t b = s; b < e; b++) {
                int space = precis_is_space((unsigned char)text[b]);
                words += !space && !in_word;
                in_word = !space;
            }
            assert_true(n < seg->lines_cap);
            const precis_line *line = &seg->lines[n];
            if (line->start != s || line->end != e || line->width != width ||
                line->words != (words > 256 ? 256 : words) || line->blank != (s == e) ||
                line->hard_after != hard || line->has_terminator != terminator) {
                print_error("line %zu: [%zu, %zu) width %u words %u, expected [%zu, %zu) "
                            "width %u words %zu\n",
                            n, line->start, line->end, line->width, line->words, s, e, width,
                            words);
                fail();
            }
            previous_blank = s == e;
            n++;
        }
        if (i >= len)
            break;
        pos = i + brk;
    }
    int letter_case = upper + lower < 20 ? PRECIS_CASE_MIXED
                      : upper * 100 <= upper + lower ? PRECIS_CASE_LOWER
                      : lower * 100 <= upper + lower ? PRECIS_CASE_UPPER
                                                     : PRECIS_CASE_MIXED;
    assert_int_equal(seg->letter_case, letter_case);
}

/* The one pass that measures lines, eight bytes at a time where it can,
 * against the plain reference above, on hostile texts in every case. */
static void test_lines_match_reference(void **state)
{
    (void)state;
    uint64_t rng = 0x9E3779B97F4A7C15ULL;
    char text[700];
    precis_segmenter seg = {0};
    for (int round = 0; round < 3000; round++) {
        size_t len = hostile_text(&rng, text, sizeof text);
        for (size_t k = 0; round % 3 != 0 && k < len; k++) {
            if (round % 3 == 1 && text[k] >= 'A' && text[k] <= 'Z')
                text[k] = (char)(text[k] + 32);
            if (round % 3 == 2 && text[k] >= 'a' && text[k] <= 'z')
                text[k] = (char)(text[k] - 32);
        }
        assert_int_equal(precis_segment(&seg, text, len, precis_lang_find("en")), PRECIS_OK);
        check_lines(text, len, &seg);
    }
    precis_segmenter_free(&seg);
}

/* Long lines of long words, so that the eight-byte blocks run past the
 * 255 whose counts are summed at once, with fewer than 256 words a line
 * (their exact count is kept), and capitals around the case thresholds:
 * exactly 1% of the letters or one more, at the start or past the first
 * 255 blocks, or spread at random. */
static void test_long_lines_match_reference(void **state)
{
    (void)state;
    uint64_t rng = 0x6A09E667F3BCC909ULL;
    char text[12000];
    precis_segmenter seg = {0};
    for (int round = 0; round < 400; round++) {
        size_t len = 0, letters = 0;
        int lines = 1 + (int)(next_random(&rng) % 3);
        unsigned percent = (unsigned)(next_random(&rng) % 4) * 33; /* capitals at random */
        for (int l = 0; l < lines; l++) {
            size_t line_len = 2100 + next_random(&rng) % 1000;
            for (size_t start = len; len - start < line_len;) {
                size_t word = 12 + next_random(&rng) % 9;
                for (size_t k = 0; k < word; k++, letters++)
                    text[len++] = (char)('a' + next_random(&rng) % 26);
                if (next_random(&rng) % 16 == 0)
                    text[len++] = ".,;!?'"[next_random(&rng) % 6];
                text[len++] = ' ';
                if (next_random(&rng) % 8 == 0)
                    text[len++] = ' ';
            }
            text[len++] = '\n';
        }
        /* Capitals: at random (round % 3 == 0), or exactly 1% (+ 1 every
         * other round) early or late in the text. */
        size_t capitals = round % 3 == 0 ? 0 : letters / 100 + (size_t)(round % 2);
        size_t from = round % 3 == 1 ? 0 : 2100;
        for (size_t i = 0; i < len; i++) {
            int letter = text[i] >= 'a' && text[i] <= 'z';
            if (letter && round % 3 == 0 && next_random(&rng) % 100 < percent)
                text[i] = (char)(text[i] - 32);
            if (letter && round % 3 != 0 && i >= from && capitals > 0) {
                text[i] = (char)(text[i] - 32);
                capitals--;
            }
        }
        assert_true(len < sizeof text);
        assert_int_equal(precis_segment(&seg, text, len, precis_lang_find("en")), PRECIS_OK);
        check_lines(text, len, &seg);
    }
    precis_segmenter_free(&seg);
}

/* A block of eight bytes is taken in up to its first byte past printable
 * ASCII (a letter with an accent, a line break, a control byte): lines,
 * words, case and the marks of ASCII punctuation against the plain
 * reference with that byte at every offset, alone or two bytes apart. */
static void test_blocks_cut_at_every_offset(void **state)
{
    (void)state;
    static const char base[] = "Plain words, then (some) \"quotes\"; it's: ok. Next [one] {two}! "
                               "Why? Up-to-date TEXT ends here";
    static const char *const cuts[] = {"\u00e9", "\u00a0", "\n", "\t", "\x01", "\u00ab",
                                       "\u2026", "\u3002", "\r\n", "\u00c9t\u00e9"};
    static const unsigned char punctuation[] = ".!?;:\"'()[]{}";
    char text[256];
    precis_segmenter seg = {0};
    size_t base_len = sizeof base - 1;
    for (size_t c = 0; c < sizeof cuts / sizeof cuts[0]; c++) {
        size_t cut = strlen(cuts[c]);
        for (size_t at = 0; at <= base_len; at++) {
            for (size_t gap = 0; gap <= 3; gap++) {
                size_t second = at + gap < base_len ? at + gap : base_len;
                size_t len = 0;
                memcpy(text, base, at);
                len = at;
                memcpy(text + len, cuts[c], cut);
                len += cut;
                memcpy(text + len, base + at, second - at);
                len += second - at;
                if (gap > 0) {
                    memcpy(text + len, cuts[c], cut);
                    len += cut;
                }
                memcpy(text + len, base + second, base_len - second);
                len += base_len - second;
                assert_int_equal(precis_segment(&seg, text, len, precis_lang_find("en")),
                                 PRECIS_OK);
                check_lines(text, len, &seg);
                for (size_t b = 0; b < len; b++) {
                    unsigned char byte = (unsigned char)text[b];
                    if (byte >= 0x80)
                        continue;
                    int want = byte != 0 && memchr(punctuation, byte, sizeof punctuation - 1);
                    int got = (int)(seg.marks[b >> 6] >> (b & 63) & 1);
                    if (got != want) {
                        print_error("byte %zu ('%c') of cut %zu at %zu: mark %d\n", b, byte, c,
                                    at, got);
                        fail();
                    }
                }
            }
        }
    }
    precis_segmenter_free(&seg);
}

/* The word before a position, a code point at a time: what
 * precis_word_before finds with its ASCII loop. */
static precis_word_ref reference_word_before(const char *text, size_t floor, size_t end)
{
    precis_word_ref w = {end, end, 0, 0};
    while (w.start > floor) {
        size_t prev;
        int32_t cp = precis_utf8_prev(text, w.start, &prev);
        if (precis_is_space(cp))
            break;
        if (end - prev > PRECIS_LOOK_LIMIT) {
            w.truncated = 1;
            break;
        }
        w.start = prev;
    }
    for (;;) {
        size_t next = w.start;
        int32_t cp = next < w.end ? precis_utf8_next(text, w.end, &next) : 0;
        if (!precis_is_opening(cp) && cp != '`')
            break;
        w.start = next;
    }
    return w;
}

/* precis_word_before against the reference at every end and floors before
 * it, on hostile texts and on texts of long words (past PRECIS_LOOK_LIMIT,
 * with periods, apostrophes, quotes and multibyte letters): the same word,
 * and a word said to be plain holds no '.', no '\'' and no byte from
 * 0x80 up. */
static void test_word_before_matches_reference(void **state)
{
    (void)state;
    static const char *const pieces[] = {"a", "Z9", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ".", "'",
                                         " ", "\t", "\n", "(", "\"", "`", "\u201c", "\u2019",
                                         "\u00e9", "\u00a0", "\u3000", "\xff", "\x80", "-"};
    uint64_t rng = 0x2545F4914F6CDD1DULL;
    char text[300];
    for (int round = 0; round < 2000; round++) {
        size_t len;
        if (round % 2 == 0) {
            len = hostile_text(&rng, text, sizeof text);
        } else {
            len = 0;
            for (;;) {
                const char *piece = pieces[next_random(&rng) % (sizeof pieces / sizeof pieces[0])];
                size_t n = strlen(piece);
                if (len + n > sizeof text)
                    break;
                memcpy(text + len, piece, n);
                len += n;
            }
        }
        for (size_t end = 0; end <= len; end++) {
            size_t floors[] = {0, end / 2, end > 70 ? end - 70 : 0, end > 3 ? end - 3 : 0, end};
            for (size_t k = 0; k < sizeof floors / sizeof floors[0]; k++) {
                precis_word_ref got = precis_word_before(text, floors[k], end);
                precis_word_ref want = reference_word_before(text, floors[k], end);
                if (got.start != want.start || got.end != want.end ||
                    got.truncated != want.truncated)
                    fail_msg("round %d, floor %zu, end %zu: [%zu, %zu) %d, want [%zu, %zu) %d",
                             round, floors[k], end, got.start, got.end, got.truncated,
                             want.start, want.end, want.truncated);
                for (size_t i = got.start; got.plain && i < got.end; i++)
                    if (text[i] == '.' || text[i] == '\'' || (unsigned char)text[i] >= 0x80)
                        fail_msg("round %d, end %zu: a plain word holds byte %zu", round, end, i);
            }
        }
    }
}

/* Where the eight-byte blocks and the 64-byte words of marks fall changes
 * no boundary: a hostile text after 0 to 70 spaces splits into the same
 * sentences, moved by as many bytes. */
static void test_spans_at_every_alignment(void **state)
{
    (void)state;
    uint64_t rng = 0xD1B54A32D192ED03ULL;
    char text[500], shifted[600];
    precis_segmenter seg = {0}, moved = {0};
    for (int round = 0; round < 300; round++) {
        size_t len = hostile_text(&rng, text, sizeof text);
        assert_int_equal(precis_segment(&seg, text, len, precis_lang_find("en")), PRECIS_OK);
        for (size_t shift = 1; shift <= 70; shift++) {
            memset(shifted, ' ', shift);
            memcpy(shifted + shift, text, len);
            assert_int_equal(precis_segment(&moved, shifted, len + shift, precis_lang_find("en")),
                             PRECIS_OK);
            assert_int_equal(moved.count, seg.count);
            for (size_t k = 0; k < seg.count; k++) {
                assert_int_equal(moved.spans[k].start, seg.spans[k].start + shift);
                assert_int_equal(moved.spans[k].end, seg.spans[k].end + shift);
                assert_int_equal(moved.spans[k].flags, seg.spans[k].flags);
            }
        }
    }
    precis_segmenter_free(&seg);
    precis_segmenter_free(&moved);
}

/* Offsets stay inside the input and move forward, whatever the bytes. */
static void test_invalid_utf8(void **state)
{
    (void)state;
    const char text[] = "Bad \xff\xfe bytes. More \xc3 here.\x80 End \xed\xa0\x80.";
    precis_segmenter seg = {0};
    assert_int_equal(precis_segment(&seg, text, sizeof text - 1, precis_lang_find("en")),
                     PRECIS_OK);
    assert_true(seg.count >= 2);
    size_t last = 0;
    for (size_t i = 0; i < seg.count; i++) {
        assert_true(seg.spans[i].start >= last);
        assert_true(seg.spans[i].end > seg.spans[i].start);
        assert_true(seg.spans[i].end <= sizeof text - 1);
        last = seg.spans[i].end;
    }
    precis_segmenter_free(&seg);
}

/* The input need not be NUL-terminated: only len bytes are read. */
static void test_not_nul_terminated(void **state)
{
    (void)state;
    const char source[] = "One. Two. Three.";
    char *text = malloc(9);
    assert_non_null(text);
    memcpy(text, source, 9); /* "One. Two." with no terminator byte */
    precis_segmenter seg = {0};
    assert_int_equal(precis_segment(&seg, text, 9, precis_lang_find("en")), PRECIS_OK);
    assert_int_equal(seg.count, 2);
    assert_int_equal(seg.spans[1].end, 9);
    precis_segmenter_free(&seg);
    free(text);
}

static void test_reuse(void **state)
{
    (void)state;
    precis_segmenter seg = {0};
    int en = precis_lang_find("en");
    assert_int_equal(precis_segment(&seg, "A b. C d. E f.", 14, en), PRECIS_OK);
    assert_int_equal(seg.count, 3);
    assert_int_equal(precis_segment(&seg, "G h.", 4, en), PRECIS_OK);
    assert_int_equal(seg.count, 1);
    assert_int_equal(precis_segment(&seg, "", 0, en), PRECIS_OK);
    assert_int_equal(seg.count, 0);
    precis_segmenter_free(&seg);
    precis_segmenter_free(&seg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_count),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_title_flags),
        cmocka_unit_test(test_letter_case),
        cmocka_unit_test(test_line_counts),
        cmocka_unit_test(test_marks_at_every_offset),
        cmocka_unit_test(test_lines_match_reference),
        cmocka_unit_test(test_long_lines_match_reference),
        cmocka_unit_test(test_blocks_cut_at_every_offset),
        cmocka_unit_test(test_word_before_matches_reference),
        cmocka_unit_test(test_spans_at_every_alignment),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_not_nul_terminated),
        cmocka_unit_test(test_reuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_read_email.c - the e-mail reader on messages written for it
 * (tests/data/email): the sender's prose kept; quotations, attributions,
 * signatures, disclaimers, footers and Outlook blocks dropped; parts
 * chosen, decoded and converted; the subject; the map (every kept line of
 * an 8bit part maps to itself); sniffing; and hostile messages.
 *
 * usage: test_read_email DATA_DIR         the unit tests
 *        test_read_email --hostile CASE   one hostile message (meson gives
 *                                         each its own process and timeout)
 */
#define _POSIX_C_SOURCE 200809L

#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "read_email.h"

static const char *data_dir = ".";

/* The body the reader makes of message `name`, NUL-terminated in *body
 * (malloc'd); the input in *in. */
static char *read_message(precis_email *em, const char *name, test_file *in)
{
    *in = test_load_file(data_dir, name);
    assert_int_equal(precis_read_email(em, in->data, in->len, NULL, 0), PRECIS_OK);
    char *body = malloc(em->len + 1);
    assert_non_null(body);
    memcpy(body, em->text, em->len);
    body[em->len] = '\0';
    return body;
}

static void expect(const char *body, const char *const *kept, size_t nkept,
                   const char *const *dropped, size_t ndropped)
{
    for (size_t i = 0; i < nkept; i++)
        if (strstr(body, kept[i]) == NULL)
            fail_msg("lost \"%s\" from:\n%s", kept[i], body);
    for (size_t i = 0; i < ndropped; i++)
        if (strstr(body, dropped[i]) != NULL)
            fail_msg("kept \"%s\" in:\n%s", dropped[i], body);
}

#define EXPECT(body, kept, dropped) \
    expect(body, kept, sizeof kept / sizeof *kept, dropped, sizeof dropped / sizeof *dropped)

/* In a message whose parts are 8bit UTF-8 every byte of the body that a
 * verbatim piece maps is the byte of the message it maps to. */
static void check_verbatim_map(const precis_email *em, const test_file *in)
{
    assert_true(em->map.count > 0);
    for (size_t i = 0; i < em->map.count; i++) {
        const precis_piece *p = &em->map.pieces[i];
        assert_true(p->src + p->src_len <= in->len);
        assert_true(p->out + p->out_len <= em->len);
        if (p->out_len == p->src_len)
            assert_memory_equal(em->text + p->out, in->data + p->src, p->out_len);
    }
}

static void test_reply_thread(void **state)
{
    (void)state;
    precis_email *em;
    assert_int_equal(precis_email_new(&em), PRECIS_OK);
    test_file in;
    char *body = read_message(em, "reply-thread.eml", &in);
    static const char *const kept[] = {"The council approved the pump station budget",
                                       "Could you update the schedule"};
    static const char *const dropped[] = {"Hi David", "Thanks,", "Maria L", "Head of Water",
                                          "wrote:", "Sent from my iPhone", "contractors are asking",
                                          "From:", "Subject:"};
    EXPECT(body, kept, dropped);
    assert_string_equal(em->subject, "Re: Pump station budget for 2025");
    assert_string_equal(em->message_id, "20240306140211.4411@example.org");
    check_verbatim_map(em, &in);
    free(body);
    free(in.data);
    precis_email_free(em);
}

static void test_outlook_and_disclaimer(void **state)
{
    (void)state;
    precis_email *em;
    assert_int_equal(precis_email_new(&em), PRECIS_OK);
    test_file in;
    char *body = read_message(em, "outlook-top-post.eml", &in);
    static const char *const kept[] = {"We traced the delays", "backlog to clear"};
    static const char *const dropped[] = {"Erik,", "Kind regards", "Terminal Operations",
                                          "CONFIDENTIAL", "intended recipient", "Sent:",
                                          "waiting at Terminal 4", "_____"};
    EXPECT(body, kept, dropped);
    free(body);
    free(in.data);
    body = read_message(em, "inline-reply.eml", &in);
    static const char *const kept2[] = {"I agree that the reader is a burden",
                                        "Those tests could move to a nightly job"};
    static const char *const dropped2[] = {"writes:", "I propose", "twenty minutes",
                                           "Priya Raman\n", "mailing list", "listinfo"};
    EXPECT(body, kept2, dropped2);
    check_verbatim_map(em, &in);
    free(body);
    free(in.data);
    body = read_message(em, "google-groups.eml", &in);
    static const char *const kept3[] = {"observing night at the quarry", "Bring warm clothes"};
    static const char *const dropped3[] = {"Hello everyone", "Cheers", "unsubscribe",
                                           "You received"};
    EXPECT(body, kept3, dropped3);
    free(body);
    free(in.data);
    body = read_message(em, "forwarded.eml", &in);
    static const char *const kept4[] = {"the alarms below started"};
    static const char *const dropped4[] = {"Forwarded", "ALERT", "monitoring@"};
    EXPECT(body, kept4, dropped4);
    free(body);
    free(in.data);
    precis_email_free(em);
}

static void test_encodings(void **state)
{
    (void)state;
    precis_email *em;
    assert_int_equal(precis_email_new(&em), PRECIS_OK);
    test_file in;
    /* quoted-printable ISO-8859-1, an encoded-word subject */
    char *body = read_message(em, "french-qp-latin1.eml", &in);
    static const char *const kept[] = {"La r\xC3\xA9union du comit\xC3\xA9",
                                       "rue des \xC3\x89" "coles"};
    static const char *const dropped[] = {"Bonjour", "Bien cordialement", "a \xC3\xA9" "crit",
                                          "qu'a d\xC3\xA9" "cid\xC3\xA9", "=E9"};
    EXPECT(body, kept, dropped);
    assert_string_equal(em->subject, "Re: Rue des \xC3\x89" "coles le samedi");
    /* every decoded line maps to encoded lines of the part */
    for (size_t i = 0; i < em->map.count; i++)
        assert_true(em->map.pieces[i].src >= 300 &&
                    em->map.pieces[i].src + em->map.pieces[i].src_len <= in.len);
    free(body);
    free(in.data);
    /* base64 UTF-8, German closing and phone signature */
    body = read_message(em, "german-base64.eml", &in);
    static const char *const kept2[] = {"Luftqualit\xC3\xA4t im Klassenzimmer",
                                        "zwei Messger\xC3\xA4te"};
    static const char *const dropped2[] = {"Hallo Jonas", "Viele Gr", "Sabine",
                                           "Von meinem iPhone", "schrieb", "Ergebnisse"};
    EXPECT(body, kept2, dropped2);
    free(body);
    free(in.data);
    /* windows-1252 in 8bit */
    body = read_message(em, "spanish-cp1252.eml", &in);
    static const char *const kept3[] = {"ampliaci\xC3\xB3n del carril bici",
                                        "Te mando el plano"};
    static const char *const dropped3[] = {"Hola Marta", "Un saludo", "Concejal",
                                           "Enviado desde", "escribi"};
    EXPECT(body, kept3, dropped3);
    free(body);
    free(in.data);
    precis_email_free(em);
}

static void test_parts(void **state)
{
    (void)state;
    precis_email *em;
    assert_int_equal(precis_email_new(&em), PRECIS_OK);
    test_file in;
    /* text/plain chosen over text/html; the attachment left out */
    char *body = read_message(em, "alternative-both.eml", &in);
    static const char *const kept[] = {"kingfishers has doubled",
                                       "report will be posted"};
    static const char *const dropped[] = {"HTML VERSION", "JVBER", "Sincerely", "River Restoration"};
    EXPECT(body, kept, dropped);
    free(body);
    free(in.data);
    /* HTML only, quoted-printable: the web page reader, the Gmail quote dropped */
    body = read_message(em, "html-only-qp.eml", &in);
    static const char *const kept2[] = {"extend weekend opening hours", "Sunday reading hour"};
    static const char *const dropped2[] = {"<p>", "Hi Sam", "Alicia", "wrote:",
                                           "Any news from the board"};
    EXPECT(body, kept2, dropped2);
    free(body);
    free(in.data);
    precis_email_free(em);
}

static void test_not_a_message(void **state)
{
    (void)state;
    precis_email *em;
    assert_int_equal(precis_email_new(&em), PRECIS_OK);
    assert_int_equal(precis_read_email(em, NULL, 0, NULL, 0), PRECIS_OK);
    assert_int_equal(em->len, 0);
    static const char junk[] = "\x00\xff\xfe garbage\r\n\r\n--\r\n>\r\n";
    assert_int_equal(precis_read_email(em, junk, sizeof junk - 1, NULL, 0), PRECIS_OK);
    static const char headerless[] = "Just a line of text that is not a message.\n";
    assert_int_equal(precis_read_email(em, headerless, sizeof headerless - 1, NULL, 0),
                     PRECIS_OK);
    precis_email_free(em);
    precis_email_free(NULL);
}

static void test_sniffing(void **state)
{
    (void)state;
    static const char eml[] = "From: a@example.org\nSubject: hi\n\nbody\n";
    static const char mbox[] = "From a@example.org Mon Mar  4 10:00:00 2024\nFrom: a@example.org\n"
                               "Date: Mon, 4 Mar 2024 10:00:00 +0000\n\nbody\n";
    static const char one_field[] = "Subject: hi\n\nbody\n";
    static const char prose[] = "From: the point of view of a reader, Subject: matters.\n";
    static const char note[] = "Note: this is text.\nTodo: more.\n\nbody\n";
    assert_true(precis_looks_like_email(eml, sizeof eml - 1));
    assert_true(precis_looks_like_email(mbox, sizeof mbox - 1));
    assert_false(precis_looks_like_email(one_field, sizeof one_field - 1));
    assert_false(precis_looks_like_email(prose, sizeof prose - 1));
    assert_false(precis_looks_like_email(note, sizeof note - 1));
    assert_false(precis_looks_like_email(NULL, 0));
}

/* ---- hostile messages ------------------------------------------------- */

#define HEADERS "From: a@example.org\nTo: b@example.org\nSubject: hostile\nMIME-Version: 1.0\n"
#define PROSE "A paragraph of prose in a hostile message, long enough to be kept.\n"
#define MB ((size_t)1 << 20)

/* Builds hostile message `name`; returns 0 for an unknown name. */
static int hostile_doc(const char *name, test_bytes *b)
{
    if (strcmp(name, "quotes_100k") == 0) {
        test_bytes_repeat(b, HEADERS "\n" PROSE "\n", 1);
        test_bytes_repeat(b, "> ", 100000);
        test_bytes_repeat(b, "A quotation nested a hundred thousand deep.\n", 1);
        for (size_t i = 0; i < 100000; i++)
            test_bytes_repeat(b, i % 2 ? "> > > > > > > > quoted line\n" : ">\n", 1);
    } else if (strcmp(name, "multipart_bomb") == 0) {
        /* ten thousand multiparts, each inside the one before */
        test_bytes_repeat(b, HEADERS "Content-Type: multipart/mixed; boundary=\"b0\"\n\n", 1);
        char line[128];
        for (int i = 0; i < 10000; i++) {
            snprintf(line, sizeof line, "--b%d\nContent-Type: multipart/mixed; boundary=\"b%d\"\n\n",
                     i, i + 1);
            test_bytes_add(b, line, strlen(line));
        }
        test_bytes_repeat(b, "--b10000\nContent-Type: text/plain\n\n" PROSE "\n", 1);
        for (int i = 10000; i >= 0; i--) {
            snprintf(line, sizeof line, "--b%d--\n", i);
            test_bytes_add(b, line, strlen(line));
        }
    } else if (strcmp(name, "parts_100k") == 0) {
        /* a hundred thousand sibling parts */
        test_bytes_repeat(b, HEADERS "Content-Type: multipart/mixed; boundary=\"x\"\n\n", 1);
        test_bytes_repeat(b, "--x\nContent-Type: text/plain\n\n" PROSE "\n", 1);
        test_bytes_repeat(b, "--x\nContent-Type: text/plain\n\nshort\n", 100000);
        test_bytes_repeat(b, "--x--\n", 1);
    } else if (strcmp(name, "base64_50mb") == 0) {
        test_bytes_repeat(b, HEADERS "Content-Type: text/plain; charset=utf-8\n"
                          "Content-Transfer-Encoding: base64\n\n", 1);
        /* "A paragraph of prose in a hostile message," in base64, line after line */
        static const char prose60[] =
            "QSBwYXJhZ3JhcGggb2YgcHJvc2UgaW4gYSBob3N0aWxlIG1lc3NhZ2Us\n";
        while (b->len < 50 * MB)
            test_bytes_repeat(b, prose60, 1);
    } else if (strcmp(name, "qp_soft_breaks_10mb") == 0) {
        test_bytes_repeat(b, HEADERS "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n"
                          PROSE "\n", 1);
        while (b->len < 10 * MB)
            test_bytes_repeat(b, "=\n=3D=\n=", 1);
    } else if (strcmp(name, "headers_1m") == 0) {
        for (size_t i = 0; i < 1000000; i++)
            test_bytes_repeat(b, "X-Header: value\n", 1);
        test_bytes_repeat(b, "Subject: many headers\n\n" PROSE, 1);
    } else {
        return 0;
    }
    return 1;
}

static const char *find(const char *hay, size_t len, const char *needle, size_t n)
{
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

#define HOSTILE_PEAK_RSS (1536 * MB)

static int run_hostile(const char *name)
{
    test_bytes b = {NULL, 0, 0};
    if (!hostile_doc(name, &b)) {
        fprintf(stderr, "no hostile message %s\n", name);
        return 2;
    }
    precis_email *em = NULL;
    if (precis_email_new(&em) != PRECIS_OK)
        return 1;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    precis_status st = precis_read_email(em, b.data, b.len, NULL, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    size_t peak = (size_t)usage.ru_maxrss * 1024;
    printf("%-20s %9zu bytes -> %9zu body bytes, %s, %.2f s, peak RSS %zu MB\n", name, b.len,
           em->len, precis_status_str(st),
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, peak / MB);
    /* never a crash; the prose is read, except inside a bomb deeper than
     * the reader goes */
    int ok = st == PRECIS_OK;
    if (strcmp(name, "multipart_bomb") != 0 && strcmp(name, "base64_50mb") != 0)
        ok = ok && em->text != NULL && em->len > 0 &&
             find(em->text, em->len, "A paragraph of prose in a hostile", 33) != NULL;
    if (strcmp(name, "base64_50mb") == 0)
        ok = ok && em->len > 30 * MB &&
             find(em->text, em->len, "A paragraph of prose", 20) != NULL;
    if (strcmp(name, "quotes_100k") == 0)
        ok = ok && find(em->text, em->len, "quot", 4) == NULL;
    ok = ok && peak < HOSTILE_PEAK_RSS;
    precis_email_free(em);
    free(b.data);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--hostile") == 0)
        return run_hostile(argv[2]);
    if (argc == 2)
        data_dir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reply_thread),
        cmocka_unit_test(test_outlook_and_disclaimer),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_parts),
        cmocka_unit_test(test_not_a_message),
        cmocka_unit_test(test_sniffing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

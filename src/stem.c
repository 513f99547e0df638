/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stem.c - Snowball stemming, an ASCII word through the single-byte
 * stemmer.
 */
#include "stem.h"

#include <libstemmer.h>
#include <limits.h>
#include <string.h>

#include "ascii.h"


precis_status precis_stemmer_open(precis_stemmer *s, const char *algorithm)
{
    s->utf8 = sb_stemmer_new(algorithm, "UTF_8");
    if (s->utf8 == NULL)
        return PRECIS_ERR_NOMEM;
    /* NULL both where libstemmer has no ISO-8859-1 form of the algorithm
     * and when memory runs out: either way the UTF-8 stemmer serves. */
    s->latin1 = sb_stemmer_new(algorithm, "ISO_8859_1");
    return PRECIS_OK;
}

void precis_stemmer_close(precis_stemmer *s)
{
    if (s->latin1 != NULL)
        sb_stemmer_delete(s->latin1);
    if (s->utf8 != NULL)
        sb_stemmer_delete(s->utf8);
    memset(s, 0, sizeof *s);
}

static precis_status stem_with(struct sb_stemmer *stemmer, const char *word, size_t len,
                               const char **stem, size_t *stem_len)
{
    *stem = NULL;
    *stem_len = 0;
    if (len > INT_MAX)
        return PRECIS_ERR_TOO_LARGE;
    const sb_symbol *out = sb_stemmer_stem(stemmer, (const sb_symbol *)word, (int)len);
    if (out == NULL)
        return PRECIS_ERR_NOMEM;
    *stem = (const char *)out;
    *stem_len = (size_t)sb_stemmer_length(stemmer);
    return PRECIS_OK;
}

precis_status precis_stem_utf8(const precis_stemmer *s, const char *word, size_t len,
                               const char **stem, size_t *stem_len)
{
    return stem_with(s->utf8, word, len, stem, stem_len);
}

precis_status precis_stem(const precis_stemmer *s, const char *word, size_t len,
                          const char **stem, size_t *stem_len)
{
    /* ASCII bytes are the same characters in ISO-8859-1 and UTF-8, and a
     * stem of ASCII input is ASCII: both stemmers read and write the same
     * bytes. */
    if (s->latin1 != NULL && precis_ascii_all(word, len))
        return stem_with(s->latin1, word, len, stem, stem_len);
    return stem_with(s->utf8, word, len, stem, stem_len);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * repeats.c - ids of printed sentence texts.
 */
#include "repeats.h"

#include "util.h"

/* Keys of the two kinds never meet: each starts with its kind. */
enum { KEY_TEXT = 't', KEY_TERMS = 'w' };

void precis_repeats_free(precis_repeats *r)
{
    if (r == NULL)
        return;
    precis_strtab_free(&r->texts);
    precis_buf_release(&r->key);
    free(r->ids);
    r->ids = NULL;
    r->count = 0;
    r->ids_cap = 0;
}

void precis_repeats_clear(precis_repeats *r)
{
    precis_strtab_clear(&r->texts);
    r->count = 0;
}

static precis_status intern_key(precis_repeats *r, uint32_t *id)
{
    if (precis_buf_end(&r->key, 0) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    return precis_strtab_intern(&r->texts, r->key.data, r->key.len, id, NULL);
}

precis_status precis_repeats_add(precis_repeats *r, const char *text, size_t start, size_t end,
                                 const uint32_t *terms, size_t nterms, int one_language)
{
    if (r->count > SIZE_MAX / 2 - 1 ||
        PRECIS_RESERVE(r->ids, r->ids_cap, 2 * r->count + 2) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    uint32_t *ids = r->ids + 2 * r->count;
    precis_status st;
    /* In one language the same text has the same terms, so the key of
     * the terms stands for both. */
    if (nterms == 0 || !one_language) {
        r->key.len = 0;
        precis_buf_append(&r->key, (const char[]){KEY_TEXT}, 1);
        precis_buf_folded(&r->key, text, start, end);
        if ((st = intern_key(r, &ids[0])) != PRECIS_OK)
            return st;
        ids[1] = ids[0];
    }
    if (nterms > 0) {
        r->key.len = 0;
        if (nterms > SIZE_MAX / sizeof *terms)
            return PRECIS_ERR_NOMEM;
        precis_buf_append(&r->key, (const char[]){KEY_TERMS}, 1);
        precis_buf_append(&r->key, (const char *)terms, nterms * sizeof *terms);
        if ((st = intern_key(r, &ids[1])) != PRECIS_OK)
            return st;
        if (one_language)
            ids[0] = ids[1];
    }
    r->count++;
    return PRECIS_OK;
}

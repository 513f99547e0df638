/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dftable.c - terms and their document frequencies.
 */
#include "dftable.h"

#include "util.h"

void precis_dftable_free(precis_dftable *t)
{
    if (t == NULL)
        return;
    precis_strtab_free(&t->terms);
    free(t->df);
    t->df = NULL;
    t->df_cap = 0;
}

precis_status precis_dftable_intern(precis_dftable *t, const char *term, size_t len,
                                    uint32_t *id)
{
    int added;
    precis_status st = precis_strtab_intern(&t->terms, term, len, id, &added);
    if (st != PRECIS_OK || !added)
        return st;
    if (PRECIS_RESERVE(t->df, t->df_cap, t->terms.count) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    t->df[*id] = 0;
    return PRECIS_OK;
}

uint64_t precis_dftable_df(const precis_dftable *t, const char *term, size_t len)
{
    uint32_t id;
    return precis_strtab_find(&t->terms, term, len, &id) ? t->df[id] : 0;
}

/*
 * idf.h - the corpus document-frequency table behind precis_idf.
 *
 * Terms are byte strings kept end to end in one array; an open-addressing
 * table of entry indices finds them by their precis_hash_bytes.
 */
#ifndef PRECIS_IDF_H
#define PRECIS_IDF_H

#include <stddef.h>
#include <stdint.h>

#include "precis.h"

typedef struct precis_idf_term {
    uint64_t hash;
    size_t start; /* into bytes */
    size_t len;
    uint64_t df;
    uint64_t seen; /* the document being added that last held the term, + 1 */
} precis_idf_term;

struct precis_idf {
    uint64_t documents;
    char *bytes;
    size_t bytes_len, bytes_cap;
    precis_idf_term *terms;
    size_t count, terms_cap;
    uint32_t *slots; /* entry index + 1; 0 when free */
    size_t slot_count; /* a power of two, at least twice count */
    size_t *added;     /* scratch of precis_idf_add: entries of the document */
    size_t added_cap;
};

/* The number of documents that hold term[0, len), 0 when it is unknown. */
uint64_t precis_idf_df(const precis_idf *idf, const char *term, size_t len);

#endif

/*
 * result.h - the layout of precis_result, shared by the pipeline that
 * fills it and the renderer that reads it.
 */
#ifndef PRECIS_RESULT_H
#define PRECIS_RESULT_H

#include <stddef.h>

#include "precis.h"

struct precis_result {
    int lang;                  /* index into precis_languages */
    int is_split;              /* made by precis_split: no scores */
    size_t sentence_count;
    precis_sentence *sentences; /* document order */
    size_t summary_count;
    precis_sentence *summary;   /* the chosen ones, document order */
};

#endif

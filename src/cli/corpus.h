/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * corpus.h - the commands that read a set of documents as a whole:
 * 'precis idf' (a document-frequency table), 'precis digest' (one summary
 * of all of them) and 'precis keywords --corpus' (their keyphrases).
 */
#ifndef PRECIS_CORPUS_H
#define PRECIS_CORPUS_H

#include "options.h"

/* Each returns the exit status; files[0, nfiles) are the FILE arguments.
 * corpus_set runs 'precis digest' and 'precis keywords --corpus': every
 * document is kept, then the library reads them as one set. */
int corpus_idf(const cli_options *opts, char **files, int nfiles);
int corpus_set(const cli_options *opts, char **files, int nfiles);

#endif

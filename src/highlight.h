/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * highlight.h - a whole document with its summary marked in place
 * (precis_render_highlight).
 *
 * A terminal gets the clean text with each chosen sentence in black on
 * yellow (SGR escapes, closed at every line break so that a pager keeps
 * them line by line; control characters of the document become U+FFFD, so
 * that it cannot drive the terminal). Markdown gets the clean text with
 * the characters Markdown would read as markup escaped and each line of a
 * chosen sentence in ** **. HTML gets <mark> elements: inside the page
 * itself when the input was a web page (around every run of text of a
 * chosen sentence's range, so that marks never cross the page's own
 * elements), else in a standalone page that escapes the clean text and
 * keeps its lines.
 */
#ifndef PRECIS_HIGHLIGHT_H
#define PRECIS_HIGHLIGHT_H

#include "precis.h"

/* Black on yellow, and back to normal. */
#define PRECIS_ANSI_MARK "\033[30;43m"
#define PRECIS_ANSI_RESET "\033[0m"

#endif

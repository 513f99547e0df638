/*
 * main.c - the precis program.
 */
#include <gsl/gsl_errno.h>

#include "cli.h"

int main(int argc, char **argv)
{
    /* The library checks every size it hands to GSL; should GSL still
     * object, its default handler would abort the process, so it is
     * switched off here, in the program, never inside the library. */
    gsl_set_error_handler_off();
    return precis_cli_main(argc, argv);
}

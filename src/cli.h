/*
 * cli.h - the precis command line, a client of the public API only.
 */
#ifndef PRECIS_CLI_H
#define PRECIS_CLI_H

/* Runs the command with its arguments and returns the exit status. It
 * prints to stdout and stderr; argv may be reordered. */
int precis_cli_main(int argc, char **argv);

#endif

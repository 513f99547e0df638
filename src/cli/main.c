/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c - the precis program.
 */
#include "cli.h"

int main(int argc, char **argv)
{
    return precis_cli_main(argc, argv);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_empty.c - a program that does nothing, linked as the precis
 * command is (statically where possible): the floor of bench/throughput's
 * one-process-per-article rows, what starting any such program costs.
 */
int main(void)
{
    return 0;
}

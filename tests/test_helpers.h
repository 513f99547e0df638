/*
 * test_helpers.h - what cmocka 1.1.5 lacks: a tolerance assert for
 * doubles.
 */
#ifndef PRECIS_TEST_HELPERS_H
#define PRECIS_TEST_HELPERS_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#define assert_double_near(expected, actual, tolerance)                                      \
    do {                                                                                     \
        double e_ = (expected), a_ = (actual), t_ = (tolerance);                             \
        if (!(fabs(e_ - a_) <= t_)) {                                                        \
            print_error("%.17g != %.17g (tolerance %g)\n", e_, a_, t_);                      \
            fail();                                                                          \
        }                                                                                    \
    } while (0)

#endif

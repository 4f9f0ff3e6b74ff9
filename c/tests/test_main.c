/*
 * test_main.c - runs every test file in turn and closes with `N passed, N failed`.
 *
 * The counts are of CHECKS (each CHECK, and each whole-tensor comparison, is one), not of test
 * functions. Run from the repository's top folder: the fixtures are read from tests/fixtures/.
 * Exit status 1 when any check failed.
 */
#include <stdarg.h>
#include <stdio.h>

#include "test.h"

static const char *current_test = "(no test)";
static long n_passed, n_failed;

void t_begin(const char *test_name) {
    current_test = test_name;
}

int t_check_(int ok, const char *file, int line, const char *fmt, ...) {
    if (ok) {
        n_passed++;
        return 1;
    }
    n_failed++;
    printf("FAIL %s (%s:%d): ", current_test, file, line);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    return 0;
}

int main(void) {
    run_hand_tests();
    run_fixture_tests();
    run_gradcheck_tests();
    run_stepper_tests();
    run_bad_input_tests();
    run_rng_tests();
    run_conv_transpose_tests();
    printf("%ld passed, %ld failed\n", n_passed, n_failed);
    return n_failed == 0 ? 0 : 1;
}

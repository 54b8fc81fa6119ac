/*
 * testlib.h - fixtures the C tests share: a temporary directory made and
 * removed, the language data of the quote engine loaded once, and the
 * check of one field of a table case.  Nothing here asserts: a setup that
 * fails returns -1 (cmocka then fails the group) with the reason on
 * stderr.
 */
#ifndef HEARSAY_TESTS_TESTLIB_H
#define HEARSAY_TESTS_TESTLIB_H

#include <stddef.h>

struct quotes_lang;
struct quotes_result;

/* A new directory "$TMPDIR/hs-NAME.XXXXXX" (/tmp when TMPDIR is unset or
 * long), or NULL with the reason on stderr.  Caller frees, and removes it
 * with testlib_rmtree(). */
char *testlib_tmpdir(const char *name);
/* Remove dir and everything below it; NULL is fine.  0 or -1. */
int testlib_rmtree(const char *dir);

/* cmocka group setup and teardown of testlib_dir, a temporary directory
 * for the group's tests. */
extern char *testlib_dir;
int testlib_dir_setup(void **state);
int testlib_dir_teardown(void **state);

/* The path of a fixture file under tests/ of the source tree ($top_srcdir
 * as make check sets it, else the one configured).  Caller frees. */
char *testlib_fixture(const char *rel);
/* The whole of a file of at most a MiB, or NULL with the reason on
 * stderr.  Caller frees. */
char *testlib_slurp(const char *path, size_t *len);
/* The fixture rel's contents; the test fails without them.  Caller
 * frees. */
char *testlib_fixture_read(const char *rel, size_t *len);

/* The English language data of the source tree, or NULL with the reason
 * on stderr.  Caller frees with quotes_lang_free(). */
struct quotes_lang *testlib_lang_load(void);

/* cmocka group setup and teardown that load testlib_lang and free it. */
extern struct quotes_lang *testlib_lang;
int testlib_lang_setup(void **state);
int testlib_lang_teardown(void **state);
/* quotes_analyze() of s with testlib_lang.  Caller frees. */
struct quotes_result *testlib_analyze(const char *s);

/* Table case i's field what: 0 when got is want (or want is NULL), else 1
 * with the difference on cmocka's error output, so that a table reports
 * every miss before it fails. */
int testlib_check_str(const char *what, const char *got, const char *want,
    size_t i);

#endif

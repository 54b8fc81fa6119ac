/*
 * testlib.h - fixtures the C tests share: a temporary directory made and
 * removed, and the language data of the quote engine loaded once.
 * Nothing here asserts: a setup that fails returns -1 (cmocka then fails
 * the group) with the reason on stderr.
 */
#ifndef HEARSAY_TESTS_TESTLIB_H
#define HEARSAY_TESTS_TESTLIB_H

struct quotes_lang;

/* A new directory "$TMPDIR/hs-NAME.XXXXXX" (/tmp when TMPDIR is unset or
 * long), or NULL with the reason on stderr.  Caller frees, and removes it
 * with testlib_rmtree(). */
char *testlib_tmpdir(const char *name);
/* Remove dir and everything below it; NULL is fine.  0 or -1. */
int testlib_rmtree(const char *dir);

/* The English language data of the source tree, or NULL with the reason
 * on stderr.  Caller frees with quotes_lang_free(). */
struct quotes_lang *testlib_lang_load(void);

/* cmocka group setup and teardown that load testlib_lang and free it. */
extern struct quotes_lang *testlib_lang;
int testlib_lang_setup(void **state);
int testlib_lang_teardown(void **state);

#endif

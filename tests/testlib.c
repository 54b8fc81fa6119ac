/*
 * testlib.c - fixtures the C tests share (see testlib.h).  Must never
 * leave a directory of its own behind on a passing run.
 */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "hearsay/quotes.h"
#include "hearsay/util.h"
#include "testlib.h"

struct quotes_lang *testlib_lang;
char *testlib_dir;

char *
testlib_tmpdir(const char *name)
{
	const char *tmp = getenv("TMPDIR");
	char *dir;

	/* Unix sockets and the fixtures' fixed buffers want a short path. */
	if (tmp == NULL || *tmp == '\0' || strlen(tmp) > 64)
		tmp = "/tmp";
	dir = xprintf("%s/hs-%s.XXXXXX", tmp, name);
	if (mkdtemp(dir) == NULL) {
		fprintf(stderr, "testlib: mkdtemp %s: %s\n", dir,
		    strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

static int
testlib_rm(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int
testlib_rmtree(const char *dir)
{
	if (dir == NULL)
		return 0;
	return nftw(dir, testlib_rm, 16, FTW_DEPTH | FTW_PHYS);
}

int
testlib_dir_setup(void **state)
{
	(void)state;
	testlib_dir = testlib_tmpdir("test");
	return testlib_dir == NULL ? -1 : 0;
}

int
testlib_dir_teardown(void **state)
{
	int rc;

	(void)state;
	rc = testlib_rmtree(testlib_dir);
	free(testlib_dir);
	testlib_dir = NULL;
	return rc;
}

char *
testlib_fixture(const char *rel)
{
	const char *top = getenv("top_srcdir");

	return xprintf("%s/tests/%s", top != NULL ? top : HEARSAY_SRCDIR, rel);
}

char *
testlib_slurp(const char *path, size_t *len)
{
	char *err = NULL, *s;

	s = file_read(path, 1 << 20, len, &err);
	if (s == NULL)
		fprintf(stderr, "testlib: %s\n", err);
	free(err);
	return s;
}

char *
testlib_fixture_read(const char *rel, size_t *len)
{
	char *path = testlib_fixture(rel), *s;

	s = testlib_slurp(path, len);
	free(path);
	if (s == NULL)
		fail_msg("no fixture %s", rel);
	return s;
}

struct quotes_lang *
testlib_lang_load(void)
{
	struct quotes_lang *lang;
	char *err = NULL;

	lang = quotes_lang_load(HEARSAY_SRCDIR "/data/en", &err);
	if (lang == NULL)
		fprintf(stderr, "testlib: language data: %s\n", err);
	free(err);
	return lang;
}

int
testlib_lang_setup(void **state)
{
	(void)state;
	testlib_lang = testlib_lang_load();
	return testlib_lang == NULL ? -1 : 0;
}

int
testlib_lang_teardown(void **state)
{
	(void)state;
	quotes_lang_free(testlib_lang);
	testlib_lang = NULL;
	return 0;
}

struct quotes_result *
testlib_analyze(const char *s)
{
	return quotes_analyze(testlib_lang, s, strlen(s));
}

int
testlib_check_str(const char *what, const char *got, const char *want,
    size_t i)
{
	if (want == NULL || (got != NULL && strcmp(got, want) == 0))
		return 0;
	print_error("case %zu: %s: got '%s', want '%s'\n", i, what,
	    got != NULL ? got : "(null)", want);
	return 1;
}

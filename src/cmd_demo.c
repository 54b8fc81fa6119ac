/*
 * cmd_demo.c - `hearsay --demo`: the bundled demo feeds, refreshed from
 * files into a store of their own, then shown.
 *
 * Must never touch the user's real urls file or store: everything lives
 * under $XDG_DATA_HOME/hearsay/demo/ (or $HEARSAY_DEMO_HOME).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "hearsay/buf.h"
#include "hearsay/paths.h"
#include "hearsay/util.h"

/* Feed files are recognised by their extension. */
static const char *const demo_exts[] = { ".xml", ".atom", ".rdf", ".json" };

static int
is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Where the demo feeds are: $HEARSAY_DEMO_DIR, else beside a build-tree
 * binary (src/hearsay -> ../demo), else the installed data directory.
 * Caller frees. */
static char *
demo_dir(void)
{
	const char *env = getenv("HEARSAY_DEMO_DIR");
	char *exe, *dir;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if ((exe = paths_exe_dir()) != NULL) {
		dir = xprintf("%s/../demo", exe);
		free(exe);
		if (is_dir(dir))
			return dir;
		free(dir);
#ifdef HEARSAY_SRCDIR
		dir = xstrdup(HEARSAY_SRCDIR "/demo");
		if (is_dir(dir))
			return dir;
		free(dir);
#endif
	}
	return xstrdup(PKGDATADIR "/demo");
}

static int
is_feed_file(const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < nitems(demo_exts); i++) {
		size_t e = strlen(demo_exts[i]);

		if (n > e && strcmp(name + n - e, demo_exts[i]) == 0)
			return 1;
	}
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Write a urls file with one file:// URL per demo feed.  0 or -1. */
static int
demo_write_urls(const char *dir, const char *urls)
{
	char real[PATH_MAX], **names = NULL;
	size_t n = 0, i;
	struct dirent *de;
	DIR *dp;
	FILE *fp;
	int rc = -1;

	if (realpath(dir, real) == NULL || (dp = opendir(real)) == NULL) {
		fprintf(stderr, "hearsay: demo feeds not found in %s: %s\n",
		    dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (!is_feed_file(de->d_name))
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof *names, name_cmp);
	if (n == 0) {
		fprintf(stderr, "hearsay: no demo feeds in %s\n", real);
		goto out;
	}
	fp = fopen(urls, "w");
	if (fp == NULL) {
		fprintf(stderr, "hearsay: %s: %s\n", urls, strerror(errno));
		goto out;
	}
	fprintf(fp, "# The hearsay demo: feeds read from files, no network.\n");
	for (i = 0; i < n; i++)
		fprintf(fp, "file://%s/%s demo\n", real, names[i]);
	rc = fclose(fp) == 0 ? 0 : -1;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int
cmd_demo(const struct cmd_globals *g)
{
	struct cmd_globals dg = *g;
	char *home, *urls, *db, *dir, *err = NULL;
	char *refresh_argv[] = { "refresh", "-q", NULL };
	int rc = 2;

	home = getenv("HEARSAY_DEMO_HOME") != NULL ?
	    xstrdup(getenv("HEARSAY_DEMO_HOME")) : paths_data("demo");
	urls = xprintf("%s/urls", home);
	db = xprintf("%s/demo.db", home);
	dir = demo_dir();
	if (paths_mkparent(urls, &err) == -1) {
		fprintf(stderr, "hearsay: %s\n", err);
		goto out;
	}
	if (demo_write_urls(dir, urls) == -1)
		goto out;
	dg.urls_path = urls;
	dg.db_path = db;
	dg.demo = 0;
	optind = 0;
	rc = cmd_refresh(2, refresh_argv, &dg);
	if (rc == 2)
		goto out;
	rc = cmd_show(&dg);
out:
	free(err);
	free(dir);
	free(db);
	free(urls);
	free(home);
	return rc;
}

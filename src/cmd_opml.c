/*
 * cmd_opml.c - `hearsay import-opml FILE|-` and `hearsay export-opml`:
 * subscriptions in and out of the urls file as OPML; with `source ttrss`
 * in the config, import subscribes on the feed server (cmd_sync.c).
 *
 * The front end only: reading the files, the messages and exit statuses.
 * It must never leave the urls file half written: the list is saved once,
 * atomically, and only after the whole OPML document was read.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "hearsay/feedlist.h"
#include "hearsay/opml.h"
#include "hearsay/paths.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

/* No subscription list is anywhere near this large. */
#define CMD_OPML_MAX ((size_t)32 * 1024 * 1024)

/* Print "hearsay: MESSAGE" for every line of msgs (already sanitised). */
static void
cmd_opml_warn_lines(const char *msgs)
{
	const char *p, *nl;

	for (p = msgs; p != NULL && *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		fprintf(stderr, "hearsay: %.*s\n", (int)(nl - p), p);
		if (*nl == '\0')
			break;
	}
}

/* Print "hearsay: MESSAGE" with the message sanitised; returns 1. */
static int
cmd_opml_fail(const char *msg)
{
	char *clean = text_clean(msg, 0);

	fprintf(stderr, "hearsay: %s\n", clean);
	free(clean);
	return 1;
}

/* Load the urls file into a new list, its warnings printed.  NULL (after
 * the message) when it cannot be read.  Caller frees. */
static struct feedlist *
cmd_opml_load(const char *urls)
{
	struct feedlist *fl = feedlist_new();
	char *warnings = NULL, *err = NULL;

	if (feedlist_load(fl, urls, &warnings, &err) == -1) {
		cmd_opml_fail(err);
		feedlist_free(fl);
		fl = NULL;
	}
	cmd_opml_warn_lines(warnings);
	free(warnings);
	free(err);
	return fl;
}

/* Append the feeds of an OPML document to the urls file and save it:
 * 0, 1 when the document or the urls file cannot be read, 2 when the
 * urls file may not be written (said before anything is read). */
static int
cmd_opml_import_file(const char *file, const char *urls)
{
	struct opml_result res;
	struct feedlist *fl = NULL;
	char *doc = NULL, *err = NULL, *msg;
	size_t len;
	int rc = 1;

	/* Saved by a rename, a read-only urls file would be replaced. */
	if ((msg = paths_unwritable(urls)) != NULL) {
		err = xprintf("%s: no feed was added", msg);
		free(msg);
		rc = 2;
		goto out;
	}
	doc = file_read(file, CMD_OPML_MAX, &len, &err);
	if (doc == NULL || (fl = cmd_opml_load(urls)) == NULL)
		goto out;
	if (opml_import(fl, doc, len, &res, &err) == -1) {
		msg = xprintf("%s: %s", strcmp(file, "-") == 0 ? "stdin" :
		    file, err);
		xfree(err);
		cmd_opml_fail(msg);
		free(msg);
		goto out;
	}
	if (res.added > 0 && (paths_mkparent(urls, &err) == -1 ||
	    feedlist_save(fl, urls, &err) == -1))
		goto out;
	if (res.invalid > 0)
		fprintf(stderr, "hearsay: skipped %zu outline%s whose xmlUrl is "
		    "not an http, https or file URL\n", res.invalid,
		    res.invalid == 1 ? "" : "s");
	printf("imported %zu feed%s (%zu already present)\n", res.added,
	    res.added == 1 ? "" : "s", res.present);
	rc = 0;
out:
	if (err != NULL)
		cmd_opml_fail(err);
	feedlist_free(fl);
	free(doc);
	free(err);
	return rc;
}

/* Subscribe on the feed server to the feeds of an OPML document: 0, 1
 * when the document cannot be read or a feed was refused, 2 for the
 * settings. */
static int
cmd_opml_import_server(const char *file, const struct cmd_sync *cs)
{
	struct opml_result res;
	struct feedlist *fl = feedlist_new();
	char *doc, *err = NULL, *msg;
	size_t len;
	int rc = 1;

	doc = file_read(file, CMD_OPML_MAX, &len, &err);
	if (doc == NULL) {
		cmd_opml_fail(err);
	} else if (opml_import(fl, doc, len, &res, &err) == -1) {
		msg = xprintf("%s: %s", strcmp(file, "-") == 0 ? "stdin" :
		    file, err);
		cmd_opml_fail(msg);
		free(msg);
	} else
		rc = cmd_sync_subscribe(cs, fl);
	feedlist_free(fl);
	free(doc);
	free(err);
	return rc;
}

int
cmd_import_opml(int argc, char **argv, const struct cmd_globals *g)
{
	struct cmd_sync cs;
	char *urls;
	int rc;

	if (argc != 2 || (argv[1][0] == '-' && argv[1][1] != '\0')) {
		fprintf(stderr, "usage: hearsay import-opml FILE|-\n");
		return 2;
	}
	if (cmd_sync_load(g, &cs) == -1)
		return 2;
	if (cs.on) {
		rc = cmd_opml_import_server(argv[1], &cs);
		cmd_sync_clear(&cs);
		return rc;
	}
	cmd_sync_clear(&cs);
	cmd_paths(g, &urls, NULL);
	rc = cmd_opml_import_file(argv[1], urls);
	free(urls);
	return rc;
}

int
cmd_export_opml(int argc, char **argv, const struct cmd_globals *g)
{
	struct feedlist *fl;
	char *urls, *doc = NULL;
	int rc = 1;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: hearsay export-opml\n");
		return 2;
	}
	cmd_paths(g, &urls, NULL);
	fl = cmd_opml_load(urls);
	if (fl == NULL)
		goto out;
	doc = opml_export(fl);
	if (doc == NULL) {
		cmd_opml_fail("cannot build the OPML document");
		goto out;
	}
	if (fputs(doc, stdout) == EOF || fflush(stdout) == EOF) {
		cmd_opml_fail("cannot write to stdout");
		goto out;
	}
	rc = 0;
out:
	free(doc);
	feedlist_free(fl);
	free(urls);
	return rc;
}

/*
 * cmd_analyze.c - `hearsay analyze [--all]`: find the quotes, speakers and
 * cited sources of the stored stories outside a refresh: the stories with
 * no analysis of this engine version, or with --all every story.
 *
 * Progress goes to stderr only when stderr is a terminal; the count to
 * stdout.  It must never print a byte of a story.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "hearsay/analyze.h"
#include "hearsay/quotes.h"
#include "hearsay/store.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

static const char cmd_analyze_usage[] = "usage: hearsay analyze [--all]\n";

/* Rewrite the progress line on the terminal. */
static void
cmd_analyze_show(int64_t done, int64_t total, void *arg)
{
	(void)arg;
	fprintf(stderr, "\ranalysing: %lld/%lld stories\033[K",
	    (long long)done, (long long)total);
	fflush(stderr);
}

/* Fill *all from the command line.  0, or -1 on a usage error. */
static int
cmd_analyze_options(int argc, char **argv, int *all)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "ah", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			*all = 1;
			break;
		case 'h':
			fputs(cmd_analyze_usage, stdout);
			exit(0);
		default:
			fputs(cmd_analyze_usage, stderr);
			return -1;
		}
	}
	if (optind != argc) {
		fputs(cmd_analyze_usage, stderr);
		return -1;
	}
	return 0;
}

/* Print err (cleaned) as the command's failure; returns 2. */
static int
cmd_analyze_fail(const char *err)
{
	char *clean = text_clean(err != NULL ? err : "failed", 0);

	fprintf(stderr, "hearsay: analyze: %s\n", clean);
	free(clean);
	return 2;
}

int
cmd_analyze(int argc, char **argv, const struct cmd_globals *g)
{
	struct quotes_lang *lang = NULL;
	struct store *st = NULL;
	char *urls = NULL, *db = NULL, *err = NULL;
	int64_t done = 0;
	int all = 0, show, rc = 2;

	if (cmd_analyze_options(argc, argv, &all) == -1)
		return 2;
	cmd_paths(g, &urls, &db);
	if (store_open(&st, db, 0, &err) == -1) {
		rc = cmd_analyze_fail(err);
		goto out;
	}
	if ((lang = quotes_lang_find("en", &err)) == NULL) {
		rc = cmd_analyze_fail(err);
		goto out;
	}
	show = isatty(STDERR_FILENO);
	rc = analyze_pending(st, lang, 0, all, show ? cmd_analyze_show : NULL,
	    NULL, &done, &err);
	if (show)
		fputs("\r\033[K", stderr);
	printf("analysed %lld stor%s\n", (long long)done,
	    done == 1 ? "y" : "ies");
	rc = rc == -1 ? cmd_analyze_fail(err) : 0;
out:
	quotes_lang_free(lang);
	store_close(st);
	free(err);
	free(urls);
	free(db);
	return rc;
}

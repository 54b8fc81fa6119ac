/*
 * cmd_refresh.c - `hearsay refresh`: fetch every feed of the urls file
 * into the store, headless, for cron as much as for people.
 *
 * Progress goes to stderr only when stderr is a terminal; the summary to
 * stdout; failures, moved feeds and the urls file's problems to stderr
 * (with -q the problems only when they differ from what the last refresh
 * of that urls file said).  The urls file is the source of truth: its
 * feeds become the store's subscriptions, and the stories of feeds gone
 * from it for keep-days are pruned.  With `source ttrss` in the config
 * it syncs with the feed server instead (cmd_sync.c), which holds the
 * subscriptions then.  SIGINT or SIGTERM stop it cleanly:
 * transfers aborted, what was merged kept, what was done and what was
 * not said, exit 128 + the signal.  It must never print a byte from the
 * network or the urls file without text_clean(), and never write the
 * store when another refresh holds it.
 */
#include "config.h"

#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "hearsay/config.h"
#include "hearsay/feedlist.h"
#include "hearsay/paths.h"
#include "hearsay/quotes.h"
#include "hearsay/refresh.h"
#include "hearsay/store.h"
#include "hearsay/subs.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

/* The signal that asks the refresh to stop (SIGINT, SIGTERM), or 0. */
static volatile sig_atomic_t cmd_refresh_stop;

static const char cmd_refresh_usage[] =
    "usage: hearsay refresh [-q] [-j N] [--per-host N] [--keep N] "
    "[--keep-days N] [--analyze|--no-analyze]\n";

/* Parse one numeric option argument into *out; 0 or -1 (message shown). */
static int
cmd_refresh_number(const char *name, const char *arg, long min, long max,
    long *out)
{
	if (parse_long(arg, min, max, out) == 0)
		return 0;
	fprintf(stderr, "hearsay: refresh: %s wants a number from %ld to %ld\n",
	    name, min, max);
	return -1;
}

/* Fill opts, *quiet and *analyze (1: --analyze, 0: --no-analyze, else
 * untouched) from the command line.  0, or -1 on a usage error. */
static int
cmd_refresh_options(int argc, char **argv, struct refresh_opts *opts,
    int *quiet, int *analyze)
{
	static const struct option longopts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "per-host", required_argument, NULL, 'H' },
		{ "keep", required_argument, NULL, 'k' },
		{ "keep-days", required_argument, NULL, 'K' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "analyze", no_argument, NULL, 'a' },
		{ "no-analyze", no_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	long n;
	int c;

	while ((c = getopt_long(argc, argv, "j:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			if (cmd_refresh_number("--jobs", optarg, 1, 256, &n) == -1)
				return -1;
			opts->fetch.max_parallel = (int)n;
			break;
		case 'H':
			if (cmd_refresh_number("--per-host", optarg, 1, 64, &n) == -1)
				return -1;
			opts->fetch.max_per_host = (int)n;
			break;
		case 'k':
			if (cmd_refresh_number("--keep", optarg, 0, 10000000, &n) == -1)
				return -1;
			opts->keep_stories = n;
			break;
		case 'K':
			if (cmd_refresh_number("--keep-days", optarg, 0, 100000, &n) == -1)
				return -1;
			opts->keep_days = n;
			break;
		case 'q':
			*quiet = 1;
			break;
		case 'a':
		case 'A':
			*analyze = c == 'a';
			break;
		case 'h':
			fputs(cmd_refresh_usage, stdout);
			exit(0);
		default:
			fputs(cmd_refresh_usage, stderr);
			return -1;
		}
	}
	if (optind != argc) {
		fputs(cmd_refresh_usage, stderr);
		return -1;
	}
	return 0;
}

/* Rewrite the progress line on the terminal when it changed since *last. */
static void
cmd_refresh_show(const struct refresh *r, struct refresh_progress *last,
    int force)
{
	struct refresh_progress p;

	refresh_progress(r, &p);
	if (!force && p.done == last->done)
		return;
	*last = p;
	fprintf(stderr, "\rrefreshing: %zu/%zu feeds, %zu new, %zu failed\033[K",
	    p.done, p.total, p.new_stories, p.failed);
	fflush(stderr);
}

/* Each failed feed with its error, each moved feed with its new URL. */
static void
cmd_refresh_report(const struct refresh *r)
{
	const struct refresh_outcome *o;
	char *url, *what;
	size_t i;

	for (i = 0; i < refresh_count(r); i++) {
		o = refresh_outcome(r, i);
		if (o->error == NULL && o->moved_to == NULL)
			continue;
		url = text_clean(o->url, 0);
		if (o->error != NULL) {
			what = text_clean(o->error, 0);
			fprintf(stderr, "hearsay: %s: %s\n", url, what);
		} else {
			what = text_clean(o->moved_to, 0);
			fprintf(stderr, "hearsay: %s: moved permanently to %s: "
			    "update your urls file\n", url, what);
		}
		free(what);
		free(url);
	}
}

/* The summary (unless quiet) and the report; the exit status: 1 when a
 * feed failed. */
static int
cmd_refresh_finish(const struct refresh *r, int quiet)
{
	struct refresh_progress p;

	refresh_progress(r, &p);
	if (!quiet)
		printf("refreshed %zu feed%s: %zu new stor%s, %zu failed "
		    "(%zu not modified)\n", p.total, p.total == 1 ? "" : "s",
		    p.new_stories, p.new_stories == 1 ? "y" : "ies", p.failed,
		    p.not_modified);
	cmd_refresh_report(r);
	return p.failed > 0 ? 1 : 0;
}

/* The handler of SIGINT and SIGTERM: a flag, nothing else.  It is reset
 * by the first signal, so a second one ends the process at once. */
static void
cmd_refresh_signal(int sig)
{
	cmd_refresh_stop = sig;
}

/* Ask SIGINT and SIGTERM to stop the refresh cleanly. */
static void
cmd_refresh_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = cmd_refresh_signal;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* Stopped by a signal: what was done and what was not, and the failures
 * so far; the exit status, 128 + the signal. */
static int
cmd_refresh_interrupted(const struct refresh *r)
{
	struct refresh_progress p;

	refresh_progress(r, &p);
	fprintf(stderr, "hearsay: refresh interrupted: %zu of %zu feed%s done "
	    "(%zu new stor%s, %zu failed), %zu not fetched\n", p.done, p.total,
	    p.total == 1 ? "" : "s", p.new_stories,
	    p.new_stories == 1 ? "y" : "ies", p.failed, p.total - p.done);
	cmd_refresh_report(r);
	return 128 + (int)cmd_refresh_stop;
}

/* Drive the refresh to its end (or a stop signal), showing progress if
 * asked.  0 or -1. */
static int
cmd_refresh_loop(struct refresh *r, int show)
{
	struct refresh_progress last;
	int rc = 0;

	memset(&last, 0, sizeof last);
	if (show)
		cmd_refresh_show(r, &last, 1);
	while (!refresh_done(r) && !cmd_refresh_stop) {
		if (refresh_step(r, 200, -1, NULL) == -1) {
			rc = -1;
			break;
		}
		if (show)
			cmd_refresh_show(r, &last, 0);
	}
	if (show)
		fputs("\r\033[K", stderr);
	return rc;
}

/* The urls file read for a refresh: the feeds, whether the file is
 * there, and its problems ("PATH:N: problem" lines, or NULL). */
struct cmd_refresh_urls {
	struct feedlist	*fl;
	int		 exists;
	char		*warnings;
};

/* Load the urls file into u, and a note when it holds no feed.  -1 on
 * error (shown). */
static int
cmd_refresh_feeds(const char *path, int quiet, struct cmd_refresh_urls *u)
{
	char *err = NULL, *clean;

	u->exists = subs_load(path, &u->fl, &u->warnings, &err);
	if (u->exists == -1) {
		clean = text_clean(err, 0);
		fprintf(stderr, "hearsay: %s\n", clean);
		free(clean);
		free(err);
		return -1;
	}
	if (feedlist_count(u->fl) == 0 && !quiet) {
		clean = text_clean(path, 0);
		fprintf(stderr, "hearsay: no feeds in %s\n", clean);
		free(clean);
	}
	return 0;
}

/* FNV-1a (64 bits) of s, as 16 hex digits into out. */
static void
cmd_refresh_digest(const char *s, char out[17])
{
	uint64_t h = 14695981039346656037ull;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* Print the urls file's problems, one a line; quiet, only when they are
 * not those the last refresh of this urls file said (kept in the store,
 * st may be NULL).  The store remembers them said either way. */
static void
cmd_refresh_problems(struct store *st, const char *path,
    const char *warnings, int quiet)
{
	char digest[17], *key = xprintf("urls-problems:%s", path);
	char *last = NULL, *clean;

	cmd_refresh_digest(warnings != NULL ? warnings : "", digest);
	if (st != NULL && store_note_get(st, key, &last) == -1)
		last = NULL;
	if (warnings != NULL && (!quiet || last == NULL ||
	    strcmp(last, digest) != 0)) {
		clean = text_clean(warnings, TEXT_KEEP_LAYOUT);
		fputs(clean, stderr);
		free(clean);
	}
	/* Not being able to note it only means saying it again. */
	if (st != NULL && store_readonly(st) == NULL)
		store_note_put(st, key, digest, NULL);
	free(last);
	free(key);
}

/* Make the urls file's feeds the store's subscriptions (when there is a
 * urls file) and drop the stories of feeds gone from it for keep_days.
 * 0, or -1 with *err. */
static int
cmd_refresh_subscribe(struct store *st, const struct cmd_refresh_urls *u,
    int64_t keep_days, char **err)
{
	int64_t now = (int64_t)time(NULL);

	if (u->exists == 1 && subs_sync(st, u->fl, now, err) == -1)
		return -1;
	return store_prune_gone(st, keep_days * 24 * 3600, now, NULL, err);
}

/* Take the refresh options of the config file as defaults (the command
 * line overrides them), refresh-analyze into *analyze and the source into
 * *cs; its problems are shown, the rest still applies.  -1 only when a
 * config file named with -c cannot be read. */
static int
cmd_refresh_config(const struct cmd_globals *g, struct refresh_opts *opts,
    int *analyze, struct cmd_sync *cs)
{
	struct config *cfg = config_new();
	char *path, *err = NULL, *clean;
	size_t i;
	int rc = 0;

	path = g->config_path != NULL ? xstrdup(g->config_path) :
	    paths_config("config");
	if (config_load(cfg, path, g->config_path != NULL ?
	    CONFIG_MUST_EXIST : 0, &err) == -1) {
		clean = text_clean(err, 0);
		fprintf(stderr, "hearsay: %s\n", clean);
		free(clean);
		rc = -1;
		goto out;
	}
	for (i = 0; i < config_message_count(cfg); i++) {
		clean = text_clean(config_message(cfg, i), 0);
		fprintf(stderr, "hearsay: %s\n", clean);
		free(clean);
	}
	opts->fetch.max_parallel = (int)config_int(cfg, "max-parallel");
	opts->fetch.max_per_host = (int)config_int(cfg, "max-per-host");
	opts->fetch.total_timeout = config_int(cfg, "timeout");
	opts->keep_stories = config_int(cfg, "keep-stories");
	opts->keep_days = config_int(cfg, "keep-days");
	opts->fetch.max_body = (size_t)config_int(cfg, "max-feed-size") <<
	    20;
	*analyze = config_bool(cfg, "refresh-analyze");
	cmd_sync_from_config(cfg, cs);
out:
	free(err);
	free(path);
	config_free(cfg);
	return rc;
}

/* The quote engine's language data, or NULL (said unless quiet): the
 * stories are then stored unanalysed, for the reader to analyse. */
static struct quotes_lang *
cmd_refresh_lang(int quiet)
{
	struct quotes_lang *lang;
	char *err = NULL, *clean;

	lang = quotes_lang_find("en", &err);
	if (lang == NULL && !quiet) {
		clean = text_clean(err != NULL ? err : "no data", 0);
		fprintf(stderr, "hearsay: refresh: stories not analysed: %s\n",
		    clean);
		free(clean);
	}
	free(err);
	return lang;
}

int
cmd_refresh(int argc, char **argv, const struct cmd_globals *g)
{
	struct refresh_opts opts;
	struct cmd_refresh_urls u = { NULL, 0, NULL };
	struct store *st = NULL;
	struct refresh *r = NULL;
	char *urls = NULL, *db = NULL, *err = NULL, *clean;
	struct quotes_lang *lang = NULL;
	struct cmd_sync cs;
	int quiet = 0, analyze = 0, rc = 2;

	refresh_opts_default(&opts);
	memset(&cs, 0, sizeof cs);
	if (cmd_refresh_config(g, &opts, &analyze, &cs) == -1 ||
	    cmd_refresh_options(argc, argv, &opts, &quiet, &analyze) == -1) {
		cmd_sync_clear(&cs);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	cmd_refresh_signals();
	cmd_paths(g, &urls, &db);
	if (cs.on) {
		/* The server holds the subscriptions: no urls file. */
		if (store_open(&st, db, STORE_CREATE, &err) == -1)
			goto store_error;
		if (analyze)
			opts.lang = lang = cmd_refresh_lang(quiet);
		rc = cmd_sync_refresh(st, &cs, &opts, quiet,
		    &cmd_refresh_stop);
		goto out;
	}
	if (cmd_refresh_feeds(urls, quiet, &u) == -1)
		goto out;
	if (store_open(&st, db, STORE_CREATE, &err) == -1) {
		cmd_refresh_problems(NULL, urls, u.warnings, 0);
		goto store_error;
	}
	cmd_refresh_problems(st, urls, u.warnings, quiet);
	if (analyze)
		opts.lang = lang = cmd_refresh_lang(quiet);
	r = refresh_new(st, u.fl, &opts);
	/* The lock first: a second refresh must not sync meanwhile. */
	if (refresh_start(r, &err) == -1)
		goto store_error;
	if (cmd_refresh_subscribe(st, &u, opts.keep_days, &err) == -1) {
		clean = text_clean(err != NULL ? err : "failed", 0);
		fprintf(stderr, "hearsay: refresh stopped: store: %s\n", clean);
		free(clean);
		goto out;
	}
	if (cmd_refresh_loop(r, !quiet && isatty(STDERR_FILENO)) == -1 ||
	    refresh_store_error(r) != NULL) {
		/* A failed store stops the refresh: said once, exit 2, even
		 * when it failed for every feed before any transfer ran. */
		clean = text_clean(refresh_store_error(r) != NULL ?
		    refresh_store_error(r) : "transfers failed", 0);
		fprintf(stderr, "hearsay: refresh stopped: %s\n", clean);
		free(clean);
		goto out;
	}
	rc = cmd_refresh_stop ? cmd_refresh_interrupted(r) :
	    cmd_refresh_finish(r, quiet);
	goto out;

store_error:
	clean = text_clean(err != NULL ? err : "store failed", 0);
	fprintf(stderr, "hearsay: %s\n", clean);
	free(clean);
out:
	cmd_sync_clear(&cs);
	refresh_free(r);
	store_close(st);
	quotes_lang_free(lang);
	feedlist_free(u.fl);
	free(u.warnings);
	free(err);
	free(urls);
	free(db);
	return rc;
}

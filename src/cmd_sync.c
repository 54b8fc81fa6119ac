/*
 * cmd_sync.c - the commands' side of a feed server as the source (the
 * config's `source ttrss`): `hearsay refresh` syncs with it instead of
 * fetching the feeds, and `hearsay import-opml` subscribes on it.
 *
 * The front end only: the settings, the password (sync_secret_get, never
 * from the command line), progress, the summary and exit statuses.  It
 * must never print a byte from the server or the config without
 * text_clean(), and never print the password.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "hearsay/config.h"
#include "hearsay/feedlist.h"
#include "hearsay/paths.h"
#include "hearsay/refresh.h"
#include "hearsay/store.h"
#include "hearsay/sync.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

void
cmd_sync_from_config(const struct config *cfg, struct cmd_sync *cs)
{
	cmd_sync_clear(cs);
	cs->on = strcmp(config_str(cfg, "source"), "ttrss") == 0;
	cs->url = xstrdup(config_str(cfg, "ttrss-url"));
	cs->login = xstrdup(config_str(cfg, "ttrss-login"));
	cs->eval = xstrdup(config_str(cfg, "ttrss-passwordeval"));
	cs->file = xstrdup(config_str(cfg, "ttrss-passwordfile"));
}

void
cmd_sync_clear(struct cmd_sync *cs)
{
	free(cs->url);
	free(cs->login);
	free(cs->eval);
	free(cs->file);
	memset(cs, 0, sizeof *cs);
}

/* Say "hearsay: MSG" with MSG sanitised. */
static void
cmd_sync_say(const char *msg)
{
	char *clean = text_clean(msg, 0);

	fprintf(stderr, "hearsay: %s\n", clean);
	free(clean);
}

int
cmd_sync_load(const struct cmd_globals *g, struct cmd_sync *cs)
{
	struct config *cfg = config_new();
	char *path, *err = NULL;
	int rc = 0;

	memset(cs, 0, sizeof *cs);
	path = g->config_path != NULL ? xstrdup(g->config_path) :
	    paths_config("config");
	if (config_load(cfg, path, g->config_path != NULL ?
	    CONFIG_MUST_EXIST : 0, &err) == -1) {
		cmd_sync_say(err);
		rc = -1;
	} else
		cmd_sync_from_config(cfg, cs);
	free(err);
	free(path);
	config_free(cfg);
	return rc;
}

/* The sync's options, the password read; -1 (said) when there is none. */
static int
cmd_sync_opts(const struct cmd_sync *cs, struct sync_opts *o, char **password)
{
	char *err = NULL;

	memset(o, 0, sizeof *o);
	fetch_opts_default(&o->fetch);
	if (*cs->url == '\0' || *cs->login == '\0') {
		cmd_sync_say("source ttrss needs ttrss-url and ttrss-login in "
		    "the config file");
		return -1;
	}
	*password = sync_secret_get(cs->eval, cs->file, &err);
	if (*password == NULL) {
		cmd_sync_say(err);
		free(err);
		return -1;
	}
	o->url = cs->url;
	o->login = cs->login;
	o->password = *password;
	return 0;
}

/* Forget the password. */
static void
cmd_sync_forget(char *password)
{
	if (password != NULL)
		explicit_bzero(password, strlen(password));
	free(password);
}

/* Rewrite the progress line when it changed. */
static void
cmd_sync_show(const struct sync_ttrss *s, struct sync_progress *last)
{
	struct sync_progress p;

	sync_ttrss_progress(s, &p);
	if (p.requests == last->requests)
		return;
	*last = p;
	fprintf(stderr, "\rsyncing: %s, %zu articles, %zu new\033[K", p.phase,
	    p.articles, p.new_stories);
	fflush(stderr);
}

/* The summary of a sync that went well. */
static void
cmd_sync_summary(const struct sync_ttrss *s, const char *url)
{
	struct sync_progress p;
	char *clean = text_clean(url, 0);

	sync_ttrss_progress(s, &p);
	printf("synced with %s: %zu feed%s, %zu new stor%s, %zu mark%s sent, "
	    "%zu changed there", clean, p.feeds, p.feeds == 1 ? "" : "s",
	    p.new_stories, p.new_stories == 1 ? "y" : "ies", p.marks_sent,
	    p.marks_sent == 1 ? "" : "s", p.changed_there);
	if (p.feeds_gone > 0)
		printf(", %zu feed%s gone", p.feeds_gone,
		    p.feeds_gone == 1 ? "" : "s");
	printf(" (%zu requests)\n", p.requests);
	free(clean);
}

int
cmd_sync_refresh(struct store *st, const struct cmd_sync *cs,
    const struct refresh_opts *ro, int quiet, volatile sig_atomic_t *stop)
{
	struct sync_opts o;
	struct sync_ttrss *s;
	struct sync_progress last;
	char *password = NULL, *err = NULL;
	int show = !quiet && isatty(STDERR_FILENO), store_failed = 0, rc;

	if (cmd_sync_opts(cs, &o, &password) == -1)
		return 2;
	o.fetch = ro->fetch;
	o.lang = ro->lang;
	o.keep_days = ro->keep_days;
	s = sync_ttrss_new(st, &o);
	cmd_sync_forget(password);
	if (sync_ttrss_start(s, &err) == -1) {
		cmd_sync_say(err);
		free(err);
		sync_ttrss_free(s);
		return 2;
	}
	memset(&last, 0, sizeof last);
	while (!sync_ttrss_done(s) && !*stop) {
		if (sync_ttrss_step(s, 200, -1, NULL) == -1)
			break;
		if (show)
			cmd_sync_show(s, &last);
	}
	if (show)
		fputs("\r\033[K", stderr);
	if (!sync_ttrss_done(s)) {
		/* Stopped by a signal: every step commits whole, and a mark
		 * leaves the queue only once the server took it. */
		sync_ttrss_progress(s, &last);
		fprintf(stderr, "hearsay: refresh interrupted: the sync stopped while "
		    "%s (%zu new stor%s kept, %zu mark%s still to send)\n",
		    last.phase, last.new_stories, last.new_stories == 1 ? "y" :
		    "ies", last.marks_pending, last.marks_pending == 1 ? "" : "s");
		rc = 128 + (int)*stop;
	} else if (sync_ttrss_error(s, &store_failed) != NULL) {
		err = xprintf("refresh: %s", sync_ttrss_error(s, NULL));
		cmd_sync_say(err);
		free(err);
		rc = store_failed ? 2 : 1;
	} else {
		if (!quiet)
			cmd_sync_summary(s, cs->url);
		rc = 0;
	}
	sync_ttrss_free(s);
	return rc;
}

int
cmd_sync_subscribe(const struct cmd_sync *cs, const struct feedlist *fl)
{
	struct sync_opts o;
	char *password = NULL, *err = NULL;
	size_t i, done = 0, failed = 0;

	if (cmd_sync_opts(cs, &o, &password) == -1)
		return 2;
	for (i = 0; i < feedlist_count(fl); i++) {
		if (sync_ttrss_subscribe(&o, feedlist_get(fl, i)->url, &err) == -1) {
			cmd_sync_say(err);
			xfree(err);
			failed++;
		} else
			done++;
	}
	cmd_sync_forget(password);
	printf("subscribed to %zu feed%s on the server (%zu failed)\n", done,
	    done == 1 ? "" : "s", failed);
	return failed > 0 ? 1 : 0;
}

int
cmd_sync_change(const struct cmd_sync *cs, const char *url, int remove)
{
	struct sync_opts o;
	char *password = NULL, *err = NULL, *clean;
	int rc;

	if (cmd_sync_opts(cs, &o, &password) == -1)
		return 2;
	rc = remove ? sync_ttrss_unsubscribe(&o, url, &err) :
	    sync_ttrss_subscribe(&o, url, &err);
	cmd_sync_forget(password);
	if (rc == -1) {
		cmd_sync_say(err);
		free(err);
		return 1;
	}
	clean = text_clean(url, 0);
	if (remove)
		printf("unsubscribed on the server: %s (the store follows at the "
		    "next refresh)\n", clean);
	else
		printf("subscribed on the server: %s (its stories come with the "
		    "next refresh)\n", clean);
	free(clean);
	return 0;
}

/*
 * cmd_reader.c - `hearsay` with no command on a terminal: read the config
 * (options and key bindings) and the urls file, open the store, make the
 * urls file's feeds its subscriptions and run the interactive reader.  A
 * bad config or urls-file line never stops the reader: it starts with the
 * defaults (or without that feed) and shows the problem (file, line,
 * what) on the status line.  Prints the reader's log, one problem a line,
 * to stderr only after curses gave the terminal back.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "hearsay/buf.h"
#include "hearsay/config.h"
#include "hearsay/feedlist.h"
#include "hearsay/paths.h"
#include "hearsay/store.h"
#include "hearsay/subs.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "ui/ui.h"

/* Options from the config (typed getters never fail for table rows). */
static void
reader_opts(struct ui_opts *o, const struct config *cfg)
{
	const char *browser = config_str(cfg, "browser");

	memset(o, 0, sizeof(*o));
	o->show_read = config_bool(cfg, "show-read");
	o->mark_read_on_open = config_bool(cfg, "mark-read-on-open");
	o->oldest_first = strcmp(config_str(cfg, "sort"), "oldest") == 0;
	o->wrap_width = (int)config_int(cfg, "wrap-width");
	o->osc52 = config_bool(cfg, "osc52");
	o->refresh_on_start = config_bool(cfg, "refresh-on-start");
	o->auto_refresh = config_int(cfg, "auto-refresh");
	o->browser = *browser != '\0' ? xstrdup(browser) : NULL;
	o->theme = xstrdup(config_str(cfg, "theme"));
	o->date_format = xstrdup(config_str(cfg, "date-format"));
	o->max_parallel = (int)config_int(cfg, "max-parallel");
	o->max_per_host = (int)config_int(cfg, "max-per-host");
	o->timeout = config_int(cfg, "timeout");
	o->keep_stories = config_int(cfg, "keep-stories");
	o->keep_days = config_int(cfg, "keep-days");
	o->pane_quotes_folded = ascii_casecmp(config_str(cfg,
	    "pane-quotes"), "folded") == 0;
	o->pane_attrib_folded = ascii_casecmp(config_str(cfg,
	    "pane-attribution"), "folded") == 0;
	o->sources_days = config_int(cfg, "sources-days");
	o->ttrss = strcmp(config_str(cfg, "source"), "ttrss") == 0;
	o->ttrss_url = xstrdup(config_str(cfg, "ttrss-url"));
	o->ttrss_login = xstrdup(config_str(cfg, "ttrss-login"));
	o->ttrss_passwordeval = xstrdup(config_str(cfg, "ttrss-passwordeval"));
	o->ttrss_passwordfile = xstrdup(config_str(cfg, "ttrss-passwordfile"));
	o->confirm_feed = config_bool(cfg, "confirm-mark-feed-read");
	o->confirm_all = config_bool(cfg, "confirm-mark-all-feeds-read");
	o->confirm_over = config_int(cfg, "confirm-mark-threshold");
	o->feed_sort = xstrdup(config_str(cfg, "feed-sort-order"));
	o->max_body = (size_t)config_int(cfg, "max-feed-size") << 20;
}

/* Free what the options own. */
static void
reader_opts_free(struct ui_opts *o)
{
	free(o->browser);
	free(o->theme);
	free(o->date_format);
	free(o->feed_sort);
	free(o->message);
	free(o->urls_path);
	free(o->db_path);
	free(o->ttrss_url);
	free(o->ttrss_login);
	free(o->ttrss_passwordeval);
	free(o->ttrss_passwordfile);
	feedlist_free(o->subs);
	free(o->subs_problems);
}

/* Read the urls file into o->subs, its problems into the log (one a
 * line, as the config file's) and o->subs_problems; *exists says whether
 * there is one. */
static void
reader_urls(struct ui_opts *o, struct buf *log, int *exists)
{
	char *err = NULL;

	*exists = subs_load(o->urls_path, &o->subs, &o->subs_problems, &err);
	if (*exists == -1) {
		buf_printf(log, "%s\n", err);
		free(err);
		o->subs = NULL;
		*exists = 0;
	}
	if (o->subs_problems != NULL)
		buf_addstr(log, o->subs_problems);
}

/* Make the urls file's feeds the store's subscriptions; a store that
 * cannot take it (read-only) is shown as it is. */
static void
reader_sync(struct store *st, const struct ui_opts *o, int exists,
    struct buf *log)
{
	char *err = NULL;

	if (!exists || store_readonly(st) != NULL)
		return;
	if (subs_sync(st, o->subs, (int64_t)time(NULL), &err) == -1)
		buf_printf(log, "%s: the feeds of the urls file not taken: %s\n",
		    o->db_path, err != NULL ? err : "failed");
	free(err);
}

/* Apply the config's bind/unbind lines to the keymap; problems are added
 * to log as "FILE:LINE: problem". */
static void
reader_binds(const struct config *cfg, struct buf *log)
{
	const struct config_bind *b;
	char *err = NULL, *clean;
	size_t i;
	int rc;

	for (i = 0; i < config_bind_count(cfg); i++) {
		b = config_bind_get(cfg, i);
		rc = b->action != NULL ?
		    ui_keymap_bind(b->key, b->action, &err) :
		    ui_keymap_unbind(b->key, &err);
		if (rc == -1) {
			/* The key as written may hold anything: clean it. */
			clean = text_clean(err, 0);
			buf_printf(log, "%s:%d: %s\n", b->file, b->line, clean);
			free(clean);
			xfree(err);
		}
	}
}

struct config *
cmd_reader_config(const struct cmd_globals *g, struct buf *log)
{
	struct config *cfg = config_new();
	char *path, *err = NULL;
	size_t i;

	path = g->config_path != NULL ? xstrdup(g->config_path) :
	    paths_config("config");
	if (config_load(cfg, path, g->config_path != NULL ?
	    CONFIG_MUST_EXIST : 0, &err) == -1) {
		buf_printf(log, "%s\n", err);
		free(err);
	}
	for (i = 0; i < config_message_count(cfg); i++)
		buf_printf(log, "%s\n", config_message(cfg, i));
	ui_keymap_init();
	reader_binds(cfg, log);
	free(path);
	return cfg;
}

/* Where "FILE:LINE: " ends in a log line, so the status line can show the
 * file's base name (the full path is in the log); 0 if it has none. */
static size_t
reader_file_end(const char *s, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (s[i] != ':')
			continue;
		for (j = i + 1; j < n && s[j] >= '0' && s[j] <= '9'; j++)
			;
		if (j > i + 1 && j + 1 < n && s[j] == ':' && s[j + 1] == ' ')
			return i;
	}
	return 0;
}

/* The first line of the log for the status line, saying how many there
 * are in all (the log is printed after exit).  Caller frees. */
static char *
reader_first_message(const struct buf *log)
{
	const char *s = buf_str(log), *p, *base;
	size_t n = strcspn(s, "\n"), more = 0, end;

	for (p = s + n; *p != '\0'; p++) {
		if (*p == '\n' && p[1] != '\0')
			more++;
	}
	end = reader_file_end(s, n);
	base = s;
	for (p = s; p < s + end; p++) {
		if (*p == '/')
			base = p + 1;
	}
	n -= (size_t)(base - s);
	if (more == 0)
		return xstrndup(base, n);
	return xprintf("%zu problems (all shown on exit), first: %.*s",
	    more + 1, (int)n, base);
}

int
cmd_reader(const struct cmd_globals *g)
{
	struct store *st = NULL;
	struct config *cfg;
	struct ui_opts opts;
	struct buf log;
	char *db, *err = NULL, *clean;
	int rc = 2, exists;

	buf_init(&log, 64 * 1024);
	cfg = cmd_reader_config(g, &log);
	reader_opts(&opts, cfg);
	cmd_paths(g, &opts.urls_path, &db);
	/* With a feed server as the source, it holds the subscriptions. */
	exists = 0;
	if (!opts.ttrss)
		reader_urls(&opts, &log, &exists);
	if (log.len > 0)
		opts.message = reader_first_message(&log);
	/* A store it may not write is read: marks then say they are not
	 * saved.  The messages name the store themselves. */
	if (store_open(&st, db, STORE_CREATE | STORE_READ_ANYWAY,
	    &err) == -1) {
		clean = text_clean(err, 0);
		fprintf(stderr, "hearsay: %s\n", clean);
		free(clean);
		goto out;
	}
	opts.db_path = xstrdup(db);
	reader_sync(st, &opts, exists, &log);
	rc = ui_run(st, &opts, &log) == 0 ? 0 : 2;
	/* The reader took the urls file over. */
	opts.subs = NULL;
	opts.subs_problems = NULL;
out:
	if (log.len > 0)
		fputs(buf_str(&log), stderr);
	store_close(st);
	ui_keymap_free();
	config_free(cfg);
	buf_free(&log);
	reader_opts_free(&opts);
	free(err);
	free(db);
	return rc;
}

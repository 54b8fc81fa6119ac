/*
 * ui_refresh.c - `r` and `R`: refresh one feed or all of them in the
 * background, driven by the reader's own event loop.
 *
 * The refresh object (refresh.h) runs its transfers in refresh_step(),
 * which also waits on stdin, so keys keep working while feeds come in;
 * each stored feed reloads the views and the status line shows progress.
 * The refresh writes through a store handle of its own, closed when it is
 * done: the refresh lock lasts as long as a handle, and cron's `hearsay
 * refresh` must not be shut out for the life of the reader.  Never
 * blocks on the network and never prints.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hearsay/feedlist.h"
#include "hearsay/refresh.h"
#include "hearsay/store.h"
#include "hearsay/util.h"
#include "ui/ui.h"

/* A feed of the store into the list (when the urls file has none). */
static int
refresh_add_feed(const struct store_feed *f, void *arg)
{
	feedlist_add(arg, f->url, NULL, NULL, 0);
	return 0;
}

/* Every subscription: the urls file, else the feeds already stored. */
static struct feedlist *
refresh_list_all(struct ui *ui)
{
	struct feedlist *fl = feedlist_new();
	char *warnings = NULL, *err = NULL;

	if (ui->opts.urls_path != NULL &&
	    feedlist_load(fl, ui->opts.urls_path, &warnings, &err) == -1)
		ui_log(ui, "%s", err);
	if (warnings != NULL && *warnings != '\0')
		ui_log(ui, "%s", warnings);
	free(warnings);
	free(err);
	if (feedlist_count(fl) == 0)
		store_feeds_each(ui->st, refresh_add_feed, fl);
	return fl;
}

/* Refresh callback: a feed is stored; log a failure, show the new counts. */
static void
refresh_on_feed(const struct refresh_outcome *o, void *arg)
{
	struct ui *ui = arg;

	if (o->error != NULL)
		ui_log(ui, "%s: %s", o->url, o->error);
	ui->refresh_news = 1;
}

/* Reload the views for stored feeds, at most a few times a second: a
 * refresh of hundreds of feeds must not reread the feed list per feed. */
static void
refresh_show(struct ui *ui)
{
	int64_t t = ui_now();

	if (!ui->refresh_news || t - ui->refresh_shown < 300)
		return;
	ui->refresh_news = 0;
	ui->refresh_shown = t;
	ui_changed(ui);
}

void
ui_refresh_start(struct ui *ui, int64_t feed_id)
{
	struct refresh_opts ro;
	struct store_feed f;
	char *err = NULL;

	if (ui->refresh != NULL) {
		ui_status(ui, 1, "A refresh is already running");
		return;
	}
	if (feed_id == 0) {
		ui->refresh_fl = refresh_list_all(ui);
	} else {
		memset(&f, 0, sizeof(f));
		if (store_feed_get(ui->st, feed_id, &f) == -1)
			return;
		ui->refresh_fl = feedlist_new();
		feedlist_add(ui->refresh_fl, f.url, NULL, NULL, 0);
		store_feed_clear(&f);
	}
	if (store_open(&ui->refresh_st, ui->opts.db_path, 0, &err) == -1) {
		ui_status(ui, 1, "Refresh: %s", err);
		free(err);
		ui_refresh_stop(ui);
		return;
	}
	refresh_opts_default(&ro);
	ro.fetch.max_parallel = ui->opts.max_parallel;
	ro.fetch.max_per_host = ui->opts.max_per_host;
	ro.fetch.total_timeout = ui->opts.timeout;
	ro.keep_stories = ui->opts.keep_stories;
	ro.keep_days = ui->opts.keep_days;
	ro.on_feed = refresh_on_feed;
	ro.on_feed_arg = ui;
	/* The reader analyses what arrives when it is idle (ui_analyze.c). */
	ro.lang = NULL;
	ui->refresh = refresh_new(ui->refresh_st, ui->refresh_fl, &ro);
	if (refresh_start(ui->refresh, &err) == -1) {
		ui_status(ui, 1, "Refresh: %s", err);
		free(err);
		ui_refresh_stop(ui);
		return;
	}
	free(ui->status);
	ui->status = NULL;
}

void
ui_refresh_stop(struct ui *ui)
{
	if (ui->refresh != NULL)
		ui_analyze_start(ui);
	refresh_free(ui->refresh);
	ui->refresh = NULL;
	feedlist_free(ui->refresh_fl);
	ui->refresh_fl = NULL;
	store_close(ui->refresh_st);
	ui->refresh_st = NULL;
}

void
ui_refresh_progress(struct ui *ui, struct buf *b)
{
	struct refresh_progress p;

	refresh_progress(ui->refresh, &p);
	buf_printf(b, "Refreshing: %zu of %zu feeds, %zu new %s", p.done,
	    p.total, p.new_stories, p.new_stories == 1 ? "story" : "stories");
	if (p.failed > 0)
		buf_printf(b, ", %zu failed", p.failed);
}

/* Run transfers while waiting for a key; signals may interrupt. */
void
ui_refresh_step(struct ui *ui, const sigset_t *wait_mask)
{
	struct refresh_progress p;
	struct buf b = BUF_INIT;
	sigset_t old;
	int ready = 0;

	sigprocmask(SIG_SETMASK, wait_mask, &old);
	if (refresh_step(ui->refresh, 200, STDIN_FILENO, &ready) == -1) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		/* Over: the store failed (or the transfers did). */
		ui_status(ui, 1, "Refresh stopped: %s",
		    refresh_store_error(ui->refresh) != NULL ?
		    refresh_store_error(ui->refresh) : "transfers failed");
		ui_refresh_stop(ui);
		ui_changed(ui);
		return;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (!refresh_done(ui->refresh)) {
		refresh_show(ui);
		return;
	}
	refresh_progress(ui->refresh, &p);
	buf_printf(&b, "Refreshed %zu %s: %zu new %s", p.total,
	    p.total == 1 ? "feed" : "feeds", p.new_stories,
	    p.new_stories == 1 ? "story" : "stories");
	if (p.failed > 0)
		buf_printf(&b, ", %zu failed (e on a feed says why)", p.failed);
	ui_status(ui, p.failed > 0, "%s", buf_str(&b));
	buf_free(&b);
	ui_refresh_stop(ui);
	ui_changed(ui);
}

/*
 * ui_refresh.c - `r` and `R`: refresh one feed or all of them in the
 * background, driven by the reader's own event loop.
 *
 * The refresh object (refresh.h) runs its transfers in refresh_step(),
 * which also waits on stdin, so keys keep working while feeds come in;
 * each stored feed reloads the views and the status line shows progress.
 * The refresh writes through a store handle of its own, closed when it is
 * done: the refresh lock lasts as long as a handle, and cron's `hearsay
 * refresh` must not be shut out for the life of the reader.  The
 * auto-refresh timer is kept here too, and the urls file as the reader
 * last read it: a refresh of every feed reads it again, makes its feeds
 * the store's subscriptions (the feed list follows) and logs its
 * problems when they changed.  With source ttrss, r and R sync with the
 * feed server instead (sync.h), stepped the same way; the server holds
 * the subscriptions then, and the urls file is not read.  Never blocks on
 * the network and never prints.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hearsay/feedlist.h"
#include "hearsay/refresh.h"
#include "hearsay/store.h"
#include "hearsay/subs.h"
#include "hearsay/sync.h"
#include "hearsay/util.h"
#include "ui/ui.h"

/* Reload the views at most this often while feeds come in (ms). */
#define UI_REFRESH_SHOW_MS 300

struct ui_refresh {
	struct refresh	*run;		/* running, or NULL */
	struct sync_ttrss *sync;	/* or the feed server's sync */
	int		 news;		/* feeds stored since the last reload */
	int64_t		 shown;		/* when the views were last reloaded */
	struct store	*st;		/* its own handle: see above */
	struct feedlist	*fl;		/* the running refresh's own list (one
					 * feed), or NULL: it runs on subs */
	struct feedlist	*subs;		/* the urls file as last read, or NULL */
	char		*problems;	/* its problems as last said, or NULL */
	char		*new_problems;	/* what the running refresh found new
					 * in them, for its last word, or NULL */
	int64_t		 next;		/* monotonic ms of the auto-refresh */
};

/* Drop the running refresh, if any: what it stored is analysed next, in
 * the background. */
static void
ui_refresh_stop(struct ui *ui)
{
	struct ui_refresh *rf = ui->refresh;

	if (rf->run != NULL || rf->sync != NULL)
		ui_analyze_start(ui);
	refresh_free(rf->run);
	rf->run = NULL;
	sync_ttrss_free(rf->sync);
	rf->sync = NULL;
	feedlist_free(rf->fl);
	rf->fl = NULL;
	store_close(rf->st);
	rf->st = NULL;
	xfree(rf->new_problems);
}

void
ui_refresh_init(struct ui *ui)
{
	ui->refresh = xcalloc(1, sizeof(*ui->refresh));
	if (ui->opts.auto_refresh > 0)
		ui->refresh->next = ui_now() + ui->opts.auto_refresh * 60000;
	/* The urls file read at start is ours now. */
	ui->refresh->subs = ui->opts.subs;
	ui->refresh->problems = ui->opts.subs_problems;
	ui->opts.subs = NULL;
	ui->opts.subs_problems = NULL;
}

void
ui_refresh_free(struct ui *ui)
{
	if (ui->refresh == NULL)
		return;
	ui_refresh_stop(ui);
	feedlist_free(ui->refresh->subs);
	free(ui->refresh->problems);
	free(ui->refresh);
	ui->refresh = NULL;
}

const struct feedlist *
ui_refresh_subs(const struct ui *ui)
{
	return ui->refresh != NULL ? ui->refresh->subs : NULL;
}

int
ui_refresh_running(const struct ui *ui)
{
	return ui->refresh != NULL && (ui->refresh->run != NULL ||
	    ui->refresh->sync != NULL);
}

/* A feed of the store into the list (when the urls file has none). */
static int
refresh_add_feed(const struct store_feed *f, void *arg)
{
	feedlist_add(arg, f->url, NULL, NULL, 0);
	return 0;
}

/* Where the status line starts a "PATH:N: problem" line: after the last
 * '/' of PATH, so that the line number stays in sight. */
static const char *
refresh_problem_base(const char *line)
{
	const char *p, *base = line, *d;

	for (p = line; *p != '\0' && *p != '\n'; p++) {
		if (*p == '/')
			base = p + 1;
		if (*p != ':')
			continue;
		for (d = p + 1; *d >= '0' && *d <= '9'; d++)
			;
		if (d > p + 1 && d[0] == ':' && d[1] == ' ')
			break;
	}
	return base;
}

/* Non-zero when the lines of said hold line (len bytes, no newline). */
static int
refresh_said(const char *said, const char *line, size_t len)
{
	const char *p, *nl;

	for (p = said; p != NULL && *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		if ((size_t)(nl - p) == len && memcmp(p, line, len) == 0)
			return 1;
	}
	return 0;
}

/* The urls file's problems, read again: each one not said before goes
 * to the log (one a line, printed on exit), and the status line says the
 * first and how many more.  problems is taken over. */
static void
refresh_problems(struct ui *ui, char *problems)
{
	struct ui_refresh *rf = ui->refresh;
	const char *p, *nl, *first = NULL;
	size_t n = 0;

	for (p = problems; p != NULL && *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		if (refresh_said(rf->problems, p, (size_t)(nl - p)))
			continue;
		ui_log(ui, "%.*s", (int)(nl - p), p);
		if (n++ == 0)
			first = p;
	}
	free(rf->problems);
	rf->problems = problems;
	if (n == 0)
		return;
	first = refresh_problem_base(first);
	free(rf->new_problems);
	/* The line first: on a narrow status line it is what matters. */
	if (n == 1)
		rf->new_problems = xprintf("%.*s (shown again on exit)",
		    (int)strcspn(first, "\n"), first);
	else
		rf->new_problems = xprintf("%.*s (and %zu more new problems, all "
		    "shown on exit)", (int)strcspn(first, "\n"), first, n - 1);
	ui_status(ui, 1, "%s", rf->new_problems);
}

/* Every subscription: the urls file read again (ours from now on, and
 * *synced set when there is one), else the feeds already stored (a list
 * of the refresh's own in rf->fl).  NULL when there is nothing to
 * refresh (said). */
static struct feedlist *
refresh_list_all(struct ui *ui, int *synced)
{
	struct ui_refresh *rf = ui->refresh;
	struct feedlist *fl = NULL;
	char *warnings = NULL, *err = NULL;
	int exists = 0;

	*synced = 0;
	if (ui->opts.urls_path != NULL)
		exists = subs_load(ui->opts.urls_path, &fl, &warnings, &err);
	if (exists == -1) {
		/* Unreadable: the list stays as it was read last. */
		ui_status(ui, 1, "Refresh: %s", err);
		ui_log(ui, "%s", err);
		free(err);
		return NULL;
	}
	refresh_problems(ui, warnings);
	if (exists == 1) {
		feedlist_free(rf->subs);
		rf->subs = fl;
		*synced = 1;
		return fl;
	}
	/* No urls file: the store's feeds are all there is to go by. */
	feedlist_free(fl);
	rf->fl = feedlist_new();
	store_feeds_each(ui->st, refresh_add_feed, rf->fl);
	return rf->fl;
}

/* Make the urls file's feeds the store's subscriptions through the
 * refresh's handle, and drop the stories of feeds gone for keep-days.
 * 0, or -1 (said). */
static int
refresh_subscribe(struct ui *ui)
{
	struct ui_refresh *rf = ui->refresh;
	int64_t now = (int64_t)time(NULL);
	char *err = NULL;

	if (subs_sync(rf->st, rf->subs, now, &err) == -1 ||
	    store_prune_gone(rf->st, ui->opts.keep_days * 24 * 3600, now,
	    NULL, &err) == -1) {
		ui_status(ui, 1, "Refresh: the urls file not taken: %s",
		    err != NULL ? err : "store failed");
		free(err);
		return -1;
	}
	return 0;
}

/* Refresh callback: a feed is stored; log a failure, show the new counts. */
static void
refresh_on_feed(const struct refresh_outcome *o, void *arg)
{
	struct ui *ui = arg;

	if (o->error != NULL)
		ui_log(ui, "%s: %s", o->url, o->error);
	ui->refresh->news = 1;
}

/* Reload the views for stored feeds, at most a few times a second: a
 * refresh of hundreds of feeds must not reread the feed list per feed. */
static void
refresh_show(struct ui *ui)
{
	struct ui_refresh *rf = ui->refresh;
	int64_t t = ui_now();

	if (!rf->news || t - rf->shown < UI_REFRESH_SHOW_MS)
		return;
	rf->news = 0;
	rf->shown = t;
	ui_changed(ui);
}

/* The feeds to refresh: one (feed_id, a list of the refresh's own), or
 * every subscription (0; *synced as refresh_list_all); NULL when there
 * is none. */
static struct feedlist *
refresh_list(struct ui *ui, int64_t feed_id, int *synced)
{
	struct store_feed f;

	*synced = 0;
	if (feed_id == 0)
		return refresh_list_all(ui, synced);
	memset(&f, 0, sizeof(f));
	if (store_feed_get(ui->st, feed_id, &f) == -1)
		return NULL;
	ui->refresh->fl = feedlist_new();
	feedlist_add(ui->refresh->fl, f.url, NULL, NULL, 0);
	store_feed_clear(&f);
	return ui->refresh->fl;
}

/* The refresh options from the reader's. */
static void
refresh_options(struct ui *ui, struct refresh_opts *ro)
{
	refresh_opts_default(ro);
	ro->fetch.max_parallel = ui->opts.max_parallel;
	ro->fetch.max_per_host = ui->opts.max_per_host;
	ro->fetch.total_timeout = ui->opts.timeout;
	ro->keep_stories = ui->opts.keep_stories;
	ro->keep_days = ui->opts.keep_days;
	if (ui->opts.max_body > 0)
		ro->fetch.max_body = ui->opts.max_body;
	ro->on_feed = refresh_on_feed;
	ro->on_feed_arg = ui;
	/* The reader analyses what arrives when it is idle (ui_analyze.c). */
	ro->lang = NULL;
}

/* Start a sync with the feed server (every feed: it is one exchange). */
static void
ui_refresh_sync_start(struct ui *ui)
{
	struct ui_refresh *rf = ui->refresh;
	struct sync_opts so;
	char *password, *err = NULL;

	memset(&so, 0, sizeof so);
	fetch_opts_default(&so.fetch);
	so.fetch.total_timeout = ui->opts.timeout;
	if (ui->opts.max_body > 0)
		so.fetch.max_body = ui->opts.max_body;
	so.keep_days = ui->opts.keep_days;
	so.url = ui->opts.ttrss_url;
	so.login = ui->opts.ttrss_login;
	password = sync_secret_get(ui->opts.ttrss_passwordeval,
	    ui->opts.ttrss_passwordfile, &err);
	if (password == NULL ||
	    store_open(&rf->st, ui->opts.db_path, 0, &err) == -1)
		goto fail;
	so.password = password;
	rf->sync = sync_ttrss_new(rf->st, &so);
	explicit_bzero(password, strlen(password));
	xfree(password);
	if (sync_ttrss_start(rf->sync, &err) == -1)
		goto fail;
	ui_status_clear(ui);
	return;
fail:
	ui_status(ui, 1, "Sync: %s", err);
	free(err);
	free(password);
	ui_refresh_stop(ui);
}

/* Step the sync while waiting for a key; its end said on the status
 * line. */
static void
ui_refresh_sync_step(struct ui *ui, const sigset_t *wait_mask)
{
	struct sync_ttrss *s = ui->refresh->sync;
	struct sync_progress p;
	sigset_t old;
	int ready = 0;

	sigprocmask(SIG_SETMASK, wait_mask, &old);
	sync_ttrss_step(s, 200, STDIN_FILENO, &ready);
	sigprocmask(SIG_SETMASK, &old, NULL);
	sync_ttrss_progress(s, &p);
	if (!sync_ttrss_done(s)) {
		if (p.articles > 0)
			ui->refresh->news = 1;
		refresh_show(ui);
		return;
	}
	if (sync_ttrss_error(s, NULL) != NULL)
		ui_status(ui, 1, "Sync: %s", sync_ttrss_error(s, NULL));
	else
		ui_status(ui, 0, "Synced: %zu new %s, %zu %s sent, %zu changed "
		    "there", p.new_stories, p.new_stories == 1 ? "story" :
		    "stories", p.marks_sent, p.marks_sent == 1 ? "mark" :
		    "marks", p.changed_there);
	ui_refresh_stop(ui);
	ui_changed(ui);
}

void
ui_refresh_start(struct ui *ui, int64_t feed_id)
{
	struct ui_refresh *rf = ui->refresh;
	const struct feedlist *fl;
	struct refresh_opts ro;
	char *err = NULL;
	int synced;

	if (rf->run != NULL || rf->sync != NULL) {
		ui_status(ui, 1, "A refresh is already running");
		return;
	}
	if (ui->opts.ttrss) {
		ui_refresh_sync_start(ui);
		return;
	}
	ui_status_clear(ui);
	if ((fl = refresh_list(ui, feed_id, &synced)) == NULL)
		return;
	if (store_open(&rf->st, ui->opts.db_path, 0, &err) == -1) {
		ui_status(ui, 1, "Refresh: %s", err);
		free(err);
		ui_refresh_stop(ui);
		return;
	}
	refresh_options(ui, &ro);
	rf->run = refresh_new(rf->st, fl, &ro);
	if (refresh_start(rf->run, &err) == -1) {
		ui_status(ui, 1, "Refresh: %s", err);
		free(err);
		ui_refresh_stop(ui);
		return;
	}
	/* Under the lock: no other refresh syncs meanwhile.  The feed list
	 * shows the urls file's feeds at once, fetched or not. */
	if (synced && refresh_subscribe(ui) == 0)
		ui_changed(ui);
}

void
ui_refresh_progress(struct ui *ui, struct buf *b)
{
	struct refresh_progress p;
	struct sync_progress sp;

	if (ui->refresh->sync != NULL) {
		sync_ttrss_progress(ui->refresh->sync, &sp);
		buf_printf(b, "Syncing: %s, %zu new %s", sp.phase,
		    sp.new_stories, sp.new_stories == 1 ? "story" : "stories");
		return;
	}
	refresh_progress(ui->refresh->run, &p);
	buf_printf(b, "Refreshing: %zu of %zu feeds, %zu new %s", p.done,
	    p.total, p.new_stories, p.new_stories == 1 ? "story" : "stories");
	if (p.failed > 0)
		buf_printf(b, ", %zu failed", p.failed);
}

/* Run transfers while waiting for a key; signals may interrupt. */
void
ui_refresh_step(struct ui *ui, const sigset_t *wait_mask)
{
	struct refresh *r = ui->refresh->run;
	struct refresh_progress p;
	struct buf b = BUF_INIT;
	sigset_t old;
	int ready = 0;

	if (ui->refresh->sync != NULL) {
		ui_refresh_sync_step(ui, wait_mask);
		return;
	}
	sigprocmask(SIG_SETMASK, wait_mask, &old);
	if (refresh_step(r, 200, STDIN_FILENO, &ready) == -1) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		/* Over: the store failed (or the transfers did). */
		ui_status(ui, 1, "Refresh stopped: %s",
		    refresh_store_error(r) != NULL ? refresh_store_error(r) :
		    "transfers failed");
		ui_refresh_stop(ui);
		ui_changed(ui);
		return;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (!refresh_done(r)) {
		refresh_show(ui);
		return;
	}
	refresh_progress(r, &p);
	buf_printf(&b, "Refreshed %zu %s: %zu new %s", p.total,
	    p.total == 1 ? "feed" : "feeds", p.new_stories,
	    p.new_stories == 1 ? "story" : "stories");
	if (p.failed > 0)
		buf_printf(&b, ", %zu failed (e on a feed says why)", p.failed);
	/* New problems of the urls file stay in sight. */
	if (ui->refresh->new_problems != NULL)
		ui_status(ui, 1, "%s; %s", buf_str(&b),
		    ui->refresh->new_problems);
	else if (p.total == 0)
		ui_status(ui, 0, "No feeds to refresh: the feed list says how "
		    "to add some");
	else
		ui_status(ui, p.failed > 0, "%s", buf_str(&b));
	buf_free(&b);
	ui_refresh_stop(ui);
	ui_changed(ui);
}

const struct timespec *
ui_refresh_timer(const struct ui *ui, struct timespec *ts)
{
	int64_t left, next = ui->refresh->next;

	if (next == 0)
		return NULL;
	left = next - ui_now();
	if (left < 0)
		left = 0;
	ts->tv_sec = (time_t)(left / 1000);
	ts->tv_nsec = (long)(left % 1000) * 1000000;
	return ts;
}

void
ui_refresh_tick(struct ui *ui)
{
	struct ui_refresh *rf = ui->refresh;

	if (rf->next == 0 || ui_now() < rf->next)
		return;
	if (rf->run == NULL && rf->sync == NULL)
		ui_refresh_start(ui, 0);
	rf->next = ui_now() + (int64_t)ui->opts.auto_refresh * 60000;
}

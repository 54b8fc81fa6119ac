/*
 * ui_analyze.c - the reader finds the quotes of the stories that `hearsay
 * refresh` stored without them: the rows on screen when they are drawn,
 * then the rest a few stories at a time while the reader waits for keys.
 *
 * Each story is analysed once, through analyze.h, into the store the
 * reader reads: the list's counts, the Sources view and the name searches
 * all come from there.  It must never hold a key up for more than a slice
 * (UI_ANALYZE_SLICE_MS of idle work, UI_ANALYZE_DRAW_MS of a draw), never
 * run beside a refresh of the reader's (which has the store's write lock
 * for its feeds), and never print: failures go to the log, once.  On a
 * store the reader may not write nothing is analysed in the background
 * (the pager still analyses the story it opens, for its panes only).
 */
#include "config.h"

#include <stdlib.h>

#include "hearsay/analyze.h"
#include "hearsay/quotes.h"
#include "hearsay/store.h"
#include "hearsay/util.h"
#include "ui/ui.h"

/* At most this long analysing the rows of one draw. */
#define UI_ANALYZE_DRAW_MS 50
/* At most this long (past the first story) per slice of idle work. */
#define UI_ANALYZE_SLICE_MS 20
/* Stories read per slice. */
#define UI_ANALYZE_SLICE_N 4
/* At most this long analysing the Sources window when it opens. */
#define UI_ANALYZE_WINDOW_MS 300
/* Idle results reach the screen at most this often (ms). */
#define UI_ANALYZE_SHOW_MS 250

struct ui_analyze {
	int	 idle;		/* the background may have work left */
	int64_t	 after;		/* ... above this story id */
	int64_t	 since;		/* the Sources window first, or 0 */
	int64_t	 since_after;
	int64_t	 since_left;	/* stories of it left */
	int	 more;		/* the draw left visible rows */
	int	 failed;	/* the store takes none: stop trying */
	int64_t	 shown;		/* when idle results were last drawn */
};

void
ui_analyze_init(struct ui *ui)
{
	ui->analyze = xcalloc(1, sizeof(*ui->analyze));
	/* A store the reader may not write takes no analysis: not tried. */
	ui->analyze->failed = store_readonly(ui->st) != NULL;
}

void
ui_analyze_free(struct ui *ui)
{
	free(ui->analyze);
	ui->analyze = NULL;
}

/* The language data, or NULL when there is none or the store took no
 * analysis: then nothing is analysed this run. */
static const struct quotes_lang *
ui_analyze_lang(struct ui *ui)
{
	if (ui->analyze->failed)
		return NULL;
	return ui_lang(ui);
}

/* The store refused an analysis: say so once and stop analysing. */
static void
ui_analyze_fail(struct ui *ui, const char *err)
{
	struct ui_analyze *an = ui->analyze;

	an->failed = 1;
	an->idle = 0;
	an->more = 0;
	an->since = 0;
	ui_log(ui, "analysis: %s", err != NULL ? err : "failed");
}

void
ui_analyze_start(struct ui *ui)
{
	ui->analyze->idle = 1;
	ui->analyze->after = 0;
}

int
ui_analyze_rows(struct ui *ui, const int64_t *ids, size_t n)
{
	const struct quotes_lang *lang;
	char *err = NULL;
	size_t done = 0;
	int rc;

	if (n == 0 || (lang = ui_analyze_lang(ui)) == NULL)
		return 0;
	rc = analyze_stories(ui->st, lang, ids, n,
	    ui_now() + UI_ANALYZE_DRAW_MS, &done, &err);
	if (rc == -1)
		ui_analyze_fail(ui, err);
	else if (rc == 1)
		ui->analyze->more = 1;
	free(err);
	return done > 0;
}

int
ui_analyze_pending(const struct ui *ui)
{
	const struct ui_analyze *an = ui->analyze;

	if (ui_refresh_running(ui) || an->failed)
		return 0;
	return an->more || an->since != 0 || an->idle;
}

void
ui_analyze_idle(struct ui *ui)
{
	struct ui_analyze *an = ui->analyze;
	const struct quotes_lang *lang;
	int64_t *after, since, n = 0, t;
	char *err = NULL;
	int rc;

	if (an->more) {
		/* The draw continues the rows on screen. */
		an->more = 0;
		ui->dirty = 1;
		return;
	}
	if ((lang = ui_analyze_lang(ui)) == NULL) {
		an->idle = 0;
		an->since = 0;
		return;
	}
	since = an->since;
	after = since != 0 ? &an->since_after : &an->after;
	rc = analyze_step(ui->st, lang, since, after, UI_ANALYZE_SLICE_N,
	    ui_now() + UI_ANALYZE_SLICE_MS, &n, &err);
	if (rc == -1) {
		ui_analyze_fail(ui, err);
		free(err);
		return;
	}
	if (rc == 0) {
		/* That part is done: show what it found in every view. */
		if (since != 0) {
			an->since = 0;
			ui_status(ui, 0, "The stories of the Sources view's"
			    " days are all analysed");
		} else
			an->idle = 0;
		ui_changed(ui);
		return;
	}
	if (since != 0)
		an->since_left -= n;
	t = ui_now();
	if (n > 0 && t - an->shown >= UI_ANALYZE_SHOW_MS) {
		an->shown = t;
		ui->dirty = 1;
	}
}

int64_t
ui_analyze_window(struct ui *ui, int64_t since)
{
	const struct quotes_lang *lang;
	int64_t after = 0, n, deadline, left;
	char *err = NULL;
	int rc = 1;

	if (since <= 0)
		since = 1;
	if ((lang = ui_analyze_lang(ui)) == NULL)
		return -1;
	deadline = ui_now() + UI_ANALYZE_WINDOW_MS;
	while (rc == 1 && ui_now() < deadline)
		rc = analyze_step(ui->st, lang, since, &after, ANALYZE_STEP_MAX,
		    deadline, &n, &err);
	if (rc == -1) {
		ui_analyze_fail(ui, err);
		free(err);
		return -1;
	}
	left = rc == 0 ? 0 : store_analysis_count_since(ui->st, since,
	    ANALYZE_VERSION);
	if (left > 0) {
		ui->analyze->since = since;
		ui->analyze->since_after = after;
		ui->analyze->since_left = left;
	}
	return left;
}

int
ui_analyze_window_running(const struct ui *ui)
{
	return ui->analyze->since != 0;
}

int64_t
ui_analyze_window_left(const struct ui *ui)
{
	return ui->analyze->since != 0 ? ui->analyze->since_left : 0;
}

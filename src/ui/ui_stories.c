/*
 * ui_stories.c - the Stories view: the stories of one feed, of all feeds
 * (unread) or the starred ones, newest first; or the matches of a search.
 *
 * Rows come from the store a screenful at a time through the list widget;
 * only search results (bounded) are held here, because the store returns
 * them in one go.  Marks (read, starred) go to the store and are
 * remembered for undo.  The rows on screen not analysed yet are analysed
 * as they are drawn (ui_analyze.c), and marked as such until they are.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hearsay/store.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "ui/ui.h"

#define STORIES_SEARCH_MAX 500
#define STORIES_SCAN 64

struct stories {
	struct ui_view	 v;
	struct ui	*ui;
	struct ui_list	 list;
	struct store_query q;
	char		*tag;		/* q's tag, owned */
	char		*title;
	struct store_story *found;	/* search results, or NULL */
	int		 n_found;
	int		 feedw;		/* the widest feed title */
};

static const struct ui_view_ops stories_ops;

/* Deep copy of a story row. */
static void
story_copy(struct store_story *dst, const struct store_story *src)
{
	*dst = *src;
	dst->feed_title = xstrdup(src->feed_title);
	dst->title = xstrdup(src->title);
	dst->link = xstrdup(src->link);
	dst->author = xstrdup(src->author);
}

/* List callback: the number of stories the view selects. */
static int64_t
stories_count(void *arg)
{
	struct stories *s = arg;

	if (s->found != NULL)
		return s->n_found;
	s->q.include_read = s->ui->opts.show_read;
	s->q.oldest_first = s->ui->opts.oldest_first;
	return store_story_count(s->ui->st, &s->q);
}

/* List callback: rows from the store (or the search results). */
static int
stories_fetch(void *arg, int64_t off, int n, void *rows)
{
	struct stories *s = arg;
	struct store_story *out = rows;
	int i;

	if (s->found == NULL)
		return store_story_rows(s->ui->st, &s->q, off, n, out);
	for (i = 0; i < n && off + i < s->n_found; i++)
		story_copy(&out[i], &s->found[off + i]);
	return i;
}

/* List callback: free a row's strings. */
static void
stories_row_clear(void *row)
{
	store_story_clear(row);
}

/* Columns of the quotes/sources counts. */
#define STORIES_COUNTS_W 8

/* The counts column: " 3q  2s", the no-source mark in place of the
 * sources for a story that cites nobody (bold, so it shows without
 * colour too), the pending mark for a story not analysed yet. */
static void
stories_draw_counts(const struct store_story *st, attr_t base, int selected)
{
	char cell[16];

	if (!st->analysed) {
		ui_draw_pad(2, base);
		ui_draw_cell(ui_draw_glyphs()->pending, 1, selected ? base :
		    ui_theme_attr(UI_C_DATE));
		ui_draw_pad(STORIES_COUNTS_W - 3, base);
		return;
	}
	snprintf(cell, sizeof(cell), "%2dq ", st->n_quotes > 99 ? 99 :
	    st->n_quotes);
	ui_draw_cell(cell, 4, base);
	if (st->n_sources > 0) {
		snprintf(cell, sizeof(cell), "%2ds", st->n_sources > 99 ? 99 :
		    st->n_sources);
		ui_draw_cell(cell, 3, base);
	} else {
		ui_draw_pad(1, base);
		ui_draw_cell(ui_draw_glyphs()->nosource, 2, (selected ? base :
		    ui_theme_attr(UI_C_FAILED)) | A_BOLD);
	}
	ui_draw_pad(1, base);
}

/* List callback: marks, date, counts, feed (across feeds) and title. */
static void
stories_draw_row(void *arg, const void *row, int y, int w, int selected)
{
	struct stories *s = arg;
	const struct store_story *st = row;
	const struct ui_glyphs *g = ui_draw_glyphs();
	attr_t base = selected ? ui_theme_attr(UI_C_SELECTED) : A_NORMAL;
	char date[32], *title, *feed;
	int feedw = 0;

	(void)y;
	ui_draw_cell(st->read ? " " : g->unread, 1, selected ? base :
	    ui_theme_attr(UI_C_UNREAD));
	ui_draw_cell(st->starred ? g->starred : " ", 2, selected ? base :
	    ui_theme_attr(UI_C_STARRED));
	ui_draw_date(st->date, date, sizeof(date), NULL);
	ui_draw_cell(date, 11, selected ? base : ui_theme_attr(UI_C_DATE));
	stories_draw_counts(st, base, selected);
	/* Across feeds: as wide as the widest feed title, up to a quarter. */
	if (s->q.scope != STORE_SCOPE_FEED && w >= 60)
		feedw = s->feedw + 1 < w / 4 ? s->feedw + 1 : w / 4;
	if (feedw > 0) {
		feed = text_clean(st->feed_title != NULL ? st->feed_title : "",
		    TEXT_COLLAPSE_WS);
		ui_draw_cell(feed, feedw - 1, selected ? base :
		    ui_theme_attr(UI_C_FEED));
		ui_draw_pad(1, base);
		free(feed);
	}
	title = text_clean(st->title != NULL && *st->title != '\0' ?
	    st->title : "(no title)", TEXT_COLLAPSE_WS);
	ui_draw_cell(title, w - 14 - STORIES_COUNTS_W - feedw, selected ? base :
	    (st->read ? A_NORMAL : ui_theme_attr(UI_C_UNREAD)));
	free(title);
}

static const struct ui_list_ops stories_list_ops = {
	sizeof(struct store_story), stories_count, stories_fetch,
	stories_row_clear, stories_draw_row,
};

/* store_feeds_each callback: the widest feed title so far. */
static int
stories_feed_width(const struct store_feed *f, void *arg)
{
	int *w = arg, n;
	char *title = text_clean(f->title != NULL ? f->title : "",
	    TEXT_COLLAPSE_WS);

	n = ui_draw_width(title);
	if (n > *w)
		*w = n;
	free(title);
	return 0;
}

/* A new stories view titled title (cleaned); the feed column is sized
 * for the feeds there are now. */
static struct stories *
stories_alloc(struct ui *ui, const char *title, int across_feeds)
{
	struct stories *s = xcalloc(1, sizeof(*s));

	s->v.ops = &stories_ops;
	s->ui = ui;
	s->title = text_clean(title, TEXT_COLLAPSE_WS);
	if (across_feeds)
		store_feeds_each(ui->st, stories_feed_width, &s->feedw);
	return s;
}

struct ui_view *
ui_stories_new(struct ui *ui, int scope, int64_t feed_id, const char *title)
{
	struct stories *s = stories_alloc(ui, title, scope != STORE_SCOPE_FEED);

	s->q.scope = (enum store_scope)scope;
	s->q.feed_id = feed_id;
	/* "All unread" follows the feed list's tag filter (a copy: the
	 * filter may change while the view lives). */
	if (scope == STORE_SCOPE_UNREAD)
		s->q.tag = s->tag = xstrdup(ui->tag);
	ui_list_init(&s->list, &stories_list_ops, s);
	return &s->v;
}

struct ui_view *
ui_stories_search(struct ui *ui, const char *query)
{
	struct stories *s;
	struct store_story *rows;
	char *err = NULL, *title;
	int n;

	rows = xcalloc(STORIES_SEARCH_MAX, sizeof(*rows));
	n = store_search(ui->st, query, STORIES_SEARCH_MAX, rows, &err);
	if (n < 0) {
		ui_status(ui, 1, "Search: %s", err != NULL ? err : "failed");
		free(err);
		free(rows);
		return NULL;
	}
	if (n == 0) {
		ui_status(ui, 0, "No story matches %s", query);
		free(rows);
		return NULL;
	}
	title = xprintf("Search: %s", query);
	s = stories_alloc(ui, title, 1);
	free(title);
	s->q.scope = STORE_SCOPE_ALL;
	s->found = rows;
	s->n_found = n;
	ui_list_init(&s->list, &stories_list_ops, s);
	ui_status(ui, 0, "%d %s, %s first", n, n == 1 ? "match" :
	    "matches", store_search_ranked(query) ? "best" : "newest");
	return &s->v;
}

int
ui_stories_is(const struct ui_view *v)
{
	return v != NULL && v->ops == &stories_ops;
}

/* Index of the first unread story other than skip_id from the cursor on
 * in direction dir, or -1. */
static int64_t
stories_find_unread(struct stories *s, int dir, int64_t skip_id)
{
	struct store_story rows[STORIES_SCAN];
	int64_t i = s->list.cursor, off, found = -1;
	int n, j;

	while (found == -1 && i >= 0 && i < s->list.count) {
		off = dir > 0 ? i : (i >= STORIES_SCAN - 1 ?
		    i - STORIES_SCAN + 1 : 0);
		memset(rows, 0, sizeof(rows));
		n = stories_fetch(s, off, STORIES_SCAN, rows);
		if (n <= 0)
			break;
		for (j = (int)(i - off); j >= 0 && j < n; j += dir) {
			if (!rows[j].read && rows[j].id != skip_id) {
				found = off + j;
				break;
			}
		}
		for (j = 0; j < n; j++)
			store_story_clear(&rows[j]);
		i = dir > 0 ? off + n : off - 1;
	}
	return found;
}

/* Open the story under a stories view's cursor in the pager. */
static void
stories_open(struct ui_view *v, struct ui *ui)
{
	struct stories *s = (struct stories *)v;
	const struct store_story *row = ui_list_selected(&s->list);

	if (row != NULL)
		ui_push(ui, ui_pager_new(ui, row->id));
}

int
ui_stories_next_unread(struct ui *ui, int dir, int64_t skip_id, int open)
{
	struct stories *s = (struct stories *)ui->top;
	int64_t i;
	int jump;

	if (!ui_stories_is(ui->top))
		return -1;
	i = stories_find_unread(s, dir, skip_id);
	if (i == -1) {
		/* Jump only when there is a feed to go to: else stay here. */
		jump = s->q.scope == STORE_SCOPE_FEED && s->found == NULL &&
		    ui_feeds_is(s->v.below) &&
		    ui_feeds_find_unread(s->v.below, dir) != -1;
		if (!jump) {
			ui_status(ui, 0, "No more unread stories");
			return -1;
		}
		ui_pop(ui);
		if (ui_feeds_step_unread(ui->top, ui, dir) == -1) {
			ui_status(ui, 0, "No more unread stories");
			return -1;
		}
		s = (struct stories *)ui->top;
		ui_list_set(&s->list, dir > 0 ? 0 : s->list.count - 1);
		i = stories_find_unread(s, dir, 0);
		if (i == -1)
			return -1;
	}
	ui_list_set(&s->list, i);
	if (open)
		stories_open(&s->v, ui);
	return 0;
}

/* Toggle the read or starred state of the story under the cursor. */
static void
stories_toggle(struct stories *s, struct ui *ui, int starred)
{
	const struct store_story *row = ui_list_selected(&s->list);
	int64_t id;
	int old, i;

	if (row == NULL)
		return;
	old = starred ? row->starred : row->read;
	id = row->id;
	if (ui_mark(ui, starred, id, !old) == -1)
		return;
	for (i = 0; s->found != NULL && i < s->n_found; i++) {
		if (s->found[i].id == id) {
			if (starred)
				s->found[i].starred = !old;
			else
				s->found[i].read = !old;
		}
	}
	/* Triage: marking read moves on (a hidden read story just goes). */
	if (!starred && !old && ui->opts.show_read)
		ui_list_move(&s->list, 1);
	ui_changed(ui);
}

/* Mark the view's feed (or everything, for "All unread") read. */
static void
stories_mark_feed(struct stories *s, struct ui *ui)
{
	if (s->found != NULL || (s->q.scope != STORE_SCOPE_FEED &&
	    s->q.scope != STORE_SCOPE_UNREAD)) {
		ui_status(ui, 1, "Not available here");
		return;
	}
	/* Marking "all" would take the feeds the tag filter leaves out. */
	if (s->q.scope == STORE_SCOPE_UNREAD && s->q.tag != NULL) {
		ui_status(ui, 1, "With a tag filter, mark the feeds one by one "
		    "(A on each)");
		return;
	}
	ui_mark_feed_read(ui, s->q.scope == STORE_SCOPE_FEED ?
	    s->q.feed_id : 0);
}

/* Show why the feed of the story under the cursor last failed. */
static void
stories_show_error(struct stories *s, struct ui *ui)
{
	const struct store_story *row = ui_list_selected(&s->list);
	struct store_feed f;

	memset(&f, 0, sizeof(f));
	if (row == NULL || store_feed_get(ui->st, row->feed_id, &f) == -1)
		return;
	if (f.last_error == NULL)
		ui_status(ui, 0, "The last fetch of this feed worked");
	else
		ui_status(ui, 1, "Last fetch failed: %s", f.last_error);
	store_feed_clear(&f);
}

/* Prompt callback: the matches of a story search. */
static void
stories_search_done(struct ui *ui, const char *text)
{
	if (*text != '\0')
		ui_push(ui, ui_stories_search(ui, text));
}

/* The Stories view's actions. */
static int
stories_act(struct ui_view *v, struct ui *ui, enum ui_action a, int arg)
{
	struct stories *s = (struct stories *)v;
	const struct store_story *row;

	(void)arg;
	if (ui_list_act(&s->list, a))
		return 1;
	switch (a) {
	case UI_ACT_OPEN:
		stories_open(v, ui);
		break;
	case UI_ACT_NEXT_UNREAD:
	case UI_ACT_PREV_UNREAD:
		row = ui_list_selected(&s->list);
		ui_stories_next_unread(ui, a == UI_ACT_NEXT_UNREAD ? 1 : -1,
		    row != NULL ? row->id : 0, 0);
		break;
	case UI_ACT_TOGGLE_READ:
		stories_toggle(s, ui, 0);
		break;
	case UI_ACT_STAR:
		stories_toggle(s, ui, 1);
		break;
	case UI_ACT_MARK_FEED_READ:
		stories_mark_feed(s, ui);
		break;
	case UI_ACT_OPEN_LINK:
		row = ui_list_selected(&s->list);
		if (row != NULL && row->link != NULL)
			ui_open_url(ui, row->link);
		break;
	case UI_ACT_SEARCH:
		ui_prompt(ui, "Search stories: ", stories_search_done);
		break;
	case UI_ACT_REFRESH:
		ui_refresh_start(ui, s->q.scope == STORE_SCOPE_FEED ?
		    s->q.feed_id : 0);
		break;
	case UI_ACT_SHOW_ERROR:
		stories_show_error(s, ui);
		break;
	default:
		return 0;
	}
	return 1;
}

static void stories_reload(struct ui_view *v, struct ui *ui);

/* Analyse the rows on screen that are not analysed yet; non-zero when
 * any has its analysis now (the rows must be fetched again). */
static int
stories_analyse_shown(struct stories *s, struct ui *ui)
{
	const struct store_story *row;
	int64_t ids[STORIES_SCAN], i;
	size_t n = 0;

	for (i = s->list.top; i < s->list.top + s->list.height &&
	    n < nitems(ids); i++) {
		row = ui_list_row(&s->list, i);
		if (row != NULL && !row->analysed)
			ids[n++] = row->id;
	}
	return ui_analyze_rows(ui, ids, n);
}

/* Draw the list, or say why it is empty; the rows on screen not analysed
 * yet are analysed first (for a moment at most) and drawn again. */
static void
stories_draw(struct ui_view *v, struct ui *ui, int y, int h)
{
	struct stories *s = (struct stories *)v;

	if (s->list.count == 0) {
		move(y, 0);
		clrtobot();
		mvaddstr(y + 1, 2, s->ui->opts.show_read ? "No stories." :
		    "No unread stories (t shows the read ones).");
		return;
	}
	ui_list_draw(&s->list, y, h);
	if (stories_analyse_shown(s, ui)) {
		stories_reload(v, ui);
		ui_list_draw(&s->list, y, h);
	}
}

/* The title: what is listed and the cursor's position. */
static void
stories_title(struct ui_view *v, struct ui *ui, struct buf *b)
{
	struct stories *s = (struct stories *)v;

	(void)ui;
	buf_printf(b, " %s %s %lld of %lld", s->title,
	    ui_draw_glyphs()->hline, (long long)(s->list.count > 0 ?
	    s->list.cursor + 1 : 0), (long long)s->list.count);
}

/* Search results are held here: bring the read and starred marks of the
 * rows on screen up to date (the store returned them once). */
static void
stories_refresh_found(struct stories *s, struct ui *ui)
{
	struct store_story now;
	int64_t i, end = s->list.top + s->list.height;

	for (i = s->list.top; i < end && i < s->n_found; i++) {
		if (store_story_get(ui->st, s->found[i].id, &now, NULL) == 0) {
			s->found[i].read = now.read;
			s->found[i].starred = now.starred;
			s->found[i].analysed = now.analysed;
			s->found[i].n_quotes = now.n_quotes;
			s->found[i].n_sources = now.n_sources;
		}
		store_story_clear(&now);
	}
}

/* Where story id is in the view's list now, or -1. */
static int64_t
stories_index(struct stories *s, int64_t id)
{
	int i;

	if (s->found == NULL)
		return store_story_index(s->ui->st, &s->q, id);
	for (i = 0; i < s->n_found; i++) {
		if (s->found[i].id == id)
			return i;
	}
	return -1;
}

/* The list changed (under the reader's own marks, or another process's
 * refresh, marks or retention): put the cursor back on the story it was
 * on, wherever new stories put it; when that story left the list, on the
 * one that was after it, else before it; else where it was. */
static void
stories_reload(struct ui_view *v, struct ui *ui)
{
	struct stories *s = (struct stories *)v;
	const struct store_story *row;
	int64_t keep[3] = { 0, 0, 0 }, at = s->list.cursor, i = -1;
	size_t k;

	/* From the cache: the rows as they were shown, before the store
	 * changed (fetched now, they would be the new list's). */
	for (k = 0; k < nitems(keep); k++) {
		row = ui_list_cached(&s->list, at + (k == 0 ? 0 : k == 1 ? 1 :
		    -1));
		keep[k] = row != NULL ? row->id : 0;
	}
	if (s->found != NULL)
		stories_refresh_found(s, ui);
	ui_list_reload(&s->list);
	for (k = 0; k < nitems(keep) && i == -1; k++) {
		if (keep[k] != 0)
			i = stories_index(s, keep[k]);
	}
	if (i >= 0)
		ui_list_set(&s->list, i);
}

/* Free the view and any search results. */
static void
stories_free(struct ui_view *v)
{
	struct stories *s = (struct stories *)v;
	int i;

	ui_list_free(&s->list);
	for (i = 0; i < s->n_found; i++)
		store_story_clear(&s->found[i]);
	free(s->found);
	free(s->title);
	free(s->tag);
	free(s);
}

static const struct ui_hint stories_hints[] = {
	{ UI_ACT_OPEN, "open" },
	{ UI_ACT_NEXT_UNREAD, "next unread" },
	{ UI_ACT_TOGGLE_READ, "read" },
	{ UI_ACT_STAR, "star" },
	{ UI_ACT_MARK_FEED_READ, "all read" },
	{ UI_ACT_UNDO, "undo" },
	{ UI_ACT_BACK, "back" },
	{ UI_ACT_NONE, NULL },
};

static const struct ui_view_ops stories_ops = {
	"stories", stories_hints, stories_draw, stories_act, stories_title,
	stories_reload, stories_free,
};

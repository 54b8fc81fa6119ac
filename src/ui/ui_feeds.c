/*
 * ui_feeds.c - the Feeds view: every subscribed feed with its unread and
 * total counts, tags and a mark when its last fetch failed, below two rows
 * for the stories across feeds (all unread, starred).
 *
 * Feeds are few, so their rows are read into an array on each reload (the
 * store has no paged feed query); stories are never held here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/store.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "ui/ui.h"

enum feeds_kind { FEEDS_ALL_UNREAD, FEEDS_STARRED, FEEDS_FEED };

struct feeds_row {
	enum feeds_kind	 kind;
	struct store_feed f;
	char		*title;		/* cleaned for the screen */
	char		*tags;
};

struct feeds {
	struct ui_view	 v;
	struct ui	*ui;
	struct ui_list	 list;
	struct feeds_row *rows;
	size_t		 n_rows;
	size_t		 cap;
	int		 countw;	/* columns of the widest "unread/total" */
	char		*tag;		/* only feeds with this tag, or NULL */
};

static const struct ui_view_ops feeds_ops;
static void feeds_reload(struct ui_view *v, struct ui *ui);

/* A new zeroed row at the end of the array. */
static struct feeds_row *
feeds_add(struct feeds *fs, enum feeds_kind kind)
{
	struct feeds_row *r;

	if (fs->n_rows == fs->cap) {
		fs->cap = fs->cap == 0 ? 16 : fs->cap * 2;
		fs->rows = xreallocarray(fs->rows, fs->cap, sizeof(*fs->rows));
	}
	r = &fs->rows[fs->n_rows++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	return r;
}

/* Non-zero when the space-separated tags hold tag. */
static int
feeds_has_tag(const char *tags, const char *tag)
{
	size_t len = strlen(tag), n;

	while (tags != NULL && *tags != '\0') {
		tags += strspn(tags, " ");
		n = strcspn(tags, " ");
		if (n == len && strncmp(tags, tag, len) == 0)
			return 1;
		tags += n;
	}
	return 0;
}

/* Deep-copies one feed of store_feeds_each() into the array. */
static int
feeds_each(const struct store_feed *f, void *arg)
{
	struct feeds *fs = arg;
	struct feeds_row *r;

	if (fs->tag != NULL && !feeds_has_tag(f->tags, fs->tag))
		return 0;
	r = feeds_add(fs, FEEDS_FEED);

	r->f.id = f->id;
	r->f.url = xstrdup(f->url);
	r->f.last_error = xstrdup(f->last_error);
	r->f.n_total = f->n_total;
	r->f.n_unread = f->n_unread;
	r->f.last_status = f->last_status;
	r->title = text_clean(f->title != NULL && *f->title != '\0' ?
	    f->title : f->url, TEXT_COLLAPSE_WS);
	r->tags = text_clean(f->tags != NULL ? f->tags : "",
	    TEXT_COLLAPSE_WS);
	return 0;
}

/* Free every row (the array stays for reuse). */
static void
feeds_clear(struct feeds *fs)
{
	size_t i;

	for (i = 0; i < fs->n_rows; i++) {
		store_feed_clear(&fs->rows[i].f);
		free(fs->rows[i].title);
		free(fs->rows[i].tags);
	}
	fs->n_rows = 0;
}

/* The "unread/total" column fits the biggest counts (at least 9). */
static int
feeds_countw(const struct feeds *fs)
{
	char counts[48];
	size_t i;
	int w = 9, n;

	for (i = 0; i < fs->n_rows; i++) {
		n = snprintf(counts, sizeof(counts), "%lld/%lld",
		    (long long)fs->rows[i].f.n_unread,
		    (long long)fs->rows[i].f.n_total);
		if (n > w)
			w = n;
	}
	return w;
}

/* Read the summary rows and every feed (with the tag filter) afresh. */
static void
feeds_load(struct feeds *fs)
{
	struct store_query q = { STORE_SCOPE_STARRED, 0, 1, 0 };
	struct feeds_row *r;

	feeds_clear(fs);
	r = feeds_add(fs, FEEDS_ALL_UNREAD);
	r->title = xstrdup("All unread stories");
	r->f.n_unread = fs->ui->n_unread;
	r->f.n_total = fs->ui->n_unread;
	r = feeds_add(fs, FEEDS_STARRED);
	r->title = xstrdup("Starred stories");
	r->f.n_total = store_story_count(fs->ui->st, &q);
	store_feeds_each(fs->ui->st, feeds_each, fs);
	fs->countw = feeds_countw(fs);
}

/* List callback: the number of rows. */
static int64_t
feeds_count(void *arg)
{
	return (int64_t)((struct feeds *)arg)->n_rows;
}

/* The list's rows are pointers into the array. */
static int
feeds_fetch(void *arg, int64_t off, int n, void *rows)
{
	struct feeds *fs = arg;
	const struct feeds_row **out = rows;
	int i;

	for (i = 0; i < n && (size_t)(off + i) < fs->n_rows; i++)
		out[i] = &fs->rows[off + i];
	return i;
}

/* List callback: rows are pointers into the array, nothing to free. */
static void
feeds_row_clear(void *row)
{
	(void)row;
}

/* List callback: mark, counts, title and tags of one feed. */
static void
feeds_draw_row(void *arg, const void *row, int y, int w, int selected)
{
	const struct feeds *fs = arg;
	const struct feeds_row *r = *(const struct feeds_row *const *)row;
	const struct ui_glyphs *g = ui_draw_glyphs();
	attr_t base = selected ? ui_theme_attr(UI_C_SELECTED) : A_NORMAL;
	attr_t tattr = base;
	char counts[48], cell[64];
	int tagw = 0, titlew;
	const char *mark = " ";

	(void)y;
	if (r->f.last_error != NULL)
		mark = g->failed;
	else if (r->kind == FEEDS_FEED && r->f.n_unread > 0)
		mark = g->unread;
	if (!selected && r->f.n_unread > 0)
		tattr = ui_theme_attr(UI_C_UNREAD);
	ui_draw_cell(mark, 2, selected ? base : ui_theme_attr(
	    r->f.last_error != NULL ? UI_C_FAILED : UI_C_UNREAD));
	if (r->kind == FEEDS_STARRED)
		snprintf(counts, sizeof(counts), "%lld",
		    (long long)r->f.n_total);
	else
		snprintf(counts, sizeof(counts), "%lld/%lld",
		    (long long)r->f.n_unread, (long long)r->f.n_total);
	snprintf(cell, sizeof(cell), "%*s  ", fs->countw, counts);
	ui_draw_cell(cell, fs->countw + 2, base);
	if (w >= 60 && r->tags != NULL && *r->tags != '\0')
		tagw = w / 4;
	titlew = w - 4 - fs->countw - tagw;
	ui_draw_cell(r->title, titlew, tattr);
	if (tagw > 0) {
		ui_draw_pad(1, base);
		ui_draw_cell(r->tags, tagw - 1, selected ? base :
		    ui_theme_attr(UI_C_TAGS));
	}
}

static const struct ui_list_ops feeds_list_ops = {
	sizeof(struct feeds_row *), feeds_count, feeds_fetch, feeds_row_clear,
	feeds_draw_row,
};

/* The row under the cursor, or NULL. */
static const struct feeds_row *
feeds_selected(struct feeds *fs)
{
	const struct feeds_row *const *r = ui_list_selected(&fs->list);

	return r != NULL ? *r : NULL;
}

/* Open the stories of the row under the cursor. */
static void
feeds_open(struct feeds *fs, struct ui *ui)
{
	const struct feeds_row *r = feeds_selected(fs);

	if (r == NULL)
		return;
	switch (r->kind) {
	case FEEDS_ALL_UNREAD:
		ui_push(ui, ui_stories_new(ui, STORE_SCOPE_UNREAD, 0,
		    r->title));
		break;
	case FEEDS_STARRED:
		ui_push(ui, ui_stories_new(ui, STORE_SCOPE_STARRED, 0,
		    r->title));
		break;
	case FEEDS_FEED:
		ui_push(ui, ui_stories_new(ui, STORE_SCOPE_FEED, r->f.id,
		    r->title));
		break;
	}
}

/* Mark the feed under the cursor read (all feeds for "All unread"). */
static void
feeds_mark_read(struct feeds *fs, struct ui *ui)
{
	const struct feeds_row *r = feeds_selected(fs);

	if (r == NULL || r->kind == FEEDS_STARRED)
		return;
	ui_mark_feed_read(ui, r->kind == FEEDS_FEED ? r->f.id : 0);
}

/* Show why the feed under the cursor last failed. */
static void
feeds_show_error(struct feeds *fs, struct ui *ui)
{
	const struct feeds_row *r = feeds_selected(fs);

	if (r == NULL || r->kind != FEEDS_FEED)
		return;
	if (r->f.last_error == NULL)
		ui_status(ui, 0, "The last fetch of this feed worked");
	else
		ui_status(ui, 1, "%s (HTTP %ld)", r->f.last_error,
		    r->f.last_status);
}

/* Prompt callback: the matches of a story search. */
static void
feeds_search_done(struct ui *ui, const char *text)
{
	if (*text != '\0')
		ui_push(ui, ui_stories_search(ui, text));
}

/* Prompt callback: list only the feeds with this tag (empty: all). */
static void
feeds_filter_done(struct ui *ui, const char *text)
{
	struct feeds *fs = (struct feeds *)ui->top;

	if (!ui_feeds_is(ui->top))
		return;
	xfree(fs->tag);
	if (*text != '\0')
		fs->tag = xstrdup(text);
	feeds_reload(&fs->v, ui);
	ui_list_set(&fs->list, fs->n_rows > 2 ? 2 : 0);
	if (fs->tag != NULL && fs->n_rows == 2)
		ui_status(ui, 1, "No feed has the tag %s", fs->tag);
}

int64_t
ui_feeds_find_unread(struct ui_view *v, int dir)
{
	struct feeds *fs = (struct feeds *)v;
	int64_t i;

	for (i = fs->list.cursor + dir; i >= 0 && (size_t)i < fs->n_rows;
	    i += dir) {
		if (fs->rows[i].kind == FEEDS_FEED &&
		    fs->rows[i].f.n_unread > 0)
			return i;
	}
	return -1;
}

int
ui_feeds_step_unread(struct ui_view *v, struct ui *ui, int dir)
{
	struct feeds *fs = (struct feeds *)v;
	int64_t i = ui_feeds_find_unread(v, dir);

	if (i == -1)
		return -1;
	ui_list_set(&fs->list, i);
	feeds_open(fs, ui);
	return 0;
}

int
ui_feeds_is(const struct ui_view *v)
{
	return v != NULL && v->ops == &feeds_ops;
}

/* The Feeds view's actions. */
static int
feeds_act(struct ui_view *v, struct ui *ui, enum ui_action a, int arg)
{
	struct feeds *fs = (struct feeds *)v;
	const struct feeds_row *r;

	(void)arg;
	if (ui_list_act(&fs->list, a))
		return 1;
	switch (a) {
	case UI_ACT_OPEN:
		feeds_open(fs, ui);
		break;
	case UI_ACT_NEXT_UNREAD:
	case UI_ACT_PREV_UNREAD:
		if (ui_feeds_step_unread(v, ui, a == UI_ACT_NEXT_UNREAD ?
		    1 : -1) == -1)
			ui_status(ui, 0, "No feed with unread stories there");
		else
			ui_stories_next_unread(ui, 1, 0, 0);
		break;
	case UI_ACT_MARK_FEED_READ:
		feeds_mark_read(fs, ui);
		break;
	case UI_ACT_SHOW_ERROR:
		feeds_show_error(fs, ui);
		break;
	case UI_ACT_FILTER_TAG:
		ui_prompt(ui, "Only feeds tagged (empty: all): ",
		    feeds_filter_done);
		break;
	case UI_ACT_SEARCH:
		ui_prompt(ui, "Search stories: ", feeds_search_done);
		break;
	case UI_ACT_REFRESH:
		r = feeds_selected(fs);
		ui_refresh_start(ui, r != NULL && r->kind == FEEDS_FEED ?
		    r->f.id : 0);
		break;
	default:
		return 0;
	}
	return 1;
}

/* Draw the list. */
static void
feeds_draw(struct ui_view *v, struct ui *ui, int y, int h)
{
	(void)ui;
	ui_list_draw(&((struct feeds *)v)->list, y, h);
}

/* The title: the number of feeds and the tag filter. */
static void
feeds_title(struct ui_view *v, struct ui *ui, struct buf *b)
{
	struct feeds *fs = (struct feeds *)v;

	(void)ui;
	buf_printf(b, " hearsay %s Feeds (%zu)", ui_draw_glyphs()->hline,
	    fs->n_rows > 2 ? fs->n_rows - 2 : 0);
	if (fs->tag != NULL) {
		char *tag = text_clean(fs->tag, TEXT_COLLAPSE_WS);

		buf_printf(b, " tagged %s", tag);
		free(tag);
	}
}

/* The store changed: read the feeds again. */
static void
feeds_reload(struct ui_view *v, struct ui *ui)
{
	struct feeds *fs = (struct feeds *)v;
	const struct feeds_row *r = feeds_selected(fs);
	enum feeds_kind kind = r != NULL ? r->kind : FEEDS_ALL_UNREAD;
	int64_t id = r != NULL ? r->f.id : 0;
	size_t i;

	(void)ui;
	ui_list_free(&fs->list);
	feeds_load(fs);
	ui_list_reload(&fs->list);
	/* Stay on the same row when feeds come or go around it. */
	for (i = 0; r != NULL && i < fs->n_rows; i++) {
		if (fs->rows[i].kind == kind && fs->rows[i].f.id == id) {
			ui_list_set(&fs->list, (int64_t)i);
			break;
		}
	}
}

/* Free the view and its rows. */
static void
feeds_free(struct ui_view *v)
{
	struct feeds *fs = (struct feeds *)v;

	ui_list_free(&fs->list);
	feeds_clear(fs);
	free(fs->rows);
	free(fs->tag);
	free(fs);
}

static const struct ui_hint feeds_hints[] = {
	{ UI_ACT_OPEN, "open" },
	{ UI_ACT_NEXT_UNREAD, "next unread" },
	{ UI_ACT_SEARCH, "search" },
	{ UI_ACT_FILTER_TAG, "tag" },
	{ UI_ACT_REFRESH_ALL, "refresh all" },
	{ UI_ACT_QUIT, "quit" },
	{ UI_ACT_NONE, NULL },
};

static const struct ui_view_ops feeds_ops = {
	"feeds", feeds_hints, feeds_draw, feeds_act, feeds_title, feeds_reload,
	feeds_free,
};

struct ui_view *
ui_feeds_new(struct ui *ui)
{
	struct feeds *fs = xcalloc(1, sizeof(*fs));

	fs->v.ops = &feeds_ops;
	fs->ui = ui;
	feeds_load(fs);
	ui_list_init(&fs->list, &feeds_list_ops, fs);
	/* Start on the first feed, not on the summary rows. */
	if (fs->n_rows > 2)
		ui_list_set(&fs->list, 2);
	return &fs->v;
}

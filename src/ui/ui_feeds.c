/*
 * ui_feeds.c - the Feeds view: the feeds of the urls file, in its order
 * (or the feed-sort-order), with their unread and total counts, tags, a
 * mark when the last fetch failed and its separator lines, below two rows
 * for the stories across feeds (all unread, starred).  Feeds hidden by a
 * "!" tag are left out; two feeds of the same title are told apart by
 * their host (or their URL).  With no feed at all it says how to add
 * some.
 *
 * Feeds are few, so their rows are read into an array on each reload (the
 * store has no paged feed query); stories are never held here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/feedlist.h"
#include "hearsay/store.h"
#include "hearsay/text.h"
#include "hearsay/url.h"
#include "hearsay/util.h"
#include "ui/ui.h"

enum feeds_kind { FEEDS_ALL_UNREAD, FEEDS_STARRED, FEEDS_FEED,
	FEEDS_SEPARATOR };

struct feeds_row {
	enum feeds_kind	 kind;
	struct store_feed f;
	char		*title;		/* cleaned for the screen */
	char		*tags;
	char		*aside;		/* what tells it from a feed of the
					 * same title, or NULL */
};

struct feeds {
	struct ui_view	 v;
	struct ui	*ui;
	struct ui_list	 list;
	struct feeds_row *rows;
	size_t		 n_rows;
	size_t		 cap;
	size_t		 n_subscribed;	/* feeds in the store, hidden too */
	int		 countw;	/* columns of the widest "unread/total" */
};

static const struct ui_view_ops feeds_ops;
static void feeds_reload(struct ui_view *v, struct ui *ui);

/* ---- the order of the feed list (feed-sort-order) ---- */

typedef int feeds_cmp_fn(const struct feeds_row *, const struct feeds_row *);

/* Compare two counts or dates, smallest first. */
static int
feeds_cmp_num(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int
feeds_by_title(const struct feeds_row *a, const struct feeds_row *b)
{
	return ascii_casecmp(a->title, b->title);
}

/* The first tag, as newsboat sorts by it ("" when none). */
static int
feeds_by_firsttag(const struct feeds_row *a, const struct feeds_row *b)
{
	size_t na = strcspn(a->tags, " "), nb = strcspn(b->tags, " ");
	int c = ascii_ncasecmp(a->tags, b->tags, na < nb ? na : nb);

	if (c == 0)
		c = feeds_cmp_num((int64_t)na, (int64_t)nb);
	return c != 0 ? c : feeds_by_title(a, b);
}

static int
feeds_by_unread(const struct feeds_row *a, const struct feeds_row *b)
{
	return feeds_cmp_num(a->f.n_unread, b->f.n_unread);
}

static int
feeds_by_total(const struct feeds_row *a, const struct feeds_row *b)
{
	return feeds_cmp_num(a->f.n_total, b->f.n_total);
}

static int
feeds_by_newest(const struct feeds_row *a, const struct feeds_row *b)
{
	return feeds_cmp_num(a->f.newest, b->f.newest);
}

/* newsboat's sort names, each with the way it goes without -asc/-desc:
 * titles and tags A to Z, counts and dates the most first. */
static const struct {
	const char	*name;
	feeds_cmp_fn	*cmp;
	int		 dir;
} feeds_sorts[] = {
	{ "title", feeds_by_title, 1 },
	{ "firsttag", feeds_by_firsttag, 1 },
	{ "unreadarticlecount", feeds_by_unread, -1 },
	{ "articlecount", feeds_by_total, -1 },
	{ "lastupdated", feeds_by_newest, -1 },
};

/* The sort qsort runs: qsort takes no context, and the reader has one
 * thread. */
static feeds_cmp_fn *feeds_sort_cmp;
static int feeds_sort_dir;

static int
feeds_sort_qsort(const void *a, const void *b)
{
	const struct feeds_row *ra = a, *rb = b;
	int c = feeds_sort_cmp(ra, rb) * feeds_sort_dir;

	/* Ties keep the urls file's order. */
	return c != 0 ? c : feeds_cmp_num(ra->f.position, rb->f.position);
}

/* Sort the feed rows rows[0..n) by a feed-sort-order name; 0 when it
 * says none (nothing done). */
static int
feeds_sort(struct feeds_row *rows, size_t n, const char *name)
{
	size_t i, len = name != NULL ? strcspn(name, "-") : 0;

	for (i = 0; i < nitems(feeds_sorts); i++) {
		if (strlen(feeds_sorts[i].name) == len &&
		    strncmp(feeds_sorts[i].name, name, len) == 0)
			break;
	}
	if (i == nitems(feeds_sorts))
		return 0;
	feeds_sort_cmp = feeds_sorts[i].cmp;
	feeds_sort_dir = feeds_sorts[i].dir;
	if (strcmp(name + len, "-asc") == 0)
		feeds_sort_dir = 1;
	else if (strcmp(name + len, "-desc") == 0)
		feeds_sort_dir = -1;
	qsort(rows, n, sizeof *rows, feeds_sort_qsort);
	return 1;
}

/* ---- the rows ---- */

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

/* Deep-copies one feed of store_feeds_each() into the array, unless it
 * is hidden or the tag filter leaves it out. */
static int
feeds_each(const struct store_feed *f, void *arg)
{
	struct feeds *fs = arg;
	struct feeds_row *r;

	fs->n_subscribed++;
	if (f->hidden || (fs->ui->tag != NULL &&
	    !feeds_has_tag(f->tags, fs->ui->tag)))
		return 0;
	r = feeds_add(fs, FEEDS_FEED);

	r->f.id = f->id;
	r->f.url = xstrdup(f->url);
	r->f.last_error = xstrdup(f->last_error);
	r->f.n_total = f->n_total;
	r->f.n_unread = f->n_unread;
	r->f.last_status = f->last_status;
	r->f.position = f->position;
	r->f.newest = f->newest;
	r->title = text_clean(f->title != NULL && *f->title != '\0' ?
	    f->title : f->url, TEXT_COLLAPSE_WS);
	r->tags = text_clean(f->tags != NULL ? f->tags : "",
	    TEXT_COLLAPSE_WS);
	return 0;
}

/* Free what one row owns. */
static void
feeds_row_free(struct feeds_row *r)
{
	store_feed_clear(&r->f);
	free(r->title);
	free(r->tags);
	free(r->aside);
}

/* Free every row (the array stays for reuse). */
static void
feeds_clear(struct feeds *fs)
{
	size_t i;

	for (i = 0; i < fs->n_rows; i++)
		feeds_row_free(&fs->rows[i]);
	fs->n_rows = 0;
	fs->n_subscribed = 0;
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

/* Put the urls file's separator lines among the feed rows rows[first..)
 * (in the file's order), each before the first feed at or past its
 * place. */
static void
feeds_separators(struct feeds *fs, size_t first, const struct feedlist *fl)
{
	size_t n_feeds = fs->n_rows - first, i = 0, k, before;
	struct feeds_row *feeds;
	const char *text;

	if (fl == NULL || feedlist_separator_count(fl) == 0)
		return;
	feeds = xreallocarray(NULL, n_feeds + 1, sizeof *feeds);
	memcpy(feeds, fs->rows + first, n_feeds * sizeof *feeds);
	fs->n_rows = first;
	for (k = 0; (text = feedlist_separator(fl, k, &before)) != NULL; k++) {
		for (; i < n_feeds && feeds[i].f.position >= 0 &&
		    (size_t)feeds[i].f.position < before; i++)
			*feeds_add(fs, FEEDS_FEED) = feeds[i];
		feeds_add(fs, FEEDS_SEPARATOR)->title = xstrdup(text);
	}
	for (; i < n_feeds; i++)
		*feeds_add(fs, FEEDS_FEED) = feeds[i];
	free(feeds);
}

/* qsort: feed rows by title, case aside. */
static int
feeds_title_qsort(const void *a, const void *b)
{
	return ascii_casecmp((*(struct feeds_row *const *)a)->title,
	    (*(struct feeds_row *const *)b)->title);
}

/* Tell apart the feeds of one title, group[0..n): by host when their
 * hosts differ, else by their URLs (scheme left out). */
static void
feeds_tell_apart(struct feeds_row **group, size_t n)
{
	size_t i, j;
	char *host;
	int by_host = 1;
	const char *u;

	for (i = 0; i < n; i++)
		group[i]->aside = url_host(group[i]->f.url);
	for (i = 0; i < n && by_host; i++) {
		for (j = i + 1; j < n && by_host; j++) {
			if (group[i]->aside == NULL || group[j]->aside == NULL ||
			    ascii_casecmp(group[i]->aside, group[j]->aside) == 0)
				by_host = 0;
		}
	}
	for (i = 0; i < n; i++) {
		host = group[i]->aside;
		if (!by_host) {
			u = strstr(group[i]->f.url, "://");
			group[i]->aside = xstrdup(u != NULL ? u + 3 :
			    group[i]->f.url);
			free(host);
			host = group[i]->aside;
		}
		group[i]->aside = text_clean(host, TEXT_COLLAPSE_WS);
		free(host);
	}
}

/* Give the feeds that share a title an aside that tells them apart. */
static void
feeds_disambiguate(struct feeds *fs)
{
	struct feeds_row **by = xreallocarray(NULL, fs->n_rows + 1,
	    sizeof *by);
	size_t i, j, n = 0;

	for (i = 0; i < fs->n_rows; i++) {
		if (fs->rows[i].kind == FEEDS_FEED)
			by[n++] = &fs->rows[i];
	}
	qsort(by, n, sizeof *by, feeds_title_qsort);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n &&
		    ascii_casecmp(by[i]->title, by[j]->title) == 0; j++)
			;
		if (j - i > 1)
			feeds_tell_apart(by + i, j - i);
	}
	free(by);
}

/* Read the summary rows and every feed (with the tag filter) afresh. */
static void
feeds_load(struct feeds *fs)
{
	struct store_query starred = { STORE_SCOPE_STARRED, 0, 1, 0, NULL };
	struct store_query unread = { STORE_SCOPE_UNREAD, 0, 0, 0, NULL };
	struct ui *ui = fs->ui;
	struct feeds_row *r;
	char *tag;

	feeds_clear(fs);
	r = feeds_add(fs, FEEDS_ALL_UNREAD);
	if (ui->tag != NULL) {
		/* Only the filtered feeds' stories, hidden ones too. */
		tag = text_clean(ui->tag, TEXT_COLLAPSE_WS);
		r->title = xprintf("All unread stories tagged %s", tag);
		free(tag);
		unread.tag = ui->tag;
		r->f.n_unread = store_story_count(ui->st, &unread);
	} else {
		r->title = xstrdup("All unread stories");
		r->f.n_unread = ui->n_unread;
	}
	r->f.n_total = r->f.n_unread;
	r = feeds_add(fs, FEEDS_STARRED);
	r->title = xstrdup("Starred stories");
	r->f.n_total = store_story_count(ui->st, &starred);
	store_feeds_each(ui->st, feeds_each, fs);
	/* A sorted list, or one tag's feeds, has no place for separators. */
	if (!feeds_sort(fs->rows + 2, fs->n_rows - 2, ui->opts.feed_sort) &&
	    ui->tag == NULL)
		feeds_separators(fs, 2, ui_refresh_subs(ui));
	feeds_disambiguate(fs);
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

/* A separator line: its text, as the urls file has it, in the heading's
 * colours. */
static void
feeds_draw_separator(const struct feeds_row *r, int w, int selected)
{
	attr_t attr = selected ? ui_theme_attr(UI_C_SELECTED) :
	    ui_theme_attr(UI_C_HEADING);

	ui_draw_pad(2, attr);
	ui_draw_cell(r->title, w - 2, attr);
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
	int tagw = 0, titlew, used;
	const char *mark = " ";

	(void)y;
	if (r->kind == FEEDS_SEPARATOR) {
		feeds_draw_separator(r, w, selected);
		return;
	}
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
	used = ui_draw_text(r->title, titlew, tattr);
	if (r->aside != NULL && titlew - used > 3) {
		ui_draw_text(" (", titlew - used, base);
		used += 2;
		used += ui_draw_text(r->aside, titlew - used - 1, selected ?
		    base : ui_theme_attr(UI_C_DATE));
		used += ui_draw_text(")", titlew - used, base);
	}
	ui_draw_pad(titlew - used, base);
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
	case FEEDS_SEPARATOR:
		ui_status(ui, 0, "A separator line of the urls file");
		break;
	}
}

/* Mark the feed under the cursor read (all feeds for "All unread"). */
static void
feeds_mark_read(struct feeds *fs, struct ui *ui)
{
	const struct feeds_row *r = feeds_selected(fs);

	if (r == NULL || r->kind == FEEDS_STARRED || r->kind == FEEDS_SEPARATOR)
		return;
	/* Marking "all" would take the feeds the filter leaves out too. */
	if (r->kind == FEEDS_ALL_UNREAD && ui->tag != NULL) {
		ui_status(ui, 1, "With a tag filter, mark the feeds one by one "
		    "(A on each)");
		return;
	}
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
		/* An HTTP status is in the words already ("HTTP 404 Not
		 * Found"); a failure without one has none to show. */
		ui_status(ui, 1, "Last fetch failed: %s", r->f.last_error);
}

/* Prompt callback: the matches of a story search. */
static void
feeds_search_done(struct ui *ui, const char *text)
{
	if (*text != '\0')
		ui_push(ui, ui_stories_search(ui, text));
}

/* The row of the first feed (not a summary row or a separator), or 0. */
static int64_t
feeds_first_feed(const struct feeds *fs)
{
	size_t i;

	for (i = 0; i < fs->n_rows; i++) {
		if (fs->rows[i].kind == FEEDS_FEED)
			return (int64_t)i;
	}
	return 0;
}

/* Prompt callback: list only the feeds with this tag (empty: all). */
static void
feeds_filter_done(struct ui *ui, const char *text)
{
	struct feeds *fs = (struct feeds *)ui->top;

	if (!ui_feeds_is(ui->top))
		return;
	xfree(ui->tag);
	if (*text != '\0')
		ui->tag = xstrdup(text);
	feeds_reload(&fs->v, ui);
	ui_list_set(&fs->list, feeds_first_feed(fs));
	if (ui->tag != NULL && fs->n_rows == 2)
		ui_status(ui, 1, "No feed listed has the tag %s", ui->tag);
}

/* The first feed row with unread stories among the `steps` rows from row
 * `from` on (dir 1) or back (dir -1), wrapping round at the ends
 * (*wrapped then set); -1 when there is none. */
static int64_t
feeds_find(const struct feeds *fs, int64_t from, int dir, int64_t steps,
    int *wrapped)
{
	int64_t n = (int64_t)fs->n_rows, i, k;

	*wrapped = 0;
	for (k = 0; k < steps && k < n; k++) {
		i = from + dir * k;
		if (i >= n || i < 0) {
			*wrapped = 1;
			i = ((i % n) + n) % n;
		}
		if (fs->rows[i].kind == FEEDS_FEED &&
		    fs->rows[i].f.n_unread > 0)
			return i;
	}
	return -1;
}

int64_t
ui_feeds_find_unread(struct ui_view *v, int dir)
{
	struct feeds *fs = (struct feeds *)v;
	int wrapped;

	/* Every other row: the feed under the cursor is the one just
	 * left. */
	return feeds_find(fs, fs->list.cursor + dir, dir,
	    (int64_t)fs->n_rows - 1, &wrapped);
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

/* No feed listed has unread stories: say how many are left and where. */
static void
feeds_none_unread(struct feeds *fs, struct ui *ui)
{
	int64_t listed = 0, left;
	size_t i;

	for (i = 0; i < fs->n_rows; i++) {
		if (fs->rows[i].kind == FEEDS_FEED)
			listed += fs->rows[i].f.n_unread;
	}
	left = ui->n_unread - listed;
	if (left <= 0)
		ui_status(ui, 0, "No unread stories");
	else
		ui_status(ui, 0, "No unread story in the feeds listed; %lld in "
		    "%s (All unread stories lists them)", (long long)left,
		    ui->tag != NULL ? "feeds the tag filter leaves out or "
		    "hidden ones" : "hidden feeds");
}

/* n and p in the Feeds view: open the first unread story of the feed
 * under the cursor or, when it has none, of the next feed that has one,
 * wrapping round at the end of the list. */
static void
feeds_next_unread(struct feeds *fs, struct ui *ui, int dir)
{
	int wrapped;
	int64_t i = feeds_find(fs, fs->list.cursor, dir,
	    (int64_t)fs->n_rows, &wrapped);

	if (i == -1) {
		feeds_none_unread(fs, ui);
		return;
	}
	ui_list_set(&fs->list, i);
	feeds_open(fs, ui);
	ui_stories_next_unread(ui, 1, 0, 1);
	if (wrapped && ui->status == NULL)
		ui_status(ui, 0, "Wrapped round to the %s feed with unread "
		    "stories", dir > 0 ? "first" : "last");
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
		feeds_next_unread(fs, ui, a == UI_ACT_NEXT_UNREAD ? 1 : -1);
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

/* What the Feeds view says with no feed at all: where the urls file is
 * (NULL: its path) and the ways to fill it, wide and on a narrow screen. */
static const struct {
	const char *wide;
	const char *narrow;
} feeds_first_run[] = {
	{ "No feeds yet. hearsay reads them from the urls file:",
	    "No feeds yet. They go in" },
	{ NULL, NULL },
	{ "one feed URL a line, tags after it (newsboat's format). To add some:",
	    "one URL a line, or:" },
	{ "  hearsay add URL [TAG...]     one feed",
	    "  hearsay add URL [TAG...]" },
	{ "  hearsay import-opml FILE     the feeds of an OPML file",
	    "  hearsay import-opml FILE" },
	{ "  hearsay --demo               try hearsay on its demo feeds",
	    "  hearsay --demo" },
	{ "then R here fetches them.", "then R fetches them." },
};

/* The same with source ttrss: the feed server (NULL: its URL) holds them. */
static const struct {
	const char *wide;
	const char *narrow;
} feeds_first_sync[] = {
	{ "No feeds yet. They come from the feed server:",
	    "No feeds yet. They come from" },
	{ NULL, NULL },
	{ "R here syncs with it. To subscribe on it:", "R syncs. To subscribe:" },
	{ "  hearsay add URL              one feed", "  hearsay add URL" },
	{ "  hearsay import-opml FILE     the feeds of an OPML file",
	    "  hearsay import-opml FILE" },
};

/* Draw the first-run text in lines [y, y + h). */
static void
feeds_draw_first_run(struct ui *ui, int y, int h)
{
	const char *line, *where = ui->opts.ttrss ? ui->opts.ttrss_url :
	    ui->opts.urls_path;
	size_t i, n = ui->opts.ttrss ? nitems(feeds_first_sync) :
	    nitems(feeds_first_run);
	char *path;

	path = text_clean(where != NULL ? where : "(none)", TEXT_COLLAPSE_WS);
	for (i = 0; i < n && (int)i < h; i++) {
		if (ui->opts.ttrss)
			line = COLS >= 72 ? feeds_first_sync[i].wide :
			    feeds_first_sync[i].narrow;
		else
			line = COLS >= 72 ? feeds_first_run[i].wide :
			    feeds_first_run[i].narrow;
		move(y + (int)i, 0);
		ui_draw_pad(2, A_NORMAL);
		if (line == NULL) {
			ui_draw_pad(2, A_NORMAL);
			ui_draw_text(path, COLS - 4, ui_theme_attr(UI_C_LINK));
		} else
			ui_draw_text(line, COLS - 2, A_NORMAL);
		clrtoeol();
	}
	free(path);
}

/* Draw the list, and with no feed at all how to add some below it. */
static void
feeds_draw(struct ui_view *v, struct ui *ui, int y, int h)
{
	struct feeds *fs = (struct feeds *)v;
	int rows = (int)fs->n_rows + 1;

	if (fs->n_subscribed > 0 || h <= rows) {
		ui_list_draw(&fs->list, y, h);
		return;
	}
	ui_list_draw(&fs->list, y, rows);
	feeds_draw_first_run(ui, y + rows, h - rows);
}

/* The title: the number of feeds and the tag filter. */
static void
feeds_title(struct ui_view *v, struct ui *ui, struct buf *b)
{
	struct feeds *fs = (struct feeds *)v;
	size_t i, n = 0;

	for (i = 0; i < fs->n_rows; i++)
		n += fs->rows[i].kind == FEEDS_FEED;
	buf_printf(b, " hearsay %s Feeds (%zu)", ui_draw_glyphs()->hline, n);
	if (ui->tag != NULL) {
		char *tag = text_clean(ui->tag, TEXT_COLLAPSE_WS);

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
	int64_t id = r != NULL ? r->f.id : 0, at = fs->list.cursor;
	size_t i;

	(void)ui;
	ui_list_free(&fs->list);
	feeds_load(fs);
	ui_list_reload(&fs->list);
	/* Stay on the same row when feeds come or go around it. */
	for (i = 0; r != NULL && kind != FEEDS_SEPARATOR && i < fs->n_rows;
	    i++) {
		if (fs->rows[i].kind == kind && fs->rows[i].f.id == id) {
			ui_list_set(&fs->list, (int64_t)i);
			return;
		}
	}
	ui_list_set(&fs->list, at);
}

/* Free the view and its rows (and the tag filter it kept). */
static void
feeds_free(struct ui_view *v)
{
	struct feeds *fs = (struct feeds *)v;

	ui_list_free(&fs->list);
	feeds_clear(fs);
	free(fs->rows);
	xfree(fs->ui->tag);
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
	ui_list_set(&fs->list, feeds_first_feed(fs));
	return &fs->v;
}

/*
 * ui_sources.c - the Sources view: every speaker and cited source of the
 * stories of the last N days (the `sources-days` option), most quoted and
 * cited first, with counts; Enter lists one name's mentions (each story
 * with the name's quotes in it, or the cues it was cited with), and Enter
 * on those opens the story.
 *
 * The names and mentions come from the store's cached analysis in one
 * query each (bounded: SOURCES_MAX rows); the stories of the span not
 * analysed yet are analysed on entry for a moment (ui_analyze.c), the
 * rest in the background, and the title counts them meanwhile.  Every
 * string from the store goes through text_clean() before it is drawn.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hearsay/store.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "ui/ui.h"

#define SOURCES_MAX	2000	/* names, and mentions of one name */
#define DAY		((int64_t)86400)

/* One row of the names list, cleaned for drawing. */
struct sources_name {
	int64_t	 id;
	char	*name;
	int64_t	 n_stories, n_quotes, n_cites;
};

/* The columns' widths, from the rows: the widest of each. */
struct sources_widths {
	int	 count;		/* the number of stories */
	int	 name;
	int	 detail;	/* "3 quotes · 2 cites" */
	int	 detail_short;	/* "3q 2c" */
};

struct sources {
	struct ui_view	 v;
	struct ui	*ui;
	struct ui_list	 list;
	struct sources_name *names;
	int		 n_names;
	struct sources_widths cols;
	int		 stale;		/* reload when next drawn */
	int64_t		 pending;	/* stories of the span not analysed */
};

/* A row of the mentions list: a story, or a quote or citation under it. */
enum mention_kind { MENTION_STORY, MENTION_QUOTE, MENTION_CITE };

struct mention_row {
	enum mention_kind kind;
	int64_t	 story_id;
	int64_t	 date;
	char	*feed;		/* MENTION_STORY */
	char	*text;		/* title, quote or cues; clean */
	char	*cue;		/* MENTION_QUOTE: its cue, or NULL */
};

struct mentions {
	struct ui_view	 v;
	struct ui	*ui;
	struct ui_list	 list;
	int64_t		 name_id;
	char		*name;
	struct mention_row *rows;
	int		 n_rows;
	int		 n_stories;
	int64_t		 total;		/* the stories the name is in */
	int		 feedw;		/* the widest feed title */
	int		 stale;
};

static const struct ui_view_ops sources_ops;
static const struct ui_view_ops mentions_ops;
static void sources_reload_now(struct sources *s);
static void mentions_reload_now(struct mentions *m);

/* Clean a string from the store ("" for NULL).  Caller frees. */
static char *
sources_clean(const char *s)
{
	return text_clean(s != NULL ? s : "", TEXT_COLLAPSE_WS);
}

/* The start of the view's span: sources-days before the newest story
 * (before now, that is, unless nothing arrived lately: a store not
 * refreshed for a while, or the demo, still shows its last days). */
static int64_t
sources_since(struct ui *ui)
{
	int64_t days = ui->opts.sources_days > 0 ? ui->opts.sources_days : 7;
	int64_t now = (int64_t)time(NULL), newest;

	newest = store_newest_date(ui->st, now);
	return (newest > 0 ? newest : now) - days * DAY;
}

/* ---- the names ---- */

/* List callbacks over the view's own array: shallow row pointers. */
static int64_t
sources_count(void *arg)
{
	return ((struct sources *)arg)->n_names;
}

static int
sources_fetch(void *arg, int64_t off, int n, void *rows)
{
	struct sources *s = arg;
	const struct sources_name **out = rows;
	int i;

	for (i = 0; i < n && off + i < s->n_names; i++)
		out[i] = &s->names[off + i];
	return i;
}

static void
sources_row_clear(void *row)
{
	(void)row;
}

/* "3 quotes · 2 cites" into out, or "3q 2c" when short. */
static void
sources_detail(const struct sources_name *r, int short_form, char *out,
    size_t size)
{
	if (short_form)
		snprintf(out, size, "%lldq %lldc", (long long)r->n_quotes,
		    (long long)r->n_cites);
	else
		snprintf(out, size, "%lld quote%s %s %lld cite%s",
		    (long long)r->n_quotes, r->n_quotes == 1 ? "" : "s",
		    ui_draw_glyphs()->sep, (long long)r->n_cites,
		    r->n_cites == 1 ? "" : "s");
}

/* Measure the names' columns: each as wide as its widest cell. */
static void
sources_measure(struct sources *s)
{
	struct sources_widths *c = &s->cols;
	char cell[128];
	int i, n;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < s->n_names; i++) {
		n = snprintf(cell, sizeof(cell), "%lld",
		    (long long)s->names[i].n_stories);
		c->count = n > c->count ? n : c->count;
		n = ui_draw_width(s->names[i].name);
		c->name = n > c->name ? n : c->name;
		sources_detail(&s->names[i], 0, cell, sizeof(cell));
		n = ui_draw_width(cell);
		c->detail = n > c->detail ? n : c->detail;
		sources_detail(&s->names[i], 1, cell, sizeof(cell));
		n = ui_draw_width(cell);
		c->detail_short = n > c->detail_short ? n : c->detail_short;
	}
}

/* The name column gets this many columns (or what the widest name
 * needs, when less) before the details shorten; it never gets fewer
 * than SOURCES_NAME_MIN before they go. */
#define SOURCES_NAME_WANT 30
#define SOURCES_NAME_MIN 12

/* List callback: the number of stories, the name, then how often it is
 * quoted and cited: every column as wide as its widest cell, a space
 * between them.  When the names get too little room beside the details,
 * the details shorten ("3q 2c"), and in a window too narrow for those
 * they go (the counts are right-aligned). */
static void
sources_draw_row(void *arg, const void *row, int y, int w, int selected)
{
	const struct sources *s = arg;
	const struct sources_name *r = *(const struct sources_name *const *)row;
	attr_t base = selected ? ui_theme_attr(UI_C_SELECTED) : A_NORMAL;
	char count[32], detail[128];
	int countw = s->cols.count > 4 ? s->cols.count : 4, detw, namew;
	int short_form = 0;

	(void)y;
	/* The name's room: the width less the count and the details, with
	 * a space before each. */
	detw = s->cols.detail;
	namew = w - countw - 2 - detw;
	if (namew < s->cols.name && namew < SOURCES_NAME_WANT) {
		short_form = 1;
		detw = s->cols.detail_short;
		namew = w - countw - 2 - detw;
	}
	if (namew < SOURCES_NAME_MIN) {
		detw = 0;
		namew = w - countw - 1;
	}
	if (namew > s->cols.name && detw > 0)
		namew = s->cols.name;
	snprintf(count, sizeof(count), "%*lld", countw,
	    (long long)r->n_stories);
	ui_draw_cell(count, countw, selected ? base : ui_theme_attr(UI_C_DATE));
	ui_draw_pad(1, base);
	ui_draw_cell(r->name, namew, selected ? base | A_BOLD :
	    ui_theme_attr(UI_C_SPEAKER1) | A_BOLD);
	if (detw > 0) {
		/* Right-aligned, so the counts line up. */
		sources_detail(r, short_form, detail, sizeof(detail));
		ui_draw_pad(1 + detw - ui_draw_width(detail), base);
		ui_draw_cell(detail, ui_draw_width(detail), selected ? base :
		    ui_theme_attr(UI_C_FEED));
	}
}

static const struct ui_list_ops sources_list_ops = {
	sizeof(struct sources_name *), sources_count, sources_fetch,
	sources_row_clear, sources_draw_row,
};

static void
sources_names_free(struct sources *s)
{
	int i;

	for (i = 0; i < s->n_names; i++)
		free(s->names[i].name);
	free(s->names);
	s->names = NULL;
	s->n_names = 0;
}

/* (Re)load the names of the span from the store. */
static void
sources_load(struct sources *s)
{
	struct store_name *rows = xcalloc(SOURCES_MAX, sizeof(*rows));
	int i, n;

	sources_names_free(s);
	n = store_names_since(s->ui->st, sources_since(s->ui), SOURCES_MAX,
	    rows);
	if (n < 0) {
		ui_status(s->ui, 1, "Could not read the sources");
		n = 0;
	}
	s->names = xcalloc((size_t)n + 1, sizeof(*s->names));
	for (i = 0; i < n; i++) {
		s->names[i].id = rows[i].id;
		s->names[i].name = sources_clean(rows[i].name);
		s->names[i].n_stories = rows[i].n_stories;
		s->names[i].n_quotes = rows[i].n_quotes;
		s->names[i].n_cites = rows[i].n_cites;
		store_name_clear(&rows[i]);
	}
	s->n_names = n;
	free(rows);
	sources_measure(s);
}

/* Analyse the stories of the span that are not analysed yet, for a
 * moment, leaving the rest to the background first thing; say how many
 * are left. */
static void
sources_analyse(struct sources *s)
{
	s->pending = ui_analyze_window(s->ui, sources_since(s->ui));
	if (s->pending == -1 && store_readonly(s->ui->st) != NULL)
		ui_status(s->ui, 0, "The store is read-only: stories not"
		    " analysed yet are not counted");
	else if (s->pending > 0)
		ui_status(s->ui, 0, "%lld %s of these days not analysed yet:"
		    " analysing in the background", (long long)s->pending,
		    s->pending == 1 ? "story" : "stories");
}

struct ui_view *
ui_sources_new(struct ui *ui)
{
	struct sources *s;

	if (ui->top != NULL && (ui->top->ops == &sources_ops ||
	    ui->top->ops == &mentions_ops))
		return NULL;
	s = xcalloc(1, sizeof(*s));
	s->v.ops = &sources_ops;
	s->ui = ui;
	sources_analyse(s);
	sources_load(s);
	ui_list_init(&s->list, &sources_list_ops, s);
	return &s->v;
}

static struct ui_view *mentions_new(struct ui *ui,
    const struct sources_name *name);

static int
sources_act(struct ui_view *v, struct ui *ui, enum ui_action a, int arg)
{
	struct sources *s = (struct sources *)v;
	const struct sources_name *const *row;

	(void)arg;
	if (ui_list_act(&s->list, a))
		return 1;
	if (a != UI_ACT_OPEN)
		return a == UI_ACT_SOURCES;
	row = ui_list_selected(&s->list);
	if (row != NULL)
		ui_push(ui, mentions_new(ui, *row));
	return 1;
}

static void
sources_draw(struct ui_view *v, struct ui *ui, int y, int h)
{
	struct sources *s = (struct sources *)v;
	char line[160];

	if (s->stale)
		sources_reload_now(s);
	if (s->n_names > 0) {
		ui_list_draw(&s->list, y, h);
		return;
	}
	move(y, 0);
	clrtobot();
	snprintf(line, sizeof(line), "Nobody quoted or cited in the last %lld"
	    " days.", (long long)(ui->opts.sources_days > 0 ?
	    ui->opts.sources_days : 7));
	move(y + 1, 2);
	ui_draw_text(line, COLS - 2, A_NORMAL);
	move(y + 2, 2);
	ui_draw_text(s->pending > 0 ? "Stories are being analysed: they show"
	    " here as they are." : "Stories are analysed while the reader"
	    " is idle, or with `hearsay analyze`.", COLS - 2, A_NORMAL);
}

static void
sources_title(struct ui_view *v, struct ui *ui, struct buf *b)
{
	struct sources *s = (struct sources *)v;
	const char *hl = ui_draw_glyphs()->hline;

	buf_printf(b, " Sources %s last %lld days %s %lld of %d", hl,
	    (long long)(ui->opts.sources_days > 0 ? ui->opts.sources_days : 7),
	    hl, (long long)(s->n_names > 0 ? s->list.cursor + 1 : 0),
	    s->n_names);
	/* The background counts down what it has left of the span. */
	if (s->pending > 0 && ui_analyze_window_left(ui) > 0)
		buf_printf(b, " %s %lld not analysed yet", hl,
		    (long long)ui_analyze_window_left(ui));
}

/* Count again, keeping the cursor on its name. */
static void
sources_reload_now(struct sources *s)
{
	const struct sources_name *const *row = ui_list_selected(&s->list);
	int64_t id = row != NULL ? (*row)->id : 0;
	int i;

	s->stale = 0;
	/* Until the background is through the span, it has some left. */
	if (s->pending > 0 && !ui_analyze_window_running(s->ui))
		s->pending = 0;
	sources_load(s);
	ui_list_reload(&s->list);
	for (i = 0; i < s->n_names; i++) {
		if (s->names[i].id == id) {
			ui_list_set(&s->list, i);
			break;
		}
	}
}

/* The store changed: count again when the view shows next (the count
 * reads every story of the span; a mark made below must not wait). */
static void
sources_reload(struct ui_view *v, struct ui *ui)
{
	(void)ui;
	((struct sources *)v)->stale = 1;
}

static void
sources_free(struct ui_view *v)
{
	struct sources *s = (struct sources *)v;

	ui_list_free(&s->list);
	sources_names_free(s);
	free(s);
}

static const struct ui_hint sources_hints[] = {
	{ UI_ACT_OPEN, "stories" },
	{ UI_ACT_BACK, "back" },
	{ UI_ACT_NONE, NULL },
};

static const struct ui_view_ops sources_ops = {
	"sources", sources_hints, sources_draw, sources_act, sources_title,
	sources_reload, sources_free,
};

/* ---- one name's mentions ---- */

static int64_t
mentions_count(void *arg)
{
	return ((struct mentions *)arg)->n_rows;
}

static int
mentions_fetch(void *arg, int64_t off, int n, void *rows)
{
	struct mentions *m = arg;
	const struct mention_row **out = rows;
	int i;

	for (i = 0; i < n && off + i < m->n_rows; i++)
		out[i] = &m->rows[off + i];
	return i;
}

/* A story row: date, feed (when there is room: as wide as the widest,
 * up to a quarter of the width), title. */
static void
mentions_draw_story(const struct mentions *m, const struct mention_row *r,
    int w, attr_t base, int selected)
{
	char date[32];
	int feedw = 0;

	if (w >= 60)
		feedw = m->feedw < w / 4 ? m->feedw + 1 : w / 4;
	ui_draw_date(r->date, date, sizeof(date), NULL);
	ui_draw_cell(date, 10, selected ? base : ui_theme_attr(UI_C_DATE));
	ui_draw_pad(1, base);
	if (feedw > 0) {
		ui_draw_cell(r->feed, feedw - 1, selected ? base :
		    ui_theme_attr(UI_C_FEED));
		ui_draw_pad(1, base);
	}
	ui_draw_cell(r->text, w - 11 - feedw, selected ? base | A_BOLD :
	    ui_theme_attr(UI_C_HEADER) | A_BOLD);
}

/* List callback: a story, or a quote or citation indented under it. */
static void
mentions_draw_row(void *arg, const void *row, int y, int w, int selected)
{
	const struct mention_row *r = *(const struct mention_row *const *)row;
	attr_t base = selected ? ui_theme_attr(UI_C_SELECTED) : A_NORMAL;
	struct buf b = BUF_INIT;

	(void)y;
	if (r->kind == MENTION_STORY) {
		mentions_draw_story(arg, r, w, base, selected);
		return;
	}
	ui_draw_pad(4, base);
	if (r->kind == MENTION_QUOTE) {
		buf_printf(&b, "\"%s\"", r->text);
		if (r->cue != NULL && *r->cue != '\0')
			buf_printf(&b, " %s %s", ui_draw_glyphs()->sep, r->cue);
	} else {
		buf_printf(&b, "cited: %s", *r->text != '\0' ? r->text :
		    "(no cue)");
	}
	ui_draw_cell(buf_str(&b), w - 4, selected ? base :
	    ui_theme_attr(r->kind == MENTION_QUOTE ? UI_C_QUOTE : UI_C_FEED));
	buf_free(&b);
}

static const struct ui_list_ops mentions_list_ops = {
	sizeof(struct mention_row *), mentions_count, mentions_fetch,
	sources_row_clear, mentions_draw_row,
};

/* Append a row (the strings are taken over). */
static void
mentions_add(struct mentions *m, int *cap, const struct mention_row *r)
{
	if (m->n_rows == *cap) {
		*cap = *cap == 0 ? 32 : *cap * 2;
		m->rows = xreallocarray(m->rows, (size_t)*cap, sizeof(*m->rows));
	}
	m->rows[m->n_rows++] = *r;
}

/* Turn the store's mentions into rows: each story once, then what it
 * says of the name (its quotes come before its citation). */
static void
mentions_rows(struct mentions *m, const struct store_mention *ms, int n)
{
	struct mention_row r;
	int i, cap = 0;

	for (i = 0; i < n; i++) {
		if (i == 0 || ms[i].story_id != ms[i - 1].story_id) {
			memset(&r, 0, sizeof(r));
			r.kind = MENTION_STORY;
			r.story_id = ms[i].story_id;
			r.date = ms[i].date;
			r.feed = sources_clean(ms[i].feed_title);
			r.text = sources_clean(ms[i].title != NULL &&
			    *ms[i].title != '\0' ? ms[i].title : "(no title)");
			if (ui_draw_width(r.feed) > m->feedw)
				m->feedw = ui_draw_width(r.feed);
			mentions_add(m, &cap, &r);
			m->n_stories++;
		}
		/* A speaker is cited by the sentences of its quotes: the
		 * citation says nothing more then. */
		if (ms[i].quote == NULL && m->n_rows > 0 &&
		    m->rows[m->n_rows - 1].kind == MENTION_QUOTE)
			continue;
		memset(&r, 0, sizeof(r));
		r.kind = ms[i].quote != NULL ? MENTION_QUOTE : MENTION_CITE;
		r.story_id = ms[i].story_id;
		r.text = sources_clean(ms[i].quote != NULL ? ms[i].quote :
		    ms[i].cue);
		if (ms[i].quote != NULL && ms[i].cue != NULL)
			r.cue = sources_clean(ms[i].cue);
		mentions_add(m, &cap, &r);
	}
}

static void
mentions_rows_free(struct mentions *m)
{
	int i;

	for (i = 0; i < m->n_rows; i++) {
		free(m->rows[i].feed);
		free(m->rows[i].text);
		free(m->rows[i].cue);
	}
	free(m->rows);
	m->rows = NULL;
	m->n_rows = 0;
	m->n_stories = 0;
	m->feedw = 0;
}

/* (Re)load the name's mentions from the store. */
static void
mentions_load(struct mentions *m)
{
	struct store_mention *ms = xcalloc(SOURCES_MAX, sizeof(*ms));
	int i, n;

	mentions_rows_free(m);
	n = store_name_mentions(m->ui->st, m->name_id, sources_since(m->ui),
	    SOURCES_MAX, ms);
	if (n < 0) {
		ui_status(m->ui, 1, "Could not read the stories");
		n = 0;
	}
	mentions_rows(m, ms, n);
	for (i = 0; i < n; i++)
		store_mention_clear(&ms[i]);
	free(ms);
}

static struct ui_view *
mentions_new(struct ui *ui, const struct sources_name *name)
{
	struct mentions *m = xcalloc(1, sizeof(*m));

	m->v.ops = &mentions_ops;
	m->ui = ui;
	m->name_id = name->id;
	m->name = xstrdup(name->name);
	m->total = name->n_stories;
	mentions_load(m);
	ui_list_init(&m->list, &mentions_list_ops, m);
	return &m->v;
}

static int
mentions_act(struct ui_view *v, struct ui *ui, enum ui_action a, int arg)
{
	struct mentions *m = (struct mentions *)v;
	const struct mention_row *const *row;

	(void)arg;
	if (ui_list_act(&m->list, a))
		return 1;
	if (a != UI_ACT_OPEN)
		return a == UI_ACT_SOURCES;
	row = ui_list_selected(&m->list);
	if (row != NULL)
		ui_push(ui, ui_pager_new(ui, (*row)->story_id));
	return 1;
}

static void
mentions_draw(struct ui_view *v, struct ui *ui, int y, int h)
{
	struct mentions *m = (struct mentions *)v;

	(void)ui;
	if (m->stale)
		mentions_reload_now(m);
	if (m->n_rows > 0) {
		ui_list_draw(&m->list, y, h);
		return;
	}
	move(y, 0);
	clrtobot();
	mvaddstr(y + 1, 2, "No story of these days mentions it any more.");
}

static void
mentions_title(struct ui_view *v, struct ui *ui, struct buf *b)
{
	struct mentions *m = (struct mentions *)v;

	(void)ui;
	buf_printf(b, " %s %s %d stor%s", m->name, ui_draw_glyphs()->hline,
	    m->n_stories, m->n_stories == 1 ? "y" : "ies");
	/* The list is bounded: say so when it holds only the newest. */
	if (m->total > m->n_stories)
		buf_printf(b, " (the newest of %lld)", (long long)m->total);
}

/* Read the mentions again, the cursor where it was. */
static void
mentions_reload_now(struct mentions *m)
{
	int64_t at = m->list.cursor;

	m->stale = 0;
	mentions_load(m);
	ui_list_reload(&m->list);
	ui_list_set(&m->list, at);
}

static void
mentions_reload(struct ui_view *v, struct ui *ui)
{
	(void)ui;
	((struct mentions *)v)->stale = 1;
}

static void
mentions_free(struct ui_view *v)
{
	struct mentions *m = (struct mentions *)v;

	ui_list_free(&m->list);
	mentions_rows_free(m);
	free(m->name);
	free(m);
}

static const struct ui_hint mentions_hints[] = {
	{ UI_ACT_OPEN, "open story" },
	{ UI_ACT_BACK, "back" },
	{ UI_ACT_NONE, NULL },
};

static const struct ui_view_ops mentions_ops = {
	"sources", mentions_hints, mentions_draw, mentions_act,
	mentions_title, mentions_reload, mentions_free,
};

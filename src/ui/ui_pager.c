/*
 * ui_pager.c - the Story view: a pager over one story.
 *
 * The screen is a list of display rows built once per width and fold
 * state: the header (title, date, feed, author, link), the Attribution and
 * Quotes panes (ui_panes.c), a rule, then the body as render_wrap() lines.
 * Runs of quoted lines fold to one summary row at build time (mutt's
 * toggle-quoted); search matches are highlighted at draw time, and so are
 * the quotes the engine found (in their speaker's colour; the one jumped
 * to from the Quotes pane, which Tab moves a cursor into, as a match).
 * The body is made into text once (story_text.h): the engine analyses
 * its plain text, the pager wraps its document, and the quotes are
 * placed on the lines by the engine's offsets.  A search in the text
 * wraps round at either end.  Links are opened by their number
 * (ui_links.c reads the digits) or from the Links view.  The body text
 * comes out of render.h already sanitized; header strings go through
 * text_clean() here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/analyze.h"
#include "hearsay/quotes.h"
#include "hearsay/render.h"
#include "hearsay/store.h"
#include "hearsay/story_text.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "ui/ui.h"

enum pager_kind {
	PAGER_HEADER, PAGER_PANE, PAGER_RULE, PAGER_LINE, PAGER_FOLD
};

struct pager_row {
	enum pager_kind	 kind;
	size_t		 index;	/* header line or body line */
	size_t		 n;	/* lines folded */
};

struct pager {
	struct ui_view	 v;
	struct ui	*ui;
	int64_t		 id;
	struct store_story story;
	struct story_text *text;	/* the body's */
	struct render_doc *empty;	/* what shows when there is none */
	const struct render_doc *doc;	/* one of the two */
	struct render_lines *lines;
	struct ui_panes	*panes;
	struct ui_quote_span *spans;	/* the quotes in the wrapped body */
	size_t		 n_spans;
	int		 in_quotes;	/* the cursor is in the Quotes pane */
	size_t		 quote_sel;	/* the quote under it */
	int64_t		 quote_hl;	/* the quote jumped to, or -1 */
	int64_t		 quote_top;	/* the top row the jump set, or -1 */
	int		 width;
	char		*header[3];
	attr_t		 header_attr[3];
	size_t		 n_header;
	int		 folded;
	struct pager_row *rows;
	size_t		 n_rows;
	int64_t		 top;
	int		 height;
	char		*pattern;
	int64_t		 match;		/* row of the current match, or -1 */
};

static const struct ui_view_ops pager_ops;

/* Append a display row. */
static void
pager_add(struct pager *p, enum pager_kind kind, size_t index, size_t n)
{
	p->rows = xreallocarray(p->rows, p->n_rows + 1, sizeof(*p->rows));
	p->rows[p->n_rows].kind = kind;
	p->rows[p->n_rows].index = index;
	p->rows[p->n_rows].n = n;
	p->n_rows++;
}

/* Number of lines from i that form one quoted section: quoted lines and
 * the blank lines between them. */
static size_t
pager_quote_run(struct pager *p, size_t i, size_t count)
{
	const struct render_line *l;
	size_t j, end = i;

	for (j = i; j < count; j++) {
		l = render_lines_get(p->lines, j);
		if (l->quote > 0)
			end = j + 1;
		else if (l->cls != RENDER_LINE_BLANK)
			break;
	}
	return end - i;
}

/* The width to wrap at: the window's, capped by the wrap-width option. */
static int
pager_width(const struct ui *ui)
{
	int w = COLS > 10 ? COLS - 2 : 8;

	if (ui->opts.wrap_width > 0 && ui->opts.wrap_width < w)
		w = ui->opts.wrap_width;
	return w;
}

/* Wrap the body for the width and lay out every row. */
static void
pager_layout(struct pager *p)
{
	const struct render_line *l;
	size_t i, count, run;

	p->width = pager_width(p->ui);
	render_lines_free(p->lines);
	p->lines = render_wrap(p->doc, p->width);
	free(p->spans);
	p->spans = p->empty == NULL ? ui_panes_spans(p->panes, p->text,
	    p->lines, &p->n_spans) : NULL;
	free(p->rows);
	p->rows = NULL;
	p->n_rows = 0;
	for (i = 0; i < p->n_header; i++)
		pager_add(p, PAGER_HEADER, i, 0);
	count = ui_panes_layout(p->panes, p->ui, p->width);
	for (i = 0; i < count; i++)
		pager_add(p, PAGER_PANE, i, 0);
	pager_add(p, PAGER_RULE, 0, 0);
	count = render_lines_count(p->lines);
	for (i = 0; i < count; i++) {
		l = render_lines_get(p->lines, i);
		if (p->folded && l->quote > 0) {
			run = pager_quote_run(p, i, count);
			pager_add(p, PAGER_FOLD, i, run);
			i += run - 1;
			continue;
		}
		pager_add(p, PAGER_LINE, i, 0);
	}
}

/* The attributes of a wrapped line's class. */
static attr_t
pager_line_attr(const struct render_line *l)
{
	switch (l->cls) {
	case RENDER_LINE_HEADING:
		return ui_theme_attr(UI_C_HEADING);
	case RENDER_LINE_QUOTE:
		return ui_theme_attr(UI_C_QUOTE);
	case RENDER_LINE_PRE:
		return ui_theme_attr(UI_C_CODE);
	case RENDER_LINE_LINKS:
		return ui_theme_attr(UI_C_LINK);
	default:
		return l->quote > 0 ? ui_theme_attr(UI_C_QUOTE) : A_NORMAL;
	}
}

/* The attributes of a run's bits. */
static attr_t
pager_run_attr(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & RENDER_ATTR_BOLD)
		r |= A_BOLD;
	if (a & RENDER_ATTR_ITALIC)
		r |= A_ITALIC;
	if (a & RENDER_ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & RENDER_ATTR_CODE)
		r |= ui_theme_attr(UI_C_CODE);
	if (a & (RENDER_ATTR_LINK | RENDER_ATTR_NOTE))
		r |= ui_theme_attr(UI_C_LINK);
	if (a & RENDER_ATTR_IMAGE)
		r |= A_DIM;
	return r;
}

/* Byte offset of the next case-insensitive match of pat in s[from..len),
 * or (size_t)-1. */
static size_t
pager_find(const char *s, size_t len, size_t from, const char *pat)
{
	size_t plen = strlen(pat), i;

	if (plen == 0 || len < plen)
		return (size_t)-1;
	for (i = from; i + plen <= len; i++) {
		if (ascii_ncasecmp(s + i, pat, plen) == 0)
			return i;
	}
	return (size_t)-1;
}

/* Mark the bytes of line i that are inside a quote the engine found. */
static void
pager_mark_quotes(struct pager *p, size_t i, const struct render_line *l,
    attr_t *attr)
{
	const struct ui_quote_span *sp;
	size_t k, j, from, to;
	attr_t a;

	for (k = 0; k < p->n_spans; k++) {
		sp = &p->spans[k];
		if (i < sp->line0 || i > sp->line1)
			continue;
		from = i == sp->line0 ? sp->off0 : l->prefix;
		to = i == sp->line1 ? sp->off1 : l->len;
		a = (int64_t)sp->quote == p->quote_hl ?
		    ui_theme_attr(UI_C_MATCH) :
		    ui_panes_quote_attr(p->panes, sp->quote);
		for (j = from; j < to && j < l->len; j++)
			attr[j] = a;
	}
}

/* Draw body line li: per-byte attributes from the line class, the runs,
 * the quotes and the search matches, then spans of equal attributes. */
static void
pager_draw_line(struct pager *p, size_t li, int w)
{
	const struct render_line *l = render_lines_get(p->lines, li);
	attr_t *attr, base = pager_line_attr(l), match = ui_theme_attr(UI_C_MATCH);
	size_t i, j, start, m, plen;
	int used = 0;

	if (l->cls == RENDER_LINE_RULE) {
		ui_draw_hline(w, ui_theme_attr(UI_C_QUOTE));
		return;
	}
	if (l->len == 0)
		return;
	attr = xreallocarray(NULL, l->len, sizeof(*attr));
	for (i = 0; i < l->len; i++)
		attr[i] = base;
	for (i = 0; i < l->nruns; i++) {
		for (j = l->runs[i].start; j < l->runs[i].end && j < l->len; j++)
			attr[j] = base | pager_run_attr(l->runs[i].attr);
	}
	pager_mark_quotes(p, li, l, attr);
	if (p->pattern != NULL) {
		plen = strlen(p->pattern);
		for (m = pager_find(l->text, l->len, 0, p->pattern);
		    m != (size_t)-1; m = pager_find(l->text, l->len, m + plen,
		    p->pattern)) {
			for (j = m; j < m + plen; j++)
				attr[j] = match;
		}
	}
	for (start = 0; start < l->len && used < w; start = i) {
		for (i = start + 1; i < l->len && attr[i] == attr[start]; i++)
			;
		used += ui_draw_textn(l->text + start, i - start, w - used,
		    attr[start]);
	}
	free(attr);
}

/* Draw one display row in w columns. */
static void
pager_draw_row(struct pager *p, const struct pager_row *r, int w)
{
	const struct ui_glyphs *g = ui_draw_glyphs();
	const struct render_line *l;
	char *s;

	switch (r->kind) {
	case PAGER_HEADER:
		ui_draw_text(p->header[r->index], w, p->header_attr[r->index]);
		break;
	case PAGER_PANE:
		ui_panes_draw(p->panes, r->index, w, p->in_quotes &&
		    r->index == ui_panes_quote_line(p->panes, p->quote_sel));
		break;
	case PAGER_RULE:
		ui_draw_hline(w, ui_theme_attr(UI_C_HEADER));
		break;
	case PAGER_LINE:
		pager_draw_line(p, r->index, w);
		break;
	case PAGER_FOLD:
		/* The first quoted words, after the "> " marks, as a preview. */
		l = render_lines_get(p->lines, r->index);
		s = xprintf("%s quoted text, %zu %s: %s", g->fold_closed, r->n,
		    r->n == 1 ? "line" : "lines", l->text + l->prefix);
		ui_draw_text(s, w, ui_theme_attr(UI_C_FOLD));
		free(s);
		break;
	}
}

/* Keep the top row in range. */
static void
pager_clamp(struct pager *p)
{
	int64_t max = (int64_t)p->n_rows - p->height;

	if (p->top > max)
		p->top = max;
	if (p->top < 0)
		p->top = 0;
}

static int pager_quote_show(struct pager *p);

/* Lay out again for a new width, keeping in sight the quote jumped to
 * when nothing scrolled since, else the body line at the top: the row
 * that now shows the same byte of the same block goes to the top. */
static void
pager_relayout(struct pager *p)
{
	const struct render_line *l;
	size_t block = RENDER_NO_BLOCK, off = 0, r;
	int64_t found = -1;
	int follow = p->quote_hl >= 0 && p->top == p->quote_top;

	if (p->top >= 0 && p->top < (int64_t)p->n_rows &&
	    p->rows[p->top].kind != PAGER_HEADER &&
	    p->rows[p->top].kind != PAGER_PANE &&
	    p->rows[p->top].kind != PAGER_RULE) {
		l = render_lines_get(p->lines, p->rows[p->top].index);
		block = l->block;
		off = l->offset;
	}
	pager_layout(p);
	if ((follow && pager_quote_show(p) == 0) || block == RENDER_NO_BLOCK)
		return;
	for (r = 0; r < p->n_rows; r++) {
		if (p->rows[r].kind != PAGER_LINE && p->rows[r].kind != PAGER_FOLD)
			continue;
		l = render_lines_get(p->lines, p->rows[r].index);
		if (l->block == block && (l->offset <= off || found == -1))
			found = (int64_t)r;
		else if (found != -1 && l->block != block)
			break;
	}
	if (found != -1)
		p->top = found;
}

/* Draw the visible rows, laying out again when the width changed. */
static void
pager_draw(struct ui_view *v, struct ui *ui, int y, int h)
{
	struct pager *p = (struct pager *)v;
	int i, w;

	(void)ui;
	p->height = h;
	if (p->width != pager_width(p->ui))
		pager_relayout(p);
	pager_clamp(p);
	/* Tiny windows: never draw past the edge (curses would wrap). */
	w = COLS - 1 < p->width ? COLS - 1 : p->width;
	for (i = 0; i < h; i++) {
		move(y + i, 0);
		clrtoeol();
		if (p->top + i < (int64_t)p->n_rows) {
			move(y + i, 1);
			pager_draw_row(p, &p->rows[p->top + i], w);
		}
	}
}

/* Non-zero when display row r contains the search pattern. */
static int
pager_row_matches(struct pager *p, const struct pager_row *r)
{
	const struct render_line *l;
	size_t i;

	if (r->kind == PAGER_HEADER)
		return pager_find(p->header[r->index],
		    strlen(p->header[r->index]), 0, p->pattern) != (size_t)-1;
	if (r->kind == PAGER_RULE || r->kind == PAGER_PANE)
		return 0;
	for (i = r->index; i < r->index + (r->kind == PAGER_FOLD ? r->n : 1);
	    i++) {
		l = render_lines_get(p->lines, i);
		if (pager_find(l->text, l->len, 0, p->pattern) != (size_t)-1)
			return 1;
	}
	return 0;
}

/* The first row with a match from `from` on in direction dir, or -1. */
static int64_t
pager_search_scan(struct pager *p, int64_t from, int dir)
{
	int64_t i;

	for (i = from; i >= 0 && i < (int64_t)p->n_rows; i += dir) {
		if (pager_row_matches(p, &p->rows[i]))
			return i;
	}
	return -1;
}

/* Go to the next (dir 1) or previous (-1) row with a match, from `from`,
 * wrapping round at the end (the one match of a story is found again); a
 * match inside folded quotes unfolds them. */
static void
pager_search_step(struct pager *p, struct ui *ui, int64_t from, int dir)
{
	int64_t i = pager_search_scan(p, from, dir);
	int wrapped = 0;

	if (i == -1) {
		i = pager_search_scan(p, dir > 0 ? 0 : (int64_t)p->n_rows - 1,
		    dir);
		wrapped = 1;
	}
	if (i == -1) {
		ui_status(ui, 1, "Not found: %s", p->pattern);
		return;
	}
	if (p->rows[i].kind == PAGER_FOLD) {
		p->folded = 0;
		pager_layout(p);
		pager_search_step(p, ui, from, dir);
		return;
	}
	p->match = i;
	p->top = i > 2 ? i - 2 : 0;
	pager_clamp(p);
	if (wrapped)
		ui_status(ui, 0, "/%s: search wrapped to the %s", p->pattern,
		    dir > 0 ? "top" : "bottom");
	else
		ui_status(ui, 0, "/%s", p->pattern);
}

/* Prompt callback: find the text (empty ends the search). */
static void
pager_search_done(struct ui *ui, const char *text)
{
	struct pager *p = (struct pager *)ui->top;

	if (ui->top == NULL || ui->top->ops != &pager_ops)
		return;
	xfree(p->pattern);
	p->match = -1;
	if (*text == '\0')
		return;
	p->pattern = text_clean(text, 0);
	pager_search_step(p, ui, p->top, 1);
}

/* Toggle the story's read or starred mark, for undo too. */
static void
pager_toggle(struct pager *p, struct ui *ui, int starred)
{
	int old = starred ? p->story.starred : p->story.read;

	if (ui_mark(ui, starred, p->id, !old) == -1)
		return;
	if (starred)
		p->story.starred = !old;
	else
		p->story.read = !old;
	ui_status(ui, 0, "%s", starred ? (old ? "Unstarred" : "Starred") :
	    (old ? "Marked unread" : "Marked read"));
	ui_changed(ui);
}

/* Leave the story for the next unread one (dir), from the list below. */
static void
pager_next_unread(struct pager *p, struct ui *ui, int dir)
{
	int64_t id = p->id;

	if (!ui_stories_is(p->v.below)) {
		ui_status(ui, 1, "Not available here");
		return;
	}
	ui_pop(ui);
	ui_stories_next_unread(ui, dir, id, 1);
}

/* Open link n (1-based) of the story. */
static void
pager_link(struct pager *p, struct ui *ui, int n)
{
	const char *url = render_link(p->doc, (size_t)n - 1);

	if (url == NULL)
		ui_status(ui, 1, "No link %d in this story", n);
	else
		ui_open_url(ui, url);
}

/* Movement actions; non-zero if it was one. */
static int
pager_scroll(struct pager *p, enum ui_action a)
{
	int64_t page = p->height > 1 ? p->height - 1 : 1;

	switch (a) {
	case UI_ACT_UP:
		p->top--;
		break;
	case UI_ACT_DOWN:
		p->top++;
		break;
	case UI_ACT_PAGE_UP:
		p->top -= page;
		break;
	case UI_ACT_PAGE_DOWN:
		p->top += page;
		break;
	case UI_ACT_HOME:
		p->top = 0;
		break;
	case UI_ACT_END:
		p->top = (int64_t)p->n_rows;
		break;
	default:
		return 0;
	}
	pager_clamp(p);
	return 1;
}

/* The display row of pane line i, or -1. */
static int64_t
pager_pane_row(struct pager *p, size_t i)
{
	size_t r;

	for (r = 0; r < p->n_rows; r++) {
		if (p->rows[r].kind == PAGER_PANE && p->rows[r].index == i)
			return (int64_t)r;
	}
	return -1;
}

/* Scroll so that display row r shows, a little below the top when it
 * was out of sight. */
static void
pager_show_row(struct pager *p, int64_t r)
{
	if (r < 0)
		return;
	if (r < p->top || r >= p->top + p->height)
		p->top = r > 2 ? r - 2 : 0;
	pager_clamp(p);
}

/* Tab: move the cursor into the Quotes pane (unfolding it), or out. */
static void
pager_quotes_enter(struct pager *p, struct ui *ui)
{
	if (p->in_quotes) {
		p->in_quotes = 0;
		return;
	}
	if (ui_panes_n_quotes(p->panes) == 0) {
		ui_status(ui, 1, "No quotes in this story");
		return;
	}
	if (ui->pane_quotes_folded) {
		ui->pane_quotes_folded = 0;
		pager_layout(p);
	}
	p->in_quotes = 1;
	pager_show_row(p, pager_pane_row(p, ui_panes_quote_line(p->panes,
	    p->quote_sel)));
	ui_status(ui, 0, "Quote %zu of %zu", p->quote_sel + 1,
	    ui_panes_n_quotes(p->panes));
}

/* The display row of body line i, unfolding quoted text that hides it. */
static int64_t
pager_line_row(struct pager *p, size_t i)
{
	size_t r;

	for (r = 0; r < p->n_rows; r++) {
		if (p->rows[r].kind == PAGER_LINE && p->rows[r].index == i)
			return (int64_t)r;
		if (p->rows[r].kind == PAGER_FOLD && i >= p->rows[r].index &&
		    i < p->rows[r].index + p->rows[r].n) {
			p->folded = 0;
			pager_layout(p);
			return pager_line_row(p, i);
		}
	}
	return -1;
}

/* Scroll to the quote jumped to, two rows below the top; -1 when the
 * text does not show it. */
static int
pager_quote_show(struct pager *p)
{
	size_t k;

	for (k = 0; k < p->n_spans; k++) {
		if ((int64_t)p->spans[k].quote == p->quote_hl)
			break;
	}
	if (k == p->n_spans)
		return -1;
	p->top = pager_line_row(p, p->spans[k].line0);
	p->top = p->top > 2 ? p->top - 2 : 0;
	pager_clamp(p);
	p->quote_top = p->top;
	return 0;
}

/* Enter in the Quotes pane: jump to the quote in the text and mark it. */
static void
pager_quotes_jump(struct pager *p, struct ui *ui)
{
	int64_t hl = p->quote_hl;

	p->quote_hl = (int64_t)p->quote_sel;
	if (pager_quote_show(p) == -1) {
		p->quote_hl = hl;
		ui_status(ui, 1, "The quote is not in the text as shown");
		return;
	}
	p->in_quotes = 0;
	ui_status(ui, 0, "Quote %zu of %zu", p->quote_sel + 1,
	    ui_panes_n_quotes(p->panes));
}

/* Actions while the cursor is in the Quotes pane; non-zero if handled. */
static int
pager_quotes_act(struct pager *p, struct ui *ui, enum ui_action a)
{
	size_t n = ui_panes_n_quotes(p->panes);

	switch (a) {
	case UI_ACT_UP:
	case UI_ACT_DOWN:
		if (a == UI_ACT_UP && p->quote_sel > 0)
			p->quote_sel--;
		else if (a == UI_ACT_DOWN && p->quote_sel + 1 < n)
			p->quote_sel++;
		pager_show_row(p, pager_pane_row(p,
		    ui_panes_quote_line(p->panes, p->quote_sel)));
		ui_status(ui, 0, "Quote %zu of %zu", p->quote_sel + 1, n);
		return 1;
	case UI_ACT_OPEN:
		pager_quotes_jump(p, ui);
		return 1;
	case UI_ACT_BACK:
		p->in_quotes = 0;
		return 1;
	default:
		return 0;
	}
}

/* The Story view's actions. */
static int
pager_act(struct ui_view *v, struct ui *ui, enum ui_action a, int arg)
{
	struct pager *p = (struct pager *)v;

	/* After a search, n and N step through the matches. */
	if (p->pattern != NULL && a == UI_ACT_NEXT_UNREAD)
		a = UI_ACT_SEARCH_NEXT;
	else if (p->pattern != NULL && a == UI_ACT_TOGGLE_READ)
		a = UI_ACT_SEARCH_PREV;
	if (p->in_quotes && pager_quotes_act(p, ui, a))
		return 1;
	if (pager_scroll(p, a))
		return 1;
	switch (a) {
	case UI_ACT_NEXT_UNREAD:
	case UI_ACT_PREV_UNREAD:
		pager_next_unread(p, ui, a == UI_ACT_NEXT_UNREAD ? 1 : -1);
		break;
	case UI_ACT_TOGGLE_READ:
		pager_toggle(p, ui, 0);
		break;
	case UI_ACT_STAR:
		pager_toggle(p, ui, 1);
		break;
	case UI_ACT_TOGGLE_QUOTED:
		p->folded = !p->folded;
		ui->quotes_folded = p->folded;
		pager_layout(p);
		break;
	case UI_ACT_TOGGLE_ATTRIBUTION:
		ui->pane_attrib_folded = !ui->pane_attrib_folded;
		pager_layout(p);
		break;
	case UI_ACT_TOGGLE_QUOTES:
		ui->pane_quotes_folded = !ui->pane_quotes_folded;
		p->in_quotes = 0;
		pager_layout(p);
		break;
	case UI_ACT_FOCUS_QUOTES:
		pager_quotes_enter(p, ui);
		break;
	case UI_ACT_OPEN_LINK:
		if (p->story.link != NULL)
			ui_open_url(ui, p->story.link);
		else
			ui_status(ui, 1, "The story has no link");
		break;
	case UI_ACT_LINK:
		ui_links_digit(ui, arg, render_link_count(p->doc));
		break;
	case UI_ACT_LINK_OPEN:
		pager_link(p, ui, arg);
		break;
	case UI_ACT_SHOW_URLS:
		ui_push(ui, ui_links_new(ui, p->story.title, p->story.link,
		    p->doc));
		break;
	case UI_ACT_COPY_LINK:
		if (p->story.link != NULL && *p->story.link != '\0')
			ui_open_copy(ui, p->story.link);
		else
			ui_status(ui, 1, "The story has no link");
		break;
	case UI_ACT_SEARCH:
		ui_prompt(ui, "Find: ", pager_search_done);
		break;
	case UI_ACT_REFRESH:
		ui_refresh_start(ui, p->story.feed_id);
		break;
	case UI_ACT_SEARCH_NEXT:
	case UI_ACT_SEARCH_PREV:
		if (p->pattern == NULL)
			return 0;
		pager_search_step(p, ui, p->match + (a == UI_ACT_SEARCH_NEXT ?
		    1 : -1), a == UI_ACT_SEARCH_NEXT ? 1 : -1);
		break;
	default:
		return 0;
	}
	return 1;
}

/* The title: feed, position in percent, starred mark. */
static void
pager_title(struct ui_view *v, struct ui *ui, struct buf *b)
{
	struct pager *p = (struct pager *)v;
	const struct ui_glyphs *g = ui_draw_glyphs();
	int64_t last = p->top + p->height;
	char *feed;

	(void)ui;
	if (last > (int64_t)p->n_rows)
		last = (int64_t)p->n_rows;
	feed = text_clean(p->story.feed_title != NULL ? p->story.feed_title :
	    "", TEXT_COLLAPSE_WS);
	buf_printf(b, " %s %s %lld%%%s%s", feed, g->hline, p->n_rows > 0 ?
	    (long long)(last * 100 / (int64_t)p->n_rows) : 100LL,
	    p->story.starred ? " " : "", p->story.starred ? g->starred : "");
	free(feed);
}

/* Free the view and its document. */
static void
pager_free(struct ui_view *v)
{
	struct pager *p = (struct pager *)v;
	size_t i;

	for (i = 0; i < p->n_header; i++)
		free(p->header[i]);
	store_story_clear(&p->story);
	render_lines_free(p->lines);
	story_text_free(p->text);
	render_doc_free(p->empty);
	ui_panes_free(p->panes);
	free(p->spans);
	free(p->rows);
	free(p->pattern);
	free(p);
}

static const struct ui_hint pager_hints[] = {
	{ UI_ACT_TOGGLE_ATTRIBUTION, "attribution" },
	{ UI_ACT_TOGGLE_QUOTES, "quotes" },
	{ UI_ACT_NEXT_UNREAD, "next unread" },
	{ UI_ACT_OPEN_LINK, "open" },
	{ UI_ACT_SHOW_URLS, "links" },
	{ UI_ACT_TOGGLE_QUOTED, "quoted" },
	{ UI_ACT_SEARCH, "find" },
	{ UI_ACT_STAR, "star" },
	{ UI_ACT_BACK, "back" },
	{ UI_ACT_NONE, NULL },
};

static const struct ui_view_ops pager_ops = {
	"story", pager_hints, pager_draw, pager_act, pager_title, NULL,
	pager_free,
};

/* Add a cleaned header line drawn in class c. */
static void
pager_header(struct pager *p, const char *text, enum ui_class c)
{
	p->header[p->n_header] = text_clean(text, TEXT_COLLAPSE_WS);
	p->header_attr[p->n_header] = ui_theme_attr(c);
	p->n_header++;
}

/* The header: title; date, feed and author; link. */
static void
pager_headers(struct pager *p)
{
	const struct store_story *s = &p->story;
	const char *sep = ui_draw_glyphs()->sep;
	struct buf b = BUF_INIT;
	char date[64], *clean;

	pager_header(p, s->title != NULL && *s->title != '\0' ? s->title :
	    "(no title)", UI_C_HEADER);
	ui_draw_date(s->date, date, sizeof(date), p->ui->opts.date_format !=
	    NULL ? p->ui->opts.date_format : "%Y-%m-%d %H:%M");
	/* The format is the user's; what strftime made of it is cleaned. */
	clean = text_clean(date, TEXT_COLLAPSE_WS);
	buf_addstr(&b, clean);
	free(clean);
	if (s->feed_title != NULL && *s->feed_title != '\0')
		buf_printf(&b, " %s %s", sep, s->feed_title);
	if (s->author != NULL && *s->author != '\0')
		buf_printf(&b, " %s %s", sep, s->author);
	pager_header(p, buf_str(&b), UI_C_DATE);
	buf_free(&b);
	if (s->link != NULL && *s->link != '\0')
		pager_header(p, s->link, UI_C_LINK);
}

/* The story's analysis, made once from its text: the panes show it, and
 * a story opened without an analysis of this engine and text version
 * gets it in the store, for the story list's counts, search and the
 * Sources view (unless the store is read-only: then the panes alone have
 * it).  The text is aligned with what the engine analysed, for placing
 * the quotes.  Caller frees the result (NULL: no language data, or the
 * engine failed). */
static struct quotes_result *
pager_analyse(struct ui *ui, int64_t story_id, struct story_text *text)
{
	const struct quotes_lang *lang = ui_lang(ui);
	struct quotes_result *res;
	char *err = NULL;

	if (lang == NULL)
		return NULL;
	res = analyze_text(lang, text);
	if (res == NULL)
		return NULL;
	if (story_text_align(text, res->text) == -1)
		ui_log(ui, "story %lld: the analysed text is not the story's;"
		    " its quotes are not marked", (long long)story_id);
	if (store_readonly(ui->st) != NULL ||
	    store_analysis_version(ui->st, story_id) >= ANALYZE_VERSION)
		return res;
	if (analyze_result_put(ui->st, story_id, res, &err) == 0)
		ui_changed(ui);
	else
		ui_log(ui, "analysis of story %lld: %s", (long long)story_id,
		    err != NULL ? err : "failed");
	free(err);
	return res;
}

struct ui_view *
ui_pager_new(struct ui *ui, int64_t story_id)
{
	struct pager *p;
	struct quotes_result *res;
	char *body = NULL;

	p = xcalloc(1, sizeof(*p));
	if (store_story_get(ui->st, story_id, &p->story, &body) == -1) {
		ui_status(ui, 1, "The story is gone from the store");
		free(p);
		return NULL;
	}
	p->v.ops = &pager_ops;
	p->ui = ui;
	p->id = story_id;
	p->match = -1;
	p->quote_hl = -1;
	p->quote_top = -1;
	p->folded = ui->quotes_folded;
	p->text = story_text_new(body, body != NULL ? strlen(body) : 0,
	    p->story.link);
	p->doc = story_text_doc(p->text);
	if (body == NULL || *body == '\0') {
		p->empty = render_text("(This story has no text.)", 25);
		p->doc = p->empty;
	}
	res = pager_analyse(ui, story_id, p->text);
	p->panes = ui_panes_new(ui, res);
	quotes_result_free(res);
	free(body);
	pager_headers(p);
	pager_layout(p);
	if (ui->opts.mark_read_on_open && !p->story.read &&
	    ui_mark_opened(ui, story_id) == 0) {
		p->story.read = 1;
		ui_changed(ui);
	}
	return &p->v;
}

/*
 * ui_list.c - the one list widget: a cursor over rows that are fetched on
 * demand through callbacks, a screenful at a time.
 *
 * The widget keeps only the rows on screen (plus the one under the cursor)
 * in its cache, so a list of 100k stories never sits in memory.  It knows
 * nothing of feeds or stories: the view's callbacks count, fetch and draw.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/util.h"
#include "ui/ui.h"

void
ui_list_init(struct ui_list *l, const struct ui_list_ops *ops, void *arg)
{
	memset(l, 0, sizeof(*l));
	l->ops = ops;
	l->arg = arg;
	l->height = 1;
	ui_list_reload(l);
}

/* Free the cached rows. */
static void
list_drop(struct ui_list *l)
{
	int i;

	for (i = 0; i < l->n_cached; i++)
		l->ops->release(l->rows + (size_t)i * l->ops->row_size);
	l->n_cached = 0;
}

void
ui_list_free(struct ui_list *l)
{
	if (l->ops == NULL)
		return;
	list_drop(l);
	free(l->rows);
	l->rows = NULL;
	l->cap = 0;
}

/* Keep the cursor in the list and on screen, the screen full. */
static void
list_clamp(struct ui_list *l)
{
	if (l->cursor >= l->count)
		l->cursor = l->count - 1;
	if (l->cursor < 0)
		l->cursor = 0;
	if (l->top > l->cursor)
		l->top = l->cursor;
	if (l->cursor >= l->top + l->height)
		l->top = l->cursor - l->height + 1;
	/* Never leave empty lines at the bottom while rows are above. */
	if (l->top > l->count - l->height)
		l->top = l->count - l->height;
	if (l->top < 0)
		l->top = 0;
}

void
ui_list_reload(struct ui_list *l)
{
	list_drop(l);
	l->count = l->ops->count(l->arg);
	if (l->count < 0)
		l->count = 0;
	list_clamp(l);
}

void
ui_list_set(struct ui_list *l, int64_t index)
{
	l->cursor = index;
	list_clamp(l);
}

void
ui_list_move(struct ui_list *l, int64_t delta)
{
	ui_list_set(l, l->cursor + delta);
}

int
ui_list_act(struct ui_list *l, enum ui_action a)
{
	int64_t page = l->height > 1 ? l->height - 1 : 1;

	switch (a) {
	case UI_ACT_UP:
		ui_list_move(l, -1);
		break;
	case UI_ACT_DOWN:
		ui_list_move(l, 1);
		break;
	case UI_ACT_PAGE_UP:
		l->top -= page;
		ui_list_move(l, -page);
		break;
	case UI_ACT_PAGE_DOWN:
		l->top += page;
		if (l->top > l->count - l->height)
			l->top = l->count - l->height;
		ui_list_move(l, page);
		break;
	case UI_ACT_HOME:
		ui_list_set(l, 0);
		break;
	case UI_ACT_END:
		ui_list_set(l, l->count - 1);
		break;
	default:
		return 0;
	}
	return 1;
}

/* Make the cache hold [off, off + n) (clamped to the list). */
static void
list_fetch(struct ui_list *l, int64_t off, int n)
{
	int got;

	if (off + n > l->count)
		n = (int)(l->count - off);
	if (n <= 0)
		return;
	if (off >= l->cache_off && off + n <= l->cache_off + l->n_cached)
		return;
	list_drop(l);
	if (n > l->cap) {
		l->rows = xreallocarray(l->rows, (size_t)n, l->ops->row_size);
		l->cap = n;
	}
	memset(l->rows, 0, (size_t)n * l->ops->row_size);
	got = l->ops->fetch(l->arg, off, n, l->rows);
	l->cache_off = off;
	l->n_cached = got < 0 ? 0 : got;
}

const void *
ui_list_row(struct ui_list *l, int64_t index)
{
	if (index < 0 || index >= l->count)
		return NULL;
	if (index < l->cache_off || index >= l->cache_off + l->n_cached) {
		if (index >= l->top && index < l->top + l->height)
			list_fetch(l, l->top, l->height);
		else
			list_fetch(l, index, 1);
	}
	if (index < l->cache_off || index >= l->cache_off + l->n_cached)
		return NULL;	/* the store had fewer rows than it counted */
	return l->rows + (size_t)(index - l->cache_off) * l->ops->row_size;
}

const void *
ui_list_cached(const struct ui_list *l, int64_t index)
{
	if (index < l->cache_off || index >= l->cache_off + l->n_cached)
		return NULL;
	return l->rows + (size_t)(index - l->cache_off) * l->ops->row_size;
}

const void *
ui_list_selected(struct ui_list *l)
{
	return ui_list_row(l, l->cursor);
}

void
ui_list_draw(struct ui_list *l, int y, int h)
{
	const void *row;
	int i;

	l->height = h > 0 ? h : 1;
	list_clamp(l);
	list_fetch(l, l->top, l->height);
	for (i = 0; i < h; i++) {
		move(y + i, 0);
		row = ui_list_row(l, l->top + i);
		if (row != NULL)
			l->ops->draw(l->arg, row, y + i, COLS,
			    l->top + i == l->cursor);
		clrtoeol();
	}
}

/*
 * ui_help.c - the help view: every action with the keys bound to it now,
 * generated from the live keymap so it never lies, in columns sized from
 * what they hold.
 */
#include "config.h"

#include <stdlib.h>

#include "hearsay/util.h"
#include "ui/ui.h"

struct help {
	struct ui_view	 v;
	struct ui_list	 list;
	struct ui_help_row *rows;
	size_t		 n_rows;
	int		 keyw;		/* the widest keys */
	int		 namew;		/* the widest action name */
};

/* The description keeps at least this many columns beside the action
 * names; with less room the names go. */
#define HELP_TEXT_MIN 30

/* List callback: one row per action. */
static int64_t
help_count(void *arg)
{
	return (int64_t)((struct help *)arg)->n_rows;
}

/* List callback: pointers into the help rows. */
static int
help_fetch(void *arg, int64_t off, int n, void *rows)
{
	struct help *h = arg;
	const struct ui_help_row **out = rows;
	int i;

	for (i = 0; i < n && (size_t)(off + i) < h->n_rows; i++)
		out[i] = &h->rows[off + i];
	return i;
}

/* List callback: nothing to free. */
static void
help_row_clear(void *row)
{
	(void)row;
}

/* List callback: keys, action name and what it does, each column as
 * wide as its widest cell and a space between them; in a narrow window
 * the keys take at most a third and the names go. */
static void
help_draw_row(void *arg, const void *row, int y, int w, int selected)
{
	const struct help *h = arg;
	const struct ui_help_row *r = *(const struct ui_help_row *const *)row;
	attr_t base = selected ? ui_theme_attr(UI_C_SELECTED) : A_NORMAL;
	int keyw = h->keyw, namew = h->namew, cap = w / 3 > 8 ? w / 3 : 8;

	(void)y;
	if (keyw > cap)
		keyw = cap;
	if (w - 1 - keyw - 1 - namew - 1 < HELP_TEXT_MIN)
		namew = 0;
	ui_draw_pad(1, base);
	ui_draw_cell(*r->keys != '\0' ? r->keys : "(unbound)", keyw,
	    selected ? base : ui_theme_attr(UI_C_HELP_KEY));
	ui_draw_pad(1, base);
	if (namew > 0) {
		ui_draw_cell(r->name, namew, base);
		ui_draw_pad(1, base);
	}
	ui_draw_cell(r->help, w - keyw - 2 - (namew > 0 ? namew + 1 : 0),
	    base);
}

static const struct ui_list_ops help_list_ops = {
	sizeof(struct ui_help_row *), help_count, help_fetch, help_row_clear,
	help_draw_row,
};

/* Movement, and help again closes it. */
static int
help_act(struct ui_view *v, struct ui *ui, enum ui_action a, int arg)
{
	(void)ui;
	(void)arg;
	if (a == UI_ACT_HELP) {
		ui_pop(ui);
		return 1;
	}
	return ui_list_act(&((struct help *)v)->list, a);
}

/* Draw the list. */
static void
help_draw(struct ui_view *v, struct ui *ui, int y, int h)
{
	(void)ui;
	ui_list_draw(&((struct help *)v)->list, y, h);
}

/* The title, with the key that goes back. */
static void
help_title(struct ui_view *v, struct ui *ui, struct buf *b)
{
	char key[32];

	(void)v;
	(void)ui;
	buf_addstr(b, " Help: keys");
	if (ui_keymap_key_for(UI_ACT_BACK, key, sizeof(key)) != NULL)
		buf_printf(b, " (%s goes back)", key);
}

/* Free the view and its rows. */
static void
help_free(struct ui_view *v)
{
	struct help *h = (struct help *)v;

	ui_list_free(&h->list);
	ui_keymap_help_free(h->rows, h->n_rows);
	free(h);
}

static const struct ui_hint help_hints[] = {
	{ UI_ACT_BACK, "back" },
	{ UI_ACT_NONE, NULL },
};

static const struct ui_view_ops help_ops = {
	"help", help_hints, help_draw, help_act, help_title, NULL, help_free,
};

struct ui_view *
ui_help_new(struct ui *ui)
{
	struct help *h = xcalloc(1, sizeof(*h));
	size_t i;
	int n;

	(void)ui;
	h->v.ops = &help_ops;
	h->rows = ui_keymap_help(&h->n_rows);
	h->keyw = ui_draw_width("(unbound)");
	for (i = 0; i < h->n_rows; i++) {
		n = ui_draw_width(h->rows[i].keys);
		h->keyw = n > h->keyw ? n : h->keyw;
		n = ui_draw_width(h->rows[i].name);
		h->namew = n > h->namew ? n : h->namew;
	}
	ui_list_init(&h->list, &help_list_ops, h);
	return &h->v;
}

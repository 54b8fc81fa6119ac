/*
 * test_ui_list.c - the list widget: cursor movement and paging, and rows
 * fetched a screenful at a time (never the whole list) from callbacks,
 * the cached ones readable without a fetch.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hearsay/util.h"
#include "ui/ui.h"

/* A source of count rows; row i holds i * 10. */
struct source {
	int64_t	 count;
	int	 fetches;
	int	 max_n;
	int	 live;		/* rows fetched and not yet released */
};

static int64_t
source_count(void *arg)
{
	return ((struct source *)arg)->count;
}

static int
source_fetch(void *arg, int64_t off, int n, void *rows)
{
	struct source *s = arg;
	int64_t *out = rows;
	int i;

	s->fetches++;
	if (n > s->max_n)
		s->max_n = n;
	for (i = 0; i < n && off + i < s->count; i++)
		out[i] = (off + i) * 10;
	s->live += i;
	return i;
}

static struct source *release_to;

static void
source_release(void *row)
{
	(void)row;
	release_to->live--;
}

static void
source_draw(void *arg, const void *row, int y, int w, int selected)
{
	(void)arg; (void)row; (void)y; (void)w; (void)selected;
}

static const struct ui_list_ops source_ops = {
	sizeof(int64_t), source_count, source_fetch, source_release,
	source_draw,
};

static int64_t
selected(struct ui_list *l)
{
	const int64_t *v = ui_list_selected(l);

	assert_non_null(v);
	return *v;
}

struct move_case {
	enum ui_action	 action;
	int64_t		 cursor;	/* after the action */
};

/* 100 rows, 10 on screen (a page moves 9). */
static const struct move_case moves[] = {
	{ UI_ACT_UP, 0 },
	{ UI_ACT_DOWN, 1 },
	{ UI_ACT_PAGE_DOWN, 10 },
	{ UI_ACT_PAGE_DOWN, 19 },
	{ UI_ACT_PAGE_UP, 10 },
	{ UI_ACT_END, 99 },
	{ UI_ACT_DOWN, 99 },
	{ UI_ACT_PAGE_DOWN, 99 },
	{ UI_ACT_HOME, 0 },
	{ UI_ACT_PAGE_UP, 0 },
};

static void
test_moves(void **state)
{
	struct source s = { 100, 0, 0, 0 };
	struct ui_list l;
	size_t i;

	(void)state;
	release_to = &s;
	ui_list_init(&l, &source_ops, &s);
	l.height = 10;
	for (i = 0; i < nitems(moves); i++) {
		assert_true(ui_list_act(&l, moves[i].action));
		assert_int_equal(l.cursor, moves[i].cursor);
		assert_true(l.cursor >= l.top && l.cursor < l.top + l.height);
		assert_int_equal(selected(&l), moves[i].cursor * 10);
	}
	assert_false(ui_list_act(&l, UI_ACT_OPEN));
	ui_list_free(&l);
	assert_int_equal(s.live, 0);
}

/* A huge list is walked end to end without asking for more than a
 * screenful at once, and reloads drop the cache. */
static void
test_on_demand(void **state)
{
	struct source s = { 1000000, 0, 0, 0 };
	struct ui_list l;
	int i;

	(void)state;
	release_to = &s;
	ui_list_init(&l, &source_ops, &s);
	l.height = 20;
	assert_int_equal(selected(&l), 0);
	ui_list_act(&l, UI_ACT_END);
	assert_int_equal(selected(&l), 999999 * 10);
	for (i = 0; i < 50; i++)
		ui_list_act(&l, UI_ACT_PAGE_UP);
	assert_int_equal(l.cursor, 999999 - 50 * 19);
	assert_int_equal(selected(&l), (999999 - 50 * 19) * 10);
	assert_true(s.max_n <= 20);
	assert_true(s.live <= 20);
	/* Rows outside the screen come one at a time. */
	assert_int_equal(*(const int64_t *)ui_list_row(&l, 5), 50);
	/* The cache answers without fetching, and only for what it holds. */
	i = s.fetches;
	assert_int_equal(*(const int64_t *)ui_list_cached(&l, 5), 50);
	assert_null(ui_list_cached(&l, 6));
	assert_null(ui_list_cached(&l, -1));
	assert_int_equal(s.fetches, i);
	assert_null(ui_list_row(&l, 1000000));
	assert_null(ui_list_row(&l, -1));
	/* The list shrinks under the cursor: it stays on the last row. */
	s.count = 10;
	ui_list_reload(&l);
	assert_int_equal(l.cursor, 9);
	assert_int_equal(l.top, 0);
	assert_int_equal(selected(&l), 90);
	/* Empty. */
	s.count = 0;
	ui_list_reload(&l);
	assert_null(ui_list_selected(&l));
	ui_list_free(&l);
	assert_int_equal(s.live, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_on_demand),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

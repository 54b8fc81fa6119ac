/*
 * ui_links.c - the Links view (newsboat's show-urls, U in a story): the
 * story's own link, then every link of its text numbered as the pager
 * numbers them ([1], [2]...); Enter opens the one under the cursor, y
 * copies it.  And link numbers typed as digits, here and in the pager: a
 * digit no longer number starts with opens its link at once (every digit
 * of a story with fewer than ten links), any other opens a prompt with
 * it, for more digits and Enter.
 *
 * The view keeps its own cleaned copies of the URLs, so that it outlives
 * nothing it borrowed; opening goes through ui_open.c, the one judge of
 * what may be opened.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/render.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "ui/ui.h"

struct links {
	struct ui_view	 v;
	struct ui_list	 list;
	char		*title;
	char		*story;		/* the story's own link, or NULL */
	char		**urls;		/* link n is urls[n - 1] */
	size_t		 n;
	int		 numw;		/* columns of the widest "[n]" */
};

/* Row i of the list: the story's link first when there is one. */
struct links_row {
	size_t	 i;
};

static int64_t
links_count(void *arg)
{
	struct links *l = arg;

	return (int64_t)(l->n + (l->story != NULL));
}

static int
links_fetch(void *arg, int64_t off, int n, void *rows)
{
	struct links_row *out = rows;
	int i;

	for (i = 0; i < n && off + i < links_count(arg); i++)
		out[i].i = (size_t)(off + i);
	return i;
}

static void
links_release(void *row)
{
	(void)row;
}

/* The URL of row i, and its link number (0: the story's link). */
static const char *
links_url(const struct links *l, size_t i, size_t *num)
{
	if (l->story != NULL && i == 0) {
		*num = 0;
		return l->story;
	}
	*num = i + (l->story == NULL);
	return l->urls[*num - 1];
}

/* One row: "[n]" (or "story") right-aligned, then the URL. */
static void
links_draw_row(void *arg, const void *row, int y, int w, int selected)
{
	const struct links *l = arg;
	const struct links_row *r = row;
	attr_t base = selected ? ui_theme_attr(UI_C_SELECTED) : A_NORMAL;
	const char *url;
	char num[32];
	size_t n;
	int numw = l->numw;

	(void)y;
	url = links_url(l, r->i, &n);
	if (n == 0)
		snprintf(num, sizeof(num), "story");
	else
		snprintf(num, sizeof(num), "[%zu]", n);
	if (numw > w / 2)
		numw = w / 2;
	ui_draw_pad(1 + numw - ui_draw_width(num), base);
	ui_draw_text(num, numw, base);
	ui_draw_pad(2, base);
	ui_draw_cell(url, w - numw - 3, selected ? base :
	    ui_theme_attr(UI_C_LINK));
}

static const struct ui_list_ops links_list_ops = {
	sizeof(struct links_row), links_count, links_fetch, links_release,
	links_draw_row,
};

/* Open link num of the text, or say there is none. */
static void
links_open(struct links *l, struct ui *ui, size_t num)
{
	if (num >= 1 && num <= l->n)
		ui_open_url(ui, l->urls[num - 1]);
	else
		ui_status(ui, 1, "No link %zu in this story", num);
}

static int
links_act(struct ui_view *v, struct ui *ui, enum ui_action a, int arg)
{
	struct links *l = (struct links *)v;
	const struct links_row *r = ui_list_selected(&l->list);
	size_t num = 0;
	const char *url = r != NULL ? links_url(l, r->i, &num) : NULL;

	if (ui_list_act(&l->list, a))
		return 1;
	switch (a) {
	case UI_ACT_OPEN:
		if (url != NULL)
			ui_open_url(ui, url);
		break;
	case UI_ACT_COPY_LINK:
		if (url != NULL)
			ui_open_copy(ui, url);
		break;
	case UI_ACT_LINK:
		ui_links_digit(ui, arg, l->n);
		break;
	case UI_ACT_LINK_OPEN:
		links_open(l, ui, (size_t)arg);
		break;
	case UI_ACT_SHOW_URLS:
		ui_pop(ui);
		break;
	default:
		return 0;
	}
	return 1;
}

static void
links_draw(struct ui_view *v, struct ui *ui, int y, int h)
{
	(void)ui;
	ui_list_draw(&((struct links *)v)->list, y, h);
}

static void
links_title(struct ui_view *v, struct ui *ui, struct buf *b)
{
	struct links *l = (struct links *)v;

	(void)ui;
	buf_printf(b, " Links %s %s", ui_draw_glyphs()->hline, l->title);
}

static void
links_free(struct ui_view *v)
{
	struct links *l = (struct links *)v;
	size_t i;

	ui_list_free(&l->list);
	for (i = 0; i < l->n; i++)
		free(l->urls[i]);
	free(l->urls);
	free(l->story);
	free(l->title);
	free(l);
}

static const struct ui_hint links_hints[] = {
	{ UI_ACT_OPEN, "open" },
	{ UI_ACT_COPY_LINK, "copy" },
	{ UI_ACT_BACK, "back" },
	{ UI_ACT_NONE, NULL },
};

static const struct ui_view_ops links_ops = {
	"links", links_hints, links_draw, links_act, links_title, NULL,
	links_free,
};

struct ui_view *
ui_links_new(struct ui *ui, const char *title, const char *story,
    const struct render_doc *doc)
{
	struct links *l;
	size_t i, n = doc != NULL ? render_link_count(doc) : 0;
	char num[32];

	if (n == 0 && (story == NULL || *story == '\0')) {
		ui_status(ui, 1, "No links in this story");
		return NULL;
	}
	l = xcalloc(1, sizeof(*l));
	l->v.ops = &links_ops;
	l->title = text_clean(title != NULL ? title : "", TEXT_COLLAPSE_WS);
	if (story != NULL && *story != '\0')
		l->story = text_clean(story, TEXT_COLLAPSE_WS);
	l->urls = xcalloc(n > 0 ? n : 1, sizeof(*l->urls));
	for (i = 0; i < n; i++)
		l->urls[i] = text_clean(render_link(doc, i), TEXT_COLLAPSE_WS);
	l->n = n;
	snprintf(num, sizeof(num), "[%zu]", n);
	l->numw = ui_draw_width(num) > 5 ? ui_draw_width(num) : 5;
	ui_list_init(&l->list, &links_list_ops, l);
	if (l->story != NULL && n > 0)
		ui_list_set(&l->list, 1);
	return &l->v;
}

/* Prompt callback: open the link whose number was typed. */
static void
links_number_done(struct ui *ui, const char *text)
{
	long n;

	if (*text == '\0' || ui->top == NULL)
		return;
	if (parse_long(text, 0, 1000000, &n) == -1) {
		/* Digits all the same: a number past any story's links. */
		if (strspn(text, "0123456789") == strlen(text))
			ui_status(ui, 1, "No link %s in this story", text);
		else
			ui_status(ui, 1, "Not a link number: %s", text);
		return;
	}
	ui->top->ops->act(ui->top, ui, UI_ACT_LINK_OPEN, (int)n);
}

void
ui_links_digit(struct ui *ui, int digit, size_t n_links)
{
	char text[2] = { (char)('0' + digit), '\0' };

	if (digit < 0 || digit > 9)
		return;
	/* No number starts with 0, nor with d when d0 is past the last. */
	if (digit == 0 || (size_t)digit * 10 > n_links) {
		ui->top->ops->act(ui->top, ui, UI_ACT_LINK_OPEN, digit);
		return;
	}
	ui_prompt_with(ui, "Open link number: ", text, links_number_done);
}

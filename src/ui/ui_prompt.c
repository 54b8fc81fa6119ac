/*
 * ui_prompt.c - the prompt on the status line (search, find, tag filter,
 * link number), edited as a shell's line is: Left/Right, Home/End, ^A
 * ^E, ^U ^W ^K, Backspace and Delete, Up/Down through the lines entered
 * at the same prompt this session, Enter accepts, Esc (or ^G) cancels.
 *
 * The line is UTF-8, at most the prompt buffer's cap; the cursor moves a
 * character at a time, a combining mark going with the character before
 * it, and a line wider than the screen scrolls sideways to keep the
 * cursor in view.  Characters never to be shown raw (controls, bidi
 * overrides) are refused as they are typed, so the line can be drawn as
 * it is.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "hearsay/buf.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "ui/ui.h"

/* Lines kept per prompt; the oldest go first. */
#define PROMPT_HISTORY_MAX 100

/* The lines entered at one prompt, oldest first. */
struct prompt_history {
	char	*label;
	char	**lines;
	size_t	 n;
};

struct ui_prompt_edit {
	size_t	 pos;		/* the cursor, a byte offset in the line */
	size_t	 first;		/* the first byte shown */
	struct prompt_history *hist;	/* of the open prompt */
	size_t	 at;		/* the history line shown; hist->n: none */
	char	*draft;		/* the line being typed, while at < n */
	struct prompt_history *all;
	size_t	 n_all;
};

enum prompt_op {
	PROMPT_NONE, PROMPT_ACCEPT, PROMPT_CANCEL, PROMPT_LEFT, PROMPT_RIGHT,
	PROMPT_HOME, PROMPT_END, PROMPT_BACKSPACE, PROMPT_DELETE,
	PROMPT_KILL_START, PROMPT_KILL_END, PROMPT_KILL_WORD, PROMPT_OLDER,
	PROMPT_NEWER,
};

/* The editing keys: a character (is_code 0) or a curses key code. */
static const struct {
	wint_t		 ch;
	int		 is_code;
	enum prompt_op	 op;
} prompt_keys[] = {
	{ '\n', 0, PROMPT_ACCEPT }, { '\r', 0, PROMPT_ACCEPT },
	{ KEY_ENTER, 1, PROMPT_ACCEPT },
	{ 27, 0, PROMPT_CANCEL }, { 7, 0, PROMPT_CANCEL },
	{ KEY_LEFT, 1, PROMPT_LEFT }, { 2, 0, PROMPT_LEFT },
	{ KEY_RIGHT, 1, PROMPT_RIGHT }, { 6, 0, PROMPT_RIGHT },
	{ KEY_HOME, 1, PROMPT_HOME }, { 1, 0, PROMPT_HOME },
	{ KEY_END, 1, PROMPT_END }, { 5, 0, PROMPT_END },
	{ KEY_BACKSPACE, 1, PROMPT_BACKSPACE }, { 127, 0, PROMPT_BACKSPACE },
	{ 8, 0, PROMPT_BACKSPACE },
	{ KEY_DC, 1, PROMPT_DELETE }, { 4, 0, PROMPT_DELETE },
	{ 21, 0, PROMPT_KILL_START }, { 11, 0, PROMPT_KILL_END },
	{ 23, 0, PROMPT_KILL_WORD },
	{ KEY_UP, 1, PROMPT_OLDER }, { 16, 0, PROMPT_OLDER },
	{ KEY_DOWN, 1, PROMPT_NEWER }, { 14, 0, PROMPT_NEWER },
};

/* The prompt's state, made on first use. */
static struct ui_prompt_edit *
prompt_edit(struct ui *ui)
{
	if (ui->prompt_edit == NULL)
		ui->prompt_edit = xcalloc(1, sizeof(*ui->prompt_edit));
	return ui->prompt_edit;
}

/* The history of the prompt called label, made empty if new. */
static struct prompt_history *
prompt_history(struct ui_prompt_edit *e, const char *label)
{
	size_t i;

	for (i = 0; i < e->n_all; i++) {
		if (strcmp(e->all[i].label, label) == 0)
			return &e->all[i];
	}
	e->all = xreallocarray(e->all, e->n_all + 1, sizeof(*e->all));
	e->all[e->n_all].label = xstrdup(label);
	e->all[e->n_all].lines = NULL;
	e->all[e->n_all].n = 0;
	return &e->all[e->n_all++];
}

/* Remember a line entered (not an empty one, nor the last one again). */
static void
prompt_remember(struct prompt_history *h, const char *line)
{
	if (*line == '\0' || (h->n > 0 && strcmp(h->lines[h->n - 1], line) == 0))
		return;
	if (h->n == PROMPT_HISTORY_MAX) {
		free(h->lines[0]);
		memmove(h->lines, h->lines + 1, (h->n - 1) * sizeof(*h->lines));
		h->n--;
	}
	h->lines = xreallocarray(h->lines, h->n + 1, sizeof(*h->lines));
	h->lines[h->n++] = xstrdup(line);
}

/* Replace the line with s, the cursor at its end. */
static void
prompt_set(struct ui *ui, const char *s)
{
	buf_reset(&ui->prompt);
	buf_addstr(&ui->prompt, s);
	prompt_edit(ui)->pos = ui->prompt.len;
	prompt_edit(ui)->first = 0;
}

void
ui_prompt_with(struct ui *ui, const char *label, const char *text,
    void (*done)(struct ui *ui, const char *text))
{
	struct ui_prompt_edit *e = prompt_edit(ui);

	prompt_set(ui, text);
	ui->prompt_label = label;
	ui->prompt_done = done;
	e->hist = prompt_history(e, label);
	e->at = e->hist->n;
	xfree(e->draft);
	curs_set(1);
}

void
ui_prompt(struct ui *ui, const char *label,
    void (*done)(struct ui *ui, const char *text))
{
	ui_prompt_with(ui, label, "", done);
}

/* Close the prompt without calling back. */
static void
prompt_close(struct ui *ui)
{
	ui->prompt_label = NULL;
	ui->prompt_done = NULL;
	xfree(prompt_edit(ui)->draft);
	curs_set(0);
}

/* The columns of one code point on screen (0 for a combining mark). */
static int
prompt_cp_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);

	return w < 0 ? 1 : w;
}

/* The byte after the character at i of s[0..len) and its marks. */
static size_t
prompt_next(const char *s, size_t len, size_t i)
{
	uint32_t cp;

	if (i >= len)
		return len;
	i += utf8_decode(s + i, len - i, &cp);
	while (i < len) {
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (prompt_cp_width(cp) != 0)
			break;
		i += n;
	}
	return i;
}

/* The start of the character before i (its marks with it). */
static size_t
prompt_prev(const char *s, size_t len, size_t i)
{
	size_t j = 0, last = 0;

	while (j < i && j < len) {
		last = j;
		j = prompt_next(s, len, j);
	}
	return last;
}

/* Remove bytes [from, to) of the line, the cursor at from. */
static void
prompt_cut(struct ui *ui, size_t from, size_t to)
{
	struct buf *b = &ui->prompt;

	if (to <= from || to > b->len)
		return;
	memmove(b->data + from, b->data + to, b->len - to + 1);
	b->len -= to - from;
	prompt_edit(ui)->pos = from;
}

/* Insert code point cp at the cursor; refused (beep) past the cap or for
 * what must never be shown raw. */
static void
prompt_insert(struct ui *ui, uint32_t cp)
{
	struct ui_prompt_edit *e = prompt_edit(ui);
	struct buf *b = &ui->prompt, nb;
	char u[5];
	size_t n;

	if (text_is_unsafe(cp) || cp == TEXT_REPLACEMENT) {
		beep();
		return;
	}
	n = utf8_encode(cp, u);
	buf_init(&nb, b->max);
	buf_add(&nb, buf_str(b), e->pos);
	buf_add(&nb, u, n);
	buf_add(&nb, buf_str(b) + e->pos, b->len - e->pos);
	if (nb.overflow) {
		buf_free(&nb);
		beep();
		return;
	}
	buf_free(b);
	*b = nb;
	e->pos += n;
}

/* The start of the word before the cursor (^W: white space ends it). */
static size_t
prompt_word_start(const char *s, size_t pos)
{
	while (pos > 0 && s[pos - 1] == ' ')
		pos--;
	while (pos > 0 && s[pos - 1] != ' ')
		pos--;
	return pos;
}

/* Up (older, dir -1) and Down (newer, 1) through the prompt's history. */
static void
prompt_browse(struct ui *ui, int dir)
{
	struct ui_prompt_edit *e = prompt_edit(ui);
	struct prompt_history *h = e->hist;

	if (h == NULL || (dir < 0 && e->at == 0) || (dir > 0 && e->at >= h->n)) {
		beep();
		return;
	}
	if (e->at == h->n)
		e->draft = xstrdup(buf_str(&ui->prompt));
	e->at = dir < 0 ? e->at - 1 : e->at + 1;
	if (e->at < h->n) {
		prompt_set(ui, h->lines[e->at]);
	} else {
		prompt_set(ui, e->draft != NULL ? e->draft : "");
		xfree(e->draft);
	}
}

/* Enter: close the prompt, remember the line, hand it over. */
static void
prompt_accept(struct ui *ui)
{
	void (*done)(struct ui *, const char *) = ui->prompt_done;
	char *text = buf_detach(&ui->prompt);

	prompt_remember(prompt_edit(ui)->hist, text);
	prompt_close(ui);
	done(ui, text);
	free(text);
}

/* What a key does at the prompt. */
static enum prompt_op
prompt_op(const struct ui_key *k)
{
	size_t i;

	for (i = 0; i < nitems(prompt_keys); i++) {
		if (prompt_keys[i].ch == k->ch &&
		    prompt_keys[i].is_code == k->is_code)
			return prompt_keys[i].op;
	}
	return PROMPT_NONE;
}

void
ui_prompt_key(struct ui *ui, const struct ui_key *k)
{
	struct ui_prompt_edit *e = prompt_edit(ui);
	const char *s = buf_str(&ui->prompt);
	size_t len = ui->prompt.len;

	switch (prompt_op(k)) {
	case PROMPT_ACCEPT:
		prompt_accept(ui);
		return;
	case PROMPT_CANCEL:
		prompt_close(ui);
		return;
	case PROMPT_LEFT:
		e->pos = prompt_prev(s, len, e->pos);
		break;
	case PROMPT_RIGHT:
		e->pos = prompt_next(s, len, e->pos);
		break;
	case PROMPT_HOME:
		e->pos = 0;
		break;
	case PROMPT_END:
		e->pos = len;
		break;
	case PROMPT_BACKSPACE:
		prompt_cut(ui, prompt_prev(s, len, e->pos), e->pos);
		break;
	case PROMPT_DELETE:
		prompt_cut(ui, e->pos, prompt_next(s, len, e->pos));
		break;
	case PROMPT_KILL_START:
		prompt_cut(ui, 0, e->pos);
		break;
	case PROMPT_KILL_END:
		prompt_cut(ui, e->pos, len);
		break;
	case PROMPT_KILL_WORD:
		prompt_cut(ui, prompt_word_start(s, e->pos), e->pos);
		break;
	case PROMPT_OLDER:
	case PROMPT_NEWER:
		prompt_browse(ui, prompt_op(k) == PROMPT_OLDER ? -1 : 1);
		break;
	case PROMPT_NONE:
		if (k->is_code && k->ch == KEY_RESIZE)
			ui->full_redraw = 1;
		else if (!k->is_code && k->ch >= 0x20)
			prompt_insert(ui, (uint32_t)k->ch);
		break;
	}
}

/* Columns of s[from..to). */
static int
prompt_width(const char *s, size_t from, size_t to)
{
	char *part = xstrndup(s + from, to - from);
	int w = ui_draw_width(part);

	free(part);
	return w;
}

void
ui_prompt_draw(struct ui *ui, int y, attr_t label_attr)
{
	struct ui_prompt_edit *e = prompt_edit(ui);
	const char *s = buf_str(&ui->prompt);
	const char *ell = ui_draw_glyphs()->ellipsis;
	size_t len = ui->prompt.len;
	int used, room, lead;

	move(y, 0);
	used = ui_draw_text(ui->prompt_label, COLS, label_attr);
	/* The last column stays free for the cursor at the end. */
	room = COLS - used - 1;
	if (e->pos > len)
		e->pos = len;
	if (e->first > e->pos)
		e->first = prompt_prev(s, len, e->pos);
	for (;;) {
		lead = e->first > 0;
		if (room <= lead || prompt_width(s, e->first, e->pos) <=
		    room - lead || e->first >= e->pos)
			break;
		e->first = prompt_next(s, len, e->first);
	}
	if (lead && room > 0)
		used += ui_draw_text(ell, 1, A_NORMAL);
	if (room - lead > 0)
		used += ui_draw_text(s + e->first, COLS - used - 1, A_NORMAL);
	clrtoeol();
	used = COLS - room - 1 + lead + prompt_width(s, e->first, e->pos);
	move(y, used < COLS ? used : COLS - 1);
}

void
ui_prompt_free(struct ui *ui)
{
	struct ui_prompt_edit *e = ui->prompt_edit;
	size_t i, j;

	buf_free(&ui->prompt);
	if (e == NULL)
		return;
	for (i = 0; i < e->n_all; i++) {
		for (j = 0; j < e->all[i].n; j++)
			free(e->all[i].lines[j]);
		free(e->all[i].lines);
		free(e->all[i].label);
	}
	free(e->all);
	free(e->draft);
	free(e);
	ui->prompt_edit = NULL;
}

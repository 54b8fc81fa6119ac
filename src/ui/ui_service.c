/*
 * ui_service.c - what the views ask of the reader: the status line and
 * the log, the view stack, the prompt and yes/no questions, the language
 * data, and every change of a story's read or starred mark, with its undo
 * (one statement, however many stories it restores).
 *
 * Every mark goes through here, so that a mark the store refuses says
 * why on the status line ("no space left on device: the mark was not
 * saved") and changes nothing on screen, and a store the reader may not
 * write says so once, on the first mark, instead of failing each time.
 * Nothing here draws or reads keys but the prompt's own editing.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hearsay/quotes.h"
#include "hearsay/store.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "ui/ui.h"

#define UI_LOG_MAX_LINES 64

void
ui_log(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	char *line, *clean;

	if (ui->log_lines >= UI_LOG_MAX_LINES)
		return;
	va_start(ap, fmt);
	line = xvprintf(fmt, ap);
	va_end(ap);
	clean = text_clean(line, 0);
	buf_printf(&ui->log, "%s\n", clean);
	ui->log_lines++;
	free(clean);
	free(line);
}

void
ui_status(struct ui *ui, int is_error, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvprintf(fmt, ap);
	va_end(ap);
	free(ui->status);
	ui->status = text_clean(msg, 0);
	ui->status_error = is_error;
	free(msg);
}

void
ui_status_clear(struct ui *ui)
{
	free(ui->status);
	ui->status = NULL;
}

int64_t
ui_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const struct quotes_lang *
ui_lang(struct ui *ui)
{
	char *err = NULL;

	if (ui->lang_tried)
		return ui->lang;
	ui->lang_tried = 1;
	ui->lang = quotes_lang_find("en", &err);
	if (ui->lang == NULL) {
		ui->lang_err = text_clean(err != NULL ? err : "no data",
		    TEXT_COLLAPSE_WS);
		ui_log(ui, "quotes: %s", ui->lang_err);
	}
	free(err);
	return ui->lang;
}

void
ui_service_free(struct ui *ui)
{
	ui_status_clear(ui);
	free(ui->ask);
	ui->ask = NULL;
	free(ui->undo.ids);
	ui->undo.ids = NULL;
	buf_free(&ui->prompt);
	quotes_lang_free(ui->lang);
	ui->lang = NULL;
	free(ui->lang_err);
	ui->lang_err = NULL;
}

/* ---- the view stack ---- */

void
ui_push(struct ui *ui, struct ui_view *v)
{
	if (v == NULL)
		return;
	v->below = ui->top;
	ui->top = v;
	ui->dirty = 1;
}

void
ui_pop(struct ui *ui)
{
	struct ui_view *v = ui->top;

	if (v == NULL)
		return;
	ui->top = v->below;
	v->ops->free(v);
	ui->dirty = 1;
	if (ui->top == NULL)
		ui->running = 0;
}

void
ui_changed(struct ui *ui)
{
	struct store_query q = { STORE_SCOPE_UNREAD, 0, 0, 0, NULL };
	struct ui_view *v;

	/* Taken first: a write that lands during the reload is seen next. */
	ui->data_version = store_data_version(ui->st);
	ui->n_unread = store_story_count(ui->st, &q);
	for (v = ui->top; v != NULL; v = v->below) {
		if (v->ops->reload != NULL)
			v->ops->reload(v, ui);
	}
	ui->dirty = 1;
}

/* ---- marks and undo ---- */

/* Remember how to undo a change (ids are taken over). */
static void
ui_undo_set(struct ui *ui, int starred, int value, int64_t *ids, size_t n)
{
	free(ui->undo.ids);
	ui->undo.starred = starred;
	ui->undo.value = value;
	ui->undo.ids = ids;
	ui->undo.n = n;
}

/* Non-zero when marks can be saved.  On a store the reader may not
 * write, the first mark says why (quietly: the first time a story is
 * opened); the later ones only that nothing was saved. */
static int
ui_mark_writable(struct ui *ui, int quietly)
{
	const char *why = store_readonly(ui->st);

	if (why == NULL)
		return 1;
	if (!ui->readonly_told)
		ui_status(ui, 1, "Marks cannot be saved: %s", why);
	else if (!quietly)
		ui_status(ui, 1, "Not saved: the store is read-only");
	ui->readonly_told = 1;
	return 0;
}

int
ui_mark(struct ui *ui, int starred, int64_t id, int value)
{
	int64_t *ids;
	char *err = NULL;
	int rc;

	if (!ui_mark_writable(ui, 0))
		return -1;
	rc = starred ? store_story_set_starred(ui->st, id, value, &err) :
	    store_story_set_read(ui->st, id, value, &err);
	if (rc == -1) {
		ui_status(ui, 1, "%s: the mark was not saved", err);
		free(err);
		return -1;
	}
	ids = xmalloc(sizeof(*ids));
	ids[0] = id;
	ui_undo_set(ui, starred, !value, ids, 1);
	return 0;
}

int
ui_mark_opened(struct ui *ui, int64_t id)
{
	int64_t *ids;
	char *err = NULL;

	if (!ui_mark_writable(ui, 1))
		return -1;
	if (store_story_set_read(ui->st, id, 1, &err) == -1) {
		ui_status(ui, 1, "%s: the story was not marked read", err);
		free(err);
		return -1;
	}
	ids = xmalloc(sizeof(*ids));
	ids[0] = id;
	ui_undo_set(ui, 0, 0, ids, 1);
	return 0;
}

/* Mark the stories of a feed (0: every feed) read, now. */
static void
ui_mark_feed_now(struct ui *ui, int64_t feed_id)
{
	int64_t *ids = NULL;
	size_t n = 0;
	char *err = NULL;

	if (store_mark_all_read(ui->st, feed_id, &ids, &n, &err) == -1) {
		ui_status(ui, 1, "%s: the stories were not marked read", err);
		free(err);
		return;
	}
	if (n == 0) {
		/* The last mark stays the one u undoes. */
		free(ids);
		ui_status(ui, 0, "No unread stories to mark read");
		return;
	}
	ui_undo_set(ui, 0, 0, ids, n);
	ui_status(ui, 0, "Marked %zu %s read (u undoes)", n, n == 1 ? "story" :
	    "stories");
	ui_changed(ui);
}

int
ui_mark_feed_read(struct ui *ui, int64_t feed_id)
{
	struct store_query q = { STORE_SCOPE_UNREAD, 0, 0, 0, NULL };
	struct store_feed f;
	int64_t n;
	int ask = feed_id != 0 ? ui->opts.confirm_feed : ui->opts.confirm_all;

	if (!ui_mark_writable(ui, 0))
		return -1;
	if (!ask) {
		ui_mark_feed_now(ui, feed_id);
		return 0;
	}
	memset(&f, 0, sizeof(f));
	if (feed_id == 0)
		n = store_story_count(ui->st, &q);
	else
		n = store_feed_get(ui->st, feed_id, &f) == 0 ? f.n_unread : 0;
	if (n > ui->opts.confirm_over)
		ui_ask(ui, ui_mark_feed_now, feed_id, "Mark %s%lld %s read?"
		    " (y/n)", feed_id == 0 ? "all " : "", (long long)n,
		    n == 1 ? "story" : "stories");
	else
		ui_mark_feed_now(ui, feed_id);
	store_feed_clear(&f);
	return 0;
}

void
ui_undo_run(struct ui *ui)
{
	struct ui_undo *u = &ui->undo;
	char *err = NULL;

	if (u->n == 0) {
		ui_status(ui, 1, "Nothing to undo");
		return;
	}
	if (!ui_mark_writable(ui, 0))
		return;
	/* One statement, whatever the count; a story gone meanwhile needs
	 * no undo. */
	if (store_story_set_many(ui->st, u->starred, u->ids, u->n, u->value,
	    NULL, &err) == -1) {
		/* The record stays, for u to try again. */
		ui_status(ui, 1, "%s: not undone (u tries again)", err);
		free(err);
		return;
	}
	ui_status(ui, 0, "Undone: %zu %s", u->n, u->n == 1 ? "story" :
	    "stories");
	ui_undo_set(ui, 0, 0, NULL, 0);
	ui_changed(ui);
}

/* ---- a yes/no question on the status line ---- */

void
ui_ask(struct ui *ui, void (*yes)(struct ui *ui, int64_t arg), int64_t arg,
    const char *fmt, ...)
{
	va_list ap;
	char *q;

	va_start(ap, fmt);
	q = xvprintf(fmt, ap);
	va_end(ap);
	free(ui->ask);
	ui->ask = text_clean(q, 0);
	ui->ask_yes = yes;
	ui->ask_arg = arg;
	free(q);
}

void
ui_ask_key(struct ui *ui, const struct ui_key *k)
{
	void (*yes)(struct ui *, int64_t) = ui->ask_yes;

	free(ui->ask);
	ui->ask = NULL;
	ui->ask_yes = NULL;
	if (!k->is_code && (k->ch == 'y' || k->ch == 'Y'))
		yes(ui, ui->ask_arg);
	else
		ui_status(ui, 0, "Cancelled");
}

/* ---- the prompt on the status line ---- */

void
ui_prompt(struct ui *ui, const char *label,
    void (*done)(struct ui *ui, const char *text))
{
	buf_reset(&ui->prompt);
	buf_addstr(&ui->prompt, "");
	ui->prompt_label = label;
	ui->prompt_done = done;
	curs_set(1);
}

/* Close the prompt without calling back. */
static void
ui_prompt_close(struct ui *ui)
{
	ui->prompt_label = NULL;
	ui->prompt_done = NULL;
	curs_set(0);
}

void
ui_prompt_key(struct ui *ui, const struct ui_key *k)
{
	void (*done)(struct ui *, const char *) = ui->prompt_done;
	char *text, u[5];
	size_t len;

	if ((!k->is_code && (k->ch == '\n' || k->ch == '\r')) ||
	    (k->is_code && k->ch == KEY_ENTER)) {
		text = buf_detach(&ui->prompt);
		ui_prompt_close(ui);
		done(ui, text);
		free(text);
	} else if (!k->is_code && (k->ch == 27 || k->ch == 7)) {
		ui_prompt_close(ui);
	} else if ((k->is_code && k->ch == KEY_BACKSPACE) ||
	    (!k->is_code && (k->ch == 127 || k->ch == 8))) {
		len = ui->prompt.len;
		while (len > 0 && (ui->prompt.data[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0)
			len--;
		ui->prompt.len = len;
		if (ui->prompt.data != NULL)
			ui->prompt.data[len] = '\0';
	} else if (!k->is_code && k->ch >= 0x20 && k->ch != 0x7f) {
		buf_add(&ui->prompt, u, utf8_encode((uint32_t)k->ch, u));
	}
}

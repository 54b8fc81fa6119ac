/*
 * ui.c - the reader's screen, signals and its one event loop; what the
 * views call on is ui_service.c's.
 *
 * One loop: wait for keys (ppoll on stdin with the signals unblocked only
 * while waiting; a running refresh waits in its own step, and analysis
 * takes the idle time), turn keys into actions for the view on top, look
 * once a second whether another process wrote to the store (and reload
 * the views if so), and redraw what is dirty once per pass.  Signal
 * handlers only set flags.  A terminal that cannot draw the reader is
 * refused before curses writes a byte.  The terminal is restored on every
 * way out: quit, SIGINT/SIGTERM/SIGHUP, and crashes (SIGSEGV, SIGABRT...),
 * which end curses and re-raise.  Nothing is written to stderr while
 * curses owns the screen: messages go to the status line and a bounded log
 * that the caller prints after exit.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "hearsay/store.h"
#include "hearsay/util.h"
#include "ui/ui.h"
/* After curses.h; only for setupterm() and del_curterm(). */
#include <term.h>

/* How often the loop looks for other processes' writes (ms). */
#define UI_WATCH_MS 1000

static volatile sig_atomic_t sig_resize;
static volatile sig_atomic_t sig_quit;
static volatile sig_atomic_t curses_on;

/* Every signal the loop handles: set its flag, nothing else. */
static void
sig_flag(int sig)
{
	if (sig == SIGWINCH)
		sig_resize = 1;
	else
		sig_quit = sig;
}

/* A crash: give the terminal back, then die of the same signal. */
static void
sig_crash(int sig)
{
	if (curses_on)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Install the handlers; *wait_mask gets the mask to wait with (the
 * flagged signals let through), *old_mask the mask to restore. */
static void
ui_signals(sigset_t *wait_mask, sigset_t *old_mask)
{
	static const int flagged[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP };
	static const int crashes[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE,
	    SIGILL };
	struct sigaction sa;
	sigset_t block;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	sa.sa_handler = sig_flag;
	for (i = 0; i < nitems(flagged); i++) {
		sigaction(flagged[i], &sa, NULL);
		sigaddset(&block, flagged[i]);
	}
	sa.sa_handler = sig_crash;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < nitems(crashes); i++)
		sigaction(crashes[i], &sa, NULL);
	/* Blocked except inside ppoll(), so a flag is never missed. */
	sigprocmask(SIG_BLOCK, &block, old_mask);
	*wait_mask = *old_mask;
	for (i = 0; i < nitems(flagged); i++)
		sigdelset(wait_mask, flagged[i]);
}

/* The window changed size: tell curses and repaint everything. */
static void
ui_resize(struct ui *ui)
{
	struct winsize ws;

	sig_resize = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	ui->full_redraw = 1;
}

/* Actions that mean the same in every view. */
static int
ui_act_global(struct ui *ui, enum ui_action a)
{
	switch (a) {
	case UI_ACT_QUIT:
		ui->running = 0;
		break;
	case UI_ACT_BACK:
		ui_pop(ui);
		break;
	case UI_ACT_REDRAW:
		ui->full_redraw = 1;
		break;
	case UI_ACT_SUSPEND:
		/* What the terminal does for ^Z: curses' own SIGTSTP handler
		 * gives the screen back and restores it on fg. */
		raise(SIGTSTP);
		ui->full_redraw = 1;
		break;
	case UI_ACT_HELP:
		ui_push(ui, ui_help_new(ui));
		break;
	case UI_ACT_SOURCES:
		ui_push(ui, ui_sources_new(ui));
		break;
	case UI_ACT_UNDO:
		ui_undo_run(ui);
		break;
	case UI_ACT_REFRESH:
	case UI_ACT_REFRESH_ALL:
		ui_refresh_start(ui, 0);
		break;
	case UI_ACT_MARK_ALL_READ:
		ui_mark_feed_read(ui, 0);
		break;
	case UI_ACT_TOGGLE_SHOW_READ:
		ui->opts.show_read = !ui->opts.show_read;
		ui_status(ui, 0, "%s read stories",
		    ui->opts.show_read ? "Showing" : "Hiding");
		ui_changed(ui);
		break;
	default:
		return 0;
	}
	return 1;
}

/* Hand an action to the view on top, then to the global actions. */
static void
ui_act(struct ui *ui, enum ui_action a, int arg)
{
	if (a == UI_ACT_NONE) {
		ui_status(ui, 1, "Key not bound (? shows the keys)");
		return;
	}
	if (ui->top->ops->act(ui->top, ui, a, arg))
		return;
	if (!ui_act_global(ui, a))
		ui_status(ui, 1, "Not available here");
}

/* One key from curses: to the prompt if one is open, else an action. */
static void
ui_key(struct ui *ui, const struct ui_key *k)
{
	enum ui_action a;
	int arg;

	if (k->is_code && k->ch == KEY_RESIZE) {
		ui->full_redraw = 1;
		return;
	}
	if (ui->ask != NULL) {
		ui_ask_key(ui, k);
		return;
	}
	if (ui->prompt_label != NULL) {
		ui_prompt_key(ui, k);
		return;
	}
	ui_status_clear(ui);
	a = ui_keymap_lookup(k, &arg);
	ui_act(ui, a, arg);
}

/* The title line: the view's title, and the unread count (and whether
 * the store is read-only) at the right. */
static void
ui_draw_title(struct ui *ui)
{
	struct buf b = BUF_INIT, right = BUF_INIT;
	attr_t attr = ui_theme_attr(UI_C_TITLE);
	int rw;

	ui->top->ops->title(ui->top, ui, &b);
	buf_printf(&right, " %lld unread%s ", (long long)ui->n_unread,
	    store_readonly(ui->st) != NULL ? ", read-only" : "");
	rw = ui_draw_width(buf_str(&right));
	move(0, 0);
	ui_draw_cell(buf_str(&b), COLS - rw > 0 ? COLS - rw : 0, attr);
	if (COLS > rw)
		ui_draw_text(buf_str(&right), rw, attr);
	buf_free(&b);
	buf_free(&right);
}

/* "? help  Enter open ..." for the view on top, from the live keymap:
 * an action with no key is left out.  Returns b's string. */
static const char *
ui_hints(struct ui *ui, struct buf *b)
{
	static const struct ui_hint help = { UI_ACT_HELP, "help" };
	const struct ui_hint *h = ui->top->ops->hints;
	char key[32];

	if (ui_keymap_key_for(help.action, key, sizeof(key)) != NULL)
		buf_printf(b, "%s %s", key, help.label);
	for (; h != NULL && h->action != UI_ACT_NONE; h++) {
		if (ui_keymap_key_for(h->action, key, sizeof(key)) != NULL)
			buf_printf(b, "%s%s %s", b->len > 0 ? "  " : "", key,
			    h->label);
	}
	return buf_str(b);
}

/* The status line: the prompt, a message, refresh progress, or key hints. */
static void
ui_draw_status(struct ui *ui)
{
	struct buf b = BUF_INIT;
	attr_t attr = ui_theme_attr(ui->status_error ? UI_C_ERROR :
	    UI_C_STATUS);
	int used;

	move(LINES - 1, 0);
	if (ui->prompt_label != NULL) {
		used = ui_draw_text(ui->prompt_label, COLS, attr);
		used += ui_draw_text(buf_str(&ui->prompt), COLS - used,
		    A_NORMAL);
		ui_draw_pad(COLS - used - 1, A_NORMAL);
		move(LINES - 1, used < COLS ? used : COLS - 1);
		return;
	}
	if (ui->ask != NULL) {
		ui_draw_cell(ui->ask, COLS, ui_theme_attr(UI_C_STATUS) |
		    A_BOLD);
		return;
	}
	if (ui->status != NULL) {
		ui_draw_cell(ui->status, COLS, attr);
		return;
	}
	if (ui_refresh_running(ui)) {
		ui_refresh_progress(ui, &b);
		ui_draw_cell(buf_str(&b), COLS, attr);
		buf_free(&b);
		return;
	}
	ui_draw_cell(ui_hints(ui, &b), COLS, ui_theme_attr(UI_C_STATUS));
	buf_free(&b);
}

/* Redraw what is dirty, then let curses send the difference. */
static void
ui_draw(struct ui *ui)
{
	if (ui->full_redraw) {
		clearok(curscr, TRUE);
		ui->dirty = 1;
		ui->full_redraw = 0;
	}
	if (ui->dirty && ui->top != NULL) {
		/* The body first: the title shows where the body is. */
		if (LINES > 2)
			ui->top->ops->draw(ui->top, ui, 1, LINES - 2);
		ui_draw_title(ui);
		ui->dirty = 0;
	}
	/* The status line is cheap; curses sends only what changed. */
	ui_draw_status(ui);
	refresh();
}

/* How long the loop may wait for a key: until the next auto-refresh or
 * the next look at the store, whichever comes first (into *ts). */
static const struct timespec *
ui_wait_time(struct ui *ui, struct timespec *ts)
{
	struct timespec rt;
	int64_t left = ui->watch_next - ui_now(), r;

	if (left < 0)
		left = 0;
	if (ui_refresh_timer(ui, &rt) != NULL) {
		r = (int64_t)rt.tv_sec * 1000 + rt.tv_nsec / 1000000;
		if (r < left)
			left = r;
	}
	ts->tv_sec = (time_t)(left / 1000);
	ts->tv_nsec = (long)(left % 1000) * 1000000;
	return ts;
}

/* Other processes' writes (cron's refresh, `hearsay analyze`, a second
 * reader's marks): every UI_WATCH_MS, reload what is shown when the
 * store's data version moved.  The reader's own writes leave it alone,
 * and its own refresh reloads the views itself. */
static void
ui_watch(struct ui *ui)
{
	int64_t t = ui_now(), v;

	if (t < ui->watch_next)
		return;
	ui->watch_next = t + UI_WATCH_MS;
	if (ui_refresh_running(ui))
		return;
	v = store_data_version(ui->st);
	if (v == -1 || v == ui->data_version)
		return;
	ui_changed(ui);
	/* Their new stories are analysed in the background like ours. */
	ui_analyze_start(ui);
}

/* Wait for a key or a signal (or, with analysis to do, do a slice of it
 * when there is none); then read every key curses has. */
static void
ui_wait(struct ui *ui, const sigset_t *wait_mask)
{
	struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
	struct timespec ts, now = { 0, 0 };
	struct ui_key k;
	int r, idle;

	if (ui_refresh_running(ui)) {
		ui_refresh_step(ui, wait_mask);
	} else {
		/* With analysis to do, only look for keys, then do a slice. */
		idle = ui_analyze_pending(ui);
		r = ppoll(&pfd, 1, idle ? &now : ui_wait_time(ui, &ts),
		    wait_mask);
		if (r == -1 && errno != EINTR)
			ui->running = 0;
		else if (r == 0 && idle)
			ui_analyze_idle(ui);
	}
	ui_refresh_tick(ui);
	ui_watch(ui);
	if (sig_quit || sig_resize)
		return;
	for (;;) {
		r = get_wch(&k.ch);
		if (r == ERR)
			break;
		k.is_code = r == KEY_CODE_YES;
		ui_key(ui, &k);
		ui->dirty = 1;
		if (!ui->running)
			break;
	}
	/* A hang-up shows as end of input. */
	if (pfd.revents & (POLLHUP | POLLERR))
		ui->running = 0;
}

/* Whether the terminal named by TERM can show the reader: it must be
 * known to terminfo and able to move the cursor (TERM=dumb, a printing
 * terminal cannot).  Looked up before curses writes anything, so a bad
 * TERM gets one line of explanation and no escape sequences.  Returns 0,
 * or -1 with the reason in the log. */
static int
ui_term_check(struct ui *ui)
{
	const char *term = getenv("TERM");
	char *cup;
	int err = 0, rc = -1;

	if (term == NULL || *term == '\0') {
		ui_log(ui, "hearsay: TERM is not set, so the reader cannot"
		    " draw; set it (TERM=xterm-256color, say), or use"
		    " `hearsay list` to print the unread stories");
		return -1;
	}
	if (setupterm(term, STDOUT_FILENO, &err) != OK) {
		ui_log(ui, "hearsay: the terminal '%s' is %s, so the reader"
		    " cannot draw on it; use `hearsay list` to print the unread"
		    " stories", term, err == 1 ? "a printing terminal" :
		    err == 0 ? "unknown here (no terminfo entry)" :
		    "unknown here (no terminfo database)");
		return -1;
	}
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1)
		ui_log(ui, "hearsay: the terminal '%s' cannot move the cursor,"
		    " so the reader cannot draw on it; use `hearsay list` to"
		    " print the unread stories", term);
	else
		rc = 0;
	del_curterm(cur_term);
	return rc;
}

/* Take the terminal: curses with cbreak, no echo, keypad, no cursor. */
static int
ui_screen_start(struct ui *ui)
{
	ui->utf8 = ui_draw_init();
	if (ui_term_check(ui) == -1)
		return -1;
	if (newterm(NULL, stdout, stdin) == NULL) {
		ui_log(ui, "hearsay: curses cannot use the terminal '%s'",
		    getenv("TERM"));
		return -1;
	}
	curses_on = 1;
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	/* Keys are read only after ppoll(), so curses must not read ahead. */
	typeahead(-1);
	curs_set(0);
	ui_theme_load(ui, ui->opts.theme);
	return 0;
}

/* Give the terminal back (once).  The status line is cleared and the
 * cursor left at its start first: a terminal without an alternate screen
 * (TERM=linux, vt100) keeps the reader's last screen, and the shell's
 * next line must not be printed over the status line's words. */
static void
ui_screen_end(void)
{
	if (!curses_on)
		return;
	attrset(A_NORMAL);
	move(LINES - 1, 0);
	clrtoeol();
	curs_set(1);
	refresh();
	endwin();
	curses_on = 0;
}

/* Free the views and everything the ui owns (not the store). */
static void
ui_free(struct ui *ui)
{
	while (ui->top != NULL) {
		struct ui_view *v = ui->top;

		ui->top = v->below;
		v->ops->free(v);
	}
	ui_refresh_free(ui);
	ui_analyze_free(ui);
	ui_service_free(ui);
}

int
ui_run(struct store *st, const struct ui_opts *opts, struct buf *log)
{
	struct ui ui;
	sigset_t wait_mask, old_mask;
	int rc = 0;

	memset(&ui, 0, sizeof(ui));
	ui.st = st;
	ui.opts = *opts;
	ui.log = *log;
	ui.running = 1;
	ui.pane_quotes_folded = opts->pane_quotes_folded;
	ui.pane_attrib_folded = opts->pane_attrib_folded;
	buf_init(&ui.prompt, 1024);
	ui_refresh_init(&ui);
	ui_analyze_init(&ui);
	ui_signals(&wait_mask, &old_mask);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		ui_log(&ui, "the reader needs a terminal");
		rc = -1;
		goto out;
	}
	if (ui_screen_start(&ui) == -1) {
		rc = -1;
		goto out;
	}
	ui_changed(&ui);
	ui_analyze_start(&ui);
	ui_push(&ui, ui_feeds_new(&ui));
	if (ui.opts.refresh_on_start)
		ui_refresh_start(&ui, 0);
	if (ui.opts.message != NULL && ui.status == NULL)
		ui_status(&ui, 1, "%s", ui.opts.message);
	while (ui.running && !sig_quit) {
		if (sig_resize)
			ui_resize(&ui);
		ui_draw(&ui);
		ui_wait(&ui, &wait_mask);
	}
	ui_screen_end();
	if (sig_quit && sig_quit != SIGINT)
		ui_log(&ui, "terminated by signal %d", (int)sig_quit);
out:
	ui_free(&ui);
	/* A signal still pending only sets a flag nobody reads now. */
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	*log = ui.log;
	return rc;
}

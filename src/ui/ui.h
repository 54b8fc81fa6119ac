/*
 * ui.h - the interactive reader's internals, shared by the files of src/ui.
 *
 * The reader is a stack of views (feeds, stories, story, help, sources)
 * drawn on stdscr between a title line and a status line, driven by one
 * event loop (ui.c) and the services the views call (ui_service.c).  It
 * is not part of libhearsay; besides curses it talks to libhearsay's
 * store.h (every view), refresh.h and feedlist.h (the background
 * refresh), analyze.h and quotes.h (the quotes of the stories), render.h
 * (the pager), text.h, buf.h, paths.h and util.h, and must never include
 * libxml2, libcurl or sqlite3 headers.  Every string from the store is
 * drawn through ui_draw_text(), which only takes text that went through
 * text_clean().
 */
#ifndef HEARSAY_UI_H
#define HEARSAY_UI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "hearsay/buf.h"

struct feedlist;
struct quotes_lang;
struct refresh;
struct store;
struct ui;

/* Every action a key can be bound to; names in ui_keymap.c's table. */
enum ui_action {
	UI_ACT_NONE = 0,
	UI_ACT_UP,
	UI_ACT_DOWN,
	UI_ACT_PAGE_UP,
	UI_ACT_PAGE_DOWN,
	UI_ACT_HOME,
	UI_ACT_END,
	UI_ACT_OPEN,
	UI_ACT_BACK,
	UI_ACT_QUIT,
	UI_ACT_NEXT_UNREAD,
	UI_ACT_PREV_UNREAD,
	UI_ACT_TOGGLE_READ,
	UI_ACT_STAR,
	UI_ACT_MARK_FEED_READ,
	UI_ACT_MARK_ALL_READ,
	UI_ACT_UNDO,
	UI_ACT_TOGGLE_SHOW_READ,
	UI_ACT_FILTER_TAG,
	UI_ACT_SHOW_ERROR,
	UI_ACT_TOGGLE_QUOTED,
	UI_ACT_TOGGLE_ATTRIBUTION,
	UI_ACT_TOGGLE_QUOTES,
	UI_ACT_FOCUS_QUOTES,
	UI_ACT_OPEN_LINK,
	UI_ACT_LINK,		/* a digit typed, 0-9, of a link number */
	UI_ACT_SHOW_URLS,
	UI_ACT_COPY_LINK,
	UI_ACT_SEARCH,
	UI_ACT_SEARCH_NEXT,
	UI_ACT_SEARCH_PREV,
	UI_ACT_REFRESH,
	UI_ACT_REFRESH_ALL,
	UI_ACT_SOURCES,
	UI_ACT_REDRAW,
	UI_ACT_SUSPEND,
	UI_ACT_HELP,
	UI_ACT_LINK_OPEN,	/* open link arg now; no key, a typed number */
	UI_ACT_COUNT
};

/* ---- drawing (ui_draw.c) ---- */

/* Glyphs, with ASCII fallbacks when the locale is not UTF-8. */
struct ui_glyphs {
	const char *unread;
	const char *starred;
	const char *failed;
	const char *hline;
	const char *fold_closed;
	const char *fold_open;
	const char *ellipsis;
	const char *sep;
	const char *times;
	const char *nosource;	/* a story that cites no source */
	const char *pending;	/* a story not analysed yet */
};

/* Theme classes: what a piece of the screen is; themes map them to
 * colours and attributes. */
enum ui_class {
	UI_C_NORMAL,
	UI_C_TITLE,
	UI_C_STATUS,
	UI_C_ERROR,
	UI_C_SELECTED,
	UI_C_UNREAD,
	UI_C_STARRED,
	UI_C_FAILED,
	UI_C_DATE,
	UI_C_FEED,
	UI_C_TAGS,
	UI_C_HEADER,
	UI_C_HEADING,
	UI_C_QUOTE,
	UI_C_LINK,
	UI_C_CODE,
	UI_C_FOLD,
	UI_C_MATCH,
	UI_C_HELP_KEY,
	UI_C_PANE,
	UI_C_SPEAKER1,
	UI_C_SPEAKER2,
	UI_C_SPEAKER3,
	UI_C_SPEAKER4,
	UI_C_COUNT
};

/* Pick the glyph set for the locale; non-zero when it is UTF-8. */
int ui_draw_init(void);
const struct ui_glyphs *ui_draw_glyphs(void);
/* Columns s (UTF-8) takes on screen. */
int ui_draw_width(const char *s);
/* Draw at most width columns of s at the cursor of stdscr with attr, an
 * ellipsis marking a cut; returns the columns used.  s must be clean. */
int ui_draw_text(const char *s, int width, attr_t attr);
/* Same for the first len bytes of s, without ellipsis. */
int ui_draw_textn(const char *s, size_t len, int width, attr_t attr);
/* Fill width columns with spaces in attr. */
void ui_draw_pad(int width, attr_t attr);
/* Draw s left-aligned in exactly width columns (cut or padded). */
void ui_draw_cell(const char *s, int width, attr_t attr);
/* A horizontal rule of width columns. */
void ui_draw_hline(int width, attr_t attr);
/* Format a UTC time in local time with a strftime format (NULL: the date
 * only) into out; "-" when there is none. */
void ui_draw_date(int64_t when, char *out, size_t size, const char *fmt);

/* ---- themes (ui_theme.c) ---- */

/* Set up colours: NO_COLOR, mono terminals and the theme named in the
 * config (NULL: default).  Problems go to the ui's log. */
void ui_theme_load(struct ui *ui, const char *name);
/* The curses attributes of a class. */
attr_t ui_theme_attr(enum ui_class c);

/* ---- the list widget (ui_list.c) ---- */

/* Row callbacks: rows live in the store (or a view's own array) and are
 * fetched a page at a time into the widget's cache. */
struct ui_list_ops {
	size_t	 row_size;
	/* Number of rows. */
	int64_t	(*count)(void *arg);
	/* Fill rows[0..n) from offset; returns how many, or -1. */
	int	(*fetch)(void *arg, int64_t offset, int n, void *rows);
	/* Free what a fetched row owns. */
	void	(*release)(void *row);
	/* Draw row at line y, width w, with the row's own highlighting. */
	void	(*draw)(void *arg, const void *row, int y, int w, int selected);
};

struct ui_list {
	const struct ui_list_ops *ops;
	void	*arg;
	int64_t	 count;
	int64_t	 cursor;
	int64_t	 top;
	int	 height;
	char	*rows;		/* cache: rows [cache_off, cache_off + n_cached) */
	int	 n_cached;
	int	 cap;
	int64_t	 cache_off;
};

void ui_list_init(struct ui_list *l, const struct ui_list_ops *ops, void *arg);
/* Free the cache; the list itself belongs to its view. */
void ui_list_free(struct ui_list *l);
/* Recount and drop the cache (the rows changed). */
void ui_list_reload(struct ui_list *l);
/* Move the cursor by delta rows (clamped). */
void ui_list_move(struct ui_list *l, int64_t delta);
void ui_list_set(struct ui_list *l, int64_t index);
/* Handle a movement action; non-zero if it was one. */
int ui_list_act(struct ui_list *l, enum ui_action a);
/* The row under the cursor (owned by the cache, valid until the next list
 * call), or NULL when the list is empty. */
const void *ui_list_selected(struct ui_list *l);
/* The row at index, fetched if needed (same lifetime), or NULL. */
const void *ui_list_row(struct ui_list *l, int64_t index);
/* The row at index if the cache holds it (as it was last fetched: from
 * before a change of the store), else NULL; never fetches. */
const void *ui_list_cached(const struct ui_list *l, int64_t index);
/* Draw the visible rows in lines [y, y + h). */
void ui_list_draw(struct ui_list *l, int y, int h);

/* ---- views ---- */

struct ui_view;

/* A key hint on the status line: the action's first key, then label. */
struct ui_hint {
	enum ui_action	 action;
	const char	*label;
};

struct ui_view_ops {
	const char *name;
	/* Hints for the status line, ending with UI_ACT_NONE. */
	const struct ui_hint *hints;
	/* Draw the body between the title and status lines. */
	void	(*draw)(struct ui_view *v, struct ui *ui, int y, int h);
	/* Handle an action; non-zero when handled. */
	int	(*act)(struct ui_view *v, struct ui *ui, enum ui_action a,
		    int arg);
	/* Text of the title line into b. */
	void	(*title)(struct ui_view *v, struct ui *ui, struct buf *b);
	/* The store changed: refetch what is shown. */
	void	(*reload)(struct ui_view *v, struct ui *ui);
	void	(*free)(struct ui_view *v);
};

struct ui_view {
	const struct ui_view_ops *ops;
	struct ui_view *below;
};

/* Views' constructors; each returns a new view for ui_push(). */
struct ui_view *ui_feeds_new(struct ui *ui);
struct ui_view *ui_help_new(struct ui *ui);
/* Stories of one feed (feed_id), or of a scope (all unread, starred). */
struct ui_view *ui_stories_new(struct ui *ui, int scope, int64_t feed_id,
    const char *title);
/* The matches of a full-text search, best first; NULL with a status
 * message when the query is bad. */
struct ui_view *ui_stories_search(struct ui *ui, const char *query);
/* From the stories view on top, go to the next (dir 1) or previous (-1)
 * unread story at or past the cursor other than skip_id, jumping to the
 * next feed with unread stories when this one has none left; open it in
 * the pager when open is set.  0, or -1 when there is none. */
int ui_stories_next_unread(struct ui *ui, int dir, int64_t skip_id,
    int open);
/* Non-zero when v is a stories view. */
int ui_stories_is(const struct ui_view *v);
/* Open the next feed after the one the feeds view shows selected that has
 * unread stories (dir 1 or -1), wrapping round at the end of the list
 * (the selected feed itself aside), pushing its stories view; -1 if
 * none. */
int ui_feeds_step_unread(struct ui_view *v, struct ui *ui, int dir);
/* The row of that feed, or -1 (nothing changes). */
int64_t ui_feeds_find_unread(struct ui_view *v, int dir);
int ui_feeds_is(const struct ui_view *v);
/* The Sources view: the speakers and sources of the last days. */
struct ui_view *ui_sources_new(struct ui *ui);
/* The quote engine's language data, loaded on first use; NULL (with
 * ui->lang_err) when it cannot be. */
const struct quotes_lang *ui_lang(struct ui *ui);
/* The pager on story id. */
struct ui_view *ui_pager_new(struct ui *ui, int64_t story_id);
/* The Links view of a story called title: its own link (story, may be
 * NULL) and the links of doc, numbered as the pager numbers them; NULL
 * with a status message when there are none.  Copies what it shows. */
struct render_doc;
struct ui_view *ui_links_new(struct ui *ui, const char *title,
    const char *story, const struct render_doc *doc);
/* A digit typed in the view on top, whose text has n_links links: opens
 * that link at once (UI_ACT_LINK_OPEN) when no longer number starts with
 * it, else a prompt with it for the rest of the number and Enter. */
void ui_links_digit(struct ui *ui, int digit, size_t n_links);

/* ---- the story's Attribution and Quotes panes (ui_panes.c) ---- */

struct ui_panes;

/* The panes of a story from the engine's result (borrowed; NULL: the
 * engine failed), or saying why there are none when the language data
 * cannot be loaded.  Never NULL; caller frees. */
struct quotes_result;
struct ui_panes *ui_panes_new(struct ui *ui, const struct quotes_result *res);
void ui_panes_free(struct ui_panes *pn);
/* Lay the panes out for width columns with the ui's fold state; returns
 * the number of lines.  The first layout of a story folds panes when,
 * open, they would leave its body less than a third of the screen: the
 * Quotes pane first, then the Attribution pane; the next story starts
 * from the state they had before, unless the keys unfolded them. */
size_t ui_panes_layout(struct ui_panes *pn, struct ui *ui, int width);
/* Draw line i of the layout at the cursor in w columns (selected: as the
 * cursor line). */
void ui_panes_draw(struct ui_panes *pn, size_t i, int w, int selected);
/* Number of quotes found. */
size_t ui_panes_n_quotes(const struct ui_panes *pn);
/* The layout line quote i's header is on, or (size_t)-1 when folded. */
size_t ui_panes_quote_line(const struct ui_panes *pn, size_t i);
/* The attributes quote i's speaker is drawn with. */
attr_t ui_panes_quote_attr(const struct ui_panes *pn, size_t i);

/* Where a quote is in the wrapped body: from byte off0 of line0 to byte
 * off1 (exclusive) of line1. */
struct ui_quote_span {
	size_t	 quote;
	size_t	 line0, off0;
	size_t	 line1, off1;
};
struct render_lines;
struct story_text;
/* The quotes in the wrapped body lines, by the engine's offsets into the
 * story's text (whose analysed text story_text_align took); *n gets the
 * number placed (a quote the lines do not show has no span).  Caller
 * frees. */
struct ui_quote_span *ui_panes_spans(const struct ui_panes *pn,
    const struct story_text *text, const struct render_lines *lines,
    size_t *n);

/* ---- keys (ui_keymap.c) ---- */

/* A key: a character, or a curses KEY_ code when is_code is set. */
struct ui_key {
	wint_t	 ch;
	int	 is_code;
};

/* Load the default bindings. */
void ui_keymap_init(void);
/* The action bound to a key (arg gets the link number for UI_ACT_LINK). */
enum ui_action ui_keymap_lookup(const struct ui_key *k, int *arg);
/* Remove a key's binding; 0, or -1 with *err for an unknown key. */
int ui_keymap_unbind(const char *key, char **err);
/* Free the bindings. */
void ui_keymap_free(void);
/* Bind a key named like "j", "^L", "PgDn", "Enter" to an action name
 * ("none" unbinds).  0, or -1 with *err. */
int ui_keymap_bind(const char *key, const char *action, char **err);
/* Help text rows, one per action: the keys bound to it and what it does;
 * n_rows gets the count.  Caller frees with ui_keymap_help_free(). */
struct ui_help_row {
	char	*keys;
	const char *name;
	const char *help;
};
struct ui_help_row *ui_keymap_help(size_t *n_rows);
void ui_keymap_help_free(struct ui_help_row *rows, size_t n);
/* The first key bound to an action, as its name (for hints), or NULL. */
const char *ui_keymap_key_for(enum ui_action a, char *out, size_t size);

/* ---- the reader (ui.c) ---- */

struct ui_opts {
	int	 show_read;		/* list read stories too */
	int	 mark_read_on_open;
	int	 oldest_first;
	int	 wrap_width;		/* story text, 0: the window's */
	int	 osc52;			/* copy links to the clipboard */
	int	 refresh_on_start;
	long	 auto_refresh;		/* minutes between refreshes, 0: never */
	char	*browser;		/* NULL: $BROWSER */
	char	*theme;
	char	*date_format;		/* strftime, for the story header */
	char	*message;		/* shown on the status line at start */
	char	*urls_path;		/* subscriptions, for refresh-all */
	struct feedlist *subs;		/* the urls file as read at start, or
					 * NULL; ui_run takes it over */
	char	*subs_problems;		/* its problems as said then (taken
					 * over too), or NULL */
	char	*feed_sort;		/* feed-sort-order, as newsboat names it */
	size_t	 max_body;		/* max-feed-size, in bytes */
	char	*db_path;		/* the store, opened again to refresh */
	int	 max_parallel;		/* refresh: transfers at once */
	int	 max_per_host;
	long	 timeout;		/* seconds per transfer */
	int64_t	 keep_stories;		/* per feed, 0: all */
	int64_t	 keep_days;		/* 0: no age limit */
	int	 pane_quotes_folded;	/* how the story panes start */
	int	 pane_attrib_folded;
	int64_t	 sources_days;		/* the Sources view's span */
	/* source ttrss: r and R sync with the feed server (sync.h). */
	int	 ttrss;
	char	*ttrss_url;
	char	*ttrss_login;
	char	*ttrss_passwordeval;
	char	*ttrss_passwordfile;
	int	 confirm_feed;		/* A on a feed asks first ... */
	int	 confirm_all;		/* ... and C, A on "All unread" ... */
	int64_t	 confirm_over;		/* ... past this many stories */
};

/* Undo record for the last change of read or starred state. */
struct ui_undo {
	int	 starred;	/* 0: read state, 1: starred state */
	int	 value;		/* the value to restore */
	int64_t	*ids;
	size_t	 n;
};

struct ui_refresh;
struct ui_analyze;
struct ui_prompt_edit;

struct ui {
	struct store	*st;
	struct ui_view	*top;
	struct ui_opts	 opts;
	int		 utf8;
	int		 running;
	int		 dirty;		/* redraw the body */
	int		 full_redraw;	/* clear and repaint everything */
	char		*status;
	int		 status_error;
	struct buf	 log;		/* bounded; printed after exit */
	size_t		 log_lines;
	struct ui_undo	 undo;
	int		 readonly_told;	/* why marks are not saved was said */
	int64_t		 n_unread;
	int		 quotes_folded;	/* the pager's fold state, kept */
	int		 pane_quotes_folded;	/* the panes' fold state, kept */
	int		 pane_attrib_folded;
	/* A pane the story on screen opened folded to leave its body room
	 * (ui_panes.c), and the fold state it had, for the next story. */
	int		 pane_quotes_squeezed;
	int		 pane_attrib_squeezed;
	int		 pane_quotes_kept;
	int		 pane_attrib_kept;
	struct quotes_lang *lang;	/* loaded on the first story */
	char		*lang_err;	/* why it could not be, or NULL */
	int		 lang_tried;
	char		*tag;		/* the tag filter of the feed list and
					 * "All unread", or NULL */
	struct ui_refresh *refresh;	/* the background refresh's state */
	struct ui_analyze *analyze;	/* the background analysis's state */
	/* The prompt on the status line, when one is open. */
	struct buf	 prompt;
	const char	*prompt_label;
	void		(*prompt_done)(struct ui *ui, const char *text);
	struct ui_prompt_edit *prompt_edit;	/* cursor, histories */
	/* A yes/no question on the status line, when one is asked. */
	char		*ask;
	void		(*ask_yes)(struct ui *ui, int64_t arg);
	int64_t		 ask_arg;
	/* Others' writes to the store (cron's refresh, a second reader):
	 * the data version of the last reload, and when to look again. */
	int64_t		 data_version;
	int64_t		 watch_next;
};

/* Run the reader on an open store until the user quits; 0 or -1 (ui.c). */
int ui_run(struct store *st, const struct ui_opts *opts, struct buf *log);

/* ---- what the views call on (ui_service.c) ---- */

/* Push a view on top (the ui owns it) / pop and free the top one. */
void ui_push(struct ui *ui, struct ui_view *v);
void ui_pop(struct ui *ui);
/* A status-line message (printf-style); is_error colours it. */
void ui_status(struct ui *ui, int is_error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Clear the status line's message. */
void ui_status_clear(struct ui *ui);
/* Add a line to the log printed after exit (bounded). */
void ui_log(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The store changed: reload every view and the unread count. */
void ui_changed(struct ui *ui);
/* Set story id's read mark (starred: its star) to value, remembered for
 * undo.  0, or -1 when it was not saved: the status line says why, and
 * nothing changed. */
int ui_mark(struct ui *ui, int starred, int64_t id, int value);
/* Mark story id read as it is opened, for undo; 0, or -1 when it was not
 * (the status line says why; on a read-only store only the first time). */
int ui_mark_opened(struct ui *ui, int64_t id);
/* Mark the stories of a feed (0: of every feed) read, for undo, and say
 * how many; past the confirm-mark-threshold option's count, the
 * confirm-mark-* options have it ask first (then 0: asked).  0, or -1
 * after saying why not. */
int ui_mark_feed_read(struct ui *ui, int64_t feed_id);
/* Ask a yes/no question on the status line (printf-style); yes(ui, arg)
 * runs on y, any other key cancels (and says so). */
void ui_ask(struct ui *ui, void (*yes)(struct ui *ui, int64_t arg),
    int64_t arg, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A key while a question is asked: yes runs on y, else it is dropped. */
void ui_ask_key(struct ui *ui, const struct ui_key *k);
/* Undo the last change of marks (u), saying what came of it. */
void ui_undo_run(struct ui *ui);
/* Milliseconds on the monotonic clock. */
int64_t ui_now(void);
/* Free what the services hold: the message, the undo record, the
 * prompt, the language data. */
void ui_service_free(struct ui *ui);

/* ---- the prompt on the status line (ui_prompt.c) ---- */

/* Open a prompt called label (its history is that of every prompt of
 * the same label); done gets the text on Enter. */
void ui_prompt(struct ui *ui, const char *label,
    void (*done)(struct ui *ui, const char *text));
/* Same, the line starting as text, the cursor at its end. */
void ui_prompt_with(struct ui *ui, const char *label, const char *text,
    void (*done)(struct ui *ui, const char *text));
/* A key while the prompt is open: edit, browse the history, accept or
 * cancel. */
void ui_prompt_key(struct ui *ui, const struct ui_key *k);
/* Draw the open prompt on line y (the label in label_attr) and put the
 * cursor where the editing is. */
void ui_prompt_draw(struct ui *ui, int y, attr_t label_attr);
/* Free the line and the histories. */
void ui_prompt_free(struct ui *ui);

/* ---- the background refresh (ui_refresh.c) ---- */

/* Set up the refresh state (and the auto-refresh timer) / stop a running
 * refresh and free it. */
void ui_refresh_init(struct ui *ui);
void ui_refresh_free(struct ui *ui);
/* Refresh one feed (feed_id), or every subscription (0), in the
 * background. */
void ui_refresh_start(struct ui *ui, int64_t feed_id);
/* Non-zero while a refresh runs. */
int ui_refresh_running(const struct ui *ui);
/* One pass of the running refresh, waiting at most a moment for a key with
 * the signals of wait_mask let through. */
void ui_refresh_step(struct ui *ui, const sigset_t *wait_mask);
/* The progress line of the running refresh into b. */
void ui_refresh_progress(struct ui *ui, struct buf *b);
/* How long the loop may wait for a key: until the next auto-refresh (in
 * *ts, returned), or for ever (NULL). */
const struct timespec *ui_refresh_timer(const struct ui *ui,
    struct timespec *ts);
/* Start the auto-refresh when its time has come (not while one runs). */
void ui_refresh_tick(struct ui *ui);
/* The urls file as the reader last read it (at start, or for the last
 * refresh of every feed), or NULL when there was none. */
const struct feedlist *ui_refresh_subs(const struct ui *ui);

/* ---- analysis of the stories not analysed yet (ui_analyze.c) ---- */

/* Set up the analysis state (nothing to do on a read-only store) / free
 * it. */
void ui_analyze_init(struct ui *ui);
void ui_analyze_free(struct ui *ui);

/* (Re)start the background analysis from the first story: the store got
 * stories the reader has not seen to. */
void ui_analyze_start(struct ui *ui);
/* Analyse those of the stories ids[0..n) (rows on screen) that have no
 * current analysis, for a moment at most; what is left is done at the
 * next draws.  Non-zero when any of them has one now: reload the rows. */
int ui_analyze_rows(struct ui *ui, const int64_t *ids, size_t n);
/* Non-zero while analysis work is waiting for idle time. */
int ui_analyze_pending(const struct ui *ui);
/* One slice of idle work (a few stories, a few ms): the rows a draw
 * left, then the Sources window, then every other story. */
void ui_analyze_idle(struct ui *ui);
/* The stories dated since `since` get their analysis now for a moment
 * at most, the rest first thing in the background; returns how many are
 * left, or -1 when they cannot be analysed. */
int64_t ui_analyze_window(struct ui *ui, int64_t since);
/* Non-zero while the background is still on that window, and how many of
 * its stories it has left (0 when it is not). */
int ui_analyze_window_running(const struct ui *ui);
int64_t ui_analyze_window_left(const struct ui *ui);

/* Open url in the browser (http, https and mailto only), or show it and
 * copy it with OSC 52 (ui_open.c). */
void ui_open_url(struct ui *ui, const char *url);
/* Copy url to the terminal's clipboard with OSC 52 when the osc52 option
 * is on, else show it and say it cannot be copied. */
void ui_open_copy(struct ui *ui, const char *url);

#endif

/*
 * newsboat_config.c - newsboat's config file in hearsay's words: its
 * options, bindings, colours and includes become lines of hearsay's
 * config file and a theme; every other line is reported with why.
 *
 * Each option's row (newsboat_options.c) names its handler here.  Must
 * never drop a line silently: each line read is blank (or a comment),
 * translated, or reported, and the caller lists the reported ones.  Never
 * writes a file and never runs a command (newsboat's backticks are
 * reported, not run).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/buf.h"
#include "hearsay/config.h"
#include "hearsay/newsboat.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "hearsay/words.h"
#include "newsboat_int.h"

/* No config file is near this size; includes nest no deeper. */
#define NB_MAX_FILE ((size_t)1024 * 1024)
#define NB_MAX_DEPTH 16

struct newsboat_config;
struct nb_row;
typedef void nb_fn(struct newsboat_config *, struct newsboat_line *,
    const struct words *, const struct nb_row *);

/* newsboat's colour elements -> hearsay's theme classes (one element may
 * colour two classes: info is newsboat's title and status bars). */
static const struct {
	const char	*element;
	const char	*classes[2];
} nb_elements[] = {
	{ "background", { "normal", NULL } },
	{ "listnormal", { "normal", NULL } },
	{ "article", { "normal", NULL } },
	{ "listfocus", { "selected", NULL } },
	{ "listfocus_unread", { "selected", NULL } },
	{ "listnormal_unread", { "unread", NULL } },
	{ "info", { "title", "status" } },
	{ "title", { "title", NULL } },
	{ "hint-key", { "help-key", NULL } },
};

static const char *const nb_colours[] = { "default", "black", "red",
	"green", "yellow", "blue", "magenta", "cyan", "white" };

/* newsboat's attributes -> hearsay's (NULL: none in hearsay). */
static const struct {
	const char	*nb;
	const char	*attr;
} nb_attrs[] = {
	{ "bold", "bold" }, { "underline", "underline" },
	{ "reverse", "reverse" }, { "standout", "reverse" },
	{ "dim", "dim" }, { "italic", "italic" }, { "normal", "normal" },
	{ "blink", NULL }, { "invis", NULL }, { "protect", NULL },
};

/* A theme class set by the import: by which element, on which line. */
struct nb_class {
	const char	*name;
	char		*element;
	char		*spec;		/* "FG BG [ATTR...]" */
	char		*where;		/* "FILE:LINE" of the last line */
	struct buf	 lines;		/* "# newsboat FILE:LINE" of each */
};

/* A key bound by the import. */
struct nb_key {
	char	*key;
	char	*action;
	char	*where;
};

struct newsboat_config {
	struct newsboat_line *lines;
	size_t	 n_lines;
	struct buf out;			/* hearsay config lines */
	struct nb_class *classes;
	size_t	 n_classes;
	struct nb_key *keys;
	size_t	 n_keys;
	char	**files;		/* read already: includes once each */
	size_t	 n_files;
	struct config *check;		/* validates translated values */
	int	 auto_reload;
	long	 reload_time;
	struct buf reload_lines;	/* where auto-reload and reload-time are */
	char	*star_flags;
	char	*text;
	char	*theme;
};

/* The line's fate and why (why NULL for none); returns nothing. */
static void __attribute__((format(printf, 3, 4)))
nb_fate(struct newsboat_line *ln, enum newsboat_fate fate, const char *fmt,
    ...)
{
	va_list ap;
	char *why;

	ln->fate = fate;
	free(ln->why);
	ln->why = NULL;
	if (fmt == NULL)
		return;
	va_start(ap, fmt);
	why = xvprintf(fmt, ap);
	va_end(ap);
	ln->why = text_clean(why, 0);
	free(why);
}

/* "FILE:LINE" of a line, the file's base name.  Caller frees. */
static char *
nb_where(const struct newsboat_line *ln)
{
	const char *base = strrchr(ln->file, '/');

	return xprintf("%s:%d", base != NULL ? base + 1 : ln->file, ln->line);
}

/* Write value as one word of hearsay's config: quoted when it must be. */
static void
nb_word(struct buf *b, const char *value)
{
	const char *p;

	if (value[0] != '\0' && strpbrk(value, " \t\"\\#") == NULL) {
		buf_addstr(b, value);
		return;
	}
	buf_addc(b, '"');
	for (p = value; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
	buf_addc(b, '"');
}

/* Append "# newsboat FILE:LINE", the line a setting comes from, to b. */
static void
nb_where_line(struct buf *b, const struct newsboat_line *ln)
{
	char *where = nb_where(ln), *clean = text_clean(where, 0);

	buf_printf(b, "# newsboat %s\n", clean);
	free(clean);
	free(where);
}

/* The same, to the hearsay config. */
static void
nb_emit_where(struct newsboat_config *nc, const struct newsboat_line *ln)
{
	nb_where_line(&nc->out, ln);
}

/* Append "NAME VALUE" (the value one word) after where it comes from. */
static void
nb_emit(struct newsboat_config *nc, const struct newsboat_line *ln,
    const char *name, const char *value)
{
	nb_emit_where(nc, ln);
	buf_printf(&nc->out, "%s ", name);
	nb_word(&nc->out, value);
	buf_addc(&nc->out, '\n');
}

/* Append "bind KEY ACTION" or "unbind KEY" (action NULL). */
static void
nb_emit_key(struct newsboat_config *nc, const struct newsboat_line *ln,
    const char *cmd, const char *key, const char *action)
{
	nb_emit_where(nc, ln);
	buf_printf(&nc->out, "%s ", cmd);
	nb_word(&nc->out, key);
	if (action != NULL)
		buf_printf(&nc->out, " %s", action);
	buf_addc(&nc->out, '\n');
}

/* "OPTION takes one value" when w has no single value; 0 when it has. */
static int
nb_one_value(struct newsboat_line *ln, const struct words *w)
{
	if (w->n == 2)
		return 0;
	nb_fate(ln, NEWSBOAT_REPORTED, "%s takes one value", w->word[0]);
	return -1;
}

/* The same value to hearsay's option, checked to fit it there. */
static void
nb_do_set(struct newsboat_config *nc, struct newsboat_line *ln,
    const struct words *w, const struct nb_row *row)
{
	char *err = NULL;

	if (nb_one_value(ln, w) == -1)
		return;
	if (config_set(nc->check, row->hearsay, w->word[1], &err) == -1) {
		nb_fate(ln, NEWSBOAT_REPORTED, "as hearsay's %s", err);
		free(err);
		return;
	}
	nb_emit(nc, ln, row->hearsay, w->word[1]);
	nb_fate(ln, NEWSBOAT_TRANSLATED, NULL);
}

/* browser: hearsay reads it as newsboat does (a shell command line, %u
 * the link, given to the shell as $1 and never pasted into the text), so
 * the value goes over as it is. */
static void
nb_do_browser(struct newsboat_config *nc, struct newsboat_line *ln,
    const struct words *w, const struct nb_row *row)
{
	(void)row;
	if (nb_one_value(ln, w) == -1)
		return;
	nb_emit(nc, ln, "browser", w->word[1]);
	nb_fate(ln, NEWSBOAT_TRANSLATED, NULL);
}

/* auto-reload yes|no: hearsay's auto-refresh, with reload-time's minutes
 * (newsboat's default 60), written when the whole file is read. */
static void
nb_do_auto_reload(struct newsboat_config *nc, struct newsboat_line *ln,
    const struct words *w, const struct nb_row *row)
{
	long v;
	char *err = NULL;

	(void)row;
	if (nb_one_value(ln, w) == -1)
		return;
	/* Read as hearsay reads its own yes/no options, through one of them
	 * in the scratch config. */
	if (config_set(nc->check, "show-read", w->word[1], &err) == -1) {
		nb_fate(ln, NEWSBOAT_REPORTED, "'%s' is not yes or no",
		    w->word[1]);
		free(err);
		return;
	}
	v = config_bool(nc->check, "show-read");
	nc->auto_reload = (int)v;
	nb_where_line(&nc->reload_lines, ln);
	nb_fate(ln, NEWSBOAT_TRANSLATED, NULL);
}

static void
nb_do_reload_time(struct newsboat_config *nc, struct newsboat_line *ln,
    const struct words *w, const struct nb_row *row)
{
	long v;

	(void)row;
	if (nb_one_value(ln, w) == -1)
		return;
	if (parse_long(w->word[1], 1, 10080, &v) == -1) {
		nb_fate(ln, NEWSBOAT_REPORTED, "'%s' is not a number of "
		    "minutes from 1 to 10080 (hearsay's auto-refresh)",
		    w->word[1]);
		return;
	}
	nc->reload_time = v;
	nb_where_line(&nc->reload_lines, ln);
	nb_fate(ln, NEWSBOAT_TRANSLATED, NULL);
}

/* article-sort-order: hearsay sorts stories by date only. */
static void
nb_do_sort(struct newsboat_config *nc, struct newsboat_line *ln,
    const struct words *w, const struct nb_row *row)
{
	const char *v;

	if (nb_one_value(ln, w) == -1)
		return;
	v = w->word[1];
	/* For date, newsboat's default direction is desc (newest first). */
	(void)row;
	if (strcmp(v, "date") == 0 || strcmp(v, "date-desc") == 0)
		nb_emit(nc, ln, "sort", "newest");
	else if (strcmp(v, "date-asc") == 0)
		nb_emit(nc, ln, "sort", "oldest");
	else {
		nb_fate(ln, NEWSBOAT_REPORTED, "hearsay sorts stories by "
		    "date only (date-asc, date-desc)");
		return;
	}
	nb_fate(ln, NEWSBOAT_TRANSLATED, NULL);
}

/* The import's binding of key, or NULL. */
static struct nb_key *
nb_key_find(struct newsboat_config *nc, const char *key)
{
	size_t i;

	for (i = 0; i < nc->n_keys; i++) {
		if (strcmp(nc->keys[i].key, key) == 0)
			return &nc->keys[i];
	}
	return NULL;
}

/* Bind newsboat's key to op in dialogs (NULL: all of them), as one line
 * of hearsay's, whose keys are the same in every view: a key the import
 * bound already to another action in another dialog is reported. */
static void
nb_bind(struct newsboat_config *nc, struct newsboat_line *ln,
    const char *nbkey, const char *op, const char *dialogs)
{
	const char *key = newsboat_key(nbkey), *action = newsboat_action(op);
	struct nb_key *k;
	char *line;

	if (key == NULL) {
		nb_fate(ln, NEWSBOAT_REPORTED, "hearsay binds single keys; "
		    "'%s' is none it knows", nbkey);
		return;
	}
	if (action == NULL) {
		nb_fate(ln, NEWSBOAT_REPORTED, "hearsay has no action like "
		    "newsboat's %s", op);
		return;
	}
	k = nb_key_find(nc, key);
	if (k != NULL && dialogs != NULL && strcmp(k->action, action) != 0) {
		nb_fate(ln, NEWSBOAT_REPORTED, "hearsay's keys do the same "
		    "in every view: %s is %s already (%s)", key, k->action,
		    k->where);
		return;
	}
	if (k == NULL) {
		nc->keys = xreallocarray(nc->keys, nc->n_keys + 1,
		    sizeof *nc->keys);
		k = &nc->keys[nc->n_keys++];
		k->key = xstrdup(key);
		k->action = NULL;
		k->where = NULL;
	}
	free(k->action);
	free(k->where);
	k->action = xstrdup(action);
	k->where = nb_where(ln);
	/* (nb_word quotes a key such as # or " as a word must be.) */
	line = xprintf("%s", action);
	nb_emit_key(nc, ln, "bind", key, line);
	free(line);
	nb_fate(ln, NEWSBOAT_TRANSLATED, NULL);
}

/* bind-key KEY OPERATION [DIALOG] */
static void
nb_do_bind_key(struct newsboat_config *nc, struct newsboat_line *ln,
    const struct words *w, const struct nb_row *row)
{
	(void)row;
	if (w->n != 3 && w->n != 4) {
		nb_fate(ln, NEWSBOAT_REPORTED, "usage: bind-key KEY "
		    "OPERATION [DIALOG]");
		return;
	}
	nb_bind(nc, ln, w->word[1], w->word[2], w->n == 4 ? w->word[3] :
	    NULL);
}

/* bind KEY DIALOGS OPERATIONS (newsboat 2.30 and later): one operation
 * translates. */
static void
nb_do_bind(struct newsboat_config *nc, struct newsboat_line *ln,
    const struct words *w, const struct nb_row *row)
{
	(void)row;
	if (w->n < 4) {
		nb_fate(ln, NEWSBOAT_REPORTED, "usage: bind KEY DIALOGS "
		    "OPERATIONS");
		return;
	}
	if (w->n > 4 || strchr(w->word[3], ';') != NULL ||
	    strchr(w->word[3], ' ') != NULL) {
		nb_fate(ln, NEWSBOAT_REPORTED, "hearsay binds a key to one "
		    "action, not a list of operations");
		return;
	}
	nb_bind(nc, ln, w->word[1], w->word[3], strcmp(w->word[2], "all") ==
	    0 || strcmp(w->word[2], "everywhere") == 0 ? NULL : w->word[2]);
}

/* unbind-key KEY [DIALOG], unbind-key -a */
static void
nb_do_unbind_key(struct newsboat_config *nc, struct newsboat_line *ln,
    const struct words *w, const struct nb_row *row)
{
	const char *key;

	(void)row;
	if (w->n != 2 && w->n != 3) {
		nb_fate(ln, NEWSBOAT_REPORTED, "usage: unbind-key KEY "
		    "[DIALOG]");
		return;
	}
	if (strcmp(w->word[1], "-a") == 0) {
		nb_fate(ln, NEWSBOAT_REPORTED, "hearsay has no unbind-all: "
		    "its default keys stay beside the ones bound here");
		return;
	}
	key = newsboat_key(w->word[1]);
	if (key == NULL) {
		nb_fate(ln, NEWSBOAT_REPORTED, "hearsay binds single keys; "
		    "'%s' is none it knows", w->word[1]);
		return;
	}
	if (w->n == 3) {
		nb_fate(ln, NEWSBOAT_REPORTED, "hearsay's keys do the same "
		    "in every view: unbinding %s in %s alone is not possible",
		    key, w->word[2]);
		return;
	}
	nb_emit_key(nc, ln, "unbind", key, NULL);
	nb_fate(ln, NEWSBOAT_TRANSLATED, NULL);
}

/* A newsboat colour as hearsay's theme writes it, or NULL. */
static const char *
nb_colour(const char *c)
{
	size_t i;
	long n;

	for (i = 0; i < nitems(nb_colours); i++) {
		if (strcmp(c, nb_colours[i]) == 0)
			return nb_colours[i];
	}
	if (strncmp(c, "color", 5) == 0 && parse_long(c + 5, 0, 255, &n) == 0)
		return c;
	return NULL;
}

/* "FG BG [ATTR...]" of w->word[first..] into *spec (caller frees): 0,
 * or -1 with the line reported; attributes hearsay lacks are left out and
 * named in *dropped (caller frees, NULL when none). */
static int
nb_spec(struct newsboat_line *ln, const struct words *w, size_t first,
    char **spec, char **dropped)
{
	struct buf b, d;
	const char *fg, *bg;
	size_t i, j;

	*spec = *dropped = NULL;
	if (w->n < first + 1) {
		nb_fate(ln, NEWSBOAT_REPORTED, "no colour given");
		return -1;
	}
	/* newsboat takes the foreground alone, the background default. */
	fg = nb_colour(w->word[first]);
	bg = w->n > first + 1 ? nb_colour(w->word[first + 1]) : "default";
	if (fg == NULL || bg == NULL) {
		nb_fate(ln, NEWSBOAT_REPORTED, "hearsay's themes know no "
		    "colour '%s'", fg == NULL ? w->word[first] :
		    w->word[first + 1]);
		return -1;
	}
	buf_init(&b, 0);
	buf_init(&d, 0);
	buf_printf(&b, "%s %s", fg, bg);
	for (i = first + 2; i < w->n; i++) {
		for (j = 0; j < nitems(nb_attrs); j++) {
			if (strcmp(w->word[i], nb_attrs[j].nb) == 0)
				break;
		}
		if (j < nitems(nb_attrs) && nb_attrs[j].attr != NULL)
			buf_printf(&b, " %s", nb_attrs[j].attr);
		else
			buf_printf(&d, "%s%s", d.len > 0 ? ", " : "",
			    w->word[i]);
	}
	*spec = buf_detach(&b);
	*dropped = d.len > 0 ? buf_detach(&d) : (buf_free(&d), NULL);
	return 0;
}

/* Colour hearsay's class as element says, unless another element of
 * this import coloured it otherwise already (then the line is reported);
 * the class is written into the theme when the whole file is read. */
static int
nb_class_set(struct newsboat_config *nc, struct newsboat_line *ln,
    const char *class, const char *element, const char *spec)
{
	struct nb_class *c = NULL;
	size_t i;

	for (i = 0; i < nc->n_classes; i++) {
		if (strcmp(nc->classes[i].name, class) == 0)
			c = &nc->classes[i];
	}
	if (c != NULL && strcmp(c->element, element) != 0 &&
	    strcmp(c->spec, spec) != 0) {
		nb_fate(ln, NEWSBOAT_REPORTED, "hearsay has one colour for "
		    "%s, set already by %s", class, c->where);
		return -1;
	}
	if (c == NULL) {
		nc->classes = xreallocarray(nc->classes, nc->n_classes + 1,
		    sizeof *nc->classes);
		c = &nc->classes[nc->n_classes++];
		memset(c, 0, sizeof *c);
		c->name = class;
		buf_init(&c->lines, 0);
	}
	/* The lines that set it are all named; the last one's colours win,
	 * as in newsboat. */
	free(c->element);
	free(c->spec);
	free(c->where);
	c->element = xstrdup(element);
	c->spec = xstrdup(spec);
	c->where = nb_where(ln);
	nb_where_line(&c->lines, ln);
	return 0;
}

/* Translated, with the attributes hearsay lacks named. */
static void
nb_colour_done(struct newsboat_line *ln, const char *dropped)
{
	if (dropped != NULL)
		nb_fate(ln, NEWSBOAT_TRANSLATED, "hearsay's themes have no %s "
		    "attribute: left out", dropped);
	else
		nb_fate(ln, NEWSBOAT_TRANSLATED, NULL);
}

/* color ELEMENT FG BG [ATTR...] */
static void
nb_do_color(struct newsboat_config *nc, struct newsboat_line *ln,
    const struct words *w, const struct nb_row *row)
{
	char *spec, *dropped;
	size_t i, j;
	int set = 0;

	(void)row;
	if (w->n < 3) {
		nb_fate(ln, NEWSBOAT_REPORTED, "usage: color ELEMENT FG "
		    "[BG [ATTR...]]");
		return;
	}
	for (i = 0; i < nitems(nb_elements); i++) {
		if (strcmp(nb_elements[i].element, w->word[1]) == 0)
			break;
	}
	if (i == nitems(nb_elements)) {
		nb_fate(ln, NEWSBOAT_REPORTED, "hearsay's screen has no "
		    "part like newsboat's %s", w->word[1]);
		return;
	}
	if (nb_spec(ln, w, 2, &spec, &dropped) == -1)
		return;
	for (j = 0; j < 2 && nb_elements[i].classes[j] != NULL; j++) {
		if (nb_class_set(nc, ln, nb_elements[i].classes[j],
		    w->word[1], spec) == 0)
			set++;
	}
	if (set > 0)
		nb_colour_done(ln, dropped);
	free(spec);
	free(dropped);
}

/* The class a highlight pattern colours the same text as, or NULL:
 * hearsay colours kinds of text, so only the patterns users write for
 * links and for the article's header lines have one. */
static const char *
nb_highlight_class(const char *context, const char *re)
{
	static const char *const headers[] = { "Title", "Feed", "Author",
	    "Date", "Link" };
	size_t i;

	if (strcmp(context, "article") != 0 && strcmp(context, "all") != 0)
		return NULL;
	if (strstr(re, "http") != NULL || strstr(re, "://") != NULL ||
	    strstr(re, "[0-9]+\\]") != NULL || strstr(re, "[0-9]*\\]") != NULL)
		return "link";
	if (re[0] != '^')
		return NULL;
	for (i = 0; i < nitems(headers); i++) {
		if (strstr(re, headers[i]) != NULL)
			return "header";
	}
	return NULL;
}

/* highlight CONTEXT REGEX FG BG [ATTR...] */
static void
nb_do_highlight(struct newsboat_config *nc, struct newsboat_line *ln,
    const struct words *w, const struct nb_row *row)
{
	const char *class;
	char *spec, *dropped;

	(void)row;
	if (w->n < 4) {
		nb_fate(ln, NEWSBOAT_REPORTED, "usage: highlight CONTEXT "
		    "REGEX FG [BG [ATTR...]]");
		return;
	}
	class = nb_highlight_class(w->word[1], w->word[2]);
	if (class == NULL) {
		nb_fate(ln, NEWSBOAT_REPORTED, "hearsay colours kinds of text "
		    "(links, headers, quotes), not what a pattern matches");
		return;
	}
	if (nb_spec(ln, w, 3, &spec, &dropped) == -1)
		return;
	/* The pattern is the element: another one for the same class is
	 * another colour for it. */
	if (nb_class_set(nc, ln, class, w->word[2], spec) == 0)
		nb_colour_done(ln, dropped);
	free(spec);
	free(dropped);
}

/* *-flag-star LETTER: the flag that means starred, for the import. */
static void
nb_do_flag_star(struct newsboat_config *nc, struct newsboat_line *ln,
    const struct words *w, const struct nb_row *row)
{
	char *joined;

	(void)row;
	if (nb_one_value(ln, w) == -1)
		return;
	if (w->word[1][0] == '\0' || strspn(w->word[1],
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") !=
	    strlen(w->word[1])) {
		nb_fate(ln, NEWSBOAT_REPORTED, "'%s' is not newsboat flag "
		    "letters", w->word[1]);
		return;
	}
	joined = xprintf("%s%s", nc->star_flags != NULL ? nc->star_flags :
	    "", w->word[1]);
	free(nc->star_flags);
	nc->star_flags = joined;
	nb_emit_where(nc, ln);
	buf_printf(&nc->out, "# (import-newsboat takes flag %s for starred)\n",
	    w->word[1]);
	nb_fate(ln, NEWSBOAT_TRANSLATED, "the stories with flag %s are "
	    "imported starred", w->word[1]);
}

static void nb_read_file(struct newsboat_config *, const char *, int,
    struct newsboat_line *);

/* path with ~ expanded, relative to the folder of from.  Caller frees. */
static char *
nb_include_path(const char *path, const char *from)
{
	const char *home = getenv("HOME"), *slash;

	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') &&
	    home != NULL)
		return xprintf("%s%s", home, path + 1);
	if (path[0] == '/')
		return xstrdup(path);
	slash = strrchr(from, '/');
	if (slash == NULL)
		return xstrdup(path);
	return xprintf("%.*s/%s", (int)(slash - from), from, path);
}

/* include PATH: its lines are read after this one's, each file once. */
static void
nb_do_include(struct newsboat_config *nc, struct newsboat_line *ln,
    const struct words *w, const struct nb_row *row)
{
	(void)row;
	if (nb_one_value(ln, w) == -1)
		return;
	nb_emit_where(nc, ln);
	buf_addstr(&nc->out, "# (an include: its lines follow)\n");
	/* The caller reads it, and says here when it cannot. */
	nb_fate(ln, NEWSBOAT_TRANSLATED, NULL);
}

static nb_fn *const nb_fns[] = {
	[NB_SET] = nb_do_set,
	[NB_FN_BROWSER] = nb_do_browser,
	[NB_FN_AUTO_RELOAD] = nb_do_auto_reload,
	[NB_FN_RELOAD_TIME] = nb_do_reload_time,
	[NB_FN_SORT] = nb_do_sort,
	[NB_FN_BIND_KEY] = nb_do_bind_key,
	[NB_FN_BIND] = nb_do_bind,
	[NB_FN_UNBIND_KEY] = nb_do_unbind_key,
	[NB_FN_COLOR] = nb_do_color,
	[NB_FN_HIGHLIGHT] = nb_do_highlight,
	[NB_FN_INCLUDE] = nb_do_include,
	[NB_FN_FLAG_STAR] = nb_do_flag_star,
};

/* A new line of file at lineno, blank until judged. */
static struct newsboat_line *
nb_line_new(struct newsboat_config *nc, const char *file, int lineno)
{
	struct newsboat_line *ln;

	nc->lines = xreallocarray(nc->lines, nc->n_lines + 1,
	    sizeof *nc->lines);
	ln = &nc->lines[nc->n_lines++];
	memset(ln, 0, sizeof *ln);
	ln->file = xstrdup(file);
	ln->line = lineno;
	ln->fate = NEWSBOAT_BLANK;
	return ln;
}

/* Judge one line (s[0..len)) of file; an include is read at once. */
static void
nb_line(struct newsboat_config *nc, const char *file, int lineno,
    const char *s, size_t len, int depth)
{
	struct newsboat_line *ln = nb_line_new(nc, file, lineno);
	const struct nb_row *row;
	struct words w;
	char *path;
	size_t i;

	if (memchr(s, '\0', len) != NULL) {
		nb_fate(ln, NEWSBOAT_REPORTED, "contains a NUL byte");
		return;
	}
	if (words_split(s, len, &w) == -1) {
		/* Named by its first word as written. */
		i = strspn(s, " \t");
		path = xstrndup(s + i, strcspn(s + i, " \t"));
		ln->option = text_clean(path, 0);
		free(path);
		nb_fate(ln, NEWSBOAT_REPORTED, "unclosed quote");
		return;
	}
	if (w.n == 0)
		goto out;
	ln->option = text_clean(w.word[0], 0);
	for (i = 0; i < w.n; i++) {
		if (strchr(w.word[i], '`') != NULL) {
			nb_fate(ln, NEWSBOAT_REPORTED, "hearsay runs no command "
			    "from its config (newsboat's backticks)");
			goto out;
		}
	}
	row = nb_option_find(w.word[0]);
	if (row == NULL)
		nb_fate(ln, NEWSBOAT_REPORTED, "not an option of newsboat's "
		    "that hearsay knows");
	else if (row->kind == NB_NONE)
		nb_fate(ln, NEWSBOAT_REPORTED, "%s", row->why);
	else
		nb_fns[row->kind](nc, ln, &w, row);
	if (row != NULL && row->kind == NB_FN_INCLUDE &&
	    ln->fate == NEWSBOAT_TRANSLATED) {
		path = nb_include_path(w.word[1], file);
		nb_read_file(nc, path, depth + 1, ln);
		free(path);
	}
out:
	words_free(&w);
}

/* Was path read already (an include cycle, or twice)?  Else note it. */
static int
nb_seen(struct newsboat_config *nc, const char *path)
{
	char *real = realpath(path, NULL);
	size_t i;

	if (real == NULL)
		real = xstrdup(path);
	for (i = 0; i < nc->n_files; i++) {
		if (strcmp(nc->files[i], real) == 0) {
			free(real);
			return 1;
		}
	}
	nc->files = xreallocarray(nc->files, nc->n_files + 1,
	    sizeof *nc->files);
	nc->files[nc->n_files++] = real;
	return 0;
}

/* Read one file's lines; from is the include line (NULL for the config
 * itself), whose fate says when the file cannot be read. */
static void
nb_read_file(struct newsboat_config *nc, const char *path, int depth,
    struct newsboat_line *from)
{
	char *text, *err = NULL;
	const char *p, *end, *nl;
	/* An index: the lines move as they grow. */
	size_t len, at = from != NULL ? (size_t)(from - nc->lines) : 0;
	int lineno = 0;

	if (depth > NB_MAX_DEPTH || nb_seen(nc, path)) {
		if (from != NULL)
			nb_fate(&nc->lines[at], NEWSBOAT_REPORTED, "%s is "
			    "included already (an include cycle): read once",
			    path);
		return;
	}
	text = file_read(path, NB_MAX_FILE, &len, &err);
	if (text == NULL) {
		if (from != NULL)
			nb_fate(&nc->lines[at], NEWSBOAT_REPORTED, "%s", err);
		free(err);
		return;
	}
	for (p = text, end = text + len; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		/* A CR before the newline is no part of the line. */
		nb_line(nc, path, ++lineno, p, (size_t)(nl - p) -
		    (nl > p && nl[-1] == '\r'), depth);
	}
	free(text);
}

int
newsboat_config_read(struct newsboat_config **out, const char *path,
    char **err)
{
	struct newsboat_config *nc = xcalloc(1, sizeof *nc);
	char *text;
	size_t len;

	*out = NULL;
	/* Said here, in the caller's words, when the config itself cannot
	 * be read (an include's problem is a reported line). */
	text = file_read(path, NB_MAX_FILE, &len, err);
	if (text == NULL) {
		free(nc);
		return -1;
	}
	free(text);
	buf_init(&nc->out, 0);
	buf_init(&nc->reload_lines, 0);
	nc->check = config_new();
	nc->reload_time = 60;
	nb_read_file(nc, path, 0, NULL);
	*out = nc;
	return 0;
}

void
newsboat_config_free(struct newsboat_config *nc)
{
	size_t i;

	if (nc == NULL)
		return;
	for (i = 0; i < nc->n_lines; i++) {
		free(nc->lines[i].file);
		free(nc->lines[i].option);
		free(nc->lines[i].why);
	}
	for (i = 0; i < nc->n_classes; i++) {
		free(nc->classes[i].element);
		free(nc->classes[i].spec);
		free(nc->classes[i].where);
		buf_free(&nc->classes[i].lines);
	}
	for (i = 0; i < nc->n_keys; i++) {
		free(nc->keys[i].key);
		free(nc->keys[i].action);
		free(nc->keys[i].where);
	}
	for (i = 0; i < nc->n_files; i++)
		free(nc->files[i]);
	free(nc->lines);
	free(nc->classes);
	free(nc->keys);
	free(nc->files);
	buf_free(&nc->out);
	buf_free(&nc->reload_lines);
	config_free(nc->check);
	free(nc->star_flags);
	free(nc->text);
	free(nc->theme);
	free(nc);
}

size_t
newsboat_config_line_count(const struct newsboat_config *nc)
{
	return nc->n_lines;
}

const struct newsboat_line *
newsboat_config_line(const struct newsboat_config *nc, size_t i)
{
	return i < nc->n_lines ? &nc->lines[i] : NULL;
}

const char *
newsboat_config_text(struct newsboat_config *nc, const char *theme)
{
	struct newsboat_config *m = nc;
	struct buf b;

	buf_init(&b, 0);
	buf_addstr(&b, buf_str(&nc->out));
	/* Said once the whole file is read: both lines make it. */
	if (nc->reload_lines.len > 0)
		buf_printf(&b, "%sauto-refresh %ld\n",
		    buf_str(&nc->reload_lines), nc->auto_reload ?
		    nc->reload_time : 0L);
	if (nc->n_classes > 0 && theme != NULL) {
		buf_addstr(&b, "# newsboat's color and highlight lines\n"
		    "theme ");
		nb_word(&b, theme);
		buf_addc(&b, '\n');
	}
	free(m->text);
	m->text = buf_detach(&b);
	return m->text;
}

const char *
newsboat_config_theme(struct newsboat_config *nc)
{
	struct newsboat_config *m = nc;
	struct buf b;
	size_t i;

	if (nc->n_classes == 0)
		return NULL;
	buf_init(&b, 0);
	buf_addstr(&b, "# Made by hearsay import-newsboat from newsboat's "
	    "color and highlight lines.\n"
	    "# CLASS FOREGROUND BACKGROUND [ATTRIBUTE...], as in "
	    "default.theme; the\n# classes not named keep the default.\n");
	for (i = 0; i < nc->n_classes; i++)
		buf_printf(&b, "%s%-9s %s\n", buf_str(&nc->classes[i].lines),
		    nc->classes[i].name, nc->classes[i].spec);
	free(m->theme);
	m->theme = buf_detach(&b);
	return m->theme;
}

const char *
newsboat_config_star_flags(const struct newsboat_config *nc)
{
	return nc != NULL && nc->star_flags != NULL ? nc->star_flags : "s";
}


/*
 * config.c - the configuration file: one table of options, a line reader
 * that collects its problems instead of printing them, typed getters, and
 * the bind/unbind lines kept in order for the reader's keymap.
 *
 * Adding an option is one row of config_options.  This file must never
 * print while loading (messages are collected for the reader to show),
 * nor interpret key names or actions: that is the keymap's business.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hearsay/buf.h"
#include "hearsay/config.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "hearsay/words.h"

/* A config file larger than this is certainly not one. */
#define CONFIG_MAX_FILE ((size_t)1024 * 1024)
/* Messages kept before the rest are summed up in one line. */
#define CONFIG_MAX_MESSAGES 100

static const char *const config_sorts[] = { "newest", "oldest", NULL };
static const char *const config_panes[] = { "open", "folded", NULL };
static const char *const config_sources[] = { "feeds", "ttrss", NULL };
/* newsboat's names; the reader's feed list knows what each means. */
static const char *const config_feed_sorts[] = { "none",
	"title", "title-asc", "title-desc",
	"firsttag", "firsttag-asc", "firsttag-desc",
	"unreadarticlecount", "unreadarticlecount-asc",
	"unreadarticlecount-desc",
	"articlecount", "articlecount-asc", "articlecount-desc",
	"lastupdated", "lastupdated-asc", "lastupdated-desc", NULL };

static const struct config_option config_options[] = {
	/* The reader. */
	{ "browser", CONFIG_STR, "", 0, 0, NULL,
	    "shell command that opens a link, %u is the URL "
	    "(empty: $BROWSER, else xdg-open)" },
	{ "sort", CONFIG_ENUM, "newest", 0, 0, config_sorts,
	    "order of the story list" },
	{ "feed-sort-order", CONFIG_ENUM, "none", 0, 0, config_feed_sorts,
	    "order of the feed list: none (the urls file's), by title, first "
	    "tag, unread or all stories, newest story; -asc or -desc turns it" },
	{ "show-read", CONFIG_BOOL, "yes", 0, 0, NULL,
	    "list stories already read" },
	{ "mark-read-on-open", CONFIG_BOOL, "yes", 0, 0, NULL,
	    "opening a story marks it read" },
	{ "refresh-on-start", CONFIG_BOOL, "no", 0, 0, NULL,
	    "refresh every feed when the reader starts" },
	{ "auto-refresh", CONFIG_INT, "0", 0, 10080, NULL,
	    "minutes between refreshes while the reader runs (0: never)" },
	{ "date-format", CONFIG_STR, "%Y-%m-%d %H:%M", 0, 0, NULL,
	    "strftime(3) format of story dates" },
	{ "wrap-width", CONFIG_INT, "80", 0, 1000, NULL,
	    "column at which story text wraps (0: the window width)" },
	{ "theme", CONFIG_STR, "default", 0, 0, NULL,
	    "colour theme: a name from the themes directory or a file" },
	{ "pane-quotes", CONFIG_ENUM, "open", 0, 0, config_panes,
	    "how the Quotes pane starts" },
	{ "pane-attribution", CONFIG_ENUM, "open", 0, 0, config_panes,
	    "how the Attribution pane starts" },
	{ "sources-days", CONFIG_INT, "7", 1, 36500, NULL,
	    "days of stories the Sources view counts speakers and sources in" },
	{ "osc52", CONFIG_BOOL, "no", 0, 0, NULL,
	    "copy links to the terminal's clipboard with OSC 52 "
	    "(works over SSH)" },
	{ "confirm-mark-feed-read", CONFIG_BOOL, "yes", 0, 0, NULL,
	    "marking one feed read asks first when it marks more than "
	    "confirm-mark-threshold stories" },
	{ "confirm-mark-all-feeds-read", CONFIG_BOOL, "yes", 0, 0, NULL,
	    "marking every feed read asks first when it marks more than "
	    "confirm-mark-threshold stories" },
	{ "confirm-mark-threshold", CONFIG_INT, "100", 0, 100000000, NULL,
	    "stories a mark may change without asking (0: always ask)" },
	/* hearsay refresh and the reader's refresh. */
	{ "max-parallel", CONFIG_INT, "16", 1, 100, NULL,
	    "feeds fetched at once" },
	{ "max-per-host", CONFIG_INT, "2", 1, 16, NULL,
	    "feeds fetched at once from one host" },
	{ "keep-stories", CONFIG_INT, "0", 0, 1000000, NULL,
	    "stories kept per feed, unread and starred ones aside (0: all)" },
	{ "keep-days", CONFIG_INT, "0", 0, 36500, NULL,
	    "days a read story is kept (0: for ever)" },
	{ "timeout", CONFIG_INT, "60", 1, 3600, NULL,
	    "seconds one feed may take to download" },
	{ "max-feed-size", CONFIG_INT, "32", 1, 255, NULL,
	    "MiB one feed may take, decompressed (a larger one fails)" },
	{ "refresh-analyze", CONFIG_BOOL, "no", 0, 0, NULL,
	    "hearsay refresh finds the quotes of new stories as it stores "
	    "them (no: the reader does, or hearsay analyze)" },
	/* A feed server as the source (hearsay refresh, import-opml). */
	{ "source", CONFIG_ENUM, "feeds", 0, 0, config_sources,
	    "where refresh gets stories: the feeds of the urls file, or a "
	    "Tiny Tiny RSS server (ttrss), which also keeps the marks" },
	{ "ttrss-url", CONFIG_STR, "", 0, 0, NULL,
	    "the Tiny Tiny RSS server (source ttrss)" },
	{ "ttrss-login", CONFIG_STR, "", 0, 0, NULL,
	    "the login on that server" },
	{ "ttrss-passwordeval", CONFIG_STR, "", 0, 0, NULL,
	    "shell command that prints the password" },
	{ "ttrss-passwordfile", CONFIG_STR, "", 0, 0, NULL,
	    "file that holds the password, readable by you alone" },
};

static const struct {
	const char *word;
	int	 value;
} config_bools[] = {
	{ "yes", 1 }, { "no", 0 },
	{ "true", 1 }, { "false", 0 },
	{ "on", 1 }, { "off", 0 },
	{ "1", 1 }, { "0", 0 },
};

/* The value of one option: str for CONFIG_STR, num otherwise (the choice
 * index for CONFIG_ENUM). */
struct config_value {
	char	*str;
	long	 num;
};

struct config {
	struct config_value values[nitems(config_options)];
	struct config_bind *binds;
	size_t	 n_binds;
	char	**messages;
	size_t	 n_messages;
	int	 dropped;	/* messages past CONFIG_MAX_MESSAGES */
};

/* The words of one line, quotes and escapes resolved. */
typedef void config_cmd_fn(struct config *, const struct words *,
    const char *, int);
static config_cmd_fn config_do_bind, config_do_unbind;

/* Lines that are not options. */
static const struct {
	const char *name;
	size_t	 args;
	const char *usage;
	config_cmd_fn *run;
} config_cmds[] = {
	{ "bind", 2, "bind KEY ACTION", config_do_bind },
	{ "unbind", 1, "unbind KEY", config_do_unbind },
};

/* The index of the option called name in the table, or -1. */
static int
config_find(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(config_options); i++) {
		if (strcmp(config_options[i].name, name) == 0)
			return (int)i;
	}
	return -1;
}

struct config *
config_new(void)
{
	struct config *cfg = xcalloc(1, sizeof *cfg);
	char *err = NULL;
	size_t i;

	for (i = 0; i < nitems(config_options); i++) {
		if (config_set(cfg, config_options[i].name,
		    config_options[i].def, &err) == -1)
			fatal("bad default in the option table: %s", err);
	}
	return cfg;
}

void
config_free(struct config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < nitems(config_options); i++)
		free(cfg->values[i].str);
	for (i = 0; i < cfg->n_binds; i++) {
		free(cfg->binds[i].key);
		free(cfg->binds[i].action);
		free(cfg->binds[i].file);
	}
	for (i = 0; i < cfg->n_messages; i++)
		free(cfg->messages[i]);
	free(cfg->binds);
	free(cfg->messages);
	free(cfg);
}

/* Keep "FILE:LINE: problem" (sanitised) among the messages; line 0 leaves
 * the line out. */
static void __attribute__((format(printf, 4, 5)))
config_msg(struct config *cfg, const char *file, int line, const char *fmt,
    ...)
{
	va_list ap;
	char *what, *msg;

	if (cfg->n_messages == CONFIG_MAX_MESSAGES) {
		cfg->dropped++;
		return;
	}
	va_start(ap, fmt);
	what = xvprintf(fmt, ap);
	va_end(ap);
	msg = line > 0 ? xprintf("%s:%d: %s", file, line, what) :
	    xprintf("%s: %s", file, what);
	cfg->messages = xreallocarray(cfg->messages, cfg->n_messages + 1,
	    sizeof *cfg->messages);
	cfg->messages[cfg->n_messages++] = text_clean(msg, 0);
	free(msg);
	free(what);
}

/* The text "a, b, c" of a choice list.  Caller frees. */
static char *
config_choices(const char *const *choices, const char *sep)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	for (i = 0; choices[i] != NULL; i++)
		buf_printf(&b, "%s%s", i > 0 ? sep : "", choices[i]);
	return buf_detach(&b);
}

/* Read a yes/no word into *out (1 or 0); -1 when it is none. */
static int
config_parse_bool(const char *value, long *out)
{
	size_t i;

	for (i = 0; i < nitems(config_bools); i++) {
		if (ascii_casecmp(value, config_bools[i].word) == 0) {
			*out = config_bools[i].value;
			return 0;
		}
	}
	return -1;
}

/* Read one of o's choices (any case) into *out as its index. */
static int
config_parse_enum(const struct config_option *o, const char *value,
    long *out)
{
	long i;

	for (i = 0; o->choices[i] != NULL; i++) {
		if (ascii_casecmp(value, o->choices[i]) == 0) {
			*out = i;
			return 0;
		}
	}
	return -1;
}

/* Why value does not fit option o, for a message.  Caller frees. */
static char *
config_why(const struct config_option *o, const char *value)
{
	char *list, *why;

	switch (o->type) {
	case CONFIG_BOOL:
		return xprintf("%s: '%s' is not yes or no", o->name, value);
	case CONFIG_INT:
		return xprintf("%s: '%s' is not a whole number from %ld to %ld",
		    o->name, value, o->min, o->max);
	case CONFIG_ENUM:
		list = config_choices(o->choices, ", ");
		why = xprintf("%s: '%s' is not one of %s", o->name, value, list);
		free(list);
		return why;
	case CONFIG_STR:
		break;
	}
	return xprintf("%s: '%s' is not valid", o->name, value);
}

int
config_set(struct config *cfg, const char *name, const char *value,
    char **err)
{
	int i = config_find(name);
	const struct config_option *o;
	long num = 0;
	int rc = 0;
	char *why;

	if (i == -1)
		return error_set(err, "unknown option '%s'", name);
	o = &config_options[i];
	switch (o->type) {
	case CONFIG_BOOL:
		rc = config_parse_bool(value, &num);
		break;
	case CONFIG_INT:
		rc = parse_long(value, o->min, o->max, &num);
		break;
	case CONFIG_ENUM:
		rc = config_parse_enum(o, value, &num);
		break;
	case CONFIG_STR:
		free(cfg->values[i].str);
		cfg->values[i].str = xstrdup(value);
		return 0;
	}
	if (rc == -1) {
		why = config_why(o, value);
		error_set(err, "%s", why);
		free(why);
		return -1;
	}
	cfg->values[i].num = num;
	return 0;
}

/* The option called name, checked to be one of the two types given. */
static int
config_want(const char *name, enum config_type t1, enum config_type t2)
{
	int i = config_find(name);

	if (i == -1 || (config_options[i].type != t1 &&
	    config_options[i].type != t2))
		abort();
	return i;
}

int
config_bool(const struct config *cfg, const char *name)
{
	return (int)cfg->values[config_want(name, CONFIG_BOOL,
	    CONFIG_BOOL)].num;
}

long
config_int(const struct config *cfg, const char *name)
{
	return cfg->values[config_want(name, CONFIG_INT, CONFIG_INT)].num;
}

const char *
config_str(const struct config *cfg, const char *name)
{
	int i = config_want(name, CONFIG_STR, CONFIG_ENUM);

	if (config_options[i].type == CONFIG_ENUM)
		return config_options[i].choices[cfg->values[i].num];
	return cfg->values[i].str;
}

/* Keep a bind (action set) or unbind (action NULL) line; copies all. */
static void
config_push_bind(struct config *cfg, const char *key, const char *action,
    const char *file, int line)
{
	struct config_bind *b;

	cfg->binds = xreallocarray(cfg->binds, cfg->n_binds + 1,
	    sizeof *cfg->binds);
	b = &cfg->binds[cfg->n_binds++];
	b->key = xstrdup(key);
	b->action = xstrdup(action);
	b->file = xstrdup(file);
	b->line = line;
}

/* `bind KEY ACTION` */
static void
config_do_bind(struct config *cfg, const struct words *w,
    const char *file, int line)
{
	config_push_bind(cfg, w->word[1], w->word[2], file, line);
}

/* `unbind KEY` */
static void
config_do_unbind(struct config *cfg, const struct words *w,
    const char *file, int line)
{
	config_push_bind(cfg, w->word[1], NULL, file, line);
}

/* A bind or unbind line, checked for its number of words. */
static int
config_line_cmd(struct config *cfg, const struct words *w,
    const char *file, int line)
{
	size_t i;

	for (i = 0; i < nitems(config_cmds); i++) {
		if (strcmp(w->word[0], config_cmds[i].name) != 0)
			continue;
		if (w->n != config_cmds[i].args + 1)
			config_msg(cfg, file, line, "usage: %s",
			    config_cmds[i].usage);
		else if (w->word[1][0] == '\0')
			config_msg(cfg, file, line, "%s: empty key",
			    config_cmds[i].name);
		else
			config_cmds[i].run(cfg, w, file, line);
		return 1;
	}
	return 0;
}

/* One line of the file. */
static void
config_line(struct config *cfg, const char *s, size_t len,
    const char *file, int line)
{
	struct words w;
	char *err = NULL;

	if (memchr(s, '\0', len) != NULL) {
		config_msg(cfg, file, line, "contains a NUL byte");
		return;
	}
	if (words_split(s, len, &w) == -1) {
		config_msg(cfg, file, line, "unclosed quote");
		return;
	}
	if (w.n == 0 || config_line_cmd(cfg, &w, file, line))
		goto out;
	if (config_find(w.word[0]) == -1)
		config_msg(cfg, file, line, "unknown option '%s'", w.word[0]);
	else if (w.n == 1)
		config_msg(cfg, file, line, "%s: no value given", w.word[0]);
	else if (w.n > 2)
		config_msg(cfg, file, line, "%s: more than one value (put "
		    "a value with spaces in double quotes)", w.word[0]);
	else if (config_set(cfg, w.word[0], w.word[1], &err) == -1)
		config_msg(cfg, file, line, "%s", err);
out:
	free(err);
	words_free(&w);
}

void
config_parse(struct config *cfg, const char *text, size_t len,
    const char *name)
{
	const char *p = text, *end = text + len, *nl;
	int line = 0;

	cfg->dropped = 0;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		config_line(cfg, p, (size_t)(nl - p), name, ++line);
		p = nl + 1;
	}
	if (cfg->dropped > 0) {
		cfg->n_messages--;
		free(cfg->messages[cfg->n_messages]);
		config_msg(cfg, name, 0, "%d more problems not shown",
		    cfg->dropped + 1);
	}
}

int
config_load(struct config *cfg, const char *path, int flags, char **err)
{
	struct stat st;
	size_t len;
	char *text;

	if (stat(path, &st) == -1 && errno == ENOENT &&
	    !(flags & CONFIG_MUST_EXIST))
		return 0;
	text = file_read(path, CONFIG_MAX_FILE, &len, err);
	if (text == NULL)
		return -1;
	config_parse(cfg, text, len, path);
	free(text);
	return 0;
}

size_t
config_bind_count(const struct config *cfg)
{
	return cfg->n_binds;
}

const struct config_bind *
config_bind_get(const struct config *cfg, size_t i)
{
	return i < cfg->n_binds ? &cfg->binds[i] : NULL;
}

size_t
config_message_count(const struct config *cfg)
{
	return cfg->n_messages;
}

const char *
config_message(const struct config *cfg, size_t i)
{
	return i < cfg->n_messages ? cfg->messages[i] : NULL;
}

size_t
config_option_count(void)
{
	return nitems(config_options);
}

const struct config_option *
config_option_get(size_t i)
{
	return i < nitems(config_options) ? &config_options[i] : NULL;
}

/* How an option's values are written: "yes|no", "0-10080", "TEXT" or the
 * choices.  Caller frees. */
static char *
config_type_text(const struct config_option *o)
{
	switch (o->type) {
	case CONFIG_BOOL:
		return xstrdup("yes|no");
	case CONFIG_INT:
		return xprintf("%ld-%ld", o->min, o->max);
	case CONFIG_ENUM:
		return config_choices(o->choices, "|");
	case CONFIG_STR:
		break;
	}
	return xstrdup("TEXT");
}

/* Write s for roff: backslashes and hyphens escaped, no control line. */
static void
config_roff(FILE *fp, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", fp);
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\e", fp);
		else if (*s == '-')
			fputs("\\-", fp);
		else
			fputc(*s, fp);
	}
}

/* One option as a roff paragraph: name and values, then the help. */
static void
config_print_man(FILE *fp, const struct config_option *o, const char *type)
{
	fputs(".TP\n.BI \"", fp);
	config_roff(fp, o->name);
	fputs(" \" \"", fp);
	config_roff(fp, type);
	fputs("\"\n", fp);
	config_roff(fp, o->help);
	fputs(" (default: \\(lq", fp);
	config_roff(fp, o->def);
	fputs("\\(rq).\n", fp);
}

void
config_print_options(FILE *fp, enum config_print style)
{
	const struct config_option *o;
	size_t i;
	char *type;

	for (i = 0; i < nitems(config_options); i++) {
		o = &config_options[i];
		type = config_type_text(o);
		if (style == CONFIG_PRINT_MAN)
			config_print_man(fp, o, type);
		else
			fprintf(fp, "  %-18s %s (default \"%s\")\n  %-18s %s\n",
			    o->name, type, o->def, "", o->help);
		free(type);
	}
}

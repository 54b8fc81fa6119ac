/*
 * ui_theme.c - theme classes to curses attributes.
 *
 * A theme is a plain file of lines `CLASS FG BG [ATTR...]` (see
 * themes/default.theme).  Colours degrade with the terminal: 256-colour
 * numbers need 256 colours, "bright" ones 16 (else bold); with NO_COLOR set
 * or a terminal without colours every class uses its built-in mono
 * attributes (bold, reverse, underline).  Never fails: a bad line is logged
 * and skipped, a missing theme leaves the built-in default.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hearsay/paths.h"
#include "hearsay/util.h"
#include "ui/ui.h"

struct theme_class {
	const char	*name;
	attr_t		 mono;		/* without colours */
	const char	*def;		/* default (dark) colours: "FG BG ATTR" */
};

/* Indexed by enum ui_class. */
static const struct theme_class classes[UI_C_COUNT] = {
	{ "normal", A_NORMAL, "default default" },
	{ "title", A_REVERSE, "white blue bold" },
	{ "status", A_NORMAL, "default default" },
	{ "error", A_BOLD, "brightred default bold" },
	{ "selected", A_REVERSE, "black cyan" },
	{ "unread", A_BOLD, "brightwhite default bold" },
	{ "starred", A_BOLD, "yellow default bold" },
	{ "failed", A_BOLD, "red default bold" },
	{ "date", A_NORMAL, "cyan default" },
	{ "feed", A_NORMAL, "green default" },
	{ "tags", A_DIM, "magenta default" },
	{ "header", A_BOLD, "brightwhite default bold" },
	{ "heading", A_BOLD, "brightyellow default bold" },
	{ "quote", A_DIM, "green default" },
	{ "link", A_UNDERLINE, "brightblue default underline" },
	{ "code", A_NORMAL, "yellow default" },
	{ "fold", A_BOLD, "magenta default bold" },
	{ "match", A_REVERSE, "black yellow" },
	{ "help-key", A_BOLD, "brightgreen default bold" },
	{ "pane", A_BOLD, "brightcyan default bold" },
	{ "speaker1", A_BOLD, "brightyellow default bold" },
	{ "speaker2", A_BOLD, "brightgreen default bold" },
	{ "speaker3", A_BOLD, "brightmagenta default bold" },
	{ "speaker4", A_BOLD, "brightcyan default bold" },
};

struct theme_colour {
	const char	*name;
	short		 n;
};

static const struct theme_colour colours[] = {
	{ "default", -1 }, { "black", 0 }, { "red", 1 }, { "green", 2 },
	{ "yellow", 3 }, { "blue", 4 }, { "magenta", 5 }, { "cyan", 6 },
	{ "white", 7 },
};

struct theme_attr {
	const char	*name;
	attr_t		 attr;
};

static const struct theme_attr attrs[] = {
	{ "bold", A_BOLD }, { "underline", A_UNDERLINE },
	{ "reverse", A_REVERSE }, { "dim", A_DIM }, { "italic", A_ITALIC },
	{ "normal", A_NORMAL },
};

static attr_t class_attr[UI_C_COUNT];
static int theme_colour_ok;

attr_t
ui_theme_attr(enum ui_class c)
{
	return (unsigned)c < UI_C_COUNT ? class_attr[c] : A_NORMAL;
}

/* A colour name to a number the terminal has; *bold is set when a bright
 * colour had to become bold.  -2 for an unknown name. */
static short
theme_colour(const char *s, int *bold)
{
	long n;
	size_t i;

	if (strncmp(s, "bright", 6) == 0) {
		for (i = 1; i < nitems(colours); i++) {
			if (strcmp(s + 6, colours[i].name) == 0) {
				if (COLORS >= 16)
					return (short)(colours[i].n + 8);
				*bold = 1;
				return colours[i].n;
			}
		}
		return -2;
	}
	for (i = 0; i < nitems(colours); i++) {
		if (strcmp(s, colours[i].name) == 0)
			return colours[i].n;
	}
	if (strncmp(s, "color", 5) == 0 &&
	    parse_long(s + 5, 0, 255, &n) == 0)
		return n < COLORS ? (short)n : -3;
	return -2;
}

/* Apply "FG BG [ATTR...]" to class c; 0 or -1 with *err. */
static int
theme_set(enum ui_class c, char *spec, char **err)
{
	char *words[8], *save = NULL, *w;
	int n = 0, bold = 0, i;
	short fg, bg;
	attr_t a = A_NORMAL;
	size_t j;

	for (w = strtok_r(spec, " \t", &save); w != NULL && n < 8;
	    w = strtok_r(NULL, " \t", &save))
		words[n++] = w;
	if (n < 2)
		return error_set(err, "expected CLASS FG BG [ATTR...]");
	fg = theme_colour(words[0], &bold);
	bg = theme_colour(words[1], &bold);
	if (fg == -2 || bg == -2)
		return error_set(err, "unknown colour '%s'",
		    fg == -2 ? words[0] : words[1]);
	for (i = 2; i < n; i++) {
		for (j = 0; j < nitems(attrs); j++) {
			if (strcmp(words[i], attrs[j].name) == 0)
				break;
		}
		if (j == nitems(attrs))
			return error_set(err, "unknown attribute '%s'",
			    words[i]);
		a |= attrs[j].attr;
	}
	if (fg == -3 || bg == -3) {
		class_attr[c] = classes[c].mono;	/* too few colours */
		return 0;
	}
	if (bold)
		a |= A_BOLD;
	init_pair((short)(c + 1), fg, bg);
	class_attr[c] = a | COLOR_PAIR(c + 1);
	return 0;
}

/* The class named name, or -1. */
static int
theme_class_find(const char *name)
{
	int c;

	for (c = 0; c < UI_C_COUNT; c++) {
		if (strcmp(classes[c].name, name) == 0)
			return c;
	}
	return -1;
}

/* Apply one theme file line; blank lines and # comments are fine. */
static int
theme_line(char *line, char **err)
{
	char *p = line + strspn(line, " \t"), *name;
	int c;

	if (*p == '\0' || *p == '#')
		return 0;
	name = p;
	p += strcspn(p, " \t");
	if (*p != '\0')
		*p++ = '\0';
	c = theme_class_find(name);
	if (c == -1)
		return error_set(err, "unknown class '%s'", name);
	return theme_set((enum ui_class)c, p, err);
}

/* Where the theme called name is: a path as given, the user's themes
 * directory, else the installed ones.  Caller frees. */
static char *
theme_path(const char *name)
{
	char *rel, *path;

	if (strchr(name, '/') != NULL)
		return xstrdup(name);
	rel = xprintf("themes/%s.theme", name);
	path = paths_config(rel);
	free(rel);
	if (access(path, R_OK) == 0)
		return path;
	free(path);
	return xprintf("%s/themes/%s.theme", PKGDATADIR, name);
}

/* Apply a theme file; bad lines are reported with file and line. */
static void
theme_file(struct ui *ui, const char *name)
{
	char *path = theme_path(name), *text, *err = NULL, *line, *save = NULL;
	const char *base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 :
	    path;
	size_t len;
	int lineno = 0;

	text = file_read(path, 1 << 20, &len, &err);
	if (text == NULL) {
		ui_log(ui, "theme %s: %s", name, err);
		ui_status(ui, 1, "theme %s: %s", name, err);
		goto out;
	}
	/* strtok_r skips empty lines, so count them by hand. */
	for (line = text; line != NULL; line = save) {
		save = strchr(line, '\n');
		if (save != NULL)
			*save++ = '\0';
		lineno++;
		if (theme_line(line, &err) == -1) {
			/* The whole path to the log, its name on screen. */
			ui_log(ui, "%s:%d: %s", path, lineno, err);
			ui_status(ui, 1, "%s:%d: %s", base, lineno, err);
			xfree(err);
		}
	}
out:
	free(text);
	free(err);
	free(path);
}

void
ui_theme_load(struct ui *ui, const char *name)
{
	const char *nc = getenv("NO_COLOR");
	char *spec;
	int c;

	for (c = 0; c < UI_C_COUNT; c++)
		class_attr[c] = classes[c].mono;
	theme_colour_ok = has_colors() && (nc == NULL || *nc == '\0');
	if (!theme_colour_ok)
		return;
	start_color();
	use_default_colors();
	for (c = 0; c < UI_C_COUNT; c++) {
		spec = xstrdup(classes[c].def);
		theme_set((enum ui_class)c, spec, NULL);
		free(spec);
	}
	if (name != NULL && strcmp(name, "default") != 0)
		theme_file(ui, name);
	/* Text drawn without a colour of its own takes the normal one. */
	bkgd(' ' | class_attr[UI_C_NORMAL]);
}

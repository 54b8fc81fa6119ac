/*
 * config.h - the configuration file ($XDG_CONFIG_HOME/hearsay/config, or
 * -c FILE).
 *
 * One setting a line: `option value` (a value with spaces in double
 * quotes, where a backslash escapes `"` and `\`), `bind KEY ACTION`,
 * `unbind KEY`, and `#` comments (a whole line, or from a `#` that starts a
 * word).  Every option is a row of one table (name, type, default, help),
 * read back through typed getters.  Problems never stop the load: each
 * becomes a message "FILE:LINE: problem", collected for the reader to show,
 * and the option keeps its previous value.  Key bindings are kept in file
 * order for the reader's keymap, which alone knows what keys and actions
 * exist.
 */
#ifndef HEARSAY_CONFIG_H
#define HEARSAY_CONFIG_H

#include <stddef.h>
#include <stdio.h>

enum config_type {
	CONFIG_BOOL,		/* yes/no, true/false, on/off, 1/0 */
	CONFIG_INT,		/* decimal in [min, max] */
	CONFIG_STR,		/* any text */
	CONFIG_ENUM,		/* one of choices */
};

/* One row of the option table. */
struct config_option {
	const char	*name;
	enum config_type type;
	const char	*def;		/* the default, as it would be written */
	long		 min, max;	/* CONFIG_INT */
	const char *const *choices;	/* CONFIG_ENUM, NULL-terminated */
	const char	*help;		/* one line */
};

/* A bind or unbind line, in file order. */
struct config_bind {
	char	*key;
	char	*action;	/* NULL for unbind */
	char	*file;
	int	 line;
};

struct config;

/* Every option at its default, no binds, no messages.  config_free
 * accepts NULL. */
struct config *config_new(void);
void config_free(struct config *cfg);

/* For config_load: a missing file is an error (the user named it). */
#define CONFIG_MUST_EXIST 0x1

/* Read a config file over the current values.  A missing file is no error
 * unless flags has CONFIG_MUST_EXIST.  Problems in the file become messages.
 * Returns 0, or -1 with *err when the file exists but cannot be read. */
int config_load(struct config *cfg, const char *path, int flags,
    char **err);
/* Read config text; name is the file name used in messages. */
void config_parse(struct config *cfg, const char *text, size_t len,
    const char *name);
/* Set one option from its text form.  0, or -1 with *err (no file or line
 * in it) when there is no such option or the value does not fit. */
int config_set(struct config *cfg, const char *name, const char *value,
    char **err);

/* Typed getters; asking for an option that is not in the table, or as the
 * wrong type, is a programming error and aborts.  config_str serves
 * CONFIG_STR and CONFIG_ENUM (the choice's canonical spelling); the string
 * is owned by cfg and valid until the option is set again. */
int config_bool(const struct config *cfg, const char *name);
long config_int(const struct config *cfg, const char *name);
const char *config_str(const struct config *cfg, const char *name);

/* The bind/unbind lines read so far, in order; owned by cfg. */
size_t config_bind_count(const struct config *cfg);
const struct config_bind *config_bind_get(const struct config *cfg,
    size_t i);

/* The problems found so far ("FILE:LINE: problem", sanitised, no newline),
 * oldest first; owned by cfg. */
size_t config_message_count(const struct config *cfg);
const char *config_message(const struct config *cfg, size_t i);

/* The option table, row by row (NULL past the end). */
size_t config_option_count(void);
const struct config_option *config_option_get(size_t i);

enum config_print {
	CONFIG_PRINT_TEXT,	/* aligned text, two lines an option */
	CONFIG_PRINT_MAN,	/* roff .TP paragraphs, the form of hearsay(1)'s
				 * CONFIGURATION section */
};

/* Print the option table with types, ranges and defaults.  Nothing in
 * hearsay prints it at run time: hearsay(1)'s option list was made with
 * CONFIG_PRINT_MAN (and test_config checks that it names every option),
 * and the tests read both forms. */
void config_print_options(FILE *fp, enum config_print style);

#endif

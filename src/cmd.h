/*
 * cmd.h - the subcommands of hearsay-core (the thin layer over libhearsay
 * that src/main.c dispatches to; src/front.c is the `hearsay` users
 * run).  Each returns the process exit status: 0 success, 1 when the work
 * partly failed or the input was no feed, 2 for usage or store errors.
 */
#ifndef HEARSAY_CMD_H
#define HEARSAY_CMD_H

#include <signal.h>

/* Options that come before the subcommand. */
struct cmd_globals {
	const char *urls_path;	/* -u, or NULL for the XDG default */
	const char *db_path;	/* -d */
	const char *config_path; /* -c */
	int	 demo;		/* --demo */
};

struct cmd {
	const char *name;
	int	(*run)(int argc, char **argv, const struct cmd_globals *g);
	const char *usage;	/* arguments, for --help */
	const char *summary;	/* one line, for --help */
};

/* Read the options before the command into *g (getopt quiet when quiet
 * is set): the index of the first argument after them, or one of these. */
enum {
	CMD_GLOBALS_HELP = -1,
	CMD_GLOBALS_VERSION = -2,
	CMD_GLOBALS_BAD = -3
};
int cmd_globals_parse(int argc, char **argv, struct cmd_globals *g,
    int quiet);

int cmd_count(int argc, char **argv, const struct cmd_globals *g);
/* What both ways of `count` share (cmd_count_quick.c): the options (0, or
 * the exit status of a usage error, said unless quiet) and the report
 * (the exit status). */
struct store_counts;
struct cmd_count_args {
	const char *feed;	/* --feed, or NULL */
	const char *tag;	/* --tag, or NULL */
	const char *format;	/* --format, "%u" by default */
};
int cmd_count_args(int argc, char **argv, struct cmd_count_args *a,
    int quiet);
int cmd_count_report(const struct cmd_count_args *a,
    const struct store_counts *c);
/* `count` the front end's way (SQLite only): the exit status, or -1 when
 * it cannot be done that way and hearsay-core must run it. */
int cmd_count_quick(int argc, char **argv, const struct cmd_globals *g);
int cmd_parse(int argc, char **argv, const struct cmd_globals *g);
int cmd_refresh(int argc, char **argv, const struct cmd_globals *g);
int cmd_analyze(int argc, char **argv, const struct cmd_globals *g);
int cmd_list(int argc, char **argv, const struct cmd_globals *g);
int cmd_import_opml(int argc, char **argv, const struct cmd_globals *g);
int cmd_export_opml(int argc, char **argv, const struct cmd_globals *g);
int cmd_import_newsboat(int argc, char **argv, const struct cmd_globals *g);
int cmd_add(int argc, char **argv, const struct cmd_globals *g);
int cmd_remove(int argc, char **argv, const struct cmd_globals *g);
int cmd_demo(const struct cmd_globals *g);
int cmd_quotes(int argc, char **argv, const struct cmd_globals *g);
int cmd_check_config(int argc, char **argv, const struct cmd_globals *g);
/* The interactive reader (no command). */
int cmd_reader(const struct cmd_globals *g);
/* The reader on a terminal, else the unread list. */
int cmd_show(const struct cmd_globals *g);

struct buf;
struct config;
/* Load the config as the reader does (cmd_reader.c), its bindings into
 * the keymap; every problem goes to log, "FILE:LINE: problem" a line.
 * Caller frees the config (config_free) and the keymap (ui_keymap_free). */
struct config *cmd_reader_config(const struct cmd_globals *g,
    struct buf *log);
/* A feed server as the source (cmd_sync.c): the config's settings. */
struct config;
struct feedlist;
struct refresh_opts;
struct store;
struct cmd_sync {
	int	 on;		/* source ttrss */
	char	*url;
	char	*login;
	char	*eval;		/* ttrss-passwordeval */
	char	*file;		/* ttrss-passwordfile */
};
/* Take the settings from a loaded config (cs cleared first). */
void cmd_sync_from_config(const struct config *cfg, struct cmd_sync *cs);
/* Load them from the config file; -1 (said) when it cannot be read. */
int cmd_sync_load(const struct cmd_globals *g, struct cmd_sync *cs);
void cmd_sync_clear(struct cmd_sync *cs);
/* `hearsay refresh` from the server into st, until done or *stop (the
 * signal that stopped it: the status is then 128 + it); the exit
 * status. */
int cmd_sync_refresh(struct store *st, const struct cmd_sync *cs,
    const struct refresh_opts *ro, int quiet, volatile sig_atomic_t *stop);
/* Subscribe on the server to the feed at url, or unsubscribe from it
 * (remove); the exit status. */
int cmd_sync_change(const struct cmd_sync *cs, const char *url, int remove);
/* Subscribe on the server to every feed of fl; the exit status. */
int cmd_sync_subscribe(const struct cmd_sync *cs, const struct feedlist *fl);

/* Resolve the urls and database paths from the globals (XDG defaults);
 * caller frees both. */
void cmd_paths(const struct cmd_globals *g, char **urls, char **db);

#endif

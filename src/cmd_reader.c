/*
 * cmd_reader.c - `hearsay` with no command: open the store and run the
 * interactive reader.  Prints the reader's log to stderr only after curses
 * has given the terminal back.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "hearsay/buf.h"
#include "hearsay/paths.h"
#include "hearsay/store.h"
#include "hearsay/util.h"
#include "ui/ui.h"

static void
reader_opts_default(struct ui_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->show_read = 1;
	o->mark_read_on_open = 1;
}

static void
reader_opts_free(struct ui_opts *o)
{
	free(o->browser);
	free(o->theme);
}

int
cmd_reader(const struct cmd_globals *g)
{
	struct store *st = NULL;
	struct ui_opts opts;
	struct buf log;
	char *db, *err = NULL;
	int rc = 2;

	buf_init(&log, 64 * 1024);
	reader_opts_default(&opts);
	db = g->db_path != NULL ? xstrdup(g->db_path) :
	    paths_data("hearsay.db");
	if (paths_mkparent(db, &err) == -1 ||
	    store_open(&st, db, STORE_CREATE, &err) == -1) {
		fprintf(stderr, "hearsay: %s: %s\n", db, err);
		goto out;
	}
	ui_keymap_init();
	rc = ui_run(st, &opts, &log) == 0 ? 0 : 2;
out:
	if (log.len > 0)
		fputs(buf_str(&log), stderr);
	store_close(st);
	buf_free(&log);
	reader_opts_free(&opts);
	free(err);
	free(db);
	return rc;
}

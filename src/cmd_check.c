/*
 * cmd_check.c - `hearsay check-config`: the config file read exactly as
 * the reader reads it (options and key bindings), its problems printed.
 *
 * The front end only: the reading is cmd_reader_config's, so what this
 * says is what the reader would show.  Theme files are read by the
 * reader alone (their colours need the terminal's).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "hearsay/buf.h"
#include "hearsay/config.h"
#include "hearsay/paths.h"
#include "hearsay/util.h"
#include "ui/ui.h"

int
cmd_check_config(int argc, char **argv, const struct cmd_globals *g)
{
	struct config *cfg;
	struct buf log;
	char *path;
	int rc;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: hearsay check-config\n");
		return 2;
	}
	buf_init(&log, 0);
	cfg = cmd_reader_config(g, &log);
	path = g->config_path != NULL ? xstrdup(g->config_path) :
	    paths_config("config");
	/* The log's lines are sanitised where they were made. */
	rc = log.len > 0 ? 1 : 0;
	if (rc)
		fputs(buf_str(&log), stderr);
	else
		printf("%s: no problems\n", path);
	free(path);
	ui_keymap_free();
	config_free(cfg);
	buf_free(&log);
	return rc;
}

/*
 * cmd_paths.c - where the subcommands find the urls file and the store:
 * the -u and -d options, else the XDG defaults.  Must never create or
 * open anything; it only names paths.
 */
#include "config.h"

#include "cmd.h"
#include "hearsay/paths.h"
#include "hearsay/util.h"

void
cmd_paths(const struct cmd_globals *g, char **urls, char **db)
{
	if (urls != NULL)
		*urls = g->urls_path != NULL ? xstrdup(g->urls_path) :
		    paths_config("urls");
	if (db != NULL)
		*db = g->db_path != NULL ? xstrdup(g->db_path) :
		    paths_data("hearsay.db");
}

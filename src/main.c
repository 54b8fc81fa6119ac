/*
 * main.c - hearsay-core, the program that runs hearsay's commands: global
 * options, then one subcommand from a table.  The `hearsay` users run is
 * the front end (src/front.c), which answers `count` itself and hands
 * everything else here with its arguments as they were.  Must never do a
 * subcommand's work itself.
 */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include "cmd.h"
#include "hearsay/paths.h"
#include "hearsay/util.h"

/* One row a subcommand, in the order --help shows them. */
static const struct cmd cmds[] = {
	{ "parse", cmd_parse, "[--json] [--base URL] FILE|-",
	    "parse one feed document and print it" },
	{ "quotes", cmd_quotes, "[--json] FILE|-",
	    "quotes, speakers and cited sources of one article" },
	{ "count", cmd_count, "[--feed FEED] [--tag TAG] [--format FMT]",
	    "print the number of unread stories (for status bars)" },
	{ "list", cmd_list, "[--feeds] [--all] [--starred]",
	    "print unread stories (all, starred, or the feeds with counts)" },
	{ "refresh", cmd_refresh,
	    "[-q] [-j N] [--per-host N] [--keep N] [--keep-days N]"
	    " [--analyze|--no-analyze]",
	    "fetch the feeds, or sync with the feed server, into the store" },
	{ "analyze", cmd_analyze, "[--all]",
	    "find the quotes and sources of stories not analysed yet" },
	{ "add", cmd_add, "URL [TAG...]",
	    "add a feed to the urls file (a tag \"~Title\" names it), or the"
	    " feed server" },
	{ "remove", cmd_remove, "URL",
	    "take a feed out of the urls file (starred stories stay), or off"
	    " the feed server" },
	{ "import-opml", cmd_import_opml, "FILE|-",
	    "add an OPML file's feeds to the urls file (or the feed server)" },
	{ "export-opml", cmd_export_opml, "",
	    "print the subscriptions as OPML 2.0" },
	{ "check-config", cmd_check_config, "",
	    "read the config file as the reader does and list its problems" },
	{ "import-newsboat", cmd_import_newsboat,
	    "[--dry-run] [--star-flags LETTERS] [DIR]",
	    "newsboat's feeds, stories (read, flagged) and config into "
	    "hearsay's" },
	{ NULL, NULL, NULL, NULL }
};

static void
usage(FILE *fp)
{
	size_t i;

	fprintf(fp,
	    "usage: hearsay [-u URLS] [-d DB] [-c CONFIG] [COMMAND [ARGS]]\n"
	    "       hearsay --demo | --version | --help\n"
	    "\n"
	    "A terminal news reader that tells you who said what.\n"
	    "\n"
	    "Commands:\n");
	for (i = 0; cmds[i].name != NULL; i++)
		fprintf(fp, "  %-12s %s\n  %-12s   %s\n", cmds[i].name,
		    cmds[i].usage, "", cmds[i].summary);
	fprintf(fp,
	    "\n"
	    "Options:\n"
	    "  -u, --urls FILE     subscriptions (default $XDG_CONFIG_HOME/hearsay/urls)\n"
	    "  -d, --db FILE       store (default $XDG_DATA_HOME/hearsay/hearsay.db)\n"
	    "  -c, --config FILE   configuration (default $XDG_CONFIG_HOME/hearsay/config)\n"
	    "      --demo          open the reader on the bundled demo feeds, kept in\n"
	    "                      a store of their own (no network)\n"
	    "  -h, --help          show this help\n"
	    "  -V, --version       show the version\n"
	    "\n"
	    "Without a command, hearsay runs the interactive reader on a terminal\n"
	    "and lists the unread stories of the store otherwise; a terminal that\n"
	    "cannot move the cursor (TERM=dumb) gets a message and exit status 2.\n"
	    "See hearsay(1) for the keys (? in the reader lists them), the\n"
	    "browser option, the urls file format and exit statuses.\n");
}

static const struct cmd *
cmd_find(const char *name)
{
	size_t i;

	for (i = 0; cmds[i].name != NULL; i++) {
		if (strcmp(cmds[i].name, name) == 0)
			return &cmds[i];
	}
	return NULL;
}

/* The front end ran this program in its place: keep the name users know
 * for ps, pgrep and killall (tmux shows the command line, which is the
 * user's as it was). */
static void
cmd_set_name(void)
{
	(void)prctl(PR_SET_NAME, "hearsay", 0, 0, 0);
}

int
main(int argc, char **argv)
{
	struct cmd_globals g;
	const struct cmd *cmd;
	int n;

	setlocale(LC_ALL, "");
	cmd_set_name();
	n = cmd_globals_parse(argc, argv, &g, 0);
	switch (n) {
	case CMD_GLOBALS_HELP:
		usage(stdout);
		return 0;
	case CMD_GLOBALS_VERSION:
		printf("hearsay %s\n", PACKAGE_VERSION);
		return 0;
	case CMD_GLOBALS_BAD:
		usage(stderr);
		return 2;
	}
	argc -= n;
	argv += n;
	if (g.demo && argc > 0) {
		fprintf(stderr, "hearsay: --demo takes no command\n");
		return 2;
	}
	if (g.demo)
		return cmd_demo(&g);
	if (argc == 0)
		return cmd_show(&g);
	cmd = cmd_find(argv[0]);
	if (cmd == NULL) {
		fprintf(stderr, "hearsay: unknown command '%s' (see hearsay --help)\n",
		    argv[0]);
		return 2;
	}
	/* "hearsay CMD --help" is answered from the table, the same place
	 * the command list of --help comes from. */
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		printf("usage: hearsay %s %s\n%s\n", cmd->name, cmd->usage,
		    cmd->summary);
		return 0;
	}
	optind = 0;	/* reset getopt for the subcommand (glibc) */
	return cmd->run(argc, argv, &g);
}

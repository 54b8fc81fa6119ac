/*
 * main.c - the hearsay binary: global options, then one subcommand from a
 * table.  Must never do a subcommand's work itself.
 */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "hearsay/paths.h"
#include "hearsay/util.h"

/* One row a subcommand, in the order --help shows them. */
static const struct cmd cmds[] = {
	{ "parse", cmd_parse, "[--json] [--base URL] FILE|-",
	    "parse one feed document and print it" },
	{ "quotes", cmd_quotes, "[--json] FILE|-",
	    "quotes, speakers and cited sources of one article" },
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
	    "See hearsay(1) for the urls file format and exit statuses.\n");
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

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "urls", required_argument, NULL, 'u' },
		{ "db", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "demo", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_globals g = { NULL, NULL, NULL, 0 };
	const struct cmd *cmd;
	int c;

	setlocale(LC_ALL, "");
	while ((c = getopt_long(argc, argv, "+u:d:c:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'u':
			g.urls_path = optarg;
			break;
		case 'd':
			g.db_path = optarg;
			break;
		case 'c':
			g.config_path = optarg;
			break;
		case 'D':
			g.demo = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("hearsay %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
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

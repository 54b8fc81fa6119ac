/*
 * cmd_globals.c - the options that come before the command, read the same
 * way by the front end (src/front.c) and the program that runs the
 * commands (src/main.c).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "cmd.h"

int
cmd_globals_parse(int argc, char **argv, struct cmd_globals *g, int quiet)
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
	int c, saved = opterr;

	g->urls_path = g->db_path = g->config_path = NULL;
	g->demo = 0;
	if (quiet)
		opterr = 0;
	optind = 0;	/* from the start, whoever read argv before (glibc) */
	while ((c = getopt_long(argc, argv, "+u:d:c:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'u':
			g->urls_path = optarg;
			break;
		case 'd':
			g->db_path = optarg;
			break;
		case 'c':
			g->config_path = optarg;
			break;
		case 'D':
			g->demo = 1;
			break;
		case 'h':
			opterr = saved;
			return CMD_GLOBALS_HELP;
		case 'V':
			opterr = saved;
			return CMD_GLOBALS_VERSION;
		default:
			opterr = saved;
			return CMD_GLOBALS_BAD;
		}
	}
	opterr = saved;
	return optind;
}

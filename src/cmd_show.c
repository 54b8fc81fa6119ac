/*
 * cmd_show.c - what `hearsay` does without a command: the reader on a
 * terminal, the unread list in a pipe.  Shared by the bare command and
 * --demo so both behave alike.
 */
#include "config.h"

#include <getopt.h>
#include <unistd.h>

#include "cmd.h"

int
cmd_show(const struct cmd_globals *g)
{
	char *list_argv[] = { "list", NULL };

	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return cmd_reader(g);
	optind = 0;
	return cmd_list(1, list_argv, g);
}

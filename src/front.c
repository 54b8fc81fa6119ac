/*
 * front.c - `hearsay`, the program users run: it answers `hearsay count`
 * itself and runs hearsay-core, in its own place (exec, the same process),
 * for everything else.
 *
 * Why two programs: a status line runs `hearsay count` every few seconds,
 * and the reader's libraries (ncurses, libxml2 with ICU) cost more to load
 * than the count costs to make.  This one links SQLite and nothing else of
 * hearsay's libraries; tests/test_count.sh checks that it stays so.  Must
 * never do other work: what it cannot do quickly (or at all) hearsay-core
 * does, with the arguments exactly as they were typed.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "hearsay/paths.h"

int
main(int argc, char **argv)
{
	struct cmd_globals g;
	char *core;
	int n, rc;

	n = cmd_globals_parse(argc, argv, &g, 1);
	if (n > 0 && n < argc && !g.demo && strcmp(argv[n], "count") == 0 &&
	    (rc = cmd_count_quick(argc - n, argv + n, &g)) >= 0)
		return rc;
	core = paths_program("HEARSAY_CORE", "hearsay-core", PKGLIBEXECDIR);
	execv(core, argv);
	fprintf(stderr, "hearsay: cannot run %s: %s\n", core, strerror(errno));
	free(core);
	return 2;
}

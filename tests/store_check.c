/*
 * store_check.c - a helper for the shell tests: open the store named on
 * the command line and run store_check() on it, so that a test can check
 * a store's integrity without the sqlite3 shell.  Prints "ok" and exits 0,
 * or prints the problem and exits 1 (2 when the store does not open).
 * Never creates or upgrades a store.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "hearsay/store.h"

int
main(int argc, char **argv)
{
	struct store *st = NULL;
	char *err = NULL;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: store_check STORE\n");
		return 2;
	}
	if (store_open(&st, argv[1], 0, &err) == -1) {
		fprintf(stderr, "store_check: %s\n", err);
		free(err);
		return 2;
	}
	rc = store_check(st, &err) == 0 ? 0 : 1;
	if (rc == 0)
		puts("ok");
	else
		fprintf(stderr, "store_check: %s\n", err);
	free(err);
	store_close(st);
	return rc;
}

/*
 * test_store_locks.c - a second connection to a store must not take away
 * the first one's locks.  POSIX record locks belong to the process, and
 * closing any descriptor of a file drops all of them: a store check that
 * open()s and close()s the file beside a live connection (the reader's,
 * when its refresh opens a second one) leaves that connection holding no
 * lock, and another process's refresh may then checkpoint and remove the
 * write-ahead log under it: a corrupt store.  Another process looks at
 * the locks here, as SQLite's would.
 */
#include "config.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "hearsay/store.h"
#include "hearsay/util.h"
#include "testlib.h"

/* Does some process other than the caller hold a read lock anywhere on
 * path?  Asked from a child process, since F_GETLK ignores the caller's
 * own locks. */
static int
locked_by_parent(const char *path)
{
	struct flock fl;
	pid_t pid;
	int fd, status;

	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		fd = open(path, O_RDWR);
		if (fd == -1)
			_exit(2);
		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		fl.l_start = 0;
		fl.l_len = 0;
		if (fcntl(fd, F_GETLK, &fl) == -1)
			_exit(2);
		_exit(fl.l_type == F_RDLCK ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_not_equal(WEXITSTATUS(status), 2);
	return WEXITSTATUS(status) == 0;
}

static void
test_second_connection_keeps_locks(void **state)
{
	struct store *a = NULL, *b = NULL;
	char *dir, *path, *err = NULL;

	(void)state;
	dir = testlib_tmpdir("locks");
	assert_non_null(dir);
	path = xprintf("%s/store.db", dir);
	assert_int_equal(store_open(&a, path, STORE_CREATE, &err), 0);
	assert_true(locked_by_parent(path));

	/* Opened and closed again, as the reader's refresh does. */
	assert_int_equal(store_open(&b, path, 0, &err), 0);
	assert_true(locked_by_parent(path));
	store_close(b);
	assert_true(locked_by_parent(path));

	/* Refused files are looked at without a descriptor too. */
	assert_int_equal(store_open(&b, dir, 0, &err), -1);
	free(err);
	err = NULL;
	assert_true(locked_by_parent(path));

	store_close(a);
	assert_false(locked_by_parent(path));
	free(path);
	assert_int_equal(testlib_rmtree(dir), 0);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_second_connection_keeps_locks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * sync_secret.c - the feed server's password, from a command the user
 * configured (ttrss-passwordeval: `pass show rss`, a keyring's tool) or a
 * file only the user may read (ttrss-passwordfile).
 *
 * Never from the command line (every user's `ps` shows it) nor the store
 * (it is no secret store).  The password is never printed, not even in
 * an error.  The command's output past its first line is ignored, and
 * its standard error goes nowhere: the reader's screen is curses' (a
 * command that asks for a passphrase asks on the terminal itself, as
 * pass and gpg do); its exit status says that it failed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hearsay/buf.h"
#include "hearsay/sync.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

/* A password is a line: more than this is no password. */
#define SYNC_SECRET_MAX 4096

extern char **environ;

/* The first line of b (cut at the first CR or LF), or NULL with *err
 * when it is empty. */
static char *
sync_secret_line(struct buf *b, const char *from, char **err)
{
	char *s = buf_detach(b), *end;

	if (s == NULL)
		s = xstrdup("");
	end = s + strcspn(s, "\r\n");
	*end = '\0';
	if (*s == '\0') {
		free(s);
		error_set(err, "%s gave no password", from);
		return NULL;
	}
	return s;
}

/* Read fd to its end into b, at most SYNC_SECRET_MAX bytes; 0 or -1. */
static int
sync_secret_read(int fd, struct buf *b)
{
	char chunk[512];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0 ? 0 : -1;
		if (buf_add(b, chunk, (size_t)n) == -1)
			return -1;
	}
}

/* Run eval with /bin/sh, its standard output the password. */
static char *
sync_secret_eval(const char *eval, char **err)
{
	posix_spawn_file_actions_t fa;
	char *argv[] = { "sh", "-c", (char *)eval, NULL };
	struct buf b;
	int fds[2], rc, status, got;
	pid_t pid;

	if (pipe(fds) == -1) {
		error_set(err, "ttrss-passwordeval: %s", strerror(errno));
		return NULL;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null",
	    O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	rc = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		error_set(err, "ttrss-passwordeval: cannot run /bin/sh: %s",
		    strerror(rc));
		return NULL;
	}
	buf_init(&b, SYNC_SECRET_MAX);
	got = sync_secret_read(fds[0], &b);
	close(fds[0]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		buf_free(&b);
		error_set(err, "ttrss-passwordeval: the command failed (%s %d)",
		    WIFEXITED(status) ? "exit status" : "signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		return NULL;
	}
	if (got == -1) {
		buf_free(&b);
		error_set(err, "ttrss-passwordeval: more than %d bytes",
		    SYNC_SECRET_MAX);
		return NULL;
	}
	return sync_secret_line(&b, "ttrss-passwordeval", err);
}

/* The first line of the file at path, if only its owner, we, may read
 * it. */
static char *
sync_secret_file(const char *path, char **err)
{
	struct stat sb;
	struct buf b;
	char *clean = text_clean(path, 0);
	int fd, got;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
	if (fd == -1) {
		error_set(err, "ttrss-passwordfile %s: %s", clean,
		    strerror(errno));
		goto fail;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		error_set(err, "ttrss-passwordfile %s: not a regular file", clean);
		goto fail;
	}
	/* A password others may read is no secret any more: said, not
	 * used (ssh's rule for its keys). */
	if (sb.st_uid != geteuid() || (sb.st_mode & 077) != 0) {
		error_set(err, "ttrss-passwordfile %s: others may read or write "
		    "it: make it yours and mode 600 (chmod 600 %s)", clean, clean);
		goto fail;
	}
	buf_init(&b, SYNC_SECRET_MAX);
	got = sync_secret_read(fd, &b);
	close(fd);
	fd = -1;
	if (got == -1) {
		buf_free(&b);
		error_set(err, "ttrss-passwordfile %s: cannot read it, or more "
		    "than %d bytes", clean, SYNC_SECRET_MAX);
		goto fail;
	}
	free(clean);
	return sync_secret_line(&b, "ttrss-passwordfile", err);
fail:
	if (fd != -1)
		close(fd);
	free(clean);
	return NULL;
}

char *
sync_secret_get(const char *eval, const char *path, char **err)
{
	if (eval != NULL && *eval != '\0')
		return sync_secret_eval(eval, err);
	if (path != NULL && *path != '\0')
		return sync_secret_file(path, err);
	error_set(err, "no password for the server: set ttrss-passwordeval "
	    "or ttrss-passwordfile in the config file");
	return NULL;
}

/*
 * loopback.h - start and stop tests/server.py for the C tests that need a
 * real HTTP server (test_fetch, test_refresh).
 */
#ifndef HEARSAY_TESTS_LOOPBACK_H
#define HEARSAY_TESTS_LOOPBACK_H

#include <sys/types.h>

struct loopback {
	pid_t	 pid;
	int	 port;
	char	*dir;		/* temporary directory, removed by stop */
	char	*root;		/* dir/root: the files the server serves */
	char	*log;		/* dir/requests.log */
	char	*gate;		/* dir/gate: the gates of /hold/ and /crowd/ */
};

/* Make a temporary directory, start the server on it and wait for its
 * port.  0, or -1 (message on stderr). */
int loopback_start(struct loopback *lb);
/* Stop the server and remove the directory. */
void loopback_stop(struct loopback *lb);
/* A URL for path on the server.  Caller frees. */
char *loopback_url(const struct loopback *lb, const char *path);
/* Write a file under the served root. */
void loopback_put(const struct loopback *lb, const char *name,
    const char *data, size_t len);
/* How many request-log lines equal line exactly. */
int loopback_log_count(const struct loopback *lb, const char *line);
/* Open the gate name: the server's /hold/name/ and /crowd/name/ requests
 * go through. */
void loopback_gate_open(const struct loopback *lb, const char *name);
/* The largest number N of the log lines "prefix N" ("CROWD cap 2" for
 * prefix "CROWD cap"), or -1 when there is none. */
int loopback_log_max(const struct loopback *lb, const char *prefix);

#endif

/*
 * loopback.c - the C tests' handle on tests/server.py: a temporary
 * directory, the server process on 127.0.0.1, its request log.  Must never
 * leave the server running: it is killed on stop and exits by itself
 * after half an hour anyway.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hearsay/util.h"
#include "loopback.h"
#include "testlib.h"

/* Wait for the server to write its port: up to two minutes, for a
 * loaded machine (it takes a tenth of a second). */
static int
loopback_wait(struct loopback *lb, const char *portfile)
{
	int i;

	for (i = 0; i < 2400 && lb->port == 0; i++) {
		FILE *fp = fopen(portfile, "r");

		if (fp != NULL) {
			if (fscanf(fp, "%d", &lb->port) != 1)
				lb->port = 0;
			fclose(fp);
		}
		if (lb->port == 0)
			usleep(50000);
	}
	return lb->port > 0 ? 0 : -1;
}

int
loopback_start(struct loopback *lb)
{
	const char *top = getenv("top_srcdir");
	char *script, *portfile;
	int rc;

	memset(lb, 0, sizeof *lb);
	/* A proxy from the environment must not take loopback requests. */
	setenv("no_proxy", "127.0.0.1", 1);
	setenv("NO_PROXY", "127.0.0.1", 1);
	lb->dir = testlib_tmpdir("loopback");
	if (lb->dir == NULL)
		return -1;
	lb->root = xprintf("%s/root", lb->dir);
	lb->log = xprintf("%s/requests.log", lb->dir);
	lb->gate = xprintf("%s/gate", lb->dir);
	mkdir(lb->root, 0700);
	mkdir(lb->gate, 0700);
	script = xprintf("%s/tests/server.py", top != NULL ? top :
	    HEARSAY_SRCDIR);
	portfile = xprintf("%s/port", lb->dir);
	if (access(script, R_OK) != 0) {
		fprintf(stderr, "loopback: no %s\n", script);
		rc = -1;
		goto out;
	}
	lb->pid = fork();
	if (lb->pid == 0) {
		execlp("python3", "python3", script, "--port-file", portfile,
		    "--root", lb->root, "--log", lb->log, "--gate-dir",
		    lb->gate, "--timeout", "1800", (char *)NULL);
		_exit(127);
	}
	rc = lb->pid > 0 ? loopback_wait(lb, portfile) : -1;
	if (rc == -1)
		fprintf(stderr, "loopback: the server did not start\n");
out:
	free(script);
	free(portfile);
	return rc;
}

void
loopback_stop(struct loopback *lb)
{
	if (lb->pid > 0) {
		kill(lb->pid, SIGTERM);
		waitpid(lb->pid, NULL, 0);
		lb->pid = 0;
	}
	testlib_rmtree(lb->dir);
	free(lb->dir);
	free(lb->root);
	free(lb->log);
	free(lb->gate);
	memset(lb, 0, sizeof *lb);
}

char *
loopback_url(const struct loopback *lb, const char *path)
{
	return xprintf("http://127.0.0.1:%d%s", lb->port, path);
}

void
loopback_put(const struct loopback *lb, const char *name, const char *data,
    size_t len)
{
	char *path = xprintf("%s/%s", lb->root, name);
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fwrite(data, 1, len, fp) != len)
		fatal("cannot write %s", path);
	fclose(fp);
	free(path);
}

int
loopback_log_count(const struct loopback *lb, const char *line)
{
	char buf[4096];
	FILE *fp = fopen(lb->log, "r");
	int n = 0;

	if (fp == NULL)
		return -1;
	while (fgets(buf, sizeof buf, fp) != NULL) {
		buf[strcspn(buf, "\n")] = '\0';
		if (strcmp(buf, line) == 0)
			n++;
	}
	fclose(fp);
	return n;
}

void
loopback_gate_open(const struct loopback *lb, const char *name)
{
	char *path = xprintf("%s/%s", lb->gate, name);
	FILE *fp = fopen(path, "w");

	if (fp == NULL)
		fatal("cannot open the gate %s", path);
	fclose(fp);
	free(path);
}

int
loopback_log_max(const struct loopback *lb, const char *prefix)
{
	char buf[4096];
	FILE *fp = fopen(lb->log, "r");
	size_t len = strlen(prefix);
	int n, max = -1;

	if (fp == NULL)
		return -1;
	while (fgets(buf, sizeof buf, fp) != NULL) {
		if (strncmp(buf, prefix, len) == 0 && buf[len] == ' ' &&
		    sscanf(buf + len + 1, "%d", &n) == 1 && n > max)
			max = n;
	}
	fclose(fp);
	return max;
}

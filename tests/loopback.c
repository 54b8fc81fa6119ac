/*
 * loopback.c - the C tests' handle on tests/server.py: a temporary
 * directory, the server process on 127.0.0.1, its request log.  Must never
 * leave the server running: it is killed on stop and exits by itself
 * after 90 seconds anyway.
 */
#include "config.h"

#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hearsay/util.h"
#include "loopback.h"

static int
loopback_rm(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Wait up to ten seconds for the server to write its port. */
static int
loopback_wait(struct loopback *lb, const char *portfile)
{
	int i;

	for (i = 0; i < 200 && lb->port == 0; i++) {
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
	snprintf(lb->dir, sizeof lb->dir, "/tmp/hearsay-test.XXXXXX");
	if (mkdtemp(lb->dir) == NULL)
		return -1;
	lb->root = xprintf("%s/root", lb->dir);
	lb->log = xprintf("%s/requests.log", lb->dir);
	mkdir(lb->root, 0700);
	script = xprintf("%s/tests/server.py", top != NULL ? top : TOP_SRCDIR);
	portfile = xprintf("%s/port", lb->dir);
	if (access(script, R_OK) != 0) {
		fprintf(stderr, "loopback: no %s\n", script);
		rc = -1;
		goto out;
	}
	lb->pid = fork();
	if (lb->pid == 0) {
		execlp("python3", "python3", script, "--port-file", portfile,
		    "--root", lb->root, "--log", lb->log, "--timeout", "90",
		    (char *)NULL);
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
	if (lb->dir[0] != '\0')
		nftw(lb->dir, loopback_rm, 16, FTW_DEPTH | FTW_PHYS);
	xfree(lb->root);
	xfree(lb->log);
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

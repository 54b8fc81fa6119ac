/*
 * fetch.c - many HTTP(S) and file transfers at once, done by the helper
 * program hearsay-fetch (fetch_helper.c, over libcurl) and reported here
 * through the callback of fetch.h.
 *
 * hearsay does not link libcurl (fetch_int.h says why, and the protocol):
 * fetch_new() starts the helper with one end of a socket pair, requests go
 * out and results come back as messages, and fetch_step() waits on the
 * socket and the caller's descriptor at once, so the reader's loop stays
 * one loop.  Must never block on the helper (its socket is written only
 * when poll says it can take more), never let it write to the terminal,
 * and never lose a request: a helper that cannot be started, speaks
 * another protocol or dies answers every request still open with an
 * error saying so.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fetch_int.h"
#include "hearsay/buf.h"
#include "hearsay/fetch.h"
#include "hearsay/paths.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

extern char **environ;

/* A request sent and not answered yet. */
struct fetch_open {
	long long id;
	void	*arg;
	char	*url;
};

struct fetch {
	struct fetch_opts opts;
	char	*user_agent;	/* opts.user_agent's copy */
	fetch_done_fn done;
	void	*cb_arg;
	pid_t	 pid;		/* the helper, or -1 */
	int	 fd;		/* our end of the socket, or -1 */
	int	 greeted;	/* the helper said hello in our protocol */
	char	*broken;	/* why there is no helper to ask, or NULL */
	struct buf out;		/* bytes for the helper not sent yet */
	size_t	 out_sent;	/* of them, sent already */
	unsigned char head[4];	/* the message being received: its head */
	size_t	 head_have;
	char	*msg;		/* ... and its body (one spare byte) */
	size_t	 msg_len, msg_have;
	struct fetch_open *open;
	size_t	 n_open, cap_open;
	long long next_id;
};

void
fetch_opts_default(struct fetch_opts *opts)
{
	memset(opts, 0, sizeof *opts);
	opts->max_parallel = 16;
	opts->max_per_host = 2;
	opts->connect_timeout = 15;
	opts->total_timeout = 60;
	opts->low_speed_limit = 64;
	opts->low_speed_time = 20;
	opts->max_body = (size_t)32 * 1024 * 1024;
	opts->max_redirects = 5;
	opts->user_agent = NULL;
}

char *
fetch_charset(const char *content_type)
{
	const char *p, *end;
	size_t len;

	if (content_type == NULL)
		return NULL;
	for (p = strchr(content_type, ';'); p != NULL; p = strchr(p + 1, ';')) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (ascii_ncasecmp(p, "charset=", 8) == 0)
			break;
	}
	if (p == NULL)
		return NULL;
	p += 8;
	if (*p == '"')
		p++;
	end = p + strcspn(p, "\"; \t");
	len = (size_t)(end - p);
	if (len == 0 || len > 40 || strspn(p, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:+") < len)
		return NULL;
	return xstrndup(p, len);
}

/* Where hearsay-fetch is: $HEARSAY_FETCH_HELPER (the build tree's tests
 * set it), else beside the running program (the build tree), else where
 * `make install` put it.  New string. */
static char *
fetch_helper_path(void)
{
	return paths_program("HEARSAY_FETCH_HELPER", "hearsay-fetch",
	    PKGLIBEXECDIR);
}

/* Start the helper on one end of a socket pair; 0, or -1 with f->broken
 * saying why. */
static int
fetch_spawn(struct fetch *f)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none;
	char *path = fetch_helper_path(), *argv[2];
	int sv[2], rc;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		f->broken = xprintf("cannot start %s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, sv[1], STDIN_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null",
	    O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null",
	    O_WRONLY, 0);
	posix_spawnattr_init(&attr);
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&attr, &none);
	/* Its own process group: the terminal's ^C is for hearsay, which
	 * ends the helper itself. */
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
	    POSIX_SPAWN_SETPGROUP);
	argv[0] = path;
	argv[1] = NULL;
	rc = posix_spawn(&f->pid, path, &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(sv[1]);
	if (rc != 0) {
		f->broken = xprintf("cannot start %s: %s", path, strerror(rc));
		close(sv[0]);
		f->pid = -1;
		free(path);
		return -1;
	}
	free(path);
	f->fd = sv[0];
	fcntl(f->fd, F_SETFL, fcntl(f->fd, F_GETFL) | O_NONBLOCK);
	return 0;
}

/* Queue the message in b for the helper. */
static void
fetch_queue_msg(struct fetch *f, const struct buf *b)
{
	buf_add(&f->out, b->data, b->len);
}

struct fetch *
fetch_new(const struct fetch_opts *opts, fetch_done_fn done, void *cb_arg)
{
	struct fetch *f = xcalloc(1, sizeof *f);
	struct buf b = BUF_INIT;

	if (opts != NULL)
		f->opts = *opts;
	else
		fetch_opts_default(&f->opts);
	if (f->opts.max_body == 0)
		f->opts.max_body = (size_t)32 * 1024 * 1024;
	if (f->opts.max_body > FETCH_WIRE_MAX - FETCH_WIRE_OVERHEAD)
		f->opts.max_body = FETCH_WIRE_MAX - FETCH_WIRE_OVERHEAD;
	if (f->opts.user_agent != NULL)
		f->opts.user_agent = f->user_agent = xstrdup(f->opts.user_agent);
	f->done = done;
	f->cb_arg = cb_arg;
	f->pid = -1;
	f->fd = -1;
	buf_init(&f->out, 0);
	buf_add(&f->out, "", 0);
	if (fetch_spawn(f) == -1)
		return f;
	fetch_wire_begin(&b, 'O');
	fetch_wire_num(&b, 'P', f->opts.max_parallel);
	fetch_wire_num(&b, 'H', f->opts.max_per_host);
	fetch_wire_num(&b, 'C', f->opts.connect_timeout);
	fetch_wire_num(&b, 'T', f->opts.total_timeout);
	fetch_wire_num(&b, 'L', f->opts.low_speed_limit);
	fetch_wire_num(&b, 'S', f->opts.low_speed_time);
	fetch_wire_num(&b, 'B', (long long)f->opts.max_body);
	fetch_wire_num(&b, 'R', f->opts.max_redirects);
	fetch_wire_str(&b, 'A', f->opts.user_agent);
	fetch_wire_end(&b);
	fetch_queue_msg(f, &b);
	buf_free(&b);
	return f;
}

/* Close the conversation and reap the helper. */
static void
fetch_hangup(struct fetch *f)
{
	int status;

	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	if (f->pid > 0) {
		kill(f->pid, SIGTERM);
		while (waitpid(f->pid, &status, 0) == -1 && errno == EINTR)
			;
	}
	f->pid = -1;
	free(f->msg);
	f->msg = NULL;
	f->head_have = f->msg_have = 0;
}

/* The helper can answer no more: why (owned), and the end of it. */
static void
fetch_break(struct fetch *f, char *why)
{
	if (f->broken != NULL)
		free(why);
	else
		f->broken = why;
	fetch_hangup(f);
}

/* The helper closed its end: it is exiting, or has.  Wait a moment (up
 * to a second) for it, to say how it ended. */
static void
fetch_ended(struct fetch *f)
{
	int status, tries;

	for (tries = 0; f->pid > 0 && tries < 100; tries++) {
		if (waitpid(f->pid, &status, WNOHANG) == f->pid) {
			f->pid = -1;
			if (WIFSIGNALED(status)) {
				fetch_break(f, xprintf("hearsay-fetch was killed "
				    "by signal %d", WTERMSIG(status)));
				return;
			}
			fetch_break(f, xprintf("hearsay-fetch ended (exit "
			    "status %d)", WIFEXITED(status) ?
			    WEXITSTATUS(status) : -1));
			return;
		}
		usleep(10000);
	}
	fetch_break(f, xstrdup("hearsay-fetch closed the connection"));
}

void
fetch_free(struct fetch *f)
{
	size_t i;

	if (f == NULL)
		return;
	fetch_hangup(f);
	for (i = 0; i < f->n_open; i++)
		free(f->open[i].url);
	free(f->open);
	buf_free(&f->out);
	free(f->broken);
	free(f->user_agent);
	free(f);
}

void
fetch_add(struct fetch *f, const struct fetch_request *req)
{
	struct fetch_open *o;
	struct buf b = BUF_INIT;

	if (f->n_open == f->cap_open) {
		f->cap_open = f->cap_open ? f->cap_open * 2 : 64;
		f->open = xreallocarray(f->open, f->cap_open, sizeof *f->open);
	}
	o = &f->open[f->n_open++];
	o->id = f->next_id++;
	o->arg = req->arg;
	o->url = xstrdup(req->url);
	if (f->broken != NULL)
		return;		/* answered by the next fetch_step() */
	fetch_wire_begin(&b, 'Q');
	fetch_wire_num(&b, 'I', o->id);
	fetch_wire_str(&b, 'U', req->url);
	fetch_wire_str(&b, 'E', req->etag);
	fetch_wire_str(&b, 'M', req->last_modified);
	if (req->method != NULL && strcmp(req->method, "POST") == 0) {
		fetch_wire_str(&b, 'X', "POST");
		fetch_wire_bytes(&b, 'D', req->body != NULL ? req->body : "",
		    req->body != NULL ? req->body_len : 0);
		fetch_wire_str(&b, 'T', req->content_type);
	}
	fetch_wire_end(&b);
	fetch_queue_msg(f, &b);
	buf_free(&b);
}

size_t
fetch_pending(const struct fetch *f)
{
	return f->n_open;
}

/* Answer open request i (taken out of the table first, as the callback
 * may add more) with r, its arg and url filled in here. */
static void
fetch_answer(struct fetch *f, size_t i, struct fetch_result *r)
{
	struct fetch_open o = f->open[i];

	f->open[i] = f->open[--f->n_open];
	r->arg = o.arg;
	r->url = o.url;
	if (r->effective_url == NULL)
		r->effective_url = o.url;
	f->done(r, f->cb_arg);
	free(o.url);
}

/* Every open request answered with the reason there is no helper. */
static void
fetch_fail_open(struct fetch *f)
{
	struct fetch_result r;

	while (f->n_open > 0) {
		memset(&r, 0, sizeof r);
		r.error = f->broken;
		fetch_answer(f, f->n_open - 1, &r);
	}
}

/* One message from the helper. */
static void
fetch_message(struct fetch *f, char *p, size_t len)
{
	struct fetch_wire_msg m;
	struct fetch_result r;
	long long id;
	size_t i;

	if (fetch_wire_parse(p, len, &m) == -1) {
		fetch_break(f, xstrdup("hearsay-fetch sent a malformed message"));
		return;
	}
	if (!f->greeted) {
		if (m.type != 'H' || m.field['V'] == NULL ||
		    strcmp(m.field['V'], FETCH_WIRE_VERSION) != 0)
			fetch_break(f, xstrdup("hearsay-fetch is of another "
			    "version than hearsay"));
		f->greeted = 1;
		return;
	}
	id = fetch_wire_get_num(&m, 'I', -1);
	for (i = 0; i < f->n_open && f->open[i].id != id; i++)
		;
	if (m.type != 'R' || i == f->n_open) {
		fetch_break(f, xstrdup("hearsay-fetch answered no question"));
		return;
	}
	memset(&r, 0, sizeof r);
	r.status = (long)fetch_wire_get_num(&m, 's', 0);
	r.not_modified = fetch_wire_get_num(&m, 'n', 0) != 0;
	r.error = m.field['e'];
	r.body = m.field['b'];
	r.body_len = m.len['b'];
	r.content_type = m.field['t'];
	r.charset = m.field['c'];
	r.etag = m.field['E'];
	r.last_modified = m.field['M'];
	r.effective_url = m.field['f'];
	r.moved_to = m.field['m'];
	r.redirects = (int)fetch_wire_get_num(&m, 'r', 0);
	fetch_answer(f, i, &r);
}

/* Read what the helper sent, without waiting, and act on each whole
 * message. */
static void
fetch_receive(struct fetch *f)
{
	ssize_t n;
	char *msg;

	while (f->fd >= 0) {
		if (f->head_have < 4) {
			n = recv(f->fd, f->head + f->head_have,
			    4 - f->head_have, MSG_DONTWAIT);
		} else {
			n = recv(f->fd, f->msg + f->msg_have,
			    f->msg_len - f->msg_have, MSG_DONTWAIT);
		}
		if (n == 0 || (n == -1 && errno != EAGAIN &&
		    errno != EWOULDBLOCK && errno != EINTR)) {
			fetch_ended(f);
			return;
		}
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (f->head_have < 4) {
			f->head_have += (size_t)n;
			if (f->head_have < 4)
				continue;
			f->msg_len = fetch_wire_length(f->head);
			if (f->msg_len > f->opts.max_body + FETCH_WIRE_OVERHEAD) {
				fetch_break(f, xstrdup("hearsay-fetch sent a "
				    "message too long"));
				return;
			}
			f->msg = xmalloc(f->msg_len + 1);
			f->msg_have = 0;
		} else {
			f->msg_have += (size_t)n;
		}
		if (f->head_have == 4 && f->msg_have == f->msg_len) {
			msg = f->msg;
			f->msg = NULL;
			f->head_have = 0;
			fetch_message(f, msg, f->msg_len);
			free(msg);
		}
	}
}

/* Send what the helper can take now. */
static void
fetch_send(struct fetch *f)
{
	ssize_t n;

	while (f->fd >= 0 && f->out_sent < f->out.len) {
		n = send(f->fd, f->out.data + f->out_sent,
		    f->out.len - f->out_sent, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n > 0) {
			f->out_sent += (size_t)n;
		} else if (n == -1 && errno == EINTR) {
			continue;
		} else if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			return;
		} else if (n == -1 && (errno == EPIPE || errno == ECONNRESET)) {
			fetch_ended(f);
			return;
		} else {
			fetch_break(f, xprintf("cannot write to hearsay-fetch: %s",
			    strerror(errno)));
			return;
		}
	}
	if (f->out_sent == f->out.len) {
		buf_reset(&f->out);
		f->out_sent = 0;
	}
}

int
fetch_step(struct fetch *f, int timeout_ms, int extra_fd, int *extra_ready)
{
	struct pollfd pfd[2];
	int n = 0, extra = -1, rc;

	if (extra_ready != NULL)
		*extra_ready = 0;
	if (f->broken != NULL)
		fetch_fail_open(f);
	if (extra_fd < 0 && fetch_pending(f) == 0)
		return 0;	/* nothing to wait for */
	fetch_send(f);
	if (f->fd >= 0) {
		pfd[n].fd = f->fd;
		pfd[n].events = POLLIN | (f->out.len > f->out_sent ? POLLOUT : 0);
		pfd[n++].revents = 0;
	}
	if (extra_fd >= 0) {
		extra = n;
		pfd[n].fd = extra_fd;
		pfd[n].events = POLLIN;
		pfd[n++].revents = 0;
	}
	if (n == 0)
		return 0;
	rc = poll(pfd, (nfds_t)n, timeout_ms);
	if (rc == -1 && errno != EINTR)
		return -1;
	if (extra_ready != NULL && extra >= 0 && rc > 0)
		*extra_ready = (pfd[extra].revents & (POLLIN | POLLHUP)) != 0;
	if (rc > 0 && f->fd >= 0 && pfd[0].fd == f->fd) {
		if (pfd[0].revents & POLLOUT)
			fetch_send(f);
		if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))
			fetch_receive(f);
	}
	if (f->broken != NULL)
		fetch_fail_open(f);
	return 0;
}

int
fetch_run(struct fetch *f)
{
	while (fetch_pending(f) > 0) {
		if (fetch_step(f, 1000, -1, NULL) == -1)
			return -1;
	}
	return 0;
}

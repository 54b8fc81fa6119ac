/*
 * fetch_helper.c - hearsay-fetch, the program that does hearsay's
 * transfers: it links libcurl so that hearsay need not (see fetch_int.h
 * for why, and for the protocol it speaks on its standard input, one end
 * of a socket pair fetch.c made).
 *
 * A thin loop around the engine of fetch_curl.c: requests in, results
 * out, until hearsay closes its end.  Must never print (its standard
 * output and error are /dev/null, and hearsay's screen may be curses') and
 * never outlive the hearsay that started it.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fetch_int.h"
#include "hearsay/buf.h"
#include "hearsay/util.h"

/* The conversation: the socket, what came in and is not read yet. */
struct helper {
	int	 fd;
	struct fetch_curl *engine;
	struct buf in;		/* bytes received, messages not yet taken */
	struct buf out;		/* the message being written */
	size_t	 max_msg;
	char	*user_agent;	/* the options' copy, the engine's to use */
	int	 done;		/* hearsay is gone, or spoke nonsense */
};

/* Send one finished transfer back (the engine's callback). */
static void
helper_result(const struct fetch_result *r, void *arg)
{
	struct helper *h = arg;
	struct buf *b = &h->out;

	fetch_wire_begin(b, 'R');
	fetch_wire_num(b, 'I', (long long)(uintptr_t)r->arg);
	fetch_wire_num(b, 's', r->status);
	fetch_wire_num(b, 'n', r->not_modified);
	fetch_wire_str(b, 'e', r->error);
	if (r->body != NULL)
		fetch_wire_bytes(b, 'b', r->body, r->body_len);
	fetch_wire_str(b, 't', r->content_type);
	fetch_wire_str(b, 'c', r->charset);
	fetch_wire_str(b, 'E', r->etag);
	fetch_wire_str(b, 'M', r->last_modified);
	fetch_wire_str(b, 'f', r->effective_url);
	fetch_wire_str(b, 'm', r->moved_to);
	fetch_wire_num(b, 'r', r->redirects);
	fetch_wire_end(b);
	if (fetch_wire_send_all(h->fd, b->data, b->len) == -1)
		h->done = 1;
	buf_reset(b);
}

/* The options message: the engine is made from it. */
static int
helper_options(struct helper *h, const struct fetch_wire_msg *m)
{
	struct fetch_opts o;

	fetch_opts_default(&o);
	o.max_parallel = (int)fetch_wire_get_num(m, 'P', o.max_parallel);
	o.max_per_host = (int)fetch_wire_get_num(m, 'H', o.max_per_host);
	o.connect_timeout = (long)fetch_wire_get_num(m, 'C', o.connect_timeout);
	o.total_timeout = (long)fetch_wire_get_num(m, 'T', o.total_timeout);
	o.low_speed_limit = (long)fetch_wire_get_num(m, 'L', o.low_speed_limit);
	o.low_speed_time = (long)fetch_wire_get_num(m, 'S', o.low_speed_time);
	o.max_body = (size_t)fetch_wire_get_num(m, 'B', (long long)o.max_body);
	o.max_redirects = (int)fetch_wire_get_num(m, 'R', o.max_redirects);
	if (o.max_body > FETCH_WIRE_MAX - FETCH_WIRE_OVERHEAD)
		o.max_body = FETCH_WIRE_MAX - FETCH_WIRE_OVERHEAD;
	/* The engine keeps the user agent's pointer: a copy that lives as
	 * long as it does. */
	if (m->field['A'] != NULL)
		h->user_agent = xstrdup(m->field['A']);
	o.user_agent = h->user_agent;
	h->engine = fetch_curl_new(&o, helper_result, h);
	return 0;
}

/* One message from hearsay. */
static int
helper_message(struct helper *h, const struct fetch_wire_msg *m)
{
	struct fetch_request req;
	long long id;

	if (h->engine == NULL)
		return m->type == 'O' ? helper_options(h, m) : -1;
	if (m->type != 'Q' || m->field['U'] == NULL ||
	    (id = fetch_wire_get_num(m, 'I', -1)) < 0)
		return -1;
	memset(&req, 0, sizeof req);
	req.url = m->field['U'];
	req.etag = m->field['E'];
	req.last_modified = m->field['M'];
	if (m->field['X'] != NULL) {
		if (strcmp(m->field['X'], "POST") != 0 || m->field['D'] == NULL)
			return -1;
		req.method = m->field['X'];
		req.body = m->field['D'];
		req.body_len = m->len['D'];
		req.content_type = m->field['T'];
	}
	req.arg = (void *)(uintptr_t)id;
	fetch_curl_add(h->engine, &req);
	return 0;
}

/* Take every whole message received so far. */
static void
helper_take(struct helper *h)
{
	struct fetch_wire_msg m;
	size_t at = 0, n;
	char *p, spare;

	while (!h->done && h->in.len - at >= 4) {
		p = h->in.data + at;
		n = fetch_wire_length((const unsigned char *)p);
		if (n > h->max_msg) {
			h->done = 1;
			break;
		}
		if (h->in.len - at - 4 < n)
			break;
		/* The spare byte the parser may write is the next message's
		 * first, or the buffer's NUL: saved and put back. */
		spare = p[4 + n];
		if (fetch_wire_parse(p + 4, n, &m) == -1 ||
		    helper_message(h, &m) == -1)
			h->done = 1;
		p[4 + n] = spare;
		at += 4 + n;
	}
	if (at > 0) {
		memmove(h->in.data, h->in.data + at, h->in.len - at);
		h->in.len -= at;
		h->in.data[h->in.len] = '\0';
	}
}

/* Read what hearsay sent, without waiting; EOF ends the conversation. */
static void
helper_read(struct helper *h)
{
	char chunk[16384];
	ssize_t n;

	for (;;) {
		n = recv(h->fd, chunk, sizeof chunk, MSG_DONTWAIT);
		if (n > 0) {
			if (buf_add(&h->in, chunk, (size_t)n) == -1) {
				h->done = 1;
				return;
			}
			continue;
		}
		if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK &&
		    errno != EINTR))
			h->done = 1;
		break;
	}
	helper_take(h);
}

int
main(void)
{
	struct helper h;
	struct buf hello = BUF_INIT;
	int ready;

	signal(SIGPIPE, SIG_IGN);
	memset(&h, 0, sizeof h);
	h.fd = STDIN_FILENO;
	h.max_msg = FETCH_WIRE_MAX;
	buf_init(&h.in, FETCH_WIRE_MAX + 16384);
	buf_add(&h.in, "", 0);
	buf_init(&h.out, FETCH_WIRE_MAX);
	fetch_wire_begin(&hello, 'H');
	fetch_wire_str(&hello, 'V', FETCH_WIRE_VERSION);
	fetch_wire_end(&hello);
	if (fetch_wire_send_all(h.fd, hello.data, hello.len) == -1)
		return 1;
	buf_free(&hello);
	while (!h.done) {
		if (h.engine == NULL) {
			/* Nothing to run yet: wait for the options. */
			if (fetch_wire_wait(h.fd) == -1)
				break;
			helper_read(&h);
			continue;
		}
		if (fetch_curl_step(h.engine, 1000, h.fd, &ready) == -1)
			break;
		if (ready)
			helper_read(&h);
	}
	/* hearsay is gone: drop every transfer. */
	fetch_curl_free(h.engine);
	free(h.user_agent);
	buf_free(&h.in);
	buf_free(&h.out);
	return 0;
}

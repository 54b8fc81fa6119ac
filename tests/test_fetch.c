/*
 * test_fetch.c - the transfer engine against the real loopback server in
 * tests/server.py: conditional GET, redirects, errors, timeouts, decoding,
 * the decoded-size cap, hostile headers, file:// and the per-host cap.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "hearsay/fetch.h"
#include "hearsay/util.h"
#include "loopback.h"

#define FEED \
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" \
	"<rss version=\"2.0\"><channel><title>Loopback Gazette</title>\n" \
	"<item><title>Council votes on the bridge</title>" \
	"<link>http://example.org/bridge</link></item>\n" \
	"</channel></rss>\n"

static struct loopback srv;

/* What the callback saw for one request, copied out. */
struct got {
	int	 done;
	long	 status;
	int	 not_modified;
	int	 redirects;
	char	*error;
	char	*body;
	size_t	 body_len;
	char	*content_type;
	char	*charset;
	char	*etag;
	char	*last_modified;
	char	*effective_url;
	char	*moved_to;
};

static void
got_clear(struct got *g)
{
	free(g->error);
	free(g->body);
	free(g->content_type);
	free(g->charset);
	free(g->etag);
	free(g->last_modified);
	free(g->effective_url);
	free(g->moved_to);
	memset(g, 0, sizeof *g);
}

static void
collect(const struct fetch_result *r, void *cb_arg)
{
	struct got *g = r->arg;
	int *n_done = cb_arg;

	assert_int_equal(g->done, 0);
	g->done = 1;
	g->status = r->status;
	g->not_modified = r->not_modified;
	g->redirects = r->redirects;
	g->error = xstrdup(r->error);
	if (r->body != NULL) {
		/* Byte for byte: a body may hold a NUL. */
		g->body = xmalloc(r->body_len + 1);
		memcpy(g->body, r->body, r->body_len);
		g->body[r->body_len] = '\0';
		g->body_len = r->body_len;
	}
	g->content_type = xstrdup(r->content_type);
	g->charset = xstrdup(r->charset);
	g->etag = xstrdup(r->etag);
	g->last_modified = xstrdup(r->last_modified);
	g->effective_url = xstrdup(r->effective_url);
	g->moved_to = xstrdup(r->moved_to);
	if (n_done != NULL)
		(*n_done)++;
}

/* A URL on the test server.  Caller frees. */
static char *
url(const char *path)
{
	return loopback_url(&srv, path);
}

/* Options small enough for tests to fail fast. */
static void
test_opts(struct fetch_opts *o)
{
	fetch_opts_default(o);
	o->connect_timeout = 5;
	o->total_timeout = 10;
	o->low_speed_time = 5;
}

/* Fetch one path (a full URL when it has a scheme) into *g. */
static void
fetch_one(const struct fetch_opts *o, const char *path, const char *etag,
    const char *lm, struct got *g)
{
	struct fetch_request req = { NULL, etag, lm, g, NULL, NULL, 0, NULL };
	struct fetch *f = fetch_new(o, collect, NULL);
	char *u = strstr(path, "://") != NULL ? xstrdup(path) : url(path);

	memset(g, 0, sizeof *g);
	req.url = u;
	fetch_add(f, &req);
	assert_int_equal(fetch_pending(f), 1);
	assert_int_equal(fetch_run(f), 0);
	assert_int_equal(fetch_pending(f), 0);
	assert_true(g->done);
	fetch_free(f);
	free(u);
}

static int
log_count(const char *line)
{
	return loopback_log_count(&srv, line);
}

static int
server_start(void **state)
{
	char *big;

	(void)state;
	if (loopback_start(&srv) == -1)
		return -1;
	loopback_put(&srv, "feed.xml", FEED, strlen(FEED));
	big = xmalloc(300000);
	memset(big, ' ', 300000);
	memcpy(big, "<rss>", 5);
	loopback_put(&srv, "big.xml", big, 300000);
	free(big);
	return 0;
}

static int
server_stop(void **state)
{
	(void)state;
	loopback_stop(&srv);
	return 0;
}

static void
test_200_then_304(void **state)
{
	struct fetch_opts o;
	struct got g, g2, g3;

	(void)state;
	test_opts(&o);
	fetch_one(&o, "/feed.xml", NULL, NULL, &g);
	assert_null(g.error);
	assert_int_equal(g.status, 200);
	assert_false(g.not_modified);
	assert_string_equal(g.body, FEED);
	assert_int_equal(g.body_len, strlen(FEED));
	assert_string_equal(g.content_type, "application/xml");
	assert_null(g.charset);
	assert_non_null(g.etag);
	assert_non_null(g.last_modified);
	assert_null(g.moved_to);
	assert_int_equal(log_count("GET /feed.xml 304"), 0);

	/* The ETag sent back: 304, nothing to store. */
	fetch_one(&o, "/feed.xml", g.etag, g.last_modified, &g2);
	assert_null(g2.error);
	assert_int_equal(g2.status, 304);
	assert_true(g2.not_modified);
	assert_null(g2.body);
	assert_int_equal(log_count("GET /feed.xml 304"), 1);

	/* Last-Modified alone is enough too. */
	fetch_one(&o, "/feed.xml", NULL, g.last_modified, &g3);
	assert_true(g3.not_modified);
	assert_int_equal(log_count("GET /feed.xml 304"), 2);
	got_clear(&g3);

	/* A stale ETag gets the whole body again. */
	fetch_one(&o, "/feed.xml", "\"stale\"", NULL, &g3);
	assert_int_equal(g3.status, 200);
	assert_false(g3.not_modified);
	assert_string_equal(g3.body, FEED);
	got_clear(&g);
	got_clear(&g2);
	got_clear(&g3);
}

struct redirect_case {
	const char *path;
	const char *error;	/* substring of the error, NULL for success */
	const char *moved_to;	/* path on the server, or NULL */
	int	 redirects;
};

static const struct redirect_case redirect_cases[] = {
	{ "/redirect/301/feed.xml", NULL, "/feed.xml", 1 },
	{ "/redirect/308/feed.xml", NULL, "/feed.xml", 1 },
	{ "/redirect/302/feed.xml", NULL, NULL, 1 },
	{ "/redirect/307/feed.xml", NULL, NULL, 1 },
	/* Permanent, then temporary: the permanent hop is the new address. */
	{ "/redirect/301/redirect/302/feed.xml", NULL,
	    "/redirect/302/feed.xml", 2 },
	{ "/redirect/301/redirect/308/feed.xml", NULL, "/feed.xml", 2 },
	/* Temporary first: the feed has not moved. */
	{ "/redirect/302/redirect/301/feed.xml", NULL, NULL, 2 },
	{ "/chain/5/feed.xml", NULL, NULL, 5 },
	{ "/chain/6/feed.xml", "more than 5 redirects", NULL, 0 },
	{ "/to-ftp/feed.xml", "not http or https", NULL, 0 },
	{ "/to-file/etc/passwd", "not http or https", NULL, 0 },
	/* A permanent redirect to an error is not reported as a move. */
	{ "/redirect/301/status/404", "HTTP 404", NULL, 1 },
};

static void
test_redirects(void **state)
{
	struct fetch_opts o;
	struct got g;
	size_t i;

	(void)state;
	test_opts(&o);
	for (i = 0; i < nitems(redirect_cases); i++) {
		const struct redirect_case *c = &redirect_cases[i];

		fetch_one(&o, c->path, NULL, NULL, &g);
		if (c->error == NULL) {
			assert_null(g.error);
			assert_int_equal(g.status, 200);
			assert_string_equal(g.body, FEED);
			assert_int_equal(g.redirects, c->redirects);
		} else {
			assert_non_null(g.error);
			assert_non_null(strstr(g.error, c->error));
			assert_null(g.body);
		}
		if (c->moved_to != NULL) {
			char *want = url(c->moved_to);

			assert_non_null(g.moved_to);
			assert_string_equal(g.moved_to, want);
			free(want);
		} else
			assert_null(g.moved_to);
		got_clear(&g);
	}
	/* The ftp and file targets were never requested from anywhere. */
	assert_int_equal(log_count("GET /to-ftp/feed.xml 302"), 1);
}

static void
test_http_errors_do_not_stop_others(void **state)
{
	static const char *paths[] = { "/status/404", "/feed.xml",
	    "/status/500", "/no-such-file.xml", "/gzip/feed.xml",
	    "/endless/500" };
	struct got g[nitems(paths)];
	struct fetch_opts o;
	struct fetch *f;
	char *u;
	size_t i;
	int n_done = 0;

	(void)state;
	test_opts(&o);
	f = fetch_new(&o, collect, &n_done);
	memset(g, 0, sizeof g);
	for (i = 0; i < nitems(paths); i++) {
		struct fetch_request req = { NULL, NULL, NULL, &g[i], NULL, NULL, 0, NULL };

		req.url = u = url(paths[i]);
		fetch_add(f, &req);
		free(u);
	}
	assert_int_equal(fetch_run(f), 0);
	fetch_free(f);
	assert_int_equal(n_done, nitems(paths));
	/* The reason phrase had an escape sequence in it: it is gone. */
	assert_string_equal(g[0].error, "HTTP 404 Bad [31mThing[0m");
	assert_int_equal(g[0].status, 404);
	assert_null(g[0].body);
	assert_string_equal(g[2].error, "HTTP 500 Bad [31mThing[0m");
	assert_int_equal(g[2].status, 500);
	assert_non_null(strstr(g[3].error, "HTTP 404"));
	assert_null(g[1].error);
	assert_string_equal(g[1].body, FEED);
	assert_null(g[4].error);
	assert_string_equal(g[4].body, FEED);
	/* An endless error page is not read to its (non-existent) end. */
	assert_string_equal(g[5].error, "HTTP 500 Internal Server Error");
	assert_null(g[5].body);
	for (i = 0; i < nitems(paths); i++)
		got_clear(&g[i]);
}

/* Each limit ends the transfer it is meant for, as its own error: the
 * server's answers never come in time (a request held until the end, a
 * body stalled for a minute), so what is asserted is which limit said
 * so, not how long it took. */
static void
test_timeouts(void **state)
{
	struct fetch_opts o;
	struct got g;

	(void)state;
	/* Total timeout: headers that never come, a body that stalls. */
	test_opts(&o);
	o.total_timeout = 1;
	fetch_one(&o, "/hold/never/feed.xml", NULL, NULL, &g);
	assert_non_null(g.error);
	assert_non_null(strstr(g.error, "timed out"));
	assert_null(g.body);
	got_clear(&g);

	fetch_one(&o, "/stall", NULL, NULL, &g);
	assert_non_null(g.error);
	assert_non_null(strstr(g.error, "timed out"));
	got_clear(&g);

	/* Low-speed limit: the stalled body is given up on as too slow, not
	 * by the total timeout. */
	test_opts(&o);
	o.total_timeout = 300;
	o.low_speed_limit = 1000;
	o.low_speed_time = 1;
	fetch_one(&o, "/stall", NULL, NULL, &g);
	assert_non_null(g.error);
	assert_non_null(strstr(g.error, "too slow"));
	got_clear(&g);

	/* A slow answer inside the limits is fine. */
	test_opts(&o);
	o.total_timeout = 300;
	fetch_one(&o, "/slow/300/feed.xml", NULL, NULL, &g);
	assert_null(g.error);
	assert_string_equal(g.body, FEED);
	got_clear(&g);
}

/* A port on the loopback address nothing listens on: bound, then
 * closed. */
static int
closed_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	assert_true(fd >= 0);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

/* The failures a user meets say what happened in words, naming the
 * host, and never "(HTTP 0)" or libcurl's code names. */
static void
test_error_words(void **state)
{
	struct fetch_opts o;
	struct got g;
	char *u;

	(void)state;
	test_opts(&o);
	u = xprintf("http://127.0.0.1:%d/feed.xml", closed_port());
	fetch_one(&o, u, NULL, NULL, &g);
	assert_string_equal(g.error, "connection refused by 127.0.0.1");
	assert_int_equal(g.status, 0);
	got_clear(&g);
	free(u);

	fetch_one(&o, "/hangup", NULL, NULL, &g);
	assert_string_equal(g.error,
	    "127.0.0.1 closed the connection without answering");
	got_clear(&g);

	fetch_one(&o, "/reset", NULL, NULL, &g);
	assert_non_null(g.error);
	/* A reset before any byte of the answer may read as either. */
	if (strcmp(g.error, "connection reset by 127.0.0.1") != 0)
		assert_string_equal(g.error,
		    "127.0.0.1 closed the connection without answering");
	got_clear(&g);

	/* Each limit is named with its value. */
	o.total_timeout = 1;
	fetch_one(&o, "/hold/never/feed.xml", NULL, NULL, &g);
	assert_string_equal(g.error, "timed out: not done within timeout (1 s)");
	got_clear(&g);
}

static void
test_encodings(void **state)
{
	static const char *paths[] = { "/gzip/feed.xml", "/deflate/feed.xml",
	    "/br/feed.xml" };
	struct fetch_opts o;
	struct got g;
	size_t i;

	(void)state;
	test_opts(&o);
	for (i = 0; i < nitems(paths); i++) {
		fetch_one(&o, paths[i], NULL, NULL, &g);
		assert_null(g.error);
		assert_string_equal(g.body, FEED);
		assert_int_equal(g.body_len, strlen(FEED));
		got_clear(&g);
	}
}

struct cap_case {
	const char *path;
	size_t	 max_body;
	int	 ok;
};

static const struct cap_case cap_cases[] = {
	/* 16 MiB of spaces in about 16 KiB of gzip. */
	{ "/bomb/16", 1024 * 1024, 0 },
	{ "/endless", 1024 * 1024, 0 },
	{ "/big.xml", 300000 - 1, 0 },
	{ "/big.xml", 300000, 1 },
	{ "/gzip/big.xml", 299999, 0 },
	{ "/gzip/big.xml", 300000, 1 },
};

static void
test_decoded_size_cap(void **state)
{
	struct fetch_opts o;
	struct got g;
	size_t i;

	(void)state;
	for (i = 0; i < nitems(cap_cases); i++) {
		const struct cap_case *c = &cap_cases[i];
		char *want;

		test_opts(&o);
		o.max_body = c->max_body;
		fetch_one(&o, c->path, NULL, NULL, &g);
		if (c->ok) {
			assert_null(g.error);
			assert_int_equal(g.body_len, 300000);
		} else {
			/* The error names the option, in MiB when it is. */
			want = c->max_body % (1024 * 1024) == 0 ?
			    xprintf("larger than max-feed-size (%zu MiB)",
			    c->max_body / (1024 * 1024)) :
			    xprintf("larger than max-feed-size (%zu bytes)",
			    c->max_body);
			assert_non_null(g.error);
			assert_string_equal(g.error, want);
			assert_null(g.body);
			free(want);
		}
		got_clear(&g);
	}
}

static void
test_file_urls(void **state)
{
	struct fetch_opts o;
	struct got g, g2;
	char *u, *changed;

	(void)state;
	test_opts(&o);
	u = xprintf("file://%s/feed.xml", srv.root);
	fetch_one(&o, u, NULL, NULL, &g);
	assert_null(g.error);
	assert_int_equal(g.status, 200);
	assert_false(g.not_modified);
	assert_string_equal(g.body, FEED);
	assert_non_null(g.last_modified);

	assert_non_null(g.etag);

	/* The file's time and size are its ETag: unchanged, not read... */
	fetch_one(&o, u, g.etag, NULL, &g2);
	assert_null(g2.error);
	assert_true(g2.not_modified);
	assert_int_equal(g2.status, 304);
	assert_null(g2.body);
	assert_string_equal(g2.etag, g.etag);
	got_clear(&g2);
	/* ...rewritten within the same second, read again. */
	changed = xstrdup(FEED);
	changed[strlen(changed) - 3] = 'X';
	loopback_put(&srv, "feed.xml", changed, strlen(changed));
	fetch_one(&o, u, g.etag, g.last_modified, &g2);
	assert_null(g2.error);
	assert_false(g2.not_modified);
	assert_string_equal(g2.body, changed);
	assert_string_not_equal(g2.etag, g.etag);
	got_clear(&g2);
	loopback_put(&srv, "feed.xml", FEED, strlen(FEED));
	free(changed);
	got_clear(&g);
	free(u);

	u = xprintf("file://%s/missing.xml", srv.root);
	fetch_one(&o, u, NULL, NULL, &g);
	assert_non_null(g.error);
	assert_null(g.body);
	got_clear(&g);
	free(u);

	/* Schemes other than http, https and file are refused outright. */
	fetch_one(&o, "ftp://127.0.0.1/feed.xml", NULL, NULL, &g);
	assert_non_null(g.error);
	got_clear(&g);
}

static void
test_hostile_headers(void **state)
{
	struct fetch_opts o;
	struct got g;

	(void)state;
	test_opts(&o);
	/* 75 KiB of junk, an ETag with an escape sequence, a binary line:
	 * the body still arrives, the unusable validator is dropped. */
	fetch_one(&o, "/junk-headers", NULL, NULL, &g);
	assert_null(g.error);
	assert_non_null(strstr(g.body, "<title>junk</title>"));
	assert_null(g.etag);
	assert_string_equal(g.last_modified, "Tue, 01 Sep 2026 10:00:00 GMT");
	got_clear(&g);

	/* 400 KiB of headers: refused, by libcurl or by us. */
	fetch_one(&o, "/huge-headers", NULL, NULL, &g);
	assert_non_null(g.error);
	assert_null(g.body);
	assert_null(strchr(g.error, '\x1b'));
	got_clear(&g);
}

static void
test_proxy_from_environment(void **state)
{
	struct fetch_opts o;
	struct got g;
	char *proxy;

	(void)state;
	test_opts(&o);
	proxy = loopback_url(&srv, "");
	setenv("http_proxy", proxy, 1);
	fetch_one(&o, "http://feeds.example.invalid/feed.xml", NULL, NULL, &g);
	unsetenv("http_proxy");
	free(proxy);
	assert_null(g.error);
	assert_string_equal(g.body, FEED);
	assert_int_equal(
	    log_count("GET http://feeds.example.invalid/feed.xml 200"), 1);
	got_clear(&g);
}

static void
test_user_agent_and_charset(void **state)
{
	struct fetch_opts o;
	struct got g;

	(void)state;
	test_opts(&o);
	fetch_one(&o, "/ua", NULL, NULL, &g);
	assert_string_equal(g.body, "hearsay/" PACKAGE_VERSION);
	got_clear(&g);

	fetch_one(&o, "/charset/ISO-8859-1/feed.xml", NULL, NULL, &g);
	assert_string_equal(g.content_type, "application/xml; charset=ISO-8859-1");
	assert_string_equal(g.charset, "ISO-8859-1");
	got_clear(&g);
}

/* A POST carries its body and content type, byte for byte (a NUL
 * included), and takes no conditional headers of a feed's GET. */
static void
test_post(void **state)
{
	static const char body[] = "{\"op\":\"login\",\"a\":\"\0b\"}";
	struct fetch_request req;
	struct fetch_opts o;
	struct fetch *f;
	struct got g;
	char *u = url("/echo"), *want;

	(void)state;
	test_opts(&o);
	memset(&req, 0, sizeof req);
	memset(&g, 0, sizeof g);
	req.url = u;
	req.arg = &g;
	req.method = "POST";
	req.body = body;
	req.body_len = sizeof body - 1;
	req.content_type = "application/json";
	f = fetch_new(&o, collect, NULL);
	fetch_add(f, &req);
	assert_int_equal(fetch_run(f), 0);
	fetch_free(f);
	assert_null(g.error);
	assert_int_equal(g.status, 200);
	want = xprintf("POST application/json %zu\n", sizeof body - 1);
	assert_int_equal(g.body_len, strlen(want) + sizeof body - 1);
	assert_memory_equal(g.body, want, strlen(want));
	assert_memory_equal(g.body + strlen(want), body, sizeof body - 1);
	free(want);
	got_clear(&g);

	/* A request without a method is a GET, which /echo is not. */
	fetch_one(&o, "/echo", NULL, NULL, &g);
	assert_string_equal(g.error, "HTTP 404 Not Found");
	got_clear(&g);
	free(u);
}

struct charset_case {
	const char *content_type;
	const char *charset;
};

static const struct charset_case charset_cases[] = {
	{ "text/xml; charset=utf-8", "utf-8" },
	{ "text/xml;charset=\"windows-1252\"", "windows-1252" },
	{ "application/rss+xml; version=2; CharSet=KOI8-R ; x=y", "KOI8-R" },
	{ "text/xml", NULL },
	{ "text/xml; charset=", NULL },
	{ "text/xml; charset=\"utf-8\\\"; evil", NULL },
	{ "text/xml; charset=ab(c)", NULL },
	{ "text/xml; notcharset=utf-8", NULL },
	{ NULL, NULL },
};

static void
test_charset_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < nitems(charset_cases); i++) {
		char *cs = fetch_charset(charset_cases[i].content_type);

		if (charset_cases[i].charset == NULL)
			assert_null(cs);
		else
			assert_string_equal(cs, charset_cases[i].charset);
		free(cs);
	}
}

/* Six requests to one host, max_per_host at a time, each held by the
 * server's crowd NAME until WANT of them wait at once (or the test opens
 * the gate NAME).  Returns the most that waited at once, as the server
 * counted them. */
static int
crowd_batch(int per_host, const char *name, int want, int open_after)
{
	struct got g[6];
	struct fetch_opts o;
	struct fetch *f;
	char *u, *path, *prefix;
	size_t i;
	int n_done = 0, steps = 0, most;

	test_opts(&o);
	/* Held requests send nothing: no limit may end them meanwhile. */
	o.total_timeout = 600;
	o.low_speed_time = 600;
	o.max_per_host = per_host;
	f = fetch_new(&o, collect, &n_done);
	memset(g, 0, sizeof g);
	path = xprintf("/crowd/%s/%d/feed.xml", name, want);
	u = url(path);
	for (i = 0; i < nitems(g); i++) {
		struct fetch_request req = { u, NULL, NULL, &g[i], NULL, NULL, 0, NULL };

		fetch_add(f, &req);
	}
	free(u);
	free(path);
	prefix = xprintf("CROWD %s", name);
	while (fetch_pending(f) > 0) {
		assert_int_equal(fetch_step(f, 50, -1, NULL), 0);
		/* Once open_after wait, twenty more steps give any request
		 * over the cap the time to arrive; then the gate opens. */
		if (open_after > 0 && steps < 20 &&
		    loopback_log_max(&srv, prefix) >= open_after &&
		    ++steps == 20)
			loopback_gate_open(&srv, name);
	}
	fetch_free(f);
	assert_int_equal(n_done, 6);
	for (i = 0; i < nitems(g); i++) {
		assert_null(g[i].error);
		assert_string_equal(g[i].body, FEED);
		got_clear(&g[i]);
	}
	most = loopback_log_max(&srv, prefix);
	free(prefix);
	return most;
}

/* The per-host cap, counted by the server: with six allowed, all six
 * requests wait at once (the crowd lets them go only then); with two,
 * never a third beside them, though the crowd waits for three. */
static void
test_per_host_cap(void **state)
{
	(void)state;
	assert_int_equal(crowd_batch(6, "six", 6, 0), 6);
	assert_int_equal(crowd_batch(2, "two", 3, 2), 2);
}

static void
test_step_waits_on_extra_fd(void **state)
{
	struct fetch_opts o;
	struct fetch *f;
	struct got g;
	struct fetch_request req = { NULL, NULL, NULL, &g, NULL, NULL, 0, NULL };
	int fds[2], ready = -1, n_done = 0;
	char c;

	(void)state;
	test_opts(&o);
	assert_int_equal(pipe(fds), 0);
	f = fetch_new(&o, collect, &n_done);
	memset(&g, 0, sizeof g);

	/* Nothing to fetch: the step waits for the descriptor, readable
	 * already. */
	assert_int_equal(write(fds[1], "k", 1), 1);
	assert_int_equal(fetch_step(f, 5000, fds[0], &ready), 0);
	assert_int_equal(ready, 1);
	assert_int_equal(read(fds[0], &c, 1), 1);

	/* Nothing to read: the timeout passes. */
	assert_int_equal(fetch_step(f, 100, fds[0], &ready), 0);
	assert_int_equal(ready, 0);

	/* A transfer and the descriptor in one loop, as the reader does. */
	req.url = url("/slow/200/feed.xml");
	fetch_add(f, &req);
	free((char *)req.url);
	while (fetch_pending(f) > 0)
		assert_int_equal(fetch_step(f, 1000, fds[0], &ready), 0);
	assert_int_equal(n_done, 1);
	assert_string_equal(g.body, FEED);
	got_clear(&g);
	fetch_free(f);
	close(fds[0]);
	close(fds[1]);
}

/* Freed with transfers running and queued (the reader quits mid-way):
 * no callback, nothing leaked (the sanitizer build checks). */
static void
test_free_while_running(void **state)
{
	struct fetch_opts o;
	struct fetch *f;
	struct got g[5];
	char *u;
	size_t i;
	int n_done = 0;

	(void)state;
	test_opts(&o);
	o.max_parallel = 2;
	f = fetch_new(&o, collect, &n_done);
	memset(g, 0, sizeof g);
	/* Held by the server for good: none can finish meanwhile. */
	u = url("/hold/never/feed.xml");
	for (i = 0; i < nitems(g); i++) {
		struct fetch_request req = { u, "\"tag\"", NULL, &g[i], NULL, NULL, 0, NULL };

		fetch_add(f, &req);
	}
	free(u);
	assert_int_equal(fetch_step(f, 100, -1, NULL), 0);
	assert_int_equal(fetch_pending(f), nitems(g));
	fetch_free(f);
	assert_int_equal(n_done, 0);
}

static void
test_many_at_once(void **state)
{
	struct got g[60];
	struct fetch_opts o;
	struct fetch *f;
	char *u;
	size_t i;
	int n_done = 0;

	(void)state;
	test_opts(&o);
	f = fetch_new(&o, collect, &n_done);
	memset(g, 0, sizeof g);
	for (i = 0; i < nitems(g); i++) {
		struct fetch_request req = { NULL, NULL, NULL, &g[i], NULL, NULL, 0, NULL };

		req.url = u = url(i % 2 ? "/feed.xml" : "/gzip/feed.xml");
		fetch_add(f, &req);
		free(u);
	}
	assert_int_equal(fetch_pending(f), nitems(g));
	assert_int_equal(fetch_run(f), 0);
	fetch_free(f);
	assert_int_equal(n_done, nitems(g));
	for (i = 0; i < nitems(g); i++) {
		assert_string_equal(g[i].body, FEED);
		got_clear(&g[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_200_then_304),
		cmocka_unit_test(test_post),
		cmocka_unit_test(test_redirects),
		cmocka_unit_test(test_http_errors_do_not_stop_others),
		cmocka_unit_test(test_timeouts),
		cmocka_unit_test(test_error_words),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_decoded_size_cap),
		cmocka_unit_test(test_file_urls),
		cmocka_unit_test(test_hostile_headers),
		cmocka_unit_test(test_proxy_from_environment),
		cmocka_unit_test(test_user_agent_and_charset),
		cmocka_unit_test(test_charset_table),
		cmocka_unit_test(test_per_host_cap),
		cmocka_unit_test(test_step_waits_on_extra_fd),
		cmocka_unit_test(test_free_while_running),
		cmocka_unit_test(test_many_at_once),
	};

	return cmocka_run_group_tests(tests, server_start, server_stop);
}

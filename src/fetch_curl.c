/*
 * fetch_curl.c - many HTTP(S) and file transfers at once over libcurl's
 * multi interface, with our own queue so that no more than max_parallel
 * transfers run, no more than max_per_host against one host.  The engine
 * of hearsay-fetch (fetch_helper.c); hearsay reaches it through fetch.c.
 *
 * It hands back bodies and HTTP facts and nothing else: it must never know
 * about feeds or the store, never print, and never let a server's bytes
 * into a message without text_clean().  Decoded bodies are counted here,
 * in the write callback, because libcurl's own size limit sees only the
 * compressed bytes.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <curl/curl.h>

#include "fetch_int.h"
#include "hearsay/buf.h"
#include "hearsay/fetch.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

/* All the response headers of one transfer together (every hop). */
#define FETCH_MAX_HEADER_BYTES	((size_t)256 * 1024)
/* A validator or Content-Type longer than this is dropped, not cut. */
#define FETCH_MAX_HEADER_VALUE	((size_t)2048)
/* Reason phrases quoted in error messages are cut to this. */
#define FETCH_MAX_REASON	((size_t)120)

struct fetch_xfer {
	struct fetch_xfer *next;	/* in the queue */
	CURL		*easy;
	struct curl_slist *headers;
	char		*url;
	char		*host;		/* lower case; NULL: no per-host cap */
	int		 is_file;	/* a file:// URL */
	int		 file_unchanged; /* its ETag matched: not read */
	char		*etag_sent;
	char		*last_modified_sent;
	void		*arg;
	char		*post;		/* the body of a POST, or NULL */
	size_t		 post_len;
	char		*post_type;	/* its content type, or NULL */

	struct buf	 body;
	int		 too_big;	/* decoded body passed max_body */
	int		 error_page;	/* stopped reading a 4xx/5xx body */
	int		 headers_too_big;
	size_t		 header_bytes;
	long		 hop_status;	/* status of the response being read */
	char		*reason;	/* its reason phrase, raw */
	char		*etag;		/* of the response being read */
	char		*last_modified;
	char		*location;
	char		*cur_url;	/* URL of the response being read */
	int		 permanent;	/* every redirect so far was 301/308 */
	char		*moved_to;
	char		 errbuf[CURL_ERROR_SIZE];
};

struct fetch_curl {
	struct fetch_opts opts;
	CURLM		*multi;
	fetch_done_fn	 done;
	void		*cb_arg;
	struct fetch_xfer *queue;	/* waiting, in order */
	struct fetch_xfer *queue_tail;
	size_t		 n_queued;
	struct fetch_xfer **active;	/* max_parallel slots */
	size_t		 n_active;
};

/* Non-zero when s[0..len) is printable ASCII (a header value we keep). */
static int
fetch_printable(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return 0;
	}
	return 1;
}

/* The lower-cased host of an http(s) URL, or NULL (file://, unparsable). */
static char *
fetch_host(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL, *out = NULL, *p;

	if (u == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    *host != '\0') {
		out = xstrdup(host);
		for (p = out; *p != '\0'; p++) {
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		}
	}
	curl_free(host);
	curl_url_cleanup(u);
	return out;
}

/* ref resolved against base as libcurl will follow it, or NULL.  Caller
 * frees. */
static char *
fetch_resolve(const char *base, const char *ref)
{
	CURLU *u = curl_url();
	char *url = NULL, *out = NULL;

	if (u == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &url, 0) == CURLUE_OK)
		out = xstrdup(url);
	curl_free(url);
	curl_url_cleanup(u);
	return out;
}

/* t as an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT"), whatever the
 * locale, or NULL.  Caller frees. */
static char *
fetch_http_date(time_t t)
{
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		return NULL;
	return xprintf("%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday],
	    tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
}

/* The local path of a file:// URL, or NULL.  Caller frees. */
static char *
fetch_file_path(const char *url)
{
	CURLU *u = curl_url();
	char *path = NULL, *out = NULL;

	if (u == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE) == CURLUE_OK)
		out = xstrdup(path);
	curl_free(path);
	curl_url_cleanup(u);
	return out;
}

/* file:// has no validators of its own: we make an ETag of the file's
 * time (to the nanosecond: a whole-second Last-Modified would miss a
 * rewrite within the second) and size.  When it matches the one sent, the
 * file is not read and the transfer reports 304. */
static void
fetch_file_setup(struct fetch_xfer *x)
{
	char *path = fetch_file_path(x->url);
	struct stat sb;

	if (path == NULL || stat(path, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		free(path);
		return;		/* libcurl will say what is wrong */
	}
	free(path);
	free(x->etag);
	x->etag = xprintf("\"%lld.%09ld-%lld\"", (long long)sb.st_mtim.tv_sec,
	    (long)sb.st_mtim.tv_nsec, (long long)sb.st_size);
	free(x->last_modified);
	x->last_modified = fetch_http_date(sb.st_mtim.tv_sec);
	if (x->etag_sent != NULL && strcmp(x->etag_sent, x->etag) == 0) {
		x->file_unchanged = 1;
		curl_easy_setopt(x->easy, CURLOPT_NOBODY, 1L);
	}
}

/* The write callback: count and keep the decoded body, up to the cap. */
static size_t
fetch_write_cb(char *data, size_t size, size_t n, void *arg)
{
	struct fetch_xfer *x = arg;

	if (x->hop_status >= 400) {
		x->error_page = 1;
		return 0;	/* the status says it all: stop here */
	}
	if (buf_add(&x->body, data, n) == -1) {
		x->too_big = 1;
		return 0;	/* aborts the transfer with CURLE_WRITE_ERROR */
	}
	(void)size;	/* always 1 */
	return n;
}

/* A new status line: forget the previous response's headers. */
static void
fetch_status_line(struct fetch_xfer *x, const char *line, size_t len)
{
	const char *p = memchr(line, ' ', len), *end = line + len;
	long status = 0;

	while (p != NULL && p < end && *p == ' ')
		p++;
	while (p != NULL && p < end && *p >= '0' && *p <= '9' && status < 1000)
		status = status * 10 + (*p++ - '0');
	while (p != NULL && p < end && *p == ' ')
		p++;
	x->hop_status = status;
	xfree(x->reason);
	if (p != NULL && p < end)
		x->reason = xstrndup(p, (size_t)(end - p) < FETCH_MAX_REASON ?
		    (size_t)(end - p) : FETCH_MAX_REASON);
	xfree(x->etag);
	xfree(x->last_modified);
	xfree(x->location);
}

/* The end of one response's headers: follow the redirect in our books so a
 * chain of permanent ones can be reported as the feed's new address.
 * libcurl follows every 3xx but 304 that has a Location. */
static void
fetch_headers_end(struct fetch_xfer *x)
{
	char *next;

	if (x->hop_status < 300 || x->hop_status > 399 ||
	    x->hop_status == 304 || x->location == NULL)
		return;
	next = fetch_resolve(x->cur_url, x->location);
	if (next == NULL)
		return;
	if (x->permanent && (x->hop_status == 301 || x->hop_status == 308)) {
		free(x->moved_to);
		x->moved_to = xstrdup(next);
	} else
		x->permanent = 0;
	free(x->cur_url);
	x->cur_url = next;
}

/* Keep one "Name: value" header if we care about it. */
static void
fetch_header_field(struct fetch_xfer *x, const char *line, size_t len)
{
	static const struct {
		const char *name;
		size_t	 off;
	} fields[] = {
		{ "etag", offsetof(struct fetch_xfer, etag) },
		{ "last-modified", offsetof(struct fetch_xfer, last_modified) },
		{ "location", offsetof(struct fetch_xfer, location) },
	};
	const char *colon = memchr(line, ':', len), *v, *end = line + len;
	char **slot;
	size_t i, nlen;

	if (colon == NULL)
		return;		/* garbage: not a header */
	nlen = (size_t)(colon - line);
	for (v = colon + 1; v < end && (*v == ' ' || *v == '\t'); v++)
		;
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	for (i = 0; i < nitems(fields); i++) {
		if (strlen(fields[i].name) == nlen &&
		    ascii_ncasecmp(line, fields[i].name, nlen) == 0)
			break;
	}
	if (i == nitems(fields))
		return;
	slot = (char **)((char *)x + fields[i].off);
	xfree(*slot);
	/* A validator we would send back must be printable ASCII: anything
	 * else could smuggle a header into the next request. */
	if (end > v && (size_t)(end - v) <= FETCH_MAX_HEADER_VALUE &&
	    fetch_printable(v, (size_t)(end - v)))
		*slot = xstrndup(v, (size_t)(end - v));
}

/* The header callback: one header line per call, of any size or shape. */
static size_t
fetch_header_cb(char *data, size_t size, size_t n, void *arg)
{
	struct fetch_xfer *x = arg;
	size_t len = n;

	(void)size;	/* always 1 */
	x->header_bytes += n;
	if (x->header_bytes > FETCH_MAX_HEADER_BYTES) {
		x->headers_too_big = 1;
		return 0;
	}
	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	if (len >= 5 && memcmp(data, "HTTP/", 5) == 0)
		fetch_status_line(x, data, len);
	else if (len == 0)
		fetch_headers_end(x);
	else
		fetch_header_field(x, data, len);
	return n;
}

static void
fetch_xfer_free(struct fetch_xfer *x)
{
	if (x == NULL)
		return;
	if (x->easy != NULL)
		curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->headers);
	free(x->url);
	free(x->host);
	free(x->etag_sent);
	free(x->last_modified_sent);
	free(x->post);
	free(x->post_type);
	buf_free(&x->body);
	free(x->reason);
	free(x->etag);
	free(x->last_modified);
	free(x->location);
	free(x->cur_url);
	free(x->moved_to);
	free(x);
}

struct fetch_curl *
fetch_curl_new(const struct fetch_opts *opts, fetch_done_fn done, void *cb_arg)
{
	struct fetch_curl *f = xcalloc(1, sizeof *f);

	if (opts != NULL)
		f->opts = *opts;
	else
		fetch_opts_default(&f->opts);
	if (f->opts.max_parallel < 1)
		f->opts.max_parallel = 1;
	if (f->opts.max_per_host < 1)
		f->opts.max_per_host = 1;
	if (f->opts.max_body == 0)
		f->opts.max_body = (size_t)32 * 1024 * 1024;
	f->done = done;
	f->cb_arg = cb_arg;
	f->active = xcalloc((size_t)f->opts.max_parallel, sizeof *f->active);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		fatal("cannot initialise libcurl");
	f->multi = curl_multi_init();
	if (f->multi == NULL)
		fatal("cannot initialise libcurl");
	/* Our queue keeps the limits; these keep them across redirects. */
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)f->opts.max_per_host);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)f->opts.max_parallel);
	return f;
}

void
fetch_curl_free(struct fetch_curl *f)
{
	struct fetch_xfer *x, *next;
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n_active; i++) {
		curl_multi_remove_handle(f->multi, f->active[i]->easy);
		fetch_xfer_free(f->active[i]);
	}
	for (x = f->queue; x != NULL; x = next) {
		next = x->next;
		fetch_xfer_free(x);
	}
	curl_multi_cleanup(f->multi);
	curl_global_cleanup();
	free(f->active);
	free(f);
}

void
fetch_curl_add(struct fetch_curl *f, const struct fetch_request *req)
{
	struct fetch_xfer *x = xcalloc(1, sizeof *x);

	x->url = xstrdup(req->url);
	x->host = fetch_host(req->url);
	x->is_file = ascii_ncasecmp(req->url, "file:", 5) == 0;
	if (req->etag != NULL && fetch_printable(req->etag, strlen(req->etag)))
		x->etag_sent = xstrdup(req->etag);
	if (req->last_modified != NULL &&
	    fetch_printable(req->last_modified, strlen(req->last_modified)))
		x->last_modified_sent = xstrdup(req->last_modified);
	x->arg = req->arg;
	if (req->method != NULL && strcmp(req->method, "POST") == 0) {
		x->post_len = req->body != NULL ? req->body_len : 0;
		x->post = xmalloc(x->post_len + 1);
		if (x->post_len > 0)
			memcpy(x->post, req->body, x->post_len);
		if (req->content_type != NULL &&
		    fetch_printable(req->content_type, strlen(req->content_type)))
			x->post_type = xstrdup(req->content_type);
	}
	if (f->queue_tail != NULL)
		f->queue_tail->next = x;
	else
		f->queue = x;
	f->queue_tail = x;
	f->n_queued++;
}

size_t
fetch_curl_pending(const struct fetch_curl *f)
{
	return f->n_queued + f->n_active;
}

/* A POST: its body (the transfer's to keep until it ends) and content
 * type; a redirect makes it a GET, as browsers do (libcurl's default). */
static void
fetch_post_setup(struct fetch_xfer *x)
{
	char *h;

	curl_easy_setopt(x->easy, CURLOPT_POST, 1L);
	curl_easy_setopt(x->easy, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)x->post_len);
	curl_easy_setopt(x->easy, CURLOPT_POSTFIELDS, x->post);
	x->headers = curl_slist_append(x->headers, "Accept: */*");
	/* No "Expect: 100-continue": a round trip for nothing. */
	x->headers = curl_slist_append(x->headers, "Expect:");
	if (x->post_type != NULL) {
		h = xprintf("Content-Type: %s", x->post_type);
		x->headers = curl_slist_append(x->headers, h);
		free(h);
	}
}

/* Set up x's easy handle: every limit and protocol rule lives here. */
static void
fetch_xfer_setup(struct fetch_curl *f, struct fetch_xfer *x)
{
	const struct fetch_opts *o = &f->opts;
	CURL *e;

	buf_init(&x->body, o->max_body);
	x->cur_url = xstrdup(x->url);
	x->permanent = 1;
	x->easy = e = curl_easy_init();
	if (e == NULL)
		fatal("cannot initialise libcurl");
	curl_easy_setopt(e, CURLOPT_URL, x->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, fetch_write_cb);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, fetch_header_cb);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_USERAGENT, o->user_agent != NULL ?
	    o->user_agent : "hearsay/" PACKAGE_VERSION);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)o->max_redirects);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https,file");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS | CURLPROTO_FILE));
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, o->connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, o->total_timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, o->low_speed_limit);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, o->low_speed_time);
	if (x->post != NULL)
		fetch_post_setup(x);
	else
		x->headers = curl_slist_append(x->headers, "Accept: "
		    "application/rss+xml, application/atom+xml, "
		    "application/feed+json, application/xml;q=0.9, "
		    "text/xml;q=0.9, */*;q=0.8");
	if (x->etag_sent != NULL) {
		char *h = xprintf("If-None-Match: %s", x->etag_sent);

		x->headers = curl_slist_append(x->headers, h);
		free(h);
	}
	if (x->last_modified_sent != NULL) {
		char *h = xprintf("If-Modified-Since: %s", x->last_modified_sent);

		x->headers = curl_slist_append(x->headers, h);
		free(h);
	}
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
	if (x->is_file)
		fetch_file_setup(x);
}

static void fetch_report(struct fetch_curl *, struct fetch_xfer *, CURLcode);

/* Transfers running against host. */
static int
fetch_host_active(const struct fetch_curl *f, const char *host)
{
	size_t i;
	int n = 0;

	for (i = 0; i < f->n_active; i++) {
		if (f->active[i]->host != NULL &&
		    strcmp(f->active[i]->host, host) == 0)
			n++;
	}
	return n;
}

/* Move queued transfers into the multi handle while the limits allow:
 * the first in queue order whose host is under its cap goes next. */
static void
fetch_start_queued(struct fetch_curl *f)
{
	struct fetch_xfer *x, *prev;

	while (f->n_active < (size_t)f->opts.max_parallel) {
		for (prev = NULL, x = f->queue; x != NULL; prev = x, x = x->next) {
			if (x->host == NULL ||
			    fetch_host_active(f, x->host) < f->opts.max_per_host)
				break;
		}
		if (x == NULL)
			break;
		if (prev != NULL)
			prev->next = x->next;
		else
			f->queue = x->next;
		if (f->queue_tail == x)
			f->queue_tail = prev;
		x->next = NULL;
		f->n_queued--;
		fetch_xfer_setup(f, x);
		if (curl_multi_add_handle(f->multi, x->easy) != CURLM_OK) {
			/* Still one answer per request. */
			fetch_report(f, x, CURLE_FAILED_INIT);
			fetch_xfer_free(x);
			continue;
		}
		f->active[f->n_active++] = x;
	}
}

/* What the failures a user meets most are, in words: libcurl's code
 * and, where it tells more, the system's error; the host goes between
 * the two halves of the message. */
static const struct {
	CURLcode	 rc;
	int		 os_errno;	/* 0: any */
	const char	*before, *after;
} fetch_words[] = {
	{ CURLE_COULDNT_RESOLVE_HOST, 0, "host not found: ", "" },
	{ CURLE_COULDNT_RESOLVE_PROXY, 0, "proxy not found (for ", ")" },
	{ CURLE_COULDNT_CONNECT, ECONNREFUSED, "connection refused by ", "" },
	{ CURLE_COULDNT_CONNECT, ENETUNREACH, "", " is unreachable (no route)" },
	{ CURLE_COULDNT_CONNECT, EHOSTUNREACH, "", " is unreachable (no route)" },
	{ CURLE_COULDNT_CONNECT, ETIMEDOUT, "connection to ", " timed out" },
	{ CURLE_COULDNT_CONNECT, 0, "cannot connect to ", "" },
	{ CURLE_RECV_ERROR, ECONNRESET, "connection reset by ", "" },
	{ CURLE_SEND_ERROR, ECONNRESET, "connection reset by ", "" },
	{ CURLE_RECV_ERROR, 0, "connection to ", " broken while reading" },
	{ CURLE_SEND_ERROR, 0, "connection to ", " broken while sending" },
	{ CURLE_GOT_NOTHING, 0, "", " closed the connection without answering" },
	{ CURLE_SSL_CONNECT_ERROR, 0, "TLS handshake with ", " failed" },
	{ CURLE_PEER_FAILED_VERIFICATION, 0, "TLS certificate of ",
	    " not trusted (or not for that name)" },
};

/* The host of url, cleaned for a message ("?" when there is none).
 * Caller frees. */
static char *
fetch_host_shown(const char *url)
{
	char *host = fetch_host(url), *out;

	out = text_clean(host != NULL ? host : "?", TEXT_COLLAPSE_WS);
	free(host);
	return out;
}

/* A timeout in words: which limit ran out.  A new string. */
static char *
fetch_timeout(const struct fetch_curl *f, const struct fetch_xfer *x,
    const char *host)
{
	curl_off_t total = 0;
	long sent = 0;

	/* No byte of the request sent: the connection never came. */
	curl_easy_getinfo(x->easy, CURLINFO_REQUEST_SIZE, &sent);
	curl_easy_getinfo(x->easy, CURLINFO_TOTAL_TIME_T, &total);
	if (sent == 0)
		return xprintf("connection to %s timed out (after %ld s)", host,
		    f->opts.connect_timeout);
	/* The speed limit cannot have run out before its time had passed, so
	 * a transfer ended sooner is the total timeout's; one that lasted
	 * about the whole timeout is too (curl's clock for the total may stop
	 * a little short of it, hence the half second). */
	if (f->opts.total_timeout > 0 && (f->opts.low_speed_time <= 0 ||
	    total < (curl_off_t)f->opts.low_speed_time * 1000000 ||
	    f->opts.total_timeout <= f->opts.low_speed_time ||
	    total + 500000 >= (curl_off_t)f->opts.total_timeout * 1000000))
		return xprintf("timed out: not done within timeout (%ld s)",
		    f->opts.total_timeout);
	return xprintf("timed out: too slow, %s sent under %ld bytes a second "
	    "for %ld s", host, f->opts.low_speed_limit, f->opts.low_speed_time);
}

/* rc (and the system's error) in words from fetch_words, or NULL.  A new
 * string. */
static char *
fetch_words_for(const struct fetch_curl *f, const struct fetch_xfer *x,
    CURLcode rc)
{
	long os_errno = 0;
	char *host, *msg = NULL;
	size_t i;

	if (rc != CURLE_OPERATION_TIMEDOUT) {
		for (i = 0; i < nitems(fetch_words); i++) {
			if (fetch_words[i].rc == rc)
				break;
		}
		if (i == nitems(fetch_words))
			return NULL;
	}
	curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &os_errno);
	host = fetch_host_shown(x->cur_url);
	if (rc == CURLE_OPERATION_TIMEDOUT)
		msg = fetch_timeout(f, x, host);
	for (i = 0; msg == NULL && i < nitems(fetch_words); i++) {
		if (fetch_words[i].rc == rc && (fetch_words[i].os_errno == 0 ||
		    fetch_words[i].os_errno == os_errno))
			msg = xprintf("%s%s%s", fetch_words[i].before, host,
			    fetch_words[i].after);
	}
	free(host);
	return msg;
}

/* Why a transfer that libcurl ended with rc failed; a new string. */
static char *
fetch_error(const struct fetch_curl *f, const struct fetch_xfer *x, CURLcode rc)
{
	const char *detail = x->errbuf[0] != '\0' ? x->errbuf :
	    curl_easy_strerror(rc);
	char *words;

	if (x->too_big && f->opts.max_body % (1024 * 1024) == 0)
		return xprintf("larger than max-feed-size (%zu MiB)",
		    f->opts.max_body / (1024 * 1024));
	if (x->too_big)
		return xprintf("larger than max-feed-size (%zu bytes)",
		    f->opts.max_body);
	if (x->headers_too_big)
		return xprintf("response headers larger than %zu bytes",
		    FETCH_MAX_HEADER_BYTES);
	if (rc == CURLE_TOO_MANY_REDIRECTS)
		return xprintf("more than %d redirects", f->opts.max_redirects);
	if (rc == CURLE_UNSUPPORTED_PROTOCOL && strcmp(x->cur_url, x->url) != 0)
		return xstrdup("redirected to a URL that is not http or https");
	if ((words = fetch_words_for(f, x, rc)) != NULL)
		return words;
	/* libcurl's messages can quote the URL or the server. */
	return text_clean(detail, TEXT_COLLAPSE_WS);
}

/* "HTTP 404 Not Found" for a status that carries no feed, else NULL. */
static char *
fetch_status_error(const struct fetch_xfer *x, long status)
{
	char *reason, *msg;

	if ((status >= 200 && status < 300) || status == 304)
		return NULL;
	reason = text_clean(x->reason != NULL ? x->reason : "",
	    TEXT_COLLAPSE_WS);
	if (*reason != '\0')
		msg = xprintf("HTTP %ld %s", status, reason);
	else
		msg = xprintf("HTTP %ld", status);
	free(reason);
	return msg;
}

/* Report one finished transfer through the callback. */
static void
fetch_report(struct fetch_curl *f, struct fetch_xfer *x, CURLcode rc)
{
	struct fetch_result r;
	char *error = NULL, *ctype_ok = NULL, *charset = NULL;
	const char *ctype = NULL, *eff = NULL;
	long status = 0, redirects = 0;

	memset(&r, 0, sizeof r);
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ctype);
	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eff);
	if (rc == CURLE_OK && x->is_file)
		status = x->file_unchanged ? 304 : 200;
	if (rc != CURLE_OK && !x->error_page)
		error = fetch_error(f, x, rc);
	else
		error = fetch_status_error(x, status);
	if (ctype != NULL && strlen(ctype) <= FETCH_MAX_HEADER_VALUE &&
	    fetch_printable(ctype, strlen(ctype)))
		ctype_ok = xstrdup(ctype);
	charset = fetch_charset(ctype_ok);

	r.arg = x->arg;
	r.url = x->url;
	r.status = status;
	r.error = error;
	r.not_modified = error == NULL && status == 304;
	if (error == NULL && !r.not_modified) {
		r.body = buf_str(&x->body);
		r.body_len = x->body.len;
	}
	r.content_type = ctype_ok;
	r.charset = charset;
	r.etag = x->etag;
	r.last_modified = x->last_modified;
	r.effective_url = eff != NULL ? eff : x->url;
	r.moved_to = error == NULL ? x->moved_to : NULL;
	curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_COUNT, &redirects);
	r.redirects = (int)redirects;
	f->done(&r, f->cb_arg);
	free(error);
	free(ctype_ok);
	free(charset);
}

/* Hand every finished transfer to the callback and start queued ones. */
static int
fetch_collect(struct fetch_curl *f)
{
	struct fetch_xfer *x;
	CURLMsg *msg;
	char *priv;
	size_t i;
	int left;

	while ((msg = curl_multi_info_read(f->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		priv = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
		x = (struct fetch_xfer *)(void *)priv;
		for (i = 0; i < f->n_active && f->active[i] != x; i++)
			;
		if (x == NULL || i == f->n_active)
			continue;
		f->active[i] = f->active[--f->n_active];
		curl_multi_remove_handle(f->multi, x->easy);
		fetch_report(f, x, msg->data.result);
		fetch_xfer_free(x);
	}
	fetch_start_queued(f);
	return 0;
}

/* Let libcurl do what it can without waiting, then report. */
static int
fetch_perform(struct fetch_curl *f)
{
	int running;

	fetch_start_queued(f);
	if (curl_multi_perform(f->multi, &running) != CURLM_OK)
		return -1;
	return fetch_collect(f);
}

int
fetch_curl_step(struct fetch_curl *f, int timeout_ms, int extra_fd, int *extra_ready)
{
	struct curl_waitfd wfd;
	int nfds;

	if (extra_ready != NULL)
		*extra_ready = 0;
	if (fetch_perform(f) == -1)
		return -1;
	if (extra_fd < 0 && fetch_curl_pending(f) == 0)
		return 0;	/* nothing to wait for */
	memset(&wfd, 0, sizeof wfd);
	wfd.fd = extra_fd;
	wfd.events = CURL_WAIT_POLLIN;
	if (curl_multi_poll(f->multi, extra_fd >= 0 ? &wfd : NULL,
	    extra_fd >= 0 ? 1 : 0, timeout_ms, &nfds) != CURLM_OK)
		return -1;
	if (extra_ready != NULL && extra_fd >= 0)
		*extra_ready = (wfd.revents & CURL_WAIT_POLLIN) != 0;
	return fetch_perform(f);
}

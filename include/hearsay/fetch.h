/*
 * fetch.h - many HTTP(S)/file transfers at once (libcurl multi underneath,
 * in the helper program hearsay-fetch, so that hearsay itself does not link
 * libcurl: src/fetch_int.h).
 *
 * It knows nothing of feeds or the store: it hands back bodies and HTTP
 * facts, of conditional GETs (feeds) and of POSTs (an API's requests).  A caller with an event loop (the reader) drives it with
 * fetch_step(), waiting on its own file descriptor at the same time.  Every
 * message it hands back that quotes server data has been through
 * text_clean().  A helper that cannot be started, or that dies, answers
 * every request still open with an error that says so.
 */
#ifndef HEARSAY_FETCH_H
#define HEARSAY_FETCH_H

#include <stddef.h>
#include <stdint.h>

struct fetch;

struct fetch_opts {
	int	 max_parallel;	  /* transfers at once (default 16) */
	int	 max_per_host;	  /* per host (default 2) */
	long	 connect_timeout; /* seconds (default 15) */
	long	 total_timeout;	  /* seconds (default 60) */
	long	 low_speed_limit; /* bytes/s ... (default 64) */
	long	 low_speed_time;  /* ... for this many seconds (default 20) */
	size_t	 max_body;	  /* decoded bytes (default 32 MiB) */
	int	 max_redirects;	  /* default 5 */
	const char *user_agent;	  /* NULL: "hearsay/VERSION" */
};

/* Fill opts with the defaults above. */
void fetch_opts_default(struct fetch_opts *opts);

struct fetch_request {
	const char *url;
	const char *etag;	   /* validators for a conditional GET, or NULL */
	const char *last_modified;
	void	*arg;		   /* handed back in the result */
	/* A POST of body_len bytes at body, of this content type, when
	 * method is "POST" (an API's request); NULL: a GET.  No other
	 * method is made. */
	const char *method;
	const char *body;
	size_t	 body_len;
	const char *content_type;
};

/* What one transfer came to; valid only during the callback.  On error
 * body is NULL; on a 304 not_modified is set and body is NULL. */
struct fetch_result {
	void	*arg;
	const char *url;	/* as requested */
	long	 status;	/* HTTP status, 0 if none; file:// gives 200, or
				 * 304 when its ETag (made of the file's time
				 * and size) matched */
	int	 not_modified;	/* 304: nothing to store */
	const char *error;	/* NULL on success, else a printable message */
	const char *body;	/* decoded body (NUL-terminated) */
	size_t	 body_len;
	const char *content_type; /* NULL if none or unusable */
	const char *charset;	/* charset parameter of content_type, or NULL */
	const char *etag;	/* validators the server sent, or NULL */
	const char *last_modified;
	const char *effective_url; /* after redirects */
	const char *moved_to;	/* set when 301/308 (only) moved the feed */
	int	 redirects;	/* redirects followed */
};

typedef void (*fetch_done_fn)(const struct fetch_result *r, void *cb_arg);

/* A new transfer set; opts NULL for the defaults.  done is called once per
 * request from fetch_step(); it may call fetch_add() but not fetch_free(). */
struct fetch *fetch_new(const struct fetch_opts *opts, fetch_done_fn done,
    void *cb_arg);
/* Abort every transfer (no callbacks) and free; NULL is fine. */
void fetch_free(struct fetch *f);
/* Queue a request (strings copied). */
void fetch_add(struct fetch *f, const struct fetch_request *req);
/* Transfers queued or running. */
size_t fetch_pending(const struct fetch *f);
/* Run transfers for at most timeout_ms, also waiting for extra_fd (-1 for
 * none) to become readable; *extra_ready (may be NULL) says whether it did.
 * Completed transfers are reported through the callback.  0 or -1. */
int fetch_step(struct fetch *f, int timeout_ms, int extra_fd,
    int *extra_ready);
/* Run until every queued transfer is done.  0 or -1. */
int fetch_run(struct fetch *f);

/* The charset parameter of a Content-Type value ("text/xml; charset=UTF-8"
 * gives "UTF-8"), or NULL when absent or not a plausible name.  Caller
 * frees. */
char *fetch_charset(const char *content_type);

#endif

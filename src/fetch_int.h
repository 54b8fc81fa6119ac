/*
 * fetch_int.h - what the fetch client (fetch.c, in hearsay), the transfer
 * engine (fetch_curl.c) and the helper program around it (fetch_helper.c,
 * hearsay-fetch) share: the engine's interface and the protocol they speak.
 * Never included outside src/fetch*.c.
 *
 * hearsay itself does not link libcurl, so that the commands that never
 * fetch (parse, list, quotes, the reader until it refreshes) do not load
 * its 30-odd libraries.  fetch_new() starts hearsay-fetch, which links
 * libcurl, with one end of a socket pair as its standard input, and the
 * two exchange messages over it:
 *
 *	message = length:u32 type:u8 field*      (length counts type and fields)
 *	field   = tag:u8 length:u32 byte*        (u32 in network byte order)
 *
 * An absent field is a NULL string; numbers are decimal text.  In order:
 *
 *	helper -> hearsay  'H' hello      V version
 *	hearsay -> helper  'O' options    P max_parallel, H max_per_host,
 *	                                  C connect_timeout, T total_timeout,
 *	                                  L low_speed_limit, S low_speed_time,
 *	                                  B max_body, R max_redirects,
 *	                                  A user_agent
 *	hearsay -> helper  'Q' request    I id, U url, E etag,
 *	                                  M last_modified, X method
 *	                                  ("POST", or absent: a GET),
 *	                                  D the body to post, T its
 *	                                  content type
 *	helper -> hearsay  'R' result     I id, s status, n not_modified,
 *	                                  e error, b body, t content_type,
 *	                                  c charset, E etag, M last_modified,
 *	                                  f effective_url, m moved_to,
 *	                                  r redirects
 *
 * Requests and results may interleave freely; every request gets exactly
 * one result, in any order.  The helper exits when hearsay closes its end
 * (every transfer is then dropped), and never writes anything else: its
 * standard output and error are /dev/null.  A message longer than
 * FETCH_WIRE_MAX (a body at its largest, and room for the rest) ends the
 * conversation.
 */
#ifndef HEARSAY_FETCH_INT_H
#define HEARSAY_FETCH_INT_H

#include <stddef.h>
#include <stdint.h>

#include "hearsay/buf.h"
#include "hearsay/fetch.h"

/* The protocol's version, in 'H': a helper of another version is refused. */
#define FETCH_WIRE_VERSION	"2"
/* The largest message: the largest body the options allow, and the
 * fields around it (headers are capped far below this). */
#define FETCH_WIRE_OVERHEAD	((size_t)1024 * 1024)
#define FETCH_WIRE_MAX		((size_t)256 * 1024 * 1024)

/* fetch_curl.c: the transfer engine, libcurl's multi interface with our
 * own queue and limits.  The same contract as fetch.h's fetch_*
 * functions, of which it is the implementation the helper runs. */
struct fetch_curl;
struct fetch_curl *fetch_curl_new(const struct fetch_opts *opts,
    fetch_done_fn done, void *cb_arg);
void fetch_curl_free(struct fetch_curl *f);
void fetch_curl_add(struct fetch_curl *f, const struct fetch_request *req);
size_t fetch_curl_pending(const struct fetch_curl *f);
int fetch_curl_step(struct fetch_curl *f, int timeout_ms, int extra_fd,
    int *extra_ready);

/* fetch_wire.c: the messages. */

/* Start a message of type into b (emptied first). */
void fetch_wire_begin(struct buf *b, char type);
/* Append a string field (nothing for NULL). */
void fetch_wire_str(struct buf *b, char tag, const char *s);
/* Append a field of n bytes. */
void fetch_wire_bytes(struct buf *b, char tag, const void *p, size_t n);
/* Append a number field. */
void fetch_wire_num(struct buf *b, char tag, long long v);
/* Finish the message: its length written into its head. */
void fetch_wire_end(struct buf *b);

/* A message read: its type and fields, strings NUL-terminated in place. */
struct fetch_wire_msg {
	char	 type;
	const char *field[128];	/* by tag; NULL when absent */
	size_t	 len[128];
};

/* The length a message's 4-byte head announces. */
size_t fetch_wire_length(const unsigned char head[4]);
/* Read the body of a message (len bytes at p, followed by one spare byte
 * that may be overwritten) into m; 0, or -1 when it is malformed. */
int fetch_wire_parse(char *p, size_t len, struct fetch_wire_msg *m);
/* The number field tag of m, or def when absent or no number. */
long long fetch_wire_get_num(const struct fetch_wire_msg *m, char tag,
    long long def);

/* Wait until fd is readable (or closed); 0 or -1. */
int fetch_wire_wait(int fd);
/* Send all n bytes at p on socket fd, waiting as needed; 0 or -1. */
int fetch_wire_send_all(int fd, const void *p, size_t n);

#endif

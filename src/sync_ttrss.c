/*
 * sync_ttrss.c - Tiny Tiny RSS as the source of the store: its JSON API
 * (POSTs through fetch.h) mapped to the store (store_sync.c).
 *
 * A sync is a chain of API calls, each one's reply handled by the
 * function that asked, which stores what it got and makes the next call:
 *
 *	login -> updateArticle... (the queued marks, oldest first)
 *	      -> getCategories -> getFeeds -> getHeadlines... (new articles,
 *	         a page at a time) -> getCounters -> getHeadlines... (the
 *	         unread or starred ids of the feeds whose counts differ from
 *	         ours) -> logout
 *
 * So a sync that finds nothing new makes six small requests, however
 * many articles there are.  Each page is stored in one transaction with
 * the cursor that says it was (store.h), so a sync killed at any point
 * goes on where the last page ended and never stores half a page; each
 * mark leaves the queue only once the server took it.  It must never
 * write the store before the server accepted the login, never print, and
 * never let a byte from the server into a message without text_clean().
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "hearsay/analyze.h"
#include "hearsay/buf.h"
#include "hearsay/feed.h"
#include "hearsay/fetch.h"
#include "hearsay/store.h"
#include "hearsay/sync.h"
#include "hearsay/text.h"
#include "hearsay/url.h"
#include "hearsay/util.h"

/* Queued marks read at once; one updateArticle takes a run of them. */
#define SYNC_QUEUE_BATCH 1000
/* A server's message quoted in ours is cut to this many bytes. */
#define SYNC_MAX_QUOTE 200

/* Cut the cleaned text t to SYNC_MAX_QUOTE bytes, at a character's
 * start: never half a UTF-8 sequence. */
static void
sync_ttrss_cut(char *t)
{
	size_t n = SYNC_MAX_QUOTE;

	if (strlen(t) <= n)
		return;
	while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
		n--;
	t[n] = '\0';
}

struct sync_ttrss;
typedef int (*sync_reply_fn)(struct sync_ttrss *s, json_t *content);

/* A feed whose unread or starred ids are read (its counts differ). */
struct sync_scan {
	int64_t	 feed;		/* the server's id */
	int	 starred;	/* the starred ids, else the unread ones */
};

/* The server's feed id and ours. */
struct sync_feed_map {
	int64_t	 remote;
	int64_t	 local;
};

struct sync_ttrss {
	struct store	*st;
	struct sync_opts opts;
	char		*url;		/* the server, without a trailing / */
	char		*api_url;
	char		*login;
	char		*password;
	char		*account;	/* "LOGIN@URL" */
	struct fetch	*fetch;
	char		*sid;		/* the session, once logged in */
	const char	*op;		/* the call waiting for its reply */
	sync_reply_fn	 on_reply;
	int		 waiting;
	int		 replied;
	json_t		*reply;		/* the reply's content ... */
	char		*reply_err;	/* ... or why there is none ... */
	char		*reply_code;	/* ... or the server's error code */
	struct store_sync_cursor cur;
	json_t		*cats;		/* category id -> title */
	struct sync_feed_map *feeds;
	size_t		 n_feeds;
	struct sync_scan *scans;
	size_t		 n_scans, i_scan;
	int64_t		*ids;		/* the ids the current scan read */
	size_t		 n_ids, cap_ids;
	int64_t		 skip;		/* the scan's next page */
	int64_t		 push_seq;	/* the last queued mark being sent */
	size_t		 push_n;
	const char	*subscribe_url;	/* for sync_ttrss_subscribe ... */
	int		 unsubscribe;	/* ... or unsubscribe */
	struct sync_progress progress;
	char		*error;
	int		 store_failed;
	int		 done;
};

static int sync_ttrss_push(struct sync_ttrss *s);
static int sync_ttrss_ask_headlines(struct sync_ttrss *s);
static int sync_ttrss_next_scan(struct sync_ttrss *s);

/* ---- the conversation ---- */

/* Fail the sync with a message (printf-like, its arguments clean
 * already); returns -1. */
static int __attribute__((format(printf, 2, 3)))
sync_ttrss_fail(struct sync_ttrss *s, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvprintf(fmt, ap);
	va_end(ap);
	if (s->error == NULL)
		s->error = msg;
	else
		free(msg);
	s->done = 1;
	return -1;
}

/* Fail the sync for a store error (owned). */
static int
sync_ttrss_store_fail(struct sync_ttrss *s, char *err)
{
	s->store_failed = 1;
	sync_ttrss_fail(s, "store: %s", err != NULL ? err : "failed");
	free(err);
	return -1;
}

/* The fetch callback: keep the reply's content, or why there is none. */
static void
sync_ttrss_fetched(const struct fetch_result *r, void *arg)
{
	struct sync_ttrss *s = arg;
	json_error_t jerr;
	json_t *root, *status;

	s->replied = 1;
	if (r->error != NULL && r->status > 0) {
		s->reply_err = xprintf("%s: %s", s->api_url, r->error);
		return;
	}
	if (r->error != NULL) {
		s->reply_err = xprintf("cannot reach %s: %s", s->url, r->error);
		return;
	}
	root = json_loadb(r->body != NULL ? r->body : "", r->body_len, 0, &jerr);
	status = json_object_get(root, "status");
	if (!json_is_object(root) || !json_is_integer(status)) {
		s->reply_err = xprintf("%s answers no Tiny Tiny RSS API (no "
		    "JSON reply to %s): is the URL right?", s->api_url, s->op);
		json_decref(root);
		return;
	}
	s->reply = json_incref(json_object_get(root, "content"));
	if (json_integer_value(status) != 0) {
		json_decref(s->reply);
		s->reply = NULL;
		s->reply_code = xstrdup(json_string_value(json_object_get(
		    json_object_get(root, "content"), "error")));
		if (s->reply_code == NULL)
			s->reply_code = xstrdup("an error it does not name");
	}
	json_decref(root);
}

/* Send op with the parameters of params (taken over; NULL: none) and the
 * session; fn handles the reply.  0. */
static int
sync_ttrss_call(struct sync_ttrss *s, const char *op, json_t *params,
    sync_reply_fn fn)
{
	struct fetch_request req;
	char *body;

	if (params == NULL)
		params = json_object();
	json_object_set_new(params, "op", json_string(op));
	if (s->sid != NULL)
		json_object_set_new(params, "sid", json_string(s->sid));
	body = json_dumps(params, JSON_COMPACT);
	json_decref(params);
	memset(&req, 0, sizeof req);
	req.url = s->api_url;
	req.method = "POST";
	req.body = body;
	req.body_len = strlen(body);
	req.content_type = "application/json";
	s->op = op;
	s->on_reply = fn;
	s->waiting = 1;
	s->replied = 0;
	s->progress.requests++;
	fetch_add(s->fetch, &req);
	/* The login's holds the password. */
	explicit_bzero(body, req.body_len);
	free(body);
	return 0;
}

/* The server's error code in words, for the call s->op. */
static char *
sync_ttrss_server_error(const struct sync_ttrss *s, const char *code)
{
	char *clean, *msg;

	if (strcmp(code, "LOGIN_ERROR") == 0)
		return xprintf("%s refused the login of %s: wrong login or "
		    "password", s->url, s->login);
	if (strcmp(code, "API_DISABLED") == 0)
		return xprintf("%s has its API disabled for %s: enable it in "
		    "the server's preferences (Enable API access)", s->url,
		    s->login);
	if (strcmp(code, "NOT_LOGGED_IN") == 0)
		return xprintf("%s ended the session (%s): try again", s->url,
		    s->op);
	clean = text_clean(code, TEXT_COLLAPSE_WS);
	sync_ttrss_cut(clean);
	msg = xprintf("%s refused %s: %s", s->url, s->op, clean);
	free(clean);
	return msg;
}

/* Handle the reply that came: the caller's function, or the failure. */
static void
sync_ttrss_dispatch(struct sync_ttrss *s)
{
	json_t *content = s->reply;
	char *why = s->reply_err, *code = s->reply_code, *msg;

	s->waiting = 0;
	s->replied = 0;
	s->reply = NULL;
	s->reply_err = s->reply_code = NULL;
	if (why != NULL || code != NULL) {
		msg = code != NULL ? sync_ttrss_server_error(s, code) :
		    text_clean(why, TEXT_COLLAPSE_WS);
		sync_ttrss_fail(s, "%s", msg);
		free(msg);
		free(why);
		free(code);
		return;
	}
	s->on_reply(s, content);
	json_decref(content);
}

/* A JSON number, or a number in a string (the API gives both), or def. */
static int64_t
sync_ttrss_int(const json_t *v, int64_t def)
{
	long long n;
	char *end;

	if (json_is_integer(v))
		return json_integer_value(v);
	if (json_is_real(v))
		return (int64_t)json_real_value(v);
	if (json_is_string(v)) {
		n = strtoll(json_string_value(v), &end, 10);
		if (end != json_string_value(v) && *end == '\0')
			return n;
	}
	return def;
}

/* A boolean as the API writes it (true, 1, "t", "true"). */
static int
sync_ttrss_bool(const json_t *v)
{
	const char *s;

	if (json_is_boolean(v))
		return json_is_true(v);
	if (json_is_string(v)) {
		s = json_string_value(v);
		return strcmp(s, "t") == 0 || strcmp(s, "true") == 0 ||
		    strcmp(s, "1") == 0;
	}
	return sync_ttrss_int(v, 0) != 0;
}

/* A string member of o made plain text (the API's titles may hold
 * entities and tags), or NULL when absent or empty.  New string. */
static char *
sync_ttrss_plain(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	char *plain;

	if (v == NULL || *v == '\0')
		return NULL;
	plain = feed_text_from_html(v);
	if (*plain == '\0')
		xfree(plain);
	return plain;
}

/* ---- logging in and out ---- */

static int
sync_ttrss_logged_out(struct sync_ttrss *s, json_t *content)
{
	(void)content;
	s->done = 1;
	s->progress.phase = "done";
	return 0;
}

/* The end of a sync that went well: the session closed. */
static int
sync_ttrss_finish(struct sync_ttrss *s)
{
	char *err = NULL;
	int64_t n = 0;

	if (s->opts.lang != NULL) {
		s->progress.phase = "analysing";
		if (analyze_pending(s->st, s->opts.lang, 0, 0, NULL, NULL, &n,
		    &err) == -1)
			return sync_ttrss_store_fail(s, err);
		s->progress.analysed = (size_t)n;
	}
	n = store_sync_queue_count(s->st);
	s->progress.marks_pending = n > 0 ? (size_t)n : 0;
	s->progress.phase = "logging out";
	return sync_ttrss_call(s, "logout", NULL, sync_ttrss_logged_out);
}

static int sync_ttrss_subscribed(struct sync_ttrss *s, json_t *content);
static int sync_ttrss_unsubscribe_find(struct sync_ttrss *s, json_t *content);

static int
sync_ttrss_logged_in(struct sync_ttrss *s, json_t *content)
{
	const char *sid = json_string_value(json_object_get(content,
	    "session_id"));
	int64_t level = sync_ttrss_int(json_object_get(content, "api_level"), 0);
	char *err = NULL;

	if (sid == NULL)
		return sync_ttrss_fail(s, "%s gave no session at login", s->url);
	s->sid = xstrdup(sid);
	if (level < SYNC_TTRSS_MIN_API_LEVEL)
		return sync_ttrss_fail(s, "%s speaks API level %lld; hearsay "
		    "needs level %d or later (Tiny Tiny RSS 1.7.6 or later)",
		    s->url, (long long)level, SYNC_TTRSS_MIN_API_LEVEL);
	if (s->subscribe_url != NULL && !s->unsubscribe)
		return sync_ttrss_call(s, "subscribeToFeed", json_pack("{ss}",
		    "feed_url", s->subscribe_url), sync_ttrss_subscribed);
	if (s->subscribe_url != NULL)
		return sync_ttrss_call(s, "getFeeds", json_pack("{si}", "cat_id",
		    -3), sync_ttrss_unsubscribe_find);
	/* Only now, the server having taken the login, is the store
	 * written: the account, if it is the first sync. */
	if (store_sync_account(s->st, s->account, &s->cur, &err) == -1) {
		sync_ttrss_fail(s, "%s", err);
		free(err);
		return -1;
	}
	return sync_ttrss_push(s);
}

/* ---- the marks made here ---- */

static int
sync_ttrss_pushed(struct sync_ttrss *s, json_t *content)
{
	char *err = NULL;

	(void)content;
	if (store_sync_queue_done(s->st, s->push_seq, &err) == -1)
		return sync_ttrss_store_fail(s, err);
	s->progress.marks_sent += s->push_n;
	return sync_ttrss_push(s);
}

static int sync_ttrss_categories(struct sync_ttrss *s, json_t *content);

/* Send the oldest run of queued marks of one kind and value, or go on
 * to the server's news when none is left. */
static int
sync_ttrss_push(struct sync_ttrss *s)
{
	struct store_sync_mark *rows;
	struct buf ids;
	int n, i;

	s->progress.phase = "sending marks";
	rows = xreallocarray(NULL, SYNC_QUEUE_BATCH, sizeof *rows);
	n = store_sync_queue(s->st, SYNC_QUEUE_BATCH, rows);
	if (n == -1) {
		free(rows);
		return sync_ttrss_store_fail(s, xstrdup("cannot read the queue "
		    "of marks"));
	}
	if (n == 0) {
		free(rows);
		s->progress.phase = "reading feeds";
		return sync_ttrss_call(s, "getCategories", json_pack("{sb}",
		    "include_empty", 1), sync_ttrss_categories);
	}
	/* In order: a run of the same kind and value is one request, and
	 * a later mark of the same story is sent after it. */
	buf_init(&ids, 0);
	for (i = 0; i < n && rows[i].field == rows[0].field &&
	    rows[i].value == rows[0].value; i++)
		buf_printf(&ids, "%s%lld", i > 0 ? "," : "",
		    (long long)rows[i].remote_id);
	s->push_seq = rows[i - 1].seq;
	s->push_n = (size_t)i;
	sync_ttrss_call(s, "updateArticle", json_pack("{sssisi}", "article_ids",
	    buf_str(&ids), "mode", rows[0].value, "field", rows[0].field),
	    sync_ttrss_pushed);
	buf_free(&ids);
	free(rows);
	return 0;
}

/* ---- feeds and categories ---- */

static int sync_ttrss_feeds(struct sync_ttrss *s, json_t *content);

static int
sync_ttrss_categories(struct sync_ttrss *s, json_t *content)
{
	json_t *c;
	size_t i;
	char key[32];

	json_decref(s->cats);
	s->cats = json_object();
	json_array_foreach(content, i, c) {
		snprintf(key, sizeof key, "%lld", (long long)sync_ttrss_int(
		    json_object_get(c, "id"), 0));
		json_object_set(s->cats, key, json_object_get(c, "title"));
	}
	return sync_ttrss_call(s, "getFeeds", json_pack("{si}", "cat_id", -3),
	    sync_ttrss_feeds);
}

/* The tag of a category: its title made plain, white space as '-' (a
 * tag is one word); NULL for none ("Uncategorized" is id 0). */
static char *
sync_ttrss_tag(const struct sync_ttrss *s, int64_t cat)
{
	char key[32], *tag, *p;
	json_t *o;

	if (cat <= 0)
		return NULL;
	snprintf(key, sizeof key, "%lld", (long long)cat);
	o = json_pack("{sO}", "t", json_object_get(s->cats, key));
	tag = o != NULL ? sync_ttrss_plain(o, "t") : NULL;
	json_decref(o);
	for (p = tag; p != NULL && *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t')
			*p = '-';
	}
	return tag;
}

/* The feeds of the reply stored (one transaction); 0 or -1. */
static int
sync_ttrss_store_feeds(struct sync_ttrss *s, json_t *content, char **err)
{
	json_t *f;
	size_t i;
	int64_t *remote;
	int gone = 0, rc = 0;
	int64_t now = (int64_t)time(NULL);
	char *title, *tag;
	const char *url;

	s->n_feeds = 0;
	s->feeds = xreallocarray(s->feeds, json_array_size(content) + 1,
	    sizeof *s->feeds);
	remote = xreallocarray(NULL, json_array_size(content) + 1,
	    sizeof *remote);
	if (store_sync_begin(s->st, err) == -1) {
		free(remote);
		return -1;
	}
	json_array_foreach(content, i, f) {
		url = json_string_value(json_object_get(f, "feed_url"));
		if (url == NULL || *url == '\0')
			continue;
		remote[s->n_feeds] = sync_ttrss_int(json_object_get(f, "id"), 0);
		title = sync_ttrss_plain(f, "title");
		tag = sync_ttrss_tag(s, sync_ttrss_int(json_object_get(f,
		    "cat_id"), 0));
		s->feeds[s->n_feeds].remote = remote[s->n_feeds];
		rc = store_sync_feed(s->st, remote[s->n_feeds], url, title,
		    tag != NULL ? tag : "", &s->feeds[s->n_feeds].local, err);
		free(title);
		free(tag);
		if (rc == -1)
			break;
		s->n_feeds++;
	}
	if (rc == 0)
		rc = store_sync_feeds_keep(s->st, remote, s->n_feeds, now, &gone,
		    err);
	free(remote);
	if (rc == -1) {
		store_sync_rollback(s->st);
		return -1;
	}
	s->progress.feeds = s->n_feeds;
	s->progress.feeds_gone = (size_t)gone;
	if (store_sync_commit(s->st, err) == -1)
		return -1;
	/* The feeds gone for keep-days lose their stories, as refresh's. */
	return store_prune_gone(s->st, s->opts.keep_days * 24 * 3600, now,
	    NULL, err);
}

static int
sync_ttrss_feeds(struct sync_ttrss *s, json_t *content)
{
	char *err = NULL;

	if (!json_is_array(content))
		return sync_ttrss_fail(s, "%s sent no list of feeds", s->url);
	if (sync_ttrss_store_feeds(s, content, &err) == -1)
		return sync_ttrss_store_fail(s, err);
	s->progress.phase = "reading articles";
	return sync_ttrss_ask_headlines(s);
}

/* Our id of the server's feed, or 0. */
static int64_t
sync_ttrss_local_feed(const struct sync_ttrss *s, int64_t remote)
{
	size_t i;

	for (i = 0; i < s->n_feeds; i++) {
		if (s->feeds[i].remote == remote)
			return s->feeds[i].local;
	}
	return 0;
}

/* ---- new articles ---- */

static int sync_ttrss_headlines(struct sync_ttrss *s, json_t *content);

/* Ask for the next page of the articles past the cursor: newest first,
 * so that an article the server adds meanwhile comes before the pages
 * still to read and shifts them by one (read twice, stored once) instead
 * of being skipped; it has an id past the pass's largest, so the next
 * pass gets it. */
static int
sync_ttrss_ask_headlines(struct sync_ttrss *s)
{
	return sync_ttrss_call(s, "getHeadlines", json_pack("{sisssisisIsbsbsb}",
	    "feed_id", -4, "view_mode", "all_articles", "limit",
	    SYNC_TTRSS_PAGE, "skip", (int)s->cur.pass_skip, "since_id",
	    (json_int_t)s->cur.since_id, "show_content", 1, "show_excerpt", 0,
	    "include_attachments", 0), sync_ttrss_headlines);
}

/* One article of a page as a feed item of doc (the story's guid is the
 * server's id, "ttrss:ID", which the store keys it by). */
static void
sync_ttrss_item(struct feed_doc *doc, const json_t *h)
{
	struct feed_item *it = &doc->items[doc->n_items++];
	int64_t updated = sync_ttrss_int(json_object_get(h, "updated"), 0);
	const char *link = json_string_value(json_object_get(h, "link"));
	const char *content = json_string_value(json_object_get(h, "content"));

	memset(it, 0, sizeof *it);
	it->id = xprintf("ttrss:%lld", (long long)sync_ttrss_int(
	    json_object_get(h, "id"), 0));
	it->title = sync_ttrss_plain(h, "title");
	it->author = sync_ttrss_plain(h, "author");
	if (link != NULL && url_link_check(link, NULL) != URL_LINK_UNSAFE)
		it->link = xstrdup(link);
	/* The API's "updated" is seconds since the epoch (the server turns
	 * its UTC times so); 0 is none. */
	it->published = updated > 0 ? updated : FEED_NO_DATE;
	it->updated = it->published;
	if (content != NULL && *content != '\0')
		it->content = xstrdup(content);
}

/* Store the articles of one feed of the page: merged as a document, then
 * given their server ids and state. */
static int
sync_ttrss_store_feed_page(struct sync_ttrss *s, int64_t feed, json_t *page,
    int64_t now, char **err)
{
	struct feed_doc *doc = xcalloc(1, sizeof *doc);
	json_t *h;
	size_t i;
	int n_new = 0, rc = 0;
	char *key;

	doc->items = xcalloc(json_array_size(page) + 1, sizeof *doc->items);
	json_array_foreach(page, i, h) {
		if (sync_ttrss_int(json_object_get(h, "feed_id"), 0) == feed)
			sync_ttrss_item(doc, h);
	}
	store_doc_prepare(doc);
	if (store_feed_merge(s->st, sync_ttrss_local_feed(s, feed), doc, now,
	    &n_new, err) == -1)
		rc = -1;
	for (i = 0; rc == 0 && i < doc->n_items; i++) {
		key = xprintf("g:%s", doc->items[i].id);
		rc = store_sync_story(s->st, sync_ttrss_local_feed(s, feed), key,
		    strtoll(doc->items[i].id + 6, NULL, 10), err);
		free(key);
	}
	json_array_foreach(page, i, h) {
		if (rc == 0 && sync_ttrss_int(json_object_get(h, "feed_id"),
		    0) == feed)
			rc = store_sync_state(s->st, sync_ttrss_int(
			    json_object_get(h, "id"), 0), sync_ttrss_bool(
			    json_object_get(h, "unread")), sync_ttrss_bool(
			    json_object_get(h, "marked")), err);
	}
	s->progress.new_stories += (size_t)n_new;
	feed_doc_free(doc);
	return rc;
}

/* Store a page, its feeds one by one, with the cursor past it, in one
 * transaction.  -1 with *err (a store error), or -2 when the page names
 * a feed we were not given (subscribed meanwhile: the next sync reads
 * the feeds again and gets the page then). */
static int
sync_ttrss_store_page(struct sync_ttrss *s, json_t *page, char **err)
{
	struct store_sync_cursor next = s->cur;
	int64_t now = (int64_t)time(NULL), feed, *done;
	size_t i, n_done = 0, k;
	json_t *h;
	int rc = 0;

	done = xreallocarray(NULL, json_array_size(page) + 1, sizeof *done);
	json_array_foreach(page, i, h) {
		feed = sync_ttrss_int(json_object_get(h, "feed_id"), 0);
		if (feed > 0 && sync_ttrss_local_feed(s, feed) == 0) {
			free(done);
			return -2;
		}
		if (sync_ttrss_int(json_object_get(h, "id"), 0) > next.pass_max)
			next.pass_max = sync_ttrss_int(json_object_get(h, "id"), 0);
	}
	if (store_sync_begin(s->st, err) == -1) {
		free(done);
		return -1;
	}
	/* Articles of no feed (the server's archive) are not stories. */
	json_array_foreach(page, i, h) {
		feed = sync_ttrss_int(json_object_get(h, "feed_id"), 0);
		for (k = 0; k < n_done && done[k] != feed; k++)
			;
		if (feed <= 0 || k < n_done)
			continue;
		done[n_done++] = feed;
		if ((rc = sync_ttrss_store_feed_page(s, feed, page, now, err)) == -1)
			break;
	}
	free(done);
	next.pass_skip += (int64_t)json_array_size(page);
	if (json_array_size(page) < SYNC_TTRSS_PAGE) {
		/* The pass is over: the next one starts past its largest id. */
		if (next.pass_max > next.since_id)
			next.since_id = next.pass_max;
		next.pass_skip = next.pass_max = 0;
		next.last_sync = now;
	}
	if (rc == 0)
		rc = store_sync_cursor_put(s->st, &next, err);
	if (rc == -1) {
		store_sync_rollback(s->st);
		return -1;
	}
	if (store_sync_commit(s->st, err) == -1)
		return -1;
	s->cur = next;
	s->progress.articles += json_array_size(page);
	return 0;
}

static int sync_ttrss_counters(struct sync_ttrss *s, json_t *content);

static int
sync_ttrss_headlines(struct sync_ttrss *s, json_t *content)
{
	char *err = NULL;
	int rc;

	if (!json_is_array(content))
		return sync_ttrss_fail(s, "%s sent no list of articles", s->url);
	rc = sync_ttrss_store_page(s, content, &err);
	if (rc == -1)
		return sync_ttrss_store_fail(s, err);
	if (rc == -2)
		return sync_ttrss_fail(s, "%s: the feeds changed during the "
		    "sync: the next sync goes on", s->url);
	if (json_array_size(content) >= SYNC_TTRSS_PAGE)
		return sync_ttrss_ask_headlines(s);
	s->progress.phase = "reading the state of articles";
	return sync_ttrss_call(s, "getCounters", NULL, sync_ttrss_counters);
}

/* ---- the state of the articles ---- */

/* What getCounters says of one feed. */
struct sync_counter {
	int64_t	 unread;
	int64_t	 starred;	/* -1: the server does not say */
};

struct sync_counts_arg {
	struct sync_ttrss *s;
	json_t	*counters;	/* feed id -> [unread, starred] */
};

/* Queue a scan of a feed whose count differs from the server's. */
static void
sync_ttrss_add_scan(struct sync_ttrss *s, int64_t feed, int starred)
{
	s->scans = xreallocarray(s->scans, s->n_scans + 1, sizeof *s->scans);
	s->scans[s->n_scans].feed = feed;
	s->scans[s->n_scans].starred = starred;
	s->n_scans++;
}

/* store_sync_counts' callback: our counts against the server's. */
static int
sync_ttrss_compare(const struct store_sync_count *c, void *arg)
{
	struct sync_counts_arg *a = arg;
	char key[32];
	json_t *v;
	int64_t unread = 0, starred = 0;

	snprintf(key, sizeof key, "%lld", (long long)c->remote_id);
	v = json_object_get(a->counters, key);
	if (v != NULL) {
		unread = json_integer_value(json_array_get(v, 0));
		starred = json_integer_value(json_array_get(v, 1));
	}
	if (unread != c->unread)
		sync_ttrss_add_scan(a->s, c->remote_id, 0);
	if (starred == -1 ? c->starred > 0 : starred != c->starred)
		sync_ttrss_add_scan(a->s, c->remote_id, 1);
	return 0;
}

static int
sync_ttrss_counters(struct sync_ttrss *s, json_t *content)
{
	struct sync_counts_arg a;
	json_t *c, *marked;
	size_t i;
	char key[32];
	int64_t id;

	a.s = s;
	a.counters = json_object();
	json_array_foreach(content, i, c) {
		/* Feeds only: categories have a "kind", virtual feeds and
		 * labels ids of 0 and below, the totals names. */
		id = sync_ttrss_int(json_object_get(c, "id"), 0);
		if (id <= 0 || json_object_get(c, "kind") != NULL ||
		    !json_is_integer(json_object_get(c, "id")))
			continue;
		marked = json_object_get(c, "markedcounter");
		snprintf(key, sizeof key, "%lld", (long long)id);
		json_object_set_new(a.counters, key, json_pack("[II]",
		    (json_int_t)sync_ttrss_int(json_object_get(c, "counter"), 0),
		    (json_int_t)(marked != NULL ? sync_ttrss_int(marked, 0) : -1)));
	}
	s->n_scans = s->i_scan = 0;
	if (store_sync_counts(s->st, sync_ttrss_compare, &a) == -1) {
		json_decref(a.counters);
		return sync_ttrss_store_fail(s, xstrdup("cannot count the "
		    "stories"));
	}
	json_decref(a.counters);
	return sync_ttrss_next_scan(s);
}

static int sync_ttrss_scanned(struct sync_ttrss *s, json_t *content);

/* Ask for the next page of the current scan. */
static int
sync_ttrss_ask_scan(struct sync_ttrss *s)
{
	const struct sync_scan *sc = &s->scans[s->i_scan];

	return sync_ttrss_call(s, "getHeadlines", json_pack("{sIsssisIsbsb}",
	    "feed_id", (json_int_t)sc->feed, "view_mode", sc->starred ?
	    "marked" : "unread", "limit", SYNC_TTRSS_PAGE, "skip",
	    (json_int_t)s->skip, "show_content", 0, "show_excerpt", 0),
	    sync_ttrss_scanned);
}

/* The next feed to scan, or the end. */
static int
sync_ttrss_next_scan(struct sync_ttrss *s)
{
	if (s->i_scan >= s->n_scans)
		return sync_ttrss_finish(s);
	s->n_ids = 0;
	s->skip = 0;
	return sync_ttrss_ask_scan(s);
}

static int
sync_ttrss_cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static int
sync_ttrss_scanned(struct sync_ttrss *s, json_t *content)
{
	const struct sync_scan *sc = &s->scans[s->i_scan];
	char *err = NULL;
	json_t *h;
	size_t i;
	int changed = 0;

	if (!json_is_array(content))
		return sync_ttrss_fail(s, "%s sent no list of articles", s->url);
	json_array_foreach(content, i, h) {
		if (s->n_ids == s->cap_ids) {
			s->cap_ids = s->cap_ids ? s->cap_ids * 2 : 256;
			s->ids = xreallocarray(s->ids, s->cap_ids, sizeof *s->ids);
		}
		s->ids[s->n_ids++] = sync_ttrss_int(json_object_get(h, "id"), 0);
	}
	s->skip += (int64_t)json_array_size(content);
	if (json_array_size(content) >= SYNC_TTRSS_PAGE)
		return sync_ttrss_ask_scan(s);
	/* None at all (every story read there, say): no array to sort. */
	if (s->n_ids > 1)
		qsort(s->ids, s->n_ids, sizeof *s->ids, sync_ttrss_cmp_id);
	if (store_sync_begin(s->st, &err) == -1 ||
	    store_sync_feed_state(s->st, sc->feed, sc->starred, s->ids,
	    s->n_ids, &changed, &err) == -1) {
		store_sync_rollback(s->st);
		return sync_ttrss_store_fail(s, err);
	}
	if (store_sync_commit(s->st, &err) == -1)
		return sync_ttrss_store_fail(s, err);
	s->progress.changed_there += (size_t)changed;
	s->i_scan++;
	return sync_ttrss_next_scan(s);
}

/* ---- subscribing ---- */

/* subscribeToFeed's status codes (classes/feeds.php's subscribe_to_feed)
 * in words; 0 and 1 are success. */
static const char *const sync_ttrss_subscribe_codes[] = {
	[2] = "the server finds the URL invalid",
	[3] = "the URL is a web page with no feed in it",
	[4] = "the URL is a web page with several feeds: give one of them",
	[5] = "the server could not fetch it",
	[6] = "the server finds it no valid XML",
};

static int
sync_ttrss_subscribed(struct sync_ttrss *s, json_t *content)
{
	json_t *status = json_object_get(content, "status");
	int64_t code = sync_ttrss_int(json_object_get(status, "code"), -1);
	const char *why = code > 1 && code < (int64_t)nitems(
	    sync_ttrss_subscribe_codes) ? sync_ttrss_subscribe_codes[code] :
	    NULL;
	char *url, *msg;

	if (code == 0 || code == 1)
		return sync_ttrss_call(s, "logout", NULL, sync_ttrss_logged_out);
	url = text_clean(s->subscribe_url, 0);
	msg = text_clean(json_string_value(json_object_get(status, "message")),
	    TEXT_COLLAPSE_WS);
	sync_ttrss_cut(msg);
	sync_ttrss_fail(s, "%s cannot subscribe to %s: %s%s%s", s->url, url,
	    why != NULL ? why : "it says no", *msg != '\0' ? ": " : "", msg);
	free(url);
	free(msg);
	return -1;
}

static int
sync_ttrss_unsubscribed(struct sync_ttrss *s, json_t *content)
{
	(void)content;
	return sync_ttrss_call(s, "logout", NULL, sync_ttrss_logged_out);
}

static int
sync_ttrss_unsubscribe_find(struct sync_ttrss *s, json_t *content)
{
	json_t *f;
	size_t i;
	char *url;

	json_array_foreach(content, i, f) {
		if (json_is_string(json_object_get(f, "feed_url")) &&
		    strcmp(json_string_value(json_object_get(f, "feed_url")),
		    s->subscribe_url) == 0)
			return sync_ttrss_call(s, "unsubscribeFeed", json_pack(
			    "{sI}", "feed_id", (json_int_t)sync_ttrss_int(
			    json_object_get(f, "id"), 0)), sync_ttrss_unsubscribed);
	}
	url = text_clean(s->subscribe_url, 0);
	sync_ttrss_fail(s, "%s has no feed %s", s->url, url);
	free(url);
	return -1;
}

/* ---- the object ---- */

struct sync_ttrss *
sync_ttrss_new(struct store *st, const struct sync_opts *opts)
{
	struct sync_ttrss *s = xcalloc(1, sizeof *s);
	size_t len;

	s->st = st;
	s->opts = *opts;
	s->url = xstrdup(opts->url != NULL ? opts->url : "");
	len = strlen(s->url);
	while (len > 0 && s->url[len - 1] == '/')
		s->url[--len] = '\0';
	/* The API's own URL may be given too. */
	if (len >= 4 && strcmp(s->url + len - 4, "/api") == 0)
		s->url[len - 4] = '\0';
	s->api_url = xprintf("%s/api/", s->url);
	s->login = xstrdup(opts->login != NULL ? opts->login : "");
	s->password = xstrdup(opts->password != NULL ? opts->password : "");
	s->account = xprintf("%s@%s", s->login, s->url);
	s->opts.url = s->url;
	s->opts.login = s->login;
	s->opts.password = s->password;
	s->progress.phase = "logging in";
	return s;
}

void
sync_ttrss_free(struct sync_ttrss *s)
{
	if (s == NULL)
		return;
	fetch_free(s->fetch);
	json_decref(s->reply);
	json_decref(s->cats);
	free(s->reply_err);
	free(s->reply_code);
	free(s->url);
	free(s->api_url);
	free(s->login);
	if (s->password != NULL)
		explicit_bzero(s->password, strlen(s->password));
	free(s->password);
	free(s->account);
	free(s->sid);
	free(s->feeds);
	free(s->scans);
	free(s->ids);
	free(s->error);
	free(s);
}

/* Log in: the first call. */
static void
sync_ttrss_login(struct sync_ttrss *s)
{
	s->fetch = fetch_new(&s->opts.fetch, sync_ttrss_fetched, s);
	sync_ttrss_call(s, "login", json_pack("{ssss}", "user", s->login,
	    "password", s->password), sync_ttrss_logged_in);
	/* Needed no more: kept no longer than this. */
	explicit_bzero(s->password, strlen(s->password));
	xfree(s->password);
	s->opts.password = NULL;
}

int
sync_ttrss_start(struct sync_ttrss *s, char **err)
{
	if (s->fetch != NULL)
		return error_set(err, "sync already started");
	if (*s->url == '\0' || strncmp(s->url, "http", 4) != 0)
		return error_set(err, "ttrss-url is not an http or https URL");
	if (*s->login == '\0')
		return error_set(err, "ttrss-login is not set");
	if (store_lock_refresh(s->st, err) == -1)
		return -1;
	sync_ttrss_login(s);
	return 0;
}

int
sync_ttrss_step(struct sync_ttrss *s, int timeout_ms, int extra_fd,
    int *extra_ready)
{
	if (extra_ready != NULL)
		*extra_ready = 0;
	if (s->done || s->fetch == NULL) {
		if (extra_fd >= 0 && s->fetch != NULL)
			return fetch_step(s->fetch, timeout_ms, extra_fd,
			    extra_ready);
		return 0;
	}
	if (fetch_step(s->fetch, timeout_ms, extra_fd, extra_ready) == -1) {
		sync_ttrss_fail(s, "transfers failed");
		return -1;
	}
	if (s->waiting && s->replied)
		sync_ttrss_dispatch(s);
	return 0;
}

int
sync_ttrss_done(const struct sync_ttrss *s)
{
	return s->done;
}

const char *
sync_ttrss_error(const struct sync_ttrss *s, int *store_failed)
{
	if (store_failed != NULL)
		*store_failed = s->store_failed;
	return s->error;
}

void
sync_ttrss_progress(const struct sync_ttrss *s, struct sync_progress *p)
{
	*p = s->progress;
}

int
sync_ttrss_run(struct sync_ttrss *s, char **err)
{
	if (sync_ttrss_start(s, err) == -1)
		return -1;
	while (!s->done) {
		if (sync_ttrss_step(s, 1000, -1, NULL) == -1)
			break;
	}
	if (s->error != NULL)
		return error_set(err, "%s", s->error);
	return 0;
}

/* Log in, do one thing to the subscriptions, log out; 0 or -1. */
static int
sync_ttrss_once(const struct sync_opts *opts, const char *url,
    int unsubscribe, char **err)
{
	struct sync_ttrss *s = sync_ttrss_new(NULL, opts);
	int rc = 0;

	s->subscribe_url = url;
	s->unsubscribe = unsubscribe;
	sync_ttrss_login(s);
	while (!s->done) {
		if (sync_ttrss_step(s, 1000, -1, NULL) == -1)
			break;
	}
	if (s->error != NULL)
		rc = error_set(err, "%s", s->error);
	sync_ttrss_free(s);
	return rc;
}

int
sync_ttrss_subscribe(const struct sync_opts *opts, const char *url,
    char **err)
{
	return sync_ttrss_once(opts, url, 0, err);
}

int
sync_ttrss_unsubscribe(const struct sync_opts *opts, const char *url,
    char **err)
{
	return sync_ttrss_once(opts, url, 1, err);
}

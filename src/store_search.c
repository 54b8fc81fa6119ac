/*
 * store_search.c - the reader's `/` search: FTS5 words over titles and
 * body text, narrowed by speaker:NAME and source:NAME terms that look the
 * name up among the quotes' speakers and the cited sources.
 *
 * The query is the user's: it is parsed here, never pasted into SQL (the
 * words and names are bound parameters), and a bad one is an error
 * message, never a crash.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/buf.h"
#include "hearsay/store.h"
#include "hearsay/util.h"
#include "store_int.h"

#define SEARCH_MAX_TERMS 8
/* Words alone rank at most this many of their matches, the most recently
 * stored: bm25 costs about 5,000 instructions a match, and a common word
 * is in tens of thousands of stories (42,166 of 110,000 for "harbour"). */
#define SEARCH_RANKED_MAX "5000"

/* The name terms a query may hold, and the stories each one selects. */
static const struct {
	const char	*prefix;
	const char	*where;
} search_terms[] = {
	{ "speaker:", " AND s.id IN (SELECT q.story_id FROM quotes q"
	  " WHERE q.speaker_id IN (SELECT id FROM names"
	  " WHERE key LIKE ?" },
	{ "source:", " AND s.id IN (SELECT src.story_id FROM sources src"
	  " WHERE src.name_id IN (SELECT id FROM names"
	  " WHERE key LIKE ?" },
};

/* A query taken apart: the FTS5 words, and each name term's kind and
 * LIKE pattern. */
struct search_query {
	struct buf	 words;
	size_t		 kind[SEARCH_MAX_TERMS];
	char		*pattern[SEARCH_MAX_TERMS];
	size_t		 n;
};

static int
search_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The end of the token at p: a "quoted phrase" runs to its closing mark
 * (or the end), anything else to white space. */
static const char *
search_token_end(const char *p)
{
	const char *close;

	if (*p == '"') {
		close = strchr(p + 1, '"');
		return close != NULL ? close + 1 : p + strlen(p);
	}
	while (*p != '\0' && !search_space(*p) && *p != '"')
		p++;
	return p;
}

/* The LIKE pattern finding a name anywhere in a key: the name's key with
 * %, _ and \ escaped.  Caller frees. */
static char *
search_pattern(const char *name, size_t len)
{
	char *raw = xstrndup(name, len), *key = store_name_key(raw);
	struct buf b = BUF_INIT;
	const char *p;

	buf_addc(&b, '%');
	for (p = key; *p != '\0'; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_addc(&b, '\\');
		buf_addc(&b, *p);
	}
	buf_addc(&b, '%');
	free(raw);
	free(key);
	return buf_detach(&b);
}

/* Take the value of a name term at p (a word or a "quoted phrase") into
 * q; returns the byte after it, or NULL with *err. */
static const char *
search_term(struct search_query *q, size_t kind, const char *p, char **err)
{
	const char *end = search_token_end(p), *v = p;
	size_t len = (size_t)(end - p);

	if (*v == '"') {
		v++;
		len = end > v && end[-1] == '"' ? (size_t)(end - v - 1) :
		    (size_t)(end - v);
	}
	if (len == 0 || q->n == SEARCH_MAX_TERMS) {
		error_set(err, len == 0 ? "%s wants a name" :
		    "too many names in one search", search_terms[kind].prefix);
		return NULL;
	}
	q->kind[q->n] = kind;
	q->pattern[q->n] = search_pattern(v, len);
	if (strcmp(q->pattern[q->n], "%%") == 0) {
		free(q->pattern[q->n]);
		error_set(err, "%s wants a name", search_terms[kind].prefix);
		return NULL;
	}
	q->n++;
	return end;
}

/* The kind of name term starting at p, or -1 when it is a word. */
static int
search_term_kind(const char *p)
{
	size_t i;

	for (i = 0; i < nitems(search_terms); i++) {
		if (ascii_ncasecmp(p, search_terms[i].prefix,
		    strlen(search_terms[i].prefix)) == 0)
			return (int)i;
	}
	return -1;
}

/* Split the user's query into q.  0, or -1 with *err. */
static int
search_parse(struct search_query *q, const char *query, char **err)
{
	const char *p = query, *end;
	int kind;

	while (*p != '\0') {
		if (search_space(*p)) {
			p++;
			continue;
		}
		kind = search_term_kind(p);
		if (kind >= 0) {
			p += strlen(search_terms[kind].prefix);
			p = search_term(q, (size_t)kind, p, err);
			if (p == NULL)
				return -1;
			continue;
		}
		end = search_token_end(p);
		if (end == p)
			end++;
		if (q->words.len > 0)
			buf_addc(&q->words, ' ');
		buf_add(&q->words, p, (size_t)(end - p));
		p = end;
	}
	if (q->words.len == 0 && q->n == 0)
		return error_set(err, "nothing to search for");
	return 0;
}

static void
search_query_free(struct search_query *q)
{
	size_t i;

	buf_free(&q->words);
	for (i = 0; i < q->n; i++)
		free(q->pattern[i]);
}

/* The SQL of a parsed query: ?1 the words (when there are any), ?2 the
 * row limit, ?3... the name patterns.  Caller frees. */
static char *
search_sql(const struct search_query *q)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_addstr(&b, "SELECT " STORY_COLUMNS);
	/* Words alone: the index ranks the newest SEARCH_RANKED_MAX of its
	 * matches (by rowid, the order stories were stored in, which the
	 * index walks backwards without sorting) and only the best ?2 are
	 * joined to their stories, not every match.  Equal scores past the
	 * last row kept may then lose their newest-first order; scores are
	 * rarely equal. */
	if (q->words.len > 0 && q->n == 0) {
		buf_addstr(&b, " FROM (SELECT id, score FROM (SELECT rowid AS id,"
		    " bm25(stories_fts, 4.0, 1.0) AS score FROM stories_fts"
		    " WHERE stories_fts MATCH ?1 ORDER BY rowid DESC LIMIT "
		    SEARCH_RANKED_MAX ") ORDER BY score LIMIT ?2) m"
		    " JOIN stories s ON s.id = m.id"
		    " JOIN feeds f ON f.id = s.feed_id" STORY_JOIN_ANALYSIS
		    " ORDER BY m.score, s.date DESC");
		return buf_detach(&b);
	}
	if (q->words.len > 0)
		buf_addstr(&b, " FROM stories_fts"
		    " JOIN stories s ON s.id = stories_fts.rowid");
	else
		buf_addstr(&b, " FROM stories s");
	buf_addstr(&b, " JOIN feeds f ON f.id = s.feed_id" STORY_JOIN_ANALYSIS);
	buf_addstr(&b, q->words.len > 0 ? " WHERE stories_fts MATCH ?1" :
	    " WHERE 1");
	for (i = 0; i < q->n; i++)
		buf_printf(&b, "%s%d ESCAPE '\\'))",
		    search_terms[q->kind[i]].where, (int)i + 3);
	if (q->words.len > 0)
		buf_addstr(&b, " ORDER BY bm25(stories_fts, 4.0, 1.0),"
		    " s.date DESC LIMIT ?2");
	else
		buf_addstr(&b, " ORDER BY s.date DESC, s.id DESC LIMIT ?2");
	return buf_detach(&b);
}

/* Step s into rows; the count, or -1 (rows cleared). */
static int
search_rows(sqlite3_stmt *s, int n, struct store_story *rows)
{
	int got = 0, rc = SQLITE_DONE;

	while (got < n && (rc = sqlite3_step(s)) == SQLITE_ROW)
		store_story_from_row(s, &rows[got++]);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return got;
	while (got > 0)
		store_story_clear(&rows[--got]);
	return -1;
}

int
store_search_ranked(const char *query)
{
	struct search_query q;
	int ranked;

	memset(&q, 0, sizeof q);
	buf_init(&q.words, 0);
	ranked = search_parse(&q, query, NULL) == 0 && q.words.len > 0;
	search_query_free(&q);
	return ranked;
}

int
store_search(struct store *st, const char *query, int n,
    struct store_story *rows, char **err)
{
	struct search_query q;
	sqlite3_stmt *s = NULL;
	char *sql = NULL;
	size_t i;
	int got = -1;

	memset(&q, 0, sizeof q);
	buf_init(&q.words, 0);
	if (n <= 0)
		return 0;
	memset(rows, 0, (size_t)n * sizeof *rows);
	if (search_parse(&q, query, err) == -1)
		goto out;
	sql = search_sql(&q);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_error(st, err, "cannot search");
		goto out;
	}
	if (q.words.len > 0)
		sqlite3_bind_text(s, 1, buf_str(&q.words), -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, n);
	for (i = 0; i < q.n; i++)
		sqlite3_bind_text(s, (int)i + 3, q.pattern[i], -1,
		    SQLITE_STATIC);
	got = search_rows(s, n, rows);
	/* FTS5 reports query syntax errors here, at the first step. */
	if (got == -1)
		error_set(err, "bad search '%s': %s", query,
		    sqlite3_errmsg(st->db));
out:
	sqlite3_finalize(s);
	free(sql);
	search_query_free(&q);
	return got;
}

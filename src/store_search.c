/*
 * store_search.c - the reader's `/` search: words over titles and body
 * text (FTS5), narrowed by speaker:NAME and source:NAME terms that look
 * the name up among the quotes' speakers and the cited sources.
 *
 * The query is the user's text, never FTS5 syntax: it is read here, each
 * word quoted as an FTS5 string, the operators and parentheses kept only
 * where they make a well-formed expression, and never pasted into SQL
 * (the expression and the names are bound parameters).  Whatever is
 * typed searches; no SQLite or FTS5 message is ever the answer to it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/buf.h"
#include "hearsay/store.h"
#include "hearsay/text.h"
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

/* Parentheses nest this deep at most; deeper ones are dropped (FTS5's
 * parser has a small stack, and nobody nests searches deeper). */
#define SEARCH_MAX_DEPTH 8

/* What the user's query is made of, read as hearsay reads it (never as
 * FTS5 would: it is no syntax the user is asked to know). */
enum search_tok_kind {
	SEARCH_WORD,	/* a word or a "phrase", as an FTS5 string */
	SEARCH_OP,	/* AND, OR or NOT in capitals */
	SEARCH_OPEN,	/* ( */
	SEARCH_CLOSE,	/* ) */
};

struct search_tok {
	enum search_tok_kind kind;
	char	*text;		/* the FTS5 string; the operator's name */
};

/* A query taken apart: its tokens, the FTS5 expression they make (every
 * word quoted, the operators and parentheses kept only where they are
 * well-formed), and each name term's kind and LIKE pattern. */
struct search_query {
	struct search_tok *toks;
	size_t		 n_toks;
	int		 any;		/* something besides white space */
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
	while (*p != '\0' && !search_space(*p))
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

/* The index's tokenizer, to tell the words that hold something to find
 * from those that are all punctuation ("-", "—"): FTS5 reads a string of
 * no tokens as matching nothing, which would empty an AND. */
struct search_tokenizer {
	fts5_tokenizer	 api;
	Fts5Tokenizer	*tok;
};

/* Set up t with the unicode61 tokenizer of db (db may be NULL); 0, or -1
 * when there is none (every word then counts as holding something).
 * What is a token does not depend on the index's remove_diacritics. */
static int
search_tokenizer_open(sqlite3 *db, struct search_tokenizer *t)
{
	fts5_api *api = NULL;
	sqlite3_stmt *s;
	void *ud;

	t->tok = NULL;
	if (db == NULL ||
	    sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(s);
	sqlite3_finalize(s);
	if (api == NULL ||
	    api->xFindTokenizer(api, "unicode61", &ud, &t->api) != SQLITE_OK ||
	    t->api.xCreate(ud, NULL, 0, &t->tok) != SQLITE_OK) {
		t->tok = NULL;
		return -1;
	}
	return 0;
}

static void
search_tokenizer_close(struct search_tokenizer *t)
{
	if (t->tok != NULL)
		t->api.xDelete(t->tok);
	t->tok = NULL;
}

/* Count one token. */
static int
search_count(void *arg, int flags, const char *token, int n, int start,
    int end)
{
	(void)flags;
	(void)token;
	(void)n;
	(void)start;
	(void)end;
	(*(int *)arg)++;
	return SQLITE_OK;
}

/* Non-zero when s[0..len) holds a token to find. */
static int
search_has_token(struct search_tokenizer *t, const char *s, size_t len)
{
	int n = 0;

	if (t->tok == NULL)
		return len > 0;
	if (len > INT32_MAX ||
	    t->api.xTokenize(t->tok, &n, FTS5_TOKENIZE_QUERY, s, (int)len,
	    search_count) != SQLITE_OK)
		return 1;
	return n > 0;
}

/* Append a token to q (text taken over, may be NULL). */
static void
search_push(struct search_query *q, enum search_tok_kind kind, char *text)
{
	q->toks = xreallocarray(q->toks, q->n_toks + 1, sizeof(*q->toks));
	q->toks[q->n_toks].kind = kind;
	q->toks[q->n_toks].text = text;
	q->n_toks++;
}

/* Add s[0..len) as a word: an FTS5 string, its " doubled, with the prefix
 * mark when asked; a word of nothing but punctuation is left out. */
static void
search_push_word(struct search_query *q, struct search_tokenizer *t,
    const char *s, size_t len, int prefix)
{
	struct buf b = BUF_INIT;
	size_t i;

	if (!search_has_token(t, s, len))
		return;
	buf_addc(&b, '"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_addc(&b, '"');
		buf_addc(&b, s[i]);
	}
	buf_addstr(&b, prefix ? "\"*" : "\"");
	search_push(q, SEARCH_WORD, buf_detach(&b));
}

/* A word that is not a phrase, at p up to end: ")" at its end close
 * groups, "*" before them makes it a prefix, AND, OR and NOT are
 * operators. */
static void
search_lex_word(struct search_query *q, struct search_tokenizer *t,
    const char *p, const char *end)
{
	static const char *const ops[] = { "AND", "OR", "NOT" };
	const char *e = end;
	size_t closes = 0, i, len;
	int prefix = 0;

	while (e > p && e[-1] == ')') {
		e--;
		closes++;
	}
	while (e > p && e[-1] == '*') {
		e--;
		prefix = 1;
	}
	len = (size_t)(e - p);
	for (i = 0; i < nitems(ops) && !prefix; i++) {
		if (len == strlen(ops[i]) && memcmp(p, ops[i], len) == 0)
			break;
	}
	if (!prefix && i < nitems(ops))
		search_push(q, SEARCH_OP, xstrdup(ops[i]));
	else
		search_push_word(q, t, p, len, prefix);
	while (closes-- > 0)
		search_push(q, SEARCH_CLOSE, NULL);
}

/* Split the user's query into q's tokens and name terms, the words'
 * tokens counted with db's tokenizer (NULL: not counted).  0, or -1 with
 * *err when a name term is bad. */
static int
search_lex(struct search_query *q, sqlite3 *db, const char *query,
    char **err)
{
	struct search_tokenizer t;
	char *clean = text_sanitize(query, strlen(query), 0);
	const char *p = clean, *end;
	int kind, rc = 0;

	search_tokenizer_open(db, &t);
	while (rc == 0 && *p != '\0') {
		if (search_space(*p)) {
			p++;
			continue;
		}
		q->any = 1;
		kind = search_term_kind(p);
		if (*p == '(' || *p == ')') {
			search_push(q, *p == '(' ? SEARCH_OPEN : SEARCH_CLOSE,
			    NULL);
			p++;
		} else if (kind >= 0) {
			p += strlen(search_terms[kind].prefix);
			p = search_term(q, (size_t)kind, p, err);
			rc = p == NULL ? -1 : 0;
		} else if (*p == '"') {
			/* A phrase; one left open runs to the end. */
			end = search_token_end(p);
			search_push_word(q, &t, p + 1, (size_t)(end - p - 1) -
			    (end[-1] == '"' && end - p > 1), *end == '*');
			for (p = end; *p == '*'; p++)
				;
		} else {
			end = search_token_end(p);
			search_lex_word(q, &t, p, end);
			p = end;
		}
	}
	search_tokenizer_close(&t);
	free(clean);
	return rc;
}

/* Join the next term of a sequence: the operator between (if any), else
 * AND beside a group (FTS5 takes no implicit AND there), else a space. */
static void
search_join(struct buf *out, size_t terms, const char **op, int group,
    int *last_group)
{
	if (terms > 0 && *op != NULL)
		buf_printf(out, " %s ", *op);
	else if (terms > 0 && (group || *last_group))
		buf_addstr(out, " AND ");
	else if (terms > 0)
		buf_addc(out, ' ');
	*op = NULL;
	*last_group = group;
}

/* Write q's tokens from *i to the end, or to the ")" that closes the
 * group at depth > 0, into out as a well-formed FTS5 expression: an
 * operator with no term on either side is a word, an unmatched ")"
 * is dropped, an open group is closed, an empty one left out, groups
 * deeper than SEARCH_MAX_DEPTH are flattened (*flat counts their opened
 * parentheses).  Returns the number of terms written. */
static size_t
search_expr(const struct search_query *q, size_t *i, int depth, int *flat,
    struct buf *out)
{
	const struct search_tok *tk;
	const char *op = NULL;
	struct buf sub = BUF_INIT;
	size_t terms = 0;
	int last_group = 0;

	while (*i < q->n_toks) {
		tk = &q->toks[(*i)++];
		if (tk->kind == SEARCH_CLOSE && *flat > 0) {
			(*flat)--;
		} else if (tk->kind == SEARCH_CLOSE) {
			if (depth > 0)
				break;
		} else if (tk->kind == SEARCH_OPEN && depth >= SEARCH_MAX_DEPTH) {
			(*flat)++;
		} else if (tk->kind == SEARCH_OPEN) {
			buf_reset(&sub);
			if (search_expr(q, i, depth + 1, flat, &sub) == 0)
				continue;
			search_join(out, terms++, &op, 1, &last_group);
			buf_printf(out, "(%s)", buf_str(&sub));
		} else if (tk->kind == SEARCH_OP && terms > 0 && op == NULL) {
			op = tk->text;
		} else {
			search_join(out, terms++, &op, 0, &last_group);
			if (tk->kind == SEARCH_OP)
				buf_printf(out, "\"%s\"", tk->text);
			else
				buf_addstr(out, tk->text);
		}
	}
	/* An operator with nothing after it is the word it spells. */
	if (op != NULL) {
		buf_printf(out, "%s\"%s\"", last_group ? " AND " : " ", op);
		terms++;
	}
	buf_free(&sub);
	return terms;
}

/* The words alone, for a query FTS5 refused after all: every word and
 * operator as a string, no groups. */
static void
search_plain(const struct search_query *q, struct buf *out)
{
	size_t i;

	buf_reset(out);
	for (i = 0; i < q->n_toks; i++) {
		if (q->toks[i].kind == SEARCH_WORD)
			buf_printf(out, "%s%s", out->len > 0 ? " " : "",
			    q->toks[i].text);
		else if (q->toks[i].kind == SEARCH_OP)
			buf_printf(out, "%s\"%s\"", out->len > 0 ? " " : "",
			    q->toks[i].text);
	}
}

/* Take the user's query apart into q (words counted with db's tokenizer,
 * NULL: not).  0, or -1 with *err. */
static int
search_parse(struct search_query *q, sqlite3 *db, const char *query,
    char **err)
{
	size_t i = 0;
	int flat = 0;

	if (search_lex(q, db, query, err) == -1)
		return -1;
	search_expr(q, &i, 0, &flat, &q->words);
	if (!q->any)
		return error_set(err, "nothing to search for");
	return 0;
}

static void
search_query_init(struct search_query *q)
{
	memset(q, 0, sizeof(*q));
	buf_init(&q->words, 0);
}

static void
search_query_free(struct search_query *q)
{
	size_t i;

	buf_free(&q->words);
	for (i = 0; i < q->n; i++)
		free(q->pattern[i]);
	for (i = 0; i < q->n_toks; i++)
		free(q->toks[i].text);
	free(q->toks);
}

char *
store_search_match(struct store *st, const char *query)
{
	struct search_query q;
	char *out = NULL;

	search_query_init(&q);
	if (search_parse(&q, st != NULL ? st->db : NULL, query, NULL) == 0 &&
	    q.words.len > 0)
		out = xstrdup(buf_str(&q.words));
	search_query_free(&q);
	return out;
}

/* The stories no list shows but the starred one: those of the feeds gone
 * from the urls file, not starred (few, and none once pruned). */
#define SEARCH_UNLISTED "(SELECT id FROM stories WHERE starred = 0" \
	" AND feed_id IN (SELECT id FROM feeds WHERE gone_since IS NOT NULL))"

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
		    SEARCH_RANKED_MAX ") WHERE id NOT IN " SEARCH_UNLISTED
		    " ORDER BY score LIMIT ?2) m"
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
	buf_addstr(&b, " AND (f.gone_since IS NULL OR s.starred = 1)");
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

	search_query_init(&q);
	ranked = search_parse(&q, NULL, query, NULL) == 0 && q.words.len > 0;
	search_query_free(&q);
	return ranked;
}

/* Run the parsed query into rows: the count, or -1 with *code the
 * SQLite error (SQLITE_ERROR: FTS5 refused the expression). */
static int
search_run(struct store *st, const struct search_query *q, int n,
    struct store_story *rows, int *code)
{
	sqlite3_stmt *s = NULL;
	char *sql = search_sql(q);
	size_t i;
	int got = -1;

	*code = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	free(sql);
	if (*code != SQLITE_OK)
		return -1;
	if (q->words.len > 0)
		sqlite3_bind_text(s, 1, buf_str(&q->words), -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, n);
	for (i = 0; i < q->n; i++)
		sqlite3_bind_text(s, (int)i + 3, q->pattern[i], -1,
		    SQLITE_STATIC);
	/* FTS5 reports what it cannot read here, at the first step. */
	got = search_rows(s, n, rows);
	*code = got == -1 ? sqlite3_errcode(st->db) : SQLITE_OK;
	sqlite3_finalize(s);
	return got;
}

int
store_search(struct store *st, const char *query, int n,
    struct store_story *rows, char **err)
{
	struct search_query q;
	int got = -1, code = SQLITE_OK;

	search_query_init(&q);
	if (n <= 0)
		return 0;
	memset(rows, 0, (size_t)n * sizeof *rows);
	if (search_parse(&q, st->db, query, err) == -1)
		goto out;
	/* Nothing but punctuation: no story holds it. */
	got = 0;
	if (q.words.len == 0 && q.n == 0)
		goto out;
	got = search_run(st, &q, n, rows, &code);
	/* Every word is quoted, so FTS5 takes every expression made here;
	 * should it refuse one all the same, the words alone are searched,
	 * and its message never reaches the user. */
	if (got == -1 && code == SQLITE_ERROR && q.words.len > 0) {
		search_plain(&q, &q.words);
		got = search_run(st, &q, n, rows, &code);
	}
	if (got == -1 && code == SQLITE_ERROR)
		error_set(err, "cannot search for %s", query);
	else if (got == -1)
		store_error(st, err, "cannot search");
out:
	search_query_free(&q);
	return got;
}

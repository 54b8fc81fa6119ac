/*
 * mkstore.c - build a fixture store for the reader's end-to-end tests
 * through the real store API.
 *
 * usage: mkstore DB < SPEC.  SPEC has one "KEY<TAB>VALUE" a line:
 *   feed   URL<TAB>TITLE<TAB>TAGS   starts a feed
 *   error  MESSAGE                  its last fetch failed (HTTP 500)
 *   story  DATE<TAB>TITLE           a story (DATE in seconds, UTC)
 *   link / author / body            of the last story (body is HTML;
 *                                   "\n" in it stands for a newline)
 *   read / starred                  marks the last story
 *   many   N<TAB>DATE[<TAB>BODY]    N generated stories, an hour apart,
 *                                   each with BODY when given
 *   analyze                         once the store is built, run the
 *                                   quote engine over every story
 * Blank lines and lines starting with '#' are skipped.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hearsay/analyze.h"
#include "hearsay/feed.h"
#include "hearsay/quotes.h"
#include "hearsay/store.h"
#include "hearsay/util.h"

struct mark {
	char	*guid;
	int	 starred;	/* else read */
};

struct spec {
	struct store	*st;
	struct feed_doc	 doc;
	int64_t		 feed_id;
	struct mark	*marks;
	size_t		 n_marks;
	int		 analyze;
};

static void
spec_item_free(struct feed_item *it)
{
	free(it->id);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->content);
}

static int64_t
spec_find(struct spec *sp, const char *guid)
{
	struct store_query q = { STORE_SCOPE_FEED, sp->feed_id, 1, 0, NULL };
	struct store_story rows[1];
	int64_t i, n = store_story_count(sp->st, &q), id = 0;

	for (i = 0; i < n && id == 0; i++) {
		memset(rows, 0, sizeof(rows));
		if (store_story_rows(sp->st, &q, i, 1, rows) != 1)
			break;
		if (rows[0].link != NULL && strcmp(rows[0].link, guid) == 0)
			id = rows[0].id;
		store_story_clear(&rows[0]);
	}
	return id;
}

/* Merge the current feed's stories, then apply its marks. */
static void
spec_flush(struct spec *sp)
{
	char *err = NULL;
	size_t i;
	int n_new;
	int64_t id;

	if (sp->feed_id != 0 && store_feed_merge(sp->st, sp->feed_id,
	    &sp->doc, 1700000000, &n_new, &err) == -1)
		fatal("merge: %s", err);
	for (i = 0; i < sp->n_marks; i++) {
		id = spec_find(sp, sp->marks[i].guid);
		if (id == 0)
			fatal("no story %s", sp->marks[i].guid);
		if (sp->marks[i].starred)
			store_story_set_starred(sp->st, id, 1, NULL);
		else
			store_story_set_read(sp->st, id, 1, NULL);
		free(sp->marks[i].guid);
	}
	sp->n_marks = 0;
	for (i = 0; i < sp->doc.n_items; i++)
		spec_item_free(&sp->doc.items[i]);
	free(sp->doc.items);
	free(sp->doc.title);
	memset(&sp->doc, 0, sizeof(sp->doc));
	sp->doc.format = FEED_FORMAT_RSS20;
}

static struct feed_item *
spec_story(struct spec *sp, int64_t date, const char *title)
{
	struct feed_item *it;

	sp->doc.items = xreallocarray(sp->doc.items, sp->doc.n_items + 1,
	    sizeof(*it));
	it = &sp->doc.items[sp->doc.n_items++];
	memset(it, 0, sizeof(*it));
	it->id = xprintf("https://example.test/%lld/%zu", (long long)date,
	    sp->doc.n_items);
	it->link = xstrdup(it->id);
	it->title = xstrdup(title);
	it->published = date;
	it->updated = FEED_NO_DATE;
	return it;
}

/* "\n" in a body stands for a newline. */
static char *
spec_unescape(const char *s)
{
	char *out = xstrdup(s), *p = out;

	for (; *s != '\0'; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			*p++ = '\n';
			s++;
		} else {
			*p++ = *s;
		}
	}
	*p = '\0';
	return out;
}

static void
spec_mark(struct spec *sp, int starred)
{
	struct feed_item *it;

	if (sp->doc.n_items == 0)
		fatal("mark before any story");
	it = &sp->doc.items[sp->doc.n_items - 1];
	sp->marks = xreallocarray(sp->marks, sp->n_marks + 1,
	    sizeof(*sp->marks));
	sp->marks[sp->n_marks].guid = xstrdup(it->link);
	sp->marks[sp->n_marks].starred = starred;
	sp->n_marks++;
}

static void
spec_feed(struct spec *sp, char *v)
{
	char *title, *tags, *err = NULL;

	spec_flush(sp);
	title = strchr(v, '\t');
	if (title != NULL)
		*title++ = '\0';
	tags = title != NULL ? strchr(title, '\t') : NULL;
	if (tags != NULL)
		*tags++ = '\0';
	if (store_feed_ensure(sp->st, v, title, tags, &sp->feed_id,
	    &err) == -1)
		fatal("feed: %s", err);
}

static void
spec_error(struct spec *sp, const char *msg)
{
	struct store_fetch_result r = { 500, msg, NULL, NULL, NULL,
	    1700000000 };
	char *err = NULL;

	if (store_feed_record(sp->st, sp->feed_id, &r, &err) == -1)
		fatal("record: %s", err);
}

static void
spec_many(struct spec *sp, char *v)
{
	char *date = strchr(v, '\t'), *title, *body;
	long n, d, i;

	if (date == NULL)
		fatal("many N<TAB>DATE[<TAB>BODY]");
	*date++ = '\0';
	body = strchr(date, '\t');
	if (body != NULL)
		*body++ = '\0';
	if (parse_long(v, 1, 100000, &n) == -1 ||
	    parse_long(date, 0, 4000000000L, &d) == -1)
		fatal("bad many line");
	for (i = 0; i < n; i++) {
		title = xprintf("Generated story %ld", i + 1);
		spec_story(sp, d - i * 3600, title);
		if (body != NULL)
			sp->doc.items[sp->doc.n_items - 1].content =
			    spec_unescape(body);
		free(title);
	}
}

static void
spec_line(struct spec *sp, char *line)
{
	struct feed_item *it = sp->doc.n_items > 0 ?
	    &sp->doc.items[sp->doc.n_items - 1] : NULL;
	char *v = strchr(line, '\t'), *title;
	long date;

	if (*line == '\0' || *line == '#')
		return;
	if (v == NULL)
		v = line + strlen(line);
	else
		*v++ = '\0';
	if (strcmp(line, "feed") == 0) {
		spec_feed(sp, v);
	} else if (strcmp(line, "error") == 0) {
		spec_error(sp, v);
	} else if (strcmp(line, "story") == 0) {
		title = strchr(v, '\t');
		if (title == NULL)
			fatal("story DATE<TAB>TITLE");
		*title++ = '\0';
		if (parse_long(v, 0, 4000000000L, &date) == -1)
			fatal("bad date %s", v);
		spec_story(sp, date, title);
	} else if (strcmp(line, "analyze") == 0) {
		sp->analyze = 1;
	} else if (strcmp(line, "many") == 0) {
		spec_many(sp, v);
	} else if (it == NULL) {
		fatal("%s before any story", line);
	} else if (strcmp(line, "link") == 0) {
		free(it->link);
		it->link = xstrdup(v);
	} else if (strcmp(line, "author") == 0) {
		it->author = xstrdup(v);
	} else if (strcmp(line, "body") == 0) {
		it->content = spec_unescape(v);
	} else if (strcmp(line, "read") == 0 || strcmp(line, "starred") == 0) {
		spec_mark(sp, line[0] == 's');
	} else {
		fatal("unknown spec line %s", line);
	}
}

/* Analyse every story with the language data of the source tree. */
static void
spec_analyze(struct spec *sp)
{
	struct quotes_lang *lang;
	char *err = NULL;

	lang = quotes_lang_load(HEARSAY_SRCDIR "/data/en", &err);
	if (lang == NULL)
		fatal("language data: %s", err);
	if (analyze_pending(sp->st, lang, 0, 1, NULL, NULL, NULL, &err) == -1)
		fatal("analyze: %s", err);
	quotes_lang_free(lang);
}

int
main(int argc, char **argv)
{
	struct spec sp;
	char *line = NULL, *err = NULL;
	size_t cap = 0;
	ssize_t n;

	if (argc != 2)
		fatal("usage: mkstore DB < SPEC");
	memset(&sp, 0, sizeof(sp));
	sp.doc.format = FEED_FORMAT_RSS20;
	if (store_open(&sp.st, argv[1], STORE_CREATE, &err) == -1)
		fatal("%s: %s", argv[1], err);
	while ((n = getline(&line, &cap, stdin)) != -1) {
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		spec_line(&sp, line);
	}
	spec_flush(&sp);
	if (sp.analyze)
		spec_analyze(&sp);
	free(sp.marks);
	free(line);
	store_close(sp.st);
	return 0;
}

/*
 * feedlist.c - the urls file: read it, look feeds up, add and drop feeds,
 * write it back.
 *
 * The file is kept as its lines; a line that holds a feed also points at
 * its entry.  Saving writes the kept lines as they were read, so comments,
 * odd spacing and lines hearsay does not understand survive a rewrite.
 * This file must never run a command (newsboat's exec:/filter: feeds are
 * recognised only to say they are not supported) nor print anything:
 * problems go back to the caller as messages.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hearsay/buf.h"
#include "hearsay/feedlist.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "hearsay/words.h"

/* A urls file larger than this is certainly not one. */
#define FEEDLIST_MAX_FILE ((size_t)16 * 1024 * 1024)

struct feedlist_line {
	char	*raw;		/* bytes as read, no newline; NULL if added */
	size_t	 raw_len;
	int	 no_newline;	/* the file's last line had no newline */
	int	 gone;		/* removed: not written again */
	struct feedlist_entry *entry; /* the feed on this line, or NULL; a
				 * duplicate line points at the first's */
};

/* A separator line of the feed list, shown before entry `before`. */
struct feedlist_sep {
	char	*text;
	size_t	 before;
};

struct feedlist {
	struct feedlist_line *lines;
	size_t	 n_lines;
	struct feedlist_entry **entries;
	size_t	 n_entries;
	struct feedlist_entry **index;	/* by URL hash, open addressing */
	size_t	 n_index;	/* slots: a power of two, or 0 */
	struct feedlist_sep *seps;
	size_t	 n_seps;
};

/* What the first word of a line makes of it. */
enum feedlist_kind { FEEDLIST_FEED, FEEDLIST_SEPARATOR, FEEDLIST_BAD };

/* newsboat feed kinds hearsay recognises but will not fetch or run. */
static const struct {
	const char *prefix;
	const char *what;
} feedlist_unsupported[] = {
	{ "query:", "query: feeds are not supported" },
	{ "exec:", "exec: feeds are not supported" },
	{ "filter:", "filter: feeds are not supported" },
};

static const char *const feedlist_schemes[] = {
	"http://", "https://", "file://",
};

struct feedlist *
feedlist_new(void)
{
	return xcalloc(1, sizeof(struct feedlist));
}

/* Free an entry and everything it owns; NULL is fine. */
static void
feedlist_entry_free(struct feedlist_entry *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->n_tags; i++)
		free(e->tags[i]);
	free(e->tags);
	free(e->url);
	free(e->title);
	free(e);
}

void
feedlist_free(struct feedlist *fl)
{
	size_t i;

	if (fl == NULL)
		return;
	for (i = 0; i < fl->n_lines; i++)
		free(fl->lines[i].raw);
	for (i = 0; i < fl->n_entries; i++)
		feedlist_entry_free(fl->entries[i]);
	for (i = 0; i < fl->n_seps; i++)
		free(fl->seps[i].text);
	free(fl->seps);
	free(fl->lines);
	free(fl->entries);
	free(fl->index);
	free(fl);
}

/* Where the problems of one parse go: *out, each line "NAME:N: message"
 * (name cleaned already), or "line N: message" without a name. */
struct feedlist_warnings {
	char	**out;		/* NULL: not wanted */
	const char *name;
};

/* Append one problem of line n (message formatted, then sanitised) plus a
 * newline to the warnings. */
static void __attribute__((format(printf, 3, 4)))
feedlist_warn(const struct feedlist_warnings *fw, int n, const char *fmt, ...)
{
	va_list ap;
	char *msg, *clean, *all;
	const char *before;

	if (fw->out == NULL)
		return;
	va_start(ap, fmt);
	msg = xvprintf(fmt, ap);
	va_end(ap);
	clean = text_clean(msg, 0);
	before = *fw->out != NULL ? *fw->out : "";
	if (fw->name != NULL)
		all = xprintf("%s%s:%d: %s\n", before, fw->name, n, clean);
	else
		all = xprintf("%sline %d: %s\n", before, n, clean);
	free(*fw->out);
	*fw->out = all;
	free(clean);
	free(msg);
}

int
feedlist_url_ok(const char *url)
{
	size_t i, n, len = strlen(url);
	uint32_t cp;

	for (i = 0; i < nitems(feedlist_schemes); i++) {
		n = strlen(feedlist_schemes[i]);
		if (ascii_ncasecmp(url, feedlist_schemes[i], n) == 0)
			break;
	}
	if (i == nitems(feedlist_schemes) || url[n] == '\0' ||
	    !utf8_valid(url, len))
		return 0;
	/* Nothing that would break a line of the file, a terminal or an
	 * OPML attribute. */
	for (i = 0; i < len; i += n) {
		n = utf8_decode(url + i, len - i, &cp);
		if (cp <= ' ' || text_is_unsafe(cp))
			return 0;
	}
	return 1;
}

/* The file:// URL of an absolute path, bytes outside the URL-safe set
 * percent-encoded.  Caller frees. */
static char *
feedlist_path_url(const char *path)
{
	static const char safe[] = "-._~/!$&'()*+,;=:@";
	struct buf b;
	const unsigned char *p;

	buf_init(&b, 0);
	buf_addstr(&b, "file://");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(safe, *p) != NULL)
			buf_addc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	return buf_detach(&b);
}

/* A new, zeroed line at the end of the list; owned by fl. */
static struct feedlist_line *
feedlist_push_line(struct feedlist *fl)
{
	struct feedlist_line *l;

	fl->lines = xreallocarray(fl->lines, fl->n_lines + 1, sizeof *fl->lines);
	l = &fl->lines[fl->n_lines++];
	memset(l, 0, sizeof *l);
	return l;
}

/* A title or tag made safe to show and to write on one line: controls
 * gone, white space collapsed; NULL for NULL or nothing left.  Caller
 * frees. */
static char *
feedlist_clean(const char *s)
{
	char *c = text_clean(s, TEXT_COLLAPSE_WS);

	if (c != NULL && *c == '\0')
		xfree(c);
	return c;
}

/* Non-zero when e has the tag already. */
static int
feedlist_has_tag(const struct feedlist_entry *e, const char *tag)
{
	size_t i;

	for (i = 0; i < e->n_tags; i++) {
		if (strcmp(e->tags[i], tag) == 0)
			return 1;
	}
	return 0;
}

/* Add tag words to e: a "~..." word is the title unless e has one, a
 * word starting with "!" hides the feed too, empty words and tags e has
 * already are dropped (so a duplicate line merges its tags in). */
static void
feedlist_entry_tag(struct feedlist_entry *e, const char *const *tags,
    size_t n_tags)
{
	char *tag;
	size_t i;

	e->tags = xreallocarray(e->tags, e->n_tags + n_tags + 1,
	    sizeof *e->tags);
	for (i = 0; i < n_tags; i++) {
		if (tags[i][0] == '~') {
			if (e->title == NULL)
				e->title = feedlist_clean(tags[i] + 1);
			continue;
		}
		tag = feedlist_clean(tags[i]);
		if (tag == NULL || feedlist_has_tag(e, tag)) {
			free(tag);
			continue;
		}
		if (tag[0] == '!')
			e->hidden = 1;
		e->tags[e->n_tags++] = tag;
	}
}

/* Make an entry of a URL and its tag words (see feedlist_entry_tag).
 * Caller owns it. */
static struct feedlist_entry *
feedlist_entry_new(const char *url, const char *title,
    const char *const *tags, size_t n_tags)
{
	struct feedlist_entry *e = xcalloc(1, sizeof *e);

	e->url = xstrdup(url);
	e->title = feedlist_clean(title);
	feedlist_entry_tag(e, tags, n_tags);
	return e;
}

/* FNV-1a of a URL, for the index. */
static size_t
feedlist_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Put e in the URL index, which has a free slot. */
static void
feedlist_index_put(struct feedlist *fl, struct feedlist_entry *e)
{
	size_t i = feedlist_hash(e->url) & (fl->n_index - 1);

	while (fl->index[i] != NULL)
		i = (i + 1) & (fl->n_index - 1);
	fl->index[i] = e;
}

/* Rebuild the URL index over the entries, at most half full: looking a
 * feed up must not cost a scan (a big OPML import was quadratic). */
static void
feedlist_index_build(struct feedlist *fl)
{
	size_t i, n = 16;

	while (n < 2 * fl->n_entries)
		n *= 2;
	free(fl->index);
	fl->index = xcalloc(n, sizeof *fl->index);
	fl->n_index = n;
	for (i = 0; i < fl->n_entries; i++)
		feedlist_index_put(fl, fl->entries[i]);
}

/* Hand entry e to fl and tie it to line l. */
static void
feedlist_push_entry(struct feedlist *fl, struct feedlist_entry *e,
    struct feedlist_line *l)
{
	fl->entries = xreallocarray(fl->entries, fl->n_entries + 1,
	    sizeof *fl->entries);
	fl->entries[fl->n_entries++] = e;
	l->entry = e;
	if (2 * fl->n_entries > fl->n_index)
		feedlist_index_build(fl);
	else
		feedlist_index_put(fl, e);
}

/* Non-zero when the first word of a line that is no URL is a separator
 * of the feed list, as newsboat users write them ("--- BLOGS ---",
 * "=====TECH=====", " "): empty, with spaces inside, or not starting with
 * a letter or digit, and no "://" in it.  What looks like a URL gone
 * wrong ("example.com/feed", "ftp://...") is a problem instead.  (newsboat
 * itself takes such a line for a feed that never loads, which is why its
 * users write them so.) */
static int
feedlist_is_separator(const char *word)
{
	unsigned char c = (unsigned char)word[0];

	if (strstr(word, "://") != NULL)
		return 0;
	if (c == '\0' || strpbrk(word, " \t") != NULL)
		return 1;
	return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'));
}

/* What a line whose first word is word holds: a feed (*url gets its URL,
 * caller frees), a separator, or a problem (*why gets a static reason). */
static enum feedlist_kind
feedlist_word_kind(const char *word, char **url, const char **why)
{
	size_t i;

	*url = NULL;
	for (i = 0; i < nitems(feedlist_unsupported); i++) {
		if (strncmp(word, feedlist_unsupported[i].prefix,
		    strlen(feedlist_unsupported[i].prefix)) == 0) {
			*why = feedlist_unsupported[i].what;
			return FEEDLIST_BAD;
		}
	}
	/* A bare absolute path names a local feed file (newsboat would
	 * reject the line); every byte that could confuse a URL parser or a
	 * terminal is percent-encoded. */
	if (word[0] == '/') {
		*url = feedlist_path_url(word);
		return FEEDLIST_FEED;
	}
	if (feedlist_url_ok(word)) {
		*url = xstrdup(word);
		return FEEDLIST_FEED;
	}
	if (feedlist_is_separator(word))
		return FEEDLIST_SEPARATOR;
	*why = "not a feed URL (only http, https and file URLs are)";
	return FEEDLIST_BAD;
}

/* Keep a separator line's text, before the entries to come. */
static void
feedlist_push_sep(struct feedlist *fl, const char *word)
{
	struct feedlist_sep *sep;

	fl->seps = xreallocarray(fl->seps, fl->n_seps + 1, sizeof *fl->seps);
	sep = &fl->seps[fl->n_seps++];
	sep->text = text_clean(word, TEXT_COLLAPSE_WS);
	sep->before = fl->n_entries;
}

/* The entry with exactly this URL, or NULL (writable). */
static struct feedlist_entry *
feedlist_lookup(const struct feedlist *fl, const char *url)
{
	size_t i;

	if (fl->n_index == 0)
		return NULL;
	for (i = feedlist_hash(url) & (fl->n_index - 1); fl->index[i] != NULL;
	    i = (i + 1) & (fl->n_index - 1)) {
		if (strcmp(fl->index[i]->url, url) == 0)
			return fl->index[i];
	}
	return NULL;
}

/* Classify one line (bytes s[0..len), number n) and keep it.  A quote
 * left open runs to the end of the line and a duplicate URL merges its
 * tags into the first line's feed, as newsboat reads them. */
static void
feedlist_parse_line(struct feedlist *fl, const char *s, size_t len, int n,
    const struct feedlist_warnings *fw)
{
	struct feedlist_line *l = feedlist_push_line(fl);
	struct feedlist_entry *dup;
	struct words w;
	const char *why = NULL;
	char *url;

	l->raw = xstrndup(s, len);
	l->raw_len = len;
	if (memchr(s, '\0', len) != NULL) {
		l->raw = xrealloc(l->raw, len + 1);
		memcpy(l->raw, s, len);
		l->raw[len] = '\0';
		feedlist_warn(fw, n, "contains a NUL byte");
		return;
	}
	words_split_open(s, len, &w);
	if (w.n == 0)
		return;
	switch (feedlist_word_kind(w.word[0], &url, &why)) {
	case FEEDLIST_BAD:
		feedlist_warn(fw, n, "%s: %s", why, w.word[0]);
		break;
	case FEEDLIST_SEPARATOR:
		feedlist_push_sep(fl, w.word[0]);
		break;
	case FEEDLIST_FEED:
		if ((dup = feedlist_lookup(fl, url)) != NULL) {
			feedlist_entry_tag(dup, (const char *const *)w.word + 1,
			    w.n - 1);
			l->entry = dup;
			break;
		}
		feedlist_push_entry(fl, feedlist_entry_new(url, NULL,
		    (const char *const *)w.word + 1, w.n - 1), l);
		l->entry->line = n;
		break;
	}
	free(url);
	words_free(&w);
}

/* Parse text into fl, its problems going to fw. */
static void
feedlist_parse_all(struct feedlist *fl, const char *text, size_t len,
    const struct feedlist_warnings *fw)
{
	const char *p = text, *end = text + len, *nl;
	int n = 0;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n++;
		if (nl == NULL) {
			feedlist_parse_line(fl, p, (size_t)(end - p), n, fw);
			fl->lines[fl->n_lines - 1].no_newline = 1;
			break;
		}
		/* The raw line keeps a CR so CRLF files come back as CRLF;
		 * the word splitter treats it as white space. */
		feedlist_parse_line(fl, p, (size_t)(nl - p), n, fw);
		p = nl + 1;
	}
}

void
feedlist_parse(struct feedlist *fl, const char *text, size_t len,
    char **warnings)
{
	struct feedlist_warnings fw = { warnings, NULL };

	feedlist_parse_all(fl, text, len, &fw);
}

int
feedlist_load(struct feedlist *fl, const char *path, char **warnings,
    char **err)
{
	struct feedlist_warnings fw = { warnings, NULL };
	struct stat st;
	char *text, *shown;
	size_t len;

	if (stat(path, &st) == -1 && errno == ENOENT)
		return 0;
	text = file_read(path, FEEDLIST_MAX_FILE, &len, err);
	if (text == NULL)
		return -1;
	shown = text_clean(path, 0);
	fw.name = shown;
	feedlist_parse_all(fl, text, len, &fw);
	free(shown);
	free(text);
	return 0;
}

size_t
feedlist_count(const struct feedlist *fl)
{
	return fl->n_entries;
}

const struct feedlist_entry *
feedlist_get(const struct feedlist *fl, size_t i)
{
	return i < fl->n_entries ? fl->entries[i] : NULL;
}

const struct feedlist_entry *
feedlist_find(const struct feedlist *fl, const char *url)
{
	return feedlist_lookup(fl, url);
}

size_t
feedlist_separator_count(const struct feedlist *fl)
{
	return fl->n_seps;
}

const char *
feedlist_separator(const struct feedlist *fl, size_t i, size_t *before)
{
	if (i >= fl->n_seps)
		return NULL;
	*before = fl->seps[i].before;
	return fl->seps[i].text;
}

int
feedlist_add(struct feedlist *fl, const char *url, const char *title,
    const char *const *tags, size_t n_tags)
{
	struct feedlist_entry *e;

	if (!feedlist_url_ok(url) || feedlist_find(fl, url) != NULL)
		return -1;
	e = feedlist_entry_new(url, title, tags, n_tags);
	feedlist_push_entry(fl, e, feedlist_push_line(fl));
	return 0;
}

int
feedlist_remove(struct feedlist *fl, const char *url)
{
	struct feedlist_entry *e = feedlist_lookup(fl, url);
	size_t i, at = 0;

	if (e == NULL)
		return -1;
	/* Every line of the feed goes, its duplicates too. */
	for (i = 0; i < fl->n_lines; i++) {
		if (fl->lines[i].entry == e) {
			fl->lines[i].gone = 1;
			fl->lines[i].entry = NULL;
		}
	}
	for (i = 0; i < fl->n_entries; i++) {
		if (fl->entries[i] == e)
			at = i;
	}
	for (i = 0; i < fl->n_seps; i++) {
		if (fl->seps[i].before > at)
			fl->seps[i].before--;
	}
	feedlist_entry_free(e);
	memmove(&fl->entries[at], &fl->entries[at + 1],
	    (fl->n_entries - at - 1) * sizeof *fl->entries);
	fl->n_entries--;
	feedlist_index_build(fl);
	return 0;
}

/* Append one word, quoted when it would not read back as itself. */
static void
feedlist_format_word(struct buf *b, const char *word, int force_quote)
{
	const char *p;

	if (!force_quote && *word != '\0' && *word != '#' &&
	    strpbrk(word, " \t\r\v\f\"\\") == NULL) {
		buf_addstr(b, word);
		return;
	}
	buf_addc(b, '"');
	for (p = word; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
	buf_addc(b, '"');
}

/* Append the urls-file line of an added entry (no newline). */
static void
feedlist_format_entry(struct buf *b, const struct feedlist_entry *e)
{
	size_t i;
	char *title;

	buf_addstr(b, e->url);
	for (i = 0; i < e->n_tags; i++) {
		buf_addc(b, ' ');
		feedlist_format_word(b, e->tags[i], 0);
	}
	if (e->title != NULL) {
		title = xprintf("~%s", e->title);
		buf_addc(b, ' ');
		feedlist_format_word(b, title, 1);
		free(title);
	}
}

/* Append the whole file to b. */
static void
feedlist_format_buf(const struct feedlist *fl, struct buf *b)
{
	size_t i, last = fl->n_lines;

	for (i = 0; i < fl->n_lines; i++) {
		if (!fl->lines[i].gone)
			last = i;
	}
	for (i = 0; i < fl->n_lines; i++) {
		const struct feedlist_line *l = &fl->lines[i];

		if (l->gone)
			continue;
		if (l->raw != NULL)
			buf_add(b, l->raw, l->raw_len);
		else
			feedlist_format_entry(b, l->entry);
		if (!(l->no_newline && i == last))
			buf_addc(b, '\n');
	}
}

char *
feedlist_format(const struct feedlist *fl)
{
	struct buf b;

	buf_init(&b, 0);
	feedlist_format_buf(fl, &b);
	return buf_detach(&b);
}

/* Write len bytes to fd, all of them.  0 or -1 (errno set). */
static int
feedlist_write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Flush the directory holding path so the rename itself is durable; a
 * failure here loses nothing already written, so it is not reported. */
static void
feedlist_sync_dir(const char *path)
{
	char *copy = xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);

	if (fd != -1) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

/* The file to replace: path itself, or what a symlink at path points to.
 * Caller frees. */
static char *
feedlist_target(const char *path)
{
	struct stat st;
	char *real, *dir, *t;
	char link[PATH_MAX];
	ssize_t n;

	if (lstat(path, &st) == -1 || !S_ISLNK(st.st_mode))
		return xstrdup(path);
	real = realpath(path, NULL);
	if (real != NULL)
		return real;
	/* A dangling link: write the file it names (one level). */
	n = readlink(path, link, sizeof link - 1);
	if (n <= 0)
		return xstrdup(path);
	link[n] = '\0';
	if (link[0] == '/')
		return xstrdup(link);
	dir = xstrdup(path);
	t = xprintf("%s/%s", dirname(dir), link);
	free(dir);
	return t;
}

int
feedlist_save(const struct feedlist *fl, const char *path, char **err)
{
	char *target = feedlist_target(path), *tmp;
	struct buf text;
	struct stat st;
	int fd, rc = -1;

	buf_init(&text, 0);
	feedlist_format_buf(fl, &text);
	tmp = xprintf("%s.tmp-XXXXXX", target);
	fd = mkstemp(tmp);
	if (fd == -1) {
		error_set(err, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (stat(target, &st) == 0)
		fchmod(fd, st.st_mode & 07777);
	if (feedlist_write_all(fd, buf_str(&text), text.len) == -1 ||
	    fsync(fd) == -1) {
		error_set(err, "%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) == -1 || rename(tmp, target) == -1) {
		error_set(err, "%s: %s", target, strerror(errno));
		unlink(tmp);
		goto out;
	}
	feedlist_sync_dir(target);
	rc = 0;
out:
	buf_free(&text);
	free(tmp);
	free(target);
	return rc;
}

/*
 * cmd_import_newsboat.c - `hearsay import-newsboat [DIR]`: newsboat's
 * urls file, config and cache (its stories, read and flagged) into
 * hearsay's urls file, config file and store.
 *
 * The front end only: finding newsboat's files, writing hearsay's, the
 * messages and the exit status.  Must never write newsboat's files (they
 * are only read), never clobber the user's hearsay config (its import
 * block is appended, or replaced by the next run), and never leave a
 * file half written (each is saved whole, by a rename).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "hearsay/feed.h"
#include "hearsay/feedlist.h"
#include "hearsay/newsboat.h"
#include "hearsay/paths.h"
#include "hearsay/store.h"
#include "hearsay/subs.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

#define NB_USAGE "usage: hearsay import-newsboat [--dry-run] " \
	"[--star-flags LETTERS] [DIR]\n"
#define NB_BEGIN "# >>> hearsay import-newsboat"
#define NB_END "# <<< hearsay import-newsboat"
/* No hearsay config or urls file is near this size. */
#define NB_MAX_FILE ((size_t)32 * 1024 * 1024)

struct nb_import {
	const struct cmd_globals *g;
	int	 dry_run;
	const char *star_flags;	/* --star-flags, or NULL */
	char	*urls, *config, *cache;	/* newsboat's files found, or NULL */
	struct newsboat_config *nc;
	struct store *st;
	int	 failed;	/* a part could not be done: exit 1 */
	/* The stories: */
	size_t	 n_stories, n_added, n_marked, n_read, n_starred, n_deleted;
	size_t	 n_feeds;
	int64_t	 now;
};

/* Print "hearsay: MESSAGE", sanitised. */
static void __attribute__((format(printf, 1, 2)))
nb_warn(const char *fmt, ...)
{
	va_list ap;
	char *msg, *clean;

	va_start(ap, fmt);
	msg = xvprintf(fmt, ap);
	va_end(ap);
	clean = text_clean(msg, 0);
	fprintf(stderr, "hearsay: %s\n", clean);
	free(clean);
	free(msg);
}

/* dir/name when it is a file we may read, else NULL.  Caller frees. */
static char *
nb_file(const char *dir, const char *name)
{
	char *path = xprintf("%s/%s", dir, name);
	struct stat st;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return path;
	free(path);
	return NULL;
}

/* $VAR when it is an absolute path, else ~/fallback; then /newsboat.
 * Caller frees. */
static char *
nb_xdg(const char *var, const char *fallback)
{
	const char *v = getenv(var), *home = getenv("HOME");

	if (v != NULL && v[0] == '/')
		return xprintf("%s/newsboat", v);
	return xprintf("%s/%s/newsboat", home != NULL ? home : "", fallback);
}

/* Find newsboat's files: in dir, else ~/.newsboat, else where newsboat
 * puts them by XDG ($XDG_CONFIG_HOME/newsboat for urls and config,
 * $XDG_DATA_HOME/newsboat for the cache).  0, or -1 when there is none. */
static int
nb_find(struct nb_import *im, const char *dir)
{
	char *home_dir, *cdir, *ddir;
	struct stat st;
	int rc;

	if (dir != NULL) {
		im->urls = nb_file(dir, "urls");
		im->config = nb_file(dir, "config");
		im->cache = nb_file(dir, "cache.db");
	} else {
		home_dir = xprintf("%s/.newsboat", getenv("HOME") != NULL ?
		    getenv("HOME") : "");
		if (stat(home_dir, &st) == 0 && S_ISDIR(st.st_mode)) {
			rc = nb_find(im, home_dir);
			free(home_dir);
			return rc;
		}
		free(home_dir);
		cdir = nb_xdg("XDG_CONFIG_HOME", ".config");
		ddir = nb_xdg("XDG_DATA_HOME", ".local/share");
		im->urls = nb_file(cdir, "urls");
		im->config = nb_file(cdir, "config");
		im->cache = nb_file(ddir, "cache.db");
		free(cdir);
		free(ddir);
	}
	if (im->urls == NULL && im->config == NULL && im->cache == NULL)
		return -1;
	return 0;
}

/* Write text to path whole (a temporary file renamed over it), keeping
 * the old file's mode.  0, or -1 with *err. */
static int
nb_save(const char *path, const char *text, char **err)
{
	char *tmp = xprintf("%s.tmp-XXXXXX", path);
	size_t len = strlen(text), off = 0;
	struct stat st;
	ssize_t n;
	int fd, rc = -1;

	if (paths_mkparent(path, err) == -1)
		goto out;
	fd = mkstemp(tmp);
	if (fd == -1) {
		error_set(err, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (stat(path, &st) == 0)
		fchmod(fd, st.st_mode & 07777);
	while (off < len) {
		n = write(fd, text + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	if (off < len || fsync(fd) == -1) {
		error_set(err, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		error_set(err, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}

/* The file's text, "" when it does not exist, NULL (after the message)
 * when it cannot be read.  Caller frees. */
static char *
nb_load(const char *path)
{
	char *text, *err = NULL;
	size_t len;

	if (access(path, F_OK) == -1 && errno == ENOENT)
		return xstrdup("");
	text = file_read(path, NB_MAX_FILE, &len, &err);
	if (text == NULL) {
		nb_warn("%s", err);
		free(err);
	}
	return text;
}

/* Write text to path unless it holds it already (or only say so with
 * --dry-run); what was done goes to stdout.  0, or -1 after a message. */
static int
nb_put(struct nb_import *im, const char *path, const char *text,
    const char *what)
{
	char *old = nb_load(path), *err = NULL;
	int rc = 0;

	if (old != NULL && strcmp(old, text) == 0)
		printf("%s: %s unchanged\n", what, path);
	else if (im->dry_run)
		printf("%s: would write %s:\n%s", what, path, text);
	else if (nb_save(path, text, &err) == -1) {
		nb_warn("%s", err);
		rc = -1;
	} else
		printf("%s: wrote %s\n", what, path);
	free(err);
	free(old);
	return rc;
}

/* The user's config with the import's block in it: the block of an
 * earlier import replaced, else appended.  Caller frees. */
static char *
nb_config_merge(const char *old, const char *block)
{
	const char *b = strstr(old, NB_BEGIN), *e;
	size_t n = strlen(old);

	if (b != NULL && (b == old || b[-1] == '\n') &&
	    (e = strstr(b, NB_END)) != NULL) {
		e += strlen(NB_END);
		if (*e == '\n')
			e++;
		return xprintf("%.*s%s%s", (int)(b - old), old, block, e);
	}
	if (n == 0)
		return xstrdup(block);
	return xprintf("%s%s\n%s", old, old[n - 1] == '\n' ? "" : "\n", block);
}

/* Every line of newsboat's config that was not translated whole, on
 * stderr; the counts on stdout. */
static void
nb_config_report(struct nb_import *im)
{
	const struct newsboat_line *ln;
	size_t i, n[3] = { 0, 0, 0 };

	for (i = 0; i < newsboat_config_line_count(im->nc); i++) {
		ln = newsboat_config_line(im->nc, i);
		n[ln->fate]++;
		if (ln->why == NULL)
			continue;
		nb_warn("%s:%d: %s: %s%s", ln->file, ln->line, ln->option,
		    ln->fate == NEWSBOAT_TRANSLATED ? "translated; " :
		    "not translated: ", ln->why);
	}
	printf("config: %zu lines translated, %zu not (listed on stderr), "
	    "%zu blank or comments\n", n[NEWSBOAT_TRANSLATED],
	    n[NEWSBOAT_REPORTED], n[NEWSBOAT_BLANK]);
}

/* newsboat's config into hearsay's config file and a theme. */
static int
nb_config(struct nb_import *im)
{
	char *err = NULL, *path, *theme_path, *old, *block, *merged, *clean;
	const char *theme, *body;
	int rc = -1;

	if (newsboat_config_read(&im->nc, im->config, &err) == -1) {
		nb_warn("%s", err);
		free(err);
		return -1;
	}
	nb_config_report(im);
	path = im->g->config_path != NULL ? xstrdup(im->g->config_path) :
	    paths_config("config");
	theme_path = paths_config("themes/newsboat.theme");
	theme = newsboat_config_theme(im->nc);
	/* The themes folder is where the reader looks for it by name. */
	body = newsboat_config_text(im->nc, theme != NULL ? "newsboat" : NULL);
	/* (A path may hold anything, a newline too: cleaned, it stays a
	 * comment.) */
	clean = text_clean(im->config, 0);
	block = xprintf(NB_BEGIN ": from %s (a second import replaces "
	    "this block)\n%s" NB_END "\n", clean, body);
	free(clean);
	old = nb_load(path);
	if (old == NULL)
		goto out;
	merged = nb_config_merge(old, block);
	if ((theme == NULL || nb_put(im, theme_path, theme, "theme") == 0) &&
	    nb_put(im, path, merged, "config") == 0)
		rc = 0;
	free(merged);
out:
	free(old);
	free(block);
	free(theme_path);
	free(path);
	return rc;
}

/* newsboat's urls file into hearsay's: as it is when hearsay has none,
 * else the feeds hearsay lacks added to it. */
static int
nb_urls(struct nb_import *im)
{
	struct feedlist *mine = NULL, *theirs = feedlist_new();
	const struct feedlist_entry *e;
	char *path, *warnings = NULL, *err = NULL, *text = NULL;
	const char *line, *nl;
	size_t i, added = 0;
	int rc = -1, exists;

	cmd_paths(im->g, &path, NULL);
	if (feedlist_load(theirs, im->urls, &warnings, &err) == -1)
		goto out;
	/* One a line, "PATH:LINE: problem" each (query: feeds, say). */
	for (line = warnings; line != NULL && *line != '\0';
	    line = *nl != '\0' ? nl + 1 : nl) {
		nl = line + strcspn(line, "\n");
		nb_warn("%.*s", (int)(nl - line), line);
	}
	exists = subs_load(path, &mine, NULL, &err);
	if (exists == -1)
		goto out;
	if (exists == 0) {
		/* The same format: newsboat's file, comments, separators and
		 * all, is hearsay's. */
		text = nb_load(im->urls);
		rc = text != NULL ? nb_put(im, path, text, "urls") : -1;
		goto out;
	}
	for (i = 0; i < feedlist_count(theirs); i++) {
		e = feedlist_get(theirs, i);
		if (feedlist_find(mine, e->url) != NULL)
			continue;
		feedlist_add(mine, e->url, e->title,
		    (const char *const *)e->tags, e->n_tags);
		added++;
	}
	if (added > 0)
		text = feedlist_format(mine);
	if (added == 0)
		printf("urls: %s has every feed already\n", path);
	else if (im->dry_run)
		printf("urls: would add %zu feeds to %s\n", added, path);
	else if (feedlist_save(mine, path, &err) == -1)
		goto out;
	else
		printf("urls: added %zu feeds to %s\n", added, path);
	rc = 0;
out:
	if (err != NULL)
		nb_warn("%s", err);
	feedlist_free(mine);
	feedlist_free(theirs);
	free(warnings);
	free(text);
	free(err);
	free(path);
	return rc;
}

/* Does s have one of the letters? */
static int
nb_flagged(const char *flags, const char *letters)
{
	return strpbrk(flags, letters) != NULL;
}

/* One newsboat story as a parsed item (strings borrowed). */
static void
nb_item(const struct newsboat_story *s, struct feed_item *it,
    struct feed_enclosure *enc)
{
	memset(it, 0, sizeof *it);
	it->id = (char *)newsboat_story_guid(s);
	it->title = s->title[0] != '\0' ? s->title : NULL;
	it->link = s->link[0] != '\0' ? s->link : NULL;
	it->author = s->author[0] != '\0' ? s->author : NULL;
	it->published = s->pub_date > 0 ? s->pub_date : FEED_NO_DATE;
	it->updated = FEED_NO_DATE;
	it->content = s->content[0] != '\0' ? s->content : NULL;
	if (s->enclosure_url[0] != '\0') {
		enc->url = s->enclosure_url;
		enc->type = s->enclosure_type[0] != '\0' ? s->enclosure_type :
		    NULL;
		enc->length = -1;
		it->enclosures = enc;
		it->n_enclosures = 1;
	}
}

/* Carry one newsboat feed's stories into the store. */
static int
nb_feed(const struct newsboat_feed *f, void *arg)
{
	struct nb_import *im = arg;
	const char *flags = im->star_flags != NULL ? im->star_flags :
	    newsboat_config_star_flags(im->nc);
	struct feed_item *items = xcalloc(f->n_stories + 1, sizeof *items);
	struct feed_enclosure *encs = xcalloc(f->n_stories + 1, sizeof *encs);
	struct store_import *in = xcalloc(f->n_stories + 1, sizeof *in);
	struct store_import_result res;
	size_t i, n = 0;
	int64_t id;
	char *err = NULL;
	int rc = 0;

	/* exec: and filter: feeds are newsboat's to run, not hearsay's. */
	if (!feedlist_url_ok(f->url)) {
		nb_warn("%s: %zu stories left out: hearsay fetches only http, "
		    "https and file feeds", f->url, f->n_stories);
		goto out;
	}
	for (i = 0; i < f->n_stories; i++) {
		if (f->stories[i].deleted) {
			im->n_deleted++;
			continue;
		}
		nb_item(&f->stories[i], &items[n], &encs[n]);
		in[n].item = &items[n];
		in[n].read = !f->stories[i].unread;
		in[n].starred = nb_flagged(f->stories[i].flags, flags);
		im->n_read += (size_t)in[n].read;
		im->n_starred += (size_t)in[n].starred;
		n++;
	}
	im->n_stories += n;
	im->n_feeds++;
	if (im->dry_run || n == 0)
		goto out;
	if (store_feed_ensure(im->st, f->url, NULL, NULL, &id, &err) == -1 ||
	    store_import_stories(im->st, id, f->title, f->site, in, n,
	    im->now, &res, &err) == -1) {
		nb_warn("%s: %s", f->url, err);
		rc = -1;
		goto out;
	}
	im->n_added += res.added;
	im->n_marked += res.marked;
out:
	free(err);
	free(in);
	free(encs);
	free(items);
	return rc;
}

/* Say so when a running newsboat holds its cache's lock (cache.db.lock,
 * which newsboat locks with lockf): what it has not written yet cannot
 * be imported.  Only asks (F_GETLK); takes no lock. */
static void
nb_lock_check(const char *cache)
{
	char *lock = xprintf("%s.lock", cache);
	struct flock fl;
	int fd = open(lock, O_RDONLY | O_CLOEXEC);

	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fd != -1 && fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
		nb_warn("newsboat is running (pid %ld holds %s): its cache "
		    "is read as it is now; quit newsboat and import again for "
		    "the rest", (long)fl.l_pid, lock);
	if (fd != -1)
		close(fd);
	free(lock);
}

/* newsboat's cache into the store, then the urls file's feeds made the
 * store's subscriptions. */
static int
nb_cache(struct nb_import *im)
{
	struct newsboat_cache *c = NULL;
	struct feedlist *fl = NULL;
	char *db, *urls, *err = NULL;
	int rc = -1;

	cmd_paths(im->g, &urls, &db);
	nb_lock_check(im->cache);
	if (newsboat_cache_open(&c, im->cache, &err) == -1)
		goto out;
	if (!im->dry_run && (paths_mkparent(db, &err) == -1 ||
	    store_open(&im->st, db, STORE_CREATE, &err) == -1)) {
		rc = -2;
		goto out;
	}
	if (newsboat_cache_each(c, nb_feed, im, &err) != 0)
		goto out;
	if (!im->dry_run && subs_load(urls, &fl, NULL, &err) == 1 &&
	    subs_sync(im->st, fl, im->now, &err) == -1)
		goto out;
	rc = 0;
	if (im->dry_run)
		printf("stories: would import %zu stories of %zu feed%s (%zu "
		    "read, %zu starred)", im->n_stories, im->n_feeds,
		    im->n_feeds == 1 ? "" : "s", im->n_read, im->n_starred);
	else
		printf("stories: %zu stories of %zu feed%s (%zu read, %zu "
		    "starred): %zu new in the store, %zu marked",
		    im->n_stories, im->n_feeds, im->n_feeds == 1 ? "" : "s",
		    im->n_read, im->n_starred, im->n_added, im->n_marked);
	if (im->n_deleted > 0)
		printf("; %zu deleted in newsboat, left out", im->n_deleted);
	printf("\n");
out:
	if (err != NULL)
		nb_warn("%s", err);
	feedlist_free(fl);
	newsboat_cache_close(c);
	free(err);
	free(urls);
	free(db);
	return rc;
}

int
cmd_import_newsboat(int argc, char **argv, const struct cmd_globals *g)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "star-flags", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct nb_import im;
	int c, rc = 0, part;

	memset(&im, 0, sizeof im);
	im.g = g;
	im.now = (int64_t)time(NULL);
	while ((c = getopt_long(argc, argv, "+ns:", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			im.dry_run = 1;
			break;
		case 's':
			im.star_flags = optarg;
			break;
		default:
			fputs(NB_USAGE, stderr);
			return 2;
		}
	}
	if (argc - optind > 1 || (im.star_flags != NULL &&
	    (im.star_flags[0] == '\0' || strspn(im.star_flags,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") !=
	    strlen(im.star_flags)))) {
		fputs(NB_USAGE, stderr);
		return 2;
	}
	if (nb_find(&im, optind < argc ? argv[optind] : NULL) == -1) {
		nb_warn("no newsboat files (urls, config, cache.db) in %s",
		    optind < argc ? argv[optind] :
		    "~/.newsboat or $XDG_CONFIG_HOME/newsboat");
		return 1;
	}
	/* The config first: its *-flag-star options say what starred is. */
	if (im.config != NULL && nb_config(&im) == -1)
		rc = 1;
	if (im.urls != NULL && nb_urls(&im) == -1)
		rc = 1;
	if (im.cache != NULL && (part = nb_cache(&im)) != 0)
		rc = part == -2 ? 2 : 1;
	if (im.config == NULL || im.urls == NULL || im.cache == NULL)
		printf("not found (skipped):%s%s%s\n", im.urls == NULL ?
		    " urls" : "", im.config == NULL ? " config" : "",
		    im.cache == NULL ? " cache.db" : "");
	store_close(im.st);
	newsboat_config_free(im.nc);
	free(im.urls);
	free(im.config);
	free(im.cache);
	return rc;
}

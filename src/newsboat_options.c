/*
 * newsboat_options.c - every option of newsboat's config, one row each,
 * with what hearsay makes of it: its own option, a translation of its
 * own (newsboat_config.c), or none and why.
 *
 * The rows are newsboat's documentation's list (podboat's options under
 * their newsboat names, and the newer ones real configs use), sorted for
 * the binary search.  hearsay(1)'s COMING FROM NEWSBOAT section is this
 * table as newsboat_print_man prints it; test_newsboat keeps them the
 * same.  A why is one clause, for "FILE:LINE: OPTION: not translated:
 * WHY".
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "hearsay/newsboat.h"
#include "hearsay/util.h"
#include "newsboat_int.h"

#define WHY_MACRO "hearsay has no macros (for \"open with\" macros: " \
	"set browser to a script that chooses)"
#define WHY_KILL "hearsay has no kill rules or filters yet: the stories " \
	"it would hide are shown"
#define WHY_URLVIEW "hearsay lists a story's links itself (o and 1-9 " \
	"open them)"
#define WHY_PODCAST "hearsay has no podcast player or downloads (podboat)"
#define WHY_NOTIFY "hearsay sends no notifications"
#define WHY_FORMAT "hearsay's lists and titles have a fixed layout " \
	"(columns fit the window)"
#define WHY_SYNC "hearsay fetches the feeds itself; it does not sync " \
	"with an online reader"
#define WHY_PROXY "hearsay takes its proxy from the environment " \
	"(http_proxy, https_proxy, no_proxy)"
#define WHY_TLS "hearsay always verifies TLS certificates"
#define WHY_UA "hearsay sends its own User-Agent"
#define WHY_COOKIE "hearsay keeps no cookies"
#define WHY_BOOKMARK "hearsay has no bookmark command"
#define WHY_CACHE "hearsay keeps its own store (-d FILE)"
#define WHY_ERRLOG "hearsay refresh prints the failed feeds, and the " \
	"reader shows why (e)"
#define WHY_RETRY "hearsay tries each feed once a refresh"
#define WHY_SPEED "hearsay does not limit its download speed"
#define WHY_ALWAYS "hearsay always asks with the feed's validators " \
	"(ETag, Last-Modified)"
#define WHY_RESET_UNREAD "hearsay never marks an updated story unread"
#define WHY_FIRST_RELOAD "hearsay's first automatic refresh comes " \
	"auto-refresh minutes after start"
#define WHY_VISIBLE "hearsay refreshes every feed"
#define WHY_QUERY "hearsay has no query feeds yet"
#define WHY_STARTUP "hearsay runs no commands at start"
#define WHY_READ_FEEDS "hearsay lists every feed (t hides read stories)"
#define WHY_DESCRIPTION "hearsay shows a story's content, else its summary"
#define WHY_RENDERER "hearsay renders HTML itself"
#define WHY_FULL_PAGE "hearsay shows what the feed gives"
#define WHY_CLEANUP "hearsay keeps stories by keep-days and keep-stories"
#define WHY_CONFIRM "hearsay asks only before marking many stories " \
	"(confirm-mark-threshold)"
#define WHY_LAYOUT "hearsay's screen layout is fixed (the help line " \
	"and title bar always show)"
#define WHY_MOTION "hearsay's cursor moves have no such setting"
#define WHY_HISTORY "hearsay keeps no search history"
#define WHY_SEARCH_COLORS "hearsay colours search matches with its " \
	"theme's match class"
#define WHY_HIGHLIGHT_ARTICLE "hearsay colours stories by their state " \
	"(unread, starred), not by a filter"
#define WHY_TABS "hearsay opens one link at a time"
#define WHY_SAVE "hearsay has no save command"

/* By name, as newsboat's documentation lists them (and podboat's). */
static const struct nb_row nb_rows[] = {
	{ "always-display-description", NB_NONE, NULL, WHY_DESCRIPTION },
	{ "always-download", NB_NONE, NULL, WHY_ALWAYS },
	{ "article-sort-order", NB_FN_SORT,
	    "sort: date and date-desc are newest, date-asc oldest; the "
	    "other orders none", NULL },
	{ "articlelist-format", NB_NONE, NULL, WHY_FORMAT },
	{ "articlelist-title-format", NB_NONE, NULL, WHY_FORMAT },
	{ "auto-reload", NB_FN_AUTO_RELOAD,
	    "auto-refresh, with reload-time's minutes (60 when not given); "
	    "no: auto-refresh 0", NULL },
	{ "bind", NB_FN_BIND,
	    "bind, for one operation (a list of them: none)", NULL },
	{ "bind-key", NB_FN_BIND_KEY,
	    "bind, the operation by its hearsay action (newsboat's names "
	    "work in bind too); a key bound for one dialog is bound in "
	    "every view, unless the import bound it to another action "
	    "already", NULL },
	{ "bookmark-autopilot", NB_NONE, NULL, WHY_BOOKMARK },
	{ "bookmark-cmd", NB_NONE, NULL, WHY_BOOKMARK },
	{ "bookmark-interactive", NB_NONE, NULL, WHY_BOOKMARK },
	{ "browser", NB_FN_BROWSER,
	    "browser (the same command line: %u is the link, given to the "
	    "shell as \"$1\")", NULL },
	{ "cache-file", NB_NONE, NULL, WHY_CACHE },
	{ "cleanup-on-quit", NB_NONE, NULL, WHY_CLEANUP },
	{ "color", NB_FN_COLOR,
	    "the theme newsboat: background, listnormal and article colour "
	    "normal, listfocus and listfocus_unread selected, "
	    "listnormal_unread unread, info title and status, title title, "
	    "hint-key help-key; the other elements none", NULL },
	{ "confirm-delete-all-articles", NB_NONE, NULL, WHY_CONFIRM },
	{ "confirm-exit", NB_NONE, NULL, WHY_CONFIRM },
	{ "confirm-mark-all-feeds-read", NB_SET,
	    "confirm-mark-all-feeds-read", NULL },
	{ "confirm-mark-feed-read", NB_SET, "confirm-mark-feed-read", NULL },
	{ "cookie-cache", NB_NONE, NULL, WHY_COOKIE },
	{ "datetime-format", NB_SET, "date-format", NULL },
	{ "define-filter", NB_NONE, NULL, WHY_KILL },
	{ "delete-played-files", NB_NONE, NULL, WHY_PODCAST },
	{ "delete-read-articles-on-quit", NB_NONE, NULL, WHY_CLEANUP },
	{ "dialogs-title-format", NB_NONE, NULL, WHY_FORMAT },
	{ "dirbrowser-title-format", NB_NONE, NULL, WHY_FORMAT },
	{ "display-article-progress", NB_NONE, NULL, WHY_LAYOUT },
	{ "download-filename-format", NB_NONE, NULL, WHY_PODCAST },
	{ "download-full-page", NB_NONE, NULL, WHY_FULL_PAGE },
	{ "download-path", NB_NONE, NULL, WHY_PODCAST },
	{ "download-retries", NB_NONE, NULL, WHY_RETRY },
	{ "download-timeout", NB_SET, "timeout", NULL },
	{ "error-log", NB_NONE, NULL, WHY_ERRLOG },
	{ "external-url-viewer", NB_NONE, NULL, WHY_URLVIEW },
	{ "feed-sort-order", NB_SET, "feed-sort-order", NULL },
	{ "feedhq-flag-share", NB_NONE, NULL, WHY_SYNC },
	{ "feedhq-flag-star", NB_FN_FLAG_STAR,
	    "the flag letter import-newsboat takes for starred (else s; "
	    "--star-flags overrides)", NULL },
	{ "feedhq-login", NB_NONE, NULL, WHY_SYNC },
	{ "feedhq-min-items", NB_NONE, NULL, WHY_SYNC },
	{ "feedhq-password", NB_NONE, NULL, WHY_SYNC },
	{ "feedhq-passwordeval", NB_NONE, NULL, WHY_SYNC },
	{ "feedhq-passwordfile", NB_NONE, NULL, WHY_SYNC },
	{ "feedhq-show-special-feeds", NB_NONE, NULL, WHY_SYNC },
	{ "feedhq-url", NB_NONE, NULL, WHY_SYNC },
	{ "feedlist-format", NB_NONE, NULL, WHY_FORMAT },
	{ "feedlist-title-format", NB_NONE, NULL, WHY_FORMAT },
	{ "filebrowser-title-format", NB_NONE, NULL, WHY_FORMAT },
	{ "goto-first-unread", NB_NONE, NULL, WHY_MOTION },
	{ "goto-next-feed", NB_NONE, NULL, WHY_MOTION },
	{ "help-title-format", NB_NONE, NULL, WHY_FORMAT },
	{ "highlight", NB_FN_HIGHLIGHT,
	    "the theme newsboat, for article patterns of links (link) and "
	    "of the header lines (header); other patterns none", NULL },
	{ "highlight-article", NB_NONE, NULL, WHY_HIGHLIGHT_ARTICLE },
	{ "history-limit", NB_NONE, NULL, WHY_HISTORY },
	{ "html-renderer", NB_NONE, NULL, WHY_RENDERER },
	{ "http-auth-method", NB_NONE, NULL, WHY_PROXY },
	{ "ignore-article", NB_NONE, NULL, WHY_KILL },
	{ "ignore-mode", NB_NONE, NULL, WHY_KILL },
	{ "include", NB_FN_INCLUDE,
	    "the file is read too (relative to the including file, ~ "
	    "expanded, each file once)", NULL },
	{ "inoreader-app-id", NB_NONE, NULL, WHY_SYNC },
	{ "inoreader-app-key", NB_NONE, NULL, WHY_SYNC },
	{ "inoreader-flag-share", NB_NONE, NULL, WHY_SYNC },
	{ "inoreader-flag-star", NB_FN_FLAG_STAR,
	    "the flag letter import-newsboat takes for starred (else s; "
	    "--star-flags overrides)", NULL },
	{ "inoreader-login", NB_NONE, NULL, WHY_SYNC },
	{ "inoreader-min-items", NB_NONE, NULL, WHY_SYNC },
	{ "inoreader-password", NB_NONE, NULL, WHY_SYNC },
	{ "inoreader-passwordeval", NB_NONE, NULL, WHY_SYNC },
	{ "inoreader-passwordfile", NB_NONE, NULL, WHY_SYNC },
	{ "inoreader-show-special-feeds", NB_NONE, NULL, WHY_SYNC },
	{ "itemview-title-format", NB_NONE, NULL, WHY_FORMAT },
	{ "keep-articles-days", NB_SET, "keep-days", NULL },
	{ "macro", NB_NONE, NULL, WHY_MACRO },
	{ "mark-as-read-on-hover", NB_NONE, NULL, WHY_MOTION },
	{ "max-browser-tabs", NB_NONE, NULL, WHY_TABS },
	{ "max-download-speed", NB_NONE, NULL, WHY_SPEED },
	{ "max-downloads", NB_NONE, NULL, WHY_PODCAST },
	{ "max-items", NB_SET, "keep-stories", NULL },
	{ "miniflux-login", NB_NONE, NULL, WHY_SYNC },
	{ "miniflux-password", NB_NONE, NULL, WHY_SYNC },
	{ "miniflux-passwordeval", NB_NONE, NULL, WHY_SYNC },
	{ "miniflux-passwordfile", NB_NONE, NULL, WHY_SYNC },
	{ "miniflux-url", NB_NONE, NULL, WHY_SYNC },
	{ "newsblur-login", NB_NONE, NULL, WHY_SYNC },
	{ "newsblur-min-items", NB_NONE, NULL, WHY_SYNC },
	{ "newsblur-password", NB_NONE, NULL, WHY_SYNC },
	{ "newsblur-passwordeval", NB_NONE, NULL, WHY_SYNC },
	{ "newsblur-passwordfile", NB_NONE, NULL, WHY_SYNC },
	{ "newsblur-url", NB_NONE, NULL, WHY_SYNC },
	{ "notify-always", NB_NONE, NULL, WHY_NOTIFY },
	{ "notify-beep", NB_NONE, NULL, WHY_NOTIFY },
	{ "notify-format", NB_NONE, NULL, WHY_NOTIFY },
	{ "notify-program", NB_NONE, NULL, WHY_NOTIFY },
	{ "notify-screen", NB_NONE, NULL, WHY_NOTIFY },
	{ "notify-xterm", NB_NONE, NULL, WHY_NOTIFY },
	{ "ocnews-flag-star", NB_FN_FLAG_STAR,
	    "the flag letter import-newsboat takes for starred (else s; "
	    "--star-flags overrides)", NULL },
	{ "ocnews-login", NB_NONE, NULL, WHY_SYNC },
	{ "ocnews-password", NB_NONE, NULL, WHY_SYNC },
	{ "ocnews-passwordeval", NB_NONE, NULL, WHY_SYNC },
	{ "ocnews-passwordfile", NB_NONE, NULL, WHY_SYNC },
	{ "ocnews-url", NB_NONE, NULL, WHY_SYNC },
	{ "oldreader-flag-share", NB_NONE, NULL, WHY_SYNC },
	{ "oldreader-flag-star", NB_FN_FLAG_STAR,
	    "the flag letter import-newsboat takes for starred (else s; "
	    "--star-flags overrides)", NULL },
	{ "oldreader-login", NB_NONE, NULL, WHY_SYNC },
	{ "oldreader-min-items", NB_NONE, NULL, WHY_SYNC },
	{ "oldreader-password", NB_NONE, NULL, WHY_SYNC },
	{ "oldreader-passwordeval", NB_NONE, NULL, WHY_SYNC },
	{ "oldreader-passwordfile", NB_NONE, NULL, WHY_SYNC },
	{ "oldreader-show-special-feeds", NB_NONE, NULL, WHY_SYNC },
	{ "openbrowser-and-mark-jumps-to-next-unread", NB_NONE,
	    NULL, WHY_MOTION },
	{ "opml-url", NB_NONE, NULL, WHY_SYNC },
	{ "pager", NB_NONE, NULL, WHY_RENDERER },
	{ "player", NB_NONE, NULL, WHY_PODCAST },
	{ "podcast-auto-enqueue", NB_NONE, NULL, WHY_PODCAST },
	{ "podlist-format", NB_NONE, NULL, WHY_PODCAST },
	{ "prepopulate-query-feeds", NB_NONE, NULL, WHY_QUERY },
	{ "proxy", NB_NONE, NULL, WHY_PROXY },
	{ "proxy-auth", NB_NONE, NULL, WHY_PROXY },
	{ "proxy-auth-method", NB_NONE, NULL, WHY_PROXY },
	{ "proxy-type", NB_NONE, NULL, WHY_PROXY },
	{ "refresh-on-startup", NB_SET, "refresh-on-start", NULL },
	{ "reload-only-visible-feeds", NB_NONE, NULL, WHY_VISIBLE },
	{ "reload-threads", NB_SET, "max-parallel", NULL },
	{ "reload-time", NB_FN_RELOAD_TIME,
	    "auto-refresh (when auto-reload is yes)", NULL },
	{ "reset-unread-on-update", NB_NONE, NULL, WHY_RESET_UNREAD },
	{ "run-on-startup", NB_NONE, NULL, WHY_STARTUP },
	{ "save-path", NB_NONE, NULL, WHY_SAVE },
	{ "scrolloff", NB_NONE, NULL, WHY_MOTION },
	{ "search-highlight-colors", NB_NONE, NULL, WHY_SEARCH_COLORS },
	{ "searchresult-title-format", NB_NONE, NULL, WHY_FORMAT },
	{ "selectfilter-title-format", NB_NONE, NULL, WHY_FORMAT },
	{ "selecttag-format", NB_NONE, NULL, WHY_FORMAT },
	{ "selecttag-title-format", NB_NONE, NULL, WHY_FORMAT },
	{ "show-keymap-hint", NB_NONE, NULL, WHY_LAYOUT },
	{ "show-read-articles", NB_SET, "show-read", NULL },
	{ "show-read-feeds", NB_NONE, NULL, WHY_READ_FEEDS },
	{ "show-title-bar", NB_NONE, NULL, WHY_LAYOUT },
	{ "ssl-verifyhost", NB_NONE, NULL, WHY_TLS },
	{ "ssl-verifypeer", NB_NONE, NULL, WHY_TLS },
	{ "suppress-first-reload", NB_NONE, NULL, WHY_FIRST_RELOAD },
	{ "swap-title-and-hints", NB_NONE, NULL, WHY_LAYOUT },
	{ "text-width", NB_SET, "wrap-width", NULL },
	{ "toggleitemread-jumps-to-next-unread", NB_NONE, NULL, WHY_MOTION },
	{ "ttrss-flag-publish", NB_NONE, NULL, WHY_SYNC },
	{ "ttrss-flag-star", NB_FN_FLAG_STAR,
	    "the flag letter import-newsboat takes for starred (else s; "
	    "--star-flags overrides)", NULL },
	{ "ttrss-login", NB_NONE, NULL, WHY_SYNC },
	{ "ttrss-mode", NB_NONE, NULL, WHY_SYNC },
	{ "ttrss-password", NB_NONE, NULL, WHY_SYNC },
	{ "ttrss-passwordeval", NB_NONE, NULL, WHY_SYNC },
	{ "ttrss-passwordfile", NB_NONE, NULL, WHY_SYNC },
	{ "ttrss-url", NB_NONE, NULL, WHY_SYNC },
	{ "unbind-key", NB_FN_UNBIND_KEY,
	    "unbind (for all dialogs; -a: none)", NULL },
	{ "urls-source", NB_NONE, NULL, WHY_SYNC },
	{ "urlview-title-format", NB_NONE, NULL, WHY_FORMAT },
	{ "use-proxy", NB_NONE, NULL, WHY_PROXY },
	{ "user-agent", NB_NONE, NULL, WHY_UA },
	{ "wrap-scroll", NB_NONE, NULL, WHY_MOTION },
};

const struct nb_row *
nb_option_find(const char *name)
{
	size_t lo = 0, hi = nitems(nb_rows), mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, nb_rows[mid].name);
		if (c == 0)
			return &nb_rows[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Write s for roff: backslashes and hyphens escaped, no control line. */
static void
nb_roff(FILE *fp, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", fp);
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\e", fp);
		else if (*s == '-')
			fputs("\\-", fp);
		else if (*s == '"')
			fputs("\\(dq", fp);
		else
			fputc(*s, fp);
	}
}

void
newsboat_print_man(FILE *fp)
{
	const struct nb_row *r;
	size_t i;

	for (i = 0; i < nitems(nb_rows); i++) {
		r = &nb_rows[i];
		fputs(".TP\n.B ", fp);
		nb_roff(fp, r->name);
		fputc('\n', fp);
		if (r->kind == NB_SET) {
			fputs(".BR ", fp);
			nb_roff(fp, r->hearsay);
			fputs(" .\n", fp);
		} else {
			nb_roff(fp, r->kind == NB_NONE ? "none: " : "");
			nb_roff(fp, r->kind == NB_NONE ? r->why : r->hearsay);
			fputs(".\n", fp);
		}
	}
}

void
newsboat_print_man_ops(FILE *fp)
{
	const char *op;
	size_t i;

	for (i = 0; (op = newsboat_op(i)) != NULL; i++) {
		fputs(".TP\n.B ", fp);
		nb_roff(fp, op);
		fputc('\n', fp);
		nb_roff(fp, newsboat_action(op));
		fputc('\n', fp);
	}
}

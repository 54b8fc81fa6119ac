/*
 * url.h - URL resolution and checks (libxml2's URI code underneath).
 *
 * Never pastes strings to build URLs.  url_link_check() is the one place
 * that judges whether a link from a feed may be kept.
 */
#ifndef HEARSAY_URL_H
#define HEARSAY_URL_H

/* Resolve ref against base (either may be NULL).  Returns a new absolute
 * URL, or a copy of ref when it cannot be resolved.  Caller frees. */
char *url_resolve(const char *base, const char *ref);

/* Non-zero when url's scheme, read as url_link_check() reads it, is one of
 * the comma-separated list, compared without case (e.g. "http,https"). */
int url_scheme_in(const char *url, const char *schemes);

/* The host of an absolute URL ("example.org"), or NULL when it has none
 * or cannot be parsed.  Caller frees. */
char *url_host(const char *url);

/* What a link is, read as a browser reads it: C0 controls and spaces at
 * either end dropped, tab, CR and LF dropped anywhere (WHATWG URL). */
enum url_link {
	URL_LINK_WEB,		/* an absolute http or https URL */
	URL_LINK_RELATIVE,	/* no scheme at all (NULL and "" too): it
				 * names nothing until resolved against a base */
	URL_LINK_UNSAFE,	/* another scheme (javascript:, data:, file:
				 * ...), or something before its first ':'
				 * that is no scheme (a control, a space) */
};

/* Judge url.  For an unsafe one, when why is not NULL, *why gets a new
 * string saying why ("scheme javascript: is not http or https"); the
 * caller frees it. */
enum url_link url_link_check(const char *url, char **why);

/* Non-zero when a label of url's host or a segment of its path is one of
 * names (a NULL-terminated list, compared without case): "avatar" is in
 * https://secure.gravatar.com/avatar/0f3e and https://avatar.example/x. */
int url_has_part(const char *url, const char *const *names);

#endif

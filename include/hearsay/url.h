/*
 * url.h - URL resolution and checks (libxml2's URI code underneath).
 *
 * Never pastes strings to build URLs.
 */
#ifndef HEARSAY_URL_H
#define HEARSAY_URL_H

/* Resolve ref against base (either may be NULL).  Returns a new absolute
 * URL, or a copy of ref when it cannot be resolved.  Caller frees. */
char *url_resolve(const char *base, const char *ref);

/* Non-zero when url's scheme is one of the comma-separated list, compared
 * without case (e.g. "http,https"). */
int url_scheme_in(const char *url, const char *schemes);

#endif

/*
 * url.c - URL resolution and scheme checks over libxml2's URI code.
 *
 * Never builds a URL by pasting strings: RFC 3986 resolution is libxml2's.
 * url_link_check() is the one judge of the links a feed gives (the parser
 * and the store both ask it); it reads a link the way a browser would, so
 * that " JaVaScRiPt:" and "java<TAB>script:" are what they look like.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "hearsay/url.h"
#include "hearsay/util.h"

/* The longest scheme quoted in a reason; longer ones are cut. */
#define URL_SCHEME_QUOTED 32

/* Characters that libxml2's URI parser refuses but feeds write in links
 * and browsers take (RFC 3987's IRIs: any byte past ASCII; and spaces,
 * quotes, brackets...): the ones url_resolve() carries through. */
static int
url_unsafe_byte(unsigned char c)
{
	return c >= 0x80 || c <= 0x20 || strchr("\"<>\\^`{|}", c) != NULL;
}

static int
url_has_unsafe(const char *s)
{
	for (; *s != '\0'; s++) {
		if (url_unsafe_byte((unsigned char)*s))
			return 1;
	}
	return 0;
}

/* s with those bytes as %HH.  New string. */
static char *
url_escape_unsafe(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = xmalloc(strlen(s) * 3 + 1), *o = out;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (url_unsafe_byte(c)) {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		} else {
			*o++ = (char)c;
		}
	}
	*o = '\0';
	return out;
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The %HH in s of the bytes url_escape_unsafe() escapes, if any. */
static int
url_has_escaped_unsafe(const char *s)
{
	for (; (s = strchr(s, '%')) != NULL; s++) {
		if (hex_value(s[1]) >= 0 && hex_value(s[2]) >= 0 &&
		    url_unsafe_byte((unsigned char)(hex_value(s[1]) * 16 +
		    hex_value(s[2]))))
			return 1;
	}
	return 0;
}

/* Undo url_escape_unsafe() on s, in place. */
static void
url_unescape_unsafe(char *s)
{
	char *o = s;
	int c;

	for (; *s != '\0'; s++) {
		if (*s == '%' && hex_value(s[1]) >= 0 && hex_value(s[2]) >= 0 &&
		    url_unsafe_byte((unsigned char)(c = hex_value(s[1]) * 16 +
		    hex_value(s[2])))) {
			*o++ = (char)c;
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/* RFC 3986 resolution by libxml2, or NULL when it refuses the input. */
static char *
url_build(const char *base, const char *ref)
{
	xmlChar *abs = xmlBuildURI((const xmlChar *)ref, (const xmlChar *)base);
	char *out;

	if (abs == NULL)
		return NULL;
	out = xstrdup((const char *)abs);
	xmlFree(abs);
	return out;
}

char *
url_resolve(const char *base, const char *ref)
{
	char *out, *eb, *er;

	if (ref == NULL)
		return NULL;
	while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
		ref++;
	if (base == NULL || *base == '\0')
		return xstrdup(ref);
	/* An IRI, or a link with a space, libxml2 refuses (and for a base
	 * it refuses, gives ref back unresolved): resolved with those bytes
	 * escaped, then given back as written.  Unless the input escaped
	 * such bytes itself, which unescaping would change. */
	if (!url_has_unsafe(base) && !url_has_unsafe(ref))
		return (out = url_build(base, ref)) != NULL ? out : xstrdup(ref);
	if (url_has_escaped_unsafe(base) || url_has_escaped_unsafe(ref))
		return (out = url_build(base, ref)) != NULL ? out : xstrdup(ref);
	eb = url_escape_unsafe(base);
	er = url_escape_unsafe(ref);
	out = url_build(eb, er);
	free(eb);
	free(er);
	if (out == NULL)
		return xstrdup(ref);
	url_unescape_unsafe(out);
	return out;
}

/* url as the WHATWG URL parser starts reading it: C0 controls and spaces
 * at either end dropped, tab, LF and CR dropped anywhere.  New string. */
static char *
url_browser_form(const char *url)
{
	const unsigned char *s = (const unsigned char *)url;
	size_t len = strlen(url), i, o = 0;
	char *out;

	while (len > 0 && s[len - 1] <= 0x20)
		len--;
	while (len > 0 && *s <= 0x20) {
		s++;
		len--;
	}
	out = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			out[o++] = (char)s[i];
	}
	out[o] = '\0';
	return out;
}

/* The scheme of url (NULL is the empty reference) in its browser form:
 * 1 with *scheme set (a new string), 0 for a reference without one, -1
 * when what stands before its first ':' is no scheme.
 *
 * Only the part before the first ':' can be a scheme, and only when no
 * '/', '?' or '#' comes first: anything else is a relative reference,
 * whose first segment may hold no ':' (RFC 3986 sections 3 and 4.2).
 * libxml2's parser judges that part alone, so the rest of a link (spaces,
 * brackets, a stray '%', raw UTF-8: feeds are full of them and browsers
 * forgive them) never changes what its scheme is. */
static int
url_scheme(const char *url, char **scheme)
{
	xmlURIPtr uri;
	char *u, *head;
	size_t n;
	int rc = -1;

	*scheme = NULL;
	if (url == NULL)
		return 0;
	u = url_browser_form(url);
	n = strcspn(u, ":/?#");
	if (u[n] != ':') {
		free(u);
		return 0;
	}
	head = xstrndup(u, n + 1);
	uri = xmlParseURI(head);
	if (uri != NULL && uri->scheme != NULL && strlen(uri->scheme) == n) {
		*scheme = xstrdup(uri->scheme);
		rc = 1;
	}
	xmlFreeURI(uri);
	free(head);
	free(u);
	return rc;
}

int
url_scheme_in(const char *url, const char *schemes)
{
	const char *p, *end;
	char *scheme;
	size_t n, len;
	int found = 0;

	if (schemes == NULL || url_scheme(url, &scheme) != 1)
		return 0;
	n = strlen(scheme);
	for (p = schemes; !found; p = end + 1) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		found = len == n && ascii_ncasecmp(scheme, p, n) == 0;
		if (end == NULL)
			break;
	}
	free(scheme);
	return found;
}

enum url_link
url_link_check(const char *url, char **why)
{
	enum url_link verdict = URL_LINK_UNSAFE;
	char *scheme;
	int rc = url_scheme(url, &scheme);

	if (rc == 0)
		return URL_LINK_RELATIVE;
	if (rc == 1 && (ascii_casecmp(scheme, "http") == 0 ||
	    ascii_casecmp(scheme, "https") == 0))
		verdict = URL_LINK_WEB;
	else if (why != NULL && rc == 1)
		*why = xprintf("scheme %.*s%s: is not http or https",
		    URL_SCHEME_QUOTED, scheme,
		    strlen(scheme) > URL_SCHEME_QUOTED ? "..." : "");
	else if (why != NULL)
		*why = xstrdup("what stands before its ':' is no scheme");
	free(scheme);
	return verdict;
}

/* Non-zero when the n bytes at s, between separators sep, hold a part
 * equal (without case) to one of the names. */
static int
url_parts_match(const char *s, const char *sep, const char *const *names)
{
	size_t n, i;

	while (s != NULL && *s != '\0') {
		n = strcspn(s, sep);
		for (i = 0; names[i] != NULL; i++) {
			if (n == strlen(names[i]) && ascii_ncasecmp(s, names[i], n) == 0)
				return 1;
		}
		s += n;
		s += strspn(s, sep);
	}
	return 0;
}

int
url_has_part(const char *url, const char *const *names)
{
	xmlURIPtr uri;
	int found;

	if (url == NULL || (uri = xmlParseURI(url)) == NULL)
		return 0;
	found = url_parts_match(uri->server, ".", names) ||
	    url_parts_match(uri->path, "/", names);
	xmlFreeURI(uri);
	return found;
}

char *
url_host(const char *url)
{
	xmlURIPtr uri;
	char *host = NULL;

	if (url == NULL || (uri = xmlParseURI(url)) == NULL)
		return NULL;
	if (uri->server != NULL && *uri->server != '\0')
		host = xstrdup(uri->server);
	xmlFreeURI(uri);
	return host;
}

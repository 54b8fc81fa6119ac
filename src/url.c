/*
 * url.c - URL resolution and scheme checks over libxml2's URI code.
 *
 * Never builds a URL by pasting strings: RFC 3986 resolution is libxml2's.
 */
#include "config.h"

#include <string.h>

#include <libxml/uri.h>

#include "hearsay/url.h"
#include "hearsay/util.h"

char *
url_resolve(const char *base, const char *ref)
{
	xmlChar *abs;
	char *out;

	if (ref == NULL)
		return NULL;
	while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
		ref++;
	if (base == NULL || *base == '\0')
		return xstrdup(ref);
	abs = xmlBuildURI((const xmlChar *)ref, (const xmlChar *)base);
	if (abs == NULL)
		return xstrdup(ref);
	out = xstrdup((const char *)abs);
	xmlFree(abs);
	return out;
}

int
url_scheme_in(const char *url, const char *schemes)
{
	const char *colon, *p;
	size_t n;

	if (url == NULL || schemes == NULL)
		return 0;
	colon = strchr(url, ':');
	if (colon == NULL || colon == url)
		return 0;
	n = (size_t)(colon - url);
	for (p = schemes; *p != '\0';) {
		const char *end = strchr(p, ',');
		size_t len = end != NULL ? (size_t)(end - p) : strlen(p);

		if (len == n && ascii_ncasecmp(url, p, n) == 0)
			return 1;
		if (end == NULL)
			break;
		p = end + 1;
	}
	return 0;
}

/*
 * feed_xmlns.c - which vocabulary an element of a feed belongs to: its
 * namespace URI, read the way real feeds spell it, folded to one key.
 *
 * Publishers write the same namespace many ways: with and without the
 * trailing slash (".../modules/content"), in another letter case (iTunes'
 * old "http://www.itunes.com/DTDs/Podcast-1.0.dtd"), over https.  One table
 * lists the namespaces and their other spellings; the comparison forgives
 * case, an http/https scheme and a trailing '/' or '#', nothing else.  An
 * element whose URI is in no row, or whose prefix was never declared, goes
 * by its prefix when that is one every feed uses for one vocabulary
 * ("content:", "dc:", "media:"), as feedparser reads it.  Must never match
 * on a part of a URI: a namespace is its whole name.
 */
#include "config.h"

#include <string.h>

#include "feed_int.h"
#include "hearsay/util.h"

struct ns_name {
	const char *name;
	enum feed_ns ns;
};

/* Every spelling taken for a namespace (compared as ns_equal() says). */
static const struct ns_name ns_uris[] = {
	{ "", NS_CORE },
	{ "http://purl.org/rss/1.0/", NS_CORE },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_CORE },
	{ "http://channel.netscape.com/rdf/simple/0.9/", NS_CORE },
	{ "http://backend.userland.com/rss2", NS_CORE },
	{ "http://backend.userland.com/rss", NS_CORE },
	{ "http://blogs.law.harvard.edu/tech/rss", NS_CORE },
	{ "http://purl.org/net/rss1.1#", NS_CORE },
	{ "http://purl.org/rss/1.0/modules/rss091#", NS_CORE },
	{ "http://www.w3.org/2005/Atom", NS_ATOM },
	{ "http://purl.org/atom/ns#", NS_ATOM },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/elements/1.0/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DCTERMS },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	/* Media RSS 1.1.2 added the slash; Yahoo served it from three hosts. */
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://video.search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://tools.search.yahoo.com/mrss/", NS_MEDIA },
	/* The old spelling "DTDs/Podcast" differs in case only. */
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ "http://itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ "http://www.w3.org/1999/xhtml", NS_XHTML },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
};

/* Prefixes that stand for one vocabulary in every feed that uses them. */
static const struct ns_name ns_prefixes[] = {
	{ "atom", NS_ATOM }, { "dc", NS_DC }, { "dcterms", NS_DCTERMS },
	{ "content", NS_CONTENT }, { "media", NS_MEDIA },
	{ "itunes", NS_ITUNES }, { "xhtml", NS_XHTML }, { "rdf", NS_RDF },
};

/* The part of a namespace URI that names it: past an http:// or https://
 * scheme, without one trailing '/' or '#'; *len gets its length. */
static const char *
ns_core(const char *uri, size_t *len)
{
	size_t n;

	if (ascii_ncasecmp(uri, "http://", 7) == 0)
		uri += 7;
	else if (ascii_ncasecmp(uri, "https://", 8) == 0)
		uri += 8;
	n = strlen(uri);
	if (n > 0 && (uri[n - 1] == '/' || uri[n - 1] == '#'))
		n--;
	*len = n;
	return uri;
}

/* Non-zero when namespace URIs a and b are spellings of one name. */
static int
ns_equal(const char *a, const char *b)
{
	size_t na, nb;

	a = ns_core(a, &na);
	b = ns_core(b, &nb);
	return na == nb && ascii_ncasecmp(a, b, na) == 0;
}

enum feed_ns
feed_xmlns_uri(const char *uri)
{
	size_t i;

	for (i = 0; i < nitems(ns_uris); i++) {
		if (ns_equal(ns_uris[i].name, uri))
			return ns_uris[i].ns;
	}
	return NS_OTHER;
}

/* The vocabulary a conventional prefix (n bytes at p) stands for. */
static enum feed_ns
ns_prefix(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < nitems(ns_prefixes); i++) {
		if (strlen(ns_prefixes[i].name) == n &&
		    ascii_ncasecmp(ns_prefixes[i].name, p, n) == 0)
			return ns_prefixes[i].ns;
	}
	return NS_OTHER;
}

enum feed_ns
feed_xmlns_of(xmlNodePtr node, const xmlChar *root_ns, const char **local)
{
	const char *name = (const char *)node->name, *colon;
	const char *prefix;
	enum feed_ns ns;

	*local = name;
	if (node->ns != NULL && node->ns->href != NULL) {
		/* The root's namespace is the format's own, whatever it is. */
		if (root_ns != NULL && xmlStrEqual(node->ns->href, root_ns))
			return NS_CORE;
		ns = feed_xmlns_uri((const char *)node->ns->href);
		prefix = (const char *)node->ns->prefix;
		if (ns == NS_OTHER && prefix != NULL)
			ns = ns_prefix(prefix, strlen(prefix));
		return ns;
	}
	if ((colon = strchr(name, ':')) != NULL) {
		/* An undeclared prefix (already flagged): go by convention. */
		*local = colon + 1;
		return ns_prefix(name, (size_t)(colon - name));
	}
	return NS_CORE;
}

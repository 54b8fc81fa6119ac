/*
 * feed_xml.c - RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 into the one
 * item model, over a libxml2 tree.
 *
 * The tree comes from feed_xmlread() (libxml2 with the network, entity
 * substitution and DTD loading off; errors to a handler, never stderr).
 * Must never descend into elements it does not know.  Elements map to fields through
 * one table (namespace, name -> setter, priority), so supporting an element
 * is one row.  Links are resolved against xml:base and the document URL with
 * url_resolve(), then judged by url_link_check() (feed_doc_link): what is
 * not http, https or relative is dropped, never carried.  Dates go through
 * date_parse(); nothing is made up.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "feed_int.h"
#include "hearsay/date.h"
#include "hearsay/text.h"
#include "hearsay/url.h"
#include "hearsay/util.h"

/* The fields an element can set; which struct member depends on scope. */
enum feed_field {
	F_ID, F_TITLE, F_LINK, F_AUTHOR, F_SUMMARY, F_CONTENT, F_LANGUAGE,
	F_IMAGE, F_PUBLISHED, F_UPDATED, F_COUNT
};

#define S_FEED	0x1
#define S_ITEM	0x2
#define S_BOTH	(S_FEED | S_ITEM)

#define PRIO_NONE 255

struct feed_xml {
	struct feed_doc *doc;
	xmlDocPtr xdoc;
	int	 atom;		/* un-namespaced elements are Atom's */
	const xmlChar *root_ns;	/* the <rss>/<feed> root's namespace */
	struct feed_item *item;	/* NULL at feed level */
	unsigned char feed_prio[F_COUNT];
	unsigned char item_prio[F_COUNT];
	int	 guid_is_link;	/* the item's id stands for a missing link */
	int	 feed_author_atom; /* the feed's author is its atom:author */
	size_t	 expansion_budget; /* bytes of entity expansion left */
};

struct element_rule;
typedef void (*element_fn)(struct feed_xml *, xmlNodePtr,
    const struct element_rule *);

struct element_rule {
	enum feed_ns ns;
	const char *name;
	unsigned int scope;
	element_fn fn;
	enum feed_field field;
	unsigned char prio;	/* lower wins; equal keeps the first */
};

/* ---- setting fields ---- */

static unsigned char *
prio_of(struct feed_xml *x)
{
	return x->item != NULL ? x->item_prio : x->feed_prio;
}

static char **
field_str(struct feed_xml *x, enum feed_field f)
{
	struct feed_item *it = x->item;
	struct feed_doc *d = x->doc;

	switch (f) {
	case F_ID:
		return it != NULL ? &it->id : NULL;
	case F_TITLE:
		return it != NULL ? &it->title : &d->title;
	case F_LINK:
		return it != NULL ? &it->link : &d->link;
	case F_AUTHOR:
		return it != NULL ? &it->author : &d->author;
	case F_SUMMARY:
		return it != NULL ? &it->summary : &d->description;
	case F_CONTENT:
		return it != NULL ? &it->content : NULL;
	case F_LANGUAGE:
		return it != NULL ? NULL : &d->language;
	case F_IMAGE:
		return it != NULL ? NULL : &d->image;
	default:
		return NULL;
	}
}

/* Clean s (owned) for the model: UTF-8 encoded twice and windows-1252 C1
 * repaired, unsafe
 * characters gone, plain fields collapsed, length capped. */
static char *
finish_text(struct feed_xml *x, char *s, int plain)
{
	char *out, *once = s;

	/* feedparser's order: text encoded twice first, then C1 controls. */
	if ((s = feed_encoding_undouble(s)) != once)
		feed_doc_bozo(x->doc, "text encoded as UTF-8 twice decoded");
	s = feed_encoding_demoronize(s);
	out = text_sanitize(s, strlen(s),
	    plain ? TEXT_COLLAPSE_WS : TEXT_KEEP_LAYOUT);
	free(s);
	if (feed_text_limit(out))
		feed_doc_cut(x->doc, "text longer than %d bytes cut",
		    FEED_MAX_TEXT);
	return out;
}

/* Non-zero when s holds nothing but white space. */
static int
blank(const char *s)
{
	return feed_text_blank(s);
}

/* Store value (owned) in field f unless a better source already did.  An
 * empty value is no value (DESIGN.md: missing is null): it takes no rank,
 * so <author></author> leaves room for dc:creator. */
static void
set_field(struct feed_xml *x, enum feed_field f, unsigned char prio,
    char *value)
{
	unsigned char *p = prio_of(x);
	char **slot = field_str(x, f);

	if (value == NULL)
		return;
	if (slot == NULL || prio >= p[f] || blank(value)) {
		free(value);
		return;
	}
	value = finish_text(x, value, f != F_SUMMARY && f != F_CONTENT);
	if (blank(value)) {
		free(value);
		return;
	}
	p[f] = prio;
	free(*slot);
	*slot = value;
}

static void
set_date(struct feed_xml *x, enum feed_field f, unsigned char prio,
    const char *text)
{
	unsigned char *p = prio_of(x);
	int64_t t, *slot;

	if (x->item == NULL) {
		/* The feed has one date: its update time, else its pubDate. */
		if (f == F_PUBLISHED)
			prio += 10;
		f = F_UPDATED;
		slot = &x->doc->updated;
	} else {
		slot = f == F_PUBLISHED ? &x->item->published :
		    &x->item->updated;
	}
	/* A later date of the same rank replaces an earlier one. */
	if (prio > p[f] || date_parse(text, &t) == -1)
		return;
	p[f] = prio;
	*slot = t;
}

/* The base URI of node: the document URL with each xml:base from the
 * root down resolved against it (XML Base), by url_resolve(), which also
 * takes the IRIs that libxml2's own xmlNodeGetBase() gives up on.  New
 * string, or NULL. */
static char *
node_base(struct feed_xml *x, xmlNodePtr node)
{
	char *bases[FEED_MAX_DEPTH], *base, *next;
	xmlAttrPtr a;
	int n = 0;

	for (; node != NULL && node->type == XML_ELEMENT_NODE &&
	    n < FEED_MAX_DEPTH; node = node->parent) {
		for (a = node->properties; a != NULL; a = a->next) {
			/* Read bounded, never by xmlGetNsProp (entities). */
			if (a->ns != NULL && xmlStrEqual(a->ns->href,
			    XML_XML_NAMESPACE) &&
			    xmlStrEqual(a->name, (const xmlChar *)"base")) {
				bases[n++] = feed_text_node(x->doc, (xmlNodePtr)a);
				break;
			}
		}
	}
	base = x->xdoc->URL != NULL ? xstrdup((const char *)x->xdoc->URL) :
	    NULL;
	while (n-- > 0) {
		next = url_resolve(base, bases[n]);
		free(bases[n]);
		free(base);
		base = next;
	}
	return base;
}

/* ref (owned) resolved against node's xml:base and the document URL.  An
 * empty reference is no link: RFC 3986 would make it the base itself, but
 * an empty <link/> means the feed has none. */
static char *
resolve(struct feed_xml *x, xmlNodePtr node, char *ref)
{
	char *base, *abs;

	if (ref == NULL || blank(ref)) {
		free(ref);
		return NULL;
	}
	base = node_base(x, node);
	abs = url_resolve(base, ref);
	free(base);
	free(ref);
	return abs;
}

/* url (owned, resolved) if it is a link the model may carry, else NULL and
 * the document flagged, naming the field: what ("link", "image",
 * "enclosures") of the item being read, or of the feed. */
static char *
judge_link(struct feed_xml *x, char *url, const char *what)
{
	if (x->item != NULL)
		return feed_doc_link(x->doc, url, "items[%zu].%s",
		    x->doc->n_items - 1, what);
	return feed_doc_link(x->doc, url, "feed.%s", what);
}

/* The name `parse --json` gives a link field. */
static const char *
link_name(enum feed_field f)
{
	return f == F_IMAGE ? "image" : "link";
}

static enum feed_ns node_ns(struct feed_xml *x, xmlNodePtr node,
    const char **local);

/* ---- element setters ---- */

/* Non-zero when node, of namespace ns, is an Atom 1.0 text construct,
 * whose text is text unless its type says otherwise (RFC 4287 3.1.1). */
static int
atom_text(struct feed_xml *x, xmlNodePtr node, enum feed_ns ns)
{
	return ns == NS_ATOM && (x->doc->format == FEED_FORMAT_ATOM10 ||
	    (node->ns != NULL && feed_xmlns_uri((const char *)node->ns->href) ==
	    NS_ATOM && xmlStrcmp(node->ns->href,
	    (const xmlChar *)"http://purl.org/atom/ns#") != 0));
}

static void
el_plain(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	set_field(x, r->field, r->prio, feed_construct_read(x->doc, node,
	    atom_text(x, node, r->ns), 0));
}

static void
el_html(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	set_field(x, r->field, r->prio, feed_construct_read(x->doc, node,
	    atom_text(x, node, r->ns), 1));
}

static void
el_date(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	char *s = feed_text_node(x->doc, node);

	set_date(x, r->field, r->prio, s);
	free(s);
}

static void
el_uri(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	char *raw = feed_text_node(x->doc, node);
	char *s = text_clean(raw, TEXT_COLLAPSE_WS);

	free(raw);
	s = resolve(x, node, s);
	/* atom:id is a name, not a link: any scheme will do (tag:, urn:).
	 * Like a permalink guid, an http one stands for a missing link
	 * (item_finish). */
	if (r->field != F_ID)
		s = judge_link(x, s, link_name(r->field));
	else if (x->item != NULL && s != NULL && r->prio < x->item_prio[F_ID])
		x->guid_is_link = 1;
	set_field(x, r->field, r->prio, s);
}

static void
el_language(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	char *s = feed_text_node(x->doc, node), *p;

	for (p = s; *p != '\0'; p++) {
		if (*p == '_')
			*p = '-';
	}
	set_field(x, r->field, r->prio, s);
}

static void
el_guid(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	char *perma = feed_text_attr(x->doc, node, "isPermaLink");
	char *raw = feed_text_node(x->doc, node);
	char *s = text_clean(raw, TEXT_COLLAPSE_WS);
	int is_link = perma == NULL || ascii_casecmp(perma, "false") != 0;

	free(perma);
	free(raw);
	if (r->prio < x->item_prio[F_ID] && !blank(s))
		x->guid_is_link = is_link;
	set_field(x, r->field, r->prio, is_link ? resolve(x, node, s) : s);
}

/* The text of node's attribute name, or NULL when it is missing or
 * empty.  New string. */
static char *
attr_value(struct feed_xml *x, xmlNodePtr node, const char *name)
{
	char *s = feed_text_attr(x->doc, node, name);

	if (s != NULL && blank(s))
		xfree(s);
	return s;
}

/* Non-zero when the rel attribute rel names relation name: in any case,
 * blanks around, or as the IANA URI RFC 4287 4.2.7.2 makes it equal to. */
static int
link_rel_is(const char *rel, const char *name)
{
	static const char iana[] = "http://www.iana.org/assignments/relation/";
	size_t n;

	rel += strspn(rel, " \t\r\n");
	if (ascii_ncasecmp(rel, iana, sizeof iana - 1) == 0)
		rel += sizeof iana - 1;
	n = strlen(name);
	return ascii_ncasecmp(rel, name, n) == 0 &&
	    rel[n + strspn(rel + n, " \t\r\n")] == '\0';
}

/* An Atom link: alternate to the link, enclosure to the enclosures. */
static void
el_atom_link(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	char *rel = feed_text_attr(x->doc, node, "rel");
	char *type = attr_value(x, node, "type");
	char *href = resolve(x, node, feed_text_attr(x->doc, node, "href"));
	char *len;
	long n;
	int html;

	if (href == NULL)
		goto out;
	if (rel == NULL || link_rel_is(rel, "alternate")) {
		html = type == NULL || strstr(type, "html") != NULL;
		set_field(x, r->field, r->prio + (html ? 0 : 1),
		    judge_link(x, href, link_name(r->field)));
		href = NULL;
	} else if (link_rel_is(rel, "enclosure") && x->item != NULL &&
	    (href = judge_link(x, href, "enclosures")) != NULL) {
		len = feed_text_attr(x->doc, node, "length");
		feed_item_add_enclosure(x->doc, x->item, finish_text(x, href, 1),
		    type != NULL ? finish_text(x, type, 1) : NULL,
		    len != NULL && parse_long(len, 0, LONG_MAX, &n) == 0 ? n : -1);
		free(len);
		href = type = NULL;
	}
out:
	free(rel);
	free(type);
	free(href);
}

/* An enclosure from attributes (RSS enclosure, media:content). */
static void
add_enclosure(struct feed_xml *x, xmlNodePtr node, const char *url_attr,
    const char *len_attr)
{
	char *url = resolve(x, node, feed_text_attr(x->doc, node, url_attr));
	char *len = feed_text_attr(x->doc, node, len_attr);
	char *type = attr_value(x, node, "type");
	long n;

	if (url != NULL && *url != '\0')
		url = judge_link(x, url, "enclosures");
	if (url == NULL || *url == '\0') {
		free(url);
		free(type);
	} else {
		feed_item_add_enclosure(x->doc, x->item, finish_text(x, url, 1),
		    type != NULL ? finish_text(x, type, 1) : NULL,
		    len != NULL && parse_long(len, 0, LONG_MAX, &n) == 0 ? n : -1);
	}
	free(len);
}

/* Non-zero when attribute name of node is a number of at most max. */
static int
attr_at_most(struct feed_xml *x, xmlNodePtr node, const char *name, long max)
{
	char *s = attr_value(x, node, name);
	long n;
	int small = s != NULL && parse_long(s, 0, LONG_MAX, &n) == 0 && n <= max;

	free(s);
	return small;
}

/* Non-zero for a media:content that is no part of the story: a tracking
 * pixel (declared at most 1x1) or the author's avatar (an image whose URL
 * names it one: Gravatar's /avatar/HASH that WordPress puts in every item,
 * avatars.githubusercontent.com).  A real enclosure, sound or video or a
 * picture of the story, is neither. */
static int
media_is_decoration(struct feed_xml *x, xmlNodePtr node)
{
	static const char *const avatar[] = { "avatar", "avatars", NULL };
	char *url, *medium, *type;
	int image, found;

	if (attr_at_most(x, node, "width", 1) && attr_at_most(x, node, "height", 1))
		return 1;
	medium = attr_value(x, node, "medium");
	type = attr_value(x, node, "type");
	image = medium != NULL ? ascii_casecmp(medium, "image") == 0 :
	    type == NULL || ascii_ncasecmp(type, "image/", 6) == 0;
	free(medium);
	free(type);
	if (!image)
		return 0;
	url = attr_value(x, node, "url");
	found = url_has_part(url, avatar);
	free(url);
	return found;
}

static void
el_enclosure(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	(void)r;
	add_enclosure(x, node, "url", "length");
}

static void
el_media_content(struct feed_xml *x, xmlNodePtr node,
    const struct element_rule *r)
{
	(void)r;
	if (!media_is_decoration(x, node))
		add_enclosure(x, node, "url", "fileSize");
}

static void
el_category(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	char *s;

	(void)r;
	if (x->item == NULL)
		return;
	s = feed_text_attr(x->doc, node, "term");
	if (s == NULL || *s == '\0') {
		free(s);
		s = feed_text_attr(x->doc, node, "label");
	}
	if (s == NULL)
		s = feed_text_node(x->doc, node);
	s = finish_text(x, s, 1);
	if (*s == '\0')
		free(s);
	else
		feed_item_add_category(x->doc, x->item, s);
}

/* media:keywords: a comma-separated list, each one a category. */
static void
el_keywords(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	char *list = feed_text_node(x->doc, node), *p, *comma, *k;

	(void)r;
	for (p = list; p != NULL; p = comma != NULL ? comma + 1 : NULL) {
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		k = finish_text(x, xstrdup(p), 1);
		if (*k == '\0')
			free(k);
		else
			feed_item_add_category(x->doc, x->item, k);
	}
	free(list);
}

/* A person (atom:author, and an RSS author written the same way): its
 * name child, else its email, never the text of all its children glued
 * together ("Ann LeeEditor, Features").  An RSS author without either
 * child is read as text, as titles are. */
static void
el_person(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	xmlNodePtr c;
	const char *local;
	char *name = NULL, *email = NULL, *plain;
	enum feed_ns ns;

	for (c = node->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		ns = node_ns(x, c, &local);
		if (ns != NS_ATOM && ns != NS_CORE)
			continue;
		if (ascii_casecmp(local, "name") == 0 && name == NULL)
			name = feed_text_node(x->doc, c);
		else if (ascii_casecmp(local, "email") == 0 && email == NULL)
			email = feed_text_node(x->doc, c);
	}
	if (name == NULL && email == NULL && r->ns != NS_ATOM) {
		el_plain(x, node, r);
		return;
	}
	if (name == NULL && email == NULL && !feed_text_has_elements(node))
		name = feed_text_node(x->doc, node);
	/* A name is text, but feeds write it as HTML too ("&amp;amp;",
	 * "&lt;b&gt;"): read as titles are. */
	if (name != NULL && feed_text_looks_like_html(name)) {
		plain = feed_text_from_html(name);
		free(name);
		name = plain;
	}
	name = feed_text_plain(name);
	if (name != NULL && blank(name))
		xfree(name);
	set_field(x, r->field, r->prio, name != NULL ? name : email);
	if (name != NULL)
		free(email);
	if (x->item == NULL && r->ns == NS_ATOM && x->doc->author != NULL &&
	    x->feed_prio[F_AUTHOR] == r->prio)
		x->feed_author_atom = 1;
}

/* An atom:source: the feed an entry was copied from.  Only its authors
 * are read: RFC 4287 4.2.1 makes them the entry's when it names none. */
static void
el_source(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	xmlNodePtr c;
	const char *local;

	for (c = node->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    node_ns(x, c, &local) == NS_ATOM &&
		    ascii_casecmp(local, "author") == 0)
			el_person(x, c, r);
	}
}

/* An RSS image: the url child. */
static void
el_rss_image(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	xmlNodePtr c;
	const char *local;

	for (c = node->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    node_ns(x, c, &local) == NS_CORE &&
		    ascii_casecmp(local, "url") == 0)
			el_uri(x, c, r);
	}
}

/* An image given by an attribute (itunes:image href, media:thumbnail url). */
static void
el_image_attr(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	char *s = feed_text_attr(x->doc, node, "href");

	if (s == NULL)
		s = feed_text_attr(x->doc, node, "url");
	set_field(x, r->field, r->prio,
	    judge_link(x, resolve(x, node, s), link_name(r->field)));
}

static void walk_children(struct feed_xml *x, xmlNodePtr node, int depth);

/* A grouping element (media:group): its children count as the parent's. */
static void
el_group(struct feed_xml *x, xmlNodePtr node, const struct element_rule *r)
{
	(void)r;
	walk_children(x, node, 1);
}

/* The element table: one row per element a feed can carry. */
static const struct element_rule element_rules[] = {
	/* RSS 0.9x, 1.0 and 2.0 */
	{ NS_CORE, "title", S_BOTH, el_plain, F_TITLE, 1 },
	{ NS_CORE, "link", S_BOTH, el_uri, F_LINK, 1 },
	{ NS_CORE, "description", S_BOTH, el_html, F_SUMMARY, 1 },
	{ NS_CORE, "language", S_FEED, el_language, F_LANGUAGE, 1 },
	{ NS_CORE, "pubDate", S_BOTH, el_date, F_PUBLISHED, 1 },
	{ NS_CORE, "lastBuildDate", S_FEED, el_date, F_UPDATED, 1 },
	/* dcterms:modified written without its prefix (feedparser too) */
	{ NS_CORE, "modified", S_BOTH, el_date, F_UPDATED, 3 },
	{ NS_CORE, "author", S_BOTH, el_person, F_AUTHOR, 1 },
	{ NS_CORE, "managingEditor", S_FEED, el_plain, F_AUTHOR, 2 },
	{ NS_CORE, "guid", S_ITEM, el_guid, F_ID, 1 },
	{ NS_CORE, "enclosure", S_ITEM, el_enclosure, F_COUNT, 0 },
	{ NS_CORE, "category", S_ITEM, el_category, F_COUNT, 0 },
	{ NS_CORE, "image", S_FEED, el_rss_image, F_IMAGE, 1 },
	/* Atom 0.3's and others' names written into RSS without a prefix:
	 * nothing else can be meant, and feedparser reads them so. */
	{ NS_CORE, "summary", S_ITEM, el_html, F_SUMMARY, 2 },
	{ NS_CORE, "abstract", S_ITEM, el_html, F_SUMMARY, 3 },
	{ NS_CORE, "fullitem", S_ITEM, el_html, F_CONTENT, 2 },
	{ NS_CORE, "content", S_ITEM, el_html, F_CONTENT, 3 },
	{ NS_CORE, "tagline", S_FEED, el_html, F_SUMMARY, 2 },
	{ NS_CORE, "subtitle", S_FEED, el_html, F_SUMMARY, 2 },
	{ NS_CORE, "id", S_ITEM, el_uri, F_ID, 2 },
	{ NS_CORE, "published", S_BOTH, el_date, F_PUBLISHED, 2 },
	{ NS_CORE, "issued", S_BOTH, el_date, F_PUBLISHED, 2 },
	{ NS_CORE, "updated", S_BOTH, el_date, F_UPDATED, 2 },
	{ NS_CORE, "keywords", S_ITEM, el_category, F_COUNT, 0 },
	/* Atom 1.0 and 0.3 (also atom:* inside RSS) */
	{ NS_ATOM, "title", S_BOTH, el_plain, F_TITLE, 1 },
	{ NS_ATOM, "link", S_BOTH, el_atom_link, F_LINK, 2 },
	{ NS_ATOM, "subtitle", S_FEED, el_html, F_SUMMARY, 1 },
	{ NS_ATOM, "tagline", S_FEED, el_html, F_SUMMARY, 1 },
	{ NS_ATOM, "info", S_FEED, el_html, F_SUMMARY, 6 },
	{ NS_ATOM, "summary", S_ITEM, el_html, F_SUMMARY, 1 },
	{ NS_ATOM, "content", S_ITEM, el_html, F_CONTENT, 1 },
	{ NS_ATOM, "id", S_ITEM, el_uri, F_ID, 1 },
	{ NS_ATOM, "updated", S_BOTH, el_date, F_UPDATED, 1 },
	{ NS_ATOM, "modified", S_BOTH, el_date, F_UPDATED, 1 },
	{ NS_ATOM, "published", S_BOTH, el_date, F_PUBLISHED, 1 },
	{ NS_ATOM, "issued", S_BOTH, el_date, F_PUBLISHED, 1 },
	{ NS_ATOM, "created", S_BOTH, el_date, F_PUBLISHED, 3 },
	{ NS_ATOM, "author", S_BOTH, el_person, F_AUTHOR, 1 },
	{ NS_ATOM, "source", S_ITEM, el_source, F_AUTHOR, 3 },
	{ NS_ATOM, "category", S_ITEM, el_category, F_COUNT, 0 },
	{ NS_ATOM, "logo", S_FEED, el_uri, F_IMAGE, 1 },
	{ NS_ATOM, "icon", S_FEED, el_uri, F_IMAGE, 2 },
	/* Dublin Core and DC terms */
	{ NS_DC, "title", S_BOTH, el_plain, F_TITLE, 2 },
	{ NS_DC, "creator", S_BOTH, el_plain, F_AUTHOR, 2 },
	{ NS_DC, "author", S_BOTH, el_plain, F_AUTHOR, 2 },
	{ NS_DC, "description", S_BOTH, el_html, F_SUMMARY, 2 },
	{ NS_DC, "date", S_BOTH, el_date, F_UPDATED, 2 },
	{ NS_DC, "language", S_FEED, el_language, F_LANGUAGE, 2 },
	{ NS_DC, "subject", S_ITEM, el_category, F_COUNT, 0 },
	{ NS_DCTERMS, "modified", S_BOTH, el_date, F_UPDATED, 2 },
	{ NS_DCTERMS, "issued", S_BOTH, el_date, F_PUBLISHED, 2 },
	{ NS_DCTERMS, "created", S_BOTH, el_date, F_PUBLISHED, 3 },
	/* content:encoded and an inline XHTML body */
	{ NS_CONTENT, "encoded", S_ITEM, el_html, F_CONTENT, 1 },
	{ NS_XHTML, "body", S_ITEM, el_html, F_CONTENT, 2 },
	/* Media RSS */
	{ NS_MEDIA, "content", S_ITEM, el_media_content, F_COUNT, 0 },
	{ NS_MEDIA, "category", S_ITEM, el_category, F_COUNT, 0 },
	{ NS_MEDIA, "keywords", S_ITEM, el_keywords, F_COUNT, 0 },
	{ NS_MEDIA, "group", S_ITEM, el_group, F_COUNT, 0 },
	{ NS_MEDIA, "title", S_ITEM, el_plain, F_TITLE, 4 },
	{ NS_MEDIA, "description", S_ITEM, el_html, F_SUMMARY, 4 },
	{ NS_MEDIA, "thumbnail", S_FEED, el_image_attr, F_IMAGE, 3 },
	/* iTunes, where it stands for a missing field */
	{ NS_ITUNES, "author", S_BOTH, el_plain, F_AUTHOR, 4 },
	{ NS_ITUNES, "summary", S_BOTH, el_html, F_SUMMARY, 4 },
	{ NS_ITUNES, "subtitle", S_BOTH, el_html, F_SUMMARY, 5 },
	{ NS_ITUNES, "image", S_FEED, el_image_attr, F_IMAGE, 4 },
};

/* ---- walking the tree ---- */

/* node's namespace key; *local gets its local name.  In Atom documents
 * un-namespaced elements are Atom's. */
static enum feed_ns
node_ns(struct feed_xml *x, xmlNodePtr node, const char **local)
{
	enum feed_ns ns = feed_xmlns_of(node, x->root_ns, local);

	if (ns == NS_CORE && x->atom)
		ns = NS_ATOM;
	return ns;
}

/* The rule for element local of namespace ns in scope.  Element names are
 * matched exactly first, then without regard to case: feeds write
 * <pubdate> and <Title>, and no two rows differ in case only, so nothing
 * else can be meant (feedparser folds every name to lower case). */
static const struct element_rule *
rule_find(enum feed_ns ns, const char *local, unsigned int scope)
{
	const struct element_rule *folded = NULL;
	size_t i;

	for (i = 0; i < nitems(element_rules); i++) {
		const struct element_rule *r = &element_rules[i];

		if (r->ns != ns || !(r->scope & scope))
			continue;
		if (strcmp(r->name, local) == 0)
			return r;
		if (folded == NULL && ascii_casecmp(r->name, local) == 0)
			folded = r;
	}
	return folded;
}

static void
item_finish(struct feed_xml *x, struct feed_item *item)
{
	/* RSS 2.0: a guid that is a permalink stands in for a missing link;
	 * so does an Atom entry's id, when it is an http URL (feedparser). */
	if (item->link == NULL && item->id != NULL && x->guid_is_link &&
	    url_link_check(item->id, NULL) == URL_LINK_WEB)
		item->link = xstrdup(item->id);
	/* Content without a summary is its own summary (as feedparser). */
	if (item->summary == NULL && item->content != NULL &&
	    *item->content != '\0')
		item->summary = xstrdup(item->content);
}

/* The rdf:about of an RSS 1.0 item: the URI the item is about, its id
 * when it has no guid.  New string, or NULL. */
static char *
rdf_about(struct feed_xml *x, xmlNodePtr node)
{
	xmlAttrPtr a;

	for (a = node->properties; a != NULL; a = a->next) {
		if (a->ns != NULL && a->ns->href != NULL &&
		    feed_xmlns_uri((const char *)a->ns->href) == NS_RDF &&
		    xmlStrEqual(a->name, (const xmlChar *)"about"))
			return feed_text_node(x->doc, (xmlNodePtr)a);
	}
	return NULL;
}

static void
item_parse(struct feed_xml *x, xmlNodePtr node)
{
	struct feed_item *item = feed_doc_add_item(x->doc);
	char *about;

	if (item == NULL)
		return;
	x->item = item;
	memset(x->item_prio, PRIO_NONE, sizeof x->item_prio);
	x->guid_is_link = 0;
	if ((about = rdf_about(x, node)) != NULL)
		set_field(x, F_ID, 3, about);
	walk_children(x, node, 0);
	item_finish(x, item);
	x->item = NULL;
}

static int
is_item(enum feed_ns ns, const char *local)
{
	return (ns == NS_CORE && ascii_casecmp(local, "item") == 0) ||
	    (ns == NS_ATOM && ascii_casecmp(local, "entry") == 0);
}

static void
walk_children(struct feed_xml *x, xmlNodePtr node, int depth)
{
	const struct element_rule *r;
	const char *local;
	enum feed_ns ns;
	xmlNodePtr c;

	if (depth > 2)
		return;
	for (c = node->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		ns = node_ns(x, c, &local);
		if (x->item == NULL && is_item(ns, local)) {
			item_parse(x, c);
		} else if (x->item == NULL && ns == NS_CORE &&
		    ascii_casecmp(local, "channel") == 0) {
			walk_children(x, c, depth + 1);
		} else {
			r = rule_find(ns, local, x->item != NULL ? S_ITEM : S_FEED);
			if (r != NULL)
				r->fn(x, c, r);
		}
	}
}

/* ---- format detection and the entry point ---- */

/* Which format a root element means; the first matching row wins. */
struct format_rule {
	const char *root;	/* local name */
	const char *ns;		/* declared on the root, or NULL for any */
	const char *version;	/* prefix of the version attribute, or NULL */
	enum feed_format format;
	int	 atom;		/* un-namespaced children are Atom's */
	int	 own_ns;	/* the root's namespace is the format's own */
};

static const struct format_rule format_rules[] = {
	{ "rss", NULL, "0.9", FEED_FORMAT_RSS09X, 0, 1 },
	{ "rss", NULL, NULL, FEED_FORMAT_RSS20, 0, 1 },
	{ "RDF", "http://my.netscape.com/rdf/simple/0.9/", NULL,
	    FEED_FORMAT_RSS09X, 0, 0 },
	{ "RDF", NULL, NULL, FEED_FORMAT_RSS10, 0, 0 },
	{ "channel", NULL, NULL, FEED_FORMAT_RSS09X, 0, 0 },
	{ "feed", "http://www.w3.org/2005/Atom", NULL, FEED_FORMAT_ATOM10, 1, 1 },
	{ "feed", "http://purl.org/atom/ns#", NULL, FEED_FORMAT_ATOM03, 1, 1 },
	{ "feed", NULL, "0.3", FEED_FORMAT_ATOM03, 1, 1 },
	{ "feed", NULL, NULL, FEED_FORMAT_ATOM10, 1, 1 },
};

/* Non-zero when root is in, or declares, namespace uri. */
static int
root_has_ns(xmlNodePtr root, const char *uri)
{
	xmlNsPtr ns;

	if (root->ns != NULL && xmlStrEqual(root->ns->href, (const xmlChar *)uri))
		return 1;
	for (ns = root->nsDef; ns != NULL; ns = ns->next) {
		if (xmlStrEqual(ns->href, (const xmlChar *)uri))
			return 1;
	}
	return 0;
}

static enum feed_format
format_detect(struct feed_xml *x, xmlNodePtr root)
{
	const char *name = (const char *)root->name, *colon;
	char *version = feed_text_attr(x->doc, root, "version");
	const struct format_rule *r = NULL;
	size_t i;

	if ((colon = strchr(name, ':')) != NULL)
		name = colon + 1;
	for (i = 0; i < nitems(format_rules) && r == NULL; i++) {
		r = &format_rules[i];
		if (ascii_casecmp(name, r->root) != 0 ||
		    (r->ns != NULL && !root_has_ns(root, r->ns)) ||
		    (r->version != NULL && (version == NULL ||
		    strncmp(version, r->version, strlen(r->version)) != 0)))
			r = NULL;
	}
	free(version);
	if (r == NULL)
		return FEED_FORMAT_UNKNOWN;
	x->atom = r->atom;
	if (r->own_ns && root->ns != NULL)
		x->root_ns = root->ns->href;
	return r->format;
}

static void
feed_language_default(struct feed_xml *x, xmlNodePtr root)
{
	xmlChar *lang = xmlNodeGetLang(root);

	if (lang != NULL) {
		x->item = NULL;
		set_field(x, F_LANGUAGE, 3, xstrdup((const char *)lang));
		if (x->doc->language != NULL) {
			char *p;

			for (p = x->doc->language; *p != '\0'; p++) {
				if (*p == '_')
					*p = '-';
			}
		}
	}
	xmlFree(lang);
}

/* The first element under node, depth levels down at most, that is the
 * root of a feed (x and its document's format set); NULL when there is
 * none.  Servers wrap feeds in an HTML page; feedparser digs them out. */
static xmlNodePtr
feed_in_html(struct feed_xml *x, xmlNodePtr node, int depth)
{
	xmlNodePtr c, found;

	if (depth > 8)
		return NULL;
	for (c = node->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if ((x->doc->format = format_detect(x, c)) != FEED_FORMAT_UNKNOWN)
			return c;
		if ((found = feed_in_html(x, c, depth + 1)) != NULL)
			return found;
	}
	return NULL;
}

/* RFC 4287 4.2.1: an Atom feed's authors are those of every entry that
 * names none (nor has an atom:source that does). */
static void
feed_authors_inherit(struct feed_xml *x)
{
	size_t i;

	if ((x->doc->format != FEED_FORMAT_ATOM10 &&
	    x->doc->format != FEED_FORMAT_ATOM03) || !x->feed_author_atom)
		return;
	for (i = 0; i < x->doc->n_items; i++) {
		if (x->doc->items[i].author == NULL)
			x->doc->items[i].author = xstrdup(x->doc->author);
	}
}

int
feed_xml_parse(const char *utf8, size_t len,
    const struct feed_parse_opts *opts, struct feed_doc *doc, char **err)
{
	xmlStructuredErrorFunc old_fn = xmlStructuredError;
	void *old_ctx = xmlStructuredErrorContext;
	struct feed_xml x;
	xmlNodePtr root, inner;
	int rc = -1;

	memset(&x, 0, sizeof x);
	memset(x.feed_prio, PRIO_NONE, sizeof x.feed_prio);
	x.doc = doc;
	x.expansion_budget = FEED_MAX_EXPANSION;
	xmlInitParser();	/* idempotent; needed before threads use it */
	/* libxml2 reports to us, never to stderr, for the whole parse. */
	xmlSetStructuredErrorFunc(doc, feed_xmlread_error);
	if ((x.xdoc = feed_xmlread(utf8, len, opts->base_url, doc)) != NULL)
		x.xdoc->_private = &x.expansion_budget;
	if (x.xdoc == NULL || (root = xmlDocGetRootElement(x.xdoc)) == NULL) {
		error_set(err, "not a feed: %s", doc->bozo_reason != NULL ?
		    doc->bozo_reason : "empty document");
		goto out;
	}
	doc->format = format_detect(&x, root);
	if (doc->format == FEED_FORMAT_UNKNOWN &&
	    ascii_casecmp((const char *)root->name, "html") == 0 &&
	    (inner = feed_in_html(&x, root, 0)) != NULL) {
		feed_doc_bozo(doc, "the feed is inside an HTML page");
		root = inner;
	} else if (doc->format == FEED_FORMAT_UNKNOWN) {
		error_set(err, "not a feed: the root element is <%s>",
		    (const char *)root->name);
		goto out;
	}
	/* A bare <channel> root is walked from the document node, so it is
	 * taken as the container it is. */
	walk_children(&x, xmlStrcmp(root->name, (const xmlChar *)"channel") == 0 ?
	    root->parent : root, 0);
	feed_language_default(&x, root);
	feed_authors_inherit(&x);
	rc = 0;
out:
	xmlFreeDoc(x.xdoc);
	xmlSetStructuredErrorFunc(old_ctx, old_fn);
	return rc;
}

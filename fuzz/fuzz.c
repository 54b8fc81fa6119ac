/*
 * fuzz.c - the helpers every fuzz target links: copies and the checks of
 * fuzz.h.  A failed check aborts, so libFuzzer and the plain driver both
 * report it as a crash with the input that caused it.  Never prints.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "hearsay/date.h"
#include "hearsay/feed.h"
#include "hearsay/text.h"
#include "hearsay/url.h"
#include "hearsay/util.h"
#include "fuzz.h"

char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

void
fuzz_assert_safe(const char *s, size_t len, int layout)
{
	size_t i = 0, n;
	uint32_t cp;

	if (!utf8_valid(s, len))
		abort();
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		i += n;
		if ((cp == '\n' || cp == '\t') && layout)
			continue;
		if (text_is_unsafe(cp))
			abort();
	}
}

void
fuzz_assert_safe_str(const char *s, int layout)
{
	if (s != NULL)
		fuzz_assert_safe(s, strlen(s), layout);
}

/* Abort unless every string in v (keys included) is safe text. */
static void
fuzz_json_walk(json_t *v)
{
	const char *key;
	json_t *item;
	size_t i;

	switch (json_typeof(v)) {
	case JSON_STRING:
		fuzz_assert_safe(json_string_value(v), json_string_length(v), 1);
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, item)
			fuzz_json_walk(item);
		break;
	case JSON_OBJECT:
		json_object_foreach(v, key, item) {
			fuzz_assert_safe_str(key, 0);
			fuzz_json_walk(item);
		}
		break;
	default:
		break;
	}
}

void
fuzz_assert_json(const char *s)
{
	json_error_t jerr;
	json_t *v;

	if (s == NULL || !utf8_valid(s, strlen(s)))
		abort();
	v = json_loads(s, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
	if (v == NULL)
		abort();
	fuzz_json_walk(v);
	json_decref(v);
}

static void
fuzz_assert_link(const char *url)
{
	if (url != NULL && url_link_check(url, NULL) == URL_LINK_UNSAFE)
		abort();
}

static void
fuzz_assert_date(int64_t t)
{
	if (t != FEED_NO_DATE && (t < DATE_MIN || t > DATE_MAX))
		abort();
}

void
fuzz_assert_doc(const struct feed_doc *doc)
{
	const struct feed_item *it;
	size_t i, k;

	fuzz_assert_link(doc->link);
	fuzz_assert_link(doc->image);
	fuzz_assert_date(doc->updated);
	for (i = 0; i < doc->n_items; i++) {
		it = &doc->items[i];
		fuzz_assert_link(it->link);
		fuzz_assert_date(it->published);
		fuzz_assert_date(it->updated);
		for (k = 0; k < it->n_enclosures; k++)
			fuzz_assert_link(it->enclosures[k].url);
	}
}

/*
 * opml.c - fuzz target: OPML import, then export, then import of that
 * export into a fresh list.
 *
 * Checks that the error message is safe to print, that an exported list
 * always imports again, and that it gives the same feeds in the same
 * order (opml.h's round-trip promise).  Frees everything.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/feedlist.h"
#include "hearsay/opml.h"
#include "fuzz.h"

/* Abort unless a and b hold the same URLs in the same order. */
static void
opml_fuzz_same(const struct feedlist *a, const struct feedlist *b)
{
	size_t i;

	if (feedlist_count(a) != feedlist_count(b))
		abort();
	for (i = 0; i < feedlist_count(a); i++)
		if (strcmp(feedlist_get(a, i)->url, feedlist_get(b, i)->url) != 0)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feedlist *fl = feedlist_new(), *again = NULL;
	struct opml_result res;
	char *err = NULL, *out = NULL;

	if (opml_import(fl, (const char *)data, size, &res, &err) == -1) {
		fuzz_assert_safe_str(err, 0);
		goto out;
	}
	if ((out = opml_export(fl)) == NULL)
		abort();
	again = feedlist_new();
	if (opml_import(again, out, strlen(out), &res, &err) == -1)
		abort();
	opml_fuzz_same(fl, again);
out:
	free(err);
	free(out);
	feedlist_free(again);
	feedlist_free(fl);
	return 0;
}

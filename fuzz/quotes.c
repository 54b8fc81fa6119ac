/*
 * quotes.c - fuzz target: the text cleaner and the quote and attribution
 * engine (quotes_analyze) on one story, plain or HTML, then its JSON and
 * its readable summary.
 *
 * The English data is loaded once from the source tree (data/en, or
 * $HEARSAY_DATA_DIR/en) and kept for the whole run.  Checks that the
 * output is safe and that every span lies inside the cleaned text; frees
 * everything else.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/buf.h"
#include "hearsay/quotes.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "fuzz.h"

static struct quotes_lang *quotes_fuzz_lang;

/* Free the language data at exit, so LeakSanitizer sees nothing. */
static void
quotes_fuzz_done(void)
{
	quotes_lang_free(quotes_fuzz_lang);
}

/* The language data, loaded on first use; aborts when it cannot be. */
static const struct quotes_lang *
quotes_fuzz_load(void)
{
	const char *env = getenv("HEARSAY_DATA_DIR");
	char *dir, *err = NULL;

	if (quotes_fuzz_lang != NULL)
		return quotes_fuzz_lang;
	dir = env != NULL ? xprintf("%s/en", env) :
	    xstrdup(HEARSAY_SRCDIR "/data/en");
	quotes_fuzz_lang = quotes_lang_load(dir, &err);
	free(dir);
	if (quotes_fuzz_lang == NULL)
		abort();
	atexit(quotes_fuzz_done);
	return quotes_fuzz_lang;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct quotes_lang *lang = quotes_fuzz_load();
	struct quotes_result *res;
	struct buf out;
	size_t i, n;
	char *json;

	res = quotes_analyze(lang, (const char *)data, size);
	n = utf8_count(res->text, strlen(res->text));
	fuzz_assert_safe_str(res->text, 1);
	for (i = 0; i < res->n_quotes; i++)
		if (res->quotes[i].start > res->quotes[i].end ||
		    res->quotes[i].end > n)
			abort();
	for (i = 0; i < res->n_attribs; i++)
		if (res->attribs[i].start > res->attribs[i].end ||
		    res->attribs[i].end > n)
			abort();
	json = quotes_to_json(res);
	fuzz_assert_json(json);
	free(json);
	buf_init(&out, 0);
	quotes_summary(res, &out);
	fuzz_assert_safe(buf_str(&out), out.len, 1);
	buf_free(&out);
	quotes_result_free(res);
	return 0;
}

/*
 * cmd_quotes.c - `hearsay quotes [--json] FILE|-`: the quotes, speakers,
 * cited sources and dateline of one article (plain text or HTML).
 *
 * A thin front end over quotes.h (HTML made into text by story_text.h,
 * as for the reader's stories): must never analyse text itself.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "hearsay/analyze.h"
#include "hearsay/buf.h"
#include "hearsay/quotes.h"
#include "hearsay/story_text.h"
#include "hearsay/util.h"

#define QUOTES_INPUT_MAX	((size_t)64 * 1024 * 1024)

static void
quotes_usage(FILE *fp)
{
	fprintf(fp, "usage: hearsay quotes [--json] FILE|-\n");
}

static int
quotes_print(const struct quotes_result *res, int json)
{
	struct buf out = BUF_INIT;
	char *s;

	if (json) {
		s = quotes_to_json(res);
		printf("%s\n", s);
		free(s);
	} else {
		quotes_summary(res, &out);
		fputs(buf_str(&out), stdout);
		buf_free(&out);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

/* The engine's result for an article: HTML (first non-blank byte '<')
 * through its story text, the text the reader analyses; plain text as it
 * is, its lines and offsets its own.  Caller frees. */
static struct quotes_result *
quotes_input(const struct quotes_lang *lang, const char *data, size_t len)
{
	struct story_text *text;
	struct quotes_result *res;
	size_t i = 0;

	while (i < len && (data[i] == ' ' || data[i] == '\t' ||
	    data[i] == '\n' || data[i] == '\r'))
		i++;
	if (i == len || data[i] != '<')
		return quotes_analyze(lang, data, len);
	text = story_text_new(data, len, NULL);
	res = analyze_text(lang, text);
	story_text_free(text);
	return res;
}

int
cmd_quotes(int argc, char **argv, const struct cmd_globals *g)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct quotes_lang *lang;
	struct quotes_result *res;
	char *err = NULL, *data;
	size_t len;
	int c, json = 0, rc;

	(void)g;
	while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
		if (c == 'j') {
			json = 1;
		} else {
			quotes_usage(c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : 2;
		}
	}
	if (optind + 1 != argc) {
		quotes_usage(stderr);
		return 2;
	}
	lang = quotes_lang_find("en", &err);
	if (lang == NULL) {
		fprintf(stderr, "hearsay: %s\n", err);
		free(err);
		return 2;
	}
	data = file_read(argv[optind], QUOTES_INPUT_MAX, &len, &err);
	if (data == NULL) {
		fprintf(stderr, "hearsay: %s\n", err);
		free(err);
		quotes_lang_free(lang);
		return 1;
	}
	res = quotes_input(lang, data, len);
	rc = quotes_print(res, json);
	quotes_result_free(res);
	quotes_lang_free(lang);
	free(data);
	return rc;
}

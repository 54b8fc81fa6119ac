/*
 * cmd_parse.c - `hearsay parse [--json] [--base URL] FILE|-`: parse one feed
 * document and print it, as JSON or as a short listing.
 *
 * A thin front end over feed_parse(): it must never interpret the feed
 * itself, and never prints a byte of feed text unsanitised.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cmd.h"
#include "hearsay/date.h"
#include "hearsay/feed.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

static const char parse_usage[] =
    "usage: hearsay parse [--json] [--base URL] FILE|-\n";

/* Report err (a message that may quote the input): JSON or stderr. */
static int
parse_fail(int json, const char *err)
{
	char *clean = text_clean(err, TEXT_COLLAPSE_WS);

	if (json) {
		json_t *o = json_pack("{s:s}", "error", clean);
		char *s = json_dumps(o, JSON_INDENT(2));

		printf("%s\n", s);
		free(s);
		json_decref(o);
	} else {
		fprintf(stderr, "hearsay: %s\n", clean);
	}
	free(clean);
	return 1;
}

static void
parse_print_line(const char *date, const char *title, const char *link)
{
	char *t = text_clean(title != NULL ? title : "(untitled)",
	    TEXT_COLLAPSE_WS);
	char *l = text_clean(link != NULL ? link : "", TEXT_COLLAPSE_WS);

	printf("%-10s  %s%s%s\n", date, t, *l != '\0' ? "  " : "", l);
	free(t);
	free(l);
}

/* The readable listing: the feed's title, then date, title, link a line. */
static void
parse_print_listing(const struct feed_doc *doc)
{
	char *title = text_clean(doc->title != NULL ? doc->title : "(untitled)",
	    TEXT_COLLAPSE_WS);
	char date[32];
	size_t i;

	printf("%s (%s, %zu items%s)\n", title, feed_format_name(doc->format),
	    doc->n_items, doc->bozo ? ", malformed" : "");
	free(title);
	for (i = 0; i < doc->n_items; i++) {
		const struct feed_item *it = &doc->items[i];
		int64_t t = it->published != FEED_NO_DATE ? it->published :
		    it->updated;

		date[0] = '\0';
		if (t != FEED_NO_DATE) {
			date_format_iso(t, date, sizeof date);
			date[10] = '\0';
		}
		parse_print_line(date[0] != '\0' ? date : "-", it->title,
		    it->link);
	}
}

int
cmd_parse(int argc, char **argv, const struct cmd_globals *g)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "base", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct feed_parse_opts opts = { NULL, NULL, NULL };
	struct feed_doc *doc;
	char *data, *err = NULL, *out;
	size_t len;
	int c, json = 0, rc;

	(void)g;
	while ((c = getopt_long(argc, argv, "jb:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'b':
			opts.base_url = optarg;
			break;
		case 'h':
			fputs(parse_usage, stdout);
			return 0;
		default:
			fputs(parse_usage, stderr);
			return 2;
		}
	}
	if (argc - optind != 1) {
		fputs(parse_usage, stderr);
		return 2;
	}
	/* Read, not mapped: a file cut short under a mapping is a SIGBUS. */
	if ((data = file_read(argv[optind], FEED_MAX_INPUT, &len,
	    &err)) == NULL) {
		rc = parse_fail(json, err);
		free(err);
		return rc;
	}
	doc = feed_parse(data, len, &opts, &err);
	free(data);
	if (doc == NULL) {
		rc = parse_fail(json, err);
		free(err);
		return rc;
	}
	if (json) {
		out = feed_doc_to_json(doc);
		printf("%s\n", out);
		free(out);
	} else {
		parse_print_listing(doc);
	}
	feed_doc_free(doc);
	return 0;
}

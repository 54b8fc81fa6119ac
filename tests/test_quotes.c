/*
 * test_quotes.c - the quote and attribution engine on sentences of our own,
 * apart from speakers (test_quotes_speaker.c): offsets, marks of several
 * kinds, scare quotes, noise, datelines, attributions, HTML and JSON.
 */

#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "hearsay/buf.h"
#include "hearsay/quotes.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "testlib.h"

static int failures;	/* table cases report every miss, then fail */

/* Offsets are code points into the cleaned text. */
static void
test_offsets(void **state)
{
	static const char story[] =
	    "Caf\xc3\xa9 owner Jo\xc3\xa3o Silva was blunt. \"Rents are too "
	    "high \xe2\x80\x94 far too high,\" Silva said.";
	struct quotes_result *res = testlib_analyze(story);
	const struct quotes_quote *q;
	const char *p = res->text;
	size_t i;

	(void)state;
	assert_int_equal(res->n_quotes, 1);
	q = &res->quotes[0];
	for (i = 0; i < q->start; i++) {
		uint32_t cp;

		p += utf8_decode(p, strlen(p), &cp);
	}
	assert_memory_equal(p, q->text, strlen(q->text));
	assert_int_equal(q->end - q->start, utf8_count(q->text,
	    strlen(q->text)));
	assert_string_equal(q->speaker, "Jo\xc3\xa3o Silva");
	quotes_result_free(res);
}

/* Apostrophes are no quote marks; nested quotes stay inside. */
static void
test_marks(void **state)
{
	struct quotes_result *res = testlib_analyze(
	    "\"Don't worry, it's the voters' choice and they said 'never "
	    "again' twice,\" Ana Ruiz said. Mr. O'Neil's dog didn't bark.");

	(void)state;
	assert_int_equal(res->n_quotes, 1);
	assert_string_equal(res->quotes[0].text, "Don't worry, it's the "
	    "voters' choice and they said 'never again' twice,");
	quotes_result_free(res);
}

/* In a story quoted with typographic singles, the same mark as an
 * apostrophe inside a word or after a plural before its noun closes
 * nothing; after a plural before "and" it does. */
static void
test_curly_single_apostrophes(void **state)
{
	struct quotes_result *res = testlib_analyze(
	    "\u2018We built this pier in the \u201990s,\u2019 said Ana Ruiz. "
	    "\u2018The riders\u2019 money paid for every plank of "
	    "it.\u2019\n\nOmar Haddad called them \u2018thieves and "
	    "liars\u2019 and left.");

	(void)state;
	assert_int_equal(res->n_quotes, 3);
	assert_string_equal(res->quotes[0].text,
	    "We built this pier in the \u201990s,");
	assert_string_equal(res->quotes[1].text,
	    "The riders\u2019 money paid for every plank of it.");
	assert_string_equal(res->quotes[2].text, "thieves and liars");
	quotes_result_free(res);
}

/* A straight single mark quotes only inside another quote. */
static void
test_straight_single(void **state)
{
	struct quotes_result *res = testlib_analyze(
	    "The 'plan' was the mayors' idea, and Ana Ruiz said the 'new deal "
	    "for the harbour' would pass.");

	(void)state;
	assert_int_equal(res->n_quotes, 0);
	quotes_result_free(res);
}

/* One- and two-word scare quotes and titles are not speech. */
static void
test_scare_quotes(void **state)
{
	struct quotes_result *res = testlib_analyze(
	    "The so-called \"double agent\" left the country in May. She read "
	    "\"The Harbor Review\" on the train. A \"deal\" was near. Ana "
	    "Ruiz said on \"Harbor Morning Live\" that she would run.");

	(void)state;
	assert_int_equal(res->n_quotes, 0);
	quotes_result_free(res);
	/* A headline's quote is speech, but not a title after a
	 * possessive, nor a headline further down. */
	res = testlib_analyze("Lena Okafor\u2019s \u2018Harbor Lights\u2019 Opens At "
	    "The Civic Theater\n\nThe play runs for a week.\n\nCrowds Hail "
	    "The \u2018Harbor Lights\u2019 Show Again");
	assert_int_equal(res->n_quotes, 0);
	quotes_result_free(res);
}

/* A stray straight mark left open before a typographic pair of doubles:
 * the pair is the quote, not the whole paragraph. */
static void
test_stray_mark(void **state)
{
	struct quotes_result *res = testlib_analyze(
	    "\"Omar Haddad took the stage, chanting \xe2\x80\x9cNo more fares! "
	    "No more fares!\xe2\x80\x9d\n\nThe crowd cheered.");

	(void)state;
	assert_int_equal(res->n_quotes, 1);
	assert_string_equal(res->quotes[0].text, "No more fares! No more fares!");
	/* The stray mark hides no subject from the participle. */
	assert_string_equal(res->quotes[0].speaker, "Omar Haddad");
	quotes_result_free(res);
}

/* A title-case name after a possessive or a determiner is a show or an
 * event even in a sentence with a cue; a lower-case that-clause and a
 * contraction ("It's") before the marks leave speech alone. */
static void
test_show_titles(void **state)
{
	struct quotes_result *res = testlib_analyze(
	    "Ana Ruiz said Sunday on Harbor TV's \"Morning Roundup.\" Omar "
	    "Haddad spoke at a \"Riders First Forum\" on Monday, she said. "
	    "Ana Ruiz said that \"this is not who we are.\" Omar Haddad "
	    "said it's \"Just Not Fair.\"");

	(void)state;
	assert_int_equal(res->n_quotes, 2);
	assert_string_equal(res->quotes[0].text, "this is not who we are.");
	assert_string_equal(res->quotes[0].speaker, "Ana Ruiz");
	assert_string_equal(res->quotes[1].text, "Just Not Fair.");
	quotes_result_free(res);
}

struct dateline_case {
	const char *story;
	const char *place;	/* NULL: no dateline */
	const char *agency;
};

static const struct dateline_case dateline_cases[] = {
	{ "WASHINGTON (Harbor Wire) - The vote was close.", "WASHINGTON",
	  "Harbor Wire" },
	{ "PARIS, Nov 3 (AFP) \xe2\x80\x94 The vote was close.", "PARIS",
	  "AFP" },
	{ "LONDON \xe2\x80\x94 The vote was close.", "LONDON", NULL },
	{ "SAN DIEGO, Calif., Oct. 4 (UPI) -- The vote was close.",
	  "SAN DIEGO, Calif.", "UPI" },
	{ "Ferry vote passes.\n\nBOSTON (AP) \xe2\x80\x94 The vote was close.",
	  "BOSTON", "AP" },
	{ "The vote was close - closer than ever.", NULL, NULL },
};

static void
test_datelines(void **state)
{
	size_t i;

	(void)state;
	failures = 0;
	for (i = 0; i < nitems(dateline_cases); i++) {
		const struct dateline_case *c = &dateline_cases[i];
		struct quotes_result *res = testlib_analyze(c->story);

		if (c->place == NULL) {
			assert_null(res->dateline);
		} else {
			assert_non_null(res->dateline);
			failures += testlib_check_str("place",
			    res->dateline->place, c->place, i);
			if (c->agency == NULL)
				assert_null(res->dateline->agency);
			else
				failures += testlib_check_str("agency",
				    res->dateline->agency, c->agency, i);
		}
		quotes_result_free(res);
	}
	assert_int_equal(failures, 0);
}

/* Noise lines go; the prose and its offsets stay. */
static void
test_cleanup(void **state)
{
	struct quotes_result *res = testlib_analyze(
	    "The ferry runs again.\n\n"
	    "7731904425001 3f2b9c10-aa21-4e6b-9d51-0c2e8a7f1b33\nvideo\n\n"
	    "Advertisement\n\n"
	    "Read more: ferry timetable\n\n"
	    "Crews returned on Monday.\n\n"
	    "Photo of the pier at dawn, taken by a reader\n\n"
	    "Photo of the pier at dawn, taken by a reader\n\n"
	    "Share this story\n\n"
	    "Share your view with the council.\n\n"
	    "Watch: the ferry leaves\n\n"
	    "Watch the ferry leave the quay at dawn with all of the crew "
	    "aboard.\n\n"
	    "video 3f2b9c10-aa21-4e6b-9d51-0c2e8a7f1b34\n\n"
	    "video of the pier 3f2b9c10-aa21-4e6b-9d51-0c2e8a7f1b35\n");

	(void)state;
	/* A noise phrase, a noise start of a short line, noise words with
	 * an ID go; prose that starts with a noise word stays. */
	assert_string_equal(res->text, "The ferry runs again.\n\n"
	    "Crews returned on Monday.\n\n"
	    "Photo of the pier at dawn, taken by a reader\n\n"
	    "Share your view with the council.\n\n"
	    "Watch the ferry leave the quay at dawn with all of the crew "
	    "aboard.\n\n"
	    "video of the pier 3f2b9c10-aa21-4e6b-9d51-0c2e8a7f1b35");
	quotes_result_free(res);
}

struct attrib_case {
	const char *story;
	const char *source;
	const char *cue;
};

static const struct attrib_case attrib_cases[] = {
	/* A speaking head, a preposition and its object: the whole. */
	{ "A spokesman for the port said the berths would reopen.",
	  "A spokesman for the port", "said" },
	{ "Experts on ferry safety said the boats were old.",
	  "Experts on ferry safety", "said" },
	{ "Officials at the harbor agency said the work was done.",
	  "Officials at the harbor agency", "said" },
	/* "according to" names a source even without a known head. */
	{ "The ferry runs again, according to federal statistics.",
	  "federal statistics", "according to" },
	/* "it" after a body's cue in its sentence is that body, not the
	 * paper named before. */
	{ "The ferry stopped, the Portland Herald reported. The agency said "
	  "it had warned shippers.", "The agency", "warned" },
	/* A name modifying the head says whose it is. */
	{ "Most riders like the ferry, a Harbor Times poll showed.",
	  "a Harbor Times poll", "showed" },
	{ "The Harbor Times ran the story first. The Holt campaign said the "
	  "ferry was late.", "The Holt campaign", "said" },
	{ "The ferry will stop in May, the Harbor Times reported.",
	  "Harbor Times", "reported" },
	{ "The Harbor Times broke the story. The newspaper said the ferry "
	  "will stop.", "Harbor Times", "said" },
	{ "The Harbor Times broke the story. The ferry will stop, the Times "
	  "said.", "Harbor Times", "said" },
	{ "The port authority denied the report on Monday.",
	  "The port authority", "denied" },
	{ "According to the Harbor Times, the ferry will stop.",
	  "Harbor Times", "According to" },
	{ "Ana Ruiz, the mayor, announced the closure.", "Ana Ruiz",
	  "announced" },
	{ "Omar Haddad bluntly dismissed the plan.", "Omar Haddad",
	  "dismissed" },
	{ "Ana Ruiz also tweeted that the ferry will stop.", "Ana Ruiz",
	  "tweeted" },
	/* Plural organisation and person nouns are sources too. */
	{ "Several rights groups condemned the fare rise.",
	  "Several rights groups", "condemned" },
	{ "His surrogates insisted the fares were fair.", "His surrogates",
	  "insisted" },
};

static void
test_attributions(void **state)
{
	size_t i, k;

	(void)state;
	failures = 0;
	for (i = 0; i < nitems(attrib_cases); i++) {
		const struct attrib_case *c = &attrib_cases[i];
		struct quotes_result *res = testlib_analyze(c->story);
		int found = 0;

		for (k = 0; k < res->n_attribs; k++) {
			const struct quotes_attrib *a = &res->attribs[k];

			if (ascii_casecmp(a->source, c->source) == 0 &&
			    strcmp(a->cue, c->cue) == 0)
				found = 1;
		}
		if (!found) {
			print_error("case %zu: no %s/%s among %zu\n", i,
			    c->source, c->cue, res->n_attribs);
			for (k = 0; k < res->n_attribs; k++)
				print_error("  %s/%s\n", res->attribs[k].source,
				    res->attribs[k].cue);
			failures++;
		}
		quotes_result_free(res);
	}
	assert_int_equal(failures, 0);
}

/* The JSON output has the fields of DESIGN.md and no raw escapes. */
static void
test_json(void **state)
{
	struct quotes_result *res = testlib_analyze(
	    "\"Stop \x1b[2J now,\" Ana Ruiz said.");
	char *js = quotes_to_json(res);

	(void)state;
	assert_non_null(strstr(js, "\"dateline\": null"));
	assert_non_null(strstr(js, "\"speaker_role\": null"));
	assert_non_null(strstr(js, "\"attributions\""));
	assert_null(strchr(js, '\x1b'));
	free(js);
	quotes_result_free(res);
}

/* The JSON is what jansson reads back and writes out again byte for
 * byte (quotes_to_json writes it without jansson's tree), with '"' and
 * '\\' inside strings, text beyond ASCII, a dateline, a role, an
 * affiliation and numbers. */
static void
test_json_layout(void **state)
{
	struct quotes_result *res = testlib_analyze(
	    "OSLO (Kestrel) \u2014 \u201cThe path is C:\\ferry\\\"dock\", "
	    "not \u00e6sir,\u201d said S\u00f8ren Lind, a spokesman for the "
	    "Harbour Board.\n\nThe board said it would reply.");
	char *js = quotes_to_json(res), *again;
	json_error_t err;
	json_t *root = json_loads(js, 0, &err), *q;

	(void)state;
	if (root == NULL)
		fail_msg("quotes_to_json gave bad JSON: %s\n%s", err.text, js);
	again = json_dumps(root, JSON_PRESERVE_ORDER | JSON_INDENT(2));
	assert_non_null(again);
	assert_string_equal(js, again);
	assert_int_equal(res->n_quotes, 1);
	q = json_array_get(json_object_get(root, "quotes"), 0);
	assert_string_equal(json_string_value(json_object_get(q, "text")),
	    res->quotes[0].text);
	assert_non_null(strchr(res->quotes[0].text, '\\'));
	assert_true(res->n_attribs > 0);
	assert_non_null(strstr(res->attribs[0].sentence, "\\\"dock\""));
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(root, "attributions"), 0), "sentence")),
	    res->attribs[0].sentence);
	assert_string_equal(json_string_value(json_object_get(q, "speaker")),
	    "S\u00f8ren Lind");
	assert_int_equal(json_integer_value(json_object_get(q, "end")),
	    res->quotes[0].end);
	assert_non_null(json_object_get(q, "affiliation"));
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(root, "dateline"), "agency")), "Kestrel");
	free(again);
	json_decref(root);
	free(js);
	quotes_result_free(res);
}

/* "told" says whom to when the story names it; "told reporters" and a
 * speaker told nothing name nobody. */
static void
test_addressee(void **state)
{
	static const char story[] = "The crane failed, the Dover Courier "
	    "reported. Ivy Lund told the Courier & Post that the crane was "
	    "old. Lund told reporters it would be fixed. Lund said it was safe.";
	struct quotes_result *res = testlib_analyze(story);
	size_t i, told = 0;

	(void)state;
	for (i = 0; i < res->n_attribs; i++) {
		const struct quotes_attrib *a = &res->attribs[i];

		if (strcmp(a->cue, "told") != 0) {
			assert_null(a->addressee);
			continue;
		}
		if (told++ == 0) {
			assert_non_null(a->addressee);
			assert_string_equal(a->addressee, "Courier & Post");
		} else {
			assert_null(a->addressee);
		}
	}
	assert_int_equal(told, 2);
	quotes_result_free(res);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_curly_single_apostrophes),
		cmocka_unit_test(test_straight_single),
		cmocka_unit_test(test_scare_quotes),
		cmocka_unit_test(test_show_titles),
		cmocka_unit_test(test_stray_mark),
		cmocka_unit_test(test_datelines),
		cmocka_unit_test(test_cleanup),
		cmocka_unit_test(test_attributions),
		cmocka_unit_test(test_addressee),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_layout),
	};

	return cmocka_run_group_tests(tests, testlib_lang_setup,
	    testlib_lang_teardown);
}

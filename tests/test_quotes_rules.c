/*
 * test_quotes_rules.c - the quote engine's rules, one table per class of
 * construction, on sentences of our own: the cue lexicon (verbs and
 * phrases in their tenses, with auxiliaries, particles and negation;
 * reporting nouns; passive agents), documents as sources, source phrases
 * as news writes them, speakers across sentences and paragraphs, quote
 * spans, and what stays out of the sources.  Each table holds cases that
 * must be found and cases that must not: a rule that finds everything
 * fails here as surely as one that finds nothing.
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

#include "hearsay/quotes.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "testlib.h"

enum expect {
	SOURCE,		/* an attribution with source `who` and cue `cue` */
	NO_SOURCE,	/* no attribution whose source is `who` */
	SPEAKER,	/* the quote holding `quote` has speaker `who` */
	NO_QUOTE,	/* no quote holds `quote` */
};

struct rule_case {
	enum expect expect;
	const char *story;
	const char *quote;	/* SPEAKER, NO_QUOTE: part of the quote */
	const char *who;	/* the source or speaker; NULL: none */
	const char *cue;	/* SOURCE, SPEAKER: NULL when not checked */
};

static const struct quotes_quote *
quote_find(const struct quotes_result *res, const char *part)
{
	size_t i;

	for (i = 0; i < res->n_quotes; i++) {
		if (strstr(res->quotes[i].text, part) != NULL)
			return &res->quotes[i];
	}
	return NULL;
}

static void
print_attribs(const struct quotes_result *res)
{
	size_t k;

	for (k = 0; k < res->n_attribs; k++)
		print_error("  have %s/%s\n", res->attribs[k].source,
		    res->attribs[k].cue);
}

/* 0 when case c holds of res, else 1 with what is wrong. */
static int
check_case(const struct rule_case *c, const struct quotes_result *res,
    size_t i)
{
	const struct quotes_quote *q;
	size_t k;

	switch (c->expect) {
	case SOURCE:
		for (k = 0; k < res->n_attribs; k++) {
			if (ascii_casecmp(res->attribs[k].source, c->who) == 0 &&
			    (c->cue == NULL ||
			    strcmp(res->attribs[k].cue, c->cue) == 0))
				return 0;
		}
		print_error("case %zu: no source %s/%s\n", i, c->who,
		    c->cue != NULL ? c->cue : "*");
		print_attribs(res);
		return 1;
	case NO_SOURCE:
		for (k = 0; k < res->n_attribs; k++) {
			if (ascii_casecmp(res->attribs[k].source, c->who) == 0) {
				print_error("case %zu: unwanted source %s/%s\n",
				    i, c->who, res->attribs[k].cue);
				return 1;
			}
		}
		return 0;
	case SPEAKER:
		q = quote_find(res, c->quote);
		if (q == NULL) {
			print_error("case %zu: quote '%s' not found\n", i,
			    c->quote);
			return 1;
		}
		if (c->who == NULL && q->speaker != NULL) {
			print_error("case %zu: unwanted speaker '%s'\n", i,
			    q->speaker);
			return 1;
		}
		return testlib_check_str("speaker", q->speaker, c->who, i) +
		    testlib_check_str("cue", q->cue, c->cue, i);
	case NO_QUOTE:
		q = quote_find(res, c->quote);
		if (q != NULL) {
			print_error("case %zu: unwanted quote '%s'\n", i,
			    q->text);
			return 1;
		}
		return 0;
	}
	return 1;
}

/* Run a table; every case is reported before the test fails. */
static void
run_cases(const struct rule_case *cases, size_t n)
{
	size_t i;
	int failures = 0;

	for (i = 0; i < n; i++) {
		struct quotes_result *res = testlib_analyze(cases[i].story);

		failures += check_case(&cases[i], res, i);
		quotes_result_free(res);
	}
	assert_int_equal(failures, 0);
}

/* The cue lexicon: verbs beyond "said" in their tenses, phrases with
 * particles, auxiliaries and negation between subject and cue. */
static const struct rule_case cue_cases[] = {
	{ SOURCE, "Ana Ruiz lamented the closing of the pier.", NULL,
	  "Ana Ruiz", "lamented" },
	{ SOURCE, "Omar Haddad quipped that the tide was late again.", NULL,
	  "Omar Haddad", "quipped" },
	{ SOURCE, "Lena Okafor scoffed at the idea of a toll.", NULL,
	  "Lena Okafor", "scoffed" },
	{ SOURCE, "Ivy Lund countered that the figures were old.", NULL,
	  "Ivy Lund", "countered" },
	{ SOURCE, "Sam Ruiz cautioned against a hasty vote.", NULL,
	  "Sam Ruiz", "cautioned" },
	{ SOURCE, "Jo Ames pleads for patience every winter.", NULL,
	  "Jo Ames", "pleads" },
	{ SOURCE, "Tomas Reyes boasted of record crowds at the ferry.", NULL,
	  "Tomas Reyes", "boasted" },
	{ SOURCE, "Dana Holt admitted the repairs ran late.", NULL,
	  "Dana Holt", "admitted" },
	{ SOURCE, "Dana Holt is admitting nothing about the repairs.", NULL,
	  "Dana Holt", "admitting" },
	/* Forms made by the spelling rules from one base form. */
	{ SOURCE, "Omar Haddad quips that the tide is late.", NULL,
	  "Omar Haddad", "quips" },
	{ SOURCE, "Omar Haddad was quipping that the tide was late.", NULL,
	  "Omar Haddad", "quipping" },
	{ SOURCE, "Ana Ruiz echoes the mayor on the fares.", NULL,
	  "Ana Ruiz", "echoes" },
	{ SOURCE, "Ana Ruiz replied that the fares would stay.", NULL,
	  "Ana Ruiz", "replied" },
	{ SOURCE, "Ana Ruiz argued that the fares would stay.", NULL,
	  "Ana Ruiz", "argued" },
	{ SOURCE, "Ana Ruiz is arguing that the fares will stay.", NULL,
	  "Ana Ruiz", "arguing" },
	{ SOURCE, "Jo Ames scolds the board in a new letter.", NULL,
	  "Jo Ames", "scolds" },
	{ SOURCE, "Jo Ames wrote that the board had failed.", NULL,
	  "Jo Ames", "wrote" },
	{ SOURCE, "Ivy Lund weighed in on the fares on Tuesday.", NULL,
	  "Ivy Lund", "weighed in" },
	{ SOURCE, "Ravi Mehta went on to say the ferry would run all year.",
	  NULL, "Ravi Mehta", "went on to say" },
	{ SOURCE, "Ana Ruiz posted a photo of the flooded quay.", NULL,
	  "Ana Ruiz", "posted" },
	{ SOURCE, "Harbor Rail would not comment on the fares.", NULL,
	  "Harbor Rail", "comment" },
	{ SOURCE, "Lena Okafor isn\u2019t saying who will run the port.", NULL,
	  "Lena Okafor", "saying" },
	{ SOURCE, "Omar Haddad has repeatedly insisted the pier is safe.",
	  NULL, "Omar Haddad", "insisted" },
	{ SOURCE, "Protesters continued to call for a new vote.", NULL,
	  "Protesters", "call for" },
	/* A form that is a noun too is a verb after a pronoun, before what
	 * a verb of saying takes, and after its subject at a clause's end. */
	{ SOURCE, "Critics charge that the fares are too high.", NULL,
	  "Critics", "charge" },
	{ SOURCE, "The union calls the plan a disgrace.", NULL, "The union",
	  "calls" },
	{ SOURCE, "The fares rose again, the Harbor Ledger reports.", NULL,
	  "Harbor Ledger", "reports" },
	/* ... and a noun after an article, or after an article and a word
	 * that is no speaker. */
	{ NO_SOURCE, "A strong signal came from the lighthouse.", NULL,
	  "A strong", NULL },
	{ NO_SOURCE, "The nonstop demands of the job wore her down.", NULL,
	  "The nonstop", NULL },
	{ NO_SOURCE, "Ivy Lund emails were found in the archive.", NULL,
	  "Ivy Lund", NULL },
	/* "continued to rise" and "adds to" report nothing. */
	{ NO_SOURCE, "The harbour fees continued to rise in May.", NULL,
	  "The harbour fees", NULL },
	{ NO_SOURCE, "The new crane adds to the cost of the pier.", NULL,
	  "The new crane", NULL },
	/* A verb of texts cites only a text. */
	{ NO_SOURCE, "She read the letter twice before the meeting.", NULL,
	  "She", NULL },
	{ SOURCE, "The notice on the gate read that the pier was closed.",
	  NULL, "The notice on the gate", "read" },
};

static void
test_cues(void **state)
{
	(void)state;
	run_cases(cue_cases, nitems(cue_cases));
}

/* Reporting nouns and passive agents. */
static const struct rule_case noun_cases[] = {
	{ SOURCE, "Ana Ruiz's announcement that the pier would close "
	  "surprised the council.", NULL, "Ana Ruiz", "announcement" },
	{ SOURCE, "An appeal from the mayor went unanswered for a week.",
	  NULL, "the mayor", "appeal" },
	{ SOURCE, "A statement by Harbor Rail blamed the storm.", NULL,
	  "Harbor Rail", "statement" },
	{ SOURCE, "The testimony of Ivy Lund took most of the morning.",
	  NULL, "Ivy Lund", "testimony" },
	/* A reporting noun alone cites nobody. */
	{ NO_SOURCE, "A statement of principles was read at the opening.",
	  NULL, "principles", NULL },
	{ NO_SOURCE, "Ana Ruiz's statements were long and dull.", NULL,
	  "Ana Ruiz", NULL },
	/* A passive's agent is the source; its subject is not. */
	{ SOURCE, "The closure was first reported by the Harbor Ledger.",
	  NULL, "Harbor Ledger", "reported" },
	{ SOURCE, "Omar Haddad was told by aides that the vote had failed.",
	  NULL, "aides", "told" },
	{ SOURCE, "The plan has been endorsed by the dockworkers' union.",
	  NULL, "the dockworkers' union", "endorsed" },
	{ NO_SOURCE, "Omar Haddad was told that the vote had failed.", NULL,
	  "Omar Haddad", NULL },
	{ NO_SOURCE, "The closure was announced on Friday.", NULL,
	  "The closure", NULL },
	/* A participle whose "by" names no one. */
	{ NO_SOURCE, "The delay was reported by phone on Monday.", NULL,
	  "phone", NULL },
};

static void
test_noun_cues_and_agents(void **state)
{
	(void)state;
	run_cases(noun_cases, nitems(noun_cases));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cues),
		cmocka_unit_test(test_noun_cues_and_agents),
	};

	return cmocka_run_group_tests(tests, testlib_lang_setup,
	    testlib_lang_teardown);
}

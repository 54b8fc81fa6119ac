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
	NOT_SPEAKER,	/* the quote holding `quote` has a speaker, not `who` */
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
	case NOT_SPEAKER:
		q = quote_find(res, c->quote);
		if (q == NULL || (q->speaker != NULL &&
		    ascii_casecmp(q->speaker, c->who) == 0)) {
			print_error("case %zu: quote '%s' %s '%s'\n", i,
			    c->quote, q == NULL ? "not found, not by" :
			    "by", c->who);
			return 1;
		}
		return 0;
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
	/* "go on about" speaks what it quotes, not a length of time. */
	{ SPEAKER, "As Ravi Mehta went on about \u201cthe old ferry days,\u201d "
	  "Ana Ruiz left.", "old ferry days", "Ravi Mehta", "went on about" },
	{ NO_SOURCE, "The hearing went on about two hours.", NULL,
	  "The hearing", NULL },
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
	/* "of late-night tweets" is a noun, no verb of saying. */
	{ SPEAKER, "Ana Ruiz says Omar Haddad\u2019s flurry of late-night "
	  "tweets was \u201cunhinged.\u201d", "unhinged", "Ana Ruiz", NULL },
	/* "a series of" counts the texts an issuing verb puts out; a
	 * text received speaks for itself. */
	{ SOURCE, "Omar Haddad unleashed a series of tweets early Friday "
	  "saying the pier was unsafe.", NULL, "Omar Haddad", "saying" },
	{ NO_SOURCE, "Omar Haddad received a string of letters saying the "
	  "pier was unsafe.", NULL, "Omar Haddad", NULL },
	/* A document's subject ends at a clause of its own. */
	{ NO_SOURCE, "Holt sent tweets on Friday saying that Ruiz had shown "
	  "poor judgment.", NULL, "tweets on Friday saying that Ruiz", NULL },
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

/* Source phrases as news writes them: lower-case and determiner-led
 * heads, numbers and quantifiers, coordinated subjects, words between
 * subject and cue, documents with a participle after them. */
static const struct rule_case phrase_cases[] = {
	{ SOURCE, "Inspectors say the hull is sound.", NULL, "Inspectors",
	  "say" },
	{ SOURCE, "The pier is closed, a shopkeeper said.", NULL,
	  "a shopkeeper", "said" },
	{ SOURCE, "\u201cThe boats are late again,\u201d said another.", NULL,
	  "another", "said" },
	{ NO_SOURCE, "The fares rose in 9/11 week, said Ivy Lund.", NULL,
	  "9", NULL },
	{ SPEAKER, "Guests included Ana Ruiz and Stevie Wonder, who joked, "
	  "\u201cI came by ferry.\u201d", "came by ferry", "Stevie Wonder",
	  NULL },
	{ SOURCE, "Two aides said the mayor would sign the order.", NULL,
	  "Two aides", "said" },
	{ SOURCE, "A third of voters said the fares were too high.", NULL,
	  "A third of voters", "said" },
	{ SOURCE, "Twelve percent said they were not sure.", NULL,
	  "Twelve percent", "said" },
	{ SOURCE, "Ana Ruiz and Omar Haddad said the pier was safe.", NULL,
	  "Ana Ruiz", "said" },
	{ SOURCE, "Ana Ruiz and Omar Haddad said the pier was safe.", NULL,
	  "Omar Haddad", "said" },
	{ SOURCE, "Ana Ruiz, Omar Haddad, and Ivy Lund wrote to the board.",
	  NULL, "Ana Ruiz", "wrote" },
	{ SOURCE, "Ana Ruiz, Omar Haddad, and Ivy Lund wrote to the board.",
	  NULL, "Omar Haddad", "wrote" },
	{ NO_SOURCE, "The ferry and the pier said nothing to the crowd.",
	  NULL, "The ferry", NULL },
	{ SOURCE, "Ana Ruiz, who runs the ferry line, said the boats were "
	  "full.", NULL, "Ana Ruiz", "said" },
	{ SOURCE, "A survey released on Monday found that most riders were "
	  "happy.", NULL, "A survey", "found" },
	{ SOURCE, "A harbour board report published last spring concluded "
	  "that the pier was unsafe.", NULL, "A harbour board report",
	  "concluded" },
	{ SOURCE, "The Harbor Ledger, which first reported the closure, said "
	  "the pier would reopen.", NULL, "Harbor Ledger", "reported" },
	{ SOURCE, "They asked the port authority, which said the pier was "
	  "safe.", NULL, "the port authority", "said" },
	{ NO_SOURCE, "Omar Haddad has a plan that says the fares will fall.",
	  NULL, "a plan", NULL },
	{ SOURCE, "The family said the pier was unsafe.", NULL, "The family",
	  "said" },
	{ SOURCE, "Ivy Lund flatly said no.", NULL, "Ivy Lund", "said" },
	{ SOURCE, "Harbour chief Theresa May said the pier would close.",
	  NULL, "Theresa May", "said" },
	{ SOURCE, "The fares rose in May, Ivy Lund said.", NULL, "Ivy Lund",
	  "said" },
	{ SOURCE, "A notice on the harbour website states that the pier is "
	  "closed.", NULL, "A notice on the harbour website", "states" },
	{ NO_SOURCE, "The state of the pier is poor.", NULL, "The state",
	  NULL },
	{ SOURCE, "The survey -- which notes that fares rose -- is long.",
	  NULL, "The survey", "notes" },
	{ SOURCE, "Protesters marching through the harbour chanted slogans.",
	  NULL, "Protesters", "chanted" },
	{ SOURCE, "The fares will rise, according to a memo seen by the "
	  "Ledger.", NULL, "a memo", "according to" },
};

static void
test_source_phrases(void **state)
{
	(void)state;
	run_cases(phrase_cases, nitems(phrase_cases));
}

/* Speakers across sentences and paragraphs: pronouns that agree, the
 * quote's own paragraph first, a speaker carried to the next paragraph
 * only when nobody else spoke in between, "who said" relatives, a
 * long apposition between the quote and its speaker. */
static const struct rule_case speaker_cases[] = {
	{ SPEAKER, "Ana Ruiz runs the ferry line. She met the board on "
	  "Monday.\n\n\u201cWe will not cut the night boat,\u201d she said.",
	  "night boat", "Ana Ruiz", NULL },
	{ SPEAKER, "Omar Haddad met Ana Ruiz on the quay. \u201cThe boats "
	  "are old,\u201d he said.", "boats are old", "Omar Haddad", NULL },
	{ SPEAKER, "Omar Haddad met Ana Ruiz on the quay. \u201cThe boats "
	  "are old,\u201d she said.", "boats are old", "Ana Ruiz", NULL },
	{ SPEAKER, "The Harbor Ledger asked Ana Ruiz about the fares.\n\n"
	  "\u201cThey will not rise this year,\u201d said Ruiz, who has run "
	  "the line since 2019.", "will not rise", "Ana Ruiz", NULL },
	{ SPEAKER, "It was Ana Ruiz who said the boats were \u201cfull every "
	  "night\u201d in May.", "full every night", "Ana Ruiz", NULL },
	{ SPEAKER, "The plan has a foe in Ivy Lund, now the harbour "
	  "master, who in 2019 called the pier \u201ca wreck.\u201d", "a wreck",
	  "Ivy Lund", NULL },
	{ SPEAKER, "Her old partner at Harbor Rail, Tomas Reyes, praised "
	  "her. \u201cShe never missed a boat.\u201d", "never missed",
	  "Tomas Reyes", NULL },
	/* An -ing cue inside a phrase speaks the quote its clause runs
	 * into after a comma. */
	{ SPEAKER, "The ad ends with footage of Omar Haddad saying at the "
	  "dinner last week, \u201cThe fares will fall,\u201d when Ivy Lund "
	  "pressed him.", "fares will fall", "Omar Haddad", NULL },
	/* A title-case headline with its cue last. */
	{ SPEAKER, "Ferry Plan \u2018A Costly Stunt,\u2019 Harbour Board "
	  "Says\n\nThe board met on Monday.", "Costly Stunt",
	  "Harbour Board", "Says" },
	{ SOURCE, "Ferry Fares Will Rise, Harbour Board Says\n\nThe fares "
	  "rise in May.", NULL, "Harbour Board", "Says" },
	{ NO_SOURCE, "Harbour Board Says Fares Will Rise\n\nThe fares rise "
	  "in May, the board said.", NULL, "Harbour Board Says Fares", NULL },
	/* A cue after a conjunction is another clause's. */
	{ SPEAKER, "Omar Haddad called Ivy Lund\u2019s plan a \u201cdisgrace\u201d "
	  "after she cut the night boat.", "disgrace", "Omar Haddad", NULL },
	{ SPEAKER, "Ivy Lund spoke after Omar Haddad. \u201cThe boats are "
	  "late,\u201d she said when he sat down.", "boats are late",
	  "Ivy Lund", "said" },
	/* A quote in a clause that a conjunction opens with "he" or "she"
	 * is that subject's, the clause's verbs joined by "and" too; the
	 * pronoun is the sentence's other person when its subject is of
	 * the other gender.  "after" before a name is a preposition, and
	 * a clause ended by a comma leaves the quote to the main one. */
	{ SPEAKER, "Omar Haddad called Ana Ruiz\u2019s plan a \u201cdisgrace\u201d "
	  "after she cut the night boat and blamed the delays on \u201cold "
	  "engines.\u201d", "old engines", "Ana Ruiz", NULL },
	{ SPEAKER, "Omar Haddad praised Ana Ruiz on Monday because she took "
	  "the board to task over \u201ca decade of neglect.\u201d",
	  "decade of neglect", "Ana Ruiz", NULL },
	{ SPEAKER, "Omar Haddad praised Ana Ruiz on Monday. Ruiz spoke after "
	  "he took the board to task over \u201ca decade of neglect.\u201d",
	  "decade of neglect", "Omar Haddad", NULL },
	{ SPEAKER, "Ana Ruiz has gone after Omar Haddad as a \u201ccon "
	  "artist\u201d for weeks.", "con artist", "Ana Ruiz", NULL },
	{ SPEAKER, "Omar Haddad met Ana Ruiz, and after she left, he called "
	  "the pier \u201ca wreck.\u201d", "a wreck", "Omar Haddad", NULL },
	/* An -ing form after the phrase it describes, after the quote, is
	 * no attribution of it when a cue before the quote has a subject;
	 * "a" before a name makes the cue after it a noun. */
	{ SPEAKER, "Ana Ruiz is describing as \u201creckless\u201d an Omar "
	  "Haddad tweet attacking the board.", "reckless", "Ana Ruiz", NULL },
	{ SPEAKER, "Ana Ruiz called \u201creckless\u201d a Harbor Board "
	  "statement accusing the riders.", "reckless", "Ana Ruiz", NULL },
	{ NO_SOURCE, "Ana Ruiz read an Omar Haddad tweet.", NULL,
	  "Omar Haddad", NULL },
	{ SOURCE, "The Harbor Ledger tweeted that the pier would close.", NULL,
	  "Harbor Ledger", "tweeted" },
	{ SPEAKER, "\u201cThe pier is old,\u201d a dock worker standing by the "
	  "gate said.", "pier is old", "a dock worker", NULL },
	/* "they" in "what they call" is the sentence's subject when that
	 * is a body or a group, never one named person. */
	{ SPEAKER, "The ferry union contrasted the plan with what they call "
	  "the board\u2019s \u201cpier to nowhere.\u201d", "pier to nowhere",
	  "The ferry union", NULL },
	{ SPEAKER, "Omar Haddad is running again. Haddad\u2019s campaign "
	  "contrasts his plan with what they call a \u201creckless "
	  "gamble.\u201d", "reckless gamble", "Haddad\u2019s campaign", NULL },
	{ NOT_SPEAKER, "Ana Ruiz contrasted the plan with what they call "
	  "\u201ca disgrace.\u201d", "a disgrace", "Ana Ruiz", NULL },
	/* A quote that is a sentence of its own with no cue is the subject's
	 * of the sentence before in its paragraph, when that is a person
	 * named in full (after an opener that quotes a title too); not
	 * across a paragraph's end, not a phrase that names nobody. */
	{ SPEAKER, "Sen. Ana Ruiz identified the fares as the problem. "
	  "\u201cRiders are tired of it.\u201d", "tired of it", "Ana Ruiz",
	  NULL },
	{ SPEAKER, "On \u201cHarbour Talk,\u201d Sen. Ana Ruiz, who runs the "
	  "board, named the fares as the problem. \u201cRiders are tired of "
	  "it.\u201d", "tired of it", "Ana Ruiz", NULL },
	{ SPEAKER, "Sen. Ana Ruiz identified the fares as the problem.\n\n"
	  "\u201cRiders are tired of it.\u201d", "tired of it", NULL, NULL },
	{ SPEAKER, "The fares rose in May. \u201cRiders are tired of it.\u201d",
	  "tired of it", NULL, NULL },
	/* A noun that ends like an adverb is no adverb. */
	{ SPEAKER, "The Reyes family said the pier was \u201ca death trap.\u201d",
	  "death trap", "The Reyes family", NULL },
	/* A relative's subject speaks inside its clause only. */
	{ SPEAKER, "Omar Haddad told a rider who asked about the fares that "
	  "\u201cnothing will change this year.\u201d", "nothing will change",
	  "Omar Haddad", NULL },
	{ SPEAKER, "Omar Haddad said he had a source who told him the pier "
	  "would close.\n\nHaddad has called the plan \u201ca disgrace to the "
	  "town.\u201d", "disgrace", "Omar Haddad", NULL },
	{ SPEAKER, "\u201cWe need a new pier,\u201d said Lena Okafor, the "
	  "head of the dockworkers\u2019 union and a member of the harbour "
	  "board since 2015.", "new pier", "Lena Okafor", NULL },
	{ SPEAKER, "Ivy Lund spoke first.\n\n\u201cThe pier is safe.\u201d"
	  "\n\nShe left soon after.", "pier is safe", "Ivy Lund", NULL },
	{ SPEAKER, "Ivy Lund spoke first. Omar Haddad said the pier was "
	  "old.\n\n\u201cIt will not last the winter.\u201d",
	  "last the winter", "Omar Haddad", NULL },
	/* A name no list knows takes its gender from the pronouns its
	 * sentence gives it: in an opening clause that names nobody, or
	 * after it before another name; never from a pronoun that may be
	 * another's. */
	{ SPEAKER, "For her part, Kiri Tane wants a new pier. Omar Haddad "
	  "met the board.\n\n\u201cThe pier is old,\u201d she said.",
	  "pier is old", "Kiri Tane", NULL },
	{ SPEAKER, "Kiri Tane has run the port since 2019, and she wants a "
	  "new pier. Omar Haddad spoke next.\n\n\u201cThe pier is "
	  "old,\u201d she said.", "pier is old", "Kiri Tane", NULL },
	{ NOT_SPEAKER, "After Omar Haddad praised him, Kiri Tane left the "
	  "board.\n\n\u201cThe pier is old,\u201d he said.", "pier is old",
	  "Kiri Tane", NULL },
	{ NOT_SPEAKER, "Kiri Tane met Omar Haddad, and he thanked the "
	  "board. Ana Ruiz spoke next.\n\n\u201cThe pier is old,\u201d he "
	  "said.", "pier is old", "Kiri Tane", NULL },
};

static void
test_speakers_across(void **state)
{
	(void)state;
	run_cases(speaker_cases, nitems(speaker_cases));
}

/* Quote spans: openers, one- or two-word quotes in a cue's clause, and
 * titles of works and scare quotes that are not speech. */
static const struct rule_case span_cases[] = {
	{ SPEAKER, "Ivy Lund conceded the plan was \u201cworkable\u201d.",
	  "workable", "Ivy Lund", NULL },
	{ SPEAKER, "Omar Haddad called the fares \u201cabsurd\u201d on "
	  "Monday.", "absurd", "Omar Haddad", NULL },
	/* A quote that opens with a quote or an ellipsis. */
	{ SPEAKER, "\u201c\u2018Fix the pier\u2019 is all they say,\u201d "
	  "Omar Haddad said.", "all they say", "Omar Haddad", NULL },
	{ SPEAKER, "\"'Fix it' is all we hear,\" Ana Ruiz said.",
	  "all we hear", "Ana Ruiz", NULL },
	{ SPEAKER, "\"...and then it sank,\" Ivy Lund said.", "then it sank",
	  "Ivy Lund", NULL },
	/* A headline quotes with straight singles; elsewhere they are
	 * apostrophes. */
	{ SPEAKER, "Haddad says ferry plan 'dead in the water'\n\nOmar "
	  "Haddad spoke on Monday.", "dead in the water", "Haddad", NULL },
	{ SPEAKER, "Lund: board must 'stop the ferry cuts'\n\nIvy Lund "
	  "spoke at the pier.", "stop the ferry cuts", "Ivy Lund", NULL },
	{ NO_QUOTE, "The riders' union and the 'ferry' men\n\nThe union met "
	  "at noon.", "ferry", NULL, NULL },
	{ NO_QUOTE, "It was the riders' best year. The 'night boat' ran "
	  "late.\n\nThen it stopped.", "night boat", NULL, NULL },
	/* A title of a work is nobody's words; a name given with a cue is. */
	{ NO_QUOTE, "Ana Ruiz read \u201cThe Old Man and the Sea\u201d on "
	  "the ferry.", "Old Man", NULL, NULL },
	{ NO_QUOTE, "Omar Haddad watched \u201cHarbour Lights\u201d twice.",
	  "Harbour Lights", NULL, NULL },
	{ SPEAKER, "Ivy Lund called the plan \u201cA Bridge Too Far.\u201d",
	  "Bridge Too Far", "Ivy Lund", "called" },
	{ NO_QUOTE, "The so-called \u201cnight boat\u201d runs at nine.",
	  "night boat", NULL, NULL },
	/* A paragraph that a straight mark opens and leaves open before one
	 * that opens with a typographic mark is an excerpt, no quote; a
	 * quote that runs on reopens with its own mark. */
	{ NO_QUOTE, "Mary Holt writes:\n\n\"Ana Ruiz thought the plan was a "
	  "wreck. She was angry.\n\n\u201cIt will never work,\u201d she "
	  "said.", "thought the plan", NULL, NULL },
	{ SPEAKER, "Mary Holt writes:\n\n\"Ana Ruiz thought the plan was a "
	  "wreck. She was angry.\n\n\u201cIt will never work,\u201d she "
	  "said.", "never work", "Ana Ruiz", NULL },
	{ SPEAKER, "\u201cThe pier is old. It leaks.\n\n\u201cIt will not "
	  "last the winter,\u201d Omar Haddad said.", "pier is old",
	  "Omar Haddad", NULL },
	{ SPEAKER, "\"The pier is old. It leaks.\n\n\"It will not last the "
	  "winter,\" Omar Haddad said.", "pier is old", "Omar Haddad", NULL },
	/* A nickname quoted inside a full name is part of the name; a
	 * quote between a name and a capital that follows no given name
	 * or initial is still a quote. */
	{ NO_QUOTE, "Harbour master Susan \"Sue\" Okafor opened the pier.",
	  "Sue", NULL, NULL },
	{ SPEAKER, "\u201cThe pier is ours,\u201d said Robert J. \u201cRob\u201d "
	  "Tanaka, the ferry captain.", "pier is ours",
	  "Robert J. \u201cRob\u201d Tanaka", "said" },
	{ SOURCE, "Susan \"Sue\" Okafor said the fares would rise.", NULL,
	  "Susan \"Sue\" Okafor", "said" },
	{ SPEAKER, "Ivy Lund called Haddad \u201cCaptain Chaos\u201d Tuesday "
	  "night.", "Captain Chaos", "Ivy Lund", NULL },
	{ SPEAKER, "Omar Haddad called Ivy Lund \u201cMadam Pier\u201d Monday.",
	  "Madam Pier", "Omar Haddad", NULL },
};

static void
test_spans(void **state)
{
	(void)state;
	run_cases(span_cases, nitems(span_cases));
}

/* What stays out of the sources: heads that name nobody ("the matter",
 * "a hand").  A group that speaks ("critics", "officials") is a source:
 * the story cites it, and the Sources view shows what it says. */
static const struct rule_case clean_cases[] = {
	{ NO_SOURCE, "The matter was raised again on Monday.", NULL,
	  "The matter", NULL },
	{ NO_SOURCE, "A hand went up and asked about the fares.", NULL,
	  "A hand", NULL },
	{ SOURCE, "Critics said the fares were too high.", NULL, "Critics",
	  "said" },
	{ SOURCE, "Harbour officials said the pier would reopen.", NULL,
	  "Harbour officials", "said" },
	{ SOURCE, "The pier will reopen, Holt aides say.", NULL,
	  "Holt aides", "say" },
};

static void
test_clean_sources(void **state)
{
	(void)state;
	run_cases(clean_cases, nitems(clean_cases));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cues),
		cmocka_unit_test(test_noun_cues_and_agents),
		cmocka_unit_test(test_source_phrases),
		cmocka_unit_test(test_speakers_across),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_clean_sources),
	};

	return cmocka_run_group_tests(tests, testlib_lang_setup,
	    testlib_lang_teardown);
}

/*
 * test_quotes_speaker.c - who said a quote, on sentences of our own, one
 * construction per case: where the speaker stands, pronouns and
 * nominals, roles and affiliations, split and continued quotes.
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

#include "hearsay/buf.h"
#include "hearsay/quotes.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "testlib.h"

static int failures;	/* table cases report every miss, then fail */

struct speaker_case {
	const char *story;
	const char *quote;	/* a distinctive part of the quote's text */
	const char *speaker;	/* NULL: no speaker */
	const char *role;	/* NULL: not checked */
	const char *cue;	/* NULL: not checked */
};

static const struct speaker_case speaker_cases[] = {
	/* A speaking head before "for" speaks, not the company after it;
	 * "&" joins a company's name. */
	{ "\"We pay more,\" said a spokesman for Procter & Gamble.",
	  "pay more", "a spokesman for Procter & Gamble", NULL, "said" },
	/* "of" after a given name and a surname ends the person's name. */
	{ "\"We agree,\" said Mary Ruiz of Holt & Sons.", "We agree",
	  "Mary Ruiz", NULL, "said" },
	{ "\"We agree,\" said Bank of Ruritania.", "We agree",
	  "Bank of Ruritania", NULL, "said" },
	/* A title-case headline quotes even two words; its speaker is
	 * named before a colon, or before its cue. */
	{ "Holt: Ferry Plan Is \u2018Dead Already\u2019\n\nThe mayor spoke "
	  "on Monday.", "Dead Already", "Holt", NULL, ":" },
	{ "Ann Holt Calls The Ferry Plan \u2018A Joke\u2019\n\nThe mayor "
	  "spoke on Monday.", "A Joke", "Ann Holt", NULL, "Calls" },
	{ "Riders Slam Ferry Plan As A \u2018Costly Stunt\u2019\n\nThe plan "
	  "was shown on Monday.", "Costly Stunt", NULL, NULL, NULL },
	/* "...," X said, with a title before the name. */
	{ "\"We will rebuild the bridge,\" Mayor Ana Ruiz said.",
	  "rebuild the bridge", "Ana Ruiz", "Mayor", "said" },
	/* X said: "..." */
	{ "Ana Ruiz said: \"The work starts in May and ends in June.\"",
	  "work starts", "Ana Ruiz", NULL, "said" },
	/* "...," said X, the role. */
	{ "\"It is a fair deal for everyone,\" said Omar Haddad, the union's "
	  "treasurer.", "fair deal", "Omar Haddad", "the union's treasurer",
	  "said" },
	/* X told Y that "...": Y is not the speaker. */
	{ "Omar Haddad told the Ledger that \"nothing has been signed yet.\"",
	  "nothing has been signed", "Omar Haddad", NULL, "told" },
	/* According to X. */
	{ "According to Omar Haddad, the vote was \"a formality at this "
	  "point.\"", "formality", "Omar Haddad", NULL, "According to" },
	/* A role in an apposition between name and cue. */
	{ "Ravi Mehta, a spokesman for the port, said \"the berths stay open "
	  "all winter.\"", "berths stay open", "Ravi Mehta",
	  "a spokesman for the port", "said" },
	/* Role words before the name, lower case. */
	{ "\"No ships will be turned away,\" port press secretary Joan Bell "
	  "said on Friday.", "turned away", "Joan Bell", "port press secretary",
	  "said" },
	/* A later bare last name is the full name said before. */
	{ "Ana Ruiz opened the meeting at nine.\n\nThe council listened for "
	  "an hour. \"We waited long enough,\" Ruiz said.", "waited long",
	  "Ana Ruiz", NULL, "said" },
	/* A pronoun resolved to the person the story named. */
	{ "Ana Ruiz took questions on Monday. \"The money is already in the "
	  "bank,\" she said.", "already in the bank", "Ana Ruiz", NULL, "said" },
	/* A nominal resolved to the person whose role it names. */
	{ "Ravi Mehta, a spokesman for the port, declined to give numbers. "
	  "\"The port is open for business,\" the spokesman said.",
	  "open for business", "Ravi Mehta", NULL, "said" },
	/* A nominal nobody was named for stays the nominal. */
	{ "\"The port is open for business,\" the spokeswoman said.",
	  "open for business", "the spokeswoman", NULL, "said" },
	/* A quote split around its cue: the second half. */
	{ "\"The plan,\" Ana Ruiz said, \"is already funded by the state.\"",
	  "already funded", "Ana Ruiz", NULL, "said" },
	/* A quote continued in the next sentence. */
	{ "\"We waited for years,\" Ana Ruiz said. \"Now we are going to build "
	  "it.\"", "going to build", "Ana Ruiz", NULL, NULL },
	/* A speaker introduced in the sentence before the quote. */
	{ "Ana Ruiz spoke for an hour on Tuesday and said the plan would "
	  "work.\n\n\"Every ferry will run on time next year.\"",
	  "Every ferry", "Ana Ruiz", NULL, NULL },
	/* A quote over two paragraphs: the second paragraph reopens. */
	{ "Ana Ruiz said: \"The first part of the statement is long.\n\n"
	  "\"The second part ends the statement here.\"", "second part",
	  "Ana Ruiz", NULL, NULL },
	/* A quote over two paragraphs attributed only at its end. */
	{ "\"The first part of the plan is the bridge.\n\n\"The second part "
	  "is the ferry,\" Ana Ruiz said.", "first part", "Ana Ruiz", NULL,
	  "said" },
	/* Typographic marks, guillemets, German and single quotes. */
	{ "Ana Ruiz said: \xe2\x80\x9cThe port stays open all year.\xe2\x80\x9d",
	  "stays open", "Ana Ruiz", NULL, "said" },
	{ "Ana Ruiz said: \xc2\xabThe port stays open all year.\xc2\xbb",
	  "stays open", "Ana Ruiz", NULL, "said" },
	{ "Ana Ruiz said: \xe2\x80\x9eThe port stays open all year.\xe2\x80\x9c",
	  "stays open", "Ana Ruiz", NULL, "said" },
	{ "Ana Ruiz said: \xe2\x80\x98The port stays open all year.\xe2\x80\x99",
	  "stays open", "Ana Ruiz", NULL, "said" },
	/* A short quote inside a sentence that opens with a name. */
	{ "Ana Ruiz has gone after the board as a \"rubber stamp\" again.",
	  "rubber stamp", "Ana Ruiz", NULL, NULL },
	/* Two appositions between the name and the cue. */
	{ "\"The berths stay open,\" Omar Haddad, the head of the union, a "
	  "member of the board, said.", "berths stay open", "Omar Haddad",
	  "the head of the union", "said" },
	/* A byline after a dash. */
	{ "\"We will be back next year.\" \xe2\x80\x95 Lena Okafor",
	  "back next year", "Lena Okafor", NULL, NULL },
	/* A sentence ending in a colon introduces the quote. */
	{ "Lena Okafor made the following comment:\n\n\"The ferry is the "
	  "city's lifeline.\"", "lifeline", "Lena Okafor", NULL, ":" },
	/* "she" skips a man named in between. */
	{ "Lena Okafor spoke first. Omar Haddad listened. \"We are done "
	  "here,\" she said.", "done here", "Lena Okafor", NULL, "said" },
	/* A cue opening the sentence, its speaker after it. */
	{ "Critics disagree. Said Omar Haddad: \"The plan has no money "
	  "behind it.\"", "no money", "Omar Haddad", NULL, "Said" },
	/* A party tag in parentheses before an apposition. */
	{ "\"We will vote no,\" Rep. Joan Bell (D-Ore.), a member of the "
	  "panel, said.", "vote no", "Joan Bell", "a member of the panel",
	  "said" },
	/* A participle after a comma takes the subject of the sentence. */
	{ "At the rally on Friday, Omar Haddad attacked the board, saying "
	  "\"they have failed every family in this city.\"", "failed every",
	  "Omar Haddad", NULL, "saying" },
	/* A number before the role and name after an inverted cue. */
	{ "\"We are still waiting for answers,\" said 9/11 widow Joan Bell.",
	  "still waiting", "Joan Bell", NULL, "said" },
	/* A state tag with a full stop is no sentence end. */
	{ "\"The vote will hold,\" Senate leader Joan Bell, R-Ky., said "
	  "Tuesday.", "vote will hold", "Joan Bell", NULL, "said" },
	/* A colon sentence opening with a date clause. */
	{ "On May 4, 2021, Omar Haddad made this remark:\n\n\"Nobody reads "
	  "the minutes.\"", "Nobody reads", "Omar Haddad", NULL, ":" },
	/* Two apostrophes as one double mark (some archives write so). */
	{ "''The ferry is late again,'' said Omar Haddad.", "ferry is late",
	  "Omar Haddad", NULL, "said" },
	/* A relative clause between the name and the cue. */
	{ "Joan Bell, head of the Ferry Riders Union, which speaks for 900 "
	  "members, said \"nobody was asked about the timetable.\"",
	  "nobody was asked", "Joan Bell", NULL, "said" },
	/* A possessive name before a role: the role's holder speaks. */
	{ "\"We will appeal,\" said Ana Ruiz's campaign manager Tomas Reyes.",
	  "will appeal", "Tomas Reyes", NULL, "said" },
	/* A person introduced with an apposition is the next "he". */
	{ "The delay worries Omar Haddad, president of the riders' union.\n\n"
	  "\"Nobody can plan a week like this,\" he said.", "plan a week",
	  "Omar Haddad", NULL, "said" },
	/* Initials, even one that is also a word, stay in the name. */
	{ "\"Nobody asked the riders,\" said Julie A. Marsh.",
	  "Nobody asked", "Julie A. Marsh", NULL, "said" },
	/* A verb after the quote with a clause after it names nobody. */
	{ "Lena Okafor said in a letter that the ad \"plainly and wrongly\" "
	  "suggests that Harbor City backs her.", "plainly and wrongly",
	  "Lena Okafor", NULL, "said" },
	/* An inverted nominal keeps its prepositional tail. */
	{ "\"The board never voted,\" said one source on the council.",
	  "never voted", "one source on the council", NULL, "said" },
	/* A cue after the quote that opens a clause is a new sentence. */
	{ "Ana Ruiz called it \"a fine plan for the port.\" Omar Haddad "
	  "insisted that it was not.", "fine plan", "Ana Ruiz", NULL,
	  "called" },
	/* Sloppy feeds mix typographic and straight marks. */
	{ "\xe2\x80\x9cThe vote is a formality,\" Ana Ruiz said.",
	  "formality", "Ana Ruiz", NULL, "said" },
	/* "she" with no subject of hers in the sentence before: the woman
	 * named elsewhere in it, not an older subject. */
	{ "Lena Okafor wrote the report for the council.\n\nThe fare plan "
	  "is now a fight, with Mayor Ana Ruiz attacking it in public.\n\n"
	  "\"This plan hurts every rider,\" she said on Monday.",
	  "hurts every rider", "Ana Ruiz", NULL, "said" },
	/* ... but a subject "he" in the sentence before keeps his person. */
	{ "Port spokesman Omar Haddad spoke to reporters. However, he could "
	  "not say why Tomas Reyes had left.\n\n\"We are looking into "
	  "it,\" he said.", "looking into it", "Omar Haddad", NULL, "said" },
	/* ... and a name of unknown gender opening that sentence keeps
	 * "he" from the man named after it (unresolved is better). */
	{ "Quinn Vask retired from the navy last year.\n\nAfter the vote, "
	  "Vask left the hall angry at Tomas Reyes.\n\n\"It was a hard year,\" "
	  "he told the host.", "hard year", "he", NULL, "told" },
	/* A lone given name opening a sentence is a person "she" means. */
	{ "Lena Okafor covered the hearing.\n\nSarah thought the whole "
	  "thing was unfair. She was angry.\n\n\"I never saw it coming,\" "
	  "she said.", "never saw", "Sarah", NULL, "said" },
	/* A title-case headline's capitals make no fuller name. */
	{ "Ferry Mom Corners Holt On His Refusal To Fix The \xe2\x80\x98"
	  "Disaster.\xe2\x80\x99\n\nMayor Dana Holt met a mother of two "
	  "riders on Monday night at the town hall.\n\nHolt argued the ferry "
	  "would be fixed. \"We will fix the ferry by June,\" said Holt.",
	  "fix the ferry", "Dana Holt", NULL, "said" },
	/* A name first seen as a possessive is named without the 's. */
	{ "Dana Holt\xe2\x80\x99s plan was late.\n\n\"We will fix the "
	  "ferry by June,\" said Holt.", "fix the ferry", "Dana Holt", NULL,
	  "said" },
	/* A cue form that is also a plural noun, after "of": no cue. */
	{ "Harbor Facts rated 40 percent of Republican claims as \"false or "
	  "mostly false\" in its review.", "mostly false", "Harbor Facts",
	  NULL, NULL },
	/* A quote left open at a paragraph's end, then a new quote with its
	 * own cue right after it: that cue's speaker, not the first's. */
	{ "\"The port is closed,\" Ana Ruiz said. \"We lost a month.\n\n"
	  "\"Nobody will pay for it,\" added Omar Haddad, the treasurer.",
	  "Nobody will pay", "Omar Haddad", NULL, "added" },
	/* The base form "call" is a cue ... */
	{ "When riders complain, the port officials call them \"fare "
	  "dodgers\" and move on.", "fare dodgers", "the port officials", NULL,
	  "call" },
	/* ... but not as a noun after a phrase nobody is. */
	{ "It was a five-alarm call \"for every rider in the city to act "
	  "now,\" and nobody moved.", "every rider", NULL, NULL, NULL },
	/* ... nor after a determiner that is no article: "many Republican
	 * claims" makes no Republican the next "he". */
	{ "Omar Haddad answered that the board rejects many Republican claims "
	  "as weak.\n\n\"We check every number,\" he said.", "check every",
	  "Omar Haddad", NULL, "said" },
	/* A capitalised verb opening a sentence is nobody's name, but the
	 * short quotes its cue takes as objects are still words used. */
	{ "Rails against the board and calls its members \"cowards\" and "
	  "\"frauds.\"", "frauds", NULL, NULL, NULL },
	{ "Marchers in the street chanted \"No fares!\" until dawn.",
	  "No fares", NULL, NULL, NULL },
	/* "it" is the latest organisation named near it, even when a person
	 * was named after that organisation ... */
	{ "The Harbor Council met on Friday and condemned the plan of Omar "
	  "Haddad, which it called \"a danger to every rider.\"",
	  "danger to every", "Harbor Council", NULL, "called" },
	/* ... but not one named paragraphs before. */
	{ "The Harbor Council met on Friday.\n\nRiders waited. Ferries "
	  "were late. Nobody knew why.\n\nThe plan failed, and it called the "
	  "result \"a danger to every rider.\"", "danger to every", "it",
	  NULL, "called" },
	/* A quote with no cue after a quote of the sentence before goes on
	 * with it, whoever else that sentence names with a cue. */
	{ "\"The port is ours,\" Omar Haddad said on Monday at the harbor, "
	  "where Ana Ruiz also spoke. \"Nobody will take it.\"",
	  "Nobody will take", "Omar Haddad", NULL, "said" },
	/* A title that is no speech passes no speaker on. */
	{ "\"The vote is done,\" Omar Haddad said.\n\nOn \"Harbor Morning "
	  "Live,\" the mayor of the town, who lost the race, praised the "
	  "riders. \"The young riders are tired of waiting.\"",
	  "young riders", NULL, NULL, NULL },
	/* A short quote joined by "and a" to one kept as speech. */
	{ "Ana Ruiz has gone after the board as a \"rubber stamp for the "
	  "mayor\" and a \"sham.\"", "sham", "Ana Ruiz", NULL, NULL },
	/* Short given names tell a gender too ("Dan"), so "he" is the
	 * subject of the sentence before, not a man it names later. */
	{ "\"The winner is Haddad,\" Chris Matthews concluded.\n\nDan Price "
	  "at the Harbor Review agreed with Matthews.\n\n\"He won with "
	  "flying colors,\" he wrote.", "flying colors", "Dan Price", NULL,
	  "wrote" },
	/* "for" ties a person to an outlet: the person speaks ... */
	{ "\"The ferries are late again,\" wrote Quinn Vask for Harbor "
	  "Daily.", "ferries are late", "Quinn Vask", NULL, "wrote" },
	/* ... but stays inside an organisation's name. */
	{ "\"The ferries are late again,\" said the Harbor Center for Ferry "
	  "Studies.", "ferries are late", "Harbor Center for Ferry Studies",
	  NULL, "said" },
	/* More reporting verbs: "commented" ... */
	{ "During a long talk about the vote, a friend commented: \"For you, "
	  "the ferry is the reason to vote.\"", "the ferry is the reason",
	  "a friend", NULL, "commented" },
	/* ... while "his ferry comment" is a noun. */
	{ "Omar Haddad said the mayor has \"enormous respect\" for riders and "
	  "his ferry comment was a joke.", "enormous respect", "Omar Haddad",
	  NULL, "said" },
	/* A colon before the quote: the sentence's subject after an opening
	 * clause speaks. */
	{ "With riders worried about the fares, Mayor Ana Ruiz has a new "
	  "message: \"It is about you.\"", "about you", "Ana Ruiz", NULL,
	  NULL },
	/* ... also after a long opening clause. */
	{ "With riders and their families increasingly worried about a lack of "
	  "ferries for the workers of the harbor, Mayor Ana Ruiz has a new "
	  "message: \"It is about you.\"", "about you", "Ana Ruiz", NULL,
	  NULL },
	/* Person nouns of the kind "one questioner" speak. */
	{ "\"We run the ferry well,\" Ana Ruiz said.\n\nAt a forum on "
	  "Monday, one questioner claimed that the \"fare rises hurt every "
	  "family in town.\"", "fare rises", "one questioner", NULL,
	  "claimed" },
	/* A lone unknown name opening the sentence before keeps "she" from
	 * a woman named after it ... */
	{ "\"The fares are a scandal,\" said Lena Okafor, a riders' leader."
	  "\n\nVask believes the mayor, Ana Ruiz, misread the riders.\n\n"
	  "\"They have a big problem,\" she said.", "big problem",
	  "Lena Okafor", NULL, "said" },
	/* ... while a known woman opening it is "she" herself. */
	{ "Sarah thought about Tomas Reyes and the vote.\n\n\"He was "
	  "right,\" he said.", "was right", "Tomas Reyes", NULL, "said" },
	/* A reporting noun with a possessor: the possessor said the quote
	 * that follows "that" ... */
	{ "Harbor Facts checked Omar Haddad's claim that there were "
	  "\"hundreds of late ferries\" last year.", "hundreds of late",
	  "Omar Haddad", NULL, "claim" },
	/* ... but not a quote the noun does not introduce. */
	{ "Ana Ruiz called Omar Haddad's remarks on Monday \"a true "
	  "wake-up call\" for the port.", "wake-up call", "Ana Ruiz", NULL,
	  "called" },
	/* An apposition tells a gender ("a spokeswoman for the port"), so
	 * "he" skips her; "an attorney for the woman" tells nothing. */
	{ "Tomas Reyes spoke first. Quinn Vask, a spokeswoman for the port, "
	  "listened.\n\n\"We are done here,\" he said.", "done here",
	  "Tomas Reyes", NULL, "said" },
	{ "Lena Okafor spoke first. Quinn Vask, an attorney for the woman, "
	  "listened.\n\n\"We are done here,\" he said.", "done here",
	  "Quinn Vask", NULL, "said" },
	/* A transcript label inside the quote. */
	{ "\"HOST: What happens to the ferry crews next year?\"",
	  "ferry crews", "HOST", NULL, ":" },
	/* "and" inside an organisation's name joins it ... */
	{ "\"The books were clean,\" the Tariffs and Harbors Commission "
	  "said.", "books were clean", "Tariffs and Harbors Commission",
	  NULL, "said" },
	/* ... and joins no two people. */
	{ "Ana Ruiz and Omar Haddad spoke. \"We differ,\" Ruiz and Haddad "
	  "said.", "We differ", "Omar Haddad", NULL, "said" },
	/* "Secretary of State" names a post: no one called "State". */
	{ "\"Talks resume in spring,\" the Minister of Fisheries said.",
	  "Talks resume", "Minister of Fisheries", NULL, "said" },
	{ "\"Talks resume in spring,\" said Minister of Fisheries Okafor.",
	  "Talks resume", "Okafor", "Minister of Fisheries", "said" },
	/* A home town after the name, with its state, is no speaker:
	 * before the cue, after an age, and after the cue. */
	{ "Tilda Marsh, 61, of Brookhaven, Vt., who rode the first boat, "
	  "said it was \"the best day of my life.\"", "best day",
	  "Tilda Marsh", NULL, "said" },
	{ "Jonas Pirelli of Lakemont, Ore., said the boat \"must run on "
	  "time, every time.\"", "every time", "Jonas Pirelli", NULL,
	  "said" },
	{ "\"The boat must run on time,\" said Jonas Pirelli of Lakemont, "
	  "Ore., who rides it daily.", "run on time", "Jonas Pirelli", NULL,
	  "said" },
	/* "they" is the body or the group whose cue came last ... */
	{ "The Harbor Pilots Guild said on Monday that the offer was unfair. "
	  "\"This is an insult to every pilot,\" they said.", "insult",
	  "Harbor Pilots Guild", NULL, "said" },
	{ "Critics of the toll said the fees were too high. \"Nobody asked "
	  "the riders,\" they wrote in a letter.", "Nobody asked",
	  "Critics of the toll", NULL, "wrote" },
	/* ... and "it" the document of the sentence before. */
	{ "The letter said the fees would rise. It also warned that \"no "
	  "exemption will be granted to anyone.\"", "no exemption",
	  "The letter", NULL, "warned" },
	/* "said it would tell": the pronoun is the clause's subject, and
	 * the quote is the mayor's. */
	{ "Mayor Ana Ruiz, opening the museum, said it would tell \"the "
	  "story of every family that crossed the bay.\"", "every family",
	  "Ana Ruiz", NULL, "said" },
	/* Verbs joined by "and" or "but" share the sentence's subject,
	 * after an opening adverb or clause too. */
	{ "Ana Ruiz praised the crews but warned that \"the storm season "
	  "is not over yet.\"", "storm season", "Ana Ruiz", NULL, "warned" },
	{ "Omar Haddad spoke first. Then Ana Ruiz stood up, thanked him and "
	  "said \"the work is far from over, believe me.\"", "far from over",
	  "Ana Ruiz", NULL, "said" },
	/* A verb joined to the cue before the quote is no cue after it. */
	{ "At every meeting, Ana Ruiz calls the tolls \"a tax on the poor\" "
	  "and Omar Haddad calls them fair.", "tax on the poor", "Ana Ruiz",
	  NULL, "calls" },
	{ "Ana Ruiz and Omar Haddad met. Both call the tolls \"a tax on "
	  "the poor\" and describe them as unfair.", "tax on the poor", NULL,
	  NULL, NULL },
	/* "the lawyer" is the lawyer the story named ... */
	{ "Tobias Wren, a lawyer for the ferry line, spoke first. \"The line "
	  "did nothing wrong,\" the lawyer said.", "did nothing wrong",
	  "Tobias Wren", NULL, "said" },
	/* ... "her lawyer" may be someone else's: the nominal stays. */
	{ "Tobias Wren, a lawyer for the ferry line, spoke first. Mara "
	  "Quillon was charged on Friday. \"My client is innocent,\" her "
	  "lawyer said.", "client is innocent", "her lawyer", NULL, "said" },
	{ "Tobias Wren, a lawyer for the ferry line, spoke first. \"We "
	  "will appeal,\" a lawyer said.", "will appeal", "a lawyer", NULL,
	  "said" },
	/* A name in apposition to a speaking nominal is the speaker, the
	 * nominal its role, before the cue or after it. */
	{ "Her lawyer, Tobias Wren, said: \"My client has nothing to "
	  "hide.\"", "nothing to hide", "Tobias Wren", "Her lawyer", "said" },
	{ "\"We will appeal the ruling,\" said her lawyer, Tobias Wren.",
	  "appeal the ruling", "Tobias Wren", "her lawyer", "said" },
	/* Not a person's name: the nominal stays the speaker. */
	{ "\"The vote was fair,\" said the spokesman, Tuesday.",
	  "vote was fair", "the spokesman", NULL, "said" },
	/* A plural possessive opens the phrase: "the riders' union". */
	{ "The deckhands' union called the offer \"an insult to every "
	  "crew.\"", "an insult", "The deckhands' union", NULL, "called" },
	{ "\"Nobody asked us,\" the riders\u2019 group said.", "Nobody asked",
	  "the riders\u2019 group", NULL, "said" },
	/* "Jr." ends a name: the full name keeps it, a later "Mr. Grange"
	 * is the same man. */
	{ "Mayor Harold P. Grange Jr. opened the pier. \"It took ten "
	  "years,\" Mr. Grange said.", "ten years", "Harold P. Grange Jr.",
	  NULL, "said" },
	/* "was quoted as saying" is a cue of the name before it. */
	{ "Ana Ruiz was quoted as saying that \"the ferry will never be "
	  "sold.\"", "never be sold", "Ana Ruiz", NULL, "saying" },
	/* A phrase a relative clause describes speaks, whatever its head. */
	{ "The ferry line, which carries 3,000 riders a day, said that "
	  "\"service will resume on Friday.\"", "service will resume",
	  "The ferry line", NULL, "said" },
	/* A quote with its own cue ends its sentence at `."`: the name
	 * after it opens the next one, with a cue of its own. */
	{ "Ana Ruiz said the line was \u201ca lifeline for the "
	  "island.\u201d Omar Haddad added: \u201cWithout it we have "
	  "nothing.\u201d", "a lifeline", "Ana Ruiz", NULL, "said" },
	{ "Ana Ruiz said the line was \"a lifeline for the island.\" Then "
	  "Omar Haddad spoke.", "a lifeline", "Ana Ruiz", NULL, "said" },
	/* Words joined to a quote by "and" share its speaker, not the
	 * reporter of the whole sentence. */
	{ "Omar Haddad called them \"losers\" and \"crooks\" at the rally, "
	  "Ana Ruiz said.", "crooks", "Omar Haddad", NULL, "called" },
	/* A cue after "to": the nominal before it says the words, else the
	 * sentence's subject; never a place before "to". */
	{ "Ana Ruiz urged the officials to say \"the fares will stay fair "
	  "for now.\"", "stay fair", "the officials", NULL, "say" },
	{ "Ana Ruiz wants to tell riders \"the fares will stay fair for "
	  "now.\"", "stay fair", "Ana Ruiz", NULL, "tell" },
	{ "Omar Haddad spoke at a rally in Lakemont to ask why the fares "
	  "rose. He said: \"I wonder why it was so bad.\"", "wonder why",
	  "Omar Haddad", NULL, "said" },
	/* A cue word used as a noun heads a speaker ("the report says"),
	 * and "it" after it is that report, not a body named earlier. */
	{ "The Harbor Commission ordered a report. \"The fees must rise by "
	  "a third,\" the report says.\n\nIt also points out that \"no "
	  "exemption will be granted to anyone.\"", "no exemption",
	  "the report", NULL, "points out" },
	/* "Having said that" names nobody to speak the next quote. */
	{ "The fares rose twice. Having said that, the boats are clean. "
	  "\"The fares will stay fair for now and for years.\"", "stay fair",
	  NULL, NULL, NULL },
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
test_speakers(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < nitems(speaker_cases); i++) {
		const struct speaker_case *c = &speaker_cases[i];
		struct quotes_result *res = testlib_analyze(c->story);
		const struct quotes_quote *q = quote_find(res, c->quote);

		if (q == NULL) {
			print_error("case %zu: quote '%s' not found\n", i,
			    c->quote);
			failures++;
		} else {
			failures += testlib_check_str("speaker", q->speaker,
			    c->speaker, i);
			failures += testlib_check_str("role", q->speaker_role,
			    c->role, i);
			failures += testlib_check_str("cue", q->cue, c->cue, i);
		}
		quotes_result_free(res);
	}
	assert_int_equal(failures, 0);
}

struct affil_case {
	const char *story;
	const char *quote;
	const char *org;	/* NULL: no affiliation */
	const char *role;
};

static const struct affil_case affil_cases[] = {
	/* An acronym before the title. */
	{ "Port Agency Director of Public Works Dana Holt told the Ledger "
	  "that \"the quay will reopen in May.\"", "quay will reopen",
	  "Port Agency", "Director of Public Works" },
	{ "\"The berths stay open,\" said Omar Haddad, a spokesman for Harbor "
	  "Rail.", "berths stay open", "Harbor Rail", "spokesman" },
	/* An organisation's possessive. */
	{ "\"Nothing changes for now,\" said Lena Okafor, the FBI's chief "
	  "lawyer.", "Nothing changes", "FBI", "chief lawyer" },
	/* "of" takes a name with an organisation word in it. */
	{ "\"We agree with the ruling,\" said Sam Ruiz, the director of the "
	  "Tidewater Institute.", "agree with the ruling",
	  "Tidewater Institute", "director" },
	/* Two capitals before a lower-case title. */
	{ "\"The ferries run again,\" Harbor Authority spokeswoman Ivy Lund "
	  "said.", "ferries run again", "Harbor Authority", "spokeswoman" },
	/* The organisation ends at its organisation word. */
	{ "\"The vote is on Monday,\" Senate Majority Leader Ann Cole said.",
	  "vote is on Monday", "Senate", "Majority Leader" },
	/* A person's name before a title is no organisation. */
	{ "\"We will win Ohio,\" Holt campaign manager Jo Ames said.",
	  "win Ohio", NULL, NULL },
	{ "\"We will win Ohio,\" said Jo Ames, Dana Holt's campaign "
	  "manager.", "win Ohio", NULL, NULL },
	/* Nor is a place before an abbreviated title, nor a "-based". */
	{ "\"The budget is balanced,\" North Carolina Gov. Ann Cole said.",
	  "budget is balanced", NULL, NULL },
	{ "\"The budget is balanced,\" said Ann Cole, an Ohio-based "
	  "consultant.", "budget is balanced", NULL, NULL },
	/* A common noun for a body, capitalised at a sentence's start. */
	{ "Council member Jo Ames said \"the vote was rushed.\"",
	  "vote was rushed", NULL, NULL },
	/* "of" with a name that has no organisation word: a department of
	 * some kind, not a body to list. */
	{ "\"The report is late,\" said Ann Cole, the Director of Public "
	  "Works.", "report is late", NULL, NULL },
};

/* The organisation a speaker's role names, and the role within it. */
static void
test_affiliations(void **state)
{
	size_t i;

	(void)state;
	failures = 0;
	for (i = 0; i < nitems(affil_cases); i++) {
		const struct affil_case *c = &affil_cases[i];
		struct quotes_result *res = testlib_analyze(c->story);
		const struct quotes_quote *q = quote_find(res, c->quote);

		if (q == NULL) {
			print_error("case %zu: quote '%s' not found\n", i,
			    c->quote);
			failures++;
		} else if (c->org == NULL && q->affiliation != NULL) {
			print_error("case %zu: unwanted affiliation '%s'\n", i,
			    q->affiliation);
			failures++;
		} else {
			failures += testlib_check_str("affiliation",
			    q->affiliation, c->org, i);
			failures += testlib_check_str("affiliation role",
			    q->affiliation_role, c->role, i);
		}
		quotes_result_free(res);
	}
	assert_int_equal(failures, 0);
}

/* A quoted speaker's affiliation reaches the attributions and the JSON. */
static void
test_affiliation_json(void **state)
{
	static const char story[] = "Port Agency spokeswoman Dana Holt said "
	    "the quay would reopen. \"We are ready,\" she said.";
	struct quotes_result *res = testlib_analyze(story);
	char *js;
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < res->n_attribs; i++) {
		if (strcmp(res->attribs[i].source, "Dana Holt") != 0)
			continue;
		assert_non_null(res->attribs[i].affiliation);
		assert_string_equal(res->attribs[i].affiliation, "Port Agency");
		n++;
	}
	assert_true(n >= 1);
	js = quotes_to_json(res);
	assert_non_null(strstr(js, "\"affiliation\": {"));
	assert_non_null(strstr(js, "\"org\": \"Port Agency\""));
	assert_non_null(strstr(js, "\"role\": \"spokeswoman\""));
	free(js);
	quotes_result_free(res);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_speakers),
		cmocka_unit_test(test_affiliations),
		cmocka_unit_test(test_affiliation_json),
	};

	return cmocka_run_group_tests(tests, testlib_lang_setup,
	    testlib_lang_teardown);
}

/*
 * quotes.h - the quote and attribution engine: who said what in a story.
 *
 * Takes one story's plain text (HTML is made into text first, by
 * story_text.h: the engine knows no HTML), removes feed noise, and finds
 * the dateline, the quoted speech with its speaker, and the sources the
 * story cites.  Everything the engine knows about a
 * language comes from data files (data/en/), loaded once into a
 * struct quotes_lang.  It never touches curses, SQLite or the network, and
 * never prints: results come back as data or as strings the caller prints.
 */
#ifndef HEARSAY_QUOTES_H
#define HEARSAY_QUOTES_H

#include <stddef.h>

struct buf;

#define QUOTES_VERSION 6	/* stored with results; bump on output changes */

/* Loaded language data (read-only once loaded; may be shared). */
struct quotes_lang;

/* Load the language data files of one directory (e.g. data/en).  Returns
 * NULL with *err set when a required file is missing.  Caller frees. */
struct quotes_lang *quotes_lang_load(const char *dir, char **err);
/* Find and load language `code` ("en"): $HEARSAY_DATA_DIR/CODE, then
 * beside the executable, then the source tree of a build-tree binary, then
 * the installed PKGDATADIR/lang/CODE.  Caller frees. */
struct quotes_lang *quotes_lang_find(const char *code, char **err);
void quotes_lang_free(struct quotes_lang *lang);

struct quotes_dateline {
	char	*place;		/* "WASHINGTON", "FLINT, Mich." */
	char	*agency;	/* "Reuters", or NULL */
};

/* One quoted span that is speech or writing. */
struct quotes_quote {
	char	*text;		/* the words inside the marks */
	char	*speaker;	/* resolved name or nominal, or NULL */
	char	*speaker_role;	/* "CIA Director of Public Affairs", or NULL */
	char	*cue;		/* "said", "told", ... or NULL */
	/* The organisation speaker_role names and the role within it
	 * ("CIA" and "Director of Public Affairs"; "a spokesman for Harbor
	 * Rail": "Harbor Rail" and "spokesman"), both NULL when it names
	 * none.  The reader lists such people under their organisation. */
	char	*affiliation;
	char	*affiliation_role;
	size_t	 start;		/* code points into the cleaned text */
	size_t	 end;
};

/* One sentence citing a source. */
struct quotes_attrib {
	char	*source;	/* normalised within the story ("CNN") */
	char	*role;		/* the source's role when a person, or NULL */
	char	*affiliation;	/* as in struct quotes_quote, from role */
	char	*affiliation_role;
	char	*cue;		/* "reported", "according to" */
	char	*addressee;	/* "CNN" in "told CNN" when the story names
				 * it, or NULL */
	char	*sentence;
	size_t	 start;		/* the sentence, in code points */
	size_t	 end;
};

struct quotes_result {
	char	*text;		/* the cleaned plain text (UTF-8) */
	struct quotes_dateline *dateline;	/* or NULL */
	struct quotes_quote *quotes;
	size_t	 n_quotes;
	struct quotes_attrib *attribs;
	size_t	 n_attribs;
};

/* Analyse one story's plain text (markup in it is text).  Runs in time
 * linear in len.  Caller frees the result. */
struct quotes_result *quotes_analyze(const struct quotes_lang *lang,
    const char *input, size_t len);
void quotes_result_free(struct quotes_result *res);

/* The result in the `quotes --json` format of DESIGN.md, every string
 * sanitised; a quote or attribution with an affiliation also carries
 * "affiliation": {"org", "role"}, and an attribution with an addressee
 * "addressee" (both absent otherwise).  Caller frees. */
char *quotes_to_json(const struct quotes_result *res);
/* A readable summary (dateline, quotes, sources grouped), sanitised,
 * appended to out. */
void quotes_summary(const struct quotes_result *res, struct buf *out);

#endif

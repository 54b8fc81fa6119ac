/*
 * quotes.c - the quote engine's entry point: runs the stages in order
 * (cleanup, tokens, quote spans, sentences, dateline, then one pass over
 * the sentences for names, cues and speakers) and prints the result as
 * `quotes --json` or a readable summary.
 *
 * Must never print anything itself, and every string it hands out for
 * printing has gone through text_clean().
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/buf.h"
#include "hearsay/cleanup.h"
#include "hearsay/quotes.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "quotes_int.h"

static void
doc_free(struct qdoc *d)
{
	size_t i;

	for (i = 0; i < d->n_span && d->spk != NULL; i++) {
		free(d->spk[i].speaker);
		free(d->spk[i].role);
		free(d->spk[i].cue);
	}
	free(d->spk);
	attrib_hits_free(d);
	ent_free(d);
	free(d->cp);
	free(d->cpbyte);
	free(d->tok);
	free(d->keys);
	free(d->span);
	free(d->sent);
}

/* An unresolved "he" is nobody to cite. */
static int
is_pronoun(const struct quotes_lang *lang, const char *s)
{
	char low[16];
	size_t i, n = strlen(s);
	const struct lang_word *w;

	if (n >= sizeof low)
		return 0;
	for (i = 0; i < n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 0x20 : s[i]);
	w = lang_lookup(lang, low, n);
	return w != NULL && (w->classes & LANG_BIT(LANG_PRONOUN));
}

/* A quote's speaker is a cited source too, when no cue named it (bylines,
 * transcript labels, quotes continued from earlier). */
static void
quotes_cite_speakers(const struct quotes_lang *lang, struct quotes_result *res)
{
	struct wordmap *seen = wordmap_new();
	size_t i;

	for (i = 0; i < res->n_attribs; i++)
		*wordmap_slot(seen, res->attribs[i].source,
		    strlen(res->attribs[i].source)) = seen;
	for (i = 0; i < res->n_quotes; i++) {
		const struct quotes_quote *q = &res->quotes[i];
		struct quotes_attrib *a;
		void **v;

		if (q->speaker == NULL || is_pronoun(lang, q->speaker))
			continue;
		v = wordmap_slot(seen, q->speaker, strlen(q->speaker));
		if (*v != NULL)
			continue;
		*v = seen;
		if ((res->n_attribs & (res->n_attribs - 1)) == 0)
			res->attribs = xreallocarray(res->attribs,
			    res->n_attribs ? res->n_attribs * 2 : 1,
			    sizeof *res->attribs);
		a = &res->attribs[res->n_attribs++];
		a->source = xstrdup(q->speaker);
		a->role = xstrdup(q->speaker_role);
		a->affiliation = a->affiliation_role = NULL;
		a->addressee = NULL;
		a->cue = xstrdup(q->cue != NULL ? q->cue : ":");
		a->sentence = xstrdup(q->text);
		a->start = q->start;
		a->end = q->end;
	}
	wordmap_free(seen);
}

/* The organisations the roles of speakers and sources name. */
static void
quotes_affiliate(const struct quotes_lang *lang, struct quotes_result *res)
{
	size_t i;

	for (i = 0; i < res->n_quotes; i++) {
		struct quotes_quote *q = &res->quotes[i];

		affil_split(lang, q->speaker_role, &q->affiliation,
		    &q->affiliation_role);
	}
	for (i = 0; i < res->n_attribs; i++) {
		struct quotes_attrib *a = &res->attribs[i];

		affil_split(lang, a->role, &a->affiliation,
		    &a->affiliation_role);
	}
}

struct quotes_result *
quotes_analyze(const struct quotes_lang *lang, const char *input, size_t len)
{
	struct quotes_result *res = xcalloc(1, sizeof *res);
	struct qdoc d;
	size_t s;

	memset(&d, 0, sizeof d);
	d.lang = lang;
	if (len > QUOTES_MAX_BYTES)
		len = QUOTES_MAX_BYTES;
	d.text = cleanup_text(lang, input, len);
	d.len = strlen(d.text);
	for (s = 0; s < RECENT_PEOPLE; s++)
		d.recent[s] = -1;
	d.ent_by_key = wordmap_new();
	tok_decode(&d);
	tok_scan(&d);
	span_find(&d);
	syntax_sentences(&d);
	d.spk = xcalloc(d.n_span + 1, sizeof *d.spk);
	res->dateline = dateline_find(&d);
	/* Speakers run one sentence behind: a quote may be attributed by a
	 * short "Smith said." sentence right after it. */
	for (s = 0; s < d.n_sent; s++) {
		ent_mentions(&d, s);
		attrib_sentence(&d, s, res);
		if (s > 0)
			speaker_sentence(&d, s - 1, res);
	}
	if (d.n_sent > 0)
		speaker_sentence(&d, d.n_sent - 1, res);
	quotes_cite_speakers(lang, res);
	quotes_affiliate(lang, res);
	res->text = d.text;
	doc_free(&d);
	return res;
}

void
quotes_result_free(struct quotes_result *res)
{
	size_t i;

	if (res == NULL)
		return;
	if (res->dateline != NULL) {
		free(res->dateline->place);
		free(res->dateline->agency);
		free(res->dateline);
	}
	for (i = 0; i < res->n_quotes; i++) {
		free(res->quotes[i].text);
		free(res->quotes[i].speaker);
		free(res->quotes[i].speaker_role);
		free(res->quotes[i].cue);
		free(res->quotes[i].affiliation);
		free(res->quotes[i].affiliation_role);
	}
	for (i = 0; i < res->n_attribs; i++) {
		free(res->attribs[i].source);
		free(res->attribs[i].cue);
		free(res->attribs[i].sentence);
		free(res->attribs[i].role);
		free(res->attribs[i].addressee);
		free(res->attribs[i].affiliation);
		free(res->attribs[i].affiliation_role);
	}
	free(res->quotes);
	free(res->attribs);
	free(res->text);
	free(res);
}

/*
 * The JSON of a result is written straight into one buffer, in the
 * layout of jansson's JSON_INDENT(2): a tree of json_t objects for 60,000
 * sources, and jansson's encoder called per string, took more time than
 * the analysis (bench/quotes.py).  Every string has gone through
 * text_clean() first, which leaves valid UTF-8 without a control
 * character, so encoding it is escaping '"' and '\\'; the tests read the
 * output back with jansson.
 */
struct json_out {
	struct buf b;
	int	 depth;
	int	 first;		/* nothing written yet at this depth */
	struct buf sentence;	/* the last attribution's sentence, as JSON */
	size_t	 sent_start;	/* its offsets: a sentence citing several */
	size_t	 sent_end;	/* sources is cleaned and escaped once */
};

#define JSON_OUT_MAX	((size_t)1 << 31)

/* s as a JSON string: '"' and '\\' escaped, and (never met after
 * text_clean, but a JSON string must not hold one) control bytes. */
static void
json_escape(struct buf *b, const char *s)
{
	/* Why: the plain runs between specials are copied whole. */
	static const char special[] = "\"\\\x01\x02\x03\x04\x05\x06\x07"
	    "\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16"
	    "\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f";
	size_t n;

	buf_addc(b, '"');
	for (;;) {
		n = strcspn(s, special);
		buf_add(b, s, n);
		s += n;
		if (*s == '\0')
			break;
		if ((unsigned char)*s < 0x20) {
			buf_printf(b, "\\u%04x", (unsigned char)*s);
		} else {
			buf_addc(b, '\\');
			buf_addc(b, *s);
		}
		s++;
	}
	buf_addc(b, '"');
}

#define JSON_DEPTH_MAX	4	/* the format nests no deeper */

static void
json_indent(struct json_out *j)
{
	static const char nl[] = "\n        ";

	buf_add(&j->b, nl, 1 + 2 * (size_t)j->depth);
}

/* Open an object or array ('{', '['), as the value just keyed. */
static void
json_open(struct json_out *j, char c)
{
	if (j->depth >= JSON_DEPTH_MAX)
		fatal("quotes: JSON nested too deep");
	buf_addc(&j->b, c);
	j->depth++;
	j->first = 1;
}

/* Close it: "{}" and "[]" when it stayed empty. */
static void
json_close(struct json_out *j, char c)
{
	j->depth--;
	if (!j->first)
		json_indent(j);
	buf_addc(&j->b, c);
	j->first = 0;
}

/* The next member of an object (key) or array (NULL). */
static void
json_next(struct json_out *j, const char *key)
{
	if (!j->first)
		buf_addc(&j->b, ',');
	j->first = 0;
	json_indent(j);
	if (key != NULL) {
		buf_addc(&j->b, '"');
		buf_addstr(&j->b, key);
		buf_add(&j->b, "\": ", 3);
	}
}

/* The string s made safe (newlines become spaces), or null. */
static void
json_text(struct json_out *j, const char *key, const char *s)
{
	char *c;

	json_next(j, key);
	if (s == NULL) {
		buf_add(&j->b, "null", 4);
		return;
	}
	c = text_clean(s, TEXT_COLLAPSE_WS);
	json_escape(&j->b, c);
	free(c);
}

static void
json_int(struct json_out *j, const char *key, size_t v)
{
	char digits[24], *p = digits + sizeof digits;

	json_next(j, key);
	/* Why: buf_printf's vsnprintf was a tenth of a run's time. */
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	buf_add(&j->b, p, (size_t)(digits + sizeof digits - p));
}

/* "affiliation": {"org", "role"} when org is known. */
static void
json_affiliation(struct json_out *j, const char *org, const char *role)
{
	if (org == NULL)
		return;
	json_next(j, "affiliation");
	json_open(j, '{');
	json_text(j, "org", org);
	json_text(j, "role", role);
	json_close(j, '}');
}

static void
json_quote(struct json_out *j, const struct quotes_quote *q)
{
	json_next(j, NULL);
	json_open(j, '{');
	json_text(j, "text", q->text);
	json_text(j, "speaker", q->speaker);
	json_text(j, "speaker_role", q->speaker_role);
	json_text(j, "cue", q->cue);
	json_affiliation(j, q->affiliation, q->affiliation_role);
	json_int(j, "start", q->start);
	json_int(j, "end", q->end);
	json_close(j, '}');
}

/* The attribution's sentence, from the cache when the attribution before
 * was of the same sentence (same offsets, same text). */
static void
json_sentence(struct json_out *j, const struct quotes_attrib *a)
{
	char *c;

	if (a->sentence == NULL || j->sentence.len == 0 ||
	    a->start != j->sent_start || a->end != j->sent_end) {
		buf_reset(&j->sentence);
		j->sent_start = a->start;
		j->sent_end = a->end;
		if (a->sentence == NULL) {
			buf_add(&j->sentence, "null", 4);
		} else {
			c = text_clean(a->sentence, TEXT_COLLAPSE_WS);
			json_escape(&j->sentence, c);
			free(c);
		}
	}
	json_next(j, "sentence");
	buf_add(&j->b, j->sentence.data, j->sentence.len);
}

static void
json_attrib(struct json_out *j, const struct quotes_attrib *a)
{
	json_next(j, NULL);
	json_open(j, '{');
	json_text(j, "source", a->source);
	json_text(j, "cue", a->cue);
	json_sentence(j, a);
	json_affiliation(j, a->affiliation, a->affiliation_role);
	if (a->addressee != NULL)
		json_text(j, "addressee", a->addressee);
	json_int(j, "start", a->start);
	json_int(j, "end", a->end);
	json_close(j, '}');
}

char *
quotes_to_json(const struct quotes_result *res)
{
	struct json_out j;
	size_t i;

	buf_init(&j.b, JSON_OUT_MAX);
	buf_init(&j.sentence, JSON_OUT_MAX);
	j.sent_start = j.sent_end = 0;
	j.depth = 0;
	j.first = 1;
	json_open(&j, '{');
	if (res->dateline != NULL) {
		json_next(&j, "dateline");
		json_open(&j, '{');
		json_text(&j, "place", res->dateline->place);
		json_text(&j, "agency", res->dateline->agency);
		json_close(&j, '}');
	} else {
		json_next(&j, "dateline");
		buf_add(&j.b, "null", 4);
	}
	json_next(&j, "quotes");
	json_open(&j, '[');
	for (i = 0; i < res->n_quotes; i++)
		json_quote(&j, &res->quotes[i]);
	json_close(&j, ']');
	json_next(&j, "attributions");
	json_open(&j, '[');
	for (i = 0; i < res->n_attribs; i++)
		json_attrib(&j, &res->attribs[i]);
	json_close(&j, ']');
	json_close(&j, '}');
	buf_free(&j.sentence);
	if (j.b.overflow)
		fatal("quotes: the JSON of one story passed %zu bytes",
		    JSON_OUT_MAX);
	return buf_detach(&j.b);
}

static void
summary_add(struct buf *out, const char *s)
{
	char *c = text_clean(s, TEXT_COLLAPSE_WS);

	buf_addstr(out, c);
	free(c);
}

/* Sources in order of first citation, each with its distinct cues: one
 * pass with two maps, so a long story stays linear. */
static void
summary_sources(const struct quotes_result *res, struct buf *out)
{
	struct wordmap *group = wordmap_new(), *pair = wordmap_new();
	struct buf *lines = xcalloc(res->n_attribs + 1, sizeof *lines);
	size_t i, n = 0;

	for (i = 0; i < res->n_attribs; i++) {
		const struct quotes_attrib *a = &res->attribs[i];
		char *key = xprintf("%s\t%s", a->source, a->cue);
		void **g = wordmap_slot(group, a->source, strlen(a->source));
		void **p = wordmap_slot(pair, key, strlen(key));
		struct buf *line;

		free(key);
		if (*g == NULL) {
			*g = &lines[n++];
			buf_addstr(*g, "  ");
			summary_add(*g, a->source);
			buf_addstr(*g, ":");
		}
		line = *g;
		if (*p == NULL) {
			*p = line;
			buf_addstr(line, " ");
			summary_add(line, a->cue);
		}
	}
	for (i = 0; i < n; i++) {
		buf_addstr(out, buf_str(&lines[i]));
		buf_addstr(out, "\n");
		buf_free(&lines[i]);
	}
	free(lines);
	wordmap_free(group);
	wordmap_free(pair);
}

void
quotes_summary(const struct quotes_result *res, struct buf *out)
{
	size_t i;

	if (res->dateline != NULL) {
		buf_addstr(out, "Dateline: ");
		summary_add(out, res->dateline->place);
		if (res->dateline->agency != NULL) {
			buf_addstr(out, " (");
			summary_add(out, res->dateline->agency);
			buf_addstr(out, ")");
		}
		buf_addstr(out, "\n");
	}
	buf_printf(out, "Quotes: %zu\n", res->n_quotes);
	for (i = 0; i < res->n_quotes; i++) {
		const struct quotes_quote *q = &res->quotes[i];

		buf_addstr(out, "  ");
		summary_add(out, q->speaker != NULL ? q->speaker : "(unknown)");
		if (q->speaker_role != NULL) {
			buf_addstr(out, ", ");
			summary_add(out, q->speaker_role);
		}
		if (q->cue != NULL) {
			buf_addstr(out, " \xe2\x80\x94 ");
			summary_add(out, q->cue);
		}
		buf_addstr(out, "\n    \xe2\x80\x9c");
		summary_add(out, q->text);
		buf_addstr(out, "\xe2\x80\x9d\n");
	}
	buf_printf(out, "Sources: %zu citations\n", res->n_attribs);
	summary_sources(res, out);
}

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

#include <jansson.h>

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

/* A JSON string of s made safe (newlines become spaces), or null. */
static json_t *
json_text(const char *s)
{
	char *c;
	json_t *j;

	if (s == NULL)
		return json_null();
	c = text_clean(s, TEXT_COLLAPSE_WS);
	j = json_string(c);
	free(c);
	return j != NULL ? j : json_null();
}

/* Add "affiliation": {"org", "role"} to o when org is known. */
static void
json_affiliation(json_t *o, const char *org, const char *role)
{
	json_t *af;

	if (org == NULL)
		return;
	af = json_object();
	json_object_set_new(af, "org", json_text(org));
	json_object_set_new(af, "role", json_text(role));
	json_object_set_new(o, "affiliation", af);
}

static json_t *
json_quote(const struct quotes_quote *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "text", json_text(q->text));
	json_object_set_new(o, "speaker", json_text(q->speaker));
	json_object_set_new(o, "speaker_role", json_text(q->speaker_role));
	json_object_set_new(o, "cue", json_text(q->cue));
	json_affiliation(o, q->affiliation, q->affiliation_role);
	json_object_set_new(o, "start", json_integer((json_int_t)q->start));
	json_object_set_new(o, "end", json_integer((json_int_t)q->end));
	return o;
}

static json_t *
json_attrib(const struct quotes_attrib *a)
{
	json_t *o = json_object();

	json_object_set_new(o, "source", json_text(a->source));
	json_object_set_new(o, "cue", json_text(a->cue));
	json_object_set_new(o, "sentence", json_text(a->sentence));
	json_affiliation(o, a->affiliation, a->affiliation_role);
	if (a->addressee != NULL)
		json_object_set_new(o, "addressee", json_text(a->addressee));
	json_object_set_new(o, "start", json_integer((json_int_t)a->start));
	json_object_set_new(o, "end", json_integer((json_int_t)a->end));
	return o;
}

char *
quotes_to_json(const struct quotes_result *res)
{
	json_t *root = json_object(), *qs = json_array(), *as = json_array();
	json_t *dl = json_null();
	char *out, *copy;
	size_t i;

	if (res->dateline != NULL) {
		dl = json_object();
		json_object_set_new(dl, "place", json_text(res->dateline->place));
		json_object_set_new(dl, "agency",
		    json_text(res->dateline->agency));
	}
	for (i = 0; i < res->n_quotes; i++)
		json_array_append_new(qs, json_quote(&res->quotes[i]));
	for (i = 0; i < res->n_attribs; i++)
		json_array_append_new(as, json_attrib(&res->attribs[i]));
	json_object_set_new(root, "dateline", dl);
	json_object_set_new(root, "quotes", qs);
	json_object_set_new(root, "attributions", as);
	out = json_dumps(root, JSON_PRESERVE_ORDER | JSON_INDENT(2));
	json_decref(root);
	if (out == NULL)
		fatal("out of memory formatting JSON");
	/* Why: json_dumps memory belongs to jansson's allocator. */
	copy = xstrdup(out);
	free(out);
	return copy;
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

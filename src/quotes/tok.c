/*
 * tok.c - the token layer of the quote engine: the cleaned story decoded
 * to code points and cut into tokens (words, punctuation, quotation
 * marks, paragraph breaks) with code-point offsets, lower-case keys and
 * their language data.
 *
 * One pass over the code points.  Must never look further than a few
 * code points ahead (linear time is the contract), and never know of
 * quote spans or sentences, which the layers above it make.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/buf.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "quotes_int.h"

/* Rough letter and case tests covering Latin, Greek and Cyrillic; other
 * scripts count as caseless letters. */
static int
cp_upper(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	if (c >= 0xC0 && c <= 0xDE)
		return c != 0xD7;
	if (c >= 0x100 && c <= 0x17F)
		return (c & 1) == 0;
	return (c >= 0x391 && c <= 0x3A9) || (c >= 0x400 && c <= 0x42F);
}

static int
cp_letter(uint32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	return (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0x2000) ||
	    c >= 0x3040;
}

static int
cp_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static int
cp_alnum(uint32_t c)
{
	return cp_letter(c) || cp_digit(c);
}

/* Inline, ASCII first: it runs for every code point of the story. */
static inline int
cp_space(uint32_t c)
{
	if (c < 0x80)
		return c == ' ' || c == '\t' || c == '\n';
	return c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F ||
	    c == 0x3000;
}

static int
cp_apostrophe(uint32_t c)
{
	return c == '\'' || c == 0x2019;
}

static uint32_t
cp_lower(uint32_t c)
{
	if (cp_upper(c))
		return c < 0x100 || (c >= 0x391 && c <= 0x3A9) ? c + 0x20 :
		    c >= 0x400 && c <= 0x42F ? c + 0x20 : c + 1;
	return c;
}

static uint32_t
doc_cp(const struct qdoc *d, size_t i)
{
	return i < d->n_cp ? d->cp[i] : 0;
}

/* The end of the word starting at i: letters and digits, with apostrophes,
 * hyphens, full stops and digit separators inside. */
static size_t
word_end(const struct qdoc *d, size_t i)
{
	while (i < d->n_cp) {
		uint32_t c = d->cp[i];

		if (cp_alnum(c) || c == 0x0301) {
			i++;
			continue;
		}
		if ((cp_apostrophe(c) || c == '-' || c == '.' || c == ',' ||
		    c == '&') && i > 0 && cp_alnum(d->cp[i - 1]) &&
		    cp_alnum(doc_cp(d, i + 1))) {
			/* Why: "1,000" and "U.S." stay whole; "a,b" is rare. */
			if (c == ',' && !(cp_digit(d->cp[i - 1]) &&
			    cp_digit(doc_cp(d, i + 1))))
				break;
			/* Why: "U.S" and "3.5" stay whole, "end.Next" not. */
			if (c == '.' && i >= 2 && cp_letter(d->cp[i - 1]) &&
			    cp_letter(d->cp[i - 2]))
				break;
			i++;
			continue;
		}
		break;
	}
	return i;
}

void
tok_decode(struct qdoc *d)
{
	size_t i = 0, n = 0;

	d->cp = xreallocarray(NULL, d->len + 1, sizeof *d->cp);
	/* Why: one byte offset every CPBYTE_STEP code points, not one per
	 * code point: a long story's offsets took as much memory as its
	 * code points, and are read only to cut out the strings handed
	 * out (tok_slice). */
	d->cpbyte = xreallocarray(NULL, d->len / CPBYTE_STEP + 2,
	    sizeof *d->cpbyte);
	while (i < d->len) {
		unsigned char c = (unsigned char)d->text[i];

		if (n % CPBYTE_STEP == 0)
			d->cpbyte[n / CPBYTE_STEP] = (uint32_t)i;
		/* Why: most of a story is ASCII; skip the decoder's call. */
		if (c < 0x80) {
			d->cp[n++] = c;
			i++;
			continue;
		}
		i += utf8_decode(d->text + i, d->len - i, &d->cp[n]);
		n++;
	}
	if (n % CPBYTE_STEP == 0)
		d->cpbyte[n / CPBYTE_STEP] = (uint32_t)d->len;
	d->n_cp = n;
}

/* The byte offset of code point k (at most n_cp): from the offset kept
 * for its step, decoding the few code points after it as tok_decode
 * did. */
static size_t
tok_byte(const struct qdoc *d, size_t k)
{
	size_t b = d->cpbyte[k / CPBYTE_STEP], r = k % CPBYTE_STEP;
	uint32_t cp;

	while (r-- > 0 && b < d->len) {
		if ((unsigned char)d->text[b] < 0x80)
			b++;
		else
			b += utf8_decode(d->text + b, d->len - b, &cp);
	}
	return b;
}

static void
tok_push(struct qdoc *d, size_t *cap, enum tok_kind kind, size_t s, size_t e)
{
	struct tok *t;
	size_t i;

	if (d->n_tok == *cap) {
		/* Why: a token takes two code points at least but for
		 * punctuation next to punctuation; an array sized for that
		 * at once is rarely grown, and its pages not reached are
		 * never touched. */
		*cap = *cap ? *cap * 2 : d->n_cp / 2 + 256;
		d->tok = xreallocarray(d->tok, *cap, sizeof *d->tok);
	}
	t = &d->tok[d->n_tok++];
	memset(t, 0, sizeof *t);
	t->kind = kind;
	t->start = (uint32_t)s;
	t->end = (uint32_t)e;
	t->quote = -1;
	t->ch = d->cp[s];
	if (s == 0 || cp_space(d->cp[s - 1]))
		t->flags |= TF_SPACE_BEFORE;
	if (e >= d->n_cp || cp_space(d->cp[e]))
		t->flags |= TF_SPACE_AFTER;
	if (kind != TOK_WORD)
		return;
	if (cp_upper(d->cp[s]))
		t->flags |= TF_CAP;
	if (cp_digit(d->cp[s]))
		t->flags |= TF_DIGIT;
	for (i = s; i < e && (!cp_letter(d->cp[i]) || cp_upper(d->cp[i])); i++)
		;
	if (i == e && e - s >= 2 && (t->flags & TF_CAP))
		t->flags |= TF_ALLCAPS;
}

/* Lower-case key of the last token (apostrophes folded to '), written
 * into d->keys, which tok_scan sized for the whole text. */
static void
tok_set_key(struct qdoc *d, size_t end)
{
	struct tok *t = &d->tok[d->n_tok - 1];
	char *out = d->keys + d->keys_len;
	size_t i;

	t->key = (uint32_t)d->keys_len;
	for (i = t->start; i < end; i++) {
		uint32_t c = d->cp[i];

		if (c < 0x80)
			*out++ = (char)(c >= 'A' && c <= 'Z' ? c + 0x20 : c);
		else
			out += utf8_encode(c == 0x2019 ? '\'' : cp_lower(c), out);
	}
	t->keylen = (uint32_t)(out - (d->keys + t->key));
	*out++ = '\0';
	d->keys_len = (size_t)(out - d->keys);
	if (t->kind == TOK_WORD)
		t->w = lang_lookup(d->lang, d->keys + t->key, t->keylen);
}

/* Does the next word after white space at i start upper case? */
static int
next_is_upper(const struct qdoc *d, size_t i)
{
	while (i < d->n_cp && (d->cp[i] == ' ' || d->cp[i] == 0xA0))
		i++;
	return i < d->n_cp && cp_upper(d->cp[i]);
}

/* Does a quoted nickname and then a capital follow the white space at i
 * (`J. "Rob" Tanaka`)?  Looks at most NICK_MAX code points ahead. */
#define NICK_MAX	32
static int
next_is_nickname(const struct qdoc *d, size_t i)
{
	size_t k;

	while (i < d->n_cp && d->cp[i] == ' ')
		i++;
	if (i + 1 >= d->n_cp || !lang_is_mark(d->lang, d->cp[i]) ||
	    !cp_upper(d->cp[i + 1]))
		return 0;
	for (k = i + 2; k < d->n_cp && k < i + NICK_MAX; k++) {
		if (lang_is_mark(d->lang, d->cp[k]))
			return k + 2 < d->n_cp && d->cp[k + 1] == ' ' &&
			    cp_upper(d->cp[k + 2]);
		if (!cp_alnum(d->cp[k]) && d->cp[k] != ' ')
			return 0;
	}
	return 0;
}

/* Is the part after the word's last hyphen an abbreviation? */
static int
abbrev_after_hyphen(const struct qdoc *d, const struct tok *t)
{
	const char *k = d->keys + t->key, *h = k + t->keylen;
	const struct lang_word *w;

	while (h > k && h[-1] != '-')
		h--;
	if (h == k || h == k + t->keylen)
		return 0;
	h--;	/* at the hyphen */
	w = lang_lookup(d->lang, h + 1, (size_t)(k + t->keylen - h - 1));
	return w != NULL && (w->classes & LANG_BIT(LANG_ABBREV));
}

/* A word followed by '.' keeps it when it is an abbreviation or initial. */
static size_t
tok_abbrev(struct qdoc *d, size_t e)
{
	struct tok *t = &d->tok[d->n_tok - 1];

	if (doc_cp(d, e) != '.')
		return e;
	if (e - t->start == 1 && cp_upper(d->cp[t->start]) &&
	    (next_is_upper(d, e + 1) || next_is_nickname(d, e + 1)))
		goto take;	/* an initial: "Mary J. Blige", not "do I." */
	if (t->w != NULL && (t->w->classes & LANG_BIT(LANG_ABBREV)))
		goto take;
	if (abbrev_after_hyphen(d, t))
		goto take;	/* "R-Ky." */
	if (e - t->start >= 3 && d->cp[e - 2] == '.')
		goto take;	/* "U.S." */
	return e;
take:
	t->flags |= TF_ABBREV;
	t->end = (uint32_t)(e + 1);
	t->flags &= ~TF_SPACE_AFTER;
	if (e + 1 >= d->n_cp || cp_space(d->cp[e + 1]))
		t->flags |= TF_SPACE_AFTER;
	return e + 1;
}

/* Does the line before the white space at s end like a paragraph: with
 * a full stop, colon or quotation mark (not an abbreviation)? */
static int
line_ends_para(const struct qdoc *d, size_t s)
{
	const struct tok *t;
	uint32_t c;

	if (s == 0 || d->n_tok == 0)
		return 0;
	t = &d->tok[d->n_tok - 1];
	if (t->kind == TOK_WORD && (t->flags & TF_ABBREV))
		return 0;
	c = d->cp[s - 1];
	return c == '.' || c == '!' || c == '?' || c == ':' ||
	    lang_is_mark(d->lang, c);
}

/* A run of white space at i: a paragraph break when it holds two newlines,
 * or one newline after a line that ended a sentence (hard-wrapped text
 * keeps its paragraphs). */
static size_t
tok_space(struct qdoc *d, size_t *cap, size_t i)
{
	size_t s = i, nl = 0;

	while (i < d->n_cp && cp_space(d->cp[i]))
		nl += d->cp[i++] == '\n';
	if ((nl >= 2 || (nl == 1 && line_ends_para(d, s))) && d->n_tok > 0 &&
	    d->tok[d->n_tok - 1].kind != TOK_PARA)
		tok_push(d, cap, TOK_PARA, s, i);
	return i;
}

void
tok_scan(struct qdoc *d)
{
	size_t cap = 0, i = 0, e;

	/* Why: a lower-cased code point never takes more bytes than the
	 * original UTF-8 (U+2019 becomes one byte), plus one NUL a token. */
	d->keys = xmalloc(d->len * 2 + 2);
	d->keys_len = 0;

	while (i < d->n_cp) {
		uint32_t c = d->cp[i];

		if (cp_space(c)) {
			i = tok_space(d, &cap, i);
		} else if (cp_alnum(c)) {
			e = word_end(d, i);
			tok_push(d, &cap, TOK_WORD, i, e);
			tok_set_key(d, e);
			i = tok_abbrev(d, e);
		} else if (d->lang->digraphs && doc_cp(d, i + 1) == c &&
		    lang_is_mark(d->lang, MARK_DIGRAPH + c)) {
			tok_push(d, &cap, TOK_MARK, i, i + 2);
			d->tok[d->n_tok - 1].ch = MARK_DIGRAPH + c;
			tok_set_key(d, i + 2);
			i += 2;
		} else {
			tok_push(d, &cap, lang_is_mark(d->lang, c) ? TOK_MARK :
			    TOK_PUNCT, i, i + 1);
			tok_set_key(d, i + 1);
			i++;
		}
	}
	/* Why: 4 bytes a code point, a quarter of a long story's memory. */
	free(d->cp);
	d->cp = NULL;
}

const char *
tok_key(const struct qdoc *d, size_t i)
{
	return d->keys + d->tok[i].key;
}

int
tok_role(const struct qdoc *d, size_t i, const char *role)
{
	const char *tag;

	if (!tok_has(d, i, LANG_FUNC))
		return 0;
	tag = d->tok[i].w->tag[LANG_FUNC];
	return tag != NULL && strcmp(tag, role) == 0;
}

char *
tok_text(const struct qdoc *d, size_t f, size_t l)
{
	if (l <= f)
		return NULL;
	return tok_slice(d, d->tok[f].start, d->tok[l - 1].end);
}

int
tok_has(const struct qdoc *d, size_t i, enum lang_class c)
{
	return i < d->n_tok && d->tok[i].w != NULL &&
	    (d->tok[i].w->classes & LANG_BIT(c)) != 0;
}

int
tok_has_suffix(const struct qdoc *d, size_t i, const char *suf)
{
	size_t n = d->tok[i].keylen, k = strlen(suf);

	return n > k + 2 && memcmp(tok_key(d, i) + n - k, suf, k) == 0;
}

char *
tok_slice(const struct qdoc *d, size_t start, size_t end)
{
	if (end > d->n_cp)
		end = d->n_cp;
	if (start > end)
		start = end;
	start = tok_byte(d, start);
	return xstrndup(d->text + start, tok_byte(d, end) - start);
}

/*
 * lang.c - the quote engine's language data: word lists read from data
 * files (data/en/), so another language is new files, not new code.
 *
 * Also the small hash map the engine uses for words and per-story names.
 * Must never decide anything about a story: it only answers look-ups.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hearsay/buf.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "quotes_int.h"

#define LANG_FILE_MAX	(4 * 1024 * 1024)

struct wordmap_slot {
	char	*key;
	uint32_t len;
	uint32_t hash;		/* checked before the key: fewer cache misses */
	void	*value;
};

struct wordmap {
	struct wordmap_slot *slot;
	size_t	 cap;		/* power of two */
	size_t	 used;
};

/* FNV-1a over the key bytes. */
static uint32_t
wordmap_hash(const char *key, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ull;
	}
	return (uint32_t)(h ^ (h >> 32));
}

struct wordmap *
wordmap_new(void)
{
	struct wordmap *m = xcalloc(1, sizeof *m);

	m->cap = 64;
	m->slot = xcalloc(m->cap, sizeof *m->slot);
	return m;
}

/* Frees the keys; values are the owner's to free before this. */
void
wordmap_free(struct wordmap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->cap; i++)
		free(m->slot[i].key);
	free(m->slot);
	free(m);
}

static struct wordmap_slot *
wordmap_probe(const struct wordmap *m, const char *key, size_t len,
    uint32_t h)
{
	size_t i = h & (m->cap - 1);

	for (;;) {
		struct wordmap_slot *s = &m->slot[i];

		if (s->key == NULL || (s->hash == h && s->len == len &&
		    memcmp(s->key, key, len) == 0))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

static void
wordmap_grow(struct wordmap *m)
{
	struct wordmap_slot *old = m->slot;
	size_t i, oldcap = m->cap;

	m->cap *= 2;
	m->slot = xcalloc(m->cap, sizeof *m->slot);
	for (i = 0; i < oldcap; i++) {
		if (old[i].key != NULL)
			*wordmap_probe(m, old[i].key, old[i].len,
			    old[i].hash) = old[i];
	}
	free(old);
}

void **
wordmap_slot(struct wordmap *m, const char *key, size_t len)
{
	struct wordmap_slot *s;

	uint32_t h = wordmap_hash(key, len);

	if ((m->used + 1) * 2 > m->cap)
		wordmap_grow(m);
	s = wordmap_probe(m, key, len, h);
	if (s->key == NULL) {
		s->key = xstrndup(key, len);
		s->len = (uint32_t)len;
		s->hash = h;
		m->used++;
	}
	return &s->value;
}

void *
wordmap_get(const struct wordmap *m, const char *key, size_t len)
{
	const struct wordmap_slot *s = wordmap_probe(m, key, len,
	    wordmap_hash(key, len));

	return s->key != NULL ? s->value : NULL;
}

/* One data file: which class it fills. */
struct lang_file {
	const char *name;
	int	 cls;		/* enum lang_class, or -1 for special */
};

static const struct lang_file lang_files[] = {
	{ "cues.txt", LANG_CUE },
	{ "titles.txt", LANG_TITLE },
	{ "pronouns.txt", LANG_PRONOUN },
	{ "nominals.txt", LANG_NOMINAL },
	{ "orgs.txt", LANG_ORG },
	{ "stopwords.txt", LANG_STOP },
	{ "skip.txt", LANG_SKIP },
	{ "abbrevs.txt", LANG_ABBREV },
	{ "months.txt", LANG_MONTH },
	{ "names.txt", LANG_GENDER },
	{ "determiners.txt", LANG_DET },
	{ "connectors.txt", LANG_CONN },
	{ "relatives.txt", LANG_REL },
	{ "title-openers.txt", LANG_TITLE_OPENER },
	{ "function-words.txt", LANG_FUNC },
	{ "noun-cues.txt", LANG_NOUNCUE },
};

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Add one key of class cls with tag (copied into the lang's word);
 * returns the word. */
static struct lang_word *
lang_add(struct quotes_lang *lang, const char *key, int cls, const char *tag)
{
	struct lang_word *word;
	struct lang_word **w;
	const char *sp = strchr(key, ' ');

	w = (struct lang_word **)wordmap_slot(lang->words, key, strlen(key));
	if (*w == NULL)
		*w = xcalloc(1, sizeof **w);
	(*w)->classes |= LANG_BIT(cls);
	if (tag != NULL && (*w)->tag[cls] == NULL)
		(*w)->tag[cls] = xstrdup(tag);
	word = *w;
	if (sp != NULL) {
		/* Why: phrases are matched token by token; mark the first word. */
		w = (struct lang_word **)wordmap_slot(lang->words, key,
		    (size_t)(sp - key));
		if (*w == NULL)
			*w = xcalloc(1, sizeof **w);
		(*w)->classes |= LANG_PHRASE_START;
	}
	return word;
}

/* The CUE_* flags a line of cues.txt names after its '='. */
static unsigned
cue_flags(const char *s)
{
	static const struct {
		const char *name;
		unsigned flag;
	} names[] = {
		{ "noun", CUE_NOUN }, { "doc", CUE_DOC }, { "to", CUE_TO },
		{ "notto", CUE_NOTTO }, { "text", CUE_TEXT },
		{ "past", CUE_PASTONLY },
	};
	unsigned f = 0;
	size_t i, n;

	while (s != NULL && *s != '\0') {
		s += strspn(s, " ");
		n = strcspn(s, " ");
		for (i = 0; i < nitems(names); i++) {
			if (strlen(names[i].name) == n &&
			    strncmp(s, names[i].name, n) == 0)
				f |= names[i].flag;
		}
		s += n;
	}
	return f;
}

/* One line of cues.txt, "verb [rest of phrase] [/ past [/ participle]]
 * [= flags]": every form of the verb, the rest of the phrase after it. */
static void
lang_add_cue(struct quotes_lang *lang, char *line)
{
	static const unsigned form_flag[INFLECT_NFORMS] = {
		CUE_BASE, CUE_S, CUE_PAST, CUE_PART, CUE_ING,
	};
	char *eq = strchr(line, '='), *past = NULL, *part = NULL, *rest;
	char *form[INFLECT_NFORMS];
	unsigned flags;
	size_t i;

	if (eq != NULL)
		*eq++ = '\0';
	flags = cue_flags(eq);
	if ((past = strchr(line, '/')) != NULL) {
		*past++ = '\0';
		if ((part = strchr(past, '/')) != NULL) {
			*part++ = '\0';
			part = trim(part);
		}
		past = trim(past);
	}
	line = trim(line);
	rest = line + strcspn(line, " ");
	if (*rest != '\0')
		*rest++ = '\0';
	inflect_verb(line, past, part, form);
	for (i = 0; i < INFLECT_NFORMS; i++) {
		char *key = *rest != '\0' ? xprintf("%s %s", form[i], rest) :
		    xstrdup(form[i]);
		unsigned f = flags | form_flag[i];
		struct lang_word *w;

		/* Why: "a claim", "the reports"; "claimed" is a verb. */
		if (i != INFLECT_BASE && i != INFLECT_S)
			f &= ~CUE_NOUN;
		else if (flags & CUE_PASTONLY)
			f = 0;	/* "noted", never "the note" */
		f &= ~CUE_PASTONLY;
		if (f != 0) {
			w = lang_add(lang, key, LANG_CUE, line);
			w->cue |= f;
		}
		free(key);
		free(form[i]);
	}
}

/* One line "a, b, c [= tag]". */
static void
lang_add_line(struct quotes_lang *lang, char *line, int cls)
{
	char *tag = strchr(line, '='), *item, *save = NULL;

	if (tag != NULL) {
		*tag++ = '\0';
		tag = trim(tag);
	}
	for (item = strtok_r(line, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		item = trim(item);
		if (*item == '\0')
			continue;
		lang_add(lang, item, cls, tag);
	}
}

/* One mark at *k: a character, or the same character twice (a digraph).
 * Returns 0, or -1 at the end of the line. */
static int
mark_read(const char *line, size_t n, size_t *k, uint32_t *out)
{
	uint32_t c, c2;
	size_t used;

	while (*k < n && line[*k] == ' ')
		(*k)++;
	if (*k >= n)
		return -1;
	*k += utf8_decode(line + *k, n - *k, &c);
	*out = c;
	if (*k < n && line[*k] != ' ') {
		used = utf8_decode(line + *k, n - *k, &c2);
		if (c2 == c) {
			*k += used;
			*out = MARK_DIGRAPH + c;
		}
	}
	return 0;
}

static void
lang_add_mark(struct quotes_lang *lang, const char *line)
{
	uint32_t o, c;
	size_t n = strlen(line), k = 0;
	struct lang_mark *m;

	if (mark_read(line, n, &k, &o) == -1 || mark_read(line, n, &k, &c) == -1)
		return;
	lang->marks = xreallocarray(lang->marks, lang->n_marks + 1,
	    sizeof *lang->marks);
	m = &lang->marks[lang->n_marks++];
	m->open = o;
	m->close = c;
	m->kind = strstr(line + k, "inner") != NULL ? MARK_INNER :
	    strstr(line + k, "single") != NULL ? MARK_SINGLE : MARK_DOUBLE;
	if (o >= MARK_DIGRAPH)
		lang->digraphs = 1;
}

/* One line of noise.txt: a whole line to drop, or with a trailing '*'
 * the start of one. */
static void
lang_add_noise(struct quotes_lang *lang, const char *line)
{
	size_t n = strlen(line);

	if (n > 1 && line[n - 1] == '*') {
		lang->noise_prefix = xreallocarray(lang->noise_prefix,
		    lang->n_noise_prefix + 1, sizeof *lang->noise_prefix);
		lang->noise_prefix_len = xreallocarray(lang->noise_prefix_len,
		    lang->n_noise_prefix + 1, sizeof *lang->noise_prefix_len);
		lang->noise_prefix[lang->n_noise_prefix] = xstrndup(line,
		    n - 1);
		lang->noise_prefix_len[lang->n_noise_prefix++] = n - 1;
	} else {
		*wordmap_slot(lang->noise, line, n) = lang;
	}
}

/* Read dir/name line by line into fn-specific storage; -1 if unreadable. */
static int
lang_read(struct quotes_lang *lang, const char *dir, const char *name,
    int cls, char **err)
{
	char *path = xprintf("%s/%s", dir, name), *data, *line, *save = NULL;
	size_t len;

	data = file_read(path, LANG_FILE_MAX, &len, err);
	free(path);
	if (data == NULL)
		return -1;
	for (line = strtok_r(data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		line = trim(line);
		if (*line == '#' || *line == '\0')
			continue;
		if (cls == LANG_CUE) {
			lang_add_cue(lang, line);
		} else if (cls >= 0) {
			lang_add_line(lang, line, cls);
		} else if (strcmp(name, "marks.txt") == 0) {
			lang_add_mark(lang, line);
		} else {
			lang_add_noise(lang, line);
		}
	}
	free(data);
	return 0;
}

struct quotes_lang *
quotes_lang_load(const char *dir, char **err)
{
	struct quotes_lang *lang = xcalloc(1, sizeof *lang);
	size_t i;

	lang->words = wordmap_new();
	lang->noise = wordmap_new();
	for (i = 0; i < nitems(lang_files); i++) {
		if (lang_read(lang, dir, lang_files[i].name, lang_files[i].cls,
		    err) == -1)
			goto fail;
	}
	if (lang_read(lang, dir, "marks.txt", -1, err) == -1 ||
	    lang_read(lang, dir, "noise.txt", -1, err) == -1)
		goto fail;
	return lang;
fail:
	quotes_lang_free(lang);
	return NULL;
}

static void
lang_word_free(struct lang_word *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < LANG_NCLASS; i++)
		free((char *)w->tag[i]);
	free(w);
}

/* Walks the map's slots directly: only this file knows its layout. */
void
quotes_lang_free(struct quotes_lang *lang)
{
	size_t i;

	if (lang == NULL)
		return;
	for (i = 0; i < lang->words->cap; i++)
		lang_word_free(lang->words->slot[i].value);
	wordmap_free(lang->words);
	wordmap_free(lang->noise);
	for (i = 0; i < lang->n_noise_prefix; i++)
		free(lang->noise_prefix[i]);
	free(lang->noise_prefix);
	free(lang->noise_prefix_len);
	free(lang->marks);
	free(lang);
}

const struct lang_word *
lang_lookup(const struct quotes_lang *lang, const char *key, size_t len)
{
	return wordmap_get(lang->words, key, len);
}

int
lang_is_mark(const struct quotes_lang *lang, uint32_t cp)
{
	size_t i;

	for (i = 0; i < lang->n_marks; i++) {
		if (lang->marks[i].open == cp || lang->marks[i].close == cp)
			return 1;
	}
	return 0;
}

static int
dir_exists(const char *path)
{
	char *f = xprintf("%s/cues.txt", path);
	int ok = access(f, R_OK) == 0;

	free(f);
	return ok;
}

/* The directory holding the running executable, or NULL.  Caller frees. */
static char *
exe_dir(void)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	return xstrdup(path);
}

/* Candidate directories in search order; a NULL entry is skipped. */
static size_t
lang_candidates(const char *code, char *cand[4])
{
	const char *env = getenv("HEARSAY_DATA_DIR");
	char *exe = exe_dir();
	size_t n = 0;

	if (env != NULL && *env != '\0')
		cand[n++] = xprintf("%s/%s", env, code);
	if (exe != NULL)
		cand[n++] = xprintf("%s/../data/%s", exe, code);
#if defined(HEARSAY_SRCDIR) && defined(HEARSAY_BUILDDIR)
	/* Why: a binary of a VPATH build dir finds data in the source tree. */
	if (exe != NULL && strncmp(exe, HEARSAY_BUILDDIR,
	    strlen(HEARSAY_BUILDDIR)) == 0)
		cand[n++] = xprintf("%s/data/%s", HEARSAY_SRCDIR, code);
#endif
	cand[n++] = xprintf("%s/lang/%s", PKGDATADIR, code);
	free(exe);
	return n;
}

struct quotes_lang *
quotes_lang_find(const char *code, char **err)
{
	char *cand[4];
	struct quotes_lang *lang = NULL;
	size_t n = lang_candidates(code, cand), i;

	for (i = 0; i < n; i++) {
		if (lang == NULL && dir_exists(cand[i]))
			lang = quotes_lang_load(cand[i], err);
	}
	if (lang != NULL && err != NULL)
		xfree(*err);	/* an earlier candidate may have failed */
	else if (lang == NULL && (err == NULL || *err == NULL))
		error_set(err, "no language data for '%s' (tried %s; set "
		    "HEARSAY_DATA_DIR)", code, n > 0 ? cand[n - 1] : "");
	for (i = 0; i < n; i++)
		free(cand[i]);
	return lang;
}

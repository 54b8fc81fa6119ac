/*
 * quotes_int.h - what the files of the quote engine (src/quotes/) share
 * among themselves.  Never included outside the engine: callers see
 * include/hearsay/quotes.h and include/hearsay/cleanup.h.
 *
 * A story is cleaned to UTF-8, decoded to code points and cut into
 * tokens; quote spans, sentences and paragraphs are ranges of tokens.
 * Every later layer walks these arrays once, looking back or ahead a
 * bounded number of tokens, so the whole analysis stays linear.
 *
 * The engine is built in layers, each one a file that calls only the
 * files below it, never one above and never one beside it (no two files
 * call each other).  tests/quotes_layers.sh checks the object files
 * against this list, lowest first:
 *
 * Layers: inflect lang cleanup tok span syntax cue dateline ent np attrib speaker affil quotes
 *
 *   inflect   the forms of a verb, by the spelling rules
 *   lang      the language data (the files of data/en/) and the hash map
 *   cleanup   the text: HTML crudely to text, noise lines dropped
 *   tok       code points and tokens, their keys and word classes
 *   span      the top-level quotation spans
 *   syntax    sentences; where a subject stands; names joined by "and"
 *   cue       reporting cues: lexicon phrases used as verbs, passives
 *   dateline  the wire dateline of the story's first paragraphs
 *   ent       entities: names, roles, genders; pronouns and nominals
 *   np        noun phrases beside cues: subjects, objects, appositions
 *   attrib    cues and the sources they cite (d->hit)
 *   speaker   who said each quote, which spans are speech
 *   affil     the organisation a role names
 *   quotes    the entry point, the result, its JSON and summary
 *
 * The sections below follow the same order; each says which file owns
 * what it declares.
 */
#ifndef HEARSAY_QUOTES_INT_H
#define HEARSAY_QUOTES_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hearsay/quotes.h"

/* --- inflect.c: verb forms ------------------------------------------ */

enum inflect_form {
	INFLECT_BASE,		/* say */
	INFLECT_S,		/* says */
	INFLECT_PAST,		/* said */
	INFLECT_PART,		/* said (written) */
	INFLECT_ING,		/* saying */
	INFLECT_NFORMS
};

/* The forms of verb (lower-case ASCII) into out[], the past and the past
 * participle given when the rules get them wrong (else NULL).  Caller
 * frees each. */
void inflect_verb(const char *verb, const char *past, const char *part,
    char *out[INFLECT_NFORMS]);

/* --- lang.c: language data and the hash map ------------------------- */

/* Word classes, one per data file. */
enum lang_class {
	LANG_CUE,		/* cues.txt: tag = base form; see cue */
	LANG_TITLE,		/* titles.txt */
	LANG_PRONOUN,		/* pronouns.txt: tag = person/group/self/thing */
	LANG_NOMINAL,		/* nominals.txt: tag = media/agency/org/person */
	LANG_ORG,		/* orgs.txt: tag = media/agency/org */
	LANG_STOP,		/* stopwords.txt */
	LANG_SKIP,		/* skip.txt */
	LANG_ABBREV,		/* abbrevs.txt */
	LANG_MONTH,		/* months.txt */
	LANG_GENDER,		/* names.txt: tag = female/male */
	LANG_DET,		/* determiners.txt */
	LANG_CONN,		/* connectors.txt */
	LANG_REL,		/* relatives.txt */
	LANG_TITLE_OPENER,	/* title-openers.txt */
	LANG_FUNC,		/* function-words.txt: tag = coord/comp/prep */
	LANG_NOUNCUE,		/* noun-cues.txt: reporting nouns */
	LANG_NCLASS
};

#define LANG_BIT(c)	(1u << (c))
/* A key that only starts a longer phrase of some class ("according"). */
#define LANG_PHRASE_START (1u << 30)

/* What a form of cues.txt is (struct lang_word's cue). */
#define CUE_BASE	0x001	/* "say" */
#define CUE_S		0x002	/* "says" */
#define CUE_PAST	0x004	/* "said" */
#define CUE_PART	0x008	/* the past participle: "said", "written" */
#define CUE_ING		0x010	/* "saying" */
#define CUE_NOUN	0x020	/* also a noun ("claims", "her remarks") */
#define CUE_DOC		0x040	/* cites with a document's subject or "that" */
#define CUE_TO		0x080	/* its object is the addressee ("told CNN") */
#define CUE_NOTTO	0x100	/* no cue before "to" ("continued to rise") */
#define CUE_TEXT	0x200	/* cites only with a text for subject ("read") */
#define CUE_PASSIVE	0x400	/* cue.c: a passive here ("was told") */
#define CUE_PASTONLY	0x800	/* lang.c, loading: no base or -s form */
#define CUE_NOUNCUE	0x1000	/* cue.c: a reporting noun ("an appeal") */

struct lang_word {
	unsigned classes;		/* LANG_BIT()s */
	unsigned cue;			/* CUE_* of a cue form, else 0 */
	const char *tag[LANG_NCLASS];	/* per class, or NULL */
};

/* A hash map from lower-case UTF-8 keys to values (owned keys). */
struct wordmap;
struct wordmap *wordmap_new(void);
void wordmap_free(struct wordmap *m);
/* The value slot for key (created zeroed when missing). */
void **wordmap_slot(struct wordmap *m, const char *key, size_t len);
/* The value for key, or NULL. */
void *wordmap_get(const struct wordmap *m, const char *key, size_t len);

/* MARK_INNER marks (the straight ') only quote inside another quote:
 * at the top level they are apostrophes far more often. */
enum mark_kind { MARK_DOUBLE, MARK_SINGLE, MARK_INNER };

/* A mark written as two equal characters ('' in some archives) is one
 * token whose ch is MARK_DIGRAPH + the character: never a code point. */
#define MARK_DIGRAPH	0x110000u

struct lang_mark {
	uint32_t open;
	uint32_t close;
	enum mark_kind kind;
};

struct quotes_lang {
	struct wordmap *words;		/* key -> struct lang_word */
	struct lang_mark *marks;
	size_t	 n_marks;
	struct wordmap *noise;		/* whole lower-case noise lines */
	char	**noise_prefix;		/* lines a noise line may start with */
	size_t	*noise_prefix_len;
	size_t	 n_noise_prefix;
	int	 digraphs;		/* some mark is written twice ('') */
};

/* The data for a lower-case key, or NULL. */
const struct lang_word *lang_lookup(const struct quotes_lang *lang,
    const char *key, size_t len);
/* Non-zero when cp opens or closes some quote pair. */
int lang_is_mark(const struct quotes_lang *lang, uint32_t cp);

/* --- tok.c: code points and tokens ---------------------------------- */

enum tok_kind { TOK_WORD, TOK_PUNCT, TOK_MARK, TOK_PARA };

#define TF_CAP		0x01	/* starts with an upper-case letter */
#define TF_ALLCAPS	0x02	/* two or more letters, all upper case */
#define TF_ABBREV	0x04	/* a word that took its full stop */
#define TF_INQUOTE	0x08	/* inside a top-level quote span */
#define TF_SPACE_BEFORE	0x10
#define TF_SPACE_AFTER	0x20
#define TF_DIGIT	0x40	/* starts with a digit */
#define TF_QMARK	0x80	/* a mark that opens or closes a quote span */
#define TF_NICK		0x100	/* a nickname inside a name and its marks:
				 * Marcia "Cia" Price (span.c) */

/* Offsets are 32 bits: quotes_analyze caps a story at QUOTES_MAX_BYTES,
 * and a smaller token keeps the arrays of a long story in cache. */
struct tok {
	uint32_t start;		/* code points */
	uint32_t end;
	uint32_t key;		/* offset of the lower-case key in doc->keys */
	uint32_t keylen;
	uint32_t ch;		/* the code point, for punctuation and marks */
	uint8_t	 kind;
	uint16_t flags;
	const struct lang_word *w;	/* lang data for the key, or NULL */
	int	 quote;		/* index of the top-level span, or -1 */
	int	 sent;		/* sentence index */
};

#define QUOTES_MAX_BYTES ((size_t)1 << 30)	/* longer stories are cut */
#define CPBYTE_STEP	32	/* code points per byte offset kept */

/* A top-level quote span: the tokens strictly inside the marks. */
struct qspan {
	size_t	 open;		/* token index of the opening mark */
	size_t	 first;		/* first token inside */
	size_t	 last;		/* one past the last token inside */
	int	 closed;	/* 0 when it ran to the end of the paragraph */
	int	 prev;		/* the span this continues (new paragraph), or -1 */
	int	 para;
};

struct range {
	size_t	 first;		/* token indexes, [first, last) */
	size_t	 last;
};

#define RECENT_PEOPLE	8
#define ASIDE_PEOPLE	4	/* non-subject people kept per sentence */
#define NP_MAX		10	/* tokens in one phrase */
#define NP_LOWER_MAX	3	/* lower-case words before a head */

enum ent_kind { ENT_PERSON, ENT_MEDIA, ENT_AGENCY, ENT_ORG, ENT_GROUP };

struct entity {
	char	*name;
	size_t	 name_cps;	/* its length in code points */
	char	*role;		/* or NULL */
	enum ent_kind kind;
	char	 gender;	/* 'f', 'm' or 0 when unknown */
	size_t	 seen;		/* token index of the latest mention */
};

/* A noun phrase found next to a cue. */
struct np {
	size_t	 first;		/* tokens [first, last) */
	size_t	 last;
	int	 entity;	/* resolved entity, or -1 */
	char	*text;		/* resolved text (owned), NULL if none */
	char	*role;		/* owned or NULL */
	int	 weak;		/* a head no speaker has ("the ground") */
	int	 relative;	/* the subject of a relative clause ("Ruiz,
				 * who said"): not the clause's speaker */
};

/* A reporting cue found outside quotes, with its subject if any. */
struct cue_hit {
	size_t	 tok;		/* first token of the cue */
	size_t	 len;		/* tokens in the cue */
	int	 sent;
	int	 has_np;
	unsigned cue;		/* its CUE_* flags */
	size_t	 end;		/* the token after the cue and a source after
				 * a noun ("an appeal from Holt") */
	int	 noun;		/* a noun with a possessor ("Holt's claim") */
	int	 attached;	/* an -ing form right after its phrase ("the
				 * tweets accusing"), no comma between */
	struct np np;
};

/* Who a span was attributed to. */
struct spk {
	char	*speaker;	/* owned, or NULL */
	char	*role;
	char	*cue;
	int	 entity;
	int	 strong;	/* found in the quote's own sentence */
	long	 out;		/* index in the result's quotes, or -1 */
};

/* One story under analysis.  Each layer fills its own fields, in layer
 * order, and only reads those of the layers below it. */
struct qdoc {
	const struct quotes_lang *lang;
	/* tok.c */
	char	*text;		/* cleaned UTF-8 */
	size_t	 len;
	uint32_t *cp;		/* code points, until tok_scan is done */
	uint32_t *cpbyte;	/* byte offset of every CPBYTE_STEP-th code
				 * point, and of the end when a step falls
				 * there */
	size_t	 n_cp;
	struct tok *tok;
	size_t	 n_tok;
	char	*keys;
	size_t	 keys_len;
	/* span.c */
	struct qspan *span;
	size_t	 n_span;
	/* syntax.c */
	struct range *sent;
	size_t	 n_sent;
	/* ent.c */
	struct entity *ent;
	size_t	 n_ent;
	struct wordmap *ent_by_key;	/* lower-case last name -> index + 1 */
	int	 recent[RECENT_PEOPLE];	/* latest person subjects first, -1 */
	/* People of known gender named outside the subject, for sentences
	 * aside_sent[s & 1]: "he" may mean one when no subject fits. */
	int	 aside[2][ASIDE_PEOPLE];
	size_t	 n_aside[2];
	size_t	 aside_sent[2];
	char	 aside_subj[2];	/* its subject: 'm', 'f', 'u' (unknown), 0 */
	size_t	 head_sent[2];	/* sentence + 1 of head_is[s & 1], or 0 */
	int	 head_is[2];	/* is that sentence a headline (ent_headline)? */
	/* attrib.c */
	struct cue_hit *hit;
	size_t	 n_hit;
	/* speaker.c */
	struct spk *spk;	/* per span */
	size_t	 next_span;	/* first span speaker.c has not seen */
};

/* Decode d->text into d->cp and d->cpbyte. */
void tok_decode(struct qdoc *d);
/* Cut d->cp into d->tok (with lower-case keys and their lang data),
 * then free d->cp: no layer above reads code points. */
void tok_scan(struct qdoc *d);
/* The lower-case key of token i (owned by the doc). */
const char *tok_key(const struct qdoc *d, size_t i);
/* Is token i a function word of this role (function-words.txt)? */
int tok_role(const struct qdoc *d, size_t i, const char *role);
/* Is token i a word of class c? */
int tok_has(const struct qdoc *d, size_t i, enum lang_class c);
/* Does the key of token i end in suf, with more than two letters before
 * it ("quickly", not "fly")? */
int tok_has_suffix(const struct qdoc *d, size_t i, const char *suf);
/* The text of code points [start, end) as a new string.  Caller frees. */
char *tok_slice(const struct qdoc *d, size_t start, size_t end);
/* The text of tokens [f, l) as written, or NULL when empty.  Caller
 * frees. */
char *tok_text(const struct qdoc *d, size_t f, size_t l);

/* Token predicates shared by quotes_np.c and quotes_ent.c (inline: they
 * run for every token near every cue). */
static inline int
tok_is_word(const struct qdoc *d, size_t i)
{
	return i < d->n_tok && d->tok[i].kind == TOK_WORD;
}

static inline int
tok_is_det(const struct qdoc *d, size_t i)
{
	return tok_is_word(d, i) && (tok_has(d, i, LANG_DET) ||
	    (d->tok[i].flags & TF_DIGIT));
}

static inline int
tok_is_possessive(const struct qdoc *d, size_t i)
{
	const char *k = tok_key(d, i);
	size_t n = d->tok[i].keylen;

	return n > 2 && k[n - 2] == '\'' && k[n - 1] == 's';
}

/* --- span.c: quotation spans ---------------------------------------- */

/* Fill d->span and mark the tokens inside each span. */
void span_find(struct qdoc *d);

/* --- syntax.c: sentences and clause tests --------------------------- */

/* Fill d->sent, treating quote spans as single units. */
void syntax_sentences(struct qdoc *d);
/* Is the "and" at token i inside an organisation's name ("Securities
 * and Exchange Commission")? */
int syntax_and_joins(const struct qdoc *d, size_t i);
/* The first token of the subject name of the sentence [lo, hi), at its
 * start or after an opening clause, or SIZE_MAX. */
size_t syntax_subject(const struct qdoc *d, size_t lo, size_t hi);

/* Word tests of the syntax layer shared by the layers above (inline:
 * they run for every token near every cue). */
/* A word that may join a name ("Bank of Ruritania"), a lone '&'
 * ("Fish & Tide"), or an "and" inside an organisation's name. */
static inline int
tok_is_conn(const struct qdoc *d, size_t i)
{
	if (i < d->n_tok && d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == '&')
		return 1;
	if (!tok_is_word(d, i) || (d->tok[i].flags & TF_CAP))
		return 0;
	if (d->tok[i].keylen == 3 && memcmp(tok_key(d, i), "and", 3) == 0)
		return syntax_and_joins(d, i);
	return tok_has(d, i, LANG_CONN);
}

/* 'f' or 'm' when token i is a given name or a word of names.txt that
 * tells its bearer's gender ("Marcia", "congresswoman"), else 0. */
static inline char
tok_gender(const struct qdoc *d, size_t i)
{
	const char *tag;

	if (!tok_has(d, i, LANG_GENDER) ||
	    (tag = d->tok[i].w->tag[LANG_GENDER]) == NULL)
		return 0;
	return tag[0] == 'f' ? 'f' : tag[0] == 'm' ? 'm' : 0;
}

/* 'f' or 'm' when token i is a pronoun of a gender ("her", "himself":
 * names.txt's she and he), else 0. */
static inline char
tok_pronoun_gender(const struct qdoc *d, size_t i)
{
	const char *tag;

	if (!tok_has(d, i, LANG_GENDER) ||
	    (tag = d->tok[i].w->tag[LANG_GENDER]) == NULL)
		return 0;
	return strcmp(tag, "she") == 0 ? 'f' : strcmp(tag, "he") == 0 ?
	    'm' : 0;
}

/* Is token i a capitalised month right after a capitalised word of its
 * sentence ("Theresa May"), which makes it a surname? */
static inline int
tok_is_month_surname(const struct qdoc *d, size_t i)
{
	return tok_has(d, i, LANG_MONTH) && (d->tok[i].flags & TF_CAP) &&
	    i > 0 && d->tok[i - 1].kind == TOK_WORD &&
	    (d->tok[i - 1].flags & TF_CAP) && !tok_has(d, i - 1, LANG_STOP) &&
	    d->tok[i - 1].sent == d->tok[i].sent;
}

/* A word that can be part of a name: capitalised, no sentence opener. */
static inline int
tok_is_name(const struct qdoc *d, size_t i)
{
	if (i < d->n_tok && (d->tok[i].flags & TF_NICK))
		return 1;
	if (!tok_is_word(d, i) || !(d->tok[i].flags & TF_CAP) ||
	    (d->tok[i].flags & TF_INQUOTE))
		return 0;
	/* Why: an initial ("A.", "I.") is part of a name, not a stop word,
	 * and so is a month after a capitalised word ("Theresa May"). */
	if (tok_has(d, i, LANG_STOP) && !tok_has(d, i, LANG_TITLE) &&
	    !((d->tok[i].flags & TF_ABBREV) && d->tok[i].keylen == 1) &&
	    !tok_is_month_surname(d, i))
		return 0;
	/* Why: "Says" is no name, "Post" and "State" may be, and so is a
	 * base form after a capitalised word ("Stevie Wonder"). */
	return !tok_has(d, i, LANG_PRONOUN) && (!tok_has(d, i, LANG_CUE) ||
	    (d->tok[i].w->cue & CUE_NOUN) || tok_has(d, i, LANG_ORG) ||
	    (!(d->tok[i].w->cue & (CUE_S | CUE_PAST | CUE_PART | CUE_ING)) &&
	    i > 0 && d->tok[i - 1].kind == TOK_WORD &&
	    (d->tok[i - 1].flags & TF_CAP) &&
	    d->tok[i - 1].sent == d->tok[i].sent));
}

/* A lower-case word that may sit inside a phrase before its head (a cue
 * only when it may be a noun: "campaign reports", not "said"). */
static inline int
tok_is_lower(const struct qdoc *d, size_t i)
{
	return tok_is_word(d, i) &&
	    !(d->tok[i].flags & (TF_CAP | TF_INQUOTE)) &&
	    !tok_has(d, i, LANG_STOP) && (!tok_has(d, i, LANG_CUE) ||
	    (d->tok[i].w->cue & CUE_NOUN)) &&
	    !tok_has(d, i, LANG_SKIP) && !tok_has(d, i, LANG_PRONOUN);
}

/* An adverb by its ending ("repeatedly", "flatly"), not a noun that
 * ends so ("the family", "an ally"). */
static inline int
tok_is_adverb(const struct qdoc *d, size_t i)
{
	return tok_is_word(d, i) && tok_has_suffix(d, i, "ly") &&
	    !tok_has(d, i, LANG_NOMINAL) && !tok_has(d, i, LANG_TITLE);
}

/* --- cue.c: reporting cues ------------------------------------------ */

/* The reporting cue at token i, used as a verb: its length in tokens (0
 * when there is none) and its CUE_* flags in *flags, CUE_PASSIVE added
 * when a form of "be" makes it passive. */
size_t cue_at(const struct qdoc *d, size_t i, unsigned *flags);

/* --- dateline.c ------------------------------------------------------ */

/* The dateline of the story, or NULL.  Caller frees. */
struct quotes_dateline *dateline_find(const struct qdoc *d);

/* --- ent.c: entities ------------------------------------------------- */

/* The kind of the named entity of tokens [f, l) (orgs.txt, acronyms). */
enum ent_kind ent_kind_of(const struct qdoc *d, size_t f, size_t l);
/* Extend a role backward from token f over role words ("White House
 * press secretary"); returns the role's first token, not before lo. */
size_t ent_role_back(const struct qdoc *d, size_t f, size_t lo);
/* Fill np from the name run [f, l) with an optional role [rf, f),
 * noting the entity; np's strings (owned by np) only when want_text. */
void ent_name(struct qdoc *d, size_t rf, size_t f, size_t l, struct np *np,
    int want_text);
/* Fill np from the pronoun at token i, resolved when the story makes
 * it clear.  Returns 0. */
int ent_pronoun(struct qdoc *d, size_t i, struct np *np);
/* Resolve the nominal head at token head ("the network") to the latest
 * entity of its kind, replacing np's text.  0 when resolved. */
int ent_resolve_nominal(struct qdoc *d, size_t head, struct np *np);
/* Note person entity e as the latest subject (for pronouns). */
void ent_recent_push(struct qdoc *d, int e);
/* Is sentence s a headline in title case (whose capitals name nobody)? */
int ent_headline(const struct qdoc *d, size_t s);
/* Register the names of sentence s as entities. */
void ent_mentions(struct qdoc *d, size_t s);
/* Free the story's entities and their map. */
void ent_free(struct qdoc *d);

/* --- np.c: noun phrases beside cues --------------------------------- */

/* The subject of the cue at token i, or -1. */
int np_subject(struct qdoc *d, size_t i, struct np *np);
/* The name whose possessive is right before the cue word at i ("Holt's
 * claim that ..."): the cue is a noun and the name its source.  0 when
 * found. */
int np_possessor(struct qdoc *d, size_t i, struct np *np);
/* The subject after the cue ending at token i (", said Smith"), or -1. */
int np_after(struct qdoc *d, size_t i, struct np *np);
/* The noun phrase starting at token i ("according to the Times"). */
int np_at(struct qdoc *d, size_t i, struct np *np);
/* The pronoun subject of a clause that a conjunction opens and that runs,
 * words only, from after lo to token c ("after she attacked the police
 * and" before "blamed"), or SIZE_MAX. */
size_t np_sub_subject(const struct qdoc *d, size_t lo, size_t c);
/* The words from token i to the clause's end (at most NP_MAX), as a
 * weak phrase: what "according to" names when no noun phrase is found
 * ("according to federal statistics").  0 when there are any. */
int np_words(struct qdoc *d, size_t i, struct np *np);
/* The phrase ending at token e, not reaching before lo: a name run, a
 * pronoun, a nominal with its words.  0 when there is one. */
int np_before(struct qdoc *d, size_t e, size_t lo, struct np *np);
/* Widen np back to the phrase whose head is token h, before it ("the
 * average of polls taken this week" for "this week"): its words, a name
 * before the head, its article. */
void np_widen(struct qdoc *d, size_t h, struct np *np);
/* Free the phrase's strings and reset it to none. */
void np_clear(struct np *np);
/* Is the cue at token i a participle ("adding")? */
int np_participle(const struct qdoc *d, size_t i);
/* --- attrib.c: cues and their sources -------------------------------- */

/* The cues of sentence s as d->hit entries, and their sources appended
 * to res->attribs. */
void attrib_sentence(struct qdoc *d, size_t s, struct quotes_result *res);
/* Free the cue hits. */
void attrib_hits_free(struct qdoc *d);

/* --- speaker.c: speakers --------------------------------------------- */

/* The quotes whose opening mark is in sentence s, appended to
 * res->quotes (scare quotes and titles left out). */
void speaker_sentence(struct qdoc *d, size_t s, struct quotes_result *res);

/* --- affil.c: affiliations ------------------------------------------- */

/* Split a role into the organisation it names and the role within it
 * (new strings in *org and *title).  0 when it names one; -1 with both
 * NULL otherwise. */
int affil_split(const struct quotes_lang *lang, const char *role,
    char **org, char **title);

#endif

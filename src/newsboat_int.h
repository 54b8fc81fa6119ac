/*
 * newsboat_int.h - what the newsboat_*.c files share: the option table's
 * row (newsboat_options.c) and the key names (newsboat_keys.c), for the
 * translation (newsboat_config.c).
 */
#ifndef HEARSAY_NEWSBOAT_INT_H
#define HEARSAY_NEWSBOAT_INT_H

/* newsboat's name of a key ("ENTER", "NPAGE", "j", "^K") as hearsay
 * writes it, or NULL for a name hearsay has no key for (a key sequence
 * such as "gg").  Borrowed. */
const char *newsboat_key(const char *key);

/* What becomes of a newsboat option. */
enum nb_kind {
	NB_NONE,		/* no counterpart: reported with why */
	NB_SET,			/* the same value to hearsay's option arg */
	NB_FN_BROWSER, NB_FN_AUTO_RELOAD, NB_FN_RELOAD_TIME, NB_FN_SORT,
	NB_FN_BIND_KEY, NB_FN_BIND, NB_FN_UNBIND_KEY, NB_FN_COLOR,
	NB_FN_HIGHLIGHT, NB_FN_INCLUDE, NB_FN_FLAG_STAR,
};

/* One newsboat option: what becomes of it. */
struct nb_row {
	const char	*name;
	enum nb_kind	 kind;
	const char	*hearsay;	/* NB_SET: hearsay's option; else the
					 * counterpart in words (the manual's) */
	const char	*why;		/* NB_NONE */
};

/* The row of newsboat's option name, or NULL when newsboat has none. */
const struct nb_row *nb_option_find(const char *name);

#endif

/*
 * newsboat_int.h - what newsboat_config.c takes from newsboat_keys.c.
 */
#ifndef HEARSAY_NEWSBOAT_INT_H
#define HEARSAY_NEWSBOAT_INT_H

/* newsboat's name of a key ("ENTER", "NPAGE", "j", "^K") as hearsay
 * writes it, or NULL for a name hearsay has no key for (a key sequence
 * such as "gg").  Borrowed. */
const char *newsboat_key(const char *key);

#endif

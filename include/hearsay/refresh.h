/*
 * refresh.h - fetch every subscribed feed, parse it and merge it into the
 * store: the work behind `hearsay refresh` and the reader's `r`/`R`.
 */
#ifndef HEARSAY_REFRESH_H
#define HEARSAY_REFRESH_H

#include <stddef.h>
#include <stdint.h>

#include "hearsay/fetch.h"

struct feedlist;
struct store;

struct refresh_opts {
	struct fetch_opts fetch;
	int64_t	 keep_stories;	/* per feed, 0 = no cap */
	int64_t	 keep_days;	/* 0 = no age limit */
};

void refresh_opts_default(struct refresh_opts *opts);

struct refresh_progress {
	size_t	 done;
	size_t	 total;
	size_t	 failed;
	size_t	 new_stories;
	size_t	 not_modified;
};

#endif

/*
 * buf.h - a growable byte string with a hard size cap.
 *
 * Appends past the cap are dropped and set the sticky `overflow` flag, so
 * callers decide what truncation means instead of getting it silently.
 * The struct is public so a buffer can live on the stack.
 */
#ifndef HEARSAY_BUF_H
#define HEARSAY_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;		/* always NUL-terminated once anything was added */
	size_t	 len;
	size_t	 cap;
	size_t	 max;		/* hard cap on len; 0 means BUF_DEFAULT_MAX */
	int	 overflow;	/* set once an append hit the cap */
};

#define BUF_DEFAULT_MAX ((size_t)256 * 1024 * 1024)
#define BUF_INIT { NULL, 0, 0, 0, 0 }

void buf_init(struct buf *b, size_t max);
/* Append; returns 0, or -1 (and sets overflow) when the cap was hit. */
int buf_add(struct buf *b, const void *p, size_t n);
int buf_addstr(struct buf *b, const char *s);
/* One byte; inline, since parsers and the sanitiser append bytes one by
 * one: the common case (room left under the cap) is two stores. */
static inline int
buf_addc(struct buf *b, char c)
{
	size_t max = b->max ? b->max : BUF_DEFAULT_MAX;

	if (b->len + 1 < b->cap && b->len < max) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return 0;
	}
	return buf_add(b, &c, 1);
}
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The contents as a string ("" when empty); owned by the buffer. */
const char *buf_str(const struct buf *b);
void buf_reset(struct buf *b);
/* Hand the contents to the caller (never NULL) and empty the buffer. */
char *buf_detach(struct buf *b);
void buf_free(struct buf *b);

#endif

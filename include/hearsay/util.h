/*
 * util.h - allocation wrappers and small helpers shared by every module.
 *
 * The x* allocators abort with a message on out-of-memory, so callers never
 * check for NULL.  Nothing here knows about feeds, SQLite, curl or curses.
 */
#ifndef HEARSAY_UTIL_H
#define HEARSAY_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* Allocate; never return NULL (abort on exhaustion). */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Resize an array of n elements of size bytes, checking for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
/* Copy a string; NULL in gives NULL out.  Caller frees. */
char *xstrdup(const char *s);
/* Copy at most n bytes of s and terminate.  Caller frees. */
char *xstrndup(const char *s, size_t n);
/* printf into a new string.  Caller frees. */
char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Print "hearsay: MESSAGE" to stderr and exit(2). */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Set *err (if err is not NULL) to a new formatted message; returns -1. */
int error_set(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parse a whole decimal integer in [min, max]; 0 on success, -1 otherwise. */
int parse_long(const char *s, long min, long max, long *out);

/* Case-insensitive ASCII comparisons that ignore the locale. */
int ascii_casecmp(const char *a, const char *b);
int ascii_ncasecmp(const char *a, const char *b, size_t n);

/* Read a whole file (or stdin for "-") into a new buffer of at most max
 * bytes; *len gets its size and the buffer is NUL-terminated.  Returns NULL
 * and sets *err on failure.  Caller frees. */
char *file_read(const char *path, size_t max, size_t *len, char **err);

/* Free *p and set it to NULL. */
#define xfree(p) do { free(p); (p) = NULL; } while (0)

#endif

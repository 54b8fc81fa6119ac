/*
 * util.c - allocation wrappers and small helpers.
 *
 * Must never return NULL from an x* allocator: exhaustion is fatal here so
 * that no caller grows an untested error path for it.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hearsay/buf.h"
#include "hearsay/util.h"

static void
oom(size_t size)
{
	fprintf(stderr, "hearsay: out of memory (%zu bytes)\n", size);
	abort();
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		oom(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom(n * size);
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (q == NULL)
		oom(size);
	return q;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom(SIZE_MAX);
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return s == NULL ? NULL : xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	const char *end = memchr(s, '\0', n);
	size_t len = end != NULL ? (size_t)(end - s) : n;
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xvprintf(const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *p;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		fatal("bad format string: %s", fmt);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	fputs("hearsay: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

int
error_set(char **err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	free(*err);
	va_start(ap, fmt);
	*err = xvprintf(fmt, ap);
	va_end(ap);
	return -1;
}

int
parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int
ascii_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

int
ascii_ncasecmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; a++, b++, n--) {
		int ca = ascii_lower((unsigned char)*a);
		int cb = ascii_lower((unsigned char)*b);

		if (ca != cb || ca == '\0')
			return ca - cb;
	}
	return 0;
}

int
ascii_casecmp(const char *a, const char *b)
{
	return ascii_ncasecmp(a, b, SIZE_MAX);
}

char *
file_read(const char *path, size_t max, size_t *len, char **err)
{
	FILE *fp;
	struct buf b;
	char chunk[65536];
	size_t n;
	int is_stdin = strcmp(path, "-") == 0;

	fp = is_stdin ? stdin : fopen(path, "rb");
	if (fp == NULL) {
		error_set(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf_init(&b, max);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (buf_add(&b, chunk, n) == -1)
			break;
	}
	if (ferror(fp) || b.overflow) {
		if (b.overflow)
			error_set(err, "%s: larger than %zu bytes", path, max);
		else
			error_set(err, "%s: %s", path, strerror(errno));
		if (!is_stdin)
			fclose(fp);
		buf_free(&b);
		return NULL;
	}
	if (!is_stdin)
		fclose(fp);
	*len = b.len;
	return buf_detach(&b);
}

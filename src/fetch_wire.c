/*
 * fetch_wire.c - the messages hearsay and its fetch helper exchange (the
 * format is in fetch_int.h): writing them into a buffer, reading one back
 * field by field, sending one whole.
 *
 * Must never read past a message: every length is checked against what
 * is there, and a message that does not add up is malformed, not guessed.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "fetch_int.h"
#include "hearsay/util.h"

static void
put_u32(struct buf *b, uint32_t v)
{
	unsigned char u[4];

	u[0] = (unsigned char)(v >> 24);
	u[1] = (unsigned char)(v >> 16);
	u[2] = (unsigned char)(v >> 8);
	u[3] = (unsigned char)v;
	buf_add(b, u, 4);
}

void
fetch_wire_begin(struct buf *b, char type)
{
	buf_reset(b);
	put_u32(b, 0);		/* the length, filled in by fetch_wire_end() */
	buf_addc(b, type);
}

void
fetch_wire_bytes(struct buf *b, char tag, const void *p, size_t n)
{
	buf_addc(b, tag);
	put_u32(b, (uint32_t)n);
	buf_add(b, p, n);
}

void
fetch_wire_str(struct buf *b, char tag, const char *s)
{
	if (s != NULL)
		fetch_wire_bytes(b, tag, s, strlen(s));
}

void
fetch_wire_num(struct buf *b, char tag, long long v)
{
	char num[32];

	snprintf(num, sizeof num, "%lld", v);
	fetch_wire_str(b, tag, num);
}

void
fetch_wire_end(struct buf *b)
{
	uint32_t n = (uint32_t)(b->len - 4);
	unsigned char *p = (unsigned char *)b->data;

	p[0] = (unsigned char)(n >> 24);
	p[1] = (unsigned char)(n >> 16);
	p[2] = (unsigned char)(n >> 8);
	p[3] = (unsigned char)n;
}

size_t
fetch_wire_length(const unsigned char head[4])
{
	return (size_t)head[0] << 24 | (size_t)head[1] << 16 |
	    (size_t)head[2] << 8 | (size_t)head[3];
}

int
fetch_wire_parse(char *p, size_t len, struct fetch_wire_msg *m)
{
	size_t at = 1, n, ends[64], k = 0, i;
	unsigned char tag;

	memset(m, 0, sizeof *m);
	if (len < 1)
		return -1;
	m->type = p[0];
	/* First every field's place; then, in place, a NUL after each (it
	 * lands on the next field's tag, read already, or the spare byte). */
	while (at < len) {
		if (len - at < 5 || k == nitems(ends))
			return -1;
		tag = (unsigned char)p[at];
		n = fetch_wire_length((const unsigned char *)p + at + 1);
		at += 5;
		if (tag >= nitems(m->field) || n > len - at)
			return -1;
		m->field[tag] = p + at;
		m->len[tag] = n;
		ends[k++] = at + n;
		at += n;
	}
	for (i = 0; i < k; i++)
		p[ends[i]] = '\0';
	return 0;
}

long long
fetch_wire_get_num(const struct fetch_wire_msg *m, char tag, long long def)
{
	const char *s = m->field[(unsigned char)tag];
	long long v = 0;
	int neg = 0;

	if (s == NULL || *s == '\0')
		return def;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > (LLONG_MAX - 9) / 10)
			return def;
		v = v * 10 + (*s - '0');
	}
	return neg ? -v : v;
}

int
fetch_wire_send_all(int fd, const void *p, size_t n)
{
	const char *s = p;
	struct pollfd pfd;
	ssize_t w;

	while (n > 0) {
		w = send(fd, s, n, MSG_NOSIGNAL);
		if (w > 0) {
			s += w;
			n -= (size_t)w;
		} else if (w == -1 && errno == EINTR) {
			continue;
		} else if (w == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			pfd.fd = fd;
			pfd.events = POLLOUT;
			if (poll(&pfd, 1, -1) == -1 && errno != EINTR)
				return -1;
		} else {
			return -1;
		}
	}
	return 0;
}

int
fetch_wire_wait(int fd)
{
	struct pollfd pfd;
	int rc;

	pfd.fd = fd;
	pfd.events = POLLIN;
	while ((rc = poll(&pfd, 1, -1)) == -1 && errno == EINTR)
		;
	return rc == 1 ? 0 : -1;
}

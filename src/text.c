/*
 * text.c - UTF-8 decoding and the terminal-safety choke point.
 *
 * Must never let ESC, C0/C1 controls, DEL, bidi overrides or invalid UTF-8
 * through text_sanitize(): the reader and every command print through it.
 */
#include "config.h"

#include <string.h>

#include "hearsay/buf.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

size_t
utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	size_t n, i;

	if (len == 0) {
		*cp = 0;
		return 0;
	}
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2; c &= 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; c &= 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else {
		*cp = TEXT_REPLACEMENT;
		return 1;
	}
	if (len < n) {
		*cp = TEXT_REPLACEMENT;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = TEXT_REPLACEMENT;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, UTF-16 surrogates and values past U+10FFFF. */
	if (c < min || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
		*cp = TEXT_REPLACEMENT;
		return 1;
	}
	*cp = c;
	return n;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = TEXT_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Length of the run of ASCII bytes at s, looked at a word at a time. */
static size_t
ascii_run(const char *s, size_t len)
{
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t w;
	size_t n = 0;

	while (len - n >= sizeof w) {
		memcpy(&w, s + n, sizeof w);
		if ((w & high) != 0)
			break;
		n += sizeof w;
	}
	while (n < len && (unsigned char)s[n] < 0x80)
		n++;
	return n;
}

int
utf8_valid(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n;

		i += ascii_run(s + i, len - i);
		if (i >= len)
			break;
		n = utf8_decode(s + i, len - i, &cp);
		/* A literal U+FFFD is three bytes; a replacement for a bad
		 * byte is one. */
		if (cp == TEXT_REPLACEMENT && n == 1)
			return 0;
		i += n;
	}
	return 1;
}

size_t
utf8_count(const char *s, size_t len)
{
	size_t i = 0, count = 0;

	while (i < len) {
		uint32_t cp;

		i += utf8_decode(s + i, len - i, &cp);
		count++;
	}
	return count;
}

int
text_is_unsafe(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F)
		return 1;
	if (cp >= 0x80 && cp <= 0x9F)
		return 1;
	/* Bidi: ALM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI. */
	if (cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return 1;
	/* Non-characters and the interlinear annotation controls. */
	if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE ||
	    (cp >= 0xFFF9 && cp <= 0xFFFB))
		return 1;
	return 0;
}

static int
is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == '\f' || cp == '\v';
}

static int
is_print_ascii(unsigned char c)
{
	return c > 0x20 && c < 0x7F;
}

/* Length of the run of bytes from lo (0x20 or 0x21) to 0x7E at u, looked
 * at a word at a time (the bit tricks find a byte below lo, or above 0x7E,
 * in each eight). */
static size_t
ascii_span(const unsigned char *u, size_t len, unsigned char lo)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t w;
	size_t n = 0;

	while (len - n >= sizeof w) {
		memcpy(&w, u + n, sizeof w);
		if ((((w - ones * lo) & ~w) | ((w + ones * (127 - 0x7E)) | w)) &
		    high)
			break;
		n += sizeof w;
	}
	while (n < len && u[n] >= lo && u[n] < 0x7F)
		n++;
	return n;
}

/* Length of the run of printable ASCII at s that text_sanitize copies as
 * it is: spaces too, except that when they are being collapsed a run
 * takes only single spaces between two printable characters. */
static size_t
text_safe_run(const char *s, size_t len, int flags)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;

	if (!(flags & TEXT_COLLAPSE_WS))
		return ascii_span(u, len, 0x20);
	for (;;) {
		n += ascii_span(u + n, len - n, 0x21);
		if (n == 0 || n + 1 >= len || u[n] != ' ' ||
		    !is_print_ascii(u[n + 1]))
			return n;
		n++;
	}
}

char *
text_sanitize(const char *s, size_t len, int flags)
{
	struct buf b;
	size_t i = 0;
	int pending_space = 0;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	while (i < len) {
		uint32_t cp;
		char enc[4];
		size_t run = text_safe_run(s + i, len - i, flags);

		/* Printable ASCII needs no decoding: copy it whole. */
		if (run > 0) {
			if (pending_space) {
				buf_addc(&b, ' ');
				pending_space = 0;
			}
			buf_add(&b, s + i, run);
			i += run;
			continue;
		}
		i += utf8_decode(s + i, len - i, &cp);
		if (cp == '\r' && i < len && s[i] == '\n')
			continue;
		if ((flags & TEXT_COLLAPSE_WS) && is_space_cp(cp)) {
			pending_space = b.len > 0;
			continue;
		}
		if ((flags & TEXT_KEEP_LAYOUT) && (cp == '\n' || cp == '\t' ||
		    cp == '\r')) {
			buf_addc(&b, cp == '\r' ? '\n' : (char)cp);
			continue;
		}
		if (is_space_cp(cp))
			cp = ' ';
		else if (text_is_unsafe(cp))
			continue;
		if (pending_space) {
			buf_addc(&b, ' ');
			pending_space = 0;
		}
		buf_add(&b, enc, utf8_encode(cp, enc));
	}
	return buf_detach(&b);
}

char *
text_clean(const char *s, int flags)
{
	return s == NULL ? NULL : text_sanitize(s, strlen(s), flags);
}

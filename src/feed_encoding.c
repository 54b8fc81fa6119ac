/*
 * feed_encoding.c - a feed document's bytes to UTF-8, before libxml2 sees
 * them.
 *
 * The encoding is chosen as XML 1.0 appendix F and RFC 3023/7303 say: a byte
 * order mark first (RFC 7303 section 3), then the HTTP charset, then
 * UTF-16/32 sniffed from the first bytes, then the XML declaration, else
 * UTF-8.  Where the RFCs differ we follow 7303, which replaced 3023: a
 * text/xml body without a charset is read by its own declaration, not as
 * US-ASCII (which would garble every UTF-8 feed served that way).  ISO-8859-1 and
 * US-ASCII are decoded as their superset windows-1252 (what such feeds really
 * are); other charsets go through iconv.  A document that names no encoding
 * at all and is not UTF-8 is windows-1252 too, as browsers and feedparser
 * read it, one labelled Latin-1 whose bytes are UTF-8 is UTF-8, and the
 * stray bytes of one labelled UTF-8 are windows-1252 (see
 * latin1_or_utf8_decode).  Must never pass an invalid byte through: what
 * no charset defines becomes U+FFFD; every repair flags the document bozo.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "feed_int.h"
#include "hearsay/buf.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

/* A byte-level signature: a BOM (skipped) or the first bytes of "<?xml"
 * in a wide encoding (kept). */
struct encoding_sig {
	const char *bytes;
	size_t	 len;
	const char *name;
	int	 is_bom;
};

/* Longer signatures first: UTF-32LE's BOM starts with UTF-16LE's. */
static const struct encoding_sig encoding_sigs[] = {
	{ "\x00\x00\xFE\xFF", 4, "UTF-32BE", 1 },
	{ "\xFF\xFE\x00\x00", 4, "UTF-32LE", 1 },
	{ "\xEF\xBB\xBF", 3, "UTF-8", 1 },
	{ "\xFE\xFF", 2, "UTF-16BE", 1 },
	{ "\xFF\xFE", 2, "UTF-16LE", 1 },
	{ "\x00\x00\x00\x3C", 4, "UTF-32BE", 0 },
	{ "\x3C\x00\x00\x00", 4, "UTF-32LE", 0 },
	{ "\x00\x3C\x00\x3F", 4, "UTF-16BE", 0 },
	{ "\x3C\x00\x3F\x00", 4, "UTF-16LE", 0 },
	/* "<?xm" in EBCDIC: which code page, the declaration says. */
	{ "\x4C\x6F\xA7\x94", 4, "IBM037", 0 },
};

struct label_alias {
	const char *label;
	const char *iconv_name;
};

/* Labels feeds use that iconv knows under another name (IANA aliases,
 * WHATWG's labels).  Other spellings are found by label_open()'s rules. */
static const struct label_alias label_aliases[] = {
	{ "cp-is", "CP861" }, { "cp866u", "CP1125" }, { "ibm1125", "CP1125" },
	{ "mac-roman", "MACINTOSH" }, { "ks_c_5601-1987", "CP949" },
	{ "unicode-1-1-utf-8", "UTF-8" }, { "kz-1048", "RK1048" },
	{ "strk1048-2002", "RK1048" }, { "ptcp154", "PT154" },
	{ "cp154", "PT154" }, { "csptcp154", "PT154" }, { "cp1051", "HP-ROMAN8" },
};

/* Labels decoded as windows-1252: browsers and feed readers do the same,
 * because C1 controls in such feeds are always cp1252 punctuation. */
static const char *const cp1252_aliases[] = {
	"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1",
	"iso-ir-100", "cp819", "ibm819", "us-ascii", "ascii", "us",
	"ansi_x3.4-1968", "windows-1252", "cp1252", "x-cp1252",
};

/* Labels that mean a wide Unicode form: only the bytes can say which. */
static const char *const wide_labels[] = {
	"utf-16", "utf16", "utf-16le", "utf-16be", "ucs-2", "utf-32",
	"utf32", "utf-32le", "utf-32be", "ucs-4", "iso-10646-ucs-2",
};

static int
label_in(const char *label, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (ascii_casecmp(label, list[i]) == 0)
			return 1;
	}
	return 0;
}

static const struct encoding_sig *
encoding_sniff(const char *data, size_t len)
{
	size_t i;

	for (i = 0; i < nitems(encoding_sigs); i++) {
		const struct encoding_sig *s = &encoding_sigs[i];

		if (len >= s->len && memcmp(data, s->bytes, s->len) == 0)
			return s;
	}
	return NULL;
}

/* The value of name="..." or name='...' in s[0..len), new string or NULL. */
static char *
pseudo_attr(const char *s, size_t len, const char *name)
{
	size_t nlen = strlen(name), i, j;

	for (i = 0; i + nlen < len; i++) {
		if (memcmp(s + i, name, nlen) != 0)
			continue;
		j = i + nlen;
		while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' ||
		    s[j] == '\r'))
			j++;
		if (j >= len || s[j] != '=')
			continue;
		j++;
		while (j < len && (s[j] == ' ' || s[j] == '\t'))
			j++;
		if (j < len && (s[j] == '"' || s[j] == '\'')) {
			const char *end = memchr(s + j + 1, s[j], len - j - 1);

			if (end != NULL && end - (s + j + 1) < 64)
				return xstrndup(s + j + 1, end - (s + j + 1));
		}
		return NULL;
	}
	return NULL;
}

/* The encoding named by an ASCII-compatible XML declaration, or NULL. */
static char *
decl_encoding(const char *data, size_t len)
{
	const char *end;

	/* Stray white space before the declaration is common; skip it. */
	while (len > 0 && strchr(" \t\r\n", *data) != NULL && *data != '\0') {
		data++;
		len--;
	}
	if (len < 5 || memcmp(data, "<?xml", 5) != 0)
		return NULL;
	end = memchr(data, '>', len < 512 ? len : 512);
	if (end == NULL)
		return NULL;
	return pseudo_attr(data, end - data, "encoding");
}

/* The charset parameter of a Content-Type, or NULL. */
static char *
content_type_charset(const char *ct)
{
	const char *p;
	size_t n;

	if (ct == NULL || (p = strchr(ct, ';')) == NULL)
		return NULL;
	for (; *p != '\0'; p++) {
		if (ascii_ncasecmp(p, "charset=", 8) != 0)
			continue;
		p += 8;
		if (*p == '"')
			p++;
		n = strcspn(p, "\"; \t");
		return n > 0 && n < 64 ? xstrndup(p, n) : NULL;
	}
	return NULL;
}

/* Append U+FFFD and note why on *reason (first one kept). */
static void
add_replacement(struct buf *b, char **reason, const char *enc)
{
	buf_add(b, "\xEF\xBF\xBD", 3);
	if (*reason == NULL)
		*reason = xprintf("invalid %s byte sequence replaced", enc);
}

static void
decode_utf8(const char *data, size_t len, struct buf *b, char **reason)
{
	size_t i = 0, n;
	uint32_t cp;

	if (utf8_valid(data, len)) {
		buf_add(b, data, len);
		return;
	}
	while (i < len) {
		n = utf8_decode(data + i, len - i, &cp);
		if (cp == TEXT_REPLACEMENT && n == 1)
			add_replacement(b, reason, "UTF-8");
		else
			buf_add(b, data + i, n);
		i += n;
	}
}

/* How many bytes to skip past an invalid sequence in enc. */
static size_t
unit_size(const char *enc)
{
	if (ascii_ncasecmp(enc, "UTF-32", 6) == 0)
		return 4;
	if (ascii_ncasecmp(enc, "UTF-16", 6) == 0)
		return 2;
	return 1;
}

/* An iconv converter from the charset label names to UTF-8, or
 * (iconv_t)-1.  Labels are spelt many ways: as iconv knows them, by an
 * alias, with '_' for '-' (Python's "iso8859_2"), with an "x-" prefix,
 * as a code page number alone ("1252", "437"), as an IANA "cs" name. */
static iconv_t
label_open(const char *label)
{
	iconv_t cd = iconv_open("UTF-8", label);
	char name[72];
	size_t i, n = strlen(label);

	if (cd != (iconv_t)-1 || n == 0 || n + 3 >= sizeof name)
		return cd;
	for (i = 0; i <= n; i++)
		name[i] = label[i] == '_' ? '-' : label[i];
	if (ascii_ncasecmp(name, "x-", 2) == 0)
		memmove(name, name + 2, n - 1);
	for (i = 0; i < nitems(label_aliases); i++) {
		if (ascii_casecmp(name, label_aliases[i].label) == 0 ||
		    ascii_casecmp(label, label_aliases[i].label) == 0)
			return iconv_open("UTF-8", label_aliases[i].iconv_name);
	}
	if (strspn(name, "0123456789") == strlen(name)) {
		memmove(name + 2, name, strlen(name) + 1);
		memcpy(name, "CP", 2);
	}
	if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1 &&
	    ascii_ncasecmp(name, "cs", 2) == 0)	/* IANA's csIBM861 */
		cd = iconv_open("UTF-8", name + 2);
	return cd;
}

/* Convert with iconv; 0, or -1 when iconv does not know enc. */
static int
decode_iconv(const char *enc, const char *data, size_t len, struct buf *b,
    char **reason)
{
	iconv_t cd = label_open(enc);
	char chunk[8192], *in = (char *)data, *out;
	size_t inleft = len, outleft, skip = unit_size(enc);

	if (cd == (iconv_t)-1)
		return -1;
	while (inleft > 0) {
		size_t rc;

		out = chunk;
		outleft = sizeof chunk;
		rc = iconv(cd, &in, &inleft, &out, &outleft);
		buf_add(b, chunk, out - chunk);
		if (rc != (size_t)-1 || errno == E2BIG)
			continue;
		add_replacement(b, reason, enc);
		if (errno != EILSEQ)
			break;	/* EINVAL: a truncated sequence at the end */
		skip = skip < inleft ? skip : inleft;
		in += skip;
		inleft -= skip;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	return 0;
}

/* The code page of an EBCDIC document: its declaration, read in the
 * invariant characters every EBCDIC page shares (XML 1.0 appendix F),
 * when iconv knows it; else IBM037.  New string. */
static char *
ebcdic_label(const char *data, size_t len)
{
	char head[512], *in = (char *)data, *out = head, *decl;
	size_t inleft = len < 256 ? len : 256, outleft = sizeof head - 1;
	iconv_t cd = iconv_open("UTF-8", "IBM037");

	if (cd == (iconv_t)-1)
		return xstrdup("IBM037");
	iconv(cd, &in, &inleft, &out, &outleft);
	iconv_close(cd);
	*out = '\0';
	decl = decl_encoding(head, (size_t)(out - head));
	if (decl != NULL && (cd = label_open(decl)) != (iconv_t)-1) {
		iconv_close(cd);
		return decl;
	}
	free(decl);
	return xstrdup("IBM037");
}

/* Pick the encoding name (new string) for data; *skip gets the BOM size,
 * *named is 0 when nothing named one (the UTF-8 of XML's default). */
static char *
encoding_choose(const char *data, size_t len,
    const struct feed_parse_opts *opts, size_t *skip, int *named)
{
	const struct encoding_sig *sig = encoding_sniff(data, len);
	char *http, *decl;

	*skip = 0;
	*named = 1;
	if (sig != NULL && sig->is_bom) {
		/* RFC 7303 section 3: a BOM outranks every label. */
		*skip = sig->len;
		return xstrdup(sig->name);
	}
	http = opts->http_charset != NULL ? xstrdup(opts->http_charset) :
	    content_type_charset(opts->content_type);
	/* The HTTP charset outranks the declaration for every XML media
	 * type (RFC 3023 and 7303 agree), unless the bytes themselves show it
	 * wrong: an 8-bit label on UTF-16/32 bytes, or the reverse. */
	if (http != NULL && *http != '\0' && sig == NULL &&
	    !label_in(http, wide_labels, nitems(wide_labels)))
		return http;
	free(http);
	if (sig != NULL && strcmp(sig->name, "IBM037") == 0)
		return ebcdic_label(data, len);
	if (sig != NULL)
		return xstrdup(sig->name);
	decl = decl_encoding(data, len);
	/* A wide label on ASCII-compatible bytes is a lie; ignore it. */
	if (decl != NULL && !label_in(decl, wide_labels, nitems(wide_labels)))
		return decl;
	free(decl);
	*named = 0;
	return xstrdup("UTF-8");
}

/* Count, in data, the multi-byte UTF-8 sequences (*valid) and the bytes
 * that are no part of one (*invalid). */
static void
utf8_census(const char *data, size_t len, size_t *valid, size_t *invalid)
{
	size_t i = 0, n;
	uint32_t cp;

	*valid = *invalid = 0;
	while (i < len) {
		if ((unsigned char)data[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_decode(data + i, len - i, &cp);
		if (cp == TEXT_REPLACEMENT && n == 1)
			(*invalid)++;
		else
			(*valid)++;
		i += n;
	}
}

static size_t cp1252_char(iconv_t *cd, unsigned char c, char out[8]);

/* The length of a UTF-8 sequence cut short at s (a lead byte and fewer
 * continuation bytes than it announces), or 0. */
static size_t
utf8_cut_len(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];
	size_t need, n;

	if (c >= 0xC2 && c <= 0xDF)
		need = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 4;
	else
		return 0;
	for (n = 1; n < need && n < len &&
	    ((unsigned char)s[n] & 0xC0) == 0x80; n++)
		;
	return n > 1 && n < need ? n : 0;
}

/* UTF-8 data with the bytes that are no part of a UTF-8 sequence read as
 * windows-1252 (U+FFFD for the five it leaves undefined). */
static void
decode_utf8_or_cp1252(const char *data, size_t len, struct buf *b)
{
	iconv_t cd = (iconv_t)-1;
	size_t i = 0, n;
	uint32_t cp;
	char ch[8];

	while (i < len) {
		n = utf8_decode(data + i, len - i, &cp);
		if (cp != TEXT_REPLACEMENT || n != 1) {
			buf_add(b, data + i, n);
			i += n;
			continue;
		}
		if ((n = utf8_cut_len(data + i, len - i)) > 0) {
			/* A UTF-8 character cut short is no windows-1252. */
			buf_add(b, "\xEF\xBF\xBD", 3);
			i += n;
			continue;
		}
		if ((unsigned char)data[i] >= 0xA0)
			/* windows-1252 is Latin-1 there: the byte is the code point. */
			buf_add(b, ch, utf8_encode((unsigned char)data[i], ch));
		else if ((n = cp1252_char(&cd, (unsigned char)data[i], ch)) > 0)
			buf_add(b, ch, n);
		else
			buf_add(b, "\xEF\xBF\xBD", 3);
		i++;
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
}

/* A document that names no encoding, or calls itself Latin-1 or UTF-8
 * (label is NULL, or that label), and is not valid UTF-8 as a whole.
 *
 * One that says UTF-8 is UTF-8 where its bytes are, and the bytes that
 * are not were pasted in from windows-1252: they are read so, not made
 * U+FFFD (where it has no UTF-8 at all that is reading it whole as
 * windows-1252, as feedparser does).
 *
 * Mostly such a document is what it says, or for want of a label what
 * browsers and feedparser take it for: windows-1252, the superset of
 * Latin-1, not UTF-8 with a U+FFFD for every accented letter.  It is
 * read whole so, not byte by byte, because Latin-1 text can hold what
 * looks like a UTF-8 sequence ("\xE9\xA0\xBB" is "e-acute, no-break
 * space, >>", not a CJK letter).  But real Latin-1 text is next to
 * never UTF-8 (each accented letter would need the right number of
 * symbol bytes after it), so where the UTF-8 sequences outnumber the
 * other high bytes the document is UTF-8, under a wrong label or none,
 * with at most a few pasted windows-1252 characters: those bytes alone
 * are read as windows-1252. */
static void
latin1_or_utf8_decode(const char *label, const char *data, size_t len,
    struct buf *b, char **reason)
{
	int utf8 = label != NULL && (ascii_casecmp(label, "UTF-8") == 0 ||
	    ascii_casecmp(label, "UTF8") == 0);
	size_t valid, invalid;

	utf8_census(data, len, &valid, &invalid);
	if (valid > invalid || utf8) {
		decode_utf8_or_cp1252(data, len, b);
		if (label == NULL)
			*reason = xstrdup("no encoding declared; bytes that are "
			    "not UTF-8 read as windows-1252");
		else if (utf8)
			*reason = xstrdup("bytes that are not UTF-8 read as "
			    "windows-1252");
		else
			*reason = xprintf("labelled %s, but the bytes are "
			    "UTF-8%s", label, invalid > 0 ?
			    " (with some windows-1252)" : "");
		return;
	}
	if (decode_iconv("WINDOWS-1252", data, len, b, reason) == -1)
		decode_utf8(data, len, b, reason);
	if (*reason == NULL && label == NULL)
		*reason = xstrdup("no encoding declared and not UTF-8: read "
		    "as windows-1252");
}

/* The XML declaration of b, decoded to UTF-8 now, made to say so: libxml2
 * reads the label's syntax even when told to ignore it, and refuses some
 * that feeds use ("1252", "437").  As feedparser does. */
static void
decl_to_utf8(struct buf *b)
{
	const char *s = buf_str(b), *end, *v;
	char quote;
	struct buf out;
	size_t at, n;

	at = strspn(s, " \t\r\n");
	if (strncmp(s + at, "<?xml", 5) != 0 ||
	    (end = strstr(s + at, "?>")) == NULL)
		return;
	for (v = s + at; (v = strstr(v, "encoding")) != NULL && v < end; v++) {
		const char *p = v + 8;

		p += strspn(p, " \t\r\n");
		if (*p != '=')
			continue;
		p++;
		p += strspn(p, " \t\r\n");
		if (*p != '"' && *p != '\'')
			return;
		quote = *p++;
		n = strcspn(p, quote == '"' ? "\"" : "'");
		if (p + n >= end)
			return;
		buf_init(&out, 0);
		buf_add(&out, s, (size_t)(p - s));
		buf_addstr(&out, "UTF-8");
		buf_addstr(&out, p + n);
		buf_free(b);
		*b = out;
		return;
	}
}

void
feed_encoding_decode(const char *data, size_t len,
    const struct feed_parse_opts *opts, const char **out, size_t *outlen,
    char **copy, char **bozo_reason)
{
	struct buf b;
	char *enc;
	size_t skip;
	int named;

	*bozo_reason = NULL;
	*copy = NULL;
	enc = encoding_choose(data, len, opts, &skip, &named);
	data += skip;
	len -= skip;
	if ((ascii_casecmp(enc, "UTF-8") == 0 || ascii_casecmp(enc, "UTF8") == 0) &&
	    utf8_valid(data, len)) {
		/* Nearly every feed: the bytes as they are, no copy. */
		free(enc);
		*out = data;
		*outlen = len;
		return;
	}
	buf_init(&b, 0);
	buf_add(&b, "", 0);
	if (!named) {
		latin1_or_utf8_decode(NULL, data, len, &b, bozo_reason);
	} else if (label_in(enc, cp1252_aliases, nitems(cp1252_aliases)) ||
	    ascii_casecmp(enc, "UTF-8") == 0 || ascii_casecmp(enc, "UTF8") == 0) {
		latin1_or_utf8_decode(enc, data, len, &b, bozo_reason);
	} else if (decode_iconv(enc, data, len, &b, bozo_reason) == -1) {
		/* Unknown label: UTF-8 if it is, else windows-1252. */
		*bozo_reason = xprintf("unknown encoding '%s'", enc);
		if (utf8_valid(data, len) ||
		    decode_iconv("WINDOWS-1252", data, len, &b, bozo_reason) == -1)
			decode_utf8(data, len, &b, bozo_reason);
	}
	free(enc);
	decl_to_utf8(&b);
	*outlen = b.len;
	*copy = buf_detach(&b);
	*out = *copy;
}

/* The UTF-8 form of windows-1252 byte c (0x80-0x9F) into out, converted
 * by cd (opened on first use); its length, or 0 when the byte is
 * undefined in windows-1252. */
static size_t
cp1252_char(iconv_t *cd, unsigned char c, char out[8])
{
	char in[1], *ip = in, *op = out;
	size_t il = 1, ol = 8, rc;

	if (*cd == (iconv_t)-1 &&
	    (*cd = iconv_open("UTF-8", "WINDOWS-1252")) == (iconv_t)-1)
		return 0;
	in[0] = (char)c;
	rc = iconv(*cd, &ip, &il, &op, &ol);
	return rc == (size_t)-1 ? 0 : (size_t)(op - out);
}

char *
feed_encoding_demoronize(char *s)
{
	iconv_t cd = (iconv_t)-1;
	struct buf b;
	size_t i, len, n;
	char ch[8];

	if (s == NULL || strstr(s, "\xC2") == NULL)
		return s;
	len = strlen(s);
	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0xC2 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9F &&
		    (n = cp1252_char(&cd, (unsigned char)s[i + 1], ch)) > 0) {
			buf_add(&b, ch, n);
			i++;
			continue;
		}
		buf_addc(&b, (char)c);
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	free(s);
	return buf_detach(&b);
}

char *
feed_encoding_undouble(char *s)
{
	size_t i, o = 0, len;
	uint32_t cp;
	char *latin;
	int high = 0;

	/* U+0080-U+00FF are the UTF-8 sequences that start C2 or C3. */
	if (s == NULL || (strchr(s, '\xC2') == NULL && strchr(s, '\xC3') == NULL))
		return s;
	len = strlen(s);
	latin = xmalloc(len + 1);
	for (i = 0; i < len; i += utf8_decode(s + i, len - i, &cp)) {
		utf8_decode(s + i, len - i, &cp);
		if (cp > 0xFF) {
			free(latin);
			return s;
		}
		high |= cp >= 0x80;
		latin[o++] = (char)cp;
	}
	latin[o] = '\0';
	/* Every character was one byte, and those bytes are UTF-8 with at
	 * least one sequence of several: text encoded to UTF-8 twice. */
	if (!high || !utf8_valid(latin, o)) {
		free(latin);
		return s;
	}
	free(s);
	return latin;
}

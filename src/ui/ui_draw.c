/*
 * ui_draw.c - putting text on the screen by columns.
 *
 * Text is UTF-8 that already went through text_clean(); it is measured with
 * wcwidth() so wide characters (CJK, emoji) keep columns aligned, and never
 * drawn past the width given.  With a locale that is not UTF-8 every glyph
 * has an ASCII fallback and other characters show as '?'.  Must never
 * write control characters to the terminal.
 */
#include "config.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "hearsay/text.h"
#include "hearsay/util.h"
#include "ui/ui.h"

static const struct ui_glyphs glyphs_utf8 = {
	"\xe2\x97\x8f",		/* ● */
	"\xe2\x98\x85",		/* ★ */
	"!",
	"\xe2\x94\x80",		/* ─ */
	"\xe2\x96\xb8",		/* ▸ */
	"\xe2\x96\xbe",		/* ▾ */
	"\xe2\x80\xa6",		/* … */
	"\xc2\xb7",		/* · */
	"\xc3\x97",		/* × */
	"\xe2\x88\x85",		/* ∅ */
	"\xc2\xb7",		/* · */
};

static const struct ui_glyphs glyphs_ascii = {
	"N", "*", "!", "-", "+", "-", "~", "|", "x", "?", ".",
};

static int draw_utf8;

int
ui_draw_init(void)
{
	const char *cs = nl_langinfo(CODESET);

	draw_utf8 = cs != NULL && (ascii_casecmp(cs, "UTF-8") == 0 ||
	    ascii_casecmp(cs, "utf8") == 0);
	return draw_utf8;
}

const struct ui_glyphs *
ui_draw_glyphs(void)
{
	return draw_utf8 ? &glyphs_utf8 : &glyphs_ascii;
}

struct draw_ascii {
	uint32_t	 cp;
	char		 ascii;
};

/* Typographic punctuation has a readable ASCII stand-in of one column. */
static const struct draw_ascii ascii_punct[] = {
	{ 0x00A0, ' ' }, { 0x2010, '-' }, { 0x2011, '-' }, { 0x2013, '-' },
	{ 0x2014, '-' }, { 0x2018, '\'' }, { 0x2019, '\'' }, { 0x201C, '"' },
	{ 0x201D, '"' }, { 0x2022, '*' }, { 0x2026, '.' }, { 0x2032, '\'' },
};

/* What a non-UTF-8 terminal shows for cp: itself, a stand-in, or '?'. */
static wchar_t
draw_ascii(uint32_t cp)
{
	size_t i;

	if (cp >= 0x20 && cp < 0x7f)
		return (wchar_t)cp;
	for (i = 0; i < nitems(ascii_punct); i++) {
		if (ascii_punct[i].cp == cp)
			return (wchar_t)ascii_punct[i].ascii;
	}
	return L'?';
}

/* The character to show for cp and its width in columns (0 for combining
 * marks, which join the character before them). */
static wchar_t
draw_char(uint32_t cp, int *width)
{
	int w;

	if (!draw_utf8) {
		*width = 1;
		return draw_ascii(cp);
	}
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
		*width = 1;
		return L'?';
	}
	w = wcwidth((wchar_t)cp);
	if (w < 0) {
		*width = 1;
		return L'?';
	}
	*width = w;
	return (wchar_t)cp;
}

/* Measure (and with out, convert) s[0..len) up to width columns; *cut says
 * whether it stopped early; returns the columns. */
static int
draw_span(const char *s, size_t len, int width, int *cut, wchar_t *out,
    size_t *n_out)
{
	size_t i = 0, n = 0, used;
	uint32_t cp;
	int cols = 0, w;
	wchar_t wc;

	*cut = 0;
	while (i < len) {
		used = utf8_decode(s + i, len - i, &cp);
		wc = draw_char(cp, &w);
		if (cols + w > width) {
			*cut = 1;
			break;
		}
		if (w == 0 && n == 0) {
			i += used;	/* a combining mark with nothing to join */
			continue;
		}
		if (out != NULL)
			out[n] = wc;
		n++;
		cols += w;
		i += used;
	}
	if (n_out != NULL)
		*n_out = n;
	return cols;
}

int
ui_draw_width(const char *s)
{
	int cut;

	return draw_span(s, strlen(s), 1 << 30, &cut, NULL, NULL);
}

/* Draw s[0..len) in at most width columns; returns the columns used. */
static int
draw_out(const char *s, size_t len, int width, attr_t attr)
{
	wchar_t *ws;
	size_t n;
	int cut, cols;

	if (width <= 0)
		return 0;
	ws = xreallocarray(NULL, len + 1, sizeof(*ws));
	cols = draw_span(s, len, width, &cut, ws, &n);
	ws[n] = L'\0';
	attrset(attr);
	if (n > 0)
		addnwstr(ws, (int)n);
	attrset(A_NORMAL);
	free(ws);
	return cols;
}

int
ui_draw_textn(const char *s, size_t len, int width, attr_t attr)
{
	return draw_out(s, len, width, attr);
}

int
ui_draw_text(const char *s, int width, attr_t attr)
{
	const char *ell = ui_draw_glyphs()->ellipsis;
	size_t len = strlen(s);
	int cut, cols;

	if (width <= 0)
		return 0;
	draw_span(s, len, width, &cut, NULL, NULL);
	if (!cut)
		return draw_out(s, len, width, attr);
	cols = draw_out(s, len, width - 1, attr);
	return cols + draw_out(ell, strlen(ell), 1, attr);
}

void
ui_draw_pad(int width, attr_t attr)
{
	attrset(attr);
	while (width-- > 0)
		addch(' ');
	attrset(A_NORMAL);
}

void
ui_draw_cell(const char *s, int width, attr_t attr)
{
	int used = ui_draw_text(s, width, attr);

	ui_draw_pad(width - used, attr);
}

void
ui_draw_hline(int width, attr_t attr)
{
	const char *h = ui_draw_glyphs()->hline;

	while (width-- > 0)
		draw_out(h, strlen(h), 1, attr);
}

/* The format is the user's date-format option, on purpose. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void
ui_draw_date(int64_t when, char *out, size_t size, const char *fmt)
{
	time_t t = (time_t)when;
	struct tm tm;

	if (when <= 0 || localtime_r(&t, &tm) == NULL ||
	    strftime(out, size, fmt != NULL ? fmt : "%Y-%m-%d", &tm) == 0) {
		if (size > 1) {
			out[0] = '-';
			out[1] = '\0';
		}
	}
}
#pragma GCC diagnostic pop

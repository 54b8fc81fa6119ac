/*
 * date.c - feed dates to UTC seconds and back.
 *
 * RFC 3339 / ISO 8601 (W3C-DTF) forms are parsed here; everything else is
 * handed to curl_getdate(), which knows RFC 822/1123/850 and asctime with
 * their real-world variants.  Must never invent a date: anything that is not
 * clearly a date is -1, and so is a day that does not exist (curl_getdate
 * reads "30 Feb" as 2 March, so its answer is checked against the day the
 * text writes) and a date outside DATE_MIN..DATE_MAX.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "hearsay/date.h"
#include "hearsay/util.h"

/* Read exactly n digits at *p into *out and advance; -1 if not there. */
static int
digits(const char **p, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

/* Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : mdays[m - 1];
}

/* The zone suffix of an ISO date: Z, +hh:mm, +hhmm, +hh, or nothing (taken
 * as UTC, as feed readers do).  Returns the offset in seconds or -1 on a
 * malformed suffix (the offset itself is at most 14 hours). */
static int
iso_zone(const char *p, int *offset)
{
	int sign, hh = 0, mm = 0;

	while (*p == ' ')
		p++;
	if (*p == '\0' || ((*p == 'Z' || *p == 'z') && p[1] == '\0')) {
		*offset = 0;
		return 0;
	}
	if (strcmp(p, "UTC") == 0 || strcmp(p, "GMT") == 0) {
		*offset = 0;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, &hh) == -1)
		return -1;
	if (*p == ':')
		p++;
	if (*p != '\0' && digits(&p, 2, &mm) == -1)
		return -1;
	if (*p != '\0' || hh > 14 || mm > 59)
		return -1;
	*offset = sign * (hh * 3600 + mm * 60);
	return 0;
}

/* W3C-DTF / RFC 3339, including the compact 20040105T1230Z form, a space
 * instead of T, missing seconds, fractions, and year or year-month only. */
static int
date_parse_iso(const char *s, int64_t *out)
{
	const char *p = s;
	int y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, off = 0, compact = 0;

	if (digits(&p, 4, &y) == -1)
		return -1;
	if (*p == '-') {
		p++;
		if (digits(&p, 2, &mo) == -1)
			return -1;
		if (*p == '-') {
			p++;
			if (digits(&p, 2, &d) == -1)
				return -1;
		}
	} else if (isdigit((unsigned char)*p)) {
		compact = 1;
		if (digits(&p, 2, &mo) == -1 || digits(&p, 2, &d) == -1)
			return -1;
	}
	if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
		p++;
		if (digits(&p, 2, &h) == -1)
			return -1;
		if (*p == ':')
			p++;
		else if (!compact)
			return -1;
		if (digits(&p, 2, &mi) == -1)
			return -1;
		if (*p == ':' || (compact && isdigit((unsigned char)*p))) {
			if (*p == ':')
				p++;
			if (digits(&p, 2, &sec) == -1)
				return -1;
			if (*p == '.' || *p == ',') {
				p++;
				if (!isdigit((unsigned char)*p))
					return -1;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
	}
	if (iso_zone(p, &off) == -1)
		return -1;
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
	    h > 24 || mi > 59 || sec > 60 || (h == 24 && (mi || sec)))
		return -1;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
	    (sec == 60 ? 59 : sec) - off;
	return 0;
}

static const char *const month_abbr[] = { "jan", "feb", "mar", "apr", "may",
    "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
static const char *const day_abbr[] = { "mon", "tue", "wed", "thu", "fri",
    "sat", "sun" };

static int
word_in(const char *w, const char *const *table, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (ascii_ncasecmp(w, table[i], 3) == 0)
			return 1;
	}
	return 0;
}

/* curl_getdate() is generous: it gives a date for most strings that hold a
 * number.  Insist on what every RFC 822 variant has: a month name and a
 * digit. */
static int
looks_like_rfc822(const char *s)
{
	const char *p;
	int has_digit = 0, has_month = 0;

	for (p = s; *p != '\0'; p++) {
		has_digit |= isdigit((unsigned char)*p) != 0;
		if (isalpha((unsigned char)*p) && (p == s ||
		    !isalpha((unsigned char)p[-1])))
			has_month |= word_in(p, month_abbr, nitems(month_abbr));
	}
	return has_digit && has_month;
}

/* Real feeds write "Sept", "Thurs", "Tues" and full month names, which
 * curl_getdate() does not take: cut weekday and month words to the three
 * letters it expects.  Other words (zone names) are left alone. */
static void
rfc822_normalise(const char *in, char *out, size_t size)
{
	size_t o = 0;
	const char *p = in;

	while (*p != '\0' && o + 1 < size) {
		if (isalpha((unsigned char)*p)) {
			const char *w = p;
			size_t n;

			while (isalpha((unsigned char)*p))
				p++;
			n = (size_t)(p - w);
			if (n > 3 && (word_in(w, month_abbr, nitems(month_abbr)) ||
			    word_in(w, day_abbr, nitems(day_abbr))))
				n = 3;
			if (o + n + 1 >= size)
				break;
			memcpy(out + o, w, n);
			o += n;
			continue;
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
}

/* The calendar day an RFC 822-style date writes. */
struct written_day {
	int	 day, month, year;
	int	 year_digits;
};

/* Read the day, month and year that s (normalised) writes, as
 * curl_getdate() takes them: the month is the first month name, the day
 * the first number of one or two digits that is no part of a time (next
 * to a ':') or a zone (+hhmm), the year the first longer number, else the
 * second short one.  -1 when one of them is not there. */
static int
rfc822_written(const char *s, struct written_day *w)
{
	const char *p = s, *start;
	int v, shorts = 0;

	w->day = w->month = w->year = -1;
	w->year_digits = 0;
	while (*p != '\0') {
		if (isalpha((unsigned char)*p)) {
			for (start = p; isalpha((unsigned char)*p); p++)
				;
			for (v = 0; w->month == -1 && v < (int)nitems(month_abbr);
			    v++) {
				if (ascii_ncasecmp(start, month_abbr[v], 3) == 0)
					w->month = v + 1;
			}
			continue;
		}
		if (!isdigit((unsigned char)*p)) {
			p++;
			continue;
		}
		start = p;
		for (v = 0; isdigit((unsigned char)*p) && v < 100000; p++)
			v = v * 10 + (*p - '0');
		while (isdigit((unsigned char)*p))
			p++;
		if (*p == ':' || (start > s && start[-1] == ':') ||
		    (p - start == 4 && start > s && (start[-1] == '+' ||
		    start[-1] == '-') && w->year != -1))
			continue;
		if (p - start > 2 && w->year == -1) {
			w->year = v;
			w->year_digits = (int)(p - start);
		} else if (p - start <= 2 && shorts++ == 0) {
			w->day = v;
		} else if (p - start <= 2 && w->year == -1) {
			w->year = v;
			w->year_digits = (int)(p - start);
		}
	}
	return w->day == -1 || w->month == -1 || w->year == -1 ? -1 : 0;
}

/* Non-zero when t, in UTC, is the day w writes or one either side of it
 * (a zone moves a date by less than a day).  Catches curl_getdate()
 * carrying a day past the month's end into the next, and a two-digit
 * reading of a year written with four ("0001" as 2001). */
static int
rfc822_same_day(int64_t t, const struct written_day *w)
{
	struct tm tm;
	time_t tt;
	int delta, y;

	for (delta = -1; delta <= 1; delta++) {
		tt = (time_t)(t + delta * 86400);
		if (gmtime_r(&tt, &tm) == NULL)
			continue;
		y = tm.tm_year + 1900;
		if (tm.tm_mday == w->day && tm.tm_mon + 1 == w->month &&
		    (w->year_digits > 2 ? y == w->year : y % 100 == w->year))
			return 1;
	}
	return 0;
}

int
date_parse(const char *s, int64_t *out)
{
	char trimmed[128], norm[128];
	struct written_day w;
	size_t len;
	int64_t iso;
	time_t t;

	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0 || len >= sizeof trimmed)
		return -1;
	memcpy(trimmed, s, len);
	trimmed[len] = '\0';
	if (isdigit((unsigned char)trimmed[0]) &&
	    date_parse_iso(trimmed, &iso) == 0) {
		if (iso < DATE_MIN || iso > DATE_MAX)
			return -1;
		*out = iso;
		return 0;
	}
	if (!looks_like_rfc822(trimmed))
		return -1;
	rfc822_normalise(trimmed, norm, sizeof norm);
	t = curl_getdate(norm, NULL);
	/* -1 is also 1969-12-31T23:59:59Z, outside the range anyway. */
	if (t == -1 || (int64_t)t < DATE_MIN || (int64_t)t > DATE_MAX ||
	    rfc822_written(norm, &w) == -1 || !rfc822_same_day(t, &w))
		return -1;
	*out = (int64_t)t;
	return 0;
}

void
date_format_iso(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t < DATE_MIN || t > DATE_MAX || gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		if (size > 0)
			out[0] = '\0';
	}
}

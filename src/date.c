/*
 * date.c - feed dates to UTC seconds and back.
 *
 * Two readers: RFC 3339 / ISO 8601 (W3C-DTF), and the written forms of RFC
 * 822/1123/850 and asctime with what real feeds make of them (full and cut
 * month names, am/pm, 2020/1/10, zone names, "GMT+01:00").  The second is
 * our own, not curl_getdate(): curl reads "GMT+01:00" as GMT, gives the
 * military zones RFC 822's backwards signs, takes no am/pm or fractions,
 * and `hearsay parse` must not load libcurl at all.  Must never invent a
 * date: a word it does not know, a reading that is a guess (03/04/2020, IST),
 * a day or time that does not exist and a date outside DATE_MIN..DATE_MAX
 * are all -1.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

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

/* ---- the written forms: RFC 822/1123/850, asctime and their kin ---- */

static const char *const month_names[] = { "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october",
    "november", "december" };
static const char *const day_names[] = { "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday" };

struct zone_name {
	const char *name;
	int	 minutes;	/* east of UTC */
};

/* Zone names feeds write, with their offsets.  Only names that mean one
 * zone where feeds use them: IST (India, Ireland or Israel) and AST
 * (Atlantic or Arabia) are left out, so such a date stays null rather
 * than wrong; so are RFC 822's military letters but Z, whose signs RFC
 * 822 gave backwards (RFC 2822 section 4.3: they mean nothing). */
static const struct zone_name zone_names[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 },
	{ "west", 60 }, { "bst", 60 }, { "cet", 60 }, { "met", 60 },
	{ "mez", 60 }, { "wat", 60 }, { "cest", 120 }, { "mest", 120 },
	{ "mesz", 120 }, { "eet", 120 }, { "cat", 120 }, { "sast", 120 },
	{ "eest", 180 }, { "msk", 180 }, { "eat", 180 }, { "pkt", 300 },
	{ "ict", 420 }, { "wib", 420 }, { "hkt", 480 }, { "sgt", 480 },
	{ "awst", 480 }, { "jst", 540 }, { "kst", 540 }, { "acst", 570 },
	{ "aest", 600 }, { "acdt", 630 }, { "aedt", 660 }, { "nzst", 720 },
	{ "nzdt", 780 },
	{ "adt", -180 }, { "brt", -180 }, { "art", -180 }, { "nst", -210 },
	{ "ndt", -150 }, { "est", -300 }, { "edt", -240 }, { "cst", -360 },
	{ "cdt", -300 }, { "mst", -420 }, { "mdt", -360 }, { "pst", -480 },
	{ "pdt", -420 }, { "akst", -540 }, { "akdt", -480 }, { "hst", -600 },
};

/* What a written date says, field by field; -1 where it says nothing. */
struct written {
	int	 year, month, day, hour, min, sec;
	int	 ampm;		/* 0, or 1 for am, 2 for pm */
	int	 zone_set, offset; /* minutes east of UTC */
	int	 gmt_words;	/* a GMT/UTC word just read: an offset may follow */
};

/* The index of the n-letter word w in names (full names, lower case),
 * when it is the name or a cut of it to three letters or more ("Sept",
 * "Thurs"); else -1. */
static int
name_index(const char *w, size_t n, const char *const *names, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (n >= 3 && n <= strlen(names[i]) &&
		    ascii_ncasecmp(w, names[i], n) == 0)
			return (int)i;
	}
	return -1;
}

/* Read a number of at most max digits at *p; its digit count, or 0. */
static int
read_number(const char **p, int max, int *out)
{
	int n = 0, v = 0;

	while (isdigit((unsigned char)**p)) {
		if (++n > max)
			return 0;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	*out = v;
	return n;
}

/* A time, h:mm[:ss[.fraction]], at *p (the hour already read). */
static int
read_time(const char **p, int hour, struct written *w)
{
	if (w->hour != -1)
		return -1;
	w->hour = hour;
	(*p)++;
	if (read_number(p, 2, &w->min) != 2)
		return -1;
	w->sec = 0;
	if (**p == ':') {
		(*p)++;
		if (read_number(p, 2, &w->sec) != 2)
			return -1;
		if (**p == '.' || **p == ',') {
			(*p)++;
			while (isdigit((unsigned char)**p))
				(*p)++;
		}
	}
	return 0;
}

/* A numeric offset, [+-]hh[[:]mm] or [+-]h, at *p. */
static int
read_offset(const char **p, struct written *w)
{
	int sign = **p == '-' ? -1 : 1, hh, mm = 0, n;

	(*p)++;
	n = read_number(p, 4, &hh);
	if (n == 4) {
		mm = hh % 100;
		hh /= 100;
	} else if (n >= 1 && n <= 2 && **p == ':') {
		(*p)++;
		if (read_number(p, 2, &mm) != 2)
			return -1;
	} else if (n < 1 || n > 2) {
		return -1;
	}
	if (hh > 14 || mm > 59 || (w->zone_set && !w->gmt_words))
		return -1;
	w->offset = w->gmt_words ? w->offset + sign * (hh * 60 + mm) :
	    sign * (hh * 60 + mm);
	w->zone_set = 1;
	w->gmt_words = 0;
	return 0;
}

/* A date of numbers, n1 s n2 s n3 with one separator s ('/', '.' or
 * '-'), the first number (of digits1 digits) already read.  Year first
 * is year, month, day; year last is day.month.year with dots, and with
 * slashes or dashes whichever of day/month or month/day is the only
 * reading (one number past 12): never a guess. */
static int
read_numeric_date(const char **p, int n1, int digits1, struct written *w)
{
	char sep = **p;
	int n2, n3, digits3;

	(*p)++;
	if (read_number(p, 2, &n2) == 0 || **p != sep)
		return -1;
	(*p)++;
	if ((digits3 = read_number(p, 4, &n3)) == 0 || w->year != -1 ||
	    w->month != -1)
		return -1;
	if (digits1 == 4 && digits3 <= 2) {
		w->year = n1;
		w->month = n2;
		w->day = n3;
	} else if (digits1 <= 2 && digits3 == 4) {
		w->year = n3;
		if (sep == '.' || (n1 > 12 && n2 <= 12)) {
			w->day = n1;
			w->month = n2;
		} else if (n2 > 12 && n1 <= 12) {
			w->month = n1;
			w->day = n2;
		} else {
			return -1;
		}
	} else {
		return -1;
	}
	return 0;
}

/* A number standing alone: the day, then the year (RFC 822's two-digit
 * ones as RFC 2822 section 4.3 reads them). */
static int
loose_number(int v, int digits, struct written *w)
{
	if (digits == 4 && w->year == -1) {
		w->year = v;
	} else if (digits <= 2 && w->day == -1) {
		w->day = v;
	} else if (digits == 2 && w->year == -1) {
		w->year = v < 50 ? 2000 + v : 1900 + v;
	} else {
		return -1;
	}
	return 0;
}

/* A word: a month, a weekday (not checked: feeds get it wrong), am or
 * pm, a zone, an ordinal's suffix; anything else is no date. */
static int
read_word(const char *s, size_t n, int after_number, struct written *w)
{
	size_t i;
	int m;

	w->gmt_words = 0;
	if ((m = name_index(s, n, month_names, nitems(month_names))) != -1) {
		if (w->month != -1)
			return -1;
		w->month = m + 1;
		return 0;
	}
	if (name_index(s, n, day_names, nitems(day_names)) != -1)
		return 0;
	if (n == 2 && (ascii_ncasecmp(s, "am", 2) == 0 ||
	    ascii_ncasecmp(s, "pm", 2) == 0) && w->hour != -1 && !w->ampm) {
		w->ampm = (s[0] | 0x20) == 'a' ? 1 : 2;
		return 0;
	}
	if (after_number && n == 2 && (ascii_ncasecmp(s, "st", 2) == 0 ||
	    ascii_ncasecmp(s, "nd", 2) == 0 || ascii_ncasecmp(s, "rd", 2) == 0 ||
	    ascii_ncasecmp(s, "th", 2) == 0))
		return 0;
	for (i = 0; i < nitems(zone_names); i++) {
		if (strlen(zone_names[i].name) != n ||
		    ascii_ncasecmp(s, zone_names[i].name, n) != 0)
			continue;
		if (w->zone_set)
			return -1;
		w->zone_set = 1;
		w->offset = zone_names[i].minutes;
		/* "GMT+01:00", "UTC -5": the offset from the named zone. */
		w->gmt_words = zone_names[i].minutes == 0 && n > 1;
		return 0;
	}
	return -1;
}

/* Read s into w; -1 at anything that is no part of a date. */
static int
written_read(const char *s, struct written *w)
{
	const char *p = s, *start;
	int v, digits, after_number = 0;

	w->year = w->month = w->day = w->hour = w->min = w->sec = -1;
	w->ampm = w->zone_set = w->offset = w->gmt_words = 0;
	while (*p != '\0') {
		start = p;
		if (isspace((unsigned char)*p) || *p == ',') {
			p++;
			continue;
		}
		if (*p == '(') {	/* an RFC 822 comment: "+0000 (UTC)" */
			if ((p = strchr(p, ')')) == NULL)
				return -1;
			p++;
		} else if (isalpha((unsigned char)*p)) {
			while (isalpha((unsigned char)*p))
				p++;
			if (read_word(start, (size_t)(p - start), after_number,
			    w) == -1)
				return -1;
		} else if (isdigit((unsigned char)*p)) {
			if ((digits = read_number(&p, 4, &v)) == 0)
				return -1;
			if (*p == ':' && digits <= 2) {
				if (read_time(&p, v, w) == -1)
					return -1;
			} else if ((*p == '/' || *p == '.' || *p == '-') &&
			    isdigit((unsigned char)p[1])) {
				if (read_numeric_date(&p, v, digits, w) == -1)
					return -1;
			} else if (loose_number(v, digits, w) == -1) {
				return -1;
			}
			if (*p == '.')	/* "01. Jan" */
				p++;
			after_number = 1;
			w->gmt_words = 0;
			continue;
		} else if ((*p == '+' || *p == '-') &&
		    isdigit((unsigned char)p[1]) && w->hour != -1) {
			/* After the time a sign starts a zone; before it, as
			 * in "10-Jun-03", it separates. */
			if (read_offset(&p, w) == -1)
				return -1;
		} else if (*p == '-' || *p == '/') {
			p++;
		} else {
			return -1;
		}
		after_number = 0;
	}
	return 0;
}

/* The instant w writes, checked field by field; -1 for a day or time
 * that does not exist. */
static int
written_instant(struct written *w, int64_t *out)
{
	if (w->year == -1 || w->month == -1 || w->day == -1)
		return -1;
	if (w->hour == -1)
		w->hour = w->min = w->sec = 0;
	if (w->ampm != 0) {
		if (w->hour < 1 || w->hour > 12)
			return -1;
		w->hour = w->hour % 12 + (w->ampm == 2 ? 12 : 0);
	}
	if (w->year < 1 || w->month < 1 || w->month > 12 || w->day < 1 ||
	    w->day > days_in_month(w->year, w->month) || w->hour > 24 ||
	    w->min > 59 || w->sec > 60 ||
	    (w->hour == 24 && (w->min != 0 || w->sec != 0)))
		return -1;
	*out = days_from_civil(w->year, w->month, w->day) * 86400 +
	    w->hour * 3600 + w->min * 60 + (w->sec == 60 ? 59 : w->sec) -
	    (int64_t)w->offset * 60;
	return 0;
}

/* RFC 822 and the forms feeds write instead: any order of weekday, day,
 * month name and year ("Sat, Dec 16 2023"), asctime, 2020/1/10 and
 * 31.12.2019, times with seconds, fractions or am/pm, zones as offsets,
 * names or "GMT+01:00".  No zone is UTC, as feed readers take it. */
static int
date_parse_written(const char *s, int64_t *out)
{
	struct written w;

	if (written_read(s, &w) == -1)
		return -1;
	return written_instant(&w, out);
}

int
date_parse(const char *s, int64_t *out)
{
	char trimmed[128];
	size_t len;
	int64_t t;

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
	if ((!isdigit((unsigned char)trimmed[0]) ||
	    date_parse_iso(trimmed, &t) == -1) &&
	    date_parse_written(trimmed, &t) == -1)
		return -1;
	if (t < DATE_MIN || t > DATE_MAX)
		return -1;
	*out = t;
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

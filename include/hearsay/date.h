/*
 * date.h - feed dates to UTC seconds and back.
 *
 * Accepts RFC 822/1123 with its real-world variants (our own reader) and
 * RFC 3339 / ISO 8601.  Never makes a date up: unparseable is -1, and so
 * is a date that does not exist (Feb 30, hour 25) or that falls outside
 * the years 1970 to 9999, which every date shown is formatted in.
 */
#ifndef HEARSAY_DATE_H
#define HEARSAY_DATE_H

#include <stddef.h>
#include <stdint.h>

/* The dates date_parse() gives and date_format_iso() writes, in seconds
 * since the epoch: 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z. */
#define DATE_MIN INT64_C(0)
#define DATE_MAX INT64_C(253402300799)

/* Parse s into seconds since the epoch (UTC).  0 on success, -1 if s is no
 * date this module understands. */
int date_parse(const char *s, int64_t *out);

/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes); a t
 * outside DATE_MIN..DATE_MAX gives "", never another format. */
void date_format_iso(int64_t t, char *out, size_t size);

#endif

/*
 * date.h - feed dates to UTC seconds and back.
 *
 * Accepts RFC 822/1123 with its real-world variants (via curl_getdate) and
 * RFC 3339 / ISO 8601.  Never makes a date up: unparseable is -1.
 */
#ifndef HEARSAY_DATE_H
#define HEARSAY_DATE_H

#include <stddef.h>
#include <stdint.h>

/* Parse s into seconds since the epoch (UTC).  0 on success, -1 if s is no
 * date this module understands. */
int date_parse(const char *s, int64_t *out);

/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void date_format_iso(int64_t t, char *out, size_t size);

#endif

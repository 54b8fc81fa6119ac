/*
 * test_text.c - the UTF-8 helpers, the string buffer and the terminal-safety
 * choke point.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hearsay/buf.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

struct sanitize_case {
	const char *in;
	int flags;
	const char *out;
};

static const struct sanitize_case sanitize_cases[] = {
	{ "plain", 0, "plain" },
	{ "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac", 0, "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac" },
	/* ESC sequences lose the ESC; what is left is harmless text. */
	{ "a\x1b[2Jb", 0, "a[2Jb" },
	{ "title\x1b]52;c;ZXZpbA==\x07", 0, "title]52;c;ZXZpbA==" },
	/* C1 controls encoded in UTF-8 (U+009B is a CSI on some terminals). */
	{ "x\xc2\x9b" "31mred", 0, "x31mred" },
	/* Bidi override and isolate. */
	{ "abc\xe2\x80\xae" "fed\xe2\x81\xa6x", 0, "abcfedx" },
	/* Invalid bytes become U+FFFD; overlong '/' too. */
	{ "a\xff" "b", 0, "a\xef\xbf\xbd" "b" },
	{ "\xc0\xaf", 0, "\xef\xbf\xbd\xef\xbf\xbd" },
	/* Truncated sequence at the end. */
	{ "z\xe6\x97", 0, "z\xef\xbf\xbd\xef\xbf\xbd" },
	/* Surrogate encoded in UTF-8 (CESU) is invalid. */
	{ "\xed\xa0\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	{ "DEL\x7f!", 0, "DEL!" },
	{ "tab\there\nline", 0, "tab here line" },
	{ "tab\there\r\nline", TEXT_KEEP_LAYOUT, "tab\there\nline" },
	{ "  lots \n\t of   space  ", TEXT_COLLAPSE_WS, "lots of space" },
	{ "", TEXT_COLLAPSE_WS, "" },
};

static void
test_sanitize_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < nitems(sanitize_cases); i++) {
		const struct sanitize_case *c = &sanitize_cases[i];
		char *out = text_clean(c->in, c->flags);

		assert_string_equal(out, c->out);
		assert_true(utf8_valid(out, strlen(out)));
		free(out);
	}
}

static void
test_sanitize_keeps_nul_free(void **state)
{
	const char in[] = { 'a', '\0', 'b' };
	char *out = text_sanitize(in, sizeof in, 0);

	(void)state;
	assert_string_equal(out, "ab");
	free(out);
}

static void
test_utf8_roundtrip(void **state)
{
	static const uint32_t cps[] = { 0x41, 0xE9, 0x20AC, 0x1F600, 0x10FFFF };
	size_t i;

	(void)state;
	for (i = 0; i < nitems(cps); i++) {
		char enc[4];
		uint32_t back;
		size_t n = utf8_encode(cps[i], enc);

		assert_int_equal(utf8_decode(enc, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
	assert_int_equal(utf8_count("h\xc3\xa9llo", 6), 5);
	assert_false(utf8_valid("\xf5\x80\x80\x80", 4));
}

static void
test_buf_cap(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_addstr(&b, "12345"), 0);
	assert_int_equal(buf_addstr(&b, "678"), 0);
	assert_int_equal(buf_addstr(&b, "9"), -1);
	assert_true(b.overflow);
	assert_string_equal(buf_str(&b), "12345678");
	buf_reset(&b);
	assert_int_equal(buf_printf(&b, "%d-%s", 42, "x"), 0);
	assert_string_equal(buf_str(&b), "42-x");
	buf_free(&b);
}

static void
test_parse_long(void **state)
{
	long v = 0;

	(void)state;
	assert_int_equal(parse_long("42", 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(parse_long("101", 0, 100, &v), -1);
	assert_int_equal(parse_long("4x", 0, 100, &v), -1);
	assert_int_equal(parse_long("", 0, 100, &v), -1);
	assert_int_equal(ascii_casecmp("HeLLo", "hello"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sanitize_table),
		cmocka_unit_test(test_sanitize_keeps_nul_free),
		cmocka_unit_test(test_utf8_roundtrip),
		cmocka_unit_test(test_buf_cap),
		cmocka_unit_test(test_parse_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

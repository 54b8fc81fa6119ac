/*
 * config.c - fuzz target: the configuration file read with config_parse(),
 * then every option read back through its typed getter.
 *
 * Checks that every message is safe to print and that the values stay in
 * their declared ranges.  Frees everything.
 */
#include "config.h"

#include <stdlib.h>

#include "hearsay/config.h"
#include "fuzz.h"

/* Read every option back; abort when an int left its range. */
static void
config_fuzz_values(const struct config *cfg)
{
	const struct config_option *o;
	long v;
	size_t i;

	for (i = 0; i < config_option_count(); i++) {
		o = config_option_get(i);
		switch (o->type) {
		case CONFIG_BOOL:
			(void)config_bool(cfg, o->name);
			break;
		case CONFIG_INT:
			v = config_int(cfg, o->name);
			if (v < o->min || v > o->max)
				abort();
			break;
		case CONFIG_STR:
		case CONFIG_ENUM:
			if (config_str(cfg, o->name) == NULL)
				abort();
			break;
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config *cfg = config_new();
	const struct config_bind *b;
	size_t i;

	config_parse(cfg, (const char *)data, size, "fuzz");
	for (i = 0; i < config_message_count(cfg); i++)
		fuzz_assert_safe_str(config_message(cfg, i), 0);
	for (i = 0; i < config_bind_count(cfg); i++) {
		b = config_bind_get(cfg, i);
		if (b->key == NULL || b->line < 1)
			abort();
	}
	config_fuzz_values(cfg);
	config_free(cfg);
	return 0;
}

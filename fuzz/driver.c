/*
 * driver.c - a main() that runs a fuzz target over files, without
 * libFuzzer, so the seeds and every kept crasher (fuzz/regress/) run as a
 * test in every build, the ASan+UBSan one included.
 *
 *   check_TARGET FILE|DIR...   run each file (and each file in each DIR)
 *
 * Exits 0 when every input ran, 1 when a file could not be read.  A crash,
 * a failed check or (under ASan) a leak ends the process non-zero: that is
 * the test failing.  Prints only its own file names and counts.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hearsay/util.h"
#include "fuzz.h"

/* Larger inputs than libFuzzer would ever make (-max_len). */
#define DRIVER_MAX (64 * 1024 * 1024)

/* Run the target over one file; 0, or -1 when it cannot be read. */
static int
driver_file(const char *path)
{
	char *text, *err = NULL;
	uint8_t *data;
	size_t len;

	if ((text = file_read(path, DRIVER_MAX, &len, &err)) == NULL) {
		fprintf(stderr, "driver: %s\n", err);
		free(err);
		return -1;
	}
	/* An exact-size copy, so ASan sees any read past the end. */
	data = xmalloc(len > 0 ? len : 1);
	memcpy(data, text, len);
	free(text);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

/* Run the target over every regular, non-hidden file of dir, in no
 * particular order; returns the number of files that could not be read. */
static int
driver_dir(const char *dir, size_t *count)
{
	DIR *d;
	struct dirent *de;
	struct stat st;
	char *path;
	int bad = 0;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "driver: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path = xprintf("%s/%s", dir, de->d_name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			bad += driver_file(path) == -1;
			(*count)++;
		}
		free(path);
	}
	closedir(d);
	return bad;
}

int
main(int argc, char **argv)
{
	struct stat st;
	size_t count = 0;
	int i, bad = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			bad += driver_dir(argv[i], &count);
		else {
			bad += driver_file(argv[i]) == -1;
			count++;
		}
	}
	printf("%zu inputs run, %d unreadable\n", count, bad);
	return bad > 0;
}

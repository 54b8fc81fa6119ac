/*
 * paths.c - XDG base directories for the config, urls and store files.
 *
 * Never hard-codes a home path: $XDG_* first, then $HOME, then the
 * password database.
 */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hearsay/paths.h"
#include "hearsay/util.h"

static const char *
home_dir(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home != NULL && *home == '/')
		return home;
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_dir != NULL)
		return pw->pw_dir;
	return "/";
}

/* The spec says a relative XDG value is invalid and must be ignored. */
static char *
xdg_path(const char *var, const char *fallback, const char *name)
{
	const char *dir = getenv(var);

	if (dir != NULL && *dir == '/')
		return xprintf("%s/hearsay/%s", dir, name);
	return xprintf("%s/%s/hearsay/%s", home_dir(), fallback, name);
}

char *
paths_config(const char *name)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", name);
}

char *
paths_data(const char *name)
{
	return xdg_path("XDG_DATA_HOME", ".local/share", name);
}

int
paths_mkparent(const char *path, char **err)
{
	char *dir = xstrdup(path);
	char *p;
	int rc = 0;

	p = strrchr(dir, '/');
	if (p == NULL || p == dir)
		goto out;
	*p = '\0';
	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			rc = error_set(err, "cannot create %s: %s", dir,
			    strerror(errno));
			goto out;
		}
		*p = '/';
	}
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		rc = error_set(err, "cannot create %s: %s", dir, strerror(errno));
out:
	free(dir);
	return rc;
}

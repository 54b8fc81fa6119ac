/*
 * paths.c - XDG base directories for the config, urls and store files.
 *
 * Never hard-codes a home path: $XDG_* first, then $HOME, then the
 * password database.  Also where hearsay's own programs are: beside the
 * running one (a build tree), else where `make install` put them.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
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

/* The folder holding path.  Caller frees. */
static char *
paths_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *
paths_unwritable(const char *path)
{
	char *dir, *why = NULL;

	/* (A file still to be made needs only its folder.) */
	if (access(path, W_OK) == -1 && errno != ENOENT)
		return xprintf(errno == EROFS ? "%s is on a read-only file"
		    " system" : "%s is read-only", path);
	/* (A folder still to be made is paths_mkparent's to judge.) */
	dir = paths_dir(path);
	if (access(dir, W_OK) == -1 && errno != ENOENT)
		why = xprintf(errno == EROFS ? "%s is on a read-only file"
		    " system" : "%s is in a read-only folder", path);
	free(dir);
	return why;
}

char *
paths_exe_dir(void)
{
	char path[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);

	if (n <= 0)
		return NULL;
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	return xstrdup(path);
}

char *
paths_program(const char *env, const char *name, const char *installed)
{
	const char *value = env != NULL ? getenv(env) : NULL;
	char *dir, *path;

	if (value != NULL && *value != '\0')
		return xstrdup(value);
	if ((dir = paths_exe_dir()) != NULL) {
		path = xprintf("%s/%s", dir, name);
		free(dir);
		if (access(path, X_OK) == 0)
			return path;
		free(path);
	}
	return xprintf("%s/%s", installed, name);
}

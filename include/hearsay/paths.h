/*
 * paths.h - where hearsay keeps its files (XDG base directories).
 */
#ifndef HEARSAY_PATHS_H
#define HEARSAY_PATHS_H

/* $XDG_CONFIG_HOME/hearsay/NAME (default ~/.config).  Caller frees. */
char *paths_config(const char *name);
/* $XDG_DATA_HOME/hearsay/NAME (default ~/.local/share).  Caller frees. */
char *paths_data(const char *name);
/* Create the directory holding path, and its parents (mode 0700).
 * 0, or -1 with *err. */
int paths_mkparent(const char *path, char **err);
/* Why this process may not write (or make) the file at path, naming it
 * once ("PATH is read-only", "PATH is in a read-only folder": files are
 * saved by a rename in their folder, and SQLite makes its own beside the
 * store), or NULL when it may.  Caller frees. */
char *paths_unwritable(const char *path);
/* The folder of the running executable, or NULL.  Caller frees. */
char *paths_exe_dir(void);
/* Where hearsay's program NAME is: $ENV when set (the build tree's tests
 * set some), else beside the running program when it is there (a build
 * tree), else INSTALLED/NAME.  Caller frees. */
char *paths_program(const char *env, const char *name,
    const char *installed);

#endif

/*
 * enospc.c - an LD_PRELOAD shim for tests/hostile/test_store.sh, used
 * where the test cannot mount a small tmpfs: once the process has written
 * HOSTILE_ENOSPC_AFTER bytes to regular files, every further write to a
 * regular file fails with ENOSPC, as on a full disk.  Writes to pipes and
 * terminals (the messages the test reads) go through.  Must never be
 * linked into hearsay itself.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long long budget = -2;	/* -2: not read yet, -1: no limit */

/* Non-zero when writing n bytes to fd would go past the budget (which it
 * then counts). */
static int
enospc_full(int fd, size_t n)
{
	struct stat sb;
	const char *v;

	if (budget == -2) {
		v = getenv("HOSTILE_ENOSPC_AFTER");
		budget = v != NULL ? strtoll(v, NULL, 10) : -1;
	}
	if (budget < 0 || fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode))
		return 0;
	if ((long long)n > budget) {
		budget = 0;
		errno = ENOSPC;
		return 1;
	}
	budget -= (long long)n;
	return 0;
}

#define NEXT(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t
write(int fd, const void *p, size_t n)
{
	return enospc_full(fd, n) ? -1 : NEXT(write)(fd, p, n);
}

ssize_t
pwrite(int fd, const void *p, size_t n, off_t off)
{
	return enospc_full(fd, n) ? -1 : NEXT(pwrite)(fd, p, n, off);
}

ssize_t
pwrite64(int fd, const void *p, size_t n, off64_t off)
{
	return enospc_full(fd, n) ? -1 : NEXT(pwrite64)(fd, p, n, off);
}

ssize_t
writev(int fd, const struct iovec *iov, int cnt)
{
	size_t n = 0;
	int i;

	for (i = 0; i < cnt; i++)
		n += iov[i].iov_len;
	return enospc_full(fd, n) ? -1 : NEXT(writev)(fd, iov, cnt);
}

int
fallocate(int fd, int mode, off_t off, off_t len)
{
	return enospc_full(fd, (size_t)len) ? -1 :
	    NEXT(fallocate)(fd, mode, off, len);
}

int
posix_fallocate(int fd, off_t off, off_t len)
{
	return enospc_full(fd, (size_t)len) ? ENOSPC :
	    NEXT(posix_fallocate)(fd, off, len);
}

/*
 * stopat.c - an LD_PRELOAD shim that stops a process at a chosen point of
 * its SQLite work, so that a test can kill or hold `hearsay refresh`
 * mid-way at a moment it knows, instead of guessing with a delay.  It
 * wraps sqlite3_step() and nothing else; it must never be linked into
 * hearsay itself.
 *
 * STOPAT_POINT says where:
 *   step:N      before the Nth sqlite3_step() of the process
 *   in:N:M      before the Mth step inside the Nth counted transaction
 *               (its BEGIN is step 1), or before its COMMIT if it has
 *               fewer: some of its writes made, none committed
 *   commit:N    before the COMMIT of the Nth counted transaction: all its
 *               writes made, none committed
 *   committed:N after the Nth counted transaction has committed
 * A transaction counts when it steps a statement whose SQL begins with
 * STOPAT_TXN (every transaction counts when that is unset or empty).
 * Once there, the shim writes the point to the file STOPAT_MARK and then
 * waits for the file STOPAT_GATE to exist before going on, or forever
 * (for a kill -9) without one.  STOPAT_LOG names a file to which every
 * step is appended ("step transaction SQL"), to find a point.  Steps
 * include those sqlite3_exec() makes; the counting assumes one thread
 * stepping one writing connection, as in `hearsay refresh`.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

enum stopat_kind { STOPAT_NONE, STOPAT_STEP, STOPAT_IN, STOPAT_COMMIT,
	STOPAT_COMMITTED };

static struct {
	int		 ready;
	int		 stopped;	/* stops once only */
	int		(*step)(sqlite3_stmt *);
	const char	*(*sql)(sqlite3_stmt *);
	enum stopat_kind kind;
	long		 n, m;
	const char	*txn;		/* the SQL prefix of a counted one */
	FILE		*log;
	long		 steps;		/* sqlite3_step() calls so far */
	int		 in_txn;
	long		 txn_steps;	/* steps since the BEGIN */
	long		 txn_ord;	/* this transaction's number, 0: none */
	long		 counted;	/* counted transactions begun */
} sa;

/* Read STOPAT_POINT once; a point it cannot read stops nowhere. */
static void
stopat_init(void)
{
	const char *p = getenv("STOPAT_POINT");
	char kind[16];
	int got;

	sa.ready = 1;
	sa.step = (int (*)(sqlite3_stmt *))dlsym(RTLD_NEXT, "sqlite3_step");
	sa.sql = (const char *(*)(sqlite3_stmt *))dlsym(RTLD_NEXT,
	    "sqlite3_sql");
	if (getenv("STOPAT_LOG") != NULL)
		sa.log = fopen(getenv("STOPAT_LOG"), "a");
	sa.txn = getenv("STOPAT_TXN");
	if (sa.txn != NULL && *sa.txn == '\0')
		sa.txn = NULL;
	if (p == NULL)
		return;
	got = sscanf(p, "%15[a-z]:%ld:%ld", kind, &sa.n, &sa.m);
	if (got >= 2 && strcmp(kind, "step") == 0)
		sa.kind = STOPAT_STEP;
	else if (got == 3 && strcmp(kind, "in") == 0)
		sa.kind = STOPAT_IN;
	else if (got >= 2 && strcmp(kind, "commit") == 0)
		sa.kind = STOPAT_COMMIT;
	else if (got >= 2 && strcmp(kind, "committed") == 0)
		sa.kind = STOPAT_COMMITTED;
	else
		fprintf(stderr, "stopat: cannot read STOPAT_POINT=%s\n", p);
}

/* The point is reached: say so, then wait for the gate or for ever. */
static void
stopat_stop(void)
{
	const char *mark = getenv("STOPAT_MARK");
	const char *gate = getenv("STOPAT_GATE");
	char tmp[4096];
	FILE *fp;

	sa.stopped = 1;
	if (mark != NULL &&
	    (size_t)snprintf(tmp, sizeof tmp, "%s.tmp", mark) < sizeof tmp &&
	    (fp = fopen(tmp, "w")) != NULL) {
		fprintf(fp, "%s %ld\n", getenv("STOPAT_POINT"), sa.steps);
		if (fclose(fp) == 0)
			rename(tmp, mark);
	}
	for (;;) {
		if (gate != NULL && access(gate, F_OK) == 0)
			return;
		usleep(10000);
	}
}

static int
stopat_is(const char *sql, const char *word)
{
	return sql != NULL && strncmp(sql, word, strlen(word)) == 0;
}

/* Whether the point comes before the step about to run (a COMMIT when
 * commit is set). */
static int
stopat_before(int commit)
{
	switch (sa.kind) {
	case STOPAT_STEP:
		return sa.steps == sa.n;
	case STOPAT_IN:
		return sa.txn_ord == sa.n && (sa.txn_steps >= sa.m || commit);
	case STOPAT_COMMIT:
		return sa.txn_ord == sa.n && commit;
	default:
		return 0;
	}
}

int
sqlite3_step(sqlite3_stmt *s)
{
	const char *sql;
	int commit, rc;

	if (!sa.ready)
		stopat_init();
	sql = sa.sql(s);
	commit = stopat_is(sql, "COMMIT") || stopat_is(sql, "END");
	sa.steps++;
	if (stopat_is(sql, "BEGIN")) {
		sa.in_txn = 1;
		sa.txn_steps = 0;
		sa.txn_ord = sa.txn == NULL ? ++sa.counted : 0;
	}
	if (sa.in_txn) {
		sa.txn_steps++;
		if (sa.txn_ord == 0 && stopat_is(sql, sa.txn))
			sa.txn_ord = ++sa.counted;
	}
	if (sa.log != NULL) {
		fprintf(sa.log, "%ld %ld %.60s\n", sa.steps, sa.txn_ord,
		    sql != NULL ? sql : "");
		fflush(sa.log);
	}
	if (!sa.stopped && stopat_before(commit))
		stopat_stop();
	rc = sa.step(s);
	if (commit || stopat_is(sql, "ROLLBACK")) {
		if (!sa.stopped && sa.kind == STOPAT_COMMITTED && commit &&
		    sa.txn_ord == sa.n && rc == SQLITE_DONE)
			stopat_stop();
		sa.in_txn = 0;
		sa.txn_ord = 0;
	}
	return rc;
}

/*
 * ui_open.c - opening a link: run the browser on it (the browser option,
 * else each command of $BROWSER in turn, else xdg-open when there is a
 * display), or, with none (over SSH, say), show it on the status line and,
 * when the osc52 option is on, hand it to the terminal's clipboard with
 * OSC 52.
 *
 * Only http, https and mailto links are opened (url_link_check() judges):
 * a feed must never make the reader run a javascript:, file: or
 * custom-scheme URL.  A browser command is shell text, run as
 * `/bin/sh -c TEXT sh URL`: the URL is the shell's $1 and never part of
 * the text, where %u (%s in $BROWSER) stands for "$1".  Pasting the URL in
 * was newsbeuter's hole (CVE-2017-12904: a feed's link run as shell code).
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hearsay/buf.h"
#include "hearsay/text.h"
#include "hearsay/url.h"
#include "hearsay/util.h"
#include "ui/ui.h"

/* Non-zero for the links the reader opens: http, https, mailto. */
static int
open_allowed(const char *url)
{
	return url_link_check(url, NULL) == URL_LINK_WEB ||
	    url_scheme_in(url, "mailto");
}

/* The shell text that runs cmd on the URL in $1, into out.  Each "%" ph
 * (ph 'u' or 's') becomes $1 quoted for where it stands: "$1" outside
 * quotes, $1 inside double quotes, '"$1"' inside single quotes (so that
 * newsboat's "open -a App '%u'" still works); with none, " \"$1\"" is
 * appended.  With pct, "%%" is one "%" ($BROWSER's convention). */
static void
open_command(const char *cmd, char ph, int pct, struct buf *out)
{
	static const char *const ref[] = { "\"$1\"", "$1", "'\"$1\"'" };
	const char *p = cmd;
	char quote = 0;
	int found = 0;

	while (*p != '\0') {
		if (*p == '\\' && quote != '\'' && p[1] != '\0') {
			buf_add(out, p, 2);
			p += 2;
		} else if (*p == '%' && p[1] == ph) {
			buf_addstr(out, ref[quote == 0 ? 0 : quote == '"' ? 1 : 2]);
			found = 1;
			p += 2;
		} else if (pct && *p == '%' && p[1] == '%') {
			buf_addc(out, '%');
			p += 2;
		} else {
			if (quote == 0 && (*p == '\'' || *p == '"'))
				quote = *p;
			else if (quote == *p)
				quote = 0;
			buf_addc(out, *p++);
		}
	}
	if (!found)
		buf_addstr(out, " \"$1\"");
}

/* Run `sh -c text sh url` on the terminal and wait; its wait status, or
 * -1 when it could not be started.  The reader ignores ^C and ^\ meanwhile,
 * as system(3) does: they are the browser's. */
static int
open_run(const char *text, const char *url)
{
	struct sigaction ign, old_int, old_quit;
	sigset_t none;
	pid_t pid;
	int status = 0;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execl("/bin/sh", "sh", "-c", text, "sh", url, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	/* The reader blocks them outside ppoll(), so a ^C typed meanwhile is
	 * pending still: ignoring it again discards it (POSIX sigaction). */
	sigaction(SIGINT, &ign, NULL);
	sigaction(SIGQUIT, &ign, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	return pid == -1 ? -1 : status;
}

/* What came of a command that did not exit 0, for the status line. */
static char *
open_failure(const char *cmd, int status)
{
	if (status == -1)
		return xprintf("cannot run \"%s\": %s", cmd, strerror(errno));
	if (WIFSIGNALED(status))
		return xprintf("\"%s\" was killed by signal %d", cmd,
		    WTERMSIG(status));
	/* The shell's status for a command it could not find, which may be
	 * any command of the line ("... & disown" in dash): not the first. */
	if (WEXITSTATUS(status) == 127)
		return xprintf("\"%s\" exited with status 127 (a command in it "
		    "was not found)", cmd);
	return xprintf("\"%s\" exited with status %d", cmd,
	    WEXITSTATUS(status));
}

/* Run the browser commands on url with the terminal handed over: the
 * one of the browser option (ph 'u'), or each of $BROWSER's
 * colon-separated list in turn (ph 's') until one exits 0.  0, or -1 with
 * *why (the last failure; caller frees). */
static int
open_browser(const char *list, char ph, const char *url, char **why)
{
	struct buf text = BUF_INIT;
	char *copy = xstrdup(list), *cmd, *next;
	int status = -1;

	def_prog_mode();
	endwin();
	for (cmd = copy; cmd != NULL; cmd = next) {
		next = ph == 's' ? strchr(cmd, ':') : NULL;
		if (next != NULL)
			*next++ = '\0';
		if (*cmd == '\0')
			continue;
		buf_reset(&text);
		open_command(cmd, ph, ph == 's', &text);
		status = open_run(buf_str(&text), url);
		if (status == 0)
			break;
		free(*why);
		*why = open_failure(cmd, status);
	}
	reset_prog_mode();
	refresh();
	buf_free(&text);
	free(copy);
	if (status == 0) {
		free(*why);
		*why = NULL;
	}
	return status == 0 ? 0 : -1;
}

/* Base64 of s (RFC 4648, with padding) into b. */
static void
open_base64(const char *s, struct buf *b)
{
	static const char abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i;
	uint32_t v;

	for (i = 0; i + 2 < len; i += 3) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		buf_addc(b, abc[v >> 18 & 63]);
		buf_addc(b, abc[v >> 12 & 63]);
		buf_addc(b, abc[v >> 6 & 63]);
		buf_addc(b, abc[v & 63]);
	}
	if (len - i == 1) {
		v = (uint32_t)p[i] << 16;
		buf_printf(b, "%c%c==", abc[v >> 18 & 63], abc[v >> 12 & 63]);
	} else if (len - i == 2) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
		buf_printf(b, "%c%c%c=", abc[v >> 18 & 63], abc[v >> 12 & 63],
		    abc[v >> 6 & 63]);
	}
}

/* Put text on the terminal's clipboard (OSC 52); the base64 text cannot
 * carry a control character. */
static void
open_osc52(const char *text)
{
	struct buf b = BUF_INIT;

	buf_addstr(&b, "\033]52;c;");
	open_base64(text, &b);
	buf_addstr(&b, "\007");
	fflush(stdout);
	if (write(STDOUT_FILENO, buf_str(&b), b.len) == -1)
		errno = 0;	/* a clipboard is a nicety */
	buf_free(&b);
}

/* Non-zero when a graphical display is there to open links on. */
static int
open_have_display(void)
{
	const char *x = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");

	return (x != NULL && *x != '\0') || (w != NULL && *w != '\0');
}

void
ui_open_copy(struct ui *ui, const char *url)
{
	char *clean = text_clean(url, TEXT_COLLAPSE_WS);

	if (ui->opts.osc52) {
		open_osc52(clean);
		ui_status(ui, 0, "Copied %s", clean);
	} else {
		ui_status(ui, 1, "Cannot copy (osc52 is off): %s", clean);
	}
	free(clean);
}

void
ui_open_url(struct ui *ui, const char *url)
{
	const char *list = ui->opts.browser, *env = getenv("BROWSER");
	char *clean = text_clean(url, TEXT_COLLAPSE_WS), *why = NULL;
	char ph = 'u';

	if ((list == NULL || *list == '\0') && env != NULL && *env != '\0') {
		list = env;
		ph = 's';
	}
	if ((list == NULL || *list == '\0') && open_have_display())
		list = "xdg-open";
	if (clean[0] == '\0' || !open_allowed(clean)) {
		ui_status(ui, 1, "Not opened (only http, https, mailto): %s",
		    clean);
	} else if (list == NULL || *list == '\0') {
		if (ui->opts.osc52)
			open_osc52(clean);
		ui_status(ui, 0, "%s%s", clean, ui->opts.osc52 ?
		    " (copied)" : "");
	} else if (open_browser(list, ph, clean, &why) == -1) {
		ui_status(ui, 1, "Not opened: %s", why);
	} else {
		ui_status(ui, 0, "Opened %s", clean);
	}
	ui->full_redraw = 1;
	free(why);
	free(clean);
}

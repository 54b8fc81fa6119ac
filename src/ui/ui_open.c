/*
 * ui_open.c - opening a story's link: run the browser on it (the browser
 * option, else $BROWSER, else xdg-open when there is a display), or, with
 * none (over SSH, say), show it on the status line and, when the osc52
 * option is on, hand it to the terminal's clipboard with OSC 52.
 *
 * Only http, https and mailto links are opened: a feed must never make the
 * reader run a javascript:, file: or custom-scheme URL.  The browser gets
 * the URL as one argument (no shell), and the URL is cleaned first.
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
#include "hearsay/util.h"
#include "ui/ui.h"

/* Non-zero for the schemes the reader opens: http, https, mailto. */
static int
open_allowed(const char *url)
{
	static const char *const schemes[] = { "http://", "https://",
	    "mailto:" };
	size_t i;

	for (i = 0; i < nitems(schemes); i++) {
		if (ascii_ncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
			return 1;
	}
	return 0;
}

/* Run the browser on url with the terminal handed over, and wait. */
static int
open_browser(const char *browser, const char *url)
{
	sigset_t none;
	pid_t pid;
	int status = 0;

	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execlp(browser, browser, url, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	reset_prog_mode();
	refresh();
	if (pid == -1)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
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

/* Put url on the terminal's clipboard (OSC 52); the base64 text cannot
 * carry a control character. */
static void
open_osc52(const char *url)
{
	struct buf b = BUF_INIT;

	buf_addstr(&b, "\033]52;c;");
	open_base64(url, &b);
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
ui_open_url(struct ui *ui, const char *url)
{
	const char *browser = ui->opts.browser;
	char *clean = text_clean(url, TEXT_COLLAPSE_WS);

	if (browser == NULL || *browser == '\0')
		browser = getenv("BROWSER");
	if ((browser == NULL || *browser == '\0') && open_have_display())
		browser = "xdg-open";
	if (clean[0] == '\0' || !open_allowed(clean)) {
		ui_status(ui, 1, "Not opened (only http, https, mailto): %s",
		    clean);
	} else if (browser == NULL || *browser == '\0') {
		if (ui->opts.osc52)
			open_osc52(clean);
		ui_status(ui, 0, "%s%s", clean, ui->opts.osc52 ?
		    " (copied)" : "");
	} else if (open_browser(browser, clean) == -1) {
		ui_status(ui, 1, "%s failed on %s", browser, clean);
	} else {
		ui_status(ui, 0, "Opened %s", clean);
	}
	ui->full_redraw = 1;
	free(clean);
}

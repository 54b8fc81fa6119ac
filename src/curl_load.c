/*
 * curl_load.c - libcurl, loaded on its first call instead of when hearsay
 * starts.
 *
 * libcurl brings some thirty shared libraries (TLS, Kerberos, LDAP, SSH,
 * IDN...) whose relocation is three quarters of hearsay's start-up: about
 * 17 M instructions and 10 ms per process, paid by every command, even
 * `hearsay parse` and the reader, which never fetch.  hearsay is therefore
 * not linked against libcurl: this file defines the libcurl functions the
 * program calls, each forwarding to the real one in CURL_LOAD_SONAME,
 * opened (once, thread-safely) by the first call.
 *
 * Must never change what a call does: the arguments and the result pass
 * through untouched.  When the library cannot be loaded each function
 * fails the way libcurl itself reports failure (NULL handles,
 * CURLE_FAILED_INIT, -1 dates), and never prints.
 */
#include "config.h"

/* The functions below have the names of libcurl's own, which curl.h may
 * also define as type-checking macros. */
#define CURL_DISABLE_TYPECHECK 1

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>

/* curl_url_get() took a const handle in later releases: its prototype is
 * set aside and the one below (the same ABI) used whatever the version. */
#define curl_url_get curl_load_header_url_get
#include <curl/curl.h>
#undef curl_url_get

CURLUcode curl_url_get(CURLU *, CURLUPart, char **, unsigned int);

/* Blobs (7.71) are pointers too. */
#ifndef CURLOPTTYPE_BLOB
#define CURLOPTTYPE_BLOB 40000
#endif

/* libcurl's ABI has kept this soname since 2006 (7.16). */
#ifndef CURL_LOAD_SONAME
#define CURL_LOAD_SONAME "libcurl.so.4"
#endif

/* Every libcurl function hearsay uses, resolved together. */
struct curl_load_fns {
	CURLcode (*global_init)(long);
	void	 (*global_cleanup)(void);
	CURL	*(*easy_init)(void);
	void	 (*easy_cleanup)(CURL *);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	const char *(*easy_strerror)(CURLcode);
	CURLM	*(*multi_init)(void);
	CURLMcode (*multi_cleanup)(CURLM *);
	CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
	CURLMcode (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode (*multi_perform)(CURLM *, int *);
	CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned int,
	    int, int *);
	CURLMsg	*(*multi_info_read)(CURLM *, int *);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void	 (*slist_free_all)(struct curl_slist *);
	void	 (*free)(void *);
	time_t	 (*getdate)(const char *, const time_t *);
	CURLU	*(*url)(void);
	void	 (*url_cleanup)(CURLU *);
	CURLUcode (*url_get)(CURLU *, CURLUPart, char **, unsigned int);
	CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
};

/* Where each pointer of struct curl_load_fns comes from. */
static const struct {
	const char *name;
	size_t	 offset;
} curl_load_table[] = {
#define CURL_LOAD_ROW(field) \
	{ "curl_" #field, offsetof(struct curl_load_fns, field) }
	CURL_LOAD_ROW(global_init), CURL_LOAD_ROW(global_cleanup),
	CURL_LOAD_ROW(easy_init), CURL_LOAD_ROW(easy_cleanup),
	CURL_LOAD_ROW(easy_setopt), CURL_LOAD_ROW(easy_getinfo),
	CURL_LOAD_ROW(easy_strerror), CURL_LOAD_ROW(multi_init),
	CURL_LOAD_ROW(multi_cleanup), CURL_LOAD_ROW(multi_setopt),
	CURL_LOAD_ROW(multi_add_handle), CURL_LOAD_ROW(multi_remove_handle),
	CURL_LOAD_ROW(multi_perform), CURL_LOAD_ROW(multi_poll),
	CURL_LOAD_ROW(multi_info_read), CURL_LOAD_ROW(slist_append),
	CURL_LOAD_ROW(slist_free_all), CURL_LOAD_ROW(free),
	CURL_LOAD_ROW(getdate), CURL_LOAD_ROW(url),
	CURL_LOAD_ROW(url_cleanup), CURL_LOAD_ROW(url_get),
	CURL_LOAD_ROW(url_set),
#undef CURL_LOAD_ROW
};

static struct curl_load_fns curl_fns;
static int curl_loaded;
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

/* Open libcurl and resolve every function, or none (the handle is then
 * left open: libcurl may have started threads of its own). */
static void
curl_load_open(void)
{
	struct curl_load_fns fns;
	void *lib, *sym;
	size_t i;

	if ((lib = dlopen(CURL_LOAD_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return;
	for (i = 0; i < sizeof curl_load_table / sizeof curl_load_table[0];
	    i++) {
		if ((sym = dlsym(lib, curl_load_table[i].name)) == NULL)
			return;
		/* POSIX: a dlsym() result converts to a function pointer. */
		*(void **)((char *)&fns + curl_load_table[i].offset) = sym;
	}
	curl_fns = fns;
	curl_loaded = 1;
}

/* The resolved functions, or NULL when libcurl cannot be loaded. */
static const struct curl_load_fns *
curl_load(void)
{
	pthread_once(&curl_once, curl_load_open);
	return curl_loaded ? &curl_fns : NULL;
}

CURLcode
(curl_global_init)(long flags)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->global_init(flags) : CURLE_FAILED_INIT;
}

void
(curl_global_cleanup)(void)
{
	const struct curl_load_fns *f = curl_load();

	if (f != NULL)
		f->global_cleanup();
}

CURL *
(curl_easy_init)(void)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->easy_init() : NULL;
}

void
(curl_easy_cleanup)(CURL *h)
{
	const struct curl_load_fns *f = curl_load();

	if (f != NULL)
		f->easy_cleanup(h);
}

/* The variadic setters: the argument's type follows from the option's
 * number, as libcurl itself reads it (long, pointer, curl_off_t). */
CURLcode
(curl_easy_setopt)(CURL *h, CURLoption opt, ...)
{
	const struct curl_load_fns *f = curl_load();
	CURLcode rc;
	va_list ap;

	if (f == NULL)
		return CURLE_FAILED_INIT;
	va_start(ap, opt);
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		rc = f->easy_setopt(h, opt, va_arg(ap, long));
	else if (opt >= CURLOPTTYPE_OFF_T && opt < CURLOPTTYPE_BLOB)
		rc = f->easy_setopt(h, opt, va_arg(ap, curl_off_t));
	else
		rc = f->easy_setopt(h, opt, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

CURLcode
(curl_easy_getinfo)(CURL *h, CURLINFO info, ...)
{
	const struct curl_load_fns *f = curl_load();
	CURLcode rc;
	va_list ap;

	if (f == NULL)
		return CURLE_FAILED_INIT;
	va_start(ap, info);
	rc = f->easy_getinfo(h, info, va_arg(ap, void *));	/* always a pointer */
	va_end(ap);
	return rc;
}

const char *
(curl_easy_strerror)(CURLcode code)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->easy_strerror(code) :
	    "libcurl (" CURL_LOAD_SONAME ") could not be loaded";
}

CURLM *
(curl_multi_init)(void)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->multi_init() : NULL;
}

CURLMcode
(curl_multi_cleanup)(CURLM *m)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->multi_cleanup(m) : CURLM_BAD_HANDLE;
}

CURLMcode
(curl_multi_setopt)(CURLM *m, CURLMoption opt, ...)
{
	const struct curl_load_fns *f = curl_load();
	CURLMcode rc;
	va_list ap;

	if (f == NULL)
		return CURLM_BAD_HANDLE;
	va_start(ap, opt);
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		rc = f->multi_setopt(m, opt, va_arg(ap, long));
	else if (opt >= CURLOPTTYPE_OFF_T && opt < CURLOPTTYPE_BLOB)
		rc = f->multi_setopt(m, opt, va_arg(ap, curl_off_t));
	else
		rc = f->multi_setopt(m, opt, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

CURLMcode
(curl_multi_add_handle)(CURLM *m, CURL *h)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->multi_add_handle(m, h) : CURLM_BAD_HANDLE;
}

CURLMcode
(curl_multi_remove_handle)(CURLM *m, CURL *h)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->multi_remove_handle(m, h) : CURLM_BAD_HANDLE;
}

CURLMcode
(curl_multi_perform)(CURLM *m, int *running)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->multi_perform(m, running) : CURLM_BAD_HANDLE;
}

CURLMcode
(curl_multi_poll)(CURLM *m, struct curl_waitfd extra[], unsigned int n,
    int timeout_ms, int *ret)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->multi_poll(m, extra, n, timeout_ms, ret) :
	    CURLM_BAD_HANDLE;
}

CURLMsg *
(curl_multi_info_read)(CURLM *m, int *left)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->multi_info_read(m, left) : NULL;
}

struct curl_slist *
(curl_slist_append)(struct curl_slist *list, const char *s)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->slist_append(list, s) : NULL;
}

void
(curl_slist_free_all)(struct curl_slist *list)
{
	const struct curl_load_fns *f = curl_load();

	if (f != NULL)
		f->slist_free_all(list);
}

void
(curl_free)(void *p)
{
	const struct curl_load_fns *f = curl_load();

	if (f != NULL)
		f->free(p);
}

time_t
(curl_getdate)(const char *s, const time_t *unused)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->getdate(s, unused) : -1;
}

CURLU *
(curl_url)(void)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->url() : NULL;
}

void
(curl_url_cleanup)(CURLU *u)
{
	const struct curl_load_fns *f = curl_load();

	if (f != NULL)
		f->url_cleanup(u);
}

CURLUcode
(curl_url_get)(CURLU *u, CURLUPart what, char **part,
    unsigned int flags)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->url_get(u, what, part, flags) :
	    CURLUE_OUT_OF_MEMORY;
}

CURLUcode
(curl_url_set)(CURLU *u, CURLUPart what, const char *part,
    unsigned int flags)
{
	const struct curl_load_fns *f = curl_load();

	return f != NULL ? f->url_set(u, what, part, flags) :
	    CURLUE_OUT_OF_MEMORY;
}

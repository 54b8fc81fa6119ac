/*
 * ui_panes.c - the story view's Attribution and Quotes panes.
 *
 * When a story is opened its body goes through the quote engine
 * (quotes.h) once, in the pager, which also stores that result; it is
 * kept here as clean strings and laid out
 * into pane lines for a width and the session's fold state: a header line
 * per pane ("▾ Quotes  3", or folded "▸ Quotes  3"), then the dateline and
 * the sources with their cues, and each quote with its speaker and the
 * words wrapped below.  The language data is loaded lazily, once per
 * reader run; when it cannot be, the panes are one line saying so.  The
 * quotes are also found again in the wrapped body (by their words: the
 * engine's offsets count code points of its own cleaned text, which the
 * wrapped lines do not keep), so the pager can mark and jump to them.  Every
 * string from the story goes through text_clean() before it is kept.
 * Never touches the store.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/buf.h"
#include "hearsay/quotes.h"
#include "hearsay/render.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "ui/ui.h"

/* The cues beside the source column keep at least this many columns
 * (or what the widest cues need, when less). */
#define PANES_CUES_MIN	20

/* One cue of a source and how often the story uses it. */
struct panes_cue {
	char	*cue;
	size_t	 count;
};

/* One source the story cites, its cues in order of first use.  An
 * organisation also lists its people the story quotes or cites
 * ("Brittany Braml, Director of Public Affairs"), their cues its own. */
struct panes_source {
	char	*name;
	char	*people;	/* "Name, role; Name, role", or NULL */
	struct panes_cue *cues;
	size_t	 n_cues;
};

/* One quote, cleaned for drawing. */
struct panes_quote {
	char	*speaker;	/* or "(unattributed)" */
	char	*role;		/* or NULL */
	char	*cue;		/* or NULL */
	char	*text;
	enum ui_class colour;
};

/* A piece of a pane line; width 0 draws the text at its own width. */
struct panes_seg {
	char	*text;
	attr_t	 attr;
	int	 width;
};

struct panes_line {
	int	 indent;
	struct panes_seg seg[4];
	int	 n;
};

struct ui_panes {
	char	*unavailable;		/* why there are no panes, or NULL */
	char	*dateline;		/* "WASHINGTON (Reuters)", or NULL */
	struct panes_source *sources;
	size_t	 n_sources;
	struct panes_quote *quotes;
	size_t	 n_quotes;
	struct panes_line *lines;
	size_t	 n_lines;
	size_t	*quote_line;		/* per quote, or (size_t)-1 */
	int	 laid_out;		/* the story's first layout is done */
};

/* What the story view shows besides the panes on its first screen: the
 * title line and the status line, the story's header (title, date and
 * feed, link) and the rule above the body. */
#define PANES_OTHER_LINES (2 + 3 + 1)
/* The body's share of the first screen the panes must leave: a third,
 * and never fewer than this many lines. */
#define PANES_BODY_MIN 3

/* A clean copy of s (white space collapsed), or NULL for NULL or empty. */
static char *
panes_clean(const char *s)
{
	if (s == NULL || *s == '\0')
		return NULL;
	return text_clean(s, TEXT_COLLAPSE_WS);
}

/* The speaker colour of a name: a hash into the speaker classes, so one
 * speaker keeps one colour in every story. */
static enum ui_class
panes_colour(const char *name)
{
	uint32_t h = 2166136261u;
	const unsigned char *s;

	for (s = (const unsigned char *)name; *s != '\0'; s++)
		h = (h ^ *s) * 16777619u;
	return (enum ui_class)(UI_C_SPEAKER1 + h % 4);
}

/* The source called name (case-insensitive), added when new. */
static struct panes_source *
panes_source(struct ui_panes *pn, const char *name)
{
	size_t i;

	for (i = 0; i < pn->n_sources; i++) {
		if (ascii_casecmp(pn->sources[i].name, name) == 0)
			return &pn->sources[i];
	}
	pn->sources = xreallocarray(pn->sources, pn->n_sources + 1,
	    sizeof(*pn->sources));
	memset(&pn->sources[pn->n_sources], 0, sizeof(*pn->sources));
	pn->sources[pn->n_sources].name = xstrdup(name);
	return &pn->sources[pn->n_sources++];
}

/* Count one use of cue (clean) by source s. */
static void
panes_cue_add(struct panes_source *s, const char *cue)
{
	size_t i;

	for (i = 0; i < s->n_cues; i++) {
		if (ascii_casecmp(s->cues[i].cue, cue) == 0) {
			s->cues[i].count++;
			return;
		}
	}
	s->cues = xreallocarray(s->cues, s->n_cues + 1, sizeof(*s->cues));
	s->cues[s->n_cues].cue = xstrdup(cue);
	s->cues[s->n_cues].count = 1;
	s->n_cues++;
}

/* The cue of attribution a as shown, with whom it was said to ("told
 * CNN"); clean, or NULL.  Caller frees. */
static char *
panes_cue_text(const struct quotes_attrib *a)
{
	char *cue = panes_clean(a->cue), *to = panes_clean(a->addressee), *c;

	if (cue == NULL || to == NULL) {
		free(to);
		return cue;
	}
	c = xprintf("%s %s", cue, to);
	free(cue);
	free(to);
	return c;
}

/* The attribution that gives source person an organisation, or NULL. */
static const struct quotes_attrib *
panes_affiliated(const struct quotes_result *res, const char *person)
{
	size_t i;

	for (i = 0; i < res->n_attribs; i++) {
		if (res->attribs[i].affiliation != NULL &&
		    strcmp(res->attribs[i].source, person) == 0)
			return &res->attribs[i];
	}
	return NULL;
}

/* List person (clean) with role (clean, or NULL) under organisation s. */
static void
panes_person_add(struct panes_source *s, const char *person,
    const char *role)
{
	char *who = role != NULL ? xprintf("%s, %s", person, role) :
	    xstrdup(person);
	char *all;

	if (s->people == NULL) {
		s->people = who;
		return;
	}
	if (strstr(s->people, who) == NULL) {
		all = xprintf("%s; %s", s->people, who);
		free(s->people);
		s->people = all;
	}
	free(who);
}

/* The source line attribution a counts under: its person's organisation
 * (with the person listed there) when the story gives one. */
static struct panes_source *
panes_source_of(struct ui_panes *pn, const struct quotes_result *res,
    const struct quotes_attrib *a, const char *name)
{
	const struct quotes_attrib *af = panes_affiliated(res, a->source);
	struct panes_source *s;
	char *org, *role;

	if (af == NULL || (org = panes_clean(af->affiliation)) == NULL)
		return panes_source(pn, name);
	s = panes_source(pn, org);
	role = panes_clean(af->affiliation_role);
	panes_person_add(s, name, role);
	free(role);
	free(org);
	return s;
}

/* Group the result's attributions by source, people under their
 * organisation. */
static void
panes_sources(struct ui_panes *pn, const struct quotes_result *res)
{
	struct panes_source *s;
	char *name, *cue;
	size_t i;

	for (i = 0; i < res->n_attribs; i++) {
		name = panes_clean(res->attribs[i].source);
		if (name == NULL)
			continue;
		s = panes_source_of(pn, res, &res->attribs[i], name);
		cue = panes_cue_text(&res->attribs[i]);
		if (cue != NULL)
			panes_cue_add(s, cue);
		free(cue);
		free(name);
	}
}

/* Keep the result's dateline and quotes as clean strings. */
static void
panes_take(struct ui_panes *pn, const struct quotes_result *res)
{
	const struct quotes_quote *q;
	struct panes_quote *pq;
	char *place, *agency;
	size_t i;

	if (res->dateline != NULL) {
		place = panes_clean(res->dateline->place);
		agency = panes_clean(res->dateline->agency);
		if (place != NULL && agency != NULL)
			pn->dateline = xprintf("%s (%s)", place, agency);
		else if (place != NULL)
			pn->dateline = xstrdup(place);
		free(place);
		free(agency);
	}
	panes_sources(pn, res);
	pn->quotes = xcalloc(res->n_quotes + 1, sizeof(*pn->quotes));
	pn->quote_line = xcalloc(res->n_quotes + 1, sizeof(*pn->quote_line));
	for (i = 0; i < res->n_quotes; i++) {
		q = &res->quotes[i];
		pq = &pn->quotes[pn->n_quotes];
		pq->text = panes_clean(q->text);
		if (pq->text == NULL)
			continue;
		pq->speaker = panes_clean(q->speaker);
		if (pq->speaker == NULL)
			pq->speaker = xstrdup("(unattributed)");
		pq->role = panes_clean(q->speaker_role);
		pq->cue = panes_clean(q->cue);
		pq->colour = panes_colour(pq->speaker);
		pn->n_quotes++;
	}
}

struct ui_panes *
ui_panes_new(struct ui *ui, const struct quotes_result *res)
{
	struct ui_panes *pn = xcalloc(1, sizeof(*pn));

	if (ui_lang(ui) == NULL) {
		pn->unavailable = xprintf("Quotes and attribution unavailable:"
		    " %s", ui->lang_err);
		return pn;
	}
	if (res == NULL) {
		pn->unavailable = xstrdup("Quotes and attribution unavailable");
		return pn;
	}
	panes_take(pn, res);
	return pn;
}

/* Free the laid-out lines. */
static void
panes_lines_free(struct ui_panes *pn)
{
	size_t i;
	int j;

	for (i = 0; i < pn->n_lines; i++) {
		for (j = 0; j < pn->lines[i].n; j++)
			free(pn->lines[i].seg[j].text);
	}
	free(pn->lines);
	pn->lines = NULL;
	pn->n_lines = 0;
}

void
ui_panes_free(struct ui_panes *pn)
{
	size_t i, j;

	if (pn == NULL)
		return;
	panes_lines_free(pn);
	for (i = 0; i < pn->n_sources; i++) {
		for (j = 0; j < pn->sources[i].n_cues; j++)
			free(pn->sources[i].cues[j].cue);
		free(pn->sources[i].cues);
		free(pn->sources[i].name);
		free(pn->sources[i].people);
	}
	free(pn->sources);
	for (i = 0; i < pn->n_quotes; i++) {
		free(pn->quotes[i].speaker);
		free(pn->quotes[i].role);
		free(pn->quotes[i].cue);
		free(pn->quotes[i].text);
	}
	free(pn->quotes);
	free(pn->quote_line);
	free(pn->dateline);
	free(pn->unavailable);
	free(pn);
}

/* Start a new line indented by indent columns. */
static struct panes_line *
panes_line(struct ui_panes *pn, int indent)
{
	struct panes_line *l;

	pn->lines = xreallocarray(pn->lines, pn->n_lines + 1,
	    sizeof(*pn->lines));
	l = &pn->lines[pn->n_lines++];
	memset(l, 0, sizeof(*l));
	l->indent = indent;
	return l;
}

/* Add a piece to a line; text is taken over. */
static void
panes_seg(struct panes_line *l, char *text, attr_t attr, int width)
{
	if (l->n == (int)nitems(l->seg)) {
		free(text);
		return;
	}
	l->seg[l->n].text = text;
	l->seg[l->n].attr = attr;
	l->seg[l->n].width = width;
	l->n++;
}

/* A pane's header line: glyph, name, count. */
static void
panes_header(struct ui_panes *pn, int folded, const char *name, size_t n,
    const char *unit)
{
	const struct ui_glyphs *g = ui_draw_glyphs();
	struct panes_line *l = panes_line(pn, 0);

	panes_seg(l, xprintf("%s %s  %zu%s%s%s", folded ? g->fold_closed :
	    g->fold_open, name, n, unit != NULL ? " " : "", unit != NULL ?
	    unit : "", unit != NULL && n != 1 ? "s" : ""),
	    ui_theme_attr(UI_C_PANE), 0);
}

/* A source's cues: "reported, said ×3". */
static char *
panes_cues(const struct panes_source *s)
{
	struct buf b = BUF_INIT;
	char *out;
	size_t i;

	for (i = 0; i < s->n_cues; i++) {
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", s->cues[i].cue);
		if (s->cues[i].count > 1)
			buf_printf(&b, " %s%zu", ui_draw_glyphs()->times,
			    s->cues[i].count);
	}
	out = xstrdup(buf_str(&b));
	buf_free(&b);
	return out;
}

/* The width of the source column: the widest name (or "Dateline"), as
 * long as the cues keep their room beside it. */
static int
panes_name_width(const struct ui_panes *pn, int width)
{
	int w = ui_draw_width("Dateline"), cues = 0, n, cap;
	size_t i;
	char *c;

	for (i = 0; i < pn->n_sources; i++) {
		n = ui_draw_width(pn->sources[i].name);
		if (n > w)
			w = n;
		c = panes_cues(&pn->sources[i]);
		n = ui_draw_width(c);
		if (n > cues)
			cues = n;
		free(c);
	}
	if (pn->dateline != NULL && ui_draw_width(pn->dateline) > cues)
		cues = ui_draw_width(pn->dateline);
	/* The indent, the two spaces after the column, and the cues. */
	cap = width - 4 - (cues < PANES_CUES_MIN ? cues : PANES_CUES_MIN);
	if (cap < width / 3)
		cap = width / 3;
	return w < cap ? w : (cap > 1 ? cap : 1);
}

/* A source's line: its name in the source column, then its cues; an
 * organisation's people in brackets after its name, the cues aligned
 * with the column when they fit ("CIA (Brittany Braml, Director of
 * Public Affairs)  told"). */
static void
panes_source_line(struct ui_panes *pn, const struct panes_source *s, int nw)
{
	struct panes_line *l = panes_line(pn, 2);
	attr_t attr = ui_theme_attr(panes_colour(s->name));
	char *people;
	int w, rest;

	if (s->people == NULL) {
		panes_seg(l, xstrdup(s->name), attr, nw + 2);
		panes_seg(l, panes_cues(s), A_NORMAL, 0);
		return;
	}
	people = xprintf(" (%s)", s->people);
	w = ui_draw_width(people) + 2;
	rest = nw + 2 - ui_draw_width(s->name);
	panes_seg(l, xstrdup(s->name), attr, 0);
	panes_seg(l, people, A_NORMAL, w > rest ? w : rest);
	panes_seg(l, panes_cues(s), A_NORMAL, 0);
}

/* The Attribution pane's lines. */
static void
panes_attribution(struct ui_panes *pn, int folded, int width)
{
	struct panes_line *l;
	int nw = panes_name_width(pn, width);
	size_t i;

	panes_header(pn, folded, "Attribution", pn->n_sources, "source");
	if (folded)
		return;
	if (pn->dateline != NULL) {
		l = panes_line(pn, 2);
		panes_seg(l, xstrdup("Dateline"), ui_theme_attr(UI_C_DATE),
		    nw + 2);
		panes_seg(l, xstrdup(pn->dateline), A_NORMAL, 0);
	}
	for (i = 0; i < pn->n_sources; i++)
		panes_source_line(pn, &pn->sources[i], nw);
}

/* One quote: who, then the words wrapped at width and indented. */
static void
panes_quote(struct ui_panes *pn, const struct panes_quote *q, int width)
{
	struct panes_line *l = panes_line(pn, 2);
	struct render_lines *lines;
	struct render_doc *doc;
	const struct render_line *rl;
	char *words;
	size_t i;

	panes_seg(l, xstrdup(q->speaker), ui_theme_attr(q->colour), 0);
	if (q->role != NULL)
		panes_seg(l, xprintf(", %s", q->role), A_NORMAL, 0);
	if (q->cue != NULL)
		panes_seg(l, xprintf(" \xe2\x80\x94 %s", q->cue), A_NORMAL, 0);
	/* The renderer's wrapper measures columns the way the screen does. */
	words = xprintf("\xe2\x80\x9c%s\xe2\x80\x9d", q->text);
	doc = render_text(words, strlen(words));
	lines = render_wrap(doc, width - 4 > 8 ? width - 4 : 8);
	for (i = 0; i < render_lines_count(lines); i++) {
		rl = render_lines_get(lines, i);
		if (rl->len == 0)
			continue;
		l = panes_line(pn, 4);
		panes_seg(l, xstrndup(rl->text, rl->len),
		    ui_theme_attr(UI_C_QUOTE), 0);
	}
	render_lines_free(lines);
	render_doc_free(doc);
	free(words);
}

/* Lay the panes out with these fold states; returns the line count. */
static size_t
panes_lay(struct ui_panes *pn, int attrib_folded, int quotes_folded,
    int width)
{
	size_t i;

	panes_lines_free(pn);
	if (pn->unavailable != NULL) {
		panes_seg(panes_line(pn, 0), xstrdup(pn->unavailable),
		    ui_theme_attr(UI_C_PANE), 0);
		return pn->n_lines;
	}
	panes_attribution(pn, attrib_folded, width);
	panes_header(pn, quotes_folded, "Quotes", pn->n_quotes, NULL);
	for (i = 0; i < pn->n_quotes; i++) {
		pn->quote_line[i] = (size_t)-1;
		if (quotes_folded)
			continue;
		pn->quote_line[i] = pn->n_lines;
		panes_quote(pn, &pn->quotes[i], width);
	}
	return pn->n_lines;
}

/* Fold a pane to make room, remembering the state to go back to. */
static void
panes_squeeze(int *folded, int *squeezed, int *kept)
{
	*kept = *folded;
	*folded = 1;
	*squeezed = 1;
}

/* Fold the panes that need room no more back to the state they had. */
static void
panes_unsqueeze(int *folded, int *squeezed, int *kept)
{
	if (*squeezed)
		*folded = *kept;
	*squeezed = 0;
}

/* The story's first layout: start from the fold state the user chose
 * (not the one made for the story before), and when the panes would
 * leave the body less than its share of the screen, fold the Quotes pane,
 * then the Attribution pane. */
static void
panes_fit(struct ui_panes *pn, struct ui *ui, int width)
{
	int room = LINES - PANES_OTHER_LINES, body = (LINES - 2) / 3;

	panes_unsqueeze(&ui->pane_quotes_folded, &ui->pane_quotes_squeezed,
	    &ui->pane_quotes_kept);
	panes_unsqueeze(&ui->pane_attrib_folded, &ui->pane_attrib_squeezed,
	    &ui->pane_attrib_kept);
	if (body < PANES_BODY_MIN)
		body = PANES_BODY_MIN;
	if ((int)panes_lay(pn, ui->pane_attrib_folded, ui->pane_quotes_folded,
	    width) <= room - body)
		return;
	if (!ui->pane_quotes_folded)
		panes_squeeze(&ui->pane_quotes_folded,
		    &ui->pane_quotes_squeezed, &ui->pane_quotes_kept);
	if (!ui->pane_attrib_folded && (int)panes_lay(pn, 0, 1, width) >
	    room - body)
		panes_squeeze(&ui->pane_attrib_folded,
		    &ui->pane_attrib_squeezed, &ui->pane_attrib_kept);
}

size_t
ui_panes_layout(struct ui_panes *pn, struct ui *ui, int width)
{
	if (!pn->laid_out) {
		pn->laid_out = 1;
		panes_fit(pn, ui, width);
	}
	/* A pane unfolded by hand is the user's again. */
	if (!ui->pane_quotes_folded)
		ui->pane_quotes_squeezed = 0;
	if (!ui->pane_attrib_folded)
		ui->pane_attrib_squeezed = 0;
	return panes_lay(pn, ui->pane_attrib_folded, ui->pane_quotes_folded,
	    width);
}

void
ui_panes_draw(struct ui_panes *pn, size_t i, int w, int selected)
{
	const struct panes_line *l;
	attr_t sel = ui_theme_attr(UI_C_SELECTED), a;
	int used, j, cw;

	if (i >= pn->n_lines)
		return;
	l = &pn->lines[i];
	used = l->indent < w ? l->indent : w;
	ui_draw_pad(used, selected ? sel : A_NORMAL);
	for (j = 0; j < l->n && used < w; j++) {
		a = selected ? sel : l->seg[j].attr;
		if (l->seg[j].width > 0) {
			cw = l->seg[j].width < w - used ? l->seg[j].width :
			    w - used;
			/* Two spaces between the column and what follows. */
			ui_draw_cell(l->seg[j].text, cw > 2 ? cw - 2 : cw, a);
			if (cw > 2)
				ui_draw_pad(2, selected ? sel : A_NORMAL);
			used += cw;
		} else
			used += ui_draw_text(l->seg[j].text, w - used, a);
	}
}

size_t
ui_panes_n_quotes(const struct ui_panes *pn)
{
	return pn->n_quotes;
}

size_t
ui_panes_quote_line(const struct ui_panes *pn, size_t i)
{
	return i < pn->n_quotes ? pn->quote_line[i] : (size_t)-1;
}

attr_t
ui_panes_quote_attr(const struct ui_panes *pn, size_t i)
{
	return i < pn->n_quotes ? ui_theme_attr(pn->quotes[i].colour) :
	    A_NORMAL;
}

/* The line of the joined body text that byte pos falls in. */
static size_t
panes_line_at(const size_t *start, size_t count, size_t pos)
{
	size_t lo = 0, hi = count, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (start[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Where quote text q is in the joined body from `from`: the whole words,
 * else their first few (a word broken by the wrapper breaks the rest);
 * *len gets the length matched.  (size_t)-1 when nowhere. */
static size_t
panes_search(const struct buf *body, size_t from, const char *q,
    size_t *len)
{
	const char *hit;
	size_t n = strlen(q);

	while (n > 0 && from <= body->len) {
		hit = memmem(body->data + from, body->len - from, q, n);
		if (hit != NULL) {
			*len = n;
			return (size_t)(hit - body->data);
		}
		if (n <= 12)
			break;
		/* Retry with the words before the last space of the first
		 * two thirds. */
		n = n * 2 / 3;
		while (n > 0 && q[n] != ' ')
			n--;
	}
	return (size_t)-1;
}

/* Map a match [pos, pos + len) of the joined text to a span. */
static void
panes_span_set(struct ui_quote_span *sp, const struct render_lines *lines,
    const size_t *start, size_t count, size_t pos, size_t len)
{
	const struct render_line *l;
	size_t end = pos + len;

	sp->line0 = panes_line_at(start, count, pos);
	l = render_lines_get(lines, sp->line0);
	sp->off0 = l->prefix + (pos - start[sp->line0]);
	sp->line1 = panes_line_at(start, count, end - 1);
	l = render_lines_get(lines, sp->line1);
	sp->off1 = l->prefix + (end - start[sp->line1]);
	if (sp->off1 > l->len)
		sp->off1 = l->len;
}

struct ui_quote_span *
ui_panes_spans(const struct ui_panes *pn, const struct render_lines *lines,
    size_t *n)
{
	const struct render_line *l;
	struct ui_quote_span *spans;
	struct buf body = BUF_INIT;
	size_t count = render_lines_count(lines), *start, i, pos, len, from = 0;

	*n = 0;
	if (pn->n_quotes == 0 || count == 0)
		return NULL;
	/* The wrapped lines joined again by spaces, without their prefixes:
	 * a paragraph reads as it was before wrapping. */
	start = xreallocarray(NULL, count, sizeof(*start));
	for (i = 0; i < count; i++) {
		l = render_lines_get(lines, i);
		start[i] = body.len;
		if (l->len > l->prefix)
			buf_add(&body, l->text + l->prefix, l->len - l->prefix);
		buf_addc(&body, ' ');
	}
	spans = xcalloc(pn->n_quotes, sizeof(*spans));
	for (i = 0; i < pn->n_quotes; i++) {
		/* Quotes come in story order: look past the last one first. */
		pos = panes_search(&body, from, pn->quotes[i].text, &len);
		if (pos == (size_t)-1)
			pos = panes_search(&body, 0, pn->quotes[i].text, &len);
		if (pos == (size_t)-1)
			continue;
		spans[*n].quote = i;
		panes_span_set(&spans[*n], lines, start, count, pos, len);
		(*n)++;
		from = pos + len;
	}
	free(start);
	buf_free(&body);
	return spans;
}

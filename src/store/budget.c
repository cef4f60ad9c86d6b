/* The budget's aggregates (store/budget.h): what each measure commits per
 * year, recomputed from its decisions whenever it or a decision on it is
 * written, and the district's figures moved by the difference, all in the
 * writing transaction. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/booking.h"
#include "model/budget.h"
#include "model/date.h"
#include "model/measure.h"
#include "store/budget.h"

#define YEARS_MAX 64 /* a measure's years with a commitment */

struct years {
	struct commitment c[YEARS_MAX];
	size_t n;
};

struct decisions {
	struct approval a[MEASURE_APPROVALS_MAX];
	size_t n;
};

static int add_decision(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct decisions *d = ctx;

	(void)pos;
	if (d->n == MEASURE_APPROVALS_MAX)
		return 1;
	d->a[d->n++] = *(const struct approval *)rec;
	return 0;
}

static int add_year(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct years *y = ctx;

	(void)pos;
	if (y->n == YEARS_MAX)
		return 1;
	y->c[y->n++] = *(const struct commitment *)rec;
	return 0;
}

/* The records of DEF under PARENT, in the order they were made. */
static enum status children(struct store_txn *txn, const struct record_def *def, uint64_t parent,
                            store_walk_fn visit, void *ctx)
{
	uint8_t key[8];
	struct store_range range = {.index = "parent", .prefix = key};

	range.prefix_len = (size_t)index_put_id(key, sizeof(key), parent);
	return store_walk(txn, def, &range, visit, ctx);
}

/* What M's decisions commit in each year: YEARS gets a commitment per
 * year with a cost (spent 0). */
static enum status committed_by_year(struct store_txn *txn, const struct config *config,
                                     const struct measure *m, struct years *years)
{
	struct decisions *d = calloc(1, sizeof(*d));
	struct cost_segment segs[MEASURE_APPROVALS_MAX];
	enum status st =
	        d ? children(txn, &approval_def, m->head.id, add_decision, d) : STATUS_ERR_NOMEM;
	size_t n =
	        st == STATUS_OK ? measure_segments(m, d->a, d->n, segs, MEASURE_APPROVALS_MAX) : 0;
	int first = 0, last = 0;

	years->n = 0;
	for (size_t i = 0; i < n; i++) {
		if (!first || DATE_YEAR(segs[i].from) < first)
			first = DATE_YEAR(segs[i].from);
		if (DATE_YEAR(segs[i].to) > last)
			last = DATE_YEAR(segs[i].to);
	}
	for (int y = first; n && y <= last && years->n < YEARS_MAX; y++) {
		int64_t cost = cost_in_year(m->cost_model, segs, n, y);
		struct commitment *c = &years->c[years->n];

		if (!cost)
			continue;
		*c = (struct commitment){.measure_id = m->head.id, .year = y, .committed = cost};
		snprintf(c->district, sizeof(c->district), "%s", m->district);
		snprintf(c->service, sizeof(c->service), "%s", m->service);
		c->line = (int)budget_line_of_service(config, m->service);
		years->n++;
	}
	free(d);
	return st;
}

/* Adds to the figure of DISTRICT, YEAR and LINE or SERVICE, made when it
 * is not there yet. */
static enum status figure_add(struct store_txn *txn, const struct commitment *key, int line,
                              const char *service, int64_t committed, int64_t spent, int64_t open)
{
	struct budget_figure f = {.year = key->year, .line = line};
	enum status st;

	snprintf(f.district, sizeof(f.district), "%s", key->district);
	snprintf(f.service, sizeof(f.service), "%s", service);
	f.head.id = budget_figure_def.make_id(&f);
	st = store_aggregate_get(txn, &budget_figure_def, f.head.id, &f);
	if (st != STATUS_OK && st != STATUS_ERR_NOT_FOUND)
		return st;
	f.committed += committed;
	f.spent += spent;
	f.open += open;
	return store_aggregate_put(txn, &budget_figure_def, &f);
}

/* One year of a measure moved from OLD (committed and spent) to NOW: its
 * line's and its service's figures move by the difference. */
static enum status move_figures(struct store_txn *txn, const struct commitment *old,
                                const struct commitment *now)
{
	int64_t dc = now->committed - old->committed, ds = now->spent - old->spent;
	int64_t dopen =
	        budget_open(now->committed, now->spent) - budget_open(old->committed, old->spent);
	enum status st = figure_add(txn, now, now->line, "", dc, ds, dopen);

	return st == STATUS_OK ? figure_add(txn, now, -1, now->service, dc, ds, dopen) : st;
}

static struct commitment *find_year(struct years *y, int64_t year)
{
	for (size_t i = 0; i < y->n; i++)
		if (y->c[i].year == year)
			return &y->c[i];
	return NULL;
}

/* M's commitments made what its decisions commit now, year by year. */
static enum status measure_moved(struct store_txn *txn, const struct config *config,
                                 const struct measure *m)
{
	struct years *now = calloc(1, sizeof(*now)), *had = calloc(1, sizeof(*had));
	enum status st = now && had ? committed_by_year(txn, config, m, now) : STATUS_ERR_NOMEM;

	if (st == STATUS_OK)
		st = children(txn, &commitment_def, m->head.id, add_year, had);
	/* the years it had: changed or gone (committed 0, what was spent stays) */
	for (size_t i = 0; st == STATUS_OK && i < had->n; i++) {
		struct commitment *old = &had->c[i], c = *old;
		const struct commitment *n = find_year(now, old->year);

		c.committed = n ? n->committed : 0;
		if (c.committed == old->committed)
			continue;
		st = store_update(txn, &commitment_def, &c);
		if (st == STATUS_OK)
			st = move_figures(txn, old, &c);
	}
	/* the years it had not */
	for (size_t i = 0; st == STATUS_OK && i < now->n; i++) {
		struct commitment zero = now->c[i];

		if (find_year(had, now->c[i].year))
			continue;
		zero.committed = zero.spent = 0;
		st = store_insert(txn, &commitment_def, &now->c[i]);
		if (st == STATUS_OK)
			st = move_figures(txn, &zero, &now->c[i]);
	}
	free(now);
	free(had);
	return st;
}

/* --- bookings: kept per transaction, written once when it commits --- */

/* What a transaction's bookings moved, by id (open addressing, a power of
 * two of slots): the commitments as they stand now, the figures' deltas.
 * A measure's months booked in one transaction cost one write of each. */
struct pending {
	struct commitment *c; /* id 0: empty */
	size_t nc, capc;
	struct budget_figure *f; /* deltas; id 0: empty */
	size_t nf, capf;
};

static size_t slot_of(uint64_t id, size_t cap)
{
	return (size_t)(id * 11400714819323198485ULL) & (cap - 1);
}

/* The slot of ID in a table of CAP records of SIZE bytes (its head
 * first), grown when half full; NULL when out of memory. */
static void *pending_slot(void **table, size_t *n, size_t *cap, size_t size, uint64_t id)
{
	char *t = *table;
	size_t i;

	if (2 * (*n + 1) > *cap) {
		size_t bigger = *cap ? 2 * *cap : 64;
		char *grown = calloc(bigger, size);

		if (!grown)
			return NULL;
		for (size_t k = 0; k < *cap; k++) {
			const struct record_head *h = (const void *)(t + k * size);

			if (h->id) {
				for (i = slot_of(h->id, bigger);
				     ((struct record_head *)(void *)(grown + i * size))->id;)
					i = (i + 1) & (bigger - 1);
				memcpy(grown + i * size, h, size);
			}
		}
		free(t);
		*table = t = grown;
		*cap = bigger;
	}
	for (i = slot_of(id, *cap);; i = (i + 1) & (*cap - 1)) {
		struct record_head *h = (void *)(t + i * size);

		if (h->id == id)
			return h;
		if (!h->id) {
			(*n)++;
			return h;
		}
	}
}

static struct pending *pending_of(struct store_txn *txn)
{
	void **state = store_txn_hook_state(txn);

	if (!*state)
		*state = calloc(1, sizeof(struct pending));
	return *state;
}

static void pending_free(struct store_txn *txn)
{
	void **state = store_txn_hook_state(txn);
	struct pending *p = *state;

	if (p) {
		free(p->c);
		free(p->f);
		free(p);
	}
	*state = NULL;
}

static enum status figure_delta(struct pending *p, const struct commitment *key, int line,
                                const char *service, int64_t spent, int64_t open)
{
	struct budget_figure f = {.year = key->year, .line = line}, *d;

	snprintf(f.district, sizeof(f.district), "%s", key->district);
	snprintf(f.service, sizeof(f.service), "%s", service);
	f.head.id = budget_figure_def.make_id(&f);
	d = pending_slot((void **)&p->f, &p->nf, &p->capf, sizeof(*d), f.head.id);
	if (!d)
		return STATUS_ERR_NOMEM;
	if (!d->head.id)
		*d = f;
	d->spent += spent;
	d->open += open;
	return STATUS_OK;
}

/* A booking: what was spent on its measure in its year (the commitment,
 * made when there is none yet) or on its offer's line. */
static enum status booked(struct store_txn *txn, const struct booking *b)
{
	struct pending *p = pending_of(txn);
	struct commitment key = {.measure_id = b->measure_id,
	                         .year = DATE_YEAR(b->date),
	                         .line = b->line},
	                  *c;
	int64_t open;
	enum status st;

	if (!p)
		return STATUS_ERR_NOMEM;
	snprintf(key.district, sizeof(key.district), "%s", b->district);
	snprintf(key.service, sizeof(key.service), "%s", b->service);
	if (!b->measure_id) /* an offer's: its line's spent */
		return figure_delta(p, &key, b->line, "", b->amount, 0);
	key.head.id = budget_commitment_id(b->measure_id, (int)key.year);
	if (!(c = pending_slot((void **)&p->c, &p->nc, &p->capc, sizeof(*c), key.head.id)))
		return STATUS_ERR_NOMEM;
	if (!c->head.id) { /* its first booking in the transaction: as stored */
		st = store_aggregate_get(txn, &commitment_def, key.head.id, c);
		if (st == STATUS_ERR_NOT_FOUND)
			*c = key; /* nothing committed in that year: spent all the same */
		else if (st != STATUS_OK)
			return c->head.id = 0, p->nc--, st;
	}
	open = budget_open(c->committed, c->spent);
	c->spent += b->amount;
	open = budget_open(c->committed, c->spent) - open;
	st = figure_delta(p, c, c->line, "", b->amount, open);
	return st == STATUS_OK ? figure_delta(p, c, -1, c->service, b->amount, open) : st;
}

/* Writes what the transaction's bookings moved: each commitment once,
 * each figure once. */
static enum status pending_write(struct store_txn *txn)
{
	struct pending *p = *store_txn_hook_state(txn);
	enum status st = STATUS_OK;

	for (size_t i = 0; p && st == STATUS_OK && i < p->capc; i++)
		if (p->c[i].head.id)
			st = store_aggregate_put(txn, &commitment_def, &p->c[i]);
	for (size_t i = 0; p && st == STATUS_OK && i < p->capf; i++) {
		struct budget_figure *d = &p->f[i], f = *d;

		if (!d->head.id)
			continue;
		f.spent = f.open = 0;
		st = store_aggregate_get(txn, &budget_figure_def, d->head.id, &f);
		if (st == STATUS_ERR_NOT_FOUND)
			st = STATUS_OK;
		f.spent += d->spent;
		f.open += d->open;
		if (st == STATUS_OK)
			st = store_aggregate_put(txn, &budget_figure_def, &f);
	}
	pending_free(txn);
	return st;
}

enum status budget_end(void *ctx, struct store_txn *txn, bool commit)
{
	(void)ctx;
	if (!commit) {
		pending_free(txn);
		return STATUS_OK;
	}
	return pending_write(txn);
}

static __thread const struct config *thread_config;

void budget_use_config(const struct config *config)
{
	thread_config = config;
}

enum status budget_hook(void *ctx, struct store_txn *txn, const struct record_def *def,
                        const void *old, const void *new)
{
	const struct config *config =
	        thread_config ? thread_config : *(const struct config *const *)ctx;
	struct measure *m;
	enum status st;

	if (!new || !config)
		return STATUS_OK;
	if (def == &booking_def)
		return old ? STATUS_OK : booked(txn, new); /* never changed */
	if (def != &measure_def && def != &approval_def)
		return STATUS_OK;
	/* a measure's commitments are read anew: what bookings moved first */
	if (*store_txn_hook_state(txn) && (st = pending_write(txn)) != STATUS_OK)
		return st;
	if (def == &measure_def)
		return measure_moved(txn, config, new);
	if (old)
		return STATUS_OK;
	/* a decision: its measure as it stands (the demo writes the decision
	 * after its measure; the server settles the measure after it) */
	if (!(m = malloc(sizeof(*m))))
		return STATUS_ERR_NOMEM;
	st = store_get(txn, &measure_def, ((const struct approval *)new)->measure_id, m);
	if (st == STATUS_OK)
		st = measure_moved(txn, config, m);
	free(m);
	return st == STATUS_ERR_NOT_FOUND ? STATUS_OK : st;
}

/* --- verify --- */

/* What the bookings of each measure and year add up to: an open
 * addressing table by commitment id. */
struct spent_entry {
	uint64_t id; /* 0: empty */
	int64_t spent;
	bool met; /* a stored commitment holds it */
};

struct spent_map {
	struct spent_entry *e;
	size_t n, cap;
};

static struct spent_entry *spent_slot(struct spent_map *m, uint64_t id)
{
	size_t i = (size_t)(id * 11400714819323198485ULL) & (m->cap - 1);

	while (m->e[i].id && m->e[i].id != id)
		i = (i + 1) & (m->cap - 1);
	return &m->e[i];
}

static bool spent_add(struct spent_map *m, uint64_t id, int64_t amount)
{
	struct spent_entry *e;

	if (2 * (m->n + 1) > m->cap) { /* grow: rehash into twice the room */
		struct spent_map bigger = {.cap = m->cap ? 2 * m->cap : 1024};

		if (!(bigger.e = calloc(bigger.cap, sizeof(*bigger.e))))
			return false;
		for (size_t i = 0; i < m->cap; i++)
			if (m->e[i].id)
				*spent_slot(&bigger, m->e[i].id) = m->e[i];
		bigger.n = m->n;
		free(m->e);
		*m = bigger;
	}
	e = spent_slot(m, id);
	if (!e->id) {
		e->id = id;
		m->n++;
	}
	e->spent += amount;
	return true;
}

struct check {
	struct store_txn *txn;
	const struct config *config;
	FILE *out;
	unsigned long problems;
	struct spent_map spent;
	struct budget_figure *want; /* the figures the records give, by id */
	size_t nwant, cap;
	size_t next; /* the first of WANT not yet met among the stored */
	enum status st;
};

static struct budget_figure *wanted(struct check *k, const struct commitment *c, int line,
                                    const char *service)
{
	struct budget_figure f = {.year = c->year, .line = line};
	uint64_t id;
	size_t lo = 0, hi = k->nwant;

	snprintf(f.district, sizeof(f.district), "%s", c->district);
	snprintf(f.service, sizeof(f.service), "%s", service);
	id = f.head.id = budget_figure_def.make_id(&f);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (k->want[mid].head.id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < k->nwant && k->want[lo].head.id == id)
		return &k->want[lo];
	if (k->nwant == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 64;
		struct budget_figure *p = realloc(k->want, cap * sizeof(*p));

		if (!p)
			return NULL;
		k->want = p;
		k->cap = cap;
	}
	memmove(&k->want[lo + 1], &k->want[lo], (k->nwant - lo) * sizeof(*k->want));
	k->nwant++;
	k->want[lo] = f;
	return &k->want[lo];
}

static void report(struct check *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void report(struct check *k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(k->out, fmt, ap);
	va_end(ap);
	fputc('\n', k->out);
	k->problems++;
}

static void want_year(struct check *k, const struct commitment *c)
{
	struct budget_figure *line = wanted(k, c, c->line, ""), *service;

	service = line ? wanted(k, c, -1, c->service) : NULL;
	line = line && service ? wanted(k, c, c->line, "") : NULL; /* the array may have moved */
	if (!line || !service) {
		k->st = STATUS_ERR_NOMEM;
		return;
	}
	line->committed += c->committed;
	line->spent += c->spent;
	line->open += budget_open(c->committed, c->spent);
	service->committed += c->committed;
	service->spent += c->spent;
	service->open += budget_open(c->committed, c->spent);
}

/* A measure: its commitments as its decisions give them, to the cent. */
static int check_measure(void *ctx, const void *rec)
{
	struct check *k = ctx;
	const struct measure *m = rec;
	struct years *now = calloc(1, sizeof(*now)), *had = calloc(1, sizeof(*had));
	enum status st =
	        now && had ? committed_by_year(k->txn, k->config, m, now) : STATUS_ERR_NOMEM;

	if (st == STATUS_OK)
		st = children(k->txn, &commitment_def, m->head.id, add_year, had);
	for (size_t i = 0; st == STATUS_OK && i < now->n; i++) {
		const struct commitment *c = find_year(had, now->c[i].year);

		if (!c || c->committed != now->c[i].committed)
			report(k,
			       "commitments: measure %" PRIu64
			       " in %lld: %lld cents committed, its "
			       "decisions give %lld",
			       m->head.id, (long long)now->c[i].year,
			       c ? (long long)c->committed : 0LL, (long long)now->c[i].committed);
	}
	for (size_t i = 0; st == STATUS_OK && i < had->n; i++) {
		struct spent_entry *e =
		        k->spent.cap ? spent_slot(&k->spent, had->c[i].head.id) : NULL;
		int64_t booked = e && e->id ? e->spent : 0;

		if (e && e->id)
			e->met = true;
		if (booked != had->c[i].spent)
			report(k,
			       "commitments: measure %" PRIu64 " in %lld: %lld cents spent, its "
			       "bookings give %lld",
			       m->head.id, (long long)had->c[i].year, (long long)had->c[i].spent,
			       (long long)booked);
		if (!find_year(now, had->c[i].year) && had->c[i].committed)
			report(k,
			       "commitments: measure %" PRIu64
			       " in %lld: %lld cents committed, its "
			       "decisions give none",
			       m->head.id, (long long)had->c[i].year,
			       (long long)had->c[i].committed);
		want_year(k, &had->c[i]); /* the figures sum what is stored */
	}
	if (st != STATUS_OK)
		k->st = st;
	free(now);
	free(had);
	return k->st != STATUS_OK;
}

static void say_figure(struct check *k, const struct budget_figure *f, const char *what,
                       int64_t stored, int64_t wanted)
{
	report(k, "budget_figures: %s %lld %s: %s is %lld cents, the records give %lld",
	       f->district, (long long)f->year,
	       f->service[0] ? f->service : budget_line_names[f->line], what, (long long)stored,
	       (long long)wanted);
}

static int check_figure(void *ctx, const void *rec)
{
	struct check *k = ctx;
	const struct budget_figure *f = rec;
	static const struct budget_figure none;

	/* the figures the records give that sort before this one are missing */
	for (; k->next < k->nwant && k->want[k->next].head.id < f->head.id; k->next++)
		say_figure(k, &k->want[k->next], "missing: committed", 0,
		           k->want[k->next].committed);
	if (k->next < k->nwant && k->want[k->next].head.id == f->head.id) {
		const struct budget_figure *w = &k->want[k->next++];

		if (w->committed != f->committed)
			say_figure(k, f, "committed", f->committed, w->committed);
		if (w->spent != f->spent)
			say_figure(k, f, "spent", f->spent, w->spent);
		if (w->open != f->open)
			say_figure(k, f, "open", f->open, w->open);
	} else if (f->committed || f->spent || f->open) {
		say_figure(k, f, "committed", f->committed, none.committed);
	}
	return 0;
}

/* A booking: to its measure's year, or to its offer's line. */
static int count_booking(void *ctx, const void *rec)
{
	struct check *k = ctx;
	const struct booking *b = rec;
	struct commitment c = {.year = DATE_YEAR(b->date)};
	struct budget_figure *f;

	if (b->measure_id) {
		if (!spent_add(&k->spent, budget_commitment_id(b->measure_id, (int)c.year),
		               b->amount))
			k->st = STATUS_ERR_NOMEM;
		return k->st != STATUS_OK;
	}
	snprintf(c.district, sizeof(c.district), "%s", b->district);
	if (!(f = wanted(k, &c, b->line, "")))
		k->st = STATUS_ERR_NOMEM;
	else
		f->spent += b->amount;
	return k->st != STATUS_OK;
}

enum status budget_verify(struct store_txn *txn, const struct config *config, FILE *out,
                          unsigned long *problems)
{
	struct check k = {.txn = txn, .config = config, .out = out};
	enum status st = store_scan(txn, &booking_def, 0, count_booking, &k);

	if (st == STATUS_OK)
		st = k.st;
	if (st == STATUS_OK)
		st = store_scan(txn, &measure_def, 0, check_measure, &k);
	if (st == STATUS_OK)
		st = k.st;
	/* bookings of a measure's year that no commitment holds */
	for (size_t i = 0; st == STATUS_OK && i < k.spent.cap; i++)
		if (k.spent.e[i].id && !k.spent.e[i].met && k.spent.e[i].spent)
			report(&k,
			       "commitments: measure %" PRIu64 " in %d: bookings of %lld cents, "
			       "no commitment holds them",
			       k.spent.e[i].id >> 12, (int)(k.spent.e[i].id & 0xfff),
			       (long long)k.spent.e[i].spent);
	free(k.spent.e);
	if (st == STATUS_OK)
		st = store_scan(txn, &budget_figure_def, 0, check_figure, &k);
	for (; st == STATUS_OK && k.next < k.nwant; k.next++)
		say_figure(&k, &k.want[k.next], "missing: committed", 0, k.want[k.next].committed);
	free(k.want);
	*problems += k.problems;
	return st;
}

/* purge: the cases past their retention period (model/retention.h) lose
 * their names, addresses and texts; what budgets and reports count stays.
 * Offline: afterwards the database files are rewritten, so that no page
 * and no log file keeps what went. */
#include <dirent.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin_private.h"
#include "model/audit.h"
#include "model/date.h"
#include "model/draft.h"
#include "model/registry.h"
#include "model/retention.h"
#include "model/text.h"
#include "store/budget.h"
#include "store/store.h"

#define MSG_SIZE 1024

struct due {
	uint64_t id;
	char number[CASE_NUMBER_SIZE];
	char district[CONFIG_ID_SIZE];
	int32_t until;
	char why[120];
};

struct purge {
	struct admin *admin;
	struct store *store;
	struct store_txn *txn;
	int32_t today;
	struct retention retention;
	struct due *due;
	size_t ndue, cap;
	unsigned long open, kept,
	        purged; /* cases open, kept by § 9b past the plain period, purged before */
	bool dry_run;
	bool failed;
};

static int add_measure(void *ctx, const void *rec, const struct store_pos *pos)
{
	(void)pos;
	retention_add_measure(ctx, rec);
	return 0;
}

static int add_person(void *ctx, const void *rec, const struct store_pos *pos)
{
	(void)pos;
	retention_add_person(ctx, rec);
	return 0;
}

/* The children of type DEF of case ID, each to VISIT. */
static enum status walk_children(struct store_txn *txn, const struct record_def *def, uint64_t id,
                                 store_walk_fn visit, void *ctx)
{
	uint8_t key[8];
	struct store_range range = {.index = "parent", .prefix = key, .prefix_len = sizeof(key)};

	index_put_id(key, sizeof(key), id);
	return store_walk(txn, def, &range, visit, ctx);
}

static bool remember(struct purge *p, const struct case_file *c, int32_t until, const char *why)
{
	struct due *d;

	if (p->ndue == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		struct due *grown = realloc(p->due, cap * sizeof(*grown));

		if (!grown)
			return false;
		p->due = grown;
		p->cap = cap;
	}
	d = &p->due[p->ndue++];
	d->id = c->head.id;
	d->until = until;
	text_copy(d->number, sizeof(d->number), c->number);
	text_copy(d->district, sizeof(d->district), c->district);
	text_copy(d->why, sizeof(d->why), why);
	return true;
}

/* Decides for case REC: open, kept, or due (remembered). */
static int decide(void *ctx, const void *rec)
{
	struct purge *p = ctx;
	const struct case_file *c = rec;
	char why[120];
	int32_t until;
	bool plain_past;

	if (c->purged) {
		p->purged++;
		return 0;
	}
	retention_begin(&p->retention, p->admin->config, c, p->today);
	if (walk_children(p->txn, &measure_def, c->head.id, add_measure, &p->retention) !=
	            STATUS_OK ||
	    walk_children(p->txn, &person_def, c->head.id, add_person, &p->retention) !=
	            STATUS_OK) {
		p->failed = true;
		return 1;
	}
	until = retention_until(&p->retention, why, sizeof(why));
	if (p->retention.running) {
		p->open++;
		return 0;
	}
	if (until < p->today)
		return remember(p, c, until, why) ? 0 : (p->failed = true, 1);
	/* past the plain period but kept longer: the dry run says so */
	plain_past = p->retention.to_age &&
	             date_add_months(p->retention.ended,
	                             12 * p->admin->config->retention.case_years) < p->today;
	if (plain_past) {
		p->kept++;
		if (p->dry_run)
			printf("kept      %-12s %-6s %s\n", c->number, c->district, why);
	}
	return 0;
}

/* Does draft D belong to case CASE_ID (its record or the one it would be
 * added to, up the parents)? */
static bool draft_of_case(struct store_txn *txn, const struct draft *d, uint64_t case_id)
{
	const struct record_def *def = record_type_find(d->table);
	char value[32];
	uint64_t id = d->record;
	void *rec = NULL;
	bool found = false;

	if (def && !id && def->parent && draft_get(d, def->parent_field, value, sizeof(value))) {
		id = strtoull(value, NULL, 10);
		def = def->parent;
	}
	while (def && id && !found) {
		void *grown = realloc(rec, def->size);

		if (!grown)
			break;
		rec = grown;
		if (def == &case_def)
			found = id == case_id;
		else if (!def->parent || store_get(txn, def, id, rec) != STATUS_OK)
			break;
		else
			id = record_id_field(def, rec, def->parent_field);
		def = def->parent;
	}
	free(rec);
	return found;
}

struct drafts {
	uint64_t case_id, *ids;
	size_t n;
	struct store_txn *txn;
};

static int draft_visit(void *ctx, const void *rec)
{
	struct drafts *ds = ctx;
	uint64_t *grown;

	if (!draft_of_case(ds->txn, rec, ds->case_id))
		return 0;
	if (!(grown = realloc(ds->ids, (ds->n + 1) * sizeof(*grown))))
		return 1;
	ds->ids = grown;
	ds->ids[ds->n++] = ((const struct record_head *)rec)->id;
	return 0;
}

/* The drafts typed into the case's forms go with it. */
static enum status drop_drafts(struct store_txn *txn, uint64_t case_id, uint64_t *count)
{
	struct drafts ds = {.case_id = case_id, .txn = txn};
	enum status st = store_scan(txn, &draft_def, 0, draft_visit, &ds);

	for (size_t i = 0; i < ds.n && st == STATUS_OK; i++)
		st = store_delete_plain(txn, &draft_def, ds.ids[i]);
	*count += ds.n;
	free(ds.ids);
	return st;
}

/* Purges one case in a transaction of its own, with its audit entry;
 * a dry run aborts it and only counts. */
static enum status purge_case(struct purge *p, const struct due *d, const char *login,
                              struct store_purged *count)
{
	struct store_txn *txn;
	struct store_purged here = {0};
	char detail[AUDIT_DETAIL_SIZE];
	enum status st = store_begin(p->store, login, &txn);

	if (st != STATUS_OK)
		return st;
	st = store_purge(txn, &case_def, d->id, p->today, &here);
	if (st == STATUS_OK)
		st = drop_drafts(txn, d->id, &here.deleted);
	snprintf(detail, sizeof(detail),
	         "Aufbewahrungsfrist abgelaufen (%s): %llu gelöscht, %llu "
	         "anonymisiert",
	         d->why, (unsigned long long)here.deleted, (unsigned long long)here.changed);
	if (st == STATUS_OK)
		st = store_audit(txn, "purge", &case_def, d->id, detail);
	if (st == STATUS_OK && !p->dry_run)
		st = store_commit(txn);
	else
		store_abort(txn);
	if (st == STATUS_OK) {
		count->deleted += here.deleted;
		count->changed += here.changed;
		printf("%s %-12s %-6s %s: %llu records deleted, %llu anonymised\n",
		       p->dry_run ? "would go " : "purged   ", d->number, d->district, d->why,
		       (unsigned long long)here.deleted, (unsigned long long)here.changed);
	}
	return st;
}

static const char *who_am_i(char *buf, size_t size)
{
	struct passwd *pw = getpwuid(geteuid());

	snprintf(buf, size, "%s", pw ? pw->pw_name : "admin");
	return buf;
}

/* How many backups the server's backup directory holds: they keep what
 * was purged until they are rotated out. */
static int backups_held(const struct admin *admin, char *dir, size_t size)
{
	const char *conf = admin->config->backup.dir;
	DIR *d;
	struct dirent *e;
	int n = 0;

	int len = conf[0] == '/' ? snprintf(dir, size, "%s", conf)
	                         : snprintf(dir, size, "%s/%s", admin->data_dir, conf);

	if (len < 0 || (size_t)len >= size || !(d = opendir(dir)))
		return 0;
	while ((e = readdir(d)))
		n += strncmp(e->d_name, "backup-", 7) == 0;
	closedir(d);
	return n;
}

static int finish(struct purge *p, enum status st, const char *msg)
{
	if (p->txn)
		store_abort(p->txn);
	store_close(p->store);
	free(p->due);
	if (st != STATUS_OK) {
		admin_error("purge: %s", msg[0] ? msg : status_text(st));
		return ADMIN_FINDING;
	}
	return ADMIN_OK;
}

int admin_purge(struct admin *admin, int argc, char **argv)
{
	struct purge p = {.admin = admin, .today = date_today()};
	struct store_purged count = {0};
	char msg[MSG_SIZE] = "", login[CONFIG_LOGIN_SIZE];
	char dir[PATH_MAX];
	int64_t before = 0, after = 0;
	enum status st;
	int held;

	if (argc > 1 || (argc == 1 && strcmp(argv[0], "--dry-run") != 0)) {
		admin_error("usage: sozialraum-admin purge [--dry-run]");
		return ADMIN_USAGE;
	}
	p.dry_run = argc == 1;
	st = store_open(admin->data_dir, 0, &p.store, msg, sizeof(msg));
	if (st == STATUS_ERR_BUSY) {
		admin_error("purge: the server is running on %s: stop it first (purge rewrites the "
		            "database files), e.g. systemctl stop sozialraumd",
		            admin->data_dir);
		return ADMIN_FINDING;
	}
	if (st != STATUS_OK) {
		admin_error("purge: %s", msg);
		return ADMIN_FINDING;
	}
	store_set_hook(p.store, budget_hook, budget_end, &admin->config);
	if ((st = store_begin_snapshot(p.store, &p.txn)) == STATUS_OK)
		st = store_scan(p.txn, &case_def, 0, decide, &p);
	if (st == STATUS_OK && p.failed)
		st = STATUS_ERR_NOMEM;
	store_abort(p.txn);
	p.txn = NULL;
	who_am_i(login, sizeof(login));
	for (size_t i = 0; i < p.ndue && st == STATUS_OK; i++)
		st = purge_case(&p, &p.due[i], login, &count);
	if (st != STATUS_OK)
		return finish(&p, st, msg);
	printf("%s: %zu case%s past %s retention period%s (%llu records deleted, %llu "
	       "anonymised); %lu kept longer by § 9b SGB VIII, %lu open or with a help running, "
	       "%lu purged before\n",
	       p.dry_run ? "purge --dry-run" : "purge", p.ndue, p.ndue == 1 ? "" : "s",
	       p.ndue == 1 ? "its" : "their", p.dry_run ? " would go" : " purged",
	       (unsigned long long)count.deleted, (unsigned long long)count.changed, p.kept, p.open,
	       p.purged);
	if (p.dry_run)
		return finish(&p, STATUS_OK, msg);
	/* Always: a purge that stopped before its rewrite is made whole. */
	st = store_rewrite(p.store, &before, &after, msg, sizeof(msg));
	if (st == STATUS_OK)
		printf("database rewritten: %.1f MB before, %.1f MB after; no old page or log file "
		       "is left; make a new backup now, the logs begin anew\n",
		       (double)before / 1e6, (double)after / 1e6);
	if (st == STATUS_OK && (held = backups_held(admin, dir, sizeof(dir))) > 0)
		printf("%d backup%s in %s: those made before this purge still hold what it "
		       "purged until they are rotated out (the newest %d stay: backup.keep)\n",
		       held, held == 1 ? "" : "s", dir, admin->config->backup.keep);
	return finish(&p, st, msg);
}

/* Purge: what a case past its retention period leaves, and the rewrite of
 * the files afterwards, so that no page, free page or log file still
 * holds what was purged. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/registry.h"
#include "private.h"

/* --- the records of a case --- */

struct ids {
	uint64_t *id;
	size_t n, cap;
	bool failed;
};

static int collect_id(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct ids *ids = ctx;
	uint64_t *grown;

	(void)pos;
	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? 2 * ids->cap : 16;
		if (!(grown = realloc(ids->id, ids->cap * sizeof(*grown)))) {
			ids->failed = true;
			return 1;
		}
		ids->id = grown;
	}
	ids->id[ids->n++] = ((const struct record_head *)rec)->id;
	return 0;
}

/* The ids of the records of type CHILD whose parent is record ID. */
static enum status children(struct store_txn *txn, const struct record_def *child, uint64_t id,
                            struct ids *ids)
{
	uint8_t key[8];
	struct store_range range = {.index = "parent", .prefix = key, .prefix_len = sizeof(key)};
	enum status st;

	index_put_id(key, sizeof(key), id);
	st = store_walk(txn, child, &range, collect_id, ids);
	return st == STATUS_OK && ids->failed ? STATUS_ERR_NOMEM : st;
}

static enum status purge_one(struct store_txn *txn, const struct record_def *def, uint64_t id,
                             int32_t day, struct store_purged *count)
{
	void *rec = malloc(def->size);
	enum status st = rec ? store_get(txn, def, id, rec) : STATUS_ERR_NOMEM;

	if (st == STATUS_OK && def->purge == PURGE_DELETE) {
		st = store_delete(txn, def, id, ((struct record_head *)rec)->version);
		count->deleted += st == STATUS_OK;
	} else if (st == STATUS_OK && def->purge == PURGE_TEXTS && record_purge(def, rec, day)) {
		st = store_update(txn, def, rec);
		count->changed += st == STATUS_OK;
	}
	free(rec);
	return st;
}

enum status store_purge(struct store_txn *txn, const struct record_def *def, uint64_t id,
                        int32_t day, struct store_purged *count)
{
	enum status st = STATUS_OK;

	for (size_t t = 0; t < record_type_count && st == STATUS_OK; t++) {
		const struct record_def *child = record_types[t];
		struct ids ids = {0};

		if (child->parent != def)
			continue;
		st = children(txn, child, id, &ids);
		for (size_t i = 0; i < ids.n && st == STATUS_OK; i++)
			st = store_purge(txn, child, ids.id[i], day, count);
		free(ids.id);
	}
	return st == STATUS_OK ? purge_one(txn, def, id, day, count) : st;
}

/* Does DEF or a type above it have a purged field? */
static bool may_be_purged(const struct record_def *def)
{
	for (; def; def = def->parent)
		if (def->purged_field)
			return true;
	return false;
}

enum status store_purged_under(struct store_txn *txn, const struct record_def *def, const void *rec,
                               bool stored)
{
	uint64_t id = stored ? ((const struct record_head *)rec)->id : 0;
	uint64_t parent = def->parent ? record_id_field(def, rec, def->parent_field) : 0;
	enum status st = STATUS_OK;
	void *buf = NULL;

	for (; st == STATUS_OK && def && may_be_purged(def); def = def->parent, id = parent) {
		void *grown;

		if (!id)
			continue; /* a new record: its parent says */
		if (!(grown = realloc(buf, def->size))) {
			st = STATUS_ERR_NOMEM;
			break;
		}
		buf = grown;
		if (store_get(txn, def, id, buf) != STATUS_OK)
			break; /* a parent that is not there: the rules say so */
		if (record_purged(def, buf))
			st = STATUS_ERR_DENIED;
		parent = def->parent ? record_id_field(def, buf, def->parent_field) : 0;
	}
	free(buf);
	return st;
}

/* --- the rewrite --- */

/* The files of a database directory that hold tables and indexes. */
static bool is_table_file(const char *name)
{
	size_t len = strlen(name);

	return (len > 3 && strcmp(name + len - 3, ".db") == 0) ||
	       (len > 4 && strcmp(name + len - 4, ".idx") == 0);
}

/* The bytes of the files of directory PATH. */
static int64_t dir_bytes(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	struct stat sb;
	int64_t sum = 0;

	while (d && (e = readdir(d)))
		if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(sb.st_mode))
			sum += (int64_t)sb.st_size;
	if (d)
		closedir(d);
	return sum;
}

/* Copies file NAME of environment FROM into a new file of TO, record by
 * record in key order: the new pages hold what is there now, nothing
 * else. */
static int copy_db(DB_ENV *from, DB_ENV *to, const char *name)
{
	DB *in = NULL, *out = NULL;
	DBC *cursor = NULL;
	DBT key = {.flags = DB_DBT_REALLOC}, data = {.flags = DB_DBT_REALLOC};
	DBTYPE type;
	u_int32_t flags = 0, pagesize = 0;
	int ret;

	if ((ret = db_create(&in, from, 0)) != 0)
		return ret;
	if ((ret = in->open(in, NULL, name, NULL, DB_UNKNOWN, DB_RDONLY | DB_THREAD, 0)) == 0 &&
	    (ret = in->get_type(in, &type)) == 0 && (ret = in->get_flags(in, &flags)) == 0 &&
	    (ret = in->get_pagesize(in, &pagesize)) == 0 && (ret = db_create(&out, to, 0)) == 0 &&
	    (ret = out->set_flags(out, flags & (DB_DUP | DB_DUPSORT))) == 0 &&
	    (ret = out->set_pagesize(out, pagesize)) == 0 &&
	    (ret = out->open(out, NULL, name, NULL, type, DB_CREATE | DB_EXCL, 0600)) == 0)
		ret = in->cursor(in, NULL, &cursor, 0);
	while (ret == 0 && (ret = cursor->get(cursor, &key, &data, DB_NEXT)) == 0)
		ret = out->put(out, NULL, &key, &data, 0);
	if (ret == DB_NOTFOUND)
		ret = 0;
	if (cursor)
		cursor->close(cursor);
	if (out) {
		int closed = out->close(out, 0);

		ret = ret ? ret : closed;
	}
	in->close(in, 0);
	free(key.data);
	free(data.data);
	return ret;
}

/* A new environment of its own in FRESH with a copy of every table and
 * index file of STORE, their pages' log positions reset so that the
 * store's environment takes them on. */
static enum status copy_all(struct store *store, const char *fresh, char *msg, size_t size)
{
	DB_ENV *to = NULL;
	DIR *d = NULL;
	struct dirent *e;
	mode_t old_mask = umask(077);
	int ret = db_env_create(&to, 0);

	if (ret == 0 && (ret = to->set_cachesize(to, 0, 64u * 1024 * 1024, 1)) == 0)
		ret = to->open(to, fresh, DB_CREATE | DB_INIT_MPOOL | DB_PRIVATE, 0600);
	if (ret == 0 && !(d = opendir(store->dbdir)))
		ret = errno;
	while (ret == 0 && (e = readdir(d)))
		if (is_table_file(e->d_name) && (ret = copy_db(store->env, to, e->d_name)) == 0)
			ret = to->lsn_reset(to, e->d_name, 0);
	umask(old_mask);
	if (d)
		closedir(d);
	if (to) {
		int closed = to->close(to, 0);

		ret = ret ? ret : closed;
	}
	if (ret != 0)
		return store_fail(msg, size, store_status(ret),
		                  "cannot rewrite the database into %s: %s", fresh,
		                  db_strerror(ret));
	return STATUS_OK;
}

/* Removes directory PATH and the files in it. */
static void remove_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;

	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlinkat(dirfd(d), e->d_name, 0);
	if (d)
		closedir(d);
	rmdir(path);
}

static bool dir_exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

enum status store_rewrite(struct store *store, int64_t *before, int64_t *after, char *msg,
                          size_t size)
{
	char fresh[PATH_MAX + 16], old[PATH_MAX + 16];
	enum status st;
	int ret;

	snprintf(fresh, sizeof(fresh), "%s/db.rewrite", store->dir);
	snprintf(old, sizeof(old), "%s/db.purged", store->dir);
	/* Left by a purge that stopped: db/ is open here, so a copy not yet
	 * swapped in is half of one, and an old database swapped out is what
	 * the purge meant to remove. */
	remove_dir(fresh);
	remove_dir(old);
	if (dir_exists(fresh) || dir_exists(old))
		return store_fail(msg, size, STATUS_ERR_EXISTS,
		                  "%s or %s is left from an earlier purge and cannot be removed: "
		                  "remove it, then purge again",
		                  fresh, old);
	if ((ret = store->env->txn_checkpoint(store->env, 0, 0, DB_FORCE)) != 0)
		return store_fail(msg, size, store_status(ret), "cannot checkpoint: %s",
		                  db_strerror(ret));
	*before = dir_bytes(store->dbdir);
	if (mkdir(fresh, 0700) != 0)
		return store_fail(msg, size, STATUS_ERR_IO, "cannot create %s: %s", fresh,
		                  strerror(errno));
	if ((st = copy_all(store, fresh, msg, size)) != STATUS_OK) {
		remove_dir(fresh);
		return st;
	}
	/* The old environment goes with its region files and logs; the lock
	 * beside db/ stays ours throughout. */
	store_tables_close(store);
	store->env->close(store->env, 0);
	store->env = NULL;
	if (rename(store->dbdir, old) != 0 || rename(fresh, store->dbdir) != 0)
		return store_fail(
		        msg, size, STATUS_ERR_IO,
		        "cannot put the rewritten database in place (%s): %s; the old one "
		        "is in %s or %s",
		        fresh, strerror(errno), store->dbdir, old);
	remove_dir(old);
	st = store_open_into(store, store->dir, DB_RECOVER, false, msg, size);
	if (st == STATUS_OK && (ret = store->env->txn_checkpoint(store->env, 0, 0, DB_FORCE)) != 0)
		st = store_fail(msg, size, store_status(ret), "cannot checkpoint: %s",
		                db_strerror(ret));
	*after = dir_bytes(store->dbdir);
	return st;
}

/* The bare Berkeley DB loop (bare.h). */
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bare.h"
#include "bench.h"

static DB_ENV *open_env(const char *dir)
{
	DB_ENV *env;

	mkdir(dir, 0700);
	if (db_env_create(&env, 0) != 0)
		return NULL;
	/* the store's settings for a bulk load as the demo's (src/store/env.c) */
	env->set_cachesize(env, 0, 256u * 1024 * 1024, 1);
	env->set_lk_detect(env, DB_LOCK_DEFAULT);
	env->set_tx_max(env, 4096);
	env->set_lk_max_locks(env, 200000);
	env->set_lk_max_objects(env, 200000);
	env->set_lk_max_lockers(env, 20000);
	env->set_lg_bsize(env, 4u * 1024 * 1024);
	if (env->open(env, dir,
	              DB_CREATE | DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL | DB_INIT_TXN |
	                      DB_THREAD,
	              0600) != 0) {
		env->close(env, 0);
		return NULL;
	}
	return env;
}

static bool database_file(const char *name)
{
	size_t n = strlen(name);

	return (n > 3 && strcmp(name + n - 3, ".db") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".idx") == 0);
}

static int add_pair(struct file *f, const DBT *key, const DBT *data)
{
	struct pair *p;

	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 1024;

		if (!(p = realloc(f->pairs, cap * sizeof(*p))))
			return -1;
		f->pairs = p;
		f->cap = cap;
	}
	p = &f->pairs[f->n];
	if (!(p->key = malloc(key->size ? key->size : 1)) ||
	    !(p->data = malloc(data->size ? data->size : 1)))
		return -1;
	memcpy(p->key, key->data, key->size);
	memcpy(p->data, data->data, data->size);
	p->klen = key->size;
	p->dlen = data->size;
	f->n++;
	return 0;
}

/* The pairs of database file NAME of ENV that WANT takes (NULL: all) into F. */
static int read_file(DB_ENV *env, const char *name, struct file *f, bare_want_fn want, void *ctx)
{
	DB *db;
	DBC *cur;
	DBT key = {0}, data = {0};
	int ret;

	snprintf(f->name, sizeof(f->name), "%s", name);
	if (db_create(&db, env, 0) != 0 ||
	    db->open(db, NULL, name, NULL, DB_UNKNOWN, DB_RDONLY | DB_THREAD, 0) != 0)
		return -1;
	db->get_flags(db, &f->flags);
	f->flags &= DB_DUPSORT | DB_DUP;
	if (db->cursor(db, NULL, &cur, 0) != 0) {
		db->close(db, 0);
		return -1;
	}
	while ((ret = cur->get(cur, &key, &data, DB_NEXT)) == 0)
		if ((!want || want(ctx, name, &key, &data)) && add_pair(f, &key, &data) != 0)
			break;
	cur->close(cur);
	db->close(db, 0);
	return ret == DB_NOTFOUND ? 0 : -1;
}

size_t bare_read_all(const char *src, bare_want_fn want, void *ctx, struct file **out)
{
	DB_ENV *env = open_env(src);
	DIR *dir = opendir(src);
	struct file *files = NULL;
	struct dirent *e;
	size_t n = 0;

	while (env && dir && (e = readdir(dir))) {
		struct file *f;

		if (!database_file(e->d_name) || !(f = realloc(files, (n + 1) * sizeof(*f))))
			continue;
		files = f;
		memset(&files[n], 0, sizeof(files[n]));
		if (read_file(env, e->d_name, &files[n], want, ctx) == 0 && files[n].n)
			n++;
	}
	if (dir)
		closedir(dir);
	if (env)
		env->close(env, 0);
	*out = files;
	return n;
}

static int compare_at(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	return (x->at > y->at) - (x->at < y->at);
}

/* The databases of FILES created in ENV, as the store has them. */
static int open_dbs(DB_ENV *env, DB **dbs, struct file *files, size_t nfiles, size_t *total)
{
	int ret = env && dbs ? 0 : -1;

	*total = 0;
	for (size_t i = 0; i < nfiles && ret == 0; i++) {
		*total += files[i].n;
		if ((ret = db_create(&dbs[i], env, 0)) == 0 && files[i].flags)
			ret = dbs[i]->set_flags(dbs[i], files[i].flags);
		if (ret == 0)
			ret = dbs[i]->open(dbs[i], NULL, files[i].name, NULL, DB_BTREE,
			                   DB_CREATE | DB_AUTO_COMMIT | DB_THREAD, 0600);
	}
	return ret;
}

static void close_dbs(DB_ENV *env, DB **dbs, size_t nfiles)
{
	for (size_t i = 0; dbs && i < nfiles; i++)
		if (dbs[i])
			dbs[i]->close(dbs[i], 0);
	free(dbs);
	if (env)
		env->close(env, 0);
}

static int put_pair(DB *db, DB_TXN *txn, const struct pair *p)
{
	DBT key = {.data = p->key, .size = p->klen};
	DBT data = {.data = p->data, .size = p->dlen};

	return db->put(db, txn, &key, &data, 0);
}

/* The end of a loop: an open transaction aborted, the log flushed (part
 * of the time), the databases and ENV closed; returns the result. */
static int finish(DB_ENV *env, DB **dbs, size_t nfiles, DB_TXN *txn, int ret)
{
	if (txn)
		txn->abort(txn);
	if (ret == 0)
		ret = env->log_flush(env, NULL);
	close_dbs(env, dbs, nfiles);
	return ret;
}

double bare_write_all(const char *dest, struct file *files, size_t nfiles, long txns, bool sorted,
                      size_t *pairs)
{
	DB_ENV *env = open_env(dest);
	DB **dbs = calloc(nfiles, sizeof(*dbs));
	DB_TXN *txn = NULL;
	size_t total = 0, done = 0, per_txn;
	uint64_t t0;
	int ret = open_dbs(env, dbs, files, nfiles, &total);

	txns = txns > 0 ? txns : 1;
	per_txn = total / (size_t)txns + 1;
	t0 = now_ns();
	for (long t = 0; !sorted && t < txns && ret == 0; t++) {
		if ((ret = env->txn_begin(env, NULL, &txn, 0)) != 0)
			break;
		for (size_t i = 0; i < nfiles && ret == 0; i++)
			for (size_t k = files[i].n * (size_t)t / (size_t)txns;
			     k < files[i].n * (size_t)(t + 1) / (size_t)txns && ret == 0;
			     k++, done++) {
				ret = put_pair(dbs[i], txn, &files[i].pairs[k]);
			}
		if (ret == 0)
			ret = txn->commit(txn, DB_TXN_NOSYNC);
		txn = NULL;
	}
	for (size_t i = 0; sorted && i < nfiles && ret == 0; i++)
		for (size_t k = 0; k < files[i].n && ret == 0; k++, done++) {
			if (done % per_txn == 0)
				ret = env->txn_begin(env, NULL, &txn, 0);
			if (ret == 0)
				ret = put_pair(dbs[i], txn, &files[i].pairs[k]);
			if (ret == 0 && (done % per_txn == per_txn - 1 || done == total - 1)) {
				ret = txn->commit(txn, DB_TXN_NOSYNC);
				txn = NULL;
			}
		}
	ret = finish(env, dbs, nfiles, txn, ret);
	*pairs = done;
	return ret == 0 && done == total ? (double)(now_ns() - t0) / 1e9 : -1;
}

double bare_write_ordered(const char *dest, struct file *files, size_t nfiles, const size_t *txn,
                          size_t nwrites, size_t *pairs)
{
	DB_ENV *env = open_env(dest);
	DB **dbs = calloc(nfiles, sizeof(*dbs));
	size_t *next = calloc(nfiles ? nfiles : 1, sizeof(*next)), total = 0, done = 0;
	DB_TXN *t = NULL;
	uint64_t t0;
	int ret = next ? open_dbs(env, dbs, files, nfiles, &total) : -1;

	for (size_t i = 0; i < nfiles && ret == 0; i++)
		qsort(files[i].pairs, files[i].n, sizeof(struct pair), compare_at);
	t0 = now_ns();
	for (size_t w = 0; w < nwrites && ret == 0; w++) {
		if (!t && (ret = env->txn_begin(env, NULL, &t, 0)) != 0)
			break;
		for (size_t i = 0; i < nfiles && ret == 0; i++)
			for (; next[i] < files[i].n && files[i].pairs[next[i]].at == w && ret == 0;
			     next[i]++, done++)
				ret = put_pair(dbs[i], t, &files[i].pairs[next[i]]);
		if (ret == 0 && (w + 1 == nwrites || txn[w + 1] != txn[w])) {
			ret = t->commit(t, DB_TXN_NOSYNC);
			t = NULL;
		}
	}
	ret = finish(env, dbs, nfiles, t, ret);
	*pairs = done;
	free(next);
	return ret == 0 && done == total ? (double)(now_ns() - t0) / 1e9 : -1;
}

double bare_scan(const char *src, const char *const *names, size_t nnames, size_t *pairs)
{
	DB_ENV *env = open_env(src);
	uint64_t t0 = now_ns();
	int ret = env ? 0 : -1;

	*pairs = 0;
	for (size_t i = 0; i < nnames && ret == 0; i++) {
		DBT key = {.flags = DB_DBT_REALLOC}, data = {.flags = DB_DBT_REALLOC};
		DB *db;
		DBC *cur;

		if (db_create(&db, env, 0) != 0 ||
		    db->open(db, NULL, names[i], NULL, DB_UNKNOWN, DB_RDONLY | DB_THREAD, 0) != 0 ||
		    db->cursor(db, NULL, &cur, 0) != 0) {
			ret = -1;
			db->close(db, 0);
			break;
		}
		while ((ret = cur->get(cur, &key, &data, DB_NEXT)) == 0)
			(*pairs)++;
		ret = ret == DB_NOTFOUND ? 0 : -1;
		cur->close(cur);
		db->close(db, 0);
		free(key.data);
		free(data.data);
	}
	if (env)
		env->close(env, 0);
	return ret == 0 ? (double)(now_ns() - t0) / 1e9 : -1;
}

void bare_free(struct file *files, size_t nfiles)
{
	for (size_t i = 0; i < nfiles; i++) {
		for (size_t k = 0; k < files[i].n; k++) {
			free(files[i].pairs[k].key);
			free(files[i].pairs[k].data);
		}
		free(files[i].pairs);
	}
	free(files);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void bare_remove(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

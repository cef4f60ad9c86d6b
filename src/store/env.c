/* The environment: directory checks, the single-owner lock, opening with
 * recovery, transactions, and the offline maintenance (recover, backup,
 * restore).
 *
 * Single owner: the lock file DIR/lock is held with flock() for as long as a
 * store is open. Berkeley DB's multi-process mode would need every process
 * to cooperate, and one killed inside the library stalls the others; with
 * one owner, normal recovery on every open is always safe.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "private.h"

#define DATA_DIR_MODE 0711
#define DB_DIR_MODE   0700
#define CACHE_BYTES   (64u * 1024 * 1024)
/* A bulk load (demo data) writes to every index of every table at once:
 * with the server's cache it would spend its time evicting dirty pages.
 * The region grows only as far as it is used. It has no snapshot readers
 * beside it, so its pages need no old versions (DB_MULTIVERSION off): with
 * them, a load of 200,000 cases ran out of mutexes and froze buffers to
 * files. */
#define BULK_CACHE_BYTES (256u * 1024 * 1024)

static void default_logger(const char *message)
{
	fprintf(stderr, "sozialraum: Berkeley DB: %s\n", message);
}

static void (*logger)(const char *message) = default_logger;

void store_set_logger(void (*fn)(const char *message))
{
	logger = fn ? fn : default_logger;
}

static void errcall(const DB_ENV *env, const char *prefix, const char *message)
{
	(void)env;
	(void)prefix;
	logger(message);
}

enum status store_status(int ret)
{
	switch (ret) {
	case 0:
		return STATUS_OK;
	case DB_NOTFOUND:
	case DB_KEYEMPTY:
	case ENOENT:
		return STATUS_ERR_NOT_FOUND;
	case DB_KEYEXIST:
		return STATUS_ERR_EXISTS;
	case DB_LOCK_DEADLOCK:
	case DB_LOCK_NOTGRANTED:
		return STATUS_ERR_DEADLOCK;
	case DB_RUNRECOVERY:
		return STATUS_ERR_RECOVER;
	case DB_VERIFY_BAD:
	case DB_SECONDARY_BAD:
		return STATUS_ERR_CORRUPT;
	case ENOMEM:
		return STATUS_ERR_NOMEM;
	case EACCES:
	case EPERM:
		return STATUS_ERR_DENIED;
	default:
		return ret > 0 ? STATUS_ERR_IO : STATUS_ERR_INTERNAL;
	}
}

enum status store_fail(char *msg, size_t size, enum status st, const char *fmt, ...)
{
	va_list ap;

	if (msg && size) {
		va_start(ap, fmt);
		vsnprintf(msg, size, fmt, ap);
		va_end(ap);
	}
	return st;
}

static const char *user_name(uid_t uid, char *buf, size_t size)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "uid %u", (unsigned)uid);
	return buf;
}

/* One sentence for each way a directory can be unusable. */
static enum status check_dir(const char *path, mode_t want, char *msg, size_t size)
{
	struct stat st;
	char owner[64], me[64];

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return store_fail(
			        msg, size, STATUS_ERR_NOT_FOUND,
			        "%s does not exist: create it with 'sozialraum-admin init'", path);
		return store_fail(msg, size, STATUS_ERR_IO, "cannot access %s: %s", path,
		                  strerror(errno));
	}
	if (!S_ISDIR(st.st_mode))
		return store_fail(msg, size, STATUS_ERR_INVALID, "%s is not a directory", path);
	if (st.st_uid != geteuid())
		return store_fail(msg, size, STATUS_ERR_DENIED,
		                  "%s belongs to the service account %s, but this program runs "
		                  "as %s: run it as %s (sudo -u %s sozialraum-admin ...)",
		                  path, user_name(st.st_uid, owner, sizeof(owner)),
		                  user_name(geteuid(), me, sizeof(me)), owner, owner);
	if ((st.st_mode & 07777) != want)
		return store_fail(msg, size, STATUS_ERR_DENIED,
		                  "%s has mode %04o, expected %04o: chmod %04o %s", path,
		                  (unsigned)(st.st_mode & 07777), (unsigned)want, (unsigned)want,
		                  path);
	return STATUS_OK;
}

static enum status set_paths(struct store *store, const char *dir, char *msg, size_t size)
{
	if (snprintf(store->dir, sizeof(store->dir), "%s", dir) >= (int)sizeof(store->dir) ||
	    snprintf(store->dbdir, sizeof(store->dbdir), "%s/db", dir) >= (int)sizeof(store->dbdir))
		return store_fail(msg, size, STATUS_ERR_TOO_LONG, "path too long: %s", dir);
	return STATUS_OK;
}

static enum status check_db_dir(struct store *store, char *msg, size_t size)
{
	enum status st = check_dir(store->dbdir, DB_DIR_MODE, msg, size);

	char swapped[PATH_MAX + 16];
	struct stat sb;

	snprintf(swapped, sizeof(swapped), "%s/db.rewrite", store->dir);
	if (st == STATUS_ERR_NOT_FOUND && msg && stat(swapped, &sb) == 0)
		snprintf(msg, size,
		         "data directory %s has no db/: a purge stopped while it put the "
		         "rewritten database in place; finish it with 'mv %s %s', then purge again",
		         store->dir, swapped, store->dbdir);
	else if (st == STATUS_ERR_NOT_FOUND && msg)
		snprintf(msg, size,
		         "data directory %s has no database: create it with 'sozialraum-admin "
		         "init'",
		         store->dir);
	return st;
}

/* Takes DIR/lock for this process; a running server holds it. The lock lives
 * beside db/, not in it, so that restore can swap db/ while holding it. */
static enum status take_lock(struct store *store, char *msg, size_t size)
{
	char path[PATH_MAX + 8], pid[32] = "";
	ssize_t n;

	snprintf(path, sizeof(path), "%s/lock", store->dir);
	store->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (store->lock_fd < 0)
		return store_fail(msg, size, STATUS_ERR_IO, "cannot open %s: %s", path,
		                  strerror(errno));
	if (flock(store->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		n = pread(store->lock_fd, pid, sizeof(pid) - 1, 0);
		pid[n > 0 ? n : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		return store_fail(msg, size, STATUS_ERR_BUSY,
		                  "data directory %s is in use by process %s (a running "
		                  "sozialraumd?): stop it first, e.g. systemctl stop sozialraumd",
		                  store->dir, pid[0] ? pid : "?");
	}
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(store->lock_fd, 0) != 0 || pwrite(store->lock_fd, pid, (size_t)n, 0) != n)
		return store_fail(msg, size, STATUS_ERR_IO, "cannot write %s: %s", path,
		                  strerror(errno));
	return STATUS_OK;
}

enum status store_lock(struct store *store, const char *dir, char *msg, size_t size)
{
	enum status st = set_paths(store, dir, msg, size);

	if (st == STATUS_OK)
		st = check_dir(store->dir, DATA_DIR_MODE, msg, size);
	if (st == STATUS_OK)
		st = take_lock(store, msg, size);
	return st;
}

static int env_configure(DB_ENV *env, unsigned flags)
{
	int ret;

	env->set_errcall(env, errcall);
	if ((ret = env->set_cachesize(env, 0, flags & STORE_BULK ? BULK_CACHE_BYTES : CACHE_BYTES,
	                              1)) != 0 ||
	    (ret = env->set_lk_detect(env, DB_LOCK_DEFAULT)) != 0 ||
	    (ret = env->set_tx_max(env, 4096)) != 0 ||
	    (ret = env->set_lk_max_locks(env, 200000)) != 0 ||
	    (ret = env->set_lk_max_objects(env, 200000)) != 0 ||
	    (ret = env->set_lk_max_lockers(env, 20000)) != 0 ||
	    (ret = env->set_lg_bsize(env, 4u * 1024 * 1024)) != 0 ||
	    (ret = env->set_flags(env, DB_MULTIVERSION, !(flags & STORE_BULK))) != 0 ||
	    (ret = store_backup_callbacks(env)) != 0)
		return ret;
	return 0;
}

enum status store_env_open(struct store *store, const char *dir, u_int32_t extra_flags, char *msg,
                           size_t size)
{
	u_int32_t flags = DB_CREATE | DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL | DB_INIT_TXN |
	                  DB_THREAD | extra_flags;
	enum status st;
	mode_t old_mask;
	int ret;

	st = store->lock_fd < 0 ? store_lock(store, dir, msg, size) : STATUS_OK;
	if (st == STATUS_OK)
		st = check_db_dir(store, msg, size);
	if (st != STATUS_OK)
		return st;
	if ((ret = db_env_create(&store->env, 0)) == 0)
		store->env->app_private = store;
	if (ret != 0 || (ret = env_configure(store->env, store->flags)) != 0)
		return store_fail(msg, size, store_status(ret), "cannot set up the environment: %s",
		                  db_strerror(ret));
	/* The environment creates its files with mode & ~umask: keep them 0600. */
	old_mask = umask(077);
	ret = store->env->open(store->env, store->dbdir, flags, 0600);
	umask(old_mask);
	if (ret != 0)
		return store_fail(msg, size, store_status(ret),
		                  "cannot open the database in %s: %s", store->dbdir,
		                  db_strerror(ret));
	return STATUS_OK;
}

struct store *store_alloc(void)
{
	struct store *store = calloc(1, sizeof(*store));

	if (store) {
		store->lock_fd = -1;
		store->backup_fd = -1;
		pthread_mutex_init(&store->seq_lock, NULL);
	}
	return store;
}

void store_release(struct store *store)
{
	store_tables_close(store);
	if (store->env)
		store->env->close(store->env, 0);
	if (store->lock_fd >= 0)
		close(store->lock_fd);
	pthread_mutex_destroy(&store->seq_lock);
	free(store);
}

static enum status meta_get_format(struct store *store, uint32_t *format)
{
	DBT key = {.data = "format", .size = 6};
	DBT data = {0};
	unsigned char buf[4];
	int ret;

	data.data = buf;
	data.ulen = sizeof(buf);
	data.flags = DB_DBT_USERMEM;
	ret = store->meta->get(store->meta, NULL, &key, &data, 0);
	if (ret != 0)
		return store_status(ret);
	if (data.size != 4)
		return STATUS_ERR_CORRUPT;
	*format = (uint32_t)buf[0] | (uint32_t)buf[1] << 8 | (uint32_t)buf[2] << 16 |
	          (uint32_t)buf[3] << 24;
	return STATUS_OK;
}

static enum status check_format(struct store *store, char *msg, size_t size)
{
	uint32_t format = 0;
	enum status st = meta_get_format(store, &format);

	if (st == STATUS_ERR_NOT_FOUND)
		return store_fail(
		        msg, size, st,
		        "data directory %s is not initialised: run 'sozialraum-admin init'",
		        store->dir);
	if (st != STATUS_OK)
		return store_fail(msg, size, st, "cannot read the format of %s: %s", store->dir,
		                  status_text(st));
	if (format > STORE_FORMAT)
		return store_fail(
		        msg, size, STATUS_ERR_NEWER_FORMAT,
		        "data directory %s was written by a newer sozialraum (data format "
		        "%u, this program knows %u): install the newer program",
		        store->dir, (unsigned)format, (unsigned)STORE_FORMAT);
	return STATUS_OK;
}

enum status store_open_into(struct store *store, const char *dir, u_int32_t env_flags, bool create,
                            char *msg, size_t size)
{
	enum status st = store->env ? STATUS_OK : store_env_open(store, dir, env_flags, msg, size);
	int ret;

	if (st == STATUS_OK && (ret = store_tables_open(store, NULL, create)) != 0)
		st = ret == ENOENT ? store_fail(msg, size, STATUS_ERR_NOT_FOUND,
		                                "data directory %s is not initialised: run "
		                                "'sozialraum-admin init'",
		                                dir)
		                   : store_fail(msg, size, store_status(ret),
		                                "cannot open the tables in %s: %s", dir,
		                                db_strerror(ret));
	if (st == STATUS_OK)
		st = check_format(store, msg, size);
	return st;
}

static enum status open_new(const char *dir, unsigned flags, u_int32_t env_flags,
                            struct store **out, char *msg, size_t size)
{
	struct store *store = store_alloc();
	enum status st;

	*out = NULL;
	if (!store)
		return store_fail(msg, size, STATUS_ERR_NOMEM, "out of memory");
	store->flags = flags;
	st = store_open_into(store, dir, env_flags, false, msg, size);
	if (st != STATUS_OK) {
		store_release(store);
		return st;
	}
	*out = store;
	return STATUS_OK;
}

enum status store_open(const char *dir, unsigned flags, struct store **out, char *msg, size_t size)
{
	return open_new(dir, flags, DB_RECOVER, out, msg, size);
}

void store_close(struct store *store)
{
	if (!store)
		return;
	if (store->env) {
		store->env->log_flush(store->env, NULL);
		store->env->txn_checkpoint(store->env, 0, 0, 0);
	}
	store_release(store);
}

static enum status make_dir(const char *path, mode_t mode, char *msg, size_t size)
{
	if (mkdir(path, mode) != 0 && errno != EEXIST)
		return store_fail(msg, size, STATUS_ERR_IO, "cannot create %s: %s", path,
		                  strerror(errno));
	if (errno != EEXIST && chmod(path, mode) != 0)
		return store_fail(msg, size, STATUS_ERR_IO, "cannot set the mode of %s: %s", path,
		                  strerror(errno));
	return STATUS_OK;
}

static enum status write_format(struct store *store)
{
	unsigned char buf[4] = {STORE_FORMAT & 0xff, (STORE_FORMAT >> 8) & 0xff,
	                        (STORE_FORMAT >> 16) & 0xff, (STORE_FORMAT >> 24) & 0xff};
	DBT key = {.data = "format", .size = 6};
	DBT data = {.data = buf, .size = 4};
	int ret = store->meta->put(store->meta, NULL, &key, &data, DB_NOOVERWRITE);

	return ret == DB_KEYEXIST ? STATUS_OK : store_status(ret);
}

enum status store_init(const char *dir, char *msg, size_t size)
{
	char dbdir[PATH_MAX];
	struct store *store = store_alloc();
	enum status st;
	int ret;

	if (!store)
		return store_fail(msg, size, STATUS_ERR_NOMEM, "out of memory");
	if (snprintf(dbdir, sizeof(dbdir), "%s/db", dir) >= (int)sizeof(dbdir))
		st = store_fail(msg, size, STATUS_ERR_TOO_LONG, "path too long: %s", dir);
	else
		st = make_dir(dir, DATA_DIR_MODE, msg, size);
	if (st == STATUS_OK)
		st = make_dir(dbdir, DB_DIR_MODE, msg, size);
	if (st == STATUS_OK)
		st = store_env_open(store, dir, DB_RECOVER, msg, size);
	if (st == STATUS_OK && (ret = store_tables_open(store, NULL, true)) != 0)
		st = store_fail(msg, size, store_status(ret), "cannot create the tables in %s: %s",
		                dir, db_strerror(ret));
	if (st == STATUS_OK && (st = write_format(store)) != STATUS_OK)
		store_fail(msg, size, st, "cannot write the format of %s", dir);
	if (st == STATUS_OK)
		st = check_format(store, msg, size);
	if (st == STATUS_OK)
		store_close(store);
	else
		store_release(store);
	return st;
}

static enum status txn_new(struct store *store, const char *login, u_int32_t flags,
                           struct store_txn **out)
{
	struct store_txn *txn = calloc(1, sizeof(*txn));
	int ret;

	*out = NULL;
	if (!txn)
		return STATUS_ERR_NOMEM;
	txn->store = store;
	txn->snapshot = (flags & DB_TXN_SNAPSHOT) != 0;
	snprintf(txn->login, sizeof(txn->login), "%s", login ? login : "");
	ret = store->env->txn_begin(store->env, NULL, &txn->txn, flags);
	if (ret != 0) {
		free(txn);
		return store_status(ret);
	}
	*out = txn;
	return STATUS_OK;
}

enum status store_begin(struct store *store, const char *login, struct store_txn **out)
{
	return txn_new(store, login, 0, out);
}

enum status store_begin_snapshot(struct store *store, struct store_txn **out)
{
	return txn_new(store, NULL, DB_TXN_SNAPSHOT, out);
}

void **store_txn_hook_state(struct store_txn *txn)
{
	return &txn->hook_state;
}

/* The hook's end of TXN: COMMIT, what it kept is written (an error is
 * returned and the caller aborts); else let go. */
static enum status hook_end(struct store_txn *txn, bool commit)
{
	struct store *store = txn->store;

	if (!store->hook_end || (!txn->hook_state && commit))
		return STATUS_OK;
	return store->hook_end(store->hook_ctx, txn, commit);
}

static enum status commit_with(struct store_txn *txn, u_int32_t flags)
{
	enum status st = hook_end(txn, true);
	int ret;

	if (st == STATUS_OK)
		st = store_seq_flush(txn);
	if (st != STATUS_OK) {
		store_abort(txn);
		return st;
	}
	ret = txn->txn->commit(txn->txn, flags);
	free(txn);
	return store_status(ret);
}

enum status store_commit(struct store_txn *txn)
{
	return commit_with(txn, (txn->store->flags & STORE_BULK) ? DB_TXN_NOSYNC : 0);
}

enum status store_commit_deferred(struct store_txn *txn)
{
	return commit_with(txn, DB_TXN_NOSYNC);
}

void store_abort(struct store_txn *txn)
{
	if (!txn)
		return;
	if (txn->hook_state)
		hook_end(txn, false);
	txn->txn->abort(txn->txn);
	free(txn);
}

enum status store_flush(struct store *store)
{
	return store_status(store->env->log_flush(store->env, NULL));
}

enum status store_recover(const char *dir, bool catastrophic, char *msg, size_t size)
{
	struct store *store;
	enum status st;

	st = open_new(dir, 0, catastrophic ? DB_RECOVER_FATAL : DB_RECOVER, &store, msg, size);
	if (st == STATUS_OK)
		store_close(store);
	return st;
}

enum status store_checkpoint(struct store *store, unsigned kbytes, unsigned minutes, int64_t *when)
{
	DB_ENV *env = store->env;
	DB_TXN_STAT *stat;
	int ret = env->txn_checkpoint(env, kbytes, minutes, 0);

	if (ret == 0 && when && (ret = env->txn_stat(env, &stat, 0)) == 0) {
		*when = (int64_t)stat->st_time_ckp;
		free(stat);
	}
	return store_status(ret);
}

enum status store_log_size(struct store *store, int64_t *files, int64_t *bytes)
{
	char **list = NULL, path[PATH_MAX + 64];
	struct stat sb;
	int ret = store->env->log_archive(store->env, &list, DB_ARCH_LOG | DB_ARCH_ABS);

	*files = *bytes = 0;
	if (ret != 0)
		return store_status(ret);
	for (char **p = list; p && *p; p++) {
		snprintf(path, sizeof(path), "%s", *p);
		if (stat(path, &sb) == 0) {
			(*files)++;
			*bytes += (int64_t)sb.st_size;
		}
	}
	free(list);
	return STATUS_OK;
}

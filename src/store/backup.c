/* Hot backup and restore.
 *
 * A backup is Berkeley DB's own: a checkpoint, then DB_ENV->backup copies
 * the tables and the log files while writers go on. Restore copies such a
 * backup into a fresh db/ beside the current one, swaps the two (the old
 * one is kept as db.before-restore-TIME), and runs catastrophic recovery,
 * which replays the copied logs to the last transaction the backup holds.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "private.h"

static bool dir_is_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	bool empty = true;

	if (!d)
		return errno == ENOENT;
	while (empty && (e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = false;
	closedir(d);
	return empty;
}

enum status store_backup(struct store *store, const char *dir, char *msg, size_t size)
{
	DB_ENV *env = store->env;
	int ret;

	if (!dir_is_empty(dir))
		return store_fail(msg, size, STATUS_ERR_EXISTS,
		                  "backup directory %s is not empty: name a new or empty one", dir);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return store_fail(msg, size, STATUS_ERR_IO, "cannot create %s: %s", dir,
		                  strerror(errno));
	if ((ret = env->txn_checkpoint(env, 0, 0, 0)) != 0 ||
	    (ret = env->backup(env, dir, DB_CREATE)) != 0)
		return store_fail(msg, size, store_status(ret), "backup into %s failed: %s", dir,
		                  db_strerror(ret));
	return STATUS_OK;
}

/* The files of an environment that a backup holds: tables and logs. */
static bool is_backup_file(const char *name)
{
	size_t len = strlen(name);

	return strncmp(name, "log.", 4) == 0 || (len > 3 && strcmp(name + len - 3, ".db") == 0) ||
	       (len > 4 && strcmp(name + len - 4, ".idx") == 0);
}

static enum status copy_file(const char *from, const char *to, char *msg, size_t size)
{
	char buf[1 << 16];
	int in = open(from, O_RDONLY | O_CLOEXEC);
	int out = in < 0 ? -1 : open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	ssize_t n = 0;
	enum status st = STATUS_OK;

	if (in < 0 || out < 0)
		st = store_fail(msg, size, STATUS_ERR_IO, "cannot copy %s to %s: %s", from, to,
		                strerror(errno));
	while (st == STATUS_OK && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			n = -1;
	if (st == STATUS_OK && (n < 0 || fsync(out) != 0))
		st = store_fail(msg, size, STATUS_ERR_IO, "cannot copy %s to %s: %s", from, to,
		                strerror(errno));
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return st;
}

/* Copies the backup's files from FROM into TO; counts the tables found. */
static enum status copy_backup(const char *from, const char *to, int *tables, char *msg,
                               size_t size)
{
	DIR *d = opendir(from);
	struct dirent *e;
	enum status st = STATUS_OK;

	*tables = 0;
	if (!d)
		return store_fail(msg, size, STATUS_ERR_NOT_FOUND, "cannot read backup %s: %s",
		                  from, strerror(errno));
	while (st == STATUS_OK && (e = readdir(d))) {
		char src[PATH_MAX + NAME_MAX + 2], dst[PATH_MAX + NAME_MAX + 2];

		if (!is_backup_file(e->d_name))
			continue;
		if (strcmp(e->d_name, "meta.db") == 0)
			(*tables)++;
		snprintf(src, sizeof(src), "%s/%s", from, e->d_name);
		snprintf(dst, sizeof(dst), "%s/%s", to, e->d_name);
		st = copy_file(src, dst, msg, size);
	}
	closedir(d);
	return st;
}

static enum status swap_in(struct store *store, const char *fresh, char *kept, size_t kept_size,
                           char *msg, size_t size)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", localtime_r(&now, &tm));
	snprintf(kept, kept_size, "%s/db.before-restore-%s", store->dir, stamp);
	if (rename(store->dbdir, kept) != 0 && errno != ENOENT)
		return store_fail(msg, size, STATUS_ERR_IO, "cannot move %s aside: %s",
		                  store->dbdir, strerror(errno));
	if (rename(fresh, store->dbdir) != 0)
		return store_fail(msg, size, STATUS_ERR_IO, "cannot move %s into place: %s", fresh,
		                  strerror(errno));
	return STATUS_OK;
}

static enum status restore_locked(struct store *store, const char *dir, const char *from, char *msg,
                                  size_t size)
{
	char fresh[PATH_MAX + 32], kept[PATH_MAX + 64];
	int tables = 0;
	enum status st;

	snprintf(fresh, sizeof(fresh), "%s/db.restoring", dir);
	if (!dir_is_empty(fresh))
		return store_fail(msg, size, STATUS_ERR_EXISTS,
		                  "%s is left from an earlier restore: remove it first", fresh);
	if (mkdir(fresh, 0700) != 0 && errno != EEXIST)
		return store_fail(msg, size, STATUS_ERR_IO, "cannot create %s: %s", fresh,
		                  strerror(errno));
	st = copy_backup(from, fresh, &tables, msg, size);
	if (st == STATUS_OK && tables == 0)
		st = store_fail(msg, size, STATUS_ERR_NOT_FOUND,
		                "%s holds no backup of sozialraum (meta.db missing)", from);
	if (st == STATUS_OK)
		st = swap_in(store, fresh, kept, sizeof(kept), msg, size);
	if (st == STATUS_OK)
		st = store_open_into(store, dir, DB_RECOVER_FATAL, false, msg, size);
	if (st == STATUS_OK)
		store_fail(msg, size, STATUS_OK,
		           "restored %s from %s; the previous database is in %s", dir, from, kept);
	return st;
}

enum status store_restore(const char *dir, const char *from, char *msg, size_t size)
{
	struct store *store = store_alloc();
	enum status st;

	if (!store)
		return store_fail(msg, size, STATUS_ERR_NOMEM, "out of memory");
	/* Take the lock before touching anything; the current database may be
	 * damaged, so it is not opened. */
	st = store_lock(store, dir, msg, size);
	if (st == STATUS_OK)
		st = restore_locked(store, dir, from, msg, size);
	if (st == STATUS_OK)
		store_close(store);
	else
		store_release(store);
	return st;
}

/* Hot backup and restore.
 *
 * A backup is Berkeley DB's own: a checkpoint, then DB_ENV->backup copies
 * the tables and the log files while writers go on. The files are written
 * by our callbacks, not by Berkeley DB: each is created with O_EXCL |
 * O_NOFOLLOW inside a directory that was opened once, so no path is
 * looked up again between a check and a write and no symlink is followed.
 * The server writes only into a new directory of its own backup directory,
 * with a name it chooses, and keeps the newest of them; afterwards the log
 * files no longer needed for recovery are removed (never by
 * DB_LOG_AUTO_REMOVE, which would make catastrophic recovery impossible).
 *
 * Restore copies such a backup into a fresh db/ beside the current one,
 * swaps the two (the old one is kept as db.before-restore-TIME), and runs
 * catastrophic recovery, which replays the copied logs to the last
 * transaction the backup holds.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "private.h"

#define BACKUP_PREFIX "backup-"

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

/* --- the callbacks Berkeley DB writes a backup through --- */

struct backup_file {
	int fd;
};

static int backup_open(DB_ENV *env, const char *dbname, const char *target, void **handle)
{
	struct store *store = env->app_private;
	const char *slash = strrchr(dbname, '/');
	const char *name = slash ? slash + 1 : dbname;
	struct backup_file *f;

	(void)target;
	if (!store || store->backup_fd < 0 || !name[0] || strcmp(name, "..") == 0)
		return EINVAL;
	if (!(f = malloc(sizeof(*f))))
		return ENOMEM;
	f->fd = openat(store->backup_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	               0600);
	if (f->fd < 0) {
		int err = errno;

		free(f);
		return err;
	}
	*handle = f;
	return 0;
}

static int backup_write(DB_ENV *env, u_int32_t gbytes, u_int32_t bytes, u_int32_t size,
                        u_int8_t *buf, void *handle)
{
	struct backup_file *f = handle;
	off_t off = (off_t)gbytes * 1024 * 1024 * 1024 + (off_t)bytes;

	(void)env;
	while (size > 0) {
		ssize_t n = pwrite(f->fd, buf, size, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? errno : EIO;
		buf += n;
		size -= (u_int32_t)n;
		off += n;
	}
	return 0;
}

static int backup_close(DB_ENV *env, const char *dbname, void *handle)
{
	struct backup_file *f = handle;
	int ret = fsync(f->fd) == 0 ? 0 : errno;

	(void)env;
	(void)dbname;
	if (close(f->fd) != 0 && ret == 0)
		ret = errno;
	free(f);
	return ret;
}

int store_backup_callbacks(DB_ENV *env)
{
	return env->set_backup_callbacks(env, backup_open, backup_write, backup_close);
}

/* Checkpoint, then the backup into the directory open as DIRFD (PATH for
 * messages). */
static enum status backup_into(struct store *store, int dirfd, const char *path, char *msg,
                               size_t size)
{
	DB_ENV *env = store->env;
	int ret;

	store->backup_fd = dirfd;
	if ((ret = env->txn_checkpoint(env, 0, 0, 0)) == 0)
		ret = env->backup(env, path, 0);
	store->backup_fd = -1;
	if (ret != 0)
		return store_fail(msg, size, store_status(ret), "backup into %s failed: %s", path,
		                  db_strerror(ret));
	return STATUS_OK;
}

enum status store_backup(struct store *store, const char *dir, char *msg, size_t size)
{
	enum status st;
	int fd;

	if (!dir_is_empty(dir))
		return store_fail(msg, size, STATUS_ERR_EXISTS,
		                  "backup directory %s is not empty: name a new or empty one", dir);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return store_fail(msg, size, STATUS_ERR_IO, "cannot create %s: %s", dir,
		                  strerror(errno));
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return store_fail(msg, size, STATUS_ERR_IO, "cannot open %s: %s", dir,
		                  strerror(errno));
	st = backup_into(store, fd, dir, msg, size);
	close(fd);
	return st;
}

/* The backup directory: made 0700 when missing, and refused unless it is
 * a real directory of this process's user that nobody else may enter. */
static int open_backup_dir(const char *parent, char *msg, size_t size)
{
	struct stat sb;
	int fd;

	if (mkdir(parent, 0700) != 0 && errno != EEXIST) {
		store_fail(msg, size, STATUS_ERR_IO, "cannot create the backup directory %s: %s",
		           parent, strerror(errno));
		return -1;
	}
	fd = open(parent, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) != 0) {
		store_fail(msg, size, STATUS_ERR_IO, "cannot open the backup directory %s: %s",
		           parent, strerror(errno));
	} else if (sb.st_uid != geteuid() || (sb.st_mode & 077) != 0) {
		store_fail(msg, size, STATUS_ERR_DENIED,
		           "the backup directory %s must belong to the service account and be "
		           "0700 (chown and chmod it, or name another in the configuration)",
		           parent);
	} else {
		return fd;
	}
	if (fd >= 0)
		close(fd);
	return -1;
}

/* A new directory in PARENTFD named by the time, "backup-20261129T101500"
 * (with "-2" ... when that is taken); its descriptor, NAME set. */
static int make_backup_subdir(int parentfd, char *name, size_t size)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", localtime_r(&now, &tm));
	for (int n = 1; n < 100; n++) {
		if (n == 1)
			snprintf(name, size, BACKUP_PREFIX "%s", stamp);
		else
			snprintf(name, size, BACKUP_PREFIX "%s-%d", stamp, n);
		if (mkdirat(parentfd, name, 0700) == 0)
			return openat(parentfd, name,
			              O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (errno != EEXIST)
			return -1;
	}
	errno = EEXIST;
	return -1;
}

/* Removes backup directory NAME of PARENTFD: its files, then itself. */
static void remove_backup(int parentfd, const char *name)
{
	int fd = openat(parentfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;

	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlinkat(fd, e->d_name, 0);
	if (d)
		closedir(d);
	else if (fd >= 0)
		close(fd);
	unlinkat(parentfd, name, AT_REMOVEDIR);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Keeps the newest KEEP backups of PARENTFD (their names sort by time). */
static void rotate_backups(int parentfd, int keep)
{
	int fd = dup(parentfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;

	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, BACKUP_PREFIX, strlen(BACKUP_PREFIX)) != 0)
			continue;
		if (n == cap) {
			size_t grown_cap = cap ? cap * 2 : 16;
			char **grown = realloc(names, grown_cap * sizeof(*names));

			if (!grown)
				break; /* keeps more than asked, removes nothing wrong */
			names = grown;
			cap = grown_cap;
		}
		if ((names[n] = strdup(e->d_name)) != NULL)
			n++;
	}
	if (d)
		closedir(d);
	else if (fd >= 0)
		close(fd);
	if (n)
		qsort(names, n, sizeof(*names), compare_names);
	for (size_t i = 0; i < n; i++) {
		if (n - i > (size_t)keep)
			remove_backup(parentfd, names[i]);
		free(names[i]);
	}
	free(names);
}

enum status store_backup_owned(struct store *store, const char *parent, int keep, char *path,
                               size_t path_size, char *msg, size_t size)
{
	char name[64];
	int parentfd = open_backup_dir(parent, msg, size), fd;
	enum status st;

	if (parentfd < 0)
		return STATUS_ERR_DENIED;
	if ((fd = make_backup_subdir(parentfd, name, sizeof(name))) < 0) {
		st = store_fail(msg, size, STATUS_ERR_IO, "cannot create a backup in %s: %s",
		                parent, strerror(errno));
		close(parentfd);
		return st;
	}
	snprintf(path, path_size, "%s/%s", parent, name);
	st = backup_into(store, fd, path, msg, size);
	close(fd);
	if (st != STATUS_OK)
		remove_backup(parentfd, name); /* half a backup is none */
	else
		rotate_backups(parentfd, keep);
	close(parentfd);
	/* The backup holds the logs: those recovery no longer needs can go. */
	if (st == STATUS_OK && store->env->log_archive(store->env, NULL, DB_ARCH_REMOVE) != 0)
		store_fail(msg, size, STATUS_OK, "backup written; old log files not removed");
	return st;
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

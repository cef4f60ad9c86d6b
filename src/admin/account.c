/* sozialraum-admin adduser: the Unix account of a staff member, made with
 * the system's own tools (useradd, usermod), that lands in the program over
 * SSH: a member of the staff group, whose sshd Match block forces the
 * program; no password (keys only); the public key of --key in
 * ~/.ssh/authorized_keys. Run again, it only adds what is missing. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "admin_private.h"

#define STAFF_GROUP "sozialraum-staff"
#define KEYS_MAX    (64 * 1024)

extern char **environ;

/* Runs a system tool; true when it exited 0 (it says itself why not). */
static bool run_tool(char *const argv[])
{
	pid_t pid;
	int status;

	if (posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ) != 0) {
		admin_error("cannot run %s: %s", argv[0], strerror(errno));
		return false;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return false;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return true;
	admin_error("%s failed (exit %d)", argv[0], WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return false;
}

static bool in_group(const char *login, const struct group *gr, gid_t primary)
{
	if (primary == gr->gr_gid)
		return true;
	for (char **m = gr->gr_mem; *m; m++)
		if (strcmp(*m, login) == 0)
			return true;
	return false;
}

/* A login becomes a Unix user name: lower-case letters, digits, '.', '_'
 * and '-', not first. */
static bool unix_name(const char *login)
{
	if (!*login || *login == '-' || *login == '.' || strlen(login) > 32)
		return false;
	for (const char *p = login; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("._-", *p)))
			return false;
	return true;
}

/* The public keys of FILE: every line an OpenSSH public key (options
 * before it are refused: the account's command is sshd's to force). */
static char *read_keys(const char *file)
{
	FILE *f = fopen(file, "r");
	char *keys = calloc(1, KEYS_MAX + 1), line[KEYS_MAX];
	size_t used = 0;
	int number = 0;
	bool bad = false;

	if (!f || !keys) {
		admin_error("%s: %s", file, strerror(errno));
		if (f)
			fclose(f);
		free(keys);
		return NULL;
	}
	while (fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, "\r\n");

		number++;
		line[n] = '\0';
		if (!n || line[0] == '#')
			continue;
		if (strncmp(line, "ssh-", 4) != 0 && strncmp(line, "ecdsa-", 6) != 0 &&
		    strncmp(line, "sk-", 3) != 0) {
			admin_error("%s:%d: not an OpenSSH public key (ssh-ed25519 AAAA..., "
			            "ssh-rsa ..., ecdsa-...)",
			            file, number);
			bad = true;
			break;
		}
		if (used + n + 1 > KEYS_MAX) {
			admin_error("%s: more than %d bytes of keys", file, KEYS_MAX);
			bad = true;
			break;
		}
		memcpy(keys + used, line, n);
		used += n;
		keys[used++] = '\n';
	}
	fclose(f);
	if (bad || !used) {
		if (!bad)
			admin_error("%s: no public key in the file", file);
		free(keys);
		return NULL;
	}
	keys[used] = '\0';
	return keys;
}

/* Appends the keys the user's authorized_keys lacks; the directory and
 * file are the user's, 0700 and 0600, and a link in their place refused. */
static bool add_keys(const struct passwd *pw, const char *keys)
{
	char dir[4096], path[4200], have[KEYS_MAX + 1] = "";
	struct stat st;
	ssize_t n = 0;
	int fd;

	snprintf(dir, sizeof(dir), "%s/.ssh", pw->pw_dir);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		admin_error("%s: %s", dir, strerror(errno));
		return false;
	}
	if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    chown(dir, pw->pw_uid, pw->pw_gid) != 0 || chmod(dir, 0700) != 0) {
		admin_error("%s: not a directory of %s's own", dir, pw->pw_name);
		return false;
	}
	snprintf(path, sizeof(path), "%s/authorized_keys", dir);
	fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_NOFOLLOW, 0600);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		admin_error("%s: %s", path, fd < 0 ? strerror(errno) : "not a file");
		if (fd >= 0)
			close(fd);
		return false;
	}
	if (st.st_size <= KEYS_MAX && (n = read(fd, have, KEYS_MAX)) > 0)
		have[n] = '\0';
	if (n > 0 && have[n - 1] != '\n' && write(fd, "\n", 1) != 1)
		n = -1;
	for (const char *k = keys; *k;) {
		size_t len = strcspn(k, "\n") + 1;
		char line[KEYS_MAX + 1];

		snprintf(line, sizeof(line), "%.*s", (int)len, k);
		if (!strstr(have, line) && write(fd, line, len) != (ssize_t)len) {
			admin_error("%s: %s", path, strerror(errno));
			close(fd);
			return false;
		}
		k += len;
	}
	if (fchown(fd, pw->pw_uid, pw->pw_gid) != 0 || fchmod(fd, 0600) != 0) {
		admin_error("%s: %s", path, strerror(errno));
		close(fd);
		return false;
	}
	return close(fd) == 0;
}

int admin_adduser(struct admin *admin, int argc, char **argv)
{
	const char *login = argv[0], *key_file = NULL, *group = STAFF_GROUP;
	struct passwd *pw;
	struct group *gr;
	char *keys = NULL;
	int staff;

	for (int i = 1; i < argc; i += 2) {
		if (i + 1 < argc && strcmp(argv[i], "--key") == 0)
			key_file = argv[i + 1];
		else if (i + 1 < argc && strcmp(argv[i], "--group") == 0)
			group = argv[i + 1];
		else {
			admin_error("usage: sozialraum-admin adduser LOGIN [--key FILE] [--group "
			            "GROUP]");
			return ADMIN_USAGE;
		}
	}
	if ((staff = config_find_staff(admin->config, login)) < 0) {
		admin_error("%s is not a staff login of %s: add it to the staff list first", login,
		            admin->config_path);
		return ADMIN_FINDING;
	}
	if (!unix_name(login)) {
		admin_error("%s cannot be a Unix user name (a-z, 0-9, '.', '_', '-')", login);
		return ADMIN_FINDING;
	}
	if (geteuid() != 0) {
		admin_error("adduser makes Unix accounts: run it as root");
		return ADMIN_FINDING;
	}
	if (!(gr = getgrnam(group))) {
		admin_error("the staff group %s does not exist: run scripts/install-server first",
		            group);
		return ADMIN_FINDING;
	}
	if (key_file && !(keys = read_keys(key_file)))
		return ADMIN_FINDING;
	if (!getpwnam(login)) {
		char *useradd[] = {"useradd",     "--create-home",
		                   "--shell",     "/bin/sh",
		                   "--groups",    (char *)group,
		                   "--comment",   admin->config->staff[staff].name,
		                   (char *)login, NULL};
		/* no password ('*', not locked '!'): keys only */
		char *nopass[] = {"usermod", "--password", "*", (char *)login, NULL};

		if (!run_tool(useradd) || !run_tool(nopass)) {
			free(keys);
			return ADMIN_FINDING;
		}
		printf("sozialraum-admin: Unix account %s made (%s)\n", login,
		       admin->config->staff[staff].name);
	} else if (!in_group(login, gr, getpwnam(login)->pw_gid)) {
		char *usermod[] = {"usermod",     "--append",    "--groups",
		                   (char *)group, (char *)login, NULL};

		if (!run_tool(usermod)) {
			free(keys);
			return ADMIN_FINDING;
		}
		printf("sozialraum-admin: %s added to the group %s\n", login, group);
	}
	pw = getpwnam(login);
	if (keys && (!pw || !add_keys(pw, keys))) {
		free(keys);
		return ADMIN_FINDING;
	}
	free(keys);
	printf("sozialraum-admin: %s logs in over ssh and lands in sozialraum%s\n", login,
	       key_file ? " (key added)" : "; add a public key with --key FILE");
	return ADMIN_OK;
}

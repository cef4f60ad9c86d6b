/* The admin commands: one table entry per command, one function each. */
#ifndef ADMIN_PRIVATE_H
#define ADMIN_PRIVATE_H

#include <stdbool.h>
#include <stdio.h>

#include "admin/admin.h"
#include "model/config.h"
#include "wire/client.h"

/* Exit codes of design.md. */
enum admin_exit {
	ADMIN_OK = 0,
	ADMIN_FINDING = 1, /* invalid config, failed verify, or the work failed */
	ADMIN_USAGE = 2,
};

struct admin {
	const char *config_path;
	const char *data_dir; /* -D, else the config's data_dir */
	bool no_online;       /* verify must not fall back to the server */
	bool dir_given;       /* -D was given: the socket is in that directory */
	struct config *config;
	bool tty; /* stdout is a terminal: progress may be shown */
};

struct admin_command {
	const char *name;
	const char *args; /* usage of the arguments, "" for none */
	const char *help;
	int min_args, max_args;
	bool needs_config; /* load the configuration before running */
	int (*run)(struct admin *admin, int argc, char **argv);
};

/* Offline commands (offline.c): they open the database themselves. */
int admin_check(struct admin *admin, int argc, char **argv);
int admin_init(struct admin *admin, int argc, char **argv);
int admin_verify(struct admin *admin, int argc, char **argv);
int admin_recover(struct admin *admin, int argc, char **argv);
int admin_restore(struct admin *admin, int argc, char **argv);
int admin_demo(struct admin *admin, int argc, char **argv);
/* purge [--dry-run]: the cases past their retention period (purge.c). */
int admin_purge(struct admin *admin, int argc, char **argv);

/* demo.c, demo_cases.c: the demo's deterministic generator (the same seed
 * gives the same data), and N cases with their persons, journal and
 * follow-ups. */
struct store;
unsigned demo_random(unsigned long long *state);
enum status demo_cases(struct store *store, const struct config *config, size_t n,
                       unsigned long long *rnd);
/* N measures on the cases 1..NCASES (demo_measures.c), printing what
 * they commit in the current year per district beside its plan. */
enum status demo_measures(struct store *store, const struct config *config, size_t n,
                          uint64_t ncases, unsigned long long *rnd);
/* At most N bookings of the measures' months and the offers' grants
 * (demo_bookings.c). */
enum status demo_bookings(struct store *store, const struct config *config, size_t n,
                          unsigned long long *rnd);
#define PICK(a, r) (a[(r) % (sizeof(a) / sizeof((a)[0]))])

/* Online commands (online.c): through the data server. */
int admin_locks(struct admin *admin, int argc, char **argv);
int admin_unlock(struct admin *admin, int argc, char **argv);
int admin_backup(struct admin *admin, int argc, char **argv);
int admin_status(struct admin *admin, int argc, char **argv);
/* Root's backup into DIR while no server runs (offline.c). */
int admin_backup_offline(struct admin *admin, const char *dir);
int admin_audit(struct admin *admin, int argc, char **argv);
int admin_export(struct admin *admin, int argc, char **argv);
/* The same into OUT (the committee report reads its figures so). */
int admin_export_to(struct admin *admin, int argc, char **argv, FILE *out);
int admin_report(struct admin *admin, int argc, char **argv);
/* statistics check: what the federal statistics miss (statistics.c). */
int admin_statistics(struct admin *admin, int argc, char **argv);
int admin_import(struct admin *admin, int argc, char **argv);
/* The Unix account of a staff member (account.c; root only). */
int admin_adduser(struct admin *admin, int argc, char **argv);
/* A connection to the server of this data directory (prints why not and
 * returns NULL), and one call on it that prints the server's word on an
 * error answer; both for the online commands. */
struct wire_client *admin_connect(struct admin *admin);
struct wire_msg;
int admin_call(struct wire_client *client, struct wire_msg *reply);
/* verify while the server has the database: the records, in a snapshot;
 * -1 (nothing printed) when no server answers. */
int admin_verify_online(struct admin *admin);

/* TEXT (neutralised) padded with blanks to WIDTH display columns, after it
 * or, RIGHT, before it: names with umlauts or of other scripts keep the
 * columns aligned. */
void admin_put_padded(FILE *out, const char *text, int width, bool right);

/* Prints "sozialraum-admin: MESSAGE" to stderr. */
void admin_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

/* The offline commands: they work on the database directly and so refuse
 * while a server runs on it (the store's lock says so). */
#include <stdio.h>
#include <string.h>

#include "admin_private.h"
#include "store/store.h"

#define MSG_SIZE 1024

int admin_check(struct admin *admin, int argc, char **argv)
{
	struct config_errors errors = {0};
	struct config *config = NULL;
	enum status st = config_load(admin->config_path, &config, &errors);

	(void)argc;
	(void)argv;
	config_errors_print(&errors, stdout);
	if (st == STATUS_OK)
		printf("%s: ok (%zu districts, %zu streets, %zu teams, %zu staff, %zu services, "
		       "%zu providers, %zu budget lines)\n",
		       admin->config_path, config->ndistricts, config->nstreets, config->nteams,
		       config->nstaff, config->nservices, config->nproviders, config->nbudgets);
	else
		printf("%s: %zu error%s\n", admin->config_path, errors.count,
		       errors.count == 1 ? "" : "s");
	config_errors_free(&errors);
	config_free(config);
	return st == STATUS_OK ? ADMIN_OK : ADMIN_FINDING;
}

int admin_init(struct admin *admin, int argc, char **argv)
{
	char msg[MSG_SIZE];
	enum status st = store_init(admin->data_dir, msg, sizeof(msg));

	(void)argc;
	(void)argv;
	if (st != STATUS_OK) {
		admin_error("%s", msg);
		return ADMIN_FINDING;
	}
	printf("data directory %s is ready\n", admin->data_dir);
	return ADMIN_OK;
}

int admin_verify(struct admin *admin, int argc, char **argv)
{
	char msg[MSG_SIZE];
	unsigned long problems = 0;
	enum status st;

	(void)argc;
	(void)argv;
	st = store_verify(admin->data_dir, admin->config, stdout, &problems, msg, sizeof(msg));
	/* Another process has the database: if it is the server, ask it. */
	if (st == STATUS_ERR_BUSY && !admin->no_online) {
		int ret = admin_verify_online(admin);

		if (ret >= 0)
			return ret;
	}
	if (st != STATUS_OK) {
		admin_error("%s", msg);
		return ADMIN_FINDING;
	}
	if (problems) {
		printf("verify: %lu problem%s found in %s\n", problems, problems == 1 ? "" : "s",
		       admin->data_dir);
		return ADMIN_FINDING;
	}
	printf("verify: %s is consistent\n", admin->data_dir);
	return ADMIN_OK;
}

int admin_recover(struct admin *admin, int argc, char **argv)
{
	char msg[MSG_SIZE];
	bool catastrophic = argc == 1 && strcmp(argv[0], "--catastrophic") == 0;
	enum status st;

	if (argc == 1 && !catastrophic) {
		admin_error("usage: sozialraum-admin recover [--catastrophic]");
		return ADMIN_USAGE;
	}
	st = store_recover(admin->data_dir, catastrophic, msg, sizeof(msg));
	if (st != STATUS_OK) {
		admin_error("%s", msg);
		return ADMIN_FINDING;
	}
	printf("recovery of %s done\n", admin->data_dir);
	return ADMIN_OK;
}

int admin_restore(struct admin *admin, int argc, char **argv)
{
	char msg[MSG_SIZE];
	enum status st = store_restore(admin->data_dir, argv[0], msg, sizeof(msg));

	(void)argc;
	if (st != STATUS_OK) {
		admin_error("%s", msg);
		return ADMIN_FINDING;
	}
	printf("%s\n", msg);
	admin->no_online = true;
	return admin_verify(admin, 0, NULL);
}

int admin_backup_offline(struct admin *admin, const char *dir)
{
	char msg[MSG_SIZE];
	struct store *store;
	enum status st = store_open(admin->data_dir, 0, &store, msg, sizeof(msg));

	if (st == STATUS_ERR_BUSY) {
		admin_error("the server is running on %s: 'sozialraum-admin backup' (without a "
		            "directory) makes the backup through it, into its backup directory "
		            "(backup.dir: %s)",
		            admin->data_dir, admin->config->backup.dir);
		return ADMIN_FINDING;
	}
	if (st == STATUS_OK)
		st = store_backup(store, dir, msg, sizeof(msg));
	store_close(store);
	if (st != STATUS_OK) {
		admin_error("%s", msg);
		return ADMIN_FINDING;
	}
	printf("backup written to %s\n", dir);
	return ADMIN_OK;
}

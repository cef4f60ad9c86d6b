/* The configuration the server runs on, and its reload on SIGHUP.
 *
 * A configuration is kept with the number of its users (the server while
 * it is in force, every worker job started under it) and with the Unix
 * uid of each staff login, looked up once when it is loaded: a connection
 * is mapped to its staff entry by the kernel's uid without asking the
 * password database each time (which needs descriptors, and may ask the
 * network). The reload reads and checks the new file on a thread of its
 * own, so a slow or hostile file never stalls the interactive thread; the
 * loop swaps it in when it is ready.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "server.h"

struct config_ref *config_ref_new(struct config *config)
{
	struct config_ref *ref = calloc(1, sizeof(*ref));
	char buf[4096];

	if (!ref || !(ref->uids = calloc(config->nstaff ? config->nstaff : 1, sizeof(uid_t)))) {
		free(ref);
		return NULL;
	}
	ref->config = config;
	ref->users = 1;
	for (size_t i = 0; i < config->nstaff; i++) {
		struct passwd pw, *found = NULL;

		ref->uids[i] = (uid_t)-1; /* no Unix account: reached by --as only */
		if (getpwnam_r(config->staff[i].login, &pw, buf, sizeof(buf), &found) == 0 && found)
			ref->uids[i] = found->pw_uid;
	}
	return ref;
}

static void config_ref_free(struct config_ref *ref)
{
	config_free(ref->config);
	free(ref->uids);
	free(ref);
}

/* The staff entry of a Unix user: mapped when the configuration was
 * loaded, or, for an account made since (sozialraum-admin adduser), looked
 * up by its name now. */
int server_staff_of_uid(const struct server *server, uid_t uid)
{
	const struct config_ref *ref = server->current;
	struct passwd pw, *found = NULL;
	char buf[4096];

	for (size_t i = 0; i < ref->config->nstaff; i++)
		if (ref->uids[i] == uid)
			return (int)i;
	if (getpwuid_r(uid, &pw, buf, sizeof(buf), &found) != 0 || !found)
		return -1;
	return config_find_staff(ref->config, found->pw_name);
}

struct config_ref *server_config_get(struct server *server)
{
	pthread_mutex_lock(&server->jobs_lock);
	server->current->users++;
	pthread_mutex_unlock(&server->jobs_lock);
	return server->current;
}

void server_config_put(struct server *server, struct config_ref *ref)
{
	bool last;

	if (!ref)
		return;
	pthread_mutex_lock(&server->jobs_lock);
	last = --ref->users == 0;
	pthread_mutex_unlock(&server->jobs_lock);
	if (last)
		config_ref_free(ref);
}

static void *reload_main(void *arg)
{
	struct server *server = arg;
	struct reload *r = &server->reload;
	struct config *config = NULL;
	struct config_ref *ref = NULL;
	enum status st = config_load(server->config_path, &config, &r->errors);

	if (st == STATUS_OK && !(ref = config_ref_new(config))) {
		config_free(config);
		st = STATUS_ERR_NOMEM;
	}
	pthread_mutex_lock(&server->jobs_lock);
	r->status = st;
	r->ref = ref;
	r->done = true;
	pthread_mutex_unlock(&server->jobs_lock);
	if (write(server->wake[1], "r", 1) < 0) {
		/* The pipe is full: the loop wakes anyway. */
	}
	return NULL;
}

void reload_start(struct server *server)
{
	struct reload *r = &server->reload;

	server_got_hup = 0;
	if (r->running) {
		server_log(LOG_NOTICE,
		           "a reload is still reading the configuration: this one waits");
		r->again = true;
		return;
	}
	memset(&r->errors, 0, sizeof(r->errors));
	r->done = false;
	r->running = pthread_create(&r->thread, NULL, reload_main, server) == 0;
	if (!r->running)
		server_log(LOG_ERR, "cannot start reading the configuration: reload refused");
}

/* The new configuration in force: sessions of logins no longer staff go. */
static void swap_in(struct server *server, struct config_ref *ref)
{
	server_config_put(server, server->current); /* a job may still read the old one */
	server->current = ref;
	server->config = ref->config;
	for (struct conn *c = server->conns; c; c = c->next)
		if (c->staff >= 0 && (c->staff = config_find_staff(ref->config, c->login)) < 0)
			c->closing = true;
	server_log(LOG_NOTICE, "configuration reloaded from %s", server->config_path);
	server_audit_admin(server, "sighup", "reload", server->config_path);
}

void reload_finish(struct server *server)
{
	struct reload *r = &server->reload;
	bool done;

	if (!r->running)
		return;
	pthread_mutex_lock(&server->jobs_lock);
	done = r->done;
	pthread_mutex_unlock(&server->jobs_lock);
	if (!done)
		return;
	pthread_join(r->thread, NULL);
	r->running = false;
	if (r->status == STATUS_OK) {
		swap_in(server, r->ref);
	} else {
		for (size_t i = 0; i < r->errors.count; i++)
			server_log(LOG_ERR, "%s:%d: %s", r->errors.items[i].file,
			           r->errors.items[i].line, r->errors.items[i].message);
		server_log(LOG_ERR, "new configuration refused (%s); the old one stays in force",
		           status_text(r->status));
	}
	config_errors_free(&r->errors);
	if (r->again) {
		r->again = false;
		reload_start(server);
	}
}

void reload_stop(struct server *server)
{
	struct reload *r = &server->reload;

	if (!r->running)
		return;
	/* The file it reads is checked before it is read: it ends. */
	pthread_join(r->thread, NULL);
	r->running = false;
	if (r->ref)
		config_ref_free(r->ref);
	config_errors_free(&r->errors);
}

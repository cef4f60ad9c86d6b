/* Edit locks: a small table in memory, tied to connections. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "server.h"

#define LOCKS_PER_CONN 64

struct edit_lock *locks_find(struct server *server, const struct record_def *def, uint64_t record)
{
	for (size_t i = 0; i < server->nlocks; i++)
		if (server->locks[i].def == def && server->locks[i].record == record)
			return &server->locks[i];
	return NULL;
}

enum status locks_take(struct server *server, const struct conn *conn, const struct record_def *def,
                       uint64_t record, struct edit_lock **holder)
{
	struct edit_lock *lock = locks_find(server, def, record);
	const struct cfg_staff *staff = server_staff(server, conn);
	size_t mine = 0;

	*holder = lock;
	if (lock)
		return lock->conn == conn->number ? STATUS_OK : STATUS_ERR_LOCKED;
	for (size_t i = 0; i < server->nlocks; i++)
		mine += server->locks[i].conn == conn->number;
	if (mine >= LOCKS_PER_CONN)
		return STATUS_ERR_LIMIT; /* a session edits a few records at a time */
	if (server->nlocks == server->locks_cap) {
		size_t cap = server->locks_cap ? server->locks_cap * 2 : 64;
		struct edit_lock *locks = realloc(server->locks, cap * sizeof(*locks));

		if (!locks)
			return STATUS_ERR_NOMEM;
		server->locks = locks;
		server->locks_cap = cap;
	}
	lock = &server->locks[server->nlocks++];
	memset(lock, 0, sizeof(*lock));
	lock->number = ++server->next_lock;
	lock->def = def;
	lock->record = record;
	lock->conn = conn->number;
	lock->since = time(NULL);
	snprintf(lock->login, sizeof(lock->login), "%s", conn->login);
	snprintf(lock->name, sizeof(lock->name), "%s", staff ? staff->name : conn->login);
	*holder = lock;
	return STATUS_OK;
}

static void remove_at(struct server *server, size_t i)
{
	server->locks[i] = server->locks[--server->nlocks];
}

void locks_release(struct server *server, const struct conn *conn, const struct record_def *def,
                   uint64_t record)
{
	for (size_t i = 0; i < server->nlocks; i++)
		if (server->locks[i].def == def && server->locks[i].record == record &&
		    server->locks[i].conn == conn->number) {
			remove_at(server, i);
			return;
		}
}

void locks_release_conn(struct server *server, uint64_t conn)
{
	for (size_t i = 0; i < server->nlocks;)
		if (server->locks[i].conn == conn)
			remove_at(server, i);
		else
			i++;
}

struct edit_lock *locks_by_number(struct server *server, uint64_t number)
{
	for (size_t i = 0; i < server->nlocks; i++)
		if (server->locks[i].number == number)
			return &server->locks[i];
	return NULL;
}

bool locks_release_number(struct server *server, uint64_t number)
{
	for (size_t i = 0; i < server->nlocks; i++)
		if (server->locks[i].number == number) {
			remove_at(server, i);
			return true;
		}
	return false;
}

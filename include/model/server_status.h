/* How the data server is doing, for the admin: sessions, edit locks, the
 * log on disk, the last checkpoint, backup and verify. Sent as a record
 * (its field table labels and formats the figures) by the STATUS request;
 * never stored. */
#ifndef MODEL_SERVER_STATUS_H
#define MODEL_SERVER_STATUS_H

#include <limits.h>
#include <stdint.h>

#include "model/record.h"

#define SERVER_STATUS_TEXT 256

struct server_status {
	struct record_head head;
	int64_t started;   /* when the server started */
	int64_t sessions;  /* connections said hello */
	int64_t locks;     /* edit locks held */
	int64_t jobs;      /* long work queued or running on the worker */
	int64_t log_bytes; /* Berkeley DB log files on disk */
	int64_t log_files;
	int64_t checkpoint; /* the last checkpoint; 0 = none since the start */
	int64_t backup;     /* the last backup of this server; 0 = none */
	char backup_path[SERVER_STATUS_TEXT];
	int64_t verify; /* the last verify */
	char verify_result[SERVER_STATUS_TEXT];
};

extern const struct record_def server_status_def;

#endif

/* The protocol between sozialraum / sozialraum-admin and sozialraumd.
 *
 * A Unix socket of type SOCK_SEQPACKET: one message is one request or one
 * answer, so there is no framing. A message is encoded like a record
 * (codec.h): its kind is the codec kind, its version the protocol version,
 * and field WF_REQUEST carries the request id that the answer repeats. The
 * first request is HELLO (protocol version, and --as for demos and tests).
 * Requests are domain operations, never raw database access; lists come in
 * pages. Messages stay below WIRE_MAX_MESSAGE.
 */
#ifndef WIRE_WIRE_H
#define WIRE_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/codec.h"
#include "model/record.h"
#include "model/status.h"

#define WIRE_VERSION     1
#define WIRE_MAX_MESSAGE (64 * 1024)
#define WIRE_SOCKET_NAME "sozialraum.sock"
#define WIRE_PAGE_SIZE   50
/* The longest list position (WF_AFTER): a token of the server's for the
 * place where a page ended. */
#define WIRE_POSITION_MAX 8

/* Message kinds: requests and their answers. Lists come in pages of
 * WIRE_PAGE_SIZE that continue after the last one's position (WF_AFTER,
 * absent at the end). An EVENT has request id 0: nobody asked for it. */
#define WIRE_KIND_LIST(X)                                                                          \
	X(HELLO, 1)        /* -> WELCOME: WF_VERSION, WF_LOGIN (as, optional), WF_EVENTS */        \
	X(WELCOME, 2)      /* WF_LOGIN WF_NAME WF_ROLE WF_TEAM WF_PROVIDER */                      \
	X(ERROR, 3)        /* WF_STATUS WF_TEXT, and WF_HOLDER WF_LOGIN WF_SINCE when locked */    \
	X(DONE, 4)         /* success without data; WF_TEXT may say more */                        \
	X(RECORD_LIST, 10) /* WF_TABLE, one of WF_PARENT | WF_WORDS | WF_INDEX WF_KEY,      */     \
	                   /* WF_FILTER... ("field=value"), WF_AFTER, WF_BACKWARD -> RECORDS; */   \
	                   /* WF_COUNT 1: no records, WF_COUNT of those it would list */           \
	X(RECORDS, 11)     /* WF_RECORD... WF_FIRST WF_AFTER (where it began, the next starts) */  \
	X(RECORD_GET, 12)  /* WF_TABLE WF_ID -> RECORD */                                          \
	X(RECORD, 13)      /* WF_RECORD, and WF_HOLDER WF_LOGIN WF_SINCE when locked */            \
	X(RECORD_SAVE, 14) /* WF_TABLE WF_RECORD (new: id 0, or version 0) -> RECORD */            \
	X(EVENT, 15)       /* WF_TABLE WF_ID WF_LOGIN (who) WF_KIND ("saved", "lock-taken") */     \
	X(OFFER_DEACTIVATE, 16) /* WF_ID WF_DATE (last day; 0 = today) -> RECORD */                \
	X(LOCK_TAKE, 20)        /* WF_TABLE WF_ID WF_TAKEOVER -> DONE, or ERROR (locked) */        \
	X(LOCK_RELEASE, 21)     /* WF_TABLE WF_ID -> DONE */                                       \
	X(LOCKS_LIST, 22)       /* -> LOCKS (admin: all; others: their own) */                     \
	X(LOCKS, 23)            /* per lock: WF_LOCK WF_TABLE WF_ID WF_LOGIN WF_HOLDER WF_SINCE */ \
	X(UNLOCK, 24)           /* WF_LOCK -> DONE */                                              \
	X(BACKUP, 30)           /* -> DONE WF_TEXT (the new backup's folder; worker) */            \
	X(VERIFY, 31)           /* -> DONE or ERROR; WF_TEXT holds the findings */                 \
	X(AUDIT_QUERY, 32) /* WF_USER WF_TABLE WF_ID WF_DATE WF_AFTER WF_BACKWARD -> AUDIT_PAGE */ \
	X(AUDIT_PAGE, 33)  /* WF_RECORD... WF_FIRST WF_AFTER */                                    \
	X(STATS, 34)       /* WF_RESET (optional) -> STATS_PAGE */                                 \
	X(STATS_PAGE, 35)  /* per class: WF_KIND WF_COUNT WF_MEDIAN WF_P99 (ns), in order */       \
	X(EXPORT, 36)      /* WF_KIND WF_YEAR WF_DISTRICT -> EXPORT_DATA (worker thread) */        \
	X(EXPORT_DATA, 37) /* WF_DATA (a piece of the CSV text) WF_OFFSET (next; 0 = end) */       \
	X(EXPORT_NEXT, 38) /* WF_OFFSET -> EXPORT_DATA */                                          \
	X(DRAFT_PUT, 40)   /* WF_RECORD (draft; login and id are the server's) -> DONE WF_ID */    \
	X(DRAFT_LIST, 41)  /* -> DRAFTS: the caller's own drafts */                                \
	X(DRAFTS, 42)      /* WF_RECORD... */                                                      \
	X(DRAFT_DELETE, 43) /* WF_ID -> DONE */                                                    \
	X(STATUS, 44)       /* -> RECORD: WF_RECORD (server_status) */                             \
	X(DUPLICATES, 45)   /* WF_NAME WF_DATE (birth) WF_ID (the case to leave out) -> DONE */    \
	                    /* WF_TEXT... ("number;district;status" of each other case)  */        \
	X(IMPORT_DATA, 46)  /* WF_DATA (a piece of a file to import) WF_OFFSET (where) -> DONE */  \
	X(IMPORT, 47)       /* WF_KIND ("bookings"): the pieces sent, all or nothing  */           \
	                    /* -> DONE WF_COUNT, or ERROR WF_TEXT (each bad line) (worker) */

enum wire_kind {
#define X(name, number) WIRE_##name = number,
	WIRE_KIND_LIST(X)
#undef X
};

/* Field tags of messages: each has one meaning in every message. */
enum wire_field {
	WF_REQUEST = 1,
	WF_STATUS = 2,
	WF_TEXT = 3,
	WF_LOGIN = 4, /* a login (the caller's, a lock holder's, who saved) */
	WF_NAME = 5,  /* a person's display name */
	WF_ROLE = 6,
	WF_TEAM = 7,
	WF_VERSION = 8,
	WF_ID = 9,      /* a record id */
	WF_RECORD = 10, /* an encoded record; may repeat */
	WF_TABLE = 11,  /* a record type's table name */
	WF_HOLDER = 12, /* the display name of an edit lock's holder */
	WF_SINCE = 13,  /* seconds since 1970 */
	WF_DISTRICT = 15,
	WF_PATH = 19,
	WF_USER = 20,
	WF_DATE = 21,
	WF_COUNT = 22,
	WF_MEDIAN = 23,
	WF_P99 = 24,
	WF_KIND = 25, /* a kind: of an export, an event, a statistics class */
	WF_YEAR = 26,
	WF_DATA = 27,
	WF_RESET = 28,
	WF_LOCK = 29,     /* an edit lock's number */
	WF_AFTER = 30,    /* where a page ended: the server's token (opaque bytes) */
	WF_INDEX = 31,    /* the name of an index of the record type */
	WF_KEY = 32,      /* bytes: the start of the index keys wanted */
	WF_WORDS = 33,    /* text: words that begin words of the name */
	WF_PARENT = 34,   /* the id of the parent whose children are wanted */
	WF_FILTER = 35,   /* "field=value": only records with that value; may repeat */
	WF_OFFSET = 36,   /* a byte offset into an export */
	WF_BACKWARD = 37, /* 1: the page before the position */
	WF_EVENTS = 38,   /* 1: this session wants events */
	WF_TAKEOVER = 39, /* 1: take an edit lock over from the user's other session */
	WF_FIRST = 40,    /* where a page began: a token like WF_AFTER's, to walk back from */
	WF_PROVIDER = 41, /* a provider's id */
};

const char *wire_kind_name(uint16_t kind);

/* Starts a message of KIND with request id REQUEST in BUF. */
void wire_begin(struct codec_buf *buf, enum wire_kind kind, uint64_t request);

/* A received message: its kind, request id, and a reader over its fields.
 * It borrows the bytes it was parsed from. */
struct wire_msg {
	uint16_t kind;
	uint64_t request;
	const uint8_t *data;
	size_t len;
};

/* Checks a received message: header, protocol version, every field's
 * length, and the request id. STATUS_ERR_PROTOCOL when malformed. */
enum status wire_parse(const void *data, size_t len, struct wire_msg *msg);

/* The first field with TAG; STATUS_ERR_NOT_FOUND when absent,
 * STATUS_ERR_PROTOCOL when of the wrong type or too long for BUF. */
enum status wire_get_u64(const struct wire_msg *msg, uint16_t tag, uint64_t *value);
enum status wire_get_str(const struct wire_msg *msg, uint16_t tag, char *buf, size_t size);
/* A bytes field of at most SIZE bytes into BUF, its length in *LEN. */
enum status wire_get_bytes(const struct wire_msg *msg, uint16_t tag, void *buf, size_t size,
                           size_t *len);
/* The first WF_RECORD decoded as DEF into REC; STATUS_ERR_PROTOCOL when
 * absent or malformed. */
enum status wire_get_record(const struct wire_msg *msg, const struct record_def *def, void *rec);
/* Visits every field with TAG (for repeated WF_RECORD). */
enum status wire_each(const struct wire_msg *msg, uint16_t tag,
                      enum status (*fn)(void *ctx, const struct codec_field *field), void *ctx);

/* Socket ends. All return STATUS_ERR_IO (errno kept) on failure. */
int wire_listen(const char *path, char *msg, size_t size);
int wire_accept(int listen_fd, uid_t *uid, pid_t *pid);
/* Sends one message; STATUS_ERR_UNAVAILABLE when the peer is gone. */
enum status wire_send(int fd, const struct codec_buf *buf);
/* Receives one message into BUF (WIRE_MAX_MESSAGE bytes): STATUS_OK with
 * *LEN, STATUS_ERR_UNAVAILABLE when the peer closed, STATUS_ERR_TOO_LONG for
 * an oversized (truncated) message, STATUS_ERR_IO otherwise. */
enum status wire_recv(int fd, void *buf, size_t *len);

#endif

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
#include "model/status.h"

#define WIRE_VERSION     1
#define WIRE_MAX_MESSAGE (64 * 1024)
#define WIRE_SOCKET_NAME "sozialraum.sock"
#define WIRE_PAGE_SIZE   50

/* Message kinds: requests and their answers. */
#define WIRE_KIND_LIST(X)                                                                        \
	X(HELLO, 1)             /* -> WELCOME: WF_VERSION, WF_LOGIN (as, optional) */            \
	X(WELCOME, 2)           /* WF_LOGIN WF_NAME WF_ROLE WF_TEAM */                           \
	X(ERROR, 3)             /* WF_STATUS WF_TEXT */                                          \
	X(DONE, 4)              /* success without data; WF_TEXT may say more */                 \
	X(OFFER_LIST, 10)       /* WF_DISTRICT WF_PROVIDER WF_PREFIX WF_FIRST -> OFFER_PAGE */   \
	X(OFFER_PAGE, 11)       /* WF_RECORD... WF_MORE (next first id, 0 = end) */              \
	X(OFFER_GET, 12)        /* WF_ID -> OFFER */                                             \
	X(OFFER, 13)            /* WF_RECORD, and WF_HOLDER WF_SINCE when locked */              \
	X(OFFER_SAVE, 14)       /* WF_RECORD (id 0 = new) -> OFFER */                            \
	X(OFFER_DEACTIVATE, 15) /* WF_ID WF_DATE (last day; 0 = today) -> OFFER */               \
	X(OFFER_COUNTS, 16)     /* WF_ID (offer) -> COUNTS */                                    \
	X(COUNTS, 17)           /* WF_RECORD... (offer_count, by month) */                       \
	X(OFFER_COUNT_SET, 18)  /* WF_RECORD (offer_count; version 0 = new) -> COUNTS */         \
	X(LOCK_TAKE, 20)        /* WF_TABLE WF_ID -> DONE, or ERROR with WF_HOLDER WF_SINCE */   \
	X(LOCK_RELEASE, 21)     /* WF_TABLE WF_ID -> DONE */                                     \
	X(LOCKS_LIST, 22)       /* -> LOCKS (admin: all; others: their own) */                   \
	X(LOCKS, 23)        /* per lock: WF_ID WF_TABLE WF_HOLDER WF_NAME WF_SINCE, in order */  \
	X(UNLOCK, 24)       /* WF_ID (lock number) -> DONE */                                    \
	X(BACKUP, 30)       /* WF_PATH -> DONE (long work, worker thread) */                     \
	X(VERIFY, 31)       /* -> DONE or ERROR; WF_TEXT holds the findings */                   \
	X(AUDIT_QUERY, 32)  /* WF_USER WF_ID (case) WF_DATE WF_FIRST -> AUDIT_PAGE */            \
	X(AUDIT_PAGE, 33)   /* WF_RECORD... WF_MORE */                                           \
	X(STATS, 34)        /* WF_RESET (optional) -> STATS_PAGE */                              \
	X(STATS_PAGE, 35)   /* per class: WF_NAME WF_COUNT WF_MEDIAN WF_P99 (ns), in order */    \
	X(EXPORT, 36)       /* WF_KIND WF_YEAR WF_DISTRICT -> EXPORT_DATA (worker thread) */     \
	X(EXPORT_DATA, 37)  /* WF_DATA (a piece of the CSV text) WF_MORE (next offset, 0 end) */ \
	X(EXPORT_NEXT, 38)  /* WF_FIRST (offset) -> EXPORT_DATA */                               \
	X(DRAFT_PUT, 40)    /* WF_RECORD (draft; login and id are the server's) -> DONE WF_ID */ \
	X(DRAFT_LIST, 41)   /* -> DRAFTS: the caller's own drafts */                             \
	X(DRAFTS, 42)       /* WF_RECORD... */                                                   \
	X(DRAFT_DELETE, 43) /* WF_ID -> DONE */

enum wire_kind {
#define X(name, number) WIRE_##name = number,
	WIRE_KIND_LIST(X)
#undef X
};

/* Field tags of messages. */
enum wire_field {
	WF_REQUEST = 1,
	WF_STATUS = 2,
	WF_TEXT = 3,
	WF_LOGIN = 4,
	WF_NAME = 5,
	WF_ROLE = 6,
	WF_TEAM = 7,
	WF_VERSION = 8,
	WF_ID = 9,
	WF_RECORD = 10, /* an encoded record; may repeat */
	WF_TABLE = 11,
	WF_HOLDER = 12,
	WF_SINCE = 13, /* seconds since 1970 */
	WF_PREFIX = 14,
	WF_DISTRICT = 15,
	WF_PROVIDER = 16,
	WF_FIRST = 17,
	WF_MORE = 18,
	WF_PATH = 19,
	WF_USER = 20,
	WF_DATE = 21,
	WF_COUNT = 22,
	WF_MEDIAN = 23,
	WF_P99 = 24,
	WF_KIND = 25,
	WF_YEAR = 26,
	WF_DATA = 27,
	WF_RESET = 28,
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

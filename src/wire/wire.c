/* Messages and the socket ends of the protocol (see wire.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "wire/wire.h"

const char *wire_kind_name(uint16_t kind)
{
	switch (kind) {
#define X(name, number)   \
	case WIRE_##name: \
		return #name;
		WIRE_KIND_LIST(X)
#undef X
	default:
		return "UNKNOWN";
	}
}

void wire_begin(struct codec_buf *buf, enum wire_kind kind, uint64_t request)
{
	codec_begin(buf, (uint16_t)kind, WIRE_VERSION);
	codec_put_u64(buf, WF_REQUEST, request);
}

enum status wire_parse(const void *data, size_t len, struct wire_msg *msg)
{
	struct codec_reader reader;
	struct codec_field field;
	enum status st;
	bool has_request = false;

	if (len > WIRE_MAX_MESSAGE || codec_open(&reader, data, len) != STATUS_OK ||
	    reader.version != WIRE_VERSION)
		return STATUS_ERR_PROTOCOL;
	msg->kind = reader.kind;
	msg->data = data;
	msg->len = len;
	while ((st = codec_next(&reader, &field)) == STATUS_OK)
		if (field.tag == WF_REQUEST) {
			/* one request id: a second one would be read differently
			 * here and by wire_get_u64 */
			if (has_request || codec_get_u64(&field, &msg->request) != STATUS_OK)
				return STATUS_ERR_PROTOCOL;
			has_request = true;
		}
	return st == STATUS_ERR_NOT_FOUND && has_request ? STATUS_OK : STATUS_ERR_PROTOCOL;
}

static enum status find_field(const struct wire_msg *msg, uint16_t tag, struct codec_field *out)
{
	struct codec_reader reader;
	enum status st;

	codec_open(&reader, msg->data, msg->len);
	while ((st = codec_next(&reader, out)) == STATUS_OK)
		if (out->tag == tag)
			return STATUS_OK;
	return STATUS_ERR_NOT_FOUND;
}

enum status wire_get_u64(const struct wire_msg *msg, uint16_t tag, uint64_t *value)
{
	struct codec_field field;
	enum status st = find_field(msg, tag, &field);

	if (st != STATUS_OK)
		return st;
	return codec_get_u64(&field, value) == STATUS_OK ? STATUS_OK : STATUS_ERR_PROTOCOL;
}

enum status wire_get_str(const struct wire_msg *msg, uint16_t tag, char *buf, size_t size)
{
	struct codec_field field;
	enum status st = find_field(msg, tag, &field);

	if (st != STATUS_OK)
		return st;
	return codec_get_str(&field, buf, size) == STATUS_OK ? STATUS_OK : STATUS_ERR_PROTOCOL;
}

enum status wire_get_bytes(const struct wire_msg *msg, uint16_t tag, void *buf, size_t size,
                           size_t *len)
{
	struct codec_field field;
	enum status st = find_field(msg, tag, &field);

	if (st != STATUS_OK)
		return st;
	if (field.type != CODEC_BYTES || field.len > size)
		return STATUS_ERR_PROTOCOL;
	memcpy(buf, field.data, field.len);
	*len = field.len;
	return STATUS_OK;
}

enum status wire_get_record(const struct wire_msg *msg, const struct record_def *def, void *rec)
{
	struct codec_field field;
	enum status st = find_field(msg, WF_RECORD, &field);

	if (st != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	if (field.type != CODEC_BYTES ||
	    record_decode(def, field.data, field.len, rec) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	return STATUS_OK;
}

enum status wire_each(const struct wire_msg *msg, uint16_t tag,
                      enum status (*fn)(void *ctx, const struct codec_field *field), void *ctx)
{
	struct codec_reader reader;
	struct codec_field field;
	enum status st;

	codec_open(&reader, msg->data, msg->len);
	while ((st = codec_next(&reader, &field)) == STATUS_OK)
		if (field.tag == tag && (st = fn(ctx, &field)) != STATUS_OK)
			return st;
	return STATUS_OK;
}

static int socket_address(const char *path, struct sockaddr_un *addr)
{
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(addr->sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(addr->sun_path, path);
	return 0;
}

int wire_listen(const char *path, char *msg, size_t size)
{
	struct sockaddr_un addr;
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	/* The caller owns the data directory's lock, so a socket file left by
	 * a killed server is stale and may go. */
	if (fd < 0 || socket_address(path, &addr) != 0)
		goto fail;
	unlink(path);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 || chmod(path, 0666) != 0 ||
	    listen(fd, 256) != 0)
		goto fail;
	return fd;
fail:
	snprintf(msg, size, "cannot listen on %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return -1;
}

int wire_accept(int listen_fd, uid_t *uid, pid_t *pid)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);

	if (fd < 0)
		return -1;
	/* The kernel's word on who connected: never a name the client sends. */
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) {
		close(fd);
		return -1;
	}
	*uid = cred.uid;
	*pid = cred.pid;
	return fd;
}

enum status wire_send(int fd, const struct codec_buf *buf)
{
	ssize_t n;

	if (buf->failed || buf->len > WIRE_MAX_MESSAGE)
		return STATUS_ERR_TOO_LONG;
	do
		n = send(fd, buf->data, buf->len, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n == (ssize_t)buf->len)
		return STATUS_OK;
	if (n < 0 && (errno == EPIPE || errno == ECONNRESET || errno == ENOTCONN))
		return STATUS_ERR_UNAVAILABLE;
	return STATUS_ERR_IO;
}

enum status wire_recv(int fd, void *buf, size_t *len)
{
	ssize_t n;

	do
		n = recv(fd, buf, WIRE_MAX_MESSAGE, MSG_TRUNC);
	while (n < 0 && errno == EINTR);
	if (n == 0)
		return STATUS_ERR_UNAVAILABLE;
	if (n < 0)
		return errno == ECONNRESET ? STATUS_ERR_UNAVAILABLE : STATUS_ERR_IO;
	if (n > WIRE_MAX_MESSAGE)
		return STATUS_ERR_TOO_LONG;
	*len = (size_t)n;
	return STATUS_OK;
}
